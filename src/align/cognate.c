/* Russian-Bulgarian cognates: a rewrite of both languages into one skeleton
 * alphabet (ы:и, э:е, ё:е, о/у/ъ, ч/щ, ж/жд, я/е, no soft sign, no double
 * consonants, Russian pleophony оро/оло/ере), language-specific ending
 * stripping (Bulgarian articles included), and a weighted edit distance. */
#include "align/align-int.h"

#include <stdlib.h>
#include <string.h>

#include "base/cyrillic.h"
#include "base/utf8.h"

enum {
	A_ = 0x430, B_, V_, G_, D_, E_, ZH, Z_, I_, J_, K_, L_, M_, N_, O_, P_, R_, S_, T_, U_, F_, H_,
	C_, CH, SH, SHCH, HARD, Y_, SOFT, EE, YU, YA, YO = 0x451
};

static size_t to_cps(const char *s, size_t n, uint32_t *cp, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k < max;) {
		uint32_t c;
		size_t l = sv_utf8_decode((const unsigned char *)s + i, n - i, &c);
		if (!l) {
			i++;
			continue;
		}
		i += l;
		if (c >= 0x410 && c <= 0x42F)
			c += 0x20;
		else if (c == 0x401)
			c = YO;
		else if (c < 0x80 && c >= 'A' && c <= 'Z')
			c += 32;
		if (c == YO)
			c = E_;
		cp[k++] = c;
	}
	return k;
}

static int is_cyr_vowel(uint32_t c)
{
	return sv_cyr_is_cognate_vowel(c);
}

static int is_cyr_cons(uint32_t c)
{
	return c >= A_ && c <= YA && !is_cyr_vowel(c) && c != SOFT && c != J_;
}

/* Endings, longest first within each list; stripped once, keeping a stem of
 * at least 3 letters (4 for endings of one letter after a short stem). */
static const char *const ru_endings[] = {
	"ированиями", "ированием", "ирование", "ировать", "ованиями", "ованием", "ование", "ования",
	"ениями", "ением", "ение", "ения", "ении", "ений", "ениям", "ениях",
	"ировал", "ировала", "ировали", "ировано", "ируется", "ируют", "ирует",
	"иями", "ями", "ами", "ией", "иям", "иях",
	"ейшего", "ейшей", "ейший", "ейшая",
	"ого", "его", "ому", "ему", "ыми", "ими", "ыми", "ыми",
	"овать", "евать", "уется", "уются", "ется", "ются", "ится", "атся", "ятся", "ться", "тся",
	"ала", "али", "ало", "ила", "или", "ило", "ела", "ели",
	"ать", "ять", "ить", "еть", "уть", "ешь", "ишь", "ете", "ите", "ует", "уют",
	"ия", "ие", "ию", "ии", "ий", "ый", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ую", "юю",
	"ых", "их", "ом", "ем", "ам", "ям", "ах", "ях", "ов", "ев", "ей", "ью",
	"ет", "ит", "ут", "ют", "ат", "ят", "ал", "ил", "ел", "ся", "сь",
	"а", "я", "о", "е", "и", "ы", "у", "ю", "ь", "й",
	NULL,
};

/* Bulgarian: the input is a lemma (or an unknown word the text pipeline
 * already stripped of its article), so only the endings of base forms. */
static const char *const bg_endings[] = {
	"ирам", "ирах", "ира", "ират", "ирал", "ирала", "ирали",
	"ване", "ение", "ения", "ане", "ания", "ия",
	"ове", "еве", "ища",
	"ски", "ска", "ско",
	"ал", "ял", "ел", "ил", "ла", "ло", "ли",
	"ам", "ям", "ем", "им", "ат", "ят", "ах", "ях", "еш", "иш", "ен", "ва",
	"на", "но", "ни",
	"а", "я", "о", "е", "и", "у", "ю", "й",
	NULL,
};

static int strip_ending(uint32_t *cp, size_t *n, const char *const *list)
{
	uint32_t e[16];
	size_t best = 0;
	for (size_t k = 0; list[k]; k++) {
		size_t en = to_cps(list[k], strlen(list[k]), e, 16);
		if (en >= *n || en <= best)
			continue;
		size_t stem = *n - en;
		if (stem < 3 || (stem < 4 && en >= 3))
			continue;
		if (!memcmp(cp + stem, e, en * sizeof(*e)))
			best = en;
	}
	*n -= best;
	return best > 0;
}

/* Russian pleophony: C-оро-C -> C-ра-C, C-оло-C -> C-ла-C, C-ере-C -> C-ре-C
 * (город/град, голос/глас, переговоры/преговори). Returns 1 when rewritten. */
