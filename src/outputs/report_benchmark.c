/* The benchmarks and trajectories panels: the LA's headline indicators beside
 * its statistical neighbours, region and England (the figures of `caseflow
 * benchmark`), and each stored trajectory against its actuals (`caseflow
 * trajectory show`). Both read what those commands compute; nothing here is
 * worked out twice. */
#include "outputs/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/indicators.h"
#include "outputs/html.h"
#include "outputs/svg_spread.h"

#define OOM() cf_error_set(err, CF_EIO, "out of memory writing the report")

enum { BM_YEARS = 5, BM_MAX_IND = 32, BM_MAX_AREAS = 24 };

static int note(struct report_ctx *rc, const char *text)
{
	return strbuf_adds(rc->html, "<p class=\"note\">") || html_text(rc->html, text) || strbuf_adds(rc->html, "</p>");
}

static void set_maybe(struct cf_table *t, size_t row, int col, double v)
{
	if (isfinite(v))
		cf_table_set_real(t, row, col, v);
}

/* A value as people read it: whole numbers without decimals (DfE publishes
 * most rates whole), others to one place; "%" for percentages. */
static void fmt_value(char *buf, size_t size, double v, enum ind_unit u)
{
	html_number(buf, size, v, isfinite(v) && fabs(v - round(v)) < 1e-9 ? 0 : 1);
	if (isfinite(v) && u == UNIT_PERCENT)
		strncat(buf, "%", size - strlen(buf) - 1);
}

static const char *unit_words(enum ind_unit u)
{
	switch (u) {
	case UNIT_PER_10K: return "per 10,000 children aged 0-17";
	case UNIT_PERCENT: return "%";
	case UNIT_PER_FTE: return "cases per FTE";
	case UNIT_COUNT: break;
	}
	return "children";
}

/* --- benchmarks ------------------------------------------------------------------ */

/* Headline counts are compared per 10,000 children: a neighbour twice the
 * size has twice the children, so its count says nothing about ours. */
static const char *const per_head[][2] = {
	{ "cla_31mar", "cla_rate_10k" },
	{ "cla_started", "cla_started_rate_10k" },
	{ "referrals", "referral_rate_10k" },
};

/* The indicator-map entries of the headline indicators DfE publishes, in
 * tile order, each once. */
static int headline_indicators(int *out, int max)
{
	int n = 0;
	for (int h = 0; h < report_nheadlines; h++) {
		const char *id = kpi_defs[report_headline_ids[h]].id;
		for (size_t k = 0; k < sizeof per_head / sizeof per_head[0]; k++)
			if (!strcmp(id, per_head[k][0]))
				id = per_head[k][1];
		int found = -1;
		for (int i = 0; i < indicator_map_count && found < 0; i++) {
			const char *kid = benchmark_kpi_id(indicator_map[i].id);
			if (!strcmp(indicator_map[i].id, id) || (kid && !strcmp(kid, id)))
				found = i;
		}
		if (found < 0 || indicator_map[found].unit == UNIT_COUNT)
			continue;
		int dup = 0;
		for (int k = 0; k < n && !dup; k++)
			dup = out[k] == found;
		if (!dup && n < max)
			out[n++] = found;
	}
	return n;
}

/* One indicator's rows of the benchmark table on a run of consecutive
 * years (a year with no published figure anywhere stays a gap). */
struct bm_series {
	int n;
	int year[BM_YEARS + 8];
	long row[BM_YEARS + 8];         /* the benchmark table's row; -1 = none */
	double own[BM_YEARS + 8], pub[BM_YEARS + 8], snm[BM_YEARS + 8], reg[BM_YEARS + 8], eng[BM_YEARS + 8];
	char labels[BM_YEARS + 8][8];
	const char *label_ptrs[BM_YEARS + 8];
};

static const char *str(const char *v)
{
	return v ? v : "";
}

static void read_series(const struct benchmark_row *rows, size_t nrows, int indicator, struct bm_series *s)
{
	enum { MAXN = BM_YEARS + 8 };
	int y0 = 0, y1 = 0;
	for (size_t r = 0; r < nrows; r++)
		if (rows[r].indicator == indicator) {
			int y = rows[r].year;
			if (!y0 || y < y0)
				y0 = y;
			if (y > y1)
				y1 = y;
		}
	s->n = 0;
	if (!y0)
		return;
	if (y1 - y0 + 1 > MAXN)
		y0 = y1 - MAXN + 1;
	s->n = y1 - y0 + 1;
	for (int k = 0; k < s->n; k++) {
		s->year[k] = y0 + k;
		s->row[k] = -1;
		s->own[k] = s->pub[k] = s->snm[k] = s->reg[k] = s->eng[k] = NAN;
		snprintf(s->labels[k], sizeof s->labels[k], "%d", s->year[k]);
		s->label_ptrs[k] = s->labels[k];
	}
	for (size_t r = 0; r < nrows; r++) {
		int k = rows[r].year - y0;
		if (k < 0 || rows[r].indicator != indicator)
			continue;
		s->row[k] = (long)r;
		s->own[k] = rows[r].la_value;
		s->pub[k] = rows[r].published_value;
		s->snm[k] = rows[r].sn_median;
		s->reg[k] = rows[r].region_value;
		s->eng[k] = rows[r].england_value;
	}
}

/* The benchmark row behind year k of a series; a zero row (unranked, no
 * changes) when the year has none. */
static struct benchmark_row series_row(const struct benchmark_row *rows, const struct bm_series *s, int k)
{
	if (s->row[k] >= 0)
		return rows[s->row[k]];
	return (struct benchmark_row){ .change_3y = NAN, .change_5y = NAN, .sn_change_3y = NAN, .england_change_3y = NAN };
}

