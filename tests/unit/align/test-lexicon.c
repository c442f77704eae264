/* Unit tests for the seed lexicon file (src/align/lexicon.c): the one parser
 * (header, comments, trimming, UTF-8, messages naming file and line) and the
 * search path ($SVERKA_LEXICON, the uninstalled build's source tree). */
#include "../test.h"

#include <unistd.h>

#include "align/align.h"
#include "align/lexicon.h"

static char path[64];

/* Writes text to a fresh temporary file (path). */
static void write_tmp(const char *text)
{
	snprintf(path, sizeof(path), "/tmp/sv-lexicon-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_parse(void **state)
{
	struct sv_lexicon lex = SV_LEXICON_INIT;
	struct sv_error err = { 0 };
	write_tmp("ru\tbg\n# a comment\n\n год \tгодина\tnote\r\nСовет\tсъвет\n"
		  "   \nвоенная база\tвоенна база\n");
	assert_int_equal(sv_lexicon_read(&lex, path, &err), SV_OK);
	assert_int_equal(lex.n, 3);
	assert_string_equal(lex.pairs[0].ru, "год");
	assert_string_equal(lex.pairs[0].bg, "година");
	assert_string_equal(lex.pairs[1].ru, "Совет"); /* not folded: each user folds */
	assert_string_equal(lex.pairs[2].bg, "военна база");
	assert_string_equal(lex.path, path);
	/* the aligner takes the single words, lower-cased */
	struct sv_align *a = sv_align_open_lexicon(&lex);
	assert_int_equal(sv_align_lexicon_size(a), 2);
	assert_int_equal(sv_align_lexicon_add(a, "совет", "съвет"), 0); /* already there */
	sv_align_close(a);
	sv_lexicon_release(&lex);
	remove(path);

	/* "ru<TAB>bg" is a header only as the first pair */
	write_tmp("год\tгодина\nru\tbg\n");
	assert_int_equal(sv_lexicon_read(&lex, path, &err), SV_OK);
	assert_int_equal(lex.n, 2);
	sv_lexicon_release(&lex);
	remove(path);
}

static void test_errors(void **state)
{
	struct sv_lexicon lex = SV_LEXICON_INIT;
	struct sv_error err = { 0 };
	static const char *const bad[][2] = {
		{ "# x\nгод\tгодина\nбезтаба\n", "line 3: expected 'russian<TAB>bulgarian'" },
		{ "год\t\n", "line 1: expected 'russian<TAB>bulgarian'" },
		{ "\tгодина\n", "line 1: expected 'russian<TAB>bulgarian'" },
		{ "год\tгодина\n\xd0\tx\n", "line 2: invalid UTF-8" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_tmp(bad[i][0]);
		assert_int_equal(sv_lexicon_read(&lex, path, &err), SV_EINPUT);
		assert_non_null(strstr(err.msg, path));
		if (!strstr(err.msg, bad[i][1]))
			fail_msg("case %zu: '%s' lacks '%s'", i, err.msg, bad[i][1]);
		assert_int_equal(lex.n, 0);
		assert_null(lex.pairs);
		remove(path);
	}
	assert_int_equal(sv_lexicon_read(&lex, "/nonexistent/lexicon.tsv", &err), SV_EINPUT);
	assert_non_null(strstr(err.msg, "'/nonexistent/lexicon.tsv': cannot open the lexicon"));
}

static void test_search(void **state)
{
	struct sv_lexicon lex = SV_LEXICON_INIT;
	struct sv_error err = { 0 };
	/* $SVERKA_LEXICON first; an unreadable one is an error naming it */
	write_tmp("год\tгодина\n");
	setenv("SVERKA_LEXICON", path, 1);
	assert_int_equal(sv_lexicon_read(&lex, NULL, &err), SV_OK);
	assert_int_equal(lex.n, 1);
	sv_lexicon_release(&lex);
	remove(path);
	setenv("SVERKA_LEXICON", "/nonexistent/lexicon.tsv", 1);
	assert_int_equal(sv_lexicon_read(&lex, NULL, &err), SV_EINPUT);
	assert_non_null(strstr(err.msg, "$SVERKA_LEXICON: '/nonexistent/lexicon.tsv'"));
	assert_null(sv_align_open(NULL, &err));
	/* unset: this test program runs uninstalled, so the source tree's file */
	unsetenv("SVERKA_LEXICON");
	assert_int_equal(sv_lexicon_read(&lex, NULL, &err), SV_OK);
	assert_true(lex.n > 1000);
	const char *root = getenv("SV_SOURCE_ROOT");
	assert_non_null(root);
	char want[1024];
	snprintf(want, sizeof(want), "%s/glossaries/seed-lexicon.tsv", root);
	assert_string_equal(lex.path, want);
	sv_lexicon_release(&lex);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_search),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
