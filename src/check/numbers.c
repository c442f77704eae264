/* Numbers for number-mismatch. What is compared: every number written in
 * digits (decimal comma or point, spaces/NBSP or commas in thousands, a
 * percent sign ignored), each end of a range (2026–2030 = 2026-2030 = "с 2026
 * по 2030"), each part of a date (27.11.2025 = "27 ноября 2025"), and digits
 * inside words (50-й, COVID-19). A number followed by a scale word (тыс.,
 * хиляди, млн, милиона, млрд ...) also stands for its product (22 тысячи =
 * 22 000). Numbers in words (пять, двадцать пять, двама, втори) and month
 * names count only as evidence: they can answer a number in digits on the
 * other side, but a missing one is never reported. */
#include "check/check-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Numerals and month names as word forms (matching keys: lower case, ё as
 * е) with their values, built once per run into a map: the dictionaries do
 * not lemmatise numerals reliably, so the forms are listed. */
struct form_set {
	double v;
	const char *forms; /* space-separated */
};

static const struct form_set cardinals[] = {
	{ 0, "ноль нуль нуля нулю нолем нулем нуле ноле нула" },
	{ 1, "один одна одно одного одной одному одним одну одном един една едно" },
	{ 2, "два две двух двум двумя двое двоих оба обе обоих обеих двама двамата двата двете" },
	{ 3, "три трех трем тремя трое троих трима тримата трите" },
	{ 4,
	  "четыре четырех четырем четырьмя четверо четверых четири четирима четиримата четирите" },
	{ 5, "пятеро пятерых пет петима петимата петте" },
	{ 6, "шестеро шестерых шест шестима шестте" },
	{ 7, "семеро седем седмина седемте" },
	{ 8, "восьми восьмью осем осмина осемте" },
	{ 9, "девет деветима деветте" },
	{ 10, "десет десетима десетте десяток десятка" },
	{ 11, "единадесет единайсет" }, { 12, "дванадесет дванайсет" },
	{ 13, "тринадесет тринайсет" }, { 14, "четиринадесет четиринайсет" },
	{ 15, "петнадесет петнайсет" }, { 16, "шестнадесет шестнайсет" },
	{ 17, "седемнадесет седемнайсет" }, { 18, "осемнадесет осемнайсет" },
	{ 19, "деветнадесет деветнайсет" }, { 20, "двадесет двайсет" },
	{ 30, "тридесет трийсет" },
	{ 40, "сорок сорока четиридесет четирийсет" },
	{ 50, "пятьдесят пятидесяти пятьюдесятью петдесет" },
	{ 60, "шестьдесят шестидесяти шестьюдесятью шестдесет" },
	{ 70, "семьдесят семидесяти семьюдесятью седемдесет" },
	{ 80, "восемьдесят восьмидесяти восемьюдесятью осемдесет" },
	{ 90, "девяносто девяноста деветдесет" },
	{ 100, "сто ста стоте" }, { 200, "двести двухсот двумстам двеста" },
	{ 300, "триста трехсот тремстам" }, { 400, "четыреста четырехсот четиристотин" },
	{ 500, "пятьсот пятисот петстотин" }, { 600, "шестьсот шестисот шестстотин" },
	{ 700, "семьсот семисот седемстотин" }, { 800, "восемьсот восьмисот осемстотин" },
	{ 900, "девятьсот девятисот деветстотин" },
	{ 1e3, "тысяча тысячи тысячу тысячей тысячью тысяч тысячам тысячами тысячах тыс "
	       "хиляда хиляди хилядата хилядите хил" },
	{ 1e6, "миллион миллиона миллионов миллиону миллионом миллионами миллионах миллионы млн "
	       "милион милиона милиони милионът" },
	{ 1e9, "миллиард миллиарда миллиардов миллиарду миллиардом миллиардами миллиардах "
	       "миллиарды млрд милиард милиарда милиарди милиардът" },
	{ 1e12, "триллион триллиона триллионов трлн трилион трилиона трилиони" },
	{ 1.5, "полтора полторы полутора" },
	{ 0, NULL },
};

/* Russian cardinals in -ь: nominative, genitive/dative/prepositional -и,
 * instrumental -ью. */
