/* The council's own unit costs for the forecast: the mean weekly cost of
 * its placements by DfE placement code and provider, from the placement
 * costs extract (docs/money.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/local_csv.h"
#include "placements/placements.h"

enum { PROV_IN_HOUSE, PROV_EXTERNAL };

struct code_cost {
	char code[4];
	double nights[2], gbp[2];   /* by provider */
};

/* The forecast's in_house is PLACE_PROVIDER PR0-PR3: the council or another public body. */
static int in_house(int provider_type)
{
	const char *t = local_provider_types[provider_type];
	return !strcmp(t, "in-house fostering") || !strcmp(t, "LA residential") || !strcmp(t, "other LA");
}

int placements_forecast_costs(const struct placements_data *d, cf_date from, cf_date to, const struct fc_placemap *m,
			      struct fc_costs *c, int *nrows, struct cf_error *err)
{
	struct code_cost codes[64];
	int ncodes = 0;
	*nrows = 0;
	for (size_t i = 0; i < d->nplacements; i++) {
		const struct placement_cost *p = &d->placements[i];
		long n = placement_nights(p, from, to);
		if (!n || fc_place_code(p->placement_type) < 0)
			continue;
		int k = 0;
		while (k < ncodes && strcmp(codes[k].code, p->placement_type))
			k++;
		if (k == ncodes) {
			if (ncodes == (int)(sizeof codes / sizeof codes[0]))
				continue;
			memset(&codes[k], 0, sizeof codes[k]);
			snprintf(codes[k].code, sizeof codes[k].code, "%s", p->placement_type);
			ncodes++;
		}
		int prov = in_house(p->provider_type) ? PROV_IN_HOUSE : PROV_EXTERNAL;
		codes[k].nights[prov] += (double)n;
		codes[k].gbp[prov] += p->weekly_gbp * (double)n;
	}
	for (int k = 0; k < ncodes; k++)
		for (int prov = 0; prov < 2; prov++) {
			if (codes[k].nights[prov] <= 0)
				continue;
			char label[64];
			snprintf(label, sizeof label, "%s %s (council's own)", codes[k].code,
				 prov == PROV_IN_HOUSE ? "in-house" : "external");
			int rc = fc_costs_add(c, m, label, codes[k].code, prov == PROV_IN_HOUSE ? "in_house" : "external",
					      codes[k].gbp[prov] / codes[k].nights[prov], err);
			if (rc)
				return rc;
			(*nrows)++;
		}
	if (*nrows) {
		char a[11], b[11];
		cf_date_format(from, a);
		cf_date_format(to, b);
		snprintf(c->source, sizeof c->source,
			 "the council's own: %d rows from the placement costs charged %s to %s (built-in for the rest)",
			 *nrows, a, b);
	}
	return CF_OK;
}

void placements_cost_window(const struct placements_data *d, cf_date *from, cf_date *to)
{
	cf_date last = CF_DATE_NONE;
	for (size_t i = 0; i < d->nplacements; i++) {
		const struct placement_cost *p = &d->placements[i];
		cf_date t = p->end != CF_DATE_NONE ? p->end - 1 : p->start;
		if (last == CF_DATE_NONE || t > last)
			last = t;
	}
	*to = last;
	*from = last == CF_DATE_NONE ? CF_DATE_NONE : last - 364;
}

int placements_own_costs(const struct placements_data *d, const struct fc_placemap *m, struct fc_costs *c,
			 struct cf_error *err)
{
	cf_date from, to;
	placements_cost_window(d, &from, &to);
	int nrows = 0;
	return to == CF_DATE_NONE ? CF_OK : placements_forecast_costs(d, from, to, m, c, &nrows, err);
}

int placements_store_costs(struct store *st, const struct fc_placemap *m, struct fc_costs *c, struct cf_error *err)
{
	struct placements_data d;
	int rc = store_placements_read(st, &d, err);
	if (rc)
		return rc;
	rc = placements_own_costs(&d, m, c, err);
	placements_data_release(&d);
	return rc;
}
