/* Monotone alignment of translations: dynamic programming over beads (1-0,
 * 0-1, 1-1, 1-2, 2-1, 2-2, 1-3, 3-1), each n-m bead scored as merged text.
 * A bead's gain is a log-odds: lexical evidence against the pair's own
 * random-pair distribution, a Gale-Church length term, and bead priors
 * re-estimated on the pair (hard EM). Long documents run in a narrow band
 * around a path found by a coarse pass over blocks of sentences and a 1-1
 * pass, so time and memory stay linear. */
#include "align/align-int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* All in nats. The lexical term is (s - q) / lambda: the similarity's
 * distance above the skip level q in units of the random-pair tail scale.
 * Bead penalties start at Gale-Church's priors relative to 1-1 (.089, .011,
 * about .0067 for 1-3) and are re-estimated per pair. */
#define G_LEN 1.0
#define P_12 2.3
#define P_22 4.4
#define P_13 5.0

struct calib {
	double q;   /* skip level: a high percentile of random-pair similarities */
	double lam; /* scale of the random-pair tail */
	double b0;  /* prior log-odds of linking over leaving both unaligned */
	double p12, p22, p13; /* penalties of n-m beads against 1-1 (nats) */
	double conf; /* log-odds a link must clear (precision over recall) */
};
#define MAXM 3
#define LEX_MIN 3.0
#define PI0 0.1
#define PI_W 10.0
/* Passes of prior re-estimation at most (hard EM; the bead scores are
 * cached, so a pass costs only the DP arithmetic). */
#define MAX_ITERS 6
/* Log-odds a link must clear on top of the priors in the final pass (the
 * priors are estimated without it): precision bought with a little recall
 * where the pair has orphans; a pair with none keeps its weak links. */
#define CONF 2.0

/* Merged sets of sentences ending at each index: lv[a - 1][i] is the union
 * of sentences i-a+1..i. */
struct side {
	struct al_set *lv[MAXM];
	uint32_t *keys;
	size_t nkeys, kcap;
	size_t n;
};

static void side_build(struct sv_align *a, const struct al_doc *d, int maxm, struct side *s)
{
	memset(s, 0, sizeof(*s));
	s->n = d->n;
	uint32_t *tmp = NULL;
	size_t tcap = 0;
	size_t *offs = sv_malloc((d->n + 1) * MAXM * sizeof(*offs));
	for (int lvl = 0; lvl < maxm; lvl++) {
		s->lv[lvl] = sv_calloc(d->n + 1, sizeof(struct al_set));
		for (size_t i = 0; i < d->n; i++) {
			struct al_set *o = &s->lv[lvl][i];
			if (lvl == 0) {
				al_set_of(a, d->first + i, o);
				offs[i * MAXM] = (size_t)-1;
				continue;
			}
			if (i < (size_t)lvl) {
				o->n = 0;
				offs[i * MAXM + lvl] = (size_t)-1;
				continue;
			}
			struct al_set parts[MAXM];
			const struct al_set *pp[MAXM];
			for (int k = 0; k <= lvl; k++) {
				al_set_of(a, d->first + i - (size_t)lvl + (size_t)k, &parts[k]);
				pp[k] = &parts[k];
			}
			al_set_merge(a, pp, (size_t)lvl + 1, &tmp, &tcap, o);
			SV_GROW(s->keys, s->kcap, s->nkeys + o->n + 1);
			if (o->n)
				memcpy(s->keys + s->nkeys, o->k, o->n * sizeof(uint32_t));
			offs[i * MAXM + lvl] = s->nkeys;
			s->nkeys += o->n;
		}
	}
	for (int lvl = 1; lvl < maxm; lvl++)
		for (size_t i = (size_t)lvl; i < d->n; i++)
			s->lv[lvl][i].k = s->keys + offs[i * MAXM + lvl];
	free(offs);
	free(tmp);
}

static void side_free(struct side *s)
{
	for (int i = 0; i < MAXM; i++)
		free(s->lv[i]);
	free(s->keys);
}

/* The parts of a bead's gain that do not change between passes: the
 * lexical log-odds (bounded below: some true pairs share no word, about
 * 2-3% of translation pairs against half of random pairs) and the length
 * term. */
