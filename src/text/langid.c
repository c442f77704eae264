/* Language identification, Russian / Bulgarian / other: letters unique to
 * one language, function words, word forms only one of the two hunspell
 * lexicons has, and for words neither has character-trigram ratios; the
 * lexicon filters and the trigram table are built from the dictionaries at
 * build time (gen-langprof.c). */
#include "text/text-int.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

extern const int sv_langprof_ok;
extern const int16_t sv_langprof[36 * 36 * 36];
extern const size_t sv_lex_ru_blocks, sv_lex_bg_blocks, sv_lex_both_blocks;
extern const unsigned char sv_lex_ru[], sv_lex_bg[], sv_lex_both[];

/* Whether the form with hash h is in a lexicon filter (gen-langprof.c). */
static int in_lexicon(const unsigned char *f, size_t nblocks, uint64_t h)
{
	const unsigned char *blk = f + (size_t)(h % nblocks) * 64;
	uint64_t g = h >> 16 | h << 48;
	for (int k = 0; k < 6; k++) {
		unsigned bit = (unsigned)(g >> (9 * k)) & 511;
		if (!(blk[bit >> 3] & (1u << (bit & 7))))
			return 0;
	}
	return 1;
}

#define LEX_WEIGHT 2.0

/* Function words: > 0 Russian, < 0 Bulgarian (weights in units of strong
 * letter evidence). Only words frequent in one language and rare or absent
 * in the other are listed. */
