/* Unit tests for terms: citation forms, acronym definitions, lemma keys,
 * the acceptance pairs from the sample coverage (memories/seeds) through
 * sv_job_terms(), decisions surviving a refresh, and sverka pair's scorer on
 * the language-names list. */
#include "../test.h"

#include <unistd.h>

#include "job/add.h"
#include "job/terms.h"
#include "store/termbase.h"

static char dbpath[256];
static struct sv_text *text;

static int setup(void **state)
{
	struct sv_error err = { 0 };
	sv_test_tmp_db_path(dbpath, sizeof(dbpath), "terms");
	unlink(dbpath);
	text = sv_text_open(NULL, &err);
	return text ? 0 : -1;
}

static int teardown(void **state)
{
	sv_test_remove_db(dbpath);
	sv_text_close(text);
	return 0;
}

static void cite(enum sv_lang lang, const char *phrase, const char *want, int name)
{
	const char *words[8], *lemmas[8];
	struct sv_tokens toks = { 0 };
	struct sv_error err = { 0 };
	struct sv_buf out = SV_BUF_INIT;
	assert_int_equal(sv_text_tokenize(text, phrase, strlen(phrase), &toks, &err), SV_OK);
	char *copies[8];
	size_t n = 0;
	for (size_t i = 0; i < toks.n && n < 8; i++) {
		if (toks.v[i].type != SV_TOK_WORD && toks.v[i].type != SV_TOK_ACRONYM)
			continue;
		copies[n] = sv_strndup(phrase + toks.v[i].start, toks.v[i].len);
		words[n] = copies[n];
		const char *l[2];
		sv_text_lemmas(text, lang, sv_token_key(&toks, i), toks.v[i].keylen, l, 2);
		lemmas[n++] = l[0];
	}
	sv_terms_citation(lang, words, lemmas, n, name, &out);
	assert_string_equal(out.data, want);
	for (size_t i = 0; i < n; i++)
		free(copies[i]);
	sv_buf_release(&out);
	sv_tokens_release(&toks);
}

static void test_citation(void **state)
{
	cite(SV_LANG_RU, "Совета коллективной безопасности", "Совет коллективной безопасности", 1);
	cite(SV_LANG_RU, "стратегического партнёрства", "стратегическое партнёрство", 0);
	cite(SV_LANG_RU, "российской военной базы", "российская военная база", 0);
	cite(SV_LANG_RU, "Владимиром Путиным", "Владимир Путин", 1);
	cite(SV_LANG_BG, "Съвета за колективна сигурност", "Съвет за колективна сигурност", 1);
	cite(SV_LANG_BG, "Стратегическото партньорство", "Стратегическо партньорство", 0);
	cite(SV_LANG_BG, "Общността на независимите държави", "Общност на независимите държави", 1);
	cite(SV_LANG_BG, "военната база", "военна база", 0);
	cite(SV_LANG_BG, "Евразийския икономически съюз", "Евразийски икономически съюз", 1);
}

static void acronyms(enum sv_lang lang, const char *s, const char *want)
{
	struct sv_buf out = SV_BUF_INIT;
	struct sv_error err = { 0 };
	assert_int_equal(sv_terms_acronyms(text, lang, s, strlen(s), &out, &err), SV_OK);
	assert_string_equal(out.data, want);
	sv_buf_release(&out);
}

static void test_acronyms(void **state)
{
	acronyms(SV_LANG_BG,
		 "Визитата се състои в навечерието на заседанието на Съвета за колективна "
		 "сигурност на Организацията на Договора за колективна сигурност (ОДКС).",
		 "ОДКС\tорганизация на договор за колективен сигурност\n");
	acronyms(SV_LANG_BG, "в международните организации – Общността на независимите държави "
		 "(ОНД) и ООН.", "ОНД\tобщност на независим държава\n");
	acronyms(SV_LANG_RU, "Организация Договора о коллективной безопасности (ОДКБ) провела "
		 "саммит.", "ОДКБ\tорганизация договор о коллективный безопасность\n");
	acronyms(SV_LANG_RU, "Саммит ОДКБ — Организации Договора о коллективной безопасности — "
		 "прошёл в Бишкеке.", "ОДКБ\tорганизация договор о коллективный безопасность\n");
	/* no definition: the words before do not spell it */
	acronyms(SV_LANG_RU, "заседание Совета коллективной безопасности ОДКБ в Бишкеке", "");
}