static double bead_base(const struct sv_align *a, const struct side *r, const struct side *b,
			size_t i, size_t j, int na, int nb, const struct calib *cb, const float *mark,
			double *sim)
{
	const struct al_set *x = &r->lv[na - 1][i - 1];
	const struct al_set *y = &b->lv[nb - 1][j - 1];
	double s = mark ? al_sim_marked(a, mark, x, y) : al_sim(a, x, y);
	if (sim)
		*sim = s;
	double lex = (s - cb->q) / cb->lam;
	if (lex < -LEX_MIN)
		lex = -LEX_MIN;
	return lex + G_LEN * al_len_term(a, x->len, y->len);
}

/* The prior part: linking bonus less the bead's penalty. */
static double bead_prior(int na, int nb, const struct calib *cb)
{
	double pen = 0;
	if (na + nb == 3)
		pen = cb->p12;
	else if (na == 2 && nb == 2)
		pen = cb->p22;
	else if (na + nb == 4)
		pen = cb->p13;
	else if (na + nb > 4)
		pen = cb->p22 + cb->p13;
	return cb->b0 - pen - cb->conf;
}

/* Slot of a linking bead type in the per-cell cache. */
static int bead_slot(int na, int nb)
{
	static const int8_t slot[4][4] = {
		{ -1, -1, -1, -1 }, { -1, 0, 1, 4 }, { -1, 2, 3, -1 }, { -1, 5, -1, -1 },
	};
	return slot[na][nb];
}

#define NSLOT 6

struct band {
	size_t *lo, *hi; /* per row i in 0..n: columns lo..hi (inclusive) */
	size_t *off;     /* row offsets into the cell arrays */
	size_t cells;
};

static void band_fix(struct band *bd, size_t n, size_t m)
{
	bd->lo[0] = 0;
	bd->hi[n] = m;
	for (size_t i = 1; i <= n; i++)
		if (bd->hi[i] < bd->hi[i - 1])
			bd->hi[i] = bd->hi[i - 1];
	for (size_t i = n; i-- > 0;)
		if (bd->lo[i] > bd->lo[i + 1])
			bd->lo[i] = bd->lo[i + 1];
	for (size_t i = 1; i <= n; i++)
		if (bd->lo[i] > bd->hi[i - 1])
			bd->lo[i] = bd->hi[i - 1];
	bd->cells = 0;
	for (size_t i = 0; i <= n; i++) {
		if (bd->hi[i] > m)
			bd->hi[i] = m;
		if (bd->lo[i] > bd->hi[i])
			bd->lo[i] = bd->hi[i];
		bd->off[i] = bd->cells;
		bd->cells += bd->hi[i] - bd->lo[i] + 1;
	}
}

/* The DP proper over the band; appends links (ru/bg offsets added). */
/* The DP proper over the band; appends links (ru/bg offsets added). cache
 * holds NSLOT floats per cell: the bead bases, filled when *filled is 0. */
