/* Reading the codes of each CIN referral row (source, closure reason) and
 * CP plan row (categories), by return and row. */
#include "store/record_codes.h"

#include "store/store_int.h"

static int codes_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct record_codes r = { sqlite3_column_int(s, 0), sqlite3_column_int(s, 1), store_col_text(s, 2),
				  store_col_text(s, 3) };
	return ((int (*)(void *, const struct record_codes *))w->fn)(w->ctx, &r);
}

int record_codes_referrals(struct store *st, int (*fn)(void *ctx, const struct record_codes *r), void *ctx,
			   struct cf_error *err)
{
	return store_walk_sql(st,
			      "SELECT return_id, row, referral_source, closure_reason FROM cin_referrals "
			      "WHERE referral_source IS NOT NULL OR closure_reason IS NOT NULL ORDER BY return_id, row",
			      "the referrals' codes", codes_row, (void (*)(void))fn, ctx, err);
}

int record_codes_cp_plans(struct store *st, int (*fn)(void *ctx, const struct record_codes *r), void *ctx,
			  struct cf_error *err)
{
	return store_walk_sql(st,
			      "SELECT return_id, row, initial_category, latest_category FROM cp_plans "
			      "WHERE initial_category IS NOT NULL OR latest_category IS NOT NULL ORDER BY return_id, row",
			      "the CP plans' categories", codes_row, (void (*)(void))fn, ctx, err);
}
