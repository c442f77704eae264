/* The per-unit content checks: untranslated (which the run judges first for
 * every unit, since its verdict gates the others), number-mismatch,
 * mixed-script and tag-mismatch. */
#include "check/check-int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- untranslated ------------------------------------------------------------ */

static const char *lang_name(enum sv_lang l)
{
	return l == SV_LANG_RU ? "Russian" : l == SV_LANG_BG ? "Bulgarian" : "the source language";
}

/* Whether every word of the tokens is a name, an acronym or Latin: a target
 * identical to such a source needs no translation. */
static int names_only(const struct sv_tokens *toks)
{
	for (size_t i = 0; i < toks->n; i++) {
		const struct sv_token *tk = &toks->v[i];
		if (tk->type != SV_TOK_WORD || (tk->flags & SV_TOKF_PART))
			continue;
		if (!(tk->flags & (SV_TOKF_CAPITAL | SV_TOKF_LATIN)))
			return 0;
	}
	return 1;
}

/* A cheap first test that text may be in lang rather than the other
 * language: Russian has ы, э and ё, which Bulgarian lacks; Bulgarian has ѝ,
 * and ъ before a consonant or at a word's end, which Russian lacks. The
 * language identifier then decides. */
static int looks_like(const char *text, enum sv_lang lang)
{
	const unsigned char *p = (const unsigned char *)text;
	for (size_t i = 0; p[i]; i++) {
		if (p[i] != 0xD1 && p[i] != 0xD0)
			continue;
		unsigned c = (unsigned)p[i] << 8 | p[i + 1];
		if (lang == SV_LANG_RU && (c == 0xD18B || c == 0xD0AB || c == 0xD18D ||
					   c == 0xD0AD ||
					   c == 0xD191 || c == 0xD081))
			return 1; /* ы Ы э Э ё Ё */
		if (lang == SV_LANG_BG) {
			if (c == 0xD19D || c == 0xD08D)
				return 1; /* ѝ Ѝ */
			if (c == 0xD18A || c == 0xD0AA) { /* ъ Ъ */
				unsigned d = p[i + 2] ? (unsigned)p[i + 2] << 8 | p[i + 3] : 0;
				/* Russian writes ъ only before е, ё, ю, я */
				if (d != 0xD0B5 && d != 0xD191 && d != 0xD18E && d != 0xD18F &&
				    d != 0xD095 && d != 0xD0AE && d != 0xD0AF)
					return 1;
			}
		}
		if (p[i + 1])
			i++;
	}
	return 0;
}

static size_t count_words(const struct sv_tokens *toks)
{
	size_t n = 0;
	for (size_t i = 0; i < toks->n; i++)
		n += (toks->v[i].type == SV_TOK_WORD) && !(toks->v[i].flags & SV_TOKF_PART);
	return n;
}

int ck_untranslated(struct sv_check_run *r, size_t i)
{
	const struct sv_check_seg *s = &r->segs->v[i];
	const char *tgt = s->tgt ? s->tgt : "";
	int src_blank = 1, tgt_blank = 1;
	for (const char *p = s->src; *p && src_blank; p++)
		src_blank = isspace((unsigned char)*p);
	for (const char *p = tgt; *p && tgt_blank; p++)
		tgt_blank = isspace((unsigned char)*p);
	if (src_blank)
		return 0;
	if (tgt_blank) {
		ck_found(r, SV_CHECK_UNTRANSLATED, i, 1, 0, 0, "%s",
			       s->tgt ? "the target is empty" : "the unit has no target");
		return 1;
	}
	if (r->src_key[i] && r->tgt_key[i] && !strcmp(r->src_key[i], r->tgt_key[i])) {
		if (names_only(&r->src_toks))
			return 0;
		ck_found(r, SV_CHECK_UNTRANSLATED, i, 1, 0, (uint32_t)strlen(tgt),
			       "the target is identical to the source");
		return 1;
	}
	/* A target in the source language: copied and touched up, or left over. */
	if (s->src_lang != s->tgt_lang && s->tgt_lang != SV_LANG_UNKNOWN &&
	    looks_like(tgt, s->src_lang) && count_words(&r->tgt_toks) >= 5) {
		double conf = 0, sconf = 0;
		enum sv_lang tl = sv_lang_detect(tgt, strlen(tgt), &conf);
		enum sv_lang sl = sv_lang_detect(s->src, strlen(s->src), &sconf);
		if (tl == s->src_lang && sl == s->src_lang && conf >= 0.9) {
			ck_found(r, SV_CHECK_UNTRANSLATED, i, 1, 0, (uint32_t)strlen(tgt),
				       "the target is in %s, the source language (confidence %.2f)",
				       lang_name(s->src_lang), conf);
			return 1;
		}
	}
	return 0;
}

