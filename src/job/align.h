/* The align job (sverka align): pairs the memory's documents that cover the
 * same event, aligns their sentences (monotone for translations, mining for
 * comparable coverage), stores the document pairs and units, then extracts and
 * pairs terms over the whole memory, in one transaction. */
#ifndef SV_JOB_ALIGN_H
#define SV_JOB_ALIGN_H

#include <stddef.h>
#include <stdint.h>

#include "align/align.h"
#include "job/terms.h"
#include "job/job.h"
#include "store/store.h"

/* A document pair declared by a person: documents by id or path as added, in
 * either order (one Russian, one Bulgarian). */
struct sv_job_align_decl {
	const char *ru, *bg;          /* borrowed */
	enum sv_align_method method;  /* SV_ALIGN_MONOTONE (--parallel) or SV_ALIGN_MINING */
};

struct sv_job_align_opts {
	const struct sv_job_align_decl *decls; /* borrowed; with ndecls 0: find pairs */
	size_t ndecls;
	int all;                 /* without decls: re-align every pair found, not only new ones */
	const char *lexicon;     /* a lexicon file for alignment and terms; NULL: the seed */
	struct sv_job_progress progress; /* stages "read", "align", "store", "terms" */
};
void sv_job_align_opts_init(struct sv_job_align_opts *opts);

/* A document pair the run aligned and stored. */
struct sv_job_align_pair {
	char *ru_path, *bg_path;     /* owned by the result */
	float score;                 /* document pairing score (1 when declared) */
	int declared;
	enum sv_align_method method; /* as aligned: SV_ALIGN_MONOTONE or SV_ALIGN_MINING */
	size_t units;
};

/* Release with sv_job_align_result_release(). */
struct sv_job_align_result {
	struct sv_job_align_pair *pairs; /* in the order aligned */
	size_t npairs;
	size_t parallel, comparable;     /* pairs by method */
	size_t units;                    /* stored */
	struct sv_terms_stats terms;     /* of the term stage */
};
#define SV_JOB_ALIGN_RESULT_INIT { .pairs = NULL }
void sv_job_align_result_release(struct sv_job_align_result *res);

/* Runs the job on st. With declarations it aligns just those pairs; else it
 * loads every Russian and Bulgarian document, pairs them, and aligns the pairs
 * that touch a document no earlier run has seen and are not yet stored (every
 * pair with opts->all), then marks the documents seen. All pairs align in one
 * run (what the confident links teach serves every pair). Each pair's earlier
 * units are replaced. Nothing is stored on failure: SV_EINPUT for an unknown
 * document, SV_EUSAGE for a declared pair that is not a Russian and a Bulgarian
 * document, SV_ESTORE for the memory, with err set. *res (starting as
 * SV_JOB_ALIGN_RESULT_INIT) is filled on success. */
int sv_job_align(struct sv_store *st, const struct sv_job_align_opts *opts,
		 struct sv_job_align_result *res, struct sv_error *err);

#endif
