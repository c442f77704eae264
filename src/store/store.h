/* The memory: one SQLite file holding documents, segments, alignments and
 * the termbase. Schema versioned with PRAGMA user_version and migrated
 * forward on open; WAL journal, foreign keys on.
 *
 * Ownership: sv_store_open() gives a handle the caller closes with
 * sv_store_close(). The SQLite connection and its statements are the
 * store's own (store/store-int.h, for src/store only). Structs filled by
 * sv_store_doc_find() own their strings: free with sv_store_doc_release(). */
#ifndef SV_STORE_H
#define SV_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "base/lang.h"
#include "base/status.h"


enum sv_store_flags {
	SV_STORE_CREATE = 1 << 0,   /* create the file if missing */
	SV_STORE_READONLY = 1 << 1, /* open read-only (no migration) */
};

struct sv_store;

int sv_store_open(const char *path, unsigned flags, struct sv_store **out, struct sv_error *err);
void sv_store_close(struct sv_store *st);
const char *sv_store_path(const struct sv_store *st);

/* Runs one or more statements without results. */
int sv_store_exec(struct sv_store *st, const char *sql, struct sv_error *err);

/* Transactions: begin/commit/rollback the command's one transaction;
 * savepoints nest inside it (one per input file, so a failing file leaves
 * nothing of itself while the others go in). Segments added in a
 * transaction reach the concordance index (segments_fts) at the commit, in
 * one statement; sv_store_index() does it earlier, for a query inside the
 * transaction. Commit with sv_store_commit(), not a bare COMMIT. */
int sv_store_begin(struct sv_store *st, struct sv_error *err);
int sv_store_commit(struct sv_store *st, struct sv_error *err);
void sv_store_rollback(struct sv_store *st);
int sv_store_savepoint(struct sv_store *st, const char *name, struct sv_error *err);
int sv_store_release(struct sv_store *st, const char *name, struct sv_error *err);
void sv_store_rollback_to(struct sv_store *st, const char *name);
/* Indexes the segments added since the last indexing (see above). */
int sv_store_index(struct sv_store *st, struct sv_error *err);

/* Current time as ISO 8601 UTC ("2025-11-27T12:48:00Z") into buf[21]. */
void sv_store_now(char buf[21]);

/* ---- Documents and segments ------------------------------------------ */

struct sv_store_doc {
	int64_t id;
	char *path;   /* as added */
	char *sha256; /* of the file's bytes */
	char *lang;   /* "ru", "bg" or "other" */
	char *date;   /* YYYY-MM-DD or NULL */
	char *outlet; /* or NULL */
	char *title;  /* or NULL */
	char *format; /* "text", "html", "segmented" */
	int64_t bytes;
	int64_t segments; /* number of segments */
};

void sv_store_doc_release(struct sv_store_doc *doc);

/* Finds a document by id (all digits) or by the path as added. Returns
 * SV_EINPUT with "no document 'x' in the memory" when absent. */
int sv_store_doc_find(struct sv_store *st, const char *id_or_path, struct sv_store_doc *out,
		      struct sv_error *err);
/* Finds a document holding exactly these bytes; *id = 0 when none. */
int sv_store_doc_by_sha(struct sv_store *st, const char *sha256, int64_t *id, char **path,
			struct sv_error *err);
/* Inserts a document row (segments added after); doc->id is set. */
int sv_store_doc_add(struct sv_store *st, struct sv_store_doc *doc, struct sv_error *err);
/* Deletes a document with its segments, pairs and units. */
int sv_store_doc_delete(struct sv_store *st, int64_t id, struct sv_error *err);

struct sv_store_seg {
	int64_t doc;
	int64_t ordinal;   /* 1-based */
	int64_t para;      /* 1-based paragraph (line with --segmented) */
	const char *lang;  /* the paragraph's language */
	const char *text;  /* NFC */
	const char *norm;  /* matching keys */
	const char *lemmas;
};

/* Adds one segment (*id its id, when id is not NULL); indexed at the commit,
 * or at once outside a transaction. Many go faster with sv_store_segs_add(). */
