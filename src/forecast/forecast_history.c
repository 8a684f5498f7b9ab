/* Aggregate forecasts backtested on every council's published history, and
 * the drift in their rates (forecast_history.h). */
#include "forecast/forecast_history.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/published.h"

#define FIRST_YEAR 2012
#define Z90 1.6448536269514722    /* the standard normal's 95th percentile */
#define MIN_FIT 30                /* past errors needed before a band is learnt */

static const char *const measure_names[HISTORY_NMEASURES] = { "cla", "cin", "referrals" };
static const char *const method_names[HISTORY_NMETHODS] = { "last", "trend", "stock-flow", "blend" };

const char *history_measure_name(enum history_measure m) { return measure_names[m]; }
const char *history_method_name(enum history_method m) { return method_names[m]; }

int history_measure_parse(const char *s, enum history_measure *out)
{
	for (int m = 0; m < HISTORY_NMEASURES; m++)
		if (!strcmp(s, measure_names[m])) {
			*out = (enum history_measure)m;
			return 0;
		}
	return -1;
}

/* s's value of a[] in year y, NAN outside the series. */
static double at(const struct history_series *s, const double *a, int y)
{
	int i = y - s->first_year;
	return i >= 0 && i < s->nyears ? a[i] : NAN;
}

static double trend_forecast(const struct history_series *s, int cutoff, int horizon)
{
	double sx = 0, sy = 0, sxx = 0, sxy = 0;
	int k = 0;
	for (int y = cutoff - 2; y <= cutoff; y++) {
		double v = at(s, s->stock, y);
		if (isnan(v))
			continue;
		double x = y - cutoff;
		sx += x, sy += v, sxx += x * x, sxy += x * v, k++;
	}
	if (k < 2 || isnan(at(s, s->stock, cutoff)))
		return NAN;
	double slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
	double f = sy / k + slope * (horizon - sx / k);
	return f < 0 ? 0 : f;
}

static double stock_flow_forecast(const struct history_series *s, int cutoff, int horizon)
{
	double stock = at(s, s->stock, cutoff), before = at(s, s->stock, cutoff - 1);
	double started = at(s, s->starts, cutoff), ceased = at(s, s->ceased, cutoff);
	double pop = at(s, s->population, cutoff);
	if (isnan(stock) || isnan(before) || isnan(started) || isnan(ceased) || isnan(pop) || pop <= 0 ||
	    before + started <= 0)
		return NAN;
	double entry_rate = started / pop, exit_rate = ceased / (before + started);
	for (int h = 0; h < horizon; h++) {
		double entrants = entry_rate * pop;
		stock += entrants - exit_rate * (stock + entrants);
	}
	return stock;
}

double history_forecast(const struct history_series *s, enum history_measure m, enum history_method method,
			int cutoff, int horizon)
{
	switch (method) {
	case HISTORY_LAST: return at(s, s->stock, cutoff);
	case HISTORY_TREND: return trend_forecast(s, cutoff, horizon);
	case HISTORY_STOCK_FLOW: return m == HISTORY_REFERRALS ? NAN : stock_flow_forecast(s, cutoff, horizon);
	default: return NAN;
	}
}

double history_blend_weight(const struct history_series *v, int n, enum history_measure m, int cutoff, int horizon)
{
	double sxx = 0, sxy = 0;
	int k = 0;
	if (m == HISTORY_REFERRALS)
		return 0;
	for (int i = 0; i < n; i++)
		for (int y = 0; y + horizon < v[i].nyears; y++) {
			int c = v[i].first_year + y;
			if (c + horizon > cutoff)
				break;
			double last = v[i].stock[y], actual = v[i].stock[y + horizon];
			double sf = stock_flow_forecast(&v[i], c, horizon);
			if (!(last > 0) || !(actual > 0) || !(sf > 0))
				continue;
			double x = log(sf / last);
			sxx += x * x, sxy += x * log(actual / last), k++;
		}
	if (k < MIN_FIT || sxx <= 0)
		return 0;
	double w = sxy / sxx;
	return w < 0 ? 0 : w > 1 ? 1 : w;
}

/* --- reading the published tables ---------------------------------------- */

