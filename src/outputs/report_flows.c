/* The report's panel of flows between services: caseflow flows' monthly
 * counts over the report's months, step-up and step-down in one chart and
 * the moves between child protection, child in need and care in another,
 * with the financial year's shares in words. Under --suppress a count from
 * 1 to N - 1 is a gap in the chart and a blank in the tables. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "outputs/html.h"
#include "outputs/report.h"

enum { FLOWS_WITHIN_DAYS = 28 };   /* caseflow flows' default */

int report_flows_make(const struct report_ctx *rc, struct report_inputs *in, struct cf_error *err)
{
	if (!rc->series || rc->nmonths <= 0)
		return CF_OK;
	cf_date from = rc->series->periods[rc->month0].from, to = rc->series->periods[rc->month0 + rc->nmonths - 1].to;
	int r = flows_compute(rc->st, rc->data, from, to, FLOWS_WITHIN_DAYS, &in->flows, err);
	if (r)
		return r;
	for (int m = 0; m < in->flows.nmonths && !in->flows_loaded; m++)
		for (int f = 0; f < FLOW_N; f++)
			in->flows_loaded |= in->flows.base[m][f] > 0;
	return CF_OK;
}

void report_flows_release(struct report_inputs *in)
{
	flows_free(&in->flows);
	memset(&in->flows, 0, sizeof in->flows);
	in->flows_loaded = 0;
}

/* A count as the page may show it: NAN under --suppress when 1..N-1. */
static double shown(long count, long suppress)
{
	return suppress > 0 && count > 0 && count < suppress ? NAN : (double)count;
}

/* What each flow is a share of, in words (flow_bases names them for CSV). */
static const char *const base_words[FLOW_N] = {
	"referrals", "CIN closures", "CP plans ended", "starts in care", "periods of care ended", "early help starts",
};

/* The financial year (its first calendar year) of a month "2023-04". */
static int month_fy(const char *ym)
{
	int y = 0, m = 1;
	sscanf(ym, "%d-%d", &y, &m);
	return m >= 4 ? y : y - 1;
}

/* The financial year's total of each flow is published (the words above
 * the charts), so a month hidden alone in its year could be worked out by
 * subtraction: then the next smallest month of that year is hidden too. */
static void protect_years(const struct flows_result *fr, double *v, int nm)
{
	for (int m0 = 0; m0 < nm;) {
		int m1 = m0, hidden = 0, smallest = -1;
		while (m1 < nm && month_fy(fr->months[m1]) == month_fy(fr->months[m0]))
			m1++;
		for (int m = m0; m < m1; m++) {
			if (isnan(v[m]))
				hidden++;
			else if (smallest < 0 || v[m] < v[smallest])
				smallest = m;
		}
		if (hidden == 1 && smallest >= 0)
			v[smallest] = NAN;
		m0 = m1;
	}
}

static const char *const flow_titles[FLOW_N] = {
	"early help to social care", "social care to early help", "CP plan to CIN", "CP plan to care", "care to CP plan",
	"repeat early help",
};

/* One chart of flows[0..n) by month, with its numbers. */
static int chart(struct report_ctx *rc, const char *title, const int *flows, int n, const char *const *labels,
		 struct cf_table **sheet_out)
{
	const struct flows_result *fr = &rc->in->flows;
	int nm = fr->nmonths > 60 ? 60 : fr->nmonths;
	double values[3][60];
	struct svg_series series[3];
	const char *cols[4] = { "month" };
	struct cf_table *t = cf_table_new(title);
	int bad = !t || cf_table_add_column(t, "month", CF_CELL_TEXT, 0) < 0;
	struct strbuf desc = STRBUF_INIT;
	bad |= strbuf_addf(&desc, "%s, %s to %s, children a month:", title, labels[0], labels[nm - 1]);
	for (int k = 0; k < n && !bad; k++) {
		int peak = -1;
		for (int m = 0; m < nm; m++)
			values[k][m] = shown(fr->count[m][flows[k]], rc->opt->suppress);
		protect_years(fr, values[k], nm);
		for (int m = 0; m < nm; m++)
			if (isfinite(values[k][m]) && (peak < 0 || values[k][m] > values[k][peak]))
				peak = m;
		series[k] = (struct svg_series){ flow_titles[flows[k]], values[k] };
		cols[1 + k] = flow_titles[flows[k]];
		bad |= cf_table_add_column(t, cols[1 + k], CF_CELL_INT, 0) < 0;
		if (peak < 0)
			bad |= strbuf_addf(&desc, "%s %s, none shown", k ? ";" : "", flow_titles[flows[k]]);
		else
			bad |= strbuf_addf(&desc, "%s %s at most %.0f (%s)", k ? ";" : "", flow_titles[flows[k]], values[k][peak],
					   labels[peak]);
	}
	bad |= strbuf_adds(&desc, ".");
	for (int m = 0; m < nm && !bad; m++) {
		long row = cf_table_add_row(t);
		bad |= row < 0 || cf_table_set_text(t, (size_t)row, 0, labels[m]);
		for (int k = 0; k < n && !bad; k++)
			if (isfinite(values[k][m]))
				cf_table_set_int(t, (size_t)row, 1 + k, (long long)values[k][m]);
	}
	char id[16];
	struct svg_chart c = { .id = report_next_id(rc, id), .title = title, .desc = strbuf_str(&desc),
			       .y_label = "children in the month", .labels = labels, .n = nm, .series = series,
			       .nseries = n, .label_every = nm > 36 ? 12 : nm > 18 ? 6 : 3, .reference = NAN };
	bad |= !bad && report_figure(rc, 'l', &c, t);
	strbuf_release(&desc);
	if (bad) {
		cf_table_free(t);
		return -1;
	}
	*sheet_out = t;
	return 0;
}

