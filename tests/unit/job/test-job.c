/* The verbs of src/job run as a front end would run them, without the CLI: the
 * add and align jobs on the sample coverage (memories/seeds: four Russian
 * articles and a Bulgarian one about the same event) and, with ../shared, on
 * ntrex-dev translations; what they report is checked against the memory. */
#include "../test.h"

#include <unistd.h>

#include "job/add.h"
#include "job/align.h"
#include "store/termbase.h"

static char dbpath[512];

static const char *const seeds[] = {
	"000_64ab20f6d742df1e.txt", "001_b9dcffeb561b54c6.txt", "002_1c60d453f61181e5.txt",
	"003_1bc477f5dc953277.txt", "004_c495f8577b962bda.txt",
};
#define NSEEDS (sizeof(seeds) / sizeof(seeds[0]))

static int setup(void **state)
{
	sv_test_build_db_path(dbpath, sizeof(dbpath), "job");
	return 0;
}

static int teardown(void **state)
{
	sv_test_remove_db(dbpath);
	return 0;
}

/* ---- what the memory holds ---------------------------------------------- */

struct unit_count {
	size_t n, cited;
	const char *ru_doc, *bg_doc; /* when set, only the units of these documents count */
};

static int count_unit(void *ctx, const struct sv_store_unit *u)
{
	struct unit_count *c = ctx;
	if (c->ru_doc && (strcmp(u->ru_doc, c->ru_doc) || strcmp(u->bg_doc, c->bg_doc)))
		return 0;
	c->n++;
	assert_non_null(u->ru_segs);
	assert_non_null(u->bg_segs);
	assert_true(*u->ru_text && *u->bg_text);
	assert_true(*u->ru_lemmas && *u->bg_lemmas);
	assert_true(u->pair > 0);
	assert_string_equal(u->status, "candidate");
	/* one segment id per sentence of the link ("2-1": two Russian ones) */
	unsigned nru, nbg;
	assert_int_equal(sscanf(u->link, "%u-%u", &nru, &nbg), 2);
	size_t commas = 0;
	for (const char *p = u->ru_segs; *p; p++)
		commas += *p == ',';
	assert_int_equal(commas + 1, nru);
	commas = 0;
	for (const char *p = u->bg_segs; *p; p++)
		commas += *p == ',';
	assert_int_equal(commas + 1, nbg);
	return 0;
}

static size_t units_stored(struct sv_store *st, const char *ru_doc, const char *bg_doc)
{
	struct sv_error err = { 0 };
	struct sv_store_units_filter f = SV_STORE_UNITS_FILTER_INIT;
	f.any_status = 1;
	f.cited = 1;
	struct unit_count c = { 0, 0, ru_doc, bg_doc };
	assert_int_equal(sv_store_units_list(st, &f, count_unit, &c, &err), SV_OK);
	return c.n;
}

struct pair_list {
	size_t n;
	const struct sv_job_align_result *res; /* every stored pair must be one of res's */
};

static int count_docpair(void *ctx, const struct sv_store_docpair *pair)
{
	struct pair_list *pl = ctx;
	const char *ru_path = pair->ru_path, *bg_path = pair->bg_path;
	pl->n++;
	assert_true(pair->id > 0 && pair->ru_doc > 0 && pair->bg_doc > 0);
	assert_true(!strcmp(pair->mode, "parallel") || !strcmp(pair->mode, "comparable"));
	int found = 0;
	for (size_t i = 0; pl->res && i < pl->res->npairs; i++)
		found |= !strcmp(pl->res->pairs[i].ru_path, ru_path) &&
			 !strcmp(pl->res->pairs[i].bg_path, bg_path);
	if (pl->res)
		assert_true(found);
	return 0;
}

static size_t docpairs_stored(struct sv_store *st, const struct sv_job_align_result *res)
{
	struct sv_error err = { 0 };
	struct pair_list pl = { 0, res };
	assert_int_equal(sv_store_docpairs_list(st, count_docpair, &pl, &err), SV_OK);
	return pl.n;
}

struct term_find {
	const char *ru, *bg;
	size_t n;
	int found;
};

static int find_term(void *ctx, const struct sv_termbase_pair *p)
{
	struct term_find *tf = ctx;
	tf->n++;
	tf->found |= !strcmp(p->ru, tf->ru) && !strcmp(p->bg, tf->bg);
	return 0;
}

/* ---- add ------------------------------------------------------------------ */

struct add_seen {
	size_t ok, failed;
};

