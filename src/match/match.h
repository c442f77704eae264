/* Finding things in the memory: term lookup in any inflected form (lemma
 * sequences, observed forms, spelling variants), fuzzy translation-memory
 * search scored as CAT tools do, and concordance with aligned counterparts.
 * The score is defined in docs/MATCHING.md.
 *
 * Ownership: sv_match_open() borrows a store and a text context (both must
 * outlive the sv_match) and gives a handle freed with sv_match_close().
 * Result structs are the caller's: initialise them with their _INIT, pass
 * them to the call (which replaces their contents), free them with their
 * _release(). Every string in a result is owned by the result. */
#ifndef SV_MATCH_H
#define SV_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "base/status.h"
#include "store/store.h"
#include "text/text.h"

struct sv_match;

struct sv_match *sv_match_open(struct sv_store *st, struct sv_text *t, struct sv_error *err);
void sv_match_close(struct sv_match *m);

/* A highlighted or differing stretch of a text: bytes [start, start + len). */
struct sv_match_span {
	uint32_t start, len;
};

/* ---- Scoring (no store needed) ---------------------------------------- */

/* The fuzzy-match score of two analysed sentences, each given as its norm
 * (token keys, space-separated) and lemmas (per token its lemmas joined by
 * '|', tokens space-separated; NULL or "" to compare keys only): 100 *
 * (L - d) / L, L the larger token count, d the token edit distance where an
 * insertion, deletion or substitution of different lemmas costs 1 and a
 * substitution of a different form of the same lemma SV_MATCH_LEMMA_COST.
 * Two empty sentences score 100. When diff is not NULL, diff[j] is set for
 * each token j < maxdiff of the candidate b: 0 = same key, 1 = another form
 * of the same lemma, 2 = substituted or not in a. */
#define SV_MATCH_LEMMA_COST 0.3
double sv_match_score(const char *a_norm, const char *a_lemmas, const char *b_norm,
		      const char *b_lemmas, uint8_t *diff, size_t maxdiff);

/* Writes the spelling-fold of a lower-case key to out (appended): ё/э→е,
 * ы/й→и, ь and ъ dropped, so that Russian and Bulgarian spellings of a name
 * meet (кыргызстан and киргизстан both fold to киргизстан). */
void sv_match_fold(const char *key, size_t n, struct sv_buf *out);

/* Similarity in 0..1 of two strings by code-point Levenshtein over their
 * folds: 1 - d / max(length). */
double sv_match_spelling(const char *a, const char *b);

/* ---- Lookup ------------------------------------------------------------ */

enum sv_match_how {
	SV_MATCH_EXACT = 1, /* the query's lemma sequence is the term's */
	SV_MATCH_FORM,      /* the query is an observed surface form of the term */
	SV_MATCH_FOLD,      /* the same lemmas up to spelling (Кыргызстан/Киргизстан) */
	SV_MATCH_LONGER,    /* the query is a contiguous part of a longer term */
	SV_MATCH_SHORTER,   /* the term is a contiguous part of the query */
	SV_MATCH_STEM,      /* word by word the same stem, endings the lemmatiser did not
			       know (Садыра Жапарова / Садыр Жапаров); only when nothing
			       else matched */
};

/* "exact", "form", "spelling", "part-of-term", "term-in-query", "stem". */
const char *sv_match_how_name(enum sv_match_how how);

struct sv_match_term {
	int64_t id;
	int64_t concept;   /* 0 when none */
	enum sv_lang lang;
	char *citation;    /* the term as written */
	char *lemma_key;   /* its lemma sequence */
	enum sv_status status; /* candidate, approved or forbidden (never rejected) */
	char *kind;
	int64_t freq;
	int preferred;
};

/* A term of the query's language that the query matched. */
struct sv_match_hit {
	struct sv_match_term term;
	enum sv_match_how how;
	double rank; /* 0..1: 1 exact; see docs/MATCHING.md */
};

/* An equivalent: a term of the other language paired with a hit (through
 * term_pairs or a shared concept). */
struct sv_match_equiv {
	struct sv_match_term term;
	size_t hit;        /* index of the hit it translates */
	double score;      /* the pair's score (1 for concept-only links) */
	enum sv_status status; /* the pair's, or the term's for concept and spelling links */
	char *evidence;    /* the pair's evidence ("" when none) */
	int via_concept;   /* 1 when linked by concept only */
};

struct sv_match_lookup {
	enum sv_lang lang;       /* the query's language as used */
	char *lemmas;            /* the query's lemma sequence in that language */
	struct sv_match_hit *hits; /* best first */
	size_t nhits, hcap;
	struct sv_match_equiv *equivs; /* by hit, then preferred, status, score, freq */
	size_t nequivs, ecap;
	struct sv_match_term *suggest; /* "did you mean", when there are no hits */
	double *suggest_sim;           /* their similarity 0..1 */
	size_t nsuggest, scap;
};

#define SV_MATCH_LOOKUP_INIT { 0 }
void sv_match_lookup_release(struct sv_match_lookup *r);

