/* Readers for sverka check: reports as segment pairs and glossaries as
 * concepts. XLIFF 1.2 / 2.x and TMX are read here with libxml2's
 * xmlTextReader because check needs the inline codes (<g>, <x/>, <bx/>,
 * <ex/>, <ph>, <bpt>/<ept>, <it>, <mrk>; XLIFF 2 <pc>, <ph/>, <sc/>/<ec/>,
 * <mrk>/<sm/>/<em/>) in order, which src/io's units do not carry; TSV pairs
 * are read by line; glossaries go through src/io's readers. An XML report
 * passes src/io's reader first, so that check accepts and refuses what
 * import does, with its messages (issue 11). */
#include "check/check-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>

#include "base/file.h"
#include "base/utf8.h"
#include "io/io.h"

/* ---- XML reports -------------------------------------------------------------- */

enum xkind { X_NONE, X_XLIFF1, X_XLIFF2, X_TMX };

/* The piece of a unit whose text and codes are being collected. */
enum capture { CAPTURE_NONE = 0, CAPTURE_SOURCE, CAPTURE_TARGET, CAPTURE_TMX_SEG };

struct xstate {
	const char *path;
	char errmsg[256];       /* libxml2's first error, kept instead of printed */
	int errline;
	enum sv_lang force_src;
	enum xkind kind;
	enum sv_lang file_src, file_tgt;
	char *unit_id;          /* current unit id */
	unsigned long nunit, nseg;
	/* capture of one <source>/<target>/<seg> */
	enum capture capturing; /* the piece being captured */
	int cap_depth;
	int skip_depth;         /* > 0: inside native code content, ignore text */
	struct sv_buf text, codes;
	/* the unit's pieces */
	struct sv_buf src, tgt, src_codes, tgt_codes;
	int has_src, has_tgt;
	/* TMX: the tuv in hand and its language */
	enum sv_lang tuv_lang;
	struct sv_buf tmx_text[3], tmx_codes[3];
	int tmx_has[3];
	struct sv_check_segs *segs;
};

/* Keeps libxml2's first error for the message; the library never prints. */
#if LIBXML_VERSION >= 21200
static void on_xml_error(void *ctx, const xmlError *e)
#else
static void on_xml_error(void *ctx, xmlErrorPtr e)
#endif
{
	struct xstate *x = ctx;
	if (x->errmsg[0] || !e)
		return;
	snprintf(x->errmsg, sizeof(x->errmsg), "%s", e->message ? e->message : "malformed XML");
	size_t n = strlen(x->errmsg);
	while (n && (x->errmsg[n - 1] == '\n' || x->errmsg[n - 1] == ' '))
		x->errmsg[--n] = '\0';
	x->errline = e->line;
}

static char *attr(xmlTextReaderPtr rd, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(rd, (const xmlChar *)name);
	return (char *)v;
}

static enum sv_lang lang_attr(xmlTextReaderPtr rd, const char *name)
{
	char *v = attr(rd, name);
	enum sv_lang l = v ? sv_lang_parse(v) : SV_LANG_UNKNOWN;
	xmlFree(v);
	return l;
}

static enum sv_lang other_lang(enum sv_lang l)
{
	return l == SV_LANG_BG ? SV_LANG_RU : SV_LANG_BG;
}

/* Whether the inline element holds native code (its text is not segment text). */
static int native_content(enum xkind k, const char *name)
{
	if (k == X_XLIFF2)
		return 0;
	return !strcmp(name, "bpt") || !strcmp(name, "ept") || !strcmp(name, "ph") ||
	       !strcmp(name, "it") || !strcmp(name, "ut");
}

/* Adds the code of an inline element: its name and id ("g1", "/g1", "x2"). */
static void add_code(xmlTextReaderPtr rd, struct xstate *x, const char *name)
{
	static const char *const ids[] = { "id", "rid", "i", "x", "startRef", "mid", NULL };
	char *id = NULL;
	if (!strcmp(name, "ec") || !strcmp(name, "em")) {
		id = attr(rd, "startRef");
		if (!id)
			id = attr(rd, "id");
	}
	for (int k = 0; ids[k] && !id; k++)
		id = attr(rd, ids[k]);
	char *pos = !strcmp(name, "it") ? attr(rd, "pos") : NULL;
	if (x->codes.len)
		sv_buf_addc(&x->codes, ' ');
	sv_buf_addf(&x->codes, "%s%s%s%s", name, id ? id : "", pos ? ":" : "", pos ? pos : "");
	xmlFree(id);
	xmlFree(pos);
}