/* The areas of one LA and indicator by year (benchmark_comparison). */
struct bm_comparison {
	const struct benchmark_area_value *v;
	int n;
};

/* Names and values of the areas in one year of a comparison table. */
struct bm_areas {
	int n;
	const char *role[BM_MAX_AREAS], *code[BM_MAX_AREAS], *name[BM_MAX_AREAS];
	double value[BM_MAX_AREAS];
};

static void read_areas(const struct bm_comparison *ct, int year, struct bm_areas *a)
{
	a->n = 0;
	for (int r = 0; r < ct->n && a->n < BM_MAX_AREAS; r++) {
		if (ct->v[r].year != year)
			continue;
		int k = a->n++;
		a->role[k] = str(ct->v[r].role);
		a->code[k] = str(ct->v[r].code);
		a->name[k] = str(ct->v[r].name);
		a->value[k] = ct->v[r].value;
	}
}

static const char *area_name(const struct bm_areas *a, const char *role)
{
	for (int k = 0; k < a->n; k++)
		if (!strcmp(a->role[k], role))
			return a->name[k][0] ? a->name[k] : a->code[k];
	return role;
}

static const char *better_words(enum ind_polarity p)
{
	return p == POL_LOWER_BETTER ? "lower is better: rank 1 is the lowest"
	       : p == POL_HIGHER_BETTER ? "higher is better: rank 1 is the highest"
					: "neither higher nor lower is better: rank 1 is the highest";
}

static const char *quartile_words(int q, enum ind_polarity p)
{
	static const char *const judged[] = { "", "the best quarter", "the second quarter", "the third quarter",
					      "the worst quarter" };
	static const char *const plain[] = { "", "the highest quarter", "the second quarter", "the third quarter",
					     "the lowest quarter" };
	if (q < 1 || q > 4)
		return "";
	return p == POL_NONE ? plain[q] : judged[q];
}

/* The sentence above an indicator's charts: the latest year in figures,
 * rank and quartile with the indicator's polarity, and the direction of travel. */
static int indicator_sentence(struct report_ctx *rc, const struct indicator_map_entry *e, const struct benchmark_row *rows,
			      const struct bm_series *s, int k, const struct bm_areas *a)
{
	const struct benchmark_row row = series_row(rows, s, k);
	char v[5][48];
	fmt_value(v[0], sizeof v[0], s->pub[k], e->unit);
	fmt_value(v[1], sizeof v[1], s->snm[k], e->unit);
	fmt_value(v[2], sizeof v[2], s->reg[k], e->unit);
	fmt_value(v[3], sizeof v[3], s->eng[k], e->unit);
	fmt_value(v[4], sizeof v[4], s->own[k], e->unit);
	struct strbuf t = STRBUF_INIT;
	int bad = strbuf_addf(&t, "%d: %s %s", s->year[k], area_name(a, "la"), v[0]);
	if (isfinite(s->own[k]))
		bad |= strbuf_addf(&t, " (from its own returns: %s)", v[4]);
	bad |= strbuf_addf(&t, "; statistical neighbours' median %s; %s %s; England %s.", v[1], area_name(a, "region"),
			   v[2], v[3]);
	long long rank = row.rank, of = row.of;
	int q = row.quartile;
	if (rank)
		bad |= strbuf_addf(&t, " Rank %lld of %lld LAs, quartile %d (%s; %s).", rank, of, q,
				   quartile_words(q, e->polarity), better_words(e->polarity));
	double ch = row.change_3y, snch = row.sn_change_3y, engch = row.england_change_3y;
	if (isfinite(ch) || isfinite(snch) || isfinite(engch)) {
		char x[3][32];
		const double chs[3] = { ch, snch, engch };
		for (int i = 0; i < 3; i++) {
			if (isfinite(chs[i]))
				snprintf(x[i], sizeof x[i], "%+.1f%% a year", chs[i]);
			else
				snprintf(x[i], sizeof x[i], "not known");
		}
		bad |= strbuf_addf(&t, " Change over 3 years: %s %s, neighbours %s, England %s.", area_name(a, "la"), x[0],
				   x[1], x[2]);
	}
	if (!bad)
		bad = note(rc, strbuf_str(&t));
	strbuf_release(&t);
	return bad;
}

/* The legend names of the trend lines: the areas' own names when the
 * legend fits the chart's width, else short ones. */
static int legend_fits(const struct svg_series *ser, int n, int width)
{
	double w = 0;
	for (int i = 0; i < n; i++)
		w += 24 + 6.5 * (double)strlen(ser[i].name);
	return w <= width - 64 - 16;
}

/* The text alternative of the dot plot. */
static int dots_desc(struct strbuf *desc, const struct indicator_map_entry *e, int year, double median,
		     const char *const *labels, const double *values, int n, int highlight)
{
	char num[48], lo[48], hi[48], med[48];
	int ilo = -1, ihi = -1;
	for (int k = 0; k < n; k++) {
		if (k == highlight || !isfinite(values[k]))
			continue;
		if (ilo < 0 || values[k] < values[ilo])
			ilo = k;
		if (ihi < 0 || values[k] > values[ihi])
			ihi = k;
	}
	fmt_value(num, sizeof num, highlight >= 0 ? values[highlight] : NAN, e->unit);
	fmt_value(med, sizeof med, median, e->unit);
	int bad = strbuf_addf(desc, "%s, %d: %s %s (highlighted) against its %d statistical neighbours", e->label, year,
			      highlight >= 0 ? labels[highlight] : "the LA", num, n - (highlight >= 0));
	if (ilo >= 0) {
		fmt_value(lo, sizeof lo, values[ilo], e->unit);
		fmt_value(hi, sizeof hi, values[ihi], e->unit);
		bad |= strbuf_addf(desc, ", from %s (%s) to %s (%s)", lo, labels[ilo], hi, labels[ihi]);
	}
	return bad | strbuf_addf(desc, "; the dashed line is their median, %s.", med);
}

