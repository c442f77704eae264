/* Long document pairs for the aligner's quality test and bench (contracts in
 * align-long.h). */
#include "align-long.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"

size_t ac_side_all(const char *dir, const char *side, enum sv_lang lang, struct ac_doc *all)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, side);
	char **names;
	size_t nd = ac_list(path, &names);
	memset(all, 0, sizeof(*all));
	all->lang = lang;
	for (size_t i = 0; i < nd; i++) {
		struct ac_doc d;
		snprintf(path, sizeof(path), "%s/%s/%s.txt", dir, side, names[i]);
		if (ac_doc_read(path, names[i], lang, 0, &d))
			continue;
		SV_GROW(all->sents, all->cap, all->n + d.n + 1);
		memcpy(all->sents + all->n, d.sents, d.n * sizeof(*d.sents));
		all->n += d.n;
		d.n = 0;
		ac_doc_free(&d);
	}
	ac_list_free(names, nd);
	return all->n;
}

/* A uniform draw in [0, 1) from a 64-bit linear congruential generator. */
static double ac_uniform(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(*s >> 11) / 9007199254740992.0;
}

static char *ac_join(const char *x, const char *y)
{
	size_t nx = strlen(x), ny = strlen(y);
	char *s = sv_malloc(nx + ny + 2);
	memcpy(s, x, nx);
	s[nx] = ' ';
	memcpy(s + nx + 1, y, ny + 1);
	return s;
}

static struct sv_align_sent ac_line(const struct ac_doc *src, size_t k, int distinct)
{
	size_t len = src->n;
	const struct sv_align_sent *a = &src->sents[k % len];
	if (!distinct)
		return (struct sv_align_sent){ strdup(a->text), strdup(a->norm),
					       strdup(a->lemmas) };
	const struct sv_align_sent *b = &src->sents[(k / len + 37 * (k % len)) % len];
	return (struct sv_align_sent){ ac_join(a->text, b->text), ac_join(a->norm, b->norm),
				       ac_join(a->lemmas, b->lemmas) };
}

void ac_long_make(const struct ac_doc *ru, const struct ac_doc *bg, size_t n, int distinct,
		  double del, uint64_t seed, struct ac_long *out)
{
	memset(out, 0, sizeof(*out));
	out->ru = sv_calloc(n + 1, sizeof(*out->ru));
	out->bg = sv_calloc(n + 1, sizeof(*out->bg));
	out->gold = sv_malloc((n + 1) * sizeof(*out->gold));
	size_t len = ru->n < bg->n ? ru->n : bg->n;
	struct ac_doc r = *ru, b = *bg;
	r.n = b.n = len;
	uint64_t s = seed;
	for (size_t k = 0; k < n; k++) {
		int kr = ac_uniform(&s) >= del;
		int kb = ac_uniform(&s) >= del;
		if (kr)
			out->gold[out->nru] = kb ? (uint32_t)out->nbg : UINT32_MAX;
		if (kr)
			out->ru[out->nru++] = ac_line(&r, k, distinct);
		if (kb)
			out->bg[out->nbg++] = ac_line(&b, k, distinct);
	}
}

void ac_long_free(struct ac_long *p)
{
	for (int side = 0; side < 2; side++) {
		struct sv_align_sent *v = side ? p->bg : p->ru;
		size_t n = side ? p->nbg : p->nru;
		for (size_t i = 0; i < n; i++) {
			free((char *)v[i].text);
			free((char *)v[i].norm);
			free((char *)v[i].lemmas);
		}
		free(v);
	}
	free(p->gold);
	memset(p, 0, sizeof(*p));
}

static double ac_cpu(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int ac_long_eval(const struct ac_long *p, struct ac_prf *res, double *seconds)
{
	struct sv_error err;
	struct sv_align *a = sv_align_open(NULL, &err);
	if (!a)
		return -1;
	int rc = -1;
	struct sv_align_doc rd = { "ru-long", SV_LANG_RU, NULL, p->ru, p->nru };
	struct sv_align_doc bd = { "bg-long", SV_LANG_BG, NULL, p->bg, p->nbg };
	struct sv_align_job job = { 0, 0, SV_ALIGN_MONOTONE, SV_ALIGN_LINKS_INIT };
	if (sv_align_add(a, &rd, &job.ru, &err) || sv_align_add(a, &bd, &job.bg, &err))
		goto out;
	double t0 = ac_cpu();
	if (sv_align_run(a, &job, 1, NULL, &err))
		goto out;
	if (seconds)
		*seconds = ac_cpu() - t0;
	memset(res, 0, sizeof(*res));
	for (size_t i = 0; i < p->nru; i++)
		res->ngold += p->gold[i] != UINT32_MAX;
	for (size_t q = 0; q < job.links.n; q++) {
		const struct sv_align_link *l = &job.links.v[q];
		for (uint32_t x = 0; x < l->nru; x++)
			for (uint32_t y = 0; y < l->nbg; y++) {
				res->npred++;
				res->tp += p->gold[l->ru + x] == l->bg + y;
			}
	}
	res->p = res->npred ? (double)res->tp / (double)res->npred : 0;
	res->r = res->ngold ? (double)res->tp / (double)res->ngold : 0;
	res->f = res->p + res->r > 0 ? 2 * res->p * res->r / (res->p + res->r) : 0;
	rc = 0;
out:
	sv_align_links_release(&job.links);
	sv_align_close(a);
	return rc;
}
