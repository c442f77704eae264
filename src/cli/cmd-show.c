/* sverka show DOC: a document's metadata and its segments. */
#include "cli/cli.h"

#include "store/store.h"

int cmd_show(struct sv_cli *cli, int argc, char **argv);

static void json_field(struct sv_buf *b, const char *name, const char *v)
{
	sv_buf_addf(b, ",\"%s\":", name);
	if (v)
		sv_buf_add_json(b, v);
	else
		sv_buf_adds(b, "null");
}

int cmd_show(struct sv_cli *cli, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(cli, argc < 2 ? "which document? give its id or path"
					       : "one document at a time");
	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	struct sv_store_doc d = { 0 };
	struct sv_buf out = SV_BUF_INIT;
	int rc;
	if ((rc = sv_store_open(cli->memory, SV_STORE_READONLY, &st, &err)) ||
	    (rc = sv_store_doc_find(st, argv[1], &d, &err))) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	sqlite3_stmt *s = sv_store_prepare(
		st, "SELECT ordinal, para, lang, text FROM segments WHERE doc = ?1 ORDER BY ordinal",
		&err);
	if (!s) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	sqlite3_bind_int64(s, 1, d.id);
	if (cli->json) {
		sv_buf_addf(&out, "{\"id\":%lld", (long long)d.id);
		json_field(&out, "path", d.path);
		json_field(&out, "lang", d.lang);
		json_field(&out, "date", d.date);
		json_field(&out, "outlet", d.outlet);
		json_field(&out, "title", d.title);
		json_field(&out, "format", d.format);
		json_field(&out, "sha256", d.sha256);
		sv_buf_addf(&out, ",\"bytes\":%lld,\"segments\":[", (long long)d.bytes);
	} else {
		sv_buf_addf(&out, "document %lld: %s\n  language %s, %s, %lld bytes, sha256 %.16s…\n",
			    (long long)d.id, d.path, d.lang, d.format, (long long)d.bytes, d.sha256);
		if (d.date || d.outlet)
			sv_buf_addf(&out, "  date %s, outlet %s\n", d.date ? d.date : "-",
				    d.outlet ? d.outlet : "-");
		if (d.title)
			sv_buf_addf(&out, "  title %s\n", d.title);
		sv_buf_addc(&out, '\n');
	}
	int r, first = 1;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		long long ord = sqlite3_column_int64(s, 0), para = sqlite3_column_int64(s, 1);
		const char *lang = (const char *)sqlite3_column_text(s, 2);
		const char *text = (const char *)sqlite3_column_text(s, 3);
		if (cli->json) {
			sv_buf_addf(&out, "%s{\"ordinal\":%lld,\"paragraph\":%lld,\"lang\":\"%s\",\"text\":",
				    first ? "" : ",", ord, para, lang);
			sv_buf_add_json(&out, text);
			sv_buf_addc(&out, '}');
		} else {
			sv_buf_addf(&out, "%5lld  %s\n", ord, text);
		}
		first = 0;
	}
	sqlite3_reset(s);
	if (r != SQLITE_DONE) {
		rc = cli_fail(cli, &(struct sv_error){ SV_ESTORE, "cannot read segments" });
		goto out;
	}
	if (cli->json)
		sv_buf_adds(&out, "]}\n");
	fputs(out.data, stdout);
out:
	sv_buf_release(&out);
	sv_store_doc_release(&d);
	sv_store_close(st);
	return rc;
}
