/* Pairing Russian and Bulgarian terms: candidates from postings and their compositional
 * score, acronyms, projection, mutual best, and each pair's readable evidence. The word
 * similarity is in model.c, acronyms in acronym.c, co-occurrence in context.c. */
#include "terms/terms-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Candidates of the compositional pairing (docs/TERMS.md, "Compositional score"). */
#define TM_WORDS_MIN_SCORE 0.45   /* compositional score a pair needs */
#define TM_WORDS_MAX_CONTENT_DIFF 2 /* content words the two terms may differ by */
#define TM_POSTINGS_CAP 4000      /* terms read per posting list of a translation */
#define TM_CANDIDATE_WORDS 2      /* rarest content words whose translations give candidates */
#define CANDIDATE_TRANSLATIONS 16
#define TM_NOT_MUTUAL 0.9f        /* factor of a pair that is not mutual best ("Context") */

void tm_pair_push(struct tm_model *m, uint32_t ru, uint32_t bg, double base, int how)
{
	SV_GROW(m->pairs, m->cappairs, m->npairs + 1);
	struct tm_pair *p = &m->pairs[m->npairs++];
	memset(p, 0, sizeof(*p));
	p->term[TM_RU] = ru;
	p->term[TM_BG] = bg;
	p->base = (float)base;
	p->how = (uint8_t)how;
	tm_pair_finish(m, p);
}

static uint32_t *seen_marks(struct tm_model *m, size_t n)
{
	if (n > m->capseen) {
		m->seen_mark = sv_realloc(m->seen_mark, n * sizeof(uint32_t));
		memset(m->seen_mark + m->capseen, 0, (n - m->capseen) * sizeof(uint32_t));
		m->capseen = n;
	}
	return m->seen_mark;
}

/* Pairs each kept Russian term (acronyms aside) with its per_term best Bulgarian terms by
 * compositional score, among those containing a translation of its rarest content words. */
static void pair_compositional(struct tm_model *m)
{
	struct tm_side *ru = &m->side[TM_RU], *bg = &m->side[TM_BG];
	uint32_t *seen = seen_marks(m, bg->nterms + 1);
	struct { uint32_t j; double s; } *top = sv_malloc((size_t)m->opts.per_term * sizeof(*top));
	for (size_t i = 0; i < ru->nterms; i++) {
		struct tm_term *a = &ru->terms[i];
		if (!a->keep || a->kind == TM_ACRONYM || !a->ncontent)
			continue;
		/* the two content words whose translations have the fewest postings */
		uint32_t tr[TM_MAX_WORDS][CANDIDATE_TRANSLATIONS];
		size_t ntr[TM_MAX_WORDS], total[TM_MAX_WORDS], k = 0;
		for (size_t w = 0; w < a->n; w++) {
			if (ru->lemma_class[a->w[w]] == TM_STOP)
				continue;
			ntr[k] = tm_translations(m, TM_RU, a->w[w], tr[k], CANDIDATE_TRANSLATIONS);
			total[k] = 0;
			for (size_t x = 0; x < ntr[k]; x++)
				total[k] += bg->npost[tr[k][x]];
			k++;
		}
		size_t pick[TM_CANDIDATE_WORDS] = { SIZE_MAX, SIZE_MAX };
		for (size_t x = 0; x < k; x++) {
			if (!ntr[x])
				continue;
			if (pick[0] == SIZE_MAX || total[x] < total[pick[0]]) {
				pick[1] = pick[0];
				pick[0] = x;
			} else if (pick[1] == SIZE_MAX || total[x] < total[pick[1]])
				pick[1] = x;
		}
		m->seen_epoch++;
		size_t ntop = 0;
		for (int pi = 0; pi < TM_CANDIDATE_WORDS; pi++) {
			if (pick[pi] == SIZE_MAX)
				continue;
			size_t x = pick[pi];
			for (size_t t = 0; t < ntr[x]; t++) {
				uint32_t id = tr[x][t];
				size_t np = bg->npost[id] < TM_POSTINGS_CAP ? bg->npost[id]
									    : TM_POSTINGS_CAP;
				for (size_t q = 0; q < np; q++) {
					uint32_t j = bg->post[id][q];
					if (seen[j] == m->seen_epoch)
						continue;
					seen[j] = m->seen_epoch;
					struct tm_term *b = &bg->terms[j];
					int diff = abs((int)b->ncontent - (int)a->ncontent);
					if (b->kind == TM_ACRONYM || diff > TM_WORDS_MAX_CONTENT_DIFF)
						continue;
					struct tm_match mt[TM_MAX_WORDS];
					size_t nm = 0;
					double s = tm_words_score(m, a, b, mt, &nm);
					/* a translation covers every content word of both */
					if (s < TM_WORDS_MIN_SCORE || nm < a->ncontent ||
					    nm < b->ncontent)
						continue;
					/* keep the per_term best */
					size_t pos = ntop;
					while (pos > 0 && top[pos - 1].s < s)
						pos--;
					if (pos >= (size_t)m->opts.per_term)
						continue;
					if (ntop < (size_t)m->opts.per_term)
						ntop++;
					memmove(&top[pos + 1], &top[pos],
						(ntop - 1 - pos) * sizeof(*top));
					top[pos].j = j;
					top[pos].s = s;
				}
			}
		}
		for (size_t x = 0; x < ntop; x++)
			tm_pair_push(m, (uint32_t)i, top[x].j, top[x].s, TM_HOW_WORDS);
	}
	free(top);
}

