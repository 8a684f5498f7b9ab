/* How well aggregate forecasts have held for every council, measured on
 * DfE's published history (children looked after 2021–2025, children in
 * need and referrals since 2013): for every council, cut-off year and
 * horizon, a stock-and-flow forecast and naive baselines against what
 * happened; how much entry and exit rates drift from year to year; and
 * 90% bands whose width is learnt, time-honestly, from the other councils'
 * past errors as a function of council size (drift + count noise / size).
 * docs/forecast.md ("Calibration on every council's history") gives the
 * method and the results. */
#ifndef CF_FORECAST_FORECAST_HISTORY_H
#define CF_FORECAST_FORECAST_HISTORY_H

#include "base/error.h"
#include "base/table.h"
#include "store/store.h"

#define HISTORY_MAX_YEARS 16

enum history_measure { HISTORY_CLA, HISTORY_CIN, HISTORY_REFERRALS, HISTORY_NMEASURES };
enum history_method { HISTORY_LAST, HISTORY_TREND, HISTORY_STOCK_FLOW, HISTORY_BLEND, HISTORY_NMETHODS };

/* One council's annual series for one measure; year y is first_year + i.
 * NAN where the table has no figure (suppressed, not yet a council). For
 * referrals, stock holds the year's referrals and starts/ceased are NAN. */
struct history_series {
	char la_code[8];                        /* DfE's three-digit number */
	int first_year, nyears;
	double stock[HISTORY_MAX_YEARS];        /* at 31 March (CLA, CIN); referrals in the year */
	double starts[HISTORY_MAX_YEARS];       /* started in the year ending 31 March */
	double ceased[HISTORY_MAX_YEARS];
	double population[HISTORY_MAX_YEARS];   /* children aged 0–17 */
};

const char *history_measure_name(enum history_measure m);   /* "cla", "cin", "referrals" */
int history_measure_parse(const char *s, enum history_measure *out);  /* 0, or -1 unknown */
const char *history_method_name(enum history_method m);     /* "last", "trend", "stock-flow", "blend" */

/* The forecast of s's stock (or referrals) `horizon` years after the
 * cut-off year `cutoff`, seeing only years <= cutoff:
 *   last:       the cut-off year's value;
 *   trend:      the least-squares line through the last three years (two
 *               when only two are known), extended;
 *   stock-flow: entrants at the cut-off year's rate per child of the
 *               population (held flat), exits at the cut-off year's rate
 *               of those at risk (ceased / (stock a year before + started)),
 *               stepped a year at a time — the reference model's method in
 *               aggregate. Referrals have no stock: their rate per child
 *               times the population, which is `last` when the population
 *               is held flat, so stock-flow is not given for them.
 * NAN when the inputs are missing. The blend, last · (stock-flow ÷
 * last)^w with w learnt from every council's known errors, needs all the
 * councils: history_blend_weight gives w, history_forecast NAN for it. */
double history_forecast(const struct history_series *s, enum history_measure m, enum history_method method,
			int cutoff, int horizon);

/* The blend's weight for forecasts `horizon` years on from cut-off year
 * `cutoff`: the least-squares slope of ln(actual ÷ last) on ln(stock-flow ÷
 * last), through the origin, over every council's forecasts of that horizon
 * whose outcome year is no later than `cutoff` (what was known then), held
 * to 0..1; 0 (the last value) while fewer than 30 are known. */
double history_blend_weight(const struct history_series *series, int n, enum history_measure m, int cutoff,
			    int horizon);

/* Read every council's series for measure m from the store's published
 * tables (DfE's CLA, b1 and c1 tables, with the ONS population). *out is
 * malloc'd (free() it), *n councils. CF_EINPUT with a pointer to the
 * tables to ingest when the store holds none. */
int history_load(struct store *st, enum history_measure m, struct history_series **out, int *n,
		 struct cf_error *err);

/* How much one rate moves from one year to the next (standard deviations
 * of the change in ln(rate), as fractions): all of it, the part count noise
 * explains (Poisson, 1 / count in each year) and the drift that remains. */
struct history_drift_row {
	int councils, pairs;          /* pairs < 2: nothing measured */
	double change_sd, noise_sd, drift_sd;
};
/* The drift of each rate by council size: rows[rate][band], rate 0 entry
 * and 1 exit (referrals: 0, the referral rate alone), band 0..2 the
 * tertiles of the councils' latest figure split at cuts[0] < cuts[1], and
 * 3 every council. caseflow calibrate's "drift" table lays it out; the
 * child-level forecast's bands carry the cla measure's (forecast_drift.c). */
struct history_drift {
	double cuts[2];
	int nrates;
	struct history_drift_row rows[2][4];
};
void history_drift_fit(const struct history_series *series, int n, enum history_measure m, struct history_drift *out);

/* The calibration tables over n series of measure m, for horizons 1 to
 * max_horizon: "calibration" (measure, method, horizon, size band,
 * forecasts, cut-offs, median and mean absolute % error, coverage of the
 * learnt 90% band and of a band of count noise alone) and "drift" (the
 * year-to-year change in each rate by size band, split into its drift and
 * count-noise parts). *out receives 2 tables; the caller frees them. */
int history_calibrate(const struct history_series *series, int n, enum history_measure m, int max_horizon,
		      struct cf_table *out[2], struct cf_error *err);

#endif
