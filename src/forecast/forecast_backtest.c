/* Backtesting forecasts: rewind the data to a cutoff, forecast, and score
 * the forecast against the children actually in care afterwards. */
#include "forecast/forecast.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const int horizons[] = { 6, 12, 24 };

static cf_date month_end(cf_date d)
{
	int y, m, dd;
	cf_date_to_ymd(d, &y, &m, &dd);
	return cf_date_from_ymd(y, m, cf_date_days_in_month(y, m));
}

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return x < y ? -1 : x > y;
}

static double quantile(const float *v, int n, double q)
{
	double pos = q / 100 * (n - 1);
	int i = (int)floor(pos);
	if (i >= n - 1)
		return v[n - 1];
	return v[i] + (pos - i) * (v[i + 1] - v[i]);
}

/* Series 0 is the total, 1 + p placement category p. */
enum { NSERIES = 1 + FC_NPLACE };
static const char *series_name(int s)
{
	return s == 0 ? "all" : fc_place_names[s - 1];
}
static double series_sum(const double *states, int s)
{
	double x = 0;
	for (int st = 0; st < FC_NSTATES; st++)
		if (s == 0 || FC_PLACE_OF(st) == s - 1)
			x += states[st];
	return x;
}

int forecast_backtest(const struct cla_data *cla, const struct fc_options *o, cf_date cutoff,
		      const enum fc_method *methods, int nmethods, struct cf_table **tables, int *ntables,
		      int max_tables, struct cf_error *err)
{
	*ntables = 0;
	struct fc_history full, cut;
	int rc = fc_history_build(cla, o->map, o->merge, CF_DATE_NONE, &full, err);
	if (rc)
		return rc;
	if (cutoff >= full.data_end) {
		fc_history_release(&full);
		return cf_error_set(err, CF_EUSAGE, "--cutoff must be before the data's end: nothing to score against");
	}
	if ((rc = fc_history_build(cla, o->map, o->merge, cutoff, &cut, err))) {
		fc_history_release(&full);
		return rc;
	}
	struct cf_table *bt = cf_table_new("backtest"), *cov = cf_table_new("coverage");
	float *vals = NULL;
	int nb = o->runs > 0 ? o->nbands / 2 : 0;   /* symmetric pairs: (first, last), … */
	if (!bt || !cov)
		goto oom;
	static const char *const bcols[] = { "method", "horizon_months", "date", "placement" };
	for (int i = 0; i < 4; i++)
		cf_table_add_column(bt, bcols[i], i == 1 ? CF_CELL_INT : CF_CELL_TEXT, 0);
	cf_table_add_column(bt, "actual", CF_CELL_INT, 0);
	cf_table_add_column(bt, "forecast", CF_CELL_REAL, 1);
	cf_table_add_column(bt, "ape_pct", CF_CELL_REAL, 1);
	int band_col = bt->ncols;
	for (int b = 0; b < nb; b++) {
		char name[48];
		snprintf(name, sizeof name, "in_p%g_p%g", o->bands[b], o->bands[o->nbands - 1 - b]);
		cf_table_add_column(bt, name, CF_CELL_BOOL, 0);
	}
	static const char *const ccols[] = { "method", "placement", "band" };
	for (int i = 0; i < 3; i++)
		cf_table_add_column(cov, ccols[i], CF_CELL_TEXT, 0);
	cf_table_add_column(cov, "nominal_pct", CF_CELL_REAL, 0);
	cf_table_add_column(cov, "month_ends", CF_CELL_INT, 0);
	cf_table_add_column(cov, "inside", CF_CELL_INT, 0);
	cf_table_add_column(cov, "coverage_pct", CF_CELL_REAL, 1);
	cf_table_add_column(cov, "mean_ape_pct", CF_CELL_REAL, 1);
	vals = malloc(((size_t)(o->runs > 0 ? o->runs : 1)) * sizeof *vals);
	if (!vals)
		goto oom;
	for (int mi = 0; mi < nmethods && !rc; mi++) {
		struct fc_options mo = *o;
		mo.method = methods[mi];
		mo.start = CF_DATE_NONE;
		struct fc_plan p;
		struct fc_forecast f;
		if ((rc = fc_plan_make(&cut, &mo, &p, err)))
			break;
		if ((rc = fc_forecast_run(&cut, &mo, &p, NULL, &f, err)))
			break;
		long inside[NSERIES][FC_MAX_BANDS] = { { 0 } }, points[NSERIES] = { 0 };
		double ape_sum[NSERIES] = { 0 };
		for (int k = 0; k < f.nmonths; k++) {
			cf_date d = f.start + f.month_day[k];
			if (d > full.data_end)
				break;
			double actual[FC_NSTATES];
			fc_history_stock(&full, d, actual);
			int h = -1;
			for (size_t j = 0; j < sizeof horizons / sizeof horizons[0]; j++)
				if (month_end(cf_date_add_months(cutoff, horizons[j])) == d)
					h = horizons[j];
			for (int s = 0; s < NSERIES; s++) {
				double a = series_sum(actual, s), fc = series_sum(f.daily + (size_t)f.month_day[k] * FC_NSTATES, s);
				double ape = a > 0 ? fabs(fc - a) / a * 100 : NAN;
				int in[FC_MAX_BANDS] = { 0 };
				if (nb > 0 && f.sim.runs > 0) {
					for (int r = 0; r < f.sim.runs; r++) {
						const float *v = f.sim.stock + ((size_t)r * f.sim.nsample + k) * FC_NSTATES;
						double x = 0;
						for (int st = 0; st < FC_NSTATES; st++)
							if (s == 0 || FC_PLACE_OF(st) == s - 1)
								x += v[st];
						vals[r] = (float)x;
					}
					qsort(vals, (size_t)f.sim.runs, sizeof *vals, cmp_float);
					for (int b = 0; b < nb; b++) {
						double lo = quantile(vals, f.sim.runs, o->bands[b]);
						double hi = quantile(vals, f.sim.runs, o->bands[o->nbands - 1 - b]);
						in[b] = a >= lo && a <= hi;
						inside[s][b] += in[b];
					}
				}
				points[s]++;
				if (!isnan(ape))
					ape_sum[s] += ape;
				if (h < 0)
					continue;
				char date[11];
				cf_date_format(d, date);
				long r = cf_table_add_row(bt);
				if (r < 0 || cf_table_set_text(bt, (size_t)r, 0, fc_method_names[mo.method]) ||
				    cf_table_set_text(bt, (size_t)r, 2, date) || cf_table_set_text(bt, (size_t)r, 3, series_name(s))) {
					fc_forecast_release(&f);
					goto oom;
				}
				cf_table_set_int(bt, (size_t)r, 1, h);
				cf_table_set_int(bt, (size_t)r, 4, (long long)a);
				cf_table_set_real(bt, (size_t)r, 5, fc);
				if (!isnan(ape))
					cf_table_set_real(bt, (size_t)r, 6, ape);
				for (int b = 0; b < nb; b++)
					cf_table_set_bool(bt, (size_t)r, band_col + b, in[b]);
			}
		}
		for (int s = 0; s < NSERIES; s++) {
			for (int b = 0; b < (nb ? nb : 1); b++) {
				long r = cf_table_add_row(cov);
				char band[48] = "none";
				if (nb)
					snprintf(band, sizeof band, "p%g-p%g", o->bands[b], o->bands[o->nbands - 1 - b]);
				if (r < 0 || cf_table_set_text(cov, (size_t)r, 0, fc_method_names[mo.method]) ||
				    cf_table_set_text(cov, (size_t)r, 1, series_name(s)) || cf_table_set_text(cov, (size_t)r, 2, band)) {
					fc_forecast_release(&f);
					goto oom;
				}
				if (nb)
					cf_table_set_real(cov, (size_t)r, 3, o->bands[o->nbands - 1 - b] - o->bands[b]);
				cf_table_set_int(cov, (size_t)r, 4, points[s]);
				if (nb && points[s]) {
					cf_table_set_int(cov, (size_t)r, 5, inside[s][b]);
					cf_table_set_real(cov, (size_t)r, 6, 100.0 * inside[s][b] / points[s]);
				}
				if (points[s])
					cf_table_set_real(cov, (size_t)r, 7, ape_sum[s] / points[s]);
			}
		}
		fc_forecast_release(&f);
	}
	free(vals);
	fc_history_release(&full);
	fc_history_release(&cut);
	if (rc) {
		cf_table_free(bt);
		cf_table_free(cov);
		return rc;
	}
	if (max_tables >= 2) {
		tables[(*ntables)++] = bt;
		tables[(*ntables)++] = cov;
	} else {
		cf_table_free(bt);
		cf_table_free(cov);
	}
	return CF_OK;
oom:
	free(vals);
	cf_table_free(bt);
	cf_table_free(cov);
	fc_history_release(&full);
	fc_history_release(&cut);
	return cf_error_set(err, CF_EIO, "out of memory backtesting");
}
