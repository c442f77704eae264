/* --users: the users file (name:role:hash, hashes from libsodium's
 * crypto_pwhash_str), logins and the sessions in memory, each with its own
 * CSRF token. Sessions end when the server stops. */
#include "serve/serve-int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "base/buf.h"

#define AUTH_TOKEN_BYTES ((SV_SERVE_TOKEN_HEX - 1) / 2)
#define AUTH_SESSIONS_MAX 1024
#define AUTH_LINE_MAX 512

struct auth_user {
	char *name, *role, *hash;
};

struct auth_session {
	char token[AUTH_TOKEN_BYTES * 2 + 1];
	char csrf[AUTH_TOKEN_BYTES * 2 + 1];
	size_t user;
};

struct srv_users {
	struct auth_user *v;
	size_t n, cap;
	struct auth_session *sessions;
	size_t nsessions, scap;
	pthread_mutex_t lock;
};

int srv_users_read(const char *path, struct srv_users **out, struct sv_error *err)
{
	FILE *f = fopen(path, "r");
	char line[AUTH_LINE_MAX];
	int rc = SV_OK, lineno = 0;
	*out = NULL;
	if (!f)
		return sv_error_set(err, SV_EINPUT, "'%s': cannot read the users file", path);
	if (sodium_init() < 0) {
		fclose(f);
		return sv_error_set(err, SV_ESTORE, "libsodium does not start");
	}
	struct srv_users *u = sv_calloc(1, sizeof(*u));
	pthread_mutex_init(&u->lock, NULL);
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		char *role = strchr(line, ':'), *hash = role ? strchr(role + 1, ':') : NULL;
		if (!hash) {
			rc = sv_error_set(err, SV_EINPUT, "'%s': line %d is not name:role:hash",
					  path, lineno);
			goto out;
		}
		*role++ = '\0';
		*hash++ = '\0';
		if (strcmp(role, "reviewer") && strcmp(role, "reader")) {
			rc = sv_error_set(err, SV_EINPUT,
					  "'%s': line %d: role '%s' is not reviewer or reader",
					  path, lineno, role);
			goto out;
		}
		if (strncmp(hash, "$argon2", 7)) {
			rc = sv_error_set(err, SV_EINPUT,
					  "'%s': line %d: the hash is not crypto_pwhash_str's",
					  path, lineno);
			goto out;
		}
		SV_GROW(u->v, u->cap, u->n + 1);
		u->v[u->n++] = (struct auth_user){ sv_strdup(line), sv_strdup(role),
						   sv_strdup(hash) };
	}
	if (!u->n)
		rc = sv_error_set(err, SV_EINPUT, "'%s': no users", path);
out:
	fclose(f);
	if (rc) {
		srv_users_free(u);
		return rc;
	}
	*out = u;
	return SV_OK;
}

void srv_users_free(struct srv_users *u)
{
	if (!u)
		return;
	for (size_t i = 0; i < u->n; i++) {
		free(u->v[i].name);
		free(u->v[i].role);
		free(u->v[i].hash);
	}
	free(u->v);
	sodium_memzero(u->sessions, u->nsessions * sizeof(*u->sessions));
	free(u->sessions);
	pthread_mutex_destroy(&u->lock);
	free(u);
}

static void token_new(char *hex)
{
	unsigned char raw[AUTH_TOKEN_BYTES];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(hex, AUTH_TOKEN_BYTES * 2 + 1, raw, sizeof(raw));
}

int srv_login(struct srv_users *u, const char *name, const char *password,
		   char **token, char **csrf, const char **role)
{
	size_t i = 0;
	while (i < u->n && strcmp(u->v[i].name, name))
		i++;
	if (i == u->n || crypto_pwhash_str_verify(u->v[i].hash, password, strlen(password)))
		return -1;
	struct auth_session s = { .user = i };
	token_new(s.token);
	token_new(s.csrf);
	pthread_mutex_lock(&u->lock);
	if (u->nsessions == AUTH_SESSIONS_MAX) { /* the oldest goes */
		memmove(u->sessions, u->sessions + 1, (u->nsessions - 1) * sizeof(s));
		u->nsessions--;
	}
	SV_GROW(u->sessions, u->scap, u->nsessions + 1);
	u->sessions[u->nsessions++] = s;
	pthread_mutex_unlock(&u->lock);
	*token = sv_strdup(s.token);
	*csrf = sv_strdup(s.csrf);
	*role = u->v[i].role;
	return 0;
}

int srv_session(struct srv_users *u, const char *token, const char **name,
		     const char **role, char csrf[SV_SERVE_TOKEN_HEX])
{
	int found = 0;
	pthread_mutex_lock(&u->lock);
	for (size_t i = 0; i < u->nsessions && !found; i++) {
		struct auth_session *s = &u->sessions[i];
		if (strlen(token) == strlen(s->token) &&
		    !sodium_memcmp(s->token, token, strlen(token))) {
			*name = u->v[s->user].name;
			*role = u->v[s->user].role;
			memcpy(csrf, s->csrf, SV_SERVE_TOKEN_HEX);
			found = 1;
		}
	}
	pthread_mutex_unlock(&u->lock);
	return found;
}

void srv_logout(struct srv_users *u, const char *token)
{
	pthread_mutex_lock(&u->lock);
	for (size_t i = 0; i < u->nsessions; i++) {
		if (!strcmp(u->sessions[i].token, token)) {
			memmove(&u->sessions[i], &u->sessions[i + 1],
				(u->nsessions - i - 1) * sizeof(u->sessions[i]));
			u->nsessions--;
			break;
		}
	}
	pthread_mutex_unlock(&u->lock);
}

int sv_serve_hash_password(const char *password, char out[SV_SERVE_HASH_MAX],
			   struct sv_error *err)
{
	_Static_assert(SV_SERVE_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer too small");
	if (sodium_init() < 0 ||
	    crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE))
		return sv_error_set(err, SV_ESTORE, "cannot hash the password");
	return SV_OK;
}
