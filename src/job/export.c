/* The export job: units, the termbase grouped into concepts, or document
 * pairs, from the memory through the io writers. */
#include "job/export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/file.h"
#include "base/map.h"
#include "store/termbase.h"

struct filter {
	double min_score;
	const char *status; /* NULL: all but rejected */
	int per_doc;        /* units grouped by document pair */
	int lines;          /* look up the segment ordinals (TSV) */
	const struct sv_job_progress *progress;
};

/* Reports done items written (the total is not known while streaming). */
static void progress(const struct sv_job_progress *p, unsigned long done)
{
	if (p && p->fn)
		p->fn(p->ctx, "export", done, 0);
}

/* The listing's state: the segment ordinals (TSV only) need a buffer each. */
struct units_out {
	struct sv_store *st;
	struct sv_io_writer *w;
	const struct filter *f;
	struct sv_buf rl, bl;
	struct sv_error *err;
};

static int unit_out(void *ctx, const struct sv_store_unit *su)
{
	struct units_out *uo = ctx;
	int rc;
	if (uo->f->lines && ((rc = sv_store_seg_ordinals(uo->st, su->ru_segs, &uo->rl, uo->err)) ||
			     (rc = sv_store_seg_ordinals(uo->st, su->bg_segs, &uo->bl, uo->err))))
		return rc;
	char id[24];
	snprintf(id, sizeof(id), "%lld", (long long)su->id);
	struct sv_io_unit u = {
		.id = id, .ru = su->ru_text, .bg = su->bg_text, .link = su->link,
		.has_score = 1, .score = su->score, .method = su->method,
		.status = su->status, .origin = su->origin,
		.created = sv_io_time_parse(su->created), .ru_doc = su->ru_doc,
		.bg_doc = su->bg_doc, .outlet = su->outlet, .date = su->date,
		.ru_lines = uo->f->lines ? uo->rl.data : NULL,
		.bg_lines = uo->f->lines ? uo->bl.data : NULL,
	};
	if ((rc = sv_io_write_unit(uo->w, &u, uo->err)))
		return rc;
	progress(uo->f->progress, sv_io_writer_count(uo->w));
	return SV_OK;
}

static int export_units(struct sv_store *st, struct sv_io_writer *w, const struct filter *f,
			struct sv_error *err)
{
	struct sv_store_units_filter uf = SV_STORE_UNITS_FILTER_INIT;
	uf.has_min_score = 1;
	uf.min_score = f->min_score;
	uf.status = f->status;
	uf.by_pair = f->per_doc;
	struct units_out uo = { st, w, f, SV_BUF_INIT, SV_BUF_INIT, err };
	int rc = sv_store_units_list(st, &uf, unit_out, &uo, err);
	sv_buf_release(&uo.rl);
	sv_buf_release(&uo.bl);
	return rc;
}

struct docpairs_out {
	FILE *f;
	unsigned long n;
	const struct sv_job_progress *progress;
};

/* The document pairs as score<TAB>ru_doc<TAB>bg_doc lines, best first per
 * Russian document, to path (stdout when NULL or "-"; a file is written to a
 * temporary name and renamed when complete). *n gets the lines written. */
static int docpair_out(void *ctx, const struct sv_store_docpair *pair)
{
	struct docpairs_out *dp = ctx;
	fprintf(dp->f, "%.4f\t%s\t%s\n", pair->score, pair->ru_path, pair->bg_path);
	dp->n++;
	progress(dp->progress, dp->n);
	return 0;
}

static int export_docpairs(struct sv_store *st, const char *path,
			   const struct sv_job_progress *prog, unsigned long *n,
			   struct sv_error *err)
{
	int rc = SV_OK;
	struct docpairs_out dp = { stdout, 0, prog };
	struct sv_file_tmp file = SV_FILE_TMP_INIT;
	*n = 0;
	if (path && strcmp(path, "-")) {
		if ((rc = sv_file_tmp_open(&file, path, err)))
			goto out;
		dp.f = file.f;
	}
	rc = sv_store_docpairs_list(st, docpair_out, &dp, err);
	*n = dp.n;
	if (dp.f != stdout) {
		if (!rc && ferror(dp.f))
			rc = sv_error_set(err, SV_ESTORE, "'%s': write failed: %s", path,
					  strerror(errno ? errno : EIO));
		if (!rc)
			rc = sv_file_tmp_commit(&file, err);
	} else if (fflush(stdout)) {
		rc = sv_error_set(err, SV_EINPUT, "standard output: cannot write: %s",
				  strerror(errno));
	}
out:
	sv_file_tmp_discard(&file);
	return rc;
}

/* ---- The termbase as concepts ------------------------------------------------ */

struct gterm {
	enum sv_io_lang lang;
	char *text;
	int rank;      /* 3 approved, 2 forbidden, 1 candidate */
	int preferred;
	long freq;
	int name;      /* a proper name */
};

struct group {
	char id[32];
	char *note;
	struct gterm *t;
	size_t n, cap;
};

struct groups {
	struct sv_map index; /* "c<concept>" / "p<pair>" -> position + 1 */
	struct group *v;
	size_t n, cap;
	const char *status;
};

static int rank_of(const char *status)
{
	if (!strcmp(status, "approved"))
		return 3;
	if (!strcmp(status, "forbidden"))
		return 2;
	return 1;
}

