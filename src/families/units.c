/* The families room's quality indicators one unit at a time, for the
 * indicator engine (caseflow kpi): the same definitions the families tables
 * count with, over data read once for every period asked. */
#include <stdlib.h>
#include <string.h>

#include "families/families_int.h"

int families_data_load(struct store *st, struct families_data **out, struct cf_error *err)
{
	*out = NULL;
	struct families_data *d = calloc(1, sizeof *d);
	if (!d)
		return cf_error_set(err, CF_EIO, "out of memory");
	/* each read leaves its struct releasable whatever happens */
	int rc = extracts_read(st, &d->x, err);
	int rc2 = rc ? rc : cp_plans_read(st, &d->cp, err);
	int rc3 = rc2 ? rc2 : visits_read(st, &d->visits, err);
	rc = rc3;
	if (rc) {
		families_data_free(d);
		return rc;
	}
	*out = d;
	return CF_OK;
}

void families_data_free(struct families_data *d)
{
	if (!d)
		return;
	extracts_release(&d->x);
	cp_plans_release(&d->cp);
	visits_release(&d->visits);
	free(d);
}

int families_data_has(const struct families_data *d, enum families_measure m)
{
	switch (m) {
	/* families are their members: allocations or plans alone (an SSD's
	 * involvements) make no family to count */
	case FAMILIES_ONE_PLAN: return d->x.nm > 0;
	case FAMILIES_AUDIT_GOOD: return d->x.nau > 0;
	case FAMILIES_CP_REVIEW: return d->cp.np > 0;
	case FAMILIES_VISIT: return d->visits.n > 0;
	default: return 0;
	}
}

/* The team of the first allocation (in file order) under key in ix open on day. */
static const char *team_in(const struct extracts *x, const struct index *ix, const char *key, cf_date day)
{
	size_t first, n = index_range(ix, key, &first), best = (size_t)-1;
	for (size_t k = first; k < first + n; k++) {
		const struct alloc *a = &x->al[ix->k[k].at];
		if (a->team && families_open_on(a->from, a->to, day) && ix->k[k].at < best)
			best = ix->k[k].at;
	}
	return best == (size_t)-1 ? NULL : x->al[best].team;
}

/* A child's team that day: its own allocation, else its family's. */
static const char *team_of_child(const struct extracts *x, const char *child, cf_date day)
{
	if (!child)
		return NULL;
	const char *t = team_in(x, &x->al_child, child, day);
	if (t)
		return t;
	size_t first, n = index_range(&x->m_child, child, &first);
	for (size_t k = first; k < first + n && !t; k++) {
		const struct member *m = &x->m[x->m_child.k[k].at];
		if (families_open_on(m->from, m->to, day))
			t = team_in(x, &x->al_family, m->family, day);
	}
	return t;
}

struct walk {
	const struct families_data *d;
	int (*fn)(void *ctx, const struct families_unit *u);
	void *ctx;
};

static int on_review(void *ctx, const struct cp_plan *p, cf_date due, int on_time)
{
	struct walk *w = ctx;
	struct families_unit u = { FAMILIES_CP_REVIEW, p->child, NULL, team_of_child(&w->d->x, p->child, due), due,
				   on_time, 1, p->src };
	return w->fn(w->ctx, &u);
}

static int on_visit(void *ctx, const struct visit *v, int on_time)
{
	struct walk *w = ctx;
	struct families_unit u = { FAMILIES_VISIT, v->child, NULL, v->team, v->as_at, on_time, 1, v->src };
	return w->fn(w->ctx, &u);
}

int families_units(const struct families_data *d, cf_date from, cf_date to,
		   int (*fn)(void *ctx, const struct families_unit *u), void *ctx)
{
	const struct extracts *x = &d->x;
	int rc = 0;
	size_t n;
	const char **ids = family_ids(x, &n);
	if (!ids)
		return CF_EIO;
	for (size_t i = 0; i < n && !rc; i++) {
		struct family_day fd;
		family_on(x, ids[i], from, to, &fd);
		if (!fd.current)
			continue;
		const char *child = NULL;
		if (fd.first_member)
			child = fd.first_member->child;
		const char *team = team_in(x, &x->al_family, ids[i], to);
		if (!team)
			team = team_of_child(x, child, to);
		struct record_source src = fd.open_plan ? fd.open_plan->src : fd.first_member ? fd.first_member->src
											: (struct record_source){ 0, 0 };
		struct families_unit u = { FAMILIES_ONE_PLAN, child, ids[i], team, to, fd.one_worker_one_plan, 1, src };
		rc = fn(ctx, &u);
	}
	free(ids);
	for (size_t i = 0; i < x->nau && !rc; i++) {
		const struct audit *a = &x->au[i];
		if (a->date == CF_DATE_NONE || a->date < from || a->date > to)
			continue;
		struct families_unit u = { FAMILIES_AUDIT_GOOD, a->child, NULL, team_of_child(x, a->child, a->date),
					   a->date, a->grade == 0 || a->grade == 1, 1, a->src };
		rc = fn(ctx, &u);
	}
	if (!rc) {
		struct walk w = { d, fn, ctx };
		rc = cp_reviews_due_each(&d->cp, from, to, on_review, &w);
		if (!rc)
			rc = visits_due_each(&d->visits, from, to, on_visit, &w);
	}
	return rc;
}
