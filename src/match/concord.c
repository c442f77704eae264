/* Concordance: the lines of one language that hold a word or phrase in any
 * inflected form (segments_fts / units_fts over lemmas, checked token by
 * token), each with its aligned counterpart. */
#include "match/match-int.h"

#include "base/map.h"

#include <stdlib.h>
#include <string.h>

void sv_match_lines_release(struct sv_match_lines *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].text);
		free(r->v[i].other);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/* Index of the first token of the pattern in toks, or SIZE_MAX. */
static size_t find_pattern(const struct sv_mtoks *toks, const struct sv_mtoks *pat)
{
	if (!pat->n || toks->n < pat->n)
		return SIZE_MAX;
	for (size_t i = 0; i + pat->n <= toks->n; i++) {
		size_t k = 0;
		for (; k < pat->n; k++) {
			const struct sv_mtok *t = &toks->v[i + k], *p = &pat->v[k];
			if (!(t->klen == p->klen && !memcmp(t->key, p->key, t->klen)) &&
			    !sv_match__lemma_eq(t, p))
				break;
		}
		if (k == pat->n)
			return i;
	}
	return SIZE_MAX;
}

/* The FTS5 query for a pattern on one column. */
static void pattern_query(const struct sv_mtoks *pat, const char *col, struct sv_buf *q)
{
	struct sv_buf alt = SV_BUF_INIT;
	sv_buf_reset(q);
	sv_buf_addf(q, "%s : ", col);
	if (pat->n == 1) {
		sv_buf_addc(q, '(');
		for (size_t i = 0;; i++) {
			sv_buf_reset(&alt);
			if (!sv_match__lemma_alt(&pat->v[0], i, &alt))
				break;
			if (!alt.len)
				continue;
			if (i)
				sv_buf_adds(q, " OR ");
			sv_match__fts_quote(q, alt.data, alt.len);
		}
		sv_buf_addc(q, ')');
	} else {
		sv_buf_adds(q, "NEAR(");
		for (size_t i = 0; i < pat->n; i++) {
			sv_buf_reset(&alt);
			sv_match__lemma_alt(&pat->v[i], 0, &alt);
			if (i)
				sv_buf_addc(q, ' ');
			sv_match__fts_quote(q, alt.data, alt.len);
		}
		sv_buf_addf(q, ", %zu)", pat->n * 2 + 2);
	}
	sv_buf_release(&alt);
}

/* Whether the comma-separated id list holds id. */
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

