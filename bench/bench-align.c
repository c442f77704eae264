/* bench/bench-align: speed and memory of the aligner. A 20,000-sentence
 * document pair (ntrex-dev's parallel documents repeated) in monotone mode,
 * and a 2,000 x 2,000 comparable pair (lines shuffled, half kept on each
 * side) in mining mode, and a run of many document pairs with learning
 * (ntrex-dev's parallel pairs repeated REPS times, half monotone, half mined).
 * Prints sentences per second (CPU time) and peak RSS.
 * usage: bench-align [NSENT [NMINE [REPS]]] (ntrex-dev under $SV_SHARED or ../shared) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "align-eval.h"
#include "align-long.h"
#include "bench-common.h"

/* The first n sentences of src, cycling, optionally in a shuffled order
 * with only every other sentence kept. */
static struct sv_align_sent *take(const struct ac_doc *src, size_t n, unsigned seed, int shuffle)
{
	struct sv_align_sent *v = calloc(n, sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		size_t k = i % src->n;
		if (shuffle)
			k = (size_t)((i * 2654435761u + seed) % src->n);
		v[i] = src->sents[k];
	}
	return v;
}

int main(int argc, char **argv)
{
	size_t nsent = argc > 1 ? (size_t)atol(argv[1]) : 20000;
	size_t nmine = argc > 2 ? (size_t)atol(argv[2]) : 2000;
	const char *sh = getenv("SV_SHARED");
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/data/ntrex-dev/parallel", sh && *sh ? sh : "../shared");
	double t0 = bench_process_cpu_s();
	struct ac_doc ru, bg;
	ac_side_all(dir, "ru", SV_LANG_RU, &ru);
	ac_side_all(dir, "bg", SV_LANG_BG, &bg);
	if (!ru.n || !bg.n) {
		fprintf(stderr, "bench-align: no documents under '%s'\n", dir);
		return 2;
	}
	printf("analysed %zu + %zu sentences in %.2fs (text pipeline, not counted below), "
	       "peak RSS so far %ld MB\n",
	       ru.n, bg.n, bench_process_cpu_s() - t0, bench_peak_rss_kb() / 1024);

	/* monotone */
	struct sv_error err;
	struct sv_align *a = sv_align_open(NULL, &err);
	struct sv_align_sent *rs = take(&ru, nsent, 0, 0), *bs = take(&bg, nsent, 0, 0);
	struct sv_align_doc rd = { "ru-big", SV_LANG_RU, NULL, rs, nsent };
	struct sv_align_doc bd = { "bg-big", SV_LANG_BG, NULL, bs, nsent };
	size_t ri, bi;
	t0 = bench_process_cpu_s();
	sv_align_add(a, &rd, &ri, &err);
	sv_align_add(a, &bd, &bi, &err);
	double t1 = bench_process_cpu_s();
	struct sv_align_opts o;
	sv_align_opts_init(&o);
	o.method = SV_ALIGN_MONOTONE;
	struct sv_align_links l = SV_ALIGN_LINKS_INIT;
	if (sv_align_sentences(a, ri, bi, &o, &l, &err)) {
		fprintf(stderr, "bench-align: %s\n", err.msg);
		return 4;
	}
	double t2 = bench_process_cpu_s();
	size_t ok = 0;
	for (size_t q = 0; q < l.n; q++)
		if (l.v[q].nru == 1 && l.v[q].nbg == 1 && l.v[q].ru == l.v[q].bg)
			ok++;
	printf("monotone %zu x %zu: features %.2fs, alignment %.2fs, %.0f sentence pairs/s "
	       "(%zu links, %.4f of them on the diagonal), peak RSS %ld MB\n",
	       nsent, nsent, t1 - t0, t2 - t1, (double)nsent / (t2 - t1), l.n,
	       l.n ? (double)ok / (double)l.n : 0, bench_peak_rss_kb() / 1024);
	sv_align_links_release(&l);
	sv_align_close(a);
	free(rs);
	free(bs);

	/* mining */
	a = sv_align_open(NULL, &err);
	rs = take(&ru, nmine, 17, 1);
	bs = take(&bg, nmine, 4711, 1);
	struct sv_align_doc rm = { "ru-mine", SV_LANG_RU, NULL, rs, nmine };
	struct sv_align_doc bm = { "bg-mine", SV_LANG_BG, NULL, bs, nmine };
	sv_align_add(a, &rm, &ri, &err);
	sv_align_add(a, &bm, &bi, &err);
	t1 = bench_process_cpu_s();
	o.method = SV_ALIGN_MINING;
	if (sv_align_sentences(a, ri, bi, &o, &l, &err)) {
		fprintf(stderr, "bench-align: %s\n", err.msg);
		return 4;
	}
	t2 = bench_process_cpu_s();
	ok = 0;
	for (size_t q = 0; q < l.n; q++) {
		/* a mined pair is right when both sides come from the same line */
		size_t kr = ((size_t)l.v[q].ru * 2654435761u + 17) % ru.n;
		size_t kb = ((size_t)l.v[q].bg * 2654435761u + 4711) % bg.n;
		ok += kr == kb;
	}
	printf("mining %zu x %zu: %.2fs, %.0f sentences/s, %zu pairs (%.4f right), peak RSS %ld "
	       "MB\n",
	       nmine, nmine, t2 - t1, (double)(2 * nmine) / (t2 - t1), l.n,
	       l.n ? (double)ok / (double)l.n : 0, bench_peak_rss_kb() / 1024);
	sv_align_links_release(&l);
	sv_align_close(a);
	free(rs);
	free(bs);
	/* a run: every parallel document pair, repeated, aligned together with
	 * learning (sv_align_run), half of them monotone and half mined */
	size_t reps = argc > 3 ? (size_t)atol(argv[3]) : 20;
	char **names;
	char path[4200];
	snprintf(path, sizeof(path), "%s/ru", dir);
	size_t nd = ac_list(path, &names);
	struct ac_doc *docs = calloc(nd * 2, sizeof(*docs));
	for (size_t i = 0; i < nd; i++)
		for (int sd = 0; sd < 2; sd++) {
			enum sv_lang lang = sd ? SV_LANG_BG : SV_LANG_RU;
			snprintf(path, sizeof(path), "%s/%s/%s.txt", dir, sd ? "bg" : "ru",
				 names[i]);
			ac_doc_read(path, names[i], lang, 0, &docs[i * 2 + sd]);
		}
	a = sv_align_open(NULL, &err);
	struct sv_align_job *jobs = calloc(nd * reps, sizeof(*jobs));
	size_t npairs = 0, nsents = 0;
	for (size_t r = 0; r < reps; r++)
		for (size_t i = 0; i < nd; i++) {
			size_t id[2];
			for (int sd = 0; sd < 2; sd++) {
				const struct ac_doc *x = &docs[i * 2 + sd];
				enum sv_lang lang = sd ? SV_LANG_BG : SV_LANG_RU;
				struct sv_align_doc d = { names[i], lang, NULL, x->sents, x->n };
				sv_align_add(a, &d, &id[sd], &err);
			}
			enum sv_align_method m = i % 2 ? SV_ALIGN_MINING : SV_ALIGN_MONOTONE;
			jobs[npairs++] = (struct sv_align_job){ id[0], id[1], m,
								SV_ALIGN_LINKS_INIT };
			nsents += docs[i * 2].n;
		}
	t1 = bench_process_cpu_s();
	long rss0 = bench_peak_rss_kb();
	sv_align_run(a, jobs, npairs, NULL, &err);
	t2 = bench_process_cpu_s();
	size_t links = 0;
	for (size_t q = 0; q < npairs; q++) {
		links += jobs[q].links.n;
		sv_align_links_release(&jobs[q].links);
	}
	printf("run of %zu document pairs (%zu RU sentences, two passes with learning): %.2fs, "
	       "%.0f sentences/s, %zu links, %zu word pairs in the learnt table, peak RSS %ld MB "
	       "(%ld MB before)\n",
	       npairs, nsents, t2 - t1, (double)nsents / (t2 - t1), links, sv_align_table_size(a),
	       bench_peak_rss_kb() / 1024, rss0 / 1024);
	free(jobs);
	sv_align_close(a);
	for (size_t i = 0; i < nd * 2; i++)
		ac_doc_free(&docs[i]);
	free(docs);
	ac_list_free(names, nd);
	ac_doc_free(&ru);
	ac_doc_free(&bg);
	ac_text_done();
	return 0;
}
