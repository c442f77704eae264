/* sverka pair RU_LIST BG_LIST: pairs two monolingual term lists (one term a
 * line) with the term scorer and the seed lexicon; one TSV line per Russian
 * term: ru, its best Bulgarian partner (empty below the threshold), score. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "terms/terms.h"

struct list {
	char **v;
	size_t n, cap;
};

static void list_free(struct list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static int read_list(const char *path, struct list *l, struct sv_error *err)
{
	FILE *f = !strcmp(path, "-") ? stdin : fopen(path, "r");
	if (!f)
		return sv_error_set(err, SV_EINPUT, "'%s': cannot read", path);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) >= 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = 0;
		char *s = line;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '#')
			continue;
		SV_GROW(l->v, l->cap, l->n + 1);
		l->v[l->n++] = sv_strdup(s);
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return SV_OK;
}

int cmd_pair(struct sv_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lexicon", required_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 },
	};
	struct sv_terms_opts o;
	sv_terms_opts_init(&o);
	int c;
	while ((c = getopt_long(argc, argv, "x:", opts, NULL)) != -1) {
		if (c == 'x')
			o.lexicon = optarg;
		else
			return cli_usage(cli, "unknown option '%s'", argv[optind - 1]);
	}
	if (argc - optind != 2)
		return cli_usage(cli, "'pair' takes a Russian and a Bulgarian term list");
	struct sv_error err = { 0 };
	struct list ru = { 0 }, bg = { 0 };
	struct sv_text *t = NULL;
	struct sv_terms_match *m = NULL;
	int rc;
	if ((rc = read_list(argv[optind], &ru, &err)) ||
	    (rc = read_list(argv[optind + 1], &bg, &err)) || !(t = sv_text_open(NULL, &err))) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	m = sv_calloc(ru.n + 1, sizeof(*m));
	if ((rc = sv_terms_pair_lists(t, &o, (const char *const *)ru.v, ru.n,
				      (const char *const *)bg.v, bg.n, m, &err))) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	for (size_t i = 0; i < ru.n; i++)
		printf("%s\t%s\t%.3f\n", ru.v[i], m[i].bg >= 0 ? bg.v[m[i].bg] : "", m[i].score);
out:
	free(m);
	sv_text_close(t);
	list_free(&ru);
	list_free(&bg);
	return rc;
}
