/* Alignment's side of the memory: the Russian and Bulgarian documents with their
 * segments as an align run reads them, the aligned flag, and the doc_pairs table. */
#include "store/store-int.h"

int sv_store_align_docs_list(struct sv_store *st,
			     int (*fn)(void *ctx, const struct sv_store_align_doc *doc), void *ctx,
			     struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st,
		"SELECT id, path, lang, date, aligned FROM documents WHERE lang IN ('ru', 'bg')"
		" ORDER BY id", err);
	if (!s)
		return SV_ESTORE;
	int rc = SV_OK, r;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		struct sv_store_align_doc d = {
			.id = sqlite3_column_int64(s, 0),
			.path = st_col_text_or_empty(s, 1),
			.lang = st_col_text_or_empty(s, 2),
			.date = st_col_text_or_empty(s, 3),
			.aligned = sqlite3_column_int(s, 4),
		};
		if ((rc = fn(ctx, &d)))
			goto out;
	}
	if (r != SQLITE_DONE)
		rc = st_fail(st, err, "reading documents");
out:
	sqlite3_reset(s);
	return rc;
}

int sv_store_doc_mark_aligned(struct sv_store *st, int64_t doc, struct sv_error *err)
{
	return st_exec_id(st, "UPDATE documents SET aligned = 1 WHERE id = ?1", doc,
				"marking documents aligned", err);
}

int sv_store_docpair_put(struct sv_store *st, const struct sv_store_docpair *pair, int64_t *id,
			 struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st,
		"INSERT INTO doc_pairs(ru_doc, bg_doc, score, mode, declared, created)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
		" ON CONFLICT(ru_doc, bg_doc) DO UPDATE SET score = excluded.score,"
		" mode = excluded.mode, declared = max(declared, excluded.declared)"
		" RETURNING id", err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, pair->ru_doc);
	sqlite3_bind_int64(s, 2, pair->bg_doc);
	sqlite3_bind_double(s, 3, pair->score);
	sqlite3_bind_text(s, 4, pair->mode, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, pair->declared);
	sqlite3_bind_text(s, 6, pair->created, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return st_fail(st, err, "storing a document pair");
	}
	*id = sqlite3_column_int64(s, 0);
	sqlite3_step(s);
	sqlite3_reset(s);
	return SV_OK;
}

int sv_store_docpair_exists(struct sv_store *st, int64_t ru_doc, int64_t bg_doc, int *found,
			    struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st,
		"SELECT 1 FROM doc_pairs WHERE ru_doc = ?1 AND bg_doc = ?2", err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, ru_doc);
	sqlite3_bind_int64(s, 2, bg_doc);
	*found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return SV_OK;
}

int sv_store_docpairs_list(struct sv_store *st,
			   int (*fn)(void *ctx, const struct sv_store_docpair *pair), void *ctx,
			   struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st,
		"SELECT p.score, r.path, b.path, p.id, p.ru_doc, p.bg_doc, p.mode, p.declared,"
		" p.created FROM doc_pairs p JOIN documents r ON r.id = p.ru_doc"
		" JOIN documents b ON b.id = p.bg_doc ORDER BY r.path, p.score DESC, b.path", err);
	if (!s)
		return SV_ESTORE;
	int rc = SV_OK, r;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		struct sv_store_docpair p = {
			.score = sqlite3_column_double(s, 0),
			.ru_path = st_col_text_or_empty(s, 1),
			.bg_path = st_col_text_or_empty(s, 2),
			.id = sqlite3_column_int64(s, 3),
			.ru_doc = sqlite3_column_int64(s, 4),
			.bg_doc = sqlite3_column_int64(s, 5),
			.mode = st_col_text_or_empty(s, 6),
			.declared = sqlite3_column_int(s, 7),
			.created = st_col_text_or_empty(s, 8),
		};
		if ((rc = fn(ctx, &p)))
			goto out;
	}
	if (r != SQLITE_DONE)
		rc = st_fail(st, err, "reading document pairs");
out:
	sqlite3_reset(s);
	return rc;
}
