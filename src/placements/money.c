/* `caseflow money`: placement spend to date and committed to the year end,
 * by cost centre against budget and ledger; unit costs; top providers and
 * placements. Every figure is priced night by night (docs/money.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/local_csv.h"
#include "placements/placements.h"

int placement_open_on(const struct placement_cost *p, cf_date d)
{
	return p->start <= d && (p->end == CF_DATE_NONE || p->end > d);
}

long placement_nights(const struct placement_cost *p, cf_date from, cf_date to)
{
	cf_date a = p->start > from ? p->start : from;
	cf_date b = to;   /* last night charged */
	if (p->end != CF_DATE_NONE && p->end - 1 < b)
		b = p->end - 1;
	return b >= a ? (long)(b - a + 1) : 0;
}

void placement_price(const struct placement_cost *p, cf_date fy_start, cf_date as_of, cf_date fy_end,
		     struct placement_price *out)
{
	double contrib = p->health_gbp_week + p->education_gbp_week;
	out->nights_to_date = placement_nights(p, fy_start, as_of);
	out->nights_committed = placement_nights(p, as_of + 1, fy_end);
	out->gross_to_date = p->weekly_gbp * (double)out->nights_to_date / 7.0;
	out->contrib_to_date = contrib * (double)out->nights_to_date / 7.0;
	out->gross_committed = p->weekly_gbp * (double)out->nights_committed / 7.0;
	out->contrib_committed = contrib * (double)out->nights_committed / 7.0;
}

/* --- by cost centre --------------------------------------------------------- */

struct centre {
	const char *name;
	long placements;
	double gross, contrib, gross_committed, contrib_committed, budget, budget_to_date, ledger;
	int has_budget, has_ledger;
};

struct centres {
	struct centre *items;
	size_t n, cap;
};

static const char *centre_name(const char *s) { return s && *s ? s : "(none given)"; }

static struct centre *centre_get(struct centres *cs, const char *name)
{
	name = centre_name(name);
	for (size_t i = 0; i < cs->n; i++)
		if (!strcmp(cs->items[i].name, name))
			return &cs->items[i];
	if (cs->n == cs->cap) {
		size_t nc = cs->cap ? cs->cap * 2 : 16;
		struct centre *ni = realloc(cs->items, nc * sizeof *ni);
		if (!ni)
			return NULL;
		cs->items = ni;
		cs->cap = nc;
	}
	struct centre *c = &cs->items[cs->n++];
	memset(c, 0, sizeof *c);
	c->name = name;
	return c;
}

static int cmp_centre(const void *a, const void *b)
{
	return strcmp(((const struct centre *)a)->name, ((const struct centre *)b)->name);
}

static void put_centre_row(struct cf_table *t, const struct money_centre *c, int any_budget, int any_ledger)
{
	long r = cf_table_add_row(t);
	if (r < 0)
		return;
	cf_table_set_text(t, (size_t)r, 0, c->name);
	cf_table_set_int(t, (size_t)r, 1, c->placements);
	cf_table_set_real(t, (size_t)r, 2, c->gross_to_date);
	cf_table_set_real(t, (size_t)r, 3, c->contrib_to_date);
	cf_table_set_real(t, (size_t)r, 4, c->net_to_date);
	cf_table_set_real(t, (size_t)r, 5, c->net_committed);
	cf_table_set_real(t, (size_t)r, 6, c->net_year);
	if (any_budget && c->has_budget) {
		cf_table_set_real(t, (size_t)r, 7, c->budget);
		cf_table_set_real(t, (size_t)r, 8, c->variance);
		cf_table_set_real(t, (size_t)r, 9, c->budget_to_date);
		cf_table_set_real(t, (size_t)r, 10, c->variance_to_date);
	}
	if (any_ledger) {
		cf_table_set_real(t, (size_t)r, 11, c->ledger);
		cf_table_set_real(t, (size_t)r, 12, c->ledger_minus_net);
	}
}

