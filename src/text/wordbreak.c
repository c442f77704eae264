/* Word breaks (UAX #29) as pieces for the tokenizer: ICU's word break
 * iterator, and a fast path for Latin/Cyrillic text that applies the same
 * rules. Equivalence test: test_word_breaks (and test_random_text) in
 * tests/unit/text/test-text.c. */
#include "text/text-int.h"

#include <string.h>

#include <unicode/uchar.h>

static int is_space_piece(const unsigned char *s, uint32_t a, uint32_t b)
{
	while (a < b) {
		uint32_t cp;
		a += (uint32_t)tx_cp_at(s, b, a, &cp);
		if (!(cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
		      cp == 0x202F || cp == 0x2009 || cp == 0xFEFF || u_isUWhiteSpace((UChar32)cp)))
			return 0;
	}
	return 1;
}

/* ---- Word breaks ----
 * ICU's word break iterator implements UAX #29. For text made only of Latin
 * and Cyrillic letters, ASCII digits, spaces and common punctuation, the
 * fast path below applies the same rules (WB3-WB12) itself, for speed
 * (docs/FIGURES.md; docs/TEXT.md, "Speed"); anything else (other scripts,
 * emoji, '_', narrow NBSP, other digits) goes to ICU. test-text checks that
 * both agree on real text. */

enum wb_class { WB_O, WB_L, WB_N, WB_ML, WB_MN, WB_MNL, WB_EX, WB_SP, WB_CR, WB_LF, WB_NL, WB_BAIL };

static int wb_class_slow(uint32_t cp);

/* ASCII classes, by table. */
static const unsigned char wb_ascii[128] = {
	['\t'] = WB_O, ['\n'] = WB_LF, ['\v'] = WB_NL, ['\f'] = WB_NL, ['\r'] = WB_CR,
	[' '] = WB_SP, [','] = WB_MN, [';'] = WB_MN, ['.'] = WB_MNL, ['\''] = WB_MNL,
	['_'] = WB_BAIL, ['@'] = WB_BAIL, ['#'] = WB_BAIL,
	['0'] = WB_N, ['1'] = WB_N, ['2'] = WB_N, ['3'] = WB_N, ['4'] = WB_N, ['5'] = WB_N,
	['6'] = WB_N, ['7'] = WB_N, ['8'] = WB_N, ['9'] = WB_N,
	['A'] = WB_L, ['B'] = WB_L, ['C'] = WB_L, ['D'] = WB_L, ['E'] = WB_L, ['F'] = WB_L,
	['G'] = WB_L, ['H'] = WB_L, ['I'] = WB_L, ['J'] = WB_L, ['K'] = WB_L, ['L'] = WB_L,
	['M'] = WB_L, ['N'] = WB_L, ['O'] = WB_L, ['P'] = WB_L, ['Q'] = WB_L, ['R'] = WB_L,
	['S'] = WB_L, ['T'] = WB_L, ['U'] = WB_L, ['V'] = WB_L, ['W'] = WB_L, ['X'] = WB_L,
	['Y'] = WB_L, ['Z'] = WB_L,
	['a'] = WB_L, ['b'] = WB_L, ['c'] = WB_L, ['d'] = WB_L, ['e'] = WB_L, ['f'] = WB_L,
	['g'] = WB_L, ['h'] = WB_L, ['i'] = WB_L, ['j'] = WB_L, ['k'] = WB_L, ['l'] = WB_L,
	['m'] = WB_L, ['n'] = WB_L, ['o'] = WB_L, ['p'] = WB_L, ['q'] = WB_L, ['r'] = WB_L,
	['s'] = WB_L, ['t'] = WB_L, ['u'] = WB_L, ['v'] = WB_L, ['w'] = WB_L, ['x'] = WB_L,
	['y'] = WB_L, ['z'] = WB_L,
};

static inline int wb_class(uint32_t cp)
{
	if (cp < 0x80)
		return wb_ascii[cp]; /* WB_O is 0 */
	if (cp - 0x430u < 0x20u || cp - 0x410u < 0x20u)
		return WB_L;
	return wb_class_slow(cp);
}

