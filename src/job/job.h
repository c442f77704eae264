/* The library verbs: one call per sverka command (add, align, terms, import, export, check,
 * review, stats, show), each taking an options struct initialised by its _opts_init() and an
 * optional progress callback. Front ends (the CLI, the HTTP server, scripts) call these one to
 * one and hold no job logic of their own. The verbs never print or exit. */
#ifndef SV_JOB_H
#define SV_JOB_H

#include <stddef.h>

/* Progress of a long verb: `stage` names the phase ("read", "align", "terms", ...), `done` of
 * `total` items (total 0: unknown). Called from the verb's own thread; may be NULL. */
typedef void (*sv_job_progress_fn)(void *ctx, const char *stage, size_t done, size_t total);

struct sv_job_progress {
	sv_job_progress_fn fn; /* NULL: no progress reports */
	void *ctx;             /* passed to fn */
};

#endif
