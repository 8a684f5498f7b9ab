/* The synthetic authority's money and sufficiency extracts, for the whole
 * authority: placement_costs.csv (one row per costed episode, priced by
 * provider type around the illustrative unit costs of docs/money.md),
 * foster_households.csv (in-house carers made as the in-house placements
 * need them, with some spare places), homes.csv (the registered children's
 * homes and their places), ofsted_providers.csv (every registered provider
 * as Ofsted's list gives it, with a drawn grade), budgets.csv (each year's spend, a little
 * under, as councils' placement budgets usually are) and ledger.csv (each
 * month's postings, close to what the placements cost). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "formats/local_csv.h"
#include "placements/placements.h"
#include "synth/rng.h"
#include "synth/synth.h"
#include "synth/write.h"

#define NONE CF_DATE_NONE

enum { T_IN_HOUSE, T_IFA, T_PRIVATE_RES, T_LA_RES, T_OTHER_LA, T_SUPPORTED, T_PARENT_CHILD, T_SECURE, T_OTHER };

/* Weekly cost by provider type, £ (data/forecast/unit_costs.csv's set). */
static const double base_weekly[LOCAL_NPROVIDER_TYPES] = { 450, 950, 6000, 4500, 1000, 1500, 1000, 8000, 1000 };
static const char *const cost_centres[] = { "CC-FOSTERING", "CC-RESIDENTIAL", "CC-OTHER" };

/* The provider type of an episode, or -1 when it is not paid for as a
 * placement (adoption, placed with parents, temporary, other). */
static int provider_type_of(const struct syn_episode *e)
{
	const char *p = e->place, *pr = e->provider;
	if (p[0] == 'U')
		return p[1] <= '3' || !strcmp(pr, "PR1") ? T_IN_HOUSE : !strcmp(pr, "PR2") ? T_OTHER_LA : T_IFA;
	if (!strcmp(p, "K2") || !strcmp(p, "R1"))
		return !strcmp(pr, "PR1") ? T_LA_RES : !strcmp(pr, "PR2") ? T_OTHER_LA : T_PRIVATE_RES;
	if (!strcmp(p, "K1"))
		return T_SECURE;
	if (!strcmp(p, "H5"))
		return T_SUPPORTED;
	if (!strcmp(p, "R3"))
		return T_PARENT_CHILD;
	return -1;
}

static int centre_of(int type)
{
	return type == T_IN_HOUSE || type == T_IFA ? 0 : type == T_PRIVATE_RES || type == T_LA_RES || type == T_SECURE ? 1 : 2;
}

/* A foster household made for the in-house placements. */
struct household {
	cf_date approved, deregistered;
	int places, connected, locality, range;   /* range: index into ranges */
	cf_date slot_end[3];                      /* when each place is free again; NONE while occupied, open */
	int slot_used[3];
	cf_date last_end;                         /* NONE while a child is placed at the end */
};

static const char *const ranges[] = { "0-10", "8-17", "0-17" };
static const int range_lo[] = { 0, 8, 0 }, range_hi[] = { 10, 17, 17 };

struct costed {
	int type;
	int household;            /* in-house: index into the households; else -1 */
	double weekly, health, education;
};

struct money_world {
	const struct synth_world *w;
	struct costed *eps;       /* per episode */
	struct household *hh;
	size_t nhh, caphh;
};

/* An in-house episode to house, in order of start (then episode order). */
struct by_start {
	cf_date start;
	int episode;
};

static int cmp_start(const void *a, const void *b)
{
	const struct by_start *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->episode - y->episode;
}

/* An episode's end as the council knows it at the end of the simulation:
 * a later end (the simulation runs each placement on) is not yet known. */
static cf_date known_end(const struct synth_world *w, const struct syn_episode *e)
{
	return e->end != NONE && e->end <= w->end ? e->end : NONE;
}

static int slot_free(const struct household *h, int s, cf_date on)
{
	return !h->slot_used[s] || (h->slot_end[s] != NONE && h->slot_end[s] <= on);
}

/* A place for episode i in a household: the one the child was in when only
 * the legal status changed, else the first approved mainstream household
 * with a free place and the child's age in its range, else a new one. */
