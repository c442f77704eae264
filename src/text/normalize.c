/* Normalisation: NFC for storage (ICU unorm2) and the matching key of a
 * token (case-folded, ё→е, no stress marks or soft hyphens, one kind of
 * quote, apostrophe and dash). Latin and Cyrillic take a fast path. */
#include "text/text-int.h"
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/* Whether cp keeps the fast path: a string of such code points is NFC. */
static inline int nfc_safe(uint32_t cp)
{
	return cp < 0x300 || (cp >= 0x400 && cp < 0x483) || (cp >= 0x48A && cp < 0x530) ||
	       (cp >= 0x2010 && cp < 0x2028) || (cp >= 0x2030 && cp < 0x205F) || cp == 0x20AC ||
	       cp == 0x2116 || cp == 0x2122 || cp == 0x202F;
}

int tx_is_nfc_fast(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, m;
	while (i < n) {
		unsigned c = p[i];
		/* printable ASCII and U+0400..U+047F are NFC: eight bytes a step */
		if (SV_SWAR && i + 8 <= n && (m = sv_utf8_plain8(p + i))) {
			i += m;
			continue;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		i += tx_cp_at(p, n, i, &cp);
		if (!nfc_safe(cp))
			return 0;
	}
	return 1;
}

/* Converts s[0..n) to a malloc'd UTF-16 string; *ulen gets its length. */
static UChar *to_utf16(const char *s, size_t n, int32_t *ulen)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t len = 0;
	u_strFromUTF8WithSub(NULL, 0, &len, s, (int32_t)n, 0xFFFD, NULL, &st);
	UChar *u = sv_malloc(((size_t)len + 1) * sizeof(UChar));
	st = U_ZERO_ERROR;
	u_strFromUTF8WithSub(u, len + 1, &len, s, (int32_t)n, 0xFFFD, NULL, &st);
	*ulen = U_SUCCESS(st) ? len : 0;
	return u;
}

static void add_utf16(struct sv_buf *out, const UChar *u, int32_t ulen)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t len = 0;
	sv_buf_grow(out, (size_t)ulen * 3 + 1);
	u_strToUTF8WithSub(out->data + out->len, (int32_t)(out->cap - out->len), &len, u, ulen,
			   0xFFFD, NULL, &st);
	if (U_SUCCESS(st)) {
		out->len += (size_t)len;
		out->data[out->len] = '\0';
	}
}

void sv_text_nfc(const char *s, size_t n, struct sv_buf *out)
{
	if (tx_is_nfc_fast(s, n)) {
		sv_buf_add(out, s, n);
		return;
	}
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	int32_t ulen;
	UChar *u = to_utf16(s, n, &ulen);
	int32_t cap = ulen * 2 + 16, len;
	UChar *v = sv_malloc((size_t)cap * sizeof(UChar));
	len = unorm2_normalize(nfc, u, ulen, v, cap, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		free(v);
		cap = len + 1;
		v = sv_malloc((size_t)cap * sizeof(UChar));
		st = U_ZERO_ERROR;
		len = unorm2_normalize(nfc, u, ulen, v, cap, &st);
	}
	if (U_SUCCESS(st))
		add_utf16(out, v, len);
	else
		sv_buf_add(out, s, n);
	free(u);
	free(v);
}

uint32_t tx_key_cp_slow(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp == '`' ? '\'' : cp;
	if (cp >= 0x410 && cp < 0x430)
		return cp + 0x20;
	if (cp >= 0x430 && cp < 0x450)
		return cp;
	if (cp == 0x401 || cp == 0x451)
		return 0x435; /* ё → е */
	if (cp >= 0x400 && cp < 0x410)
		return cp + 0x50;
	if (cp >= 0x450 && cp < 0x460)
		return cp;
	switch (cp) {
	case 0x300: case 0x301: case 0xAD: case 0x200B: case 0x200C: case 0x200D: case 0x2060:
	case 0xFEFF:
		return 0;
	case 0xAB: case 0xBB: case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2039:
	case 0x203A: case 0x2033: case 0xFF02:
		return '"';
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2BC: case 0xB4: case 0x2032:
	case 0xFF07:
		return '\'';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
	case 0xFE58: case 0xFE63: case 0xFF0D:
		return '-';
	case 0xA0: case 0x2007: case 0x202F: case 0x2009: case 0x200A: case 0x2002: case 0x2003:
		return ' ';
	default:
		break;
	}
	if (cp < 0xC0)
		return cp;
	return UINT32_MAX;
}

int tx_is_letter_slow(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 32) >= 'a' && (cp | 32) <= 'z';
	if (cp >= 0x400 && cp < 0x482)
		return 1;
	return u_isalpha((UChar32)cp);
}

int tx_is_upper_slow(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	if (cp >= 0x400 && cp < 0x430)
		return 1;
	if (cp >= 0x430 && cp < 0x460)
		return 0;
	return u_isupper((UChar32)cp);
}

/* Appends the key of s[0..n) to out; with `check`, gives up (returns 0,
 * out unchanged) at the first code point that needs NFC. */
static int key_of(const char *s, size_t n, struct sv_buf *out, int check)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t start = out->len;
	sv_buf_grow(out, n + 1);
	size_t i = 0;
	while (i < n) {
		unsigned c = p[i];
		if (c < 0x80 && c != '`') {
			if (out->len + 1 >= out->cap)
				sv_buf_grow(out, 8);
			out->data[out->len++] = (char)(c - 'A' < 26u ? c + 32 : c);
			i++;
			continue;
		}
		uint32_t cp;
		i += tx_cp_at(p, n, i, &cp);
		if (check && !nfc_safe(cp)) {
			out->len = start;
			out->data[start] = '\0';
			return 0;
		}
		uint32_t k = tx_key_cp(cp);
		if (k == 0)
			continue;
		if (k != UINT32_MAX) {
			if (k < 0x800 && out->len + 2 < out->cap) {
				/* two-byte UTF-8, the Cyrillic case */
				if (k < 0x80) {
					out->data[out->len++] = (char)k;
				} else {
					out->data[out->len++] = (char)(0xC0 | (k >> 6));
					out->data[out->len++] = (char)(0x80 | (k & 0x3F));
				}
				continue;
			}
			sv_buf_add_cp(out, k);
			continue;
		}
		UChar in[2], fold[8];
		int32_t ilen = 0, flen;
		U16_APPEND_UNSAFE(in, ilen, cp);
		UErrorCode st = U_ZERO_ERROR;
		flen = u_strFoldCase(fold, 8, in, ilen, U_FOLD_CASE_DEFAULT, &st);
		if (U_FAILURE(st)) {
			sv_buf_add_cp(out, cp);
			continue;
		}
		for (int32_t j = 0; j < flen;) {
			UChar32 f;
			U16_NEXT(fold, j, flen, f);
			sv_buf_add_cp(out, (unsigned)f);
		}
	}
	out->data[out->len] = '\0';
	return 1;
}

void sv_text_key(const char *s, size_t n, struct sv_buf *out)
{
	if (key_of(s, n, out, 1))
		return;
	struct sv_buf tmp = SV_BUF_INIT;
	sv_text_nfc(s, n, &tmp);
	key_of(tmp.data, tmp.len, out, 0);
	sv_buf_release(&tmp);
}