/* ---- number-mismatch --------------------------------------------------------- */

struct numbers_state {
	struct sv_map numwords;               /* numeral and month word forms */
	struct ck_nums src_nums, tgt_nums; /* numbers of the unit in hand */
	struct sv_buf msg;
};

static void *numbers_open(struct sv_check_run *r)
{
	struct numbers_state *ns = sv_calloc(1, sizeof(*ns));
	ck_numwords_init(&ns->numwords);
	sv_buf_init(&ns->msg);
	return ns;
}

static void numbers_close(void *state)
{
	struct numbers_state *ns = state;
	sv_map_release(&ns->numwords);
	free(ns->src_nums.v);
	free(ns->tgt_nums.v);
	sv_buf_release(&ns->msg);
	free(ns);
}

static void excerpt(struct sv_buf *b, const char *s, uint32_t start, uint32_t len)
{
	sv_buf_addf(b, "%.*s", (int)len, s + start);
}

static void describe_num(struct sv_buf *b, const char *s, const struct ck_num *n)
{
	excerpt(b, s, n->start, n->len);
}

static void numbers_unit(struct sv_check_run *r, void *state, size_t i)
{
	struct numbers_state *ns = state;
	if (r->untranslated)
		return;
	const struct sv_check_seg *s = &r->segs->v[i];
	const char *tgt = s->tgt ? s->tgt : "";
	ck_nums_extract(&ns->numwords, s->src, &r->src_toks, &ns->src_nums);
	ck_nums_extract(&ns->numwords, tgt, &r->tgt_toks, &ns->tgt_nums);
	long a = ck_nums_unmatched(&ns->src_nums, &ns->tgt_nums, 0);
	long b = ck_nums_unmatched(&ns->tgt_nums, &ns->src_nums, 0);
	if (a < 0 && b < 0)
		return;
	sv_buf_reset(&ns->msg);
	if (a >= 0) {
		sv_buf_adds(&ns->msg, "source has ");
		for (long k = a, n = 0; k >= 0 && n < 4;
		     k = ck_nums_unmatched(&ns->src_nums, &ns->tgt_nums, (size_t)k + 1),
		     n++) {
			if (n)
				sv_buf_adds(&ns->msg, ", ");
			describe_num(&ns->msg, s->src, &ns->src_nums.v[k]);
		}
	}
	if (b >= 0) {
		sv_buf_adds(&ns->msg, a >= 0 ? "; target has " : "target has ");
		for (long k = b, n = 0; k >= 0 && n < 4;
		     k = ck_nums_unmatched(&ns->tgt_nums, &ns->src_nums, (size_t)k + 1),
		     n++) {
			if (n)
				sv_buf_adds(&ns->msg, ", ");
			describe_num(&ns->msg, tgt, &ns->tgt_nums.v[k]);
		}
	}
	sv_buf_adds(&ns->msg, a >= 0 && b >= 0 ? " (numbers differ)"
			     : a >= 0 ? " not found in the target"
				      : " not found in the source");
	if (b >= 0)
		ck_found(r, SV_CHECK_NUMBER_MISMATCH, i, 1, ns->tgt_nums.v[b].start,
			       ns->tgt_nums.v[b].len, "%s",
			       ns->msg.data);
	else
		ck_found(r, SV_CHECK_NUMBER_MISMATCH, i, 0, ns->src_nums.v[a].start,
			       ns->src_nums.v[a].len, "%s",
			       ns->msg.data);
}

