/* The store's internals: the SQLite connection and its cached statements,
 * shared by the files of src/store (the FTS5 tokenizer: store/fts-int.h).
 *
 * Code outside of src/store should use only the public functions declared in
 * store/store.h, store/termbase.h and store/terms-store.h, and should *not*
 * include this file: the schema is the store's business. (Tests of the
 * on-disk format open the file with SQLite itself.)
 *
 * Ownership: sv_store_db() lends the store's connection; statements from
 * sv_store_prepare() are cached and owned by the store: borrowed, reset and
 * unbound on every call, finalised at close. */
#ifndef SV_STORE_STORE_INT_H
#define SV_STORE_STORE_INT_H

#include <sqlite3.h>

#include "store/store.h"

/* The connection (borrowed). */
sqlite3 *sv_store_db(struct sv_store *st);
/* A cached prepared statement for sql (a string literal or otherwise
 * stable text), reset with bindings cleared. NULL on error (err set). */
sqlite3_stmt *sv_store_prepare(struct sv_store *st, const char *sql, struct sv_error *err);
/* Sets err from the connection's last error with a context prefix; returns SV_ESTORE. */
int sv_store_fail(struct sv_store *st, struct sv_error *err, const char *what);

#endif
