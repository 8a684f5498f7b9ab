/* Entrants over time: a trend and seasonality fitted to monthly entrants,
 * or each band tied to the child population of its ages. */
#include "forecast/forecast_entrants.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const fc_entrants_names[FC_NENTRANTS] = { "constant", "trend", "seasonal", "trend+seasonal", "projection" };

int fc_entrants_parse(const char *s)
{
	for (int i = 0; i < FC_NENTRANTS; i++)
		if (strcmp(s, fc_entrants_names[i]) == 0)
			return i;
	return -1;
}

/* Months since January of year 0, for month arithmetic. */
static int month_index(cf_date d)
{
	int y, m, dd;
	cf_date_to_ymd(d, &y, &m, &dd);
	return y * 12 + (m - 1);
}

static cf_date month_first(int mi)
{
	return cf_date_from_ymd(mi / 12, mi % 12 + 1, 1);
}

int fc_entrants_profile(const struct fc_history *h, enum fc_entrants mode, cf_date ref_start, cf_date ref_end,
			cf_date start, int days, double *mult, struct fc_entrants_fit *fit, struct cf_error *err)
{
	memset(fit, 0, sizeof *fit);
	for (int c = 0; c < 12; c++)
		fit->season[c] = 1;
	for (int t = 0; t <= days; t++)
		mult[t] = 1;
	if (mode == FC_ENTRANTS_CONSTANT || mode == FC_ENTRANTS_PROJECTION)
		return CF_OK;
	/* whole months from the data's start to the window's end */
	int m0 = month_index(h->data_start);
	if (month_first(m0) != h->data_start)
		m0++;
	int m1 = month_index(ref_end + 1) - 1;   /* last month ending on or before ref_end */
	int M = m1 - m0 + 1;
	int need = mode == FC_ENTRANTS_TREND ? 12 : 24;
	if (M < need)
		return cf_error_set(err, CF_EINPUT,
				    "--entrants %s needs %d whole months of data before the window's end; there are %d",
				    fc_entrants_names[mode], need, M < 0 ? 0 : M);
	double *rate = calloc((size_t)M, sizeof *rate);
	if (!rate)
		return cf_error_set(err, CF_EIO, "out of memory");
	for (size_t i = 0; i < h->nseg; i++) {
		const struct fc_segment *s = &h->seg[i];
		if (!s->entry)
			continue;
		int m = month_index(s->start) - m0;
		if (m >= 0 && m < M)
			rate[m] += 1;
	}
	for (int m = 0; m < M; m++)
		rate[m] /= (double)(month_first(m0 + m + 1) - month_first(m0 + m));
	/* least squares line through (m, rate[m]) */
	double a = 0, b = 0;
	if (mode == FC_ENTRANTS_TREND || mode == FC_ENTRANTS_BOTH) {
		double sx = 0, sy = 0, sxx = 0, sxy = 0;
		for (int m = 0; m < M; m++) {
			sx += m;
			sy += rate[m];
			sxx += (double)m * m;
			sxy += m * rate[m];
		}
		b = (M * sxy - sx * sy) / (M * sxx - sx * sx);
		a = (sy - b * sx) / M;
	} else {
		for (int m = 0; m < M; m++)
			a += rate[m] / M;
	}
	fit->months = M;
	fit->per_day_start = a;
	fit->trend_per_year = b * 12;
	if (mode == FC_ENTRANTS_SEASONAL || mode == FC_ENTRANTS_BOTH) {
		double sum[12] = { 0 }, mean = 0;
		int n[12] = { 0 };
		for (int m = 0; m < M; m++) {
			double level = a + b * m;
			if (level <= 0)
				continue;
			int c = (m0 + m) % 12;
			sum[c] += rate[m] / level;
			n[c]++;
		}
		for (int c = 0; c < 12; c++) {
			fit->season[c] = n[c] ? sum[c] / n[c] : 1;
			mean += fit->season[c] / 12;
		}
		for (int c = 0; c < 12; c++)
			fit->season[c] = mean > 0 ? fit->season[c] / mean : 1;
	}
	/* the window's entrants are the base the rates were estimated at */
	double base = 0;
	int nb = 0;
	for (int mi = month_index(ref_start); mi <= month_index(ref_end); mi++) {
		base += (a + b * (mi - m0)) * fit->season[mi % 12];
		nb++;
	}
	base /= nb;
	free(rate);
	if (base <= 0)
		return cf_error_set(err, CF_EINPUT, "the fitted entrants are zero or less over the window: use --entrants constant");
	for (int t = 0; t <= days; t++) {
		int mi = month_index(start + t);
		double level = a + b * (mi - m0);
		double v = (level > 0 ? level : 0) * fit->season[mi % 12] / base;
		mult[t] = v;
	}
	return CF_OK;
}

/* Band b's population on day d: linear between the mid-years on either
 * side, held flat beyond the first and last known; NAN with none. */
static double population_on(const struct fc_population *pop, int b, cf_date d)
{
	int y, m, dd;
	cf_date_to_ymd(d, &y, &m, &dd);
	cf_date mid = cf_date_from_ymd(y, 6, 30);
	int y0 = d >= mid ? y : y - 1;   /* the mid-year on or before d */
	int lo = -1, hi = -1;
	for (int i = 0; i < FC_POP_YEARS; i++)
		if (!isnan(pop->count[i][b])) {
			if (FC_POP_FIRST_YEAR + i <= y0)
				lo = i;
			else if (hi < 0)
				hi = i;
		}
	if (lo < 0 && hi < 0)
		return NAN;
	if (lo < 0)
		return pop->count[hi][b];
	if (hi < 0)
		return pop->count[lo][b];
	cf_date a = cf_date_from_ymd(FC_POP_FIRST_YEAR + lo, 6, 30), z = cf_date_from_ymd(FC_POP_FIRST_YEAR + hi, 6, 30);
	double f = (double)(d - a) / (double)(z - a);
	return pop->count[lo][b] + f * (pop->count[hi][b] - pop->count[lo][b]);
}

int fc_entrants_population(const struct fc_population *pop, cf_date ref_start, cf_date ref_end, cf_date start,
			   int days, double *band_mult, struct cf_error *err)
{
	cf_date mid = ref_start + (ref_end - ref_start) / 2;
	for (int b = 0; b < FC_NBANDS; b++) {
		double base = population_on(pop, b, mid);
		if (isnan(base) || base <= 0)
			return cf_error_set(err, CF_EINPUT,
					    "--entrants projection: no child population aged %s for the authority: load ONS's "
					    "estimates and projection by single year of age (docs/forecast.md, \"Entrants tied "
					    "to the population\")", fc_band_names[b]);
		for (int t = 0; t <= days; t++)
			band_mult[(size_t)t * FC_NBANDS + b] = population_on(pop, b, start + t) / base;
	}
	return CF_OK;
}
