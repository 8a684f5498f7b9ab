/* caseflow serve's users, sessions and failed logins, in the store
 * (migration 0010). The store keeps only what it is handed: password
 * hashes are made by the caller (libsodium's Argon2id), session tokens are
 * kept as a hash of the token. */
#ifndef CF_STORE_ACCOUNTS_H
#define CF_STORE_ACCOUNTS_H

#include <stddef.h>

#include "base/error.h"
#include "store/store.h"

#define ACCOUNT_NAME_MAX 64
#define ACCOUNT_MAX_LOCALITIES 16

struct account {
	char name[ACCOUNT_NAME_MAX];
	char role[16];                /* admin, analyst, manager, locality or viewer */
	char pwhash[160];             /* crypto_pwhash_str's string */
	int disabled;
	int nlocalities;
	char localities[ACCOUNT_MAX_LOCALITIES][ACCOUNT_NAME_MAX];
	char changed_at[24];
};

/* A new user. An existing name is CF_EINPUT. */
int account_add(struct store *st, const struct account *a, struct cf_error *err);
/* Fill *out for name; *found 0 when there is no such user. */
int account_get(struct store *st, const char *name, struct account *out, int *found, struct cf_error *err);
/* Every user, by name (pwhash left empty); *out is the caller's (free). */
int account_list(struct store *st, struct account **out, int *n, struct cf_error *err);
/* Disable (or enable) a user and end their sessions; no such user is CF_EINPUT. */
int account_set_disabled(struct store *st, const char *name, int disabled, struct cf_error *err);
/* A new password hash; ends the user's sessions; no such user is CF_EINPUT. */
int account_set_password(struct store *st, const char *name, const char *pwhash, struct cf_error *err);

struct session {
	char user[ACCOUNT_NAME_MAX];
	char csrf[65];                /* hex, compared in constant time by the caller */
	long long created_at, last_seen;   /* Unix seconds */
};

int session_add(struct store *st, const char *token_hash, const char *user, const char *csrf, long long now,
		struct cf_error *err);
/* *found 0 when no session has this token hash. */
int session_get(struct store *st, const char *token_hash, struct session *out, int *found, struct cf_error *err);
int session_touch(struct store *st, const char *token_hash, long long now, struct cf_error *err);
int session_delete(struct store *st, const char *token_hash, struct cf_error *err);
/* Drop sessions idle since before `before`, and failed logins older than `failures_before`. */
int session_expire(struct store *st, long long before, long long failures_before, struct cf_error *err);

int login_failure_add(struct store *st, const char *user, const char *addr, long long now, struct cf_error *err);
/* Failed logins for user at or after `since`. */
int login_failure_count(struct store *st, const char *user, long long since, int *n, struct cf_error *err);
/* Failed logins from addr (any user) at or after `since`. */
int login_failure_count_addr(struct store *st, const char *addr, long long since, int *n, struct cf_error *err);

/* The locality a child lives in (the store's child_locality view): *found
 * 0 when the store has no such child or no locality for it. */
int store_child_locality(struct store *st, const char *child, char *locality, size_t size, int *found,
			 struct cf_error *err);
/* The localities the store knows (for the dashboard's choice); *out is the
 * caller's, an array of *n strings in one allocation (free(*out)). */
int store_locality_names(struct store *st, char ***out, int *n, struct cf_error *err);

#endif
