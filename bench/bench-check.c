/* bench-check: speed of `sverka check` over segment pairs with a large
 * glossary; prints pairs per second.
 *
 *   bench-check [PAIRS.tsv] [--terms N] [--pairs N] [--disable CHECK]...
 *
 * PAIRS.tsv defaults to ntrex-dev's parallel files pasted line by line
 * ($SV_SHARED, else ../shared, /data/ntrex-dev/parallel); its pairs are repeated, each copy with
 * its numbers shifted so that copies are not identical, up to --pairs
 * (default 20000). The glossary holds --terms concepts (default 10000), each
 * a Russian and a Bulgarian term of one to three words taken from the text
 * itself (so that terms really occur and are looked up), plus a forbidden
 * variant for one concept in ten. Timed: sv_check_run() over all pairs
 * (tokenising, lemmatising, all eight checks); glossary building is
 * reported apart. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "align/align.h"
#include "bench-common.h"
#include "check/check.h"
#include "config.h"

/* Reads every ru/DOC.txt + bg/DOC.txt pair of dir into segs. */
static int load_ntrex(const char *dir, struct sv_check_segs *segs)
{
	char path[4200];
	snprintf(path, sizeof(path), "%s/ru", dir);
	char **names;
	size_t n;
	if (bench_list_names(path, &names, &n))
		return -1;
	for (size_t i = 0; i < n; i++) {
		char rp[8300], bp[8300];
		snprintf(rp, sizeof(rp), "%s/ru/%s", dir, names[i]);
		snprintf(bp, sizeof(bp), "%s/bg/%s", dir, names[i]);
		FILE *fr = fopen(rp, "r"), *fb = fopen(bp, "r");
		char *a = NULL, *b = NULL;
		size_t ca = 0, cb = 0;
		unsigned long line = 0;
		while (fr && fb && getline(&a, &ca, fr) >= 0 && getline(&b, &cb, fb) >= 0) {
			a[strcspn(a, "\r\n")] = 0;
			b[strcspn(b, "\r\n")] = 0;
			char unit[64];
			snprintf(unit, sizeof(unit), "%lu", ++line);
			sv_check_segs_add(segs, names[i], unit, a, b, NULL, NULL, SV_LANG_RU, SV_LANG_BG);
		}
		free(a);
		free(b);
		if (fr)
			fclose(fr);
		if (fb)
			fclose(fb);
		free(names[i]);
	}
	free(names);
	return 0;
}

/* Appends to out the k words of text starting at word w (words: runs of
 * letters split on spaces and punctuation); 0 when there are fewer. */
static int words_at(const char *text, size_t w, size_t k, struct sv_buf *out)
{
	sv_buf_reset(out);
	size_t i = 0, seen = 0, taken = 0;
	const char *p = text;
	while (*p && taken < k) {
		while (*p && (*p == ' ' || *p == ',' || *p == '.' || *p == '"' || *p == '(' ||
			      *p == ')' || *p == ':' || *p == ';'))
			p++;
		const char *q = p;
		while (*q && !(*q == ' ' || *q == ',' || *q == '.' || *q == '"' || *q == '(' ||
			       *q == ')' || *q == ':' || *q == ';'))
			q++;
		if (q == p)
			break;
		if (seen++ >= w) {
			if (taken++)
				sv_buf_addc(out, ' ');
			sv_buf_add(out, p, (size_t)(q - p));
		}
		p = q;
		i++;
	}
	return taken == k;
}

/* Reads the lower-case words of at least five letters of a hunspell .dic
 * file (stems, flags dropped) into out. */
static void load_dic(const char *path, struct sv_buf *words, size_t **offs, size_t *n)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char *line = NULL;
	size_t cap = 0, ocap = 0;
	while (getline(&line, &cap, f) >= 0) {
		line[strcspn(line, "/\t\r\n")] = 0;
		size_t len = strlen(line);
		unsigned char c0 = (unsigned char)line[0];
		if (len < 10 || c0 < 0xD0 || strpbrk(line, "0123456789-. '"))
			continue;
		/* lower case: Cyrillic small letters start 0xD0 0xB0.. or 0xD1 */
		if (c0 == 0xD0 && (unsigned char)line[1] < 0xB0)
			continue;
		SV_GROW(*offs, ocap, *n + 1);
		(*offs)[(*n)++] = words->len;
		sv_buf_add(words, line, len + 1);
	}
	free(line);
	fclose(f);
}