static int is_inline(enum xkind k, const char *n)
{
	if (k == X_XLIFF2)
		return !strcmp(n, "pc") || !strcmp(n, "ph") || !strcmp(n, "sc") ||
		       !strcmp(n, "ec") ||
		       !strcmp(n, "mrk") || !strcmp(n, "sm") || !strcmp(n, "em");
	if (k == X_TMX)
		return !strcmp(n, "bpt") || !strcmp(n, "ept") || !strcmp(n, "ph") ||
		       !strcmp(n, "it") || !strcmp(n, "hi") || !strcmp(n, "ut");
	return !strcmp(n, "g") || !strcmp(n, "x") || !strcmp(n, "bx") || !strcmp(n, "ex") ||
	       !strcmp(n, "ph") || !strcmp(n, "bpt") || !strcmp(n, "ept") || !strcmp(n, "it") ||
	       !strcmp(n, "mrk");
}

/* Elements with content whose closing tag is a code of its own. */
static int paired(enum xkind k, const char *n)
{
	return !strcmp(n, "g") || !strcmp(n, "pc") || !strcmp(n, "hi") ||
	       (!strcmp(n, "mrk"));
}

static void nfc_into(struct sv_buf *out, const struct sv_buf *in)
{
	sv_buf_reset(out);
	sv_text_nfc(in->data, in->len, out);
}

/* The TMX variant slot of the tuv in hand: its language, 0 for any other. */
static int tuv_slot(const struct xstate *x)
{
	return x->tuv_lang == SV_LANG_RU || x->tuv_lang == SV_LANG_BG ? (int)x->tuv_lang : 0;
}

/* Ends the capture: its text (NFC) and codes become the unit's source, its
 * target, or the TMX variant of the tuv's language. */
static void finish_capture(struct xstate *x)
{
	struct sv_buf *text, *codes;
	int *has;
	if (x->capturing == CAPTURE_SOURCE) {
		text = &x->src;
		codes = &x->src_codes;
		has = &x->has_src;
	} else if (x->capturing == CAPTURE_TARGET) {
		text = &x->tgt;
		codes = &x->tgt_codes;
		has = &x->has_tgt;
	} else {
		int l = tuv_slot(x);
		text = &x->tmx_text[l];
		codes = &x->tmx_codes[l];
		has = &x->tmx_has[l];
	}
	nfc_into(text, &x->text);
	sv_buf_reset(codes);
	sv_buf_add(codes, x->codes.data, x->codes.len);
	*has = 1;
	x->capturing = CAPTURE_NONE;
}

/* Starts capturing the text and inline codes of the element at depth as
 * piece `what`; an empty element is
 * captured at once, as an empty piece. */
static void start_capture(struct xstate *x, enum capture what, int depth, int empty)
{
	x->capturing = what;
	x->cap_depth = depth;
	sv_buf_reset(&x->text);
	sv_buf_reset(&x->codes);
	if (empty)
		finish_capture(x);
}

static void emit(struct xstate *x, const char *unit, const char *src, const char *tgt,
		 const char *sc, const char *tc, enum sv_lang sl, enum sv_lang tl)
{
	sv_check_segs_add(x->segs, x->path, unit, src, tgt, sc, tc, sl, tl);
}

static void xliff_unit_end(struct xstate *x, int segment_only)
{
	if (!x->has_src)
		return;
	char num[32];
	const char *unit = x->unit_id;
	struct sv_buf id = SV_BUF_INIT;
	if (!unit) {
		snprintf(num, sizeof(num), "%lu", x->nunit);
		unit = num;
	}
	sv_buf_adds(&id, unit);
	if (segment_only && x->nseg > 1)
		sv_buf_addf(&id, "/%lu", x->nseg);
	enum sv_lang sl = x->force_src ? x->force_src : x->file_src ? x->file_src : SV_LANG_RU;
	enum sv_lang tl = x->force_src ? other_lang(sl)
			  : x->file_tgt ? x->file_tgt : other_lang(sl);
	emit(x, id.data, x->src.data, x->has_tgt ? x->tgt.data : NULL, x->src_codes.data,
	     x->has_tgt ? x->tgt_codes.data : NULL, sl, tl);
	sv_buf_release(&id);
	x->has_src = x->has_tgt = 0;
}

