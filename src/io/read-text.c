/* Readers for the line formats: OmegaT glossary TSV, CSV with a header row,
 * plain TSV of sentence pairs, and gettext PO (English pivot only). */
#include "io/io-int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"

/* Fields of one record: NUL-separated in data, starting at off[i]. */
struct rec {
	struct sv_buf data;
	size_t *off;
	size_t n, cap;
};

static void rec_reset(struct rec *r)
{
	sv_buf_reset(&r->data);
	r->n = 0;
}

static void rec_field(struct rec *r)
{
	SV_GROW(r->off, r->cap, r->n + 1);
	r->off[r->n++] = r->data.len;
}

static const char *rec_get(const struct rec *r, int i)
{
	return i >= 0 && (size_t)i < r->n ? r->data.data + r->off[i] : NULL;
}

static void rec_release(struct rec *r)
{
	sv_buf_release(&r->data);
	free(r->off);
}

/* Reads one line (without its CR LF) into line; 0 at the end of the file. */
static int get_line(FILE *f, struct sv_buf *line, unsigned long *lineno)
{
	/* getline() into the buffer's own allocation (sv_malloc is malloc) */
	char *p = line->cap ? line->data : NULL;
	size_t cap = line->cap;
	ssize_t k = getline(&p, &cap, f);
	if (p) {
		line->data = p;
		line->cap = cap;
	}
	if (k <= 0) {
		line->len = 0;
		if (line->cap)
			line->data[0] = '\0';
		return 0;
	}
	line->len = (size_t)k;
	(*lineno)++;
	if (line->data[line->len - 1] == '\n')
		line->data[--line->len] = '\0';
	if (line->len && line->data[line->len - 1] == '\r')
		line->data[--line->len] = '\0';
	if (*lineno == 1 && line->len >= 3 && !memcmp(line->data, "\xEF\xBB\xBF", 3)) {
		memmove(line->data, line->data + 3, line->len - 2);
		line->len -= 3;
	}
	return 1;
}

/* Valid UTF-8 without NUL bytes. */
static int valid_utf8(const struct sv_buf *b)
{
	return sv_utf8_validate((const unsigned char *)b->data, b->len) == b->len &&
	       !memchr(b->data, 0, b->len);
}

static void split_tabs(const struct sv_buf *line, struct rec *r)
{
	rec_reset(r);
	rec_field(r);
	for (size_t i = 0; i < line->len; i++) {
		if (line->data[i] == '\t') {
			sv_buf_addc(&r->data, '\0');
			rec_field(r);
		} else {
			sv_buf_addc(&r->data, line->data[i]);
		}
	}
	sv_buf_addc(&r->data, '\0');
}

/* Reads one CSV record (quoted fields may span lines); 0 at the end. */
static int get_record(FILE *f, char delim, struct sv_buf *line, unsigned long *lineno,
		      struct rec *r)
{
	if (!get_line(f, line, lineno))
		return 0;
	rec_reset(r);
	rec_field(r);
	size_t i = 0;
	int quoted = 0, at_start = 1;
	for (;;) {
		if (i >= line->len) {
			if (!quoted)
				break;
			/* The quoted field continues on the next line. */
			sv_buf_addc(&r->data, '\n');
			if (!get_line(f, line, lineno))
				break;
			i = 0;
			continue;
		}
		char c = line->data[i++];
		if (!c)
			continue; /* NUL bytes are dropped */
		if (quoted) {
			if (c == '"') {
				if (i < line->len && line->data[i] == '"') {
					sv_buf_addc(&r->data, '"');
					i++;
				} else {
					quoted = 0;
				}
			} else {
				sv_buf_addc(&r->data, c);
			}
		} else if (c == delim) {
			sv_buf_addc(&r->data, '\0');
			rec_field(r);
			at_start = 1;
			continue;
		} else if (c == '"' && at_start) {
			quoted = 1;
		} else {
			sv_buf_addc(&r->data, c);
		}
		at_start = 0;
	}
	sv_buf_addc(&r->data, '\0');
	return 1;
}

