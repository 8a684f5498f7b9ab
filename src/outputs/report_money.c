/* The report's Money and Sufficiency panels: the tables of `caseflow money`
 * (for the financial year holding the report's period end, as of that day)
 * and `caseflow sufficiency` (on that day), each table also a sheet. */
#include <stdio.h>
#include <string.h>

#include "outputs/html.h"
#include "outputs/report.h"
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

/* The rows of t whose first column is `by`, as a new table (NULL on OOM). */
static struct cf_table *rows_by(const struct cf_table *t, const char *by, const char *name)
{
	struct cf_table *o = cf_table_new(name);
	if (!o)
		return NULL;
	for (int c = 1; c < t->ncols; c++)
		cf_table_add_column(o, t->cols[c].name, t->cols[c].type, t->cols[c].decimals);
	for (size_t r = 0; r < t->nrows; r++) {
		const struct cf_cell *k = cf_table_cell_const(t, r, 0);
		if (k->type != CF_CELL_TEXT || strcmp(k->v.s, by))
			continue;
		long row = cf_table_add_row(o);
		if (row < 0) {
			cf_table_free(o);
			return NULL;
		}
		for (int c = 1; c < t->ncols; c++) {
			const struct cf_cell *x = cf_table_cell_const(t, r, c);
			switch (x->type) {
			case CF_CELL_TEXT: cf_table_set_text(o, (size_t)row, c - 1, x->v.s); break;
			case CF_CELL_INT: cf_table_set_int(o, (size_t)row, c - 1, x->v.i); break;
			case CF_CELL_REAL: cf_table_set_real(o, (size_t)row, c - 1, x->v.d); break;
			default: break;
			}
		}
	}
	return o;
}

/* The named columns of t, in that order, as a new table (NULL on OOM): a
 * page table narrow enough for the panel; the sheet keeps them all. */
static struct cf_table *columns_of(const struct cf_table *t, const char *const *names, int n, const char *name)
{
	struct cf_table *o = cf_table_new(name);
	int idx[16];
	if (!o || n > 16) {
		cf_table_free(o);
		return NULL;
	}
	for (int k = 0; k < n; k++) {
		idx[k] = cf_table_column(t, names[k]);
		if (idx[k] < 0) {
			cf_table_free(o);
			return NULL;
		}
		cf_table_add_column(o, names[k], t->cols[idx[k]].type, t->cols[idx[k]].decimals);
	}
	for (size_t r = 0; r < t->nrows; r++) {
		long row = cf_table_add_row(o);
		if (row < 0) {
			cf_table_free(o);
			return NULL;
		}
		for (int k = 0; k < n; k++) {
			const struct cf_cell *x = cf_table_cell_const(t, r, idx[k]);
			switch (x->type) {
			case CF_CELL_TEXT: cf_table_set_text(o, (size_t)row, k, x->v.s); break;
			case CF_CELL_INT: cf_table_set_int(o, (size_t)row, k, x->v.i); break;
			case CF_CELL_REAL: cf_table_set_real(o, (size_t)row, k, x->v.d); break;
			default: break;
			}
		}
	}
	return o;
}

int report_panel_money(struct report_ctx *rc, struct cf_error *err)
{
	struct placements_data d;
	int rc_ = store_placements_read(rc->st, &d, err);
	if (rc_)
		return rc_;
	if (!d.nplacements) {
		placements_data_release(&d);
		return note(rc, "No placement_costs extract is loaded: load one with caseflow ingest (docs/money.md).")
			       ? cf_error_set(err, CF_EIO, "out of memory") : CF_OK;
	}
	struct money_options o = { cf_date_fy(rc->period.to), rc->period.to, 10 };
	struct cf_table *t[MONEY_NTABLES];
	rc_ = money_tables(&d, &o, t, err);
	placements_data_release(&d);
	if (rc_)
		return rc_;
	char caption[256], day[11];
	cf_date_format(o.as_of, day);
	struct cf_table *by_type = rows_by(t[1], "provider_type", "unit costs by provider type");
	static const char *const page_cols[] = { "cost_centre", "net_to_date", "net_committed", "net_year", "budget",
						 "variance", "variance_to_date", "ledger_minus_net" };
	struct cf_table *centres = columns_of(t[0], page_cols, 8, "spend by cost centre");
	snprintf(caption, sizeof caption,
		 "Net placement spend by cost centre, £: %d-%02d to %s, and committed to 31 March (gross, contributions "
		 "and budget to date in the workbook)", o.fy, (o.fy + 1) % 100, day);
	int bad = !by_type || !centres || html_table(rc->html, centres, caption, "–") ||
		  html_table(rc->html, by_type, "Weekly unit costs by provider type, £ (placements charged this year)", "–") ||
		  html_table(rc->html, t[2], "The providers with the most spend this year, £", "–") || notes(rc, t[4]);
	cf_table_free(by_type);
	cf_table_free(centres);
	if (bad) {
		for (int i = 0; i < MONEY_NTABLES; i++)
			cf_table_free(t[i]);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	/* every table but the notes (on the page) is a sheet; the placements by
	 * child ID are in the workbook only */
	cf_table_free(t[MONEY_NTABLES - 1]);
	for (int i = 0; i < MONEY_NTABLES - 1; i++)
		if ((rc_ = report_add_sheet(rc, t[i], err))) {
			for (int j = i + 1; j < MONEY_NTABLES - 1; j++)
				cf_table_free(t[j]);
			return rc_;
		}
	return CF_OK;
}

int report_panel_sufficiency(struct report_ctx *rc, struct cf_error *err)
{
	struct placements_data d;
	int rc_ = store_placements_read(rc->st, &d, err);
	if (rc_)
		return rc_;
	if (!d.nhouseholds && !d.nhomes) {
		placements_data_release(&d);
		return note(rc, "No foster_households or homes extract is loaded: load them with caseflow ingest "
				"(docs/money.md).")
			       ? cf_error_set(err, CF_EIO, "out of memory") : CF_OK;
	}
	struct cf_table *t[SUFFICIENCY_NTABLES];
	rc_ = sufficiency_tables(&d, &rc->data->cla, rc->period.to, rc->opt->centroids, t, err);
	int d_sectors = d.nla_sectors > 0;
	placements_data_release(&d);
	if (rc_)
		return rc_;
	char day[11], c0[120], c1[120], c2[120], c3[140];
	cf_date_format(rc->period.to, day);
	snprintf(c0, sizeof c0, "In-house foster carers on %s: approved places and occupancy", day);
	snprintf(c1, sizeof c1, "Children's homes registered on %s: places and occupancy", day);
	snprintf(c2, sizeof c2, "Places needed on %s against in-house places", day);
	snprintf(c3, sizeof c3, "Children looked after on %s placed outside the LA, and far from home", day);
	int bad = html_table(rc->html, t[0], c0, "–") || html_table(rc->html, t[1], c1, "–") ||
		  html_table(rc->html, t[3], c2, "–") || (d_sectors && html_table(rc->html, t[4], c3, "–")) ||
		  notes(rc, t[SUFFICIENCY_NOTES]);
	if (bad) {
		for (int i = 0; i < SUFFICIENCY_NTABLES; i++)
			cf_table_free(t[i]);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	cf_table_free(t[SUFFICIENCY_NOTES]);   /* the notes are on the page */
	for (int i = 0; i < SUFFICIENCY_NOTES; i++)
		if ((rc_ = report_add_sheet(rc, t[i], err))) {
			for (int j = i + 1; j < SUFFICIENCY_NOTES; j++)
				cf_table_free(t[j]);
			return rc_;
		}
	return CF_OK;
}
