/* Reading a programme back from the store, table by table, in load order,
 * and listing the programmes stored. */
#include "store/programme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

struct loader {
	struct store *st;
	struct programme *p;
	struct cf_error *err;
	long long pid;
};

static const char *col_str(struct loader *l, sqlite3_stmt *s, int i, int *oom)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
	if (!v)
		return NULL;
	char *c = arena_strdup(&l->p->arena, v);
	if (!c)
		*oom = 1;
	return c;
}

static int grow(void **arr, int n, size_t size)
{
	if (n & (n - 1))
		return 0;
	void *v = realloc(*arr, (n ? (size_t)n * 2 : 1) * size);
	if (!v)
		return -1;
	*arr = v;
	return 0;
}

/* Run `sql` (programme id bound to ?1) and hand each row to fn. */
static int each_row(struct loader *l, const char *sql, int (*fn)(struct loader *, sqlite3_stmt *))
{
	sqlite3_stmt *s;
	int rc = store_prepare(l->st, sql, &s, l->err), step;
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, l->pid);
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = fn(l, s)))
			break;
	if (!rc && step != SQLITE_DONE)
		rc = store_error(l->st, l->err, "reading the programme");
	sqlite3_finalize(s);
	return rc;
}

static int oom(struct loader *l) { return cf_error_set(l->err, CF_EIO, "out of memory"); }

static int on_workstream(struct loader *l, sqlite3_stmt *s)
{
	struct programme *p = l->p;
	int bad = 0;
	if (grow((void **)&p->workstreams, p->nworkstreams, sizeof *p->workstreams))
		return oom(l);
	struct prog_workstream *w = &p->workstreams[p->nworkstreams];
	w->row = sqlite3_column_int(s, 0);
	w->id = col_str(l, s, 1, &bad);
	w->name = col_str(l, s, 2, &bad);
	w->lead = col_str(l, s, 3, &bad);
	p->nworkstreams++;
	return bad ? oom(l) : CF_OK;
}

static int on_cost(struct loader *l, sqlite3_stmt *s)
{
	struct programme *p = l->p;
	int bad = 0;
	if (grow((void **)&p->costs, p->ncosts, sizeof *p->costs))
		return oom(l);
	struct prog_cost *c = &p->costs[p->ncosts++];
	c->row = sqlite3_column_int(s, 0);
	c->year = sqlite3_column_int(s, 1);
	c->workstream = col_str(l, s, 2, &bad);
	c->ongoing = strcmp((const char *)sqlite3_column_text(s, 3), "ongoing") == 0;
	c->amount = sqlite3_column_int64(s, 4);
	c->funding = col_str(l, s, 5, &bad);
	return bad ? oom(l) : CF_OK;
}

static int on_saving(struct loader *l, sqlite3_stmt *s)
{
	struct programme *p = l->p;
	int bad = 0;
	if (grow((void **)&p->savings, p->nsavings, sizeof *p->savings))
		return oom(l);
	struct prog_saving *v = &p->savings[p->nsavings++];
	memset(v, 0, sizeof *v);   /* stored savings are figures: no forecast pending */
	v->row = sqlite3_column_int(s, 0);
	v->year = sqlite3_column_int(s, 1);
	v->workstream = col_str(l, s, 2, &bad);
	v->amount = sqlite3_column_int64(s, 3);
	return bad ? oom(l) : CF_OK;
}

