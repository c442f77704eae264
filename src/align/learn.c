/* Growing the model from confident alignments: word pairs that co-occur
 * consistently in confidently linked sentences (Dice over the words the
 * lexicon and cognates left unmatched, mutual best) join the lexicon, the
 * same words give the translation table (IBM-1 both ways, weighted by the
 * evidence), and the length ratio and variance of the Gale-Church term are
 * re-estimated. */
#include "align/align-int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_UNMATCHED 40
/* The unmatched words kept for the translation table in one pass (about
 * 45,000 confident pairs of news sentences; the estimate's scratch memory
 * grows with them, some 100 bytes a word pair that co-occurs). */
#define MAX_RESIDUALS (1u << 20)

static void ev_count(struct al_cooc *ev, int bg, uint32_t c)
{
	if (c >= ev->ccap) {
		size_t old = ev->ccap, cap = old;
		SV_GROW(ev->cru, cap, (size_t)c + 1);
		cap = old;
		SV_GROW(ev->cbg, cap, (size_t)c + 1);
		for (size_t i = old; i < cap; i++)
			ev->cru[i] = ev->cbg[i] = 0;
		ev->ccap = cap;
	}
	if (bg)
		ev->cbg[c]++;
	else
		ev->cru[c]++;
}

void sv_align_observe(struct sv_align *a, size_t ru, size_t bg, const struct sv_align_links *links)
{
	if (ru >= a->ndocs || bg >= a->ndocs || !links->n)
		return;
	al_finalise(a);
	struct sv_align_opts o;
	sv_align_opts_init(&o);
	const struct al_doc *r = &a->docs[ru], *b = &a->docs[bg];
	double t = al_skip_level(a, r, b, &o, links->method == SV_ALIGN_MINING, NULL, NULL);
	double conf = t + 0.5 * (1.0 - t) * 0.5;
	if (conf < 0.25)
		conf = 0.25;
	struct al_cooc *ev = &a->ev;
	char key[32];
	for (size_t q = 0; q < links->n; q++) {
		const struct sv_align_link *l = &links->v[q];
		if (l->nru != 1 || l->nbg != 1 || l->score < t)
			continue;
		if (l->ru >= r->n || l->bg >= b->n)
			continue;
		const struct al_sent *x = &a->sents[r->first + l->ru];
		const struct al_sent *y = &a->sents[b->first + l->bg];
		/* lengths from every link above the skip level: the confident ones
		 * alone would understate the variance */
		double l1 = x->len + 1.0, l2 = y->len + 1.0;
		ev->nlen++;
		ev->sl += l1;
		ev->sb += l2;
		ev->sbb += l2 * l2 / l1;
		if (l->score < conf)
			continue;
		ev->npairs++;
		uint32_t ux[MAX_UNMATCHED], uy[MAX_UNMATCHED];
		size_t nx = 0, ny = 0;
		const uint32_t *p = a->fk + x->off, *pe = p + x->n;
		const uint32_t *s = a->fk + y->off, *se = s + y->n;
		while (p < pe || s < se) {
			if (s == se || (p < pe && *p < *s)) {
				if (nx < MAX_UNMATCHED && !(a->flags[*p] & KF_NUM))
					ux[nx++] = *p;
				p++;
			} else if (p == pe || *s < *p) {
				if (ny < MAX_UNMATCHED && !(a->flags[*s] & KF_NUM))
					uy[ny++] = *s;
				s++;
			} else {
				p++;
				s++;
			}
		}
		if (ev->nres + 2 + nx + ny <= MAX_RESIDUALS) {
			SV_GROW(ev->res, ev->rescap, ev->nres + 2 + nx + ny);
			ev->res[ev->nres++] = (uint32_t)nx;
			ev->res[ev->nres++] = (uint32_t)ny;
			memcpy(ev->res + ev->nres, ux, nx * sizeof(*ux));
			ev->nres += nx;
			memcpy(ev->res + ev->nres, uy, ny * sizeof(*uy));
			ev->nres += ny;
		}
		for (size_t i = 0; i < nx; i++)
			ev_count(ev, 0, ux[i]);
		for (size_t j = 0; j < ny; j++)
			ev_count(ev, 1, uy[j]);
		for (size_t i = 0; i < nx; i++)
			for (size_t j = 0; j < ny; j++) {
				int n = snprintf(key, sizeof(key), "%u:%u", ux[i], uy[j]);
				sv_map_add(&ev->pairs, key, (size_t)n, NULL)->val++;
			}
	}
}

/* ---- The translation table: IBM-1 both ways ---------------------------- */

/* EM passes per direction. */
#define TT_ITERS 5
/* Entries kept: both directions' probabilities' geometric mean, shrunk by
 * the evidence (c / (c + 1) for a pair seen in c confident pairs), at least
 * this: a pair seen once must be nearly certain, twice likely. */
#define TT_MIN_P 0.4

