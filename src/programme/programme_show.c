/* The programme's views as tables, from the store: the one entry point
 * behind `caseflow programme show` and /api/programme. */
#include "programme/programme_show.h"

#include <stdlib.h>
#include <string.h>

#include "model/programme.h"
#include "programme/programme_benefits.h"
#include "programme/programme_business_case.h"
#include "programme/programme_cba.h"
#include "programme/programme_milestones.h"
#include "programme/programme_model.h"
#include "programme/programme_workforce.h"

/* The tables of one view v into out; what, when v is the one asked for
 * and the programme lacks it, the refusal's words. */
static int view_tables(const struct programme *p, int v, int only, const struct prog_actual *computed, int ncomputed,
		       cf_date as_of, const char *db, struct programme_shown *out, struct cf_error *err)
{
	struct cf_table **t = out->tables + out->ntables;
	int k = 0, rc = CF_OK;
	switch (v) {
	case PROGRAMME_VIEW_BUSINESS_CASE:
		if (only && !p->ncosts && !p->nsavings)
			return cf_error_at(err, CF_EINPUT, db, 0, NULL, p->name,
					   "the programme has no costs or savings sheet: no business case");
		if (p->ncosts || p->nsavings)
			rc = business_case_tables(p, t, &k, err);
		break;
	case PROGRAMME_VIEW_BENEFITS:
		if (only && !p->nbenefits)
			return cf_error_at(err, CF_EINPUT, db, 0, NULL, p->name, "the programme has no benefits");
		if (p->nbenefits)
			rc = benefits_tables(p, computed, ncomputed, as_of, t, &k, err);
		break;
	case PROGRAMME_VIEW_MILESTONES:
		if (only && !p->nmilestones)
			return cf_error_at(err, CF_EINPUT, db, 0, NULL, p->name, "the programme has no milestones");
		if (p->nmilestones)
			rc = milestones_tables(p, as_of, t, &k, err);
		break;
	case PROGRAMME_VIEW_CBA:
		if (only && !p->cba.present)
			return cf_error_at(err, CF_EINPUT, db, 0, NULL, p->name, "the programme has no cba sheet");
		if (p->cba.present)
			rc = cba_tables(p, t, &k, err);
		break;
	case PROGRAMME_VIEW_WORKFORCE:
		if (only && !p->workforce.present)
			return cf_error_at(err, CF_EINPUT, db, 0, NULL, p->name, "the programme has no workforce sheet");
		if (p->workforce.present)
			rc = workforce_tables(p, t, &k, err);
		break;
	}
	out->ntables += k;
	return rc;
}

int programme_show(struct store *st, const struct programme_show_options *opt, struct programme_shown *out,
		   struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	struct programme p;
	struct prog_actual *computed = NULL;
	int ncomputed = 0, all = opt->view == PROGRAMME_VIEW_ALL;
	programme_init(&p);
	int rc = programme_load(st, opt->name, &p, err);
	if (!rc && (all || opt->view == PROGRAMME_VIEW_BENEFITS))
		rc = programme_indicator_actuals(st, &p, opt->suppress, &computed, &ncomputed, &out->withheld, out->notes,
						 sizeof out->notes, err);
	/* each view's tables take at most 8 places: 5 views fit PROGRAMME_SHOWN_MAX */
	for (int v = 0; v < PROGRAMME_VIEW_ALL && !rc; v++)
		if (all || (int)opt->view == v)
			rc = view_tables(&p, v, !all, computed, ncomputed, opt->as_of, store_path(st), out, err);
	free(computed);
	programme_release(&p);
	return rc;
}

void programme_shown_release(struct programme_shown *out)
{
	for (int i = 0; i < out->ntables; i++)
		cf_table_free(out->tables[i]);
	out->ntables = 0;
}
