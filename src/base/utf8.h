/* UTF-8 decoding and validation, strict (no overlongs, no surrogates). */
#ifndef SV_BASE_UTF8_H
#define SV_BASE_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Decodes one code point at s[0..n); returns its byte length (1-4) and sets
 * *cp, or returns 0 on an invalid or truncated sequence. */
size_t sv_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Returns the byte offset of the first invalid sequence in s[0..n), or n
 * when all of it is valid UTF-8. */
size_t sv_utf8_validate(const unsigned char *s, size_t n);

/* Number of code points in a valid UTF-8 string of n bytes. */
size_t sv_utf8_length(const char *s, size_t n);

/* Iterates over the code points of s[0..n): decodes the one at s[*i] into *cp and moves *i
 * past it. Returns 0, leaving *i, at the end and at an invalid or truncated sequence:
 *   for (size_t i = 0; sv_utf8_next(s, n, &i, &c);) ... */
static inline int sv_utf8_next(const char *s, size_t n, size_t *i, uint32_t *cp)
{
	if (*i >= n)
		return 0;
	size_t l = sv_utf8_decode((const unsigned char *)s + *i, n - *i, cp);
	*i += l;
	return l != 0;
}

/* Decodes s[0..n) into out, at most max code points; stops at the first invalid or
 * truncated sequence. Returns the number of code points written. */
size_t sv_utf8_to_cps(const char *s, size_t n, uint32_t *out, size_t max);

/* Bytes of the character starting a non-empty NUL-terminated string: its first byte and the
 * continuation bytes (10xxxxxx) after it. */
static inline size_t sv_utf8_char_len(const char *s)
{
	size_t l = 1;
	while (s[l] && ((unsigned char)s[l] & 0xC0) == 0x80)
		l++;
	return l;
}

/* ---- Eight bytes at a time ----
 * Masks with the high bit of each byte set where that byte of a word (read
 * little-endian) is of a kind, so that the common text, printable ASCII and
 * Russian and Bulgarian letters (two bytes led by D0 or D1), can go through
 * eight bytes a step. SV_SWAR is 0 where the words are not little-endian:
 * callers then take their byte-at-a-time path. */

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SV_SWAR 1
#else
#define SV_SWAR 0
#endif
#define SV_SWAR_ONES 0x0101010101010101ull
#define SV_SWAR_HIGH 0x8080808080808080ull

static inline uint64_t sv_swar_load8(const unsigned char *p)
{
	uint64_t w;
	memcpy(&w, p, 8);
	return w;
}

/* Bytes equal to zero. */
static inline uint64_t sv_swar_zero(uint64_t x)
{
	return ~(((x & ~SV_SWAR_HIGH) + ~SV_SWAR_HIGH) | x) & SV_SWAR_HIGH;
}

/* Printable ASCII, space included (0x20..0x7E). */
static inline uint64_t sv_swar_ascii(uint64_t w)
{
	uint64_t ge20 = (w | SV_SWAR_HIGH) - 0x20 * SV_SWAR_ONES;
	return ~w & ge20 & ~sv_swar_zero(w ^ 0x7F * SV_SWAR_ONES) & SV_SWAR_HIGH;
}

/* Continuation bytes (10xxxxxx). */
static inline uint64_t sv_swar_cont(uint64_t w)
{
	return w & ~(w << 1) & SV_SWAR_HIGH;
}

/* Lead bytes of U+0400..U+047F (D0, D1). */
static inline uint64_t sv_swar_cyr_lead(uint64_t w)
{
	return sv_swar_zero((w & 0xFE * SV_SWAR_ONES) ^ 0xD0 * SV_SWAR_ONES);
}

/* How many bytes from p (8 readable) are valid UTF-8 of printable ASCII
 * and U+0400..U+047F only, whole characters: 8, 7 (a letter starts at the
 * last byte), or 0 when they are not all such. */
static inline size_t sv_utf8_plain8(const unsigned char *p)
{
	uint64_t w = sv_swar_load8(p), lead = sv_swar_cyr_lead(w), cont = sv_swar_cont(w);
	if ((sv_swar_ascii(w) | lead | cont) != SV_SWAR_HIGH || cont != lead << 8)
		return 0;
	return lead >> 56 ? 7 : 8;
}

#endif