static void on_file(void *ctx, const char *path, int rc, const struct sv_ingest_result *res,
		    const struct sv_error *ferr)
{
	struct add_seen *seen = ctx;
	if (rc) {
		seen->failed++;
		assert_null(res);
		assert_non_null(strstr(ferr->msg, "no-such-file.txt"));
	} else {
		seen->ok++;
		assert_true(res->segments > 0);
	}
}

static struct sv_store *seeded(void)
{
	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	const char *root = getenv("SV_SOURCE_ROOT");
	assert_non_null(root);
	sv_test_remove_db(dbpath);
	assert_int_equal(sv_store_open(dbpath, SV_STORE_CREATE, &st, &err), SV_OK);
	char dir[1024], missing[1100];
	snprintf(dir, sizeof(dir), "%s/memories/seeds", root);
	snprintf(missing, sizeof(missing), "%s/no-such-file.txt", dir);
	const char *paths[] = { dir, missing };
	struct sv_job_add_opts ao;
	sv_job_add_opts_init(&ao);
	struct add_seen seen = { 0 };
	ao.on_file = on_file;
	ao.ctx = &seen;
	struct sv_job_add_result res;
	int rc = sv_job_add(st, paths, 2, &ao, &res, &err);
	if (rc)
		fail_msg("sv_job_add: %s", err.msg);
	assert_int_equal(res.files, NSEEDS + 1); /* the directory expands to its files */
	assert_int_equal(res.added, NSEEDS);
	assert_int_equal(res.failed, 1);
	assert_int_equal(seen.ok, NSEEDS);
	assert_int_equal(seen.failed, 1);
	assert_true(res.segments > 100);
	return st;
}

/* ---- align ---------------------------------------------------------------- */

/* The sample coverage: the job pairs each Russian article with the Bulgarian one
 * (comparable coverage, no translation: no units), writes the pairs and the
 * termbase; a second run finds nothing new; a declared pair is aligned as a
 * translation and replaces the found pair's mode. */
/* Aligns the memory with the default options (left in *opts), the result in
 * *res; fails the test when the job fails. */
static void align_or_fail(struct sv_store *st, struct sv_job_align_opts *opts,
			  struct sv_job_align_result *res)
{
	struct sv_error err = { 0 };
	sv_job_align_opts_init(opts);
	if (sv_job_align(st, opts, res, &err))
		fail_msg("sv_job_align: %s", err.msg);
}

static void test_align_seeds(void **state)
{
	struct sv_store *st = seeded();
	struct sv_error err = { 0 };
	struct sv_job_align_opts ao;
	struct sv_job_align_result res = SV_JOB_ALIGN_RESULT_INIT;
	align_or_fail(st, &ao, &res);
	int rc;
	assert_true(res.npairs >= 3);
	assert_int_equal(res.parallel + res.comparable, res.npairs);
	for (size_t i = 0; i < res.npairs; i++) {
		assert_non_null(strstr(res.pairs[i].bg_path, seeds[3])); /* the Bulgarian one */
		assert_false(res.pairs[i].declared);
	}
	assert_int_equal(docpairs_stored(st, &res), res.npairs);
	assert_int_equal(units_stored(st, NULL, NULL), res.units);
	/* terms: written, and the acceptance pair Россия = Русия among them */
	assert_true(res.terms.pairs > 0);
	struct term_find tf = { "Россия", "Русия", 0, 0 };
	struct sv_termbase_filter tbf = { NULL, 0, NULL, 0, 0 };
	assert_int_equal(sv_termbase_pairs_list(st, &tbf, find_term, &tf, &err), SV_OK);
	assert_int_equal(tf.n, res.terms.pairs);
	assert_true(tf.found);
	size_t npairs = res.npairs;
	sv_job_align_result_release(&res);

	/* again: every document has been seen, nothing to align */
	assert_int_equal(sv_job_align(st, &ao, &res, &err), SV_OK);
	assert_int_equal(res.npairs, 0);
	assert_int_equal(res.units, 0);
	sv_job_align_result_release(&res);

	/* a declared translation, Bulgarian document first: aligned monotone */
	char ru[1024], bg[1024];
	snprintf(ru, sizeof(ru), "%s/memories/seeds/%s", getenv("SV_SOURCE_ROOT"), seeds[4]);
	snprintf(bg, sizeof(bg), "%s/memories/seeds/%s", getenv("SV_SOURCE_ROOT"), seeds[3]);
	struct sv_job_align_decl decl = { bg, ru, SV_ALIGN_MONOTONE };
	ao.decls = &decl;
	ao.ndecls = 1;
	rc = sv_job_align(st, &ao, &res, &err);
	if (rc)
		fail_msg("sv_job_align --parallel: %s", err.msg);
	assert_int_equal(res.npairs, 1);
	assert_string_equal(res.pairs[0].ru_path, ru);
	assert_string_equal(res.pairs[0].bg_path, bg);
	assert_true(res.pairs[0].declared);
	assert_int_equal(res.pairs[0].method, SV_ALIGN_MONOTONE);
	assert_int_equal(res.parallel, 1);
	assert_true(res.units > 0);
	assert_int_equal(res.pairs[0].units, res.units);
	assert_int_equal(units_stored(st, ru, bg), res.units);
	assert_int_equal(units_stored(st, NULL, NULL), res.units); /* the only pair with units */
	assert_int_equal(docpairs_stored(st, NULL), npairs); /* the same pair, updated */
	size_t nunits = res.units;
	sv_job_align_result_release(&res);

	/* declarations the job refuses, leaving the memory as it was */
	struct sv_job_align_decl two_ru = { "1", "2", SV_ALIGN_MONOTONE };
	ao.decls = &two_ru;
	assert_int_equal(sv_job_align(st, &ao, &res, &err), SV_EUSAGE);
	assert_non_null(strstr(err.msg, "a pair is a russian and a bulgarian document"));
	struct sv_job_align_decl unknown = { "1", "no-such-document", SV_ALIGN_MINING };
	ao.decls = &unknown;
	assert_int_equal(sv_job_align(st, &ao, &res, &err), SV_EINPUT);
	assert_non_null(strstr(err.msg, "'no-such-document'"));
	assert_int_equal(res.npairs, 0);
	assert_int_equal(docpairs_stored(st, NULL), npairs);
	assert_int_equal(units_stored(st, NULL, NULL), nunits);
	sv_store_close(st);
}

