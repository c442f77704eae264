/* Unit tests for src/align: cognates, the lexicon, monotone alignment of
 * small crafted documents (1-0, 2-1, 1-2 links), mining shuffled text, and
 * document pairing. Real Russian and Bulgarian, analysed by src/text. */
#include "../test.h"

#include "align/align.h"
#include "base/buf.h"
#include "text/text.h"

static struct sv_text *txt;

/* A document built from sentences, analysed by the text pipeline. */
struct tdoc {
	struct sv_align_sent *s;
	char **norm, **lem;
	size_t n;
};

static void tdoc_make(struct tdoc *d, enum sv_lang lang, const char *const *sents)
{
	memset(d, 0, sizeof(*d));
	while (sents[d->n])
		d->n++;
	d->s = calloc(d->n, sizeof(*d->s));
	d->norm = calloc(d->n, sizeof(char *));
	d->lem = calloc(d->n, sizeof(char *));
	for (size_t i = 0; i < d->n; i++) {
		struct sv_buf n = SV_BUF_INIT, l = SV_BUF_INIT;
		struct sv_error err;
		assert_int_equal(sv_text_analyse(txt, lang, sents[i], strlen(sents[i]), &n, &l, &err),
				 SV_OK);
		d->norm[i] = sv_buf_detach(&n);
		d->lem[i] = sv_buf_detach(&l);
		d->s[i].text = sents[i];
		d->s[i].norm = d->norm[i];
		d->s[i].lemmas = d->lem[i];
	}
}

static void tdoc_free(struct tdoc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->norm[i]);
		free(d->lem[i]);
	}
	free(d->norm);
	free(d->lem);
	free(d->s);
}

static size_t tdoc_add(struct sv_align *a, struct tdoc *d, enum sv_lang lang, const char *name,
		       const char *date)
{
	struct sv_align_doc doc = { name, lang, date, d->s, d->n };
	struct sv_error err;
	size_t id;
	assert_int_equal(sv_align_add(a, &doc, &id, &err), SV_OK);
	return id;
}

/* A 1-1 link as a caller would pass it to sv_align_observe(). */
static void al_link_add_for_test(struct sv_align_links *l, uint32_t ru, uint32_t bg, float score)
{
	l->v = realloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = (struct sv_align_link){ ru, 1, bg, 1, score, 2.0f, SV_ALIGN_MINING };
	l->cap = l->n;
}

