/* The writers' shared machinery: files and split chunks, the XML helpers, and
 * sv_io_writer_*() dispatching to the format's struct io_format (write-tmx.c,
 * write-xliff.c, write-tbx.c, write-delim.c). Output goes to a temporary file
 * beside the target, renamed into place only when the whole document was
 * written (base/file.h). */
#include "io/write-int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

/* The operations of each format the writers take; NULL: not written. */
static const struct io_format *const formats[] = {
	[SV_IO_TMX] = &io_format_tmx,
	[SV_IO_XLIFF] = &io_format_xliff12,
	[SV_IO_XLIFF2] = &io_format_xliff2,
	[SV_IO_TBX] = &io_format_tbx2,
	[SV_IO_TBX3] = &io_format_tbx3,
	[SV_IO_OMEGAT] = &io_format_omegat,
	[SV_IO_CSV] = &io_format_csv,
	[SV_IO_TSV] = &io_format_tsv,
};

static const char spaces[] = "\n                    ";

int io_wr_fail(struct sv_io_writer *w, struct sv_error *err, int code, const char *fmt, ...)
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

const char *io_wr_path(const struct sv_io_writer *w)
{
	if (!w->path)
		return "-";
	if (w->nfiles)
		return w->files[w->nfiles - 1].path;
	return w->path;
}

int io_wr_need_items(struct sv_io_writer *w, struct sv_error *err, const char *what)
{
	if (w->count)
		return SV_OK;
	return io_wr_fail(w, err, SV_EINPUT,
			  "'%s': nothing to write (an empty %s file is not valid)", io_wr_path(w),
			  what);
}

/* ---- XML helpers: each returns < 0 on a libxml2 error ------------------ */

static int nl(struct sv_io_writer *w, int depth)
{
	return xmlTextWriterWriteRawLen(w->x, (const xmlChar *)spaces, 1 + 2 * depth);
}

int io_xml_start(struct sv_io_writer *w, int depth, const char *name)
{
	int rc = depth >= 0 ? nl(w, depth) : 0;
	if (rc < 0)
		return rc;
	return xmlTextWriterStartElement(w->x, (const xmlChar *)name);
}

int io_xml_end(struct sv_io_writer *w, int depth)
{
	int rc = depth >= 0 ? nl(w, depth) : 0;
	if (rc < 0)
		return rc;
	return xmlTextWriterEndElement(w->x);
}

int io_xml_attr(struct sv_io_writer *w, const char *name, const char *value)
{
	sv_buf_reset(&w->t);
	io_clean(value, strlen(value), &w->t);
	return xmlTextWriterWriteAttribute(w->x, (const xmlChar *)name, (const xmlChar *)w->t.data);
}

int io_xml_text(struct sv_io_writer *w, const char *s)
{
	sv_buf_reset(&w->t);
	io_clean(s, strlen(s), &w->t);
	if (!w->t.len)
		return 0;
	return xmlTextWriterWriteString(w->x, (const xmlChar *)w->t.data);
}

int io_xml_elem(struct sv_io_writer *w, int depth, const char *name, const char *aname,
		const char *aval, const char *s)
{
	if (io_xml_start(w, depth, name) < 0)
		return -1;
	if (aname && io_xml_attr(w, aname, aval) < 0)
		return -1;
	if (io_xml_text(w, s) < 0)
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
		return io_wr_fail(w, err, rc, "%s", e.msg);
	SV_GROW(w->files, w->capfiles, w->nfiles + 1);
	w->files[w->nfiles++] = file;
	w->f = file.f;
	return SV_OK;
}

static int write_prologue(struct sv_io_writer *w)
{
	if (xmlTextWriterStartDocument(w->x, NULL, "UTF-8", NULL) < 0)
		return -1;
	return w->ops->prologue ? w->ops->prologue(w) : 0;
}

static int write_epilogue(struct sv_io_writer *w)
{
	int rc = w->ops->epilogue ? w->ops->epilogue(w) : 0;
	rc |= xmlTextWriterEndDocument(w->x);
	return rc;
}

