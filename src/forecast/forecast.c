/* Running a forecast and laying it out as tables: month-end children by
 * state with bands and costs, costs by month / quarter / financial year,
 * the scenario comparison, the rates and the inputs used. */
#include "forecast/forecast.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fc_options_init(struct fc_options *o)
{
	memset(o, 0, sizeof *o);
	o->method = FC_METHOD_MARKOV;
	o->merge = FC_MERGE_RNE;
	o->entrants = FC_ENTRANTS_CONSTANT;
	o->ref_start = o->ref_end = o->start = CF_DATE_NONE;
	o->months = 24;
	o->bootstrap = 1;
	o->drift = FC_DRIFT_HISTORY;
	o->seed = 1;
	static const double def[] = { 5, 25, 50, 75, 95 };
	o->nbands = 5;
	memcpy(o->bands, def, sizeof def);
}

void fc_forecast_release(struct fc_forecast *f)
{
	free(f->month_day);
	free(f->daily);
	fc_sim_result_release(&f->sim);
	memset(f, 0, sizeof *f);
}

static cf_date month_end(cf_date d)
{
	int y, m, dd;
	cf_date_to_ymd(d, &y, &m, &dd);
	return cf_date_from_ymd(y, m, cf_date_days_in_month(y, m));
}

static void fmt_date(cf_date d, char buf[11])
{
	cf_date_format(d, buf);
}

int fc_plan_make(const struct fc_history *h, const struct fc_options *o, struct fc_plan *p, struct cf_error *err)
{
	char a[11], b[11];
	p->ref_end = o->ref_end != CF_DATE_NONE ? o->ref_end : h->data_end;
	p->ref_start = o->ref_start != CF_DATE_NONE ? o->ref_start : cf_date_add_months(p->ref_end, -12) + 1;
	p->start = o->start != CF_DATE_NONE ? o->start : h->data_end;
	fmt_date(h->data_start, a);
	fmt_date(h->data_end, b);
	if (p->ref_start >= p->ref_end)
		return cf_error_set(err, CF_EUSAGE, "--ref-start must be before --ref-end");
	if (p->ref_start < h->data_start || p->ref_end > h->data_end)
		return cf_error_set(err, CF_EUSAGE, "the reference window must lie within the data (%s to %s)", a, b);
	if (p->start < h->data_start || p->start > h->data_end)
		return cf_error_set(err, CF_EUSAGE, "--start must lie within the data (%s to %s): the forecast starts "
				    "from the children in care that day", a, b);
	if (o->months < 1 || o->months > 120)
		return cf_error_set(err, CF_EUSAGE, "--months must be 1 to 120");
	p->horizon = month_end(cf_date_add_months(p->start, o->months));
	p->days = p->horizon - p->start;
	return CF_OK;
}

static int month_days(const struct fc_plan *p, int **out)
{
	int n = 0, cap = 130;
	int *md = malloc((size_t)cap * sizeof *md);
	if (!md)
		return -1;
	for (cf_date d = month_end(p->start + 1); d <= p->horizon && n < cap; d = month_end(d + 1))
		md[n++] = d - p->start;
	*out = md;
	return n;
}

