/* Councils' local extracts as CSV, recognised by their header (names
 * matched case-insensitively, trimmed, with spaces or hyphens taken as
 * underscores):
 *   contacts     child_id, contact_date, source, outcome
 *   early_help   family_id and/or child_id, start_date, end_date, lead_practitioner, outcome
 *   localities   area, locality          (area: postcode sector "LS1 4", full postcode, or ward code E05...)
 *   child_areas  child_id and one of postcode_sector, postcode, ward, lsoa; optional from_date
 *   population   year, area, age, count; optional sex   (area "LA" or a locality name)
 * and the money and sufficiency extracts (docs/money.md):
 *   placement_costs    child_id, placement_start, weekly_cost, provider_type; optional placement_end,
 *                      provider_id, provider_name, placement_type, cost_centre,
 *                      health_contribution, education_contribution (£ a week)
 *   budgets            financial_year, cost_centre, budget; optional monthly profile apr .. mar (£)
 *   ledger             cost_centre, amount and date or period
 *   foster_households  household_id, approved_from, approved_places; optional deregistered_on,
 *                      age_range, household_type, locality
 *   homes              home_id, places; optional home_name, registered_from, registered_to,
 *                      ofsted_urn, in_house
 * and the families and practice extracts (docs/families.md):
 *   family_members     family_id, role, person_id and/or child_id; optional from_date, to_date
 *   allocations        worker_id, service, from_date, child_id and/or family_id; optional team, to_date
 *   partner_records    date, source, measure, family_id and/or person_id and/or child_id; optional value
 *   family_plans       family_id, plan_start; optional lead_practitioner, assessment_date, plan_end, outcome
 *   audits             audit_id, date, grade; optional child_id, audit_type, theme, actions_raised,
 *                      actions_completed_by
 *   sf_claims          family_id, phase, date (claim_date); optional amount: the family programme
 *                      claims the council has made (phase: tf2015, sf2022, as sf_rules.c names them)
 * and Ofsted's published list of children's social care providers (docs/money.md):
 *   ofsted_providers   urn, provider_type; optional provider_subtype, sector, local_authority, la_code,
 *                      registration_status, registration_date, registration_end, places,
 *                      overall_rating, postcode_district (or postcode), inspection_date
 *                      (Ofsted's spellings: "Provider URN", "Max users", "Overall effectiveness" ...)
 * A few other spellings are taken too (cost_center, start_date for
 * placement_start, urn, name, type ...: local_csv.c lists them).
 * Files with a time_period column are DfE published statistics, not these. */
#ifndef CF_FORMATS_LOCAL_CSV_H
#define CF_FORMATS_LOCAL_CSV_H

#include <stddef.h>

#include "base/error.h"

enum local_kind {
	LOCAL_CONTACTS, LOCAL_EARLY_HELP, LOCAL_LOCALITIES, LOCAL_CHILD_AREAS, LOCAL_POPULATION,
	LOCAL_PLACEMENT_COSTS, LOCAL_BUDGETS, LOCAL_LEDGER, LOCAL_FOSTER_HOUSEHOLDS, LOCAL_HOMES,
	LOCAL_FAMILY_MEMBERS, LOCAL_ALLOCATIONS, LOCAL_PARTNER_RECORDS, LOCAL_FAMILY_PLANS, LOCAL_AUDITS,
	LOCAL_SF_CLAIMS, LOCAL_OFSTED_PROVIDERS, LOCAL_NKINDS
};

/* Canonical columns of every layout, as indexes into a row's values. */
enum local_col {
	LC_CHILD_ID, LC_CONTACT_DATE, LC_SOURCE, LC_OUTCOME, LC_FAMILY_ID, LC_START_DATE, LC_END_DATE,
	LC_LEAD_PRACTITIONER, LC_AREA, LC_LOCALITY, LC_POSTCODE_SECTOR, LC_POSTCODE, LC_WARD, LC_FROM_DATE,
	LC_YEAR, LC_AGE, LC_COUNT, LC_SEX,
	LC_PLACEMENT_START, LC_PLACEMENT_END, LC_PROVIDER_ID, LC_PROVIDER_NAME, LC_PROVIDER_TYPE, LC_PLACEMENT_TYPE,
	LC_WEEKLY_COST, LC_COST_CENTRE, LC_HEALTH_CONTRIBUTION, LC_EDUCATION_CONTRIBUTION,
	LC_FINANCIAL_YEAR, LC_BUDGET, LC_DATE, LC_PERIOD, LC_AMOUNT,
	LC_HOUSEHOLD_ID, LC_APPROVED_FROM, LC_DEREGISTERED_ON, LC_APPROVED_PLACES, LC_AGE_RANGE, LC_HOUSEHOLD_TYPE,
	LC_HOME_ID, LC_HOME_NAME, LC_PLACES, LC_REGISTERED_FROM, LC_REGISTERED_TO, LC_OFSTED_URN, LC_IN_HOUSE,
	LC_APR, LC_MAY, LC_JUN, LC_JUL, LC_AUG, LC_SEP, LC_OCT, LC_NOV, LC_DEC, LC_JAN, LC_FEB, LC_MAR,   /* a budget's profile */
	LC_PERSON_ID, LC_ROLE, LC_TO_DATE, LC_WORKER_ID, LC_TEAM, LC_SERVICE, LC_MEASURE, LC_VALUE,
	LC_ASSESSMENT_DATE, LC_PLAN_START, LC_PLAN_END, LC_AUDIT_ID, LC_AUDIT_TYPE, LC_THEME, LC_GRADE,
	LC_ACTIONS_RAISED, LC_ACTIONS_COMPLETED_BY,
	LC_LSOA,   /* a child's area as an LSOA code, for the deprivation lookup */
	LC_PHASE,
	LC_PROVIDER_SUBTYPE, LC_SECTOR, LC_LOCAL_AUTHORITY, LC_LA_CODE, LC_REGISTRATION_STATUS, LC_REGISTRATION_DATE,
	LC_REGISTRATION_END, LC_OVERALL_RATING, LC_POSTCODE_DISTRICT, LC_INSPECTION_DATE,
	LC_NCOLS   /* at most 128: layouts are bit sets */
};

