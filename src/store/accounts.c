/* caseflow serve's users, sessions and failed logins: the SQL behind store/accounts.h. */
#include "store/accounts.h"
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy_col(char *dst, size_t size, sqlite3_stmt *s, int col)
{
	const unsigned char *v = sqlite3_column_text(s, col);
	snprintf(dst, size, "%s", v ? (const char *)v : "");
}

/* Run one statement with text/int parameters already bound; CF_OK when done. */
static int step_done(struct store *st, sqlite3_stmt *s, const char *what, struct cf_error *err)
{
	int step = sqlite3_step(s);
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? CF_OK : store_error(st, err, what);
}

static int no_such_user(const char *name, struct cf_error *err)
{
	return cf_error_at(err, CF_EINPUT, NULL, 0, "user", name, "no such user (see 'caseflow user list')");
}

int account_add(struct store *st, const struct account *a, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc, found;
	struct account old;
	if ((rc = account_get(st, a->name, &old, &found, err)))
		return rc;
	if (found)
		return cf_error_at(err, CF_EINPUT, NULL, 0, "user", a->name, "a user of that name exists");
	if ((rc = store_begin(st, err)))
		return rc;
	if ((rc = store_prepare(st, "INSERT INTO serve_users (name, role, pwhash, disabled, created_at, changed_at) "
				    "VALUES (?, ?, ?, 0, datetime('now'), datetime('now'))", &s, err)))
		goto fail;
	sqlite3_bind_text(s, 1, a->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, a->role, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, a->pwhash, -1, SQLITE_STATIC);
	if ((rc = step_done(st, s, "adding a user", err)))
		goto fail;
	for (int i = 0; i < a->nlocalities; i++) {
		if ((rc = store_prepare(st, "INSERT OR IGNORE INTO serve_user_localities VALUES (?, ?)", &s, err)))
			goto fail;
		sqlite3_bind_text(s, 1, a->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, a->localities[i], -1, SQLITE_STATIC);
		if ((rc = step_done(st, s, "adding a user's locality", err)))
			goto fail;
	}
	return store_commit(st, err);
fail:
	store_rollback(st);
	return rc;
}

static int get_localities(struct store *st, struct account *a, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, "SELECT locality FROM serve_user_localities WHERE user = ? ORDER BY locality", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, a->name, -1, SQLITE_TRANSIENT);
	a->nlocalities = 0;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW && a->nlocalities < ACCOUNT_MAX_LOCALITIES)
		copy_col(a->localities[a->nlocalities++], ACCOUNT_NAME_MAX, s, 0);
	sqlite3_finalize(s);
	return step == SQLITE_ROW || step == SQLITE_DONE ? CF_OK : store_error(st, err, "reading a user's localities");
}

int account_get(struct store *st, const char *name, struct account *out, int *found, struct cf_error *err)
{
	sqlite3_stmt *s;
	memset(out, 0, sizeof *out);
	*found = 0;
	int rc = store_prepare(st, "SELECT name, role, pwhash, disabled, changed_at FROM serve_users WHERE name = ?", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		*found = 1;
		copy_col(out->name, sizeof out->name, s, 0);
		copy_col(out->role, sizeof out->role, s, 1);
		copy_col(out->pwhash, sizeof out->pwhash, s, 2);
		out->disabled = sqlite3_column_int(s, 3);
		copy_col(out->changed_at, sizeof out->changed_at, s, 4);
	}
	sqlite3_finalize(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return store_error(st, err, "reading a user");
	return *found ? get_localities(st, out, err) : CF_OK;
}

int account_list(struct store *st, struct account **out, int *n, struct cf_error *err)
{
	sqlite3_stmt *s;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(st, "SELECT name, role, disabled, changed_at FROM serve_users ORDER BY name", &s, err);
	if (rc)
		return rc;
	int cap = 0, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			struct account *p = realloc(*out, (size_t)cap * sizeof *p);
			if (!p) {
				sqlite3_finalize(s);
				free(*out);
				*out = NULL;
				return cf_error_set(err, CF_EIO, "out of memory");
			}
			*out = p;
		}
		struct account *a = &(*out)[(*n)++];
		memset(a, 0, sizeof *a);
		copy_col(a->name, sizeof a->name, s, 0);
		copy_col(a->role, sizeof a->role, s, 1);
		a->disabled = sqlite3_column_int(s, 2);
		copy_col(a->changed_at, sizeof a->changed_at, s, 3);
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		rc = store_error(st, err, "listing users");
	for (int i = 0; i < *n && !rc; i++)
		rc = get_localities(st, &(*out)[i], err);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* UPDATE serve_users for name, then end the user's sessions, in one transaction. */
static int update_user(struct store *st, const char *sql, const char *name, const char *text, int num,
		       struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc;
	if ((rc = store_begin(st, err)))
		return rc;
	if ((rc = store_prepare(st, sql, &s, err)))
		goto fail;
	if (text)
		sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int(s, 1, num);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	if ((rc = step_done(st, s, "changing a user", err)))
		goto fail;
	if (sqlite3_changes(st->db) == 0) {
		rc = no_such_user(name, err);
		goto fail;
	}
	if ((rc = store_prepare(st, "DELETE FROM serve_sessions WHERE user = ?", &s, err)))
		goto fail;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	if ((rc = step_done(st, s, "ending a user's sessions", err)))
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return rc;
}

int account_set_disabled(struct store *st, const char *name, int disabled, struct cf_error *err)
{
	return update_user(st, "UPDATE serve_users SET disabled = ?, changed_at = datetime('now') WHERE name = ?", name,
			   NULL, disabled != 0, err);
}

int account_set_password(struct store *st, const char *name, const char *pwhash, struct cf_error *err)
{
	return update_user(st, "UPDATE serve_users SET pwhash = ?, changed_at = datetime('now') WHERE name = ?", name,
			   pwhash, 0, err);
}

int session_add(struct store *st, const char *token_hash, const char *user, const char *csrf, long long now,
		struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, "INSERT INTO serve_sessions VALUES (?, ?, ?, ?, ?)", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, token_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, user, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, csrf, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, now);
	sqlite3_bind_int64(s, 5, now);
	return step_done(st, s, "starting a session", err);
}

