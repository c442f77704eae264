/* Terminology and consistency checks over translated segment pairs: glossary
 * terms missing or forbidden (matched by lemma, so any inflected form counts),
 * inconsistent renderings, numbers, untranslated targets, mixed scripts and
 * inline codes. The checks work on an in-memory list of pairs and a glossary,
 * independent of file formats; the readers in read.c map files into them.
 *
 * Ownership: struct sv_check_segs, sv_check_glossary, sv_check_config and
 * sv_check_findings own everything they hold; initialise each with its
 * _init() (the glossary: sv_check_glossary_new()) and free with _release()
 * (_free()). Findings refer to segments by index: keep the segs alive while
 * the findings are used. A glossary borrows the sv_text it was made with. */
#ifndef SV_CHECK_H
#define SV_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/map.h"
#include "text/text.h"

/* ---- Checks, severities ------------------------------------------------ */

enum sv_check_id {
	SV_CHECK_TERM_MISSING = 0,
	SV_CHECK_TERM_FORBIDDEN,
	SV_CHECK_TERM_INCONSISTENT,
	SV_CHECK_SEGMENT_INCONSISTENT,
	SV_CHECK_NUMBER_MISMATCH,
	SV_CHECK_UNTRANSLATED,
	SV_CHECK_MIXED_SCRIPT,
	SV_CHECK_TAG_MISMATCH,
	SV_CHECK_COUNT
};

enum sv_check_severity { SV_CHECK_OFF = 0, SV_CHECK_INFO, SV_CHECK_WARNING, SV_CHECK_ERROR };

/* "term-missing", ... ; sv_check_parse() returns -1 for an unknown name. */
const char *sv_check_name(int check);
int sv_check_parse(const char *name);
/* "off", "info", "warning", "error"; parse returns -1 for anything else. */
const char *sv_check_severity_name(int sev);
int sv_check_severity_parse(const char *name);
/* One line on what the check compares (for --help and reports). */
const char *sv_check_describe(int check);

/* ---- Segment pairs ------------------------------------------------------ */

struct sv_check_seg {
	uint32_t file;         /* id in segs->files (sv_intern) */
	char *unit;            /* owned: unit id as the file gives it (line number for TSV) */
	char *src, *tgt;       /* owned, NFC; inline codes removed; tgt NULL: no target at all */
	char *src_codes;       /* owned: inline codes in order, space-separated ("g1 /g1 x2"); */
	char *tgt_codes;       /*   NULL when the format has none (TSV, plain text) */
	enum sv_lang src_lang, tgt_lang;
};

struct sv_check_segs {
	struct sv_check_seg *v; /* owned */
	size_t n, cap;
	struct sv_intern files; /* file names */
};

void sv_check_segs_init(struct sv_check_segs *s);
void sv_check_segs_release(struct sv_check_segs *s);
/* Appends a pair; every string is copied (tgt, codes may be NULL). */
void sv_check_segs_add(struct sv_check_segs *s, const char *file, const char *unit,
		       const char *src, const char *tgt, const char *src_codes,
		       const char *tgt_codes, enum sv_lang src_lang, enum sv_lang tgt_lang);
static inline const char *sv_check_seg_file(const struct sv_check_segs *s, size_t i)
{
	return sv_intern_str(&s->files, s->v[i].file);
}

/* ---- Glossary ------------------------------------------------------------ */

enum sv_check_term_status {
	SV_CHECK_ST_APPROVED = 0, /* a required equivalent (preferred or admitted) */
	SV_CHECK_ST_CANDIDATE,    /* known rendering, not required (counts for consistency) */
	SV_CHECK_ST_FORBIDDEN,    /* forbidden or deprecated: flagged in any target */
	SV_CHECK_ST_AVOID,        /* a rejected rendering of this concept's source terms only */
};

struct sv_check_glossary;

/* A new empty glossary that lemmatises its terms with t (borrowed). */
struct sv_check_glossary *sv_check_glossary_new(struct sv_text *t);
void sv_check_glossary_free(struct sv_check_glossary *g);
/* Starts a new concept and returns its id (dense, from 0). */
uint32_t sv_check_glossary_concept(struct sv_check_glossary *g);
/* Adds a term of lang (RU or BG) to concept. Its text is tokenised and each
 * word lemmatised, so any inflected form of every word matches. Returns
 * SV_EINPUT when the text has no word. Duplicates are merged. */
int sv_check_glossary_add(struct sv_check_glossary *g, uint32_t concept, enum sv_lang lang,
			  const char *text, enum sv_check_term_status status, struct sv_error *err);
size_t sv_check_glossary_terms(const struct sv_check_glossary *g);
size_t sv_check_glossary_concepts(const struct sv_check_glossary *g);

/* A glossary term found in a text. */
struct sv_check_match {
	uint32_t term;          /* index of the term */
	uint32_t concept;
	uint32_t start, len;    /* bytes in the text */
	enum sv_check_term_status status;
};

struct sv_check_matches {
	struct sv_check_match *v; /* owned */
	size_t n, cap;
};
void sv_check_matches_release(struct sv_check_matches *m);

