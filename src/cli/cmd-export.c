/* sverka export: the memory's translation units as TMX, XLIFF, CSV or TSV,
 * and its termbase as TBX, OmegaT glossary, CSV or phrase-level TMX, through
 * the streaming writers of src/io. */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/map.h"
#include "io/io.h"
#include "store/store.h"
#include "store/termbase.h"


struct filter {
	double min_score;
	const char *status; /* NULL: all but rejected */
	int per_doc;        /* units grouped by document pair */
	int lines;          /* look up the segment ordinals (TSV) */
};

static const char *col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* Replaces a comma-separated list of segment ids by their ordinals in out
 * ("" when ids is NULL or empty). */
static int ordinals(struct sv_store *st, const char *ids, struct sv_buf *out, struct sv_error *err)
{
	sv_buf_reset(out);
	if (!ids || !*ids)
		return SV_OK;
	sqlite3_stmt *s = sv_store_prepare(st, "SELECT ordinal FROM segments WHERE id = ?1", err);
	if (!s)
		return SV_ESTORE;
	for (const char *p = ids; *p;) {
		char *end;
		long long id = strtoll(p, &end, 10);
		if (end == p)
			break;
		sqlite3_bind_int64(s, 1, id);
		int r = sqlite3_step(s);
		if (r == SQLITE_ROW)
			sv_buf_addf(out, "%s%lld", out->len ? "," : "", sqlite3_column_int64(s, 0));
		sqlite3_reset(s);
		if (r != SQLITE_ROW && r != SQLITE_DONE)
			return sv_store_fail(st, err, "reading segments");
		p = *end == ',' ? end + 1 : end;
	}
	return SV_OK;
}

static int export_units(struct sv_store *st, struct sv_io_writer *w, const struct filter *f,
			struct sv_error *err)
{
	sqlite3_stmt *s = sv_store_prepare(st,
		"SELECT u.id, u.ru_text, u.bg_text, u.link, u.score, u.method, u.status, u.origin,"
		" u.created, rd.path, bd.path, coalesce(rd.outlet, bd.outlet),"
		" coalesce(rd.date, bd.date), u.ru_segs, u.bg_segs"
		" FROM units u"
		" LEFT JOIN doc_pairs p ON p.id = u.pair"
		" LEFT JOIN documents rd ON rd.id = p.ru_doc"
		" LEFT JOIN documents bd ON bd.id = p.bg_doc"
		" WHERE u.score >= ?1 AND ((?2 IS NULL AND u.status <> 'rejected') OR u.status = ?2)"
		" ORDER BY CASE WHEN ?3 THEN u.pair END, u.id", err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_double(s, 1, f->min_score);
	sqlite3_bind_int(s, 3, f->per_doc);
	if (f->status)
		sqlite3_bind_text(s, 2, f->status, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 2);
	int rc = SV_OK, r;
	/* the segment lists (TSV only): copied, as looking up ordinals uses
	 * another statement of the same connection */
	struct sv_buf rl = SV_BUF_INIT, bl = SV_BUF_INIT, ids = SV_BUF_INIT;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		if (f->lines) {
			for (int k = 0; k < 2 && !rc; k++) {
				sv_buf_reset(&ids);
				if (col(s, 13 + k))
					sv_buf_adds(&ids, col(s, 13 + k));
				rc = ordinals(st, ids.data, k ? &bl : &rl, err);
			}
			if (rc)
				break;
		}
		struct sv_io_unit u = {
			.id = col(s, 0), .ru = col(s, 1), .bg = col(s, 2), .link = col(s, 3),
			.has_score = 1, .score = sqlite3_column_double(s, 4), .method = col(s, 5),
			.status = col(s, 6), .origin = col(s, 7),
			.created = sv_io_time_parse(col(s, 8)), .ru_doc = col(s, 9),
			.bg_doc = col(s, 10), .outlet = col(s, 11), .date = col(s, 12),
			.ru_lines = f->lines ? rl.data : NULL, .bg_lines = f->lines ? bl.data : NULL,
		};
		if ((rc = sv_io_write_unit(w, &u, err)))
			break;
	}
	if (!rc && r != SQLITE_DONE && r != SQLITE_ROW)
		rc = sv_store_fail(st, err, "reading units");
	sqlite3_reset(s);
	sv_buf_release(&rl);
	sv_buf_release(&bl);
	sv_buf_release(&ids);
	return rc;
}

/* The document pairs as score<TAB>ru_doc<TAB>bg_doc lines, best first per
 * Russian document, to path (stdout when NULL or "-"; a file is written to a
 * temporary name and renamed when complete). *n gets the lines written. */