static int place_child(struct money_world *m, struct cf_rng *r, int i, int prev_household)
{
	const struct syn_episode *e = &m->w->episodes[i];
	const struct syn_child *c = &m->w->children[e->child];
	int age = cf_date_age(c->dob, e->start);
	int connected = e->place[1] <= '3';
	long found = -1;
	int slot = -1;
	if (prev_household >= 0) {
		const struct household *h = &m->hh[prev_household];
		for (int s = 0; s < h->places && slot < 0; s++)
			if (slot_free(h, s, e->start))
				found = prev_household, slot = s;
	}
	for (size_t k = 0; k < m->nhh && slot < 0 && !connected; k++) {
		const struct household *h = &m->hh[k];
		if (h->connected || h->approved > e->start || age < range_lo[h->range] || age > range_hi[h->range])
			continue;
		for (int s = 0; s < h->places && slot < 0; s++)
			if (slot_free(h, s, e->start))
				found = (long)k, slot = s;
	}
	if (slot < 0) {
		if (m->nhh == m->caphh) {
			size_t nc = m->caphh ? m->caphh * 2 : 64;
			struct household *nh = realloc(m->hh, nc * sizeof *nh);
			if (!nh)
				return -1;
			m->hh = nh;
			m->caphh = nc;
		}
		struct household *h = &m->hh[m->nhh];
		memset(h, 0, sizeof *h);
		h->connected = connected;
		static const double places_w[] = { 0.35, 0.45, 0.20 };
		h->places = connected ? 1 : 1 + cf_rng_pick(r, places_w, 3);
		h->approved = connected ? e->start : e->start - cf_rng_range(r, 14, 120);
		h->range = connected ? 2 : age <= 7 ? (cf_rng_chance(r, 0.6) ? 0 : 2) : age >= 11 ? (cf_rng_chance(r, 0.6) ? 1 : 2) : 2;
		h->locality = m->w->nlocalities ? cf_rng_below(r, m->w->nlocalities) : 0;
		h->deregistered = NONE;
		found = (long)m->nhh++;
		slot = 0;
	}
	struct household *h = &m->hh[found];
	h->slot_used[slot] = 1;
	h->slot_end[slot] = known_end(m->w, e);
	return (int)found;
}

/* Episode i goes on with the placement of the child's episode before it. */
static int continues(const struct synth_world *w, const struct costed *eps, size_t i)
{
	const struct syn_episode *e = &w->episodes[i], *p = i ? &w->episodes[i - 1] : NULL;
	return p && p->child == e->child && p->end == e->start && (e->rne == 'L' || e->rne == 'U') &&
	       eps[i - 1].type == eps[i].type && !strcmp(p->urn, e->urn);
}

/* Price every costed episode and house the in-house ones. */
static int build(struct money_world *m)
{
	const struct synth_world *w = m->w;
	struct cf_rng r;
	syn_rng_seed(&r, w->opt.seed, 40);
	struct by_start *order = malloc((w->n_episodes ? w->n_episodes : 1) * sizeof *order);
	m->eps = calloc(w->n_episodes ? w->n_episodes : 1, sizeof *m->eps);
	if (!order || !m->eps) {
		free(order);
		return -1;
	}
	size_t n = 0;
	for (size_t i = 0; i < w->n_episodes; i++) {
		struct costed *k = &m->eps[i];
		k->type = provider_type_of(&w->episodes[i]);
		k->household = -1;
		if (k->type < 0)
			continue;
		const struct syn_episode *e = &w->episodes[i];
		if (continues(w, m->eps, i)) {
			/* only the legal status (L) or the carers' status (U) changed: the same placement and price */
			k->weekly = m->eps[i - 1].weekly;
			k->health = m->eps[i - 1].health;
			k->education = m->eps[i - 1].education;
			if (k->type == T_IN_HOUSE)
				order[n++] = (struct by_start){ e->start, (int)i };
			continue;
		}
		double base = e->place[0] == 'U' && e->place[1] <= '3' ? 300 : base_weekly[k->type];
		k->weekly = round(base * (0.8 + 0.4 * cf_rng_unit(&r)));
		if (k->type == T_PRIVATE_RES || k->type == T_LA_RES || k->type == T_SECURE) {
			if (cf_rng_chance(&r, 0.2))
				k->health = round(k->weekly * 0.10);
			if (cf_rng_chance(&r, 0.15))
				k->education = round(k->weekly * 0.15);
		}
		if (k->type == T_IN_HOUSE)
			order[n++] = (struct by_start){ e->start, (int)i };
	}
	qsort(order, n, sizeof *order, cmp_start);
	for (size_t j = 0; j < n; j++) {
		int i = order[j].episode;
		int prev = continues(w, m->eps, (size_t)i) ? m->eps[i - 1].household : -1;   /* the same carer */
		if ((m->eps[i].household = place_child(m, &r, i, prev)) < 0) {
			free(order);
			return -1;
		}
	}
	free(order);
	/* carers with no child for a year leave: 90 days after their last placement */
	for (size_t k = 0; k < m->nhh; k++) {
		struct household *h = &m->hh[k];
		cf_date last = h->approved;
		int open = 0;
		for (int s = 0; s < h->places; s++)
			if (h->slot_used[s]) {
				if (h->slot_end[s] == NONE)
					open = 1;
				else if (h->slot_end[s] > last)
					last = h->slot_end[s];
			}
		if (open)
			continue;
		if (h->connected)
			h->deregistered = last;
		else if (last + 365 <= w->end)
			h->deregistered = last + 90;
	}
	return 0;
}

