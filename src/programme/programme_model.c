/* Modelled programme lines: scenario savings and demand series from the
 * forecast engine, demand series and benefit actuals from the indicator
 * engine. The forecast's figures are read from the very tables `caseflow
 * forecast` prints, so a modelled saving is exactly the `scenario` table's
 * difference for that year, rounded to the pound. */
#include "programme/programme_model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast/forecast.h"
#include "indicators/indicators.h"
#include "placements/placements.h"
#include "programme/programme_common.h"
#include "model/cla.h"

/* The engine's message, after the sheet, row and column of the line that
 * asked for it. */
static int at_line(struct cf_error *err, int rc, const struct programme *p, int sheet, long row, const char *column,
		   const char *value)
{
	char why[sizeof err->msg + sizeof err->file + 300];
	cf_error_format(err, why, sizeof why);
	const char *w = strncmp(why, "caseflow: ", 10) ? why : why + 10;
	char val[sizeof err->value];
	snprintf(val, sizeof val, "%s", value ? value : "");
	/* the engines' option errors are usage errors on their command line; here
	 * the options are cells of the programme, so bad input */
	return cf_error_at(err, rc == CF_EUSAGE ? CF_EINPUT : rc, p->sheet_file[sheet], row, column, value ? val : NULL,
			   "sheet %s: %s", prog_sheet_names[sheet], w);
}

static int oom(struct cf_error *err) { return cf_error_set(err, CF_EIO, "out of memory"); }

/* Append item to *arr (n items, capacity doubling at powers of two). */
static int push(void **arr, int *n, size_t size, const void *item)
{
	if ((*n & (*n - 1)) == 0) {
		void *v = realloc(*arr, (*n ? (size_t)*n * 2 : 1) * size);
		if (!v)
			return -1;
		*arr = v;
	}
	memcpy((char *)*arr + (size_t)*n * size, item, size);
	(*n)++;
	return 0;
}

/* --- reading the forecast's tables ------------------------------------------ */

struct fc_out {
	const struct prog_forecast *f;
	struct cf_table *tables[8];
	int ntables;
};

static void fc_out_release(struct fc_out *o)
{
	for (int i = 0; i < o->ntables; i++)
		cf_table_free(o->tables[i]);
	o->ntables = 0;
}

static const struct cf_table *find_table(const struct fc_out *o, const char *name)
{
	for (int i = 0; i < o->ntables; i++)
		if (!strcmp(o->tables[i]->name, name))
			return o->tables[i];
	return NULL;
}

static const char *cell_text(const struct cf_table *t, size_t r, int c)
{
	const struct cf_cell *x = cf_table_cell_const(t, r, c);
	return x && x->type == CF_CELL_TEXT ? x->v.s : "";
}

static double cell_real(const struct cf_table *t, size_t r, int c)
{
	const struct cf_cell *x = cf_table_cell_const(t, r, c);
	if (x && x->type == CF_CELL_REAL)
		return x->v.d;
	return x && x->type == CF_CELL_INT ? (double)x->v.i : NAN;
}

/* Months to forecast: as given, else to the 31 March that ends the
 * business case's last year, else the forecast's own default (24). */
static int forecast_months(const struct cla_data *cla, const struct fc_placemap *map, const struct programme *p,
			   const struct prog_forecast *f, int *months, struct cf_error *err)
{
	int last = programme_last_year(p);
	*months = f->months ? f->months : 24;
	if (f->months || last < 0 || !p->first_year)
		return CF_OK;
	cf_date start = f->start;
	if (start == CF_DATE_NONE) {
		struct fc_history h;
		int rc = fc_history_build(cla, map, FC_MERGE_RNE, CF_DATE_NONE, &h, err);
		if (rc)
			return rc;
		start = h.data_end;
		fc_history_release(&h);
	}
	cf_date end = cf_date_fy_end(p->first_year + last);
	int ys, ms, ye, me, d;
	cf_date_to_ymd(start, &ys, &ms, &d);
	cf_date_to_ymd(end, &ye, &me, &d);
	*months = (ye * 12 + me) - (ys * 12 + ms);
	char a[11], b[11];
	cf_date_format(start, a);
	cf_date_format(end, b);
	if (*months < 1)
		return cf_error_set(err, CF_EINPUT, "the business case's last year ends on %s, before the forecast starts "
				    "(%s): give months", b, a);
	if (*months > 120)
		return cf_error_set(err, CF_EINPUT, "from %s to the end of the business case's last year (%s) is %d months, "
				    "more than a forecast runs (120): give months", a, b, *months);
	return CF_OK;
}