static void test_lemma_key(void **state)
{
	struct sv_buf out = SV_BUF_INIT;
	struct sv_error err = { 0 };
	assert_int_equal(sv_terms_lemma_key(text, SV_LANG_BG, "Съвета за колективна сигурност",
					    &out, &err), SV_OK);
	assert_string_equal(out.data, "съвет за колективен сигурност");
	sv_buf_reset(&out);
	assert_int_equal(sv_terms_lemma_key(text, SV_LANG_RU, " , ", &out, &err), SV_EUSAGE);
	sv_buf_release(&out);
}

/* ---- the sample coverage ----------------------------------------------- */

static struct sv_store *seeded(void)
{
	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	const char *root = getenv("SV_SOURCE_ROOT");
	assert_non_null(root);
	unlink(dbpath);
	assert_int_equal(sv_store_open(dbpath, SV_STORE_CREATE, &st, &err), SV_OK);
	static const char *const seeds[] = {
		"000_64ab20f6d742df1e.txt", "001_b9dcffeb561b54c6.txt", "002_1c60d453f61181e5.txt",
		"003_1bc477f5dc953277.txt", "004_c495f8577b962bda.txt",
	};
	assert_int_equal(sv_store_begin(st, &err), SV_OK);
	for (size_t i = 0; i < 5; i++) {
		char path[1024];
		snprintf(path, sizeof(path), "%s/memories/seeds/%s", root, seeds[i]);
		struct sv_ingest_opts o = { SV_LANG_UNKNOWN, SV_FORMAT_AUTO, 0, 0 };
		struct sv_ingest_result res;
		assert_int_equal(sv_ingest_file(st, text, path, &o, &res, &err), SV_OK);
	}
	assert_int_equal(sv_store_commit(st, &err), SV_OK);
	return st;
}

static void run_terms(struct sv_store *st, struct sv_terms_stats *stats)
{
	struct sv_error err = { 0 };
	assert_int_equal(sv_store_begin(st, &err), SV_OK);
	int rc = sv_job_terms(st, text, NULL, stats, &err);
	if (rc)
		fail_msg("sv_job_terms: %s", err.msg);
	assert_int_equal(sv_store_commit(st, &err), SV_OK);
}

struct best {
	const char *ru;
	char bg[256];
	char status[16];
	int64_t id;
	double score;
};

static int find_best(void *ctx, const struct sv_termbase_pair *p)
{
	struct best *b = ctx;
	if (strcmp(p->ru, b->ru) || p->score <= b->score)
		return 0;
	snprintf(b->bg, sizeof(b->bg), "%s", p->bg);
	snprintf(b->status, sizeof(b->status), "%s", p->status);
	b->id = p->id;
	b->score = p->score;
	return 0;
}

static struct best best_of(struct sv_store *st, const char *ru)
{
	struct sv_error err = { 0 };
	struct sv_termbase_filter f = { NULL, 0, NULL, 1, 0 };
	struct best b = { ru, "", "", 0, -1 };
	assert_int_equal(sv_termbase_pairs_list(st, &f, find_best, &b, &err), SV_OK);
	return b;
}

static const char *const acceptance[][2] = {
	{ "ОДКБ", "ОДКС" },
	{ "Киргизия", "Киргизстан" },
	{ "Бишкек", "Бишкек" },
	{ "Владимир Путин", "Владимир Путин" },
	{ "Садыр Жапаров", "Садир Жапаров" },
	{ "Совет коллективной безопасности", "Съвет за колективна сигурност" },
	{ "СНГ", "ОНД" },
	{ "ШОС", "ШОС" },
	{ "Евразийский экономический союз", "Евразийски икономически съюз" },
	{ "ООН", "ООН" },
	{ "стратегическое партнёрство", "стратегическо партньорство" },
	{ "военная база", "военна база" },
	{ "Лукашенко", "Лукашенко" },
	{ "Россия", "Русия" },
};

/* The terms of ОДКБ's concept, and what odks_term saw of them. */
static const struct {
	enum sv_lang lang;
	const char *citation;
} odks_terms[] = {
	{ SV_LANG_RU, "ОДКБ" },
	{ SV_LANG_BG, "ОДКС" },
	{ SV_LANG_BG, "Организация на Договора за колективна сигурност" },
};

struct odks_concept {
	size_t found[sizeof(odks_terms) / sizeof(odks_terms[0])]; /* seen with each citation */
	int64_t concept;       /* the first one's concept */
	int concepts;          /* distinct concepts among them: 1, or 2 for more */
	int preferred_odks;    /* preferred terms ОДКС among them */
};

