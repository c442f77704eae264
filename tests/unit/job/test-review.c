/* The review verb (job/review.h) on Russian/Bulgarian term pairs as `align` leaves
 * them (candidates): a decision from the command line and one from the server's page,
 * a stale revision and a missing pair that write nothing, a variant, a note, bad
 * input, and the audit trail holding exactly one row per decision, whichever front
 * end made it and also for a write that bypasses the verb (import's forbidden). */
#include "../test.h"

#include <unistd.h>

#include "job/review.h"
#include "store/termbase.h"
#include "terms/terms.h"

static char dbpath[512];

static int setup(void **state)
{
	sv_test_build_db_path(dbpath, sizeof(dbpath), "review");
	return 0;
}

static int teardown(void **state)
{
	sv_test_remove_db(dbpath);
	return 0;
}

/* ---- the memory ------------------------------------------------------------ */

static int64_t term(struct sv_store *st, struct sv_text *t, enum sv_lang lang,
		    const char *citation)
{
	struct sv_error err = { 0 };
	struct sv_buf key = SV_BUF_INIT;
	int64_t id = 0;
	assert_int_equal(sv_terms_lemma_key(t, lang, citation, &key, &err), SV_OK);
	assert_true(key.len > 0);
	struct sv_termbase_term tt = { .lang = sv_lang_code(lang), .lemma_key = key.data,
				       .citation = citation, .kind = "phrase", .freq = 3,
				       .termhood = 0.5, .origin = "align" };
	assert_int_equal(sv_termbase_term_put(st, &tt, &id, &err), SV_OK);
	sv_buf_release(&key);
	return id;
}

/* A candidate pair as `align` writes it. */
static int64_t candidate(struct sv_store *st, struct sv_text *t, const char *ru, const char *bg,
			 double score)
{
	struct sv_error err = { 0 };
	int64_t id = 0;
	assert_int_equal(sv_store_begin(st, &err), SV_OK);
	int64_t r = term(st, t, SV_LANG_RU, ru), b = term(st, t, SV_LANG_BG, bg);
	assert_int_equal(sv_termbase_pair_put(st, r, b, score, "seen in 3 units", &id, &err),
			 SV_OK);
	assert_int_equal(sv_store_commit(st, &err), SV_OK);
	assert_true(id > 0);
	return id;
}

static int keep_row(void *ctx, const struct sv_termbase_row *r)
{
	struct sv_termbase_row *out = ctx;
	*out = *r;
	/* the strings are borrowed: keep what the tests compare */
	out->p.ru = out->p.bg = out->p.evidence = out->p.note = out->p.reviewed = NULL;
	out->p.ru_kind = out->p.bg_kind = out->p.ru_origin = out->p.bg_origin = NULL;
	out->p.origin = NULL;
	out->p.status = !strcmp(r->p.status, "approved")    ? "approved"
			: !strcmp(r->p.status, "rejected")  ? "rejected"
			: !strcmp(r->p.status, "forbidden") ? "forbidden"
							    : "candidate";
	return 1;
}

static struct sv_termbase_row pair_now(struct sv_store *st, int64_t id)
{
	struct sv_error err = { 0 };
	struct sv_termbase_row row = { .p.id = 0 };
	struct sv_termbase_query q = { .id = id };
	assert_int_equal(sv_termbase_rows_find(st, &q, keep_row, &row, NULL, &err), SV_OK);
	assert_int_equal(row.p.id, id);
	return row;
}

/* The audit trail of one pair (0: all) as "action status who detail" lines. */
struct trail {
	size_t n;
	char last[512];
};

static int add_review(void *ctx, const struct sv_termbase_review *r)
{
	struct trail *t = ctx;
	t->n++;
	snprintf(t->last, sizeof(t->last), "%s %s %s %s r%lld", r->action, r->status, r->who,
		 r->detail ? r->detail : "-", (long long)r->revision);
	return 0;
}

static struct trail trail_of(struct sv_store *st, int64_t pair)
{
	struct sv_error err = { 0 };
	struct trail t = { 0 };
	assert_int_equal(sv_termbase_reviews_list(st, pair, 0, add_review, &t, &err), SV_OK);
	return t;
}

struct progress_seen {
	size_t calls, last_done;
};

static void on_progress(void *ctx, const char *stage, size_t done, size_t total)
{
	struct progress_seen *p = ctx;
	assert_string_equal(stage, "review");
	assert_int_equal(total, 1);
	p->calls++;
	p->last_done = done;
}

/* The text pipeline, and a new memory at dbpath in *st; fails the test when
 * either cannot be opened. */
