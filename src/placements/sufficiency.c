/* `caseflow sufficiency`: in-house fostering capacity and occupancy,
 * children's homes, children looked after by age band and placement, and
 * the gap between places needed and places the council has, on one day. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/local_csv.h"
#include "placements/placements.h"

enum { PT_IN_HOUSE_FOSTERING = 0, PT_IFA = 1, PT_PRIVATE_RESIDENTIAL = 2, PT_LA_RESIDENTIAL = 3, PT_SECURE = 7 };

int household_approved_on(const struct foster_household *h, cf_date d)
{
	return h->approved_from != CF_DATE_NONE && h->approved_from <= d &&
	       (h->deregistered_on == CF_DATE_NONE || h->deregistered_on > d);
}

int home_registered_on(const struct children_home *h, cf_date d)
{
	return (h->registered_from == CF_DATE_NONE || h->registered_from <= d) &&
	       (h->registered_to == CF_DATE_NONE || h->registered_to >= d);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

/* How many of sorted ids[0..n) equal id. */
static long count_of(const char *const *ids, size_t n, const char *id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(ids[mid], id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	long k = 0;
	while (lo < n && !strcmp(ids[lo], id))
		lo++, k++;
	return k;
}

/* Provider ids of the placements open on `on` (of type `type`, or any when
 * type < 0), sorted, into ids; returns how many. */
static size_t open_providers(const struct placements_data *d, cf_date on, int type, const char **ids)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nplacements; i++) {
		const struct placement_cost *p = &d->placements[i];
		if (placement_open_on(p, on) && (type < 0 || p->provider_type == type) && *p->provider_id)
			ids[n++] = p->provider_id;
	}
	qsort(ids, n, sizeof *ids, cmp_str);
	return n;
}

struct cap_group {
	const char *by, *key;
	long households, places, occupied;
};

static struct cap_group *group_get(struct cap_group *g, size_t *n, const char *by, const char *key)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(g[i].by, by) && !strcmp(g[i].key, key))
			return &g[i];
	struct cap_group *x = &g[(*n)++];
	x->by = by;
	x->key = key;
	x->households = x->places = x->occupied = 0;
	return x;
}