int sv_store_seg_add(struct sv_store *st, const struct sv_store_seg *seg, int64_t *id,
		     struct sv_error *err);

/* Segment rows for one batched insert: one statement for many rows. Borrowed:
 * the strings must live until the call returns; ntext, nnorm and nlemmas are
 * their lengths in bytes. */
struct sv_seg_row {
	int64_t ordinal, para;
	const char *lang, *text, *norm, *lemmas;
	int ntext, nnorm, nlemmas;
};
struct sv_seg_rows {
	int64_t doc;
	const struct sv_seg_row *v;
	size_t n;
};

/* Adds the rows as segments of rows->doc, all or none, with increasing ids
 * (*first the first one's, when first is not NULL). Like sv_store_seg_add():
 * indexed at the commit, or at once outside a transaction. */
int sv_store_segs_add(struct sv_store *st, const struct sv_seg_rows *rows, int64_t *first,
		      struct sv_error *err);

/* ---- Counts, and the queries of match and show (stats.c, concord.c) ---- */

/* What the memory holds: documents and segments per language, pairs, units
 * and terms. Owns its strings: initialise with SV_STORE_COUNTS_INIT, free
 * with sv_store_counts_release(). */
struct sv_store_lang_count {
	char *lang; /* the documents' language as stored: "ru", "bg", "other" */
	int64_t docs, segs;
};

struct sv_store_counts {
	struct sv_store_lang_count *langs; /* in order of language code */
	size_t nlangs;
	int64_t doc_pairs, units, terms, term_pairs;
	int64_t approved_pairs; /* term pairs with status approved */
};

#define SV_STORE_COUNTS_INIT { 0 }
void sv_store_counts_release(struct sv_store_counts *c);
/* Fills out (its contents replaced) with the memory's counts. */
int sv_store_stats(struct sv_store *st, struct sv_store_counts *out, struct sv_error *err);

/* A stored segment, borrowed by a callback until it returns. */
struct sv_store_seg_row {
	int64_t id, doc;
	int64_t ordinal, para; /* 1-based */
	const char *lang;      /* as stored: "ru", "bg", "other" */
	const char *text, *norm, *lemmas;
};

/* Calls fn for each segment of document doc in order, or with doc 0 for every
 * segment of the memory, by document and then order; fn returning non-zero
 * stops (and is not an error). */
int sv_store_doc_segs(struct sv_store *st, int64_t doc,
		      int (*fn)(void *ctx, const struct sv_store_seg_row *seg), void *ctx,
		      struct sv_error *err);

/* A translation unit seen from one language, borrowed by a callback until it
 * returns. Text columns may be NULL (a unit stored without analysis). */
struct sv_store_unit_view {
	int64_t id;
	enum sv_lang lang;          /* the side viewed */
	const char *text;           /* that side's text, norm and lemmas */
	const char *norm, *lemmas;
	const char *other;          /* the other side's text */
	enum sv_status status;      /* never rejected: rejected units are left out */
	const char *origin;         /* "" when none */
	const char *method;
};

/* An FTS5 query over the lemmas of one language (the column is the store's
 * business): a phrase ("a b"), a parenthesised group (("a" OR "b")) or a
 * NEAR(...), as FTS5 writes them after "column : ". */

/* The largest unit id (0 for none): the number of units as far as weights
 * go. */
int sv_store_units_max_id(struct sv_store *st, int64_t *id, struct sv_error *err);

/* Calls fn(ctx, unit) with the id of each unit (any status) whose lang
 * lemmas match the FTS5 query expr, up to max ids (0: all); fn returning
 * non-zero stops. */
int sv_store_unit_ids_match(struct sv_store *st, enum sv_lang lang, const char *expr, size_t max,
			    int (*fn)(void *ctx, int64_t unit), void *ctx, struct sv_error *err);

/* The same ids read a few at a time, many queries open at once: open with
 * sv_store_postings_open() (*out NULL on error), read with
 * sv_store_postings_next(), free with sv_store_postings_close(). The
 * iterator borrows the store and copies expr. */
