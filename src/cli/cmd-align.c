/* sverka align: pairs the documents that cover the same event and aligns
 * their sentences (monotone for translations, mining for comparable
 * coverage), storing document pairs and translation units. Without
 * declarations it aligns what is new; --parallel and --comparable declare
 * a pair and its mode. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align/align.h"
#include "align/terms.h"
#include "store/store.h"


/* A document of the memory loaded for alignment. */
struct adoc {
	int64_t id;
	char *path;
	enum sv_lang lang;
	int aligned;       /* documents.aligned before this run */
	size_t model;      /* index in the sv_align model */
	int64_t *seg;      /* segment ids */
	char **text, **norm, **lem;
	size_t n;
};

/* A document pair to align; its mode and links are in the run's job of
 * the same index. */
struct apair {
	size_t ru, bg;     /* indices into the loaded documents */
	float score;
	int declared;
};

struct run {
	struct sv_store *st;
	struct sv_align *a;
	struct adoc *docs;
	size_t ndocs, dcap;
	struct apair *pairs;
	struct sv_align_job *jobs; /* one per pair */
	size_t npairs, pcap, jcap;
};

static const char *col(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
	return v ? v : "";
}

static void adoc_free(struct adoc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->text[i]);
		free(d->norm[i]);
		free(d->lem[i]);
	}
	free(d->text);
	free(d->norm);
	free(d->lem);
	free(d->seg);
	free(d->path);
}

/* Loads a document's segments and adds it to the model. */
static int load_doc(struct run *r, int64_t id, const char *path, const char *lang,
		    const char *date, int aligned, size_t *out, struct sv_error *err)
{
	for (size_t i = 0; i < r->ndocs; i++)
		if (r->docs[i].id == id) {
			*out = i;
			return SV_OK;
		}
	SV_GROW(r->docs, r->dcap, r->ndocs + 1);
	struct adoc *d = &r->docs[r->ndocs];
	memset(d, 0, sizeof(*d));
	d->id = id;
	d->path = sv_strdup(path);
	d->lang = !strcmp(lang, "ru") ? SV_LANG_RU : SV_LANG_BG;
	d->aligned = aligned;
	r->ndocs++;
	sqlite3_stmt *s = sv_store_prepare(r->st,
		"SELECT id, text, norm, lemmas FROM segments WHERE doc = ?1 ORDER BY ordinal", err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	size_t cap = 0, c1 = 0, c2 = 0, c3 = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		SV_GROW(d->seg, cap, d->n + 1);
		SV_GROW(d->text, c1, d->n + 1);
		SV_GROW(d->norm, c2, d->n + 1);
		SV_GROW(d->lem, c3, d->n + 1);
		d->seg[d->n] = sqlite3_column_int64(s, 0);
		d->text[d->n] = sv_strdup(col(s, 1));
		d->norm[d->n] = sv_strdup(col(s, 2));
		d->lem[d->n] = sv_strdup(col(s, 3));
		d->n++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return sv_store_fail(r->st, err, "reading segments");
	struct sv_align_sent *sents = sv_calloc(d->n + 1, sizeof(*sents));
	for (size_t i = 0; i < d->n; i++) {
		sents[i].text = d->text[i];
		sents[i].norm = d->norm[i];
		sents[i].lemmas = d->lem[i];
	}
	struct sv_align_doc doc = { d->path, d->lang, date && *date ? date : NULL, sents, d->n };
	rc = sv_align_add(r->a, &doc, &d->model, err);
	free(sents);
	*out = r->ndocs - 1;
	return rc;
}

/* Loads every Russian and Bulgarian document of the memory. */
static int load_all(struct run *r, struct sv_error *err)
{
	sqlite3_stmt *s = sv_store_prepare(r->st,
		"SELECT id, path, lang, date, aligned FROM documents WHERE lang IN ('ru', 'bg')"
		" ORDER BY id", err);
	if (!s)
		return SV_ESTORE;
	/* collect first: load_doc prepares its own statement */
	struct row {
		int64_t id;
		char *path, *lang, *date;
		int aligned;
	} *rows = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		SV_GROW(rows, cap, n + 1);
		rows[n].id = sqlite3_column_int64(s, 0);
		rows[n].path = sv_strdup(col(s, 1));
		rows[n].lang = sv_strdup(col(s, 2));
		rows[n].date = sv_strdup(col(s, 3));
		rows[n].aligned = sqlite3_column_int(s, 4);
		n++;
	}
	sqlite3_reset(s);
	rc = rc == SQLITE_DONE ? SV_OK : sv_store_fail(r->st, err, "reading documents");
	for (size_t i = 0; i < n; i++) {
		size_t idx;
		if (!rc)
			rc = load_doc(r, rows[i].id, rows[i].path, rows[i].lang, rows[i].date,
				      rows[i].aligned, &idx, err);
		free(rows[i].path);
		free(rows[i].lang);
		free(rows[i].date);
	}
	free(rows);
	return rc;
}

