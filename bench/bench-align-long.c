/* bench/bench-align-long: quality and speed of the monotone aligner on long
 * document pairs built from ntrex-dev's parallel lines, cycled ("repeated":
 * the text comes back every 970 lines) or joined two by two ("distinct"),
 * with DEL of the lines deleted on each side on its own. Prints P/R/F1 against
 * the lines kept on both sides and the CPU time of the alignment.
 * usage: bench-align-long [N... ] (default 20000 40000; $DEL default 0.2;
 *        $SEED (default 42) picks the deletions; ntrex-dev under $SV_SHARED or ../shared) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "align-long.h"

int main(int argc, char **argv)
{
	const char *sh = getenv("SV_SHARED");
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/data/ntrex-dev/parallel", sh && *sh ? sh : "../shared");
	double del = getenv("DEL") ? atof(getenv("DEL")) : 0.2;
	uint64_t seed = getenv("SEED") ? (uint64_t)atol(getenv("SEED")) : 42;
	struct ac_doc ru, bg;
	if (!ac_side_all(dir, "ru", SV_LANG_RU, &ru) || !ac_side_all(dir, "bg", SV_LANG_BG, &bg)) {
		fprintf(stderr, "bench-align-long: no documents under '%s'\n", dir);
		return 2;
	}
	static const size_t def[] = { 20000, 40000 };
	size_t nsizes = argc > 1 ? (size_t)argc - 1 : 2;
	for (size_t x = 0; x < nsizes; x++) {
		size_t n = argc > 1 ? (size_t)atol(argv[x + 1]) : def[x];
		for (int distinct = 0; distinct < 2; distinct++) {
			struct ac_long p;
			ac_long_make(&ru, &bg, n, distinct, del, seed + n, &p);
			struct ac_prf r;
			double sec = 0;
			if (ac_long_eval(&p, &r, &sec)) {
				fprintf(stderr, "bench-align-long: alignment failed\n");
				return 4;
			}
			printf("%-8s %6zu lines, %.0f%% deleted (%zu x %zu): ",
			       distinct ? "distinct" : "repeated", n, 100 * del, p.nru, p.nbg);
			printf("P %.4f R %.4f F1 %.4f, %.2fs CPU\n", r.p, r.r, r.f, sec);
			fflush(stdout);
			ac_long_free(&p);
		}
	}
	ac_doc_free(&ru);
	ac_doc_free(&bg);
	ac_text_done();
	return 0;
}
