/* The terms job: the memory's segments, units and document pairs read through the store
 * into a pairing model (src/terms), and its result written as one termbase refresh. */
#include "job/terms.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
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

static int feed_segment(void *ctx, const struct sv_store_seg_row *seg)
{
	struct feed *f = ctx;
	enum sv_lang lang = !strcmp(seg->lang, "ru")   ? SV_LANG_RU
			    : !strcmp(seg->lang, "bg") ? SV_LANG_BG
						       : SV_LANG_OTHER;
	sv_terms_segment_add(f->tm, lang, seg->id, seg->doc, seg->text);
	if (++f->n % PROGRESS_EVERY == 0)
		report(f->progress, "read", f->n, 0);
	return 0;
}

/* The row ids of a unit's segment list ("12,13") into *ids (replacing); a malformed
 * list ends at its first non-number. */
static void parse_seg_list(const char *p, int64_t **ids, size_t *n, size_t *cap)
{
	*n = 0;
	while (p && *p) {
		char *e;
		long long id = strtoll(p, &e, 10);
		if (e == p)
			break;
		p = *e == ',' ? e + 1 : e;
		SV_GROW(*ids, *cap, *n + 1);
		(*ids)[(*n)++] = id;
	}
}

/* What feed_unit adds: the feed, and the segment ids of a unit's two sides (reused). */
struct unit_feed {
	struct feed *f;
	int64_t *ids[2];
	size_t n[2], cap[2];
};

static int feed_unit(void *ctx, const struct sv_store_unit *u)
{
	struct unit_feed *uf = ctx;
	parse_seg_list(u->ru_segs, &uf->ids[0], &uf->n[0], &uf->cap[0]);
	parse_seg_list(u->bg_segs, &uf->ids[1], &uf->n[1], &uf->cap[1]);
	sv_terms_unit_add(uf->f->tm, uf->ids[0], uf->n[0], uf->ids[1], uf->n[1]);
	if (++uf->f->n % PROGRESS_EVERY == 0)
		report(uf->f->progress, "units", uf->f->n, 0);
	return 0;
}

static int feed_docpair(void *ctx, const struct sv_store_docpair *pair)
{
	struct feed *f = ctx;
	sv_terms_docpair_add(f->tm, pair->ru_doc, pair->bg_doc);
	return 0;
}

/* Feeds every aligned unit (any status, segments on both sides, by id), then every
 * document pair. */
static int feed_units(struct sv_store *st, struct feed *f, struct sv_error *err)
{
	struct sv_store_units_filter filter = SV_STORE_UNITS_FILTER_INIT;
	filter.any_status = 1;
	filter.cited = 1;
	struct unit_feed uf = { .f = f };
	int rc = sv_store_units_list(st, &filter, feed_unit, &uf, err);
	free(uf.ids[0]);
	free(uf.ids[1]);
	if (!rc)
		rc = sv_store_docpairs_list(st, feed_docpair, f, err);
	return rc;
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
	if ((rc = sv_store_doc_segs(st, 0, feed_segment, &f, err)))
		goto out;
	report(progress, "read", f.n, f.n);
	if ((rc = sv_terms_extract(tm, &stats, err)))
		goto out;
	report(progress, "extract", 1, 1);
	f.n = 0;
	if ((rc = feed_units(st, &f, err)))
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