static int pleophony(uint32_t *cp, size_t *n)
{
	int done = 0;
	for (size_t i = 1; i + 3 < *n; i++) {
		uint32_t a = cp[i], b = cp[i + 1], c = cp[i + 2];
		if (!is_cyr_cons(cp[i - 1]) || !is_cyr_cons(cp[i + 3]))
			continue;
		uint32_t v;
		if (a == O_ && c == O_ && (b == R_ || b == L_))
			v = A_;
		else if (a == E_ && c == E_ && (b == R_ || b == L_))
			v = E_;
		else
			continue;
		cp[i] = b;
		cp[i + 1] = v;
		memmove(cp + i + 2, cp + i + 3, (*n - i - 3) * sizeof(*cp));
		(*n)--;
		done = 1;
	}
	return done;
}

/* Maps into the skeleton alphabet in place; returns the new length. */
static size_t skeleton(uint32_t *cp, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = cp[i];
		switch (c) {
		/* two vowel classes: front (е и я э ы й) and back (а о у ъ ю);
		 * Russian and Bulgarian differ mostly within a class
		 * (сотрудничество/сътрудничество, Трамп/Тръмп, место/място) */
		case EE: case YA: case Y_: case J_: case I_: c = E_; break;
		case U_: case HARD: case A_: case YU: c = O_; break;
		case SHCH: c = CH; break;
		case SOFT: continue;
		default: break;
		}
		if (c == D_ && k && cp[k - 1] == ZH)
			continue; /* жд -> ж */
		if (k && cp[k - 1] == c && !is_cyr_vowel(c))
			continue; /* double consonants */
		cp[k++] = c;
	}
	return k;
}

static void put_cps(const uint32_t *cp, size_t n, struct sv_buf *out)
{
	for (size_t i = 0; i < n; i++)
		sv_buf_add_cp(out, cp[i]);
}

#define KEY_LEN 5

size_t al_stem(enum sv_lang lang, const char *word, size_t len, uint32_t *cp, size_t max,
		      int pleo, int *pleo_done)
{
	size_t n = to_cps(word, len, cp, max);
	int cyr = n && cp[0] >= A_ && cp[0] <= YO;
	if (pleo_done)
		*pleo_done = 0;
	if (!cyr)
		return n;
	if (n <= 2)
		return n; /* short function words stay as they are */
	strip_ending(cp, &n, lang == SV_LANG_BG ? bg_endings : ru_endings);
	if (lang == SV_LANG_RU && pleo) {
		int d = pleophony(cp, &n);
		if (pleo_done)
			*pleo_done = d;
	}
	return skeleton(cp, n);
}

void al_key(enum sv_lang lang, const char *word, size_t len, int pleo, struct sv_buf *out,
		   int *pleo_done)
{
	uint32_t cp[64];
	sv_buf_reset(out);
	if (len && word[0] >= '0' && word[0] <= '9') {
		/* an ordinal's ending is spelt differently in each language
		 * (65-й, 65-та): the number alone */
		for (size_t i = 1; i + 1 < len; i++)
			if (word[i] == '-' && !(word[i + 1] >= '0' && word[i + 1] <= '9')) {
				len = i;
				break;
			}
		sv_buf_addc(out, '#');
		sv_buf_add(out, word, len);
		if (pleo_done)
			*pleo_done = 0;
		return;
	}
	size_t n = al_stem(lang, word, len, cp, 64, pleo, pleo_done);
	int cyr = n && cp[0] >= A_ && cp[0] <= YO;
	if (n > (cyr ? KEY_LEN : KEY_LEN + 2))
		n = cyr ? KEY_LEN : KEY_LEN + 2;
	put_cps(cp, n, out);
}

void sv_align_cognate_key(enum sv_lang lang, const char *word, struct sv_buf *out)
{
	al_key(lang, word, strlen(word), 1, out, NULL);
}

/* Substitution cost in the skeleton alphabet: vowels among themselves are
 * cheap, voiced/voiceless pairs and к/ц/ч cheaper than arbitrary letters. */
