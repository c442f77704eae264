/* sverka import: options and the per-file report of the import job
 * (job/import.h): translation memories (TMX, XLIFF, CSV, TSV) become units
 * with their provenance, glossaries (TBX, OmegaT, CSV) approved term pairs;
 * --pivot en joins an en->ru and an en->bg memory. One transaction per file:
 * a file that fails leaves nothing of itself. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "job/import.h"


static void on_file(void *ctx, const char *path, const char *pivot_bg, int rc,
		    const struct sv_job_import_counts *got, const struct sv_error *ferr)
{
	struct sv_cli *cli = ctx;
	if (rc) {
		cli_fail(cli, ferr);
		return;
	}
	if (!cli->json && !cli->quiet)
		printf("%s%s%s: %lu units, %lu merged with existing, %lu term pairs\n", path,
		       pivot_bg ? " + " : "", pivot_bg ? pivot_bg : "", got->units, got->merged,
		       got->pairs);
}

static void on_warning(void *ctx, const char *file, unsigned long line, unsigned long col,
		       const char *msg)
{
	struct sv_cli *cli = ctx;
	(void)col;
	if (line)
		cli_warn(cli, "'%s': line %lu: %s", file, line, msg);
	else
		cli_warn(cli, "'%s': %s", file, msg);
}

int cmd_import(struct sv_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "pivot", required_argument, NULL, 'p' },
		{ "status", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct sv_job_import_opts io;
	sv_job_import_opts_init(&io);
	int c;
	while ((c = getopt_long(argc, argv, "+f:", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			io.format = sv_io_format_parse(optarg);
			if (io.format == SV_IO_AUTO && strcmp(optarg, "auto"))
				return cli_usage(cli, "unknown format '%s'", optarg);
			break;
		case 'p':
			if (strcmp(optarg, "en"))
				return cli_usage(cli, "--pivot takes en");
			io.pivot = 1;
			break;
		case 's':
			if (strcmp(optarg, "candidate") && strcmp(optarg, "approved"))
				return cli_usage(cli, "--status takes candidate or approved");
			io.status = optarg;
			break;
		default:
			return cli_usage(cli, "unknown option '%s'", argv[optind - 1]);
		}
	}
	int nfiles = argc - optind;
	if (!nfiles)
		return cli_usage(cli, "no files to import");
	if (io.pivot && nfiles != 2)
		return cli_usage(cli, "--pivot en takes two files: en->ru, then en->bg");

	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	struct sv_job_import_result res;
	int rc;
	io.on_file = on_file;
	io.on_warning = on_warning;
	io.ctx = cli;
	if ((rc = sv_store_open(cli->memory, SV_STORE_CREATE, &st, &err)) ||
	    (rc = sv_job_import(st, (const char *const *)argv + optind, (size_t)nfiles, &io, &res,
				&err))) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	if (cli->json)
		printf("{\"units\":%lu,\"merged\":%lu,\"term_pairs\":%lu,\"warnings\":%lu,"
		       "\"failed\":%zu}\n", res.total.units, res.total.merged, res.total.pairs,
		       res.warnings, res.failed);
	rc = res.failed ? SV_EINPUT : SV_OK;
out:
	sv_store_close(st);
	return rc;
}
