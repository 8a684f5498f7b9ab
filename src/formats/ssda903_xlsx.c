/* SSDA903 as one workbook: a sheet per table (named as DfE's tables or
 * files, though each is recognised by its header row, as the CSV tables
 * are). Dates Excel stored as serial numbers are given as yyyy-mm-dd. */
#include "formats/ssda903.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "formats/xlsx.h"

#define MAXCELLS 256

struct sheet_read {
	const char *path, *sheet;
	enum ssda903_table table;     /* S903_NTABLES until the header is read */
	int colmap[MAXCELLS];
	int header_cells;
	int not_903;                  /* the header is no 903 table's */
	struct cf_error why;          /* why not */
	long rows;
	int sniff_only;
	ssda903_row_fn fn;
	void *ctx;
	char cellbuf[MAXCELLS][24];   /* dates rewritten */
};

static int on_row(void *vctx, long row, const struct xlsx_cell *cells, int ncells, struct cf_error *err)
{
	struct sheet_read *s = vctx;
	int n = ncells < MAXCELLS ? ncells : MAXCELLS;
	if (s->table == S903_NTABLES) {
		char *fields[MAXCELLS];
		size_t lens[MAXCELLS];
		for (int i = 0; i < n; i++) {
			fields[i] = (char *)cells[i].text;
			lens[i] = strlen(cells[i].text);
		}
		char where[600];
		snprintf(where, sizeof where, "%s, sheet %s", s->path, s->sheet);
		cf_error_clear(&s->why);
		if (ssda903_recognise(where, fields, lens, n, &s->table, s->colmap, &s->why) != CF_OK) {
			s->not_903 = 1;
			s->table = S903_NTABLES;
			return CF_EINPUT;   /* stop: the caller decides what a foreign sheet means */
		}
		s->header_cells = n;
		return s->sniff_only ? CF_EINPUT : CF_OK;
	}
	const char *vals[S903_MAXCOLS];
	size_t lens[S903_MAXCOLS];
	for (int c = 0; c < S903_MAXCOLS; c++) {
		vals[c] = NULL;
		lens[c] = 0;
	}
	for (int i = 0; i < s->header_cells; i++) {
		int c = s->colmap[i];
		if (c < 0)
			continue;
		const char *v = i < n ? cells[i].text : "";
		cf_date d;
		if (i < n && cells[i].is_date && cells[i].is_number && xlsx_serial_to_date(atof(v), &d) == 0) {
			cf_date_format(d, s->cellbuf[i]);
			v = s->cellbuf[i];
		}
		vals[c] = v;
		lens[c] = strlen(v);
	}
	s->rows++;
	return s->fn(s->ctx, s->table, vals, lens, row, row, err);
}

/* Read (or, sniff_only, just recognise) every sheet. *tables counts the
 * sheets that are 903 tables. */
static int read_book(const char *path, int sniff_only, int *tables, long rows[S903_NTABLES], ssda903_row_fn fn,
		     void *ctx, struct cf_error *err)
{
	struct xlsx_book *b;
	int rc = xlsx_open(&b, path, err);
	*tables = 0;
	if (rc)
		return rc;
	struct sheet_read *s = malloc(sizeof *s);
	if (!s) {
		xlsx_close(b);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	for (int i = 0; rows && i < S903_NTABLES; i++)
		rows[i] = 0;
	struct cf_error first_why;
	int have_why = 0;
	cf_error_clear(&first_why);
	for (int i = 0; i < xlsx_sheet_count(b) && !rc; i++) {
		memset(s, 0, sizeof *s);
		s->path = path;
		s->sheet = xlsx_sheet_name(b, i);
		s->table = S903_NTABLES;
		s->sniff_only = sniff_only;
		s->fn = fn;
		s->ctx = ctx;
		rc = xlsx_sheet_read(b, i, on_row, s, err);
		if (s->not_903) {
			/* a sheet that is no table (notes, a cover sheet) is passed over; the
			 * first one's reason is the message when no sheet is a table */
			if (!have_why) {
				first_why = s->why;
				have_why = 1;
			}
			rc = CF_OK;
			continue;
		}
		if (s->table != S903_NTABLES) {
			(*tables)++;
			if (sniff_only)
				rc = CF_OK;
			else if (rows)
				rows[s->table] += s->rows;
		}
	}
	free(s);
	xlsx_close(b);
	if (!rc && *tables == 0 && have_why && !sniff_only) {
		*err = first_why;
		rc = CF_EINPUT;
	}
	return rc;
}

int ssda903_xlsx_sniff(const char *path)
{
	struct cf_error e;
	cf_error_clear(&e);
	int tables;
	return read_book(path, 1, &tables, NULL, NULL, NULL, &e) == CF_OK && tables > 0;
}

int ssda903_xlsx_read(const char *path, long rows[S903_NTABLES], ssda903_row_fn fn, void *ctx, struct cf_error *err)
{
	int tables;
	int rc = read_book(path, 0, &tables, rows, fn, ctx, err);
	if (!rc && tables == 0)
		rc = cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL, "no sheet of this workbook is an SSDA903 table");
	return rc;
}
