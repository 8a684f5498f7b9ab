/* Loading the money and sufficiency extracts (placement_costs, budgets,
 * ledger, foster_households, homes): one row each, values checked, a row
 * that cannot be priced or counted not stored and its reason recorded. */
#include "store/load_money_int.h"
#include "store/load_row_int.h"
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"

const char *load_money_insert_sql(enum local_kind kind)
{
	switch (kind) {
	case LOCAL_PLACEMENT_COSTS:
		return "INSERT INTO placement_costs (return_id, row, child, start_date, end_date, provider_id, "
		       "provider_name, provider_type, placement_type, weekly_cost, cost_centre, health_contribution, "
		       "education_contribution) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
	case LOCAL_BUDGETS:
		return "INSERT INTO budgets (return_id, row, financial_year, cost_centre, budget, apr, may, jun, jul, aug, sep, "
		       "oct, nov, dec, jan, feb, mar) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
		       "?16, ?17)";
	case LOCAL_LEDGER:
		return "INSERT INTO ledger (return_id, row, posted, cost_centre, amount) VALUES (?1, ?2, ?3, ?4, ?5)";
	case LOCAL_FOSTER_HOUSEHOLDS:
		return "INSERT INTO foster_households (return_id, row, household_id, approved_from, deregistered_on, "
		       "approved_places, age_range, household_type, locality) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	case LOCAL_HOMES:
		return "INSERT INTO homes (return_id, row, home_id, name, places, registered_from, registered_to, "
		       "ofsted_urn, in_house) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	default:
		return NULL;
	}
}

static int placement_cost(struct load_row *r, struct cf_error *err)
{
	cf_date start, end;
	int rc;
	if ((rc = load_row_text(r, 3, LC_CHILD_ID, 1, err)) || (rc = load_row_date(r, 4, LC_PLACEMENT_START, 1, &start, err)) ||
	    (rc = load_row_date(r, 5, LC_PLACEMENT_END, 0, &end, err)) ||
	    (rc = load_row_not_before(r, LC_PLACEMENT_END, end, start, err)) || (rc = load_row_text(r, 6, LC_PROVIDER_ID, 0, err)) ||
	    (rc = load_row_text(r, 7, LC_PROVIDER_NAME, 0, err)))
		return rc;
	int t = local_provider_type(r->vals[LC_PROVIDER_TYPE], load_row_len(r, LC_PROVIDER_TYPE));
	if (t < 0) {
		struct value v;
		value_text(r->vals[LC_PROVIDER_TYPE], load_row_len(r, LC_PROVIDER_TYPE), &v);
		if (v.status == VALUE_OK) {
			v.status = VALUE_ISSUE;
			v.kind = "unknown_code";
			v.why = "not one of the provider types (docs/money.md)";
		}
		if ((rc = load_row_need(r, LC_PROVIDER_TYPE, &v, "a placement must have its provider type", err)))
			return rc;
	} else
		sqlite3_bind_text(r->s, 8, local_provider_types[t], -1, SQLITE_STATIC);
	struct value v;
	value_code(r->vals[LC_PLACEMENT_TYPE], load_row_len(r, LC_PLACEMENT_TYPE), NULL, &v);
	if ((rc = load_row_bind(r, 9, LC_PLACEMENT_TYPE, &v, err)) ||
	    (rc = load_row_money(r, 10, LC_WEEKLY_COST, 1, 0, err)) || (rc = load_row_text(r, 11, LC_COST_CENTRE, 0, err)) ||
	    (rc = load_row_money(r, 12, LC_HEALTH_CONTRIBUTION, 0, 0, err)))
		return rc;
	return load_row_money(r, 13, LC_EDUCATION_CONTRIBUTION, 0, 0, err);
}

static int budget(struct load_row *r, struct cf_error *err)
{
	int fy, rc;
	size_t n = load_row_len(r, LC_FINANCIAL_YEAR);
	if (cf_date_fy_parse(r->vals[LC_FINANCIAL_YEAR], n, &fy) == 0)
		sqlite3_bind_int(r->s, 3, fy);
	else {
		struct value v;
		value_text(r->vals[LC_FINANCIAL_YEAR], n, &v);
		if (v.status == VALUE_OK) {
			v.status = VALUE_ISSUE;
			v.kind = "bad_value";
			v.why = "not a financial year written as 2024-25";
		}
		if ((rc = load_row_need(r, LC_FINANCIAL_YEAR, &v, "a budget must name its year", err)))
			return rc;
	}
	if ((rc = load_row_text(r, 4, LC_COST_CENTRE, 1, err)) || (rc = load_row_money(r, 5, LC_BUDGET, 1, 1, err)))
		return rc;
	/* a profile is all twelve months or none: part of one is not used */
	int given = 0;
	for (int m = 0; m < 12; m++) {
		struct value v;
		value_money(r->vals[LC_APR + m], load_row_len(r, LC_APR + m), 1, &v);
		given += v.status == VALUE_OK;
	}
	if (given == 12) {
		for (int m = 0; m < 12 && !rc; m++)
			rc = load_row_money(r, 6 + m, LC_APR + m, 0, 1, err);
	} else if (given > 0 && !r->skip) {
		char shown[16];
		snprintf(shown, sizeof shown, "%d of 12", given);
		rc = load_issue(r->at, "apr", shown, "bad_value",
				"a monthly profile needs all twelve months, April to March, as money: profile not used", err);
	}
	return rc;
}

