/* sverka add: ingest plain-text and HTML files (directories recurse) into
 * the memory, one transaction for the run and one savepoint per file. */
#include "cli/cli.h"

#include <dirent.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/ingest.h"


struct paths {
	char **v;
	size_t n, cap;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Expands directories (sorted, hidden entries skipped) into files. */
static void collect(const char *path, struct paths *out, int depth)
{
	struct stat sb;
	if (depth < 64 && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		DIR *d = opendir(path);
		if (d) {
			struct paths kids = { 0 };
			struct dirent *e;
			while ((e = readdir(d))) {
				if (e->d_name[0] == '.')
					continue;
				struct sv_buf b = SV_BUF_INIT;
				size_t pl = strlen(path);
				sv_buf_add(&b, path, pl);
				if (pl && path[pl - 1] != '/')
					sv_buf_addc(&b, '/');
				sv_buf_adds(&b, e->d_name);
				SV_GROW(kids.v, kids.cap, kids.n + 1);
				kids.v[kids.n++] = sv_buf_detach(&b);
			}
			closedir(d);
			qsort(kids.v, kids.n, sizeof(*kids.v), cmp_str);
			for (size_t i = 0; i < kids.n; i++) {
				collect(kids.v[i], out, depth + 1);
				free(kids.v[i]);
			}
			free(kids.v);
			return;
		}
	}
	/* Files, and whatever cannot be read: ingest reports it by name. */
	SV_GROW(out->v, out->cap, out->n + 1);
	out->v[out->n++] = sv_strdup(path);
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
	struct sv_ingest_opts io = { 0 };
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "l:f:s", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			if (cli_opt_lang(cli, optarg, &io.lang))
				return SV_EUSAGE;
			break;
		case 'f':
			if (!strcmp(optarg, "auto"))
				io.format = SV_FORMAT_AUTO;
			else if (!strcmp(optarg, "text"))
				io.format = SV_FORMAT_TEXT;
			else if (!strcmp(optarg, "html"))
				io.format = SV_FORMAT_HTML;
			else
				return cli_usage(cli, "--format takes text, html or auto, not '%s'", optarg);
			break;
		case 's':
			io.segmented = 1;
			break;
		case 'F':
			io.force = 1;
			break;
		default:
			return cli_usage(cli, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage(cli, "no files to add");

	struct paths files = { 0 };
	for (int i = optind; i < argc; i++)
		collect(argv[i], &files, 0);

	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	struct sv_text *t = NULL;
	struct sv_buf json = SV_BUF_INIT;
	int rc = SV_OK, bad = 0;
	size_t added = 0, replaced = 0, same = 0, segments = 0;
	unsigned long long bytes = 0;

	if ((rc = sv_store_open(cli->memory, SV_STORE_CREATE, &st, &err)) ||
	    !(t = sv_text_open(NULL, &err)) || (rc = sv_store_begin(st, &err))) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	struct cli_progress prog;
	cli_progress_start(&prog, cli, "files", files.n);
	sv_buf_adds(&json, "{\"files\":[");
	for (size_t i = 0; i < files.n; i++) {
		struct sv_ingest_result res;
		int frc = sv_ingest_file(st, t, files.v[i], &io, &res, &err);
		if (i)
			sv_buf_addc(&json, ',');
		sv_buf_adds(&json, "{\"path\":");
		sv_buf_add_json(&json, files.v[i]);
		if (frc == SV_ESTORE) {
			cli_progress_end(&prog);
			rc = cli_fail(cli, &err);
			sv_store_rollback(st);
			goto out;
		}
		if (frc) {
			cli_progress_end(&prog);
			cli_fail(cli, &err);
			bad++;
			sv_buf_adds(&json, ",\"status\":\"failed\",\"error\":");
			sv_buf_add_json(&json, err.msg);
			sv_buf_addc(&json, '}');
			continue;
		}
		bytes += res.bytes;
		const char *status = res.outcome == SV_INGEST_SAME ? "unchanged"
				     : res.outcome == SV_INGEST_REPLACED ? "replaced"
									: "added";
		if (res.outcome == SV_INGEST_SAME) {
			same++;
			sv_buf_addf(&json, ",\"status\":\"unchanged\",\"doc\":%lld,\"same_as\":",
				    (long long)res.doc);
			sv_buf_add_json(&json, res.same_path);
			sv_buf_addc(&json, '}');
			if (!cli->json && !cli->quiet) {
				cli_progress_end(&prog);
				printf("unchanged %s (same bytes as '%s')\n", files.v[i], res.same_path);
			}
		} else {
			res.outcome == SV_INGEST_ADDED ? added++ : replaced++;
			segments += res.segments;
			sv_buf_addf(&json,
				    ",\"status\":\"%s\",\"doc\":%lld,\"lang\":\"%s\",\"segments\":%zu}",
				    status, (long long)res.doc, sv_lang_code(res.lang), res.segments);
			if (!cli->json && !cli->quiet) {
				cli_progress_end(&prog);
				printf("%-9s %s  [%s, %zu segments, doc %lld]\n", status, files.v[i],
				       sv_lang_code(res.lang), res.segments, (long long)res.doc);
			}
		}
		char extra[64];
		snprintf(extra, sizeof(extra), "%zu segments", segments);
		cli_progress_update(&prog, (unsigned long)i + 1, bytes, extra);
	}
	cli_progress_end(&prog);
	if ((rc = sv_store_commit(st, &err))) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	sv_buf_addf(&json,
		    "],\"added\":%zu,\"replaced\":%zu,\"unchanged\":%zu,\"failed\":%d,"
		    "\"segments\":%zu}\n",
		    added, replaced, same, bad, segments);
	if (cli->json)
		fputs(json.data, stdout);
	else if (!cli->quiet)
		printf("%zu added, %zu replaced, %zu unchanged, %d failed; %zu segments into '%s'\n",
		       added, replaced, same, bad, segments, cli->memory);
	rc = bad ? SV_EINPUT : SV_OK;
out:
	for (size_t i = 0; i < files.n; i++)
		free(files.v[i]);
	free(files.v);
	sv_buf_release(&json);
	sv_text_close(t);
	sv_store_close(st);
	return rc;
}