static int write_placements(const struct money_world *m, const char *dir, struct cf_error *err)
{
	const struct synth_world *w = m->w;
	char path[4200], d1[11], d2[11];
	snprintf(path, sizeof path, "%s/placement_costs.csv", dir);
	FILE *fp = synth_csv_create(path,
			  "child_id,placement_start,placement_end,provider_id,provider_name,provider_type,placement_type,"
			  "weekly_cost,cost_centre,health_contribution,education_contribution",
			  err);
	if (!fp)
		return CF_EIO;
	for (size_t i = 0; i < w->n_episodes; i++) {
		const struct costed *k = &m->eps[i];
		const struct syn_episode *e = &w->episodes[i];
		if (k->type < 0 || e->start > w->end)
			continue;
		char id[16], name[48];
		if (k->type == T_IN_HOUSE) {
			snprintf(id, sizeof id, "FH%05d", k->household + 1);
			name[0] = '\0';
		} else if (k->type == T_IFA) {
			int a = (int)((unsigned)w->children[e->child].id % 9u) + 1;
			snprintf(id, sizeof id, "IFA%02d", a);
			snprintf(name, sizeof name, "Fostering Agency %d", a);
		} else if (k->type == T_OTHER_LA) {
			snprintf(id, sizeof id, "OLA");
			snprintf(name, sizeof name, "Another local authority");
		} else if (e->urn[0]) {
			snprintf(id, sizeof id, "%s", e->urn);
			snprintf(name, sizeof name, "Provider %s", e->urn);
		} else {
			snprintf(id, sizeof id, "UNREG");
			name[0] = '\0';
		}
		synth_iso(e->start, d1);
		synth_iso(known_end(w, e), d2);
		fprintf(fp, "%d,%s,%s,%s,", w->children[e->child].id, d1, d2, id);
		csv_write_field(fp, name);
		fprintf(fp, ",%s,%s,%.0f,%s,", local_provider_types[k->type], e->place, k->weekly,
			cost_centres[centre_of(k->type)]);
		if (k->health > 0)
			fprintf(fp, "%.0f", k->health);
		fputc(',', fp);
		if (k->education > 0)
			fprintf(fp, "%.0f", k->education);
		fputc('\n', fp);
	}
	return synth_csv_finish(fp, path, err);
}

static int write_households(const struct money_world *m, const char *dir, struct cf_error *err)
{
	const struct synth_world *w = m->w;
	char path[4200], d1[11], d2[11];
	snprintf(path, sizeof path, "%s/foster_households.csv", dir);
	FILE *fp = synth_csv_create(path, "household_id,approved_from,deregistered_on,approved_places,age_range,household_type,locality",
			  err);
	if (!fp)
		return CF_EIO;
	for (size_t k = 0; k < m->nhh; k++) {
		const struct household *h = &m->hh[k];
		synth_iso(h->approved, d1);
		synth_iso(h->deregistered, d2);
		fprintf(fp, "FH%05d,%s,%s,%d,%s,%s,%s\n", (int)k + 1, d1, d2, h->places, ranges[h->range],
			h->connected ? "connected person" : "mainstream",
			w->nlocalities ? w->localities[h->locality].name : "");
	}
	return synth_csv_finish(fp, path, err);
}

static int cmp_date(const void *a, const void *b)
{
	cf_date x = *(const cf_date *)a, y = *(const cf_date *)b;
	return (x > y) - (x < y);
}

/* Places for home h: the most children it ever held at once (a sweep of
 * starts and ends), and one spare in half of the homes; -1 on OOM. */
