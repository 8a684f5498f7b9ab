/* Loading DfE published tables, statistical-neighbour groupings and the
 * LTLA-UTLA lookup into published, sn_groups and la_lookup. Each file is
 * its own return; loading the same file again changes nothing. */
#include <stdio.h>
#include <string.h>

#include "formats/dfe_tidy.h"
#include "store/ingest_int.h"

struct pub_sink {
	struct ingest_ctx *ctx;
	sqlite3_stmt *ins;
	long long return_id;
	struct ingest_entry *entry;
	const char *tbl;              /* for issues: "published", "sn_groups", "la_lookup" */
	char source[256];             /* published: the table's name; sn_groups: the model */
};

static int sink_issue(void *vctx, long row, long line, const char *column, const char *value, const char *kind,
		      const char *why, struct cf_error *err)
{
	struct pub_sink *k = vctx;
	return ingest_issue(k->ctx, k->entry, k->return_id, k->tbl, row, line, NULL, column, value, kind, why, err);
}

static void bind_text_or_null(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static int step_row(struct pub_sink *k, struct cf_error *err)
{
	int step = sqlite3_step(k->ins);
	sqlite3_clear_bindings(k->ins);
	sqlite3_reset(k->ins);
	if (step != SQLITE_DONE)
		return store_error(k->ctx->st, err, "writing a row");
	k->entry->rows_stored++;
	return ingest_row_written(k->ctx, err);
}

static int put_figure(void *vctx, const struct dfe_figure *f, struct cf_error *err)
{
	struct pub_sink *k = vctx;
	sqlite3_stmt *s = k->ins;
	sqlite3_bind_int64(s, 1, k->return_id);
	sqlite3_bind_int64(s, 2, f->row);
	sqlite3_bind_text(s, 3, k->source, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, f->time_period);
	sqlite3_bind_text(s, 5, f->geographic_level, -1, SQLITE_STATIC);
	bind_text_or_null(s, 6, f->la_code);
	bind_text_or_null(s, 7, f->ons_code);
	bind_text_or_null(s, 8, f->la_name);
	bind_text_or_null(s, 9, f->region_code);
	bind_text_or_null(s, 10, f->region_name);
	sqlite3_bind_text(s, 11, f->measure, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, f->breakdown, -1, SQLITE_STATIC);
	if (f->missing)
		sqlite3_bind_null(s, 13);
	else
		sqlite3_bind_double(s, 13, f->value);
	bind_text_or_null(s, 14, f->raw);
	return step_row(k, err);
}

static int put_neighbour(void *vctx, const struct dfe_neighbour *n, struct cf_error *err)
{
	struct pub_sink *k = vctx;
	sqlite3_stmt *s = k->ins;
	sqlite3_bind_int64(s, 1, k->return_id);
	sqlite3_bind_int64(s, 2, n->row);
	sqlite3_bind_text(s, 3, k->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, n->la_code, -1, SQLITE_STATIC);
	bind_text_or_null(s, 5, n->la_name);
	sqlite3_bind_text(s, 6, n->neighbour_code, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 7, n->rank);
	bind_text_or_null(s, 8, n->closeness);
	return step_row(k, err);
}

static int put_lookup(void *vctx, const struct dfe_lookup_row *r, struct cf_error *err)
{
	struct pub_sink *k = vctx;
	sqlite3_stmt *s = k->ins;
	sqlite3_bind_int64(s, 1, k->return_id);
	sqlite3_bind_int64(s, 2, r->row);
	if (r->year)
		sqlite3_bind_int(s, 3, r->year);
	sqlite3_bind_text(s, 4, r->ltla_code, -1, SQLITE_STATIC);
	bind_text_or_null(s, 5, r->ltla_name);
	sqlite3_bind_text(s, 6, r->utla_code, -1, SQLITE_STATIC);
	bind_text_or_null(s, 7, r->utla_name);
	return step_row(k, err);
}

/* Register the file and prepare the insert; *skip when it is already loaded. */
static int sink_open(struct pub_sink *k, struct ingest_ctx *ctx, const char *path, enum return_kind kind,
		     const char *tbl, const char *sql, int *skip, struct cf_error *err)
{
	memset(k, 0, sizeof *k);
	k->ctx = ctx;
	k->tbl = tbl;
	*skip = 0;
	int rc = ingest_add_return(ctx, path, kind, 0, &k->return_id, &k->entry, err);
	if (rc)
		return rc;
	if (k->return_id == 0) {
		*skip = 1;
		return CF_OK;
	}
	return store_prepare(ctx->st, sql, &k->ins, err);
}

static int sink_close(struct pub_sink *k, long rows, int rc, struct cf_error *err)
{
	sqlite3_finalize(k->ins);
	k->ins = NULL;
	if (rc)
		return rc;
	k->entry->rows_read = rows;
	char sql[160];
	snprintf(sql, sizeof sql,
		 "UPDATE returns SET rows = %ld, issues = (SELECT count(*) FROM issues WHERE return_id = %lld) WHERE id = %lld",
		 rows, k->return_id, k->return_id);
	return store_exec(k->ctx->st, sql, err);
}

int sniff_dfe_published(const struct ingest_sniff *info)
{
	return info->csv_fields && dfe_tidy_is_header(info->csv_fields, info->csv_lens, info->csv_nfields);
}

int load_dfe_published(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err)
{
	static const char sql[] =
		"INSERT INTO published (return_id, row, source, time_period, geographic_level, la_code, ons_code, "
		"la_name, region_code, region_name, measure, breakdown, value, raw) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	int rc = CF_OK;
	for (int i = 0; i < n && !rc; i++) {
		struct pub_sink k;
		int skip;
		long rows = 0;
		if ((rc = sink_open(&k, ctx, paths[i], RETURN_DFE_PUBLISHED, "published", sql, &skip, err)) || skip)
			continue;
		dfe_table_name(paths[i], k.source, sizeof k.source);
		rc = dfe_tidy_read(paths[i], put_figure, sink_issue, &k, &rows, err);
		rc = sink_close(&k, rows, rc, err);
	}
	return rc;
}

int sniff_dfe_sn_groups(const struct ingest_sniff *info)
{
	return info->csv_fields && dfe_sn_is_header(info->csv_fields, info->csv_lens, info->csv_nfields);
}

int load_dfe_sn_groups(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err)
{
	static const char sql[] = "INSERT INTO sn_groups (return_id, row, model, la_code, la_name, neighbour_code, "
				  "rank, closeness) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	int rc = CF_OK;
	for (int i = 0; i < n && !rc; i++) {
		int year = dfe_sn_model_year(paths[i]);
		if (!year)
			return cf_error_at(err, CF_EINPUT, paths[i], 0, NULL, NULL,
					   "a statistical-neighbour grouping, but the file name does not say which model "
					   "(year): name it like sn_model_2025_wide.csv");
		struct pub_sink k;
		int skip;
		long rows = 0;
		if ((rc = sink_open(&k, ctx, paths[i], RETURN_DFE_SN_GROUPS, "sn_groups", sql, &skip, err)) || skip)
			continue;
		snprintf(k.source, sizeof k.source, "%d", year);
		rc = dfe_sn_read(paths[i], put_neighbour, sink_issue, &k, &rows, err);
		rc = sink_close(&k, rows, rc, err);
	}
	return rc;
}

int sniff_ons_la_lookup(const struct ingest_sniff *info)
{
	return info->csv_fields && dfe_lookup_is_header(info->csv_fields, info->csv_lens, info->csv_nfields);
}

int load_ons_la_lookup(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err)
{
	static const char sql[] = "INSERT INTO la_lookup (return_id, row, year, ltla_code, ltla_name, utla_code, "
				  "utla_name) VALUES (?, ?, ?, ?, ?, ?, ?)";
	int rc = CF_OK;
	for (int i = 0; i < n && !rc; i++) {
		struct pub_sink k;
		int skip;
		long rows = 0;
		if ((rc = sink_open(&k, ctx, paths[i], RETURN_ONS_LA_LOOKUP, "la_lookup", sql, &skip, err)) || skip)
			continue;
		rc = dfe_lookup_read(paths[i], put_lookup, sink_issue, &k, &rows, err);
		rc = sink_close(&k, rows, rc, err);
	}
	return rc;
}
