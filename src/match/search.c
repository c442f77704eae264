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
	free(tm->status);
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
	sqlite3_stmt *st; /* open while incomplete */
	char *expr;       /* its FTS5 expression: ("a" OR "b") */
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

/* Reads up to max more rowids of tp; returns an SQLite code (SQLITE_DONE
 * or SQLITE_ROW when stopped at the cap). */
static int read_posts(struct tokpost *tp, size_t max)
{
	int rc = SQLITE_ROW;
	for (size_t k = 0; k < max && (rc = sqlite3_step(tp->st)) == SQLITE_ROW; k++) {
		SV_GROW(tp->ids, tp->cap, tp->n + 1);
		tp->ids[tp->n++] = sqlite3_column_int64(tp->st, 0);
	}
	if (rc == SQLITE_DONE)
		tp->complete = 1;
	return rc;
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
	int ax = !strcmp(x->status, "approved"), ay = !strcmp(y->status, "approved");
	if (ax != ay)
		return ay - ax;
	return x->unit < y->unit ? -1 : x->unit > y->unit;
}

int sv_match_search(struct sv_match *m, const char *text, const struct sv_match_search_opts *opts,
		    struct sv_match_tms *out, struct sv_error *err)
{
	struct sv_match_search_opts o = { SV_LANG_UNKNOWN, 5, 50, 80 };
	if (opts) {
		o.lang = opts->lang;
		if (opts->limit)
			o.limit = opts->limit;
		if (opts->min_score > 0)
			o.min_score = opts->min_score;
		if (opts->candidates)
			o.candidates = opts->candidates;
	}
	sv_match_tms_release(out);
	enum sv_lang lang = o.lang;
	if (lang != SV_LANG_RU && lang != SV_LANG_BG) {
		enum sv_lang d = sv_lang_detect(text, strlen(text), NULL);
		lang = d == SV_LANG_BG ? SV_LANG_BG : SV_LANG_RU;
	}
	out->lang = lang;
	int ru = lang == SV_LANG_RU;
	const char *col = ru ? "ru_lemmas" : "bg_lemmas";
	struct sv_buf norm = SV_BUF_INIT, lemmas = SV_BUF_INIT, q = SV_BUF_INIT;
	struct sv_mtoks toks = { 0 };
	struct tokpost *tp = NULL;
	size_t ntp = 0, ctp = 0;
	uint8_t *diff = NULL;
	size_t cdiff = 0;
	struct cand *c = NULL;
	size_t nc = 0, cc = 0;
	struct acc acc = { 0 };
	int rc;
	if ((rc = sv_match__analyse(m, lang, text, &norm, &lemmas, err)))
		goto out;
	sv_match__mtoks(norm.data, lemmas.data, &toks);
	if (!toks.n)
		goto out;
	/* Each content token's postings (its lemmas OR'ed; stop words only when
	 * there is nothing else), read up to SEARCH_RARE rows: the tokens under
	 * that cap are the rare ones and are weighted by idf. When fewer than
	 * two are rare, the others are read on up to SEARCH_POSTINGS in all. */
	int64_t nunits = 1;
	{
		sqlite3_stmt *mx = sv_store_prepare(m->st, "SELECT max(id) FROM units", err);
		if (!mx) {
			rc = SV_ESTORE;
			goto out;
		}
		if (sqlite3_step(mx) == SQLITE_ROW && sqlite3_column_int64(mx, 0) > 0)
			nunits = sqlite3_column_int64(mx, 0);
		sqlite3_reset(mx);
	}
	struct sqlite3 *db = sv_store_db(m->st);
	static const char ids_sql[] = "SELECT rowid FROM units_fts WHERE units_fts MATCH ?1";
	/* Longer words first (a free guess at rarity, so that the rare ones are
	 * found after a few reads), alternately from the sentence's two halves
	 * (so that a unit holding only one half of it does not tie with one
	 * holding all of it). */
	size_t *order = sv_malloc((toks.n + 1) * sizeof(*order));
	size_t half = (toks.n + 1) / 2;
	for (size_t i = 0; i < toks.n; i++)
		order[i] = i;
	for (int h = 0; h < 2; h++) {
		size_t *v = order + (h ? half : 0), n = h ? toks.n - half : half;
		for (size_t i = 1; i < n; i++)
			for (size_t k = i; k > 0 && toks.v[v[k]].klen > toks.v[v[k - 1]].klen;
			     k--) {
				size_t x = v[k];
				v[k] = v[k - 1];
				v[k - 1] = x;
			}
	}
	{
		size_t *mix = sv_malloc((toks.n + 1) * sizeof(*mix)), a = 0, b = half, k = 0;
		while (k < toks.n) {
			if (a < half)
				mix[k++] = order[a++];
			if (b < toks.n)
				mix[k++] = order[b++];
		}
		free(order);
		order = mix;
	}
	size_t rare = 0;
	for (int content_only = 1; content_only >= 0 && !ntp; content_only--) {
		for (size_t oi = 0; oi < toks.n && ntp < SEARCH_TOKENS && rare < SEARCH_ENOUGH;
		     oi++) {
			size_t i = order[oi];
			const struct sv_mtok *t = &toks.v[i];
			if (content_only && sv_text_is_stopword(lang, t->key, t->klen))
				continue;
			/* the same lemmas as an earlier token: once */
			int dup = 0;
			for (size_t k = 0; k < ntp && !dup; k++) {
				const struct sv_mtok *u = &toks.v[tp[k].tok];
				dup = u->llen == t->llen && !memcmp(u->lem, t->lem, t->llen);
			}
			if (dup || !t->llen)
				continue;
			sv_buf_reset(&q);
			sv_buf_addf(&q, "%s : (", col);
			struct sv_buf alt = SV_BUF_INIT;
			for (size_t k = 0; sv_match__lemma_alt(t, k, &alt); k++) {
				if (alt.len) {
					if (q.data[q.len - 1] != '(')
						sv_buf_adds(&q, " OR ");
					sv_match__fts_quote(&q, alt.data, alt.len);
				}
				sv_buf_reset(&alt);
			}
			sv_buf_release(&alt);
			sv_buf_addc(&q, ')');
			SV_GROW(tp, ctp, ntp + 1);
			struct tokpost *x = &tp[ntp++];
			memset(x, 0, sizeof(*x));
			x->tok = i;
			x->expr = sv_strdup(q.data + strlen(col) + 3);
			/* one statement per token, open at once: not from the cache */
			if (sqlite3_prepare_v2(db, ids_sql, -1, &x->st, NULL) != SQLITE_OK) {
				rc = sv_store_fail(m->st, err, "fuzzy search");
				goto out;
			}
			sqlite3_bind_text(x->st, 1, q.data, -1, SQLITE_TRANSIENT);
			int src = read_posts(x, SEARCH_RARE);
			if (src != SQLITE_ROW && src != SQLITE_DONE) {
				free(order);
				rc = sv_store_fail(m->st, err, "fuzzy search");
				goto out;
			}
			rare += x->complete && x->n;
		}
	}
	free(order);
	if (ntp > 1)
		qsort(tp, ntp, sizeof(*tp), cmp_tokpost);
	size_t nrare = 0;
	while (nrare < ntp && tp[nrare].complete && tp[nrare].n)
		nrare++;
	/* Too few rare tokens: the units holding two or more of the common ones
	 * (pairwise AND, which FTS5 answers by skipping through the doclists),
	 * up to SEARCH_POSTINGS of them. */
	if (nrare < 3 && ntp > nrare) {
		size_t common[SEARCH_PAIRED], nc2 = 0;
		for (size_t i = nrare; i < ntp && nc2 < SEARCH_PAIRED; i++)
			if (!tp[i].complete && tp[i].n)
				common[nc2++] = i;
		if (nc2 >= 2) {
			sv_buf_reset(&q);
			sv_buf_addf(&q, "%s : (", col);
			for (size_t a2 = 0; a2 < nc2; a2++)
				for (size_t b2 = a2 + 1; b2 < nc2; b2++)
					sv_buf_addf(&q, "%s(%s AND %s)",
						    q.data[q.len - 1] == '(' ? "" : " OR ",
						    tp[common[a2]].expr, tp[common[b2]].expr);
			sv_buf_addc(&q, ')');
			sqlite3_stmt *pq = sv_store_prepare(m->st, ids_sql, err);
			if (!pq) {
				rc = SV_ESTORE;
				goto out;
			}
			sqlite3_bind_text(pq, 1, q.data, -1, SQLITE_STATIC);
			float w = 2.0f * (float)log((double)(nunits + 1) / (SEARCH_RARE + 1.0)) +
				  0.1f;
			size_t got = 0;
			while (got < SEARCH_POSTINGS && (rc = sqlite3_step(pq)) == SQLITE_ROW) {
				acc_add(&acc, sqlite3_column_int64(pq, 0), w);
				got++;
			}
			sqlite3_reset(pq);
			if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
				rc = sv_store_fail(m->st, err, "fuzzy search");
				goto out;
			}
			rc = SV_OK;
		}
	}
	for (size_t i = 0; i < ntp; i++) {
		if (!tp[i].complete || !tp[i].n)
			continue;
		float w = (float)log((double)(nunits + 1) / (double)(tp[i].n + 1)) + 0.1f;
		for (size_t k = 0; k < tp[i].n; k++)
			acc_add(&acc, tp[i].ids[k], w);
	}
	/* The best-weighted units, then their rows. */
	size_t nbest = acc_best(&acc, o.candidates);
	sqlite3_stmt *s = sv_store_prepare(
		m->st,
		ru ? "SELECT id, ru_text, bg_text, ru_norm, ru_lemmas, status, coalesce(origin, ''),"
		     " method FROM units WHERE id = ?1 AND status != 'rejected'"
		   : "SELECT id, bg_text, ru_text, bg_norm, bg_lemmas, status, coalesce(origin, ''),"
		     " method FROM units WHERE id = ?1 AND status != 'rejected'",
		err);
	if (!s) {
		rc = SV_ESTORE;
		goto out;
	}
	double floor = o.min_score;
	for (size_t bi = 0; bi < nbest; bi++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, acc.v[bi].id);
		if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
			if (rc != SQLITE_DONE) {
				rc = sv_store_fail(m->st, err, "fuzzy search");
				goto out;
			}
			continue;
		}
		out->candidates++;
		const char *cnorm = (const char *)sqlite3_column_text(s, 3);
		const char *clem = (const char *)sqlite3_column_text(s, 4);
		const char *src = (const char *)sqlite3_column_text(s, 1);
		if (!cnorm || !src)
			continue;
		/* The length difference alone bounds the score. */
		size_t cn = 0;
		for (const char *p = cnorm; *p; p++)
			cn += (p == cnorm || p[-1] == ' ') && *p != ' ';
		size_t L = cn > toks.n ? cn : toks.n, D = cn > toks.n ? cn - toks.n : toks.n - cn;
		if (L && 100.0 * (double)(L - D) / (double)L < floor)
			continue;
		double sc = sv_match_score(norm.data, lemmas.data, cnorm, clem, NULL, 0);
		if (sc >= 100 && !same_text(src, text))
			sc = 99;
		if (sc < floor)
			continue;
		SV_GROW(c, cc, nc + 1);
		struct cand *x = &c[nc++];
		memset(x, 0, sizeof(*x));
		x->tm.unit = sqlite3_column_int64(s, 0);
		x->tm.score = sc;
		x->tm.ru = sv_match__col(s, ru ? 1 : 2);
		x->tm.bg = sv_match__col(s, ru ? 2 : 1);
		x->tm.status = sv_match__col(s, 5);
		x->tm.origin = sv_match__col(s, 6);
		x->tm.method = sv_match__col(s, 7);
		x->norm = sv_strdup(cnorm);
		x->lemmas = sv_match__col(s, 4);
	}
	sqlite3_reset(s);
	rc = SV_OK;
	if (nc > 1)
		qsort(c, nc, sizeof(*c), cmp_cand);
	for (size_t i = 0; i < nc && out->n < o.limit; i++) {
		struct sv_match_tm *tm = &c[i].tm;
		int dup = 0;
		for (size_t k = 0; k < out->n && !dup; k++)
			dup = !strcmp(out->v[k].ru, tm->ru) && !strcmp(out->v[k].bg, tm->bg);
		if (dup)
			continue;
		struct sv_mtoks ct = { 0 };
		sv_match__mtoks(c[i].norm, NULL, &ct);
		SV_GROW(diff, cdiff, ct.n + 1);
		sv_match_score(norm.data, lemmas.data, c[i].norm, c[i].lemmas, diff, ct.n);
		sv_match__mark_spans(m, ru ? tm->ru : tm->bg, c[i].norm, diff, ct.n, &tm->diff,
				     &tm->ndiff);
		sv_match__mtoks_release(&ct);
		SV_GROW(out->v, out->cap, out->n + 1);
		out->v[out->n++] = *tm;
		memset(tm, 0, sizeof(*tm));
	}
out:
	sv_buf_release(&norm);
	sv_buf_release(&lemmas);
	sv_buf_release(&q);
	sv_match__mtoks_release(&toks);
	for (size_t i = 0; i < nc; i++) {
		tm_release(&c[i].tm);
		free(c[i].norm);
		free(c[i].lemmas);
	}
	free(c);
	free(acc.v);
	for (size_t i = 0; i < ntp; i++) {
		sqlite3_finalize(tp[i].st);
		free(tp[i].ids);
		free(tp[i].expr);
	}
	free(tp);
	free(diff);
	return rc;
}
