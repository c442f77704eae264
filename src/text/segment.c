/* Sentence segmentation: ICU's sentence BreakIterator, then repairs for
 * Russian and Bulgarian: abbreviations (г., т.е., проф., ул. ...), initials
 * (В. Путин) and sentence ends ICU misses (". 15 ноября ..." is left alone,
 * a sentence starting with a quote or dash is split). */
#include "text/text-int.h"

#include <stdlib.h>
#include <pthread.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>

void sv_spans_release(struct sv_spans *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

/* Abbreviations after which a sentence does not end (lower-case keys, no
 * final period). */
static const char *const no_break_abbr[] = {
	"т.е", "т.к", "т.ч", "т.нар", "т.о", "проф", "ул", "акад", "доц", "им", "св", "пос", "обл",
	"ген", "полк", "ген.-л", "тов", "гр", "бул", "пл", "ал", "чл", "стр", "рис", "см", "напр",
	"вкл", "ср", "г-н", "г-жа", "д-р", "инж", "арх", "гл", "о", "с", "пр", "просп", "пер",
	"наб", "ш", "д", "кв", "корп", "к", "тел", "факс", "рус", "бълг", "англ", "лат", "нем",
	"франц", "ок", "прибл", "около", "вх", "ет", "ап", "с.-пб", "зам", "пред", "деп",
	"sen", "mr", "mrs", "ms", "dr", "prof", "st", "vs", "e.g", "i.e", "no", "р", "ж", "м", "кн",
	"изд", "т", "гос", "нар", "сов", "междунар", "адм", "вице-адм", "контр-адм", "ст", "мл",
	"сер", "подполк", "лейт", "капт", "кап", "майор", "серж", "рядов", "х", "хх", "вв", "в",
	NULL,
};
/* г., гг.: after a number a year, which may end a sentence; else a city. */
static const char *const year_abbr[] = { "г", "гг", "год", NULL };

/* Clitics and particles: function words that never open a sentence. */
static const char *const clitics[] = { "ли", "же", "бы", "ль", "се", "си", "ме", "те", "го", "му",
	"ги", "ни", "ви", "им", "й", "ѝ", "ще", "е", "са", "ее", NULL };

/* Abbreviations a number often follows: "стр. 5", "млн. 300". */
static const char *const num_abbr[] = { "млн", "млрд", "трлн", "тыс", "хил", "руб", "лв", "долл",
	"коп", "ч", "мин", "сек", "км", "м", "см", "мм", "кг", "т", "л", "п", "пп", "табл", "ст",
	"вв", "рр", "no", "стр", NULL };

enum { AB_NOBREAK = 1, AB_YEAR = 2, AB_NUM = 4, AB_CLITIC = 8 };

#define AB_CAP 512
static struct {
	const char *w;
	size_t len;
	int flags;
} ab_tab[AB_CAP];
static pthread_once_t ab_once = PTHREAD_ONCE_INIT;

static void ab_fill(const char *const *list, int flag)
{
	for (; *list; list++) {
		size_t len = strlen(*list);
		uint32_t h = sv_hash(*list, len) & (AB_CAP - 1);
		while (ab_tab[h].w && strcmp(ab_tab[h].w, *list))
			h = (h + 1) & (AB_CAP - 1);
		ab_tab[h].w = *list;
		ab_tab[h].len = len;
		ab_tab[h].flags |= flag;
	}
}

static void ab_init(void)
{
	ab_fill(no_break_abbr, AB_NOBREAK);
	ab_fill(year_abbr, AB_YEAR);
	ab_fill(num_abbr, AB_NUM);
	ab_fill(clitics, AB_CLITIC);
}

/* The AB_ flags of the key s[0..n). */
static int abbr(const char *s, size_t n)
{
	pthread_once(&ab_once, ab_init);
	if (n > 24)
		return 0;
	uint32_t h = sv_hash(s, n) & (AB_CAP - 1);
	while (ab_tab[h].w) {
		if (ab_tab[h].len == n && !memcmp(ab_tab[h].w, s, n))
			return ab_tab[h].flags;
		h = (h + 1) & (AB_CAP - 1);
	}
	return 0;
}

/* The code point ending before byte i of s (start at *pos), or 0. */
static uint32_t cp_before(const unsigned char *s, size_t i, size_t *pos)
{
	if (!i)
		return 0;
	size_t j = i - 1;
	while (j > 0 && (s[j] & 0xC0) == 0x80)
		j--;
	uint32_t cp;
	sv_cp_at(s, i, j, &cp);
	if (pos)
		*pos = j;
	return cp;
}

static int is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x202F || cp == 0x2009 || cp == '\n' ||
	       cp == '\r';
}

