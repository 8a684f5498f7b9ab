/* Contacts to care: the front-door funnel by collection year. */
#include "indicators/funnel.h"
#include "store/store_int.h"   /* SQL still here: tools/sql-outside-store.txt */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A readable ISO date in [?1, ?2]: invalid dates kept raw at load are out */
#define IN_YEAR(col) " " col " BETWEEN ?1 AND ?2 AND date(" col ") = " col " "

static const struct {
	const char *measure;
	const char *sql;   /* ?1 first day, ?2 last day of the year */
} measures[] = {
	{ "contacts", "SELECT count(*) FROM contacts_current WHERE" IN_YEAR("contact_date") },
	{ "referrals", "SELECT count(*) FROM cin_referrals_current WHERE" IN_YEAR("referral_date") },
	{ "referrals_nfa", "SELECT count(*) FROM cin_referrals_current WHERE" IN_YEAR("referral_date") "AND referral_nfa = 1" },
	{ "assessments", "SELECT count(*) FROM assessments_current WHERE" IN_YEAR("authorised_date") },
	{ "s47", "SELECT count(*) FROM s47_enquiries_current WHERE" IN_YEAR("start_date") },
	{ "icpc", "SELECT count(*) FROM (SELECT child, icpc_date AS d FROM s47_enquiries_current WHERE" IN_YEAR("icpc_date")
		  "UNION SELECT child, icpc_date FROM cin_referrals_current WHERE" IN_YEAR("icpc_date") ")" },
	{ "cpp_started", "SELECT count(*) FROM cp_plans_current WHERE" IN_YEAR("start_date") },
};
#define NMEASURES ((int)(sizeof measures / sizeof measures[0]))

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* The collection years of every loaded return, and of the CLA data. */
static int years_of(struct store *st, const struct cla_data *cla, int *years, int *n, struct cf_error *err)
{
	sqlite3_stmt *s;
	*n = 0;
	int rc = store_prepare(st, "SELECT DISTINCT collection_year FROM returns WHERE collection_year IS NOT NULL", &s, err);
	if (rc)
		return rc;
	while (sqlite3_step(s) == SQLITE_ROW && *n < 64)
		years[(*n)++] = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	for (int i = 0; cla && i < cla->nyears; i++) {
		int seen = 0;
		for (int j = 0; j < *n && !seen; j++)
			seen = years[j] == cla->years[i];
		if (!seen && *n < 64)
			years[(*n)++] = cla->years[i];
	}
	qsort(years, (size_t)*n, sizeof *years, cmp_int);
	return CF_OK;
}

static int emit(struct cf_table *t, const char *date, const char *measure, long long n)
{
	long r = cf_table_add_row(t);
	if (r < 0 || cf_table_set_text(t, (size_t)r, 0, date) || cf_table_set_text(t, (size_t)r, 1, measure) ||
	    cf_table_set_text(t, (size_t)r, 2, "all") || cf_table_set_text(t, (size_t)r, 3, "all"))
		return -1;
	cf_table_set_int(t, (size_t)r, 4, n);
	return 0;
}

static long cla_started(const struct cla_data *cla, cf_date from, cf_date to)
{
	long n = 0;
	for (size_t i = 0; cla && i < cla->neps; i++)
		if (cla->eps[i].period_start && cla->eps[i].start >= from && cla->eps[i].start <= to)
			n++;
	return n;
}

int funnel_front_door(struct store *st, const struct cla_data *cla, struct cf_table **out, struct cf_error *err)
{
	*out = NULL;
	int years[64], nyears, rc;
	if ((rc = years_of(st, cla, years, &nyears, err)))
		return rc;
	sqlite3_stmt *stmts[NMEASURES] = { 0 };
	for (int m = 0; m < NMEASURES && !rc; m++)
		rc = store_prepare(st, measures[m].sql, &stmts[m], err);
	struct cf_table *t = rc ? NULL : cf_table_new("funnel");
	if (!rc && !t)
		rc = cf_error_set(err, CF_EIO, "out of memory");
	if (!rc) {
		cf_table_add_column(t, "date", CF_CELL_TEXT, 0);
		cf_table_add_column(t, "measure", CF_CELL_TEXT, 0);
		cf_table_add_column(t, "age_band", CF_CELL_TEXT, 0);
		cf_table_add_column(t, "placement_group", CF_CELL_TEXT, 0);
		cf_table_add_column(t, "count", CF_CELL_INT, 0);
	}
	for (int y = 0; y < nyears && !rc; y++) {
		cf_date from = cf_date_fy_start(years[y] - 1), to = cf_date_fy_end(years[y] - 1);
		char from_s[11], to_s[11];
		cf_date_format(from, from_s);
		cf_date_format(to, to_s);
		for (int m = 0; m < NMEASURES && !rc; m++) {
			sqlite3_stmt *s = stmts[m];
			sqlite3_reset(s);
			sqlite3_bind_text(s, 1, from_s, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, to_s, -1, SQLITE_STATIC);
			if (sqlite3_step(s) != SQLITE_ROW)
				rc = store_error(st, err, "counting the funnel");
			else if (emit(t, to_s, measures[m].measure, sqlite3_column_int64(s, 0)))
				rc = cf_error_set(err, CF_EIO, "out of memory");
			sqlite3_reset(s);
		}
		if (!rc && emit(t, to_s, "cla_started", cla_started(cla, from, to)))
			rc = cf_error_set(err, CF_EIO, "out of memory");
	}
	for (int m = 0; m < NMEASURES; m++)
		sqlite3_finalize(stmts[m]);
	if (rc) {
		cf_table_free(t);
		return rc;
	}
	*out = t;
	return CF_OK;
}
