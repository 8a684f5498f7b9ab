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

#include "forecast/forecast.h"
#include "indicators/indicators.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/table.h"
#include "outputs/svg.h"
#include "placements/placements.h"
#include "families/families.h"
#include "explore/explore.h"
#include "store/store.h"

struct report_options {
	struct kpi_period period;       /* the period reported on */
	long suppress;                  /* small-count threshold; 0 = off */
	const struct centroids *centroids;  /* NULL: no distances */
	const char *scenario;           /* forecast scenario file; NULL: none */
	const char *la;                 /* LA code or name to benchmark; NULL: no benchmarks */
	const char *sn_model;           /* neighbour grouping for --la: "2025" or "2021"; NULL: 2025 */
	const char *programme;          /* the programme to show; NULL: the one loaded last */
	cf_date as_of;                  /* the day milestones and benefits are judged on; 0: the
					   period's end, or the data's end when that is earlier */
	const char *locality;           /* NULL: the whole authority; else only the panels drawn from
					   the indicators (report_panel.locality), for that locality's
					   children (kpi_options.locality) */
};

/* What the panels show that the rooms compute, made by report_build
 * through the rooms' entry points before any panel is written: panels lay
 * these out and compute nothing themselves. */
enum { REPORT_MAX_BENCHMARKS = 32 };

struct programme;
struct programme_entry;
struct prog_actual;
struct benefits_result;
struct milestones_result;
struct cba_analysis;
struct workforce_result;
struct report_ctx;

struct report_inputs {
	struct forecast_result *forecast;   /* owned; NULL: none, forecast_note says why */
	char forecast_note[600];
	/* the same method rewound 12 months before the data's end and scored
	 * against what happened (forecast_run's backtest: its "backtest" and
	 * "coverage" tables) */
	struct forecast_result *backtest;   /* owned; NULL: none, backtest_note says why */
	char backtest_note[400];
	cf_date backtest_cutoff;
	/* benchmarks, with opt->la: the LA's headline rows (benchmark_rows) and
	 * each headline indicator's areas by year (benchmark_comparison) */
	struct benchmark_data *bm_data;     /* owned; NULL: no comparison, bm_note says why */
	char bm_note[700];
	char bm_la[8];                      /* the LA's three-digit number */
	struct benchmark_row *bm_rows;      /* owned, pointing into bm_data */
	size_t bm_nrows;
	int bm_ids[REPORT_MAX_BENCHMARKS];  /* indexes into indicator_map */
	struct benchmark_area_value *bm_areas[REPORT_MAX_BENCHMARKS];   /* owned */
	int bm_nareas[REPORT_MAX_BENCHMARKS];
	int bm_nids;
	/* trajectories: the latest version of each, month by month */
	struct trajectory *trajectories;    /* owned */
	int ntrajectories;
	struct trajectory_point *traj_points;   /* owned (trajectory_points) */
	size_t ntraj_points;
	/* the programme shown: the stored ones, it, and its benefits' actuals
	 * from the store (programme_indicator_actuals) */
	struct programme_entry *prog_list;  /* owned; none loaded: prog_note says how */
	int prog_nlist;
	char prog_note[400];
	struct programme *programme;        /* owned */
	const char *prog_loaded_at;         /* in prog_list */
	struct prog_actual *prog_actuals;   /* owned */
	int prog_nactuals;
	char prog_actuals_notes[1024];      /* why an indicator has no actuals */
	/* its views judged on the period's end, each owned and NULL when the
	 * programme has none: benefits from the store's actuals the page shows
	 * (under --suppress, prog_withheld of them are left out) */
	struct benefits_result *prog_benefits;
	int prog_withheld;
	struct milestones_result *prog_milestones;
	struct cba_analysis *prog_cba;
	struct workforce_result *prog_workforce;
	/* money (report_placements_make): caseflow money for the financial
	 * year holding the period's end, as of that day; money_loaded 0: no
	 * placement_costs extract, and nothing else is made */
	int money_loaded;
	struct money_options money_opt;
	struct money_centres money_centres;        /* owned: the page's cost centre table */
	struct money_unit_costs money_unit_costs;  /* owned: the page's unit costs by provider type */
	struct money_providers money_providers;    /* owned: the page's top providers */
	struct cf_table *money[MONEY_NTABLES];     /* owned: money_tables', the sheets and notes */
	/* sufficiency on the period's end; sufficiency_loaded 0: neither a
	 * foster_households nor a homes extract */
	int sufficiency_loaded;
	int sufficiency_sectors;                   /* the localities extract gives postcode sectors */
	int sufficiency_providers;                 /* Ofsted's provider list is loaded: placements by grade */
	struct sufficiency sufficiency_result;     /* owned: the page's carers, homes, gap and location */
	struct cf_table *sufficiency[SUFFICIENCY_NTABLES];   /* owned: sufficiency_tables', the sheets, need,
							       * gap, location and notes */
	/* families and the quality of practice (report_families_make): caseflow
	 * families for the report's period; families_loaded 0: no families
	 * extract (members, allocations, plans or audits) and no CP plan */
	int families_loaded;
	struct families_result families;           /* owned */
	/* flows between services (report_flows_make): caseflow flows over the
	 * report's months (within 28 days); flows_loaded 0: no referral, early
	 * help, plan or care in them */
	int flows_loaded;
	struct flows_result flows;                 /* owned */
};

