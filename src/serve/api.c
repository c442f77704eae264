/* The JSON API under /api/v1: each handler maps a request onto the library
 * call the CLI's command makes (match, termbase, store listings) and its
 * result onto JSON. No SQL and no job logic here. docs/api/openapi.yaml
 * describes every route. */
#include "serve/serve-int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "job/review.h"
#include "terms/terms.h"
#include "base/buf.h"
#include "base/status.h"
#include "match/match.h"
#include "store/termbase.h"

#define API_PAGE_DEFAULT 50
#define API_PAGE_MAX 1000
#define API_TEXT_MAX 2000       /* longest query or term in characters' bytes */
#define API_LINES_DEFAULT 5

void srv_json(struct srv_resp *rs, unsigned status, json_t *v)
{
	rs->status = status;
	rs->body = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(6));
	rs->len = rs->body ? strlen(rs->body) : 0;
	rs->type = "application/json; charset=utf-8";
	json_decref(v);
}

void srv_fail(struct srv_resp *rs, unsigned status, const char *field, const char *fmt,
		   ...)
{
	char msg[SV_ERROR_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	json_t *e = json_pack("{s:i,s:s}", "status", (int)status, "message", msg);
	if (field)
		json_object_set_new(e, "field", json_string(field));
	srv_json(rs, status, json_pack("{s:o}", "error", e));
}

/* A library error as a response: bad input 400, anything else 500. */
static void fail_err(struct srv_resp *rs, const struct sv_error *err)
{
	if (err->code == SV_EINPUT || err->code == SV_EUSAGE)
		srv_fail(rs, 400, NULL, "%s", err->msg);
	else
		srv_fail(rs, 500, NULL, "%s", err->msg);
}

static const char *arg(struct srv_req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->con, MHD_GET_ARGUMENT_KIND, name);
}

/* A whole number argument in [lo, hi], def when absent; 400 naming it otherwise. */
static int arg_long(struct srv_req *rq, struct srv_resp *rs, const char *name, long lo,
		    long hi, long def, long *out)
{
	const char *v = arg(rq, name);
	if (!v || !*v) {
		*out = def;
		return 0;
	}
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (end == v || *end || errno || n < lo || n > hi) {
		srv_fail(rs, 400, name, "'%s' takes a whole number %ld..%ld", name, lo, hi);
		return -1;
	}
	*out = n;
	return 0;
}

static int arg_double(struct srv_req *rq, struct srv_resp *rs, const char *name,
		      double lo, double hi, double def, double *out)
{
	const char *v = arg(rq, name);
	if (!v || !*v) {
		*out = def;
		return 0;
	}
	char *end;
	double n = strtod(v, &end);
	if (end == v || *end || !(n >= lo && n <= hi)) {
		srv_fail(rs, 400, name, "'%s' takes a number %g..%g", name, lo, hi);
		return -1;
	}
	*out = n;
	return 0;
}

static int arg_lang(struct srv_req *rq, struct srv_resp *rs, enum sv_lang *out)
{
	const char *v = arg(rq, "lang");
	*out = SV_LANG_UNKNOWN;
	if (!v || !*v || !strcmp(v, "auto"))
		return 0;
	enum sv_lang l = sv_lang_parse(v);
	if (l != SV_LANG_RU && l != SV_LANG_BG) {
		srv_fail(rs, 400, "lang", "'lang' takes ru, bg or auto");
		return -1;
	}
	*out = l;
	return 0;
}

/* The required text argument q. */
static const char *arg_query(struct srv_req *rq, struct srv_resp *rs)
{
	const char *q = arg(rq, "q");
	if (!q || !*q) {
		srv_fail(rs, 400, "q", "'q' is required: a term or sentence");
		return NULL;
	}
	if (strlen(q) > API_TEXT_MAX) {
		srv_fail(rs, 400, "q", "'q' is longer than %d bytes", API_TEXT_MAX);
		return NULL;
	}
	return q;
}

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* text split at the byte span [start, start + len) as {pre, mark, post}. */
static json_t *marked(const char *text, uint32_t start, uint32_t len)
{
	size_t n = strlen(text);
	if (start > n)
		start = (uint32_t)n;
	if (len > n - start)
		len = (uint32_t)(n - start);
	return json_pack("{s:s%,s:s%,s:s}", "pre", text, (size_t)start, "mark", text + start,
			 (size_t)len, "post", text + start + len);
}

static json_t *term_json(const struct sv_match_term *t)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:o,s:o,s:I,s:b,s:I}", "id", (json_int_t)t->id, "term",
			 t->citation, "lang", sv_lang_code(t->lang), "lemmas", t->lemma_key,
			 "status", jstr(sv_status_name(t->status)), "kind", jstr(t->kind), "freq",
			 (json_int_t)t->freq, "preferred", t->preferred, "concept",
			 (json_int_t)t->concept);
}

