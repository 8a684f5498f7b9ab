/* Render result tables as an aligned text table, CSV, JSON or an Excel
 * workbook (one sheet per table). The same tables feed every format, so a
 * figure on screen and in the spreadsheet cannot disagree. */
#ifndef CF_OUTPUTS_RENDER_H
#define CF_OUTPUTS_RENDER_H

#include <stdio.h>

#include "base/error.h"
#include "base/table.h"

enum render_format { RENDER_TABLE = 0, RENDER_CSV, RENDER_JSON, RENDER_XLSX };

/* Parse "table", "csv", "json" or "xlsx". Returns 0, or -1 when unknown. */
int render_format_parse(const char *s, enum render_format *out);

/* 1 when `out` names a folder for CSV: an existing one, or a path ending in '/'. */
int render_out_is_dir(const char *out);
/* The tables' names as a sentence list ("a, b and c") into buf, cut to size. */
void render_table_names(struct cf_table *const *tables, int n, char *buf, size_t size);

/* Write tables[0..n) in fmt. For TABLE, CSV and JSON output goes to `out`
 * (a path, or NULL/"-" for stdout). JSON is one array of rows for one
 * table, and for several an object of arrays keyed by table name, so each
 * array has one row shape. CSV into a folder (`out` an existing folder or
 * ending in '/', made if missing) writes NAME.csv per table, one table per
 * file; to one file or stream CSV holds one table, and several are
 * CF_EUSAGE with err listing their names (the command's --table picks one). XLSX needs a path and writes one sheet per table, named in
 * sentence case ("business_case" is "Business case"), numbers formatted by
 * their column's unit (£, %, decimals; a kpi "value" by its row's unit) and
 * long text wrapped at words. */
int render_tables(struct cf_table *const *tables, int n, enum render_format fmt,
		  const char *out, struct cf_error *err);

/* As render_tables in XLSX, then more(wb, ctx) adds sheets of its own to
 * the open workbook (an lxw_workbook *) before it is closed; more returns
 * CF_OK or a status with err set. */
int render_tables_xlsx(struct cf_table *const *tables, int n, const char *path,
		       int (*more)(void *wb, void *ctx, struct cf_error *err), void *ctx,
		       struct cf_error *err);

/* One table to an open stream (TABLE, CSV or JSON). */
/* The worksheet name a table gets in a workbook: sentence case with spaces,
 * the usual abbreviations in capitals, at most 31 characters, none of
 * Excel's forbidden characters ("records_cla_31mar" -> "Records CLA 31mar"). */
void render_sheet_name(const char *name, char out[32]);
void render_table_text(const struct cf_table *t, FILE *fp);
void render_table_csv(const struct cf_table *t, FILE *fp);
/* JSON: writes the objects of t separated by commas, without brackets;
 * *first tracks whether a comma is needed across several tables. */
void render_table_json_rows(const struct cf_table *t, FILE *fp, int *first);
void render_json_string(FILE *fp, const char *s);
/* tables[0..n) as render_tables writes JSON (the server's API uses it). */
void render_tables_json(struct cf_table *const *tables, int n, FILE *fp);

#endif
