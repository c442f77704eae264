/* Internals shared by the src/align/ files: the model's layout, the key
 * space (raw cognate keys joined into concepts by a union-find), sentence
 * feature sets, and the similarity kernel. Not a public header. */
#ifndef SV_ALIGN_INT_H
#define SV_ALIGN_INT_H

#include "align/align.h"
#include "base/buf.h"
#include "base/map.h"

/* Classes of concepts: words count in full; numbers and names are anchors
 * whose total weight in a sentence (and in a match) is capped. */
enum { AL_WORD = 0, AL_NUMBER = 1, AL_NAME = 2, AL_NCLS = 3 };

/* Keys are interned strings (cognate keys, "#22.3" numbers); ids from 1. */
struct al_doc {
	char *name;       /* owned or NULL */
	enum sv_lang lang;
	long day;         /* days since 1970-01-01, or -1 */
	size_t first, n;  /* its sentences in the model's sentence arrays */
};

struct al_sent {
	uint32_t raw_off, raw_n; /* raw key ids (unique) in a->raw */
	uint32_t off, n;         /* concept ids (sorted, unique) in a->fk after finalise */
	uint32_t len;            /* characters of the text (or of norm) */
	float wc[AL_NCLS];       /* total weight per class (after finalise) */
	uint16_t ntok;           /* word and number tokens */
};

/* Evidence for learning: co-occurrence of unmatched keys in confident pairs. */
struct al_cooc {
	struct sv_map pairs; /* "ru_id:bg_id" -> count */
	uint32_t *cru, *cbg; /* per concept id: confident sentences with it unmatched */
	size_t ccap;
	size_t npairs;       /* confident sentence pairs observed */
	size_t nlen;         /* 1-1 links above the skip level (for the length model) */
	double sl, sll, sb, sbb, slb; /* length sums for c and s2 */
	/* the unmatched concepts of each confident pair, for the translation
	 * table: nx, ny, then nx RU and ny BG concept ids, pair after pair */
	uint32_t *res;
	size_t nres, rescap;
};

/* The learnt translation table: word pairs the cognates and the lexicon
 * leave apart, each with the probability that they translate each other
 * (IBM-1 both ways, on the unmatched words of confident pairs). Entries
 * hold key ids; by[] lists them by the current concept of the RU word. */
struct al_tt {
	uint32_t *ru, *bg;   /* entries: key ids */
	float *p;
	size_t n, cap;
	uint32_t *off;       /* per concept id: its entries in to/tp (CSR), nk + 1 */
	uint32_t *to;        /* BG concept of each entry, by RU concept */
	float *tp;
	size_t nk;           /* concepts covered by off (0: no entries) */
	int stale;           /* off/to/tp are to be rebuilt (al_tt_index) */
};

struct sv_align {
	struct sv_intern keys;  /* raw key strings */
	uint32_t *parent;       /* union-find over key ids */
	uint32_t *csize;        /* concept sizes (roots only) */
	uint8_t *flags;         /* per key: KF_* */
	uint32_t *full;         /* per key: offset + 1 of its full skeleton in fullbuf, or 0 */
	size_t kcap;
	struct sv_buf fullbuf;  /* full (untruncated) skeletons, NUL-separated */
	struct sv_map words;    /* "r:word"/"b:word" -> key id (memo of the cognate keys) */
	size_t lexn;            /* lexicon pairs accepted */

	struct al_doc *docs;
	size_t ndocs, dcap;
	struct al_sent *sents;
	size_t nsents, scap;
	uint32_t *raw;          /* raw key ids of all sentences */
	size_t nraw, rcap;

	/* finalised state (rebuilt when dirty) */
	int dirty;
	uint32_t *fk;           /* concept ids per sentence */
	size_t nfk, fkcap;
	float *w;               /* weight per concept (root) id */
	uint8_t *cls;           /* class per concept (root) id: AL_WORD ... */
	uint32_t *df;           /* sentence frequency per concept id */
	size_t wcap;
	double nsent_idf;       /* sentences counted for the IDF */

	double c, s2;           /* length model: bg chars ~ c * ru chars, variance s2 per char */
	struct al_cooc ev;
	struct al_tt tt;
	struct sv_buf scratch;
};

enum { KF_NUM = 1, KF_LATIN = 2, KF_STOP = 4, KF_RU = 8, KF_BG = 16, KF_NAME = 32 };

/* Weight factor of function words (on top of their IDF). */
#define AL_STOP_WEIGHT 1.0f

/* Gale-Church's variance of the length ratio per character. */
#define AL_S2_DEFAULT 6.8

/* Number and name weights are capped per sentence at this much (IDF
 * units: about one rare word), on each side and in the match. */
