/* A stored programme with its current establishment from the workforce census. */
#include "model/programme.h"

#include <stdio.h>
#include <string.h>

#include "store/workforce_records.h"

static int on_fte(void *ctx, const struct workforce_fte_record *x)
{
	struct prog_workforce *wf = ctx;
	int r;
	if (!x->role)
		return CF_OK;
	if (!strcmp(x->role, "3"))
		r = PROG_MANAGER;
	else if (!strcmp(x->role, "4") || !strcmp(x->role, "5"))
		r = PROG_SOCIAL_WORKER;
	else
		return CF_OK;   /* senior and middle managers, qualified without cases: outside the model */
	int c = x->agency ? PROG_AGENCY : PROG_PERMANENT;
	wf->census[r][c] += x->fte;
	wf->has_census = 1;
	snprintf(wf->census_date, sizeof wf->census_date, "%s", x->census_date ? x->census_date : "");
	return CF_OK;
}

int programme_load_census(struct store *st, struct programme *p, struct cf_error *err)
{
	struct prog_workforce *wf = &p->workforce;
	wf->has_census = 0;
	/* the latest census date, from its latest load: a reload replaces */
	return workforce_fte_records_each(st, on_fte, wf, err);
}

int programme_load(struct store *st, const char *name, struct programme *p, struct cf_error *err)
{
	int rc = programme_load_stored(st, name, p, err);
	return rc ? rc : programme_load_census(st, p, err);
}
