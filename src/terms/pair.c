/* Pairing Russian and Bulgarian terms: word translations from cognates (the
 * align module's weighted edit distance and key), the seed lexicon and word
 * co-occurrence learnt from aligned units; compositional matching of the
 * content words of two terms (word order and prepositions free); acronyms
 * through the letters of their expansions; term co-occurrence in aligned
 * units and paired documents. Every pair carries readable evidence. */
#include "terms/terms-int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align/align.h"
#include "store/termbase.h"
#include "base/utf8.h"

/* ---- A small u64 -> u32 hash map --------------------------------------- */

struct u64map {
	uint64_t *k; /* key + 1; 0 = empty */
	uint32_t *v;
	size_t cap, len;
};

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

static uint32_t *u64_slot(struct u64map *m, uint64_t key, int add)
{
	if (add && (m->len + 1) * 2 > m->cap) {
		size_t ncap = m->cap ? m->cap * 2 : 1024;
		uint64_t *nk = sv_calloc(ncap, sizeof(*nk));
		uint32_t *nv = sv_calloc(ncap, sizeof(*nv));
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->k[i])
				continue;
			size_t j = mix64(m->k[i]) & (ncap - 1);
			while (nk[j])
				j = (j + 1) & (ncap - 1);
			nk[j] = m->k[i];
			nv[j] = m->v[i];
		}
		free(m->k);
		free(m->v);
		m->k = nk;
		m->v = nv;
		m->cap = ncap;
	}
	if (!m->cap)
		return NULL;
	uint64_t kk = key + 1;
	size_t j = mix64(kk) & (m->cap - 1);
	while (m->k[j] && m->k[j] != kk)
		j = (j + 1) & (m->cap - 1);
	if (!m->k[j]) {
		if (!add)
			return NULL;
		m->k[j] = kk;
		m->v[j] = 0;
		m->len++;
	}
	return &m->v[j];
}

static void u64_release(struct u64map *m)
{
	free(m->k);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

/* ---- The model ------------------------------------------------------- */

struct tm_pair {
	uint32_t ru, bg;
	float score, base;
	uint32_t cu;     /* units where both occur */
	uint8_t docs;    /* 1: in paired documents, 0: not, 2: no pairing known */
	float ctx;       /* context similarity (comparable text), -1 when not used */
	uint8_t how;     /* 0 compositional, 1 acronym letters, 2 projected, 3 derived acronym */
	uint8_t mutual;
	uint8_t best;    /* bit 0: the Russian term's best pair, bit 1: the Bulgarian term's */
};

struct tm_model {
	struct sv_text *t;
	struct sv_terms_opts o;
	struct tm_side ru, bg;
	struct tm_lexicon lx;
	uint32_t *learnt_ru, *learnt_bg; /* lemma id -> partner id (0 none) */
	float *learnt_ru_d, *learnt_bg_d;
	size_t nlearnt;
	struct u64map docpairs;
	double cog_floor;      /* cognate similarity below this counts as none */
	struct u64map wcache;
	uint32_t **trc[2];     /* translations cache by side (0 ru, 1 bg) and lemma id: n, ids */
	size_t ntrc[2];  /* (ru lemma << 32 | bg lemma) -> similarity * 10000 + 1 | why << 16 */
	size_t ndocpairs, nunits;
	struct tm_pair *pairs;
	size_t npairs, cappairs;
	uint32_t *stamp;
	size_t capstamp;
	uint32_t epoch;
	struct sv_buf tmp, tmp2;
};

void sv_terms_opts_init(struct sv_terms_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->min_score = 0.30;
	o->max_words = 5;
	o->per_term = 3;
	o->project = 1;
}

static void model_init(struct tm_model *m, struct sv_text *t, const struct sv_terms_opts *o)
{
	memset(m, 0, sizeof(*m));
	m->t = t;
	if (o)
		m->o = *o;
	else
		sv_terms_opts_init(&m->o);
	if (m->o.max_words < 1 || m->o.max_words > 5)
		m->o.max_words = 5;
	if (m->o.per_term < 1)
		m->o.per_term = 3;
	/* running text has many words sharing only an ending (укрепление /
	 * уважение): a higher floor than for two lists of names */
	m->cog_floor = 0.6;
	tm_side_init(&m->ru, SV_LANG_RU);
	tm_side_init(&m->bg, SV_LANG_BG);
	tm_lexicon_init(&m->lx);
	sv_buf_init(&m->tmp);
	sv_buf_init(&m->tmp2);
}

static void model_release(struct tm_model *m)
{
	tm_side_release(&m->ru);
	tm_side_release(&m->bg);
	tm_lexicon_release(&m->lx);
	free(m->learnt_ru);
	free(m->learnt_bg);
	free(m->learnt_ru_d);
	free(m->learnt_bg_d);
	u64_release(&m->docpairs);
	u64_release(&m->wcache);
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; i < m->ntrc[k]; i++)
			free(m->trc[k][i]);
		free(m->trc[k]);
	}
	free(m->pairs);
	free(m->stamp);
	sv_buf_release(&m->tmp);
	sv_buf_release(&m->tmp2);
}

static const char *lem(const struct tm_side *sd, uint32_t id)
{
	return sv_intern_str(&sd->lemmas, id);
}

/* ---- Cognate keys and postings ---------------------------------------- */

static int is_vowel(uint32_t c)
{
	switch (c) {
	case 0x430: case 0x435: case 0x438: case 0x43E: case 0x443: case 0x44B: case 0x44D:
	case 0x44E: case 0x44F: case 0x44A: case 0x44C: case 0x439: case 0x451:
	case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
		return 1;
	default:
		return 0;
	}
}

/* Up to four consonants of the word, doubles collapsed, жд -> ж, щ -> ч. */
static void consonant_key(const char *w, struct sv_buf *out)
{
	sv_buf_reset(out);
	sv_buf_adds(out, "c:");
	size_t n = strlen(w), k = 0;
	uint32_t prev = 0;
	for (size_t i = 0; i < n && k < 4;) {
		uint32_t c;
		size_t l = sv_utf8_decode((const unsigned char *)w + i, n - i, &c);
		if (!l)
			break;
		i += l;
		if (is_vowel(c))
			continue;
		if (c == 0x449)
			c = 0x447;
		if (c == 0x434 && prev == 0x436)
			continue;
		if (c == prev)
			continue;
		sv_buf_add_cp(out, c);
		prev = c;
		k++;
	}
}

static void bucket_add(struct tm_side *sd, const char *key, size_t klen, uint32_t id, int which)
{
	int added = 0;
	struct sv_map_slot *s = sv_map_add(&sd->keyidx, key, klen, &added);
	uint32_t node = (id << 1 | (uint32_t)which) + 1;
	sd->keynext[id * 2 + (uint32_t)which] = added ? 0 : (uint32_t)s->val;
	s->val = node;
}

static void side_index(struct tm_model *m, struct tm_side *sd)
{
	size_t nl = sv_intern_count(&sd->lemmas) + 1;
	sd->keynext = sv_calloc(nl * 2, sizeof(uint32_t));
	for (uint32_t id = 1; id < nl; id++) {
		if (sd->lemma_class[id] == TM_STOP)
			continue;
		const char *w = lem(sd, id);
		sv_buf_reset(&m->tmp);
		sv_align_cognate_key(sd->lang, w, &m->tmp);
		sv_buf_reset(&m->tmp2);
		sv_buf_adds(&m->tmp2, "k:");
		sv_buf_add(&m->tmp2, m->tmp.data, m->tmp.len);
		bucket_add(sd, m->tmp2.data, m->tmp2.len, id, 0);
		consonant_key(w, &m->tmp2);
		bucket_add(sd, m->tmp2.data, m->tmp2.len, id, 1);
	}
	sd->post = sv_calloc(nl, sizeof(uint32_t *));
	sd->npostv = nl;
	sd->npost = sv_calloc(nl, sizeof(uint32_t));
	sd->cappost = sv_calloc(nl, sizeof(uint32_t));
	for (size_t i = 0; i < sd->nterms; i++) {
		struct tm_term *t = &sd->terms[i];
		if (!t->keep)
			continue;
		for (size_t k = 0; k < t->n; k++) {
			uint32_t id = t->w[k];
			if (sd->lemma_class[id] == TM_STOP)
				continue;
			if (sd->npost[id] && sd->post[id][sd->npost[id] - 1] == i)
				continue;
			if (sd->npost[id] == sd->cappost[id]) {
				sd->cappost[id] = sd->cappost[id] ? sd->cappost[id] * 2 : 4;
				sd->post[id] = sv_realloc(sd->post[id], sd->cappost[id] * sizeof(uint32_t));
			}
			sd->post[id][sd->npost[id]++] = (uint32_t)i;
		}
	}
}

/* ---- Word similarity --------------------------------------------------- */

enum { W_NONE = 0, W_SAME, W_LEX, W_LEARNT, W_COGNATE };

static double wsim_calc(struct tm_model *m, uint32_t r, uint32_t b, int *why);

/* Word similarity, memoised per lemma pair. */
static double wsim(struct tm_model *m, uint32_t r, uint32_t b, int *why)
{
	uint32_t *v = u64_slot(&m->wcache, (uint64_t)r << 32 | b, 1);
	if (!*v) {
		double s = wsim_calc(m, r, b, why);
		*v = (uint32_t)(s * 10000 + 0.5) + 1 + ((uint32_t)*why << 16);
	}
	*why = (int)(*v >> 16);
	return (double)((*v & 0xFFFF) - 1) / 10000.0;
}