/* The Bulgarian k-gram of tgt most like the Russian words ru by cognate
 * similarity (sv_align_cognate, word by word), into out; 0 when none reaches
 * 0.6 on average: a plausible equivalent, not a random one. */
static int best_cognate(const char *tgt, const struct sv_buf *ru, size_t k, struct sv_buf *out)
{
	struct sv_buf cand = SV_BUF_INIT, rk = SV_BUF_INIT, bk = SV_BUF_INIT;
	double best = 0;
	for (size_t w = 0; words_at(tgt, w, k, &cand); w++) {
		double sum = 0;
		const char *rp = ru->data, *bp = cand.data;
		for (size_t j = 0; j < k; j++) {
			size_t rn = strcspn(rp, " "), bn = strcspn(bp, " ");
			sv_buf_reset(&rk);
			sv_buf_reset(&bk);
			sv_text_key(rp, rn, &rk);
			sv_text_key(bp, bn, &bk);
			sum += sv_align_cognate(rk.data, bk.data);
			rp += rn + (rp[rn] == ' ');
			bp += bn + (bp[bn] == ' ');
		}
		if (sum / (double)k > best) {
			best = sum / (double)k;
			sv_buf_reset(out);
			sv_buf_add(out, cand.data, cand.len);
		}
	}
	sv_buf_release(&cand);
	sv_buf_release(&rk);
	sv_buf_release(&bk);
	return best >= 0.6;
}

/* Whether words look like a term: no function word first or last, no
 * digits, a single word of at least five letters. */
static int termlike(enum sv_lang lang, const struct sv_buf *w)
{
	const char *first_end = strchr(w->data, ' ');
	const char *last = strrchr(w->data, ' ');
	size_t n1 = first_end ? (size_t)(first_end - w->data) : w->len;
	last = last ? last + 1 : w->data;
	struct sv_buf k = SV_BUF_INIT;
	sv_text_key(w->data, n1, &k);
	int ok = !sv_text_is_stopword(lang, k.data, k.len);
	sv_buf_reset(&k);
	sv_text_key(last, strlen(last), &k);
	ok = ok && !sv_text_is_stopword(lang, k.data, k.len);
	sv_buf_release(&k);
	for (const char *p = w->data; *p && ok; p++)
		ok = !(*p >= '0' && *p <= '9') && *p != '-' && *p != '\'' && *p != '!' && *p != '?';
	if (ok && !first_end)
		ok = w->len >= 10; /* five Cyrillic letters */
	return ok;
}

/* Adds a concept of src (in src_lang) and tgt (in tgt_lang), both approved,
 * to g, unless src is already in seen (then it adds src to seen). Returns 1
 * with the new concept in *concept, else 0 (seen before, or not added). */
static int add_new_concept(struct sv_check_glossary *g, struct sv_map *seen, enum sv_lang src_lang,
			   const struct sv_buf *src, enum sv_lang tgt_lang, const struct sv_buf *tgt,
			   uint32_t *concept)
{
	int added;
	sv_map_add(seen, src->data, src->len, &added);
	if (!added)
		return 0;
	*concept = sv_check_glossary_concept(g);
	struct sv_error e = { 0 };
	return !sv_check_glossary_add(g, *concept, src_lang, src->data, SV_CHECK_ST_APPROVED, &e) &&
	       !sv_check_glossary_add(g, *concept, tgt_lang, tgt->data, SV_CHECK_ST_APPROVED, &e);
}

