/* Whether another connection (a `caseflow ingest` beside a running
 * server) has changed the store: SQLite's data_version, which a
 * connection's own writes leave alone. */
#ifndef CF_STORE_CHANGES_H
#define CF_STORE_CHANGES_H

#include "base/error.h"
#include "store/store.h"

/* A number that changes when another connection commits to the store. */
int store_data_version(struct store *st, long long *version, struct cf_error *err);

#endif
