/* Assembling the Vital Signs: compute the indicators once, run each panel,
 * write the page, the workbook and the CSV. */
#include "outputs/report.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "outputs/html.h"
#include "outputs/render.h"

/* The page, in order. Add a panel here (its function in its own file). */
const struct report_panel report_panels[] = {
	{ "headlines", "Headlines", report_panel_headlines, 0, 1 },
	{ "quality", "Data quality", report_panel_quality, 0, 0 },
	{ "funnel", "The front door: from contact to care", report_panel_funnel, 1, 1 },
	{ "placements", "Placements", report_panel_placements, 1, 1 },
	{ "trends", "Monthly trends", report_panel_trends, 0, 1 },
	{ "flows", "Step-up and step-down between services", report_panel_flows, 0, 0 },
	{ "entry-ages", "Ages at entry to care", report_panel_entry_ages, 0, 1 },
	{ "workforce", "Workforce", report_panel_workforce, 0, 0 },
	{ "localities", "Localities side by side", report_panel_localities, 0, 0 },
	{ "forecast", "Forecast: children in care and cost", report_panel_forecast, 0, 0 },
	{ "money", "Money: placement spend, budget and unit costs", report_panel_money, 0, 0 },
	{ "sufficiency", "Sufficiency: in-house places against need", report_panel_sufficiency, 0, 0 },
	{ "families", "Families: one family, one worker, one plan", report_panel_families, 0, 0 },
	{ "practice", "Quality of practice: audits and reviews", report_panel_practice, 0, 0 },
	{ "programme", "Programme: business case, benefits and workforce", report_panel_programme, 0, 0 },
	{ "benchmarks", "Compared with statistical neighbours and England", report_panel_benchmarks, 0, 0 },
	{ "trajectories", "Trajectories: targets and actuals", report_panel_trajectories, 0, 0 },
	{ "notes", "Definitions and notes", report_panel_notes, 0, 1 },
	{ NULL, NULL, NULL, 0, 0 },
};

const char report_css[] =
	"*{box-sizing:border-box}"
	"body{font-family:'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;color:#1b1b1b;margin:0;background:#f4f5f7;"
	"font-size:14px;line-height:1.35}"
	"header.top{background:#16365c;color:#fff;padding:14px 24px}"
	"header.top h1{margin:0;font-size:24px}header.top p{margin:3px 0 0;opacity:.9;font-size:13px}"
	"nav{background:#fff;border-bottom:1px solid #d6d9de;padding:6px 24px;font-size:13px}"
	"nav a{margin-right:14px;color:#16365c}"
	".tile .warn{color:#8a4b00;font-size:12px;margin:4px 0 0}"
	"main{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:12px;padding:12px 24px;max-width:1280px}"
	"section.panel{grid-column:1/-1;background:#fff;border:1px solid #d6d9de;border-radius:4px;padding:10px 14px}"
	"section.panel.half{grid-column:auto}"
	"section.panel h2{margin:0 0 8px;font-size:18px;color:#16365c}"
	".tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(175px,1fr));gap:8px}"
	".tile{border:1px solid #d6d9de;border-left:6px solid #8a8f98;padding:6px 8px;border-radius:3px}"
	".tile h3{margin:0;font-size:12.5px;font-weight:600;color:#444}"
	".tile .v{font-size:23px;font-weight:700;margin:1px 0}"
	".tile .nd,.tile .chg{font-size:11.5px;margin:0;color:#444}"
	".tile.better{border-left-color:#1a7f37}.tile.worse{border-left-color:#c0392b}"
	".tile.better .chg b{color:#1a7f37}.tile.worse .chg b{color:#c0392b}"
	/* a chart and its table side by side while they fit, else the table
	 * below: at 1024 px a fixed minimum beside a wide chart widened the page */
	".fig{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start;margin:0 0 8px}"
	".fig figure{flex:0 1 auto;min-width:0;max-width:100%;margin:0}"
	".fig figcaption{font-size:11.5px;color:#333;margin-top:2px}"
	".tbl{overflow-x:auto}.fig .tbl{flex:1 1 150px;min-width:0;max-width:100%;overflow:auto}"
	".grid2{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:4px 18px}"
	"svg.chart{max-width:100%;height:auto;font-size:12px;background:#fff;display:block}"
	"svg .grid{stroke:#e3e5e8}svg .axis{stroke:#555}svg .ref{stroke:#222;stroke-dasharray:4 3}"
	"svg .tick{fill:#444;font-size:11px}svg .unit{fill:#222;font-size:11.5px}svg .lbl{fill:#222;font-size:12px}"
	"svg .val{fill:#222;font-size:11px}svg .lg{fill:#222;font-size:11.5px}"
	"table.data{border-collapse:collapse;font-size:11.5px;width:100%}"
	"table.data caption{text-align:left;font-weight:600;padding:0 0 3px}"
	"table.data th,table.data td{border-bottom:1px solid #e3e5e8;padding:1px 5px;text-align:left;white-space:nowrap}"
	"table.data thead th{position:sticky;top:0;background:#eef1f5}"
	"table.data .num{text-align:right;font-variant-numeric:tabular-nums}"
	"p.note{font-size:12px;color:#444;margin:4px 0}"
	/* the programme's tables are wide (a column a year, words in cells): their
	 * headings and words wrap, figures and a chart's years do not, a chart's
	 * table goes below it when it would not fit beside it whole, and below
	 * 1180 px pairs of tables stack: at 1024 px none scrolls sideways */
	"#programme table.data th,#programme table.data td{white-space:normal}"
	"#programme table.data .num,#programme .fig table.data tbody th{white-space:nowrap}"
	"#programme table.data thead th{vertical-align:bottom}"
	"#programme .fig .tbl{min-width:min-content}"   /* beside its chart while it fits whole, else below */
	"@media (max-width:1180px){#programme .grid2{grid-template-columns:minmax(0,1fr)}}"
	".defs{columns:2;column-gap:24px;font-size:11.5px}.defs p{margin:0 0 4px;break-inside:avoid}"
	"footer{padding:4px 24px 20px;font-size:12px;color:#555}"
	"@page{size:A4;margin:12mm}"
	"@media print{body{background:#fff;font-size:10pt}nav{display:none}main{display:block;padding:0;max-width:none}"
	"header.top{background:#fff;color:#000;padding:0 0 8px;border-bottom:2px solid #16365c}"
	"section.panel{border:0;padding:0;margin:0 0 10px;break-inside:avoid-page;page-break-inside:avoid}"
	".fig{break-inside:avoid}.tbl,.fig .tbl{max-height:none!important;overflow:visible}"
	".grid2{display:block}.tiles{grid-template-columns:repeat(4,1fr)}}";

