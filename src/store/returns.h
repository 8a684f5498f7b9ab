/* The returns register: which files the store holds, of what kind and
 * collection year, and the small questions asked of it (the years held,
 * the latest, the CIN censuses, what each kind amounts to), plus the areas
 * the local localities extract names. */
#ifndef CF_STORE_RETURNS_H
#define CF_STORE_RETURNS_H

#include <stddef.h>

#include "base/error.h"
#include "store/return_kinds.h"
#include "store/store.h"

/* The distinct collection years of returns of the kinds in `kinds`
 * (RETURN_KINDS_ALL: any), ascending, at most cap of them. */
int returns_years(struct store *st, return_kinds kinds, int *years, int cap, int *n, struct cf_error *err);

/* The first and last collection year (> 0) of returns of those kinds;
 * both 0 when there is none. */
int returns_year_range(struct store *st, return_kinds kinds, int *first, int *last, struct cf_error *err);

/* How many returns of kind k the store holds for collection year `year`. */
int returns_count(struct store *st, enum return_kind k, int year, long *n, struct cf_error *err);

/* A text that changes whenever a return is loaded or replaced: the
 * register's latest id, how many it holds, the latest load time and the
 * rows loaded (a programme reloaded can reuse its ids; the load time and
 * rows tell it apart). caseflow serve keeps its figures until it changes,
 * so the server's own audit rows and sessions never make it recompute. */
int returns_stamp(struct store *st, char *out, size_t size, struct cf_error *err);

/* One registered return. */
struct return_entry {
	long long id;
	int year;          /* collection year; 0 when it has none */
	char path[1024];
};

/* The returns of kind k (of collection year `year`, or every year when 0),
 * by year then load order. *out is malloc'd: the caller frees it. */
int returns_list(struct store *st, enum return_kind k, int year, struct return_entry **out, int *n,
		 struct cf_error *err);

/* What the store holds of each kind, as stored (a programme's files are
 * one kind per sheet and programme). */
struct return_kind_total {
	char *kind;             /* the stored text, owned by the array */
	int first_year, last_year;   /* 0 when the kind has no collection year */
	long long files, rows;
};

/* Every kind held, in the order of its text. Free with
 * returns_kind_totals_free. */
int returns_kind_totals(struct store *st, struct return_kind_total **out, int *n, struct cf_error *err);
void returns_kind_totals_free(struct return_kind_total *t, int n);

/* Each distinct area (postcode sector, ward ...) the localities extracts
 * map to a locality, in no set order; fn returning non-zero stops the walk
 * and returns that. */
int returns_locality_areas(struct store *st, int (*fn)(void *ctx, const char *area, struct cf_error *err),
			   void *ctx, struct cf_error *err);

#endif