static int home_places(const struct money_world *m, size_t h)
{
	const struct synth_world *w = m->w;
	const struct syn_home *home = &w->homes[h];
	cf_date *starts = malloc((w->n_episodes ? w->n_episodes : 1) * sizeof *starts);
	cf_date *ends = malloc((w->n_episodes ? w->n_episodes : 1) * sizeof *ends);
	if (!starts || !ends) {
		free(starts);
		free(ends);
		return -1;
	}
	size_t ns = 0, ne = 0;
	for (size_t i = 0; i < w->n_episodes; i++) {
		const struct syn_episode *e = &w->episodes[i];
		if (strcmp(e->urn, home->urn) || m->eps[i].type < 0)
			continue;
		starts[ns++] = e->start;
		if (known_end(w, e) != NONE)
			ends[ne++] = e->end;
	}
	qsort(starts, ns, sizeof *starts, cmp_date);
	qsort(ends, ne, sizeof *ends, cmp_date);
	int in = 0, peak = 0;
	for (size_t a = 0, b = 0; a < ns;) {
		if (b < ne && ends[b] <= starts[a])
			in--, b++;
		else {
			in++, a++;
			if (in > peak)
				peak = in;
		}
	}
	free(starts);
	free(ends);
	return (peak ? peak : 1) + (int)(h % 2);
}

/* Registered children's homes (K1, K2), each with home_places' places. */
static int write_homes(const struct money_world *m, const char *dir, struct cf_error *err)
{
	const struct synth_world *w = m->w;
	char path[4200], d1[11];
	snprintf(path, sizeof path, "%s/homes.csv", dir);
	FILE *fp = synth_csv_create(path, "home_id,home_name,places,registered_from,registered_to,ofsted_urn,in_house", err);
	if (!fp)
		return CF_EIO;
	synth_iso(w->history, d1);
	for (size_t h = 0; h < w->n_homes; h++) {
		const struct syn_home *home = &w->homes[h];
		if (strcmp(home->place, "K2") && strcmp(home->place, "K1"))
			continue;
		int places = home_places(m, h);
		if (places < 0) {
			fclose(fp);
			return cf_error_set(err, CF_EIO, "out of memory");
		}
		fprintf(fp, "%s,Home %s,%d,%s,,%s,%s\n", home->urn, home->urn, places, d1, home->urn,
			!strcmp(home->provider, "PR1") ? "yes" : "no");
	}
	return synth_csv_finish(fp, path, err);
}

/* Each simulated year's placement budget by cost centre: its net spend,
 * priced as `caseflow money` prices it, less 2-7% (rounded to £1,000). */
static int write_budgets(const struct money_world *m, const char *dir, struct cf_error *err)
{
	const struct synth_world *w = m->w;
	char path[4200];
	snprintf(path, sizeof path, "%s/budgets.csv", dir);
	FILE *fp = synth_csv_create(path, "financial_year,cost_centre,budget", err);
	if (!fp)
		return CF_EIO;
	struct cf_rng r;
	syn_rng_seed(&r, w->opt.seed, 41);
	for (int y = 0; y < w->opt.years; y++) {
		int fy = w->opt.first_year + y;
		double net[3] = { 0, 0, 0 };
		for (size_t i = 0; i < w->n_episodes; i++) {
			const struct costed *k = &m->eps[i];
			if (k->type < 0)
				continue;
			const struct syn_episode *e = &w->episodes[i];
			struct placement_cost p = { "", e->start, known_end(w, e), "", "", k->type, "", "",
						    k->weekly, k->health, k->education };
			struct placement_price pr;
			placement_price(&p, cf_date_fy_start(fy), cf_date_fy_end(fy), cf_date_fy_end(fy), &pr);
			net[centre_of(k->type)] += pr.gross_to_date - pr.contrib_to_date;
		}
		for (int c = 0; c < 3; c++)
			fprintf(fp, "%d-%02d,%s,%.0f\n", fy, (fy + 1) % 100, cost_centres[c],
				round(net[c] * (0.93 + 0.05 * cf_rng_unit(&r)) / 1000) * 1000);
	}
	return synth_csv_finish(fp, path, err);
}

/* Each simulated month's postings by cost centre, on its last day: the
 * month's net spend as money prices it, posted at 97-101% (invoices late,
 * credits, errors), so reconciling to the ledger shows small differences. */
