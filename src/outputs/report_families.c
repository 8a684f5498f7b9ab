/* The report's Families and Quality of practice panels: caseflow families'
 * tables for the report's period (families on its last day, audits and
 * child protection reviews by month, the family programmes' claims). Only
 * counts reach the page and the workbook, suppressed under --suppress: the
 * tables naming families stay with `caseflow families`. */
#include <stdio.h>
#include <string.h>

#include "outputs/html.h"
#include "outputs/report.h"

static int note(struct report_ctx *rc, const char *text)
{
	return strbuf_adds(rc->html, "<p class=\"note\">") || html_text(rc->html, text) || strbuf_adds(rc->html, "</p>");
}

/* A copy of t as the page shows it: under --suppress N, a count from 1 to
 * N - 1 is "c", and so is every percentage of its row (derived from it);
 * where columns first..last add up to another of the row (grades to
 * audits), a lone hidden one takes the next smallest with it. NULL on OOM. */
static struct cf_table *shown(const struct cf_table *t, long n, int first, int last)
{
	struct cf_table *c = cf_table_copy(t);
	if (!c || n <= 0)
		return c;
	for (size_t r = 0; r < c->nrows; r++) {
		int hidden = 0, in_set = 0;
		for (int j = 0; j < c->ncols; j++) {
			const struct cf_cell *x = cf_table_cell_const(c, r, j);
			if (x->type == CF_CELL_INT && x->v.i > 0 && x->v.i < n) {
				in_set += j >= first && j <= last;
				hidden = 1;
				if (cf_table_set_text(c, r, j, "c")) {
					cf_table_free(c);
					return NULL;
				}
			}
		}
		if (in_set == 1) {
			int next = -1;
			for (int j = first; j <= last; j++) {
				const struct cf_cell *x = cf_table_cell_const(c, r, j);
				if (x->type == CF_CELL_INT && (next < 0 || x->v.i < cf_table_cell_const(c, r, next)->v.i))
					next = j;
			}
			if (next >= 0 && cf_table_set_text(c, r, next, "c")) {
				cf_table_free(c);
				return NULL;
			}
		}
		for (int j = 0; hidden && j < c->ncols; j++)
			if (c->cols[j].type == CF_CELL_REAL && cf_table_cell_const(c, r, j)->type == CF_CELL_REAL &&
			    cf_table_set_text(c, r, j, "c")) {
				cf_table_free(c);
				return NULL;
			}
	}
	return c;
}

/* Show t (suppressed as shown() says) with its caption, and hand the same
 * copy to the workbook. */
static int table(struct report_ctx *rc, const struct cf_table *t, const char *caption, int first, int last,
		 struct cf_error *err)
{
	struct cf_table *c = shown(t, rc->opt->suppress, first, last);
	if (!c || html_table(rc->html, c, caption, "–")) {
		cf_table_free(c);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	return report_add_sheet(rc, c, err);   /* takes it */
}

int report_families_make(const struct report_ctx *rc, struct report_inputs *in, struct cf_error *err)
{
	struct families_options o = { rc->period.from, rc->period.to, rc->period.label, 50 };
	int r = families_compute(rc->st, &o, &in->families, err);
	if (r)
		return r;
	const struct families_summary *s = &in->families.sum;
	in->families_loaded = s->families > 0 || s->audits > 0 || s->cp_reviews_due > 0;
	return CF_OK;
}

void report_families_release(struct report_inputs *in)
{
	families_result_release(&in->families);
	in->families_loaded = 0;
}

int report_panel_families(struct report_ctx *rc, struct cf_error *err)
{
	const struct report_inputs *in = rc->in;
	const struct families_result *f = &in->families;
	if (!in->families_loaded || !f->sum.families)
		return note(rc, "No family_members, allocations or family_plans extract is loaded: load them with caseflow "
				"ingest (docs/families.md).")
			       ? cf_error_set(err, CF_EIO, "out of memory") : CF_OK;
	char day[11], caption[160];
	cf_date_format(rc->period.to, day);
	snprintf(caption, sizeof caption, "Families on %s: plans, workers and services open at once", day);
	int r = table(rc, f->summary, caption, -1, -1, err);
	return r ? r
		 : table(rc, f->sf_claims,
			 "Troubled Families and Supporting Families: claims due by quarter (every need sustained six "
			 "months) and eligible families outstanding", -1, -1, err);
}

int report_panel_practice(struct report_ctx *rc, struct cf_error *err)
{
	const struct report_inputs *in = rc->in;
	const struct families_result *f = &in->families;
	if (!in->families_loaded || (!f->sum.audits && !f->sum.cp_reviews_due))
		return note(rc, "No case audits in the period and no child protection review due: load an audits extract "
				"or the CIN census with caseflow ingest (docs/families.md).")
			       ? cf_error_set(err, CF_EIO, "out of memory") : CF_OK;
	/* audits_by_month: the four grades (columns 4-7) add up to the month's audits */
	int r = table(rc, f->audits_month, "Case audits by month against a target of 50 a month, and their grades", 4, 7, err);
	if (!r)
		r = table(rc, f->audit_themes, "Audit themes: audits and how many were good or outstanding", -1, -1, err);
	return r ? r
		 : table(rc, f->cp_reviews,
			 "Child protection reviews due each month and held on time (within 3 months of the plan, then 6)",
			 -1, -1, err);
}
