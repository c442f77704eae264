/* Terms and their equivalents: monolingual term candidates over lemmas
 * (acronyms, names, noun phrases of 1-5 words ranked by C-value, acronym
 * definitions), citation forms, and Russian-Bulgarian pairing with a score
 * and readable evidence (cognates, the seed lexicon, word co-occurrence
 * learnt from aligned units, acronym letters through expansions, term
 * co-occurrence in aligned units and paired documents). The stage reads and
 * writes nothing itself: the terms job (job/terms.h) feeds it from the
 * memory and writes its result to the termbase.
 *
 * Ownership: struct sv_terms (a pairing model: lexicon, vocabularies, terms
 * and pairs) is opened with sv_terms_open() and freed with sv_terms_close();
 * the sv_text passed to it is borrowed and must outlive it. Strings passed in
 * are copied. A result filled by sv_terms_result() is the caller's, freed
 * with sv_terms_result_release(); it borrows strings from the model, so it
 * must be released before the model is closed. Output arrays are the
 * caller's, freed with their _release(). */
#ifndef SV_TERMS_H
#define SV_TERMS_H

#include <stddef.h>
#include <stdint.h>

#include "align/lexicon.h"
#include "base/buf.h"
#include "base/error.h"
#include "text/text.h"

struct sv_terms_opts {
	const struct sv_lexicon *lex; /* the seed lexicon, read (borrowed); NULL:
					 read the file `lexicon` */
	const char *lexicon; /* seed lexicon path; NULL: the search path of
				sv_lexicon_read() (align/lexicon.h) */
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

/* ---- The pairing model (driven by the terms job, job/terms.h) ---------- */

struct sv_terms;
struct sv_termbase_refresh; /* store/terms-store.h */

/* A model with the options (NULL: defaults) and the seed lexicon they name loaded. */
int sv_terms_open(struct sv_text *t, const struct sv_terms_opts *opts, struct sv_terms **out,
		  struct sv_error *err);
void sv_terms_close(struct sv_terms *tm);
/* Adds segment `id` (a row id) of document `doc` in lang; text is copied. Segments in other
 * languages, and ids outside 0..2^31-1, are left out. Call before sv_terms_extract(). */
void sv_terms_segment_add(struct sv_terms *tm, enum sv_lang lang, int64_t id, int64_t doc,
			  const char *text);
/* Finds and counts the term candidates of the segments added, keeps the ranked ones.
 * stats (may be NULL) gets segments and candidates added. */
int sv_terms_extract(struct sv_terms *tm, struct sv_terms_stats *stats, struct sv_error *err);
/* After sv_terms_extract(): an aligned unit, by the segment row ids of each side, as
 * co-occurrence evidence. Before it, the unit is ignored. */
void sv_terms_unit_add(struct sv_terms *tm, const int64_t *ru_segs, size_t nru,
		       const int64_t *bg_segs, size_t nbg);
/* A pair of documents (row ids) known to translate each other. */
void sv_terms_docpair_add(struct sv_terms *tm, int64_t ru_doc, int64_t bg_doc);
/* Learns word pairs from the units, then pairs the terms (compositional, acronyms,
 * projection). stats (may be NULL) gets units, learnt and projected. */
int sv_terms_pair(struct sv_terms *tm, struct sv_terms_stats *stats, struct sv_error *err);
/* The pairs scoring at least min_score, best first, with their terms, the terms worth
 * keeping alone, and the concepts, as one termbase refresh (sv_store_terms_write()). */
void sv_terms_result(struct sv_terms *tm, struct sv_termbase_refresh *r);
void sv_terms_result_release(struct sv_termbase_refresh *r);

/* ---- Pairing two term lists (sverka pair) ------------------------------ */

/* Below this score a Russian term gets no partner in sv_terms_pair_lists(). */
#define SV_TERMS_PAIR_THRESHOLD 0.45

struct sv_terms_match {
	long bg;      /* index into the Bulgarian list, -1 when none scores enough */
	double score; /* the best score (also when below the threshold) */
};

/* For each of the nru Russian terms, its best Bulgarian partner among the
 * nbg terms, scored by the same compositional scorer as sv_terms_pair()
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