static int on_benefit(struct loader *l, sqlite3_stmt *s)
{
	struct programme *p = l->p;
	int bad = 0;
	if (grow((void **)&p->benefits, p->nbenefits, sizeof *p->benefits))
		return oom(l);
	struct prog_benefit *b = &p->benefits[p->nbenefits++];
	b->row = sqlite3_column_int(s, 0);
	b->id = col_str(l, s, 1, &bad);
	b->name = col_str(l, s, 2, &bad);
	b->financial = sqlite3_column_int(s, 3);
	b->measure = col_str(l, s, 4, &bad);
	b->unit = col_str(l, s, 5, &bad);
	b->baseline_date = store_col_date(s, 6);
	b->baseline = sqlite3_column_double(s, 7);
	b->target_date = store_col_date(s, 8);
	b->target = sqlite3_column_double(s, 9);
	b->shape = strcmp((const char *)sqlite3_column_text(s, 10), "geometric") == 0 ? PROG_GEOMETRIC : PROG_LINEAR;
	b->tolerance = sqlite3_column_double(s, 11);
	b->owner = col_str(l, s, 12, &bad);
	b->workstream = col_str(l, s, 13, &bad);
	return bad ? oom(l) : CF_OK;
}

static int on_actual(struct loader *l, sqlite3_stmt *s)
{
	struct programme *p = l->p;
	if (grow((void **)&p->actuals, p->nactuals, sizeof *p->actuals))
		return oom(l);
	struct prog_actual *a = &p->actuals[p->nactuals++];
	a->row = sqlite3_column_int(s, 0);
	a->benefit = NULL;
	const char *id = (const char *)sqlite3_column_text(s, 1);
	for (int i = 0; i < p->nbenefits && id; i++)
		if (!strcmp(p->benefits[i].id, id))
			a->benefit = p->benefits[i].id;
	a->date = store_col_date(s, 2);
	a->value = sqlite3_column_double(s, 3);
	return a->benefit ? CF_OK
			  : cf_error_set(l->err, CF_EIO, "the store's programme actuals name benefit '%s', which it does not hold",
					 id ? id : "");
}

static int on_milestone(struct loader *l, sqlite3_stmt *s)
{
	struct programme *p = l->p;
	int bad = 0;
	if (grow((void **)&p->milestones, p->nmilestones, sizeof *p->milestones))
		return oom(l);
	struct prog_milestone *m = &p->milestones[p->nmilestones++];
	m->row = sqlite3_column_int(s, 0);
	m->name = col_str(l, s, 1, &bad);
	m->workstream = col_str(l, s, 2, &bad);
	m->due = store_col_date(s, 3);
	m->done = store_col_date(s, 4);
	m->owner = col_str(l, s, 5, &bad);
	return bad ? oom(l) : CF_OK;
}

static int on_outcome(struct loader *l, sqlite3_stmt *s)
{
	struct prog_cba *cba = &l->p->cba;
	int bad = 0;
	if (grow((void **)&cba->outcomes, cba->noutcomes, sizeof *cba->outcomes))
		return oom(l);
	struct prog_outcome *o = &cba->outcomes[cba->noutcomes++];
	o->row = sqlite3_column_int(s, 0);
	o->name = col_str(l, s, 1, &bad);
	o->agency = col_str(l, s, 2, &bad);
	o->year = sqlite3_column_int(s, 3);
	o->cohort = sqlite3_column_double(s, 4);
	o->engagement = sqlite3_column_double(s, 5);
	o->impact = sqlite3_column_double(s, 6);
	o->deadweight = sqlite3_column_double(s, 7);
	o->attribution = sqlite3_column_double(s, 8);
	o->unit_value = sqlite3_column_double(s, 9);
	const char *t = (const char *)sqlite3_column_text(s, 10);
	o->type = !strcmp(t, "economic") ? PROG_ECONOMIC : !strcmp(t, "social") ? PROG_SOCIAL : PROG_FISCAL;
	o->cashable = sqlite3_column_int(s, 11);
	o->drop_off = sqlite3_column_double(s, 12);
	o->lag = sqlite3_column_int(s, 13);
	o->duration = sqlite3_column_int(s, 14);
	o->optimism_bias = sqlite3_column_double(s, 15);
	return bad ? oom(l) : CF_OK;
}

