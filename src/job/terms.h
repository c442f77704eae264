/* The terms job: extracts the terms of every Russian and Bulgarian segment in the memory,
 * pairs them using the units and document pairs `align` stored, and refreshes the termbase
 * without touching a person's decisions. The verb of `sverka align`'s term step.
 *
 * Ownership: the store and the sv_text are borrowed for the call; the result is the
 * caller's (plain counts). */
#ifndef SV_JOB_TERMS_H
#define SV_JOB_TERMS_H

#include "job/job.h"
#include "store/store.h"
#include "terms/terms.h"
#include "text/text.h"

struct sv_job_terms_opts {
	struct sv_terms_opts terms;      /* extraction and pairing (sv_terms_opts_init()) */
	struct sv_job_progress progress; /* stages "read", "extract", "units", "pair", "write";
					    done/total count segments, units or pairs */
};

void sv_job_terms_opts_init(struct sv_job_terms_opts *o);

/* Runs the terms job inside the caller's transaction (sv_store_begin/_commit). opts may be
 * NULL (defaults); result (may be NULL) gets the counts. Errors are prefixed "terms: ". */
int sv_job_terms(struct sv_store *st, struct sv_text *t, const struct sv_job_terms_opts *opts,
		 struct sv_terms_stats *result, struct sv_error *err);

/* sv_job_terms() with the terms options only and no progress, for the align job; new
 * callers use sv_job_terms(). */
int sv_align_terms(struct sv_store *st, struct sv_text *t, const struct sv_terms_opts *opts,
		   struct sv_terms_stats *stats, struct sv_error *err);

#endif
