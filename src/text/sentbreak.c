/* Sentence breaks: the rules of UAX #29 as ICU applies them, from a fast
 * path over UTF-8 or from ICU's iterator. Equivalence test:
 * test_sentence_breaks (and test_random_text) in tests/unit/text/test-text.c. */
#include "text/text-int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>

#define SEG_U16_MAX 65536 /* bytes of a paragraph converted to UTF-16 for ICU */

/* ---- ICU's sentence breaks without ICU ---------------------------------
 * The rules of UAX #29 (SB6-SB11) as ICU's sent.txt applies them, over the
 * Sentence_Break classes ICU itself gives each code point. Text holding a
 * class the fast path leaves out (Extend, Format, Sep, CR, LF) or a code
 * point outside the tables goes to ICU's iterator; test-text compares both
 * on real and random text. */

enum { SB_OTHER, SB_ATERM, SB_STERM, SB_CLOSE, SB_SP, SB_SCONT, SB_NUM, SB_UPPER, SB_LOWER,
       SB_OLETTER, SB_HARD };

static uint8_t sb_lo[0x800];   /* U+0000..U+07FF */
static uint8_t sb_punct[0x200]; /* U+2000..U+21FF */
static pthread_once_t sb_once = PTHREAD_ONCE_INIT;

static uint8_t sb_of_icu(UChar32 cp)
{
	switch (u_getIntPropertyValue(cp, UCHAR_SENTENCE_BREAK)) {
	case U_SB_OTHER: return SB_OTHER;
	case U_SB_ATERM: return SB_ATERM;
	case U_SB_STERM: return SB_STERM;
	case U_SB_CLOSE: return SB_CLOSE;
	case U_SB_SP: return SB_SP;
	case U_SB_SCONTINUE: return SB_SCONT;
	case U_SB_NUMERIC: return SB_NUM;
	case U_SB_UPPER: return SB_UPPER;
	case U_SB_LOWER: return SB_LOWER;
	case U_SB_OLETTER: return SB_OLETTER;
	default: return SB_HARD; /* Extend, Format, Sep, CR, LF */
	}
}

/* ASCII bytes the scan passes over: no terminator, capital, class ICU
 * decides or space but U+0020. */
static uint8_t sb_quiet[256];

static void sb_init(void)
{
	for (UChar32 c = 0; c < 0x800; c++)
		sb_lo[c] = sb_of_icu(c);
	for (int c = 0; c < 0x80; c++)
		sb_quiet[c] = c == ' ' || (sb_lo[c] != SB_ATERM && sb_lo[c] != SB_STERM &&
					   sb_lo[c] != SB_UPPER && sb_lo[c] != SB_HARD &&
					   sb_lo[c] != SB_SP);
	for (UChar32 c = 0; c < 0x200; c++)
		sb_punct[c] = sb_of_icu(0x2000 + c);
}

/* The class of cp. */
static inline int sb_class(uint32_t cp)
{
	if (cp < 0x800)
		return sb_lo[cp];
	if (cp - 0x2000u < 0x200u)
		return sb_punct[cp - 0x2000];
	return SB_HARD;
}

/* The class of the code point at s[i] (i < n), its length in *len. */
static inline int sb_at(const unsigned char *s, size_t n, size_t i, size_t *len)
{
	if (s[i] < 0x80) {
		*len = 1;
		return sb_lo[s[i]];
	}
	uint32_t cp;
	*len = tx_cp_at(s, n, i, &cp);
	return sb_class(cp);
}

/* ICU's decision after the terminator of class c at s[i..i+len), in a
 * sentence that started at pos: the break (after the terminator, its
 * closing punctuation and spaces; n at the end), or 0 for none. */