/* SLOT_POP_LAGGED: ONS's mid-year figure for the year before, where the
 * table gave none (DfE's children-looked-after rate for the year ending 31
 * March 2025 is per child of ONS's mid-2024 estimate; the bundled copy of
 * that table keeps only the counts). */
enum slot { SLOT_STOCK, SLOT_STARTS, SLOT_CEASED, SLOT_POP, SLOT_POP_LAGGED };

struct loader {
	struct history_series *v;
	int n, cap;
	enum slot slot;
};

static struct history_series *series_for(struct loader *l, const char *la_code)
{
	for (int i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].la_code, la_code))
			return &l->v[i];
	if (l->n == l->cap) {
		int cap = l->cap ? 2 * l->cap : 160;
		struct history_series *v = realloc(l->v, (size_t)cap * sizeof *v);
		if (!v)
			return NULL;
		l->v = v, l->cap = cap;
	}
	struct history_series *s = &l->v[l->n++];
	memset(s, 0, sizeof *s);
	snprintf(s->la_code, sizeof s->la_code, "%s", la_code);
	s->first_year = FIRST_YEAR, s->nyears = HISTORY_MAX_YEARS;
	for (int i = 0; i < HISTORY_MAX_YEARS; i++)
		s->stock[i] = s->starts[i] = s->ceased[i] = s->population[i] = NAN;
	return s;
}

static int add_figure(void *ctx, const struct published_figure *f, struct cf_error *err)
{
	struct loader *l = ctx;
	if (!f->level || strcmp(f->level, "Local authority") || !f->la_code || !f->la_code[0] || isnan(f->value))
		return 0;
	/* DfE writes a financial year as 202324; its end year is what we count by */
	int year = f->time_period > 9999 ? f->time_period / 100 + 1 : f->time_period;
	if (l->slot == SLOT_POP_LAGGED) {   /* only for councils the table has */
		for (int k = 0; k < l->n; k++)
			if (!strcmp(l->v[k].la_code, f->la_code)) {
				int i = year + 1 - l->v[k].first_year;
				if (i >= 0 && i < l->v[k].nyears && isnan(l->v[k].population[i]))
					l->v[k].population[i] = f->value;
			}
		return 0;
	}
	struct history_series *s = series_for(l, f->la_code);
	if (!s)
		return cf_error_set(err, CF_EIO, "out of memory reading published tables");
	int i = year - s->first_year;
	if (i < 0 || i >= s->nyears)
		return 0;
	double *slots[] = { s->stock, s->starts, s->ceased, s->population };
	slots[l->slot][i] = f->value;
	return 0;
}

struct wanted { enum slot slot; const char *source, *measure, *breakdown; };

static const struct wanted cla_tables[] = {
	{ SLOT_STOCK, "cla_number_and_rate_per_10k_children", "children_count", "Children looked after on 31 March each year" },
	{ SLOT_STARTS, "cla_number_and_rate_per_10k_children", "children_count", "Children starting to be looked after each year" },
	{ SLOT_CEASED, "cla_number_and_rate_per_10k_children", "children_count", "Children ceasing to be looked after each year" },
	{ SLOT_POP, "cla_number_and_rate_per_10k_children", "population_estimate", "Children looked after on 31 March each year" },
	{ SLOT_POP_LAGGED, "ons_mid-year_population_estimates", "population_estimate", "Children aged 0 to 17 years" },
};
/* CIN counts episodes throughout, so that stock, starts and ends add up */
static const struct wanted cin_tables[] = {
	{ SLOT_STOCK, "b1_children_in_need", "At31_episodes", "Children in Need" },
	{ SLOT_STARTS, "b1_children_in_need", "Started_episodes", "Children in Need" },
	{ SLOT_CEASED, "b1_children_in_need", "Ended_episodes", "Children in Need" },
	{ SLOT_POP, "ons_mid-year_population_estimates", "population_estimate", "Children aged 0 to 17 years" },
};
static const struct wanted referral_tables[] = {
	{ SLOT_STOCK, "c1_children_in_need_referrals_and_rereferrals", "referral_count", "Referrals and Re-referrals" },
	{ SLOT_POP, "ons_mid-year_population_estimates", "population_estimate", "Children aged 0 to 17 years" },
};

