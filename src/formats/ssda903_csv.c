/* SSDA903 in the DfE CSV layout: one file per table, recognised by header. */
#include "formats/ssda903.h"

#include <stdlib.h>

#include "base/csv.h"

static int read_header(struct csv_reader *r, const char *path, enum ssda903_table *table,
		       int *colmap, struct cf_error *err)
{
	int got;
	/* skip leading blank lines; a file with nothing but blanks is an empty table */
	while ((got = csv_reader_next(r, err)) == 1 && csv_row_is_blank(r))
		;
	if (got < 0)
		return CF_EINPUT;
	if (got == 0) {
		*table = S903_NTABLES;
		return CF_OK;
	}
	if (r->nfields > 4096)
		return cf_error_at(err, CF_EINPUT, path, r->line, NULL, NULL, "too many columns");
	return ssda903_recognise(path, r->fields, r->lens, r->nfields, table, colmap, err);
}

int ssda903_csv_sniff(const char *path, enum ssda903_table *table, struct cf_error *err)
{
	struct csv_reader r;
	int rc = csv_reader_open(&r, path, err);
	if (rc)
		return rc;
	int *colmap = malloc(sizeof(int) * 4096);
	if (!colmap) {
		csv_reader_close(&r);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	rc = read_header(&r, path, table, colmap, err);
	free(colmap);
	csv_reader_close(&r);
	return rc;
}

int ssda903_csv_read(const char *path, enum ssda903_table *table, long *rows,
		     ssda903_row_fn fn, void *ctx, struct cf_error *err)
{
	struct csv_reader r;
	int rc = csv_reader_open(&r, path, err);
	*rows = 0;
	if (rc)
		return rc;
	int colmap[4096];
	rc = read_header(&r, path, table, colmap, err);
	if (rc || *table == S903_NTABLES) {
		csv_reader_close(&r);
		return rc;
	}
	int hdr_fields = r.nfields;
	const char *vals[S903_MAXCOLS];
	size_t lens[S903_MAXCOLS];
	int got;
	while ((got = csv_reader_next(&r, err)) == 1) {
		if (csv_row_is_blank(&r))
			continue;
		for (int c = 0; c < S903_MAXCOLS; c++) {
			vals[c] = NULL;
			lens[c] = 0;
		}
		int n = r.nfields < hdr_fields ? r.nfields : hdr_fields;
		for (int i = 0; i < n; i++)
			if (colmap[i] >= 0) {
				vals[colmap[i]] = r.fields[i];
				lens[colmap[i]] = r.lens[i];
			}
		/* a short row (truncated line) leaves its missing columns empty: the
		 * loader records each as an issue; extra fields are ignored */
		for (int i = n; i < hdr_fields; i++)
			if (colmap[i] >= 0) {
				vals[colmap[i]] = NULL;
				lens[colmap[i]] = (size_t)-1;  /* marks "absent from this row" */
			}
		(*rows)++;
		rc = fn(ctx, *table, vals, lens, r.record, r.line, err);
		if (rc)
			break;
	}
	if (got < 0)
		rc = CF_EINPUT;
	csv_reader_close(&r);
	return rc;
}
