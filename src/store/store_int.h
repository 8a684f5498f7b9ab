/* Private to src/store/: the SQLite connection and what a backend file
 * needs beside the public API (store.h). Above src/store/ only the files
 * still listed in tools/sql-outside-store.txt may include it, while their
 * SQL moves behind typed functions (tools/check-layers.sh). */
#ifndef CF_STORE_STORE_INT_H
#define CF_STORE_STORE_INT_H

#include <stddef.h>

#include <sqlite3.h>

#include "base/date.h"
#include "base/error.h"
#include "store/store.h"

struct store {
	sqlite3 *db;          /* owned */
	char *path;           /* owned */
	int schema_version;
};

/* Run SQL with no results. */
int store_exec(struct store *st, const char *sql, struct cf_error *err);
/* Prepare a statement; on failure err holds SQLite's message. */
int store_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt, struct cf_error *err);
/* Set err from the connection's last error; returns CF_EIO. */
int store_error(struct store *st, struct cf_error *err, const char *what);

/* The one reader of a date column: 'yyyy-mm-dd' (as loads write them) to a
 * cf_date; NULL or anything unreadable is CF_DATE_NONE. */
cf_date store_col_date(sqlite3_stmt *s, int col);
/* A column's text, NULL for SQL NULL. Valid until the next step. */
const char *store_col_text(sqlite3_stmt *s, int col);
/* A code column copied into out (size bytes, truncated, "" for NULL). */
void store_col_code(sqlite3_stmt *s, int col, char *out, size_t size);
/* 1 when the column is SQL NULL. */
int store_col_null(sqlite3_stmt *s, int col);

/* Step s to the end, calling fn for each row; fn's non-zero status stops
 * the walk and is returned. A step error sets err ("reading WHAT"). s is
 * finalized either way. */
int store_each_row(struct store *st, sqlite3_stmt *s, const char *what,
		   int (*fn)(void *ctx, sqlite3_stmt *s), void *ctx, struct cf_error *err);

/* The episode packs of a load (ssda903_episode_packs, migration 0012; the
 * format is episode_reader.c's): the SSDA903 loader adds each episode row
 * as it writes it, its columns in this order (NULL when not given), and
 * writes one pack per return of the load inside its transaction. */
enum { EPC_CHILD, EPC_DECOM, EPC_DEC, EPC_RNE, EPC_LS, EPC_CIN, EPC_PLACE, EPC_PROVIDER, EPC_REC, EPC_HOME,
       EPC_PL, EPC_N };
struct episode_packer {
	struct pack_buf *buf;     /* owned, one per return */
	int n, cap;
};
int episode_packer_add(struct episode_packer *k, long long return_id, const char *const *cols,
		       struct cf_error *err);
/* Write a pack for each of ids[0..n) (empty when it had no rows), then release k. */
int episode_packer_write(struct store *st, struct episode_packer *k, const long long *ids, int n,
			 struct cf_error *err);
void episode_packer_release(struct episode_packer *k);
/* The same from the rows of ids[0..n) stored after rowid `after` of
 * ssda903_episodes (a store's rows read back; the tests). */
int episode_packs_write(struct store *st, const long long *ids, int n, long long after, struct cf_error *err);

/* A typed walk: the caller's callback (cast back to its type before the
 * call) and context, handed to the row function of store_walk_sql. */
struct store_walk {
	void (*fn)(void);
	void *ctx;
};

/* Prepare sql and walk its rows with row(&walk, s): the body of most typed
 * readers. */
int store_walk_sql(struct store *st, const char *sql, const char *what, int (*row)(void *walk, sqlite3_stmt *s),
		   void (*fn)(void), void *ctx, struct cf_error *err);

#endif
