/* Printing helpers shared by lookup, search and concord: marked words (ANSI
 * bold on a terminal, [brackets] otherwise), keyword-in-context windows, and
 * JSON for spans and concordance lines. All append to a caller's buffer. */
#ifndef SV_CLI_MATCH_PRINT_H
#define SV_CLI_MATCH_PRINT_H

#include <stddef.h>

#include "base/buf.h"
#include "match/match.h"

/* The other of Russian and Bulgarian: the matcher answers in these two
 * only, so any other lang is a bug (SV_BUG). */
enum sv_lang mp_other_lang(enum sv_lang lang);
/* Whether stdout is a terminal (marks are then ANSI bold, else [brackets]). */
int mp_tty(void);
/* Appends text[from, to) with the n spans sp inside it marked. */
void mp_marked(struct sv_buf *b, const char *text, size_t from, size_t to,
	       const struct sv_match_span *sp, size_t n, int tty);
/* Appends a keyword-in-context window: about width bytes of context each
 * side of hl, cut at spaces, "…" where cut. */
void mp_kwic(struct sv_buf *b, const char *text, struct sv_match_span hl, size_t width, int tty);
/* Appends the n spans sp of text as a JSON array of {"start","len","text"}. */
void mp_json_spans(struct sv_buf *b, const char *text, const struct sv_match_span *sp, size_t n);
/* Appends concordance line l as a JSON object (lang, text, match, other,
 * segment, unit, doc). */
void mp_json_line(struct sv_buf *b, const struct sv_match_line *l);
/* Starts the JSON answer of search and concord: {"query":<query>,"lang":"<lang>"
 * with the object left open for the command's own members. */
void mp_json_query_start(struct sv_buf *b, const char *query, enum sv_lang lang);

#endif
