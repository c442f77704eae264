/* bench-terms: term extraction and pairing (sv_job_terms) timed on a
 * memory, with its peak memory (getrusage). With --parallel DIR it first
 * builds the memory from a directory of translations (DIR/ru/X.txt and
 * DIR/bg/X.txt, one sentence a line, line i translating line i, as
 * ../shared/data/ntrex-dev/parallel), declared as parallel document pairs with
 * 1-1 units, repeated --repeat N times (as new documents) to reach a size.
 *
 *   bench-terms --parallel ../shared/data/ntrex-dev/parallel --repeat 10
 *   bench-terms --memory sverka.db --top 100     (prints the best pairs) */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "bench-common.h"
#include "job/add.h"
#include "job/terms.h"
#include "store/termbase.h"

/* A document's segments (ids and texts), in order. */
struct doc_segs {
	int64_t *id;
	char **text;
	size_t n, cap, tcap;
};

static int seg_listed(void *ctx, const struct sv_store_seg_row *seg)
{
	struct doc_segs *d = ctx;
	SV_GROW(d->id, d->cap, d->n + 1);
	SV_GROW(d->text, d->tcap, d->n + 1);
	d->id[d->n] = seg->id;
	d->text[d->n++] = sv_strdup(seg->text);
	return 0;
}

static void doc_segs_release(struct doc_segs *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->text[i]);
	free(d->text);
	free(d->id);
}

/* Adds one translated pair as documents, a declared pair and 1-1 units. */
static int add_pair(struct sv_store *st, struct sv_text *t, const char *dir, const char *name,
		    int rep, size_t *nunits, struct sv_error *err)
{
	char path[4096], as[4200];
	int64_t doc[2];
	const char *langs[2] = { "ru", "bg" };
	for (int l = 0; l < 2; l++) {
		snprintf(path, sizeof(path), "%s/%s/%s", dir, langs[l], name);
		size_t n;
		char *b = bench_read_file(path, &n);
		if (!b)
			return sv_error_set(err, SV_EINPUT, "'%s': cannot read", path);
		snprintf(as, sizeof(as), "r%d/%s/%s", rep, langs[l], name);
		struct sv_ingest_opts o = { l ? SV_LANG_BG : SV_LANG_RU, SV_FORMAT_TEXT, 1, 1 };
		struct sv_ingest_result res;
		int rc = sv_ingest_bytes(st, t, as, b, n, &o, &res, err);
		free(b);
		if (rc)
			return rc;
		doc[l] = res.doc;
	}
	struct sv_store_docpair dp = { .ru_doc = doc[0], .bg_doc = doc[1], .score = 1,
				       .mode = "parallel", .declared = 1, .created = "now" };
	int64_t pair = 0;
	int rc = sv_store_docpair_put(st, &dp, &pair, err);
	struct doc_segs segs[2] = { { 0 }, { 0 } };
	for (int l = 0; l < 2 && !rc; l++)
		rc = sv_store_doc_segs(st, doc[l], seg_listed, &segs[l], err);
	size_t n = segs[0].n < segs[1].n ? segs[0].n : segs[1].n;
	for (size_t i = 0; i < n && !rc; i++) {
		char ru_segs[24], bg_segs[24];
		snprintf(ru_segs, sizeof(ru_segs), "%lld", (long long)segs[0].id[i]);
		snprintf(bg_segs, sizeof(bg_segs), "%lld", (long long)segs[1].id[i]);
		struct sv_store_unit u = { .pair = pair, .ru_segs = ru_segs, .bg_segs = bg_segs,
					   .ru_text = segs[0].text[i], .bg_text = segs[1].text[i],
					   .ru_norm = "", .ru_lemmas = "", .bg_norm = "",
					   .bg_lemmas = "", /* stored without analysis */
					   .link = "1-1", .score = 1, .method = "declared",
					   .created = "now" };
		if (!(rc = sv_store_unit_add(st, &u, err)))
			(*nunits)++;
	}
	doc_segs_release(&segs[0]);
	doc_segs_release(&segs[1]);
	return rc;
}

static int build(struct sv_store *st, struct sv_text *t, const char *dir, int repeat,
		 size_t *nunits, struct sv_error *err)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/ru", dir);
	char **names;
	size_t n;
	if (bench_list_names(path, &names, &n))
		return sv_error_set(err, SV_EINPUT, "'%s': cannot open", path);
	int rc = sv_store_begin(st, err);
	for (int r = 0; r < repeat && !rc; r++)
		for (size_t i = 0; i < n && !rc; i++)
			rc = add_pair(st, t, dir, names[i], r, nunits, err);
	if (!rc)
		rc = sv_store_commit(st, err);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

struct top {
	int evidence, print;
	char *judged;    /* the judged list's text, or NULL */
	size_t n, right, unjudged;
};

/* 1 when "ru<TAB>bg<TAB>1" is a line of the judged list, 0 when judged
 * wrong, -1 when absent. */
static int judge(const char *list, const char *ru, const char *bg)
{
	char key[2048];
	snprintf(key, sizeof(key), "\n%s\t%s\t", ru, bg);
	const char *p = strstr(list, key);
	if (!p)
		return -1;
	return p[strlen(key)] == '1';
}

