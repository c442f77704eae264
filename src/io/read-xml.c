/* Streaming XML readers (libxml2 xmlTextReader) for TMX, XLIFF 1.2, XLIFF 2.x
 * and TBX v2/v3. No network, no DTD loading, no entity expansion: a document
 * declaring or referencing an entity is refused. */
#include "io/io-int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>

#include "base/utf8.h"

enum { N_ELEMENT = 1, N_TEXT = 3, N_CDATA = 4, N_ENTREF = 5, N_DOCTYPE = 10, N_WS = 13,
       N_SWS = 14, N_END = 15 };

struct rterm {
	enum sv_io_lang lang;
	struct sv_buf text, pos, ctx, note;
	const char *status;
	int preferred;
};

struct xr {
	struct io_rd *rd;
	xmlTextReaderPtr x;
	enum sv_io_format fmt;
	int xerr;               /* libxml2 reported an error */
	char emsg[512];
	unsigned long eline, ecol;
	int fail;               /* an error was set in rd->err */
	struct sv_buf tmp;

	/* the unit being read */
	int in_unit;
	unsigned long line;
	struct sv_buf text[2], id, note, created, prop[IO_P_N];
	struct sv_buf codes[2];  /* inline codes of text[] (see sv_io_unit.ru_codes) */
	int have[2], hasprop[IO_P_N];
	enum io_lang tuv_lang;
	char state[64];
	int approved, has_state, has_target;
	int src_slot, tgt_slot;  /* XLIFF: slot of the source / target language, -1: none */
	int skip_file;           /* XLIFF 1.2: this <file> pairs other languages */
	int warned_langs;

	/* the concept being read (TBX) */
	int in_concept;
	enum io_lang cur_lang;
	struct rterm *terms;
	size_t nterms, capterms, initterms; /* initterms: entries with initialised bufs */
	int in_term;             /* index + 1 of the open term, 0: none */
	struct sv_buf cid, cnote, csubject;

	/* closing codes still due for the paired inline elements open in the
	 * text being collected, innermost last */
	struct open_code {
		int depth;
		char *code;      /* owned; the closing code is "/" code */
	} *open;
	size_t nopen, capopen;
};

static void on_error(void *arg, xmlErrorPtr e)
{
	struct xr *xr = arg;
	if (!e)
		return;
	char msg[512];
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "XML error");
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (e->level != XML_ERR_FATAL) {
		io_warn(xr->rd, (unsigned long)e->line, (unsigned long)e->int2, "%s", msg);
		return;
	}
	if (!xr->xerr) {
		xr->xerr = 1;
		memcpy(xr->emsg, msg, sizeof(msg));
		xr->eline = e->line > 0 ? (unsigned long)e->line : 0;
		xr->ecol = e->int2 > 0 ? (unsigned long)e->int2 : 0;
	}
}

static int io_fread(void *ctx, char *buf, int len)
{
	FILE *f = ctx;
	size_t n = fread(buf, 1, (size_t)len, f);
	if (!n && ferror(f))
		return -1;
	return (int)n;
}

static int io_noclose(void *ctx)
{
	return 0;
}

static unsigned long node_line(struct xr *xr)
{
	xmlNodePtr n = xmlTextReaderCurrentNode(xr->x);
	long l = n ? xmlGetLineNo(n) : -1;
	return l > 0 ? (unsigned long)l : (unsigned long)xmlTextReaderGetParserLineNumber(xr->x);
}

/* Sets rd->err from what libxml2 reported (or a generic message). */
static int xml_failed(struct xr *xr)
{
	if (xr->fail || xr->rd->stopped)
		return xr->rd->err->code;
	xr->fail = 1;
	if (xr->xerr)
		return sv_error_set(xr->rd->err, SV_EINPUT, "'%s': line %lu, column %lu: %s",
				    xr->rd->path, xr->eline, xr->ecol, xr->emsg);
	return sv_error_set(xr->rd->err, SV_EINPUT, "'%s': line %d: XML error", xr->rd->path,
			    xmlTextReaderGetParserLineNumber(xr->x));
}

static int refuse_entity(struct xr *xr)
{
	xr->fail = 1;
	return sv_error_set(xr->rd->err, SV_EINPUT,
			    "'%s': line %lu: entity reference refused (entities are not expanded)",
			    xr->rd->path, node_line(xr));
}

static const char *lname(struct xr *xr)
{
	const xmlChar *n = xmlTextReaderConstLocalName(xr->x);
	return n ? (const char *)n : "";
}

/* Moves the reader onto the current element's attribute with local name
 * `name` (xml:lang and lang both match "lang") and returns its value ("" when
 * it has none), borrowed until the reader moves; NULL when absent. The
 * caller moves back with xmlTextReaderMoveToElement(). */