int fc_forecast_run(const struct fc_history *h, const struct fc_options *o, const struct fc_plan *p,
		    const struct fc_scenario *sc, struct fc_forecast *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	out->start = p->start;
	out->days = p->days;
	out->nmonths = month_days(p, &out->month_day);
	double *mult = malloc((size_t)(p->days + 1) * sizeof *mult);
	out->daily = malloc((size_t)(p->days + 1) * FC_NSTATES * sizeof *out->daily);
	if (out->nmonths < 0 || !mult || !out->daily) {
		free(mult);
		fc_forecast_release(out);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	struct fc_entrants_fit fit;
	double *band_mult = NULL;
	int rc = fc_entrants_profile(h, o->entrants, p->ref_start, p->ref_end, p->start, p->days, mult, &fit, err);
	if (!rc && o->entrants == FC_ENTRANTS_PROJECTION) {
		band_mult = malloc((size_t)(p->days + 1) * FC_NBANDS * sizeof *band_mult);
		if (!band_mult)
			rc = cf_error_set(err, CF_EIO, "out of memory");
		else if (!o->population)
			rc = cf_error_set(err, CF_EINPUT, "--entrants projection needs the child population by age");
		else
			rc = fc_entrants_population(o->population, p->ref_start, p->ref_end, p->start, p->days, band_mult,
						    err);
	}
	if (!rc && o->method == FC_METHOD_MARKOV) {
		struct fc_rates rates;
		struct fc_schedule sched;
		rc = fc_rates_estimate(h, o->method, p->ref_start, p->ref_end, &rates, err);
		if (!rc)
			rc = fc_schedule_build(&rates, sc, mult, p->start, p->days, &sched, err);
		if (!rc && band_mult && (rc = fc_schedule_set_band_mult(&sched, band_mult, err)))
			fc_schedule_release(&sched);
		if (!rc) {
			double stock0[FC_NSTATES];
			fc_history_stock(h, p->start, stock0);
			fc_project(&sched, stock0, out->daily);
			out->clamped = sched.clamped;
			fc_schedule_release(&sched);
		}
	}
	int runs = o->runs > 0 ? o->runs : o->method != FC_METHOD_MARKOV ? 200 : 0;
	double at_start[FC_NSTATES];
	fc_history_stock(h, p->start, at_start);
	for (int s = 0; s < FC_NSTATES; s++)
		out->children_at_start += at_start[s];
	/* drift widens the bands; runs made only for a mean (no bands) keep the window's rates */
	out->drift = o->runs > 0 && o->drift == FC_DRIFT_HISTORY;
	out->drift_sd = fc_drift_for(out->children_at_start);
	if (!rc && runs > 0) {
		struct fc_sim_config c = {
			.h = h, .method = o->method, .ref_start = p->ref_start, .ref_end = p->ref_end,
			.start = p->start, .days = p->days, .scenario = sc, .entry_mult = mult, .band_mult = band_mult,
			.runs = runs, .threads = o->threads, .seed = o->seed,
			.bootstrap = o->runs > 0 ? o->bootstrap : 0,
			.drift = out->drift, .drift_sd = out->drift_sd,
			.sample_days = out->month_day, .nsample = out->nmonths, .progress = o->progress,
		};
		if (o->progress)
			progress_start(o->progress, sc ? "simulating scenario" : "simulating", runs);
		rc = fc_simulate(&c, &out->sim, err);
		if (o->progress)
			progress_finish(o->progress);
		if (!rc && o->method != FC_METHOD_MARKOV)
			memcpy(out->daily, out->sim.mean, (size_t)(p->days + 1) * FC_NSTATES * sizeof *out->daily);
		if (!rc && o->runs == 0)   /* runs only for the mean: no bands to report */
			fc_sim_result_release(&out->sim);
		if (!rc && sc && o->method != FC_METHOD_MARKOV) {
			struct fc_rates rates;
			struct fc_schedule sched;
			if (!fc_rates_estimate(h, o->method, p->ref_start, p->ref_end, &rates, err) &&
			    !fc_schedule_build(&rates, sc, mult, p->start, p->days, &sched, err)) {
				out->clamped = sched.clamped;
				fc_schedule_release(&sched);
			}
		}
	}
	free(mult);
	free(band_mult);
	if (rc)
		fc_forecast_release(out);
	return rc;
}

/* --- typed results ----------------------------------------------------------- */

/* The total, each placement, each band, then each state (band by band). */
const struct fc_series fc_series_all[FC_NSERIES] = {
	{ -1, -1 },
	{ -1, 0 }, { -1, 1 }, { -1, 2 }, { -1, 3 },
	{ 0, -1 }, { 1, -1 }, { 2, -1 }, { 3, -1 }, { 4, -1 },
	{ 0, 0 }, { 0, 1 }, { 0, 2 }, { 0, 3 }, { 1, 0 }, { 1, 1 }, { 1, 2 }, { 1, 3 },
	{ 2, 0 }, { 2, 1 }, { 2, 2 }, { 2, 3 }, { 3, 0 }, { 3, 1 }, { 3, 2 }, { 3, 3 },
	{ 4, 0 }, { 4, 1 }, { 4, 2 }, { 4, 3 },
};
_Static_assert(FC_NBANDS == 5 && FC_NPLACE == 4, "fc_series_all lists 5 bands and 4 placements");

int fc_series_index(int band, int place)
{
	if (band < 0)
		return place < 0 ? 0 : 1 + place;
	return place < 0 ? 1 + FC_NPLACE + band : 1 + FC_NPLACE + FC_NBANDS + FC_STATE(band, place);
}

const char *const fc_period_kind_names[FC_NPERIOD_KINDS] = { "month", "quarter", "year" };

static int in_series(const struct fc_series *s, int state)
{
	return (s->band < 0 || s->band == FC_BAND_OF(state)) && (s->place < 0 || s->place == FC_PLACE_OF(state));
}

double forecast_mean(const struct forecast_result *r, int k, int s)
{
	return r->mean[(size_t)k * FC_NSERIES + s];
}

double forecast_band(const struct forecast_result *r, int k, int s, double q)
{
	for (int i = 0; i < r->nbands; i++)
		if (r->bands[i] == q)
			return r->band[((size_t)k * FC_NSERIES + s) * r->nbands + i];
	return NAN;
}

void forecast_result_free(struct forecast_result *r)
{
	if (!r)
		return;
	free(r->month_end);
	free(r->mean);
	free(r->cost_gbp);
	free(r->band);
	free(r->costs);
	free(r->scenario);
	free(r->backtest);
	free(r->points);
	for (int i = 0; i < r->ntables; i++)
		cf_table_free(r->tables[i]);
	free(r);
}

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return x < y ? -1 : x > y;
}

