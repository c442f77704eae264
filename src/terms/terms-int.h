/* Internals of term extraction and pairing shared between the files of src/terms/.
 * Not a contract: include terms/terms.h. */
#ifndef SV_TERMS_INT_H
#define SV_TERMS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "terms/terms.h"
#include "base/map.h"
#include "base/map64.h"

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
/* Frees the pairing indices of sd (keyidx, keynext, postings), which tm_side_index() built. */
void tm_side_index_release(struct tm_side *sd);
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
/* Adds the pairs of lex (borrowed), lower-cased. */
void tm_lexicon_use(struct tm_lexicon *lx, const struct sv_lexicon *lex);
/* Adds the lexicon of o: o->lex, else the file o->lexicon read (or searched
 * for) by sv_lexicon_read(). */
int tm_lexicon_load(struct tm_lexicon *lx, const struct sv_terms_opts *o, struct sv_error *err);
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

/* ---- The pairing model (model.c, acronym.c, context.c, learn.c, pair.c, cite.c,
 * project.c, lists.c) ------------------------------------------------------------ */

/* The two sides of a model, indexing struct tm_model.side[] and everything kept per side. */
enum tm_side_index { TM_RU = 0, TM_BG = 1 };
#define TM_OTHER(s) (1 - (s)) /* the other side of side s */

/* The side index of a language (SV_LANG_RU or SV_LANG_BG). */
static inline int tm_side_of(enum sv_lang lang)
{
	return lang == SV_LANG_BG ? TM_BG : TM_RU;
}

/* Which evidence a pair's base score comes from. */
enum tm_how {
	TM_HOW_WORDS = 0,     /* compositional: the content words matched (tm_words_score) */
	TM_HOW_ACRONYM = 1,   /* acronym letters (tm_acronym_score) */
	TM_HOW_PROJECTED = 2, /* one term spelt from the other (project.c) */
	TM_HOW_DERIVED = 3,   /* an acronym formed from a long form facing an acronym */
};

/* Whether the two terms of a pair occur in paired documents. */
enum tm_docs {
	TM_DOCS_UNPAIRED = 0, /* the memory pairs documents, but none of theirs */
	TM_DOCS_PAIRED = 1,   /* in documents paired with each other */
	TM_DOCS_UNKNOWN = 2,  /* no document pairs known, or a term never seen */
};

/* Bits of tm_pair.best_for: the pair is the best-scoring one of its term on that side. */
enum { TM_BEST_FOR_RU = 1, TM_BEST_FOR_BG = 2 };

struct tm_pair {
	uint32_t term[2];         /* term index per side */
	float score;              /* final score (tm_pair_finish, then mark_mutual) */
	float base;               /* score of the evidence named by how */
	uint32_t units_together;  /* aligned units where both occur */
	uint8_t docs;             /* enum tm_docs */
	float ctx;                /* context similarity (comparable text), -1 when not used */
	uint8_t how;              /* enum tm_how */
	uint8_t mutual;           /* best for both terms */
	uint8_t best_for;         /* TM_BEST_FOR_RU | TM_BEST_FOR_BG */
};

/* A word pair learnt from aligned units, kept per side and lemma id. */
struct tm_learnt {
	uint32_t partner; /* lemma id on the other side, 0 when none */
	float dice;       /* Dice over the units where both occur */
};

/* An aligned unit as evidence: the one-word, non-acronym term lemmas of each side. */
struct tm_unit {
	uint32_t *lemmas[2];  /* owned sorted lemma ids, per side */
	uint32_t nlemmas[2];
};

/* Memoised translations of one lemma into the other side: n, then n lemma ids. */
struct tm_trans_cache {
	uint32_t **by_lemma; /* owned, per lemma id: NULL until computed, else [n, ids...] */
	size_t nlemmas;      /* lemmas known when the cache was made (later ones are not kept) */
};

struct tm_model {
	struct sv_text *text;         /* borrowed: tokeniser and lemmas */
	struct sv_terms_opts opts;    /* as given, out-of-range values replaced by defaults */
	struct tm_side side[2];       /* indexed by enum tm_side_index */
	struct tm_lexicon lx;
	struct tm_learnt *learnt[2];  /* per side, by lemma id (NULL before learning) */
	size_t nlearnt;
	struct tm_unit *units;        /* aligned units, until learning */
	size_t nunits, capunits;
	/* segment row id -> side and index (TM_WHERE_BG | index + 1; 0: not a term segment) */
	uint32_t *seg_where;
	size_t nseg_where;
	uint32_t *seg_term_off[2];    /* per side and segment: offsets into seg_term_ids (CSR) */
	uint32_t *seg_term_ids[2];    /* kept terms occurring in each segment */
	struct sv_map64 docpairs;     /* (ru document << 32 | bg document) -> 1 */
	size_t ndocpairs;
	double cog_floor;             /* cognate similarity below this counts as none */
	/* (ru lemma << 32 | bg lemma) -> similarity * 10000 + 1 | why << 16 (tm_word_sim) */
	struct sv_map64 word_sim_cache;
	struct tm_trans_cache trans_cache[2]; /* by the translated lemma's side */
	struct tm_pair *pairs;
	size_t npairs, cappairs;
	/* candidate search: other-side term j was met for the current term when
	 * seen_mark[j] == seen_epoch (one increment forgets them all) */
	uint32_t *seen_mark;
	size_t capseen;
	uint32_t seen_epoch;
	struct sv_buf key_buf, bucket_buf; /* scratch for the cognate keys of tm_side_index() */
};

