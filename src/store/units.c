/* The units table: aligned units stored per document pair, imported units merged
 * by their texts, the filtered listing export and term extraction read, and the
 * segment lookups an export of units needs (ordinals, an example sentence). */
#include "store/store-int.h"

#include <stdlib.h>

#include "base/buf.h"

int sv_store_units_clear(struct sv_store *st, int64_t pair, struct sv_error *err)
{
	return st_exec_id(st, "DELETE FROM units WHERE pair = ?1", pair, "replacing units",
				err);
}

int sv_store_unit_add(struct sv_store *st, const struct sv_store_unit *u, struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st,
		"INSERT INTO units(pair, ru_segs, bg_segs, ru_text, bg_text, ru_norm,"
		" ru_lemmas, bg_norm, bg_lemmas, link, score, method, created)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", err);
	if (!s)
		return SV_ESTORE;
	const char *text[] = { u->ru_segs, u->bg_segs, u->ru_text, u->bg_text, u->ru_norm,
			       u->ru_lemmas, u->bg_norm, u->bg_lemmas, u->link };
	sqlite3_bind_int64(s, 1, u->pair);
	st_bind_texts(s, 2, text, sizeof(text) / sizeof(text[0]));
	sqlite3_bind_double(s, 11, u->score);
	sqlite3_bind_text(s, 12, u->method, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 13, u->created, -1, SQLITE_STATIC);
	return st_step_done(st, s, "storing a unit", err);
}

int sv_store_unit_import(struct sv_store *st, const struct sv_store_unit *u, int64_t *count,
			 struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st,
		"INSERT INTO units(pair, ru_text, bg_text, ru_norm, ru_lemmas, bg_norm, bg_lemmas,"
		" link, score, method, status, origin, created)"
		" VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
		" ON CONFLICT(ru_text, bg_text) WHERE pair IS NULL DO UPDATE SET count = count + 1"
		" RETURNING count", err);
	if (!s)
		return SV_ESTORE;
	const char *text[] = { u->ru_text, u->bg_text, u->ru_norm, u->ru_lemmas, u->bg_norm,
			       u->bg_lemmas, u->link };
	st_bind_texts(s, 1, text, sizeof(text) / sizeof(text[0]));
	sqlite3_bind_double(s, 8, u->score);
	sqlite3_bind_text(s, 9, u->method, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, u->status, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, u->origin, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, u->created, -1, SQLITE_STATIC);
	int r = sqlite3_step(s);
	*count = r == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	if (r == SQLITE_ROW)
		r = sqlite3_step(s);
	sqlite3_reset(s);
	if (r != SQLITE_DONE)
		return st_fail(st, err, "storing a unit");
	return SV_OK;
}

