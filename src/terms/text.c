/* Small Cyrillic helpers for terms: case, endings, word classes and gender
 * guessed from lemma endings, adjective agreement and transliteration
 * between Russian and Bulgarian spelling (for names seen in one language). */
#include "terms/terms-int.h"

#include <string.h>

#include "align/align.h"
#include "base/cyrillic.h"
#include "base/utf8.h"

const char *tm_kind_name(int kind)
{
	return kind == TM_ACRONYM ? "acronym" : kind == TM_NAME ? "name" : "phrase";
}

int tm_ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !memcmp(s + n - m, suffix, m);
}

int tm_is_upper_first(const char *s)
{
	uint32_t c;
	if (!*s || !sv_utf8_decode((const unsigned char *)s, strlen(s), &c))
		return 0;
	return sv_cyr_lower(c) != c;
}

enum letter_case {
	CASE_FIRST_UP, /* the first letter in upper case, the others as they are */
	CASE_ALL_UP,   /* every letter in upper case */
	CASE_LOWER,    /* every letter in lower case, ё as е */
};

/* Appends s[0..n) to out with its letters cased as `how` says; a byte that
 * is not UTF-8 is copied as it is. */
static void add_cased(struct sv_buf *out, const char *s, size_t n, enum letter_case how)
{
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t l = sv_utf8_decode((const unsigned char *)s + i, n - i, &c);
		if (!l) {
			sv_buf_addc(out, s[i++]);
			continue;
		}
		if (how == CASE_LOWER)
			c = sv_cyr_fold(c);
		else if (i == 0 || how == CASE_ALL_UP)
			c = sv_cyr_upper(c);
		sv_buf_add_cp(out, c);
		i += l;
	}
}

void tm_add_capitalised(struct sv_buf *out, const char *s, size_t n)
{
	add_cased(out, s, n, CASE_FIRST_UP);
}

void tm_add_upper(struct sv_buf *out, const char *s, size_t n)
{
	add_cased(out, s, n, CASE_ALL_UP);
}

void tm_lower(const char *s, size_t n, struct sv_buf *out)
{
	sv_buf_reset(out);
	add_cased(out, s, n, CASE_LOWER);
}

uint32_t tm_first_letter(const char *s)
{
	uint32_t c = 0;
	if (*s && sv_utf8_decode((const unsigned char *)s, strlen(s), &c))
		c = sv_cyr_fold(c);
	return c;
}

static const char *const ru_adj_end[] = { "ый", "ий", "ой", NULL };

static int ends_any(const char *s, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (tm_ends(s, list[i]))
			return 1;
	return 0;
}

int tm_lemma_class(enum sv_lang lang, const char *lemma)
{
	size_t n = sv_utf8_length(lemma, strlen(lemma));
	if (lang == SV_LANG_RU) {
		if (n > 3 && (tm_ends(lemma, "ться") || tm_ends(lemma, "тись") || tm_ends(lemma, "чься")))
			return TM_VERB;
		if (n > 3 && tm_ends(lemma, "ть") && !tm_ends(lemma, "сть") && !tm_ends(lemma, "уть"))
			return TM_VERB;
		if (n > 4 && (tm_ends(lemma, "нуть") || tm_ends(lemma, "сти") || tm_ends(lemma, "зти")))
			return TM_VERB;
		if (n > 3 && ends_any(lemma, ru_adj_end))
			return TM_ADJ;
		return TM_NOUN;
	}
	if (n >= 6 && (tm_ends(lemma, "ски") || tm_ends(lemma, "цки") || tm_ends(lemma, "шки") ||
		       tm_ends(lemma, "ска") || tm_ends(lemma, "ско")))
		return TM_ADJ;
	if (n >= 6 && tm_ends(lemma, "ен") && !tm_ends(lemma, "феномен"))
		return TM_ADJ;
	/* Bulgarian verbs: hunspell gives the first person singular. */
	if (n > 4 && (tm_ends(lemma, "вам") || tm_ends(lemma, "ирам") || tm_ends(lemma, "увам") ||
		      tm_ends(lemma, "оя") || tm_ends(lemma, "ея")))
		return TM_VERB;
	return TM_NOUN;
}