#define AL_NUM_CAP 3.0f
#define AL_NAME_CAP 30.0f

void al_key(enum sv_lang lang, const char *word, size_t len, int pleo, struct sv_buf *out,
		   int *pleo_done);
size_t al_stem(enum sv_lang lang, const char *word, size_t len, uint32_t *cp, size_t max,
		      int pleo, int *pleo_done);

uint32_t al_key_id(struct sv_align *a, const char *key, size_t len);
uint32_t al_find(struct sv_align *a, uint32_t k);
/* Joins two keys' concepts unless the result exceeds max_size keys; 1 when joined. */
int al_union(struct sv_align *a, uint32_t x, uint32_t y, uint32_t max_size);
/* Joins concepts seen in one language only with their closest cognate in
 * the other (weighted edit distance over full skeletons, mutual best). */
void al_cognate_link(struct sv_align *a);
/* The full skeleton of a word (no truncation) as code points; its length. */
size_t al_full_skeleton(enum sv_lang lang, const char *w, size_t n, uint32_t *cp, size_t max);
/* The raw key of a word in lang (memoised). */
uint32_t al_word_key(struct sv_align *a, enum sv_lang lang, const char *w, size_t n);
/* Rebuilds concept sets, IDF weights when dirty. */
void al_finalise(struct sv_align *a);

/* A set of concepts with weights: the features of one sentence or a merge. */
struct al_set {
	const uint32_t *k;
	uint32_t n;
	float wc[AL_NCLS]; /* total weight per class (uncapped) */
	uint32_t len; /* characters */
};

void al_set_of(struct sv_align *a, size_t sent, struct al_set *s);
/* Union of sets into buf (keys stored in *store, grown as needed). */
void al_set_merge(struct sv_align *a, const struct al_set *const *parts, size_t np,
		  uint32_t **store, size_t *cap, struct al_set *out);
double al_sim(const struct sv_align *a, const struct al_set *x, const struct al_set *y);
/* al_sim with the learnt translation table: a pair of words left unmatched,
 * one on each side, counts as a match weighted by its probability. x is
 * the RU side. */
double al_sim_tt(const struct sv_align *a, const struct al_set *x, const struct al_set *y);
/* Rebuilds the table's index over the current concepts when stale (after
 * al_finalise or sv_align_learn). Only mining and sv_align_similarity use
 * the table, so monotone runs never pay for it. */
void al_tt_index(struct sv_align *a);
void al_tt_push(struct al_tt *tt, uint32_t ru, uint32_t bg, float p);
/* The same with x's weights spread in a dense array indexed by concept
 * (al_mark(..., 1) before, al_mark(..., 0) after to clear it): faster when
 * one x meets many y. */
void al_mark(const struct sv_align *a, const struct al_set *x, float *mark, int on);
double al_sim_marked(const struct sv_align *a, const float *mark, const struct al_set *x,
		     const struct al_set *y);

/* Length log-odds term of a bead (ru chars, bg chars), about -3..1. */
double al_len_term(const struct sv_align *a, double lru, double lbg);

int al_monotone(struct sv_align *a, const struct al_doc *ru, const struct al_doc *bg,
		const struct sv_align_opts *o, struct sv_align_links *out);
int al_mine(struct sv_align *a, const struct al_doc *ru, const struct al_doc *bg,
	    const struct sv_align_opts *o, double alpha, struct sv_align_links *out);
/* The skip level of a document pair: a high percentile of the similarities
 * of pairs unlikely to be translations; *bg_mean gets their mean. */
double al_skip_level(struct sv_align *a, const struct al_doc *ru, const struct al_doc *bg,
		     const struct sv_align_opts *o, int shuffled, double *bg_mean, double *scale);

/* Sorts v[0..k) and gives its pct-quantile, tail scale (mean excess over
 * the median of the upper half) and mean; defaults when k < 8. */
void al_tail(double *v, size_t k, double pct, double *q, double *lam, double *mean);

/* The tries-th draw of a background pair (*i of n, *j of m): when n * m <=
 * max every pair once in order (0 once tries reaches n * m), else a random
 * one from al_lcg(seed). In mine.c; the background samplers share it. */
int al_bg_pair(size_t n, size_t m, size_t max, size_t tries, uint64_t *seed, size_t *i, size_t *j);

void al_link_add(struct sv_align_links *l, uint32_t ru, uint32_t nru, uint32_t bg, uint32_t nbg,
		 float score, float margin, int method);

/* The next value of a 64-bit linear congruential generator seeded by *s:
 * reproducible sampling of background pairs. */
static inline uint64_t al_lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

#endif