static int run_forecast(const struct cla_data *cla, const struct programme *p, const struct prog_forecast *f,
			struct fc_out *out, struct cf_error *err)
{
	struct fc_options o;
	struct fc_placemap map;
	struct fc_costs costs;
	struct fc_scenario sc;
	memset(&costs, 0, sizeof costs);
	memset(&sc, 0, sizeof sc);
	memset(out, 0, sizeof *out);
	out->f = f;
	fc_options_init(&o);
	fc_placemap_default(&map);
	o.method = (enum fc_method)fc_method_parse(f->method);
	o.entrants = (enum fc_entrants)fc_entrants_parse(f->entrants);
	o.ref_start = f->ref_start;
	o.ref_end = f->ref_end;
	o.start = f->start;
	int rc = f->costs ? fc_costs_load(&costs, f->costs, &map, err) : fc_costs_default(&costs, &map, err);
	if (!rc && f->scenario)
		rc = fc_scenario_load(f->scenario, &sc, err);
	if (!rc)
		rc = forecast_months(cla, &map, p, f, &o.months, err);
	costs.inflation = f->inflation;
	costs.inflation_from = CF_DATE_NONE;
	o.map = &map;
	o.costs = &costs;
	o.scenario = f->scenario ? &sc : NULL;
	if (!rc)
		rc = forecast_report(cla, &o, out->tables, &out->ntables, 8, err);
	fc_costs_release(&costs);
	fc_scenario_release(&sc);
	if (rc)
		fc_out_release(out);
	return rc;
}

/* --- savings from a scenario ---------------------------------------------------- */

/* One modelled year of a line: the saving that year, `pounds` (rounded),
 * becomes the increment pounds - *prev in the programme's unit, and a
 * modelled_savings row. `source` is the forecast's id or the shift file. */
static int model_year(const struct programme *p, const struct prog_saving *line, const char *source, int fy,
		      const char *period, double base, double scenario, long long pounds, long long *prev,
		      struct prog_saving **arr, int *n, struct cf_table *rep, struct cf_error *err)
{
	long long per_pound = p->unit == PROG_THOUSANDS ? PROG_SCALE / 1000 : PROG_SCALE;
	int year = fy - p->first_year;
	if (year < 0 && pounds)
		return cf_error_set(err, CF_EINPUT, "the %s saves %lld pounds in %s, before the programme's "
				    "year 0 (%d-%02d): start %s later", line->shift ? "shift" : "scenario", pounds, period,
				    p->first_year, (p->first_year + 1) % 100, line->shift ? "the shift" : "the forecast");
	if (year < 0)
		return CF_OK;
	if (year > PROG_MAX_YEAR)
		return cf_error_set(err, CF_EINPUT, "%s is after the programme's year %d", period, PROG_MAX_YEAR);
	struct prog_saving s = { year, line->workstream, (pounds - *prev) * per_pound, line->row, line->forecast,
				 line->shift, 0 };
	*prev = pounds;
	long k = ptable_row(rep);
	if (push((void **)arr, n, sizeof s, &s) || k < 0 || cf_table_set_text(rep, (size_t)k, 1, line->workstream) ||
	    cf_table_set_text(rep, (size_t)k, 2, source) || cf_table_set_text(rep, (size_t)k, 4, period))
		return oom(err);
	cf_table_set_int(rep, (size_t)k, 0, line->row);
	cf_table_set_int(rep, (size_t)k, 3, year);
	cf_table_set_real(rep, (size_t)k, 5, base);
	cf_table_set_real(rep, (size_t)k, 6, scenario);
	cf_table_set_real(rep, (size_t)k, 7, (double)pounds);
	cf_table_set_real(rep, (size_t)k, 8, prog_money_to_double(s.amount));
	return CF_OK;
}

