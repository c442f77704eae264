/* Growable byte buffer. */
#include "base/buf.h"
#include "base/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char sv_buf_empty[1];

void sv_buf_init(struct sv_buf *b)
{
	b->data = sv_buf_empty;
	b->len = b->cap = 0;
}

void sv_buf_release(struct sv_buf *b)
{
	if (b->cap)
		free(b->data);
	sv_buf_init(b);
}

void sv_buf_reset(struct sv_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->data[0] = '\0';
}

void sv_buf_grow(struct sv_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t c = b->cap ? b->cap : 32;
	while (c < need)
		c *= 2;
	if (b->cap) {
		b->data = sv_realloc(b->data, c);
	} else {
		b->data = sv_malloc(c);
		b->data[0] = '\0';
	}
	b->cap = c;
}

void sv_buf_add(struct sv_buf *b, const void *data, size_t n)
{
	if (!n)
		return;
	sv_buf_grow(b, n);
	memcpy(b->data + b->len, data, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void sv_buf_adds(struct sv_buf *b, const char *s)
{
	sv_buf_add(b, s, strlen(s));
}

void sv_buf_addc(struct sv_buf *b, char c)
{
	sv_buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void sv_buf_vaddf(struct sv_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n <= 0)
		return;
	sv_buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void sv_buf_addf(struct sv_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sv_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void sv_buf_add_cp(struct sv_buf *b, unsigned cp)
{
	char s[4];
	size_t n;
	if (cp < 0x80) {
		s[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		s[0] = (char)(0xF0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	sv_buf_add(b, s, n);
}

void sv_buf_add_json(struct sv_buf *b, const char *s)
{
	sv_buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': sv_buf_adds(b, "\\\""); break;
		case '\\': sv_buf_adds(b, "\\\\"); break;
		case '\n': sv_buf_adds(b, "\\n"); break;
		case '\r': sv_buf_adds(b, "\\r"); break;
		case '\t': sv_buf_adds(b, "\\t"); break;
		default:
			if (*p < 0x20)
				sv_buf_addf(b, "\\u%04x", *p);
			else
				sv_buf_addc(b, (char)*p);
		}
	}
	sv_buf_addc(b, '"');
}

char *sv_buf_detach(struct sv_buf *b)
{
	char *p = b->cap ? b->data : sv_strdup("");
	sv_buf_init(b);
	return p;
}
