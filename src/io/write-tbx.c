/* TBX-Basic v2 (martif) and TBX v3 (ISO 30042:2019, DCA style): concepts. */
#include "io/write-int.h"

#include <stdio.h>
#include <strings.h>

static int tbx_prologue(struct sv_io_writer *w)
{
	char date[24];
	char lang2[3] = { io_wr_lang_src(w)[0], io_wr_lang_src(w)[1], 0 };
	int v3 = w->fmt == SV_IO_TBX3, rc = 0;
	io_date_tmx(w->o.now, date);
	rc |= io_xml_start(w, -1, v3 ? "tbx" : "martif");
	rc |= io_xml_attr(w, "type", "TBX-Basic");
	if (v3)
		rc |= io_xml_attr(w, "style", "dca");
	rc |= io_xml_attr(w, "xml:lang", lang2);
	if (v3)
		rc |= io_xml_attr(w, "xmlns", "urn:iso:std:iso:30042:ed-2");
	rc |= io_xml_start(w, 1, v3 ? "tbxHeader" : "martifHeader");
	rc |= io_xml_start(w, 2, "fileDesc");
	rc |= io_xml_start(w, 3, "sourceDesc");
	sv_buf_reset(&w->t2);
	sv_buf_addf(&w->t2, "sverka %s, %s", w->version, date);
	rc |= io_xml_elem(w, 4, "p", NULL, NULL, w->t2.data);
	rc |= io_xml_end(w, 3);
	rc |= io_xml_end(w, 2);
	if (!v3) {
		rc |= io_xml_start(w, 2, "encodingDesc");
		rc |= io_xml_elem(w, 3, "p", "type", "XCSURI", "TBXBasicXCSV02.xcs");
		rc |= io_xml_end(w, 2);
	}
	rc |= io_xml_end(w, 1);
	rc |= io_xml_start(w, 1, "text");
	rc |= io_xml_start(w, 2, "body");
	return rc;
}

static int tbx_epilogue(struct sv_io_writer *w)
{
	int rc = 0;
	rc |= io_xml_end(w, 2);
	rc |= io_xml_end(w, 1);
	rc |= io_xml_end(w, 0);
	return rc;
}

static int tbx_finish(struct sv_io_writer *w, struct sv_error *err)
{
	return io_wr_need_items(w, err, "TBX");
}

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

static int tbx_concept(struct sv_io_writer *w, const struct sv_io_concept *c, const char *id,
		       struct sv_error *err)
{
	int v3 = w->fmt == SV_IO_TBX3, rc = 0;
	char nid[48];
	(void)err;
	if (!io_is_ncname(id, 0)) {
		snprintf(nid, sizeof(nid), "c%.40s", id);
		if (!io_is_ncname(nid, 0))
			snprintf(nid, sizeof(nid), "c%lu", w->next_id);
		id = nid;
	}
	rc |= io_xml_start(w, 3, v3 ? "conceptEntry" : "termEntry");
	rc |= io_xml_attr(w, "id", id);
	if (c->subject && *c->subject)
		rc |= io_xml_elem(w, 4, "descrip", "type", "subjectField", c->subject);
	if (c->note && *c->note)
		rc |= io_xml_elem(w, 4, "note", NULL, NULL, c->note);
	for (int k = 0; k < 2; k++) {
		enum sv_io_lang l = k ? !w->src : w->src;
		int open = 0;
		for (size_t i = 0; i < c->nterms; i++) {
			const struct sv_io_term *t = &c->terms[i];
			if (t->lang != l || !t->text || !*t->text)
				continue;
			if (!open) {
				rc |= io_xml_start(w, 4, v3 ? "langSec" : "langSet");
				rc |= io_xml_attr(w, "xml:lang", w->lang[l]);
				open = 1;
			}
			rc |= io_xml_start(w, 5, v3 ? "termSec" : "tig");
			rc |= io_xml_elem(w, 6, "term", NULL, NULL, t->text);
			const char *pos = io_pos_tbx(t->pos);
			if (pos)
				rc |= io_xml_elem(w, 6, "termNote", "type", "partOfSpeech", pos);
			rc |= io_xml_elem(w, 6, "termNote", "type", "administrativeStatus",
					  admn_sts(t));
			if (t->context && *t->context)
				rc |= io_xml_elem(w, 6, "descrip", "type", "context", t->context);
			if (t->note && *t->note)
				rc |= io_xml_elem(w, 6, "note", NULL, NULL, t->note);
			rc |= io_xml_end(w, 5);
		}
		if (open)
			rc |= io_xml_end(w, 4);
	}
	rc |= io_xml_end(w, 3);
	return rc;
}

const struct io_format io_format_tbx2 = {
	.name = "tbx",
	.is_xml = 1,
	.prologue = tbx_prologue,
	.concept = tbx_concept,
	.finish = tbx_finish,
	.epilogue = tbx_epilogue,
};

const struct io_format io_format_tbx3 = {
	.name = "tbx3",
	.is_xml = 1,
	.prologue = tbx_prologue,
	.concept = tbx_concept,
	.finish = tbx_finish,
	.epilogue = tbx_epilogue,
};
