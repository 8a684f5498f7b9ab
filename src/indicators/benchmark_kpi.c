/* The kpi engine behind benchmark_local: compute every covered financial
 * year (and, for trajectories, every covered rolling 12 months) once, then
 * answer look-ups from the results. */
#include "indicators/benchmark_kpi.h"

#include <stdlib.h>
#include <string.h>

#include "indicators/kpi.h"

struct kpi_hook {
	struct kpi_data own;           /* loaded by benchmark_kpi_open */
	const struct kpi_data *data;   /* &own, or the caller's (benchmark_kpi_attach) */
	int owned;
	long suppress;
	int fy0, fy1;                  /* financial years (start years) the returns cover */
	cf_date cover_from, cover_to;
	struct kpi_result *years;      /* lazily: [fy0 .. fy1] */
	struct kpi_result *months;     /* lazily: rolling 12 months to each month end */
	cf_date first_month_end;
	int nmonths;
};

/* Ids that differ between the benchmark map and the kpi engine. */
static const char *const aliases[][2] = {
	{ "cpp_open_2yr", "cpp_open_2y_plus" },
};

const char *benchmark_kpi_id(const char *indicator)
{
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (!strcmp(indicator, aliases[i][0]))
			return aliases[i][1];
	return kpi_find(indicator) >= 0 ? indicator : NULL;
}

static int cell_value(const struct kpi_result *r, int period, const char *indicator, double *value)
{
	const char *id = benchmark_kpi_id(indicator);
	int k = id ? kpi_find(id) : -1;
	if (k < 0 || r->omitted[k])
		return 0;
	const struct kpi_cell *c = kpi_result_cell(r, period, k, 0);
	if (!c || !c->has_value || c->suppressed)
		return 0;
	*value = c->value;
	return 1;
}

static int compute(struct kpi_hook *h, const struct kpi_period *p, int n, struct kpi_result **out,
		   struct cf_error *err)
{
	struct kpi_options opt = { 0 };
	opt.by = KPI_BY_ALL;
	opt.suppress = h->suppress;
	return kpi_compute(h->data, p, n, &opt, out, err);
}

static int annual(void *ctx, const char *indicator, int year, double *value, struct cf_error *err)
{
	struct kpi_hook *h = ctx;
	/* DfE's year Y is the year to 31 March Y, but for the workforce census
	 * the census of 30 September Y, which the financial year to 31 March Y + 1
	 * holds */
	int m = indicator_map_find(indicator);
	int fy = m >= 0 && indicator_map[m].ref == REF_30SEP ? year : year - 1;
	if (fy < h->fy0 || fy > h->fy1)
		return 0;
	if (!h->years) {
		int n = h->fy1 - h->fy0 + 1;
		struct kpi_period *ps = malloc(sizeof *ps * (size_t)n);
		if (!ps)
			return -cf_error_set(err, CF_EIO, "out of memory");
		for (int i = 0; i < n; i++)
			kpi_period_year(h->fy0 + i, &ps[i]);
		int rc = compute(h, ps, n, &h->years, err);
		free(ps);
		if (rc)
			return -rc;
	}
	return cell_value(h->years, fy - h->fy0, indicator, value);
}

static cf_date month_end(cf_date d)
{
	int y, m, dd;
	cf_date_to_ymd(d, &y, &m, &dd);
	return cf_date_from_ymd(y, m, cf_date_days_in_month(y, m));
}

static cf_date next_month_end(cf_date d)
{
	return month_end(month_end(d) + 1);
}

static int monthly(void *ctx, const char *indicator, cf_date day, double *value, struct cf_error *err)
{
	struct kpi_hook *h = ctx;
	struct kpi_period p;
	kpi_period_rolling(day, &p);
	if (p.from < h->cover_from || p.to > h->cover_to)
		return 0;
	if (day != month_end(day)) {
		/* a path that does not run month end to month end: this day alone */
		struct kpi_result *r;
		int rc = compute(h, &p, 1, &r, err);
		if (rc)
			return -rc;
		int got = cell_value(r, 0, indicator, value);
		kpi_result_free(r);
		return got;
	}
	if (!h->months) {
		/* every month end whose 12 months the returns cover */
		h->first_month_end = month_end(cf_date_add_months(h->cover_from, 11));
		int n = 0;
		for (cf_date d = h->first_month_end; d <= h->cover_to; d = next_month_end(d))
			n++;
		struct kpi_period *ps = malloc(sizeof *ps * (size_t)(n ? n : 1));
		if (!ps)
			return -cf_error_set(err, CF_EIO, "out of memory");
		int k = 0;
		for (cf_date d = h->first_month_end; d <= h->cover_to; d = next_month_end(d))
			kpi_period_rolling(d, &ps[k++]);
		int rc = compute(h, ps, n, &h->months, err);
		free(ps);
		if (rc)
			return -rc;
		h->nmonths = n;
	}
	int k = 0;
	for (cf_date d = h->first_month_end; d < day; d = next_month_end(d))
		k++;
	return k < h->nmonths ? cell_value(h->months, k, indicator, value) : 0;
}

/* Fill hook from h->data; frees h when it has no child-level data. */
static int hook_start(struct kpi_hook *h, struct benchmark_local *hook)
{
	if (h->data->first_year <= 0 || h->data->data_end == CF_DATE_NONE) {
		if (h->owned)
			kpi_data_release(&h->own);
		free(h);
		return CF_OK;   /* published tables only: no values of its own */
	}
	struct kpi_period last;
	kpi_default_period(h->data, &last);
	h->fy0 = h->data->first_year - 1;
	h->fy1 = cf_date_fy(last.from);
	h->cover_from = cf_date_fy_start(h->fy0);
	h->cover_to = last.to;
	hook->annual = annual;
	hook->monthly = monthly;
	hook->ctx = h;
	return CF_OK;
}

int benchmark_kpi_open(struct store *st, struct benchmark_local *hook, struct cf_error *err)
{
	memset(hook, 0, sizeof *hook);
	struct kpi_hook *h = calloc(1, sizeof *h);
	if (!h)
		return cf_error_set(err, CF_EIO, "out of memory");
	int rc = kpi_data_load(st, &h->own, err);
	if (rc) {
		free(h);
		return rc;
	}
	h->data = &h->own;
	h->owned = 1;
	return hook_start(h, hook);
}

int benchmark_kpi_attach(const struct kpi_data *data, long suppress, struct benchmark_local *hook,
			 struct cf_error *err)
{
	memset(hook, 0, sizeof *hook);
	struct kpi_hook *h = calloc(1, sizeof *h);
	if (!h)
		return cf_error_set(err, CF_EIO, "out of memory");
	h->data = data;
	h->suppress = suppress;
	return hook_start(h, hook);
}

void benchmark_kpi_close(struct benchmark_local *hook)
{
	struct kpi_hook *h = hook->ctx;
	if (h) {
		kpi_result_free(h->years);
		kpi_result_free(h->months);
		if (h->owned)
			kpi_data_release(&h->own);
		free(h);
	}
	memset(hook, 0, sizeof *hook);
}
