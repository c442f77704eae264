/* Interchange formats, independent of the database: streaming writers and
 * readers for TMX 1.4b, XLIFF 1.2 / 2.x, TBX-Basic v2 (martif) and v3,
 * OmegaT glossary TSV, CSV and plain TSV, plus the English pivot join.
 *
 * Ownership: every string in the structs below is borrowed. A writer copies
 * what it needs before sv_io_write_*() returns; a reader's structs and their
 * strings are valid only during the callback that receives them. */
#ifndef SV_IO_H
#define SV_IO_H

#include <stddef.h>
#include <time.h>

#include "base/error.h"

enum sv_io_format {
	SV_IO_AUTO = 0, /* reader: detect from content (and name) */
	SV_IO_TMX,      /* TMX 1.4b */
	SV_IO_XLIFF,    /* XLIFF 1.2 (writer: 2.1 with options.xliff_version = 21) */
	SV_IO_XLIFF2,   /* XLIFF 2.0 / 2.1 (writer: same as SV_IO_XLIFF with version 21) */
	SV_IO_TBX,      /* TBX-Basic v2 martif (writer: v3 with options.tbx_version = 3) */
	SV_IO_TBX3,     /* TBX v3, ISO 30042:2019 (writer: same as SV_IO_TBX with version 3) */
	SV_IO_OMEGAT,   /* OmegaT glossary: source<TAB>target<TAB>comment */
	SV_IO_CSV,      /* comma-separated with a header row (memoQ, Trados) */
	SV_IO_TSV,      /* sentence pairs: source<TAB>target, no header (or the aligned
			   layout, see tsv_aligned; the reader takes both) */
	SV_IO_PO,       /* gettext PO: read only, for the English pivot */
};

/* "tmx", "xliff", "xliff2", "tbx", "tbx3", "omegat", "csv", "tsv", "po", "auto". */
const char *sv_io_format_name(enum sv_io_format fmt);
/* Parses the names above (case-insensitive; "tbx2", "xliff1", "utf8" too);
 * returns SV_IO_AUTO for anything else. */
enum sv_io_format sv_io_format_parse(const char *name);

/* A translation unit. Texts are UTF-8; the writer converts to NFC and drops
 * code points XML 1.0 forbids. Any field but ru and bg may be NULL. */
struct sv_io_unit {
	const char *ru, *bg; /* the segment texts (required) */
	const char *id;      /* tuid / trans-unit id; NULL: the writer numbers 1, 2, ... */
	time_t created;      /* creation time (UTC); 0: unknown */
	const char *ru_doc, *bg_doc; /* documents the sentences came from */
	const char *outlet;  /* publication */
	const char *date;    /* publication date, YYYY-MM-DD */
	int has_score;       /* whether score is set */
	double score;        /* alignment score */
	const char *link;    /* link type: "1-1", "2-1", ... */
	const char *method;  /* "parallel", "mining", "import", "pivot" */
	const char *status;  /* "candidate", "approved", "rejected", ... */
	const char *origin;  /* file the unit was imported from */
	const char *note;    /* free text */
	const char *ru_lines, *bg_lines; /* segment ordinals in their documents, "3,4" */
	/* Inline codes of each text, in order, space-separated: element name and
	 * id ("g1 x2 /g1", TMX it with its pos: "it1:begin"), as `check` compares
	 * them. Set by the TMX and XLIFF readers (NULL when a text has none);
	 * NULL elsewhere; writers ignore them. */
	const char *ru_codes, *bg_codes;
};

enum sv_io_lang { SV_IO_RU = 0, SV_IO_BG = 1 };

struct sv_io_term {
	enum sv_io_lang lang;
	const char *text;    /* required */
	const char *status;  /* "approved", "candidate", "rejected", "forbidden", "deprecated"; NULL: approved */
	int preferred;       /* the preferred term of its language in the concept */
	const char *pos;     /* part of speech: noun, verb, adjective, adverb, properNoun, other (or UD tags) */
	const char *context; /* an example of use */
	long freq;           /* corpus frequency; 0: unknown */
	const char *note;
};

struct sv_io_concept {
	const char *id;      /* termEntry id; NULL: the writer numbers c1, c2, ... */
	const char *subject; /* subject field */
	const char *note;    /* definition or note */
	const struct sv_io_term *terms;
	size_t nterms;
};

struct sv_io_options {
	int source_bg;       /* 0: ru is the source language; 1: bg */
	int bare_lang;       /* 0: ru-RU / bg-BG; 1: ru / bg */
	int xliff_version;   /* 12 (0 means 12) or 21 (20 writes 2.0) */
	int xliff_per_doc;   /* XLIFF: a <file> per document pair (ru_doc, bg_doc), in the
				order units come: give them grouped by pair */
	int tbx_version;     /* 2 (0 means 2) or 3 */
	unsigned long split; /* TMX: units per file; name.tmx -> name-0001.tmx ...; 0: one file */
	int tmx_terms;       /* TMX of concepts: segtype "phrase" */
	int tsv_aligned;     /* TSV of units: score, link, ru_doc, ru_lines, bg_doc, bg_lines,
				ru, bg (always ru before bg; source_bg ignored) instead of
				source<TAB>target */
	const char *tool_version; /* NULL: the package version */
	const char *original;     /* XLIFF file/@original; NULL: "sverka" */
	time_t now;          /* header creation date; 0: time(NULL) */
};

