/* sverka term: a person's decisions on term pairs (approve, reject, forbid
 * by id) and pairs added by hand; `align` never overwrites them. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "job/review.h"
#include "terms/terms.h"
#include "store/termbase.h"


/* The reviewer the audit trail names for decisions made here. */
#define TERM_REVIEWER "command line"

static int review(struct sv_cli *cli, enum sv_status status, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(cli, "'term %s' takes one pair id", argv[0]);
	char *end;
	long long id = strtoll(argv[1], &end, 10);
	if (*end || end == argv[1] || id <= 0)
		return cli_usage(cli, "'%s' is not a term pair id", argv[1]);
	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	struct sv_job_review_opts opts;
	struct sv_job_review_result done;
	sv_job_review_opts_init(&opts);
	opts.pair = id;
	opts.status = status;
	opts.who = TERM_REVIEWER;
	int rc;
	if ((rc = sv_store_open(cli->memory, 0, &st, &err)) ||
	    (rc = sv_job_review(st, &opts, &done, &err))) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	if (done.outcome == SV_TERMBASE_MISSING) {
		sv_error_set(&err, SV_EINPUT, "no term pair %lld", id);
		rc = cli_fail(cli, &err);
		goto out;
	}
	if (cli->json)
		printf("{\"id\":%lld,\"status\":\"%s\"}\n", id, sv_status_name(status));
	else if (!cli->quiet)
		printf("term pair %lld %s\n", id, sv_status_name(status));
out:
	sv_store_close(st);
	return rc;
}

static int add(struct sv_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *note = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "n:", opts, NULL)) != -1) {
		if (c == 'n')
			note = optarg;
		else
			return cli_usage(cli, "unknown option '%s'", argv[optind - 1]);
	}
	if (argc - optind != 2)
		return cli_usage(cli, "'term add' takes a Russian and a Bulgarian term");
	const char *ru = argv[optind], *bg = argv[optind + 1];
	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	struct sv_text *t = NULL;
	struct sv_buf rk = SV_BUF_INIT, bk = SV_BUF_INIT;
	int64_t id = 0;
	int rc;
	if (!(t = sv_text_open(NULL, &err)) ||
	    (rc = sv_terms_lemma_key(t, SV_LANG_RU, ru, &rk, &err)) ||
	    (rc = sv_terms_lemma_key(t, SV_LANG_BG, bg, &bk, &err))) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	struct sv_termbase_term tr = { "ru", rk.data, ru, NULL, 0, 0, "manual" };
	struct sv_termbase_term tb = { "bg", bk.data, bg, NULL, 0, 0, "manual" };
	if ((rc = sv_store_open(cli->memory, SV_STORE_CREATE, &st, &err)) ||
	    (rc = sv_store_begin(st, &err)) ||
	    (rc = sv_termbase_pair_add_manual(st, &tr, &tb, note, &id, &err)) ||
	    (rc = sv_store_commit(st, &err))) {
		if (st)
			sv_store_rollback(st);
		rc = cli_fail(cli, &err);
		goto out;
	}
	if (cli->json) {
		struct sv_buf b = SV_BUF_INIT;
		sv_buf_addf(&b, "{\"id\":%lld,\"ru\":", (long long)id);
		sv_buf_add_json(&b, ru);
		cli_json_field(&b, "bg", bg);
		sv_buf_adds(&b, ",\"status\":\"approved\"}\n");
		fputs(b.data, stdout);
		sv_buf_release(&b);
	} else if (!cli->quiet) {
		printf("term pair %lld approved: %s = %s\n", (long long)id, ru, bg);
	}
out:
	sv_buf_release(&rk);
	sv_buf_release(&bk);
	sv_text_close(t);
	sv_store_close(st);
	return rc;
}

int cmd_term(struct sv_cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(cli, "'term' needs approve, reject, forbid or add");
	const char *sub = argv[1];
	if (!strcmp(sub, "approve"))
		return review(cli, SV_STATUS_APPROVED, argc - 1, argv + 1);
	if (!strcmp(sub, "reject"))
		return review(cli, SV_STATUS_REJECTED, argc - 1, argv + 1);
	if (!strcmp(sub, "forbid"))
		return review(cli, SV_STATUS_FORBIDDEN, argc - 1, argv + 1);
	if (!strcmp(sub, "add"))
		return add(cli, argc - 1, argv + 1);
	return cli_usage(cli, "'%s' is not a term subcommand (approve, reject, forbid, add)", sub);
}
