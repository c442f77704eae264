/* Quality of the text pipeline on real data in ../shared (SV_SHARED; skipped
 * without it): language identification of ntrex-dev sentences of 5+ words,
 * each judged alone, and of every sample document; sentence segmentation of
 * ntrex-dev documents whose lines are joined into one paragraph. */
#include "../test.h"

#include <dirent.h>

#include "base/buf.h"
#include "text/text-int.h"
#include "text/text.h"

struct seg_score {
	long tp, fp, fn;
	long fn_punct, gold_punct; /* gold boundaries after . ! ? … (maybe quoted) */
};

static int ends_punct(const char *line, size_t n)
{
	while (n && (line[n - 1] == ' '))
		n--;
	/* skip closing quotes and brackets */
	for (;;) {
		if (n >= 2 && !memcmp(line + n - 2, "\xc2\xbb", 2))
			n -= 2; /* » */
		else if (n >= 3 && (!memcmp(line + n - 3, "\xe2\x80\x9c", 3) ||
				    !memcmp(line + n - 3, "\xe2\x80\x9d", 3)))
			n -= 3;
		else if (n && (line[n - 1] == '"' || line[n - 1] == ')'))
			n--;
		else
			break;
	}
	if (n >= 3 && !memcmp(line + n - 3, "\xe2\x80\xa6", 3))
		return 1;
	return n && (line[n - 1] == '.' || line[n - 1] == '!' || line[n - 1] == '?');
}

static size_t count_words(const char *s)
{
	size_t w = 0;
	while (*s) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		w++;
		while (*s && *s != ' ')
			s++;
	}
	return w;
}

/* The fast word-break path and ICU's iterator cut s the same way. */
static void same_words(struct sv_text *t, const char *s, size_t n)
{
	static struct sv_tokens a = { .keys = SV_BUF_INIT }, b = { .keys = SV_BUF_INIT };
	struct sv_error err;
	t->icu_words = 0;
	assert_int_equal(sv_text_tokenize(t, s, n, &a, &err), SV_OK);
	t->icu_words = 1;
	assert_int_equal(sv_text_tokenize(t, s, n, &b, &err), SV_OK);
	t->icu_words = 0;
	assert_int_equal(a.n, b.n);
	for (size_t i = 0; i < a.n; i++) {
		assert_int_equal(a.v[i].start, b.v[i].start);
		assert_int_equal(a.v[i].len, b.v[i].len);
		assert_int_equal(a.v[i].type, b.v[i].type);
	}
	if (!n) {
		sv_tokens_release(&a);
		sv_tokens_release(&b);
	}
}

/* Runs over every ntrex-dev parallel document of lang. */
static void eval_lang(struct sv_text *t, const char *shared, const char *code, enum sv_lang lang,
		      long *ok, long *total, struct seg_score *sc)
{
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/data/ntrex-dev/parallel/%s", shared, code);
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	struct sv_buf para = SV_BUF_INIT;
	struct sv_spans sp = { 0 };
	struct sv_error err;
	size_t *gold = NULL, cap = 0;
	char *gpunct = NULL;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[8192];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		size_t n = 0;
		char *bytes = sv_test_slurp(path, &n);
		assert_non_null(bytes);
		sv_buf_reset(&para);
		size_t ng = 0;
		char *save = NULL;
		for (char *line = strtok_r(bytes, "\r\n", &save); line;
		     line = strtok_r(NULL, "\r\n", &save)) {
			size_t len = strlen(line);
			if (!len)
				continue;
			if (count_words(line) >= 5) {
				(*total)++;
				*ok += sv_lang_detect(line, len, NULL) == lang;
			}
			if (para.len)
				sv_buf_addc(&para, ' ');
			sv_buf_add(&para, line, len);
			if (ng + 1 > cap) {
				cap = cap ? cap * 2 : 256;
				gold = realloc(gold, cap * sizeof(*gold));
				gpunct = realloc(gpunct, cap);
			}
			gpunct[ng] = (char)ends_punct(line, len);
			gold[ng++] = para.len;
		}
		assert_int_equal(sv_text_segment(t, para.data, para.len, lang, &sp, &err), SV_OK);
		same_words(t, para.data, para.len);
		/* boundaries: the ends of all but the last span / line */
		for (size_t i = 0; i + 1 < sp.n; i++) {
			size_t end = sp.v[i].start + sp.v[i].len;
			int hit = 0;
			for (size_t g = 0; g + 1 < ng; g++)
				hit |= gold[g] == end;
			if (hit)
				sc->tp++;
			else
				sc->fp++;
		}
		for (size_t g = 0; g + 1 < ng; g++) {
			int hit = 0;
			for (size_t i = 0; i + 1 < sp.n; i++)
				hit |= sp.v[i].start + sp.v[i].len == gold[g];
			sc->gold_punct += gpunct[g];
			if (!hit) {
				sc->fn++;
				sc->fn_punct += gpunct[g];
			}
		}
		free(bytes);
	}
	closedir(d);
	free(gold);
	free(gpunct);
	sv_spans_release(&sp);
	sv_buf_release(&para);
}