static void group_term(struct group *g, enum sv_io_lang lang, const char *text, int rank,
		       int preferred, long freq, int name)
{
	for (size_t i = 0; i < g->n; i++) {
		struct gterm *t = &g->t[i];
		if (t->lang == lang && !strcmp(t->text, text)) {
			if (rank > t->rank)
				t->rank = rank;
			t->preferred |= preferred;
			return;
		}
	}
	SV_GROW(g->t, g->cap, g->n + 1);
	g->t[g->n++] = (struct gterm){ lang, sv_strdup(text), rank, preferred, freq, name };
}

static int add_pair(void *ctx, const struct sv_termbase_pair *p)
{
	struct groups *gs = ctx;
	if (!gs->status && !strcmp(p->status, "rejected"))
		return 0;
	char key[32]; /* as group.id */
	if (p->concept)
		snprintf(key, sizeof(key), "c%lld", (long long)p->concept);
	else
		snprintf(key, sizeof(key), "p%lld", (long long)p->id);
	int added;
	struct sv_map_slot *slot = sv_map_add(&gs->index, key, strlen(key), &added);
	if (added) {
		SV_GROW(gs->v, gs->cap, gs->n + 1);
		memset(&gs->v[gs->n], 0, sizeof(gs->v[0]));
		snprintf(gs->v[gs->n].id, sizeof(gs->v[0].id), "%s", key);
		slot->val = ++gs->n;
	}
	struct group *g = &gs->v[slot->val - 1];
	if (p->note && *p->note && !g->note)
		g->note = sv_strdup(p->note);
	int rank = rank_of(p->status);
	/* A forbidden pair forbids its Bulgarian rendering, not the Russian term. */
	group_term(g, SV_IO_RU, p->ru, rank == 2 ? 1 : rank, p->ru_preferred, (long)p->ru_freq,
		   p->ru_kind && !strcmp(p->ru_kind, "name"));
	group_term(g, SV_IO_BG, p->bg, rank, p->bg_preferred, (long)p->bg_freq,
		   p->bg_kind && !strcmp(p->bg_kind, "name"));
	return 0;
}

/* An example of the term in use: a stored sentence of its language holding
 * its lemma sequence (any inflected form), of a readable length; NULL when
 * the memory has none (a term from an imported glossary). Caller frees. */
static char *term_context(struct sv_store *st, enum sv_io_lang lang, const char *citation)
{
	char *ctx;
	if (sv_store_term_example(st, lang == SV_IO_RU ? "ru" : "bg", citation, &ctx, NULL))
		return NULL;
	return ctx;
}

static int export_concepts(struct sv_store *st, struct sv_io_writer *w, const struct filter *f,
			   struct sv_error *err)
{
	static const char *const status[] = { NULL, "candidate", "forbidden", "approved" };
	struct groups gs = { SV_MAP_INIT, NULL, 0, 0, f->status };
	struct sv_termbase_filter tf = { f->status, f->min_score, NULL, 0, 0 };
	int rc = sv_termbase_pairs_list(st, &tf, add_pair, &gs, err);
	for (size_t i = 0; i < gs.n && !rc; i++) {
		struct group *g = &gs.v[i];
		struct sv_io_term *t = sv_calloc(g->n, sizeof(*t));
		for (size_t k = 0; k < g->n; k++) {
			t[k].lang = g->t[k].lang;
			t[k].text = g->t[k].text;
			t[k].status = status[g->t[k].rank];
			t[k].preferred = g->t[k].preferred;
			t[k].freq = g->t[k].freq;
			t[k].pos = g->t[k].name ? "properNoun" : "noun";
			t[k].context = term_context(st, t[k].lang, t[k].text);
		}
		struct sv_io_concept c = { g->id, NULL, g->note, t, g->n };
		rc = sv_io_write_concept(w, &c, err);
		progress(f->progress, (unsigned long)i + 1);
		for (size_t k = 0; k < g->n; k++)
			free((char *)t[k].context);
		free(t);
	}
	for (size_t i = 0; i < gs.n; i++) {
		for (size_t k = 0; k < gs.v[i].n; k++)
			free(gs.v[i].t[k].text);
		free(gs.v[i].t);
		free(gs.v[i].note);
	}
	free(gs.v);
	sv_map_release(&gs.index);
	return rc;
}

void sv_job_export_opts_init(struct sv_job_export_opts *opts)
{
	*opts = (struct sv_job_export_opts){ .format = SV_IO_AUTO };
}

int sv_job_export_concepts(const struct sv_job_export_opts *opts)
{
	enum sv_io_format fmt = opts->format;
	return fmt == SV_IO_TBX || fmt == SV_IO_TBX3 || fmt == SV_IO_OMEGAT || opts->terms;
}

int sv_job_export(struct sv_store *st, const struct sv_job_export_opts *opts,
		  struct sv_job_export_result *res, struct sv_error *err)
{
	struct sv_io_options o = opts->io;
	struct filter f = { opts->min_score, opts->status, o.xliff_per_doc, 0, &opts->progress };
	struct sv_io_writer *w = NULL;
	int rc;
	res->concepts = sv_job_export_concepts(opts);
	res->written = 0;
	if (opts->documents)
		return export_docpairs(st, opts->output, &opts->progress, &res->written, err);
	if (opts->format == SV_IO_TSV) {
		o.tsv_aligned = 1;
		f.lines = 1;
	}
	if (opts->format == SV_IO_TBX3)
		o.tbx_version = 3;
	o.tmx_terms = opts->terms;
	if (!(w = sv_io_writer_open(opts->format, opts->output, &o, err)))
		return err->code;
	rc = res->concepts ? export_concepts(st, w, &f, err) : export_units(st, w, &f, err);
	res->written = sv_io_writer_count(w);
	if (rc) {
		sv_io_writer_discard(w);
		return rc;
	}
	return sv_io_writer_close(w, err);
}