/* "n-m" with decimal n and m: a link type. */
static int is_link(const char *s)
{
	if (!s || !isdigit((unsigned char)*s))
		return 0;
	while (isdigit((unsigned char)*s))
		s++;
	if (*s++ != '-' || !isdigit((unsigned char)*s))
		return 0;
	while (isdigit((unsigned char)*s))
		s++;
	return !*s;
}

static int has_text(const char *s)
{
	if (!s)
		return 0;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 1;
	return 0;
}

/* Russian-only letters (ы э ё) against Bulgarian's frequent ъ: > 0 means s
 * looks Russian, < 0 Bulgarian. */
static long ru_bg_bias(const char *s)
{
	long v = 0;
	for (const unsigned char *p = (const unsigned char *)s; p[0] && p[1]; p++) {
		if (p[0] == 0xd1 && (p[1] == 0x8b || p[1] == 0x8d || p[1] == 0x91))
			v++; /* ы э ё */
		else if (p[0] == 0xd0 && (p[1] == 0xab || p[1] == 0xad || p[1] == 0x81))
			v++; /* Ы Э Ё */
		else if (p[0] == 0xd1 && p[1] == 0x8a)
			v--; /* ъ */
	}
	return v;
}

/* Column order from the first lines: 1 when the first column is Bulgarian. */
static int guess_reversed(struct io_rd *rd, FILE *f)
{
	struct sv_buf line = SV_BUF_INIT;
	struct rec r = { SV_BUF_INIT, NULL, 0, 0 };
	unsigned long lineno = 0;
	long a = 0, b = 0;
	for (int i = 0; i < 2000 && get_line(f, &line, &lineno); i++) {
		if (line.data[0] == '#')
			continue;
		split_tabs(&line, &r);
		if (r.n < 2)
			continue;
		a += ru_bg_bias(rec_get(&r, 0));
		b += ru_bg_bias(rec_get(&r, 1));
	}
	rewind(f);
	sv_buf_release(&line);
	rec_release(&r);
	(void)rd;
	return a < b;
}

/* Whether fields 0 and 1 name ru and bg (either order); sets *reversed. */
static int lang_header(const struct rec *r, int *reversed)
{
	if (r->n < 2)
		return 0;
	const char *a = rec_get(r, 0), *b = rec_get(r, 1);
	if (a[0] == '#')
		a++;
	enum io_lang la = io_lang_parse(a, strlen(a)), lb = io_lang_parse(b, strlen(b));
	if (la == IO_L_RU && lb == IO_L_BG)
		*reversed = 0;
	else if (la == IO_L_BG && lb == IO_L_RU)
		*reversed = 1;
	else
		return 0;
	return 1;
}

/* ---- OmegaT glossary --------------------------------------------------------- */

struct og {
	struct sv_buf src, comment;
	struct sv_buf tgts; /* NUL-separated targets */
	size_t ntgt;
	unsigned long line;
};

static int og_flush(struct io_rd *rd, struct og *g, int reversed)
{
	if (!g->ntgt)
		return 0;
	struct sv_io_term *t = sv_calloc(g->ntgt + 1, sizeof(*t));
	enum sv_io_lang sl = reversed ? SV_IO_BG : SV_IO_RU;
	t[0].lang = sl;
	t[0].text = g->src.data;
	t[0].status = "approved";
	const char *p = g->tgts.data;
	for (size_t i = 0; i < g->ntgt; i++) {
		t[i + 1].lang = !sl;
		t[i + 1].text = p;
		t[i + 1].status = "approved";
		p += strlen(p) + 1;
	}
	struct sv_io_concept c = { .note = g->comment.len ? g->comment.data : NULL, .terms = t,
				   .nterms = g->ntgt + 1 };
	int stop = io_emit_concept(rd, &c);
	free(t);
	g->ntgt = 0;
	sv_buf_reset(&g->tgts);
	return stop;
}

