/* Opening the memory, migrations, the statement cache, transactions, and
 * the document/segment queries. */
#include "store/fts-int.h"
#include "store/store-int.h"
#include "store/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/map.h"

struct sv_store {
	sqlite3 *db;
	char *path;
	struct sv_map stmts; /* sql text -> sqlite3_stmt* */
	int readonly;
};

int st_fail(struct sv_store *st, struct sv_error *err, const char *what)
{
	return sv_error_set(err, SV_ESTORE, "'%s': %s: %s", st->path, what, sqlite3_errmsg(st->db));
}

int st_step_done(struct sv_store *st, sqlite3_stmt *s, const char *what,
		       struct sv_error *err)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return st_fail(st, err, what);
	return SV_OK;
}

int st_exec_id(struct sv_store *st, const char *sql, int64_t id, const char *what,
		     struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st, sql, err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	return st_step_done(st, s, what, err);
}

void st_bind_texts(sqlite3_stmt *s, int first, const char *const *texts, size_t n)
{
	for (size_t k = 0; k < n; k++)
		sqlite3_bind_text(s, first + (int)k, texts[k], -1, SQLITE_STATIC);
}

const char *st_col_text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

const char *st_col_text_or_empty(sqlite3_stmt *s, int i)
{
	const char *v = st_col_text(s, i);
	return v ? v : "";
}

char *st_col_dup(sqlite3_stmt *s, int i)
{
	const char *v = st_col_text(s, i);
	return v ? sv_strdup(v) : NULL;
}

enum sv_status st_col_status(sqlite3_stmt *s, int i)
{
	const char *v = st_col_text(s, i);
	int status = v ? sv_status_parse(v) : -1;
	return status < 0 ? SV_STATUS_CANDIDATE : (enum sv_status)status;
}

sqlite3 *st_db(struct sv_store *st)
{
	return st->db;
}

const char *sv_store_path(const struct sv_store *st)
{
	return st->path;
}

int sv_store_exec(struct sv_store *st, const char *sql, struct sv_error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		sv_error_set(err, SV_ESTORE, "'%s': %s", st->path, msg ? msg : "error");
		sqlite3_free(msg);
		return SV_ESTORE;
	}
	return SV_OK;
}

sqlite3_stmt *st_prepare(struct sv_store *st, const char *sql, struct sv_error *err)
{
	size_t n = strlen(sql);
	struct sv_map_slot *s = sv_map_find(&st->stmts, sql, n);
	if (s) {
		sqlite3_stmt *stmt = (sqlite3_stmt *)s->val;
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
		return stmt;
	}
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v3(st->db, sql, (int)n, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) !=
	    SQLITE_OK) {
		sv_error_set(err, SV_ESTORE, "'%s': cannot prepare query: %s", st->path,
			     sqlite3_errmsg(st->db));
		return NULL;
	}
	sv_map_add(&st->stmts, sql, n, NULL)->val = (uintptr_t)stmt;
	return stmt;
}

static int user_version(struct sv_store *st, int *v, struct sv_error *err)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return st_fail(st, err, "not a sverka memory (cannot read schema version)");
	}
	*v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return SV_OK;
}

static int migrate(struct sv_store *st, struct sv_error *err)
{
	int v = 0, rc;
	if ((rc = user_version(st, &v, err)))
		return rc;
	int latest = sv_schema_latest();
	if (v > latest)
		return sv_error_set(err, SV_ESTORE,
				    "'%s': memory has schema version %d, newer than this sverka (%d)",
				    st->path, v, latest);
	if (v == latest)
		return SV_OK;
	if (st->readonly)
		return sv_error_set(err, SV_ESTORE,
				    "'%s': memory needs migration from schema %d; open it writable",
				    st->path, v);
	if ((rc = sv_store_exec(st, "BEGIN IMMEDIATE", err)))
		return rc;
	for (; v < latest; v++) {
		char pragma[64];
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", v + 1);
		const char *const *sql = sv_schema_migration(v);
		while (*sql && !(rc = sv_store_exec(st, *sql, err)))
			sql++;
		if (rc || (rc = sv_store_exec(st, pragma, err))) {
			sv_store_exec(st, "ROLLBACK", NULL);
			return sv_error_prefix(err, "migration to schema %d failed: ", v + 1);
		}
	}
	return sv_store_exec(st, "COMMIT", err);
}

/* Segments committed without their indexing (by a program that committed
 * on its own) are indexed now. Only looks, without a write lock, when there
 * are none: another process may be adding. */
