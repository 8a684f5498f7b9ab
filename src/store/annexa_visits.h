/* Visits to children as Annex A records them (migration 0023): each row of
 * Lists 6, 7 and 8 with the child's last visit, the list's start and end,
 * the allocated team, and the day its extract describes. */
#ifndef CF_STORE_ANNEXA_VISITS_H
#define CF_STORE_ANNEXA_VISITS_H

#include "base/date.h"
#include "base/error.h"
#include "store/record_sources.h"
#include "store/store.h"

struct annexa_visit_record {
	int list;                 /* 6 children in need, 7 child protection, 8 looked after */
	const char *child;
	const char *team;         /* NULL when not given */
	cf_date start, end;       /* the list's start and end (CIN, plan, care); CF_DATE_NONE when blank */
	cf_date visit;            /* the last visit (or, List 6, the day last seen); CF_DATE_NONE when none */
	cf_date as_at;            /* the day the extract describes */
	struct record_source src; /* the return and row */
};

/* Every visit row, by return then row. Strings are valid only during the
 * callback; fn's non-zero status stops the walk and is returned. */
int annexa_visits_each(struct store *st, int (*fn)(void *ctx, const struct annexa_visit_record *r), void *ctx,
		       struct cf_error *err);

#endif
