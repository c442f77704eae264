/* Reading units and segments for fuzzy search and concordance: postings of
 * the lemma indexes (units_fts, segments_fts), units seen from one language,
 * and the unit a segment was aligned into. */
#include "store/store-int.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

static const char *lemmas_col(enum sv_lang lang)
{
	return lang == SV_LANG_RU ? "ru_lemmas" : "bg_lemmas";
}

/* "col : expr" for units_fts. */
static void unit_query(enum sv_lang lang, const char *expr, struct sv_buf *q)
{
	sv_buf_addf(q, "%s : %s", lemmas_col(lang), expr);
}

int sv_store_units_max_id(struct sv_store *st, int64_t *id, struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st, "SELECT max(id) FROM units", err);
	if (!s)
		return SV_ESTORE;
	*id = 0;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && sqlite3_column_int64(s, 0) > 0)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return st_fail(st, err, "cannot count units");
	return SV_OK;
}

static const char unit_ids_sql[] = "SELECT rowid FROM units_fts WHERE units_fts MATCH ?1";

int sv_store_unit_ids_match(struct sv_store *st, enum sv_lang lang, const char *expr, size_t max,
			    int (*fn)(void *ctx, int64_t unit), void *ctx, struct sv_error *err)
{
	struct sv_buf q = SV_BUF_INIT;
	int rc = SV_OK;
	sqlite3_stmt *s = st_prepare(st, unit_ids_sql, err);
	if (!s) {
		rc = SV_ESTORE;
		goto out;
	}
	unit_query(lang, expr, &q);
	sqlite3_bind_text(s, 1, q.data, -1, SQLITE_STATIC);
	int step = SQLITE_DONE, stop = 0;
	for (size_t got = 0; !stop && (!max || got < max) && (step = sqlite3_step(s)) == SQLITE_ROW;
	     got++)
		stop = fn(ctx, sqlite3_column_int64(s, 0));
	sqlite3_reset(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = st_fail(st, err, "fuzzy search");
out:
	sv_buf_release(&q);
	return rc;
}

struct sv_store_postings {
	struct sv_store *st; /* borrowed */
	sqlite3_stmt *s;     /* its own: many are open at once, so not from the cache */
};

int sv_store_postings_open(struct sv_store *st, enum sv_lang lang, const char *expr,
			   struct sv_store_postings **out, struct sv_error *err)
{
	struct sv_buf q = SV_BUF_INIT;
	int rc = SV_OK;
	struct sv_store_postings *p = sv_calloc(1, sizeof(*p));
	p->st = st;
	*out = NULL;
	if (sqlite3_prepare_v2(st_db(st), unit_ids_sql, -1, &p->s, NULL) != SQLITE_OK) {
		rc = st_fail(st, err, "fuzzy search");
		sv_store_postings_close(p);
		goto out;
	}
	unit_query(lang, expr, &q);
	sqlite3_bind_text(p->s, 1, q.data, -1, SQLITE_TRANSIENT);
	*out = p;
out:
	sv_buf_release(&q);
	return rc;
}

int sv_store_postings_next(struct sv_store_postings *p, int64_t *unit, struct sv_error *err)
{
	*unit = 0;
	int rc = sqlite3_step(p->s);
	if (rc == SQLITE_ROW)
		*unit = sqlite3_column_int64(p->s, 0);
	else if (rc != SQLITE_DONE)
		return st_fail(p->st, err, "fuzzy search");
	return SV_OK;
}

void sv_store_postings_close(struct sv_store_postings *p)
{
	if (!p)
		return;
	sqlite3_finalize(p->s);
	free(p);
}

/* Maps the columns of UNIT_COLS. */
static void unit_row(sqlite3_stmt *s, enum sv_lang lang, struct sv_store_unit_view *u)
{
	const char *origin = st_col_text(s, 6);
	u->id = sqlite3_column_int64(s, 0);
	u->lang = lang;
	u->text = st_col_text(s, 1);
	u->other = st_col_text(s, 2);
	u->norm = st_col_text(s, 3);
	u->lemmas = st_col_text(s, 4);
	u->status = st_col_status(s, 5);
	u->origin = origin ? origin : "";
	u->method = st_col_text(s, 7);
}

#define UNIT_COLS_RU                                                                       \
	"u.id, u.ru_text, u.bg_text, u.ru_norm, u.ru_lemmas, u.status, u.origin, u.method"
#define UNIT_COLS_BG                                                                       \
	"u.id, u.bg_text, u.ru_text, u.bg_norm, u.bg_lemmas, u.status, u.origin, u.method"

int sv_store_unit_view_read(struct sv_store *st, int64_t id, enum sv_lang lang,
			    int (*fn)(void *ctx, const struct sv_store_unit_view *u), void *ctx,
			    struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(
		st,
		lang == SV_LANG_RU
			? "SELECT " UNIT_COLS_RU " FROM units u WHERE id = ?1"
			  " AND status != 'rejected'"
			: "SELECT " UNIT_COLS_BG " FROM units u WHERE id = ?1"
			  " AND status != 'rejected'",
		err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		struct sv_store_unit_view u;
		unit_row(s, lang, &u);
		fn(ctx, &u);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(st, err, "fuzzy search");
	return SV_OK;
}

int sv_store_units_match(struct sv_store *st, enum sv_lang lang, const char *expr, size_t limit,
			 int (*fn)(void *ctx, const struct sv_store_unit_view *u), void *ctx,
			 struct sv_error *err)
{
	struct sv_buf q = SV_BUF_INIT;
	int rc = SV_OK;
	sqlite3_stmt *s = st_prepare(
		st,
		lang == SV_LANG_RU
			? "SELECT " UNIT_COLS_RU
			  " FROM units_fts f CROSS JOIN units u ON u.id = f.rowid"
			  " WHERE units_fts MATCH ?1 AND u.status != 'rejected' LIMIT ?2"
			: "SELECT " UNIT_COLS_BG
			  " FROM units_fts f CROSS JOIN units u ON u.id = f.rowid"
			  " WHERE units_fts MATCH ?1 AND u.status != 'rejected' LIMIT ?2",
		err);
	if (!s) {
		rc = SV_ESTORE;
		goto out;
	}
	unit_query(lang, expr, &q);
	sqlite3_bind_text(s, 1, q.data, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, limit ? (sqlite3_int64)limit : -1);
	int step, stop = 0;
	while (!stop && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct sv_store_unit_view u;
		unit_row(s, lang, &u);
		stop = fn(ctx, &u);
	}
	sqlite3_reset(s);
	if (!stop && step != SQLITE_DONE)
		rc = st_fail(st, err, "concordance");
out:
	sv_buf_release(&q);
	return rc;
}

/* Maps the columns id, doc, ordinal, para, lang, text, norm, lemmas. */
static void seg_row(sqlite3_stmt *s, struct sv_store_seg_row *r)
{
	r->id = sqlite3_column_int64(s, 0);
	r->doc = sqlite3_column_int64(s, 1);
	r->ordinal = sqlite3_column_int64(s, 2);
	r->para = sqlite3_column_int64(s, 3);
	r->lang = st_col_text(s, 4);
	r->text = st_col_text(s, 5);
	r->norm = st_col_text(s, 6);
	r->lemmas = st_col_text(s, 7);
}

/* Steps s, calling fn for each segment row; the SQLite code of the end. */
static int each_seg(sqlite3_stmt *s, int (*fn)(void *ctx, const struct sv_store_seg_row *seg),
		    void *ctx)
{
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct sv_store_seg_row r;
		seg_row(s, &r);
		if (fn(ctx, &r))
			return SQLITE_DONE;
	}
	return step;
}

int sv_store_segs_match(struct sv_store *st, enum sv_lang lang, const char *expr, size_t limit,
			int (*fn)(void *ctx, const struct sv_store_seg_row *seg), void *ctx,
			struct sv_error *err)
{
	struct sv_buf q = SV_BUF_INIT;
	int rc = SV_OK;
	sqlite3_stmt *s = st_prepare(
		st,
		"SELECT s.id, s.doc, s.ordinal, s.para, s.lang, s.text, s.norm, s.lemmas"
		" FROM segments_fts f CROSS JOIN segments s ON s.id = f.rowid"
		" WHERE segments_fts MATCH ?1 AND s.lang = ?2 LIMIT ?3",
		err);
	if (!s) {
		rc = SV_ESTORE;
		goto out;
	}
	sv_buf_addf(&q, "lemmas : %s", expr);
	sqlite3_bind_text(s, 1, q.data, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, sv_lang_code(lang), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, limit ? (sqlite3_int64)limit : -1);
	int step = each_seg(s, fn, ctx);
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		rc = st_fail(st, err, "concordance");
out:
	sv_buf_release(&q);
	return rc;
}

int sv_store_doc_segs(struct sv_store *st, int64_t doc,
		      int (*fn)(void *ctx, const struct sv_store_seg_row *seg), void *ctx,
		      struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(
		st,
		doc ? "SELECT id, doc, ordinal, para, lang, text, norm, lemmas FROM segments"
		      " WHERE doc = ?1 ORDER BY ordinal"
		    : "SELECT id, doc, ordinal, para, lang, text, norm, lemmas FROM segments"
		      " ORDER BY doc, ordinal",
		err);
	if (!s)
		return SV_ESTORE;
	if (doc)
		sqlite3_bind_int64(s, 1, doc);
	int step = each_seg(s, fn, ctx);
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return st_fail(st, err, "cannot read segments");
	return SV_OK;
}

/* Whether the comma-separated id list (a unit's ru_segs or bg_segs) holds
 * id. */
static int list_has(const char *list, int64_t id)
{
	if (!list)
		return 0;
	for (const char *p = list; *p;) {
		char *e;
		long long v = strtoll(p, &e, 10);
		if (e == p)
			return 0;
		if (v == id)
			return 1;
		p = e;
		while (*p == ',' || *p == ' ')
			p++;
	}
	return 0;
}

int sv_store_seg_unit(struct sv_store *st, enum sv_lang lang, int64_t doc, int64_t seg,
		      int64_t *unit, char **other, struct sv_error *err)
{
	int ru = lang == SV_LANG_RU;
	sqlite3_stmt *s = st_prepare(
		st,
		ru ? "SELECT u.id, u.ru_segs, u.bg_text FROM doc_pairs p"
		     " CROSS JOIN units u ON u.pair = p.id"
		     " WHERE p.ru_doc = ?1 AND u.status != 'rejected'"
		   : "SELECT u.id, u.bg_segs, u.ru_text FROM doc_pairs p"
		     " CROSS JOIN units u ON u.pair = p.id"
		     " WHERE p.bg_doc = ?1 AND u.status != 'rejected'",
		err);
	*unit = 0;
	*other = NULL;
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, doc);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (list_has(st_col_text(s, 1), seg)) {
			const char *o = st_col_text(s, 2);
			*unit = sqlite3_column_int64(s, 0);
			*other = sv_strdup(o ? o : "");
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return st_fail(st, err, "concordance");
	return SV_OK;
}
