/* SSDA903 records beside the episodes: missing and away-without-
 * authorisation incidents, and care leavers' OC3 rows. Strings are valid
 * only during the callback; a callback's non-zero status stops the walk and
 * is returned. */
#ifndef CF_STORE_CARE_RECORDS_H
#define CF_STORE_CARE_RECORDS_H

#include "base/date.h"
#include "base/error.h"
#include "store/record_sources.h"
#include "store/store.h"

/* Every stored missing row with a child (each year's return repeats the
 * incidents it covers: the caller folds them). */
struct missing_record {
	const char *child;
	struct record_source src;
	cf_date start;            /* MIS_START; CF_DATE_NONE when unreadable */
	const char *kind;         /* MISSING as stored (M or A), NULL when not given */
};

int missing_records_each(struct store *st, int (*fn)(void *ctx, const struct missing_record *r), void *ctx,
			 struct cf_error *err);

/* One OC3 row per child and collection year: the latest load of that year. */
struct oc3_record {
	const char *child;
	struct record_source src;
	int collection_year;
	cf_date dob;              /* CF_DATE_NONE when not given */
	const char *in_touch, *activ;   /* as stored, NULL when not given */
};

int oc3_records_each(struct store *st, int (*fn)(void *ctx, const struct oc3_record *r), void *ctx,
		     struct cf_error *err);

#endif
