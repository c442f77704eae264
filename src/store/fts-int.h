/* The memory's FTS5 tokenizer, and the row source for batched segment
 * inserts (internal to src/store; code outside it should not include this
 * file: see store/store-int.h). */
#ifndef SV_STORE_FTS_INT_H
#define SV_STORE_FTS_INT_H

#include <sqlite3.h>

#include "store/store.h"

/* Registers the tokenizer "sverka" on db: tokens are split on blanks, and
 * '|'-joined alternatives are colocated. Returns an SQLite result code. */
int st_fts_register(sqlite3 *db);

/* The rows of one batched insert (struct sv_seg_rows, sv_store_segs_add()) are
 * read by the table-valued function sv_seg_rows(?1) with ?1 bound by
 * sqlite3_bind_pointer(s, 1, rows, SV_SEG_ROWS_PTR, NULL): one statement for
 * many rows. */
#define SV_SEG_ROWS_PTR "sv_seg_rows"

#endif