static const char *attr_seek(struct xr *xr, const char *name)
{
	if (xmlTextReaderMoveToFirstAttribute(xr->x) != 1)
		return NULL;
	do {
		const char *ln = (const char *)xmlTextReaderConstLocalName(xr->x);
		if (ln && !strcmp(ln, name)) {
			const char *v = (const char *)xmlTextReaderConstValue(xr->x);
			return v ? v : "";
		}
	} while (xmlTextReaderMoveToNextAttribute(xr->x) == 1);
	return NULL;
}

/* Value of the current element's attribute `name` (as attr_seek()), copied
 * into buf; NULL when absent. */
static const char *attr(struct xr *xr, const char *name, char *buf, size_t size)
{
	const char *v = attr_seek(xr, name);
	if (v)
		snprintf(buf, size, "%s", v);
	xmlTextReaderMoveToElement(xr->x);
	return v ? buf : NULL;
}

/* Attribute into an sv_buf (for unbounded values such as ids), replacing
 * its content; out is left alone and 0 returned when absent. */
static int attr_buf(struct xr *xr, const char *name, struct sv_buf *out)
{
	const char *v = attr_seek(xr, name);
	if (v) {
		sv_buf_reset(out);
		sv_buf_adds(out, v);
	}
	xmlTextReaderMoveToElement(xr->x);
	return v != NULL;
}

/* Inline elements whose content is native code, not text. */
static int is_code(const char *n)
{
	return !strcmp(n, "bpt") || !strcmp(n, "ept") || !strcmp(n, "ph") || !strcmp(n, "it") ||
	       !strcmp(n, "ut") || !strcmp(n, "sub") || !strcmp(n, "originalData");
}

/* Moves past the end of the current element. 0 ok, -1 on error. */
static int skip(struct xr *xr)
{
	if (xmlTextReaderIsEmptyElement(xr->x))
		return 0;
	int depth = xmlTextReaderDepth(xr->x);
	for (;;) {
		if (xmlTextReaderRead(xr->x) != 1)
			return -1;
		int t = xmlTextReaderNodeType(xr->x);
		if (t == N_ENTREF) {
			refuse_entity(xr);
			return -1;
		}
		if (t == N_END && xmlTextReaderDepth(xr->x) == depth)
			return 0;
	}
}

/* Inline elements whose codes a text carries: check/read.c's list. */
static int is_inline(enum sv_io_format fmt, const char *n)
{
	if (fmt == SV_IO_XLIFF2)
		return !strcmp(n, "pc") || !strcmp(n, "ph") || !strcmp(n, "sc") ||
		       !strcmp(n, "ec") || !strcmp(n, "mrk") || !strcmp(n, "sm") ||
		       !strcmp(n, "em");
	if (fmt == SV_IO_TMX)
		return !strcmp(n, "bpt") || !strcmp(n, "ept") || !strcmp(n, "ph") ||
		       !strcmp(n, "it") || !strcmp(n, "hi") || !strcmp(n, "ut");
	return !strcmp(n, "g") || !strcmp(n, "x") || !strcmp(n, "bx") || !strcmp(n, "ex") ||
	       !strcmp(n, "ph") || !strcmp(n, "bpt") || !strcmp(n, "ept") || !strcmp(n, "it") ||
	       !strcmp(n, "mrk");
}

/* Inline elements with text content whose end is a code of its own. */
static int is_paired(const char *n)
{
	return !strcmp(n, "g") || !strcmp(n, "pc") || !strcmp(n, "hi") || !strcmp(n, "mrk");
}

/* Appends to codes the code of the inline element n the reader is on: its
 * name and id ("g1", "x2"; <ec>/<em> by startRef first; <it> with ":pos").
 * Returns the offset of the code in codes. */
static size_t add_code(struct xr *xr, const char *n, struct sv_buf *codes)
{
	static const char *const id_attrs[] = { "id", "rid", "i", "x", "startRef", "mid", NULL };
	struct sv_buf id = SV_BUF_INIT;
	int has_id = 0;
	if (!strcmp(n, "ec") || !strcmp(n, "em"))
		has_id = attr_buf(xr, "startRef", &id) || attr_buf(xr, "id", &id);
	for (int k = 0; id_attrs[k] && !has_id; k++)
		has_id = attr_buf(xr, id_attrs[k], &id);
	char pos[64];
	const char *p = !strcmp(n, "it") ? attr(xr, "pos", pos, sizeof(pos)) : NULL;
	if (codes->len)
		sv_buf_addc(codes, ' ');
	size_t at = codes->len;
	sv_buf_addf(codes, "%s%s%s%s", n, id.data, p ? ":" : "", p ? p : "");
	sv_buf_release(&id);
	return at;
}

