/* Fuzzy translation-memory search: candidates from units_fts (the query's
 * rarest lemmas, OR, bm25 top-K), rescored with the token edit-distance
 * score of sv_match_score() and returned best first with differing words. */
#include "match/match-int.h"

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

struct qlemma {
	const char *s; /* borrowed from the query's lemmas */
	size_t n;
	size_t tok;
	int64_t df;
};

static int cmp_df(const void *a, const void *b)
{
	const struct qlemma *x = a, *y = b;
	if (x->df != y->df)
		return x->df < y->df ? -1 : 1;
	return x->tok < y->tok ? -1 : x->tok > y->tok;
}

static int ensure_vocab(struct sv_match *m, struct sv_error *err)
{
	if (m->vocab)
		return SV_OK;
	char *msg = NULL;
	if (sqlite3_exec(sv_store_db(m->st),
			 "CREATE VIRTUAL TABLE IF NOT EXISTS temp.sv_units_vocab"
			 " USING fts5vocab(main, units_fts, col)",
			 NULL, NULL, &msg) != SQLITE_OK) {
		sv_error_set(err, SV_ESTORE, "'%s': cannot open the unit index vocabulary: %s",
			     sv_store_path(m->st), msg ? msg : "error");
		sqlite3_free(msg);
		return SV_ESTORE;
	}
	m->vocab = 1;
	return SV_OK;
}

/* Document frequency of a lemma in one column of units_fts. */
static int lemma_df(struct sv_match *m, const char *col, const char *l, size_t n, int64_t *df,
		    struct sv_error *err)
{
	sqlite3_stmt *s = sv_store_prepare(
		m->st, "SELECT doc FROM temp.sv_units_vocab WHERE term = ?1 AND col = ?2", err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_text(s, 1, l, (int)n, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, col, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	*df = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sv_store_fail(m->st, err, "unit index vocabulary");
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
	const struct sv_match_tm *x = &((const struct cand *)a)->tm, *y = &((const struct cand *)b)->tm;
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
	struct sv_match_search_opts o = { SV_LANG_UNKNOWN, 5, 50, 200 };
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
	struct qlemma *ql = NULL;
	size_t nql = 0, cql = 0;
	uint8_t *diff = NULL;
	size_t cdiff = 0;
	struct cand *c = NULL;
	size_t nc = 0, cc = 0;
	int rc;
	if ((rc = sv_match__analyse(m, lang, text, &norm, &lemmas, err)) ||
	    (rc = ensure_vocab(m, err)))
		goto out;
	sv_match__mtoks(norm.data, lemmas.data, &toks);
	if (!toks.n)
		goto out;
	/* Every lemma of every content token with its document frequency. */
	for (int content_only = 1; content_only >= 0 && !nql; content_only--) {
		for (size_t i = 0; i < toks.n; i++) {
			const struct sv_mtok *t = &toks.v[i];
			if (content_only && sv_text_is_stopword(lang, t->key, t->klen))
				continue;
			const char *p = t->lem, *end = t->lem + t->llen;
			while (p < end) {
				const char *e = memchr(p, '|', (size_t)(end - p));
				if (!e)
					e = end;
				int64_t df = 0;
				if (e > p && (rc = lemma_df(m, col, p, (size_t)(e - p), &df, err)))
					goto out;
				if (df > 0) {
					SV_GROW(ql, cql, nql + 1);
					ql[nql++] = (struct qlemma){ p, (size_t)(e - p), i, df };
				}
				p = e + 1;
			}
		}
	}
	if (!nql)
		goto out;
	if (nql > 1)
		qsort(ql, nql, sizeof(*ql), cmp_df);
	/* The rarest lemmas of up to 8 tokens, bounded in postings. */
	sv_buf_addf(&q, "%s : (", col);
	size_t used_tok[8], nused = 0;
	int64_t postings = 0;
	for (size_t i = 0; i < nql; i++) {
		int known = 0;
		for (size_t k = 0; k < nused; k++)
			known |= used_tok[k] == ql[i].tok;
		if (!known) {
			if (nused == 8 || (nused >= 3 && postings + ql[i].df > 300000))
				continue;
			used_tok[nused++] = ql[i].tok;
		}
		postings += ql[i].df;
		if (q.data[q.len - 1] != '(')
			sv_buf_adds(&q, " OR ");
		sv_match__fts_quote(&q, ql[i].s, ql[i].n);
	}
	sv_buf_addc(&q, ')');

	sqlite3_stmt *s = sv_store_prepare(
		m->st,
		ru ? "SELECT u.id, u.ru_text, u.bg_text, u.ru_norm, u.ru_lemmas, u.status,"
		     " coalesce(u.origin, ''), u.method FROM (SELECT rowid AS id FROM units_fts"
		     " WHERE units_fts MATCH ?1 ORDER BY rank LIMIT ?2) x CROSS JOIN units u ON u.id = x.id"
		     " WHERE u.status != 'rejected'"
		   : "SELECT u.id, u.bg_text, u.ru_text, u.bg_norm, u.bg_lemmas, u.status,"
		     " coalesce(u.origin, ''), u.method FROM (SELECT rowid AS id FROM units_fts"
		     " WHERE units_fts MATCH ?1 ORDER BY rank LIMIT ?2) x CROSS JOIN units u ON u.id = x.id"
		     " WHERE u.status != 'rejected'",
		err);
	if (!s) {
		rc = SV_ESTORE;
		goto out;
	}
	sqlite3_bind_text(s, 1, q.data, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)o.candidates);
	double floor = o.min_score;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
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
	if (rc != SQLITE_DONE) {
		rc = sv_store_fail(m->st, err, "fuzzy search");
		goto out;
	}
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
	free(ql);
	free(diff);
	return rc;
}
