/* The match handle, analysed-token views, the fuzzy-match score (token edit
 * distance, lemma-aware), spelling folds and the mapping of analysed tokens
 * back to byte spans of the text. */
#include "match/match-int.h"

#include <stdlib.h>
#include <string.h>

#include "base/cyrillic.h"
#include "base/utf8.h"

struct sv_match *sv_match_open(struct sv_store *st, struct sv_text *t, struct sv_error *err)
{
	struct sv_match *m = sv_calloc(1, sizeof(*m));
	m->st = st;
	m->t = t;
	if (sv_store_has_term_index(st, &m->has_term_index, err)) {
		free(m);
		return NULL;
	}
	return m;
}

void sv_match_close(struct sv_match *m)
{
	if (!m)
		return;
	sv_tokens_release(&m->toks);
	free(m);
}

/* ---- Token views ------------------------------------------------------ */

void mt_mtoks_release(struct sv_mtoks *t)
{
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

void mt_mtoks(const char *norm, const char *lemmas, struct sv_mtoks *out)
{
	out->n = 0;
	if (!norm)
		return;
	size_t n = sv_text_keys_count(norm);
	if (lemmas && *lemmas && sv_text_keys_count(lemmas) != n)
		lemmas = NULL;
	if (lemmas && !*lemmas)
		lemmas = NULL;
	SV_GROW(out->v, out->cap, n + 1);
	struct sv_text_keys_iter keys, lems;
	sv_text_keys_init(&keys, norm);
	sv_text_keys_init(&lems, lemmas);
	const char *key, *lem;
	size_t klen, llen;
	while (sv_text_keys_next(&keys, &key, &klen)) {
		struct sv_mtok *t = &out->v[out->n++];
		t->key = key;
		t->klen = (uint32_t)klen;
		if (lemmas && sv_text_keys_next(&lems, &lem, &llen)) {
			t->lem = lem;
			t->llen = (uint32_t)llen;
		} else {
			t->lem = t->key;
			t->llen = t->klen;
		}
	}
}

int mt_has_lemma(const struct sv_mtok *tok, const char *l, size_t n)
{
	struct sv_text_lemmas_iter it;
	const char *lem;
	size_t len;
	sv_text_lemmas_init(&it, tok->lem, tok->llen);
	while (sv_text_lemmas_next(&it, &lem, &len))
		if (len == n && !memcmp(lem, l, n))
			return 1;
	return 0;
}

int mt_lemma_eq(const struct sv_mtok *a, const struct sv_mtok *b)
{
	struct sv_text_lemmas_iter it;
	const char *lem;
	size_t len;
	sv_text_lemmas_init(&it, a->lem, a->llen);
	while (sv_text_lemmas_next(&it, &lem, &len))
		if (len && mt_has_lemma(b, lem, len))
			return 1;
	return 0;
}

int mt_lemma_alt(const struct sv_mtok *tok, size_t i, struct sv_buf *out)
{
	const char *p = tok->lem, *end = tok->lem + tok->llen;
	for (;;) {
		const char *e = memchr(p, '|', (size_t)(end - p));
		if (!e)
			e = end;
		if (!i) {
			sv_buf_add(out, p, (size_t)(e - p));
			return 1;
		}
		if (e >= end)
			return 0;
		p = e + 1;
		i--;
	}
}

/* ---- The score -------------------------------------------------------- */

static int key_eq(const struct sv_mtok *a, const struct sv_mtok *b)
{
	return a->klen == b->klen && !memcmp(a->key, b->key, a->klen);
}

double sv_match_score(const char *a_norm, const char *a_lemmas, const char *b_norm,
		      const char *b_lemmas, uint8_t *diff, size_t maxdiff)
{
	struct sv_mtoks a = { 0 }, b = { 0 };
	mt_mtoks(a_norm, a_lemmas, &a);
	mt_mtoks(b_norm, b_lemmas, &b);
	size_t n = a.n, mm = b.n, w = mm + 1;
	double *d = sv_malloc((n + 1) * w * sizeof(*d));
	for (size_t j = 0; j <= mm; j++)
		d[j] = (double)j;
	for (size_t i = 1; i <= n; i++) {
		d[i * w] = (double)i;
		for (size_t j = 1; j <= mm; j++) {
			const struct sv_mtok *x = &a.v[i - 1], *y = &b.v[j - 1];
			double sub = key_eq(x, y)               ? 0
				     : mt_lemma_eq(x, y) ? SV_MATCH_LEMMA_COST
								: 1;
			double best = d[(i - 1) * w + j - 1] + sub;
			double del = d[(i - 1) * w + j] + 1, ins = d[i * w + j - 1] + 1;
			if (del < best)
				best = del;
			if (ins < best)
				best = ins;
			d[i * w + j] = best;
		}
	}
	double dist = d[n * w + mm];
	if (diff) {
		for (size_t j = 0; j < mm && j < maxdiff; j++)
			diff[j] = 2;
		size_t i = n, j = mm;
		while (i > 0 && j > 0) {
			const struct sv_mtok *x = &a.v[i - 1], *y = &b.v[j - 1];
			double sub = key_eq(x, y)               ? 0
				     : mt_lemma_eq(x, y) ? SV_MATCH_LEMMA_COST
								: 1;
			double here = d[i * w + j];
			if (here == d[(i - 1) * w + j - 1] + sub) {
				if (j - 1 < maxdiff)
					diff[j - 1] = sub == 0 ? 0 : sub < 1 ? 1 : 2;
				i--;
				j--;
			} else if (here == d[(i - 1) * w + j] + 1) {
				i--;
			} else {
				j--;
			}
		}
	}
	free(d);
	size_t L = n > mm ? n : mm;
	mt_mtoks_release(&a);
	mt_mtoks_release(&b);
	if (!L)
		return 100;
	double s = 100.0 * ((double)L - dist) / (double)L;
	return s < 0 ? 0 : s;
}

/* ---- Spelling --------------------------------------------------------- */

static uint32_t fold_cp(uint32_t c)
{
	c = sv_cyr_lower_russian(c);
	switch (c) {
	case 0x451: /* ё */
	case 0x44D: /* э */ return 0x435;
	case 0x44B: /* ы */
	case 0x439: /* й */ return 0x438;
	case 0x44C: /* ь */
	case 0x44A: /* ъ */ return 0;
	default: return c;
	}
}

void sv_match_fold(const char *key, size_t n, struct sv_buf *out)
{
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t l = sv_utf8_decode((const unsigned char *)key + i, n - i, &c);
		if (!l) {
			sv_buf_addc(out, key[i++]);
			continue;
		}
		i += l;
		if ((c = fold_cp(c)))
			sv_buf_add_cp(out, c);
	}
}

