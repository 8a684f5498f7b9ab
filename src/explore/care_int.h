/* Each child's periods of care by registry index, for the explore room's
 * walks (drivers.c: did a referral lead to care; flows.c: moves into and out
 * of care). Built once from the indicators' data. */
#ifndef CF_EXPLORE_CARE_INT_H
#define CF_EXPLORE_CARE_INT_H

#include "indicators/indicators.h"

struct care_periods {
	int *first;              /* [nreg + 1]: child c's periods are [first[c], first[c + 1]) */
	cf_date (*period)[2];    /* start, end (CF_DATE_NONE while open), in episode order */
};

/* 0, or -1 out of memory (release anyway). */
int care_periods_make(const struct kpi_data *d, struct care_periods *c);
void care_periods_release(struct care_periods *c);

#endif
