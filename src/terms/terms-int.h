/* Internals of term extraction and pairing shared between the files of src/terms/.
 * Not a contract: include terms/terms.h. */
#ifndef SV_TERMS_INT_H
#define SV_TERMS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "terms/terms.h"
#include "base/map.h"

#define TM_MAX_WORDS 8 /* tokens in a candidate, function words inside included */

enum tm_kind { TM_PHRASE = 0, TM_NAME = 1, TM_ACRONYM = 2 };
const char *tm_kind_name(int kind);

/* Word classes guessed from a lemma (no tagger): enough to keep verbs and
 * bare adjectives out and to find a phrase's head. */
enum tm_class { TM_NOUN = 0, TM_ADJ = 1, TM_VERB = 2, TM_STOP = 3 };

/* One occurrence of a candidate: segment index and its bytes there. */
struct tm_occ {
	uint32_t seg;
	uint32_t start;
	uint32_t len;
};

struct tm_term {
	uint32_t w[TM_MAX_WORDS]; /* lemma ids in the language's vocabulary */
	uint8_t n;                /* words, function words inside included */
	uint8_t ncontent;         /* content words */
	uint8_t kind;             /* enum tm_kind */
	uint8_t keep;             /* survives pruning */
	uint8_t projected;        /* spelt from the other language, never seen */
	uint8_t derived;          /* an acronym formed from a seen expansion */
	uint32_t freq;
	uint32_t acro;            /* occurrences written as an acronym (all capitals) */
	uint32_t capital;         /* occurrences starting with a capital letter mid-sentence */
	uint32_t expansion;       /* acronym: its long form's index + 1 (0: none) */
	uint32_t acronym;         /* long form: its acronym's index + 1 */
	double cvalue;
	struct tm_occ *occ;       /* owned */
	uint32_t nocc, capocc;
	char *key;                /* owned lemma key */
	char *citation;           /* owned, or NULL until computed */
	int64_t db;               /* row id once written */
	uint32_t *units;          /* owned sorted unit indices where it occurs */
	uint32_t nunits, capunits;
	uint32_t *docs;           /* owned sorted document indices */
	uint32_t ndocs, capdocs;
	uint32_t *ctx;            /* owned sorted lemma ids of the nouns around it */
	uint32_t nctx, capctx;
};

/* A language's side: vocabulary of lemmas, candidates, segments. */
struct tm_side {
	enum sv_lang lang;
	struct sv_intern lemmas;  /* lemma strings, ids from 1 */
	uint32_t *lemma_freq;     /* by id */
	uint8_t *lemma_class;     /* by id: enum tm_class */
	uint32_t *lemma_cap, *lemma_low; /* mid-sentence capitalised / lower-case counts */
	size_t caplemma;
	struct sv_map cand;       /* lemma key -> term index + 1 */
	struct sv_map votes;      /* lemma -> words it is a candidate lemma of (pass 0) */
	struct tm_term *terms;
	size_t nterms, capterms;
	/* segments */
	char **segtext;           /* owned texts */
	uint32_t *segdoc;         /* document index per segment */
	int64_t *segid;           /* row ids */
	size_t nseg, capseg;
	/* pairing indices */
	struct sv_map keyidx;     /* cognate key -> head lemma id + 1 */
	uint32_t *keynext;        /* next lemma in the same bucket + 1, by id (two keys) */
	uint32_t **post;          /* lemma id -> term indices containing it */
	uint32_t *npost, *cappost;
	size_t npostv;            /* entries of post (lemmas at indexing time) */
};

struct tm_lexicon {
	struct sv_map ru2bg; /* "ru\tbg" -> 1 */
	struct sv_map ru;    /* ru -> index + 1 into lists */
	struct sv_map bg;
	char ***ru_tr, ***bg_tr; /* per entry: NULL-terminated owned arrays of strings */
	size_t nru, nbg, capru, capbg;
	size_t pairs;
};

