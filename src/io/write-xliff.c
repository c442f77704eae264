/* XLIFF 1.2 and XLIFF 2.0 / 2.1: translation units, one <file> in all or one
 * per document pair. */
#include "io/write-int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Opens an XLIFF <file>; original NULL: the options' or "sverka". */
static int xliff_file_open(struct sv_io_writer *w, const char *original)
{
	int rc = 0;
	char id[32];
	if (!original)
		original = w->o.original ? w->o.original : "sverka";
	w->nfile++;
	w->file_open = 1;
	rc |= io_xml_start(w, 1, "file");
	if (w->fmt == SV_IO_XLIFF2) {
		snprintf(id, sizeof(id), "f%lu", w->nfile);
		rc |= io_xml_attr(w, "id", id);
		rc |= io_xml_attr(w, "original", original);
		return rc;
	}
	rc |= io_xml_attr(w, "original", original);
	rc |= io_xml_attr(w, "source-language", io_wr_lang_src(w));
	rc |= io_xml_attr(w, "target-language", io_wr_lang_tgt(w));
	rc |= io_xml_attr(w, "datatype", "plaintext");
	rc |= io_xml_start(w, 2, "header");
	rc |= io_xml_start(w, 3, "tool");
	rc |= io_xml_attr(w, "tool-id", "sverka");
	rc |= io_xml_attr(w, "tool-name", "sverka");
	rc |= io_xml_attr(w, "tool-version", w->version);
	rc |= xmlTextWriterEndElement(w->x);
	rc |= io_xml_end(w, 2);
	rc |= io_xml_start(w, 2, "body");
	return rc;
}

static int xliff_file_close(struct sv_io_writer *w)
{
	int rc = 0;
	if (w->fmt == SV_IO_XLIFF)
		rc |= io_xml_end(w, 2); /* body */
	rc |= io_xml_end(w, 1);
	w->file_open = 0;
	return rc;
}

static int xliff12_prologue(struct sv_io_writer *w)
{
	int rc = 0;
	rc |= io_xml_start(w, -1, "xliff");
	rc |= io_xml_attr(w, "version", "1.2");
	rc |= io_xml_attr(w, "xmlns", "urn:oasis:names:tc:xliff:document:1.2");
	if (!w->o.xliff_per_doc)
		rc |= xliff_file_open(w, NULL);
	return rc;
}

static int xliff2_prologue(struct sv_io_writer *w)
{
	int rc = 0;
	rc |= io_xml_start(w, -1, "xliff");
	rc |= io_xml_attr(w, "xmlns", "urn:oasis:names:tc:xliff:document:2.0");
	rc |= io_xml_attr(w, "version", w->o.xliff_version == 20 ? "2.0" : "2.1");
	rc |= io_xml_attr(w, "srcLang", io_wr_lang_src(w));
	rc |= io_xml_attr(w, "trgLang", io_wr_lang_tgt(w));
	if (!w->o.xliff_per_doc)
		rc |= xliff_file_open(w, NULL);
	return rc;
}

static int xliff_epilogue(struct sv_io_writer *w)
{
	int rc = 0;
	if (w->file_open)
		rc |= xliff_file_close(w);
	rc |= io_xml_end(w, 0);
	return rc;
}

static int xliff12_finish(struct sv_io_writer *w, struct sv_error *err)
{
	return w->o.xliff_per_doc ? io_wr_need_items(w, err, "XLIFF") : SV_OK;
}

static int xliff2_finish(struct sv_io_writer *w, struct sv_error *err)
{
	return io_wr_need_items(w, err, "XLIFF 2");
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

/* With o.xliff_per_doc, opens the <file> of u's document pair ("RU_DOC + BG_DOC")
 * unless it is the open one. */
static int xliff_doc_file(struct sv_io_writer *w, const struct sv_io_unit *u)
{
	int rc = 0;
	if (!w->o.xliff_per_doc)
		return 0;
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
	return rc;
}

static int xliff12_unit(struct sv_io_writer *w, const struct sv_io_unit *u, const char *id,
			struct sv_error *err)
{
	char score[32], created[24];
	const char *val[IO_P_N];
	int key[IO_P_N], rc = 0, approved;
	int n = io_wr_unit_props(u, val, key, score, created, 1);
	const char *src = w->src == SV_IO_RU ? u->ru : u->bg;
	const char *tgt = w->src == SV_IO_RU ? u->bg : u->ru;
	(void)err;
	rc |= xliff_doc_file(w, u);
	const char *state = xliff_state(u->status, 0, &approved);
	rc |= io_xml_start(w, 3, "trans-unit");
	rc |= io_xml_attr(w, "id", id);
	if (approved)
		rc |= io_xml_attr(w, "approved", "yes");
	rc |= io_xml_attr(w, "xml:space", "preserve");
	rc |= io_xml_elem(w, 4, "source", NULL, NULL, src);
	rc |= io_xml_elem(w, 4, "target", "state", state, tgt);
	for (int i = 0; i < n; i++)
		rc |= io_xml_elem(w, 4, "note", "from", io_prop_names[key[i]], val[i]);
	if (u->note && *u->note)
		rc |= io_xml_elem(w, 4, "note", NULL, NULL, u->note);
	rc |= io_xml_end(w, 3);
	return rc;
}

static int xliff2_unit(struct sv_io_writer *w, const struct sv_io_unit *u, const char *id,
		       struct sv_error *err)
{
	char score[32], created[24], nid[48];
	const char *val[IO_P_N];
	int key[IO_P_N], rc = 0, approved;
	int n = io_wr_unit_props(u, val, key, score, created, 1);
	const char *src = w->src == SV_IO_RU ? u->ru : u->bg;
	const char *tgt = w->src == SV_IO_RU ? u->bg : u->ru;
	(void)err;
	rc |= xliff_doc_file(w, u);
	const char *state = xliff_state(u->status, 1, &approved);
	if (!io_is_ncname(id, 1)) {
		snprintf(nid, sizeof(nid), "u%lu", w->next_id);
		id = nid;
	}
	rc |= io_xml_start(w, 2, "unit");
	rc |= io_xml_attr(w, "id", id);
	if (n || (u->note && *u->note)) {
		rc |= io_xml_start(w, 3, "notes");
		for (int i = 0; i < n; i++)
			rc |= io_xml_elem(w, 4, "note", "category", io_prop_names[key[i]], val[i]);
		if (u->note && *u->note)
			rc |= io_xml_elem(w, 4, "note", NULL, NULL, u->note);
		rc |= io_xml_end(w, 3);
	}
	rc |= io_xml_start(w, 3, "segment");
	rc |= io_xml_attr(w, "state", state);
	rc |= io_xml_elem(w, 4, "source", NULL, NULL, src);
	rc |= io_xml_elem(w, 4, "target", NULL, NULL, tgt);
	rc |= io_xml_end(w, 3);
	rc |= io_xml_end(w, 2);
	return rc;
}

const struct io_format io_format_xliff12 = {
	.name = "xliff",
	.is_xml = 1,
	.prologue = xliff12_prologue,
	.unit = xliff12_unit,
	.finish = xliff12_finish,
	.epilogue = xliff_epilogue,
};

const struct io_format io_format_xliff2 = {
	.name = "xliff2",
	.is_xml = 1,
	.prologue = xliff2_prologue,
	.unit = xliff2_unit,
	.finish = xliff2_finish,
	.epilogue = xliff_epilogue,
};
