/* The command table: dispatch, `sverka help`, and the tests that keep the man
 * page and README in step all read this one list. */
#include "cli/cli.h"

#define CMD(n) int cmd_##n(struct sv_cli *cli, int argc, char **argv);
CMD(help)
CMD(add)
CMD(stats)
CMD(show)
CMD(lookup)
CMD(search)
CMD(concord)
#undef CMD

const struct sv_command sv_commands[] = {
	{ "add", cmd_add, "[--lang ru|bg|auto] [--format text|html|auto] [--segmented] [--force] PATH...",
	  "ingest plain-text and HTML articles into the memory (directories recurse)",
	  "  --lang ru|bg|auto    the documents' language (default: detected per document)\n"
	  "  --format text|html|auto  input format (default: by name and content)\n"
	  "  --segmented          one segment per non-empty line, no sentence splitting\n"
	  "  --force              re-ingest files whose bytes are already stored\n" },
	{ "stats", cmd_stats, "", "count documents, segments, pairs and terms per language", "" },
	{ "show", cmd_show, "DOC", "print a document (by id or path as added) and its segments",
	  "" },
	{ "lookup", cmd_lookup, "[--lang ru|bg|auto] [--lines N] [--limit N] [--exact] TEXT",
	  "a term's equivalents in the other language, from any inflected form",
	  "  --lang ru|bg|auto    the query's language (default: detected, both tried)\n"
	  "  --lines N            concordance lines per language (default 3, 0 for none)\n"
	  "  --limit N            matched terms shown (default 8)\n"
	  "  --exact              no partial matches (parts of longer terms, terms in the query)\n"
	  "  exit status 1 when nothing matches (closest terms are suggested)\n" },
	{ "search", cmd_search, "[--lang ru|bg|auto] [--limit N] [--min-score P] SENTENCE",
	  "fuzzy translation-memory matches for a sentence, differing words marked",
	  "  --lang ru|bg|auto    the sentence's language (default: detected)\n"
	  "  --limit N            matches shown (default 5)\n"
	  "  --min-score P        lowest score shown, percent (default 50)\n"
	  "  scores: token edit distance over lemmas, 100 = identical (docs/MATCHING.md);\n"
	  "  exit status 1 when nothing scores enough\n" },
	{ "concord", cmd_concord, "[--lang ru|bg|auto] [--limit N] WORD...",
	  "concordance of a word or phrase in any form, with aligned counterparts",
	  "  --lang ru|bg|auto    the word's language (default: detected, both tried)\n"
	  "  --limit N            lines shown (default 20)\n" },
	{ "help", cmd_help, "[COMMAND | --list]", "show help for sverka or one command", "" },
	{ NULL, NULL, NULL, NULL, NULL },
};
