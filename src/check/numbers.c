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

struct word_val {
	const char *w;
	double v;
};

/* Lemmas (and common abbreviations) of Russian and Bulgarian numerals. */
static const struct word_val numerals[] = {
	{ "ноль", 0 }, { "нуль", 0 }, { "нула", 0 },
	{ "один", 1 }, { "одна", 1 }, { "одно", 1 }, { "един", 1 }, { "една", 1 }, { "едно", 1 },
	{ "два", 2 }, { "две", 2 }, { "двое", 2 }, { "двама", 2 }, { "оба", 2 }, { "обе", 2 },
	{ "три", 3 }, { "трое", 3 }, { "трима", 3 },
	{ "четыре", 4 }, { "четверо", 4 }, { "четири", 4 }, { "четирима", 4 },
	{ "пять", 5 }, { "пятеро", 5 }, { "пет", 5 }, { "петима", 5 },
	{ "шесть", 6 }, { "шестеро", 6 }, { "шест", 6 }, { "шестима", 6 },
	{ "семь", 7 }, { "седем", 7 }, { "седмина", 7 },
	{ "восемь", 8 }, { "осем", 8 }, { "осмина", 8 },
	{ "девять", 9 }, { "девет", 9 }, { "деветима", 9 },
	{ "десять", 10 }, { "десет", 10 }, { "десетима", 10 }, { "десяток", 10 },
	{ "одиннадцать", 11 }, { "единадесет", 11 }, { "единайсет", 11 },
	{ "двенадцать", 12 }, { "дванадесет", 12 }, { "дванайсет", 12 },
	{ "тринадцать", 13 }, { "тринадесет", 13 }, { "тринайсет", 13 },
	{ "четырнадцать", 14 }, { "четиринадесет", 14 }, { "четиринайсет", 14 },
	{ "пятнадцать", 15 }, { "петнадесет", 15 }, { "петнайсет", 15 },
	{ "шестнадцать", 16 }, { "шестнадесет", 16 }, { "шестнайсет", 16 },
	{ "семнадцать", 17 }, { "седемнадесет", 17 }, { "седемнайсет", 17 },
	{ "восемнадцать", 18 }, { "осемнадесет", 18 }, { "осемнайсет", 18 },
	{ "девятнадцать", 19 }, { "деветнадесет", 19 }, { "деветнайсет", 19 },
	{ "двадцать", 20 }, { "двадесет", 20 }, { "двайсет", 20 },
	{ "тридцать", 30 }, { "тридесет", 30 }, { "трийсет", 30 },
	{ "сорок", 40 }, { "четиридесет", 40 }, { "четирийсет", 40 },
	{ "пятьдесят", 50 }, { "петдесет", 50 },
	{ "шестьдесят", 60 }, { "шестдесет", 60 },
	{ "семьдесят", 70 }, { "седемдесет", 70 },
	{ "восемьдесят", 80 }, { "осемдесет", 80 },
	{ "девяносто", 90 }, { "деветдесет", 90 },
	{ "сто", 100 }, { "двести", 200 }, { "двеста", 200 }, { "триста", 300 },
	{ "четыреста", 400 }, { "четиристотин", 400 }, { "пятьсот", 500 }, { "петстотин", 500 },
	{ "шестьсот", 600 }, { "шестстотин", 600 }, { "семьсот", 700 }, { "седемстотин", 700 },
	{ "восемьсот", 800 }, { "осемстотин", 800 }, { "девятьсот", 900 }, { "деветстотин", 900 },
	{ "тысяча", 1e3 }, { "хиляда", 1e3 }, { "хиляди", 1e3 },
	{ "миллион", 1e6 }, { "милион", 1e6 }, { "миллиард", 1e9 }, { "милиард", 1e9 },
	{ "первый", 1 }, { "първи", 1 }, { "второй", 2 }, { "втори", 2 },
	{ "третий", 3 }, { "трети", 3 }, { "четвертый", 4 }, { "четвърти", 4 },
	{ "пятый", 5 }, { "пети", 5 }, { "шестой", 6 }, { "шести", 6 },
	{ "седьмой", 7 }, { "седми", 7 }, { "восьмой", 8 }, { "осми", 8 },
	{ "девятый", 9 }, { "девети", 9 }, { "десятый", 10 }, { "десети", 10 },
	{ "половина", 0.5 }, { "половин", 0.5 }, { "полтора", 1.5 }, { "пол", 0.5 },
	{ "двухлетний", 2 }, { "двугодишен", 2 },
	{ NULL, 0 },
};

/* Multipliers after a number written in digits. */
static const struct word_val scales[] = {
	{ "тыс", 1e3 }, { "тысяча", 1e3 }, { "хил", 1e3 }, { "хиляда", 1e3 }, { "хиляди", 1e3 },
	{ "млн", 1e6 }, { "миллион", 1e6 }, { "милион", 1e6 },
	{ "млрд", 1e9 }, { "миллиард", 1e9 }, { "милиард", 1e9 },
	{ "трлн", 1e12 }, { "триллион", 1e12 }, { "трилион", 1e12 },
	{ NULL, 0 },
};

static const char *const months[] = {
	"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
	"октябрь", "ноябрь", "декабрь",
	"януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември",
	"октомври", "ноември", "декември", NULL,
};

