/* The memory's FTS5 tokenizer (internal to src/store). */
#ifndef SV_STORE_FTS_H
#define SV_STORE_FTS_H

#include <sqlite3.h>

/* Registers the tokenizer "sverka" on db: tokens are split on blanks, and
 * '|'-joined alternatives are colocated. Returns an SQLite result code. */
int sv_store_fts_register(sqlite3 *db);

#endif
