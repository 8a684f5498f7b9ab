/* Who is asking: passwords (Argon2id), logins with throttling, sessions
 * (a random 256-bit token in a cookie, kept in the store as its hash),
 * CSRF tokens, and the audit rows every page writes through audit(). */
#include "serve/serve_int.h"

#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/sha256.h"
#include "outputs/html.h"
#include "store/audit.h"
#include "store/changes.h"

#define THROTTLE_FAILURES 5           /* per user name */
#define THROTTLE_ADDR_FAILURES 50     /* per client address, whatever the names (password spraying) */
#define THROTTLE_WINDOW_S (15 * 60)

static const char *const role_names[] = { "admin", "analyst", "manager", "locality", "viewer" };

int auth_role_bit(const char *role)
{
	for (int i = 0; i < 5; i++)
		if (strcmp(role, role_names[i]) == 0)
			return 1 << i;
	return 0;
}

int serve_role_valid(const char *role) { return auth_role_bit(role) != 0; }

int serve_user_name_valid(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n >= ACCOUNT_NAME_MAX)
		return 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("._@-", *p)))
			return 0;
	return 1;
}

int serve_password_hash(const char *password, char out[160], struct cf_error *err)
{
	if (sodium_init() < 0)
		return cf_error_set(err, CF_EIO, "libsodium cannot start");
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return cf_error_set(err, CF_EIO, "out of memory hashing the password");
	return CF_OK;
}

void hex_random(char *out, size_t nbytes)
{
	unsigned char buf[64];
	if (nbytes > sizeof buf)
		nbytes = sizeof buf;
	randombytes_buf(buf, nbytes);
	sodium_bin2hex(out, nbytes * 2 + 1, buf, nbytes);
	sodium_memzero(buf, sizeof buf);
}

static void token_hash(const char *token, char out[65])
{
	struct sha256 h;
	unsigned char d[32];
	sha256_init(&h);
	sha256_update(&h, token, strlen(token));
	sha256_final(&h, d);
	sha256_hex(d, out);
}

void audit(struct request *rq, const char *action, const char *target, const char *detail, int status)
{
	struct cf_error err;
	cf_error_clear(&err);
	struct audit_entry e = { rq->authed ? rq->acct.name : NULL, rq->addr, action, target, detail, status };
	if (audit_append(rq->srv->st, &e, &err)) {
		fprintf(stderr, "caseflow serve: ");
		cf_error_print(&err);
	}
}

