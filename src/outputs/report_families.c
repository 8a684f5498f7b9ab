/* The report's Families and Quality of practice panels: caseflow families'
 * tables for the report's period (families on its last day, audits and
 * child protection reviews by month, the family programmes' claims). Only
 * counts reach the page and the workbook: the tables naming families stay
 * with `caseflow families`. */
#include <stdio.h>
#include <string.h>

#include "outputs/html.h"
#include "outputs/report.h"

static int note(struct report_ctx *rc, const char *text)
{
	return strbuf_adds(rc->html, "<p class=\"note\">") || html_text(rc->html, text) || strbuf_adds(rc->html, "</p>");
}

static int sheet(struct report_ctx *rc, const struct cf_table *t, struct cf_error *err)
{
	/* a copy: the workbook owns its sheets, the inputs stay the report's */
	struct cf_table *c = cf_table_copy(t);
	return c ? report_add_sheet(rc, c, err) : cf_error_set(err, CF_EIO, "out of memory");
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
	if (html_table(rc->html, f->summary, caption, "–") ||
	    html_table(rc->html, f->sf_claims,
		       "Troubled Families and Supporting Families: claims due by quarter (every need sustained six "
		       "months) and eligible families outstanding", "–"))
		return cf_error_set(err, CF_EIO, "out of memory");
	int r = sheet(rc, f->summary, err);
	return r ? r : sheet(rc, f->sf_claims, err);
}

int report_panel_practice(struct report_ctx *rc, struct cf_error *err)
{
	const struct report_inputs *in = rc->in;
	const struct families_result *f = &in->families;
	if (!in->families_loaded || (!f->sum.audits && !f->sum.cp_reviews_due))
		return note(rc, "No case audits in the period and no child protection review due: load an audits extract "
				"or the CIN census with caseflow ingest (docs/families.md).")
			       ? cf_error_set(err, CF_EIO, "out of memory") : CF_OK;
	if (html_table(rc->html, f->audits_month, "Case audits by month against a target of 50 a month, and their grades", "–") ||
	    html_table(rc->html, f->audit_themes, "Audit themes: audits and how many were good or outstanding", "–") ||
	    html_table(rc->html, f->cp_reviews,
		       "Child protection reviews due each month and held on time (within 3 months of the plan, then 6)", "–"))
		return cf_error_set(err, CF_EIO, "out of memory");
	int r = sheet(rc, f->audits_month, err);
	if (!r)
		r = sheet(rc, f->audit_themes, err);
	return r ? r : sheet(rc, f->cp_reviews, err);
}