int report_panel_flows(struct report_ctx *rc, struct cf_error *err)
{
	const struct report_inputs *in = rc->in;
	const struct flows_result *fr = &in->flows;
	if (!in->flows_loaded || fr->nmonths <= 0)
		return strbuf_adds(rc->html, "<p class=\"note\">No referrals, early help, plans or care in the report's "
					     "months: load the CIN census and the early help extract with caseflow ingest.</p>")
			       ? cf_error_set(err, CF_EIO, "out of memory") : CF_OK;
	static const char *const month_names[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
						    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	char labels[60][16];
	const char *label_ptrs[60];
	int nm = fr->nmonths > 60 ? 60 : fr->nmonths;
	for (int m = 0; m < nm; m++) {
		int y = 0, mo = 1;
		sscanf(fr->months[m], "%d-%d", &y, &mo);
		snprintf(labels[m], sizeof labels[m], "%s %02d", month_names[(mo - 1) % 12], y % 100);
		label_ptrs[m] = labels[m];
	}
	/* the period's financial year in words: each flow as a share of what it comes from */
	struct strbuf sb = STRBUF_INIT;
	int fy = cf_date_fy(rc->period.to) - fr->first_fy, bad = 0;
	if (fy >= 0 && fy < fr->nyears) {
		bad |= strbuf_addf(&sb, "In %d-%02d (moves within %d days):", fr->first_fy + fy, (fr->first_fy + fy + 1) % 100,
				   fr->within);
		for (int f = 0; f < FLOW_N && !bad; f++) {
			long c = fr->year_count[fy][f], b = fr->year_base[fy][f];
			if (!b)
				continue;
			if (isnan(shown(c, rc->opt->suppress)) || isnan(shown(b, rc->opt->suppress)))
				bad |= strbuf_addf(&sb, " %s: suppressed (fewer than %ld);", flow_titles[f], rc->opt->suppress);
			else
				bad |= strbuf_addf(&sb, " %s %ld of %ld %s (%.1f%%);", flow_titles[f], c, b, base_words[f],
						   100.0 * (double)c / (double)b);
		}
		bad |= strbuf_adds(&sb, " caseflow flows gives the intervals.");
	}
	if (!bad && strbuf_str(&sb)[0])
		bad |= strbuf_adds(rc->html, "<p class=\"note\">") || html_text(rc->html, strbuf_str(&sb)) ||
		       strbuf_adds(rc->html, "</p>");
	strbuf_release(&sb);
	static const int up_down[] = { FLOW_EH_TO_SC, FLOW_SC_TO_EH, FLOW_REPEAT_EH };
	static const int statutory[] = { FLOW_CP_TO_CIN, FLOW_CP_TO_CARE, FLOW_CARE_TO_CP };
	struct cf_table *sheets[2] = { NULL, NULL };
	/* full width: three series' names need the legend's room */
	bad |= !bad && chart(rc, "Step-up and step-down per month", up_down, 3, label_ptrs, &sheets[0]);
	bad |= !bad && chart(rc, "Child protection, child in need and care per month", statutory, 3, label_ptrs, &sheets[1]);
	int r = bad ? cf_error_set(err, CF_EIO, "out of memory") : CF_OK;
	for (int i = 0; i < 2; i++)
		if (!r)
			r = report_add_sheet(rc, sheets[i], err);
		else
			cf_table_free(sheets[i]);
	return r;
}
