/* Binding normalised values and recording issues, shared by the journey loaders. */
#include "store/load_common.h"

#include "base/date.h"

#include <stdio.h>
#include <string.h>

int load_issue(const struct load_site *at, const char *column, const char *value, const char *kind,
	       const char *why, struct cf_error *err)
{
	return ingest_issue(at->ctx, at->entry, at->return_id, at->tbl, at->row, at->line, at->child, column, value,
			    kind, why, err);
}

int load_bind(const struct load_site *at, sqlite3_stmt *s, int idx, const struct value *v,
	      const char *column, const char *raw, size_t rawlen, struct cf_error *err)
{
	if (v->status == VALUE_EMPTY || !v->out[0])
		sqlite3_bind_null(s, idx);
	else
		sqlite3_bind_text(s, idx, v->out, -1, SQLITE_TRANSIENT);
	if (v->status != VALUE_NOTE && v->status != VALUE_ISSUE)
		return CF_OK;
	char shown[160];
	/* postcodes that could not be reduced to a sector are never written anywhere */
	if (v->kind && !strcmp(v->kind, "bad_postcode"))
		snprintf(shown, sizeof shown, "(withheld: possibly a full postcode)");
	else
		snprintf(shown, sizeof shown, "%.*s", (int)(rawlen > 150 ? 150 : rawlen), raw ? raw : "");
	if (v->kind && !strcmp(v->kind, "label_mapped")) {
		char why[200];
		snprintf(why, sizeof why, "read as %s (%s)", v->out, v->why);
		return load_issue(at, column, shown, v->kind, why, err);
	}
	return load_issue(at, column, shown, v->kind, v->why, err);
}

int load_step(const struct load_site *at, sqlite3_stmt *s, struct cf_error *err)
{
	int step = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (step != SQLITE_DONE)
		return store_error(at->ctx->st, err, "writing a row");
	return ingest_row_written(at->ctx, err);
}

int load_finish_return(struct ingest_ctx *ctx, long long return_id, long rows, struct cf_error *err)
{
	char sql[256];
	snprintf(sql, sizeof sql,
		 "UPDATE returns SET rows = %ld, issues = (SELECT count(*) FROM issues i WHERE i.return_id = %lld) "
		 "WHERE id = %lld", rows, return_id, return_id);
	return store_exec(ctx->st, sql, err);
}

int load_rowid_mark(struct ingest_ctx *ctx, const char *tbl, long long *mark, struct cf_error *err)
{
	char sql[128];
	sqlite3_stmt *s;
	snprintf(sql, sizeof sql, "SELECT coalesce(max(rowid), 0) FROM %s", tbl);
	int rc = store_prepare(ctx->st, sql, &s, err);
	if (rc)
		return rc;
	*mark = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return CF_OK;
}

int load_link_children(struct ingest_ctx *ctx, const char *tbl, long long return_id, long long mark,
		       struct cf_error *err)
{
	char sql[512];
	/* NOT INDEXED: the planner would rather walk the table's child index
	 * (sorted for GROUP BY) and look up every row of every return */
	snprintf(sql, sizeof sql,
		 LOAD_CHILDREN_INSERT "(child, first_return_id, last_return_id) "
		 "SELECT child, %lld, %lld FROM %s NOT INDEXED "
		 "WHERE rowid > %lld AND return_id = %lld AND child IS NOT NULL AND child <> '' "
		 "GROUP BY child ON CONFLICT (child) DO NOTHING",
		 return_id, return_id, tbl, mark, return_id);
	return store_exec(ctx->st, sql, err);
}

int load_year_of_latest(struct ingest_ctx *ctx, const char *sql, int *year, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(ctx->st, sql, &s, err);
	if (rc)
		return rc;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) == SQLITE_TEXT) {
		cf_date d;
		const char *v = (const char *)sqlite3_column_text(s, 0);
		if (cf_date_parse(v, strlen(v), &d) == 0)
			*year = cf_date_fy(d) + 1;
	}
	sqlite3_finalize(s);
	return CF_OK;
}
