/* Opening the store and applying migrations. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/migrations.h"

int store_error(struct store *st, struct cf_error *err, const char *what)
{
	return cf_error_at(err, CF_EIO, st->path, 0, NULL, NULL, "%s: %s", what,
			   st->db ? sqlite3_errmsg(st->db) : "no database");
}

int store_exec(struct store *st, const char *sql, struct cf_error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		cf_error_at(err, CF_EIO, st->path, 0, NULL, NULL, "store: %s", msg ? msg : "error");
		sqlite3_free(msg);
		return CF_EIO;
	}
	return CF_OK;
}

int store_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt, struct cf_error *err)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL) != SQLITE_OK)
		return store_error(st, err, "preparing a query");
	return CF_OK;
}

int store_begin(struct store *st, struct cf_error *err) { return store_exec(st, "BEGIN IMMEDIATE", err); }
int store_commit(struct store *st, struct cf_error *err) { return store_exec(st, "COMMIT", err); }
void store_rollback(struct store *st)
{
	if (st && st->db && !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

const char *store_path(const struct store *st)
{
	return st->path;
}

int store_schema_version(const struct store *st)
{
	return st->schema_version;
}

int store_latest_version(void)
{
	int v = 0;
	for (int i = 0; i < store_migration_count; i++)
		if (store_migrations[i].version > v)
			v = store_migrations[i].version;
	return v;
}

static int current_version(struct store *st, int *version, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_exec(st, "CREATE TABLE IF NOT EXISTS schema_version ("
			    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", err);
	if (rc)
		return rc;
	if ((rc = store_prepare(st, "SELECT coalesce(max(version), 0) FROM schema_version", &s, err)))
		return rc;
	*version = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_finalize(s);
	return CF_OK;
}

static int migrate(struct store *st, struct cf_error *err)
{
	int have, rc;
	if ((rc = store_begin(st, err)))
		return rc;
	if ((rc = current_version(st, &have, err)))
		goto fail;
	if (have > store_latest_version()) {
		rc = cf_error_at(err, CF_EIO, st->path, 0, NULL, NULL,
				 "the store has schema version %d, newer than this caseflow knows (%d): upgrade caseflow",
				 have, store_latest_version());
		goto fail;
	}
	for (int i = 0; i < store_migration_count; i++) {
		const struct store_migration *m = &store_migrations[i];
		if (m->version <= have)
			continue;
		if ((rc = store_exec(st, m->sql, err))) {
			char why[900];
			snprintf(why, sizeof why, "%s", err->msg);
			cf_error_set(err, CF_EIO, "migration %s failed: %s", m->name, why);
			goto fail;
		}
		sqlite3_stmt *s;
		if ((rc = store_prepare(st, "INSERT INTO schema_version VALUES (?, ?, datetime('now'))", &s, err)))
			goto fail;
		sqlite3_bind_int(s, 1, m->version);
		sqlite3_bind_text(s, 2, m->name, -1, SQLITE_STATIC);
		int step = sqlite3_step(s);
		sqlite3_finalize(s);
		if (step != SQLITE_DONE) {
			rc = store_error(st, err, "recording a migration");
			goto fail;
		}
		have = m->version;
	}
	st->schema_version = have;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return rc;
}

int store_open(struct store **out, const char *path, int readonly, struct cf_error *err)
{
	*out = NULL;
	struct store *st = calloc(1, sizeof *st);
	if (!st || !(st->path = strdup(path))) {
		free(st);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	/* Nothing here needs SQLite's allocation statistics, and a connection
	 * is only ever used by the thread that opened it: without the
	 * statistics and the per-connection mutex every call is cheaper (a load
	 * makes millions). The first only takes effect before SQLite is
	 * initialised, i.e. in the first store_open of a process. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		store_close(st);
		return cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL,
				   "a folder, not a store: name the store's file (e.g. --db %s/caseflow.db)", path);
	}
	int flags = (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		int rc = cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot open the store: %s",
				     st->db ? sqlite3_errmsg(st->db) : "out of memory");
		store_close(st);
		return rc;
	}
	sqlite3_busy_timeout(st->db, 5000);
	/* before any PRAGMA, which would fail on another kind of file with a
	 * bare "file is not a database" */
	if (sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) == SQLITE_NOTADB) {
		store_close(st);
		return cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL,
				   "not a caseflow store (not an SQLite database): point --db at a store, "
				   "or at a new file name to create one");
	}
	/* WAL keeps readers working during a load and commits atomically;
	 * synchronous=NORMAL is still crash-safe for the database in WAL mode. */
	int rc = store_exec(st, "PRAGMA foreign_keys = ON", err);
	if (!rc && !readonly)
		rc = store_exec(st, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768", err);
	if (!rc && readonly) {
		int have;
		rc = current_version(st, &have, err);
		st->schema_version = have;
	}
	if (!rc && !readonly)
		rc = migrate(st, err);
	if (rc) {
		store_close(st);
		return rc;
	}
	*out = st;
	return CF_OK;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	if (st->db)
		sqlite3_close_v2(st->db);
	free(st->path);
	free(st);
}

cf_date store_col_date(sqlite3_stmt *s, int col)
{
	const unsigned char *v = sqlite3_column_text(s, col);
	cf_date d;
	if (!v || cf_date_parse((const char *)v, strlen((const char *)v), &d) != 0)
		return CF_DATE_NONE;
	return d;
}

const char *store_col_text(sqlite3_stmt *s, int col)
{
	return (const char *)sqlite3_column_text(s, col);
}

void store_col_code(sqlite3_stmt *s, int col, char *out, size_t size)
{
	const unsigned char *v = sqlite3_column_text(s, col);
	snprintf(out, size, "%s", v ? (const char *)v : "");
}

int store_col_null(sqlite3_stmt *s, int col)
{
	return sqlite3_column_type(s, col) == SQLITE_NULL;
}

int store_each_row(struct store *st, sqlite3_stmt *s, const char *what,
		   int (*fn)(void *ctx, sqlite3_stmt *s), void *ctx, struct cf_error *err)
{
	int step, rc = CF_OK;
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = fn(ctx, s)))
			break;
	if (!rc && step != SQLITE_DONE) {
		char why[64];
		snprintf(why, sizeof why, "reading %s", what);
		rc = store_error(st, err, why);
	}
	sqlite3_finalize(s);
	return rc;
}

int store_walk_sql(struct store *st, const char *sql, const char *what, int (*row)(void *walk, sqlite3_stmt *s),
		   void (*fn)(void), void *ctx, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, sql, &s, err);
	if (rc)
		return rc;
	struct store_walk w = { fn, ctx };
	return store_each_row(st, s, what, row, &w, err);
}
