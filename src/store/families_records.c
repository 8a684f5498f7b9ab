/* Reading the families and practice extracts (families_records.h). */
#include "store/families_records.h"

#include "store/store_int.h"

static int member_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct family_member_record r = { store_col_text(s, 0), store_col_text(s, 1), store_col_text(s, 2),
					  store_col_text(s, 3), store_col_date(s, 4), store_col_date(s, 5),
					  store_col_text(s, 6), sqlite3_column_int(s, 7), sqlite3_column_int(s, 8) };
	return ((int (*)(void *, const struct family_member_record *))w->fn)(w->ctx, &r);
}

int family_members_each(struct store *st, int (*fn)(void *ctx, const struct family_member_record *r), void *ctx,
			struct cf_error *err)
{
	return store_walk_sql(st, "SELECT family_id, person_id, child, role, from_date, to_date "
			      ", r.path, x.row, x.return_id FROM family_members_current x JOIN returns r ON r.id = x.return_id ORDER BY x.row",
			      "family_members", member_row, (void (*)(void))fn, ctx, err);
}

static int allocation_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct allocation_record r = { store_col_text(s, 0), store_col_text(s, 1), store_col_text(s, 2),
				       store_col_text(s, 3), store_col_text(s, 4), store_col_date(s, 5),
				       store_col_date(s, 6), store_col_text(s, 7), sqlite3_column_int(s, 8),
				       sqlite3_column_int(s, 9) };
	return ((int (*)(void *, const struct allocation_record *))w->fn)(w->ctx, &r);
}

int allocations_each(struct store *st, int (*fn)(void *ctx, const struct allocation_record *r), void *ctx,
		     struct cf_error *err)
{
	return store_walk_sql(st, "SELECT worker_id, team, child, family_id, service, from_date, to_date "
			      ", r.path, x.row, x.return_id FROM allocations_current x JOIN returns r ON r.id = x.return_id ORDER BY x.row",
			      "allocations", allocation_row, (void (*)(void))fn, ctx, err);
}

static int plan_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct family_plan_record r = { store_col_text(s, 0), store_col_text(s, 1), store_col_text(s, 2),
					store_col_date(s, 3), store_col_date(s, 4), store_col_date(s, 5),
					store_col_text(s, 6), sqlite3_column_int(s, 7), sqlite3_column_int(s, 8) };
	return ((int (*)(void *, const struct family_plan_record *))w->fn)(w->ctx, &r);
}

int family_plans_each(struct store *st, int (*fn)(void *ctx, const struct family_plan_record *r), void *ctx,
		      struct cf_error *err)
{
	return store_walk_sql(st, "SELECT family_id, lead_practitioner, outcome, assessment_date, plan_start, plan_end "
			      ", r.path, x.row, x.return_id FROM family_plans_current x JOIN returns r ON r.id = x.return_id ORDER BY x.row",
			      "family_plans", plan_row, (void (*)(void))fn, ctx, err);
}

static int partner_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct partner_record r = { store_col_text(s, 0), store_col_text(s, 1), store_col_text(s, 2),
				    store_col_text(s, 3), store_col_text(s, 4), store_col_text(s, 5),
				    store_col_date(s, 6), !store_col_null(s, 7), sqlite3_column_double(s, 7),
				    store_col_text(s, 8), sqlite3_column_int(s, 9) };
	return ((int (*)(void *, const struct partner_record *))w->fn)(w->ctx, &r);
}

int partner_records_each(struct store *st, int (*fn)(void *ctx, const struct partner_record *r), void *ctx,
			 struct cf_error *err)
{
	return store_walk_sql(st, "SELECT family_id, person_id, child, source, measure, value_text, record_date, value "
			      ", r.path, x.row FROM partner_records_current x JOIN returns r ON r.id = x.return_id ORDER BY x.row",
			      "partner_records", partner_row, (void (*)(void))fn, ctx, err);
}

static int audit_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct audit_record r = { store_col_text(s, 0), store_col_text(s, 1), store_col_text(s, 2),
				  store_col_text(s, 3), store_col_text(s, 4), store_col_date(s, 5),
				  store_col_date(s, 6), store_col_null(s, 7) ? -1 : sqlite3_column_int(s, 7),
				  store_col_text(s, 8), sqlite3_column_int(s, 9), sqlite3_column_int(s, 10) };
	return ((int (*)(void *, const struct audit_record *))w->fn)(w->ctx, &r);
}

int audits_each(struct store *st, int (*fn)(void *ctx, const struct audit_record *r), void *ctx,
		struct cf_error *err)
{
	return store_walk_sql(st, "SELECT audit_id, child, audit_type, theme, grade, audit_date, actions_completed_by, "
			      "actions_raised, r.path, x.row, x.return_id FROM audits_current x JOIN returns r ON r.id = x.return_id ORDER BY x.row",
			      "audits", audit_row, (void (*)(void))fn, ctx, err);
}

static int claim_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct sf_claim_record r = { store_col_text(s, 0), store_col_text(s, 1), store_col_date(s, 2),
				     !store_col_null(s, 3), sqlite3_column_double(s, 3), store_col_text(s, 4),
				     sqlite3_column_int(s, 5) };
	return ((int (*)(void *, const struct sf_claim_record *))w->fn)(w->ctx, &r);
}

int sf_claims_made_each(struct store *st, int (*fn)(void *ctx, const struct sf_claim_record *r), void *ctx,
			struct cf_error *err)
{
	return store_walk_sql(st, "SELECT family_id, phase, claim_date, amount, r.path, x.row FROM sf_claims_made_current x "
			      "JOIN returns r ON r.id = x.return_id ORDER BY x.row",
			      "sf_claims_made", claim_row, (void (*)(void))fn, ctx, err);
}
