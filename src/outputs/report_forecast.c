/* The forecast panel: a fan chart of children in care, the placement mix
 * and cost by financial year over the next 24 months, and a scenario
 * against the base when the report is given one. Runs are few and seeded
 * so the page is the same every time and quick to make. */
#include "outputs/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast/forecast.h"
#include "outputs/html.h"
#include "outputs/svg_spread.h"
#include "placements/placements.h"

#define OOM() cf_error_set(err, CF_EIO, "out of memory writing the report")

enum { FC_REPORT_MONTHS = 24, FC_REPORT_RUNS = 200, FC_REPORT_SEED = 1 };

static int note(struct report_ctx *rc, const char *text)
{
	return strbuf_adds(rc->html, "<p class=\"note\">") || html_text(rc->html, text) || strbuf_adds(rc->html, "</p>");
}

static struct cf_table *find(struct cf_table **t, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(t[i]->name, name) == 0)
			return t[i];
	return NULL;
}

static const char *text_at(const struct cf_table *t, size_t r, int c)
{
	const struct cf_cell *x = c >= 0 ? cf_table_cell_const(t, r, c) : NULL;
	return x && x->type == CF_CELL_TEXT ? x->v.s : "";
}

static double real_at(const struct cf_table *t, size_t r, int c)
{
	const struct cf_cell *x = c >= 0 ? cf_table_cell_const(t, r, c) : NULL;
	return x && x->type == CF_CELL_REAL ? x->v.d : x && x->type == CF_CELL_INT ? (double)x->v.i : NAN;
}

