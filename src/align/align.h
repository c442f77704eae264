/* Document pairing and sentence alignment across Russian and Bulgarian, with
 * no neural model and no network: words meet through a shared cognate key
 * (a Russian->Bulgarian rewrite, a stem, a skeleton) and a seed lexicon of
 * non-cognates that grows from confidently aligned sentences.
 *
 * Ownership: struct sv_align (the model) holds the lexicon, the key space,
 * the IDF statistics and the features of every document added to it; open
 * it with sv_align_open(), free it with sv_align_close(). Documents passed in
 * are borrowed for the duration of the call only. Output containers
 * (sv_align_links, sv_align_docpairs) are the caller's: initialise them with
 * their _INIT and free them with their _release(). Not thread-safe: one model
 * per thread. */
#ifndef SV_ALIGN_H
#define SV_ALIGN_H

#include <stddef.h>
#include <stdint.h>

#include "align/lexicon.h"
#include "base/error.h"
#include "text/text.h"

/* ---- Input ----------------------------------------------------------- */

/* One sentence (segment). All borrowed. norm and lemmas are what
 * sv_text_analyse() produces; lemmas may be NULL or "" (norm is used). */
struct sv_align_sent {
	const char *text;   /* the original text (for length and names); may be NULL */
	const char *norm;   /* matching keys of word and number tokens, space-separated */
	const char *lemmas; /* per token its lemmas joined by '|', space-separated */
};

struct sv_align_doc {
	const char *name;       /* for messages; may be NULL */
	enum sv_lang lang;      /* SV_LANG_RU or SV_LANG_BG */
	const char *date;       /* YYYY-MM-DD or NULL */
	const struct sv_align_sent *sents;
	size_t n;
};

/* ---- Output ---------------------------------------------------------- */

enum sv_align_method {
	SV_ALIGN_AUTO = 0,     /* choose per document pair from how parallel it looks */
	SV_ALIGN_MONOTONE = 1, /* translations: banded dynamic programming over beads */
	SV_ALIGN_MINING = 2,   /* comparable coverage: margin-scored mutual best pairs */
};

/* "auto", "monotone", "mining". */
const char *sv_align_method_name(enum sv_align_method m);

/* A link joins ru sentences [ru, ru + nru) with bg sentences [bg, bg + nbg)
 * (0-based indices into the documents). Its type is "nru-nbg"; monotone
 * links have nru + nbg >= 2 (orphans are not reported), mined links are 1-1.
 * score is the link's similarity in 0..1 (merged text for n-m links); for
 * mined links margin is the ratio to the neighbourhood (1 = no better than
 * the k nearest competitors), 0 for monotone links. */
struct sv_align_link {
	uint32_t ru, nru;
	uint32_t bg, nbg;
	float score;
	float margin;
	uint8_t method; /* enum sv_align_method: MONOTONE or MINING */
};

struct sv_align_links {
	struct sv_align_link *v; /* owned */
	size_t n, cap;
	enum sv_align_method method; /* the mode that produced them */
	float parallelness;          /* 0..1, how monotone the document pair looked (AUTO only) */
};

#define SV_ALIGN_LINKS_INIT { NULL, 0, 0, SV_ALIGN_AUTO, 0 }
void sv_align_links_release(struct sv_align_links *l);

/* A document pair: indices as returned by sv_align_add(). */
struct sv_align_docpair {
	size_t ru, bg;
	float score; /* 0..1 */
	int best;    /* 1 when bg is ru's best partner (bit 0) / ru is bg's best (bit 1) */
};

struct sv_align_docpairs {
	struct sv_align_docpair *v; /* owned, by ru then descending score */
	size_t n, cap;
};

#define SV_ALIGN_DOCPAIRS_INIT { NULL, 0, 0 }
void sv_align_docpairs_release(struct sv_align_docpairs *p);

/* ---- Options --------------------------------------------------------- */

struct sv_align_opts {
	enum sv_align_method method; /* default AUTO */
	/* Monotone: beads up to max_merge sentences per side (default 3, at
	 * least 2). Skip level: the skip_pct-th percentile (default 0.98) of
	 * the similarities of random off-diagonal pairs of the document pair,
	 * scaled by skip_scale (default 1.0); a bead's lexical log-odds is its
	 * similarity above that level in units of those pairs' tail. */
	int max_merge;
	double skip_pct;
	double skip_scale;
	/* Mining: k nearest competitors for the margin (default 4); a pair is
	 * a candidate when it is mutual best by margin and its margin >=
	 * min_margin (default 1.4). Its evidence z is its similarity above the
	 * background's skip_pct level in units of the background's tail, plus
	 * the length term (background: pairs of the document pair that are
	 * neither their row's nor column's best, topped up with pairs against
	 * other documents when the pair is small). Candidates are kept by a
	 * Benjamini-Hochberg step at false discovery rate mine_alpha (default
	 * 0.05): the r best pass when the r-th clears
	 * log(pairs compared * (1 - skip_pct) / (r * mine_alpha)), and every
	 * kept pair has z >= 2.5 whatever the step allows. */
	int k;
	double min_margin;
	double mine_alpha;
	/* Document pairing: pairs with score >= doc_threshold (default 0.25)
	 * and >= doc_ratio (default 0.6) of the document's best are reported,
	 * besides each document's best partner above doc_floor (default 0.05).
	 * date_days (default 7): a date difference of that many days halves the
	 * date factor; documents without dates are not penalised. */
	double doc_threshold, doc_ratio, doc_floor, date_days;
	/* Runs (sv_align_run): passes over all pairs (default 2); the model
	 * learns from each pass's confident links before the next. */
	int passes;
};