static json_t *lines_json(const struct sv_match_lines *lines)
{
	json_t *a = json_array();
	for (size_t i = 0; i < lines->n; i++) {
		const struct sv_match_line *l = &lines->v[i];
		json_array_append_new(a, json_pack("{s:I,s:I,s:I,s:s,s:s,s:o,s:o}", "segment",
			(json_int_t)l->seg, "unit", (json_int_t)l->unit, "document",
			(json_int_t)l->doc, "lang", sv_lang_code(l->lang), "text", l->text,
			"marked", marked(l->text, l->hl.start, l->hl.len), "other",
			jstr(l->other)));
	}
	return a;
}

static void api_lookup(struct srv_req *rq, struct srv_resp *rs)
{
	struct sv_match_lookup_opts lo = { SV_LANG_UNKNOWN, 8, 5, 1 };
	struct sv_match_lookup r = SV_MATCH_LOOKUP_INIT;
	struct sv_error err = { 0 };
	const char *q = arg_query(rq, rs);
	long limit, nlines;
	if (!q || arg_lang(rq, rs, &lo.lang) ||
	    arg_long(rq, rs, "limit", 1, 100, 8, &limit) ||
	    arg_long(rq, rs, "lines", 0, 50, 3, &nlines))
		return;
	const char *exact = arg(rq, "exact");
	if (exact && !strcmp(exact, "true"))
		lo.partial = -1;
	lo.max_hits = (size_t)limit;
	if (sv_match_lookup(rq->ctx->m, q, &lo, &r, &err)) {
		fail_err(rs, &err);
		goto out;
	}
	json_t *hits = json_array(), *equivs = json_array(), *suggest = json_array();
	for (size_t i = 0; i < r.nhits; i++) {
		json_t *h = term_json(&r.hits[i].term);
		json_object_set_new(h, "match", json_string(sv_match_how_name(r.hits[i].how)));
		json_object_set_new(h, "rank", json_real(r.hits[i].rank));
		if (nlines) {
			struct sv_match_lines lines = SV_MATCH_LINES_INIT;
			if (sv_match_concord_lemmas(rq->ctx->m, r.hits[i].term.lang,
						    r.hits[i].term.lemma_key, (size_t)nlines,
						    &lines, &err)) {
				sv_match_lines_release(&lines);
				json_decref(hits);
				json_decref(equivs);
				json_decref(suggest);
				fail_err(rs, &err);
				goto out;
			}
			json_object_set_new(h, "lines", lines_json(&lines));
			sv_match_lines_release(&lines);
		}
		json_array_append_new(hits, h);
	}
	for (size_t i = 0; i < r.nequivs; i++) {
		const struct sv_match_equiv *e = &r.equivs[i];
		json_t *j = term_json(&e->term);
		json_t *hit = e->hit == SIZE_MAX ? json_null() : json_integer((json_int_t)e->hit);
		json_object_set_new(j, "hit", hit);
		json_object_set_new(j, "score", json_real(e->score));
		json_object_set_new(j, "pair_status", jstr(sv_status_name(e->status)));
		json_object_set_new(j, "evidence", jstr(e->evidence));
		json_object_set_new(j, "via_concept", json_boolean(e->via_concept));
		json_array_append_new(equivs, j);
	}
	for (size_t i = 0; i < r.nsuggest; i++) {
		json_t *j = term_json(&r.suggest[i]);
		json_object_set_new(j, "similarity", json_real(r.suggest_sim[i]));
		json_array_append_new(suggest, j);
	}
	srv_json(rs, 200, json_pack("{s:s,s:s,s:s,s:o,s:o,s:o}", "query", q, "lang",
		sv_lang_code(r.lang), "lemmas", r.lemmas ? r.lemmas : "", "hits", hits,
		"equivalents", equivs, "suggestions", suggest));
out:
	sv_match_lookup_release(&r);
}

/* text with its differing spans as alternating plain/marked parts. */
static json_t *diff_parts(const char *text, const struct sv_match_span *d, size_t n)
{
	json_t *a = json_array();
	size_t at = 0, len = strlen(text);
	for (size_t i = 0; i < n; i++) {
		size_t s = d[i].start, e = (size_t)d[i].start + d[i].len;
		if (s < at || e > len)
			continue;
		if (s > at)
			json_array_append_new(a, json_pack("{s:s%,s:b}", "text", text + at,
							   s - at, "diff", 0));
		json_array_append_new(a, json_pack("{s:s%,s:b}", "text", text + s, e - s, "diff",
						   1));
		at = e;
	}
	if (at < len)
		json_array_append_new(a, json_pack("{s:s,s:b}", "text", text + at, "diff", 0));
	return a;
}

