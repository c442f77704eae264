/* Streaming writers for TMX, XLIFF 1.2/2.x, TBX v2/v3 (libxml2 xmlTextWriter)
 * and OmegaT/CSV/TSV. Output goes to a temporary file beside the target,
 * renamed into place only when the whole document was written (base/file.h). */
#include "io/io-int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlwriter.h>

#include "base/file.h"
#include "config.h"

/* What a CSV file holds: fixed by its header, written before the first item. */
enum csv_kind { CSV_EMPTY = 0, CSV_UNITS, CSV_CONCEPTS };

struct sv_io_writer {
	enum sv_io_format fmt; /* TMX, XLIFF, XLIFF2, TBX, TBX3, OMEGAT, CSV, TSV */
	struct sv_io_options o;
	const char *version;
	char *path;            /* final path; NULL: stdout */
	struct sv_file_tmp *files; /* files written so far, renamed into place at close */
	size_t nfiles, capfiles;
	FILE *f;               /* current output; NULL between split chunks */
	xmlTextWriterPtr x;
	unsigned long count;   /* units or concepts written */
	unsigned long chunk_units;
	unsigned long chunk_no;
	unsigned long next_id;
	enum csv_kind csv_kind; /* CSV_EMPTY until the header is written */
	int file_open;         /* XLIFF: a <file> is open */
	unsigned long nfile;   /* XLIFF: <file> elements opened */
	struct sv_buf doc;     /* XLIFF per document pair: the open file's key */
	int failed;
	struct sv_error ferr;
	char lang[2][8];       /* codes for ru and bg, as written */
	int src;               /* SV_IO_RU or SV_IO_BG: the source language */
	struct sv_buf t, t2;   /* scratch */
};

static const char spaces[] = "\n                    ";

