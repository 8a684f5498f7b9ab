/* The forecast panel: a fan chart of children in care, the placement mix
 * and cost by financial year over the next 24 months, and a scenario
 * against the base when the report is given one, laid out from the
 * forecast report_build made with forecast_run (report_forecast_options). */
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

enum { FC_REPORT_MONTHS = 24, FC_REPORT_RUNS = 200, FC_REPORT_SEED = 1, FC_BACKTEST_MONTHS = 12 };

void report_forecast_options(const struct report_options *opt, struct forecast_options *fo)
{
	forecast_options_init(fo);
	fo->model.months = FC_REPORT_MONTHS;
	fo->model.runs = FC_REPORT_RUNS;
	fo->model.seed = FC_REPORT_SEED;
	fo->scenario_path = opt->scenario;
	fo->own_costs = placements_store_costs;
}

static int note(struct report_ctx *rc, const char *text)
{
	return strbuf_adds(rc->html, "<p class=\"note\">") || html_text(rc->html, text) || strbuf_adds(rc->html, "</p>");
}

/* "Apr 2024" from 2024-04-30. */
static void month_label(cf_date d, char out[16])
{
	static const char *const names[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int y, m, day;
	cf_date_to_ymd(d, &y, &m, &day);
	snprintf(out, 16, "%s %d", names[(m + 11) % 12], y);
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
	return report_add_built_sheet(rc, t, bad, err);
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
	return report_add_built_sheet(rc, t, bad, err);
}

/* Cost by financial year, stacked by placement. */
static int cost_figure(struct report_ctx *rc, const struct forecast_result *fr, struct cf_error *err)
{
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
	for (int r = 0; r < fr->ncosts && n < MAXY && !bad; r++) {
		const struct fc_period_cost *pc = &fr->costs[r];
		if (pc->period.kind != FC_PERIOD_YEAR)
			continue;
		char months[32], from[11], to[11];
		cf_date_format(pc->period.from, from);
		cf_date_format(pc->period.to, to);
		snprintf(months, sizeof months, "%.7s to %.7s", from, to);
		snprintf(labels[n], sizeof labels[n], "%.15s", pc->period.label);
		label_ptrs[n] = labels[n];
		long row = cf_table_add_row(t);
		if (row < 0 || cf_table_set_text(t, (size_t)row, 0, labels[n]) || cf_table_set_text(t, (size_t)row, 1, months)) {
			bad = 1;
			break;
		}
		for (int p = 0; p < FC_NPLACE; p++) {
			vals[p][n] = pc->gbp[p] / 1000;
			cf_table_set_real(t, (size_t)row, 2 + p, vals[p][n]);
		}
		double total = pc->total_gbp / 1000;
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
	return report_add_built_sheet(rc, t, bad, err);
}

/* Base against scenario, month by month. */
static int scenario_figure(struct report_ctx *rc, const struct forecast_result *fr, struct cf_error *err)
{
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
	for (int r = 0; r < fr->nscenario && n < 130 && !bad; r++) {
		const struct fc_period_scenario *x = &fr->scenario[r];
		if (x->period.kind != FC_PERIOD_MONTH)
			continue;
		month_label(x->period.to, m.labels[n]);
		m.ptrs[n] = m.labels[n];
		m.base[n] = x->base_children;
		m.scen[n] = x->scenario_children;
		cum = x->cumulative_difference_gbp;
		long row = cf_table_add_row(t);
		if (row < 0 || cf_table_set_text(t, (size_t)row, 0, m.labels[n])) {
			bad = 1;
			break;
		}
		cf_table_set_real(t, (size_t)row, 1, m.base[n]);
		cf_table_set_real(t, (size_t)row, 2, m.scen[n]);
		cf_table_set_real(t, (size_t)row, 3, (x->scenario_gbp - x->base_gbp) / 1000);
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
	return report_add_built_sheet(rc, t, bad, err);
}

/* The all-ages series: the total with its bands, and each placement. */
static void read_fan(const struct forecast_result *fr, struct fan *f)
{
	f->n = fr->nmonths < 130 ? fr->nmonths : 130;
	for (int k = 0; k < f->n; k++) {
		month_label(fr->month_end[k], f->labels[k]);
		f->label_ptrs[k] = f->labels[k];
		f->mean[k] = forecast_mean(fr, k, 0);
		f->p5[k] = forecast_band(fr, k, 0, 5);
		f->p25[k] = forecast_band(fr, k, 0, 25);
		f->p50[k] = forecast_band(fr, k, 0, 50);
		f->p75[k] = forecast_band(fr, k, 0, 75);
		f->p95[k] = forecast_band(fr, k, 0, 95);
		for (int p = 0; p < FC_NPLACE; p++)
			f->mix[p][k] = forecast_mean(fr, k, fc_series_index(-1, p));
	}
}

/* Which band pair of a backtest runs from lo to hi percent, or -1. */
static int band_pair(const struct forecast_result *fr, double lo, double hi)
{
	for (int b = 0; b < fr->nbands / 2; b++)
		if (fr->bands[b] == lo && fr->bands[fr->nbands - 1 - b] == hi)
			return b;
	return -1;
}

/* How the same method did from 12 months before the data's end: the error
 * at 6 and 12 months and how often the bands held what happened. */
static int backtest_figure(struct report_ctx *rc, struct cf_error *err)
{
	const struct report_inputs *in = rc->in;
	int bad = strbuf_adds(rc->html, "<h3>How the method did: a backtest</h3>");
	const struct forecast_result *bt = in->backtest;
	if (!bt || !bt->points)
		return bad || note(rc, in->backtest_note[0] ? in->backtest_note : "No backtest could be made.") ? OOM() : CF_OK;
	char cutoff[16];
	month_label(in->backtest_cutoff, cutoff);
	struct cf_table *t = cf_table_new("Forecast backtest");
	if (!t)
		return OOM();
	cf_table_add_column(t, "months ahead", CF_CELL_INT, 0);
	cf_table_add_column(t, "month end", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "actual", CF_CELL_INT, 0);
	cf_table_add_column(t, "forecast", CF_CELL_REAL, 1);
	cf_table_add_column(t, "error %", CF_CELL_REAL, 1);
	cf_table_add_column(t, "inside the 90% band", CF_CELL_TEXT, 0);
	int b90 = band_pair(bt, 5, 95);
	for (int i = 0; i < bt->npoints && !bad; i++) {
		const struct fc_backtest_point *pt = &bt->points[i];
		if (pt->series != 0 || (pt->horizon_months != 6 && pt->horizon_months != 12))
			continue;
		char month[16];
		month_label(pt->date, month);
		long row = cf_table_add_row(t);
		int in90 = b90 < 0 ? -1 : pt->inside[b90];
		if (row < 0 || cf_table_set_text(t, (size_t)row, 1, month) ||
		    (in90 >= 0 && cf_table_set_text(t, (size_t)row, 5, in90 ? "yes" : "no"))) {
			bad = 1;
			break;
		}
		cf_table_set_int(t, (size_t)row, 0, pt->horizon_months);
		cf_table_set_int(t, (size_t)row, 2, pt->actual);
		cf_table_set_real(t, (size_t)row, 3, pt->forecast);
		if (isfinite(pt->ape_pct))
			cf_table_set_real(t, (size_t)row, 4, pt->ape_pct);
	}
	/* coverage over every month-end scored, for all children in care */
	char buf[600];
	int len = snprintf(buf, sizeof buf, "The same method run from %s, as if the data ended there, against what the "
			   "data then show:", cutoff);
	for (int i = 0; i < bt->nbacktest; i++) {
		const struct fc_backtest_score *sc = &bt->backtest[i];
		if (sc->series != 0 || isnan(sc->coverage_pct) || len >= (int)sizeof buf)
			continue;
		len += snprintf(buf + len, sizeof buf - (size_t)len, " %d of %d month-ends (%.0f%%) inside the %.0f%% band;",
				sc->inside, sc->month_ends, sc->coverage_pct, sc->hi_pct - sc->lo_pct);
	}
	for (int i = 0; i < bt->nbacktest; i++)
		if (bt->backtest[i].series == 0 && isfinite(bt->backtest[i].mean_ape_pct)) {
			if (len < (int)sizeof buf)
				len += snprintf(buf + len, sizeof buf - (size_t)len, " mean absolute error %.1f%%.",
						bt->backtest[i].mean_ape_pct);
			break;
		}
	/* how much these rest on: the month-ends of one cut-off share its rates,
	 * so the cut-offs are the trials (issue 21) */
	for (int i = 0; i < bt->nbacktest; i++) {
		const struct fc_backtest_score *sc = &bt->backtest[i];
		if (sc->series != 0 || sc->lo_pct != 5 || sc->hi_pct != 95 || isnan(sc->coverage_low_pct))
			continue;
		if (len < (int)sizeof buf)
			snprintf(buf + len, sizeof buf - (size_t)len,
				 " These rest on %d cut-off%s (its month-ends share one set of rates), so the 90%% band's "
				 "coverage could be anywhere from %.0f%% to %.0f%% (95%% interval).",
				 sc->cutoffs, sc->cutoffs == 1 ? "" : "s", sc->coverage_low_pct, sc->coverage_high_pct);
		break;
	}
	bad |= note(rc, buf);
	bad |= strbuf_adds(rc->html, "<div class=\"tbl\">");
	bad |= html_table_bare(rc->html, t, "Forecast backtest: error at 6 and 12 months", "–");
	bad |= strbuf_adds(rc->html, "</div>");
	if (bad) {
		cf_table_free(t);
		return OOM();
	}
	return report_add_sheet(rc, t, err);
}

int report_panel_forecast(struct report_ctx *rc, struct cf_error *err)
{
	const struct report_inputs *in = rc->in;
	if (!in->forecast)
		return note(rc, in->forecast_note) ? OOM() : CF_OK;
	const struct forecast_result *fr = in->forecast;
	struct fan *f = malloc(sizeof *f);
	int r = CF_OK;
	if (!f)
		return OOM();
	read_fan(fr, f);
	if (f->n == 0) {
		r = note(rc, "No forecast months to show.") ? OOM() : CF_OK;
	} else {
		char buf[600];
		snprintf(buf, sizeof buf,
			 "Projected from the children in care at the data's end with the stock-and-flow model "
			 "(caseflow forecast defaults: rates over the last 12 months, %d months ahead), with %d simulated "
			 "futures (seed %d) for the bands. Costs use %s, at today's prices.",
			 FC_REPORT_MONTHS, FC_REPORT_RUNS, FC_REPORT_SEED, fr->cost_source);
		if (note(rc, buf))
			r = OOM();
		if (!r)
			r = fan_figure(rc, f, err);
		if (!r)
			r = backtest_figure(rc, err);
		if (!r)
			r = mix_figure(rc, f, err);
		if (!r)
			r = cost_figure(rc, fr, err);
		if (!r && fr->scenario)
			r = scenario_figure(rc, fr, err);
	}
	free(f);
	return r;
}

/* The forecast for the panel, or why there is none: no episodes, or too
 * little history, are facts about the data and the panel says so; a wrong
 * scenario file is the analyst's to fix and stops the report. */
int report_forecast_make(struct store *st, const struct report_options *opt, const struct kpi_data *data,
			 struct report_inputs *in, struct cf_error *err)
{
	in->forecast = NULL;
	if (data->cla.neps == 0) {
		snprintf(in->forecast_note, sizeof in->forecast_note,
			 "No forecast: no periods of care are loaded (SSDA903 episodes).");
		return CF_OK;
	}
	struct forecast_options fo;
	report_forecast_options(opt, &fo);
	struct cf_error ferr;
	cf_error_clear(&ferr);
	int r = forecast_run(st, &fo, &in->forecast, &ferr);
	if (r && opt->scenario && strncmp(ferr.file, opt->scenario, sizeof ferr.file - 1) == 0) {
		*err = ferr;
		return r;
	}
	if (r) {
		snprintf(in->forecast_note, sizeof in->forecast_note, "No forecast could be made from this data: %s", ferr.msg);
		return CF_OK;
	}
	/* the backtest: the same method from 12 months before the data's end */
	in->backtest = NULL;
	fo.backtest = 1;
	fo.scenario_path = NULL;
	fo.model.months = FC_BACKTEST_MONTHS;
	fo.methods[0] = fo.model.method;
	fo.nmethods = 1;
	cf_date end = in->forecast->plan.start;
	int y, m, d;
	cf_date_to_ymd(cf_date_add_months(end, -FC_BACKTEST_MONTHS), &y, &m, &d);
	fo.cutoff = in->backtest_cutoff = cf_date_from_ymd(y, m, cf_date_days_in_month(y, m));
	cf_error_clear(&ferr);
	if (forecast_run(st, &fo, &in->backtest, &ferr)) {
		char when[11];
		cf_date_format(fo.cutoff, when);
		snprintf(in->backtest_note, sizeof in->backtest_note,
			 "No backtest: the method could not be rewound to %s (%s).", when, ferr.msg);
		forecast_result_free(in->backtest);
		in->backtest = NULL;
	}
	return CF_OK;
}
