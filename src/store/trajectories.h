/* Stored trajectories: every version of each named target path, with who
 * set it and when. indicators/trajectory.c does the arithmetic. */
#ifndef CF_STORE_TRAJECTORIES_H
#define CF_STORE_TRAJECTORIES_H

#include "base/date.h"
#include "base/error.h"
#include "store/store.h"

/* One version as stored. Text fields are NUL-terminated, cut to fit. */
struct trajectory_row {
	long long id;                  /* set by trajectories_insert */
	char name[128];
	char indicator[64];
	char la_code[8];               /* "" = none (stored NULL) */
	cf_date from_date, to_date;    /* CF_DATE_NONE when the stored text is no date */
	double from_value, to_value;
	char shape[16];                /* "linear" or "geometric" */
	double tolerance_pct;
	char basis[256];
	char set_by[64], set_at[32];
};

/* Store r as a new version of r->name; sets r->id. */
int trajectories_insert(struct store *st, struct trajectory_row *r, struct cf_error *err);

/* The latest version of each name (or of `name` only, when not NULL), by
 * name. *out is malloc'd (free it); *n may be 0. */
int trajectories_latest(struct store *st, const char *name, struct trajectory_row **out, int *n,
			struct cf_error *err);

#endif