struct sv_store_postings;
int sv_store_postings_open(struct sv_store *st, enum sv_lang lang, const char *expr,
			   struct sv_store_postings **out, struct sv_error *err);
/* Sets *unit to the next id, or to 0 after the last (unit ids start at 1). */
int sv_store_postings_next(struct sv_store_postings *p, int64_t *unit, struct sv_error *err);
void sv_store_postings_close(struct sv_store_postings *p);

/* Calls fn once with unit id seen from lang, unless the unit is absent or
 * rejected (then not at all). */
int sv_store_unit_view_read(struct sv_store *st, int64_t id, enum sv_lang lang,
			    int (*fn)(void *ctx, const struct sv_store_unit_view *u), void *ctx,
			    struct sv_error *err);
/* Calls fn for each unit not rejected whose lang lemmas match the FTS5 query
 * expr, at most limit (0: all); fn returning non-zero stops. */
int sv_store_units_match(struct sv_store *st, enum sv_lang lang, const char *expr, size_t limit,
			 int (*fn)(void *ctx, const struct sv_store_unit_view *u), void *ctx,
			 struct sv_error *err);
/* Calls fn for each segment of lang whose lemmas match the FTS5 query expr
 * (in the concordance index: see sv_store_index()), at most limit (0: all);
 * fn returning non-zero stops. */
int sv_store_segs_match(struct sv_store *st, enum sv_lang lang, const char *expr, size_t limit,
			int (*fn)(void *ctx, const struct sv_store_seg_row *seg), void *ctx,
			struct sv_error *err);
/* The unit, not rejected, that aligns segment seg of document doc (of lang)
 * through the document's pairs: *unit its id and *other (the caller frees)
 * the other side's text; *unit = 0 and *other = NULL when there is none. */
int sv_store_seg_unit(struct sv_store *st, enum sv_lang lang, int64_t doc, int64_t seg,
		      int64_t *unit, char **other, struct sv_error *err);

/* ---- Alignment: documents to align, document pairs (store/docpairs.c) -- */

/* A Russian or Bulgarian document as alignment reads it; strings borrowed for the
 * callback's duration. */
struct sv_store_align_doc {
	int64_t id;
	const char *path;
	const char *lang; /* "ru" or "bg" */
	const char *date; /* YYYY-MM-DD or "" */
	int aligned;      /* documents.aligned: 1 once an align run has seen it */
};

/* Calls fn for every Russian and Bulgarian document, in id order; a nonzero return
 * from fn stops the listing and is returned. */
int sv_store_align_docs_list(struct sv_store *st,
			     int (*fn)(void *ctx, const struct sv_store_align_doc *doc), void *ctx,
			     struct sv_error *err);
/* Records that an align run has seen document doc (documents.aligned = 1). */
int sv_store_doc_mark_aligned(struct sv_store *st, int64_t doc, struct sv_error *err);

/* A document pair; mode is "parallel" or "comparable". In rows given to a
 * callback the strings are borrowed for the call. */
struct sv_store_docpair {
	int64_t id;                 /* set by the store (listing) */
	int64_t ru_doc, bg_doc;
	double score;
	const char *mode;
	int declared;               /* declared by a person (--parallel/--comparable) */
	const char *created;        /* ISO 8601 UTC */
	const char *ru_path, *bg_path; /* the documents' paths (listing only) */
};

/* Adds the pair, or updates the stored pair of the same two documents (score and
 * mode replaced, declared kept once set); *id gets the pair's id. */
int sv_store_docpair_put(struct sv_store *st, const struct sv_store_docpair *pair, int64_t *id,
			 struct sv_error *err);
/* *found = 1 when the memory holds a pair of documents ru_doc and bg_doc, else 0. */
int sv_store_docpair_exists(struct sv_store *st, int64_t ru_doc, int64_t bg_doc, int *found,
			    struct sv_error *err);
/* Calls fn for every pair, every field set, by Russian path, best score first,
 * then Bulgarian path; nonzero from fn stops the listing and is returned. */