static const struct {
	const char *w;
	double v;
} fwords[] = {
	/* Russian */
	{ "что", 2 }, { "это", 2 }, { "этот", 2 }, { "эта", 2 }, { "эти", 2 }, { "этого", 2 },
	{ "этом", 2 }, { "этой", 2 }, { "как", 1.5 }, { "его", 2 }, { "ее", 2 }, { "они", 2 },
	{ "он", 2 }, { "она", 2 }, { "оно", 2 }, { "было", 2 }, { "был", 2 }, { "была", 2 },
	{ "были", 1.5 }, { "будет", 2 }, { "будут", 2 }, { "к", 2 }, { "у", 2 }, { "из", 1.5 },
	{ "для", 2 }, { "который", 2 }, { "которые", 2 }, { "которого", 2 }, { "которая", 2 },
	{ "которую", 2 }, { "которых", 2 }, { "котором", 2 }, { "которой", 2 }, { "также", 2 },
	{ "уже", 2 }, { "только", 2 }, { "чтобы", 2 }, { "если", 2 }, { "где", 2 }, { "когда", 2 },
	{ "после", 2 }, { "того", 2 }, { "их", 1.5 }, { "ему", 2 }, { "ей", 1.5 }, { "мы", 2 },
	{ "вы", 2 }, { "бы", 2 }, { "же", 2 }, { "нет", 2 }, { "есть", 2 }, { "может", 2 },
	{ "всех", 2 }, { "все", 1 }, { "году", 2 }, { "года", 1 }, { "лет", 2 }, { "раз", 1 },
	{ "сказал", 2 }, { "заявил", 2 }, { "своей", 2 }, { "свои", 1 }, { "своих", 2 },
	{ "своего", 2 }, { "более", 2 }, { "очень", 2 }, { "сейчас", 2 }, { "теперь", 2 },
	{ "тоже", 2 }, { "можно", 2 }, { "нужно", 2 }, { "чем", 2 }, { "через", 2 },
	{ "перед", 2 }, { "является", 2 }, { "них", 2 }, { "ним", 2 }, { "неё", 2 }, { "нее", 2 },
	{ "свою", 2 }, { "своим", 2 }, { "один", 1 }, { "одна", 1 }, { "одного", 2 },
	{ "человек", 1.5 }, { "люди", 2 }, { "время", 2 }, { "однако", 2 }, { "еще", 2 },
	{ "даже", 2 }, { "почти", 2 }, { "всего", 2 }, { "кто", 2 }, { "вот", 2 }, { "здесь", 2 },
	{ "так", 1 }, { "тогда", 2 }, { "потом", 2 }, { "пока", 2 }, { "о", 1 }, { "об", 1.5 },
	{ "со", 1.5 }, { "во", 1.5 }, { "ко", 1.5 }, { "при", 0.5 }, { "с", 0.7 }, { "в", 0.3 },
	{ "году", 2 }, { "сегодня", 2 }, { "вчера", 1 }, { "которое", 2 }, { "сам", 1 },
	{ "из-за", 2 }, { "между", 0 }, { "или", 0 }, { "но", 0 },
	/* Bulgarian */
	{ "се", -2 }, { "че", -2 }, { "е", -2 }, { "са", -2 }, { "съм", -2 }, { "си", -2 },
	{ "сме", -2 }, { "сте", -2 }, { "ще", -2 }, { "да", -1.5 }, { "във", -2 }, { "със", -2 },
	{ "към", -2 }, { "след", -2 }, { "през", -2 }, { "пред", -2 }, { "като", -2 },
	{ "беше", -2 }, { "бяха", -2 }, { "бил", -1.5 }, { "била", -2 }, { "били", -1 },
	{ "било", -2 }, { "има", -2 }, { "няма", -2 }, { "този", -2 }, { "тази", -2 },
	{ "това", -2 }, { "тези", -2 }, { "онзи", -2 }, { "още", -2 }, { "вече", -2 },
	{ "където", -2 }, { "когато", -2 }, { "защото", -2 }, { "ако", -2 }, { "му", -2 },
	{ "ги", -2 }, { "ни", -1 }, { "ви", -1.5 }, { "им", -1 }, { "го", -2 }, { "нея", -2 },
	{ "тях", -2 }, { "нещо", -2 }, { "също", -2 }, { "трябва", -2 }, { "може", -1.5 },
	{ "които", -2 }, { "която", -2 }, { "който", -2 }, { "което", -2 }, { "кои", -1 },
	{ "кой", -1 }, { "коя", -2 }, { "кое", -2 }, { "чрез", -2 }, { "пък", -2 },
	{ "обаче", -2 }, { "така", -2 }, { "тук", -2 }, { "сега", -2 }, { "днес", -2 },
	{ "вчера", -1 }, { "утре", -2 }, { "година", -2 }, { "години", -2 }, { "годината", -2 },
	{ "хора", -2 }, { "човек", -1 }, { "според", -2 }, { "заради", -2 }, { "заяви", -2 },
	{ "каза", -1.5 }, { "казва", -2 }, { "дни", -1.5 }, { "той", -2 }, { "тя", -2 },
	{ "те", -1 }, { "на", -0.5 }, { "за", -0.5 }, { "от", -0.3 }, { "по", 0 }, { "и", 0 },
	{ "или", 0 }, { "бъде", -2 }, { "бъдат", -2 }, { "нито", -1 }, { "дали", -2 },
	{ "само", -1 }, { "всички", -2 }, { "всеки", -2 }, { "всяка", -2 }, { "нейната", -2 },
	{ "неговата", -2 }, { "техните", -2 }, { "ли", 0 },
};

#define FW_CAP 512
static struct {
	const char *w;
	size_t len;
	double v;
} fw_tab[FW_CAP];
static size_t fw_maxlen;
static pthread_once_t fw_once = PTHREAD_ONCE_INIT;

static void fw_init(void)
{
	for (size_t i = 0; i < sizeof(fwords) / sizeof(fwords[0]); i++) {
		size_t len = strlen(fwords[i].w);
		uint32_t h = sv_hash(fwords[i].w, len) & (FW_CAP - 1);
		while (fw_tab[h].w && strcmp(fw_tab[h].w, fwords[i].w))
			h = (h + 1) & (FW_CAP - 1);
		fw_tab[h].w = fwords[i].w;
		fw_tab[h].len = len;
		fw_tab[h].v = fwords[i].v;
		if (len > fw_maxlen)
			fw_maxlen = len;
	}
}