/* The inline element n the reader is on, met while collecting a text, into
 * codes: XLIFF 1.2 <mrk mtype="seg"> marks segmentation, not a code. */
static void code_begin(struct xr *xr, const char *n, struct sv_buf *codes)
{
	char mtype[16];
	if (!is_inline(xr->fmt, n))
		return;
	if (xr->fmt == SV_IO_XLIFF && !strcmp(n, "mrk") &&
	    attr(xr, "mtype", mtype, sizeof(mtype)) && !strcmp(mtype, "seg"))
		return;
	size_t at = add_code(xr, n, codes);
	if (xmlTextReaderIsEmptyElement(xr->x) || !is_paired(n))
		return;
	SV_GROW(xr->open, xr->capopen, xr->nopen + 1);
	xr->open[xr->nopen].depth = xmlTextReaderDepth(xr->x);
	xr->open[xr->nopen++].code = sv_strdup(codes->data + at);
}

/* An end tag met while collecting: the closing code of a paired element. */
static void code_end(struct xr *xr, struct sv_buf *codes)
{
	if (!xr->nopen || xr->open[xr->nopen - 1].depth != xmlTextReaderDepth(xr->x))
		return;
	char *code = xr->open[--xr->nopen].code;
	if (codes->len)
		sv_buf_addc(codes, ' ');
	sv_buf_addf(codes, "/%s", code);
	free(code);
}

static void codes_drop_open(struct xr *xr)
{
	while (xr->nopen)
		free(xr->open[--xr->nopen].code);
}

/* Appends the text of the current element to out (inline codes skipped,
 * XLIFF 2 <cp hex> decoded), and its inline codes to codes unless NULL,
 * leaving the reader on its end tag. */
static int collect_codes(struct xr *xr, struct sv_buf *out, struct sv_buf *codes)
{
	if (xmlTextReaderIsEmptyElement(xr->x))
		return 0;
	int depth = xmlTextReaderDepth(xr->x);
	codes_drop_open(xr);
	for (;;) {
		if (xmlTextReaderRead(xr->x) != 1)
			return -1;
		int t = xmlTextReaderNodeType(xr->x);
		switch (t) {
		case N_TEXT:
		case N_CDATA:
		case N_WS:
		case N_SWS: {
			const char *v = (const char *)xmlTextReaderConstValue(xr->x);
			if (v)
				sv_buf_adds(out, v);
			break;
		}
		case N_ELEMENT: {
			const char *n = lname(xr);
			if (!strcmp(n, "cp")) {
				char hex[16];
				if (attr(xr, "hex", hex, sizeof(hex))) {
					unsigned long cp = strtoul(hex, NULL, 16);
					if ((cp == 9 || cp == 10 || cp == 13 || (cp >= 0x20 && cp < 0xD800) ||
					     (cp >= 0xE000 && cp <= 0x10FFFF)) && cp != 0xFFFE && cp != 0xFFFF)
						sv_buf_add_cp(out, (unsigned)cp);
				}
				if (skip(xr))
					return -1;
			} else {
				if (codes)
					code_begin(xr, n, codes);
				if (is_code(n) && skip(xr))
					return -1;
			}
			break;
		}
		case N_ENTREF:
			refuse_entity(xr);
			return -1;
		case N_END:
			if (xmlTextReaderDepth(xr->x) == depth)
				return 0;
			if (codes)
				code_end(xr, codes);
			break;
		default:
			break;
		}
	}
}

/* collect_codes() without the codes. */
static int collect(struct xr *xr, struct sv_buf *out)
{
	return collect_codes(xr, out, NULL);
}

static int slot_of(struct xr *xr, enum io_lang l)
{
	if (l == IO_L_NONE)
		return -1;
	if (l == xr->rd->want[0])
		return 0;
	if (l == xr->rd->want[1])
		return 1;
	return -1;
}

static enum io_lang lang_attr(struct xr *xr)
{
	char buf[64];
	const char *v = attr(xr, "lang", buf, sizeof(buf));
	return v ? io_lang_parse(v, strlen(v)) : IO_L_NONE;
}

/* ---- Units ----------------------------------------------------------------- */

