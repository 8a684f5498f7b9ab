/* Statutory indicators (DfE definitions, docs/definitions.md "Indicators")
 * for any period, the LA and one breakdown (locality, age band, sex,
 * ethnicity, category of need, referral source, assessment factor,
 * disability or deprivation decile), with numerators, denominators and
 * small-count suppression. One engine feeds `caseflow kpi`, the Vital Signs
 * report and anything else that needs an indicator. */
#ifndef CF_INDICATORS_KPI_H
#define CF_INDICATORS_KPI_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/error.h"
#include "base/table.h"
#include "families/families.h"
#include "formats/centroids.h"
#include "model/children.h"
#include "model/cin.h"
#include "model/cla.h"
#include "model/cla_outcomes.h"
#include "model/population.h"
#include "model/workforce.h"
#include "store/store.h"

/* Every indicator, in output order. The string ids (kpi_defs[i].id) are
 * stable: outputs, tests and other councils' scripts key on them. */
enum kpi_id {
	/* counts in the period */
	K_CONTACTS, K_REFERRALS, K_ASSESSMENTS, K_S47, K_ICPC, K_CPP_STARTED, K_CLA_STARTED, K_CLA_CEASED,
	/* conversion down the funnel */
	K_CONTACT_TO_REFERRAL, K_REFERRAL_TO_ASSESSMENT, K_ASSESSMENT_TO_S47, K_S47_TO_ICPC, K_ICPC_TO_CPP,
	K_REFERRAL_NFA,
	/* repeat work, timeliness, drift */
	K_REREFERRAL_12M, K_ASSESSMENT_45WD, K_ICPC_15WD, K_CPP_SUBSEQUENT, K_CPP_2YR_ENDED, K_CPP_OPEN_1YR,
	K_CPP_OPEN_3M, K_CPP_OPEN_3_6M, K_CPP_OPEN_6_12M, K_CPP_OPEN_1_2Y, K_CPP_OPEN_2Y,
	K_CIN_OPEN_1YR, K_ICO_26WK,
	/* rates per 10,000 children aged 0-17 */
	K_CIN_RATE, K_CPP_RATE, K_CLA_RATE, K_CLA_STARTED_RATE, K_CLA_CEASED_RATE,
	/* children looked after */
	K_CLA_31MAR,
	K_ENTRY_UNDER1, K_ENTRY_1_4, K_ENTRY_5_9, K_ENTRY_10_15, K_ENTRY_16_17,
	K_PLACEMENT_3PLUS, K_PLACEMENT_LONG_TERM, K_PLACED_20MI, K_PLACED_OUTSIDE_LA,
	K_MIX_FOSTER, K_MIX_RESIDENTIAL, K_MIX_ADOPTION, K_MIX_PARENTS, K_MIX_INDEPENDENT, K_MIX_OTHER,
	K_MIX_INHOUSE, K_MIX_EXTERNAL,
	K_MISSING_CLA, K_AWAY_CLA, K_CARE_LEAVERS_EET,
	/* workforce (census at 30 September) */
	K_SW_CASELOAD, K_SW_AGENCY_RATE, K_SW_TURNOVER, K_SW_VACANCY,
	/* families and the quality of practice (the families room: families/families.h) */
	K_FAMILIES_ONE_PLAN, K_AUDITS_GOOD, K_CP_REVIEWS_ON_TIME, K_VISITS_ON_TIME,
	K_N
};

enum kpi_unit { KPI_UNIT_COUNT, KPI_UNIT_PERCENT, KPI_UNIT_PER_10K, KPI_UNIT_CASES_PER_FTE };
extern const char *const kpi_unit_names[4];   /* "count", "percent", "per_10k", "cases_per_fte" */

/* Which way is better when the value changes (for "better/worse on the year"). */
enum kpi_polarity { KPI_NEUTRAL = 0, KPI_HIGHER_BETTER, KPI_LOWER_BETTER };