/* The text alternative of the trend lines: first and last value of each. */
static int trend_desc(struct strbuf *desc, const struct indicator_map_entry *e, const struct bm_series *s,
		      const struct svg_series *ser, const char *const *names, int ns)
{
	int bad = strbuf_addf(desc, " %s, %s to %s:", e->label, s->labels[0], s->labels[s->n - 1]);
	for (int i = 0; i < ns; i++) {
		int first = -1, last = -1;
		for (int k = 0; k < s->n; k++)
			if (isfinite(ser[i].values[k])) {
				if (first < 0)
					first = k;
				last = k;
			}
		if (first < 0) {
			bad |= strbuf_addf(desc, "%s %s no figures", i ? ";" : "", names[i]);
			continue;
		}
		char x[48], y[48];
		fmt_value(x, sizeof x, ser[i].values[first], e->unit);
		fmt_value(y, sizeof y, ser[i].values[last], e->unit);
		if (first == last)
			bad |= strbuf_addf(desc, "%s %s %s in %s", i ? ";" : "", names[i], x, s->labels[first]);
		else
			bad |= strbuf_addf(desc, "%s %s from %s in %s to %s in %s", i ? ";" : "", names[i], x,
					   s->labels[first], y, s->labels[last]);
	}
	return bad | strbuf_adds(desc, ".");
}

/* Every area by year: the numbers behind both charts. Rows: the LA (and
 * its own value where its returns cover the year), each neighbour, the
 * neighbours' median, region and England. */
static struct cf_table *areas_by_year(const struct indicator_map_entry *e, const struct bm_series *s,
				      const struct bm_comparison *ct, int has_own)
{
	struct cf_table *t = cf_table_new(e->label);
	int bad = !t || cf_table_add_column(t, "area", CF_CELL_TEXT, 0) < 0;
	for (int k = 0; k < s->n && !bad; k++)
		bad = cf_table_add_column(t, s->labels[k], CF_CELL_REAL, 1) < 0;
	/* the areas in the comparison table's order, each once; row_of: its row in t */
	const char *roles[BM_MAX_AREAS], *codes[BM_MAX_AREAS];
	size_t row_of[BM_MAX_AREAS];
	int nareas = 0;
	for (int r = 0; r < ct->n && !bad; r++) {
		const char *role = str(ct->v[r].role), *code = str(ct->v[r].code), *name = str(ct->v[r].name);
		int i = 0;
		while (i < nareas && !(!strcmp(roles[i], role) && !strcmp(codes[i], code)))
			i++;
		if (i == nareas && nareas < BM_MAX_AREAS) {
			long o = cf_table_add_row(t);
			bad = o < 0 || cf_table_set_text(t, (size_t)o, 0, !strcmp(role, "sn_median") ? "neighbours' median"
									    : name[0] ? name : code);
			roles[nareas] = role;
			codes[nareas] = code;
			row_of[nareas++] = (size_t)o;
			if (!bad && !strcmp(role, "la") && has_own) {
				o = cf_table_add_row(t);
				bad = o < 0 || cf_table_set_text(t, (size_t)o, 0, "own returns");
				for (int k = 0; k < s->n && !bad; k++)
					set_maybe(t, (size_t)o, 1 + k, s->own[k]);
			}
		}
		if (i == nareas)
			continue;   /* more areas than a table row can hold: left out of the chart too */
		for (int k = 0; k < s->n && !bad; k++)
			if (s->year[k] == ct->v[r].year)
				set_maybe(t, row_of[i], 1 + k, ct->v[r].value);
	}
	if (bad) {
		cf_table_free(t);
		return NULL;
	}
	return t;
}

/* The latest year as a dot plot (the LA and each neighbour, the median
 * marked) beside five years as lines (the LA, published and from its own
 * returns, the neighbours' median, region and England), with every area's
 * values by year beside them. */
