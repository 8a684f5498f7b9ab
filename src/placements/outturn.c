/* The year's outturn on commitments and on the forecast (`caseflow money
 * --outturn`): the forecast engine's projected children in care from the
 * as-of day to 31 March, priced at the council's own unit costs. */
#include <stdio.h>
#include <string.h>

#include "placements/placements.h"

static int row(struct cf_table *t, const char *measure, double gbp, const char *how)
{
	long r = cf_table_add_row(t);
	if (r < 0)
		return -1;
	cf_table_set_real(t, (size_t)r, 1, gbp);
	return cf_table_set_text(t, (size_t)r, 0, measure) || cf_table_set_text(t, (size_t)r, 2, how);
}

/* The forecast's cost from the day after as_of to fy_end: its monthly rows. */
static int forecast_cost(const struct placements_data *d, const struct cla_data *cla, cf_date as_of, cf_date fy_end,
			 double inflation_pct, double *gbp, struct cf_error *err)
{
	struct fc_options fo;
	struct fc_placemap map;
	struct fc_costs costs;
	fc_options_init(&fo);
	fc_placemap_default(&map);
	int rc = fc_costs_default(&costs, &map, err);
	if (rc)
		return rc;
	if ((rc = placements_own_costs(d, &map, &costs, err))) {
		fc_costs_release(&costs);
		return rc;
	}
	/* the council's unit costs are at their window's prices: they rise on
	 * each anniversary of its start */
	cf_date window_to;
	placements_cost_window(d, &costs.inflation_from, &window_to);
	costs.inflation = inflation_pct / 100;
	int y, m, dd, y2, m2;
	cf_date_to_ymd(as_of, &y, &m, &dd);
	cf_date_to_ymd(fy_end, &y2, &m2, &dd);
	fo.start = as_of;
	fo.months = (y2 - y) * 12 + (m2 - m) + 1;
	fo.runs = 0;
	fo.map = &map;
	fo.costs = &costs;
	struct cf_table *tables[8] = { NULL };
	int n = 0;
	rc = forecast_report(cla, &fo, tables, &n, 8, err);
	fc_costs_release(&costs);
	*gbp = 0;
	char a[11], b[11];
	cf_date_format(as_of, a);
	cf_date_format(fy_end, b);
	for (int i = 0; i < n && !rc; i++) {
		if (strcmp(tables[i]->name, "costs"))
			continue;
		int type = cf_table_column(tables[i], "period_type"), from = cf_table_column(tables[i], "from"),
		    to = cf_table_column(tables[i], "to"), total = cf_table_column(tables[i], "total_gbp");
		for (size_t r = 0; r < tables[i]->nrows; r++) {
			const struct cf_cell *k = cf_table_cell_const(tables[i], r, type);
			const struct cf_cell *f = cf_table_cell_const(tables[i], r, from);
			const struct cf_cell *t = cf_table_cell_const(tables[i], r, to);
			if (k->type == CF_CELL_TEXT && !strcmp(k->v.s, "month") && f->type == CF_CELL_TEXT &&
			    t->type == CF_CELL_TEXT && strcmp(f->v.s, a) > 0 && strcmp(t->v.s, b) <= 0)
				*gbp += cf_table_cell_const(tables[i], r, total)->v.d;
		}
	}
	for (int i = 0; i < n; i++)
		cf_table_free(tables[i]);
	return rc;
}

/* The outturn by cost centre: new placements (the forecast's cost beyond
 * gross commitments) shared in proportion to each centre's gross committed,
 * or gross to date when nothing is committed. */
