/* The Vital Signs panels: headline tiles, the front-door funnel, monthly
 * trends, ages at entry, placements, localities side by side, workforce,
 * and definitions. Each writes HTML and hands its numbers to the workbook. */
#include "outputs/report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/workforce.h"
#include "outputs/html.h"
#include "store/return_kinds.h"
#include "store/returns.h"

#define OOM() cf_error_set(err, CF_EIO, "out of memory writing the report")

static const char *const month_names[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* The shown count of a cell: NAN when unknown or suppressed. */
static double shown_num(const struct kpi_cell *c)
{
	return c->has_num && !c->num_hidden ? c->num : NAN;
}

static double shown_value(const struct kpi_cell *c)
{
	return c->has_value && !c->suppressed ? c->value : NAN;
}

static void set_maybe(struct cf_table *t, size_t row, int col, double v)
{
	if (isfinite(v))
		cf_table_set_real(t, row, col, v);
}

static struct cf_table *new_table(const char *name, const char *const *cols, const int *types, int n)
{
	struct cf_table *t = cf_table_new(name);
	for (int i = 0; t && i < n; i++) {
		/* rates and shares to one place; counts whole */
		int decimals = strstr(cols[i], "%") || strstr(cols[i], "percent") || strstr(cols[i], "value") ||
			       strstr(cols[i], "caseload") || strstr(cols[i], "change") ? 1 : 0;
		if (cf_table_add_column(t, cols[i], (enum cf_cell_type)types[i], decimals) < 0) {
			cf_table_free(t);
			return NULL;
		}
	}
	return t;
}

static int note(struct report_ctx *rc, const char *text)
{
	return strbuf_adds(rc->html, "<p class=\"note\">") || html_text(rc->html, text) || strbuf_adds(rc->html, "</p>");
}

/* --- headline tiles ------------------------------------------------------------ */

const int report_headline_ids[] = {
	K_CLA_RATE, K_CLA_31MAR, K_CLA_STARTED, K_CPP_RATE, K_CIN_RATE, K_REFERRALS, K_REREFERRAL_12M,
	K_ASSESSMENT_45WD, K_ICPC_15WD, K_CPP_SUBSEQUENT, K_CPP_2YR_ENDED, K_PLACEMENT_3PLUS,
	K_PLACEMENT_LONG_TERM, K_MISSING_CLA, K_CARE_LEAVERS_EET, K_SW_CASELOAD, K_SW_AGENCY_RATE,
	/* the quality of practice (shown when their extracts are loaded) */
	K_VISITS_ON_TIME, K_CP_REVIEWS_ON_TIME, K_AUDITS_GOOD, K_FAMILIES_ONE_PLAN,
};
const int report_nheadlines = (int)(sizeof report_headline_ids / sizeof report_headline_ids[0]);

int report_panel_headlines(struct report_ctx *rc, struct cf_error *err)
{
	static const char *const cols[] = { "indicator", "title", "period", "value", "numerator", "denominator",
					    "previous_period", "previous_value", "change", "direction" };
	static const int types[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL,
				     CF_CELL_TEXT, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_TEXT };
	struct cf_table *t = new_table("Headlines", cols, types, 10);
	struct strbuf *sb = rc->html;
	if (!t)
		return OOM();
	int bad = strbuf_adds(sb, "<div class=\"tiles\">");
	int shown = 0;
	for (int i = 0; i < report_nheadlines && !bad; i++) {
		int id = report_headline_ids[i];
		if (rc->series->omitted[id])
			continue;
		const struct kpi_def *def = &kpi_defs[id];
		const struct kpi_cell *now = report_cell(rc, 0, id), *prev = report_cell(rc, 1, id);
		double v = shown_value(now), pv = shown_value(prev), change = v - pv;
		const char *dir = "no comparison", *cls = "";
		if (isfinite(change)) {
			if (fabs(change) < 1e-9)
				dir = "no change", cls = "";
			else if (def->polarity == KPI_NEUTRAL)
				dir = change > 0 ? "up" : "down";
			else if ((change > 0) == (def->polarity == KPI_HIGHER_BETTER))
				dir = "better", cls = " better";
			else
				dir = "worse", cls = " worse";
		}
		char value[48], buf[48], buf2[48];
		report_format_value(value, sizeof value, now, id);
		bad |= strbuf_addf(sb, "<div class=\"tile%s\"><h3>", cls);
		bad |= html_text(sb, def->title);
		bad |= strbuf_adds(sb, "</h3><p class=\"v\">");
		bad |= html_text(sb, value);
		bad |= strbuf_adds(sb, "</p><p class=\"nd\">");
		if (def->unit != KPI_UNIT_COUNT && now->has_num && now->has_den && !now->suppressed) {
			int fte = (def->flags & KPI_F_LA_ONLY) != 0;
			html_number(buf, sizeof buf, now->num, fte && def->unit != KPI_UNIT_CASES_PER_FTE ? 1 : 0);
			html_number(buf2, sizeof buf2, now->den, fte ? 1 : 0);
			bad |= html_textf(sb, def->unit == KPI_UNIT_PER_10K ? "%s of %s children aged 0-17"
					  : def->unit == KPI_UNIT_CASES_PER_FTE ? "%s cases, %s FTE"
					  : fte ? "%s of %s FTE" : "%s of %s",
					  buf, buf2);
		} else if (def->unit == KPI_UNIT_COUNT) {
			bad |= html_text(sb, id == K_CLA_31MAR ? "children at period end" : "in the period");
		} else {
			bad |= html_text(sb, now->suppressed ? "suppressed" : "no figure");
		}
		bad |= strbuf_adds(sb, "</p><p class=\"chg\">");
		if (isfinite(change)) {
			html_number(buf, sizeof buf, fabs(change), def->unit == KPI_UNIT_COUNT ? 0 : 1);
			bad |= strbuf_addf(sb, "<b>%s %s%s</b> ", change > 0 ? "▲" : change < 0 ? "▼" : "■", buf,
					   def->unit == KPI_UNIT_PERCENT ? " pts" : "");
			bad |= html_textf(sb, "on %s: %s", rc->previous.label, dir);
		} else {
			bad |= html_textf(sb, "no figure for %s to compare", rc->previous.label);
		}
		bad |= strbuf_adds(sb, "</p>");
		if (rc->quality.share[id] > REPORT_QUALITY_WARN) {
			html_number(buf, sizeof buf, 100.0 * rc->quality.share[id], 1);
			bad |= strbuf_adds(sb, "<p class=\"warn\">⚠ ");
			bad |= html_textf(sb, "%s%% of the rows of a table this figure reads have problems: see Data quality", buf);
			bad |= strbuf_adds(sb, " (<a href=\"#quality\">below</a>)</p>");
		}
		bad |= strbuf_adds(sb, "</div>");
		shown++;

		long row = cf_table_add_row(t);
		if (row < 0 || cf_table_set_text(t, (size_t)row, 0, def->id) || cf_table_set_text(t, (size_t)row, 1, def->title) ||
		    cf_table_set_text(t, (size_t)row, 2, rc->period.label) ||
		    cf_table_set_text(t, (size_t)row, 6, rc->previous.label) || cf_table_set_text(t, (size_t)row, 9, dir)) {
			bad = 1;
			break;
		}
		set_maybe(t, (size_t)row, 3, v);
		set_maybe(t, (size_t)row, 4, shown_num(now));
		set_maybe(t, (size_t)row, 5, now->has_den && !now->den_hidden ? now->den : NAN);
		set_maybe(t, (size_t)row, 7, pv);
		set_maybe(t, (size_t)row, 8, change);
	}
	bad |= strbuf_adds(sb, "</div>");
	if (!shown)
		bad |= note(rc, "No indicators could be computed: load returns first (caseflow ingest).");
	else
		bad |= note(rc, "Better or worse is judged by each indicator's direction (for example fewer re-referrals is "
				"better); neutral measures say up or down. Percentages change in percentage points (pts).");
	return report_add_built_sheet(rc, t, bad, err);
}

/* --- the front door ---------------------------------------------------------------- */

int report_panel_funnel(struct report_ctx *rc, struct cf_error *err)
{
	static const struct {
		int id;
		const char *label;
	} steps[] = {
		{ K_CONTACTS, "Contacts" }, { K_REFERRALS, "Referrals" }, { K_ASSESSMENTS, "Assessments" },
		{ K_S47, "S47 enquiries" }, { K_ICPC, "ICPCs" }, { K_CPP_STARTED, "CP plans" },
		{ K_CLA_STARTED, "Into care" },
	};
	enum { NS = sizeof steps / sizeof steps[0] };
	static const char *const cols[] = { "step", "count", "% of step before" };
	static const int types[] = { CF_CELL_TEXT, CF_CELL_REAL, CF_CELL_REAL };
	struct cf_table *t = new_table("Funnel", cols, types, 3);
	if (!t)
		return OOM();
	char labels[NS][96];
	const char *label_ptrs[NS];
	double values[NS];
	int n = 0, bad = 0;
	double prev = NAN;
	struct strbuf desc = STRBUF_INIT;
	bad |= strbuf_addf(&desc, "In %s: ", rc->period.label);
	for (int i = 0; i < NS; i++) {
		if (rc->series->omitted[steps[i].id]) {
			prev = NAN;
			continue;
		}
		double v = shown_num(report_cell(rc, 0, steps[i].id));
		double conv = isfinite(prev) && prev > 0 && isfinite(v) ? 100 * v / prev : NAN;
		char num[48];
		html_number(num, sizeof num, v, 0);
		if (isfinite(conv))
			snprintf(labels[n], sizeof labels[n], "%s (%.0f%%)", steps[i].label, conv);
		else
			snprintf(labels[n], sizeof labels[n], "%s", steps[i].label);
		label_ptrs[n] = labels[n];
		values[n] = v;
		bad |= strbuf_addf(&desc, "%s%s %s", n ? "; " : "", isfinite(v) ? num : "c", steps[i].label);
		if (isfinite(conv))
			bad |= strbuf_addf(&desc, " (%.0f%% of the step before)", conv);
		long row = cf_table_add_row(t);
		if (row < 0 || cf_table_set_text(t, (size_t)row, 0, steps[i].label)) {
			bad = 1;
			break;
		}
		set_maybe(t, (size_t)row, 1, v);
		if (n == 0)
			bad |= cf_table_set_text(t, (size_t)row, 2, "–");   /* no step before: not a suppressed figure */
		else
			set_maybe(t, (size_t)row, 2, conv);
		n++;
		prev = v;
	}
	bad |= strbuf_adds(&desc, ". Percentages are each step's count in the period over the step before it "
				  "(ICPCs: initial child protection conferences; into care: children starting to be looked after).");
	if (!bad && n == 0)
		bad |= note(rc, "No front-door data (contacts, referrals, assessments, s47, plans) is loaded.");
	else if (!bad) {
		char id[16];
		struct svg_series s = { "count", values };
		struct svg_chart c = { .id = report_next_id(rc, id), .title = "From contact to care in the period",
				       .desc = strbuf_str(&desc), .y_label = "children or events in the period",
				       .labels = label_ptrs, .n = n, .series = &s, .nseries = 1, .reference = NAN,
				       .decimals = 0, .suffix = "", .missing_text = "c", .width = 340 };
		bad |= report_figure(rc, 'b', &c, t);
	}
	strbuf_release(&desc);
	return report_add_built_sheet(rc, t, bad, err);
}

/* --- monthly trends --------------------------------------------------------------- */

static void month_label(const struct kpi_period *p, char *buf, size_t size)
{
	int y, m, d;
	cf_date_to_ymd(p->from, &y, &m, &d);
	snprintf(buf, size, "%s %02d", month_names[m - 1], y % 100);
}

/* Extreme values of a series, for the text alternative. */
static void describe_series(struct strbuf *sb, const char *name, const double *v, const char *const *labels, int n)
{
	int first = -1, last = -1, hi = -1, lo = -1;
	for (int i = 0; i < n; i++) {
		if (!isfinite(v[i]))
			continue;
		if (first < 0)
			first = i;
		last = i;
		if (hi < 0 || v[i] > v[hi])
			hi = i;
		if (lo < 0 || v[i] < v[lo])
			lo = i;
	}
	if (first < 0) {
		strbuf_addf(sb, " %s: no figures shown.", name);
		return;
	}
	char a[32], b[32], h[32], l[32];
	html_number(a, sizeof a, v[first], 0);
	html_number(b, sizeof b, v[last], 0);
	html_number(h, sizeof h, v[hi], 0);
	html_number(l, sizeof l, v[lo], 0);
	strbuf_addf(sb, " %s: %s in %s, %s in %s; highest %s (%s), lowest %s (%s).", name, a, labels[first], b,
		    labels[last], h, labels[hi], l, labels[lo]);
}

int report_panel_trends(struct report_ctx *rc, struct cf_error *err)
{
	static const struct {
		const char *title, *unit;
		int ids[2];
		const char *names[2];
	} charts[] = {
		{ "Referrals per month", "referrals in the month", { K_REFERRALS, -1 }, { "referrals", NULL } },
		{ "Children on CP plans and looked after at month end", "children at month end",
		  { K_CPP_RATE, K_CLA_31MAR }, { "on a CP plan", "looked after" } },
		{ "Started and ceased to be looked after per month", "children in the month",
		  { K_CLA_STARTED, K_CLA_CEASED }, { "started", "ceased" } },
		{ "Section 47 enquiries and initial conferences per month", "in the month",
		  { K_S47, K_ICPC }, { "s47 enquiries", "ICPCs" } },
	};
	int nm = rc->nmonths, bad = 0, drawn = 0;
	char labels[60][16];
	const char *label_ptrs[60];
	for (int i = 0; i < nm; i++) {
		month_label(&rc->series->periods[rc->month0 + i], labels[i], sizeof labels[i]);
		label_ptrs[i] = labels[i];
	}
	/* one sheet with every monthly figure */
	static const char *const cols[] = { "month", "referrals", "on a CP plan at month end", "looked after at month end",
					    "started", "ceased", "s47 enquiries", "ICPCs" };
	static const int types[] = { CF_CELL_TEXT, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL,
				     CF_CELL_REAL, CF_CELL_REAL };
	static const int sheet_ids[] = { K_REFERRALS, K_CPP_RATE, K_CLA_31MAR, K_CLA_STARTED, K_CLA_CEASED, K_S47, K_ICPC };
	struct cf_table *sheet = new_table("Monthly trends", cols, types, 8);
	if (!sheet)
		return OOM();
	for (int i = 0; i < nm && !bad; i++) {
		long row = cf_table_add_row(sheet);
		if (row < 0 || cf_table_set_text(sheet, (size_t)row, 0, rc->series->periods[rc->month0 + i].label)) {
			bad = 1;
			break;
		}
		for (int k = 0; k < 7; k++)
			if (!rc->series->omitted[sheet_ids[k]])
				set_maybe(sheet, (size_t)row, 1 + k, shown_num(report_cell(rc, rc->month0 + i, sheet_ids[k])));
	}
	bad |= strbuf_adds(rc->html, "<div class=\"grid2\">");
	for (size_t c = 0; c < sizeof charts / sizeof charts[0] && !bad; c++) {
		double values[2][60];
		struct svg_series series[2];
		int ns = 0;
		const char *tcols[3] = { "month", NULL, NULL };
		int ttypes[3] = { CF_CELL_TEXT, CF_CELL_REAL, CF_CELL_REAL };
		struct strbuf desc = STRBUF_INIT;
		strbuf_addf(&desc, "%s, %s to %s.", charts[c].title, labels[0], labels[nm - 1]);
		for (int k = 0; k < 2; k++) {
			int id = charts[c].ids[k];
			if (id < 0 || rc->series->omitted[id])
				continue;
			for (int i = 0; i < nm; i++)
				values[ns][i] = shown_num(report_cell(rc, rc->month0 + i, id));
			series[ns] = (struct svg_series){ charts[c].names[k], values[ns] };
			tcols[1 + ns] = charts[c].names[k];
			describe_series(&desc, charts[c].names[k], values[ns], label_ptrs, nm);
			ns++;
		}
		if (ns == 0) {
			strbuf_release(&desc);
			continue;
		}
		struct cf_table *t = new_table(charts[c].title, tcols, ttypes, 1 + ns);
		for (int i = 0; t && i < nm; i++) {
			long row = cf_table_add_row(t);
			if (row < 0 || cf_table_set_text(t, (size_t)row, 0, labels[i]))
				break;
			for (int k = 0; k < ns; k++)
				set_maybe(t, (size_t)row, 1 + k, values[k][i]);
		}
		char id[16];
		struct svg_chart chart = { .id = report_next_id(rc, id), .title = charts[c].title, .desc = strbuf_str(&desc),
					   .y_label = charts[c].unit, .labels = label_ptrs, .n = nm, .series = series,
					   .nseries = ns, .label_every = nm > 36 ? 12 : nm > 18 ? 6 : 3, .reference = NAN,
					   .width = 360, .height = 210 };
		bad |= !t || report_figure(rc, 'l', &chart, t);
		cf_table_free(t);
		strbuf_release(&desc);
		drawn++;
	}
	bad |= strbuf_adds(rc->html, "</div>");
	if (!bad && !drawn)
		bad |= note(rc, "No referrals, plans or episodes are loaded to draw trends from.");
	if (bad) {
		cf_table_free(sheet);
		return OOM();
	}
	return report_add_sheet(rc, sheet, err);
}

/* --- ages at entry ------------------------------------------------------------------ */

int report_panel_entry_ages(struct report_ctx *rc, struct cf_error *err)
{
	static const char *const bands[] = { "under 1", "1-4", "5-9", "10-15", "16-17" };
	static const char *const cols[] = { "year", "under 1", "1-4", "5-9", "10-15", "16-17", "all starters",
					    "aged 10+ %" };
	static const int types[] = { CF_CELL_TEXT, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL,
				     CF_CELL_REAL, CF_CELL_REAL };
	if (rc->series->omitted[K_ENTRY_UNDER1])
		return note(rc, "No SSDA903 episodes are loaded.") ? OOM() : CF_OK;
	struct cf_table *t = new_table("Ages at entry", cols, types, 8);
	if (!t)
		return OOM();
	int ny = rc->nyears, bad = 0;
	double values[5][8];
	const char *labels[8];
	struct svg_series series[5];
	struct strbuf desc = STRBUF_INIT;
	strbuf_adds(&desc, "Children starting to be looked after in each year by age at entry.");
	for (int y = 0; y < ny && y < 8; y++) {
		int p = rc->year0 + y;
		labels[y] = rc->series->periods[p].label;
		long row = cf_table_add_row(t);
		if (row < 0 || cf_table_set_text(t, (size_t)row, 0, labels[y])) {
			bad = 1;
			break;
		}
		double teen = 0, total = 0;
		int complete = 1;
		for (int b = 0; b < 5; b++) {
			const struct kpi_cell *c = report_cell(rc, p, K_ENTRY_UNDER1 + b);
			values[b][y] = shown_num(c);
			set_maybe(t, (size_t)row, 1 + b, values[b][y]);
			if (!isfinite(values[b][y]))
				complete = 0;
			else if (b >= 3)
				teen += values[b][y];
			if (b == 0)
				total = c->has_den && !c->den_hidden ? c->den : NAN;
		}
		set_maybe(t, (size_t)row, 6, total);
		if (complete && total > 0) {
			set_maybe(t, (size_t)row, 7, 100 * teen / total);
			strbuf_addf(&desc, " %s: %.0f starters, %.0f%% aged 10 or over.", labels[y], total, 100 * teen / total);
		}
	}
	for (int b = 0; b < 5; b++)
		series[b] = (struct svg_series){ bands[b], values[b] };
	char id[16];
	struct svg_chart chart = { .id = report_next_id(rc, id), .title = "Starters by age at entry, by year",
				   .desc = strbuf_str(&desc), .y_label = "children starting in the year",
				   .labels = labels, .n = ny < 8 ? ny : 8, .series = series, .nseries = 5, .reference = NAN,
				   .width = 560, .height = 240 };
	bad |= report_figure(rc, 's', &chart, t);
	strbuf_release(&desc);
	return report_add_built_sheet(rc, t, bad, err);
}

/* --- placements ------------------------------------------------------------------- */

int report_panel_placements(struct report_ctx *rc, struct cf_error *err)
{
	static const int ids[] = { K_MIX_FOSTER, K_MIX_RESIDENTIAL, K_MIX_ADOPTION, K_MIX_PARENTS, K_MIX_INDEPENDENT,
				   K_MIX_OTHER, K_MIX_INHOUSE, K_MIX_EXTERNAL };
	enum { NI = sizeof ids / sizeof ids[0] };
	if (rc->series->omitted[K_MIX_FOSTER])
		return note(rc, "No SSDA903 episodes are loaded.") ? OOM() : CF_OK;
	static const char *const cols[] = { "placement", "children", "share %" };
	static const int types[] = { CF_CELL_TEXT, CF_CELL_REAL, CF_CELL_REAL };
	struct cf_table *t = new_table("Placements", cols, types, 3);
	if (!t)
		return OOM();
	int bad = 0;
	double values[NI];
	const char *labels[NI];
	struct strbuf desc = STRBUF_INIT;
	char end[11];
	cf_date_format(rc->period.to, end);
	char total[32];
	const struct kpi_cell *all = report_cell(rc, 0, K_MIX_FOSTER);
	html_number(total, sizeof total, all->has_den && !all->den_hidden ? all->den : NAN, 0);
	strbuf_addf(&desc, "The %s children looked after on %s by placement:", total, end);
	static const char *const short_names[NI] = { "Foster", "Residential", "Placed for adoption", "With parents",
						     "Independent living", "Other", "In-house provider", "External provider" };
	for (int i = 0; i < NI; i++) {
		const struct kpi_cell *c = report_cell(rc, 0, ids[i]);
		labels[i] = short_names[i];
		values[i] = shown_value(c);
		long row = cf_table_add_row(t);
		if (row < 0 || cf_table_set_text(t, (size_t)row, 0, labels[i])) {
			bad = 1;
			break;
		}
		set_maybe(t, (size_t)row, 1, shown_num(c));
		set_maybe(t, (size_t)row, 2, values[i]);
		if (isfinite(values[i]))
			strbuf_addf(&desc, "%s %s %.1f%%", i ? ";" : "", labels[i], values[i]);
	}
	strbuf_adds(&desc, ". In-house is the LA's own provision (PR1); external is other LAs, public, private and "
			   "voluntary providers (PR2-PR5).");
	char id[16];
	struct svg_series s = { "share", values };
	struct svg_chart chart = { .id = report_next_id(rc, id), .title = "Placement mix at period end",
				   .desc = strbuf_str(&desc), .y_label = "% of children looked after", .labels = labels,
				   .n = NI, .series = &s, .nseries = 1, .reference = NAN, .decimals = 1, .suffix = "%",
				   .missing_text = rc->opt->suppress > 0 ? "c" : "–", .width = 340 };
	bad |= report_figure(rc, 'b', &chart, t);
	bad |= note(rc, "Placement costs are not shown: no unit costs are loaded in the store.");
	strbuf_release(&desc);
	return report_add_built_sheet(rc, t, bad, err);
}

/* --- localities ---------------------------------------------------------------------- */

static const int locality_ids[] = {
	K_CLA_RATE, K_CPP_RATE, K_CIN_RATE, K_CLA_STARTED_RATE, K_REREFERRAL_12M, K_ASSESSMENT_45WD,
	K_PLACEMENT_3PLUS, K_MISSING_CLA,
};

int report_panel_localities(struct report_ctx *rc, struct cf_error *err)
{
	const struct kpi_result *r = rc->by_locality;
	if (r->ngroups <= 2 && rc->data->reg.nlocalities == 0)
		return note(rc, "No localities are loaded (a localities table mapping postcode sectors or wards to "
				"the council's areas).") ? OOM() : CF_OK;
	static const char *const cols[] = { "indicator", "locality", "numerator", "denominator", "value", "suppressed" };
	static const int types[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_BOOL };
	struct cf_table *sheet = new_table("Localities", cols, types, 6);
	if (!sheet)
		return OOM();
	int bad = strbuf_adds(rc->html, "<div class=\"grid2\">");
	for (size_t k = 0; k < sizeof locality_ids / sizeof locality_ids[0] && !bad; k++) {
		int id = locality_ids[k];
		if (r->omitted[id])
			continue;
		const struct kpi_def *def = &kpi_defs[id];
		double values[256];
		const char *labels[256];
		int n = 0;
		static const char *const tcols[] = { "locality", "count", "of", "value" };
		static const int ttypes[] = { CF_CELL_TEXT, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL };
		struct cf_table *t = new_table(def->title, tcols, ttypes, 4);
		struct strbuf desc = STRBUF_INIT;
		char la[48];
		report_format_value(la, sizeof la, kpi_result_cell(r, 0, id, 0), id);
		strbuf_addf(&desc, "%s by locality, %s (LA %s):", def->title, rc->period.label, la);
		for (int g = 0; t && g < r->ngroups && n < 256; g++) {
			if (!r->group_used[g])
				continue;
			const struct kpi_cell *c = kpi_result_cell(r, 0, id, g);
			long row = cf_table_add_row(t), srow = cf_table_add_row(sheet);
			if (row < 0 || srow < 0 || cf_table_set_text(t, (size_t)row, 0, g ? r->groups[g] : "LA") ||
			    cf_table_set_text(sheet, (size_t)srow, 0, def->id) ||
			    cf_table_set_text(sheet, (size_t)srow, 1, g ? r->groups[g] : "all")) {
				bad = 1;
				break;
			}
			double num = shown_num(c), den = c->has_den && !c->den_hidden ? c->den : NAN, v = shown_value(c);
			set_maybe(t, (size_t)row, 1, num);
			set_maybe(t, (size_t)row, 2, den);
			set_maybe(t, (size_t)row, 3, v);
			set_maybe(sheet, (size_t)srow, 2, num);
			set_maybe(sheet, (size_t)srow, 3, den);
			set_maybe(sheet, (size_t)srow, 4, v);
			cf_table_set_bool(sheet, (size_t)srow, 5, c->suppressed);
			if (g == 0)
				continue;
			labels[n] = r->groups[g];
			values[n++] = v;
			char vb[48];
			report_format_value(vb, sizeof vb, c, id);
			strbuf_addf(&desc, "%s %s %s", n > 1 ? ";" : "", r->groups[g], vb);
		}
		strbuf_adds(&desc, ".");
		const struct kpi_cell *lac = kpi_result_cell(r, 0, id, 0);
		char id_buf[16], ref[64];
		snprintf(ref, sizeof ref, "LA %s", la);
		struct svg_series s = { def->title, values };
		struct svg_chart chart = { .id = report_next_id(rc, id_buf), .title = def->title, .desc = strbuf_str(&desc),
					   .y_label = def->unit == KPI_UNIT_PER_10K ? "per 10,000 children aged 0-17"
						    : def->unit == KPI_UNIT_PERCENT ? "%" : kpi_unit_names[def->unit],
					   .labels = labels, .n = n, .series = &s, .nseries = 1,
					   .reference = shown_value(lac), .reference_label = ref,
					   .decimals = def->unit == KPI_UNIT_COUNT ? 0 : 1,
					   .suffix = def->unit == KPI_UNIT_PERCENT ? "%" : "",
					   .missing_text = rc->opt->suppress > 0 ? "c" : "–", .width = 300 };
		bad |= !t || report_figure(rc, 'b', &chart, t);
		cf_table_free(t);
		strbuf_release(&desc);
	}
	bad |= strbuf_adds(rc->html, "</div>");
	bad |= note(rc, "Each bar is a locality; the dashed line is the LA as a whole. Children are placed in the locality "
			"of their most recent home area; \"unknown\" holds those with no area on record. Every indicator by "
			"locality is in indicators.csv and the workbook.");
	if (bad) {
		cf_table_free(sheet);
		return OOM();
	}
	return report_add_sheet(rc, sheet, err);
}

/* --- workforce ---------------------------------------------------------------------- */

int report_panel_workforce(struct report_ctx *rc, struct cf_error *err)
{
	static const int ids[] = { K_SW_CASELOAD, K_SW_AGENCY_RATE, K_SW_TURNOVER, K_SW_VACANCY };
	static const char *const names[] = { "caseload (cases per FTE)", "agency %", "turnover %", "vacancy %" };
	if (rc->series->omitted[K_SW_CASELOAD])
		return note(rc, "No social work workforce census is loaded.") ? OOM() : CF_OK;
	static const int types[] = { CF_CELL_TEXT, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL };
	const char *cols[] = { "year", names[0], names[1], names[2], names[3] };
	struct cf_table *t = new_table("Workforce", cols, types, 5);
	const char *cols1[] = { "year", names[0] }, *cols2[] = { "year", names[1], names[2], names[3] };
	struct cf_table *t1 = new_table("Caseload", cols1, types, 2), *t2 = new_table("Rates", cols2, types, 4);
	int ny = rc->nyears < 8 ? rc->nyears : 8, bad = !t || !t1 || !t2;
	double values[4][8];
	const char *labels[8];
	char census[8][16];
	for (int y = 0; y < ny && !bad; y++) {
		int p = rc->year0 + y;
		const struct kpi_period *per = &rc->series->periods[p];
		labels[y] = per->label;
		if (per->kind == KPI_YEAR) {   /* the census the year's figures come from, as every census is named */
			int fy, m, d;
			cf_date_to_ymd(per->from, &fy, &m, &d);
			workforce_census_label(workforce_census_year_of_fy(fy), census[y], sizeof census[y]);
			labels[y] = census[y];
		}
		long row = cf_table_add_row(t), r1 = cf_table_add_row(t1), r2 = cf_table_add_row(t2);
		if (row < 0 || r1 < 0 || r2 < 0 || cf_table_set_text(t, (size_t)row, 0, labels[y]) ||
		    cf_table_set_text(t1, (size_t)r1, 0, labels[y]) || cf_table_set_text(t2, (size_t)r2, 0, labels[y])) {
			bad = 1;
			break;
		}
		for (int k = 0; k < 4; k++) {
			values[k][y] = shown_value(report_cell(rc, p, ids[k]));
			set_maybe(t, (size_t)row, 1 + k, values[k][y]);
			if (k == 0)
				set_maybe(t1, (size_t)r1, 1, values[k][y]);
			else
				set_maybe(t2, (size_t)r2, k, values[k][y]);
		}
	}
	/* the period's figures as tiles, then the years as charts */
	bad |= strbuf_adds(rc->html, "<div class=\"tiles\">");
	for (int k = 0; k < 4 && !bad; k++) {
		char v[48];
		report_format_value(v, sizeof v, report_cell(rc, 0, ids[k]), ids[k]);
		bad |= strbuf_adds(rc->html, "<div class=\"tile\"><h3>");
		bad |= html_text(rc->html, kpi_defs[ids[k]].title);
		bad |= strbuf_adds(rc->html, "</h3><p class=\"v\">");
		bad |= html_text(rc->html, v);
		bad |= strbuf_adds(rc->html, "</p><p class=\"nd\">");
		bad |= html_text(rc->html, k == 0 ? "cases per case-holding FTE (standard: 15 or fewer)"
					 : k == 1 ? "of FTE (standard: 15% or less)" : "of FTE");
		bad |= strbuf_adds(rc->html, "</p></div>");
	}
	bad |= strbuf_adds(rc->html, "</div><div class=\"grid2\">");
	struct strbuf desc = STRBUF_INIT;
	strbuf_adds(&desc, "Social worker caseload at each census (30 September) shown:");
	for (int y = 0; y < ny; y++)
		if (isfinite(values[0][y]))
			strbuf_addf(&desc, " %s %.1f;", labels[y], values[0][y]);
	strbuf_adds(&desc, " the programme standard is 15 or fewer.");
	char id[16];
	struct svg_series s1 = { "caseload", values[0] };
	struct svg_chart c1 = { .id = report_next_id(rc, id), .title = "Caseload per case-holding social worker",
				.desc = strbuf_str(&desc), .y_label = "cases per FTE", .labels = labels, .n = ny,
				.series = &s1, .nseries = 1, .label_every = 1, .reference = NAN, .width = 360, .height = 200 };
	if (!bad)
		bad |= report_figure(rc, 'l', &c1, t1);
	strbuf_reset(&desc);
	strbuf_adds(&desc, "Agency, turnover and vacancy rates (% of FTE) at each census:");
	static const char *const short_names[] = { "agency", "turnover", "vacancy" };
	for (int k = 1; k < 4; k++)
		for (int y = 0; y < ny; y++)
			if (isfinite(values[k][y]))
				strbuf_addf(&desc, " %s %s %.1f%%;", short_names[k - 1], labels[y], values[k][y]);
	struct svg_series s2[3] = { { "agency", values[1] }, { "turnover", values[2] }, { "vacancy", values[3] } };
	struct svg_chart c2 = { .id = report_next_id(rc, id), .title = "Agency, turnover and vacancy rates",
				.desc = strbuf_str(&desc), .y_label = "% of FTE", .labels = labels, .n = ny,
				.series = s2, .nseries = 3, .label_every = 1, .reference = NAN, .width = 360, .height = 200 };
	if (!bad)
		bad |= report_figure(rc, 'l', &c2, t2);
	bad |= strbuf_adds(rc->html, "</div>");
	strbuf_release(&desc);
	cf_table_free(t1);
	cf_table_free(t2);
	return report_add_built_sheet(rc, t, bad, err);
}

/* --- definitions and notes --------------------------------------------------------------- */

int report_panel_notes(struct report_ctx *rc, struct cf_error *err)
{
	struct strbuf *sb = rc->html;
	int bad = 0;
	const char *notes = rc->series->notes;
	for (const char *n = notes; *n && !bad;) {
		size_t len = strcspn(n, "\n");
		char line[512];
		snprintf(line, sizeof line, "%.*s.", (int)len, n);
		bad |= note(rc, line);
		n += len + (n[len] == '\n');
	}
	if (rc->opt->suppress > 0) {
		char s[300];
		snprintf(s, sizeof s, "Counts below %ld are suppressed (c), with every figure derived from them, and so is any "
			 "other cell that would let a suppressed one be worked out from a total.", rc->opt->suppress);
		bad |= note(rc, s);
	}
	/* what is loaded */
	struct return_kind_total *held;
	int nheld;
	if (returns_kind_totals(rc->st, &held, &nheld, err) == CF_OK) {
		bad |= strbuf_adds(sb, "<div class=\"tbl\"><table class=\"data\" style=\"width:auto\"><caption>Returns in the store</caption><thead><tr>"
				       "<th scope=\"col\">kind</th><th scope=\"col\">collection years</th>"
				       "<th scope=\"col\" class=\"num\">files</th><th scope=\"col\" class=\"num\">rows</th></tr></thead><tbody>");
		for (int i = 0; i < nheld; i++) {
			char year[32], files[32], rows[32];
			int y0 = held[i].first_year, y1 = held[i].last_year;
			if (y1 && return_kind_parse(held[i].kind) == RETURN_CSWW_CENSUS) {
				/* a census's year is its 30 September, as the workforce panel names it */
				char a[16], b[16];
				workforce_census_label(y0, a, sizeof a);
				workforce_census_label(y1, b, sizeof b);
				if (y0 == y1)
					snprintf(year, sizeof year, "%s", b);
				else
					snprintf(year, sizeof year, "%s to %s", a, b);
			} else if (!y1)
				snprintf(year, sizeof year, "–");
			else if (y0 == y1)
				snprintf(year, sizeof year, "%d-%02d", y1 - 1, y1 % 100);
			else
				snprintf(year, sizeof year, "%d-%02d to %d-%02d", y0 - 1, y0 % 100, y1 - 1, y1 % 100);
			html_number(files, sizeof files, (double)held[i].files, 0);
			html_number(rows, sizeof rows, (double)held[i].rows, 0);
			bad |= strbuf_adds(sb, "<tr><th scope=\"row\">");
			bad |= html_text(sb, held[i].kind);
			bad |= strbuf_addf(sb, "</th><td>%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>",
					   year, files, rows);
		}
		returns_kind_totals_free(held, nheld);
		bad |= strbuf_adds(sb, "</tbody></table></div>");
	} else {
		return err->status;
	}
	bad |= strbuf_adds(sb, "<h3>Definitions</h3><div class=\"defs\">");
	static const char *const cols[] = { "indicator", "title", "unit", "polarity", "definition" };
	static const int types[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT };
	struct cf_table *t = new_table("Definitions", cols, types, 5);
	if (!t)
		return OOM();
	static const char *const polarity[] = { "neutral", "higher is better", "lower is better" };
	for (int id = 0; id < K_N; id++) {
		const struct kpi_def *def = &kpi_defs[id];
		long row = cf_table_add_row(t);
		if (row < 0 || cf_table_set_text(t, (size_t)row, 0, def->id) || cf_table_set_text(t, (size_t)row, 1, def->title) ||
		    cf_table_set_text(t, (size_t)row, 2, kpi_unit_names[def->unit]) ||
		    cf_table_set_text(t, (size_t)row, 3, polarity[def->polarity]) ||
		    cf_table_set_text(t, (size_t)row, 4, def->definition))
			bad = 1;
		if (rc->series->omitted[id])
			continue;
		bad |= strbuf_adds(sb, "<p><b>");
		bad |= html_text(sb, def->id);
		bad |= strbuf_adds(sb, "</b> ");
		bad |= html_text(sb, def->definition);
		bad |= strbuf_adds(sb, "</p>");
	}
	bad |= strbuf_adds(sb, "</div>");
	return report_add_built_sheet(rc, t, bad, err);
	return bad ? OOM() : CF_OK;
}