static int odks_term(void *ctx, const struct sv_store_term *t)
{
	struct odks_concept *c = ctx;
	for (size_t i = 0; i < sizeof(odks_terms) / sizeof(odks_terms[0]); i++) {
		if (t->lang != odks_terms[i].lang || strcmp(t->citation, odks_terms[i].citation))
			continue;
		c->found[i]++;
		if (!c->concepts) {
			c->concept = t->concept;
			c->concepts = 1;
		} else if (t->concept != c->concept) {
			c->concepts = 2;
		}
		c->preferred_odks += t->preferred && !strcmp(t->citation, "ОДКС");
	}
	return 0;
}

static void test_seeds_acceptance(void **state)
{
	struct sv_store *st = seeded();
	struct sv_terms_stats stats;
	run_terms(st, &stats);
	assert_true(stats.pairs > 0);
	size_t ok = 0;
	for (size_t i = 0; i < sizeof(acceptance) / sizeof(acceptance[0]); i++) {
		struct best b = best_of(st, acceptance[i][0]);
		int good = !strcmp(b.bg, acceptance[i][1]);
		if (!good)
			print_message("# %s -> '%s' (want %s)\n", acceptance[i][0], b.bg,
				      acceptance[i][1]);
		ok += good;
	}
	assert_int_equal(ok, sizeof(acceptance) / sizeof(acceptance[0]));
	/* one concept holds ОДКБ, ОДКС and ОДКС's expansion; ОДКС is preferred */
	struct sv_store_terms_query q = { .by = SV_STORE_TERMS_CONCEPTS };
	struct odks_concept c = { 0 };
	struct sv_error err = { 0 };
	assert_int_equal(sv_store_terms_find(st, &q, odks_term, &c, &err), SV_OK);
	for (size_t i = 0; i < sizeof(odks_terms) / sizeof(odks_terms[0]); i++)
		assert_true(c.found[i] > 0);
	assert_int_equal(c.concepts, 1);
	assert_int_equal(c.preferred_odks, 1);
	sv_store_close(st);
}

/* A person's decisions and manual pairs survive a later run. */
static void test_decisions_kept(void **state)
{
	struct sv_store *st = seeded();
	struct sv_error err = { 0 };
	run_terms(st, NULL);
	struct best b1 = best_of(st, "Россия"), b2 = best_of(st, "Лукашенко"),
		    b3 = best_of(st, "Бишкек");
	assert_true(b1.id > 0 && b2.id > 0);
	assert_int_equal(sv_termbase_pair_review(st, b1.id, "approved", NULL, &err), SV_OK);
	assert_int_equal(sv_termbase_pair_review(st, b2.id, "forbidden", "not attested", &err),
			 SV_OK);
	assert_int_equal(sv_termbase_pair_review(st, 999999, "approved", NULL, &err), SV_EINPUT);
	struct sv_termbase_term ru = { "ru", "кыргызстан", "Кыргызстан", NULL, 0, 0, "manual" };
	struct sv_termbase_term bg = { "bg", "киргизстан", "Киргизстан", NULL, 0, 0, "manual" };
	int64_t id = 0;
	assert_int_equal(sv_termbase_pair_add_manual(st, &ru, &bg, "variant", &id, &err), SV_OK);
	struct sv_terms_stats stats;
	run_terms(st, &stats);
	assert_true(stats.kept >= 2);
	struct best a1 = best_of(st, "Россия"), a2 = best_of(st, "Лукашенко"),
		    a3 = best_of(st, "Кыргызстан");
	assert_int_equal(a1.id, b1.id);
	assert_string_equal(a1.status, "approved");
	assert_int_equal(a2.id, b2.id);
	assert_string_equal(a2.status, "forbidden");
	assert_int_equal(a3.id, id);
	/* a candidate produced again keeps its id */
	struct best a4 = best_of(st, "Бишкек");
	assert_int_equal(a4.id, b3.id);
	assert_string_equal(a4.status, "candidate");
	assert_string_equal(a3.bg, "Киргизстан");
	assert_string_equal(a3.status, "approved");
	sv_store_close(st);
}

/* The terms job reports its stages in order, with the counts it worked on. */
struct progress_log {
	char stages[8][16];
	size_t done[8], total[8], n;
};

