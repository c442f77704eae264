/* Sentence segmentation: ICU's sentence BreakIterator, then repairs for
 * Russian and Bulgarian: abbreviations (г., т.е., проф., ул. ...), initials
 * (В. Путин) and sentence ends ICU misses (". 15 ноября ..." is left alone,
 * a sentence starting with a quote or dash is split). */
#include "text/text-int.h"

#include <stdlib.h>
#include <string.h>

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
/* Abbreviations that end a sentence when followed by a capital (lists,
 * units): the ICU break stands. */
static const char *const year_abbr[] = { "г", "гг", "год", NULL };

static int in_list(const char *const *list, const char *s, size_t n)
{
	for (; *list; list++)
		if (strlen(*list) == n && !memcmp(*list, s, n))
			return 1;
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
	struct sv_buf *key = &t->scratch2;
	sv_buf_reset(key);
	sv_text_key((const char *)s + ws, dot - ws, key);
	if (in_list(no_break_abbr, key->data, key->len))
		return 1;
	if (in_list(year_abbr, key->data, key->len)) {
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

/* Abbreviations a number often follows: "стр. 5", "млн. 300". */
static const char *const num_abbr[] = { "млн", "млрд", "трлн", "тыс", "хил", "руб", "лв", "долл",
	"коп", "ч", "мин", "сек", "км", "м", "см", "мм", "кг", "т", "л", "п", "пп", "табл", "ст",
	"вв", "рр", "no", "стр", NULL };

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

/* Adds s[a..b) as spans, split where a sentence ends before a number, which
 * ICU does not see ("... договор. 70 процентов ..."). */
static void add_split(struct sv_text *t, struct sv_spans *out, const unsigned char *s, size_t a,
		      size_t b)
{
	size_t from = a;
	for (size_t i = a; i < b; i++) {
		if (s[i] != '.' && s[i] != '!' && s[i] != '?')
			continue;
		size_t k = i + 1, len;
		uint32_t cp = 0;
		while (k < b && (len = sv_cp_at(s, b, k, &cp)) && is_close(cp))
			k += len;
		size_t sp = k;
		while (k < b && (len = sv_cp_at(s, b, k, &cp)) && is_space_cp(cp))
			k += len;
		if (k == sp || k >= b || !(s[k] >= '1' && s[k] <= '9'))
			continue;
		if (s[i] == '.') {
			size_t letters = word_before(t, s, i);
			const char *w = t->scratch2.data;
			size_t wl = t->scratch2.len;
			if (letters < 2 || in_list(no_break_abbr, w, wl) || in_list(year_abbr, w, wl) ||
			    in_list(num_abbr, w, wl))
				continue;
		}
		add_span(out, s, from, k);
		from = k;
	}
	add_span(out, s, from, b);
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
	UText *ut = sv_text_utext(t, para, n);
	UErrorCode st = U_ZERO_ERROR;
	if (!bi || !ut) {
		rc = sv_error_set(err, SV_ESTORE, "cannot open ICU's sentence break iterator");
		goto out;
	}
	ubrk_setUText(bi, ut, &st);
	if (U_FAILURE(st)) {
		rc = sv_error_set(err, SV_ESTORE, "ICU sentence break: %s", u_errorName(st));
		goto out;
	}
	size_t start = 0;
	for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi)) {
		size_t pos = (size_t)b;
		if (pos < n && spurious_break(t, s, n, pos))
			continue;
		add_split(t, out, s, start, pos);
		start = pos;
	}
	if (start < n)
		add_split(t, out, s, start, n);
out:
	return rc;
}
