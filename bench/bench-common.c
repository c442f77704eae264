#include "bench-common.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "base/error.h"

static double clock_s(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double bench_wall_s(void)
{
	return clock_s(CLOCK_MONOTONIC);
}

double bench_process_cpu_s(void)
{
	return clock_s(CLOCK_PROCESS_CPUTIME_ID);
}

double bench_thread_cpu_s(void)
{
	return clock_s(CLOCK_THREAD_CPUTIME_ID);
}

long bench_peak_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

char *bench_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *bytes = NULL;
	if (fseek(f, 0, SEEK_END) != 0)
		goto out;
	long size = ftell(f);
	if (size < 0 || fseek(f, 0, SEEK_SET) != 0)
		goto out;
	bytes = malloc((size_t)size + 1);
	if (bytes && fread(bytes, 1, (size_t)size, f) != (size_t)size) {
		free(bytes);
		bytes = NULL;
	}
	if (bytes) {
		bytes[size] = '\0';
		*len = (size_t)size;
	}
out:
	fclose(f);
	return bytes;
}

int bench_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int bench_list_names(const char *dir, char ***names, size_t *n)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	size_t cap = 0;
	*names = NULL;
	*n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			SV_GROW(*names, cap, *n + 1);
			(*names)[(*n)++] = sv_strdup(e->d_name);
		}
	closedir(d);
	qsort(*names, *n, sizeof(**names), bench_cmp_str);
	return 0;
}