/* ---- The line formats ---------------------------------------------------------- */

enum col { C_NONE = -1, C_RU, C_BG, C_ID, C_CREATED, C_RU_DOC, C_BG_DOC, C_OUTLET, C_DATE,
	   C_SCORE, C_LINK, C_METHOD, C_STATUS, C_ORIGIN, C_NOTE, C_CONCEPT, C_N };

static enum col col_role(const char *name)
{
	static const char *const names[C_N] = {
		[C_ID] = "id", [C_CREATED] = "created", [C_RU_DOC] = "ru_doc", [C_BG_DOC] = "bg_doc",
		[C_OUTLET] = "outlet", [C_DATE] = "date", [C_SCORE] = "score", [C_LINK] = "link",
		[C_METHOD] = "method", [C_STATUS] = "status", [C_ORIGIN] = "origin",
		[C_NOTE] = "note", [C_CONCEPT] = "concept",
	};
	while (*name == ' ')
		name++;
	for (int i = C_ID; i < C_N; i++)
		if (!strcasecmp(name, names[i]))
			return (enum col)i;
	if (!strcasecmp(name, "comment") || !strcasecmp(name, "notes"))
		return C_NOTE;
	switch (io_lang_parse(name, strlen(name))) {
	case IO_L_RU: return C_RU;
	case IO_L_BG: return C_BG;
	default: return C_NONE;
	}
}

static char csv_delim(const char *line)
{
	int q = 0, n[3] = { 0, 0, 0 };
	for (const char *p = line; *p; p++) {
		if (*p == '"')
			q = !q;
		else if (!q && *p == ',')
			n[0]++;
		else if (!q && *p == ';')
			n[1]++;
		else if (!q && *p == '\t')
			n[2]++;
	}
	if (n[1] > n[0] && n[1] >= n[2])
		return ';';
	if (n[2] > n[0] && n[2] > n[1])
		return '\t';
	return ',';
}

struct cc { /* a CSV concept being gathered from consecutive rows */
	struct sv_buf id, note, texts; /* texts: NUL-separated */
	struct sv_io_term *t;
	size_t n, cap;
	size_t *off;
	size_t offcap;
};

static void cc_add(struct cc *c, enum sv_io_lang lang, const char *s)
{
	if (!has_text(s))
		return;
	const char *p = c->texts.data;
	for (size_t i = 0; i < c->n; i++, p += strlen(p) + 1)
		if (c->t[i].lang == lang && !strcmp(p, s))
			return;
	SV_GROW(c->t, c->cap, c->n + 1);
	SV_GROW(c->off, c->offcap, c->n + 1);
	c->off[c->n] = c->texts.len;
	sv_buf_adds(&c->texts, s);
	sv_buf_addc(&c->texts, '\0');
	memset(&c->t[c->n], 0, sizeof(c->t[0]));
	c->t[c->n].lang = lang;
	c->t[c->n].status = "approved";
	c->n++;
}

static int cc_flush(struct io_rd *rd, struct cc *c)
{
	if (!c->n)
		return 0;
	for (size_t i = 0; i < c->n; i++)
		c->t[i].text = c->texts.data + c->off[i];
	struct sv_io_concept k = { .id = c->id.len ? c->id.data : NULL,
				   .note = c->note.len ? c->note.data : NULL, .terms = c->t,
				   .nterms = c->n };
	int stop = io_emit_concept(rd, &k);
	c->n = 0;
	sv_buf_reset(&c->texts);
	sv_buf_reset(&c->id);
	sv_buf_reset(&c->note);
	return stop;
}

/* The end of a delimited read: the callback's error when it stopped the
 * read, else SV_EINPUT on a read error, else SV_OK. */