char tm_ru_gender(const char *l)
{
	if (tm_ends(l, "мя"))
		return 'n';
	if (tm_ends(l, "а") || tm_ends(l, "я"))
		return 'f';
	if (tm_ends(l, "о") || tm_ends(l, "е") || tm_ends(l, "ё"))
		return 'n';
	if (tm_ends(l, "ость") || tm_ends(l, "есть") || tm_ends(l, "знь") || tm_ends(l, "сть") ||
	    tm_ends(l, "жь") || tm_ends(l, "шь") || tm_ends(l, "чь") || tm_ends(l, "щь") ||
	    tm_ends(l, "ь") )
		return tm_ends(l, "тель") || tm_ends(l, "арь") || tm_ends(l, "ень") ? 'm' : 'f';
	return 'm';
}

char tm_bg_gender(const char *l)
{
	if (tm_ends(l, "а") || tm_ends(l, "я") || tm_ends(l, "ост") || tm_ends(l, "ест"))
		return 'f';
	if (tm_ends(l, "о") || tm_ends(l, "е"))
		return 'n';
	return 'm';
}

static int velar_or_sibilant(const char *stem, size_t n, int sibilant_only)
{
	static const char *const vel[] = { "г", "к", "х", NULL };
	static const char *const sib[] = { "ж", "ш", "ч", "щ", NULL };
	char tmp[8];
	if (n < 2)
		return 0;
	memcpy(tmp, stem + n - 2, 2);
	tmp[2] = 0;
	if (!sibilant_only)
		for (size_t i = 0; vel[i]; i++)
			if (!strcmp(tmp, vel[i]))
				return 1;
	for (size_t i = 0; sib[i]; i++)
		if (!strcmp(tmp, sib[i]))
			return 2;
	return 0;
}

void tm_ru_agree(const char *adj, char g, struct sv_buf *out)
{
	size_t n = strlen(adj);
	if (g == 'm' || n < 4 || !ends_any(adj, ru_adj_end)) {
		sv_buf_adds(out, adj);
		return;
	}
	size_t stem = n - strlen("ый"); /* every ending is two letters of two bytes */
	int soft = tm_ends(adj, "ий");
	int k = velar_or_sibilant(adj, stem, 0);
	sv_buf_add(out, adj, stem);
	if (g == 'f')
		sv_buf_adds(out, soft && !k ? "яя" : "ая");
	else
		sv_buf_adds(out, soft && (!k || k == 2) ? "ее" : "ое");
}

void tm_bg_agree(const char *adj, char g, struct sv_buf *out)
{
	size_t n = strlen(adj);
	if (g == 'm') {
		sv_buf_adds(out, adj);
		return;
	}
	const char *e = g == 'f' ? "а" : "о";
	if (tm_ends(adj, "и") && n > 4) { /* -ски -> -ска */
		sv_buf_add(out, adj, n - strlen("и"));
		sv_buf_adds(out, e);
	} else if (tm_ends(adj, "ен") && n > 6) { /* военен -> военна */
		sv_buf_add(out, adj, n - strlen("ен"));
		sv_buf_adds(out, "н");
		sv_buf_adds(out, e);
	} else {
		sv_buf_adds(out, adj);
		sv_buf_adds(out, e);
	}
}

/* Appends the Bulgarian spelling of the Russian letter c, prev being the
 * letter written before it (0 at the start): ы -> и, э -> е, ё -> ьо (йо at
 * the start of a word), ъ dropped, case kept. Returns the last letter
 * written, prev when none. */
static uint32_t ru_letter_to_bg(uint32_t c, uint32_t prev, struct sv_buf *out)
{
	uint32_t lc = sv_cyr_lower(c);
	int up = lc != c;
	if (lc == 0x44B) /* ы */
		c = up ? 0x418 : 0x438;
	else if (lc == 0x44D) /* э */
		c = up ? 0x415 : 0x435;
	else if (lc == 0x451) { /* ё: ь or й, then о */
		int inside = prev && prev != ' ' && prev != '-';
		sv_buf_add_cp(out, inside ? 0x44C : up ? 0x419 : 0x439);
		c = 0x43E;
	} else if (lc == 0x44A) /* ъ -> nothing */
		return prev;
	sv_buf_add_cp(out, c);
	return c;
}

/* Appends the Russian spelling of the Bulgarian letter c, followed in the
 * word by the n bytes at rest: ъ -> о, ьо -> ё, case kept. Returns how many
 * bytes of rest it spelt too (those of the о in ьо, else 0). */
