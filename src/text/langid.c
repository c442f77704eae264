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


#define FW_CAP 512

/* The function words, open addressing by the signature of their letters
 * (fw_sig), which the scan has at hand. */
static struct {
	const char *w;
	uint32_t sig, len;
	double v;
} fw_tab[FW_CAP];
static size_t fw_maxlen;

/* A word's signature: from its trigram sum but for the last trigram, its
 * last two symbols and their count. */
static inline uint32_t fw_sig(long tri, int sym1, int sym2, size_t nsym)
{
	uint32_t h = (uint32_t)tri * 0x9E3779B1u ^ (uint32_t)(sym1 * 36 + sym2) * 0x85EBCA77u ^
		     (uint32_t)nsym * 0xC2B2AE3Du;
	return h ^ h >> 15;
}

/* Cyrillic U+0400..U+045F: key, trigram symbol and evidence. */
enum { CY_NONE, CY_RU, CY_BG, CY_OTHER };
static struct {
	uint16_t key;
	uint8_t sym, ev, upper;
} cyr[0x60];
static pthread_once_t init_once = PTHREAD_ONCE_INIT;

/* Two-byte letters led by D0 or D1, by (lead & 1) << 6 | (continuation &
 * 0x3F): whether plain_letters() may take them, their trigram symbol and
 * their key's two bytes. */
static struct {
	uint8_t ok, sym;
	char key[2];
} plain_tab[128];

/* A word's trigram score is its sum / 1000 / 3, at most 3 either way: the
 * quotients of the sums that stay within, computed once with the same two
 * divisions (which a word then need not wait for). */
#define TRI_MAX 9000
static double tri_div[2 * TRI_MAX + 1];

/* The lexicon filters' hash of a word (FNV-1a, as gen-langprof.c). */
static uint64_t lex_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
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

/* fw_sig() of the key s[0..n), read as the scan reads a word. */
static uint32_t key_sig(const char *s, size_t n)
{
	long tri = 0;
	int sym1 = 0, sym2 = 0;
	size_t nsym = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += tx_cp_at((const unsigned char *)s, n, i, &cp);
		if (cp == '-')
			continue;
		int y = sym(cp);
		if (nsym)
			tri += sv_langprof[(sym1 * 36 + sym2) * 36 + y];
		sym1 = sym2;
		sym2 = y;
		nsym++;
	}
	return fw_sig(tri, sym1, sym2, nsym);
}

/* The evidence a Cyrillic letter U+0400..U+045F gives by itself. */
static int cyr_ev(uint32_t cp)
{
	switch (cp) {
	case 0x44B: case 0x42B: /* ы */
	case 0x44D: case 0x42D: /* э */
	case 0x451: case 0x401: /* ё */
		return CY_RU;
	case 0x45D: case 0x40D: /* ѝ */
		return CY_BG;
	case 0x456: case 0x457: case 0x454: case 0x45E: case 0x458: case 0x459:
	case 0x45A: case 0x45B: case 0x45F: case 0x453: case 0x45C: case 0x455:
	case 0x406: case 0x407: case 0x404: case 0x40E: case 0x408: case 0x409:
	case 0x40A: case 0x40B: case 0x40F: case 0x403: case 0x40C: case 0x405:
		return CY_OTHER;
	default:
		return CY_NONE;
	}
}

static void langid_init(void)
{
	const struct tx_weighted_word *fwords = tx_words_langid_function_words;
	for (size_t i = 0; fwords[i].w; i++) {
		size_t len = strlen(fwords[i].w);
		uint32_t sig = key_sig(fwords[i].w, len);
		uint32_t h = sig & (FW_CAP - 1);
		while (fw_tab[h].w && strcmp(fw_tab[h].w, fwords[i].w))
			h = (h + 1) & (FW_CAP - 1);
		fw_tab[h].w = fwords[i].w;
		fw_tab[h].sig = sig;
		fw_tab[h].len = (uint32_t)len;
		fw_tab[h].v = fwords[i].v;
		if (len > fw_maxlen)
			fw_maxlen = len;
	}
	for (long sum = -TRI_MAX; sum <= TRI_MAX; sum++) {
		double q = (double)sum / 1000.0 / 3.0;
		tri_div[sum + TRI_MAX] = q > 3 ? 3 : q < -3 ? -3 : q;
	}
	for (uint32_t cp = 0x400; cp < 0x480; cp++) {
		unsigned x = (cp >> 6 & 1) << 6 | (cp & 0x3F);
		if (cp < 0x460) {
			uint32_t k = tx_key_cp(cp);
			plain_tab[x].ok = !cyr_ev(cp) && k != 0x44A;
			plain_tab[x].sym = (uint8_t)sym(k);
			plain_tab[x].key[0] = (char)(0xC0 | (k >> 6));
			plain_tab[x].key[1] = (char)(0x80 | (k & 0x3F));
		}
	}
	for (uint32_t cp = 0x400; cp < 0x460; cp++) {
		uint32_t k = tx_key_cp(cp);
		cyr[cp - 0x400].key = (uint16_t)k;
		cyr[cp - 0x400].sym = (uint8_t)sym(k);
		cyr[cp - 0x400].upper = k != cp;
		cyr[cp - 0x400].ev = (uint8_t)cyr_ev(cp);
	}
}