static int print_pair(void *ctx, const struct sv_termbase_pair *p)
{
	struct top *t = ctx;
	int j = t->judged ? judge(t->judged, p->ru, p->bg) : -1;
	t->n++;
	t->right += j == 1;
	t->unjudged += j < 0;
	if (!t->print)
		return 0;
	printf("%.3f\t%s\t%s", p->score, p->ru, p->bg);
	if (t->judged)
		printf("\t%s", j == 1 ? "right" : j == 0 ? "WRONG" : "unjudged");
	if (t->evidence)
		printf("\t%s", p->evidence);
	printf("\n");
	return 0;
}

int main(int argc, char **argv)
{
	const char *memory = NULL, *parallel = NULL, *judged = NULL;
	int repeat = 1, top = 0, evidence = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--memory") && i + 1 < argc)
			memory = argv[++i];
		else if (!strcmp(argv[i], "--parallel") && i + 1 < argc)
			parallel = argv[++i];
		else if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
			repeat = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--top") && i + 1 < argc)
			top = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--evidence"))
			evidence = 1;
		else if (!strcmp(argv[i], "--judge") && i + 1 < argc)
			judged = argv[++i];
		else {
			fprintf(stderr, "usage: bench-terms [--memory DB] [--parallel DIR [--repeat N]] "
					"[--top K [--evidence] [--judge LIST]] [--quiet]\n"
					"  --judge LIST: precision of the top K against a judged list\n"
					"  (ru<TAB>bg<TAB>1|0 per line, as tests/data/terms/ntrex-judged.tsv)\n");
			return 2;
		}
	}
	char tmp[] = "/tmp/bench-terms-XXXXXX";
	char dbpath[600];
	if (!memory) {
		if (!mkdtemp(tmp)) {
			perror("mkdtemp");
			return 4;
		}
		snprintf(dbpath, sizeof(dbpath), "%s/memory.db", tmp);
		memory = dbpath;
	}
	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	struct sv_text *t = sv_text_open(NULL, &err);
	int rc = t ? sv_store_open(memory, SV_STORE_CREATE, &st, &err) : err.code;
	size_t nunits = 0;
	if (!rc && parallel) {
		double t0 = bench_wall_s();
		rc = build(st, t, parallel, repeat, &nunits, &err);
		fprintf(stderr, "built: %zu sentence pairs in %.1f s\n", nunits,
			bench_wall_s() - t0);
	}
	struct sv_terms_stats stats;
	double t0 = bench_wall_s(), t1 = t0, c0 = bench_process_cpu_s(), c1 = c0;
	if (!rc)
		rc = sv_store_begin(st, &err);
	if (!rc)
		rc = sv_job_terms(st, t, NULL, &stats, &err);
	if (!rc) {
		rc = sv_store_commit(st, &err);
		t1 = bench_wall_s();
		c1 = bench_process_cpu_s();
	}
	if (rc) {
		fprintf(stderr, "bench-terms: %s\n", err.msg);
		goto out;
	}
	printf("segments ru %zu bg %zu; units %zu; candidates ru %zu bg %zu; learnt %zu; "
	       "pairs %zu (projected %zu)\n",
	       stats.segments[SV_LANG_RU], stats.segments[SV_LANG_BG], stats.units,
	       stats.candidates[SV_LANG_RU], stats.candidates[SV_LANG_BG], stats.learnt,
	       stats.pairs, stats.projected);
	printf("terms: %.2f s wall, %.2f s CPU, %.0f sentence pairs/s (CPU), peak memory %.1f MB\n",
	       t1 - t0, c1 - c0, stats.units / (c1 - c0 > 0 ? c1 - c0 : 1),
	       bench_peak_rss_kb() / 1024.0);
	if (top) {
		struct sv_termbase_filter f = { NULL, 0, NULL, 1, top };
		struct top tp = { evidence, 1, NULL, 0, 0, 0 };
		size_t jn = 0;
		if (judged) {
			char *raw = bench_read_file(judged, &jn);
			if (!raw) {
				fprintf(stderr, "bench-terms: cannot read '%s'\n", judged);
				rc = SV_EINPUT;
				goto out;
			}
			tp.judged = malloc(jn + 2);
			tp.judged[0] = '\n';
			memcpy(tp.judged + 1, raw, jn + 1);
			free(raw);
		}
		rc = sv_termbase_pairs_list(st, &f, print_pair, &tp, &err);
		if (judged)
			printf("precision of the best %zu pairs: %.3f (%zu right, %zu unjudged counted "
			       "wrong)\n", tp.n, tp.n ? (double)tp.right / tp.n : 0, tp.right,
			       tp.unjudged);
		free(tp.judged);
	}
out:
	sv_store_close(st);
	sv_text_close(t);
	if (memory == dbpath) {
		unlink(dbpath);
		char p2[700];
		snprintf(p2, sizeof(p2), "%s-wal", dbpath);
		unlink(p2);
		snprintf(p2, sizeof(p2), "%s-shm", dbpath);
		unlink(p2);
		rmdir(tmp);
	}
	return rc;
}
