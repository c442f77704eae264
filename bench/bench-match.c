/* bench-match: term lookup and fuzzy search on a generated memory of
 * >= 1,000,000 translation units and >= 100,000 terms; prints latency
 * percentiles, peak RSS and start-up time (figures in docs/MATCHING.md).
 *
 * usage: bench-match [--units N] [--db PATH] [--rebuild | --build-only | --terms-only]
 *                    [--sverka EXE]
 * (--terms-only refills the termbase of an existing memory)
 * The memory (default /tmp/sverka-bench-match.db, kept for reruns) is built
 * from ntrex-dev parallel sentences, analysed once by the text pipeline:
 * the original pairs, then pairs recombined from the first part of one
 * sentence and the rest of another (both sides cut at the same proportion);
 * terms are the 1-5 word lemma n-grams of every sentence, paired with the
 * n-gram at the same relative place on the other side, each with its
 * surface form. Units go in through the store (sv_store_unit_import), terms
 * with SQLite itself, each in one transaction. Queries: n-grams
 * in their inflected surface forms (lookup), misspelt words ("did you
 * mean"), and original sentences with two words replaced (search). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/buf.h"
#include "base/map.h"
#include "bench-common.h"
#include "config.h"
#include "match/match.h"
#include "store/store.h"
#include "text/text.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* One analysed sentence side: tokens as keys and lemma alternatives. */
struct side {
	char *raw;
	char **key, **lem;
	size_t n;
};

struct pairs {
	struct side *ru, *bg;
	size_t n, cap;
};

static void split(const char *s, char ***out, size_t *n)
{
	*n = 0;
	size_t cap = 0;
	*out = NULL;
	const char *p = s;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *e = strchr(p, ' ');
		if (!e)
			e = p + strlen(p);
		SV_GROW(*out, cap, *n + 1);
		(*out)[(*n)++] = sv_strndup(p, (size_t)(e - p));
		p = e;
	}
}

static int analyse(struct sv_text *t, enum sv_lang lang, const char *line, struct side *sd)
{
	struct sv_buf norm = SV_BUF_INIT, lem = SV_BUF_INIT;
	struct sv_error err = { 0 };
	if (sv_text_analyse(t, lang, line, strlen(line), &norm, &lem, &err)) {
		fprintf(stderr, "bench-match: %s\n", err.msg);
		exit(4);
	}
	size_t nl;
	split(norm.data, &sd->key, &sd->n);
	split(lem.data, &sd->lem, &nl);
	sd->raw = sv_strdup(line);
	int ok = nl == sd->n && sd->n >= 3;
	sv_buf_release(&norm);
	sv_buf_release(&lem);
	return ok;
}

static void load(struct sv_text *t, const char *shared, struct pairs *ps)
{
	char dir[4096];
	snprintf(dir, sizeof(dir), "%.4000s/data/ntrex-dev/parallel/ru", shared);
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "bench-match: cannot read '%s'\n", dir);
		exit(3);
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char p[8192];
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		FILE *fr = fopen(p, "r");
		snprintf(p, sizeof(p), "%s/data/ntrex-dev/parallel/bg/%s", shared, e->d_name);
		FILE *fb = fopen(p, "r");
		char *lr = NULL, *lb = NULL;
		size_t cr = 0, cb = 0;
		while (fr && fb && getline(&lr, &cr, fr) > 0 && getline(&lb, &cb, fb) > 0) {
			lr[strcspn(lr, "\r\n")] = 0;
			lb[strcspn(lb, "\r\n")] = 0;
			size_t cap = ps->cap;
			SV_GROW(ps->ru, cap, ps->n + 1);
			cap = ps->cap;
			SV_GROW(ps->bg, cap, ps->n + 1);
			ps->cap = cap;
			struct side r = { 0 }, b = { 0 };
			if (analyse(t, SV_LANG_RU, lr, &r) & analyse(t, SV_LANG_BG, lb, &b)) {
				ps->ru[ps->n] = r;
				ps->bg[ps->n++] = b;
			}
		}
		free(lr);
		free(lb);
		if (fr)
			fclose(fr);
		if (fb)
			fclose(fb);
	}
	closedir(d);
}