/* The typed row of an accumulated centre, its name copied (-1 on OOM). */
static int centre_typed(const struct centre *c, struct money_centre *m)
{
	memset(m, 0, sizeof *m);
	size_t len = strlen(c->name) + 1;
	if (!(m->name = malloc(len)))
		return -1;
	memcpy(m->name, c->name, len);
	m->placements = c->placements;
	m->gross_to_date = c->gross;
	m->contrib_to_date = c->contrib;
	m->net_to_date = c->gross - c->contrib;
	m->gross_committed = c->gross_committed;
	m->contrib_committed = c->contrib_committed;
	m->net_committed = c->gross_committed - c->contrib_committed;
	m->net_year = m->net_to_date + m->net_committed;
	m->budget = c->budget;
	m->variance = m->net_year - c->budget;
	m->budget_to_date = c->budget_to_date;
	m->variance_to_date = m->net_to_date - c->budget_to_date;
	m->ledger = c->ledger;
	m->ledger_minus_net = c->ledger - m->net_to_date;
	m->has_budget = c->has_budget;
	m->has_ledger = c->has_ledger;
	return 0;
}

void money_centres_release(struct money_centres *c)
{
	for (size_t i = 0; c->items && i < c->n; i++)
		free(c->items[i].name);
	free(c->items);
	memset(c, 0, sizeof *c);
}

/* The part of a budget for 1 April to as_of: its monthly profile (a month
 * in progress pro rata by days) or, without one, a straight line by days. */
static double budget_to_date(const struct budget_line *b, cf_date fy_start, cf_date as_of, cf_date fy_end)
{
	if (as_of < fy_start)
		return 0;
	if (!b->has_profile)
		return b->budget_gbp * (double)(as_of - fy_start + 1) / (double)(fy_end - fy_start + 1);
	double sum = 0;
	for (int m = 0; m < 12; m++) {
		cf_date ms = cf_date_add_months(fy_start, m), me = cf_date_add_months(fy_start, m + 1) - 1;
		if (me <= as_of)
			sum += b->profile_gbp[m];
		else if (ms <= as_of)
			sum += b->profile_gbp[m] * (double)(as_of - ms + 1) / (double)(me - ms + 1);
	}
	return sum;
}

