/* Reading the codes of each CIN referral row (source, closure reason) and
 * CP plan row (categories), by return and row. */
#include "store/record_codes.h"

#include "store/store_int.h"

static int codes_each(struct store *st, const char *sql, const char *what,
		      int (*fn)(void *ctx, const struct record_codes *r), void *ctx, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, sql, &s, err);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct record_codes r = { sqlite3_column_int(s, 0), sqlite3_column_int(s, 1), store_col_text(s, 2),
					  store_col_text(s, 3) };
		if ((rc = fn(ctx, &r))) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? CF_OK : store_error(st, err, what);
}

int record_codes_referrals(struct store *st, int (*fn)(void *ctx, const struct record_codes *r), void *ctx,
			   struct cf_error *err)
{
	return codes_each(st,
			  "SELECT return_id, row, referral_source, closure_reason FROM cin_referrals "
			  "WHERE referral_source IS NOT NULL OR closure_reason IS NOT NULL ORDER BY return_id, row",
			  "reading the referrals' codes", fn, ctx, err);
}

int record_codes_cp_plans(struct store *st, int (*fn)(void *ctx, const struct record_codes *r), void *ctx,
			  struct cf_error *err)
{
	return codes_each(st,
			  "SELECT return_id, row, initial_category, latest_category FROM cp_plans "
			  "WHERE initial_category IS NOT NULL OR latest_category IS NOT NULL ORDER BY return_id, row",
			  "reading the CP plans' categories", fn, ctx, err);
}
