/* Entrants over time: the reference holds entrants per day constant at the
 * window's average; this profile multiplies that by a linear trend and/or
 * calendar-month seasonality fitted to monthly entrant counts since the
 * data's start (docs/forecast.md "Entrants"). */
#ifndef CF_FORECAST_FORECAST_ENTRANTS_H
#define CF_FORECAST_FORECAST_ENTRANTS_H

#include "forecast/forecast_states.h"

enum fc_entrants { FC_ENTRANTS_CONSTANT, FC_ENTRANTS_TREND, FC_ENTRANTS_SEASONAL, FC_ENTRANTS_BOTH,
		  FC_ENTRANTS_PROJECTION, FC_NENTRANTS };
/* "constant", "trend", "seasonal", "trend+seasonal", "projection" */
extern const char *const fc_entrants_names[FC_NENTRANTS];
int fc_entrants_parse(const char *s);

struct fc_entrants_fit {
	int months;                 /* whole months of data the fit used */
	double per_day_start;       /* fitted entrants per day in the first of them */
	double trend_per_year;      /* change in entrants per day per year */
	double season[12];          /* factor by calendar month (January first), mean 1 */
};

/* mult[t] for day start + t, t = 0..days, relative to the reference
 * window's average (1 for constant and projection, whose profile is by age
 * band: fc_entrants_population). CF_EINPUT when there are too few months
 * for the mode. */
int fc_entrants_profile(const struct fc_history *h, enum fc_entrants mode, cf_date ref_start, cf_date ref_end,
			cf_date start, int days, double *mult, struct fc_entrants_fit *fit, struct cf_error *err);

/* The child population by forecast age band and mid-year (30 June), from
 * ONS's estimates and projection as loaded (the store's population rows
 * for the whole authority). NAN where a year has no figure. */
enum { FC_POP_FIRST_YEAR = 1990, FC_POP_YEARS = 80 };
struct fc_population {
	double count[FC_POP_YEARS][FC_NBANDS];   /* [year − FC_POP_FIRST_YEAR][band] */
};

/* Entrants tied to the population (--entrants projection): each band's
 * entrants move with the children of its ages, band_mult[t · FC_NBANDS + b]
 * = P_b(start + t) ÷ P_b(the reference window's middle), P linear between
 * mid-years and held at the first or last year known. CF_EINPUT when a
 * band has no population at all. */
int fc_entrants_population(const struct fc_population *pop, cf_date ref_start, cf_date ref_end, cf_date start,
			   int days, double *band_mult, struct cf_error *err);

#endif
