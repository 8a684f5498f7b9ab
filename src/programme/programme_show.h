/* The programme's views as tables: the one entry point that `caseflow
 * programme show` and the server's /api/programme call. */
#ifndef CF_PROGRAMME_PROGRAMME_SHOW_H
#define CF_PROGRAMME_PROGRAMME_SHOW_H

#include "base/date.h"
#include "base/error.h"
#include "base/table.h"
#include "store/store.h"

/* In the order `programme show --view` lists them. */
enum programme_view {
	PROGRAMME_VIEW_BUSINESS_CASE,
	PROGRAMME_VIEW_BENEFITS,
	PROGRAMME_VIEW_MILESTONES,
	PROGRAMME_VIEW_CBA,
	PROGRAMME_VIEW_WORKFORCE,
	PROGRAMME_VIEW_ALL,
};

struct programme_show_options {
	const char *name;           /* the programme; NULL: the only one stored */
	enum programme_view view;
	cf_date as_of;              /* benefits and milestones are judged on this day */
	long suppress;              /* > 0: a benefit's monthly actual from the store whose indicator
	                             * small-number suppression hides is left out (published level) */
};

enum { PROGRAMME_SHOWN_MAX = 32 };

struct programme_shown {
	struct cf_table *tables[PROGRAMME_SHOWN_MAX];  /* owned: the view's tables, in order */
	int ntables;
	char notes[1024];           /* why a benefit's indicator has no actual; "" when none */
	int withheld;               /* monthly actuals left out by suppress */
};

/* Load the programme from st and make the view's tables. A single view the
 * programme lacks (no costs or savings for the business case, no benefits,
 * ...) is CF_EINPUT with err naming the store; `all` shows what there is.
 * out is the caller's to release, whatever the status. */
int programme_show(struct store *st, const struct programme_show_options *opt, struct programme_shown *out,
		   struct cf_error *err);
void programme_shown_release(struct programme_shown *out);

#endif
