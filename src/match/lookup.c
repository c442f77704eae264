/* Term lookup: a query in any inflected form is analysed into lemmas and
 * matched against the termbase by lemma sequence, observed form, spelling
 * fold and contiguous parts; hits bring their other-language equivalents
 * (term pairs and concepts). No hit: "did you mean" by spelling and lemma. */
#include "match/match-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void term_release(struct sv_match_term *t)
{
	free(t->citation);
	free(t->lemma_key);
	free(t->kind);
	memset(t, 0, sizeof(*t));
}

/* An owned copy of a term row of the store. */
static void term_from_row(struct sv_match_term *dst, const struct sv_store_term *src)
{
	dst->id = src->id;
	dst->concept = src->concept;
	dst->lang = src->lang;
	dst->citation = sv_strdup(src->citation);
	dst->lemma_key = sv_strdup(src->lemma_key);
	dst->status = src->status;
	dst->kind = sv_strdup(src->kind);
	dst->freq = src->freq;
	dst->preferred = src->preferred;
}

static void term_copy(struct sv_match_term *dst, const struct sv_match_term *src)
{
	*dst = *src;
	dst->citation = sv_strdup(src->citation);
	dst->lemma_key = sv_strdup(src->lemma_key);
	dst->kind = sv_strdup(src->kind);
}

