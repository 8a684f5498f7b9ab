/* Reading the current children-in-need records through the *_current views. */
#include "store/cin_records.h"

#include "store/store_int.h"

static int contact_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct cin_contact_record r = { store_col_text(s, 0), store_col_date(s, 1), store_col_text(s, 2) };
	return ((int (*)(void *, const struct cin_contact_record *))w->fn)(w->ctx, &r);
}

int cin_records_contacts(struct store *st, int (*fn)(void *ctx, const struct cin_contact_record *r), void *ctx,
			 struct cf_error *err)
{
	return store_walk_sql(st, "SELECT child, contact_date, source FROM contacts_current WHERE child IS NOT NULL",
		   "contacts", contact_row, (void (*)(void))fn, ctx, err);
}

static int referral_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct cin_referral_record r = {
		.child = store_col_text(s, 0), .date = store_col_date(s, 1), .closed = store_col_date(s, 2),
		.nfa = sqlite3_column_int(s, 3) == 1, .primary_need = store_col_text(s, 4), .icpc = store_col_date(s, 5),
	};
	return ((int (*)(void *, const struct cin_referral_record *))w->fn)(w->ctx, &r);
}

int cin_records_referrals(struct store *st, int (*fn)(void *ctx, const struct cin_referral_record *r), void *ctx,
			  struct cf_error *err)
{
	return store_walk_sql(st, "SELECT child, referral_date, closure_date, referral_nfa, primary_need, icpc_date "
		   "FROM cin_referrals_current WHERE child IS NOT NULL", "referrals", referral_row, (void (*)(void))fn, ctx, err);
}

static int assessment_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct cin_assessment_record r = { store_col_text(s, 0), store_col_date(s, 1), store_col_date(s, 2) };
	return ((int (*)(void *, const struct cin_assessment_record *))w->fn)(w->ctx, &r);
}

int cin_records_assessments(struct store *st, int (*fn)(void *ctx, const struct cin_assessment_record *r),
			    void *ctx, struct cf_error *err)
{
	return store_walk_sql(st, "SELECT child, start_date, authorised_date FROM assessments_current WHERE child IS NOT NULL",
		   "assessments", assessment_row, (void (*)(void))fn, ctx, err);
}

static int s47_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct cin_s47_record r = { store_col_text(s, 0), store_col_date(s, 1), store_col_date(s, 2) };
	return ((int (*)(void *, const struct cin_s47_record *))w->fn)(w->ctx, &r);
}

int cin_records_s47(struct store *st, int (*fn)(void *ctx, const struct cin_s47_record *r), void *ctx,
		    struct cf_error *err)
{
	return store_walk_sql(st, "SELECT child, start_date, icpc_date FROM s47_enquiries_current WHERE child IS NOT NULL",
		   "section 47 enquiries", s47_row, (void (*)(void))fn, ctx, err);
}

static int cpp_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct cin_cpp_record r = { store_col_text(s, 0), store_col_date(s, 1), store_col_date(s, 2),
				    store_col_null(s, 3) ? -1 : sqlite3_column_int(s, 3) };
	return ((int (*)(void *, const struct cin_cpp_record *))w->fn)(w->ctx, &r);
}

int cin_records_cp_plans(struct store *st, int (*fn)(void *ctx, const struct cin_cpp_record *r), void *ctx,
			 struct cf_error *err)
{
	return store_walk_sql(st, "SELECT child, start_date, end_date, previous_plans FROM cp_plans_current WHERE child IS NOT NULL",
		   "child protection plans", cpp_row, (void (*)(void))fn, ctx, err);
}
