/* The review job: a reviewer's decision on a term pair through sv_termbase_decide(), the one
 * writer of decisions with their audit rows (store/review.c). */
#include "job/review.h"

#include "base/buf.h"
#include "terms/terms.h"

#define REVIEW_STAGE "review"

void sv_job_review_opts_init(struct sv_job_review_opts *o)
{
	*o = (struct sv_job_review_opts){
		.revision = SV_JOB_REVIEW_ANY_REVISION,
		.action = SV_JOB_REVIEW_STATUS,
		.status = SV_STATUS_APPROVED,
		.lang = SV_LANG_UNKNOWN,
		.who = "local",
	};
}

static void report(const struct sv_job_review_opts *o, size_t done)
{
	if (o->progress.fn)
		o->progress.fn(o->progress.ctx, REVIEW_STAGE, done, 1);
}

/* The decision opts asks for, without the lemma key of a variant. */
static int decision_of(const struct sv_job_review_opts *o, struct sv_termbase_decision *d,
		       struct sv_error *err)
{
	*d = (struct sv_termbase_decision){
		.pair = o->pair,
		.revision = o->revision < 0 ? -1 : o->revision,
		.note = o->note,
		.lang = o->lang,
		.who = o->who ? o->who : "local",
	};
	switch (o->action) {
	case SV_JOB_REVIEW_STATUS:
		d->action = SV_TERMBASE_SET_STATUS;
		d->status = o->status;
		return SV_OK;
	case SV_JOB_REVIEW_RESET:
		d->action = SV_TERMBASE_SET_STATUS;
		d->status = SV_STATUS_CANDIDATE;
		return SV_OK;
	case SV_JOB_REVIEW_NOTE:
		d->action = SV_TERMBASE_SET_NOTE;
		d->note = o->text;
		return SV_OK;
	case SV_JOB_REVIEW_CITATION:
		d->action = SV_TERMBASE_SET_CITATION;
		d->citation = o->text;
		return SV_OK;
	case SV_JOB_REVIEW_VARIANT:
		d->action = SV_TERMBASE_ADD_VARIANT;
		d->citation = o->text;
		return SV_OK;
	}
	return sv_error_set(err, SV_EINPUT, "review: unknown action %d", (int)o->action);
}

int sv_job_review(struct sv_store *st, const struct sv_job_review_opts *opts,
		  struct sv_job_review_result *result, struct sv_error *err)
{
	struct sv_job_review_opts defaults;
	struct sv_termbase_decision d;
	struct sv_buf key = SV_BUF_INIT;
	struct sv_text *own = NULL;
	struct sv_job_review_result res = { .outcome = SV_TERMBASE_DONE };
	int rc;
	if (!opts) {
		sv_job_review_opts_init(&defaults);
		opts = &defaults;
	}
	report(opts, 0);
	if ((rc = decision_of(opts, &d, err)))
		goto out;
	if (d.action == SV_TERMBASE_ADD_VARIANT && d.citation && *d.citation &&
	    (d.lang == SV_LANG_RU || d.lang == SV_LANG_BG)) {
		struct sv_text *t = opts->t;
		if (!t && !(t = own = sv_text_open(NULL, err))) {
			rc = err->code ? err->code : SV_ESTORE;
			goto out;
		}
		if ((rc = sv_terms_lemma_key(t, d.lang, d.citation, &key, err)))
			goto out;
		if (!key.len) {
			rc = sv_error_set(err, SV_EINPUT, "review: '%s' has no words", d.citation);
			goto out;
		}
		d.lemma_key = key.data;
	}
	if ((rc = sv_termbase_decide(st, &d, &res.outcome, &res.revision, &res.added, err)))
		goto out;
	report(opts, 1);
out:
	if (result)
		*result = res;
	sv_text_close(own);
	sv_buf_release(&key);
	return rc;
}
