/* Mining sentence pairs from comparable coverage: candidates from an
 * inverted index (all pairs when small), margin scoring against each side's
 * k nearest competitors, mutual best pairs above the margin and the pair's
 * skip level. Also the choice between mining and monotone alignment. */
#include "align/align-int.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct cand {
	uint32_t j;
	float sim;
};

/* Keeps the top cap entries of a list sorted by descending sim. */
static void top_insert(struct cand *v, size_t *n, size_t cap, uint32_t j, float sim)
{
	if (*n == cap && v[cap - 1].sim >= sim)
		return;
	size_t p = *n < cap ? (*n)++ : cap - 1;
	while (p > 0 && v[p - 1].sim < sim) {
		v[p] = v[p - 1];
		p--;
	}
	v[p].j = j;
	v[p].sim = sim;
}

static void top_insertf(float *v, size_t *n, size_t cap, float sim)
{
	if (*n == cap && v[cap - 1] >= sim)
		return;
	size_t p = *n < cap ? (*n)++ : cap - 1;
	while (p > 0 && v[p - 1] < sim) {
		v[p] = v[p - 1];
		p--;
	}
	v[p] = sim;
}

/* Background pairs wanted per document pair before its tail is estimated:
 * a pair of short documents is topped up with pairs from other documents. */
#define BG_POOL 1000
/* Background pairs drawn at most from the document pair itself; when it has
 * no more than this many pairs, each is taken once in order. */
#define BG_MAX 4000
/* Document pairs with no more sentence pairs than this are compared in
 * full; larger ones through an inverted index over the BG side. */
#define ALL_PAIRS_MAX 250000
/* Evidence every kept pair needs whatever the step allows (a background
 * pair passes it about once in 600): the pairs of two short documents are
 * few, so the step alone lets their near misses through. */
#define MIN_Z 2.5

struct mcand {
	uint32_t i, j;
	float sim, mg;
	double z;
};