static size_t bg_letter_to_ru(uint32_t c, const char *rest, size_t n, struct sv_buf *out)
{
	uint32_t lc = sv_cyr_lower(c);
	size_t used = 0;
	if (lc == 0x44A) /* ъ */
		c = c == lc ? 0x43E : 0x41E;
	else if (lc == 0x44C && n) { /* ьо -> ё */
		uint32_t d;
		size_t l = sv_utf8_decode((const unsigned char *)rest, n, &d);
		if (l && sv_cyr_lower(d) == 0x43E) {
			used = l;
			c = 0x451;
		}
	}
	sv_buf_add_cp(out, c);
	return used;
}

void tm_translit(enum sv_lang from, const char *w, int adj, struct sv_buf *out)
{
	size_t n = strlen(w);
	if (from == SV_LANG_RU) {
		/* Russian adjectives: -ский -> -ски, -ный -> -нен (kept simple). */
		if (adj && (tm_ends(w, "ский") || tm_ends(w, "цкий"))) {
			sv_buf_add(out, w, n - strlen("й"));
			return;
		}
		if (adj && tm_ends(w, "ный") && n > 8) { /* центральный -> централен */
			size_t k = n - strlen("ный");
			if (k >= 2 && !memcmp(w + k - 2, "ь", 2))
				k -= 2;
			sv_buf_add(out, w, k);
			sv_buf_adds(out, "ен");
			return;
		}
		if (adj && (tm_ends(w, "ый") || tm_ends(w, "ий") || tm_ends(w, "ой")) && n > 6) {
			sv_buf_add(out, w, n - strlen("ый"));
			sv_buf_adds(out, "и");
			return;
		}
	} else if (adj && (tm_ends(w, "ски") || tm_ends(w, "цки"))) {
		/* Bulgarian -> Russian: -ски -> -ский, ъ -> у/о is not guessable: о. */
		sv_buf_adds(out, w);
		sv_buf_adds(out, "й");
		return;
	}
	/* Letter by letter; a byte that is not UTF-8 is copied as it is. */
	uint32_t prev = 0;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t l = sv_utf8_decode((const unsigned char *)w + i, n - i, &c);
		if (!l) {
			sv_buf_addc(out, w[i++]);
			continue;
		}
		i += l;
		if (from == SV_LANG_RU)
			prev = ru_letter_to_bg(c, prev, out);
		else
			i += bg_letter_to_ru(c, w + i, n - i, out);
	}
}

static size_t skel(const char *w, uint32_t *out, size_t max)
{
	size_t n = strlen(w), k = 0;
	uint32_t c;
	for (size_t i = 0; k < max && sv_utf8_next(w, n, &i, &c);) {
		c = sv_cyr_lower(c);
		switch (c) {
		case 0x451: case 0x44D: c = 0x435; break; /* ё э -> е */
		case 0x44B: case 0x439: c = 0x438; break; /* ы й -> и */
		case 0x44A: c = 0x43E; break;             /* ъ -> о */
		case 0x44C: continue;                     /* ь */
		case 0x449:                               /* щ = шт (пушту/пущунски) */
			if (k + 2 > max)
				continue;
			out[k++] = 0x448;
			c = 0x442;
			break;
		default: break;
		}
		if (k && out[k - 1] == c && !sv_cyr_is_skeleton_vowel(c))
			continue;
		out[k++] = c;
	}
	return k;
}

double tm_cognate_full(const char *ru, const char *bg)
{
	uint32_t x[64], y[64];
	size_t n = skel(ru, x, 64), m = skel(bg, y, 64);
	if (!n || !m)
		return 0;
	double prev[65], row[65];
	for (size_t j = 0; j <= m; j++)
		prev[j] = (double)j;
	for (size_t i = 1; i <= n; i++) {
		row[0] = (double)i;
		for (size_t j = 1; j <= m; j++) {
			int vowels = sv_cyr_is_skeleton_vowel(x[i - 1]) &&
				     sv_cyr_is_skeleton_vowel(y[j - 1]);
			double sub = x[i - 1] == y[j - 1] ? 0 : vowels ? 0.5 : 1;
			double d = prev[j - 1] + sub;
			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (row[j - 1] + 1 < d)
				d = row[j - 1] + 1;
			row[j] = d;
		}
		memcpy(prev, row, (m + 1) * sizeof(double));
	}
	double s = 1.0 - prev[m] / (double)(n > m ? n : m);
	return s < 0 ? 0 : s;
}

static const char *const ru_strip[] = { "ский", "цкий", "ской", "ская", "ское", "ские", "ий",
					"ый", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ия", "ие",
					"ость", "ь", "а", "я", "о", "е", "ы", "и", "й", NULL };