void sv_match_lookup_release(struct sv_match_lookup *r)
{
	for (size_t i = 0; i < r->nhits; i++)
		term_release(&r->hits[i].term);
	for (size_t i = 0; i < r->nequivs; i++) {
		term_release(&r->equivs[i].term);
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

void sv_match_lookup_opts_init(struct sv_match_lookup_opts *o)
{
	*o = (struct sv_match_lookup_opts){
		.lang = SV_LANG_UNKNOWN,
		.max_hits = 8,
		.max_suggest = 5,
		.partial = SV_MATCH_PARTIAL_ON,
	};
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

/* Approved terms rank first, then candidates, then forbidden ones. */
static int status_rank(enum sv_status s)
{
	switch (s) {
	case SV_STATUS_APPROVED: return 0;
	case SV_STATUS_CANDIDATE: return 1;
	case SV_STATUS_FORBIDDEN: return 2;
	default: return 3;
	}
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

static void add_hit_row(struct sv_match_lookup *r, const struct sv_store_term *row,
			enum sv_match_how how, double rank)
{
	struct sv_match_term t;
	term_from_row(&t, row);
	add_hit(r, &t, how, rank);
	term_release(&t);
}

/* Every term a store query gives becomes a hit of one kind and rank. */
struct hits_as {
	struct sv_match_lookup *r;
	enum sv_match_how how;
	double rank;
};

static int hit_each(void *ctx, const struct sv_store_term *t)
{
	struct hits_as *h = ctx;
	add_hit_row(h->r, t, h->how, h->rank);
	return 0;
}

static int find_exact(struct sv_match *m, enum sv_lang lang, const char *key,
		      struct sv_match_lookup *r, enum sv_match_how how, double rank,
		      struct sv_error *err)
{
	struct sv_store_terms_query q = { .by = SV_STORE_TERMS_LEMMAS, .lang = lang, .key = key };
	struct hits_as h = { r, how, rank };
	return sv_store_terms_find(m->st, &q, hit_each, &h, err);
}

static int find_form(struct sv_match *m, enum sv_lang lang, const char *form,
		     struct sv_match_lookup *r, struct sv_error *err)
{
	struct sv_store_terms_query q = { .by = SV_STORE_TERMS_FORM, .lang = lang, .key = form };
	struct hits_as h = { r, SV_MATCH_FORM, 0.97 };
	return sv_store_terms_find(m->st, &q, hit_each, &h, err);
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
	int rc = mt_analyse(m, q->lang, text, &q->norm, &q->lemmas, err);
	if (!rc) {
		mt_mtoks(q->norm.data, q->lemmas.data, &q->toks);
		q->ready = 1;
	}
	return rc;
}

static void query_release(struct query *q)
{
	sv_buf_release(&q->norm);
	sv_buf_release(&q->lemmas);
	sv_buf_release(&q->key);
	mt_mtoks_release(&q->toks);
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
		mt_lemma_alt(t, pick, out);
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

/* Terms of which the query is a contiguous part, ranked by how much of
 * them it covers. */
struct longer {
	struct sv_match_lookup *r;
	size_t n;           /* the query's tokens */
	struct sv_mtoks tt; /* scratch */
};

static int longer_each(void *ctx, const struct sv_store_term *t)
{
	struct longer *l = ctx;
	mt_mtoks(t->lemma_key, NULL, &l->tt);
	if (l->tt.n > l->n)
		add_hit_row(l->r, t, SV_MATCH_LONGER, 0.5 + 0.4 * (double)l->n / (double)l->tt.n);
	return 0;
}

/* Longer terms: a phrase query over the terms' lemma keys, when the query
 * has a content word. */
static int longer_hits(struct sv_match *m, struct query *q, struct sv_match_lookup *r,
		       struct sv_error *err)
{
	int rc = SV_OK;
	size_t n = q->toks.n, content = 0;
	struct sv_buf k = SV_BUF_INIT, phrase = SV_BUF_INIT;
	struct longer l = { r, n, { 0 } };
	for (size_t i = 0; i < n; i++)
		content += !is_stop(q, i);
	if (!content)
		goto out;
	combo_key(q, 0, n, 0, &k);
	mt_fts_quote(&phrase, k.data, k.len);
	struct sv_store_terms_query tq = {
		.by = SV_STORE_TERMS_PHRASE, .lang = q->lang, .key = phrase.data, .limit = 64
	};
	rc = sv_store_terms_find(m->st, &tq, longer_each, &l, err);
out:
	sv_buf_release(&k);
	sv_buf_release(&phrase);
	mt_mtoks_release(&l.tt);
	return rc;
}

/* Shorter terms: every contiguous part of the query (up to 12 tokens) that
 * holds a content word and neither starts nor ends with a stop word. */
static int shorter_hits(struct sv_match *m, struct query *q, struct sv_match_lookup *r,
			struct sv_error *err)
{
	int rc = SV_OK;
	size_t n = q->toks.n;
	struct sv_buf k = SV_BUF_INIT;
	if (n < 2 || n > 12)
		goto out;
	for (size_t len = n - 1; len >= 1; len--) {
		for (size_t from = 0; from + len <= n; from++) {
			int has_content = 0;
			for (size_t i = from; i < from + len; i++)
				has_content |= !is_stop(q, i);
			if (!has_content || is_stop(q, from) || is_stop(q, from + len - 1))
				continue;
			double rank = 0.4 + 0.4 * (double)len / (double)n;
			for (size_t c = 0; c < 4 && combo_key(q, from, len, c, &k); c++)
				if ((rc = find_exact(m, q->lang, k.data, r, SV_MATCH_SHORTER, rank,
						     err)))
					goto out;
		}
	}
out:
	sv_buf_release(&k);
	return rc;
}

/* Terms holding the query as a contiguous part, and terms that are a
 * contiguous part of the query. */
static int partial_hits(struct sv_match *m, struct query *q, struct sv_match_lookup *r,
			struct sv_error *err)
{
	if (!q->toks.n || !m->has_term_index)
		return SV_OK;
	int rc = longer_hits(m, q, r, err);
	return rc ? rc : shorter_hits(m, q, r, err);
}

static void add_equiv(struct sv_match_lookup *r, const struct sv_match_term *t, size_t hit,
		      double score, enum sv_status status, const char *evidence, int via_concept)
{
	for (size_t i = 0; i < r->nequivs; i++)
		if (r->equivs[i].term.id == t->id)
			return;
	SV_GROW(r->equivs, r->ecap, r->nequivs + 1);
	struct sv_match_equiv *e = &r->equivs[r->nequivs++];
	term_copy(&e->term, t);
	e->hit = hit;
	e->score = score;
	e->status = status;
	e->evidence = sv_strdup(evidence ? evidence : "");
	e->via_concept = via_concept;
}

static void add_equiv_row(struct sv_match_lookup *r, const struct sv_store_term *row, size_t hit,
			  double score, enum sv_status status, const char *evidence,
			  int via_concept)
{
	struct sv_match_term t;
	term_from_row(&t, row);
	add_equiv(r, &t, hit, score, status, evidence, via_concept);
	term_release(&t);
}

/* The equivalents of one hit, from its pairs or its concept. */
struct equivs_of {
	struct sv_match_lookup *r;
	size_t hit;
	enum sv_lang lang; /* the hit's */
};

static int pair_each(void *ctx, const struct sv_store_term_pair *p)
{
	struct equivs_of *e = ctx;
	const struct sv_store_term *other = e->lang == SV_LANG_RU ? &p->bg : &p->ru;
	if (other->status != SV_STATUS_REJECTED)
		add_equiv_row(e->r, other, e->hit, p->score, p->status, p->evidence, 0);
	return 0;
}

static int concept_each(void *ctx, const struct sv_store_term *t)
{
	struct equivs_of *e = ctx;
	add_equiv_row(e->r, t, e->hit, 1.0, t->status, "", 1);
	return 0;
}

static int equivalents(struct sv_match *m, struct sv_match_lookup *r, size_t hit,
		       struct sv_error *err)
{
	const struct sv_match_term *src = &r->hits[hit].term;
	struct equivs_of e = { r, hit, src->lang };
	int rc = sv_store_term_pairs_find(m->st, src->id, src->lang, pair_each, &e, err);
	if (rc || !src->concept)
		return rc;
	struct sv_store_terms_query q = {
		.by = SV_STORE_TERMS_CONCEPT,
		.lang = src->lang == SV_LANG_RU ? SV_LANG_BG : SV_LANG_RU,
		.concept = src->concept,
	};
	return sv_store_terms_find(m->st, &q, concept_each, &e, err);
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
	int fx = x->status == SV_STATUS_FORBIDDEN, fy = y->status == SV_STATUS_FORBIDDEN;
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

/* Terms spelt like the query (its key folded): same-language ones become
 * hits, other-language ones direct equivalents. */
struct folds {
	struct sv_match_lookup *r;
	enum sv_lang lang; /* the query's */
	const char *key;   /* the query key that was folded */
	size_t found;
};

static int fold_each(void *ctx, const struct sv_store_term *t)
{
	struct folds *f = ctx;
	if (t->lang == f->lang) {
		add_hit_row(f->r, t, SV_MATCH_FOLD, 0.9);
	} else {
		char ev[160];
		snprintf(ev, sizeof(ev), "spelling: %s ~ %s", f->key, t->lemma_key);
		add_equiv_row(f->r, t, SIZE_MAX, sv_match_spelling(f->key, t->lemma_key), t->status,
			      ev, 0);
	}
	f->found++;
	return 0;
}

/* Terms whose folded lemma key equals the query's (its first lemmas, else
 * its keys); *found gets the count. */
static int fold_hits(struct sv_match *m, struct query *q, struct sv_match_lookup *r, size_t *found,
		     struct sv_error *err)
{
	int rc = SV_OK;
	struct sv_buf k = SV_BUF_INIT, f = SV_BUF_INIT;
	struct folds fs = { r, q->lang, NULL, 0 };
	if (!m->has_term_index || !q->toks.n)
		goto out;
	combo_key(q, 0, q->toks.n, 0, &k);
	for (int pass = 0; pass < 2 && !fs.found; pass++) {
		fs.key = pass ? q->norm.data : k.data;
		sv_buf_reset(&f);
		sv_match_fold(fs.key, strlen(fs.key), &f);
		struct sv_store_terms_query tq = {
			.by = SV_STORE_TERMS_FOLD, .key = f.data, .limit = 16
		};
		if ((rc = sv_store_terms_find(m->st, &tq, fold_each, &fs, err)))
			goto out;
	}
out:
	*found = fs.found;
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
	mt_mtoks(t->lemma_key, NULL, tt);
	if (tt->n != q->toks.n || !tt->n)
		return 0;
	for (size_t i = 0; i < tt->n; i++) {
		const struct sv_mtok *a = &q->toks.v[i], *b = &tt->v[i];
		if (mt_has_lemma(a, b->key, b->klen))
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
	mt_mtoks(t->lemma_key, NULL, tt);
	size_t shared = 0;
	for (size_t i = 0; i < tt->n; i++)
		for (size_t j = 0; j < q->toks.n; j++)
			if (mt_has_lemma(&q->toks.v[j], tt->v[i].key, tt->v[i].klen)) {
				shared++;
				break;
			}
	double dice = tt->n + q->toks.n ? 2.0 * (double)shared / (double)(tt->n + q->toks.n) : 0;
	return dice > sp ? dice : sp;
}

/* The terms found for suggestions, each once, with their similarity. */
struct cands {
	struct cand *v;
	size_t n, cap;
	const struct query *q; /* the query being looked for */
	size_t qi;             /* its index */
	struct sv_mtoks tt;    /* scratch */
};

static int cand_each(void *ctx, const struct sv_store_term *row)
{
	struct cands *cs = ctx;
	for (size_t i = 0; i < cs->n; i++)
		if (cs->v[i].t.id == row->id)
			return 0;
	struct cand x;
	term_from_row(&x.t, row);
	x.sim = cand_sim(cs->q, &x.t, &cs->tt);
	x.qi = cs->qi;
	if (x.t.lang != cs->q->lang)
		x.sim *= 0.95;
	SV_GROW(cs->v, cs->cap, cs->n + 1);
	cs->v[cs->n++] = x;
	return 0;
}

/* Four-letter pieces of the folded keys (three-letter for short queries),
 * OR'ed: a phrase of two trigrams, far more selective than one, and a typo
 * still leaves most. */
static void fold_pieces_query(const struct query *q, struct sv_buf *fq)
{
	struct sv_buf f = SV_BUF_INIT;
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
		if (fq->len)
			sv_buf_adds(fq, " OR ");
		mt_fts_quote(fq, f.data + off[i], end - off[i]);
	}
	sv_buf_release(&f);
}

/* The content words' first lemmas, OR'ed. */
static void lemma_words_query(const struct query *q, struct sv_buf *fq)
{
	struct sv_buf k = SV_BUF_INIT;
	for (size_t i = 0; i < q->toks.n; i++) {
		if (is_stop(q, i))
			continue;
		sv_buf_reset(&k);
		mt_lemma_alt(&q->toks.v[i], 0, &k);
		if (fq->len)
			sv_buf_adds(fq, " OR ");
		mt_fts_quote(fq, k.data, k.len);
	}
	sv_buf_release(&k);
}

/* Candidates for every query: terms sharing spelling pieces, then terms
 * sharing lemmas; sorted by similarity. */
static int gather_cands(struct sv_match *m, const struct query *qs, size_t nq, struct cands *cs,
			struct sv_error *err)
{
	static const size_t per_query = 40; /* best-ranked terms read per FTS query */
	int rc = SV_OK;
	struct sv_buf fq = SV_BUF_INIT;
	for (size_t qi = 0; qi < nq; qi++) {
		const struct query *q = &qs[qi];
		if (!q->toks.n)
			continue;
		cs->q = q;
		cs->qi = qi;
		for (int pass = 0; pass < 2; pass++) {
			sv_buf_reset(&fq);
			if (pass == 0)
				fold_pieces_query(q, &fq);
			else
				lemma_words_query(q, &fq);
			if (!fq.len)
				continue;
			struct sv_store_terms_query tq = {
				.by = pass ? SV_STORE_TERMS_LEMMA_WORDS : SV_STORE_TERMS_FOLD_WORDS,
				.key = fq.data,
				.limit = per_query,
			};
			if ((rc = sv_store_terms_find(m->st, &tq, cand_each, cs, err)))
				goto out;
		}
	}
	if (cs->n > 1)
		qsort(cs->v, cs->n, sizeof(*cs->v), cmp_cand);
out:
	sv_buf_release(&fq);
	return rc;
}

/* "Did you mean": inflections the lemmatiser missed are hits, in the first
 * language that has them; with no hit, the most similar terms are
 * suggestions. */
static int suggest(struct sv_match *m, struct query *qs, size_t nq,
		   const struct sv_match_lookup_opts *o, struct sv_match_lookup *r,
		   struct sv_error *err)
{
	struct cands cs = { 0 };
	int rc = SV_OK;
	if (!m->has_term_index || (rc = gather_cands(m, qs, nq, &cs, err)))
		goto out;
	for (size_t i = 0; i < cs.n; i++) {
		const struct cand *c = &cs.v[i];
		if (c->t.lang != qs[c->qi].lang || !inflection_of(&qs[c->qi], &c->t, &cs.tt))
			continue;
		if (r->nhits && r->hits[0].term.lang != c->t.lang)
			continue;
		add_hit(r, &c->t, SV_MATCH_STEM, 0.6 * c->sim + 0.2);
	}
	for (size_t i = 0; i < cs.n && r->nsuggest < o->max_suggest && !r->nhits; i++) {
		if (cs.v[i].sim < 0.4)
			break;
		SV_GROW(r->suggest, r->scap, r->nsuggest + 1);
		r->suggest_sim = sv_realloc(r->suggest_sim, r->scap * sizeof(*r->suggest_sim));
		r->suggest_sim[r->nsuggest] = cs.v[i].sim;
		r->suggest[r->nsuggest++] = cs.v[i].t;
		cs.v[i].t.citation = cs.v[i].t.lemma_key = cs.v[i].t.kind = NULL;
	}
out:
	for (size_t i = 0; i < cs.n; i++)
		term_release(&cs.v[i].t);
	free(cs.v);
	mt_mtoks_release(&cs.tt);
	return rc;
}

/* Whether the text's letters say Russian on their own (ы, э, ё). */
static int russian_letters(const char *s)
{
	return strstr(s, "ы") || strstr(s, "э") || strstr(s, "ё") || strstr(s, "Ы") ||
	       strstr(s, "Э") || strstr(s, "Ё");
}

/* The languages to try, likelier first, in q[0..*nq); *sure when the
 * language is given or plain from the text. */
static void query_langs(const char *text, enum sv_lang lang, struct query *q, size_t *nq,
			int *sure)
{
	*nq = 0;
	*sure = 1;
	if (lang == SV_LANG_RU || lang == SV_LANG_BG) {
		q[(*nq)++].lang = lang;
		return;
	}
	double conf = 0;
	enum sv_lang d = sv_lang_detect(text, strlen(text), &conf);
	*sure = (d == SV_LANG_RU || d == SV_LANG_BG) && conf >= 0.9 && strchr(text, ' ');
	if (russian_letters(text)) {
		d = SV_LANG_RU;
		*sure = 1;
	}
	q[(*nq)++].lang = d == SV_LANG_BG ? SV_LANG_BG : SV_LANG_RU;
	q[(*nq)++].lang = q[0].lang == SV_LANG_RU ? SV_LANG_BG : SV_LANG_RU;
}

/* Exact lemma sequences and forms, in the likelier language first; when the
 * language was a guess, the other too, and the more frequent wins (the
 * other language's hits are dropped). *pick gets the language with hits,
 * or SIZE_MAX. */
static int whole_term_hits(struct sv_match *m, const char *text, struct query *q, size_t nq,
			   int sure, struct sv_match_lookup *out, size_t *pick,
			   struct sv_error *err)
{
	int rc;
	*pick = SIZE_MAX;
	for (size_t i = 0; i < nq && (*pick == SIZE_MAX || (!sure && i == 1)); i++) {
		if ((rc = query_ready(m, &q[i], text, err)) ||
		    (rc = strong_hits(m, &q[i], text, out, err)))
			return rc;
		if (out->nhits && *pick == SIZE_MAX)
			*pick = i;
	}
	if (*pick != 0 || nq != 2)
		return SV_OK;
	int64_t best[2] = { -1, -1 };
	for (size_t i = 0; i < out->nhits; i++) {
		int k = out->hits[i].term.lang == q[1].lang;
		if (out->hits[i].term.freq > best[k])
			best[k] = out->hits[i].term.freq;
	}
	if (best[1] > best[0])
		*pick = 1;
	size_t k = 0;
	for (size_t i = 0; i < out->nhits; i++) {
		if (out->hits[i].term.lang == q[*pick].lang)
			out->hits[k++] = out->hits[i];
		else
			term_release(&out->hits[i].term);
	}
	out->nhits = k;
	return SV_OK;
}

/* Partial matches in the picked language, else in another that has them
 * (then *pick moves there). */
static int partial_hits_any(struct sv_match *m, const char *text, struct query *q, size_t nq,
			    struct sv_match_lookup *out, size_t *pick, struct sv_error *err)
{
	size_t before = out->nhits;
	int rc = partial_hits(m, &q[*pick], out, err);
	for (size_t i = 0; i < nq && !rc && out->nhits == before && !out->nequivs; i++)
		if (i != *pick && (rc = query_ready(m, &q[i], text, err)) == SV_OK &&
		    (rc = partial_hits(m, &q[i], out, err)) == SV_OK && out->nhits > before)
			*pick = i;
	return rc;
}

/* Sorts the hits best first and keeps max of them; with trim_context, at
 * most three partial ones behind a whole-term hit. */
static void rank_hits(struct sv_match_lookup *out, size_t max, int trim_context)
{
	if (out->nhits > 1)
		qsort(out->hits, out->nhits, sizeof(*out->hits), cmp_hit);
	if (trim_context && out->nhits && out->hits[0].rank >= 0.9) {
		size_t k = 0, partial = 0;
		for (size_t i = 0; i < out->nhits; i++) {
			if (out->hits[i].rank < 0.9 && ++partial > 3)
				term_release(&out->hits[i].term);
			else
				out->hits[k++] = out->hits[i];
		}
		out->nhits = k;
	}
	while (out->nhits > max)
		term_release(&out->hits[--out->nhits].term);
}

/* The equivalents of every hit, sorted. Direct (spelling) equivalents were
 * added with hit SIZE_MAX: they stay last; the others follow hit order. */
static int all_equivalents(struct sv_match *m, struct sv_match_lookup *out, struct sv_error *err)
{
	int rc = SV_OK;
	for (size_t i = 0; i < out->nhits && !rc; i++)
		rc = equivalents(m, out, i, err);
	if (!rc && out->nequivs > 1)
		qsort(out->equivs, out->nequivs, sizeof(*out->equivs), cmp_equiv);
	return rc;
}

/* Nothing matched: suggestions in every language, and the stem hits they
 * bring with their equivalents. */
static int suggestions(struct sv_match *m, const char *text, struct query *q, size_t nq,
		       const struct sv_match_lookup_opts *o, struct sv_match_lookup *out,
		       struct sv_error *err)
{
	int rc = SV_OK;
	for (size_t i = 0; i < nq && !rc; i++)
		rc = query_ready(m, &q[i], text, err);
	if (rc || (rc = suggest(m, q, nq, o, out, err)) || !out->nhits)
		return rc;
	out->lang = out->hits[0].term.lang;
	for (size_t i = 0; i < nq; i++)
		if (q[i].lang == out->lang) {
			free(out->lemmas);
			out->lemmas = sv_strdup(q[i].lemmas.data);
		}
	rank_hits(out, o->max_hits, 0);
	return all_equivalents(m, out, err);
}

int sv_match_lookup(struct sv_match *m, const char *text, const struct sv_match_lookup_opts *opts,
		    struct sv_match_lookup *out, struct sv_error *err)
{
	struct sv_match_lookup_opts o;
	sv_match_lookup_opts_init(&o);
	if (opts) {
		o.lang = opts->lang;
		if (opts->max_hits)
			o.max_hits = opts->max_hits;
		if (opts->max_suggest)
			o.max_suggest = opts->max_suggest;
		o.partial = opts->partial;
	}
	sv_match_lookup_release(out);
	struct query q[2];
	memset(q, 0, sizeof(q));
	for (int i = 0; i < 2; i++) {
		sv_buf_init(&q[i].norm);
		sv_buf_init(&q[i].lemmas);
		sv_buf_init(&q[i].key);
	}
	size_t nq, pick;
	int rc, sure;
	query_langs(text, o.lang, q, &nq, &sure);
	if ((rc = whole_term_hits(m, text, q, nq, sure, out, &pick, err)))
		goto out;
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
	if (o.partial == SV_MATCH_PARTIAL_ON &&
	    (rc = partial_hits_any(m, text, q, nq, out, &pick, err)))
		goto out;
	out->lang = q[pick].lang;
	out->lemmas = sv_strdup(q[pick].lemmas.data);
	rank_hits(out, o.max_hits, 1);
	if ((rc = all_equivalents(m, out, err)))
		goto out;
	if (!out->nhits && !out->nequivs)
		rc = suggestions(m, text, q, nq, &o, out, err);
out:
	for (size_t i = 0; i < 2; i++)
		query_release(&q[i]);
	return rc;
}