static int indicator_figure(struct report_ctx *rc, const struct indicator_map_entry *e, const struct bm_series *s,
			    int k, const struct bm_comparison *ct, const struct bm_areas *a)
{
	enum { DOTS_W = 300, LINES_W = 410 };
	const char *labels[BM_MAX_AREAS];
	double values[BM_MAX_AREAS];
	int n = 0, highlight = -1, has_own = 0;
	for (int i = 0; i < a->n; i++)
		if (!strcmp(a->role[i], "la") || !strcmp(a->role[i], "neighbour")) {
			if (!strcmp(a->role[i], "la"))
				highlight = n;
			labels[n] = a->name[i][0] ? a->name[i] : a->code[i];
			values[n++] = a->value[i];
		}
	for (int i = 0; i < s->n; i++)
		has_own |= isfinite(s->own[i]);
	const char *la = area_name(a, "la"), *region = area_name(a, "region");
	char own_name[128];
	snprintf(own_name, sizeof own_name, "%s (own returns)", la);
	const char *names[5];
	struct svg_series ser[5];
	int ns = 0;
	names[ns] = la, ser[ns++] = (struct svg_series){ la, s->pub };
	if (has_own)
		names[ns] = own_name, ser[ns++] = (struct svg_series){ own_name, s->own };
	names[ns] = "neighbours' median", ser[ns++] = (struct svg_series){ "neighbours' median", s->snm };
	names[ns] = region, ser[ns++] = (struct svg_series){ region, s->reg };
	names[ns] = "England", ser[ns++] = (struct svg_series){ "England", s->eng };
	if (!legend_fits(ser, ns, LINES_W)) {
		static const char *const brief[] = { "LA", "own data", "SN median", "region", "England" };
		for (int i = 0, b = 0; i < ns; i++, b++) {
			if (b == 1 && !has_own)
				b++;
			ser[i].name = brief[b];
		}
	}
	struct cf_table *t = areas_by_year(e, s, ct, has_own);
	struct strbuf desc = STRBUF_INIT;
	int bad = !t;
	bad |= dots_desc(&desc, e, s->year[k], s->snm[k], labels, values, n, highlight);
	bad |= trend_desc(&desc, e, s, ser, names, ns);
	char id1[16], id2[16], title[200], dtitle[160], ltitle[160];
	snprintf(dtitle, sizeof dtitle, "%s, %d: %s and its statistical neighbours", e->label, s->year[k], la);
	snprintf(ltitle, sizeof ltitle, "%s, %s to %s", e->label, s->labels[0], s->labels[s->n - 1]);
	snprintf(title, sizeof title, "%s by area and year", e->label);
	struct svg_dot_plot dp = { .id = report_next_id(rc, id1), .title = dtitle, .desc = strbuf_str(&desc),
				   .x_label = unit_words(e->unit), .labels = labels, .values = values, .n = n,
				   .highlight = highlight, .median = s->snm[k], .decimals = e->unit == UNIT_PER_10K ? 0 : 1,
				   .width = DOTS_W };
	struct svg_chart ch = { .id = report_next_id(rc, id2), .title = ltitle, .desc = strbuf_str(&desc),
				.y_label = unit_words(e->unit), .labels = s->label_ptrs, .n = s->n, .series = ser,
				.nseries = ns, .label_every = 1, .reference = NAN, .width = LINES_W,
				.height = svg_dots_height(&dp) };
	if (!bad) {
		bad |= report_figure_open(rc, DOTS_W + LINES_W + 8);
		bad |= strbuf_adds(rc->html, "<div style=\"display:flex;gap:8px;align-items:flex-start\">");
		bad |= svg_dots(rc->html, &dp);
		bad |= svg_line_chart(rc->html, &ch);
		bad |= strbuf_adds(rc->html, "</div>");
		bad |= report_figure_close(rc, strbuf_str(&desc), title, t, svg_dots_height(&dp));
	}
	strbuf_release(&desc);
	cf_table_free(t);
	return bad;
}

/* The workbook's copy of the areas behind the dot plots: indicator, then the
 * comparison table's columns. */
static int append_areas(struct cf_table *sheet, const char *id, const struct bm_comparison *ct)
{
	for (int r = 0; r < ct->n; r++) {
		const struct benchmark_area_value *v = &ct->v[r];
		long o = cf_table_add_row(sheet);
		if (o < 0 || cf_table_set_text(sheet, (size_t)o, 0, id) || cf_table_set_text(sheet, (size_t)o, 2, v->role) ||
		    (v->code && cf_table_set_text(sheet, (size_t)o, 3, v->code)) ||
		    (v->name && cf_table_set_text(sheet, (size_t)o, 4, v->name)))
			return -1;
		cf_table_set_int(sheet, (size_t)o, 1, v->year);
		if (!isnan(v->value))
			cf_table_set_real(sheet, (size_t)o, 5, v->value);
	}
	return 0;
}

/* The latest year with a published value for the LA; else the latest
 * year in the table (which has a row: the series ends on one). */
static int latest_index(const struct bm_series *s)
{
	for (int k = s->n - 1; k >= 0; k--)
		if (isfinite(s->pub[k]))
			return k;
	return s->n - 1;
}

/* At a glance: one row per indicator for its latest year. */
static struct cf_table *glance_new(void)
{
	static const char *const cols[] = { "indicator", "year", "LA", "own returns", "SN median", "region", "England",
					    "rank", "quartile", "better" };
	static const enum cf_cell_type types[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL,
						   CF_CELL_REAL, CF_CELL_REAL, CF_CELL_TEXT, CF_CELL_INT, CF_CELL_TEXT };
	struct cf_table *t = cf_table_new("Benchmarks at a glance");
	for (int i = 0; t && i < 10; i++)
		if (cf_table_add_column(t, cols[i], types[i], types[i] == CF_CELL_REAL ? 1 : 0) < 0) {
			cf_table_free(t);
			return NULL;
		}
	return t;
}

static int glance_row(struct cf_table *g, const struct indicator_map_entry *e, const struct benchmark_row *rows,
		      const struct bm_series *s, int k)
{
	const struct benchmark_row br = series_row(rows, s, k);
	long r = cf_table_add_row(g);
	if (r < 0 || cf_table_set_text(g, (size_t)r, 0, e->label) || cf_table_set_text(g, (size_t)r, 1, s->labels[k]))
		return -1;
	size_t row = (size_t)r;
	set_maybe(g, row, 2, s->pub[k]);
	set_maybe(g, row, 3, s->own[k]);
	set_maybe(g, row, 4, s->snm[k]);
	set_maybe(g, row, 5, s->reg[k]);
	set_maybe(g, row, 6, s->eng[k]);
	long long rank = br.rank, of = br.of;
	if (rank) {
		char buf[32];
		snprintf(buf, sizeof buf, "%lld of %lld", rank, of);
		if (cf_table_set_text(g, row, 7, buf))
			return -1;
		cf_table_set_int(g, row, 8, br.quartile);
	}
	return cf_table_set_text(g, row, 9, e->polarity == POL_LOWER_BETTER ? "lower"
					    : e->polarity == POL_HIGHER_BETTER ? "higher" : "neither");
}