static double wsim_calc(struct tm_model *m, uint32_t r, uint32_t b, int *why)
{
	const char *rs = lem(&m->ru, r), *bs = lem(&m->bg, b);
	if (!strcmp(rs, bs)) {
		*why = W_SAME;
		return 1.0;
	}
	if (tm_lexicon_has(&m->lx, rs, bs)) {
		*why = W_LEX;
		return 1.0;
	}
	double best = 0;
	*why = W_NONE;
	if (m->learnt_ru && ((m->learnt_ru[r] == b && r < m->ru.caplemma) ||
			     (b < m->bg.caplemma && m->learnt_bg[b] == r))) {
		double d = m->learnt_ru[r] == b ? m->learnt_ru_d[r] : m->learnt_bg_d[b];
		best = 0.5 + 0.5 * d;
		*why = W_LEARNT;
	}
	double c = tm_cognate(rs, bs);
	if (c >= m->cog_floor && c > best) {
		best = c;
		*why = W_COGNATE;
	}
	return best;
}

/* Greedy matching of content words; fills matched pairs for evidence. */
struct tm_match {
	uint32_t r, b;
	double w;
	int why;
};

static double comp_score(struct tm_model *m, const struct tm_term *a, const struct tm_term *b,
			 struct tm_match *out, size_t *nout)
{
	uint32_t rw[TM_MAX_WORDS], bw[TM_MAX_WORDS];
	size_t k = 0, l = 0;
	for (size_t i = 0; i < a->n; i++)
		if (m->ru.lemma_class[a->w[i]] != TM_STOP)
			rw[k++] = a->w[i];
	for (size_t i = 0; i < b->n; i++)
		if (m->bg.lemma_class[b->w[i]] != TM_STOP)
			bw[l++] = b->w[i];
	if (!k || !l)
		return 0;
	double sim[TM_MAX_WORDS][TM_MAX_WORDS];
	int why[TM_MAX_WORDS][TM_MAX_WORDS];
	for (size_t i = 0; i < k; i++)
		for (size_t j = 0; j < l; j++)
			sim[i][j] = wsim(m, rw[i], bw[j], &why[i][j]);
	int ur[TM_MAX_WORDS] = { 0 }, ub[TM_MAX_WORDS] = { 0 };
	double sum = 0;
	size_t nm = 0;
	for (;;) {
		double best = 0;
		size_t bi = 0, bj = 0;
		for (size_t i = 0; i < k; i++)
			for (size_t j = 0; j < l; j++)
				if (!ur[i] && !ub[j] && sim[i][j] > best) {
					best = sim[i][j];
					bi = i;
					bj = j;
				}
		if (best <= 0)
			break;
		ur[bi] = ub[bj] = 1;
		sum += best;
		if (out)
			out[nm] = (struct tm_match){ rw[bi], bw[bj], best, why[bi][bj] };
		nm++;
	}
	if (nout)
		*nout = nm;
	return 2 * sum / (double)(k + l);
}

/* ---- Acronyms --------------------------------------------------------- */

static size_t letters_of(const char *s, uint32_t *out, size_t max)
{
	size_t n = strlen(s), k = 0;
	for (size_t i = 0; i < n && k < max;) {
		uint32_t c;
		size_t l = sv_utf8_decode((const unsigned char *)s + i, n - i, &c);
		if (!l)
			break;
		i += l;
		out[k++] = c;
	}
	return k;
}

/* The possible initials, in the other language, of a content word of side
 * `from`: its own initial (and ы/э/ъ variants), the initials of its
 * lexicon and learnt translations, and of cognates in the other vocabulary. */
static size_t word_initials(struct tm_model *m, const struct tm_side *from, uint32_t id,
			    uint32_t *out, size_t max, int *via_lex)
{
	const char *w = lem(from, id);
	size_t n = 0;
	uint32_t c = tm_first_letter(w);
	out[n++] = c;
	if (c == 0x438 && n < max) /* и -> э */
		out[n++] = 0x44D;
	if (c == 0x44D && n < max)
		out[n++] = 0x438;
	if (c == 0x435 && n < max)
		out[n++] = 0x44D;
	*via_lex = 0;
	char *const *tr = tm_lexicon_find(&m->lx, from->lang, w);
	for (size_t i = 0; tr && tr[i] && n < max; i++) {
		uint32_t d = tm_first_letter(tr[i]);
		if (d != c) {
			out[n++] = d;
			*via_lex = 1;
		}
	}
	if (from == &m->ru && m->learnt_ru && m->learnt_ru[id] && n < max)
		out[n++] = tm_first_letter(lem(&m->bg, m->learnt_ru[id]));
	if (from == &m->bg && m->learnt_bg && m->learnt_bg[id] && n < max)
		out[n++] = tm_first_letter(lem(&m->ru, m->learnt_bg[id]));
	return n;
}

/* Whether the letters of acronym `acro` (side `aside`) spell the content
 * words of `lf` (side `lside`) through their translations. Returns the
 * number of unmatched positions (SIZE_MAX when lengths differ). */
static size_t acro_spells(struct tm_model *m, const char *acro, const struct tm_side *lside,
			  const struct tm_term *lf, int *used_lex)
{
	uint32_t letters[16];
	struct sv_buf low = SV_BUF_INIT;
	tm_lower(acro, strlen(acro), &low);
	size_t nl = letters_of(low.data, letters, 16);
	sv_buf_release(&low);
	if (nl != lf->ncontent || nl < 2)
		return SIZE_MAX;
	size_t miss = 0, k = 0;
	*used_lex = 0;
	for (size_t i = 0; i < lf->n; i++) {
		uint32_t id = lf->w[i];
		if (lside->lemma_class[id] == TM_STOP)
			continue;
		uint32_t cand[12];
		int vl = 0;
		size_t nc = word_initials(m, lside, id, cand, 12, &vl);
		int ok = 0;
		for (size_t j = 0; j < nc; j++)
			if (cand[j] == letters[k]) {
				ok = 1;
				if (j > 0 && vl)
					*used_lex = 1;
			}
		miss += !ok;
		k++;
	}
	return miss;
}

static void add_match_evidence(struct tm_model *m, const struct tm_match *mt, size_t nm,
			       struct sv_buf *ev)
{
	static const char *const names[] = { "", "same", "lexicon", "learnt", "cognate" };
	for (size_t i = 0; i < nm; i++) {
		if (i)
			sv_buf_adds(ev, ", ");
		sv_buf_addf(ev, "%s=%s (%s", lem(&m->ru, mt[i].r), lem(&m->bg, mt[i].b),
			    names[mt[i].why]);
		if (mt[i].why == W_COGNATE || mt[i].why == W_LEARNT)
			sv_buf_addf(ev, " %.2f", mt[i].w);
		sv_buf_addc(ev, ')');
	}
}

/* Acronym evidence between Russian term a and Bulgarian term b when either
 * is an acronym: same letters, or letters spelling the other's expansion (or
 * the other term itself) word by word through translations. */
static double acro_score(struct tm_model *m, const struct tm_term *a, const struct tm_term *b,
			 struct sv_buf *ev)
{
	int aa = a->kind == TM_ACRONYM, ba = b->kind == TM_ACRONYM;
	double s = 0;
	int lex = 0;
	size_t miss;
	if (aa && ba) {
		size_t len = sv_utf8_length(a->key, strlen(a->key));
		if (!strcmp(a->key, b->key)) {
			s = 0.9;
			if (ev)
				sv_buf_adds(ev, "same letters");
		}
		if (b->expansion) {
			const struct tm_term *e = &m->bg.terms[b->expansion - 1];
			miss = acro_spells(m, a->key, &m->bg, e, &lex);
			double v = miss == 0 ? 0.95 : (miss == 1 && len >= 3) ? 0.7 : 0;
			if (v > s) {
				s = v;
				if (ev) {
					sv_buf_reset(ev);
					sv_buf_addf(ev, "%s spells the expansion of %s, '%s'%s%s",
						    a->key, b->key, e->key, lex ? " through the lexicon" : "",
						    miss ? " but one letter" : "");
				}
			}
		}
		if (a->expansion) {
			const struct tm_term *e = &m->ru.terms[a->expansion - 1];
			miss = acro_spells(m, b->key, &m->ru, e, &lex);
			double v = miss == 0 ? 0.95 : (miss == 1 && len >= 3) ? 0.7 : 0;
			if (v > s) {
				s = v;
				if (ev) {
					sv_buf_reset(ev);
					sv_buf_addf(ev, "%s spells the expansion of %s, '%s'%s%s",
						    b->key, a->key, e->key, lex ? " through the lexicon" : "",
						    miss ? " but one letter" : "");
				}
			}
		}
	} else if (aa && b->n > 1 && b->kind == TM_NAME) {
		miss = acro_spells(m, a->key, &m->bg, b, &lex);
		if (miss == 0) {
			s = 0.8;
			if (ev)
				sv_buf_addf(ev, "%s spells '%s'%s", a->key, b->key,
					    lex ? " through the lexicon" : "");
		}
	} else if (ba && a->n > 1 && a->kind == TM_NAME) {
		miss = acro_spells(m, b->key, &m->ru, a, &lex);
		if (miss == 0) {
			s = 0.8;
			if (ev)
				sv_buf_addf(ev, "%s spells '%s'%s", b->key, a->key,
					    lex ? " through the lexicon" : "");
		}
	}
	return s;
}

/* ---- Context: units and documents --------------------------------------- */

static void list_add(uint32_t **v, uint32_t *n, uint32_t *cap, uint32_t x)
{
	if (*n && (*v)[*n - 1] == x)
		return;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		*v = sv_realloc(*v, *cap * sizeof(uint32_t));
	}
	(*v)[(*n)++] = x;
}