static int delim_end(struct io_rd *rd, FILE *f, int stop)
{
	if (stop)
		return rd->err->code;
	if (ferror(f))
		return sv_error_set(rd->err, SV_EINPUT, "'%s': read error", rd->path);
	return SV_OK;
}

/* Splits a TSV or OmegaT line into r; 0 when the line gives no pair: invalid
 * UTF-8 (warned), a comment, a language header (which sets *reversed; one
 * without '#' only when bare_header), or an empty line. */
static int tab_line(struct io_rd *rd, const struct sv_buf *line, unsigned long lineno,
		    int bare_header, struct rec *r, int *reversed)
{
	if (!valid_utf8(line)) {
		io_warn(rd, lineno, 0, "invalid UTF-8; line skipped");
		rd->skipped++;
		return 0;
	}
	split_tabs(line, r);
	if (line->data[0] == '#' || bare_header) {
		int rev;
		if (lang_header(r, &rev)) {
			*reversed = rev;
			return 0;
		}
		if (line->data[0] == '#')
			return 0;
	}
	return line->len != 0;
}

/* Puts a and b in NFC into nfc[0] and nfc[1]; 0 (warned, counted as skipped)
 * when either has no text. */
static int tab_pair(struct io_rd *rd, unsigned long lineno, const struct rec *r, const char *a,
		    const char *b, struct sv_buf nfc[2])
{
	if (!has_text(a) || !has_text(b)) {
		io_warn(rd, lineno, 0, "%s; skipped", r->n < 2 ? "no tab-separated target" :
			"an empty column");
		rd->skipped++;
		return 0;
	}
	sv_buf_reset(&nfc[0]);
	sv_buf_reset(&nfc[1]);
	io_nfc(a, strlen(a), &nfc[0]);
	io_nfc(b, strlen(b), &nfc[1]);
	return 1;
}

/* Sentence pairs, source<TAB>target[<TAB>note], or the aligned layout of
 * sverka export: score, link, ru_doc, ru_lines, bg_doc, bg_lines, ru, bg. */
static int read_tsv(struct io_rd *rd, FILE *f)
{
	struct sv_buf line = SV_BUF_INIT, nfc[2] = { SV_BUF_INIT, SV_BUF_INIT };
	struct rec r = { SV_BUF_INIT, NULL, 0, 0 };
	unsigned long lineno = 0;
	int reversed = guess_reversed(rd, f), stop = 0;
	while (get_line(f, &line, &lineno)) {
		if (!tab_line(rd, &line, lineno, lineno == 1, &r, &reversed))
			continue;
		const char *a = rec_get(&r, 0), *b = rec_get(&r, 1), *cmt = rec_get(&r, 2);
		int aligned = r.n == 8 && is_link(b);
		if (aligned) {
			a = rec_get(&r, 6);
			b = rec_get(&r, 7);
			cmt = NULL;
		}
		if (!tab_pair(rd, lineno, &r, a, b, nfc))
			continue;
		struct sv_io_unit u = { .ru = nfc[reversed].data, .bg = nfc[!reversed].data };
		u.note = has_text(cmt) ? cmt : NULL;
		if (aligned) {
			u.ru = nfc[0].data;
			u.bg = nfc[1].data;
			char *end;
			const char *sc = rec_get(&r, 0);
			u.score = has_text(sc) ? strtod(sc, &end) : 0;
			u.has_score = has_text(sc) && *end == '\0';
			u.link = rec_get(&r, 1);
		}
		if ((stop = io_emit_unit(rd, &u)))
			break;
	}
	int rc = delim_end(rd, f, stop);
	sv_buf_release(&line);
	sv_buf_release(&nfc[0]);
	sv_buf_release(&nfc[1]);
	rec_release(&r);
	return rc;
}

/* An OmegaT glossary: source<TAB>target[<TAB>comment]; consecutive lines with
 * the same source and comment make one concept. */
