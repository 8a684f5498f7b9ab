/* Backtesting forecasts: rewind the data to a cutoff, forecast, and score
 * the forecast against the children actually in care afterwards. */
#include "forecast/forecast.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/stats.h"

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

/* What one method and series added up over the cut-offs. */
struct tally {
	long inside[FC_MAX_BANDS], points;
	double ape_sum;
	long ape_n;
	double cut_mean_sum, cut_mean_sumsq;   /* each cut-off's mean error */
	int cuts;
};

static const char *const bt_cols[] = { "method", "cutoff", "horizon_months", "date", "placement" };
static const char *const cov_cols[] = { "method", "placement", "band" };
static const char *const cov_nums[] = { "nominal_pct", "cutoffs", "month_ends", "inside", "coverage_pct",
					 "coverage_low_pct", "coverage_high_pct", "mean_ape_pct", "ape_low_pct",
					 "ape_high_pct" };

enum { NHORIZONS = sizeof horizons / sizeof horizons[0] };

/* Score one forecast from cutoff against the full history: the typed
 * points and rows of the backtest table at the horizons, and the tallies. */
static int score(const struct fc_history *full, const struct fc_options *o, enum fc_method method, cf_date cutoff,
		 const struct fc_forecast *f, int nb, struct cf_table *bt, float *vals, struct tally *tl,
		 struct forecast_result *res)
{
	long cut_n[NSERIES] = { 0 };
	double cut_sum[NSERIES] = { 0 };
	char cut[11];
	cf_date_format(cutoff, cut);
	for (int k = 0; k < f->nmonths; k++) {
		cf_date d = f->start + f->month_day[k];
		if (d > full->data_end)
			break;
		double actual[FC_NSTATES];
		fc_history_stock(full, d, actual);
		int h = -1;
		for (int j = 0; j < NHORIZONS; j++)
			if (month_end(cf_date_add_months(cutoff, horizons[j])) == d)
				h = horizons[j];
		for (int s = 0; s < NSERIES; s++) {
			double a = series_sum(actual, s), fc = series_sum(f->daily + (size_t)f->month_day[k] * FC_NSTATES, s);
			double ape = a > 0 ? fabs(fc - a) / a * 100 : NAN;
			int in[FC_MAX_BANDS] = { 0 };
			if (nb > 0 && f->sim.runs > 0) {
				for (int r = 0; r < f->sim.runs; r++) {
					const float *v = f->sim.stock + ((size_t)r * f->sim.nsample + k) * FC_NSTATES;
					double x = 0;
					for (int st = 0; st < FC_NSTATES; st++)
						if (s == 0 || FC_PLACE_OF(st) == s - 1)
							x += v[st];
					vals[r] = (float)x;
				}
				qsort(vals, (size_t)f->sim.runs, sizeof *vals, cmp_float);
				for (int b = 0; b < nb; b++) {
					double lo = quantile(vals, f->sim.runs, o->bands[b]);
					double hi = quantile(vals, f->sim.runs, o->bands[o->nbands - 1 - b]);
					in[b] = a >= lo && a <= hi;
					tl[s].inside[b] += in[b];
				}
			}
			tl[s].points++;
			if (!isnan(ape))
				tl[s].ape_sum += ape, tl[s].ape_n++, cut_sum[s] += ape, cut_n[s]++;
			if (h < 0)
				continue;
			struct fc_backtest_point *pt = &res->points[res->npoints++];
			*pt = (struct fc_backtest_point){ .method = method, .cutoff = cutoff, .horizon_months = h,
							  .date = d, .series = s, .actual = (long long)a,
							  .forecast = fc, .ape_pct = ape };
			for (int b = 0; b < FC_MAX_BANDS / 2; b++)
				pt->inside[b] = b < nb ? (signed char)in[b] : -1;
			char date[11];
			cf_date_format(d, date);
			long r = cf_table_add_row(bt);
			if (r < 0 || cf_table_set_text(bt, (size_t)r, 0, fc_method_names[method]) ||
			    cf_table_set_text(bt, (size_t)r, 1, cut) || cf_table_set_text(bt, (size_t)r, 3, date) ||
			    cf_table_set_text(bt, (size_t)r, 4, series_name(s)))
				return -1;
			cf_table_set_int(bt, (size_t)r, 2, h);
			cf_table_set_int(bt, (size_t)r, 5, (long long)a);
			cf_table_set_real(bt, (size_t)r, 6, fc);
			if (!isnan(ape))
				cf_table_set_real(bt, (size_t)r, 7, ape);
			for (int b = 0; b < nb; b++)
				cf_table_set_bool(bt, (size_t)r, 8 + b, in[b]);
		}
	}
	for (int s = 0; s < NSERIES; s++)
		if (cut_n[s]) {
			double m = cut_sum[s] / cut_n[s];
			tl[s].cut_mean_sum += m, tl[s].cut_mean_sumsq += m * m, tl[s].cuts++;
		}
	return 0;
}

