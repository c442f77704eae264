/* Mixed-script words for mixed-script: a word (a run of letters and combining
 * marks) whose letters come from Cyrillic and from Latin or Greek, by ICU's
 * script property (uscript_getScript); and a Latin word in a Cyrillic
 * sentence made only of letters that ICU's spoof checker finds confusable
 * with Cyrillic ones and all in lower case ("c" for "с", "o" for "о"), since
 * Latin names, acronyms and symbols (BBC, NATO, Mw, витамин C) have capitals. */
#include "check/check-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>

#include "base/utf8.h"

/* Script of a letter: fast for ASCII and the Cyrillic block, ICU otherwise. */
static UScriptCode script_of(uint32_t cp)
{
	if (cp < 0x80)
		return USCRIPT_LATIN;
	if (cp >= 0x400 && cp < 0x530)
		return USCRIPT_CYRILLIC;
	UErrorCode st = U_ZERO_ERROR;
	return uscript_getScript((UChar32)cp, &st);
}

static int is_alpha(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	if (cp >= 0x410 && cp < 0x450)
		return 1;
	return u_isalpha((UChar32)cp);
}

/* Whether byte c can belong to a word (ASCII letter or digit, or any
 * non-ASCII byte). */
static int is_word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

struct word {
	uint32_t start, end;
	int cyr, lat, grk, lower, upper;
	int all_confusable;
};

static size_t cp_at(const char *s, size_t n, size_t i, uint32_t *cp)
{
	size_t len = sv_utf8_decode((const unsigned char *)s + i, n - i, cp);
	if (!len) {
		*cp = 0xFFFD;
		len = 1;
	}
	return len;
}

/* Whether the Latin or Greek letter cp has a Cyrillic look-alike: its
 * confusable skeleton (UTS #39) is also the skeleton of a Cyrillic letter. */
static int confusable_with_cyrillic(uint32_t cp)
{
	static const char cyr[] = "АВЕКМНОРСТУХаеорсух";
	static USpoofChecker *sc;
	static UChar sk_cyr[64][4];
	static int ncyr = -1;
	UErrorCode st = U_ZERO_ERROR;
	if (ncyr < 0) {
		sc = uspoof_open(&st);
		ncyr = 0;
		if (U_FAILURE(st)) {
			sc = NULL;
			return 0;
		}
		for (size_t i = 0; cyr[i] && ncyr < 64;) {
			uint32_t c;
			i += cp_at(cyr, sizeof(cyr) - 1, i, &c);
			UChar u[2];
			int32_t ul = 0;
			U16_APPEND_UNSAFE(u, ul, (UChar32)c);
			st = U_ZERO_ERROR;
			int32_t n = uspoof_getSkeleton(sc, 0, u, ul, sk_cyr[ncyr], 3, &st);
			if (U_SUCCESS(st) && n < 4) {
				sk_cyr[ncyr][n] = 0;
				ncyr++;
			}
		}
	}
	if (!sc)
		return 0;
	UChar u[2], sk[4];
	int32_t ul = 0;
	U16_APPEND_UNSAFE(u, ul, (UChar32)cp);
	st = U_ZERO_ERROR;
	int32_t n = uspoof_getSkeleton(sc, 0, u, ul, sk, 3, &st);
	if (U_FAILURE(st) || n >= 4)
		return 0;
	sk[n] = 0;
	for (int i = 0; i < ncyr; i++)
		if (!u_strcmp(sk, sk_cyr[i]))
			return 1;
	return 0;
}

static void describe(const char *s, const struct word *w, int foreign_script, struct sv_buf *out)
{
	sv_buf_reset(out);
	int n = 0;
	for (size_t i = w->start; i < w->end;) {
		uint32_t cp;
		size_t len = cp_at(s, w->end, i, &cp);
		UErrorCode st = U_ZERO_ERROR;
		UScriptCode sc = uscript_getScript((UChar32)cp, &st);
		if (sc == foreign_script && n < 4) {
			sv_buf_addf(out, "%s%s '%.*s' U+%04X", n ? ", " : "",
				    sc == USCRIPT_LATIN ? "Latin" : "Greek", (int)len, s + i, cp);
			n++;
		}
		i += len;
	}
}

