/* Shared helpers for the cmocka unit tests. */
#ifndef SV_TEST_H
#define SV_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/file.h"

/* The shared test data (SV_SHARED, meson option shared_dir, default
 * ../shared), or NULL when it is not a directory: the caller then skip()s
 * (or, as test-io's schema checks, does without), and the first call prints a
 * TAP comment naming what is missing. cmocka 1.1
 * prints a skip as "not ok N # SKIP"; tests/unit/tap-skip makes it
 * "ok N # SKIP", which meson counts as a skip. */
static inline const char *sv_test_shared(void)
{
	static int told;
	const char *s = getenv("SV_SHARED");
	struct stat st;
	if (s && *s && stat(s, &st) == 0 && S_ISDIR(st.st_mode))
		return s;
	if (!told++)
		printf("# missing the shared test data (%s): the cases that need it are skipped\n",
		       s && *s ? s : "SV_SHARED unset");
	return NULL;
}

/* Opens the directory sub of the shared test data (shared, from
 * sv_test_shared()), its path left in path (size n); NULL when shared is NULL or
 * the directory cannot be opened (the caller then skip()s). */
static inline DIR *sv_test_open_shared_dir(const char *shared, const char *sub, char *path,
					   size_t n)
{
	snprintf(path, n, "%s/%s", shared ? shared : "", sub);
	return shared ? opendir(path) : NULL;
}

/* Reads a whole file into a NUL-terminated malloc'd buffer (*n its size);
 * NULL when it cannot be read (base/file.h's reader). */
static inline char *sv_test_slurp(const char *path, size_t *n)
{
	struct sv_buf b = SV_BUF_INIT;
	if (sv_file_read(path, 0, &b, NULL))
		return NULL;
	if (n)
		*n = b.len;
	return sv_buf_detach(&b);
}

/* Names a scratch memory for the test `name` of this process in buf (size n):
 * "/tmp/sv-test-NAME-PID.db". */
static inline void sv_test_tmp_db_path(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "/tmp/sv-test-%s-%d.db", name, (int)getpid());
}

/* Names a scratch memory for the test `name` of this process in buf (size n),
 * in the build tree: "$SV_BUILD_ROOT/test-NAME-PID.db" ("." when unset). */
static inline void sv_test_build_db_path(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/test-%s-%ld.db",
		 getenv("SV_BUILD_ROOT") ? getenv("SV_BUILD_ROOT") : ".", name, (long)getpid());
}

/* Removes the memory at path and the -wal and -shm files SQLite keeps beside
 * it; a file that is not there is no error. */
static inline void sv_test_remove_db(const char *path)
{
	char side[1100];
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

#endif
