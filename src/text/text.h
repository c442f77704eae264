/* The Russian/Bulgarian text pipeline: decode a file into paragraphs,
 * normalise, identify the language, split sentences, tokenise, lemmatise.
 *
 * Ownership: struct sv_text holds ICU break iterators, hunspell handles and
 * lemma memo tables; open one per thread with sv_text_open(), free it with
 * sv_text_close(). Strings a function returns as `const char *` are borrowed
 * from the sv_text and stay valid until sv_text_close(). Output containers
 * (sv_doc_text, sv_spans, sv_tokens, sv_buf) are the caller's: pass them
 * initialised, free them with their _release(). */
#ifndef SV_TEXT_H
#define SV_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/lang.h"

/* ---- Decoding input files ------------------------------------------- */

enum sv_format { SV_FORMAT_AUTO = 0, SV_FORMAT_TEXT, SV_FORMAT_HTML };

enum sv_para_kind { SV_PARA_BODY = 0, SV_PARA_TITLE, SV_PARA_HEADING };

struct sv_para {
	char *text;             /* owned, NFC, one line: internal newlines folded to spaces */
	enum sv_para_kind kind;
	uint32_t line;          /* 1-based line of the source where it starts (text input) */
	uint64_t offset;        /* byte offset in the source where it starts */
};

struct sv_doc_text {
	char *title;  /* owned or NULL: <title>, or the header line's text */
	char *date;   /* owned or NULL: YYYY-MM-DD from a " date YYYY-MM-DD outlet" header */
	char *outlet; /* owned or NULL: the rest of that header line */
	struct sv_para *paras; /* owned array */
	size_t npara, cap;
};

#define SV_DOC_TEXT_INIT { NULL, NULL, NULL, NULL, 0, 0 }
void sv_doc_text_release(struct sv_doc_text *doc);

/* Decodes a whole file image: checks UTF-8 (BOM and CRLF accepted), rejects
 * NUL bytes and binary data, parses HTML (title, headings, paragraphs; no
 * scripts, styles or navigation; SV_FORMAT_AUTO recognises it by its first
 * tags) or plain text (a blank line ends a paragraph; a single newline too,
 * as news text puts one paragraph a line). A plain-text first line
 * " date YYYY-MM-DD rest" fills date, outlet and title and is no paragraph.
 * Spaces are trimmed and collapsed; an NBSP between two visible characters
 * stays. With `segmented`, every non-empty line becomes its own paragraph,
 * in order. On bad input (also an empty file or one without text) returns
 * SV_EINPUT with a message naming `name` and the byte offset ("'a.txt':
 * invalid UTF-8 at byte 1834"); out may then hold paragraphs to release. */
int sv_text_decode(const char *name, const char *bytes, size_t n, enum sv_format fmt,
		   int segmented, struct sv_doc_text *out, struct sv_error *err);

/* ---- Normalisation (no context needed) ------------------------------ */

/* Appends s[0..n) in NFC to out. */
void sv_text_nfc(const char *s, size_t n, struct sv_buf *out);
/* Appends the matching key of s[0..n) to out: NFC, case-folded, ё→е (and
 * Ё), stress marks (U+0300, U+0301) and soft hyphens removed, quotes unified
 * to ", apostrophes to ', dashes to -. */
void sv_text_key(const char *s, size_t n, struct sv_buf *out);

/* ---- Language identification ---------------------------------------- */

/* Judges s[0..n) alone. *confidence (may be NULL) gets 0..1. Short or
 * letterless text may come back SV_LANG_UNKNOWN. */
enum sv_lang sv_lang_detect(const char *s, size_t n, double *confidence);

/* ---- The context ----------------------------------------------------- */

struct sv_text;

/* dictdirs: colon-separated directories holding ru_RU.{aff,dic} and
 * bg_BG.{aff,dic}; NULL means $SVERKA_DICT_DIRS or the build default. The
 * dictionaries load on first use; a missing one is an error then, naming
 * the directories searched and the Debian package to install. */
struct sv_text *sv_text_open(const char *dictdirs, struct sv_error *err);
void sv_text_close(struct sv_text *t);

/* Loads lang's dictionary now if needed. SV_OK for other languages; when the
 * dictionary is missing, SV_ESTORE with a message naming the directories
 * searched and the Debian package (hunspell-ru, hunspell-bg) to install.
 * sv_text_analyse() calls it; sv_text_lemmas() without a dictionary uses
 * only the suffix fallback. */
