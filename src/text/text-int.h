/* Internals of src/text shared between its files: the context struct and
 * small helpers. Not part of the contract; include text/text.h instead.
 * Internal functions are prefixed tx_ (sv_text_ is the contract's). */
#ifndef SV_TEXT_INT_H
#define SV_TEXT_INT_H

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "base/map.h"
#include "text/text.h"

/* A piece of text between two word breaks. */
enum tx_piece_kind { P_SPACE, P_WORD, P_NUMBER, P_OTHER };
struct sv_piece {
	uint32_t start, end;
	int kind;      /* enum tx_piece_kind */
	uint32_t hash; /* a P_WORD short enough for the word cache: sv_hash_fast, else 0 */
};

/* One entry of the lemma cache: a short key stored inline. */
struct sv_lemma_cache {
	uint32_t hash, idx;
	uint8_t len;
	char key[55]; /* long enough for most long words (27 Cyrillic letters) */
};

/* One entry of the word cache: a one-piece word as written, its type,
 * flags and matching key, and where its lemmas are, stored inline. */
#define SV_WORD_CACHE_TEXT 45
struct sv_word_cache {
	uint32_t hash;         /* sv_hash_fast of the word; 0: empty */
	uint8_t len, keylen;   /* bytes of word and key */
	uint8_t type, flags;   /* enum sv_tok_type, enum sv_tok_flags (CAPITAL, LATIN) */
	uint32_t joff[2];      /* Russian, Bulgarian: the lemmas joined (tx_lemmas_joined) */
	uint8_t jlen[2];       /* at joff in the dict's `joined`; 0: not looked up or too long */
	uint8_t keyoff;        /* the key at text + keyoff: 0 when it is the word, else len */
	char text[SV_WORD_CACHE_TEXT]; /* the word, then its key unless they are the same */
};

/* Where a token's lemmas are, joined, for sv_text_analyse. */
struct sv_toklem {
	uint32_t off, len; /* in the dict's `joined`; len 0: not known */
};

/* One language's hunspell dictionary and its lemma memo. */
struct sv_dict {
	void *h;              /* Hunhandle *, NULL until loaded */
	int tried;            /* loading was attempted */
	char *aff, *dic;      /* owned paths found by sv_text_open, or NULL */
	void *conv;           /* UConverter * for a non-UTF-8 dictionary, or NULL */
	struct sv_map memo;   /* key -> index into lists (+1), hashed with sv_hash_fast */
	uint32_t *lists;      /* count (| 1 << 31 when known), the lemmas joined (offset
				 and length in `joined`), then count ids of lemma strings */
	struct sv_buf joined; /* each list's lemmas joined by '|', as sv_text_analyse writes them */
	struct sv_lemma_cache *cache; /* owned: a small direct-mapped cache in front of memo */
	size_t nlists, caplists;
};

/* One entry of sv_text_segment's memo of capitalised words: a direct-mapped
 * cache of their hunspell analysis (64 bytes an entry). */
#define SV_SEG_MEMO 1024
struct sv_seg_memo {
	uint32_t hash;
	uint8_t len, flags;
	char key[58];
};

/* Test switches of sv_text_segment (struct sv_text's seg_flags). */
enum sv_seg_flags {
	SV_SEG_ICU = 1, /* always ICU's sentence iterator, never the fast path */
	SV_SEG_RAW = 2, /* the iterator's breaks alone, without the repairs */
};

struct sv_text {
	char *dirs;                 /* owned: the directories searched */
	UBreakIterator *sent[3];    /* by enum sv_lang (0: root), lazily opened */
	UBreakIterator *word;
	UText *ut;                  /* reused UTF-8 UText */
	UChar *u16;                 /* scratch for sv_text_segment: the paragraph in UTF-16 */
	size_t capu16;
	struct sv_dict dict[3];     /* [SV_LANG_RU], [SV_LANG_BG] */
	struct sv_intern lemmas;    /* every lemma string handed out */
	struct sv_tokens toks;      /* scratch for sv_text_analyse */
	struct sv_buf scratch, scratch2;
	struct sv_piece *pieces;    /* scratch for sv_text_tokenize */
	size_t npieces, cappieces;
	struct sv_word_cache *words; /* owned: direct-mapped cache of words as written */
	struct sv_toklem *toklem;   /* for sv_text_analyse: each token's lemmas, when known */
	size_t captoklem;
	int icu_words;              /* tests: always use ICU's word breaks */
	int seg_flags;              /* tests: enum sv_seg_flags for sv_text_segment */
	struct sv_seg_memo segmemo[2][SV_SEG_MEMO]; /* [SV_LANG_RU - 1], [SV_LANG_BG - 1] */
};