/* A token of 64 hex digits, as we issue; anything else is no token. */
static int token_shape_ok(const char *t)
{
	if (!t || strlen(t) != 64)
		return 0;
	for (const char *p = t; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return 0;
	return 1;
}

void auth_forget_sessions(struct server *srv)
{
	for (int i = 0; i < (int)(sizeof srv->sessions / sizeof srv->sessions[0]); i++)
		sodium_memzero(&srv->sessions[i], sizeof srv->sessions[i]);
}

static struct session_slot *slot_find(struct server *srv, const char *hash)
{
	for (int i = 0; i < (int)(sizeof srv->sessions / sizeof srv->sessions[0]); i++)
		if (srv->sessions[i].token_hash[0] && strcmp(srv->sessions[i].token_hash, hash) == 0)
			return &srv->sessions[i];
	return NULL;
}

void auth_load_session(struct request *rq)
{
	struct server *srv = rq->srv;
	const char *token = req_cookie(rq, "cf_session");
	rq->authed = 0;
	if (!token_shape_ok(token))
		return;
	struct cf_error err;
	cf_error_clear(&err);
	int found;
	long long now = (long long)time(NULL), version = 0;
	token_hash(token, rq->token_hash);
	if (store_data_version(srv->st, &version, &err) || version != srv->sessions_version) {
		auth_forget_sessions(srv);   /* another process changed the store: users may have changed */
		srv->sessions_version = version;
	}
	struct session_slot *slot = slot_find(srv, rq->token_hash);
	if (slot) {
		rq->sess = slot->sess;
		rq->acct = slot->acct;
	} else if (session_get(srv->st, rq->token_hash, &rq->sess, &found, &err) || !found ||
		   account_get(srv->st, rq->sess.user, &rq->acct, &found, &err) || !found) {
		return;
	}
	if (rq->sess.last_seen < now - srv->opt->idle_timeout_s) {
		session_delete(srv->st, rq->token_hash, &err);
		if (slot)
			sodium_memzero(slot, sizeof *slot);
		return;
	}
	if (rq->acct.disabled || !(rq->role = auth_role_bit(rq->acct.role)))
		return;
	rq->authed = 1;
	/* a write per request would serialise every page on the disk: the idle
	 * clock is kept to the minute */
	if (now - rq->sess.last_seen >= 60 && !session_touch(srv->st, rq->token_hash, now, &err))
		rq->sess.last_seen = now;
	if (!slot) {
		slot = &srv->sessions[srv->sessions_next];
		srv->sessions_next = (srv->sessions_next + 1) % (int)(sizeof srv->sessions / sizeof srv->sessions[0]);
		snprintf(slot->token_hash, sizeof slot->token_hash, "%s", rq->token_hash);
	}
	slot->sess = rq->sess;
	slot->acct = rq->acct;
}

int auth_csrf_ok(struct request *rq)
{
	char got[80];
	if (req_form(rq, "csrf", got, sizeof got) || strlen(got) != 64 || strlen(rq->sess.csrf) != 64)
		return 0;
	return sodium_memcmp(got, rq->sess.csrf, 64) == 0;
}

/* --- login and logout --------------------------------------------------------- */

static int login_form(struct request *rq, int status, const char *msg)
{
	/* before a session there is no session CSRF token: the form carries a
	 * random value that must match a cookie set with it (double submit) */
	char pre[65];
	hex_random(pre, 32);
	snprintf(rq->set_cookie, sizeof rq->set_cookie, "cf_login=%s; Path=/login; HttpOnly; SameSite=Strict%s", pre,
		 rq->srv->https ? "; Secure" : "");
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "<section class=\"panel\"><h2>Log in</h2>");
	if (msg) {
		strbuf_adds(&sb, "<p class=\"note\" role=\"alert\">");
		html_text(&sb, msg);
		strbuf_adds(&sb, "</p>");
	}
	strbuf_addf(&sb, "<form class=\"login\" method=\"post\" action=\"/login\">"
			 "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			 "<label for=\"user\">User name</label><input id=\"user\" name=\"user\" autocomplete=\"username\" required>"
			 "<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" "
			 "autocomplete=\"current-password\" required>"
			 "<button type=\"submit\">Log in</button></form></section>", pre);
	int ret = reply_page(rq, status, "Log in", &sb);
	strbuf_release(&sb);
	return ret;
}

int page_login_get(struct request *rq) { return login_form(rq, 200, NULL); }

