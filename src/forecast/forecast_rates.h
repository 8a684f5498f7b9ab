/* Daily transition and entry rates estimated from cleaned histories over a
 * reference window: for each day, transitions out of a state ÷ the previous
 * day's stock in it, averaged over the days that state had any stock; and
 * entrants per day. Optionally weighted per child (the bootstrap). */
#ifndef CF_FORECAST_FORECAST_RATES_H
#define CF_FORECAST_FORECAST_RATES_H

#include "forecast/forecast_states.h"

enum fc_method {
	FC_METHOD_MARKOV,     /* the reference: ageing is a daily rate like any move */
	FC_METHOD_EXACT_AGE,  /* children age on their birthdays; moves and exits are rates */
	FC_METHOD_DURATION,   /* exact ageing, and rates by time-in-care band */
	FC_NMETHODS
};
extern const char *const fc_method_names[FC_NMETHODS];   /* "markov", "exact-age", "duration" */
int fc_method_parse(const char *s);                        /* index or -1 */

/* Rates are kept per "rate state": FC_STATE(band, place) plus, for the
 * duration method, FC_NSTATES × duration band. A move keeps the child's
 * duration (the period of care goes on). */
enum { FC_NRATE_STATES = FC_NSTATES * FC_NDUR };
struct fc_rates {
	enum fc_method method;
	int nrate;                                   /* FC_NSTATES or FC_NRATE_STATES */
	double move[FC_NRATE_STATES][FC_NSTATES];     /* daily probability of moving to a state */
	double exit[FC_NRATE_STATES];                 /* daily probability of leaving care */
	double entry[FC_NSTATES];                     /* entrants per day */
	double stock_days[FC_NRATE_STATES];           /* child-days seen in the window (diagnostic) */
};

/* The rate state of a child in `state` with duration band `dur`. */
static inline int fc_rate_state(const struct fc_rates *r, int state, int dur)
{
	return r->nrate == FC_NSTATES ? state : dur * FC_NSTATES + state;
}
/* Sum of the daily probabilities of leaving rate state i. */
double fc_rates_out(const struct fc_rates *r, int i);

/* An estimator holds the segments that touch the window, so that many
 * weighted estimates (bootstrap runs, from several threads at once) do not
 * rescan the whole history. */
struct fc_estimator;

int fc_estimator_new(const struct fc_history *h, enum fc_method method, cf_date ref_start, cf_date ref_end,
		     struct fc_estimator **out, struct cf_error *err);
void fc_estimator_free(struct fc_estimator *e);
/* Estimate rates with child weights (weights[child], NULL for all 1).
 * Thread-safe for one estimator. Returns CF_OK or CF_EIO (memory). */
int fc_estimator_run(const struct fc_estimator *e, const unsigned *weights, struct fc_rates *out);

/* Convenience: a one-off unweighted estimate. */
int fc_rates_estimate(const struct fc_history *h, enum fc_method method, cf_date ref_start, cf_date ref_end,
		      struct fc_rates *out, struct cf_error *err);

#endif
