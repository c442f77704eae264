/* Reading interchange files: format detection, the XML prolog check that
 * refuses entity declarations, and dispatch to the format readers. */
#include "io/io-int.h"

#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "base/file.h"

/* A callback asked to stop: marks the read stopped, with "stopped by the
 * caller" as its error unless it has one. Returns 1. */
static int caller_stopped(struct io_rd *rd)
{
	rd->stopped = 1;
	if (rd->err && rd->err->code == SV_OK)
		sv_error_set(rd->err, SV_EINPUT, "'%s': stopped by the caller", rd->path);
	return 1;
}

int io_emit_unit(struct io_rd *rd, const struct sv_io_unit *u)
{
	rd->units++;
	if (!rd->cb || !rd->cb->unit || !rd->cb->unit(rd->ctx, u))
		return 0;
	return caller_stopped(rd);
}

int io_emit_concept(struct io_rd *rd, const struct sv_io_concept *c)
{
	rd->concepts++;
	if (!rd->cb || !rd->cb->concept || !rd->cb->concept(rd->ctx, c))
		return 0;
	return caller_stopped(rd);
}

void io_warn(struct io_rd *rd, unsigned long line, unsigned long col, const char *fmt, ...)
{
	if (!rd->cb || !rd->cb->warning)
		return;
	char msg[SV_ERROR_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rd->cb->warning(rd->ctx, rd->path, line, col, msg);
}

/* Reads the next character of the prolog as a small value: ASCII as itself,
 * anything else as 0x80; -1 at the end. UTF-16 by its BOM. */
static int pro_getc(FILE *f, int wide)
{
	int a = getc(f);
	if (a == EOF || !wide)
		return a == EOF ? -1 : (a < 0x80 ? a : 0x80);
	int b = getc(f);
	if (b == EOF)
		return -1;
	unsigned u = wide == 1 ? (unsigned)(a | (b << 8)) : (unsigned)((a << 8) | b);
	return u < 0x80 ? (int)u : 0x80;
}

int io_xml_prescan(struct io_rd *rd, FILE *f)
{
	unsigned char bom[2] = { 0, 0 };
	int wide = 0;
	size_t got = fread(bom, 1, 2, f);
	if (got == 2 && bom[0] == 0xFF && bom[1] == 0xFE)
		wide = 1;
	else if (got == 2 && bom[0] == 0xFE && bom[1] == 0xFF)
		wide = 2;
	else
		rewind(f);
	/* Modes: 0 markup and text, 1 comment, 2 processing instruction. */
	int mode = 0, c, rc = SV_OK;
	char win[9] = { 0 };
	unsigned long line = 1;
	while ((c = pro_getc(f, wide)) >= 0) {
		if (c == '\n')
			line++;
		if (mode == 0 && win[7] == '<' && (c >= 0x80 || c == '_' || c == ':' ||
						   (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
			break; /* the root element */
		memmove(win, win + 1, 7);
		win[7] = (char)(c >= 0x80 ? '?' : c);
		if (c == 0)
			win[7] = ' ';
		if (mode == 0) {
			if (!memcmp(win + 4, "<!--", 4)) {
				mode = 1;
				memset(win, 0, 8);
			} else if (!memcmp(win + 6, "<?", 2)) {
				mode = 2;
				memset(win, 0, 8);
			} else if (!memcmp(win, "<!ENTITY", 8)) {
				rc = sv_error_set(rd->err, SV_EINPUT,
						  "'%s': line %lu: the DTD declares an entity; refused "
						  "(entity expansion and external entities are not read)",
						  rd->path, line);
				break;
			}
		} else if (mode == 1 && !memcmp(win + 5, "-->", 3)) {
			mode = 0;
			memset(win, 0, 8);
		} else if (mode == 2 && !memcmp(win + 6, "?>", 2)) {
			mode = 0;
			memset(win, 0, 8);
		}
	}
	rewind(f);
	return rc;
}

static int ext_is(const char *path, const char *ext)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	return dot && !strcasecmp(dot + 1, ext);
}

enum sv_io_format io_detect_stream(struct io_rd *rd, FILE *f)
{
	char buf[4096];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	rewind(f);
	buf[n] = '\0';
	const char *p = buf;
	if (n >= 2 && ((unsigned char)buf[0] == 0xFF || (unsigned char)buf[0] == 0xFE))
		return SV_IO_AUTO; /* UTF-16: XML only; the XML reader tells which */
	if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	if (*p == '<')
		return SV_IO_AUTO; /* XML */
	const char *path = rd->path;
	if (ext_is(path, "po") || ext_is(path, "pot"))
		return SV_IO_PO;
	if (!strncmp(p, "# -*- coding", 12) || ext_is(path, "utf8"))
		return SV_IO_OMEGAT;
	if (ext_is(path, "csv"))
		return SV_IO_CSV;
	if (ext_is(path, "tsv") || ext_is(path, "tab"))
		return SV_IO_TSV;
	/* By content: PO keywords, a tab, or a comma-separated header. */
	if (strstr(buf, "\nmsgid \"") || !strncmp(p, "msgid \"", 7) || !strncmp(p, "msgctxt", 7))
		return SV_IO_PO;
	const char *eol = strchr(p, '\n');
	size_t first = eol ? (size_t)(eol - p) : strlen(p);
	if (memchr(p, '\t', first))
		return *p == '#' ? SV_IO_OMEGAT : SV_IO_TSV;
	if (memchr(p, ',', first) || memchr(p, ';', first))
		return SV_IO_CSV;
	return SV_IO_TSV;
}

int io_read_stream(struct io_rd *rd, FILE *f, enum sv_io_format fmt,
		   enum sv_io_format *detected)
{
	if (fmt == SV_IO_AUTO)
		fmt = io_detect_stream(rd, f);
	if (detected)
		*detected = fmt;
	switch (fmt) {
	case SV_IO_AUTO:
	case SV_IO_TMX:
	case SV_IO_XLIFF:
	case SV_IO_XLIFF2:
	case SV_IO_TBX:
	case SV_IO_TBX3:
		return io_read_xml(rd, f, fmt, detected);
	case SV_IO_OMEGAT:
	case SV_IO_CSV:
	case SV_IO_TSV:
		return io_read_delim(rd, f, fmt);
	case SV_IO_PO:
		if (rd->want[0] != IO_L_EN)
			return sv_error_set(rd->err, SV_EINPUT,
					    "'%s': a gettext PO file pairs English with one language; "
					    "import it with the English pivot", rd->path);
		return io_read_po(rd, f);
	}
	return sv_error_set(rd->err, SV_EUSAGE, "unknown format %d", (int)fmt);
}

int sv_io_detect(const char *path, enum sv_io_format *fmt, struct sv_error *err)
{
	struct io_rd rd = { .path = path, .err = err };
	FILE *f;
	int rc = sv_file_open(path, &f, err);
	if (rc)
		return rc;
	*fmt = io_detect_stream(&rd, f);
	if (*fmt == SV_IO_AUTO) {
		/* XML: read only until the root element tells. */
		struct sv_io_reader_cb none = { 0 };
		rd.cb = &none;
		rd.detect_only = 1;
		rc = io_read_xml(&rd, f, SV_IO_AUTO, fmt);
		if (rc == SV_OK && *fmt == SV_IO_AUTO)
			rc = sv_error_set(err, SV_EINPUT, "'%s': unknown format", path);
	}
	fclose(f);
	return rc;
}

int sv_io_read(const char *path, enum sv_io_format fmt, const struct sv_io_reader_cb *cb,
	       void *ctx, enum sv_io_format *detected, struct sv_error *err)
{
	struct sv_error local;
	if (!err)
		err = &local;
	sv_error_clear(err);
	struct io_rd rd = { .path = path, .cb = cb, .ctx = ctx, .err = err,
			    .want = { IO_L_RU, IO_L_BG } };
	FILE *f;
	int rc = sv_file_open(path, &f, err);
	if (rc)
		return rc;
	rc = io_read_stream(&rd, f, fmt, detected);
	fclose(f);
	return rc;
}
