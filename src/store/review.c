/* Review for `sverka serve`: term pairs paged and filtered with their
 * revision, decisions checked against the revision the reviewer saw and
 * written with an audit row in one transaction, and the read-only listings
 * of documents, document pairs and units the server shows. */
#include "store/termbase.h"
#include "store/store-int.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/status.h"

static int step_rows(struct sv_store *st, sqlite3_stmt *s, int rc, struct sv_error *err,
		     const char *what)
{
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(st, err, what);
	return SV_OK;
}

/* The FROM and WHERE clauses of a query; parameters ?1..?5 and ?8 bound by
 * bind_query(). One pair (?5) is found by its key alone. */
static const char rows_from[] =
	"FROM term_pairs p JOIN terms r ON r.id = p.ru_term JOIN terms b ON b.id = p.bg_term\n";
static const char rows_one[] = "WHERE p.id = ?5\n";
static const char rows_where[] =
	"WHERE p.score >= ?1 AND (?2 IS NULL OR p.status = ?2)\n"
	"  AND (?3 IS NULL OR r.kind = ?3 OR b.kind = ?3)\n"
	"  AND (?4 IS NULL OR instr(r.citation, ?4) > 0 OR instr(b.citation, ?4) > 0\n"
	"       OR instr(lower(r.citation), ?8) > 0 OR instr(lower(b.citation), ?8) > 0\n"
	"       OR instr(r.lemma_key, ?8) > 0 OR instr(b.lemma_key, ?8) > 0)\n";

/* s in lower case for the Latin and Cyrillic capitals (SQLite's lower() knows
 * only ASCII; the terms' lemma keys are lower case with ё as е). */
static void lower_key(const char *s, struct sv_buf *out)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned cp = 0;
		if (p[0] == 0xD0 && p[1] >= 0x80 && p[1] <= 0xBF)
			cp = 0x400 + (p[1] - 0x80);
		if (cp >= 0x410 && cp <= 0x42F) {
			sv_buf_add_cp(out, cp + 0x20);
			p++;
		} else if (cp == 0x401 || (p[0] == 0xD1 && p[1] == 0x91)) {
			sv_buf_add_cp(out, 0x435); /* Ё, ё: е */
			p++;
		} else if (cp >= 0x400 && cp <= 0x40F) {
			sv_buf_add_cp(out, cp + 0x50);
			p++;
		} else {
			sv_buf_addc(out, (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p));
		}
	}
}

static void bind_query(sqlite3_stmt *s, const struct sv_termbase_query *q, struct sv_buf *key)
{
	if (q->id) {
		sqlite3_bind_int64(s, 5, q->id);
		return;
	}
	sqlite3_bind_double(s, 1, q->min_score);
	if (q->status)
		sqlite3_bind_text(s, 2, q->status, -1, SQLITE_STATIC);
	if (q->kind)
		sqlite3_bind_text(s, 3, q->kind, -1, SQLITE_STATIC);
	if (q->text && *q->text) {
		sv_buf_reset(key);
		lower_key(q->text, key);
		sqlite3_bind_text(s, 4, q->text, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 8, key->data, (int)key->len, SQLITE_STATIC);
	}
}

/* The WHERE clause of q: one pair, or the filters with, for q->best, each leading term's
 * best pair (approved first, never rejected). */
static void add_where(struct sv_buf *sql, const struct sv_termbase_query *q)
{
	const char *lead = q->lead == SV_LANG_BG ? "bg_term" : "ru_term";
	if (q->id) {
		sv_buf_adds(sql, rows_one);
		return;
	}
	sv_buf_adds(sql, rows_where);
	if (q->best)
		sv_buf_addf(sql,
			"  AND p.id = (SELECT q.id FROM term_pairs q WHERE q.%s = p.%s\n"
			"    AND (?2 IS NULL OR q.status = ?2) AND q.status NOT IN ('rejected')\n"
			"    ORDER BY q.status = 'approved' DESC, q.score DESC, q.id LIMIT 1)\n",
			lead, lead);
}

