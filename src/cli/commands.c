/* The command table: dispatch, `sverka help`, and the tests that keep the man
 * page and README in step all read this one list. */
#include "cli/cli.h"

#define CMD(n) int cmd_##n(struct sv_cli *cli, int argc, char **argv);
CMD(help)
CMD(add)
CMD(stats)
CMD(show)
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
	{ "help", cmd_help, "[COMMAND | --list]", "show help for sverka or one command", "" },
	{ NULL, NULL, NULL, NULL, NULL },
};