int history_load(struct store *st, enum history_measure m, struct history_series **out, int *n,
		 struct cf_error *err)
{
	const struct wanted *w = m == HISTORY_CLA ? cla_tables : m == HISTORY_CIN ? cin_tables : referral_tables;
	int nw = m == HISTORY_REFERRALS ? 2 : m == HISTORY_CLA ? 5 : 4;
	struct loader l = { 0 };
	*out = NULL, *n = 0;
	for (int i = 0; i < nw; i++) {
		l.slot = w[i].slot;
		int rc = published_figures(st, w[i].measure, w[i].breakdown, w[i].source, add_figure, &l, err);
		if (rc) {
			free(l.v);
			return rc;
		}
	}
	if (l.n == 0) {
		free(l.v);
		return cf_error_set(err, CF_EINPUT,
				    "the store holds no published figures for %s (DfE's table %s): load DfE's published "
				    "tables with 'caseflow ingest --db DB FOLDER' (docs/benchmarks.md says where they are published)",
				    measure_names[m], w[0].source);
	}
	*out = l.v, *n = l.n;
	return 0;
}

/* --- calibration ---------------------------------------------------------- */

/* One forecast against its outcome. */
struct outcome {
	int cutoff, band;         /* band: size band 0..2 */
	double size;              /* the council's stock (or referrals) at the cut-off */
	double log_error;         /* ln(actual / forecast) */
	double ape;               /* |forecast - actual| / actual */
	int learnt;               /* 1 when a band could be learnt for it */
	int in_learnt, in_noise;  /* inside the learnt band; inside its count-noise part alone */
};

/* Least squares of y on (1, x) with both coefficients at least 0:
 * variance = a + b x, x = 1 / size. */
static void fit_variance(const double *x, const double *y, int n, double *a, double *b)
{
	double sx = 0, sy = 0, sxx = 0, sxy = 0;
	for (int i = 0; i < n; i++)
		sx += x[i], sy += y[i], sxx += x[i] * x[i], sxy += x[i] * y[i];
	double det = n * sxx - sx * sx;
	*b = det > 0 ? (n * sxy - sx * sy) / det : 0;
	*a = (sy - *b * sx) / n;
	if (*b < 0) {            /* no size effect: the mean */
		*b = 0, *a = sy / n;
	}
	if (*a < 0) {            /* through the origin */
		*a = 0, *b = sxx > 0 ? sxy / sxx : 0;
	}
}

static int cmp_double(const void *p, const void *q)
{
	double a = *(const double *)p, b = *(const double *)q;
	return (a > b) - (a < b);
}

/* Tertiles of the councils' latest size: cuts[0] < cuts[1]. */
static void size_cuts(const struct history_series *v, int n, double cuts[2])
{
	double *sizes = malloc((size_t)(n ? n : 1) * sizeof *sizes);
	int k = 0;
	if (!sizes) {
		cuts[0] = cuts[1] = INFINITY;
		return;
	}
	for (int i = 0; i < n; i++)
		for (int y = v[i].nyears - 1; y >= 0; y--)
			if (!isnan(v[i].stock[y])) {
				sizes[k++] = v[i].stock[y];
				break;
			}
	qsort(sizes, (size_t)k, sizeof *sizes, cmp_double);
	cuts[0] = k ? sizes[k / 3] : INFINITY;
	cuts[1] = k ? sizes[2 * k / 3] : INFINITY;
	free(sizes);
}

static const char *band_label(int band, const double cuts[2], char *buf, size_t cap)
{
	if (band == 0)
		snprintf(buf, cap, "small (under %.0f)", cuts[0]);
	else if (band == 1)
		snprintf(buf, cap, "medium (%.0f to %.0f)", cuts[0], cuts[1] - 1);
	else if (band == 2)
		snprintf(buf, cap, "large (%.0f and over)", cuts[1]);
	else
		snprintf(buf, cap, "all");
	return buf;
}