int sv_termbase_rows_find(struct sv_store *st, const struct sv_termbase_query *q,
			  int (*fn)(void *ctx, const struct sv_termbase_row *r), void *ctx,
			  int64_t *total, struct sv_error *err)
{
	struct sv_buf sql = SV_BUF_INIT, key = SV_BUF_INIT;
	sqlite3_stmt *s = NULL;
	int rc = SV_OK, r;
	if (total) {
		sv_buf_adds(&sql, "SELECT count(*) ");
		sv_buf_adds(&sql, rows_from);
		add_where(&sql, q);
		if (sqlite3_prepare_v2(st_db(st), sql.data, -1, &s, NULL) != SQLITE_OK) {
			rc = st_fail(st, err, "cannot count term pairs");
			goto out;
		}
		bind_query(s, q, &key);
		*total = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
		sqlite3_finalize(s);
		s = NULL;
		sv_buf_reset(&sql);
	}
	sv_buf_adds(&sql,
		"SELECT p.id, r.citation, b.citation, r.kind, b.kind, r.origin, b.origin, r.freq,\n"
		"  b.freq, coalesce(r.concept, 0), r.preferred, b.preferred, p.score, p.status,\n"
		"  p.evidence, p.origin, p.note, p.reviewed, p.ru_term, p.bg_term, p.revision\n");
	sv_buf_adds(&sql, rows_from);
	add_where(&sql, q);
	sv_buf_adds(&sql, q->lead == SV_LANG_BG
			  ? "ORDER BY p.score DESC, b.citation, r.citation, p.id\n"
			  : "ORDER BY p.score DESC, r.citation, b.citation, p.id\n");
	sv_buf_adds(&sql, "LIMIT ?6 OFFSET ?7\n");
	if (sqlite3_prepare_v2(st_db(st), sql.data, -1, &s, NULL) != SQLITE_OK) {
		rc = st_fail(st, err, "cannot list term pairs");
		goto out;
	}
	bind_query(s, q, &key);
	sqlite3_bind_int64(s, 6, q->limit > 0 ? q->limit : -1);
	sqlite3_bind_int64(s, 7, q->offset > 0 ? q->offset : 0);
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		struct sv_termbase_row row = {
			.p = {
				.id = sqlite3_column_int64(s, 0),
				.ru = st_col_text(s, 1),
				.bg = st_col_text(s, 2),
				.ru_kind = st_col_text(s, 3),
				.bg_kind = st_col_text(s, 4),
				.ru_origin = st_col_text(s, 5),
				.bg_origin = st_col_text(s, 6),
				.ru_freq = sqlite3_column_int64(s, 7),
				.bg_freq = sqlite3_column_int64(s, 8),
				.concept = sqlite3_column_int64(s, 9),
				.ru_preferred = sqlite3_column_int(s, 10),
				.bg_preferred = sqlite3_column_int(s, 11),
				.score = sqlite3_column_double(s, 12),
				.status = st_col_text(s, 13),
				.evidence = st_col_text(s, 14),
				.origin = st_col_text(s, 15),
				.note = st_col_text(s, 16),
				.reviewed = st_col_text(s, 17),
			},
			.ru_term = sqlite3_column_int64(s, 18),
			.bg_term = sqlite3_column_int64(s, 19),
			.revision = sqlite3_column_int64(s, 20),
		};
		if (fn(ctx, &row))
			break;
	}
	rc = step_rows(st, s, r, err, "cannot list term pairs");
out:
	sqlite3_finalize(s);
	sv_buf_release(&sql);
	sv_buf_release(&key);
	return rc;
}

/* The pair's revision, status and terms; *found = 0 when absent. */
static int pair_state(struct sv_store *st, int64_t id, int *found, int64_t *revision,
		      char **status, int64_t *ru_term, int64_t *bg_term, struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st,
		"SELECT revision, status, ru_term, bg_term FROM term_pairs WHERE id = ?1", err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	int r = sqlite3_step(s);
	*found = r == SQLITE_ROW;
	if (*found) {
		*revision = sqlite3_column_int64(s, 0);
		if (status)
			*status = sv_strdup(st_col_text(s, 1));
		*ru_term = sqlite3_column_int64(s, 2);
		*bg_term = sqlite3_column_int64(s, 3);
	}
	sqlite3_reset(s);
	return step_rows(st, s, r, err, "cannot read a term pair");
}

static int exec_bound(struct sv_store *st, const char *sql, int64_t id, const char *text,
		      const char *what, struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st, sql, err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	if (text)
		sqlite3_bind_text(s, 2, text, -1, SQLITE_STATIC);
	int r = sqlite3_step(s);
	sqlite3_reset(s);
	return r == SQLITE_DONE ? SV_OK : st_fail(st, err, what);
}

/* Reads the lemma key of term id into *key (caller frees). */
static int term_key(struct sv_store *st, int64_t id, char **key, char **citation,
		    struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st,
		"SELECT lemma_key, citation FROM terms WHERE id = ?1", err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	int r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		*key = sv_strdup(st_col_text(s, 0));
		*citation = sv_strdup(st_col_text(s, 1));
	}
	sqlite3_reset(s);
	if (r != SQLITE_ROW)
		return st_fail(st, err, "cannot read a term");
	return SV_OK;
}