/* The weight of the function word key[0..len) with signature sig. */
static double fw_weight(const char *key, size_t len, uint32_t sig, int *listed)
{
	*listed = 0;
	if (len > fw_maxlen)
		return 0;
	uint32_t i = sig & (FW_CAP - 1);
	while (fw_tab[i].w) {
		if (fw_tab[i].sig == sig && fw_tab[i].len == len &&
		    tx_same_short(fw_tab[i].w, key, len)) {
			*listed = 1;
			return fw_tab[i].v;
		}
		i = (i + 1) & (FW_CAP - 1);
	}
	return 0;
}

double tx_langword_weight(const char *key, size_t len, int *listed)
{
	pthread_once(&init_once, langid_init);
	return fw_weight(key, len, key_sig(key, len), listed);
}

/* What a text's score is made of, in order, so that it can be scored again
 * with the lexicon without reading it again: letter evidence, and for each
 * word its function-word weight, trigram score and (for the lexicon) key. */
enum { REC_ADD, REC_WORD };
enum { RW_FW = 1, RW_LEX = 2, RW_TRI = 4, RW_NAME = 8 };
struct lrec {
	uint8_t kind, flags; /* REC_*, RW_* */
	uint16_t len;        /* RW_LEX: the key's bytes at `off` in recs.bytes */
	uint32_t off;
	double fw, s;        /* REC_ADD: s is added */
};
#define MAX_RECS 2048
#define MAX_REC_BYTES 32768
struct lrecs {
	struct lrec v[MAX_RECS];
	char bytes[MAX_REC_BYTES];
	size_t n, nbytes;    /* n > MAX_RECS: they did not fit */
};
/* One per thread, as sv_lang_detect() needs no context. */
static _Thread_local struct lrecs recs_tls;

struct lstate {
	double score;       /* > 0 Russian */
	size_t letters, cyr, othercyr, words;
	char word[128];     /* the current word's key, truncated */
	size_t wlen, nsym;
	int sym1, sym2;     /* the last two trigram symbols (sym2 the last) */
	long tri;           /* the trigram sum so far */
	int trunc;
	int cap;            /* the current word starts with a capital */
	int lex;            /* consult the lexicon filters */
	int after_end;      /* the previous word ended a sentence (or none yet) */
	struct lrecs *rec;  /* when recording */
};

static struct lrec *record(struct lstate *st, int kind, int flags, double fw, double s)
{
	struct lrecs *r = st->rec;
	if (!r || r->n >= MAX_RECS) {
		if (r)
			r->n = MAX_RECS + 1;
		return NULL;
	}
	struct lrec *e = &r->v[r->n++];
	e->kind = (uint8_t)kind;
	e->flags = (uint8_t)flags;
	e->fw = fw;
	e->s = s;
	return e;
}

static inline void add(struct lstate *st, double v)
{
	st->score += v;
	if (st->rec)
		record(st, REC_ADD, 0, 0, v);
}

/* The trigram score of the current word. */
static double tri_score(const struct lstate *st)
{
	long sum = st->tri + sv_langprof[(st->sym1 * 36 + st->sym2) * 36];
	double s = sum > TRI_MAX ? 3 : sum < -TRI_MAX ? -3 : tri_div[sum + TRI_MAX];
	/* a capitalised word inside a sentence is mostly a name: weak evidence */
	if (st->cap && !st->after_end)
		s *= 0.3;
	return s;
}

/* The lexicon's evidence on the word with hash h (w: its weight); whether
 * either dictionary or both have it. */
static int lexicon(double *score, uint64_t h, double w)
{
	int ru = in_lexicon(sv_lex_ru, sv_lex_ru_blocks, h);
	int bg = in_lexicon(sv_lex_bg, sv_lex_bg_blocks, h);
	if (ru && !bg)
		*score += w;
	else if (bg && !ru)
		*score -= w;
	return ru || bg || in_lexicon(sv_lex_both, sv_lex_both_blocks, h);
}

