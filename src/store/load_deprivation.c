/* Loading the English Indices of Deprivation (formats/imd.h) into
 * deprivation: each file is its own return; loading it again changes nothing. */
#include <stdio.h>

#include "formats/imd.h"
#include "store/load_common.h"
#include "store/ingest_int.h"

struct imd_sink {
	struct ingest_ctx *ctx;
	sqlite3_stmt *ins;
	long long return_id;
	struct ingest_entry *entry;
};

static int imd_issue(void *vctx, long row, long line, const char *column, const char *value, const char *kind,
		     const char *why, struct cf_error *err)
{
	struct imd_sink *k = vctx;
	return ingest_issue(k->ctx, k->entry, k->return_id, "deprivation", row, line, NULL, column, value, kind, why, err);
}

static int put_area(void *vctx, const struct imd_row *r, struct cf_error *err)
{
	struct imd_sink *k = vctx;
	sqlite3_bind_int64(k->ins, 1, k->return_id);
	sqlite3_bind_int64(k->ins, 2, r->row);
	sqlite3_bind_text(k->ins, 3, r->area, -1, SQLITE_STATIC);
	sqlite3_bind_int(k->ins, 4, r->decile);
	int step = sqlite3_step(k->ins);
	sqlite3_reset(k->ins);
	if (step != SQLITE_DONE)
		return store_error(k->ctx->st, err, "writing a deprivation decile");
	k->entry->rows_stored++;
	return ingest_row_written(k->ctx, err);
}

int sniff_imd_lookup(const struct ingest_sniff *info)
{
	return info->csv_fields && imd_is_header(info->csv_fields, info->csv_lens, info->csv_nfields);
}

int load_imd_lookup(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err)
{
	int rc = CF_OK;
	for (int i = 0; i < n && !rc; i++) {
		struct imd_sink k = { .ctx = ctx };
		long rows = 0;
		if ((rc = ingest_add_return(ctx, paths[i], RETURN_IMD_LOOKUP, 0, &k.return_id, &k.entry, err)) ||
		    !k.return_id)
			continue;   /* failed, or already loaded */
		if (!(rc = store_prepare(ctx->st, "INSERT INTO deprivation (return_id, row, area, decile) VALUES (?, ?, ?, ?)",
					 &k.ins, err)))
			rc = imd_read(paths[i], put_area, imd_issue, &k, &rows, err);
		sqlite3_finalize(k.ins);
		if (!rc) {
			k.entry->rows_read = rows;
			rc = load_finish_return(ctx, k.return_id, rows, err);
		}
	}
	return rc;
}