/* The line's savings: for each financial year of the forecast, the saving
 * S (pounds, rounded) is minus the scenario's cost difference; the
 * business case adds increments, so each year gets S - S(previous year). */
static int model_saving(const struct programme *p, const struct prog_saving *line, const struct fc_out *fo,
			struct prog_saving **arr, int *n, struct cf_table *rep, struct cf_error *err)
{
	const struct cf_table *t = find_table(fo, "scenario");
	int c_type = t ? cf_table_column(t, "period_type") : -1, c_period = t ? cf_table_column(t, "period") : -1;
	int c_to = t ? cf_table_column(t, "to") : -1, c_base = t ? cf_table_column(t, "base_cost_gbp") : -1;
	int c_scen = t ? cf_table_column(t, "scenario_cost_gbp") : -1, c_diff = t ? cf_table_column(t, "difference_gbp") : -1;
	if (c_type < 0 || c_period < 0 || c_to < 0 || c_base < 0 || c_scen < 0 || c_diff < 0)
		return cf_error_set(err, CF_EIO, "the forecast gave no scenario table");
	long long prev = 0;
	for (size_t r = 0; r < t->nrows; r++) {
		if (strcmp(cell_text(t, r, c_type), "year"))
			continue;
		const char *period = cell_text(t, r, c_period), *to_s = cell_text(t, r, c_to);
		int fy = atoi(period);
		cf_date to;
		if (cf_date_parse(to_s, strlen(to_s), &to) || to != cf_date_fy_end(fy))
			return cf_error_set(err, CF_EINPUT, "the forecast ends on %s, part way through %s: give months "
					    "so that it ends on a 31 March, and every year's saving is a whole year's", to_s, period);
		int rc = model_year(p, line, line->forecast, fy, period, cell_real(t, r, c_base), cell_real(t, r, c_scen),
				    -llround(cell_real(t, r, c_diff)), &prev, arr, n, rep, err);
		if (rc)
			return rc;
	}
	return CF_OK;
}

/* --- savings from a placement shift --------------------------------------------- */

/* The line's savings from its placement-shift scenario (money_shift, as
 * `caseflow money --shift FILE` prints it): for each financial year, the
 * saving S is the shift's saving that year (what the moved children would
 * have cost where they were, less in-house), rounded to the pound; the
 * business case adds increments, as for a forecast. */
static int model_shift(const struct placements_data *d, const struct programme *p, const struct prog_saving *line,
		       struct prog_saving **arr, int *n, struct cf_table *rep, struct cf_error *err)
{
	struct placement_shift sh;
	struct cf_table *t = NULL;
	int rc = placement_shift_load(line->shift, &sh, err);
	if (!rc)
		rc = money_shift(d, &sh, &t, err);
	if (rc)
		return rc;
	int c_fy = cf_table_column(t, "financial_year"), c_was = cf_table_column(t, "cost_where_they_were"),
	    c_in = cf_table_column(t, "cost_in_house"), c_save = cf_table_column(t, "saving");
	const char *base = strrchr(line->shift, '/') ? strrchr(line->shift, '/') + 1 : line->shift;
	long long prev = 0;
	for (size_t r = 0; r < t->nrows && !rc; r++) {
		const char *period = cell_text(t, r, c_fy);
		rc = model_year(p, line, base, atoi(period), period, cell_real(t, r, c_was), cell_real(t, r, c_in),
				llround(cell_real(t, r, c_save)), &prev, arr, n, rep, err);
	}
	cf_table_free(t);
	return rc;
}

/* --- demand series ------------------------------------------------------------------- */

static int add_demand(struct prog_workforce *wf, cf_date date, double cases, struct cf_error *err)
{
	struct prog_demand d = { date, cases, wf->demand_row };
	return push((void **)&wf->demand, &wf->ndemand, sizeof d, &d) ? oom(err) : CF_OK;
}

