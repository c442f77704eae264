/* The termbase in the memory: terms of each language (lemma key, citation
 * form, observed forms), the Russian-Bulgarian pairs between them with a
 * score, readable evidence and a review status, and concepts grouping the
 * variants. A person's decision (approved/rejected/forbidden, manual adds) is
 * never overwritten by a later `align`: only pairs still 'candidate' with
 * origin 'align' are replaced.
 *
 * Ownership: strings passed in are borrowed for the call. Rows handed to a
 * listing callback are borrowed until the callback returns. */
#ifndef SV_STORE_TERMBASE_H
#define SV_STORE_TERMBASE_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* One term to write. kind: "acronym", "name" or "phrase"; origin: "align"
 * (seen in text), "projected" (not seen, spelt from the other language),
 * "manual". */
struct sv_termbase_term {
	const char *lang;      /* "ru" or "bg" */
	const char *lemma_key; /* lemmas joined by single spaces (lower case, ё→е) */
	const char *citation;  /* nominative, indefinite */
	const char *kind;
	int64_t freq;
	double termhood;
	const char *origin;
};

/* Inserts a term or refreshes the row with the same (lang, lemma_key):
 * frequency, termhood, kind and citation are updated unless the term was
 * added by hand or reviewed. *id gets the row id. */
int sv_termbase_term_put(struct sv_store *st, const struct sv_termbase_term *t, int64_t *id,
			 struct sv_error *err);
/* Finds a term by (lang, lemma_key); *id = 0 when absent. */
int sv_termbase_term_find(struct sv_store *st, const char *lang, const char *lemma_key,
			  int64_t *id, struct sv_error *err);
/* Records count more observations of the surface form `form` of term. */
int sv_termbase_form_add(struct sv_store *st, int64_t term, const char *form, int64_t count,
			 struct sv_error *err);
/* The same for the len bytes at form (no NUL needed; len below 2^31). */
int sv_termbase_form_add_len(struct sv_store *st, int64_t term, const char *form, size_t len,
			     int64_t count, struct sv_error *err);

/* Starts a refresh by `align`: marks the candidate pairs it made before
 * (origin 'align', status 'candidate') stale and clears the counts and forms
 * of the terms it made. Call inside the caller's transaction. */
int sv_termbase_refresh_begin(struct sv_store *st, struct sv_error *err);
/* Ends a refresh: drops the stale candidate pairs not produced again, and
 * the terms `align` made that nothing references and no text holds. */
int sv_termbase_refresh_end(struct sv_store *st, struct sv_error *err);

/* Inserts a candidate pair from `align`, or refreshes the score and evidence
 * of the same candidate from an earlier run (its id stays); a decision or a
 * manual pair is left as it is. *id (may be NULL) gets the row id, or 0 when
 * a reviewed row was kept. */
int sv_termbase_pair_put(struct sv_store *st, int64_t ru_term, int64_t bg_term, double score,
			 const char *evidence, int64_t *id, struct sv_error *err);

/* Sets a pair's status ("approved", "rejected", "forbidden", "candidate") and
 * its review time; note (may be NULL) replaces the note when given.
 * SV_EINPUT "no term pair N" when absent. A person's decision goes through
 * sv_job_review() (job/review.h) instead; this write, inside a caller's
 * transaction (import), is recorded by the v4 trigger as 'command line'. */
int sv_termbase_pair_review(struct sv_store *st, int64_t id, const char *status,
			    const char *note, struct sv_error *err);

/* Adds a pair by hand: both terms (created with origin 'manual' when new),
 * the pair approved with origin 'manual' and score 1. An existing pair of
 * the same terms is approved and its note replaced. *id gets the pair. */
int sv_termbase_pair_add_manual(struct sv_store *st, const struct sv_termbase_term *ru,
				const struct sv_termbase_term *bg, const char *note, int64_t *id,
				struct sv_error *err);

/* Concepts: clears the concept of every term not in a reviewed pair. */
int sv_termbase_concepts_reset(struct sv_store *st, struct sv_error *err);
/* Puts terms a and b in one concept (creating or merging concepts). */
int sv_termbase_concept_join(struct sv_store *st, int64_t a, int64_t b, struct sv_error *err);
/* Recomputes the preferred term per (concept, language): an approved pair's
 * term first, then the highest frequency, then the shortest citation. */
int sv_termbase_concepts_prefer(struct sv_store *st, struct sv_error *err);

/* ---- Listing --------------------------------------------------------- */

struct sv_termbase_pair {
	int64_t id;
	const char *ru, *bg;         /* citation forms */
	const char *ru_kind, *bg_kind;
	const char *ru_origin, *bg_origin;
	int64_t ru_freq, bg_freq;
	int64_t concept;             /* the Russian term's concept, 0 when none */
	int ru_preferred, bg_preferred;
	double score;
	const char *status, *evidence, *origin;
	const char *note;            /* or NULL */
	const char *reviewed;        /* ISO time or NULL */
};

