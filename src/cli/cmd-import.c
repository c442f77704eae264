/* sverka import: translation memories (TMX, XLIFF, CSV, TSV) become units
 * with their provenance, glossaries (TBX, OmegaT, CSV) approved term pairs;
 * --pivot en joins an en->ru and an en->bg memory. One transaction per file:
 * a file that fails leaves nothing of itself. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "align/terms.h"
#include "io/io.h"
#include "store/store.h"
#include "store/termbase.h"
#include "text/text.h"


struct imp {
	struct sv_cli *cli;
	struct sv_store *st;
	struct sv_text *t;
	const char *path;     /* the file being read (origin) */
	const char *status;   /* --status, or NULL: the file's own */
	struct sv_error err;  /* set by a callback that stops the read */
	struct sv_buf norm[2], lemmas[2], key[2];
	unsigned long units, merged, pairs, warnings;
};

static const char *unit_status(const struct imp *im, const char *s)
{
	if (im->status)
		return im->status;
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
	sqlite3_stmt *s = sv_store_prepare(im->st,
		"INSERT INTO units(pair, ru_text, bg_text, ru_norm, ru_lemmas, bg_norm, bg_lemmas,"
		" link, score, method, status, origin, created)"
		" VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
		" ON CONFLICT(ru_text, bg_text) WHERE pair IS NULL DO UPDATE SET count = count + 1"
		" RETURNING count", &im->err);
	if (!s)
		return 1;
	char created[32];
	if (u->created) {
		struct tm tm;
		gmtime_r(&u->created, &tm);
		strftime(created, sizeof(created), "%Y-%m-%dT%H:%M:%SZ", &tm);
	} else {
		sv_store_now(created);
	}
	sqlite3_bind_text(s, 1, u->ru, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, u->bg, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, im->norm[0].data, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, im->lemmas[0].data, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, im->norm[1].data, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, im->lemmas[1].data, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, u->link ? u->link : "1-1", -1, SQLITE_STATIC);
	sqlite3_bind_double(s, 8, u->has_score ? u->score : 1.0);
	sqlite3_bind_text(s, 9, u->method ? u->method : "import", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, unit_status(im, u->status), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, u->origin ? u->origin : im->path, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, created, -1, SQLITE_TRANSIENT);
	int r = sqlite3_step(s);
	int64_t count = r == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	if (r == SQLITE_ROW)
		r = sqlite3_step(s);
	sqlite3_reset(s);
	if (r != SQLITE_DONE) {
		sv_store_fail(im->st, &im->err, "storing a unit");
		return 1;
	}
	count > 1 ? im->merged++ : im->units++;
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
			if (bad && sv_termbase_pair_review(im->st, id, "forbidden", NULL, &im->err))
				return 1;
			im->pairs++;
		}
	}
	return 0;
}

static void on_warning(void *ctx, const char *file, unsigned long line, unsigned long col,
		       const char *msg)
{
	struct imp *im = ctx;
	im->warnings++;
	if (line)
		cli_warn(im->cli, "'%s': line %lu: %s", file, line, msg);
	else
		cli_warn(im->cli, "'%s': %s", file, msg);
}

/* Imports one file (or one pivot pair) in its own transaction. */
static int import_one(struct imp *im, const char *path, const char *pivot_bg,
		      enum sv_io_format fmt, struct sv_error *err)
{
	struct sv_io_reader_cb cb = { on_unit, on_concept, on_warning };
	unsigned long pairs0 = im->pairs;
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
	if (!rc && im->pairs != pairs0)
		rc = sv_termbase_concepts_prefer(im->st, err);
	if (!rc)
		rc = sv_store_commit(im->st, err);
	if (rc)
		sv_store_rollback(im->st);
	return rc;
}

int cmd_import(struct sv_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "pivot", required_argument, NULL, 'p' },
		{ "status", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	enum sv_io_format fmt = SV_IO_AUTO;
	int pivot = 0, c;
	struct imp im = { .cli = cli };
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+f:", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			fmt = sv_io_format_parse(optarg);
			if (fmt == SV_IO_AUTO && strcmp(optarg, "auto"))
				return cli_usage(cli, "unknown format '%s'", optarg);
			break;
		case 'p':
			if (strcmp(optarg, "en"))
				return cli_usage(cli, "--pivot takes en");
			pivot = 1;
			break;
		case 's':
			if (strcmp(optarg, "candidate") && strcmp(optarg, "approved"))
				return cli_usage(cli, "--status takes candidate or approved");
			im.status = optarg;
			break;
		default:
			return cli_usage(cli, "unknown option '%s'", argv[optind - 1]);
		}
	}
	int nfiles = argc - optind;
	if (!nfiles)
		return cli_usage(cli, "no files to import");
	if (pivot && nfiles != 2)
		return cli_usage(cli, "--pivot en takes two files: en->ru, then en->bg");

	struct sv_error err = { 0 };
	int rc = SV_OK, failed = 0;
	for (int k = 0; k < 2; k++) {
		sv_buf_init(&im.norm[k]);
		sv_buf_init(&im.lemmas[k]);
		sv_buf_init(&im.key[k]);
	}
	if ((rc = sv_store_open(cli->memory, SV_STORE_CREATE, &im.st, &err)) ||
	    !(im.t = sv_text_open(NULL, &err))) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	for (int i = optind; i < argc; i += pivot ? 2 : 1) {
		unsigned long u0 = im.units, m0 = im.merged, p0 = im.pairs;
		int frc = import_one(&im, argv[i], pivot ? argv[i + 1] : NULL, fmt, &err);
		if (frc == SV_ESTORE) {
			rc = cli_fail(cli, &err);
			goto out;
		}
		if (frc) {
			cli_fail(cli, &err);
			failed++;
			continue;
		}
		if (!cli->json && !cli->quiet)
			printf("%s%s%s: %lu units, %lu merged with existing, %lu term pairs\n", argv[i],
			       pivot ? " + " : "", pivot ? argv[i + 1] : "", im.units - u0,
			       im.merged - m0, im.pairs - p0);
	}
	if (cli->json)
		printf("{\"units\":%lu,\"merged\":%lu,\"term_pairs\":%lu,\"warnings\":%lu,"
		       "\"failed\":%d}\n", im.units, im.merged, im.pairs, im.warnings, failed);
	rc = failed ? SV_EINPUT : SV_OK;
out:
	for (int k = 0; k < 2; k++) {
		sv_buf_release(&im.norm[k]);
		sv_buf_release(&im.lemmas[k]);
		sv_buf_release(&im.key[k]);
	}
	sv_text_close(im.t);
	sv_store_close(im.st);
	return rc;
}
