/* Benchmarks: an LA's indicators beside its statistical neighbours, its
 * region and England, with rank and quartile among all LAs and the
 * direction of travel; and the change needed to reach a comparator.
 *
 * benchmark_load() reads the published figures the indicator map names
 * (store tables published and sn_groups) into memory once; every function
 * after it works on that copy, so all LAs and indicators take well under a
 * second. Definitions (median vs sum, ranks, quartiles, rates of change):
 * docs/benchmarks.md. */
#ifndef CF_INDICATORS_BENCHMARK_H
#define CF_INDICATORS_BENCHMARK_H

#include "indicators/indicator_map.h"
#include "base/date.h"
#include "base/error.h"
#include "base/table.h"
#include "store/store.h"

/* The LA's own values, computed from its loaded child-level data: the hook
 * the indicators engine (`caseflow kpi`) fills in. Until it is plugged in,
 * callers pass NULL and la_value stays null. Each function returns 1 and
 * sets *value when it has a value, 0 when it has none (data not loaded,
 * date out of range), or -CF_E* with err filled on failure. Either
 * function may be NULL. */
struct benchmark_local {
	/* the year to 31 March `year` (the census date for a stock) */
	int (*annual)(void *ctx, const char *indicator, int year, double *value, struct cf_error *err);
	/* the month ending on month_end (a stock on that day; a flow over the month) */
	int (*monthly)(void *ctx, const char *indicator, cf_date month_end, double *value, struct cf_error *err);
	void *ctx;
};

struct benchmark_data;   /* opaque; benchmark_data_free() */

/* Load every mapped indicator for every area and year, and the neighbours
 * of each LA under sn_model ("2025" or "2021"; NULL = no neighbours, for
 * callers that need only the published values). Fails with CF_EINPUT when
 * the store holds no published figures or no grouping for the model (the
 * message says what to ingest). */
int benchmark_load(struct store *st, const char *sn_model, struct benchmark_data **out, struct cf_error *err);
void benchmark_data_free(struct benchmark_data *d);   /* NULL is fine */

/* Resolve an LA named by its DfE three-digit number, its ONS code (any
 * vintage seen in the published tables) or a district's code (via the
 * LTLA-UTLA lookup loaded into the store). Writes the three-digit number
 * into la_code[8]. CF_EINPUT when it is none of these. */
int benchmark_find_la(const struct benchmark_data *d, const char *code, char la_code[8], struct cf_error *err);

/* Published (or derived, see the map) value of an indicator for an area
 * ("380", a region's E12 code, or "E92000001" for England) in a year; NAN
 * when missing or suppressed. */
double benchmark_value(const struct benchmark_data *d, int indicator, int year, const char *area);
/* The latest year with a value for the area, or 0. */
int benchmark_latest_year(const struct benchmark_data *d, int indicator, const char *area);
/* The LA's 0-17 population for rates in `year` (ONS mid-year year-1,
 * falling back to the latest earlier estimate); NAN when none. */
double benchmark_population(const struct benchmark_data *d, const char *la_code, int year);

struct benchmark_options {
	const char *la_code;            /* three-digit number (benchmark_find_la); ignored with all_las */
	int all_las;                    /* every LA in the neighbour model, in code order */
	const int *indicators;          /* indexes into indicator_map; NULL = all */
	int nindicators;
	int years;                      /* the latest N years of each indicator; 0 = all */
	const struct benchmark_local *local;  /* NULL: la_value is null */
};

/* The benchmark table, one row per LA, indicator and year with a published
 * value anywhere: indicator, year, la_code, la_value, published_value,
 * sn_median (the sum for counts), sn_values (JSON object code -> value),
 * region_value, england_value, rank, of, quartile, change_3y, change_5y,
 * sn_change_3y, england_change_3y. *out is the caller's (cf_table_free). */
int benchmark_table(const struct benchmark_data *d, const struct benchmark_options *opt, struct cf_table **out,
		    struct cf_error *err);

/* One row of the benchmark table, typed: NAN where the table is null,
 * rank, of and quartile 0 when the LA is not ranked that year. */
