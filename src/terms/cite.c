/* Citation forms: Russian head noun in the nominative singular with the
 * adjectives before it agreeing and the dependents after it as observed;
 * Bulgarian indefinite (the article sits on the first word of a phrase and
 * comes off). Capitalisation follows the observed form, ё is kept where seen. A term's
 * citation is made from the forms it was seen in (tm_side_citations). */
#include "terms/terms-int.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

/* Appends lemma l spelt with the case pattern of surface s, and ё where the
 * surface has it at the same place. */
static void add_like(struct sv_buf *out, const char *l, const char *s)
{
	struct sv_buf low = SV_BUF_INIT;
	tm_lower(s, strlen(s), &low);
	int same = !strcmp(low.data, l);
	sv_buf_release(&low);
	if (same && !tm_is_upper_first(l)) { /* the word as written: LiverpoolFC.com, ОДКБ */
		sv_buf_adds(out, s);
		return;
	}
	size_t ln = strlen(l), sn = strlen(s);
	int upper_all = 1, first_up = tm_is_upper_first(s), letters = 0;
	uint32_t sc;
	for (size_t si = 0; sv_utf8_next(s, sn, &si, &sc);) {
		if ((sc >= 0x430 && sc <= 0x44F) || sc == 0x451 || (sc >= 'a' && sc <= 'z'))
			upper_all = 0;
		letters++;
	}
	if (letters < 2)
		upper_all = 0;
	size_t i = 0, j = 0;
	int idx = 0;
	while (i < ln) {
		uint32_t c, d = 0;
		size_t k = sv_utf8_decode((const unsigned char *)l + i, ln - i, &c);
		if (!k) {
			sv_buf_addc(out, l[i++]);
			continue;
		}
		i += k;
		if (j < sn) {
			size_t m = sv_utf8_decode((const unsigned char *)s + j, sn - j, &d);
			j += m ? m : 1;
		}
		if (c == 0x435 && (d == 0x451 || d == 0x401))
			c = 0x451;
		int up_here = 0; /* the surface's capitals at the same place (Санкт-Петербург) */
		if (d && idx > 0 && ((d >= 0x410 && d <= 0x42F) || d == 0x401 || (d >= 'A' && d <= 'Z')))
			up_here = 1;
		if (upper_all || (idx == 0 && first_up) || up_here) {
			if (c >= 0x430 && c <= 0x44F)
				c -= 0x20;
			else if (c == 0x451)
				c = 0x401;
			else if (c >= 'a' && c <= 'z')
				c -= 32;
		}
		sv_buf_add_cp(out, c);
		idx++;
	}
}

static void lower_key(const char *s, struct sv_buf *out)
{
	tm_lower(s, strlen(s), out);
}

static void ru_citation(const char *const *w, const char *const *l, size_t n, int name,
			struct sv_buf *out)
{
	size_t head = n - 1;
	for (size_t i = 0; i < n; i++) {
		if (tm_lemma_class(SV_LANG_RU, l[i]) != TM_ADJ) {
			head = i;
			break;
		}
	}
	char g = tm_ru_gender(l[head]);
	struct sv_buf key = SV_BUF_INIT, tmp = SV_BUF_INIT;
	lower_key(w[head], &key);
	int head_inflected = strcmp(key.data, l[head]) != 0;
	for (size_t i = 0; i < n; i++) {
		if (i)
			sv_buf_addc(out, ' ');
		if (i < head && tm_lemma_class(SV_LANG_RU, l[i]) == TM_ADJ) {
			sv_buf_reset(&tmp);
			tm_ru_agree(l[i], g, &tmp);
			add_like(out, tmp.data, w[i]);
		} else if (i == head) {
			add_like(out, l[i], w[i]);
		} else if (i > head && name && tm_is_upper_first(w[i]) && head_inflected) {
			lower_key(w[i], &key);
			if (strcmp(key.data, l[i]))
				add_like(out, l[i], w[i]);
			else
				sv_buf_adds(out, w[i]);
		} else {
			sv_buf_adds(out, w[i]);
		}
	}
	sv_buf_release(&key);
	sv_buf_release(&tmp);
}

/* The indefinite form of a Bulgarian word (lower case k, lemma l), or NULL
 * when it is indefinite already; written to out. */
static int bg_indefinite(const char *k, const char *l, struct sv_buf *out)
{
	size_t kn = strlen(k), ln = strlen(l);
	if (!strcmp(k, l))
		return 0;
	static const char *const masc[] = { "ът", "ят", "а", "я", NULL };
	for (size_t i = 0; masc[i]; i++) {
		size_t m = strlen(masc[i]);
		if (kn == ln + m && !memcmp(k, l, ln) && tm_ends(k, masc[i])) {
			sv_buf_adds(out, l);
			return 1;
		}
	}
	if ((tm_ends(k, "ния") || tm_ends(k, "ният")) && tm_ends(l, "ен")) {
		sv_buf_adds(out, l);
		return 1;
	}
	static const char *const art[] = { "та", "то", "те", NULL };
	for (size_t i = 0; art[i]; i++)
		if (tm_ends(k, art[i]) && kn >= 10) {
			sv_buf_add(out, k, kn - strlen(art[i]));
			return 1;
		}
	return 0;
}

static void bg_citation(const char *const *w, const char *const *l, size_t n, struct sv_buf *out)
{
	struct sv_buf key = SV_BUF_INIT, ind = SV_BUF_INIT;
	if (n == 1) { /* a single word: its lemma, singular and indefinite (санкции -> санкция) */
		add_like(out, l[0], w[0]);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			sv_buf_addc(out, ' ');
		if (i == 0) {
			lower_key(w[0], &key);
			if (bg_indefinite(key.data, l[0], &ind)) {
				add_like(out, ind.data, w[0]);
				continue;
			}
		}
		sv_buf_adds(out, w[i]);
	}
	sv_buf_release(&key);
	sv_buf_release(&ind);
}

