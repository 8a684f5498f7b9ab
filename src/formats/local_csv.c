/* Local CSV extracts (contacts, early help, localities, child areas,
 * population, and the money and sufficiency extracts), recognised by header. */
#include "formats/local_csv.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csv.h"

const char *const local_kind_names[LOCAL_NKINDS] = { "contacts", "early_help", "localities", "child_areas",
						     "population", "placement_costs", "budgets", "ledger",
						     "foster_households", "homes", "family_members", "allocations",
						     "partner_records", "family_plans", "audits",
						     "sf_claims", "ofsted_providers" };
const char *const local_col_names[LC_NCOLS] = {
	"child_id", "contact_date", "source", "outcome", "family_id", "start_date", "end_date", "lead_practitioner",
	"area", "locality", "postcode_sector", "postcode", "ward", "from_date", "year", "age", "count", "sex",
	"placement_start", "placement_end", "provider_id", "provider_name", "provider_type", "placement_type",
	"weekly_cost", "cost_centre", "health_contribution", "education_contribution",
	"financial_year", "budget", "date", "period", "amount",
	"household_id", "approved_from", "deregistered_on", "approved_places", "age_range", "household_type",
	"home_id", "home_name", "places", "registered_from", "registered_to", "ofsted_urn", "in_house",
	"apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "jan", "feb", "mar",
	"person_id", "role", "to_date", "worker_id", "team", "service", "measure", "value",
	"assessment_date", "plan_start", "plan_end", "audit_id", "audit_type", "theme", "grade",
	"actions_raised", "actions_completed_by", "lsoa", "phase",
	"provider_subtype", "sector", "local_authority", "la_code", "registration_status", "registration_date",
	"registration_end", "overall_rating", "postcode_district", "inspection_date",
};

/* Other spellings of a column seen in finance and placements extracts. */
static const struct {
	const char *name;
	enum local_col col;
} aliases[] = {
	{ "cost_center", LC_COST_CENTRE }, { "placement_start_date", LC_PLACEMENT_START },
	{ "placement_end_date", LC_PLACEMENT_END }, { "dfe_placement_code", LC_PLACEMENT_TYPE },
	{ "place", LC_PLACEMENT_TYPE }, { "weekly_cost_gbp", LC_WEEKLY_COST }, { "budget_gbp", LC_BUDGET },
	{ "amount_gbp", LC_AMOUNT }, { "posting_date", LC_DATE }, { "urn", LC_OFSTED_URN }, { "name", LC_HOME_NAME },
	{ "type", LC_HOUSEHOLD_TYPE }, { "deregistered", LC_DEREGISTERED_ON }, { "places_approved", LC_APPROVED_PLACES },
	{ "from", LC_FROM_DATE }, { "to", LC_TO_DATE }, { "whole_family_assessment", LC_ASSESSMENT_DATE },
	{ "assessment", LC_ASSESSMENT_DATE }, { "plan_start_date", LC_PLAN_START }, { "plan_end_date", LC_PLAN_END },
	{ "audit_date", LC_DATE }, { "record_date", LC_DATE }, { "lead_worker", LC_LEAD_PRACTITIONER },
	{ "claim_date", LC_DATE }, { "claimed_on", LC_DATE }, { "programme_phase", LC_PHASE },
	/* Ofsted's provider lists, management information and official statistics */
	{ "provider_urn", LC_OFSTED_URN }, { "unique_reference_number", LC_OFSTED_URN },
	{ "provider_status", LC_REGISTRATION_STATUS }, { "registration_end_date", LC_REGISTRATION_END },
	{ "closure_date", LC_REGISTRATION_END }, { "deregistration_date", LC_REGISTRATION_END },
	{ "max_users", LC_PLACES }, { "maximum_users", LC_PLACES }, { "number_of_places", LC_PLACES },
	{ "overall_effectiveness", LC_OVERALL_RATING }, { "latest_overall_rating", LC_OVERALL_RATING },
	{ "overall_experiences_and_progress_of_children_and_young_people", LC_OVERALL_RATING },
	{ "latest_full_inspection_date", LC_INSPECTION_DATE }, { "provider_la", LC_LOCAL_AUTHORITY },
	{ "la_name", LC_LOCAL_AUTHORITY }, { "setting_local_authority", LC_LOCAL_AUTHORITY },
	{ "postcode_outward", LC_POSTCODE_DISTRICT }, { "setting_address_postcode", LC_POSTCODE },
	{ "setting_postcode", LC_POSTCODE }, { "provider_postcode", LC_POSTCODE },
};

