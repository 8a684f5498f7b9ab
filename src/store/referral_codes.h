/* The codes a CIN referral row carries beside its dates (referral source,
 * closure reason), by the return and row that hold it: a record read by
 * cin_records_referrals names its version's return and row (its src), so
 * these are the current version's codes. */
#ifndef CF_STORE_REFERRAL_CODES_H
#define CF_STORE_REFERRAL_CODES_H

#include "base/error.h"
#include "store/store.h"

struct referral_codes {
	int return_id, row;
	const char *source;          /* as stored ("1A", "10"); NULL when not given */
	const char *closure_reason;  /* "RC1" ...; NULL when not given */
};

/* Each cin_referrals row with a code, in order of return and row. Strings
 * are valid only during the callback; fn's non-zero status stops the walk
 * and is returned. */
int referral_codes_each(struct store *st, int (*fn)(void *ctx, const struct referral_codes *r), void *ctx,
			struct cf_error *err);

#endif