static void api_search(struct srv_req *rq, struct srv_resp *rs)
{
	struct sv_match_search_opts so = { SV_LANG_UNKNOWN, 5, 50, 80 };
	struct sv_match_tms r = SV_MATCH_TMS_INIT;
	struct sv_error err = { 0 };
	const char *q = arg_query(rq, rs);
	long limit;
	if (!q || arg_lang(rq, rs, &so.lang) || arg_long(rq, rs, "limit", 1, 100, 5, &limit) ||
	    arg_double(rq, rs, "min_score", 0, 100, 50, &so.min_score))
		return;
	so.limit = (size_t)limit;
	if (sv_match_search(rq->ctx->m, q, &so, &r, &err)) {
		fail_err(rs, &err);
		goto out;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < r.n; i++) {
		const struct sv_match_tm *m = &r.v[i];
		const char *own = r.lang == SV_LANG_BG ? m->bg : m->ru;
		json_array_append_new(a, json_pack("{s:I,s:f,s:s,s:s,s:o,s:o,s:o,s:o}", "unit",
			(json_int_t)m->unit, "score", m->score, "ru", m->ru, "bg", m->bg,
			"status", jstr(sv_status_name(m->status)), "origin", jstr(m->origin),
			"method", jstr(m->method), "parts", diff_parts(own, m->diff, m->ndiff)));
	}
	srv_json(rs, 200, json_pack("{s:s,s:s,s:I,s:o}", "query", q, "lang",
		sv_lang_code(r.lang), "candidates", (json_int_t)r.candidates, "matches", a));
out:
	sv_match_tms_release(&r);
}

static void api_concord(struct srv_req *rq, struct srv_resp *rs)
{
	struct sv_match_lines lines = SV_MATCH_LINES_INIT;
	struct sv_error err = { 0 };
	enum sv_lang lang, used = SV_LANG_UNKNOWN;
	const char *q = arg_query(rq, rs);
	long limit;
	if (!q || arg_lang(rq, rs, &lang) || arg_long(rq, rs, "limit", 1, 500, 20, &limit))
		return;
	struct sv_match_concord_opts co;
	sv_match_concord_opts_init(&co);
	co.lang = lang;
	co.limit = (size_t)limit;
	if (sv_match_concord(rq->ctx->m, q, &co, &lines, &used, &err)) {
		fail_err(rs, &err);
		goto out;
	}
	srv_json(rs, 200, json_pack("{s:s,s:o,s:I,s:o}", "query", q, "lang",
		used == SV_LANG_UNKNOWN ? json_null() : json_string(sv_lang_code(used)), "total",
		(json_int_t)lines.total, "lines", lines_json(&lines)));
out:
	sv_match_lines_release(&lines);
}

static json_t *row_json(const struct sv_termbase_row *r)
{
	const struct sv_termbase_pair *p = &r->p;
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:I,s:I,s:I,s:I,s:b,s:b,s:f,s:s,s:s,s:s,"
			 "s:o,s:o,s:I}",
		"id", (json_int_t)p->id, "revision", (json_int_t)r->revision, "ru", p->ru, "bg",
		p->bg, "ru_kind", p->ru_kind, "bg_kind", p->bg_kind, "ru_freq",
		(json_int_t)p->ru_freq, "bg_freq", (json_int_t)p->bg_freq, "ru_term",
		(json_int_t)r->ru_term, "bg_term", (json_int_t)r->bg_term, "ru_preferred",
		p->ru_preferred, "bg_preferred", p->bg_preferred, "score", p->score, "status",
		p->status, "evidence", p->evidence ? p->evidence : "", "origin", p->origin, "note",
		jstr(p->note), "reviewed", jstr(p->reviewed), "concept", (json_int_t)p->concept);
}

static int row_add(void *ctx, const struct sv_termbase_row *r)
{
	json_array_append_new(ctx, row_json(r));
	return 0;
}

static int row_stop(void *ctx, const struct sv_termbase_row *r)
{
	return 1;
}

static int parse_status_arg(struct srv_req *rq, struct srv_resp *rs, const char **out)
{
	const char *v = arg(rq, "status");
	*out = NULL;
	if (!v || !*v)
		return 0;
	int s = sv_status_parse(v);
	if (s < 0 || s > SV_STATUS_FORBIDDEN) {
		srv_fail(rs, 400, "status",
			      "'status' takes candidate, approved, rejected or forbidden");
		return -1;
	}
	*out = v;
	return 0;
}