static int cmp_mcand(const void *p, const void *q)
{
	const struct mcand *x = p, *y = q;
	if (x->z != y->z)
		return x->z > y->z ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int cmp_mcand_ru(const void *p, const void *q)
{
	const struct mcand *x = p, *y = q;
	return x->i < y->i ? -1 : x->i > y->i;
}

int al_bg_pair(size_t n, size_t m, size_t max, size_t tries, uint64_t *seed, size_t *i, size_t *j)
{
	assert(n > 0 && m > 0);
	if (n * m <= max) {
		if (tries >= n * m)
			return 0;
		*i = tries / m;
		*j = tries % m;
	} else {
		*i = (size_t)al_lcg(seed) % n;
		*j = (size_t)al_lcg(seed) % m;
	}
	return 1;
}

/* The candidates of a document pair of n RU and m BG sentences. */
struct mine_cands {
	size_t n, m;
	size_t k;             /* neighbours in a margin's denominator (o->k, at least 1) */
	size_t per_ru;        /* candidates kept per RU sentence */
	struct cand *ru_best; /* n rows of per_ru, by descending sim */
	size_t *ru_nbest;     /* each row's length */
	float *bg_knn;        /* m rows of k: each BG sentence's k best sims */
	size_t *bg_nknn;      /* each row's length */
	float *bg_best_sim;   /* each BG sentence's best sim (-1: none) */
	uint32_t *bg_best;    /* its RU sentence (UINT32_MAX: none) */
};

static void cands_init(struct mine_cands *c, size_t n, size_t m, const struct sv_align_opts *o)
{
	c->n = n;
	c->m = m;
	c->k = o->k < 1 ? 1 : (size_t)o->k;
	c->per_ru = c->k * 4 < 16 ? 16 : c->k * 4;
	if (c->per_ru > m)
		c->per_ru = m;
	c->ru_best = sv_malloc(n * c->per_ru * sizeof(*c->ru_best));
	c->ru_nbest = sv_calloc(n, sizeof(*c->ru_nbest));
	c->bg_knn = sv_malloc(m * c->k * sizeof(*c->bg_knn));
	c->bg_nknn = sv_calloc(m, sizeof(*c->bg_nknn));
	c->bg_best_sim = sv_malloc(m * sizeof(*c->bg_best_sim));
	c->bg_best = sv_malloc(m * sizeof(*c->bg_best));
	for (size_t j = 0; j < m; j++) {
		c->bg_best_sim[j] = -1;
		c->bg_best[j] = UINT32_MAX;
	}
}

static void cands_release(struct mine_cands *c)
{
	free(c->ru_best);
	free(c->ru_nbest);
	free(c->bg_knn);
	free(c->bg_nknn);
	free(c->bg_best_sim);
	free(c->bg_best);
}

/* Records the similarity of RU sentence i and BG sentence j on both sides. */
static void cands_add(struct mine_cands *c, size_t i, uint32_t j, float sim)
{
	top_insert(c->ru_best + i * c->per_ru, &c->ru_nbest[i], c->per_ru, j, sim);
	top_insertf(c->bg_knn + j * c->k, &c->bg_nknn[j], c->k, sim);
	if (sim > c->bg_best_sim[j]) {
		c->bg_best_sim[j] = sim;
		c->bg_best[j] = (uint32_t)i;
	}
}

/* Compares every sentence pair. */
static void cands_all_pairs(struct sv_align *a, const struct al_doc *ru, const struct al_doc *bg,
			    struct mine_cands *c)
{
	struct al_set x, y;
	for (size_t i = 0; i < c->n; i++) {
		al_set_of(a, ru->first + i, &x);
		for (size_t j = 0; j < c->m; j++) {
			al_set_of(a, bg->first + j, &y);
			cands_add(c, i, (uint32_t)j, (float)al_sim_tt(a, &x, &y));
		}
	}
}

/* Compares each RU sentence with the BG sentences sharing the most weight
 * of its concepts, found through an inverted index over the BG side;
 * frequent concepts are skipped for this search only. */
static void cands_indexed(struct sv_align *a, const struct al_doc *ru, const struct al_doc *bg,
			  struct mine_cands *c)
{
	size_t nkeys = a->keys.n, m = c->m;
	uint32_t *post_start = sv_calloc(nkeys + 1, sizeof(*post_start));
	for (size_t j = 0; j < m; j++) {
		const struct al_sent *s = &a->sents[bg->first + j];
		for (uint32_t q = 0; q < s->n; q++)
			post_start[a->fk[s->off + q] + 1]++;
	}
	for (size_t q = 1; q <= nkeys; q++)
		post_start[q] += post_start[q - 1];
	uint32_t *post = sv_malloc((post_start[nkeys] + 1) * sizeof(*post));
	uint32_t *fill = sv_malloc((nkeys + 1) * sizeof(*fill));
	memcpy(fill, post_start, (nkeys + 1) * sizeof(*fill));
	for (size_t j = 0; j < m; j++) {
		const struct al_sent *s = &a->sents[bg->first + j];
		for (uint32_t q = 0; q < s->n; q++)
			post[fill[a->fk[s->off + q]]++] = (uint32_t)j;
	}
	free(fill);
	size_t max_df = m / 50 > 20 ? m / 50 : 20;
	float *shared = sv_calloc(m, sizeof(*shared));
	uint32_t *touched = sv_malloc(m * sizeof(*touched));
	struct cand *pre = sv_malloc(c->per_ru * 2 * sizeof(*pre));
	struct al_set x, y;
	for (size_t i = 0; i < c->n; i++) {
		const struct al_sent *s = &a->sents[ru->first + i];
		size_t ntouched = 0;
		for (uint32_t q = 0; q < s->n; q++) {
			uint32_t key = a->fk[s->off + q];
			uint32_t b0 = post_start[key], b1 = post_start[key + 1];
			if (b1 - b0 > max_df)
				continue;
			for (uint32_t p = b0; p < b1; p++) {
				uint32_t j = post[p];
				if (shared[j] == 0)
					touched[ntouched++] = j;
				shared[j] += a->w[key];
			}
		}
		size_t npre = 0;
		for (size_t q = 0; q < ntouched; q++) {
			top_insert(pre, &npre, c->per_ru * 2, touched[q], shared[touched[q]]);
			shared[touched[q]] = 0;
		}
		al_set_of(a, ru->first + i, &x);
		for (size_t q = 0; q < npre; q++) {
			al_set_of(a, bg->first + pre[q].j, &y);
			cands_add(c, i, pre[q].j, (float)al_sim_tt(a, &x, &y));
		}
	}
	free(pre);
	free(touched);
	free(shared);
	free(post);
	free(post_start);
}

/* The background's skip level *skip, tail scale *scale and mean *mean:
 * pairs that are neither their row's nor their column's best, so partners
 * do not inflate it, topped up for a small pair with its sentences against
 * sentences of other documents of the other language in the model. */
static void background_sample(struct sv_align *a, const struct al_doc *ru,
			      const struct al_doc *bg, const struct sv_align_opts *o,
			      const struct mine_cands *c, double *skip, double *scale,
			      double *mean)
{
	size_t n = c->n, m = c->m, nsims = 0;
	double *sims = sv_malloc(BG_MAX * sizeof(*sims));
	uint64_t seed = 0x51ed2701ULL ^ (n * 131 + m);
	struct al_set x, y;
	size_t i, j;
	for (size_t tries = 0; nsims < BG_MAX && tries < BG_MAX * 2; tries++) {
		if (!al_bg_pair(n, m, BG_MAX, tries, &seed, &i, &j))
			break;
		if ((c->ru_nbest[i] && c->ru_best[i * c->per_ru].j == j) || c->bg_best[j] == i)
			continue;
		al_set_of(a, ru->first + i, &x);
		al_set_of(a, bg->first + j, &y);
		sims[nsims++] = al_sim_tt(a, &x, &y);
	}
	size_t nother = 0;
	for (size_t d = 0; d < a->ndocs; d++)
		if (&a->docs[d] != ru && &a->docs[d] != bg && a->docs[d].n)
			nother++;
	for (size_t tries = 0; nsims < BG_POOL && nsims < BG_MAX && nother && tries < BG_POOL * 4;
	     tries++) {
		int side = (int)(al_lcg(&seed) & 1);
		const struct al_doc *own = side ? bg : ru;
		size_t d = (size_t)al_lcg(&seed) % a->ndocs;
		const struct al_doc *od = &a->docs[d];
		if (od == ru || od == bg || !od->n || od->lang == own->lang)
			continue;
		i = (size_t)al_lcg(&seed) % own->n;
		j = (size_t)al_lcg(&seed) % od->n;
		al_set_of(a, own->first + i, &x);
		al_set_of(a, od->first + j, &y);
		sims[nsims++] = al_sim_tt(a, &x, &y);
	}
	al_tail(sims, nsims, o->skip_pct, skip, scale, mean);
	free(sims);
}

/* Each sentence's mean similarity to its k nearest candidates, padded with
 * the background mean: ru_mean[n] and bg_mean[m]. */
static void neighbourhood_means(const struct mine_cands *c, double bg_pad, double *ru_mean,
				double *bg_mean)
{
	size_t k = c->k;
	for (size_t i = 0; i < c->n; i++) {
		double sum = 0;
		size_t q;
		for (q = 0; q < c->ru_nbest[i] && q < k; q++)
			sum += c->ru_best[i * c->per_ru + q].sim;
		for (; q < k; q++)
			sum += bg_pad;
		ru_mean[i] = sum / (double)k;
	}
	for (size_t j = 0; j < c->m; j++) {
		double sum = 0;
		size_t q;
		for (q = 0; q < c->bg_nknn[j]; q++)
			sum += c->bg_knn[j * k + q];
		for (; q < k; q++)
			sum += bg_pad;
		bg_mean[j] = sum / (double)k;
	}
}

/* Each sentence's best partner by margin (its sim over the mean of the two
 * neighbourhoods): ru_margin[i] and ru_partner[i] (UINT32_MAX: none), the
 * same for the BG side. */
static void margin_best(const struct mine_cands *c, const double *ru_mean, const double *bg_mean,
			double *ru_margin, uint32_t *ru_partner, double *bg_margin,
			uint32_t *bg_partner)
{
	for (size_t j = 0; j < c->m; j++) {
		bg_margin[j] = -1;
		bg_partner[j] = UINT32_MAX;
	}
	for (size_t i = 0; i < c->n; i++) {
		ru_margin[i] = -1;
		ru_partner[i] = UINT32_MAX;
		for (size_t q = 0; q < c->ru_nbest[i]; q++) {
			const struct cand *cd = &c->ru_best[i * c->per_ru + q];
			double den = 0.5 * ru_mean[i] + 0.5 * bg_mean[cd->j];
			double mg = den > 0 ? cd->sim / den : 0;
			if (mg > ru_margin[i]) {
				ru_margin[i] = mg;
				ru_partner[i] = cd->j;
			}
			if (mg > bg_margin[cd->j]) {
				bg_margin[cd->j] = mg;
				bg_partner[cd->j] = (uint32_t)i;
			}
		}
	}
}

/* Of the nmc mutual best pairs in mc, sorted by descending evidence z, how
 * many pass the Benjamini-Hochberg step over all n * m pairs compared at
 * false discovery rate alpha (and MIN_Z): exp(-z) * (1 - skip_pct) is about
 * the chance that a background pair scores as high, so a pair rich in
 * partners lowers its own bar and a pair with one or two (the coverage of
 * one event by two outlets) keeps the strict one. */
static size_t bh_keep(const struct mcand *mc, size_t nmc, size_t n, size_t m, double skip_pct,
		      double alpha)
{
	size_t keep = 0;
	for (size_t r = 0; r < nmc; r++) {
		double bar = log(fmax(1.0, (double)(n * m) * (1.0 - skip_pct) /
					     ((double)(r + 1) * alpha)));
		if (bar < MIN_Z)
			bar = MIN_Z;
		if (mc[r].z >= bar)
			keep = r + 1;
	}
	return keep;
}

int al_mine(struct sv_align *a, const struct al_doc *ru, const struct al_doc *bg,
	    const struct sv_align_opts *o, double alpha, struct sv_align_links *out)
{
	size_t n = ru->n, m = bg->n;
	if (!n || !m)
		return SV_OK;
	assert(ru->lang == SV_LANG_RU && bg->lang == SV_LANG_BG);
	al_tt_index(a);
	struct mine_cands c;
	cands_init(&c, n, m, o);
	if (n * m <= ALL_PAIRS_MAX)
		cands_all_pairs(a, ru, bg, &c);
	else
		cands_indexed(a, ru, bg, &c);

	double skip, scale, bg_pad;
	background_sample(a, ru, bg, o, &c, &skip, &scale, &bg_pad);
	double *ru_mean = sv_malloc(n * sizeof(*ru_mean)), *bg_mean = sv_malloc(m * sizeof(*bg_mean));
	neighbourhood_means(&c, bg_pad, ru_mean, bg_mean);
	double *ru_margin = sv_malloc(n * sizeof(*ru_margin));
	double *bg_margin = sv_malloc(m * sizeof(*bg_margin));
	uint32_t *ru_partner = sv_malloc(n * sizeof(*ru_partner));
	uint32_t *bg_partner = sv_malloc(m * sizeof(*bg_partner));
	margin_best(&c, ru_mean, bg_mean, ru_margin, ru_partner, bg_margin, bg_partner);

	/* evidence of each mutual best pair: its similarity above the
	 * background's skip level in units of the background's tail, plus the
	 * length term */
	struct mcand *mc = sv_malloc((n < m ? n : m) * sizeof(*mc) + sizeof(*mc));
	size_t nmc = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t j = ru_partner[i];
		if (j == UINT32_MAX || bg_partner[j] != i || ru_margin[i] < o->min_margin)
			continue;
		float sim = 0;
		for (size_t q = 0; q < c.ru_nbest[i]; q++)
			if (c.ru_best[i * c.per_ru + q].j == j)
				sim = c.ru_best[i * c.per_ru + q].sim;
		double len = al_len_term(a, a->sents[ru->first + i].len, a->sents[bg->first + j].len);
		mc[nmc].i = (uint32_t)i;
		mc[nmc].j = j;
		mc[nmc].sim = sim;
		mc[nmc].mg = (float)ru_margin[i];
		mc[nmc].z = (sim - skip) / scale + len;
		nmc++;
	}
	if (nmc > 1)
		qsort(mc, nmc, sizeof(*mc), cmp_mcand);
	size_t keep = bh_keep(mc, nmc, n, m, o->skip_pct, alpha);
	if (keep > 1)
		qsort(mc, keep, sizeof(*mc), cmp_mcand_ru);
	for (size_t r = 0; r < keep; r++)
		al_link_add(out, mc[r].i, 1, mc[r].j, 1, mc[r].sim, mc[r].mg, SV_ALIGN_MINING);
	free(mc);
	free(ru_margin);
	free(bg_margin);
	free(ru_partner);
	free(bg_partner);
	free(ru_mean);
	free(bg_mean);
	cands_release(&c);
	return SV_OK;
}

