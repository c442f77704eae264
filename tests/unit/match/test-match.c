/* Unit tests for src/match: the fuzzy score and spelling fold; term lookup
 * in inflected forms, spelling variants and acronyms over a termbase filled
 * through the store's termbase API; fuzzy search over ntrex-dev units; concordance on the seeds. */
#include "../test.h"

#include <dirent.h>
#include <unistd.h>

#include "match/match.h"
#include "job/add.h"
#include "store/store.h"
#include "store/termbase.h"
#include "text/text.h"

static char dbpath[256];
static struct sv_store *st;
static struct sv_text *tx;
static struct sv_match *mt;

static int setup(void **state)
{
	struct sv_error err = { 0 };
	sv_test_tmp_db_path(dbpath, sizeof(dbpath), "match");
	sv_test_remove_db(dbpath);
	if (sv_store_open(dbpath, SV_STORE_CREATE, &st, &err) || !(tx = sv_text_open(NULL, &err)) ||
	    !(mt = sv_match_open(st, tx, &err))) {
		fprintf(stderr, "# setup: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	sv_match_close(mt);
	sv_text_close(tx);
	sv_store_close(st);
	mt = NULL;
	tx = NULL;
	st = NULL;
	sv_test_remove_db(dbpath);
	return 0;
}

/* The lemma key the termbase stores: first lemma of each token. */
static char *lemma_key(enum sv_lang lang, const char *text)
{
	struct sv_buf norm = SV_BUF_INIT, lem = SV_BUF_INIT, key = SV_BUF_INIT;
	struct sv_error err = { 0 };
	assert_int_equal(sv_text_analyse(tx, lang, text, strlen(text), &norm, &lem, &err), SV_OK);
	int skip = 0;
	for (size_t i = 0; i < lem.len; i++) {
		char c = lem.data[i];
		if (c == ' ') {
			skip = 0;
			sv_buf_addc(&key, ' ');
		} else if (c == '|') {
			skip = 1;
		} else if (!skip) {
			sv_buf_addc(&key, c);
		}
	}
	sv_buf_release(&norm);
	sv_buf_release(&lem);
	return sv_buf_detach(&key);
}

/* Writes a term as `align` does; its id. */
static int64_t put_term(enum sv_lang lang, const char *lemma_key, const char *citation,
			const char *kind, int freq)
{
	struct sv_error err = { 0 };
	struct sv_termbase_term t = {
		.lang = sv_lang_code(lang),
		.lemma_key = lemma_key,
		.citation = citation,
		.kind = kind,
		.freq = freq,
		.origin = "align",
	};
	int64_t id = 0;
	if (sv_termbase_term_put(st, &t, &id, &err))
		fail_msg("%s", err.msg);
	return id;
}

/* A term keyed by the lemmas of its citation form. */
static int64_t add_term(enum sv_lang lang, const char *citation, const char *kind, int freq)
{
	char *key = lemma_key(lang, citation);
	int64_t id = put_term(lang, key, citation, kind, freq);
	free(key);
	return id;
}

/* A candidate pair from `align`, reviewed to status unless that is "candidate". */
static void add_pair(int64_t ru, int64_t bg, double score, const char *status, const char *ev)
{
	struct sv_error err = { 0 };
	int64_t id = 0;
	if (sv_termbase_pair_put(st, ru, bg, score, ev, &id, &err) ||
	    (strcmp(status, "candidate") && sv_termbase_pair_review(st, id, status, NULL, &err)))
		fail_msg("%s", err.msg);
}

/* A small termbase in the shape `align` leaves it. */
static void fill_termbase(void)
{
	struct sv_error err = { 0 };
	int64_t kg_ru = add_term(SV_LANG_RU, "Киргизия", "name", 12);
	int64_t kg_bg = add_term(SV_LANG_BG, "Киргизстан", "name", 7);
	int64_t csto_ru = add_term(SV_LANG_RU, "ОДКБ", "acronym", 17);
	int64_t csto_bg = add_term(SV_LANG_BG, "ОДКС", "acronym", 2);
	int64_t csc_ru = add_term(SV_LANG_RU, "Совет коллективной безопасности", "phrase", 2);
	int64_t csc_bg = add_term(SV_LANG_BG, "Съвет за колективна сигурност", "phrase", 2);
	int64_t tj_ru = add_term(SV_LANG_RU, "Таджикистан", "name", 9);
	int64_t tj_bg = add_term(SV_LANG_BG, "Таджикистан", "name", 1);
	int64_t sg_bg = add_term(SV_LANG_BG, "Киргизия", "name", 1);
	add_pair(kg_ru, kg_bg, 0.82, "candidate",
		 "cognate киргиз~киргиз; co-occurs in 3 paired documents");
	add_pair(kg_ru, sg_bg, 0.55, "candidate", "cognate");
	add_pair(csto_ru, csto_bg, 0.74, "approved",
		 "acronym letters: О-Д-К-Б / О-Д-К-С (безопасность ~ сигурност)");
	add_pair(csc_ru, csc_bg, 0.81, "candidate",
		 "lexicon: совет~съвет, коллективный~колективен");
	add_pair(tj_ru, tj_bg, 0.95, "candidate", "identical");
	if (sv_termbase_form_add(st, kg_ru, "Киргизии", 1, &err))
		fail_msg("%s", err.msg);
}

static int has_equiv(const struct sv_match_lookup *r, const char *citation)
{
	for (size_t i = 0; i < r->nequivs; i++)
		if (!strcmp(r->equivs[i].term.citation, citation))
			return (int)i + 1;
	return 0;
}

static void expect_lookup(const char *q, const char *want, enum sv_lang qlang)
{
	struct sv_match_lookup r = SV_MATCH_LOOKUP_INIT;
	struct sv_error err = { 0 };
	assert_int_equal(sv_match_lookup(mt, q, NULL, &r, &err), SV_OK);
	if (!has_equiv(&r, want)) {
		fprintf(stderr, "# lookup '%s' (%s): no '%s'\n", q, sv_lang_code(r.lang), want);
		for (size_t i = 0; i < r.nhits; i++)
			fprintf(stderr, "# hit %s (%s)\n", r.hits[i].term.citation,
				sv_match_how_name(r.hits[i].how));
		for (size_t i = 0; i < r.nequivs; i++)
			fprintf(stderr, "# equiv %s\n", r.equivs[i].term.citation);
		fail_msg("lookup '%s' did not find '%s'", q, want);
	}
	assert_int_equal(r.lang, qlang);
	sv_match_lookup_release(&r);
}

static void test_score(void **state)
{
	const char *a = "путин прибыл в бишкек";
	const char *al = "путин прибыть в бишкек";
	assert_true(sv_match_score(a, al, a, al, NULL, 0) == 100);
	/* another form of one word of four: 100 * (4 - 0.3) / 4 */
	const char *b = "путин прибывает в бишкек", *bl = "путин прибыть|прибывать в бишкек";
	uint8_t diff[8];
	double s = sv_match_score(a, al, b, bl, diff, 8);
	assert_true(s > 92.4 && s < 92.6);
	assert_int_equal(diff[0], 0);
	assert_int_equal(diff[1], 1);
	assert_int_equal(diff[3], 0);
	/* two of ten words replaced: 80 */
	const char *c = "президент россии владимир путин прибыл в бишкек на саммит одкб";
	const char *d = "президент россии владимир путин приехал в астану на саммит одкб";
	s = sv_match_score(c, NULL, d, NULL, diff, 8);
	assert_true(s > 79.9 && s < 80.1);
	assert_int_equal(diff[4], 2);
	assert_int_equal(diff[6], 2);
	assert_int_equal(diff[5], 0);
	/* an extra word in the candidate */
	s = sv_match_score("а б в г", NULL, "а б х в г", NULL, diff, 8);
	assert_true(s > 79.9 && s < 80.1);
	assert_int_equal(diff[2], 2);
	assert_true(sv_match_score("", NULL, "", NULL, NULL, 0) == 100);
	assert_true(sv_match_score("а", NULL, "", NULL, NULL, 0) == 0);
}

static void test_fold(void **state)
{
	struct sv_buf b = SV_BUF_INIT;
	sv_match_fold("кыргызстан", strlen("кыргызстан"), &b);
	assert_string_equal(b.data, "киргизстан");
	sv_buf_reset(&b);
	sv_match_fold("съёмка объявление", strlen("съёмка объявление"), &b);
	assert_string_equal(b.data, "семка обявление");
	sv_buf_release(&b);
	assert_true(sv_match_spelling("кыргызстан", "киргизстан") == 1.0);
	double s = sv_match_spelling("киргизтан", "киргизстан");
	assert_true(s > 0.89 && s < 0.91);
}

static void test_lookup(void **state)
{
	fill_termbase();
	/* inflected forms and a spelling variant */
	expect_lookup("Киргизии", "Киргизстан", SV_LANG_RU);
	expect_lookup("Киргизия", "Киргизстан", SV_LANG_RU);
	expect_lookup("Кыргызстан", "Киргизстан", SV_LANG_RU);
	expect_lookup("киргизию", "Киргизстан", SV_LANG_RU);
	/* acronyms and phrases, Bulgarian to Russian */
	expect_lookup("ОДКС", "ОДКБ", SV_LANG_BG);
	expect_lookup("Съвета за колективна сигурност", "Совет коллективной безопасности",
		      SV_LANG_BG);
	expect_lookup("ОДКБ", "ОДКС", SV_LANG_RU);

	struct sv_match_lookup r = SV_MATCH_LOOKUP_INIT;
	struct sv_error err = { 0 };
	/* exact first, preferred first */
	assert_int_equal(sv_match_lookup(mt, "Киргизии", NULL, &r, &err), SV_OK);
	assert_true(r.nhits >= 1);
	assert_string_equal(r.hits[0].term.citation, "Киргизия");
	assert_int_equal(r.hits[0].how, SV_MATCH_EXACT);
	assert_string_equal(r.equivs[0].term.citation, "Киргизстан");
	assert_true(has_equiv(&r, "Киргизия") > 1);
	/* a part of a longer term */
	assert_int_equal(sv_match_lookup(mt, "коллективной безопасности", NULL, &r, &err), SV_OK);
	assert_true(r.nhits >= 1);
	assert_string_equal(r.hits[0].term.citation, "Совет коллективной безопасности");
	assert_int_equal(r.hits[0].how, SV_MATCH_LONGER);
	assert_true(has_equiv(&r, "Съвет за колективна сигурност"));
	/* a term inside a longer query */
	assert_int_equal(sv_match_lookup(mt, "саммит ОДКБ в Бишкеке", NULL, &r, &err), SV_OK);
	assert_true(r.nhits >= 1);
	assert_string_equal(r.hits[0].term.citation, "ОДКБ");
	assert_int_equal(r.hits[0].how, SV_MATCH_SHORTER);
	/* whole terms only: neither kind of partial match */
	struct sv_match_lookup_opts exact;
	sv_match_lookup_opts_init(&exact);
	assert_int_equal(exact.partial, SV_MATCH_PARTIAL_ON);
	exact.partial = SV_MATCH_PARTIAL_OFF;
	assert_int_equal(sv_match_lookup(mt, "саммит ОДКБ в Бишкеке", &exact, &r, &err), SV_OK);
	assert_int_equal(r.nhits, 0);
	assert_int_equal(sv_match_lookup(mt, "коллективной безопасности", &exact, &r, &err), SV_OK);
	for (size_t i = 0; i < r.nhits; i++)
		assert_int_not_equal(r.hits[i].how, SV_MATCH_LONGER);
	assert_int_equal(sv_match_lookup(mt, "Киргизии", &exact, &r, &err), SV_OK);
	assert_string_equal(r.hits[0].term.citation, "Киргизия");
	/* a name the lemmatiser does not know, in another case: a stem match */
	put_term(SV_LANG_RU, "алаарча", "Алаарча", "name", 1);
	assert_int_equal(sv_match_lookup(mt, "Алаарчи", NULL, &r, &err), SV_OK);
	assert_true(r.nhits >= 1);
	assert_string_equal(r.hits[0].term.citation, "Алаарча");
	assert_int_equal(r.hits[0].how, SV_MATCH_STEM);
	/* nothing: did you mean */
	assert_int_equal(sv_match_lookup(mt, "Киргистан", NULL, &r, &err), SV_OK);
	assert_int_equal(r.nhits, 0);
	assert_int_equal(r.nequivs, 0);
	assert_true(r.nsuggest >= 1);
	assert_string_equal(r.suggest[0].citation, "Киргизстан");
	assert_int_equal(sv_match_lookup(mt, "Совета безопасности", NULL, &r, &err), SV_OK);
	assert_true(r.nsuggest >= 1 || r.nhits >= 1);
	sv_match_lookup_release(&r);
	/* the indexes follow deletes */
	int64_t kg_bg = 0;
	char *kg_key = lemma_key(SV_LANG_BG, "Киргизстан");
	assert_int_equal(sv_termbase_term_find(st, "bg", kg_key, &kg_bg, &err), SV_OK);
	free(kg_key);
	assert_true(kg_bg > 0);
	assert_int_equal(sv_store_term_delete(st, kg_bg, &err), SV_OK);
	assert_int_equal(sv_match_lookup(mt, "Кыргызстан", NULL, &r, &err), SV_OK);
	assert_false(has_equiv(&r, "Киргизстан"));
	sv_match_lookup_release(&r);
}

/* Keeps a copy of the unit's text. */
static int unit_text(void *ctx, const struct sv_store_unit_view *u)
{
	*(char **)ctx = sv_strdup(u->text);
	return 0;
}

/* Units from ntrex-dev parallel lines, analysed as `align` stores them. */
static size_t load_units(const char *shared, char ***ru_lines, size_t *nru)
{
	char dir[512];
	snprintf(dir, sizeof(dir), "%s/data/ntrex-dev/parallel/ru", shared);
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	struct dirent *e;
	struct sv_buf rn = SV_BUF_INIT, rl = SV_BUF_INIT, bn = SV_BUF_INIT, bl = SV_BUF_INIT;
	struct sv_error err = { 0 };
	size_t n = 0, cap = 0, files = 0;
	assert_int_equal(sv_store_begin(st, &err), SV_OK);
	struct sv_store_unit u = { .link = "1-1", .score = 1, .method = "parallel",
				   .status = "candidate", .origin = "ntrex",
				   .created = "2026-01-01T00:00:00Z" };
	while ((e = readdir(d)) && files < 12) {
		if (e->d_name[0] == '.')
			continue;
		files++;
		char p[1024];
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		char *ru = sv_test_slurp(p, NULL);
		snprintf(p, sizeof(p), "%s/data/ntrex-dev/parallel/bg/%s", shared, e->d_name);
		char *bg = sv_test_slurp(p, NULL);
		assert_non_null(ru);
		assert_non_null(bg);
		char *rs = NULL, *bs = NULL;
		char *r = strtok_r(ru, "\r\n", &rs), *b = strtok_r(bg, "\r\n", &bs);
		for (; r && b; r = strtok_r(NULL, "\r\n", &rs), b = strtok_r(NULL, "\r\n", &bs)) {
			sv_buf_reset(&rn);
			sv_buf_reset(&rl);
			sv_buf_reset(&bn);
			sv_buf_reset(&bl);
			assert_int_equal(
				sv_text_analyse(tx, SV_LANG_RU, r, strlen(r), &rn, &rl, &err), 0);
			assert_int_equal(
				sv_text_analyse(tx, SV_LANG_BG, b, strlen(b), &bn, &bl, &err), 0);
			u.ru_text = r;
			u.bg_text = b;
			u.ru_norm = rn.data;
			u.ru_lemmas = rl.data;
			u.bg_norm = bn.data;
			u.bg_lemmas = bl.data;
			int64_t count;
			assert_int_equal(sv_store_unit_import(st, &u, &count, &err), SV_OK);
			SV_GROW(*ru_lines, cap, n + 1);
			(*ru_lines)[n++] = sv_strdup(r);
		}
		free(ru);
		free(bg);
	}
	closedir(d);
	assert_int_equal(sv_store_commit(st, &err), SV_OK);
	sv_buf_release(&rn);
	sv_buf_release(&rl);
	sv_buf_release(&bn);
	sv_buf_release(&bl);
	*nru = n;
	return n;
}

/* Whether the space-separated word at p (up to a space or the end) is all
 * letters, and how long it is. */
static int letters_only(const char *p, size_t *len)
{
	const char *e = strchr(p, ' ');
	*len = e ? (size_t)(e - p) : strlen(p);
	for (size_t i = 0; i < *len; i++)
		if ((unsigned char)p[i] < 0x80 && !((p[i] | 32) >= 'a' && (p[i] | 32) <= 'z'))
			return 0;
	return *len > 0;
}

/* The sentence with two words replaced: the second and the second-to-last
 * of its words made of letters only, whose neighbours are letters too (so
 * that the change replaces two tokens and nothing else). NULL when the
 * sentence has no two such words. */
static char *two_words_changed(const char *s, const char *w1, const char *w2)
{
	const char *word[128];
	int ok[128];
	size_t n = 0, len;
	for (const char *p = s; *p && n < 128;) {
		word[n] = p;
		ok[n++] = letters_only(p, &len);
		p += len;
		while (*p == ' ')
			p++;
	}
	size_t pick[128], np = 0;
	for (size_t i = 1; i + 1 < n; i++)
		if (ok[i] && ok[i - 1] && ok[i + 1])
			pick[np++] = i;
	if (np < 4)
		return NULL;
	size_t k = pick[1], l = pick[np - 2];
	struct sv_buf b = SV_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		letters_only(word[i], &len);
		if (!ok[i])
			len = (i + 1 < n ? (size_t)(word[i + 1] - word[i]) : strlen(word[i]));
		while (len && word[i][len - 1] == ' ')
			len--;
		if (b.len)
			sv_buf_addc(&b, ' ');
		if (i == k)
			sv_buf_adds(&b, w1);
		else if (i == l)
			sv_buf_adds(&b, w2);
		else
			sv_buf_add(&b, word[i], len);
	}
	return sv_buf_detach(&b);
}

static void test_search(void **state)
{
	const char *shared = sv_test_shared();
	if (!shared)
		skip();
	char **lines = NULL;
	size_t n = 0;
	if (!load_units(shared, &lines, &n))
		skip();
	assert_true(n > 100);
	struct sv_match_tms r = SV_MATCH_TMS_INIT;
	struct sv_error err = { 0 };
	size_t tried = 0;
	for (size_t i = 0; i < n && tried < 20; i += 7) {
		size_t words = 1;
		for (const char *p = lines[i]; *p; p++)
			words += *p == ' ';
		char *v = two_words_changed(lines[i], "министр", "вчера");
		if (words < 12 || !v) {
			free(v);
			continue;
		}
		tried++;
		/* the exact sentence: 100, first */
		assert_int_equal(sv_match_search(mt, lines[i], NULL, &r, &err), SV_OK);
		assert_true(r.n >= 1);
		assert_string_equal(r.v[0].ru, lines[i]);
		assert_true(r.v[0].score == 100);
		assert_int_equal(r.v[0].ndiff, 0);
		/* two words changed: found, >= 80, the changed words marked */
		assert_int_equal(sv_match_search(mt, v, NULL, &r, &err), SV_OK);
		int found = 0;
		for (size_t k = 0; k < r.n; k++) {
			if (!strcmp(r.v[k].ru, lines[i])) {
				found = 1;
				if (r.v[k].score < 80)
					fprintf(stderr, "# '%s' scored %.1f for '%s'\n", lines[i],
						r.v[k].score, v);
				if (r.v[k].score < 80)
					fail_msg("'%s' scored %.1f for '%s'", lines[i],
						 r.v[k].score, v);
				assert_true(r.v[k].score < 100);
				assert_true(r.v[k].ndiff >= 1);
			}
		}
		if (!found)
			fprintf(stderr, "# '%s' not found for '%s'\n", lines[i], v);
		if (!found)
			fail_msg("'%s' not found for '%s'", lines[i], v);
		free(v);
	}
	assert_true(tried >= 10);
	/* Bulgarian queries search the Bulgarian side */
	struct sv_match_search_opts o;
	sv_match_search_opts_init(&o);
	o.lang = SV_LANG_BG;
	o.limit = 3;
	char *bg = NULL;
	assert_int_equal(sv_store_unit_view_read(st, 5, SV_LANG_BG, unit_text, &bg, &err), SV_OK);
	assert_non_null(bg);
	assert_int_equal(sv_match_search(mt, bg, &o, &r, &err), SV_OK);
	assert_true(r.n >= 1);
	assert_string_equal(r.v[0].bg, bg);
	assert_true(r.v[0].score == 100);
	free(bg);
	/* nothing alike */
	assert_int_equal(sv_match_search(mt, "Жапаров", NULL, &r, &err), SV_OK);
	assert_int_equal(r.n, 0);
	sv_match_tms_release(&r);
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

static void test_concord(void **state)
{
	const char *root = getenv("SV_SOURCE_ROOT");
	if (!root)
		skip();
	char dir[512];
	snprintf(dir, sizeof(dir), "%s/memories/seeds", root);
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	struct sv_error err = { 0 };
	struct sv_ingest_opts io = { 0 };
	assert_int_equal(sv_store_begin(st, &err), SV_OK);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char p[1024];
		struct sv_ingest_result res;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		assert_int_equal(sv_ingest_file(st, tx, p, &io, &res, &err), SV_OK);
	}
	closedir(d);
	assert_int_equal(sv_store_commit(st, &err), SV_OK); /* indexes the segments */
	struct sv_match_lines r = SV_MATCH_LINES_INIT;
	enum sv_lang used;
	struct sv_match_concord_opts co;
	sv_match_concord_opts_init(&co);
	assert_int_equal(co.lang, SV_LANG_UNKNOWN);
	assert_int_equal(co.limit, 20);
	co.limit = 3;
	assert_int_equal(sv_match_concord(mt, "Киргизия", &co, &r, &used, &err), SV_OK);
	assert_int_equal(used, SV_LANG_RU);
	assert_int_equal(r.n, 3);
	assert_true(r.total >= 5);
	for (size_t i = 0; i < r.n; i++) {
		const struct sv_match_line *l = &r.v[i];
		assert_true(l->hl.len > 0);
		assert_memory_equal(l->text + l->hl.start, "Киргизи", strlen("Киргизи"));
	}
	sv_match_lines_release(&r);
	co.lang = SV_LANG_BG;
	co.limit = 5;
	assert_int_equal(sv_match_concord(mt, "колективна сигурност", &co, &r, &used, &err), SV_OK);
	assert_true(r.n >= 1);
	assert_int_equal(r.v[0].lang, SV_LANG_BG);
	assert_memory_equal(r.v[0].text + r.v[0].hl.start, "колективна сигурност",
			    strlen("колективна сигурност"));
	sv_match_lines_release(&r);
	co.lang = SV_LANG_UNKNOWN;
	assert_int_equal(sv_match_concord(mt, "ОДКС", &co, &r, &used, &err), SV_OK);
	assert_int_equal(used, SV_LANG_BG);
	assert_true(r.n >= 1);
	sv_match_lines_release(&r);
	/* no options: both languages, the default limit of lines each */
	assert_int_equal(sv_match_concord(mt, "Киргизия", NULL, &r, &used, &err), SV_OK);
	assert_int_equal(used, SV_LANG_RU);
	assert_true(r.n > 3 && r.n <= 2 * 20);
	sv_match_lines_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_score),
		cmocka_unit_test(test_fold),
		cmocka_unit_test_setup_teardown(test_lookup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concord, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
