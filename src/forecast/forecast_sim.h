/* Uncertainty by simulation: each run resamples the children (whole
 * histories, with replacement) and re-estimates the rates from them — the
 * uncertainty of the rates — then simulates every child in care and every
 * entrant through the daily process — the uncertainty of the future. Runs
 * are spread over threads; each run draws from its own generator seeded
 * from (seed, run), so results do not depend on the thread count. */
#ifndef CF_FORECAST_FORECAST_SIM_H
#define CF_FORECAST_FORECAST_SIM_H

#include <stdint.h>

#include "forecast/forecast_drift.h"
#include "forecast/forecast_project.h"
#include "base/progress.h"
#include "base/rng.h"

struct fc_sim_config {
	const struct fc_history *h;
	enum fc_method method;
	cf_date ref_start, ref_end;     /* the reference window rates are estimated over */
	cf_date start;                  /* day 0: children in care at its end start the run */
	int days;                       /* days simulated */
	const struct fc_scenario *scenario;   /* NULL for none */
	const double *entry_mult;       /* [days + 1] entrants profile, NULL for constant */
	const double *band_mult;        /* [(days + 1) × FC_NBANDS] by age band, NULL for none */
	int runs;
	int threads;                    /* 0: one per CPU, at most 8 */
	uint64_t seed;
	int bootstrap;                  /* 1: resample children each run */
	int drift;                      /* 1: each run's rates drift by drift_sd (forecast_drift.h) */
	struct fc_drift_sd drift_sd;
	const int *sample_days;         /* days (1..days) whose stock each run keeps */
	int nsample;
	struct progress *progress;      /* NULL for none; updated from the calling thread */
};

struct fc_sim_result {
	int runs, nsample, days;
	float *stock;        /* owned: runs × nsample × FC_NSTATES children in care */
	double *mean;        /* owned: (days + 1) × FC_NSTATES mean over runs of the daily stock */
};

int fc_simulate(const struct fc_sim_config *c, struct fc_sim_result *out, struct cf_error *err);
void fc_sim_result_release(struct fc_sim_result *r);

#endif