static int cmp_pair_ru(const void *x, const void *y)
{
	const struct tm_pair *a = x, *b = y;
	if (a->term[TM_RU] != b->term[TM_RU])
		return a->term[TM_RU] < b->term[TM_RU] ? -1 : 1;
	if (a->term[TM_BG] != b->term[TM_BG])
		return a->term[TM_BG] < b->term[TM_BG] ? -1 : 1;
	return a->score > b->score ? -1 : a->score < b->score;
}

/* Keeps the best-scoring pair of each two terms. */
static void dedupe_pairs(struct tm_model *m)
{
	if (!m->npairs)
		return;
	qsort(m->pairs, m->npairs, sizeof(*m->pairs), cmp_pair_ru);
	size_t k = 1;
	for (size_t i = 1; i < m->npairs; i++)
		if (m->pairs[i].term[TM_RU] != m->pairs[k - 1].term[TM_RU] ||
		    m->pairs[i].term[TM_BG] != m->pairs[k - 1].term[TM_BG])
			m->pairs[k++] = m->pairs[i];
	m->npairs = k;
}

void tm_best_scores(struct tm_model *m, float *best[2])
{
	for (int s = 0; s < 2; s++)
		best[s] = sv_calloc(m->side[s].nterms + 1, sizeof(float));
	for (size_t i = 0; i < m->npairs; i++) {
		struct tm_pair *p = &m->pairs[i];
		for (int s = 0; s < 2; s++)
			if (p->score > best[s][p->term[s]])
				best[s][p->term[s]] = p->score;
	}
}

/* Marks each pair's best_for and mutual, and lowers the score of those not mutual best. */
static void mark_mutual(struct tm_model *m)
{
	float *best[2];
	tm_best_scores(m, best);
	for (size_t i = 0; i < m->npairs; i++) {
		struct tm_pair *p = &m->pairs[i];
		int for_ru = p->score >= best[TM_RU][p->term[TM_RU]];
		int for_bg = p->score >= best[TM_BG][p->term[TM_BG]];
		p->best_for = (uint8_t)((for_ru ? TM_BEST_FOR_RU : 0) | (for_bg ? TM_BEST_FOR_BG : 0));
		p->mutual = p->best_for == (TM_BEST_FOR_RU | TM_BEST_FOR_BG);
	}
	for (size_t i = 0; i < m->npairs; i++)
		if (!m->pairs[i].mutual)
			m->pairs[i].score *= TM_NOT_MUTUAL;
	free(best[TM_RU]);
	free(best[TM_BG]);
}