struct report_ctx {
	struct store *st;               /* open, for panels that need more than indicators */
	const struct kpi_data *data;
	const struct report_options *opt;
	const struct report_inputs *in;
	struct kpi_period period, previous;   /* the period and the same a year before */
	/* The LA's indicators (no breakdown) for: [0] the period, [1] a year
	 * before, then nyears financial years from year0, then nmonths months
	 * from month0 (the 3-5 years to the period end). */
	struct kpi_result *series;
	int year0, nyears;              /* period index of the first year in series */
	int month0, nmonths;
	struct kpi_result *by_locality; /* the period by locality */
	struct strbuf *html;            /* the page so far */
	struct cf_table *sheets[64];    /* owned: the workbook's sheets after "indicators" (46 with every panel loaded) */
	int nsheets;
	int seq;                        /* for ids unique in the page */
	struct quality quality;         /* owned: the problems recorded at ingest (Data quality panel, tile warnings) */
};

/* A headline whose input has problems in more than this share of rows is flagged. */
#define REPORT_QUALITY_WARN 0.01

struct report_panel {
	const char *id;                 /* the section's anchor */
	const char *title;
	int (*write)(struct report_ctx *rc, struct cf_error *err);
	int half;                       /* 1: half the page width on screen (charts about 340 px wide) */
	int locality;                   /* 1: laid out from the indicators alone, so drawn for one
					   locality too; 0: the authority's (forecast, money, ...) */
};

/* The panels, in page order; NULL-terminated by a zero entry. */
extern const struct report_panel report_panels[];

/* The report's one entry point, for the CLI and the server: read the
 * store's indicators, take the period (opt->period, or when its label is
 * empty the latest complete financial year, written back into *opt), resolve
 * opt->la, compute every panel's inputs and write DIR/index.html,
 * DIR/vital-signs.xlsx and DIR/indicators.csv (DIR is created when
 * missing). CF_EUSAGE when opt->la names no LA in DfE's published tables
 * in the store. */
int report_build(struct store *st, struct report_options *opt, const char *dir, struct cf_error *err);

/* Write the report from indicators already read (report_build calls it). */
int report_write(struct store *st, const struct kpi_data *data, const struct report_options *opt, const char *dir,
		 struct cf_error *err);

/* The forecast the panel shows: caseflow forecast's defaults with 200 seeded
 * runs and the report's scenario, so `caseflow forecast --runs 200 --seed 1`
 * gives the same numbers. */