void sv_align_opts_init(struct sv_align_opts *o);

/* ---- The model ------------------------------------------------------- */

struct sv_align;

/* Opens a model with the seed lexicon read from `lexicon`, or when NULL from
 * the search path of sv_lexicon_read() (align/lexicon.h). NULL with err set
 * when the lexicon cannot be read or none is found. */
struct sv_align *sv_align_open(const char *lexicon, struct sv_error *err);
/* Opens a model with the single-word pairs of lex (borrowed for the call;
 * NULL: none, cognates only). Cannot fail. */
struct sv_align *sv_align_open_lexicon(const struct sv_lexicon *lex);
void sv_align_close(struct sv_align *a);

/* Adds the single-word pairs of a lexicon file (read as sv_lexicon_read()). */
int sv_align_lexicon_load(struct sv_align *a, const char *path, struct sv_error *err);
/* Adds the single-word pairs of lex (borrowed for the call). */
void sv_align_lexicon_use(struct sv_align *a, const struct sv_lexicon *lex);
/* Adds one pair of words (lemmas) to the lexicon. Returns 1 when added, 0
 * when the pair was refused (already linked, or it would merge too much). */
int sv_align_lexicon_add(struct sv_align *a, const char *ru, const char *bg);
/* Lexicon pairs loaded or learnt so far. */
size_t sv_align_lexicon_size(const struct sv_align *a);
/* Word pairs in the translation table learnt by sv_align_learn(). */
size_t sv_align_table_size(const struct sv_align *a);

/* Adds a document (its features are copied; doc is borrowed for the call).
 * *id gets its index (dense, from 0, in order of addition). A language other
 * than RU or BG is SV_EUSAGE. */
int sv_align_add(struct sv_align *a, const struct sv_align_doc *doc, size_t *id,
		 struct sv_error *err);
size_t sv_align_count(const struct sv_align *a);

/* Aligns the sentences of documents ru and bg (RU and BG documents) with
 * opts (NULL for defaults), replacing out's contents. */
int sv_align_sentences(struct sv_align *a, size_t ru, size_t bg, const struct sv_align_opts *opts,
		       struct sv_align_links *out, struct sv_error *err);

/* Pairs every RU document with the BG documents that cover the same event,
 * replacing out's contents. */
int sv_align_docs(struct sv_align *a, const struct sv_align_opts *opts,
		  struct sv_align_docpairs *out, struct sv_error *err);

/* Records the confident 1-1 links of an aligned pair (score well above the
 * pair's skip level) as training evidence: word co-occurrences for the
 * lexicon and sentence lengths for the length model. */
void sv_align_observe(struct sv_align *a, size_t ru, size_t bg, const struct sv_align_links *links);
/* Re-estimates from the evidence observed so far: adds word pairs that
 * co-occur consistently (Dice over unmatched words, mutual best, seen at
 * least twice) to the lexicon, the length ratio and variance, and replaces
 * the translation table: IBM-1 both ways over the words the cognates and
 * the lexicon left unmatched in the confident pairs, keeping the pairs whose
 * two probabilities' geometric mean, times c / (c + 1) for a pair seen in c
 * confident pairs, is at least 0.4 (mining counts such a pair as a match
 * weighted by it). Returns the number of word pairs added
 * to the lexicon. */
size_t sv_align_learn(struct sv_align *a);

/* ---- Runs: many document pairs at once --------------------------------- */

/* One document pair of a run. */
struct sv_align_job {
	size_t ru, bg;               /* model document indices (sv_align_add) */
	enum sv_align_method method; /* this pair's mode (opts->method is not used) */
	struct sv_align_links links; /* the result: SV_ALIGN_LINKS_INIT before, the caller
				      * releases it with sv_align_links_release() */
};

/* Aligns the sentences of every job, learning across the whole run: each
 * pass aligns all pairs and observes their confident links
 * (sv_align_observe), the model learns from them (sv_align_learn), and the
 * next pass aligns again with what was learnt; the last pass's links are
 * the result. A run of one pair makes one pass. opts NULL for defaults. On
 * error err names the pair and the jobs' links are unspecified. */
int sv_align_run(struct sv_align *a, struct sv_align_job *jobs, size_t n,
		 const struct sv_align_opts *opts, struct sv_error *err);

/* ---- Scoring pieces (exposed for tests and tools) --------------------- */

/* Similarity of two sentences given as norm/lemmas strings (ru then bg), in
 * 0..1, with IDF weights from the documents added so far (uniform when none)
 * and the translation table learnt by sv_align_learn(), as mining scores it. */
double sv_align_similarity(struct sv_align *a, const struct sv_align_sent *ru,
			   const struct sv_align_sent *bg);
/* Cognate similarity of a Russian and a Bulgarian word (lower case): 1 minus
 * a Russian-Bulgarian weighted edit distance over the shorter stem, in 0..1
 * (сотрудничество/сътрудничество ~ 0.95, стол/маса ~ 0). */
double sv_align_cognate(const char *ru, const char *bg);
/* Writes the cross-language cognate key of word (lower case) in lang to
 * out (replacing its contents); equal keys mean likely cognates. */
void sv_align_cognate_key(enum sv_lang lang, const char *word, struct sv_buf *out);

#endif
