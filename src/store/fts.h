/* The memory's FTS5 tokenizer, and the row source for batched segment
 * inserts (internal to src/store). */
#ifndef SV_STORE_FTS_H
#define SV_STORE_FTS_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

/* Registers the tokenizer "sverka" on db: tokens are split on blanks, and
 * '|'-joined alternatives are colocated. Returns an SQLite result code. */
int sv_store_fts_register(sqlite3 *db);

/* Segment rows for one batched insert (sv_store_segs_add()), read by the
 * table-valued function sv_seg_rows(?1) with ?1 bound by
 * sqlite3_bind_pointer(s, 1, rows, SV_SEG_ROWS_PTR, NULL): one statement for
 * many rows. Borrowed: the strings must live until the call returns. */
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
#define SV_SEG_ROWS_PTR "sv_seg_rows"

struct sv_store;
struct sv_error;

/* Adds the rows as segments of rows->doc, all or none, with increasing ids
 * (*first the first one's, when first is not NULL). Like sv_store_seg_add():
 * indexed at the commit, or at once outside a transaction. */
int sv_store_segs_add(struct sv_store *st, const struct sv_seg_rows *rows, int64_t *first,
		      struct sv_error *err);

#endif
