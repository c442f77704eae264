/* sverka export: options and the report of the export job (job/export.h):
 * the memory's translation units as TMX, XLIFF, CSV or TSV, its termbase as
 * TBX, OmegaT glossary, CSV or phrase-level TMX, or its document pairs. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "job/export.h"


int cmd_export(struct sv_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "terms", no_argument, NULL, 't' },
		{ "source", required_argument, NULL, 's' },
		{ "bare-lang", no_argument, NULL, 'b' },
		{ "xliff-version", required_argument, NULL, 'x' },
		{ "tbx-version", required_argument, NULL, 'T' },
		{ "split", required_argument, NULL, 'S' },
		{ "min-score", required_argument, NULL, 'm' },
		{ "status", required_argument, NULL, 'a' },
		{ "per-doc", no_argument, NULL, 'd' },
		{ "documents", no_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 },
	};
	struct sv_job_export_opts eo;
	sv_job_export_opts_init(&eo);
	struct sv_io_options *o = &eo.io;
	int source_set = 0;
	enum sv_io_format fmt = SV_IO_AUTO;
	const char *out = NULL;
	int terms = 0, c;
	char *end;
	while ((c = getopt_long(argc, argv, "+f:o:", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			fmt = sv_io_format_parse(optarg);
			if (fmt == SV_IO_AUTO || fmt == SV_IO_PO)
				return cli_usage(cli, "unknown format '%s' (tmx, xliff, tbx, omegat, "
						 "csv, tsv)", optarg);
			break;
		case 'o':
			out = optarg;
			break;
		case 't':
			terms = 1;
			break;
		case 's':
			if (strcmp(optarg, "ru") && strcmp(optarg, "bg"))
				return cli_usage(cli, "--source takes ru or bg");
			o->source_bg = !strcmp(optarg, "bg");
			source_set = 1;
			break;
		case 'b':
			o->bare_lang = 1;
			break;
		case 'd':
			o->xliff_per_doc = 1;
			break;
		case 'D':
			eo.documents = 1;
			break;
		case 'x':
			if (!strcmp(optarg, "1.2"))
				o->xliff_version = 12;
			else if (!strcmp(optarg, "2.0"))
				o->xliff_version = 20;
			else if (!strcmp(optarg, "2.1") || !strcmp(optarg, "2"))
				o->xliff_version = 21;
			else
				return cli_usage(cli, "--xliff-version takes 1.2, 2.0 or 2.1");
			break;
		case 'T':
			if (strcmp(optarg, "2") && strcmp(optarg, "3"))
				return cli_usage(cli, "--tbx-version takes 2 or 3");
			o->tbx_version = atoi(optarg);
			break;
		case 'S':
			o->split = strtoul(optarg, &end, 10);
			if (*end || !o->split)
				return cli_usage(cli, "--split takes a positive number of units");
			break;
		case 'm':
			eo.min_score = strtod(optarg, &end);
			if (*end)
				return cli_usage(cli, "--min-score takes a number");
			break;
		case 'a':
			if (strcmp(optarg, "candidate") && strcmp(optarg, "approved") &&
			    strcmp(optarg, "rejected") && strcmp(optarg, "forbidden"))
				return cli_usage(cli, "--status takes candidate, approved, rejected "
						 "or forbidden");
			eo.status = optarg;
			break;
		default:
			return cli_usage(cli, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage(cli, "unexpected argument '%s'", argv[optind]);
	if (fmt == SV_IO_AUTO)
		return cli_usage(cli, "--format is required (tmx, xliff, tbx, omegat, csv, tsv)");
	if (terms && (fmt == SV_IO_XLIFF || fmt == SV_IO_XLIFF2 || fmt == SV_IO_TSV))
		return cli_usage(cli, "--terms goes with tmx, csv, tbx or omegat");
	if (o->xliff_per_doc && fmt != SV_IO_XLIFF && fmt != SV_IO_XLIFF2)
		return cli_usage(cli, "--per-doc goes with --format xliff");
	if (o->split && (fmt != SV_IO_TMX || !out))
		return cli_usage(cli, "--split needs --format tmx and -o FILE");
	if (eo.documents && (fmt != SV_IO_TSV || terms || eo.min_score || eo.status || o->split))
		return cli_usage(cli, "--documents goes with --format tsv alone");
	if (fmt == SV_IO_TSV && source_set)
		return cli_usage(cli, "--source does not apply to tsv (ru columns come first)");
	const char *epoch = getenv("SOURCE_DATE_EPOCH"); /* reproducible exports */
	if (epoch && *epoch)
		o->now = (time_t)strtoll(epoch, NULL, 10);

	eo.format = fmt;
	eo.output = out;
	eo.terms = terms;

	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	struct sv_job_export_result res;
	int rc;
	if ((rc = sv_store_open(cli->memory, SV_STORE_READONLY, &st, &err)) ||
	    (rc = sv_job_export(st, &eo, &res, &err))) {
		rc = cli_fail(cli, &err);
		goto done;
	}
	if (eo.documents) {
		if (out && !cli->quiet && !cli->json)
			fprintf(stderr, "%lu document pairs written to '%s'\n", res.written, out);
		else if (out && cli->json)
			printf("{\"format\":\"tsv\",\"document_pairs\":%lu}\n", res.written);
	} else if (cli->json && out) {
		printf("{\"format\":\"%s\",\"%s\":%lu,\"output\":", sv_io_format_name(fmt),
		       res.concepts ? "concepts" : "units", res.written);
		struct sv_buf b = SV_BUF_INIT;
		sv_buf_add_json(&b, out);
		printf("%s}\n", b.data);
		sv_buf_release(&b);
	} else if (out && !cli->quiet) {
		fprintf(stderr, "%lu %s written to '%s'%s\n", res.written,
			res.concepts ? "concepts" : "units", out, o->split ? " (split)" : "");
	}
done:
	sv_store_close(st);
	return rc;
}
