/* The align job: documents of the memory -> document pairs -> sentence links ->
 * document pairs and units in the memory -> terms over the whole memory. */
#include "job/align.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "text/text.h"

/* A segment of a loaded document: its id and the sentence the aligner reads
 * (strings owned). */
struct asent {
	int64_t seg;
	char *text, *norm, *lemmas;
};

/* A document of the memory loaded for alignment. */
struct adoc {
	int64_t id;
	char *path;
	enum sv_lang lang;
	int aligned;       /* documents.aligned before this run */
	size_t model;      /* index in the sv_align model */
	struct asent *sents;
	size_t n, cap;
};

/* A document pair to align; its mode and links are in the run's job of the
 * same index. */
struct apair {
	size_t ru, bg;     /* indices into the loaded documents */
	float score;
	int declared;
};

struct align_run {
	struct sv_store *st;
	struct sv_align *a;
	struct adoc *docs;
	size_t ndocs, dcap;
	struct apair *pairs;
	struct sv_align_job *jobs; /* one per pair */
	size_t npairs, pcap, jcap;
};

void sv_job_align_opts_init(struct sv_job_align_opts *opts)
{
	*opts = (struct sv_job_align_opts){ .decls = NULL };
}

void sv_job_align_result_release(struct sv_job_align_result *res)
{
	for (size_t i = 0; i < res->npairs; i++) {
		free(res->pairs[i].ru_path);
		free(res->pairs[i].bg_path);
	}
	free(res->pairs);
	*res = (struct sv_job_align_result)SV_JOB_ALIGN_RESULT_INIT;
}

static void progress(const struct sv_job_align_opts *o, const char *stage, size_t done,
		     size_t total)
{
	if (o->progress.fn)
		o->progress.fn(o->progress.ctx, stage, done, total);
}

static void adoc_free(struct adoc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->sents[i].text);
		free(d->sents[i].norm);
		free(d->sents[i].lemmas);
	}
	free(d->sents);
	free(d->path);
}

/* A copy of s, "" for NULL. */
static char *dup_or_empty(const char *s)
{
	return sv_strdup(s ? s : "");
}

static int seg_loaded(void *ctx, const struct sv_store_seg_row *seg)
{
	struct adoc *d = ctx;
	SV_GROW(d->sents, d->cap, d->n + 1);
	d->sents[d->n++] = (struct asent){ seg->id, dup_or_empty(seg->text),
					   dup_or_empty(seg->norm), dup_or_empty(seg->lemmas) };
	return 0;
}

/* Loads a document's segments and adds it to the model (once: *out is the
 * index of the loaded document). */
static int load_doc(struct align_run *r, int64_t id, const char *path, const char *lang,
		    const char *date, int aligned, size_t *out, struct sv_error *err)
{
	for (size_t i = 0; i < r->ndocs; i++)
		if (r->docs[i].id == id) {
			*out = i;
			return SV_OK;
		}
	SV_GROW(r->docs, r->dcap, r->ndocs + 1);
	struct adoc *d = &r->docs[r->ndocs];
	*d = (struct adoc){ .id = id, .path = sv_strdup(path), .aligned = aligned,
			    .lang = !strcmp(lang, "ru") ? SV_LANG_RU : SV_LANG_BG };
	r->ndocs++;
	int rc = sv_store_doc_segs(r->st, id, seg_loaded, d, err);
	if (rc)
		return rc;
	struct sv_align_sent *sents = sv_calloc(d->n + 1, sizeof(*sents));
	for (size_t i = 0; i < d->n; i++)
		sents[i] = (struct sv_align_sent){ d->sents[i].text, d->sents[i].norm,
						   d->sents[i].lemmas };
	struct sv_align_doc doc = { d->path, d->lang, date && *date ? date : NULL, sents, d->n };
	rc = sv_align_add(r->a, &doc, &d->model, err);
	free(sents);
	*out = r->ndocs - 1;
	return rc;
}

