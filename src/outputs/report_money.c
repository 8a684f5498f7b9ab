/* The report's Money and Sufficiency panels: the tables of `caseflow money`
 * (for the financial year holding the report's period end, as of that day)
 * and `caseflow sufficiency` (on that day), each table also a sheet; their
 * inputs made from the store by report_placements_make. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "outputs/html.h"
#include "outputs/report.h"
#include "outputs/svg.h"
#include "placements/placements.h"

static int note(struct report_ctx *rc, const char *text)
{
	return strbuf_adds(rc->html, "<p class=\"note\">") || html_text(rc->html, text) || strbuf_adds(rc->html, "</p>");
}

/* The notes table's sentences as notes on the page. */
static int notes(struct report_ctx *rc, const struct cf_table *t)
{
	int bad = 0;
	for (size_t r = 0; r < t->nrows && !bad; r++) {
		const struct cf_cell *c = cf_table_cell_const(t, r, 0);
		if (c->type == CF_CELL_TEXT)
			bad = note(rc, c->v.s);
	}
	return bad;
}

/* Hand a copy of each of the n tables to the workbook. */
static int sheets_of(struct report_ctx *rc, struct cf_table *const *t, int n, struct cf_error *err)
{
	int r = CF_OK;
	for (int i = 0; i < n && !r; i++) {
		/* a copy: the workbook owns its sheets, the inputs stay the report's */
		struct cf_table *c = cf_table_copy(t[i]);
		r = c ? report_add_sheet(rc, c, err) : cf_error_set(err, CF_EIO, "out of memory");
	}
	return r;
}

/* The page's cost centre table: net spend to date, committed and for the
 * year, budget and variances, and the ledger's difference (the sheet
 * keeps gross, contributions, budget and ledger to date too). */
static struct cf_table *centres_table(const struct money_centres *cs)
{
	static const char *const cols[] = { "net_to_date", "net_committed", "net_year", "budget",
					    "variance", "variance_to_date", "ledger_minus_net" };
	struct cf_table *t = cf_table_new("spend by cost centre");
	if (!t)
		return NULL;
	cf_table_add_column(t, "cost_centre", CF_CELL_TEXT, 0);
	for (size_t k = 0; k < sizeof cols / sizeof *cols; k++)
		cf_table_add_column(t, cols[k], CF_CELL_REAL, 2);
	for (size_t i = 0; i < cs->n; i++) {
		const struct money_centre *c = &cs->items[i];
		long r = cf_table_add_row(t);
		if (r < 0 || cf_table_set_text(t, (size_t)r, 0, c->name)) {
			cf_table_free(t);
			return NULL;
		}
		cf_table_set_real(t, (size_t)r, 1, c->net_to_date);
		cf_table_set_real(t, (size_t)r, 2, c->net_committed);
		cf_table_set_real(t, (size_t)r, 3, c->net_year);
		if (cs->any_budget && c->has_budget) {
			cf_table_set_real(t, (size_t)r, 4, c->budget);
			cf_table_set_real(t, (size_t)r, 5, c->variance);
			cf_table_set_real(t, (size_t)r, 6, c->variance_to_date);
		}
		if (cs->any_ledger)
			cf_table_set_real(t, (size_t)r, 7, c->ledger_minus_net);
	}
	return t;
}

/* A bar per label of a percentage, with a dashed line at 100% named
 * ref_label, and its numbers beside it. */
static int percent_bars(struct report_ctx *rc, const char *title, const char *unit, const char *ref_label,
			const char *const *labels, const double *pct, int n, const char *desc,
			const struct cf_table *numbers)
{
	struct svg_series ser = { unit, pct };
	char id[16];
	struct svg_chart ch = { .id = report_next_id(rc, id), .title = title, .desc = desc, .y_label = unit,
				.labels = labels, .n = n, .series = &ser, .nseries = 1, .reference = 100,
				.reference_label = ref_label, .decimals = 1, .suffix = "%", .missing_text = "–" };
	return report_figure(rc, 'b', &ch, numbers);
}

/* Spend against budget: each budgeted cost centre's net spend for the year
 * (to date and committed) as a percentage of its budget, a bar each, with
 * the budget at 100%. Nothing when no centre has a budget. */