/* A name another layout's column already takes: in this layout it means
 * this column ("type" is a household's type, but an audit's in audits). */
static const struct {
	enum local_kind kind;
	enum local_col as, col;
} kind_aliases[] = {
	{ LOCAL_AUDITS, LC_HOUSEHOLD_TYPE, LC_AUDIT_TYPE },
};

/* A set of columns: 128 bits, a GCC and Clang type, as the layouts outgrew 64 */
typedef unsigned __int128 colset;
#define BIT(c) ((colset)1 << (c))
_Static_assert(LC_NCOLS <= 128, "a layout is a 128-bit set of columns");
#define PROFILE ((((colset)1 << 12) - 1) << LC_APR)

static int colset_count(colset s)
{
	return __builtin_popcountll((uint64_t)s) + __builtin_popcountll((uint64_t)(s >> 64));
}

/* A layout: columns it may have, all of `required`, and at least one of
 * each non-zero `one_of` group. */
struct layout {
	colset allowed, required, one_of[2];
};

static const struct layout layouts[LOCAL_NKINDS] = {
	[LOCAL_CONTACTS] = { BIT(LC_CHILD_ID) | BIT(LC_CONTACT_DATE) | BIT(LC_SOURCE) | BIT(LC_OUTCOME),
			     BIT(LC_CHILD_ID) | BIT(LC_CONTACT_DATE), { 0, 0 } },
	[LOCAL_EARLY_HELP] = { BIT(LC_FAMILY_ID) | BIT(LC_CHILD_ID) | BIT(LC_START_DATE) | BIT(LC_END_DATE) |
				       BIT(LC_LEAD_PRACTITIONER) | BIT(LC_OUTCOME),
			       BIT(LC_START_DATE),
			       { BIT(LC_FAMILY_ID) | BIT(LC_CHILD_ID), BIT(LC_END_DATE) | BIT(LC_LEAD_PRACTITIONER) | BIT(LC_OUTCOME) } },
	[LOCAL_LOCALITIES] = { BIT(LC_AREA) | BIT(LC_LOCALITY), BIT(LC_AREA) | BIT(LC_LOCALITY), { 0, 0 } },
	[LOCAL_CHILD_AREAS] = { BIT(LC_CHILD_ID) | BIT(LC_POSTCODE_SECTOR) | BIT(LC_POSTCODE) | BIT(LC_WARD) | BIT(LC_LSOA) |
					BIT(LC_FROM_DATE),
				BIT(LC_CHILD_ID), { BIT(LC_POSTCODE_SECTOR) | BIT(LC_POSTCODE) | BIT(LC_WARD) | BIT(LC_LSOA), 0 } },
	[LOCAL_POPULATION] = { BIT(LC_YEAR) | BIT(LC_AREA) | BIT(LC_AGE) | BIT(LC_COUNT) | BIT(LC_SEX),
			       BIT(LC_YEAR) | BIT(LC_AREA) | BIT(LC_AGE) | BIT(LC_COUNT), { 0, 0 } },
	[LOCAL_PLACEMENT_COSTS] = { BIT(LC_CHILD_ID) | BIT(LC_PLACEMENT_START) | BIT(LC_PLACEMENT_END) |
					    BIT(LC_PROVIDER_ID) | BIT(LC_PROVIDER_NAME) | BIT(LC_PROVIDER_TYPE) |
					    BIT(LC_PLACEMENT_TYPE) | BIT(LC_WEEKLY_COST) | BIT(LC_COST_CENTRE) |
					    BIT(LC_HEALTH_CONTRIBUTION) | BIT(LC_EDUCATION_CONTRIBUTION),
				    BIT(LC_CHILD_ID) | BIT(LC_PLACEMENT_START) | BIT(LC_WEEKLY_COST) | BIT(LC_PROVIDER_TYPE),
				    { 0, 0 } },
	[LOCAL_BUDGETS] = { BIT(LC_FINANCIAL_YEAR) | BIT(LC_COST_CENTRE) | BIT(LC_BUDGET) | PROFILE,
			    BIT(LC_FINANCIAL_YEAR) | BIT(LC_COST_CENTRE) | BIT(LC_BUDGET), { 0, 0 } },
	[LOCAL_LEDGER] = { BIT(LC_DATE) | BIT(LC_PERIOD) | BIT(LC_COST_CENTRE) | BIT(LC_AMOUNT),
			   BIT(LC_COST_CENTRE) | BIT(LC_AMOUNT), { BIT(LC_DATE) | BIT(LC_PERIOD), 0 } },
	[LOCAL_FOSTER_HOUSEHOLDS] = { BIT(LC_HOUSEHOLD_ID) | BIT(LC_APPROVED_FROM) | BIT(LC_DEREGISTERED_ON) |
					      BIT(LC_APPROVED_PLACES) | BIT(LC_AGE_RANGE) | BIT(LC_HOUSEHOLD_TYPE) |
					      BIT(LC_LOCALITY),
				      BIT(LC_HOUSEHOLD_ID) | BIT(LC_APPROVED_FROM) | BIT(LC_APPROVED_PLACES), { 0, 0 } },
	[LOCAL_HOMES] = { BIT(LC_HOME_ID) | BIT(LC_HOME_NAME) | BIT(LC_PLACES) | BIT(LC_REGISTERED_FROM) |
				  BIT(LC_REGISTERED_TO) | BIT(LC_OFSTED_URN) | BIT(LC_IN_HOUSE),
			  BIT(LC_HOME_ID) | BIT(LC_PLACES), { 0, 0 } },
	[LOCAL_FAMILY_MEMBERS] = { BIT(LC_FAMILY_ID) | BIT(LC_PERSON_ID) | BIT(LC_CHILD_ID) | BIT(LC_ROLE) |
					   BIT(LC_FROM_DATE) | BIT(LC_TO_DATE),
				   BIT(LC_FAMILY_ID) | BIT(LC_ROLE), { BIT(LC_PERSON_ID) | BIT(LC_CHILD_ID), 0 } },
	[LOCAL_ALLOCATIONS] = { BIT(LC_WORKER_ID) | BIT(LC_TEAM) | BIT(LC_CHILD_ID) | BIT(LC_FAMILY_ID) |
					BIT(LC_SERVICE) | BIT(LC_FROM_DATE) | BIT(LC_TO_DATE),
				BIT(LC_WORKER_ID) | BIT(LC_SERVICE) | BIT(LC_FROM_DATE),
				{ BIT(LC_CHILD_ID) | BIT(LC_FAMILY_ID), 0 } },
	[LOCAL_PARTNER_RECORDS] = { BIT(LC_FAMILY_ID) | BIT(LC_PERSON_ID) | BIT(LC_CHILD_ID) | BIT(LC_DATE) |
					    BIT(LC_SOURCE) | BIT(LC_MEASURE) | BIT(LC_VALUE),
				    BIT(LC_DATE) | BIT(LC_SOURCE) | BIT(LC_MEASURE),
				    { BIT(LC_FAMILY_ID) | BIT(LC_PERSON_ID) | BIT(LC_CHILD_ID), 0 } },
	[LOCAL_FAMILY_PLANS] = { BIT(LC_FAMILY_ID) | BIT(LC_LEAD_PRACTITIONER) | BIT(LC_ASSESSMENT_DATE) |
					 BIT(LC_PLAN_START) | BIT(LC_PLAN_END) | BIT(LC_OUTCOME),
				 BIT(LC_FAMILY_ID) | BIT(LC_PLAN_START), { 0, 0 } },
	[LOCAL_AUDITS] = { BIT(LC_AUDIT_ID) | BIT(LC_CHILD_ID) | BIT(LC_DATE) | BIT(LC_AUDIT_TYPE) | BIT(LC_THEME) |
				   BIT(LC_GRADE) | BIT(LC_ACTIONS_RAISED) | BIT(LC_ACTIONS_COMPLETED_BY),
			   BIT(LC_AUDIT_ID) | BIT(LC_DATE) | BIT(LC_GRADE), { 0, 0 } },
	[LOCAL_SF_CLAIMS] = { BIT(LC_FAMILY_ID) | BIT(LC_PHASE) | BIT(LC_DATE) | BIT(LC_AMOUNT),
			      BIT(LC_FAMILY_ID) | BIT(LC_PHASE) | BIT(LC_DATE), { 0, 0 } },
	[LOCAL_OFSTED_PROVIDERS] = { BIT(LC_OFSTED_URN) | BIT(LC_PROVIDER_TYPE) | BIT(LC_PROVIDER_SUBTYPE) | BIT(LC_SECTOR) |
					     BIT(LC_LOCAL_AUTHORITY) | BIT(LC_LA_CODE) | BIT(LC_REGISTRATION_STATUS) |
					     BIT(LC_REGISTRATION_DATE) | BIT(LC_REGISTRATION_END) | BIT(LC_PLACES) |
					     BIT(LC_OVERALL_RATING) | BIT(LC_POSTCODE_DISTRICT) | BIT(LC_POSTCODE) |
					     BIT(LC_INSPECTION_DATE),
				     BIT(LC_OFSTED_URN) | BIT(LC_PROVIDER_TYPE), { 0, 0 } },
};

