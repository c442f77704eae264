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

#include <cmocka.h>

/* The directory ../shared beside the repository (SV_SHARED), or NULL. */
static inline const char *sv_test_shared(void)
{
	const char *s = getenv("SV_SHARED");
	return s && *s ? s : NULL;
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
