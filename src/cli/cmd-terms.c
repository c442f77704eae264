/* sverka terms: the term pairs of the termbase, best score first, with
 * their status and evidence; filters by status, score and language. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "store/termbase.h"


struct out {
	struct sv_cli *cli;
	int evidence, tsv;
	size_t n;
};

static int print_pair(void *ctx, const struct sv_termbase_row *r)
{
	struct out *o = ctx;
	const struct sv_termbase_pair *p = &r->p;
	if (o->cli->json) {
		struct sv_buf b = SV_BUF_INIT;
		sv_buf_addf(&b, "%s{\"id\":%lld,\"ru\":", o->n ? ",\n " : "", (long long)p->id);
		sv_buf_add_json(&b, p->ru);
		cli_json_field(&b, "bg", p->bg);
		sv_buf_addf(&b, ",\"score\":%.4f,\"status\":", p->score);
		sv_buf_add_json(&b, p->status);
		cli_json_field(&b, "evidence", p->evidence);
		cli_json_field(&b, "origin", p->origin);
		cli_json_field(&b, "ru_kind", p->ru_kind);
		cli_json_field(&b, "bg_kind", p->bg_kind);
		cli_json_field(&b, "ru_origin", p->ru_origin);
		cli_json_field(&b, "bg_origin", p->bg_origin);
		sv_buf_addf(&b, ",\"ru_freq\":%lld,\"bg_freq\":%lld,\"concept\":%lld,"
			    "\"ru_preferred\":%s,\"bg_preferred\":%s",
			    (long long)p->ru_freq, (long long)p->bg_freq, (long long)p->concept,
			    p->ru_preferred ? "true" : "false", p->bg_preferred ? "true" : "false");
		cli_json_field(&b, "note", p->note);
		sv_buf_addc(&b, '}');
		fputs(b.data, stdout);
		sv_buf_release(&b);
	} else if (o->tsv) {
		printf("%s\t%s\t%.3f", p->ru, p->bg, p->score);
		if (o->evidence)
			printf("\t%s", p->evidence);
		putchar('\n');
	} else {
		printf("%5lld  %.3f  %-9s  %s = %s\n", (long long)p->id, p->score, p->status, p->ru,
		       p->bg);
		if (o->evidence)
			printf("         %s\n", p->evidence);
	}
	o->n++;
	return 0;
}

/* --history: one decision of the audit trail. */
static int print_review(void *ctx, const struct sv_termbase_review *r)
{
	struct out *o = ctx;
	if (o->cli->json) {
		struct sv_buf b = SV_BUF_INIT;
		sv_buf_addf(&b, "%s{\"id\":%lld,\"pair\":%lld,\"revision\":%lld,\"ru\":",
			    o->n ? ",\n " : "", (long long)r->id, (long long)r->pair,
			    (long long)r->revision);
		sv_buf_add_json(&b, r->ru);
		cli_json_field(&b, "bg", r->bg);
		cli_json_field(&b, "action", r->action);
		cli_json_field(&b, "status", r->status);
		cli_json_field(&b, "detail", r->detail);
		cli_json_field(&b, "who", r->who);
		cli_json_field(&b, "at", r->at);
		sv_buf_addc(&b, '}');
		fputs(b.data, stdout);
		sv_buf_release(&b);
	} else {
		printf("%s  %-12s %5lld r%-3lld %-8s %-9s  %s = %s", r->at, r->who,
		       (long long)r->pair, (long long)r->revision, r->action, r->status, r->ru,
		       r->bg);
		if (r->detail)
			printf("  (%s)", r->detail);
		putchar('\n');
	}
	o->n++;
	return 0;
}

int cmd_terms(struct sv_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "status", required_argument, NULL, 's' },
		{ "min-score", required_argument, NULL, 'm' },
		{ "lang", required_argument, NULL, 'l' },
		{ "best", no_argument, NULL, 'b' },
		{ "limit", required_argument, NULL, 'n' },
		{ "evidence", no_argument, NULL, 'e' },
		{ "tsv", no_argument, NULL, 't' },
		{ "history", no_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 },
	};
	int history = 0;
	struct sv_termbase_query q = { .lead = SV_LANG_RU };
	struct out o = { cli, 0, 0, 0 };
	int c;
	while ((c = getopt_long(argc, argv, "s:m:l:bn:et", opts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 's':
			if (strcmp(optarg, "candidate") && strcmp(optarg, "approved") &&
			    strcmp(optarg, "rejected") && strcmp(optarg, "forbidden"))
				return cli_usage(cli, "--status takes candidate, approved, rejected or "
						 "forbidden, not '%s'", optarg);
			q.status = optarg;
			break;
		case 'm':
			q.min_score = strtod(optarg, &end);
			if (*end || end == optarg || q.min_score < 0 || q.min_score > 1)
				return cli_usage(cli, "--min-score takes a number from 0 to 1, not '%s'",
						 optarg);
			break;
		case 'l':
			if (strcmp(optarg, "ru") && strcmp(optarg, "bg"))
				return cli_usage(cli, "--lang takes ru or bg, not '%s'", optarg);
			q.lead = !strcmp(optarg, "bg") ? SV_LANG_BG : SV_LANG_RU;
			break;
		case 'b':
			q.best = 1;
			break;
		case 'n':
			q.limit = strtoll(optarg, &end, 10);
			if (*end || end == optarg || q.limit < 0)
				return cli_usage(cli, "--limit takes a count, not '%s'", optarg);
			break;
		case 'e':
			o.evidence = 1;
			break;
		case 't':
			o.tsv = 1;
			break;
		case 'H':
			history = 1;
			break;
		default:
			return cli_usage(cli, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage(cli, "unexpected argument '%s'", argv[optind]);
	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	int rc = sv_store_open(cli->memory, SV_STORE_READONLY, &st, &err);
	if (rc)
		return cli_fail(cli, &err);
	if (cli->json)
		fputs("[", stdout);
	if (history)
		rc = sv_termbase_reviews_list(st, 0, q.limit, print_review, &o, &err);
	else
		rc = sv_termbase_rows_find(st, &q, print_pair, &o, NULL, &err);
	if (cli->json)
		fputs(o.n ? "]\n" : "]\n", stdout);
	sv_store_close(st);
	if (rc)
		return cli_fail(cli, &err);
	return 0;
}
