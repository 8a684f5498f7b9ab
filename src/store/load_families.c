/* Loading the families and practice extracts (family_members, allocations,
 * partner_records, family_plans, audits): one row each, values checked, a
 * row that cannot be placed in time or tied to a family not stored and its
 * reason recorded. */
#include "store/load_families_int.h"
#include "store/load_row_int.h"
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *load_families_insert_sql(enum local_kind kind)
{
	switch (kind) {
	case LOCAL_FAMILY_MEMBERS:
		return "INSERT INTO family_members (return_id, row, family_id, person_id, child, role, from_date, to_date) "
		       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	case LOCAL_ALLOCATIONS:
		return "INSERT INTO allocations (return_id, row, worker_id, team, child, family_id, service, from_date, "
		       "to_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	case LOCAL_PARTNER_RECORDS:
		return "INSERT INTO partner_records (return_id, row, family_id, person_id, child, record_date, source, "
		       "measure, value, value_text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	case LOCAL_FAMILY_PLANS:
		return "INSERT INTO family_plans (return_id, row, family_id, lead_practitioner, assessment_date, "
		       "plan_start, plan_end, outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	case LOCAL_AUDITS:
		return "INSERT INTO audits (return_id, row, audit_id, child, audit_date, audit_type, theme, grade, "
		       "actions_raised, actions_completed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	case LOCAL_SF_CLAIMS:
		return "INSERT INTO sf_claims_made (return_id, row, family_id, phase, claim_date, amount) "
		       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	default:
		return NULL;
	}
}

/* A blank value of column c skips the row (load_row_code keeps an unknown
 * code as given, but a blank one cannot be stored). */
static int given(struct load_row *r, int c, struct cf_error *err)
{
	struct value v;
	value_text(r->vals[c], load_row_len(r, c), &v);
	return r->skip || v.status != VALUE_EMPTY ? CF_OK : load_row_need(r, c, &v, "needed", err);
}

/* At least one of two or three identifiers: none skips the row. */
static int one_of(struct load_row *r, const int *cols, int n, const char *why, struct cf_error *err)
{
	for (int i = 0; i < n; i++) {
		struct value v;
		value_text(r->vals[cols[i]], load_row_len(r, cols[i]), &v);
		if (v.status == VALUE_OK)
			return CF_OK;
	}
	r->skip = 1;
	return load_issue(r->at, local_col_names[cols[0]], NULL, "missing_value", why, err);
}

static int member(struct load_row *r, struct cf_error *err)
{
	static const int ids[] = { LC_PERSON_ID, LC_CHILD_ID };
	cf_date from, to;
	int role, rc;
	if ((rc = load_row_text(r, 3, LC_FAMILY_ID, 1, err)) ||
	    (rc = one_of(r, ids, 2, "neither person_id nor child_id is given: row not stored", err)) ||
	    (rc = load_row_text(r, 4, LC_PERSON_ID, 0, err)) || (rc = load_row_text(r, 5, LC_CHILD_ID, 0, err)) ||
	    (rc = load_row_code(r, 6, LC_ROLE, local_roles, LOCAL_NROLES, 1,
				"not one of child, parent, carer, other adult", &role, err)) ||
	    (rc = load_row_date(r, 7, LC_FROM_DATE, 0, &from, err)) || (rc = load_row_date(r, 8, LC_TO_DATE, 0, &to, err)))
		return rc;
	return load_row_not_before(r, LC_TO_DATE, to, from, err);
}