#define KPI_F_NUM_CHILDREN 1u   /* the numerator counts children or events: suppressible */
#define KPI_F_DEN_CHILDREN 2u   /* so does the denominator */
#define KPI_F_LA_ONLY      4u   /* no breakdown (workforce) */
#define KPI_F_CENTROIDS    8u   /* needs postcode centroids */
#define KPI_F_POPULATION  16u   /* the denominator is the child population */

struct kpi_def {
	const char *id;
	const char *title;        /* a few words for reports */
	enum kpi_unit unit;
	enum kpi_polarity polarity;
	unsigned flags;
	int family;               /* >0: numerators of this family partition one shared denominator */
	const char *definition;   /* numerator ÷ denominator in words */
};
extern const struct kpi_def kpi_defs[K_N];
int kpi_find(const char *id);   /* enum kpi_id, or -1 */

/* --- periods --------------------------------------------------------------- */

enum kpi_period_kind { KPI_YEAR, KPI_QUARTER, KPI_MONTH, KPI_ROLLING };

struct kpi_period {
	enum kpi_period_kind kind;
	cf_date from, to;         /* inclusive */
	char label[24];           /* "2023-24", "2023-24Q1", "2024-03", "r12:2024-03-31" */
};

/* Parse "2023-24" (also "2023/24"), "2023-24Q1".."Q4", "2024-03",
 * "r12:2024-03-31". Returns 0, or -1 when s is none of these. */
int kpi_period_parse(const char *s, struct kpi_period *out);
void kpi_period_year(int fy, struct kpi_period *out);          /* fy 2023: 1 Apr 2023 - 31 Mar 2024 */
void kpi_period_quarter(int fy, int q, struct kpi_period *out); /* q 1..4: Apr-Jun .. Jan-Mar */
void kpi_period_month(int year, int month, struct kpi_period *out);
void kpi_period_rolling(cf_date to, struct kpi_period *out);    /* the 12 months to `to` */
/* The same kind of period a year earlier. */
void kpi_period_previous_year(const struct kpi_period *p, struct kpi_period *out);

/* --- breakdowns ------------------------------------------------------------ */

/* Where a unit (a child, or an event of a child) falls, on the day it is
 * counted: its referral source is that of the child's latest referral on or
 * before the day; its factors those recorded at the end of the child's
 * latest assessment started on or before the day (a unit counts under each
 * factor, so the factor groups overlap and do not add up to the LA); its
 * disability the latest CIN census's or Annex A's; its deprivation the IMD
 * decile of the area that decides its locality. */
enum kpi_dim {
	KPI_BY_ALL, KPI_BY_LOCALITY, KPI_BY_AGE_BAND, KPI_BY_SEX, KPI_BY_ETHNICITY, KPI_BY_NEED,
	KPI_BY_SOURCE, KPI_BY_FACTOR, KPI_BY_DISABILITY, KPI_BY_DEPRIVATION, KPI_NDIMS
};
/* "all", "locality", "age_band", "sex", "ethnicity", "category_of_need", "source", "factor",
 * "disability", "deprivation" */
extern const char *const kpi_dim_names[KPI_NDIMS];
int kpi_dim_parse(const char *s, enum kpi_dim *out); /* 0 or -1 */

/* --- the data -------------------------------------------------------------- */