static size_t sb_decide(const unsigned char *s, size_t n, size_t pos, size_t i, int c, size_t len)
{
	size_t j = i + len, k;
	int nc = j < n ? sb_at(s, n, j, &len) : -1;
	if (c == SB_ATERM && nc == SB_NUM)
		return 0; /* SB6 */
	if (c == SB_ATERM && nc == SB_UPPER && i > pos) {
		int prev = sb_class(tx_cp_before(s, i, NULL));
		if (prev == SB_UPPER || prev == SB_LOWER)
			return 0; /* SB7 */
	}
	while (nc == SB_CLOSE) {
		j += len;
		nc = j < n ? sb_at(s, n, j, &len) : -1;
	}
	k = j;
	while (nc == SB_SP) {
		k += len;
		nc = k < n ? sb_at(s, n, k, &len) : -1;
	}
	if (k >= n)
		return n;
	if (nc == SB_SCONT || nc == SB_ATERM || nc == SB_STERM)
		return 0; /* SB8a */
	if (c == SB_ATERM) { /* SB8: no break before a lower-case word */
		size_t q = k;
		while (nc != SB_OLETTER && nc != SB_UPPER && nc != SB_LOWER && nc != SB_ATERM &&
		       nc != SB_STERM && nc != -1) {
			q += len;
			nc = q < n ? sb_at(s, n, q, &len) : -1;
		}
		if (nc == SB_LOWER)
			return 0;
	}
	return k; /* SB11 */
}

/* ICU's next sentence break after pos (a break or 0) in s[0..n) for text
 * sb_scan() accepted; n at the end. */
static size_t sb_next(const unsigned char *s, size_t n, size_t pos)
{
	size_t len, k;
	for (size_t i = pos; i < n; i += len) {
		int c = sb_at(s, n, i, &len);
		if ((c == SB_ATERM || c == SB_STERM) && (k = sb_decide(s, n, pos, i, c, len)))
			return k;
	}
	return n;
}

static inline void sb_keep(uint32_t *v, size_t *nv, int *more, size_t i)
{
	if (*nv < TX_SB_MAX)
		v[(*nv)++] = (uint32_t)i;
	else
		*more = 1;
}

/* Scans s[0..n) for the fast path and fills sc; 0 when ICU must answer:
 * invalid UTF-8, a code point outside the tables, a class the fast path
 * leaves to ICU (Extend, Format, Sep, CR, LF). */
static int sb_scan(const unsigned char *s, size_t n, struct tx_sent_scan *sc)
{
	/* four two-byte letters U+0400..U+047F (D0 or D1, then 80..BF) */
	static const unsigned char pm[8] = { 0xFE, 0xC0, 0xFE, 0xC0, 0xFE, 0xC0, 0xFE, 0xC0 };
	static const unsigned char pv[8] = { 0xD0, 0x80, 0xD0, 0x80, 0xD0, 0x80, 0xD0, 0x80 };
	uint64_t cyr_mask, cyr_pairs;
	memcpy(&cyr_mask, pm, 8);
	memcpy(&cyr_pairs, pv, 8);
	size_t i = 0, pos = 0, len, k;
	pthread_once(&sb_once, sb_init);
	sc->nbrk = sc->nterm = sc->ncap = 0;
	sc->more_brk = sc->more_term = sc->more_cap = 0;
	sc->plain = 1;
	while (i < n) {
		while (i < n && sb_quiet[s[i]])
			i++;
		if (i >= n)
			break;
		unsigned c = s[i];
		int cl;
		if ((c & 0xFE) == 0xD0) { /* U+0400..U+047F: letters */
			if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80)
				return 0;
			int up = c == 0xD0 ? s[i + 1] < 0xB0 : s[i + 1] >= 0xA0 && !(s[i + 1] & 1);
			if (up && i &&
			    (s[i - 1] == ' ' || tx_is_space_cp(tx_cp_before(s, i, NULL))))
				sb_keep(sc->cap, &sc->ncap, &sc->more_cap, i);
			i += 2;
			/* the rest of the word, four letters at a time: nothing in a
			 * word matters here but a terminator or a class ICU decides */
			uint64_t x;
			while (i + 8 <= n && (memcpy(&x, s + i, 8), (x & cyr_mask) == cyr_pairs))
				i += 8;
			while (i + 1 < n && (s[i] & 0xFE) == 0xD0 && (s[i + 1] & 0xC0) == 0x80)
				i += 2;
			continue;
		}
		if (c < 0x80) {
			cl = sb_lo[c];
			len = 1;
		} else if (c >= 0xC2 && c < 0xE0 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
			cl = sb_lo[(c & 0x1F) << 6 | (s[i + 1] & 0x3F)];
			len = 2;
		} else if (c == 0xE2 && i + 2 < n && (s[i + 1] & 0xF8) == 0x80 &&
			   (s[i + 2] & 0xC0) == 0x80) {
			if (s[i + 1] == 0x80 && s[i + 2] == 0xA6) /* U+2026 */
				sb_keep(sc->term, &sc->nterm, &sc->more_term, i);
			cl = sb_punct[(s[i + 1] & 0x07) << 6 | (s[i + 2] & 0x3F)];
			len = 3;
		} else {
			return 0;
		}
		switch (cl) {
		case SB_HARD:
			return 0;
		case SB_SP:
			sc->plain &= c == ' ';
			break;
		case SB_UPPER:
			if (i && tx_is_space_cp(tx_cp_before(s, i, NULL)))
				sb_keep(sc->cap, &sc->ncap, &sc->more_cap, i);
			break;
		case SB_ATERM:
		case SB_STERM:
			if (c < 0x80)
				sb_keep(sc->term, &sc->nterm, &sc->more_term, i);
			if ((k = sb_decide(s, n, pos, i, cl, len)) && k < n) {
				sb_keep(sc->brk, &sc->nbrk, &sc->more_brk, k);
				pos = k;
			}
			break;
		}
		i += len;
	}
	return 1;
}