void report_forecast_options(const struct report_options *opt, struct forecast_options *fo);
/* Each panel's inputs into in (report_write calls them before any panel). */
int report_forecast_make(struct store *st, const struct report_options *opt, const struct kpi_data *data,
			 struct report_inputs *in, struct cf_error *err);
int report_benchmarks_make(struct store *st, const struct report_options *opt, const struct kpi_data *data,
			   struct report_inputs *in, struct cf_error *err);
int report_trajectories_make(struct store *st, const struct report_options *opt, const struct kpi_data *data,
			     struct report_inputs *in, struct cf_error *err);
/* The programme's are judged on rc->period's end and need rc->series
 * (report_compute_series) for what --suppress leaves out. */
int report_programme_make(const struct report_ctx *rc, struct report_inputs *in, struct cf_error *err);
void report_programme_release(struct report_inputs *in);
/* Money and sufficiency from the store's placements extracts, for
 * rc->period's end (and rc->data's episodes, rc->opt's centroids). */
int report_placements_make(const struct report_ctx *rc, struct report_inputs *in, struct cf_error *err);
void report_placements_release(struct report_inputs *in);
/* Families and the quality of practice for rc->period (report_families.c). */
int report_families_make(const struct report_ctx *rc, struct report_inputs *in, struct cf_error *err);
void report_families_release(struct report_inputs *in);
/* Flows between services over rc's months (report_flows.c). */
int report_flows_make(const struct report_ctx *rc, struct report_inputs *in, struct cf_error *err);
void report_flows_release(struct report_inputs *in);
/* Every panel's inputs (forecast, benchmarks, trajectories, programme,
 * money, sufficiency, families and flows) into
 * in, for rc's store, data, options and period, after
 * report_compute_series(rc), as report_write makes them before any panel;
 * a caller that lays out its own page (caseflow serve) sets rc->in to them.
 * Free them with report_inputs_release, also after a failure. */
int report_inputs_make(const struct report_ctx *rc, struct report_inputs *in, struct cf_error *err);
void report_inputs_release(struct report_inputs *in);
/* For callers that lay out their own page (caseflow serve): the page's
 * style sheet, and the series behind every panel (rc->series, by_locality,
 * year0, nyears, month0, nmonths) for rc->period, rc->previous and
 * rc->opt; the caller frees rc->series and rc->by_locality
 * (kpi_result_free) and rc->sheets. */
extern const char report_css[];
int report_compute_series(struct report_ctx *rc, struct cf_error *err);

/* --- for panels ------------------------------------------------------------ */

/* Hand a table to the workbook (one sheet per view); takes ownership. */
int report_add_sheet(struct report_ctx *rc, struct cf_table *t, struct cf_error *err);
/* The same at the end of a panel's figure: when BAD (building the table or
 * its figure ran out of memory) it frees T and fails as out of memory. */
int report_add_built_sheet(struct report_ctx *rc, struct cf_table *t, int bad, struct cf_error *err);
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

/* The workbook's record sheets (report_records.c): an index sheet, then a
 * sheet per headline tile with the records behind its figure (kpi_records),
 * into out[0..cap); *n of them, the caller's to free. None under --suppress. */
int report_records_sheets(const struct report_ctx *rc, struct cf_table **out, int cap, int *n, struct cf_error *err);

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
int report_panel_quality(struct report_ctx *rc, struct cf_error *err);
/* Money and sufficiency (report_money.c). */
int report_panel_money(struct report_ctx *rc, struct cf_error *err);
int report_panel_sufficiency(struct report_ctx *rc, struct cf_error *err);
/* Families and the quality of practice (report_families.c). */
int report_panel_families(struct report_ctx *rc, struct cf_error *err);
int report_panel_practice(struct report_ctx *rc, struct cf_error *err);
/* Step-up and step-down between services (report_flows.c). */
int report_panel_flows(struct report_ctx *rc, struct cf_error *err);


#endif