/* Every outcome of one method and horizon; *n of them, malloc'd. */
static struct outcome *outcomes_of(const struct history_series *v, int nser, enum history_measure m,
				   enum history_method method, int h, const double cuts[2], int *n)
{
	size_t cap = (size_t)nser * HISTORY_MAX_YEARS + 1;
	struct outcome *o = calloc(cap, sizeof *o);
	*n = 0;
	if (!o)
		return NULL;
	/* the blend's weight for each cut-off year, learnt once from every council */
	double w[HISTORY_MAX_YEARS];
	for (int y = 0; y < HISTORY_MAX_YEARS && method == HISTORY_BLEND; y++)
		w[y] = history_blend_weight(v, nser, m, FIRST_YEAR + y, h);
	for (int i = 0; i < nser; i++)
		for (int y = 0; y + h < v[i].nyears; y++) {
			int cutoff = v[i].first_year + y;
			double f;
			if (method == HISTORY_BLEND) {
				double last = v[i].stock[y], sf = stock_flow_forecast(&v[i], cutoff, h);
				int wi = cutoff - FIRST_YEAR;
				f = last > 0 && sf > 0 && wi >= 0 && wi < HISTORY_MAX_YEARS ? last * pow(sf / last, w[wi]) : NAN;
			} else {
				f = history_forecast(&v[i], m, method, cutoff, h);
			}
			double actual = v[i].stock[y + h], size = v[i].stock[y];
			if (isnan(f) || isnan(actual) || f <= 0 || actual <= 0 || !(size > 0))
				continue;
			struct outcome *e = &o[(*n)++];
			e->cutoff = cutoff, e->size = size;
			e->band = size < cuts[0] ? 0 : size < cuts[1] ? 1 : 2;
			e->log_error = log(actual / f);
			e->ape = fabs(f - actual) / actual;
		}
	return o;
}

/* Learn each outcome's band from the errors known by its cut-off: those
 * whose outcome year (cut-off + h) is no later than this cut-off. Their
 * variance gives the band's shape (a + b / size); its width is the 90th
 * percentile of those errors measured in that shape, not the normal's
 * 1.645: the errors have heavier tails than a normal's, so a normal band
 * fitted to their variance was too wide for most councils (it held 93-98%
 * of outcomes, issue 21). */
static int learn_bands(struct outcome *o, int n, int h)
{
	double *x = malloc((size_t)(n ? n : 1) * sizeof *x), *y = malloc((size_t)(n ? n : 1) * sizeof *y);
	double *z = malloc((size_t)(n ? n : 1) * sizeof *z);
	if (!x || !y || !z) {
		free(x), free(y), free(z);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		int k = 0;
		for (int j = 0; j < n; j++)
			if (o[j].cutoff + h <= o[i].cutoff)
				x[k] = 1 / o[j].size, y[k] = o[j].log_error * o[j].log_error, k++;
		if (k < MIN_FIT)
			continue;
		double a, b;
		fit_variance(x, y, k, &a, &b);
		int nz = k;
		for (int j = 0; j < k; j++) {
			double sd = sqrt(a + b * x[j]);
			z[j] = sd > 0 ? sqrt(y[j]) / sd : 0;   /* no variance: every known error was 0 */
		}
		qsort(z, (size_t)nz, sizeof *z, cmp_double);
		double pos = 0.9 * (nz - 1);
		int lo = (int)pos, hi = lo + 1 < nz ? lo + 1 : lo;
		double q = z[lo] + (pos - lo) * (z[hi] - z[lo]);
		double err = fabs(o[i].log_error);
		o[i].learnt = 1;
		o[i].in_learnt = err <= q * sqrt(a + b / o[i].size);
		o[i].in_noise = err <= Z90 * sqrt(b / o[i].size);
	}
	free(x), free(y), free(z);
	return 0;
}