/* A period "2024-05" (posted on its last day) or a date. */
static int ledger_posting(struct load_row *r, struct cf_error *err)
{
	int rc;
	cf_date d = CF_DATE_NONE;
	if (r->vals[LC_DATE] && load_row_len(r, LC_DATE)) {
		if ((rc = load_row_date(r, 3, LC_DATE, 1, &d, err)))
			return rc;
	} else {
		const char *p = r->vals[LC_PERIOD];
		size_t n = load_row_len(r, LC_PERIOD);
		struct value v;
		value_text(p, n, &v);
		int y, m;
		char tail;
		if (v.status == VALUE_OK && sscanf(v.out, "%4d-%2d%c", &y, &m, &tail) == 2 && strlen(v.out) == 7 &&
		    m >= 1 && m <= 12) {
			char iso[11];
			cf_date_format(cf_date_from_ymd(y, m, cf_date_days_in_month(y, m)), iso);
			sqlite3_bind_text(r->s, 3, iso, -1, SQLITE_TRANSIENT);
		} else {
			if (v.status == VALUE_OK) {
				v.status = VALUE_ISSUE;
				v.kind = "bad_date";
				v.why = "neither a date nor a month written as 2024-05";
			}
			if ((rc = load_row_need(r, LC_PERIOD, &v, "a posting must have a date or period", err)))
				return rc;
		}
	}
	if ((rc = load_row_text(r, 4, LC_COST_CENTRE, 1, err)))
		return rc;
	return load_row_money(r, 5, LC_AMOUNT, 1, 1, err);
}

static int household(struct load_row *r, struct cf_error *err)
{
	cf_date from, to;
	int rc;
	if ((rc = load_row_text(r, 3, LC_HOUSEHOLD_ID, 1, err)) || (rc = load_row_date(r, 4, LC_APPROVED_FROM, 1, &from, err)) ||
	    (rc = load_row_date(r, 5, LC_DEREGISTERED_ON, 0, &to, err)) ||
	    (rc = load_row_not_before(r, LC_DEREGISTERED_ON, to, from, err)) || (rc = load_row_count(r, 6, LC_APPROVED_PLACES, err)) ||
	    (rc = load_row_text(r, 7, LC_AGE_RANGE, 0, err)))
		return rc;
	struct value v;
	value_text(r->vals[LC_HOUSEHOLD_TYPE], load_row_len(r, LC_HOUSEHOLD_TYPE), &v);
	int t = local_household_type(r->vals[LC_HOUSEHOLD_TYPE], load_row_len(r, LC_HOUSEHOLD_TYPE));
	if (t >= 0)
		sqlite3_bind_text(r->s, 8, local_household_types[t], -1, SQLITE_STATIC);
	else if (v.status == VALUE_OK) {
		v.status = VALUE_ISSUE;   /* kept as given: capacity does not depend on it */
		v.kind = "unknown_code";
		v.why = "not one of mainstream, connected person, short break, parent and child: kept as given";
		if ((rc = load_row_bind(r, 8, LC_HOUSEHOLD_TYPE, &v, err)))
			return rc;
	}
	return load_row_text(r, 9, LC_LOCALITY, 0, err);
}

static int home(struct load_row *r, struct cf_error *err)
{
	cf_date from, to;
	int rc;
	if ((rc = load_row_text(r, 3, LC_HOME_ID, 1, err)) || (rc = load_row_text(r, 4, LC_HOME_NAME, 0, err)) ||
	    (rc = load_row_count(r, 5, LC_PLACES, err)) || (rc = load_row_date(r, 6, LC_REGISTERED_FROM, 0, &from, err)) ||
	    (rc = load_row_date(r, 7, LC_REGISTERED_TO, 0, &to, err)) ||
	    (rc = load_row_not_before(r, LC_REGISTERED_TO, to, from, err)) || (rc = load_row_text(r, 8, LC_OFSTED_URN, 0, err)))
		return rc;
	struct value v;
	value_flag(r->vals[LC_IN_HOUSE], load_row_len(r, LC_IN_HOUSE), 0, &v);
	return load_row_bind(r, 9, LC_IN_HOUSE, &v, err);
}

int load_money_row(const struct load_site *at, sqlite3_stmt *s, enum local_kind kind, const char *const *vals,
		   const size_t *lens, int *stored, struct cf_error *err)
{
	struct load_row r = { at, s, vals, lens, 0 };
	int rc = CF_OK;
	switch (kind) {
	case LOCAL_PLACEMENT_COSTS: rc = placement_cost(&r, err); break;
	case LOCAL_BUDGETS: rc = budget(&r, err); break;
	case LOCAL_LEDGER: rc = ledger_posting(&r, err); break;
	case LOCAL_FOSTER_HOUSEHOLDS: rc = household(&r, err); break;
	case LOCAL_HOMES: rc = home(&r, err); break;
	default: break;
	}
	*stored = !rc && !r.skip;
	if (rc || r.skip) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
	}
	return rc;
}