static int benchmarks_write(struct report_ctx *rc, struct cf_error *err)
{
	const struct report_inputs *in = rc->in;
	const char *la = in->bm_la, *model = rc->opt->sn_model ? rc->opt->sn_model : "2025";
	const struct benchmark_row *rows = in->bm_rows;
	size_t nrows = in->bm_nrows;
	struct cf_table *bt = NULL, *glance = glance_new(), *areas = cf_table_new("Benchmark areas");
	int r = glance && areas ? CF_OK : OOM();
	static const char *const acols[] = { "indicator", "year", "role", "code", "name", "value" };
	static const enum cf_cell_type atypes[] = { CF_CELL_TEXT, CF_CELL_INT, CF_CELL_TEXT, CF_CELL_TEXT,
						    CF_CELL_TEXT, CF_CELL_REAL };
	for (int i = 0; i < 6 && !r; i++)
		if (cf_table_add_column(areas, acols[i], atypes[i], i == 5 ? 1 : 0) < 0)
			r = OOM();
	if (!r)
		r = benchmark_rows_table(in->bm_data, rows, nrows, &bt, err);
	struct bm_series *s = malloc(sizeof *s);
	struct strbuf body = STRBUF_INIT;   /* the indicators' charts, written after the glance table */
	struct strbuf *page = rc->html;
	if (!r && !s)
		r = OOM();
	int shown = 0;
	const char *la_name = la;
	char la_name_buf[96] = "";
	rc->html = &body;
	for (int i = 0; i < in->bm_nids && !r; i++) {
		const struct indicator_map_entry *e = &indicator_map[in->bm_ids[i]];
		read_series(rows, nrows, in->bm_ids[i], s);
		if (s->n == 0)
			continue;
		struct bm_comparison ct = { in->bm_areas[i], in->bm_nareas[i] };
		int k = latest_index(s);
		struct bm_areas a;
		read_areas(&ct, s->year[k], &a);
		if (!la_name_buf[0]) {
			snprintf(la_name_buf, sizeof la_name_buf, "%s", area_name(&a, "la"));
			la_name = la_name_buf;
		}
		int bad = strbuf_adds(rc->html, "<h3>") || html_text(rc->html, e->label) || strbuf_adds(rc->html, "</h3>");
		bad |= indicator_sentence(rc, e, rows, s, k, &a);
		bad |= indicator_figure(rc, e, s, k, &ct, &a);
		bad |= glance_row(glance, e, rows, s, k);
		bad |= append_areas(areas, e->id, &ct);
		if (bad)
			r = OOM();
		shown++;
	}
	rc->html = page;
	if (!r) {
		char intro[700];
		snprintf(intro, sizeof intro,
			 "%s (LA %s) against its statistical neighbours (DfE's %s model), its region and England, "
			 "from DfE's published tables in the store: the latest %d years of each headline indicator DfE "
			 "publishes (counts as rates per 10,000 children, so areas of different sizes compare). Years are "
			 "DfE's: 2025 is the year to 31 March 2025 (for the workforce, the census of 30 September 2024). "
			 "\"Own returns\" is the value caseflow computes from the returns loaded in the store, for the "
			 "years they cover. The same figures: caseflow benchmark --la %s --years %d --sn-model %s.",
			 la_name, la, model, BM_YEARS, la, BM_YEARS, model);
		int bad = note(rc, intro);
		if (!shown)
			bad |= note(rc, "None of the headline indicators has a published figure for this LA in the store.");
		else
			bad |= html_table(rc->html, glance, "At a glance: the latest year of each", "–");
		bad |= strbuf_add(rc->html, body.buf ? body.buf : "", body.len);
		if (bad)
			r = OOM();
	}
	strbuf_release(&body);
	free(s);
	if (!r && bt) {
		bt->name = arena_strdup(&bt->arena, "Benchmarks");
		r = bt->name ? report_add_sheet(rc, bt, err) : OOM();
		bt = NULL;
	}
	if (!r) {
		r = report_add_sheet(rc, areas, err);
		areas = NULL;
	}
	cf_table_free(bt);
	cf_table_free(areas);
	cf_table_free(glance);
	return r;
}

int report_panel_benchmarks(struct report_ctx *rc, struct cf_error *err)
{
	if (!rc->in->bm_data)
		return note(rc, rc->in->bm_note) ? OOM() : CF_OK;
	return benchmarks_write(rc, err);
}

/* The benchmarks panel's figures: none without --la; without the published
 * tables (or the LA in them) the panel says what to load. */
