/* Shared body of the io fuzz targets: feeds one input to one reader through
 * fmemopen, touching every string the reader hands back. */
#ifndef SV_FUZZ_COMMON_H
#define SV_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "io/io-int.h"

static size_t fuzz_sink;

static void fuzz_touch(const char *s)
{
	if (s)
		fuzz_sink += strlen(s);
}

static int fuzz_unit(void *ctx, const struct sv_io_unit *u)
{
	fuzz_touch(u->ru), fuzz_touch(u->bg), fuzz_touch(u->id), fuzz_touch(u->ru_doc);
	fuzz_touch(u->bg_doc), fuzz_touch(u->outlet), fuzz_touch(u->date), fuzz_touch(u->link);
	fuzz_touch(u->method), fuzz_touch(u->status), fuzz_touch(u->origin), fuzz_touch(u->note);
	fuzz_touch(u->ru_codes), fuzz_touch(u->bg_codes);
	return 0;
}

static int fuzz_concept(void *ctx, const struct sv_io_concept *c)
{
	fuzz_touch(c->id), fuzz_touch(c->subject), fuzz_touch(c->note);
	for (size_t i = 0; i < c->nterms; i++) {
		const struct sv_io_term *t = &c->terms[i];
		fuzz_touch(t->text), fuzz_touch(t->status), fuzz_touch(t->pos);
		fuzz_touch(t->context), fuzz_touch(t->note);
	}
	return 0;
}

static void fuzz_warning(void *ctx, const char *file, unsigned long line, unsigned long col,
			 const char *msg)
{
	fuzz_touch(msg);
}

static const struct sv_io_reader_cb fuzz_cb = { fuzz_unit, fuzz_concept, fuzz_warning };

static int fuzz_read(const uint8_t *data, size_t size, enum sv_io_format fmt, const char *name,
		     enum io_lang want0, enum io_lang want1)
{
	if (!size)
		return 0;
	FILE *f = fmemopen((void *)data, size, "rb");
	if (!f)
		return 0;
	struct sv_error err = { 0 };
	struct io_rd rd = { .path = name, .cb = &fuzz_cb, .err = &err, .want = { want0, want1 } };
	io_read_stream(&rd, f, fmt, NULL);
	fclose(f);
	return 0;
}

#endif