const struct kpi_cell *report_cell(const struct report_ctx *rc, int p, int id)
{
	return kpi_result_cell(rc->series, p, id, 0);
}

const char *report_next_id(struct report_ctx *rc, char buf[16])
{
	snprintf(buf, 16, "c%d", ++rc->seq);
	return buf;
}

void report_format_value(char *buf, size_t size, const struct kpi_cell *c, int id)
{
	if (c->suppressed) {
		snprintf(buf, size, "c");
		return;
	}
	if (!c->has_value) {
		snprintf(buf, size, "–");
		return;
	}
	enum kpi_unit u = kpi_defs[id].unit;
	html_number(buf, size, c->value, u == KPI_UNIT_COUNT ? 0 : 1);
	if (u == KPI_UNIT_PERCENT)
		strncat(buf, "%", size - strlen(buf) - 1);
}

int report_add_sheet(struct report_ctx *rc, struct cf_table *t, struct cf_error *err)
{
	if (!t)
		return cf_error_set(err, CF_EIO, "out of memory");
	if (rc->nsheets == (int)(sizeof rc->sheets / sizeof rc->sheets[0])) {
		cf_table_free(t);
		return cf_error_set(err, CF_EIO, "too many sheets in the workbook");
	}
	rc->sheets[rc->nsheets++] = t;
	return CF_OK;
}

int report_add_built_sheet(struct report_ctx *rc, struct cf_table *t, int bad, struct cf_error *err)
{
	if (bad) {
		cf_table_free(t);
		return cf_error_set(err, CF_EIO, "out of memory writing the report");
	}
	return report_add_sheet(rc, t, err);
}

int report_figure(struct report_ctx *rc, int kind, struct svg_chart *chart, const struct cf_table *numbers)
{
	struct strbuf *sb = rc->html;
	int w = chart->width ? chart->width : 620, h = svg_chart_height(chart, kind);
	int bad = strbuf_addf(sb, "<div class=\"fig\"><figure style=\"max-width:%dpx\">", w);
	switch (kind) {
	case 'l': bad |= svg_line_chart(sb, chart); break;
	case 'b': bad |= svg_bar_chart(sb, chart); break;
	default: bad |= svg_stacked_columns(sb, chart); break;
	}
	bad |= strbuf_adds(sb, "<figcaption>");
	bad |= html_text(sb, chart->desc ? chart->desc : chart->title);
	bad |= strbuf_addf(sb, "</figcaption></figure><div class=\"tbl\" style=\"max-height:%dpx\">", h + 40);
	if (numbers)
		bad |= html_table_bare(sb, numbers, chart->title, rc->opt->suppress > 0 ? "c" : "–");
	bad |= strbuf_adds(sb, "</div></div>");
	return bad ? -1 : 0;
}

