/* Error values and checked allocation. */
#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sv_error_set(struct sv_error *err, int code, const char *fmt, ...)
{
	if (!err)
		return code;
	va_list ap;
	va_start(ap, fmt);
	err->code = code;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

int sv_error_prefix(struct sv_error *err, const char *fmt, ...)
{
	if (!err)
		return SV_ESTORE;
	char head[SV_ERROR_MAX], old[SV_ERROR_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(head, sizeof(head), fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof(old));
	size_t hl = strlen(head), ol = strlen(old);
	if (hl > sizeof(err->msg) - 1)
		hl = sizeof(err->msg) - 1;
	if (ol > sizeof(err->msg) - 1 - hl)
		ol = sizeof(err->msg) - 1 - hl;
	memcpy(err->msg, head, hl);
	memcpy(err->msg + hl, old, ol);
	err->msg[hl + ol] = '\0';
	return err->code;
}

void sv_error_clear(struct sv_error *err)
{
	if (err) {
		err->code = SV_OK;
		err->msg[0] = '\0';
	}
}

static void oom(size_t n)
{
	fprintf(stderr, "sverka: out of memory allocating %zu bytes\n", n);
	abort();
}

void *sv_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *sv_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *sv_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *sv_strdup(const char *s)
{
	return sv_strndup(s, strlen(s));
}

char *sv_strndup(const char *s, size_t n)
{
	char *p = sv_malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void sv_grow(void **p, size_t *cap, size_t need, size_t elsize)
{
	if (need <= *cap)
		return;
	size_t c = *cap ? *cap : 8;
	while (c < need)
		c = c / 2 * 3 + 8;
	*p = sv_realloc(*p, c * elsize);
	*cap = c;
}