static void log_progress(void *ctx, const char *stage, size_t done, size_t total)
{
	struct progress_log *log = ctx;
	if (log->n && !strcmp(log->stages[log->n - 1], stage)) {
		log->done[log->n - 1] = done; /* a later report of the same stage */
		log->total[log->n - 1] = total;
		return;
	}
	if (log->n == 8)
		return;
	snprintf(log->stages[log->n], sizeof(log->stages[0]), "%s", stage);
	log->done[log->n] = done;
	log->total[log->n++] = total;
}

static void test_job_progress(void **state)
{
	struct sv_store *st = seeded();
	struct sv_error err = { 0 };
	struct progress_log log = { 0 };
	struct sv_job_terms_opts o;
	sv_job_terms_opts_init(&o);
	o.progress.fn = log_progress;
	o.progress.ctx = &log;
	struct sv_terms_stats stats;
	assert_int_equal(sv_store_begin(st, &err), SV_OK);
	assert_int_equal(sv_job_terms(st, text, &o, &stats, &err), SV_OK);
	assert_int_equal(sv_store_commit(st, &err), SV_OK);
	static const char *const want[] = { "read", "extract", "units", "pair", "write" };
	assert_int_equal(log.n, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(log.stages[i], want[i]);
	assert_true(log.done[0] >= stats.segments[SV_LANG_RU] + stats.segments[SV_LANG_BG]);
	assert_int_equal(log.done[2], log.total[2]);
	assert_int_equal(log.done[4], stats.pairs);
	assert_true(stats.pairs > 0);
	/* the same again, without progress: the same pairs, all refreshed in place */
	struct sv_terms_stats again;
	run_terms(st, &again);
	assert_int_equal(again.pairs, stats.pairs);
	assert_int_equal(again.candidates[SV_LANG_RU], stats.candidates[SV_LANG_RU]);
	sv_store_close(st);
}

static void test_pair_lists(void **state)
{
	const char *ru[] = { "Совет коллективной безопасности", "военная база", "ОДКБ", "Бишкек",
			     "стол" };
	const char *bg[] = { "Бишкек", "военна база", "Съвет за колективна сигурност", "маса" };
	struct sv_terms_match m[5];
	struct sv_error err = { 0 };
	assert_int_equal(sv_terms_pair_lists(text, NULL, ru, 5, bg, 4, m, &err), SV_OK);
	assert_int_equal(m[0].bg, 2);
	assert_int_equal(m[1].bg, 1);
	assert_int_equal(m[2].bg, -1); /* no partner above the threshold */
	assert_int_equal(m[3].bg, 0);
	assert_int_equal(m[4].bg, -1);
}

/* sverka pair's scorer on the shared language names: the right partner
 * first for at least 90% of the Russian names. */
static void test_language_names(void **state)
{
	const char *shared = sv_test_shared();
	if (!shared)
		skip();
	char path[1024];
	snprintf(path, sizeof(path), "%s/data/term-pairs-dev/language-names.tsv", shared);
	char *data = sv_test_slurp(path, NULL);
	if (!data)
		skip();
	const char **ru = NULL, **bg = NULL;
	size_t n = 0, cap = 0, cap2 = 0;
	for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
		char *tab = strchr(line, '\t');
		if (!tab || !strncmp(line, "ru\t", 3))
			continue;
		*tab = 0;
		char *e = tab + 1 + strlen(tab + 1);
		if (e > tab + 1 && e[-1] == '\r')
			e[-1] = 0;
		SV_GROW(ru, cap, n + 1);
		SV_GROW(bg, cap2, n + 1);
		ru[n] = line;
		bg[n++] = tab + 1;
	}
	struct sv_terms_match *m = calloc(n, sizeof(*m));
	struct sv_error err = { 0 };
	assert_int_equal(sv_terms_pair_lists(text, NULL, ru, n, bg, n, m, &err), SV_OK);
	size_t ok = 0;
	for (size_t i = 0; i < n; i++)
		ok += m[i].bg == (long)i;
	print_message("# language names: %zu/%zu right partner first\n", ok, n);
	assert_true(ok * 10 >= n * 9);
	free(m);
	free(ru);
	free(bg);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_citation),
		cmocka_unit_test(test_acronyms),
		cmocka_unit_test(test_lemma_key),
		cmocka_unit_test(test_seeds_acceptance),
		cmocka_unit_test(test_decisions_kept),
		cmocka_unit_test(test_job_progress),
		cmocka_unit_test(test_pair_lists),
		cmocka_unit_test(test_language_names),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