static void add_pair(struct run *r, size_t ru, size_t bg, float score, int declared,
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
static int declare(struct run *r, const char *x, const char *y, enum sv_align_method m,
		   struct sv_error *err)
{
	struct sv_store_doc dx = { 0 }, dy = { 0 };
	int rc;
	size_t ix, iy;
	if ((rc = sv_store_doc_find(r->st, x, &dx, err)) ||
	    (rc = sv_store_doc_find(r->st, y, &dy, err)))
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
	add_pair(r, ix, iy, 1.0f, 1, m);
out:
	sv_store_doc_release(&dx);
	sv_store_doc_release(&dy);
	return rc;
}

/* The pairs document pairing finds, among those touching a new document
 * (any with all) and not yet in the memory (any with all). */
static int find_pairs(struct run *r, int all, struct sv_error *err)
{
	struct sv_align_docpairs dp = SV_ALIGN_DOCPAIRS_INIT;
	int rc = sv_align_docs(r->a, NULL, &dp, err);
	size_t *by_model = sv_malloc((r->ndocs + 1) * sizeof(*by_model));
	for (size_t i = 0; i < r->ndocs; i++)
		by_model[r->docs[i].model] = i;
	sqlite3_stmt *s = NULL;
	for (size_t q = 0; !rc && q < dp.n; q++) {
		size_t ru = by_model[dp.v[q].ru], bg = by_model[dp.v[q].bg];
		if (!all && r->docs[ru].aligned && r->docs[bg].aligned)
			continue;
		if (!all) {
			if (!(s = sv_store_prepare(r->st,
				"SELECT 1 FROM doc_pairs WHERE ru_doc = ?1 AND bg_doc = ?2", err))) {
				rc = SV_ESTORE;
				break;
			}
			sqlite3_bind_int64(s, 1, r->docs[ru].id);
			sqlite3_bind_int64(s, 2, r->docs[bg].id);
			int found = sqlite3_step(s) == SQLITE_ROW;
			sqlite3_reset(s);
			if (found)
				continue;
		}
		add_pair(r, ru, bg, dp.v[q].score, 0, SV_ALIGN_AUTO);
	}
	free(by_model);
	sv_align_docpairs_release(&dp);
	return rc;
}

static void join(const struct adoc *d, uint32_t first, uint32_t n, char **v, struct sv_buf *out)
{
	sv_buf_reset(out);
	for (uint32_t i = 0; i < n; i++) {
		if (i)
			sv_buf_addc(out, ' ');
		sv_buf_adds(out, v[first + i]);
	}
	(void)d;
}

/* Stores a pair and its units (replacing the pair's earlier units). */
static int store_pair(struct run *r, size_t pi, const char *now, size_t *nunits,
		      struct sv_error *err)
{
	const struct apair *p = &r->pairs[pi];
	const struct sv_align_links *links = &r->jobs[pi].links;
	const struct adoc *ru = &r->docs[p->ru], *bg = &r->docs[p->bg];
	const char *mode = links->method == SV_ALIGN_MINING ? "comparable" : "parallel";
	sqlite3_stmt *s = sv_store_prepare(r->st,
		"INSERT INTO doc_pairs(ru_doc, bg_doc, score, mode, declared, created)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
		" ON CONFLICT(ru_doc, bg_doc) DO UPDATE SET score = excluded.score,"
		" mode = excluded.mode, declared = max(declared, excluded.declared)"
		" RETURNING id", err);
	if (!s)
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, ru->id);
	sqlite3_bind_int64(s, 2, bg->id);
	sqlite3_bind_double(s, 3, p->score);
	sqlite3_bind_text(s, 4, mode, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, p->declared);
	sqlite3_bind_text(s, 6, now, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return sv_store_fail(r->st, err, "storing a document pair");
	}
	int64_t pid = sqlite3_column_int64(s, 0);
	sqlite3_step(s);
	sqlite3_reset(s);
	if (!(s = sv_store_prepare(r->st, "DELETE FROM units WHERE pair = ?1", err)))
		return SV_ESTORE;
	sqlite3_bind_int64(s, 1, pid);
	int st = sqlite3_step(s);
	sqlite3_reset(s);
	if (st != SQLITE_DONE)
		return sv_store_fail(r->st, err, "replacing units");
	struct sv_buf rs = SV_BUF_INIT, bs = SV_BUF_INIT, b[6] = { SV_BUF_INIT, SV_BUF_INIT,
		SV_BUF_INIT, SV_BUF_INIT, SV_BUF_INIT, SV_BUF_INIT };
	int rc = SV_OK;
	for (size_t q = 0; q < links->n; q++) {
		const struct sv_align_link *l = &links->v[q];
		sv_buf_reset(&rs);
		sv_buf_reset(&bs);
		for (uint32_t i = 0; i < l->nru; i++)
			sv_buf_addf(&rs, "%s%lld", i ? "," : "", (long long)ru->seg[l->ru + i]);
		for (uint32_t i = 0; i < l->nbg; i++)
			sv_buf_addf(&bs, "%s%lld", i ? "," : "", (long long)bg->seg[l->bg + i]);
		join(ru, l->ru, l->nru, ru->text, &b[0]);
		join(bg, l->bg, l->nbg, bg->text, &b[1]);
		join(ru, l->ru, l->nru, ru->norm, &b[2]);
		join(ru, l->ru, l->nru, ru->lem, &b[3]);
		join(bg, l->bg, l->nbg, bg->norm, &b[4]);
		join(bg, l->bg, l->nbg, bg->lem, &b[5]);
		char link[32];
		snprintf(link, sizeof(link), "%u-%u", l->nru, l->nbg);
		if (!(s = sv_store_prepare(r->st,
			"INSERT INTO units(pair, ru_segs, bg_segs, ru_text, bg_text, ru_norm,"
			" ru_lemmas, bg_norm, bg_lemmas, link, score, method, created)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", err))) {
			rc = SV_ESTORE;
			break;
		}
		sqlite3_bind_int64(s, 1, pid);
		sqlite3_bind_text(s, 2, rs.data, (int)rs.len, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, bs.data, (int)bs.len, SQLITE_STATIC);
		for (int k = 0; k < 6; k++)
			sqlite3_bind_text(s, 4 + k, b[k].data, (int)b[k].len, SQLITE_STATIC);
		sqlite3_bind_text(s, 10, link, -1, SQLITE_TRANSIENT);
		sqlite3_bind_double(s, 11, l->score);
		sqlite3_bind_text(s, 12, sv_align_method_name(l->method), -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 13, now, -1, SQLITE_STATIC);
		st = sqlite3_step(s);
		sqlite3_reset(s);
		if (st != SQLITE_DONE) {
			rc = sv_store_fail(r->st, err, "storing a unit");
			break;
		}
		(*nunits)++;
	}
	sv_buf_release(&rs);
	sv_buf_release(&bs);
	for (int k = 0; k < 6; k++)
		sv_buf_release(&b[k]);
	return rc;
}

