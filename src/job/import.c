/* The import job: each file through the io readers into units (analysed
 * with the text pipeline) or term pairs, in a transaction of its own. */
#include "job/import.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "terms/terms.h"
#include "store/termbase.h"
#include "text/text.h"

/* The state of a run, shared by the reader's callbacks. */
struct imp {
	const struct sv_job_import_opts *opts;
	struct sv_store *st;
	struct sv_text *t;
	const char *path;     /* the file being read (origin) */
	struct sv_error err;  /* set by a callback that stops the read */
	struct sv_buf norm[2], lemmas[2], key[2];
	struct sv_job_import_counts counts; /* of the whole run */
	unsigned long warnings;
};

static const char *unit_status(const struct imp *im, const char *s)
{
	if (im->opts->status)
		return im->opts->status;
	if (s && (!strcmp(s, "candidate") || !strcmp(s, "approved") || !strcmp(s, "rejected")))
		return s;
	return "approved"; /* a CAT tool's memory holds human translations */
}

static int on_unit(void *ctx, const struct sv_io_unit *u)
{
	struct imp *im = ctx;
	const char *text[2] = { u->ru, u->bg };
	const enum sv_lang lang[2] = { SV_LANG_RU, SV_LANG_BG };
	for (int k = 0; k < 2; k++) {
		sv_buf_reset(&im->norm[k]);
		sv_buf_reset(&im->lemmas[k]);
		if (sv_text_analyse(im->t, lang[k], text[k], strlen(text[k]), &im->norm[k],
				    &im->lemmas[k], &im->err))
			return 1;
	}
	char created[32];
	if (u->created) {
		struct tm tm;
		gmtime_r(&u->created, &tm);
		strftime(created, sizeof(created), "%Y-%m-%dT%H:%M:%SZ", &tm);
	} else {
		sv_store_now(created);
	}
	struct sv_store_unit row = {
		.ru_text = u->ru, .bg_text = u->bg, .ru_norm = im->norm[0].data,
		.ru_lemmas = im->lemmas[0].data, .bg_norm = im->norm[1].data,
		.bg_lemmas = im->lemmas[1].data, .link = u->link ? u->link : "1-1",
		.score = u->has_score ? u->score : 1.0, .method = u->method ? u->method : "import",
		.status = unit_status(im, u->status), .origin = u->origin ? u->origin : im->path,
		.created = created,
	};
	int64_t count;
	if (sv_store_unit_import(im->st, &row, &count, &im->err))
		return 1;
	count > 1 ? im->counts.merged++ : im->counts.units++;
	return 0;
}

static int on_concept(void *ctx, const struct sv_io_concept *c)
{
	struct imp *im = ctx;
	for (size_t i = 0; i < c->nterms; i++) {
		const struct sv_io_term *r = &c->terms[i];
		if (r->lang != SV_IO_RU || (r->status && (!strcmp(r->status, "rejected") ||
		    !strcmp(r->status, "forbidden") || !strcmp(r->status, "deprecated"))))
			continue;
		for (size_t j = 0; j < c->nterms; j++) {
			const struct sv_io_term *b = &c->terms[j];
			if (b->lang != SV_IO_BG || (b->status && !strcmp(b->status, "rejected")))
				continue;
			sv_buf_reset(&im->key[0]);
			sv_buf_reset(&im->key[1]);
			if (sv_terms_lemma_key(im->t, SV_LANG_RU, r->text, &im->key[0], &im->err) ||
			    sv_terms_lemma_key(im->t, SV_LANG_BG, b->text, &im->key[1], &im->err))
				return 1;
			struct sv_termbase_term tr = { "ru", im->key[0].data, r->text, NULL, r->freq, 0,
						       "manual" };
			struct sv_termbase_term tb = { "bg", im->key[1].data, b->text, NULL, b->freq, 0,
						       "manual" };
			int64_t id;
			if (sv_termbase_pair_add_manual(im->st, &tr, &tb, c->note, &id, &im->err))
				return 1;
			int bad = b->status && (!strcmp(b->status, "forbidden") ||
						!strcmp(b->status, "deprecated"));
			/* Inside the import's transaction, so not sv_job_review(): the v4
			 * trigger records the decision once, as made on the command line. */
			if (bad && sv_termbase_pair_review(im->st, id, "forbidden", NULL, &im->err))
				return 1;
			im->counts.pairs++;
		}
	}
	return 0;
}