/* Longest increasing run of bg indices over links sorted by ru. */
static size_t lis(const struct sv_align_links *l)
{
	size_t n = l->n, len = 0;
	uint32_t *tail = sv_malloc((n + 1) * sizeof(*tail));
	for (size_t i = 0; i < n; i++) {
		uint32_t v = l->v[i].bg;
		size_t lo = 0, hi = len;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (tail[mid] < v)
				lo = mid + 1;
			else
				hi = mid;
		}
		tail[lo] = v;
		if (lo == len)
			len++;
	}
	free(tail);
	return len;
}

int sv_align_sentences(struct sv_align *a, size_t ru, size_t bg, const struct sv_align_opts *opts,
		       struct sv_align_links *out, struct sv_error *err)
{
	struct sv_align_opts def;
	if (!opts) {
		sv_align_opts_init(&def);
		opts = &def;
	}
	out->n = 0;
	out->parallelness = 0;
	if (ru >= a->ndocs || bg >= a->ndocs)
		return sv_error_set(err, SV_EUSAGE, "document %zu: no such document",
				    ru >= a->ndocs ? ru : bg);
	const struct al_doc *r = &a->docs[ru], *b = &a->docs[bg];
	if (r->lang != SV_LANG_RU || b->lang != SV_LANG_BG)
		return sv_error_set(err, SV_EUSAGE, "'%s', '%s': expected a russian and a bulgarian document",
				    r->name ? r->name : "?", b->name ? b->name : "?");
	al_finalise(a);
	enum sv_align_method m = opts->method;
	if (m == SV_ALIGN_AUTO) {
		/* mine with relaxed thresholds; translations give many pairs in
		 * one order */
		struct sv_align_links probe = SV_ALIGN_LINKS_INIT;
		al_mine(a, r, b, opts, 1.0, &probe);
		size_t inc = lis(&probe);
		size_t small = r->n < b->n ? r->n : b->n;
		double cover = small ? (double)probe.n / (double)small : 0;
		double order = probe.n >= 3 ? (double)inc / (double)probe.n : 0;
		out->parallelness = (float)(order * (cover > 1 ? 1 : cover));
		m = (order >= 0.8 && cover >= 0.3) ? SV_ALIGN_MONOTONE : SV_ALIGN_MINING;
		sv_align_links_release(&probe);
	}
	out->method = m;
	if (m == SV_ALIGN_MONOTONE)
		return al_monotone(a, r, b, opts, out);
	return al_mine(a, r, b, opts, opts->mine_alpha, out);
}
