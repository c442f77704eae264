/* sverka add: options and the per-file report of the add job (job/add.h),
 * which ingests plain-text and HTML files (directories recurse) into the
 * memory, one transaction for the run and one savepoint per file. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "job/add.h"


/* What the per-file report keeps between files. */
struct add_report {
	struct sv_cli *cli;
	struct cli_progress prog;
	struct sv_buf json;
	size_t done, segments;
	unsigned long long bytes;
};

static void on_file(void *ctx, const char *path, int rc, const struct sv_ingest_result *res,
		    const struct sv_error *ferr)
{
	struct add_report *ar = ctx;
	struct sv_cli *cli = ar->cli;
	if (ar->done++)
		sv_buf_addc(&ar->json, ',');
	sv_buf_adds(&ar->json, "{\"path\":");
	sv_buf_add_json(&ar->json, path);
	if (rc) {
		cli_progress_end(&ar->prog);
		cli_fail(cli, ferr);
		sv_buf_adds(&ar->json, ",\"status\":\"failed\",\"error\":");
		sv_buf_add_json(&ar->json, ferr->msg);
		sv_buf_addc(&ar->json, '}');
		return;
	}
	ar->bytes += res->bytes;
	const char *status = res->outcome == SV_INGEST_SAME ? "unchanged"
			     : res->outcome == SV_INGEST_REPLACED ? "replaced"
								: "added";
	if (res->outcome == SV_INGEST_SAME) {
		sv_buf_addf(&ar->json, ",\"status\":\"unchanged\",\"doc\":%lld,\"same_as\":",
			    (long long)res->doc);
		sv_buf_add_json(&ar->json, res->same_path);
		sv_buf_addc(&ar->json, '}');
		if (!cli->json && !cli->quiet) {
			cli_progress_end(&ar->prog);
			printf("unchanged %s (same bytes as '%s')\n", path, res->same_path);
		}
	} else {
		ar->segments += res->segments;
		sv_buf_addf(&ar->json,
			    ",\"status\":\"%s\",\"doc\":%lld,\"lang\":\"%s\",\"segments\":%zu}",
			    status, (long long)res->doc, sv_lang_code(res->lang), res->segments);
		if (!cli->json && !cli->quiet) {
			cli_progress_end(&ar->prog);
			printf("%-9s %s  [%s, %zu segments, doc %lld]\n", status, path,
			       sv_lang_code(res->lang), res->segments, (long long)res->doc);
		}
	}
	char extra[64];
	snprintf(extra, sizeof(extra), "%zu segments", ar->segments);
	cli_progress_update(&ar->prog, (unsigned long)ar->done, ar->bytes, extra);
}

/* Starts the progress line when the job knows its files (its report of 0 done). */
static void on_progress(void *ctx, const char *stage, size_t done, size_t total)
{
	struct add_report *ar = ctx;
	(void)stage;
	if (!done)
		cli_progress_start(&ar->prog, ar->cli, "files", total);
}

int cmd_add(struct sv_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'f' },
		{ "segmented", no_argument, NULL, 's' },
		{ "force", no_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	struct sv_job_add_opts ao;
	sv_job_add_opts_init(&ao);
	struct sv_ingest_opts *io = &ao.ingest;
	int c;
	while ((c = getopt_long(argc, argv, "l:f:s", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			if (cli_opt_lang(cli, optarg, &io->lang))
				return SV_EUSAGE;
			break;
		case 'f':
			if (!strcmp(optarg, "auto"))
				io->format = SV_FORMAT_AUTO;
			else if (!strcmp(optarg, "text"))
				io->format = SV_FORMAT_TEXT;
			else if (!strcmp(optarg, "html"))
				io->format = SV_FORMAT_HTML;
			else
				return cli_usage(cli, "--format takes text, html or auto, not '%s'", optarg);
			break;
		case 's':
			io->segmented = 1;
			break;
		case 'F':
			io->force = 1;
			break;
		default:
			return cli_usage(cli, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage(cli, "no files to add");

	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	struct add_report ar = { .cli = cli, .json = SV_BUF_INIT };
	struct sv_job_add_result res;
	int rc;
	if ((rc = sv_store_open(cli->memory, SV_STORE_CREATE, &st, &err))) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	ao.on_file = on_file;
	ao.ctx = &ar;
	ao.progress = (struct sv_job_progress){ on_progress, &ar };
	sv_buf_adds(&ar.json, "{\"files\":[");
	rc = sv_job_add(st, (const char *const *)argv + optind, (size_t)(argc - optind), &ao, &res,
			&err);
	cli_progress_end(&ar.prog);
	if (rc) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	sv_buf_addf(&ar.json,
		    "],\"added\":%zu,\"replaced\":%zu,\"unchanged\":%zu,\"failed\":%zu,"
		    "\"segments\":%zu}\n",
		    res.added, res.replaced, res.unchanged, res.failed, res.segments);
	if (cli->json)
		fputs(ar.json.data, stdout);
	else if (!cli->quiet)
		printf("%zu added, %zu replaced, %zu unchanged, %zu failed; %zu segments into '%s'\n",
		       res.added, res.replaced, res.unchanged, res.failed, res.segments,
		       cli->memory);
	rc = res.failed ? SV_EINPUT : SV_OK;
out:
	sv_buf_release(&ar.json);
	sv_store_close(st);
	return rc;
}