/* Starts a unit at the current element, its id from the attribute id_attr. */
static void unit_begin(struct xr *xr, const char *id_attr)
{
	xr->in_unit = 1;
	xr->line = node_line(xr);
	for (int k = 0; k < 2; k++) {
		sv_buf_reset(&xr->text[k]);
		sv_buf_reset(&xr->codes[k]);
		xr->have[k] = 0;
	}
	sv_buf_reset(&xr->id);
	sv_buf_reset(&xr->note);
	sv_buf_reset(&xr->created);
	for (int i = 0; i < IO_P_N; i++) {
		sv_buf_reset(&xr->prop[i]);
		xr->hasprop[i] = 0;
	}
	xr->tuv_lang = IO_L_NONE;
	xr->state[0] = '\0';
	xr->approved = xr->has_state = xr->has_target = 0;
	attr_buf(xr, id_attr, &xr->id);
}

static const char *want_name(struct xr *xr, int k)
{
	switch (xr->rd->want[k]) {
	case IO_L_RU: return "ru";
	case IO_L_BG: return "bg";
	case IO_L_EN: return "en";
	default: return "?";
	}
}

static const char *unit_kind(struct xr *xr)
{
	return xr->fmt == SV_IO_TMX ? "tu" : xr->fmt == SV_IO_XLIFF ? "trans-unit" : "unit";
}

/* Status from an XLIFF state when the file carries no sverka status note. */
static const char *status_from_state(struct xr *xr)
{
	const char *s = xr->state;
	if (xr->approved || !strcmp(s, "signed-off") || !strcmp(s, "final") ||
	    !strcmp(s, "reviewed"))
		return "approved";
	if (!strncmp(s, "needs-", 6) || !strcmp(s, "initial") || !strcmp(s, "new"))
		return "candidate";
	return NULL;
}

static int unit_end(struct xr *xr)
{
	xr->in_unit = 0;
	const char *id = xr->id.len ? xr->id.data : "";
	for (int k = 0; k < 2; k++) {
		if (!xr->have[k] || !xr->text[k].len) {
			xr->rd->skipped++;
			io_warn(xr->rd, xr->line, 0, "%s%s%s%s has no %s text; skipped", unit_kind(xr),
				*id ? " '" : "", id, *id ? "'" : "", want_name(xr, k));
			return 0;
		}
	}
	struct sv_buf nfc[2] = { SV_BUF_INIT, SV_BUF_INIT };
	for (int k = 0; k < 2; k++)
		io_nfc(xr->text[k].data, xr->text[k].len, &nfc[k]);
	struct sv_io_unit u = { 0 };
	u.ru = nfc[0].data;
	u.bg = nfc[1].data;
	u.ru_codes = xr->codes[0].len ? xr->codes[0].data : NULL;
	u.bg_codes = xr->codes[1].len ? xr->codes[1].data : NULL;
	u.id = xr->id.len ? xr->id.data : NULL;
	u.created = io_date_parse(xr->created.len ? xr->created.data :
				  xr->hasprop[IO_P_CREATED] ? xr->prop[IO_P_CREATED].data : NULL);
	const char **dst[IO_P_N] = {
		&u.ru_doc, &u.bg_doc, &u.outlet, &u.date, NULL, &u.link, &u.method, &u.status,
		&u.origin, NULL,
	};
	for (int i = 0; i < IO_P_N; i++)
		if (dst[i] && xr->hasprop[i])
			*dst[i] = xr->prop[i].data;
	if (xr->hasprop[IO_P_SCORE]) {
		char *end;
		double v = strtod(xr->prop[IO_P_SCORE].data, &end);
		if (end != xr->prop[IO_P_SCORE].data) {
			u.has_score = 1;
			u.score = v;
		}
	}
	if (!u.status && xr->fmt != SV_IO_TMX)
		u.status = status_from_state(xr);
	u.note = xr->note.len ? xr->note.data : NULL;
	int stop = io_emit_unit(xr->rd, &u);
	sv_buf_release(&nfc[0]);
	sv_buf_release(&nfc[1]);
	return stop;
}

/* Called when a unit's element has begun: an empty one (<tu/>) ends the unit
 * at once, with unit_end()'s answer; else 0. */
static int unit_opened(struct xr *xr)
{
	return xmlTextReaderIsEmptyElement(xr->x) ? unit_end(xr) : 0;
}

/* Takes the current element's state attribute, when it has one, as the
 * unit's XLIFF state; returns whether it had one. */
static int unit_state(struct xr *xr)
{
	char buf[64];
	if (!attr(xr, "state", buf, sizeof(buf)))
		return 0;
	snprintf(xr->state, sizeof(xr->state), "%s", buf);
	return 1;
}