double sv_text_langword_weight(const char *key, size_t len, int *listed)
{
	pthread_once(&fw_once, fw_init);
	*listed = 0;
	if (len > fw_maxlen)
		return 0;
	uint32_t h = sv_hash(key, len) & (FW_CAP - 1);
	while (fw_tab[h].w) {
		if (fw_tab[h].len == len && !memcmp(fw_tab[h].w, key, len)) {
			*listed = 1;
			return fw_tab[h].v;
		}
		h = (h + 1) & (FW_CAP - 1);
	}
	return 0;
}

static int sym(uint32_t cp)
{
	if (cp >= 0x430 && cp < 0x450)
		return 1 + (int)(cp - 0x430);
	if (cp == 0x451)
		return 6; /* е */
	if (cp == 0x45D)
		return 9; /* и */
	return 35;
}

struct lstate {
	double score;       /* > 0 Russian */
	size_t letters, cyr, othercyr, words;
	char word[128];     /* the current word's key, truncated */
	size_t wlen;
	int syms[66];
	size_t nsym;
	int trunc;
	int cap;            /* the current word starts with a capital */
	int lex;            /* consult the lexicon filters */
	int after_end;      /* the previous word ended a sentence (or none yet) */
};

static void end_word(struct lstate *st)
{
	if (!st->nsym)
		return;
	st->words++;
	int listed = 0;
	if (!st->trunc && st->wlen) {
		double fw = sv_text_langword_weight(st->word, st->wlen, &listed);
		st->score += fw;
	}
	/* a form only one dictionary has; a form both have says nothing, and
	 * the trigrams speak only for words neither has (names, rare words) */
	int lexical = 0;
	if (st->lex && sv_langprof_ok && st->nsym >= 2 && !listed && !st->trunc) {
		uint64_t h = 14695981039346656037ull;
		for (size_t i = 0; i < st->wlen; i++) {
			h ^= (unsigned char)st->word[i];
			h *= 1099511628211ull;
		}
		int ru = in_lexicon(sv_lex_ru, sv_lex_ru_blocks, h);
		int bg = in_lexicon(sv_lex_bg, sv_lex_bg_blocks, h);
		double w = st->cap && !st->after_end ? LEX_WEIGHT * 0.3 : LEX_WEIGHT;
		if (ru && !bg)
			st->score += w;
		else if (bg && !ru)
			st->score -= w;
		lexical = ru || bg || in_lexicon(sv_lex_both, sv_lex_both_blocks, h);
	}
	/* a listed function word is judged by its weight alone */
	if (sv_langprof_ok && st->nsym >= 2 && !listed && !lexical) {
		int seq[68];
		size_t m = 0;
		seq[m++] = 0;
		for (size_t i = 0; i < st->nsym; i++)
			seq[m++] = st->syms[i];
		seq[m++] = 0;
		long sum = 0;
		for (size_t i = 0; i + 2 < m; i++)
			sum += sv_langprof[(seq[i] * 36 + seq[i + 1]) * 36 + seq[i + 2]];
		double s = (double)sum / 1000.0 / 3.0;
		if (s > 3)
			s = 3;
		if (s < -3)
			s = -3;
		/* a capitalised word inside a sentence is mostly a name: weak evidence */
		if (st->cap && !st->after_end)
			s *= 0.3;
		st->score += s;
	}
	st->wlen = st->nsym = 0;
	st->trunc = 0;
	st->after_end = 0;
}