int sv_store_units_list(struct sv_store *st, const struct sv_store_units_filter *f,
			int (*fn)(void *ctx, const struct sv_store_unit *u), void *ctx,
			struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st,
		"SELECT u.id, u.ru_text, u.bg_text, u.link, u.score, u.method, u.status, u.origin,"
		" u.created, rd.path, bd.path, coalesce(rd.outlet, bd.outlet),"
		" coalesce(rd.date, bd.date), u.ru_segs, u.bg_segs, u.pair, u.ru_norm, u.ru_lemmas,"
		" u.bg_norm, u.bg_lemmas"
		" FROM units u"
		" LEFT JOIN doc_pairs p ON p.id = u.pair"
		" LEFT JOIN documents rd ON rd.id = p.ru_doc"
		" LEFT JOIN documents bd ON bd.id = p.bg_doc"
		" WHERE (NOT ?1 OR u.score >= ?2)"
		" AND ((?3 IS NULL AND (?4 OR u.status <> 'rejected')) OR u.status = ?3)"
		" AND (?5 = 0 OR u.pair = ?5)"
		" AND (NOT ?6 OR (u.ru_segs IS NOT NULL AND u.bg_segs IS NOT NULL"
		" AND u.ru_segs <> '' AND u.bg_segs <> ''))"
		" ORDER BY CASE WHEN ?7 THEN u.pair END, u.id", err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int(s, 1, f->has_min_score);
	sqlite3_bind_double(s, 2, f->min_score);
	if (f->status)
		sqlite3_bind_text(s, 3, f->status, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 3);
	sqlite3_bind_int(s, 4, f->any_status);
	sqlite3_bind_int64(s, 5, f->pair);
	sqlite3_bind_int(s, 6, f->cited);
	sqlite3_bind_int(s, 7, f->by_pair);
	int rc = SV_OK, r;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		struct sv_store_unit u = {
			.id = sqlite3_column_int64(s, 0),
			.ru_text = st_col_text(s, 1),
			.bg_text = st_col_text(s, 2),
			.link = st_col_text(s, 3),
			.score = sqlite3_column_double(s, 4),
			.method = st_col_text(s, 5),
			.status = st_col_text(s, 6),
			.origin = st_col_text(s, 7),
			.created = st_col_text(s, 8),
			.ru_doc = st_col_text(s, 9),
			.bg_doc = st_col_text(s, 10),
			.outlet = st_col_text(s, 11),
			.date = st_col_text(s, 12),
			.ru_segs = st_col_text(s, 13),
			.bg_segs = st_col_text(s, 14),
			.pair = sqlite3_column_int64(s, 15),
			.ru_norm = st_col_text(s, 16),
			.ru_lemmas = st_col_text(s, 17),
			.bg_norm = st_col_text(s, 18),
			.bg_lemmas = st_col_text(s, 19),
		};
		if ((rc = fn(ctx, &u)))
			goto out;
	}
	if (r != SQLITE_DONE)
		rc = st_fail(st, err, "reading units");
out:
	sqlite3_reset(s);
	return rc;
}

int sv_store_seg_ordinals(struct sv_store *st, const char *ids, struct sv_buf *out,
			  struct sv_error *err)
{
	sv_buf_reset(out);
	if (!ids || !*ids)
		return SV_OK;
	sqlite3_stmt *s = st_prepare(st, "SELECT ordinal FROM segments WHERE id = ?1", err);
	if (!s)
		return SV_ESTORE;
	for (const char *p = ids; *p;) {
		char *end;
		long long id = strtoll(p, &end, 10);
		if (end == p)
			break;
		sqlite3_bind_int64(s, 1, id);
		int r = sqlite3_step(s);
		if (r == SQLITE_ROW)
			sv_buf_addf(out, "%s%lld", out->len ? "," : "", sqlite3_column_int64(s, 0));
		sqlite3_reset(s);
		if (r != SQLITE_ROW && r != SQLITE_DONE)
			return st_fail(st, err, "reading segments");
		p = *end == ',' ? end + 1 : end;
	}
	return SV_OK;
}

int sv_store_term_example(struct sv_store *st, const char *lang, const char *citation,
			  char **text, struct sv_error *err)
{
	*text = NULL;
	sqlite3_stmt *s = st_prepare(
		st, "SELECT lemma_key FROM terms WHERE lang = ?1 AND citation = ?2 LIMIT 1", err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_text(s, 1, lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, citation, -1, SQLITE_STATIC);
	/* the lemma key as one FTS5 phrase */
	struct sv_buf q = SV_BUF_INIT;
	if (sqlite3_step(s) == SQLITE_ROW) {
		sv_buf_addc(&q, '"');
		for (const char *k = (const char *)sqlite3_column_text(s, 0); k && *k; k++) {
			if (*k == '"')
				sv_buf_addc(&q, '"');
			sv_buf_addc(&q, *k);
		}
		sv_buf_addc(&q, '"');
	}
	sqlite3_reset(s);
	int rc = SV_OK;
	if (q.len <= 2)
		goto out;
	s = st_prepare(st,
			     "SELECT text FROM segments WHERE id IN (SELECT rowid FROM"
			     " segments_fts WHERE segments_fts MATCH ?1 LIMIT 50) AND lang = ?2"
			     " ORDER BY abs(length(text) - 120), id LIMIT 1",
			     err);
	if (!s) {
		rc = SV_ESTORE;
		goto out;
	}
	sqlite3_bind_text(s, 1, q.data, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, lang, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		*text = sv_strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
out:
	sv_buf_release(&q);
	return rc;
}
