/* The alignment evaluation shared by the align quality test and bench/eval-align
 * and bench/bench-align: reading ntrex-dev style documents, aligning a variant,
 * scoring against gold.tsv (contracts in align-eval.h). */
#include "align-eval.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/map.h"
#include "base/utf8.h"

static int ac_is_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0x400 && c <= 0x4FF) ||
	       (c >= 0xC0 && c <= 0x24F);
}

static uint32_t ac_lower(uint32_t c)
{
	if (c >= 0x410 && c <= 0x42F)
		return c + 0x20;
	if (c == 0x401 || c == 0x451)
		return 0x435;
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	return c;
}

/* Appends norm (and lemmas, identical) of s to the buffers. */
static void ac_analyse(const char *s, struct sv_buf *norm)
{
	size_t n = strlen(s);
	size_t i = 0;
	while (i < n) {
		uint32_t c;
		size_t l = sv_utf8_decode((const unsigned char *)s + i, n - i, &c);
		if (!l) {
			i++;
			continue;
		}
		if (ac_is_letter(c)) {
			if (norm->len)
				sv_buf_addc(norm, ' ');
			while (i < n) {
				l = sv_utf8_decode((const unsigned char *)s + i, n - i, &c);
				if (!l)
					break;
				if (!ac_is_letter(c)) {
					/* inner hyphen or apostrophe */
					uint32_t d = 0;
					size_t l2 = i + l < n ? sv_utf8_decode((const unsigned char *)s + i + l,
									   n - i - l, &d) : 0;
					if ((c == '-' || c == '\'') && l2 && ac_is_letter(d)) {
						sv_buf_add_cp(norm, c);
						i += l;
						continue;
					}
					break;
				}
				sv_buf_add_cp(norm, ac_lower(c));
				i += l;
			}
		} else if (c >= '0' && c <= '9') {
			if (norm->len)
				sv_buf_addc(norm, ' ');
			while (i < n) {
				char ch = s[i];
				if (ch >= '0' && ch <= '9') {
					sv_buf_addc(norm, ch);
					i++;
				} else if ((ch == ',' || ch == '.' || ch == ':' || ch == '-') && i + 1 < n &&
					   s[i + 1] >= '0' && s[i + 1] <= '9') {
					sv_buf_addc(norm, ch == ',' ? '.' : ch);
					i++;
				} else {
					break;
				}
			}
		} else {
			i += l;
		}
	}
}

static struct sv_text *ac_text;
static int ac_text_failed;

/* The shared text context (NULL when unavailable); ac_text_done() frees it. */
struct sv_text *ac_text_get(void)
{
	if (!ac_text && !ac_text_failed) {
		struct sv_error err;
		ac_text = sv_text_open(NULL, &err);
		if (!ac_text) {
			ac_text_failed = 1;
			fprintf(stderr, "note: text pipeline unavailable (%s); crude analyser used\n",
				err.msg);
		}
	}
	return ac_text;
}

void ac_text_done(void)
{
	sv_text_close(ac_text);
	ac_text = NULL;
}

void ac_doc_free(struct ac_doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free((char *)d->sents[i].text);
		free((char *)d->sents[i].norm);
		free((char *)d->sents[i].lemmas);
	}
	free(d->sents);
	free(d->name);
	free(d->date);
	memset(d, 0, sizeof(*d));
}

static void ac_doc_push(struct ac_doc *d, const char *s, size_t len)
{
	SV_GROW(d->sents, d->cap, d->n + 1);
	char *text = sv_strndup(s, len);
	struct sv_buf b = SV_BUF_INIT, l = SV_BUF_INIT;
	struct sv_text *t = ac_text_get();
	struct sv_error err;
	if (!t || sv_text_analyse(t, d->lang, s, len, &b, &l, &err)) {
		sv_buf_reset(&b);
		sv_buf_reset(&l);
		ac_analyse(text, &b);
	}
	d->sents[d->n++] = (struct sv_align_sent){ text, sv_buf_detach(&b), sv_buf_detach(&l) };
}

/* Leaves sents non-NULL for an empty document. */
static void ac_doc_finish(struct ac_doc *d)
{
	SV_GROW(d->sents, d->cap, d->n + 1);
}

/* Reads one sentence per non-empty line (CRLF accepted) in lang, decoded as
 * `sverka add --segmented` does (raw lines when the text pipeline cannot
 * open). With `split`, the file is decoded and segmented by the text
 * pipeline (its date kept, its language detected when lang is
 * SV_LANG_UNKNOWN). */