void ck_scripts(const char *s, void (*fn)(void *ctx, uint32_t start, uint32_t len,
						 const char *what), void *ctx)
{
	size_t n = strlen(s);
	struct word *words = NULL;
	size_t nw = 0, cap = 0, cyr_words = 0, lat_words = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = cp_at(s, n, i, &cp);
		if (!is_alpha(cp)) {
			i += len;
			continue;
		}
		struct word w = { (uint32_t)i, 0, 0, 0, 0, 0, 0, 1 };
		while (i < n) {
			len = cp_at(s, n, i, &cp);
			if (!is_alpha(cp)) {
				int8_t cat = (int8_t)u_charType((UChar32)cp);
				if (cat != U_NON_SPACING_MARK && cat != U_COMBINING_SPACING_MARK)
					break;
			}
			UScriptCode sc = script_of(cp);
			if (sc == USCRIPT_CYRILLIC)
				w.cyr++;
			else if (sc == USCRIPT_LATIN || sc == USCRIPT_GREEK) {
				w.lat += sc == USCRIPT_LATIN;
				w.grk += sc == USCRIPT_GREEK;
				if (!confusable_with_cyrillic(cp))
					w.all_confusable = 0;
			}
			if (cp < 0x80 ? (cp >= 'a' && cp <= 'z') : u_islower((UChar32)cp))
				w.lower = 1;
			else if (cp < 0x80 ? (cp >= 'A' && cp <= 'Z') : u_isupper((UChar32)cp))
				w.upper = 1;
			i += len;
		}
		w.end = (uint32_t)i;
		SV_GROW(words, cap, nw + 1);
		words[nw++] = w;
		cyr_words += w.cyr && !w.lat && !w.grk;
		lat_words += w.lat && !w.cyr;
	}
	struct sv_buf what = SV_BUF_INIT, msg = SV_BUF_INIT;
	for (size_t k = 0; k < nw; k++) {
		struct word *w = &words[k];
		/* a digit for a letter: 0 for О, 3 for З, 6 for б */
		if (w->cyr && !w->lat && !w->grk && w->start > 0 &&
		    (s[w->start - 1] == '0' || s[w->start - 1] == '3' || s[w->start - 1] == '6')) {
			uint32_t d = w->start - 1;
			int inner = k > 0 && words[k - 1].end == d && words[k - 1].cyr;
			/* leading: a lower-case word of three letters or more, or
			 * a zero before a capital acronym (0ДКС) */
			int lead = (d == 0 || !is_word_byte((unsigned char)s[d - 1])) &&
				   ((w->end - w->start >= 6 && w->lower && !w->upper) ||
				    (s[d] == '0' && w->upper && !w->lower &&
				     w->end - w->start >= 4));
			if (inner || lead) {
				uint32_t a = inner ? words[k - 1].start : d;
				sv_buf_reset(&msg);
				sv_buf_addf(&msg, "digit '%c' in a Cyrillic word", s[d]);
				fn(ctx, a, w->end - a, msg.data);
				continue;
			}
		}
		if (w->cyr && (w->lat || w->grk)) {
			describe(s, w, w->lat ? USCRIPT_LATIN : USCRIPT_GREEK, &what);
			sv_buf_reset(&msg);
			sv_buf_addf(&msg, "%s in a Cyrillic word", what.data);
			fn(ctx, w->start, w->end - w->start, msg.data);
			continue;
		}
		/* A lone look-alike word among Cyrillic ones: "c", "o", "y". */
		if (w->cyr || !(w->lat || w->grk) || !w->all_confusable || !w->lower || w->upper)
			continue;
		if (cyr_words < 2)
			continue;
		int before = k == 0 || (words[k - 1].cyr && !words[k - 1].lat);
		int after = k + 1 == nw || (words[k + 1].cyr && !words[k + 1].lat);
		if (!before || !after)
			continue;
		describe(s, w, w->lat ? USCRIPT_LATIN : USCRIPT_GREEK, &what);
		sv_buf_reset(&msg);
		sv_buf_addf(&msg, "%s: a Latin look-alike word among Cyrillic ones", what.data);
		fn(ctx, w->start, w->end - w->start, msg.data);
	}
	sv_buf_release(&what);
	sv_buf_release(&msg);
	free(words);
}

