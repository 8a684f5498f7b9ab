/* The money and sufficiency extracts' rows (load_money.c), for the local
 * CSV loader (load_local.c), which reads them like any local extract. */
#ifndef CF_STORE_LOAD_MONEY_INT_H
#define CF_STORE_LOAD_MONEY_INT_H

#include "formats/local_csv.h"
#include "store/load_common.h"

/* The INSERT for a money kind's table (parameters 1 and 2 are return_id and
 * row), or NULL for another kind. */
const char *load_money_insert_sql(enum local_kind kind);

/* Check and bind one row's values to s from parameter 3 on. A value the
 * row cannot be stored without (blank, unreadable, a date before the row's
 * start) is an issue naming the column, and *stored = 0 (s reset); else
 * *stored = 1 and the caller steps s. Returns CF_OK or CF_EIO. */
int load_money_row(const struct load_site *at, sqlite3_stmt *s, enum local_kind kind, const char *const *vals,
		   const size_t *lens, int *stored, struct cf_error *err);

#endif
