/* Concordance: the lines of one language that hold a word or phrase in any
 * inflected form (segments_fts / units_fts over lemmas, checked token by
 * token), each with its aligned counterpart. */
#include "match/match-int.h"

#include "base/map.h"

#include <stdlib.h>
#include <string.h>

void sv_match_lines_release(struct sv_match_lines *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].text);
		free(r->v[i].other);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/* Index of the first token of the pattern in toks, or SIZE_MAX. */
static size_t find_pattern(const struct sv_mtoks *toks, const struct sv_mtoks *pat)
{
	if (!pat->n || toks->n < pat->n)
		return SIZE_MAX;
	for (size_t i = 0; i + pat->n <= toks->n; i++) {
		size_t k = 0;
		for (; k < pat->n; k++) {
			const struct sv_mtok *t = &toks->v[i + k], *p = &pat->v[k];
			if (!(t->klen == p->klen && !memcmp(t->key, p->key, t->klen)) &&
			    !mt_lemma_eq(t, p))
				break;
		}
		if (k == pat->n)
			return i;
	}
	return SIZE_MAX;
}

/* The FTS5 query for a pattern: its one word's lemmas OR'ed, or its words'
 * first lemmas NEAR each other. */
static void pattern_query(const struct sv_mtoks *pat, struct sv_buf *q)
{
	struct sv_buf alt = SV_BUF_INIT;
	sv_buf_reset(q);
	if (pat->n == 1) {
		sv_buf_addc(q, '(');
		for (size_t i = 0;; i++) {
			sv_buf_reset(&alt);
			if (!mt_lemma_alt(&pat->v[0], i, &alt))
				break;
			if (!alt.len)
				continue;
			if (i)
				sv_buf_adds(q, " OR ");
			mt_fts_quote(q, alt.data, alt.len);
		}
		sv_buf_addc(q, ')');
	} else {
		sv_buf_adds(q, "NEAR(");
		for (size_t i = 0; i < pat->n; i++) {
			sv_buf_reset(&alt);
			mt_lemma_alt(&pat->v[i], 0, &alt);
			if (i)
				sv_buf_addc(q, ' ');
			mt_fts_quote(q, alt.data, alt.len);
		}
		sv_buf_addf(q, ", %zu)", pat->n * 2 + 2);
	}
	sv_buf_release(&alt);
}

/* Whether a row is a new hit: the tokens of its analysis (norm, lemmas)
 * hold the pattern, and no row before had the same text (remembered in
 * seen). The index of the pattern's first token, or SIZE_MAX; toks is
 * scratch. */
static size_t new_hit(const struct sv_mtoks *pat, const char *text, const char *norm,
		      const char *lemmas, struct sv_map *seen, struct sv_mtoks *toks)
{
	mt_mtoks(norm, lemmas, toks);
	size_t at = find_pattern(toks, pat);
	if (at == SIZE_MAX)
		return SIZE_MAX;
	int added;
	sv_map_add(seen, text ? text : "", text ? strlen(text) : 0, &added);
	return added ? at : SIZE_MAX;
}

static struct sv_match_line *new_line(struct sv_match_lines *out)
{
	SV_GROW(out->v, out->cap, out->n + 1);
	struct sv_match_line *l = &out->v[out->n++];
	memset(l, 0, sizeof(*l));
	return l;
}

/* The lines of one pattern being collected. */
struct concord {
	struct sv_match *m;
	enum sv_lang lang;
	const struct sv_mtoks *pat;
	size_t limit;
	struct sv_match_lines *out;
	size_t first;         /* out->v[first..] are this pattern's */
	size_t found;         /* lines found, shown or not */
	struct sv_map seen;   /* texts counted, shown or not */
	struct sv_mtoks toks; /* scratch */
	struct seg_hit {      /* segments kept, before their counterparts */
		int64_t id, doc;
		char *text, *norm;
		size_t at;
	} *segs;
	size_t nsegs, csegs;
};

static int unit_line(void *ctx, const struct sv_store_unit_view *u)
{
	struct concord *c = ctx;
	size_t at = new_hit(c->pat, u->text, u->norm, u->lemmas, &c->seen, &c->toks);
	if (at == SIZE_MAX)
		return 0;
	c->found++;
	if (c->out->n - c->first >= c->limit)
		return 0;
	struct sv_match_line *l = new_line(c->out);
	l->unit = u->id;
	l->lang = c->lang;
	l->text = mt_dup(u->text);
	l->other = mt_dup(u->other);
	mt_token_span(c->m, l->text, u->norm, at, c->pat->n, &l->hl);
	return 0;
}

