/* store_data_version: PRAGMA data_version, behind store/changes.h. */
#include "store/changes.h"
#include "store/store_int.h"

int store_data_version(struct store *st, long long *version, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, "PRAGMA data_version", &s, err);
	if (rc)
		return rc;
	int step = sqlite3_step(s);
	*version = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return step == SQLITE_ROW ? CF_OK : store_error(st, err, "reading the store's data version");
}