static int read_omegat(struct io_rd *rd, FILE *f)
{
	struct sv_buf line = SV_BUF_INIT, nfc[2] = { SV_BUF_INIT, SV_BUF_INIT };
	struct rec r = { SV_BUF_INIT, NULL, 0, 0 };
	struct og g = { SV_BUF_INIT, SV_BUF_INIT, SV_BUF_INIT, 0, 0 };
	unsigned long lineno = 0;
	int reversed = guess_reversed(rd, f), stop = 0;
	while (get_line(f, &line, &lineno)) {
		if (!tab_line(rd, &line, lineno, 0, &r, &reversed))
			continue;
		const char *cmt = rec_get(&r, 2);
		if (!tab_pair(rd, lineno, &r, rec_get(&r, 0), rec_get(&r, 1), nfc))
			continue;
		int same = g.ntgt && !strcmp(g.src.data, nfc[0].data) &&
			   !strcmp(g.comment.data, cmt ? cmt : "");
		if (g.ntgt && !same && (stop = og_flush(rd, &g, reversed)))
			break;
		if (!g.ntgt) {
			sv_buf_reset(&g.src);
			sv_buf_reset(&g.comment);
			sv_buf_add(&g.src, nfc[0].data, nfc[0].len);
			sv_buf_adds(&g.comment, cmt ? cmt : "");
			g.line = lineno;
		}
		sv_buf_add(&g.tgts, nfc[1].data, nfc[1].len + 1);
		g.ntgt++;
	}
	if (!stop)
		stop = og_flush(rd, &g, reversed);
	int rc = delim_end(rd, f, stop);
	sv_buf_release(&line);
	sv_buf_release(&nfc[0]);
	sv_buf_release(&nfc[1]);
	rec_release(&r);
	sv_buf_release(&g.src);
	sv_buf_release(&g.comment);
	sv_buf_release(&g.tgts);
	return rc;
}

/* A CSV row of units (v: the fields by column role) as a unit; non-zero when
 * the callback stopped the read. */
static int csv_unit_row(struct io_rd *rd, unsigned long lineno, const char *const *v,
			struct sv_buf nfc[2])
{
	if (!has_text(v[C_RU]) || !has_text(v[C_BG])) {
		io_warn(rd, lineno, 0, "no %s text; skipped", has_text(v[C_RU]) ? "bg" : "ru");
		rd->skipped++;
		return 0;
	}
	sv_buf_reset(&nfc[0]);
	sv_buf_reset(&nfc[1]);
	io_nfc(v[C_RU], strlen(v[C_RU]), &nfc[0]);
	io_nfc(v[C_BG], strlen(v[C_BG]), &nfc[1]);
	struct sv_io_unit u = { .ru = nfc[0].data, .bg = nfc[1].data };
	u.id = has_text(v[C_ID]) ? v[C_ID] : NULL;
	u.created = io_date_parse(v[C_CREATED]);
	const char *const *src = &v[C_RU_DOC];
	const char **dst[] = { &u.ru_doc, &u.bg_doc, &u.outlet, &u.date };
	for (int i = 0; i < 4; i++)
		*dst[i] = has_text(src[i]) ? src[i] : NULL;
	if (has_text(v[C_SCORE])) {
		char *end;
		u.score = strtod(v[C_SCORE], &end);
		u.has_score = end != v[C_SCORE];
	}
	u.link = has_text(v[C_LINK]) ? v[C_LINK] : NULL;
	u.method = has_text(v[C_METHOD]) ? v[C_METHOD] : NULL;
	u.status = has_text(v[C_STATUS]) ? v[C_STATUS] : NULL;
	u.origin = has_text(v[C_ORIGIN]) ? v[C_ORIGIN] : NULL;
	u.note = has_text(v[C_NOTE]) ? v[C_NOTE] : NULL;
	return io_emit_unit(rd, &u);
}

/* A CSV row of concepts into cc: rows with the same non-empty concept id make
 * one concept; non-zero when the callback stopped the read. */
