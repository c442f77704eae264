/* What the parts of the server share: the worker contexts, a request as the
 * API handlers see it and the response they fill. */
#ifndef SV_SERVE_INT_H
#define SV_SERVE_INT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "serve/serve.h"

struct MHD_Connection;
struct sv_store;
struct sv_text;
struct sv_match;
struct srv_users;

/* One worker's memory: its own connection, analyser and matcher. */
struct srv_ctx {
	struct sv_store *st;
	struct sv_text *t;
	struct sv_match *m;
	int busy;
};

struct srv_req {
	struct sv_serve *sv;
	struct MHD_Connection *con;
	const char *method;
	const char *path;      /* after /api/v1 */
	const char *body;      /* NUL-terminated, body_len bytes */
	size_t body_len;
	const char *user;      /* the logged-in user, or "local" without --users */
	const char *role;      /* "reviewer" or "reader" */
	struct srv_ctx *ctx; /* checked out for the request */
};

struct srv_resp {
	unsigned status;
	char *body;            /* malloc'd, freed by the server */
	size_t len;
	const char *type;      /* Content-Type */
	char *disposition;     /* Content-Disposition, malloc'd, or NULL */
	char *cookie;          /* Set-Cookie, malloc'd, or NULL */
};

/* The server's settings the handlers read. */
const char *srv_memory(const struct sv_serve *sv);
const char *srv_exe(const struct sv_serve *sv);
struct srv_users *srv_users_of(struct sv_serve *sv);

/* Routes a request under /api/v1 to its handler. */
void srv_api(struct srv_req *rq, struct srv_resp *rs);

/* Fills rs with the JSON value (stolen) and status. */
void srv_json(struct srv_resp *rs, unsigned status, json_t *v);
/* Fills rs with {"error": {"status", "message", "field"?}}. */
void srv_fail(struct srv_resp *rs, unsigned status, const char *field, const char *fmt,
		   ...) __attribute__((format(printf, 4, 5)));

/* ---- static.c --------------------------------------------------------- */

/* Fills rs with the file at URL path url under root (a realpath): "/" is
 * index.html; anything outside root, hidden, or not a regular file is 404. */
void srv_static(const char *root, const char *url, struct srv_resp *rs);

/* ---- adapt.c: export through the export job, check through `sverka check`
 * (until the library has a check verb: the only place the server starts a
 * process). */

/* Exports st as fmt ("tmx", "tbx", "xliff", "omegat") into a new malloc'd
 * *data of *len bytes. */
int srv_export(struct sv_store *st, const char *fmt, char **data, size_t *len,
		    struct sv_error *err);
/* Checks a report (name for its format, content) against an optional
 * glossary, or the memory's termbase when glossary is NULL, through the check
 * verb with the worker's text pipeline t; format "json" or "html"; *data gets
 * the report. Findings are not an error. */
int srv_check(struct sv_serve *sv, struct sv_text *t, const char *report_name,
		   const char *report, size_t report_len, const char *glossary_name,
		   const char *glossary, size_t glossary_len, const char *source, const char *format,
		   char **data, size_t *len, struct sv_error *err);

/* ---- auth.c: --users ---------------------------------------------------- */

/* Reads FILE: "name:role:hash" lines (role reviewer or reader, hash from
 * crypto_pwhash_str), # comments. */
int srv_users_read(const char *path, struct srv_users **out, struct sv_error *err);
void srv_users_free(struct srv_users *u);
/* Checks a password; on success creates a session and returns its token and
 * CSRF token (malloc'd) and the role. */
int srv_login(struct srv_users *u, const char *name, const char *password,
		   char **token, char **csrf, const char **role);
/* The session of a token: 1 with its user and role (borrowed for the
 * server's life) and a copy of its CSRF token, or 0. */
#define SV_SERVE_TOKEN_HEX 65
int srv_session(struct srv_users *u, const char *token, const char **name,
		     const char **role, char csrf[SV_SERVE_TOKEN_HEX]);
void srv_logout(struct srv_users *u, const char *token);

#endif
