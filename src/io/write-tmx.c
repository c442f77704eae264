/* TMX 1.4b: translation units, and concepts as phrase units (one per ru/bg
 * term pair). */
#include "io/write-int.h"

#include <stdio.h>

static int tmx_prologue(struct sv_io_writer *w)
{
	char date[24];
	int rc = 0;
	io_date_tmx(w->o.now, date);
	rc |= io_xml_start(w, -1, "tmx");
	rc |= io_xml_attr(w, "version", "1.4");
	rc |= io_xml_start(w, 1, "header");
	rc |= io_xml_attr(w, "creationtool", "sverka");
	rc |= io_xml_attr(w, "creationtoolversion", w->version);
	rc |= io_xml_attr(w, "segtype", w->o.tmx_terms ? "phrase" : "sentence");
	rc |= io_xml_attr(w, "o-tmf", "sverka");
	rc |= io_xml_attr(w, "adminlang", "en");
	rc |= io_xml_attr(w, "srclang", io_wr_lang_src(w));
	rc |= io_xml_attr(w, "datatype", "plaintext");
	rc |= io_xml_attr(w, "creationdate", date);
	rc |= xmlTextWriterEndElement(w->x);
	rc |= io_xml_start(w, 1, "body");
	return rc;
}

static int tmx_epilogue(struct sv_io_writer *w)
{
	return io_xml_end(w, 0);
}

static int tmx_tu(struct sv_io_writer *w, const struct sv_io_unit *u, const char *tuid)
{
	char score[32], created[24], date[24];
	const char *val[IO_P_N];
	int key[IO_P_N], rc = 0;
	int n = io_wr_unit_props(u, val, key, score, created, 0);
	const char *txt[2] = { u->ru, u->bg };
	rc |= io_xml_start(w, 2, "tu");
	rc |= io_xml_attr(w, "tuid", tuid);
	if (u->created) {
		io_date_tmx(u->created, date);
		rc |= io_xml_attr(w, "creationdate", date);
	}
	char type[32];
	for (int i = 0; i < n; i++) {
		snprintf(type, sizeof(type), "x-%s", io_prop_names[key[i]]);
		rc |= io_xml_elem(w, 3, "prop", "type", type, val[i]);
	}
	if (u->note && *u->note)
		rc |= io_xml_elem(w, 3, "note", NULL, NULL, u->note);
	for (int k = 0; k < 2; k++) {
		int l = k ? !w->src : w->src;
		rc |= io_xml_start(w, 3, "tuv");
		rc |= io_xml_attr(w, "xml:lang", w->lang[l]);
		rc |= io_xml_start(w, -1, "seg");
		rc |= io_xml_text(w, txt[l]);
		rc |= xmlTextWriterEndElement(w->x);
		rc |= xmlTextWriterEndElement(w->x);
	}
	rc |= io_xml_end(w, 2);
	return rc;
}

static int tmx_unit(struct sv_io_writer *w, const struct sv_io_unit *u, const char *id,
		    struct sv_error *err)
{
	(void)err;
	return tmx_tu(w, u, id);
}

static int tmx_pair(struct sv_io_writer *w, const struct sv_io_term *s, const struct sv_io_term *t,
		    const struct sv_io_concept *c, const char *cid, unsigned long k)
{
	char tuid[96];
	snprintf(tuid, sizeof(tuid), "%.80s-%lu", cid, k);
	struct sv_io_unit u = { 0 };
	u.ru = w->src == SV_IO_RU ? s->text : t->text;
	u.bg = w->src == SV_IO_RU ? t->text : s->text;
	u.status = t->status;
	u.note = c->note;
	return tmx_tu(w, &u, tuid);
}

static int tmx_concept(struct sv_io_writer *w, const struct sv_io_concept *c, const char *id,
		       struct sv_error *err)
{
	(void)err;
	return io_wr_pairs(w, c, id, tmx_pair);
}

const struct io_format io_format_tmx = {
	.name = "tmx",
	.is_xml = 1,
	.can_split = 1,
	.prologue = tmx_prologue,
	.unit = tmx_unit,
	.concept = tmx_concept,
	.epilogue = tmx_epilogue,
};