/* The Cyrillic letter a Latin or Greek look-alike stands for, or 0. */
static uint32_t cyrillic_twin(uint32_t cp)
{
	static const uint32_t pairs[][2] = {
		{ 'A', 0x410 }, { 'B', 0x412 }, { 'C', 0x421 }, { 'E', 0x415 }, { 'H', 0x41D },
		{ 'K', 0x41A }, { 'M', 0x41C }, { 'O', 0x41E }, { 'P', 0x420 }, { 'T', 0x422 },
		{ 'X', 0x425 }, { 'Y', 0x423 }, { 'a', 0x430 }, { 'c', 0x441 }, { 'e', 0x435 },
		{ 'k', 0x43A }, { 'o', 0x43E }, { 'p', 0x440 }, { 'x', 0x445 }, { 'y', 0x443 },
		{ 0x391, 0x410 }, { 0x392, 0x412 }, { 0x395, 0x415 }, { 0x397, 0x41D },
		{ 0x39A, 0x41A }, { 0x39C, 0x41C }, { 0x39F, 0x41E }, { 0x3A1, 0x420 },
		{ 0x3A4, 0x422 }, { 0x3A7, 0x425 }, { 0x3BF, 0x43E }, { 0x3B1, 0x430 },
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (pairs[i][0] == cp)
			return pairs[i][1];
	return 0;
}

static int cyr_letter_at(const char *s, size_t n, size_t i, int *upper)
{
	uint32_t cp;
	if (i >= n)
		return 0;
	cp_at(s, n, i, &cp);
	if (cp < 0x400 || cp >= 0x460 || !is_alpha(cp))
		return 0;
	*upper = cp < 0x430;
	return 1;
}

/* The Cyrillic letter a digit at s[i] stands for, as mixed-script finds it
 * (0, 3, 6 inside a Cyrillic word, or leading a lower-case one), or 0. */
static uint32_t digit_twin(const char *s, size_t n, size_t i)
{
	char c = s[i];
	if (c != '0' && c != '3' && c != '6')
		return 0;
	int up_next = 0, up_prev = 0;
	if (!cyr_letter_at(s, n, i + 1, &up_next))
		return 0;
	int prev = 0;
	if (i >= 2)
		prev = cyr_letter_at(s, n, i - 2, &up_prev);
	int boundary = i == 0 || !is_word_byte((unsigned char)s[i - 1]);
	int up2 = 0;
	int acronym = c == '0' && up_next && cyr_letter_at(s, n, i + 3, &up2) && up2;
	if (!prev && !(boundary && (!up_next || acronym)))
		return 0;
	int upper = up_next && (!prev || up_prev);
	if (c == '0')
		return upper ? 0x41E : 0x43E; /* О о */
	if (c == '3')
		return upper ? 0x417 : 0x437; /* З з */
	return upper ? 0x411 : 0x431;         /* Б б */
}

/* The end of the run of letters starting at i of s (n bytes); *mixed tells
 * whether the run has both Cyrillic and Latin or Greek letters. */
static size_t letters_end(const char *s, size_t n, size_t i, int *mixed)
{
	int cyr = 0, foreign = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = cp_at(s, n, i, &cp);
		if (!is_alpha(cp))
			break;
		UScriptCode sc = script_of(cp);
		cyr |= sc == USCRIPT_CYRILLIC;
		foreign |= sc == USCRIPT_LATIN || sc == USCRIPT_GREEK;
		i += len;
	}
	*mixed = cyr && foreign;
	return i;
}

int ck_script_repair(const char *s, struct sv_buf *out, uint32_t **map, size_t *mapcap)
{
	size_t n = strlen(s);
	int repaired = 0;
	/* most texts have no mixed word: say so without copying */
	int mixed = 0;
	for (size_t i = 0; i < n && !mixed;) {
		uint32_t cp;
		size_t len = cp_at(s, n, i, &cp);
		if (!is_alpha(cp)) {
			i += len;
			continue;
		}
		i = letters_end(s, n, i, &mixed);
	}
	for (size_t i = 0; i < n && !mixed; i++)
		mixed = digit_twin(s, n, i) != 0;
	if (!mixed)
		return 0;
	sv_buf_reset(out);
	for (size_t i = 0; i < n;) {
		/* find the word starting at i, if any */
		uint32_t cp;
		size_t len = cp_at(s, n, i, &cp);
		size_t start = i, end = i;
		int mixed_word = 0;
		if (is_alpha(cp)) {
			end = letters_end(s, n, i, &mixed_word);
		} else {
			end = i + len;
			uint32_t twin = digit_twin(s, n, i);
			if (twin) {
				size_t at = out->len;
				sv_buf_add_cp(out, twin);
				repaired = 1;
				SV_GROW(*map, *mapcap, out->len + 1);
				for (size_t b = at; b < out->len; b++)
					(*map)[b] = (uint32_t)i;
				i = end;
				continue;
			}
		}
		for (size_t k = start; k < end;) {
			size_t l = cp_at(s, n, k, &cp);
			uint32_t twin = mixed_word ? cyrillic_twin(cp) : 0;
			size_t at = out->len;
			if (twin) {
				sv_buf_add_cp(out, twin);
				repaired = 1;
			} else {
				sv_buf_add(out, s + k, l);
			}
			SV_GROW(*map, *mapcap, out->len + 1);
			for (size_t b = at; b < out->len; b++)
				(*map)[b] = (uint32_t)k;
			k += l;
		}
		i = end;
	}
	SV_GROW(*map, *mapcap, out->len + 1);
	(*map)[out->len] = (uint32_t)n;
	return repaired;
}
