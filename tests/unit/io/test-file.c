/* Unit tests for base/file.h, the one file reader and atomic writer that io and
 * check share: messages naming the file, the size limit, rename on commit only. */
#include "../test.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/sv-test-file-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* How many entries the directory holds besides . and .. */
static int entries(void)
{
	DIR *d = opendir(dir);
	int n = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	if (d)
		closedir(d);
	return n;
}

static void test_read(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof(path), "%s/missing.txt", dir);
	struct sv_buf b = SV_BUF_INIT;
	struct sv_error err = { 0 };
	assert_int_equal(sv_file_read(path, 0, &b, &err), SV_EINPUT);
	char want[256];
	snprintf(want, sizeof(want), "'%s': cannot open: No such file or directory", path);
	assert_string_equal(err.msg, want);
	assert_int_equal(b.len, 0);

	snprintf(path, sizeof(path), "%s/ru.txt", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	/* more than one read chunk, so the loop is exercised */
	for (int i = 0; i < 10000; i++)
		fputs("Совет коллективной безопасности\n", f);
	fclose(f);
	sv_buf_adds(&b, "kept:");
	assert_int_equal(sv_file_read(path, 0, &b, &err), SV_OK);
	assert_int_equal(b.len, 5 + 10000 * strlen("Совет коллективной безопасности\n"));
	assert_memory_equal(b.data, "kept:Совет", strlen("kept:Совет"));
	assert_int_equal(b.data[b.len], '\0');

	sv_buf_reset(&b);
	sv_buf_adds(&b, "kept");
	assert_int_equal(sv_file_read(path, 1000, &b, &err), SV_EINPUT);
	snprintf(want, sizeof(want), "'%s': larger than 1000 bytes", path);
	assert_string_equal(err.msg, want);
	assert_string_equal(b.data, "kept");
	sv_buf_release(&b);
	unlink(path);
}

static void test_atomic(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof(path), "%s/out.tmx", dir);
	struct sv_error err = { 0 };
	struct sv_file_tmp t = SV_FILE_TMP_INIT;

	/* discarded: nothing stays behind */
	assert_int_equal(sv_file_tmp_open(&t, path, &err), SV_OK);
	assert_int_equal(strncmp(t.tmp, dir, strlen(dir)), 0);
	assert_non_null(strstr(t.tmp, "/.out.tmx.tmp-"));
	fputs("half", t.f);
	sv_file_tmp_discard(&t);
	assert_null(t.tmp);
	assert_int_equal(entries(), 0);

	/* committed: the target appears only at commit, with the whole content */
	assert_int_equal(sv_file_tmp_open(&t, path, &err), SV_OK);
	fputs("Съвет за колективна сигурност\n", t.f);
	assert_int_equal(sv_file_tmp_close(&t, &err), SV_OK);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(sv_file_tmp_commit(&t, &err), SV_OK);
	assert_int_equal(entries(), 1);
	size_t n = 0;
	char *got = sv_test_slurp(path, &n);
	assert_non_null(got);
	assert_string_equal(got, "Съвет за колективна сигурност\n");
	free(got);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);

	/* a directory that does not exist: the message names the target */
	char bad[160];
	snprintf(bad, sizeof(bad), "%s/no/such/dir/x.tmx", dir);
	assert_int_equal(sv_file_tmp_open(&t, bad, &err), SV_ESTORE);
	char want[256];
	snprintf(want, sizeof(want), "'%s': cannot create: No such file or directory", bad);
	assert_string_equal(err.msg, want);
	sv_file_tmp_discard(&t);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_atomic),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