static void tmx_tu_end(struct xstate *x)
{
	enum sv_lang sl = x->force_src ? x->force_src : x->file_src ? x->file_src : SV_LANG_RU;
	enum sv_lang tl = other_lang(sl);
	if (!x->tmx_has[sl])
		goto out;
	char num[32];
	snprintf(num, sizeof(num), "%lu", x->nunit);
	emit(x, x->unit_id ? x->unit_id : num, x->tmx_text[sl].data,
	     x->tmx_has[tl] ? x->tmx_text[tl].data : NULL, x->tmx_codes[sl].data,
	     x->tmx_has[tl] ? x->tmx_codes[tl].data : NULL, sl, tl);
out:
	for (int l = 0; l < 3; l++)
		x->tmx_has[l] = 0;
}

static void set_unit_id(struct xstate *x, xmlTextReaderPtr rd, const char *name)
{
	free(x->unit_id);
	char *v = attr(rd, name);
	x->unit_id = v ? sv_strdup(v) : NULL;
	xmlFree(v);
}

static int read_xml(const char *path, enum sv_lang src, struct sv_check_segs *segs,
		    struct sv_error *err)
{
	int rc = SV_OK;
	xmlTextReaderPtr rd = xmlReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (!rd)
		return sv_error_set(err, SV_EINPUT, "'%s': cannot open or parse", path);
	struct xstate x;
	memset(&x, 0, sizeof(x));
	x.path = path;
	x.force_src = src;
	x.segs = segs;
	xmlTextReaderSetStructuredErrorHandler(rd, on_xml_error, &x);
	struct sv_buf *bufs[] = { &x.text, &x.codes, &x.src, &x.tgt, &x.src_codes, &x.tgt_codes,
				  &x.tmx_text[0], &x.tmx_text[1], &x.tmx_text[2], &x.tmx_codes[0],
				  &x.tmx_codes[1], &x.tmx_codes[2] };
	for (size_t i = 0; i < sizeof(bufs) / sizeof(bufs[0]); i++)
		sv_buf_init(bufs[i]);
	/* closing codes of paired inline elements, by depth */
	char *open_code[64] = { 0 };
	int r, alt_depth = 0;
	while ((r = xmlTextReaderRead(rd)) == 1) {
		int type = xmlTextReaderNodeType(rd);
		int depth = xmlTextReaderDepth(rd);
		const char *name = (const char *)xmlTextReaderConstLocalName(rd);
		if (alt_depth) {
			if (type == XML_READER_TYPE_END_ELEMENT && depth == alt_depth)
				alt_depth = 0;
			continue;
		}
		if (type == XML_READER_TYPE_ELEMENT) {
			int empty = xmlTextReaderIsEmptyElement(rd);
			if (x.kind == X_NONE) {
				if (!strcmp(name, "xliff")) {
					char *v = attr(rd, "version");
					x.kind = v && v[0] == '2' ? X_XLIFF2 : X_XLIFF1;
					xmlFree(v);
					x.file_src = lang_attr(rd, "srcLang");
					x.file_tgt = lang_attr(rd, "trgLang");
				} else if (!strcmp(name, "tmx")) {
					x.kind = X_TMX;
				} else {
					rc = sv_error_set(err, SV_EINPUT,
							  "'%s': not XLIFF or TMX (root <%s>)",
							  path, name);
					goto out;
				}
				continue;
			}
			if (x.capturing != CAPTURE_NONE) {
				if (x.skip_depth)
					continue;
				if (!is_inline(x.kind, name))
					continue; /* <sub> and unknown elements: keep their text */
				if (x.kind == X_XLIFF1 && !strcmp(name, "mrk")) {
					/* segmentation markers are not codes of the text */
					char *mt = attr(rd, "mtype");
					int seg = mt && !strcmp(mt, "seg");
					xmlFree(mt);
					if (seg)
						continue;
				}
				add_code(rd, &x, name);
				if (!empty && native_content(x.kind, name))
					x.skip_depth = depth;
				else if (!empty && paired(x.kind, name) && depth < 64) {
					const char *last = strrchr(x.codes.data, ' ');
					free(open_code[depth]);
					open_code[depth] = sv_strdup(last ? last + 1 :
								     x.codes.data);
				}
				continue;
			}
			if ((x.kind == X_XLIFF1 || x.kind == X_XLIFF2) &&
			    (!strcmp(name, "source") || !strcmp(name, "target"))) {
				/* an empty <target/> is an empty translation, an empty
				 * <source/> no source */
				if (!empty || name[0] == 't')
					start_capture(&x, name[0] == 's' ? CAPTURE_SOURCE
									 : CAPTURE_TARGET,
						      depth, empty);
				continue;
			}
			if (x.kind == X_XLIFF1) {
				if (!strcmp(name, "file")) {
					x.file_src = lang_attr(rd, "source-language");
					x.file_tgt = lang_attr(rd, "target-language");
				} else if (!strcmp(name, "trans-unit")) {
					x.nunit++;
					set_unit_id(&x, rd, "id");
					x.has_src = x.has_tgt = 0;
				} else if (!strcmp(name, "alt-trans") && !empty) {
					/* suggestions: not the unit's text */
					alt_depth = depth;
				}
			} else if (x.kind == X_XLIFF2) {
				if (!strcmp(name, "unit")) {
					x.nunit++;
					x.nseg = 0;
					set_unit_id(&x, rd, "id");
				} else if (!strcmp(name, "ignorable") && !empty) {
					alt_depth = depth; /* white space between segments */
				} else if (!strcmp(name, "segment")) {
					x.nseg++;
					x.has_src = x.has_tgt = 0;
				}
			} else if (x.kind == X_TMX) {
				if (!strcmp(name, "header")) {
					x.file_src = lang_attr(rd, "srclang");
				} else if (!strcmp(name, "tu")) {
					x.nunit++;
					set_unit_id(&x, rd, "tuid");
				} else if (!strcmp(name, "tuv")) {
					x.tuv_lang = lang_attr(rd, "xml:lang");
					if (!x.tuv_lang)
						x.tuv_lang = lang_attr(rd, "lang");
				} else if (!strcmp(name, "seg")) {
					start_capture(&x, CAPTURE_TMX_SEG, depth, empty);
				}
			}
			continue;
		}
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (x.capturing != CAPTURE_NONE) {
				if (x.skip_depth) {
					if (depth == x.skip_depth)
						x.skip_depth = 0;
					continue;
				}
				if (depth == x.cap_depth) {
					finish_capture(&x);
					continue;
				}
				if (depth < 64 && open_code[depth] && is_inline(x.kind, name)) {
					if (x.codes.len)
						sv_buf_addc(&x.codes, ' ');
					sv_buf_addf(&x.codes, "/%s", open_code[depth]);
					free(open_code[depth]);
					open_code[depth] = NULL;
				}
				continue;
			}
			if (x.kind == X_XLIFF1 && !strcmp(name, "trans-unit"))
				xliff_unit_end(&x, 0);
			else if (x.kind == X_XLIFF2 && !strcmp(name, "segment"))
				xliff_unit_end(&x, 1);
			else if (x.kind == X_TMX && !strcmp(name, "tu"))
				tmx_tu_end(&x);
			continue;
		}
		if (x.capturing != CAPTURE_NONE && !x.skip_depth &&
		    (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
		     type == XML_READER_TYPE_WHITESPACE ||
		     type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
			const char *v = (const char *)xmlTextReaderConstValue(rd);
			if (v)
				sv_buf_adds(&x.text, v);
		}
	}
	if (r < 0 || x.errmsg[0]) {
		rc = sv_error_set(err, SV_EINPUT, "'%s': line %d: %s", path, x.errline,
				  x.errmsg[0] ? x.errmsg : "malformed XML");
		goto out;
	}
	if (x.kind == X_NONE)
		rc = sv_error_set(err, SV_EINPUT, "'%s': empty document", path);
out:
	for (int i = 0; i < 64; i++)
		free(open_code[i]);
	for (size_t i = 0; i < sizeof(bufs) / sizeof(bufs[0]); i++)
		sv_buf_release(bufs[i]);
	free(x.unit_id);
	xmlFreeTextReader(rd);
	return rc;
}

