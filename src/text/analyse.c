/* The analysed forms of a segment for storage: matching keys and lemmas of
 * its word and number tokens, one entry per token, in order. */
#include "text/text-int.h"

#include <string.h>

#define MAX_OUT 8

/* sv_buf_add() for a short piece (a key, a word's lemmas): a few loads and
 * stores rather than a call to memcpy. */
static inline void add_short(struct sv_buf *b, const char *s, size_t n)
{
	if (n > 64 || !n) {
		sv_buf_add(b, s, n);
		return;
	}
	sv_buf_grow(b, n);
	tx_copy_short(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/* Appends the lemmas of word token i (a compound: its parts but the last as
 * they are, the last lemmatised, when the whole is unknown). */
static void add_word_lemmas(struct sv_text *t, enum sv_lang lang, const struct sv_tokens *tk,
			    size_t i, struct sv_buf *out)
{
	const struct sv_token *tok = &tk->v[i];
	const char *key = sv_token_key(tk, i);
	if (lang == SV_LANG_RU || lang == SV_LANG_BG) {
		const struct sv_dict *d = &t->dict[lang];
		uint32_t idx = tx_lemma_list(t, lang, key, tok->keylen);
		int known = !!(d->lists[idx] & 0x80000000u);
		if (!(tok->flags & SV_TOKF_COMPOUND) || known || tok->type == SV_TOK_NUMBER ||
		    i + 1 == tk->n || !(tk->v[i + 1].flags & SV_TOKF_PART)) {
			size_t len;
			const char *j = tx_lemmas_joined(d, idx, &len);
			sv_buf_add(out, j, len);
			return;
		}
	}
	const char *lem[MAX_OUT];
	int known = 0;
	size_t n = sv_text_lemmas_ex(t, lang, key, tok->keylen, lem, MAX_OUT, &known);
	if (n > MAX_OUT)
		n = MAX_OUT;
	if ((tok->flags & SV_TOKF_COMPOUND) && !known && tok->type != SV_TOK_NUMBER) {
		size_t last = i;
		for (size_t j = i + 1; j < tk->n && (tk->v[j].flags & SV_TOKF_PART); j++)
			last = j;
		if (last > i) {
			for (size_t j = i + 1; j < last; j++) {
				sv_buf_add(out, sv_token_key(tk, j), tk->v[j].keylen);
				sv_buf_addc(out, '-');
			}
			const char *pl[1];
			if (tk->v[last].type == SV_TOK_WORD) {
				sv_text_lemmas(t, lang, sv_token_key(tk, last), tk->v[last].keylen, pl, 1);
				sv_buf_adds(out, pl[0]);
			} else {
				sv_buf_add(out, sv_token_key(tk, last), tk->v[last].keylen);
			}
			return;
		}
	}
	for (size_t k = 0; k < n; k++) {
		if (k)
			sv_buf_addc(out, '|');
		sv_buf_adds(out, lem[k]);
	}
}

int sv_text_analyse(struct sv_text *t, enum sv_lang lang, const char *s, size_t n,
		    struct sv_buf *norm, struct sv_buf *lemmas, struct sv_error *err)
{
	int rc;
	if ((rc = sv_text_dict_check(t, lang, err)))
		goto out;
	struct sv_tokens *tk = &t->toks;
	if ((rc = tx_tokenize_lang(t, s, n, tk, lang, err)))
		goto out;
	const struct sv_toklem *toklem =
		lang == SV_LANG_RU || lang == SV_LANG_BG ? t->toklem : NULL;
	int first = 1;
	for (size_t i = 0; i < tk->n; i++) {
		const struct sv_token *tok = &tk->v[i];
		if (tok->type == SV_TOK_PUNCT || tok->type == SV_TOK_SYMBOL ||
		    (tok->flags & SV_TOKF_PART) || !tok->keylen)
			continue;
		if (!first) {
			sv_buf_addc(norm, ' ');
			sv_buf_addc(lemmas, ' ');
		}
		first = 0;
		add_short(norm, sv_token_key(tk, i), tok->keylen);
		if (tok->type == SV_TOK_WORD && toklem && toklem[i].len) {
			const char *j = t->dict[lang].joined.data + toklem[i].off;
			add_short(lemmas, j, toklem[i].len);
		} else if (tok->type == SV_TOK_WORD)
			add_word_lemmas(t, lang, tk, i, lemmas);
		else
			sv_buf_add(lemmas, sv_token_key(tk, i), tok->keylen);
	}
out:
	return rc;
}