/* Scores s[0..n) into st (lex: with the lexicon filters). */
static void scan(const char *s, size_t n, int lex, struct lstate *out)
{
	struct lstate st;
	st.score = 0;
	st.letters = st.cyr = st.othercyr = st.words = 0;
	st.wlen = st.nsym = 0;
	st.trunc = st.cap = 0;
	st.after_end = 1;
	st.lex = lex;
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	uint32_t prev = 0;
	/* a long text is judged on its first few thousand words once clear */
	while (i < n && st.words < 20000 && !(st.words >= 2000 && fabs(st.score) > 100)) {
		uint32_t cp;
		i += sv_cp_at(p, n, i, &cp);
		uint32_t k = cp;
		if (cp >= 0x400 && cp < 0x460) {
			k = sv_text_key_cp(cp);
			st.letters++;
			st.cyr++;
			switch (cp) {
			case 0x44B: case 0x42B: /* ы */
			case 0x44D: case 0x42D: /* э */
			case 0x451: case 0x401: /* ё */
				st.score += 3;
				break;
			case 0x45D: case 0x40D: /* ѝ */
				st.score -= 4;
				break;
			case 0x456: case 0x457: case 0x454: case 0x45E: case 0x458: case 0x459:
			case 0x45A: case 0x45B: case 0x45F: case 0x453: case 0x45C: case 0x455:
			case 0x406: case 0x407: case 0x404: case 0x40E: case 0x408: case 0x409:
			case 0x40A: case 0x40B: case 0x40F: case 0x403: case 0x40C: case 0x405:
				st.othercyr++;
				break;
			default:
				break;
			}
			if (k == 0x44A && prev && prev != ' ') {
				/* ъ inside a word: Bulgarian, unless the Russian separating sign */
				uint32_t next = 0;
				if (i < n)
					sv_cp_at(p, n, i, &next);
				next = sv_text_key_cp(next);
				if (next != 0x435 && next != 0x44E && next != 0x44F)
					st.score -= 3;
				else
					st.score -= 0.5;
			}
		} else if (cp == 0x490 || cp == 0x491) {
			st.letters++;
			st.othercyr++;
			k = 0;
		} else if (sv_text_is_letter(cp)) {
			st.letters++;
			k = 0; /* a non-Cyrillic letter: part of no Cyrillic word */
			end_word(&st);
			prev = ' ';
			continue;
		} else if (cp == 0x301 || cp == 0x300 || cp == 0xAD) {
			continue;
		} else if ((cp == '-' || cp == 0x2010 || cp == 0x2011) && st.nsym) {
			/* keep hyphenated words whole for the word list */
			if (st.wlen + 1 < sizeof(st.word))
				st.word[st.wlen++] = '-';
			continue;
		} else {
			k = 0;
		}
		if (k >= 0x430 && k < 0x460) {
			if (!st.nsym)
				st.cap = k != cp;
			if (st.nsym < 64)
				st.syms[st.nsym++] = sym(k);
			else
				st.trunc = 1;
			if (st.wlen + 2 < sizeof(st.word)) {
				st.word[st.wlen++] = (char)(0xC0 | (k >> 6));
				st.word[st.wlen++] = (char)(0x80 | (k & 0x3F));
			} else {
				st.trunc = 1;
			}
			prev = k;
		} else {
			end_word(&st);
			if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == ':')
				st.after_end = 1;
			prev = ' ';
		}
	}
	end_word(&st);
	*out = st;
}

/* Without the lexicon (which costs a cache miss a word) a text is decided
 * only when the evidence is overwhelming; otherwise it is scored again with
 * the lexicon, which is the better judge of short text. */
#define CLEAR_SCORE 15

enum sv_lang sv_lang_detect(const char *s, size_t n, double *confidence)
{
	struct lstate st;
	enum sv_lang lang = SV_LANG_UNKNOWN;
	scan(s, n, 0, &st);
	if (fabs(st.score) < CLEAR_SCORE)
		scan(s, n, 1, &st);
	double conf = 0;
	if (st.letters < 2) {
		lang = SV_LANG_UNKNOWN;
	} else if (st.cyr * 4 < st.letters || st.cyr < 2) {
		lang = SV_LANG_OTHER;
		conf = 1 - (double)st.cyr / (double)st.letters;
	} else if (st.othercyr && st.othercyr * 40 >= st.cyr) {
		lang = SV_LANG_OTHER;
		conf = 0.7;
	} else if (st.score == 0) {
		lang = SV_LANG_UNKNOWN;
	} else {
		lang = st.score > 0 ? SV_LANG_RU : SV_LANG_BG;
		conf = 1.0 / (1.0 + exp(-fabs(st.score)));
	}
	if (confidence)
		*confidence = conf;
	return lang;
}
