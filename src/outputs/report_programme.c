/* The programme panel: the business case as a committee paper prints it,
 * the cumulative net position with payback marked, the benefits RAG, the
 * milestones, the cost-benefit summary with its sensitivity tornado, and the
 * workforce requirement against the establishment. Everything is computed by
 * the programme room (programme/programme.h): the views' typed results are
 * made in report_programme_make, before any panel; this file lays them out. */
#include "outputs/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "programme/programme.h"
#include "model/programme.h"
#include "outputs/html.h"
#include "outputs/svg_spread.h"

#define OOM() cf_error_set(err, CF_EIO, "out of memory writing the report")

enum { MAX_TABLES = 8 };

static const char *const month_names[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* What every section needs: the programme, and how its money is shown. */
struct prog_page {
	struct report_ctx *rc;
	const struct programme *p;
	cf_date as_of;             /* benefits and milestones are judged on this day: the period's end */
	double per_thousand;       /* programme unit -> £000: 1 for thousands, 0.001 for pounds */
	int rounded;               /* the business case has pounds that whole £000s round off */
};

static int note(struct report_ctx *rc, const char *text)
{
	return strbuf_adds(rc->html, "<p class=\"note\">") || html_text(rc->html, text) || strbuf_adds(rc->html, "</p>");
}

static int heading(struct report_ctx *rc, const char *text)
{
	return strbuf_adds(rc->html, "<h3>") || html_text(rc->html, text) || strbuf_adds(rc->html, "</h3>");
}

/* Hand the tables named in keep to the workbook and free the rest; r is
 * the status so far (after a failure everything is freed). */
static int hand_over(struct report_ctx *rc, struct cf_table **t, int n, const char *const *keep, int r,
		     struct cf_error *err)
{
	for (int i = 0; i < n; i++) {
		int wanted = 0;
		for (const char *const *k = keep; *k && !wanted; k++)
			wanted = strcmp(*k, t[i]->name) == 0;
		if (!r && wanted)
			r = report_add_sheet(rc, t[i], err);
		else
			cf_table_free(t[i]);
	}
	return r;
}

/* "2024-25" when the programme is dated, else "Year 3". */
static void year_label(const struct programme *p, int y, char out[16])
{
	if (p->first_year)
		snprintf(out, 16, "%d-%02d", p->first_year + y, (p->first_year + y + 1) % 100);
	else
		snprintf(out, 16, "Year %d", y);
}

/* "31 Mar 2024" from a date or "2024-03-31"; "–" when none. */
static void day_label(cf_date d, char out[16])
{
	int y, m, day;
	if (d == CF_DATE_NONE) {
		snprintf(out, 16, "–");
		return;
	}
	cf_date_to_ymd(d, &y, &m, &day);
	snprintf(out, 16, "%d %s %d", day, month_names[(m - 1) % 12], y);
}

/* A measured value with as many decimals as it needs, at most two. */
static void value_text(char *buf, size_t size, double v)
{
	int dp = fabs(v - round(v)) < 5e-7 ? 0 : fabs(v * 10 - round(v * 10)) < 5e-6 ? 1 : 2;
	html_number(buf, size, v, dp);
}

/* Whole £000 from the programme's unit. */
static void k_text(const struct prog_page *pg, char *buf, size_t size, double v)
{
	html_number(buf, size, v * pg->per_thousand, 0);
}

static int cell(struct strbuf *sb, const char *text, int num, const char *style)
{
	int bad = strbuf_adds(sb, num ? "<td class=\"num\"" : "<td");
	if (style)
		bad |= strbuf_addf(sb, " style=\"%s\"", style);
	return bad | strbuf_adds(sb, ">") | html_text(sb, text) | strbuf_adds(sb, "</td>");
}

static int row_head(struct strbuf *sb, const char *text, const char *style)
{
	int bad = strbuf_adds(sb, "<th scope=\"row\"");
	if (style)
		bad |= strbuf_addf(sb, " style=\"%s\"", style);
	return bad | strbuf_adds(sb, ">") | html_text(sb, text) | strbuf_adds(sb, "</th>");
}

/* A table of the panel's: its caption and column heads (num: figures,
 * right-aligned); then rows of cells, then table_close. */
struct col_head {
	const char *head;
	int num;
};

static int table_open(struct strbuf *sb, const char *caption, const struct col_head *cols, int ncols)
{
	int bad = strbuf_adds(sb, "<div class=\"tbl\"><table class=\"data\"><caption>");
	bad |= html_text(sb, caption);
	bad |= strbuf_adds(sb, "</caption><thead><tr>");
	for (int j = 0; j < ncols; j++) {
		bad |= strbuf_adds(sb, cols[j].num ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">");
		bad |= html_text(sb, cols[j].head);
		bad |= strbuf_adds(sb, "</th>");
	}
	return bad | strbuf_adds(sb, "</tr></thead><tbody>");
}

static int table_close(struct strbuf *sb) { return strbuf_adds(sb, "</tbody></table></div>"); }

/* A text cell, the row's heading when first; "–" for none (NULL, set
 * right like a missing figure) or empty. */
static int text_cell(struct strbuf *sb, const char *s, int first)
{
	if (!s)
		return cell(sb, "–", 1, NULL);
	return first ? row_head(sb, s[0] ? s : "–", NULL) : cell(sb, s[0] ? s : "–", 0, NULL);
}

/* A figure with decimals; "–" when not finite. */
static int num_cell(struct strbuf *sb, double v, int decimals)
{
	char buf[64];
	html_number(buf, sizeof buf, v, decimals);
	return cell(sb, buf, 1, NULL);
}

/* A date as yyyy-mm-dd; "–" for none. */
static int date_cell(struct strbuf *sb, cf_date d)
{
	char buf[11];
	if (d == CF_DATE_NONE)
		return text_cell(sb, NULL, 0);
	cf_date_format(d, buf);
	return text_cell(sb, buf, 0);
}

/* --- business case ----------------------------------------------------------- */

struct bc_line {
	const char *name;
	int strong;                /* a total line, in bold */
	int indent;                /* an "of which" line */
};

static prog_money bc_value(const struct bc_year *y, int line)
{
	switch (line) {
	case 0: return y->one_off;
	case 1: return y->ongoing;
	case 2: return y->one_off + y->ongoing;
	case 3: return y->gross_savings;
	case 4: return y->net;
	default: return y->cumulative;
	}
}

static int bc_money_cell(const struct prog_page *pg, struct strbuf *sb, prog_money m, const char *style)
{
	char buf[48];
	k_text(pg, buf, sizeof buf, prog_money_to_double(m));
	return cell(sb, buf, 1, style);
}

/* The committee table: a line per row, a year per column, then the total. */
static int bc_committee_table(const struct prog_page *pg, const struct business_case *bc)
{
	static const struct bc_line lines[] = {
		{ "One-off costs", 0, 0 }, { "Ongoing costs", 0, 0 }, { "Total costs", 1, 0 },
		{ "Gross savings", 0, 0 }, { "Annual net position", 1, 0 }, { "Cumulative net position", 1, 0 },
	};
	const struct programme *p = pg->p;
	struct strbuf *sb = pg->rc->html;
	int bad = strbuf_adds(sb, "<div class=\"tbl\"><table class=\"data\"><caption>");
	bad |= html_textf(sb, "Business case, £000 by financial year (costs positive, savings negative, as the "
			      "published case prints them; a negative net position is a net saving)");
	bad |= strbuf_adds(sb, "</caption><thead><tr><th scope=\"col\">£000</th>");
	for (int y = 0; y < bc->nyears; y++) {
		char fy[16];
		year_label(p, y, fy);
		bad |= strbuf_addf(sb, "<th scope=\"col\" class=\"num\">Year %d", y);
		if (p->first_year) {
			bad |= strbuf_adds(sb, "<br>");
			bad |= html_text(sb, fy);
		}
		bad |= strbuf_adds(sb, "</th>");
	}
	bad |= strbuf_adds(sb, "<th scope=\"col\" class=\"num\">Total</th></tr></thead><tbody>");
	for (int l = 0; l < 6 && !bad; l++) {
		const char *style = lines[l].strong ? "font-weight:700" : NULL;
		bad |= strbuf_adds(sb, lines[l].strong ? "<tr style=\"border-top:1px solid #888\">" : "<tr>");
		bad |= row_head(sb, lines[l].name, lines[l].strong ? NULL : "font-weight:400");
		for (int y = 0; y < bc->nyears; y++)
			bad |= bc_money_cell(pg, sb, bc_value(&bc->years[y], l), style);
		if (l == 5)
			bad |= cell(sb, "", 1, NULL);   /* a running total has no total */
		else
			bad |= bc_money_cell(pg, sb, bc_value(&bc->total, l), style);
		bad |= strbuf_adds(sb, "</tr>");
		if (l != 3)
			continue;
		/* gross savings by workstream, as the published case breaks them down */
		for (int w = 0; w < p->nworkstreams && !bad; w++) {
			struct business_case wc;
			business_case_compute(p, p->workstreams[w].id, &wc);
			if (!wc.total.gross_savings)
				continue;
			char name[160];
			snprintf(name, sizeof name, "of which %s", p->workstreams[w].id);
			bad |= strbuf_adds(sb, "<tr>");
			bad |= row_head(sb, name, "font-weight:400;padding-left:18px;color:#444");
			for (int y = 0; y < bc->nyears; y++)
				bad |= bc_money_cell(pg, sb, y < wc.nyears ? wc.years[y].gross_savings : 0, "color:#444");
			bad |= bc_money_cell(pg, sb, wc.total.gross_savings, "color:#444");
			bad |= strbuf_adds(sb, "</tr>");
		}
	}
	return bad | strbuf_adds(sb, "</tbody></table></div>");
}

static int bc_chart(const struct prog_page *pg, const struct business_case *bc, struct cf_error *err)
{
	const struct programme *p = pg->p;
	int n = bc->nyears;
	char (*labels)[16] = malloc((size_t)n * sizeof *labels);
	const char **ptrs = malloc((size_t)n * sizeof *ptrs);
	double *cum = malloc((size_t)n * sizeof *cum), *net = malloc((size_t)n * sizeof *net);
	struct cf_table *t = cf_table_new("Programme net position");
	struct strbuf desc = STRBUF_INIT;
	int bad = !labels || !ptrs || !cum || !net || !t;
	if (!bad) {
		bad |= cf_table_add_column(t, "year", CF_CELL_TEXT, 0) < 0;
		bad |= cf_table_add_column(t, "annual net £000", CF_CELL_REAL, 0) < 0;
		bad |= cf_table_add_column(t, "cumulative net £000", CF_CELL_REAL, 0) < 0;
		bad |= strbuf_adds(&desc, "Cumulative net position by year, £000 (negative is a net saving):");
	}
	for (int y = 0; y < n && !bad; y++) {
		year_label(p, y, labels[y]);
		ptrs[y] = labels[y];
		cum[y] = prog_money_to_double(bc->years[y].cumulative) * pg->per_thousand;
		net[y] = prog_money_to_double(bc->years[y].net) * pg->per_thousand;
		long r = cf_table_add_row(t);
		if (r < 0 || cf_table_set_text(t, (size_t)r, 0, labels[y])) {
			bad = 1;
			break;
		}
		cf_table_set_real(t, (size_t)r, 1, net[y]);
		cf_table_set_real(t, (size_t)r, 2, cum[y]);
		char v[48];
		html_number(v, sizeof v, cum[y], 0);
		bad |= strbuf_addf(&desc, "%s %s %s", y ? ";" : "", labels[y], v);
	}
	char marker[48] = "";
	if (!bad && bc->payback_year >= 0) {
		char fy[16];
		year_label(p, bc->payback_year, fy);
		snprintf(marker, sizeof marker, "payback %s", fy);
		bad |= strbuf_addf(&desc, ". It first turns negative in %s (year %d): the payback year.", fy,
				   bc->payback_year);
	} else if (!bad) {
		bad |= strbuf_addf(&desc, ". It never turns negative in the %d years: the programme does not pay back.", n);
	}
	if (!bad) {
		char id[16];
		struct svg_series lines[2] = { { "cumulative net", cum }, { "annual net", net } };
		struct svg_band_chart ch = {
			.id = report_next_id(pg->rc, id), .title = "Cumulative net position, with payback marked",
			.desc = strbuf_str(&desc), .y_label = "£000", .labels = ptrs, .n = n, .lines = lines, .nlines = 2,
			.marker = bc->payback_year, .marker_label = marker,
		};
		bad |= report_figure_open(pg->rc, 620);
		bad |= svg_band(pg->rc->html, &ch);
		bad |= report_figure_close(pg->rc, strbuf_str(&desc), ch.title, t, svg_band_height(&ch));
	}
	strbuf_release(&desc);
	cf_table_free(t);
	free(labels);
	free(ptrs);
	free(cum);
	free(net);
	return bad ? OOM() : CF_OK;
}

static int business_case_section(struct prog_page *pg, struct cf_error *err)
{
	const struct programme *p = pg->p;
	struct report_ctx *rc = pg->rc;
	struct cf_table *tables[MAX_TABLES];
	int n = 0;
	int r = business_case_tables(p, tables, &n, err);
	if (r)
		return r;
	struct business_case bc;
	business_case_compute(p, NULL, &bc);
	int bad = heading(rc, "Business case");
	bad |= bc_committee_table(pg, &bc);
	char fy[16], costs[48], gross[48], net[48], roi[32], buf[700];
	k_text(pg, costs, sizeof costs, prog_money_to_double(bc.total.one_off + bc.total.ongoing));
	k_text(pg, gross, sizeof gross, -prog_money_to_double(bc.total.gross_savings));
	k_text(pg, net, sizeof net, -prog_money_to_double(bc.total.net));
	html_number(roi, sizeof roi, bc.roi, 2);
	int payback = bc.payback_year;
	if (payback >= 0) {
		year_label(p, payback, fy);
		snprintf(buf, sizeof buf,
			 "Payback in year %d (%s), the first year the cumulative net position turns negative. Over the %d "
			 "years the programme costs £%sk and saves £%sk gross: a net saving of £%sk, a return on investment "
			 "of %s (net saving per £1 spent).",
			 payback, fy, bc.nyears, costs, gross, net, roi);
	} else {
		snprintf(buf, sizeof buf,
			 "No payback: the cumulative net position does not turn negative in the %d years. The programme "
			 "costs £%sk and saves £%sk gross; return on investment %s (net saving per £1 spent).",
			 bc.nyears, costs, gross, roi);
	}
	bad |= strbuf_adds(rc->html, "<p><b>") || html_text(rc->html, buf) || strbuf_adds(rc->html, "</b></p>");
	if (pg->rounded)
		bad |= note(rc, "Figures here are rounded to the nearest £1,000, so a total may differ from the sum of "
				"its rounded parts; the workbook's business_case sheets have them to the pound.");
	if (bad)
		r = OOM();
	if (!r)
		r = bc_chart(pg, &bc, err);
	static const char *const keep[] = { "business_case", "business_case_by_workstream", "business_case_summary", NULL };
	return hand_over(rc, tables, n, keep, r, err);
}

/* --- benefits ------------------------------------------------------------------ */

static int rag_cell(struct strbuf *sb, const char *rag)
{
	/* the word is always there: the colour only repeats it */
	static const struct {
		const char *name, *word, *style;
	} rags[] = {
		{ "green", "Green", "background:#d3eed9;color:#0b5a22;font-weight:700" },
		{ "amber", "Amber", "background:#ffe9b3;color:#6b4400;font-weight:700" },
		{ "red", "Red", "background:#f7d0d3;color:#8a1c24;font-weight:700" },
	};
	for (size_t i = 0; i < sizeof rags / sizeof rags[0]; i++)
		if (strcmp(rag, rags[i].name) == 0)
			return cell(sb, rags[i].word, 0, rags[i].style);
	return cell(sb, "no actual yet", 0, "color:#555");
}

static const struct prog_benefit *benefit_named(const struct programme *p, const char *id)
{
	for (int i = 0; i < p->nbenefits; i++)
		if (strcmp(p->benefits[i].id, id) == 0)
			return &p->benefits[i];
	return NULL;
}

static int benefits_rag_table(const struct prog_page *pg, const struct benefits_result *res)
{
	struct strbuf *sb = pg->rc->html;
	static const char *const heads[] = { "Benefit", "Measure", "Baseline", "Target", "Latest actual", "Plan then",
					     "Variance", "RAG" };
	char asof[16];
	day_label(pg->as_of, asof);
	int bad = strbuf_adds(sb, "<div class=\"tbl\"><table class=\"data\"><caption>");
	bad |= html_textf(sb, "Benefits register on %s: the latest actual against the planned trajectory (variance = "
			      "actual − plan; RAG judges it against the target's direction and the benefit's tolerance)",
			  asof);
	bad |= strbuf_adds(sb, "</caption><thead><tr>");
	for (int j = 0; j < 8; j++)
		bad |= strbuf_addf(sb, "<th scope=\"col\"%s>%s</th>", j >= 2 && j <= 6 ? " class=\"num\"" : "", heads[j]);
	bad |= strbuf_adds(sb, "</tr></thead><tbody>");
	for (int r = 0; r < res->nbenefits && !bad; r++) {
		const struct benefit_status *st = &res->benefits[r];
		const struct prog_benefit *b = st->benefit;
		const char *unit = b->unit ? b->unit : "";
		char name[300], v[48], d[16], both[80];
		snprintf(name, sizeof name, "%s %s", b->id, b->name ? b->name : "");
		bad |= strbuf_adds(sb, "<tr>");
		bad |= row_head(sb, name, NULL);
		snprintf(both, sizeof both, "%s%s%s", b->measure ? b->measure : "", unit[0] ? ", " : "", unit);
		bad |= cell(sb, both, 0, NULL);
		value_text(v, sizeof v, b->baseline);
		day_label(b->baseline_date, d);
		snprintf(both, sizeof both, "%s (%s)", v, d);
		bad |= cell(sb, both, 1, NULL);
		value_text(v, sizeof v, b->target);
		day_label(b->target_date, d);
		snprintf(both, sizeof both, "%s by %s", v, d);
		bad |= cell(sb, both, 1, NULL);
		double actual = st->has_actual ? st->latest_actual : NAN, plan = st->has_actual ? st->plan_then : NAN;
		double var = st->has_actual ? st->variance : NAN;
		if (isfinite(actual)) {
			value_text(v, sizeof v, actual);
			day_label(st->latest_date, d);
			snprintf(both, sizeof both, "%s (%s)", v, d);
		} else {
			snprintf(both, sizeof both, "none by %s", asof);
		}
		bad |= cell(sb, both, 1, NULL);
		value_text(v, sizeof v, plan);
		bad |= cell(sb, v, 1, NULL);
		value_text(v, sizeof v, var);
		snprintf(both, sizeof both, "%s%s", var > 0 ? "+" : "", v);
		bad |= cell(sb, both, 1, NULL);
		bad |= rag_cell(sb, st->has_actual ? benefit_rag_names[st->rag] : "");
		bad |= strbuf_adds(sb, "</tr>");
	}
	return bad | strbuf_adds(sb, "</tbody></table></div>");
}

/* Under --suppress, keep only the store's actuals the page's own monthly
 * indicators show: a month the suppression hides, or one outside the
 * months the report computed, is left out. Returns how many went. */
static int withhold_small(const struct report_ctx *rc, const struct programme *p, struct prog_actual *a, int *n)
{
	int kept = 0;
	for (int i = 0; i < *n; i++) {
		const struct prog_benefit *b = benefit_named(p, a[i].benefit);
		int id = b ? kpi_find(b->measure) : -1, shown = 0;
		for (int m = 0; m < rc->nmonths && id >= 0 && !shown; m++) {
			int at = rc->month0 + m;
			if (rc->series->periods[at].to != a[i].date)
				continue;
			const struct kpi_cell *c = report_cell(rc, at, id);
			shown = c->has_value && !c->suppressed;
			break;
		}
		if (shown)
			a[kept++] = a[i];
	}
	int gone = *n - kept;
	*n = kept;
	return gone;
}

static int benefits_section(struct prog_page *pg, struct cf_error *err)
{
	struct report_ctx *rc = pg->rc;
	const struct report_inputs *in = rc->in;
	const struct benefits_result *res = in->prog_benefits;
	const char *notes = in->prog_actuals_notes;
	int withheld = in->prog_withheld, r = CF_OK;
	int bad = heading(rc, "Benefits realisation");
	bad |= benefits_rag_table(pg, res);
	if (withheld) {
		char buf[300];
		snprintf(buf, sizeof buf, "Small-count suppression: %d monthly actual%s from the store %s left out (the "
					  "indicator is suppressed that month, or the month is outside the report's months).",
			 withheld, withheld == 1 ? "" : "s", withheld == 1 ? "is" : "are");
		bad |= note(rc, buf);
	}
	if (notes[0]) {
		char buf[1200];
		snprintf(buf, sizeof buf, "Actuals from the store where a benefit names an indicator, else the actuals "
					  "sheet. %s.", notes);
		bad |= note(rc, buf);
	}
	if (res->has_landing) {
		static const struct col_head cols[] = {
			{ "Year", 1 }, { "Year end", 0 }, { "Business case savings", 1 }, { "Benefits plan", 1 },
			{ "Benefits actual", 1 }, { "Variance", 1 }, { "Landed %", 1 },
		};
		char cap[160];
		snprintf(cap, sizeof cap, "Are the savings landing? Financial benefits against the business case's "
					  "gross savings, %s a year", pg->p->unit == PROG_THOUSANDS ? "£000" : "£");
		bad |= table_open(rc->html, cap, cols, 7);
		for (int y = 0; y < res->nlanding && !bad; y++) {
			const struct savings_landing_year *ly = &res->landing[y];
			bad |= strbuf_adds(rc->html, "<tr>");
			bad |= num_cell(rc->html, ly->year, 0);
			bad |= date_cell(rc->html, ly->year_end);
			bad |= num_cell(rc->html, ly->business_case_savings, 0);
			bad |= num_cell(rc->html, ly->benefits_plan, 0);
			bad |= num_cell(rc->html, ly->has_actual ? ly->benefits_actual : NAN, 0);
			bad |= num_cell(rc->html, ly->has_actual ? ly->variance : NAN, 0);
			bad |= num_cell(rc->html, ly->landed_pct, 1);
			bad |= strbuf_adds(rc->html, "</tr>");
		}
		bad |= table_close(rc->html);
	}
	if (bad)
		r = OOM();
	struct cf_table *tables[MAX_TABLES];
	int n = 0;
	if (!r)
		r = benefits_result_tables(res, tables, &n, err);
	static const char *const keep[] = { "benefits", "benefits_by_month", "savings_landing", NULL };
	return hand_over(rc, tables, n, keep, r, err);
}

/* --- milestones ----------------------------------------------------------------- */

static int milestones_section(struct prog_page *pg, struct cf_error *err)
{
	struct report_ctx *rc = pg->rc;
	const struct milestones_result *ms = rc->in->prog_milestones;
	int r = CF_OK;
	int bad = heading(rc, "Milestones");
	char asof[16], buf[400];
	day_label(pg->as_of, asof);
	if (ms->nby) {
		const struct milestone_counts *all = &ms->by[ms->nby - 1];   /* the last is "all" */
		long overdue = all->n[MS_OVERDUE], due = all->n[MS_DUE_90];
		snprintf(buf, sizeof buf,
			 "On %s, the day the programme is judged on: %ld of %ld milestones overdue, %ld due in the next 90 "
			 "days, %ld done (%ld of them late), %ld later.",
			 asof, overdue, all->milestones, due, all->n[MS_DONE] + all->n[MS_DONE_LATE],
			 all->n[MS_DONE_LATE], all->n[MS_LATER]);
		bad |= strbuf_adds(rc->html, "<p>") || html_text(rc->html, buf) || strbuf_adds(rc->html, "</p>");
		bad |= strbuf_adds(rc->html, "<div class=\"grid2\">");
		static const struct col_head cols[] = {
			{ "Workstream", 0 }, { "Milestones", 1 }, { "Done on time", 1 }, { "Done late", 1 },
			{ "Overdue", 1 }, { "Due in 90 days", 1 }, { "Later", 1 },
		};
		bad |= table_open(rc->html, "Milestones by workstream", cols, 7);
		for (int k = 0; k < ms->nby && !bad; k++) {
			const struct milestone_counts *c = &ms->by[k];
			bad |= strbuf_adds(rc->html, "<tr>");
			bad |= text_cell(rc->html, c->workstream, 1);
			bad |= num_cell(rc->html, c->milestones, 0);
			for (int s = 0; s < MS_NSTATUS; s++)
				bad |= num_cell(rc->html, c->n[s], 0);
			bad |= strbuf_adds(rc->html, "</tr>");
		}
		bad |= table_close(rc->html);
		if (overdue + due > 0) {
			static const struct col_head lcols[] = {
				{ "Milestone", 0 }, { "Workstream", 0 }, { "Owner", 0 }, { "Due", 0 },
				{ "Status", 0 }, { "Days late", 1 }, { "Days to due", 1 },
			};
			snprintf(buf, sizeof buf, "Overdue and due in the 90 days after %s", asof);
			bad |= table_open(rc->html, buf, lcols, 7);
			for (int i = 0; i < ms->nrows && !bad; i++) {
				const struct milestone_row *row = &ms->rows[i];
				const struct prog_milestone *m = row->milestone;
				if (row->status != MS_OVERDUE && row->status != MS_DUE_90)
					continue;
				bad |= strbuf_adds(rc->html, "<tr>");
				bad |= text_cell(rc->html, m->name, 1);
				bad |= text_cell(rc->html, m->workstream, 0);
				bad |= text_cell(rc->html, m->owner, 0);
				bad |= date_cell(rc->html, m->due);
				bad |= text_cell(rc->html, milestone_status_names[row->status], 0);
				bad |= num_cell(rc->html, row->status == MS_OVERDUE ? (double)row->days_late : NAN, 0);
				bad |= num_cell(rc->html, row->status == MS_DUE_90 ? (double)row->days_to_due : NAN, 0);
				bad |= strbuf_adds(rc->html, "</tr>");
			}
			bad |= table_close(rc->html);
		} else {
			bad |= strbuf_adds(rc->html, "<p class=\"note\">");
			bad |= html_textf(rc->html, "No milestone is overdue or due in the 90 days after %s.", asof);
			bad |= strbuf_adds(rc->html, "</p>");
		}
		bad |= strbuf_adds(rc->html, "</div>");
	}
	if (bad)
		r = OOM();
	struct cf_table *tables[MAX_TABLES];
	int n = 0;
	if (!r)
		r = milestones_result_tables(ms, tables, &n, err);
	static const char *const keep[] = { "milestones", "milestones_by_workstream", NULL };
	return hand_over(rc, tables, n, keep, r, err);
}

/* --- cost-benefit analysis ---------------------------------------------------- */

static int cba_summary_table(const struct prog_page *pg, const struct cba_result *res)
{
	enum { MONEY, RATIO, SHARE, YEAR, YEARS };
	static const struct {
		const char *measure, *name;
		int kind;
	} rows[] = {
		{ "pv_costs", "Present value of costs (after optimism bias)", MONEY },
		{ "pv_fiscal_benefits", "Present value of fiscal benefits", MONEY },
		{ "pv_economic_benefits", "Present value of economic benefits", MONEY },
		{ "pv_social_benefits", "Present value of social benefits", MONEY },
		{ "pv_all_benefits", "Present value of all benefits", MONEY },
		{ "financial_roi", "Financial return on investment (fiscal benefits per £1 of cost)", RATIO },
		{ "net_present_budget_impact", "Net present budget impact (fiscal benefits − costs)", MONEY },
		{ "public_value_bcr", "Public value benefit-cost ratio (all benefits per £1 of cost)", RATIO },
		{ "net_present_public_value", "Net present public value (all benefits − costs)", MONEY },
		{ "payback_year", "Payback (cumulative fiscal benefits cover the costs)", YEAR },
		{ "cashable_share", "Cashable share of fiscal benefits", SHARE },
		{ "discount_rate", "Discount rate", SHARE },
		{ "appraisal_years", "Appraisal period", YEARS },
	};
	const double values[] = {
		res->pv_costs, res->pv_benefit[PROG_FISCAL], res->pv_benefit[PROG_ECONOMIC], res->pv_benefit[PROG_SOCIAL],
		res->pv_benefits, res->financial_roi, res->npbi, res->bcr, res->npv,
		res->payback_year >= 0 ? res->payback_year : NAN, res->cashable_share, pg->p->cba.discount_rate,
		res->nyears,
	};
	_Static_assert(sizeof values / sizeof values[0] == sizeof rows / sizeof rows[0], "a value for each row");
	struct strbuf *sb = pg->rc->html;
	int bad = strbuf_adds(sb, "<div class=\"tbl\"><table class=\"data\"><caption>Cost-benefit analysis (HM Treasury "
				  "Green Book, local-partnership method), present values in £000</caption><thead><tr>"
				  "<th scope=\"col\">Measure</th><th scope=\"col\" class=\"num\">Value</th></tr></thead><tbody>");
	for (size_t i = 0; i < sizeof rows / sizeof rows[0] && !bad; i++) {
		double v = isfinite(values[i]) ? values[i] : NAN;
		char buf[64], fy[16];
		switch (rows[i].kind) {
		case MONEY: k_text(pg, buf, sizeof buf, v); break;
		case RATIO: html_number(buf, sizeof buf, v, 2); break;
		case SHARE:
			html_number(buf, sizeof buf, v * 100, rows[i].measure[0] == 'd' ? 1 : 0);
			if (isfinite(v))
				strncat(buf, "%", sizeof buf - strlen(buf) - 1);
			break;
		case YEAR:
			if (isfinite(v)) {
				year_label(pg->p, (int)v, fy);
				if (pg->p->first_year)
					snprintf(buf, sizeof buf, "year %d (%s)", (int)v, fy);
				else
					snprintf(buf, sizeof buf, "year %d", (int)v);
			} else {
				snprintf(buf, sizeof buf, "none in the period");
			}
			break;
		default: snprintf(buf, sizeof buf, "%.0f years", v); break;
		}
		bad |= strbuf_adds(sb, "<tr>");
		bad |= row_head(sb, rows[i].name, "font-weight:400");
		bad |= cell(sb, buf, 1, NULL);
		bad |= strbuf_adds(sb, "</tr>");
	}
	return bad | strbuf_adds(sb, "</tbody></table></div>");
}

static double finite_or_nan(double v)
{
	return isfinite(v) ? v : NAN;
}

/* The sensitivity's BCR swings as a tornado, the widest on top. */
static int cba_tornado(const struct prog_page *pg, const struct cba_sensitivity *sens, struct cf_error *err)
{
	enum { MAXA = 32 };
	_Static_assert((int)CBA_NASSUMPTIONS <= (int)MAXA, "every assumption has a bar");
	int n = CBA_NASSUMPTIONS;
	int order[MAXA];
	double swing[MAXA];
	for (int i = 0; i < n; i++) {
		order[i] = i;
		swing[i] = fabs(finite_or_nan(sens[i].bcr_plus_20pct) - finite_or_nan(sens[i].bcr_minus_20pct));
		if (!isfinite(swing[i]))
			swing[i] = -1;
	}
	for (int i = 1; i < n; i++)   /* insertion sort: stable, so equal swings keep the table's order */
		for (int j = i; j > 0 && swing[order[j]] > swing[order[j - 1]] + 1e-9; j--) {
			int tmp = order[j];
			order[j] = order[j - 1];
			order[j - 1] = tmp;
		}
	char names[MAXA][40];
	const char *labels[MAXA];
	double lo[MAXA], hi[MAXA];
	double base = finite_or_nan(sens[0].bcr);
	struct cf_table *t = cf_table_new("Programme sensitivity");
	struct strbuf desc = STRBUF_INIT;
	int bad = !t;
	if (!bad) {
		bad |= cf_table_add_column(t, "assumption", CF_CELL_TEXT, 0) < 0;
		bad |= cf_table_add_column(t, "BCR −20%", CF_CELL_REAL, 2) < 0;
		bad |= cf_table_add_column(t, "BCR +20%", CF_CELL_REAL, 2) < 0;
		bad |= cf_table_add_column(t, "breaks even at ×", CF_CELL_REAL, 2) < 0;
		char b[32];
		html_number(b, sizeof b, base, 2);
		bad |= strbuf_addf(&desc, "Public value benefit-cost ratio %s at the central estimates, with each assumption "
					  "20%% lower and 20%% higher, the widest swing first:", b);
	}
	for (int k = 0; k < n && !bad; k++) {
		int r = order[k];
		snprintf(names[k], sizeof names[k], "%s", cba_assumption_names[r]);
		for (char *c = names[k]; *c; c++)
			if (*c == '_')
				*c = ' ';
		labels[k] = names[k];
		lo[k] = finite_or_nan(sens[r].bcr_minus_20pct);
		hi[k] = finite_or_nan(sens[r].bcr_plus_20pct);
		long row = cf_table_add_row(t);
		if (row < 0 || cf_table_set_text(t, (size_t)row, 0, names[k])) {
			bad = 1;
			break;
		}
		double v[] = { lo[k], hi[k], finite_or_nan(sens[r].switching_value) };
		for (int c = 0; c < 3; c++)
			if (isfinite(v[c]))
				cf_table_set_real(t, (size_t)row, 1 + c, v[c]);
		char a[32], b[32];
		html_number(a, sizeof a, lo[k], 2);
		html_number(b, sizeof b, hi[k], 2);
		bad |= strbuf_addf(&desc, "%s %s %s to %s", k ? ";" : "", names[k], a, b);
	}
	if (!bad) {
		bad |= strbuf_adds(&desc, ". The table's last column is the switching value: the multiple of the "
					  "assumption at which all benefits only just cover the costs (– when not between 0 and "
					  "10 times); the workbook's cba_sensitivity sheet has the budget impact too.");
		char id[16];
		struct svg_tornado ch = {
			.id = report_next_id(pg->rc, id), .title = "Sensitivity: benefit-cost ratio with each assumption ±20%",
			.desc = strbuf_str(&desc), .x_label = "public value benefit-cost ratio", .labels = labels,
			.low = lo, .high = hi, .n = n, .base = base, .low_name = "assumption −20%",
			.high_name = "assumption +20%", .decimals = 2, .width = 560,
		};
		bad |= report_figure_open(pg->rc, 560);
		bad |= svg_tornado_chart(pg->rc->html, &ch);
		bad |= report_figure_close(pg->rc, strbuf_str(&desc), ch.title, t, svg_tornado_height(&ch));
	}
	strbuf_release(&desc);
	cf_table_free(t);
	return bad ? OOM() : CF_OK;
}

static int cba_section(struct prog_page *pg, struct cf_error *err)
{
	struct report_ctx *rc = pg->rc;
	const struct cba_analysis *an = rc->in->prog_cba;
	int r = CF_OK;
	int bad = heading(rc, "Cost-benefit analysis");
	bad |= strbuf_adds(rc->html, "<div class=\"grid2\">");
	bad |= cba_summary_table(pg, &an->all);
	static const struct col_head cols[] = {
		{ "Agency", 0 }, { "PV costs", 1 }, { "PV fiscal", 1 }, { "PV economic", 1 }, { "PV social", 1 },
		{ "Budget impact", 1 }, { "BCR", 1 },
	};
	bad |= table_open(rc->html, "Who pays and who benefits: present values by agency, £000", cols, 7);
	for (int a = 0; a < an->nagencies && !bad; a++) {
		const struct cba_result *ra = &an->by_agency[a];
		bad |= strbuf_adds(rc->html, "<tr>");
		bad |= text_cell(rc->html, an->agencies[a], 1);
		bad |= num_cell(rc->html, ra->pv_costs, 0);
		for (int k = 0; k < 3; k++)
			bad |= num_cell(rc->html, ra->pv_benefit[k], 0);
		bad |= num_cell(rc->html, ra->npbi, 0);
		bad |= num_cell(rc->html, ra->bcr, 2);
		bad |= strbuf_adds(rc->html, "</tr>");
	}
	bad |= table_close(rc->html);
	bad |= strbuf_adds(rc->html, "</div>");
	if (bad)
		r = OOM();
	if (!r)
		r = cba_tornado(pg, an->sensitivity, err);
	struct cf_table *tables[MAX_TABLES];
	int n = 0;
	if (!r)
		r = cba_analysis_tables(an, tables, &n, err);
	static const char *const keep[] = { "cba_summary", "cba_by_year", "cba_by_agency", "cba_sensitivity", NULL };
	return hand_over(rc, tables, n, keep, r, err);
}

/* --- workforce ----------------------------------------------------------------- */

/* The demand point the table shows: the only one, or the month with the
 * most cases (the establishment has to cover the peak); the first of equals. */
static int peak_point(const struct workforce_result *wr)
{
	int best = 0;
	for (int i = 1; i < wr->npoints; i++)
		if (wr->points[i].need.cases > wr->points[best].need.cases)
			best = i;
	return best;
}

/* Required FTE by role and contract at every demand point dated date (one,
 * unless the sheet gives a date twice), against the establishment. */
static int workforce_table(const struct prog_page *pg, const struct workforce_result *wr, cf_date date,
			   const char *caption)
{
	struct strbuf *sb = pg->rc->html;
	int gap = wr->has_establishment;
	int bad = strbuf_adds(sb, "<div class=\"tbl\"><table class=\"data\"><caption>");
	bad |= html_text(sb, caption);
	bad |= strbuf_adds(sb, "</caption><thead><tr><th scope=\"col\">Role</th><th scope=\"col\">Contract</th>"
			       "<th scope=\"col\" class=\"num\">Required FTE</th>");
	if (gap)
		bad |= strbuf_adds(sb, "<th scope=\"col\" class=\"num\">Establishment FTE</th>"
				       "<th scope=\"col\" class=\"num\">Gap (posts to fill)</th>");
	bad |= strbuf_adds(sb, "<th scope=\"col\" class=\"num\">Cost per FTE £000</th>"
			       "<th scope=\"col\" class=\"num\">Annual cost £000</th></tr></thead><tbody>");
	for (int i = 0; i < wr->npoints && !bad; i++) {
		if (wr->points[i].date != date)
			continue;
		const struct workforce_need *n = &wr->points[i].need;
		for (int ro = 0; ro < PROG_NROLES && !bad; ro++)
			for (int c = 0; c < PROG_NCONTRACTS && !bad; c++) {
				char buf[48];
				bad |= strbuf_adds(sb, "<tr>");
				bad |= row_head(sb, ro == PROG_SOCIAL_WORKER ? "Social workers" : "Managers", NULL);
				bad |= cell(sb, workforce_contract_names[c], 0, NULL);
				html_number(buf, sizeof buf, (double)n->fte[ro][c], 0);
				bad |= cell(sb, buf, 1, NULL);
				for (int g = 0; gap && g < wr->npoints; g++) {
					if (wr->points[g].date != date)
						continue;
					double est = wr->establishment[ro][c];
					value_text(buf, sizeof buf, est);
					bad |= cell(sb, buf, 1, NULL);
					double d = (double)wr->points[g].need.fte[ro][c] - est;
					char v[40];
					value_text(v, sizeof v, d);
					snprintf(buf, sizeof buf, "%s%s", d > 0 ? "+" : "", v);
					bad |= cell(sb, buf, 1, NULL);
				}
				k_text(pg, buf, sizeof buf, wr->has_cost[ro][c] ? wr->cost_per_fte[ro][c] : NAN);
				bad |= cell(sb, buf, 1, NULL);
				k_text(pg, buf, sizeof buf, wr->has_cost[ro][c] ? n->cost[ro][c] : NAN);
				bad |= cell(sb, buf, 1, NULL);
				bad |= strbuf_adds(sb, "</tr>");
			}
	}
	return bad | strbuf_adds(sb, "</tbody></table></div>");
}

/* The requirement month by month, with the establishment as flat lines. */
static int workforce_chart(const struct prog_page *pg, const struct workforce_result *wr, struct cf_error *err)
{
	int n = wr->npoints, gap = wr->has_establishment;
	char (*labels)[16] = malloc((size_t)n * sizeof *labels);
	const char **ptrs = malloc((size_t)n * sizeof *ptrs);
	double *v = malloc((size_t)n * 4 * sizeof *v);
	struct cf_table *t = cf_table_new("Programme workforce by month");
	struct strbuf desc = STRBUF_INIT;
	int bad = !labels || !ptrs || !v || !t, nseries = gap ? 4 : 2;
	double est[2] = { 0, 0 };   /* social workers, managers: every contract, at each point dated as the first */
	for (int g = 0; gap && g < n; g++)
		if (wr->points[g].date == wr->points[0].date)
			for (int ro = 0; ro < PROG_NROLES; ro++)
				for (int c = 0; c < PROG_NCONTRACTS; c++)
					est[ro == PROG_SOCIAL_WORKER ? 0 : 1] += wr->establishment[ro][c];
	if (!bad) {
		bad |= cf_table_add_column(t, "month", CF_CELL_TEXT, 0) < 0;
		bad |= cf_table_add_column(t, "cases", CF_CELL_REAL, 0) < 0;
		bad |= cf_table_add_column(t, "social workers", CF_CELL_INT, 0) < 0;
		bad |= cf_table_add_column(t, "managers", CF_CELL_INT, 0) < 0;
	}
	for (int i = 0; i < n && !bad; i++) {
		const struct workforce_point *pt = &wr->points[i];
		int y, m, d;
		if (pt->date != CF_DATE_NONE) {
			cf_date_to_ymd(pt->date, &y, &m, &d);
			snprintf(labels[i], 16, "%s %d", month_names[m - 1], y);
		} else {
			labels[i][0] = '\0';
		}
		ptrs[i] = labels[i];
		v[i] = (double)pt->need.role_fte[PROG_SOCIAL_WORKER];
		v[n + i] = (double)pt->need.role_fte[PROG_MANAGER];
		v[2 * n + i] = est[0];
		v[3 * n + i] = est[1];
		long r = cf_table_add_row(t);
		if (r < 0 || cf_table_set_text(t, (size_t)r, 0, labels[i])) {
			bad = 1;
			break;
		}
		cf_table_set_real(t, (size_t)r, 1, pt->need.cases);
		cf_table_set_int(t, (size_t)r, 2, (long long)v[i]);
		cf_table_set_int(t, (size_t)r, 3, (long long)v[n + i]);
	}
	if (!bad) {
		bad |= strbuf_addf(&desc, "Social workers and managers the caseload needs, month by month, from %s "
					  "(social workers %.0f, managers %.0f) to %s (%.0f, %.0f)",
				   labels[0], v[0], v[n], labels[n - 1], v[n - 1], v[2 * n - 1]);
		if (gap)
			bad |= strbuf_addf(&desc, ", against an establishment of %.1f social workers and %.1f managers "
						  "(flat lines)", est[0], est[1]);
		bad |= strbuf_adds(&desc, ".");
		char id[16];
		/* short names: four legend items fit across the chart */
		struct svg_series ser[4] = { { "social workers", v }, { "managers", v + n },
					     { "SW establishment", v + 2 * n }, { "manager establishment", v + 3 * n } };
		struct svg_chart ch = { .id = report_next_id(pg->rc, id), .title = "Workforce requirement by month",
					.desc = strbuf_str(&desc), .y_label = "FTE", .labels = ptrs, .n = n,
					.series = ser, .nseries = nseries, .reference = NAN };
		bad |= report_figure(pg->rc, 'l', &ch, t);
	}
	strbuf_release(&desc);
	cf_table_free(t);
	free(labels);
	free(ptrs);
	free(v);
	return bad ? OOM() : CF_OK;
}

static int workforce_section(struct prog_page *pg, struct cf_error *err)
{
	struct report_ctx *rc = pg->rc;
	const struct workforce_result *wr = rc->in->prog_workforce;
	int r = CF_OK;
	int bad = heading(rc, "Workforce requirement against establishment");
	if (wr->npoints) {
		const struct workforce_point *at = &wr->points[peak_point(wr)];
		const struct workforce_need *need = &at->need;
		char when[64] = "", cases[32], cost_k[48], buf[900], src[120] = "";
		if (wr->npoints > 1) {
			char d[16];
			day_label(at->date, d);
			snprintf(when, sizeof when, "At the peak, %s, ", d);
		}
		html_number(cases, sizeof cases, need->cases, 0);
		cost_k[0] = '\0';
		if (wr->costed) {
			char k[32];
			k_text(pg, k, sizeof k, need->total_cost);
			snprintf(cost_k, sizeof cost_k, "; annual cost £%sk", k);
		}
		double sw = (double)need->role_fte[PROG_SOCIAL_WORKER], mgr = (double)need->role_fte[PROG_MANAGER];
		snprintf(buf, sizeof buf,
			 "%s%s cases at a caseload standard of %g per social worker and a span of control of %g need "
			 "%.0f social worker%s and %.0f manager%s (%.0f FTE), of whom at most %.0f and %.0f agency (cap %g%%)%s.",
			 when, cases, wr->caseload_standard, wr->span, sw, sw == 1 ? "" : "s", mgr, mgr == 1 ? "" : "s",
			 sw + mgr, (double)need->fte[PROG_SOCIAL_WORKER][PROG_AGENCY],
			 (double)need->fte[PROG_MANAGER][PROG_AGENCY], wr->agency_cap * 100, cost_k);
		bad |= strbuf_adds(rc->html, "<p>") || html_text(rc->html, buf) || strbuf_adds(rc->html, "</p>");
		if (wr->has_establishment)
			snprintf(src, sizeof src, "; establishment from the %s", wr->establishment_source);
		snprintf(buf, sizeof buf, "Requirement%s by role and contract%s", wr->npoints > 1 ? " at the peak" : "",
			 src);
		bad |= workforce_table(pg, wr, at->date, buf);
		if (!wr->has_establishment)
			bad |= note(rc, "No establishment to compare with: load a workforce census (caseflow ingest) or give "
					"establishment rows in the workforce sheet.");
		if (bad)
			r = OOM();
		if (!r && wr->npoints > 1)
			r = workforce_chart(pg, wr, err);
	}
	if (bad && !r)
		r = OOM();
	struct cf_table *tables[MAX_TABLES];
	int n = 0;
	if (!r)
		r = workforce_result_tables(wr, tables, &n, err);
	static const char *const keep[] = { "workforce_requirement", "workforce_cost", "workforce_gap", NULL };
	return hand_over(rc, tables, n, keep, r, err);
}

/* --- the panel ------------------------------------------------------------------ */

static int intro(struct prog_page *pg, const struct programme_entry *list, int nlist, const char *shown_at)
{
	struct report_ctx *rc = pg->rc;
	const struct programme *p = pg->p;
	struct strbuf buf = STRBUF_INIT;
	char asof[16], fy[16];
	day_label(pg->as_of, asof);
	int bad = strbuf_addf(&buf, "%s, loaded %.10s. Money in £000", p->name, shown_at);
	if (p->first_year) {
		year_label(p, 0, fy);
		bad |= strbuf_addf(&buf, "; year 0 is %s", fy);
	}
	bad |= strbuf_addf(&buf, ". Benefits and milestones are judged on %s (%s).", asof,
			   pg->rc->opt->as_of ? "--as-of" : pg->as_of < pg->rc->period.to ? "the last day of the data" : "the end of the report period");
	const char *missing[4];
	int nmissing = 0;
	if (!p->ncosts && !p->nsavings)
		missing[nmissing++] = "business case (costs, savings)";
	if (!p->nbenefits)
		missing[nmissing++] = "benefits";
	if (!p->nmilestones)
		missing[nmissing++] = "milestones";
	if (!p->cba.present)
		missing[nmissing++] = "cost-benefit analysis";
	for (int i = 0; i < nmissing; i++)
		bad |= strbuf_addf(&buf, "%s%s", i ? ", " : " Not in this programme: ", missing[i]);
	if (!p->workforce.present)
		bad |= strbuf_addf(&buf, "%s%s", nmissing ? ", " : " Not in this programme: ", "workforce model");
	if (nmissing || !p->workforce.present)
		bad |= strbuf_adds(&buf, ".");
	bad |= strbuf_adds(rc->html, "<p>") || html_text(rc->html, strbuf_str(&buf)) || strbuf_adds(rc->html, "</p>");
	if (nlist > 1) {
		strbuf_reset(&buf);
		bad |= strbuf_adds(&buf, "Also in the store:");
		int k = 0;
		for (int i = 0; i < nlist; i++)
			if (strcmp(list[i].name, p->name) != 0)
				bad |= strbuf_addf(&buf, "%s '%s' (loaded %.10s)", k++ ? "," : "", list[i].name, list[i].loaded_at);
		bad |= strbuf_addf(&buf, ". This page shows %s; caseflow report --programme NAME shows another, and "
					 "caseflow programme show --name NAME any of them in full.",
				   rc->opt->programme ? "the programme asked for" : "the one loaded last");
		bad |= note(rc, strbuf_str(&buf));
	}
	strbuf_release(&buf);
	return bad;
}

/* The day the programme is judged on: --as-of, else the period's end, or
 * the data's end when that comes first, so that no benefit is judged on
 * months the returns do not reach. */
static cf_date judged_on(const struct report_ctx *rc)
{
	if (rc->opt->as_of)
		return rc->opt->as_of;
	cf_date end = rc->data ? kpi_data_end(rc->data) : CF_DATE_NONE;
	return end != CF_DATE_NONE && end < rc->period.to ? end : rc->period.to;
}

int report_panel_programme(struct report_ctx *rc, struct cf_error *err)
{
	const struct report_inputs *in = rc->in;
	if (in->prog_nlist == 0)
		return note(rc, in->prog_note) ? OOM() : CF_OK;
	const struct programme *p = in->programme;
	struct prog_page pg = { .rc = rc, .p = p, .as_of = judged_on(rc),
				.per_thousand = p->unit == PROG_THOUSANDS ? 1 : 0.001,
				.rounded = p->unit == PROG_POUNDS || programme_money_decimals(p) > 0 };
	int r = intro(&pg, in->prog_list, in->prog_nlist, in->prog_loaded_at) ? OOM() : CF_OK;
	if (!r && (p->ncosts || p->nsavings))
		r = business_case_section(&pg, err);
	if (!r && p->nbenefits)
		r = benefits_section(&pg, err);
	if (!r && p->nmilestones)
		r = milestones_section(&pg, err);
	if (!r && p->cba.present)
		r = cba_section(&pg, err);
	if (!r && p->workforce.present)
		r = workforce_section(&pg, err);
	return r;
}

/* The programme's views on the period's end, each when it has it; the
 * benefits from the store's actuals the page shows. */
static int programme_views_make(const struct report_ctx *rc, struct report_inputs *in, struct cf_error *err)
{
	const struct programme *p = in->programme;
	cf_date as_of = judged_on(rc);
	int r = CF_OK;
	if (p->nbenefits) {
		int ncomputed = in->prog_nactuals;
		struct prog_actual *computed = malloc(((size_t)ncomputed + 1) * sizeof *computed);
		if (!computed || !(in->prog_benefits = calloc(1, sizeof *in->prog_benefits))) {
			free(computed);
			return cf_error_set(err, CF_EIO, "out of memory");
		}
		if (ncomputed)
			memcpy(computed, in->prog_actuals, (size_t)ncomputed * sizeof *computed);
		in->prog_withheld = rc->opt->suppress > 0 ? withhold_small(rc, p, computed, &ncomputed) : 0;
		r = benefits_compute(p, computed, ncomputed, as_of, in->prog_benefits, err);
		free(computed);
	}
	if (!r && p->nmilestones)
		r = (in->prog_milestones = calloc(1, sizeof *in->prog_milestones))
			    ? milestones_compute(p, as_of, in->prog_milestones, err)
			    : cf_error_set(err, CF_EIO, "out of memory");
	if (!r && p->cba.present)
		r = (in->prog_cba = calloc(1, sizeof *in->prog_cba)) ? cba_analyse(&p->cba, in->prog_cba, err)
								       : cf_error_set(err, CF_EIO, "out of memory");
	if (!r && p->workforce.present)
		r = (in->prog_workforce = calloc(1, sizeof *in->prog_workforce))
			    ? workforce_compute(p, in->prog_workforce, err)
			    : cf_error_set(err, CF_EIO, "out of memory");
	return r;
}

/* The programme the panel shows (--programme, else the one loaded last),
 * its benefits' actuals from the store when they name indicators, and its
 * views. */
int report_programme_make(const struct report_ctx *rc, struct report_inputs *in, struct cf_error *err)
{
	struct store *st = rc->st;
	const struct report_options *opt = rc->opt;
	int r = programme_list(st, &in->prog_list, &in->prog_nlist, err);
	if (r)
		return r;
	if (in->prog_nlist == 0) {
		snprintf(in->prog_note, sizeof in->prog_note,
			 "No programme is loaded. Load a business case, benefits register, milestones, cost-benefit analysis "
			 "and workforce model with caseflow programme --db %s --load examples/programme (a folder of CSVs or "
			 "a workbook; docs/programme.md) and make the report again.",
			 store_path(st));
		return CF_OK;
	}
	const struct programme_entry *list = in->prog_list;
	const char *name = opt->programme ? opt->programme : list[0].name, *at = list[0].loaded_at;
	for (int i = 0; i < in->prog_nlist; i++)
		if (!strcmp(list[i].name, name))
			at = list[i].loaded_at;
	in->prog_loaded_at = at;
	if (!(in->programme = malloc(sizeof *in->programme)))
		return cf_error_set(err, CF_EIO, "out of memory");
	programme_init(in->programme);
	r = programme_load(st, name, in->programme, err);
	if (!r && in->programme->nbenefits)
		r = programme_indicator_actuals(st, in->programme, 0, &in->prog_actuals, &in->prog_nactuals, NULL,
						in->prog_actuals_notes, sizeof in->prog_actuals_notes, err);
	if (!r)
		r = programme_views_make(rc, in, err);
	return r;
}

void report_programme_release(struct report_inputs *in)
{
	if (in->prog_benefits)
		benefits_result_release(in->prog_benefits);
	if (in->prog_milestones)
		milestones_result_release(in->prog_milestones);
	if (in->prog_cba)
		cba_analysis_release(in->prog_cba);
	if (in->prog_workforce)
		workforce_result_release(in->prog_workforce);
	free(in->prog_benefits);
	free(in->prog_milestones);
	free(in->prog_cba);
	free(in->prog_workforce);
	if (in->programme) {
		programme_release(in->programme);
		free(in->programme);
	}
	programme_list_free(in->prog_list, in->prog_nlist);
	free(in->prog_actuals);
}
