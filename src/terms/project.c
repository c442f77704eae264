/* Projection: a name or acronym seen in one language only, with no partner scoring
 * TM_PROJECT_BELOW, is paired with its spelling in the other language (docs/TERMS.md,
 * "Projection"). */
#include "terms/terms-int.h"

#include <stdlib.h>
#include <string.h>

#include "align/align.h"
#include "base/utf8.h"

#define TM_PROJECT_BELOW 0.5     /* terms whose best pair scores less are projected */
#define TM_PROJECT_BASE 0.5      /* base score of a projected pair */
#define TM_PROJECT_COGNATE 0.85  /* a word of the other vocabulary is taken from this on */
#define PROJECT_MAX_WORDS 3
#define PROJECT_MAX_LETTERS 20   /* longer words are not spelt */
#define PROJECT_TRANSLATIONS 16

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

/* Spells term i of side `from` in the other language and adds it there as a projected term.
 * Returns its index, or -1 when the term is not projected (too long, not adjectives and a
 * noun, or the spelling is a term seen in the text). */
static int project_term(struct tm_model *m, int fs, uint32_t i)
{
	struct tm_side *from = &m->side[fs], *to = &m->side[TM_OTHER(fs)];
	struct tm_term *t = &from->terms[i];
	if (t->ncontent != t->n || t->n > PROJECT_MAX_WORDS || !t->citation)
		return -1;
	char *buf = sv_strdup(t->citation), *w[TM_MAX_WORDS];
	size_t n = split_words(buf, w, TM_MAX_WORDS);
	int rc = -1;
	if (n != t->n)
		goto out;
	int allcap = 1;
	for (size_t k = 0; k < n; k++) {
		if (!tm_is_upper_first(w[k]) || letters_count(w[k]) > PROJECT_MAX_LETTERS)
			allcap &= 0;
		if (letters_count(w[k]) > PROJECT_MAX_LETTERS)
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
			const char *l = tm_lemma(from, t->w[k]);
			isadj[k] = tm_ends(l, "ский") || tm_ends(l, "цкий") || tm_ends(l, "ный") ||
				   tm_ends(l, "ной") || tm_ends(l, "ний") || tm_ends(l, "ый");
		}
		if (t->kind == TM_ACRONYM) {
			sv_buf_adds(&lemmas[k], tm_lemma(from, t->w[k]));
			continue;
		}
		uint32_t tr[PROJECT_TRANSLATIONS];
		size_t nt = (allcap && !isadj[k])
				    ? 0
				    : tm_translations(m, fs, t->w[k], tr, PROJECT_TRANSLATIONS);
		double best = 0;
		uint32_t arg = 0;
		for (size_t x = 0; x < nt; x++) {
			const char *cw = tm_lemma(to, tr[x]);
			if ((to->lemma_class[tr[x]] == TM_ADJ) != isadj[k])
				continue;
			double c = fs == TM_RU ? sv_align_cognate(tm_lemma(from, t->w[k]), cw)
					       : sv_align_cognate(cw, tm_lemma(from, t->w[k]));
			char *const *lx =
				tm_lexicon_find(&m->lx, from->lang, tm_lemma(from, t->w[k]));
			for (size_t q = 0; lx && lx[q]; q++)
				if (!strcmp(lx[q], cw))
					c = 1.0;
			if (c > best) {
				best = c;
				arg = tr[x];
			}
		}
		if (arg && best >= TM_PROJECT_COGNATE) {
			sv_buf_adds(&lemmas[k], tm_lemma(to, arg));
		} else {
			int name = allcap && !isadj[k];
			tm_translit(from->lang, name ? w[k] : tm_lemma(from, t->w[k]), isadj[k],
				    &spelt[k]);
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
	uint32_t id = tm_term_new(to, lp, n, cit.data, t->kind);
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

void tm_project_all(struct tm_model *m, struct sv_terms_stats *stats)
{
	float *best[2];
	tm_best_scores(m, best);
	/* the terms there were before projection: projected ones are not projected back */
	size_t nterms[2] = { m->side[TM_RU].nterms, m->side[TM_BG].nterms };
	for (int s = TM_RU; s <= TM_BG; s++)
		for (size_t i = 0; i < nterms[s]; i++) {
			struct tm_term *t = &m->side[s].terms[i];
			if (!t->keep || t->kind == TM_PHRASE || t->derived || t->projected ||
			    best[s][i] >= TM_PROJECT_BELOW)
				continue;
			int j = project_term(m, s, (uint32_t)i);
			if (j < 0)
				continue;
			uint32_t own = (uint32_t)i, spelt = (uint32_t)j;
			tm_pair_push(m, s == TM_RU ? own : spelt, s == TM_RU ? spelt : own,
				     TM_PROJECT_BASE, TM_HOW_PROJECTED);
			if (stats)
				stats->projected++;
		}
	free(best[TM_RU]);
	free(best[TM_BG]);
}