static void first_lemma(const char *lem, struct sv_buf *out)
{
	const char *bar = strchr(lem, '|');
	sv_buf_add(out, lem, bar ? (size_t)(bar - lem) : strlen(lem));
}

/* Appends tokens [a, b) of sd as norm / lemmas / text. */
static void put(const struct side *sd, size_t a, size_t b, struct sv_buf *norm, struct sv_buf *lem)
{
	for (size_t i = a; i < b; i++) {
		if (norm->len) {
			sv_buf_addc(norm, ' ');
			sv_buf_addc(lem, ' ');
		}
		sv_buf_adds(norm, sd->key[i]);
		sv_buf_adds(lem, sd->lem[i]);
	}
}

static void die_sql(sqlite3 *db, const char *what)
{
	fprintf(stderr, "bench-match: %s: %s\n", what, sqlite3_errmsg(db));
	exit(4);
}

/* The n-gram (s, p, L) of one side as a term: lemma key and surface form. */
static void ngram(const struct side *sd, size_t p, size_t L, struct sv_buf *key,
		  struct sv_buf *form)
{
	sv_buf_reset(key);
	sv_buf_reset(form);
	for (size_t i = p; i < p + L; i++) {
		if (i > p) {
			sv_buf_addc(key, ' ');
			sv_buf_addc(form, ' ');
		}
		first_lemma(sd->lem[i], key);
		sv_buf_adds(form, sd->key[i]);
	}
}

static int64_t put_term(sqlite3 *db, struct sv_map *seen, const char *lang, const char *key,
			const char *form, size_t *nterms)
{
	static sqlite3_stmt *ins, *up, *fo;
	if (!db) {
		sqlite3_finalize(ins);
		sqlite3_finalize(up);
		sqlite3_finalize(fo);
		ins = up = fo = NULL;
		return 0;
	}
	struct sv_buf k = SV_BUF_INIT;
	sv_buf_addf(&k, "%s\t%s", lang, key);
	int added;
	struct sv_map_slot *sl = sv_map_add(seen, k.data, k.len, &added);
	sv_buf_release(&k);
	if (!ins) {
		if (sqlite3_prepare_v2(
			    db,
			    "INSERT INTO terms(lang, lemma_key, citation, kind, freq, preferred)"
			    " VALUES (?1, ?2, ?3, 'phrase', 1, 1)",
			    -1, &ins, NULL) ||
		    sqlite3_prepare_v2(db, "UPDATE terms SET freq = freq + 1 WHERE id = ?1", -1,
				       &up, NULL) ||
		    sqlite3_prepare_v2(db,
				       "INSERT INTO term_forms(term, form) VALUES (?1, ?2)"
				       " ON CONFLICT DO UPDATE SET count = count + 1",
				       -1, &fo, NULL))
			die_sql(db, "prepare");
	}
	int64_t id;
	if (added) {
		sqlite3_bind_text(ins, 1, lang, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, form, -1, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE)
			die_sql(db, "insert term");
		sqlite3_reset(ins);
		id = sqlite3_last_insert_rowid(db);
		sl->val = (uintptr_t)id;
		(*nterms)++;
	} else {
		id = (int64_t)sl->val;
		sqlite3_bind_int64(up, 1, id);
		if (sqlite3_step(up) != SQLITE_DONE)
			die_sql(db, "update term");
		sqlite3_reset(up);
	}
	sqlite3_bind_int64(fo, 1, id);
	sqlite3_bind_text(fo, 2, form, -1, SQLITE_STATIC);
	if (sqlite3_step(fo) != SQLITE_DONE)
		die_sql(db, "insert form");
	sqlite3_reset(fo);
	return id;
}

/* A query for the i-th lookup: a random 1-3 word n-gram of a random
 * sentence (Bulgarian for odd i, else Russian), its key and surface form
 * into key and form. 0 if the sentence drawn is too short (nothing put). */
static int random_ngram(const struct pairs *ps, size_t i, struct sv_buf *key, struct sv_buf *form)
{
	const struct side *sd = i % 2 ? &ps->bg[rnd() % ps->n] : &ps->ru[rnd() % ps->n];
	size_t L = 1 + rnd() % 3;
	if (sd->n < L)
		return 0;
	size_t p = rnd() % (sd->n - L + 1);
	ngram(sd, p, L, key, form);
	return 1;
}

