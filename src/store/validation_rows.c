/* Reading SSDA903 and CIN census rows back for validate, as text. */
#include "store/validation_rows.h"

#include "store/store_int.h"

#include <stdio.h>

int validation_rows_903(struct store *st, enum ssda903_table t, int year, validation_row_fn fn, void *ctx,
			struct cf_error *err)
{
	const struct ssda903_table_def *d = &ssda903_tables[t];
	char sql[1024];
	int n = snprintf(sql, sizeof sql, "SELECT x.row");
	for (int c = 0; c < d->ncols; c++)
		n += snprintf(sql + n, sizeof sql - (size_t)n, ", x.%s", d->cols[c].name);
	snprintf(sql + n, sizeof sql - (size_t)n,
		 " FROM ssda903_%s x JOIN returns r ON r.id = x.return_id"
		 " WHERE r.collection_year = ?1 ORDER BY x.return_id, x.row", d->name);
	sqlite3_stmt *s;
	int rc = store_prepare(st, sql, &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int(s, 1, year);
	const char *vals[S903_MAXCOLS];
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		for (int c = 0; c < d->ncols && c < S903_MAXCOLS; c++)
			vals[c] = (const char *)sqlite3_column_text(s, c + 1);
		if ((rc = fn(ctx, sqlite3_column_int64(s, 0), vals, err))) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? CF_OK : store_error(st, err, "reading the return to validate");
}

/* Each CIN frame's query: the line, then the values listed in the header. */
static const struct {
	const char *sql;
	int ncols;
} cin_sql[VROWS_CIN_N] = {
	[VROWS_CIN_HEADER] = { "SELECT coalesce(row, 0), collection, year, reference_date, la FROM return_headers "
			       "WHERE return_id = ?1", 4 },
	[VROWS_CIN_IDENT] = { "SELECT coalesce(id_row, row), child, upn_unknown, dob, expected_dob, sex, sex, death_date, "
			      "CASE WHEN upn_present THEN '1' END FROM cin_children WHERE return_id = ?1 ORDER BY rowid", 8 },
	[VROWS_CIN_CHARAC] = { "SELECT coalesce(ethnicity_row, row), child, ethnicity FROM cin_children WHERE return_id = ?1 "
			       "ORDER BY rowid", 2 },
	[VROWS_CIN_DISAB] = { "SELECT coalesce(disabilities_row, row), child, disabilities FROM cin_children "
			      "WHERE return_id = ?1 ORDER BY rowid", 2 },
	[VROWS_CIN_CIN] = { "SELECT row, child, referral_date, referral_source, primary_need, closure_date, closure_reason, "
			    "icpc_date, referral_nfa FROM cin_referrals WHERE return_id = ?1 ORDER BY rowid", 8 },
	[VROWS_CIN_ASS] = { "SELECT row, child, start_date, authorised_date, factors, referral_date FROM assessments "
			    "WHERE return_id = ?1 ORDER BY rowid", 5 },
	[VROWS_CIN_PLAN] = { "SELECT row, child, start_date, end_date, referral_date FROM cin_plans WHERE return_id = ?1 "
			     "ORDER BY rowid", 4 },
	[VROWS_CIN_S47] = { "SELECT row, child, start_date, icpc_target_date, icpc_date, icpc_not_required, referral_date "
			    "FROM s47_enquiries WHERE return_id = ?1 ORDER BY rowid", 6 },
	[VROWS_CIN_CPP] = { "SELECT row, child, start_date, end_date, initial_category, latest_category, previous_plans, "
			    "referral_date FROM cp_plans WHERE return_id = ?1 ORDER BY rowid", 7 },
	[VROWS_CIN_REVIEW] = { "SELECT row, child, review_date, plan_start_date FROM cp_reviews WHERE return_id = ?1 "
			       "ORDER BY rowid", 3 },
};

int validation_rows_cin_ncols(enum validation_cin_table t)
{
	return t >= 0 && t < VROWS_CIN_N ? cin_sql[t].ncols : 0;
}

int validation_rows_cin(struct store *st, long long return_id, enum validation_cin_table t, validation_row_fn fn,
			void *ctx, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, cin_sql[t].sql, &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, return_id);
	const char *vals[16];
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		for (int c = 0; c < cin_sql[t].ncols; c++)
			vals[c] = (const char *)sqlite3_column_text(s, c + 1);
		if ((rc = fn(ctx, sqlite3_column_int64(s, 0), vals, err))) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? CF_OK : store_error(st, err, "reading the CIN census to validate");
}

int validation_rows_cin_supported(struct store *st, struct cf_error *err)
{
	if (st->schema_version < 8)
		return cf_error_at(err, CF_EINPUT, st->path, 0, NULL, NULL,
				   "the store predates CIN census validation (schema %d, needs 8): "
				   "load the census into a store made by this caseflow", st->schema_version);
	return CF_OK;
}
