/* The review page's files, served from one folder: a path is taken apart
 * segment by segment (no "..", no hidden names), resolved with realpath and
 * served only when it stays inside the folder and is a regular file. */
#include "serve/serve-int.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"

#define STATIC_FILE_MAX (16u << 20)

static const char *const static_types[][2] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".woff2", "font/woff2" },
	{ ".ico", "image/x-icon" },
	{ ".json", "application/json; charset=utf-8" },
};

static const char *type_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof(static_types) / sizeof(static_types[0]); i++)
		if (!strcmp(dot, static_types[i][0]))
			return static_types[i][1];
	return "application/octet-stream";
}

/* Whether url is a clean absolute path: segments of [A-Za-z0-9._-], none
 * starting with '.'. */
static int clean(const char *url)
{
	if (url[0] != '/')
		return 0;
	for (const char *p = url; *p; p++) {
		if (*p == '/') {
			if (p[1] == '.' || p[1] == '/')
				return 0;
			continue;
		}
		if (!(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') &&
		    !(*p >= '0' && *p <= '9') && *p != '.' && *p != '_' && *p != '-')
			return 0;
	}
	return 1;
}

void srv_static(const char *root, const char *url, struct srv_resp *rs)
{
	struct sv_buf path = SV_BUF_INIT;
	char *real = NULL;
	int fd = -1;
	if (!strcmp(url, "/"))
		url = "/index.html";
	if (!clean(url))
		goto missing;
	sv_buf_adds(&path, root);
	sv_buf_adds(&path, url);
	real = realpath(path.data, NULL);
	size_t n = strlen(root);
	if (!real || strncmp(real, root, n) || real[n] != '/')
		goto missing;
	struct stat sb;
	if ((fd = open(real, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &sb) || !S_ISREG(sb.st_mode) ||
	    sb.st_size > STATIC_FILE_MAX)
		goto missing;
	char *data = sv_malloc((size_t)sb.st_size + 1);
	size_t got = 0;
	while (got < (size_t)sb.st_size) {
		ssize_t r = read(fd, data + got, (size_t)sb.st_size - got);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	rs->status = 200;
	rs->body = data;
	rs->len = got;
	rs->type = type_of(real);
	goto out;
missing:
	srv_fail(rs, 404, NULL, "no such file");
out:
	if (fd >= 0)
		close(fd);
	free(real);
	sv_buf_release(&path);
}
