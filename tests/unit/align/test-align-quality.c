/* The alignment quality figures of issue 3 as tests, on ../shared (skipped
 * without it): ntrex-dev variants, document pairing, and the seed coverage.
 * The same code as bench/eval-align (tests/helper/align-eval.c). */
#include "../test.h"

#include "align-eval.h"
#include "align-long.h"

static char ntrex[1024], seeds[1024];

static int setup(void **state)
{
	const char *sh = sv_test_shared();
	if (!sh)
		return 0;
	snprintf(ntrex, sizeof(ntrex), "%s/data/ntrex-dev", sh);
	snprintf(seeds, sizeof(seeds), "%s/corpus/seeds", sh);
	return 0;
}

static int teardown(void **state)
{
	ac_text_done();
	return 0;
}

static void variant(const char *name, enum sv_align_method m, struct ac_prf *r)
{
	if (!*ntrex)
		skip();
	char dir[1200];
	snprintf(dir, sizeof(dir), "%s/%s", ntrex, name);
	if (ac_eval_variant(dir, m, r, NULL))
		skip();
	fprintf(stderr, "# %s: P %.4f R %.4f F1 %.4f\n", name, r->p, r->r, r->f);
}

static void test_parallel(void **state)
{
	struct ac_prf r;
	variant("parallel", SV_ALIGN_MONOTONE, &r);
	assert_true(r.f >= 0.999);
}

static void test_deletion(void **state)
{
	struct ac_prf r;
	variant("deletion", SV_ALIGN_MONOTONE, &r);
	assert_true(r.f >= 0.95);
	assert_true(r.p >= 0.97);
}

static void test_merge(void **state)
{
	struct ac_prf r;
	variant("merge", SV_ALIGN_MONOTONE, &r);
	assert_true(r.f >= 0.98);
}

static void test_comparable(void **state)
{
	struct ac_prf r;
	variant("comparable", SV_ALIGN_MINING, &r);
	/* issue 3 asks for F1 >= 0.90: 0.900 is measured (P 0.947), with the
	 * false-discovery step that keeps the seed coverage free of false pairs
	 * (test_seeds); held-out variants: docs/ALIGN.md */
	assert_true(r.f >= 0.90);
	assert_true(r.p >= 0.93);
}

static void test_docpairs(void **state)
{
	if (!*ntrex)
		skip();
	char dir[1200];
	snprintf(dir, sizeof(dir), "%s/parallel", ntrex);
	size_t nd = 0;
	double acc = ac_eval_docpairs(dir, &nd);
	if (acc < 0)
		skip();
	fprintf(stderr, "# document pairing: %.4f of %zu\n", acc, nd);
	assert_true(acc >= 0.98);
}

/* A 20,000-line pair of ntrex-dev's parallel lines with 20% deleted on each
 * side: cycled (the text repeats every 970 lines, where the coarse pass used
 * to drift to a copy one cycle away: F1 0.34-0.97 by the deletions drawn) and
 * made distinct (two lines joined). bench/bench-align-long measures 40,000. */
static void long_pair(int distinct, uint64_t seed)
{
	if (!*ntrex)
		skip();
	char dir[1200];
	snprintf(dir, sizeof(dir), "%s/parallel", ntrex);
	struct ac_doc ru, bg;
	if (!ac_side_all(dir, "ru", SV_LANG_RU, &ru) || !ac_side_all(dir, "bg", SV_LANG_BG, &bg))
		skip();
	struct ac_long p;
	ac_long_make(&ru, &bg, 20000, distinct, 0.2, seed, &p);
	struct ac_prf r;
	assert_int_equal(ac_long_eval(&p, &r, NULL), 0);
	fprintf(stderr, "# long %s, seed %u: P %.4f R %.4f F1 %.4f\n",
		distinct ? "distinct" : "repeated", (unsigned)seed, r.p, r.r, r.f);
	assert_true(r.f >= 0.95);
	ac_long_free(&p);
	ac_doc_free(&ru);
	ac_doc_free(&bg);
}

static void test_long_repeated(void **state)
{
	/* seed 20002 drew the deletions that took F1 to 0.34 before */
	long_pair(0, 20002);
}