static int allocation(struct load_row *r, struct cf_error *err)
{
	static const int ids[] = { LC_CHILD_ID, LC_FAMILY_ID };
	cf_date from, to;
	int service, rc;
	if ((rc = load_row_text(r, 3, LC_WORKER_ID, 1, err)) || (rc = load_row_text(r, 4, LC_TEAM, 0, err)) ||
	    (rc = one_of(r, ids, 2, "neither child_id nor family_id is given: row not stored", err)) ||
	    (rc = load_row_text(r, 5, LC_CHILD_ID, 0, err)) || (rc = load_row_text(r, 6, LC_FAMILY_ID, 0, err)) ||
	    (rc = load_row_code(r, 7, LC_SERVICE, local_services, LOCAL_NSERVICES, 0,
				"not one of early help, children's social care, youth justice, other: kept as given",
				&service, err)) ||
	    (rc = load_row_date(r, 8, LC_FROM_DATE, 1, &from, err)) || (rc = load_row_date(r, 9, LC_TO_DATE, 0, &to, err)))
		return rc;
	if ((rc = given(r, LC_SERVICE, err)))
		return rc;
	return load_row_not_before(r, LC_TO_DATE, to, from, err);
}

/* A measure's name as stored: trimmed, lower case, so "Attendance %" and
 * "attendance %" are one measure. */