int report_figure_open(struct report_ctx *rc, int width)
{
	return strbuf_addf(rc->html, "<div class=\"fig\"><figure style=\"max-width:%dpx\">", width ? width : 620) ? -1 : 0;
}

int report_figure_close(struct report_ctx *rc, const char *caption, const char *title, const struct cf_table *numbers,
			int height)
{
	struct strbuf *sb = rc->html;
	int bad = strbuf_adds(sb, "<figcaption>");
	bad |= html_text(sb, caption);
	bad |= strbuf_addf(sb, "</figcaption></figure><div class=\"tbl\" style=\"max-height:%dpx\">", height + 40);
	if (numbers)
		bad |= html_table_bare(sb, numbers, title, rc->opt->suppress > 0 ? "c" : "–");
	bad |= strbuf_adds(sb, "</div></div>");
	return bad ? -1 : 0;
}

static int ensure_dir(const char *dir, struct cf_error *err)
{
	struct stat sb;
	if (stat(dir, &sb) == 0)
		return S_ISDIR(sb.st_mode) ? CF_OK : cf_error_at(err, CF_EIO, dir, 0, NULL, NULL, "exists and is not a directory");
	if (mkdir(dir, 0777) != 0)
		return cf_error_at(err, CF_EIO, dir, 0, NULL, NULL, "cannot create the directory: %s", strerror(errno));
	return CF_OK;
}

/* Write the buffer to dir/name through a temporary file, so a reader never
 * sees half a page. */
static int write_file(const char *dir, const char *name, const struct strbuf *sb, struct cf_error *err)
{
	char path[4096], tmp[4200];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	FILE *fp = fopen(tmp, "wb");
	if (!fp)
		return cf_error_at(err, CF_EIO, tmp, 0, NULL, NULL, "cannot create: %s", strerror(errno));
	int bad = fwrite(sb->buf ? sb->buf : "", 1, sb->len, fp) != sb->len;
	bad |= fclose(fp) != 0;
	if (bad || rename(tmp, path) != 0) {
		remove(tmp);
		return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot write: %s", strerror(errno));
	}
	return CF_OK;
}

/* The periods behind every view: the period and a year before it, up to
 * five financial years to it, and up to 60 months to its end. */
int report_compute_series(struct report_ctx *rc, struct cf_error *err)
{
	const struct kpi_data *d = rc->data;
	int fy_end = cf_date_fy(rc->period.to);
	int fy_data = d->first_year > 0 ? d->first_year - 1 : fy_end - 4;   /* first year with data */
	int fy_first = fy_data < fy_end - 4 ? fy_end - 4 : fy_data > fy_end ? fy_end : fy_data;
	rc->nyears = fy_end - fy_first + 1;
	/* months from April of the first year with data (at most 60, at least 12) to the period's last month */
	int y, m, day;
	cf_date_to_ymd(rc->period.to, &y, &m, &day);
	int months = (y * 12 + m) - (fy_data * 12 + 4) + 1;
	rc->nmonths = months > 60 ? 60 : months < 12 ? 12 : months;
	int n = 2 + rc->nyears + rc->nmonths;
	struct kpi_period *ps = malloc((size_t)n * sizeof *ps);
	if (!ps)
		return cf_error_set(err, CF_EIO, "out of memory");
	ps[0] = rc->period;
	ps[1] = rc->previous;
	rc->year0 = 2;
	for (int i = 0; i < rc->nyears; i++)
		kpi_period_year(fy_first + i, &ps[2 + i]);
	rc->month0 = 2 + rc->nyears;
	for (int i = 0; i < rc->nmonths; i++) {
		int back = rc->nmonths - 1 - i;          /* months before the last */
		int mm = m - back, yy = y;
		while (mm < 1)
			mm += 12, yy--;
		kpi_period_month(yy, mm, &ps[rc->month0 + i]);
	}
	struct kpi_options o = { .by = KPI_BY_ALL, .suppress = rc->opt->suppress, .centroids = rc->opt->centroids,
				 .locality = rc->opt->locality };
	int rcode = kpi_compute(d, ps, n, &o, &rc->series, err);
	free(ps);
	if (rcode)
		return rcode;
	/* a locality's figures are its own row (indicators.csv): no other locality's */
	o.by = rc->opt->locality ? KPI_BY_ALL : KPI_BY_LOCALITY;
	rcode = kpi_compute(d, &rc->period, 1, &o, &rc->by_locality, err);
	if (!rcode && rc->opt->locality)
		rc->by_locality->groups[0] = rc->opt->locality;
	return rcode;
}

