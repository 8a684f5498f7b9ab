/* Reading each referral's source, each assessment's factors and early help episodes. */
#include "store/demand_records.h"

#include "store/store_int.h"

static int source_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct referral_source_record r = { store_col_text(s, 0), store_col_date(s, 1), store_col_text(s, 2) };
	return ((int (*)(void *, const struct referral_source_record *))w->fn)(w->ctx, &r);
}

int demand_records_referral_sources(struct store *st, int (*fn)(void *ctx, const struct referral_source_record *r),
				    void *ctx, struct cf_error *err)
{
	return store_walk_sql(st, "SELECT child, referral_date, referral_source FROM cin_referrals_current",
			      "referral sources", source_row, (void (*)(void))fn, ctx, err);
}

static int factors_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct assessment_factors_record r = { store_col_text(s, 0), store_col_date(s, 1), store_col_text(s, 2) };
	return ((int (*)(void *, const struct assessment_factors_record *))w->fn)(w->ctx, &r);
}

int demand_records_assessment_factors(struct store *st,
				      int (*fn)(void *ctx, const struct assessment_factors_record *r), void *ctx,
				      struct cf_error *err)
{
	return store_walk_sql(st, "SELECT child, start_date, factors FROM assessments_current",
			      "assessment factors", factors_row, (void (*)(void))fn, ctx, err);
}

static int early_help_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct early_help_record r = { store_col_text(s, 0), store_col_date(s, 1), store_col_date(s, 2) };
	return ((int (*)(void *, const struct early_help_record *))w->fn)(w->ctx, &r);
}

int demand_records_early_help(struct store *st, int (*fn)(void *ctx, const struct early_help_record *r), void *ctx,
			      struct cf_error *err)
{
	return store_walk_sql(st, "SELECT child, start_date, end_date FROM early_help_current WHERE child IS NOT NULL",
			      "early help", early_help_row, (void (*)(void))fn, ctx, err);
}
