/* The pairing model as the terms job drives it: open, segments in, extraction, aligned units
 * and document pairs in, pairing, and the result as a termbase refresh. */
#include "terms/terms-int.h"

#include <stdlib.h>
#include <string.h>

#include "store/terms-store.h"

/* Concepts join the terms of a pair best for one of them from this score on (docs/TERMS.md,
 * "Concepts"). */
#define TM_CONCEPT_MIN_SCORE 0.5
/* Phrases kept without a partner: seen this often, with a positive C-value. */
#define TM_ALONE_MIN_FREQ 3
/* On more segments than this a language's candidates must be seen twice (docs/TERMS.md,
 * "Monolingual candidates"). */
#define TM_PRUNE_ABOVE_SEGMENTS 2000
#define SEG_WHERE_FIRST_CAP 1024

struct sv_terms {
	struct tm_model m;
};

int sv_terms_open(struct sv_text *t, const struct sv_terms_opts *opts, struct sv_terms **out,
		  struct sv_error *err)
{
	struct sv_terms *tm = sv_malloc(sizeof(*tm));
	tm_model_init(&tm->m, t, opts);
	int rc = tm_lexicon_load(&tm->m.lx, &tm->m.opts, err);
	if (rc) {
		sv_terms_close(tm);
		tm = NULL;
	}
	*out = tm;
	return rc;
}

void sv_terms_close(struct sv_terms *tm)
{
	if (!tm)
		return;
	tm_model_release(&tm->m);
	free(tm);
}

void sv_terms_segment_add(struct sv_terms *tm, enum sv_lang lang, int64_t id, int64_t doc,
			  const char *text)
{
	struct tm_model *m = &tm->m;
	if ((lang != SV_LANG_RU && lang != SV_LANG_BG) || id < 0 || id > (int64_t)UINT32_MAX / 2)
		return;
	int s = tm_side_of(lang);
	uint32_t k = tm_side_segment(&m->side[s], text, (uint32_t)doc, id);
	if ((size_t)id >= m->nseg_where) {
		size_t ncap = m->nseg_where ? m->nseg_where : SEG_WHERE_FIRST_CAP;
		while (ncap <= (size_t)id)
			ncap *= 2;
		m->seg_where = sv_realloc(m->seg_where, ncap * sizeof(uint32_t));
		memset(m->seg_where + m->nseg_where, 0, (ncap - m->nseg_where) * sizeof(uint32_t));
		m->nseg_where = ncap;
	}
	m->seg_where[id] = (k + 1) | (s == TM_BG ? TM_WHERE_BG : 0);
}

int sv_terms_extract(struct sv_terms *tm, struct sv_terms_stats *stats, struct sv_error *err)
{
	struct tm_model *m = &tm->m;
	struct sv_tokens toks = { 0 };
	int rc = SV_OK;
	for (int s = 0; s < 2 && !rc; s++)
		for (size_t i = 0; i < m->side[s].nseg && !rc; i++)
			rc = tm_vote_segment(&m->side[s], m->text, (uint32_t)i, &toks, err);
	for (int s = 0; s < 2 && !rc; s++)
		for (size_t i = 0; i < m->side[s].nseg && !rc; i++)
			rc = tm_extract_segment(&m->side[s], m->text, (uint32_t)i, m->opts.max_words,
						&toks, err);
	if (rc)
		goto out;
	for (int s = 0; s < 2; s++) {
		struct tm_side *sd = &m->side[s];
		tm_side_cvalue(sd);
		tm_side_prune(sd, sd->nseg > TM_PRUNE_ABOVE_SEGMENTS ? 2 : 1);
		if (stats) {
			stats->segments[sd->lang] += sd->nseg;
			for (size_t i = 0; i < sd->nterms; i++)
				stats->candidates[sd->lang] += sd->terms[i].keep;
		}
		tm_side_seg_terms(m, s);
	}
out:
	sv_tokens_release(&toks);
	return rc;
}