/* Percentile q (0..100) of sorted v[0..n), linear between order statistics. */
static double quantile(const float *v, int n, double q)
{
	if (n == 0)
		return NAN;
	double pos = q / 100 * (n - 1);
	int i = (int)floor(pos);
	if (i >= n - 1)
		return v[n - 1];
	return v[i] + (pos - i) * (v[i + 1] - v[i]);
}

/* Cost of each state in each month: [nmonths][FC_NSTATES]. */
static double *month_costs(const struct fc_forecast *f, const struct fc_costs *c)
{
	double *mc = calloc((size_t)f->nmonths * FC_NSTATES + 1, sizeof *mc);
	if (!mc)
		return NULL;
	int k = 0;
	for (int t = 1; t <= f->days && k < f->nmonths; t++) {
		double infl = fc_costs_inflation(c, f->start + t);
		for (int s = 0; s < FC_NSTATES; s++)
			mc[(size_t)k * FC_NSTATES + s] += f->daily[(size_t)t * FC_NSTATES + s] * c->gbp_day[FC_PLACE_OF(s)] * infl;
		if (t == f->month_day[k])
			k++;
	}
	return mc;
}

/* Each series' mean, cost and bands at each month-end. */
static int typed_months(struct forecast_result *res, const struct fc_forecast *f, const struct fc_options *o,
			const double *mc)
{
	size_t cells = (size_t)f->nmonths * FC_NSERIES;
	res->nmonths = f->nmonths;
	res->nbands = f->sim.runs > 0 && o->nbands > 0 ? o->nbands : 0;
	res->runs = res->nbands ? f->sim.runs : 0;
	memcpy(res->bands, o->bands, sizeof res->bands);
	res->month_end = malloc(((size_t)f->nmonths + 1) * sizeof *res->month_end);
	res->mean = malloc((cells + 1) * sizeof *res->mean);
	res->cost_gbp = malloc((cells + 1) * sizeof *res->cost_gbp);
	res->band = res->nbands ? malloc(cells * (size_t)res->nbands * sizeof *res->band) : NULL;
	float *vals = malloc(((size_t)f->sim.runs + 1) * sizeof *vals);
	if (!res->month_end || !res->mean || !res->cost_gbp || (res->nbands && !res->band) || !vals) {
		free(vals);
		return -1;
	}
	for (int s = 0; s < FC_NSTATES; s++)
		res->children_at_start += f->daily[s];
	for (int k = 0; k < f->nmonths; k++) {
		res->month_end[k] = f->start + f->month_day[k];
		const double *day = f->daily + (size_t)f->month_day[k] * FC_NSTATES;
		for (int si = 0; si < FC_NSERIES; si++) {
			const struct fc_series *s = &fc_series_all[si];
			double mean = 0, cost = 0;
			for (int st = 0; st < FC_NSTATES; st++)
				if (in_series(s, st)) {
					mean += day[st];
					cost += mc[(size_t)k * FC_NSTATES + st];
				}
			res->mean[(size_t)k * FC_NSERIES + si] = mean;
			res->cost_gbp[(size_t)k * FC_NSERIES + si] = cost;
			if (!res->nbands)
				continue;
			for (int run = 0; run < f->sim.runs; run++) {
				const float *v = f->sim.stock + ((size_t)run * f->sim.nsample + k) * FC_NSTATES;
				float x = 0;
				for (int st = 0; st < FC_NSTATES; st++)
					if (in_series(s, st))
						x += v[st];
				vals[run] = x;
			}
			qsort(vals, (size_t)f->sim.runs, sizeof *vals, cmp_float);
			for (int i = 0; i < res->nbands; i++)
				res->band[((size_t)k * FC_NSERIES + si) * res->nbands + i] =
					quantile(vals, f->sim.runs, o->bands[i]);
		}
	}
	free(vals);
	return 0;
}

