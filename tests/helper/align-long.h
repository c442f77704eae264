/* Test helper: long document pairs built from a parallel corpus (ntrex-dev's
 * parallel lines cycled, or made distinct by joining two lines), with a share
 * of lines deleted independently on each side, aligned monotone and scored
 * against the lines kept on both sides. Shared by the align quality test and
 * bench/bench-align-long. */
#ifndef SV_TEST_ALIGN_LONG_H
#define SV_TEST_ALIGN_LONG_H

#include "align-eval.h"

/* Every sentence of one side of a variant directory (dir/side/ *.txt), in
 * name order, into *all (free with ac_doc_free()); its count. */
size_t ac_side_all(const char *dir, const char *side, enum sv_lang lang, struct ac_doc *all);

/* A long pair: sentences owned (free with ac_long_free()); gold[i] is the BG
 * index of RU sentence i's translation, or UINT32_MAX when it was deleted. */
struct ac_long {
	struct sv_align_sent *ru, *bg;
	size_t nru, nbg;
	uint32_t *gold;
};

/* n lines of ru/bg (line k: line k mod L of the sources, or with `distinct`
 * that line joined with line (k / L + 37 k) mod L, so that no line repeats
 * for n <= L^2), each deleted with probability del on each side on its own
 * (reproducible from seed). */
void ac_long_make(const struct ac_doc *ru, const struct ac_doc *bg, size_t n, int distinct,
		  double del, uint64_t seed, struct ac_long *out);
void ac_long_free(struct ac_long *p);

/* Aligns the pair (monotone, one sv_align_run job) and scores its line pairs;
 * *seconds (when not NULL) gets the CPU time of the alignment. -1 on error. */
int ac_long_eval(const struct ac_long *p, struct ac_prf *res, double *seconds);

#endif