int sv_text_dict_check(struct sv_text *t, enum sv_lang lang, struct sv_error *err);

/* ---- Sentence segmentation ------------------------------------------ */

struct sv_span {
	uint32_t start, len; /* bytes within the paragraph, trimmed of spaces */
};

struct sv_spans {
	struct sv_span *v; /* owned */
	size_t n, cap;
};

void sv_spans_release(struct sv_spans *s);

/* Splits a paragraph into sentences (replacing out's contents): ICU's
 * sentence rules (a fast path over UTF-8 that gives the same breaks as
 * ICU's BreakIterator, which takes over for other text), then for Russian
 * and Bulgarian: abbreviations (г., гг., т.е., т.н., др., проф., ул. ...),
 * initials (В. Путин), numbers (27.11.2025, 22,3%) and quotes (« », „ “)
 * repaired, and a line without final punctuation (a headline) ended where
 * the next sentence starts with a capitalised function word or common word.
 * The common-word test asks lang's hunspell dictionary (loaded on first
 * use; without it only function words count). */
int sv_text_segment(struct sv_text *t, const char *para, size_t n, enum sv_lang lang,
		    struct sv_spans *out, struct sv_error *err);

/* ---- Tokenisation ---------------------------------------------------- */

enum sv_tok_type {
	SV_TOK_WORD = 1,    /* letters (Cyrillic or Latin), maybe with inner hyphens/apostrophes */
	SV_TOK_ACRONYM,     /* all capitals, 2+ letters: ОДКБ, СНГ, NATO */
	SV_TOK_NUMBER,      /* 22,3  2026  1 000  27.11.2025  2026–2030  22,3% */
	SV_TOK_PUNCT,       /* punctuation */
	SV_TOK_SYMBOL,      /* anything else (%, №, $, emoji) */
};

enum sv_tok_flags {
	SV_TOKF_CAPITAL = 1 << 0,  /* first letter upper case */
	SV_TOKF_COMPOUND = 1 << 1, /* a hyphenated whole whose parts follow it */
	SV_TOKF_PART = 1 << 2,     /* a part of the preceding SV_TOKF_COMPOUND token */
	SV_TOKF_LATIN = 1 << 3,    /* Latin letters only */
	SV_TOKF_DATE = 1 << 4,     /* a NUMBER that is a date (27.11.2025) */
	SV_TOKF_RANGE = 1 << 5,    /* a NUMBER that is a range (2026–2030, 9–10) */
	SV_TOKF_PERCENT = 1 << 6,  /* a NUMBER with a percent sign */
	SV_TOKF_SENT_START = 1 << 7, /* first word of the sentence */
};

struct sv_token {
	uint32_t start, len;  /* bytes within the tokenised text */
	uint32_t key, keylen; /* the matching key (sv_text_key), at keys.data + key;
				 for numbers a canonical form: 22.3, 2026-2030, 1000,
				 22.3%, dates as ISO 2025-11-27 */
	uint16_t type;        /* enum sv_tok_type */
	uint16_t flags;       /* enum sv_tok_flags */
};

struct sv_tokens {
	struct sv_token *v; /* owned */
	size_t n, cap;
	struct sv_buf keys; /* owned storage of the keys, NUL-separated */
};

void sv_tokens_release(struct sv_tokens *toks);
static inline const char *sv_token_key(const struct sv_tokens *toks, size_t i)
{
	return toks->keys.data + toks->v[i].key;
}

/* Tokenises s[0..n) into out (replacing its contents): ICU's word breaks
 * (UAX #29; Latin/Cyrillic text takes a fast path with the same rules),
 * hyphenated compounds kept whole (COMPOUND) and then as parts (PART),
 * numbers with decimal commas, spaces in thousands, dates, ranges and
 * percentages joined into one NUMBER token. Whitespace yields no token. */
int sv_text_tokenize(struct sv_text *t, const char *s, size_t n, struct sv_tokens *out,
		     struct sv_error *err);

/* ---- Lemmatisation --------------------------------------------------- */

