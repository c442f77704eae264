/* The HTTP side of `sverka serve`: a libmicrohttpd daemon with a thread
 * pool, one memory context per worker (checked out per request), request
 * bodies with a size limit, sessions and CSRF checks, and dispatch to the
 * API (api.c) or the page's files (static.c). */
#include "serve/serve-int.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "base/buf.h"
#include "match/match.h"
#include "store/store.h"
#include "text/text.h"

#define SERVE_THREADS_DEFAULT 4
#define SERVE_THREADS_MAX 64
#define SERVE_BODY_DEFAULT (8u << 20)
#define SERVE_TIMEOUT_S 30
#define SERVE_COOKIE "sverka_session"
#define API_PREFIX "/api/v1"

struct sv_serve {
	struct MHD_Daemon *daemon;
	char *memory, *exe, *web;
	size_t max_body;
	struct srv_users *users;
	struct srv_ctx *ctx;
	unsigned nctx;
	pthread_mutex_t lock;
	pthread_cond_t freed;
	unsigned port;
};

/* A request being received. */
struct serve_conn {
	struct sv_buf body;
	int too_large;
};

const char *srv_memory(const struct sv_serve *sv)
{
	return sv->memory;
}

const char *srv_exe(const struct sv_serve *sv)
{
	return sv->exe;
}

struct srv_users *srv_users_of(struct sv_serve *sv)
{
	return sv->users;
}

unsigned sv_serve_port(const struct sv_serve *sv)
{
	return sv->port;
}

static struct srv_ctx *ctx_get(struct sv_serve *sv)
{
	pthread_mutex_lock(&sv->lock);
	for (;;) {
		for (unsigned i = 0; i < sv->nctx; i++) {
			if (!sv->ctx[i].busy) {
				sv->ctx[i].busy = 1;
				pthread_mutex_unlock(&sv->lock);
				return &sv->ctx[i];
			}
		}
		pthread_cond_wait(&sv->freed, &sv->lock);
	}
}

static void ctx_put(struct sv_serve *sv, struct srv_ctx *c)
{
	pthread_mutex_lock(&sv->lock);
	c->busy = 0;
	pthread_cond_signal(&sv->freed);
	pthread_mutex_unlock(&sv->lock);
}

static enum MHD_Result respond(struct MHD_Connection *con, struct srv_resp *rs, int head)
{
	struct MHD_Response *r;
	if (head) {
		free(rs->body);
		rs->body = NULL;
		r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	} else {
		r = MHD_create_response_from_buffer(rs->len, rs->body ? rs->body : (void *)"",
						    rs->body ? MHD_RESPMEM_MUST_FREE
							     : MHD_RESPMEM_PERSISTENT);
	}
	if (!r) {
		free(rs->body);
		rs->body = NULL;
		return MHD_NO;
	}
	rs->body = NULL; /* the response owns it */
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
				rs->type ? rs->type : "text/plain; charset=utf-8");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Content-Security-Policy",
		"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
		"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	if (rs->disposition)
		MHD_add_response_header(r, "Content-Disposition", rs->disposition);
	if (rs->cookie)
		MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, rs->cookie);
	enum MHD_Result ret = MHD_queue_response(con, rs->status ? rs->status : 500, r);
	MHD_destroy_response(r);
	free(rs->disposition);
	free(rs->cookie);
	rs->disposition = rs->cookie = NULL;
	return ret;
}

/* The value of cookie name in the Cookie header (MHD parses it). */
static const char *cookie(struct MHD_Connection *con, const char *name)
{
	return MHD_lookup_connection_value(con, MHD_COOKIE_KIND, name);
}

static void session_cookie(struct srv_resp *rs, const char *token, int clear)
{
	struct sv_buf b = SV_BUF_INIT;
	sv_buf_addf(&b, SERVE_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict%s", clear ? "" : token,
		    clear ? "; Max-Age=0" : "");
	rs->cookie = sv_buf_detach(&b);
}

/* POST /api/v1/login {name, password}. */
static void login(struct sv_serve *sv, struct srv_req *rq, struct srv_resp *rs)
{
	json_error_t jerr;
	json_t *body = json_loadb(rq->body, rq->body_len, 0, &jerr);
	json_t *n = json_object_get(body, "name"), *p = json_object_get(body, "password");
	char *token = NULL, *csrf = NULL;
	const char *role = NULL;
	if (!json_is_string(n)) {
		srv_fail(rs, 400, "name", "'name' is required");
	} else if (!json_is_string(p)) {
		srv_fail(rs, 400, "password", "'password' is required");
	} else if (!sv->users) {
		srv_fail(rs, 400, NULL, "this server has no logins (started without --users)");
	} else if (srv_login(sv->users, json_string_value(n), json_string_value(p), &token,
				  &csrf, &role)) {
		srv_fail(rs, 401, "password", "wrong name or password");
	} else {
		session_cookie(rs, token, 0);
		srv_json(rs, 200, json_pack("{s:b,s:s,s:s,s:s}", "auth", 1, "user",
						 json_string_value(n), "role", role, "csrf", csrf));
	}
	free(token);
	free(csrf);
	json_decref(body);
}

