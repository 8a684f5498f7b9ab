/* The children's social work workforce census as stored. Strings are valid
 * only during the callback; a callback's non-zero status stops the walk and
 * is returned. */
#ifndef CF_STORE_WORKFORCE_RECORDS_H
#define CF_STORE_WORKFORCE_RECORDS_H

#include "base/date.h"
#include "base/error.h"
#include "store/store.h"

/* LA-level rows, in load order (so a later load's row comes last). */
struct workforce_la_record {
	cf_date census_date;      /* CF_DATE_NONE when unreadable */
	int has_vacancies, has_agency;  /* 0 when the figure was not given */
	double vacancies_fte, agency_fte;
};

int workforce_la_records_each(struct store *st, int (*fn)(void *ctx, const struct workforce_la_record *r),
			      void *ctx, struct cf_error *err);

/* Worker rows of the latest load of each census date (a reload replaces). */
struct workforce_worker_record {
	cf_date census_date;      /* CF_DATE_NONE when unreadable */
	int agency;               /* 1 an agency worker */
	double fte;               /* FTE on the census date (FTE30 when FTE is not given) */
	double leaver_fte;        /* FTE30 when not 0, else FTE: what a leaver worked */
	cf_date start, end;       /* CF_DATE_NONE when not given */
	double cases;
};

int workforce_worker_records_each(struct store *st, int (*fn)(void *ctx, const struct workforce_worker_record *r),
				  void *ctx, struct cf_error *err);

/* FTE in post on the latest census date (from its latest load), by role
 * and agency: workers with FTE > 0 started on or before it and not ended. */
struct workforce_fte_record {
	const char *census_date;  /* "yyyy-mm-dd" as stored */
	const char *role;         /* OrgRole as stored, NULL when not given */
	int agency;
	double fte;
};

int workforce_fte_records_each(struct store *st, int (*fn)(void *ctx, const struct workforce_fte_record *r),
			       void *ctx, struct cf_error *err);

#endif