/* Periods a month-end falls in: its month, financial quarter and year. */
static void period_label(cf_date d, int kind, char *buf, size_t size)
{
	int y, m, dd;
	cf_date_to_ymd(d, &y, &m, &dd);
	int fy = cf_date_fy(d);
	if (kind == FC_PERIOD_MONTH)
		snprintf(buf, size, "%04d-%02d", y, m);
	else if (kind == FC_PERIOD_QUARTER)
		snprintf(buf, size, "%04d-%02d Q%d", fy, (fy + 1) % 100, ((m + 8) % 12) / 3 + 1);
	else
		snprintf(buf, size, "%04d-%02d", fy, (fy + 1) % 100);
}

/* Group month indexes into periods of kind: returns the count, with the
 * last month index of each period in last[]. */
static int periods(const struct fc_forecast *f, int kind, int *last)
{
	int n = 0;
	for (int k = 0; k < f->nmonths; k++) {
		char a[32], b[32];
		period_label(f->start + f->month_day[k], kind, a, sizeof a);
		if (k + 1 < f->nmonths)
			period_label(f->start + f->month_day[k + 1], kind, b, sizeof b);
		if (k + 1 == f->nmonths || strcmp(a, b) != 0)
			last[n++] = k;
	}
	return n;
}

/* The period of kind made of forecast months k0..k1. */
static struct fc_period make_period(const struct fc_forecast *f, int kind, int k0, int k1)
{
	struct fc_period p = { .kind = (enum fc_period_kind)kind };
	period_label(f->start + f->month_day[k1], kind, p.label, sizeof p.label);
	p.from = f->start + (k0 ? f->month_day[k0 - 1] : 0) + 1;
	p.to = f->start + f->month_day[k1];
	return p;
}

/* Costs by month, quarter and year, and with sc the scenario against the
 * base over the same periods. */
static int typed_periods(struct forecast_result *res, const struct fc_forecast *f, const double *mc,
			 const struct fc_forecast *sc, const double *mcs)
{
	size_t cap = (size_t)f->nmonths * FC_NPERIOD_KINDS + 1;
	res->costs = calloc(cap, sizeof *res->costs);
	res->scenario = sc ? calloc(cap, sizeof *res->scenario) : NULL;
	if (!res->costs || (sc && !res->scenario))
		return -1;
	int last[130];
	for (int kind = 0; kind < FC_NPERIOD_KINDS; kind++) {
		int n = periods(f, kind, last), k0 = 0;
		double running = 0, running_diff = 0;
		for (int i = 0; i < n; i++) {
			int k1 = last[i];
			struct fc_period_cost *c = &res->costs[res->ncosts++];
			c->period = make_period(f, kind, k0, k1);
			for (int s = 0; s < FC_NSTATES; s++)
				c->children_at_end += f->daily[(size_t)f->month_day[k1] * FC_NSTATES + s];
			for (int k = k0; k <= k1; k++)
				for (int s = 0; s < FC_NSTATES; s++)
					c->gbp[FC_PLACE_OF(s)] += mc[(size_t)k * FC_NSTATES + s];
			for (int p = 0; p < FC_NPLACE; p++)
				c->total_gbp += c->gbp[p];
			running += c->total_gbp;
			c->cumulative_gbp = running;
			if (sc) {
				struct fc_period_scenario *x = &res->scenario[res->nscenario++];
				x->period = c->period;
				double cb = 0, cs = 0, nb = 0, ns = 0;
				for (int s = 0; s < FC_NSTATES; s++) {
					nb += f->daily[(size_t)f->month_day[k1] * FC_NSTATES + s];
					ns += sc->daily[(size_t)sc->month_day[k1] * FC_NSTATES + s];
					for (int k = k0; k <= k1; k++) {
						cb += mc[(size_t)k * FC_NSTATES + s];
						cs += mcs[(size_t)k * FC_NSTATES + s];
					}
				}
				running_diff += cs - cb;
				x->base_children = nb;
				x->scenario_children = ns;
				x->base_gbp = cb;
				x->scenario_gbp = cs;
				x->cumulative_difference_gbp = running_diff;
			}
			k0 = k1 + 1;
		}
	}
	return 0;
}

