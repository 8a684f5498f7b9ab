/* Rate drift in the forecast's bands: how much entry and exit rates move
 * from one year to the next beyond count noise, learnt from every
 * council's published history (caseflow calibrate's drift table on the
 * bundled DfE tables), by council size; each simulated run draws its own
 * drifting path. docs/forecast.md, "Drift in the bands". */
#ifndef CF_FORECAST_FORECAST_DRIFT_H
#define CF_FORECAST_FORECAST_DRIFT_H

#include "forecast/forecast_project.h"
#include "base/rng.h"

enum fc_drift { FC_DRIFT_HISTORY, FC_DRIFT_NONE, FC_NDRIFT };
extern const char *const fc_drift_names[FC_NDRIFT];   /* "history", "none" (the present bands) */

/* Standard deviation of a year's change in ln(rate), drift only. */
struct fc_drift_sd {
	double entry, exit;
};

/* The constants: children-looked-after councils split by their children in
 * care at 31 March into small (< cuts[0]), medium and large (>= cuts[1]),
 * each with its drift. tests/unit/test_forecast_drift.c recomputes them
 * with history_drift_fit from the tables built into the binary. */
extern const double fc_drift_cuts[2];
extern const struct fc_drift_sd fc_drift_by_size[3];

/* The size band (0..2) of a council with this many children in care, and
 * its drift. */
int fc_drift_size_band(double children_in_care);
struct fc_drift_sd fc_drift_for(double children_in_care);

/* One run's drift on a schedule: a random walk in ln(rate), a step of
 * N(0, sd²) at the start of each forecast year (days 1, 366, 731, …),
 * so year k's rates are the window's × exp(the sum of k steps − k·sd²/2)
 * (mean 1: the drift widens the bands, it does not move the mean). Entry
 * rates multiply entry_mult; exit rates multiply every piece's exit[], the
 * pieces split at each year's start. Draws 2 normals a year from rng. */
int fc_schedule_drift(struct fc_schedule *s, struct fc_drift_sd sd, struct cf_rng *rng, struct cf_error *err);

#endif