static const char *const bg_strip[] = { "ски", "цки", "ска", "ско", "ия", "ие", "ост", "ен",
					"а", "я", "о", "е", "и", NULL };

static void strip_end(const char *w, const char *const *list, const char *const *keep,
		      char *out, size_t max)
{
	size_t n = strlen(w);
	for (size_t i = 0; list[i]; i++) {
		size_t l = strlen(list[i]);
		if (n > l + 4 && tm_ends(w, list[i])) {
			/* -ский/-ски and -ость/-ост keep their shared part */
			const char *k = keep ? keep[i] : "";
			size_t kl = strlen(k);
			if (n - l + kl >= max)
				break;
			memcpy(out, w, n - l);
			memcpy(out + n - l, k, kl);
			out[n - l + kl] = 0;
			return;
		}
	}
	if (n >= max)
		n = max - 1;
	memcpy(out, w, n);
	out[n] = 0;
}

double tm_cognate(const char *ru, const char *bg)
{
	static const char *const ru_keep[] = { "ск", "цк", "ск", "ск", "ск", "ск", "", "", "", "",
					       "", "", "", "", "", "и", "и", "ост", "", "", "", "",
					       "", "", "", "" };
	static const char *const bg_keep[] = { "ск", "цк", "ск", "ск", "и", "и", "ост", "", "", "",
					       "", "", "" };
	char x[160], y[160];
	double best = tm_cognate_full(ru, bg);
	strip_end(ru, ru_strip, ru_keep, x, sizeof(x));
	strip_end(bg, bg_strip, bg_keep, y, sizeof(y));
	double s = 0.98 * tm_cognate_full(x, y);
	if (s > best)
		best = s;
	uint32_t a[64], b[64];
	size_t na = skel(x, a, 64), nb = skel(y, b, 64);
	/* the align module's stems (pleophony, long endings), only where it can matter */
	size_t smn = na < nb ? na : nb, smx = na < nb ? nb : na;
	if (best < 0.85 && best >= 0.3 && na && nb && a[0] == b[0] && smn >= 5 &&
	    smn * 10 >= smx * 6) {
		s = 0.85 * sv_align_cognate(ru, bg);
		if (s > best)
			best = s;
	}
	/* one stem a prefix of the other (науру / науруански) */
	size_t lcp = 0;
	while (lcp < na && lcp < nb && a[lcp] == b[lcp])
		lcp++;
	size_t mn = na < nb ? na : nb, mx = na < nb ? nb : na;
	if (mn >= 4 && lcp == mn) {
		s = 0.8 + 0.15 * (double)mn / (double)mx;
		if (s > best)
			best = s;
	}
	/* roots: the adjective formant -ск- off too (корнский / корнуелски) */
	if (na > 2 && nb > 2 && a[na - 1] == 0x43A && a[na - 2] == 0x441 && b[nb - 1] == 0x43A &&
	    b[nb - 2] == 0x441) {
		size_t ra = na - 2, rb = nb - 2, rl = 0;
		while (rl < ra && rl < rb && a[rl] == b[rl])
			rl++;
		size_t rmn = ra < rb ? ra : rb, rmx = ra < rb ? rb : ra;
		if (rmn >= 4 && rl == rmn && rmx > rmn) {
			s = 0.8 + 0.15 * (double)rmn / (double)rmx;
			if (s > best)
				best = s;
		}
	}
	uint32_t c[64];
	size_t nc = skel(ru, c, 64);
	size_t l2 = 0;
	while (l2 < nc && l2 < nb && c[l2] == b[l2])
		l2++;
	if (nc >= 4 && l2 == nc && nc < nb) { /* каддо / кадоански */
		s = 0.8 + 0.15 * (double)nc / (double)nb;
		if (s > best)
			best = s;
	}
	/* the end of a compound (древнеегипетский / египетски) */
	if (mn >= 6 && mx > mn) {
		const uint32_t *lo = na > nb ? a : b, *sh = na > nb ? b : a;
		if (!memcmp(lo + (mx - mn), sh, mn * sizeof(*sh))) {
			s = 0.6 + 0.2 * (double)mn / (double)mx;
			if (s > best)
				best = s;
			return best; /* the first letters differ by construction */
		}
	}
	/* names and words rarely change their first consonant */
	if (na && nb && a[0] != b[0] &&
	    !(sv_cyr_is_skeleton_vowel(a[0]) && sv_cyr_is_skeleton_vowel(b[0])))
		best *= 0.85;
	return best;
}
