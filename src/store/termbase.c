/* The termbase tables (terms, term_forms, term_pairs, concepts): writes that
 * respect a person's decisions, review, manual adds and the pair listing. */
#include "store/termbase.h"
#include "store/store-int.h"

#include <string.h>

#include "base/buf.h"

static int step_done(struct sv_store *st, sqlite3_stmt *s, struct sv_error *err, const char *what)
{
	int rc = sqlite3_step(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		sqlite3_reset(s);
		return st_fail(st, err, what);
	}
	sqlite3_reset(s);
	return SV_OK;
}

int sv_termbase_term_find(struct sv_store *st, const char *lang, const char *lemma_key,
			  int64_t *id, struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st, "SELECT id FROM terms WHERE lang = ?1 AND lemma_key = ?2",
					   err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_text(s, 1, lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, lemma_key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(st, err, "cannot read terms");
	return SV_OK;
}

int sv_termbase_term_put(struct sv_store *st, const struct sv_termbase_term *t, int64_t *id,
			 struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st,
		"INSERT INTO terms(lang, lemma_key, citation, kind, freq, termhood, origin)\n"
		"  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)\n"
		"  ON CONFLICT(lang, lemma_key) DO UPDATE SET\n"
		"    freq = CASE WHEN origin = 'manual' THEN max(freq, excluded.freq) ELSE excluded.freq END,\n"
		"    termhood = excluded.termhood,\n"
		"    citation = CASE WHEN origin = 'manual' OR status <> 'candidate' THEN citation\n"
		"               WHEN origin = 'align' AND excluded.origin = 'projected' THEN citation\n"
		"               ELSE excluded.citation END,\n"
		"    kind = CASE WHEN origin = 'manual' THEN kind ELSE excluded.kind END,\n"
		"    origin = CASE WHEN origin = 'projected' AND excluded.origin = 'align' THEN 'align'\n"
		"             ELSE origin END\n"
		"  RETURNING id", err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_text(s, 1, t->lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, t->lemma_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, t->citation, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, t->kind ? t->kind : "phrase", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, t->freq);
	sqlite3_bind_double(s, 6, t->termhood);
	sqlite3_bind_text(s, 7, t->origin ? t->origin : "align", -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		return st_fail(st, err, "cannot write a term");
	}
	*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return SV_OK;
}

int sv_termbase_form_add(struct sv_store *st, int64_t term, const char *form, int64_t count,
			 struct sv_error *err)
{
	return sv_termbase_form_add_len(st, term, form, strlen(form), count, err);
}

int sv_termbase_form_add_len(struct sv_store *st, int64_t term, const char *form, size_t len,
			     int64_t count, struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st,
		"INSERT INTO term_forms(term, form, count) VALUES (?1, ?2, ?3)\n"
		"  ON CONFLICT(term, form) DO UPDATE SET count = count + excluded.count", err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, term);
	sqlite3_bind_text(s, 2, form, (int)len, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, count);
	return step_done(st, s, err, "cannot write a term form");
}

int sv_termbase_refresh_begin(struct sv_store *st, struct sv_error *err)
{
	/* Forms are recounted from the text; frequencies of align-made terms
	 * start again from 0 so that terms no longer seen can be dropped. */
	return sv_store_exec(st,
		"UPDATE term_pairs SET score = -1 WHERE status = 'candidate' AND origin = 'align';\n"
		"DELETE FROM term_forms WHERE term IN (SELECT id FROM terms WHERE origin <> 'manual');\n"
		"UPDATE terms SET freq = 0 WHERE origin <> 'manual';\n", err);
}

int sv_termbase_refresh_end(struct sv_store *st, struct sv_error *err)
{
	return sv_store_exec(st,
		"DELETE FROM term_pairs WHERE score < 0 AND status = 'candidate' AND origin = 'align';\n"
		"DELETE FROM terms WHERE origin <> 'manual' AND status = 'candidate' AND freq = 0\n"
		"  AND id NOT IN (SELECT ru_term FROM term_pairs)\n"
		"  AND id NOT IN (SELECT bg_term FROM term_pairs);\n"
		"DELETE FROM concepts WHERE id NOT IN (SELECT concept FROM terms\n"
		"  WHERE concept IS NOT NULL);\n", err);
}