static int write_ledger(const struct money_world *m, const char *dir, struct cf_error *err)
{
	const struct synth_world *w = m->w;
	char path[4200], day[11];
	snprintf(path, sizeof path, "%s/ledger.csv", dir);
	FILE *fp = synth_csv_create(path, "date,cost_centre,amount", err);
	if (!fp)
		return CF_EIO;
	struct cf_rng r;
	syn_rng_seed(&r, w->opt.seed, 42);
	for (int k = 0; k < w->opt.years * 12; k++) {
		cf_date from = cf_date_add_months(cf_date_fy_start(w->opt.first_year), k);
		cf_date to = cf_date_add_months(from, 1) - 1;
		double net[3] = { 0, 0, 0 };
		for (size_t i = 0; i < w->n_episodes; i++) {
			const struct costed *c = &m->eps[i];
			if (c->type < 0)
				continue;
			const struct syn_episode *e = &w->episodes[i];
			struct placement_cost p = { "", e->start, known_end(w, e), "", "", c->type, "", "",
						    c->weekly, c->health, c->education };
			long nights = placement_nights(&p, from, to);
			net[centre_of(c->type)] += (c->weekly - c->health - c->education) * (double)nights / 7;
		}
		cf_date_format(to, day);
		for (int cc = 0; cc < 3; cc++)
			fprintf(fp, "%s,%s,%.2f\n", day, cost_centres[cc], net[cc] * (0.97 + 0.04 * cf_rng_unit(&r)));
	}
	return synth_csv_finish(fp, path, err);
}

/* The registered providers the simulation places children with, as Ofsted's
 * published list gives them (ofsted_providers.csv, Ofsted's column names):
 * every home with its type, sector, postcode district and, for children's
 * homes, the places homes.csv gives; the latest overall grade drawn with
 * illustrative shares (most good, about one in five outstanding, a few
 * inadequate), not a published series. */
static int write_providers(const struct money_world *m, const char *dir, struct cf_error *err)
{
	const struct synth_world *w = m->w;
	char path[4200], d1[11];
	snprintf(path, sizeof path, "%s/ofsted_providers.csv", dir);
	FILE *fp = synth_csv_create(path,
				    "URN,Provider type,Sector,Local authority,Registration status,Registration date,Places,"
				    "Overall experiences and progress of children and young people,Postcode district",
				    err);
	if (!fp)
		return CF_EIO;
	static const char *const grades[] = { "Outstanding", "Good", "Requires improvement to be good", "Inadequate" };
	static const double share[] = { 0.2, 0.62, 0.15, 0.03 };
	struct cf_rng r;
	syn_rng_seed(&r, w->opt.seed, 43);
	synth_iso(w->history, d1);
	for (size_t h = 0; h < w->n_homes; h++) {
		const struct syn_home *home = &w->homes[h];
		const char *type = !strcmp(home->place, "K2")   ? "Children's home"
				   : !strcmp(home->place, "K1") ? "Secure children's home"
				   : !strcmp(home->place, "H5") ? "Supported accommodation"
								: "Residential family centre";
		const char *sector = !strcmp(home->provider, "PR1") || !strcmp(home->provider, "PR2") ? "Local authority"
				     : !strcmp(home->provider, "PR5")				      ? "Voluntary"
													      : "Private";
		int g = cf_rng_pick(&r, share, 4);
		char places[16] = "";
		if (!strcmp(home->place, "K2") || !strcmp(home->place, "K1")) {
			int n = home_places(m, h);
			if (n < 0) {
				fclose(fp);
				return cf_error_set(err, CF_EIO, "out of memory");
			}
			snprintf(places, sizeof places, "%d", n);
		}
		fprintf(fp, "%s,%s,%s,%s,Active,%s,%s,%s,%.*s\n", home->urn, type, sector,
			!strcmp(home->provider, "PR1") ? "Synthetic authority" : "", d1, places, grades[g],
			(int)strcspn(home->postcode, " "), home->postcode);
	}
	return synth_csv_finish(fp, path, err);
}

int synth_write_money(const struct synth_world *w, const char *dir, struct cf_error *err)
{
	struct money_world m = { w, NULL, NULL, 0, 0 };
	int rc = dir_make(dir, err);
	if (!rc && build(&m))
		rc = cf_error_set(err, CF_EIO, "out of memory");
	if (!rc)
		rc = write_placements(&m, dir, err);
	if (!rc)
		rc = write_households(&m, dir, err);
	if (!rc)
		rc = write_homes(&m, dir, err);
	if (!rc)
		rc = write_providers(&m, dir, err);
	if (!rc)
		rc = write_budgets(&m, dir, err);
	if (!rc)
		rc = write_ledger(&m, dir, err);
	free(m.eps);
	free(m.hh);
	return rc;
}
