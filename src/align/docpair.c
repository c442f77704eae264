/* Document pairing: TF-IDF cosine over concepts (cognate keys joined by the
 * lexicon, so names, numbers and cognates all count), scaled by date
 * proximity when both dates are known; each document's best partner and any
 * other partner close to it. */
#include "align/align-int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct ent {
	uint32_t doc;
	float w;
};

static int cmp_pair(const void *x, const void *y)
{
	const struct sv_align_docpair *a = x, *b = y;
	if (a->ru != b->ru)
		return a->ru < b->ru ? -1 : 1;
	return a->score > b->score ? -1 : a->score < b->score;
}

/* Pairing cost stays near-linear in the documents: a RU document whose
 * concepts' BG posting lists hold more than DOC_EXACT_WORK entries in all
 * (common words in a large collection) is scored exactly against only its
 * DOC_TOP_K best candidates, found over its rarest concepts' postings up to
 * DOC_CAND_WORK entries. Below that (every document of a collection of a few
 * hundred) all BG documents sharing a concept are scored, as they always
 * were. */
#define DOC_EXACT_WORK 65536
#define DOC_CAND_WORK 32768
#define DOC_TOP_K 128

struct doc_cand {
	uint32_t doc;
	float partial; /* the score over the concepts the candidates came from */
};

struct doc_conc {
	uint32_t len; /* BG documents holding the concept */
	uint32_t q;   /* its entry in the RU document's vector */
};

static int cmp_conc(const void *x, const void *y)
{
	const struct doc_conc *a = x, *b = y;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return a->q < b->q ? -1 : a->q > b->q;
}

/* the class weights of a pair's score: words decide, shared names say "same
 * event", numbers anchor */
static const double doc_cls_w[AL_NCLS] = { 0.5, 0.15, 0.35 };

/* Scores RU document d against BG document b from their per-class dot
 * products pc and appends the pair when it clears the floor. */
static void doc_pair_add(const struct sv_align *a, const struct sv_align_opts *opts, size_t d,
			 uint32_t b, const uint8_t *has, const float *pc, float *bestbg,
			 struct sv_align_docpair **all, size_t *nall, size_t *acap)
{
	double s = 0, ws = 0;
	for (int k = 0; k < AL_NCLS; k++)
		if (has[d * AL_NCLS + k] && has[b * AL_NCLS + k]) {
			s += doc_cls_w[k] * pc[k];
			ws += doc_cls_w[k];
		}
	s = ws > 0 ? s / ws : 0;
	const struct al_doc *rd = &a->docs[d], *bd = &a->docs[b];
	if (rd->day >= 0 && bd->day >= 0 && opts->date_days > 0) {
		double dd = (double)(rd->day - bd->day) / opts->date_days;
		s *= 0.5 + 0.5 / (1.0 + dd * dd);
	}
	if (s < opts->doc_floor)
		return;
	SV_GROW(*all, *acap, *nall + 1);
	(*all)[*nall] = (struct sv_align_docpair){ .ru = d, .bg = b, .score = (float)s };
	(*nall)++;
	if (s > bestbg[b])
		bestbg[b] = (float)s;
}

