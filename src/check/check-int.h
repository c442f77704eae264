/* Internals of src/check shared between its files. Not part of the contract;
 * include check/check.h instead. */
#ifndef SV_CHECK_INT_H
#define SV_CHECK_INT_H

#include "check/check.h"

/* Finds glossary terms in s given its tokens (as sv_text_tokenize made them). */
void sv_check_glossary_find_tokens(struct sv_check_glossary *g, enum sv_lang lang, const char *s,
				   const struct sv_tokens *toks, struct sv_check_matches *out);

/* Appends to out (may be NULL) the citations of concept's terms in lang
 * whose status bit (1 << status) is in mask, as «a», «b»; returns how many. */
size_t sv_check_glossary_list(struct sv_check_glossary *g, uint32_t concept, enum sv_lang lang,
			      unsigned mask, struct sv_buf *out);

/* The terms of a concept (borrowed until the glossary changes); their
 * language and status. For tools and tests. */
size_t sv_check_glossary_concept_terms(struct sv_check_glossary *g, uint32_t concept,
				       const uint32_t **terms);
void sv_check_glossary_term_info(const struct sv_check_glossary *g, uint32_t term,
				 enum sv_lang *lang, enum sv_check_term_status *status);

/* Numbers of s (tokens toks) in lang, for number-mismatch. */
struct sv_check_num {
	char val[2][40]; /* accepted canonical values (second may be "") */
	uint32_t start, len;
	int hard;        /* written in digits: must be found on the other side */
};

struct sv_check_nums {
	struct sv_check_num *v;
	size_t n, cap;
};

/* Fills words (initialised here; release with sv_map_release) with the
 * Russian and Bulgarian numeral and month word forms. */
void sv_check_numwords_init(struct sv_map *words);
void sv_check_nums_extract(const struct sv_map *words, const char *s,
			   const struct sv_tokens *toks, struct sv_check_nums *out);
/* Index of the first hard number of a not matched by any number of b, or -1. */
long sv_check_nums_unmatched(const struct sv_check_nums *a, const struct sv_check_nums *b,
			     size_t from);

/* Mixed-script words in s: calls fn for each suspicious word with its byte
 * range and a description of the foreign letters ("Latin 'O' U+004F"). */
void sv_check_scripts(const char *s, void (*fn)(void *ctx, uint32_t start, uint32_t len,
						 const char *what), void *ctx);

/* Writes s into out with the Latin and Greek look-alikes inside Cyrillic
 * words replaced by their Cyrillic letters, and (*map)[i] the byte of s that
 * byte i of out came from (out->len + 1 entries). Returns 1 when anything
 * was replaced. */
int sv_check_script_repair(const char *s, struct sv_buf *out, uint32_t **map, size_t *mapcap);

/* Appends the finding (copying message). */
void sv_check_finding_add(struct sv_check_findings *f, int check, int sev, size_t seg,
			  const char *message, int side, uint32_t mark, uint32_t marklen);

#endif
