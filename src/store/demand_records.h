/* Where demand comes from, as the store holds it: the source of each
 * referral, the factors identified at the end of each assessment and the
 * episodes of early help below the statutory threshold, the
 * current version of each (the *_current views' rule, the one definition of
 * "current": docs/architecture.md). Read by the explore room. */
#ifndef CF_STORE_DEMAND_RECORDS_H
#define CF_STORE_DEMAND_RECORDS_H

#include "base/date.h"
#include "base/error.h"
#include "store/store.h"

/* Strings are valid only during the callback; a non-zero status from it
 * stops the walk and is returned. Rows whose date cannot be read come with
 * CF_DATE_NONE. */
struct referral_source_record {
	const char *child;
	cf_date date;             /* referral date */
	const char *source;       /* the CIN census code (1A..10), NULL when not given */
};

struct assessment_factors_record {
	const char *child;
	cf_date start;
	const char *factors;      /* space-separated codes (1A..24A), NULL when none recorded */
};

struct early_help_record {
	const char *child;        /* never NULL: rows for a family without a child are left out */
	cf_date start, end;       /* end CF_DATE_NONE while open */
};

int demand_records_referral_sources(struct store *st, int (*fn)(void *ctx, const struct referral_source_record *r),
				    void *ctx, struct cf_error *err);
int demand_records_assessment_factors(struct store *st,
				      int (*fn)(void *ctx, const struct assessment_factors_record *r), void *ctx,
				      struct cf_error *err);
/* Every early help episode of a child, the current version of each. */
int demand_records_early_help(struct store *st, int (*fn)(void *ctx, const struct early_help_record *r), void *ctx,
			      struct cf_error *err);

#endif
