/* Trajectories: a target path for an indicator from one dated value to
 * another (linear or geometric), stored with who set it and when, and
 * tracked month by month against actuals with a RAG status.
 *
 * Actuals come from the LA's own monthly values once the indicators engine
 * supplies them (struct benchmark_local), else from published annual
 * figures on the day each describes (31 March for most). A month with
 * neither has no actual: nothing is interpolated or extrapolated. */
#ifndef CF_INDICATORS_TRAJECTORY_H
#define CF_INDICATORS_TRAJECTORY_H

#include "indicators/benchmark.h"
#include "base/date.h"
#include "base/error.h"
#include "base/table.h"
#include "store/store.h"

enum traj_shape { TRAJ_LINEAR, TRAJ_GEOMETRIC };

struct trajectory {
	long long id;                 /* 0 until saved */
	char name[128];
	char indicator[64];           /* an id of the indicator map, or one only the kpi engine computes
				       * (assessment_45wd): its actuals come from the returns alone */
	char la_code[8];              /* whose published figures are actuals; "" = none */
	cf_date from, to;
	double from_value, to_value;
	enum traj_shape shape;
	double tolerance_pct;         /* green within this % of target, amber within twice */
	char basis[256];              /* "set by hand" or the comparator gap */
	char set_by[64], set_at[32];  /* filled by trajectory_save */
};

/* The indicator's polarity: the indicator map's, else the kpi engine's;
 * POL_NONE when neither knows it. */
enum ind_polarity trajectory_polarity(const char *indicator);

/* CF_EINPUT (with the reason) when t cannot be a path: unknown indicator,
 * to not after from, a geometric path through zero or a sign change,
 * tolerance outside 0-100. */
int trajectory_validate(const struct trajectory *t, struct cf_error *err);

/* The k-th monthly point from t->from (k = 0 is from): the same day k
 * months on, or the month's last day when from is a month end (31 March,
 * 30 April, 31 May ...). */
cf_date trajectory_month(cf_date from, int k);
/* Months from a to b, with the part-month as a fraction of its length. */
double trajectory_months_between(cf_date a, cf_date b);
/* The target on day d (from <= d <= to): linear in months elapsed, or
 * geometric (a constant rate per month). */
double trajectory_value_at(const struct trajectory *t, cf_date d);

enum rag { RAG_NONE, RAG_GREEN, RAG_AMBER, RAG_RED };
/* Compare actual with target: only a shortfall in the indicator's bad
 * direction counts (either direction when it has no polarity); green
 * within tolerance_pct of the target, amber within twice, red beyond. */
enum rag trajectory_rag(double target, double actual, enum ind_polarity pol, double tolerance_pct);
const char *rag_name(enum rag r);   /* "", "green", "amber", "red" */

/* Store t as a new version of its name: sets id, set_by ($USER or "unknown")
 * and set_at (UTC). */
int trajectory_save(struct store *st, struct trajectory *t, struct cf_error *err);
/* The latest version of each name (or of `name` only), by name. *out is
 * malloc'd (free it). CF_EINPUT when name is given and not stored. */
int trajectory_list(struct store *st, const char *name, struct trajectory **out, int *n, struct cf_error *err);

/* Set t's path from the LA's gap to a comparator: from its latest published
 * value (on the day it describes) to the comparator's value on `by`. Fills
 * from, to, from_value, to_value and basis; t->indicator and t->la_code
 * must be set. */
int trajectory_from_gap(struct trajectory *t, const struct benchmark_data *d, enum benchmark_comparator cmp,
			cf_date by, struct cf_error *err);

/* One month of a trajectory against its actual. */
struct trajectory_point {
	int trajectory;               /* index into the ts[] given */
	cf_date day;
	double target;
	double actual;                /* NAN when the month has none */
	const char *source;           /* "kpi", "published", or NULL when no actual */
	double variance;              /* actual - target; NAN without an actual */
	double variance_pct;          /* of |target|; NAN without an actual or when the target is 0 */
	enum rag rag;                 /* RAG_NONE without an actual */
};

/* Each trajectory's months from its start to its target date, in ts[]
 * order. *out is the caller's (free). published and local may be NULL. */
int trajectory_points(const struct trajectory *ts, int n, const struct benchmark_data *published,
		      const struct benchmark_local *local, struct trajectory_point **out, size_t *npoints,
		      struct cf_error *err);

/* Two tables for ts[0..n): "trajectories" (name, indicator, la_code, from,
 * from_value, to, to_value, shape, tolerance_pct, basis, set_by, set_at) and
 * "trajectory_months" (name, month, target, actual, actual_source,
 * variance, variance_pct, rag). published and local may be NULL. The
 * tables are the caller's. */
int trajectory_tables(const struct trajectory *ts, int n, const struct benchmark_data *published,
		      const struct benchmark_local *local, struct cf_table **summary, struct cf_table **months,
		      struct cf_error *err);
/* The same tables laid out from points already made by trajectory_points. */
int trajectory_points_tables(const struct trajectory *ts, int n, const struct trajectory_point *pts, size_t npts,
			     struct cf_table **summary, struct cf_table **months, struct cf_error *err);

#endif