static int measure(struct load_row *r, int idx, struct cf_error *err)
{
	struct value v;
	value_text(r->vals[LC_MEASURE], load_row_len(r, LC_MEASURE), &v);
	int rc = load_row_need(r, LC_MEASURE, &v, "needed", err);
	if (rc || r->skip)
		return rc;
	for (char *p = v.out; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	sqlite3_bind_text(r->s, idx, v.out, -1, SQLITE_TRANSIENT);
	return CF_OK;
}

static int partner_record(struct load_row *r, struct cf_error *err)
{
	static const int ids[] = { LC_FAMILY_ID, LC_PERSON_ID, LC_CHILD_ID };
	cf_date d;
	int source, rc;
	if ((rc = one_of(r, ids, 3, "none of family_id, person_id, child_id is given: row not stored", err)) ||
	    (rc = load_row_text(r, 3, LC_FAMILY_ID, 0, err)) || (rc = load_row_text(r, 4, LC_PERSON_ID, 0, err)) ||
	    (rc = load_row_text(r, 5, LC_CHILD_ID, 0, err)) || (rc = load_row_date(r, 6, LC_DATE, 1, &d, err)) ||
	    (rc = load_row_code(r, 7, LC_SOURCE, local_partner_sources, LOCAL_NPARTNER_SOURCES, 0,
				"not one of school, police, health, DWP, housing, youth justice, other: kept as given",
				&source, err)) ||
	    (rc = measure(r, 8, err)))
		return rc;
	if ((rc = given(r, LC_SOURCE, err)) || r->skip)
		return rc;
	/* a number ("87.5", "87.5%", "1") is kept as one; "yes"/"no" as 1/0 */
	struct value v;
	value_text(r->vals[LC_VALUE], load_row_len(r, LC_VALUE), &v);
	if (v.status != VALUE_OK)
		return CF_OK;
	sqlite3_bind_text(r->s, 10, v.out, -1, SQLITE_TRANSIENT);
	char *end;
	double x = strtod(v.out, &end);
	if (end != v.out && (!*end || !strcmp(end, "%")))
		sqlite3_bind_double(r->s, 9, x);
	else {
		struct value f;
		value_flag(v.out, strlen(v.out), 0, &f);
		if (f.status == VALUE_OK || f.status == VALUE_NOTE)
			sqlite3_bind_double(r->s, 9, f.out[0] == '1');
		else
			return load_issue(r->at, local_col_names[LC_VALUE], v.out, "bad_number",
					  "neither a number nor yes/no: kept as text, counted as recorded", err);
	}
	return CF_OK;
}

static int plan(struct load_row *r, struct cf_error *err)
{
	cf_date assessed, start, end;
	int rc;
	if ((rc = load_row_text(r, 3, LC_FAMILY_ID, 1, err)) || (rc = load_row_text(r, 4, LC_LEAD_PRACTITIONER, 0, err)) ||
	    (rc = load_row_date(r, 5, LC_ASSESSMENT_DATE, 0, &assessed, err)) ||
	    (rc = load_row_date(r, 6, LC_PLAN_START, 1, &start, err)) ||
	    (rc = load_row_date(r, 7, LC_PLAN_END, 0, &end, err)) ||
	    (rc = load_row_not_before(r, LC_PLAN_END, end, start, err)))
		return rc;
	return load_row_text(r, 8, LC_OUTCOME, 0, err);
}

static int audit(struct load_row *r, struct cf_error *err)
{
	cf_date d, by;
	int type, grade, rc;
	if ((rc = load_row_text(r, 3, LC_AUDIT_ID, 1, err)) || (rc = load_row_text(r, 4, LC_CHILD_ID, 0, err)) ||
	    (rc = load_row_date(r, 5, LC_DATE, 1, &d, err)) ||
	    (rc = load_row_code(r, 6, LC_AUDIT_TYPE, local_audit_types, LOCAL_NAUDIT_TYPES, 0,
				"not one of regular, thematic, dip sample: kept as given", &type, err)) ||
	    (rc = load_row_text(r, 7, LC_THEME, 0, err)) ||
	    (rc = load_row_code(r, 8, LC_GRADE, local_grades, LOCAL_NGRADES, 1,
				"not one of outstanding, good, requires improvement, inadequate", &grade, err)))
		return rc;
	if (r->skip)
		return CF_OK;
	struct value v;
	value_count(r->vals[LC_ACTIONS_RAISED], load_row_len(r, LC_ACTIONS_RAISED), &v);
	if (v.status == VALUE_OK)
		sqlite3_bind_int64(r->s, 9, strtoll(v.out, NULL, 10));
	else if (v.status == VALUE_ISSUE &&
		 (rc = load_issue(r->at, local_col_names[LC_ACTIONS_RAISED], v.out, v.kind ? v.kind : "bad_number",
				  "not a whole number of actions: taken as none given", err)))
		return rc;
	return load_row_date(r, 10, LC_ACTIONS_COMPLETED_BY, 0, &by, err);
}

static int claim(struct load_row *r, struct cf_error *err)
{
	cf_date d;
	int rc;
	if ((rc = load_row_text(r, 3, LC_FAMILY_ID, 1, err)) || (rc = load_row_text(r, 4, LC_PHASE, 1, err)) ||
	    (rc = load_row_date(r, 5, LC_DATE, 1, &d, err)))
		return rc;
	if (r->skip)
		return CF_OK;
	struct value v;
	value_decimal(r->vals[LC_AMOUNT], load_row_len(r, LC_AMOUNT), &v);
	if (v.status == VALUE_OK)
		sqlite3_bind_double(r->s, 6, strtod(v.out, NULL));
	else if (v.status == VALUE_ISSUE)
		return load_issue(r->at, local_col_names[LC_AMOUNT], v.out, v.kind ? v.kind : "bad_number",
				  "not an amount of money: taken as none given", err);
	return CF_OK;
}

int load_families_row(const struct load_site *at, sqlite3_stmt *s, enum local_kind kind, const char *const *vals,
		      const size_t *lens, int *stored, struct cf_error *err)
{
	struct load_row r = { at, s, vals, lens, 0 };
	int rc = CF_OK;
	switch (kind) {
	case LOCAL_FAMILY_MEMBERS: rc = member(&r, err); break;
	case LOCAL_ALLOCATIONS: rc = allocation(&r, err); break;
	case LOCAL_PARTNER_RECORDS: rc = partner_record(&r, err); break;
	case LOCAL_FAMILY_PLANS: rc = plan(&r, err); break;
	case LOCAL_AUDITS: rc = audit(&r, err); break;
	case LOCAL_SF_CLAIMS: rc = claim(&r, err); break;
	default: break;
	}
	*stored = !rc && !r.skip;
	if (rc || r.skip) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
	}
	return rc;
}
