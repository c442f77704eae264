/* The add job: file -> decode -> language -> sentences -> analysis -> memory,
 * in one savepoint per file, and the run over a command's files and directories
 * in one transaction. */
#include "job/add.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/file.h"
#include "base/sha256.h"

/* The bytes of path, read by base's one file reader. add takes regular files only (and
 * refuses a directory through it): a FIFO or device must not block the run. */
static int read_file(const char *path, struct sv_buf *bytes, struct sv_error *err)
{
	struct stat sb;
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode))
		return sv_error_set(err, SV_EINPUT, "'%s': not a regular file", path);
	return sv_file_read(path, 0, bytes, err);
}

static const char *strip_dot(const char *p)
{
	while (p[0] == '.' && p[1] == '/' && p[2])
		p += 2;
	return p;
}

/* HTML by name (.html, .htm, .xhtml) or by a leading tag (<!doctype html>,
 * <html>, after an optional BOM and blanks); plain text otherwise. */
static enum sv_format sniff_format(const char *path, const char *bytes, size_t n)
{
	const char *dot = strrchr(path, '.');
	if (dot && (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm") ||
		    !strcasecmp(dot, ".xhtml")))
		return SV_FORMAT_HTML;
	size_t i = 0;
	if (n >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < n && strchr(" \t\r\n", bytes[i]))
		i++;
	static const char *const heads[] = { "<!doctype html", "<html", "<!--", "<?xml" };
	for (size_t k = 0; k < sizeof(heads) / sizeof(heads[0]); k++) {
		size_t hl = strlen(heads[k]);
		if (n - i >= hl && !strncasecmp(bytes + i, heads[k], hl)) {
			if (k < 2)
				return SV_FORMAT_HTML;
			/* A comment or XML declaration: HTML if an <html follows soon. */
			for (size_t j = i; j + 5 <= n && j < i + 2048; j++)
				if (!strncasecmp(bytes + j, "<html", 5))
					return SV_FORMAT_HTML;
		}
	}
	return SV_FORMAT_TEXT;
}

/* Each paragraph's language (its own when confident, else SV_LANG_UNKNOWN)
 * into plang[], and the document's: forced, else the length-weighted vote
 * of the confident paragraphs, else a judgement of the title and text
 * together (many short paragraphs), else "other". */
static enum sv_lang languages(const struct sv_doc_text *doc, enum sv_lang forced,
			      enum sv_lang *plang)
{
	size_t votes[4] = { 0 };
	for (size_t i = 0; i < doc->npara; i++) {
		size_t n = strlen(doc->paras[i].text);
		double conf = 0;
		enum sv_lang l = sv_lang_detect(doc->paras[i].text, n, &conf);
		plang[i] = l != SV_LANG_UNKNOWN && conf >= 0.5 ? l : SV_LANG_UNKNOWN;
		votes[plang[i]] += n;
	}
	if (forced != SV_LANG_UNKNOWN)
		return forced;
	enum sv_lang best = SV_LANG_UNKNOWN;
	for (int l = SV_LANG_RU; l <= SV_LANG_OTHER; l++)
		if (votes[l] > votes[best])
			best = (enum sv_lang)l;
	if (best != SV_LANG_UNKNOWN)
		return best;
	struct sv_buf b = SV_BUF_INIT;
	if (doc->title) {
		sv_buf_adds(&b, doc->title);
		sv_buf_addc(&b, '\n');
	}
	for (size_t i = 0; i < doc->npara && b.len < 65536; i++) {
		sv_buf_adds(&b, doc->paras[i].text);
		sv_buf_addc(&b, '\n');
	}
	enum sv_lang l = sv_lang_detect(b.data, b.len, NULL);
	sv_buf_release(&b);
	return l == SV_LANG_UNKNOWN ? SV_LANG_OTHER : l;
}

/* Segments waiting for one batched insert (sv_store_segs_add): their
 * strings in one arena, by offset until the flush. */
struct pending {
	struct sv_buf arena;
	struct sv_seg_row *v;
	size_t (*off)[3];
	size_t n, cap;
};

/* Flushed at the end of a document or when this much text is waiting, so a
 * huge file does not hold all its rows in memory. */
#define PENDING_BYTES (4u << 20)

static void pending_add(struct pending *p, int64_t ordinal, int64_t para, const char *lang,
			const struct sv_buf *text, const struct sv_buf *norm,
			const struct sv_buf *lemmas)
{
	if (p->n == p->cap) {
		size_t cap = p->cap;
		SV_GROW(p->v, p->cap, p->n + 1);
		SV_GROW(p->off, cap, p->n + 1);
	}
	const struct sv_buf *b[3] = { text, norm, lemmas };
	for (int k = 0; k < 3; k++) {
		p->off[p->n][k] = p->arena.len;
		sv_buf_add(&p->arena, b[k]->data, b[k]->len + 1); /* with the NUL */
	}
	p->v[p->n] = (struct sv_seg_row){
		.ordinal = ordinal,
		.para = para,
		.lang = lang,
		.ntext = (int)text->len,
		.nnorm = (int)norm->len,
		.nlemmas = (int)lemmas->len,
	};
	p->n++;
}

