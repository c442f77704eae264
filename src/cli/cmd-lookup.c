/* sverka lookup TEXT: the other language's terms for a term given in any
 * inflected form, with status, score, frequency, evidence and a few
 * concordance lines per language; "did you mean" when nothing matches. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/match-print.h"
#include "match/match.h"

/* Concordance lines per language when --lines is not given. */
#define LOOKUP_LINES_DEFAULT 3
/* Bytes of context each side of the match in a concordance line. */
#define LOOKUP_KWIC_WIDTH 80

static void json_term(struct sv_buf *b, const struct sv_match_term *t)
{
	sv_buf_adds(b, "\"term\":");
	sv_buf_add_json(b, t->citation);
	sv_buf_addf(b, ",\"lang\":\"%s\",\"lemmas\":", sv_lang_code(t->lang));
	sv_buf_add_json(b, t->lemma_key);
	sv_buf_addf(b, ",\"id\":%lld,\"kind\":", (long long)t->id);
	sv_buf_add_json(b, t->kind);
	sv_buf_addf(b, ",\"freq\":%lld,\"preferred\":%s", (long long)t->freq,
		    t->preferred ? "true" : "false");
}

/* Appends concordance lines of lang for the lemma key to the text or JSON. */
static int lines_for(struct sv_match *m, enum sv_lang lang, const char *key, size_t n,
		     struct sv_buf *txt, struct sv_buf *json, int tty, struct sv_error *err)
{
	struct sv_match_lines lines = SV_MATCH_LINES_INIT;
	int rc = sv_match_concord_lemmas(m, lang, key, n, &lines, err);
	if (rc)
		goto out;
	if (lines.n)
		sv_buf_addf(txt, "%s lines:\n", sv_lang_code(lang));
	for (size_t i = 0; i < lines.n; i++) {
		const struct sv_match_line *l = &lines.v[i];
		if (json->len && json->data[json->len - 1] != '[')
			sv_buf_addc(json, ',');
		mp_json_line(json, l);
		sv_buf_addf(txt, "  %s  ", sv_lang_code(lang));
		mp_kwic(txt, l->text, l->hl, LOOKUP_KWIC_WIDTH, tty);
		sv_buf_addc(txt, '\n');
		if (l->other) {
			sv_buf_addf(txt, "  %s  ", sv_lang_code(mp_other_lang(lang)));
			sv_buf_adds(txt, l->other);
			sv_buf_addc(txt, '\n');
		}
	}
out:
	sv_match_lines_release(&lines);
	return rc;
}

struct lookup_args {
	struct sv_match_lookup_opts opts; /* --lang, --limit, --exact */
	long nlines;                      /* --lines */
	int query_from;                   /* argv index of the query's first word */
};

/* Parses the options into *args; prints the usage error and returns
 * SV_EUSAGE on a bad option or a missing query. */