/* ---- TSV pairs ---------------------------------------------------------------- */

static int read_tsv(const char *path, enum sv_lang src, struct sv_check_segs *segs,
		    struct sv_error *err)
{
	FILE *f;
	int rc = sv_file_open(path, &f, err);
	if (rc)
		return rc;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long lineno = 0, offset = 0;
	size_t first = segs->n;
	struct sv_buf sample = SV_BUF_INIT, a = SV_BUF_INIT, b = SV_BUF_INIT;
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		size_t n = (size_t)len;
		size_t bad = sv_utf8_validate((const unsigned char *)line, n);
		if (bad < n) {
			rc = sv_error_set(err, SV_EINPUT, "'%s': invalid UTF-8 at byte %lu", path,
					  offset + (unsigned long)bad);
			goto out;
		}
		offset += (unsigned long)n;
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		char *s = line;
		if (lineno == 1 && n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
			s += 3;
		if (!*s)
			continue;
		char *tab = strchr(s, '\t');
		if (tab)
			*tab = '\0';
		char *tgt = tab ? tab + 1 : NULL;
		if (tgt) {
			char *tab2 = strchr(tgt, '\t');
			if (tab2)
				*tab2 = '\0'; /* further columns: notes */
		}
		char unit[32];
		snprintf(unit, sizeof(unit), "%lu", lineno);
		sv_buf_reset(&a);
		sv_text_nfc(s, strlen(s), &a);
		sv_buf_reset(&b);
		if (tgt)
			sv_text_nfc(tgt, strlen(tgt), &b);
		sv_check_segs_add(segs, path, unit, a.data, tgt ? b.data : NULL, NULL, NULL, src,
				  SV_LANG_UNKNOWN);
		if (sample.len < 20000) {
			sv_buf_adds(&sample, a.data);
			sv_buf_addc(&sample, '\n');
		}
	}
	if (ferror(f))
		rc = sv_error_set(err, SV_EINPUT, "'%s': read error", path);
	/* languages: as given, else detected from the sources */
	enum sv_lang sl = src;
	if (!sl) {
		sl = sv_lang_detect(sample.data, sample.len, NULL);
		if (sl != SV_LANG_RU && sl != SV_LANG_BG)
			sl = SV_LANG_RU;
	}
	for (size_t i = first; i < segs->n; i++) {
		segs->v[i].src_lang = sl;
		segs->v[i].tgt_lang = other_lang(sl);
	}
out:
	free(line);
	sv_buf_release(&sample);
	sv_buf_release(&a);
	sv_buf_release(&b);
	fclose(f);
	return rc;
}

