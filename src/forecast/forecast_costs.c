/* Unit costs: loading, matching placements to them, inflation. */
#include "forecast/forecast_costs.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csv.h"

/* Illustrative round weekly figures for the demo, not a published source;
 * data/forecast/unit_costs.csv holds the same and documents the format. */
static const struct { const char *label, *place, *provider; double week; } default_costs[] = {
	{ "Fostering (family and friends)", "U1", "any", 300 },
	{ "Fostering (family and friends)", "U2", "any", 300 },
	{ "Fostering (family and friends)", "U3", "any", 300 },
	{ "Fostering (in-house)", "fostering", "in_house", 450 },
	{ "Fostering (independent agency)", "fostering", "external", 950 },
	{ "Residential (in-house)", "residential", "in_house", 4500 },
	{ "Residential (external)", "residential", "external", 6000 },
	{ "Supported accommodation", "supported", "any", 1500 },
	{ "Secure children's home", "K1", "any", 8000 },
	{ "Placed with parents", "P1", "any", 150 },
	{ "Placed for adoption", "A3", "any", 300 },
	{ "Placed for adoption", "A4", "any", 300 },
	{ "Placed for adoption", "A5", "any", 300 },
	{ "Placed for adoption", "A6", "any", 300 },
	{ "Other", "other", "any", 1000 },
};

static int add_row(struct fc_costs *c, const struct fc_placemap *m, const char *label, const char *place,
		   const char *provider, const char *week, const char *file, long line, struct cf_error *err)
{
	struct fc_cost_row r;
	memset(&r, 0, sizeof r);
	snprintf(r.label, sizeof r.label, "%s", label);
	int cat = fc_place_parse(place);
	if (cat >= 0) {
		r.place_code = FC_PLACE_CATEGORY;
		r.category = cat;
	} else if ((r.place_code = fc_place_code(place)) >= 0) {
		r.category = m->cat[r.place_code];
	} else {
		return cf_error_at(err, CF_EINPUT, file, line, "place", place,
				   "a PLACE code (U4) or a category (fostering, residential, supported, other)");
	}
	if (strcasecmp(provider, "any") == 0 || !provider[0])
		r.provider = FC_PROVIDER_ANY;
	else if (strcasecmp(provider, "in_house") == 0 || strcasecmp(provider, "in-house") == 0)
		r.provider = FC_IN_HOUSE;
	else if (strcasecmp(provider, "external") == 0)
		r.provider = FC_EXTERNAL;
	else
		return cf_error_at(err, CF_EINPUT, file, line, "provider", provider, "in_house, external or any");
	char *end;
	errno = 0;
	r.gbp_week = strtod(week, &end);
	if (end == week || *end || errno || !isfinite(r.gbp_week) || r.gbp_week < 0)
		return cf_error_at(err, CF_EINPUT, file, line, "cost_gbp_week", week, "a cost in pounds, 0 or more");
	struct fc_cost_row *nr = realloc(c->rows, (size_t)(c->n + 1) * sizeof *nr);
	if (!nr)
		return cf_error_set(err, CF_EIO, "out of memory");
	c->rows = nr;
	c->rows[c->n++] = r;
	return CF_OK;
}

static int check_complete(const struct fc_costs *c, const char *file, struct cf_error *err)
{
	for (int cat = 0; cat < FC_NPLACE; cat++)
		for (int prov = 0; prov < 2; prov++)
			if (!fc_costs_match(c, -1, cat, prov))
				return cf_error_at(err, CF_EINPUT, file, 0, "place", fc_place_names[cat],
						   "no cost for %s placements from %s providers: add a row "
						   "'LABEL,%s,any,COST'", fc_place_names[cat],
						   prov == FC_IN_HOUSE ? "in-house" : "external", fc_place_names[cat]);
	return CF_OK;
}

int fc_costs_default(struct fc_costs *c, const struct fc_placemap *m, struct cf_error *err)
{
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < sizeof default_costs / sizeof default_costs[0]; i++) {
		char week[32];
		snprintf(week, sizeof week, "%.0f", default_costs[i].week);
		int rc = add_row(c, m, default_costs[i].label, default_costs[i].place, default_costs[i].provider, week,
				 "built-in unit costs", (long)i + 2, err);
		if (rc) {
			fc_costs_release(c);
			return rc;
		}
	}
	snprintf(c->source, sizeof c->source, "built-in illustrative unit costs (data/forecast/unit_costs.csv)");
	return check_complete(c, "built-in unit costs", err);
}

int fc_costs_add(struct fc_costs *c, const struct fc_placemap *m, const char *label, const char *place,
		 const char *provider, double gbp_week, struct cf_error *err)
{
	char week[48];
	snprintf(week, sizeof week, "%.6f", gbp_week);
	return add_row(c, m, label, place, provider, week, "unit costs", 0, err);
}

