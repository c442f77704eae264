/* sv-text-tool: the text pipeline for golden cases (tests/golden/cases/text-*.test).
 * Reads stdin one line at a time and prints one item a line:
 *   segment LANG   each line a paragraph: its sentences, then an empty line
 *   tokens         each line a text: its tokens as TEXT<tab>KEY<tab>TYPE<tab>FLAGS
 *   lemmas LANG    each line a word: the word and its most likely lemma
 *   langid         each line a text: its language and the confidence (2 decimals,
 *                  "0" when it is exactly 0)
 * The output containers are reused from line to line, as callers do (a call
 * replaces their contents). Exit 0, 2 on a usage error, 1 when the library fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sverka.h"

static const char *const type_names[] = {
	[SV_TOK_WORD] = "word",     [SV_TOK_ACRONYM] = "acronym", [SV_TOK_NUMBER] = "number",
	[SV_TOK_PUNCT] = "punct",   [SV_TOK_SYMBOL] = "symbol",
};

static const struct {
	int flag;
	const char *name;
} flag_names[] = {
	{ SV_TOKF_CAPITAL, "capital" }, { SV_TOKF_COMPOUND, "compound" },
	{ SV_TOKF_PART, "part" },       { SV_TOKF_LATIN, "latin" },
	{ SV_TOKF_DATE, "date" },       { SV_TOKF_RANGE, "range" },
	{ SV_TOKF_PERCENT, "percent" }, { SV_TOKF_SENT_START, "sent-start" },
};

static int usage(void)
{
	fputs("usage: sv-text-tool segment LANG | tokens | lemmas LANG | langid  (reads stdin)\n",
	      stderr);
	return 2;
}

static void print_flags(int flags)
{
	int any = 0;
	for (size_t i = 0; i < sizeof(flag_names) / sizeof(flag_names[0]); i++)
		if (flags & flag_names[i].flag) {
			printf("%s%s", any ? "," : "", flag_names[i].name);
			any = 1;
		}
	if (!any)
		putchar('-');
}

/* The output containers, reused from line to line. */
struct outputs {
	struct sv_spans spans;
	struct sv_tokens toks;
	struct sv_buf key;
};

/* Runs command cmd on one input line s[0..n). */
static int run_line(struct sv_text *t, const char *cmd, enum sv_lang lang, const char *s,
		    size_t n, struct outputs *o, struct sv_error *err)
{
	int rc = SV_OK;
	if (!strcmp(cmd, "segment")) {
		if ((rc = sv_text_segment(t, s, n, lang, &o->spans, err)))
			goto out;
		for (size_t i = 0; i < o->spans.n; i++)
			printf("%.*s\n", (int)o->spans.v[i].len, s + o->spans.v[i].start);
		putchar('\n');
	} else if (!strcmp(cmd, "tokens")) {
		if ((rc = sv_text_tokenize(t, s, n, &o->toks, err)))
			goto out;
		for (size_t i = 0; i < o->toks.n; i++) {
			const struct sv_token *tk = &o->toks.v[i];
			printf("%.*s\t%.*s\t%s\t", (int)tk->len, s + tk->start, (int)tk->keylen,
			       sv_token_key(&o->toks, i), type_names[tk->type]);
			print_flags(tk->flags);
			putchar('\n');
		}
	} else if (!strcmp(cmd, "lemmas")) {
		const char *lem[8];
		sv_buf_reset(&o->key);
		sv_text_key(s, n, &o->key);
		size_t nl = sv_text_lemmas(t, lang, o->key.data, o->key.len, lem, 8);
		printf("%.*s %s\n", (int)n, s, nl ? lem[0] : "(none)");
	} else {
		double conf;
		enum sv_lang l = sv_lang_detect(s, n, &conf);
		if (conf == 0)
			printf("%s 0\n", sv_lang_code(l));
		else
			printf("%s %.2f\n", sv_lang_code(l), conf);
	}
out:
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	const char *cmd = argv[1];
	int needs_lang = !strcmp(cmd, "segment") || !strcmp(cmd, "lemmas");
	if (!needs_lang && strcmp(cmd, "tokens") && strcmp(cmd, "langid"))
		return usage();
	if (argc != 2 + needs_lang)
		return usage();
	enum sv_lang lang = needs_lang ? sv_lang_parse(argv[2]) : SV_LANG_UNKNOWN;
	if (needs_lang && lang != SV_LANG_RU && lang != SV_LANG_BG)
		return usage();
	struct sv_error err;
	struct sv_text *t = sv_text_open(NULL, &err);
	if (!t) {
		fprintf(stderr, "sv-text-tool: %s\n", err.msg);
		return 1;
	}
	int rc = 0;
	struct outputs o = { .key = SV_BUF_INIT };
	sv_buf_init(&o.toks.keys);
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, stdin)) >= 0) {
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		if (run_line(t, cmd, lang, line, (size_t)len, &o, &err)) {
			fprintf(stderr, "sv-text-tool: %s\n", err.msg);
			rc = 1;
			break;
		}
	}
	free(line);
	sv_spans_release(&o.spans);
	sv_tokens_release(&o.toks);
	sv_buf_release(&o.key);
	sv_text_close(t);
	return rc;
}
