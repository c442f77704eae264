/* Sentence segmentation: ICU's sentence rules (a fast path over UTF-8 that
 * gives ICU's breaks, or ICU's iterator), then repairs for Russian and
 * Bulgarian: abbreviations and initials, sentence ends ICU misses, and
 * headlines or lines without final punctuation run into the next sentence. */
#include "text/text-int.h"

#include <stdlib.h>
#include <pthread.h>
#include <string.h>

#include <hunspell/hunspell.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "base/cyrillic.h"

void sv_spans_release(struct sv_spans *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

/* The word lists (src/text/data/NAME.txt, compiled by gen-wordlists) give each
 * key its word classes, WC_ flags: */
enum word_class {
	WC_NOBREAK_ABBR = 1, /* an abbreviation no sentence ends after */
	WC_YEAR_ABBR = 2,    /* г., гг.: a year after a number (may end a sentence) */
	WC_NUM_ABBR = 4,     /* a number often follows it: стр. 5 */
	WC_CLITIC = 8,       /* never opens a sentence */
	WC_UNIT_ABBR = 16,   /* a unit after a number (may end a sentence) */
	WC_NONFINAL = 32,    /* << lang: 64 Russian, 128 Bulgarian; no sentence ends on it */
	WC_TIME = 256,       /* << lang: 512, 1024 */
	WC_FINAL = 2048,     /* << lang: 4096, 8192; a function word that may end one */
	WC_NAMER = 16384,    /* << lang: 32768, 65536; a name may follow in apposition */
};

#define WC_CAP 1024
static struct {
	const char *w;
	size_t len;
	int flags;
} word_classes[WC_CAP];
static pthread_once_t wc_once = PTHREAD_ONCE_INIT;

static void wc_fill(const char *const *list, int flag)
{
	for (; *list; list++) {
		size_t len = strlen(*list);
		uint32_t h = sv_hash(*list, len) & (WC_CAP - 1);
		while (word_classes[h].w && strcmp(word_classes[h].w, *list))
			h = (h + 1) & (WC_CAP - 1);
		word_classes[h].w = *list;
		word_classes[h].len = len;
		word_classes[h].flags |= flag;
	}
}

static void wc_init(void)
{
	wc_fill(tx_words_no_break_abbr, WC_NOBREAK_ABBR);
	wc_fill(tx_words_year_abbr, WC_YEAR_ABBR);
	wc_fill(tx_words_unit_abbr, WC_UNIT_ABBR);
	wc_fill(tx_words_num_abbr, WC_NUM_ABBR);
	wc_fill(tx_words_clitics, WC_CLITIC);
	wc_fill(tx_words_ru_nonfinal, WC_NONFINAL << SV_LANG_RU);
	wc_fill(tx_words_bg_nonfinal, WC_NONFINAL << SV_LANG_BG);
	wc_fill(tx_words_ru_final, WC_FINAL << SV_LANG_RU);
	wc_fill(tx_words_bg_final, WC_FINAL << SV_LANG_BG);
	wc_fill(tx_words_possessives, (WC_NONFINAL << SV_LANG_RU) | (WC_NONFINAL << SV_LANG_BG));
	wc_fill(tx_words_ru_namers, WC_NAMER << SV_LANG_RU);
	wc_fill(tx_words_bg_namers, WC_NAMER << SV_LANG_BG);
	wc_fill(tx_words_ru_interrog, WC_NONFINAL << SV_LANG_RU);
	wc_fill(tx_words_bg_interrog, WC_NONFINAL << SV_LANG_BG);
	wc_fill(tx_words_ru_time, WC_TIME << SV_LANG_RU);
	wc_fill(tx_words_bg_time, WC_TIME << SV_LANG_BG);
}

/* The word classes (WC_ flags) of the key s[0..n). */
static int word_class(const char *s, size_t n)
{
	pthread_once(&wc_once, wc_init);
	if (n > 24)
		return 0;
	uint32_t h = sv_hash(s, n) & (WC_CAP - 1);
	while (word_classes[h].w) {
		if (word_classes[h].len == n && !memcmp(word_classes[h].w, s, n))
			return word_classes[h].flags;
		h = (h + 1) & (WC_CAP - 1);
	}
	return 0;
}

static int is_close(uint32_t cp)
{
	return cp == 0xBB || cp == 0x201C || cp == 0x201D || cp == '"' || cp == ')' || cp == '\'' ||
	       cp == 0x2019;
}

/* Opening quotes and brackets: « „ ( [ */
static int is_open(uint32_t cp)
{
	return cp == 0xAB || cp == 0x201E || cp == '(' || cp == '[';
}

static inline int is_digit(uint32_t cp)
{
	return cp - '0' < 10u;
}

static inline int is_word_cp(uint32_t cp)
{
	return tx_is_letter(cp) || cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0x301 ||
	       cp == 0x300 || cp == 0xAD || cp == '\'' || cp == 0x2019 || cp == 0x2018;
}

/* Puts the key of s[0..n) in out (replacing it), as sv_text_key() does:
 * directly for Russian and Bulgarian letters and ASCII, which need no
 * normalisation, through sv_text_key() for anything else. */
static void word_key(const unsigned char *s, size_t n, struct sv_buf *out)
{
	sv_buf_reset(out);
	sv_buf_grow(out, n + 1);
	char *d = out->data;
	for (size_t i = 0; i < n; i++) {
		unsigned c = s[i];
		if (c < 0x80 && c != '`') {
			d[i] = (char)(c - 'A' < 26u ? c + 32 : c);
			continue;
		}
		if (i + 1 >= n || (c != 0xD0 && c != 0xD1) || (s[i + 1] & 0xC0) != 0x80)
			goto slow;
		unsigned c2 = s[i + 1];
		if (c == 0xD0 && c2 >= 0x90 && c2 < 0xA0) /* А..П */
			d[i] = (char)0xD0, d[i + 1] = (char)(c2 + 0x20);
		else if (c == 0xD0 && c2 >= 0xA0 && c2 < 0xB0) /* Р..Я */
			d[i] = (char)0xD1, d[i + 1] = (char)(c2 - 0x20);
		else if ((c == 0xD0 && c2 == 0x81) || (c == 0xD1 && c2 == 0x91)) /* Ё ё */
			d[i] = (char)0xD0, d[i + 1] = (char)0xB5;
		else if ((c == 0xD0 && c2 >= 0xB0) || (c == 0xD1 && c2 < 0x90))
			d[i] = (char)c, d[i + 1] = (char)c2;
		else
			goto slow;
		i++;
	}
	d[n] = '\0';
	out->len = n;
	return;
slow:
	sv_buf_reset(out);
	sv_text_key((const char *)s, n, out);
}

/* Whether key is a function word that can open a sentence (В, По, Для,
 * Это, Однако; not the clitics ли, же, бы, се, го, му ...). */
static int starter(enum sv_lang lang, const char *key, size_t len)
{
	return sv_text_is_stopword(lang, key, len) && !(word_class(key, len) & WC_CLITIC);
}

/* Whether s[a..e) is single letters each followed by a period (U.S). */
static int dotted_letters(const unsigned char *s, size_t a, size_t e)
{
	size_t i = a, k = 0;
	while (i < e) {
		uint32_t cp;
		i += tx_cp_at(s, e, i, &cp);
		if (!tx_is_letter(cp))
			return 0;
		k++;
		if (i < e && s[i] != '.')
			return 0;
		i++;
	}
	return k >= 2;
}

/* Whether the word at s[k..n) is a capitalised function word that opens a
 * sentence (По, В, Это, През, Това; not an initial: В. Путин). */
static int opens_sentence(struct sv_text *t, enum sv_lang lang, const unsigned char *s, size_t n,
			  size_t k)
{
	uint32_t cp, c2 = 0;
	size_t e = k, len;
	if (k >= n || (lang != SV_LANG_RU && lang != SV_LANG_BG))
		return 0;
	tx_cp_at(s, n, k, &cp);
	if (!tx_is_upper(cp))
		return 0;
	while (e < n && (len = tx_cp_at(s, n, e, &c2)) && tx_is_letter(c2))
		e += len;
	if (e < n && (c2 == '.' || c2 == '-'))
		return 0;
	if (e - k > 2) { /* the second letter lower case: not ОДКБ, ПО */
		tx_cp_at(s, n, k + (cp < 0x80 ? 1 : 2), &c2);
		if (tx_is_upper(c2))
			return 0;
	}
	struct sv_buf *key = &t->scratch2;
	sv_buf_reset(key);
	sv_text_key((const char *)s + k, e - k, key);
	return starter(lang, key->data, key->len);
}

/* Whether the ICU break at b (0 < b < n) follows an abbreviation, an
 * initial or an ellipsis opening a quotation, and should be dropped. */
static int spurious_break(struct sv_text *t, enum sv_lang lang, const unsigned char *s, size_t n,
			  size_t b)
{
	size_t i = b, j;
	uint32_t cp;
	while ((cp = tx_cp_before(s, i, &j)) && tx_is_space_cp(cp))
		i = j;
	/* «...Огайо»: an ellipsis right after an opening quote or bracket */
	size_t q = i;
	uint32_t c = cp;
	while ((c == '.' || c == 0x2026) && (c = tx_cp_before(s, q, &j)))
		q = j;
	if (q < i && is_open(c) && i == b)
		return 1;
	if (cp != '.')
		return 0;
	size_t dot = i - 1;
	/* the word before the period, with inner periods and hyphens */
	size_t ws = dot;
	size_t letters = 0, upper = 0, digits = 0;
	while ((cp = tx_cp_before(s, ws, &j))) {
		if (tx_is_letter(cp)) {
			letters++;
			upper += tx_is_upper(cp);
		} else if (cp >= '0' && cp <= '9') {
			digits++;
		} else if (!(cp == '.' || cp == '-') || !ws || j == 0) {
			break;
		} else {
			/* an inner period or hyphen only between letters */
			uint32_t c2 = tx_cp_before(s, j, NULL);
			if (!tx_is_letter(c2))
				break;
		}
		ws = j;
	}
	if (!letters || digits)
		return 0;
	/* the next sentence's first character */
	uint32_t next = 0;
	size_t k = b;
	while (k < n) {
		size_t len = tx_cp_at(s, n, k, &next);
		if (!tx_is_space_cp(next))
			break;
		k += len;
	}
	int initial = letters == 1 && upper == 1; /* В. Путин */
	/* U.S., С.-Петербург: single letters with periods */
	int dotted = !initial && upper == letters && letters <= 4 && dotted_letters(s, ws, dot);
	struct sv_buf *key = &t->scratch2;
	sv_buf_reset(key);
	sv_text_key((const char *)s + ws, dot - ws, key);
	int flags = initial || dotted ? WC_NOBREAK_ABBR : word_class(key->data, key->len);
	if (!(flags & (WC_NOBREAK_ABBR | WC_YEAR_ABBR | WC_UNIT_ABBR)))
		return 0;
	/* a capitalised function word opens a sentence: "им. По ...", "U. От" */
	if (opens_sentence(t, lang, s, n, k))
		return 0;
	if (!(flags & (WC_YEAR_ABBR | WC_UNIT_ABBR)))
		return 1;
	/* г. after a number is a year and may end a sentence, else a city;
	 * likewise "10 см." */
	size_t p = ws;
	while ((cp = tx_cp_before(s, p, &j)) && tx_is_space_cp(cp))
		p = j;
	if (!(cp >= '0' && cp <= '9'))
		return (flags & WC_YEAR_ABBR) || (flags & WC_NOBREAK_ABBR);
	/* a year, then an initial: "в 2025 г. В. Путин" goes on */
	if (k < n && tx_is_upper(next)) {
		uint32_t c2 = 0;
		size_t l1 = tx_cp_at(s, n, k, &next);
		if (k + l1 < n)
			tx_cp_at(s, n, k + l1, &c2);
		if (c2 == '.')
			return 1;
	}
	return 0;
}

/* The word before the terminator ending at byte e (exclusive): its key in
 * t->scratch2; returns its letter count (0 when it has digits). */
static size_t word_before(struct sv_text *t, const unsigned char *s, size_t e)
{
	size_t ws = e, j, letters = 0;
	uint32_t cp;
	while ((cp = tx_cp_before(s, ws, &j))) {
		if (tx_is_letter(cp))
			letters++;
		else if (cp >= '0' && cp <= '9')
			return 0;
		else if (cp != '.' && cp != '-')
			break;
		ws = j;
	}
	sv_buf_reset(&t->scratch2);
	sv_text_key((const char *)s + ws, e - ws, &t->scratch2);
	return letters;
}

static void add_span(struct sv_spans *out, const unsigned char *s, size_t a, size_t b)
{
	uint32_t cp;
	size_t j;
	while (a < b) {
		size_t len = tx_cp_at(s, b, a, &cp);
		if (!tx_is_space_cp(cp))
			break;
		a += len;
	}
	while (b > a && (cp = tx_cp_before(s, b, &j)) && tx_is_space_cp(cp))
		b = j;
	if (b <= a)
		return;
	SV_GROW(out->v, out->cap, out->n + 1);
	out->v[out->n].start = (uint32_t)a;
	out->v[out->n].len = (uint32_t)(b - a);
	out->n++;
}

/* ---- Lines without final punctuation ---------------------------------
 * A headline or a summary line runs into the next sentence when lines are
 * joined: "... пеплом Мехико На этом месте ...". Between a word A that can
 * end a sentence and a capitalised word B, a sentence starts when B cannot
 * continue one: a function word that opens sentences (В, По, Это, Той,
 * През), or a common word (hunspell knows it in lower case only; in
 * Russian in the nominative) that no name continues. */

/* One token between spaces: an optional opening quote or bracket, a word
 * (letters, digits, inner hyphens and apostrophes), then punctuation. */
struct tok {
	size_t ts, te;       /* the token */
	size_t ws, we;       /* its word */
	uint32_t first;      /* the word's first code point, 0 if none */
	int tail;            /* after the word: 0 nothing, 1 closing quotes/brackets, 2 other */
	int lower_rest;      /* the letters after the first are lower case */
	int letters, digits; /* counts in the word */
	int upper;           /* upper-case letters in the word */
};

/* Reads the token starting at s[i] (not a space) within s[..b). */
static void tok_read(const unsigned char *s, size_t b, size_t i, struct tok *k)
{
	uint32_t cp = 0;
	size_t len;
	k->ts = i;
	k->first = 0;
	k->lower_rest = 1;
	k->letters = k->digits = k->upper = 0;
	while (i < b && (len = tx_cp_at(s, b, i, &cp)) && !tx_is_letter(cp) && !is_digit(cp) &&
	       !tx_is_space_cp(cp))
		i += len;
	k->ws = i;
	for (;;) {
		if (i + 1 < b && (s[i] & 0xFE) == 0xD0 && (s[i + 1] & 0xC0) == 0x80) {
			/* U+0400..U+047F, all letters: the common case */
			cp = (s[i] & 0x1Fu) << 6 | (s[i + 1] & 0x3Fu);
			len = 2;
		} else if (i >= b || !(len = tx_cp_at(s, b, i, &cp)) ||
			   !(is_word_cp(cp) || is_digit(cp))) {
			break;
		}
		if (tx_is_letter(cp)) {
			if (!k->letters && !k->digits)
				k->first = cp;
			else if (tx_is_upper(cp))
				k->lower_rest = 0;
			k->upper += tx_is_upper(cp);
			k->letters++;
		} else if (is_digit(cp)) {
			if (!k->letters && !k->digits)
				k->first = cp;
			k->digits++;
		}
		i += len;
	}
	k->we = i;
	k->tail = 0;
	while (i < b && (len = tx_cp_at(s, b, i, &cp)) && !tx_is_space_cp(cp)) {
		k->tail = is_close(cp) && k->tail < 2 ? 1 : 2;
		i += len;
	}
	k->te = i;
}

/* Bits of a capitalised word's analysis, memoised in t->segmemo. */
enum { CW_COMMON = 1, CW_NOMINATIVE = 2, CW_INVARIABLE = 4, CW_SET = 0x80 };

static int ends_with(const char *s, size_t n, const char *suf)
{
	size_t l = strlen(suf);
	return n >= l && !memcmp(s + n - l, suf, l);
}

static int ends_with_any(const char *s, size_t n, const char *const *sufs)
{
	for (; *sufs; sufs++)
		if (ends_with(s, n, *sufs))
			return 1;
	return 0;
}

static const char *const ru_verb_lemma[] = { "ть", "ться", "ти", "тись", "чь", "чься", NULL };
static const char *const ru_adj_nom[] = { "ая", "яя", "ое", "ее", "ые", "ие", NULL };
static const char *const ru_adj_lemma[] = { "ый", "ий", "ой", NULL };

/* The CW_ bits of the capitalised word w[0..len) in lang: CW_COMMON when
 * hunspell knows its lower-case form and none of its stems is a name;
 * CW_NOMINATIVE when it may be a nominative (Russian: the word is its own
 * stem, or an adjective's nominative; Bulgarian has no cases);
 * CW_INVARIABLE for a Russian verb form or adverb (Говоря, Согласно). */
static int cap_word(struct sv_text *t, enum sv_lang lang, const char *w, size_t len)
{
	struct sv_seg_memo *m = NULL;
	uint32_t h = sv_hash(w, len);
	if (len <= sizeof(m->key)) {
		m = &t->segmemo[lang - SV_LANG_RU][h & (SV_SEG_MEMO - 1)];
		if (m->hash == h && m->len == len && !memcmp(m->key, w, len))
			return m->flags;
	}
	int flags = CW_SET;
	Hunhandle *hh = tx_dict_handle(t, lang);
	char word[128], low[128];
	struct sv_buf *k = &t->scratch2;
	sv_buf_reset(k);
	sv_text_key(w, len, k);
	/* the dictionaries sverka ships with are UTF-8; others are not asked */
	if (hh && !t->dict[lang].conv && len < sizeof(word) && k->len < sizeof(low)) {
		memcpy(word, w, len);
		word[len] = '\0';
		memcpy(low, k->data, k->len + 1);
		size_t lowlen = k->len;
		if (Hunspell_spell(hh, low)) {
			char **list = NULL;
			int ns = Hunspell_stem(hh, &list, word);
			int common = 1, nom = lang == SV_LANG_BG, own = 0, verbs = 0, adverb = 0;
			int adj = lang == SV_LANG_RU && ends_with_any(low, lowlen, ru_adj_nom);
			for (int i = 0; i < ns; i++) {
				uint32_t cp;
				size_t sl = strlen(list[i]);
				tx_cp_at((const unsigned char *)list[i], sl, 0, &cp);
				if (tx_is_upper(cp))
					common = 0;
				sv_buf_reset(k);
				sv_text_key(list[i], sl, k);
				if (k->len == lowlen && !memcmp(k->data, low, lowlen))
					own = 1;
				else if (adj && ends_with_any(k->data, k->len, ru_adj_lemma))
					nom = 1;
				if (ends_with_any(k->data, k->len, ru_verb_lemma))
					verbs++;
				if (ends_with_any(k->data, k->len, ru_adj_lemma) &&
				    ends_with(low, lowlen, "о") && !ends_with(low, lowlen, "ого") &&
				    !ends_with(low, lowlen, "его"))
					adverb = 1; /* Согласно, Рядко */
			}
			if (list)
				Hunspell_free_list(hh, &list, ns);
			nom |= own;
			flags |= (common && ns > 0 ? CW_COMMON : 0) | (nom ? CW_NOMINATIVE : 0) |
				 ((ns > 0 && verbs == ns) || adverb ? CW_INVARIABLE : 0);
		}
	}
	if (m) {
		m->hash = h;
		m->len = (uint8_t)len;
		m->flags = (uint8_t)flags;
		memcpy(m->key, w, len);
	}
	return flags;
}

/* Whether cp is a Cyrillic vowel or й, ь, ъ (no consonant). */
static int is_vowel(uint32_t cp)
{
	return sv_cyr_is_nonconsonant(cp);
}

static const char *const ru_adj_forms[] = { "ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие",
	"ого", "его", "ому", "ему", "ым", "им", "ом", "ем", "ую", "юю", "ых", "их", "ыми", "ими",
	NULL };
/* Finite verbs, infinitives: the endings no noun form of a lemma in -ть
 * has (гостями, частью are nouns) */
static const char *const ru_verb_forms[] = { "л", "ла", "ло", "ли", "лся", "лась", "лось", "лись",
	"ет", "ит", "ут", "ют", "ат", "ят", "ется", "ится", "утся", "ются", "атся", "ятся", "ешь",
	"ишь", "ете", "ите", "ть", "ться", "ти", "тись", "чь", "чься", NULL };
static const char *const bg_adj_forms[] = { "ия", "ият", "ата", "ото", "ите", "на", "но", "ни",
	"ка", "ко", "ки", NULL };
static const char *const bg_adj_lemma[] = { "ски", "цки", "ен", "ов", "ев", NULL };

/* Whether the lemma l[0..ll) of the word k[0..n) makes the word one that
 * governs or modifies what follows: a verb (заявила Форд, създаде
 * Национална комисия), an adjective (центральные Скалистые горы, южна Юта)
 * or a time word (в субботу Национальный центр). */
static int governs(enum sv_lang lang, const char *l, size_t ll, const char *k, size_t n)
{
	if (word_class(l, ll) & ((WC_TIME | WC_NAMER) << lang))
		return 1;
	if (lang == SV_LANG_RU)
		return (ends_with_any(l, ll, ru_verb_lemma) &&
			ends_with_any(k, n, ru_verb_forms)) ||
		       (ends_with_any(l, ll, ru_adj_lemma) && ends_with_any(k, n, ru_adj_forms));
	if (ll == n && !memcmp(l, k, n))
		return 0;
	/* a verb's lemma is its first person: -ам, -ям, or -я after a consonant */
	uint32_t c = 0;
	if (ll >= 4 && ends_with(l, ll, "я"))
		c = tx_cp_before((const unsigned char *)l, ll - 2, NULL);
	if (ends_with(l, ll, "ам") || ends_with(l, ll, "ям") || (c && !is_vowel(c)))
		return 1;
	return ends_with_any(l, ll, bg_adj_lemma) && ends_with_any(k, n, bg_adj_forms);
}

/* Whether the word with key k[0..n) may end a sentence before a
 * capitalised common word: not when every lemma hunspell gives it
 * governs() what follows (гостями: гость is no verb). */
static int may_end(struct sv_text *t, enum sv_lang lang, const char *k, size_t n)
{
	const char *lem[8];
	int known = 0;
	if (word_class(k, n) & ((WC_TIME | WC_NAMER) << lang))
		return 0;
	size_t nl = sv_text_lemmas_ex(t, lang, k, n, lem, 8, &known);
	if (!known)
		return 1;
	for (size_t i = 0; i < nl && i < 8; i++)
		if (!governs(lang, lem[i], strlen(lem[i]), k, n))
			return 1;
	return 0;
}

/* Whether the word s[ws..we) also stands capitalised inside a sentence in
 * s[0..n) (after a lower-case word or a comma): a name there, so a name
 * here (ураган Роза ... приближаясь, Роза ...). */
static int named_elsewhere(const unsigned char *s, size_t n, size_t ws, size_t we)
{
	size_t len = we - ws;
	if (len < 2)
		return 0;
	/* the second byte of a Cyrillic capital (П: D0 9F) is rare in text */
	const unsigned char *p = s + 1, *end = s + n;
	while (p < end && (p = memchr(p, s[ws + 1], (size_t)(end - p)))) {
		size_t at = (size_t)(p++ - s) - 1;
		if (at + len > n || s[at] != s[ws] || memcmp(s + at, s + ws, len))
			continue;
		size_t j;
		uint32_t after = 0, before;
		if (at == ws)
			continue;
		if (at + len < n)
			tx_cp_at(s, n, at + len, &after);
		if (is_word_cp(after) || is_digit(after))
			continue;
		before = tx_cp_before(s, at, &j);
		if (!before || !tx_is_space_cp(before))
			continue;
		while ((before = tx_cp_before(s, j, &j)) && tx_is_space_cp(before))
			;
		if (before == ',' || (tx_is_letter(before) && !tx_is_upper(before)))
			return 1;
	}
	return 0;
}

/* The start of the token ending at e (after a space), not before from. */
static size_t tok_start(const unsigned char *s, size_t from, size_t e, int plain)
{
	size_t j;
	uint32_t cp;
	if (plain) {
		while (e > from && s[e - 1] != ' ')
			e--;
		return e;
	}
	while (e > from && (cp = tx_cp_before(s, e, &j)) && !tx_is_space_cp(cp))
		e = j;
	return e;
}

/* Skips spaces from i to b. */
static size_t skip_spaces(const unsigned char *s, size_t i, size_t b)
{
	uint32_t cp;
	size_t len;
	while (i < b && (len = tx_cp_at(s, b, i, &cp)) && tx_is_space_cp(cp))
		i += len;
	return i;
}

/* Whether an upper-case letter starts at s[i] (i < b). */
static inline int upper_at(const unsigned char *s, size_t b, size_t i)
{
	unsigned c = s[i];
	if (c < 0x80)
		return c - 'A' < 26u;
	if (c == 0xD0 && i + 1 < b) /* U+0400..U+043F */
		return s[i + 1] < 0xB0;
	if (c < 0xC3 || (c == 0xD1 && i + 1 < b && s[i + 1] < 0xA0))
		return 0; /* continuation bytes, Latin-1 symbols, р..я ѐ..џ */
	uint32_t cp;
	tx_cp_at(s, b, i, &cp);
	return tx_is_upper(cp);
}

/* One paragraph being segmented, with what the fast path's scan found in
 * it (see tx_breaks_init; NULL lists when ICU's iterator runs). */
struct seg {
	struct sv_text *t;
	enum sv_lang lang;
	const unsigned char *s;
	size_t n;
	struct sv_spans *out;
	const uint32_t *term, *cap; /* '.', '!', '?', U+2026; capitals after a space */
	size_t nterm, ncap, iterm, icap;
	int plain; /* no space but U+0020 */
};

/* Whether a sentence starts before the capitalised word B at s[i] (after
 * a space) in s[from..b): after a word A that can end one, with a token
 * before A (from on) and a word C after B. *te gets B's end. B opens a
 * sentence when it cannot continue one: a function word that opens
 * sentences (В, По, Это, През, Това), or a common word (hunspell knows it
 * in lower case only; in Russian a nominative) after a lower-case word or
 * an acronym and before a lower-case word. The cheap tests go first. */
static int headline_at(struct seg *g, size_t from, size_t i, size_t b, size_t *te)
{
	struct sv_text *t = g->t;
	enum sv_lang lang = g->lang;
	const unsigned char *s = g->s;
	struct tok ta, tb, tc;
	size_t ae = i, j, cs;
	uint32_t cp, c0 = 0;
	*te = i;
	while (ae > from && (cp = tx_cp_before(s, ae, &j)) && tx_is_space_cp(cp))
		ae = j;
	if (ae <= from)
		return 0;
	/* A ends in a letter or digit, maybe with closing quotes */
	for (j = ae; (cp = tx_cp_before(s, j, &j)) && is_close(cp) && j > from;)
		;
	if (!tx_is_letter(cp) && !is_digit(cp))
		return 0;
	size_t as = tok_start(s, from, ae, g->plain);
	if (skip_spaces(s, from, b) >= as)
		return 0;
	tok_read(s, b, i, &tb);
	*te = tb.te;
	/* B: letters, capitalised only at the start (not ОДКБ, McCain) */
	if (!tb.letters || tb.digits || (tb.letters > 1 && !tb.lower_rest) ||
	    (cs = skip_spaces(s, tb.te, b)) >= b)
		return 0;
	struct sv_buf *kb = &t->scratch, *ka = &t->scratch2;
	word_key(s + tb.ws, tb.we - tb.ws, kb);
	int opener = starter(lang, kb->data, kb->len);
	tx_cp_at(s, b, cs, &c0);
	/* a common word needs a lower-case word after it: a name may go on
	 * with a capitalised one (Латинской Америке, Объединенных Наций) */
	if (!opener &&
	    (tb.tail || tb.letters < 3 || !tx_is_letter(c0) || tx_is_upper(c0)))
		return 0;
	/* A ends in a letter or digit, maybe with closing quotes */
	tok_read(s, b, as, &ta);
	if (ta.we == ta.ws || ta.tail > 1)
		return 0;
	/* and a common word only after a lower-case word or an acronym (a
	 * first name goes on with a surname that is a common word: Рахим
	 * Стерлинг, Грегора Генри, Скот Пели) */
	int acronym = ta.letters >= 2 && !ta.digits && ta.upper == ta.letters;
	if (!opener && !acronym && !(tx_is_letter(ta.first) && !tx_is_upper(ta.first)))
		return 0;
	/* A can end a sentence: no preposition, conjunction, particle,
	 * auxiliary or possessive, but an object pronoun or adverb may */
	word_key(s + ta.ws, ta.we - ta.ws, ka);
	int af = word_class(ka->data, ka->len);
	if ((af & (WC_NONFINAL << lang)) ||
	    (sv_text_is_stopword(lang, ka->data, ka->len) && !(af & (WC_FINAL << lang))))
		return 0;
	if (opener) {
		tok_read(s, b, cs, &tc);
		if ((tb.letters <= 2 && tb.tail) || tc.we == tc.ws)
			return 0; /* a name: "Рэймонд Со, 19-летний" */
		if (tb.letters == 1) {
			/* a letter before a function word: "оценка А по китайски" */
			if (tc.ts != tc.ws)
				return 0;
			word_key(s + tc.ws, tc.we - tc.ws, kb);
			if (sv_text_is_stopword(lang, kb->data, kb->len))
				return 0;
		}
		return 1;
	}
	if (named_elsewhere(s, g->n, tb.ws, tb.we))
		return 0;
	/* the lemmatiser's memo (which the analyser fills anyway) before
	 * hunspell: A may end a sentence, B is a word hunspell knows; the
	 * lemmatiser uses t->scratch2, so the keys go on the stack */
	char key[128];
	int known = 0;
	const char *lem;
	if (!acronym && ka->len < sizeof(key)) {
		memcpy(key, ka->data, ka->len + 1);
		if (!may_end(t, lang, key, ka->len))
			return 0;
	}
	if (kb->len < sizeof(key)) {
		memcpy(key, kb->data, kb->len + 1);
		sv_text_lemmas_ex(t, lang, key, kb->len, &lem, 1, &known);
		if (!known)
			return 0;
	}
	int cw = cap_word(t, lang, (const char *)s + tb.ws, tb.we - tb.ws);
	return (cw & CW_COMMON) && (cw & (CW_NOMINATIVE | CW_INVARIABLE));
}

/* Adds s[a..b) as spans, split where a line without final punctuation runs
 * into the next sentence (headline_at). */
static void add_headlines(struct seg *g, size_t a, size_t b)
{
	const unsigned char *s = g->s;
	size_t from = a, te;
	if (g->lang != SV_LANG_RU && g->lang != SV_LANG_BG) {
		add_span(g->out, s, a, b);
		return;
	}
	if (g->cap) { /* the capitals the scan found */
		while (g->icap < g->ncap && g->cap[g->icap] <= a)
			g->icap++;
		for (; g->icap < g->ncap && g->cap[g->icap] < b; g->icap++) {
			size_t i = g->cap[g->icap];
			if (headline_at(g, from, i, b, &te)) {
				add_span(g->out, s, from, i);
				from = i;
			}
		}
		add_span(g->out, s, from, b);
		return;
	}
	for (size_t i = a + 1; i < b; i++) {
		if (g->plain) { /* only U+0020 separates words: look after each */
			const unsigned char *sp = memchr(s + i - 1, ' ', b - i);
			if (!sp || (i = (size_t)(sp - s) + 1) >= b)
				break;
		}
		if (!upper_at(s, b, i) || !tx_is_space_cp(tx_cp_before(s, i, NULL)))
			continue;
		if (headline_at(g, from, i, b, &te)) {
			add_span(g->out, s, from, i);
			from = i;
		}
		i = te;
	}
	add_span(g->out, s, from, b);
}

/* The next '.', '!', '?' or U+2026 (its first byte) in s[i..b), or b. */
static size_t next_term(struct seg *g, size_t i, size_t b)
{
	const unsigned char *s = g->s;
	if (g->term) {
		while (g->iterm < g->nterm && g->term[g->iterm] < i)
			g->iterm++;
		return g->iterm < g->nterm && g->term[g->iterm] < b ? g->term[g->iterm] : b;
	}
	for (; i < b; i++)
		if (s[i] == '.' || s[i] == '!' || s[i] == '?' ||
		    (s[i] == 0xE2 && i + 2 < b && s[i + 1] == 0x80 && s[i + 2] == 0xA6))
			return i;
	return b;
}

/* Adds s[a..b) as spans, split where a sentence ends and ICU does not see
 * it: before a number ("... договор. 70 процентов ...") and after an
 * ellipsis character before a capital ("Неизвестно… Докладчик"); then
 * add_headlines(). */
static void add_split(struct seg *g, size_t a, size_t b)
{
	const unsigned char *s = g->s;
	size_t from = a;
	for (size_t i = next_term(g, a, b); i < b; i = next_term(g, i + 1, b)) {
		/* U+2026 (E2 80 A6) is no terminator for ICU: after it, a capital
		 * or a number starts a sentence */
		int ellipsis = s[i] == 0xE2;
		size_t k = i + (ellipsis ? 3 : 1), len;
		uint32_t cp = 0;
		while (k < b && (len = tx_cp_at(s, b, k, &cp)) && is_close(cp))
			k += len;
		size_t sp = k;
		while (k < b && (len = tx_cp_at(s, b, k, &cp)) && tx_is_space_cp(cp))
			k += len;
		if (k == sp || k >= b)
			continue;
		tx_cp_at(s, b, k, &cp);
		if (ellipsis) {
			size_t q = k;
			uint32_t c2 = cp;
			if (is_open(tx_cp_before(s, i, NULL)))
				continue; /* «… */
			if (cp == 0xAB || cp == 0x201E || cp == '"') { /* « „ " */
				q += tx_cp_at(s, b, q, &c2);
				c2 = 0;
				if (q < b)
					tx_cp_at(s, b, q, &c2);
			}
			if (!tx_is_upper(c2) && !(c2 >= '1' && c2 <= '9'))
				continue;
		} else if (!(s[k] >= '1' && s[k] <= '9')) {
			continue;
		}
		if (s[i] == '.') {
			size_t e = i, j2;
			uint32_t q;
			while ((q = tx_cp_before(s, e, &j2)) && is_close(q))
				e = j2;
			size_t letters = word_before(g->t, s, e);
			const char *w = g->t->scratch2.data;
			size_t wl = g->t->scratch2.len;
			int wc = word_class(w, wl);
			if (letters < 2 || (wc & (WC_NOBREAK_ABBR | WC_YEAR_ABBR | WC_NUM_ABBR)))
				continue;
		}
		add_headlines(g, from, k);
		from = k;
	}
	add_headlines(g, from, b);
}

int sv_text_segment(struct sv_text *t, const char *para, size_t n, enum sv_lang lang,
		    struct sv_spans *out, struct sv_error *err)
{
	int rc = SV_OK;
	const unsigned char *s = (const unsigned char *)para;
	struct tx_sent_scan sc;
	struct tx_breaks br;
	out->n = 0;
	if (n > UINT32_MAX) {
		rc = sv_error_set(err, SV_EINPUT, "paragraph too long (%zu bytes)", n);
		goto out;
	}
	if ((rc = tx_breaks_init(t, lang, s, n, &sc, &br, err)))
		goto out;
	struct seg g = { .t = t, .lang = lang, .s = s, .n = n, .out = out, .plain = 0 };
	if (!br.bi) {
		g.plain = sc.plain;
		if (!sc.more_term)
			g.term = sc.term, g.nterm = sc.nterm;
		if (!sc.more_cap)
			g.cap = sc.cap, g.ncap = sc.ncap;
	}
	size_t start = 0;
	for (size_t pos = tx_breaks_next(&br); pos != SIZE_MAX; pos = tx_breaks_next(&br)) {
		if (t->seg_flags & SV_SEG_RAW) {
			add_span(out, s, start, pos);
		} else {
			if (pos < n && spurious_break(t, lang, s, n, pos))
				continue;
			add_split(&g, start, pos);
		}
		start = pos;
	}
out:
	return rc;
}