void sv_terms_citation(enum sv_lang lang, const char *const *words, const char *const *lemmas,
		       size_t n, int name, struct sv_buf *out)
{
	sv_buf_reset(out);
	if (!n)
		return;
	if (lang == SV_LANG_RU)
		ru_citation(words, lemmas, n, name, out);
	else
		bg_citation(words, lemmas, n, out);
}

/* ---- A term's citation from its observed forms ---------------------------------- */

/* A form already in citation form, or with ё, counts this much more than once seen. */
#define TM_CITE_AS_SEEN_BONUS 0.5
#define TM_CITE_YO_BONUS 0.25

/* The words of a phrase as written (owned copies, *nwords of them) and their first lemmas
 * (borrowed from t, NULL when none), at most max. */
static int analyse_words(struct tm_model *m, enum sv_lang lang, const char *s, size_t n,
			 struct sv_tokens *toks, char **words, const char **lemmas, size_t max,
			 size_t *nwords, struct sv_error *err)
{
	*nwords = 0;
	int rc = sv_text_tokenize(m->text, s, n, toks, err);
	if (rc)
		return rc;
	size_t k = 0;
	for (size_t i = 0; i < toks->n && k < max; i++) {
		const struct sv_token *tk = &toks->v[i];
		if ((tk->type != SV_TOK_WORD && tk->type != SV_TOK_ACRONYM) ||
		    (tk->flags & SV_TOKF_PART))
			continue;
		const char *key = sv_token_key(toks, i);
		words[k] = sv_strndup(s + tk->start, tk->len);
		const char *l[2];
		size_t nl = tk->type == SV_TOK_ACRONYM ? 0
			    : sv_text_lemmas(m->text, lang, key, tk->keylen, l, 2);
		lemmas[k] = nl ? l[0] : NULL;
		k++;
	}
	*nwords = k;
	return SV_OK;
}

/* Sets t->citation: the citation made from its most frequent observed form (docs/TERMS.md,
 * "Citation forms"), lower case for a phrase capitalised only at sentence starts. */
static int term_citation(struct tm_model *m, struct tm_side *sd, struct tm_term *t,
			 struct sv_tokens *toks, struct sv_error *err)
{
	struct sv_map forms = SV_MAP_INIT;
	for (uint32_t i = 0; i < t->nocc; i++) {
		const struct tm_occ *o = &t->occ[i];
		sv_map_add(&forms, sd->segtext[o->seg] + o->start, o->len, NULL)->val++;
	}
	struct sv_buf cit = SV_BUF_INIT, low = SV_BUF_INIT;
	double best = -1;
	int rc = SV_OK;
	for (size_t i = 0; i < forms.cap; i++) {
		struct sv_map_slot *s = &forms.slots[i];
		if (!s->key)
			continue;
		char *words[TM_MAX_WORDS + 1];
		const char *lemmas[TM_MAX_WORDS + 1];
		size_t n;
		if ((rc = analyse_words(m, sd->lang, s->key, s->klen, toks, words, lemmas,
					TM_MAX_WORDS + 1, &n, err)))
			goto out;
		if (n == t->n) {
			for (size_t k = 0; k < n; k++) /* the lemmas the term was counted by */
				lemmas[k] = tm_lemma(sd, t->w[k]);
			sv_terms_citation(sd->lang, (const char *const *)words, lemmas, n,
					  t->kind == TM_NAME, &cit);
			double w = (double)s->val;
			if (cit.len == s->klen && !memcmp(cit.data, s->key, s->klen))
				w += TM_CITE_AS_SEEN_BONUS;
			if (strstr(cit.data, "ё") || strstr(cit.data, "Ё"))
				w += TM_CITE_YO_BONUS;
			if (t->kind == TM_ACRONYM) {
				sv_buf_reset(&cit);
				sv_buf_add(&cit, s->key, s->klen);
			}
			if (w > best) {
				best = w;
				free(t->citation);
				t->citation = sv_strndup(cit.data, cit.len);
			}
		}
		for (size_t k = 0; k < n; k++)
			free(words[k]);
	}
	if (!t->citation && t->nocc) {
		const struct tm_occ *o = &t->occ[0];
		t->citation = sv_strndup(sd->segtext[o->seg] + o->start, o->len);
	}
	if (!t->citation)
		t->citation = sv_strdup(t->key);
	/* capitalised only at the start of a sentence: a common word */
	uint32_t first = t->w[0];
	if (t->kind == TM_PHRASE && tm_is_upper_first(t->citation) &&
	    sd->lemma_cap[first] <= sd->lemma_low[first]) {
		sv_buf_reset(&cit);
		tm_lower(t->citation, strlen(t->citation), &low);
		size_t l = sv_utf8_char_len(low.data);
		sv_buf_add(&cit, low.data, l);
		sv_buf_adds(&cit, t->citation + l);
		free(t->citation);
		t->citation = sv_buf_detach(&cit);
	}
out:
	sv_buf_release(&cit);
	sv_buf_release(&low);
	sv_map_release(&forms);
	return rc;
}

int tm_side_citations(struct tm_model *m, int s, struct sv_error *err)
{
	struct tm_side *sd = &m->side[s];
	struct sv_tokens toks = { 0 };
	int rc = SV_OK;
	for (size_t i = 0; i < sd->nterms && !rc; i++) {
		struct tm_term *t = &sd->terms[i];
		if (t->keep && !t->citation)
			rc = term_citation(m, sd, t, &toks, err);
	}
	sv_tokens_release(&toks);
	return rc;
}
