/* The placement-shift scenario (`caseflow money --shift FILE`): children
 * moved from agency fostering or residential care to in-house carers,
 * priced at the council's own unit costs, with the carers they need. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/local_csv.h"
#include "placements/placements.h"

/* Night-weighted mean weekly cost of provider type `type` in [from, to]; -1 when none. */
static double weekly_mean(const struct placements_data *d, int type, cf_date from, cf_date to)
{
	double nights = 0, gbp = 0;
	for (size_t i = 0; i < d->nplacements; i++) {
		const struct placement_cost *p = &d->placements[i];
		if (p->provider_type != type)
			continue;
		long n = placement_nights(p, from, to);
		nights += (double)n;
		gbp += p->weekly_gbp * (double)n;
	}
	return nights > 0 ? gbp / nights : -1;
}

int money_shift(const struct placements_data *d, const struct placement_shift *s, struct cf_table **out,
		struct cf_error *err)
{
	cf_date from, to;
	placements_cost_window(d, &from, &to);
	const int in_house = 0;   /* local_provider_types[0], "in-house fostering" */
	double w_from = from == CF_DATE_NONE ? -1 : weekly_mean(d, s->from_type, from, to);
	double w_in = from == CF_DATE_NONE ? -1 : weekly_mean(d, in_house, from, to);
	if (w_from < 0 || w_in < 0)
		return cf_error_set(err, CF_EINPUT, "the placement costs extract has no %s placements in its last 12 months "
						    "to price the shift",
				    w_from < 0 ? local_provider_types[s->from_type] : local_provider_types[in_house]);
	double places = s->places_per_household;
	if (places <= 0) {
		long hh = 0, total = 0;
		for (size_t i = 0; i < d->nhouseholds; i++)
			if (household_approved_on(&d->households[i], to)) {
				hh++;
				total += d->households[i].places;
			}
		if (!hh)
			return cf_error_set(err, CF_EINPUT, "no foster households approved on the extract's last day: give "
							    "places_per_household in the scenario");
		places = (double)total / (double)hh;
	}
	long nmoves = (long)floor(s->per_year * s->years + 1e-9);
	struct cf_table *t = cf_table_new("money_shift");
	if (!t)
		return cf_error_set(err, CF_EIO, "out of memory");
	static const char *const cols[] = { "financial_year", "moved_in_year", "in_house_at_year_end", "nights",
					    "cost_where_they_were", "cost_in_house", "saving", "carers_needed",
					    "new_carers_in_year" };
	for (int c = 0; c < 9; c++)
		cf_table_add_column(t, cols[c], c == 0 ? CF_CELL_TEXT : c >= 4 && c <= 6 ? CF_CELL_REAL : CF_CELL_INT,
				    2);
	int fy0 = cf_date_fy(s->start);
	cf_date last_move = s->start + (cf_date)floor((double)(nmoves > 0 ? nmoves - 1 : 0) * 365.25 / s->per_year);
	int fy_last = cf_date_fy(last_move) + 1;
	long carers_before = 0;
	for (int fy = fy0; fy <= fy_last; fy++) {
		cf_date a = cf_date_fy_start(fy), b = cf_date_fy_end(fy);
		long moved = 0, at_end = 0;
		double nights = 0;
		for (long k = 0; k < nmoves; k++) {
			cf_date day = s->start + (cf_date)floor((double)k * 365.25 / s->per_year);
			if (day > b)
				break;
			at_end++;
			moved += day >= a;
			nights += (double)(b - (day > a ? day : a) + 1);
		}
		long carers = (long)ceil((double)at_end / places - 1e-9);
		long r = cf_table_add_row(t);
		char label[8];
		snprintf(label, sizeof label, "%d-%02d", fy, (fy + 1) % 100);
		if (r < 0 || cf_table_set_text(t, (size_t)r, 0, label)) {
			cf_table_free(t);
			return cf_error_set(err, CF_EIO, "out of memory");
		}
		cf_table_set_int(t, (size_t)r, 1, moved);
		cf_table_set_int(t, (size_t)r, 2, at_end);
		cf_table_set_int(t, (size_t)r, 3, (long long)nights);
		cf_table_set_real(t, (size_t)r, 4, nights * w_from / 7);
		cf_table_set_real(t, (size_t)r, 5, nights * w_in / 7);
		cf_table_set_real(t, (size_t)r, 6, nights * (w_from - w_in) / 7);
		cf_table_set_int(t, (size_t)r, 7, carers);
		cf_table_set_int(t, (size_t)r, 8, carers > carers_before ? carers - carers_before : 0);
		carers_before = carers;
	}
	*out = t;
	return CF_OK;
}