static int cmp_group(const void *a, const void *b)
{
	const struct cap_group *x = a, *y = b;
	int c = strcmp(x->by, y->by);
	return c ? c : strcmp(x->key, y->key);
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

void sufficiency_capacity_release(struct sufficiency_capacity *c)
{
	for (size_t i = 0; i < c->nfostering; i++)
		free(c->fostering[i].group);
	for (size_t i = 0; i < c->nhomes; i++) {
		free(c->homes[i].home);
		free(c->homes[i].urn);
	}
	free(c->fostering);
	free(c->homes);
	memset(c, 0, sizeof *c);
}

/* In-house fostering by age range and locality, then all. */
static int fostering_make(const struct placements_data *d, cf_date on, const char **ids, struct sufficiency_capacity *c)
{
	struct cap_group *g = malloc((2 * d->nhouseholds + 1) * sizeof *g);
	if (!g)
		return -1;
	size_t nids = open_providers(d, on, PT_IN_HOUSE_FOSTERING, ids), ng = 0;
	struct cap_group all = { "all", "all", 0, 0, 0 };
	long matched = 0;
	for (size_t i = 0; i < d->nhouseholds; i++) {
		const struct foster_household *h = &d->households[i];
		if (!household_approved_on(h, on))
			continue;
		long occ = count_of(ids, nids, h->id);
		matched += occ;
		struct cap_group *x[3] = { group_get(g, &ng, "age_range", *h->age_range ? h->age_range : "(none given)"),
					   group_get(g, &ng, "locality", *h->locality ? h->locality : "(none given)"),
					   &all };
		for (int k = 0; k < 3; k++) {
			x[k]->households++;
			x[k]->places += h->places;
			x[k]->occupied += occ;
		}
	}
	qsort(g, ng, sizeof *g, cmp_group);
	c->fostering = calloc(ng + 1, sizeof *c->fostering);
	int bad = !c->fostering;
	for (size_t i = 0; i <= ng && !bad; i++) {
		const struct cap_group *x = i < ng ? &g[i] : &all;
		struct sufficiency_group *y = &c->fostering[c->nfostering++];
		y->by = i < ng ? (!strcmp(x->by, "age_range") ? "age_range" : "locality") : "all";
		bad = !(y->group = strdup(x->key));
		y->households = x->households;
		y->places = x->places;
		y->occupied = x->occupied;
	}
	c->unmatched = (long)nids - matched;
	free(g);
	return bad ? -1 : 0;
}

/* Each home registered on `on`, then all in-house and all. */
static int homes_make(const struct placements_data *d, cf_date on, const char **ids, struct sufficiency_capacity *c)
{
	size_t nids = open_providers(d, on, -1, ids);
	c->homes = calloc(d->nhomes + 2, sizeof *c->homes);
	if (!c->homes)
		return -1;
	struct sufficiency_home tot[2] = { { NULL, NULL, SUFFICIENCY_TOTAL, 0, 0 },
					   { NULL, NULL, SUFFICIENCY_TOTAL, 0, 0 } };   /* [0] all, [1] in-house */
	for (size_t i = 0; i < d->nhomes; i++) {
		const struct children_home *h = &d->homes[i];
		if (!home_registered_on(h, on))
			continue;
		struct sufficiency_home *y = &c->homes[c->nhomes++];
		if (!(y->home = strdup(h->id)) || !(y->urn = dup_or_null(h->urn)))
			return -1;
		y->in_house = h->in_house;
		y->places = h->places;
		y->occupied = count_of(ids, nids, h->id);
		for (int k = 0; k < 2; k++)
			if (k == 0 || h->in_house == 1) {
				tot[k].places += y->places;
				tot[k].occupied += y->occupied;
			}
	}
	for (int k = 1; k >= 0; k--) {
		struct sufficiency_home *y = &c->homes[c->nhomes++];
		*y = tot[k];
		if (!(y->home = strdup(k ? "all in-house" : "all")))
			return -1;
	}
	return 0;
}

int sufficiency_capacity_make(const struct placements_data *d, cf_date on, struct sufficiency_capacity *out,
			      struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	const char **ids = malloc((d->nplacements ? d->nplacements : 1) * sizeof *ids);
	if (!ids || fostering_make(d, on, ids, out) || homes_make(d, on, ids, out)) {
		free(ids);
		sufficiency_capacity_release(out);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	free(ids);
	return CF_OK;
}

static void put_capacity(struct cf_table *t, int first_col, long places, long occupied)
{
	long r = (long)t->nrows - 1;
	cf_table_set_int(t, (size_t)r, first_col, places);
	cf_table_set_int(t, (size_t)r, first_col + 1, occupied);
	cf_table_set_int(t, (size_t)r, first_col + 2, places > occupied ? places - occupied : 0);
	if (places > 0)
		cf_table_set_real(t, (size_t)r, first_col + 3, 100.0 * (double)occupied / (double)places);
}

struct cf_table *sufficiency_fostering_table(const struct sufficiency_capacity *c)
{
	struct cf_table *t = cf_table_new("sufficiency_fostering");
	if (!t)
		return NULL;
	cf_table_add_column(t, "by", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "group", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "households", CF_CELL_INT, 0);
	cf_table_add_column(t, "approved_places", CF_CELL_INT, 0);
	cf_table_add_column(t, "occupied", CF_CELL_INT, 0);
	cf_table_add_column(t, "vacant", CF_CELL_INT, 0);
	cf_table_add_column(t, "occupancy_pct", CF_CELL_REAL, 1);
	for (size_t i = 0; i < c->nfostering; i++) {
		const struct sufficiency_group *x = &c->fostering[i];
		if (cf_table_add_row(t) < 0 || cf_table_set_text(t, t->nrows - 1, 0, x->by) ||
		    cf_table_set_text(t, t->nrows - 1, 1, x->group)) {
			cf_table_free(t);
			return NULL;
		}
		cf_table_set_int(t, t->nrows - 1, 2, x->households);
		put_capacity(t, 3, x->places, x->occupied);
	}
	return t;
}

struct cf_table *sufficiency_residential_table(const struct sufficiency_capacity *c)
{
	struct cf_table *t = cf_table_new("sufficiency_residential");
	if (!t)
		return NULL;
	cf_table_add_column(t, "home", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "ofsted_urn", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "in_house", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "places", CF_CELL_INT, 0);
	cf_table_add_column(t, "occupied", CF_CELL_INT, 0);
	cf_table_add_column(t, "vacant", CF_CELL_INT, 0);
	cf_table_add_column(t, "occupancy_pct", CF_CELL_REAL, 1);
	for (size_t i = 0; i < c->nhomes; i++) {
		const struct sufficiency_home *h = &c->homes[i];
		int bad = cf_table_add_row(t) < 0 || cf_table_set_text(t, t->nrows - 1, 0, h->home);
		if (!bad && h->in_house != SUFFICIENCY_TOTAL)
			bad = cf_table_set_text(t, t->nrows - 1, 1, h->urn) ||
			      cf_table_set_text(t, t->nrows - 1, 2, h->in_house < 0 ? "not given" : h->in_house ? "yes" : "no");
		if (bad) {
			cf_table_free(t);
			return NULL;
		}
		put_capacity(t, 3, h->places, h->occupied);
	}
	return t;
}

/* Children looked after on `on` by age band and placement group. */
static int need(const struct cla_data *cla, cf_date on, struct cf_table **out, long by_group[PG_NGROUPS],
		long *looked_after, struct cf_error *err)
{
	/* out NULL: by_group and looked_after only */
	struct cf_table *t = out ? cf_table_new("sufficiency_need") : NULL;
	if (out && !t)
		return cf_error_set(err, CF_EIO, "out of memory");
	long n[AGE_NBANDS + 2][PG_NGROUPS];
	memset(n, 0, sizeof n);
	for (size_t c = 0; cla && c < cla->nchildren; c++) {
		const struct cla_child *ch = &cla->children[c];
		const struct cla_episode *e = cla_open_on(cla, ch, on);
		if (!e)
			continue;
		int band = ch->dob == CF_DATE_NONE ? AGE_UNKNOWN : (int)age_band_of(cf_date_age(ch->dob, on));
		int pg = placement_group_of(e->place);
		n[band][pg]++;
		n[AGE_NBANDS + 1][pg]++;
	}
	memcpy(by_group, n[AGE_NBANDS + 1], sizeof n[0]);
	*looked_after = 0;
	for (int g = 0; g < PG_NGROUPS; g++)
		*looked_after += n[AGE_NBANDS + 1][g];
	if (!out)
		return CF_OK;
	cf_table_add_column(t, "age_band", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "looked_after", CF_CELL_INT, 0);
	for (int g = 0; g < PG_NGROUPS; g++)
		cf_table_add_column(t, placement_group_names[g], CF_CELL_INT, 0);
	for (int b = 0; b < AGE_NBANDS + 2; b++) {
		long sum = 0;
		for (int g = 0; g < PG_NGROUPS; g++)
			sum += n[b][g];
		if (b == AGE_UNKNOWN && !sum)
			continue;
		if (cf_table_add_row(t) < 0)
			break;
		cf_table_set_text(t, t->nrows - 1, 0, b <= AGE_NBANDS ? age_band_names[b] : "all");
		cf_table_set_int(t, t->nrows - 1, 1, sum);
		for (int g = 0; g < PG_NGROUPS; g++)
			cf_table_set_int(t, t->nrows - 1, 2 + g, n[b][g]);
	}
	*out = t;
	return CF_OK;
}

static int cmp_sector(const void *key, const void *elem) { return strcmp(key, elem); }

/* Children looked after on `on` placed outside the LA: their placement's
 * postcode sector is known and not one of the localities extract's. */
static void location(const struct placements_data *d, const struct cla_data *cla, cf_date on,
		     const struct centroids *cent, struct sufficiency *out)
{
	long n[PG_NGROUPS + 1][5];   /* looked after, sector known, outside, distance known, over 20 miles */
	memset(n, 0, sizeof n);
	for (size_t c = 0; cla && c < cla->nchildren; c++) {
		const struct cla_episode *e = cla_open_on(cla, &cla->children[c], on);
		if (!e)
			continue;
		int g = placement_group_of(e->place);
		int known = e->pl_sector != NULL && d->nla_sectors > 0;
		int outside = known && !bsearch(e->pl_sector, d->la_sectors, d->nla_sectors, sizeof *d->la_sectors,
						 cmp_sector);
		double miles = -1;   /* from the centroids given, else the directory kept in the store */
		if (cent) {
			const struct centroid *home = e->home_sector ? centroids_find(cent, e->home_sector) : NULL;
			const struct centroid *placed = e->pl_sector ? centroids_find(cent, e->pl_sector) : NULL;
			miles = home && placed ? centroids_miles(home, placed) : -1;
		} else if (d->sectors.n)
			miles = postcode_sectors_miles(postcode_sectors_find(&d->sectors, e->home_sector),
						       postcode_sectors_find(&d->sectors, e->pl_sector));
		int measured = miles >= 0, far = measured && miles > 20;
		for (int k = 0; k < 2; k++) {
			long *x = n[k ? PG_NGROUPS : g];
			x[0]++;
			x[1] += known;
			x[2] += outside;
			x[3] += measured;
			x[4] += far;
		}
	}
	out->with_distance = cent != NULL || d->sectors.n > 0;
	for (int g = 0; g <= PG_NGROUPS; g++)
		out->location[g] = (struct sufficiency_place){ g < PG_NGROUPS ? placement_group_names[g] : "all", n[g][0],
							       n[g][1], n[g][2], n[g][3], n[g][4] };
}

struct cf_table *sufficiency_location_table(const struct sufficiency *s)
{
	struct cf_table *t = cf_table_new("sufficiency_location");
	if (!t)
		return NULL;
	cf_table_add_column(t, "placement_group", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "looked_after", CF_CELL_INT, 0);
	cf_table_add_column(t, "sector_known", CF_CELL_INT, 0);
	cf_table_add_column(t, "placed_outside_la", CF_CELL_INT, 0);
	cf_table_add_column(t, "outside_pct", CF_CELL_REAL, 1);
	cf_table_add_column(t, "distance_known", CF_CELL_INT, 0);
	cf_table_add_column(t, "over_20_miles", CF_CELL_INT, 0);
	cf_table_add_column(t, "over_20_pct", CF_CELL_REAL, 1);
	for (int g = 0; g <= PG_NGROUPS; g++) {
		const struct sufficiency_place *x = &s->location[g];
		if (cf_table_add_row(t) < 0 || cf_table_set_text(t, t->nrows - 1, 0, x->group)) {
			cf_table_free(t);
			return NULL;
		}
		cf_table_set_int(t, t->nrows - 1, 1, x->looked_after);
		cf_table_set_int(t, t->nrows - 1, 2, x->sector_known);
		cf_table_set_int(t, t->nrows - 1, 3, x->outside);
		if (x->sector_known)
			cf_table_set_real(t, t->nrows - 1, 4, 100.0 * (double)x->outside / (double)x->sector_known);
		if (s->with_distance) {
			cf_table_set_int(t, t->nrows - 1, 5, x->distance_known);
			cf_table_set_int(t, t->nrows - 1, 6, x->over_20);
			if (x->distance_known)
				cf_table_set_real(t, t->nrows - 1, 7, 100.0 * (double)x->over_20 / (double)x->distance_known);
		}
	}
	return t;
}

static long open_of_types(const struct placements_data *d, cf_date on, const int *types, int ntypes)
{
	long k = 0;
	for (size_t i = 0; i < d->nplacements; i++)
		for (int j = 0; j < ntypes; j++)
			if (d->placements[i].provider_type == types[j] && placement_open_on(&d->placements[i], on)) {
				k++;
				break;
			}
	return k;
}

struct cf_table *sufficiency_gap_table(const struct sufficiency *s)
{
	struct cf_table *t = cf_table_new("sufficiency_gap");
	if (!t)
		return NULL;
	cf_table_add_column(t, "placements", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "needed", CF_CELL_INT, 0);
	cf_table_add_column(t, "available", CF_CELL_INT, 0);
	cf_table_add_column(t, "gap", CF_CELL_INT, 0);
	cf_table_add_column(t, "needed_from", CF_CELL_TEXT, 0);
	for (int i = 0; i < 2; i++) {
		const struct sufficiency_gap *g = &s->gap[i];
		if (cf_table_add_row(t) < 0 || cf_table_set_text(t, t->nrows - 1, 0, g->placements) ||
		    cf_table_set_text(t, t->nrows - 1, 4, g->needed_from)) {
			cf_table_free(t);
			return NULL;
		}
		cf_table_set_int(t, t->nrows - 1, 1, g->needed);
		cf_table_set_int(t, t->nrows - 1, 2, g->available);
		cf_table_set_int(t, t->nrows - 1, 3, g->needed - g->available);
	}
	return t;
}

void sufficiency_release(struct sufficiency *s) { sufficiency_capacity_release(&s->capacity); }

int sufficiency_make(const struct placements_data *d, const struct cla_data *cla, cf_date on,
		     const struct centroids *cent, struct sufficiency *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	long by_group[PG_NGROUPS];
	int rc = sufficiency_capacity_make(d, on, &out->capacity, err);
	if (!rc)
		rc = need(cla, on, NULL, by_group, &out->looked_after, err);
	if (rc) {
		sufficiency_release(out);
		return rc;
	}
	location(d, cla, on, cent, out);
	/* available: the last fostering row is all; the last two homes all in-house, all */
	const struct sufficiency_capacity *c = &out->capacity;
	long fostering_places = c->fostering[c->nfostering - 1].places, home_places = c->homes[c->nhomes - 2].places;
	/* needed: the children in such placements that day, from the episodes
	 * when they cover it, else from the placement costs extract */
	static const int fostered[] = { PT_IN_HOUSE_FOSTERING, PT_IFA };
	static const int resident[] = { PT_PRIVATE_RESIDENTIAL, PT_LA_RESIDENTIAL, PT_SECURE };
	if (out->looked_after) {
		out->gap[0] = (struct sufficiency_gap){ "fostering", by_group[PG_FOSTER], fostering_places,
							"ssda903 episodes (all foster placements)" };
		out->gap[1] = (struct sufficiency_gap){ "residential", by_group[PG_RESIDENTIAL], home_places,
							"ssda903 episodes (all residential placements)" };
	} else {
		out->gap[0] = (struct sufficiency_gap){ "fostering", open_of_types(d, on, fostered, 2), fostering_places,
							"placement costs (in-house fostering and IFA)" };
		out->gap[1] = (struct sufficiency_gap){ "residential", open_of_types(d, on, resident, 3), home_places,
							"placement costs (private and LA residential, secure)" };
	}
	return CF_OK;
}

static void note(struct cf_table *t, const char *text)
{
	if (cf_table_add_row(t) >= 0)
		cf_table_set_text(t, t->nrows - 1, 0, text);
}

int sufficiency_tables(const struct placements_data *d, const struct cla_data *cla, cf_date on,
		       const struct centroids *cent, struct cf_table **out, struct cf_error *err)
{
	for (int i = 0; i < SUFFICIENCY_NTABLES; i++)
		out[i] = NULL;
	struct sufficiency suf;
	long by_group[PG_NGROUPS], looked_after;
	int rc = sufficiency_make(d, cla, on, cent, &suf, err);
	if (rc)
		return rc;
	long unmatched = suf.capacity.unmatched;
	looked_after = suf.looked_after;
	if (!(out[0] = sufficiency_fostering_table(&suf.capacity)) ||
	    !(out[1] = sufficiency_residential_table(&suf.capacity)) || !(out[3] = sufficiency_gap_table(&suf)) ||
	    !(out[4] = sufficiency_location_table(&suf)) ||
	    !(out[SUFFICIENCY_NOTES] = cf_table_new("sufficiency_notes")))
		rc = cf_error_set(err, CF_EIO, "out of memory");
	struct sufficiency_providers graded = { 0 };
	if (!rc && (sufficiency_providers_make(d, on, &graded) || !(out[5] = sufficiency_providers_table(&graded))))
		rc = cf_error_set(err, CF_EIO, "out of memory");
	sufficiency_release(&suf);
	if (!rc)
		rc = need(cla, on, &out[2], by_group, &looked_after, err);
	if (rc) {
		for (int i = 0; i < SUFFICIENCY_NTABLES; i++) {
			cf_table_free(out[i]);
			out[i] = NULL;
		}
		return rc;
	}
	struct cf_table *n = out[SUFFICIENCY_NOTES];
	cf_table_add_column(n, "note", CF_CELL_TEXT, 0);
	char s[400], day[11];
	cf_date_format(on, day);
	snprintf(s, sizeof s,
		 "On %s: available is in-house places (approved foster places; places in the council's own homes); "
		 "gap is needed minus available.", day);
	note(n, s);
	if (!d->nhouseholds)
		note(n, "No foster_households extract is loaded: in-house fostering capacity cannot be shown.");
	if (!d->nhomes)
		note(n, "No homes extract is loaded: residential places cannot be shown.");
	if (!d->nplacements)
		note(n, "No placement_costs extract is loaded: occupancy cannot be counted.");
	if (unmatched > 0) {
		snprintf(s, sizeof s,
			 "%ld in-house fostering placements open that day name no household approved that day "
			 "(provider_id should be the household_id).", unmatched);
		note(n, s);
	}
	if (!looked_after)
		note(n, "No SSDA903 episodes cover this day: need by age band cannot be shown, and places needed come "
			"from the placement costs extract.");
	if (!d->nla_sectors)
		note(n, "Out-of-area placements are not counted: no localities extract (postcode sector to locality) "
			"is loaded to say which sectors are the LA's.");
	if (!cent && !d->sectors.n)
		note(n, "Distance (more than 20 miles from home) is not shown: ingest the ONS postcode directory (ONSPD or "
			"NSPL CSV) once, or give --centroids FILE (sector,lat,lon).");
	else if (!cent) {
		snprintf(s, sizeof s,
			 "Distance is the straight line between the home and placement sectors' mean grid references, "
			 "from the ONS postcode directory kept in the store (%zu sectors).", d->sectors.n);
		note(n, s);
	}
	if (!d->providers.n)
		note(n, "Children by their provider's Ofsted grade are not shown: no Ofsted provider list is loaded "
			"(ingest Ofsted's list of children's social care providers, docs/money.md).");
	else {
		snprintf(s, sizeof s,
			 "Ofsted grades are each provider's latest overall grade in the list loaded (%zu providers); "
			 "%ld children were placed with a URN that day, %ld of them with a URN not in the list.",
			 d->providers.n, graded.grades[6].children, graded.grades[5].children);
		note(n, s);
		if (!d->nla_sectors)
			note(n, "Places in the LA by Ofsted grade are not counted: no localities extract says which postcode "
				"districts are the LA's.");
	}
	return CF_OK;
}

/* The row of need table t for month-end `date` and age band `band`, among
 * that month's rows at its end; -1 when none. */
static long need_row(const struct cf_table *t, const char *date, const char *band)
{
	for (size_t r = t->nrows; r-- > 0;) {
		const struct cf_cell *dc = cf_table_cell_const(t, r, 0), *bc = cf_table_cell_const(t, r, 1);
		if (strcmp(dc->v.s, date))
			return -1;
		if (!strcmp(bc->v.s, band))
			return (long)r;
	}
	return -1;
}

/* sufficiency_need_forecast from the forecast's table f: each month-end's
 * age bands (not "all"), the children expected in care and in each of the
 * forecast's placement groups, in the order f names them. */
static int need_forecast(const struct cf_table *f, struct cf_table **out, struct cf_error *err)
{
	int cd = cf_table_column(f, "date"), ca = cf_table_column(f, "age_band"), cp = cf_table_column(f, "placement"),
	    cm = cf_table_column(f, "mean");
	const char *groups[16];
	int ng = 0;
	for (size_t r = 0; r < f->nrows; r++) {
		const char *pl = cf_table_cell_const(f, r, cp)->v.s;
		int seen = !strcmp(pl, "all");
		for (int g = 0; g < ng && !seen; g++)
			seen = !strcmp(groups[g], pl);
		if (!seen && ng < 16)
			groups[ng++] = pl;
	}
	struct cf_table *t = cf_table_new("sufficiency_need_forecast");
	if (!t)
		return cf_error_set(err, CF_EIO, "out of memory");
	cf_table_add_column(t, "month_end", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "age_band", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "looked_after", CF_CELL_REAL, 1);
	for (int g = 0; g < ng; g++)
		cf_table_add_column(t, groups[g], CF_CELL_REAL, 1);
	for (size_t r = 0; r < f->nrows; r++) {
		const char *date = cf_table_cell_const(f, r, cd)->v.s, *band = cf_table_cell_const(f, r, ca)->v.s;
		const char *pl = cf_table_cell_const(f, r, cp)->v.s;
		if (!strcmp(band, "all"))
			continue;
		long row = need_row(t, date, band);
		if (row < 0) {
			if ((row = cf_table_add_row(t)) < 0 || cf_table_set_text(t, (size_t)row, 0, date) ||
			    cf_table_set_text(t, (size_t)row, 1, band)) {
				cf_table_free(t);
				return cf_error_set(err, CF_EIO, "out of memory");
			}
		}
		int col = 2;
		for (int g = 0; g < ng && strcmp(pl, "all"); g++)
			if (!strcmp(groups[g], pl))
				col = 3 + g;
		cf_table_set_real(t, (size_t)row, col, cf_table_cell_const(f, r, cm)->v.d);
	}
	*out = t;
	return CF_OK;
}

int sufficiency_forecast(const struct placements_data *d, const struct cla_data *cla, cf_date on, int months,
			 struct cf_table **out, struct cf_error *err)
{
	long foster_places = 0, home_places = 0;
	for (size_t i = 0; i < d->nhouseholds; i++)
		if (household_approved_on(&d->households[i], on))
			foster_places += d->households[i].places;
	for (size_t i = 0; i < d->nhomes; i++)
		if (d->homes[i].in_house == 1 && home_registered_on(&d->homes[i], on))
			home_places += d->homes[i].places;
	struct fc_options fo;
	struct fc_placemap map;
	struct fc_costs costs;
	fc_options_init(&fo);
	fc_placemap_default(&map);
	int rc = fc_costs_default(&costs, &map, err);   /* costs are not shown: the forecast needs a set */
	if (rc)
		return rc;
	fo.start = on;
	fo.months = months;
	fo.runs = 0;
	fo.map = &map;
	fo.costs = &costs;
	struct cf_table *tables[8] = { NULL };
	int n = 0;
	rc = forecast_report(cla, &fo, tables, &n, 8, err);
	fc_costs_release(&costs);
	out[1] = NULL;
	struct cf_table *t = rc ? NULL : cf_table_new("sufficiency_forecast");
	if (!rc && !t)
		rc = cf_error_set(err, CF_EIO, "out of memory");
	if (!rc) {
		static const char *const cols[] = { "month_end", "looked_after", "fostering_needed", "in_house_foster_places",
						    "fostering_gap", "residential_needed", "in_house_home_places",
						    "residential_gap" };
		for (int c = 0; c < 8; c++)
			cf_table_add_column(t, cols[c], c == 0 ? CF_CELL_TEXT : c == 3 || c == 6 ? CF_CELL_INT : CF_CELL_REAL,
					    1);
	}
	for (int i = 0; i < n && !rc; i++) {
		const struct cf_table *f = tables[i];
		if (strcmp(f->name, "forecast"))
			continue;
		if ((rc = need_forecast(f, &out[1], err)))
			break;
		int cd = cf_table_column(f, "date"), ca = cf_table_column(f, "age_band"), cp = cf_table_column(f, "placement"),
		    cm = cf_table_column(f, "mean");
		for (size_t r = 0; r < f->nrows && !rc; r++) {
			const struct cf_cell *a = cf_table_cell_const(f, r, ca), *p = cf_table_cell_const(f, r, cp);
			if (a->type != CF_CELL_TEXT || strcmp(a->v.s, "all") || p->type != CF_CELL_TEXT)
				continue;
			double mean = cf_table_cell_const(f, r, cm)->v.d;
			if (!strcmp(p->v.s, "all")) {   /* a month's rows begin with its total */
				if (cf_table_add_row(t) < 0 ||
				    cf_table_set_text(t, t->nrows - 1, 0, cf_table_cell_const(f, r, cd)->v.s)) {
					rc = cf_error_set(err, CF_EIO, "out of memory");
					break;
				}
				cf_table_set_real(t, t->nrows - 1, 1, mean);
				cf_table_set_int(t, t->nrows - 1, 3, foster_places);
				cf_table_set_int(t, t->nrows - 1, 6, home_places);
			} else if (t->nrows && !strcmp(p->v.s, "fostering")) {
				cf_table_set_real(t, t->nrows - 1, 2, mean);
				cf_table_set_real(t, t->nrows - 1, 4, mean - (double)foster_places);
			} else if (t->nrows && !strcmp(p->v.s, "residential")) {
				cf_table_set_real(t, t->nrows - 1, 5, mean);
				cf_table_set_real(t, t->nrows - 1, 7, mean - (double)home_places);
			}
		}
	}
	for (int i = 0; i < n; i++)
		cf_table_free(tables[i]);
	if (rc) {
		cf_table_free(t);
		cf_table_free(out[1]);
		out[1] = NULL;
		return rc;
	}
	out[0] = t;
	return CF_OK;
}
