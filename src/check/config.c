/* The check configuration: severities per check, suppressed units, and the
 * settings file that sets them ("CHECK = error", "suppress = FILE:UNIT"). */
#include "check/check-int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"

void sv_check_config_init(struct sv_check_config *c)
{
	for (int i = 0; i < SV_CHECK_COUNT; i++)
		c->severity[i] = ck_default_severity(i);
	sv_map_init(&c->suppress);
	c->candidates = 0;
}

void sv_check_config_release(struct sv_check_config *c)
{
	sv_map_release(&c->suppress);
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

int sv_check_config_set(struct sv_check_config *c, const char *setting, struct sv_error *err)
{
	int rc = SV_OK;
	char *copy = sv_strdup(setting);
	char *eq = strchr(copy, '=');
	if (!eq) {
		rc = sv_error_set(err, SV_EUSAGE, "setting '%s': expected NAME=VALUE", setting);
		goto out;
	}
	*eq = '\0';
	char *name = trim(copy), *val = trim(eq + 1);
	if (!strcmp(name, "suppress")) {
		if (!*val) {
			rc = sv_error_set(err, SV_EUSAGE, "setting '%s': expected [FILE:]UNIT",
					  setting);
			goto out;
		}
		struct sv_buf k = SV_BUF_INIT;
		if (!strchr(val, ':'))
			sv_buf_addc(&k, ':');
		sv_buf_adds(&k, val);
		sv_map_put(&c->suppress, k.data, 1);
		sv_buf_release(&k);
		goto out;
	}
	if (!strcmp(name, "candidates")) {
		if (!strcmp(val, "yes") || !strcmp(val, "on") || !strcmp(val, "1"))
			c->candidates = 1;
		else if (!strcmp(val, "no") || !strcmp(val, "off") || !strcmp(val, "0"))
			c->candidates = 0;
		else
			rc = sv_error_set(err, SV_EUSAGE, "setting '%s': expected yes or no",
					  setting);
		goto out;
	}
	int check = sv_check_parse(name);
	if (check < 0) {
		rc = sv_error_set(err, SV_EUSAGE, "unknown check '%s'", name);
		goto out;
	}
	int sev = !strcmp(val, "on") ? ck_default_severity(check)
				     : sv_check_severity_parse(val);
	if (sev < 0) {
		rc = sv_error_set(err, SV_EUSAGE,
				  "setting '%s': expected off, on, info, warning or error",
				  setting);
		goto out;
	}
	c->severity[check] = sev;
out:
	free(copy);
	return rc;
}

int sv_check_config_read(struct sv_check_config *c, const char *path, struct sv_error *err)
{
	FILE *f;
	int rc = sv_file_open(path, &f, err);
	if (rc)
		return rc;
	char line[4096];
	unsigned long lineno = 0;
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		char *s = trim(line);
		if (!*s)
			continue;
		if ((rc = sv_check_config_set(c, s, err))) {
			sv_error_prefix(err, "'%s': line %lu: ", path, lineno);
			err->code = rc = SV_EINPUT;
			break;
		}
	}
	fclose(f);
	return rc;
}

int sv_check_config_suppressed(const struct sv_check_config *c, const char *file,
			       const char *unit)
{
	if (!c->suppress.len)
		return 0;
	struct sv_buf k = SV_BUF_INIT;
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	int hit = 0;
	const char *names[3] = { file, base, "" };
	for (int i = 0; i < 3 && !hit; i++) {
		sv_buf_reset(&k);
		sv_buf_addf(&k, "%s:%s", names[i], unit);
		hit = sv_map_find(&c->suppress, k.data, k.len) != NULL;
	}
	sv_buf_release(&k);
	return hit;
}