struct sv_termbase_filter {
	const char *status;  /* NULL: all */
	double min_score;    /* pairs scoring below are left out */
	const char *lang;    /* the language whose terms lead: "ru" (NULL) or "bg";
				ties are ordered by its citation, and `best` is
				per term of that language */
	int best;            /* only each leading term's best pair (approved first,
				never rejected) */
	int64_t limit;       /* 0: no limit */
};

/* sv_termbase_rows_find() with the filter's fields, for callers that need no revision or
 * paging. fn returning non-zero stops the listing. */
int sv_termbase_pairs_list(struct sv_store *st, const struct sv_termbase_filter *f,
			   int (*fn)(void *ctx, const struct sv_termbase_pair *p), void *ctx,
			   struct sv_error *err);

/* ---- Term queries (terms-query.c) ------------------------------------- */

/* A stored term, borrowed by a callback until it returns. */
struct sv_store_term {
	int64_t id;
	int64_t concept;       /* 0 when none */
	enum sv_lang lang;
	const char *citation;  /* the term as written */
	const char *lemma_key; /* its lemma sequence */
	enum sv_status status;
	const char *kind;      /* "" when none */
	int64_t freq;
	int preferred;
};

/* Which terms sv_store_terms_find() gives. Rejected terms never come; for the
 * FTS5 queries the limit counts the best matches before they are left out. */
enum sv_store_terms_by {
	SV_STORE_TERMS_LEMMAS = 1, /* of lang, lemma_key equal to key */
	SV_STORE_TERMS_FORM,        /* of lang, with the observed surface form key */
	SV_STORE_TERMS_PHRASE,      /* of lang, lemma_key matching the FTS5 query key */
	SV_STORE_TERMS_CONCEPT,     /* of lang, in concept */
	SV_STORE_TERMS_FOLD,        /* any language, spelling fold (sv_match_fold) equal to key */
	SV_STORE_TERMS_FOLD_WORDS,  /* any language, folds matching the FTS5 query key, by rank */
	SV_STORE_TERMS_LEMMA_WORDS, /* any language, lemma_key matching the FTS5 query key, by
				       rank */
	SV_STORE_TERMS_CONCEPTS,    /* every term with a concept, by concept then id */
};

struct sv_store_terms_query {
	enum sv_store_terms_by by;
	enum sv_lang lang;  /* for LEMMAS, FORM, PHRASE, CONCEPT */
	const char *key;    /* lemma key, form, fold or FTS5 query */
	int64_t concept;    /* for CONCEPT */
	size_t limit;       /* 0: no limit */
};

/* Calls fn for each term the query gives; fn returning non-zero stops.
 * SV_STORE_TERMS_PHRASE, _FOLD, _FOLD_WORDS and _LEMMA_WORDS need the term
 * indexes (sv_store_has_term_index()). */
int sv_store_terms_find(struct sv_store *st, const struct sv_store_terms_query *q,
			int (*fn)(void *ctx, const struct sv_store_term *t), void *ctx,
			struct sv_error *err);

/* Whether the memory has the term indexes (terms_fts, term_folds). */
int sv_store_has_term_index(struct sv_store *st, int *has, struct sv_error *err);

/* A term pair with both terms, borrowed by a callback until it returns. */
struct sv_store_term_pair {
	int64_t id;
	struct sv_store_term ru, bg;
	double score;
	enum sv_status status; /* never rejected: rejected pairs are left out */
	const char *evidence;  /* "" when none */
};

/* Calls fn for each pair, not rejected, of term (a term of lang), or with
 * term 0 for every pair not rejected in order of id; fn returning non-zero
 * stops. */
int sv_store_term_pairs_find(struct sv_store *st, int64_t term, enum sv_lang lang,
			     int (*fn)(void *ctx, const struct sv_store_term_pair *p), void *ctx,
			     struct sv_error *err);

/* Deletes a term with its forms and pairs. */
int sv_store_term_delete(struct sv_store *st, int64_t id, struct sv_error *err);

/* ---- Review with revisions, the audit trail, documents (store/review.c) ----
 * For sv_job_review() (`sverka term`, `sverka serve`): a reviewer's decision is
 * checked against the revision the reviewer saw and written with its audit row
 * in one transaction, or not at all. Writes that bypass it (imports, manual
 * adds) are recorded by the v4 trigger. Rows handed to callbacks are borrowed
 * until the callback returns. */

/* A pair as the review page shows it: the listing row and what review needs. */
struct sv_termbase_row {
	struct sv_termbase_pair p;
	int64_t ru_term, bg_term;
	int64_t revision;   /* raised by every change of status, note or citation */
};