int ac_doc_read(const char *path, const char *name, enum sv_lang lang, int split,
		struct ac_doc *d)
{
	memset(d, 0, sizeof(*d));
	d->lang = lang;
	size_t n;
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	n = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	char *bytes = malloc(n + 1);
	if (fread(bytes, 1, n, f) != n)
		n = 0;
	bytes[n] = 0;
	fclose(f);
	d->name = strdup(name);
	struct sv_text *t = ac_text_get();
	struct sv_doc_text lines = SV_DOC_TEXT_INIT;
	struct sv_error lerr;
	if (!split && t && !sv_text_decode(name, bytes, n, SV_FORMAT_TEXT, 1, &lines, &lerr)) {
		/* one sentence a line, decoded as `sverka add --segmented` does it
		 * (NFC, white space folded) */
		for (size_t i = 0; i < lines.npara; i++)
			ac_doc_push(d, lines.paras[i].text, strlen(lines.paras[i].text));
	} else if (split && t) {
		struct sv_doc_text dt = SV_DOC_TEXT_INIT;
		struct sv_error err;
		if (!sv_text_decode(name, bytes, n, SV_FORMAT_TEXT, 0, &dt, &err)) {
			if (dt.date)
				d->date = strdup(dt.date);
			if (d->lang == SV_LANG_UNKNOWN) {
				struct sv_buf all = SV_BUF_INIT;
				for (size_t i = 0; i < dt.npara; i++) {
					sv_buf_adds(&all, dt.paras[i].text);
					sv_buf_addc(&all, '\n');
				}
				d->lang = sv_lang_detect(all.data, all.len, NULL);
				sv_buf_release(&all);
			}
			struct sv_spans sp = { NULL, 0, 0 };
			for (size_t i = 0; i < dt.npara; i++) {
				const char *p = dt.paras[i].text;
				if (sv_text_segment(t, p, strlen(p), d->lang, &sp, &err))
					continue;
				for (size_t k = 0; k < sp.n; k++)
					ac_doc_push(d, p + sp.v[k].start, sp.v[k].len);
			}
			sv_spans_release(&sp);
		}
		sv_doc_text_release(&dt);
	} else {
		char *p = bytes, *e = bytes + n;
		if (split && !strncmp(p, " date ", 6)) {
			d->date = strndup(p + 6, 10);
			p = memchr(p, '\n', (size_t)(e - p));
			p = p ? p + 1 : e;
		}
		while (p < e) {
			char *nl = memchr(p, '\n', (size_t)(e - p));
			char *le = nl ? nl : e;
			size_t len = (size_t)(le - p);
			while (len && (p[len - 1] == '\r' || p[len - 1] == ' '))
				len--;
			if (len)
				ac_doc_push(d, p, len);
			p = nl ? nl + 1 : e;
		}
	}
	sv_doc_text_release(&lines);
	free(bytes);
	ac_doc_finish(d);
	return 0;
}

/* Sorted file names (without .txt) of a directory. */
size_t ac_list(const char *dir, char ***out)
{
	DIR *dp = opendir(dir);
	size_t n = 0;
	*out = NULL;
	if (!dp)
		return 0;
	struct dirent *e;
	while ((e = readdir(dp))) {
		size_t l = strlen(e->d_name);
		if (l < 5 || strcmp(e->d_name + l - 4, ".txt"))
			continue;
		*out = realloc(*out, (n + 1) * sizeof(char *));
		(*out)[n++] = strndup(e->d_name, l - 4);
	}
	closedir(dp);
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp((*out)[j - 1], (*out)[j]) > 0; j--) {
			char *t = (*out)[j];
			(*out)[j] = (*out)[j - 1];
			(*out)[j - 1] = t;
		}
	return n;
}

void ac_list_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void ac_prf_set(size_t tp, size_t np, size_t ng, double *p, double *r, double *f)
{
	*p = np ? (double)tp / (double)np : 0;
	*r = ng ? (double)tp / (double)ng : 0;
	*f = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0;
}

/* Prints a false pair (line x + 1 of the link's RU side, y + 1 of its BG
 * side) with both texts; d[0] and d[1] are the pair's documents. */
static void ac_show_fp(const char *vdir, const char *name, const struct sv_align_link *l,
			      uint32_t x, uint32_t y, const struct ac_doc *d)
{
	fprintf(stderr, "FP %s %s %u-%u ru%u bg%u s=%.3f\n  %s\n  %s\n", vdir + strlen(vdir) - 5,
		name, l->nru, l->nbg, l->ru + x + 1, l->bg + y + 1, l->score, d[0].sents[l->ru + x].text,
		d[1].sents[l->bg + y].text);
}

/* 0 for documents of the first half (odd positions in name order), 1 for
 * the second. */
static int ac_half(char **names, size_t nd, const char *doc)
{
	for (size_t i = 0; i < nd; i++)
		if (!strcmp(names[i], doc))
			return (int)(i % 2);
	return 0;
}

