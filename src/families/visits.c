/* Visits to children within timescale, from Annex A's Lists 6-8 (the date a
 * child in need was last seen, a plan's last statutory visit, a looked-after
 * child's last social work visit), each timed to the day its extract
 * describes. docs/families.md gives the timescales and why. */
#include <stdlib.h>
#include <string.h>

#include "families/families_int.h"
#include "store/annexa_visits.h"

/* The timescale of each list: working days (CIN, CP) or calendar days (CLA). */
static const struct {
	int days, working;
	const char *words;
} timescale[3] = {
	{ 20, 1, "20 working days" },   /* List 6, children in need: no statutory interval; the common local standard */
	{ 10, 1, "10 working days" },   /* List 7, child protection: the common local standard for statutory visits */
	{ 42, 0, "6 weeks" },           /* List 8, looked after: Care Planning Regulations 2010, reg. 28 (first year) */
};

const char *visits_timescale(int list) { return list >= 6 && list <= 8 ? timescale[list - 6].words : ""; }

static int on_visit(void *ctx, const struct annexa_visit_record *r)
{
	struct visits *x = ctx;
	if (r->list < 6 || r->list > 8 || !r->child || r->as_at == CF_DATE_NONE)
		return CF_OK;
	if (x->n == x->cap) {
		size_t c = x->cap ? x->cap * 2 : 256;
		void *v = realloc(x->v, c * sizeof *x->v);
		if (!v)
			return CF_EIO;
		x->v = v;
		x->cap = c;
	}
	const char *child = arena_strdup(&x->a, r->child), *team = r->team ? arena_strdup(&x->a, r->team) : NULL;
	if (!child || (r->team && !team))
		return CF_EIO;
	x->v[x->n++] = (struct visit){ child, team, r->list, r->start, r->end, r->visit, r->as_at, r->src };
	return CF_OK;
}

static int cmp_visit(const void *a, const void *b)
{
	const struct visit *x = a, *y = b;
	if (x->src.return_id != y->src.return_id)
		return x->src.return_id < y->src.return_id ? -1 : 1;
	int c = strcmp(x->child, y->child);
	if (c)
		return c;
	if (x->list != y->list)
		return y->list - x->list;   /* the most protective list first */
	return (x->src.row > y->src.row) - (x->src.row < y->src.row);
}

int visits_read(struct store *st, struct visits *x, struct cf_error *err)
{
	memset(x, 0, sizeof *x);
	arena_init(&x->a, 0);
	int rc = annexa_visits_each(st, on_visit, x, err);
	if (rc == CF_EIO && !err->msg[0])
		cf_error_set(err, CF_EIO, "out of memory reading Annex A's visits");
	if (!rc && x->n > 1)
		qsort(x->v, x->n, sizeof *x->v, cmp_visit);
	return rc;
}

void visits_release(struct visits *x)
{
	free(x->v);
	arena_release(&x->a);
	memset(x, 0, sizeof *x);
}

/* Open on the day its extract describes: started by then, not ended before or on it. */
static int open_on_day(const struct visit *v)
{
	return (v->start == CF_DATE_NONE || v->start <= v->as_at) && (v->end == CF_DATE_NONE || v->end > v->as_at);
}

static int within(const struct visit *v)
{
	cf_date since = v->visit != CF_DATE_NONE ? v->visit : v->start;
	if (since == CF_DATE_NONE || since > v->as_at)
		return since != CF_DATE_NONE;   /* a visit dated after the extract's day is no lapse */
	int t = v->list - 6;
	return timescale[t].working ? cf_date_working_days(since, v->as_at) <= timescale[t].days
				    : v->as_at - since <= timescale[t].days;
}

int visits_due_each(const struct visits *x, cf_date from, cf_date to,
		    int (*fn)(void *ctx, const struct visit *v, int on_time), void *ctx)
{
	int rc = 0;
	for (size_t i = 0; i < x->n && !rc;) {
		/* one child on one extract: its rows are together, the most protective first */
		size_t j = i;
		const struct visit *pick = NULL;
		for (; j < x->n && x->v[j].src.return_id == x->v[i].src.return_id && !strcmp(x->v[j].child, x->v[i].child);
		     j++)
			if (!pick && open_on_day(&x->v[j]))
				pick = &x->v[j];
		if (pick && pick->as_at >= from && pick->as_at <= to)
			rc = fn(ctx, pick, within(pick));
		i = j;
	}
	return rc;
}