static void api_pairs(struct srv_req *rq, struct srv_resp *rs)
{
	struct sv_termbase_query q = { 0 };
	struct sv_error err = { 0 };
	long offset, limit;
	if (parse_status_arg(rq, rs, &q.status) ||
	    arg_double(rq, rs, "min_score", 0, 1, 0, &q.min_score) ||
	    arg_long(rq, rs, "offset", 0, 1L << 30, 0, &offset) ||
	    arg_long(rq, rs, "limit", 1, API_PAGE_MAX, API_PAGE_DEFAULT, &limit))
		return;
	q.kind = arg(rq, "kind");
	if (q.kind && !*q.kind)
		q.kind = NULL;
	if (q.kind && strcmp(q.kind, "acronym") && strcmp(q.kind, "name") &&
	    strcmp(q.kind, "phrase")) {
		srv_fail(rs, 400, "kind", "'kind' takes acronym, name or phrase");
		return;
	}
	q.text = arg(rq, "q");
	q.offset = offset;
	q.limit = limit;
	json_t *a = json_array();
	int64_t total = 0;
	struct sv_termbase_query left = { .status = "candidate", .limit = 1 };
	int64_t remaining = 0;
	if (sv_termbase_rows_find(rq->ctx->st, &q, row_add, a, &total, &err) ||
	    sv_termbase_rows_find(rq->ctx->st, &left, row_stop, NULL, &remaining, &err)) {
		json_decref(a);
		fail_err(rs, &err);
		return;
	}
	srv_json(rs, 200, json_pack("{s:I,s:I,s:I,s:I,s:o}", "total", (json_int_t)total,
		"offset", (json_int_t)offset, "limit", (json_int_t)limit, "unreviewed",
		(json_int_t)remaining, "pairs", a));
}

static int parse_id(const char *s, int64_t *id, const char **rest)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (end == s || errno || v <= 0 || (*end && *end != '/'))
		return -1;
	*id = v;
	*rest = end;
	return 0;
}

static int row_keep(void *ctx, const struct sv_termbase_row *r)
{
	*(json_t **)ctx = row_json(r);
	return 1;
}

/* The pair as json (new reference), NULL when absent; 500 filled on error. */
static json_t *pair_get(struct srv_req *rq, struct srv_resp *rs, int64_t id)
{
	struct sv_termbase_query q = { .id = id };
	struct sv_error err = { 0 };
	json_t *row = NULL;
	if (sv_termbase_rows_find(rq->ctx->st, &q, row_keep, &row, NULL, &err)) {
		fail_err(rs, &err);
		return NULL;
	}
	if (!row)
		srv_fail(rs, 404, NULL, "no term pair %lld", (long long)id);
	return row;
}

static void api_pair(struct srv_req *rq, struct srv_resp *rs, int64_t id)
{
	struct sv_error err = { 0 };
	long nlines;
	if (arg_long(rq, rs, "lines", 0, 100, API_LINES_DEFAULT, &nlines))
		return;
	json_t *row = pair_get(rq, rs, id);
	if (!row)
		return;
	static const char *const langs[] = { "ru", "bg" };
	json_t *conc = json_object();
	for (int i = 0; i < 2; i++) {
		struct sv_match_lines lines = SV_MATCH_LINES_INIT;
		enum sv_lang lang = i ? SV_LANG_BG : SV_LANG_RU;
		const char *term = json_string_value(json_object_get(row, langs[i]));
		struct sv_match_concord_opts co;
		sv_match_concord_opts_init(&co);
		co.lang = lang;
		co.limit = (size_t)nlines;
		if (nlines && sv_match_concord(rq->ctx->m, term, &co, &lines, NULL, &err)) {
			sv_match_lines_release(&lines);
			json_decref(conc);
			json_decref(row);
			fail_err(rs, &err);
			return;
		}
		json_t *l = lines_json(&lines);
		json_object_set_new(conc, langs[i], json_pack("{s:I,s:o}", "total",
					(json_int_t)lines.total, "lines", l));
		sv_match_lines_release(&lines);
	}
	json_object_set_new(row, "concordance", conc);
	srv_json(rs, 200, row);
}

static int review_add(void *ctx, const struct sv_termbase_review *r)
{
	json_array_append_new(ctx, json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:s,s:o,s:s,s:s}", "id",
		(json_int_t)r->id, "pair", (json_int_t)r->pair, "revision",
		(json_int_t)r->revision, "ru", r->ru, "bg", r->bg, "action", r->action, "status",
		r->status, "detail", jstr(r->detail), "who", r->who, "at", r->at));
	return 0;
}

