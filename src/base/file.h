/* Whole files: one reader with a size limit and one atomic writer (a temporary
 * `.NAME.tmp-XXXXXX` beside the target, fsync'd, then renamed into place), so
 * every module reports a missing or unwritable file with the same words. */
#ifndef SV_BASE_FILE_H
#define SV_BASE_FILE_H

#include <stddef.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/error.h"

/* The default limit for sv_file_read: larger inputs are refused, not read. */
#define SV_FILE_READ_MAX ((size_t)1 << 31)

/* Appends the whole of path to out (limit bytes at most; 0: SV_FILE_READ_MAX).
 * SV_EINPUT naming the file: "'x': cannot open: No such file or directory",
 * "'x': is a directory", "'x': read error: ...", "'x': larger than N bytes". On failure out keeps
 * what it held before the call. */
int sv_file_read(const char *path, size_t limit, struct sv_buf *out, struct sv_error *err);

/* Opens path for reading in binary mode into *f, for readers that stream.
 * SV_EINPUT "'x': cannot open: <errno text>", the message sv_file_read gives. */
int sv_file_open(const char *path, FILE **f, struct sv_error *err);

/* A file being written atomically. Zero it (or = SV_FILE_TMP_INIT) before
 * sv_file_tmp_open; every other call leaves it zeroed again except _close. */
struct sv_file_tmp {
	char *path; /* owned: the final name */
	char *tmp;  /* owned: the temporary name; NULL when nothing is pending */
	FILE *f;    /* the open temporary file; NULL once closed */
};
#define SV_FILE_TMP_INIT { NULL, NULL, NULL }

/* Creates the temporary file (mode 0644) beside path and opens t->f on it,
 * fully buffered. SV_ESTORE: "'path': cannot create: <errno text>". */
int sv_file_tmp_open(struct sv_file_tmp *t, const char *path, struct sv_error *err);
/* Flushes, fsyncs and closes t->f (nothing to do when already closed).
 * SV_ESTORE "'path': write failed: <errno text>"; the file stays pending. */
int sv_file_tmp_close(struct sv_file_tmp *t, struct sv_error *err);
/* Closes if still open, then renames the temporary file over path and frees t.
 * SV_ESTORE "'path': cannot rename into place: ..." (the temporary removed). */
int sv_file_tmp_commit(struct sv_file_tmp *t, struct sv_error *err);
/* Closes and removes the temporary file and frees t; safe on a zeroed t. */
void sv_file_tmp_discard(struct sv_file_tmp *t);

#endif