/* The documents listed, kept until all are read (loading one reads its segments). */
struct doc_rows {
	struct doc_row {
		int64_t id;
		char *path, *lang, *date;
		int aligned;
	} *v;
	size_t n, cap;
};

static int doc_listed(void *ctx, const struct sv_store_align_doc *doc)
{
	struct doc_rows *rows = ctx;
	SV_GROW(rows->v, rows->cap, rows->n + 1);
	rows->v[rows->n++] = (struct doc_row){ doc->id, sv_strdup(doc->path), sv_strdup(doc->lang),
					       sv_strdup(doc->date), doc->aligned };
	return 0;
}

/* Loads every Russian and Bulgarian document of the memory. */
static int load_all(struct align_run *r, const struct sv_job_align_opts *o, struct sv_error *err)
{
	struct doc_rows rows = { 0 };
	int rc = sv_store_align_docs_list(r->st, doc_listed, &rows, err);
	for (size_t i = 0; i < rows.n; i++) {
		struct doc_row *row = &rows.v[i];
		size_t idx;
		if (!rc) {
			rc = load_doc(r, row->id, row->path, row->lang, row->date, row->aligned,
				      &idx, err);
			progress(o, "read", i + 1, rows.n);
		}
		free(row->path);
		free(row->lang);
		free(row->date);
	}
	free(rows.v);
	return rc;
}

static void add_pair(struct align_run *r, size_t ru, size_t bg, float score, int declared,
		     enum sv_align_method m)
{
	SV_GROW(r->pairs, r->pcap, r->npairs + 1);
	SV_GROW(r->jobs, r->jcap, r->npairs + 1);
	r->pairs[r->npairs] = (struct apair){ ru, bg, score, declared };
	r->jobs[r->npairs] = (struct sv_align_job){ r->docs[ru].model, r->docs[bg].model, m,
						    SV_ALIGN_LINKS_INIT };
	r->npairs++;
}

/* Resolves a declared pair (documents by id or path, in either order). */
static int declare(struct align_run *r, const struct sv_job_align_decl *decl,
		   struct sv_error *err)
{
	struct sv_store_doc dx = { 0 }, dy = { 0 };
	int rc;
	size_t ix, iy;
	if ((rc = sv_store_doc_find(r->st, decl->ru, &dx, err)) ||
	    (rc = sv_store_doc_find(r->st, decl->bg, &dy, err)))
		goto out;
	if (!strcmp(dx.lang, "bg") && !strcmp(dy.lang, "ru")) {
		struct sv_store_doc t = dx;
		dx = dy;
		dy = t;
	}
	if (strcmp(dx.lang, "ru") || strcmp(dy.lang, "bg")) {
		rc = sv_error_set(err, SV_EUSAGE,
				  "'%s' (%s) and '%s' (%s): a pair is a russian and a bulgarian document",
				  dx.path, dx.lang, dy.path, dy.lang);
		goto out;
	}
	if ((rc = load_doc(r, dx.id, dx.path, dx.lang, dx.date, 0, &ix, err)) ||
	    (rc = load_doc(r, dy.id, dy.path, dy.lang, dy.date, 0, &iy, err)))
		goto out;
	add_pair(r, ix, iy, 1.0f, 1, decl->method);
out:
	sv_store_doc_release(&dx);
	sv_store_doc_release(&dy);
	return rc;
}

/* The pairs document pairing finds, among those touching a new document
 * (any with all) and not yet in the memory (any with all). */
static int find_pairs(struct align_run *r, int all, struct sv_error *err)
{
	struct sv_align_docpairs dp = SV_ALIGN_DOCPAIRS_INIT;
	int rc = sv_align_docs(r->a, NULL, &dp, err);
	size_t *by_model = sv_malloc((r->ndocs + 1) * sizeof(*by_model));
	for (size_t i = 0; i < r->ndocs; i++)
		by_model[r->docs[i].model] = i;
	for (size_t q = 0; !rc && q < dp.n; q++) {
		size_t ru = by_model[dp.v[q].ru], bg = by_model[dp.v[q].bg];
		if (!all && r->docs[ru].aligned && r->docs[bg].aligned)
			continue;
		if (!all) {
			int found;
			if ((rc = sv_store_docpair_exists(r->st, r->docs[ru].id, r->docs[bg].id,
							  &found, err)))
				break;
			if (found)
				continue;
		}
		add_pair(r, ru, bg, dp.v[q].score, 0, SV_ALIGN_AUTO);
	}
	free(by_model);
	sv_align_docpairs_release(&dp);
	return rc;
}