static int index_leftovers(struct sv_store *st, struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st, "SELECT count(*) FROM segments_fts_pending", err);
	if (!s)
		return SV_ESTORE;
	int rc = sqlite3_step(s);
	int64_t n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return st_fail(st, err, "cannot read the index's pending segments");
	return n ? sv_store_index(st, err) : SV_OK;
}

int sv_store_open(const char *path, unsigned flags, struct sv_store **out, struct sv_error *err)
{
	struct sv_store *st = sv_calloc(1, sizeof(*st));
	int rc = SV_OK;
	st->path = sv_strdup(path);
	st->readonly = !!(flags & SV_STORE_READONLY);
	sv_map_init(&st->stmts);
	*out = NULL;

	struct stat sb;
	int fresh = 0;
	if (stat(path, &sb) != 0) {
		fresh = 1;
		if (!(flags & SV_STORE_CREATE) || st->readonly) {
			rc = sv_error_set(err, SV_ESTORE,
					  "'%s': no such memory (run 'sverka add' to create it)", path);
			goto out;
		}
	} else if (S_ISDIR(sb.st_mode)) {
		rc = sv_error_set(err, SV_ESTORE, "'%s': is a directory, not a memory file", path);
		goto out;
	}
	int oflags = (st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
		     SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
		rc = st_fail(st, err, "cannot open memory");
		goto out;
	}
	sqlite3_busy_timeout(st->db, 5000);
	if (st_fts_register(st->db) != SQLITE_OK) {
		rc = st_fail(st, err, "cannot register the full-text tokenizer");
		goto out;
	}
	sqlite3_extended_result_codes(st->db, 1);
	if ((rc = sv_store_exec(st, "PRAGMA foreign_keys = ON", err)))
		goto out;
	/* A new memory gets 8 KiB pages: half the pages, WAL frames and write
	 * calls of 4 KiB ones for the same rows (7% less CPU for an add). */
	if (fresh && (rc = sv_store_exec(st, "PRAGMA page_size = 8192", err)))
		goto out;
	/* 16 MiB of page cache, a constant: an add writes each new page once
	 * whatever the cache (a larger one only raised the peak memory). */
	if (!st->readonly &&
	    (rc = sv_store_exec(st, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
				       " PRAGMA cache_size = -16384;", err)))
		goto out;
	if ((rc = migrate(st, err)) || (!st->readonly && (rc = index_leftovers(st, err))))
		goto out;
	*out = st;
	return SV_OK;
out:
	sv_store_close(st);
	return rc;
}

void sv_store_close(struct sv_store *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->stmts.cap; i++)
		if (st->stmts.slots[i].key)
			sqlite3_finalize((sqlite3_stmt *)st->stmts.slots[i].val);
	sv_map_release(&st->stmts);
	if (st->db)
		sqlite3_close(st->db);
	free(st->path);
	free(st);
}

int sv_store_begin(struct sv_store *st, struct sv_error *err)
{
	return sv_store_exec(st, "BEGIN IMMEDIATE", err);
}

int sv_store_commit(struct sv_store *st, struct sv_error *err)
{
	int rc = sv_store_index(st, err);
	return rc ? rc : sv_store_exec(st, "COMMIT", err);
}

void sv_store_rollback(struct sv_store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sv_store_exec(st, "ROLLBACK", NULL);
}

int sv_store_savepoint(struct sv_store *st, const char *name, struct sv_error *err)
{
	char sql[128];
	snprintf(sql, sizeof(sql), "SAVEPOINT \"%s\"", name);
	return sv_store_exec(st, sql, err);
}

int sv_store_release(struct sv_store *st, const char *name, struct sv_error *err)
{
	char sql[128];
	snprintf(sql, sizeof(sql), "RELEASE \"%s\"", name);
	return sv_store_exec(st, sql, err);
}

void sv_store_rollback_to(struct sv_store *st, const char *name)
{
	char sql[160];
	snprintf(sql, sizeof(sql), "ROLLBACK TO \"%s\"; RELEASE \"%s\"", name, name);
	sv_store_exec(st, sql, NULL);
}

void sv_store_now(char buf[21])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- Documents ---------------------------------------------------------- */

void sv_store_doc_release(struct sv_store_doc *d)
{
	free(d->path);
	free(d->sha256);
	free(d->lang);
	free(d->date);
	free(d->outlet);
	free(d->title);
	free(d->format);
	memset(d, 0, sizeof(*d));
}

