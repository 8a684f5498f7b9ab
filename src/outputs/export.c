/* caseflow export: the SSDA903 return of a year rebuilt from the store's
 * rows, written by the one SSDA903 writer, then validated as a file. */
#include "outputs/export.h"

#include <string.h>

#include "base/dir.h"
#include "formats/ssda903_write.h"
#include "store/validation_rows.h"

struct table_copy {
	struct ssda903_writer *w;
	enum ssda903_table t;
};

/* One stored row as DfE's file gives it. The store keeps no full postcode
 * (HOME_POST and PL_POST are sectors, written as such) and the UPN is never
 * written: no output of caseflow holds one. */
static int copy_row(void *ctx, long long row, const char *const *vals, struct cf_error *err)
{
	(void)row;
	(void)err;
	struct table_copy *c = ctx;
	const struct ssda903_table_def *d = &ssda903_tables[c->t];
	char buf[S903_MAXCOLS][160];
	const char *out[S903_MAXCOLS];
	for (int k = 0; k < d->ncols; k++) {
		int upn = c->t == S903_HEADER && strcmp(d->cols[k].name, "UPN") == 0;
		ssda903_value_out(&d->cols[k], upn ? NULL : vals[k], buf[k], sizeof buf[k]);
		out[k] = buf[k];
	}
	ssda903_writer_row(c->w, c->t, out);
	return CF_OK;
}

static int export_ssda903(const struct export_request *q, struct export_result *r, struct cf_error *err)
{
	struct ssda903_writer w;
	int rc = dir_make(q->out, err);
	if (rc || (rc = ssda903_writer_open(&w, q->out, err)))
		return rc;
	for (int t = 0; t < S903_NTABLES && !rc; t++) {
		struct table_copy c = { &w, (enum ssda903_table)t };
		rc = validation_rows_903(q->st, c.t, q->year, copy_row, &c, err);
	}
	struct cf_error ignored;   /* the first failure is the one reported */
	int close_rc = ssda903_writer_close(&w, rc ? &ignored : err);
	if (rc || (rc = close_rc))
		return rc;
	for (int t = 0; t < S903_NTABLES; t++) {
		long i = cf_table_add_row(r->written);
		if (i < 0 || cf_table_set_text(r->written, (size_t)i, 0, ssda903_file_names[t]))
			return cf_error_set(err, CF_EIO, "out of memory");
		cf_table_set_int(r->written, (size_t)i, 1, w.rows[t]);
		r->rows += w.rows[t];
	}
	if (w.rows[S903_HEADER] == 0 && w.rows[S903_EPISODES] == 0)
		return cf_error_at(err, CF_EINPUT, store_path(q->st), 0, NULL, NULL,
				   "the store holds no SSDA903 return for %d-%02d to export (caseflow ingest one)",
				   q->year - 1, q->year % 100);
	return CF_OK;
}

int export_returns(const struct export_request *q, struct export_result *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	if (!(out->written = cf_table_new("written")) ||
	    cf_table_add_column(out->written, "file", CF_CELL_TEXT, 0) < 0 ||
	    cf_table_add_column(out->written, "rows", CF_CELL_INT, 0) < 0)
		return cf_error_set(err, CF_EIO, "out of memory");
	int rc = export_ssda903(q, out, err);
	if (rc)
		return rc;
	char *paths[1] = { (char *)q->out };
	struct validate_request v = { .paths = paths, .npaths = 1, .year = q->year, .ret = VR_903 };
	return validate_returns(&v, &out->checked, err);
}

void export_result_release(struct export_result *r)
{
	cf_table_free(r->written);
	validate_outcome_free(r->checked);
	memset(r, 0, sizeof *r);
}