size_t tx_breaks_next(struct tx_breaks *b)
{
	if (b->pos >= b->n)
		return SIZE_MAX;
	if (!b->bi) {
		if (b->next < b->sc->nbrk)
			return b->pos = b->sc->brk[b->next++];
		return b->pos = b->sc->more_brk ? sb_next(b->s, b->n, b->pos) : b->n;
	}
	int32_t u = ubrk_next(b->bi);
	if (u == UBRK_DONE)
		return b->pos = b->n;
	if (!b->u16)
		return b->pos = (size_t)u;
	while (b->upos < u && b->pos < b->n) {
		uint32_t cp;
		b->pos += tx_cp_at(b->s, b->n, b->pos, &cp);
		b->upos += cp >= 0x10000 ? 2 : 1;
	}
	return b->pos;
}

static UBreakIterator *sent_iter(struct sv_text *t, enum sv_lang lang)
{
	int l = lang == SV_LANG_RU || lang == SV_LANG_BG ? (int)lang : 0;
	if (!t->sent[l]) {
		UErrorCode st = U_ZERO_ERROR;
		t->sent[l] = ubrk_open(UBRK_SENTENCE, l == SV_LANG_RU ? "ru" : l == SV_LANG_BG ? "bg" : "",
				       NULL, 0, &st);
		if (U_FAILURE(st))
			t->sent[l] = NULL;
	}
	return t->sent[l];
}

int tx_breaks_init(struct sv_text *t, enum sv_lang lang, const unsigned char *s, size_t n,
		   struct tx_sent_scan *sc, struct tx_breaks *b, struct sv_error *err)
{
	*b = (struct tx_breaks){ .s = s, .n = n, .sc = sc };
	if (!(t->seg_flags & SV_SEG_ICU) && sb_scan(s, n, sc))
		return SV_OK;
	if (!(b->bi = sent_iter(t, lang)))
		return sv_error_set(err, SV_ESTORE, "cannot open ICU's sentence break iterator");
	/* ICU iterates UTF-16 text inline but calls out for every chunk of a
	 * UTF-8 UText: a paragraph of up to SEG_U16_MAX bytes (nearly all) is
	 * converted once and the breaks are mapped back to bytes; the breaks
	 * are the same (for valid UTF-8; the input has been decoded). */
	UErrorCode st = U_ZERO_ERROR;
	b->u16 = n <= SEG_U16_MAX;
	if (b->u16) {
		SV_GROW(t->u16, t->capu16, n + 1);
		int32_t ulen = 0;
		u_strFromUTF8WithSub(t->u16, (int32_t)t->capu16, &ulen, (const char *)s, (int32_t)n,
				     0xFFFD, NULL, &st);
		if (U_SUCCESS(st))
			ubrk_setText(b->bi, t->u16, ulen, &st);
	} else {
		UText *ut = tx_utext(t, (const char *)s, n);
		if (!ut)
			return sv_error_set(err, SV_ESTORE, "cannot open ICU's sentence break iterator");
		ubrk_setUText(b->bi, ut, &st);
	}
	if (U_FAILURE(st))
		return sv_error_set(err, SV_ESTORE, "ICU sentence break: %s", u_errorName(st));
	return SV_OK;
}

