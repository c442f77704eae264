/* The add job (sverka add): files on disk (directories recurse) or bytes in
 * memory through the text pipeline into the memory, each as one document and
 * its segments, all or nothing; sv_job_add() runs a whole command's worth. */
#ifndef SV_JOB_ADD_H
#define SV_JOB_ADD_H

#include <stddef.h>
#include <stdint.h>

#include "job/job.h"
#include "store/store.h"
#include "text/text.h"

struct sv_ingest_opts {
	enum sv_lang lang;     /* SV_LANG_UNKNOWN: detect */
	enum sv_format format; /* SV_FORMAT_AUTO: by name and content */
	int segmented;         /* one segment per non-empty line, no re-segmentation */
	int force;             /* re-ingest even when the same bytes are stored */
};

enum sv_ingest_outcome {
	SV_INGEST_ADDED = 1, /* a new document */
	SV_INGEST_REPLACED,  /* the path was stored with other bytes (or --force): replaced */
	SV_INGEST_SAME,      /* the same bytes are already stored: nothing done */
};

struct sv_ingest_result {
	enum sv_ingest_outcome outcome;
	int64_t doc;           /* the document's id (the existing one for SV_INGEST_SAME) */
	char same_path[512];   /* for SV_INGEST_SAME: the path it is stored under */
	enum sv_lang lang;     /* the document's language */
	size_t paragraphs, segments, tokens;
	uint64_t bytes;
};

/* Adds the file at path (stored under path as given, without a leading
 * "./"). Runs inside a savepoint: on failure nothing of the file remains
 * and the caller's transaction goes on. Errors name the file and, for bad
 * content, the byte offset (SV_EINPUT); SV_ESTORE for the memory. */
int sv_ingest_file(struct sv_store *st, struct sv_text *t, const char *path,
		   const struct sv_ingest_opts *opts, struct sv_ingest_result *res,
		   struct sv_error *err);

/* The same for bytes already in memory; name is the document's path. */
int sv_ingest_bytes(struct sv_store *st, struct sv_text *t, const char *name, const char *bytes,
		    size_t n, const struct sv_ingest_opts *opts, struct sv_ingest_result *res,
		    struct sv_error *err);

/* ---- The verb ---------------------------------------------------------- */

/* Called once per file, in order, after it was read: rc is SV_OK with res filled,
 * or the file's error (SV_EINPUT, message in ferr) after which the run goes on.
 * Storage failures end the run instead (sv_job_add() returns them). */
typedef void (*sv_job_add_file_fn)(void *ctx, const char *path, int rc,
				   const struct sv_ingest_result *res,
				   const struct sv_error *ferr);

struct sv_job_add_opts {
	struct sv_ingest_opts ingest;    /* per file */
	sv_job_add_file_fn on_file;      /* may be NULL */
	void *ctx;                       /* passed to on_file */
	struct sv_job_progress progress; /* stage "add": files done of total */
};
void sv_job_add_opts_init(struct sv_job_add_opts *opts);

struct sv_job_add_result {
	size_t files;       /* after expanding directories */
	size_t added, replaced, unchanged, failed;
	size_t segments;    /* of the added and replaced documents */
	unsigned long long bytes; /* read from the files that went in */
};

/* Adds paths[0..n) to st in one transaction, one savepoint per file. A directory
 * stands for its files and subdirectories (sorted by name, hidden entries
 * skipped). A file that cannot be read or decoded is counted in res->failed and
 * reported to on_file; the others go in. Returns SV_OK when the transaction was
 * committed (res->failed may still be nonzero), else SV_ESTORE or the text
 * pipeline's error with err set and nothing stored. */
int sv_job_add(struct sv_store *st, const char *const *paths, size_t n,
	       const struct sv_job_add_opts *opts, struct sv_job_add_result *res,
	       struct sv_error *err);

#endif
