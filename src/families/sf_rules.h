/* The family programmes' rules as data (sf_rules.c): Troubled Families
 * 2015-20 and Supporting Families 2022-25 (DOMAIN.md §6). A new phase is a
 * new entry in sf_phases[] and its needs and measures: no code changes. */
#ifndef CF_FAMILIES_SF_RULES_H
#define CF_FAMILIES_SF_RULES_H


/* How a partner record's value shows a problem. */
enum sf_test {
	SF_EVENT,     /* any record is a problem (a crime, an exclusion); no record for six months is progress */
	SF_FLAG,      /* value 1 (yes) a problem, 0 (no) progress */
	SF_BELOW      /* value below the threshold a problem (attendance 85 < 90), at or above it progress */
};

struct sf_measure {
	const char *measure;      /* partner_records.measure as stored (lower case) */
	enum sf_test test;
	double threshold;         /* SF_BELOW */
	int need;                 /* index into the phase's needs */
};

struct sf_phase {
	const char *id, *name;
	long plans_from, plans_to;      /* plans starting in these days (yyyymmdd, inclusive) belong to the phase */
	int nneeds;
	const char *const *needs;
	int nmeasures;
	const struct sf_measure *measures;
	int min_needs;            /* eligible with this many needs or more */
	int needs_lead_and_assessment;  /* a claim needs a lead practitioner and a whole-family assessment */
	int work_need;            /* a need whose sustained progress alone is a claim (continuous
				   * employment), -1 for none */
	int months_sustained;     /* every need's progress sustained this many months */
	int months_before_plan;   /* a problem recorded this many months before the plan starts, or
				   * during it, identifies a need */
};

extern const struct sf_phase sf_phases[];
extern const int sf_nphases;

#endif