/* A <prop>/<note> inside a unit: provenance when key names one, else note. */
static int unit_note(struct xr *xr, const char *key)
{
	int p = io_prop_find(key);
	sv_buf_reset(&xr->tmp);
	if (collect(xr, &xr->tmp))
		return -1;
	if (p >= 0) {
		if (!xr->hasprop[p]) {
			sv_buf_add(&xr->prop[p], xr->tmp.data, xr->tmp.len);
			xr->hasprop[p] = 1;
		}
		return 0;
	}
	if (key && xr->fmt == SV_IO_TMX)
		return 0; /* another tool's prop */
	if (xr->note.len)
		sv_buf_addc(&xr->note, '\n');
	sv_buf_add(&xr->note, xr->tmp.data, xr->tmp.len);
	return 0;
}

/* Collects into slot k (first occurrence only), else discards. */
static int unit_text(struct xr *xr, int k, int append)
{
	if (k < 0 || (xr->have[k] && !append)) {
		sv_buf_reset(&xr->tmp);
		return collect(xr, &xr->tmp);
	}
	xr->have[k] = 1;
	return collect_codes(xr, &xr->text[k], &xr->codes[k]);
}

static void xliff_langs(struct xr *xr, const char *sattr, const char *tattr, const char *where)
{
	char s[64], t[64];
	const char *sl = attr(xr, sattr, s, sizeof(s));
	const char *tl = attr(xr, tattr, t, sizeof(t));
	xr->src_slot = slot_of(xr, sl ? io_lang_parse(sl, strlen(sl)) : IO_L_NONE);
	xr->tgt_slot = slot_of(xr, tl ? io_lang_parse(tl, strlen(tl)) : IO_L_NONE);
	if (!tl && xr->src_slot >= 0) {
		/* po2xliff and others leave the target language out */
		xr->tgt_slot = !xr->src_slot;
		if (!xr->warned_langs) {
			xr->warned_langs = 1;
			io_warn(xr->rd, node_line(xr), 0, "%s names no target language; %s assumed",
				where, want_name(xr, xr->tgt_slot));
		}
	}
	xr->skip_file = xr->src_slot < 0 || xr->tgt_slot < 0 || xr->src_slot == xr->tgt_slot;
	if (xr->skip_file && !xr->warned_langs) {
		xr->warned_langs = 1;
		io_warn(xr->rd, node_line(xr), 0, "%s pairs '%s' with '%s', not %s and %s; skipped",
			where, sl ? sl : "", tl ? tl : "", want_name(xr, 0), want_name(xr, 1));
	}
}

static int on_tmx(struct xr *xr, const char *n)
{
	char buf[64];
	if (!strcmp(n, "tu")) {
		unit_begin(xr, "tuid");
		attr_buf(xr, "creationdate", &xr->created);
		return unit_opened(xr);
	}
	if (!xr->in_unit)
		return 0;
	if (!strcmp(n, "prop"))
		return unit_note(xr, attr(xr, "type", buf, sizeof(buf)) ? buf : "");
	if (!strcmp(n, "note"))
		return unit_note(xr, NULL);
	if (!strcmp(n, "tuv")) {
		xr->tuv_lang = lang_attr(xr);
		return 0;
	}
	if (!strcmp(n, "seg"))
		return unit_text(xr, slot_of(xr, xr->tuv_lang), 0);
	return 0;
}

static int on_xliff(struct xr *xr, const char *n)
{
	char buf[64];
	if (!strcmp(n, "file")) {
		xliff_langs(xr, "source-language", "target-language", "file");
		return 0;
	}
	if (!strcmp(n, "trans-unit")) {
		if (xr->skip_file)
			return skip(xr);
		unit_begin(xr, "id");
		xr->approved = attr(xr, "approved", buf, sizeof(buf)) && !strcmp(buf, "yes");
		return unit_opened(xr);
	}
	if (!strcmp(n, "bin-unit") || !strcmp(n, "alt-trans") || !strcmp(n, "seg-source"))
		return skip(xr);
	if (!xr->in_unit)
		return 0;
	if (!strcmp(n, "source"))
		return unit_text(xr, xr->src_slot, 0);
	if (!strcmp(n, "target")) {
		unit_state(xr);
		return unit_text(xr, xr->tgt_slot, 0);
	}
	if (!strcmp(n, "note"))
		return unit_note(xr, attr(xr, "from", buf, sizeof(buf)));
	return 0;
}