const struct ck_ops ck_numbers_ops = {
	.open = numbers_open,
	.close = numbers_close,
	.unit = numbers_unit,
};

/* ---- mixed-script ------------------------------------------------------------ */

/* What a script_hit callback reports on. */
struct script_scan {
	struct sv_check_run *run;
	size_t seg;
	int side; /* 0: source, 1: target */
};

static void script_hit(void *ctx, uint32_t start, uint32_t len, const char *what)
{
	const struct script_scan *scan = ctx;
	struct sv_check_run *r = scan->run;
	const struct sv_check_seg *s = &r->segs->v[scan->seg];
	int side = scan->side;
	const char *text = side ? s->tgt : s->src;
	ck_found(r, SV_CHECK_MIXED_SCRIPT, scan->seg, side, start, len, "%s «%.*s»: %s",
		       side ? "target" : "source", (int)len, text + start, what);
}

static void scripts_unit(struct sv_check_run *r, void *state, size_t i)
{
	const struct sv_check_seg *s = &r->segs->v[i];
	struct script_scan scan = { .run = r, .seg = i, .side = 0 };
	ck_scripts(s->src, script_hit, &scan);
	scan.side = 1;
	ck_scripts(s->tgt ? s->tgt : "", script_hit, &scan);
}

const struct ck_ops ck_scripts_ops = {
	.unit = scripts_unit,
};

/* ---- tag-mismatch ------------------------------------------------------------ */

/* Splits a code list into words (borrowed into a copy). */
static size_t split_codes(char *s, char **v, size_t max)
{
	size_t n = 0;
	for (char *p = strtok(s, " "); p && n < max; p = strtok(NULL, " "))
		v[n++] = p;
	return n;
}

static void tags_unit(struct sv_check_run *r, void *state, size_t i)
{
	const struct sv_check_seg *s = &r->segs->v[i];
	if (!s->src_codes || !s->tgt_codes || !s->tgt)
		return;
	if (!strcmp(s->src_codes, s->tgt_codes))
		return;
	enum { MAX = 256 };
	char *sc = sv_strdup(s->src_codes), *tc = sv_strdup(s->tgt_codes);
	char *a[MAX], *b[MAX];
	size_t na = split_codes(sc, a, MAX), nb = split_codes(tc, b, MAX);
	char used_a[MAX] = { 0 }, used_b[MAX] = { 0 };
	for (size_t x = 0; x < na; x++)
		for (size_t y = 0; y < nb; y++)
			if (!used_b[y] && !strcmp(a[x], b[y])) {
				used_a[x] = used_b[y] = 1;
				break;
			}
	struct sv_buf msg = SV_BUF_INIT;
	int missing = 0, added = 0;
	for (size_t x = 0; x < na; x++)
		if (!used_a[x]) {
			sv_buf_addf(&msg, "%s%s", missing ? " " : "missing in the target: ",
				    a[x]);
			missing++;
		}
	for (size_t y = 0; y < nb; y++)
		if (!used_b[y]) {
			sv_buf_addf(&msg, "%s%s", added ? " " : missing ? "; added: " :
				    "added in the target: ",
				    b[y]);
			added++;
		}
	if (!missing && !added)
		sv_buf_addf(&msg, "codes reordered: source %s, target %s", s->src_codes,
			    s->tgt_codes);
	ck_found(r, SV_CHECK_TAG_MISMATCH, i, 1, 0, 0, "%s", msg.data);
	sv_buf_release(&msg);
	free(sc);
	free(tc);
}

const struct ck_ops ck_tags_ops = {
	.unit = tags_unit,
};
