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

/* Rows for one INSERT ... SELECT ... FROM sv_seg_rows(?1), ?1 bound with
 * sqlite3_bind_pointer(s, 1, rows, SV_SEG_ROWS_PTR, NULL). Each statement that
 * writes an FTS5 table flushes its pending terms at the statement's end (FTS5
 * syncs on every savepoint, and a statement inside a transaction is one), so
 * one row per statement writes one index segment per row; a batch writes one.
 * Borrowed: the strings must live until the statement is reset. */
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

#endif
