/* Figures across a hub's councils and the region (region/region.h): each
 * council's rows read into a private store (store_open_hub) and counted by
 * the indicators engine, one at a time so memory holds one council; the
 * region from their numerators and denominators (region_sums). */
#include "region/region.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/progress.h"
#include "store/bundled.h"
#include "store/hub.h"
#include "store/published.h"
#include "store/returns.h"

const struct kpi_cell *region_kpi_cell(const struct region_kpi *r, int place, int period, int id)
{
	return &r->cells[((size_t)place * (size_t)r->nperiods + (size_t)period) * K_N + (size_t)id];
}

void region_kpi_free(struct region_kpi *r)
{
	if (!r)
		return;
	free(r->la);
	free(r->periods);
	free(r->cells);
	free(r->neighbours);
	free(r);
}

/* The periods of q->periods, as `caseflow kpi` would read them on the
 * councils pooled: from the years of their returns register. */
static int region_periods(const struct region_kpi_request *q, struct region_kpi *r, struct cf_error *err)
{
	struct store *st;
	int rc = store_open_hub_register(&st, q->uri, "all", err);
	if (rc)
		return rc;
	struct kpi_data years = { .data_end = CF_DATE_NONE };
	rc = returns_year_range(st, RETURN_KINDS_CHILD_LEVEL, &years.first_year, &years.last_year, err);
	store_close(st);
	return rc ? rc : kpi_periods_parse(q->periods, &years, &r->periods, &r->nperiods, err);
}

/* Council `place`'s figures into its cells. */
static int council_kpi(const struct region_kpi_request *q, struct region_kpi *r, int place, struct cf_error *err)
{
	struct store *st;
	struct kpi_data d;
	struct kpi_result *res = NULL;
	int rc = store_open_hub(&st, q->uri, r->la[place], err);
	if (rc)
		return rc;
	rc = kpi_data_load(st, &d, err);
	store_close(st);
	if (rc)
		return rc;
	struct kpi_options opt = { .by = KPI_BY_ALL };
	rc = kpi_compute(&d, r->periods, r->nperiods, &opt, &res, err);
	for (int p = 0; !rc && p < r->nperiods; p++)
		for (int k = 0; k < K_N; k++)
			if (!res->omitted[k])
				*(struct kpi_cell *)region_kpi_cell(r, place, p, k) = *kpi_result_cell(res, p, k, 0);
	kpi_result_free(res);
	kpi_data_release(&d);
	return rc;
}

/* The region's cells: every figure is a numerator over a denominator
 * counted child by child (or a count), and the councils' children are
 * disjoint (their pseudonyms never meet), so the pool's numerator and
 * denominator are the councils' sums, and its value is made from them as
 * kpi_compute makes a council's. A denominator some council lacks leaves
 * the region's value out rather than understate it. */
static void region_sums(struct region_kpi *r)
{
	for (int p = 0; p < r->nperiods; p++)
		for (int k = 0; k < K_N; k++) {
			struct kpi_cell *x = (struct kpi_cell *)region_kpi_cell(r, r->ncouncils, p, k);
			int any = 0, den_missing = 0;
			for (int c = 0; c < r->ncouncils; c++) {
				const struct kpi_cell *o = region_kpi_cell(r, c, p, k);
				if (!o->has_num)
					continue;
				any = 1;
				x->num += o->num;
				if (o->has_den)
					x->den += o->den;
				else
					den_missing = 1;
			}
			if (!any)
				continue;
			x->has_num = 1;
			if (kpi_defs[k].unit == KPI_UNIT_COUNT) {
				x->value = x->num;
				x->has_value = 1;
			} else if (!den_missing) {
				x->has_den = 1;
				if (x->den > 0) {
					enum kpi_unit u = kpi_defs[k].unit;
					x->value = (u == KPI_UNIT_PERCENT ? 100 : u == KPI_UNIT_PER_10K ? 10000 : 1) * x->num / x->den;
					x->has_value = 1;
				}
			}
		}
}

static int council_index(const struct region_kpi *r, const char *code)
{
	for (int i = 0; i < r->ncouncils; i++)
		if (!strcmp(r->la[i], code))
			return i;
	return -1;
}

