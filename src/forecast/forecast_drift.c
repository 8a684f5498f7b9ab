/* Drift of entry and exit rates carried into a simulated run
 * (forecast_drift.h). */
#include "forecast/forecast_drift.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const fc_drift_names[FC_NDRIFT] = { "history", "none" };

/* caseflow calibrate --measure cla --table drift, on the bundled tables
 * (children looked after, 2021-2025, 153 councils): drift_sd_pct ÷ 100. */
const double fc_drift_cuts[2] = { 352, 578 };
const struct fc_drift_sd fc_drift_by_size[3] = {
	{ .entry = 0.220762, .exit = 0.028981 },   /* small: under 352 in care */
	{ .entry = 0.153509, .exit = 0.091215 },   /* medium: 352 to 577 */
	{ .entry = 0.161100, .exit = 0.071020 },   /* large: 578 and over */
};

int fc_drift_size_band(double n)
{
	return n < fc_drift_cuts[0] ? 0 : n < fc_drift_cuts[1] ? 1 : 2;
}

struct fc_drift_sd fc_drift_for(double children_in_care)
{
	return fc_drift_by_size[fc_drift_size_band(children_in_care)];
}

enum { MAX_YEARS = 12 };   /* --months is at most 120 */

int fc_schedule_drift(struct fc_schedule *s, struct fc_drift_sd sd, struct cf_rng *rng, struct cf_error *err)
{
	int years = (s->days + 364) / 365;
	if (years < 1)
		return CF_OK;
	if (years > MAX_YEARS)
		years = MAX_YEARS;
	double entry[MAX_YEARS], exit[MAX_YEARS], we = 0, wx = 0;
	for (int y = 0; y < years; y++) {
		we += sd.entry * cf_rng_normal(rng);
		wx += sd.exit * cf_rng_normal(rng);
		entry[y] = exp(we - (y + 1) * sd.entry * sd.entry / 2);
		exit[y] = exp(wx - (y + 1) * sd.exit * sd.exit / 2);
	}
	for (int t = 1; t <= s->days; t++) {
		int y = (t - 1) / 365;
		s->entry_mult[t] *= entry[y < years ? y : years - 1];
	}
	/* pieces: every old piece cut at each year's first day */
	int cap = s->npieces + years;
	int *first = malloc((size_t)cap * sizeof *first);
	struct fc_rates *rates = malloc((size_t)cap * sizeof *rates);
	if (!first || !rates) {
		free(first), free(rates);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	int n = 0;
	for (int p = 0; p < s->npieces; p++) {
		int lo = s->first_day[p], hi = p + 1 < s->npieces ? s->first_day[p + 1] : s->days + 1;
		for (int y = 0; y < years; y++) {
			int ylo = 1 + 365 * y, yhi = y + 1 < years ? 1 + 365 * (y + 1) : s->days + 1;
			int a = lo > ylo ? lo : ylo, b = hi < yhi ? hi : yhi;
			if (a >= b)
				continue;
			first[n] = a;
			rates[n] = s->rates[p];
			struct fc_rates *r = &rates[n++];
			for (int i = 0; i < r->nrate; i++) {
				double moves = fc_rates_out(r, i) - r->exit[i], x = r->exit[i] * exit[y];
				r->exit[i] = x + moves > 1 ? 1 - moves : x;   /* a day's probabilities stay within 1 */
			}
		}
	}
	free(s->first_day);
	free(s->rates);
	s->first_day = first, s->rates = rates, s->npieces = n;
	return CF_OK;
}
