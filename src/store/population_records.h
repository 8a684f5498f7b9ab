/* ONS child population estimates as stored: the rows of the latest load of
 * each (year, area). Strings are valid only during the callback; a
 * callback's non-zero status stops the walk and is returned. */
#ifndef CF_STORE_POPULATION_RECORDS_H
#define CF_STORE_POPULATION_RECORDS_H

#include "base/error.h"
#include "store/store.h"

struct population_record {
	int year;                 /* mid-year of the estimate */
	const char *area;         /* "LA" or a locality; NULL when not given */
	int has_age;              /* 1: the row is one year of age, `age`; 0: a band */
	int age;
	const char *age_band;     /* as stored, for a band (NULL when not given) */
	const char *sex;          /* as stored, NULL when not given */
	double count;
};

int population_records_each(struct store *st, int (*fn)(void *ctx, const struct population_record *r), void *ctx,
			    struct cf_error *err);

#endif