/* The lemmas of a word given by its key (lower case), in lang: hunspell's
 * stems (ru_RU, bg_BG), memoised; unknown words fall back to a suffix
 * analysis (surnames Жапаров/Жапарова/Жапаровым → жапаров; Bulgarian
 * definite forms Съвета → съвет, Организацията → организация). Writes up
 * to max borrowed lemma keys into lemmas, most likely first, and returns how
 * many there are (at least 1; the key itself when nothing better is known).
 * Lemmas are keys: lower case, ё→е. */
size_t sv_text_lemmas(struct sv_text *t, enum sv_lang lang, const char *key, size_t keylen,
		      const char **lemmas, size_t max);
/* As sv_text_lemmas(); *known (may be NULL) gets 1 when the dictionary knew
 * the word, 0 when the lemmas come from the fallback. */
size_t sv_text_lemmas_ex(struct sv_text *t, enum sv_lang lang, const char *key, size_t keylen,
			 const char **lemmas, size_t max, int *known);

/* Whether key is a function word (preposition, conjunction, particle,
 * pronoun, auxiliary) in lang. */
int sv_text_is_stopword(enum sv_lang lang, const char *key, size_t keylen);

/* The analysed forms of a segment for storage: `norm` gets the matching
 * keys of its word and number tokens joined by single spaces; `lemmas` gets
 * for each of those tokens its lemmas joined by '|' (every lemma of an
 * ambiguous word), tokens separated by single spaces. Both appended, with
 * the same number of entries. A hyphenated compound is one entry (its parts
 * are not repeated); an unknown compound's lemma is its parts with the last
 * lemmatised (российско-киргизских → российско-киргизский). Numbers and
 * acronyms are their own lemmas. Fails when lang's dictionary is missing. */
int sv_text_analyse(struct sv_text *t, enum sv_lang lang, const char *s, size_t n,
		    struct sv_buf *norm, struct sv_buf *lemmas, struct sv_error *err);

/* ---- Reading the analysed forms ---------------------------------------- */

/* The one reader of what sv_text_analyse() writes (and the memory stores).
 * An entry is a run of bytes other than ' ' and NUL; runs of spaces between
 * entries, and before and after them, are skipped. A `norm` entry is a key;
 * a `lemmas` entry is its token's lemmas, alternatives separated by '|'
 * (read them with struct sv_text_lemmas_iter). The iterators borrow the
 * string and never write to it. */
struct sv_text_keys_iter {
	const char *p; /* borrowed: the rest of the string */
};

/* Starts reading the entries of s (NULL reads as ""). */
static inline void sv_text_keys_init(struct sv_text_keys_iter *it, const char *s)
{
	it->p = s ? s : "";
}

/* The next entry: returns 1 with *entry (borrowed, not NUL-terminated) and
 * *len (> 0) set, or 0 when there are no more. */
static inline int sv_text_keys_next(struct sv_text_keys_iter *it, const char **entry, size_t *len)
{
	const char *p = it->p, *e;
	while (*p == ' ')
		p++;
	for (e = p; *e && *e != ' '; e++)
		;
	it->p = e;
	if (e == p)
		return 0;
	*entry = p;
	*len = (size_t)(e - p);
	return 1;
}

/* How many entries s holds (NULL: 0). */
static inline size_t sv_text_keys_count(const char *s)
{
	struct sv_text_keys_iter it;
	const char *e;
	size_t len, n = 0;
	sv_text_keys_init(&it, s);
	while (sv_text_keys_next(&it, &e, &len))
		n++;
	return n;
}

/* A reader of the alternatives of one `lemmas` entry s[0..n): the pieces
 * between '|'. A piece may be empty between two '|' but not after a last
 * one. */
struct sv_text_lemmas_iter {
	const char *p, *end; /* borrowed: the rest of the entry */
};

static inline void sv_text_lemmas_init(struct sv_text_lemmas_iter *it, const char *s, size_t n)
{
	it->p = s;
	it->end = s + n;
}

/* The next lemma: returns 1 with *lemma (borrowed, not NUL-terminated) and
 * *len set, or 0 when there are no more. */
static inline int sv_text_lemmas_next(struct sv_text_lemmas_iter *it, const char **lemma,
				      size_t *len)
{
	if (it->p >= it->end)
		return 0;
	const char *e = memchr(it->p, '|', (size_t)(it->end - it->p));
	if (!e)
		e = it->end;
	*lemma = it->p;
	*len = (size_t)(e - it->p);
	it->p = e + 1;
	return 1;
}

#endif
