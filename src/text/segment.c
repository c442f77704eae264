/* Sentence segmentation: ICU's sentence BreakIterator, then repairs for
 * Russian and Bulgarian: abbreviations (г., т.е., проф., ул. ...), initials
 * (В. Путин) and sentence ends ICU misses (". 15 ноября ..." is left alone,
 * a sentence starting with a quote or dash is split). */
#include "text/text-int.h"

#include <stdlib.h>
#include <pthread.h>
#include <string.h>

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
	out->n = 0;
	if (n > UINT32_MAX) {
		rc = sv_error_set(err, SV_EINPUT, "paragraph too long (%zu bytes)", n);
		goto out;
	}
	UBreakIterator *bi = sent_iter(t, lang);
	if (!bi) {
		rc = sv_error_set(err, SV_ESTORE, "cannot open ICU's sentence break iterator");
		goto out;
	}
	/* ICU iterates UTF-16 text inline but calls out for every chunk of a
	 * UTF-8 UText: a paragraph of up to SEG_U16_MAX bytes (nearly all) is
	 * converted once and the breaks are mapped back to bytes; the breaks
	 * are the same (for valid UTF-8; the input has been decoded). */
	UErrorCode st = U_ZERO_ERROR;
	int u16 = n <= SEG_U16_MAX;
	if (u16) {
		SV_GROW(t->u16, t->capu16, n + 1);
		int32_t ulen = 0;
		u_strFromUTF8WithSub(t->u16, (int32_t)t->capu16, &ulen, para, (int32_t)n, 0xFFFD,
				     NULL, &st);
		if (U_SUCCESS(st))
			ubrk_setText(bi, t->u16, ulen, &st);
	} else {
		UText *ut = sv_text_utext(t, para, n);
		if (!ut) {
			rc = sv_error_set(err, SV_ESTORE, "cannot open ICU's sentence break iterator");
			goto out;
		}
		ubrk_setUText(bi, ut, &st);
	}
	if (U_FAILURE(st)) {
		rc = sv_error_set(err, SV_ESTORE, "ICU sentence break: %s", u_errorName(st));
		goto out;
	}
	size_t start = 0, pos = 0;
	int32_t upos = 0;
	for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi)) {
		if (!u16)
			pos = (size_t)b;
		while (u16 && upos < b && pos < n) {
			uint32_t cp;
			pos += sv_cp_at(s, n, pos, &cp);
			upos += cp >= 0x10000 ? 2 : 1;
		}
		if (pos < n && spurious_break(t, s, n, pos))
			continue;
		add_split(t, lang, out, s, start, pos);
		start = pos;
	}
	if (start < n)
		add_split(t, lang, out, s, start, n);
out:
	return rc;
}
