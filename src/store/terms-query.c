/* Reading the termbase for lookup and checks: terms by lemma key, form,
 * spelling fold, concept or full-text query, term pairs with both terms, and
 * the probe for the term indexes. One mapping of a term row for all. */
#include "store/termbase.h"
#include "store/store-int.h"

#include <string.h>

/* The columns of a term row, as term_row() reads them. */
#define TERM_COLS(t)                                                                               \
	t ".id, " t ".concept, " t ".lang, " t ".citation, " t ".lemma_key, " t ".status, " t      \
	  ".kind, " t ".freq, " t ".preferred"
#define TERM_NCOLS 9

/* Maps the TERM_COLS starting at column first. */
static void term_row(sqlite3_stmt *s, int first, struct sv_store_term *t)
{
	const unsigned char *lang = sqlite3_column_text(s, first + 2);
	t->id = sqlite3_column_int64(s, first);
	t->concept = sqlite3_column_int64(s, first + 1);
	t->lang = lang ? sv_lang_parse((const char *)lang) : SV_LANG_UNKNOWN;
	t->citation = st_col_text_or_empty(s, first + 3);
	t->lemma_key = st_col_text_or_empty(s, first + 4);
	t->status = st_col_status(s, first + 5);
	t->kind = st_col_text_or_empty(s, first + 6);
	t->freq = sqlite3_column_int64(s, first + 7);
	t->preferred = sqlite3_column_int(s, first + 8);
}

/* ?1 lang, ?2 key, ?3 limit (-1: none), ?4 concept. */
static const char *terms_sql(enum sv_store_terms_by by)
{
	switch (by) {
	case SV_STORE_TERMS_LEMMAS:
		return "SELECT " TERM_COLS("t") " FROM terms t"
		       " WHERE t.lang = ?1 AND t.lemma_key = ?2 LIMIT ?3";
	case SV_STORE_TERMS_FORM:
		return "SELECT " TERM_COLS("t")
		       " FROM term_forms f CROSS JOIN terms t ON t.id = f.term"
		       " WHERE f.form = ?2 AND t.lang = ?1 LIMIT ?3";
	case SV_STORE_TERMS_PHRASE:
		return "SELECT " TERM_COLS("t")
		       " FROM terms_fts f CROSS JOIN terms t ON t.id = f.rowid"
		       " WHERE terms_fts MATCH ?2 AND t.lang = ?1 LIMIT ?3";
	case SV_STORE_TERMS_CONCEPT:
		return "SELECT " TERM_COLS("t") " FROM terms t"
		       " WHERE t.concept = ?4 AND t.lang = ?1 AND t.status != 'rejected' LIMIT ?3";
	case SV_STORE_TERMS_FOLD:
		return "SELECT " TERM_COLS("t")
		       " FROM term_folds k CROSS JOIN terms t ON t.id = k.term"
		       " WHERE k.fold = ?2 AND t.status != 'rejected' LIMIT ?3";
	case SV_STORE_TERMS_FOLD_WORDS:
		return "SELECT " TERM_COLS("t")
		       " FROM (SELECT rowid AS id FROM term_folds_fts WHERE"
		       " term_folds_fts MATCH ?2 ORDER BY rank LIMIT ?3) x CROSS JOIN terms t"
		       " ON t.id = x.id WHERE t.status != 'rejected'";
	case SV_STORE_TERMS_LEMMA_WORDS:
		return "SELECT " TERM_COLS("t") " FROM (SELECT rowid AS id FROM terms_fts WHERE"
		       " terms_fts MATCH ?2 ORDER BY rank LIMIT ?3) x CROSS JOIN terms t"
		       " ON t.id = x.id WHERE t.status != 'rejected'";
	case SV_STORE_TERMS_CONCEPTS:
		return "SELECT " TERM_COLS("t") " FROM terms t WHERE t.concept IS NOT NULL"
		       " AND t.status <> 'rejected' ORDER BY t.concept, t.id LIMIT ?3";
	}
	return NULL;
}

int sv_store_terms_find(struct sv_store *st, const struct sv_store_terms_query *q,
			int (*fn)(void *ctx, const struct sv_store_term *t), void *ctx,
			struct sv_error *err)
{
	const char *sql = terms_sql(q->by);
	if (!sql)
		return sv_error_set(err, SV_ESTORE, "'%s': unknown term query %d",
				    sv_store_path(st), (int)q->by);
	sqlite3_stmt *s = st_prepare(st, sql, err);
	if (!s)
		return SV_ESTORE;
	/* A statement ignores the parameters it does not use (SQLITE_RANGE). */
	sqlite3_bind_text(s, 1, sv_lang_code(q->lang), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, q->key ? q->key : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, q->limit ? (sqlite3_int64)q->limit : -1);
	sqlite3_bind_int64(s, 4, q->concept);
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct sv_store_term t;
		term_row(s, 0, &t);
		if (t.status != SV_STATUS_REJECTED)
			stop = fn(ctx, &t);
	}
	sqlite3_reset(s);
	if (!stop && rc != SQLITE_DONE)
		return st_fail(st, err, "term lookup");
	return SV_OK;
}

int sv_store_has_term_index(struct sv_store *st, int *has, struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(
		st, "SELECT count(*) FROM sqlite_schema WHERE name IN ('terms_fts', 'term_folds')",
		err);
	if (!s)
		return SV_ESTORE;
	*has = 0;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*has = sqlite3_column_int(s, 0) == 2;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return st_fail(st, err, "cannot read the schema");
	return SV_OK;
}

/* ?1 the term; the columns: the pair's four, then the Russian and the
 * Bulgarian term. */
#define PAIR_SELECT                                                                        \
	"SELECT p.id, p.score, p.status, p.evidence, " TERM_COLS("r") ", " TERM_COLS("b")  \
	" FROM term_pairs p CROSS JOIN terms r ON r.id = p.ru_term"                         \
	" CROSS JOIN terms b ON b.id = p.bg_term"

int sv_store_term_pairs_find(struct sv_store *st, int64_t term, enum sv_lang lang,
			     int (*fn)(void *ctx, const struct sv_store_term_pair *p), void *ctx,
			     struct sv_error *err)
{
	static const char all[] = PAIR_SELECT " WHERE p.status <> 'rejected' ORDER BY p.id";
	static const char of_ru[] = PAIR_SELECT " WHERE p.ru_term = ?1 AND p.status != 'rejected'";
	static const char of_bg[] = PAIR_SELECT " WHERE p.bg_term = ?1 AND p.status != 'rejected'";
	const char *sql = !term ? all : lang == SV_LANG_RU ? of_ru : of_bg;
	sqlite3_stmt *s = st_prepare(st, sql, err);
	if (!s)
		return SV_ESTORE;
	if (term)
		sqlite3_bind_int64(s, 1, term);
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct sv_store_term_pair p;
		p.id = sqlite3_column_int64(s, 0);
		p.score = sqlite3_column_double(s, 1);
		p.status = st_col_status(s, 2);
		p.evidence = st_col_text_or_empty(s, 3);
		term_row(s, 4, &p.ru);
		term_row(s, 4 + TERM_NCOLS, &p.bg);
		stop = fn(ctx, &p);
	}
	sqlite3_reset(s);
	if (!stop && rc != SQLITE_DONE)
		return st_fail(st, err, "reading the term pairs");
	return SV_OK;
}

int sv_store_term_delete(struct sv_store *st, int64_t id, struct sv_error *err)
{
	return st_exec_id(st, "DELETE FROM terms WHERE id = ?1", id, "cannot delete term",
				err);
}
