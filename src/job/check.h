/* The check verb: reads reports (XLIFF, TMX, TSV pairs) and plain-text pairs
 * (aligned first), loads the glossary files and the memory's termbase, runs the
 * checks and formats the report, so that the CLI and the HTTP server check the
 * same way and only print (or send) the result.
 *
 * Ownership: the options borrow every path and the config; the result owns
 * its segments, findings and report text until sv_job_check_result_release(). */
#ifndef SV_JOB_CHECK_H
#define SV_JOB_CHECK_H

#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/lang.h"
#include "check/check.h"
#include "job/job.h"
#include "text/text.h"

struct sv_job_check_opts {
	const char *const *reports;    /* report files, read in order */
	size_t nreports;
	const char *const *pairs;      /* RU_FILE, BG_FILE, RU_FILE, ...: 2 * npairs paths */
	size_t npairs;
	const char *const *glossaries; /* TBX / OmegaT / TSV / CSV glossary files */
	size_t nglossaries;
	const char *memory;  /* the memory whose termbase is loaded: with termbase, or when no
			      * glossary file is given and the memory is readable; NULL: none */
	int termbase;        /* load the memory's termbase even beside glossary files */
	enum sv_lang source; /* SV_LANG_UNKNOWN: from each file, else detected */
	const struct sv_check_config *config; /* NULL: the defaults */
	enum sv_check_format format;          /* of result->report */
	struct sv_text *text;                 /* borrowed; NULL: opened for the call */
	struct sv_job_progress progress;      /* stages "read", "glossary", "check" */
};

/* Defaults: no inputs, source from the files, default config, a text report. */
void sv_job_check_opts_init(struct sv_job_check_opts *o);

struct sv_job_check_result {
	struct sv_check_segs segs;         /* the pairs checked */
	struct sv_check_findings findings; /* refer to segs by index */
	struct sv_buf report;              /* the findings in o->format */
	int glossary_empty;                /* a glossary was asked for and has no terms:
					    * term checks were skipped */
};

/* Runs the check. SV_OK when the checks ran (look at result->findings.errors:
 * a front end's exit status is SV_EFINDINGS when it is non-zero); SV_EUSAGE
 * without any report or pair; SV_EINPUT naming the file on bad input. The
 * result is initialised here and must be released even on failure. */
int sv_job_check(const struct sv_job_check_opts *o, struct sv_job_check_result *result,
		 struct sv_error *err);
void sv_job_check_result_release(struct sv_job_check_result *result);

#endif
