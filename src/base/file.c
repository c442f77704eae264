/* Whole-file reading with a limit, and the atomic temporary-then-rename
 * writer used by every exporter. */
#include "base/file.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { FILE_CHUNK = 65536, FILE_OUT_BUFFER = 1 << 20 };

int sv_file_open(const char *path, FILE **f, struct sv_error *err)
{
	if (!(*f = fopen(path, "rb")))
		return sv_error_set(err, SV_EINPUT, "'%s': cannot open: %s", path, strerror(errno));
	return SV_OK;
}

int sv_file_read(const char *path, size_t limit, struct sv_buf *out, struct sv_error *err)
{
	size_t before = out->len;
	if (!limit)
		limit = SV_FILE_READ_MAX;
	FILE *f;
	int rc = sv_file_open(path, &f, err);
	if (rc)
		return rc;
	struct stat sb;
	if (fstat(fileno(f), &sb) == 0) {
		if (S_ISDIR(sb.st_mode)) {
			rc = sv_error_set(err, SV_EINPUT, "'%s': is a directory", path);
			goto out;
		}
		/* a regular file is read into one allocation of its size */
		if (S_ISREG(sb.st_mode) && (uintmax_t)sb.st_size <= limit)
			sv_buf_grow(out, (size_t)sb.st_size + 1);
	}
	size_t got;
	do {
		sv_buf_grow(out, FILE_CHUNK);
		got = fread(out->data + out->len, 1, FILE_CHUNK, f);
		out->len += got;
		out->data[out->len] = '\0';
		if (out->len - before > limit) {
			rc = sv_error_set(err, SV_EINPUT, "'%s': larger than %zu bytes", path,
					  limit);
			goto out;
		}
	} while (got == FILE_CHUNK);
	if (ferror(f))
		rc = sv_error_set(err, SV_EINPUT, "'%s': read error: %s", path,
				  strerror(errno ? errno : EIO));
out:
	fclose(f);
	if (rc) {
		out->len = before;
		out->data[before] = '\0';
	}
	return rc;
}

static void tmp_free(struct sv_file_tmp *t)
{
	free(t->path);
	free(t->tmp);
	t->path = t->tmp = NULL;
	t->f = NULL;
}

int sv_file_tmp_open(struct sv_file_tmp *t, const char *path, struct sv_error *err)
{
	struct sv_buf name = SV_BUF_INIT;
	const char *slash = strrchr(path, '/');
	if (slash)
		sv_buf_add(&name, path, (size_t)(slash - path) + 1);
	sv_buf_addf(&name, ".%s.tmp-XXXXXX", slash ? slash + 1 : path);
	int fd = mkstemp(name.data);
	if (fd < 0) {
		int e = errno;
		sv_buf_release(&name);
		return sv_error_set(err, SV_ESTORE, "'%s': cannot create: %s", path, strerror(e));
	}
	fchmod(fd, 0644);
	FILE *f = fdopen(fd, "wb");
	if (!f) {
		int e = errno;
		close(fd);
		unlink(name.data);
		sv_buf_release(&name);
		return sv_error_set(err, SV_ESTORE, "'%s': cannot create: %s", path, strerror(e));
	}
	setvbuf(f, NULL, _IOFBF, FILE_OUT_BUFFER);
	t->path = sv_strdup(path);
	t->tmp = sv_buf_detach(&name);
	t->f = f;
	return SV_OK;
}

int sv_file_tmp_close(struct sv_file_tmp *t, struct sv_error *err)
{
	if (!t->f)
		return SV_OK;
	int bad = fflush(t->f) || ferror(t->f);
	int e = bad ? errno : 0;
	if (!bad && fsync(fileno(t->f))) {
		bad = 1;
		e = errno;
	}
	if (fclose(t->f) && !bad) {
		bad = 1;
		e = errno;
	}
	t->f = NULL;
	if (bad)
		return sv_error_set(err, SV_ESTORE, "'%s': write failed: %s", t->path,
				    strerror(e ? e : EIO));
	return SV_OK;
}

int sv_file_tmp_commit(struct sv_file_tmp *t, struct sv_error *err)
{
	int rc = sv_file_tmp_close(t, err);
	if (rc) {
		sv_file_tmp_discard(t);
		return rc;
	}
	if (rename(t->tmp, t->path)) {
		int e = errno;
		rc = sv_error_set(err, SV_ESTORE, "'%s': cannot rename into place: %s", t->path,
				  strerror(e));
		unlink(t->tmp);
	}
	tmp_free(t);
	return rc;
}

void sv_file_tmp_discard(struct sv_file_tmp *t)
{
	if (t->f)
		fclose(t->f);
	if (t->tmp)
		unlink(t->tmp);
	tmp_free(t);
}
