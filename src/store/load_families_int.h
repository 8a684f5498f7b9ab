/* The families and practice extracts' rows (load_families.c), for the local
 * CSV loader (load_local.c), which reads them like any local extract. */
#ifndef CF_STORE_LOAD_FAMILIES_INT_H
#define CF_STORE_LOAD_FAMILIES_INT_H

#include "formats/local_csv.h"
#include "store/load_common.h"

/* The INSERT for a families kind's table (parameters 1 and 2 are return_id
 * and row), or NULL for another kind. */
const char *load_families_insert_sql(enum local_kind kind);

/* Check and bind one row's values to s from parameter 3 on, as
 * load_money_row does: *stored = 0 (s reset) when a value the row cannot
 * be stored without is blank or unreadable (an issue names it). */
int load_families_row(const struct load_site *at, sqlite3_stmt *s, enum local_kind kind, const char *const *vals,
		      const size_t *lens, int *stored, struct cf_error *err);

#endif