static void api_history(struct srv_req *rq, struct srv_resp *rs, int64_t pair)
{
	struct sv_error err = { 0 };
	long limit;
	if (arg_long(rq, rs, "limit", 1, 100000, 1000, &limit))
		return;
	json_t *a = json_array();
	if (sv_termbase_reviews_list(rq->ctx->st, pair, limit, review_add, a, &err)) {
		json_decref(a);
		fail_err(rs, &err);
		return;
	}
	srv_json(rs, 200, json_pack("{s:o}", "reviews", a));
}

/* A string member of body, NULL when absent; -1 (400 filled) when not a string. */
static int body_str(json_t *body, struct srv_resp *rs, const char *name, const char **out)
{
	json_t *v = json_object_get(body, name);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		srv_fail(rs, 400, name, "'%s' must be a string", name);
		return -1;
	}
	if (json_string_length(v) > API_TEXT_MAX) {
		srv_fail(rs, 400, name, "'%s' is longer than %d bytes", name, API_TEXT_MAX);
		return -1;
	}
	*out = json_string_value(v);
	return 0;
}

static json_t *body_parse(struct srv_req *rq, struct srv_resp *rs)
{
	json_error_t jerr;
	json_t *body = json_loadb(rq->body ? rq->body : "", rq->body_len, JSON_REJECT_DUPLICATES,
				  &jerr);
	if (!body) {
		srv_fail(rs, 400, "body", "the body is not JSON: %s at line %d", jerr.text,
			      jerr.line);
		return NULL;
	}
	if (!json_is_object(body)) {
		json_decref(body);
		srv_fail(rs, 400, "body", "the body must be a JSON object");
		return NULL;
	}
	return body;
}

static const struct {
	const char *name;
	enum sv_job_review_action action;
	enum sv_status status;
} review_actions[] = {
	{ "approve", SV_JOB_REVIEW_STATUS, SV_STATUS_APPROVED },
	{ "reject", SV_JOB_REVIEW_STATUS, SV_STATUS_REJECTED },
	{ "forbid", SV_JOB_REVIEW_STATUS, SV_STATUS_FORBIDDEN },
	{ "reset", SV_JOB_REVIEW_RESET, SV_STATUS_CANDIDATE },
	{ "note", SV_JOB_REVIEW_NOTE, SV_STATUS_CANDIDATE },
	{ "cite", SV_JOB_REVIEW_CITATION, SV_STATUS_CANDIDATE },
	{ "variant", SV_JOB_REVIEW_VARIANT, SV_STATUS_CANDIDATE },
};

static void api_review(struct srv_req *rq, struct srv_resp *rs, int64_t id)
{
	struct sv_job_review_opts o;
	struct sv_job_review_result done;
	struct sv_error err = { 0 };
	const char *action = NULL, *lang = NULL, *note = NULL;
	sv_job_review_opts_init(&o);
	o.pair = id;
	o.who = rq->user;
	o.t = rq->ctx->t;
	json_t *body = body_parse(rq, rs);
	if (!body)
		return;
	json_t *rev = json_object_get(body, "revision");
	if (!json_is_integer(rev) || json_integer_value(rev) < 0) {
		srv_fail(rs, 400, "revision",
			      "'revision' is required: the pair's revision as loaded");
		goto out;
	}
	o.revision = json_integer_value(rev);
	if (body_str(body, rs, "action", &action) || body_str(body, rs, "note", &note) ||
	    body_str(body, rs, "lang", &lang) || body_str(body, rs, "text", &o.text))
		goto out;
	size_t i = 0, n = sizeof(review_actions) / sizeof(review_actions[0]);
	while (action && i < n && strcmp(review_actions[i].name, action))
		i++;
	if (!action || i == n) {
		srv_fail(rs, 400, "action", "'action' takes approve, reject, forbid, reset, "
			      "note, cite or variant");
		goto out;
	}
	o.action = review_actions[i].action;
	o.status = review_actions[i].status;
	o.note = note;
	if (o.action == SV_JOB_REVIEW_NOTE) {
		if (!note) {
			srv_fail(rs, 400, "note", "'note' is required for action note");
			goto out;
		}
		o.text = note;
		o.note = NULL;
	}
	if (o.action == SV_JOB_REVIEW_CITATION || o.action == SV_JOB_REVIEW_VARIANT) {
		if (!lang || (strcmp(lang, "ru") && strcmp(lang, "bg"))) {
			srv_fail(rs, 400, "lang", "'lang' takes ru or bg");
			goto out;
		}
		o.lang = !strcmp(lang, "ru") ? SV_LANG_RU : SV_LANG_BG;
		if (!o.text || !*o.text) {
			srv_fail(rs, 400, "text", "'text' is required: the term as written");
			goto out;
		}
	}
	if (sv_job_review(rq->ctx->st, &o, &done, &err)) {
		/* The one SV_EINPUT left after the checks above: a variant whose lemma key is
		 * empty; sv_terms_lemma_key()'s own errors go through fail_err(). */
		if (err.code == SV_EINPUT && o.action == SV_JOB_REVIEW_VARIANT)
			srv_fail(rs, 400, "text", "'text' has no words");
		else
			fail_err(rs, &err);
		goto out;
	}
	if (done.outcome == SV_TERMBASE_MISSING) {
		srv_fail(rs, 404, NULL, "no term pair %lld", (long long)id);
		goto out;
	}
	json_t *row = pair_get(rq, rs, id);
	if (!row)
		goto out;
	if (done.outcome == SV_TERMBASE_STALE) {
		json_t *e = json_pack("{s:i,s:s,s:s,s:O}", "status", 409, "message",
			"the pair was changed since it was loaded: reload it and decide again",
			"field", "revision", "current", row);
		srv_json(rs, 409, json_pack("{s:o}", "error", e));
		json_decref(row);
		goto out;
	}
	if (done.added)
		json_object_set_new(row, "added", json_integer((json_int_t)done.added));
	srv_json(rs, 200, row);
out:
	json_decref(body);
}

