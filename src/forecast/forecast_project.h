/* Projecting children in care day by day: next = M · now + entrants, with
 * M's diagonal the probability of staying (1 − the rates out). The rates
 * may change on given days (a scenario) and entrants may follow a profile
 * (trend, seasonality); both are carried by a schedule. */
#ifndef CF_FORECAST_FORECAST_PROJECT_H
#define CF_FORECAST_FORECAST_PROJECT_H

#include "forecast/forecast_scenario.h"

/* Day 0 is `start` (the observed stock); days 1..days are projected. */
struct fc_schedule {
	cf_date start;
	int days;
	int npieces;
	int *first_day;           /* owned; piece p's rates apply from day first_day[p] */
	struct fc_rates *rates;   /* owned; npieces */
	double *entry_mult;       /* owned; [days + 1], multiplies entry rates */
	double *band_mult;        /* owned; NULL, or [(days + 1) × FC_NBANDS] multiplying each band's too */
	int clamped;              /* rate states a scenario had to scale back (all pieces) */
};

/* Build a schedule from base rates, a scenario (NULL for none) and an
 * entrants profile (entry_mult[days + 1], NULL for constant). */
int fc_schedule_build(const struct fc_rates *base, const struct fc_scenario *sc, const double *entry_mult,
		      cf_date start, int days, struct fc_schedule *out, struct cf_error *err);
void fc_schedule_release(struct fc_schedule *s);
/* Copy a by-band entrants profile (band_mult[(days + 1) × FC_NBANDS]) in. */
int fc_schedule_set_band_mult(struct fc_schedule *s, const double *band_mult, struct cf_error *err);
/* Entrants per day to state j on day t. */
double fc_schedule_entry(const struct fc_schedule *s, const struct fc_rates *r, int t, int j);
/* The rates in force on day t (1..days). */
const struct fc_rates *fc_schedule_rates(const struct fc_schedule *s, int t);
/* The first day after t (t < result) on which the rates change, or days + 1. */
int fc_schedule_next_change(const struct fc_schedule *s, int t);

/* One day of the reference model for FC_NSTATES rate states:
 * next[j] = now[j]·(1 − out_j) + Σ_i now[i]·move[i][j] + entry[j]·entry_mult. */
void fc_step(const struct fc_rates *r, double entry_mult, const double *now, double *next);

/* Deterministic projection of the reference model (the rates' method must
 * keep one rate state per state: markov). out: (days + 1) × FC_NSTATES,
 * out[0..] = stock0. */
void fc_project(const struct fc_schedule *s, const double *stock0, double *out);

#endif