static int seg_line(void *ctx, const struct sv_store_seg_row *seg)
{
	struct concord *c = ctx;
	size_t at = new_hit(c->pat, seg->text, seg->norm, seg->lemmas, &c->seen, &c->toks);
	if (at == SIZE_MAX)
		return 0;
	c->found++;
	if (c->out->n - c->first + c->nsegs >= c->limit)
		return 0;
	SV_GROW(c->segs, c->csegs, c->nsegs + 1);
	struct seg_hit *h = &c->segs[c->nsegs++];
	h->id = seg->id;
	h->doc = seg->doc;
	h->text = mt_dup(seg->text);
	h->norm = mt_dup(seg->norm);
	h->at = at;
	return 0;
}

/* The kept segments as lines, each with the unit it was aligned into. */
static int seg_lines(struct concord *c, struct sv_error *err)
{
	int rc = SV_OK;
	for (size_t i = 0; i < c->nsegs && !rc; i++) {
		struct sv_match_line *l = new_line(c->out);
		l->seg = c->segs[i].id;
		l->doc = c->segs[i].doc;
		l->lang = c->lang;
		l->text = c->segs[i].text;
		c->segs[i].text = NULL;
		mt_token_span(c->m, l->text, c->segs[i].norm, c->segs[i].at, c->pat->n,
				     &l->hl);
		rc = sv_store_seg_unit(c->m->st, c->lang, l->doc, l->seg, &l->unit, &l->other, err);
	}
	return rc;
}

/* Units first (they carry their counterparts), then segments not shown as
 * units; rows are read up to a bound and the first `limit` distinct kept. */
static int concord_pattern(struct sv_match *m, enum sv_lang lang, const struct sv_mtoks *pat,
			   size_t limit, struct sv_match_lines *out, struct sv_error *err)
{
	int rc = SV_OK;
	struct sv_buf q = SV_BUF_INIT;
	struct concord c = {
		.m = m, .lang = lang, .pat = pat, .limit = limit, .out = out, .first = out->n,
		.seen = SV_MAP_INIT,
	};
	if (!pat->n || !limit)
		goto out;
	size_t rows = limit * 8 + 32;
	pattern_query(pat, &q);
	if ((rc = sv_store_units_match(m->st, lang, q.data, rows, unit_line, &c, err)) ||
	    (rc = sv_store_segs_match(m->st, lang, q.data, rows, seg_line, &c, err)))
		goto out;
	rc = seg_lines(&c, err);
out:
	out->total += c.found;
	for (size_t i = 0; i < c.nsegs; i++) {
		free(c.segs[i].text);
		free(c.segs[i].norm);
	}
	free(c.segs);
	sv_map_release(&c.seen);
	sv_buf_release(&q);
	mt_mtoks_release(&c.toks);
	return rc;
}

int sv_match_concord_lemmas(struct sv_match *m, enum sv_lang lang, const char *lemma_key,
			    size_t limit, struct sv_match_lines *out, struct sv_error *err)
{
	struct sv_mtoks pat = { 0 };
	mt_mtoks(lemma_key, lemma_key, &pat);
	int rc = concord_pattern(m, lang, &pat, limit, out, err);
	mt_mtoks_release(&pat);
	return rc;
}

void sv_match_concord_opts_init(struct sv_match_concord_opts *o)
{
	*o = (struct sv_match_concord_opts){
		.lang = SV_LANG_UNKNOWN,
		.limit = 20,
	};
}

int sv_match_concord(struct sv_match *m, const char *word,
		     const struct sv_match_concord_opts *opts, struct sv_match_lines *out,
		     enum sv_lang *used, struct sv_error *err)
{
	struct sv_match_concord_opts o;
	sv_match_concord_opts_init(&o);
	if (opts) {
		o.lang = opts->lang;
		if (opts->limit)
			o.limit = opts->limit;
	}
	enum sv_lang lang = o.lang;
	size_t limit = o.limit;
	enum sv_lang langs[2];
	size_t nl = 0;
	if (lang == SV_LANG_RU || lang == SV_LANG_BG) {
		langs[nl++] = lang;
	} else {
		enum sv_lang d = sv_lang_detect(word, strlen(word), NULL);
		langs[nl++] = d == SV_LANG_BG ? SV_LANG_BG : SV_LANG_RU;
		langs[nl++] = langs[0] == SV_LANG_RU ? SV_LANG_BG : SV_LANG_RU;
	}
	struct sv_buf norm = SV_BUF_INIT, lemmas = SV_BUF_INIT;
	struct sv_mtoks pat = { 0 };
	int rc = SV_OK, found_any = 0;
	if (used)
		*used = langs[0];
	for (size_t i = 0; i < nl; i++) {
		if ((rc = mt_analyse(m, langs[i], word, &norm, &lemmas, err)))
			break;
		mt_mtoks(norm.data, lemmas.data, &pat);
		size_t before = out->n;
		if ((rc = concord_pattern(m, langs[i], &pat, limit, out, err)))
			break;
		if (out->n > before && used && !found_any)
			*used = langs[i];
		found_any |= out->n > before;
	}
	sv_buf_release(&norm);
	sv_buf_release(&lemmas);
	mt_mtoks_release(&pat);
	return rc;
}
