/* The import job (sverka import): translation memories (TMX, XLIFF, CSV, TSV)
 * become units with their provenance, glossaries (TBX, OmegaT, CSV) approved
 * term pairs; pivot mode joins an en->ru and an en->bg memory. One transaction
 * per file: a file that fails leaves nothing of itself. */
#ifndef SV_JOB_IMPORT_H
#define SV_JOB_IMPORT_H

#include <stddef.h>

#include "io/io.h"
#include "job/job.h"
#include "store/store.h"

/* What one file (or pivot pair) brought in. */
struct sv_job_import_counts {
	unsigned long units;  /* new units */
	unsigned long merged; /* units already imported (their count raised) */
	unsigned long pairs;  /* term pairs */
};

/* Called after each file (pivot: each pair of files, pivot_bg the second; else
 * NULL): rc SV_OK with what it brought, or its error (in ferr) after which the
 * run goes on. Storage failures end the run instead. */
typedef void (*sv_job_import_file_fn)(void *ctx, const char *path, const char *pivot_bg,
				      int rc, const struct sv_job_import_counts *counts,
				      const struct sv_error *ferr);
/* A recoverable problem in a file (a skipped unit, an unknown language); line
 * 0 when it has no line. */
typedef void (*sv_job_import_warning_fn)(void *ctx, const char *file, unsigned long line,
					 unsigned long col, const char *msg);

struct sv_job_import_opts {
	enum sv_io_format format;   /* SV_IO_AUTO: detect per file */
	int pivot;                  /* paths go in pairs: en->ru, then en->bg (--pivot en) */
	/* "candidate" or "approved" for every unit; NULL: the file's own (candidate,
	 * approved or rejected), else approved */
	const char *status;
	sv_job_import_file_fn on_file;       /* may be NULL */
	sv_job_import_warning_fn on_warning; /* may be NULL */
	void *ctx;                           /* passed to both */
	struct sv_job_progress progress;     /* stage "import": files done of total */
};
void sv_job_import_opts_init(struct sv_job_import_opts *opts);

struct sv_job_import_result {
	struct sv_job_import_counts total;
	unsigned long warnings;
	size_t failed;              /* files (pivot: pairs) that left nothing */
};

/* Imports paths[0..n) into st, each file in its own transaction. Returns SV_OK
 * when every file was read or failed on its own (res->failed); SV_EUSAGE for an
 * odd number of pivot files; SV_ESTORE (or the text pipeline's error) with err
 * set, the failing file left out and the earlier ones kept. */
int sv_job_import(struct sv_store *st, const char *const *paths, size_t n,
		  const struct sv_job_import_opts *opts, struct sv_job_import_result *res,
		  struct sv_error *err);

#endif
