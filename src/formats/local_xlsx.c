/* Local extracts given as a workbook: the first sheet read like the CSV
 * layouts (local_csv.h), cells handed to the same row callback. The header
 * is the first row that is one of the layouts, within the first few: a
 * published workbook (Ofsted's provider lists) has a title above it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/local_csv.h"
#include "formats/xlsx.h"

struct sheet_read {
	const char *path;
	const struct local_csv_handler *h;   /* NULL: only sniffing the header */
	void *ctx;
	long *rows;
	int header_seen, recognised;
	int title_rows;                      /* rows above the header passed over (a published workbook's title) */
	enum local_kind kind;
	int *colmap;
	int ncols;
};

#define MAX_HEADER 256   /* header fields looked at; more are ignored */
#define MAX_TITLE_ROWS 10 /* rows above the header that may be a title, notes or a source line */

static int on_header(struct sheet_read *s, const struct xlsx_cell *cells, int ncells, long row, struct cf_error *err)
{
	int n = ncells < MAX_HEADER ? ncells : MAX_HEADER;
	char *fields[MAX_HEADER];
	size_t lens[MAX_HEADER];
	for (int i = 0; i < n; i++) {
		fields[i] = (char *)cells[i].text;
		lens[i] = strlen(cells[i].text);
	}
	s->header_seen = 1;
	s->colmap = malloc(sizeof *s->colmap * (size_t)(n ? n : 1));
	if (!s->colmap)
		return cf_error_set(err, CF_EIO, "out of memory");
	s->ncols = n;
	s->recognised = local_csv_recognise(fields, lens, n, &s->kind, s->colmap);
	if (!s->recognised && s->title_rows < MAX_TITLE_ROWS) {
		/* a published workbook (Ofsted's lists) puts a title above its header */
		s->title_rows++;
		s->header_seen = 0;
		free(s->colmap);
		s->colmap = NULL;
		return CF_OK;
	}
	if (!s->h)
		return LOCAL_STOP;
	if (!s->recognised)
		return cf_error_at(err, CF_EINPUT, s->path, row, NULL, NULL,
				   "the first sheet's header is not one of the local layouts (docs/money.md)");
	int rc = CF_OK;
	for (int i = 0; i < n && !rc; i++)
		for (int j = 0; j < i && !rc; j++)
			if (s->colmap[i] >= 0 && s->colmap[j] == s->colmap[i])
				rc = cf_error_at(err, CF_EINPUT, s->path, row, local_col_names[s->colmap[i]], NULL,
						 "column %s appears twice in the header", local_col_names[s->colmap[i]]);
	if (!rc && s->h->begin)
		rc = s->h->begin(s->ctx, s->kind, err);
	for (int i = 0; i < n && !rc; i++)
		if (s->colmap[i] < 0 && s->h->extra && cells[i].text[0]) {
			char name[128];
			snprintf(name, sizeof name, "%.100s", cells[i].text);
			rc = s->h->extra(s->ctx, name, err);
		}
	return rc;
}

static int on_row(void *vctx, long row, const struct xlsx_cell *cells, int ncells, struct cf_error *err)
{
	struct sheet_read *s = vctx;
	if (!s->header_seen)
		return on_header(s, cells, ncells, row, err);
	const char *vals[LC_NCOLS];
	size_t lens[LC_NCOLS];
	char dates[LC_NCOLS][11];
	for (int c = 0; c < LC_NCOLS; c++) {
		vals[c] = NULL;
		lens[c] = 0;
	}
	for (int i = 0; i < s->ncols; i++) {
		int c = s->colmap[i];
		if (c < 0)
			continue;
		vals[c] = "";
		if (i >= ncells)
			continue;
		const struct xlsx_cell *x = &cells[i];
		cf_date d;
		if (x->is_date && x->is_number && xlsx_serial_to_date(strtod(x->text, NULL), &d) == 0) {
			cf_date_format(d, dates[c]);
			vals[c] = dates[c];
		} else
			vals[c] = x->text;
		lens[c] = strlen(vals[c]);
	}
	(*s->rows)++;
	return s->h->row(s->ctx, s->kind, vals, lens, row, row, err);
}

static int read_first_sheet(struct sheet_read *s, struct cf_error *err)
{
	struct xlsx_book *b;
	int rc = xlsx_open(&b, s->path, err);
	if (rc)
		return rc;
	rc = xlsx_sheet_count(b) > 0 ? xlsx_sheet_read(b, 0, on_row, s, err)
				     : cf_error_at(err, CF_EINPUT, s->path, 0, NULL, NULL, "the workbook has no sheet");
	xlsx_close(b);
	if (rc == LOCAL_STOP)
		rc = CF_OK;
	if (!rc && !s->header_seen && s->h)
		rc = cf_error_at(err, CF_EINPUT, s->path, 1, NULL, NULL,
				 s->title_rows ? "none of the first sheet's rows is a header of the local layouts (docs/money.md)"
					       : "the first sheet has no header");
	free(s->colmap);
	return rc;
}

int local_xlsx_read(const char *path, const struct local_csv_handler *h, void *ctx, long *rows, struct cf_error *err)
{
	struct sheet_read s = { path, h, ctx, rows, 0, 0, 0, LOCAL_CONTACTS, NULL, 0 };
	*rows = 0;
	return read_first_sheet(&s, err);
}

int local_xlsx_sniff(const char *path)
{
	long rows = 0;
	struct sheet_read s = { path, NULL, NULL, &rows, 0, 0, 0, LOCAL_CONTACTS, NULL, 0 };
	struct cf_error e;
	cf_error_clear(&e);
	return read_first_sheet(&s, &e) == CF_OK && s.recognised;
}