static int wb_class_slow(uint32_t cp)
{
	if (cp < 0x80) {
		if ((cp | 32) - 'a' < 26u)
			return WB_L;
		if (cp - '0' < 10u)
			return WB_N;
		switch (cp) {
		case ' ': return WB_SP;
		case '\r': return WB_CR;
		case '\n': return WB_LF;
		case '\v': case '\f': return WB_NL;
		case ',': case ';': return WB_MN;
		case '.': case '\'': return WB_MNL;
		case ':': return WB_O; /* ICU drops the colon from MidLetter */
		case '_': case '@': case '#': return WB_BAIL;
		default: return WB_O;
		}
	}
	if (cp - 0x400u < 0x83u || cp - 0x48Au < 0xA6u)
		return WB_L;
	if (cp - 0x483u < 7u || cp - 0x300u < 0x70u)
		return WB_EX;
	if (cp < 0x100) {
		if (cp == 0xAA || cp == 0xB5 || cp == 0xBA || (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7))
			return WB_L;
		if (cp == 0xAD)
			return WB_EX; /* soft hyphen: Format */
		if (cp == 0xB7)
			return WB_ML;
		if (cp == 0x85)
			return WB_NL;
		if (cp < 0xA0)
			return WB_BAIL;
		return WB_O;
	}
	if (cp < 0x250)
		return WB_L;
	if (cp >= 0x2000 && cp < 0x2070) {
		if (cp <= 0x2006 || (cp >= 0x2008 && cp <= 0x200A) || cp == 0x205F)
			return WB_SP;
		if (cp == 0x2018 || cp == 0x2019 || cp == 0x2024)
			return WB_MNL;
		if (cp == 0x2027)
			return WB_ML;
		if (cp == 0x2044)
			return WB_MN;
		if (cp == 0x2028 || cp == 0x2029)
			return WB_NL;
		if ((cp >= 0x2010 && cp <= 0x2026) || (cp >= 0x2030 && cp <= 0x203E) ||
		    (cp >= 0x2041 && cp <= 0x2053) || (cp >= 0x2055 && cp <= 0x205E))
			return WB_O;
		return WB_BAIL;
	}
	if (cp == 0x20AC || cp == 0x20BD || cp == 0x2116 || cp == 0x2122)
		return WB_O;
	return WB_BAIL;
}

static void add_piece(struct sv_text *t, size_t a, size_t b, int kind)
{
	if (t->npieces == t->cappieces)
		SV_GROW(t->pieces, t->cappieces, t->npieces + 1);
	t->pieces[t->npieces++] = (struct sv_piece){ (uint32_t)a, (uint32_t)b, kind, 0 };
}

/* Whether p[0..8) is four of the Cyrillic letters А..я (U+0410..U+044F). */
static inline int cyr4(const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t w;
	memcpy(&w, p, 8);
	/* each 16-bit lane: a lead D0 or D1, then a continuation byte */
	if ((w & 0xC0FEC0FEC0FEC0FEull) != 0x80D080D080D080D0ull)
		return 0;
	/* the letter's offset from U+0400, plus 0x30: 0x40..0x7F for А..я */
	uint64_t x = ((w & 0x0001000100010001ull) << 6) | ((w >> 8) & 0x003F003F003F003Full);
	return ((x + 0x0030003000300030ull) & 0x00C000C000C000C0ull) == 0x0040004000400040ull;
#else
	(void)p;
	return 0;
#endif
}

/* The length of an ASCII letter or a Cyrillic А..я at s[i] (ALetter, all of
 * them), or 0. */
static inline size_t letter_len(const unsigned char *s, size_t n, size_t i)
{
	if (i >= n)
		return 0;
	if ((s[i] | 32u) - 'a' < 26u)
		return 1;
	if (i + 1 < n && ((s[i] == 0xD0 && s[i + 1] - 0x90u < 0x30u) ||
			  (s[i] == 0xD1 && s[i + 1] - 0x80u < 0x10u)))
		return 2;
	return 0;
}

