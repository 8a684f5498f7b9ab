/* Where a record came from: the return (file) and the row (or, for XML, the
 * line) that holds it, so any figure can be followed down to its records.
 * Source tables keep return_id and row (migration 0001); these readers turn
 * them into file names, kinds and years for people to read. */
#ifndef CF_STORE_RECORD_SOURCES_H
#define CF_STORE_RECORD_SOURCES_H

#include "base/date.h"
#include "base/error.h"
#include "store/return_kinds.h"
#include "store/store.h"

/* A record's source as the model carries it: return_id 0 when not known,
 * row 0 when the store has no row for it ("row not recorded"). */
struct record_source {
	int return_id;
	int row;                  /* as analysts count rows (the header is 1); the line for XML */
};

/* One registered return, as a record's source names it. */
struct return_source {
	long long id;
	enum return_kind kind;
	int year;                 /* collection year (end year), 0 when none */
	int by_line;              /* 1: XML, whose records are found by line, not row */
	char kind_text[64];       /* as stored ("ssda903.episodes", "cin.census" ...) */
	char path[1024];          /* as loaded */
};

/* Every registered return, by id. *out is malloc'd (the caller frees it). */
int record_sources_returns(struct store *st, struct return_source **out, int *n, struct cf_error *err);

/* The entry of return `id` in returns[0..n) sorted by id, or NULL. */
const struct return_source *record_sources_find(const struct return_source *returns, int n, long long id);

/* The row of return_id's SSDA903 episode of `child` starting on `decom`
 * (the bulk episode reader keeps each episode's return, not its row):
 * *row is 0 when no such row is stored. */
int record_sources_episode_row(struct store *st, long long return_id, const char *child, cf_date decom, int *row,
			       struct cf_error *err);

#endif
