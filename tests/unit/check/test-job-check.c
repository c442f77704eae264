/* Unit tests for src/job/check.c, the check verb the CLI and the HTTP server
 * share: inputs, glossary, findings and report, progress, and its errors. */
#include "../test.h"

#include "job/check.h"

static char report[512], report2[512], glossary[512], ru[512], bg[512];

static int setup(void **state)
{
	(void)state;
	const char *root = getenv("SV_SOURCE_ROOT");
	if (!root)
		return -1;
	snprintf(report, sizeof(report), "%s/tests/data/check/report.xlf", root);
	snprintf(report2, sizeof(report2), "%s/tests/data/check/report2.xlf", root);
	snprintf(glossary, sizeof(glossary), "%s/tests/data/check/glossary.tbx", root);
	snprintf(ru, sizeof(ru), "%s/tests/data/check/ru.txt", root);
	snprintf(bg, sizeof(bg), "%s/tests/data/check/bg.txt", root);
	return 0;
}

struct stages {
	char seen[8][16];
	size_t n, last_done, last_total;
};

static void on_progress(void *ctx, const char *stage, size_t done, size_t total)
{
	struct stages *s = ctx;
	if (!s->n || strcmp(s->seen[s->n - 1], stage))
		snprintf(s->seen[s->n++ % 8], sizeof(s->seen[0]), "%s", stage);
	s->last_done = done;
	s->last_total = total;
}

/* The same findings as tests/golden/cases/check.test shows for report.xlf. */
static void test_report_with_glossary(void **state)
{
	(void)state;
	const char *reports[] = { report };
	const char *glossaries[] = { glossary };
	struct stages st = { 0 };
	struct sv_job_check_opts o;
	sv_job_check_opts_init(&o);
	o.reports = reports;
	o.nreports = 1;
	o.glossaries = glossaries;
	o.nglossaries = 1;
	o.format = SV_CHECK_JSON;
	o.progress.fn = on_progress;
	o.progress.ctx = &st;
	struct sv_job_check_result res;
	struct sv_error err = { 0 };
	assert_int_equal(sv_job_check(&o, &res, &err), SV_OK);
	assert_int_equal(res.segs.n, 5);
	assert_int_equal(res.findings.errors, 5);
	assert_int_equal(res.findings.count[SV_CHECK_TERM_FORBIDDEN], 1);
	assert_int_equal(res.findings.count[SV_CHECK_NUMBER_MISMATCH], 1);
	assert_int_equal(res.findings.count[SV_CHECK_UNTRANSLATED], 1);
	assert_int_equal(res.findings.count[SV_CHECK_TAG_MISMATCH], 2);
	assert_int_equal(res.glossary_empty, 0);
	assert_non_null(strstr(res.report.data, "\"findings\":["));
	assert_int_equal(st.n, 3);
	assert_string_equal(st.seen[0], "read");
	assert_string_equal(st.seen[1], "glossary");
	assert_string_equal(st.seen[2], "check");
	assert_int_equal(st.last_done, 5);
	assert_int_equal(st.last_total, 5);
	sv_job_check_result_release(&res);

	/* a config from the caller: term-forbidden off, one unit suppressed */
	struct sv_check_config cfg;
	sv_check_config_init(&cfg);
	assert_int_equal(sv_check_config_set(&cfg, "term-forbidden=off", &err), SV_OK);
	assert_int_equal(sv_check_config_set(&cfg, "suppress=5", &err), SV_OK);
	o.config = &cfg;
	o.progress.fn = NULL;
	assert_int_equal(sv_job_check(&o, &res, &err), SV_OK);
	assert_int_equal(res.findings.errors, 3);
	assert_int_equal(res.findings.count[SV_CHECK_TERM_FORBIDDEN], 0);
	assert_int_equal(res.findings.count[SV_CHECK_UNTRANSLATED], 0);
	sv_job_check_result_release(&res);
	sv_check_config_release(&cfg);
}

/* Plain texts are aligned into "RU=BG" units of the source file. */
static void test_pair(void **state)
{
	(void)state;
	const char *pairs[] = { ru, bg };
	struct sv_job_check_opts o;
	sv_job_check_opts_init(&o);
	o.pairs = pairs;
	o.npairs = 1;
	struct sv_job_check_result res;
	struct sv_error err = { 0 };
	assert_int_equal(sv_job_check(&o, &res, &err), SV_OK);
	assert_int_equal(res.segs.n, 3);
	assert_string_equal(sv_check_seg_file(&res.segs, 0), ru);
	assert_non_null(strchr(res.segs.v[0].unit, '='));
	assert_int_equal(res.findings.n, 1);
	assert_non_null(strstr(res.report.data, "1 finding: 1 error"));
	sv_job_check_result_release(&res);
}

static void test_errors(void **state)
{
	(void)state;
	struct sv_job_check_opts o;
	sv_job_check_opts_init(&o);
	struct sv_job_check_result res;
	struct sv_error err = { 0 };
	assert_int_equal(sv_job_check(&o, &res, &err), SV_EUSAGE);
	assert_string_equal(err.msg, "no report to check");
	sv_job_check_result_release(&res);

	const char *reports[] = { report, "/nonexistent/report.xlf" };
	o.reports = reports;
	o.nreports = 2;
	assert_int_equal(sv_job_check(&o, &res, &err), SV_EINPUT);
	assert_string_equal(err.msg,
			    "'/nonexistent/report.xlf': cannot open: No such file or directory");
	sv_job_check_result_release(&res);

	/* a file with no glossary terms in it is refused, naming the file */
	const char *one[] = { report2 };
	const char *glossaries[] = { report2 };
	o.reports = one;
	o.nreports = 1;
	o.glossaries = glossaries;
	o.nglossaries = 1;
	assert_int_equal(sv_job_check(&o, &res, &err), SV_EINPUT);
	char want[600];
	snprintf(want, sizeof(want), "'%s': no glossary terms (read as xliff2)", report2);
	assert_string_equal(err.msg, want);
	sv_job_check_result_release(&res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_with_glossary),
		cmocka_unit_test(test_pair),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
