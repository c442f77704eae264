/* bench-ingest: ingest >= 50 MB of Russian and Bulgarian text into a fresh
 * memory through the real pipeline (decode, language, sentences, tokens,
 * lemmas, SQLite + FTS5) and print MB/s, the CPU time of the final commit
 * (where the new segments are indexed) and peak memory.
 *
 * usage: bench-ingest [MB] [SOURCE_DIR...]
 * Text is drawn from the source directories (default: ../shared/data/ntrex-dev
 * and memories/seeds) and recombined into ~100 KB files with shuffled
 * sentences so no two files are identical. SV_BENCH_SQL, if set, is run on the
 * memory before the timing starts (to try PRAGMAs or FTS5 options). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "bench-common.h"
#include "config.h"
#include "job/add.h"

struct lines {
	char **v;
	size_t n, cap;
};

static void load_dir(const char *dir, struct lines *ru, struct lines *bg, int depth)
{
	DIR *d = opendir(dir);
	if (!d || depth > 4) {
		if (d)
			closedir(d);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		struct stat sb;
		if (stat(path, &sb) != 0)
			continue;
		if (S_ISDIR(sb.st_mode)) {
			load_dir(path, ru, bg, depth + 1);
			continue;
		}
		size_t len = strlen(path);
		if (len < 4 || strcmp(path + len - 4, ".txt"))
			continue;
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		char line[65536];
		while (fgets(line, sizeof(line), f)) {
			size_t l = strcspn(line, "\r\n");
			line[l] = '\0';
			if (l < 20 || line[0] == ' ')
				continue;
			enum sv_lang lang = sv_lang_detect(line, l, NULL);
			struct lines *to = lang == SV_LANG_RU ? ru : lang == SV_LANG_BG ? bg : NULL;
			if (!to)
				continue;
			SV_GROW(to->v, to->cap, to->n + 1);
			to->v[to->n++] = sv_strdup(line);
		}
		fclose(f);
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	double target_mb = argc > 1 ? atof(argv[1]) : 50;
	struct lines ru = { 0 }, bg = { 0 };
	if (argc > 2) {
		for (int i = 2; i < argc; i++)
			load_dir(argv[i], &ru, &bg, 0);
	} else {
		load_dir(SV_SOURCE_ROOT "/../shared/data/ntrex-dev/parallel", &ru, &bg, 0);
		load_dir(SV_SOURCE_ROOT "/memories/seeds", &ru, &bg, 0);
	}
	if (!ru.n || !bg.n) {
		fprintf(stderr, "bench-ingest: no Russian or Bulgarian source text found\n");
		return 2;
	}
	char dir[] = "/tmp/sv-bench-ingest-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 4;
	}
	/* Generate the files first: writing them is not part of the figure. */
	size_t total = 0, nfiles = 0;
	unsigned seed = 12345;
	struct lines files = { 0 };
	while (total < target_mb * 1e6) {
		struct lines *src = nfiles % 2 ? &bg : &ru;
		struct sv_buf b = SV_BUF_INIT;
		sv_buf_addf(&b, " date 2025-11-%02zu bench outlet %zu\n", 1 + nfiles % 28, nfiles);
		while (b.len < 100000) {
			for (int k = 0; k < 4; k++) {
				seed = seed * 1103515245u + 12345u;
				sv_buf_adds(&b, src->v[(seed >> 8) % src->n]);
				sv_buf_addc(&b, ' ');
			}
			sv_buf_addc(&b, '\n');
		}
		char path[4200];
		snprintf(path, sizeof(path), "%s/%s-%05zu.txt", dir, nfiles % 2 ? "bg" : "ru", nfiles);
		FILE *f = fopen(path, "w");
		if (!f || fwrite(b.data, 1, b.len, f) != b.len || fclose(f)) {
			perror(path);
			return 4;
		}
		total += b.len;
		SV_GROW(files.v, files.cap, files.n + 1);
		files.v[files.n++] = sv_strdup(path);
		nfiles++;
		sv_buf_release(&b);
	}
	char db[4200];
	snprintf(db, sizeof(db), "%s/bench.db", dir);
	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	struct sv_text *t = NULL;
	if (sv_store_open(db, SV_STORE_CREATE, &st, &err) || !(t = sv_text_open(NULL, &err)) ||
	    sv_store_begin(st, &err)) {
		fprintf(stderr, "bench-ingest: %s\n", err.msg);
		return 4;
	}
	if (getenv("SV_BENCH_SQL") && sv_store_exec(st, getenv("SV_BENCH_SQL"), &err)) {
		fprintf(stderr, "bench-ingest: %s\n", err.msg);
		return 4;
	}
	long rss_start = bench_peak_rss_kb(), rss_fifth = 0;
	double t0 = bench_wall_s(), c0 = bench_process_cpu_s();
	size_t segs = 0, done = 0;
	struct sv_ingest_opts opts = { 0 };
	for (size_t i = 0; i < files.n; i++) {
		struct sv_ingest_result res;
		if (sv_ingest_file(st, t, files.v[i], &opts, &res, &err)) {
			fprintf(stderr, "bench-ingest: %s\n", err.msg);
			return 4;
		}
		segs += res.segments;
		done += res.bytes;
		if (!rss_fifth && done * 5 >= total)
			rss_fifth = bench_peak_rss_kb();
	}
	double c1 = bench_process_cpu_s();
	if (sv_store_commit(st, &err)) {
		fprintf(stderr, "bench-ingest: %s\n", err.msg);
		return 4;
	}
	double el = bench_wall_s() - t0, cpu = bench_process_cpu_s() - c0,
	       commit = bench_process_cpu_s() - c1;
	printf("ingest: %zu files, %.1f MB, %zu segments in %.2f s wall, %.2f s CPU\n", files.n,
	       total / 1e6, segs, el, cpu);
	printf("rate: %.2f MB/s CPU, %.2f MB/s wall, %.0f segments/s CPU\n", total / 1e6 / cpu,
	       total / 1e6 / el, segs / cpu);
	printf("of which the commit (indexing the new segments, the WAL): %.2f s CPU\n", commit);
	printf("peak RSS: %.1f MB before, %.1f MB after 20%% of the input, %.1f MB at the end\n",
	       rss_start / 1024.0, rss_fifth / 1024.0, bench_peak_rss_kb() / 1024.0);
	sv_text_close(t);
	sv_store_close(st);
	for (size_t i = 0; i < files.n; i++) {
		unlink(files.v[i]);
		free(files.v[i]);
	}
	free(files.v);
	char p[4300];
	snprintf(p, sizeof(p), "%s-wal", db);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", db);
	unlink(p);
	unlink(db);
	rmdir(dir);
	for (size_t i = 0; i < ru.n; i++)
		free(ru.v[i]);
	for (size_t i = 0; i < bg.n; i++)
		free(bg.v[i]);
	free(ru.v);
	free(bg.v);
	return 0;
}