static int on_cba_cost(struct loader *l, sqlite3_stmt *s)
{
	struct prog_cba *cba = &l->p->cba;
	int bad = 0;
	if (grow((void **)&cba->costs, cba->ncosts, sizeof *cba->costs))
		return oom(l);
	struct prog_cba_cost *c = &cba->costs[cba->ncosts++];
	c->row = sqlite3_column_int(s, 0);
	c->name = col_str(l, s, 1, &bad);
	c->agency = col_str(l, s, 2, &bad);
	c->year = sqlite3_column_int(s, 3);
	c->amount = sqlite3_column_double(s, 4);
	c->optimism_bias = sqlite3_column_double(s, 5);
	return bad ? oom(l) : CF_OK;
}

static int on_workforce(struct loader *l, sqlite3_stmt *s)
{
	struct prog_workforce *wf = &l->p->workforce;
	const char *item = (const char *)sqlite3_column_text(s, 1);
	const char *role = (const char *)sqlite3_column_text(s, 2);
	const char *contract = (const char *)sqlite3_column_text(s, 3);
	double v = sqlite3_column_double(s, 5);
	int r = role && !strcmp(role, "manager") ? PROG_MANAGER : PROG_SOCIAL_WORKER;
	int c = contract && !strcmp(contract, "agency") ? PROG_AGENCY : PROG_PERMANENT;
	if (!strcmp(item, "cost_per_fte")) {
		wf->has_cost[r][c] = 1;
		wf->cost_per_fte[r][c] = v;
	} else if (!strcmp(item, "establishment")) {
		wf->has_establishment = 1;
		wf->establishment[r][c] = v;
	} else {
		if (grow((void **)&wf->demand, wf->ndemand, sizeof *wf->demand))
			return oom(l);
		struct prog_demand *d = &wf->demand[wf->ndemand++];
		d->row = sqlite3_column_int(s, 0);
		d->date = store_col_date(s, 4);
		d->cases = v;
	}
	return CF_OK;
}

static int find_programme(struct loader *l, const char *name)
{
	sqlite3_stmt *s;
	int rc = store_prepare(l->st,
			       "SELECT id, name, unit, first_year, cba_present, discount_rate, appraisal_years, "
			       "workforce_present, caseload_standard, span_of_control, agency_cap "
			       "FROM programmes WHERE ?1 IS NULL OR name = ?1 ORDER BY name", &s, l->err);
	if (rc)
		return rc;
	if (name)
		sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	int n = 0, bad = 0;
	char names[300] = "";
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *nm = (const char *)sqlite3_column_text(s, 1);
		size_t used = strlen(names);
		if (used + 1 < sizeof names)
			snprintf(names + used, sizeof names - used, "%s'%s'", n ? ", " : "", nm);
		if (n++)
			continue;
		struct programme *p = l->p;
		l->pid = sqlite3_column_int64(s, 0);
		p->name = col_str(l, s, 1, &bad);
		p->unit = !strcmp((const char *)sqlite3_column_text(s, 2), "thousands") ? PROG_THOUSANDS : PROG_POUNDS;
		p->first_year = sqlite3_column_int(s, 3);
		p->cba.present = sqlite3_column_int(s, 4);
		p->cba.discount_rate = sqlite3_column_double(s, 5);
		p->cba.appraisal_years = sqlite3_column_int(s, 6);
		p->workforce.present = sqlite3_column_int(s, 7);
		p->workforce.caseload_standard = sqlite3_column_double(s, 8);
		p->workforce.span = sqlite3_column_double(s, 9);
		p->workforce.agency_cap = sqlite3_column_double(s, 10);
	}
	sqlite3_finalize(s);
	if (bad)
		return oom(l);
	if (n == 0 && name)
		return cf_error_at(l->err, CF_EINPUT, l->st->path, 0, NULL, name,
				   "no programme of that name in the store (caseflow programme show lists what is there)");
	if (n == 0)
		return cf_error_at(l->err, CF_EINPUT, l->st->path, 0, NULL, NULL,
				   "no programme in the store: load one with 'caseflow programme --load FILE'");
	if (n > 1)
		return cf_error_at(l->err, CF_EINPUT, l->st->path, 0, NULL, NULL,
				   "the store holds %d programmes (%s): say which with --name", n, names);
	return CF_OK;
}

