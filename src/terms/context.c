/* Context of terms: the aligned units and paired documents where they occur, the nouns
 * around them (for comparable text), and the final score of a pair from that evidence
 * (docs/TERMS.md, "Context"). */
#include "terms/terms-int.h"

#include <stdlib.h>
#include <string.h>

/* The final score is base * (TM_CTX_BASE + TM_CTX_DOCS * d + TM_CTX_UNITS * u), times
 * TM_CTX_NEVER_TOGETHER when both occur in aligned units but never together (docs/TERMS.md,
 * "Context"). */
#define TM_CTX_BASE 0.6
#define TM_CTX_DOCS 0.2
#define TM_CTX_UNITS 0.2
#define TM_CTX_DOCS_UNKNOWN 0.5   /* d when the memory pairs no documents */
#define TM_CTX_SIM_WEIGHT 1.5     /* u = min(1, 1.5 * context similarity) without units */
#define TM_CTX_NEVER_TOGETHER 0.8
#define DOCS_COMPARED_MAX 64      /* documents of each term looked at for a document pair */
#define CTX_OCC 30   /* occurrences a context is taken from */
#define CTX_MAX 200  /* nouns in a context */
#define CTX_TRANSLATIONS 16 /* translations of a context noun tried */

void tm_list_add(uint32_t **v, uint32_t *n, uint32_t *cap, uint32_t x)
{
	if (*n && (*v)[*n - 1] == x)
		return;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		*v = sv_realloc(*v, *cap * sizeof(uint32_t));
	}
	(*v)[(*n)++] = x;
}

/* Entries common to the sorted lists a and b. */
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

void tm_sort_unique(uint32_t *v, uint32_t *n)
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

/* Whether Russian term a and Bulgarian term b occur in documents paired with each other. */
static int docs_paired(struct tm_model *m, const struct tm_term *a, const struct tm_term *b)
{
	uint32_t na = a->ndocs < DOCS_COMPARED_MAX ? a->ndocs : DOCS_COMPARED_MAX;
	uint32_t nb = b->ndocs < DOCS_COMPARED_MAX ? b->ndocs : DOCS_COMPARED_MAX;
	for (uint32_t i = 0; i < na; i++)
		for (uint32_t j = 0; j < nb; j++)
			if (sv_map64_find(&m->docpairs, (uint64_t)a->docs[i] << 32 | b->docs[j]))
				return 1;
	return 0;
}

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

/* Context similarity for comparable text: the share of the nouns around the Russian term
 * that have a translation among the nouns around the Bulgarian one (Dice over both context
 * sets). */
static double context_sim(struct tm_model *m, const struct tm_term *a, const struct tm_term *b)
{
	if (!a->nctx || !b->nctx)
		return 0;
	uint32_t hits = 0, tr[CTX_TRANSLATIONS];
	for (uint32_t i = 0; i < a->nctx; i++) {
		size_t n = tm_translations(m, TM_RU, a->ctx[i], tr, CTX_TRANSLATIONS);
		for (size_t k = 0; k < n; k++)
			if (has_id(b->ctx, b->nctx, tr[k])) {
				hits++;
				break;
			}
	}
	return 2.0 * hits / (a->nctx + b->nctx);
}