/* Whether s[a..e) is single letters each followed by a period (U.S). */
static int dotted_letters(const unsigned char *s, size_t a, size_t e)
{
	size_t i = a, k = 0;
	while (i < e) {
		uint32_t cp;
		i += sv_cp_at(s, e, i, &cp);
		if (!sv_text_is_letter(cp))
			return 0;
		k++;
		if (i < e && s[i] != '.')
			return 0;
		i++;
	}
	return k >= 2;
}

/* Whether the ICU break at b (0 < b < n) follows an abbreviation or an
 * initial and should be dropped. */
static int spurious_break(struct sv_text *t, const unsigned char *s, size_t n, size_t b)
{
	size_t i = b, j;
	uint32_t cp;
	while ((cp = cp_before(s, i, &j)) && is_space_cp(cp))
		i = j;
	if (cp != '.')
		return 0;
	size_t dot = j;
	/* the word before the period, with inner periods and hyphens */
	size_t ws = dot;
	size_t letters = 0, upper = 0, digits = 0;
	while ((cp = cp_before(s, ws, &j))) {
		if (sv_text_is_letter(cp)) {
			letters++;
			upper += sv_text_is_upper(cp);
		} else if (cp >= '0' && cp <= '9') {
			digits++;
		} else if (!(cp == '.' || cp == '-') || !ws || j == 0) {
			break;
		} else {
			/* an inner period or hyphen only between letters */
			uint32_t c2 = cp_before(s, j, NULL);
			if (!sv_text_is_letter(c2))
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
		size_t len = sv_cp_at(s, n, k, &next);
		if (!is_space_cp(next))
			break;
		k += len;
	}
	if (letters == 1 && upper == 1)
		return 1; /* an initial: В. Путин */
	if (upper == letters && letters <= 4 && dotted_letters(s, ws, dot))
		return 1; /* U.S., С.-Петербург: single letters with periods */
	struct sv_buf *key = &t->scratch2;
	sv_buf_reset(key);
	sv_text_key((const char *)s + ws, dot - ws, key);
	int flags = abbr(key->data, key->len);
	if (flags & AB_NOBREAK)
		return 1;
	if (flags & AB_YEAR) {
		/* г. after a number is a year and may end a sentence; else a city */
		size_t p = ws;
		while ((cp = cp_before(s, p, &j)) && is_space_cp(cp))
			p = j;
		if (!(cp >= '0' && cp <= '9'))
			return 1;
		/* a year, then an initial: "в 2025 г. В. Путин" goes on */
		if (k < n && sv_text_is_upper(next)) {
			uint32_t c2 = 0;
			size_t l1 = sv_cp_at(s, n, k, &next);
			if (k + l1 < n)
				sv_cp_at(s, n, k + l1, &c2);
			if (c2 == '.')
				return 1;
		}
	}
	return 0;
}

/* The word before the terminator ending at byte e (exclusive): its key in
 * t->scratch2; returns its letter count (0 when it has digits). */
static size_t word_before(struct sv_text *t, const unsigned char *s, size_t e)
{
	size_t ws = e, j, letters = 0;
	uint32_t cp;
	while ((cp = cp_before(s, ws, &j))) {
		if (sv_text_is_letter(cp))
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

static int is_close(uint32_t cp)
{
	return cp == 0xBB || cp == 0x201C || cp == 0x201D || cp == '"' || cp == ')' || cp == '\'' ||
	       cp == 0x2019;
}

static void add_span(struct sv_spans *out, const unsigned char *s, size_t a, size_t b);

/* Whether key is a function word that can open a sentence (В, По, Для,
 * Это, Однако; not the clitics ли, же, бы, се, го, му ...). */
static int starter(enum sv_lang lang, const char *key, size_t len)
{
	return sv_text_is_stopword(lang, key, len) && !(abbr(key, len) & AB_CLITIC);
}

static inline int is_word_cp(uint32_t cp)
{
	return sv_text_is_letter(cp) || cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0x301 ||
	       cp == 0x300 || cp == 0xAD || cp == '\'' || cp == 0x2019 || cp == 0x2018;
}

/* Whether s[i..b) holds at least k more words. */
static int words_from(const unsigned char *s, size_t i, size_t b, size_t k)
{
	size_t found = 0;
	int in = 0;
	while (i < b && found < k) {
		uint32_t cp;
		i += sv_cp_at(s, b, i, &cp);
		int letter = sv_text_is_letter(cp);
		if (letter && !in)
			found++;
		in = letter || (in && is_word_cp(cp));
	}
	return found >= k;
}

/* Adds s[a..b) as spans, split where a line without final punctuation (a
 * headline) runs into the next sentence: after a lower-case word that is no
 * function word comes a capitalised function word that can open a sentence
 * (В субботу, По данным, Для ...), with three words or more before it and
 * two after. Capitalised nouns are left alone: inside a sentence they start
 * names (Организации Объединенных Наций, Совета). */
static void add_headlines(struct sv_text *t, enum sv_lang lang, struct sv_spans *out,
			  const unsigned char *s, size_t a, size_t b)
{
	if ((lang != SV_LANG_RU && lang != SV_LANG_BG) || !sv_text_dict_handle(t, lang)) {
		add_span(out, s, a, b);
		return;
	}
	size_t from = a, before = 0;
	size_t pws = 0, pwe = 0; /* the previous word */
	int prev_ok = 0;         /* it ends in a lower-case letter (maybe a closing quote) */
	for (size_t i = a; i < b;) {
		uint32_t cp, c2 = 0;
		size_t len = sv_cp_at(s, b, i, &cp);
		if (is_space_cp(cp)) {
			i += len;
			continue;
		}
		if (is_close(cp) && prev_ok && i == pwe) {
			pwe = i + len;
			i += len;
			continue;
		}
		if (!sv_text_is_letter(cp)) {
			prev_ok = 0;
			i += len;
			continue;
		}
		size_t ws = i, last = 0;
		while (i < b && (len = sv_cp_at(s, b, i, &c2)) && is_word_cp(c2)) {
			if (sv_text_is_letter(c2))
				last = c2;
			i += len;
		}
		size_t we = i;
		if (prev_ok && before >= 3 && sv_text_is_upper(cp) && words_from(s, we, b, 2)) {
			uint32_t second = 0;
			size_t l1 = sv_cp_at(s, b, ws, &cp);
			if (ws + l1 < we)
				sv_cp_at(s, b, ws + l1, &second);
			int split = 0;
			if (sv_text_is_letter(second) && !sv_text_is_upper(second)) {
				struct sv_buf *k = &t->scratch2;
				sv_buf_reset(k);
				sv_text_key((const char *)s + pws, pwe - pws, k);
				/* the previous word may carry a closing quote */
				while (k->len && !(k->data[k->len - 1] & 0x80) &&
				       !((k->data[k->len - 1] | 32) >= 'a' && (k->data[k->len - 1] | 32) <= 'z'))
					k->data[--k->len] = '\0';
				if (!sv_text_is_stopword(lang, k->data, k->len)) {
					sv_buf_reset(k);
					sv_text_key((const char *)s + ws, we - ws, k);
					split = starter(lang, k->data, k->len);
				}
			} else if (!second && we < b && s[we] != '.') {
				/* a one-letter function word: В, И, С, У, А */
				struct sv_buf *k = &t->scratch2;
				sv_buf_reset(k);
				sv_text_key((const char *)s + pws, pwe - pws, k);
				while (k->len && !(k->data[k->len - 1] & 0x80))
					k->data[--k->len] = '\0';
				if (!sv_text_is_stopword(lang, k->data, k->len)) {
					sv_buf_reset(k);
					sv_text_key((const char *)s + ws, we - ws, k);
					split = starter(lang, k->data, k->len);
				}
			}
			if (split) {
				add_span(out, s, from, ws);
				from = ws;
				before = 0;
			}
		}
		before++;
		pws = ws;
		pwe = we;
		prev_ok = last && !sv_text_is_upper(last) && sv_text_is_letter(last);
	}
	add_span(out, s, from, b);
}

/* Adds s[a..b) as spans, split where a sentence ends and ICU does not see
 * it: before a number ("... договор. 70 процентов ...") and after an
 * ellipsis character before a capital ("Неизвестно… Докладчик"). */
static void add_split(struct sv_text *t, enum sv_lang lang, struct sv_spans *out, const unsigned char *s, size_t a,
		      size_t b)
{
	size_t from = a;
	for (size_t i = a; i < b; i++) {
		/* U+2026 (E2 80 A6) is no terminator for ICU: after it, a capital
		 * or a number starts a sentence */
		int ellipsis = s[i] == 0xE2 && i + 2 < b && s[i + 1] == 0x80 && s[i + 2] == 0xA6;
		if (s[i] != '.' && s[i] != '!' && s[i] != '?' && !ellipsis)
			continue;
		size_t k = i + (ellipsis ? 3 : 1), len;
		uint32_t cp = 0;
		while (k < b && (len = sv_cp_at(s, b, k, &cp)) && is_close(cp))
			k += len;
		size_t sp = k;
		while (k < b && (len = sv_cp_at(s, b, k, &cp)) && is_space_cp(cp))
			k += len;
		if (k == sp || k >= b)
			continue;
		sv_cp_at(s, b, k, &cp);
		if (ellipsis) {
			size_t q = k;
			uint32_t c2 = cp;
			if (cp == 0xAB || cp == 0x201E || cp == '"') { /* « „ " */
				q += sv_cp_at(s, b, q, &c2);
				c2 = 0;
				if (q < b)
					sv_cp_at(s, b, q, &c2);
			}
			if (!sv_text_is_upper(c2) && !(c2 >= '1' && c2 <= '9'))
				continue;
		} else if (!(s[k] >= '1' && s[k] <= '9')) {
			continue;
		}
		if (s[i] == '.') {
			size_t e = i, j2;
			uint32_t q;
			while ((q = cp_before(s, e, &j2)) && is_close(q))
				e = j2;
			size_t letters = word_before(t, s, e);
			const char *w = t->scratch2.data;
			size_t wl = t->scratch2.len;
			if (letters < 2 || (abbr(w, wl) & (AB_NOBREAK | AB_YEAR | AB_NUM)))
				continue;
		}
		add_headlines(t, lang, out, s, from, k);
		from = k;
	}
	add_headlines(t, lang, out, s, from, b);
}

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

static void sb_init(void)
{
	for (UChar32 c = 0; c < 0x800; c++)
		sb_lo[c] = sb_of_icu(c);
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

/* Whether the fast path can answer for s[0..n): no SB_HARD class. */
static int sb_fast_ok(const unsigned char *s, size_t n)
{
	pthread_once(&sb_once, sb_init);
	for (size_t i = 0; i < n;) {
		if (s[i] < 0x80) {
			if (sb_lo[s[i]] == SB_HARD)
				return 0;
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = sv_cp_at(s, n, i, &cp);
		if (sb_class(cp) == SB_HARD)
			return 0;
		i += len;
	}
	return 1;
}

/* The class of the code point at s[i] (i < n), its length in *len. */
static inline int sb_at(const unsigned char *s, size_t n, size_t i, size_t *len)
{
	if (s[i] < 0x80) {
		*len = 1;
		return sb_lo[s[i]];
	}
	uint32_t cp;
	*len = sv_cp_at(s, n, i, &cp);
	return sb_class(cp);
}

/* ICU's next sentence break after pos (a break or 0) in s[0..n), where
 * sb_fast_ok(s, n): the position after the terminator, its closing
 * punctuation and spaces; n at the end. */
static size_t sb_next(const unsigned char *s, size_t n, size_t pos)
{
	size_t i = pos, len;
	int prev = -1; /* the class before i within this sentence, -1 at its start */
	while (i < n) {
		int c = sb_at(s, n, i, &len);
		if (c != SB_ATERM && c != SB_STERM) {
			prev = c;
			i += len;
			continue;
		}
		size_t j = i + len, k;
		int nc = j < n ? sb_at(s, n, j, &len) : -1;
		if (c == SB_ATERM && nc == SB_NUM) { /* SB6 */
			prev = c;
			i = j;
			continue;
		}
		if (c == SB_ATERM && nc == SB_UPPER && (prev == SB_UPPER || prev == SB_LOWER)) {
			prev = c; /* SB7 */
			i = j;
			continue;
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
		if (nc == SB_SCONT || nc == SB_ATERM || nc == SB_STERM) { /* SB8a */
			prev = SB_SP; /* only SB7's letters matter */
			i = k;
			continue;
		}
		if (c == SB_ATERM) { /* SB8: no break before a lower-case word */
			size_t q = k;
			int qc = nc;
			while (qc != SB_OLETTER && qc != SB_UPPER && qc != SB_LOWER && qc != SB_ATERM &&
			       qc != SB_STERM && qc != -1) {
				q += len;
				qc = q < n ? sb_at(s, n, q, &len) : -1;
			}
			if (qc == SB_LOWER) {
				prev = SB_LOWER;
				i = q + len;
				continue;
			}
		}
		return k; /* SB11 */
	}
	return n;
}

/* The breaks of one paragraph from the fast path or ICU's iterator. */
struct breaks {
	const unsigned char *s;
	size_t n, pos;      /* the last break, in bytes */
	UBreakIterator *bi; /* NULL on the fast path */
	int u16;            /* ICU iterates the UTF-16 copy in t->u16 */
	int32_t upos;       /* pos in UTF-16 units */
};

/* The next break (> b->pos), n at the end of the text, SIZE_MAX after it. */
static size_t breaks_next(struct breaks *b)
{
	if (b->pos >= b->n)
		return SIZE_MAX;
	if (!b->bi)
		return b->pos = sb_next(b->s, b->n, b->pos);
	int32_t u = ubrk_next(b->bi);
	if (u == UBRK_DONE)
		return b->pos = b->n;
	if (!b->u16)
		return b->pos = (size_t)u;
	while (b->upos < u && b->pos < b->n) {
		uint32_t cp;
		b->pos += sv_cp_at(b->s, b->n, b->pos, &cp);
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

/* Sets b up over s[0..n): the fast path when it can answer, else ICU. */
static int breaks_init(struct sv_text *t, enum sv_lang lang, const unsigned char *s, size_t n,
		       struct breaks *b, struct sv_error *err)
{
	*b = (struct breaks){ .s = s, .n = n };
	if (!(t->seg_flags & SV_SEG_ICU) && sb_fast_ok(s, n))
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
		UText *ut = sv_text_utext(t, (const char *)s, n);
		if (!ut)
			return sv_error_set(err, SV_ESTORE, "cannot open ICU's sentence break iterator");
		ubrk_setUText(b->bi, ut, &st);
	}
	if (U_FAILURE(st))
		return sv_error_set(err, SV_ESTORE, "ICU sentence break: %s", u_errorName(st));
	return SV_OK;
}

static void add_span(struct sv_spans *out, const unsigned char *s, size_t a, size_t b)
{
	uint32_t cp;
	size_t j;
	while (a < b) {
		size_t len = sv_cp_at(s, b, a, &cp);
		if (!is_space_cp(cp))
			break;
		a += len;
	}
	while (b > a && (cp = cp_before(s, b, &j)) && is_space_cp(cp))
		b = j;
	if (b <= a)
		return;
	SV_GROW(out->v, out->cap, out->n + 1);
	out->v[out->n].start = (uint32_t)a;
	out->v[out->n].len = (uint32_t)(b - a);
	out->n++;
}

int sv_text_segment(struct sv_text *t, const char *para, size_t n, enum sv_lang lang,
		    struct sv_spans *out, struct sv_error *err)
{
	int rc = SV_OK;
	const unsigned char *s = (const unsigned char *)para;
	struct breaks br;
	out->n = 0;
	if (n > UINT32_MAX) {
		rc = sv_error_set(err, SV_EINPUT, "paragraph too long (%zu bytes)", n);
		goto out;
	}
	if ((rc = breaks_init(t, lang, s, n, &br, err)))
		goto out;
	size_t start = 0;
	for (size_t pos = breaks_next(&br); pos != SIZE_MAX; pos = breaks_next(&br)) {
		if (t->seg_flags & SV_SEG_RAW) {
			add_span(out, s, start, pos);
		} else {
			if (pos < n && spurious_break(t, s, n, pos))
				continue;
			add_split(t, lang, out, s, start, pos);
		}
		start = pos;
	}
out:
	return rc;
}
