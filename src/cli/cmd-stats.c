/* sverka stats: what the memory holds, per language. */
#include "cli/cli.h"

#include <string.h>

#include "store/store.h"

int cmd_stats(struct sv_cli *cli, int argc, char **argv);

struct tally {
	struct sv_buf docs, segs, text;
	int64_t ndocs, nsegs;
};

static void add_lang(void *ctx, const char *lang, int64_t docs, int64_t segs)
{
	struct tally *t = ctx;
	if (t->docs.len) {
		sv_buf_addc(&t->docs, ',');
		sv_buf_addc(&t->segs, ',');
	}
	sv_buf_addf(&t->docs, "\"%s\":%lld", lang, (long long)docs);
	sv_buf_addf(&t->segs, "\"%s\":%lld", lang, (long long)segs);
	sv_buf_addf(&t->text, "  %-6s %8lld documents %10lld segments\n", lang, (long long)docs,
		    (long long)segs);
	t->ndocs += docs;
	t->nsegs += segs;
}

static int64_t count(struct sv_store *st, const char *sql, struct sv_error *err, int *rc)
{
	sqlite3_stmt *s = sv_store_prepare(st, sql, err);
	if (!s) {
		*rc = SV_ESTORE;
		return 0;
	}
	int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return v;
}

int cmd_stats(struct sv_cli *cli, int argc, char **argv)
{
	if (argc > 1)
		return cli_usage(cli, "unexpected argument '%s'", argv[1]);
	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	struct tally t = { SV_BUF_INIT, SV_BUF_INIT, SV_BUF_INIT, 0, 0 };
	int rc;
	if ((rc = sv_store_open(cli->memory, SV_STORE_READONLY, &st, &err)) ||
	    (rc = sv_store_stats(st, add_lang, &t, &err))) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	int64_t pairs = count(st, "SELECT count(*) FROM doc_pairs", &err, &rc);
	int64_t units = count(st, "SELECT count(*) FROM units", &err, &rc);
	int64_t terms = count(st, "SELECT count(*) FROM terms", &err, &rc);
	int64_t tpairs = count(st, "SELECT count(*) FROM term_pairs", &err, &rc);
	int64_t approved = count(st, "SELECT count(*) FROM term_pairs WHERE status = 'approved'",
				 &err, &rc);
	if (rc) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	if (cli->json) {
		printf("{\"memory\":");
		struct sv_buf p = SV_BUF_INIT;
		sv_buf_add_json(&p, cli->memory);
		printf("%s,\"documents\":{%s},\"segments\":{%s},\"document_pairs\":%lld,"
		       "\"units\":%lld,\"terms\":%lld,\"term_pairs\":%lld,\"approved_pairs\":%lld}\n",
		       p.data, t.docs.data, t.segs.data, (long long)pairs, (long long)units,
		       (long long)terms, (long long)tpairs, (long long)approved);
		sv_buf_release(&p);
	} else {
		printf("memory '%s'\n%s", cli->memory, t.text.data);
		printf("  %-6s %8lld documents %10lld segments\n", "all", (long long)t.ndocs,
		       (long long)t.nsegs);
		printf("%lld document pairs, %lld translation units, %lld terms, "
		       "%lld term pairs (%lld approved)\n",
		       (long long)pairs, (long long)units, (long long)terms, (long long)tpairs,
		       (long long)approved);
	}
out:
	sv_buf_release(&t.docs);
	sv_buf_release(&t.segs);
	sv_buf_release(&t.text);
	sv_store_close(st);
	return rc;
}