static uint32_t intersect(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb)
{
	uint32_t i = 0, j = 0, c = 0;
	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else {
			c++;
			i++;
			j++;
		}
	}
	return c;
}

static int cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return a < b ? -1 : a > b;
}

static void sort_unique(uint32_t *v, uint32_t *n)
{
	if (*n < 2)
		return;
	qsort(v, *n, sizeof(*v), cmp_u32);
	uint32_t k = 1;
	for (uint32_t i = 1; i < *n; i++)
		if (v[i] != v[k - 1])
			v[k++] = v[i];
	*n = k;
}

static int docs_paired(struct tm_model *m, const struct tm_term *a, const struct tm_term *b)
{
	uint32_t na = a->ndocs < 64 ? a->ndocs : 64, nb = b->ndocs < 64 ? b->ndocs : 64;
	for (uint32_t i = 0; i < na; i++)
		for (uint32_t j = 0; j < nb; j++)
			if (u64_slot(&m->docpairs, (uint64_t)a->docs[i] << 32 | b->docs[j], 0))
				return 1;
	return 0;
}

static size_t translations(struct tm_model *m, const struct tm_side *from, struct tm_side *to,
			   uint32_t id, uint32_t *out, size_t max);

static int has_id(const uint32_t *v, uint32_t n, uint32_t x)
{
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo] == x;
}

/* Context similarity for comparable text: the share of the nouns around the
 * Russian term that have a translation among the nouns around the Bulgarian
 * one (Dice over both context sets). */
static double context_sim(struct tm_model *m, const struct tm_term *a, const struct tm_term *b)
{
	if (!a->nctx || !b->nctx)
		return 0;
	uint32_t hits = 0, tr[16];
	for (uint32_t i = 0; i < a->nctx; i++) {
		size_t n = translations(m, &m->ru, &m->bg, a->ctx[i], tr, 16);
		for (size_t k = 0; k < n; k++)
			if (has_id(b->ctx, b->nctx, tr[k])) {
				hits++;
				break;
			}
	}
	return 2.0 * hits / (a->nctx + b->nctx);
}

/* Final score of a pair from its base (compositional or acronym) evidence. */
static void finish_pair(struct tm_model *m, struct tm_pair *p)
{
	const struct tm_term *a = &m->ru.terms[p->ru], *b = &m->bg.terms[p->bg];
	double docev = 0.5, ctx = 0;
	p->docs = 2;
	if (m->ndocpairs && !a->projected && !b->projected) {
		p->docs = (uint8_t)docs_paired(m, a, b);
		docev = p->docs;
	}
	double f = 0.6 + 0.2 * docev;
	p->ctx = -1;
	if (!(a->nunits && b->nunits) && a->nctx && b->nctx) {
		/* no aligned units: how alike the words around them are */
		p->ctx = (float)context_sim(m, a, b);
		f += 0.2 * (p->ctx * 1.5 > 1 ? 1 : p->ctx * 1.5);
	}
	if (a->nunits && b->nunits) {
		p->cu = intersect(a->units, a->nunits, b->units, b->nunits);
		/* Dice of the aligned units, trusted more the more units there are */
		double dice = 2.0 * p->cu / (a->nunits + b->nunits);
		ctx = dice * (1.0 - 1.0 / (1.0 + p->cu));
		f += 0.2 * ctx;
		if (!p->cu)
			f *= 0.8;
	}
	p->score = (float)(p->base * f);
}

/* ---- Learning word pairs from units ---------------------------------------- */

static void learn_words(struct tm_model *m, uint32_t **ru_sets, uint32_t *nru,
			uint32_t **bg_sets, uint32_t *nbg, size_t nunits)
{
	struct u64map pc = { 0 };
	size_t nlr = sv_intern_count(&m->ru.lemmas) + 1, nlb = sv_intern_count(&m->bg.lemmas) + 1;
	uint32_t *cr = sv_calloc(nlr, sizeof(uint32_t)), *cb = sv_calloc(nlb, sizeof(uint32_t));
	uint8_t *exr = NULL, *exb = NULL;
	size_t capr = 0, capb = 0;
	for (size_t u = 0; u < nunits; u++) {
		/* words a spelling or the lexicon explains within the unit are
		 * linked already: only the rest count (competitive linking) */
		SV_GROW(exr, capr, nru[u] + 1);
		SV_GROW(exb, capb, nbg[u] + 1);
		memset(exr, 0, nru[u]);
		memset(exb, 0, nbg[u]);
		for (uint32_t i = 0; i < nru[u]; i++)
			for (uint32_t j = 0; j < nbg[u]; j++) {
				int why;
				if (wsim(m, ru_sets[u][i], bg_sets[u][j], &why) >= 0.7)
					exr[i] = exb[j] = 1;
			}
		for (uint32_t i = 0; i < nru[u]; i++)
			cr[ru_sets[u][i]] += !exr[i];
		for (uint32_t j = 0; j < nbg[u]; j++)
			cb[bg_sets[u][j]] += !exb[j];
		for (uint32_t i = 0; i < nru[u]; i++)
			for (uint32_t j = 0; j < nbg[u]; j++)
				if (!exr[i] && !exb[j])
					(*u64_slot(&pc, (uint64_t)ru_sets[u][i] << 32 | bg_sets[u][j], 1))++;
	}
	free(exr);
	free(exb);
	m->learnt_ru = sv_calloc(nlr, sizeof(uint32_t));
	m->learnt_bg = sv_calloc(nlb, sizeof(uint32_t));
	m->learnt_ru_d = sv_calloc(nlr, sizeof(float));
	m->learnt_bg_d = sv_calloc(nlb, sizeof(float));
	float *best_r = sv_calloc(nlr, sizeof(float)), *best_b = sv_calloc(nlb, sizeof(float));
	uint32_t *arg_r = sv_calloc(nlr, sizeof(uint32_t)), *arg_b = sv_calloc(nlb, sizeof(uint32_t));
	for (size_t i = 0; i < pc.cap; i++) {
		if (!pc.k[i] || pc.v[i] < 2)
			continue;
		uint64_t key = pc.k[i] - 1;
		uint32_t r = (uint32_t)(key >> 32), b = (uint32_t)key;
		float d = (float)(2.0 * pc.v[i] / (cr[r] + cb[b]));
		if (d > best_r[r]) {
			best_r[r] = d;
			arg_r[r] = b;
		}
		if (d > best_b[b]) {
			best_b[b] = d;
			arg_b[b] = r;
		}
	}
	for (uint32_t r = 1; r < nlr; r++) {
		uint32_t b = arg_r[r];
		if (!b || arg_b[b] != r || best_r[r] < 0.3f)
			continue;
		/* only words that no spelling explains: not when either has its
		 * own spelling on the other side, or the two are cognates */
		const char *rs = lem(&m->ru, r), *bs = lem(&m->bg, b);
		if (sv_intern_find(&m->bg.lemmas, rs, strlen(rs)) ||
		    sv_intern_find(&m->ru.lemmas, bs, strlen(bs)) || tm_lexicon_has(&m->lx, rs, bs) ||
		    tm_cognate(rs, bs) >= 0.5)
			continue;
		m->learnt_ru[r] = b;
		m->learnt_ru_d[r] = best_r[r];
		m->learnt_bg[b] = r;
		m->learnt_bg_d[b] = best_r[r];
		m->nlearnt++;
	}
	free(best_r);
	free(best_b);
	free(arg_r);
	free(arg_b);
	free(cr);
	free(cb);
	u64_release(&pc);
	u64_release(&m->wcache); /* similarities computed before learning are stale */
}

/* ---- Candidate generation and pairing ------------------------------------ */

static uint32_t *stamp_for(struct tm_model *m, size_t n)
{
	if (n > m->capstamp) {
		m->stamp = sv_realloc(m->stamp, n * sizeof(uint32_t));
		memset(m->stamp + m->capstamp, 0, (n - m->capstamp) * sizeof(uint32_t));
		m->capstamp = n;
	}
	return m->stamp;
}

static size_t translations_calc(struct tm_model *m, const struct tm_side *from,
				struct tm_side *to, uint32_t id, uint32_t *out, size_t max);

/* Translations of a content lemma into the other side (ids), at most max
 * (memoised for the lemmas known when pairing starts). */
static size_t translations(struct tm_model *m, const struct tm_side *from, struct tm_side *to,
			   uint32_t id, uint32_t *out, size_t max)
{
	int k = from->lang == SV_LANG_BG;
	if (!m->trc[k]) {
		m->ntrc[k] = sv_intern_count(&from->lemmas) + 1;
		m->trc[k] = sv_calloc(m->ntrc[k], sizeof(uint32_t *));
	}
	if (id >= m->ntrc[k])
		return translations_calc(m, from, to, id, out, max);
	if (!m->trc[k][id]) {
		uint32_t tmp[32];
		size_t n = translations_calc(m, from, to, id, tmp, 32);
		m->trc[k][id] = sv_malloc((n + 1) * sizeof(uint32_t));
		m->trc[k][id][0] = (uint32_t)n;
		memcpy(m->trc[k][id] + 1, tmp, n * sizeof(uint32_t));
	}
	size_t n = m->trc[k][id][0] < max ? m->trc[k][id][0] : max;
	memcpy(out, m->trc[k][id] + 1, n * sizeof(uint32_t));
	return n;
}