void sv_terms_unit_add(struct sv_terms *tm, const int64_t *ru_segs, size_t nru,
		       const int64_t *bg_segs, size_t nbg)
{
	struct tm_model *m = &tm->m;
	if (!m->seg_term_off[TM_RU])
		return; /* before sv_terms_extract() */
	SV_GROW(m->units, m->capunits, m->nunits + 1);
	struct tm_unit *u = &m->units[m->nunits];
	const int64_t *segs[2] = { ru_segs, bg_segs };
	size_t nsegs[2] = { nru, nbg };
	for (int s = 0; s < 2; s++) {
		uint32_t cap = 0;
		u->lemmas[s] = NULL;
		tm_unit_side(m, s, segs[s], nsegs[s], (uint32_t)m->nunits, &u->lemmas[s],
			     &u->nlemmas[s], &cap);
	}
	m->nunits++;
}

void sv_terms_docpair_add(struct sv_terms *tm, int64_t ru_doc, int64_t bg_doc)
{
	struct tm_model *m = &tm->m;
	*sv_map64_add(&m->docpairs, (uint64_t)ru_doc << 32 | (uint32_t)bg_doc) = 1;
	m->ndocpairs++;
}

int sv_terms_pair(struct sv_terms *tm, struct sv_terms_stats *stats, struct sv_error *err)
{
	struct tm_model *m = &tm->m;
	if (!m->seg_term_off[TM_RU])
		return sv_error_set(err, SV_ESTORE, "pairing before extraction");
	tm_learn_words(m);
	for (size_t i = 0; i < m->nunits; i++) {
		free(m->units[i].lemmas[TM_RU]);
		free(m->units[i].lemmas[TM_BG]);
	}
	free(m->units);
	m->units = NULL;
	if (stats) {
		stats->units = m->nunits;
		stats->learnt = m->nlearnt;
	}
	m->nunits = m->capunits = 0;
	for (int s = 0; s < 2; s++) {
		tm_side_contexts(m, s);
		free(m->seg_term_off[s]);
		free(m->seg_term_ids[s]);
		m->seg_term_off[s] = m->seg_term_ids[s] = NULL;
	}
	int rc = tm_pair_sides(m, stats, err);
	/* what only the search for candidates needed */
	for (int s = 0; s < 2; s++) {
		tm_side_index_release(&m->side[s]);
		struct tm_trans_cache *tc = &m->trans_cache[s];
		for (size_t i = 0; i < tc->nlemmas; i++)
			free(tc->by_lemma[i]);
		free(tc->by_lemma);
		tc->by_lemma = NULL;
		tc->nlemmas = 0;
	}
	return rc;
}

/* ---- The result ------------------------------------------------------------------ */

static int cmp_pair_score(const void *x, const void *y)
{
	const struct tm_pair *a = x, *b = y;
	return a->score > b->score ? -1 : a->score < b->score;
}

/* The index of term i of side s in r (added on first use, in writing order); idx[s][i]
 * holds index + 1. */
static size_t result_term(struct tm_model *m, struct sv_termbase_refresh *r, size_t *cap,
			  size_t *idx[2], int s, uint32_t i)
{
	if (idx[s][i])
		return idx[s][i] - 1;
	const struct tm_side *sd = &m->side[s];
	const struct tm_term *t = &sd->terms[i];
	SV_GROW(r->terms, *cap, r->nterms + 1);
	struct sv_termbase_refresh_term *rt = &r->terms[r->nterms];
	memset(rt, 0, sizeof(*rt));
	rt->row = (struct sv_termbase_term){
		.lang = sv_lang_code(sd->lang),
		.lemma_key = t->key,
		.citation = t->citation ? t->citation : t->key,
		.kind = tm_kind_name(t->kind),
		.freq = t->nocc,
		.termhood = t->cvalue,
		/* a derived acronym is spelt from its long form, as a projection is */
		.origin = t->projected || t->derived ? "projected" : "align",
	};
	if (t->nocc) {
		/* the forms counted in a map (its order is the order they are written in),
		 * each map value the index of its first occurrence + 1 beside the count */
		struct sv_map forms = SV_MAP_INIT;
		uint32_t *count = sv_calloc(t->nocc, sizeof(uint32_t));
		for (uint32_t k = 0; k < t->nocc; k++) {
			const struct tm_occ *o = &t->occ[k];
			struct sv_map_slot *f = sv_map_add(&forms, sd->segtext[o->seg] + o->start,
							   o->len, NULL);
			if (!f->val)
				f->val = k + 1;
			count[f->val - 1]++;
		}
		rt->forms = sv_calloc(forms.len ? forms.len : 1, sizeof(*rt->forms));
		for (size_t k = 0; k < forms.cap; k++)
			if (forms.slots[k].key) {
				const struct tm_occ *o = &t->occ[forms.slots[k].val - 1];
				rt->forms[rt->nforms++] = (struct sv_termbase_form_count){
					sd->segtext[o->seg] + o->start, o->len,
					count[forms.slots[k].val - 1],
				};
			}
		free(count);
		sv_map_release(&forms);
	}
	idx[s][i] = ++r->nterms;
	return r->nterms - 1;
}

