/* The children's social work workforce census, one summary per census
 * date (30 September): FTE in post, leavers, agency, vacancies and cases,
 * as DfE derives its turnover, agency, vacancy and caseload rates. */
#ifndef CF_MODEL_WORKFORCE_H
#define CF_MODEL_WORKFORCE_H

#include <stddef.h>

#include "base/date.h"
#include "base/error.h"
#include "store/store.h"

struct workforce_census {
	cf_date date;
	double inpost_fte;        /* employed (not agency) workers in post on the census date */
	double leavers_fte;       /* employed workers who left in the 12 months to the census date */
	double agency_fte;        /* agency workers: the LA-level figure, else agency worker rows in post */
	double vacancies_fte;     /* LA-level; -1 when not given */
	double cases;             /* cases held on the census date by workers in post */
	double caseholder_fte;    /* FTE of workers in post holding at least one case */
};

struct workforce_data {
	struct workforce_census *census;   /* owned, by date */
	int n;
};

int workforce_load(struct store *st, struct workforce_data *out, struct cf_error *err);
void workforce_release(struct workforce_data *w);

/* The one label of a census year, wherever a census is named: DfE's
 * reporting year (its tables' time_period Y is the census of 30 September
 * Y), written "Sep Y" so that it cannot be read as a year to 31 March.
 * Writes at most size bytes, NUL-terminated. */
void workforce_census_label(int census_year, char *buf, size_t size);
/* The census year a financial year's figures use: the census of 30
 * September inside it (fy 2023, April 2023 to March 2024: 2023). */
int workforce_census_year_of_fy(int fy);

/* The latest census on or before `on` and less than a year before it, or NULL. */
const struct workforce_census *workforce_at(const struct workforce_data *w, cf_date on);

#endif