/* The typed score and the coverage table's row of one tally and band. */
static int add_score(struct forecast_result *res, struct cf_table *cov, const struct fc_options *o, int nb,
		     enum fc_method method, int s, int b, const struct tally *t, int ncutoffs)
{
	struct fc_backtest_score *sc = &res->backtest[res->nbacktest++];
	memset(sc, 0, sizeof *sc);
	sc->method = method, sc->series = s, sc->cutoffs = ncutoffs, sc->month_ends = (int)t->points;
	sc->coverage_pct = sc->coverage_low_pct = sc->coverage_high_pct = NAN;
	sc->mean_ape_pct = sc->ape_low_pct = sc->ape_high_pct = NAN;
	if (nb) {
		sc->lo_pct = o->bands[b], sc->hi_pct = o->bands[o->nbands - 1 - b];
		sc->inside = (int)t->inside[b];
		if (t->points) {
			double p = (double)t->inside[b] / t->points, lo, hi;
			stats_wilson(p * ncutoffs, ncutoffs, STATS_Z95, &lo, &hi);
			sc->coverage_pct = 100 * p, sc->coverage_low_pct = 100 * lo, sc->coverage_high_pct = 100 * hi;
		}
	}
	if (t->ape_n)
		sc->mean_ape_pct = t->ape_sum / t->ape_n;
	if (t->cuts >= 2) {
		double m = t->cut_mean_sum / t->cuts;
		double var = (t->cut_mean_sumsq - t->cuts * m * m) / (t->cuts - 1);
		double half = stats_t_quantile(0.975, t->cuts - 1) * sqrt(var > 0 ? var : 0) / sqrt(t->cuts);
		sc->ape_low_pct = m - half > 0 ? m - half : 0, sc->ape_high_pct = m + half;
	}
	long r = cf_table_add_row(cov);
	char band[48] = "none";
	if (nb)
		snprintf(band, sizeof band, "p%g-p%g", sc->lo_pct, sc->hi_pct);
	if (r < 0 || cf_table_set_text(cov, (size_t)r, 0, fc_method_names[method]) ||
	    cf_table_set_text(cov, (size_t)r, 1, series_name(s)) || cf_table_set_text(cov, (size_t)r, 2, band))
		return -1;
	if (nb)
		cf_table_set_real(cov, (size_t)r, 3, sc->hi_pct - sc->lo_pct);
	cf_table_set_int(cov, (size_t)r, 4, sc->cutoffs);
	cf_table_set_int(cov, (size_t)r, 5, sc->month_ends);
	double v[] = { sc->coverage_pct, sc->coverage_low_pct, sc->coverage_high_pct, sc->mean_ape_pct,
		       sc->ape_low_pct, sc->ape_high_pct };
	if (nb && t->points)
		cf_table_set_int(cov, (size_t)r, 6, sc->inside);
	for (int i = 0; i < 6; i++)
		if (!isnan(v[i]))
			cf_table_set_real(cov, (size_t)r, 7 + i, v[i]);
	return 0;
}