static void on_warning(void *ctx, const char *file, unsigned long line, unsigned long col,
		       const char *msg)
{
	struct imp *im = ctx;
	im->warnings++;
	if (im->opts->on_warning)
		im->opts->on_warning(im->opts->ctx, file, line, col, msg);
}

/* Imports one file (or one pivot pair) in its own transaction. */
static int import_one(struct imp *im, const char *path, const char *pivot_bg,
		      enum sv_io_format fmt, struct sv_error *err)
{
	struct sv_io_reader_cb cb = { on_unit, on_concept, on_warning };
	unsigned long pairs0 = im->counts.pairs;
	sv_error_clear(&im->err);
	im->path = path;
	int rc = sv_store_begin(im->st, err);
	if (rc)
		return rc;
	if (pivot_bg)
		rc = sv_io_pivot_read(path, pivot_bg, &cb, im, err);
	else
		rc = sv_io_read(path, fmt, &cb, im, NULL, err);
	if (rc && im->err.code) {
		*err = im->err; /* the callback's own failure */
		rc = im->err.code;
	}
	if (!rc && im->counts.pairs != pairs0)
		rc = sv_termbase_concepts_prefer(im->st, err);
	if (!rc)
		rc = sv_store_commit(im->st, err);
	if (rc)
		sv_store_rollback(im->st);
	return rc;
}

void sv_job_import_opts_init(struct sv_job_import_opts *opts)
{
	*opts = (struct sv_job_import_opts){ .format = SV_IO_AUTO };
}

int sv_job_import(struct sv_store *st, const char *const *paths, size_t n,
		  const struct sv_job_import_opts *opts, struct sv_job_import_result *res,
		  struct sv_error *err)
{
	struct imp im = { .opts = opts, .st = st };
	size_t step = opts->pivot ? 2 : 1;
	int rc = SV_OK;
	memset(res, 0, sizeof(*res));
	if (n % step)
		return sv_error_set(err, SV_EUSAGE, "pivot files go in pairs: en->ru, then en->bg");
	for (int k = 0; k < 2; k++) {
		sv_buf_init(&im.norm[k]);
		sv_buf_init(&im.lemmas[k]);
		sv_buf_init(&im.key[k]);
	}
	if (!(im.t = sv_text_open(NULL, err))) {
		rc = err->code;
		goto out;
	}
	for (size_t i = 0; i < n; i += step) {
		struct sv_job_import_counts before = im.counts;
		struct sv_error ferr = { 0 };
		const char *pivot_bg = opts->pivot ? paths[i + 1] : NULL;
		int frc = import_one(&im, paths[i], pivot_bg, opts->format, &ferr);
		if (frc == SV_ESTORE) {
			*err = ferr;
			rc = frc;
			goto out;
		}
		struct sv_job_import_counts got = {
			im.counts.units - before.units, im.counts.merged - before.merged,
			im.counts.pairs - before.pairs,
		};
		if (frc)
			res->failed++;
		if (opts->on_file)
			opts->on_file(opts->ctx, paths[i], pivot_bg, frc, &got, &ferr);
		if (opts->progress.fn)
			opts->progress.fn(opts->progress.ctx, "import", i + step, n);
	}
out:
	res->total = im.counts;
	res->warnings = im.warnings;
	for (int k = 0; k < 2; k++) {
		sv_buf_release(&im.norm[k]);
		sv_buf_release(&im.lemmas[k]);
		sv_buf_release(&im.key[k]);
	}
	sv_text_close(im.t);
	return rc;
}