static const struct form_set soft_sign[] = {
	{ 5, "пять" }, { 6, "шесть" }, { 7, "семь" }, { 8, "восемь" }, { 9, "девять" },
	{ 10, "десять" }, { 11, "одиннадцать" }, { 12, "двенадцать" }, { 13, "тринадцать" },
	{ 14, "четырнадцать" }, { 15, "пятнадцать" }, { 16, "шестнадцать" },
	{ 17, "семнадцать" }, { 18, "восемнадцать" }, { 19, "девятнадцать" },
	{ 20, "двадцать" }, { 30, "тридцать" }, { 0, NULL },
};

/* Ordinal stems: Russian take adjective endings, Bulgarian their own. */
static const struct form_set ru_ordinals[] = {
	{ 1, "перв" }, { 2, "втор" }, { 4, "четверт" }, { 5, "пят" }, { 6, "шест" },
	{ 7, "седьм" }, { 8, "восьм" }, { 9, "девят" }, { 10, "десят" }, { 20, "двадцат" },
	{ 30, "тридцат" }, { 100, "сот" }, { 0, NULL },
};
static const char ru_adj_endings[] = "ый ой ая ое ые ого ому ым ых ую ыми ом";
static const char ru_third[] =
	"третий третья третье третьи третьего третьей третьему третьим третьих третью третьими "
	"третьем";
static const struct form_set bg_ordinals[] = {
	{ 1, "първ" }, { 2, "втор" }, { 3, "трет" }, { 4, "четвърт" }, { 5, "пет" },
	{ 6, "шест" }, { 7, "седм" }, { 8, "осм" }, { 9, "девет" }, { 10, "десет" }, { 0, NULL },
};
static const char bg_adj_endings[] = "и ия ият а ата о ото ите";

static const char *const ru_months[] = {
	"январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр",
	"ноябр", "декабр", NULL,
};
static const char *const bg_months[] = {
	"януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември",
	"октомври", "ноември", "декември", NULL,
};

#define MONTH_BASE 1000000 /* map values: numeral value * 1000 + 1, or month + base */

static void put_form(struct sv_map *m, const char *w, size_t n, uintptr_t v)
{
	int added;
	struct sv_map_slot *sl = sv_map_add(m, w, n, &added);
	if (added)
		sl->val = v;
}

static uintptr_t num_val(double v)
{
	return (uintptr_t)(v * 1000) + 1 + (uintptr_t)MONTH_BASE * 2;
}

static void put_list(struct sv_map *m, const char *list, const char *prefix, uintptr_t v)
{
	char w[64];
	for (const char *p = list; *p;) {
		const char *q = strchr(p, ' ');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		int k = snprintf(w, sizeof(w), "%s%.*s", prefix, (int)n, p);
		if (k > 0 && (size_t)k < sizeof(w))
			put_form(m, w, (size_t)k, v);
		p += n;
		while (*p == ' ')
			p++;
	}
}

void ck_numwords_init(struct sv_map *m)
{
	char w[64];
	sv_map_init(m);
	for (const struct form_set *f = cardinals; f->forms; f++)
		put_list(m, f->forms, "", num_val(f->v));
	for (const struct form_set *f = soft_sign; f->forms; f++) {
		size_t n = strlen(f->forms) - 2; /* drop ь */
		put_list(m, f->forms, "", num_val(f->v));
		snprintf(w, sizeof(w), "%.*sи", (int)n, f->forms);
		put_form(m, w, strlen(w), num_val(f->v));
		snprintf(w, sizeof(w), "%.*sью", (int)n, f->forms);
		put_form(m, w, strlen(w), num_val(f->v));
	}
	for (const struct form_set *f = ru_ordinals; f->forms; f++)
		put_list(m, ru_adj_endings, f->forms, num_val(f->v));
	put_list(m, ru_third, "", num_val(3));
	for (const struct form_set *f = bg_ordinals; f->forms; f++)
		put_list(m, bg_adj_endings, f->forms, num_val(f->v));
	for (int i = 0; ru_months[i]; i++)
		put_list(m, i == 2 || i == 7 ? " а е ом у" : i == 4 ? "й я е ем ю" : "ь я е ем ю",
			 ru_months[i], (uintptr_t)MONTH_BASE + (uintptr_t)i + 1);
	for (int i = 0; bg_months[i]; i++)
		put_form(m, bg_months[i], strlen(bg_months[i]),
			 (uintptr_t)MONTH_BASE + (uintptr_t)i + 1);
}

/* Canonical value of s[0..n): digits with at most one decimal point, leading
 * zeros and trailing decimal zeros dropped; commas and percent signs ignored
 * (the tokenizer has turned a decimal comma into a point already). */
