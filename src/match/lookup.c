/* Term lookup: a query in any inflected form is analysed into lemmas and
 * matched against the termbase by lemma sequence, observed form, spelling
 * fold and contiguous parts; hits bring their other-language equivalents
 * (term pairs and concepts). No hit: "did you mean" by spelling and lemma. */
#include "match/match-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TERM_COLS                                                                                  \
	"t.id, t.concept, t.lang, t.citation, t.lemma_key, t.status, t.kind, t.freq, "             \
	"t.preferred"

static void term_release(struct sv_match_term *t)
{
	free(t->citation);
	free(t->lemma_key);
	free(t->status);
	free(t->kind);
	memset(t, 0, sizeof(*t));
}

static void term_read(sqlite3_stmt *s, struct sv_match_term *t)
{
	t->id = sqlite3_column_int64(s, 0);
	t->concept = sqlite3_column_int64(s, 1);
	const char *l = (const char *)sqlite3_column_text(s, 2);
	t->lang = l ? sv_lang_parse(l) : SV_LANG_UNKNOWN;
	t->citation = sv_match__col(s, 3);
	t->lemma_key = sv_match__col(s, 4);
	t->status = sv_match__col(s, 5);
	t->kind = sv_match__col(s, 6);
	t->freq = sqlite3_column_int64(s, 7);
	t->preferred = sqlite3_column_int(s, 8);
}

static void term_copy(struct sv_match_term *dst, const struct sv_match_term *src)
{
	*dst = *src;
	dst->citation = sv_strdup(src->citation);
	dst->lemma_key = sv_strdup(src->lemma_key);
	dst->status = sv_strdup(src->status);
	dst->kind = sv_strdup(src->kind);
}

void sv_match_lookup_release(struct sv_match_lookup *r)
{
	for (size_t i = 0; i < r->nhits; i++)
		term_release(&r->hits[i].term);
	for (size_t i = 0; i < r->nequivs; i++) {
		term_release(&r->equivs[i].term);
		free(r->equivs[i].status);
		free(r->equivs[i].evidence);
	}
	for (size_t i = 0; i < r->nsuggest; i++)
		term_release(&r->suggest[i]);
	free(r->hits);
	free(r->equivs);
	free(r->suggest);
	free(r->suggest_sim);
	free(r->lemmas);
	memset(r, 0, sizeof(*r));
}

const char *sv_match_how_name(enum sv_match_how how)
{
	switch (how) {
	case SV_MATCH_EXACT: return "exact";
	case SV_MATCH_FORM: return "form";
	case SV_MATCH_FOLD: return "spelling";
	case SV_MATCH_LONGER: return "part-of-term";
	case SV_MATCH_SHORTER: return "term-in-query";
	case SV_MATCH_STEM: return "stem";
	}
	return "?";
}

static int status_rank(const char *s)
{
	if (!strcmp(s, "approved"))
		return 0;
	if (!strcmp(s, "candidate"))
		return 1;
	if (!strcmp(s, "forbidden"))
		return 2;
	return 3;
}

/* Adds a hit unless the term is there already (then keeps the better). */
static void add_hit(struct sv_match_lookup *r, const struct sv_match_term *t, enum sv_match_how how,
		    double rank)
{
	for (size_t i = 0; i < r->nhits; i++) {
		if (r->hits[i].term.id == t->id) {
			if (rank > r->hits[i].rank) {
				r->hits[i].rank = rank;
				r->hits[i].how = how;
			}
			return;
		}
	}
	SV_GROW(r->hits, r->hcap, r->nhits + 1);
	struct sv_match_hit *h = &r->hits[r->nhits++];
	term_copy(&h->term, t);
	h->how = how;
	h->rank = rank;
}