/* ntrex-dev translations (../shared): documents added one sentence a line are
 * found as parallel pairs of their own translations, and every sentence pair
 * becomes a unit citing its segments. */
static void test_align_ntrex(void **state)
{
	const char *sh = sv_test_shared();
	if (!sh)
		skip();
	char dir[1024];
	snprintf(dir, sizeof(dir), "%s/data/ntrex-dev/parallel", sh);
	static const char *const names[] = { "abcnews.306758", "abcnews.306764",
					     "abcnews.306815" };
	enum { NDOCS = sizeof(names) / sizeof(names[0]) };
	char paths[2 * NDOCS][1200];
	for (size_t i = 0; i < NDOCS; i++)
		for (int side = 0; side < 2; side++) {
			snprintf(paths[i * 2 + side], sizeof(paths[0]), "%s/%s/%s.txt", dir,
				 side ? "bg" : "ru", names[i]);
			if (access(paths[i * 2 + side], R_OK))
				skip();
		}
	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	sv_test_remove_db(dbpath);
	assert_int_equal(sv_store_open(dbpath, SV_STORE_CREATE, &st, &err), SV_OK);
	struct sv_job_add_opts ao;
	sv_job_add_opts_init(&ao);
	ao.ingest.segmented = 1;
	struct sv_job_add_result added;
	for (int side = 0; side < 2; side++) {
		const char *v[NDOCS];
		for (size_t i = 0; i < NDOCS; i++)
			v[i] = paths[i * 2 + side];
		ao.ingest.lang = side ? SV_LANG_BG : SV_LANG_RU;
		assert_int_equal(sv_job_add(st, v, NDOCS, &ao, &added, &err), SV_OK);
		assert_int_equal(added.added, NDOCS);
	}
	struct sv_job_align_opts o;
	struct sv_job_align_result res = SV_JOB_ALIGN_RESULT_INIT;
	align_or_fail(st, &o, &res);
	assert_true(res.npairs >= NDOCS);
	size_t translations = 0, sentences = 0;
	for (size_t i = 0; i < res.npairs; i++) {
		const struct sv_job_align_pair *p = &res.pairs[i];
		for (size_t k = 0; k < NDOCS; k++) {
			if (strcmp(p->ru_path, paths[k * 2]) ||
			    strcmp(p->bg_path, paths[k * 2 + 1]))
				continue;
			translations++;
			assert_int_equal(p->method, SV_ALIGN_MONOTONE);
			assert_int_equal(units_stored(st, p->ru_path, p->bg_path), p->units);
			sentences += p->units;
		}
	}
	assert_int_equal(translations, NDOCS);
	assert_true(sentences > 20);
	assert_int_equal(units_stored(st, NULL, NULL), res.units);
	assert_int_equal(docpairs_stored(st, &res), res.npairs);
	assert_true(res.terms.pairs > 0);
	assert_true(res.terms.units > 0); /* the units served as evidence */
	sv_job_align_result_release(&res);
	sv_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_align_seeds),
		cmocka_unit_test(test_align_ntrex),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