static struct sv_text *open_text_and_memory(struct sv_store **st)
{
	struct sv_error err = { 0 };
	struct sv_text *t = sv_text_open(NULL, &err);
	if (!t)
		fail_msg("sv_text_open: %s", err.msg);
	assert_int_equal(sv_store_open(dbpath, SV_STORE_CREATE, st, &err), SV_OK);
	return t;
}

/* ---- the verb ---------------------------------------------------------------- */

static void test_review(void **state)
{
	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	struct sv_text *t = open_text_and_memory(&st);
	int64_t council = candidate(st, t, "Совет безопасности", "Съвет за сигурност", 0.91);
	int64_t ministry = candidate(st, t, "Министерство иностранных дел",
				     "Министерство на външните работи", 0.84);
	int64_t kyrgyz = candidate(st, t, "Кыргызстан", "Киргизстан", 0.77);
	assert_int_equal(trail_of(st, 0).n, 0);

	/* sverka term approve: any revision, who "command line"; one row, not two (the
	 * trigger's row is the verb's) */
	struct sv_job_review_opts o;
	struct sv_job_review_result res;
	struct progress_seen seen = { 0 };
	sv_job_review_opts_init(&o);
	o.pair = council;
	o.status = SV_STATUS_APPROVED;
	o.who = "command line";
	o.progress = (struct sv_job_progress){ on_progress, &seen };
	assert_int_equal(sv_job_review(st, &o, &res, &err), SV_OK);
	assert_int_equal(res.outcome, SV_TERMBASE_DONE);
	assert_int_equal(res.revision, 1);
	assert_int_equal(res.added, 0);
	assert_int_equal(seen.calls, 2);
	assert_int_equal(seen.last_done, 1);
	struct sv_termbase_row row = pair_now(st, council);
	assert_string_equal(row.p.status, "approved");
	assert_int_equal(row.revision, 1);
	struct trail tr = trail_of(st, council);
	assert_int_equal(tr.n, 1);
	assert_string_equal(tr.last, "status approved command line - r1");

	/* the server's page, holding revision 0: stale, nothing written */
	sv_job_review_opts_init(&o);
	o.pair = council;
	o.revision = 0;
	o.status = SV_STATUS_REJECTED;
	o.who = "anna";
	o.t = t;
	assert_int_equal(sv_job_review(st, &o, &res, &err), SV_OK);
	assert_int_equal(res.outcome, SV_TERMBASE_STALE);
	assert_int_equal(res.revision, 1); /* the current one */
	row = pair_now(st, council);
	assert_string_equal(row.p.status, "approved");
	assert_int_equal(row.revision, 1);
	assert_int_equal(trail_of(st, council).n, 1);

	/* reloaded at revision 1: written, one more row naming the reviewer */
	o.revision = 1;
	o.note = "не е същото";
	assert_int_equal(sv_job_review(st, &o, &res, &err), SV_OK);
	assert_int_equal(res.outcome, SV_TERMBASE_DONE);
	assert_int_equal(res.revision, 2);
	assert_string_equal(pair_now(st, council).p.status, "rejected");
	tr = trail_of(st, council);
	assert_int_equal(tr.n, 2);
	assert_string_equal(tr.last, "status rejected anna не е същото r2");

	/* undo, then a note alone */
	sv_job_review_opts_init(&o);
	o.pair = council;
	o.revision = 2;
	o.action = SV_JOB_REVIEW_RESET;
	o.who = "anna";
	assert_int_equal(sv_job_review(st, &o, &res, &err), SV_OK);
	assert_int_equal(res.outcome, SV_TERMBASE_DONE);
	assert_string_equal(pair_now(st, council).p.status, "candidate");
	o.action = SV_JOB_REVIEW_NOTE;
	o.revision = res.revision;
	o.text = "Совет Безопасности ООН";
	assert_int_equal(sv_job_review(st, &o, &res, &err), SV_OK);
	assert_int_equal(res.outcome, SV_TERMBASE_DONE);
	tr = trail_of(st, council);
	assert_int_equal(tr.n, 4);
	assert_string_equal(tr.last, "note candidate anna Совет Безопасности ООН r4");

	/* a missing pair: an outcome, nothing written anywhere */
	size_t all = trail_of(st, 0).n;
	sv_job_review_opts_init(&o);
	o.pair = 999999;
	assert_int_equal(sv_job_review(st, &o, &res, &err), SV_OK);
	assert_int_equal(res.outcome, SV_TERMBASE_MISSING);
	assert_int_equal(trail_of(st, 0).n, all);

	/* a Bulgarian variant of the ministry: a new approved pair with the Russian term, in
	 * one concept; the decision is one row of the ministry's trail */
	sv_job_review_opts_init(&o);
	o.pair = ministry;
	o.revision = 0;
	o.action = SV_JOB_REVIEW_VARIANT;
	o.lang = SV_LANG_BG;
	o.text = "Външно министерство";
	o.who = "anna";
	assert_int_equal(sv_job_review(st, &o, &res, &err), SV_OK); /* opens its own sv_text */
	assert_int_equal(res.outcome, SV_TERMBASE_DONE);
	assert_int_equal(res.revision, 1);
	assert_true(res.added > 0 && res.added != ministry);
	struct sv_termbase_row base = pair_now(st, ministry), added = pair_now(st, res.added);
	assert_string_equal(added.p.status, "approved");
	assert_int_equal(added.ru_term, base.ru_term);
	assert_true(added.bg_term != base.bg_term);
	assert_true(added.p.concept != 0);
	tr = trail_of(st, ministry);
	assert_int_equal(tr.n, 1);
	assert_string_equal(tr.last, "variant candidate anna Външно министерство r1");

	/* bad input: nothing written */
	all = trail_of(st, 0).n;
	sv_job_review_opts_init(&o);
	o.pair = kyrgyz;
	o.status = SV_STATUS_DEPRECATED; /* a TBX status, not a decision */
	assert_int_equal(sv_job_review(st, &o, &res, &err), SV_EINPUT);
	o.status = SV_STATUS_APPROVED;
	o.action = SV_JOB_REVIEW_CITATION;
	o.lang = SV_LANG_OTHER;
	o.text = "Кыргызская Республика";
	assert_int_equal(sv_job_review(st, &o, &res, &err), SV_EINPUT);
	o.action = SV_JOB_REVIEW_VARIANT;
	o.lang = SV_LANG_RU;
	o.text = "—";
	assert_int_equal(sv_job_review(st, &o, &res, &err), SV_EUSAGE);
	assert_non_null(strstr(err.msg, "no words"));
	assert_int_equal(trail_of(st, 0).n, all);
	assert_string_equal(pair_now(st, kyrgyz).p.status, "candidate");

	/* a write that bypasses the verb (import's forbidden glossary entries): the trigger
	 * records it, once, as made on the command line */
	assert_int_equal(sv_termbase_pair_review(st, kyrgyz, "forbidden", NULL, &err), SV_OK);
	tr = trail_of(st, kyrgyz);
	assert_int_equal(tr.n, 1);
	assert_string_equal(tr.last, "status forbidden command line - r1");
	/* and the same status again changes nothing there */
	assert_int_equal(sv_termbase_pair_review(st, kyrgyz, "forbidden", NULL, &err), SV_OK);
	assert_int_equal(trail_of(st, kyrgyz).n, 1);

	sv_store_close(st);
	sv_text_close(t);
}

