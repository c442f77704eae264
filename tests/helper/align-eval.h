/* Test helper library (tests/helper, as kmod's testsuite/): the alignment
 * evaluation shared by the align quality test, bench/eval-align and
 * bench/bench-align. Reads ntrex-dev style documents (one sentence a line),
 * analyses them into norm/lemmas, aligns a whole variant and scores it against
 * gold.tsv. Sentences are analysed with sv_text_analyse(); when the text
 * pipeline cannot open (no dictionaries), a crude stand-in is used: lower case,
 * ё->е, word and number tokens, lemmas empty. */
#ifndef SV_TEST_ALIGN_EVAL_H
#define SV_TEST_ALIGN_EVAL_H

#include <stddef.h>

#include "align/align.h"
#include "text/text.h"

/* A document read from a file: its sentences, analysed. Every string is owned;
 * free with ac_doc_free(). */
struct ac_doc {
	char *name;
	char *date;                  /* YYYY-MM-DD or NULL */
	enum sv_lang lang;
	struct sv_align_sent *sents; /* text, norm and lemmas owned; never NULL once read */
	size_t n, cap;
};

/* The shared text context (NULL when unavailable, with a note on stderr);
 * ac_text_done() frees it. */
struct sv_text *ac_text_get(void);
void ac_text_done(void);

void ac_doc_free(struct ac_doc *d);

/* Reads one sentence per non-empty line (CRLF accepted) in lang, decoded as
 * `sverka add --segmented` does (raw lines when the text pipeline cannot
 * open). With `split`, the file is decoded and segmented by the text
 * pipeline (its date kept, its language detected when lang is
 * SV_LANG_UNKNOWN). -1 when the file cannot be opened. */
int ac_doc_read(const char *path, const char *name, enum sv_lang lang, int split,
		struct ac_doc *d);

/* Sorted file names (without .txt) of a directory into *out (the count
 * returned); free with ac_list_free(). */
size_t ac_list(const char *dir, char ***out);
void ac_list_free(char **v, size_t n);

/* Scores of a variant: all documents, and each half of them (half[0]: the
 * 1st, 3rd ... in name order; half[1]: the 2nd, 4th ...). */
struct ac_prf {
	double p, r, f;
	size_t tp, npred, ngold;
	struct {
		double p, r, f;
		size_t tp, npred, ngold;
	} half[2];
};

/* Aligns every document pair of a variant directory (ru/ and bg/ with the
 * same names) with method in one run (sv_align_run: the second pass after
 * learning from the first), and scores line pairs against gold.tsv (or the
 * diagonal when there is none); *seconds (when not NULL) gets the run's
 * time. Experiments may set $AC_PASSES, $AC_K, $AC_MARGIN, $AC_ALPHA
 * (sv_align_opts), $AC_SHOW_FP and $AC_SHOW_FN (false pairs on stderr).
 * Returns -1 when the directory cannot be read. */
int ac_eval_variant(const char *vdir, enum sv_align_method method, struct ac_prf *res,
		    double *seconds);

/* Document pairing over a variant's documents: the share of RU documents
 * whose best BG partner has the same name (*ndocs the RU documents); -1 when
 * the directory cannot be read. */
double ac_eval_docpairs(const char *vdir, size_t *ndocs);

#endif
