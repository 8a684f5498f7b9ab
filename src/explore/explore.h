/* The explore room's public API: testing a hypothesis about demand with
 * honest statistics. `compare` takes an indicator computed by the
 * indicators room and asks whether its groups differ (each group's rate with
 * a 95% interval, the ratio to a baseline, a chi-square test and Holm's
 * adjustment across groups), whether it changed between two periods, and
 * whether a monthly series stepped or turned at a date (segmented
 * regression). Code outside src/explore/ includes this header only. */
#ifndef CF_EXPLORE_EXPLORE_H
#define CF_EXPLORE_EXPLORE_H

#include <stdint.h>

#include "base/error.h"
#include "base/table.h"
#include "indicators/indicators.h"

/* How a figure's uncertainty is worked out, from its unit. */
enum compare_kind {
	COMPARE_PROPORTION, /* a percentage of children or events: Wilson's interval, chi-square on the 2 x k table */
	COMPARE_RATE,       /* per 10,000 of a population: exact Poisson interval, chi-square on counts by exposure */
};

/* One group's figure, or the whole authority's. */
struct compare_row {
	char name[64];
	double num, den, value, lo, hi;   /* value and interval in the indicator's unit (%, per 10,000) */
	int has_value;                     /* 0: no denominator, so no figure */
	double ratio, ratio_lo, ratio_hi;  /* to the baseline (interval on the log scale, Katz), or to the
	                                    * whole authority (no interval: the group is part of it) */
	int has_ratio;
	double p, p_holm;                  /* the group against the baseline, or against the rest of the
	                                    * authority; Holm across the groups */
	int has_p;
	int few;                           /* 1: too few children to tell (denominator under 30 or numerator under 5) */
};

/* Each group against a baseline group or the rest of the authority. */
struct compare_groups_result {
	int indicator;                 /* enum kpi_id */
	enum compare_kind kind;
	char period[24];
	enum kpi_dim by;
	int baseline;                  /* index into rows of the baseline group; 0 (the whole) when none was named */
	int nrows;                     /* rows[0] is the whole authority, then each group with children in it */
	struct compare_row *rows;      /* owned (compare_groups_free) */
	double chi2, p;                /* that every group shares one rate */
	int df;
};

/* Compare the groups of `r` (kpi_compute with a breakdown) on `indicator` in
 * period index `period`. baseline names a group (NULL: each group against
 * the rest of the authority). CF_EUSAGE with the reason in err when the
 * indicator is a count of events or has no groups; CF_EINPUT when the
 * baseline is not one of the groups (err lists them). */
int compare_groups(const struct kpi_result *r, int period, int indicator, const char *baseline,
		   struct compare_groups_result *out, struct cf_error *err);
void compare_groups_free(struct compare_groups_result *g);

/* The same figure in two periods of `r` (before, after: period indices). */
struct compare_periods_result {
	int indicator;
	enum compare_kind kind;
	struct compare_row before, after;   /* after's ratio and p are against before */
	double difference, diff_lo, diff_hi; /* after - before, with Newcombe's interval for proportions
	                                       * (method 10) or the normal one for rates */
};

int compare_periods(const struct kpi_result *r, int before, int after, int indicator, struct compare_periods_result *out,
		    struct cf_error *err);

/* Segmented regression of a monthly series (interrupted time series):
 * value = b0 + b1·t + b2·after + b3·(t - t0)·after, t in months from the
 * first month and t0 the first month on or after the change. */
struct compare_change_result {
	int indicator;
	int nmonths, nbefore;          /* months in the fit; of them before the change */
	char change_month[24];         /* the first month counted as after */
	double level, slope;           /* b0 and b1: the trend before */
	double step, step_lo, step_hi, step_p;       /* b2 with its 95% interval and p-value */
	double turn, turn_lo, turn_hi, turn_p;       /* b3: the change in slope a month */
	double slope_lo, slope_hi;
	double sd;                     /* residual standard deviation */
};

/* r holds monthly periods in date order (kpi_compute over months), the LA
 * only. CF_EUSAGE when fewer than 3 months fall on either side or the fit is
 * singular. */
int compare_change(const struct kpi_result *r, int indicator, cf_date change_at, struct compare_change_result *out,
		   struct cf_error *err);

/* Tables for rendering (each *out the caller's), and the findings in words,
 * one sentence a line, into buf. */
