/* sverka's entry point: global options, then dispatch through sv_commands[]. */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"

static const char usage_head[] =
	"usage: sverka [--memory PATH] [--json] [-q] <command> [options] [args]\n";

static void print_overview(FILE *out)
{
	fputs(usage_head, out);
	fputs("\nRussian<->Bulgarian terminology and translation memory.\n\ncommands:\n", out);
	for (const struct sv_command *c = sv_commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fputs("\nglobal options:\n"
	      "  --memory PATH  the memory file (default $SVERKA_MEMORY, else ./" SV_DEFAULT_MEMORY ")\n"
	      "  --json         machine-readable output on stdout\n"
	      "  -q, --quiet    no progress or notes on stderr\n"
	      "  --version      print the version\n"
	      "  -h, --help     this help; `sverka <command> --help` for a command\n"
	      "\nexit status: 0 success, 1 findings (check), 2 usage error, 3 bad input,\n"
	      "4 storage or internal error.\n",
	      out);
}

int cli_fail(struct sv_cli *cli, const struct sv_error *err)
{
	fflush(stdout); /* keep stdout and stderr in order when both go to one place */
	fprintf(stderr, "sverka %s: %s\n", cli->command ? cli->command : "", err->msg);
	return err->code ? err->code : SV_ESTORE;
}

int cli_usage(struct sv_cli *cli, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "sverka %s: ", cli->command ? cli->command : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see 'sverka %s --help')\n", cli->command ? cli->command : "");
	return SV_EUSAGE;
}

void cli_warn(struct sv_cli *cli, const char *fmt, ...)
{
	if (cli->quiet)
		return;
	va_list ap;
	fflush(stdout);
	fprintf(stderr, "sverka %s: warning: ", cli->command ? cli->command : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_help(const struct sv_command *cmd, FILE *out)
{
	fprintf(out, "usage: sverka %s %s\n\n%s\n", cmd->name, cmd->args, cmd->summary);
	if (cmd->help && *cmd->help)
		fprintf(out, "\noptions:\n%s", cmd->help);
}

int cli_wants_help(struct sv_cli *cli, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			cli_help(sv_command_find(cli->command), stdout);
			return 1;
		}
	}
	return 0;
}

int cli_opt_long(struct sv_cli *cli, const char *opt, const char *arg, long lo, long hi,
		 long *out)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (end == arg || *end || errno || v < lo || v > hi)
		return cli_usage(cli, "%s takes a number %ld..%ld, not '%s'", opt, lo, hi, arg);
	*out = v;
	return SV_OK;
}

int cli_opt_size(struct sv_cli *cli, const char *opt, const char *arg, long lo, long hi,
		 size_t *out)
{
	long v;
	if (cli_opt_long(cli, opt, arg, lo, hi, &v))
		return SV_EUSAGE;
	*out = (size_t)v;
	return SV_OK;
}

int cli_opt_lang(struct sv_cli *cli, const char *arg, enum sv_lang *out)
{
	if (!strcmp(arg, "auto")) {
		*out = SV_LANG_UNKNOWN;
		return SV_OK;
	}
	enum sv_lang l = sv_lang_parse(arg);
	if (l != SV_LANG_RU && l != SV_LANG_BG)
		return cli_usage(cli, "--lang takes ru, bg or auto, not '%s'", arg);
	*out = l;
	return SV_OK;
}

void cli_join_args(int argc, char **argv, int from, struct sv_buf *out)
{
	for (int i = from; i < argc; i++) {
		if (out->len)
			sv_buf_addc(out, ' ');
		sv_buf_adds(out, argv[i]);
	}
}

void cli_json_field(struct sv_buf *out, const char *key, const char *value)
{
	sv_buf_addf(out, ",\"%s\":", key);
	if (value)
		sv_buf_add_json(out, value);
	else
		sv_buf_adds(out, "null");
}