static double sub_cost(uint32_t a, uint32_t b)
{
	if (a == b)
		return 0;
	int va = is_cyr_vowel(a), vb = is_cyr_vowel(b);
	if (va && vb)
		return 0.4;
	static const uint32_t pairs[][2] = {
		{ B_, P_ }, { V_, F_ }, { G_, K_ }, { D_, T_ }, { ZH, SH }, { Z_, S_ },
		{ K_, CH }, { C_, CH }, { G_, ZH }, { H_, G_ }, { I_, J_ },
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if ((pairs[i][0] == a && pairs[i][1] == b) || (pairs[i][0] == b && pairs[i][1] == a))
			return 0.6;
	return 1.0;
}

/* Weighted edit distance similarity of two skeletons, 0..1. */
static double skel_sim(const uint32_t *x, size_t n, const uint32_t *y, size_t m)
{
	if (!n || !m || n > 63 || m > 63)
		return 0;
	double row[64], prev[64];
	for (size_t j = 0; j <= m; j++)
		prev[j] = (double)j;
	for (size_t i = 1; i <= n; i++) {
		row[0] = (double)i;
		for (size_t j = 1; j <= m; j++) {
			double ins = is_cyr_vowel(y[j - 1]) ? 0.7 : 1.0;
			double del = is_cyr_vowel(x[i - 1]) ? 0.7 : 1.0;
			double d = prev[j - 1] + sub_cost(x[i - 1], y[j - 1]);
			if (prev[j] + del < d)
				d = prev[j] + del;
			if (row[j - 1] + ins < d)
				d = row[j - 1] + ins;
			row[j] = d;
		}
		memcpy(prev, row, (m + 1) * sizeof(*row));
	}
	double len = (double)(n > m ? n : m);
	double s = 1.0 - prev[m] / len;
	return s < 0 ? 0 : s;
}

double sv_align_cognate(const char *ru, const char *bg)
{
	uint32_t x[64], y[64];
	size_t n = al_stem(SV_LANG_RU, ru, strlen(ru), x, 64, 1, NULL);
	size_t m = al_stem(SV_LANG_BG, bg, strlen(bg), y, 64, 0, NULL);
	return skel_sim(x, n, y, m);
}

size_t al_full_skeleton(enum sv_lang lang, const char *w, size_t n, uint32_t *cp, size_t max)
{
	return al_stem(lang, w, n, cp, max, lang == SV_LANG_RU, NULL);
}

/* ---- Linking cognates the keys missed -------------------------------- */

#define COG_MIN_LEN 5
#define COG_MIN_SIM 0.85

struct cogc {
	uint32_t bucket; /* first two code points, hashed */
	uint32_t key;
	uint8_t bg;
};

static int cmp_cogc(const void *p, const void *q)
{
	const struct cogc *a = p, *b = q;
	if (a->bucket != b->bucket)
		return a->bucket < b->bucket ? -1 : 1;
	return a->bg - b->bg;
}

static size_t full_cps(const struct sv_align *a, uint32_t k, uint32_t *cp, size_t max)
{
	if (!a->full[k])
		return 0;
	const char *s = a->fullbuf.data + a->full[k] - 1;
	size_t n = 0, len = strlen(s);
	for (size_t i = 0; i < len && n < max;) {
		uint32_t c;
		size_t l = sv_utf8_decode((const unsigned char *)s + i, len - i, &c);
		if (!l)
			break;
		cp[n++] = c;
		i += l;
	}
	return n;
}

void al_cognate_link(struct sv_align *a)
{
	size_t nk = a->keys.n;
	uint8_t *rm = sv_calloc(nk, 1);
	for (size_t k = 1; k < nk; k++)
		rm[al_find(a, (uint32_t)k)] |= a->flags[k] & (KF_RU | KF_BG);
	struct cogc *v = NULL;
	size_t n = 0, cap = 0;
	uint32_t cp[64];
	for (size_t k = 1; k < nk; k++) {
		uint8_t m = rm[al_find(a, (uint32_t)k)];
		if ((m != KF_RU && m != KF_BG) || (a->flags[k] & (KF_NUM | KF_STOP)))
			continue;
		if (!(a->flags[k] & m))
			continue; /* a lexicon-only key of the other language */
		size_t l = full_cps(a, (uint32_t)k, cp, 64);
		if (l < COG_MIN_LEN)
			continue;
		SV_GROW(v, cap, n + 1);
		v[n].bucket = cp[0] * 4099u + cp[1];
		v[n].key = (uint32_t)k;
		v[n].bg = m == KF_BG;
		n++;
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_cogc);
	/* best partner of each candidate within its bucket */
	uint32_t *best = sv_calloc(n, sizeof(*best));
	double *bs = sv_calloc(n, sizeof(*bs));
	uint32_t x[64], y[64];
	for (size_t b0 = 0; b0 < n;) {
		size_t b1 = b0;
		while (b1 < n && v[b1].bucket == v[b0].bucket)
			b1++;
		size_t mid = b0;
		while (mid < b1 && !v[mid].bg)
			mid++;
		for (size_t i = b0; i < mid; i++) {
			size_t xn = full_cps(a, v[i].key, x, 64);
			for (size_t j = mid; j < b1; j++) {
				size_t yn = full_cps(a, v[j].key, y, 64);
				size_t d = xn > yn ? xn - yn : yn - xn;
				if (d > 2)
					continue;
				double s = skel_sim(x, xn, y, yn);
				if (s > bs[i]) {
					bs[i] = s;
					best[i] = (uint32_t)j;
				}
				if (s > bs[j]) {
					bs[j] = s;
					best[j] = (uint32_t)i;
				}
			}
		}
		b0 = b1;
	}
	for (size_t i = 0; i < n; i++) {
		if (v[i].bg || bs[i] < COG_MIN_SIM)
			continue;
		size_t j = best[i];
		if (best[j] != i)
			continue;
		al_union(a, v[i].key, v[j].key, 6);
	}
	free(best);
	free(bs);
	free(v);
	free(rm);
}
