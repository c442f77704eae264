/* bench/bench-common: what the bench programs share — clocks, peak RSS,
 * reading a whole file, sorting names. Built into every bench program
 * (bench/ only; tests never include it). */
#ifndef SV_BENCH_COMMON_H
#define SV_BENCH_COMMON_H

#include <stddef.h>

/* Wall-clock seconds (CLOCK_MONOTONIC), for differences only. */
double bench_wall_s(void);

/* CPU seconds of this process (user + system): the rate on a busy machine. */
double bench_process_cpu_s(void);

/* CPU seconds of the calling thread: what one operation costs, whatever
 * else the machine runs. */
double bench_thread_cpu_s(void);

/* Peak resident set of this process so far, in KiB. */
long bench_peak_rss_kb(void);

/* The whole file at path, NUL-terminated, its length in *len; NULL if it
 * cannot be opened or read (*len then untouched). Caller frees. */
char *bench_read_file(const char *path, size_t *len);

/* The names in dir that do not start with '.', sorted (strcmp order), into
 * *names (*n of them; caller frees each and the array). -1 if dir cannot be
 * opened (nothing allocated), else 0. */
int bench_list_names(const char *dir, char ***names, size_t *n);

/* qsort comparator for an array of char * (strcmp order). */
int bench_cmp_str(const void *a, const void *b);

#endif