const char *const local_roles[LOCAL_NROLES] = { "child", "parent", "carer", "other adult" };
const char *const local_services[LOCAL_NSERVICES] = { "early help", "children's social care", "youth justice", "other" };
const char *const local_partner_sources[LOCAL_NPARTNER_SOURCES] = { "school", "police", "health", "DWP",
								      "housing", "youth justice", "other" };
const char *const local_audit_types[LOCAL_NAUDIT_TYPES] = { "regular", "thematic", "dip sample" };
const char *const local_grades[LOCAL_NGRADES] = { "outstanding", "good", "requires improvement", "inadequate" };

const char *const local_provider_types[LOCAL_NPROVIDER_TYPES] = {
	"in-house fostering", "IFA", "private residential", "LA residential", "other LA",
	"supported accommodation", "parent and child", "secure", "other",
};
const char *const local_household_types[LOCAL_NHOUSEHOLD_TYPES] = { "mainstream", "connected person", "short break",
								    "parent and child" };

/* s trimmed, lower case, with '-' and '_' as spaces, into out; 0 or -1 when too long. */
static int fold(const char *s, size_t n, char *out, size_t cap)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n >= cap)
		return -1;
	for (size_t i = 0; i < n; i++) {
		char c = (char)tolower((unsigned char)s[i]);
		out[i] = c == '-' || c == '_' ? ' ' : c;
	}
	out[n] = '\0';
	return 0;
}

