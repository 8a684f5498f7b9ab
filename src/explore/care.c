/* Periods of care by child (care_int.h): a period runs from an episode that
 * starts one to the end of the episode that ends it. */
#include "explore/care_int.h"

#include <stdlib.h>
#include <string.h>

int care_periods_make(const struct kpi_data *d, struct care_periods *c)
{
	size_t nreg = d->reg.n;
	c->first = calloc(nreg + 1, sizeof *c->first);
	c->period = malloc((d->cla.neps ? d->cla.neps : 1) * sizeof *c->period);
	int *at = malloc((nreg ? nreg : 1) * sizeof *at);
	if (!c->first || !c->period || !at) {
		free(at);
		return -1;
	}
	for (size_t e = 0; e < d->cla.neps; e++)
		if (d->cla.eps[e].period_start)
			c->first[d->cla_reg[d->cla.eps[e].child] + 1]++;
	for (size_t r = 0; r < nreg; r++)
		c->first[r + 1] += c->first[r];
	memcpy(at, c->first, nreg * sizeof *at);
	for (size_t e = 0; e < d->cla.neps; e++) {
		const struct cla_episode *ep = &d->cla.eps[e];
		int r = d->cla_reg[ep->child];
		if (ep->period_start)
			c->period[at[r]++][0] = ep->start, c->period[at[r] - 1][1] = CF_DATE_NONE;
		if (at[r] > c->first[r] && (ep->period_end || ep->end == CF_DATE_NONE))
			c->period[at[r] - 1][1] = ep->period_end ? ep->end : CF_DATE_NONE;
	}
	free(at);
	return 0;
}

void care_periods_release(struct care_periods *c)
{
	free(c->first);
	free(c->period);
	c->first = NULL;
	c->period = NULL;
}