static void join_add(struct sv_termbase_refresh *r, size_t *cap, size_t a, size_t b)
{
	SV_GROW(r->joins, *cap, r->njoins + 1);
	r->joins[r->njoins++] = (struct sv_termbase_refresh_join){ a, b };
}

void sv_terms_result(struct sv_terms *tm, struct sv_termbase_refresh *r)
{
	struct tm_model *m = &tm->m;
	memset(r, 0, sizeof(*r));
	size_t capterms = 0, cappairs = 0, capalone = 0, capjoins = 0;
	size_t *idx[2]; /* term index + 1 in r, per side and term */
	for (int s = 0; s < 2; s++)
		idx[s] = sv_calloc(m->side[s].nterms + 1, sizeof(size_t));
	qsort(m->pairs, m->npairs, sizeof(*m->pairs), cmp_pair_score);
	struct sv_buf ev = SV_BUF_INIT;
	for (size_t i = 0; i < m->npairs; i++) {
		struct tm_pair *p = &m->pairs[i];
		if (p->score < m->opts.min_score)
			continue;
		size_t a = result_term(m, r, &capterms, idx, TM_RU, p->term[TM_RU]);
		size_t b = result_term(m, r, &capterms, idx, TM_BG, p->term[TM_BG]);
		tm_pair_evidence(m, p, &ev);
		SV_GROW(r->pairs, cappairs, r->npairs + 1);
		r->pairs[r->npairs++] = (struct sv_termbase_refresh_pair){
			{ a, b }, p->score, sv_strndup(ev.data, ev.len) };
	}
	sv_buf_release(&ev);
	/* Monolingual terms worth keeping without a partner: names, acronyms,
	 * and phrases seen three times or more. */
	for (int s = 0; s < 2; s++)
		for (size_t i = 0; i < m->side[s].nterms; i++) {
			struct tm_term *t = &m->side[s].terms[i];
			int worth = t->kind != TM_PHRASE ||
				    (t->nocc >= TM_ALONE_MIN_FREQ && t->cvalue > 0);
			if (!t->keep || idx[s][i] || !t->nocc || !worth)
				continue;
			SV_GROW(r->alone, capalone, r->nalone + 1);
			r->alone[r->nalone++] = result_term(m, r, &capterms, idx, s, (uint32_t)i);
		}
	/* Concepts: the best pairs, acronyms with their expansions. */
	for (size_t i = 0; i < m->npairs; i++) {
		struct tm_pair *p = &m->pairs[i];
		size_t a = idx[TM_RU][p->term[TM_RU]], b = idx[TM_BG][p->term[TM_BG]];
		/* a variant joins its best partner's concept (Путина -> Путин) */
		if (p->best_for && p->score >= TM_CONCEPT_MIN_SCORE && a && b)
			join_add(r, &capjoins, a - 1, b - 1);
	}
	for (int s = 0; s < 2; s++)
		for (size_t i = 0; i < m->side[s].nterms; i++) {
			struct tm_term *t = &m->side[s].terms[i];
			if (t->expansion && idx[s][i] && idx[s][t->expansion - 1])
				join_add(r, &capjoins, idx[s][i] - 1, idx[s][t->expansion - 1] - 1);
		}
	free(idx[TM_RU]);
	free(idx[TM_BG]);
}

void sv_terms_result_release(struct sv_termbase_refresh *r)
{
	for (size_t i = 0; i < r->nterms; i++)
		free(r->terms[i].forms);
	for (size_t i = 0; i < r->npairs; i++)
		free(r->pairs[i].evidence);
	free(r->terms);
	free(r->pairs);
	free(r->alone);
	free(r->joins);
	memset(r, 0, sizeof(*r));
}