static void end_word(struct lstate *st)
{
	st->words++;
	int listed = 0, flags = 0;
	double fw = 0, s = 0;
	if (!st->trunc && st->wlen) {
		fw = fw_weight(st->word, st->wlen, fw_sig(st->tri, st->sym1, st->sym2, st->nsym),
			       &listed);
		st->score += fw;
		flags |= RW_FW;
	}
	/* a form only one dictionary has; a form both have says nothing, and
	 * the trigrams speak only for words neither has (names, rare words) */
	int lexical = 0;
	int name = st->cap && !st->after_end;
	if (sv_langprof_ok && st->nsym >= 2 && !listed && !st->trunc) {
		flags |= RW_LEX;
		if (st->lex)
			lexical = lexicon(&st->score, lex_hash(st->word, st->wlen),
					  name ? LEX_WEIGHT * 0.3 : LEX_WEIGHT);
	}
	/* a listed function word is judged by its weight alone */
	if (sv_langprof_ok && st->nsym >= 2 && !listed) {
		flags |= RW_TRI;
		s = tri_score(st);
		if (!lexical)
			st->score += s;
	}
	if (st->rec) {
		struct lrec *e = record(st, REC_WORD, flags | (name ? RW_NAME : 0), fw, s);
		struct lrecs *r = st->rec;
		if (e && (flags & RW_LEX)) {
			if (r->nbytes + st->wlen > MAX_REC_BYTES) {
				r->n = MAX_RECS + 1;
			} else {
				tx_copy_short(r->bytes + r->nbytes, st->word, st->wlen);
				e->off = (uint32_t)r->nbytes;
				e->len = (uint16_t)st->wlen;
				r->nbytes += st->wlen;
			}
		}
	}
	st->after_end = 0;
}

/* The state of the word being read, for plain_letters(). */
struct wordrun {
	size_t i, nsym, wlen, letters;
	long tri;
	int sym1, sym2;
	uint32_t prev;
};

/* Reads on from r->i the plain Cyrillic letters that continue a word (no
 * evidence of their own, not ъ, the word neither truncated nor about to
 * be): the hot loop, kept apart so that its state stays in registers. */
static __attribute__((noinline)) void plain_letters(const unsigned char *p, size_t n, char *word,
						   struct wordrun *r)
{
	size_t i = r->i, nsym = r->nsym, wlen = r->wlen;
	long tri = r->tri;
	int sym1 = r->sym1, sym2 = r->sym2;
	uint32_t k = r->prev;
	/* letters that fit: nsym < 64 and wlen + 2 < 128 before each */
	size_t room = nsym < 64 && wlen < 127 ? 64 - nsym : 0;
	if (wlen < 127 && (127 - wlen) / 2 < room)
		room = (127 - wlen) / 2;
	size_t left = room;
	while (left && i + 1 < n && (p[i] & 0xFE) == 0xD0) {
		unsigned x = (p[i] & 1u) << 6 | (p[i + 1] & 0x3Fu);
		if (!plain_tab[x].ok)
			break;
		int y = plain_tab[x].sym;
		tri += sv_langprof[(sym1 * 36 + sym2) * 36 + y];
		sym1 = sym2;
		sym2 = y;
		memcpy(word + wlen, plain_tab[x].key, 2);
		wlen += 2;
		left--;
		i += 2;
	}
	size_t letters = room - left;
	if (letters) {
		uint32_t cp = ((p[i - 2] & 0x1Fu) << 6) | (p[i - 1] & 0x3Fu);
		k = cyr[cp - 0x400].key;
	}
	r->i = i, r->nsym = nsym + letters, r->wlen = wlen, r->letters = letters;
	r->tri = tri, r->sym1 = sym1, r->sym2 = sym2, r->prev = k;
}

/* Scores s[0..n) into st (lex: with the lexicon filters; recs: where to
 * record the evidence, or NULL). The current word's state lives in locals,
 * stored into st only for end_word(). */
