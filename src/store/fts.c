/* The FTS5 tokenizer "sverka" for the memory's analysed columns: they hold
 * keys already normalised by the text pipeline, separated by spaces, with
 * the lemmas of an ambiguous word joined by '|'. Splitting on those bytes is
 * all there is to do (unicode61 would re-fold every character, and cost most
 * of an ingest), and the alternatives of one word are indexed colocated, at
 * one position, so phrase queries work across ambiguous lemmas. */
#include "store/fts.h"

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

int sv_store_fts_register(sqlite3 *db)
{
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