/* The index in t->dict[lang].lists of key's lemmas (lang RU or BG, keylen
 * > 0), computed on first sight. */
uint32_t tx_lemma_list(struct sv_text *t, enum sv_lang lang, const char *key, size_t keylen);
/* The lemmas of list idx joined by '|' (*len bytes, not NUL-terminated). */
static inline const char *tx_lemmas_joined(const struct sv_dict *d, uint32_t idx, size_t *len)
{
	*len = d->lists[idx + 2];
	return d->joined.data + d->lists[idx + 1];
}

/* sv_text_tokenize(); with lang RU or BG also t->toklem[i]: for word
 * tokens the word cache knows, their lemmas joined (len 0 for the others). */
int tx_tokenize_lang(struct sv_text *t, const char *s, size_t n, struct sv_tokens *out,
		     enum sv_lang lang, struct sv_error *err);

/* Splits s[0..n) at its word breaks into t->pieces (replacing them): the
 * fast path when t->icu_words is 0 and it applies, else ICU's iterator. */
int tx_words_break(struct sv_text *t, const char *s, size_t n, struct sv_error *err);

/* ---- Sentence breaks (sentbreak.c) ---- */

#define TX_SB_MAX 512 /* breaks, terminators or capitals a scan keeps */

/* What the fast path's scan finds in a paragraph. */
struct tx_sent_scan {
	uint32_t brk[TX_SB_MAX];  /* ICU's breaks before the end, in order */
	uint32_t term[TX_SB_MAX]; /* '.', '!', '?', U+2026 (first byte), in order */
	uint32_t cap[TX_SB_MAX];  /* upper-case letters after a space, in order */
	size_t nbrk, nterm, ncap;
	int more_brk, more_term, more_cap; /* a list was full */
	int plain;                         /* no space but U+0020 */
};

/* The breaks of one paragraph from the fast path or ICU's iterator. */
struct tx_breaks {
	const unsigned char *s;
	size_t n, pos;      /* the last break, in bytes */
	UBreakIterator *bi; /* NULL on the fast path */
	struct tx_sent_scan *sc; /* the fast path's scan */
	size_t next;        /* the next of sc->brk */
	int u16;            /* ICU iterates the UTF-16 copy in t->u16 */
	int32_t upos;       /* pos in UTF-16 units */
};

/* Sets b up over s[0..n): the fast path when its scan accepts the text
 * (sc filled), else ICU's iterator (t->seg_flags SV_SEG_ICU: always). */
int tx_breaks_init(struct sv_text *t, enum sv_lang lang, const unsigned char *s, size_t n,
		   struct tx_sent_scan *sc, struct tx_breaks *b, struct sv_error *err);
/* The next break (> b->pos), n at the end of the text, SIZE_MAX after it. */
size_t tx_breaks_next(struct tx_breaks *b);

/* The hunspell handle of lang, loaded on first call; NULL when missing. */
void *tx_dict_handle(struct sv_text *t, enum sv_lang lang);

/* Decodes one UTF-8 code point at s[i..n) (never fails: invalid bytes come
 * back as U+FFFD, one byte long); returns its length. */
static inline size_t tx_cp_at(const unsigned char *s, size_t n, size_t i, uint32_t *cp)
{
	unsigned c = s[i];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xE0) == 0xC0 && i + 1 < n) {
		*cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
		return 2;
	}
	if ((c & 0xF0) == 0xE0 && i + 2 < n) {
		*cp = ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
		return 3;
	}
	if ((c & 0xF8) == 0xF0 && i + 3 < n) {
		*cp = ((c & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) | ((s[i + 2] & 0x3Fu) << 6) |
		      (s[i + 3] & 0x3Fu);
		return 4;
	}
	*cp = 0xFFFD;
	return 1;
}

/* The code point ending before byte i of s (start at *pos), or 0. */
static inline uint32_t tx_cp_before(const unsigned char *s, size_t i, size_t *pos)
{
	if (!i)
		return 0;
	size_t j = i - 1;
	while (j > 0 && (s[j] & 0xC0) == 0x80)
		j--;
	uint32_t cp;
	tx_cp_at(s, i, j, &cp);
	if (pos)
		*pos = j;
	return cp;
}

/* A space or line break as the sentence rules see it. */
static inline int tx_is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x202F || cp == 0x2009 || cp == '\n' ||
	       cp == '\r';
}

/* Copies n bytes (a word: short) with a few loads and stores: the hot paths
 * use it, as a memcpy of unknown length is slow to start (docs/FIGURES.md;
 * docs/TEXT.md, "Speed"). */
