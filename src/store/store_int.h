/* Private to src/store/: what a backend file needs beside the public API
 * (store.h). Nothing above src/store/ includes this (tools/check-layers.sh),
 * so no SQLite type or SQL text reaches the layers above. */
#ifndef CF_STORE_STORE_INT_H
#define CF_STORE_STORE_INT_H

#include <stddef.h>

#include <sqlite3.h>

#include "base/date.h"
#include "store/store.h"

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