static int export_docpairs(struct sv_store *st, const char *path, unsigned long *n,
			   struct sv_error *err)
{
	int rc = SV_OK;
	FILE *f = stdout;
	char *tmp = NULL;
	*n = 0;
	sqlite3_stmt *s = sv_store_prepare(st,
		"SELECT p.score, r.path, b.path FROM doc_pairs p JOIN documents r ON r.id = p.ru_doc"
		" JOIN documents b ON b.id = p.bg_doc ORDER BY r.path, p.score DESC, b.path", err);
	if (!s)
		return SV_ESTORE;
	if (path && strcmp(path, "-")) {
		size_t len = strlen(path) + 16;
		tmp = sv_malloc(len);
		snprintf(tmp, len, "%s.tmp%ld", path, (long)getpid());
		if (!(f = fopen(tmp, "w"))) {
			rc = sv_error_set(err, SV_EINPUT, "'%s': cannot write: %s", path,
					  strerror(errno));
			goto out;
		}
	}
	int r;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		fprintf(f, "%.4f\t%s\t%s\n", sqlite3_column_double(s, 0), col(s, 1), col(s, 2));
		(*n)++;
	}
	if (r != SQLITE_DONE)
		rc = sv_store_fail(st, err, "reading document pairs");
	if (f != stdout) {
		if (fclose(f) && !rc)
			rc = sv_error_set(err, SV_EINPUT, "'%s': cannot write: %s", path,
					  strerror(errno));
		f = NULL;
		if (!rc && rename(tmp, path))
			rc = sv_error_set(err, SV_EINPUT, "'%s': cannot write: %s", path,
					  strerror(errno));
		if (rc)
			remove(tmp);
	} else if (fflush(stdout)) {
		rc = sv_error_set(err, SV_EINPUT, "standard output: cannot write: %s",
				  strerror(errno));
	}
out:
	sqlite3_reset(s);
	free(tmp);
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
	const char *code = lang == SV_IO_RU ? "ru" : "bg";
	sqlite3_stmt *s = sv_store_prepare(
		st, "SELECT lemma_key FROM terms WHERE lang = ?1 AND citation = ?2 LIMIT 1", NULL);
	if (!s)
		return NULL;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, citation, -1, SQLITE_STATIC);
	struct sv_buf q = SV_BUF_INIT;
	if (sqlite3_step(s) == SQLITE_ROW) {
		sv_buf_addc(&q, '"');
		for (const char *k = (const char *)sqlite3_column_text(s, 0); k && *k; k++) {
			if (*k == '"')
				sv_buf_addc(&q, '"');
			sv_buf_addc(&q, *k);
		}
		sv_buf_addc(&q, '"');
	}
	sqlite3_reset(s);
	char *ctx = NULL;
	if (q.len > 2) {
		s = sv_store_prepare(st,
				     "SELECT text FROM segments WHERE id IN (SELECT rowid FROM"
				     " segments_fts WHERE segments_fts MATCH ?1 LIMIT 50) AND lang = ?2"
				     " ORDER BY abs(length(text) - 120), id LIMIT 1",
				     NULL);
		if (s) {
			sqlite3_bind_text(s, 1, q.data, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, code, -1, SQLITE_STATIC);
			if (sqlite3_step(s) == SQLITE_ROW)
				ctx = sv_strdup((const char *)sqlite3_column_text(s, 0));
			sqlite3_reset(s);
		}
	}
	sv_buf_release(&q);
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

