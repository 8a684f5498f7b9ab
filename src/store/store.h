/* The store: where every return, extract and published table is kept,
 * behind a typed API (one noun per header: store/episode_reader.h,
 * store/cin_records.h ...). `struct store` is opaque: no SQL text and no
 * SQLite type reaches the layers above, so a second backend can implement
 * the same headers.
 *
 * store_open() creates or opens the store and applies pending migrations.
 * Loads run inside store_begin()/store_commit(); on any failure the caller
 * calls store_rollback() and the store is exactly as it was. */
#ifndef CF_STORE_STORE_H
#define CF_STORE_STORE_H

#include "base/error.h"

struct store;

/* Open (create when missing unless readonly) and migrate. On failure *out
 * is NULL and err says why. */
int store_open(struct store **out, const char *path, int readonly, struct cf_error *err);
void store_close(struct store *st);   /* NULL is fine */

int store_begin(struct store *st, struct cf_error *err);
int store_commit(struct store *st, struct cf_error *err);
void store_rollback(struct store *st);

/* Where the store is, as given to store_open (for messages). */
const char *store_path(const struct store *st);
/* The schema version the store has (store_latest_version() once migrated). */
int store_schema_version(const struct store *st);
/* The newest schema version this build knows. */
int store_latest_version(void);

#endif
