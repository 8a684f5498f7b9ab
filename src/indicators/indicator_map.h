/* Which published DfE figure corresponds to each caseflow indicator id, with
 * the indicator's unit and polarity. A data table (indicator_map.c), read by
 * benchmarks and trajectories; docs/benchmarks.md explains each line and
 * where DfE's definition differs from caseflow's. */
#ifndef CF_INDICATORS_INDICATOR_MAP_H
#define CF_INDICATORS_INDICATOR_MAP_H

enum ind_unit {
	UNIT_COUNT,       /* children, plans, referrals: neighbours are summed */
	UNIT_PERCENT,     /* 0-100 */
	UNIT_PER_10K,     /* per 10,000 children aged 0-17 */
	UNIT_PER_FTE,     /* cases per case-holding social worker (FTE) */
};

enum ind_polarity {
	POL_LOWER_BETTER = -1,
	POL_NONE = 0,     /* no better or worse: ranks run from the highest value */
	POL_HIGHER_BETTER = 1,
};

enum ind_derive {
	DERIVE_PUBLISHED, /* num[0] as published */
	DERIVE_SUM,       /* sum of num[] (with signs) */
	DERIVE_PERCENT,   /* 100 x sum(num) / sum(den) */
	DERIVE_PER_10K,   /* 10,000 x sum(num) / ONS 0-17 population of the previous mid-year */
};

/* One published cell: the table (a prefix of the stored source name, so
 * later releases match), the measure column and the breakdown. */
struct pub_term {
	const char *source;
	const char *measure;
	const char *breakdown;
	int sign;         /* +1 or -1; 0 ends the list */
};

#define IND_MAX_TERMS 3

/* The day a published annual figure describes, for placing it on a
 * monthly trajectory. */
enum ind_ref {
	REF_31MAR = 0,    /* 31 March of time_period (CLA, CIN, CP: the statutory year) */
	REF_30SEP,        /* 30 September of time_period (the workforce census: DfE's reporting year Y is
	                   * the census of 30 September Y, e.g. 2023: 33,119 FTE in post nationally) */
	REF_30JUN,        /* 30 June of time_period (ONS mid-year estimates) */
};

struct indicator_map_entry {
	const char *id;                       /* caseflow indicator id (issue 4) */
	const char *label;
	enum ind_unit unit;
	enum ind_polarity polarity;
	enum ind_derive derive;
	struct pub_term num[IND_MAX_TERMS];
	struct pub_term den[IND_MAX_TERMS];   /* DERIVE_PERCENT only */
	const char *notes;                    /* how DfE's figure differs from caseflow's definition */
	enum ind_ref ref;                     /* default 31 March */
};

extern const struct indicator_map_entry indicator_map[];
extern const int indicator_map_count;

/* The ONS child population (the denominator of DERIVE_PER_10K). */
extern const struct pub_term indicator_population_term;

/* Index of id in indicator_map, or -1. */
int indicator_map_find(const char *id);

const char *ind_unit_name(enum ind_unit u);          /* "count", "percent", "per_10k", "per_fte" */
const char *ind_polarity_name(enum ind_polarity p);  /* "lower_is_better", "none", "higher_is_better" */

/* The day the published figure for time_period describes (see enum ind_ref). */
void indicator_ref_date(const struct indicator_map_entry *e, int time_period, int *year, int *month, int *day);

#endif