int cli_query_args(struct sv_cli *cli, int argc, char **argv, const char *missing,
		   struct sv_buf *query)
{
	if (optind >= argc)
		return cli_usage(cli, "%s", missing);
	cli_join_args(argc, argv, optind, query);
	return SV_OK;
}

const struct sv_command *sv_command_find(const char *name)
{
	for (const struct sv_command *c = sv_commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

double cli_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void cli_progress_start(struct cli_progress *p, struct sv_cli *cli, const char *what,
			unsigned long total)
{
	p->cli = cli;
	p->what = what;
	p->start = p->last = cli_now();
	p->total = total;
	p->shown = 0;
}

void cli_progress_update(struct cli_progress *p, unsigned long done, unsigned long long bytes,
			 const char *extra)
{
	if (!p->cli->progress)
		return;
	double now = cli_now();
	if (now - p->last < 0.25 && !(p->total && done == p->total))
		return;
	p->last = now;
	double el = now - p->start;
	fprintf(stderr, "\r\033[K%s: %lu", p->cli->command, done);
	if (p->total)
		fprintf(stderr, "/%lu", p->total);
	fprintf(stderr, " %s", p->what);
	if (extra)
		fprintf(stderr, ", %s", extra);
	if (bytes && el > 0)
		fprintf(stderr, ", %.1f MB/s", bytes / 1e6 / el);
	if (p->total && done && done < p->total)
		fprintf(stderr, ", ETA %.0fs", el / done * (p->total - done));
	fflush(stderr);
	p->shown = 1;
}

void cli_progress_end(struct cli_progress *p)
{
	if (p->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
}

int main(int argc, char **argv)
{
	struct sv_cli cli = { 0 };
	const char *env = getenv("SVERKA_MEMORY");
	cli.memory = env && *env ? env : SV_DEFAULT_MEMORY;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--memory") || !strcmp(a, "-m")) {
			if (++i >= argc) {
				fprintf(stderr, "sverka: --memory needs a path\n");
				return SV_EUSAGE;
			}
			cli.memory = argv[i];
		} else if (!strncmp(a, "--memory=", 9)) {
			cli.memory = a + 9;
		} else if (!strcmp(a, "--json")) {
			cli.json = 1;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			cli.quiet = 1;
		} else if (!strcmp(a, "--version") || !strcmp(a, "-V")) {
			printf("sverka %s\n", SV_VERSION);
			return 0;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			print_overview(stdout);
			return 0;
		} else {
			fprintf(stderr, "sverka: unknown option '%s'\n%s", a, usage_head);
			return SV_EUSAGE;
		}
	}
	if (i >= argc) {
		print_overview(stderr);
		return SV_EUSAGE;
	}
	const struct sv_command *cmd = sv_command_find(argv[i]);
	if (!cmd) {
		fprintf(stderr, "sverka: '%s' is not a command; see 'sverka help'\n", argv[i]);
		return SV_EUSAGE;
	}
	cli.command = cmd->name;
	cli.progress = !cli.quiet && isatty(STDERR_FILENO);
	/* Global options may also follow the command name. */
	int n = 0;
	char **args = argv + i;
	int nargs = argc - i;
	for (int k = 0; k < nargs; k++) {
		if (k > 0 && !strcmp(args[k], "--json")) {
			cli.json = 1;
			continue;
		}
		if (k > 0 && (!strcmp(args[k], "-q") || !strcmp(args[k], "--quiet"))) {
			cli.quiet = 1;
			cli.progress = 0;
			continue;
		}
		if (k > 0 && !strcmp(args[k], "--")) {
			for (; k < nargs; k++)
				args[n++] = args[k];
			break;
		}
		args[n++] = args[k];
	}
	args[n] = NULL;
	if (cli_wants_help(&cli, n, args))
		return 0;
	/* Ready getopt_long() for the command's own options: from args[1], with
	 * getopt's messages off (the commands report a bad option themselves). */
	optind = 1;
	opterr = 0;
	return cmd->run(&cli, n, args);
}
