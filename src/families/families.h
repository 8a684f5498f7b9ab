/* The families room: households and the help they get ("one family, one
 * worker, one plan", `caseflow families`), the family programmes
 * (Troubled Families, Supporting Families: sf_rules.h) and the quality of
 * practice (case audits against a monthly target, child protection reviews
 * on time), from the family_members, allocations, family_plans,
 * partner_records and audits extracts (store/families_records.h) and the
 * CIN census's plans and reviews (store/cin_records.h) and Annex A's visits
 * (store/annexa_visits.h). docs/families.md
 * gives every definition. */
#ifndef CF_FAMILIES_FAMILIES_H
#define CF_FAMILIES_FAMILIES_H

#include "base/date.h"
#include "base/error.h"
#include "base/table.h"
#include "store/record_sources.h"
#include "store/store.h"

/* Open on day d: from (or start) <= d and to (or end) blank or >= d; a
 * blank start is open from the beginning. The extracts' end dates are the
 * last day of the membership, allocation or plan. */
int families_open_on(cf_date from, cf_date to, cf_date d);

struct families_options {
	cf_date from, to;         /* the period (inclusive); families are counted on its last day */
	const char *label;        /* the period as the user wrote it ("2024-25"), for the tables */
	int audit_target;         /* audits a month (--target) */
};

/* On the period's last day. A family is current when a member belongs to it,
 * or a plan or an allocation to it is open, that day. */
struct families_summary {
	int families;             /* current */
	int with_plan;            /* one or more plans open */
	int one_worker_one_plan;  /* exactly one plan open, naming its lead practitioner, and one
				   * worker allocated to the family or its children */
	int three_services;       /* allocated to by three or more services */
	int children;             /* children members of current families */
	int children_moved;       /* of those, members of another family too during the period */
	/* audits in the period */
	int audits, audits_good_or_better, actions_outstanding_audits, actions_outstanding;
	/* child protection reviews due in the period, and those held on or before the day due */
	int cp_reviews_due, cp_reviews_on_time;
	/* children open on Annex A extracts of days in the period, and those visited within timescale */
	int visits_due, visits_on_time;
};

struct families_result {
	struct families_summary sum;
	struct cf_table *summary;       /* families_summary: measure, count, of, percent */
	struct cf_table *families;      /* families: one row per current family */
	struct cf_table *audits_month;  /* audits_by_month: each month of the period against the target */
	struct cf_table *audit_themes;  /* audit_themes: each theme's audits and grades */
	struct cf_table *cp_reviews;    /* cp_reviews_by_month: reviews due each month, on time */
	/* the family programmes (sf_rules.c): each family with a plan in a phase */
	struct cf_table *sf_families;   /* sf_families: needs, eligibility, claim and its quarter */
	struct cf_table *sf_needs;      /* sf_needs: each need, what identified it, its outcome and evidence */
	struct cf_table *sf_claims;     /* sf_claims: by phase and quarter, claims due; eligible families outstanding */
	/* quality_trend: each month of the period by team, then by locality: audits and
	 * those good or better, CP reviews due and on time, visits due and on time */
	struct cf_table *quality_trend;
};

/* Read the extracts and compute. Tables are owned by *out (families_result_release).
 * CF_OK, or the store's error. */
int families_compute(struct store *st, const struct families_options *o, struct families_result *out,
		     struct cf_error *err);
void families_result_release(struct families_result *r);

/* --- the quality indicators one unit at a time (caseflow kpi) ------------- */

/* What a unit is counted for. The counts families_compute prints come from
 * the same definitions (family_on, the audits in a period, cp_reviews_due_each),
 * so `caseflow kpi` and `caseflow families` agree. */
enum families_measure {
	FAMILIES_ONE_PLAN,        /* a family current on the day: num 1 with one worker and one plan */
	FAMILIES_AUDIT_GOOD,      /* an audit in the period: num 1 when graded good or outstanding */
	FAMILIES_CP_REVIEW,       /* a CP review due in the period: num 1 when held on or before the day due */
	FAMILIES_VISIT,           /* a child open on an Annex A extract of a day in the period: num 1 when
				   * visited within its list's timescale (visits.c) */
	FAMILIES_NMEASURES
};

struct families_unit {
	enum families_measure measure;
	const char *child;        /* the child it is about; for a family, a child member that day; NULL when none */
	const char *family;       /* the family (FAMILIES_ONE_PLAN), else NULL */
	const char *team;         /* the team of a worker allocated to it (or its family) that day, NULL when none */
	cf_date on;               /* the day it is counted on: period end, the audit, the day the review was due,
				   * the day the Annex A extract describes */
	int num, den;             /* what it adds to the figure */
	struct record_source src; /* the deciding record: the plan (or membership), audit, CP plan, Annex A row */
};

struct families_data;         /* the extracts, CP plans and visits, read once; opaque */

/* Read them. *out is the caller's (families_data_free), NULL on failure. */
int families_data_load(struct store *st, struct families_data **out, struct cf_error *err);
void families_data_free(struct families_data *d);
/* 1 when measure m has its source loaded (any family, audit, CP plan, Annex A visit row). */
int families_data_has(const struct families_data *d, enum families_measure m);
/* Each unit of [from, to], families on `to`; strings live as long as d. fn's
 * non-zero status stops the walk and is returned. */
int families_units(const struct families_data *d, cf_date from, cf_date to,
		   int (*fn)(void *ctx, const struct families_unit *u), void *ctx);

/* One family's events in date order (date, event, detail, source, file,
 * row): members joining and leaving, allocations to it or its children,
 * assessment and plans, partners' records, its children's audits. A family
 * the extracts do not name is CF_EINPUT. *out is the caller's (cf_table_free). */
int families_journey(struct store *st, const char *family, struct cf_table **out, struct cf_error *err);

/* The latest date in the extracts (a membership, allocation or plan start or
 * end, an audit), CF_DATE_NONE when they are empty: the default period ends in
 * its financial year. */
int families_latest_date(struct store *st, cf_date *out, struct cf_error *err);

#endif