static void test_long_distinct(void **state)
{
	long_pair(1, 20042);
}

/* The Bulgarian seed article (003) pairs with the Russian one on the same
 * state visit (004), and mining finds no pair in any of its document pairs:
 * none of the Russian articles translates or quotes any of its sentences
 * (judged by reading: 003 quotes Putin at the talks, 004 announces the
 * visit, 000-002 report other meetings). The list stays empty at four times
 * the default false discovery rate too; the first pair to appear, at ten
 * times, is 004's "будет подписание документов, в том числе в сфере
 * миграции" against Putin's "ще бъде подписан пакет от ... документи в
 * областта на ... миграцията": the same fact from another speaker, not a
 * translation. */
static void test_seeds(void **state)
{
	if (!*seeds)
		skip();
	char **names;
	size_t nd = ac_list(seeds, &names);
	if (!nd)
		skip();
	struct sv_error err;
	struct sv_align *a = sv_align_open(NULL, &err);
	assert_non_null(a);
	struct ac_doc *docs = calloc(nd, sizeof(*docs));
	size_t *ids = calloc(nd, sizeof(*ids));
	size_t bg = (size_t)-1, visit = (size_t)-1;
	char path[2048];
	for (size_t i = 0; i < nd; i++) {
		snprintf(path, sizeof(path), "%s/%s.txt", seeds, names[i]);
		assert_int_equal(ac_doc_read(path, names[i], SV_LANG_UNKNOWN, 1, &docs[i]), 0);
		struct sv_align_doc d = { names[i], docs[i].lang, docs[i].date, docs[i].sents,
					  docs[i].n };
		assert_int_equal(sv_align_add(a, &d, &ids[i], &err), SV_OK);
		if (docs[i].lang == SV_LANG_BG)
			bg = i;
		if (!strncmp(names[i], "004", 3))
			visit = i;
	}
	assert_true(bg == 3 && visit == 4);
	struct sv_align_docpairs dp = SV_ALIGN_DOCPAIRS_INIT;
	assert_int_equal(sv_align_docs(a, NULL, &dp, &err), SV_OK);
	size_t best = (size_t)-1;
	float bs = 0;
	for (size_t q = 0; q < dp.n; q++)
		if (dp.v[q].bg == ids[bg] && dp.v[q].score > bs) {
			bs = dp.v[q].score;
			best = dp.v[q].ru;
		}
	assert_int_equal(best, ids[visit]);
	struct sv_align_opts o;
	sv_align_opts_init(&o);
	o.method = SV_ALIGN_MINING;
	const double alphas[] = { o.mine_alpha, 4 * o.mine_alpha };
	for (size_t ai = 0; ai < 2; ai++) {
		o.mine_alpha = alphas[ai];
		for (size_t r = 0; r < nd; r++) {
			if (docs[r].lang != SV_LANG_RU)
				continue;
			struct sv_align_links l = SV_ALIGN_LINKS_INIT;
			assert_int_equal(sv_align_sentences(a, ids[r], ids[bg], &o, &l, &err), SV_OK);
			fprintf(stderr, "# mined %s x %s at FDR %.2f: %zu pairs\n", names[r],
				names[bg], o.mine_alpha, l.n);
			for (size_t q = 0; q < l.n; q++)
				fprintf(stderr, "# false pair %s:%u %s:%u | %s | %s\n", names[r],
					l.v[q].ru + 1, names[bg], l.v[q].bg + 1,
					docs[r].sents[l.v[q].ru].text, docs[bg].sents[l.v[q].bg].text);
			assert_int_equal(l.n, 0);
			sv_align_links_release(&l);
		}
	}
	sv_align_docpairs_release(&dp);
	for (size_t i = 0; i < nd; i++)
		ac_doc_free(&docs[i]);
	free(docs);
	free(ids);
	ac_list_free(names, nd);
	sv_align_close(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parallel),   cmocka_unit_test(test_deletion),
		cmocka_unit_test(test_merge),      cmocka_unit_test(test_comparable),
		cmocka_unit_test(test_docpairs),   cmocka_unit_test(test_seeds),
		cmocka_unit_test(test_long_repeated), cmocka_unit_test(test_long_distinct),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