int fc_costs_load(struct fc_costs *c, const char *path, const struct fc_placemap *m, struct cf_error *err)
{
	memset(c, 0, sizeof *c);
	struct csv_reader r;
	int rc = csv_reader_open(&r, path, err);
	if (rc)
		return rc;
	int col[4] = { -1, -1, -1, -1 }, got;
	static const char *const names[4] = { "label", "place", "provider", "cost_gbp_week" };
	while ((got = csv_reader_next(&r, err)) == 1) {
		if (csv_row_is_blank(&r))
			continue;
		if (col[0] < 0 && col[1] < 0) {
			for (int f = 0; f < r.nfields; f++)
				for (int k = 0; k < 4; k++)
					if (strcasecmp(r.fields[f], names[k]) == 0)
						col[k] = f;
			for (int k = 0; k < 4 && !rc; k++)
				if (col[k] < 0)
					rc = cf_error_at(err, CF_EINPUT, path, r.record, names[k], NULL,
							 "missing column: the header is label,place,provider,cost_gbp_week");
			if (rc)
				break;
			continue;
		}
		const char *v[4];
		for (int k = 0; k < 4; k++)
			v[k] = col[k] < r.nfields ? r.fields[col[k]] : "";
		if ((rc = add_row(c, m, v[0], v[1], v[2], v[3], path, r.record, err)))
			break;
	}
	if (got < 0)
		rc = err->status ? err->status : CF_EINPUT;
	csv_reader_close(&r);
	if (!rc && c->n == 0)
		rc = cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL, "no cost rows");
	if (!rc)
		rc = check_complete(c, path, err);
	if (rc)
		fc_costs_release(c);
	else
		snprintf(c->source, sizeof c->source, "%s", path);
	return rc;
}

void fc_costs_release(struct fc_costs *c)
{
	free(c->rows);
	memset(c, 0, sizeof *c);
}

const struct fc_cost_row *fc_costs_match(const struct fc_costs *c, int place_code, int cat, int prov)
{
	/* specificity: code+provider 4, code+any 3, category+provider 2, category+any 1 */
	const struct fc_cost_row *best = NULL;
	int best_rank = 0;
	for (int i = 0; i < c->n; i++) {
		const struct fc_cost_row *r = &c->rows[i];
		int rank;
		if (r->provider != FC_PROVIDER_ANY && r->provider != prov)
			continue;
		if (r->place_code >= 0) {
			if (r->place_code != place_code)
				continue;
			rank = r->provider == FC_PROVIDER_ANY ? 3 : 4;
		} else {
			if (r->category != cat)
				continue;
			rank = r->provider == FC_PROVIDER_ANY ? 1 : 2;
		}
		if (rank > best_rank) {
			best = r;
			best_rank = rank;
		}
	}
	return best;
}

void fc_costs_weight(struct fc_costs *c, const struct fc_history *h, cf_date ref_start, cf_date ref_end)
{
	double days[FC_NPLACE] = { 0 }, gbp[FC_NPLACE] = { 0 };
	for (int i = 0; i < c->n; i++)
		c->rows[i].child_days = 0;
	/* the row for each PLACE code (or none), category and provider, matched
	 * once: a large authority has hundreds of thousands of segments and a
	 * few dozen placements */
	enum { NCODES = 26 * 10 + 1 };
	struct fc_cost_row *memo[NCODES][FC_NPLACE][2];
	memset(memo, 0, sizeof memo);
	for (size_t i = 0; i < h->nseg; i++) {
		const struct fc_segment *s = &h->seg[i];
		cf_date lo = s->start > ref_start ? s->start : ref_start;
		cf_date hi = s->end - 1 < ref_end ? s->end - 1 : ref_end;
		if (lo > hi)
			continue;
		int cat = FC_PLACE_OF(s->state);
		struct fc_cost_row *r, **m = s->place_code + 1 < NCODES && s->provider < 2
			? &memo[s->place_code + 1][cat][s->provider] : NULL;
		if (m && *m)
			r = *m;
		else if (!(r = (struct fc_cost_row *)fc_costs_match(c, s->place_code, cat, s->provider)))
			continue;   /* cannot happen: check_complete saw every category priced */
		else if (m)
			*m = r;
		double n = (double)(hi - lo + 1);
		r->child_days += n;
		days[cat] += n;
		gbp[cat] += n * r->gbp_week / 7;
	}
	for (int cat = 0; cat < FC_NPLACE; cat++) {
		if (days[cat] > 0) {
			c->gbp_day[cat] = gbp[cat] / days[cat];
		} else {   /* none seen: the category's own rows, providers alike */
			const struct fc_cost_row *a = fc_costs_match(c, -1, cat, FC_IN_HOUSE);
			const struct fc_cost_row *b = fc_costs_match(c, -1, cat, FC_EXTERNAL);
			c->gbp_day[cat] = (a->gbp_week + b->gbp_week) / 14;
		}
	}
}

double fc_costs_inflation(const struct fc_costs *c, cf_date d)
{
	if (c->inflation == 0 || c->inflation_from == CF_DATE_NONE || d < c->inflation_from)
		return 1;
	int years = 0;
	while (cf_date_add_years(c->inflation_from, years + 1) <= d)
		years++;
	return pow(1 + c->inflation, years);
}