int sv_store_docpairs_list(struct sv_store *st,
			   int (*fn)(void *ctx, const struct sv_store_docpair *pair), void *ctx,
			   struct sv_error *err);

/* ---- Translation units (store/units.c) ---------------------------------- */

/* A unit: an aligned sentence group of a document pair (pair != 0, segment lists
 * set) or an imported pair (pair 0). Segment lists are comma-separated segment ids.
 * In rows given to a callback every string is borrowed for the call; the columns a
 * query does not fill are NULL (pair 0 documents: ru_doc .. date NULL). */
struct sv_store_unit {
	int64_t id;
	int64_t pair;                   /* 0: imported */
	const char *ru_segs, *bg_segs;  /* "12,13"; NULL for imported units */
	const char *ru_text, *bg_text;
	const char *ru_norm, *ru_lemmas; /* as sv_text_analyse() writes them */
	const char *bg_norm, *bg_lemmas;
	const char *link;               /* "1-1", "2-1", ... */
	double score;
	const char *method;             /* "monotone", "mining", "import", ... */
	const char *status;             /* "candidate", "approved" or "rejected" */
	const char *origin;             /* imported: the file; else NULL */
	const char *created;            /* ISO 8601 UTC */
	const char *ru_doc, *bg_doc;    /* the pair's document paths (listing only) */
	const char *outlet, *date;      /* of the pair's documents (listing only) */
};

/* Deletes the units of document pair `pair` (before storing its new alignment). */
int sv_store_units_clear(struct sv_store *st, int64_t pair, struct sv_error *err);
/* Adds an aligned unit of u->pair from u's segment lists, texts, analyses, link,
 * score, method and created (status candidate). */
int sv_store_unit_add(struct sv_store *st, const struct sv_store_unit *u, struct sv_error *err);
/* Adds an imported unit (u->pair ignored: none) with u's status, origin and created,
 * or, when a unit of the same two texts was imported before, counts it once more;
 * *count gets the stored unit's count (1: new). */
int sv_store_unit_import(struct sv_store *st, const struct sv_store_unit *u, int64_t *count,
			 struct sv_error *err);

/* Which units sv_store_units_list() gives. Initialise with SV_STORE_UNITS_FILTER_INIT
 * (every unit but rejected ones, in id order). */
struct sv_store_units_filter {
	double min_score;   /* only units scored at least this (with has_min_score) */
	int has_min_score;
	const char *status; /* only this status; NULL: every status but "rejected"
			     * (or every status at all, with any_status) */
	int any_status;
	int64_t pair;       /* only the units of this document pair; 0: all */
	int cited;          /* only units citing segments on both sides (aligned units) */
	int by_pair;        /* ordered by document pair, then id (else by id) */
};
#define SV_STORE_UNITS_FILTER_INIT { 0, 0, NULL, 0, 0, 0, 0 }

/* Calls fn for each unit f selects, with every column of struct sv_store_unit filled
 * (and the pair's document paths, outlet and date). Another query may run from fn.
 * A nonzero return from fn stops the listing and is returned. For term extraction:
 * { .any_status = 1, .cited = 1 } gives every aligned unit with its texts, norms,
 * lemmas and segment lists, and .pair narrows it to one document pair. */
int sv_store_units_list(struct sv_store *st, const struct sv_store_units_filter *f,
			int (*fn)(void *ctx, const struct sv_store_unit *u), void *ctx,
			struct sv_error *err);

struct sv_buf;

/* Replaces out's contents with the ordinals of the segments in a comma-separated
 * segment id list (a unit's ru_segs), comma-separated; "" for NULL or "". */
int sv_store_seg_ordinals(struct sv_store *st, const char *ids, struct sv_buf *out,
			  struct sv_error *err);
/* An example of a term in use: a stored sentence of language lang ("ru"/"bg")
 * holding the lemma sequence of the term with this citation form (any inflected
 * form), of a readable length. *text is NULL when there is none (a term from an
 * imported glossary); the caller frees it. */
int sv_store_term_example(struct sv_store *st, const char *lang, const char *citation,
			  char **text, struct sv_error *err);

#endif
