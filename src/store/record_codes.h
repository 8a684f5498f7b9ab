/* The codes a CIN referral row (referral source, closure reason) or a CP
 * plan row (initial and latest category) carries beside its dates, by the
 * return and row that hold it: a record read by cin_records_referrals or
 * cin_records_cp_plans names its version's return and row (its src), so
 * these are the current version's codes. */
#ifndef CF_STORE_RECORD_CODES_H
#define CF_STORE_RECORD_CODES_H

#include "base/error.h"
#include "store/store.h"

struct record_codes {
	int return_id, row;
	const char *code1;   /* referral: its source ("1A", "10"); CP plan: initial category (NEG ...); NULL when not given */
	const char *code2;   /* referral: closure reason ("RC1" ...); CP plan: latest category; NULL when not given */
};

/* Each cin_referrals row with a code, in order of return and row. Strings
 * are valid only during the callback; fn's non-zero status stops the walk
 * and is returned. */
int record_codes_referrals(struct store *st, int (*fn)(void *ctx, const struct record_codes *r), void *ctx,
			   struct cf_error *err);
/* The same for cp_plans rows. */
int record_codes_cp_plans(struct store *st, int (*fn)(void *ctx, const struct record_codes *r), void *ctx,
			  struct cf_error *err);

#endif