static int seg_add(void *ctx, const struct sv_store_seg_row *s)
{
	json_array_append_new(ctx, json_pack("{s:I,s:I,s:s,s:s}", "ordinal",
		(json_int_t)s->ordinal, "paragraph", (json_int_t)s->para, "lang", s->lang, "text",
		s->text));
	return 0;
}

static json_t *doc_json(const struct sv_store_doc *d)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:o,s:o,s:o,s:s,s:I,s:I}", "id", (json_int_t)d->id,
		"path", d->path, "sha256", d->sha256, "lang", d->lang, "date", jstr(d->date),
		"outlet", jstr(d->outlet), "title", jstr(d->title), "format", d->format, "bytes",
		(json_int_t)d->bytes, "segments", (json_int_t)d->segments);
}

static int doc_add(void *ctx, const struct sv_store_doc *d)
{
	json_array_append_new(ctx, doc_json(d));
	return 0;
}

static int docpair_add(void *ctx, const struct sv_store_docpair_summary *p)
{
	json_array_append_new(ctx, json_pack("{s:I,s:I,s:I,s:s,s:s,s:f,s:s,s:b,s:I}", "id",
		(json_int_t)p->id, "ru_doc", (json_int_t)p->ru_doc, "bg_doc",
		(json_int_t)p->bg_doc, "ru_path", p->ru_path, "bg_path", p->bg_path, "score",
		p->score, "mode", p->mode, "declared", p->declared, "units",
		(json_int_t)p->units));
	return 0;
}

static int unit_add(void *ctx, const struct sv_store_unit *u)
{
	json_array_append_new(ctx, json_pack("{s:I,s:s,s:s,s:s,s:f,s:s,s:s}", "id",
		(json_int_t)u->id, "ru", u->ru_text, "bg", u->bg_text, "link", u->link, "score",
		u->score, "method", u->method, "status", u->status));
	return 0;
}

static void api_documents(struct srv_req *rq, struct srv_resp *rs)
{
	struct sv_error err = { 0 };
	long offset, limit;
	int64_t total = 0;
	if (arg_long(rq, rs, "offset", 0, 1L << 30, 0, &offset) ||
	    arg_long(rq, rs, "limit", 1, API_PAGE_MAX, API_PAGE_DEFAULT, &limit))
		return;
	json_t *docs = json_array(), *pairs = json_array();
	if (sv_store_docs_list(rq->ctx->st, offset, limit, doc_add, docs, &total, &err) ||
	    sv_store_docpair_summaries(rq->ctx->st, 0, 0, docpair_add, pairs, &err)) {
		json_decref(docs);
		json_decref(pairs);
		fail_err(rs, &err);
		return;
	}
	srv_json(rs, 200, json_pack("{s:I,s:o,s:o}", "total", (json_int_t)total, "documents",
					 docs, "pairs", pairs));
}

