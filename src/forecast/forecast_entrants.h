/* Entrants over time: the reference holds entrants per day constant at the
 * window's average; this profile multiplies that by a linear trend and/or
 * calendar-month seasonality fitted to monthly entrant counts since the
 * data's start (docs/forecast.md "Entrants"). */
#ifndef CF_FORECAST_FORECAST_ENTRANTS_H
#define CF_FORECAST_FORECAST_ENTRANTS_H

#include "forecast/forecast_states.h"

enum fc_entrants { FC_ENTRANTS_CONSTANT, FC_ENTRANTS_TREND, FC_ENTRANTS_SEASONAL, FC_ENTRANTS_BOTH, FC_NENTRANTS };
extern const char *const fc_entrants_names[FC_NENTRANTS];  /* "constant", "trend", "seasonal", "trend+seasonal" */
int fc_entrants_parse(const char *s);

struct fc_entrants_fit {
	int months;                 /* whole months of data the fit used */
	double per_day_start;       /* fitted entrants per day in the first of them */
	double trend_per_year;      /* change in entrants per day per year */
	double season[12];          /* factor by calendar month (January first), mean 1 */
};

/* mult[t] for day start + t, t = 0..days, relative to the reference
 * window's average. CF_EINPUT when there are too few months for the mode. */
int fc_entrants_profile(const struct fc_history *h, enum fc_entrants mode, cf_date ref_start, cf_date ref_end,
			cf_date start, int days, double *mult, struct fc_entrants_fit *fit, struct cf_error *err);

#endif