int sv_check_read_report(const char *path, enum sv_lang src, struct sv_check_segs *segs,
			 struct sv_error *err)
{
	FILE *f;
	int rc = sv_file_open(path, &f, err);
	if (rc)
		return rc;
	char head[512];
	size_t n = fread(head, 1, sizeof(head) - 1, f);
	fclose(f);
	head[n] = '\0';
	const char *p = head;
	if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	/* UTF-16 (with its byte order mark, or '<' with a zero byte): XML, as
	 * import reads it; libxml2 decodes it */
	int utf16 = n >= 2 && ((head[0] == '\xFF' && head[1] == '\xFE') ||
			       (head[0] == '\xFE' && head[1] == '\xFF') ||
			       (head[0] == '<' && head[1] == '\0') ||
			       (head[0] == '\0' && head[1] == '<'));
	size_t before = segs->n;
	if (*p == '<' || utf16) {
		/* what import refuses (a declared entity, malformed XML), check
		 * refuses too, with import's message: io's reader passes first */
		static const struct sv_io_reader_cb accept_only = { NULL, NULL, NULL };
		rc = sv_io_read(path, SV_IO_AUTO, &accept_only, NULL, NULL, err);
		if (!rc)
			rc = read_xml(path, src, segs, err);
	} else {
		rc = read_tsv(path, src, segs, err);
	}
	if (rc) {
		/* drop what a failing file added */
		struct sv_check_segs tail = *segs;
		for (size_t i = before; i < tail.n; i++) {
			free(tail.v[i].unit);
			free(tail.v[i].src);
			free(tail.v[i].tgt);
			free(tail.v[i].src_codes);
			free(tail.v[i].tgt_codes);
		}
		segs->n = before;
	}
	return rc;
}

/* ---- Glossaries ------------------------------------------------------------------ */

struct gctx {
	struct sv_check_glossary *g;
	enum sv_lang src;
	struct sv_map by_source; /* pair formats: source term key -> concept + 1 */
	struct sv_error *err;
	int failed;
	unsigned long skipped;
};