/* Sift-down in a min-heap of candidates by partial score. */
static void cand_sift(struct doc_cand *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i;
		if (l < n && h[l].partial < h[m].partial)
			m = l;
		if (l + 1 < n && h[l + 1].partial < h[m].partial)
			m = l + 1;
		if (m == i)
			return;
		struct doc_cand t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

/* The DOC_TOP_K BG documents with the highest partial scores over the RU
 * vector entries q0..q1, rarest concepts first until DOC_CAND_WORK postings
 * are read (at least one concept). acc, touched and seen are scratch, left
 * clear; order has room for q1 - q0 entries. */
static size_t doc_candidates(const struct sv_align *a, const uint32_t *vk, const float *vw,
			     size_t q0, size_t q1, const uint32_t *cnt, const struct ent *post,
			     float *acc, uint32_t *touched, uint8_t *seen, struct doc_conc *order,
			     struct doc_cand *cand)
{
	size_t no = 0;
	for (size_t q = q0; q < q1; q++)
		order[no++] = (struct doc_conc){ cnt[vk[q] + 1] - cnt[vk[q]], (uint32_t)q };
	qsort(order, no, sizeof(*order), cmp_conc);
	size_t nt = 0, work = 0;
	for (size_t o = 0; o < no && (o == 0 || work + order[o].len <= DOC_CAND_WORK); o++) {
		size_t q = order[o].q;
		float w = (float)(vw[q] * doc_cls_w[a->cls[vk[q]]]);
		work += order[o].len;
		for (uint32_t p = cnt[vk[q]]; p < cnt[vk[q] + 1]; p++) {
			uint32_t b = post[p].doc;
			if (!seen[b]) {
				seen[b] = 1;
				touched[nt++] = b;
			}
			acc[b * AL_NCLS] += w * post[p].w;
		}
	}
	size_t nc = 0;
	for (size_t x = 0; x < nt; x++) {
		uint32_t b = touched[x];
		struct doc_cand c = { b, acc[b * AL_NCLS] };
		acc[b * AL_NCLS] = 0;
		seen[b] = 0;
		if (nc < DOC_TOP_K) {
			cand[nc++] = c;
			if (nc == DOC_TOP_K)
				for (size_t i = nc / 2; i-- > 0;)
					cand_sift(cand, nc, i);
		} else if (c.partial > cand[0].partial) {
			cand[0] = c;
			cand_sift(cand, nc, 0);
		}
	}
	return nc;
}

int sv_align_docs(struct sv_align *a, const struct sv_align_opts *opts,
		  struct sv_align_docpairs *out, struct sv_error *err)
{
	struct sv_align_opts def;
	if (!opts) {
		sv_align_opts_init(&def);
		opts = &def;
	}
	out->n = 0;
	al_finalise(a);
	size_t nd = a->ndocs, nk = a->keys.n;
	/* concept -> per-document sentence counts, via a sort of (concept, doc) */
	uint32_t *ddf = sv_calloc(nk, sizeof(*ddf));
	uint32_t *last = sv_malloc(nk * sizeof(*last));
	for (size_t k = 0; k < nk; k++)
		last[k] = UINT32_MAX;
	for (size_t d = 0; d < nd; d++) {
		const struct al_doc *doc = &a->docs[d];
		for (size_t s = doc->first; s < doc->first + doc->n; s++) {
			const struct al_sent *t = &a->sents[s];
			for (uint32_t q = 0; q < t->n; q++) {
				uint32_t c = a->fk[t->off + q];
				if (last[c] != d) {
					last[c] = (uint32_t)d;
					ddf[c]++;
				}
			}
		}
	}
	/* sparse document vectors */
	uint8_t *has = sv_calloc(nd * AL_NCLS, 1);
	size_t *voff = sv_malloc((nd + 1) * sizeof(*voff));
	uint32_t *vk = NULL;
	float *vw = NULL;
	size_t vn = 0, vcap = 0, vcap2 = 0;
	uint32_t *tf = sv_calloc(nk, sizeof(*tf));
	uint32_t *list = NULL;
	size_t lcap = 0;
	for (size_t d = 0; d < nd; d++) {
		const struct al_doc *doc = &a->docs[d];
		size_t nl = 0;
		voff[d] = vn;
		for (size_t s = doc->first; s < doc->first + doc->n; s++) {
			const struct al_sent *t = &a->sents[s];
			for (uint32_t q = 0; q < t->n; q++) {
				uint32_t c = a->fk[t->off + q];
				if (!tf[c]++) {
					SV_GROW(list, lcap, nl + 1);
					list[nl++] = c;
				}
			}
		}
		double norm[AL_NCLS] = { 0 };
		SV_GROW(vk, vcap, vn + nl + 1);
		SV_GROW(vw, vcap2, vn + nl + 1);
		for (size_t q = 0; q < nl; q++) {
			uint32_t c = list[q];
			double idf = log(((double)nd + 1.0) / ((double)ddf[c] + 0.5));
			double w = (1.0 + log((double)tf[c])) * idf;
			tf[c] = 0;
			vk[vn] = c;
			vw[vn] = (float)w;
			vn++;
			norm[a->cls[c]] += w * w;
		}
		/* one unit vector per class: words, numbers, names */
		for (int k = 0; k < AL_NCLS; k++) {
			norm[k] = norm[k] > 0 ? 1.0 / sqrt(norm[k]) : 0;
			has[d * AL_NCLS + k] = norm[k] > 0;
		}
		for (size_t q = voff[d]; q < vn; q++)
			vw[q] = (float)(vw[q] * norm[a->cls[vk[q]]]);
	}
	voff[nd] = vn;
	/* inverted index over BG documents */
	uint32_t *cnt = sv_calloc(nk + 1, sizeof(*cnt));
	for (size_t d = 0; d < nd; d++)
		if (a->docs[d].lang == SV_LANG_BG)
			for (size_t q = voff[d]; q < voff[d + 1]; q++)
				cnt[vk[q] + 1]++;
	for (size_t k = 1; k <= nk; k++)
		cnt[k] += cnt[k - 1];
	struct ent *post = sv_malloc((cnt[nk] + 1) * sizeof(*post));
	uint32_t *fill = sv_malloc((nk + 1) * sizeof(*fill));
	memcpy(fill, cnt, (nk + 1) * sizeof(*fill));
	for (size_t d = 0; d < nd; d++)
		if (a->docs[d].lang == SV_LANG_BG)
			for (size_t q = voff[d]; q < voff[d + 1]; q++) {
				struct ent *e = &post[fill[vk[q]]++];
				e->doc = (uint32_t)d;
				e->w = vw[q];
			}
	free(fill);
	/* scores: dot products, date factor */
	float *acc = sv_calloc(nd * AL_NCLS, sizeof(*acc));
	uint32_t *touched = sv_malloc((nd + 1) * sizeof(*touched));
	uint8_t *seen = sv_calloc(nd, 1);
	float *bestbg = sv_calloc(nd, sizeof(*bestbg)); /* per BG doc: its best RU score */
	struct sv_align_docpair *all = NULL;
	size_t nall = 0, acap = 0;
	struct doc_cand *cand = sv_malloc((DOC_TOP_K + 1) * sizeof(*cand));
	struct doc_conc *order = NULL;
	size_t ocap = 0;
	float *rw = sv_calloc(nk, sizeof(*rw));
	for (size_t d = 0; d < nd; d++) {
		const struct al_doc *rd = &a->docs[d];
		if (rd->lang != SV_LANG_RU)
			continue;
		size_t work = 0;
		for (size_t q = voff[d]; q < voff[d + 1]; q++)
			work += cnt[vk[q] + 1] - cnt[vk[q]];
		if (work > DOC_EXACT_WORK) {
			SV_GROW(order, ocap, voff[d + 1] - voff[d] + 1);
			size_t nc = doc_candidates(a, vk, vw, voff[d], voff[d + 1], cnt, post, acc,
						   touched, seen, order, cand);
			for (size_t q = voff[d]; q < voff[d + 1]; q++)
				rw[vk[q]] = vw[q];
			for (size_t x = 0; x < nc; x++) {
				uint32_t b = cand[x].doc;
				float pc[AL_NCLS] = { 0 };
				for (size_t q = voff[b]; q < voff[b + 1]; q++)
					pc[a->cls[vk[q]]] += rw[vk[q]] * vw[q];
				doc_pair_add(a, opts, d, b, has, pc, bestbg, &all, &nall, &acap);
			}
			for (size_t q = voff[d]; q < voff[d + 1]; q++)
				rw[vk[q]] = 0;
			continue;
		}
		size_t nt = 0;
		for (size_t q = voff[d]; q < voff[d + 1]; q++)
			for (uint32_t p = cnt[vk[q]]; p < cnt[vk[q] + 1]; p++) {
				uint32_t b = post[p].doc;
				if (!seen[b]) {
					seen[b] = 1;
					touched[nt++] = b;
				}
				acc[b * AL_NCLS + a->cls[vk[q]]] += vw[q] * post[p].w;
			}
		for (size_t q = 0; q < nt; q++) {
			uint32_t b = touched[q];
			doc_pair_add(a, opts, d, b, has, &acc[b * AL_NCLS], bestbg, &all, &nall,
				     &acap);
			memset(&acc[b * AL_NCLS], 0, AL_NCLS * sizeof(*acc));
			seen[b] = 0;
		}
	}
	free(cand);
	free(order);
	free(rw);
	if (nall > 1)
		qsort(all, nall, sizeof(*all), cmp_pair);
	for (size_t q = 0; q < nall;) {
		size_t e = q;
		while (e < nall && all[e].ru == all[q].ru)
			e++;
		float top = all[q].score;
		for (size_t x = q; x < e; x++) {
			struct sv_align_docpair p = all[x];
			if (x == q)
				p.best |= 1;
			if (p.score >= bestbg[p.bg])
				p.best |= 2;
			if (!p.best && (p.score < opts->doc_threshold || p.score < opts->doc_ratio * top))
				continue;
			SV_GROW(out->v, out->cap, out->n + 1);
			out->v[out->n++] = p;
		}
		q = e;
	}
	free(all);
	free(bestbg);
	free(acc);
	free(touched);
	free(seen);
	free(has);
	free(post);
	free(cnt);
	free(tf);
	free(list);
	free(vk);
	free(vw);
	free(voff);
	free(last);
	free(ddf);
	(void)err;
	return SV_OK;
}
