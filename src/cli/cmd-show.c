/* sverka show DOC: a document's metadata and its segments. */
#include "cli/cli.h"

#include "store/store.h"

static void json_field(struct sv_buf *b, const char *name, const char *v)
{
	sv_buf_addf(b, ",\"%s\":", name);
	if (v)
		sv_buf_add_json(b, v);
	else
		sv_buf_adds(b, "null");
}

/* The segments as text or JSON. */
struct seg_out {
	struct sv_buf *out;
	int json, first;
};

static int show_seg(void *ctx, const struct sv_store_seg_row *seg)
{
	struct seg_out *so = ctx;
	if (so->json) {
		sv_buf_addf(so->out, "%s{\"ordinal\":%lld,\"paragraph\":%lld,\"lang\":\"%s\",\"text\":",
			    so->first ? "" : ",", (long long)seg->ordinal, (long long)seg->para,
			    seg->lang);
		sv_buf_add_json(so->out, seg->text);
		sv_buf_addc(so->out, '}');
	} else {
		sv_buf_addf(so->out, "%5lld  %s\n", (long long)seg->ordinal, seg->text);
	}
	so->first = 0;
	return 0;
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
	struct seg_out so = { &out, cli->json, 1 };
	if ((rc = sv_store_doc_segs(st, d.id, show_seg, &so, &err))) {
		rc = cli_fail(cli, &err);
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