/* --- tables: the typed results laid out for render_tables -------------------- */

static int add_text_row(struct cf_table *t, long *row, const char *v)
{
	if ((*row = cf_table_add_row(t)) < 0)
		return -1;
	return cf_table_set_text(t, (size_t)*row, 0, v);
}

static struct cf_table *forecast_table(const struct forecast_result *res)
{
	struct cf_table *t = cf_table_new("forecast");
	if (!t)
		return NULL;
	cf_table_add_column(t, "date", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "age_band", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "placement", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "mean", CF_CELL_REAL, 1);
	int pcol = t->ncols;
	for (int i = 0; i < res->nbands; i++) {
		char name[16];
		snprintf(name, sizeof name, "p%g", res->bands[i]);
		cf_table_add_column(t, name, CF_CELL_REAL, 1);
	}
	int ccol = cf_table_add_column(t, "cost_gbp", CF_CELL_REAL, 0);
	if (ccol < 0) {
		cf_table_free(t);
		return NULL;
	}
	for (int k = 0; k < res->nmonths; k++) {
		char date[11];
		fmt_date(res->month_end[k], date);
		for (int si = 0; si < FC_NSERIES; si++) {
			const struct fc_series *s = &fc_series_all[si];
			long r;
			if (add_text_row(t, &r, date) ||
			    cf_table_set_text(t, (size_t)r, 1, s->band < 0 ? "all" : fc_band_names[s->band]) ||
			    cf_table_set_text(t, (size_t)r, 2, s->place < 0 ? "all" : fc_place_names[s->place])) {
				cf_table_free(t);
				return NULL;
			}
			cf_table_set_real(t, (size_t)r, 3, res->mean[(size_t)k * FC_NSERIES + si]);
			for (int i = 0; i < res->nbands; i++)
				cf_table_set_real(t, (size_t)r, pcol + i, res->band[((size_t)k * FC_NSERIES + si) * res->nbands + i]);
			cf_table_set_real(t, (size_t)r, ccol, res->cost_gbp[(size_t)k * FC_NSERIES + si]);
		}
	}
	return t;
}

/* A row of a table by period: its kind, label, first and last day.
 * Returns 0, or -1 when out of memory. */
static int add_period_row(struct cf_table *t, const struct fc_period *p, long *r)
{
	char from[11], to[11];
	fmt_date(p->from, from);
	fmt_date(p->to, to);
	return add_text_row(t, r, fc_period_kind_names[p->kind]) || cf_table_set_text(t, (size_t)*r, 1, p->label) ||
			       cf_table_set_text(t, (size_t)*r, 2, from) || cf_table_set_text(t, (size_t)*r, 3, to)
		       ? -1
		       : 0;
}

/* A table by period: its first columns are those add_period_row fills. */
static struct cf_table *period_table_new(const char *name)
{
	struct cf_table *t = cf_table_new(name);
	static const char *const cols[] = { "period_type", "period", "from", "to" };
	for (int i = 0; t && i < 4; i++)
		cf_table_add_column(t, cols[i], CF_CELL_TEXT, 0);
	return t;
}