static int by_centre(const struct placements_data *d, const struct money_options *o, double new_placements,
		     struct cf_table **out, struct cf_error *err)
{
	struct money_centres mc;
	int rc = money_centres_make(d, o, &mc, err);
	if (rc)
		return rc;
	const struct money_centre *all = &mc.items[mc.n - 1];
	int by_committed = all->gross_committed > 0;
	double base = by_committed ? all->gross_committed : all->gross_to_date;
	struct cf_table *t = cf_table_new("money_outturn_by_cost_centre");
	static const char *const cols[] = { "cost_centre", "net_to_date", "gross_committed", "share_pct",
					    "new_placements", "forecast_outturn", "budget", "forecast_variance" };
	for (int c = 0; t && c < 8; c++)
		cf_table_add_column(t, cols[c], c ? CF_CELL_REAL : CF_CELL_TEXT, c == 3 ? 1 : 2);
	for (size_t i = 0; t && i < mc.n; i++) {
		const struct money_centre *x = &mc.items[i];
		double share = i == mc.n - 1 ? 1 : base > 0 ? (by_committed ? x->gross_committed : x->gross_to_date) / base : 0;
		/* with nothing charged at all, the new placements stay on the "all" row */
		double outturn = x->net_to_date + x->gross_committed + share * new_placements;
		long r = cf_table_add_row(t);
		if (r < 0 || cf_table_set_text(t, (size_t)r, 0, x->name)) {
			cf_table_free(t);
			t = NULL;
			break;
		}
		cf_table_set_real(t, (size_t)r, 1, x->net_to_date);
		cf_table_set_real(t, (size_t)r, 2, x->gross_committed);
		cf_table_set_real(t, (size_t)r, 3, 100 * share);
		cf_table_set_real(t, (size_t)r, 4, share * new_placements);
		cf_table_set_real(t, (size_t)r, 5, outturn);
		if (x->has_budget) {
			cf_table_set_real(t, (size_t)r, 6, x->budget);
			cf_table_set_real(t, (size_t)r, 7, outturn - x->budget);
		}
	}
	money_centres_release(&mc);
	if (!t)
		return cf_error_set(err, CF_EIO, "out of memory");
	*out = t;
	return CF_OK;
}

int money_outturn(const struct placements_data *d, const struct cla_data *cla, const struct money_options *o,
		  struct cf_table **out, struct cf_error *err)
{
	cf_date fy_start = cf_date_fy_start(o->fy), fy_end = cf_date_fy_end(o->fy);
	cf_date as_of = o->as_of < fy_start ? fy_start - 1 : o->as_of > fy_end ? fy_end : o->as_of;   /* as money_tables */
	double net = 0, net_committed = 0, gross_committed = 0, budget = 0;
	int has_budget = 0;
	for (size_t i = 0; i < d->nplacements; i++) {
		struct placement_price pr;
		placement_price(&d->placements[i], fy_start, as_of, fy_end, &pr);
		net += pr.gross_to_date - pr.contrib_to_date;
		net_committed += pr.gross_committed - pr.contrib_committed;
		gross_committed += pr.gross_committed;
	}
	for (size_t i = 0; i < d->nbudgets; i++)
		if (d->budgets[i].fy == o->fy) {
			budget += d->budgets[i].budget_gbp;
			has_budget = 1;
		}
	double forecast = 0;
	int rc = forecast_cost(d, cla, as_of, fy_end, o->inflation_pct, &forecast, err);
	if (rc)
		return rc;
	char how[200] = "forecast children in care after as-of to 31 March x the council's own unit costs (gross)";
	if (o->inflation_pct != 0) {
		cf_date from, to;
		char day[11];
		placements_cost_window(d, &from, &to);
		cf_date_format(from, day);
		snprintf(how + strlen(how), sizeof how - strlen(how), ", rising %.2f%% a year from %s", o->inflation_pct,
			 day);
	}
	struct cf_table *t = cf_table_new("money_outturn");
	if (!t)
		return cf_error_set(err, CF_EIO, "out of memory");
	cf_table_add_column(t, "measure", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "gbp", CF_CELL_REAL, 2);
	cf_table_add_column(t, "how", CF_CELL_TEXT, 0);
	int bad = row(t, "net_to_date", net, "placement costs, 1 April to as-of") ||
		  row(t, "net_committed", net_committed, "placements open at as-of, to 31 March") ||
		  row(t, "outturn_on_commitments", net + net_committed, "net_to_date + net_committed") ||
		  row(t, "forecast_cost_to_year_end", forecast, how) ||
		  row(t, "new_placements", forecast - gross_committed, "forecast cost - gross committed") ||
		  row(t, "forecast_outturn", net + forecast, "net_to_date + forecast_cost_to_year_end");
	if (!bad && has_budget)
		bad = row(t, "budget", budget, "all cost centres") ||
		      row(t, "variance_on_commitments", net + net_committed - budget, "outturn_on_commitments - budget") ||
		      row(t, "forecast_variance", net + forecast - budget, "forecast_outturn - budget");
	if (bad) {
		cf_table_free(t);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	out[0] = t;
	if ((rc = by_centre(d, o, forecast - gross_committed, &out[1], err))) {
		cf_table_free(t);
		out[0] = NULL;
	}
	return rc;
}
