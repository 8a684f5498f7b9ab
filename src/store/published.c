/* Reading DfE's published tables, the neighbour groupings and the lookup. */
#include "store/published.h"

#include "store/store_int.h"

#include <math.h>
#include <stddef.h>

/* NULL for an empty cell, as benchmarks treat one */
static const char *cell(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t && *t ? (const char *)t : NULL;
}

int published_figures(struct store *st, const char *measure, const char *breakdown, const char *source_prefix,
		      int (*fn)(void *ctx, const struct published_figure *f, struct cf_error *err), void *ctx,
		      struct cf_error *err)
{
	static const char sql[] =
		"SELECT time_period, geographic_level, la_code, ons_code, la_name, region_code, region_name, value "
		"FROM published WHERE measure = ?1 AND breakdown = ?2 AND substr(source, 1, length(?3)) = ?3 "
		"ORDER BY return_id, row";
	sqlite3_stmt *s;
	int rc = store_prepare(st, sql, &s, err);
	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, measure, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, breakdown, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, source_prefix, -1, SQLITE_STATIC);
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct published_figure f = {
			.time_period = sqlite3_column_int(s, 0),
			.level = cell(s, 1),
			.la_code = cell(s, 2),
			.ons_code = cell(s, 3),
			.la_name = cell(s, 4),
			.region_code = cell(s, 5),
			.region_name = cell(s, 6),
			.value = sqlite3_column_type(s, 7) == SQLITE_NULL ? NAN : sqlite3_column_double(s, 7),
		};
		if ((rc = fn(ctx, &f, err))) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? CF_OK : store_error(st, err, "reading published figures");
}

int published_neighbours(struct store *st, const char *model,
			 int (*fn)(void *ctx, const char *la_code, const char *neighbour_code, struct cf_error *err),
			 void *ctx, long *nrows, struct cf_error *err)
{
	static const char sql[] =
		"SELECT la_code, neighbour_code, rank FROM sn_groups WHERE model = ?1 "
		"AND return_id = (SELECT max(return_id) FROM sn_groups WHERE model = ?1) ORDER BY la_code, rank";
	sqlite3_stmt *s;
	*nrows = 0;
	int rc = store_prepare(st, sql, &s, err);
	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, model, -1, SQLITE_STATIC);
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if ((rc = fn(ctx, cell(s, 0), cell(s, 1), err))) {
			sqlite3_finalize(s);
			return rc;
		}
		(*nrows)++;
	}
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? CF_OK : store_error(st, err, "reading statistical neighbours");
}

int published_la_lookup(struct store *st, int (*fn)(void *ctx, const char *ltla, const char *utla, struct cf_error *err),
			void *ctx, struct cf_error *err)
{
	static const char sql[] = "SELECT ltla_code, utla_code FROM la_lookup "
				  "WHERE return_id = (SELECT max(return_id) FROM la_lookup)";
	sqlite3_stmt *s;
	int rc = store_prepare(st, sql, &s, err);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *l = cell(s, 0), *u = cell(s, 1);
		if ((rc = fn(ctx, l ? l : "", u ? u : "", err))) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? CF_OK : store_error(st, err, "reading the LTLA-UTLA lookup");
}