static void scan(const char *s, size_t n, int lex, struct lrecs *recs, struct lstate *st)
{
	st->score = 0;
	st->letters = st->cyr = st->othercyr = st->words = 0;
	st->trunc = st->cap = 0;
	st->after_end = 1;
	st->lex = lex;
	st->rec = recs;
	if (recs)
		recs->n = recs->nbytes = 0;
	const unsigned char *p = (const unsigned char *)s;
	char *word = st->word;
	size_t i = 0, letters = 0, cyrs = 0, nsym = 0, wlen = 0;
	long tri = 0;
	int sym1 = 0, sym2 = 0, trunc = 0, late = 0;
	uint32_t prev = 0;
#define END_WORD()                                                                   \
	do {                                                                         \
		if (nsym) {                                                          \
			st->nsym = nsym, st->wlen = wlen, st->tri = tri;             \
			st->sym1 = sym1, st->sym2 = sym2, st->trunc = trunc;         \
			end_word(st);                                                \
			nsym = wlen = 0, tri = 0, sym1 = sym2 = 0, trunc = 0;        \
			late = st->words >= 2000;                                    \
		}                                                                    \
	} while (0)
	/* a long text is judged on its first few thousand words once clear
	 * (late: 2000 words read) */
	while (i < n && !(late && (st->words >= 20000 || fabs(st->score) > 100))) {
		uint32_t cp;
		i += tx_cp_at(p, n, i, &cp);
		if (cp - 0x400u < 0x60u) {
			uint32_t k = cyr[cp - 0x400].key;
			letters++;
			cyrs++;
			if (cyr[cp - 0x400].ev) {
				if (cyr[cp - 0x400].ev == CY_RU)
					add(st, 3);
				else if (cyr[cp - 0x400].ev == CY_BG)
					add(st, -4);
				else
					st->othercyr++;
			}
			if (k == 0x44A && prev && prev != ' ') {
				/* ъ inside a word: Bulgarian, unless the Russian separating sign */
				uint32_t next = 0;
				if (i < n)
					tx_cp_at(p, n, i, &next);
				next = tx_key_cp(next);
				if (next != 0x435 && next != 0x44E && next != 0x44F)
					add(st, -3);
				else
					add(st, -0.5);
			}
			/* k is a lower-case Cyrillic letter */
			if (nsym < 64) {
				int y = cyr[cp - 0x400].sym;
				if (nsym)
					tri += sv_langprof[(sym1 * 36 + sym2) * 36 + y];
				else
					st->cap = cyr[cp - 0x400].upper;
				sym1 = sym2;
				sym2 = y;
				nsym++;
			} else {
				trunc = 1;
			}
			if (wlen + 2 < sizeof(st->word)) {
				word[wlen++] = (char)(0xC0 | (k >> 6));
				word[wlen++] = (char)(0x80 | (k & 0x3F));
			} else {
				trunc = 1;
			}
			prev = k;
			if (!late && nsym && !trunc) {
				struct wordrun r = { i, nsym, wlen, 0, tri, sym1, sym2, prev };
				plain_letters(p, n, word, &r);
				i = r.i, nsym = r.nsym, wlen = r.wlen, tri = r.tri;
				sym1 = r.sym1, sym2 = r.sym2, prev = r.prev;
				letters += r.letters;
				cyrs += r.letters;
			}
			continue;
		}
		if (cp == 0x490 || cp == 0x491) {
			letters++;
			st->othercyr++;
		} else if (tx_is_letter(cp)) {
			letters++;
			/* a non-Cyrillic letter: part of no Cyrillic word */
			END_WORD();
			prev = ' ';
			continue;
		} else if (cp == 0x301 || cp == 0x300 || cp == 0xAD) {
			continue;
		} else if ((cp == '-' || cp == 0x2010 || cp == 0x2011) && nsym) {
			/* keep hyphenated words whole for the word list */
			if (wlen + 1 < sizeof(st->word))
				word[wlen++] = '-';
			continue;
		}
		END_WORD();
		if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == ':')
			st->after_end = 1;
		prev = ' ';
	}
	END_WORD();
#undef END_WORD
	st->letters = letters;
	st->cyr = cyrs;
}

/* The score of scan(lex = 1) from the records of scan(lex = 0): the same
 * additions in the same order. */
static double rescore(const struct lrecs *recs)
{
	double score = 0;
	for (size_t i = 0; i < recs->n; i++) {
		const struct lrec *r = &recs->v[i];
		if (r->kind == REC_ADD) {
			score += r->s;
			continue;
		}
		if (r->flags & RW_FW)
			score += r->fw;
		int lexical = 0;
		if (r->flags & RW_LEX)
			lexical = lexicon(&score, lex_hash(recs->bytes + r->off, r->len),
					  r->flags & RW_NAME ? LEX_WEIGHT * 0.3 : LEX_WEIGHT);
		if ((r->flags & RW_TRI) && !lexical)
			score += r->s;
	}
	return score;
}

/* Without the lexicon (which costs a cache miss a word) a text is decided
 * only when the evidence is overwhelming; otherwise it is scored again with
 * the lexicon, which is the better judge of short text. */
#define CLEAR_SCORE 15

enum sv_lang sv_lang_detect(const char *s, size_t n, double *confidence)
{
	struct lstate st;
	struct lrecs *recs = &recs_tls;
	enum sv_lang lang = SV_LANG_UNKNOWN;
	pthread_once(&init_once, langid_init);
	scan(s, n, 0, recs, &st);
	if (fabs(st.score) < CLEAR_SCORE) {
		/* a text of fewer than 2000 words was read to its end */
		if (recs->n <= MAX_RECS && st.words < 2000)
			st.score = rescore(recs);
		else
			scan(s, n, 1, NULL, &st);
	}
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