/* Runs a prepared term query (columns TERM_COLS first) and adds each row. */
static int collect_terms(struct sv_match *m, sqlite3_stmt *s, struct sv_match_lookup *r,
			 enum sv_match_how how, double rank, struct sv_error *err)
{
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct sv_match_term t;
		term_read(s, &t);
		if (strcmp(t.status, "rejected"))
			add_hit(r, &t, how, rank);
		term_release(&t);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return sv_store_fail(m->st, err, "term lookup");
	return SV_OK;
}

static int find_exact(struct sv_match *m, enum sv_lang lang, const char *key,
		      struct sv_match_lookup *r, enum sv_match_how how, double rank,
		      struct sv_error *err)
{
	sqlite3_stmt *s = sv_store_prepare(
		m->st, "SELECT " TERM_COLS " FROM terms t WHERE t.lang = ?1 AND t.lemma_key = ?2",
		err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_text(s, 1, sv_lang_code(lang), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
	return collect_terms(m, s, r, how, rank, err);
}

static int find_form(struct sv_match *m, enum sv_lang lang, const char *form,
		     struct sv_match_lookup *r, struct sv_error *err)
{
	sqlite3_stmt *s = sv_store_prepare(m->st,
					   "SELECT " TERM_COLS
					   " FROM term_forms f CROSS JOIN terms t ON t.id = f.term"
					   " WHERE f.form = ?2 AND t.lang = ?1",
					   err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_text(s, 1, sv_lang_code(lang), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, form, -1, SQLITE_STATIC);
	return collect_terms(m, s, r, SV_MATCH_FORM, 0.97, err);
}

/* The query analysed in one language. */
struct query {
	enum sv_lang lang;
	int ready; /* analysed */
	struct sv_buf norm, lemmas;
	struct sv_mtoks toks;
	struct sv_buf key; /* first lemma of each token, space-separated */
};

/* Analyses the query in q->lang once. */
static int query_ready(struct sv_match *m, struct query *q, const char *text, struct sv_error *err)
{
	if (q->ready)
		return SV_OK;
	int rc = sv_match__analyse(m, q->lang, text, &q->norm, &q->lemmas, err);
	if (!rc) {
		sv_match__mtoks(q->norm.data, q->lemmas.data, &q->toks);
		q->ready = 1;
	}
	return rc;
}

static void query_release(struct query *q)
{
	sv_buf_release(&q->norm);
	sv_buf_release(&q->lemmas);
	sv_buf_release(&q->key);
	sv_match__mtoks_release(&q->toks);
}

/* The lemma key of tokens [from, from + n) with alternative choice c (a
 * mixed-radix number over the tokens' alternatives); 0 when c is past the
 * last combination. */
static int combo_key(const struct query *q, size_t from, size_t n, size_t c, struct sv_buf *out)
{
	sv_buf_reset(out);
	for (size_t i = from; i < from + n; i++) {
		const struct sv_mtok *t = &q->toks.v[i];
		size_t nalt = 1;
		for (const char *p = t->lem; p < t->lem + t->llen; p++)
			nalt += *p == '|';
		size_t pick = c % nalt;
		c /= nalt;
		if (out->len)
			sv_buf_addc(out, ' ');
		sv_match__lemma_alt(t, pick, out);
	}
	return c == 0;
}

/* Exact and form matches of the whole query in q->lang. */
static int strong_hits(struct sv_match *m, struct query *q, const char *text,
		       struct sv_match_lookup *r, struct sv_error *err)
{
	int rc = SV_OK;
	struct sv_buf k = SV_BUF_INIT;
	if (!q->toks.n)
		goto out;
	for (size_t c = 0; c < 16 && combo_key(q, 0, q->toks.n, c, &k); c++)
		if ((rc = find_exact(m, q->lang, k.data, r, SV_MATCH_EXACT, 1.0, err)))
			goto out;
	/* Lemma keys stored with every alternative ("a|b c"), and the keys. */
	if ((rc = find_exact(m, q->lang, q->lemmas.data, r, SV_MATCH_EXACT, 1.0, err)) ||
	    (rc = find_exact(m, q->lang, q->norm.data, r, SV_MATCH_FORM, 0.97, err)))
		goto out;
	if ((rc = find_form(m, q->lang, text, r, err)) ||
	    (rc = find_form(m, q->lang, q->norm.data, r, err)))
		goto out;
out:
	sv_buf_release(&k);
	return rc;
}

static int is_stop(const struct query *q, size_t i)
{
	const struct sv_mtok *t = &q->toks.v[i];
	return sv_text_is_stopword(q->lang, t->key, t->klen);
}

/* Terms holding the query as a contiguous part, and terms that are a
 * contiguous part of the query. */
static int partial_hits(struct sv_match *m, struct query *q, struct sv_match_lookup *r,
			struct sv_error *err)
{
	int rc = SV_OK;
	size_t n = q->toks.n;
	struct sv_buf k = SV_BUF_INIT, fq = SV_BUF_INIT;
	struct sv_mtoks tt = { 0 };
	if (!n || !m->has_term_index)
		goto out;
	/* Longer terms: a phrase query over the terms' lemma keys. */
	size_t content = 0;
	for (size_t i = 0; i < n; i++)
		content += !is_stop(q, i);
	if (content) {
		combo_key(q, 0, n, 0, &k);
		sv_buf_adds(&fq, "lemma_key : ");
		sv_match__fts_quote(&fq, k.data, k.len);
		sqlite3_stmt *s = sv_store_prepare(
			m->st,
			"SELECT " TERM_COLS " FROM terms_fts f CROSS JOIN terms t ON t.id = f.rowid"
			" WHERE terms_fts MATCH ?1 AND t.lang = ?2 LIMIT 64",
			err);
		if (!s) {
			rc = SV_ESTORE;
			goto out;
		}
		sqlite3_bind_text(s, 1, fq.data, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, sv_lang_code(q->lang), -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			struct sv_match_term t;
			term_read(s, &t);
			sv_match__mtoks(t.lemma_key, NULL, &tt);
			if (tt.n > n && strcmp(t.status, "rejected"))
				add_hit(r, &t, SV_MATCH_LONGER,
					0.5 + 0.4 * (double)n / (double)tt.n);
			term_release(&t);
		}
		sqlite3_reset(s);
		if (rc != SQLITE_DONE) {
			rc = sv_store_fail(m->st, err, "term lookup");
			goto out;
		}
		rc = SV_OK;
	}
	/* Shorter terms: every contiguous part with a content word. */
	if (n > 1 && n <= 12) {
		for (size_t len = n - 1; len >= 1; len--) {
			for (size_t from = 0; from + len <= n; from++) {
				int has_content = 0;
				for (size_t i = from; i < from + len; i++)
					has_content |= !is_stop(q, i);
				if (!has_content || is_stop(q, from) || is_stop(q, from + len - 1))
					continue;
				double rank = 0.4 + 0.4 * (double)len / (double)n;
				for (size_t c = 0; c < 4 && combo_key(q, from, len, c, &k); c++)
					if ((rc = find_exact(m, q->lang, k.data, r,
							     SV_MATCH_SHORTER, rank, err)))
						goto out;
			}
		}
	}
out:
	sv_buf_release(&k);
	sv_buf_release(&fq);
	sv_match__mtoks_release(&tt);
	return rc;
}

static void add_equiv(struct sv_match_lookup *r, const struct sv_match_term *t, size_t hit,
		      double score, const char *status, const char *evidence, int via_concept)
{
	for (size_t i = 0; i < r->nequivs; i++)
		if (r->equivs[i].term.id == t->id)
			return;
	SV_GROW(r->equivs, r->ecap, r->nequivs + 1);
	struct sv_match_equiv *e = &r->equivs[r->nequivs++];
	term_copy(&e->term, t);
	e->hit = hit;
	e->score = score;
	e->status = sv_strdup(status);
	e->evidence = sv_strdup(evidence ? evidence : "");
	e->via_concept = via_concept;
}

static int equivalents(struct sv_match *m, struct sv_match_lookup *r, size_t hit,
		       struct sv_error *err)
{
	const struct sv_match_term *src = &r->hits[hit].term;
	int ru = src->lang == SV_LANG_RU;
	sqlite3_stmt *s = sv_store_prepare(
		m->st,
		ru ? "SELECT " TERM_COLS ", p.score, p.status, p.evidence FROM term_pairs p"
		     " CROSS JOIN terms t ON t.id = p.bg_term WHERE p.ru_term = ?1 AND p.status != 'rejected'"
		   : "SELECT " TERM_COLS ", p.score, p.status, p.evidence FROM term_pairs p"
		     " CROSS JOIN terms t ON t.id = p.ru_term WHERE p.bg_term = ?1 AND p.status != 'rejected'",
		err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, src->id);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct sv_match_term t;
		term_read(s, &t);
		if (strcmp(t.status, "rejected"))
			add_equiv(r, &t, hit, sqlite3_column_double(s, 9),
				  (const char *)sqlite3_column_text(s, 10),
				  (const char *)sqlite3_column_text(s, 11), 0);
		term_release(&t);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return sv_store_fail(m->st, err, "equivalents");
	if (!src->concept)
		return SV_OK;
	s = sv_store_prepare(m->st,
			     "SELECT " TERM_COLS
			     " FROM terms t WHERE t.concept = ?1 AND t.lang = ?2"
			     " AND t.status != 'rejected'",
			     err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, src->concept);
	sqlite3_bind_text(s, 2, ru ? "bg" : "ru", -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct sv_match_term t;
		term_read(s, &t);
		add_equiv(r, &t, hit, 1.0, t.status, "", 1);
		term_release(&t);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return sv_store_fail(m->st, err, "equivalents");
	return SV_OK;
}

static int cmp_hit(const void *a, const void *b)
{
	const struct sv_match_hit *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank > y->rank ? -1 : 1;
	int sx = status_rank(x->term.status), sy = status_rank(y->term.status);
	if (sx != sy)
		return sx - sy;
	if (x->term.freq != y->term.freq)
		return x->term.freq > y->term.freq ? -1 : 1;
	return x->term.id < y->term.id ? -1 : x->term.id > y->term.id;
}

static int cmp_equiv(const void *a, const void *b)
{
	const struct sv_match_equiv *x = a, *y = b;
	if (x->hit != y->hit)
		return x->hit < y->hit ? -1 : 1;
	/* forbidden terms last whatever their flags */
	int fx = !strcmp(x->status, "forbidden"), fy = !strcmp(y->status, "forbidden");
	if (fx != fy)
		return fx - fy;
	if (x->term.preferred != y->term.preferred)
		return y->term.preferred - x->term.preferred;
	int sx = status_rank(x->status), sy = status_rank(y->status);
	if (sx != sy)
		return sx - sy;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->term.freq != y->term.freq)
		return x->term.freq > y->term.freq ? -1 : 1;
	return x->term.id < y->term.id ? -1 : x->term.id > y->term.id;
}

/* Terms whose folded lemma key equals the query's: same-language ones become
 * hits, other-language ones direct equivalents. Returns the count found. */
static int fold_hits(struct sv_match *m, struct query *q, struct sv_match_lookup *r, size_t *found,
		     struct sv_error *err)
{
	int rc = SV_OK;
	struct sv_buf k = SV_BUF_INIT, f = SV_BUF_INIT;
	*found = 0;
	if (!m->has_term_index || !q->toks.n)
		goto out;
	sqlite3_stmt *s = sv_store_prepare(m->st,
					   "SELECT " TERM_COLS
					   " FROM term_folds k CROSS JOIN terms t ON t.id = k.term"
					   " WHERE k.fold = ?1 AND t.status != 'rejected' LIMIT 16",
					   err);
	if (!s) {
		rc = SV_ESTORE;
		goto out;
	}
	for (int pass = 0; pass < 2 && !*found; pass++) {
		sv_buf_reset(&f);
		if (pass == 0) {
			combo_key(q, 0, q->toks.n, 0, &k);
			sv_match_fold(k.data, k.len, &f);
		} else {
			sv_match_fold(q->norm.data, q->norm.len, &f);
		}
		sqlite3_bind_text(s, 1, f.data, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			struct sv_match_term t;
			term_read(s, &t);
			if (t.lang == q->lang) {
				add_hit(r, &t, SV_MATCH_FOLD, 0.9);
			} else {
				char ev[160];
				snprintf(ev, sizeof(ev), "spelling: %s ~ %s",
					 pass ? q->norm.data : k.data, t.lemma_key);
				add_equiv(r, &t, SIZE_MAX,
					  sv_match_spelling(pass ? q->norm.data : k.data,
							    t.lemma_key),
					  t.status, ev, 0);
			}
			(*found)++;
			term_release(&t);
		}
		sqlite3_reset(s);
		if (rc != SQLITE_DONE) {
			rc = sv_store_fail(m->st, err, "term lookup");
			goto out;
		}
		rc = SV_OK;
	}
out:
	sv_buf_release(&k);
	sv_buf_release(&f);
	return rc;
}

struct cand {
	struct sv_match_term t;
	double sim;
	size_t qi; /* the query (language) it was found for */
};

/* Code points in s[0..n) and the length of the common prefix of a and b in
 * code points. */
static size_t cps(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

static size_t common_prefix(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0;
	while (i < an && i < bn && a[i] == b[i])
		i++;
	while (i > 0 && i < an && ((unsigned char)a[i] & 0xC0) == 0x80)
		i--;
	return cps(a, i);
}

/* Whether the term reads as an inflection of the query word by word that
 * the lemmatiser did not resolve (names it does not know: Садыра ~ садыр):
 * as many words, each query key sharing with the term's lemma all but at
 * most three final letters of the longer, and at least four. */
static int inflection_of(const struct query *q, const struct sv_match_term *t, struct sv_mtoks *tt)
{
	sv_match__mtoks(t->lemma_key, NULL, tt);
	if (tt->n != q->toks.n || !tt->n)
		return 0;
	for (size_t i = 0; i < tt->n; i++) {
		const struct sv_mtok *a = &q->toks.v[i], *b = &tt->v[i];
		if (sv_match__has_lemma(a, b->key, b->klen))
			continue;
		size_t la = cps(a->key, a->klen), lb = cps(b->key, b->klen);
		size_t l = la > lb ? la : lb;
		size_t p = common_prefix(a->key, a->klen, b->key, b->klen);
		if (p < 4 || p + 3 < l)
			return 0;
	}
	return 1;
}

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->sim != y->sim)
		return x->sim > y->sim ? -1 : 1;
	if (x->t.freq != y->t.freq)
		return x->t.freq > y->t.freq ? -1 : 1;
	return x->t.id < y->t.id ? -1 : x->t.id > y->t.id;
}

/* Similarity of a candidate term to the query: the better of spelling
 * (folded Levenshtein over keys) and lemma overlap (Dice over lemmas). */
static double cand_sim(const struct query *q, const struct sv_match_term *t, struct sv_mtoks *tt)
{
	struct sv_buf k = SV_BUF_INIT;
	combo_key(q, 0, q->toks.n, 0, &k);
	double sp = sv_match_spelling(q->norm.data, t->lemma_key);
	double sp2 = sv_match_spelling(k.data, t->lemma_key);
	if (sp2 > sp)
		sp = sp2;
	sv_buf_release(&k);
	sv_match__mtoks(t->lemma_key, NULL, tt);
	size_t shared = 0;
	for (size_t i = 0; i < tt->n; i++)
		for (size_t j = 0; j < q->toks.n; j++)
			if (sv_match__has_lemma(&q->toks.v[j], tt->v[i].key, tt->v[i].klen)) {
				shared++;
				break;
			}
	double dice = tt->n + q->toks.n ? 2.0 * (double)shared / (double)(tt->n + q->toks.n) : 0;
	return dice > sp ? dice : sp;
}

static int suggest(struct sv_match *m, struct query *qs, size_t nq,
		   const struct sv_match_lookup_opts *o, struct sv_match_lookup *r,
		   struct sv_error *err)
{
	int rc = SV_OK;
	struct cand *c = NULL;
	size_t nc = 0, cc = 0;
	struct sv_buf fq = SV_BUF_INIT, f = SV_BUF_INIT, k = SV_BUF_INIT;
	struct sv_mtoks tt = { 0 };
	if (!m->has_term_index)
		goto out;
	sqlite3_stmt *tri = sv_store_prepare(
		m->st,
		"SELECT " TERM_COLS " FROM (SELECT rowid AS id FROM term_folds_fts WHERE"
		" term_folds_fts MATCH ?1 ORDER BY rank LIMIT 40) x CROSS JOIN terms t ON t.id = x.id"
		" WHERE t.status != 'rejected'",
		err);
	sqlite3_stmt *lem = sv_store_prepare(
		m->st,
		"SELECT " TERM_COLS " FROM (SELECT rowid AS id FROM terms_fts WHERE"
		" terms_fts MATCH ?1 ORDER BY rank LIMIT 40) x CROSS JOIN terms t ON t.id = x.id"
		" WHERE t.status != 'rejected'",
		err);
	if (!tri || !lem) {
		rc = SV_ESTORE;
		goto out;
	}
	for (size_t qi = 0; qi < nq; qi++) {
		struct query *q = &qs[qi];
		if (!q->toks.n)
			continue;
		for (int pass = 0; pass < 2; pass++) {
			sqlite3_stmt *s = pass ? lem : tri;
			sv_buf_reset(&fq);
			if (pass == 0) {
				/* four-letter pieces of the folded keys (three-letter for
				 * short queries), OR'ed: a phrase of two trigrams, far more
				 * selective than one, and a typo still leaves most */
				sv_buf_reset(&f);
				sv_match_fold(q->norm.data, q->norm.len, &f);
				uint32_t off[256];
				size_t no = 0;
				for (size_t i = 0; i < f.len && no < 256; i++)
					if (((unsigned char)f.data[i] & 0xC0) != 0x80)
						off[no++] = (uint32_t)i;
				size_t w = no >= 6 ? 4 : 3;
				for (size_t i = 0; i + w <= no; i++) {
					size_t end = i + w < no ? off[i + w] : f.len;
					if (memchr(f.data + off[i], ' ', end - off[i]))
						continue;
					if (fq.len)
						sv_buf_adds(&fq, " OR ");
					sv_match__fts_quote(&fq, f.data + off[i], end - off[i]);
				}
			} else {
				for (size_t i = 0; i < q->toks.n; i++) {
					if (is_stop(q, i))
						continue;
					sv_buf_reset(&k);
					sv_match__lemma_alt(&q->toks.v[i], 0, &k);
					if (fq.len)
						sv_buf_adds(&fq, " OR ");
					sv_match__fts_quote(&fq, k.data, k.len);
				}
			}
			if (!fq.len)
				continue;
			sqlite3_bind_text(s, 1, fq.data, -1, SQLITE_STATIC);
			while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
				struct cand x;
				term_read(s, &x.t);
				int dup = 0;
				for (size_t i = 0; i < nc && !dup; i++)
					dup = c[i].t.id == x.t.id;
				if (dup) {
					term_release(&x.t);
					continue;
				}
				x.sim = cand_sim(q, &x.t, &tt);
				x.qi = qi;
				if (x.t.lang != q->lang)
					x.sim *= 0.95;
				SV_GROW(c, cc, nc + 1);
				c[nc++] = x;
			}
			sqlite3_reset(s);
			if (rc != SQLITE_DONE) {
				rc = sv_store_fail(m->st, err, "term suggestions");
				goto out;
			}
			rc = SV_OK;
		}
	}
	if (nc > 1)
		qsort(c, nc, sizeof(*c), cmp_cand);
	/* Inflections the lemmatiser missed are hits, in the first language
	 * that has them; the rest are suggestions. */
	for (size_t i = 0; i < nc; i++) {
		if (c[i].t.lang != qs[c[i].qi].lang || !inflection_of(&qs[c[i].qi], &c[i].t, &tt))
			continue;
		if (r->nhits && r->hits[0].term.lang != c[i].t.lang)
			continue;
		add_hit(r, &c[i].t, SV_MATCH_STEM, 0.6 * c[i].sim + 0.2);
	}
	size_t max = o->max_suggest;
	for (size_t i = 0; i < nc && r->nsuggest < max && !r->nhits; i++) {
		if (c[i].sim < 0.4)
			break;
		SV_GROW(r->suggest, r->scap, r->nsuggest + 1);
		r->suggest_sim = sv_realloc(r->suggest_sim, r->scap * sizeof(*r->suggest_sim));
		r->suggest_sim[r->nsuggest] = c[i].sim;
		r->suggest[r->nsuggest++] = c[i].t;
		c[i].t.citation = c[i].t.lemma_key = c[i].t.status = c[i].t.kind = NULL;
	}
out:
	for (size_t i = 0; i < nc; i++)
		term_release(&c[i].t);
	free(c);
	sv_buf_release(&fq);
	sv_buf_release(&f);
	sv_buf_release(&k);
	sv_match__mtoks_release(&tt);
	return rc;
}

/* Whether the text's letters say Russian on their own (ы, э, ё). */
static int russian_letters(const char *s)
{
	return strstr(s, "ы") || strstr(s, "э") || strstr(s, "ё") || strstr(s, "Ы") ||
	       strstr(s, "Э") || strstr(s, "Ё");
}

int sv_match_lookup(struct sv_match *m, const char *text, const struct sv_match_lookup_opts *opts,
		    struct sv_match_lookup *out, struct sv_error *err)
{
	struct sv_match_lookup_opts o = { SV_LANG_UNKNOWN, 8, 5, 1 };
	if (opts) {
		o.lang = opts->lang;
		if (opts->max_hits)
			o.max_hits = opts->max_hits;
		if (opts->max_suggest)
			o.max_suggest = opts->max_suggest;
		o.partial = opts->partial >= 0;
	}
	sv_match_lookup_release(out);
	struct query q[2];
	memset(q, 0, sizeof(q));
	for (int i = 0; i < 2; i++) {
		sv_buf_init(&q[i].norm);
		sv_buf_init(&q[i].lemmas);
		sv_buf_init(&q[i].key);
	}
	size_t nq = 0;
	int rc = SV_OK, sure = 1;
	if (o.lang == SV_LANG_RU || o.lang == SV_LANG_BG) {
		q[nq++].lang = o.lang;
	} else {
		double conf = 0;
		enum sv_lang d = sv_lang_detect(text, strlen(text), &conf);
		sure = (d == SV_LANG_RU || d == SV_LANG_BG) && conf >= 0.9 && strchr(text, ' ');
		if (russian_letters(text)) {
			d = SV_LANG_RU;
			sure = 1;
		}
		q[nq++].lang = d == SV_LANG_BG ? SV_LANG_BG : SV_LANG_RU;
		q[nq++].lang = q[0].lang == SV_LANG_RU ? SV_LANG_BG : SV_LANG_RU;
	}
	/* Exact lemma sequences and forms, in the likelier language first; when
	 * the language was a guess, the other too, and the more frequent wins. */
	size_t pick = SIZE_MAX;
	for (size_t i = 0; i < nq && (pick == SIZE_MAX || (!sure && i == 1)); i++) {
		if ((rc = query_ready(m, &q[i], text, err)) ||
		    (rc = strong_hits(m, &q[i], text, out, err)))
			goto out;
		if (out->nhits && pick == SIZE_MAX)
			pick = i;
	}
	if (pick == 0 && nq == 2) {
		int64_t best[2] = { -1, -1 };
		for (size_t i = 0; i < out->nhits; i++) {
			int k = out->hits[i].term.lang == q[1].lang;
			if (out->hits[i].term.freq > best[k])
				best[k] = out->hits[i].term.freq;
		}
		if (best[1] > best[0])
			pick = 1;
		size_t k = 0;
		for (size_t i = 0; i < out->nhits; i++) {
			if (out->hits[i].term.lang == q[pick].lang)
				out->hits[k++] = out->hits[i];
			else
				term_release(&out->hits[i].term);
		}
		out->nhits = k;
	}
	/* Spelling variants (Кыргызстан / Киргизстан). */
	for (size_t i = 0; i < nq && pick == SIZE_MAX; i++) {
		size_t found = 0;
		if ((rc = fold_hits(m, &q[i], out, &found, err)))
			goto out;
		if (found)
			pick = i;
	}
	if (pick == SIZE_MAX)
		pick = 0;
	if (o.partial) {
		size_t before = out->nhits;
		if ((rc = partial_hits(m, &q[pick], out, err)))
			goto out;
		for (size_t i = 0; i < nq && out->nhits == before && !out->nequivs; i++)
			if (i != pick && (rc = query_ready(m, &q[i], text, err)) == SV_OK &&
			    (rc = partial_hits(m, &q[i], out, err)) == SV_OK && out->nhits > before)
				pick = i;
		if (rc)
			goto out;
	}
	out->lang = q[pick].lang;
	out->lemmas = sv_strdup(q[pick].lemmas.data);
	if (out->nhits > 1)
		qsort(out->hits, out->nhits, sizeof(*out->hits), cmp_hit);
	/* Behind a whole-term hit, partial ones are context: three at most. */
	if (out->nhits && out->hits[0].rank >= 0.9) {
		size_t k = 0, partial = 0;
		for (size_t i = 0; i < out->nhits; i++) {
			if (out->hits[i].rank < 0.9 && ++partial > 3)
				term_release(&out->hits[i].term);
			else
				out->hits[k++] = out->hits[i];
		}
		out->nhits = k;
	}
	while (out->nhits > o.max_hits)
		term_release(&out->hits[--out->nhits].term);
	/* Direct (spelling) equivalents were added with hit SIZE_MAX: they stay
	 * last; equivalents of hits follow hit order. */
	for (size_t i = 0; i < out->nhits; i++)
		if ((rc = equivalents(m, out, i, err)))
			goto out;
	if (out->nequivs > 1)
		qsort(out->equivs, out->nequivs, sizeof(*out->equivs), cmp_equiv);
	if (!out->nhits && !out->nequivs) {
		for (size_t i = 0; i < nq && !rc; i++)
			rc = query_ready(m, &q[i], text, err);
		if (!rc)
			rc = suggest(m, q, nq, &o, out, err);
		if (!rc && out->nhits) {
			out->lang = out->hits[0].term.lang;
			for (size_t i = 0; i < nq; i++)
				if (q[i].lang == out->lang) {
					free(out->lemmas);
					out->lemmas = sv_strdup(q[i].lemmas.data);
				}
			if (out->nhits > 1)
				qsort(out->hits, out->nhits, sizeof(*out->hits), cmp_hit);
			while (out->nhits > o.max_hits)
				term_release(&out->hits[--out->nhits].term);
			for (size_t i = 0; i < out->nhits && !rc; i++)
				rc = equivalents(m, out, i, err);
			if (out->nequivs > 1)
				qsort(out->equivs, out->nequivs, sizeof(*out->equivs), cmp_equiv);
		}
	}
out:
	for (size_t i = 0; i < 2; i++)
		query_release(&q[i]);
	return rc;
}