/* "Apr 2024" from "2024-04-30". */
static void month_label(const char *iso, char out[16])
{
	static const char *const names[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int y = 0, m = 0;
	if (sscanf(iso, "%d-%d", &y, &m) == 2 && m >= 1 && m <= 12)
		snprintf(out, 16, "%s %d", names[m - 1], y);
	else
		snprintf(out, 16, "%.15s", iso);
}

struct fan {
	int n;
	char labels[130][16];
	const char *label_ptrs[130];
	double mean[130], p5[130], p25[130], p50[130], p75[130], p95[130];
	double mix[FC_NPLACE][130];
};

static int fan_figure(struct report_ctx *rc, const struct fan *f, struct cf_error *err)
{
	struct cf_table *t = cf_table_new("Forecast CLA");
	if (!t)
		return OOM();
	static const char *const cols[] = { "p5", "p25", "median", "mean", "p75", "p95" };
	cf_table_add_column(t, "month end", CF_CELL_TEXT, 0);
	for (int i = 0; i < 6; i++)
		cf_table_add_column(t, cols[i], CF_CELL_REAL, 1);
	int bad = 0;
	for (int k = 0; k < f->n && !bad; k++) {
		long r = cf_table_add_row(t);
		if (r < 0 || cf_table_set_text(t, (size_t)r, 0, f->labels[k])) {
			bad = 1;
			break;
		}
		const double v[6] = { f->p5[k], f->p25[k], f->p50[k], f->mean[k], f->p75[k], f->p95[k] };
		for (int i = 0; i < 6; i++)
			if (isfinite(v[i]))
				cf_table_set_real(t, (size_t)r, 1 + i, v[i]);
	}
	char id[16], desc[512], a[32], b[32], c[32], d[32];
	int last = f->n - 1;
	html_number(a, sizeof a, f->mean[0], 0);
	html_number(b, sizeof b, f->mean[last], 0);
	html_number(c, sizeof c, f->p5[last], 0);
	html_number(d, sizeof d, f->p95[last], 0);
	snprintf(desc, sizeof desc,
		 "Children looked after, forecast month by month: the mean goes from %s at %s to %s at %s; "
		 "in 90%% of %d simulated futures the count at %s lies between %s and %s.",
		 a, f->labels[0], b, f->labels[last], FC_REPORT_RUNS, f->labels[last], c, d);
	struct svg_series mean = { "mean", f->mean };
	struct svg_band_chart ch = {
		.id = report_next_id(rc, id), .title = "Children looked after: forecast with uncertainty bands",
		.desc = desc, .y_label = "children in care", .labels = f->label_ptrs, .n = f->n,
		.outer_lo = f->p5, .outer_hi = f->p95, .outer_name = "p5–p95",
		.inner_lo = f->p25, .inner_hi = f->p75, .inner_name = "p25–p75",
		.lines = &mean, .nlines = 1, .marker = -1,
	};
	bad |= report_figure_open(rc, 620);
	bad |= svg_band(rc->html, &ch);
	bad |= report_figure_close(rc, desc, ch.title, t, svg_band_height(&ch));
	if (bad) {
		cf_table_free(t);
		return OOM();
	}
	return report_add_sheet(rc, t, err);
}

static int mix_figure(struct report_ctx *rc, const struct fan *f, struct cf_error *err)
{
	struct cf_table *t = cf_table_new("Forecast placements");
	if (!t)
		return OOM();
	cf_table_add_column(t, "month end", CF_CELL_TEXT, 0);
	for (int p = 0; p < FC_NPLACE; p++)
		cf_table_add_column(t, fc_place_names[p], CF_CELL_REAL, 1);
	int bad = 0;
	for (int k = 0; k < f->n && !bad; k++) {
		long r = cf_table_add_row(t);
		if (r < 0 || cf_table_set_text(t, (size_t)r, 0, f->labels[k])) {
			bad = 1;
			break;
		}
		for (int p = 0; p < FC_NPLACE; p++)
			cf_table_set_real(t, (size_t)r, 1 + p, f->mix[p][k]);
	}
	struct svg_series ser[FC_NPLACE];
	for (int p = 0; p < FC_NPLACE; p++)
		ser[p] = (struct svg_series){ fc_place_names[p], f->mix[p] };
	/* every column gets a label slot; name every third month so they do not overlap */
	const char *sparse[130];
	for (int k = 0; k < f->n; k++)
		sparse[k] = k % 3 == 0 ? f->labels[k] : "";
	char id[16], desc[512];
	int last = f->n - 1, len = snprintf(desc, sizeof desc, "Forecast children in care by placement at %s (mean): ",
					    f->labels[last]);
	for (int p = 0; p < FC_NPLACE && len > 0 && (size_t)len < sizeof desc; p++)
		len += snprintf(desc + len, sizeof desc - (size_t)len, "%s%s %.0f", p ? ", " : "", fc_place_names[p],
				f->mix[p][last]);
	struct svg_chart ch = { .id = report_next_id(rc, id), .title = "Forecast placement mix", .desc = desc,
				.y_label = "children in care", .labels = sparse, .n = f->n, .series = ser,
				.nseries = FC_NPLACE, .reference = NAN };
	bad |= report_figure(rc, 's', &ch, t);
	if (bad) {
		cf_table_free(t);
		return OOM();
	}
	return report_add_sheet(rc, t, err);
}

/* Cost by financial year, stacked by placement, from the "costs" table. */
static int cost_figure(struct report_ctx *rc, const struct cf_table *costs, struct cf_error *err)
{
	int ctype = cf_table_column(costs, "period_type"), cper = cf_table_column(costs, "period");
	int ctot = cf_table_column(costs, "total_gbp"), cfrom = cf_table_column(costs, "from"), cto = cf_table_column(costs, "to");
	int cp[FC_NPLACE];
	for (int p = 0; p < FC_NPLACE; p++) {
		char name[40];
		snprintf(name, sizeof name, "%s_gbp", fc_place_names[p]);
		cp[p] = cf_table_column(costs, name);
	}
	struct cf_table *t = cf_table_new("Forecast cost by year");
	if (!t)
		return OOM();
	cf_table_add_column(t, "financial year", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "months", CF_CELL_TEXT, 0);
	for (int p = 0; p < FC_NPLACE; p++) {
		char name[48];
		snprintf(name, sizeof name, "%s £000", fc_place_names[p]);
		cf_table_add_column(t, name, CF_CELL_REAL, 0);
	}
	cf_table_add_column(t, "total £000", CF_CELL_REAL, 0);
	enum { MAXY = 16 };
	char labels[MAXY][16];
	const char *label_ptrs[MAXY];
	double vals[FC_NPLACE][MAXY];
	int n = 0, bad = 0;
	struct strbuf desc = STRBUF_INIT;
	bad |= strbuf_adds(&desc, "Forecast placement cost by financial year (£000, mean; part years say which months): ");
	for (size_t r = 0; r < costs->nrows && n < MAXY && !bad; r++) {
		if (strcmp(text_at(costs, r, ctype), "year") != 0)
			continue;
		char months[32];
		snprintf(months, sizeof months, "%.7s to %.7s", text_at(costs, r, cfrom), text_at(costs, r, cto));
		snprintf(labels[n], sizeof labels[n], "%.15s", text_at(costs, r, cper));
		label_ptrs[n] = labels[n];
		long row = cf_table_add_row(t);
		if (row < 0 || cf_table_set_text(t, (size_t)row, 0, labels[n]) || cf_table_set_text(t, (size_t)row, 1, months)) {
			bad = 1;
			break;
		}
		for (int p = 0; p < FC_NPLACE; p++) {
			vals[p][n] = real_at(costs, r, cp[p]) / 1000;
			cf_table_set_real(t, (size_t)row, 2 + p, vals[p][n]);
		}
		double total = real_at(costs, r, ctot) / 1000;
		cf_table_set_real(t, (size_t)row, 2 + FC_NPLACE, total);
		char num[32];
		html_number(num, sizeof num, total, 0);
		bad |= strbuf_addf(&desc, "%s%s £%sk (%s)", n ? "; " : "", labels[n], num, months);
		n++;
	}
	struct svg_series ser[FC_NPLACE];
	for (int p = 0; p < FC_NPLACE; p++)
		ser[p] = (struct svg_series){ fc_place_names[p], vals[p] };
	char id[16];
	struct svg_chart ch = { .id = report_next_id(rc, id), .title = "Forecast placement cost by financial year",
				.desc = desc.buf, .y_label = "£000", .labels = label_ptrs, .n = n, .series = ser,
				.nseries = FC_NPLACE, .reference = NAN };
	if (!bad && n)
		bad |= report_figure(rc, 's', &ch, t);
	strbuf_release(&desc);
	if (bad) {
		cf_table_free(t);
		return OOM();
	}
	return report_add_sheet(rc, t, err);
}

/* Base against scenario, month by month, from the "scenario" table. */
static int scenario_figure(struct report_ctx *rc, const struct cf_table *sc, struct cf_error *err)
{
	int ctype = cf_table_column(sc, "period_type"), cto = cf_table_column(sc, "to");
	int cb = cf_table_column(sc, "base_children"), cs = cf_table_column(sc, "scenario_children");
	int cdiff = cf_table_column(sc, "difference_gbp"), ccum = cf_table_column(sc, "cumulative_difference_gbp");
	struct cf_table *t = cf_table_new("Forecast scenario");
	if (!t)
		return OOM();
	cf_table_add_column(t, "month end", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "base children", CF_CELL_REAL, 1);
	cf_table_add_column(t, "scenario children", CF_CELL_REAL, 1);
	cf_table_add_column(t, "difference £000", CF_CELL_REAL, 1);
	cf_table_add_column(t, "cumulative difference £000", CF_CELL_REAL, 1);
	static struct {
		char labels[130][16];
		const char *ptrs[130];
		double base[130], scen[130];
	} m;
	int n = 0, bad = 0;
	double cum = 0;
	for (size_t r = 0; r < sc->nrows && n < 130 && !bad; r++) {
		if (strcmp(text_at(sc, r, ctype), "month") != 0)
			continue;
		month_label(text_at(sc, r, cto), m.labels[n]);
		m.ptrs[n] = m.labels[n];
		m.base[n] = real_at(sc, r, cb);
		m.scen[n] = real_at(sc, r, cs);
		cum = real_at(sc, r, ccum);
		long row = cf_table_add_row(t);
		if (row < 0 || cf_table_set_text(t, (size_t)row, 0, m.labels[n])) {
			bad = 1;
			break;
		}
		cf_table_set_real(t, (size_t)row, 1, m.base[n]);
		cf_table_set_real(t, (size_t)row, 2, m.scen[n]);
		cf_table_set_real(t, (size_t)row, 3, real_at(sc, r, cdiff) / 1000);
		cf_table_set_real(t, (size_t)row, 4, cum / 1000);
		n++;
	}
	if (!n) {
		cf_table_free(t);
		return bad ? OOM() : CF_OK;
	}
	char id[16], desc[512], a[32], b[32], c[32];
	html_number(a, sizeof a, m.base[n - 1], 0);
	html_number(b, sizeof b, m.scen[n - 1], 0);
	html_number(c, sizeof c, cum / 1000, 0);
	snprintf(desc, sizeof desc,
		 "Children in care with the scenario against the base forecast: at %s, %s with the scenario against %s; "
		 "the scenario's cumulative cost difference over the forecast is £%sk.",
		 m.labels[n - 1], b, a, c);
	struct svg_series ser[2] = { { "base", m.base }, { "scenario", m.scen } };
	struct svg_band_chart ch = { .id = report_next_id(rc, id), .title = "Scenario against the base forecast",
				     .desc = desc, .y_label = "children in care", .labels = m.ptrs, .n = n,
				     .lines = ser, .nlines = 2, .marker = -1 };
	bad |= strbuf_adds(rc->html, "<h3>Scenario</h3>");
	bad |= report_figure_open(rc, 620);
	bad |= svg_band(rc->html, &ch);
	bad |= report_figure_close(rc, desc, ch.title, t, svg_band_height(&ch));
	if (bad) {
		cf_table_free(t);
		return OOM();
	}
	return report_add_sheet(rc, t, err);
}

/* Pull the all-ages series out of the "forecast" table. */
static void read_fan(const struct cf_table *fc, struct fan *f)
{
	int cdate = cf_table_column(fc, "date"), cband = cf_table_column(fc, "age_band"), cplace = cf_table_column(fc, "placement");
	int cmean = cf_table_column(fc, "mean"), c5 = cf_table_column(fc, "p5"), c25 = cf_table_column(fc, "p25");
	int c50 = cf_table_column(fc, "p50"), c75 = cf_table_column(fc, "p75"), c95 = cf_table_column(fc, "p95");
	f->n = 0;
	for (size_t r = 0; r < fc->nrows; r++) {
		if (strcmp(text_at(fc, r, cband), "all") != 0)
			continue;
		const char *place = text_at(fc, r, cplace);
		if (strcmp(place, "all") == 0) {
			if (f->n == 130)
				break;
			int k = f->n++;
			month_label(text_at(fc, r, cdate), f->labels[k]);
			f->label_ptrs[k] = f->labels[k];
			f->mean[k] = real_at(fc, r, cmean);
			f->p5[k] = real_at(fc, r, c5);
			f->p25[k] = real_at(fc, r, c25);
			f->p50[k] = real_at(fc, r, c50);
			f->p75[k] = real_at(fc, r, c75);
			f->p95[k] = real_at(fc, r, c95);
			for (int p = 0; p < FC_NPLACE; p++)
				f->mix[p][k] = NAN;
			continue;
		}
		for (int p = 0; p < FC_NPLACE && f->n; p++)
			if (strcmp(place, fc_place_names[p]) == 0)
				f->mix[p][f->n - 1] = real_at(fc, r, cmean);
	}
}

int report_panel_forecast(struct report_ctx *rc, struct cf_error *err)
{
	const struct cla_data *cla = &rc->data->cla;
	if (cla->neps == 0)
		return note(rc, "No forecast: no periods of care are loaded (SSDA903 episodes).") ? OOM() : CF_OK;
	struct fc_placemap map;
	struct fc_costs costs;
	struct fc_scenario scenario;
	memset(&costs, 0, sizeof costs);
	memset(&scenario, 0, sizeof scenario);
	fc_placemap_default(&map);
	struct fc_options o;
	fc_options_init(&o);
	o.months = FC_REPORT_MONTHS;
	o.runs = FC_REPORT_RUNS;
	o.seed = FC_REPORT_SEED;
	o.map = &map;
	o.costs = &costs;
	struct cf_table *tables[8] = { 0 };
	int ntables = 0;
	int r = fc_costs_default(&costs, &map, err);
	struct placements_data pd;   /* the council's own unit costs where it has a placement costs extract */
	if (!r && !(r = store_placements_read(rc->st, &pd, err))) {
		r = placements_own_costs(&pd, &map, &costs, err);
		placements_data_release(&pd);
	}
	char cost_source[sizeof costs.source];
	snprintf(cost_source, sizeof cost_source, "%s", costs.source);
	if (!r && rc->opt->scenario && !(r = fc_scenario_load(rc->opt->scenario, &scenario, err)))
		o.scenario = &scenario;
	if (r) {   /* the analyst's scenario file is wrong: stop and say so */
		fc_costs_release(&costs);
		fc_scenario_release(&scenario);
		return r;
	}
	struct cf_error ferr;
	cf_error_clear(&ferr);
	r = forecast_report(cla, &o, tables, &ntables, 8, &ferr);
	fc_costs_release(&costs);
	fc_scenario_release(&scenario);
	if (r) {
		/* too little history to estimate rates is a fact about the data, not a failure of the report */
		for (int i = 0; i < ntables; i++)
			cf_table_free(tables[i]);
		char msg[600];
		snprintf(msg, sizeof msg, "No forecast could be made from this data: %s", ferr.msg);
		return note(rc, msg) ? OOM() : CF_OK;
	}
	struct fan *f = malloc(sizeof *f);
	const struct cf_table *fc = find(tables, ntables, "forecast"), *cs = find(tables, ntables, "costs");
	const struct cf_table *sc = find(tables, ntables, "scenario");
	if (!f)
		r = OOM();
	else if (fc)
		read_fan(fc, f);
	if (!r && (!fc || f->n == 0)) {
		r = note(rc, "No forecast months to show.") ? OOM() : CF_OK;
	} else if (!r) {
		char buf[600];
		snprintf(buf, sizeof buf,
			 "Projected from the children in care at the data's end with the stock-and-flow model "
			 "(caseflow forecast defaults: rates over the last 12 months, %d months ahead), with %d simulated "
			 "futures (seed %d) for the bands. Costs use %s, at today's prices.",
			 FC_REPORT_MONTHS, FC_REPORT_RUNS, FC_REPORT_SEED, cost_source);
		if (note(rc, buf))
			r = OOM();
		if (!r)
			r = fan_figure(rc, f, err);
		if (!r)
			r = mix_figure(rc, f, err);
		if (!r && cs)
			r = cost_figure(rc, cs, err);
		if (!r && sc)
			r = scenario_figure(rc, sc, err);
	}
	free(f);
	for (int i = 0; i < ntables; i++)
		cf_table_free(tables[i]);
	return r;
}
