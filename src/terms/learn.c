/* Learning word pairs from aligned units: for words that no spelling or lexicon entry
 * explains within a unit (competitive linking), Dice over the units where they occur,
 * mutual best, seen twice or more (docs/TERMS.md, "Word similarity"). */
#include "terms/terms-int.h"

#include <stdlib.h>
#include <string.h>

/* Two words of a unit this alike are explained by their spelling or the lexicon already. */
#define TM_LEARN_EXPLAINED_SIM 0.7
#define TM_LEARN_MIN_UNITS 2      /* units a learnt pair occurs in together, at least */
#define TM_LEARN_MIN_DICE 0.3f    /* Dice of a learnt pair, at least */
/* Cognates from this similarity on are not learnt (their spelling explains them). */
#define TM_LEARN_COGNATE_MAX 0.5

void tm_learn_words(struct tm_model *m)
{
	struct tm_side *ru = &m->side[TM_RU], *bg = &m->side[TM_BG];
	struct sv_map64 together = SV_MAP64_INIT; /* (ru << 32 | bg) -> units with both free */
	size_t nlr = sv_intern_count(&ru->lemmas) + 1, nlb = sv_intern_count(&bg->lemmas) + 1;
	/* units where each word is left unexplained */
	uint32_t *cr = sv_calloc(nlr, sizeof(uint32_t)), *cb = sv_calloc(nlb, sizeof(uint32_t));
	uint8_t *exr = NULL, *exb = NULL;
	size_t capr = 0, capb = 0;
	for (size_t u = 0; u < m->nunits; u++) {
		const struct tm_unit *un = &m->units[u];
		const uint32_t *rl = un->lemmas[TM_RU], *bl = un->lemmas[TM_BG];
		uint32_t nr = un->nlemmas[TM_RU], nb = un->nlemmas[TM_BG];
		/* words a spelling or the lexicon explains within the unit are
		 * linked already: only the rest count (competitive linking) */
		SV_GROW(exr, capr, nr + 1);
		SV_GROW(exb, capb, nb + 1);
		memset(exr, 0, nr);
		memset(exb, 0, nb);
		for (uint32_t i = 0; i < nr; i++)
			for (uint32_t j = 0; j < nb; j++) {
				int why;
				if (tm_word_sim(m, rl[i], bl[j], &why) >= TM_LEARN_EXPLAINED_SIM)
					exr[i] = exb[j] = 1;
			}
		for (uint32_t i = 0; i < nr; i++)
			cr[rl[i]] += !exr[i];
		for (uint32_t j = 0; j < nb; j++)
			cb[bl[j]] += !exb[j];
		for (uint32_t i = 0; i < nr; i++)
			for (uint32_t j = 0; j < nb; j++)
				if (!exr[i] && !exb[j])
					(*sv_map64_add(&together, (uint64_t)rl[i] << 32 | bl[j]))++;
	}
	free(exr);
	free(exb);
	m->learnt[TM_RU] = sv_calloc(nlr, sizeof(struct tm_learnt));
	m->learnt[TM_BG] = sv_calloc(nlb, sizeof(struct tm_learnt));
	float *best_r = sv_calloc(nlr, sizeof(float)), *best_b = sv_calloc(nlb, sizeof(float));
	uint32_t *arg_r = sv_calloc(nlr, sizeof(uint32_t));
	uint32_t *arg_b = sv_calloc(nlb, sizeof(uint32_t));
	for (size_t i = 0; i < together.cap; i++) {
		if (!together.keys[i] || together.vals[i] < TM_LEARN_MIN_UNITS)
			continue;
		uint64_t key = together.keys[i] - 1;
		uint32_t r = (uint32_t)(key >> 32), b = (uint32_t)key;
		float d = (float)(2.0 * together.vals[i] / (cr[r] + cb[b]));
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
		if (!b || arg_b[b] != r || best_r[r] < TM_LEARN_MIN_DICE)
			continue;
		/* only words that no spelling explains: not when either has its
		 * own spelling on the other side, or the two are cognates */
		const char *rs = tm_lemma(ru, r), *bs = tm_lemma(bg, b);
		if (sv_intern_find(&bg->lemmas, rs, strlen(rs)) ||
		    sv_intern_find(&ru->lemmas, bs, strlen(bs)) || tm_lexicon_has(&m->lx, rs, bs) ||
		    tm_cognate(rs, bs) >= TM_LEARN_COGNATE_MAX)
			continue;
		m->learnt[TM_RU][r] = (struct tm_learnt){ b, best_r[r] };
		m->learnt[TM_BG][b] = (struct tm_learnt){ r, best_r[r] };
		m->nlearnt++;
	}
	free(best_r);
	free(best_b);
	free(arg_r);
	free(arg_b);
	free(cr);
	free(cb);
	sv_map64_release(&together);
	sv_map64_release(&m->word_sim_cache); /* similarities computed before learning are stale */
}