static int find_folded(const char *s, size_t n, const char *const *names, int nnames)
{
	char a[64], b[64];
	if (fold(s, n, a, sizeof a))
		return -1;
	for (int i = 0; i < nnames; i++)
		if (!fold(names[i], strlen(names[i]), b, sizeof b) && !strcmp(a, b))
			return i;
	return -1;
}

int local_provider_type(const char *s, size_t len)
{
	static const char *const other[] = { "independent fostering agency", "in house fostering", "agency fostering",
					     "in house foster care", "private children's home", "la children's home",
					     "other local authority", "semi independent" };
	static const int other_is[] = { 1, 0, 1, 0, 2, 3, 4, 5 };
	int t = find_folded(s, len, local_provider_types, LOCAL_NPROVIDER_TYPES);
	if (t < 0 && (t = find_folded(s, len, other, (int)(sizeof other / sizeof other[0]))) >= 0)
		t = other_is[t];
	return t;
}

int local_household_type(const char *s, size_t len)
{
	return find_folded(s, len, local_household_types, LOCAL_NHOUSEHOLD_TYPES);
}

int local_code(const char *s, size_t len, const char *const *names, int n)
{
	return find_folded(s, len, names, n);
}

/* The canonical column a header field names, or -1. "Child ID" = child_id. */
static int column_of(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	char name[72];   /* Ofsted's longest: overall_experiences_and_progress_of_children_and_young_people */
	if (n >= sizeof name)
		return -1;
	for (size_t i = 0; i < n; i++) {
		char c = (char)tolower((unsigned char)s[i]);
		name[i] = c == ' ' || c == '-' ? '_' : c;
	}
	name[n] = '\0';
	for (int c = 0; c < LC_NCOLS; c++)
		if (!strcmp(name, local_col_names[c]))
			return c;
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (!strcmp(name, aliases[i].name))
			return (int)aliases[i].col;
	return -1;
}

static int is_time_period(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	return n >= 11 && strncasecmp(s, "time_period", 11) == 0;
}