struct benchmark_row {
	int indicator;                  /* index into indicator_map */
	int year;
	const char *la_code;            /* the LA's three-digit number, in d */
	int la_area;                    /* the LA's index among d's areas */
	double la_value, published_value, sn_median, region_value, england_value;
	int rank, of, quartile;
	double change_3y, change_5y, sn_change_3y, england_change_3y;
};

/* The rows benchmark_table lays out, in its order. *out is the caller's
 * (free); the rows point into d. */
int benchmark_rows(const struct benchmark_data *d, const struct benchmark_options *opt, struct benchmark_row **out,
		   size_t *n, struct cf_error *err);
/* Lay rows from benchmark_rows out as the benchmark table. */
int benchmark_rows_table(const struct benchmark_data *d, const struct benchmark_row *rows, size_t n,
			 struct cf_table **out, struct cf_error *err);

enum benchmark_comparator { CMP_SN_MEDIAN, CMP_ENGLAND, CMP_SN_UPPER_QUARTILE };
/* "sn_median", "england", "sn_upper_quartile" -> 0 and *out; -1 when unknown. */
int benchmark_comparator_parse(const char *s, enum benchmark_comparator *out);
const char *benchmark_comparator_name(enum benchmark_comparator c);

/* The change an LA needs to reach a comparator's value by 31 March of
 * by_year, from its latest published year. Counts are compared per head:
 * the comparator's rate per child applied to the LA's population. */
struct benchmark_gap {
	int indicator;
	int base_year;                  /* the LA's latest year with a value */
	double la_value;                /* in base_year */
	double comparator_value;        /* the comparator in base_year, held flat */
	int by_year;
	double change;                  /* comparator_value - la_value */
	double change_per_year;         /* change / (by_year - base_year) */
	double population;              /* the LA's 0-17 population used (base year, or the projection) */
	double children;                /* the change in children; NAN when the unit has no child count */
	const char *note;               /* static text: how children was worked out, or why not */
};
int benchmark_gap(const struct benchmark_data *d, const char *la_code, int indicator, enum benchmark_comparator cmp,
		  int by_year, double population_projection /* NAN = held flat */, struct benchmark_gap *out,
		  struct cf_error *err);

/* The gap for each indicator of opt (one LA): indicator, unit, base_year,
 * la_value, comparator, comparator_value, by_year, change, change_per_year,
 * population, children, note. */
int benchmark_gap_table(const struct benchmark_data *d, const struct benchmark_options *opt,
			enum benchmark_comparator cmp, int by_year, double population_projection,
			struct cf_table **out, struct cf_error *err);

/* For a report's dot plot: one LA and indicator over the latest `years`
 * years (0 = all), one row per year and area: year, role ("la",
 * "neighbour", "sn_median", "region", "england"), code, name, value.
 * The sn_median row holds the sum for counts, as benchmark_table does. */
struct benchmark_area_value {
	int year;
	const char *role;               /* "la", "neighbour", "sn_median", "region", "england" */
	const char *code;               /* in d; NULL for sn_median */
	const char *name;               /* in d; "statistical neighbours" for sn_median */
	double value;                   /* NAN when missing */
};
/* The same typed: *out is the caller's (free), pointing into d. */
int benchmark_comparison(const struct benchmark_data *d, const char *la_code, int indicator, int years,
			 struct benchmark_area_value **out, int *n, struct cf_error *err);
int benchmark_comparison_table(const struct benchmark_data *d, const char *la_code, int indicator, int years,
			       struct cf_table **out, struct cf_error *err);

/* The indicator map as a table: id, label, unit, polarity, notes. */
int benchmark_indicator_table(struct cf_table **out, struct cf_error *err);

/* Pure helpers, exposed for tests. vals may hold NANs, which are skipped. */
double bm_median(const double *vals, int n);
double bm_quantile(const double *vals, int n, double p);   /* linear between order statistics, p in [0,1] */
/* Competition rank of v among vals (1 = best under polarity; ties share
 * the best rank) and the number with a value; quartile 1 = best. */
void bm_rank(const double *vals, int n, double v, enum ind_polarity pol, int *rank, int *of, int *quartile);
/* Annual rate of change from `from` to `to` over `years` years, as a
 * percentage: ((to / from)^(1/years) - 1) x 100; NAN when from <= 0. */
double bm_annual_change(double from, double to, int years);

#endif
