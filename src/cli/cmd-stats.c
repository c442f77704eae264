/* sverka stats: what the memory holds, per language. */
#include "cli/cli.h"

#include <string.h>

#include "store/store.h"

int cmd_stats(struct sv_cli *cli, int argc, char **argv)
{
	if (argc > 1)
		return cli_usage(cli, "unexpected argument '%s'", argv[1]);
	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	struct sv_store_counts c = SV_STORE_COUNTS_INIT;
	struct sv_buf docs = SV_BUF_INIT, segs = SV_BUF_INIT, text = SV_BUF_INIT;
	int64_t ndocs = 0, nsegs = 0;
	int rc;
	if ((rc = sv_store_open(cli->memory, SV_STORE_READONLY, &st, &err)) ||
	    (rc = sv_store_stats(st, &c, &err))) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	for (size_t i = 0; i < c.nlangs; i++) {
		const struct sv_store_lang_count *l = &c.langs[i];
		if (docs.len) {
			sv_buf_addc(&docs, ',');
			sv_buf_addc(&segs, ',');
		}
		sv_buf_addf(&docs, "\"%s\":%lld", l->lang, (long long)l->docs);
		sv_buf_addf(&segs, "\"%s\":%lld", l->lang, (long long)l->segs);
		sv_buf_addf(&text, "  %-6s %8lld documents %10lld segments\n", l->lang,
			    (long long)l->docs, (long long)l->segs);
		ndocs += l->docs;
		nsegs += l->segs;
	}
	if (cli->json) {
		printf("{\"memory\":");
		struct sv_buf p = SV_BUF_INIT;
		sv_buf_add_json(&p, cli->memory);
		printf("%s,\"documents\":{%s},\"segments\":{%s},\"document_pairs\":%lld,"
		       "\"units\":%lld,\"terms\":%lld,\"term_pairs\":%lld,\"approved_pairs\":%lld}\n",
		       p.data, docs.data, segs.data, (long long)c.doc_pairs, (long long)c.units,
		       (long long)c.terms, (long long)c.term_pairs, (long long)c.approved_pairs);
		sv_buf_release(&p);
	} else {
		printf("memory '%s'\n%s", cli->memory, text.data);
		printf("  %-6s %8lld documents %10lld segments\n", "all", (long long)ndocs,
		       (long long)nsegs);
		printf("%lld document pairs, %lld translation units, %lld terms, "
		       "%lld term pairs (%lld approved)\n",
		       (long long)c.doc_pairs, (long long)c.units, (long long)c.terms,
		       (long long)c.term_pairs, (long long)c.approved_pairs);
	}
out:
	sv_buf_release(&docs);
	sv_buf_release(&segs);
	sv_buf_release(&text);
	sv_store_counts_release(&c);
	sv_store_close(st);
	return rc;
}