static int on_xliff2(struct xr *xr, const char *n)
{
	char buf[64];
	if (!strcmp(n, "xliff")) {
		xliff_langs(xr, "srcLang", "trgLang", "the document");
		return 0;
	}
	if (!strcmp(n, "unit")) {
		if (xr->skip_file)
			return skip(xr);
		unit_begin(xr, "id");
		return unit_opened(xr);
	}
	if (!xr->in_unit)
		return 0;
	if (!strcmp(n, "originalData") || !strcmp(n, "metadata") || !strcmp(n, "matches") ||
	    !strcmp(n, "glossary") || !strcmp(n, "validation") || !strcmp(n, "resourceData") ||
	    !strcmp(n, "changeTrack"))
		return skip(xr);
	if (!strcmp(n, "segment")) {
		if (!xr->has_state)
			xr->has_state = unit_state(xr);
		return 0;
	}
	if (!strcmp(n, "source"))
		return unit_text(xr, xr->src_slot, 1);
	if (!strcmp(n, "target"))
		return unit_text(xr, xr->tgt_slot, 1);
	if (!strcmp(n, "note"))
		return unit_note(xr, attr(xr, "category", buf, sizeof(buf)));
	return 0;
}

/* ---- Concepts (TBX) ------------------------------------------------------ */

static void concept_begin(struct xr *xr)
{
	xr->in_concept = 1;
	xr->line = node_line(xr);
	xr->nterms = 0;
	xr->in_term = 0;
	xr->cur_lang = IO_L_NONE;
	sv_buf_reset(&xr->cid);
	sv_buf_reset(&xr->cnote);
	sv_buf_reset(&xr->csubject);
	attr_buf(xr, "id", &xr->cid);
}

static int concept_end(struct xr *xr)
{
	xr->in_concept = 0;
	struct sv_io_term *t = sv_calloc(xr->nterms ? xr->nterms : 1, sizeof(*t));
	struct sv_buf *nfc = sv_calloc(xr->nterms ? xr->nterms : 1, sizeof(*nfc));
	size_t n = 0;
	for (size_t i = 0; i < xr->nterms; i++) {
		struct rterm *r = &xr->terms[i];
		if (!r->text.len)
			continue;
		sv_buf_init(&nfc[n]);
		io_nfc(r->text.data, r->text.len, &nfc[n]);
		t[n].lang = r->lang;
		t[n].text = nfc[n].data;
		t[n].status = r->status;
		t[n].preferred = r->preferred;
		t[n].pos = r->pos.len ? r->pos.data : NULL;
		t[n].context = r->ctx.len ? r->ctx.data : NULL;
		t[n].note = r->note.len ? r->note.data : NULL;
		n++;
	}
	int stop = 0;
	if (!n) {
		xr->rd->skipped++;
		io_warn(xr->rd, xr->line, 0, "entry%s%s%s has no ru or bg term; skipped",
			xr->cid.len ? " '" : "", xr->cid.data, xr->cid.len ? "'" : "");
	} else {
		struct sv_io_concept c = {
			.id = xr->cid.len ? xr->cid.data : NULL,
			.subject = xr->csubject.len ? xr->csubject.data : NULL,
			.note = xr->cnote.len ? xr->cnote.data : NULL,
			.terms = t,
			.nterms = n,
		};
		stop = io_emit_concept(xr->rd, &c);
	}
	for (size_t i = 0; i < n; i++)
		sv_buf_release(&nfc[i]);
	free(nfc);
	free(t);
	return stop;
}

static const char *status_from_admn(const char *s)
{
	if (!strncmp(s, "preferred", 9) || !strncmp(s, "admitted", 8))
		return "approved";
	if (!strncmp(s, "deprecated", 10) || !strcmp(s, "notRecommended"))
		return "forbidden";
	if (!strncmp(s, "superseded", 10) || !strcmp(s, "obsolete"))
		return "deprecated";
	return "approved";
}

static struct rterm *term_new(struct xr *xr)
{
	if (xr->nterms == xr->initterms) {
		SV_GROW(xr->terms, xr->capterms, xr->nterms + 1);
		struct rterm *r = &xr->terms[xr->initterms++];
		sv_buf_init(&r->text);
		sv_buf_init(&r->pos);
		sv_buf_init(&r->ctx);
		sv_buf_init(&r->note);
	}
	struct rterm *r = &xr->terms[xr->nterms++];
	sv_buf_reset(&r->text);
	sv_buf_reset(&r->pos);
	sv_buf_reset(&r->ctx);
	sv_buf_reset(&r->note);
	r->lang = xr->cur_lang == IO_L_RU ? SV_IO_RU : SV_IO_BG;
	r->status = "approved";
	r->preferred = 0;
	return r;
}