/* Handles a complete request under /api/v1. */
static void api(struct sv_serve *sv, struct srv_req *rq, struct srv_resp *rs)
{
	int post = !strcmp(rq->method, "POST");
	if (post) {
		/* A cross-site page cannot send this type without a CORS preflight,
		 * which the server never grants. */
		const char *type = MHD_lookup_connection_value(rq->con, MHD_HEADER_KIND,
							       MHD_HTTP_HEADER_CONTENT_TYPE);
		if (!type || strncmp(type, "application/json", 16)) {
			srv_fail(rs, 415, "Content-Type",
				      "a POST body must be application/json");
			return;
		}
	}
	if (post && !strcmp(rq->path, "/login")) {
		login(sv, rq, rs);
		return;
	}
	const char *token = cookie(rq->con, SERVE_COOKIE);
	char csrf[SV_SERVE_TOKEN_HEX] = "";
	int auth = 0;
	if (sv->users) {
		if (token)
			auth = srv_session(sv->users, token, &rq->user, &rq->role, csrf);
		if (!strcmp(rq->path, "/session")) {
			json_t *s = auth ? json_pack("{s:b,s:b,s:s,s:s,s:s}", "login", 1, "auth", 1,
						     "user", rq->user, "role", rq->role, "csrf",
						     csrf)
					 : json_pack("{s:b,s:b}", "login", 1, "auth", 0);
			srv_json(rs, 200, s);
			return;
		}
		if (!auth) {
			srv_fail(rs, 401, NULL, "log in first");
			return;
		}
		const char *sent = MHD_lookup_connection_value(rq->con, MHD_HEADER_KIND,
							       "X-CSRF-Token");
		if (post && (!sent || strcmp(sent, csrf))) {
			srv_fail(rs, 403, "X-CSRF-Token", "a missing or wrong CSRF token");
			return;
		}
		if (post && !strcmp(rq->path, "/logout")) {
			srv_logout(sv->users, token);
			session_cookie(rs, NULL, 1);
			srv_json(rs, 200, json_pack("{s:b}", "auth", 0));
			return;
		}
	} else if (!strcmp(rq->path, "/session")) {
		srv_json(rs, 200, json_pack("{s:b,s:b,s:s,s:s,s:s}", "login", 0, "auth", 1,
						 "user", "local", "role", "reviewer", "csrf", ""));
		return;
	}
	rq->ctx = ctx_get(sv);
	srv_api(rq, rs);
	ctx_put(sv, rq->ctx);
	rq->ctx = NULL;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *con, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_size, void **con_cls)
{
	struct sv_serve *sv = cls;
	struct serve_conn *c = *con_cls;
	if (!c) {
		c = sv_calloc(1, sizeof(*c));
		*con_cls = c;
		const char *cl = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
							     MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > sv->max_body)
			c->too_large = 1;
		return MHD_YES;
	}
	if (*upload_size) {
		if (!c->too_large && c->body.len + *upload_size <= sv->max_body)
			sv_buf_add(&c->body, upload, *upload_size);
		else
			c->too_large = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	struct srv_resp rs = { 0 };
	int head = !strcmp(method, "HEAD");
	if (c->too_large) {
		srv_fail(&rs, 413, "body", "the body is larger than %zu bytes", sv->max_body);
		return respond(con, &rs, head);
	}
	if (!strncmp(url, API_PREFIX "/", sizeof(API_PREFIX))) {
		struct srv_req rq = {
			.sv = sv, .con = con, .method = method, .path = url + strlen(API_PREFIX),
			.body = c->body.data ? c->body.data : "", .body_len = c->body.len,
			.user = "local", .role = "reviewer",
		};
		api(sv, &rq, &rs);
	} else if (!strcmp(method, "GET") || head) {
		srv_static(sv->web, url, &rs);
	} else {
		srv_fail(&rs, 405, NULL, "%s is not allowed here", method);
	}
	return respond(con, &rs, head);
}

static void completed(void *cls, struct MHD_Connection *con, void **con_cls,
		      enum MHD_RequestTerminationCode toe)
{
	struct serve_conn *c = *con_cls;
	if (c) {
		sv_buf_release(&c->body);
		free(c);
		*con_cls = NULL;
	}
}

