/* sverka align: options and the report of the align job (job/align.h), which
 * pairs the documents that cover the same event and aligns their sentences
 * (monotone for translations, mining for comparable coverage), storing
 * document pairs and translation units, then terms. Without declarations it
 * aligns what is new; --parallel and --comparable declare a pair and its mode. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "job/align.h"


int cmd_align(struct sv_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "parallel", required_argument, NULL, 'p' },
		{ "comparable", required_argument, NULL, 'c' },
		{ "all", no_argument, NULL, 'a' },
		{ "lexicon", required_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 },
	};
	struct sv_job_align_decl *decls = NULL;
	size_t ndecl = 0, dcap = 0;
	int all = 0, c;
	const char *lexicon = NULL;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'p' || c == 'c') {
			if (optind >= argc || argv[optind][0] == '-') {
				free(decls);
				return cli_usage(cli, "--%s takes two documents: RU_DOC BG_DOC",
						 c == 'p' ? "parallel" : "comparable");
			}
			SV_GROW(decls, dcap, ndecl + 1);
			decls[ndecl].ru = optarg;
			decls[ndecl].bg = argv[optind++];
			decls[ndecl].method = c == 'p' ? SV_ALIGN_MONOTONE : SV_ALIGN_MINING;
			ndecl++;
		} else if (c == 'a') {
			all = 1;
		} else if (c == 'x') {
			lexicon = optarg;
		} else {
			free(decls);
			return cli_usage(cli, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc) {
		free(decls);
		return cli_usage(cli, "unexpected argument '%s'", argv[optind]);
	}
	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	struct sv_job_align_opts ao;
	struct sv_job_align_result res = SV_JOB_ALIGN_RESULT_INIT;
	sv_job_align_opts_init(&ao);
	ao.decls = decls;
	ao.ndecls = ndecl;
	ao.all = all;
	ao.lexicon = lexicon;
	int rc;
	if ((rc = sv_store_open(cli->memory, 0, &st, &err)) ||
	    (rc = sv_job_align(st, &ao, &res, &err))) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	if (cli->json) {
		printf("{\"pairs\":%zu,\"parallel\":%zu,\"comparable\":%zu,\"units\":%zu}\n",
		       res.npairs, res.parallel, res.comparable, res.units);
	} else {
		for (size_t i = 0; i < res.npairs; i++) {
			const struct sv_job_align_pair *p = &res.pairs[i];
			printf("%.3f\t%s\t%s\t%s\t%zu units\n", p->score, p->ru_path, p->bg_path,
			       p->method == SV_ALIGN_MINING ? "comparable" : "parallel", p->units);
		}
		if (!cli->quiet)
			fprintf(stderr, "%zu document pairs (%zu parallel, %zu comparable), %zu units\n",
				res.npairs, res.parallel, res.comparable, res.units);
		if (!cli->quiet)
			fprintf(stderr, "%zu term pairs (%zu with a projected term), %zu kept as reviewed\n",
				res.terms.pairs, res.terms.projected, res.terms.kept);
	}
out:
	sv_job_align_result_release(&res);
	if (st)
		sv_store_close(st);
	free(decls);
	return rc;
}
