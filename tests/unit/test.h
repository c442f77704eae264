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

#include "base/file.h"

/* The directory ../shared beside the repository (SV_SHARED), or NULL. */
static inline const char *sv_test_shared(void)
{
	const char *s = getenv("SV_SHARED");
	return s && *s ? s : NULL;
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

#endif