static int lookup_args_parse(struct sv_cli *cli, int argc, char **argv, struct lookup_args *args)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "lines", required_argument, NULL, 'n' },
		{ "limit", required_argument, NULL, 'k' },
		{ "exact", no_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 },
	};
	sv_match_lookup_opts_init(&args->opts);
	args->nlines = LOOKUP_LINES_DEFAULT;
	int c;
	while ((c = getopt_long(argc, argv, "l:n:k:e", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			if (cli_opt_lang(cli, optarg, &args->opts.lang))
				return SV_EUSAGE;
			break;
		case 'n':
			if (cli_opt_long(cli, "--lines", optarg, 0, 100, &args->nlines))
				return SV_EUSAGE;
			break;
		case 'k':
			if (cli_opt_size(cli, "--limit", optarg, 1, 1000, &args->opts.max_hits))
				return SV_EUSAGE;
			break;
		case 'e': args->opts.partial = SV_MATCH_PARTIAL_OFF; break;
		default: return cli_usage(cli, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage(cli, "what to look up? give a term in Russian or Bulgarian");
	args->query_from = optind;
	return SV_OK;
}

/* The matched terms: a JSON object each, and a text line each. */
static void hits_print(const struct sv_match_lookup *r, struct sv_buf *txt, struct sv_buf *json)
{
	for (size_t i = 0; i < r->nhits; i++) {
		const struct sv_match_hit *h = &r->hits[i];
		sv_buf_adds(json, i ? ",{" : "{");
		json_term(json, &h->term);
		sv_buf_addf(json, ",\"match\":\"%s\",\"rank\":%.2f,\"status\":",
			    sv_match_how_name(h->how), h->rank);
		sv_buf_add_json(json, sv_status_name(h->term.status));
		sv_buf_addc(json, '}');
		sv_buf_addf(txt, "%s  [%s, %s, %s, freq %lld]\n", h->term.citation,
			    sv_lang_code(h->term.lang), sv_match_how_name(h->how),
			    sv_status_name(h->term.status), (long long)h->term.freq);
	}
}

/* The equivalents in the other language, under a "<lang>:" heading in text. */
static void equivs_print(const struct sv_match_lookup *r, const char *query, enum sv_lang other,
			 struct sv_buf *txt, struct sv_buf *json)
{
	if (r->nequivs)
		sv_buf_addf(txt, "%s:\n", sv_lang_code(other));
	for (size_t i = 0; i < r->nequivs; i++) {
		const struct sv_match_equiv *e = &r->equivs[i];
		sv_buf_adds(json, i ? ",{" : "{");
		json_term(json, &e->term);
		sv_buf_addf(json, ",\"score\":%.3f,\"status\":", e->score);
		sv_buf_add_json(json, sv_status_name(e->status));
		sv_buf_adds(json, ",\"term_status\":");
		sv_buf_add_json(json, sv_status_name(e->term.status));
		sv_buf_adds(json, ",\"evidence\":");
		sv_buf_add_json(json, e->evidence);
		sv_buf_adds(json, ",\"for\":");
		if (e->hit < r->nhits)
			sv_buf_add_json(json, r->hits[e->hit].term.citation);
		else
			sv_buf_add_json(json, query);
		sv_buf_addf(json, ",\"via\":\"%s\"}",
			    e->via_concept      ? "concept"
			    : e->hit < r->nhits ? "pair"
						: "spelling");
		sv_buf_addf(txt, "  %s%s  %s  score %.2f  freq %lld", e->term.citation,
			    e->term.preferred ? "  (preferred)" : "", sv_status_name(e->status),
			    e->score, (long long)e->term.freq);
		if (e->hit < r->nhits && r->nhits > 1)
			sv_buf_addf(txt, "  for %s", r->hits[e->hit].term.citation);
		sv_buf_addc(txt, '\n');
		if (*e->evidence)
			sv_buf_addf(txt, "      %s\n", e->evidence);
	}
}

/* "no term ..." when nothing matched, and the closest terms. */
static void suggestions_print(const struct sv_match_lookup *r, const char *query,
			      struct sv_buf *txt, struct sv_buf *json)
{
	if (!r->nhits && !r->nequivs) {
		sv_buf_addf(txt, "no term '%s' in the memory", query);
		if (r->nsuggest)
			sv_buf_adds(txt, "; did you mean:\n");
		else
			sv_buf_addc(txt, '\n');
	}
	for (size_t i = 0; i < r->nsuggest; i++) {
		sv_buf_adds(json, i ? ",{" : "{");
		json_term(json, &r->suggest[i]);
		sv_buf_addf(json, ",\"similarity\":%.2f}", r->suggest_sim[i]);
		sv_buf_addf(txt, "  %s  [%s]\n", r->suggest[i].citation,
			    sv_lang_code(r->suggest[i].lang));
	}
}

/* Concordance: nlines lines for the best hit's term (or the query's lemmas)
 * and for the first equivalent, into text and the JSON array json_lines. */
static int concordance_print(struct sv_match *m, const struct sv_match_lookup *r, size_t nlines,
			     int tty, struct sv_buf *txt, struct sv_buf *json_lines,
			     struct sv_error *err)
{
	int rc = SV_OK;
	if (!nlines || !(r->nhits || r->nequivs))
		return SV_OK;
	const char *query_key = r->nhits ? r->hits[0].term.lemma_key : r->lemmas;
	if (query_key && *query_key &&
	    (rc = lines_for(m, r->lang, query_key, nlines, txt, json_lines, tty, err)))
		return rc;
	if (r->nequivs) {
		const struct sv_match_equiv *e = &r->equivs[0];
		rc = lines_for(m, e->term.lang, e->term.lemma_key, nlines, txt, json_lines, tty,
			       err);
	}
	return rc;
}

/* Looks query up and prints the result (text, or JSON with --json) on
 * stdout; returns the exit status (1 when nothing matches). */
static int lookup_one(struct sv_cli *cli, struct cli_matcher *cm, const char *query,
		      const struct lookup_args *args)
{
	struct sv_error err = { 0 };
	struct sv_match_lookup r = SV_MATCH_LOOKUP_INIT;
	struct sv_buf txt = SV_BUF_INIT, json = SV_BUF_INIT, json_lines = SV_BUF_INIT;
	int tty = !cli->json && mp_tty();
	int rc = sv_match_lookup(cm->m, query, &args->opts, &r, &err);
	if (rc) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	enum sv_lang other = mp_other_lang(r.lang);
	sv_buf_adds(&json, "{\"query\":");
	sv_buf_add_json(&json, query);
	sv_buf_addf(&json, ",\"lang\":\"%s\",\"lemmas\":", sv_lang_code(r.lang));
	sv_buf_add_json(&json, r.lemmas ? r.lemmas : "");
	sv_buf_adds(&json, ",\"hits\":[");
	hits_print(&r, &txt, &json);
	if (!r.nhits && r.nequivs)
		sv_buf_addf(&txt, "%s  [%s, not in the termbase; spelt like a %s term]\n", query,
			    sv_lang_code(r.lang), sv_lang_code(other));
	sv_buf_adds(&json, "],\"equivalents\":[");
	equivs_print(&r, query, other, &txt, &json);
	sv_buf_adds(&json, "],\"suggestions\":[");
	suggestions_print(&r, query, &txt, &json);
	sv_buf_adds(&json, "],\"lines\":[");
	if ((rc = concordance_print(cm->m, &r, (size_t)args->nlines, tty, &txt, &json_lines,
				    &err))) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	sv_buf_add(&json, json_lines.data, json_lines.len);
	sv_buf_adds(&json, "]}\n");
	fputs(cli->json ? json.data : txt.data, stdout);
	rc = r.nhits || r.nequivs ? SV_OK : SV_EFINDINGS;
out:
	sv_match_lookup_release(&r);
	sv_buf_release(&txt);
	sv_buf_release(&json);
	sv_buf_release(&json_lines);
	return rc;
}

int cmd_lookup(struct sv_cli *cli, int argc, char **argv)
{
	struct lookup_args args;
	int rc = lookup_args_parse(cli, argc, argv, &args);
	if (rc)
		return rc;
	struct sv_buf query = SV_BUF_INIT;
	cli_join_args(argc, argv, args.query_from, &query);

	struct sv_error err = { 0 };
	struct cli_matcher cm = CLI_MATCHER_INIT;
	if ((rc = cli_matcher_open(cli, &cm, &err))) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	rc = lookup_one(cli, &cm, query.data, &args);
out:
	cli_matcher_close(&cm);
	sv_buf_release(&query);
	return rc;
}
