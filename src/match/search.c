/* Fuzzy translation-memory search: candidates from units_fts (the query's
 * rarest lemmas, OR, bm25 top-K), rescored with the token edit-distance
 * score of sv_match_score() and returned best first with differing words. */
#include "match/match-int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void tm_release(struct sv_match_tm *tm)
{
	free(tm->ru);
	free(tm->bg);
	free(tm->origin);
	free(tm->method);
	free(tm->diff);
}

void sv_match_tms_release(struct sv_match_tms *r)
{
	for (size_t i = 0; i < r->n; i++)
		tm_release(&r->v[i]);
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/* Query tokens looked up at most; postings read per token to tell a rare
 * one; rare tokens that are enough; common tokens paired when fewer than
 * three are rare, and the units read at most from those pairs. */
#define SEARCH_TOKENS 24
#define SEARCH_RARE 2500
#define SEARCH_PAIRED 5
#define SEARCH_ENOUGH 4
#define SEARCH_POSTINGS 60000

/* Units and their accumulated weights: an open-addressing table, then the
 * best entries moved to the front. */
struct acc_ent {
	int64_t id; /* 0 = empty */
	float w;
};

struct acc {
	struct acc_ent *v;
	size_t cap, n;
};

static void acc_add(struct acc *a, int64_t id, float w)
{
	if ((a->n + 1) * 2 > a->cap) {
		struct acc old = *a;
		a->cap = old.cap ? old.cap * 2 : 4096;
		a->v = sv_calloc(a->cap, sizeof(*a->v));
		a->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.v[i].id)
				acc_add(a, old.v[i].id, old.v[i].w);
		free(old.v);
	}
	size_t h = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull >> 20) & (a->cap - 1);
	while (a->v[h].id && a->v[h].id != id)
		h = (h + 1) & (a->cap - 1);
	if (!a->v[h].id) {
		a->v[h].id = id;
		a->n++;
	}
	a->v[h].w += w;
}