int sv_termbase_pair_put(struct sv_store *st, int64_t ru_term, int64_t bg_term, double score,
			 const char *evidence, int64_t *id, struct sv_error *err)
{
	char now[21];
	sv_store_now(now);
	sqlite3_stmt *s = st_prepare(st,
		"INSERT INTO term_pairs(ru_term, bg_term, score, evidence, status, origin, created)\n"
		"  VALUES (?1, ?2, ?3, ?4, 'candidate', 'align', ?5)\n"
		"  ON CONFLICT(ru_term, bg_term) DO UPDATE SET score = excluded.score,\n"
		"    evidence = excluded.evidence\n"
		"    WHERE status = 'candidate' AND origin = 'align'\n"
		"  RETURNING id", err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, ru_term);
	sqlite3_bind_int64(s, 2, bg_term);
	sqlite3_bind_double(s, 3, score);
	sqlite3_bind_text(s, 4, evidence ? evidence : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	int64_t got = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(st, err, "cannot write a term pair");
	if (id)
		*id = got;
	return SV_OK;
}

int sv_termbase_pair_review(struct sv_store *st, int64_t id, const char *status,
			    const char *note, struct sv_error *err)
{
	char now[21];
	sv_store_now(now);
	sqlite3_stmt *s = st_prepare(st,
		"UPDATE term_pairs SET status = ?2, reviewed = ?3, note = coalesce(?4, note)\n"
		"  WHERE id = ?1", err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
	if (note)
		sqlite3_bind_text(s, 4, note, -1, SQLITE_STATIC);
	int rc = step_done(st, s, err, "cannot review a term pair");
	if (rc)
		return rc;
	if (sqlite3_changes(st_db(st)) == 0)
		return sv_error_set(err, SV_EINPUT, "no term pair %lld", (long long)id);
	return SV_OK;
}

static int manual_term(struct sv_store *st, const struct sv_termbase_term *t, int64_t *id,
		       struct sv_error *err)
{
	int rc = sv_termbase_term_find(st, t->lang, t->lemma_key, id, err);
	if (rc || *id)
		return rc;
	struct sv_termbase_term m = *t;
	m.origin = "manual";
	if (!m.kind)
		m.kind = "phrase";
	rc = sv_termbase_term_put(st, &m, id, err);
	if (!rc)
		rc = sv_termbase_form_add(st, *id, t->citation, 0, err);
	return rc;
}

int sv_termbase_pair_add_manual(struct sv_store *st, const struct sv_termbase_term *ru,
				const struct sv_termbase_term *bg, const char *note, int64_t *id,
				struct sv_error *err)
{
	int64_t r = 0, b = 0;
	int rc;
	if ((rc = manual_term(st, ru, &r, err)) || (rc = manual_term(st, bg, &b, err)))
		return rc;
	char now[21];
	sv_store_now(now);
	sqlite3_stmt *s = st_prepare(st,
		"INSERT INTO term_pairs(ru_term, bg_term, score, evidence, status, origin, note,\n"
		"    reviewed, created)\n"
		"  VALUES (?1, ?2, 1.0, 'added by hand', 'approved', 'manual', ?3, ?4, ?4)\n"
		"  ON CONFLICT(ru_term, bg_term) DO UPDATE SET status = 'approved',\n"
		"    note = coalesce(excluded.note, note), reviewed = excluded.reviewed\n"
		"  RETURNING id", err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, r);
	sqlite3_bind_int64(s, 2, b);
	if (note)
		sqlite3_bind_text(s, 3, note, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		return st_fail(st, err, "cannot add a term pair");
	}
	*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if ((rc = sv_termbase_concept_join(st, r, b, err)))
		return rc;
	return sv_termbase_concepts_prefer(st, err);
}

int sv_termbase_concepts_reset(struct sv_store *st, struct sv_error *err)
{
	return sv_store_exec(st,
		"UPDATE terms SET concept = NULL, preferred = 0 WHERE id NOT IN\n"
		"  (SELECT ru_term FROM term_pairs WHERE status = 'approved'\n"
		"   UNION SELECT bg_term FROM term_pairs WHERE status = 'approved');\n"
		"DELETE FROM concepts WHERE id NOT IN (SELECT concept FROM terms\n"
		"  WHERE concept IS NOT NULL);\n", err);
}

static int concept_of(struct sv_store *st, int64_t term, int64_t *c, struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st, "SELECT concept FROM terms WHERE id = ?1", err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, term);
	int rc = sqlite3_step(s);
	*c = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(st, err, "cannot read a term's concept");
	return SV_OK;
}

static int set_concept(struct sv_store *st, const char *sql, int64_t a, int64_t b,
		       struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st, sql, err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	return step_done(st, s, err, "cannot write a concept");
}

int sv_termbase_concept_join(struct sv_store *st, int64_t a, int64_t b, struct sv_error *err)
{
	int64_t ca = 0, cb = 0;
	int rc;
	if ((rc = concept_of(st, a, &ca, err)) || (rc = concept_of(st, b, &cb, err)))
		return rc;
	if (ca && ca == cb)
		return SV_OK;
	if (!ca && !cb) {
		char now[21];
		sv_store_now(now);
		sqlite3_stmt *s = st_prepare(st,
			"INSERT INTO concepts(created) VALUES (?1) RETURNING id", err);
		if (!s)
			return SV_ESTORE;
		sqlite3_bind_text(s, 1, now, -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_ROW) {
			sqlite3_reset(s);
			return st_fail(st, err, "cannot add a concept");
		}
		ca = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if ((rc = set_concept(st, "UPDATE terms SET concept = ?1 WHERE id = ?2", ca, a, err)))
			return rc;
		return set_concept(st, "UPDATE terms SET concept = ?1 WHERE id = ?2", ca, b, err);
	}
	if (!ca)
		return set_concept(st, "UPDATE terms SET concept = ?1 WHERE id = ?2", cb, a, err);
	if (!cb)
		return set_concept(st, "UPDATE terms SET concept = ?1 WHERE id = ?2", ca, b, err);
	/* Merge cb into ca. */
	if ((rc = set_concept(st, "UPDATE terms SET concept = ?1 WHERE concept = ?2", ca, cb, err)))
		return rc;
	return set_concept(st, "DELETE FROM concepts WHERE id = ?2 AND ?1 IS NOT NULL", ca, cb,
			   err);
}

int sv_termbase_concepts_prefer(struct sv_store *st, struct sv_error *err)
{
	return sv_store_exec(st,
		"UPDATE terms SET preferred = 0 WHERE concept IS NOT NULL;\n"
		"UPDATE terms SET preferred = 1 WHERE id IN (\n"
		"  SELECT id FROM (SELECT t.id, row_number() OVER (PARTITION BY t.concept, t.lang\n"
		"    ORDER BY EXISTS(SELECT 1 FROM term_pairs p WHERE p.status = 'approved'\n"
		"                    AND (p.ru_term = t.id OR p.bg_term = t.id)) DESC,\n"
		"             t.origin = 'projected', t.freq DESC, length(t.citation), t.id) AS r\n"
		"    FROM terms t WHERE t.concept IS NOT NULL) WHERE r = 1);\n", err);
}

struct pairs_list_ctx {
	int (*fn)(void *ctx, const struct sv_termbase_pair *p);
	void *ctx;
};

static int pairs_list_row(void *ctx, const struct sv_termbase_row *r)
{
	const struct pairs_list_ctx *c = ctx;
	return c->fn(c->ctx, &r->p);
}

int sv_termbase_pairs_list(struct sv_store *st, const struct sv_termbase_filter *f,
			   int (*fn)(void *ctx, const struct sv_termbase_pair *p), void *ctx,
			   struct sv_error *err)
{
	struct sv_termbase_query q = { 0 };
	if (f) {
		q.status = f->status;
		q.min_score = f->min_score;
		q.lead = f->lang && !strcmp(f->lang, "bg") ? SV_LANG_BG : SV_LANG_RU;
		q.best = f->best;
		q.limit = f->limit;
	}
	struct pairs_list_ctx c = { fn, ctx };
	return sv_termbase_rows_find(st, &q, pairs_list_row, &c, NULL, err);
}