static int add_variant(struct sv_store *st, const struct sv_termbase_decision *d, int64_t ru_term,
		       int64_t bg_term, int64_t *added, struct sv_error *err)
{
	int ru = d->lang == SV_LANG_RU;
	char *key = NULL, *citation = NULL;
	int rc = term_key(st, ru ? bg_term : ru_term, &key, &citation, err);
	if (rc)
		goto out;
	struct sv_termbase_term fresh = { .lang = sv_lang_code(d->lang), .lemma_key = d->lemma_key,
					  .citation = d->citation, .origin = "manual" };
	struct sv_termbase_term other = { .lang = ru ? "bg" : "ru", .lemma_key = key,
					  .citation = citation, .origin = "manual" };
	rc = sv_termbase_pair_add_manual(st, ru ? &fresh : &other, ru ? &other : &fresh, d->note,
					 added, err);
out:
	free(key);
	free(citation);
	return rc;
}

/* The newest audit row's id (0 when none). */
static int audit_last(struct sv_store *st, int64_t *id, struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st, "SELECT coalesce(max(id), 0) FROM term_reviews",
					   err);
	if (!s)
		return SV_ESTORE;
	int r = sqlite3_step(s);
	*id = r == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return r == SQLITE_ROW ? SV_OK : st_fail(st, err, "cannot read the review trail");
}

static void audit_bind(sqlite3_stmt *s, const struct sv_termbase_decision *d, int64_t revision,
		       const char *status, const char *now)
{
	static const char *const actions[] = { "status", "note", "citation", "variant" };
	const char *detail = d->action == SV_TERMBASE_SET_STATUS ? d->note
			     : d->action == SV_TERMBASE_SET_NOTE ? d->note
								 : d->citation;
	sqlite3_bind_int64(s, 1, d->pair);
	sqlite3_bind_int64(s, 2, revision);
	sqlite3_bind_text(s, 3, actions[d->action], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, status, -1, SQLITE_STATIC);
	if (detail)
		sqlite3_bind_text(s, 5, detail, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, d->who ? d->who : "local", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, now, -1, SQLITE_TRANSIENT);
}

/* Records d: the row the trigger wrote for it (after audit row `since`)
 * takes d's reviewer and action; without one a row is added. */
static int audit_add(struct sv_store *st, const struct sv_termbase_decision *d, int64_t since,
		     int64_t revision, const char *status, struct sv_error *err)
{
	char now[21];
	sv_store_now(now);
	sqlite3_stmt *s = st_prepare(st,
		"UPDATE term_reviews SET revision = ?2, action = ?3, status = ?4, detail = ?5,\n"
		"  who = ?6, at = ?7 WHERE pair = ?1 AND id > ?8", err);
	if (!s)
		return SV_ESTORE;
	audit_bind(s, d, revision, status, now);
	sqlite3_bind_int64(s, 8, since);
	int r = sqlite3_step(s);
	sqlite3_reset(s);
	if (r != SQLITE_DONE)
		return st_fail(st, err, "cannot record a review");
	if (sqlite3_changes(st_db(st)))
		return SV_OK;
	s = st_prepare(st,
		"INSERT INTO term_reviews(pair, revision, action, status, detail, who, at)\n"
		"  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err);
	if (!s)
		return SV_ESTORE;
	audit_bind(s, d, revision, status, now);
	r = sqlite3_step(s);
	sqlite3_reset(s);
	return r == SQLITE_DONE ? SV_OK : st_fail(st, err, "cannot record a review");
}

static int check_decision(const struct sv_termbase_decision *d, struct sv_error *err)
{
	switch (d->action) {
	case SV_TERMBASE_SET_STATUS:
		if (d->status < SV_STATUS_CANDIDATE || d->status > SV_STATUS_FORBIDDEN)
			return sv_error_set(err, SV_EINPUT, "%d is not a review status",
					    (int)d->status);
		return SV_OK;
	case SV_TERMBASE_SET_NOTE:
		return d->note ? SV_OK : sv_error_set(err, SV_EINPUT, "a note is needed");
	case SV_TERMBASE_SET_CITATION:
	case SV_TERMBASE_ADD_VARIANT:
		if (d->lang != SV_LANG_RU && d->lang != SV_LANG_BG)
			return sv_error_set(err, SV_EINPUT, "'%s' is not ru or bg",
					    sv_lang_code(d->lang));
		if (!d->citation || !*d->citation)
			return sv_error_set(err, SV_EINPUT, "a term is needed");
		if (d->action == SV_TERMBASE_ADD_VARIANT && (!d->lemma_key || !*d->lemma_key))
			return sv_error_set(err, SV_EINPUT, "'%s' has no words", d->citation);
		return SV_OK;
	}
	return sv_error_set(err, SV_EINPUT, "unknown review action");
}

/* Sets the pair's revision to rev (after the trigger may have raised it to the same). */
static int set_revision(struct sv_store *st, int64_t pair, int64_t rev, struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st, "UPDATE term_pairs SET revision = ?2 WHERE id = ?1",
					   err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, pair);
	sqlite3_bind_int64(s, 2, rev);
	int r = sqlite3_step(s);
	sqlite3_reset(s);
	return r == SQLITE_DONE ? SV_OK : st_fail(st, err, "cannot raise a revision");
}