/* Children in care at each month-end: the scenario's when the forecast has one. */
static int forecast_demand(struct prog_workforce *wf, const struct fc_out *fo, struct cf_error *err)
{
	const struct cf_table *t = find_table(fo, fo->f->scenario ? "scenario" : "costs");
	const char *col = fo->f->scenario ? "scenario_children" : "children_at_end";
	int c_type = t ? cf_table_column(t, "period_type") : -1, c_to = t ? cf_table_column(t, "to") : -1;
	int c_n = t ? cf_table_column(t, col) : -1;
	if (c_type < 0 || c_to < 0 || c_n < 0)
		return cf_error_set(err, CF_EIO, "the forecast gave no monthly table");
	for (size_t r = 0; r < t->nrows; r++) {
		if (strcmp(cell_text(t, r, c_type), "month"))
			continue;
		const char *to_s = cell_text(t, r, c_to);
		cf_date to;
		if (cf_date_parse(to_s, strlen(to_s), &to))
			return cf_error_set(err, CF_EIO, "the forecast's month '%s' is not a date", to_s);
		int rc = add_demand(wf, to, cell_real(t, r, c_n) * wf->cases_per_unit, err);
		if (rc)
			return rc;
	}
	return CF_OK;
}

/* The month periods the store's data cover. */
static int data_months(const struct kpi_data *d, struct kpi_period **out, int *n, struct cf_error *err)
{
	int rc = kpi_all_periods(d, out, n, err);
	if (rc)
		return rc;
	int k = 0;
	for (int i = 0; i < *n; i++)
		if ((*out)[i].kind == KPI_MONTH)
			(*out)[k++] = (*out)[i];
	*n = k;
	return CF_OK;
}

/* The LA's value of each indicator ids[i] in every month the data cover. */
static int indicator_months(struct store *st, long suppress, struct kpi_data *d, struct kpi_period **months,
			    int *nmonths, struct kpi_result **res, struct cf_error *err)
{
	int rc = kpi_data_load(st, d, err);
	if (rc)
		return rc;
	struct kpi_options opt = { .by = KPI_BY_ALL, .suppress = suppress };
	if (!(rc = data_months(d, months, nmonths, err)))
		rc = kpi_compute(d, *months, *nmonths, &opt, res, err);
	return rc;
}

static int indicator_demand(struct store *st, struct programme *p, struct cf_error *err)
{
	struct prog_workforce *wf = &p->workforce;
	int id = kpi_find(wf->demand_indicator);
	if (id < 0)
		return cf_error_at(err, CF_EINPUT, p->sheet_file[PROG_SHEET_WORKFORCE], wf->demand_row, "indicator",
				   wf->demand_indicator, "sheet workforce: not an indicator id ('caseflow kpi' lists them)");
	struct kpi_data d;
	struct kpi_period *months = NULL;
	struct kpi_result *res = NULL;
	int n = 0;
	int rc = indicator_months(st, 0, &d, &months, &n, &res, err);
	if (!rc && res->omitted[id])
		rc = cf_error_set(err, CF_EINPUT, "the indicator cannot be computed from this store (%s)", res->notes);
	for (int m = 0; !rc && m < n; m++) {
		const struct kpi_cell *c = kpi_result_cell(res, m, id, 0);
		if (c->has_value)
			rc = add_demand(wf, months[m].to, c->value * wf->cases_per_unit, err);
	}
	if (!rc && wf->ndemand == 0)
		rc = cf_error_set(err, CF_EINPUT, "the store's data give the indicator no value in any month");
	kpi_result_free(res);
	free(months);
	kpi_data_release(&d);
	if (rc && err->file[0] == '\0')
		rc = at_line(err, rc, p, PROG_SHEET_WORKFORCE, wf->demand_row, "indicator", wf->demand_indicator);
	return rc;
}

/* --- putting it together ------------------------------------------------------------- */

