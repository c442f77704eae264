/* Export and check for the server, through the same verbs as the CLI: export
 * (job/export.h) into a private temporary file read back; check (job/check.h)
 * on the uploads written into a private temporary folder under their own
 * (sanitised) names, so that the verb detects their formats and names the
 * files as the user does. */
#include "serve/serve-int.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "io/io.h"
#include "job/check.h"
#include "job/export.h"

#define ADAPT_OUTPUT_MAX (512u << 20)
#define ADAPT_NAME_MAX 80

static int read_all(const char *path, size_t max, char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct sv_buf b = SV_BUF_INIT;
	if (!f)
		return -1;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && b.len <= max)
		sv_buf_add(&b, chunk, n);
	int bad = ferror(f) || b.len > max;
	fclose(f);
	if (bad) {
		sv_buf_release(&b);
		return -1;
	}
	*len = b.len;
	*data = b.data ? sv_buf_detach(&b) : sv_strdup("");
	return 0;
}

static int write_all(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	return close(fd) || done != len ? -1 : 0;
}

/* Removes the files adapt.c makes in dir (the inputs are removed by their
 * callers), then dir. */
static void cleanup(const char *dir)
{
	static const char *const names[] = { ".out" };
	struct sv_buf p = SV_BUF_INIT;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		sv_buf_reset(&p);
		sv_buf_addf(&p, "%s/%s", dir, names[i]);
		unlink(p.data);
	}
	sv_buf_release(&p);
	rmdir(dir);
}

static char *tmpdir(struct sv_error *err)
{
	const char *base = getenv("TMPDIR");
	struct sv_buf b = SV_BUF_INIT;
	sv_buf_addf(&b, "%s/sverka-serve-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(b.data)) {
		sv_error_set(err, SV_ESTORE, "'%s': cannot make a temporary folder", b.data);
		sv_buf_release(&b);
		return NULL;
	}
	return sv_buf_detach(&b);
}

int srv_export(struct sv_store *st, const char *fmt, char **data, size_t *len,
		    struct sv_error *err)
{
	char *dir = tmpdir(err);
	if (!dir)
		return SV_ESTORE;
	struct sv_buf out = SV_BUF_INIT;
	sv_buf_addf(&out, "%s/.out", dir);
	struct sv_job_export_opts eo;
	struct sv_job_export_result res;
	sv_job_export_opts_init(&eo);
	eo.format = sv_io_format_parse(fmt);
	eo.output = out.data;
	int rc = sv_job_export(st, &eo, &res, err);
	if (!rc && read_all(out.data, ADAPT_OUTPUT_MAX, data, len))
		rc = sv_error_set(err, SV_ESTORE, "the %s export wrote nothing", fmt);
	unlink(out.data);
	cleanup(dir);
	sv_buf_release(&out);
	free(dir);
	return rc;
}

/* The upload's file name made safe for dir: its last path part, bytes other
 * than [A-Za-z0-9._-] as '_', never starting with '.' (adapt.c's own files
 * do), at most ADAPT_NAME_MAX bytes; fallback when nothing is left. Kept so
 * that sverka check detects the format, and names the file, as the user's. */
static void input_name(struct sv_buf *b, const char *name, const char *fallback)
{
	const char *base = name ? strrchr(name, '/') : NULL;
	base = base ? base + 1 : name ? name : "";
	for (const char *p = base; *p && b->len < ADAPT_NAME_MAX; p++) {
		int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			 (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-';
		sv_buf_addc(b, ok && !(b->len == 0 && *p == '.') ? *p : '_');
	}
	if (!b->len || !strcmp(b->data, "_"))
		sv_buf_adds(b, fallback);
}

/* The verb names an upload by its path in dir: name it as uploaded. */
static void unfold_dir(struct sv_error *err, const char *dir)
{
	if (!err)
		return;
	size_t n = strlen(dir);
	char *p;
	while ((p = strstr(err->msg, dir)) && p[n] == '/')
		memmove(p, p + n + 1, strlen(p + n + 1) + 1);
}

int srv_check(struct sv_serve *sv, struct sv_text *t, const char *report_name,
		   const char *report, size_t report_len, const char *glossary_name,
		   const char *glossary, size_t glossary_len, const char *source, const char *format,
		   char **data, size_t *len, struct sv_error *err)
{
	char *dir = tmpdir(err);
	if (!dir)
		return SV_ESTORE;
	struct sv_buf rn = SV_BUF_INIT, gn = SV_BUF_INIT;
	struct sv_buf rp = SV_BUF_INIT, gp = SV_BUF_INIT;
	struct sv_job_check_result res = { 0 };
	int rc = SV_OK;
	input_name(&rn, report_name, "report");
	sv_buf_addf(&rp, "%s/%s", dir, rn.data);
	if (glossary) {
		input_name(&gn, glossary_name, "glossary");
		if (!strcmp(gn.data, rn.data)) {
			sv_buf_reset(&gn);
			sv_buf_adds(&gn, "glossary-");
			input_name(&gn, glossary_name, "glossary");
		}
		sv_buf_addf(&gp, "%s/%s", dir, gn.data);
	}
	if (write_all(rp.data, report, report_len) ||
	    (glossary && write_all(gp.data, glossary, glossary_len))) {
		rc = sv_error_set(err, SV_ESTORE, "cannot write the upload to '%s'", dir);
		goto out;
	}
	const char *reports[] = { rp.data }, *glossaries[] = { gp.data };
	struct sv_job_check_opts co;
	sv_job_check_opts_init(&co);
	co.reports = reports;
	co.nreports = 1;
	if (glossary) {
		co.glossaries = glossaries;
		co.nglossaries = 1;
	}
	co.memory = srv_memory(sv);
	co.source = source ? sv_lang_parse(source) : SV_LANG_UNKNOWN;
	co.format = !strcmp(format, "html") ? SV_CHECK_HTML : SV_CHECK_JSON;
	co.text = t;
	if ((rc = sv_job_check(&co, &res, err))) {
		if (rc == SV_EUSAGE)
			rc = SV_EINPUT;
		unfold_dir(err, dir);
		goto out;
	}
	*len = res.report.len;
	*data = res.report.len ? sv_buf_detach(&res.report) : sv_strdup("");
out:
	sv_job_check_result_release(&res);
	unlink(rp.data);
	if (glossary)
		unlink(gp.data);
	cleanup(dir);
	sv_buf_release(&rp);
	sv_buf_release(&gp);
	sv_buf_release(&rn);
	sv_buf_release(&gn);
	free(dir);
	return rc;
}
