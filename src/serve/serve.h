/* `sverka serve`: the memory over HTTP (libmicrohttpd, a thread pool), a
 * JSON API under /api/v1 and the review page's static files. The server
 * calls the same library functions as the CLI; it prints nothing.
 *
 * Ownership: sv_serve_start() copies what it needs from opts and gives a
 * handle that sv_serve_stop() stops and frees. */
#ifndef SV_SERVE_H
#define SV_SERVE_H

#include <stddef.h>

#include "base/error.h"

struct sv_serve_opts {
	const char *memory;  /* the memory file (must exist) */
	const char *listen;  /* "HOST:PORT", IPv4 (default 127.0.0.1:8080; port 0: any) */
	const char *users;   /* --users FILE, or NULL: no login, loopback only */
	const char *web;     /* the folder of the page's files */
	const char *exe;     /* the sverka binary, for export and check (see adapt.c) */
	unsigned threads;    /* worker threads, each with its own memory connection (default 4) */
	size_t max_body;     /* largest request body in bytes (default 8 MiB) */
};

struct sv_serve;

/* Opens the memory and dictionaries once per worker, binds and starts
 * serving. SV_EUSAGE for a bad --listen or a non-loopback address without
 * users; SV_EINPUT for a bad users file; SV_ESTORE when the memory or the
 * socket cannot be opened. */
int sv_serve_start(const struct sv_serve_opts *opts, struct sv_serve **out, struct sv_error *err);
/* The port bound (useful with port 0). */
unsigned sv_serve_port(const struct sv_serve *sv);
/* Stops accepting, finishes the requests in progress, closes everything. */
void sv_serve_stop(struct sv_serve *sv);

/* Hashes a password for a --users line (libsodium's crypto_pwhash_str,
 * interactive limits) into out. SV_ESTORE when libsodium fails. */
#define SV_SERVE_HASH_MAX 128
int sv_serve_hash_password(const char *password, char out[SV_SERVE_HASH_MAX],
			   struct sv_error *err);

#endif
