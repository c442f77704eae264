/* sverka concord WORD: the lines holding a word or phrase in any inflected
 * form, keyword in context, each with its aligned counterpart. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/match-print.h"
#include "match/match.h"

/* Bytes of context each side of the match in a line. */
#define CONCORD_KWIC_WIDTH 80

int cmd_concord(struct sv_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "limit", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	struct sv_match_concord_opts co;
	sv_match_concord_opts_init(&co);
	int c;
	while ((c = getopt_long(argc, argv, "l:k:", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			if (cli_opt_lang(cli, optarg, &co.lang))
				return SV_EUSAGE;
			break;
		case 'k':
			if (cli_opt_size(cli, "--limit", optarg, 1, 10000, &co.limit))
				return SV_EUSAGE;
			break;
		default: return cli_usage(cli, "unknown option '%s'", argv[optind - 1]);
		}
	}
	struct sv_buf word = SV_BUF_INIT;
	if (cli_query_args(cli, argc, argv,
			   "which word? give a word or phrase in Russian or Bulgarian", &word))
		return SV_EUSAGE;

	struct sv_error err = { 0 };
	struct cli_matcher cm = CLI_MATCHER_INIT;
	struct sv_match_lines r = SV_MATCH_LINES_INIT;
	struct sv_buf out = SV_BUF_INIT;
	enum sv_lang used = SV_LANG_RU;
	int rc, tty = !cli->json && mp_tty();
	if ((rc = cli_matcher_open(cli, &cm, &err)) ||
	    (rc = sv_match_concord(cm.m, word.data, &co, &r, &used, &err))) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	if (cli->json) {
		mp_json_query_start(&out, word.data, used);
		sv_buf_addf(&out, ",\"total\":%zu,\"lines\":[", r.total);
		for (size_t i = 0; i < r.n; i++) {
			if (i)
				sv_buf_addc(&out, ',');
			mp_json_line(&out, &r.v[i]);
		}
		sv_buf_adds(&out, "]}\n");
	} else {
		for (size_t i = 0; i < r.n; i++) {
			const struct sv_match_line *l = &r.v[i];
			sv_buf_addf(&out, "%s  ", sv_lang_code(l->lang));
			mp_kwic(&out, l->text, l->hl, CONCORD_KWIC_WIDTH, tty);
			sv_buf_addc(&out, '\n');
			const char *other = sv_lang_code(mp_other_lang(l->lang));
			if (l->other)
				sv_buf_addf(&out, "%s  %s\n", other, l->other);
			else
				sv_buf_addf(&out, "%s  -\n", other);
		}
		if (!r.n)
			sv_buf_addf(&out, "no line holds '%s'\n", word.data);
		else if (r.total > r.n)
			sv_buf_addf(&out, "(%zu of %zu lines; --limit for more)\n", r.n, r.total);
	}
	fputs(out.data, stdout);
	rc = r.n ? SV_OK : SV_EFINDINGS;
out:
	sv_match_lines_release(&r);
	cli_matcher_close(&cm);
	sv_buf_release(&word);
	sv_buf_release(&out);
	return rc;
}