static void dp_run(struct sv_align *a, const struct side *r, const struct side *b,
		   const struct band *bd, int maxm, const struct calib *cb, uint32_t ru0, uint32_t bg0,
		   int method, float *cache, int stride, int *filled, struct sv_align_links *out)
{
	size_t n = r->n, m = b->n;
	double prior[4][4];
	for (int na = 0; na < 4; na++)
		for (int nb = 0; nb < 4; nb++)
			prior[na][nb] = na && nb ? bead_prior(na, nb, cb) : 0;
	float *sc = sv_malloc(bd->cells * sizeof(*sc));
	uint8_t *bp = sv_malloc(bd->cells * sizeof(*bp));
	/* the RU sets ending at row i, spread in dense arrays (first pass) */
	size_t nk = a->keys.n;
	float *mark = *filled ? NULL : sv_calloc((size_t)maxm * nk, sizeof(*mark));
	for (size_t i = 0; i <= n; i++) {
		if (mark)
			for (int na = 1; na <= maxm && na <= (int)i; na++)
				al_mark(a, &r->lv[na - 1][i - 1], mark + (size_t)(na - 1) * nk, 1);
		for (size_t j = bd->lo[i]; j <= bd->hi[i]; j++) {
			size_t c = bd->off[i] + (j - bd->lo[i]);
			double best = (i == 0 && j == 0) ? 0 : -HUGE_VAL;
			uint8_t arg = 0;
			for (int na = 0; na <= maxm && na <= (int)i; na++) {
				size_t pi = i - (size_t)na;
				for (int nb = 0; nb <= maxm && nb <= (int)j; nb++) {
					if (!na && !nb)
						continue;
					if (na && nb && na + nb > 4 && !(na == 2 && nb == 2))
						continue;
					if ((!na && nb > 1) || (!nb && na > 1))
						continue;
					size_t pj = j - (size_t)nb;
					if (pj < bd->lo[pi] || pj > bd->hi[pi])
						continue;
					double prev = sc[bd->off[pi] + (pj - bd->lo[pi])];
					if (prev == -HUGE_VAL)
						continue;
					double g = 0;
					if (na && nb) {
						float *slot = &cache[c * (size_t)stride + (size_t)bead_slot(na, nb)];
						if (!*filled)
							*slot = (float)bead_base(a, r, b, i, j, na, nb, cb,
										 mark + (size_t)(na - 1) * nk,
										 NULL);
						g = *slot + prior[na][nb];
					}
					if (prev + g > best) {
						best = prev + g;
						arg = (uint8_t)(na * 4 + nb);
					}
				}
			}
			sc[c] = (float)best;
			bp[c] = arg;
		}
		if (mark)
			for (int na = 1; na <= maxm && na <= (int)i; na++)
				al_mark(a, &r->lv[na - 1][i - 1], mark + (size_t)(na - 1) * nk, 0);
	}
	free(mark);
	*filled = 1;
	/* backtrace */
	size_t i = n, j = m, start = out->n;
	while (i > 0 || j > 0) {
		size_t c = bd->off[i] + (j - bd->lo[i]);
		int na = bp[c] / 4, nb = bp[c] % 4;
		if (!na && !nb)
			break; /* unreachable cell: cannot happen with a fixed band */
		if (na && nb) {
			double s;
			bead_base(a, r, b, i, j, na, nb, cb, NULL, &s);
			al_link_add(out, ru0 + (uint32_t)(i - (size_t)na), (uint32_t)na,
				    bg0 + (uint32_t)(j - (size_t)nb), (uint32_t)nb, (float)s, 0,
				    method);
		}
		i -= (size_t)na;
		j -= (size_t)nb;
	}
	/* reverse into document order */
	for (size_t x = start, y = out->n; x + 1 < y; x++, y--) {
		struct sv_align_link tmp = out->v[x];
		out->v[x] = out->v[y - 1];
		out->v[y - 1] = tmp;
	}
	free(sc);
	free(bp);
}