/* The fast path; returns 0 (pieces undefined) when ICU must decide. */
static int fast_words(struct sv_text *t, const unsigned char *s, size_t n)
{
	t->npieces = 0;
	size_t i = 0;
	uint32_t cp;
	while (i < n) {
		size_t len = tx_cp_at(s, n, i, &cp);
		int c = wb_class(cp);
		size_t start = i;
		if (c == WB_BAIL)
			return 0;
		i += len;
		if (c == WB_CR || c == WB_LF || c == WB_NL) {
			if (c == WB_CR && i < n && s[i] == '\n')
				i++;
			add_piece(t, start, i, P_SPACE);
			continue;
		}
		/* WB4: Extend and Format stick to what precedes */
		size_t j;
		int c2;
#define NEXT_CLASS()                                                          \
		do {                                                          \
			c2 = WB_O;                                            \
			for (;;) {                                            \
				if (j >= n) {                                 \
					c2 = -1;                              \
					break;                                \
				}                                             \
				len = tx_cp_at(s, n, j, &cp);                 \
				c2 = wb_class(cp);                            \
				if (c2 != WB_EX)                              \
					break;                                \
				j += len;                                     \
			}                                                     \
		} while (0)
		if (c == WB_SP) {
			j = i;
			for (;;) {
				NEXT_CLASS();
				if (c2 == WB_BAIL)
					return 0;
				if (c2 != WB_SP)
					break;
				j += len;
			}
			i = j;
			add_piece(t, start, i, P_SPACE);
			continue;
		}
		if (c != WB_L && c != WB_N) {
			j = i;
			NEXT_CLASS();
			if (c2 == WB_BAIL)
				return 0;
			i = j;
			add_piece(t, start, i, is_space_piece(s, (uint32_t)start, (uint32_t)i) ? P_SPACE : P_OTHER);
			continue;
		}
		int kind = c == WB_L ? P_WORD : P_NUMBER, prev = c;
		for (;;) {
			/* a run of ASCII letters and Cyrillic А..я (ALetter, all of them),
			 * four Cyrillic letters a step where it can */
			while (i + 8 <= n && cyr4(s + i)) {
				i += 8;
				prev = WB_L;
				kind = P_WORD;
			}
			if (letter_len(s, n, i)) {
				for (size_t l; (l = letter_len(s, n, i));)
					i += l;
				prev = WB_L;
				kind = P_WORD;
			}
			j = i;
			NEXT_CLASS();
			if (c2 == WB_BAIL)
				return 0;
			if (c2 == WB_L || c2 == WB_N) {
				i = j + len;
				prev = c2;
				if (c2 == WB_L)
					kind = P_WORD;
				continue;
			}
			if (c2 != WB_ML && c2 != WB_MN && c2 != WB_MNL)
				break;
			int mid = c2;
			size_t after = j + len;
			j = after;
			NEXT_CLASS();
			if (c2 == WB_BAIL)
				return 0;
			if (prev == WB_L && c2 == WB_L && (mid == WB_ML || mid == WB_MNL)) {
				i = j + len;
				continue;
			}
			if (prev == WB_N && c2 == WB_N && (mid == WB_MN || mid == WB_MNL)) {
				i = j + len;
				continue;
			}
			break;
		}
		/* trailing Extend/Format */
		j = i;
		NEXT_CLASS();
		if (c2 == WB_BAIL)
			return 0;
		i = j;
		add_piece(t, start, i, kind);
#undef NEXT_CLASS
	}
	return 1;
}

int tx_words_break(struct sv_text *t, const char *s, size_t n, struct sv_error *err)
{
	if (!t->icu_words && fast_words(t, (const unsigned char *)s, n))
		return SV_OK;
	UErrorCode st = U_ZERO_ERROR;
	if (!t->word) {
		t->word = ubrk_open(UBRK_WORD, "ru", NULL, 0, &st);
		if (U_FAILURE(st)) {
			t->word = NULL;
			return sv_error_set(err, SV_ESTORE, "cannot open ICU's word break iterator: %s",
					    u_errorName(st));
		}
	}
	UText *ut = tx_utext(t, s, n);
	if (!ut)
		return sv_error_set(err, SV_ESTORE, "cannot open a UTF-8 text for ICU");
	ubrk_setUText(t->word, ut, &st);
	if (U_FAILURE(st))
		return sv_error_set(err, SV_ESTORE, "ICU word break: %s", u_errorName(st));
	t->npieces = 0;
	int32_t a = 0;
	const unsigned char *p = (const unsigned char *)s;
	for (int32_t b = ubrk_next(t->word); b != UBRK_DONE; a = b, b = ubrk_next(t->word)) {
		int status = ubrk_getRuleStatus(t->word);
		int kind;
		if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT)
			kind = P_NUMBER; /* letters may follow: HER2 */
		else if (status >= UBRK_WORD_LETTER)
			kind = P_WORD;
		else
			kind = is_space_piece(p, (uint32_t)a, (uint32_t)b) ? P_SPACE : P_OTHER;
		if (kind == P_NUMBER) {
			for (int32_t i = a; i < b; i++)
				if (p[i] >= 0x80 || ((p[i] | 32) >= 'a' && (p[i] | 32) <= 'z'))
					kind = P_WORD; /* ICU calls HER2 a number: a word with digits */
		}
		add_piece(t, (size_t)a, (size_t)b, kind);
	}
	return SV_OK;
}