int local_csv_recognise(char *const *fields, const size_t *lens, int nfields, enum local_kind *kind, int *colmap)
{
	colset have = 0;
	for (int i = 0; i < nfields; i++) {
		if (is_time_period(fields[i], lens[i]))
			return 0;   /* DfE tidy data: another reader's */
		int c = column_of(fields[i], lens[i]);
		if (colmap)
			colmap[i] = c;
		if (c >= 0)
			have |= BIT(c);
	}
	/* the layout with the most recognised columns wins; every one of its
	 * required columns must be there */
	int best = -1, best_hits = 0;
	for (int k = 0; k < LOCAL_NKINDS; k++) {
		const struct layout *l = &layouts[k];
		if ((have & l->required) != l->required)
			continue;
		if ((l->one_of[0] && !(have & l->one_of[0])) || (l->one_of[1] && !(have & l->one_of[1])))
			continue;
		int hits = colset_count(have & l->allowed);
		if (hits > best_hits) {
			best = k;
			best_hits = hits;
		}
	}
	if (best < 0)
		return 0;
	if (colmap)
		for (int i = 0; i < nfields; i++) {
			for (size_t a = 0; a < sizeof kind_aliases / sizeof kind_aliases[0]; a++)
				if (colmap[i] == (int)kind_aliases[a].as && (int)kind_aliases[a].kind == best)
					colmap[i] = (int)kind_aliases[a].col;
			if (colmap[i] >= 0 && !(layouts[best].allowed & BIT(colmap[i])))
				colmap[i] = -1;
		}
	*kind = (enum local_kind)best;
	return 1;
}

int local_csv_read(const char *path, const struct local_csv_handler *h, void *ctx, long *rows, struct cf_error *err)
{
	enum local_kind kind;
	struct csv_reader r;
	*rows = 0;
	int rc = csv_reader_open_header(&r, path, err);
	if (rc)
		return rc;
	int got = 0;
	int nh = r.nfields;
	int *colmap = malloc(sizeof *colmap * (size_t)nh);
	if (!colmap) {
		csv_reader_close(&r);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	if (!local_csv_recognise(r.fields, r.lens, nh, &kind, colmap)) {
		csv_reader_close(&r);
		free(colmap);
		return cf_error_at(err, CF_EINPUT, path, r.line, NULL, NULL,
				   "the header is not one of the local layouts (contacts, early_help, localities, "
				   "child_areas, population, placement_costs, budgets, ledger, foster_households, homes, "
				   "family_members, allocations, partner_records, family_plans, audits, sf_claims, ofsted_providers)");
	}
	for (int i = 0; i < nh && !rc; i++)
		for (int j = 0; j < i && !rc; j++)
			if (colmap[i] >= 0 && colmap[j] == colmap[i])
				rc = cf_error_at(err, CF_EINPUT, path, r.line, local_col_names[colmap[i]], NULL,
						 "column %s appears twice in the header", local_col_names[colmap[i]]);
	if (!rc && h->begin)
		rc = h->begin(ctx, kind, err);
	for (int i = 0; i < nh && !rc; i++) {
		if (colmap[i] < 0 && h->extra) {
			char name[128];
			snprintf(name, sizeof name, "%.*s", (int)(r.lens[i] > 100 ? 100 : r.lens[i]), r.fields[i]);
			rc = h->extra(ctx, name, err);
		}
	}
	const char *vals[LC_NCOLS];
	size_t lens[LC_NCOLS];
	while (!rc && (got = csv_reader_next(&r, err)) == 1) {
		if (csv_row_is_blank(&r))
			continue;
		for (int c = 0; c < LC_NCOLS; c++) {
			vals[c] = NULL;
			lens[c] = 0;
		}
		for (int i = 0; i < nh; i++) {
			if (colmap[i] < 0)
				continue;
			if (i < r.nfields) {
				vals[colmap[i]] = r.fields[i];
				lens[colmap[i]] = r.lens[i];
			} else
				lens[colmap[i]] = (size_t)-1;
		}
		(*rows)++;
		rc = h->row(ctx, kind, vals, lens, r.record, r.line, err);
	}
	if (!rc && got < 0)
		rc = CF_EINPUT;
	if (rc == LOCAL_STOP)
		rc = CF_OK;
	free(colmap);
	csv_reader_close(&r);
	return rc;
}
