/* UTF-8 decoding and validation, strict (no overlongs, no surrogates). */
#ifndef SV_BASE_UTF8_H
#define SV_BASE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s[0..n); returns its byte length (1-4) and sets
 * *cp, or returns 0 on an invalid or truncated sequence. */
size_t sv_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Returns the byte offset of the first invalid sequence in s[0..n), or n
 * when all of it is valid UTF-8. */
size_t sv_utf8_validate(const unsigned char *s, size_t n);

/* Number of code points in a valid UTF-8 string of n bytes. */
size_t sv_utf8_length(const char *s, size_t n);

#endif
