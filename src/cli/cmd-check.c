/* sverka check: terminology and consistency checks over translated reports
 * (XLIFF, TMX, TSV pairs, or two plain texts aligned first), with a glossary
 * from the memory's termbase or a TBX/OmegaT/CSV file. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "job/check.h"


enum {
	OPT_GLOSSARY = 256, OPT_TERMBASE, OPT_CANDIDATES, OPT_SOURCE, OPT_FORMAT, OPT_PAIR,
	OPT_ENABLE, OPT_DISABLE, OPT_SEVERITY, OPT_SUPPRESS, OPT_CONFIG,
};

static const struct option check_options[] = {
	{ "glossary", required_argument, NULL, OPT_GLOSSARY },
	{ "termbase", no_argument, NULL, OPT_TERMBASE },
	{ "candidates", no_argument, NULL, OPT_CANDIDATES },
	{ "source", required_argument, NULL, OPT_SOURCE },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "pair", required_argument, NULL, OPT_PAIR }, /* RU_FILE, and BG_FILE after it */
	{ "enable", required_argument, NULL, OPT_ENABLE },
	{ "disable", required_argument, NULL, OPT_DISABLE },
	{ "severity", required_argument, NULL, OPT_SEVERITY },
	{ "suppress", required_argument, NULL, OPT_SUPPRESS },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ NULL, 0, NULL, 0 },
};
static const char check_short_options[] = ":o:";

/* Applies a config setting given on the command line; a usage error if bad. */
static int set_config(struct sv_cli *cli, struct sv_check_config *cfg, const char *setting)
{
	struct sv_error err = { 0 };
	if (sv_check_config_set(cfg, setting, &err))
		return cli_usage(cli, "%s", err.msg);
	return SV_OK;
}

/* The options other than --config into o and cfg (argv's files into the lists,
 * which hold argc entries). */
static int parse_options(struct sv_cli *cli, int argc, char **argv, struct sv_job_check_opts *o,
			 struct sv_check_config *cfg, const char **reports, const char **pairs,
			 const char **glossaries)
{
	int c, rc = SV_OK;
	optind = 0; /* a full reset: cmd_check scans argv twice */
	opterr = 0;
	while ((c = getopt_long(argc, argv, check_short_options, check_options, NULL)) != -1) {
		struct sv_buf setting = SV_BUF_INIT;
		switch (c) {
		case OPT_GLOSSARY: glossaries[o->nglossaries++] = optarg; break;
		case OPT_TERMBASE: o->termbase = 1; break;
		case OPT_CANDIDATES: cfg->candidates = 1; break;
		case OPT_SOURCE:
			o->source = sv_lang_parse(optarg);
			if (o->source != SV_LANG_RU && o->source != SV_LANG_BG)
				rc = cli_usage(cli, "--source must be ru or bg, not '%s'", optarg);
			break;
		case OPT_FORMAT:
			if (!strcmp(optarg, "text"))
				o->format = SV_CHECK_TEXT;
			else if (!strcmp(optarg, "json"))
				o->format = SV_CHECK_JSON;
			else if (!strcmp(optarg, "html"))
				o->format = SV_CHECK_HTML;
			else
				rc = cli_usage(cli, "--format must be text, json or html, not '%s'",
					       optarg);
			break;
		case 'o': /* read in cmd_check */ break;
		case OPT_PAIR:
			if (optind >= argc) {
				rc = cli_usage(cli, "--pair needs RU_FILE and BG_FILE");
				break;
			}
			pairs[2 * o->npairs] = optarg;
			pairs[2 * o->npairs + 1] = argv[optind++];
			o->npairs++;
			break;
		case OPT_ENABLE:
		case OPT_DISABLE:
			if (sv_check_parse(optarg) < 0) {
				rc = cli_usage(cli, "unknown check '%s'", optarg);
				break;
			}
			sv_buf_addf(&setting, "%s=%s", optarg, c == OPT_ENABLE ? "on" : "off");
			rc = set_config(cli, cfg, setting.data);
			break;
		case OPT_SEVERITY: rc = set_config(cli, cfg, optarg); break;
		case OPT_SUPPRESS:
			sv_buf_addf(&setting, "suppress=%s", optarg);
			rc = set_config(cli, cfg, setting.data);
			break;
		case OPT_CONFIG: /* read first, in cmd_check */ break;
		case ':': rc = cli_usage(cli, "%s needs a value", argv[optind - 1]); break;
		default: rc = cli_usage(cli, "unknown option '%s'", argv[optind - 1]); break;
		}
		sv_buf_release(&setting);
		if (rc)
			return rc;
	}
	while (optind < argc)
		reports[o->nreports++] = argv[optind++];
	return SV_OK;
}