static size_t to_folded_cps(const char *s, uint32_t *cp, size_t max)
{
	size_t k = 0, n = strlen(s);
	for (size_t i = 0; i < n && k < max;) {
		uint32_t c;
		size_t l = sv_utf8_decode((const unsigned char *)s + i, n - i, &c);
		if (!l) {
			c = (unsigned char)s[i];
			l = 1;
		}
		i += l;
		if ((c = fold_cp(c)))
			cp[k++] = c;
	}
	return k;
}

double sv_match_spelling(const char *a, const char *b)
{
	uint32_t x[128], y[128];
	size_t n = to_folded_cps(a, x, 128), m = to_folded_cps(b, y, 128);
	size_t L = n > m ? n : m;
	if (!L)
		return 1;
	size_t row[129];
	for (size_t j = 0; j <= m; j++)
		row[j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t up = row[j];
			size_t best = diag + (x[i - 1] != y[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return 1.0 - (double)row[m] / (double)L;
}

/* ---- Text helpers ----------------------------------------------------- */

int mt_analyse(struct sv_match *m, enum sv_lang lang, const char *text, struct sv_buf *norm,
		      struct sv_buf *lemmas, struct sv_error *err)
{
	sv_buf_reset(norm);
	sv_buf_reset(lemmas);
	return sv_text_analyse(m->t, lang, text, strlen(text), norm, lemmas, err);
}

/* Maps each norm token to a token of text (index into m->toks, or SIZE_MAX). */
static size_t *map_tokens(struct sv_match *m, const char *text, const struct sv_mtoks *nt)
{
	struct sv_error err = { 0 };
	size_t *map = sv_malloc((nt->n + 1) * sizeof(*map));
	for (size_t i = 0; i < nt->n; i++)
		map[i] = SIZE_MAX;
	if (sv_text_tokenize(m->t, text, strlen(text), &m->toks, &err))
		return map;
	size_t j = 0;
	for (size_t i = 0; i < nt->n; i++) {
		for (size_t k = j; k < m->toks.n && k < j + 12; k++) {
			const struct sv_token *tk = &m->toks.v[k];
			if (tk->type == SV_TOK_PUNCT || tk->type == SV_TOK_SYMBOL)
				continue;
			if (tk->keylen == nt->v[i].klen &&
			    !memcmp(sv_token_key(&m->toks, k), nt->v[i].key, tk->keylen)) {
				map[i] = k;
				j = k + 1;
				break;
			}
		}
	}
	return map;
}

int mt_token_span(struct sv_match *m, const char *text, const char *norm, size_t from,
			 size_t n, struct sv_match_span *span)
{
	struct sv_mtoks nt = { 0 };
	mt_mtoks(norm, NULL, &nt);
	span->start = span->len = 0;
	int ok = 0;
	if (from + n <= nt.n && n) {
		size_t *map = map_tokens(m, text, &nt);
		size_t a = SIZE_MAX, b = SIZE_MAX;
		for (size_t i = from; i < from + n; i++) {
			if (map[i] == SIZE_MAX)
				continue;
			if (a == SIZE_MAX)
				a = map[i];
			b = map[i];
		}
		if (a != SIZE_MAX) {
			const struct sv_token *x = &m->toks.v[a], *y = &m->toks.v[b];
			span->start = x->start;
			span->len = y->start + y->len - x->start;
			ok = 1;
		}
		free(map);
	}
	mt_mtoks_release(&nt);
	return ok;
}

void mt_mark_spans(struct sv_match *m, const char *text, const char *norm,
			  const uint8_t *mark, size_t nmark, struct sv_match_span **spans,
			  size_t *nspans)
{
	struct sv_mtoks nt = { 0 };
	mt_mtoks(norm, NULL, &nt);
	size_t *map = map_tokens(m, text, &nt);
	size_t cap = 0, prev = SIZE_MAX;
	*spans = NULL;
	*nspans = 0;
	for (size_t i = 0; i < nt.n && i < nmark; i++) {
		if (!mark[i] || map[i] == SIZE_MAX)
			continue;
		const struct sv_token *tk = &m->toks.v[map[i]];
		if (prev != SIZE_MAX && prev + 1 == i && *nspans) {
			struct sv_match_span *s = &(*spans)[*nspans - 1];
			if (tk->start >= s->start) {
				s->len = tk->start + tk->len - s->start;
				prev = i;
				continue;
			}
		}
		SV_GROW(*spans, cap, *nspans + 1);
		(*spans)[(*nspans)++] = (struct sv_match_span){ tk->start, tk->len };
		prev = i;
	}
	free(map);
	mt_mtoks_release(&nt);
}

void mt_fts_quote(struct sv_buf *q, const char *s, size_t n)
{
	sv_buf_addc(q, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			sv_buf_addc(q, '"');
		sv_buf_addc(q, s[i]);
	}
	sv_buf_addc(q, '"');
}

char *mt_dup(const char *s)
{
	return sv_strdup(s ? s : "");
}