/* Finds the glossary terms of lang in s (replacing out's contents), leftmost
 * longest and not overlapping, in text order. */
int sv_check_glossary_find(struct sv_check_glossary *g, enum sv_lang lang, const char *s,
			   struct sv_check_matches *out, struct sv_error *err);
/* The citation form of a term (borrowed from g). */
const char *sv_check_glossary_citation(const struct sv_check_glossary *g, uint32_t term);

/* ---- Configuration ------------------------------------------------------ */

struct sv_check_config {
	int severity[SV_CHECK_COUNT]; /* enum sv_check_severity; OFF disables */
	struct sv_map suppress;       /* "FILE:UNIT" or ":UNIT" (any file) -> 1 */
	int candidates;               /* candidate renderings count as approved equivalents */
};

/* Defaults: every check on; term-missing, term-forbidden, number-mismatch,
 * untranslated, mixed-script and tag-mismatch are errors, the two
 * consistency checks warnings. */
void sv_check_config_init(struct sv_check_config *c);
void sv_check_config_release(struct sv_check_config *c);
/* Applies one setting: "CHECK=off|on|info|warning|error" (on restores the
 * default severity), or "suppress=[FILE:]UNIT". SV_EUSAGE on a bad one. */
int sv_check_config_set(struct sv_check_config *c, const char *setting, struct sv_error *err);
/* Reads a config file: one setting a line as above ("CHECK = error",
 * "suppress = report.xlf:12", "candidates = yes"); blank lines and '#'
 * comments ignored. SV_EINPUT naming the file and line on a bad one. */
int sv_check_config_read(struct sv_check_config *c, const char *path, struct sv_error *err);
/* Whether a finding on FILE:UNIT is suppressed (FILE matches as given or by
 * its last path component). */
int sv_check_config_suppressed(const struct sv_check_config *c, const char *file,
			       const char *unit);

/* ---- Findings ------------------------------------------------------------ */

struct sv_check_finding {
	int check;              /* enum sv_check_id */
	int severity;           /* enum sv_check_severity, never OFF */
	size_t seg;             /* index into the segs */
	char *message;          /* owned: one line with the evidence */
	int side;               /* 0: the mark is in the source, 1: in the target */
	uint32_t mark, marklen; /* byte range to highlight; marklen 0: none */
};

struct sv_check_findings {
	struct sv_check_finding *v; /* owned, grouped by check, then in segment order */
	size_t n, cap;
	size_t count[SV_CHECK_COUNT];
	size_t errors, warnings, infos;
};

void sv_check_findings_init(struct sv_check_findings *f);
void sv_check_findings_release(struct sv_check_findings *f);

/* Runs every enabled check over segs (a batch: consistency is judged across
 * all of it) with glossary g (may be NULL: no term checks), appending to out.
 * Suppressed units give no findings. */
int sv_check_run(struct sv_text *t, const struct sv_check_segs *segs,
		 struct sv_check_glossary *g, const struct sv_check_config *cfg,
		 struct sv_check_findings *out, struct sv_error *err);

/* ---- Reading reports and glossaries (read.c) ----------------------------- */

/* Reads a report into segs: XLIFF 1.2 / 2.x and TMX (inline codes kept in
 * order, in src_codes / tgt_codes), or a TSV of pairs (source<TAB>target a
 * line, unit = line number). src is the source language (SV_LANG_UNKNOWN:
 * from the file's declaration, else detected). SV_EINPUT on bad input. */
int sv_check_read_report(const char *path, enum sv_lang src, struct sv_check_segs *segs,
			 struct sv_error *err);
/* Reads a glossary file: TBX (v2 martif or v3; administrativeStatus and
 * termNote status give the status), OmegaT/TSV (source<TAB>target[<TAB>
 * comment]; a comment starting "forbidden" or "deprecated" marks the target
 * forbidden) or CSV with a header (columns ru, bg and optionally status).
 * src is the source language of the two-column formats. */
int sv_check_read_glossary(const char *path, enum sv_lang src, struct sv_check_glossary *g,
			   struct sv_error *err);

struct sv_store;
/* Adds the memory's termbase (termbase.c): each concept's terms with their
 * status; every term pair not rejected under its Russian term's concept,
 * the Bulgarian term approved, candidate, or (pair forbidden) a rejected
 * rendering of that concept; terms whose status is forbidden are forbidden
 * everywhere. */
int sv_check_glossary_load_store(struct sv_check_glossary *g, struct sv_store *st,
				 struct sv_error *err);

/* ---- Reports (report.c) ---------------------------------------------------- */

enum sv_check_format { SV_CHECK_TEXT = 0, SV_CHECK_JSON, SV_CHECK_HTML };

/* Appends the findings to out: a human report grouped by check with the
 * marked excerpt (text), {"findings":[...],"summary":{...}} (json), or one
 * self-contained HTML page with summary counts and a filterable table per
 * check (html). */
void sv_check_report(const struct sv_check_segs *segs, const struct sv_check_findings *f,
		     enum sv_check_format fmt, struct sv_buf *out);

#endif