static int check_measures(const struct programme *p, struct cf_error *err)
{
	for (int i = 0; i < p->nbenefits; i++) {
		const struct prog_benefit *b = &p->benefits[i];
		if (strcmp(b->measure, "manual") && kpi_find(b->measure) < 0)
			return cf_error_at(err, CF_EINPUT, p->sheet_file[PROG_SHEET_BENEFITS], b->row, "measure", b->measure,
					   "sheet benefits: not an indicator id ('caseflow kpi' lists them) or manual");
	}
	return CF_OK;
}

static int uses_forecast(const struct programme *p, const char *id)
{
	if (p->workforce.demand_pending && p->workforce.demand_forecast && !strcmp(p->workforce.demand_forecast, id))
		return 1;
	for (int i = 0; i < p->nsavings; i++)
		if (p->savings[i].pending && p->savings[i].forecast && !strcmp(p->savings[i].forecast, id))
			return 1;
	return 0;
}

/* Run one forecast and turn every line naming it into figures; new savings
 * go to *arr in the order of the lines. */
static int model_forecast(const struct cla_data *cla, struct programme *p, const struct prog_forecast *f,
			  struct prog_saving **arr, int *n, struct cf_table *rep, struct cf_error *err)
{
	struct fc_out fo;
	int rc = run_forecast(cla, p, f, &fo, err);
	if (rc)
		return at_line(err, rc, p, PROG_SHEET_FORECASTS, f->row, "forecast", f->id);
	for (int i = 0; i < p->nsavings && !rc; i++) {
		const struct prog_saving *s = &p->savings[i];
		if (!s->pending || !s->forecast || strcmp(s->forecast, f->id))
			continue;
		if ((rc = model_saving(p, s, &fo, arr, n, rep, err)))
			rc = at_line(err, rc, p, PROG_SHEET_SAVINGS, s->row, "forecast", s->forecast);
	}
	struct prog_workforce *wf = &p->workforce;
	if (!rc && wf->demand_pending && wf->demand_forecast && !strcmp(wf->demand_forecast, f->id)) {
		if ((rc = forecast_demand(wf, &fo, err)))
			rc = at_line(err, rc, p, PROG_SHEET_WORKFORCE, wf->demand_row, "forecast", f->id);
		wf->demand_pending = 0;
	}
	fc_out_release(&fo);
	return rc;
}

void programme_model_report_release(struct programme_model_report *rep)
{
	cf_table_free(rep->savings);
	memset(rep, 0, sizeof *rep);
}

int programme_model_load(struct store *st, struct programme *p, struct programme_model_report *rep,
			 struct cf_error *err)
{
	struct programme_model_report none;
	if (!rep)
		rep = &none;
	memset(rep, 0, sizeof *rep);
	int rc = check_measures(p, err);
	int nforecast = 0, nshift = 0;
	for (int i = 0; i < p->nforecasts; i++)
		nforecast += uses_forecast(p, p->forecasts[i].id);
	for (int i = 0; i < p->nsavings; i++)
		nshift += p->savings[i].pending && p->savings[i].shift;
	if (rc || (!nforecast && !nshift && !p->workforce.demand_pending))
		return rc;

