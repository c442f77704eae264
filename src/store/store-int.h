/* The store's internals: the SQLite connection and its cached statements,
 * shared by the files of src/store (the FTS5 tokenizer: store/fts-int.h).
 *
 * Code outside of src/store should use only the public functions declared in
 * store/store.h, store/termbase.h and store/terms-store.h, and should *not*
 * include this file: the schema is the store's business. (Tests of the
 * on-disk format open the file with SQLite itself.)
 *
 * Ownership: st_db() lends the store's connection; statements from
 * st_prepare() are cached and owned by the store: borrowed, reset and
 * unbound on every call, finalised at close. */
#ifndef SV_STORE_STORE_INT_H
#define SV_STORE_STORE_INT_H

#include <sqlite3.h>

#include "base/status.h"
#include "store/store.h"

/* The connection (borrowed). */
sqlite3 *st_db(struct sv_store *st);
/* A cached prepared statement for sql (a string literal or otherwise
 * stable text), reset with bindings cleared. NULL on error (err set). */
sqlite3_stmt *st_prepare(struct sv_store *st, const char *sql, struct sv_error *err);
/* Sets err from the connection's last error with a context prefix; returns SV_ESTORE. */
int st_fail(struct sv_store *st, struct sv_error *err, const char *what);
/* Steps s once and resets it: SV_OK when it ran to SQLITE_DONE, otherwise
 * st_fail() with what. */
int st_step_done(struct sv_store *st, sqlite3_stmt *s, const char *what,
		       struct sv_error *err);
/* Runs the cached statement sql with ?1 bound to id (a DELETE or UPDATE by
 * key) through st_step_done(). */
int st_exec_id(struct sv_store *st, const char *sql, int64_t id, const char *what,
		     struct sv_error *err);

/* Binds texts[0..n) to the parameters ?first.. of s, borrowed (SQLITE_STATIC):
 * they must outlive the step. */
void st_bind_texts(sqlite3_stmt *s, int first, const char *const *texts, size_t n);

/* Column i of the current row of s: the text borrowed from s until its next
 * step (NULL for SQL NULL), the same or "" for NULL, a copy the caller frees
 * (NULL for SQL NULL), or the review status (a candidate when NULL or unknown). */
const char *st_col_text(sqlite3_stmt *s, int i);
const char *st_col_text_or_empty(sqlite3_stmt *s, int i);
char *st_col_dup(sqlite3_stmt *s, int i);
enum sv_status st_col_status(sqlite3_stmt *s, int i);
/* Maps the columns id, path, sha256, lang, date, outlet, title, format, bytes
 * and the segment count into out; its strings are copies that
 * sv_store_doc_release() frees. */
void st_doc_row(sqlite3_stmt *s, struct sv_store_doc *out);

#endif