static size_t translations_calc(struct tm_model *m, const struct tm_side *from,
				struct tm_side *to, uint32_t id, uint32_t *out, size_t max)
{
	const char *w = lem(from, id);
	size_t n = 0;
	uint32_t x = sv_intern_find(&to->lemmas, w, strlen(w));
	if (x)
		out[n++] = x;
	char *const *tr = tm_lexicon_find(&m->lx, from->lang, w);
	for (size_t i = 0; tr && tr[i] && n < max; i++)
		if ((x = sv_intern_find(&to->lemmas, tr[i], strlen(tr[i]))))
			out[n++] = x;
	if (from->lang == SV_LANG_RU && m->learnt_ru && m->learnt_ru[id] && n < max)
		out[n++] = m->learnt_ru[id];
	if (from->lang == SV_LANG_BG && m->learnt_bg && m->learnt_bg[id] && n < max)
		out[n++] = m->learnt_bg[id];
	struct sv_buf key = SV_BUF_INIT, k2 = SV_BUF_INIT;
	sv_align_cognate_key(from->lang, w, &key);
	sv_buf_adds(&k2, "k:");
	sv_buf_add(&k2, key.data, key.len);
	for (int which = 0; which < 2; which++) {
		if (which)
			consonant_key(w, &k2);
		struct sv_map_slot *s = sv_map_find(&to->keyidx, k2.data, k2.len);
		uint32_t node = s ? (uint32_t)s->val : 0;
		size_t guard = 0;
		while (node && n < max && guard++ < 256) {
			uint32_t cid = (node - 1) >> 1, wh = (node - 1) & 1;
			int dup = 0;
			for (size_t i = 0; i < n; i++)
				dup |= out[i] == cid;
			if (!dup) {
				int why;
				double c = from->lang == SV_LANG_RU ? wsim(m, id, cid, &why)
								    : wsim(m, cid, id, &why);
				if (c >= 0.55)
					out[n++] = cid;
			}
			node = to->keynext[cid * 2 + wh];
		}
	}
	sv_buf_release(&key);
	sv_buf_release(&k2);
	return n;
}

static void pair_push(struct tm_model *m, uint32_t ru, uint32_t bg, double base, int how)
{
	SV_GROW(m->pairs, m->cappairs, m->npairs + 1);
	struct tm_pair *p = &m->pairs[m->npairs++];
	memset(p, 0, sizeof(*p));
	p->ru = ru;
	p->bg = bg;
	p->base = (float)base;
	p->how = (uint8_t)how;
	finish_pair(m, p);
}

#define POST_CAP 4000

static void pair_compositional(struct tm_model *m)
{
	struct tm_side *ru = &m->ru, *bg = &m->bg;
	uint32_t *stamp = stamp_for(m, bg->nterms + 1);
	struct { uint32_t j; double s; } *top = sv_malloc((size_t)m->o.per_term * sizeof(*top));
	for (size_t i = 0; i < ru->nterms; i++) {
		struct tm_term *a = &ru->terms[i];
		if (!a->keep || a->kind == TM_ACRONYM || !a->ncontent)
			continue;
		/* the two content words whose translations have the fewest postings */
		uint32_t tr[TM_MAX_WORDS][16];
		size_t ntr[TM_MAX_WORDS], total[TM_MAX_WORDS], k = 0;
		for (size_t w = 0; w < a->n; w++) {
			if (ru->lemma_class[a->w[w]] == TM_STOP)
				continue;
			ntr[k] = translations(m, ru, bg, a->w[w], tr[k], 16);
			total[k] = 0;
			for (size_t x = 0; x < ntr[k]; x++)
				total[k] += bg->npost[tr[k][x]];
			k++;
		}
		size_t pick[2] = { SIZE_MAX, SIZE_MAX };
		for (size_t x = 0; x < k; x++) {
			if (!ntr[x])
				continue;
			if (pick[0] == SIZE_MAX || total[x] < total[pick[0]]) {
				pick[1] = pick[0];
				pick[0] = x;
			} else if (pick[1] == SIZE_MAX || total[x] < total[pick[1]])
				pick[1] = x;
		}
		m->epoch++;
		size_t ntop = 0;
		for (int pi = 0; pi < 2; pi++) {
			if (pick[pi] == SIZE_MAX)
				continue;
			size_t x = pick[pi];
			for (size_t t = 0; t < ntr[x]; t++) {
				uint32_t id = tr[x][t];
				size_t np = bg->npost[id] < POST_CAP ? bg->npost[id] : POST_CAP;
				for (size_t q = 0; q < np; q++) {
					uint32_t j = bg->post[id][q];
					if (stamp[j] == m->epoch)
						continue;
					stamp[j] = m->epoch;
					struct tm_term *b = &bg->terms[j];
					if (b->kind == TM_ACRONYM ||
					    abs((int)b->ncontent - (int)a->ncontent) > 2)
						continue;
					struct tm_match mt[TM_MAX_WORDS];
					size_t nm = 0;
					double s = comp_score(m, a, b, mt, &nm);
					/* a translation covers every content word of both */
					if (s < 0.45 || nm < a->ncontent || nm < b->ncontent)
						continue;
					/* keep the per_term best */
					size_t pos = ntop;
					while (pos > 0 && top[pos - 1].s < s)
						pos--;
					if (pos >= (size_t)m->o.per_term)
						continue;
					if (ntop < (size_t)m->o.per_term)
						ntop++;
					memmove(&top[pos + 1], &top[pos], (ntop - 1 - pos) * sizeof(*top));
					top[pos].j = j;
					top[pos].s = s;
				}
			}
		}
		for (size_t x = 0; x < ntop; x++)
			pair_push(m, (uint32_t)i, top[x].j, top[x].s, 0);
	}
	free(top);
}

struct derive {
	uint32_t from;  /* the acronym (other side) */
	uint32_t name;  /* the long form on this side */
	double base;
};

static void pair_acronyms(struct tm_model *m, struct derive **dbg, size_t *ndbg,
			  struct derive **dru, size_t *ndru)
{
	struct tm_side *ru = &m->ru, *bg = &m->bg;
	size_t capb = 0, capr = 0;
	for (size_t i = 0; i < ru->nterms; i++) {
		struct tm_term *a = &ru->terms[i];
		if (!a->keep)
			continue;
		for (size_t j = 0; j < bg->nterms; j++) {
			struct tm_term *b = &bg->terms[j];
			if (!b->keep)
				continue;
			if (a->kind != TM_ACRONYM && b->kind != TM_ACRONYM)
				continue;
			if (a->kind != TM_ACRONYM && a->ncontent < 2)
				continue;
			if (b->kind != TM_ACRONYM && b->ncontent < 2)
				continue;
			double s = acro_score(m, a, b, NULL);
			if (s <= 0)
				continue;
			pair_push(m, (uint32_t)i, (uint32_t)j, s, 1);
			/* An acronym facing a long form only: the other language's
			 * acronym is formed from that long form. */
			if (a->kind == TM_ACRONYM && b->kind != TM_ACRONYM) {
				SV_GROW(*dbg, capb, *ndbg + 1);
				(*dbg)[(*ndbg)++] = (struct derive){ (uint32_t)i, (uint32_t)j, s };
			} else if (b->kind == TM_ACRONYM && a->kind != TM_ACRONYM) {
				SV_GROW(*dru, capr, *ndru + 1);
				(*dru)[(*ndru)++] = (struct derive){ (uint32_t)j, (uint32_t)i, s };
			}
		}
	}
}

/* A new term on side sd from lemma strings (joined key) and citation. */
static uint32_t term_new(struct tm_side *sd, const char *const *lemmas, size_t n,
			 const char *citation, int kind)
{
	uint32_t ids[TM_MAX_WORDS];
	struct sv_buf key = SV_BUF_INIT;
	for (size_t i = 0; i < n && i < TM_MAX_WORDS; i++) {
		ids[i] = tm_side_lemma(sd, lemmas[i], strlen(lemmas[i]), 0);
		if (i)
			sv_buf_addc(&key, ' ');
		sv_buf_adds(&key, lemmas[i]);
	}
	if (n > TM_MAX_WORDS)
		n = TM_MAX_WORDS;
	int added = 0;
	struct sv_map_slot *s = sv_map_add(&sd->cand, key.data, key.len, &added);
	if (!added) {
		sv_buf_release(&key);
		struct tm_term *t = &sd->terms[s->val - 1];
		t->keep = 1;
		return (uint32_t)s->val - 1;
	}
	SV_GROW(sd->terms, sd->capterms, sd->nterms + 1);
	struct tm_term *t = &sd->terms[sd->nterms];
	memset(t, 0, sizeof(*t));
	memcpy(t->w, ids, n * sizeof(*ids));
	t->n = (uint8_t)n;
	t->ncontent = (uint8_t)n;
	t->kind = (uint8_t)kind;
	t->keep = 1;
	t->key = sv_buf_detach(&key);
	t->citation = sv_strdup(citation);
	s->val = ++sd->nterms;
	return (uint32_t)sd->nterms - 1;
}

/* Forms the acronym of each long form d[i].name on side sd and pairs it with
 * the other side's acronym d[i].from (bg_side: sd is the Bulgarian side). */
