/* The embedded store: a SQLite database with a versioned schema.
 *
 * store_open() creates or opens the file and applies pending migrations.
 * Loads run inside store_begin()/store_commit(); on any failure the caller
 * calls store_rollback() and the file is exactly as it was. */
#ifndef CF_STORE_STORE_H
#define CF_STORE_STORE_H

#include <sqlite3.h>

#include "base/error.h"

struct store {
	sqlite3 *db;          /* owned */
	char *path;           /* owned */
	int schema_version;
};

/* Open (create when missing unless readonly) and migrate. On failure *out
 * is NULL and err says why. */
int store_open(struct store **out, const char *path, int readonly, struct cf_error *err);
void store_close(struct store *st);   /* NULL is fine */

int store_begin(struct store *st, struct cf_error *err);
int store_commit(struct store *st, struct cf_error *err);
void store_rollback(struct store *st);

/* Run SQL with no results. */
int store_exec(struct store *st, const char *sql, struct cf_error *err);
/* Prepare a statement; on failure err holds SQLite's message. */
int store_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt, struct cf_error *err);
/* Set err from the connection's last error; returns CF_EIO. */
int store_error(struct store *st, struct cf_error *err, const char *what);

/* The newest schema version this build knows. */
int store_latest_version(void);

#endif