static int add_neighbour(void *ctx, const char *la_code, const char *neighbour_code, struct cf_error *err)
{
	struct region_kpi *r = ctx;
	int c = council_index(r, la_code), n = council_index(r, neighbour_code), k = 0;
	if (c < 0 || n < 0)
		return CF_OK;
	while (k < 10 && r->neighbours[c][k] >= 0)
		k++;
	if (k < 10)
		r->neighbours[c][k] = n;
	return CF_OK;
}

/* Each council's statistical neighbours within the hub, from DfE's
 * groupings built into caseflow (read into a scratch store). */
static int region_neighbours(struct region_kpi *r, struct cf_error *err)
{
	if (!(r->neighbours = malloc((size_t)(r->ncouncils ? r->ncouncils : 1) * sizeof *r->neighbours)))
		return cf_error_set(err, CF_EIO, "out of memory");
	for (int c = 0; c < r->ncouncils; c++)
		for (int k = 0; k < 11; k++)
			r->neighbours[c][k] = -1;
	struct store *st;
	int rc = store_open(&st, ":memory:", 0, err);
	if (rc)
		return rc;
	long n = 0;
	if (!(rc = store_load_bundled(st, NULL, err)))
		rc = published_neighbours(st, "2025", add_neighbour, r, &n, err);
	store_close(st);
	return rc;
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int small(double x, long suppress);

/* The median value of council c's neighbours in the region for (p, k),
 * leaving out those whose figure suppression hides; *n how many it rests
 * on (0: none, and the median is not set). */
static double neighbours_median(const struct region_kpi *r, int c, int p, int k, long suppress, int *n)
{
	double v[10];
	*n = 0;
	for (int i = 0; i < 10 && r->neighbours[c][i] >= 0; i++) {
		const struct kpi_cell *o = region_kpi_cell(r, r->neighbours[c][i], p, k);
		if (o->has_value && !(o->has_num && small(o->num, suppress)) && !(o->has_den && small(o->den, suppress)))
			v[(*n)++] = o->value;
	}
	if (!*n)
		return 0;
	qsort(v, (size_t)*n, sizeof *v, by_double);
	return *n % 2 ? v[*n / 2] : (v[*n / 2 - 1] + v[*n / 2]) / 2;
}

int region_kpi(const struct region_kpi_request *q, struct region_kpi **out, struct cf_error *err)
{
	*out = NULL;
	struct region_kpi *r = calloc(1, sizeof *r);
	if (!r)
		return cf_error_set(err, CF_EIO, "out of memory");
	struct hub *h;
	int rc = hub_connect(&h, q->uri, err);
	if (!rc) {
		rc = hub_councils(h, &r->la, &r->ncouncils, err);
		hub_close(h);
	}
	if (!rc && r->ncouncils == 0)
		rc = cf_error_set(err, CF_EINPUT, "this role may read no council of the hub (the region's figures need "
						  "the hub's admin role; others read hub.region_figures)");
	if (!rc)
		rc = region_periods(q, r, err);
	if (!rc && !(r->cells = calloc((size_t)(r->ncouncils + 1) * (size_t)r->nperiods * K_N, sizeof *r->cells)))
		rc = cf_error_set(err, CF_EIO, "out of memory");
	struct progress bar;
	progress_start(&bar, "councils", r->ncouncils);
	for (int i = 0; !rc && i < r->ncouncils; i++) {
		rc = council_kpi(q, r, i, err);
		progress_update(&bar, i + 1);
	}
	progress_finish(&bar);
	if (!rc)
		region_sums(r);
	if (!rc)
		rc = region_neighbours(r, err);
	for (int k = 0; !rc && k < K_N; k++) {
		int computed = 0;
		for (int p = 0; p < r->nperiods; p++)
			computed |= region_kpi_cell(r, r->ncouncils, p, k)->has_num;
		r->omitted[k] = !computed || (q->want && !q->want[k]);
	}
	if (rc)
		region_kpi_free(r);
	else
		*out = r;
	return rc;
}

/* 1 + how many councils do better than value v (by polarity; higher for a
 * neutral indicator), and how many have a value. */
static void rank_of(const struct region_kpi *r, int p, int k, double v, int *rank, int *ranked)
{
	*rank = 1;
	*ranked = 0;
	int lower = kpi_defs[k].polarity == KPI_LOWER_BETTER;
	for (int c = 0; c < r->ncouncils; c++) {
		const struct kpi_cell *o = region_kpi_cell(r, c, p, k);
		if (!o->has_value)
			continue;
		(*ranked)++;
		*rank += lower ? o->value < v : o->value > v;
	}
}

static int small(double x, long suppress)
{
	return suppress > 0 && x > 0 && x < suppress;
}

int region_kpi_table(const struct region_kpi *r, long suppress, struct cf_table **out, struct cf_error *err)
{
	static const char *const cols[] = { "indicator", "period", "la", "numerator", "denominator", "value",
					    "unit", "region_value", "rank", "ranked", "sn_median", "sn_in_region",
					    "suppressed" };
	static const enum cf_cell_type types[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_REAL,
						   CF_CELL_REAL, CF_CELL_REAL, CF_CELL_TEXT, CF_CELL_REAL,
						   CF_CELL_INT, CF_CELL_INT, CF_CELL_REAL, CF_CELL_INT, CF_CELL_BOOL };
	struct cf_table *t = cf_table_new_columns("region", cols, types, 13);
	if (!t)
		return cf_error_set(err, CF_EIO, "out of memory");
	for (int k = 0; k < K_N; k++) {
		if (r->omitted[k])
			continue;
		for (int p = 0; p < r->nperiods; p++) {
			const struct kpi_cell *reg = region_kpi_cell(r, r->ncouncils, p, k);
			for (int c = 0; c <= r->ncouncils; c++) {
				const struct kpi_cell *x = region_kpi_cell(r, c, p, k);
				long row = cf_table_add_row(t);
				if (row < 0 || cf_table_set_text(t, (size_t)row, 0, kpi_defs[k].id) ||
				    cf_table_set_text(t, (size_t)row, 1, r->periods[p].label) ||
				    cf_table_set_text(t, (size_t)row, 2, c < r->ncouncils ? r->la[c] : "region") ||
				    cf_table_set_text(t, (size_t)row, 6, kpi_unit_names[kpi_defs[k].unit])) {
					cf_table_free(t);
					return cf_error_set(err, CF_EIO, "out of memory");
				}
				int hide = (x->has_num && small(x->num, suppress)) || (x->has_den && small(x->den, suppress));
				cf_table_set_bool(t, (size_t)row, 12, hide);
				if (!hide) {
					if (x->has_num)
						cf_table_set_real(t, (size_t)row, 3, x->num);
					if (x->has_den)
						cf_table_set_real(t, (size_t)row, 4, x->den);
					if (x->has_value)
						cf_table_set_real(t, (size_t)row, 5, x->value);
				}
				int reg_hide = (reg->has_num && small(reg->num, suppress)) ||
					       (reg->has_den && small(reg->den, suppress));
				if (reg->has_value && !reg_hide)
					cf_table_set_real(t, (size_t)row, 7, reg->value);
				if (c < r->ncouncils && x->has_value && !hide) {
					int rank, ranked;
					rank_of(r, p, k, x->value, &rank, &ranked);
					cf_table_set_int(t, (size_t)row, 8, rank);
					cf_table_set_int(t, (size_t)row, 9, ranked);
				}
				if (c < r->ncouncils) {
					int n;
					double med = neighbours_median(r, c, p, k, suppress, &n);
					if (n)
						cf_table_set_real(t, (size_t)row, 10, med);
					cf_table_set_int(t, (size_t)row, 11, n);
				}
			}
		}
	}
	*out = t;
	return CF_OK;
}

int region_kpi_publish(const char *uri, const struct region_kpi *r, struct cf_error *err)
{
	size_t n = 0, cap = (size_t)(r->ncouncils + 1) * (size_t)r->nperiods * K_N;
	struct hub_figure *f = calloc(cap ? cap : 1, sizeof *f);
	if (!f)
		return cf_error_set(err, CF_EIO, "out of memory");
	for (int c = 0; c <= r->ncouncils; c++)
		for (int p = 0; p < r->nperiods; p++)
			for (int k = 0; k < K_N; k++) {
				const struct kpi_cell *x = region_kpi_cell(r, c, p, k);
				if (r->omitted[k] || (!x->has_num && !x->has_den && !x->has_value))
					continue;
				f[n++] = (struct hub_figure){ c < r->ncouncils ? r->la[c] : "region", kpi_defs[k].id,
							      r->periods[p].label, x->num, x->den, x->value,
							      x->has_num, x->has_den, x->has_value };
			}
	int rc = hub_figures_replace(uri, f, n, err);
	free(f);
	return rc;
}