int sv_termbase_decide(struct sv_store *st, const struct sv_termbase_decision *d,
		       enum sv_termbase_outcome *outcome, int64_t *revision, int64_t *added,
		       struct sv_error *err)
{
	int64_t rev = 0, ru_term = 0, bg_term = 0, made = 0, since = 0;
	char *status = NULL;
	int found = 0, rc;
	*outcome = SV_TERMBASE_DONE;
	if ((rc = check_decision(d, err)))
		return rc;
	if ((rc = sv_store_begin(st, err)))
		return rc;
	if ((rc = pair_state(st, d->pair, &found, &rev, NULL, &ru_term, &bg_term, err)))
		goto out;
	if (!found) {
		*outcome = SV_TERMBASE_MISSING;
		goto out;
	}
	*revision = rev;
	if (d->revision >= 0 && d->revision != rev) {
		*outcome = SV_TERMBASE_STALE;
		goto out;
	}
	if ((rc = audit_last(st, &since, err)))
		goto out;
	switch (d->action) {
	case SV_TERMBASE_SET_STATUS:
		rc = sv_termbase_pair_review(st, d->pair, sv_status_name(d->status), d->note, err);
		break;
	case SV_TERMBASE_SET_NOTE:
		rc = exec_bound(st, "UPDATE term_pairs SET note = nullif(?2, '') WHERE id = ?1",
				d->pair, d->note, "cannot write a note", err);
		break;
	case SV_TERMBASE_SET_CITATION:
		rc = exec_bound(st,
				"UPDATE terms SET citation = ?2, origin = 'manual' WHERE id = ?1",
				d->lang == SV_LANG_RU ? ru_term : bg_term, d->citation,
				"cannot write a citation", err);
		break;
	case SV_TERMBASE_ADD_VARIANT:
		rc = add_variant(st, d, ru_term, bg_term, &made, err);
		break;
	}
	/* Every decision makes a new revision, even one that changed no column
	 * (approving an approved pair), so that a page holding the old one knows. */
	if (rc || (rc = set_revision(st, d->pair, rev + 1, err)) ||
	    (rc = pair_state(st, d->pair, &found, &rev, &status, &ru_term, &bg_term, err)) ||
	    (rc = audit_add(st, d, since, rev, status, err)) || (rc = sv_store_commit(st, err)))
		goto out;
	*revision = rev;
	if (added)
		*added = made;
out:
	if (rc || *outcome != SV_TERMBASE_DONE)
		sv_store_rollback(st);
	free(status);
	return rc;
}

static int review_rows(struct sv_store *st, sqlite3_stmt *s,
		       int (*fn)(void *ctx, const struct sv_termbase_review *r), void *ctx,
		       struct sv_error *err)
{
	int r;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		struct sv_termbase_review v = {
			.id = sqlite3_column_int64(s, 0),
			.pair = sqlite3_column_int64(s, 1),
			.revision = sqlite3_column_int64(s, 2),
			.action = st_col_text(s, 3),
			.status = st_col_text(s, 4),
			.detail = st_col_text(s, 5),
			.who = st_col_text(s, 6),
			.at = st_col_text(s, 7),
			.ru = st_col_text(s, 8),
			.bg = st_col_text(s, 9),
		};
		if (fn(ctx, &v))
			break;
	}
	int rc = step_rows(st, s, r, err, "cannot read the review trail");
	sqlite3_reset(s);
	return rc;
}

int sv_termbase_reviews_list(struct sv_store *st, int64_t pair, int64_t limit,
			     int (*fn)(void *ctx, const struct sv_termbase_review *r), void *ctx,
			     struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st,
		"SELECT v.id, v.pair, v.revision, v.action, v.status, v.detail, v.who, v.at,\n"
		"  r.citation, b.citation\n"
		"FROM term_reviews v JOIN term_pairs p ON p.id = v.pair\n"
		"  JOIN terms r ON r.id = p.ru_term JOIN terms b ON b.id = p.bg_term\n"
		"WHERE ?1 = 0 OR v.pair = ?1 ORDER BY v.id LIMIT ?2", err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, pair);
	sqlite3_bind_int64(s, 2, limit > 0 ? limit : -1);
	return review_rows(st, s, fn, ctx, err);
}