int session_get(struct store *st, const char *token_hash, struct session *out, int *found, struct cf_error *err)
{
	sqlite3_stmt *s;
	memset(out, 0, sizeof *out);
	*found = 0;
	int rc = store_prepare(st, "SELECT user, csrf, created_at, last_seen FROM serve_sessions WHERE token_hash = ?", &s,
			       err);
	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, token_hash, -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		*found = 1;
		copy_col(out->user, sizeof out->user, s, 0);
		copy_col(out->csrf, sizeof out->csrf, s, 1);
		out->created_at = sqlite3_column_int64(s, 2);
		out->last_seen = sqlite3_column_int64(s, 3);
	}
	sqlite3_finalize(s);
	return step == SQLITE_ROW || step == SQLITE_DONE ? CF_OK : store_error(st, err, "reading a session");
}

int session_touch(struct store *st, const char *token_hash, long long now, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, "UPDATE serve_sessions SET last_seen = ? WHERE token_hash = ?", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, now);
	sqlite3_bind_text(s, 2, token_hash, -1, SQLITE_STATIC);
	return step_done(st, s, "refreshing a session", err);
}

int session_delete(struct store *st, const char *token_hash, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, "DELETE FROM serve_sessions WHERE token_hash = ?", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, token_hash, -1, SQLITE_STATIC);
	return step_done(st, s, "ending a session", err);
}

int session_expire(struct store *st, long long before, long long failures_before, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, "DELETE FROM serve_sessions WHERE last_seen < ?", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, before);
	if ((rc = step_done(st, s, "expiring sessions", err)))
		return rc;
	if ((rc = store_prepare(st, "DELETE FROM serve_login_failures WHERE at < ?", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, failures_before);
	return step_done(st, s, "expiring failed logins", err);
}

int login_failure_add(struct store *st, const char *user, const char *addr, long long now, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, "INSERT INTO serve_login_failures (user, addr, at) VALUES (?, ?, ?)", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, user, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, addr, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, now);
	return step_done(st, s, "recording a failed login", err);
}

static int count_failures(struct store *st, const char *sql, const char *key, long long since, int *n,
			  struct cf_error *err)
{
	sqlite3_stmt *s;
	*n = 0;
	int rc = store_prepare(st, sql, &s, err);
	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, since);
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		*n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return step == SQLITE_ROW ? CF_OK : store_error(st, err, "counting failed logins");
}

int login_failure_count(struct store *st, const char *user, long long since, int *n, struct cf_error *err)
{
	return count_failures(st, "SELECT count(*) FROM serve_login_failures WHERE user = ? AND at >= ?", user, since, n, err);
}

int login_failure_count_addr(struct store *st, const char *addr, long long since, int *n, struct cf_error *err)
{
	return count_failures(st, "SELECT count(*) FROM serve_login_failures WHERE addr = ? AND at >= ?", addr, since, n, err);
}

int store_child_locality(struct store *st, const char *child, char *locality, size_t size, int *found,
			 struct cf_error *err)
{
	sqlite3_stmt *s;
	*found = 0;
	locality[0] = '\0';
	int rc = store_prepare(st, "SELECT locality FROM child_locality WHERE child = ? AND locality IS NOT NULL", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, child, -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		*found = 1;
		copy_col(locality, size, s, 0);
	}
	sqlite3_finalize(s);
	return step == SQLITE_ROW || step == SQLITE_DONE ? CF_OK : store_error(st, err, "finding a child's locality");
}

int store_locality_names(struct store *st, char ***out, int *n, struct cf_error *err)
{
	sqlite3_stmt *s;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(st, "SELECT DISTINCT locality FROM localities ORDER BY locality", &s, err);
	if (rc)
		return rc;
	struct { char name[ACCOUNT_NAME_MAX]; } names[256];
	int step, k = 0;
	while ((step = sqlite3_step(s)) == SQLITE_ROW && k < 256)
		copy_col(names[k++].name, ACCOUNT_NAME_MAX, s, 0);
	sqlite3_finalize(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return store_error(st, err, "listing localities");
	/* pointers then the strings, in one block */
	char **p = malloc((size_t)(k ? k : 1) * (sizeof *p + ACCOUNT_NAME_MAX));
	if (!p)
		return cf_error_set(err, CF_EIO, "out of memory");
	char *text = (char *)(p + k);
	for (int i = 0; i < k; i++) {
		p[i] = text + (size_t)i * ACCOUNT_NAME_MAX;
		memcpy(p[i], names[i].name, ACCOUNT_NAME_MAX);
	}
	*out = p;
	*n = k;
	return CF_OK;
}