static int csv_concept_row(struct io_rd *rd, struct cc *cc, const char *const *v)
{
	const char *cid = v[C_CONCEPT] ? v[C_CONCEPT] : "";
	if (cc->n && (strcmp(cc->id.data, cid) || !*cid)) {
		int stop = cc_flush(rd, cc);
		if (stop)
			return stop;
	}
	if (!cc->n) {
		sv_buf_adds(&cc->id, cid);
		if (v[C_NOTE])
			sv_buf_adds(&cc->note, v[C_NOTE]);
	}
	cc_add(cc, SV_IO_RU, v[C_RU]);
	cc_add(cc, SV_IO_BG, v[C_BG]);
	return 0;
}

/* CSV with a header row naming the columns (ru and bg required): units, or
 * concepts when a column is "concept". */
static int read_csv(struct io_rd *rd, FILE *f)
{
	struct sv_buf line = SV_BUF_INIT, nfc[2] = { SV_BUF_INIT, SV_BUF_INIT };
	struct rec r = { SV_BUF_INIT, NULL, 0, 0 };
	struct cc cc = { SV_BUF_INIT, SV_BUF_INIT, SV_BUF_INIT, NULL, 0, 0, NULL, 0 };
	enum col role[64];
	int ncols = 0, concepts = 0, rc = SV_OK, stop = 0;
	unsigned long lineno = 0;
	char delim = '\t';

	if (!get_line(f, &line, &lineno)) {
		rc = sv_error_set(rd->err, SV_EINPUT, "'%s': empty file, no header row", rd->path);
		goto out;
	}
	delim = csv_delim(line.data);
	rewind(f);
	lineno = 0;
	get_record(f, delim, &line, &lineno, &r);
	int have_ru = 0, have_bg = 0;
	for (size_t i = 0; i < r.n && i < 64; i++) {
		role[i] = col_role(rec_get(&r, (int)i));
		for (size_t j = 0; j < i; j++)
			if (role[j] == role[i])
				role[i] = C_NONE; /* first column of a kind wins */
		have_ru |= role[i] == C_RU;
		have_bg |= role[i] == C_BG;
		concepts |= role[i] == C_CONCEPT;
	}
	ncols = r.n < 64 ? (int)r.n : 64;
	if (!have_ru || !have_bg) {
		rc = sv_error_set(rd->err, SV_EINPUT,
				  "'%s': line 1: the header names no ru and bg columns", rd->path);
		goto out;
	}

	while (get_record(f, delim, &line, &lineno, &r)) {
		if (sv_utf8_validate((const unsigned char *)r.data.data, r.data.len) != r.data.len) {
			io_warn(rd, lineno, 0, "invalid UTF-8; record skipped");
			rd->skipped++;
			continue;
		}
		const char *v[C_N] = { 0 };
		for (int i = 0; i < ncols; i++)
			if (role[i] != C_NONE && rec_get(&r, i))
				v[role[i]] = rec_get(&r, i);
		if (r.n == 1 && !has_text(v[C_RU]) && !has_text(v[C_BG]))
			continue; /* blank line */
		stop = concepts ? csv_concept_row(rd, &cc, v) : csv_unit_row(rd, lineno, v, nfc);
		if (stop)
			break;
	}
	if (!stop && concepts)
		stop = cc_flush(rd, &cc);
	rc = delim_end(rd, f, stop);
out:
	sv_buf_release(&line);
	sv_buf_release(&nfc[0]);
	sv_buf_release(&nfc[1]);
	rec_release(&r);
	sv_buf_release(&cc.id);
	sv_buf_release(&cc.note);
	sv_buf_release(&cc.texts);
	free(cc.t);
	free(cc.off);
	return rc;
}