static double lookup(const struct word_val *tab, const char *w, size_t n)
{
	for (const struct word_val *e = tab; e->w; e++)
		if (strlen(e->w) == n && !memcmp(e->w, w, n))
			return e->v;
	return -1;
}

static int month_of(const char *w, size_t n)
{
	for (int i = 0; months[i]; i++)
		if (strlen(months[i]) == n && !memcmp(months[i], w, n))
			return i % 12 + 1;
	return 0;
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
		snprintf(out, 40, "0%s", p);
	else
		snprintf(out, 40, "%s", p);
}

static void fmt_value(double v, char out[40])
{
	snprintf(out, 40, "%.15g", v);
	char tmp[40];
	canon(out, strlen(out), tmp);
	memcpy(out, tmp, 40);
}

static struct sv_check_num *push(struct sv_check_nums *out, uint32_t start, uint32_t len,
				 int hard)
{
	SV_GROW(out->v, out->cap, out->n + 1);
	struct sv_check_num *nm = &out->v[out->n++];
	memset(nm, 0, sizeof(*nm));
	nm->start = start;
	nm->len = len;
	nm->hard = hard;
	return nm;
}

/* Lemmas of token i when it is a word, else 0. */
static size_t word_lemmas(struct sv_text *t, enum sv_lang lang, const struct sv_tokens *toks,
			  size_t i, const char **lem, size_t max)
{
	const struct sv_token *tk = &toks->v[i];
	if (tk->type != SV_TOK_WORD || (tk->flags & SV_TOKF_PART))
		return 0;
	size_t n = sv_text_lemmas(t, lang, sv_token_key(toks, i), tk->keylen, lem, max - 1);
	if (n > max - 1)
		n = max - 1;
	lem[n++] = sv_token_key(toks, i);
	return n;
}

/* The multiplier named by the word after token i (skipping a '.'), or 0. */
static double scale_after(struct sv_text *t, enum sv_lang lang, const struct sv_tokens *toks,
			  size_t i)
{
	size_t j = i + 1;
	while (j < toks->n && (toks->v[j].flags & SV_TOKF_PART))
		j++;
	if (j >= toks->n)
		return 0;
	const char *lem[5];
	size_t n = word_lemmas(t, lang, toks, j, lem, 5);
	for (size_t k = 0; k < n; k++) {
		double v = lookup(scales, lem[k], strlen(lem[k]));
		if (v > 0)
			return v;
	}
	return 0;
}

void sv_check_nums_extract(struct sv_text *t, enum sv_lang lang, const char *s,
			   const struct sv_tokens *toks, struct sv_check_nums *out)
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
			const char *p = key, *end = key + tk->keylen;
			while (p < end) {
				const char *q = p;
				while (q < end && *q != '-')
					q++;
				if (q > p) {
					struct sv_check_num *nm = push(out, tk->start, tk->len, 1);
					canon(p, (size_t)(q - p), nm->val[0]);
					double sc = q == end ? scale_after(t, lang, toks, i) : 0;
					if (sc > 0 && nm->val[0][0])
						fmt_value(atof(nm->val[0]) * sc, nm->val[1]);
					if (!nm->val[0][0])
						out->n--;
				}
				p = q + 1;
			}
			continue;
		}
		if (tk->type == SV_TOK_WORD || tk->type == SV_TOK_ACRONYM) {
			/* digits inside a word: 50-й, COVID-19 */
			const char *w = s + tk->start;
			for (uint32_t a = 0; a < tk->len;) {
				if (w[a] < '0' || w[a] > '9') {
					a++;
					continue;
				}
				uint32_t b = a;
				while (b < tk->len && w[b] >= '0' && w[b] <= '9')
					b++;
				canon(w + a, b - a, push(out, tk->start + a, b - a, 1)->val[0]);
				a = b;
			}
		}
		const char *lem[5];
		size_t n = word_lemmas(t, lang, toks, i, lem, 5);
		double v = -1;
		int month = 0;
		for (size_t k = 0; k < n && v < 0; k++)
			v = lookup(numerals, lem[k], strlen(lem[k]));
		for (size_t k = 0; k < n && !month; k++)
			month = month_of(lem[k], strlen(lem[k]));
		if (month) {
			char mv[8];
			snprintf(mv, sizeof(mv), "%d", month);
			canon(mv, strlen(mv), push(out, tk->start, tk->len, 0)->val[0]);
		}
		if (v >= 0) {
			struct sv_check_num *nm = push(out, tk->start, tk->len, 0);
			fmt_value(v, nm->val[0]);
			if (run > 0 && v < run)
				fmt_value(run + v, nm->val[1]);
			else if (run > 0 && v >= 1000)
				fmt_value(run * v, nm->val[1]);
			run = run > 0 && v < run ? run + v : v;
		} else if (tk->type != SV_TOK_PUNCT) {
			run = 0;
		}
	}
}

static int same(const struct sv_check_num *a, const struct sv_check_num *b)
{
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++)
			if (a->val[i][0] && !strcmp(a->val[i], b->val[j]))
				return 1;
	return 0;
}

long sv_check_nums_unmatched(const struct sv_check_nums *a, const struct sv_check_nums *b,
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
