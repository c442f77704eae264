/* `sverka pair` over two term lists: each Russian term's best Bulgarian partner by the
 * compositional and acronym scorers, with no co-occurrence; and the lemma key of a term. */
#include "terms/terms-int.h"

#include <string.h>

/* Cognate similarity below which two words of a term list count as unlike: lower than in
 * running text, as lists hold names (docs/TERMS.md, "Word similarity"). */
#define TM_COGNATE_FLOOR_LISTS 0.5

/* Appends a term for each of the n strings v to side sd; parts: hyphenated compounds by
 * their parts instead of whole. */
static int list_terms(struct tm_model *m, struct tm_side *sd, const char *const *v, size_t n,
		      struct sv_tokens *toks, int parts, struct sv_error *err)
{
	for (size_t i = 0; i < n; i++) {
		SV_GROW(sd->terms, sd->capterms, sd->nterms + 1);
		struct tm_term *t = &sd->terms[sd->nterms++];
		memset(t, 0, sizeof(*t));
		t->keep = 1;
		int rc = sv_text_tokenize(m->text, v[i], strlen(v[i]), toks, err);
		if (rc) {
			sv_error_prefix(err, "'%s': ", v[i]);
			return rc;
		}
		for (size_t k = 0; k < toks->n && t->n < TM_MAX_WORDS; k++) {
			const struct sv_token *tk = &toks->v[k];
			if ((tk->type != SV_TOK_WORD && tk->type != SV_TOK_ACRONYM &&
			     tk->type != SV_TOK_NUMBER) ||
			    (tk->flags & (parts ? SV_TOKF_COMPOUND : SV_TOKF_PART)))
				continue;
			const char *key = sv_token_key(toks, k), *l[2];
			if (tk->type == SV_TOK_NUMBER) {
				t->w[t->n++] = tm_side_lemma(sd, key, tk->keylen, 0);
				t->ncontent++;
				continue;
			}
			int stop = sv_text_is_stopword(sd->lang, key, tk->keylen);
			size_t nl = tk->type == SV_TOK_ACRONYM ? 0
				    : sv_text_lemmas(m->text, sd->lang, key, tk->keylen, l, 2);
			uint32_t id = nl ? tm_side_lemma(sd, l[0], strlen(l[0]), stop)
					 : tm_side_lemma(sd, key, tk->keylen, stop);
			t->w[t->n++] = id;
			t->ncontent += !stop;
			if (tk->type == SV_TOK_ACRONYM)
				t->kind = TM_ACRONYM;
		}
		if (t->n != 1 && t->kind == TM_ACRONYM)
			t->kind = TM_NAME;
		struct sv_buf key = SV_BUF_INIT;
		for (size_t k = 0; k < t->n; k++) {
			if (k)
				sv_buf_addc(&key, ' ');
			sv_buf_adds(&key, tm_lemma(sd, t->w[k]));
		}
		t->key = sv_buf_detach(&key);
	}
	return SV_OK;
}

int sv_terms_pair_lists(struct sv_text *t, const struct sv_terms_opts *opts,
			const char *const *ru, size_t nru, const char *const *bg, size_t nbg,
			struct sv_terms_match *out, struct sv_error *err)
{
	struct tm_model m;
	tm_model_init(&m, t, opts);
	struct sv_tokens toks = { 0 };
	m.cog_floor = TM_COGNATE_FLOOR_LISTS;
	struct tm_side *rs = &m.side[TM_RU], *bs = &m.side[TM_BG];
	int rc = tm_lexicon_load(&m.lx, &m.opts, err);
	/* terms [0, n) with hyphenated compounds whole, [n, 2n) by their parts */
	if (!rc)
		rc = list_terms(&m, rs, ru, nru, &toks, 0, err);
	if (!rc)
		rc = list_terms(&m, rs, ru, nru, &toks, 1, err);
	if (!rc)
		rc = list_terms(&m, bs, bg, nbg, &toks, 0, err);
	if (!rc)
		rc = list_terms(&m, bs, bg, nbg, &toks, 1, err);
	if (rc)
		goto out;
	for (size_t i = 0; i < nru; i++) {
		out[i].bg = -1;
		out[i].score = 0;
		double best = 0;
		long arg = -1;
		for (size_t j = 0; j < nbg; j++) {
			double s = 0;
			/* whole or by parts, on either side */
			for (int v = 0; v < 4; v++) {
				const struct tm_term *x = &rs->terms[i + (v & 1 ? nru : 0)];
				const struct tm_term *b = &bs->terms[j + (v & 2 ? nbg : 0)];
				double sv = (x->kind == TM_ACRONYM || b->kind == TM_ACRONYM)
						    ? tm_acronym_score(&m, x, b, NULL)
						    : tm_words_score(&m, x, b, NULL, NULL);
				if (sv > s)
					s = sv;
			}
			if (s > best) {
				best = s;
				arg = (long)j;
			}
		}
		out[i].score = best;
		out[i].bg = best >= SV_TERMS_PAIR_THRESHOLD ? arg : -1;
	}
out:
	sv_tokens_release(&toks);
	tm_model_release(&m);
	return rc;
}

int sv_terms_lemma_key(struct sv_text *t, enum sv_lang lang, const char *term,
		       struct sv_buf *out, struct sv_error *err)
{
	struct sv_tokens toks = { 0 };
	int rc = sv_text_tokenize(t, term, strlen(term), &toks, err);
	size_t words = 0;
	for (size_t k = 0; !rc && k < toks.n; k++) {
		const struct sv_token *tk = &toks.v[k];
		if ((tk->type != SV_TOK_WORD && tk->type != SV_TOK_ACRONYM &&
		     tk->type != SV_TOK_NUMBER) ||
		    (tk->flags & SV_TOKF_PART))
			continue;
		const char *key = sv_token_key(&toks, k), *l[2];
		size_t nl = tk->type == SV_TOK_WORD ? sv_text_lemmas(t, lang, key, tk->keylen, l, 2)
						    : 0;
		if (words++)
			sv_buf_addc(out, ' ');
		if (nl)
			sv_buf_adds(out, l[0]);
		else
			sv_buf_add(out, key, tk->keylen);
	}
	if (!rc && !words)
		rc = sv_error_set(err, SV_EUSAGE, "'%s': no words in the term", term);
	sv_tokens_release(&toks);
	return rc;
}
