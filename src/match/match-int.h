/* Internals shared by the match module's files: the handle, analysed-token
 * views over norm/lemmas strings, and small helpers. */
#ifndef SV_MATCH_INT_H
#define SV_MATCH_INT_H

#include "match/match.h"

#include "base/buf.h"
#include "store/termbase.h"

struct sv_match {
	struct sv_store *st; /* borrowed */
	struct sv_text *t;   /* borrowed */
	int has_term_index;  /* the store has its term indexes */
	struct sv_tokens toks; /* scratch for sv_text_tokenize */
};

/* One analysed token: views into a norm string and a lemmas string. */
struct sv_mtok {
	const char *key;
	const char *lem; /* "a|b" alternatives; equals key when no lemmas */
	uint32_t klen, llen;
};

struct sv_mtoks {
	struct sv_mtok *v;
	size_t n, cap;
};

void mt_mtoks_release(struct sv_mtoks *t);
/* Splits norm and lemmas (which may be NULL or "", or of another token
 * count, then keys stand for lemmas) into out, replacing its contents. */
void mt_mtoks(const char *norm, const char *lemmas, struct sv_mtoks *out);
/* Whether two tokens share a lemma. */
int mt_lemma_eq(const struct sv_mtok *a, const struct sv_mtok *b);
/* Whether lemma l[0..n) is among tok's alternatives. */
int mt_has_lemma(const struct sv_mtok *tok, const char *l, size_t n);
/* Appends the i-th alternative (0 = most likely) of tok's lemmas; returns 0
 * when there is no such alternative. */
int mt_lemma_alt(const struct sv_mtok *tok, size_t i, struct sv_buf *out);

/* Analyses text in lang into norm and lemmas (both reset first). */
int mt_analyse(struct sv_match *m, enum sv_lang lang, const char *text,
		      struct sv_buf *norm, struct sv_buf *lemmas, struct sv_error *err);

/* Byte spans in text of the analysed tokens [from, from + n) of norm
 * (matched to text's own tokens by key, in order). Returns 0 when the
 * tokens cannot be located; then *span covers nothing. */
int mt_token_span(struct sv_match *m, const char *text, const char *norm, size_t from,
			 size_t n, struct sv_match_span *span);
/* Byte spans of the norm tokens flagged in mark[0..nmark), merged when
 * adjacent in the token order, appended to *spans. */
void mt_mark_spans(struct sv_match *m, const char *text, const char *norm,
			  const uint8_t *mark, size_t nmark, struct sv_match_span **spans,
			  size_t *nspans);

/* Appends an FTS5 string literal ("a ""b""") for s[0..n). */
void mt_fts_quote(struct sv_buf *q, const char *s, size_t n);

/* Owned copy of s, "" for NULL. */
char *mt_dup(const char *s);

#endif