/* Fails the writer with "'<path>': write failed: <errno's message>". */
static int write_failed(struct sv_io_writer *w, struct sv_error *err)
{
	return io_wr_fail(w, err, SV_ESTORE, "'%s': write failed: %s", io_wr_path(w),
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
	if (w->ops->is_xml) {
		xmlOutputBufferPtr out = xmlOutputBufferCreateIO(xml_write, NULL, w->f, NULL);
		if (out)
			w->x = xmlNewTextWriter(out);
		if (!w->x || write_prologue(w) < 0)
			return io_wr_fail(w, err, SV_ESTORE, "'%s': cannot write XML",
					  io_wr_path(w));
	} else if (w->ops->prologue) {
		w->ops->prologue(w); /* a failed write shows in ferror() after the first item */
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
		io_wr_fail(w, err, e.code, "%s", e.msg);
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
	if ((unsigned)fmt >= sizeof(formats) / sizeof(formats[0]) || !formats[fmt]) {
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
	if (o.split && (!formats[fmt]->can_split || !path)) {
		sv_error_set(err, SV_EUSAGE, "splitting needs TMX written to a file");
		return NULL;
	}
	struct sv_io_writer *w = sv_calloc(1, sizeof(*w));
	w->fmt = fmt;
	w->ops = formats[fmt];
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
	if (!w->failed && w->ops->finish)
		w->ops->finish(w, err);
	chunk_end(w, err);
	if (w->failed) {
		rc = io_wr_fail(w, err, w->ferr.code, "%s", w->ferr.msg);
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

int io_wr_unit_props(const struct sv_io_unit *u, const char **val, int *key, char *score,
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

int sv_io_write_unit(struct sv_io_writer *w, const struct sv_io_unit *u, struct sv_error *err)
{
	if (w->failed)
		return io_wr_fail(w, err, w->ferr.code, "%s", w->ferr.msg);
	if (!w->ops->unit)
		return sv_error_set(err, SV_EUSAGE, "%s takes concepts, not translation units",
				    w->ops->name);
	if (!u->ru || !u->bg)
		return sv_error_set(err, SV_EUSAGE, "a unit needs both ru and bg text");
	int rc = split_point(w, err);
	if (rc)
		return rc;
	char idbuf[32];
	const char *id = unit_id(w, u->id, idbuf, sizeof(idbuf));
	rc = w->ops->unit(w, u, id, err);
	return item_written(w, rc, err);
}

/* ---- Concepts ------------------------------------------------------------ */

int io_wr_pairs(struct sv_io_writer *w, const struct sv_io_concept *c, const char *cid,
		int (*pair)(struct sv_io_writer *w, const struct sv_io_term *s,
			    const struct sv_io_term *t, const struct sv_io_concept *c,
			    const char *cid, unsigned long k))
{
	enum sv_io_lang sl = w->src, tl = !w->src;
	unsigned long k = 0;
	for (size_t i = 0; i < c->nterms; i++) {
		const struct sv_io_term *s = &c->terms[i];
		if (s->lang != sl || !s->text || !*s->text || io_term_excluded(s->status))
			continue;
		for (size_t j = 0; j < c->nterms; j++) {
			const struct sv_io_term *t = &c->terms[j];
			if (t->lang != tl || !t->text || !*t->text || io_term_excluded(t->status))
				continue;
			k++;
			if (pair(w, s, t, c, cid, k) < 0)
				return -1;
		}
	}
	return 0;
}

int sv_io_write_concept(struct sv_io_writer *w, const struct sv_io_concept *c,
			struct sv_error *err)
{
	if (w->failed)
		return io_wr_fail(w, err, w->ferr.code, "%s", w->ferr.msg);
	if (!w->ops->concept)
		return sv_error_set(err, SV_EUSAGE, "%s takes translation units, not concepts",
				    w->ops->name);
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
	rc = w->ops->concept(w, c, id, err);
	return item_written(w, rc, err);
}