static void build(const char *path, const struct pairs *ps, size_t nunits, int units)
{
	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	if (units)
		unlink(path);
	if (sv_store_open(path, SV_STORE_CREATE, &st, &err)) {
		fprintf(stderr, "bench-match: %s\n", err.msg);
		exit(4);
	}
	double t0 = bench_wall_s();
	/* Units through the store (imported units: a repeated pair of texts is counted,
	 * not stored twice). */
	if (sv_store_exec(st, "PRAGMA cache_size = -262144", &err) || sv_store_begin(st, &err)) {
		fprintf(stderr, "bench-match: %s\n", err.msg);
		exit(4);
	}
	struct sv_store_unit su = { .link = "1-1", .score = 0.9, .method = "bench",
				    .status = "candidate", .origin = "bench-match",
				    .created = "2026-01-01T00:00:00Z" };
	struct sv_buf rn = SV_BUF_INIT, rl = SV_BUF_INIT, bn = SV_BUF_INIT, bl = SV_BUF_INIT;
	size_t done = 0;
	if (!units)
		nunits = 0;
	for (size_t u = 0; done < nunits; u++) {
		size_t i = u < ps->n ? u : rnd() % ps->n, j = u < ps->n ? u : rnd() % ps->n;
		const struct side *ri = &ps->ru[i], *rj = &ps->ru[j], *bi = &ps->bg[i],
				  *bj = &ps->bg[j];
		double cut = u < ps->n ? 1.0 : 0.3 + 0.4 * (double)(rnd() % 1000) / 1000.0;
		size_t cri = (size_t)(ri->n * cut), crj = (size_t)(rj->n * cut);
		size_t cbi = (size_t)(bi->n * cut), cbj = (size_t)(bj->n * cut);
		sv_buf_reset(&rn);
		sv_buf_reset(&rl);
		sv_buf_reset(&bn);
		sv_buf_reset(&bl);
		put(ri, 0, cri, &rn, &rl);
		put(bi, 0, cbi, &bn, &bl);
		if (u >= ps->n) {
			put(rj, crj, rj->n, &rn, &rl);
			put(bj, cbj, bj->n, &bn, &bl);
		}
		/* the original pairs keep their real text */
		su.ru_text = u < ps->n ? ri->raw : rn.data;
		su.bg_text = u < ps->n ? bi->raw : bn.data;
		su.ru_norm = rn.data;
		su.ru_lemmas = rl.data;
		su.bg_norm = bn.data;
		su.bg_lemmas = bl.data;
		int64_t count = 0;
		if (sv_store_unit_import(st, &su, &count, &err)) {
			fprintf(stderr, "bench-match: %s\n", err.msg);
			exit(4);
		}
		done += count == 1;
	}
	if (sv_store_commit(st, &err)) {
		fprintf(stderr, "bench-match: %s\n", err.msg);
		exit(4);
	}
	sv_store_close(st);
	double t1 = bench_wall_s();
	/* Terms straight into the file with SQLite (the termbase's own writes keep a
	 * person's decisions, and are slower): the tables as the memory holds them. */
	sqlite3 *db = NULL;
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA cache_size = -262144; BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		die_sql(db, "open");
	if (!units &&
	    sqlite3_exec(db, "DELETE FROM term_pairs; DELETE FROM term_forms; DELETE FROM terms;",
			 NULL, NULL, NULL) != SQLITE_OK)
		die_sql(db, "delete terms");
	/* Terms: every 1-5 word n-gram of every sentence, paired across. */
	struct sv_map seen = SV_MAP_INIT;
	struct sv_buf key = SV_BUF_INIT, form = SV_BUF_INIT;
	size_t nterms = 0, npairs = 0;
	sqlite3_stmt *pp;
	if (sqlite3_prepare_v2(db,
			       "INSERT OR IGNORE INTO term_pairs(ru_term, bg_term, score, evidence,"
			       " created) VALUES (?1, ?2, 0.5, 'bench', '2026-01-01T00:00:00Z')",
			       -1, &pp, NULL))
		die_sql(db, "prepare");
	for (size_t i = 0; i < ps->n; i++) {
		const struct side *r = &ps->ru[i], *b = &ps->bg[i];
		for (size_t L = 1; L <= 5; L++) {
			for (size_t p = 0; p + L <= r->n; p++) {
				size_t q = p * b->n / r->n;
				if (q + L > b->n)
					continue;
				ngram(r, p, L, &key, &form);
				int64_t rid =
					put_term(db, &seen, "ru", key.data, form.data, &nterms);
				ngram(b, q, L, &key, &form);
				int64_t bid =
					put_term(db, &seen, "bg", key.data, form.data, &nterms);
				sqlite3_bind_int64(pp, 1, rid);
				sqlite3_bind_int64(pp, 2, bid);
				if (sqlite3_step(pp) != SQLITE_DONE)
					die_sql(db, "insert pair");
				npairs += (size_t)sqlite3_changes(db);
				sqlite3_reset(pp);
			}
		}
	}
	sqlite3_finalize(pp);
	put_term(NULL, NULL, NULL, NULL, NULL, NULL);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		die_sql(db, "commit");
	double t2 = bench_wall_s();
	sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	sqlite3_close(db);
	struct stat sb;
	stat(path, &sb);
	printf("built %s: %zu units in %.1f s, %zu terms and %zu term pairs in %.1f s, %.0f MB\n",
	       path, done, t1 - t0, nterms, npairs, t2 - t1, sb.st_size / 1e6);
	sv_map_release(&seen);
	sv_buf_release(&key);
	sv_buf_release(&form);
	sv_buf_release(&rn);
	sv_buf_release(&rl);
	sv_buf_release(&bn);
	sv_buf_release(&bl);
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void report(const char *what, double *v, size_t n)
{
	if (!n)
		return;
	qsort(v, n, sizeof(*v), cmp_d);
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += v[i];
	printf("%-28s n=%-5zu p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  max %7.3f ms  mean %7.3f ms\n",
	       what, n, v[n / 2] * 1e3, v[n * 9 / 10] * 1e3, v[n * 99 / 100] * 1e3, v[n - 1] * 1e3,
	       sum / n * 1e3);
}

enum { COMMAND_RUNS = 5 };

/* The median wall time of COMMAND_RUNS runs of the shell command cmd, in
 * seconds (runs stop at the first that cannot start). */
static double command_median_s(const char *cmd)
{
	double w[COMMAND_RUNS];
	for (int i = 0; i < COMMAND_RUNS; i++) {
		double a = bench_wall_s();
		if (system(cmd) == -1)
			break;
		w[i] = bench_wall_s() - a;
	}
	qsort(w, COMMAND_RUNS, sizeof(*w), cmp_d);
	return w[COMMAND_RUNS / 2];
}

/* The raw sentence with its 2nd and 2nd-to-last all-letter words replaced. */
static char *two_changed(const char *s)
{
	char **w;
	size_t n;
	split(s, &w, &n);
	size_t pick[256], np = 0;
	for (size_t i = 1; i + 1 < n && np < 256; i++) {
		int ok = 1;
		for (size_t k = i - 1; k <= i + 1 && ok; k++)
			for (const char *p = w[k]; *p && ok; p++)
				ok = (unsigned char)*p >= 0x80 ||
				     ((*p | 32) >= 'a' && (*p | 32) <= 'z');
		if (ok)
			pick[np++] = i;
	}
	char *out = NULL;
	if (np >= 4) {
		struct sv_buf b = SV_BUF_INIT;
		for (size_t i = 0; i < n; i++) {
			if (i)
				sv_buf_addc(&b, ' ');
			sv_buf_adds(&b, i == pick[1]        ? "министр"
					: i == pick[np - 2] ? "вчера"
							    : w[i]);
		}
		out = sv_buf_detach(&b);
	}
	for (size_t i = 0; i < n; i++)
		free(w[i]);
	free(w);
	return out;
}

int main(int argc, char **argv)
{
	size_t nunits = 1000000;
	const char *db = "/tmp/sverka-bench-match.db", *exe = getenv("SVERKA_EXE");
	int rebuild = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--units") && i + 1 < argc)
			nunits = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--db") && i + 1 < argc)
			db = argv[++i];
		else if (!strcmp(argv[i], "--sverka") && i + 1 < argc)
			exe = argv[++i];
		else if (!strcmp(argv[i], "--rebuild"))
			rebuild = 1;
		else if (!strcmp(argv[i], "--build-only"))
			rebuild = 2;
		else if (!strcmp(argv[i], "--terms-only"))
			rebuild = 3;
		else {
			fprintf(stderr, "usage: bench-match [--units N] [--db PATH] [--rebuild]"
					" [--build-only | --terms-only] [--sverka EXE]\n");
			return 2;
		}
	}
	const char *shared = getenv("SV_SHARED");
	char sh[4096];
	if (!shared) {
		snprintf(sh, sizeof(sh), "%s/../shared", SV_SOURCE_ROOT);
		shared = sh;
	}
	struct sv_error err = { 0 };
	struct sv_text *t = sv_text_open(NULL, &err);
	if (!t) {
		fprintf(stderr, "bench-match: %s\n", err.msg);
		return 4;
	}
	struct pairs ps = { 0 };
	double t0 = bench_wall_s();
	load(t, shared, &ps);
	printf("ntrex-dev: %zu sentence pairs analysed in %.2f s\n", ps.n, bench_wall_s() - t0);
	if (!ps.n)
		return 3;
	struct stat sb;
	if (rebuild || stat(db, &sb) != 0) {
		/* in a child, so that the figures below are the query process's */
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) {
			build(db, &ps, nunits, rebuild != 3);
			fflush(stdout);
			_exit(0);
		}
		int status;
		waitpid(pid, &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			return 4;
		struct rusage ru;
		getrusage(RUSAGE_CHILDREN, &ru);
		printf("build peak RSS %.0f MB\n", ru.ru_maxrss / 1024.0);
		if (rebuild >= 2)
			return 0;
	}

	/* Start-up: open, and the first lookup (dictionaries load on first use). */
	struct sv_text *t2;
	struct sv_store *st = NULL;
	struct sv_match *m = NULL;
	double s0 = bench_wall_s();
	if (sv_store_open(db, 0, &st, &err) || !(t2 = sv_text_open(NULL, &err)) ||
	    !(m = sv_match_open(st, t2, &err))) {
		fprintf(stderr, "bench-match: %s\n", err.msg);
		return 4;
	}
	double s1 = bench_wall_s();
	struct sv_match_lookup r = SV_MATCH_LOOKUP_INIT;
	sv_match_lookup(m, "Киргизии", NULL, &r, &err);
	sv_match_lookup(m, "Съвета за колективна сигурност", NULL, &r, &err);
	double s2 = bench_wall_s();
	struct sv_match_tms tr = SV_MATCH_TMS_INIT;
	sv_match_search(m, ps.ru[0].raw, NULL, &tr, &err);
	double s3 = bench_wall_s();
	struct sv_store_counts counts = SV_STORE_COUNTS_INIT;
	if (sv_store_stats(st, &counts, &err)) {
		fprintf(stderr, "bench-match: %s\n", err.msg);
		return 4;
	}
	printf("memory %s: %lld units, %lld terms, %lld term pairs\n", db,
	       (long long)counts.units, (long long)counts.terms, (long long)counts.term_pairs);
	sv_store_counts_release(&counts);
	printf("start-up: open %.1f ms; first lookups (dictionaries load) %.1f ms; first search "
	       "%.1f ms\n",
	       (s1 - s0) * 1e3, (s2 - s1) * 1e3, (s3 - s2) * 1e3);

	/* Lookups: n-grams in their inflected surface forms, either language. */
	size_t nq = 2000;
	double *lat = sv_malloc(nq * sizeof(*lat)), *clat = sv_malloc(nq * sizeof(*clat));
	size_t found = 0, n = 0, how[8] = { 0 };
	struct sv_buf key = SV_BUF_INIT, form = SV_BUF_INIT;
	struct sv_match_lookup_opts lo;
	sv_match_lookup_opts_init(&lo);
	for (size_t i = 0; i < nq; i++) {
		if (!random_ngram(&ps, i, &key, &form))
			continue;
		double a = bench_wall_s(), ca = bench_thread_cpu_s();
		sv_match_lookup(m, form.data, &lo, &r, &err);
		clat[n] = bench_thread_cpu_s() - ca;
		lat[n++] = bench_wall_s() - a;
		found += r.nequivs > 0;
		how[r.nhits ? r.hits[0].how : 0]++;
	}
	report("lookup (hit path)", lat, n);
	report("  cpu time", clat, n);
	printf("  %zu of %zu lookups found equivalents; best hit: %zu exact, %zu form, %zu spelling, "
	       "%zu part-of-term, %zu term-in-query, %zu stem, %zu none\n",
	       found, n, how[SV_MATCH_EXACT], how[SV_MATCH_FORM], how[SV_MATCH_FOLD],
	       how[SV_MATCH_LONGER], how[SV_MATCH_SHORTER], how[SV_MATCH_STEM], how[0]);
	/* The same without partial matches, and the analysis alone (a fresh
	 * text context: every word lemmatised for the first time). */
	struct sv_text *t3 = sv_text_open(NULL, &err);
	struct sv_buf an = SV_BUF_INIT, al = SV_BUF_INIT;
	double *alat = sv_malloc(nq * sizeof(*alat));
	size_t na = 0;
	uint64_t saved = rng;
	n = 0;
	for (int pass = 0; pass < 2; pass++) {
		rng = saved;
		for (size_t i = 0; i < 1000; i++) {
			if (!random_ngram(&ps, i, &key, &form))
				continue;
			double a = bench_wall_s(), ca = bench_thread_cpu_s();
			if (pass == 0) {
				sv_buf_reset(&an);
				sv_buf_reset(&al);
				sv_text_analyse(t3, i % 2 ? SV_LANG_BG : SV_LANG_RU, form.data,
						form.len, &an, &al, &err);
				alat[na++] = bench_thread_cpu_s() - ca;
			} else {
				struct sv_match_lookup_opts xo = lo;
				xo.partial = SV_MATCH_PARTIAL_OFF;
				sv_match_lookup(m, form.data, &xo, &r, &err);
				clat[n] = bench_thread_cpu_s() - ca;
				lat[n++] = bench_wall_s() - a;
			}
		}
	}
	report("lookup --exact", lat, n);
	report("  cpu time", clat, n);
	report("  analysis alone, cold (cpu)", alat, na);
	sv_text_close(t3);
	sv_buf_release(&an);
	sv_buf_release(&al);
	free(alat);
	/* Lookups with three concordance lines per language, as the command does. */
	n = 0;
	struct sv_match_lines lines = SV_MATCH_LINES_INIT;
	for (size_t i = 0; i < 300; i++) {
		const struct side *sd = i % 2 ? &ps.bg[rnd() % ps.n] : &ps.ru[rnd() % ps.n];
		size_t p = rnd() % sd->n;
		ngram(sd, p, 1, &key, &form);
		double a = bench_wall_s(), ca = bench_thread_cpu_s();
		sv_match_lookup(m, form.data, &lo, &r, &err);
		if (r.nhits)
			sv_match_concord_lemmas(m, r.lang, r.hits[0].term.lemma_key, 3, &lines,
						&err);
		if (r.nequivs)
			sv_match_concord_lemmas(m, r.equivs[0].term.lang,
						r.equivs[0].term.lemma_key, 3, &lines, &err);
		clat[n] = bench_thread_cpu_s() - ca;
		lat[n++] = bench_wall_s() - a;
		sv_match_lines_release(&lines);
	}
	report("lookup + 2x3 lines", lat, n);
	report("  cpu time", clat, n);
	/* Misses: a word with a letter dropped ("did you mean"). */
	n = 0;
	size_t meant = 0;
	for (size_t i = 0; i < 300; i++) {
		const struct side *sd = i % 2 ? &ps.bg[rnd() % ps.n] : &ps.ru[rnd() % ps.n];
		size_t wi = rnd() % sd->n;
		const char *w = sd->key[wi];
		size_t len = strlen(w);
		if (len < 10)
			continue;
		sv_buf_reset(&form);
		sv_buf_add(&form, w, 4);
		sv_buf_adds(&form, w + 6); /* drops the third letter (Cyrillic: 2 bytes) */
		double a = bench_wall_s(), ca = bench_thread_cpu_s();
		sv_match_lookup(m, form.data, &lo, &r, &err);
		clat[n] = bench_thread_cpu_s() - ca;
		lat[n++] = bench_wall_s() - a;
		sv_buf_reset(&key);
		first_lemma(sd->lem[wi], &key);
		for (size_t k = 0; k < r.nsuggest; k++)
			if (!strcmp(r.suggest[k].lemma_key, key.data)) {
				meant++;
				break;
			}
		for (size_t k = 0; k < r.nhits; k++)
			if (!strcmp(r.hits[k].term.lemma_key, key.data)) {
				meant++;
				break;
			}
	}
	report("lookup miss (did you mean)", lat, n);
	printf("  the word meant was suggested (or matched) in %zu of %zu\n", meant, n);
	report("  cpu time", clat, n);
	/* Fuzzy search: original sentences with two words replaced. */
	n = 0;
	size_t top1 = 0, over80 = 0, anywhere = 0, long10 = 0;
	for (size_t i = 0; i < 500; i++) {
		size_t k = rnd() % ps.n;
		char *q = two_changed(ps.ru[k].raw);
		if (!q)
			continue;
		double a = bench_wall_s(), ca = bench_thread_cpu_s();
		sv_match_search(m, q, NULL, &tr, &err);
		clat[n] = bench_thread_cpu_s() - ca;
		lat[n++] = bench_wall_s() - a;
		long10 += ps.ru[k].n >= 10;
		for (size_t j = 0; j < tr.n; j++)
			if (!strcmp(tr.v[j].ru, ps.ru[k].raw)) {
				top1 += j == 0;
				anywhere++;
				over80 += tr.v[j].score >= 80 && ps.ru[k].n >= 10;
			}
		int hit = 0;
		for (size_t j = 0; j < tr.n; j++)
			hit |= !strcmp(tr.v[j].ru, ps.ru[k].raw);
		if (!hit && getenv("BENCH_MISSES"))
			fprintf(stderr, "miss: %s\n  for: %s (%zu results, top %.1f)\n", q,
				ps.ru[k].raw, tr.n, tr.n ? tr.v[0].score : 0.0);
		free(q);
	}
	report("search (two words changed)", lat, n);
	report("  cpu time", clat, n);
	printf("  original sentence found in %zu of %zu (first in %zu); of the %zu with 10 tokens or "
	       "more, found at >= 80 in %zu\n",
	       anywhere, n, top1, long10, over80);
	n = 0;
	for (size_t i = 0; i < 200; i++) {
		size_t k = rnd() % ps.n;
		double a = bench_wall_s(), ca = bench_thread_cpu_s();
		sv_match_search(m, ps.bg[k].raw, NULL, &tr, &err);
		clat[n] = bench_thread_cpu_s() - ca;
		lat[n++] = bench_wall_s() - a;
	}
	report("search (exact, Bulgarian)", lat, n);
	report("  cpu time", clat, n);
	printf("query process peak RSS %.1f MB (includes the analysed ntrex-dev sentences)\n",
	       bench_peak_rss_kb() / 1024.0);

	/* The command's wall time, process start to exit. */
	if (exe) {
		char cmd[8192];
		snprintf(cmd, sizeof(cmd),
			 "'%s' --memory '%s' lookup --lines 3 ОДКБ >/dev/null 2>&1", exe, db);
		printf("sverka lookup (process start to exit), median of %d: %.1f ms\n",
		       COMMAND_RUNS, command_median_s(cmd) * 1e3);
		snprintf(cmd, sizeof(cmd), "'%s' --memory '%s' search '%s' >/dev/null 2>&1", exe,
			 db, "Президент России прибыл в Бишкек на саммит.");
		printf("sverka search (process start to exit), median of %d: %.1f ms\n",
		       COMMAND_RUNS, command_median_s(cmd) * 1e3);
	}
	free(lat);
	free(clat);

	sv_buf_release(&key);
	sv_buf_release(&form);
	sv_match_lookup_release(&r);
	sv_match_tms_release(&tr);
	sv_match_close(m);
	sv_text_close(t2);
	sv_store_close(st);
	sv_text_close(t);
	return 0;
}