int programme_load_stored(struct store *st, const char *name, struct programme *p, struct cf_error *err)
{
	struct loader l = { st, p, err, 0 };
	int rc = find_programme(&l, name);
	if (!rc)
		rc = each_row(&l, "SELECT row, workstream, name, lead FROM programme_workstreams WHERE programme_id = ?1 "
				  "ORDER BY rowid", on_workstream);
	if (!rc)
		rc = each_row(&l, "SELECT row, year, workstream, kind, amount_e4, funding_source FROM programme_costs "
				  "WHERE programme_id = ?1 ORDER BY rowid", on_cost);
	if (!rc)
		rc = each_row(&l, "SELECT row, year, workstream, amount_e4 FROM programme_savings WHERE programme_id = ?1 "
				  "ORDER BY rowid", on_saving);
	if (!rc)
		rc = each_row(&l, "SELECT row, benefit, name, financial, measure, unit, baseline_date, baseline_value, "
				  "target_date, target_value, trajectory, tolerance, owner, workstream FROM programme_benefits "
				  "WHERE programme_id = ?1 ORDER BY rowid", on_benefit);
	if (!rc)
		rc = each_row(&l, "SELECT row, benefit, date, value FROM programme_actuals WHERE programme_id = ?1 "
				  "ORDER BY rowid", on_actual);
	if (!rc)
		rc = each_row(&l, "SELECT row, milestone, workstream, due, done, owner FROM programme_milestones "
				  "WHERE programme_id = ?1 ORDER BY rowid", on_milestone);
	if (!rc)
		rc = each_row(&l, "SELECT row, name, agency, year, cohort, engagement, impact, deadweight, attribution, "
				  "unit_value, value_type, cashable, drop_off, lag, duration, optimism_bias "
				  "FROM programme_cba_outcomes WHERE programme_id = ?1 ORDER BY rowid", on_outcome);
	if (!rc)
		rc = each_row(&l, "SELECT row, name, agency, year, amount, optimism_bias FROM programme_cba_costs "
				  "WHERE programme_id = ?1 ORDER BY rowid", on_cba_cost);
	if (!rc)
		rc = each_row(&l, "SELECT row, item, role, contract, date, value FROM programme_workforce "
				  "WHERE programme_id = ?1 ORDER BY rowid", on_workforce);
	return rc;
}

int programme_list(struct store *st, struct programme_entry **out, int *n, struct cf_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s;
	/* a programme loaded again is inserted afresh, so the largest id is the latest load */
	int rc = store_prepare(st, "SELECT name, loaded_at FROM programmes ORDER BY loaded_at DESC, id DESC", &s, err);
	if (rc)
		return rc;
	struct programme_entry *list = NULL;
	int count = 0, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 0), *at = (const char *)sqlite3_column_text(s, 1);
		char *copy = name ? strdup(name) : NULL;
		if (!copy || grow((void **)&list, count, sizeof *list)) {
			free(copy);
			programme_list_free(list, count);
			sqlite3_finalize(s);
			return cf_error_set(err, CF_EIO, "out of memory listing the programmes");
		}
		list[count].name = copy;
		snprintf(list[count].loaded_at, sizeof list[count].loaded_at, "%s", at ? at : "");
		count++;
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE) {
		programme_list_free(list, count);
		return store_error(st, err, "listing the programmes");
	}
	*out = list;
	*n = count;
	return CF_OK;
}

void programme_list_free(struct programme_entry *list, int n)
{
	for (int i = 0; i < n; i++)
		free(list[i].name);
	free(list);
}
