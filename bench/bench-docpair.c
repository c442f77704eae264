/* bench/bench-docpair: speed and accuracy of document pairing at scale.
 * N Russian documents of 5-15 lines drawn at random from ntrex-dev's parallel
 * lines, each with a planted Bulgarian partner (the same lines translated,
 * each kept with probability 0.9), the Bulgarian ones added in a shuffled
 * order; prints the share of Russian documents whose best partner is the
 * planted one and the CPU time of sv_align_docs.
 * usage: bench-docpair [N...] (default 1000 5000; ntrex-dev under $SV_SHARED
 *        or ../shared) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "align-long.h"
#include "bench-common.h"

static uint32_t draw(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(*s >> 33);
}

static int run(const struct ac_doc *ru, const struct ac_doc *bg, size_t n)
{
	struct sv_error err;
	struct sv_align *a = sv_align_open(NULL, &err);
	if (!a)
		return -1;
	size_t len = ru->n < bg->n ? ru->n : bg->n;
	uint64_t s = 7 + n;
	size_t *perm = malloc(n * sizeof(*perm)), *bg_id = malloc(n * sizeof(*bg_id));
	struct sv_align_sent *rs = malloc(16 * sizeof(*rs)), *bs = malloc(16 * sizeof(*bs));
	uint32_t (*lines)[16] = malloc(n * sizeof(*lines));
	uint8_t *nl = malloc(n);
	for (size_t d = 0; d < n; d++) {
		perm[d] = d;
		nl[d] = (uint8_t)(5 + draw(&s) % 11);
		for (size_t k = 0; k < nl[d]; k++)
			lines[d][k] = draw(&s) % (uint32_t)len;
	}
	for (size_t d = n; d > 1; d--) {
		size_t x = draw(&s) % d, t = perm[d - 1];
		perm[d - 1] = perm[x];
		perm[x] = t;
	}
	double t0 = bench_process_cpu_s();
	size_t id;
	for (size_t d = 0; d < n; d++) {
		for (size_t k = 0; k < nl[d]; k++)
			rs[k] = ru->sents[lines[d][k]];
		struct sv_align_doc doc = { NULL, SV_LANG_RU, NULL, rs, nl[d] };
		sv_align_add(a, &doc, &id, &err);
	}
	for (size_t q = 0; q < n; q++) {
		size_t d = perm[q], nb = 0;
		for (size_t k = 0; k < nl[d]; k++)
			if (draw(&s) % 10)
				bs[nb++] = bg->sents[lines[d][k]];
		struct sv_align_doc doc = { NULL, SV_LANG_BG, NULL, bs, nb };
		sv_align_add(a, &doc, &bg_id[d], &err);
	}
	double t1 = bench_process_cpu_s();
	struct sv_align_docpairs dp = SV_ALIGN_DOCPAIRS_INIT;
	int rc = sv_align_docs(a, NULL, &dp, &err);
	double t2 = bench_process_cpu_s();
	size_t found = 0;
	for (size_t q = 0; q < dp.n; q++)
		if ((dp.v[q].best & 1) && dp.v[q].ru < n && dp.v[q].bg == bg_id[dp.v[q].ru])
			found++;
	printf("%6zu documents a side: %.2f%% of planted partners found, %zu pairs reported, "
	       "pairing %.2fs CPU (adding %.2fs)\n", n, 100.0 * (double)found / (double)n, dp.n,
	       t2 - t1, t1 - t0);
	fflush(stdout);
	sv_align_docpairs_release(&dp);
	sv_align_close(a);
	free(perm);
	free(bg_id);
	free(rs);
	free(bs);
	free(lines);
	free(nl);
	return rc;
}

int main(int argc, char **argv)
{
	const char *sh = getenv("SV_SHARED");
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/data/ntrex-dev/parallel", sh && *sh ? sh : "../shared");
	struct ac_doc ru, bg;
	if (!ac_side_all(dir, "ru", SV_LANG_RU, &ru) || !ac_side_all(dir, "bg", SV_LANG_BG, &bg)) {
		fprintf(stderr, "bench-docpair: no documents under '%s'\n", dir);
		return 2;
	}
	static const size_t def[] = { 1000, 5000 };
	size_t nsizes = argc > 1 ? (size_t)argc - 1 : 2;
	for (size_t x = 0; x < nsizes; x++)
		if (run(&ru, &bg, argc > 1 ? (size_t)atol(argv[x + 1]) : def[x])) {
			fprintf(stderr, "bench-docpair: pairing failed\n");
			return 4;
		}
	ac_doc_free(&ru);
	ac_doc_free(&bg);
	ac_text_done();
	return 0;
}