int main(int argc, char **argv)
{
	const char *pairs = NULL;
	size_t nterms = 10000, npairs = 20000;
	const char *disable[8];
	int ndisable = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--terms") && i + 1 < argc)
			nterms = (size_t)atol(argv[++i]);
		else if (!strcmp(argv[i], "--pairs") && i + 1 < argc)
			npairs = (size_t)atol(argv[++i]);
		else if (!strcmp(argv[i], "--disable") && i + 1 < argc)
			disable[ndisable++ % 8] = argv[++i];
		else
			pairs = argv[i];
	}
	struct sv_error err = { 0 };
	struct sv_text *t = sv_text_open(NULL, &err);
	if (!t) {
		fprintf(stderr, "bench-check: %s\n", err.msg);
		return 4;
	}
	struct sv_check_segs base, segs;
	sv_check_segs_init(&base);
	sv_check_segs_init(&segs);
	if (pairs) {
		if (sv_check_read_report(pairs, SV_LANG_UNKNOWN, &base, &err)) {
			fprintf(stderr, "bench-check: %s\n", err.msg);
			return 3;
		}
	} else {
		const char *shared = getenv("SV_SHARED");
		char dir[4096];
		snprintf(dir, sizeof(dir), "%s/data/ntrex-dev/parallel",
			 shared && *shared ? shared : SV_SOURCE_ROOT "/../shared");
		if (load_ntrex(dir, &base) || !base.n) {
			fprintf(stderr, "bench-check: cannot read '%s' (give PAIRS.tsv)\n", dir);
			return 3;
		}
	}
	/* the pairs, repeated with shifted numbers */
	struct sv_buf a = SV_BUF_INIT, b = SV_BUF_INIT;
	for (size_t k = 0; segs.n < npairs; k++) {
		for (size_t i = 0; i < base.n && segs.n < npairs; i++) {
			const struct sv_check_seg *s = &base.v[i];
			sv_buf_reset(&a);
			sv_buf_reset(&b);
			for (const char *p = s->src; *p; p++)
				sv_buf_addc(&a, *p >= '0' && *p <= '9' ? (char)('0' + (*p - '0' + k) % 10) : *p);
			for (const char *p = s->tgt ? s->tgt : ""; *p; p++)
				sv_buf_addc(&b, *p >= '0' && *p <= '9' ? (char)('0' + (*p - '0' + k) % 10) : *p);
			char unit[64];
			snprintf(unit, sizeof(unit), "%zu.%s", k, s->unit);
			sv_check_segs_add(&segs, sv_check_seg_file(&base, i), unit, a.data, b.data, NULL,
					  NULL, s->src_lang, s->tgt_lang);
		}
	}
	/* the glossary: word n-grams of the texts */
	double t0 = bench_wall_s();
	struct sv_check_glossary *g = sv_check_glossary_new(t);
	struct sv_buf rt = SV_BUF_INIT, bt = SV_BUF_INIT;
	size_t made = 0, tries = 0;
	struct sv_map seen = SV_MAP_INIT;
	unsigned long long rng = 88172645463325252ULL;
	size_t from_text = nterms / 10;
	while (made < from_text && tries < nterms * 200) {
		tries++;
		rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
		const struct sv_check_seg *s = &base.v[rng % base.n];
		size_t k = 1 + (rng >> 20) % 3, w = (rng >> 24) % 40;
		if (!words_at(s->src, w, k, &rt) || !termlike(s->src_lang, &rt) ||
		    !best_cognate(s->tgt ? s->tgt : "", &rt, k, &bt) || !termlike(s->tgt_lang, &bt))
			continue;
		/* one concept per source term, as in a real glossary */
		uint32_t c;
		if (!add_new_concept(g, &seen, s->src_lang, &rt, s->tgt_lang, &bt, &c))
			continue;
		struct sv_error e = { 0 };
		if (made % 10 == 0) /* the Russian form, forbidden in Bulgarian */
			sv_check_glossary_add(g, c, s->tgt_lang, rt.data, SV_CHECK_ST_FORBIDDEN, &e);
		made++;
	}
	/* the rest: word pairs from the hunspell dictionaries, which the
	 * reports mostly do not contain, as in a real termbase */
	const char *dirs = getenv("SVERKA_DICT_DIRS");
	char rdic[4096], bdic[4096];
	const char *dir = dirs && *dirs ? dirs : "/usr/share/hunspell";
	int dlen = (int)strcspn(dir, ":");
	snprintf(rdic, sizeof(rdic), "%.*s/ru_RU.dic", dlen, dir);
	snprintf(bdic, sizeof(bdic), "%.*s/bg_BG.dic", dlen, dir);
	struct sv_buf rw = SV_BUF_INIT, bw = SV_BUF_INIT;
	size_t *ro = NULL, *bo = NULL, nr = 0, nb = 0;
	load_dic(rdic, &rw, &ro, &nr);
	load_dic(bdic, &bw, &bo, &nb);
	while (nr && nb && made < nterms) {
		rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
		int words = 1 + (int)((rng >> 8) % 2);
		sv_buf_reset(&rt);
		sv_buf_reset(&bt);
		for (int k = 0; k < words; k++) {
			rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
			sv_buf_addf(&rt, "%s%s", k ? " " : "", rw.data + ro[rng % nr]);
			sv_buf_addf(&bt, "%s%s", k ? " " : "", bw.data + bo[(rng >> 17) % nb]);
		}
		uint32_t c;
		if (!add_new_concept(g, &seen, SV_LANG_RU, &rt, SV_LANG_BG, &bt, &c))
			continue;
		made++;
	}
	sv_buf_release(&rw);
	sv_buf_release(&bw);
	free(ro);
	free(bo);
	double t1 = bench_wall_s();
	sv_map_release(&seen);
	struct sv_check_config cfg;
	struct sv_check_findings f;
	sv_check_config_init(&cfg);
	for (int i = 0; i < ndisable && i < 8; i++) {
		char setting[64];
		snprintf(setting, sizeof(setting), "%s=off", disable[i]);
		if (sv_check_config_set(&cfg, setting, &err)) {
			fprintf(stderr, "bench-check: %s\n", err.msg);
			return 2;
		}
	}
	sv_check_findings_init(&f);
	/* warm-up on the first 1000 pairs: loads the dictionaries */
	struct sv_check_segs warm;
	sv_check_segs_init(&warm);
	for (size_t i = 0; i < base.n && i < 1000; i++)
		sv_check_segs_add(&warm, "warm", base.v[i].unit, base.v[i].src, base.v[i].tgt, NULL,
				  NULL, base.v[i].src_lang, base.v[i].tgt_lang);
	sv_check_run(t, &warm, g, &cfg, &f, &err);
	sv_check_findings_release(&f);
	sv_check_findings_init(&f);
	double t2 = bench_wall_s(), c2 = bench_process_cpu_s();
	if (sv_check_run(t, &segs, g, &cfg, &f, &err)) {
		fprintf(stderr, "bench-check: %s\n", err.msg);
		return 4;
	}
	double t3 = bench_wall_s(), c3 = bench_process_cpu_s();
	printf("bench-check: glossary %zu concepts, %zu terms, built in %.2f s\n",
	       sv_check_glossary_concepts(g), sv_check_glossary_terms(g), t1 - t0);
	printf("bench-check: %zu pairs checked in %.2f s (%.2f s CPU): %.0f pairs/s, %.0f pairs/s "
	       "of CPU (%zu findings)\n",
	       segs.n, t3 - t2, c3 - c2, (double)segs.n / (t3 - t2), (double)segs.n / (c3 - c2), f.n);
	printf("bench-check: findings:");
	for (int c = 0; c < SV_CHECK_COUNT; c++)
		printf(" %s %zu", sv_check_name(c), f.count[c]);
	printf("\n");
	sv_check_segs_release(&warm);
	sv_check_findings_release(&f);
	sv_check_config_release(&cfg);
	sv_check_glossary_free(g);
	sv_check_segs_release(&segs);
	sv_check_segs_release(&base);
	sv_buf_release(&a);
	sv_buf_release(&b);
	sv_buf_release(&rt);
	sv_buf_release(&bt);
	sv_text_close(t);
	return 0;
}
