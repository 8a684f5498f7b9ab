/* Loading the ONS postcode directory (ONSPD or NSPL CSV) for the postcode
 * sectors the store's data uses (episodes' home and placement sectors,
 * localities and child areas): each sector's mean grid reference and main
 * district, so distances and areas need no directory after ingest. No
 * postcode is kept, only sectors. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "formats/postcode_dir.h"
#include "store/ingest_int.h"
#include "store/load_common.h"
#include "store/store_int.h"

int sniff_ons_postcodes(const struct ingest_sniff *info)
{
	return info->csv_fields && pcdir_is_header(info->csv_fields, info->csv_nfields);
}

/* Ask d for every sector the store's data names. */
static int want_sectors(struct ingest_ctx *ctx, struct pcdir *d, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(ctx->st,
			       "SELECT home_post FROM ssda903_episodes WHERE home_post IS NOT NULL "
			       "UNION SELECT pl_post FROM ssda903_episodes WHERE pl_post IS NOT NULL "
			       "UNION SELECT area FROM localities UNION SELECT area FROM child_areas",
			       &s, err);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(s, 0);
		if (v && pcdir_want(d, v, 1)) {
			sqlite3_finalize(s);
			return cf_error_set(err, CF_EIO, "out of memory");
		}
	}
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? CF_OK : store_error(ctx->st, err, "reading the sectors the data uses");
}

static int load_one(struct ingest_ctx *ctx, const char *path, struct cf_error *err)
{
	long long rid;
	struct ingest_entry *entry;
	int rc = ingest_add_return(ctx, path, RETURN_ONS_POSTCODES, 0, &rid, &entry, err);
	if (rc || !rid)
		return rc;
	struct pcdir d;
	pcdir_init(&d);
	sqlite3_stmt *ins = NULL;
	long stored = 0;
	rc = want_sectors(ctx, &d, err);
	if (!rc)
		rc = pcdir_read(&d, path, err);
	if (!rc)
		rc = store_prepare(ctx->st,
				   "INSERT INTO postcode_sectors (return_id, row, sector, east, north, ltla, postcodes) "
				   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
				   &ins, err);
	for (size_t i = 0; !rc && i < d.nslots; i++) {
		const struct pcdir_entry *e = &d.slots[i];
		if (!e->key[0] || !e->is_sector || !e->found)
			continue;
		const char *la = pcdir_la(&d, e->la);
		struct load_site at = { ctx, entry, rid, "postcode_sectors", stored + 1, stored + 1, NULL };
		sqlite3_bind_int64(ins, 1, rid);
		sqlite3_bind_int64(ins, 2, stored + 1);   /* the sector's number: the directory's rows are not kept */
		sqlite3_bind_text(ins, 3, e->key, -1, SQLITE_TRANSIENT);
		if (!isnan(e->east) && !isnan(e->north)) {
			sqlite3_bind_double(ins, 4, e->east);
			sqlite3_bind_double(ins, 5, e->north);
		}
		if (la)
			sqlite3_bind_text(ins, 6, la, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(ins, 7, e->ncoords);
		if (!(rc = load_step(&at, ins, err)))
			stored++;
	}
	sqlite3_finalize(ins);
	if (entry) {
		entry->rows_read = d.rows;
		entry->rows_stored = stored;
		snprintf(entry->note, sizeof entry->note, "%zu of %zu sectors the data uses", (size_t)stored, d.nsectors);
	}
	pcdir_release(&d);
	return rc ? rc : load_finish_return(ctx, rid, stored, err);
}

int load_ons_postcodes(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err)
{
	int rc = CF_OK;
	for (int i = 0; i < n && !rc; i++)
		rc = load_one(ctx, paths[i], err);
	return rc;
}