void tm_pair_finish(struct tm_model *m, struct tm_pair *p)
{
	const struct tm_term *a = &m->side[TM_RU].terms[p->term[TM_RU]];
	const struct tm_term *b = &m->side[TM_BG].terms[p->term[TM_BG]];
	double docev = TM_CTX_DOCS_UNKNOWN, ctx = 0;
	p->docs = TM_DOCS_UNKNOWN;
	if (m->ndocpairs && !a->projected && !b->projected) {
		p->docs = docs_paired(m, a, b) ? TM_DOCS_PAIRED : TM_DOCS_UNPAIRED;
		docev = p->docs == TM_DOCS_PAIRED ? 1 : 0;
	}
	double f = TM_CTX_BASE + TM_CTX_DOCS * docev;
	p->ctx = -1;
	if (!(a->nunits && b->nunits) && a->nctx && b->nctx) {
		/* no aligned units: how alike the words around them are */
		p->ctx = (float)context_sim(m, a, b);
		double u = p->ctx * TM_CTX_SIM_WEIGHT;
		f += TM_CTX_UNITS * (u > 1 ? 1 : u);
	}
	if (a->nunits && b->nunits) {
		p->units_together = intersect(a->units, a->nunits, b->units, b->nunits);
		/* Dice of the aligned units, trusted more the more units there are */
		double dice = 2.0 * p->units_together / (a->nunits + b->nunits);
		ctx = dice * (1.0 - 1.0 / (1.0 + p->units_together));
		f += TM_CTX_UNITS * ctx;
		if (!p->units_together)
			f *= TM_CTX_NEVER_TOGETHER;
	}
	p->score = (float)(p->base * f);
}

void tm_side_seg_terms(struct tm_model *m, int side)
{
	struct tm_side *sd = &m->side[side];
	uint32_t *off = sv_calloc(sd->nseg + 1, sizeof(uint32_t));
	for (size_t i = 0; i < sd->nterms; i++) {
		struct tm_term *t = &sd->terms[i];
		if (!t->keep)
			continue;
		for (uint32_t k = 0; k < t->nocc; k++) {
			off[t->occ[k].seg + 1]++;
			tm_list_add(&t->docs, &t->ndocs, &t->capdocs, sd->segdoc[t->occ[k].seg]);
		}
		tm_sort_unique(t->docs, &t->ndocs);
	}
	for (size_t s = 0; s < sd->nseg; s++)
		off[s + 1] += off[s];
	uint32_t *ids = sv_malloc((off[sd->nseg] + 1) * sizeof(uint32_t));
	uint32_t *fill = sv_calloc(sd->nseg + 1, sizeof(uint32_t));
	for (size_t i = 0; i < sd->nterms; i++) {
		struct tm_term *t = &sd->terms[i];
		if (!t->keep)
			continue;
		for (uint32_t k = 0; k < t->nocc; k++) {
			uint32_t s = t->occ[k].seg;
			ids[off[s] + fill[s]++] = (uint32_t)i;
		}
	}
	free(fill);
	m->seg_term_off[side] = off;
	m->seg_term_ids[side] = ids;
}

void tm_unit_side(struct tm_model *m, int side, const int64_t *segs, size_t nsegs, uint32_t unit,
		  uint32_t **set, uint32_t *nset, uint32_t *capset)
{
	struct tm_side *sd = &m->side[side];
	const uint32_t *off = m->seg_term_off[side], *ids = m->seg_term_ids[side];
	uint32_t bg_bit = side == TM_BG ? TM_WHERE_BG : 0;
	*nset = 0;
	for (size_t i = 0; i < nsegs; i++) {
		int64_t id = segs[i];
		if (id < 0 || (size_t)id >= m->nseg_where || !m->seg_where[id])
			continue;
		if ((m->seg_where[id] & TM_WHERE_BG) != bg_bit)
			continue;
		uint32_t s = (m->seg_where[id] & ~TM_WHERE_BG) - 1;
		for (uint32_t k = off[s]; k < off[s + 1]; k++) {
			struct tm_term *t = &sd->terms[ids[k]];
			tm_list_add(&t->units, &t->nunits, &t->capunits, unit);
			if (t->n == 1 && t->kind != TM_ACRONYM)
				tm_list_add(set, nset, capset, t->w[0]);
		}
	}
	tm_sort_unique(*set, nset);
}

void tm_side_contexts(struct tm_model *m, int side)
{
	struct tm_side *sd = &m->side[side];
	const uint32_t *off = m->seg_term_off[side], *ids = m->seg_term_ids[side];
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
					tm_list_add(&t->ctx, &t->nctx, &t->capctx, c->w[0]);
			}
		}
		tm_sort_unique(t->ctx, &t->nctx);
	}
}