static int pending_flush(struct sv_store *st, struct pending *p, int64_t doc,
			 struct sv_error *err)
{
	if (!p->n)
		return SV_OK;
	for (size_t i = 0; i < p->n; i++) {
		p->v[i].text = p->arena.data + p->off[i][0];
		p->v[i].norm = p->arena.data + p->off[i][1];
		p->v[i].lemmas = p->arena.data + p->off[i][2];
	}
	struct sv_seg_rows rows = { .doc = doc, .v = p->v, .n = p->n };
	p->n = 0;
	int rc = sv_store_segs_add(st, &rows, NULL, err);
	sv_buf_reset(&p->arena); /* writes a NUL at the start: only now */
	return rc;
}

static void pending_release(struct pending *p)
{
	sv_buf_release(&p->arena);
	free(p->v);
	free(p->off);
}

static int store_segments(struct sv_store *st, struct sv_text *t, const struct sv_doc_text *doc,
			  const enum sv_lang *plangs, int64_t docid, enum sv_lang dlang, int segmented,
			  struct sv_ingest_result *res, struct sv_error *err)
{
	struct sv_spans spans = { 0 };
	struct sv_buf seg = SV_BUF_INIT, norm = SV_BUF_INIT, lemmas = SV_BUF_INIT;
	struct pending pend = { .arena = SV_BUF_INIT };
	int rc = SV_OK;
	int64_t ordinal = 0;
	for (size_t p = 0; p < doc->npara; p++) {
		const struct sv_para *para = &doc->paras[p];
		size_t plen = strlen(para->text);
		enum sv_lang plang = plangs[p] != SV_LANG_UNKNOWN ? plangs[p] : dlang;
		enum sv_lang alang = (plang == SV_LANG_RU || plang == SV_LANG_BG) ? plang : dlang;
		if (segmented) {
			spans.n = 0;
			SV_GROW(spans.v, spans.cap, 1);
			spans.v[0].start = 0;
			spans.v[0].len = (uint32_t)plen;
			spans.n = 1;
		} else if ((rc = sv_text_segment(t, para->text, plen, alang, &spans, err))) {
			goto out;
		}
		for (size_t k = 0; k < spans.n; k++) {
			if (!spans.v[k].len)
				continue;
			sv_buf_reset(&seg);
			sv_buf_add(&seg, para->text + spans.v[k].start, spans.v[k].len);
			sv_buf_reset(&norm);
			sv_buf_reset(&lemmas);
			if ((rc = sv_text_analyse(t, alang, seg.data, seg.len, &norm, &lemmas, err)))
				goto out;
			pending_add(&pend, ++ordinal, (int64_t)(p + 1), sv_lang_code(plang), &seg,
				    &norm, &lemmas);
			if (pend.arena.len >= PENDING_BYTES &&
			    (rc = pending_flush(st, &pend, docid, err)))
				goto out;
		}
	}
	if ((rc = pending_flush(st, &pend, docid, err)))
		goto out;
	res->segments = (size_t)ordinal;
out:
	pending_release(&pend);
	sv_spans_release(&spans);
	sv_buf_release(&seg);
	sv_buf_release(&norm);
	sv_buf_release(&lemmas);
	return rc;
}

int sv_ingest_bytes(struct sv_store *st, struct sv_text *t, const char *name, const char *bytes,
		    size_t n, const struct sv_ingest_opts *opts, struct sv_ingest_result *res,
		    struct sv_error *err)
{
	struct sv_doc_text doc = SV_DOC_TEXT_INIT;
	struct sv_store_doc old = { 0 };
	enum sv_lang *plangs = NULL;
	int rc, in_savepoint = 0;
	char hex[65];
	struct sv_sha256 sha;
	const char *path = strip_dot(name);

	memset(res, 0, sizeof(*res));
	res->bytes = n;
	sv_sha256_init(&sha);
	sv_sha256_add(&sha, bytes, n);
	sv_sha256_hex(&sha, hex);

	/* The same bytes already stored: a no-op unless forced. */
	int64_t same = 0;
	char *same_path = NULL;
	if ((rc = sv_store_doc_by_sha(st, hex, &same, &same_path, err)))
		return rc;
	if (same && !opts->force) {
		res->outcome = SV_INGEST_SAME;
		res->doc = same;
		snprintf(res->same_path, sizeof(res->same_path), "%s", same_path);
		free(same_path);
		return SV_OK;
	}
	free(same_path);

	enum sv_format fmt = opts->format;
	if (fmt == SV_FORMAT_AUTO)
		fmt = sniff_format(path, bytes, n);
	if ((rc = sv_text_decode(path, bytes, n, fmt, opts->segmented, &doc, err)))
		goto out;
	if ((rc = sv_store_savepoint(st, "ingest", err)))
		goto out;
	in_savepoint = 1;

	res->outcome = SV_INGEST_ADDED;
	struct sv_error lookup;
	if (sv_store_doc_find(st, path, &old, &lookup) == SV_OK) {
		if ((rc = sv_store_doc_delete(st, old.id, err)))
			goto out;
		res->outcome = SV_INGEST_REPLACED;
	}