static int page_head(struct report_ctx *rc)
{
	struct strbuf *sb = rc->html;
	char today[11];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	cf_date_format(cf_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), today);
	char from[11], to[11];
	cf_date_format(rc->period.from, from);
	cf_date_format(rc->period.to, to);
	int bad = strbuf_adds(sb, "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
				  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
				  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
				  "<title>Vital Signs ");
	bad |= html_text(sb, rc->period.label);
	bad |= strbuf_addf(sb, "</title><style>%s</style></head><body>", report_css);
	bad |= strbuf_adds(sb, "<header class=\"top\"><h1>Children's services: Vital Signs");
	if (rc->opt->locality) {
		bad |= strbuf_adds(sb, " for ");
		bad |= html_text(sb, rc->opt->locality);
	}
	bad |= strbuf_adds(sb, "</h1><p>");
	bad |= html_textf(sb, "Period %s (%s to %s) · compared with %s · produced %s by caseflow", rc->period.label, from, to,
			  rc->previous.label, today);
	if (rc->opt->suppress > 0)
		bad |= html_textf(sb, " · counts below %ld suppressed (shown as c)", rc->opt->suppress);
	bad |= strbuf_adds(sb, "</p></header><nav aria-label=\"Panels\">");
	for (const struct report_panel *p = report_panels; p->id; p++) {
		if (rc->opt->locality && !p->locality)
			continue;
		bad |= strbuf_addf(sb, "<a href=\"#%s\">", p->id);
		bad |= html_text(sb, p->title);
		bad |= strbuf_adds(sb, "</a>");
	}
	bad |= strbuf_adds(sb, "</nav><main>");
	if (rc->opt->locality) {
		bad |= strbuf_adds(sb, "<section class=\"panel\" id=\"locality\"><p class=\"note\">");
		bad |= html_textf(sb, "The panels drawn from the indicators, for the children whose home area is in %s (the "
				      "localities table): rates per 10,000 take its population. The authority's data quality, "
				      "workforce, forecast, money, sufficiency, families, quality of practice, programme, "
				      "benchmarks and trajectories are in its own report (caseflow report without --locality).",
				  rc->opt->locality);
		bad |= strbuf_adds(sb, "</p></section>");
	}
	return bad;
}

int report_write(struct store *st, const struct kpi_data *data, const struct report_options *opt, const char *dir,
		 struct cf_error *err)
{
	struct strbuf html = STRBUF_INIT;
	struct report_inputs in = { 0 };
	struct report_ctx rc = { .st = st, .data = data, .opt = opt, .in = &in, .period = opt->period, .html = &html };
	kpi_period_previous_year(&rc.period, &rc.previous);
	struct cf_table *indicators = NULL;
	int r = ensure_dir(dir, err);
	if (!r)
		r = report_compute_series(&rc, err);
	/* a locality's report has the panels drawn from the indicators alone */
	int local = opt->locality != NULL;
	if (!r && !local)
		r = report_inputs_make(&rc, &in, err);
	/* before the tiles, which carry a warning where their input has problems */
	if (!r && !local)
		r = quality_read(st, 0, &rc.quality, err);
	if (!r && page_head(&rc))
		r = cf_error_set(err, CF_EIO, "out of memory writing the page");
	for (const struct report_panel *p = report_panels; p->id && !r; p++) {
		if (local && !p->locality)
			continue;
		if (strbuf_addf(&html, "<section class=\"panel%s\" id=\"%s\" aria-labelledby=\"%s-h\"><h2 id=\"%s-h\">",
				p->half ? " half" : "", p->id, p->id, p->id) ||
		    html_text(&html, p->title) || strbuf_adds(&html, "</h2>")) {
			r = cf_error_set(err, CF_EIO, "out of memory writing the page");
			break;
		}
		if ((r = p->write(&rc, err)))
			break;
		if (strbuf_adds(&html, "</section>"))
			r = cf_error_set(err, CF_EIO, "out of memory writing the page");
	}
	if (!r && strbuf_adds(&html, "</main><footer>Made with caseflow from the statutory returns in the store. "
				     "Aggregate figures only: no names, identifiers or postcodes of children.</footer>"
				     "</body></html>\n"))
		r = cf_error_set(err, CF_EIO, "out of memory writing the page");
	if (!r)
		r = write_file(dir, "index.html", &html, err);
	/* the indicators for the period, LA and localities */
	if (!r)
		r = kpi_result_table(rc.by_locality, &indicators, err);
	char path[4096];
	if (!r) {
		snprintf(path, sizeof path, "%s/indicators.csv", dir);
		r = render_tables(&indicators, 1, RENDER_CSV, path, err);
	}
	/* after the views' sheets, the records behind each headline tile */
	struct cf_table *records[64];
	int nrecords = 0;
	if (!r && !local)   /* the records are listed for the authority's figures */
		r = report_records_sheets(&rc, records, 64, &nrecords, err);
	if (!r) {
		struct cf_table *sheets[49 + 64];
		sheets[0] = indicators;
		for (int i = 0; i < rc.nsheets; i++)
			sheets[1 + i] = rc.sheets[i];
		for (int i = 0; i < nrecords; i++)
			sheets[1 + rc.nsheets + i] = records[i];
		snprintf(path, sizeof path, "%s/vital-signs.xlsx", dir);
		r = render_tables(sheets, 1 + rc.nsheets + nrecords, RENDER_XLSX, path, err);
	}
	for (int i = 0; i < nrecords; i++)
		cf_table_free(records[i]);
	cf_table_free(indicators);
	for (int i = 0; i < rc.nsheets; i++)
		cf_table_free(rc.sheets[i]);
	kpi_result_free(rc.series);
	kpi_result_free(rc.by_locality);
	report_inputs_release(&in);
	quality_release(&rc.quality);
	strbuf_release(&html);
	return r;
}

