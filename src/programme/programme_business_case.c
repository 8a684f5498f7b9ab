/* Business case: costs, savings as a running total of increments, the
 * annual and cumulative net position, payback and return. */
#include "programme/programme_business_case.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "programme/programme_common.h"

static int matches(const char *have, const char *want)
{
	if (!want)
		return 1;
	if (!want[0])
		return have == NULL;
	return have && !strcasecmp(have, want);
}

void business_case_compute(const struct programme *p, const char *workstream, struct business_case *bc)
{
	memset(bc, 0, sizeof *bc);
	int last = programme_last_year(p);
	bc->nyears = (last > 0 ? last : 0) + 1;
	for (int i = 0; i < p->ncosts; i++) {
		const struct prog_cost *c = &p->costs[i];
		if (!matches(c->workstream, workstream))
			continue;
		if (c->ongoing)
			bc->years[c->year].ongoing += c->amount;
		else
			bc->years[c->year].one_off += c->amount;
	}
	for (int i = 0; i < p->nsavings; i++)   /* a line still waiting for its forecast has no years yet */
		if (!p->savings[i].pending && matches(p->savings[i].workstream, workstream))
			bc->years[p->savings[i].year].incremental += p->savings[i].amount;
	/* savings persist once made: the saving in a year is every increment so far */
	prog_money running = 0, cumulative = 0;
	bc->payback_year = -1;
	for (int y = 0; y < bc->nyears; y++) {
		struct bc_year *r = &bc->years[y];
		running += r->incremental;
		r->gross_savings = -running;
		r->net = r->one_off + r->ongoing + r->gross_savings;
		cumulative += r->net;
		r->cumulative = cumulative;
		if (bc->payback_year < 0 && cumulative < 0)
			bc->payback_year = y;
		bc->total.one_off += r->one_off;
		bc->total.ongoing += r->ongoing;
		bc->total.incremental += r->incremental;
		bc->total.gross_savings += r->gross_savings;
		bc->total.net += r->net;
	}
	bc->total.cumulative = cumulative;
	prog_money costs = bc->total.one_off + bc->total.ongoing;
	bc->roi = costs ? -(double)bc->total.net / (double)costs : NAN;
	bc->savings_per_cost = costs ? -(double)bc->total.gross_savings / (double)costs : NAN;
}

static void put_money(struct cf_table *t, long r, int c, prog_money m)
{
	cf_table_set_real(t, (size_t)r, c, prog_money_to_double(m));
}

/* year, one_off, ongoing, total_costs, incremental, gross, net, cumulative from column c0 on */
static void put_year(struct cf_table *t, long r, int c0, const struct bc_year *y, int with_cumulative)
{
	put_money(t, r, c0, y->one_off);
	put_money(t, r, c0 + 1, y->ongoing);
	put_money(t, r, c0 + 2, y->one_off + y->ongoing);
	put_money(t, r, c0 + 3, -y->incremental);
	put_money(t, r, c0 + 4, y->gross_savings);
	put_money(t, r, c0 + 5, y->net);
	if (with_cumulative)
		put_money(t, r, c0 + 6, y->cumulative);
}

int business_case_tables(const struct programme *p, struct cf_table **out, int *nout, struct cf_error *err)
{
	*nout = 0;
	int dp = programme_money_decimals(p);
	char spec[400];
	snprintf(spec, sizeof spec,
		 "one_off_costs:r%d ongoing_costs:r%d total_costs:r%d incremental_savings:r%d gross_savings:r%d "
		 "annual_net:r%d cumulative_net:r%d", dp, dp, dp, dp, dp, dp, dp);
	char by_year[450], by_ws[480];
	snprintf(by_year, sizeof by_year, "year:t %s", spec);
	snprintf(by_ws, sizeof by_ws, "workstream:t year:t %s", spec);
	struct cf_table *t = ptable_new("business_case", by_year, err);
	struct cf_table *w = t ? ptable_new("business_case_by_workstream", by_ws, err) : NULL;
	struct cf_table *s = w ? ptable_new("business_case_summary", "measure:t value:r2 unit:t", err) : NULL;
	if (!s) {
		cf_table_free(t);
		cf_table_free(w);
		return CF_EIO;
	}
	out[(*nout)++] = t;
	out[(*nout)++] = w;
	out[(*nout)++] = s;

	struct business_case bc;
	business_case_compute(p, NULL, &bc);
	char year[16];
	for (int y = 0; y <= bc.nyears; y++) {
		long r = ptable_row(t);
		if (r < 0)
			goto oom;
		snprintf(year, sizeof year, "%d", y);
		if (cf_table_set_text(t, (size_t)r, 0, y < bc.nyears ? year : "total"))
			goto oom;
		put_year(t, r, 1, y < bc.nyears ? &bc.years[y] : &bc.total, y < bc.nyears);
	}

	/* the same by workstream; programme-wide costs under "(programme)" */
	for (int k = -1; k < p->nworkstreams; k++) {
		const char *ws = k < 0 ? "" : p->workstreams[k].id;
		struct business_case wc;
		business_case_compute(p, ws, &wc);
		int any = 0;
		for (int y = 0; y < wc.nyears; y++)
			any |= wc.years[y].one_off || wc.years[y].ongoing || wc.years[y].incremental;
		if (!any)
			continue;
		for (int y = 0; y <= wc.nyears; y++) {
			long r = ptable_row(w);
			if (r < 0)
				goto oom;
			snprintf(year, sizeof year, "%d", y);
			if (cf_table_set_text(w, (size_t)r, 0, k < 0 ? "(programme)" : ws) ||
			    cf_table_set_text(w, (size_t)r, 1, y < wc.nyears ? year : "total"))
				goto oom;
			put_year(w, r, 2, y < wc.nyears ? &wc.years[y] : &wc.total, y < wc.nyears);
		}
	}

	const char *unit = programme_unit_label(p);
	struct {
		const char *measure;
		double value;
		const char *unit;
	} rows[] = {
		{ "one_off_costs", prog_money_to_double(bc.total.one_off), unit },
		{ "ongoing_costs", prog_money_to_double(bc.total.ongoing), unit },
		{ "total_costs", prog_money_to_double(bc.total.one_off + bc.total.ongoing), unit },
		{ "gross_savings", prog_money_to_double(bc.total.gross_savings), unit },
		{ "net_position", prog_money_to_double(bc.total.net), unit },
		{ "payback_year", bc.payback_year >= 0 ? bc.payback_year : NAN, "year" },
		{ "return_on_investment", bc.roi, "net saving per 1 spent" },
		{ "savings_per_cost", bc.savings_per_cost, "gross saving per 1 spent" },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		long r = ptable_row(s);
		if (r < 0 || cf_table_set_text(s, (size_t)r, 0, rows[i].measure) ||
		    cf_table_set_text(s, (size_t)r, 2, rows[i].unit))
			goto oom;
		if (isfinite(rows[i].value))
			cf_table_set_real(s, (size_t)r, 1, rows[i].value);
	}
	return CF_OK;
oom:
	ptables_free(out, nout);
	return cf_error_set(err, CF_EIO, "out of memory");
}
