/* The command-line front end: global options, the command table, and the
 * helpers every cmd-<name>.c shares (error reporting, progress, output).
 * Only this layer prints or exits. */
#ifndef SV_CLI_H
#define SV_CLI_H

#include <stdio.h>

#include "base/buf.h"
#include "base/error.h"
#include "text/text.h"

struct sv_cli {
	const char *memory;  /* --memory, $SVERKA_MEMORY, or the default */
	const char *command; /* the command's name, for messages */
	int json;            /* --json: machine-readable output on stdout */
	int quiet;           /* -q: no progress, no notes on stderr */
	int progress;        /* show progress lines (stderr is a terminal and not quiet) */
};

struct sv_command {
	const char *name;
	int (*run)(struct sv_cli *cli, int argc, char **argv); /* argv[0] is the name */
	/* run is called with getopt_long() ready for argv: optind 1, opterr 0. */
	const char *args;    /* synopsis after the name: "[--lang ru|bg|auto] PATH..." */
	const char *summary; /* one line for `sverka help` */
	const char *help;    /* the options, one per line: "  --force   re-ingest ..." */
};

/* The commands, one per cmd-<name>.c (cmd_help in cmd-help.c): each parses its
 * argv as struct sv_command's run and returns the exit status. */
int cmd_help(struct sv_cli *cli, int argc, char **argv);
int cmd_add(struct sv_cli *cli, int argc, char **argv);
int cmd_stats(struct sv_cli *cli, int argc, char **argv);
int cmd_align(struct sv_cli *cli, int argc, char **argv);
int cmd_show(struct sv_cli *cli, int argc, char **argv);
int cmd_lookup(struct sv_cli *cli, int argc, char **argv);
int cmd_search(struct sv_cli *cli, int argc, char **argv);
int cmd_concord(struct sv_cli *cli, int argc, char **argv);
int cmd_check(struct sv_cli *cli, int argc, char **argv);
int cmd_terms(struct sv_cli *cli, int argc, char **argv);
int cmd_term(struct sv_cli *cli, int argc, char **argv);
int cmd_pair(struct sv_cli *cli, int argc, char **argv);
int cmd_export(struct sv_cli *cli, int argc, char **argv);
int cmd_import(struct sv_cli *cli, int argc, char **argv);
int cmd_serve(struct sv_cli *cli, int argc, char **argv);

/* The table, in the order `sverka help` lists it; ends with a NULL name. */
extern const struct sv_command sv_commands[];
const struct sv_command *sv_command_find(const char *name);

/* Default memory path when neither --memory nor SVERKA_MEMORY is given. */
#define SV_DEFAULT_MEMORY "sverka.db"

/* Prints "sverka <command>: <msg>" on stderr and returns the error's code
 * (the exit status). */
int cli_fail(struct sv_cli *cli, const struct sv_error *err);
/* Like cli_fail for a usage error: prints the message and a hint to use
 * --help; returns SV_EUSAGE. */
int cli_usage(struct sv_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A warning on stderr, "sverka <command>: warning: ...", unless quiet. */
void cli_warn(struct sv_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints the command's --help text on stdout. */
void cli_help(const struct sv_command *cmd, FILE *out);
/* When argv has -h or --help anywhere before "--", prints help and returns 1. */
int cli_wants_help(struct sv_cli *cli, int argc, char **argv);

/* Parses arg, the value of option opt, as a whole decimal number in
 * [lo, hi] into *out; on anything else prints a usage error naming the
 * option and the range and returns SV_EUSAGE. */
int cli_opt_long(struct sv_cli *cli, const char *opt, const char *arg, long lo, long hi,
		 long *out);
/* Like cli_opt_long, into a size_t (a count such as --limit); lo >= 0. */
int cli_opt_size(struct sv_cli *cli, const char *opt, const char *arg, long lo, long hi,
		 size_t *out);
/* Parses arg, the value of --lang, as ru or bg (any spelling sv_lang_parse()
 * takes) or "auto" (SV_LANG_UNKNOWN: detect) into *out; on anything else
 * prints the usage error "--lang takes ru, bg or auto, not '<arg>'" and
 * returns SV_EUSAGE. */
int cli_opt_lang(struct sv_cli *cli, const char *arg, enum sv_lang *out);
/* Appends argv[from..argc) to out, joined by single spaces (a query typed
 * as several shell words). */
void cli_join_args(int argc, char **argv, int from, struct sv_buf *out);
/* The query of a query command after its options: argv[optind..argc) joined
 * as cli_join_args() into *query; when there is none, prints the usage error
 * missing and returns SV_EUSAGE (the caller releases *query either way). */
int cli_query_args(struct sv_cli *cli, int argc, char **argv, const char *missing,
		   struct sv_buf *query);

/* Appends one member after the first of a JSON object: ,"key": and value as a
 * JSON string, or null when value is NULL. key is a plain name (not escaped). */
void cli_json_field(struct sv_buf *out, const char *key, const char *value);

/* The memory opened for the query commands (lookup, search, concord): the
 * store, a text analyser, and a matcher borrowing both. */
struct sv_store;
struct sv_match;
struct cli_matcher {
	struct sv_store *st;
	struct sv_text *t;
	struct sv_match *m;
};
#define CLI_MATCHER_INIT { NULL, NULL, NULL }
/* Opens cli->memory (as sv_store_open() with no flags: it must exist), a
 * text analyser with the default dictionaries and a matcher over the two
 * into *cm, which starts as CLI_MATCHER_INIT. Returns SV_OK, or fills err and
 * returns nonzero with *cm holding what did open. Either way the caller
 * releases *cm with cli_matcher_close(). Prints nothing. */
int cli_matcher_open(struct sv_cli *cli, struct cli_matcher *cm, struct sv_error *err);
/* Closes what *cm holds (the matcher first) and resets it to CLI_MATCHER_INIT. */
void cli_matcher_close(struct cli_matcher *cm);

/* Progress on stderr for long work, redrawn at most a few times a second,
 * only when cli->progress: "add: 12/40 files, 3510 segments, 2.1 MB/s, ETA 4s". */
struct cli_progress {
	struct sv_cli *cli;
	const char *what;  /* "files", "pairs" */
	double start, last; /* monotonic seconds */
	unsigned long total; /* 0 when unknown */
	int shown;
};
void cli_progress_start(struct cli_progress *p, struct sv_cli *cli, const char *what,
			unsigned long total);
/* done of total items; bytes for a rate (0 to omit); extra text (may be NULL). */
void cli_progress_update(struct cli_progress *p, unsigned long done, unsigned long long bytes,
			 const char *extra);
void cli_progress_end(struct cli_progress *p);
double cli_now(void);

#endif