/* Everything the indicators read, loaded once from the store. */
struct kpi_data {
	struct child_registry reg;
	struct cla_data cla;
	int *cla_reg;             /* owned: registry index of each cla child */
	struct cin_data cin;
	struct cla_outcomes outcomes;
	struct workforce_data workforce;
	struct population_data population;
	struct families_data *families;   /* owned: the families extracts and CP reviews */
	char (*la_sectors)[10];   /* owned, sorted: postcode sectors in the localities table */
	size_t nla_sectors;
	int first_year, last_year;/* collection years of the LA's own returns (end years; not published
	                           * statistics or plans), 0 when none */
	cf_date data_end;         /* latest event date seen, CF_DATE_NONE when empty */
	/* for the breakdowns by referral source and assessment factor (kpi_data_load_breakdown) */
	int demand_loaded;
	short *referral_source;   /* owned: per cin.referrals entry, index into sources, -1 not recorded */
	uint64_t *assessment_factors;  /* owned: per cin.assessments entry, bit i for factors[i] */
	const char **sources, **factors;   /* owned arrays of reg.arena strings, in code order */
	int nsources, nfactors;   /* nfactors <= 64: codes past the 63rd share the last, "other" */
	size_t with_decile;       /* children whose area has a deprivation decile (0: no lookup, or none matched) */
};

int kpi_data_load(struct store *st, struct kpi_data *d, struct cf_error *err);
/* What breakdown `by` needs beyond kpi_data_load (the source of each
 * referral and the factors of each assessment, for source and factor);
 * nothing for the others. kpi_compute refuses those two without it. */
int kpi_data_load_breakdown(struct store *st, struct kpi_data *d, enum kpi_dim by, struct cf_error *err);
void kpi_data_release(struct kpi_data *d);

/* The latest complete financial year: that of the latest collection year
 * loaded, else the latest year ending on or before the last event. */
void kpi_default_period(const struct kpi_data *d, struct kpi_period *out);
/* CF_EINPUT (err names the period and where the data ends) when p starts
 * after everything the store's returns cover, where every count would be a
 * misleading 0; CF_OK otherwise, and always when no child-level return is
 * loaded. */
/* The last day the loaded returns cover: the latest event, or the end of
 * the last collection year when that is later; CF_DATE_NONE when empty. */
cf_date kpi_data_end(const struct kpi_data *d);
/* CF_EINPUT, with err naming the option, the day and where the data end,
 * when `on` is after kpi_data_end (as kpi_period_check for a period). */
int kpi_date_check(const struct kpi_data *d, const char *option, cf_date on, struct cf_error *err);
int kpi_period_check(const struct kpi_data *d, const struct kpi_period *p, struct cf_error *err);
/* Every financial year, quarter and month from the first loaded year to the
 * default period. *out is malloc'd (free it). */
int kpi_all_periods(const struct kpi_data *d, struct kpi_period **out, int *n, struct cf_error *err);
/* kpi --period's spec: a comma-separated list (2023-24, 2023-24Q1, 2024-03,
 * r12:2024-03-31), "all" (kpi_all_periods), or NULL for the default
 * period. *out is malloc'd (free it); CF_EUSAGE names a bad period. */
int kpi_periods_parse(const char *spec, const struct kpi_data *d, struct kpi_period **out, int *n,
		      struct cf_error *err);

/* --- results --------------------------------------------------------------- */

struct kpi_options {
	enum kpi_dim by;
	long suppress;            /* counts below this are suppressed; 0 = off */
	const struct centroids *centroids;  /* NULL: placed_20mi and placed_outside_la are omitted */
	const char *locality;     /* NULL: the whole authority; else one of the store's localities: only
	                           * children whose home area is in it are counted, rates per 10,000 take
	                           * its population, and the workforce's LA-only indicators are omitted.
	                           * A name not among them is CF_EINPUT (err lists them). */
};

struct kpi_cell {
	double num, den, value;
	unsigned char has_num, has_den, has_value;
	unsigned char suppressed;  /* 1 when a count of this cell was suppressed */
	unsigned char num_hidden, den_hidden;
};

struct kpi_result {
	int nperiods;
	struct kpi_period *periods;   /* owned copy */
	enum kpi_dim by;
	int ngroups;                  /* group 0 is "all" */
	const char **groups;          /* arena */
	unsigned char *group_used;    /* arena: 1 when any unit fell in the group */
	struct kpi_cell *cells;       /* owned: [period][indicator][group] */
	unsigned char omitted[K_N];   /* 1: not computed (see notes) */
	char notes[1024];             /* why things were omitted, one line each; "" when none */
	struct arena arena;
};