/* --config FILE, read before the other options so that they override it
 * wherever they stand. */
static int read_config_files(struct sv_cli *cli, int argc, char **argv,
			     struct sv_check_config *cfg, const char **output)
{
	int c;
	optind = 0; /* a full reset: cmd_check scans argv twice */
	opterr = 0;
	while ((c = getopt_long(argc, argv, check_short_options, check_options, NULL)) != -1) {
		struct sv_error err = { 0 };
		if (c == OPT_PAIR && optind < argc)
			optind++; /* BG_FILE is not a report */
		else if (c == 'o')
			*output = optarg;
		else if (c == OPT_CONFIG && sv_check_config_read(cfg, optarg, &err))
			return cli_fail(cli, &err);
		else if (c == ':' && optopt == OPT_CONFIG)
			return cli_usage(cli, "--config needs a FILE");
	}
	return SV_OK;
}

int cmd_check(struct sv_cli *cli, int argc, char **argv)
{
	if (cli_wants_help(cli, argc, argv))
		return 0;
	struct sv_error err = { 0 };
	struct sv_check_config cfg;
	struct sv_job_check_opts o;
	struct sv_job_check_result res = { 0 };
	const char **glossaries = sv_calloc((size_t)argc + 1, sizeof(char *));
	const char **reports = sv_calloc((size_t)argc + 1, sizeof(char *));
	const char **pairs = sv_calloc((size_t)argc + 1, sizeof(char *));
	const char *output = NULL;
	int rc = SV_OK;
	sv_check_config_init(&cfg);
	sv_job_check_opts_init(&o);
	o.format = cli->json ? SV_CHECK_JSON : SV_CHECK_TEXT;
	o.memory = cli->memory;
	o.config = &cfg;
	o.reports = reports;
	o.pairs = pairs;
	o.glossaries = glossaries;
	if ((rc = read_config_files(cli, argc, argv, &cfg, &output)) ||
	    (rc = parse_options(cli, argc, argv, &o, &cfg, reports, pairs, glossaries)))
		goto out;
	if (!o.nreports && !o.npairs) {
		rc = cli_usage(cli, "no report to check");
		goto out;
	}
	rc = sv_job_check(&o, &res, &err);
	if (res.glossary_empty)
		cli_warn(cli, "the glossary has no terms: term checks skipped");
	if (rc) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	FILE *f = stdout;
	if (output && strcmp(output, "-") && !(f = fopen(output, "w"))) {
		sv_error_set(&err, SV_EINPUT, "'%s': cannot write", output);
		rc = cli_fail(cli, &err);
		goto out;
	}
	fwrite(res.report.data, 1, res.report.len, f);
	if (f != stdout && fclose(f)) {
		sv_error_set(&err, SV_ESTORE, "'%s': write failed", output);
		rc = cli_fail(cli, &err);
		goto out;
	}
	if (output && f != stdout && !cli->quiet)
		fprintf(stderr, "sverka check: %zu findings (%zu errors) written to '%s'\n",
			res.findings.n, res.findings.errors, output);
	rc = res.findings.errors ? SV_EFINDINGS : SV_OK;
out:
	sv_job_check_result_release(&res);
	sv_check_config_release(&cfg);
	free(glossaries);
	free(reports);
	free(pairs);
	return rc;
}
