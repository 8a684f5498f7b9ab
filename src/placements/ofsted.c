/* Sufficiency by Ofsted's grades: the children looked after on a day by
 * their placement provider's latest overall grade, and the registered places
 * in the LA's own postcode districts by grade, from Ofsted's provider list. */
#include <stdlib.h>
#include <string.h>

#include "placements/placements.h"

/* Rows: the grades 1..4, not inspected (0), not in the list, all. */
enum { ROW_NOT_LISTED = 5, ROW_ALL = 6, NROWS = 7 };

int provider_registered_on(const struct ofsted_provider *p, cf_date d)
{
	return (p->registered_from == CF_DATE_NONE || p->registered_from <= d) &&
	       (p->registered_to == CF_DATE_NONE || p->registered_to > d);
}

/* The district ("LS1") of a sector ("LS1 4") into out. */
static void district_of(const char *sector, char out[10])
{
	size_t n = strcspn(sector, " ");
	if (n > 9)
		n = 9;
	memcpy(out, sector, n);
	out[n] = 0;
}

static int cmp_text(const void *a, const void *b) { return strcmp(a, b); }

/* 1 when sector is one of the localities extract's (sorted). */
static int la_sector(const struct placements_data *d, const char *sector)
{
	return bsearch(sector, d->la_sectors, d->nla_sectors, sizeof *d->la_sectors, cmp_text) != NULL;
}

int sufficiency_providers_make(const struct placements_data *d, cf_date on, struct sufficiency_providers *out)
{
	memset(out, 0, sizeof *out);
	out->with_list = d->providers.n > 0;
	out->with_area = d->nla_sectors > 0;
	/* the LA's districts: those of its localities' sectors, sorted, unique */
	char (*districts)[10] = d->nla_sectors ? malloc(d->nla_sectors * sizeof *districts) : NULL;
	size_t nd = 0;
	if (d->nla_sectors && !districts)
		return -1;
	for (size_t i = 0; i < d->nla_sectors; i++)
		district_of(d->la_sectors[i], districts[nd++]);
	if (nd)
		qsort(districts, nd, sizeof *districts, cmp_text);
	size_t k = 0;
	for (size_t i = 0; i < nd; i++)
		if (!k || strcmp(districts[k - 1], districts[i]))
			memcpy(districts[k++], districts[i], 10);
	nd = k;
	for (size_t i = 0; i < d->placed.n; i++) {
		const struct ofsted_placed *c = &d->placed.items[i];
		const struct ofsted_provider *p = ofsted_providers_find(&d->providers, c->urn);
		int row = p ? (p->rating >= 1 && p->rating <= 4 ? p->rating : 0) : ROW_NOT_LISTED;
		int outside = out->with_area && c->pl_sector[0] && !la_sector(d, c->pl_sector);
		for (int r = 0; r < 2; r++) {
			struct sufficiency_grade *g = &out->grades[r ? ROW_ALL : row];
			g->children++;
			g->outside_la += outside;
		}
	}
	for (size_t i = 0; i < d->providers.n && nd; i++) {
		const struct ofsted_provider *p = &d->providers.items[i];
		if (!p->district[0] || !provider_registered_on(p, on) ||
		    !bsearch(p->district, districts, nd, sizeof *districts, cmp_text))
			continue;
		int row = p->rating >= 1 && p->rating <= 4 ? p->rating : 0;
		for (int r = 0; r < 2; r++) {
			struct sufficiency_grade *g = &out->grades[r ? ROW_ALL : row];
			g->providers_in_la++;
			g->places_in_la += p->places > 0 ? p->places : 0;
		}
	}
	free(districts);
	return 0;
}

struct cf_table *sufficiency_providers_table(const struct sufficiency_providers *s)
{
	struct cf_table *t = cf_table_new("sufficiency_providers");
	if (!t)
		return NULL;
	cf_table_add_column(t, "ofsted_grade", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "children_placed", CF_CELL_INT, 0);
	cf_table_add_column(t, "placed_outside_la", CF_CELL_INT, 0);
	cf_table_add_column(t, "providers_in_la", CF_CELL_INT, 0);
	cf_table_add_column(t, "places_in_la", CF_CELL_INT, 0);
	static const int order[NROWS] = { 1, 2, 3, 4, 0, ROW_NOT_LISTED, ROW_ALL };   /* not inspected after the grades */
	for (int r = 0; r < NROWS; r++) {
		int i = order[r];
		const struct sufficiency_grade *g = &s->grades[i];
		const char *name = i == ROW_NOT_LISTED ? "URN not in Ofsted's list" : i == ROW_ALL ? "all" : ofsted_rating_name(i);
		if (cf_table_add_row(t) < 0 || cf_table_set_text(t, t->nrows - 1, 0, name)) {
			cf_table_free(t);
			return NULL;
		}
		if (!s->with_list)
			continue;
		cf_table_set_int(t, t->nrows - 1, 1, g->children);
		if (s->with_area)
			cf_table_set_int(t, t->nrows - 1, 2, g->outside_la);
		if (s->with_area && i != ROW_NOT_LISTED) {
			cf_table_set_int(t, t->nrows - 1, 3, g->providers_in_la);
			cf_table_set_int(t, t->nrows - 1, 4, g->places_in_la);
		}
	}
	return t;
}