static int centres_compute(const struct placements_data *d, const struct money_options *o, cf_date fy_start,
			   cf_date as_of, cf_date fy_end, struct money_centres *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	struct centres cs = { NULL, 0, 0 };
	struct centre all;
	memset(&all, 0, sizeof all);
	all.name = "all";
	int oom = 0;
	for (size_t i = 0; i < d->nplacements && !oom; i++) {
		const struct placement_cost *p = &d->placements[i];
		struct placement_price pr;
		placement_price(p, fy_start, as_of, fy_end, &pr);
		if (!pr.nights_to_date && !pr.nights_committed)
			continue;
		struct centre *c = centre_get(&cs, p->cost_centre);
		if (!c) {
			oom = 1;
			break;
		}
		for (struct centre *x = c; x; x = x == c ? &all : NULL) {
			x->placements++;
			x->gross += pr.gross_to_date;
			x->contrib += pr.contrib_to_date;
			x->gross_committed += pr.gross_committed;
			x->contrib_committed += pr.contrib_committed;
		}
	}
	int any_budget = 0, any_ledger = 0;
	for (size_t i = 0; i < d->nbudgets && !oom; i++) {
		if (d->budgets[i].fy != o->fy)
			continue;
		struct centre *c = centre_get(&cs, d->budgets[i].cost_centre);
		if (!c) {
			oom = 1;
			break;
		}
		double to_date = budget_to_date(&d->budgets[i], fy_start, as_of, fy_end);
		c->budget += d->budgets[i].budget_gbp;
		c->budget_to_date += to_date;
		c->has_budget = all.has_budget = any_budget = 1;
		all.budget += d->budgets[i].budget_gbp;
		all.budget_to_date += to_date;
	}
	for (size_t i = 0; i < d->nledger && !oom; i++) {
		const struct ledger_line *l = &d->ledger[i];
		if (l->posted < fy_start || l->posted > as_of)
			continue;
		struct centre *c = centre_get(&cs, l->cost_centre);
		if (!c) {
			oom = 1;
			break;
		}
		c->ledger += l->amount_gbp;
		c->has_ledger = all.has_ledger = any_ledger = 1;
		all.ledger += l->amount_gbp;
	}
	if (!oom && cs.n)
		qsort(cs.items, cs.n, sizeof *cs.items, cmp_centre);
	out->items = oom ? NULL : calloc(cs.n + 1, sizeof *out->items);
	oom = !out->items;
	for (size_t i = 0; i <= cs.n && !oom; i++) {
		oom = centre_typed(i < cs.n ? &cs.items[i] : &all, &out->items[i]) != 0;
		if (!oom)
			out->n = i + 1;
	}
	free(cs.items);
	if (oom) {
		money_centres_release(out);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	out->any_budget = any_budget;
	out->any_ledger = any_ledger;
	return CF_OK;
}

static int by_cost_centre(const struct placements_data *d, const struct money_options *o, cf_date fy_start,
			  cf_date as_of, cf_date fy_end, struct cf_table **out, struct cf_error *err)
{
	struct money_centres cs;
	int rc = centres_compute(d, o, fy_start, as_of, fy_end, &cs, err);
	if (rc)
		return rc;
	struct cf_table *t = cf_table_new("money_by_cost_centre");
	if (!t) {
		money_centres_release(&cs);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	cf_table_add_column(t, "cost_centre", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "placements", CF_CELL_INT, 0);
	cf_table_add_column(t, "gross_to_date", CF_CELL_REAL, 2);
	cf_table_add_column(t, "contributions_to_date", CF_CELL_REAL, 2);
	cf_table_add_column(t, "net_to_date", CF_CELL_REAL, 2);
	cf_table_add_column(t, "net_committed", CF_CELL_REAL, 2);
	cf_table_add_column(t, "net_year", CF_CELL_REAL, 2);
	cf_table_add_column(t, "budget", CF_CELL_REAL, 2);
	cf_table_add_column(t, "variance", CF_CELL_REAL, 2);
	cf_table_add_column(t, "budget_to_date", CF_CELL_REAL, 2);
	cf_table_add_column(t, "variance_to_date", CF_CELL_REAL, 2);
	cf_table_add_column(t, "ledger_to_date", CF_CELL_REAL, 2);
	cf_table_add_column(t, "ledger_minus_net", CF_CELL_REAL, 2);
	for (size_t i = 0; i < cs.n; i++)
		put_centre_row(t, &cs.items[i], cs.any_budget, cs.any_ledger);
	money_centres_release(&cs);
	*out = t;
	return CF_OK;
}

/* --- unit costs ------------------------------------------------------------- */

struct priced {
	const char *key, *label;   /* the group's key; label shown beside it (provider name) */
	const char *child;
	int provider_type;
	double weekly;
	double gross;              /* to date in the year */
};

static int cmp_key_weekly(const void *a, const void *b)
{
	const struct priced *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->weekly > y->weekly) - (x->weekly < y->weekly);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

/* Distinct children among items[0..n). */
static long distinct_children(const struct priced *items, size_t n, const char **scratch)
{
	for (size_t i = 0; i < n; i++)
		scratch[i] = items[i].child;
	qsort(scratch, n, sizeof *scratch, cmp_str);
	long k = 0;
	for (size_t i = 0; i < n; i++)
		if (!i || strcmp(scratch[i], scratch[i - 1]))
			k++;
	return k;
}

/* Median (mean of the middle two for an even count) and 90th percentile
 * (nearest rank: the ceil(0.9 n)-th smallest) of sorted w[0..n), n >= 1. */
static double median_of(const struct priced *w, size_t n)
{
	return n % 2 ? w[n / 2].weekly : (w[n / 2 - 1].weekly + w[n / 2].weekly) / 2;
}

static double p90_of(const struct priced *w, size_t n)
{
	size_t rank = (size_t)ceil(0.9 * (double)n);
	return w[rank ? rank - 1 : 0].weekly;
}

void money_unit_costs_release(struct money_unit_costs *u)
{
	for (size_t i = 0; u->items && i < u->n; i++) {
		free(u->items[i].group);
		free(u->items[i].provider_name);
	}
	free(u->items);
	memset(u, 0, sizeof *u);
}

static char *copy_text(const char *s)
{
	size_t len = strlen(s) + 1;
	char *c = malloc(len);
	return c ? memcpy(c, s, len) : NULL;
}

/* Append to u one group of items[0..n) per key, under `by`; -1 on OOM. */
static int unit_groups(struct money_unit_costs *u, size_t *cap, const char *by, struct priced *items, size_t n,
		       const char **scratch)
{
	qsort(items, n, sizeof *items, cmp_key_weekly);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		double sum = 0;
		while (j < n && !strcmp(items[j].key, items[i].key))
			sum += items[j++].weekly;
		if (u->n == *cap) {
			size_t nc = *cap ? *cap * 2 : 32;
			struct money_unit_cost *ni = realloc(u->items, nc * sizeof *ni);
			if (!ni)
				return -1;
			u->items = ni;
			*cap = nc;
		}
		struct money_unit_cost *m = &u->items[u->n];
		memset(m, 0, sizeof *m);
		m->by = by;
		m->group = copy_text(items[i].key);
		m->provider_name = items[i].label ? copy_text(items[i].label) : NULL;
		if (!m->group || (items[i].label && !m->provider_name)) {
			free(m->group);
			free(m->provider_name);
			return -1;
		}
		u->n++;
		size_t k = j - i;
		m->children = distinct_children(items + i, k, scratch);
		m->placements = (long)k;
		m->weekly_mean = sum / (double)k;
		m->weekly_median = median_of(items + i, k);
		m->weekly_p90 = p90_of(items + i, k);
		i = j;
	}
	return 0;
}

static int unit_costs_compute(const struct placements_data *d, cf_date fy_start, cf_date as_of,
			      struct money_unit_costs *u, struct cf_error *err)
{
	memset(u, 0, sizeof *u);
	size_t cap = d->nplacements ? d->nplacements : 1, ucap = 0;
	struct priced *items = malloc(cap * sizeof *items);
	const char **scratch = malloc(cap * sizeof *scratch);
	int oom = !items || !scratch;
	for (int dim = 0; dim < 3 && !oom; dim++) {
		size_t n = 0;
		for (size_t i = 0; i < d->nplacements; i++) {
			const struct placement_cost *p = &d->placements[i];
			if (!placement_nights(p, fy_start, as_of))
				continue;
			struct priced *x = &items[n++];
			x->child = p->child;
			x->weekly = p->weekly_gbp;
			x->label = NULL;
			if (dim == 0)
				x->key = *p->placement_type ? p->placement_type : "(none given)";
			else if (dim == 1)
				x->key = local_provider_types[p->provider_type];
			else {
				x->key = *p->provider_id ? p->provider_id : "(none given)";
				x->label = p->provider_name;
			}
		}
		static const char *const dims[] = { "placement_type", "provider_type", "provider" };
		oom = unit_groups(u, &ucap, dims[dim], items, n, scratch) != 0;
	}
	free(items);
	free(scratch);
	if (oom) {
		money_unit_costs_release(u);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	return CF_OK;
}

struct cf_table *money_unit_costs_table(const struct money_unit_costs *u, const char *only_by, const char *name)
{
	struct cf_table *t = cf_table_new(name);
	if (!t)
		return NULL;
	int c0 = only_by ? -1 : 0;   /* the "by" column, left out when only one group is shown */
	if (!only_by)
		cf_table_add_column(t, "by", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "group", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "provider_name", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "children", CF_CELL_INT, 0);
	cf_table_add_column(t, "placements", CF_CELL_INT, 0);
	cf_table_add_column(t, "weekly_mean", CF_CELL_REAL, 2);
	cf_table_add_column(t, "weekly_median", CF_CELL_REAL, 2);
	cf_table_add_column(t, "weekly_p90", CF_CELL_REAL, 2);
	for (size_t i = 0; i < u->n; i++) {
		const struct money_unit_cost *m = &u->items[i];
		if (only_by && strcmp(m->by, only_by))
			continue;
		long r = cf_table_add_row(t);
		if (r < 0 || (!only_by && cf_table_set_text(t, (size_t)r, 0, m->by)) ||
		    cf_table_set_text(t, (size_t)r, c0 + 1, m->group) ||
		    (m->provider_name && cf_table_set_text(t, (size_t)r, c0 + 2, m->provider_name))) {
			cf_table_free(t);
			return NULL;
		}
		cf_table_set_int(t, (size_t)r, c0 + 3, m->children);
		cf_table_set_int(t, (size_t)r, c0 + 4, m->placements);
		cf_table_set_real(t, (size_t)r, c0 + 5, m->weekly_mean);
		cf_table_set_real(t, (size_t)r, c0 + 6, m->weekly_median);
		cf_table_set_real(t, (size_t)r, c0 + 7, m->weekly_p90);
	}
	return t;
}

static int unit_costs(const struct placements_data *d, cf_date fy_start, cf_date as_of, struct cf_table **out,
		      struct cf_error *err)
{
	struct money_unit_costs u;
	int rc = unit_costs_compute(d, fy_start, as_of, &u, err);
	if (rc)
		return rc;
	*out = money_unit_costs_table(&u, NULL, "money_unit_costs");
	money_unit_costs_release(&u);
	return *out ? CF_OK : cf_error_set(err, CF_EIO, "out of memory");
}

/* --- top providers and placements ------------------------------------------ */

static int cmp_key(const void *a, const void *b)
{
	return strcmp(((const struct priced *)a)->key, ((const struct priced *)b)->key);
}

struct provider_total {
	const char *id, *name, *type;
	long children;
	double gross;
};

static int cmp_provider_gross(const void *a, const void *b)
{
	const struct provider_total *x = a, *y = b;
	if (x->gross != y->gross)
		return x->gross < y->gross ? 1 : -1;
	return strcmp(x->id, y->id);
}

void money_providers_release(struct money_providers *m)
{
	for (size_t i = 0; m->items && i < m->n; i++) {
		free(m->items[i].id);
		free(m->items[i].name);
	}
	free(m->items);
	memset(m, 0, sizeof *m);
}

static int providers_compute(const struct placements_data *d, const struct money_options *o, cf_date fy_start,
			     cf_date as_of, struct money_providers *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	size_t cap = d->nplacements ? d->nplacements : 1;
	struct priced *items = malloc(cap * sizeof *items);
	const char **scratch = malloc(cap * sizeof *scratch);
	struct provider_total *tot = malloc(cap * sizeof *tot);
	if (!items || !scratch || !tot) {
		free(items);
		free(scratch);
		free(tot);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	size_t n = 0;
	for (size_t i = 0; i < d->nplacements; i++) {
		const struct placement_cost *p = &d->placements[i];
		long nights = placement_nights(p, fy_start, as_of);
		if (!nights)
			continue;
		struct priced *x = &items[n++];
		x->key = *p->provider_id ? p->provider_id : "(none given)";
		x->label = p->provider_name;
		x->child = p->child;
		x->provider_type = p->provider_type;
		x->gross = p->weekly_gbp * (double)nights / 7.0;
	}
	qsort(items, n, sizeof *items, cmp_key);
	size_t np = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		struct provider_total *pt = &tot[np++];
		pt->id = items[i].key;
		pt->name = items[i].label;
		pt->type = local_provider_types[items[i].provider_type];
		pt->gross = 0;
		while (j < n && !strcmp(items[j].key, items[i].key))
			pt->gross += items[j++].gross;
		pt->children = distinct_children(items + i, j - i, scratch);
		i = j;
	}
	qsort(tot, np, sizeof *tot, cmp_provider_gross);
	size_t keep = o->top > 0 && (size_t)o->top < np ? (size_t)o->top : o->top > 0 ? np : 0;
	int oom = 0;
	if (keep && !(out->items = calloc(keep, sizeof *out->items)))
		oom = 1;
	for (size_t i = 0; i < keep && !oom; i++) {
		struct money_provider *m = &out->items[i];
		m->id = copy_text(tot[i].id);
		m->name = tot[i].name ? copy_text(tot[i].name) : NULL;
		m->type = tot[i].type;
		m->children = tot[i].children;
		m->gross_to_date = tot[i].gross;
		out->n = i + 1;
		oom = !m->id || (tot[i].name && !m->name);
	}
	free(items);
	free(scratch);
	free(tot);
	if (oom) {
		money_providers_release(out);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	return CF_OK;
}

struct cf_table *money_providers_table(const struct money_providers *mp)
{
	struct cf_table *t = cf_table_new("money_top_providers");
	if (!t)
		return NULL;
	cf_table_add_column(t, "rank", CF_CELL_INT, 0);
	cf_table_add_column(t, "provider_id", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "provider_name", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "provider_type", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "children", CF_CELL_INT, 0);
	cf_table_add_column(t, "gross_to_date", CF_CELL_REAL, 2);
	for (size_t i = 0; i < mp->n; i++) {
		const struct money_provider *m = &mp->items[i];
		long r = cf_table_add_row(t);
		if (r < 0 || cf_table_set_text(t, (size_t)r, 1, m->id) || cf_table_set_text(t, (size_t)r, 2, m->name) ||
		    cf_table_set_text(t, (size_t)r, 3, m->type)) {
			cf_table_free(t);
			return NULL;
		}
		cf_table_set_int(t, (size_t)r, 0, (long long)i + 1);
		cf_table_set_int(t, (size_t)r, 4, m->children);
		cf_table_set_real(t, (size_t)r, 5, m->gross_to_date);
	}
	return t;
}

static int top_providers(const struct placements_data *d, const struct money_options *o, cf_date fy_start,
			 cf_date as_of, struct cf_table **out, struct cf_error *err)
{
	struct money_providers mp;
	int rc = providers_compute(d, o, fy_start, as_of, &mp, err);
	if (rc)
		return rc;
	*out = money_providers_table(&mp);
	money_providers_release(&mp);
	return *out ? CF_OK : cf_error_set(err, CF_EIO, "out of memory");
}

static int cmp_weekly_desc(const void *a, const void *b)
{
	const struct placement_cost *x = *(const struct placement_cost *const *)a, *y = *(const struct placement_cost *const *)b;
	if (x->weekly_gbp != y->weekly_gbp)
		return x->weekly_gbp < y->weekly_gbp ? 1 : -1;
	return strcmp(x->child, y->child);
}

/* The placements open on as_of with the highest weekly cost (by child ID,
 * for the analyst who must know which children they are). */
static int top_placements(const struct placements_data *d, const struct money_options *o, cf_date fy_start,
			  cf_date as_of, struct cf_table **out, struct cf_error *err)
{
	const struct placement_cost **open = malloc((d->nplacements ? d->nplacements : 1) * sizeof *open);
	struct cf_table *t = cf_table_new("money_top_placements");
	if (!open || !t) {
		free(open);
		cf_table_free(t);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	size_t n = 0;
	for (size_t i = 0; i < d->nplacements; i++)
		if (placement_open_on(&d->placements[i], as_of))
			open[n++] = &d->placements[i];
	qsort(open, n, sizeof *open, cmp_weekly_desc);
	cf_table_add_column(t, "rank", CF_CELL_INT, 0);
	cf_table_add_column(t, "child", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "start", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "provider_type", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "placement_type", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "weekly_cost", CF_CELL_REAL, 2);
	cf_table_add_column(t, "weekly_contributions", CF_CELL_REAL, 2);
	cf_table_add_column(t, "gross_to_date", CF_CELL_REAL, 2);
	for (size_t i = 0; i < n && (int)i < o->top; i++) {
		const struct placement_cost *p = open[i];
		long r = cf_table_add_row(t);
		if (r < 0)
			break;
		char iso[11];
		cf_date_format(p->start, iso);
		cf_table_set_int(t, (size_t)r, 0, (long long)i + 1);
		cf_table_set_text(t, (size_t)r, 1, p->child);
		cf_table_set_text(t, (size_t)r, 2, iso);
		cf_table_set_text(t, (size_t)r, 3, local_provider_types[p->provider_type]);
		cf_table_set_text(t, (size_t)r, 4, p->placement_type);
		cf_table_set_real(t, (size_t)r, 5, p->weekly_gbp);
		cf_table_set_real(t, (size_t)r, 6, p->health_gbp_week + p->education_gbp_week);
		cf_table_set_real(t, (size_t)r, 7, p->weekly_gbp * (double)placement_nights(p, fy_start, as_of) / 7.0);
	}
	free(open);
	*out = t;
	return CF_OK;
}

/* --- notes ------------------------------------------------------------------ */

static void note(struct cf_table *t, const char *text)
{
	long r = cf_table_add_row(t);
	if (r >= 0)
		cf_table_set_text(t, (size_t)r, 0, text);
}

static int notes(const struct placements_data *d, const struct money_options *o, cf_date fy_start, cf_date as_of,
		 cf_date fy_end, struct cf_table **out, struct cf_error *err)
{
	struct cf_table *t = cf_table_new("money_notes");
	if (!t)
		return cf_error_set(err, CF_EIO, "out of memory");
	cf_table_add_column(t, "note", CF_CELL_TEXT, 0);
	char s[400], a[11], b[11], b1[11], c[11];
	cf_date_format(fy_start, a);
	cf_date_format(as_of, b);
	cf_date_format(as_of + 1, b1);
	cf_date_format(fy_end, c);
	snprintf(s, sizeof s,
		 "Financial year %d-%02d: spent to date is %s to %s, committed is %s to %s, at weekly cost / 7 a "
		 "night from a placement's start to the night before its end.",
		 o->fy, (o->fy + 1) % 100, a, b, b1, c);
	note(t, s);
	if (!d->nplacements)
		note(t, "No placement_costs extract is loaded: there is nothing to price.");
	int budget = 0;
	for (size_t i = 0; i < d->nbudgets; i++)
		budget |= d->budgets[i].fy == o->fy;
	if (!budget) {
		snprintf(s, sizeof s, "No budget for %d-%02d is loaded: no variance is shown.", o->fy, (o->fy + 1) % 100);
		note(t, s);
	}
	if (!d->nledger)
		note(t, "No ledger extract is loaded: spend is not reconciled to postings.");
	note(t, "net_year is spend to date plus commitments; --outturn adds the forecast outturn (the forecast's "
		"children in care priced at these unit costs).");
	*out = t;
	return CF_OK;
}

/* o->as_of clamped to the year: the day before it starts, or its last day. */
static cf_date as_of_in(const struct money_options *o, cf_date fy_start, cf_date fy_end)
{
	return o->as_of < fy_start ? fy_start - 1 : o->as_of > fy_end ? fy_end : o->as_of;
}

int money_centres_make(const struct placements_data *d, const struct money_options *o, struct money_centres *out,
		       struct cf_error *err)
{
	cf_date fy_start = cf_date_fy_start(o->fy), fy_end = cf_date_fy_end(o->fy);
	return centres_compute(d, o, fy_start, as_of_in(o, fy_start, fy_end), fy_end, out, err);
}

int money_unit_costs_make(const struct placements_data *d, const struct money_options *o,
			  struct money_unit_costs *out, struct cf_error *err)
{
	cf_date fy_start = cf_date_fy_start(o->fy), fy_end = cf_date_fy_end(o->fy);
	return unit_costs_compute(d, fy_start, as_of_in(o, fy_start, fy_end), out, err);
}

int money_providers_make(const struct placements_data *d, const struct money_options *o,
			 struct money_providers *out, struct cf_error *err)
{
	cf_date fy_start = cf_date_fy_start(o->fy), fy_end = cf_date_fy_end(o->fy);
	return providers_compute(d, o, fy_start, as_of_in(o, fy_start, fy_end), out, err);
}

int money_tables(const struct placements_data *d, const struct money_options *o, struct cf_table **out,
		 struct cf_error *err)
{
	cf_date fy_start = cf_date_fy_start(o->fy), fy_end = cf_date_fy_end(o->fy);
	cf_date as_of = as_of_in(o, fy_start, fy_end);
	for (int i = 0; i < MONEY_NTABLES; i++)
		out[i] = NULL;
	int rc = by_cost_centre(d, o, fy_start, as_of, fy_end, &out[0], err);
	if (!rc)
		rc = unit_costs(d, fy_start, as_of, &out[1], err);
	if (!rc)
		rc = top_providers(d, o, fy_start, as_of, &out[2], err);
	if (!rc)
		rc = top_placements(d, o, fy_start, as_of, &out[3], err);
	if (!rc)
		rc = notes(d, o, fy_start, as_of, fy_end, &out[4], err);
	if (rc)
		for (int i = 0; i < MONEY_NTABLES; i++) {
			cf_table_free(out[i]);
			out[i] = NULL;
		}
	return rc;
}
