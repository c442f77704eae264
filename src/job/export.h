/* The export job (sverka export): the memory's translation units as TMX,
 * XLIFF, CSV or TSV, its termbase as TBX, OmegaT glossary, CSV or phrase-level
 * TMX, or its document pairs as TSV, through the streaming writers of src/io. */
#ifndef SV_JOB_EXPORT_H
#define SV_JOB_EXPORT_H

#include "io/io.h"
#include "job/job.h"
#include "store/store.h"

struct sv_job_export_opts {
	enum sv_io_format format; /* not SV_IO_AUTO or SV_IO_PO */
	const char *output;       /* a file, written whole or not at all; NULL or "-": stdout */
	struct sv_io_options io;  /* the writer's; the job sets tsv_aligned, tmx_terms and, for
				   * SV_IO_TBX3, tbx_version from format and terms */
	int terms;                /* the termbase (concepts), also in tmx or csv */
	int documents;            /* the document pairs (score, ru path, bg path), format tsv */
	double min_score;         /* units or term pairs scored at least this */
	const char *status;       /* only this status; NULL: all but rejected */
	struct sv_job_progress progress; /* stage "export": items written (total 0) */
};
void sv_job_export_opts_init(struct sv_job_export_opts *opts);

struct sv_job_export_result {
	int concepts;          /* what was written: concepts (1) or units (0) */
	unsigned long written; /* units, concepts or document pairs */
};

/* True when opts exports the termbase (concepts) rather than units. */
int sv_job_export_concepts(const struct sv_job_export_opts *opts);

/* Writes what opts selects from st (units grouped by document pair with
 * io.xliff_per_doc). A failed export leaves no file. SV_EINPUT when the
 * output cannot be written, SV_ESTORE for the memory. */
int sv_job_export(struct sv_store *st, const struct sv_job_export_opts *opts,
		  struct sv_job_export_result *res, struct sv_error *err);

#endif
