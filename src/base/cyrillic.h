/* Russian and Bulgarian letters, one definition per concept: case (upper, lower, fold) and
 * the letter classes that different measures treat as vowels. Code points are Unicode; the
 * case functions know the Cyrillic block U+0400-U+044F/U+0450-U+045F and ASCII, and leave
 * every other code point as it is.
 *
 * Of the four "is a vowel" sets the code had, two were one set written twice (segment.c's and
 * terms' consonant key, which adds Latin vowels); the other two differ on purpose, each after
 * its own normalisation:
 * - sv_cyr_is_nonconsonant(): а е ё и й о у ъ ы ь э ю я, every lower-case letter that is not
 *   a consonant (signs and й included), for raw words: text/segment.c's verb stems, terms'
 *   consonant keys (with sv_latin_is_vowel());
 * - sv_cyr_is_cognate_vowel(): а е и о у ъ ы э ю я, vowels of align's cognate spelling
 *   (align/cognate.c: ъ is a vowel in Bulgarian; ё has become е, ь and й are neither);
 * - sv_cyr_is_skeleton_vowel(): а е и о у ю я, the vowels left in terms' cognate skeleton
 *   (terms/text.c: ё э -> е, ы й -> и, ъ -> о, ь dropped before);
 * - sv_latin_is_vowel(): a e i o u y. */
#ifndef SV_BASE_CYRILLIC_H
#define SV_BASE_CYRILLIC_H

#include <stdint.h>

#define SV_CYR_YO 0x451    /* ё */
#define SV_CYR_IE 0x435    /* е */
#define SV_CYR_YO_UP 0x401 /* Ё */

/* Upper case of а-я, ѐ-џ (U+0450-U+045F) and a-z. */
static inline uint32_t sv_cyr_upper(uint32_t c)
{
	if (c >= 0x430 && c <= 0x44F)
		return c - 0x20;
	if (c >= 0x450 && c <= 0x45F)
		return c - 0x50;
	if (c >= 'a' && c <= 'z')
		return c - 32;
	return c;
}

/* Lower case of А-Я, Ѐ-Џ (U+0400-U+040F: Ё, Ѝ, ...) and A-Z. */
static inline uint32_t sv_cyr_lower(uint32_t c)
{
	if (c >= 0x410 && c <= 0x42F)
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	return c;
}

/* The key letter of a lemma: lower case (sv_cyr_lower), ё as е. */
static inline uint32_t sv_cyr_fold(uint32_t c)
{
	c = sv_cyr_lower(c);
	return c == SV_CYR_YO ? SV_CYR_IE : c;
}

/* А-Я and Ё to lower case, nothing else (Ѐ-Џ other than Ё and ASCII stay as they are): the
 * case step of match's spelling fold, whose result the memory stores (store/schema.c). */
static inline uint32_t sv_cyr_lower_russian(uint32_t c)
{
	if (c >= 0x410 && c <= 0x42F)
		return c + 0x20;
	if (c == SV_CYR_YO_UP)
		return SV_CYR_YO;
	return c;
}

/* а е ё и й о у ъ ы ь э ю я (lower case only). */
static inline int sv_cyr_is_nonconsonant(uint32_t c)
{
	switch (c) {
	case 0x430: case 0x435: case 0x438: case 0x439: case 0x43E: case 0x443: case 0x44A:
	case 0x44B: case 0x44C: case 0x44D: case 0x44E: case 0x44F: case 0x451:
		return 1;
	default:
		return 0;
	}
}

/* а е и о у ъ ы э ю я (lower case only). */
static inline int sv_cyr_is_cognate_vowel(uint32_t c)
{
	switch (c) {
	case 0x430: case 0x435: case 0x438: case 0x43E: case 0x443: case 0x44A: case 0x44B:
	case 0x44D: case 0x44E: case 0x44F:
		return 1;
	default:
		return 0;
	}
}

/* а е и о у ю я (lower case only). */
static inline int sv_cyr_is_skeleton_vowel(uint32_t c)
{
	switch (c) {
	case 0x430: case 0x435: case 0x438: case 0x43E: case 0x443: case 0x44E: case 0x44F:
		return 1;
	default:
		return 0;
	}
}

/* a e i o u y (lower case only). */
static inline int sv_latin_is_vowel(uint32_t c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

#endif
