/* Reading placement costs, budgets, ledger, households and homes back as
 * typed rows (store/placements.h). */
#include "store/placements.h"
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include "formats/centroids.h"
#include "formats/local_csv.h"

static const char *col_text(struct arena *a, sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
	return arena_strdup(a, v ? v : "");
}

static cf_date col_date(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
	cf_date d;
	if (!v || cf_date_parse(v, strlen(v), &d) != 0)
		return CF_DATE_NONE;
	return d;
}

/* Run sql and call fill(row i) for each row into a growing array of size
 * elem; *items and *n set. */
static int read_rows(struct store *st, const char *sql, size_t elem, void **items, size_t *n,
		     void (*fill)(struct arena *, sqlite3_stmt *, void *), struct arena *a, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, sql, &s, err);
	if (rc)
		return rc;
	size_t cap = 0;
	char *buf = NULL;
	int step;
	*n = 0;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			size_t nc = cap ? cap * 2 : 256;
			char *nb = realloc(buf, nc * elem);
			if (!nb) {
				free(buf);
				sqlite3_finalize(s);
				return cf_error_set(err, CF_EIO, "out of memory");
			}
			buf = nb;
			cap = nc;
		}
		memset(buf + *n * elem, 0, elem);
		fill(a, s, buf + *n * elem);
		(*n)++;
	}
	sqlite3_finalize(s);
	*items = buf;
	if (step != SQLITE_DONE)
		return store_error(st, err, "reading the money extracts");
	return CF_OK;
}

static void fill_placement(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct placement_cost *p = out;
	p->child = col_text(a, s, 0);
	p->start = col_date(s, 1);
	p->end = col_date(s, 2);
	p->provider_id = col_text(a, s, 3);
	p->provider_name = col_text(a, s, 4);
	const char *t = (const char *)sqlite3_column_text(s, 5);
	p->provider_type = t ? local_provider_type(t, strlen(t)) : -1;
	if (p->provider_type < 0)
		p->provider_type = LOCAL_NPROVIDER_TYPES - 1;   /* the loader stores only known types */
	p->placement_type = col_text(a, s, 6);
	p->weekly_gbp = sqlite3_column_double(s, 7);
	p->cost_centre = col_text(a, s, 8);
	p->health_gbp_week = sqlite3_column_double(s, 9);
	p->education_gbp_week = sqlite3_column_double(s, 10);
}

static void fill_budget(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct budget_line *b = out;
	b->fy = sqlite3_column_int(s, 0);
	b->cost_centre = col_text(a, s, 1);
	b->budget_gbp = sqlite3_column_double(s, 2);
	b->has_profile = sqlite3_column_type(s, 3) != SQLITE_NULL;
	for (int m = 0; m < 12 && b->has_profile; m++)
		b->profile_gbp[m] = sqlite3_column_double(s, 3 + m);
}

static void fill_ledger(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct ledger_line *l = out;
	l->posted = col_date(s, 0);
	l->cost_centre = col_text(a, s, 1);
	l->amount_gbp = sqlite3_column_double(s, 2);
}

static void fill_household(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct foster_household *h = out;
	h->id = col_text(a, s, 0);
	h->approved_from = col_date(s, 1);
	h->deregistered_on = col_date(s, 2);
	h->places = sqlite3_column_int(s, 3);
	h->age_range = col_text(a, s, 4);
	h->type = col_text(a, s, 5);
	h->locality = col_text(a, s, 6);
}

static void fill_home(struct arena *a, sqlite3_stmt *s, void *out)
{
	struct children_home *h = out;
	h->id = col_text(a, s, 0);
	h->urn = col_text(a, s, 1);
	h->places = sqlite3_column_int(s, 2);
	h->registered_from = col_date(s, 3);
	h->registered_to = col_date(s, 4);
	h->in_house = sqlite3_column_type(s, 5) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 5);
}

static void fill_sector(struct arena *a, sqlite3_stmt *s, void *out)
{
	(void)a;
	if (postcode_sector((const char *)sqlite3_column_text(s, 0), out) != 0)
		memset(out, 0, 10);   /* a ward code or other area: dropped below */
}

static int cmp_sector(const void *a, const void *b) { return strcmp(a, b); }

int store_placements_read(struct store *st, struct placements_data *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	arena_init(&out->arena, 0);
	struct arena *a = &out->arena;
	int rc = read_rows(st,
			   "SELECT child, start_date, end_date, provider_id, provider_name, provider_type, placement_type, "
			   "weekly_cost, cost_centre, coalesce(health_contribution, 0), coalesce(education_contribution, 0) "
			   "FROM placement_costs_current ORDER BY child, start_date, row",
			   sizeof *out->placements, (void **)&out->placements, &out->nplacements, fill_placement, a, err);
	if (!rc)
		rc = read_rows(st, "SELECT financial_year, cost_centre, budget, apr, may, jun, jul, aug, sep, oct, nov, "
				   "dec, jan, feb, mar FROM budgets_current ORDER BY financial_year, "
				   "cost_centre, row",
			       sizeof *out->budgets, (void **)&out->budgets, &out->nbudgets, fill_budget, a, err);
	if (!rc)
		rc = read_rows(st, "SELECT posted, cost_centre, amount FROM ledger ORDER BY posted, return_id, row",
			       sizeof *out->ledger, (void **)&out->ledger, &out->nledger, fill_ledger, a, err);
	if (!rc)
		rc = read_rows(st,
			       "SELECT household_id, approved_from, deregistered_on, approved_places, age_range, "
			       "household_type, locality FROM foster_households_current ORDER BY household_id, row",
			       sizeof *out->households, (void **)&out->households, &out->nhouseholds, fill_household, a,
			       err);
	if (!rc)
		rc = read_rows(st,
			       "SELECT home_id, ofsted_urn, places, registered_from, registered_to, in_house "
			       "FROM homes_current ORDER BY home_id, row",
			       sizeof *out->homes, (void **)&out->homes, &out->nhomes, fill_home, a, err);
	if (!rc)
		rc = read_rows(st, "SELECT DISTINCT area FROM localities", sizeof *out->la_sectors,
			       (void **)&out->la_sectors, &out->nla_sectors, fill_sector, a, err);
	if (!rc)
		rc = postcode_sectors_read(st, &out->sectors, err);
	if (!rc) {
		size_t k = 0;
		for (size_t i = 0; i < out->nla_sectors; i++)
			if (out->la_sectors[i][0])
				memcpy(out->la_sectors[k++], out->la_sectors[i], 10);
		out->nla_sectors = k;
		if (k)
			qsort(out->la_sectors, k, sizeof *out->la_sectors, cmp_sector);
	}
	if (rc)
		placements_data_release(out);
	return rc;
}

void placements_data_release(struct placements_data *d)
{
	free(d->placements);
	free(d->budgets);
	free(d->ledger);
	free(d->households);
	free(d->homes);
	free(d->la_sectors);
	ofsted_providers_release(&d->providers);
	ofsted_placed_release(&d->placed);
	postcode_sectors_release(&d->sectors);
	arena_release(&d->arena);
	memset(d, 0, sizeof *d);
}

int placements_read_providers(struct store *st, cf_date on, struct placements_data *d, struct cf_error *err)
{
	ofsted_providers_release(&d->providers);
	ofsted_placed_release(&d->placed);
	int rc = ofsted_providers_read(st, &d->providers, err);
	/* the placed URNs are graded by the list: without one they are not read */
	return rc || !d->providers.n ? rc : ofsted_placed_read(st, on, &d->placed, err);
}