struct sv_termbase_query {
	int64_t id;          /* one pair, the other fields then ignored (0: any) */
	const char *status;  /* NULL: all */
	const char *kind;    /* either term's kind: acronym, name, phrase (NULL: all) */
	double min_score;
	const char *text;    /* part of either citation, case-insensitive (NULL: all) */
	enum sv_lang lead;   /* the language whose terms lead: SV_LANG_RU (or UNKNOWN) or
				SV_LANG_BG; ties are ordered by its citation, and `best` is
				per term of that language */
	int best;            /* only each leading term's best pair (approved first, never
				rejected) */
	int64_t offset, limit; /* a page; limit 0: no limit */
};

/* The one listing of term pairs (sverka terms, the server's pairs, exports): calls fn for
 * each pair passing q, best score first (ties by the leading language's citation, then the
 * other's, then id); *total (may be NULL) gets how many pass q
 * regardless of offset and limit. fn returning non-zero stops the listing. */
int sv_termbase_rows_find(struct sv_store *st, const struct sv_termbase_query *q,
			  int (*fn)(void *ctx, const struct sv_termbase_row *r), void *ctx,
			  int64_t *total, struct sv_error *err);

enum sv_termbase_action {
	SV_TERMBASE_SET_STATUS, /* status: approved, rejected, forbidden or candidate (undo) */
	SV_TERMBASE_SET_NOTE,   /* note ("" clears it) */
	SV_TERMBASE_SET_CITATION, /* lang's citation form; the term becomes origin 'manual'
				     so that align keeps it */
	SV_TERMBASE_ADD_VARIANT,  /* a term of lang (citation, lemma_key) paired by hand with
				     the pair's other term, in the same concept */
};

struct sv_termbase_decision {
	int64_t pair;
	int64_t revision;     /* the revision the reviewer saw; -1: do not check */
	enum sv_termbase_action action;
	enum sv_status status; /* SET_STATUS: candidate (undo), approved, rejected, forbidden */
	const char *note;     /* SET_NOTE; also attached to a SET_STATUS when not NULL */
	enum sv_lang lang;    /* SET_CITATION, ADD_VARIANT: SV_LANG_RU or SV_LANG_BG */
	const char *citation; /* SET_CITATION, ADD_VARIANT */
	const char *lemma_key; /* ADD_VARIANT */
	const char *who;      /* recorded in the audit trail ("local" without logins) */
};

enum sv_termbase_outcome {
	SV_TERMBASE_DONE = 0,
	SV_TERMBASE_MISSING, /* no such pair: nothing written */
	SV_TERMBASE_STALE,   /* the pair's revision is not d->revision: nothing written */
};

/* Applies d in one transaction of its own (the store must not be in one)
 * together with its audit row. *outcome says what happened; *revision gets
 * the pair's revision after the call (the current one when stale); *added
 * (may be NULL) the new pair of ADD_VARIANT. SV_EINPUT for a bad status or
 * lang. */
int sv_termbase_decide(struct sv_store *st, const struct sv_termbase_decision *d,
		       enum sv_termbase_outcome *outcome, int64_t *revision, int64_t *added,
		       struct sv_error *err);

struct sv_termbase_review {
	int64_t id, pair, revision;
	const char *ru, *bg;     /* the pair's citations now */
	const char *action;      /* "status", "note", "citation", "variant" */
	const char *status;      /* the pair's status after the decision */
	const char *detail;      /* the note, citation or variant, or NULL */
	const char *who, *at;
};

/* Calls fn for the audit trail of pair (0: every pair), oldest first; at
 * most limit rows (0: all). */
int sv_termbase_reviews_list(struct sv_store *st, int64_t pair, int64_t limit,
			     int (*fn)(void *ctx, const struct sv_termbase_review *r), void *ctx,
			     struct sv_error *err);

/* Calls fn for each document, by id, and *total the number of them. */
int sv_store_docs_list(struct sv_store *st, int64_t offset, int64_t limit,
		       int (*fn)(void *ctx, const struct sv_store_doc *d), void *ctx,
		       int64_t *total, struct sv_error *err);

struct sv_store_docpair_summary {
	int64_t id, ru_doc, bg_doc;
	const char *ru_path, *bg_path;
	double score;
	const char *mode;    /* "parallel" or "comparable" */
	int declared;
	int64_t units;
};

/* Calls fn for the document pairs that include doc (0: any) and are pair
 * (0: any), best first, with their unit counts. */
int sv_store_docpair_summaries(struct sv_store *st, int64_t doc, int64_t pair,
			       int (*fn)(void *ctx, const struct sv_store_docpair_summary *p),
			       void *ctx, struct sv_error *err);
struct sv_store_totals {
	int64_t documents, segments, doc_pairs, units, terms, term_pairs;
	int64_t by_status[4]; /* term pairs: candidate, approved, rejected, forbidden */
};

int sv_store_totals(struct sv_store *st, struct sv_store_totals *out, struct sv_error *err);

#endif
