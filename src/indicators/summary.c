/* CLA at 31 March, started and ceased in the year, by age and placement. */
#include "indicators/summary.h"

#include <string.h>

enum { M_CLA, M_STARTED, M_CEASED, M_N, M_SHORT_BREAKS = M_N };
static const char *const measure_names[M_N + 1] = { "cla", "started", "ceased", "cla_short_breaks" };

/* Open on `on` only under an agreed series of short breaks (LS V3, V4):
 * counted in cla here, but not looked after in DfE's figures, so kpi's
 * cla_31mar leaves the child out (its rule, src/indicators/kpi.c respite()). */
static int short_breaks_only(const struct cla_data *d, const struct cla_child *c, cf_date on)
{
	int open = 0;
	for (int k = 0; k < c->n; k++) {
		const struct cla_episode *e = &d->eps[c->first + k];
		if (e->start > on || (e->end != CF_DATE_NONE && e->end <= on))
			continue;
		if (!(e->ls[0] == 'V' && (e->ls[1] == '3' || e->ls[1] == '4')))
			return 0;
		open = 1;
	}
	return open;
}

struct counts {
	long total;
	long by_age[AGE_NBANDS + 1];
	long by_group[PG_NGROUPS];
};

static void count(struct counts *k, cf_date dob, cf_date on, const char *place)
{
	k->total++;
	k->by_age[dob == CF_DATE_NONE ? AGE_UNKNOWN : age_band_of(cf_date_age(dob, on))]++;
	k->by_group[placement_group_of(place)]++;
}

static int emit(struct cf_table *t, const char *date, int measure, const char *age, const char *group, long n)
{
	long r = cf_table_add_row(t);
	if (r < 0)
		return -1;
	if (cf_table_set_text(t, (size_t)r, 0, date) || cf_table_set_text(t, (size_t)r, 1, measure_names[measure]) ||
	    cf_table_set_text(t, (size_t)r, 2, age) || cf_table_set_text(t, (size_t)r, 3, group))
		return -1;
	cf_table_set_int(t, (size_t)r, 4, n);
	return 0;
}

struct cf_table *summary_table_new(const char *name)
{
	static const char *const cols[] = { "date", "measure", "age_band", "placement_group", "count" };
	static const enum cf_cell_type types[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_INT };
	return cf_table_new_columns(name, cols, types, 5);
}

int summary_cla(const struct cla_data *d, struct cf_table **out, struct cf_error *err)
{
	struct cf_table *t = summary_table_new("summary");
	*out = NULL;
	if (!t)
		return cf_error_set(err, CF_EIO, "out of memory");

	for (int y = 0; y < d->nyears; y++) {
		int fy = d->years[y] - 1;          /* collection year ending 31 March years[y] */
		cf_date from = cf_date_fy_start(fy), to = cf_date_fy_end(fy);
		struct counts k[M_N];
		long short_breaks = 0;
		memset(k, 0, sizeof k);
		for (size_t i = 0; i < d->nchildren; i++) {
			const struct cla_child *c = &d->children[i];
			const struct cla_episode *open = cla_open_on(d, c, to);
			if (open) {
				count(&k[M_CLA], c->dob, to, open->place);
				short_breaks += short_breaks_only(d, c, to);
			}
			/* started: the child's first period of care starting in the year,
			 * at the age and placement on that day */
			for (int e = 0; e < c->n; e++) {
				const struct cla_episode *ep = &d->eps[c->first + e];
				if (ep->period_start && ep->start >= from && ep->start <= to) {
					count(&k[M_STARTED], c->dob, ep->start, ep->place);
					break;
				}
			}
			/* ceased: the last period of care ending in the year */
			for (int e = c->n - 1; e >= 0; e--) {
				const struct cla_episode *ep = &d->eps[c->first + e];
				if (ep->period_end && ep->end >= from && ep->end <= to) {
					count(&k[M_CEASED], c->dob, ep->end, ep->place);
					break;
				}
			}
		}
		char date[11];
		cf_date_format(to, date);
		for (int m = 0; m < M_N; m++) {
			int bad = emit(t, date, m, "all", "all", k[m].total);
			for (int a = 0; a <= AGE_NBANDS && !bad; a++)
				if (a < AGE_NBANDS || k[m].by_age[a])
					bad = emit(t, date, m, age_band_names[a], "all", k[m].by_age[a]);
			for (int g = 0; g < PG_NGROUPS && !bad; g++)
				bad = emit(t, date, m, "all", placement_group_names[g], k[m].by_group[g]);
			if (!bad && m == M_CLA)
				bad = emit(t, date, M_SHORT_BREAKS, "all", "all", short_breaks);
			if (bad) {
				cf_table_free(t);
				return cf_error_set(err, CF_EIO, "out of memory");
			}
		}
	}
	*out = t;
	return CF_OK;
}