static void quiet_log(void *cls, const char *fmt, va_list ap)
{
	/* The library prints nothing; MHD's complaints (a client gone away) are dropped. */
}

static int parse_listen(const char *listen, struct sockaddr_in *sa, struct sv_error *err)
{
	const char *colon = strrchr(listen, ':');
	char host[64];
	if (!colon || (size_t)(colon - listen) >= sizeof(host))
		return sv_error_set(err, SV_EUSAGE, "--listen takes HOST:PORT, not '%s'", listen);
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	char *end;
	unsigned long port = strtoul(colon + 1, &end, 10);
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	if (!colon[1] || *end || port > 65535 ||
	    inet_pton(AF_INET, !strcmp(host, "localhost") ? "127.0.0.1" : host, &sa->sin_addr) != 1)
		return sv_error_set(err, SV_EUSAGE,
				    "--listen takes an IPv4 HOST:PORT, not '%s'", listen);
	sa->sin_port = htons((uint16_t)port);
	return SV_OK;
}

int sv_serve_start(const struct sv_serve_opts *opts, struct sv_serve **out, struct sv_error *err)
{
	struct sockaddr_in sa;
	const char *listen = opts->listen ? opts->listen : "127.0.0.1:8080";
	int rc = parse_listen(listen, &sa, err);
	*out = NULL;
	if (rc)
		return rc;
	if (!opts->users && (ntohl(sa.sin_addr.s_addr) >> 24) != 127)
		return sv_error_set(err, SV_EUSAGE,
				    "'%s' is not a loopback address: anyone could change the "
				    "termbase; give --users FILE to require a login", listen);
	struct sv_serve *sv = sv_calloc(1, sizeof(*sv));
	pthread_mutex_init(&sv->lock, NULL);
	pthread_cond_init(&sv->freed, NULL);
	sv->memory = sv_strdup(opts->memory);
	sv->exe = sv_strdup(opts->exe);
	sv->web = realpath(opts->web, NULL);
	sv->max_body = opts->max_body ? opts->max_body : SERVE_BODY_DEFAULT;
	if (!sv->web) {
		rc = sv_error_set(err, SV_EINPUT, "'%s': no folder of the page's files", opts->web);
		goto out;
	}
	if (opts->users && (rc = srv_users_read(opts->users, &sv->users, err)))
		goto out;
	sv->nctx = opts->threads ? opts->threads : SERVE_THREADS_DEFAULT;
	if (sv->nctx > SERVE_THREADS_MAX)
		sv->nctx = SERVE_THREADS_MAX;
	sv->ctx = sv_calloc(sv->nctx, sizeof(*sv->ctx));
	for (unsigned i = 0; i < sv->nctx; i++) {
		struct srv_ctx *c = &sv->ctx[i];
		if ((rc = sv_store_open(sv->memory, 0, &c->st, err)))
			goto out;
		if (!(c->t = sv_text_open(NULL, err)) ||
		    !(c->m = sv_match_open(c->st, c->t, err))) {
			rc = err->code ? err->code : SV_ESTORE;
			goto out;
		}
	}
	sv->daemon = MHD_start_daemon(
		MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL, handle, sv,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)sv->nctx,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVE_TIMEOUT_S,
		MHD_OPTION_NOTIFY_COMPLETED, completed, sv,
		MHD_OPTION_EXTERNAL_LOGGER, quiet_log, sv,
		MHD_OPTION_END);
	if (!sv->daemon) {
		rc = sv_error_set(err, SV_ESTORE, "cannot listen on '%s'", listen);
		goto out;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(sv->daemon,
							       MHD_DAEMON_INFO_BIND_PORT);
	sv->port = info ? info->port : ntohs(sa.sin_port);
out:
	if (rc) {
		sv_serve_stop(sv);
		return rc;
	}
	*out = sv;
	return SV_OK;
}

void sv_serve_stop(struct sv_serve *sv)
{
	if (!sv)
		return;
	if (sv->daemon)
		MHD_stop_daemon(sv->daemon);
	for (unsigned i = 0; sv->ctx && i < sv->nctx; i++) {
		sv_match_close(sv->ctx[i].m);
		sv_text_close(sv->ctx[i].t);
		sv_store_close(sv->ctx[i].st);
	}
	free(sv->ctx);
	srv_users_free(sv->users);
	pthread_mutex_destroy(&sv->lock);
	pthread_cond_destroy(&sv->freed);
	free(sv->memory);
	free(sv->exe);
	free(sv->web);
	free(sv);
}