static int budget_figure(struct report_ctx *rc, const struct money_centres *cs)
{
	enum { MAXC = 64 };
	const char *labels[MAXC];
	double pct[MAXC];
	int n = 0;
	struct cf_table *t = cf_table_new("spend against budget");
	struct strbuf desc = STRBUF_INIT;
	int bad = !t || strbuf_adds(&desc, "Net placement spend for the year (to date and committed) as a percentage "
				     "of budget, by cost centre:");
	if (!bad) {
		cf_table_add_column(t, "cost_centre", CF_CELL_TEXT, 0);
		cf_table_add_column(t, "net_year", CF_CELL_REAL, 0);
		cf_table_add_column(t, "budget", CF_CELL_REAL, 0);
		cf_table_add_column(t, "pct_of_budget", CF_CELL_REAL, 1);
	}
	for (size_t i = 0; i < cs->n && n < MAXC && !bad; i++) {
		const struct money_centre *c = &cs->items[i];
		if (!c->has_budget)
			continue;
		labels[n] = c->name;
		pct[n] = c->budget > 0 ? 100 * c->net_year / c->budget : NAN;
		long r = cf_table_add_row(t);
		bad = r < 0 || cf_table_set_text(t, (size_t)r, 0, c->name) ||
		      strbuf_addf(&desc, "%s %s %.1f%%", n ? ";" : "", c->name, pct[n]);
		if (!bad) {
			cf_table_set_real(t, (size_t)r, 1, c->net_year);
			cf_table_set_real(t, (size_t)r, 2, c->budget);
			if (!isnan(pct[n]))
				cf_table_set_real(t, (size_t)r, 3, pct[n]);
		}
		n++;
	}
	if (!bad && n)
		bad = percent_bars(rc, "Net spend for the year against budget", "% of budget", "budget", labels, pct, n,
				   strbuf_str(&desc), t);
	cf_table_free(t);
	strbuf_release(&desc);
	return bad ? -1 : 0;
}

/* Occupancy on the day: in-house foster carers (all), each home registered
 * and all homes, a bar each as a percentage of places, the line at 100%
 * (full). */
static int occupancy_figure(struct report_ctx *rc, const struct sufficiency_capacity *c, const char *day)
{
	enum { MAXB = 66 };
	const char *labels[MAXB];
	double pct[MAXB];
	int n = 0;
	struct cf_table *t = cf_table_new("occupancy");
	struct strbuf desc = STRBUF_INIT;
	int bad = !t || strbuf_addf(&desc, "Occupied places as a percentage of places on %s:", day);
	if (!bad) {
		cf_table_add_column(t, "places_of", CF_CELL_TEXT, 0);
		cf_table_add_column(t, "places", CF_CELL_INT, 0);
		cf_table_add_column(t, "occupied", CF_CELL_INT, 0);
		cf_table_add_column(t, "occupancy_pct", CF_CELL_REAL, 1);
	}
	for (size_t i = 0; i <= c->nhomes && n < MAXB && !bad; i++) {
		/* the carers first, then the homes; "all in-house" is left to the table */
		const char *label;
		long places, occupied;
		if (i == 0) {
			if (!c->nfostering)
				continue;
			label = "in-house foster carers";
			places = c->fostering[c->nfostering - 1].places;
			occupied = c->fostering[c->nfostering - 1].occupied;
		} else {
			const struct sufficiency_home *h = &c->homes[i - 1];
			if (!strcmp(h->home, "all in-house") && h->in_house == SUFFICIENCY_TOTAL)
				continue;
			label = h->in_house == SUFFICIENCY_TOTAL ? "all homes" : h->home;
			places = h->places;
			occupied = h->occupied;
		}
		labels[n] = label;
		pct[n] = places > 0 ? 100.0 * (double)occupied / (double)places : NAN;
		long r = cf_table_add_row(t);
		bad = r < 0 || cf_table_set_text(t, (size_t)r, 0, label) ||
		      (places > 0 ? strbuf_addf(&desc, "%s %s %.1f%%", n ? ";" : "", label, pct[n])
				  : strbuf_addf(&desc, "%s %s no places", n ? ";" : "", label));
		if (!bad) {
			cf_table_set_int(t, (size_t)r, 1, places);
			cf_table_set_int(t, (size_t)r, 2, occupied);
			if (places > 0)
				cf_table_set_real(t, (size_t)r, 3, pct[n]);
		}
		n++;
	}
	if (!bad && n)
		bad = percent_bars(rc, "Occupancy of in-house carers and homes", "% of places occupied", "full", labels, pct,
				   n, strbuf_str(&desc), t);
	cf_table_free(t);
	strbuf_release(&desc);
	return bad ? -1 : 0;
}

int report_placements_make(const struct report_ctx *rc, struct report_inputs *in, struct cf_error *err)
{
	struct placements_data d;
	int r = store_placements_read(rc->st, &d, err);
	if (r)
		return r;
	in->money_loaded = d.nplacements > 0;
	in->money_opt = (struct money_options){ cf_date_fy(rc->period.to), rc->period.to, 10, 0 };
	if (in->money_loaded) {
		r = money_centres_make(&d, &in->money_opt, &in->money_centres, err);
		if (!r)
			r = money_unit_costs_make(&d, &in->money_opt, &in->money_unit_costs, err);
		if (!r)
			r = money_providers_make(&d, &in->money_opt, &in->money_providers, err);
		if (!r)
			r = money_tables(&d, &in->money_opt, in->money, err);
	}
	in->sufficiency_loaded = d.nhouseholds || d.nhomes;
	in->sufficiency_sectors = d.nla_sectors > 0;
	if (!r && in->sufficiency_loaded)
		r = placements_read_providers(rc->st, rc->period.to, &d, err);
	in->sufficiency_providers = d.providers.n > 0;
	if (!r && in->sufficiency_loaded)
		r = sufficiency_make(&d, &rc->data->cla, rc->period.to, rc->opt->centroids, &in->sufficiency_result, err);
	if (!r && in->sufficiency_loaded)
		r = sufficiency_tables(&d, &rc->data->cla, rc->period.to, rc->opt->centroids, in->sufficiency, err);
	placements_data_release(&d);
	return r;
}

