/* A growable byte buffer, always NUL-terminated (as git's strbuf).
 * struct sv_buf b = SV_BUF_INIT; ... sv_buf_release(&b) frees the contents. */
#ifndef SV_BASE_BUF_H
#define SV_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct sv_buf {
	char *data; /* owned; "" (static) until the first write */
	size_t len; /* bytes used, excluding the terminating NUL */
	size_t cap; /* bytes allocated; 0 while data is the static "" */
};

extern char sv_buf_empty[];
#define SV_BUF_INIT { sv_buf_empty, 0, 0 }

void sv_buf_init(struct sv_buf *b);
void sv_buf_release(struct sv_buf *b);     /* frees contents, leaves b empty */
void sv_buf_reset(struct sv_buf *b);       /* len = 0, keeps the allocation */
void sv_buf_grow(struct sv_buf *b, size_t extra);
void sv_buf_add(struct sv_buf *b, const void *data, size_t n);
void sv_buf_adds(struct sv_buf *b, const char *s);
void sv_buf_addc(struct sv_buf *b, char c);
void sv_buf_addf(struct sv_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sv_buf_vaddf(struct sv_buf *b, const char *fmt, va_list ap);
/* Appends a code point as UTF-8. */
void sv_buf_add_cp(struct sv_buf *b, unsigned cp);
/* Appends s as a JSON string literal, quotes included. */
void sv_buf_add_json(struct sv_buf *b, const char *s);
/* Detaches the contents: the caller frees the returned string with free(). */
char *sv_buf_detach(struct sv_buf *b);

#endif
