/* The Data quality panel: what ingest recorded about the data behind the
 * figures (as caseflow quality shows it), the indicators whose inputs have
 * problems, and the sheets of the workbook. The headline tiles carry a
 * warning where a figure's input has problems in more than 1% of rows
 * (report_panels.c reads rc->quality.share). */
#include "outputs/report.h"

#include <stdio.h>
#include <string.h>

#include "outputs/html.h"

#define OOM() cf_error_set(err, CF_EIO, "out of memory writing the report")

static int note(struct report_ctx *rc, const char *text)
{
	return strbuf_adds(rc->html, "<p class=\"note\">") || html_text(rc->html, text) || strbuf_adds(rc->html, "</p>");
}

/* The indicators whose input has problems, worst first. */
static struct cf_table *affected_table(const struct quality *q)
{
	struct cf_table *t = cf_table_new("Data quality by indicator");
	if (!t || cf_table_add_column(t, "indicator", CF_CELL_TEXT, 0) < 0 ||
	    cf_table_add_column(t, "title", CF_CELL_TEXT, 0) < 0 ||
	    cf_table_add_column(t, "percent_of_input_rows_with_problems", CF_CELL_REAL, 1) < 0 ||
	    cf_table_add_column(t, "headline_warning", CF_CELL_TEXT, 0) < 0) {
		cf_table_free(t);
		return NULL;
	}
	unsigned char done[K_N] = { 0 };
	for (;;) {
		int best = -1;
		for (int k = 0; k < K_N; k++)
			if (!done[k] && q->share[k] > 0 && (best < 0 || q->share[k] > q->share[best]))
				best = k;
		if (best < 0)
			break;
		done[best] = 1;
		long row = cf_table_add_row(t);
		if (row < 0 || cf_table_set_text(t, (size_t)row, 0, kpi_defs[best].id) ||
		    cf_table_set_text(t, (size_t)row, 1, kpi_defs[best].title) ||
		    cf_table_set_text(t, (size_t)row, 3, q->share[best] > REPORT_QUALITY_WARN ? "yes" : "no")) {
			cf_table_free(t);
			return NULL;
		}
		cf_table_set_real(t, (size_t)row, 2, 100.0 * q->share[best]);
	}
	return t;
}

int report_panel_quality(struct report_ctx *rc, struct cf_error *err)
{
	struct quality *q = &rc->quality;
	if (!q->groups)
		return note(rc, "No record of problems: the store holds no issues table to read.") ? OOM() : CF_OK;
	char buf[64], buf2[64], intro[600];
	html_number(buf, sizeof buf, (double)q->problems, 0);
	html_number(buf2, sizeof buf2, (double)q->notes, 0);
	if (!q->problems && !q->notes) {
		if (note(rc, "Every value of every return loaded was read as the specifications write it: "
			     "caseflow ingest recorded no problem."))
			return OOM();
	} else {
		snprintf(intro, sizeof intro,
			 "caseflow ingest recorded %s problem%s in the data loaded (values kept as written, which the "
			 "figures that read them may count wrongly or leave out) and %s note%s (values read, with a "
			 "remark: a DfE label read as its code). A headline whose input has problems in more than 1%% "
			 "of rows carries a warning. Every row, with its file and row: caseflow quality.",
			 buf, q->problems == 1 ? "" : "s", buf2, q->notes == 1 ? "" : "s");
		if (note(rc, intro) || html_table(rc->html, q->by_reason, "Problems and notes by reason", "–"))
			return OOM();
	}
	struct cf_table *aff = affected_table(q);
	if (!aff)
		return OOM();
	int bad = 0;
	if (aff->nrows)
		bad |= html_table(rc->html, aff, "Indicators whose input has problems (the largest share of a table they read)", "–");
	/* the first groups on the page; all of them in the workbook */
	if (q->groups->nrows) {
		struct cf_table *top = cf_table_new("top");
		int cols[] = { 1, 3, 4, 5, 7, 8, 9, 10, 12 };
		int nc = (int)(sizeof cols / sizeof cols[0]);
		for (int c = 0; top && c < nc; c++)
			if (cf_table_add_column(top, q->groups->cols[cols[c]].name, q->groups->cols[cols[c]].type,
						q->groups->cols[cols[c]].decimals) < 0) {
				cf_table_free(top);
				top = NULL;
			}
		for (size_t r = 0; top && r < q->groups->nrows && r < 15; r++) {
			long row = cf_table_add_row(top);
			for (int c = 0; row >= 0 && c < nc; c++) {
				const struct cf_cell *cell = cf_table_cell(q->groups, r, cols[c]);
				if (cell->type == CF_CELL_TEXT)
					bad |= cf_table_set_text(top, (size_t)row, c, cell->v.s) != 0;
				else if (cell->type == CF_CELL_INT)
					cf_table_set_int(top, (size_t)row, c, cell->v.i);
				else if (cell->type == CF_CELL_REAL)
					cf_table_set_real(top, (size_t)row, c, cell->v.d);
			}
			bad |= row < 0;
		}
		if (!top)
			bad = 1;
		else
			bad |= html_table(rc->html, top, q->groups->nrows > 15 ? "The 15 largest groups (all in the workbook's Data quality sheet)"
										  : "By file, table, column and reason", "–");
		cf_table_free(top);
	}
	if (bad) {
		cf_table_free(aff);
		return OOM();
	}
	/* the workbook takes the tables over */
	int r = report_add_sheet(rc, q->groups, err);
	q->groups = NULL;
	if (!r) {
		r = report_add_sheet(rc, q->by_reason, err);
		q->by_reason = NULL;
	}
	if (!r)
		r = report_add_sheet(rc, aff, err);
	else
		cf_table_free(aff);
	return r;
}
