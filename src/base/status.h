/* The review status of a term or term pair, one enum for every module. Strings appear only at
 * the edges (the store's status columns, TBX/TMX attributes, options, JSON) through
 * sv_status_name() and sv_status_parse(). */
#ifndef SV_BASE_STATUS_H
#define SV_BASE_STATUS_H

enum sv_status {
	SV_STATUS_CANDIDATE = 0, /* found by sverka, not reviewed */
	SV_STATUS_APPROVED,      /* accepted by a reviewer */
	SV_STATUS_REJECTED,      /* not an equivalent (kept so that re-runs do not offer it again) */
	SV_STATUS_FORBIDDEN,     /* an equivalent that must not be used */
	SV_STATUS_DEPRECATED,    /* TBX's deprecatedTerm-admn-sts: read from files, stored as forbidden */
	SV_STATUS_COUNT
};

/* "candidate", "approved", "rejected", "forbidden", "deprecated"; NULL for a value out of
 * range. */
const char *sv_status_name(enum sv_status status);
/* The status named by s (exactly one of the names above, case-sensitive); -1 if none. */
int sv_status_parse(const char *s);

#endif