void report_placements_release(struct report_inputs *in)
{
	money_centres_release(&in->money_centres);
	money_unit_costs_release(&in->money_unit_costs);
	money_providers_release(&in->money_providers);
	sufficiency_release(&in->sufficiency_result);
	for (int i = 0; i < MONEY_NTABLES; i++) {
		cf_table_free(in->money[i]);
		in->money[i] = NULL;
	}
	for (int i = 0; i < SUFFICIENCY_NTABLES; i++) {
		cf_table_free(in->sufficiency[i]);
		in->sufficiency[i] = NULL;
	}
}

int report_panel_money(struct report_ctx *rc, struct cf_error *err)
{
	const struct report_inputs *in = rc->in;
	if (!in->money_loaded)
		return note(rc, "No placement_costs extract is loaded: load one with caseflow ingest (docs/money.md).")
			       ? cf_error_set(err, CF_EIO, "out of memory") : CF_OK;
	struct cf_table *const *t = in->money;
	char caption[256], day[11];
	cf_date_format(in->money_opt.as_of, day);
	struct cf_table *by_type = money_unit_costs_table(&in->money_unit_costs, "provider_type", "unit costs by provider type");
	struct cf_table *centres = centres_table(&in->money_centres);
	struct cf_table *providers = money_providers_table(&in->money_providers);
	snprintf(caption, sizeof caption,
		 "Net placement spend by cost centre, £: %d-%02d to %s, and committed to 31 March (gross, contributions "
		 "and budget to date in the workbook)", in->money_opt.fy, (in->money_opt.fy + 1) % 100, day);
	int bad = !by_type || !centres || !providers || budget_figure(rc, &in->money_centres) ||
		  html_table(rc->html, centres, caption, "–") ||
		  html_table(rc->html, by_type, "Weekly unit costs by provider type, £ (placements charged this year)", "–") ||
		  html_table(rc->html, providers, "The providers with the most spend this year, £", "–") ||
		  notes(rc, t[4]);
	cf_table_free(by_type);
	cf_table_free(centres);
	cf_table_free(providers);
	if (bad)
		return cf_error_set(err, CF_EIO, "out of memory");
	/* every table but the notes (on the page) is a sheet; the placements by
	 * child ID are in the workbook only */
	return sheets_of(rc, t, MONEY_NTABLES - 1, err);
}

int report_panel_sufficiency(struct report_ctx *rc, struct cf_error *err)
{
	const struct report_inputs *in = rc->in;
	if (!in->sufficiency_loaded)
		return note(rc, "No foster_households or homes extract is loaded: load them with caseflow ingest "
				"(docs/money.md).")
			       ? cf_error_set(err, CF_EIO, "out of memory") : CF_OK;
	struct cf_table *const *t = in->sufficiency;
	char day[11], c0[120], c1[120], c2[120], c3[140], c4[160];
	cf_date_format(rc->period.to, day);
	snprintf(c0, sizeof c0, "In-house foster carers on %s: approved places and occupancy", day);
	snprintf(c1, sizeof c1, "Children's homes registered on %s: places and occupancy", day);
	snprintf(c2, sizeof c2, "Places needed on %s against in-house places", day);
	snprintf(c3, sizeof c3, "Children looked after on %s placed outside the LA, and far from home", day);
	snprintf(c4, sizeof c4, "Children placed on %s by their provider's latest Ofsted grade, and places in the LA", day);
	const struct sufficiency *s = &in->sufficiency_result;
	struct cf_table *carers = sufficiency_fostering_table(&s->capacity);
	struct cf_table *homes = sufficiency_residential_table(&s->capacity);
	struct cf_table *gap = sufficiency_gap_table(s), *where = sufficiency_location_table(s);
	int bad = !carers || !homes || !gap || !where || occupancy_figure(rc, &s->capacity, day) ||
		  html_table(rc->html, carers, c0, "–") || html_table(rc->html, homes, c1, "–") ||
		  html_table(rc->html, gap, c2, "–") || (in->sufficiency_sectors && html_table(rc->html, where, c3, "–")) ||
		  (in->sufficiency_providers && html_table(rc->html, t[5], c4, "–")) ||
		  notes(rc, t[SUFFICIENCY_NOTES]);
	cf_table_free(carers);
	cf_table_free(homes);
	cf_table_free(gap);
	cf_table_free(where);
	if (bad)
		return cf_error_set(err, CF_EIO, "out of memory");
	return sheets_of(rc, t, SUFFICIENCY_NOTES, err);   /* the notes are on the page */
}