static int on_tbx(struct xr *xr, const char *n)
{
	char buf[64];
	if (!strcmp(n, "termEntry") || !strcmp(n, "conceptEntry")) {
		concept_begin(xr);
		if (xmlTextReaderIsEmptyElement(xr->x))
			return concept_end(xr);
		return 0;
	}
	if (!xr->in_concept)
		return 0;
	struct rterm *r = xr->in_term ? &xr->terms[xr->in_term - 1] : NULL;
	if (!strcmp(n, "langSet") || !strcmp(n, "langSec")) {
		xr->cur_lang = lang_attr(xr);
		return 0;
	}
	if (!strcmp(n, "tig") || !strcmp(n, "ntig") || !strcmp(n, "termSec")) {
		if (xr->cur_lang != IO_L_RU && xr->cur_lang != IO_L_BG)
			return skip(xr);
		term_new(xr);
		xr->in_term = (int)xr->nterms;
		if (xmlTextReaderIsEmptyElement(xr->x))
			xr->in_term = 0;
		return 0;
	}
	sv_buf_reset(&xr->tmp);
	if (!strcmp(n, "term"))
		return collect(xr, r && !r->text.len ? &r->text : &xr->tmp);
	if (!strcmp(n, "termNote")) {
		const char *type = attr(xr, "type", buf, sizeof(buf));
		if (collect(xr, &xr->tmp))
			return -1;
		if (r && type && !strcmp(type, "administrativeStatus")) {
			r->status = status_from_admn(xr->tmp.data);
			r->preferred = !strncmp(xr->tmp.data, "preferred", 9);
		} else if (r && type && !strcmp(type, "partOfSpeech") && !r->pos.len) {
			sv_buf_add(&r->pos, xr->tmp.data, xr->tmp.len);
		}
		return 0;
	}
	if (!strcmp(n, "descrip")) {
		const char *type = attr(xr, "type", buf, sizeof(buf));
		if (collect(xr, &xr->tmp))
			return -1;
		if (!type)
			return 0;
		if (r && !strcmp(type, "context") && !r->ctx.len)
			sv_buf_add(&r->ctx, xr->tmp.data, xr->tmp.len);
		else if (!r && !strcmp(type, "subjectField") && !xr->csubject.len)
			sv_buf_add(&xr->csubject, xr->tmp.data, xr->tmp.len);
		else if (!r && !strcmp(type, "definition") && !xr->cnote.len)
			sv_buf_add(&xr->cnote, xr->tmp.data, xr->tmp.len);
		return 0;
	}
	if (!strcmp(n, "note")) {
		struct sv_buf *dst = r ? &r->note : &xr->cnote;
		if (collect(xr, &xr->tmp))
			return -1;
		if (dst->len)
			sv_buf_addc(dst, '\n');
		sv_buf_add(dst, xr->tmp.data, xr->tmp.len);
		return 0;
	}
	return 0;
}

static int on_end(struct xr *xr, const char *n)
{
	switch (xr->fmt) {
	case SV_IO_TMX:
		return xr->in_unit && !strcmp(n, "tu") ? unit_end(xr) : 0;
	case SV_IO_XLIFF:
		if (!strcmp(n, "file"))
			xr->skip_file = 0;
		return xr->in_unit && !strcmp(n, "trans-unit") ? unit_end(xr) : 0;
	case SV_IO_XLIFF2:
		return xr->in_unit && !strcmp(n, "unit") ? unit_end(xr) : 0;
	default:
		if (!strcmp(n, "tig") || !strcmp(n, "ntig") || !strcmp(n, "termSec"))
			xr->in_term = 0;
		else if (!strcmp(n, "langSet") || !strcmp(n, "langSec"))
			xr->cur_lang = IO_L_NONE;
		else if (xr->in_concept && (!strcmp(n, "termEntry") || !strcmp(n, "conceptEntry")))
			return concept_end(xr);
		return 0;
	}
}

/* The format of a root element, or SV_IO_AUTO. */
static enum sv_io_format root_format(struct xr *xr, const char *n)
{
	char buf[64];
	if (!strcmp(n, "tmx"))
		return SV_IO_TMX;
	if (!strcmp(n, "martif"))
		return SV_IO_TBX;
	if (!strcmp(n, "tbx"))
		return SV_IO_TBX3;
	if (!strcmp(n, "xliff")) {
		if (attr(xr, "version", buf, sizeof(buf)))
			return buf[0] == '2' ? SV_IO_XLIFF2 : SV_IO_XLIFF;
		const char *ns = (const char *)xmlTextReaderConstNamespaceUri(xr->x);
		return ns && strstr(ns, ":2.") ? SV_IO_XLIFF2 : SV_IO_XLIFF;
	}
	return SV_IO_AUTO;
}

static int same_family(enum sv_io_format a, enum sv_io_format b)
{
	if (a == SV_IO_XLIFF2)
		a = SV_IO_XLIFF;
	if (b == SV_IO_XLIFF2)
		b = SV_IO_XLIFF;
	if (a == SV_IO_TBX3)
		a = SV_IO_TBX;
	if (b == SV_IO_TBX3)
		b = SV_IO_TBX;
	return a == b;
}

