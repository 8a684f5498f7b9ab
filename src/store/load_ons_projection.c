/* Loading ONS's subnational population projection (formats/ons_projection.h)
 * into population: each area's children by single year of age and
 * mid-year, area the ONS code, sex F, M or none for persons. Each file is
 * its own return; loading it again changes nothing. */
#include <stdio.h>
#include <string.h>

#include "formats/ons_projection.h"
#include "store/ingest_int.h"
#include "store/load_common.h"

struct proj_load {
	struct ingest_ctx *ctx;
	sqlite3_stmt *ins;
	long long return_id;
	struct ingest_entry *entry;
	long stored;
};

static int on_issue(void *vctx, long row, long line, const char *column, const char *value, const char *kind,
		    const char *why, struct cf_error *err)
{
	struct proj_load *ld = vctx;
	return ingest_issue(ld->ctx, ld->entry, ld->return_id, "population", row, line, NULL, column, value, kind, why,
			    err);
}

static int on_figure(void *vctx, const struct ons_projection_figure *f, struct cf_error *err)
{
	struct proj_load *ld = vctx;
	sqlite3_stmt *s = ld->ins;
	char sex[2] = { f->sex, 0 };
	sqlite3_bind_int64(s, 1, ld->return_id);
	sqlite3_bind_int64(s, 2, f->row);
	sqlite3_bind_int(s, 3, f->year);
	sqlite3_bind_text(s, 4, f->area_code, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, f->age);
	if (f->sex)
		sqlite3_bind_text(s, 6, sex, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, 6);
	sqlite3_bind_double(s, 7, f->count);
	int step = sqlite3_step(s);
	sqlite3_clear_bindings(s);
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return store_error(ld->ctx->st, err, "writing a population row");
	ld->stored++;
	ld->entry->rows_stored++;
	return ingest_row_written(ld->ctx, err);
}

int sniff_ons_projection(const struct ingest_sniff *info)
{
	return info->csv_fields && ons_projection_is_header(info->csv_fields, info->csv_lens, info->csv_nfields);
}

int load_ons_projection(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err)
{
	static const char sql[] = "INSERT INTO population (return_id, row, year, area, age, sex, count) "
				  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	int rc = CF_OK;
	for (int i = 0; i < n && !rc; i++) {
		struct proj_load ld;
		memset(&ld, 0, sizeof ld);
		ld.ctx = ctx;
		if ((rc = ingest_add_return(ctx, paths[i], RETURN_ONS_POPULATION_PROJECTION, 0, &ld.return_id, &ld.entry,
					    err)) || !ld.return_id)
			continue;
		long rows = 0;
		if (!(rc = store_prepare(ctx->st, sql, &ld.ins, err)))
			rc = ons_projection_read(paths[i], on_figure, on_issue, &ld, &rows, err);
		sqlite3_finalize(ld.ins);
		ld.entry->rows_read = rows;
		if (!rc)
			rc = load_finish_return(ctx, ld.return_id, ld.stored, err);
	}
	return rc;
}
