/* Review status names: the only place that spells them. */
#include "base/status.h"

#include <string.h>

static const char *const status_names[SV_STATUS_COUNT] = {
	[SV_STATUS_CANDIDATE] = "candidate",
	[SV_STATUS_APPROVED] = "approved",
	[SV_STATUS_REJECTED] = "rejected",
	[SV_STATUS_FORBIDDEN] = "forbidden",
	[SV_STATUS_DEPRECATED] = "deprecated",
};

const char *sv_status_name(enum sv_status status)
{
	if ((unsigned)status >= SV_STATUS_COUNT)
		return NULL;
	return status_names[status];
}

int sv_status_parse(const char *s)
{
	if (!s)
		return -1;
	for (int i = 0; i < SV_STATUS_COUNT; i++)
		if (!strcmp(s, status_names[i]))
			return i;
	return -1;
}
