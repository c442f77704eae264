/* Internals of src/check shared between its files. Not part of the contract;
 * include check/check.h instead. */
#ifndef SV_CHECK_INT_H
#define SV_CHECK_INT_H

#include "check/check.h"

/* Finds glossary terms in s given its tokens (as sv_text_tokenize made them). */
void ck_glossary_find_tokens(struct sv_check_glossary *g, enum sv_lang lang, const char *s,
				   const struct sv_tokens *toks, struct sv_check_matches *out);

/* Appends to out (may be NULL) the citations of concept's terms in lang
 * whose status bit (1 << status) is in mask, as «a», «b»; returns how many. */
size_t ck_glossary_list(struct sv_check_glossary *g, uint32_t concept, enum sv_lang lang,
			      unsigned mask, struct sv_buf *out);

/* The terms of a concept (borrowed until the glossary changes); their
 * language and status. For tools and tests. */
size_t ck_glossary_concept_terms(struct sv_check_glossary *g, uint32_t concept,
				       const uint32_t **terms);
void ck_glossary_term_info(const struct sv_check_glossary *g, uint32_t term,
				 enum sv_lang *lang, enum sv_check_term_status *status);

/* Numbers of s (tokens toks) in lang, for number-mismatch. */
struct ck_num {
	char val[2][40]; /* accepted canonical values (second may be "") */
	uint32_t start, len;
	int hard;        /* written in digits: must be found on the other side */
};

struct ck_nums {
	struct ck_num *v;
	size_t n, cap;
};

/* Fills words (initialised here; release with sv_map_release) with the
 * Russian and Bulgarian numeral and month word forms. */
void ck_numwords_init(struct sv_map *words);
void ck_nums_extract(const struct sv_map *words, const char *s,
			   const struct sv_tokens *toks, struct ck_nums *out);
/* Index of the first hard number of a not matched by any number of b, or -1. */
long ck_nums_unmatched(const struct ck_nums *a, const struct ck_nums *b,
			     size_t from);

/* Mixed-script words in s: calls fn for each suspicious word with its byte
 * range and a description of the foreign letters ("Latin 'O' U+004F"). */
void ck_scripts(const char *s, void (*fn)(void *ctx, uint32_t start, uint32_t len,
						 const char *what), void *ctx);

/* Writes s into out with the Latin and Greek look-alikes inside Cyrillic
 * words replaced by their Cyrillic letters, and (*map)[i] the byte of s that
 * byte i of out came from (out->len + 1 entries). Returns 1 when anything
 * was replaced. */
int ck_script_repair(const char *s, struct sv_buf *out, uint32_t **map, size_t *mapcap);

/* Appends the finding (copying message). */
void ck_finding_add(struct sv_check_findings *f, int check, int sev, size_t seg,
			  const char *message, int side, uint32_t mark, uint32_t marklen);

/* ---- The run: state shared by the checks, and their operations ---------------- */

/* One sv_check_run in progress: its inputs and what every check reads of the
 * unit in hand. Each family of checks keeps its own scratch (ck_ops). */
struct sv_check_run {
	struct sv_text *t;
	const struct sv_check_segs *segs;
	struct sv_check_glossary *g;       /* NULL: no glossary (or an empty one) */
	const struct sv_check_config *cfg;
	struct sv_check_findings *out;
	struct sv_tokens src_toks, tgt_toks; /* tokens of the unit in hand */
	char **src_key, **tgt_key;         /* per unit: texts normalised for identity
					    * (NULL: none, or untranslated) */
	int untranslated;                  /* the unit in hand is untranslated */
	struct sv_buf finding_text;        /* scratch of ck_found */
};

/* A family of checks, named by the rows of the registry (check.c) it serves.
 * The run opens the state of each family with an enabled check once, calls
 * unit for every unit (in segment order) and batch once after the last. */
struct ck_ops {
	void *(*open)(struct sv_check_run *r);                   /* NULL: no state */
	void (*close)(void *state);
	void (*unit)(struct sv_check_run *r, void *state, size_t seg); /* NULL: none */
	void (*batch)(struct sv_check_run *r, void *state);           /* NULL: none */
	int needs_glossary; /* skipped without glossary terms */
};

extern const struct ck_ops ck_terms_ops;       /* check-terms.c */
extern const struct ck_ops ck_numbers_ops;     /* check-content.c */
extern const struct ck_ops ck_scripts_ops;     /* check-content.c */
extern const struct ck_ops ck_tags_ops;        /* check-content.c */
extern const struct ck_ops ck_consistency_ops; /* check-consistency.c */

/* The registry's default severity of check (an enum sv_check_id). */
int ck_default_severity(int check);

static inline int ck_enabled(const struct sv_check_run *r, int check)
{
	return r->cfg->severity[check] != SV_CHECK_OFF;
}

/* untranslated (check-content.c): reports unit seg when its target is empty,
 * identical to the source (names and acronyms excepted) or in the source
 * language; returns 1 then. Runs for every unit, even with the check off
 * (its verdict leaves the unit out of the content and consistency checks). */
int ck_untranslated(struct sv_check_run *r, size_t seg);

/* Adds a finding of check on unit seg, the message formatted from fmt,
 * unless the check is off or the unit suppressed (findings.c). */
void ck_found(struct sv_check_run *r, int check, size_t seg, int side,
			     uint32_t mark, uint32_t len, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

#endif