int forecast_backtest(const struct cla_data *cla, const struct fc_options *o, const cf_date *cutoffs,
		      int ncutoffs, const enum fc_method *methods, int nmethods, struct forecast_result *res,
		      struct cf_error *err)
{
	struct fc_history full;
	if (ncutoffs < 1 || ncutoffs > FC_MAX_CUTOFFS || nmethods < 1 || nmethods > FC_NMETHODS)
		return cf_error_set(err, CF_EUSAGE, "a backtest needs 1 to %d cut-offs and 1 to %d methods",
				    FC_MAX_CUTOFFS, FC_NMETHODS);
	int rc = fc_history_build(cla, o->map, o->merge, CF_DATE_NONE, &full, err);
	if (rc)
		return rc;
	for (int c = 0; c < ncutoffs; c++)
		if (cutoffs[c] >= full.data_end) {
			char d[11];
			cf_date_format(cutoffs[c], d);
			fc_history_release(&full);
			return cf_error_set(err, CF_EUSAGE,
					    "--cutoff %s must be before the data's end: nothing to score against", d);
		}
	struct cf_table *bt = cf_table_new("backtest"), *cov = cf_table_new("coverage");
	int nb = o->runs > 0 ? o->nbands / 2 : 0;   /* symmetric pairs: (first, last), … */
	float *vals = malloc(((size_t)(o->runs > 0 ? o->runs : 1)) * sizeof *vals);
	struct tally (*tl)[NSERIES] = calloc((size_t)nmethods, sizeof *tl);
	res->backtest = calloc((size_t)nmethods * NSERIES * (nb ? nb : 1), sizeof *res->backtest);
	res->points = calloc((size_t)ncutoffs * nmethods * NHORIZONS * NSERIES, sizeof *res->points);
	if (!bt || !cov || !vals || !tl || !res->backtest || !res->points)
		goto oom;
	for (int i = 0; i < 5; i++)
		cf_table_add_column(bt, bt_cols[i], i == 2 ? CF_CELL_INT : CF_CELL_TEXT, 0);
	cf_table_add_column(bt, "actual", CF_CELL_INT, 0);
	cf_table_add_column(bt, "forecast", CF_CELL_REAL, 1);
	cf_table_add_column(bt, "ape_pct", CF_CELL_REAL, 1);
	for (int b = 0; b < nb; b++) {
		char name[48];
		snprintf(name, sizeof name, "in_p%g_p%g", o->bands[b], o->bands[o->nbands - 1 - b]);
		cf_table_add_column(bt, name, CF_CELL_BOOL, 0);
	}
	for (int i = 0; i < 3; i++)
		cf_table_add_column(cov, cov_cols[i], CF_CELL_TEXT, 0);
	for (int i = 0; i < 10; i++)
		cf_table_add_column(cov, cov_nums[i], i >= 1 && i <= 3 ? CF_CELL_INT : CF_CELL_REAL, i == 0 ? 0 : 1);
	for (int c = 0; c < ncutoffs && !rc; c++) {
		struct fc_history cut;
		if ((rc = fc_history_build(cla, o->map, o->merge, cutoffs[c], &cut, err)))
			break;
		for (int mi = 0; mi < nmethods && !rc; mi++) {
			struct fc_options mo = *o;
			mo.method = methods[mi];
			mo.start = CF_DATE_NONE;
			struct fc_plan p;
			struct fc_forecast f;
			if ((rc = fc_plan_make(&cut, &mo, &p, err)) || (rc = fc_forecast_run(&cut, &mo, &p, NULL, &f, err)))
				break;
			int bad = score(&full, &mo, mo.method, cutoffs[c], &f, nb, bt, vals, tl[mi], res);
			fc_forecast_release(&f);
			if (bad)
				rc = cf_error_set(err, CF_EIO, "out of memory backtesting");
		}
		fc_history_release(&cut);
	}
	for (int mi = 0; mi < nmethods && !rc; mi++)
		for (int s = 0; s < NSERIES && !rc; s++)
			for (int b = 0; b < (nb ? nb : 1) && !rc; b++)
				if (add_score(res, cov, o, nb, methods[mi], s, b, &tl[mi][s], ncutoffs))
					rc = cf_error_set(err, CF_EIO, "out of memory backtesting");
	free(vals);
	free(tl);
	fc_history_release(&full);
	if (rc) {
		cf_table_free(bt);
		cf_table_free(cov);
		free(res->backtest);
		free(res->points);
		res->backtest = NULL, res->nbacktest = 0;
		res->points = NULL, res->npoints = 0;
		return rc;
	}
	res->nbands = o->runs > 0 ? o->nbands : 0;
	memcpy(res->bands, o->bands, sizeof res->bands);
	res->tables[res->ntables++] = bt;
	res->tables[res->ntables++] = cov;
	return CF_OK;
oom:
	free(vals);
	free(tl);
	free(res->backtest);
	free(res->points);
	res->backtest = NULL;
	res->points = NULL;
	cf_table_free(bt);
	cf_table_free(cov);
	fc_history_release(&full);
	return cf_error_set(err, CF_EIO, "out of memory backtesting");
}
