/* The terms job: the memory's segments, units and document pairs read through the store
 * into a pairing model (src/terms), and its result written as one termbase refresh. */
#include "job/terms.h"

#include <string.h>

#include "store/terms-store.h"

void sv_job_terms_opts_init(struct sv_job_terms_opts *o)
{
	memset(o, 0, sizeof(*o));
	sv_terms_opts_init(&o->terms);
}

/* What the reading callbacks feed, with the progress to report. */
struct feed {
	struct sv_terms *tm;
	const struct sv_job_progress *progress;
	size_t n;
};

#define PROGRESS_EVERY 4096 /* items between progress reports while reading */

static void report(const struct sv_job_progress *p, const char *stage, size_t done, size_t total)
{
	if (p && p->fn)
		p->fn(p->ctx, stage, done, total);
}

static void feed_segment(void *ctx, const struct sv_store_term_segment *seg)
{
	struct feed *f = ctx;
	sv_terms_segment_add(f->tm, seg->lang, seg->id, seg->doc, seg->text);
	if (++f->n % PROGRESS_EVERY == 0)
		report(f->progress, "read", f->n, 0);
}

static void feed_unit(void *ctx, const int64_t *ru, size_t nru, const int64_t *bg, size_t nbg)
{
	struct feed *f = ctx;
	sv_terms_unit_add(f->tm, ru, nru, bg, nbg);
	if (++f->n % PROGRESS_EVERY == 0)
		report(f->progress, "units", f->n, 0);
}

static void feed_docpair(void *ctx, int64_t ru_doc, int64_t bg_doc)
{
	struct feed *f = ctx;
	sv_terms_docpair_add(f->tm, ru_doc, bg_doc);
}

int sv_job_terms(struct sv_store *st, struct sv_text *t, const struct sv_job_terms_opts *opts,
		 struct sv_terms_stats *result, struct sv_error *err)
{
	struct sv_job_terms_opts defaults;
	if (!opts) {
		sv_job_terms_opts_init(&defaults);
		opts = &defaults;
	}
	const struct sv_job_progress *progress = &opts->progress;
	struct sv_terms_stats stats;
	memset(&stats, 0, sizeof(stats));
	struct sv_termbase_refresh refresh;
	memset(&refresh, 0, sizeof(refresh));
	struct sv_terms *tm = NULL;
	int rc = sv_terms_open(t, &opts->terms, &tm, err);
	if (rc)
		goto out;
	struct feed f = { tm, progress, 0 };
	if ((rc = sv_store_terms_segments(st, feed_segment, &f, err)))
		goto out;
	report(progress, "read", f.n, f.n);
	if ((rc = sv_terms_extract(tm, &stats, err)))
		goto out;
	report(progress, "extract", 1, 1);
	f.n = 0;
	if ((rc = sv_store_terms_units(st, feed_unit, &f, err)) ||
	    (rc = sv_store_terms_docpairs(st, feed_docpair, &f, err)))
		goto out;
	report(progress, "units", f.n, f.n);
	if ((rc = sv_terms_pair(tm, &stats, err)))
		goto out;
	report(progress, "pair", 1, 1);
	sv_terms_result(tm, &refresh);
	rc = sv_store_terms_write(st, &refresh, &stats.pairs, &stats.kept, err);
	if (!rc)
		report(progress, "write", refresh.npairs, refresh.npairs);
out:
	if (rc)
		sv_error_prefix(err, "terms: ");
	sv_terms_result_release(&refresh);
	sv_terms_close(tm);
	if (result)
		*result = stats;
	return rc;
}

int sv_align_terms(struct sv_store *st, struct sv_text *t, const struct sv_terms_opts *opts,
		   struct sv_terms_stats *stats, struct sv_error *err)
{
	struct sv_job_terms_opts o;
	sv_job_terms_opts_init(&o);
	if (opts)
		o.terms = *opts;
	return sv_job_terms(st, t, &o, stats, err);
}