static int add_calibration_row(struct cf_table *t, enum history_measure m, enum history_method method, int h,
			       const char *size_label, const struct outcome *o, int n, int band)
{
	double *apes = malloc((size_t)(n ? n : 1) * sizeof *apes);
	if (!apes)
		return -1;
	int k = 0, learnt = 0, in_learnt = 0, in_noise = 0, first = 0, last = 0;
	double sum = 0;
	for (int i = 0; i < n; i++) {
		if (band >= 0 && o[i].band != band)
			continue;
		apes[k++] = o[i].ape, sum += o[i].ape;
		if (!first || o[i].cutoff < first)
			first = o[i].cutoff;
		if (o[i].cutoff > last)
			last = o[i].cutoff;
		if (o[i].learnt)
			learnt++, in_learnt += o[i].in_learnt, in_noise += o[i].in_noise;
	}
	if (k == 0) {
		free(apes);
		return 0;
	}
	qsort(apes, (size_t)k, sizeof *apes, cmp_double);
	double median = k % 2 ? apes[k / 2] : (apes[k / 2 - 1] + apes[k / 2]) / 2;
	free(apes);
	long r = cf_table_add_row(t);
	if (r < 0)
		return -1;
	char cutoffs[32];
	snprintf(cutoffs, sizeof cutoffs, "%d-%d", first, last);
	int c = 0;
	if (cf_table_set_text(t, (size_t)r, c++, measure_names[m]) ||
	    cf_table_set_text(t, (size_t)r, c++, method_names[method]))
		return -1;
	cf_table_set_int(t, (size_t)r, c++, h);
	if (cf_table_set_text(t, (size_t)r, c++, size_label) || cf_table_set_text(t, (size_t)r, c++, cutoffs))
		return -1;
	cf_table_set_int(t, (size_t)r, c++, k);
	cf_table_set_real(t, (size_t)r, c++, 100 * median);
	cf_table_set_real(t, (size_t)r, c++, 100 * sum / k);
	cf_table_set_int(t, (size_t)r, c++, learnt);
	if (learnt) {
		cf_table_set_real(t, (size_t)r, c++, 100.0 * in_learnt / learnt);
		cf_table_set_real(t, (size_t)r, c++, 100.0 * in_noise / learnt);
	} else {
		cf_table_set_null(t, (size_t)r, c++);
		cf_table_set_null(t, (size_t)r, c++);
	}
	return 0;
}

/* Year-to-year change of one rate (ln of this year's over last year's),
 * with the part count noise alone explains (Poisson: 1/count each year). */
struct rate_def { const char *name; int kind; };   /* kind 0 entry, 1 exit, 2 referral */

static int rate_at(const struct history_series *s, int kind, int y, double *rate, double *count)
{
	double pop = s->population[y];
	if (kind == 0 || kind == 2) {
		double c = kind == 0 ? s->starts[y] : s->stock[y];
		if (isnan(c) || isnan(pop) || c <= 0 || pop <= 0)
			return -1;
		*rate = c / pop, *count = c;
		return 0;
	}
	if (y == 0)
		return -1;
	double at_risk = s->stock[y - 1] + s->starts[y], c = s->ceased[y];
	if (isnan(at_risk) || isnan(c) || c <= 0 || at_risk <= 0)
		return -1;
	*rate = c / at_risk, *count = c;
	return 0;
}

/* The councils' size band (0..2) by their latest figure, -1 without one. */
static int size_band_of(const struct history_series *s, const double cuts[2])
{
	double size = NAN;
	for (int y = s->nyears - 1; y >= 0 && isnan(size); y--)
		size = s->stock[y];
	return isnan(size) ? -1 : size < cuts[0] ? 0 : size < cuts[1] ? 1 : 2;
}

static const struct rate_def flow_rates[] = { { "entry rate (started per child)", 0 },
					      { "exit rate (ceased per child at risk)", 1 } };
static const struct rate_def referral_rates[] = { { "referral rate (per child)", 2 } };

void history_drift_fit(const struct history_series *v, int n, enum history_measure m, struct history_drift *out)
{
	const struct rate_def *defs = m == HISTORY_REFERRALS ? referral_rates : flow_rates;
	memset(out, 0, sizeof *out);
	size_cuts(v, n, out->cuts);
	out->nrates = m == HISTORY_REFERRALS ? 1 : 2;
	for (int d = 0; d < out->nrates; d++)
		for (int band = 0; band <= 3; band++) {
			struct history_drift_row *row = &out->rows[d][band];
			double sum = 0, sumsq = 0, noise = 0;
			int k = 0;
			for (int i = 0; i < n; i++) {
				int used = 0;
				if (band < 3 && size_band_of(&v[i], out->cuts) != band)
					continue;
				for (int y = 1; y < v[i].nyears; y++) {
					double r0, c0, r1, c1;
					if (rate_at(&v[i], defs[d].kind, y - 1, &r0, &c0) ||
					    rate_at(&v[i], defs[d].kind, y, &r1, &c1))
						continue;
					double ch = log(r1 / r0);
					sum += ch, sumsq += ch * ch, noise += 1 / c0 + 1 / c1, k++, used = 1;
				}
				row->councils += used;
			}
			row->pairs = k;
			if (k < 2)
				continue;
			double var = (sumsq - sum * sum / k) / (k - 1), noise_var = noise / k;
			row->change_sd = sqrt(var);
			row->noise_sd = sqrt(noise_var);
			row->drift_sd = sqrt(var > noise_var ? var - noise_var : 0);
		}
}