static void canon(const char *s, size_t n, char out[40])
{
	char tmp[40];
	size_t k = 0, dots = 0;
	for (size_t i = 0; i < n && k < sizeof(tmp) - 1; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9')
			tmp[k++] = c;
		else if (c == '.') {
			tmp[k++] = c;
			dots++;
		}
	}
	tmp[k] = '\0';
	if (dots == 1) {
		while (k > 0 && tmp[k - 1] == '0')
			tmp[--k] = '\0';
		if (k > 0 && tmp[k - 1] == '.')
			tmp[--k] = '\0';
	}
	const char *p = tmp;
	while (p[0] == '0' && p[1] >= '0' && p[1] <= '9')
		p++;
	if (p[0] == '.')
		snprintf(out, 40, "0%.38s", p); /* the "0" and 38 of p fill out, as before */
	else
		snprintf(out, 40, "%s", p);
}

static void fmt_value(double v, char out[40])
{
	char tmp[40];
	snprintf(tmp, sizeof(tmp), "%.15g", v);
	canon(tmp, strlen(tmp), out);
}

static struct ck_num *push(struct ck_nums *out, uint32_t start, uint32_t len,
				 int hard)
{
	SV_GROW(out->v, out->cap, out->n + 1);
	struct ck_num *nm = &out->v[out->n++];
	memset(nm, 0, sizeof(*nm));
	nm->start = start;
	nm->len = len;
	nm->hard = hard;
	return nm;
}

/* The value of the word form key[0..n): a numeral's value (*month 0), a
 * month's number (*month 1), or -1. */
static double word_value(const struct sv_map *words, const char *key, size_t n, int *month)
{
	*month = 0;
	const struct sv_map_slot *sl = sv_map_find(words, key, n);
	if (!sl)
		return -1;
	if (sl->val < (uintptr_t)MONTH_BASE * 2) {
		*month = 1;
		return (double)(sl->val - MONTH_BASE);
	}
	return (double)(sl->val - 1 - (uintptr_t)MONTH_BASE * 2) / 1000.0;
}

/* The multiplier named by the word after token i (тыс., млн, милиона), or 0. */
static double scale_after(const struct sv_map *words, const struct sv_tokens *toks, size_t i)
{
	size_t j = i + 1;
	while (j < toks->n && (toks->v[j].flags & SV_TOKF_PART))
		j++;
	if (j >= toks->n || toks->v[j].type != SV_TOK_WORD)
		return 0;
	int month;
	double v = word_value(words, sv_token_key(toks, j), toks->v[j].keylen, &month);
	return !month && v >= 1000 ? v : 0;
}

static int is_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