	struct prog_saving *arr = NULL;
	int n = 0;
	for (int i = 0; i < p->nsavings; i++)   /* figures given as amounts stay as they are */
		if (!p->savings[i].pending && push((void **)&arr, &n, sizeof *arr, &p->savings[i]))
			return oom(err);
	/* incremental savings in the programme's unit: pounds, or £000s to the pound */
	struct cf_table *t = ptable_new("modelled_savings", p->unit == PROG_THOUSANDS
					? "row:i workstream:t forecast:t year:i financial_year:t base_cost_gbp:r0 "
					  "scenario_cost_gbp:r0 saving_gbp:r0 incremental_saving:r3"
					: "row:i workstream:t forecast:t year:i financial_year:t base_cost_gbp:r0 "
					  "scenario_cost_gbp:r0 saving_gbp:r0 incremental_saving:r0", err);
	rc = t ? CF_OK : CF_EIO;
	if (!rc && nforecast) {
		struct cla_data cla;
		if (!(rc = cla_load_versions(st, &cla, CLA_DROP_WITHDRAWN, err))) {   /* as caseflow forecast */
			for (int i = 0; i < p->nforecasts && !rc; i++)
				if (uses_forecast(p, p->forecasts[i].id))
					rc = model_forecast(&cla, p, &p->forecasts[i], &arr, &n, t, err);
			cla_release(&cla);
		}
	}
	if (!rc && nshift) {
		struct placements_data d;
		if (!(rc = store_placements_read(st, &d, err))) {
			for (int i = 0; i < p->nsavings && !rc; i++) {
				const struct prog_saving *s = &p->savings[i];
				if (s->pending && s->shift && (rc = model_shift(&d, p, s, &arr, &n, t, err)))
					rc = at_line(err, rc, p, PROG_SHEET_SAVINGS, s->row, "shift", s->shift);
			}
			placements_data_release(&d);
		}
	}
	if (!rc && p->workforce.demand_pending && p->workforce.demand_indicator) {
		rc = indicator_demand(st, p, err);
		p->workforce.demand_pending = 0;
	}
	if (rc) {
		free(arr);
		cf_table_free(t);
		return rc;
	}
	free(p->savings);
	p->savings = arr;
	p->nsavings = n;
	if (t->nrows)
		rep->savings = t;
	else
		cf_table_free(t);
	const struct prog_workforce *wf = &p->workforce;
	if (wf->demand_forecast || wf->demand_indicator) {
		rep->demand_months = wf->ndemand;
		for (int i = 0; i < wf->ndemand; i++) {
			const struct prog_demand *d = &wf->demand[i];
			if (i == 0 || d->date < rep->demand_from)
				rep->demand_from = d->date;
			if (i == 0 || d->date > rep->demand_to)
				rep->demand_to = d->date;
			if (i == 0 || d->cases < rep->demand_min)
				rep->demand_min = d->cases;
			if (i == 0 || d->cases > rep->demand_max)
				rep->demand_max = d->cases;
		}
	}
	return CF_OK;
}

/* --- benefit actuals from the indicator engine ----------------------------------- */

int programme_indicator_actuals(struct store *st, const struct programme *p, long suppress, struct prog_actual **out,
				int *nout, int *withheld, char *notes, size_t notes_size, struct cf_error *err)
{
	*out = NULL;
	*nout = 0;
	if (withheld)
		*withheld = 0;
	if (notes && notes_size)
		notes[0] = '\0';
	int any = 0;
	for (int i = 0; i < p->nbenefits; i++)
		any |= strcmp(p->benefits[i].measure, "manual") && kpi_find(p->benefits[i].measure) >= 0;
	if (!any)
		return CF_OK;
	struct kpi_data d;
	struct kpi_period *months = NULL;
	struct kpi_result *res = NULL;
	int n = 0;
	int rc = indicator_months(st, suppress, &d, &months, &n, &res, err);
	for (int i = 0; i < p->nbenefits && !rc; i++) {
		const struct prog_benefit *b = &p->benefits[i];
		int id = strcmp(b->measure, "manual") ? kpi_find(b->measure) : -1;
		if (id < 0)
			continue;
		int found = 0;
		for (int m = 0; m < n && !res->omitted[id] && !rc; m++) {
			const struct kpi_cell *c = kpi_result_cell(res, m, id, 0);
			struct prog_actual a = { b->id, months[m].to, c->value, 0 };
			if (c->suppressed && withheld)
				++*withheld;
			if (c->has_value && !c->suppressed && push((void **)out, nout, sizeof a, &a))
				rc = oom(err);
			found += c->has_value;
		}
		if (!found && notes && notes_size) {
			size_t len = strlen(notes);
			snprintf(notes + len, notes_size - len, "%s%s: the store has no month with a value of %s%s", len ? "; " : "",
				 b->id, b->measure, res->omitted[id] ? " (its source is not loaded)" : "");
		}
	}
	kpi_result_free(res);
	free(months);
	kpi_data_release(&d);
	if (rc) {
		free(*out);
		*out = NULL;
		*nout = 0;
	}
	return rc;
}