/* ---- terms-extract.c ------------------------------------------------- */
void tm_side_init(struct tm_side *sd, enum sv_lang lang);
void tm_side_release(struct tm_side *sd);
/* Interns a lemma (stop: a function word), growing the per-lemma arrays. */
uint32_t tm_side_lemma(struct tm_side *sd, const char *s, size_t n, int stop);
/* Adds a segment (text copied); returns its index. */
uint32_t tm_side_segment(struct tm_side *sd, const char *text, uint32_t doc, int64_t id);
/* Counts the candidates and acronym definitions of segment seg. */
int tm_extract_segment(struct tm_side *sd, struct sv_text *t, uint32_t seg, int max_content,
		       struct sv_tokens *toks, struct sv_error *err);
/* Pass 0: counts, for every lemma, the words of segment seg it may be the
 * lemma of; pass 1 (tm_extract_segment) then picks for an ambiguous word
 * the lemma with the most votes (Путина: путин over путина). */
int tm_vote_segment(struct tm_side *sd, struct sv_text *t, uint32_t seg, struct sv_tokens *toks,
		    struct sv_error *err);
void tm_side_cvalue(struct tm_side *sd);
void tm_side_prune(struct tm_side *sd, uint32_t min_freq);

/* ---- terms-lex.c ----------------------------------------------------- */
void tm_lexicon_init(struct tm_lexicon *lx);
void tm_lexicon_release(struct tm_lexicon *lx);
/* Loads a TSV lexicon (ru<TAB>bg[<TAB>...], # comments). */
int tm_lexicon_load(struct tm_lexicon *lx, const char *path, struct sv_error *err);
/* The default path search of sv_terms_opts.lexicon; loads nothing when none. */
int tm_lexicon_load_default(struct tm_lexicon *lx, const char *path, struct sv_error *err);
void tm_lexicon_add(struct tm_lexicon *lx, const char *ru, const char *bg);
int tm_lexicon_has(const struct tm_lexicon *lx, const char *ru, const char *bg);
/* Translations of a word into the other language (borrowed NULL-terminated
 * list, or NULL). from: the word's language. */
char *const *tm_lexicon_find(const struct tm_lexicon *lx, enum sv_lang from, const char *w);

/* ---- terms-text.c: small Cyrillic helpers ------------------------------ */
/* Whether s (UTF-8) ends with suffix. */
int tm_ends(const char *s, const char *suffix);
/* First code point of s is upper case. */
int tm_is_upper_first(const char *s);
/* Appends s with its first letter upper-cased / every letter upper-cased. */
void tm_add_capitalised(struct sv_buf *out, const char *s, size_t n);
void tm_add_upper(struct sv_buf *out, const char *s, size_t n);
/* Lower-cases s into out (replacing), ё -> е. */
void tm_lower(const char *s, size_t n, struct sv_buf *out);
/* The first letter (code point) of s, lower-cased, ё -> е. */
uint32_t tm_first_letter(const char *s);
/* Guesses the class of a lemma in lang. */
int tm_lemma_class(enum sv_lang lang, const char *lemma);
/* Russian grammatical gender of a noun lemma: 'm', 'f' or 'n'. */
char tm_ru_gender(const char *lemma);
/* Bulgarian gender of a noun lemma. */
char tm_bg_gender(const char *lemma);
/* Appends the Russian adjective lemma (masc. nominative) agreeing with gender. */
void tm_ru_agree(const char *adj, char gender, struct sv_buf *out);
void tm_bg_agree(const char *adj, char gender, struct sv_buf *out);
/* Cognate similarity of whole lemmas (0..1): both spelt in one skeleton
 * (ы=и, э=е, ъ=о, no soft sign, й=и, doubles collapsed), then a weighted
 * edit distance (vowels among themselves 0.5) over the longer length. */
double tm_cognate_full(const char *ru, const char *bg);
/* The cognate score used for pairing: the best of the whole-lemma measure,
 * the same over stems (inflectional endings off both sides, 0.98 of it),
 * and the align module's sv_align_cognate() (0.85 of it, as its stems are
 * short and noisy for ranking). */
double tm_cognate(const char *ru, const char *bg);
/* Spells a word of one language in the other (names: ы->и, э->е, ...). */
/* adj: the word is an adjective lemma (-ный -> -ен, -ски -> -ский). */
void tm_translit(enum sv_lang from, const char *w, int adj, struct sv_buf *out);

#endif
