/* Reading the referral source and closure reason of each CIN referral row. */
#include "store/referral_codes.h"

#include "store/store_int.h"

int referral_codes_each(struct store *st, int (*fn)(void *ctx, const struct referral_codes *r), void *ctx,
			struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st,
			       "SELECT return_id, row, referral_source, closure_reason FROM cin_referrals "
			       "WHERE referral_source IS NOT NULL OR closure_reason IS NOT NULL ORDER BY return_id, row",
			       &s, err);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct referral_codes r = { sqlite3_column_int(s, 0), sqlite3_column_int(s, 1), store_col_text(s, 2),
					    store_col_text(s, 3) };
		if ((rc = fn(ctx, &r))) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? CF_OK : store_error(st, err, "reading the referrals' codes");
}