void st_doc_row(sqlite3_stmt *s, struct sv_store_doc *out)
{
	out->id = sqlite3_column_int64(s, 0);
	out->path = st_col_dup(s, 1);
	out->sha256 = st_col_dup(s, 2);
	out->lang = st_col_dup(s, 3);
	out->date = st_col_dup(s, 4);
	out->outlet = st_col_dup(s, 5);
	out->title = st_col_dup(s, 6);
	out->format = st_col_dup(s, 7);
	out->bytes = sqlite3_column_int64(s, 8);
	out->segments = sqlite3_column_int64(s, 9);
}

/* One lookup by id (key NULL) or by path; 1 found, 0 absent, <0 error. */
static int doc_lookup(struct sv_store *st, int64_t id, const char *path, struct sv_store_doc *out,
		      struct sv_error *err)
{
	static const char by_id[] =
		"SELECT id, path, sha256, lang, date, outlet, title, format, bytes,"
		" (SELECT count(*) FROM segments WHERE doc = documents.id)"
		" FROM documents WHERE id = ?1";
	static const char by_path[] =
		"SELECT id, path, sha256, lang, date, outlet, title, format, bytes,"
		" (SELECT count(*) FROM segments WHERE doc = documents.id)"
		" FROM documents WHERE path = ?1";
	sqlite3_stmt *s = st_prepare(st, path ? by_path : by_id, err);
	if (!s)
		return -1;
	if (path)
		sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		st_doc_row(s, out);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		st_fail(st, err, "cannot read documents");
		return -1;
	}
	return rc == SQLITE_ROW;
}

int sv_store_doc_find(struct sv_store *st, const char *id_or_path, struct sv_store_doc *out,
		      struct sv_error *err)
{
	memset(out, 0, sizeof(*out));
	int found = 0;
	if (*id_or_path && strspn(id_or_path, "0123456789") == strlen(id_or_path))
		found = doc_lookup(st, strtoll(id_or_path, NULL, 10), NULL, out, err);
	if (!found) {
		const char *p = id_or_path;
		while (p[0] == '.' && p[1] == '/') /* stored without a leading "./" */
			p += 2;
		found = doc_lookup(st, 0, p, out, err);
	}
	if (found < 0)
		return SV_ESTORE;
	if (!found)
		return sv_error_set(err, SV_EINPUT, "no document '%s' in the memory", id_or_path);
	return SV_OK;
}

int sv_store_doc_by_sha(struct sv_store *st, const char *sha256, int64_t *id, char **path,
			struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st, "SELECT id, path FROM documents WHERE sha256 = ?1"
					       " ORDER BY id LIMIT 1", err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_text(s, 1, sha256, -1, SQLITE_STATIC);
	*id = 0;
	if (path)
		*path = NULL;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		if (path)
			*path = st_col_dup(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(st, err, "cannot read documents");
	return SV_OK;
}

static void bind_opt(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

int sv_store_doc_add(struct sv_store *st, struct sv_store_doc *doc, struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(
		st,
		"INSERT INTO documents(path, sha256, lang, date, outlet, title, format, bytes, added)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
		err);
	if (!s)
		return SV_ESTORE;
	char now[21];
	sv_store_now(now);
	sqlite3_bind_text(s, 1, doc->path, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, doc->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, doc->lang, -1, SQLITE_STATIC);
	bind_opt(s, 4, doc->date);
	bind_opt(s, 5, doc->outlet);
	bind_opt(s, 6, doc->title);
	sqlite3_bind_text(s, 7, doc->format, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 8, doc->bytes);
	sqlite3_bind_text(s, 9, now, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) != SQLITE_DONE) {
		sqlite3_reset(s);
		return st_fail(st, err, "cannot add document");
	}
	sqlite3_reset(s);
	doc->id = sqlite3_last_insert_rowid(st->db);
	return SV_OK;
}

int sv_store_doc_delete(struct sv_store *st, int64_t id, struct sv_error *err)
{
	return st_exec_id(st, "DELETE FROM documents WHERE id = ?1", id,
				"cannot delete document", err);
}

/* Runs fn inside a savepoint of its own (a transaction when none is open):
 * all of it or nothing. */
static int in_savepoint(struct sv_store *st, int (*fn)(struct sv_store *, const void *, void *,
						 struct sv_error *),
			const void *in, void *out, struct sv_error *err)
{
	int rc = sv_store_savepoint(st, "sv_store", err);
	if (rc)
		return rc;
	if ((rc = fn(st, in, out, err)))
		sv_store_rollback_to(st, "sv_store");
	else
		rc = sv_store_release(st, "sv_store", err);
	return rc;
}

static int index_pending(struct sv_store *st, const void *in, void *out, struct sv_error *err)
{
	(void)in;
	(void)out;
	sqlite3_stmt *s = st_prepare(st, "SELECT lo, hi FROM segments_fts_pending", err);
	if (!s)
		return SV_ESTORE;
	int rc = sqlite3_step(s);
	int64_t lo = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	int64_t hi = rc == SQLITE_ROW ? sqlite3_column_int64(s, 1) : 0;
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return SV_OK;
	if (rc != SQLITE_ROW)
		return st_fail(st, err, "cannot read the index's pending segments");
	if (!(s = st_prepare(st,
				   "INSERT INTO segments_fts(rowid, lemmas)"
				   " SELECT id, lemmas FROM segments WHERE id BETWEEN ?1 AND ?2",
				   err)))
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, lo);
	sqlite3_bind_int64(s, 2, hi);
	if ((rc = st_step_done(st, s, "cannot index segments", err)))
		return rc;
	if (!(s = st_prepare(st, "DELETE FROM segments_fts_pending", err)))
		return SV_ESTORE;
	return st_step_done(st, s, "cannot index segments", err);
}