static void api_document(struct srv_req *rq, struct srv_resp *rs, int64_t id)
{
	struct sv_store_doc d = { 0 };
	struct sv_error err = { 0 };
	char ids[24];
	snprintf(ids, sizeof(ids), "%lld", (long long)id);
	if (sv_store_doc_find(rq->ctx->st, ids, &d, &err)) {
		if (err.code == SV_EINPUT)
			srv_fail(rs, 404, NULL, "no document %lld", (long long)id);
		else
			fail_err(rs, &err);
		goto out;
	}
	json_t *j = doc_json(&d), *segs = json_array(), *pairs = json_array();
	if (sv_store_doc_segs(rq->ctx->st, d.id, seg_add, segs, &err) ||
	    sv_store_docpair_summaries(rq->ctx->st, id, 0, docpair_add, pairs, &err)) {
		json_decref(j);
		json_decref(segs);
		json_decref(pairs);
		fail_err(rs, &err);
		goto out;
	}
	json_object_set_new(j, "segments", json_integer((json_int_t)json_array_size(segs)));
	json_object_set_new(j, "lines", segs);
	json_object_set_new(j, "pairs", pairs);
	srv_json(rs, 200, j);
out:
	sv_store_doc_release(&d);
}

static void api_docpair(struct srv_req *rq, struct srv_resp *rs, int64_t id)
{
	struct sv_error err = { 0 };
	json_t *found = json_array(), *units = json_array();
	struct sv_store_units_filter uf = SV_STORE_UNITS_FILTER_INIT;
	uf.any_status = 1;
	uf.pair = id;
	if (sv_store_docpair_summaries(rq->ctx->st, 0, id, docpair_add, found, &err) ||
	    (json_array_size(found) &&
	     sv_store_units_list(rq->ctx->st, &uf, unit_add, units, &err))) {
		json_decref(found);
		json_decref(units);
		fail_err(rs, &err);
		return;
	}
	if (!json_array_size(found)) {
		json_decref(found);
		json_decref(units);
		srv_fail(rs, 404, NULL, "no document pair %lld", (long long)id);
		return;
	}
	json_t *p = json_incref(json_array_get(found, 0));
	json_decref(found);
	json_object_set_new(p, "alignment", units);
	srv_json(rs, 200, p);
}

static void api_stats(struct srv_req *rq, struct srv_resp *rs)
{
	struct sv_store_totals t = { 0 };
	struct sv_error err = { 0 };
	if (sv_store_totals(rq->ctx->st, &t, &err)) {
		fail_err(rs, &err);
		return;
	}
	srv_json(rs, 200, json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:{s:I,s:I,s:I,s:I}}",
		"documents", (json_int_t)t.documents, "segments", (json_int_t)t.segments,
		"document_pairs", (json_int_t)t.doc_pairs, "units", (json_int_t)t.units, "terms",
		(json_int_t)t.terms, "term_pairs", (json_int_t)t.term_pairs, "by_status",
		"candidate", (json_int_t)t.by_status[0], "approved", (json_int_t)t.by_status[1],
		"rejected", (json_int_t)t.by_status[2], "forbidden",
		(json_int_t)t.by_status[3]));
}

static void api_export(struct srv_req *rq, struct srv_resp *rs, const char *fmt)
{
	static const char *const formats[][3] = {
		{ "tmx", "application/x-tmx+xml", "sverka.tmx" },
		{ "tbx", "application/x-tbx+xml", "sverka.tbx" },
		{ "xliff", "application/x-xliff+xml", "sverka.xlf" },
		{ "omegat", "text/tab-separated-values; charset=utf-8", "sverka-glossary.utf8" },
	};
	struct sv_error err = { 0 };
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (strcmp(fmt, formats[i][0]))
			continue;
		if (srv_export(rq->ctx->st, fmt, &rs->body, &rs->len, &err)) {
			fail_err(rs, &err);
			return;
		}
		rs->status = 200;
		rs->type = formats[i][1];
		struct sv_buf b = SV_BUF_INIT;
		sv_buf_addf(&b, "attachment; filename=\"%s\"", formats[i][2]);
		rs->disposition = sv_buf_detach(&b);
		return;
	}
	srv_fail(rs, 404, "format", "no export format '%s': tmx, tbx, xliff or omegat", fmt);
}

/* A file member of the check body: {"name": ..., "content": ...}. */
static int body_file(json_t *body, struct srv_resp *rs, const char *field, int required,
		     const char **name, const char **content, size_t *len)
{
	json_t *f = json_object_get(body, field);
	*name = *content = NULL;
	*len = 0;
	if (!f || json_is_null(f)) {
		if (required)
			srv_fail(rs, 400, field, "'%s' is required: {name, content}", field);
		return required ? -1 : 0;
	}
	json_t *n = json_object_get(f, "name"), *c = json_object_get(f, "content");
	if (!json_is_object(f) || !json_is_string(n) || !json_is_string(c)) {
		srv_fail(rs, 400, field, "'%s' must be {name, content} strings", field);
		return -1;
	}
	*name = json_string_value(n);
	*content = json_string_value(c);
	*len = json_string_length(c);
	return 0;
}