/* The text (field 0), norm (1) or lemmas (2) of sentences first..first+n-1 of d,
 * joined by spaces, into out. */
static void join(const struct adoc *d, uint32_t first, uint32_t n, int field, struct sv_buf *out)
{
	sv_buf_reset(out);
	for (uint32_t i = 0; i < n; i++) {
		const struct asent *s = &d->sents[first + i];
		if (i)
			sv_buf_addc(out, ' ');
		sv_buf_adds(out, field == 0 ? s->text : field == 1 ? s->norm : s->lemmas);
	}
}

/* The comma-separated segment ids of sentences first..first+n-1 of d into out. */
static void seg_list(const struct adoc *d, uint32_t first, uint32_t n, struct sv_buf *out)
{
	sv_buf_reset(out);
	for (uint32_t i = 0; i < n; i++)
		sv_buf_addf(out, "%s%lld", i ? "," : "", (long long)d->sents[first + i].seg);
}

/* Stores a pair and its units (replacing the pair's earlier units). */
static int store_pair(struct align_run *r, size_t pi, const char *now, size_t *nunits,
		      struct sv_error *err)
{
	const struct apair *p = &r->pairs[pi];
	const struct sv_align_links *links = &r->jobs[pi].links;
	const struct adoc *ru = &r->docs[p->ru], *bg = &r->docs[p->bg];
	struct sv_store_docpair dp = {
		.ru_doc = ru->id, .bg_doc = bg->id, .score = p->score, .declared = p->declared,
		.mode = links->method == SV_ALIGN_MINING ? "comparable" : "parallel",
		.created = now,
	};
	int64_t pid;
	int rc;
	if ((rc = sv_store_docpair_put(r->st, &dp, &pid, err)) ||
	    (rc = sv_store_units_clear(r->st, pid, err)))
		return rc;
	enum { RU_SEGS, BG_SEGS, RU_TEXT, BG_TEXT, RU_NORM, RU_LEM, BG_NORM, BG_LEM, NBUF };
	struct sv_buf b[NBUF];
	for (int k = 0; k < NBUF; k++)
		b[k] = (struct sv_buf)SV_BUF_INIT;
	for (size_t q = 0; q < links->n; q++) {
		const struct sv_align_link *l = &links->v[q];
		seg_list(ru, l->ru, l->nru, &b[RU_SEGS]);
		seg_list(bg, l->bg, l->nbg, &b[BG_SEGS]);
		join(ru, l->ru, l->nru, 0, &b[RU_TEXT]);
		join(bg, l->bg, l->nbg, 0, &b[BG_TEXT]);
		join(ru, l->ru, l->nru, 1, &b[RU_NORM]);
		join(ru, l->ru, l->nru, 2, &b[RU_LEM]);
		join(bg, l->bg, l->nbg, 1, &b[BG_NORM]);
		join(bg, l->bg, l->nbg, 2, &b[BG_LEM]);
		char link[32];
		snprintf(link, sizeof(link), "%u-%u", l->nru, l->nbg);
		struct sv_store_unit u = {
			.pair = pid, .ru_segs = b[RU_SEGS].data, .bg_segs = b[BG_SEGS].data,
			.ru_text = b[RU_TEXT].data, .bg_text = b[BG_TEXT].data,
			.ru_norm = b[RU_NORM].data, .ru_lemmas = b[RU_LEM].data,
			.bg_norm = b[BG_NORM].data, .bg_lemmas = b[BG_LEM].data, .link = link,
			.score = l->score, .method = sv_align_method_name(l->method),
			.created = now,
		};
		if ((rc = sv_store_unit_add(r->st, &u, err)))
			break;
		(*nunits)++;
	}
	for (int k = 0; k < NBUF; k++)
		sv_buf_release(&b[k]);
	return rc;
}