static void derive_acronyms(struct tm_model *m, struct tm_side *sd, const struct derive *d,
			    size_t nd, int bg_side)
{
	for (size_t i = 0; i < nd; i++) {
		struct tm_term *lf = &sd->terms[d[i].name];
		struct sv_buf cit = SV_BUF_INIT, key = SV_BUF_INIT;
		for (size_t k = 0; k < lf->n; k++) {
			if (sd->lemma_class[lf->w[k]] == TM_STOP)
				continue;
			const char *w = lem(sd, lf->w[k]);
			size_t l = 1;
			while (w[l] && ((unsigned char)w[l] & 0xC0) == 0x80)
				l++;
			tm_add_upper(&cit, w, l);
			sv_buf_add(&key, w, l);
		}
		const char *lemmas[1] = { key.data };
		uint32_t had = sv_intern_find(&sd->lemmas, key.data, key.len);
		struct sv_map_slot *ex = had ? sv_map_find(&sd->cand, key.data, key.len) : NULL;
		uint32_t id = ex ? (uint32_t)ex->val - 1 : term_new(sd, lemmas, 1, cit.data, TM_ACRONYM);
		struct tm_term *t = &sd->terms[id];
		if (!ex) {
			/* it stands where its expansion stands */
			struct tm_term *e = &sd->terms[d[i].name];
			t->derived = 1;
			t->expansion = d[i].name + 1;
			e->acronym = id + 1;
			for (uint32_t k = 0; k < e->ndocs; k++)
				list_add(&t->docs, &t->ndocs, &t->capdocs, e->docs[k]);
			for (uint32_t k = 0; k < e->nunits; k++)
				list_add(&t->units, &t->nunits, &t->capunits, e->units[k]);
			for (uint32_t k = 0; k < e->nctx; k++)
				list_add(&t->ctx, &t->nctx, &t->capctx, e->ctx[k]);
		}
		if (t->kind == TM_ACRONYM) {
			double s = d[i].base + 0.1;
			if (bg_side)
				pair_push(m, d[i].from, id, s, 3);
			else
				pair_push(m, id, d[i].from, s, 3);
		}
		sv_buf_release(&cit);
		sv_buf_release(&key);
	}
}

/* ---- Citation forms --------------------------------------------------------- */

/* Words and first lemmas of a phrase as written; lemmas borrowed from t. */
static size_t analyse_words(struct tm_model *m, enum sv_lang lang, const char *s, size_t n,
			    struct sv_tokens *toks, char **words, const char **lemmas, size_t max)
{
	struct sv_error err = { 0 };
	if (sv_text_tokenize(m->t, s, n, toks, &err))
		return 0;
	size_t k = 0;
	for (size_t i = 0; i < toks->n && k < max; i++) {
		const struct sv_token *tk = &toks->v[i];
		if ((tk->type != SV_TOK_WORD && tk->type != SV_TOK_ACRONYM) ||
		    (tk->flags & SV_TOKF_PART))
			continue;
		const char *key = sv_token_key(toks, i);
		words[k] = sv_strndup(s + tk->start, tk->len);
		const char *l[2];
		size_t nl = tk->type == SV_TOK_ACRONYM ? 0
			    : sv_text_lemmas(m->t, lang, key, tk->keylen, l, 2);
		lemmas[k] = nl ? l[0] : NULL;
		k++;
	}
	return k;
}

static void term_citation(struct tm_model *m, struct tm_side *sd, struct tm_term *t,
			  struct sv_tokens *toks)
{
	struct sv_map forms = SV_MAP_INIT;
	for (uint32_t i = 0; i < t->nocc; i++) {
		const struct tm_occ *o = &t->occ[i];
		struct sv_map_slot *s = sv_map_add(&forms, sd->segtext[o->seg] + o->start, o->len, NULL);
		s->val++;
	}
	struct sv_buf cit = SV_BUF_INIT, low = SV_BUF_INIT;
	double best = -1;
	for (size_t i = 0; i < forms.cap; i++) {
		struct sv_map_slot *s = &forms.slots[i];
		if (!s->key)
			continue;
		char *words[TM_MAX_WORDS + 1];
		const char *lemmas[TM_MAX_WORDS + 1];
		size_t n = analyse_words(m, sd->lang, s->key, s->klen, toks, words, lemmas,
					 TM_MAX_WORDS + 1);
		if (n == t->n) {
			for (size_t k = 0; k < n; k++) /* the lemmas the term was counted by */
				lemmas[k] = lem(sd, t->w[k]);
			sv_terms_citation(sd->lang, (const char *const *)words, lemmas, n,
					  t->kind == TM_NAME, &cit);
			double w = (double)s->val;
			if (cit.len == s->klen && !memcmp(cit.data, s->key, s->klen))
				w += 0.5;
			if (strstr(cit.data, "ё") || strstr(cit.data, "Ё"))
				w += 0.25;
			if (t->kind == TM_ACRONYM) {
				sv_buf_reset(&cit);
				sv_buf_add(&cit, s->key, s->klen);
			}
			if (w > best) {
				best = w;
				free(t->citation);
				t->citation = sv_strndup(cit.data, cit.len);
			}
		}
		for (size_t k = 0; k < n; k++)
			free(words[k]);
	}
	if (!t->citation && t->nocc) {
		const struct tm_occ *o = &t->occ[0];
		t->citation = sv_strndup(sd->segtext[o->seg] + o->start, o->len);
	}
	if (!t->citation)
		t->citation = sv_strdup(t->key);
	/* capitalised only at the start of a sentence: a common word */
	uint32_t first = t->w[0];
	if (t->kind == TM_PHRASE && tm_is_upper_first(t->citation) &&
	    sd->lemma_cap[first] <= sd->lemma_low[first]) {
		sv_buf_reset(&cit);
		tm_lower(t->citation, strlen(t->citation), &low);
		size_t l = 1;
		while (low.data[l] && ((unsigned char)low.data[l] & 0xC0) == 0x80)
			l++;
		sv_buf_add(&cit, low.data, l);
		sv_buf_adds(&cit, t->citation + l);
		free(t->citation);
		t->citation = sv_buf_detach(&cit);
	}
	sv_buf_release(&cit);
	sv_buf_release(&low);
	sv_map_release(&forms);
}

/* ---- Projection: a name or acronym seen in one language only ---------------- */

static int letters_count(const char *s)
{
	return (int)sv_utf8_length(s, strlen(s));
}

/* Splits a citation into its space-separated words (borrowed pointers into
 * buf, which is modified). */
static size_t split_words(char *buf, char **w, size_t max)
{
	size_t n = 0;
	for (char *p = strtok(buf, " "); p && n < max; p = strtok(NULL, " "))
		w[n++] = p;
	return n;
}

static int project_term(struct tm_model *m, struct tm_side *from, struct tm_side *to, uint32_t i)
{
	struct tm_term *t = &from->terms[i];
	if (t->ncontent != t->n || t->n > 3 || !t->citation)
		return -1;
	char *buf = sv_strdup(t->citation), *w[TM_MAX_WORDS];
	size_t n = split_words(buf, w, TM_MAX_WORDS);
	int rc = -1;
	if (n != t->n)
		goto out;
	int allcap = 1;
	for (size_t k = 0; k < n; k++) {
		if (!tm_is_upper_first(w[k]) || letters_count(w[k]) > 20)
			allcap &= 0;
		if (letters_count(w[k]) > 20)
			goto out;
	}
	if (!allcap) /* adjectives then a noun, nothing else */
		for (size_t k = 0; k + 1 < n; k++)
			if (from->lemma_class[t->w[k]] != TM_ADJ)
				goto out;
	struct sv_buf lemmas[TM_MAX_WORDS], spelt[TM_MAX_WORDS], cit = SV_BUF_INIT;
	const char *lp[TM_MAX_WORDS] = { 0 };
	int isadj[TM_MAX_WORDS];
	for (size_t k = 0; k < n; k++) {
		sv_buf_init(&lemmas[k]);
		sv_buf_init(&spelt[k]);
		isadj[k] = from->lemma_class[t->w[k]] == TM_ADJ && k + 1 < n;
		/* in a name of capitalised words, -ий is a given name (Юрий) unless
		 * the word is plainly an adjective */
		if (isadj[k] && allcap && from->lang == SV_LANG_RU) {
			const char *l = lem(from, t->w[k]);
			isadj[k] = tm_ends(l, "ский") || tm_ends(l, "цкий") || tm_ends(l, "ный") ||
				   tm_ends(l, "ной") || tm_ends(l, "ний") || tm_ends(l, "ый");
		}
		if (t->kind == TM_ACRONYM) {
			sv_buf_adds(&lemmas[k], lem(from, t->w[k]));
			continue;
		}
		uint32_t tr[16];
		size_t nt = (allcap && !isadj[k]) ? 0 : translations(m, from, to, t->w[k], tr, 16);
		double best = 0;
		uint32_t arg = 0;
		for (size_t x = 0; x < nt; x++) {
			const char *cw = lem(to, tr[x]);
			if ((to->lemma_class[tr[x]] == TM_ADJ) != isadj[k])
				continue;
			double c = from->lang == SV_LANG_RU ? sv_align_cognate(lem(from, t->w[k]), cw)
							    : sv_align_cognate(cw, lem(from, t->w[k]));
			char *const *lx = tm_lexicon_find(&m->lx, from->lang, lem(from, t->w[k]));
			for (size_t q = 0; lx && lx[q]; q++)
				if (!strcmp(lx[q], cw))
					c = 1.0;
			if (c > best) {
				best = c;
				arg = tr[x];
			}
		}
		if (arg && best >= 0.85) {
			sv_buf_adds(&lemmas[k], lem(to, arg));
		} else {
			int name = allcap && !isadj[k];
			tm_translit(from->lang, name ? w[k] : lem(from, t->w[k]), isadj[k], &spelt[k]);
			tm_lower(spelt[k].data, spelt[k].len, &lemmas[k]);
			if (!name)
				sv_buf_reset(&spelt[k]);
		}
	}
	char g = to->lang == SV_LANG_RU ? tm_ru_gender(lemmas[n - 1].data)
					: tm_bg_gender(lemmas[n - 1].data);
	struct sv_buf word = SV_BUF_INIT;
	for (size_t k = 0; k < n; k++) {
		lp[k] = lemmas[k].data;
		if (k)
			sv_buf_addc(&cit, ' ');
		sv_buf_reset(&word);
		if (t->kind == TM_ACRONYM) {
			sv_buf_adds(&cit, w[k]);
			continue;
		}
		if (isadj[k]) {
			if (to->lang == SV_LANG_RU)
				tm_ru_agree(lemmas[k].data, g, &word);
			else
				tm_bg_agree(lemmas[k].data, g, &word);
		} else if (spelt[k].len) { /* a name as spelt, capitals kept (Касим-Жомарт) */
			sv_buf_add(&cit, spelt[k].data, spelt[k].len);
			continue;
		} else {
			sv_buf_add(&word, lemmas[k].data, lemmas[k].len);
		}
		if (tm_is_upper_first(w[k]))
			tm_add_capitalised(&cit, word.data, word.len);
		else
			sv_buf_add(&cit, word.data, word.len);
	}
	sv_buf_release(&word);
	uint32_t id = term_new(to, lp, n, cit.data, t->kind);
	struct tm_term *nt = &to->terms[id];
	if (!nt->nocc) {
		nt->projected = 1;
		rc = (int)id;
	}
	for (size_t k = 0; k < n; k++) {
		sv_buf_release(&lemmas[k]);
		sv_buf_release(&spelt[k]);
	}
	sv_buf_release(&cit);
out:
	free(buf);
	return rc;
}

