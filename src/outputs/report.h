/* The Vital Signs report: one self-contained HTML page (inline CSS and
 * SVG, no scripts, no network), a workbook with the numbers behind every
 * view, and the indicators as CSV.
 *
 * The page is a list of panels. A panel is a function that writes its part
 * of the page into rc->html (inside a <section> the report opens for it)
 * and hands the numbers behind its charts to report_add_sheet(). To add a
 * panel, write the function in its own file and add a line to
 * report_panels[] in report.c. */
#ifndef CF_OUTPUTS_REPORT_H
#define CF_OUTPUTS_REPORT_H

#include "indicators/indicators.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/table.h"
#include "outputs/svg.h"
#include "store/store.h"

struct report_options {
	struct kpi_period period;       /* the period reported on */
	long suppress;                  /* small-count threshold; 0 = off */
	const struct centroids *centroids;  /* NULL: no distances */
	const char *scenario;           /* forecast scenario file; NULL: none */
	const char *la;                 /* LA code or name to benchmark; NULL: no benchmarks */
	const char *programme;          /* the programme to show; NULL: the one loaded last */
};

struct report_ctx {
	struct store *st;               /* open, for panels that need more than indicators */
	const struct kpi_data *data;
	const struct report_options *opt;
	struct kpi_period period, previous;   /* the period and the same a year before */
	/* The LA's indicators (no breakdown) for: [0] the period, [1] a year
	 * before, then nyears financial years from year0, then nmonths months
	 * from month0 (the 3-5 years to the period end). */
	struct kpi_result *series;
	int year0, nyears;              /* period index of the first year in series */
	int month0, nmonths;
	struct kpi_result *by_locality; /* the period by locality */
	struct strbuf *html;            /* the page so far */
	struct cf_table *sheets[48];    /* owned: the workbook's sheets after "indicators" */
	int nsheets;
	int seq;                        /* for ids unique in the page */
};

struct report_panel {
	const char *id;                 /* the section's anchor */
	const char *title;
	int (*write)(struct report_ctx *rc, struct cf_error *err);
	int half;                       /* 1: half the page width on screen (charts about 340 px wide) */
};

/* The panels, in page order; NULL-terminated by a zero entry. */
extern const struct report_panel report_panels[];

/* Write DIR/index.html, DIR/vital-signs.xlsx and DIR/indicators.csv
 * (DIR is created when missing). */
int report_write(struct store *st, const struct kpi_data *data, const struct report_options *opt, const char *dir,
		 struct cf_error *err);

/* --- for panels ------------------------------------------------------------ */

/* Hand a table to the workbook (one sheet per view); takes ownership. */
int report_add_sheet(struct report_ctx *rc, struct cf_table *t, struct cf_error *err);
/* An indicator's LA cell in rc->series at period index p. */
const struct kpi_cell *report_cell(const struct report_ctx *rc, int p, int id);
/* Write a chart and the table of its numbers side by side, with the
 * chart's text alternative as the figure caption. kind: 'l' line, 'b' bars,
 * 's' stacked columns. numbers may be NULL when another figure's table
 * already holds them. */
int report_figure(struct report_ctx *rc, int kind, struct svg_chart *chart, const struct cf_table *numbers);
/* The same for charts report_figure does not draw: open the figure, write
 * the <svg> into rc->html, then close it with its caption (the text
 * alternative) and its numbers (NULL: none). height sizes the table. */
int report_figure_open(struct report_ctx *rc, int width);
int report_figure_close(struct report_ctx *rc, const char *caption, const char *title, const struct cf_table *numbers,
			int height);
/* "72.5", "12.3%", "1,234", "15.2"; "c" when suppressed, "–" when unknown. */
void report_format_value(char *buf, size_t size, const struct kpi_cell *c, int id);
/* A fresh id for a chart. */
const char *report_next_id(struct report_ctx *rc, char buf[16]);

/* The headline indicators (kpi ids), in tile order: the headlines panel
 * shows them, the benchmarks panel compares those DfE publishes. */
extern const int report_headline_ids[];
extern const int report_nheadlines;

/* The panels of the Vital Signs (report_panels.c). */
int report_panel_headlines(struct report_ctx *rc, struct cf_error *err);
int report_panel_funnel(struct report_ctx *rc, struct cf_error *err);
int report_panel_trends(struct report_ctx *rc, struct cf_error *err);
int report_panel_entry_ages(struct report_ctx *rc, struct cf_error *err);
int report_panel_placements(struct report_ctx *rc, struct cf_error *err);
int report_panel_localities(struct report_ctx *rc, struct cf_error *err);
int report_panel_workforce(struct report_ctx *rc, struct cf_error *err);
int report_panel_notes(struct report_ctx *rc, struct cf_error *err);
/* The forecast (report_forecast.c), benchmarks and trajectories
 * (report_benchmark.c) and the programme (report_programme.c). */
int report_panel_forecast(struct report_ctx *rc, struct cf_error *err);
int report_panel_programme(struct report_ctx *rc, struct cf_error *err);
int report_panel_benchmarks(struct report_ctx *rc, struct cf_error *err);
int report_panel_trajectories(struct report_ctx *rc, struct cf_error *err);
/* Money and sufficiency (report_money.c). */
int report_panel_money(struct report_ctx *rc, struct cf_error *err);
int report_panel_sufficiency(struct report_ctx *rc, struct cf_error *err);


#endif