	plangs = sv_calloc(doc.npara + 1, sizeof(*plangs));
	enum sv_lang dlang = languages(&doc, opts->lang, plangs);
	struct sv_store_doc row = {
		.path = (char *)path,
		.sha256 = hex,
		.lang = (char *)sv_lang_code(dlang),
		.date = doc.date,
		.outlet = doc.outlet,
		.title = doc.title,
		.format = opts->segmented ? "segmented" : fmt == SV_FORMAT_HTML ? "html" : "text",
		.bytes = (int64_t)n,
	};
	if ((rc = sv_store_doc_add(st, &row, err)))
		goto out;
	res->doc = row.id;
	res->lang = dlang;
	res->paragraphs = doc.npara;
	rc = store_segments(st, t, &doc, plangs, row.id, dlang, opts->segmented, res, err);
out:
	if (in_savepoint) {
		if (rc)
			sv_store_rollback_to(st, "ingest");
		else
			rc = sv_store_release(st, "ingest", err);
	}
	free(plangs);
	sv_store_doc_release(&old);
	sv_doc_text_release(&doc);
	return rc;
}

int sv_ingest_file(struct sv_store *st, struct sv_text *t, const char *path,
		   const struct sv_ingest_opts *opts, struct sv_ingest_result *res,
		   struct sv_error *err)
{
	struct sv_buf bytes = SV_BUF_INIT;
	int rc = read_file(path, &bytes, err);
	if (!rc)
		rc = sv_ingest_bytes(st, t, path, bytes.data, bytes.len, opts, res, err);
	sv_buf_release(&bytes);
	return rc;
}

void sv_job_add_opts_init(struct sv_job_add_opts *opts)
{
	*opts = (struct sv_job_add_opts){
		.ingest = { .lang = SV_LANG_UNKNOWN, .format = SV_FORMAT_AUTO },
	};
}

struct paths {
	char **v;
	size_t n, cap;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Expands directories (sorted, hidden entries skipped) into files. */
static void collect(const char *path, struct paths *out, int depth)
{
	struct stat sb;
	if (depth < 64 && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		DIR *d = opendir(path);
		if (d) {
			struct paths kids = { 0 };
			struct dirent *e;
			while ((e = readdir(d))) {
				if (e->d_name[0] == '.')
					continue;
				struct sv_buf b = SV_BUF_INIT;
				size_t pl = strlen(path);
				sv_buf_add(&b, path, pl);
				if (pl && path[pl - 1] != '/')
					sv_buf_addc(&b, '/');
				sv_buf_adds(&b, e->d_name);
				SV_GROW(kids.v, kids.cap, kids.n + 1);
				kids.v[kids.n++] = sv_buf_detach(&b);
			}
			closedir(d);
			qsort(kids.v, kids.n, sizeof(*kids.v), cmp_str);
			for (size_t i = 0; i < kids.n; i++) {
				collect(kids.v[i], out, depth + 1);
				free(kids.v[i]);
			}
			free(kids.v);
			return;
		}
	}
	/* Files, and whatever cannot be read: ingest reports it by name. */
	SV_GROW(out->v, out->cap, out->n + 1);
	out->v[out->n++] = sv_strdup(path);
}

int sv_job_add(struct sv_store *st, const char *const *paths, size_t n,
	       const struct sv_job_add_opts *opts, struct sv_job_add_result *res,
	       struct sv_error *err)
{
	struct paths files = { 0 };
	struct sv_text *t = NULL;
	int rc = SV_OK;
	memset(res, 0, sizeof(*res));
	for (size_t i = 0; i < n; i++)
		collect(paths[i], &files, 0);
	res->files = files.n;
	if (!(t = sv_text_open(NULL, err))) {
		rc = err->code;
		goto out;
	}
	if ((rc = sv_store_begin(st, err)))
		goto out;
	if (opts->progress.fn)
		opts->progress.fn(opts->progress.ctx, "add", 0, files.n);
	for (size_t i = 0; i < files.n; i++) {
		struct sv_ingest_result one;
		struct sv_error ferr = { 0 };
		int frc = sv_ingest_file(st, t, files.v[i], &opts->ingest, &one, &ferr);
		if (frc == SV_ESTORE) {
			*err = ferr;
			rc = frc;
			sv_store_rollback(st);
			goto out;
		}
		if (frc) {
			res->failed++;
		} else {
			res->bytes += one.bytes;
			if (one.outcome == SV_INGEST_SAME) {
				res->unchanged++;
			} else {
				one.outcome == SV_INGEST_ADDED ? res->added++ : res->replaced++;
				res->segments += one.segments;
			}
		}
		if (opts->on_file)
			opts->on_file(opts->ctx, files.v[i], frc, frc ? NULL : &one, &ferr);
		if (opts->progress.fn)
			opts->progress.fn(opts->progress.ctx, "add", i + 1, files.n);
	}
	rc = sv_store_commit(st, err);
out:
	for (size_t i = 0; i < files.n; i++)
		free(files.v[i]);
	free(files.v);
	sv_text_close(t);
	return rc;
}
