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
#include <sys/stat.h>

#include <cmocka.h>

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

/* Reads a whole file into a NUL-terminated malloc'd buffer (*n its size);
 * NULL when it cannot be read. */
static inline char *sv_test_slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)len + 1);
	if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf) {
		buf[len] = '\0';
		if (n)
			*n = (size_t)len;
	}
	return buf;
}

#endif
