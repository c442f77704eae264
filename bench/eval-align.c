/* bench/eval-align: the alignment quality figures of issue 3 on an
 * ntrex-dev style directory and the seed coverage: P/R/F1 per variant
 * (parallel, deletion, merge in monotone mode, comparable in mining mode),
 * document pairing accuracy, and the pairs mined from the sample coverage.
 * Each variant is also scored on two halves of its documents (odd and even
 * positions by name), for changes that must help on both.
 * usage: eval-align [NTREX_DIR [SEEDS_DIR]] (defaults under $SV_SHARED or ../shared);
 *        eval-align --mining|--monotone VARIANT_DIR... (held-out variants made by
 *        bench/make-comparable: P/R/F1 each, halves, mean and worst F1);
 * $SEEDS_ALPHA mines the seeds at another false discovery rate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "align-eval.h"

static void seeds(const char *dir)
{
	char **names;
	size_t nd = ac_list(dir, &names);
	if (!nd) {
		printf("seeds: '%s' not found, skipped\n", dir);
		return;
	}
	struct sv_error err;
	struct sv_align *a = sv_align_open(NULL, &err);
	struct ac_doc *docs = calloc(nd, sizeof(*docs));
	size_t *ids = calloc(nd, sizeof(*ids));
	int *lang = calloc(nd, sizeof(*lang));
	char path[8192];
	for (size_t i = 0; i < nd; i++) {
		snprintf(path, sizeof(path), "%s/%s.txt", dir, names[i]);
		ac_doc_read(path, names[i], SV_LANG_UNKNOWN, 1, &docs[i]);
		lang[i] = docs[i].lang;
		struct sv_align_doc d = { names[i], lang[i], docs[i].date, docs[i].sents, docs[i].n };
		sv_align_add(a, &d, &ids[i], &err);
	}
	struct sv_align_docpairs dp = SV_ALIGN_DOCPAIRS_INIT;
	sv_align_docs(a, NULL, &dp, &err);
	printf("seeds: document pairs (score ru bg best)\n");
	for (size_t q = 0; q < dp.n; q++)
		printf("  %.3f  %s  %s  %d\n", dp.v[q].score, names[dp.v[q].ru], names[dp.v[q].bg],
		       dp.v[q].best);
	for (size_t b = 0; b < nd; b++) {
		if (lang[b] != SV_LANG_BG)
			continue;
		size_t best = (size_t)-1;
		float bs = 0;
		for (size_t q = 0; q < dp.n; q++)
			if (dp.v[q].bg == b && dp.v[q].score > bs) {
				bs = dp.v[q].score;
				best = dp.v[q].ru;
			}
		printf("seeds: best partner of %s: %s (%.3f)\n", names[b],
		       best == (size_t)-1 ? "none" : names[best], bs);
		for (size_t r = 0; r < nd; r++) {
			if (lang[r] != SV_LANG_RU)
				continue;
			struct sv_align_opts o;
			sv_align_opts_init(&o);
			o.method = SV_ALIGN_MINING;
			if (getenv("SEEDS_ALPHA"))
				o.mine_alpha = atof(getenv("SEEDS_ALPHA"));
			struct sv_align_links l = SV_ALIGN_LINKS_INIT;
			sv_align_sentences(a, ids[r], ids[b], &o, &l, &err);
			printf("seeds: mined %s x %s: %zu pairs\n", names[r], names[b], l.n);
			for (size_t q = 0; q < l.n; q++)
				printf("  %.3f m%.2f | %s | %s\n", l.v[q].score, l.v[q].margin,
				       docs[r].sents[l.v[q].ru].text, docs[b].sents[l.v[q].bg].text);
			sv_align_links_release(&l);
		}
	}
	sv_align_docpairs_release(&dp);
	for (size_t i = 0; i < nd; i++)
		ac_doc_free(&docs[i]);
	free(docs);
	free(ids);
	free(lang);
	ac_list_free(names, nd);
	sv_align_close(a);
}

/* Held-out variants: each directory in one mode, then mean and worst F1. */
static int variants(enum sv_align_method m, char **dirs, int n)
{
	double sum = 0, worst = 2;
	printf("%-40s %7s %7s %7s %6s %6s %6s  %-15s %-15s\n", "variant", "P", "R", "F1", "tp",
	       "pred", "gold", "half A P/F1", "half B P/F1");
	for (int i = 0; i < n; i++) {
		struct ac_prf r;
		if (ac_eval_variant(dirs[i], m, &r, NULL)) {
			printf("%-40s missing\n", dirs[i]);
			return 2;
		}
		printf("%-40s %7.4f %7.4f %7.4f %6zu %6zu %6zu  %.3f/%.3f     %.3f/%.3f\n", dirs[i],
		       r.p, r.r, r.f, r.tp, r.npred, r.ngold, r.half[0].p, r.half[0].f, r.half[1].p,
		       r.half[1].f);
		sum += r.f;
		worst = r.f < worst ? r.f : worst;
	}
	printf("%s: %d variants, mean F1 %.4f, worst %.4f\n", sv_align_method_name(m), n,
	       sum / n, worst);
	ac_text_done();
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 2 && (!strcmp(argv[1], "--mining") || !strcmp(argv[1], "--monotone")))
		return variants(strcmp(argv[1], "--mining") ? SV_ALIGN_MONOTONE : SV_ALIGN_MINING,
				argv + 2, argc - 2);
	const char *sh = getenv("SV_SHARED");
	char ntrex[4096], sd[4096];
	snprintf(ntrex, sizeof(ntrex), "%s/data/ntrex-dev", sh && *sh ? sh : "../shared");
	snprintf(sd, sizeof(sd), "%s/corpus/seeds", sh && *sh ? sh : "../shared");
	const char *dir = argc > 1 ? argv[1] : ntrex;
	const char *seeddir = argc > 2 ? argv[2] : sd;
	static const struct {
		const char *name;
		enum sv_align_method m;
		double target, min_p;
	} vars[] = {
		{ "parallel", SV_ALIGN_MONOTONE, 0.999, 0 },
		{ "deletion", SV_ALIGN_MONOTONE, 0.95, 0.97 },
		{ "merge", SV_ALIGN_MONOTONE, 0.98, 0 },
		{ "comparable", SV_ALIGN_MINING, 0.90, 0 },
	};
	int fails = 0;
	printf("%-11s %-9s %7s %7s %7s %6s %6s %6s %7s\n", "variant", "mode", "P", "R", "F1",
	       "tp", "pred", "gold", "target");
	struct ac_prf res[4];
	int have[4] = { 0 };
	for (size_t v = 0; v < sizeof(vars) / sizeof(vars[0]); v++) {
		char p[4200];
		snprintf(p, sizeof(p), "%s/%s", dir, vars[v].name);
		struct ac_prf r;
		double secs;
		if (ac_eval_variant(p, vars[v].m, &r, &secs)) {
			printf("%-11s missing\n", vars[v].name);
			continue;
		}
		int ok = r.f >= vars[v].target && r.p >= vars[v].min_p;
		printf("%-11s %-9s %7.4f %7.4f %7.4f %6zu %6zu %6zu %6.3f%s  (%.2fs)\n", vars[v].name,
		       sv_align_method_name(vars[v].m), r.p, r.r, r.f, r.tp, r.npred, r.ngold,
		       vars[v].target, ok ? "" : " FAIL", secs);
		fails += !ok;
		res[v] = r;
		have[v] = 1;
	}
	printf("halves (A: 1st, 3rd ... document by name; B: 2nd, 4th ...):\n");
	for (size_t v = 0; v < sizeof(vars) / sizeof(vars[0]); v++)
		for (int h = 0; have[v] && h < 2; h++)
			printf("%-11s %-9s %7.4f %7.4f %7.4f %6zu %6zu %6zu  half %c\n",
			       vars[v].name, sv_align_method_name(vars[v].m), res[v].half[h].p,
			       res[v].half[h].r, res[v].half[h].f, res[v].half[h].tp,
			       res[v].half[h].npred, res[v].half[h].ngold, 'A' + h);
	char p[4200];
	snprintf(p, sizeof(p), "%s/parallel", dir);
	size_t nd = 0;
	double acc = ac_eval_docpairs(p, &nd);
	printf("document pairing: %.4f of %zu russian documents have their translation as best "
	       "partner (target 0.98)%s\n", acc, nd, acc >= 0.98 ? "" : " FAIL");
	fails += acc < 0.98;
	seeds(seeddir);
	ac_text_done();
	return fails ? 1 : 0;
}
