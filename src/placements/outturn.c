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
			 double *gbp, struct cf_error *err)
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
	costs.inflation_from = CF_DATE_NONE;
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
	int rc = forecast_cost(d, cla, as_of, fy_end, &forecast, err);
	if (rc)
		return rc;
	struct cf_table *t = cf_table_new("money_outturn");
	if (!t)
		return cf_error_set(err, CF_EIO, "out of memory");
	cf_table_add_column(t, "measure", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "gbp", CF_CELL_REAL, 2);
	cf_table_add_column(t, "how", CF_CELL_TEXT, 0);
	int bad = row(t, "net_to_date", net, "placement costs, 1 April to as-of") ||
		  row(t, "net_committed", net_committed, "placements open at as-of, to 31 March") ||
		  row(t, "outturn_on_commitments", net + net_committed, "net_to_date + net_committed") ||
		  row(t, "forecast_cost_to_year_end", forecast,
		      "forecast children in care after as-of to 31 March x the council's own unit costs (gross)") ||
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
	*out = t;
	return CF_OK;
}
