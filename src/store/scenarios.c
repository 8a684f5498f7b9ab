/* Saved forecast scenarios, behind store/scenarios.h. */
#include "store/scenarios.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store_int.h"

static void row_to(sqlite3_stmt *s, struct scenario *o)
{
	memset(o, 0, sizeof *o);
	o->id = sqlite3_column_int64(s, 0);
	store_col_code(s, 1, o->name, sizeof o->name);
	store_col_code(s, 2, o->owner, sizeof o->owner);
	o->shared = sqlite3_column_int(s, 3);
	store_col_code(s, 4, o->params, sizeof o->params);
	store_col_code(s, 5, o->saved_at, sizeof o->saved_at);
}

#define COLUMNS "SELECT id, name, owner, shared, params, saved_at FROM serve_scenarios "

int scenario_save(struct store *st, const struct scenario *sc, long long *id, struct cf_error *err)
{
	sqlite3_stmt *s;
	char at[24];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	*id = 0;
	/* the owner's scenario of the same name is replaced, keeping its id */
	int rc = store_prepare(st, "INSERT INTO serve_scenarios (name, owner, shared, params, saved_at) VALUES (?, ?, ?, ?, ?) "
				   "ON CONFLICT (owner, name) DO UPDATE SET shared = excluded.shared, params = excluded.params, "
				   "saved_at = excluded.saved_at RETURNING id", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, sc->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, sc->owner, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, sc->shared ? 1 : 0);
	sqlite3_bind_text(s, 4, sc->params, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, at, -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		step = sqlite3_step(s);
	}
	sqlite3_finalize(s);
	return step == SQLITE_DONE && *id ? CF_OK : store_error(st, err, "saving a scenario");
}

int scenario_list(struct store *st, const char *user, struct scenario **out, int *n, struct cf_error *err)
{
	sqlite3_stmt *s;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(st, COLUMNS "WHERE owner = ?1 OR shared = 1 ORDER BY name, owner", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, user, -1, SQLITE_STATIC);
	int cap = 0, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			struct scenario *p = realloc(*out, (size_t)cap * sizeof *p);
			if (!p) {
				sqlite3_finalize(s);
				free(*out);
				*out = NULL;
				*n = 0;
				return cf_error_set(err, CF_EIO, "out of memory");
			}
			*out = p;
		}
		row_to(s, &(*out)[(*n)++]);
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_error(st, err, "listing scenarios");
	}
	return CF_OK;
}

int scenario_get(struct store *st, long long id, const char *user, struct scenario *out, int *found, struct cf_error *err)
{
	sqlite3_stmt *s;
	*found = 0;
	memset(out, 0, sizeof *out);
	int rc = store_prepare(st, COLUMNS "WHERE id = ?1 AND (owner = ?2 OR shared = 1)", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, user, -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		row_to(s, out);
		*found = 1;
	}
	sqlite3_finalize(s);
	return step == SQLITE_ROW || step == SQLITE_DONE ? CF_OK : store_error(st, err, "reading a scenario");
}

int scenario_delete(struct store *st, long long id, const char *owner, int *deleted, struct cf_error *err)
{
	sqlite3_stmt *s;
	*deleted = 0;
	int rc = store_prepare(st, "DELETE FROM serve_scenarios WHERE id = ?1 AND (?2 IS NULL OR owner = ?2)", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	if (owner)
		sqlite3_bind_text(s, 2, owner, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 2);
	int step = sqlite3_step(s);
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return store_error(st, err, "deleting a scenario");
	*deleted = sqlite3_changes(st->db) > 0;
	return CF_OK;
}
