/* Throughput of the text pipeline alone (no SQLite): decode, language id,
 * sentence segmentation, tokenisation and lemmatisation of ntrex-dev and the
 * sample corpus, cycled until the given number of megabytes has gone
 * through. Prints MB/s per stage and overall (by CPU time, as other work
 * may share the machine), and the peak RSS.
 * Usage: bench-text [MB] [SHARED_DIR]   (defaults: 50, $SV_SHARED or ../shared) */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "base/buf.h"
#include "bench-common.h"
#include "text/text.h"

struct file {
	char *name, *bytes;
	size_t n;
};

static void add_dir(const char *dir, struct file **files, size_t *nfiles)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d)
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !strstr(e->d_name, ".txt"))
			continue;
		char path[8192];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		size_t n = 0;
		char *b = bench_read_file(path, &n);
		if (!b)
			continue;
		*files = realloc(*files, (*nfiles + 1) * sizeof(**files));
		(*files)[*nfiles] = (struct file){ strdup(path), b, n };
		(*nfiles)++;
	}
	closedir(d);
}

static long peak_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

int main(int argc, char **argv)
{
	double mb = argc > 1 ? atof(argv[1]) : 50;
	const char *shared = argc > 2 ? argv[2] : getenv("SV_SHARED");
	char dir[4096];
	struct file *files = NULL;
	size_t nfiles = 0;
	if (!shared)
		shared = "../shared";
	snprintf(dir, sizeof(dir), "%s/data/ntrex-dev/parallel/ru", shared);
	add_dir(dir, &files, &nfiles);
	snprintf(dir, sizeof(dir), "%s/data/ntrex-dev/parallel/bg", shared);
	add_dir(dir, &files, &nfiles);
	snprintf(dir, sizeof(dir), "%s/corpus/seeds", shared);
	add_dir(dir, &files, &nfiles);
	if (!nfiles) {
		fprintf(stderr, "bench-text: no input under '%s'\n", shared);
		return 2;
	}
	struct sv_error err;
	struct sv_text *t = sv_text_open(NULL, &err);
	if (sv_text_dict_check(t, SV_LANG_RU, &err) || sv_text_dict_check(t, SV_LANG_BG, &err)) {
		fprintf(stderr, "bench-text: %s\n", err.msg);
		return 4;
	}
	long rss0 = peak_rss_kb();
	struct sv_doc_text doc = SV_DOC_TEXT_INIT;
	struct sv_buf norm = SV_BUF_INIT, lemmas = SV_BUF_INIT;
	double t_dec = 0, t_lang = 0, t_seg = 0, t_ana = 0;
	size_t bytes = 0, docs = 0, paras = 0, sents = 0;
	size_t target = (size_t)(mb * 1e6);
	double start = bench_thread_cpu_s(), wstart = bench_wall_s();
	enum sv_lang *plang = NULL;
	struct sv_spans *pspans = NULL;
	size_t cap = 0;
	for (size_t i = 0; bytes < target; i = (i + 1) % nfiles) {
		struct file *f = &files[i];
		/* each stage over the whole document, timed once (the CPU clock
		 * is a system call) */
		double a = bench_thread_cpu_s();
		if (sv_text_decode(f->name, f->bytes, f->n, SV_FORMAT_AUTO, 0, &doc, &err)) {
			fprintf(stderr, "bench-text: %s\n", err.msg);
			return 3;
		}
		if (doc.npara > cap) {
			plang = realloc(plang, doc.npara * sizeof(*plang));
			pspans = realloc(pspans, doc.npara * sizeof(*pspans));
			memset(pspans + cap, 0, (doc.npara - cap) * sizeof(*pspans));
			cap = doc.npara;
		}
		double b = bench_thread_cpu_s();
		enum sv_lang dl = sv_lang_detect(f->bytes, f->n, NULL);
		for (size_t p = 0; p < doc.npara; p++) {
			plang[p] = sv_lang_detect(doc.paras[p].text, strlen(doc.paras[p].text), NULL);
			if (plang[p] != SV_LANG_RU && plang[p] != SV_LANG_BG)
				plang[p] = dl;
		}
		double c = bench_thread_cpu_s();
		for (size_t p = 0; p < doc.npara; p++) {
			const char *s = doc.paras[p].text;
			sv_text_segment(t, s, strlen(s), plang[p], &pspans[p], &err);
			sents += pspans[p].n;
		}
		double d = bench_thread_cpu_s();
		for (size_t p = 0; p < doc.npara; p++) {
			const char *s = doc.paras[p].text;
			for (size_t k = 0; k < pspans[p].n; k++) {
				sv_buf_reset(&norm);
				sv_buf_reset(&lemmas);
				if (sv_text_analyse(t, plang[p], s + pspans[p].v[k].start,
						    pspans[p].v[k].len, &norm, &lemmas, &err)) {
					fprintf(stderr, "bench-text: %s\n", err.msg);
					return 4;
				}
			}
		}
		double e = bench_thread_cpu_s();
		t_dec += b - a;
		t_lang += c - b;
		t_seg += d - c;
		t_ana += e - d;
		paras += doc.npara;
		sv_doc_text_release(&doc);
		bytes += f->n;
		docs++;
	}
	double total = bench_thread_cpu_s() - start, wtotal = bench_wall_s() - wstart;
	double m = (double)bytes / 1e6;
	printf("bench-text: %.1f MB in %zu documents (%zu paragraphs, %zu sentences) from %zu files\n",
	       m, docs, paras, sents, nfiles);
	printf("  decode    %7.1f MB/s\n", m / t_dec);
	printf("  langid    %7.1f MB/s\n", m / t_lang);
	printf("  segment   %7.1f MB/s\n", m / t_seg);
	printf("  analyse   %7.1f MB/s  (tokenise + lemmatise)\n", m / t_ana);
	printf("  total     %7.1f MB/s  (%.2f s CPU on one core; %.2f s wall clock)\n", m / total,
	       total, wtotal);
	printf("  peak RSS  %ld KB (%ld KB after loading the dictionaries)\n", peak_rss_kb(), rss0);
	for (size_t p = 0; p < cap; p++)
		sv_spans_release(&pspans[p]);
	free(pspans);
	free(plang);
	sv_buf_release(&norm);
	sv_buf_release(&lemmas);
	sv_text_close(t);
	for (size_t i = 0; i < nfiles; i++)
		free(files[i].name), free(files[i].bytes);
	free(files);
	return 0;
}
