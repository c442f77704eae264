/* Ingest: a file on disk (or bytes in memory) through the text pipeline into
 * the memory as one document and its segments, all or nothing. */
#ifndef SV_STORE_INGEST_H
#define SV_STORE_INGEST_H

#include <stddef.h>
#include <stdint.h>

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

#endif