static int mark_aligned(struct align_run *r, struct sv_error *err)
{
	int rc = SV_OK;
	for (size_t i = 0; i < r->ndocs && !rc; i++)
		rc = sv_store_doc_mark_aligned(r->st, r->docs[i].id, err);
	return rc;
}

/* Copies the stored pairs into res. */
static void report(const struct align_run *r, struct sv_job_align_result *res)
{
	res->pairs = sv_calloc(r->npairs + 1, sizeof(*res->pairs));
	res->npairs = r->npairs;
	for (size_t i = 0; i < r->npairs; i++) {
		const struct apair *p = &r->pairs[i];
		const struct sv_align_links *l = &r->jobs[i].links;
		res->pairs[i] = (struct sv_job_align_pair){
			.ru_path = sv_strdup(r->docs[p->ru].path),
			.bg_path = sv_strdup(r->docs[p->bg].path), .score = p->score,
			.declared = p->declared,
			.method = l->method == SV_ALIGN_MINING ? SV_ALIGN_MINING
								: SV_ALIGN_MONOTONE,
			.units = l->n,
		};
	}
}

int sv_job_align(struct sv_store *st, const struct sv_job_align_opts *opts,
		 struct sv_job_align_result *res, struct sv_error *err)
{
	struct align_run r = { .st = st };
	struct sv_text *t = NULL;
	struct sv_lexicon lex = SV_LEXICON_INIT; /* read once, for sentences and terms */
	size_t nunits = 0, npar = 0, ncomp = 0;
	int rc, in_transaction = 0;
	if ((rc = sv_lexicon_read(&lex, opts->lexicon, err)))
		goto out;
	r.a = sv_align_open_lexicon(&lex);
	for (size_t i = 0; i < opts->ndecls; i++)
		if ((rc = declare(&r, &opts->decls[i], err)))
			goto out;
	if (!opts->ndecls &&
	    ((rc = load_all(&r, opts, err)) || (rc = find_pairs(&r, opts->all, err))))
		goto out;
	/* all pairs in one run: what the confident links teach serves every pair */
	progress(opts, "align", 0, r.npairs);
	if ((rc = sv_align_run(r.a, r.jobs, r.npairs, NULL, err)))
		goto out;
	char now[21];
	sv_store_now(now);
	if ((rc = sv_store_begin(st, err)))
		goto out;
	in_transaction = 1;
	for (size_t i = 0; i < r.npairs; i++) {
		if ((rc = store_pair(&r, i, now, &nunits, err)))
			goto out;
		r.jobs[i].links.method == SV_ALIGN_MINING ? ncomp++ : npar++;
		progress(opts, "store", i + 1, r.npairs);
	}
	if (!opts->ndecls && (rc = mark_aligned(&r, err)))
		goto out;
	/* terms and their equivalents over the whole memory (docs/TERMS.md) */
	progress(opts, "terms", 0, 0);
	struct sv_terms_opts to;
	sv_terms_opts_init(&to);
	to.lex = &lex;
	if (!(t = sv_text_open(NULL, err))) {
		rc = err->code;
		goto out;
	}
	if ((rc = sv_align_terms(st, t, &to, &res->terms, err)))
		goto out;
	in_transaction = 0;
	if ((rc = sv_store_commit(st, err)))
		goto out;
	report(&r, res);
	res->parallel = npar;
	res->comparable = ncomp;
	res->units = nunits;
out:
	if (in_transaction)
		sv_store_rollback(st);
	sv_text_close(t);
	for (size_t i = 0; i < r.npairs; i++)
		sv_align_links_release(&r.jobs[i].links);
	free(r.pairs);
	free(r.jobs);
	for (size_t i = 0; i < r.ndocs; i++)
		adoc_free(&r.docs[i]);
	free(r.docs);
	sv_align_close(r.a);
	sv_lexicon_release(&lex);
	return rc;
}