int report_inputs_make(const struct report_ctx *rc, struct report_inputs *in, struct cf_error *err)
{
	int r = report_forecast_make(rc->st, rc->opt, rc->data, in, err);
	if (!r)
		r = report_benchmarks_make(rc->st, rc->opt, rc->data, in, err);
	if (!r)
		r = report_trajectories_make(rc->st, rc->opt, rc->data, in, err);
	if (!r)
		r = report_programme_make(rc, in, err);
	if (!r)
		r = report_placements_make(rc, in, err);
	if (!r)
		r = report_families_make(rc, in, err);
	if (!r)
		r = report_flows_make(rc, in, err);
	return r;
}

void report_inputs_release(struct report_inputs *in)
{
	forecast_result_free(in->forecast);
	forecast_result_free(in->backtest);
	free(in->bm_rows);
	for (int i = 0; i < in->bm_nids; i++)
		free(in->bm_areas[i]);
	benchmark_data_free(in->bm_data);
	free(in->trajectories);
	free(in->traj_points);
	report_programme_release(in);
	report_placements_release(in);
	report_families_release(in);
	report_flows_release(in);
	memset(in, 0, sizeof *in);
}

/* --la as a three-digit number, as caseflow benchmark resolves it. With no
 * published tables in the store la_code is "" and the benchmarks panel says
 * what to load; CF_EUSAGE when the tables are there and the LA is not. */
static int resolve_la(struct store *st, const char *la, char la_code[8], struct cf_error *err)
{
	struct benchmark_data *d = NULL;
	struct cf_error lerr;
	cf_error_clear(&lerr);
	la_code[0] = '\0';
	int rc = benchmark_load(st, NULL, &d, &lerr);
	if (!rc && benchmark_find_la(d, la, la_code, &lerr) != CF_OK)
		rc = cf_error_set(err, CF_EUSAGE, "%s", lerr.msg);
	else if (rc == CF_EINPUT)
		rc = CF_OK;
	else if (rc)
		*err = lerr;
	benchmark_data_free(d);
	return rc;
}

int report_build(struct store *st, struct report_options *opt, const char *dir, struct cf_error *err)
{
	char la_code[8];
	const char *la_given = opt->la;
	int rc = CF_OK;
	if (opt->la) {
		if ((rc = resolve_la(st, opt->la, la_code, err)))
			return rc;
		if (la_code[0])
			opt->la = la_code;
	}
	struct kpi_data data;
	if (!(rc = kpi_data_load(st, &data, err))) {
		if (!opt->period.label[0])
			kpi_default_period(&data, &opt->period);
		/* a report on a period (or a day) after the data would show
		 * nothing but blanks and judge the programme on no figures */
		rc = kpi_period_check(&data, &opt->period, err);
		if (!rc && opt->as_of)
			rc = kpi_date_check(&data, "--as-of", opt->as_of, err);
		if (!rc)
			rc = report_write(st, &data, opt, dir, err);
		kpi_data_release(&data);
	}
	opt->la = la_given;   /* la_code goes with this frame */
	return rc;
}
