/* Helpers shared by the io readers and writers: text clean-up, language
 * codes, dates, status vocabularies. Internal to src/io. */
#ifndef SV_IO_INT_H
#define SV_IO_INT_H

#include <stddef.h>
#include <time.h>

#include "base/buf.h"
#include "io/io.h"

/* Languages the readers care about. */
enum io_lang { IO_L_NONE = 0, IO_L_RU, IO_L_BG, IO_L_EN, IO_L_OTHER };

/* Parses ru, ru-RU, ru_RU, RU, rus, russian, русский (likewise bg, bul,
 * bulgarian, български; en, eng, english); IO_L_OTHER for any other
 * non-empty code, IO_L_NONE for an empty one. Case-insensitive. */
enum io_lang io_lang_parse(const char *s, size_t n);

/* Appends s[0..n) to out as text fit for XML 1.0: invalid UTF-8 bytes become
 * U+FFFD, code points XML 1.0 forbids are dropped, the rest is put in NFC. */
void io_clean(const char *s, size_t n, struct sv_buf *out);

/* Appends s[0..n) in NFC to out (valid UTF-8 in, as libxml2 delivers). */
void io_nfc(const char *s, size_t n, struct sv_buf *out);

/* Writes t as YYYYMMDDThhmmssZ (UTC) into buf (at least 17 bytes). */
void io_date_tmx(time_t t, char *buf);
/* Writes t as YYYY-MM-DDThh:mm:ssZ into buf (at least 21 bytes). */
void io_date_iso(time_t t, char *buf);
/* Parses either form (seconds and Z optional in the ISO form); 0 on failure. */
time_t io_date_parse(const char *s);

/* TBX part of speech for a tag ("NOUN", "n", "сущ" ...): noun, verb,
 * adjective, adverb, properNoun or other; NULL for NULL or "". */
const char *io_pos_tbx(const char *pos);

/* Whether a term status keeps a term out of the pair formats. */
int io_term_excluded(const char *status);

/* Provenance keys shared by TMX props (x-KEY), XLIFF 1.2 notes (from=KEY)
 * and XLIFF 2 notes (category=KEY). */
enum io_prop {
	IO_P_RU_DOC, IO_P_BG_DOC, IO_P_OUTLET, IO_P_DATE, IO_P_SCORE, IO_P_LINK,
	IO_P_METHOD, IO_P_STATUS, IO_P_ORIGIN, IO_P_CREATED, IO_P_N
};
extern const char *const io_prop_names[IO_P_N];
/* The io_prop for a key (with or without "x-"), or -1. */
int io_prop_find(const char *key);

/* Formats a score as it is written everywhere ("%.6g"). */
void io_score_str(double score, char *buf, size_t size);

/* Whether s is an XML NCName (ASCII letters, digits, '_', '-', '.', not
 * starting with a digit, '-' or '.'); with nmtoken, any start is fine. */
int io_is_ncname(const char *s, int nmtoken);


/* ---- Reader internals ---------------------------------------------------- */

#include <stdio.h>

/* One read in progress. Slot k of a unit (k = 0: u.ru, k = 1: u.bg) takes
 * the text in language want[k]: {RU, BG} normally, {EN, RU|BG} for a pivot. */
struct io_rd {
	const char *path;
	const struct sv_io_reader_cb *cb;
	void *ctx;
	struct sv_error *err;
	enum io_lang want[2];
	int stopped;          /* a callback returned non-zero */
	int detect_only;      /* XML: stop at the root element */
	unsigned long units, concepts, skipped;
};

/* Hands u / c to the callback; returns non-zero (and sets err) to stop. */
int io_emit_unit(struct io_rd *rd, const struct sv_io_unit *u);
int io_emit_concept(struct io_rd *rd, const struct sv_io_concept *c);
void io_warn(struct io_rd *rd, unsigned long line, unsigned long col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The format readers, on an open stream positioned at its start: each
 * returns an sv_code. */
int io_read_xml(struct io_rd *rd, FILE *f, enum sv_io_format fmt, enum sv_io_format *detected);
int io_read_delim(struct io_rd *rd, FILE *f, enum sv_io_format fmt);
int io_read_po(struct io_rd *rd, FILE *f);

/* Detects the format of the stream (rewinding it) from its first bytes and
 * rd->path's extension; SV_IO_AUTO when it cannot tell. */
enum sv_io_format io_detect_stream(struct io_rd *rd, FILE *f);

/* Reads a stream in the given or detected format: what sv_io_read() does
 * after opening the file (and what the fuzz targets call). */
int io_read_stream(struct io_rd *rd, FILE *f, enum sv_io_format fmt,
		   enum sv_io_format *detected);

/* Scans an XML prolog for entity declarations (rewinding the stream);
 * SV_EINPUT when it has one. */
int io_xml_prescan(struct io_rd *rd, FILE *f);

#endif