int tm_pair_sides(struct tm_model *m, struct sv_terms_stats *stats, struct sv_error *err)
{
	tm_side_index(m, TM_RU);
	tm_side_index(m, TM_BG);
	int rc = tm_side_citations(m, TM_RU, err);
	if (!rc)
		rc = tm_side_citations(m, TM_BG, err);
	if (rc)
		return rc;
	pair_compositional(m);
	tm_pair_acronyms(m);
	dedupe_pairs(m);
	if (m->opts.project)
		tm_project_all(m, stats);
	mark_mutual(m);
	return SV_OK;
}

/* ---- Evidence ------------------------------------------------------------------ */

static void add_match_evidence(struct tm_model *m, const struct tm_match *mt, size_t nm,
			       struct sv_buf *ev)
{
	static const char *const why_names[] = {
		[TM_WHY_NONE] = "", [TM_WHY_SAME] = "same", [TM_WHY_LEXICON] = "lexicon",
		[TM_WHY_LEARNT] = "learnt", [TM_WHY_COGNATE] = "cognate",
	};
	for (size_t i = 0; i < nm; i++) {
		if (i)
			sv_buf_adds(ev, ", ");
		sv_buf_addf(ev, "%s=%s (%s", tm_lemma(&m->side[TM_RU], mt[i].r),
			    tm_lemma(&m->side[TM_BG], mt[i].b), why_names[mt[i].why]);
		if (mt[i].why == TM_WHY_COGNATE || mt[i].why == TM_WHY_LEARNT)
			sv_buf_addf(ev, " %.2f", mt[i].w);
		sv_buf_addc(ev, ')');
	}
}

void tm_pair_evidence(struct tm_model *m, const struct tm_pair *p, struct sv_buf *ev)
{
	const struct tm_side *ru = &m->side[TM_RU], *bg = &m->side[TM_BG];
	const struct tm_term *a = &ru->terms[p->term[TM_RU]], *b = &bg->terms[p->term[TM_BG]];
	sv_buf_reset(ev);
	switch ((enum tm_how)p->how) {
	case TM_HOW_WORDS: {
		struct tm_match mt[TM_MAX_WORDS];
		size_t nm = 0;
		tm_words_score(m, a, b, mt, &nm);
		sv_buf_adds(ev, "words ");
		add_match_evidence(m, mt, nm, ev);
		break;
	}
	case TM_HOW_DERIVED:
		sv_buf_addf(ev, "acronym formed from '%s' (not seen in the %s text); ",
			    a->derived ? ru->terms[a->expansion - 1].citation
				       : bg->terms[b->expansion - 1].citation,
			    a->derived ? "Russian" : "Bulgarian");
		/* then the letters' evidence */
		/* fall through */
	case TM_HOW_ACRONYM: {
		struct sv_buf x = SV_BUF_INIT;
		const struct tm_term *aa = a->derived ? &ru->terms[a->expansion - 1] : a;
		const struct tm_term *bb = b->derived ? &bg->terms[b->expansion - 1] : b;
		tm_acronym_score(m, aa, bb, &x);
		sv_buf_add(ev, x.data, x.len);
		sv_buf_release(&x);
		break;
	}
	case TM_HOW_PROJECTED:
		sv_buf_addf(ev, "projected: '%s' not seen in the %s text, spelt from '%s'",
			    a->projected ? a->citation : b->citation,
			    a->projected ? "Russian" : "Bulgarian",
			    a->projected ? b->citation : a->citation);
		break;
	}
	if (a->nunits || b->nunits)
		sv_buf_addf(ev, "; together in %u of %u/%u aligned units", p->units_together,
			    a->nunits, b->nunits);
	if (p->ctx >= 0)
		sv_buf_addf(ev, "; context %.2f", p->ctx);
	if (p->docs == TM_DOCS_PAIRED)
		sv_buf_adds(ev, "; in paired documents");
	else if (p->docs == TM_DOCS_UNPAIRED)
		sv_buf_adds(ev, "; not in paired documents");
	if (p->mutual)
		sv_buf_adds(ev, "; mutual best");
}