#define TM_WHERE_BG 0x80000000u /* tm_model.seg_where: the segment is Bulgarian */

/* model.c */
void tm_model_init(struct tm_model *m, struct sv_text *t, const struct sv_terms_opts *o);
void tm_model_release(struct tm_model *m);
/* The lemma string of id on side sd (borrowed from its vocabulary). */
static inline const char *tm_lemma(const struct tm_side *sd, uint32_t id)
{
	return sv_intern_str(&sd->lemmas, id);
}
/* Builds side s's cognate-key buckets and lemma -> term postings for pairing. */
void tm_side_index(struct tm_model *m, int s);
/* Why two words are alike (tm_word_sim). */
enum tm_why { TM_WHY_NONE = 0, TM_WHY_SAME, TM_WHY_LEXICON, TM_WHY_LEARNT, TM_WHY_COGNATE };
/* Similarity 0..1 of Russian lemma ru and Bulgarian lemma bg (memoised); *why gets the
 * evidence (enum tm_why). */
double tm_word_sim(struct tm_model *m, uint32_t ru, uint32_t bg, int *why);
/* One matched word pair of tm_words_score(). */
struct tm_match {
	uint32_t r, b; /* Russian and Bulgarian lemma ids */
	double w;      /* their similarity */
	int why;       /* enum tm_why */
};
/* Compositional score of Russian term a and Bulgarian term b: their content words matched
 * greedily by word similarity, 2 * sum / (content words of both). out (may be NULL; room for
 * TM_MAX_WORDS) gets the matches, *nout (may be NULL) their number. */
double tm_words_score(struct tm_model *m, const struct tm_term *a, const struct tm_term *b,
		      struct tm_match *out, size_t *nout);
/* Up to max translations (lemma ids on the other side) of content lemma id of side `from`:
 * the same spelling, the lexicon, the learnt partner, cognates by key. Memoised for the
 * lemmas known when first asked. */
size_t tm_translations(struct tm_model *m, int from, uint32_t id, uint32_t *out, size_t max);
/* A kept term on side sd from n lemma strings (joined into its key) and a citation (copied);
 * an existing term with that key is kept and returned instead. Returns its index. */
uint32_t tm_term_new(struct tm_side *sd, const char *const *lemmas, size_t n,
		     const char *citation, int kind);

/* acronym.c */
/* Acronym evidence (0: none) between Russian term a and Bulgarian term b when either is an
 * acronym: same letters, or letters spelling the other's expansion or the other term itself
 * word by word through translations. ev (may be NULL) gets the evidence text. */
double tm_acronym_score(struct tm_model *m, const struct tm_term *a, const struct tm_term *b,
			struct sv_buf *ev);
/* Pairs every kept acronym with the kept terms it scores against, then forms and pairs the
 * acronyms of the long forms that faced an acronym of the other language only. */
void tm_pair_acronyms(struct tm_model *m);

/* context.c */
/* Appends x to the list v unless it is its last entry. */
void tm_list_add(uint32_t **v, uint32_t *n, uint32_t *cap, uint32_t x);
/* Sorts v and removes repeats. */
void tm_sort_unique(uint32_t *v, uint32_t *n);
/* Per segment of side s, the kept terms occurring in it (tm_model.seg_term_*), and the
 * documents of each kept term. */
void tm_side_seg_terms(struct tm_model *m, int s);
/* Records aligned unit `unit` for the terms of the given segment row ids of side s, and
 * collects the lemmas of its one-word terms into *set (sorted, unique). */
void tm_unit_side(struct tm_model *m, int s, const int64_t *segs, size_t nsegs, uint32_t unit,
		  uint32_t **set, uint32_t *nset, uint32_t *capset);
/* Each kept term's context: the lemmas of the one-word noun terms around it. */
void tm_side_contexts(struct tm_model *m, int s);
/* The final score of a pair from its base score and co-occurrence (docs/TERMS.md,
 * "Context"). */
void tm_pair_finish(struct tm_model *m, struct tm_pair *p);

/* learn.c */
/* Learns word pairs from the model's units (competitive linking, mutual best Dice) into
 * tm_model.learnt, and forgets the word similarities computed before. */
void tm_learn_words(struct tm_model *m);

/* pair.c */
/* Adds the pair (ru, bg) with its base score and evidence kind, and finishes its score. */
void tm_pair_push(struct tm_model *m, uint32_t ru, uint32_t bg, double base, int how);
/* best[s][i]: the best score of a pair of term i of side s (arrays owned by the caller). */
void tm_best_scores(struct tm_model *m, float *best[2]);
/* Every pairing step after extraction: indices, citations, compositional pairs, acronyms,
 * projection, mutual best. Fails only when tokenisation does. */
int tm_pair_sides(struct tm_model *m, struct sv_terms_stats *stats, struct sv_error *err);
/* Replaces ev's contents with the readable evidence of pair p. */
void tm_pair_evidence(struct tm_model *m, const struct tm_pair *p, struct sv_buf *ev);

/* cite.c */
/* The citation form of every kept term of side s that has none yet. */
int tm_side_citations(struct tm_model *m, int s, struct sv_error *err);

/* project.c */
/* Pairs each name or acronym of one language left without a partner scoring 0.5 with its
 * spelling in the other language (docs/TERMS.md, "Projection"); counts them in stats. */
void tm_project_all(struct tm_model *m, struct sv_terms_stats *stats);

#endif
