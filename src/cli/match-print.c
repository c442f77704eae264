/* Printing helpers shared by lookup, search and concord: marked words (ANSI
 * bold on a terminal, [brackets] otherwise), keyword-in-context windows, and
 * JSON for spans and concordance lines. */
#include "cli/match-print.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/bug.h"

enum sv_lang mp_other_lang(enum sv_lang lang)
{
	if (lang != SV_LANG_RU && lang != SV_LANG_BG)
		SV_BUG("a match in neither russian nor bulgarian");
	return lang == SV_LANG_RU ? SV_LANG_BG : SV_LANG_RU;
}

int mp_tty(void)
{
	return isatty(STDOUT_FILENO);
}

static void mp_open(struct sv_buf *b, int tty)
{
	sv_buf_adds(b, tty ? "\033[1m" : "[");
}

static void mp_close(struct sv_buf *b, int tty)
{
	sv_buf_adds(b, tty ? "\033[0m" : "]");
}

void mp_marked(struct sv_buf *b, const char *text, size_t from, size_t to,
	       const struct sv_match_span *sp, size_t n, int tty)
{
	size_t at = from;
	for (size_t i = 0; i < n; i++) {
		size_t s = sp[i].start, e = sp[i].start + sp[i].len;
		if (!sp[i].len || e <= at || s >= to)
			continue;
		if (s < at)
			s = at;
		if (e > to)
			e = to;
		sv_buf_add(b, text + at, s - at);
		mp_open(b, tty);
		sv_buf_add(b, text + s, e - s);
		mp_close(b, tty);
		at = e;
	}
	if (at < to)
		sv_buf_add(b, text + at, to - at);
}

/* Moves i back (dir < 0) or forward to a UTF-8 boundary. */
static size_t mp_boundary(const char *s, size_t i, size_t n, int dir)
{
	while (i > 0 && i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
		i += dir < 0 ? (size_t)-1 : 1;
	return i;
}

void mp_kwic(struct sv_buf *b, const char *text, struct sv_match_span hl, size_t width, int tty)
{
	size_t n = strlen(text);
	size_t from = hl.start > width ? hl.start - width : 0;
	size_t to = hl.start + hl.len + width < n ? hl.start + hl.len + width : n;
	from = mp_boundary(text, from, n, 1);
	to = mp_boundary(text, to, n, -1);
	if (from > 0) {
		const char *sp = memchr(text + from, ' ', hl.start > from ? hl.start - from : 0);
		if (sp)
			from = (size_t)(sp - text) + 1;
		sv_buf_adds(b, "…");
	}
	if (to < n) {
		size_t end = hl.start + hl.len;
		for (size_t k = to; k > end; k--)
			if (text[k - 1] == ' ') {
				to = k - 1;
				break;
			}
	}
	mp_marked(b, text, from, to, &hl, 1, tty);
	if (to < n)
		sv_buf_adds(b, "…");
}

void mp_json_spans(struct sv_buf *b, const char *text, const struct sv_match_span *sp, size_t n)
{
	sv_buf_addc(b, '[');
	for (size_t i = 0; i < n; i++) {
		char *w = sv_strndup(text + sp[i].start, sp[i].len);
		sv_buf_addf(b, "%s{\"start\":%u,\"len\":%u,\"text\":", i ? "," : "", sp[i].start,
			    sp[i].len);
		sv_buf_add_json(b, w);
		sv_buf_addc(b, '}');
		free(w);
	}
	sv_buf_addc(b, ']');
}

void mp_json_line(struct sv_buf *b, const struct sv_match_line *l)
{
	sv_buf_addf(b, "{\"lang\":\"%s\",\"text\":", sv_lang_code(l->lang));
	sv_buf_add_json(b, l->text);
	sv_buf_adds(b, ",\"match\":");
	mp_json_spans(b, l->text, &l->hl, l->hl.len ? 1 : 0);
	sv_buf_adds(b, ",\"other\":");
	if (l->other)
		sv_buf_add_json(b, l->other);
	else
		sv_buf_adds(b, "null");
	sv_buf_addf(b, ",\"segment\":%lld,\"unit\":%lld,\"doc\":%lld}", (long long)l->seg,
		    (long long)l->unit, (long long)l->doc);
}

void mp_json_query_start(struct sv_buf *b, const char *query, enum sv_lang lang)
{
	sv_buf_adds(b, "{\"query\":");
	sv_buf_add_json(b, query);
	sv_buf_addf(b, ",\"lang\":\"%s\"", sv_lang_code(lang));
}
