/* The review job (sverka term approve|reject|forbid, the server's review page): one
 * reviewer's decision on one term pair, checked against the revision the reviewer saw and
 * written with its audit row (who, when) in one transaction of its own, or not at all.
 *
 * Ownership: the store, the sv_text and the strings of the options are borrowed for the
 * call; the result is the caller's (plain values). */
#ifndef SV_JOB_REVIEW_H
#define SV_JOB_REVIEW_H

#include <stdint.h>

#include "job/job.h"
#include "store/termbase.h"
#include "text/text.h"

/* opts.revision for a decision made without a page in hand (the command line). */
#define SV_JOB_REVIEW_ANY_REVISION (-1)

enum sv_job_review_action {
	SV_JOB_REVIEW_STATUS = 0, /* status: approved, rejected or forbidden */
	SV_JOB_REVIEW_RESET,      /* back to candidate (undo a decision) */
	SV_JOB_REVIEW_NOTE,       /* text is the note ("" clears it) */
	SV_JOB_REVIEW_CITATION,   /* text is lang's citation form; align keeps it */
	SV_JOB_REVIEW_VARIANT,    /* text is a term of lang paired by hand with the other term */
};

struct sv_job_review_opts {
	int64_t pair;                    /* the term pair's id */
	int64_t revision;                /* the revision the reviewer saw, or
					    SV_JOB_REVIEW_ANY_REVISION: do not check */
	enum sv_job_review_action action;
	enum sv_status status;           /* STATUS */
	enum sv_lang lang;               /* CITATION, VARIANT: SV_LANG_RU or SV_LANG_BG */
	const char *text;                /* NOTE, CITATION, VARIANT (see the actions) */
	const char *note;                /* STATUS, RESET, VARIANT: a note to attach (NULL: none) */
	const char *who;                 /* the reviewer in the audit trail ("local" when NULL) */
	struct sv_text *t;               /* VARIANT: lemmatises text; opened for the call when
					    NULL */
	struct sv_job_progress progress; /* stage "review", 0 then 1 of 1 */
};

/* Defaults: no pair, ANY_REVISION, STATUS approved, who "local", no progress. */
void sv_job_review_opts_init(struct sv_job_review_opts *o);

struct sv_job_review_result {
	enum sv_termbase_outcome outcome; /* DONE, MISSING (nothing written), STALE (nothing
					     written: the pair changed since revision) */
	int64_t revision;                 /* the pair's revision after the call (the current
					     one when stale) */
	int64_t added;                    /* VARIANT: the new pair, else 0 */
};

/* Applies the decision opts describes; the store must not be in a transaction. A missing or
 * stale pair is an outcome, not an error. SV_EINPUT for a bad action, status or lang, or an
 * empty citation or variant; a variant without words fails as sv_terms_lemma_key() does
 * (SV_EUSAGE). */
int sv_job_review(struct sv_store *st, const struct sv_job_review_opts *opts,
		  struct sv_job_review_result *result, struct sv_error *err);

#endif
