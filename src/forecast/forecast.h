/* `caseflow forecast`: children in care by age band and placement category,
 * month by month, with costs, uncertainty bands and scenarios, as result
 * tables. The model's parts are in forecast_*.h; docs/forecast.md says what
 * each option does and why. */
#ifndef CF_FORECAST_FORECAST_H
#define CF_FORECAST_FORECAST_H

#include "forecast/forecast_costs.h"
#include "forecast/forecast_entrants.h"
#include "forecast/forecast_sim.h"
#include "forecast/forecast_history.h"
#include "base/table.h"

enum { FC_MAX_BANDS = 16 };

struct fc_options {
	enum fc_method method;
	enum fc_merge merge;
	enum fc_entrants entrants;
	cf_date ref_start, ref_end;      /* CF_DATE_NONE: the last 12 months of data */
	cf_date start;                   /* CF_DATE_NONE: the data's end */
	int months;                      /* horizon: month-ends after start */
	int runs;                        /* bootstrap-and-simulate runs; 0 for none */
	int bootstrap;                   /* resample children in each run */
	int threads;                     /* 0: one per CPU */
	uint64_t seed;
	double bands[FC_MAX_BANDS];      /* percentiles reported, ascending */
	int nbands;
	const struct fc_placemap *map;
	struct fc_costs *costs;          /* weighted here to the reference window */
	const struct fc_scenario *scenario;  /* NULL for none */
	struct progress *progress;       /* NULL for none */
};

/* Fill in defaults: markov, 24 months, bands 5,25,50,75,95, seed 1. */
void fc_options_init(struct fc_options *o);

/* A forecast's projected daily stock and, with runs, each run's month-end stock. */
struct fc_forecast {
	cf_date start;
	int days, nmonths;
	int *month_day;               /* owned: day (1..days) of each month-end */
	double *daily;                /* owned: (days + 1) × FC_NSTATES expected children in care */
	struct fc_sim_result sim;     /* runs = 0 without simulation */
	int clamped;
};
void fc_forecast_release(struct fc_forecast *f);

/* The resolved dates and inputs of a forecast from history h. */
struct fc_plan {
	cf_date ref_start, ref_end, start, horizon;
	int days;
};
int fc_plan_make(const struct fc_history *h, const struct fc_options *o, struct fc_plan *p, struct cf_error *err);

/* Project from h: the mean is the deterministic reference projection for
 * markov and the simulation mean otherwise; runs add bands. */
int fc_forecast_run(const struct fc_history *h, const struct fc_options *o, const struct fc_plan *p,
		    const struct fc_scenario *sc, struct fc_forecast *out, struct cf_error *err);

/* Everything `caseflow forecast` prints: tables "forecast", "costs",
 * "scenario" (with a scenario), "rates" and "inputs". Owned by the
 * caller (cf_table_free each). */
int forecast_report(const struct cla_data *cla, const struct fc_options *o, struct cf_table **tables,
		    int *ntables, int max_tables, struct cf_error *err);

/* Backtesting: rewind to cutoff, forecast `months` ahead with each method
 * in methods[], and score against what the full data show: absolute
 * percentage error of total CLA and each placement category at 6, 12 and
 * 24 months, and how often actual month-ends fell inside each band. */
int forecast_backtest(const struct cla_data *cla, const struct fc_options *o, cf_date cutoff,
		      const enum fc_method *methods, int nmethods, struct cf_table **tables, int *ntables,
		      int max_tables, struct cf_error *err);

#endif