static struct cf_table *costs_table(const struct forecast_result *res)
{
	struct cf_table *t = period_table_new("costs");
	if (!t)
		return NULL;
	cf_table_add_column(t, "children_at_end", CF_CELL_REAL, 1);
	for (int p = 0; p < FC_NPLACE; p++) {
		char name[32];
		snprintf(name, sizeof name, "%s_gbp", fc_place_names[p]);
		cf_table_add_column(t, name, CF_CELL_REAL, 0);
	}
	cf_table_add_column(t, "total_gbp", CF_CELL_REAL, 0);
	int cum = cf_table_add_column(t, "cumulative_gbp", CF_CELL_REAL, 0);
	for (int i = 0; i < res->ncosts; i++) {
		const struct fc_period_cost *c = &res->costs[i];
		long r;
		if (add_period_row(t, &c->period, &r)) {
			cf_table_free(t);
			return NULL;
		}
		cf_table_set_real(t, (size_t)r, 4, c->children_at_end);
		for (int p = 0; p < FC_NPLACE; p++)
			cf_table_set_real(t, (size_t)r, 5 + p, c->gbp[p]);
		cf_table_set_real(t, (size_t)r, 5 + FC_NPLACE, c->total_gbp);
		cf_table_set_real(t, (size_t)r, cum, c->cumulative_gbp);
	}
	return t;
}

static struct cf_table *scenario_table(const struct forecast_result *res)
{
	struct cf_table *t = period_table_new("scenario");
	if (!t)
		return NULL;
	cf_table_add_column(t, "base_children", CF_CELL_REAL, 1);
	cf_table_add_column(t, "scenario_children", CF_CELL_REAL, 1);
	cf_table_add_column(t, "difference_children", CF_CELL_REAL, 1);
	cf_table_add_column(t, "base_cost_gbp", CF_CELL_REAL, 0);
	cf_table_add_column(t, "scenario_cost_gbp", CF_CELL_REAL, 0);
	cf_table_add_column(t, "difference_gbp", CF_CELL_REAL, 0);
	cf_table_add_column(t, "cumulative_difference_gbp", CF_CELL_REAL, 0);
	for (int i = 0; i < res->nscenario; i++) {
		const struct fc_period_scenario *x = &res->scenario[i];
		long r;
		if (add_period_row(t, &x->period, &r)) {
			cf_table_free(t);
			return NULL;
		}
		cf_table_set_real(t, (size_t)r, 4, x->base_children);
		cf_table_set_real(t, (size_t)r, 5, x->scenario_children);
		cf_table_set_real(t, (size_t)r, 6, x->scenario_children - x->base_children);
		cf_table_set_real(t, (size_t)r, 7, x->base_gbp);
		cf_table_set_real(t, (size_t)r, 8, x->scenario_gbp);
		cf_table_set_real(t, (size_t)r, 9, x->scenario_gbp - x->base_gbp);
		cf_table_set_real(t, (size_t)r, 10, x->cumulative_difference_gbp);
	}
	return t;
}

static struct cf_table *rates_table(const struct fc_rates *r)
{
	struct cf_table *t = cf_table_new("rates");
	if (!t)
		return NULL;
	cf_table_add_column(t, "age_band", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "placement", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "duration", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "to", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "daily_rate", CF_CELL_REAL, 6);
	cf_table_add_column(t, "child_days", CF_CELL_REAL, 0);
	for (int s = 0; s < FC_NSTATES; s++) {   /* entrants first: they have no duration */
		if (r->entry[s] <= 0)
			continue;
		long row;
		if (add_text_row(t, &row, fc_band_names[FC_BAND_OF(s)]) ||
		    cf_table_set_text(t, (size_t)row, 1, fc_place_names[FC_PLACE_OF(s)]) ||
		    cf_table_set_text(t, (size_t)row, 2, "entry") || cf_table_set_text(t, (size_t)row, 3, "entrants_per_day"))
			goto oom;
		cf_table_set_real(t, (size_t)row, 4, r->entry[s]);
	}
	for (int rs = 0; rs < r->nrate; rs++) {
		int s = rs % FC_NSTATES, dur = rs / FC_NSTATES;
		for (int to = 0; to <= FC_NSTATES; to++) {
			double v = to == FC_NSTATES ? r->exit[rs] : r->move[rs][to];
			if (v <= 0)
				continue;
			char dest[48];
			if (to == FC_NSTATES)
				snprintf(dest, sizeof dest, "exit");
			else
				snprintf(dest, sizeof dest, "%s %s", fc_band_names[FC_BAND_OF(to)], fc_place_names[FC_PLACE_OF(to)]);
			long row;
			if (add_text_row(t, &row, fc_band_names[FC_BAND_OF(s)]) ||
			    cf_table_set_text(t, (size_t)row, 1, fc_place_names[FC_PLACE_OF(s)]) ||
			    cf_table_set_text(t, (size_t)row, 2, r->nrate == FC_NSTATES ? "all" : fc_dur_names[dur]) ||
			    cf_table_set_text(t, (size_t)row, 3, dest))
				goto oom;
			cf_table_set_real(t, (size_t)row, 4, v);
			cf_table_set_real(t, (size_t)row, 5, r->stock_days[rs]);
		}
	}
	return t;
oom:
	cf_table_free(t);
	return NULL;
}