int page_login_post(struct request *rq)
{
	struct server *srv = rq->srv;
	char user[ACCOUNT_NAME_MAX + 1], password[512], pre[80];
	const char *cookie = req_cookie(rq, "cf_login");
	if (req_form(rq, "csrf", pre, sizeof pre) || !token_shape_ok(cookie) || strlen(pre) != 64 ||
	    sodium_memcmp(pre, cookie, 64) != 0) {
		audit(rq, "csrf_refused", "/login", NULL, 403);
		return login_form(rq, 403, "The form's security token is missing or wrong: try again.");
	}
	struct cf_error err;
	cf_error_clear(&err);
	long long now = (long long)time(NULL);
	int failures = 0, from_addr = 0, found = 0;
	if (login_failure_count_addr(srv->st, rq->addr, now - THROTTLE_WINDOW_S, &from_addr, &err)) {
		cf_error_print(&err);
		return reply_message(rq, 500, "Server error", "The store could not be read.");
	}
	if (from_addr >= THROTTLE_ADDR_FAILURES) {
		char d[96];
		snprintf(d, sizeof d, "address: %d failures in 15 minutes", from_addr);
		audit(rq, "login_throttled", "/login", d, 429);
		return login_form(rq, 429, "Too many failed logins from here: try again in 15 minutes.");
	}
	if (req_form(rq, "user", user, sizeof user) || req_form(rq, "password", password, sizeof password) ||
	    !serve_user_name_valid(user)) {
		sodium_memzero(password, sizeof password);
		login_failure_add(srv->st, "", rq->addr, now, &err);
		audit(rq, "login_failed", "/login", "malformed user name", 401);
		return login_form(rq, 401, "Wrong user name or password.");
	}
	struct account a;
	if (login_failure_count(srv->st, user, now - THROTTLE_WINDOW_S, &failures, &err) ||
	    account_get(srv->st, user, &a, &found, &err)) {
		sodium_memzero(password, sizeof password);
		cf_error_print(&err);
		return reply_message(rq, 500, "Server error", "The store could not be read.");
	}
	if (failures >= THROTTLE_FAILURES) {
		sodium_memzero(password, sizeof password);
		char d[96];
		snprintf(d, sizeof d, "user %s: %d failures in 15 minutes", user, failures);
		audit(rq, "login_throttled", "/login", d, 429);
		return login_form(rq, 429, "Too many failed logins for this user: try again in 15 minutes.");
	}
	/* an unknown user is verified against a hash made once, on first need (not
	 * at start, which must be quick), so a wrong name costs what a wrong password does */
	if (!found && !srv->dummy_hash[0] && serve_password_hash("caseflow: no such user", srv->dummy_hash, &err)) {
		sodium_memzero(password, sizeof password);
		return reply_message(rq, 500, "Server error", "Out of memory.");
	}
	/* Argon2id takes a fraction of a second and 64 MiB on purpose: not
	 * under the lock, so other users' pages go on meanwhile (a is ours) */
	pthread_mutex_unlock(&srv->lock);
	int ok = crypto_pwhash_str_verify(found ? a.pwhash : srv->dummy_hash, password, strlen(password)) == 0;
	pthread_mutex_lock(&srv->lock);
	sodium_memzero(password, sizeof password);
	if (!ok || !found || a.disabled) {
		login_failure_add(srv->st, user, rq->addr, now, &err);
		char d[96];
		snprintf(d, sizeof d, "user %s%s", user, !found ? " (no such user)" : a.disabled && ok ? " (disabled)" : "");
		audit(rq, "login_failed", "/login", d, 401);
		return login_form(rq, 401, "Wrong user name or password.");
	}
	/* a new token at every login: a token fixed before it (session
	 * fixation) is never the one that gets authenticated */
	auth_forget_sessions(srv);   /* sessions expire and one may end below */
	const char *old = req_cookie(rq, "cf_session");
	if (token_shape_ok(old)) {
		char h[65];
		token_hash(old, h);
		session_delete(srv->st, h, &err);
	}
	char token[65], csrf[65];
	hex_random(token, 32);
	hex_random(csrf, 32);
	token_hash(token, rq->token_hash);
	session_expire(srv->st, now - srv->opt->idle_timeout_s, now - THROTTLE_WINDOW_S, &err);
	if (session_add(srv->st, rq->token_hash, a.name, csrf, now, &err)) {
		cf_error_print(&err);
		return reply_message(rq, 500, "Server error", "The session could not be started.");
	}
	rq->acct = a;
	rq->authed = 1;
	rq->role = auth_role_bit(a.role);
	audit(rq, "login", "/login", a.role, 303);
	snprintf(rq->set_cookie, sizeof rq->set_cookie, "cf_session=%s; Path=/; HttpOnly; SameSite=Strict%s", token,
		 srv->https ? "; Secure" : "");
	sodium_memzero(token, sizeof token);
	return reply_redirect(rq, "/");
}

int page_logout(struct request *rq)
{
	struct cf_error err;
	cf_error_clear(&err);
	session_delete(rq->srv->st, rq->token_hash, &err);
	auth_forget_sessions(rq->srv);
	audit(rq, "logout", "/logout", NULL, 303);
	snprintf(rq->set_cookie, sizeof rq->set_cookie, "cf_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
		 rq->srv->https ? "; Secure" : "");
	return reply_redirect(rq, "/login");
}