static void test_ntrex(void **state)
{
	const char *shared = sv_test_shared();
	char probe[4096];
	snprintf(probe, sizeof(probe), "%s/data/ntrex-dev/parallel/ru", shared ? shared : "");
	DIR *d = shared ? opendir(probe) : NULL;
	if (!d) {
		skip();
		return;
	}
	closedir(d);
	struct sv_error err;
	struct sv_text *t = sv_text_open(NULL, &err);
	static const struct {
		const char *code;
		enum sv_lang lang;
	} langs[] = { { "ru", SV_LANG_RU }, { "bg", SV_LANG_BG } };
	for (size_t l = 0; l < 2; l++) {
		long ok = 0, total = 0;
		struct seg_score sc = { 0 };
		eval_lang(t, shared, langs[l].code, langs[l].lang, &ok, &total, &sc);
		double acc = (double)ok / (double)total;
		double p = (double)sc.tp / (double)(sc.tp + sc.fp);
		double r = (double)sc.tp / (double)(sc.tp + sc.fn);
		double f1 = 2 * p * r / (p + r);
		double rp = 1 - (double)sc.fn_punct / (double)sc.gold_punct;
		print_message("# %s: langid %ld/%ld = %.4f; segmentation P %.4f R %.4f F1 %.4f; "
			      "recall after final punctuation %.4f\n",
			      langs[l].code, ok, total, acc, p, r, f1, rp);
		assert_true(total > 800);
		assert_true(acc >= 0.995);
		/* Line boundaries that end in punctuation come back; the rest are
		 * headlines without a full stop, and about 4% of the Russian lines
		 * hold two sentences (the translators kept the English lines), so
		 * F1 against lines stays below 0.99: see the commit log. */
		assert_true(rp >= 0.99);
		assert_true(f1 >= (langs[l].lang == SV_LANG_RU ? 0.94 : 0.955));
	}
	same_words(t, "", 0); /* frees the scratch tokens */
	sv_text_close(t);
}

/* Every sample document, and each of its paragraphs of 5+ words. */
static void test_seeds(void **state)
{
	const char *shared = sv_test_shared();
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/corpus/seeds", shared ? shared : "");
	DIR *d = shared ? opendir(dir) : NULL;
	if (!d) {
		skip();
		return;
	}
	struct dirent *e;
	int docs = 0;
	long paras = 0, paras_ok = 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[8192];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		size_t n = 0;
		char *bytes = sv_test_slurp(path, &n);
		assert_non_null(bytes);
		struct sv_doc_text doc = SV_DOC_TEXT_INIT;
		struct sv_error err;
		assert_int_equal(sv_text_decode(e->d_name, bytes, n, SV_FORMAT_AUTO, 0, &doc, &err),
				 SV_OK);
		/* the sample's only Bulgarian document is 003 (24 часа) */
		enum sv_lang want = strncmp(e->d_name, "003_", 4) ? SV_LANG_RU : SV_LANG_BG;
		enum sv_lang got = sv_lang_detect(bytes, n, NULL);
		if (got != want)
			fail_msg("%s: %s, want %s", e->d_name, sv_lang_code(got), sv_lang_code(want));
		for (size_t i = 0; i < doc.npara; i++) {
			if (count_words(doc.paras[i].text) < 5)
				continue;
			paras++;
			enum sv_lang pl = sv_lang_detect(doc.paras[i].text, strlen(doc.paras[i].text),
							 NULL);
			paras_ok += pl == want;
			if (pl != want)
				print_message("# %s: paragraph %zu judged %s: %s\n", e->d_name, i,
					      sv_lang_code(pl), doc.paras[i].text);
		}
		sv_doc_text_release(&doc);
		free(bytes);
		docs++;
	}
	closedir(d);
	print_message("# sample: %d documents right, paragraphs %ld/%ld\n", docs, paras_ok, paras);
	assert_true(docs >= 5);
	assert_true(paras_ok * 100 >= paras * 98);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ntrex),
		cmocka_unit_test(test_seeds),
	};
	return cmocka_run_group_tests_name("text-quality", tests, NULL, NULL);
}