static void api_check(struct srv_req *rq, struct srv_resp *rs)
{
	struct sv_error err = { 0 };
	const char *rname, *rtext, *gname, *gtext, *source = NULL, *format = arg(rq, "format");
	size_t rlen, glen;
	if (!format || !*format)
		format = "json";
	if (strcmp(format, "json") && strcmp(format, "html")) {
		srv_fail(rs, 400, "format", "'format' takes json or html");
		return;
	}
	json_t *body = body_parse(rq, rs);
	if (!body)
		return;
	if (body_file(body, rs, "report", 1, &rname, &rtext, &rlen) ||
	    body_file(body, rs, "glossary", 0, &gname, &gtext, &glen) ||
	    body_str(body, rs, "source", &source))
		goto out;
	if (source && strcmp(source, "ru") && strcmp(source, "bg")) {
		srv_fail(rs, 400, "source", "'source' takes ru or bg");
		goto out;
	}
	char *data = NULL;
	size_t len = 0;
	if (srv_check(rq->sv, rq->ctx->t, rname, rtext, rlen, gname, gtext, glen, source, format, &data,
			   &len, &err)) {
		fail_err(rs, &err);
		goto out;
	}
	if (!strcmp(format, "html")) {
		rs->status = 200;
		rs->body = data;
		rs->len = len;
		rs->type = "text/html; charset=utf-8";
		rs->disposition = sv_strdup("attachment; filename=\"sverka-check.html\"");
		goto out;
	}
	json_error_t jerr;
	json_t *report = json_loadb(data, len, 0, &jerr);
	free(data);
	if (!report) {
		srv_fail(rs, 500, NULL, "sverka check gave no JSON: %s", jerr.text);
		goto out;
	}
	srv_json(rs, 200, report);
out:
	json_decref(body);
}

static void api_history_all(struct srv_req *rq, struct srv_resp *rs)
{
	api_history(rq, rs, 0);
}

static void api_review_as(struct srv_req *rq, struct srv_resp *rs, int64_t id)
{
	if (strcmp(rq->role, "reviewer"))
		srv_fail(rs, 403, NULL, "'%s' may read but not review", rq->user);
	else
		api_review(rq, rs, id);
}

/* The routes: a fixed path, or prefix ID suffix. */
static const struct {
	const char *method, *path;
	void (*fn)(struct srv_req *rq, struct srv_resp *rs);
} api_routes[] = {
	{ "GET", "/stats", api_stats },
	{ "GET", "/lookup", api_lookup },
	{ "GET", "/search", api_search },
	{ "GET", "/concord", api_concord },
	{ "GET", "/pairs", api_pairs },
	{ "GET", "/history", api_history_all },
	{ "GET", "/documents", api_documents },
	{ "POST", "/check", api_check },
};

static const struct {
	const char *method, *prefix, *suffix;
	void (*fn)(struct srv_req *rq, struct srv_resp *rs, int64_t id);
} api_id_routes[] = {
	{ "GET", "/pairs/", "", api_pair },
	{ "GET", "/pairs/", "/history", api_history },
	{ "POST", "/pairs/", "/review", api_review_as },
	{ "GET", "/documents/", "", api_document },
	{ "GET", "/docpairs/", "", api_docpair },
};

void srv_api(struct srv_req *rq, struct srv_resp *rs)
{
	const char *p = rq->path, *rest, *method = rq->method;
	int64_t id;
	if (!strcmp(method, "HEAD"))
		method = "GET";
	for (size_t i = 0; i < sizeof(api_routes) / sizeof(api_routes[0]); i++) {
		if (!strcmp(method, api_routes[i].method) && !strcmp(p, api_routes[i].path)) {
			api_routes[i].fn(rq, rs);
			return;
		}
	}
	for (size_t i = 0; i < sizeof(api_id_routes) / sizeof(api_id_routes[0]); i++) {
		size_t n = strlen(api_id_routes[i].prefix);
		if (!strcmp(method, api_id_routes[i].method) &&
		    !strncmp(p, api_id_routes[i].prefix, n) && !parse_id(p + n, &id, &rest) &&
		    !strcmp(rest, api_id_routes[i].suffix)) {
			api_id_routes[i].fn(rq, rs, id);
			return;
		}
	}
	if (!strcmp(method, "GET") && !strncmp(p, "/export/", 8)) {
		api_export(rq, rs, p + 8);
		return;
	}
	srv_fail(rs, 404, NULL, "no such API route: %s /api/v1%s", rq->method, p);
}