int sv_store_index(struct sv_store *st, struct sv_error *err)
{
	return in_savepoint(st, index_pending, NULL, NULL, err);
}

static int segs_add(struct sv_store *st, const void *in, void *out, struct sv_error *err)
{
	const struct sv_seg_rows *rows = in;
	/* Ids above every stored one and every pending one, so the pending
	 * range holds only rows that were never indexed. */
	sqlite3_stmt *s = st_prepare(
		st,
		"SELECT max(coalesce((SELECT max(id) FROM segments), 0),"
		" coalesce((SELECT hi FROM segments_fts_pending), 0))",
		err);
	if (!s)
		return SV_ESTORE;
	int rc = sqlite3_step(s);
	int64_t base = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return st_fail(st, err, "cannot add segments");
	if (!(s = st_prepare(
		      st,
		      "INSERT INTO segments(id, doc, ordinal, para, lang, text, norm, lemmas)"
		      " SELECT ?2 + rowid, doc, ordinal, para, lang, text, norm, lemmas"
		      " FROM sv_seg_rows(?1)",
		      err)))
		return SV_ESTORE;
	sqlite3_bind_pointer(s, 1, (void *)rows, SV_SEG_ROWS_PTR, NULL);
	sqlite3_bind_int64(s, 2, base);
	rc = st_step_done(st, s, "cannot add segments", err);
	sqlite3_clear_bindings(s);
	if (rc)
		return rc;
	if (!(s = st_prepare(st,
				   "INSERT INTO segments_fts_pending(one, lo, hi) VALUES (1, ?1, ?2)"
				   " ON CONFLICT(one) DO UPDATE SET hi = excluded.hi",
				   err)))
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, base + 1);
	sqlite3_bind_int64(s, 2, base + (int64_t)rows->n);
	if ((rc = st_step_done(st, s, "cannot add segments", err)))
		return rc;
	if (out)
		*(int64_t *)out = base + 1;
	return SV_OK;
}

/* Outside a transaction the savepoint is the transaction: index in it. */
static int segs_add_commit(struct sv_store *st, const void *in, void *out, struct sv_error *err)
{
	int rc = segs_add(st, in, out, err);
	return rc ? rc : index_pending(st, NULL, NULL, err);
}

int sv_store_segs_add(struct sv_store *st, const struct sv_seg_rows *rows, int64_t *first,
		      struct sv_error *err)
{
	if (!rows->n)
		return SV_OK;
	return in_savepoint(st, sqlite3_get_autocommit(st->db) ? segs_add_commit : segs_add, rows,
			    first, err);
}

int sv_store_seg_add(struct sv_store *st, const struct sv_store_seg *seg, int64_t *id,
		     struct sv_error *err)
{
	struct sv_seg_row row = {
		.ordinal = seg->ordinal,
		.para = seg->para,
		.lang = seg->lang,
		.text = seg->text,
		.norm = seg->norm,
		.lemmas = seg->lemmas,
		.ntext = (int)strlen(seg->text),
		.nnorm = (int)strlen(seg->norm),
		.nlemmas = (int)strlen(seg->lemmas),
	};
	struct sv_seg_rows rows = { .doc = seg->doc, .v = &row, .n = 1 };
	return sv_store_segs_add(st, &rows, id, err);
}
