/* The writers' shared machinery (write.c) and the formats behind it: one
 * struct io_format of operations per format, in write-tmx.c, write-xliff.c,
 * write-tbx.c and write-delim.c. Internal to src/io. */
#ifndef SV_IO_WRITE_INT_H
#define SV_IO_WRITE_INT_H

#include <stdio.h>

#include <libxml/xmlwriter.h>

#include "base/buf.h"
#include "base/file.h"
#include "io/io-int.h"

/* What a CSV file holds: fixed by its header, written before the first item. */
enum io_csv_kind { IO_CSV_EMPTY = 0, IO_CSV_UNITS, IO_CSV_CONCEPTS };

struct io_format;

struct sv_io_writer {
	enum sv_io_format fmt; /* TMX, XLIFF, XLIFF2, TBX, TBX3, OMEGAT, CSV, TSV */
	const struct io_format *ops; /* fmt's operations */
	struct sv_io_options o;
	const char *version;
	char *path;            /* final path; NULL: stdout */
	struct sv_file_tmp *files; /* files written so far, renamed into place at close */
	size_t nfiles, capfiles;
	FILE *f;               /* current output; NULL between split chunks */
	xmlTextWriterPtr x;
	unsigned long count;   /* units or concepts written */
	unsigned long chunk_units;
	unsigned long chunk_no;
	unsigned long next_id;
	enum io_csv_kind csv_kind; /* IO_CSV_EMPTY until the header is written */
	int file_open;         /* XLIFF: a <file> is open */
	unsigned long nfile;   /* XLIFF: <file> elements opened */
	struct sv_buf doc;     /* XLIFF per document pair: the open file's key */
	int failed;
	struct sv_error ferr;
	char lang[2][8];       /* codes for ru and bg, as written */
	int src;               /* SV_IO_RU or SV_IO_BG: the source language */
	struct sv_buf t, t2;   /* scratch */
};

/* One output format. Every operation but finish returns < 0 when a write
 * failed (the caller then fails the writer); finish returns an sv_code. */
struct io_format {
	const char *name;  /* as sv_io_format_name() gives it */
	int is_xml;        /* written through w->x (libxml2), else to w->f directly */
	int can_split;     /* o.split applies */
	/* The start of a file (after the XML declaration); NULL: nothing. */
	int (*prologue)(struct sv_io_writer *w);
	/* One unit, id its id; NULL: the format takes no units. */
	int (*unit)(struct sv_io_writer *w, const struct sv_io_unit *u, const char *id,
		    struct sv_error *err);
	/* One concept with a term, id its id; NULL: the format takes no concepts. */
	int (*concept)(struct sv_io_writer *w, const struct sv_io_concept *c, const char *id,
		       struct sv_error *err);
	/* At close, before the last epilogue, on a writer that has not failed; NULL: nothing. */
	int (*finish)(struct sv_io_writer *w, struct sv_error *err);
	/* The end of a file (before the XML document is ended); NULL: nothing. */
	int (*epilogue)(struct sv_io_writer *w);
};

extern const struct io_format io_format_tmx, io_format_xliff12, io_format_xliff2,
	io_format_tbx2, io_format_tbx3, io_format_omegat, io_format_csv, io_format_tsv;

/* Fails the writer (the first failure sticks) and copies its error to err;
 * returns the error's code. */
int io_wr_fail(struct sv_io_writer *w, struct sv_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The file being written, as error messages name it ("-" for stdout). */
const char *io_wr_path(const struct sv_io_writer *w);
/* Fails the writer with SV_EINPUT when nothing was written: an empty file of
 * the format (named what, "TBX") would not be valid. */
int io_wr_need_items(struct sv_io_writer *w, struct sv_error *err, const char *what);

static inline const char *io_wr_lang_src(const struct sv_io_writer *w)
{
	return w->lang[w->src];
}
static inline const char *io_wr_lang_tgt(const struct sv_io_writer *w)
{
	return w->lang[!w->src];
}

/* The provenance of u as (key, value) pairs; returns how many. */
int io_wr_unit_props(const struct sv_io_unit *u, const char **val, int *key, char *score,
		     char *created, int with_created);

/* Calls pair for every source/target term pair of c that the pair formats
 * take (texts set, status not excluded), k counting them from 1; stops at
 * the first that returns < 0 and returns that. */
int io_wr_pairs(struct sv_io_writer *w, const struct sv_io_concept *c, const char *cid,
		int (*pair)(struct sv_io_writer *w, const struct sv_io_term *s,
			    const struct sv_io_term *t, const struct sv_io_concept *c,
			    const char *cid, unsigned long k));

/* XML output, each returning < 0 on a libxml2 error. depth >= 0 starts a new
 * line indented by depth; -1 writes in place. */
int io_xml_start(struct sv_io_writer *w, int depth, const char *name);
int io_xml_end(struct sv_io_writer *w, int depth);
int io_xml_attr(struct sv_io_writer *w, const char *name, const char *value);
int io_xml_text(struct sv_io_writer *w, const char *s);
/* <name [aname="aval"]>text</name> on a new line at depth. */
int io_xml_elem(struct sv_io_writer *w, int depth, const char *name, const char *aname,
		const char *aval, const char *s);

#endif