static int setup(void **state)
{
	struct sv_error err;
	txt = sv_text_open(NULL, &err);
	if (!txt) {
		fprintf(stderr, "# text pipeline: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	sv_text_close(txt);
	return 0;
}

static void test_cognates(void **state)
{
	assert_true(sv_align_cognate("сотрудничество", "сътрудничество") >= 0.9);
	assert_true(sv_align_cognate("безопасность", "безопасност") >= 0.9);
	assert_true(sv_align_cognate("коллективной", "колективна") >= 0.85);
	assert_true(sv_align_cognate("переговоры", "преговори") >= 0.85); /* pleophony */
	assert_true(sv_align_cognate("стол", "маса") < 0.5);
	assert_true(sv_align_cognate("безопасность", "сигурност") <
		    sv_align_cognate("безопасность", "безопасност") - 0.3);

	struct sv_buf r = SV_BUF_INIT, b = SV_BUF_INIT;
	static const char *const pairs[][2] = {
		{ "сотрудничество", "сътрудничество" }, { "безопасность", "безопасност" },
		{ "коллективный", "колективен" },        { "город", "град" },
		{ "Трамп", "Тръмп" },                    { "президент", "президент" },
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		sv_align_cognate_key(SV_LANG_RU, pairs[i][0], &r);
		sv_align_cognate_key(SV_LANG_BG, pairs[i][1], &b);
		if (strcmp(r.data, b.data))
			fail_msg("keys differ: %s -> '%s', %s -> '%s'", pairs[i][0], r.data,
				 pairs[i][1], b.data);
	}
	sv_align_cognate_key(SV_LANG_RU, "стол", &r);
	sv_align_cognate_key(SV_LANG_BG, "маса", &b);
	assert_string_not_equal(r.data, b.data);
	sv_buf_release(&r);
	sv_buf_release(&b);
}

static void test_lexicon(void **state)
{
	struct sv_error err;
	struct sv_align *a = sv_align_open(NULL, &err);
	assert_non_null(a);
	assert_true(sv_align_lexicon_size(a) > 300);
	/* a non-cognate from the lexicon makes two sentences similar */
	static const char *const ru[] = { "Безопасность важна.", NULL };
	static const char *const bg[] = { "Сигурността е важна.", NULL };
	static const char *const bg2[] = { "Времето е хубаво.", NULL };
	struct tdoc r, b, b2;
	tdoc_make(&r, SV_LANG_RU, ru);
	tdoc_make(&b, SV_LANG_BG, bg);
	tdoc_make(&b2, SV_LANG_BG, bg2);
	double s1 = sv_align_similarity(a, &r.s[0], &b.s[0]);
	double s2 = sv_align_similarity(a, &r.s[0], &b2.s[0]);
	assert_true(s1 > 0.5);
	assert_true(s2 < 0.2);
	/* a pair added by hand; a refused duplicate */
	assert_int_equal(sv_align_lexicon_add(a, "еж", "таралеж"), 1);
	assert_int_equal(sv_align_lexicon_add(a, "еж", "таралеж"), 0);
	/* a bad file is an input error naming file and line */
	char path[] = "/tmp/sv-lexicon-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs("# test\nгод\tгодина\nбезтаба\n", f);
	fclose(f);
	assert_int_equal(sv_align_lexicon_load(a, path, &err), SV_EINPUT);
	assert_non_null(strstr(err.msg, "line 3"));
	remove(path);
	sv_align_close(a);
	assert_null(sv_align_open("/nonexistent/lexicon.tsv", &err));
	assert_int_equal(err.code, SV_EINPUT);
	tdoc_free(&r);
	tdoc_free(&b);
	tdoc_free(&b2);
}

/* Ordinal numbers meet whatever their ending (65-й, 65-тата); scores and
 * ranges keep their second number. */
static void test_number_keys(void **state)
{
	struct sv_buf r = SV_BUF_INIT, b = SV_BUF_INIT;
	sv_align_cognate_key(SV_LANG_RU, "65-й", &r);
	sv_align_cognate_key(SV_LANG_BG, "65-тата", &b);
	assert_string_equal(r.data, "#65");
	assert_string_equal(b.data, "#65");
	sv_align_cognate_key(SV_LANG_BG, "1-0", &b);
	assert_string_equal(b.data, "#1-0");
	sv_align_cognate_key(SV_LANG_RU, "2017", &r);
	assert_string_equal(r.data, "#2017");
	sv_buf_release(&r);
	sv_buf_release(&b);
}

/* One confident pair whose only unmatched words are лунка and дупка (no
 * cognates, not in the lexicon; мяч/топка is) teaches the translation
 * table the pair: seen once, so the co-occurrence learner does not take
 * it, but IBM-1 has nothing else to explain either word with. */
static void test_table_learnt(void **state)
{
	struct sv_error err;
	struct sv_align *a = sv_align_open(NULL, &err);
	static const char *const ru[] = { "Лунка и мяч.", NULL };
	static const char *const bg[] = { "Дупката и топката.", NULL };
	static const char *const ru2[] = { "Лунка глубокая.", NULL };
	static const char *const bg2[] = { "Дупката е дълбока.", NULL };
	struct tdoc r, b, r2, b2;
	tdoc_make(&r, SV_LANG_RU, ru);
	tdoc_make(&b, SV_LANG_BG, bg);
	tdoc_make(&r2, SV_LANG_RU, ru2);
	tdoc_make(&b2, SV_LANG_BG, bg2);
	size_t ri = tdoc_add(a, &r, SV_LANG_RU, "ru", NULL);
	size_t bi = tdoc_add(a, &b, SV_LANG_BG, "bg", NULL);
	double before = sv_align_similarity(a, &r2.s[0], &b2.s[0]);
	struct sv_align_links l = SV_ALIGN_LINKS_INIT;
	al_link_add_for_test(&l, 0, 0, 0.9f);
	l.method = SV_ALIGN_MINING;
	sv_align_observe(a, ri, bi, &l);
	assert_int_equal(sv_align_table_size(a), 0);
	assert_int_equal(sv_align_learn(a), 0); /* nothing for the lexicon */
	assert_true(sv_align_table_size(a) >= 1);
	double after = sv_align_similarity(a, &r2.s[0], &b2.s[0]);
	fprintf(stderr, "# лунка/дупка: %.3f before learning, %.3f after\n", before, after);
	assert_true(after > before + 0.05);
	sv_align_links_release(&l);
	sv_align_close(a);
	tdoc_free(&r);
	tdoc_free(&b);
	tdoc_free(&r2);
	tdoc_free(&b2);
}

/* RU 0-8 and BG 0-7: 1-1 links, RU 3 has no partner (1-0), RU 5+6 are one
 * BG sentence (2-1), RU 8 is two BG sentences (1-2). */
static const char *const small_ru[] = {
	"Президент России Владимир Путин прибыл с государственным визитом в Киргизию.",
	"В аэропорту Бишкека его встретил президент Садыр Жапаров.",
	"Стороны обсудят торгово-экономическое сотрудничество и миграцию.",
	"Погода в столице в тот вечер была холодной и ветреной.",
	"Путин также примет участие в заседании Совета коллективной безопасности.",
	"Россия занимает второе место по объему торговли Киргизии.",
	"Первое место с долей 22,3% занимает Китай.",
	"Компания Газпром реализует программу газификации страны до 2030 года.",
	"Визит завершится пресс-подходом для российских журналистов, на котором президент ответит на вопросы о переговорах.",
	NULL,
};
static const char *const small_bg[] = {
	"Президентът на Русия Владимир Путин пристигна на държавно посещение в Киргизстан.",
	"На летището в Бишкек го посрещна президентът Садир Жапаров.",
	"Страните ще обсъдят търговско-икономическото сътрудничество и миграцията.",
	"Путин ще участва и в заседанието на Съвета за колективна сигурност.",
	"Русия заема второ място по обем на търговията на Киргизстан, а първо място с дял от 22,3% заема Китай.",
	"Газпром изпълнява програма за газификация на страната до 2030 година.",
	"Посещението ще завърши с изявление пред руските журналисти.",
	"На него президентът ще отговори на въпроси за преговорите.",
	NULL,
};

/* Makes the small Russian and Bulgarian documents in *r and *b and adds them to a
 * (*ri and *bi their indexes there). */
static void add_small_pair(struct sv_align *a, struct tdoc *r, struct tdoc *b, size_t *ri,
			   size_t *bi)
{
	tdoc_make(r, SV_LANG_RU, small_ru);
	tdoc_make(b, SV_LANG_BG, small_bg);
	*ri = tdoc_add(a, r, SV_LANG_RU, "ru", NULL);
	*bi = tdoc_add(a, b, SV_LANG_BG, "bg", NULL);
}

static void test_monotone_small(void **state)
{
	struct sv_error err;
	struct sv_align *a = sv_align_open(NULL, &err);
	struct tdoc r, b;
	size_t ri, bi;
	add_small_pair(a, &r, &b, &ri, &bi);
	struct sv_align_opts o;
	sv_align_opts_init(&o);
	o.method = SV_ALIGN_MONOTONE;
	struct sv_align_links l = SV_ALIGN_LINKS_INIT;
	assert_int_equal(sv_align_sentences(a, ri, bi, &o, &l, &err), SV_OK);
	assert_int_equal(l.method, SV_ALIGN_MONOTONE);
	static const uint32_t want[][4] = {
		{ 0, 1, 0, 1 }, { 1, 1, 1, 1 }, { 2, 1, 2, 1 }, { 4, 1, 3, 1 },
		{ 5, 2, 4, 1 }, { 7, 1, 5, 1 }, { 8, 1, 6, 2 },
	};
	size_t nw = sizeof(want) / sizeof(want[0]);
	for (size_t q = 0; q < l.n; q++)
		fprintf(stderr, "# link ru %u+%u bg %u+%u score %.3f\n", l.v[q].ru, l.v[q].nru,
			l.v[q].bg, l.v[q].nbg, l.v[q].score);
	assert_int_equal(l.n, nw);
	for (size_t q = 0; q < nw; q++) {
		assert_int_equal(l.v[q].ru, want[q][0]);
		assert_int_equal(l.v[q].nru, want[q][1]);
		assert_int_equal(l.v[q].bg, want[q][2]);
		assert_int_equal(l.v[q].nbg, want[q][3]);
		assert_true(l.v[q].score > 0 && l.v[q].score <= 1);
		assert_int_equal(l.v[q].method, SV_ALIGN_MONOTONE);
	}
	/* misuse: two Russian documents */
	assert_int_equal(sv_align_sentences(a, ri, ri, &o, &l, &err), SV_EUSAGE);
	assert_int_equal(sv_align_sentences(a, ri, 99, &o, &l, &err), SV_EUSAGE);
	sv_align_links_release(&l);
	tdoc_free(&r);
	tdoc_free(&b);
	sv_align_close(a);
}

/* Reads a ntrex-dev document's lines; NULL without ../shared. */
static char **read_lines(const char *variant, const char *side, const char *doc, size_t *n)
{
	const char *sh = sv_test_shared();
	if (!sh)
		return NULL;
	char path[1024];
	snprintf(path, sizeof(path), "%s/data/ntrex-dev/%s/%s/%s.txt", sh, variant, side, doc);
	size_t len;
	char *all = sv_test_slurp(path, &len);
	if (!all)
		return NULL;
	char **v = NULL;
	*n = 0;
	for (char *p = all, *save; (p = strtok_r(p, "\r\n", &save)); p = NULL) {
		v = realloc(v, (*n + 2) * sizeof(char *));
		v[(*n)++] = strdup(p);
	}
	v[*n] = NULL;
	free(all);
	return v;
}

static void free_lines(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

static void test_mining_shuffled(void **state)
{
	size_t nr, nb;
	char **ru = read_lines("parallel", "ru", "cnn.304489", &nr);
	char **bg = read_lines("parallel", "bg", "cnn.304489", &nb);
	if (!ru || !bg) {
		free_lines(ru);
		free_lines(bg);
		skip();
	}
	/* shuffle the Bulgarian side with a fixed permutation; drop every
	 * third Russian line */
	size_t *perm = calloc(nb, sizeof(*perm));
	for (size_t i = 0; i < nb; i++)
		perm[i] = (i * 7 + 3) % nb;
	for (size_t i = 0; i < nb; i++)
		for (size_t j = i + 1; j < nb; j++)
			if (perm[i] == perm[j])
				fail_msg("not a permutation");
	const char **bs = calloc(nb + 1, sizeof(char *));
	for (size_t i = 0; i < nb; i++)
		bs[perm[i]] = bg[i];
	const char **rs = calloc(nr + 1, sizeof(char *));
	size_t *orig = calloc(nr, sizeof(*orig));
	size_t k = 0;
	for (size_t i = 0; i < nr; i++)
		if (i % 3 != 2) {
			orig[k] = i;
			rs[k++] = ru[i];
		}
	struct tdoc r, b;
	tdoc_make(&r, SV_LANG_RU, rs);
	tdoc_make(&b, SV_LANG_BG, bs);
	struct sv_error err;
	struct sv_align *a = sv_align_open(NULL, &err);
	size_t ri = tdoc_add(a, &r, SV_LANG_RU, "ru", NULL);
	size_t bi = tdoc_add(a, &b, SV_LANG_BG, "bg", NULL);
	struct sv_align_opts o;
	sv_align_opts_init(&o);
	o.method = SV_ALIGN_MINING;
	struct sv_align_links l = SV_ALIGN_LINKS_INIT;
	assert_int_equal(sv_align_sentences(a, ri, bi, &o, &l, &err), SV_OK);
	size_t right = 0;
	for (size_t q = 0; q < l.n; q++) {
		assert_int_equal(l.v[q].nru, 1);
		assert_int_equal(l.v[q].nbg, 1);
		assert_true(l.v[q].margin >= o.min_margin);
		right += perm[orig[l.v[q].ru]] == l.v[q].bg;
	}
	fprintf(stderr, "# mined %zu pairs, %zu right, of %zu\n", l.n, right, k);
	assert_true(l.n >= k / 2);
	assert_true(right * 10 >= l.n * 9);
	/* the automatic choice sees no order and mines */
	o.method = SV_ALIGN_AUTO;
	assert_int_equal(sv_align_sentences(a, ri, bi, &o, &l, &err), SV_OK);
	assert_int_equal(l.method, SV_ALIGN_MINING);
	sv_align_links_release(&l);
	sv_align_close(a);
	tdoc_free(&r);
	tdoc_free(&b);
	free(perm);
	free(bs);
	free(rs);
	free(orig);
	free_lines(ru);
	free_lines(bg);
}

static void test_docpairs_small(void **state)
{
	struct sv_error err;
	struct sv_align *a = sv_align_open(NULL, &err);
	static const char *const ru2[] = {
		"Сборная Шотландии по регби обыграла Уэльс со счетом 17:5.",
		"Тренер команды похвалил игроков за дисциплину.",
		NULL,
	};
	static const char *const bg2[] = {
		"Отборът на Шотландия по ръгби победи Уелс с 17:5.",
		"Треньорът на отбора похвали играчите за дисциплината.",
		NULL,
	};
	struct tdoc r1, b1, r2, b2;
	tdoc_make(&r1, SV_LANG_RU, small_ru);
	tdoc_make(&b1, SV_LANG_BG, small_bg);
	tdoc_make(&r2, SV_LANG_RU, ru2);
	tdoc_make(&b2, SV_LANG_BG, bg2);
	size_t ir1 = tdoc_add(a, &r1, SV_LANG_RU, "ru1", "2025-11-25");
	size_t ir2 = tdoc_add(a, &r2, SV_LANG_RU, "ru2", NULL);
	size_t ib2 = tdoc_add(a, &b2, SV_LANG_BG, "bg2", NULL);
	size_t ib1 = tdoc_add(a, &b1, SV_LANG_BG, "bg1", "2025-11-26");
	struct sv_align_docpairs p = SV_ALIGN_DOCPAIRS_INIT;
	assert_int_equal(sv_align_docs(a, NULL, &p, &err), SV_OK);
	int seen1 = 0, seen2 = 0;
	for (size_t q = 0; q < p.n; q++) {
		if (!(p.v[q].best & 1))
			continue;
		if (p.v[q].ru == ir1) {
			assert_int_equal(p.v[q].bg, ib1);
			seen1 = 1;
		}
		if (p.v[q].ru == ir2) {
			assert_int_equal(p.v[q].bg, ib2);
			seen2 = 1;
		}
	}
	assert_true(seen1 && seen2);
	sv_align_docpairs_release(&p);
	sv_align_close(a);
	tdoc_free(&r1);
	tdoc_free(&b1);
	tdoc_free(&r2);
	tdoc_free(&b2);
}

/* A run of one pair is one pass, the same as aligning the pair; a bad pair
 * in a run is an error naming it. */
static void test_run(void **state)
{
	struct sv_error err;
	struct sv_align *a = sv_align_open(NULL, &err);
	struct tdoc r, b;
	size_t ri, bi;
	add_small_pair(a, &r, &b, &ri, &bi);
	struct sv_align_job one = { ri, bi, SV_ALIGN_MONOTONE, SV_ALIGN_LINKS_INIT };
	assert_int_equal(sv_align_run(a, &one, 1, NULL, &err), SV_OK);
	struct sv_align_opts o;
	sv_align_opts_init(&o);
	o.method = SV_ALIGN_MONOTONE;
	struct sv_align_links l = SV_ALIGN_LINKS_INIT;
	assert_int_equal(sv_align_sentences(a, ri, bi, &o, &l, &err), SV_OK);
	assert_int_equal(one.links.n, l.n);
	for (size_t q = 0; q < l.n; q++) {
		const struct sv_align_link *x = &one.links.v[q], *y = &l.v[q];
		assert_true(x->ru == y->ru && x->nru == y->nru);
		assert_true(x->bg == y->bg && x->nbg == y->nbg);
		assert_true(x->score == y->score && x->method == y->method);
	}
	/* a bad pair is an error naming it */
	struct sv_align_job bad[2] = { { ri, bi, SV_ALIGN_MINING, SV_ALIGN_LINKS_INIT },
				       { bi, ri, SV_ALIGN_MINING, SV_ALIGN_LINKS_INIT } };
	assert_int_equal(sv_align_run(a, bad, 2, NULL, &err), SV_EUSAGE);
	assert_non_null(strstr(err.msg, "'bg'"));
	sv_align_links_release(&bad[0].links);
	sv_align_links_release(&bad[1].links);
	sv_align_links_release(&one.links);
	sv_align_links_release(&l);
	sv_align_close(a);
	tdoc_free(&r);
	tdoc_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cognates),
		cmocka_unit_test(test_lexicon),
		cmocka_unit_test(test_number_keys),
		cmocka_unit_test(test_table_learnt),
		cmocka_unit_test(test_run),
		cmocka_unit_test(test_monotone_small),
		cmocka_unit_test(test_mining_shuffled),
		cmocka_unit_test(test_docpairs_small),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