int cmd_export(struct sv_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "terms", no_argument, NULL, 't' },
		{ "source", required_argument, NULL, 's' },
		{ "bare-lang", no_argument, NULL, 'b' },
		{ "xliff-version", required_argument, NULL, 'x' },
		{ "tbx-version", required_argument, NULL, 'T' },
		{ "split", required_argument, NULL, 'S' },
		{ "min-score", required_argument, NULL, 'm' },
		{ "status", required_argument, NULL, 'a' },
		{ "per-doc", no_argument, NULL, 'd' },
		{ "documents", no_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 },
	};
	struct sv_io_options o = { 0 };
	struct filter f = { 0, NULL, 0, 0 };
	int documents = 0, source_set = 0;
	enum sv_io_format fmt = SV_IO_AUTO;
	const char *out = NULL;
	int terms = 0, c;
	char *end;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+f:o:", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			fmt = sv_io_format_parse(optarg);
			if (fmt == SV_IO_AUTO || fmt == SV_IO_PO)
				return cli_usage(cli, "unknown format '%s' (tmx, xliff, tbx, omegat, "
						 "csv, tsv)", optarg);
			break;
		case 'o':
			out = optarg;
			break;
		case 't':
			terms = 1;
			break;
		case 's':
			if (strcmp(optarg, "ru") && strcmp(optarg, "bg"))
				return cli_usage(cli, "--source takes ru or bg");
			o.source_bg = !strcmp(optarg, "bg");
			source_set = 1;
			break;
		case 'b':
			o.bare_lang = 1;
			break;
		case 'd':
			o.xliff_per_doc = f.per_doc = 1;
			break;
		case 'D':
			documents = 1;
			break;
		case 'x':
			if (!strcmp(optarg, "1.2"))
				o.xliff_version = 12;
			else if (!strcmp(optarg, "2.0"))
				o.xliff_version = 20;
			else if (!strcmp(optarg, "2.1") || !strcmp(optarg, "2"))
				o.xliff_version = 21;
			else
				return cli_usage(cli, "--xliff-version takes 1.2, 2.0 or 2.1");
			break;
		case 'T':
			if (strcmp(optarg, "2") && strcmp(optarg, "3"))
				return cli_usage(cli, "--tbx-version takes 2 or 3");
			o.tbx_version = atoi(optarg);
			break;
		case 'S':
			o.split = strtoul(optarg, &end, 10);
			if (*end || !o.split)
				return cli_usage(cli, "--split takes a positive number of units");
			break;
		case 'm':
			f.min_score = strtod(optarg, &end);
			if (*end)
				return cli_usage(cli, "--min-score takes a number");
			break;
		case 'a':
			if (strcmp(optarg, "candidate") && strcmp(optarg, "approved") &&
			    strcmp(optarg, "rejected") && strcmp(optarg, "forbidden"))
				return cli_usage(cli, "--status takes candidate, approved, rejected "
						 "or forbidden");
			f.status = optarg;
			break;
		default:
			return cli_usage(cli, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage(cli, "unexpected argument '%s'", argv[optind]);
	if (fmt == SV_IO_AUTO)
		return cli_usage(cli, "--format is required (tmx, xliff, tbx, omegat, csv, tsv)");
	int concepts = fmt == SV_IO_TBX || fmt == SV_IO_TBX3 || fmt == SV_IO_OMEGAT || terms;
	if (terms && (fmt == SV_IO_XLIFF || fmt == SV_IO_XLIFF2 || fmt == SV_IO_TSV))
		return cli_usage(cli, "--terms goes with tmx, csv, tbx or omegat");
	if (o.xliff_per_doc && fmt != SV_IO_XLIFF && fmt != SV_IO_XLIFF2)
		return cli_usage(cli, "--per-doc goes with --format xliff");
	if (o.split && (fmt != SV_IO_TMX || !out))
		return cli_usage(cli, "--split needs --format tmx and -o FILE");
	if (documents && (fmt != SV_IO_TSV || terms || f.min_score || f.status || o.split))
		return cli_usage(cli, "--documents goes with --format tsv alone");
	if (fmt == SV_IO_TSV && source_set)
		return cli_usage(cli, "--source does not apply to tsv (ru columns come first)");
	if (fmt == SV_IO_TSV) {
		o.tsv_aligned = 1;
		f.lines = 1;
	}
	if (fmt == SV_IO_TBX3)
		o.tbx_version = 3;
	o.tmx_terms = terms;
	const char *epoch = getenv("SOURCE_DATE_EPOCH"); /* reproducible exports */
	if (epoch && *epoch)
		o.now = (time_t)strtoll(epoch, NULL, 10);

	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	struct sv_io_writer *w = NULL;
	int rc;
	if (documents) {
		unsigned long n = 0;
		if ((rc = sv_store_open(cli->memory, SV_STORE_READONLY, &st, &err)) ||
		    (rc = export_docpairs(st, out, &n, &err)))
			rc = cli_fail(cli, &err);
		else if (out && !cli->quiet && !cli->json)
			fprintf(stderr, "%lu document pairs written to '%s'\n", n, out);
		else if (out && cli->json)
			printf("{\"format\":\"tsv\",\"document_pairs\":%lu}\n", n);
		goto done;
	}
	if ((rc = sv_store_open(cli->memory, SV_STORE_READONLY, &st, &err)) ||
	    !(w = sv_io_writer_open(fmt, out, &o, &err))) {
		rc = cli_fail(cli, &err);
		goto done;
	}
	rc = concepts ? export_concepts(st, w, &f, &err) : export_units(st, w, &f, &err);
	unsigned long n = sv_io_writer_count(w);
	if (rc) {
		sv_io_writer_discard(w);
		rc = cli_fail(cli, &err);
		goto done;
	}
	if ((rc = sv_io_writer_close(w, &err))) {
		rc = cli_fail(cli, &err);
		goto done;
	}
	if (cli->json && out) {
		printf("{\"format\":\"%s\",\"%s\":%lu,\"output\":", sv_io_format_name(fmt),
		       concepts ? "concepts" : "units", n);
		struct sv_buf b = SV_BUF_INIT;
		sv_buf_add_json(&b, out);
		printf("%s}\n", b.data);
		sv_buf_release(&b);
	} else if (out && !cli->quiet) {
		fprintf(stderr, "%lu %s written to '%s'%s\n", n, concepts ? "concepts" : "units", out,
			o.split ? " (split)" : "");
	}
done:
	sv_store_close(st);
	return rc;
}