/* ---- Documents, document pairs, units, totals --------------------------- */

int sv_store_docs_list(struct sv_store *st, int64_t offset, int64_t limit,
		       int (*fn)(void *ctx, const struct sv_store_doc *d), void *ctx,
		       int64_t *total, struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st, "SELECT count(*) FROM documents", err);
	if (!s)
		return SV_ESTORE;
	*total = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	s = st_prepare(st,
		"SELECT d.id, d.path, d.sha256, d.lang, d.date, d.outlet, d.title, d.format,\n"
		"  d.bytes, (SELECT count(*) FROM segments g WHERE g.doc = d.id)\n"
		"FROM documents d ORDER BY d.id LIMIT ?1 OFFSET ?2", err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, limit > 0 ? limit : -1);
	sqlite3_bind_int64(s, 2, offset > 0 ? offset : 0);
	int r;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		struct sv_store_doc d = { 0 };
		st_doc_row(s, &d);
		int stop = fn(ctx, &d);
		sv_store_doc_release(&d);
		if (stop)
			break;
	}
	int rc = step_rows(st, s, r, err, "cannot list documents");
	sqlite3_reset(s);
	return rc;
}

static void docpair_row(sqlite3_stmt *s, struct sv_store_docpair_summary *p)
{
	*p = (struct sv_store_docpair_summary){
		.id = sqlite3_column_int64(s, 0),
		.ru_doc = sqlite3_column_int64(s, 1),
		.bg_doc = sqlite3_column_int64(s, 2),
		.ru_path = st_col_text(s, 3),
		.bg_path = st_col_text(s, 4),
		.score = sqlite3_column_double(s, 5),
		.mode = st_col_text(s, 6),
		.declared = sqlite3_column_int(s, 7),
		.units = sqlite3_column_int64(s, 8),
	};
}

int sv_store_docpair_summaries(struct sv_store *st, int64_t doc, int64_t pair,
			       int (*fn)(void *ctx, const struct sv_store_docpair_summary *p),
			       void *ctx, struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st,
		"SELECT p.id, p.ru_doc, p.bg_doc, r.path, b.path, p.score, p.mode, p.declared,\n"
		"  (SELECT count(*) FROM units u WHERE u.pair = p.id)\n"
		"FROM doc_pairs p JOIN documents r ON r.id = p.ru_doc\n"
		"  JOIN documents b ON b.id = p.bg_doc\n"
		"WHERE (?1 = 0 OR p.ru_doc = ?1 OR p.bg_doc = ?1) AND (?2 = 0 OR p.id = ?2)\n"
		"ORDER BY p.score DESC, p.id", err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, doc);
	sqlite3_bind_int64(s, 2, pair);
	int r;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		struct sv_store_docpair_summary p;
		docpair_row(s, &p);
		if (fn(ctx, &p))
			break;
	}
	int rc = step_rows(st, s, r, err, "cannot list document pairs");
	sqlite3_reset(s);
	return rc;
}

int sv_store_totals(struct sv_store *st, struct sv_store_totals *out, struct sv_error *err)
{
	sqlite3_stmt *s = st_prepare(st,
		"SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM segments),\n"
		"  (SELECT count(*) FROM doc_pairs), (SELECT count(*) FROM units),\n"
		"  (SELECT count(*) FROM terms), (SELECT count(*) FROM term_pairs),\n"
		"  (SELECT count(*) FROM term_pairs WHERE status = 'candidate'),\n"
		"  (SELECT count(*) FROM term_pairs WHERE status = 'approved'),\n"
		"  (SELECT count(*) FROM term_pairs WHERE status = 'rejected'),\n"
		"  (SELECT count(*) FROM term_pairs WHERE status = 'forbidden')", err);
	if (!s)
		return SV_ESTORE;
	int r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		int64_t *v[] = { &out->documents, &out->segments, &out->doc_pairs, &out->units,
				 &out->terms, &out->term_pairs, &out->by_status[0],
				 &out->by_status[1], &out->by_status[2], &out->by_status[3] };
		for (int i = 0; i < 10; i++)
			*v[i] = sqlite3_column_int64(s, i);
	}
	sqlite3_reset(s);
	return r == SQLITE_ROW ? SV_OK : st_fail(st, err, "cannot count the memory");
}
