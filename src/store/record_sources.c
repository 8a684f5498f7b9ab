/* Reading the returns register and episode rows for records' sources. */
#include "store/record_sources.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

int record_sources_returns(struct store *st, struct return_source **out, int *n, struct cf_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s;
	int rc = store_prepare(st, "SELECT id, kind, coalesce(collection_year, 0), path FROM returns ORDER BY id", &s, err);
	if (rc)
		return rc;
	int cap = 0, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			struct return_source *m = realloc(*out, (size_t)cap * sizeof *m);
			if (!m) {
				sqlite3_finalize(s);
				free(*out);
				*out = NULL;
				*n = 0;
				return cf_error_set(err, CF_EIO, "out of memory reading the returns register");
			}
			*out = m;
		}
		struct return_source *r = &(*out)[(*n)++];
		const char *kind = store_col_text(s, 1), *path = store_col_text(s, 3);
		r->id = sqlite3_column_int64(s, 0);
		r->kind = return_kind_parse(kind);
		r->year = sqlite3_column_int(s, 2);
		/* XML loads record the line a record starts on as its row */
		r->by_line = r->kind == RETURN_SSDA903_XML || r->kind == RETURN_CIN_CENSUS || r->kind == RETURN_CSWW_CENSUS;
		snprintf(r->kind_text, sizeof r->kind_text, "%s", kind ? kind : "");
		snprintf(r->path, sizeof r->path, "%s", path ? path : "");
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_error(st, err, "reading the returns register");
	}
	return CF_OK;
}

const struct return_source *record_sources_find(const struct return_source *returns, int n, long long id)
{
	int lo = 0, hi = n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (returns[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && returns[lo].id == id ? &returns[lo] : NULL;
}

int record_sources_episode_row(struct store *st, long long return_id, const char *child, cf_date decom, int *row,
			       struct cf_error *err)
{
	*row = 0;
	char date[11];
	cf_date_format(decom, date);
	sqlite3_stmt *s;
	/* ssda903_episodes_key (child, decom) finds it */
	int rc = store_prepare(st,
			       "SELECT min(row) FROM ssda903_episodes WHERE child = ?1 AND decom = ?2 AND return_id = ?3",
			       &s, err);
	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, child, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, date, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, return_id);
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW && !store_col_null(s, 0))
		*row = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return step == SQLITE_ROW || step == SQLITE_DONE ? CF_OK : store_error(st, err, "reading an episode's row");
}
