/* Errors as values: every fallible library call returns an sv_code and, on
 * failure, fills a caller-provided struct sv_error with a message that says
 * what went wrong and where. The library never prints and never exits. */
#ifndef SV_BASE_ERROR_H
#define SV_BASE_ERROR_H

#include <stddef.h>

/* Codes double as the command-line exit statuses documented in sverka(1). */
enum sv_code {
	SV_OK = 0,
	SV_EFINDINGS = 1, /* a check found errors (not a failure of the call) */
	SV_EUSAGE = 2,    /* bad arguments or options */
	SV_EINPUT = 3,    /* bad input file or data */
	SV_ESTORE = 4,    /* storage, I/O or internal error */
};

#define SV_ERROR_MAX 1024

struct sv_error {
	int code;               /* an enum sv_code; SV_OK when nothing failed */
	char msg[SV_ERROR_MAX]; /* lowercase, subject quoted: "'a.txt': invalid UTF-8 at byte 12" */
};

/* Sets err (may be NULL) to code and a printf-style message; returns code. */
int sv_error_set(struct sv_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prepends context ("'a.txt': ") to an error already set; returns err->code. */
int sv_error_prefix(struct sv_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Resets err to SV_OK with an empty message. */
void sv_error_clear(struct sv_error *err);

/* Out-of-memory: aborts with a message. Allocation failure is the one
 * condition the library does not report as a value (as git's xmalloc). */
void *sv_malloc(size_t n);
void *sv_calloc(size_t n, size_t size);
void *sv_realloc(void *p, size_t n);
char *sv_strdup(const char *s);
char *sv_strndup(const char *s, size_t n);

/* Grows *p (an array of elsize-byte items with capacity *cap) to hold at
 * least need items. */
void sv_grow(void **p, size_t *cap, size_t need, size_t elsize);
#define SV_GROW(arr, cap, need) sv_grow((void **)&(arr), &(cap), (need), sizeof(*(arr)))

#endif