extern const char *const local_kind_names[LOCAL_NKINDS];   /* "contacts", ... */
extern const char *const local_col_names[LC_NCOLS];        /* "child_id", ... */

/* placement_costs.provider_type and foster_households.household_type as
 * stored: these spellings (docs/money.md). */
enum { LOCAL_NPROVIDER_TYPES = 9, LOCAL_NHOUSEHOLD_TYPES = 4 };
extern const char *const local_provider_types[LOCAL_NPROVIDER_TYPES];   /* "in-house fostering", "IFA", ... */
extern const char *const local_household_types[LOCAL_NHOUSEHOLD_TYPES]; /* "mainstream", ... */
/* The index of a provider or household type as written (any case; spaces,
 * hyphens and underscores alike; a few other spellings such as
 * "independent fostering agency"), or -1. */
int local_provider_type(const char *s, size_t len);
int local_household_type(const char *s, size_t len);

/* The families extracts' codes as stored (docs/families.md), in these
 * orders: a grade's index is its rank, 0 outstanding to 3 inadequate. */
enum { LOCAL_NROLES = 4, LOCAL_NSERVICES = 4, LOCAL_NPARTNER_SOURCES = 7, LOCAL_NAUDIT_TYPES = 3, LOCAL_NGRADES = 4 };
extern const char *const local_roles[LOCAL_NROLES];                     /* "child", "parent", "carer", "other adult" */
extern const char *const local_services[LOCAL_NSERVICES];               /* "early help", "children's social care", ... */
extern const char *const local_partner_sources[LOCAL_NPARTNER_SOURCES]; /* "school", "police", ... */
extern const char *const local_audit_types[LOCAL_NAUDIT_TYPES];         /* "regular", "thematic", "dip sample" */
extern const char *const local_grades[LOCAL_NGRADES];                   /* "outstanding", ... "inadequate" */
/* The index of s in names[0..n) (any case; spaces, hyphens and underscores
 * alike), or -1. */
int local_code(const char *s, size_t len, const char *const *names, int n);

/* Recognise a header. Returns 1 and sets *kind and colmap[i] (the canonical
 * column of field i, or -1 for a field the layout does not have), or 0. */
int local_csv_recognise(char *const *fields, const size_t *lens, int nfields, enum local_kind *kind, int *colmap);

/* Called per data row: vals[c] is the raw value of canonical column c, NULL
 * when the file has no such column; lens[c] is (size_t)-1 when the row is
 * shorter than the header and lacks it. row counts as analysts do (header
 * = 1). Return CF_OK to go on. */
typedef int (*local_row_fn)(void *ctx, enum local_kind kind, const char *const *vals, const size_t *lens,
			    long row, long line, struct cf_error *err);

/* Called once the header is recognised, before any row: begin (may return
 * LOCAL_STOP to read no further, without error), then extra for each header
 * field the layout does not have (ignored), so the loader can record it.
 * Either may be NULL. */
typedef int (*local_begin_fn)(void *ctx, enum local_kind kind, struct cf_error *err);
typedef int (*local_extra_fn)(void *ctx, const char *field, struct cf_error *err);
#define LOCAL_STOP 100

struct local_csv_handler {
	local_begin_fn begin;
	local_extra_fn extra;
	local_row_fn row;
};

/* Read a local CSV. A file whose header is not a local layout, or names a
 * column twice, is CF_EINPUT (line 1); a CSV structure error (unterminated
 * quote ...) is CF_EINPUT with its line. *rows counts data rows read. */
int local_csv_read(const char *path, const struct local_csv_handler *h, void *ctx, long *rows, struct cf_error *err);

/* The same layouts as the first sheet of a workbook (.xlsx): the sheet's
 * first non-empty row is the header; row is the sheet's row number. A date
 * cell is handed over as yyyy-mm-dd, a number as Excel wrote it. */
int local_xlsx_read(const char *path, const struct local_csv_handler *h, void *ctx, long *rows, struct cf_error *err);
/* 1 when the first sheet's header is a local layout. */
int local_xlsx_sniff(const char *path);

#endif