/* Compute every indicator for each period. *out is the caller's (kpi_result_free). */
int kpi_compute(const struct kpi_data *d, const struct kpi_period *periods, int nperiods, const struct kpi_options *opt,
		struct kpi_result **out, struct cf_error *err);
void kpi_result_free(struct kpi_result *r);
const struct kpi_cell *kpi_result_cell(const struct kpi_result *r, int period, int id, int group);

/* Rows: indicator, period, group_by, group, numerator, denominator, value,
 * unit, suppressed. The LA row ("all", "all") comes first in each
 * indicator and period, then the groups. *out is the caller's. */
int kpi_result_table(const struct kpi_result *r, struct cf_table **out, struct cf_error *err);

/* Apply suppression to r's cells (kpi_compute does when opt->suppress > 0). */
void kpi_suppress(struct kpi_result *r, long threshold);

/* --- the records behind a figure ----------------------------------------------- */

/* One unit a figure counts: a child, or for figures that count events (a
 * referral, a contact, a plan ...) one event, with the record that decided
 * it. The numerators of the rows sum to the figure's numerator and their
 * denominators to its denominator (not for a rate over the population, whose
 * denominator is no list of children). */
struct kpi_record {
	const char *child;        /* the local (pseudonymous) child ID, as the returns give it */
	cf_date on;               /* the day it is counted on */
	double num, den;          /* what it adds to the numerator and the denominator */
	const char *kind;         /* the deciding record's return kind ("ssda903.episodes" ...), "" when unknown */
	const char *file;         /* that return's path as loaded, "" when unknown */
	int year;                 /* its collection year (end year), 0 when none */
	int row;                  /* the row (header = 1), or for XML the line; 0 when not recorded */
	int by_line;              /* 1: row is an XML line */
};

struct kpi_records {
	int id;                   /* enum kpi_id */
	struct kpi_period period;
	enum kpi_dim by;
	const char *group;        /* "all", or the group of `by` */
	struct kpi_cell cell;     /* the figure, from the pass that listed the records */
	const char *unit;         /* what a row is: "child", "referral", "contact or referral" ... */
	int per_child;            /* 1: a child has at most one row */
	int listed;               /* 0: the figure is not made of units (workforce): no rows, note says why */
	char note[640];           /* what the rows count and how they add up to the figure */
	struct kpi_record *rows;  /* owned, by child then day */
	size_t n;
	struct arena arena;       /* the strings */
};

/* The records behind indicator id for period p, the LA (group NULL or
 * "all") or one group of opt->by. They come from the same counting pass as
 * the figure (r->cell). st is the store d was loaded from (for file names
 * and episode rows). CF_EINPUT with a message when opt->suppress > 0 (records
 * list children one by one, which suppression exists to prevent), when the
 * indicator is not computed (its source is not loaded) or the group is not
 * one of opt->by's. *out is the caller's (kpi_records_free). */
int kpi_records(struct store *st, const struct kpi_data *d, int id, const struct kpi_period *p,
		const struct kpi_options *opt, const char *group, struct kpi_records **out, struct cf_error *err);
/* The same for ids[0..nids) in one counting pass (the report's tiles): out[i]
 * for ids[i]; on failure every out[i] is NULL. An indicator not computed
 * fails the whole call: give only those computed. */
int kpi_records_many(struct store *st, const struct kpi_data *d, const int *ids, int nids, const struct kpi_period *p,
		     const struct kpi_options *opt, const char *group, struct kpi_records **out, struct cf_error *err);
void kpi_records_free(struct kpi_records *r);
/* Rows: child, date, numerator, denominator, return, year, file, row, line
 * (row and line empty when not recorded). *out is the caller's. */
int kpi_records_table(const struct kpi_records *r, struct cf_table **out, struct cf_error *err);

#endif