int io_read_delim(struct io_rd *rd, FILE *f, enum sv_io_format fmt)
{
	if (rd->want[0] != IO_L_RU)
		return sv_error_set(rd->err, SV_EINPUT, "'%s': %s cannot be a pivot memory", rd->path,
				    sv_io_format_name(fmt));
	if (fmt == SV_IO_CSV)
		return read_csv(rd, f);
	if (fmt == SV_IO_OMEGAT)
		return read_omegat(rd, f);
	return read_tsv(rd, f);
}

/* ---- gettext PO ---------------------------------------------------------------- */

/* Appends the C-escaped string literal at s (after its opening quote) to out;
 * 0 when it is not closed. */
static int po_string(const char *s, struct sv_buf *out)
{
	for (; *s; s++) {
		if (*s == '"')
			return 1;
		if (*s != '\\') {
			sv_buf_addc(out, *s);
			continue;
		}
		s++;
		switch (*s) {
		case 'n': sv_buf_addc(out, '\n'); break;
		case 't': sv_buf_addc(out, '\t'); break;
		case 'r': sv_buf_addc(out, '\r'); break;
		case 'a': sv_buf_addc(out, '\a'); break;
		case 'b': sv_buf_addc(out, '\b'); break;
		case 'f': sv_buf_addc(out, '\f'); break;
		case 'v': sv_buf_addc(out, '\v'); break;
		case 'x': {
			unsigned v = 0;
			int k = 0;
			while (k < 2 && ((s[1] >= '0' && s[1] <= '9') || (s[1] >= 'a' && s[1] <= 'f') ||
					 (s[1] >= 'A' && s[1] <= 'F'))) {
				s++;
				v = v * 16 + (unsigned)(*s <= '9' ? *s - '0' : (*s | 0x20) - 'a' + 10);
				k++;
			}
			sv_buf_addc(out, (char)v);
			break;
		}
		case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
			unsigned v = (unsigned)(*s - '0');
			for (int k = 0; k < 2 && s[1] >= '0' && s[1] <= '7'; k++)
				v = v * 8 + (unsigned)(*++s - '0');
			sv_buf_addc(out, (char)v);
			break;
		}
		case '\0':
			return 0;
		default:
			sv_buf_addc(out, *s);
			break;
		}
	}
	return 0;
}

enum { PO_NONE, PO_CTXT, PO_ID, PO_PLURAL, PO_STR, PO_STR_OTHER };

struct po {
	struct sv_buf ctxt, id, str;
	int field, fuzzy, has_id;
	unsigned long line;
	enum io_lang lang;
};

static int po_flush(struct io_rd *rd, struct po *p)
{
	int stop = 0;
	if (!p->has_id)
		goto out;
	if (!p->id.len) {
		/* The header: its Language field. */
		const char *l = strstr(p->str.data, "Language:");
		if (l) {
			l += 9;
			while (*l == ' ')
				l++;
			size_t n = strcspn(l, "\n");
			p->lang = io_lang_parse(l, n);
			if (p->lang != IO_L_NONE && p->lang != rd->want[1]) {
				sv_error_set(rd->err, SV_EINPUT, "'%s': line %lu: the language is %.*s, "
					     "not %s", rd->path, p->line, (int)(n < 20 ? n : 20), l,
					     rd->want[1] == IO_L_RU ? "ru" : "bg");
				stop = 1;
			}
		}
		goto out;
	}
	if (p->fuzzy || !p->str.len)
		goto out;
	if (!valid_utf8(&p->id) || !valid_utf8(&p->str)) {
		io_warn(rd, p->line, 0, "invalid UTF-8; entry skipped");
		rd->skipped++;
		goto out;
	}
	struct sv_buf nfc[2] = { SV_BUF_INIT, SV_BUF_INIT };
	io_nfc(p->id.data, p->id.len, &nfc[0]);
	io_nfc(p->str.data, p->str.len, &nfc[1]);
	struct sv_io_unit u = { .ru = nfc[0].data, .bg = nfc[1].data };
	u.note = p->ctxt.len ? p->ctxt.data : NULL;
	stop = io_emit_unit(rd, &u);
	sv_buf_release(&nfc[0]);
	sv_buf_release(&nfc[1]);
out:
	sv_buf_reset(&p->ctxt);
	sv_buf_reset(&p->id);
	sv_buf_reset(&p->str);
	p->field = PO_NONE;
	p->fuzzy = p->has_id = 0;
	return stop;
}