static int cmp_u64(const void *p, const void *q)
{
	uint64_t a = *(const uint64_t *)p, b = *(const uint64_t *)q;
	return a < b ? -1 : a > b;
}

static size_t find_u64(const uint64_t *v, size_t n, uint64_t k)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (v[mid] < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Sorts key indices by their source word (RU when fwd, else BG). */
static const uint64_t *srt_keys;
static int srt_fwd;

static int cmp_src(const void *p, const void *q)
{
	uint64_t a = srt_keys[*(const size_t *)p], b = srt_keys[*(const size_t *)q];
	uint32_t x = srt_fwd ? (uint32_t)(a >> 32) : (uint32_t)a;
	uint32_t y = srt_fwd ? (uint32_t)(b >> 32) : (uint32_t)b;
	return x < y ? -1 : x > y;
}

/* One direction of IBM-1 over the residual pairs: t[k] = P(target | source)
 * for each co-occurring pair keys[k] = ru << 32 | bg (the source is the RU
 * word when fwd, else the BG word; 0 is the empty word). cell holds, pair
 * after pair, the key index of each (RU i, BG j) for i <= nx, j <= ny, the
 * last row and column being the empty word. c is scratch. */
static void ibm1(const struct al_cooc *ev, const uint64_t *keys, const uint32_t *cell,
		 size_t nkeys, int fwd, double *t, double *c)
{
	size_t *by = sv_malloc((nkeys + 1) * sizeof(*by));
	for (size_t k = 0; k < nkeys; k++) {
		by[k] = k;
		t[k] = 1.0;
	}
	srt_keys = keys;
	srt_fwd = fwd;
	qsort(by, nkeys, sizeof(*by), cmp_src);
	for (int it = 0; it < TT_ITERS; it++) {
		memset(c, 0, nkeys * sizeof(*c));
		const uint32_t *cp = cell;
		for (size_t q = 0; q < ev->nres;) {
			uint32_t nx = ev->res[q], ny = ev->res[q + 1];
			q += 2 + nx + ny;
			uint32_t ns = fwd ? nx : ny, nt = fwd ? ny : nx;
			for (uint32_t j = 0; j < nt; j++) {
				double z = 0;
				for (uint32_t i = 0; i <= ns; i++)
					z += t[fwd ? cp[i * (ny + 1) + j] : cp[j * (ny + 1) + i]];
				for (uint32_t i = 0; i <= ns; i++) {
					uint32_t k = fwd ? cp[i * (ny + 1) + j]
							 : cp[j * (ny + 1) + i];
					c[k] += t[k] / z;
				}
			}
			cp += (size_t)(nx + 1) * (ny + 1);
		}
		for (size_t b0 = 0; b0 < nkeys;) {
			size_t b1 = b0;
			double sum = 0;
			uint64_t k0 = keys[by[b0]];
			uint32_t s0 = fwd ? (uint32_t)(k0 >> 32) : (uint32_t)k0;
			for (; b1 < nkeys; b1++) {
				uint64_t k1 = keys[by[b1]];
				if ((fwd ? (uint32_t)(k1 >> 32) : (uint32_t)k1) != s0)
					break;
				sum += c[by[b1]];
			}
			for (size_t i = b0; i < b1; i++)
				t[by[i]] = sum > 0 ? c[by[i]] / sum : 0;
			b0 = b1;
		}
	}
	free(by);
}

/* Estimates the translation table from the residual pairs observed. */
static void tt_learn(struct sv_align *a)
{
	struct al_cooc *ev = &a->ev;
	struct al_tt *tt = &a->tt;
	tt->n = 0;
	tt->nk = 0;
	tt->stale = 1;
	a->dirty = 1;
	if (!ev->nres)
		return;
	/* every co-occurring (ru, bg) pair, and (0, bg) / (ru, 0) for the empty word */
	uint64_t *keys = NULL;
	size_t nkeys = 0, kcap = 0, ncells = 0;
	for (size_t q = 0; q < ev->nres;) {
		uint32_t nx = ev->res[q], ny = ev->res[q + 1];
		const uint32_t *ux = ev->res + q + 2, *uy = ux + nx;
		q += 2 + nx + ny;
		ncells += (size_t)(nx + 1) * (ny + 1);
		SV_GROW(keys, kcap, nkeys + (size_t)(nx + 1) * (ny + 1));
		for (uint32_t i = 0; i <= nx; i++)
			for (uint32_t j = 0; j <= ny; j++) {
				uint32_t u = i < nx ? ux[i] : 0, v = j < ny ? uy[j] : 0;
				if (u || v)
					keys[nkeys++] = (uint64_t)u << 32 | v;
			}
	}
	qsort(keys, nkeys, sizeof(*keys), cmp_u64);
	size_t u = 0;
	uint32_t *seen = sv_malloc((nkeys + 1) * sizeof(*seen)); /* confident pairs with both */
	for (size_t k = 0; k < nkeys; k++) {
		if (!u || keys[u - 1] != keys[k]) {
			seen[u] = 0;
			keys[u++] = keys[k];
		}
		seen[u - 1]++;
	}
	nkeys = u;
	/* the key of every cell, looked up once for all the passes */
	uint32_t *cell = sv_malloc((ncells + 1) * sizeof(*cell)), *cp = cell;
	for (size_t q = 0; q < ev->nres;) {
		uint32_t nx = ev->res[q], ny = ev->res[q + 1];
		const uint32_t *ux = ev->res + q + 2, *uy = ux + nx;
		q += 2 + nx + ny;
		for (uint32_t i = 0; i <= nx; i++)
			for (uint32_t j = 0; j <= ny; j++) {
				uint64_t x = i < nx ? ux[i] : 0, y = j < ny ? uy[j] : 0;
				*cp++ = x || y ? (uint32_t)find_u64(keys, nkeys, x << 32 | y) : 0;
			}
	}
	double *tf = sv_malloc((nkeys + 1) * sizeof(*tf));
	double *tb = sv_malloc((nkeys + 1) * sizeof(*tb));
	double *c = sv_malloc((nkeys + 1) * sizeof(*c));
	ibm1(ev, keys, cell, nkeys, 1, tf, c);
	ibm1(ev, keys, cell, nkeys, 0, tb, c);
	free(cell);
	for (size_t k = 0; k < nkeys; k++) {
		uint32_t x = (uint32_t)(keys[k] >> 32), y = (uint32_t)keys[k];
		if (!x || !y)
			continue;
		/* the two directions must agree; a pair seen in c confident pairs
		 * is trusted c / (c + 1) of its probability */
		double p = sqrt(tf[k] * tb[k]) * (double)seen[k] / (seen[k] + 1.0);
		if (p < TT_MIN_P)
			continue;
		al_tt_push(tt, x, y, (float)p);
	}
	free(tf);
	free(tb);
	free(c);
	free(seen);
	free(keys);
}

struct lcand {
	uint32_t x, y;
	float dice;
	uint32_t c;
};

static int cmp_lc(const void *p, const void *q)
{
	const struct lcand *a = p, *b = q;
	if (a->dice != b->dice)
		return a->dice > b->dice ? -1 : 1;
	return a->c > b->c ? -1 : a->c < b->c;
}

size_t sv_align_learn(struct sv_align *a)
{
	struct al_cooc *ev = &a->ev;
	size_t learnt = 0;
	if (ev->nlen >= 20) {
		double c = ev->sb / ev->sl;
		double s2 = (ev->sbb - 2 * c * ev->sb + c * c * ev->sl) / (double)ev->nlen;
		/* the variance only widens: a Gaussian fitted to news translations
		 * understates their tails, and a narrow length term then outvotes
		 * the words (measured: s2 ~ 3.8 on ntrex-dev costs recall) */
		if (c > 0.5 && c < 2.0 && s2 > 0.5) {
			a->c = c;
			if (s2 > AL_S2_DEFAULT)
				a->s2 = s2;
		}
	}
	tt_learn(a);
	/* candidates: pairs seen at least twice with a high Dice */
	struct lcand *v = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < ev->pairs.cap; i++) {
		const struct sv_map_slot *s = &ev->pairs.slots[i];
		if (!s->key || s->val < 2)
			continue;
		unsigned x, y;
		if (sscanf(s->key, "%u:%u", &x, &y) != 2 || x >= ev->ccap || y >= ev->ccap)
			continue;
		double d = 2.0 * (double)s->val / (double)(ev->cru[x] + ev->cbg[y]);
		if (d < 0.5)
			continue;
		SV_GROW(v, cap, n + 1);
		v[n].x = x;
		v[n].y = y;
		v[n].dice = (float)d;
		v[n].c = (uint32_t)s->val;
		n++;
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_lc);
	/* mutual best, greedily by Dice: a concept pairs once per round */
	struct sv_map used = SV_MAP_INIT;
	char key[24];
	for (size_t i = 0; i < n; i++) {
		int kn = snprintf(key, sizeof(key), "r%u", v[i].x);
		int ln;
		char key2[24];
		ln = snprintf(key2, sizeof(key2), "b%u", v[i].y);
		if (sv_map_find(&used, key, (size_t)kn) || sv_map_find(&used, key2, (size_t)ln))
			continue;
		sv_map_add(&used, key, (size_t)kn, NULL);
		sv_map_add(&used, key2, (size_t)ln, NULL);
		if (al_union(a, v[i].x, v[i].y, 6)) {
			learnt++;
			a->lexn++;
		}
	}
	sv_map_release(&used);
	free(v);
	sv_map_release(&ev->pairs);
	sv_map_init(&ev->pairs);
	free(ev->cru);
	free(ev->cbg);
	ev->cru = ev->cbg = NULL;
	ev->ccap = 0;
	ev->npairs = 0;
	ev->nres = 0;
	ev->nlen = 0;
	ev->sl = ev->sb = ev->sbb = ev->sll = ev->slb = 0;
	a->dirty = 1;
	return learnt;
}