int compare_groups_table(const struct compare_groups_result *g, struct cf_table **out, struct cf_error *err);
int compare_periods_table(const struct compare_periods_result *c, struct cf_table **out, struct cf_error *err);
int compare_change_table(const struct compare_change_result *c, struct cf_table **out, struct cf_error *err);
void compare_groups_words(const struct compare_groups_result *g, char *buf, size_t size);
void compare_periods_words(const struct compare_periods_result *c, char *buf, size_t size);
void compare_change_words(const struct compare_change_result *c, char *buf, size_t size);

/* --- where demand comes from ------------------------------------------------ */

/* What a referral led to within 12 months of its date (the same child). */
enum drivers_outcome { DRIVERS_ASSESSMENT, DRIVERS_S47, DRIVERS_CP_PLAN, DRIVERS_CARE, DRIVERS_NOUTCOMES };
extern const char *const drivers_outcome_names[DRIVERS_NOUTCOMES]; /* "assessment", "s47", "cp_plan", "care" */

struct drivers_source {
	char code[8];                  /* the CIN census code, "all", or "not recorded" */
	const char *label;             /* static */
	struct compare_row to[DRIVERS_NOUTCOMES];   /* converted of referrals, as % with intervals;
	                                             * p and p_holm against the other sources */
};

struct drivers_factor {
	char code[8];
	const char *label;             /* static, or the code when not in DfE's list */
	struct compare_row share;      /* assessments recording it, of assessments in the period */
	double previous;               /* its share the year before, NAN when none */
	/* against England: DfE's share of episodes with any factor recorded that
	 * record this one, beside the LA's share of assessments recording a
	 * factor (21, none, is not one) */
	struct compare_row of_recorded;/* the LA's, with its interval; p, p_holm: against England's (z test) */
	double england;                /* percent; NAN when DfE's table is not loaded or has no column for it */
};

struct drivers_result {
	char period[24];
	/* conversion by source: referrals in the period with 12 months of data after them */
	int nsources;                  /* sources[0] is every source */
	struct drivers_source *sources;/* owned */
	long referrals, left_out;      /* referrals in the period; of them without 12 months of data after */
	double chi2[DRIVERS_NOUTCOMES], p[DRIVERS_NOUTCOMES];   /* that every source converts alike */
	int df[DRIVERS_NOUTCOMES];
	/* factors at the end of assessments started in the period */
	long assessments, with_factors;
	int nfactors;
	struct drivers_factor *factors;/* owned, most frequent first */
	long trio[8];                  /* assessments by toxic-trio parts present (bit mask of cin_factor_trio) */
	int england_year;              /* the year of DfE's table of factors compared against (end year: 2024 for
	                                * 2023-24), the period's or the latest before it; 0 when none is loaded */
};

/* Conversion by referral source and the factors of assessments, for period
 * p (a financial year, quarter or month) of the data in d, with the sources
 * and factors the store holds. */
int drivers_compute(struct store *st, const struct kpi_data *d, const struct kpi_period *p, struct drivers_result *out,
		    struct cf_error *err);
void drivers_free(struct drivers_result *r);
/* The latest financial year whose referrals all have 12 months of data after them. */
void drivers_default_period(const struct kpi_data *d, struct kpi_period *out);
int drivers_tables(const struct drivers_result *r, struct cf_table *out[3], struct cf_error *err);
void drivers_words(const struct drivers_result *r, char *buf, size_t size);

/* --- flows between services ---------------------------------------------------- */

/* Moves of a child between services, each counted on the date of the event
 * it names (the referral, the start of early help, the end of a plan, the
 * start of care); `within` is the days allowed between the two ends. */
enum flow_kind {
	FLOW_EH_TO_SC,     /* step-up: a referral while early help is open or within `within` days of its end */
	FLOW_SC_TO_EH,     /* step-down: early help starting within `within` days either side of a CIN closure */
	FLOW_CP_TO_CIN,    /* a CP plan ending with the CIN episode still open and no care within `within` days */
	FLOW_CP_TO_CARE,   /* care starting during a CP plan or within `within` days of its end */
	FLOW_CARE_TO_CP,   /* a CP plan starting within `within` days after a period of care ended */
	FLOW_REPEAT_EH,    /* early help starting within 12 months of the end of the child's previous early help */
	FLOW_N
};
extern const char *const flow_names[FLOW_N];   /* "early_help_to_social_care", ... */
extern const char *const flow_bases[FLOW_N];   /* what each is a share of: "referrals", ... */

