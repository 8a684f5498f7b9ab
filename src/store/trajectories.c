/* The trajectories table: insert a version, read the latest of each name. */
#include "store/trajectories.h"

#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int trajectories_insert(struct store *st, struct trajectory_row *r, struct cf_error *err)
{
	char from[11], to[11];
	cf_date_format(r->from_date, from);
	cf_date_format(r->to_date, to);
	sqlite3_stmt *s;
	int rc = store_prepare(st,
			       "INSERT INTO trajectories (name, indicator, la_code, from_date, from_value, to_date, to_value, "
			       "shape, tolerance_pct, basis, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			       &s, err);
	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, r->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, r->indicator, -1, SQLITE_STATIC);
	if (r->la_code[0])
		sqlite3_bind_text(s, 3, r->la_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, from, -1, SQLITE_STATIC);
	sqlite3_bind_double(s, 5, r->from_value);
	sqlite3_bind_text(s, 6, to, -1, SQLITE_STATIC);
	sqlite3_bind_double(s, 7, r->to_value);
	sqlite3_bind_text(s, 8, r->shape, -1, SQLITE_STATIC);
	sqlite3_bind_double(s, 9, r->tolerance_pct);
	sqlite3_bind_text(s, 10, r->basis, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, r->set_by, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, r->set_at, -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return store_error(st, err, "saving a trajectory");
	r->id = sqlite3_last_insert_rowid(st->db);
	return CF_OK;
}

static void copy_col(sqlite3_stmt *s, int i, char *out, size_t size)
{
	const unsigned char *v = sqlite3_column_text(s, i);
	snprintf(out, size, "%s", v ? (const char *)v : "");
}

static cf_date col_date(sqlite3_stmt *s, int i)
{
	const unsigned char *v = sqlite3_column_text(s, i);
	cf_date d;
	return v && cf_date_parse((const char *)v, strlen((const char *)v), &d) == 0 ? d : CF_DATE_NONE;
}

int trajectories_latest(struct store *st, const char *name, struct trajectory_row **out, int *n,
			struct cf_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s;
	int rc = store_prepare(st,
			       "SELECT id, name, indicator, la_code, from_date, from_value, to_date, to_value, shape, "
			       "tolerance_pct, basis, set_by, set_at FROM trajectories t "
			       "WHERE id = (SELECT max(id) FROM trajectories u WHERE u.name = t.name) "
			       "AND (?1 IS NULL OR name = ?1) ORDER BY name",
			       &s, err);
	if (rc)
		return rc;
	if (name)
		sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	int cap = 0, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			struct trajectory_row *nt = realloc(*out, sizeof *nt * (size_t)cap);
			if (!nt) {
				sqlite3_finalize(s);
				free(*out);
				*out = NULL;
				*n = 0;
				return cf_error_set(err, CF_EIO, "out of memory");
			}
			*out = nt;
		}
		struct trajectory_row *t = &(*out)[(*n)++];
		memset(t, 0, sizeof *t);
		t->id = sqlite3_column_int64(s, 0);
		copy_col(s, 1, t->name, sizeof t->name);
		copy_col(s, 2, t->indicator, sizeof t->indicator);
		copy_col(s, 3, t->la_code, sizeof t->la_code);
		t->from_date = col_date(s, 4);
		t->from_value = sqlite3_column_double(s, 5);
		t->to_date = col_date(s, 6);
		t->to_value = sqlite3_column_double(s, 7);
		copy_col(s, 8, t->shape, sizeof t->shape);
		t->tolerance_pct = sqlite3_column_double(s, 9);
		copy_col(s, 10, t->basis, sizeof t->basis);
		copy_col(s, 11, t->set_by, sizeof t->set_by);
		copy_col(s, 12, t->set_at, sizeof t->set_at);
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_error(st, err, "reading trajectories");
	}
	return CF_OK;
}