/* The unit holding segment seg of doc (in lang), through the doc's pairs. */
static int counterpart(struct sv_match *m, enum sv_lang lang, int64_t doc, int64_t seg,
		       int64_t *unit, char **other, struct sv_error *err)
{
	int ru = lang == SV_LANG_RU;
	sqlite3_stmt *s = sv_store_prepare(
		m->st,
		ru ? "SELECT u.id, u.ru_segs, u.bg_text FROM doc_pairs p CROSS JOIN units u ON u.pair = p.id"
		     " WHERE p.ru_doc = ?1 AND u.status != 'rejected'"
		   : "SELECT u.id, u.bg_segs, u.ru_text FROM doc_pairs p CROSS JOIN units u ON u.pair = p.id"
		     " WHERE p.bg_doc = ?1 AND u.status != 'rejected'",
		err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, doc);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (list_has((const char *)sqlite3_column_text(s, 1), seg)) {
			*unit = sqlite3_column_int64(s, 0);
			*other = sv_match__col(s, 2);
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return sv_store_fail(m->st, err, "concordance");
	return SV_OK;
}

/* Whether a row is a new hit: the tokens of its analysis (norm, lemmas)
 * hold the pattern, and no row before had the same text (remembered in
 * seen). The index of the pattern's first token, or SIZE_MAX; toks is
 * scratch. */
static size_t new_hit(const struct sv_mtoks *pat, const char *text, const char *norm,
		      const char *lemmas, struct sv_map *seen, struct sv_mtoks *toks)
{
	sv_match__mtoks(norm, lemmas, toks);
	size_t at = find_pattern(toks, pat);
	if (at == SIZE_MAX)
		return SIZE_MAX;
	int added;
	sv_map_add(seen, text ? text : "", text ? strlen(text) : 0, &added);
	return added ? at : SIZE_MAX;
}

static struct sv_match_line *new_line(struct sv_match_lines *out)
{
	SV_GROW(out->v, out->cap, out->n + 1);
	struct sv_match_line *l = &out->v[out->n++];
	memset(l, 0, sizeof(*l));
	return l;
}

static int concord_pattern(struct sv_match *m, enum sv_lang lang, const struct sv_mtoks *pat,
			   size_t limit, struct sv_match_lines *out, struct sv_error *err)
{
	int rc = SV_OK;
	size_t first = out->n, found = 0;
	struct sv_buf q = SV_BUF_INIT;
	struct sv_mtoks toks = { 0 };
	struct sv_map seen = SV_MAP_INIT; /* texts counted, shown or not */
	if (!pat->n || !limit)
		goto out;
	sqlite3_stmt *s;
	/* Units first: they carry their counterparts. */
	{
		int ru = lang == SV_LANG_RU;
		pattern_query(pat, ru ? "ru_lemmas" : "bg_lemmas", &q);
		s = sv_store_prepare(
			m->st,
			ru ? "SELECT u.id, u.ru_text, u.ru_norm, u.ru_lemmas, u.bg_text FROM units_fts f"
			     " CROSS JOIN units u ON u.id = f.rowid WHERE units_fts MATCH ?1"
			     " AND u.status != 'rejected' LIMIT ?2"
			   : "SELECT u.id, u.bg_text, u.bg_norm, u.bg_lemmas, u.ru_text FROM units_fts f"
			     " CROSS JOIN units u ON u.id = f.rowid WHERE units_fts MATCH ?1"
			     " AND u.status != 'rejected' LIMIT ?2",
			err);
		if (!s) {
			rc = SV_ESTORE;
			goto out;
		}
		sqlite3_bind_text(s, 1, q.data, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)(limit * 8 + 32));
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			const char *norm = (const char *)sqlite3_column_text(s, 2);
			size_t at = new_hit(pat, (const char *)sqlite3_column_text(s, 1), norm,
					    (const char *)sqlite3_column_text(s, 3), &seen, &toks);
			if (at == SIZE_MAX)
				continue;
			found++;
			if (out->n - first >= limit)
				continue;
			struct sv_match_line *l = new_line(out);
			l->unit = sqlite3_column_int64(s, 0);
			l->lang = lang;
			l->text = sv_match__col(s, 1);
			l->other = sv_match__col(s, 4);
			sv_match__token_span(m, l->text, norm, at, pat->n, &l->hl);
		}
		sqlite3_reset(s);
		if (rc != SQLITE_DONE) {
			rc = sv_store_fail(m->st, err, "concordance");
			goto out;
		}
		rc = SV_OK;
	}
	/* Then segments not shown as units, with a counterpart through the
	 * document's pairs. */
	pattern_query(pat, "lemmas", &q);
	s = sv_store_prepare(
		m->st,
		"SELECT s.id, s.doc, s.text, s.norm, s.lemmas FROM segments_fts f"
		" CROSS JOIN segments s ON s.id = f.rowid WHERE segments_fts MATCH ?1 AND s.lang = ?2"
		" LIMIT ?3",
		err);
	if (!s) {
		rc = SV_ESTORE;
		goto out;
	}
	/* Fetch all hits' rows up to a bound; keep the first `limit` distinct. */
	struct row {
		int64_t id, doc;
		char *text, *norm;
		size_t at;
	} *rows = NULL;
	size_t nrows = 0, crows = 0;
	sqlite3_bind_text(s, 1, q.data, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, sv_lang_code(lang), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)(limit * 8 + 32));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		size_t at = new_hit(pat, (const char *)sqlite3_column_text(s, 2),
				    (const char *)sqlite3_column_text(s, 3),
				    (const char *)sqlite3_column_text(s, 4), &seen, &toks);
		if (at == SIZE_MAX)
			continue;
		found++;
		if (out->n - first + nrows >= limit)
			continue;
		SV_GROW(rows, crows, nrows + 1);
		rows[nrows].id = sqlite3_column_int64(s, 0);
		rows[nrows].doc = sqlite3_column_int64(s, 1);
		rows[nrows].text = sv_match__col(s, 2);
		rows[nrows].norm = sv_match__col(s, 3);
		rows[nrows].at = at;
		nrows++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		rc = sv_store_fail(m->st, err, "concordance");
	} else {
		rc = SV_OK;
		for (size_t i = 0; i < nrows && !rc; i++) {
			struct sv_match_line *l = new_line(out);
			l->seg = rows[i].id;
			l->doc = rows[i].doc;
			l->lang = lang;
			l->text = rows[i].text;
			rows[i].text = NULL;
			sv_match__token_span(m, l->text, rows[i].norm, rows[i].at, pat->n, &l->hl);
			rc = counterpart(m, lang, l->doc, l->seg, &l->unit, &l->other, err);
		}
	}
	for (size_t i = 0; i < nrows; i++) {
		free(rows[i].text);
		free(rows[i].norm);
	}
	free(rows);
out:
	out->total += found;
	sv_map_release(&seen);
	sv_buf_release(&q);
	sv_match__mtoks_release(&toks);
	return rc;
}

int sv_match_concord_lemmas(struct sv_match *m, enum sv_lang lang, const char *lemma_key,
			    size_t limit, struct sv_match_lines *out, struct sv_error *err)
{
	struct sv_mtoks pat = { 0 };
	sv_match__mtoks(lemma_key, lemma_key, &pat);
	int rc = concord_pattern(m, lang, &pat, limit, out, err);
	sv_match__mtoks_release(&pat);
	return rc;
}

int sv_match_concord(struct sv_match *m, const char *word, enum sv_lang lang, size_t limit,
		     struct sv_match_lines *out, enum sv_lang *used, struct sv_error *err)
{
	enum sv_lang langs[2];
	size_t nl = 0;
	if (lang == SV_LANG_RU || lang == SV_LANG_BG) {
		langs[nl++] = lang;
	} else {
		enum sv_lang d = sv_lang_detect(word, strlen(word), NULL);
		langs[nl++] = d == SV_LANG_BG ? SV_LANG_BG : SV_LANG_RU;
		langs[nl++] = langs[0] == SV_LANG_RU ? SV_LANG_BG : SV_LANG_RU;
	}
	struct sv_buf norm = SV_BUF_INIT, lemmas = SV_BUF_INIT;
	struct sv_mtoks pat = { 0 };
	int rc = SV_OK, found_any = 0;
	if (used)
		*used = langs[0];
	for (size_t i = 0; i < nl; i++) {
		if ((rc = sv_match__analyse(m, langs[i], word, &norm, &lemmas, err)))
			break;
		sv_match__mtoks(norm.data, lemmas.data, &pat);
		size_t before = out->n;
		if ((rc = concord_pattern(m, langs[i], &pat, limit, out, err)))
			break;
		if (out->n > before && used && !found_any)
			*used = langs[i];
		found_any |= out->n > before;
	}
	sv_buf_release(&norm);
	sv_buf_release(&lemmas);
	sv_match__mtoks_release(&pat);
	return rc;
}