static int add_drift_rows(struct cf_table *t, const struct history_series *v, int n, enum history_measure m)
{
	const struct rate_def *defs = m == HISTORY_REFERRALS ? referral_rates : flow_rates;
	struct history_drift dr;
	history_drift_fit(v, n, m, &dr);
	for (int d = 0; d < dr.nrates; d++)
		for (int band = 0; band <= 3; band++) {
			const struct history_drift_row *row = &dr.rows[d][band];
			if (row->pairs < 2)
				continue;
			char label[64];
			long r = cf_table_add_row(t);
			int c = 0;
			if (r < 0 || cf_table_set_text(t, (size_t)r, c++, measure_names[m]) ||
			    cf_table_set_text(t, (size_t)r, c++, defs[d].name) ||
			    cf_table_set_text(t, (size_t)r, c++, band_label(band, dr.cuts, label, sizeof label)))
				return -1;
			cf_table_set_int(t, (size_t)r, c++, row->councils);
			cf_table_set_int(t, (size_t)r, c++, row->pairs);
			cf_table_set_real(t, (size_t)r, c++, 100 * row->change_sd);
			cf_table_set_real(t, (size_t)r, c++, 100 * row->noise_sd);
			cf_table_set_real(t, (size_t)r, c++, 100 * row->drift_sd);
		}
	return 0;
}

int history_calibrate(const struct history_series *v, int n, enum history_measure m, int max_horizon,
		      struct cf_table *out[2], struct cf_error *err)
{
	static const char *const ccols[] = { "measure", "method", "horizon_years", "council_size", "cutoffs",
					     "forecasts", "median_abs_error_pct", "mean_abs_error_pct",
					     "with_band", "band90_coverage_pct", "noise_only_band90_coverage_pct" };
	static const enum cf_cell_type ctypes[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_INT, CF_CELL_TEXT,
						    CF_CELL_TEXT, CF_CELL_INT, CF_CELL_REAL, CF_CELL_REAL,
						    CF_CELL_INT, CF_CELL_REAL, CF_CELL_REAL };
	static const char *const dcols[] = { "measure", "rate", "council_size", "councils", "year_pairs",
					     "sd_yearly_change_pct", "count_noise_sd_pct", "drift_sd_pct" };
	static const enum cf_cell_type dtypes[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_INT,
						    CF_CELL_INT, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL };
	out[0] = cf_table_new_columns("calibration", ccols, ctypes, 11);
	out[1] = cf_table_new_columns("drift", dcols, dtypes, 8);
	if (!out[0] || !out[1])
		goto oom;
	double cuts[2];
	size_cuts(v, n, cuts);
	for (int method = 0; method < HISTORY_NMETHODS; method++) {
		if ((method == HISTORY_STOCK_FLOW || method == HISTORY_BLEND) && m == HISTORY_REFERRALS)
			continue;
		for (int h = 1; h <= max_horizon; h++) {
			int no;
			struct outcome *o = outcomes_of(v, n, m, (enum history_method)method, h, cuts, &no);
			if (!o || learn_bands(o, no, h)) {
				free(o);
				goto oom;
			}
			for (int band = 0; band <= 3; band++) {
				char label[64];
				if (add_calibration_row(out[0], m, (enum history_method)method, h,
							band_label(band, cuts, label, sizeof label), o, no,
							band < 3 ? band : -1)) {
					free(o);
					goto oom;
				}
			}
			free(o);
		}
	}
	if (add_drift_rows(out[1], v, n, m))
		goto oom;
	return 0;
oom:
	cf_table_free(out[0]), cf_table_free(out[1]);
	out[0] = out[1] = NULL;
	return cf_error_set(err, CF_EIO, "out of memory calibrating forecasts");
}
