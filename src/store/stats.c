/* What the memory holds, for `sverka stats`: documents and segments per
 * language, document pairs, units, terms and term pairs. */
#include "store/store-int.h"

#include <stdlib.h>
#include <string.h>

void sv_store_counts_release(struct sv_store_counts *c)
{
	for (size_t i = 0; i < c->nlangs; i++)
		free(c->langs[i].lang);
	free(c->langs);
	memset(c, 0, sizeof(*c));
}

static int count_langs(struct sv_store *st, struct sv_store_counts *out, struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(
		st,
		"SELECT d.lang, count(*), coalesce(sum((SELECT count(*) FROM segments"
		" WHERE doc = d.id)), 0) FROM documents d GROUP BY d.lang ORDER BY d.lang",
		err);
	if (!s)
		return SV_ESTORE;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const unsigned char *lang = sqlite3_column_text(s, 0);
		SV_GROW(out->langs, cap, out->nlangs + 1);
		struct sv_store_lang_count *l = &out->langs[out->nlangs++];
		l->lang = sv_strdup(lang ? (const char *)lang : "");
		l->docs = sqlite3_column_int64(s, 1);
		l->segs = sqlite3_column_int64(s, 2);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return st_fail(st, err, "cannot count documents");
	return SV_OK;
}

/* The one-value count of sql into *n. */
static int count_rows(struct sv_store *st, const char *sql, int64_t *n, struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st, sql, err);
	if (!s)
		return SV_ESTORE;
	int rc = sqlite3_step(s);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return st_fail(st, err, "cannot count rows");
	return SV_OK;
}

int sv_store_stats(struct sv_store *st, struct sv_store_counts *out, struct sv_error *err)
{
	sv_store_counts_release(out);
	int rc;
	if ((rc = count_langs(st, out, err)) ||
	    (rc = count_rows(st, "SELECT count(*) FROM doc_pairs", &out->doc_pairs, err)) ||
	    (rc = count_rows(st, "SELECT count(*) FROM units", &out->units, err)) ||
	    (rc = count_rows(st, "SELECT count(*) FROM terms", &out->terms, err)) ||
	    (rc = count_rows(st, "SELECT count(*) FROM term_pairs", &out->term_pairs, err)) ||
	    (rc = count_rows(st, "SELECT count(*) FROM term_pairs WHERE status = 'approved'",
			     &out->approved_pairs, err)))
		return rc;
	return SV_OK;
}