static int cmp_pair_ru(const void *x, const void *y)
{
	const struct tm_pair *a = x, *b = y;
	if (a->ru != b->ru)
		return a->ru < b->ru ? -1 : 1;
	if (a->bg != b->bg)
		return a->bg < b->bg ? -1 : 1;
	return a->score > b->score ? -1 : a->score < b->score;
}

static void dedupe_pairs(struct tm_model *m)
{
	if (!m->npairs)
		return;
	qsort(m->pairs, m->npairs, sizeof(*m->pairs), cmp_pair_ru);
	size_t k = 1;
	for (size_t i = 1; i < m->npairs; i++)
		if (m->pairs[i].ru != m->pairs[k - 1].ru || m->pairs[i].bg != m->pairs[k - 1].bg)
			m->pairs[k++] = m->pairs[i];
	m->npairs = k;
}

static void best_scores(struct tm_model *m, float **bru, float **bbg)
{
	*bru = sv_calloc(m->ru.nterms + 1, sizeof(float));
	*bbg = sv_calloc(m->bg.nterms + 1, sizeof(float));
	for (size_t i = 0; i < m->npairs; i++) {
		struct tm_pair *p = &m->pairs[i];
		if (p->score > (*bru)[p->ru])
			(*bru)[p->ru] = p->score;
		if (p->score > (*bbg)[p->bg])
			(*bbg)[p->bg] = p->score;
	}
}

static void project_all(struct tm_model *m, struct sv_terms_stats *stats)
{
	float *bru, *bbg;
	best_scores(m, &bru, &bbg);
	size_t nru = m->ru.nterms, nbg = m->bg.nterms;
	for (size_t i = 0; i < nru; i++) {
		struct tm_term *t = &m->ru.terms[i];
		if (!t->keep || t->kind == TM_PHRASE || t->derived || t->projected || bru[i] >= 0.5)
			continue;
		int j = project_term(m, &m->ru, &m->bg, (uint32_t)i);
		if (j >= 0) {
			pair_push(m, (uint32_t)i, (uint32_t)j, 0.5, 2);
			if (stats)
				stats->projected++;
		}
	}
	for (size_t j = 0; j < nbg; j++) {
		struct tm_term *t = &m->bg.terms[j];
		if (!t->keep || t->kind == TM_PHRASE || t->derived || t->projected || bbg[j] >= 0.5)
			continue;
		int i = project_term(m, &m->bg, &m->ru, (uint32_t)j);
		if (i >= 0) {
			pair_push(m, (uint32_t)i, (uint32_t)j, 0.5, 2);
			if (stats)
				stats->projected++;
		}
	}
	free(bru);
	free(bbg);
}

static void mark_mutual(struct tm_model *m)
{
	float *bru, *bbg;
	best_scores(m, &bru, &bbg);
	for (size_t i = 0; i < m->npairs; i++) {
		struct tm_pair *p = &m->pairs[i];
		p->best = (uint8_t)((p->score >= bru[p->ru]) | (p->score >= bbg[p->bg]) << 1);
		p->mutual = p->best == 3;
	}
	for (size_t i = 0; i < m->npairs; i++)
		if (!m->pairs[i].mutual)
			m->pairs[i].score *= 0.9f;
	free(bru);
	free(bbg);
}

static void pair_evidence(struct tm_model *m, const struct tm_pair *p, struct sv_buf *ev)
{
	const struct tm_term *a = &m->ru.terms[p->ru], *b = &m->bg.terms[p->bg];
	sv_buf_reset(ev);
	if (p->how == 0) {
		struct tm_match mt[TM_MAX_WORDS];
		size_t nm = 0;
		comp_score(m, a, b, mt, &nm);
		sv_buf_adds(ev, "words ");
		add_match_evidence(m, mt, nm, ev);
	} else if (p->how == 1 || p->how == 3) {
		if (p->how == 3)
			sv_buf_addf(ev, "acronym formed from '%s' (not seen in the %s text); ",
				    a->derived ? m->ru.terms[a->expansion - 1].citation
					       : m->bg.terms[b->expansion - 1].citation,
				    a->derived ? "Russian" : "Bulgarian");
		struct sv_buf x = SV_BUF_INIT;
		const struct tm_term *aa = a->derived ? &m->ru.terms[a->expansion - 1] : a;
		const struct tm_term *bb = b->derived ? &m->bg.terms[b->expansion - 1] : b;
		acro_score(m, aa, bb, &x);
		sv_buf_add(ev, x.data, x.len);
		sv_buf_release(&x);
	} else {
		sv_buf_addf(ev, "projected: '%s' not seen in the %s text, spelt from '%s'",
			    a->projected ? a->citation : b->citation,
			    a->projected ? "Russian" : "Bulgarian",
			    a->projected ? b->citation : a->citation);
	}
	if (a->nunits || b->nunits)
		sv_buf_addf(ev, "; together in %u of %u/%u aligned units", p->cu, a->nunits,
			    b->nunits);
	if (p->ctx >= 0)
		sv_buf_addf(ev, "; context %.2f", p->ctx);
	if (p->docs == 1)
		sv_buf_adds(ev, "; in paired documents");
	else if (p->docs == 0)
		sv_buf_adds(ev, "; not in paired documents");
	if (p->mutual)
		sv_buf_adds(ev, "; mutual best");
}

/* ---- Reading the memory ------------------------------------------------------ */

static int load_segments(struct tm_model *m, struct sv_store *st, struct sv_terms_stats *stats,
			 uint32_t **where, size_t *nwhere, struct sv_error *err)
{
	sqlite3_stmt *s = sv_store_prepare(st,
		"SELECT s.id, s.doc, s.lang, s.text FROM segments s ORDER BY s.doc, s.ordinal", err);
	if (!s)
		return SV_ESTORE;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		const char *lang = (const char *)sqlite3_column_text(s, 2);
		struct tm_side *sd = !strcmp(lang, "ru") ? &m->ru : !strcmp(lang, "bg") ? &m->bg : NULL;
		if (!sd || id < 0 || id > (int64_t)UINT32_MAX / 2)
			continue;
		uint32_t k = tm_side_segment(sd, (const char *)sqlite3_column_text(s, 3),
					     (uint32_t)sqlite3_column_int64(s, 1), id);
		if ((size_t)id >= cap) {
			size_t ncap = cap ? cap : 1024;
			while (ncap <= (size_t)id)
				ncap *= 2;
			*where = sv_realloc(*where, ncap * sizeof(uint32_t));
			memset(*where + cap, 0, (ncap - cap) * sizeof(uint32_t));
			cap = ncap;
		}
		(*where)[id] = (k + 1) | (sd == &m->bg ? 0x80000000u : 0);
		if (stats)
			stats->segments[sd->lang]++;
	}
	sqlite3_reset(s);
	*nwhere = cap;
	if (rc != SQLITE_DONE)
		return sv_store_fail(st, err, "cannot read segments");
	return SV_OK;
}

/* Per segment, the kept terms occurring in it (CSR), and the documents of each term. */
static void seg_terms(struct tm_side *sd, uint32_t **off, uint32_t **ids)
{
	*off = sv_calloc(sd->nseg + 1, sizeof(uint32_t));
	for (size_t i = 0; i < sd->nterms; i++) {
		struct tm_term *t = &sd->terms[i];
		if (!t->keep)
			continue;
		for (uint32_t k = 0; k < t->nocc; k++) {
			(*off)[t->occ[k].seg + 1]++;
			list_add(&t->docs, &t->ndocs, &t->capdocs, sd->segdoc[t->occ[k].seg]);
		}
		sort_unique(t->docs, &t->ndocs);
	}
	for (size_t s = 0; s < sd->nseg; s++)
		(*off)[s + 1] += (*off)[s];
	*ids = sv_malloc(((*off)[sd->nseg] + 1) * sizeof(uint32_t));
	uint32_t *fill = sv_calloc(sd->nseg + 1, sizeof(uint32_t));
	for (size_t i = 0; i < sd->nterms; i++) {
		struct tm_term *t = &sd->terms[i];
		if (!t->keep)
			continue;
		for (uint32_t k = 0; k < t->nocc; k++) {
			uint32_t s = t->occ[k].seg;
			(*ids)[(*off)[s] + fill[s]++] = (uint32_t)i;
		}
	}
	free(fill);
}

