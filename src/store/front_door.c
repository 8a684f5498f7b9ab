/* The front-door counts, one query per measure over the *_current views. */
#include "store/front_door.h"

#include "store/store_int.h"

/* A readable ISO date in [?1, ?2]: invalid dates kept raw at load are out */
#define IN_SPAN(col) " " col " BETWEEN ?1 AND ?2 AND date(" col ") = " col " "

static const char *const measure_sql[FRONT_DOOR_N] = {
	[FRONT_DOOR_CONTACTS] = "SELECT count(*) FROM contacts_current WHERE" IN_SPAN("contact_date"),
	[FRONT_DOOR_REFERRALS] = "SELECT count(*) FROM cin_referrals_current WHERE" IN_SPAN("referral_date"),
	[FRONT_DOOR_REFERRALS_NFA] = "SELECT count(*) FROM cin_referrals_current WHERE" IN_SPAN("referral_date")
				     "AND referral_nfa = 1",
	[FRONT_DOOR_ASSESSMENTS] = "SELECT count(*) FROM assessments_current WHERE" IN_SPAN("authorised_date"),
	[FRONT_DOOR_S47] = "SELECT count(*) FROM s47_enquiries_current WHERE" IN_SPAN("start_date"),
	[FRONT_DOOR_ICPC] = "SELECT count(*) FROM (SELECT child, icpc_date AS d FROM s47_enquiries_current WHERE"
			    IN_SPAN("icpc_date") "UNION SELECT child, icpc_date FROM cin_referrals_current WHERE"
			    IN_SPAN("icpc_date") ")",
	[FRONT_DOOR_CPP_STARTED] = "SELECT count(*) FROM cp_plans_current WHERE" IN_SPAN("start_date"),
};

int front_door_counts(struct store *st, const cf_date *from, const cf_date *to, int n, long long (*counts)[FRONT_DOOR_N],
		      struct cf_error *err)
{
	sqlite3_stmt *stmts[FRONT_DOOR_N] = { 0 };
	int rc = CF_OK;
	for (int m = 0; m < FRONT_DOOR_N && !rc; m++)
		rc = store_prepare(st, measure_sql[m], &stmts[m], err);
	for (int i = 0; i < n && !rc; i++) {
		char from_s[11], to_s[11];
		cf_date_format(from[i], from_s);
		cf_date_format(to[i], to_s);
		for (int m = 0; m < FRONT_DOOR_N && !rc; m++) {
			sqlite3_stmt *s = stmts[m];
			sqlite3_reset(s);
			sqlite3_bind_text(s, 1, from_s, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, to_s, -1, SQLITE_STATIC);
			if (sqlite3_step(s) != SQLITE_ROW)
				rc = store_error(st, err, "counting the funnel");
			else
				counts[i][m] = sqlite3_column_int64(s, 0);
			sqlite3_reset(s);
		}
	}
	for (int m = 0; m < FRONT_DOOR_N; m++)
		sqlite3_finalize(stmts[m]);
	return rc;
}
