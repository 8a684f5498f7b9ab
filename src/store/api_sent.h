/* What caseflow api-payload has sent to DfE's daily children's social care
 * data API (migration 0026): per local authority code and child, the
 * digest of the record last sent and its social care episode ids. */
#ifndef CF_STORE_API_SENT_H
#define CF_STORE_API_SENT_H

#include "base/error.h"
#include "store/store.h"

struct api_sent_record {
	const char *child;
	const char *digest;       /* hex SHA-256 of the record sent */
	const char *episodes;     /* social_care_episode_ids, space-separated ("" when none) */
	int purged;               /* 1 when the last record sent was the child's purge */
};

/* Each child sent for la_code, by child. Strings are valid only during the
 * callback; fn's non-zero status stops the walk and is returned. */
int api_sent_each(struct store *st, int la_code, int (*fn)(void *ctx, const struct api_sent_record *r), void *ctx,
		  struct cf_error *err);

/* Record that r was sent for la_code at sent_at (ISO 8601, UTC),
 * replacing what was recorded for the child. */
int api_sent_put(struct store *st, int la_code, const struct api_sent_record *r, const char *sent_at,
		 struct cf_error *err);

#endif