static int cmp_acc(const void *x, const void *y)
{
	const struct acc_ent *a = x, *b = y;
	if (a->w != b->w)
		return a->w > b->w ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Moves the k best entries (by weight, then id) to v[0..k), sorted; returns
 * how many there are. */
static size_t acc_best(struct acc *a, size_t k)
{
	size_t n = 0;
	for (size_t i = 0; i < a->cap; i++)
		if (a->v[i].id)
			a->v[n++] = a->v[i];
	if (!n)
		return 0;
	/* the k-th largest weight by selection on a copy of the weights */
	if (n > k) {
		float lo = a->v[0].w, hi = a->v[0].w;
		for (size_t i = 1; i < n; i++) {
			if (a->v[i].w < lo)
				lo = a->v[i].w;
			if (a->v[i].w > hi)
				hi = a->v[i].w;
		}
		/* bisect a threshold keeping at least k entries */
		for (int it = 0; it < 24 && hi - lo > 1e-4f; it++) {
			float mid = (lo + hi) / 2;
			size_t c = 0;
			for (size_t i = 0; i < n; i++)
				c += a->v[i].w >= mid;
			if (c >= k)
				lo = mid;
			else
				hi = mid;
		}
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			if (a->v[i].w >= lo)
				a->v[m++] = a->v[i];
		n = m;
	}
	qsort(a->v, n, sizeof(*a->v), cmp_acc);
	return n < k ? n : k;
}

/* One query token's postings: the units whose column holds one of its
 * lemmas, read up to a cap (complete when the cap was not reached). */
struct tokpost {
	size_t tok;
	int64_t *ids;
	size_t n, cap;
	int complete;
	struct sv_store_postings *it; /* open while incomplete */
	char *expr;                   /* its FTS5 expression: ("a" OR "b") */
};

static int cmp_tokpost(const void *a, const void *b)
{
	const struct tokpost *x = a, *y = b;
	if (!x->n != !y->n)
		return !x->n - !y->n; /* words no unit has: last */
	if (x->complete != y->complete)
		return y->complete - x->complete;
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	return x->tok < y->tok ? -1 : x->tok > y->tok;
}

/* Reads up to max more unit ids of tp (complete when they ran out). */
static int read_posts(struct tokpost *tp, size_t max, struct sv_error *err)
{
	for (size_t k = 0; k < max; k++) {
		int64_t unit;
		int rc = sv_store_postings_next(tp->it, &unit, err);
		if (rc)
			return rc;
		if (!unit) {
			tp->complete = 1;
			break;
		}
		SV_GROW(tp->ids, tp->cap, tp->n + 1);
		tp->ids[tp->n++] = unit;
	}
	return SV_OK;
}

/* Trims ASCII spaces for the identical-text test. */
static int same_text(const char *a, const char *b)
{
	while (*a == ' ')
		a++;
	while (*b == ' ')
		b++;
	size_t na = strlen(a), nb = strlen(b);
	while (na && a[na - 1] == ' ')
		na--;
	while (nb && b[nb - 1] == ' ')
		nb--;
	return na == nb && !memcmp(a, b, na);
}

/* A scored candidate with its analysed text, for the diff. */
struct cand {
	struct sv_match_tm tm;
	char *norm, *lemmas;
};

static int cmp_cand(const void *a, const void *b)
{
	const struct sv_match_tm *x = &((const struct cand *)a)->tm,
				 *y = &((const struct cand *)b)->tm;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	int ax = x->status == SV_STATUS_APPROVED, ay = y->status == SV_STATUS_APPROVED;
	if (ax != ay)
		return ay - ax;
	return x->unit < y->unit ? -1 : x->unit > y->unit;
}

void sv_match_search_opts_init(struct sv_match_search_opts *o)
{
	*o = (struct sv_match_search_opts){
		.lang = SV_LANG_UNKNOWN,
		.limit = 5,
		.min_score = 50,
		.candidates = 80,
	};
}

/* One search: the query's analysis, its tokens' postings, the weighted
 * units and the scored candidates; freed by search_release(). */
struct search {
	struct sv_match *m;  /* borrowed */
	const char *text;    /* borrowed */
	struct sv_match_search_opts o;
	enum sv_lang lang;
	struct sv_buf norm, lemmas;
	struct sv_mtoks toks;
	size_t *order;       /* token indexes in the order they are looked up */
	struct tokpost *tp;  /* the tokens looked up; rare ones first after read_postings */
	size_t ntp, ctp;
	size_t nrare;        /* tp[0..nrare) are rare: complete and not empty */
	int64_t nunits;      /* the largest unit id, for idf */
	struct acc acc;
	struct cand *c;      /* the units scored at or above the floor */
	size_t nc, cc;
	size_t candidates;   /* units read and scored */
};

static void search_release(struct search *s)
{
	sv_buf_release(&s->norm);
	sv_buf_release(&s->lemmas);
	mt_mtoks_release(&s->toks);
	free(s->order);
	for (size_t i = 0; i < s->ntp; i++) {
		sv_store_postings_close(s->tp[i].it);
		free(s->tp[i].ids);
		free(s->tp[i].expr);
	}
	free(s->tp);
	free(s->acc.v);
	for (size_t i = 0; i < s->nc; i++) {
		tm_release(&s->c[i].tm);
		free(s->c[i].norm);
		free(s->c[i].lemmas);
	}
	free(s->c);
}

/* Longer words first (a free guess at rarity, so that the rare ones are
 * found after a few reads), alternately from the sentence's two halves (so
 * that a unit holding only one half of it does not tie with one holding all
 * of it). */
static void order_tokens(struct search *s)
{
	const struct sv_mtoks *toks = &s->toks;
	size_t *order = sv_malloc((toks->n + 1) * sizeof(*order));
	size_t half = (toks->n + 1) / 2;
	for (size_t i = 0; i < toks->n; i++)
		order[i] = i;
	for (int h = 0; h < 2; h++) {
		size_t *v = order + (h ? half : 0), n = h ? toks->n - half : half;
		for (size_t i = 1; i < n; i++)
			for (size_t k = i; k > 0 && toks->v[v[k]].klen > toks->v[v[k - 1]].klen;
			     k--) {
				size_t x = v[k];
				v[k] = v[k - 1];
				v[k - 1] = x;
			}
	}
	s->order = sv_malloc((toks->n + 1) * sizeof(*s->order));
	for (size_t a = 0, b = half, k = 0; k < toks->n;) {
		if (a < half)
			s->order[k++] = order[a++];
		if (b < toks->n)
			s->order[k++] = order[b++];
	}
	free(order);
}

/* The FTS5 expression for a token's lemmas: ("a" OR "b"). */
static void token_expr(const struct sv_mtok *t, struct sv_buf *q)
{
	struct sv_buf alt = SV_BUF_INIT;
	sv_buf_reset(q);
	sv_buf_addc(q, '(');
	for (size_t k = 0; mt_lemma_alt(t, k, &alt); k++) {
		if (alt.len) {
			if (q->data[q->len - 1] != '(')
				sv_buf_adds(q, " OR ");
			mt_fts_quote(q, alt.data, alt.len);
		}
		sv_buf_reset(&alt);
	}
	sv_buf_release(&alt);
	sv_buf_addc(q, ')');
}

/* Whether token i has the same lemmas as a token looked up already. */
static int token_seen(const struct search *s, size_t i)
{
	const struct sv_mtok *t = &s->toks.v[i];
	for (size_t k = 0; k < s->ntp; k++) {
		const struct sv_mtok *u = &s->toks.v[s->tp[k].tok];
		if (u->llen == t->llen && !memcmp(u->lem, t->lem, t->llen))
			return 1;
	}
	return 0;
}

/* Each content token's postings (its lemmas OR'ed; stop words only when
 * there is nothing else), in token order, read up to SEARCH_RARE rows: the
 * tokens under that cap are the rare ones. Stops at SEARCH_ENOUGH rare
 * tokens or SEARCH_TOKENS looked up; then sorts the rare ones first. */
static int read_postings(struct search *s, struct sv_error *err)
{
	struct sv_buf q = SV_BUF_INIT;
	size_t rare = 0;
	int rc = SV_OK;
	for (int content_only = 1; content_only >= 0 && !s->ntp; content_only--) {
		for (size_t oi = 0;
		     oi < s->toks.n && s->ntp < SEARCH_TOKENS && rare < SEARCH_ENOUGH; oi++) {
			size_t i = s->order[oi];
			const struct sv_mtok *t = &s->toks.v[i];
			if (content_only && sv_text_is_stopword(s->lang, t->key, t->klen))
				continue;
			if (!t->llen || token_seen(s, i))
				continue;
			token_expr(t, &q);
			SV_GROW(s->tp, s->ctp, s->ntp + 1);
			struct tokpost *x = &s->tp[s->ntp++];
			memset(x, 0, sizeof(*x));
			x->tok = i;
			x->expr = sv_strdup(q.data);
			if ((rc = sv_store_postings_open(s->m->st, s->lang, q.data, &x->it, err)) ||
			    (rc = read_posts(x, SEARCH_RARE, err)))
				goto out;
			rare += x->complete && x->n;
		}
	}
	if (s->ntp > 1)
		qsort(s->tp, s->ntp, sizeof(*s->tp), cmp_tokpost);
	while (s->nrare < s->ntp && s->tp[s->nrare].complete && s->tp[s->nrare].n)
		s->nrare++;
out:
	sv_buf_release(&q);
	return rc;
}

/* Units found by a query, all of the same weight. */
struct weighted {
	struct acc *acc;
	float w;
};

static int acc_post(void *ctx, int64_t unit)
{
	struct weighted *p = ctx;
	acc_add(p->acc, unit, p->w);
	return 0;
}

/* Too few rare tokens: the units holding two or more of the common ones
 * (pairwise AND, which FTS5 answers by skipping through the doclists), up
 * to SEARCH_POSTINGS of them, weighted alike. */
static int pair_fallback(struct search *s, struct sv_error *err)
{
	size_t common[SEARCH_PAIRED], ncommon = 0;
	int rc = SV_OK;
	struct sv_buf q = SV_BUF_INIT;
	if (s->nrare >= 3 || s->ntp <= s->nrare)
		goto out;
	for (size_t i = s->nrare; i < s->ntp && ncommon < SEARCH_PAIRED; i++)
		if (!s->tp[i].complete && s->tp[i].n)
			common[ncommon++] = i;
	if (ncommon < 2)
		goto out;
	sv_buf_addc(&q, '(');
	for (size_t a = 0; a < ncommon; a++)
		for (size_t b = a + 1; b < ncommon; b++)
			sv_buf_addf(&q, "%s(%s AND %s)", q.data[q.len - 1] == '(' ? "" : " OR ",
				    s->tp[common[a]].expr, s->tp[common[b]].expr);
	sv_buf_addc(&q, ')');
	struct weighted post = {
		&s->acc, 2.0f * (float)log((double)(s->nunits + 1) / (SEARCH_RARE + 1.0)) + 0.1f
	};
	rc = sv_store_unit_ids_match(s->m->st, s->lang, q.data, SEARCH_POSTINGS, acc_post, &post,
				     err);
out:
	sv_buf_release(&q);
	return rc;
}

/* The rare tokens' units, each weighted by the token's idf. */
static void weigh_rare(struct search *s)
{
	for (size_t i = 0; i < s->ntp; i++) {
		const struct tokpost *tp = &s->tp[i];
		if (!tp->complete || !tp->n)
			continue;
		float w = (float)log((double)(s->nunits + 1) / (double)(tp->n + 1)) + 0.1f;
		for (size_t k = 0; k < tp->n; k++)
			acc_add(&s->acc, tp->ids[k], w);
	}
}

/* Scores one unit: a candidate when it reaches the floor (the length
 * difference alone bounds the score, so most are left before scoring). */
static int score_unit(void *ctx, const struct sv_store_unit_view *u)
{
	struct search *s = ctx;
	double floor = s->o.min_score;
	s->candidates++;
	if (!u->norm || !u->text)
		return 0;
	size_t cn = 0;
	for (const char *p = u->norm; *p; p++)
		cn += (p == u->norm || p[-1] == ' ') && *p != ' ';
	size_t qn = s->toks.n;
	size_t L = cn > qn ? cn : qn, D = cn > qn ? cn - qn : qn - cn;
	if (L && 100.0 * (double)(L - D) / (double)L < floor)
		return 0;
	double sc = sv_match_score(s->norm.data, s->lemmas.data, u->norm, u->lemmas, NULL, 0);
	if (sc >= 100 && !same_text(u->text, s->text))
		sc = 99;
	if (sc < floor)
		return 0;
	int ru = s->lang == SV_LANG_RU;
	SV_GROW(s->c, s->cc, s->nc + 1);
	struct cand *x = &s->c[s->nc++];
	memset(x, 0, sizeof(*x));
	x->tm.unit = u->id;
	x->tm.score = sc;
	x->tm.ru = mt_dup(ru ? u->text : u->other);
	x->tm.bg = mt_dup(ru ? u->other : u->text);
	x->tm.status = u->status;
	x->tm.origin = mt_dup(u->origin);
	x->tm.method = mt_dup(u->method);
	x->norm = sv_strdup(u->norm);
	x->lemmas = mt_dup(u->lemmas);
	return 0;
}

/* The best-weighted units, read and scored, the candidates sorted best
 * first. */
static int score_candidates(struct search *s, struct sv_error *err)
{
	size_t nbest = acc_best(&s->acc, s->o.candidates);
	int rc;
	for (size_t bi = 0; bi < nbest; bi++)
		if ((rc = sv_store_unit_view_read(s->m->st, s->acc.v[bi].id, s->lang, score_unit, s,
						  err)))
			return rc;
	if (s->nc > 1)
		qsort(s->c, s->nc, sizeof(*s->c), cmp_cand);
	return SV_OK;
}

/* The best candidates with distinct texts, up to the limit, moved to out
 * with the words that differ from the query marked. */
static void mark_diffs(struct search *s, struct sv_match_tms *out)
{
	uint8_t *diff = NULL;
	size_t cdiff = 0;
	struct sv_mtoks ct = { 0 };
	int ru = s->lang == SV_LANG_RU;
	for (size_t i = 0; i < s->nc && out->n < s->o.limit; i++) {
		struct sv_match_tm *tm = &s->c[i].tm;
		int dup = 0;
		for (size_t k = 0; k < out->n && !dup; k++)
			dup = !strcmp(out->v[k].ru, tm->ru) && !strcmp(out->v[k].bg, tm->bg);
		if (dup)
			continue;
		mt_mtoks(s->c[i].norm, NULL, &ct);
		SV_GROW(diff, cdiff, ct.n + 1);
		sv_match_score(s->norm.data, s->lemmas.data, s->c[i].norm, s->c[i].lemmas, diff,
			       ct.n);
		mt_mark_spans(s->m, ru ? tm->ru : tm->bg, s->c[i].norm, diff, ct.n,
				     &tm->diff, &tm->ndiff);
		SV_GROW(out->v, out->cap, out->n + 1);
		out->v[out->n++] = *tm;
		memset(tm, 0, sizeof(*tm));
	}
	mt_mtoks_release(&ct);
	free(diff);
}

int sv_match_search(struct sv_match *m, const char *text, const struct sv_match_search_opts *opts,
		    struct sv_match_tms *out, struct sv_error *err)
{
	struct search s = { .m = m, .text = text, .norm = SV_BUF_INIT, .lemmas = SV_BUF_INIT };
	sv_match_search_opts_init(&s.o);
	if (opts) {
		s.o.lang = opts->lang;
		if (opts->limit)
			s.o.limit = opts->limit;
		if (opts->min_score > 0)
			s.o.min_score = opts->min_score;
		if (opts->candidates)
			s.o.candidates = opts->candidates;
	}
	sv_match_tms_release(out);
	s.lang = s.o.lang;
	if (s.lang != SV_LANG_RU && s.lang != SV_LANG_BG) {
		enum sv_lang d = sv_lang_detect(text, strlen(text), NULL);
		s.lang = d == SV_LANG_BG ? SV_LANG_BG : SV_LANG_RU;
	}
	out->lang = s.lang;
	int rc;
	if ((rc = mt_analyse(m, s.lang, text, &s.norm, &s.lemmas, err)))
		goto out;
	mt_mtoks(s.norm.data, s.lemmas.data, &s.toks);
	if (!s.toks.n)
		goto out;
	if ((rc = sv_store_units_max_id(m->st, &s.nunits, err)))
		goto out;
	if (!s.nunits)
		s.nunits = 1;
	order_tokens(&s);
	if ((rc = read_postings(&s, err)) || (rc = pair_fallback(&s, err)))
		goto out;
	weigh_rare(&s);
	if ((rc = score_candidates(&s, err)))
		goto out;
	out->candidates = s.candidates;
	mark_diffs(&s, out);
out:
	search_release(&s);
	return rc;
}
