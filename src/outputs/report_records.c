/* The records behind the headline tiles, for the report's workbook: a sheet
 * per tile listing the children (or events) each figure counts with the
 * file and row of the deciding record, and an index sheet saying what each
 * sheet's rows count. None under --suppress: they name children one by one. */
#include "outputs/render.h"
#include "outputs/report.h"

#include <stdio.h>
#include <stdlib.h>

int report_records_sheets(const struct report_ctx *rc, struct cf_table **out, int cap, int *n, struct cf_error *err)
{
	*n = 0;
	if (rc->opt->suppress > 0)
		return CF_OK;
	struct cf_table *index = cf_table_new("Records");
	if (!index || cap < 1) {
		cf_table_free(index);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	static const char *const cols[] = { "sheet", "indicator", "title", "period", "numerator", "denominator",
					    "records", "what a row is" };
	static const enum cf_cell_type types[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT,
						   CF_CELL_REAL, CF_CELL_REAL, CF_CELL_INT, CF_CELL_TEXT };
	for (int c = 0; c < 8; c++)
		cf_table_add_column(index, cols[c], types[c], 1);
	out[(*n)++] = index;
	struct kpi_options o = { .by = KPI_BY_ALL, .centroids = rc->opt->centroids };
	/* every tile's records from one counting pass */
	int ids[64], nids = 0;
	for (int i = 0; i < report_nheadlines && nids < 64; i++)
		/* families_one_plan's rows name families, which the report never does (docs/families.md) */
		if (!rc->series->omitted[report_headline_ids[i]] && report_headline_ids[i] != K_FAMILIES_ONE_PLAN)
			ids[nids++] = report_headline_ids[i];
	struct kpi_records *recs[64];
	int r = kpi_records_many(rc->st, rc->data, ids, nids, &rc->period, &o, NULL, recs, err);
	for (int i = 0; i < nids && !r; i++) {
		int id = ids[i];
		const struct kpi_records *rec = recs[i];
		struct cf_table *t = NULL;
		long row = cf_table_add_row(index);
		int listed = rec->listed;
		if (listed && *n < cap)
			r = kpi_records_table(rec, &t, err);
		else if (listed)
			r = cf_error_set(err, CF_EIO, "too many sheets in the workbook");
		char sheet[32] = "";
		if (t)   /* the name the workbook gives the sheet, so the index can be followed */
			render_sheet_name(t->name, sheet);
		if (!r && row >= 0 &&
		    !cf_table_set_text(index, (size_t)row, 0, sheet) &&
		    !cf_table_set_text(index, (size_t)row, 1, kpi_defs[id].id) &&
		    !cf_table_set_text(index, (size_t)row, 2, kpi_defs[id].title) &&
		    !cf_table_set_text(index, (size_t)row, 3, rec->period.label) &&
		    !cf_table_set_text(index, (size_t)row, 7, rec->note)) {
			if (rec->cell.has_num)
				cf_table_set_real(index, (size_t)row, 4, rec->cell.num);
			if (rec->cell.has_den)
				cf_table_set_real(index, (size_t)row, 5, rec->cell.den);
			if (listed)
				cf_table_set_int(index, (size_t)row, 6, (long long)rec->n);
			if (t)
				out[(*n)++] = t, t = NULL;
		} else if (!r) {
			r = cf_error_set(err, CF_EIO, "out of memory");
		}
		cf_table_free(t);
	}
	for (int i = 0; i < nids; i++)
		kpi_records_free(recs[i]);   /* NULL when kpi_records_many failed */
	if (r) {
		for (int k = 0; k < *n; k++)
			cf_table_free(out[k]);
		*n = 0;
	}
	return r;
}