/* The sorted names of a variant's Russian documents (vdir/ru), as ac_list(). */
static size_t list_ru_docs(const char *vdir, char ***names)
{
	char path[8192];
	snprintf(path, sizeof(path), "%s/ru", vdir);
	return ac_list(path, names);
}

/* Aligns every document pair of a variant directory (ru/ and bg/ with the
 * same names) with method in one run (sv_align_run: the second pass after
 * learning from the first), and scores line pairs against gold.tsv (or the
 * diagonal when there is none). Returns -1 when the directory cannot be
 * read. */
int ac_eval_variant(const char *vdir, enum sv_align_method method, struct ac_prf *res,
		    double *seconds)
{
	char path[8192];
	char **names;
	size_t nd = list_ru_docs(vdir, &names);
	if (!nd)
		return -1;
	struct sv_error err;
	struct sv_align *a = sv_align_open(NULL, &err);
	if (!a) {
		ac_list_free(names, nd);
		return -1;
	}
	struct ac_doc *docs = calloc(nd * 2, sizeof(*docs));
	size_t *ids = calloc(nd * 2, sizeof(*ids));
	for (size_t i = 0; i < nd; i++)
		for (int s = 0; s < 2; s++) {
			snprintf(path, sizeof(path), "%s/%s/%s.txt", vdir, s ? "bg" : "ru", names[i]);
			ac_doc_read(path, names[i], s ? SV_LANG_BG : SV_LANG_RU, 0, &docs[i * 2 + s]);
			struct sv_align_doc d = { names[i], s ? SV_LANG_BG : SV_LANG_RU, NULL,
						  docs[i * 2 + s].sents, docs[i * 2 + s].n };
			sv_align_add(a, &d, &ids[i * 2 + s], &err);
		}
	/* one run over all pairs, as `sverka align` makes it; experiments may set
	 * $AC_PASSES, $AC_K, $AC_MARGIN, $AC_ALPHA (sv_align_opts) */
	struct sv_align_opts o;
	sv_align_opts_init(&o);
	if (getenv("AC_PASSES"))
		o.passes = atoi(getenv("AC_PASSES"));
	if (getenv("AC_K"))
		o.k = atoi(getenv("AC_K"));
	if (getenv("AC_MARGIN"))
		o.min_margin = atof(getenv("AC_MARGIN"));
	if (getenv("AC_ALPHA"))
		o.mine_alpha = atof(getenv("AC_ALPHA"));
	struct sv_align_job *jobs = calloc(nd, sizeof(*jobs));
	for (size_t i = 0; i < nd; i++)
		jobs[i] = (struct sv_align_job){ ids[i * 2], ids[i * 2 + 1], method,
						 SV_ALIGN_LINKS_INIT };
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	sv_align_run(a, jobs, nd, &o, &err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (seconds)
		*seconds = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
	/* gold line pairs "doc\tru\tbg" */
	struct sv_map gold = SV_MAP_INIT;
	char key[512];
	snprintf(path, sizeof(path), "%s/gold.tsv", vdir);
	FILE *f = fopen(path, "r");
	if (f) {
		char line[1024];
		while (fgets(line, sizeof(line), f)) {
			char doc[256], rl[256], bl[256];
			if (sscanf(line, "%255[^\t]\t%255[^\t]\t%255[^\t\r\n]", doc, rl, bl) != 3 ||
			    !strcmp(doc, "doc"))
				continue;
			char *sr, *sb;
			for (char *x = strtok_r(rl, ",", &sr); x; x = strtok_r(NULL, ",", &sr)) {
				char bcopy[256];
				strcpy(bcopy, bl);
				for (char *y = strtok_r(bcopy, ",", &sb); y; y = strtok_r(NULL, ",", &sb)) {
					snprintf(key, sizeof(key), "%s\t%d\t%d", doc, atoi(x), atoi(y));
					sv_map_put(&gold, key, 1 + ac_half(names, nd, doc));
				}
			}
		}
		fclose(f);
	} else {
		for (size_t i = 0; i < nd; i++)
			for (size_t l = 0; l < docs[i * 2].n && l < docs[i * 2 + 1].n; l++) {
				snprintf(key, sizeof(key), "%s\t%zu\t%zu", names[i], l + 1, l + 1);
				sv_map_put(&gold, key, 1 + i % 2);
			}
	}
	if (getenv("AC_SHOW_FN")) {
		struct sv_map pred = SV_MAP_INIT;
		for (size_t i = 0; i < nd; i++)
			for (size_t q = 0; q < jobs[i].links.n; q++) {
				const struct sv_align_link *l = &jobs[i].links.v[q];
				for (uint32_t x = 0; x < l->nru; x++)
					for (uint32_t y = 0; y < l->nbg; y++) {
						snprintf(key, sizeof(key), "%s\t%u\t%u", names[i],
							 l->ru + x + 1, l->bg + y + 1);
						sv_map_put(&pred, key, 1);
					}
			}
		for (size_t q = 0; q < gold.cap; q++) {
			if (!gold.slots[q].key || sv_map_get(&pred, gold.slots[q].key, 0))
				continue;
			char doc[256];
			unsigned x, y;
			if (sscanf(gold.slots[q].key, "%255[^\t]\t%u\t%u", doc, &x, &y) != 3)
				continue;
			for (size_t i = 0; i < nd; i++)
				if (!strcmp(names[i], doc) && x <= docs[i * 2].n && y <= docs[i * 2 + 1].n)
					fprintf(stderr, "FN %s %s ru%u bg%u\n  %s\n  %s\n",
						vdir + strlen(vdir) - 5, doc, x, y, docs[i * 2].sents[x - 1].text,
						docs[i * 2 + 1].sents[y - 1].text);
		}
		sv_map_release(&pred);
	}
	size_t tp = 0, np = 0;
	memset(res, 0, sizeof(*res));
	for (size_t q = 0; q < gold.cap; q++)
		if (gold.slots[q].key)
			res->half[gold.slots[q].val - 1].ngold++;
	for (size_t i = 0; i < nd; i++)
		for (size_t q = 0; q < jobs[i].links.n; q++) {
			const struct sv_align_link *l = &jobs[i].links.v[q];
			for (uint32_t x = 0; x < l->nru; x++)
				for (uint32_t y = 0; y < l->nbg; y++) {
					snprintf(key, sizeof(key), "%s\t%u\t%u", names[i], l->ru + x + 1,
						 l->bg + y + 1);
					np++;
					res->half[i % 2].npred++;
					if (sv_map_get(&gold, key, 0)) {
						tp++;
						res->half[i % 2].tp++;
					} else if (getenv("AC_SHOW_FP")) {
						ac_show_fp(vdir, names[i], l, x, y, &docs[i * 2]);
					}
				}
		}
	res->tp = tp;
	res->npred = np;
	res->ngold = gold.len;
	ac_prf_set(tp, np, gold.len, &res->p, &res->r, &res->f);
	for (int h = 0; h < 2; h++)
		ac_prf_set(res->half[h].tp, res->half[h].npred, res->half[h].ngold, &res->half[h].p,
			   &res->half[h].r, &res->half[h].f);
	sv_map_release(&gold);
	for (size_t i = 0; i < nd; i++)
		sv_align_links_release(&jobs[i].links);
	free(jobs);
	for (size_t i = 0; i < nd * 2; i++)
		ac_doc_free(&docs[i]);
	free(docs);
	free(ids);
	ac_list_free(names, nd);
	sv_align_close(a);
	return 0;
}

/* Document pairing over a variant's documents: the share of RU documents
 * whose best BG partner has the same name. */
double ac_eval_docpairs(const char *vdir, size_t *ndocs)
{
	char path[8192];
	char **names;
	size_t nd = list_ru_docs(vdir, &names);
	if (!nd)
		return -1;
	struct sv_error err;
	struct sv_align *a = sv_align_open(NULL, &err);
	struct ac_doc *docs = calloc(nd * 2, sizeof(*docs));
	size_t *ids = calloc(nd * 2, sizeof(*ids));
	/* all RU, then all BG, so that ids say nothing */
	for (int s = 0; s < 2; s++)
		for (size_t i = 0; i < nd; i++) {
			snprintf(path, sizeof(path), "%s/%s/%s.txt", vdir, s ? "bg" : "ru", names[i]);
			ac_doc_read(path, names[i], s ? SV_LANG_BG : SV_LANG_RU, 0, &docs[s * nd + i]);
			struct sv_align_doc d = { names[i], s ? SV_LANG_BG : SV_LANG_RU, NULL,
						  docs[s * nd + i].sents, docs[s * nd + i].n };
			sv_align_add(a, &d, &ids[s * nd + i], &err);
		}
	struct sv_align_docpairs dp = SV_ALIGN_DOCPAIRS_INIT;
	sv_align_docs(a, NULL, &dp, &err);
	size_t ok = 0;
	for (size_t q = 0; q < dp.n; q++)
		if ((dp.v[q].best & 1) && dp.v[q].bg == dp.v[q].ru + nd)
			ok++;
	sv_align_docpairs_release(&dp);
	for (size_t i = 0; i < nd * 2; i++)
		ac_doc_free(&docs[i]);
	free(docs);
	free(ids);
	ac_list_free(names, nd);
	sv_align_close(a);
	if (ndocs)
		*ndocs = nd;
	return (double)ok / (double)nd;
}