int report_benchmarks_make(struct store *st, const struct report_options *opt, const struct kpi_data *data,
			   struct report_inputs *in, struct cf_error *err)
{
	if (!opt->la || !opt->la[0]) {
		snprintf(in->bm_note, sizeof in->bm_note, "%s",
			 "No comparison: name the LA with --la CODE (DfE's three-digit number such as 380, or its "
			 "ONS code) to see the headline indicators beside statistical neighbours, region and England.");
		return CF_OK;
	}
	struct benchmark_data *d = NULL;
	struct cf_error lerr;
	cf_error_clear(&lerr);
	/* the store lacks the published tables: benchmark_load loads those built in */
	int r = benchmark_load(st, opt->sn_model ? opt->sn_model : "2025", &d, &lerr);
	if (!r)
		r = benchmark_find_la(d, opt->la, in->bm_la, &lerr);
	if (r == CF_EINPUT) {
		/* the store lacks the published tables (or the LA): say what to load */
		snprintf(in->bm_note, sizeof in->bm_note, "No comparison for %s: %s; then make the report again with --la.",
			 opt->la, lerr.msg);
		benchmark_data_free(d);
		return CF_OK;
	}
	if (r) {
		*err = lerr;
		benchmark_data_free(d);
		return r;
	}
	in->bm_data = d;
	in->bm_nids = headline_indicators(in->bm_ids, REPORT_MAX_BENCHMARKS);
	struct benchmark_local local;
	r = benchmark_kpi_attach(data, opt->suppress, &local, err);
	if (!r) {
		struct benchmark_options o = { .la_code = in->bm_la, .indicators = in->bm_ids, .nindicators = in->bm_nids,
					       .years = BM_YEARS, .local = local.annual ? &local : NULL };
		r = benchmark_rows(d, &o, &in->bm_rows, &in->bm_nrows, err);
	}
	benchmark_kpi_close(&local);
	for (int i = 0; i < in->bm_nids && !r; i++)
		r = benchmark_comparison(d, in->bm_la, in->bm_ids[i], BM_YEARS, &in->bm_areas[i], &in->bm_nareas[i], err);
	return r;
}

/* --- trajectories ------------------------------------------------------------------ */

static const char *const rag_colours[] = { "#8a8f98", "#1a7f37", "#b7791f", "#c0392b" };

static void long_date(cf_date day, char *out, size_t size)
{
	static const char *const names[12] = { "January", "February", "March", "April", "May", "June", "July",
					       "August", "September", "October", "November", "December" };
	int y, m, d;
	cf_date_to_ymd(day, &y, &m, &d);
	snprintf(out, size, "%d %s %d", d, names[(m + 11) % 12], y);
}

/* A trajectory's indicator in words: the benchmark map's label, else the
 * kpi engine's title for indicators only it computes. */
static const char *traj_label(const char *indicator)
{
	int i = indicator_map_find(indicator);
	if (i >= 0)
		return indicator_map[i].label;
	const char *kid = benchmark_kpi_id(indicator);
	int k = kid ? kpi_find(kid) : -1;
	return k >= 0 ? kpi_defs[k].title : indicator;
}

static const char *traj_unit_words(const char *indicator)
{
	int i = indicator_map_find(indicator);
	if (i >= 0)
		return unit_words(indicator_map[i].unit);
	const char *kid = benchmark_kpi_id(indicator);
	int k = kid ? kpi_find(kid) : -1;
	switch (k >= 0 ? kpi_defs[k].unit : KPI_UNIT_COUNT) {
	case KPI_UNIT_PERCENT: return unit_words(UNIT_PERCENT);
	case KPI_UNIT_PER_10K: return unit_words(UNIT_PER_10K);
	case KPI_UNIT_CASES_PER_FTE: return unit_words(UNIT_PER_FTE);
	case KPI_UNIT_COUNT: break;
	}
	return unit_words(UNIT_COUNT);
}

struct traj_months {
	int n;
	char (*labels)[16];
	const char **label_ptrs;
	double *target, *actual, *green_lo, *green_hi, *amber_lo, *amber_hi;
};

static void traj_months_free(struct traj_months *m)
{
	free(m->labels);
	free(m->label_ptrs);
	free(m->target);
}

static int traj_months_alloc(struct traj_months *m, int n)
{
	memset(m, 0, sizeof *m);
	m->labels = malloc(sizeof *m->labels * (size_t)(n ? n : 1));
	m->label_ptrs = malloc(sizeof *m->label_ptrs * (size_t)(n ? n : 1));
	m->target = malloc(sizeof *m->target * 6 * (size_t)(n ? n : 1));
	if (!m->labels || !m->label_ptrs || !m->target) {
		traj_months_free(m);
		return -1;
	}
	m->actual = m->target + n;
	m->green_lo = m->actual + n;
	m->green_hi = m->green_lo + n;
	m->amber_lo = m->green_hi + n;
	m->amber_hi = m->amber_lo + n;
	return 0;
}

/* The band around the target where the RAG is green (within tolerance) and
 * amber (within twice): on the indicator's bad side only, as trajectory_rag
 * judges; both sides when it has no polarity. */
static void tolerance_band(double target, double tol_pct, enum ind_polarity p, int times, double *lo, double *hi)
{
	double w = fabs(target) * tol_pct * times / 100;
	*lo = p == POL_LOWER_BETTER ? target : target - w;
	*hi = p == POL_HIGHER_BETTER ? target : target + w;
}

