/* caseflow serve: the Vital Signs over HTTP(S) for many users, with roles
 * enforced on the server, sessions, CSRF tokens, throttled logins and an
 * append-only audit log (docs/serve.md). Built on libmicrohttpd; passwords
 * are Argon2id hashes made with libsodium. */
#ifndef CF_SERVE_SERVE_H
#define CF_SERVE_SERVE_H

#include <stddef.h>

#include "base/error.h"

struct serve_options {
	const char *db;               /* the store */
	const char *listen;           /* "127.0.0.1:8080"; port 0 picks a free one */
	const char *tls_cert, *tls_key;   /* PEM files; both or neither */
	const char *base_url;         /* as users reach it (behind a proxy); https://... makes cookies Secure */
	long idle_timeout_s;          /* sessions end after this long unused */
	long conn_timeout_s;          /* a connection silent this long is closed */
	long suppress;                /* the viewer role's small-number threshold */
	long max_body;                /* bytes a form's body may carry */
	long max_upload;              /* bytes an upload (all its files) may carry */
	int threads;                  /* MHD's thread pool */
	int trust_proxy;              /* take the client's address from X-Forwarded-For when the connection is from loopback */
};

/* Defaults for every field but db. */
void serve_options_init(struct serve_options *o);

/* Serve until SIGTERM or SIGINT, then stop cleanly. Prints the address it
 * listens on ("caseflow serve: listening on http://HOST:PORT/") to stderr
 * once it accepts connections, and one line per request. */
int serve_run(const struct serve_options *o, struct cf_error *err);

/* --- users (for `caseflow user`) ------------------------------------------ */

/* 1 when role is admin, analyst, manager, locality or viewer. */
int serve_role_valid(const char *role);
/* 1 when name is 1-63 of A-Z a-z 0-9 . _ @ - */
int serve_user_name_valid(const char *name);
/* An Argon2id hash of password (libsodium's crypto_pwhash_str) into out. */
int serve_password_hash(const char *password, char out[160], struct cf_error *err);

#endif