static void xr_release(struct xr *xr)
{
	sv_buf_release(&xr->tmp);
	for (int k = 0; k < 2; k++) {
		sv_buf_release(&xr->text[k]);
		sv_buf_release(&xr->codes[k]);
	}
	codes_drop_open(xr);
	free(xr->open);
	sv_buf_release(&xr->id);
	sv_buf_release(&xr->note);
	sv_buf_release(&xr->created);
	for (int i = 0; i < IO_P_N; i++)
		sv_buf_release(&xr->prop[i]);
	for (size_t i = 0; i < xr->initterms; i++) {
		sv_buf_release(&xr->terms[i].text);
		sv_buf_release(&xr->terms[i].pos);
		sv_buf_release(&xr->terms[i].ctx);
		sv_buf_release(&xr->terms[i].note);
	}
	free(xr->terms);
	sv_buf_release(&xr->cid);
	sv_buf_release(&xr->cnote);
	sv_buf_release(&xr->csubject);
}

int io_read_xml(struct io_rd *rd, FILE *f, enum sv_io_format fmt, enum sv_io_format *detected)
{
	struct xr xr = { .rd = rd, .fmt = SV_IO_AUTO };
	int rc = SV_OK, r, stop = 0;
	sv_buf_init(&xr.tmp);
	if (io_xml_prescan(rd, f))
		return rd->err->code;
	xr.x = xmlReaderForIO(io_fread, io_noclose, f, NULL, NULL,
			      XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
	if (!xr.x)
		return sv_error_set(rd->err, SV_EINPUT, "'%s': cannot start the XML parser", rd->path);
	xmlTextReaderSetStructuredErrorHandler(xr.x, on_error, &xr);
	while ((r = xmlTextReaderRead(xr.x)) == 1) {
		int t = xmlTextReaderNodeType(xr.x);
		if (t == N_DOCTYPE) {
			xmlDtdPtr dtd = (xmlDtdPtr)xmlTextReaderCurrentNode(xr.x);
			if (dtd && (dtd->entities || dtd->pentities)) {
				rc = sv_error_set(rd->err, SV_EINPUT,
						  "'%s': the DTD declares an entity; refused", rd->path);
				goto out;
			}
			continue;
		}
		if (t == N_ENTREF) {
			rc = refuse_entity(&xr);
			goto out;
		}
		if (t == N_END) {
			if ((stop = on_end(&xr, lname(&xr))))
				break;
			continue;
		}
		if (t != N_ELEMENT)
			continue;
		const char *n = lname(&xr);
		if (xr.fmt == SV_IO_AUTO) {
			xr.fmt = root_format(&xr, n);
			if (xr.fmt == SV_IO_AUTO) {
				rc = sv_error_set(rd->err, SV_EINPUT,
						  "'%s': root element <%s> is not TMX, XLIFF or TBX",
						  rd->path, n);
				goto out;
			}
			if (fmt != SV_IO_AUTO && !same_family(fmt, xr.fmt)) {
				rc = sv_error_set(rd->err, SV_EINPUT, "'%s': expected %s, found <%s>",
						  rd->path, sv_io_format_name(fmt), n);
				goto out;
			}
			if (detected)
				*detected = xr.fmt;
			if (rd->detect_only)
				goto out;
			if ((xr.fmt == SV_IO_TBX || xr.fmt == SV_IO_TBX3) && rd->want[0] == IO_L_EN) {
				rc = sv_error_set(rd->err, SV_EINPUT,
						  "'%s': a termbase cannot be a pivot memory", rd->path);
				goto out;
			}
		}
		switch (xr.fmt) {
		case SV_IO_TMX: stop = on_tmx(&xr, n); break;
		case SV_IO_XLIFF: stop = on_xliff(&xr, n); break;
		case SV_IO_XLIFF2: stop = on_xliff2(&xr, n); break;
		default: stop = on_tbx(&xr, n); break;
		}
		if (stop)
			break;
	}
	if (rd->stopped || xr.fail)
		rc = rd->err->code;
	else if (r < 0 || xr.xerr || stop < 0)
		rc = xml_failed(&xr);
	else if (xr.fmt == SV_IO_AUTO)
		rc = sv_error_set(rd->err, SV_EINPUT, "'%s': no XML element found", rd->path);
	else if (ferror(f))
		rc = sv_error_set(rd->err, SV_EINPUT, "'%s': read error", rd->path);
out:
	xmlFreeTextReader(xr.x);
	xr_release(&xr);
	return rc;
}