int io_read_po(struct io_rd *rd, FILE *f)
{
	struct sv_buf line = SV_BUF_INIT;
	struct po p = { SV_BUF_INIT, SV_BUF_INIT, SV_BUF_INIT, PO_NONE, 0, 0, 0, IO_L_NONE };
	unsigned long lineno = 0;
	int stop = 0, rc = SV_OK, flags_pending = 0;
	while (!stop && get_line(f, &line, &lineno)) {
		const char *s = line.data;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s) {
			if (p.has_id && p.field >= PO_STR)
				stop = po_flush(rd, &p);
			continue;
		}
		if (s[0] == '#') {
			if (s[1] == '~' || s[1] == '|')
				continue; /* obsolete or previous: skipped */
			if (p.has_id && p.field >= PO_STR) {
				if ((stop = po_flush(rd, &p)))
					break;
			}
			if (s[1] == ',' && strstr(s, "fuzzy"))
				flags_pending = 1;
			continue;
		}
		struct sv_buf *dst = NULL;
		const char *q = NULL;
		int field = PO_NONE;
		if (!strncmp(s, "msgctxt", 7)) {
			field = PO_CTXT, q = s + 7;
		} else if (!strncmp(s, "msgid_plural", 12)) {
			field = PO_PLURAL, q = s + 12;
		} else if (!strncmp(s, "msgid", 5)) {
			field = PO_ID, q = s + 5;
		} else if (!strncmp(s, "msgstr[0]", 9) || (!strncmp(s, "msgstr", 6) && s[6] != '[')) {
			field = PO_STR, q = s + (s[6] == '[' ? 9 : 6);
		} else if (!strncmp(s, "msgstr[", 7)) {
			field = PO_STR_OTHER, q = strchr(s, ']');
			q = q ? q + 1 : s + 6;
		} else if (s[0] == '"') {
			field = -1, q = s;
		} else {
			rc = sv_error_set(rd->err, SV_EINPUT, "'%s': line %lu: not a PO line", rd->path,
					  lineno);
			goto out;
		}
		if (field == PO_CTXT || (field == PO_ID && p.field != PO_CTXT)) {
			if (p.has_id && (stop = po_flush(rd, &p)))
				break;
			p.fuzzy = flags_pending;
			flags_pending = 0;
			p.line = lineno;
		}
		if (field == PO_ID)
			p.has_id = 1;
		if (field >= 0)
			p.field = field;
		switch (p.field) {
		case PO_CTXT: dst = &p.ctxt; break;
		case PO_ID: dst = &p.id; break;
		case PO_STR: dst = &p.str; break;
		default: dst = NULL; break;
		}
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q != '"') {
			rc = sv_error_set(rd->err, SV_EINPUT, "'%s': line %lu: expected a string",
					  rd->path, lineno);
			goto out;
		}
		struct sv_buf scratch = SV_BUF_INIT;
		int ok = po_string(q + 1, dst ? dst : &scratch);
		sv_buf_release(&scratch);
		if (!ok) {
			rc = sv_error_set(rd->err, SV_EINPUT, "'%s': line %lu: unterminated string",
					  rd->path, lineno);
			goto out;
		}
	}
	if (!stop && p.has_id)
		stop = po_flush(rd, &p);
	if (stop)
		rc = rd->err->code;
out:
	sv_buf_release(&line);
	sv_buf_release(&p.ctxt);
	sv_buf_release(&p.id);
	sv_buf_release(&p.str);
	return rc;
}