/* Trajectory ts[it] month by month: pts[] are every trajectory's points. */
static int trajectory_figure(struct report_ctx *rc, const struct trajectory *tr, int it,
			     const struct trajectory_point *pts, size_t npts, struct cf_error *err)
{
	int n = 0;
	for (size_t r = 0; r < npts; r++)
		n += pts[r].trajectory == it;
	struct traj_months m;
	if (traj_months_alloc(&m, n))
		return OOM();
	enum ind_polarity pol = trajectory_polarity(tr->indicator);
	struct cf_table *t = cf_table_new(tr->name);
	int bad = !t;
	static const char *const cols[] = { "month", "target", "actual", "source", "variance %", "RAG" };
	static const enum cf_cell_type types[] = { CF_CELL_TEXT, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_TEXT,
						   CF_CELL_REAL, CF_CELL_TEXT };
	for (int c = 0; c < 6 && !bad; c++)
		bad = cf_table_add_column(t, cols[c], types[c], c == 0 || c == 3 || c == 5 ? 0 : 1) < 0;
	long latest = -1;
	for (size_t r = 0; r < npts && !bad; r++) {
		const struct trajectory_point *p = &pts[r];
		if (p->trajectory != it)
			continue;
		int k = m.n++;
		char iso[11];
		cf_date_format(p->day, iso);
		static const char *const mon[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
						     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
		int y, mo, dd;
		cf_date_to_ymd(p->day, &y, &mo, &dd);
		snprintf(m.labels[k], sizeof m.labels[k], "%s %d", mon[(mo + 11) % 12], y);
		m.label_ptrs[k] = m.labels[k];
		m.target[k] = p->target;
		m.actual[k] = p->source ? p->actual : NAN;
		tolerance_band(m.target[k], tr->tolerance_pct, pol, 1, &m.green_lo[k], &m.green_hi[k]);
		tolerance_band(m.target[k], tr->tolerance_pct, pol, 2, &m.amber_lo[k], &m.amber_hi[k]);
		if (isfinite(m.actual[k]))
			latest = (long)r;
		long o = cf_table_add_row(t);
		if (o < 0 || cf_table_set_text(t, (size_t)o, 0, iso) ||
		    cf_table_set_text(t, (size_t)o, 3, isfinite(m.actual[k]) ? str(p->source) : NULL) ||
		    cf_table_set_text(t, (size_t)o, 5, isfinite(m.actual[k]) ? (p->source ? rag_name(p->rag) : "") : NULL)) {
			bad = 1;
			break;
		}
		set_maybe(t, (size_t)o, 1, m.target[k]);
		set_maybe(t, (size_t)o, 2, m.actual[k]);
		set_maybe(t, (size_t)o, 4, p->variance_pct);
	}
	const char *label = traj_label(tr->indicator);
	char from[32], to[32], a[48], b[48];
	long_date(tr->from, from, sizeof from);
	long_date(tr->to, to, sizeof to);
	html_number(a, sizeof a, tr->from_value, fabs(tr->from_value - round(tr->from_value)) < 1e-9 ? 0 : 1);
	html_number(b, sizeof b, tr->to_value, fabs(tr->to_value - round(tr->to_value)) < 1e-9 ? 0 : 1);
	struct strbuf *sb = rc->html;
	bad |= strbuf_adds(sb, "<h3>") || html_textf(sb, "%s: %s", tr->name, label) || strbuf_adds(sb, "</h3>");
	struct strbuf text = STRBUF_INIT;
	bad |= strbuf_addf(&text, "Target %s from %s on %s to %s on %s, %s, tolerance %.10g%%", tr->indicator, a, from, b,
			   to, tr->shape == TRAJ_GEOMETRIC ? "geometric (the same rate each month)"
							  : "linear (the same change each month)",
			   tr->tolerance_pct);
	if (tr->la_code[0])
		bad |= strbuf_addf(&text, "; LA %s", tr->la_code);
	bad |= strbuf_addf(&text, "; basis: %s; stored by %s at %s.", tr->basis, tr->set_by, tr->set_at);
	bad |= note(rc, strbuf_str(&text));
	/* the latest RAG in words */
	strbuf_reset(&text);
	enum rag latest_rag = RAG_NONE;
	if (latest >= 0) {
		const struct trajectory_point *p = &pts[latest];
		latest_rag = p->source ? p->rag : RAG_NONE;
		char day[32], act[48], tgt[48];
		long_date(p->day, day, sizeof day);
		double av = p->source ? p->actual : NAN, tv = p->target, vp = p->variance_pct;
		html_number(act, sizeof act, av, fabs(av - round(av)) < 1e-9 ? 0 : 1);
		html_number(tgt, sizeof tgt, tv, fabs(tv - round(tv)) < 1e-9 ? 0 : 1);
		bad |= strbuf_addf(&text, "%s on %s: actual %s (%s) against a target of %s", rag_name(latest_rag), day, act,
				   !strcmp(str(p->source), "kpi") ? "from the returns in the store"
									       : "DfE published",
				   tgt);
		if (isfinite(vp) && fabs(vp) >= 0.05)
			bad |= strbuf_addf(&text, ", %.1f%% %s it", fabs(vp), vp > 0 ? "above" : "below");
		else if (isfinite(vp))
			bad |= strbuf_adds(&text, ", on it");
		int good_side = pol == POL_LOWER_BETTER ? av <= tv : pol == POL_HIGHER_BETTER ? av >= tv : av == tv;
		bad |= strbuf_adds(&text, latest_rag == RAG_GREEN ? (good_side ? ": on the right side of the target"
									       : ": within the tolerance")
					  : latest_rag == RAG_AMBER ? ": beyond the tolerance, within twice it"
								    : ": beyond twice the tolerance");
		bad |= strbuf_addf(&text, " (%s).", pol == POL_LOWER_BETTER ? "lower is better"
						    : pol == POL_HIGHER_BETTER ? "higher is better"
									       : "either side counts");
	} else {
		bad |= strbuf_adds(&text, "no actual yet: no month of the path has a figure from the returns in the store "
					  "or a published figure for the LA (nothing is extrapolated).");
	}
	bad |= strbuf_addf(sb, "<p class=\"note\"><span style=\"display:inline-block;width:11px;height:11px;"
			       "border-radius:6px;margin-right:5px;background:%s\"></span><b>Latest RAG: ",
			   rag_colours[latest_rag]);
	bad |= html_text(sb, strbuf_str(&text));
	bad |= strbuf_adds(sb, "</b></p>");
	strbuf_reset(&text);
	bad |= strbuf_addf(&text, "%s: the target path from %s to %s month by month, the band where the actual is "
				  "within the %.10g%% tolerance and where within twice it, and the actuals:",
			   label, a, b, tr->tolerance_pct);
	int nact = 0;
	for (int k = 0; k < m.n; k++)
		if (isfinite(m.actual[k])) {
			char v[48];
			html_number(v, sizeof v, m.actual[k], fabs(m.actual[k] - round(m.actual[k])) < 1e-9 ? 0 : 1);
			if (nact < 24)
				bad |= strbuf_addf(&text, "%s %s %s", nact ? ";" : "", m.labels[k], v);
			nact++;
		}
	bad |= strbuf_adds(&text, nact ? (nact > 24 ? "; and more in the table." : ".") : " none yet.");
	char id[16], title[200];
	snprintf(title, sizeof title, "Trajectory %s: target, tolerance and actuals", tr->name);
	struct svg_band_chart ch = { .id = report_next_id(rc, id), .title = title, .desc = strbuf_str(&text),
				     .y_label = traj_unit_words(tr->indicator),
				     .labels = m.label_ptrs, .n = m.n, .outer_lo = m.amber_lo, .outer_hi = m.amber_hi,
				     .outer_name = "within twice the tolerance", .inner_lo = m.green_lo,
				     .inner_hi = m.green_hi, .inner_name = "within tolerance", .marker = -1,
				     .width = 620, .height = 260 };
	struct svg_series lines[2] = { { "target", m.target }, { "actual", m.actual } };
	ch.lines = lines;
	ch.nlines = 2;
	if (!bad && m.n) {
		bad |= report_figure_open(rc, ch.width);
		bad |= svg_band(rc->html, &ch);
		bad |= report_figure_close(rc, strbuf_str(&text), title, t, svg_band_height(&ch));
	}
	strbuf_release(&text);
	cf_table_free(t);
	traj_months_free(&m);
	return bad ? OOM() : CF_OK;
}

int report_panel_trajectories(struct report_ctx *rc, struct cf_error *err)
{
	const struct report_inputs *in = rc->in;
	const struct trajectory *ts = in->trajectories;
	int n = in->ntrajectories;
	if (n == 0)
		return note(rc, "No trajectories are stored. Set one with caseflow trajectory set --name NAME --indicator ID "
				"--from DATE:VALUE --to DATE:VALUE (or --la CODE --to sn_median --by DATE, from the gap to the "
				"neighbours); each then shows here month by month with its RAG status.")
			       ? OOM()
			       : CF_OK;
	struct cf_table *summary = NULL, *months = NULL;
	int r = trajectory_points_tables(ts, n, in->traj_points, in->ntraj_points, &summary, &months, err);
	if (!r && note(rc, "Each stored trajectory (the latest version of each name), month by month from its start to "
			   "its target date: the target, the actual (computed from the returns in the store for each month "
			   "whose 12 months they cover, else the LA's published annual figure in the month it describes), "
			   "and the RAG status: green on the right side of the target or within the tolerance, amber within "
			   "twice it, red beyond. Months with no actual are blank: nothing is extrapolated. The same "
			   "figures: caseflow trajectory show."))
		r = OOM();
	for (int k = 0; k < n && !r; k++)
		r = trajectory_figure(rc, &ts[k], k, in->traj_points, in->ntraj_points, err);
	if (!r) {
		summary->name = arena_strdup(&summary->arena, "Trajectories");
		months->name = arena_strdup(&months->arena, "Trajectory months");
		if (!summary->name || !months->name)
			r = OOM();
	}
	if (!r) {
		r = report_add_sheet(rc, summary, err);
		summary = NULL;
	}
	if (!r) {
		r = report_add_sheet(rc, months, err);
		months = NULL;
	}
	cf_table_free(summary);
	cf_table_free(months);
	return r;
}

/* Every stored trajectory and its months, with actuals from the returns
 * (kpi) or, when it names its LA and the store has them, DfE's tables. */
int report_trajectories_make(struct store *st, const struct report_options *opt, const struct kpi_data *data,
			     struct report_inputs *in, struct cf_error *err)
{
	struct trajectory *ts = NULL;
	int n = 0;
	int r = trajectory_list(st, NULL, &ts, &n, err);
	if (r)
		return r;
	in->trajectories = ts;
	in->ntrajectories = n;
	if (n == 0)
		return CF_OK;
	/* published actuals when a trajectory names its LA and the store has the tables */
	struct benchmark_data *d = NULL;
	int any_la = 0;
	for (int k = 0; k < n; k++)
		any_la |= ts[k].la_code[0] != '\0';
	if (any_la) {
		struct cf_error lerr;
		cf_error_clear(&lerr);
		int lrc = benchmark_load(st, NULL, &d, &lerr);
		if (lrc && lrc != CF_EINPUT) {
			*err = lerr;
			r = lrc;
		}
	}
	struct benchmark_local local = { 0 };
	if (!r)
		r = benchmark_kpi_attach(data, opt->suppress, &local, err);
	if (!r)
		r = trajectory_points(ts, n, d, local.monthly ? &local : NULL, &in->traj_points, &in->ntraj_points, err);
	benchmark_kpi_close(&local);
	benchmark_data_free(d);
	return r;
}
