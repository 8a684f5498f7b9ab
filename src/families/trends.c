/* The quality of practice month by month, by team and by locality: audits
 * and those good or better, CP reviews due and on time, visits due and on
 * time, from the same units `caseflow kpi` counts (families_units). A team is
 * the allocated worker's (the allocations extract; for a visit, Annex A's
 * allocated team); a locality the child's (model/children.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "families/families_int.h"
#include "model/children.h"

enum { T_AUDITS, T_GOOD, T_CP_DUE, T_CP_ON_TIME, T_VISITS_DUE, T_VISITS_ON_TIME, T_N };

struct cell {
	int by_locality;          /* 0 team, 1 locality */
	const char *group;        /* lives as long as the data or the registry */
	int month;                /* from the period's first */
	int n[T_N];
};

struct trend {
	const struct child_registry *reg;
	int month;
	struct cell *c;
	size_t n, cap;
	int oom;
};

static struct cell *cell_for(struct trend *t, int by_locality, const char *group)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->c[i].by_locality == by_locality && t->c[i].month == t->month && !strcmp(t->c[i].group, group))
			return &t->c[i];
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		struct cell *c = realloc(t->c, cap * sizeof *c);
		if (!c)
			return NULL;
		t->c = c;
		t->cap = cap;
	}
	struct cell *c = &t->c[t->n++];
	*c = (struct cell){ by_locality, group, t->month, { 0 } };
	return c;
}

static int on_unit(void *ctx, const struct families_unit *u)
{
	struct trend *t = ctx;
	int k;
	switch (u->measure) {
	case FAMILIES_AUDIT_GOOD: k = T_AUDITS; break;
	case FAMILIES_CP_REVIEW: k = T_CP_DUE; break;
	case FAMILIES_VISIT: k = T_VISITS_DUE; break;
	default: return 0;   /* families are counted on a day, not over months */
	}
	int child = u->child ? children_find(t->reg, u->child) : -1;
	int loc = child >= 0 ? t->reg->children[child].locality : -1;
	const char *groups[2] = { u->team ? u->team : "(no team)", loc >= 0 ? t->reg->localities[loc] : "unknown" };
	for (int by = 0; by < 2; by++) {
		struct cell *c = cell_for(t, by, groups[by]);
		if (!c)
			return CF_EIO;
		c->n[k] += u->den;
		c->n[k + 1] += u->num;
	}
	return 0;
}

static int cmp_cell(const void *a, const void *b)
{
	const struct cell *x = a, *y = b;
	if (x->by_locality != y->by_locality)
		return x->by_locality - y->by_locality;
	int c = strcmp(x->group, y->group);
	return c ? c : x->month - y->month;
}

static int lay_out(struct trend *t, cf_date from, struct families_result *out)
{
	struct cf_table *tb = out->quality_trend = cf_table_new("quality_trend");
	if (!tb)
		return -1;
	static const char *const cols[] = { "group_by", "group", "month", "audits", "good_or_better",
					    "good_or_better_pct", "cp_reviews_due", "cp_reviews_on_time",
					    "cp_on_time_pct", "visits_due", "visits_on_time", "visits_on_time_pct" };
	for (int c = 0; c < 12; c++)
		if (cf_table_add_column(tb, cols[c], c < 3 ? CF_CELL_TEXT : c % 3 == 2 ? CF_CELL_REAL : CF_CELL_INT, 1) < 0)
			return -1;
	if (t->n > 1)
		qsort(t->c, t->n, sizeof *t->c, cmp_cell);
	int y0, m0, d0;
	cf_date_to_ymd(from, &y0, &m0, &d0);
	for (size_t i = 0; i < t->n; i++) {
		const struct cell *c = &t->c[i];
		char month[8];
		snprintf(month, sizeof month, "%04d-%02d", y0 + (m0 - 1 + c->month) / 12, (m0 - 1 + c->month) % 12 + 1);
		long r = cf_table_add_row(tb);
		if (r < 0 || cf_table_set_text(tb, (size_t)r, 0, c->by_locality ? "locality" : "team") ||
		    cf_table_set_text(tb, (size_t)r, 1, c->group) || cf_table_set_text(tb, (size_t)r, 2, month))
			return -1;
		for (int k = 0; k < T_N; k += 2) {
			int col = 3 + k / 2 * 3;
			cf_table_set_int(tb, (size_t)r, col, c->n[k]);
			cf_table_set_int(tb, (size_t)r, col + 1, c->n[k + 1]);
			if (c->n[k])
				cf_table_set_real(tb, (size_t)r, col + 2, 100.0 * c->n[k + 1] / c->n[k]);
		}
	}
	return 0;
}

int families_trends(struct store *st, const struct families_data *d, const struct families_options *o,
		    struct families_result *out, struct cf_error *err)
{
	struct child_registry reg;
	int rc = children_load(st, &reg, err);
	if (rc)
		return rc;
	struct trend t = { .reg = &reg };
	int y, m, dd;
	cf_date_to_ymd(o->from, &y, &m, &dd);
	cf_date first = cf_date_from_ymd(y, m, 1);
	for (cf_date start = first; !rc && start <= o->to && t.month < 240; start = cf_date_add_months(start, 1), t.month++) {
		int yy, mm;
		cf_date_to_ymd(start, &yy, &mm, &dd);
		cf_date end = cf_date_from_ymd(yy, mm, cf_date_days_in_month(yy, mm));
		rc = families_units(d, start < o->from ? o->from : start, end > o->to ? o->to : end, on_unit, &t);
	}
	if (rc)
		rc = cf_error_set(err, CF_EIO, "out of memory laying out the quality of practice by month");
	else if (lay_out(&t, first, out))
		rc = cf_error_set(err, CF_EIO, "out of memory laying out the quality of practice by month");
	free(t.c);
	children_release(&reg);
	return rc;
}