struct flows_result {
	int within;
	int nmonths;
	char (*months)[8];            /* owned: "2023-04" */
	long (*count)[FLOW_N];        /* owned: [month][flow] */
	long (*base)[FLOW_N];         /* owned: [month][flow] the events each flow is a share of */
	int nyears;                   /* financial years touched, first_fy .. */
	int first_fy;
	long (*year_count)[FLOW_N], (*year_base)[FLOW_N];   /* owned */
};

/* Flows in the months of period p (a year, quarter, month or rolling 12
 * months; the caller may widen it to every month loaded). */
int flows_compute(struct store *st, const struct kpi_data *d, cf_date from, cf_date to, int within,
		  struct flows_result *out, struct cf_error *err);
void flows_free(struct flows_result *r);
/* out[0]: by financial year with shares and intervals; out[1]: by month. */
int flows_tables(const struct flows_result *r, struct cf_table *out[2], struct cf_error *err);

/* --- evaluating a pilot ------------------------------------------------------ */

/* What happened to a child within the window after its index referral. */
enum eval_outcome { EVAL_REREFERRAL, EVAL_ASSESSMENT, EVAL_S47, EVAL_CP_PLAN, EVAL_CARE, EVAL_DAYS_IN_CARE, EVAL_NOUTCOMES };
extern const char *const eval_outcome_names[EVAL_NOUTCOMES]; /* "rereferral", "assessment", "s47", "cp_plan", "care", "days_in_care" */

enum eval_comparison { EVAL_MATCHED, EVAL_LOCALITY, EVAL_BEFORE };

/* Who is in the cohort: a list of child IDs, or children matching every
 * condition given (NULL or -1: any). */
struct eval_filter {
	const char *locality;
	int age_band;              /* enum age_band at the index referral, -1 any */
	const char *need;          /* "N1".. of the index referral */
	const char **ids;          /* sorted list of child IDs (FILE), or NULL */
	size_t nids;
};

struct eval_options {
	struct eval_filter cohort;
	cf_date start;             /* the pilot's start: children referred from then join */
	int intake_months;         /* how long children join for (default 12) */
	int window_months;         /* outcomes followed for this long after each child's referral */
	enum eval_comparison comparison;
	const char *comparison_locality;   /* EVAL_LOCALITY */
	unsigned outcomes;         /* bit per enum eval_outcome */
	int boots;                 /* bootstrap resamples */
	uint64_t seed;
};

/* One group's outcome: the mean over its children (a share for yes/no
 * outcomes, days for days in care). */
struct eval_group {
	long children;
	double mean[EVAL_NOUTCOMES];
	long events[EVAL_NOUTCOMES];
};

/* Matching balance: each characteristic's share in the cohort and the comparison. */
struct eval_balance {
	char what[48];
	double cohort, comparison;   /* percent */
};

struct eval_result {
	struct eval_options opt;
	/* the cohort and comparison after the start, and (locality, before) the same a year earlier */
	struct eval_group cohort, comparison, cohort_before, comparison_before;
	int has_before;              /* 1: a difference in differences; 0: a difference after the start */
	double effect[EVAL_NOUTCOMES], lo[EVAL_NOUTCOMES], hi[EVAL_NOUTCOMES];
	int nbalance;
	struct eval_balance balance[24];
	long unmatched;              /* cohort children with no comparison child like them */
	long followed_short;         /* children left out: their window runs past the data */
	char caution[512];           /* "" when the numbers are enough to tell */
};

/* Evaluate against d (the indicators' data): the cohort and comparison, each
 * child's outcomes, the effect with a bootstrap 95% interval. CF_EINPUT when
 * the cohort is empty or the window runs past the data for everyone. */
int eval_run(const struct kpi_data *d, const struct eval_options *opt, struct eval_result *out, struct cf_error *err);
/* out[0]: effects; out[1]: groups; out[2]: balance (matched only, else an empty table). */
int eval_tables(const struct eval_result *r, struct cf_table *out[3], struct cf_error *err);
void eval_words(const struct eval_result *r, char *buf, size_t size);

#endif
