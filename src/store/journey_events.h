/* One child's events from every source the store holds, in date order:
 * the rows behind `caseflow journey`. */
#ifndef CF_STORE_JOURNEY_EVENTS_H
#define CF_STORE_JOURNEY_EVENTS_H

#include "base/error.h"
#include "store/store.h"

/* *known = 1 when any child-level return (SSDA903, CIN census, Annex A)
 * names the child. */
int journey_events_known_child(struct store *st, const char *child, int *known, struct cf_error *err);

/* One dated event. The strings live until fn returns. Details never carry
 * names, UPNs or full postcodes. */
struct journey_event {
	const char *date;     /* yyyy-mm-dd as stored */
	const char *event;    /* contact, referral, cla_start ... */
	const char *detail;   /* "" when none */
	const char *kind;     /* the stored kind of the return it came from */
	const char *path;     /* that return's file */
	long long row;        /* its row (for XML, the line) */
};

/* Every dated event of the child, by date, then the journey's order within
 * a day (contact before referral before assessment ...), then load order
 * and row. Where several returns hold one record, the latest collection
 * year's version. fn returning non-zero stops the walk and returns that. */
int journey_events_each(struct store *st, const char *child,
			int (*fn)(void *ctx, const struct journey_event *e, struct cf_error *err), void *ctx,
			struct cf_error *err);

#endif