void ck_nums_extract(const struct sv_map *words, const char *s,
			   const struct sv_tokens *toks, struct ck_nums *out)
{
	out->n = 0;
	double run = 0; /* sum of consecutive numerals: двадцать пять */
	for (size_t i = 0; i < toks->n; i++) {
		const struct sv_token *tk = &toks->v[i];
		const char *key = sv_token_key(toks, i);
		if (tk->flags & SV_TOKF_PART)
			continue;
		if (tk->type == SV_TOK_NUMBER) {
			run = 0;
			if ((tk->flags & SV_TOKF_DATE) && tk->keylen == 10 && key[4] == '-') {
				/* ISO date: year, month, day, each on its own */
				static const int at[3][2] = { { 0, 4 }, { 5, 2 }, { 8, 2 } };
				for (int k = 0; k < 3; k++)
					canon(key + at[k][0], (size_t)at[k][1],
					      push(out, tk->start, tk->len, 1)->val[0]);
				continue;
			}
			/* a time: 13:00 is also the hour 13 */
			if (i + 2 < toks->n && toks->v[i + 1].type == SV_TOK_PUNCT &&
			    s[toks->v[i + 1].start] == ':' &&
			    toks->v[i + 1].start == tk->start + tk->len &&
			    toks->v[i + 2].type == SV_TOK_NUMBER && toks->v[i + 2].keylen == 2 &&
			    toks->v[i + 2].start == toks->v[i + 1].start + 1 && tk->keylen <= 2 &&
			    is_digits(key, tk->keylen)) {
				const struct sv_token *mm = &toks->v[i + 2];
				struct ck_num *nm = push(out, tk->start,
							       mm->start + mm->len - tk->start, 1);
				char hh[40];
				canon(key, tk->keylen, hh);
				snprintf(nm->val[0], sizeof(nm->val[0]), "%.8s:%.2s", hh,
					 sv_token_key(toks, i + 2));
				if (!strcmp(sv_token_key(toks, i + 2), "00"))
					snprintf(nm->val[1], sizeof(nm->val[1]), "%s", hh);
				i += 2;
				continue;
			}
			const char *p = key, *end = key + tk->keylen;
			char first[40] = "";
			while (p < end) {
				const char *q = p;
				while (q < end && *q != '-')
					q++;
				if (q > p) {
					struct ck_num *nm = push(out, tk->start, tk->len, 1);
					canon(p, (size_t)(q - p), nm->val[0]);
					if (!first[0]) {
						memcpy(first, nm->val[0], sizeof(first));
					} else if (!strchr(first, '.') &&
						   !strchr(nm->val[0], '.') &&
						   strlen(nm->val[0]) < strlen(first)) {
						/* 1950–53: the end abbreviated */
						size_t keep = strlen(first) - strlen(nm->val[0]);
						memcpy(nm->val[1], nm->val[0], sizeof(nm->val[1]));
						if (keep + strlen(nm->val[1]) < sizeof(nm->val[0]))
							snprintf(nm->val[0], sizeof(nm->val[0]),
								 "%.*s%.20s",
								 (int)keep, first, nm->val[1]);
					}
					double sc = q == end ? scale_after(words, toks, i) : 0;
					if (sc > 0 && nm->val[0][0] && !nm->val[1][0])
						fmt_value(atof(nm->val[0]) * sc, nm->val[1]);
					if (!nm->val[0][0])
						out->n--;
				}
				p = q + 1;
			}
			continue;
		}
		if (tk->type == SV_TOK_WORD || tk->type == SV_TOK_ACRONYM) {
			/* digits inside a word: 50-й, COVID-19, 1980-х */
			const char *w = s + tk->start;
			for (uint32_t a = 0; a < tk->len;) {
				if (w[a] < '0' || w[a] > '9') {
					a++;
					continue;
				}
				uint32_t b = a;
				while (b < tk->len && w[b] >= '0' && w[b] <= '9')
					b++;
				/* a lone 0, 3 or 6 glued to Cyrillic letters is a letter
				 * (О, З, б): mixed-script reports it */
				if (b == a + 1 && (w[a] == '0' || w[a] == '3' || w[a] == '6') &&
				    ((b < tk->len && ((unsigned char)w[b] == 0xD0 ||
						      (unsigned char)w[b] == 0xD1)) ||
				     (a > 0 && (unsigned char)w[a - 1] >= 0x80))) {
					a = b;
					continue;
				}
				struct ck_num *nm = push(out, tk->start + a, b - a, 1);
				canon(w + a, b - a, nm->val[0]);
				/* decades: 80-те = 1980-х, 1990-е = 90-те */
				if (b < tk->len && w[b] == '-' && a == 0) {
					if (b == 2 && w[1] == '0')
						snprintf(nm->val[1], sizeof(nm->val[1]), "19%.2s",
							 w);
					else if (b == 4 && w[3] == '0' && w[0] == '1' &&
						 w[1] == '9')
						snprintf(nm->val[1], sizeof(nm->val[1]), "%.2s",
							 w + 2);
				}
				a = b;
			}
		}
		if (tk->type != SV_TOK_WORD) {
			if (tk->type != SV_TOK_PUNCT)
				run = 0;
			continue;
		}
		int month;
		double v = word_value(words, key, tk->keylen, &month);
		if (v < 0) {
			run = 0;
			continue;
		}
		struct ck_num *nm = push(out, tk->start, tk->len, 0);
		if (month) {
			snprintf(nm->val[0], sizeof(nm->val[0]), "%d", (int)v);
			run = 0;
			continue;
		}
		fmt_value(v, nm->val[0]);
		if (run > 0 && v < run)
			fmt_value(run + v, nm->val[1]);
		else if (run > 0 && v >= 1000)
			fmt_value(run * v, nm->val[1]);
		run = run > 0 && v < run ? run + v : v;
	}
}

static int same(const struct ck_num *a, const struct ck_num *b)
{
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++)
			if (a->val[i][0] && !strcmp(a->val[i], b->val[j]))
				return 1;
	return 0;
}

long ck_nums_unmatched(const struct ck_nums *a, const struct ck_nums *b,
			     size_t from)
{
	for (size_t i = from; i < a->n; i++) {
		if (!a->v[i].hard)
			continue;
		size_t j = 0;
		while (j < b->n && !same(&a->v[i], &b->v[j]))
			j++;
		if (j == b->n)
			return (long)i;
	}
	return -1;
}