/* Parses a time as TMX writes it (YYYYMMDDThhmmssZ) or in ISO 8601
 * (YYYY-MM-DD[Thh:mm[:ss]][Z], UTC); 0 when it is neither. */
time_t sv_io_time_parse(const char *s);

/* ---- Writing ------------------------------------------------------------ */

struct sv_io_writer;

/* Opens a writer for fmt (not AUTO or PO) to path, or to stdout when path is
 * NULL or "-". A file is written to a temporary name in the same directory
 * and renamed by a successful sv_io_writer_close(), so a failed export
 * leaves no file. opts may be NULL (defaults). NULL on error. */
struct sv_io_writer *sv_io_writer_open(enum sv_io_format fmt, const char *path,
				       const struct sv_io_options *opts, struct sv_error *err);

/* Writes one unit. TBX and OmegaT take concepts only (SV_EUSAGE); CSV takes
 * either, but not both in one file. */
int sv_io_write_unit(struct sv_io_writer *w, const struct sv_io_unit *u, struct sv_error *err);

/* Writes one concept. TMX writes one phrase unit per ru/bg term pair (not
 * rejected, forbidden or deprecated); OmegaT and CSV one line per pair;
 * XLIFF and TSV take units only. A concept without a term in the target
 * language writes nothing in the pair formats. */
int sv_io_write_concept(struct sv_io_writer *w, const struct sv_io_concept *c,
			struct sv_error *err);

/* Finishes the document, flushes, and renames the temporary file(s) into
 * place; after any earlier failure it removes them instead and returns that
 * failure. A TBX or XLIFF 2 export with nothing in it would not be valid:
 * SV_EINPUT then, and no file. Frees w in every case. */
int sv_io_writer_close(struct sv_io_writer *w, struct sv_error *err);

/* Abandons the export: removes the temporary file(s) and frees w. */
void sv_io_writer_discard(struct sv_io_writer *w);

/* Units and concepts written so far. */
unsigned long sv_io_writer_count(const struct sv_io_writer *w);

/* ---- Reading ------------------------------------------------------------ */

/* Callbacks return 0 to continue; any other value aborts the read, which
 * then returns SV_EINPUT with "'file': stopped by the caller" unless the
 * callback set err itself (code != SV_OK) through its ctx. Any may be NULL. */
struct sv_io_reader_cb {
	int (*unit)(void *ctx, const struct sv_io_unit *u);
	int (*concept)(void *ctx, const struct sv_io_concept *c);
	/* A recoverable problem: a skipped unit, an unknown language. */
	void (*warning)(void *ctx, const char *file, unsigned long line, unsigned long col,
			const char *msg);
};

/* Reads path (fmt or SV_IO_AUTO to detect), streaming: memory stays flat in
 * the size of the file. XML is parsed without network access, DTD loading
 * or entity expansion; a file that declares entities is refused. Translation
 * memories (TMX, XLIFF, CSV/TSV of units) give units with their provenance;
 * glossaries (TBX, OmegaT, CSV with a concept column) give concepts. On
 * malformed input returns SV_EINPUT with "'file': line L, column C: message".
 * *detected (may be NULL) gets the format read. */
int sv_io_read(const char *path, enum sv_io_format fmt, const struct sv_io_reader_cb *cb,
	       void *ctx, enum sv_io_format *detected, struct sv_error *err);

/* Detects the format of path from its first bytes (and its name for the
 * text formats). SV_EINPUT when it cannot tell. */
int sv_io_detect(const char *path, enum sv_io_format *fmt, struct sv_error *err);

/* ---- English pivot -------------------------------------------------------- */

/* Joins an en<->ru file and an en<->bg file (TMX, XLIFF 1.2/2.x or gettext
 * PO, either direction) on their English text (NFC, whitespace collapsed,
 * trimmed) and calls cb->unit for every ru/bg pair, with method "pivot",
 * ru_doc / bg_doc naming the two files and origin "pivot:A+B". Each distinct
 * ru/bg pair is given once, with the English text as its note. The en<->bg
 * side is held in memory. PO: msgid/msgstr (msgstr[0] for plurals) with
 * continuation lines and C escapes; fuzzy, obsolete and untranslated entries
 * are skipped; msgctxt does not enter the key (a TMX side has none); the
 * header's Language, when given, must be the expected one. */
int sv_io_pivot_read(const char *en_ru, const char *en_bg, const struct sv_io_reader_cb *cb,
		     void *ctx, struct sv_error *err);

#endif