/* Whether lookup also matches parts of terms. */
enum sv_match_partial {
	SV_MATCH_PARTIAL_ON = 0, /* also terms the query is part of, and terms in the query */
	SV_MATCH_PARTIAL_OFF,    /* whole terms only (`sverka lookup --exact`) */
};

struct sv_match_lookup_opts {
	enum sv_lang lang;   /* SV_LANG_UNKNOWN: detect (both languages tried) */
	size_t max_hits;     /* hits kept, default 8 */
	size_t max_suggest;  /* suggestions kept, default 5 */
	enum sv_match_partial partial; /* default SV_MATCH_PARTIAL_ON */
};

/* Sets the defaults above. */
void sv_match_lookup_opts_init(struct sv_match_lookup_opts *o);

/* Looks text up in the termbase (opts NULL: the defaults; a zero max_hits
 * or max_suggest: its default): hits in the query's language, ranked exact
 * lemma match first, and their equivalents; no hit fills suggest. A spelling
 * match in the other language (a Russian query spelt like a Bulgarian term)
 * is reported as an equivalent of the query itself (hit index SIZE_MAX). */
int sv_match_lookup(struct sv_match *m, const char *text, const struct sv_match_lookup_opts *opts,
		    struct sv_match_lookup *out, struct sv_error *err);

/* ---- Fuzzy search ------------------------------------------------------ */

struct sv_match_tm {
	int64_t unit;
	double score;       /* 0..100 */
	char *ru, *bg;      /* the unit's texts */
	enum sv_status status; /* candidate or approved (rejected units are left out) */
	char *origin, *method; /* "" when none */
	/* Words of the unit's query-language text that differ from the query
	 * (substituted or extra), as byte spans of ru or bg. */
	struct sv_match_span *diff;
	size_t ndiff;
};

struct sv_match_tms {
	enum sv_lang lang; /* the query's language */
	struct sv_match_tm *v; /* best first */
	size_t n, cap;
	size_t candidates;     /* how many units were scored */
};

#define SV_MATCH_TMS_INIT { 0 }
void sv_match_tms_release(struct sv_match_tms *r);

struct sv_match_search_opts {
	enum sv_lang lang; /* SV_LANG_UNKNOWN: detect */
	size_t limit;      /* results, default 5 */
	double min_score;  /* lowest score kept, 0..100, default 50 */
	size_t candidates; /* units fetched and scored, default 80 */
};

/* Sets the defaults above. */
void sv_match_search_opts_init(struct sv_match_search_opts *o);

/* Fuzzy matches for a sentence among the units (opts NULL: the defaults; a
 * zero field but lang: its default): candidates from the
 * postings of the query's tokens in the FTS index of unit lemmas (rare
 * tokens idf-weighted, common ones paired; see docs/MATCHING.md), scored
 * with sv_match_score(); ties by status (approved first) and unit id. */
int sv_match_search(struct sv_match *m, const char *text, const struct sv_match_search_opts *opts,
		    struct sv_match_tms *out, struct sv_error *err);

/* ---- Concordance ------------------------------------------------------- */

struct sv_match_line {
	int64_t seg;        /* the segment, 0 for a unit without segments */
	int64_t unit;       /* the unit it belongs to, 0 when not aligned */
	int64_t doc;        /* the segment's document, 0 for units */
	enum sv_lang lang;
	char *text;
	struct sv_match_span hl; /* the word or phrase in text */
	char *other;        /* the aligned counterpart, or NULL */
};

struct sv_match_lines {
	struct sv_match_line *v;
	size_t n, cap;
	size_t total;       /* lines found (may exceed n when limited) */
};

#define SV_MATCH_LINES_INIT { 0 }
void sv_match_lines_release(struct sv_match_lines *r);

/* Lines of lang holding the lemma sequence `lemma_key` (space-separated
 * lemmas, any inflected form), segments first then units, with counterparts;
 * at most limit lines, appended to out. */
int sv_match_concord_lemmas(struct sv_match *m, enum sv_lang lang, const char *lemma_key,
			    size_t limit, struct sv_match_lines *out, struct sv_error *err);

struct sv_match_concord_opts {
	enum sv_lang lang; /* the word's language; SV_LANG_UNKNOWN: both tried */
	size_t limit;      /* lines per language, default 20 */
};

/* Sets the defaults above. */
void sv_match_concord_opts_init(struct sv_match_concord_opts *o);

/* Concordance of a word or phrase (opts NULL: the defaults; a zero limit:
 * its default): analysed in opts->lang and passed to
 * sv_match_concord_lemmas(); with SV_LANG_UNKNOWN in both languages (the
 * detected one first, up to limit lines each), as a word may be either.
 * *used (may be NULL) gets the first language with lines. */
int sv_match_concord(struct sv_match *m, const char *word,
		     const struct sv_match_concord_opts *opts, struct sv_match_lines *out,
		     enum sv_lang *used, struct sv_error *err);

#endif