static inline void tx_copy_short(char *d, const char *s, size_t n)
{
	uint64_t x, y;
	uint32_t u, v;
	if (n >= 8) {
		for (size_t i = 0; i + 8 < n; i += 8) {
			memcpy(&x, s + i, 8);
			memcpy(d + i, &x, 8);
		}
		memcpy(&y, s + n - 8, 8);
		memcpy(d + n - 8, &y, 8);
	} else if (n >= 4) {
		memcpy(&u, s, 4);
		memcpy(&v, s + n - 4, 4);
		memcpy(d, &u, 4);
		memcpy(d + n - 4, &v, 4);
	} else if (n) {
		char c0 = s[0], c1 = s[n / 2], c2 = s[n - 1];
		d[0] = c0, d[n / 2] = c1, d[n - 1] = c2;
	}
}

/* Whether a[0..n) and b[0..n) are the same bytes (n short: a few loads). */
static inline int tx_same_short(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	uint32_t u, v;
	if (n >= 8) {
		for (size_t i = 0; i + 8 < n; i += 8) {
			memcpy(&x, a + i, 8);
			memcpy(&y, b + i, 8);
			if (x != y)
				return 0;
		}
		memcpy(&x, a + n - 8, 8);
		memcpy(&y, b + n - 8, 8);
		return x == y;
	}
	if (n >= 4) {
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		if (u != v)
			return 0;
		memcpy(&u, a + n - 4, 4);
		memcpy(&v, b + n - 4, 4);
		return u == v;
	}
	return !n || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
}

/* Whether s[0..n) is certainly NFC already (a fast conservative check). */
int tx_is_nfc_fast(const char *s, size_t n);

/* The key form of one code point (lower case, ё→е, quotes/dashes unified):
 * returns the mapped code point, 0 when it is dropped (stress marks, soft
 * hyphen), or UINT32_MAX when only ICU's full case folding can say. */
uint32_t tx_key_cp_slow(uint32_t cp);
static inline uint32_t tx_key_cp(uint32_t cp)
{
	if (cp < 0x80 && cp != '`')
		return cp - 'A' < 26u ? cp + 32 : cp;
	if (cp - 0x430u < 0x20u)
		return cp;
	if (cp - 0x410u < 0x20u)
		return cp + 0x20;
	return tx_key_cp_slow(cp);
}

/* Whether cp is a letter, an upper-case letter: fast for Latin and
 * Cyrillic, ICU otherwise. */
int tx_is_letter_slow(uint32_t cp);
int tx_is_upper_slow(uint32_t cp);
static inline int tx_is_letter(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 32) - 'a' < 26u;
	if (cp - 0x400u < 0x82u)
		return 1;
	return tx_is_letter_slow(cp);
}
static inline int tx_is_upper(uint32_t cp)
{
	if (cp < 0x80)
		return cp - 'A' < 26u;
	if (cp - 0x400u < 0x30u)
		return 1;
	if (cp - 0x430u < 0x30u)
		return 0;
	return tx_is_upper_slow(cp);
}

/* Resets the reusable UText over s[0..n) (UTF-8, native index = byte). */
UText *tx_utext(struct sv_text *t, const char *s, size_t n);

/* The language weight of a function word (> 0 Russian, < 0 Bulgarian, 0
 * shared); *listed says whether the word is on the list at all. */
double tx_langword_weight(const char *key, size_t len, int *listed);

/* ---- Word lists (src/text/data/NAME.txt, generated by gen-wordlists) ---- */

/* A word and its weight. */
struct tx_weighted_word {
	const char *w;
	double v;
};

/* Function words for language identification: > 0 Russian, < 0 Bulgarian,
 * in units of strong letter evidence; ends with { NULL, 0 }. */
extern const struct tx_weighted_word tx_words_langid_function_words[];
/* The sentence splitter's word lists (segment.c's WC_ classes), lower-case
 * keys, each ended by NULL; data/<name>.txt says what each holds. */
extern const char *const tx_words_no_break_abbr[];
extern const char *const tx_words_year_abbr[];
extern const char *const tx_words_unit_abbr[];
extern const char *const tx_words_clitics[];
extern const char *const tx_words_num_abbr[];
extern const char *const tx_words_ru_nonfinal[];
extern const char *const tx_words_bg_nonfinal[];
extern const char *const tx_words_ru_final[];
extern const char *const tx_words_bg_final[];
extern const char *const tx_words_ru_namers[];
extern const char *const tx_words_bg_namers[];
extern const char *const tx_words_ru_interrog[];
extern const char *const tx_words_bg_interrog[];
extern const char *const tx_words_possessives[];
extern const char *const tx_words_ru_time[];
extern const char *const tx_words_bg_time[];

#endif