static int kv(struct cf_table *t, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int kv(struct cf_table *t, const char *key, const char *fmt, ...)
{
	char v[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(v, sizeof v, fmt, ap);
	va_end(ap);
	long r;
	return add_text_row(t, &r, key) || cf_table_set_text(t, (size_t)r, 1, v);
}

static struct cf_table *inputs_table(const struct fc_history *h, const struct fc_options *o, const struct fc_plan *p,
				     const struct fc_forecast *f, const struct fc_forecast *sf)
{
	struct cf_table *t = cf_table_new("inputs");
	if (!t)
		return NULL;
	cf_table_add_column(t, "input", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "value", CF_CELL_TEXT, 0);
	char a[11], b[11];
	size_t kids = 0;
	for (size_t i = 0; i < h->nchildren; i++)
		kids += h->dob[i] != CF_DATE_NONE;
	double in_care = 0;
	for (int s = 0; s < FC_NSTATES; s++)
		in_care += f->daily[s];
	int bad = kv(t, "method", "%s", fc_method_names[o->method]);
	fmt_date(h->data_start, a), fmt_date(h->data_end, b);
	bad |= kv(t, "data", "%s to %s", a, b);
	fmt_date(p->ref_start, a), fmt_date(p->ref_end, b);
	bad |= kv(t, "reference window", "%s to %s", a, b);
	fmt_date(p->start, a), fmt_date(p->horizon, b);
	bad |= kv(t, "forecast", "%s to %s (%d days, %d month-ends)", a, b, p->days, f->nmonths);
	bad |= kv(t, "children with episodes", "%zu", kids);
	bad |= kv(t, "care segments after cleaning", "%zu", h->nseg);
	bad |= kv(t, "episodes dropped: no date of birth", "%ld", h->dropped_no_dob);
	bad |= kv(t, "episodes dropped: duplicate or no days", "%ld", h->dropped_duplicate);
	bad |= kv(t, "episodes merged (no new placement)", "%ld", h->merged);
	bad |= kv(t, "episodes cut short by the next one", "%ld", h->trimmed);
	bad |= kv(t, "merge rule", "%s", o->merge == FC_MERGE_RNE ? "rne (L, T, U)" : "place (same PLACE and provider)");
	bad |= kv(t, "children in care at start", "%.0f", in_care);
	bad |= kv(t, "entrants", "%s", fc_entrants_names[o->entrants]);
	if (o->runs > 0)
		bad |= kv(t, "runs", "%d (%s, seed %llu)", o->runs, o->bootstrap ? "bootstrap and simulate" : "simulate",
			  (unsigned long long)o->seed);
	else if (o->method != FC_METHOD_MARKOV)
		bad |= kv(t, "runs", "200 for the mean (no bands asked for), seed %llu", (unsigned long long)o->seed);
	if (f->drift) {
		char who[48];
		int band = fc_drift_size_band(f->children_at_start);
		if (band == 0)
			snprintf(who, sizeof who, "under %.0f", fc_drift_cuts[0]);
		else if (band == 1)
			snprintf(who, sizeof who, "%.0f to %.0f", fc_drift_cuts[0], fc_drift_cuts[1] - 1);
		else
			snprintf(who, sizeof who, "%.0f and over", fc_drift_cuts[1]);
		bad |= kv(t, "rate drift in the bands", "entry %.1f%%, exit %.1f%% a year (councils with %s children in "
			  "care; caseflow calibrate)", 100 * f->drift_sd.entry, 100 * f->drift_sd.exit, who);
	} else if (o->runs > 0) {
		bad |= kv(t, "rate drift in the bands", "none (--drift none)");
	}
	if (o->costs->source[0])
		bad |= kv(t, "unit costs", "%s", o->costs->source);
	for (int c = 0; c < FC_NPLACE; c++) {
		char key[64];
		snprintf(key, sizeof key, "cost per child-week: %s", fc_place_names[c]);
		bad |= kv(t, key, "%.2f", o->costs->gbp_day[c] * 7);
	}
	if (o->costs->inflation != 0) {
		fmt_date(o->costs->inflation_from, a);
		bad |= kv(t, "inflation", "%.2f%% a year from %s", o->costs->inflation * 100, a);
	}
	if (sf)
		bad |= kv(t, "scenario: rate states scaled back to keep the sum out within 1", "%d", sf->clamped);
	if (bad) {
		cf_table_free(t);
		return NULL;
	}
	return t;
}

int forecast_compute(const struct cla_data *cla, const struct fc_options *o, struct forecast_result **out,
		     struct cf_error *err)
{
	*out = NULL;
	struct forecast_result *res = calloc(1, sizeof *res);
	if (!res)
		return cf_error_set(err, CF_EIO, "out of memory");
	struct fc_history h;
	struct fc_plan p;
	struct fc_forecast base, sc;
	memset(&base, 0, sizeof base);
	memset(&sc, 0, sizeof sc);
	double *mcb = NULL, *mcs = NULL;
	int rc = fc_history_build(cla, o->map, o->merge, CF_DATE_NONE, &h, err);
	if (rc) {
		free(res);
		return rc;
	}
	if ((rc = fc_plan_make(&h, o, &p, err)))
		goto done;
	res->plan = p;
	if (o->costs->inflation_from == CF_DATE_NONE)
		o->costs->inflation_from = p.start;
	fc_costs_weight(o->costs, &h, p.ref_start, p.ref_end);
	if ((rc = fc_forecast_run(&h, o, &p, NULL, &base, err)))
		goto done;
	if (o->scenario && (rc = fc_forecast_run(&h, o, &p, o->scenario, &sc, err)))
		goto done;
	rc = CF_EIO;
	if (!(mcb = month_costs(&base, o->costs)) || (o->scenario && !(mcs = month_costs(&sc, o->costs))))
		goto oom;
	if (typed_months(res, &base, o, mcb) || typed_periods(res, &base, mcb, o->scenario ? &sc : NULL, mcs))
		goto oom;
	struct fc_rates rates;
	if ((rc = fc_rates_estimate(&h, o->method, p.ref_start, p.ref_end, &rates, err)))
		goto done;
	struct cf_table *made[5] = {
		forecast_table(res),
		costs_table(res),
		o->scenario ? scenario_table(res) : NULL,
		rates_table(&rates),
		inputs_table(&h, o, &p, &base, o->scenario ? &sc : NULL),
	};
	int bad = 0;
	for (int i = 0; i < 5; i++) {
		if (!made[i] && (i != 2 || o->scenario))
			bad = 1;
		if (made[i])
			res->tables[res->ntables++] = made[i];
	}
	if (bad)
		goto oom;
	rc = CF_OK;
	goto done;
oom:
	rc = cf_error_set(err, CF_EIO, "out of memory building the forecast tables");
done:
	free(mcb);
	free(mcs);
	fc_forecast_release(&base);
	fc_forecast_release(&sc);
	fc_history_release(&h);
	if (rc)
		forecast_result_free(res);
	else
		*out = res;
	return rc;
}

int forecast_report(const struct cla_data *cla, const struct fc_options *o, struct cf_table **tables,
		    int *ntables, int max_tables, struct cf_error *err)
{
	*ntables = 0;
	struct forecast_result *res;
	int rc = forecast_compute(cla, o, &res, err);
	if (rc)
		return rc;
	for (int i = 0; i < res->ntables; i++)   /* hand the tables over */
		if (*ntables < max_tables)
			tables[(*ntables)++] = res->tables[i];
		else
			cf_table_free(res->tables[i]);
	res->ntables = 0;
	forecast_result_free(res);
	return CF_OK;
}
