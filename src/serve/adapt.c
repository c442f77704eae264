/* Export and check for the server: export through the export job
 * (job/export.h) into a private temporary file read back; check, until the
 * library has a check verb, through `sverka check` itself, run on the same
 * memory (WAL lets it read beside the server) in a private temporary folder,
 * without a shell, its report read back. Repoint sv_serve_check() to the
 * verb when there is one. */
#define _GNU_SOURCE /* posix_spawn_file_actions_addchdir_np */
#include "serve/serve-int.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/buf.h"
#include "io/io.h"
#include "job/export.h"

extern char **environ;

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

/* Runs argv in dir with stdout and stderr into dir/.log; *status its exit status. */
static int run(char *const argv[], const char *dir, int *status, struct sv_error *err)
{
	struct sv_buf log = SV_BUF_INIT;
	sv_buf_addf(&log, "%s/.log", dir);
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addchdir_np(&fa, dir);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, log.data, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	pid_t pid;
	int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc) {
		sv_buf_release(&log);
		return sv_error_set(err, SV_ESTORE, "'%s': cannot run", argv[0]);
	}
	int ws;
	while (waitpid(pid, &ws, 0) < 0)
		;
	*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128;
	if (*status > 1) {
		char *text = NULL;
		size_t len = 0;
		if (!read_all(log.data, 4096, &text, &len)) {
			while (len && (text[len - 1] == '\n'))
				text[--len] = '\0';
			const char *msg = strncmp(text, "sverka ", 7) ? text : text + 7;
			sv_error_set(err, *status == SV_EINPUT || *status == SV_EUSAGE ? SV_EINPUT
										      : SV_ESTORE,
				     "%s", *msg ? msg : "failed");
		} else {
			sv_error_set(err, SV_ESTORE, "%s failed", argv[0]);
		}
		free(text);
	}
	sv_buf_release(&log);
	return *status > 1 ? err->code : SV_OK;
}

/* Removes the files adapt.c makes in dir (the inputs are removed by their
 * callers), then dir. */
static void cleanup(const char *dir)
{
	static const char *const names[] = { ".log", ".out" };
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

int sv_serve_export(struct sv_store *st, const char *fmt, char **data, size_t *len,
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

int sv_serve_check(struct sv_serve *sv, const char *report_name, const char *report,
		   size_t report_len, const char *glossary_name, const char *glossary,
		   size_t glossary_len, const char *source, const char *format, char **data,
		   size_t *len, struct sv_error *err)
{
	char *dir = tmpdir(err);
	if (!dir)
		return SV_ESTORE;
	struct sv_buf out = SV_BUF_INIT, rn = SV_BUF_INIT, gn = SV_BUF_INIT;
	struct sv_buf rp = SV_BUF_INIT, gp = SV_BUF_INIT;
	int rc = SV_OK, status;
	sv_buf_addf(&out, "%s/.out", dir);
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
	char *argv[16];
	int n = 0;
	argv[n++] = (char *)sv_serve_exe(sv);
	argv[n++] = "--memory";
	argv[n++] = (char *)sv_serve_memory(sv);
	argv[n++] = "-q";
	argv[n++] = "check";
	argv[n++] = "--format";
	argv[n++] = (char *)format;
	argv[n++] = "-o";
	argv[n++] = out.data;
	if (glossary) {
		argv[n++] = "--glossary";
		argv[n++] = gn.data;
	}
	if (source) {
		argv[n++] = "--source";
		argv[n++] = (char *)source;
	}
	argv[n++] = "--";
	argv[n++] = rn.data;
	argv[n] = NULL;
	if ((rc = run(argv, dir, &status, err)))
		goto out;
	if (read_all(out.data, ADAPT_OUTPUT_MAX, data, len))
		rc = sv_error_set(err, SV_ESTORE, "the check wrote no report");
out:
	unlink(out.data);
	unlink(rp.data);
	if (glossary)
		unlink(gp.data);
	cleanup(dir);
	sv_buf_release(&out);
	sv_buf_release(&rp);
	sv_buf_release(&gp);
	sv_buf_release(&rn);
	sv_buf_release(&gn);
	free(dir);
	return rc;
}