static int mark_aligned(struct run *r, struct sv_error *err)
{
	for (size_t i = 0; i < r->ndocs; i++) {
		sqlite3_stmt *s = sv_store_prepare(r->st,
			"UPDATE documents SET aligned = 1 WHERE id = ?1", err);
		if (!s)
			return SV_ESTORE;
		sqlite3_bind_int64(s, 1, r->docs[i].id);
		int st = sqlite3_step(s);
		sqlite3_reset(s);
		if (st != SQLITE_DONE)
			return sv_store_fail(r->st, err, "marking documents aligned");
	}
	return SV_OK;
}

int cmd_align(struct sv_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "parallel", required_argument, NULL, 'p' },
		{ "comparable", required_argument, NULL, 'c' },
		{ "all", no_argument, NULL, 'a' },
		{ "lexicon", required_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 },
	};
	struct decl {
		const char *ru, *bg;
		enum sv_align_method m;
	} *decls = NULL;
	size_t ndecl = 0, dcap = 0;
	int all = 0, c;
	const char *lexicon = NULL;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'p' || c == 'c') {
			if (optind >= argc || argv[optind][0] == '-') {
				free(decls);
				return cli_usage(cli, "--%s takes two documents: RU_DOC BG_DOC",
						 c == 'p' ? "parallel" : "comparable");
			}
			SV_GROW(decls, dcap, ndecl + 1);
			decls[ndecl].ru = optarg;
			decls[ndecl].bg = argv[optind++];
			decls[ndecl].m = c == 'p' ? SV_ALIGN_MONOTONE : SV_ALIGN_MINING;
			ndecl++;
		} else if (c == 'a') {
			all = 1;
		} else if (c == 'x') {
			lexicon = optarg;
		} else {
			free(decls);
			return cli_usage(cli, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc) {
		free(decls);
		return cli_usage(cli, "unexpected argument '%s'", argv[optind]);
	}
	struct sv_error err = { 0 };
	struct run r = { 0 };
	int rc;
	size_t nunits = 0, npar = 0, ncomp = 0;
	if ((rc = sv_store_open(cli->memory, 0, &r.st, &err)) ||
	    !(r.a = sv_align_open(lexicon, &err))) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	for (size_t i = 0; i < ndecl; i++)
		if ((rc = declare(&r, decls[i].ru, decls[i].bg, decls[i].m, &err)))
			goto fail;
	if (!ndecl && ((rc = load_all(&r, &err)) || (rc = find_pairs(&r, all, &err))))
		goto fail;
	/* all pairs in one run: what the confident links teach serves every pair */
	if ((rc = sv_align_run(r.a, r.jobs, r.npairs, NULL, &err)))
		goto fail;
	char now[21];
	sv_store_now(now);
	if ((rc = sv_store_begin(r.st, &err)))
		goto fail;
	for (size_t i = 0; i < r.npairs; i++) {
		if ((rc = store_pair(&r, i, now, &nunits, &err)))
			break;
		r.jobs[i].links.method == SV_ALIGN_MINING ? ncomp++ : npar++;
	}
	if (!rc && !ndecl)
		rc = mark_aligned(&r, &err);
	/* terms and their equivalents over the whole memory (docs/TERMS.md) */
	struct sv_terms_stats ts = { 0 };
	if (!rc) {
		struct sv_terms_opts to;
		sv_terms_opts_init(&to);
		to.lexicon = lexicon;
		struct sv_text *t = sv_text_open(NULL, &err);
		rc = t ? sv_align_terms(r.st, t, &to, &ts, &err) : err.code;
		sv_text_close(t);
	}
	if (rc) {
		sv_store_rollback(r.st);
		goto fail;
	}
	if ((rc = sv_store_commit(r.st, &err)))
		goto fail;
	if (cli->json) {
		printf("{\"pairs\":%zu,\"parallel\":%zu,\"comparable\":%zu,\"units\":%zu}\n",
		       r.npairs, npar, ncomp, nunits);
	} else {
		for (size_t i = 0; i < r.npairs; i++) {
			const struct apair *p = &r.pairs[i];
			const struct sv_align_links *l = &r.jobs[i].links;
			printf("%.3f\t%s\t%s\t%s\t%zu units\n", p->score, r.docs[p->ru].path,
			       r.docs[p->bg].path,
			       l->method == SV_ALIGN_MINING ? "comparable" : "parallel", l->n);
		}
		if (!cli->quiet)
			fprintf(stderr, "%zu document pairs (%zu parallel, %zu comparable), %zu units\n",
				r.npairs, npar, ncomp, nunits);
		if (!cli->quiet)
			fprintf(stderr, "%zu term pairs (%zu with a projected term), %zu kept as reviewed\n",
				ts.pairs, ts.projected, ts.kept);
	}
	goto out;
fail:
	rc = cli_fail(cli, &err);
out:
	for (size_t i = 0; i < r.npairs; i++)
		sv_align_links_release(&r.jobs[i].links);
	free(r.pairs);
	free(r.jobs);
	for (size_t i = 0; i < r.ndocs; i++)
		adoc_free(&r.docs[i]);
	free(r.docs);
	sv_align_close(r.a);
	if (r.st)
		sv_store_close(r.st);
	free(decls);
	return rc;
}