static int cmp_dbl(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

void al_tail(double *v, size_t k, double pct, double *q, double *lam, double *mean)
{
	*q = 0.15;
	*lam = 0.05;
	*mean = 0.05;
	if (k >= 8) {
		qsort(v, k, sizeof(*v), cmp_dbl);
		*q = v[(size_t)(pct * (double)(k - 1))];
		double med = v[k / 2], ex = 0, sum = 0;
		size_t ne = 0;
		for (size_t x = 0; x < k; x++)
			sum += v[x];
		for (size_t x = k / 2; x < k; x++) {
			ex += v[x] - med;
			ne++;
		}
		*mean = sum / (double)k;
		*lam = ne ? ex / (double)ne : *lam;
	}
	if (*lam < 0.01)
		*lam = 0.01;
}


double al_skip_level(struct sv_align *a, const struct al_doc *ru, const struct al_doc *bg,
		     const struct sv_align_opts *o, int shuffled, double *bg_mean, double *scale)
{
	size_t n = ru->n, m = bg->n;
	if (!n || !m) {
		if (bg_mean)
			*bg_mean = 0;
		if (scale)
			*scale = 0.05;
		return 1.0;
	}
	/* pairs far from the diagonal (or any pair when the order means
	 * nothing): an upper percentile of their similarities */
	size_t max = 4000, k = 0;
	double *v = sv_malloc(max * sizeof(*v));
	double span = (double)(n > m ? n : m);
	double excl = shuffled ? -1 : fmax(3.0, 0.1 * span);
	uint64_t seed = 0x9e3779b97f4a7c15ULL ^ (n * 31 + m);
	int exhaustive = n * m <= max;
	for (size_t tries = 0; k < max && tries < max * 4; tries++) {
		size_t i, j;
		if (exhaustive) {
			if (tries >= n * m)
				break;
			i = tries / m;
			j = tries % m;
		} else {
			i = al_lcg(&seed) % n;
			j = al_lcg(&seed) % m;
		}
		double d = fabs((double)j - (double)i * (double)m / (double)n);
		if (d <= excl)
			continue;
		struct al_set x, y;
		al_set_of(a, ru->first + i, &x);
		al_set_of(a, bg->first + j, &y);
		v[k++] = al_sim(a, &x, &y);
	}
	double t = 0.15, mean = 0.05, lam = 0.05;
	if (k >= 8) {
		qsort(v, k, sizeof(*v), cmp_dbl);
		double pct = o->skip_pct;
		if (shuffled) {
			/* most of these pairs are unrelated but a few are partners: a
			 * robust spread above the median instead of a percentile */
			double med = v[k / 2];
			double *dev = sv_malloc(k * sizeof(*dev));
			for (size_t x = 0; x < k; x++)
				dev[x] = fabs(v[x] - med);
			qsort(dev, k, sizeof(*dev), cmp_dbl);
			double mad = 1.4826 * dev[k / 2];
			free(dev);
			t = med + 3.0 * mad;
			double p = v[(size_t)(0.75 * (double)(k - 1))];
			if (t < p)
				t = p;
		} else {
			t = v[(size_t)(pct * (double)(k - 1))];
		}
		mean = 0;
		for (size_t x = 0; x < k; x++)
			mean += v[x];
		mean /= (double)k;
		/* tail scale: mean excess over the median of the upper half */
		double med = v[k / 2], ex = 0;
		size_t ne = 0;
		for (size_t x = k / 2; x < k; x++) {
			ex += v[x] - med;
			ne++;
		}
		lam = ne ? ex / (double)ne : lam;
	}
	if (lam < 0.01)
		lam = 0.01;
	if (scale)
		*scale = lam;
	free(v);
	t *= o->skip_scale;
	if (t < 0.05)
		t = 0.05;
	if (bg_mean)
		*bg_mean = mean;
	return t;
}

static int cmp_flt_desc(const void *x, const void *y)
{
	float a = *(const float *)x, b = *(const float *)y;
	return a > b ? -1 : a < b;
}

/* Keeps the k heaviest concepts of a set (in place, still sorted). */
#define COARSE_KEYS 4 /* per sentence of a block */
static void keep_top(const struct sv_align *a, uint32_t *k, struct al_set *o, size_t max)
{
	if (o->n <= max)
		return;
	float *w = sv_malloc(o->n * sizeof(*w));
	for (uint32_t i = 0; i < o->n; i++)
		w[i] = a->w[k[i]];
	/* the max-th largest weight */
	float *t = sv_malloc(o->n * sizeof(*t));
	memcpy(t, w, o->n * sizeof(*t));
	qsort(t, o->n, sizeof(*t), cmp_flt_desc);
	float cut = t[max - 1];
	size_t u = 0;
	memset(o->wc, 0, sizeof(o->wc));
	for (uint32_t i = 0; i < o->n && u < max; i++)
		if (w[i] >= cut) {
			k[u++] = k[i];
			o->wc[a->cls[k[i]]] += w[i];
		}
	o->n = (uint32_t)u;
	free(w);
	free(t);
}

/* Position priors of the coarse pass, in units of the block skip level t:
 * a skipped block costs COARSE_SKIP, a linked block pair COARSE_DEV for
 * each block it lies off the proportional diagonal. In repeated text a copy
 * one cycle away can match a little better than the true blocks (their
 * sentence boundaries fall in a better phase), and without these costs the
 * path drifts to it: a true path needs few skips and stays near the
 * diagonal, a drift to a copy and back needs two cycles of skips and a
 * cycle of offset on every block row in between. */
#define COARSE_SKIP 1.0
#define COARSE_DEV 0.01
/* Random BG blocks the block skip level is measured against. */
#define COARSE_DRAWS 64

/* Coarse pass for long documents: blocks of bs sentences, 1-1 and skips
 * only, in a band around the proportional diagonal; sets the fine band. */
static void coarse_band(struct sv_align *a, const struct al_doc *ru, const struct al_doc *bg,
			struct band *bd)
{
	size_t n = ru->n, m = bg->n;
	size_t big = n > m ? n : m;
	size_t bs = (big + 799) / 800;
	if (bs < 4)
		bs = 4;
	size_t nb = (n + bs - 1) / bs, mb = (m + bs - 1) / bs;
	struct al_set *rs = sv_calloc(nb, sizeof(*rs)), *bs_ = sv_calloc(mb, sizeof(*bs_));
	uint32_t **store = sv_calloc(nb + mb, sizeof(*store));
	size_t *caps = sv_calloc(nb + mb, sizeof(*caps));
	struct al_set *parts = sv_malloc(bs * sizeof(*parts));
	const struct al_set **pp = sv_malloc(bs * sizeof(*pp));
	for (size_t side = 0; side < 2; side++) {
		const struct al_doc *d = side ? bg : ru;
		size_t cnt = side ? mb : nb;
		for (size_t x = 0; x < cnt; x++) {
			size_t s0 = x * bs, s1 = s0 + bs > d->n ? d->n : s0 + bs;
			for (size_t s = s0; s < s1; s++) {
				al_set_of(a, d->first + s, &parts[s - s0]);
				pp[s - s0] = &parts[s - s0];
			}
			size_t si = side ? nb + x : x;
			struct al_set *o = side ? &bs_[x] : &rs[x];
			al_set_merge(a, pp, s1 - s0, &store[si], &caps[si], o);
			keep_top(a, store[si], o, COARSE_KEYS * bs);
		}
	}
	/* block skip level: a high percentile of the similarities of RU blocks
	 * with COARSE_DRAWS blocks of BG sentences drawn at random. Off-diagonal
	 * blocks of the document itself would not do: in repeated text
	 * (boilerplate, reprints) many of them are copies, the level rises to
	 * that of true blocks and the path drifts to a copy one cycle away. */
	double t;
	{
		size_t max = 2000;
		double *v = sv_malloc(max * sizeof(*v));
		struct al_set drawn[COARSE_DRAWS];
		uint32_t *dstore[COARSE_DRAWS] = { 0 };
		size_t dcap[COARSE_DRAWS] = { 0 };
		uint64_t seed = 12345;
		for (size_t x = 0; x < COARSE_DRAWS; x++) {
			for (size_t s = 0; s < bs; s++) {
				al_set_of(a, bg->first + al_lcg(&seed) % m, &parts[s]);
				pp[s] = &parts[s];
			}
			al_set_merge(a, pp, bs, &dstore[x], &dcap[x], &drawn[x]);
			keep_top(a, dstore[x], &drawn[x], COARSE_KEYS * bs);
		}
		for (size_t k = 0; k < max; k++)
			v[k] = al_sim(a, &rs[al_lcg(&seed) % nb], &drawn[k % COARSE_DRAWS]);
		qsort(v, max, sizeof(*v), cmp_dbl);
		t = v[(size_t)(0.95 * (double)(max - 1))];
		free(v);
		for (size_t x = 0; x < COARSE_DRAWS; x++)
			free(dstore[x]);
	}
	/* coarse DP in a band of +-w blocks around the proportional diagonal */
	size_t w = nb > mb ? nb - mb : mb - nb;
	w += 40 + (nb > mb ? nb : mb) / 10;
	size_t *lo = sv_malloc((nb + 1) * sizeof(*lo)), *hi = sv_malloc((nb + 1) * sizeof(*hi));
	size_t *off = sv_malloc((nb + 1) * sizeof(*off));
	size_t cells = 0;
	for (size_t i = 0; i <= nb; i++) {
		double c = (double)i * (double)mb / (double)nb;
		lo[i] = c > (double)w ? (size_t)(c - (double)w) : 0;
		hi[i] = (size_t)(c + (double)w) > mb ? mb : (size_t)(c + (double)w);
		if (i == nb)
			hi[i] = mb;
		off[i] = cells;
		cells += hi[i] - lo[i] + 1;
	}
	float *sc = sv_malloc(cells * sizeof(*sc));
	uint8_t *bp = sv_malloc(cells * sizeof(*bp));
	float *mark = sv_calloc(a->keys.n, sizeof(*mark));
	double skip = COARSE_SKIP * t, dev = COARSE_DEV * t;
	double diag_slope = (double)mb / (double)nb;
	for (size_t i = 0; i <= nb; i++) {
		if (i)
			al_mark(a, &rs[i - 1], mark, 1);
		for (size_t j = lo[i]; j <= hi[i]; j++) {
			double best = (i == 0 && j == 0) ? 0 : -HUGE_VAL;
			uint8_t arg = 0;
			if (i && j >= lo[i - 1] && j <= hi[i - 1]) {
				double p = sc[off[i - 1] + j - lo[i - 1]] - skip;
				if (p > best) {
					best = p;
					arg = 1;
				}
			}
			if (j > lo[i]) {
				double p = sc[off[i] + j - 1 - lo[i]] - skip;
				if (p > best) {
					best = p;
					arg = 2;
				}
			}
			if (i && j && j - 1 >= lo[i - 1] && j - 1 <= hi[i - 1]) {
				double p = sc[off[i - 1] + j - 1 - lo[i - 1]];
				if (p != -HUGE_VAL) {
					double off_diag = fabs((double)j - diag_slope * (double)i);
					p += al_sim_marked(a, mark, &rs[i - 1], &bs_[j - 1]) - t -
					     dev * off_diag;
					if (p > best) {
						best = p;
						arg = 3;
					}
				}
			}
			sc[off[i] + j - lo[i]] = (float)best;
			bp[off[i] + j - lo[i]] = arg;
		}
		if (i)
			al_mark(a, &rs[i - 1], mark, 0);
	}
	free(mark);
	/* the fine band: each sentence row spans the BG blocks its block row
	 * touches on the coarse path, widened by one block */
	size_t *jmin = sv_malloc((nb + 1) * sizeof(*jmin)), *jmax = sv_malloc((nb + 1) * sizeof(*jmax));
	for (size_t i = 0; i <= nb; i++) {
		jmin[i] = (size_t)-1;
		jmax[i] = 0;
	}
	{
		size_t i = nb, j = mb;
		for (;;) {
			if (j < jmin[i])
				jmin[i] = j;
			if (j > jmax[i])
				jmax[i] = j;
			if (!i && !j)
				break;
			uint8_t arg = bp[off[i] + j - lo[i]];
			if (arg == 1)
				i--;
			else if (arg == 2)
				j--;
			else if (arg == 3) {
				i--;
				j--;
			} else
				break;
		}
	}
	for (size_t i = 0; i <= n; i++) {
		/* prefix i lies between block rows i / bs and (i + bs - 1) / bs */
		size_t b0 = i / bs, b1 = (i + bs - 1) / bs;
		if (b1 > nb)
			b1 = nb;
		size_t mn = jmin[b0] < jmin[b1] ? jmin[b0] : jmin[b1];
		size_t mx = jmax[b0] > jmax[b1] ? jmax[b0] : jmax[b1];
		if (mn == (size_t)-1)
			mn = 0;
		mn = mn * bs;
		mx = mx * bs;
		bd->lo[i] = mn > bs / 2 + 8 ? mn - bs / 2 - 8 : 0;
		bd->hi[i] = mx + bs / 2 + 8;
	}
	free(jmin);
	free(jmax);
	free(sc);
	free(bp);
	free(lo);
	free(hi);
	free(off);
	for (size_t x = 0; x < nb + mb; x++)
		free(store[x]);
	free(store);
	free(caps);
	free(parts);
	free(pp);
	free(rs);
	free(bs_);
}

/* A band of +-NARROW columns around the path of 1-1 links (interpolated
 * over unlinked rows). */
#define NARROW 5
static void narrow_band(const struct sv_align_links *path, size_t n, size_t m, struct band *bd)
{
	size_t pi = 0, pj = 0, q = 0;
	for (size_t i = 0; i <= n; i++) {
		while (q < path->n && path->v[q].ru + 1 < i)
			q++;
		size_t ni = n, nj = m;
		if (q < path->n) {
			ni = path->v[q].ru + 1;
			nj = path->v[q].bg + 1;
		}
		if (q > 0) {
			pi = path->v[q - 1].ru + 1;
			pj = path->v[q - 1].bg + 1;
		}
		double c;
		if (i >= ni)
			c = (double)nj;
		else if (ni > pi)
			c = (double)pj + (double)(nj - pj) * (double)(i - pi) / (double)(ni - pi);
		else
			c = (double)pj;
		double lo = c - NARROW, hi = c + NARROW;
		bd->lo[i] = lo < 0 ? 0 : (size_t)lo;
		bd->hi[i] = hi > (double)m ? m : (size_t)hi;
	}
}

int al_monotone(struct sv_align *a, const struct al_doc *ru, const struct al_doc *bg,
		const struct sv_align_opts *o, struct sv_align_links *out)
{
	size_t n = ru->n, m = bg->n;
	int maxm = o->max_merge < 2 ? 2 : o->max_merge > MAXM ? MAXM : o->max_merge;
	struct calib cb;
	cb.q = al_skip_level(a, ru, bg, o, 0, NULL, &cb.lam);
	cb.b0 = log(1.0 - PI0) - 2.0 * log(PI0);
	cb.conf = 0; /* the priors are estimated without the confidence margin */
	cb.p12 = P_12;
	cb.p22 = P_22;
	cb.p13 = P_13;
	struct side r, b;
	side_build(a, ru, maxm, &r);
	side_build(a, bg, maxm, &b);
	struct band bd;
	bd.lo = sv_malloc((n + 1) * sizeof(size_t));
	bd.hi = sv_malloc((n + 1) * sizeof(size_t));
	bd.off = sv_malloc((n + 1) * sizeof(size_t));
	if ((n + 1) * (m + 1) <= 1500000 || n < 64 || m < 64) {
		for (size_t i = 0; i <= n; i++) {
			bd.lo[i] = 0;
			bd.hi[i] = m;
		}
	} else {
		/* coarse blocks give a wide band; a 1-1 pass in it gives a path;
		 * the full bead DP runs in a narrow band around that path */
		coarse_band(a, ru, bg, &bd);
		band_fix(&bd, n, m);
		float *c1 = sv_malloc(bd.cells * sizeof(*c1));
		int f1 = 0;
		struct sv_align_links path = SV_ALIGN_LINKS_INIT;
		dp_run(a, &r, &b, &bd, 1, &cb, 0, 0, SV_ALIGN_MONOTONE, c1, 1, &f1, &path);
		free(c1);
		narrow_band(&path, n, m, &bd);
		sv_align_links_release(&path);
	}
	band_fix(&bd, n, m);
	/* the prior of linking follows the share of sentences that find a
	 * partner: estimated from a first pass, then the pass is redone */
	size_t start = out->n;
	float *cache = sv_malloc(bd.cells * NSLOT * sizeof(*cache));
	int filled = 0;
	for (int it = 0; it < MAX_ITERS; it++) {
		out->n = start;
		dp_run(a, &r, &b, &bd, maxm, &cb, 0, 0, SV_ALIGN_MONOTONE, cache, NSLOT, &filled, out);
		size_t cov = 0, n11 = 0, n12 = 0, n22 = 0, n13 = 0;
		for (size_t q = start; q < out->n; q++) {
			const struct sv_align_link *l = &out->v[q];
			cov += l->nru + l->nbg;
			if (l->nru + l->nbg == 2)
				n11++;
			else if (l->nru + l->nbg == 3)
				n12++;
			else if (l->nru == 2 && l->nbg == 2)
				n22++;
			else
				n13++;
		}
		/* Gale-Church priors re-estimated on this pair, with the defaults
		 * as 20 pseudo-beads */
		double tot = (double)(n11 + n12 + n22 + n13) + 20.0;
		double f11 = ((double)n11 + 20.0 * 0.89) / tot;
		cb.p12 = log(f11 / (((double)n12 + 20.0 * 0.089) / tot));
		cb.p22 = log(f11 / (((double)n22 + 20.0 * 0.011) / tot));
		cb.p13 = log(f11 / (((double)n13 + 20.0 * 0.0067) / tot));
		/* the share of orphans, shrunk towards PI0 by PI_W pseudo-sentences
		 * so that short documents do not swing it */
		double pi = ((double)(n + m - cov) + PI_W * PI0) / ((double)(n + m) + PI_W);
		if (pi < 0.02)
			pi = 0.02;
		/* a 1-1 bead against two skip beads, as in Gale-Church */
		double b0 = log(1.0 - pi) - 2.0 * log(pi);
		if (b0 < 0)
			b0 = 0;
		int done = fabs(b0 - cb.b0) < 0.1 || it + 1 == MAX_ITERS;
		cb.b0 = b0;
		if (done)
			break;
	}
	/* the links themselves must clear the confidence margin */
	if (CONF > 0) {
		cb.conf = CONF;
		out->n = start;
		dp_run(a, &r, &b, &bd, maxm, &cb, 0, 0, SV_ALIGN_MONOTONE, cache, NSLOT, &filled, out);
	}
	free(cache);
	free(bd.lo);
	free(bd.hi);
	free(bd.off);
	side_free(&r);
	side_free(&b);
	return SV_OK;
}