static void unit_side(struct tm_side *sd, const char *segs, const uint32_t *where, size_t nwhere,
		      int bg, const uint32_t *off, const uint32_t *ids, uint32_t unit,
		      uint32_t **set, uint32_t *nset, uint32_t *capset)
{
	*nset = 0;
	for (const char *p = segs; p && *p;) {
		char *e;
		long long id = strtoll(p, &e, 10);
		if (e == p)
			break;
		p = *e == ',' ? e + 1 : e;
		if (id < 0 || (size_t)id >= nwhere || !where[id])
			continue;
		if (!!(where[id] & 0x80000000u) != bg)
			continue;
		uint32_t s = (where[id] & 0x7FFFFFFFu) - 1;
		for (uint32_t k = off[s]; k < off[s + 1]; k++) {
			struct tm_term *t = &sd->terms[ids[k]];
			list_add(&t->units, &t->nunits, &t->capunits, unit);
			if (t->n == 1 && t->kind != TM_ACRONYM)
				list_add(set, nset, capset, t->w[0]);
		}
	}
	sort_unique(*set, nset);
}

#define CTX_OCC 30   /* occurrences a context is taken from */
#define CTX_MAX 200  /* nouns in a context */

/* Each kept term's context: the lemmas of the one-word noun terms in the
 * segments where it occurs (its own words excepted). */
static void build_contexts(struct tm_side *sd, const uint32_t *off, const uint32_t *ids)
{
	for (size_t i = 0; i < sd->nterms; i++) {
		struct tm_term *t = &sd->terms[i];
		if (!t->keep)
			continue;
		for (uint32_t k = 0; k < t->nocc && k < CTX_OCC && t->nctx < CTX_MAX; k++) {
			uint32_t s = t->occ[k].seg;
			for (uint32_t q = off[s]; q < off[s + 1] && t->nctx < CTX_MAX; q++) {
				const struct tm_term *c = &sd->terms[ids[q]];
				if (c->n != 1 || c->kind == TM_ACRONYM)
					continue;
				int own = 0;
				for (size_t w = 0; w < t->n; w++)
					own |= t->w[w] == c->w[0];
				if (!own)
					list_add(&t->ctx, &t->nctx, &t->capctx, c->w[0]);
			}
		}
		sort_unique(t->ctx, &t->nctx);
	}
}

static int load_units(struct tm_model *m, struct sv_store *st, const uint32_t *where,
		      size_t nwhere, struct sv_error *err)
{
	uint32_t *roff, *rids, *boff, *bids;
	seg_terms(&m->ru, &roff, &rids);
	seg_terms(&m->bg, &boff, &bids);
	uint32_t **rs = NULL, **bs = NULL, *nr = NULL, *nb = NULL;
	size_t cap = 0, n = 0;
	int rc = SV_OK;
	sqlite3_stmt *s = sv_store_prepare(st,
		"SELECT ru_segs, bg_segs FROM units WHERE ru_segs IS NOT NULL AND bg_segs IS NOT NULL\n"
		"  AND ru_segs <> '' AND bg_segs <> '' ORDER BY id", err);
	if (!s) {
		rc = SV_ESTORE;
		goto out;
	}
	int r;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			size_t c2 = cap;
			SV_GROW(rs, c2, n + 1);
			c2 = cap;
			SV_GROW(bs, c2, n + 1);
			c2 = cap;
			SV_GROW(nr, c2, n + 1);
			SV_GROW(nb, cap, n + 1);
		}
		uint32_t capr = 0, capb = 0;
		rs[n] = bs[n] = NULL;
		unit_side(&m->ru, (const char *)sqlite3_column_text(s, 0), where, nwhere, 0, roff,
			  rids, (uint32_t)n, &rs[n], &nr[n], &capr);
		unit_side(&m->bg, (const char *)sqlite3_column_text(s, 1), where, nwhere, 1, boff,
			  bids, (uint32_t)n, &bs[n], &nb[n], &capb);
		n++;
	}
	sqlite3_reset(s);
	if (r != SQLITE_DONE) {
		rc = sv_store_fail(st, err, "cannot read units");
		goto out;
	}
	m->nunits = n;
	learn_words(m, rs, nr, bs, nb, n);
	build_contexts(&m->ru, roff, rids);
	build_contexts(&m->bg, boff, bids);
	s = sv_store_prepare(st, "SELECT ru_doc, bg_doc FROM doc_pairs", err);
	if (!s) {
		rc = SV_ESTORE;
		goto out;
	}
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		uint64_t k = (uint64_t)sqlite3_column_int64(s, 0) << 32 |
			     (uint32_t)sqlite3_column_int64(s, 1);
		*u64_slot(&m->docpairs, k, 1) = 1;
		m->ndocpairs++;
	}
	sqlite3_reset(s);
	if (r != SQLITE_DONE)
		rc = sv_store_fail(st, err, "cannot read document pairs");
out:
	for (size_t i = 0; i < n; i++) {
		free(rs[i]);
		free(bs[i]);
	}
	free(rs);
	free(bs);
	free(nr);
	free(nb);
	free(roff);
	free(rids);
	free(boff);
	free(bids);
	return rc;
}

/* ---- Writing the termbase ------------------------------------------------------ */

/* Writes a term (once) with its observed forms and counts. */
static int write_term(struct sv_store *st, struct tm_side *sd, struct tm_term *t,
		      struct sv_error *err)
{
	if (t->db)
		return SV_OK;
	struct sv_termbase_term row = {
		.lang = sv_lang_code(sd->lang),
		.lemma_key = t->key,
		.citation = t->citation ? t->citation : t->key,
		.kind = tm_kind_name(t->kind),
		.freq = t->nocc,
		.termhood = t->cvalue,
		.origin = t->projected ? "projected" : t->derived ? "projected" : "align",
	};
	int rc = sv_termbase_term_put(st, &row, &t->db, err);
	if (rc || !t->nocc)
		return rc;
	struct sv_map forms = SV_MAP_INIT;
	for (uint32_t i = 0; i < t->nocc; i++) {
		const struct tm_occ *o = &t->occ[i];
		sv_map_add(&forms, sd->segtext[o->seg] + o->start, o->len, NULL)->val++;
	}
	for (size_t i = 0; i < forms.cap && !rc; i++)
		if (forms.slots[i].key)
			rc = sv_termbase_form_add(st, t->db, forms.slots[i].key,
						  (int64_t)forms.slots[i].val, err);
	sv_map_release(&forms);
	return rc;
}

static int cmp_pair_score(const void *x, const void *y)
{
	const struct tm_pair *a = x, *b = y;
	return a->score > b->score ? -1 : a->score < b->score;
}

static int write_all(struct tm_model *m, struct sv_store *st, struct sv_terms_stats *stats,
		     struct sv_error *err)
{
	int rc = sv_termbase_refresh_begin(st, err);
	if (rc)
		return rc;
	qsort(m->pairs, m->npairs, sizeof(*m->pairs), cmp_pair_score);
	struct sv_buf ev = SV_BUF_INIT;
	for (size_t i = 0; i < m->npairs && !rc; i++) {
		struct tm_pair *p = &m->pairs[i];
		if (p->score < m->o.min_score)
			continue;
		struct tm_term *a = &m->ru.terms[p->ru], *b = &m->bg.terms[p->bg];
		if ((rc = write_term(st, &m->ru, a, err)) || (rc = write_term(st, &m->bg, b, err)))
			break;
		pair_evidence(m, p, &ev);
		int64_t id = 0;
		if ((rc = sv_termbase_pair_put(st, a->db, b->db, p->score, ev.data, &id, err)))
			break;
		if (stats) {
			stats->pairs++;
			stats->kept += id == 0;
		}
	}
	sv_buf_release(&ev);
	/* Monolingual terms worth keeping without a partner: names, acronyms,
	 * and phrases seen three times or more. */
	struct tm_side *sides[2] = { &m->ru, &m->bg };
	for (int s = 0; s < 2 && !rc; s++)
		for (size_t i = 0; i < sides[s]->nterms && !rc; i++) {
			struct tm_term *t = &sides[s]->terms[i];
			if (t->keep && !t->db && t->nocc &&
			    (t->kind != TM_PHRASE || (t->nocc >= 3 && t->cvalue > 0)))
				rc = write_term(st, sides[s], t, err);
		}
	/* Concepts: mutual best pairs, acronyms with their expansions. */
	if (!rc)
		rc = sv_termbase_concepts_reset(st, err);
	for (size_t i = 0; i < m->npairs && !rc; i++) {
		struct tm_pair *p = &m->pairs[i];
		struct tm_term *a = &m->ru.terms[p->ru], *b = &m->bg.terms[p->bg];
		/* a variant joins its best partner's concept (Путина -> Путин) */
		if (p->best && p->score >= 0.5 && a->db && b->db)
			rc = sv_termbase_concept_join(st, a->db, b->db, err);
	}
	for (int s = 0; s < 2 && !rc; s++)
		for (size_t i = 0; i < sides[s]->nterms && !rc; i++) {
			struct tm_term *t = &sides[s]->terms[i];
			if (t->db && t->expansion && sides[s]->terms[t->expansion - 1].db)
				rc = sv_termbase_concept_join(st, t->db,
							      sides[s]->terms[t->expansion - 1].db, err);
		}
	if (!rc)
		rc = sv_termbase_concepts_prefer(st, err);
	if (!rc)
		rc = sv_termbase_refresh_end(st, err);
	return rc;
}

/* ---- The whole job ---------------------------------------------------------- */

static void side_citations(struct tm_model *m, struct tm_side *sd, struct sv_tokens *toks)
{
	for (size_t i = 0; i < sd->nterms; i++) {
		struct tm_term *t = &sd->terms[i];
		if (t->keep && !t->citation)
			term_citation(m, sd, t, toks);
	}
}