static enum sv_check_term_status term_status(const char *s, int *skip)
{
	*skip = 0;
	if (!s || !*s || !strcasecmp(s, "approved") || !strcasecmp(s, "preferred") ||
	    !strcasecmp(s, "admitted"))
		return SV_CHECK_ST_APPROVED;
	if (!strcasecmp(s, "candidate") || !strcasecmp(s, "proposed"))
		return SV_CHECK_ST_CANDIDATE;
	if (!strcasecmp(s, "forbidden") || !strcasecmp(s, "deprecated") ||
	    !strcasecmp(s, "superseded") || !strcasecmp(s, "rejected"))
		return SV_CHECK_ST_FORBIDDEN;
	*skip = 1;
	return SV_CHECK_ST_CANDIDATE;
}

/* Whether a note marks the target of a pair line as forbidden. */
static int note_forbids(const char *note)
{
	if (!note)
		return 0;
	while (*note == ' ' || *note == '!' || *note == '[' || *note == '(')
		note++;
	return !strncasecmp(note, "forbidden", 9) || !strncasecmp(note, "deprecated", 10) ||
	       !strncasecmp(note, "do not use", 10) || !strncasecmp(note, "запрещ", 12) ||
	       !strncasecmp(note, "забран", 12);
}

static int on_concept(void *ctx, const struct sv_io_concept *c)
{
	struct gctx *x = ctx;
	/* A pair line (OmegaT/CSV) has one term per language: lines with the
	 * same source term (first column) make one concept, as OmegaT puts each
	 * synonym on its own line. */
	uint32_t concept;
	int pairs = c->nterms == 2 && c->terms[0].lang != c->terms[1].lang && !c->id;
	/* the file's source column, whatever the direction of the check */
	const struct sv_io_term *srct = pairs ? &c->terms[0] : NULL;
	if (pairs && srct) {
		struct sv_buf k = SV_BUF_INIT;
		sv_text_key(srct->text, strlen(srct->text), &k);
		int added;
		struct sv_map_slot *sl = sv_map_add(&x->by_source, k.data, k.len, &added);
		if (added)
			sl->val = (uintptr_t)sv_check_glossary_concept(x->g) + 1;
		concept = (uint32_t)(sl->val - 1);
		sv_buf_release(&k);
	} else {
		concept = sv_check_glossary_concept(x->g);
	}
	for (size_t i = 0; i < c->nterms; i++) {
		const struct sv_io_term *t = &c->terms[i];
		enum sv_lang l = t->lang == SV_IO_RU ? SV_LANG_RU : SV_LANG_BG;
		int skip;
		enum sv_check_term_status st = term_status(t->status, &skip);
		if (skip) {
			x->skipped++;
			continue;
		}
		if (pairs && t != srct && note_forbids(c->note ? c->note : t->note))
			st = SV_CHECK_ST_FORBIDDEN;
		struct sv_error e = { 0 };
		if (sv_check_glossary_add(x->g, concept, l, t->text, st, &e)) {
			if (e.code == SV_EINPUT) {
				x->skipped++;
				continue;
			}
			*x->err = e;
			x->failed = 1;
			return 1;
		}
	}
	return 0;
}

int sv_check_read_glossary(const char *path, enum sv_lang src, struct sv_check_glossary *g,
			   struct sv_error *err)
{
	struct gctx x = { g, src ? src : SV_LANG_RU, SV_MAP_INIT, err, 0, 0 };
	struct sv_io_reader_cb cb = { NULL, on_concept, NULL };
	enum sv_io_format fmt = SV_IO_AUTO;
	/* a two-column text file given as a glossary is a glossary, whatever its name */
	struct sv_error e = { 0 };
	if (!sv_io_detect(path, &fmt, &e) && fmt != SV_IO_TSV)
		fmt = SV_IO_AUTO;
	else if (!e.code)
		fmt = SV_IO_OMEGAT;
	else
		fmt = SV_IO_AUTO;
	int rc = sv_io_read(path, fmt, &cb, &x, &fmt, err);
	if (!rc && !sv_check_glossary_terms(g))
		rc = sv_error_set(err, SV_EINPUT, "'%s': no glossary terms (read as %s)", path,
				  sv_io_format_name(fmt));
	sv_map_release(&x.by_source);
	return rc;
}
