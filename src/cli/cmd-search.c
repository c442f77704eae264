/* sverka search SENTENCE: fuzzy translation-memory matches, scored as in
 * docs/MATCHING.md, best first, with the words that differ marked. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/match-print.h"
#include "match/match.h"

int cmd_search(struct sv_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "limit", required_argument, NULL, 'k' },
		{ "min-score", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct sv_match_search_opts so;
	sv_match_search_opts_init(&so);
	int c;
	while ((c = getopt_long(argc, argv, "l:k:s:", opts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'l':
			if (cli_opt_lang(cli, optarg, &so.lang))
				return SV_EUSAGE;
			break;
		case 'k':
			if (cli_opt_size(cli, "--limit", optarg, 1, 1000, &so.limit))
				return SV_EUSAGE;
			break;
		case 's': {
			double s = strtod(optarg, &end);
			if (*end || s < 0 || s > 100)
				return cli_usage(cli,
						 "--min-score takes a percentage 0..100, not '%s'",
						 optarg);
			so.min_score = s > 0 ? s : 0.001;
			break;
		}
		default: return cli_usage(cli, "unknown option '%s'", argv[optind - 1]);
		}
	}
	struct sv_buf query = SV_BUF_INIT;
	if (cli_query_args(cli, argc, argv,
			   "search for what? give a sentence in Russian or Bulgarian", &query))
		return SV_EUSAGE;

	struct sv_error err = { 0 };
	struct cli_matcher cm = CLI_MATCHER_INIT;
	struct sv_match_tms r = SV_MATCH_TMS_INIT;
	struct sv_buf out = SV_BUF_INIT;
	int rc, tty = !cli->json && mp_tty();
	if ((rc = cli_matcher_open(cli, &cm, &err)) ||
	    (rc = sv_match_search(cm.m, query.data, &so, &r, &err))) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	int ru = r.lang == SV_LANG_RU;
	if (cli->json) {
		mp_json_query_start(&out, query.data, r.lang);
		sv_buf_addf(&out, ",\"candidates\":%zu,\"matches\":[", r.candidates);
	}
	for (size_t i = 0; i < r.n; i++) {
		const struct sv_match_tm *tm = &r.v[i];
		const char *src = ru ? tm->ru : tm->bg, *tgt = ru ? tm->bg : tm->ru;
		if (cli->json) {
			sv_buf_addf(&out, "%s{\"score\":%.1f,\"unit\":%lld,\"ru\":", i ? "," : "",
				    tm->score, (long long)tm->unit);
			sv_buf_add_json(&out, tm->ru);
			cli_json_field(&out, "bg", tm->bg);
			cli_json_field(&out, "status", sv_status_name(tm->status));
			cli_json_field(&out, "origin", tm->origin);
			cli_json_field(&out, "method", tm->method);
			sv_buf_adds(&out, ",\"differs\":");
			mp_json_spans(&out, src, tm->diff, tm->ndiff);
			sv_buf_addc(&out, '}');
			continue;
		}
		sv_buf_addf(&out, "%3d%%  unit %lld  %s\n", (int)tm->score, (long long)tm->unit,
			    sv_status_name(tm->status));
		sv_buf_addf(&out, "  %s  ", sv_lang_code(r.lang));
		mp_marked(&out, src, 0, strlen(src), tm->diff, tm->ndiff, tty);
		sv_buf_addf(&out, "\n  %s  %s\n", ru ? "bg" : "ru", tgt);
	}
	if (cli->json)
		sv_buf_adds(&out, "]}\n");
	else if (!r.n)
		sv_buf_addf(&out, "no match of %g%% or more\n", so.min_score);
	fputs(out.data, stdout);
	rc = r.n ? SV_OK : SV_EFINDINGS;
out:
	sv_match_tms_release(&r);
	cli_matcher_close(&cm);
	sv_buf_release(&query);
	sv_buf_release(&out);
	return rc;
}