static int fail(struct sv_io_writer *w, struct sv_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(struct sv_io_writer *w, struct sv_error *err, int code, const char *fmt, ...)
{
	if (!w->failed) {
		va_list ap;
		va_start(ap, fmt);
		w->ferr.code = code;
		vsnprintf(w->ferr.msg, sizeof(w->ferr.msg), fmt, ap);
		va_end(ap);
		w->failed = 1;
	}
	if (err && err != &w->ferr)
		*err = w->ferr;
	return w->ferr.code;
}

static const char *shown_path(const struct sv_io_writer *w)
{
	if (!w->path)
		return "-";
	if (w->nfiles)
		return w->files[w->nfiles - 1].path;
	return w->path;
}

/* ---- XML helpers: each returns < 0 on a libxml2 error ------------------ */

static int nl(struct sv_io_writer *w, int depth)
{
	return xmlTextWriterWriteRawLen(w->x, (const xmlChar *)spaces, 1 + 2 * depth);
}

static int start(struct sv_io_writer *w, int depth, const char *name)
{
	int rc = depth >= 0 ? nl(w, depth) : 0;
	if (rc < 0)
		return rc;
	return xmlTextWriterStartElement(w->x, (const xmlChar *)name);
}

static int end(struct sv_io_writer *w, int depth)
{
	int rc = depth >= 0 ? nl(w, depth) : 0;
	if (rc < 0)
		return rc;
	return xmlTextWriterEndElement(w->x);
}

static int attr(struct sv_io_writer *w, const char *name, const char *value)
{
	sv_buf_reset(&w->t);
	io_clean(value, strlen(value), &w->t);
	return xmlTextWriterWriteAttribute(w->x, (const xmlChar *)name, (const xmlChar *)w->t.data);
}

static int text(struct sv_io_writer *w, const char *s)
{
	sv_buf_reset(&w->t);
	io_clean(s, strlen(s), &w->t);
	if (!w->t.len)
		return 0;
	return xmlTextWriterWriteString(w->x, (const xmlChar *)w->t.data);
}

/* <name [aname="aval"]>text</name> on a new line at depth. */
static int elem(struct sv_io_writer *w, int depth, const char *name, const char *aname,
		const char *aval, const char *s)
{
	if (start(w, depth, name) < 0)
		return -1;
	if (aname && attr(w, aname, aval) < 0)
		return -1;
	if (text(w, s) < 0)
		return -1;
	return xmlTextWriterEndElement(w->x);
}

/* ---- Files ------------------------------------------------------------- */

static char *chunk_name(const struct sv_io_writer *w)
{
	struct sv_buf b = SV_BUF_INIT;
	if (!w->o.split) {
		sv_buf_adds(&b, w->path);
		return sv_buf_detach(&b);
	}
	const char *slash = strrchr(w->path, '/');
	const char *dot = strrchr(w->path, '.');
	if (!dot || (slash && dot < slash) || dot == (slash ? slash + 1 : w->path))
		dot = w->path + strlen(w->path);
	sv_buf_add(&b, w->path, (size_t)(dot - w->path));
	sv_buf_addf(&b, "-%04lu%s", w->chunk_no, dot);
	return sv_buf_detach(&b);
}

static int open_file(struct sv_io_writer *w, struct sv_error *err)
{
	if (!w->path) {
		w->f = stdout;
		return SV_OK;
	}
	char *final = chunk_name(w);
	struct sv_file_tmp file = SV_FILE_TMP_INIT;
	struct sv_error e;
	int rc = sv_file_tmp_open(&file, final, &e);
	free(final);
	if (rc)
		return fail(w, err, rc, "%s", e.msg);
	SV_GROW(w->files, w->capfiles, w->nfiles + 1);
	w->files[w->nfiles++] = file;
	w->f = file.f;
	return SV_OK;
}

static const char *lang_src(const struct sv_io_writer *w) { return w->lang[w->src]; }
static const char *lang_tgt(const struct sv_io_writer *w) { return w->lang[!w->src]; }

/* Opens an XLIFF <file>; original NULL: the options' or "sverka". */
static int xliff_file_open(struct sv_io_writer *w, const char *original)
{
	int rc = 0;
	char id[32];
	if (!original)
		original = w->o.original ? w->o.original : "sverka";
	w->nfile++;
	w->file_open = 1;
	rc |= start(w, 1, "file");
	if (w->fmt == SV_IO_XLIFF2) {
		snprintf(id, sizeof(id), "f%lu", w->nfile);
		rc |= attr(w, "id", id);
		rc |= attr(w, "original", original);
		return rc;
	}
	rc |= attr(w, "original", original);
	rc |= attr(w, "source-language", lang_src(w));
	rc |= attr(w, "target-language", lang_tgt(w));
	rc |= attr(w, "datatype", "plaintext");
	rc |= start(w, 2, "header");
	rc |= start(w, 3, "tool");
	rc |= attr(w, "tool-id", "sverka");
	rc |= attr(w, "tool-name", "sverka");
	rc |= attr(w, "tool-version", w->version);
	rc |= xmlTextWriterEndElement(w->x);
	rc |= end(w, 2);
	rc |= start(w, 2, "body");
	return rc;
}

static int xliff_file_close(struct sv_io_writer *w)
{
	int rc = 0;
	if (w->fmt == SV_IO_XLIFF)
		rc |= end(w, 2); /* body */
	rc |= end(w, 1);
	w->file_open = 0;
	return rc;
}

static int write_prologue(struct sv_io_writer *w)
{
	char date[24];
	char lang2[3] = { lang_src(w)[0], lang_src(w)[1], 0 };
	io_date_tmx(w->o.now, date);
	if (xmlTextWriterStartDocument(w->x, NULL, "UTF-8", NULL) < 0)
		return -1;
	int rc = 0;
	switch (w->fmt) {
	case SV_IO_TMX:
		rc |= start(w, -1, "tmx");
		rc |= attr(w, "version", "1.4");
		rc |= start(w, 1, "header");
		rc |= attr(w, "creationtool", "sverka");
		rc |= attr(w, "creationtoolversion", w->version);
		rc |= attr(w, "segtype", w->o.tmx_terms ? "phrase" : "sentence");
		rc |= attr(w, "o-tmf", "sverka");
		rc |= attr(w, "adminlang", "en");
		rc |= attr(w, "srclang", lang_src(w));
		rc |= attr(w, "datatype", "plaintext");
		rc |= attr(w, "creationdate", date);
		rc |= xmlTextWriterEndElement(w->x);
		rc |= start(w, 1, "body");
		break;
	case SV_IO_XLIFF:
		rc |= start(w, -1, "xliff");
		rc |= attr(w, "version", "1.2");
		rc |= attr(w, "xmlns", "urn:oasis:names:tc:xliff:document:1.2");
		if (!w->o.xliff_per_doc)
			rc |= xliff_file_open(w, NULL);
		break;
	case SV_IO_XLIFF2:
		rc |= start(w, -1, "xliff");
		rc |= attr(w, "xmlns", "urn:oasis:names:tc:xliff:document:2.0");
		rc |= attr(w, "version", w->o.xliff_version == 20 ? "2.0" : "2.1");
		rc |= attr(w, "srcLang", lang_src(w));
		rc |= attr(w, "trgLang", lang_tgt(w));
		if (!w->o.xliff_per_doc)
			rc |= xliff_file_open(w, NULL);
		break;
	case SV_IO_TBX:
	case SV_IO_TBX3: {
		int v3 = w->fmt == SV_IO_TBX3;
		rc |= start(w, -1, v3 ? "tbx" : "martif");
		rc |= attr(w, "type", "TBX-Basic");
		if (v3)
			rc |= attr(w, "style", "dca");
		rc |= attr(w, "xml:lang", lang2);
		if (v3)
			rc |= attr(w, "xmlns", "urn:iso:std:iso:30042:ed-2");
		rc |= start(w, 1, v3 ? "tbxHeader" : "martifHeader");
		rc |= start(w, 2, "fileDesc");
		rc |= start(w, 3, "sourceDesc");
		sv_buf_reset(&w->t2);
		sv_buf_addf(&w->t2, "sverka %s, %s", w->version, date);
		rc |= elem(w, 4, "p", NULL, NULL, w->t2.data);
		rc |= end(w, 3);
		rc |= end(w, 2);
		if (!v3) {
			rc |= start(w, 2, "encodingDesc");
			rc |= elem(w, 3, "p", "type", "XCSURI", "TBXBasicXCSV02.xcs");
			rc |= end(w, 2);
		}
		rc |= end(w, 1);
		rc |= start(w, 1, "text");
		rc |= start(w, 2, "body");
		break;
	}
	default:
		break;
	}
	return rc;
}

static int write_epilogue(struct sv_io_writer *w)
{
	int rc = 0;
	switch (w->fmt) {
	case SV_IO_TMX:
	case SV_IO_XLIFF:
	case SV_IO_XLIFF2:
		if (w->file_open)
			rc |= xliff_file_close(w);
		rc |= end(w, 0);
		break;
	case SV_IO_TBX:
	case SV_IO_TBX3:
		rc |= end(w, 2);
		rc |= end(w, 1);
		rc |= end(w, 0);
		break;
	default:
		break;
	}
	rc |= xmlTextWriterEndDocument(w->x);
	return rc;
}

static int is_xml(enum sv_io_format f)
{
	return f == SV_IO_TMX || f == SV_IO_XLIFF || f == SV_IO_XLIFF2 || f == SV_IO_TBX ||
	       f == SV_IO_TBX3;
}

/* Fails the writer with "'<path>': write failed: <errno's message>". */
static int write_failed(struct sv_io_writer *w, struct sv_error *err)
{
	return fail(w, err, SV_ESTORE, "'%s': write failed: %s", shown_path(w),
		    strerror(errno ? errno : EIO));
}

/* libxml2's output callback. A short write is left for ferror(), which
 * item_written and chunk_end check, and never reported to libxml2: its own
 * report would print on stderr, and the library never prints. */
static int xml_write(void *file, const char *buf, int len)
{
	if (len > 0)
		(void)fwrite(buf, 1, (size_t)len, file);
	return len;
}

static int chunk_begin(struct sv_io_writer *w, struct sv_error *err)
{
	w->chunk_no++;
	w->chunk_units = 0;
	if (open_file(w, err))
		return w->ferr.code;
	if (is_xml(w->fmt)) {
		xmlOutputBufferPtr out = xmlOutputBufferCreateIO(xml_write, NULL, w->f, NULL);
		if (out)
			w->x = xmlNewTextWriter(out);
		if (!w->x || write_prologue(w) < 0)
			return fail(w, err, SV_ESTORE, "'%s': cannot write XML", shown_path(w));
	} else if (w->fmt == SV_IO_OMEGAT) {
		fprintf(w->f, "# -*- coding: utf-8 -*-\n# %s\t%s\tcomment\n", lang_src(w), lang_tgt(w));
	} else if (w->fmt == SV_IO_CSV) {
		fputs("\xEF\xBB\xBF", w->f);
	}
	return SV_OK;
}

static int chunk_end(struct sv_io_writer *w, struct sv_error *err)
{
	int bad = 0;
	if (w->x) {
		if (!w->failed && write_epilogue(w) < 0)
			bad = 1;
		if (xmlTextWriterFlush(w->x) < 0)
			bad = 1;
		xmlFreeTextWriter(w->x);
		w->x = NULL;
	}
	struct sv_error e = { 0 };
	if (w->f == stdout && (fflush(w->f) || ferror(w->f)))
		bad = 1;
	if (bad)
		e.code = write_failed(w, err);
	if (w->f && w->f != stdout && sv_file_tmp_close(&w->files[w->nfiles - 1], &e))
		fail(w, err, e.code, "%s", e.msg);
	w->f = NULL;
	return e.code;
}

/* Before an item (unit or concept): with o.split, closes the chunk file that
 * holds o.split items and opens the next. SV_OK, or the writer's error. */
static int split_point(struct sv_io_writer *w, struct sv_error *err)
{
	if (w->o.split && w->chunk_units >= w->o.split) {
		if (chunk_end(w, err) || chunk_begin(w, err))
			return w->ferr.code;
	}
	return SV_OK;
}

/* After an item whose writing returned rc (< 0: a write failed): the
 * writer's error when it has failed, else counts the item. */
static int item_written(struct sv_io_writer *w, int rc, struct sv_error *err)
{
	if (w->failed)
		return w->ferr.code;
	if (rc < 0 || (w->f && ferror(w->f)))
		return write_failed(w, err);
	w->count++;
	w->chunk_units++;
	return SV_OK;
}

struct sv_io_writer *sv_io_writer_open(enum sv_io_format fmt, const char *path,
				       const struct sv_io_options *opts, struct sv_error *err)
{
	struct sv_io_options o = { 0 };
	if (opts)
		o = *opts;
	if (fmt == SV_IO_XLIFF && (o.xliff_version == 20 || o.xliff_version == 21))
		fmt = SV_IO_XLIFF2;
	else if (fmt == SV_IO_XLIFF2 && o.xliff_version != 20)
		o.xliff_version = 21;
	if (fmt == SV_IO_TBX && o.tbx_version == 3)
		fmt = SV_IO_TBX3;
	if (fmt == SV_IO_AUTO || fmt == SV_IO_PO || (unsigned)fmt > SV_IO_PO) {
		sv_error_set(err, SV_EUSAGE, "cannot write format '%s'", sv_io_format_name(fmt));
		return NULL;
	}
	if (o.xliff_version && o.xliff_version != 12 && o.xliff_version != 20 &&
	    o.xliff_version != 21) {
		sv_error_set(err, SV_EUSAGE, "unknown XLIFF version %d (1.2, 2.0 or 2.1)",
			     o.xliff_version);
		return NULL;
	}
	if (o.tbx_version && o.tbx_version != 2 && o.tbx_version != 3) {
		sv_error_set(err, SV_EUSAGE, "unknown TBX version %d (2 or 3)", o.tbx_version);
		return NULL;
	}
	if (path && !strcmp(path, "-"))
		path = NULL;
	if (o.split && (fmt != SV_IO_TMX || !path)) {
		sv_error_set(err, SV_EUSAGE, "splitting needs TMX written to a file");
		return NULL;
	}
	struct sv_io_writer *w = sv_calloc(1, sizeof(*w));
	w->fmt = fmt;
	w->o = o;
	if (!w->o.now)
		w->o.now = time(NULL);
	w->version = o.tool_version ? o.tool_version : SV_VERSION;
	w->path = path ? sv_strdup(path) : NULL;
	w->src = o.source_bg ? SV_IO_BG : SV_IO_RU;
	strcpy(w->lang[SV_IO_RU], o.bare_lang ? "ru" : "ru-RU");
	strcpy(w->lang[SV_IO_BG], o.bare_lang ? "bg" : "bg-BG");
	sv_buf_init(&w->t);
	sv_buf_init(&w->t2);
	sv_buf_init(&w->doc);
	if (chunk_begin(w, err)) {
		sv_io_writer_discard(w);
		return NULL;
	}
	return w;
}

unsigned long sv_io_writer_count(const struct sv_io_writer *w)
{
	return w->count;
}

static int csv_header(struct sv_io_writer *w, enum csv_kind kind, struct sv_error *err);

static void remove_files(struct sv_io_writer *w)
{
	for (size_t i = 0; i < w->nfiles; i++)
		sv_file_tmp_discard(&w->files[i]);
}

static void free_writer(struct sv_io_writer *w)
{
	for (size_t i = 0; i < w->nfiles; i++)
		sv_file_tmp_discard(&w->files[i]);
	free(w->files);
	free(w->path);
	sv_buf_release(&w->t);
	sv_buf_release(&w->t2);
	sv_buf_release(&w->doc);
	free(w);
}

void sv_io_writer_discard(struct sv_io_writer *w)
{
	if (!w)
		return;
	w->failed = 1;
	chunk_end(w, NULL);
	remove_files(w);
	free_writer(w);
}

int sv_io_writer_close(struct sv_io_writer *w, struct sv_error *err)
{
	if (!w)
		return SV_OK;
	int rc = SV_OK;
	if (w->fmt == SV_IO_CSV && w->csv_kind == CSV_EMPTY && !w->failed && w->f)
		csv_header(w, CSV_UNITS, err); /* an empty export still names its columns */
	if (!w->count && !w->failed &&
	    (w->fmt == SV_IO_XLIFF2 || w->fmt == SV_IO_TBX || w->fmt == SV_IO_TBX3 ||
	     (w->fmt == SV_IO_XLIFF && w->o.xliff_per_doc)))
		fail(w, err, SV_EINPUT, "'%s': nothing to write (an empty %s file is not valid)",
		     shown_path(w), w->fmt == SV_IO_XLIFF2 ? "XLIFF 2" : w->fmt == SV_IO_XLIFF ?
		     "XLIFF" : "TBX");
	chunk_end(w, err);
	if (w->failed) {
		rc = fail(w, err, w->ferr.code, "%s", w->ferr.msg);
		remove_files(w);
		goto out;
	}
	for (size_t i = 0; i < w->nfiles; i++) {
		if ((rc = sv_file_tmp_commit(&w->files[i], err))) {
			remove_files(w);
			goto out;
		}
	}
out:
	free_writer(w);
	return rc;
}

/* ---- Units --------------------------------------------------------------- */

static const char *unit_id(struct sv_io_writer *w, const char *id, char *buf, size_t size)
{
	w->next_id++;
	if (id && *id)
		return id;
	snprintf(buf, size, "%lu", w->next_id);
	return buf;
}

/* The provenance of u as (key, value) pairs; returns how many. */
static int unit_props(const struct sv_io_unit *u, const char **val, int *key, char *score,
		      char *created, int with_created)
{
	int n = 0;
	const char *v[IO_P_N] = {
		u->ru_doc, u->bg_doc, u->outlet, u->date, NULL, u->link, u->method, u->status,
		u->origin, NULL,
	};
	if (u->has_score) {
		io_score_str(u->score, score, 32);
		v[IO_P_SCORE] = score;
	}
	if (with_created && u->created) {
		io_date_tmx(u->created, created);
		v[IO_P_CREATED] = created;
	}
	for (int i = 0; i < IO_P_N; i++) {
		if (v[i] && *v[i]) {
			key[n] = i;
			val[n++] = v[i];
		}
	}
	return n;
}

static const char *xliff_state(const char *status, int v2, int *approved)
{
	*approved = 0;
	if (status && !strcasecmp(status, "approved")) {
		*approved = 1;
		return v2 ? "final" : "signed-off";
	}
	if (status && !strcasecmp(status, "candidate"))
		return v2 ? "translated" : "needs-review-translation";
	if (status && !strcasecmp(status, "rejected"))
		return v2 ? "initial" : "needs-translation";
	return "translated";
}

static int tmx_tu(struct sv_io_writer *w, const struct sv_io_unit *u, const char *tuid)
{
	char score[32], created[24], date[24];
	const char *val[IO_P_N];
	int key[IO_P_N], rc = 0;
	int n = unit_props(u, val, key, score, created, 0);
	const char *txt[2] = { u->ru, u->bg };
	rc |= start(w, 2, "tu");
	rc |= attr(w, "tuid", tuid);
	if (u->created) {
		io_date_tmx(u->created, date);
		rc |= attr(w, "creationdate", date);
	}
	char type[32];
	for (int i = 0; i < n; i++) {
		snprintf(type, sizeof(type), "x-%s", io_prop_names[key[i]]);
		rc |= elem(w, 3, "prop", "type", type, val[i]);
	}
	if (u->note && *u->note)
		rc |= elem(w, 3, "note", NULL, NULL, u->note);
	for (int k = 0; k < 2; k++) {
		int l = k ? !w->src : w->src;
		rc |= start(w, 3, "tuv");
		rc |= attr(w, "xml:lang", w->lang[l]);
		rc |= start(w, -1, "seg");
		rc |= text(w, txt[l]);
		rc |= xmlTextWriterEndElement(w->x);
		rc |= xmlTextWriterEndElement(w->x);
	}
	rc |= end(w, 2);
	return rc;
}

static int xliff_unit(struct sv_io_writer *w, const struct sv_io_unit *u, const char *id)
{
	char score[32], created[24], nid[48];
	const char *val[IO_P_N];
	int key[IO_P_N], rc = 0, approved;
	int n = unit_props(u, val, key, score, created, 1);
	const char *src = w->src == SV_IO_RU ? u->ru : u->bg;
	const char *tgt = w->src == SV_IO_RU ? u->bg : u->ru;
	if (w->o.xliff_per_doc) {
		/* one <file> per document pair: original "RU_DOC + BG_DOC" */
		sv_buf_reset(&w->t2);
		const char *a = w->src == SV_IO_RU ? u->ru_doc : u->bg_doc;
		const char *b = w->src == SV_IO_RU ? u->bg_doc : u->ru_doc;
		sv_buf_adds(&w->t2, a && *a ? a : "-");
		sv_buf_adds(&w->t2, " + ");
		sv_buf_adds(&w->t2, b && *b ? b : "-");
		if (!w->file_open || strcmp(w->t2.data, w->doc.data)) {
			sv_buf_reset(&w->doc);
			sv_buf_add(&w->doc, w->t2.data, w->t2.len);
			if (w->file_open)
				rc |= xliff_file_close(w);
			rc |= xliff_file_open(w, w->doc.data);
		}
	}
	if (w->fmt == SV_IO_XLIFF) {
		const char *state = xliff_state(u->status, 0, &approved);
		rc |= start(w, 3, "trans-unit");
		rc |= attr(w, "id", id);
		if (approved)
			rc |= attr(w, "approved", "yes");
		rc |= attr(w, "xml:space", "preserve");
		rc |= elem(w, 4, "source", NULL, NULL, src);
		rc |= elem(w, 4, "target", "state", state, tgt);
		for (int i = 0; i < n; i++)
			rc |= elem(w, 4, "note", "from", io_prop_names[key[i]], val[i]);
		if (u->note && *u->note)
			rc |= elem(w, 4, "note", NULL, NULL, u->note);
		rc |= end(w, 3);
		return rc;
	}
	const char *state = xliff_state(u->status, 1, &approved);
	if (!io_is_ncname(id, 1)) {
		snprintf(nid, sizeof(nid), "u%lu", w->next_id);
		id = nid;
	}
	rc |= start(w, 2, "unit");
	rc |= attr(w, "id", id);
	if (n || (u->note && *u->note)) {
		rc |= start(w, 3, "notes");
		for (int i = 0; i < n; i++)
			rc |= elem(w, 4, "note", "category", io_prop_names[key[i]], val[i]);
		if (u->note && *u->note)
			rc |= elem(w, 4, "note", NULL, NULL, u->note);
		rc |= end(w, 3);
	}
	rc |= start(w, 3, "segment");
	rc |= attr(w, "state", state);
	rc |= elem(w, 4, "source", NULL, NULL, src);
	rc |= elem(w, 4, "target", NULL, NULL, tgt);
	rc |= end(w, 3);
	rc |= end(w, 2);
	return rc;
}

/* Appends s to w->t2 for a tab-separated line: NFC, tabs and newlines as spaces. */
static void tsv_field(struct sv_io_writer *w, const char *s)
{
	size_t from = w->t2.len;
	if (s)
		io_clean(s, strlen(s), &w->t2);
	for (size_t i = from; i < w->t2.len; i++)
		if (w->t2.data[i] == '\t' || w->t2.data[i] == '\n' || w->t2.data[i] == '\r')
			w->t2.data[i] = ' ';
}

static void csv_field(struct sv_io_writer *w, const char *s, int last)
{
	sv_buf_reset(&w->t);
	if (s)
		io_clean(s, strlen(s), &w->t);
	const char *p = w->t.data;
	int quote = w->t.len && (strpbrk(p, ",\"\r\n;") || p[0] == ' ' || p[w->t.len - 1] == ' ');
	if (quote) {
		sv_buf_addc(&w->t2, '"');
		for (; *p; p++) {
			if (*p == '"')
				sv_buf_addc(&w->t2, '"');
			sv_buf_addc(&w->t2, *p);
		}
		sv_buf_addc(&w->t2, '"');
	} else {
		sv_buf_add(&w->t2, w->t.data, w->t.len);
	}
	sv_buf_adds(&w->t2, last ? "\r\n" : ",");
}

static const char *const csv_unit_cols[] = {
	"id", "created", "ru_doc", "bg_doc", "outlet", "date", "score", "link", "method",
	"status", "origin", "note",
};

static int csv_header(struct sv_io_writer *w, enum csv_kind kind, struct sv_error *err)
{
	if (w->csv_kind == kind)
		return SV_OK;
	if (w->csv_kind != CSV_EMPTY)
		return fail(w, err, SV_EUSAGE, "'%s': a CSV file holds units or concepts, not both",
			    shown_path(w));
	w->csv_kind = kind;
	sv_buf_reset(&w->t2);
	csv_field(w, lang_src(w), 0);
	csv_field(w, lang_tgt(w), 0);
	if (kind == CSV_UNITS) {
		size_t n = sizeof(csv_unit_cols) / sizeof(csv_unit_cols[0]);
		for (size_t i = 0; i < n; i++)
			csv_field(w, csv_unit_cols[i], i + 1 == n);
	} else {
		csv_field(w, "concept", 0);
		csv_field(w, "note", 1);
	}
	fwrite(w->t2.data, 1, w->t2.len, w->f);
	return SV_OK;
}

static int text_unit(struct sv_io_writer *w, const struct sv_io_unit *u, const char *id,
		     struct sv_error *err)
{
	const char *src = w->src == SV_IO_RU ? u->ru : u->bg;
	const char *tgt = w->src == SV_IO_RU ? u->bg : u->ru;
	sv_buf_reset(&w->t2);
	if (w->fmt == SV_IO_TSV && w->o.tsv_aligned) {
		char score[32] = "";
		if (u->has_score)
			snprintf(score, sizeof(score), "%.4f", u->score);
		const char *v[] = { score, u->link, u->ru_doc, u->ru_lines, u->bg_doc, u->bg_lines,
				    u->ru, u->bg };
		for (size_t i = 0; i < 8; i++) {
			tsv_field(w, v[i]);
			sv_buf_addc(&w->t2, i < 7 ? '\t' : '\n');
		}
	} else if (w->fmt == SV_IO_TSV) {
		tsv_field(w, src);
		sv_buf_addc(&w->t2, '\t');
		tsv_field(w, tgt);
		sv_buf_addc(&w->t2, '\n');
	} else {
		if (csv_header(w, CSV_UNITS, err))
			return -1;
		char score[32], created[24];
		sv_buf_reset(&w->t2);
		csv_field(w, src, 0);
		csv_field(w, tgt, 0);
		csv_field(w, id, 0);
		if (u->created)
			io_date_iso(u->created, created);
		csv_field(w, u->created ? created : NULL, 0);
		const char *v[] = { u->ru_doc, u->bg_doc, u->outlet, u->date };
		for (size_t i = 0; i < 4; i++)
			csv_field(w, v[i], 0);
		if (u->has_score)
			io_score_str(u->score, score, sizeof(score));
		csv_field(w, u->has_score ? score : NULL, 0);
		csv_field(w, u->link, 0);
		csv_field(w, u->method, 0);
		csv_field(w, u->status, 0);
		csv_field(w, u->origin, 0);
		csv_field(w, u->note, 1);
	}
	return fwrite(w->t2.data, 1, w->t2.len, w->f) == w->t2.len ? 0 : -1;
}

int sv_io_write_unit(struct sv_io_writer *w, const struct sv_io_unit *u, struct sv_error *err)
{
	if (w->failed)
		return fail(w, err, w->ferr.code, "%s", w->ferr.msg);
	if (w->fmt == SV_IO_TBX || w->fmt == SV_IO_TBX3 || w->fmt == SV_IO_OMEGAT)
		return sv_error_set(err, SV_EUSAGE, "%s takes concepts, not translation units",
				    sv_io_format_name(w->fmt));
	if (!u->ru || !u->bg)
		return sv_error_set(err, SV_EUSAGE, "a unit needs both ru and bg text");
	int rc = split_point(w, err);
	if (rc)
		return rc;
	char idbuf[32];
	const char *id = unit_id(w, u->id, idbuf, sizeof(idbuf));
	if (w->fmt == SV_IO_TMX)
		rc = tmx_tu(w, u, id);
	else if (w->fmt == SV_IO_XLIFF || w->fmt == SV_IO_XLIFF2)
		rc = xliff_unit(w, u, id);
	else
		rc = text_unit(w, u, id, err);
	return item_written(w, rc, err);
}

/* ---- Concepts ------------------------------------------------------------ */

static const char *admn_sts(const struct sv_io_term *t)
{
	const char *s = t->status;
	if (s && (!strcasecmp(s, "forbidden") || !strcasecmp(s, "rejected")))
		return "deprecatedTerm-admn-sts";
	if (s && !strcasecmp(s, "deprecated"))
		return "supersededTerm-admn-sts";
	if (t->preferred && (!s || !strcasecmp(s, "approved")))
		return "preferredTerm-admn-sts";
	return "admittedTerm-admn-sts";
}

static int tbx_concept(struct sv_io_writer *w, const struct sv_io_concept *c, const char *id)
{
	int v3 = w->fmt == SV_IO_TBX3, rc = 0;
	char nid[48];
	if (!io_is_ncname(id, 0)) {
		snprintf(nid, sizeof(nid), "c%.40s", id);
		if (!io_is_ncname(nid, 0))
			snprintf(nid, sizeof(nid), "c%lu", w->next_id);
		id = nid;
	}
	rc |= start(w, 3, v3 ? "conceptEntry" : "termEntry");
	rc |= attr(w, "id", id);
	if (c->subject && *c->subject)
		rc |= elem(w, 4, "descrip", "type", "subjectField", c->subject);
	if (c->note && *c->note)
		rc |= elem(w, 4, "note", NULL, NULL, c->note);
	for (int k = 0; k < 2; k++) {
		enum sv_io_lang l = k ? !w->src : w->src;
		int open = 0;
		for (size_t i = 0; i < c->nterms; i++) {
			const struct sv_io_term *t = &c->terms[i];
			if (t->lang != l || !t->text || !*t->text)
				continue;
			if (!open) {
				rc |= start(w, 4, v3 ? "langSec" : "langSet");
				rc |= attr(w, "xml:lang", w->lang[l]);
				open = 1;
			}
			rc |= start(w, 5, v3 ? "termSec" : "tig");
			rc |= elem(w, 6, "term", NULL, NULL, t->text);
			const char *pos = io_pos_tbx(t->pos);
			if (pos)
				rc |= elem(w, 6, "termNote", "type", "partOfSpeech", pos);
			rc |= elem(w, 6, "termNote", "type", "administrativeStatus", admn_sts(t));
			if (t->context && *t->context)
				rc |= elem(w, 6, "descrip", "type", "context", t->context);
			if (t->note && *t->note)
				rc |= elem(w, 6, "note", NULL, NULL, t->note);
			rc |= end(w, 5);
		}
		if (open)
			rc |= end(w, 4);
	}
	rc |= end(w, 3);
	return rc;
}

static int pair_concept(struct sv_io_writer *w, const struct sv_io_concept *c, const char *cid,
			struct sv_error *err)
{
	enum sv_io_lang sl = w->src, tl = !w->src;
	unsigned long k = 0;
	if (w->fmt == SV_IO_CSV && csv_header(w, CSV_CONCEPTS, err))
		return -1;
	for (size_t i = 0; i < c->nterms; i++) {
		const struct sv_io_term *s = &c->terms[i];
		if (s->lang != sl || !s->text || !*s->text || io_term_excluded(s->status))
			continue;
		for (size_t j = 0; j < c->nterms; j++) {
			const struct sv_io_term *t = &c->terms[j];
			if (t->lang != tl || !t->text || !*t->text || io_term_excluded(t->status))
				continue;
			k++;
			if (w->fmt == SV_IO_TMX) {
				char tuid[96];
				snprintf(tuid, sizeof(tuid), "%.80s-%lu", cid, k);
				struct sv_io_unit u = { 0 };
				u.ru = sl == SV_IO_RU ? s->text : t->text;
				u.bg = sl == SV_IO_RU ? t->text : s->text;
				u.status = t->status;
				u.note = c->note;
				if (tmx_tu(w, &u, tuid) < 0)
					return -1;
				continue;
			}
			sv_buf_reset(&w->t2);
			if (w->fmt == SV_IO_CSV) {
				csv_field(w, s->text, 0);
				csv_field(w, t->text, 0);
				csv_field(w, cid, 0);
				csv_field(w, c->note, 1);
			} else {
				tsv_field(w, s->text);
				sv_buf_addc(&w->t2, '\t');
				tsv_field(w, t->text);
				if (c->note && *c->note) {
					sv_buf_addc(&w->t2, '\t');
					tsv_field(w, c->note);
				}
				sv_buf_addc(&w->t2, '\n');
			}
			if (fwrite(w->t2.data, 1, w->t2.len, w->f) != w->t2.len)
				return -1;
		}
	}
	return 0;
}

int sv_io_write_concept(struct sv_io_writer *w, const struct sv_io_concept *c,
			struct sv_error *err)
{
	if (w->failed)
		return fail(w, err, w->ferr.code, "%s", w->ferr.msg);
	if (w->fmt == SV_IO_XLIFF || w->fmt == SV_IO_XLIFF2 || w->fmt == SV_IO_TSV)
		return sv_error_set(err, SV_EUSAGE, "%s takes translation units, not concepts",
				    sv_io_format_name(w->fmt));
	char idbuf[32];
	w->next_id++;
	const char *id = c->id && *c->id ? c->id : (snprintf(idbuf, sizeof(idbuf), "c%lu",
							      w->next_id), idbuf);
	int have = 0;
	for (size_t i = 0; i < c->nterms; i++)
		if (c->terms[i].text && *c->terms[i].text)
			have = 1;
	if (!have)
		return SV_OK;
	int rc = split_point(w, err);
	if (rc)
		return rc;
	if (w->fmt == SV_IO_TBX || w->fmt == SV_IO_TBX3)
		rc = tbx_concept(w, c, id);
	else
		rc = pair_concept(w, c, id, err);
	return item_written(w, rc, err);
}
