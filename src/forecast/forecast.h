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
	enum fc_drift drift;             /* rate drift in the bands (default: history) */
	int threads;                     /* 0: one per CPU */
	uint64_t seed;
	double bands[FC_MAX_BANDS];      /* percentiles reported, ascending */
	int nbands;
	const struct fc_placemap *map;
	struct fc_costs *costs;          /* weighted here to the reference window */
	const struct fc_scenario *scenario;  /* NULL for none */
	const struct fc_population *population;  /* for --entrants projection; set by forecast_run */
	struct progress *progress;       /* NULL for none */
};

/* Fill in defaults: markov, 24 months, bands 5,25,50,75,95, seed 1, drift
 * from history. */
void fc_options_init(struct fc_options *o);

/* A forecast's projected daily stock and, with runs, each run's month-end stock. */
struct fc_forecast {
	cf_date start;
	int days, nmonths;
	int *month_day;               /* owned: day (1..days) of each month-end */
	double *daily;                /* owned: (days + 1) × FC_NSTATES expected children in care */
	struct fc_sim_result sim;     /* runs = 0 without simulation */
	int drift;                    /* 1 when the runs' rates drifted */
	struct fc_drift_sd drift_sd;  /* ... by this much a year, for a council of */
	double children_at_start;     /* ... this many children in care at the start */
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

/* --- a forecast's typed results -------------------------------------------- */

/* A series of the forecast: one state, or a total over age bands and/or
 * placements (-1: all). fc_series_index gives a series' place in the arrays
 * below: 0 is the total, 1 + p placement p, then each band, then each state. */
struct fc_series {
	int band, place;
};
enum { FC_NSERIES = 1 + FC_NPLACE + FC_NBANDS + FC_NBANDS * FC_NPLACE };
extern const struct fc_series fc_series_all[FC_NSERIES];
int fc_series_index(int band, int place);

/* Periods the costs and the scenario are added up by. */
enum fc_period_kind { FC_PERIOD_MONTH = 0, FC_PERIOD_QUARTER, FC_PERIOD_YEAR, FC_NPERIOD_KINDS };
extern const char *const fc_period_kind_names[FC_NPERIOD_KINDS];   /* "month", "quarter", "year" */

struct fc_period {
	enum fc_period_kind kind;
	char label[16];                  /* "2024-04", "2024-25 Q1", "2024-25" */
	cf_date from, to;                /* first and last day */
};

/* Cost of one period: children at its end, pounds by placement. */
struct fc_period_cost {
	struct fc_period period;
	double children_at_end;
	double gbp[FC_NPLACE];
	double total_gbp;
	double cumulative_gbp;           /* since the forecast's start, within the period kind */
};

/* The scenario against the base in one period. */
struct fc_period_scenario {
	struct fc_period period;
	double base_children, scenario_children;   /* at the period's end */
	double base_gbp, scenario_gbp;
	double cumulative_difference_gbp;          /* scenario less base, within the period kind */
};

/* A backtest's score for one method, series (0 the total, 1 + p placement
 * category p) and band, over every cut-off. The cut-offs are the
 * independent trials (a cut-off's month-ends share its rates), so the
 * intervals rest on them: with one cut-off they are wide, as they should be. */
struct fc_backtest_score {
	enum fc_method method;
	int series;
	double lo_pct, hi_pct;            /* the band (p5 to p95: 5, 95); 0, 0 without runs */
	int cutoffs;                      /* cut-offs scored */
	int month_ends;                   /* month-ends scored, over every cut-off */
	int inside;                       /* ... with the actual inside the band */
	double coverage_pct;              /* 100 · inside / month_ends; NAN without a band */
	double coverage_low_pct, coverage_high_pct;   /* Wilson 95% interval, n = cut-offs */
	double mean_ape_pct;              /* mean absolute % error over the month-ends */
	double ape_low_pct, ape_high_pct; /* 95% t interval over the cut-offs' means; NAN with one cut-off */
};

/* A backtest's forecast for one method, cut-off, series (0 the total, 1 +
 * p placement category p) and horizon (6, 12 or 24 months): the rows of
 * the backtest table. */
struct fc_backtest_point {
	enum fc_method method;
	cf_date cutoff;
	int horizon_months;
	cf_date date;                     /* the month-end scored */
	int series;
	long long actual;                 /* children in care that day */
	double forecast;
	double ape_pct;                   /* NAN when actual is 0 */
	signed char inside[FC_MAX_BANDS / 2];   /* band pair b (bands[b] to bands[nbands-1-b]): 1 inside, 0 not; -1 without runs */
};

/* What a forecast found, typed, for callers that compute with it or draw
 * it; tables[] lay the same out for render_tables(). Arrays are owned. */
struct forecast_result {
	struct fc_plan plan;             /* the dates used */
	int nmonths;
	cf_date *month_end;              /* [nmonths] */
	double *mean;                    /* [nmonths][FC_NSERIES] children in care */
	double *cost_gbp;                /* [nmonths][FC_NSERIES] the month's cost */
	int nbands;                      /* percentiles with bands; 0 without runs */
	double bands[FC_MAX_BANDS];
	double *band;                    /* [nmonths][FC_NSERIES][nbands], NULL when nbands is 0 */
	int runs;                        /* simulated futures behind the bands */
	char cost_source[160];           /* where the unit costs came from, in words */
	double children_at_start;
	struct fc_period_cost *costs;    /* months, then quarters, then years */
	int ncosts;
	struct fc_period_scenario *scenario;   /* the same periods; NULL without a scenario */
	int nscenario;
	struct fc_backtest_score *backtest;    /* a backtest's scores (the coverage table's rows) */
	int nbacktest;
	struct fc_backtest_point *points;      /* a backtest's forecasts at 6, 12, 24 months (its table's rows) */
	int npoints;
	/* The tables `caseflow forecast` prints: "forecast", "costs", "scenario"
	 * (with a scenario), "rates" and "inputs"; "backtest" and "coverage" for
	 * a backtest, which fills only bands, nbands, backtest and points of the
	 * typed fields. */
	struct cf_table *tables[8];
	int ntables;
};

/* Children in care in month k, series s (fc_series_index). */
double forecast_mean(const struct forecast_result *r, int k, int s);
/* Percentile q of series s in month k, or NAN when q is not a band. */
double forecast_band(const struct forecast_result *r, int k, int s, double q);
void forecast_result_free(struct forecast_result *r);

/* Everything `caseflow forecast` computes from cla with o, typed and as
 * tables, into *out (forecast_result_free it). */
int forecast_compute(const struct cla_data *cla, const struct fc_options *o, struct forecast_result **out,
		     struct cf_error *err);

/* The same as tables only. Owned by the caller (cf_table_free each). */
int forecast_report(const struct cla_data *cla, const struct fc_options *o, struct cf_table **tables,
		    int *ntables, int max_tables, struct cf_error *err);

/* Backtesting: from each cut-off, rewind, forecast `months` ahead with
 * each method in methods[], and score against what the full data show:
 * absolute percentage error of total CLA and each placement category at 6,
 * 12 and 24 months ("backtest"), and over every cut-off and month-end how
 * often the actual fell inside each band and the mean error, with their
 * intervals ("coverage", and res->backtest typed). Fills res's tables and
 * backtest scores. */
enum { FC_MAX_CUTOFFS = 24 };
int forecast_backtest(const struct cla_data *cla, const struct fc_options *o, const cf_date *cutoffs,
		      int ncutoffs, const enum fc_method *methods, int nmethods, struct forecast_result *res,
		      struct cf_error *err);

/* --- the forecast job ---------------------------------------------------------
 * One entry point for every caller (caseflow forecast, the report, the
 * server): episodes from the store, costs, place map and scenario from
 * their files, then the forecast or the backtest. */
struct forecast_options {
	struct fc_options model;         /* method, dates, runs, bands, seed ...; fc_options_init it.
					  * map, costs and scenario are set by forecast_run */
	const char *costs_path;          /* weekly unit costs CSV; NULL: the built-in set */
	/* Without costs_path: called after the built-in costs are set, to put the
	 * council's own in their place (placements_store_costs does, from the
	 * placement costs extract); NULL: the built-in set alone. A caller brings
	 * costs this way from a room the forecast may not use. */
	int (*own_costs)(struct store *st, const struct fc_placemap *map, struct fc_costs *costs,
			 struct cf_error *err);
	double inflation_pct;            /* annual cost inflation, percent */
	cf_date inflation_from;          /* CF_DATE_NONE: the forecast's start */
	const char *scenario_path;       /* NULL: none */
	const char *place_map_path;      /* NULL: the built-in PLACE mapping */
	const char *population_area;     /* --entrants projection: the population rows of this area (an ONS
					  * code, as ONS's projection names councils); NULL: area "LA" or none */
	enum cla_withdrawn withdrawn;    /* CLA_DROP_WITHDRAWN (default): as every other count;
					  * CLA_KEEP_WITHDRAWN: as the reference model (docs/forecast.md) */
	int backtest;                    /* rewind to cutoff and score each of methods[] */
	cf_date cutoff;                  /* the cut-off, when ncutoffs is 0 */
	cf_date cutoffs[FC_MAX_CUTOFFS]; /* several cut-offs, pooled in the scores */
	int ncutoffs;
	enum fc_method methods[FC_NMETHODS];
	int nmethods;
};

/* Defaults: those of fc_options_init, withdrawn episodes left out, no files. */
void forecast_options_init(struct forecast_options *o);
/* The options as caseflow forecast and the server take them as text:
 * bands ("5,25,50,75,95": ascending percentiles 0-100, at most
 * FC_MAX_BANDS) into o; 0, or -1 when malformed. */
int forecast_bands_parse(const char *v, struct fc_options *o);
/* "markov", "exact-age", "duration": an enum fc_method, or -1. */
int forecast_method_parse(const char *s);
/* "constant", "trend", "seasonal", "trend+seasonal": an enum fc_entrants, or -1. */
int forecast_entrants_parse(const char *s);

/* Run the forecast (or backtest) o asks for over the store's episodes.
 * *out is the caller's (forecast_result_free). A file's error names the
 * file and line; too little history for the window is CF_EUSAGE. */
int forecast_run(struct store *st, const struct forecast_options *o, struct forecast_result **out,
		 struct cf_error *err);

#endif