static int build(struct tm_model *m, struct sv_terms_stats *stats, struct sv_error *err)
{
	struct sv_tokens toks = { 0 };
	int rc = SV_OK;
	struct tm_side *sides[2] = { &m->ru, &m->bg };
	for (int s = 0; s < 2 && !rc; s++)
		for (size_t i = 0; i < sides[s]->nseg && !rc; i++)
			rc = tm_vote_segment(sides[s], m->t, (uint32_t)i, &toks, err);
	for (int s = 0; s < 2 && !rc; s++)
		for (size_t i = 0; i < sides[s]->nseg && !rc; i++)
			rc = tm_extract_segment(sides[s], m->t, (uint32_t)i, m->o.max_words, &toks, err);
	if (rc)
		goto out;
	for (int s = 0; s < 2; s++) {
		tm_side_cvalue(sides[s]);
		tm_side_prune(sides[s], sides[s]->nseg > 2000 ? 2 : 1);
		if (stats)
			for (size_t i = 0; i < sides[s]->nterms; i++)
				stats->candidates[sides[s]->lang] += sides[s]->terms[i].keep;
	}
out:
	sv_tokens_release(&toks);
	return rc;
}

static void pair_all(struct tm_model *m, struct sv_terms_stats *stats)
{
	struct sv_tokens toks = { 0 };
	side_index(m, &m->ru);
	side_index(m, &m->bg);
	side_citations(m, &m->ru, &toks);
	side_citations(m, &m->bg, &toks);
	pair_compositional(m);
	struct derive *dbg = NULL, *dru = NULL;
	size_t ndbg = 0, ndru = 0;
	pair_acronyms(m, &dbg, &ndbg, &dru, &ndru);
	derive_acronyms(m, &m->bg, dbg, ndbg, 1);
	derive_acronyms(m, &m->ru, dru, ndru, 0);
	free(dbg);
	free(dru);
	dedupe_pairs(m);
	if (m->o.project)
		project_all(m, stats);
	mark_mutual(m);
	sv_tokens_release(&toks);
}

int sv_align_terms(struct sv_store *st, struct sv_text *t, const struct sv_terms_opts *opts,
		   struct sv_terms_stats *stats, struct sv_error *err)
{
	struct tm_model m;
	model_init(&m, t, opts);
	uint32_t *where = NULL;
	size_t nwhere = 0;
	if (stats)
		memset(stats, 0, sizeof(*stats));
	int rc = tm_lexicon_load_default(&m.lx, m.o.lexicon, err);
	if (!rc)
		rc = load_segments(&m, st, stats, &where, &nwhere, err);
	if (!rc)
		rc = build(&m, stats, err);
	if (!rc)
		rc = load_units(&m, st, where, nwhere, err);
	if (!rc) {
		if (stats) {
			stats->units = m.nunits;
			stats->learnt = m.nlearnt;
		}
		pair_all(&m, stats);
		rc = write_all(&m, st, stats, err);
	}
	if (rc)
		sv_error_prefix(err, "terms: ");
	free(where);
	model_release(&m);
	return rc;
}

/* ---- Two lists (sverka pair) ------------------------------------------------ */

/* Appends n terms read from the strings v; parts: hyphenated compounds by
 * their parts instead of whole. */
static void list_terms(struct tm_model *m, struct tm_side *sd, const char *const *v, size_t n,
		       struct sv_tokens *toks, int parts)
{
	struct sv_error err = { 0 };
	for (size_t i = 0; i < n; i++) {
		SV_GROW(sd->terms, sd->capterms, sd->nterms + 1);
		struct tm_term *t = &sd->terms[sd->nterms++];
		memset(t, 0, sizeof(*t));
		t->keep = 1;
		if (sv_text_tokenize(m->t, v[i], strlen(v[i]), toks, &err))
			continue;
		for (size_t k = 0; k < toks->n && t->n < TM_MAX_WORDS; k++) {
			const struct sv_token *tk = &toks->v[k];
			if ((tk->type != SV_TOK_WORD && tk->type != SV_TOK_ACRONYM &&
			     tk->type != SV_TOK_NUMBER) ||
			    (tk->flags & (parts ? SV_TOKF_COMPOUND : SV_TOKF_PART)))
				continue;
			const char *key = sv_token_key(toks, k), *l[2];
			if (tk->type == SV_TOK_NUMBER) {
				t->w[t->n++] = tm_side_lemma(sd, key, tk->keylen, 0);
				t->ncontent++;
				continue;
			}
			int stop = sv_text_is_stopword(sd->lang, key, tk->keylen);
			size_t nl = tk->type == SV_TOK_ACRONYM ? 0
				    : sv_text_lemmas(m->t, sd->lang, key, tk->keylen, l, 2);
			uint32_t id = nl ? tm_side_lemma(sd, l[0], strlen(l[0]), stop)
					 : tm_side_lemma(sd, key, tk->keylen, stop);
			t->w[t->n++] = id;
			t->ncontent += !stop;
			if (tk->type == SV_TOK_ACRONYM)
				t->kind = TM_ACRONYM;
		}
		if (t->n != 1 && t->kind == TM_ACRONYM)
			t->kind = TM_NAME;
		struct sv_buf key = SV_BUF_INIT;
		for (size_t k = 0; k < t->n; k++) {
			if (k)
				sv_buf_addc(&key, ' ');
			sv_buf_adds(&key, lem(sd, t->w[k]));
		}
		t->key = sv_buf_detach(&key);
	}
}

int sv_terms_pair_lists(struct sv_text *t, const struct sv_terms_opts *opts,
			const char *const *ru, size_t nru, const char *const *bg, size_t nbg,
			struct sv_terms_match *out, struct sv_error *err)
{
	struct tm_model m;
	model_init(&m, t, opts);
	struct sv_tokens toks = { 0 };
	m.cog_floor = 0.5;
	int rc = tm_lexicon_load_default(&m.lx, m.o.lexicon, err);
	if (rc)
		goto out;
	/* terms [0, n) with hyphenated compounds whole, [n, 2n) by their parts */
	list_terms(&m, &m.ru, ru, nru, &toks, 0);
	list_terms(&m, &m.ru, ru, nru, &toks, 1);
	list_terms(&m, &m.bg, bg, nbg, &toks, 0);
	list_terms(&m, &m.bg, bg, nbg, &toks, 1);
	for (size_t i = 0; i < nru; i++) {
		out[i].bg = -1;
		out[i].score = 0;
		double best = 0;
		long arg = -1;
		for (size_t j = 0; j < nbg; j++) {
			double s = 0;
			for (int v = 0; v < 4; v++) {
				const struct tm_term *x = &m.ru.terms[i + (v & 1 ? nru : 0)];
				const struct tm_term *b = &m.bg.terms[j + (v & 2 ? nbg : 0)];
				double sv = (x->kind == TM_ACRONYM || b->kind == TM_ACRONYM)
						    ? acro_score(&m, x, b, NULL)
						    : comp_score(&m, x, b, NULL, NULL);
				if (sv > s)
					s = sv;
			}
			if (s > best) {
				best = s;
				arg = (long)j;
			}
		}
		out[i].score = best;
		out[i].bg = best >= SV_TERMS_PAIR_THRESHOLD ? arg : -1;
	}
out:
	sv_tokens_release(&toks);
	model_release(&m);
	return rc;
}

int sv_terms_lemma_key(struct sv_text *t, enum sv_lang lang, const char *term,
		       struct sv_buf *out, struct sv_error *err)
{
	struct sv_tokens toks = { 0 };
	int rc = sv_text_tokenize(t, term, strlen(term), &toks, err);
	size_t words = 0;
	for (size_t k = 0; !rc && k < toks.n; k++) {
		const struct sv_token *tk = &toks.v[k];
		if ((tk->type != SV_TOK_WORD && tk->type != SV_TOK_ACRONYM && tk->type != SV_TOK_NUMBER) ||
		    (tk->flags & SV_TOKF_PART))
			continue;
		const char *key = sv_token_key(&toks, k), *l[2];
		size_t nl = tk->type == SV_TOK_WORD ? sv_text_lemmas(t, lang, key, tk->keylen, l, 2) : 0;
		if (words++)
			sv_buf_addc(out, ' ');
		if (nl)
			sv_buf_adds(out, l[0]);
		else
			sv_buf_add(out, key, tk->keylen);
	}
	if (!rc && !words)
		rc = sv_error_set(err, SV_EUSAGE, "'%s': no words in the term", term);
	sv_tokens_release(&toks);
	return rc;
}

int sv_terms_acronyms(struct sv_text *t, enum sv_lang lang, const char *s, size_t n,
		      struct sv_buf *out, struct sv_error *err)
{
	struct tm_side sd;
	struct sv_tokens toks = { 0 };
	tm_side_init(&sd, lang);
	char *copy = sv_strndup(s, n);
	tm_side_segment(&sd, copy, 0, 0);
	free(copy);
	int rc = tm_extract_segment(&sd, t, 0, 5, &toks, err);
	for (size_t i = 0; !rc && i < sd.nterms; i++) {
		struct tm_term *a = &sd.terms[i];
		if (!a->acro || !a->expansion || !a->nocc)
			continue;
		sv_buf_add(out, sd.segtext[0] + a->occ[0].start, a->occ[0].len);
		sv_buf_addc(out, '\t');
		sv_buf_adds(out, sd.terms[a->expansion - 1].key);
		sv_buf_addc(out, '\n');
	}
	sv_tokens_release(&toks);
	tm_side_release(&sd);
	return rc;
}
