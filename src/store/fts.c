/* The FTS5 tokenizer "sverka" for the memory's analysed columns: they hold
 * keys already normalised by the text pipeline, separated by spaces, with
 * the lemmas of an ambiguous word joined by '|'. Splitting on those bytes is
 * all there is to do (unicode61 would re-fold every character, and cost most
 * of an ingest), and the alternatives of one word are indexed colocated, at
 * one position, so phrase queries work across ambiguous lemmas. */
#include "store/fts-int.h"

#include <stdint.h>
#include <string.h>

static int tok_create(void *ctx, const char **args, int nargs, Fts5Tokenizer **out)
{
	(void)args;
	(void)nargs;
	*out = (Fts5Tokenizer *)ctx; /* stateless: any non-NULL pointer */
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
			int (*emit)(void *ctx, int tflags, const char *tok, int ntok, int start,
				    int end))
{
	(void)t;
	(void)flags;
	int i = 0, rc = SQLITE_OK;
	while (i < n && rc == SQLITE_OK) {
		while (i < n && is_space(text[i]))
			i++;
		int colocated = 0;
		while (i < n && !is_space(text[i]) && rc == SQLITE_OK) {
			int s = i;
			while (i < n && !is_space(text[i]) && text[i] != '|')
				i++;
			if (i > s) {
				rc = emit(ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, text + s, i - s, s, i);
				colocated = 1;
			}
			if (i < n && text[i] == '|')
				i++;
		}
	}
	return rc;
}

/* sv_seg_rows(ptr): an eponymous table-valued function over a struct
 * sv_seg_rows passed as a pointer value; without the argument it is empty. */
enum { COL_DOC, COL_ORDINAL, COL_PARA, COL_LANG, COL_TEXT, COL_NORM, COL_LEMMAS, COL_ROWS };

struct rows_cursor {
	sqlite3_vtab_cursor base;
	const struct sv_seg_rows *rows;
	size_t i;
};

static int rows_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
			sqlite3_vtab **out, char **errmsg)
{
	(void)aux;
	(void)argc;
	(void)argv;
	(void)errmsg;
	int rc = sqlite3_declare_vtab(
		db, "CREATE TABLE x(doc, ordinal, para, lang, text, norm, lemmas, rows HIDDEN)");
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
	sqlite3_vtab *v = sqlite3_malloc(sizeof(*v));
	if (!v)
		return SQLITE_NOMEM;
	memset(v, 0, sizeof(*v));
	*out = v;
	return SQLITE_OK;
}

static int rows_disconnect(sqlite3_vtab *v)
{
	sqlite3_free(v);
	return SQLITE_OK;
}

static int rows_best_index(sqlite3_vtab *v, sqlite3_index_info *info)
{
	(void)v;
	for (int i = 0; i < info->nConstraint; i++) {
		const struct sqlite3_index_constraint *c = &info->aConstraint[i];
		if (c->iColumn != COL_ROWS || c->op != SQLITE_INDEX_CONSTRAINT_EQ)
			continue;
		if (!c->usable)
			return SQLITE_CONSTRAINT;
		info->aConstraintUsage[i].argvIndex = 1;
		info->aConstraintUsage[i].omit = 1;
		info->idxNum = 1;
		info->estimatedCost = 1;
		info->estimatedRows = 1000;
		return SQLITE_OK;
	}
	info->idxNum = 0;
	info->estimatedCost = 1e12;
	return SQLITE_OK;
}

static int rows_open(sqlite3_vtab *v, sqlite3_vtab_cursor **out)
{
	(void)v;
	struct rows_cursor *c = sqlite3_malloc(sizeof(*c));
	if (!c)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof(*c));
	*out = &c->base;
	return SQLITE_OK;
}

static int rows_close(sqlite3_vtab_cursor *cur)
{
	sqlite3_free(cur);
	return SQLITE_OK;
}

static int rows_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxstr, int argc,
		       sqlite3_value **argv)
{
	(void)idxstr;
	struct rows_cursor *c = (struct rows_cursor *)cur;
	c->rows = idx == 1 && argc == 1 ? sqlite3_value_pointer(argv[0], SV_SEG_ROWS_PTR) : NULL;
	c->i = 0;
	return SQLITE_OK;
}

static int rows_next(sqlite3_vtab_cursor *cur)
{
	((struct rows_cursor *)cur)->i++;
	return SQLITE_OK;
}

static int rows_eof(sqlite3_vtab_cursor *cur)
{
	struct rows_cursor *c = (struct rows_cursor *)cur;
	return !c->rows || c->i >= c->rows->n;
}

static int rows_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
	struct rows_cursor *c = (struct rows_cursor *)cur;
	const struct sv_seg_row *r = &c->rows->v[c->i];
	switch (col) {
	case COL_DOC:
		sqlite3_result_int64(ctx, c->rows->doc);
		break;
	case COL_ORDINAL:
		sqlite3_result_int64(ctx, r->ordinal);
		break;
	case COL_PARA:
		sqlite3_result_int64(ctx, r->para);
		break;
	case COL_LANG:
		sqlite3_result_text(ctx, r->lang, -1, SQLITE_STATIC);
		break;
	case COL_TEXT:
		sqlite3_result_text(ctx, r->text, r->ntext, SQLITE_STATIC);
		break;
	case COL_NORM:
		sqlite3_result_text(ctx, r->norm, r->nnorm, SQLITE_STATIC);
		break;
	case COL_LEMMAS:
		sqlite3_result_text(ctx, r->lemmas, r->nlemmas, SQLITE_STATIC);
		break;
	default:
		sqlite3_result_null(ctx);
	}
	return SQLITE_OK;
}

static int rows_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
	*rowid = (sqlite3_int64)((struct rows_cursor *)cur)->i + 1;
	return SQLITE_OK;
}

static const sqlite3_module rows_module = {
	.iVersion = 0,
	.xConnect = rows_connect,
	.xBestIndex = rows_best_index,
	.xDisconnect = rows_disconnect,
	.xOpen = rows_open,
	.xClose = rows_close,
	.xFilter = rows_filter,
	.xNext = rows_next,
	.xEof = rows_eof,
	.xColumn = rows_column,
	.xRowid = rows_rowid,
};

int st_fts_register(sqlite3 *db)
{
	if (sqlite3_create_module(db, "sv_seg_rows", &rows_module, NULL) != SQLITE_OK)
		return SQLITE_ERROR;

	fts5_api *api = NULL;
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, NULL) != SQLITE_OK)
		return SQLITE_ERROR;
	sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(s);
	sqlite3_finalize(s);
	if (!api || api->iVersion < 2)
		return SQLITE_ERROR;
	static fts5_tokenizer tok = { tok_create, tok_delete, tok_tokenize };
	static int dummy;
	return api->xCreateTokenizer(api, "sverka", &dummy, &tok, NULL);
}