/* The one listing: the leading language orders ties and picks the best pair per term. */
struct listed {
	size_t n;
	int64_t ids[8];
};

static int add_listed(void *ctx, const struct sv_termbase_row *r)
{
	struct listed *l = ctx;
	if (l->n < 8)
		l->ids[l->n] = r->p.id;
	l->n++;
	return 0;
}

static void test_listing(void **state)
{
	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	struct sv_text *t = open_text_and_memory(&st);
	/* two Russian terms for one Bulgarian one, scored alike */
	int64_t a = candidate(st, t, "Министерство обороны", "Министерство на отбраната", 0.8);
	int64_t b = candidate(st, t, "Минобороны", "Министерство на отбраната", 0.8);
	int64_t c = candidate(st, t, "Генеральный штаб", "Генерален щаб", 0.5);
	struct listed l = { 0 };
	struct sv_termbase_query q = { .lead = SV_LANG_BG, .best = 1, .min_score = 0.4 };
	int64_t total = 0;
	assert_int_equal(sv_termbase_rows_find(st, &q, add_listed, &l, &total, &err), SV_OK);
	/* per Bulgarian term one pair: the lower id of the tie; then the staff */
	assert_int_equal(l.n, 2);
	assert_int_equal(total, 2);
	assert_int_equal(l.ids[0], a < b ? a : b);
	assert_int_equal(l.ids[1], c);
	/* led by Russian, both ministry pairs come, ties by the Russian citation */
	q.lead = SV_LANG_RU;
	l = (struct listed){ 0 };
	assert_int_equal(sv_termbase_rows_find(st, &q, add_listed, &l, &total, &err), SV_OK);
	assert_int_equal(l.n, 3);
	assert_int_equal(total, 3);
	assert_int_equal(l.ids[0], a); /* Министерство обороны < Минобороны */
	assert_int_equal(l.ids[1], b);
	sv_store_close(st);
	sv_text_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_review, setup, teardown),
		cmocka_unit_test_setup_teardown(test_listing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
