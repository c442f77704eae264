/* Mining sentence pairs from comparable coverage: candidates from an
 * inverted index (all pairs when small), margin scoring against each side's
 * k nearest competitors, mutual best pairs above the margin and the pair's
 * skip level. Also the choice between mining and monotone alignment. */
#include "align/align-int.h"

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

int al_mine(struct sv_align *a, const struct al_doc *ru, const struct al_doc *bg,
	    const struct sv_align_opts *o, double alpha, struct sv_align_links *out)
{
	size_t n = ru->n, m = bg->n;
	if (!n || !m)
		return SV_OK;
	al_tt_index(a);
	double bgmean;
	size_t k = o->k < 1 ? 1 : (size_t)o->k;
	size_t K = k * 4 < 16 ? 16 : k * 4; /* candidates kept per RU sentence */
	if (K > m)
		K = m;
	struct cand *cx = sv_malloc(n * K * sizeof(*cx));
	size_t *ncx = sv_calloc(n, sizeof(*ncx));
	float *ky = sv_malloc(m * k * sizeof(*ky)); /* each BG sentence's k best sims */
	size_t *nky = sv_calloc(m, sizeof(*nky));
	struct al_set x, y;
	float *colbs = sv_malloc(m * sizeof(*colbs));
	uint32_t *colbest = sv_malloc(m * sizeof(*colbest));
	for (size_t j = 0; j < m; j++) {
		colbs[j] = -1;
		colbest[j] = UINT32_MAX;
	}

	if (n * m <= 250000) {
		for (size_t i = 0; i < n; i++) {
			al_set_of(a, ru->first + i, &x);
			for (size_t j = 0; j < m; j++) {
				al_set_of(a, bg->first + j, &y);
				float s = (float)al_sim_tt(a, &x, &y);
				top_insert(cx + i * K, &ncx[i], K, (uint32_t)j, s);
				top_insertf(ky + j * k, &nky[j], k, s);
				if (s > colbs[j]) {
					colbs[j] = s;
					colbest[j] = (uint32_t)i;
				}
			}
		}
	} else {
		/* inverted index over the BG side; frequent concepts skipped for
		 * the candidate search only */
		size_t nk = a->keys.n;
		uint32_t *cnt = sv_calloc(nk + 1, sizeof(*cnt));
		for (size_t j = 0; j < m; j++) {
			const struct al_sent *s = &a->sents[bg->first + j];
			for (uint32_t q = 0; q < s->n; q++)
				cnt[a->fk[s->off + q] + 1]++;
		}
		for (size_t q = 1; q <= nk; q++)
			cnt[q] += cnt[q - 1];
		uint32_t *post = sv_malloc((cnt[nk] + 1) * sizeof(*post));
		uint32_t *fill = sv_malloc((nk + 1) * sizeof(*fill));
		memcpy(fill, cnt, (nk + 1) * sizeof(*fill));
		for (size_t j = 0; j < m; j++) {
			const struct al_sent *s = &a->sents[bg->first + j];
			for (uint32_t q = 0; q < s->n; q++)
				post[fill[a->fk[s->off + q]]++] = (uint32_t)j;
		}
		free(fill);
		size_t maxdf = m / 50 > 20 ? m / 50 : 20;
		float *acc = sv_calloc(m, sizeof(*acc));
		uint32_t *touched = sv_malloc(m * sizeof(*touched));
		struct cand *pre = sv_malloc(K * 2 * sizeof(*pre));
		for (size_t i = 0; i < n; i++) {
			const struct al_sent *s = &a->sents[ru->first + i];
			size_t nt = 0;
			for (uint32_t q = 0; q < s->n; q++) {
				uint32_t c = a->fk[s->off + q];
				uint32_t b0 = cnt[c], b1 = cnt[c + 1];
				if (b1 - b0 > maxdf)
					continue;
				for (uint32_t p = b0; p < b1; p++) {
					uint32_t j = post[p];
					if (acc[j] == 0)
						touched[nt++] = j;
					acc[j] += a->w[c];
				}
			}
			size_t np = 0;
			for (size_t q = 0; q < nt; q++) {
				top_insert(pre, &np, K * 2, touched[q], acc[touched[q]]);
				acc[touched[q]] = 0;
			}
			al_set_of(a, ru->first + i, &x);
			for (size_t q = 0; q < np; q++) {
				al_set_of(a, bg->first + pre[q].j, &y);
				float sv = (float)al_sim_tt(a, &x, &y);
				top_insert(cx + i * K, &ncx[i], K, pre[q].j, sv);
				top_insertf(ky + pre[q].j * k, &nky[pre[q].j], k, sv);
				if (sv > colbs[pre[q].j]) {
					colbs[pre[q].j] = sv;
					colbest[pre[q].j] = (uint32_t)i;
				}
			}
		}
		free(pre);
		free(touched);
		free(acc);
		free(post);
		free(cnt);
	}

	/* the background: pairs that are neither their row's nor their
	 * column's best, so partners do not inflate it */
	double bq, lam2;
	{
		size_t max = 4000, kk = 0;
		double *v = sv_malloc(max * sizeof(*v));
		uint64_t seed = 0x51ed2701ULL ^ (n * 131 + m);
		int exhaustive = n * m <= max;
		for (size_t tries = 0; kk < max && tries < max * 2; tries++) {
			size_t i, j;
			if (exhaustive) {
				if (tries >= n * m)
					break;
				i = tries / m;
				j = tries % m;
			} else {
				i = (size_t)al_lcg(&seed) % n;
				j = (size_t)al_lcg(&seed) % m;
			}
			if ((ncx[i] && cx[i * K].j == j) || colbest[j] == i)
				continue;
			al_set_of(a, ru->first + i, &x);
			al_set_of(a, bg->first + j, &y);
			v[kk++] = al_sim_tt(a, &x, &y);
		}
		/* a small pair gives too few background pairs for a stable
		 * tail: top it up with this pair's sentences against sentences
		 * of other documents of the other language in the model */
		size_t want = BG_POOL;
		size_t nother = 0;
		for (size_t d = 0; d < a->ndocs; d++)
			if (&a->docs[d] != ru && &a->docs[d] != bg && a->docs[d].n)
				nother++;
		for (size_t tries = 0; kk < want && kk < max && nother && tries < want * 4; tries++) {
			int side = (int)(al_lcg(&seed) & 1);
			const struct al_doc *own = side ? bg : ru;
			size_t d = (size_t)al_lcg(&seed) % a->ndocs;
			const struct al_doc *od = &a->docs[d];
			if (od == ru || od == bg || !od->n || od->lang == own->lang)
				continue;
			size_t i = (size_t)al_lcg(&seed) % own->n;
			size_t j = (size_t)al_lcg(&seed) % od->n;
			al_set_of(a, own->first + i, &x);
			al_set_of(a, od->first + j, &y);
			v[kk++] = al_sim_tt(a, &x, &y);
		}
		al_tail(v, kk, o->skip_pct, &bq, &lam2, &bgmean);
		free(v);
	}
	/* neighbourhood means, padded with the background mean */
	double *kx = sv_malloc(n * sizeof(*kx)), *kyv = sv_malloc(m * sizeof(*kyv));
	for (size_t i = 0; i < n; i++) {
		double s = 0;
		size_t q;
		for (q = 0; q < ncx[i] && q < k; q++)
			s += cx[i * K + q].sim;
		for (; q < k; q++)
			s += bgmean;
		kx[i] = s / (double)k;
	}
	for (size_t j = 0; j < m; j++) {
		double s = 0;
		size_t q;
		for (q = 0; q < nky[j]; q++)
			s += ky[j * k + q];
		for (; q < k; q++)
			s += bgmean;
		kyv[j] = s / (double)k;
	}
	/* best by margin on each side */
	double *bx = sv_malloc(n * sizeof(*bx)), *by = sv_malloc(m * sizeof(*by));
	uint32_t *ax = sv_malloc(n * sizeof(*ax)), *ay = sv_malloc(m * sizeof(*ay));
	for (size_t j = 0; j < m; j++) {
		by[j] = -1;
		ay[j] = UINT32_MAX;
	}
	for (size_t i = 0; i < n; i++) {
		bx[i] = -1;
		ax[i] = UINT32_MAX;
		for (size_t q = 0; q < ncx[i]; q++) {
			const struct cand *c = &cx[i * K + q];
			double den = 0.5 * kx[i] + 0.5 * kyv[c->j];
			double mg = den > 0 ? c->sim / den : 0;
			if (mg > bx[i]) {
				bx[i] = mg;
				ax[i] = c->j;
			}
			if (mg > by[c->j]) {
				by[c->j] = mg;
				ay[c->j] = (uint32_t)i;
			}
		}
	}
	/* evidence of each mutual best pair: its similarity above the
	 * background's skip level in units of the background's tail, plus the
	 * length term; exp(-z) * (1 - skip_pct) is then about the chance that a
	 * background pair scores as high. Kept: the pairs that pass the
	 * Benjamini-Hochberg step over all pairs compared at false discovery
	 * rate alpha, so that a pair rich in partners lowers its own bar and a
	 * pair with one or two (the coverage of one event by two outlets) keeps
	 * the strict one. */
	struct mcand *mc = sv_malloc((n < m ? n : m) * sizeof(*mc) + sizeof(*mc));
	size_t nmc = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t j = ax[i];
		if (j == UINT32_MAX || ay[j] != i || bx[i] < o->min_margin)
			continue;
		float sim = 0;
		for (size_t q = 0; q < ncx[i]; q++)
			if (cx[i * K + q].j == j)
				sim = cx[i * K + q].sim;
		double len = al_len_term(a, a->sents[ru->first + i].len, a->sents[bg->first + j].len);
		mc[nmc].i = (uint32_t)i;
		mc[nmc].j = j;
		mc[nmc].sim = sim;
		mc[nmc].mg = (float)bx[i];
		mc[nmc].z = (sim - bq) / lam2 + len;
		nmc++;
	}
	if (nmc > 1)
		qsort(mc, nmc, sizeof(*mc), cmp_mcand);
	size_t keep = 0;
	for (size_t r = 0; r < nmc; r++) {
		double bar = log(fmax(1.0, (double)(n * m) * (1.0 - o->skip_pct) /
					     ((double)(r + 1) * alpha)));
		if (bar < MIN_Z)
			bar = MIN_Z;
		if (mc[r].z >= bar)
			keep = r + 1;
	}
	if (keep > 1)
		qsort(mc, keep, sizeof(*mc), cmp_mcand_ru);
	for (size_t r = 0; r < keep; r++)
		al_link_add(out, mc[r].i, 1, mc[r].j, 1, mc[r].sim, mc[r].mg, SV_ALIGN_MINING);
	free(mc);
	free(colbs);
	free(colbest);
	free(bx);
	free(by);
	free(ax);
	free(ay);
	free(kx);
	free(kyv);
	free(cx);
	free(ncx);
	free(ky);
	free(nky);
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
