/* Terms and their equivalents: monolingual term candidates over lemmas
 * (acronyms, names, noun phrases of 1-5 words ranked by C-value, acronym
 * definitions), citation forms, and Russian-Bulgarian pairing with a score
 * and readable evidence (cognates, the seed lexicon, word co-occurrence
 * learnt from aligned units, acronym letters through expansions, term
 * co-occurrence in aligned units and paired documents), written to the
 * termbase without touching a person's decisions.
 *
 * Ownership: struct sv_terms (a pairing model: lexicon and vocabularies) is
 * opened with sv_terms_open() and freed with sv_terms_close(); the sv_text
 * passed to it is borrowed and must outlive it. Output arrays are the
 * caller's, freed with their _release(). */
#ifndef SV_TERMS_H
#define SV_TERMS_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"
#include "store/store.h"
#include "text/text.h"

struct sv_terms_opts {
	const char *lexicon; /* seed lexicon path; NULL: $SVERKA_LEXICON, then
				SV_SOURCE_ROOT/glossaries/seed-lexicon.tsv, then
				SV_DATADIR/seed-lexicon.tsv (none found is not an error) */
	double min_score;    /* pairs stored at or above (default 0.30) */
	int max_words;       /* longest candidate in words (default 5) */
	int per_term;        /* pairs kept per term and side (default 3) */
	int project;         /* spell unpaired names and acronyms in the other
				language, as 'projected' terms (default 1) */
};

void sv_terms_opts_init(struct sv_terms_opts *o);

struct sv_terms_stats {
	size_t segments[3];   /* read per language (index enum sv_lang) */
	size_t candidates[3]; /* term candidates kept per language */
	size_t units;         /* aligned units used as co-occurrence evidence */
	size_t learnt;        /* word pairs learnt from the units */
	size_t pairs;         /* pairs written */
	size_t projected;     /* of which with a projected term */
	size_t kept;          /* existing reviewed or manual pairs left as they were */
};

/* Extracts the terms of every Russian and Bulgarian segment in the memory,
 * pairs them using the units and document pairs `align` stored, and
 * refreshes the termbase (sv_termbase_refresh_begin/_end) inside the
 * caller's transaction. stats may be NULL. */
int sv_align_terms(struct sv_store *st, struct sv_text *t, const struct sv_terms_opts *opts,
		   struct sv_terms_stats *stats, struct sv_error *err);

/* ---- Pairing two term lists (sverka pair) ------------------------------ */

/* Below this score a Russian term gets no partner in sv_terms_pair_lists(). */
#define SV_TERMS_PAIR_THRESHOLD 0.45

struct sv_terms_match {
	long bg;      /* index into the Bulgarian list, -1 when none scores enough */
	double score; /* the best score (also when below the threshold) */
};

/* For each of the nru Russian terms, its best Bulgarian partner among the
 * nbg terms, scored by the same compositional scorer as sv_align_terms()
 * (cognates and the lexicon; no co-occurrence). out gets nru entries. */
int sv_terms_pair_lists(struct sv_text *t, const struct sv_terms_opts *opts,
			const char *const *ru, size_t nru, const char *const *bg, size_t nbg,
			struct sv_terms_match *out, struct sv_error *err);

/* ---- Pieces (for the CLI and tests) ----------------------------------- */

/* Appends the lemma key of a term written in lang (its words' first lemmas
 * joined by single spaces) to out. */
int sv_terms_lemma_key(struct sv_text *t, enum sv_lang lang, const char *term,
		       struct sv_buf *out, struct sv_error *err);

/* Finds the acronym definitions in s[0..n) ("long form (SHORT)", "long
 * form - SHORT", "SHORT (long form)", "SHORT - long form", and a long form
 * directly followed by its acronym): Schwartz & Hearst over word initials,
 * letters matched right to left, function words of the long form skipped.
 * Appends one line per definition to out: "SHORT<TAB>long form lemma key". */
int sv_terms_acronyms(struct sv_text *t, enum sv_lang lang, const char *s, size_t n,
		      struct sv_buf *out, struct sv_error *err);

/* The citation form of an observed occurrence of a term: Russian head noun
 * in the nominative singular with adjectives before it agreeing and
 * dependents after it as observed; Bulgarian indefinite (the article taken
 * off the first word). words are the surface forms, lemmas their lemmas (n
 * of each). Replaces out's contents. */
void sv_terms_citation(enum sv_lang lang, const char *const *words, const char *const *lemmas,
		       size_t n, int name, struct sv_buf *out);

#endif
