/* Benchmarks against statistical neighbours, region and England: load the
 * mapped published figures into dense [indicator][year][area] arrays, then
 * medians, ranks, quartiles, rates of change and gaps are arithmetic. */
#include "indicators/benchmark.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "store/published.h"
#include "store/bundled.h"

#define ENGLAND_CODE "E92000001"  /* ONS code for England: DfE's national rows */
#define LONDON_CODE "E12000007"   /* Inner (E13000001) and Outer (E13000002) London belong to it */
#define SN_MAX 20
#define MAX_ONS 4

enum { LEVEL_NATIONAL, LEVEL_REGION, LEVEL_LA };

struct bm_area {
	char code[16];                 /* LA number, region code or ENGLAND_CODE */
	char ons[MAX_ONS][16];         /* LA: every ONS code seen, latest first */
	int nons;
	char name[96];
	char region[16];               /* LA: comparison region (E12) */
	int level;
	int seen_year;                 /* the year that set name and region */
	int region_idx;                /* LA: area index of its region, -1 */
	int nnb;
	int nb[SN_MAX];                /* neighbour area indexes */
	int in_model;                  /* LA has a grouping in the model */
};

struct bm_lookup {
	char ltla[16], utla[16];
};

struct benchmark_data {
	struct bm_area *areas;
	int nareas, cap;
	int *slots;                    /* open addressing: area index + 1, 0 = empty */
	int nslots;
	int y0, ny;                    /* years y0 .. y0 + ny - 1 */
	double *values;                /* [indicator][year][area] */
	double *pop;                   /* [year][area]: ONS 0-17 mid-year estimates */
	int *rank, *of;                /* [indicator][year][area]; 0 = no rank */
	unsigned char *has_year;       /* [indicator][year]: any area has a value */
	struct bm_lookup *lookup;
	int nlookup;
	char model[16];
};

/* --- pure helpers --------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Copy the non-NAN values of vals into out, sorted; returns how many. */
static int sorted_values(const double *vals, int n, double *out)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		if (!isnan(vals[i]))
			out[k++] = vals[i];
	qsort(out, (size_t)k, sizeof *out, cmp_double);
	return k;
}

double bm_quantile(const double *vals, int n, double p)
{
	double s[SN_MAX * 2];
	if (n > SN_MAX * 2)
		n = SN_MAX * 2;
	int k = sorted_values(vals, n, s);
	if (k == 0)
		return NAN;
	double pos = p * (k - 1);
	int lo = (int)floor(pos);
	if (lo >= k - 1)
		return s[k - 1];
	return s[lo] + (pos - lo) * (s[lo + 1] - s[lo]);
}

double bm_median(const double *vals, int n) { return bm_quantile(vals, n, 0.5); }

void bm_rank(const double *vals, int n, double v, enum ind_polarity pol, int *rank, int *of, int *quartile)
{
	int better = 0, count = 0;
	for (int i = 0; i < n; i++) {
		if (isnan(vals[i]))
			continue;
		count++;
		if (pol == POL_LOWER_BETTER ? vals[i] < v : vals[i] > v)
			better++;
	}
	*of = count;
	if (isnan(v) || count == 0) {
		*rank = *quartile = 0;
		return;
	}
	*rank = better + 1;
	*quartile = 1 + (4 * (*rank - 1)) / count;
}

double bm_annual_change(double from, double to, int years)
{
	if (isnan(from) || isnan(to) || from <= 0 || to < 0 || years <= 0)
		return NAN;
	return (pow(to / from, 1.0 / years) - 1) * 100;
}

/* --- areas ---------------------------------------------------------------- */

static unsigned hash_str(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static int area_find(const struct benchmark_data *d, const char *code)
{
	if (!d->nslots)
		return -1;
	for (unsigned i = hash_str(code) & (unsigned)(d->nslots - 1);; i = (i + 1) & (unsigned)(d->nslots - 1)) {
		int k = d->slots[i];
		if (!k)
			return -1;
		if (!strcmp(d->areas[k - 1].code, code))
			return k - 1;
	}
}

static int rehash(struct benchmark_data *d, int nslots)
{
	int *s = calloc((size_t)nslots, sizeof *s);
	if (!s)
		return -1;
	free(d->slots);
	d->slots = s;
	d->nslots = nslots;
	for (int a = 0; a < d->nareas; a++) {
		unsigned i = hash_str(d->areas[a].code) & (unsigned)(nslots - 1);
		while (s[i])
			i = (i + 1) & (unsigned)(nslots - 1);
		s[i] = a + 1;
	}
	return 0;
}

/* Index of the area with code, created at level when new; -1 on OOM. */
static int area_get(struct benchmark_data *d, const char *code, int level)
{
	int a = area_find(d, code);
	if (a >= 0)
		return a;
	if (d->nareas == d->cap) {
		int nc = d->cap ? d->cap * 2 : 256;
		struct bm_area *na = realloc(d->areas, sizeof *na * (size_t)nc);
		if (!na)
			return -1;
		d->areas = na;
		d->cap = nc;
	}
	if ((d->nareas + 1) * 2 > d->nslots && rehash(d, d->nslots ? d->nslots * 2 : 512))
		return -1;
	a = d->nareas++;
	struct bm_area *ar = &d->areas[a];
	memset(ar, 0, sizeof *ar);
	snprintf(ar->code, sizeof ar->code, "%s", code);
	ar->level = level;
	ar->region_idx = -1;
	ar->seen_year = -1;
	unsigned i = hash_str(code) & (unsigned)(d->nslots - 1);
	while (d->slots[i])
		i = (i + 1) & (unsigned)(d->nslots - 1);
	d->slots[i] = a + 1;
	return a;
}

/* The area a published row describes; -1 when it is not national,
 * regional or an LA (or has no code), -2 on OOM. */
static int row_area(struct benchmark_data *d, const struct published_figure *f, int year)
{
	const char *level = f->level;
	if (!level)
		return -1;
	if (!strcmp(level, "National")) {
		int a = area_get(d, ENGLAND_CODE, LEVEL_NATIONAL);
		if (a >= 0 && !d->areas[a].name[0])
			snprintf(d->areas[a].name, sizeof d->areas[a].name, "England");
		return a < 0 ? -2 : a;
	}
	if (!strcmp(level, "Regional")) {
		const char *code = f->region_code;
		if (!code)
			return -1;
		int a = area_get(d, code, LEVEL_REGION);
		if (a < 0)
			return -2;
		if (!d->areas[a].name[0] && f->region_name)
			snprintf(d->areas[a].name, sizeof d->areas[a].name, "%s", f->region_name);
		return a;
	}
	if (strcmp(level, "Local authority") != 0)
		return -1;
	const char *la = f->la_code, *ons = f->ons_code;
	if (!la && !ons)
		return -1;
	int a = area_get(d, la ? la : ons, LEVEL_LA);
	if (a < 0)
		return -2;
	struct bm_area *ar = &d->areas[a];
	if (ons) {
		int known = 0;
		for (int i = 0; i < ar->nons && !known; i++)
			known = !strcmp(ar->ons[i], ons);
		if (!known && ar->nons < MAX_ONS) {
			/* keep the latest vintage first */
			if (year >= ar->seen_year) {
				memmove(ar->ons[1], ar->ons[0], sizeof ar->ons[0] * (size_t)ar->nons);
				snprintf(ar->ons[0], sizeof ar->ons[0], "%s", ons);
			} else {
				snprintf(ar->ons[ar->nons], sizeof ar->ons[0], "%s", ons);
			}
			ar->nons++;
		}
	}
	if (year >= ar->seen_year) {
		ar->seen_year = year;
		if (f->la_name)
			snprintf(ar->name, sizeof ar->name, "%s", f->la_name);
		const char *reg = f->region_code;
		if (reg)
			snprintf(ar->region, sizeof ar->region, "%s", !strncmp(reg, "E13", 3) ? LONDON_CODE : reg);
	}
	return a;
}

/* --- loading ------------------------------------------------------------- */

struct rec {
	int term, year, area;
	double v;
};

struct recs {
	struct rec *r;
	size_t n, cap;
};

static int recs_add(struct recs *v, int term, int year, int area, double x)
{
	if (v->n == v->cap) {
		size_t nc = v->cap ? v->cap * 2 : 65536;
		struct rec *nr = realloc(v->r, sizeof *nr * nc);
		if (!nr)
			return -1;
		v->r = nr;
		v->cap = nc;
	}
	v->r[v->n++] = (struct rec){ term, year, area, x };
	return 0;
}

#define TERMS_PER_IND (2 * IND_MAX_TERMS)

static const struct pub_term *term_of(int t)
{
	if (t == indicator_map_count * TERMS_PER_IND)
		return &indicator_population_term;
	const struct indicator_map_entry *e = &indicator_map[t / TERMS_PER_IND];
	int k = t % TERMS_PER_IND;
	return k < IND_MAX_TERMS ? &e->num[k] : &e->den[k - IND_MAX_TERMS];
}

struct terms_walk {
	struct benchmark_data *d;
	struct recs *v;
	int term, *ymin, *ymax;
};

static int add_figure(void *ctx, const struct published_figure *f, struct cf_error *err)
{
	struct terms_walk *w = ctx;
	int year = f->time_period;
	int a = row_area(w->d, f, year);
	if (a == -1)
		return CF_OK;
	if (a == -2 || recs_add(w->v, w->term, year, a, f->value))
		return cf_error_set(err, CF_EIO, "out of memory loading published figures");
	if (year < *w->ymin)
		*w->ymin = year;
	if (year > *w->ymax)
		*w->ymax = year;
	return CF_OK;
}

static int load_terms(struct store *st, struct benchmark_data *d, struct recs *v, int *ymin, int *ymax,
		      struct cf_error *err)
{
	int nterms = indicator_map_count * TERMS_PER_IND + 1, rc = CF_OK;
	*ymin = 1 << 30;
	*ymax = -1;
	struct terms_walk w = { d, v, 0, ymin, ymax };
	for (int t = 0; t < nterms && !rc; t++) {
		const struct pub_term *pt = term_of(t);
		if (!pt->sign)
			continue;
		w.term = t;
		rc = published_figures(st, pt->measure, pt->breakdown, pt->source, add_figure, &w, err);
	}
	return rc;
}

static int add_neighbour(void *ctx, const char *la_code, const char *neighbour_code, struct cf_error *err)
{
	struct benchmark_data *d = ctx;
	int a = area_get(d, la_code, LEVEL_LA);
	int b = area_get(d, neighbour_code, LEVEL_LA);
	if (a < 0 || b < 0)
		return cf_error_set(err, CF_EIO, "out of memory loading neighbours");
	struct bm_area *ar = &d->areas[a];
	ar->in_model = 1;
	if (ar->nnb < SN_MAX)
		ar->nb[ar->nnb++] = b;
	return CF_OK;
}

static int load_neighbours(struct store *st, struct benchmark_data *d, struct cf_error *err)
{
	long rows;
	int rc = published_neighbours(st, d->model, add_neighbour, d, &rows, err);
	if (rc)
		return rc;
	if (rows == 0)
		return cf_error_set(err, CF_EINPUT,
				    "no statistical-neighbour grouping for model %s in the store: ingest "
				    "sn_model_2025_wide.csv (or New_Statistical_Neighbour_Groupings_April_2021.csv for 2021)",
				    d->model);
	return CF_OK;
}

struct lookup_walk {
	struct benchmark_data *d;
	int cap;
};

static int add_lookup(void *ctx, const char *ltla, const char *utla, struct cf_error *err)
{
	struct lookup_walk *w = ctx;
	struct benchmark_data *d = w->d;
	if (d->nlookup == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 512;
		struct bm_lookup *nl = realloc(d->lookup, sizeof *nl * (size_t)w->cap);
		if (!nl)
			return cf_error_set(err, CF_EIO, "out of memory");
		d->lookup = nl;
	}
	struct bm_lookup *l = &d->lookup[d->nlookup++];
	snprintf(l->ltla, sizeof l->ltla, "%s", ltla);
	snprintf(l->utla, sizeof l->utla, "%s", utla);
	return CF_OK;
}

static int load_lookup(struct store *st, struct benchmark_data *d, struct cf_error *err)
{
	struct lookup_walk w = { d, 0 };
	return published_la_lookup(st, add_lookup, &w, err);
}

#define AT(d, i, y, a) ((size_t)(((size_t)(i) * (size_t)(d)->ny + (size_t)(y)) * (size_t)(d)->nareas + (size_t)(a)))

static double pop_at(const struct benchmark_data *d, int year, int a)
{
	int y = year - d->y0;
	return y < 0 || y >= d->ny ? NAN : d->pop[(size_t)y * (size_t)d->nareas + (size_t)a];
}

/* Combine the terms of each indicator into its values. tv: [term][year][area]. */
static void derive_values(struct benchmark_data *d, const double *tv)
{
	size_t plane = (size_t)d->ny * (size_t)d->nareas;
	for (int i = 0; i < indicator_map_count; i++) {
		const struct indicator_map_entry *e = &indicator_map[i];
		for (int y = 0; y < d->ny; y++)
			for (int a = 0; a < d->nareas; a++) {
				size_t cell = (size_t)y * (size_t)d->nareas + (size_t)a;
				double num = 0, den = 0;
				for (int k = 0; k < IND_MAX_TERMS && e->num[k].sign; k++)
					num += e->num[k].sign * tv[(size_t)(i * TERMS_PER_IND + k) * plane + cell];
				for (int k = 0; k < IND_MAX_TERMS && e->den[k].sign; k++)
					den += e->den[k].sign * tv[(size_t)(i * TERMS_PER_IND + IND_MAX_TERMS + k) * plane + cell];
				double v = num;  /* NAN propagates: any missing term makes the value missing */
				if (e->derive == DERIVE_PERCENT)
					v = den > 0 ? 100 * num / den : NAN;
				else if (e->derive == DERIVE_PER_10K) {
					double p = pop_at(d, d->y0 + y - 1, a);
					v = p > 0 ? 10000 * num / p : NAN;
				}
				d->values[AT(d, i, y, a)] = v;
				if (!isnan(v))
					d->has_year[i * d->ny + y] = 1;
			}
	}
}

static void compute_ranks(struct benchmark_data *d)
{
	double *vals = malloc(sizeof *vals * (size_t)d->nareas);
	if (!vals)
		return;
	for (int i = 0; i < indicator_map_count; i++)
		for (int y = 0; y < d->ny; y++) {
			for (int a = 0; a < d->nareas; a++)
				vals[a] = d->areas[a].level == LEVEL_LA ? d->values[AT(d, i, y, a)] : NAN;
			for (int a = 0; a < d->nareas; a++) {
				int rank, of, q;
				if (isnan(vals[a]))
					continue;
				bm_rank(vals, d->nareas, vals[a], indicator_map[i].polarity, &rank, &of, &q);
				d->rank[AT(d, i, y, a)] = rank;
				d->of[AT(d, i, y, a)] = of;
			}
		}
	free(vals);
}

int benchmark_load(struct store *st, const char *sn_model, struct benchmark_data **out, struct cf_error *err)
{
	*out = NULL;
	struct benchmark_data *d = calloc(1, sizeof *d);
	if (!d)
		return cf_error_set(err, CF_EIO, "out of memory");
	snprintf(d->model, sizeof d->model, "%s", sn_model ? sn_model : "");
	struct recs v = { 0 };
	int ymin, ymax;
	/* a store with none of the published tables gets those built into caseflow */
	int rc = store_load_bundled(st, NULL, err);
	if (!rc)
		rc = load_terms(st, d, &v, &ymin, &ymax, err);
	if (!rc && ymax < 0)
		rc = cf_error_set(err, CF_EINPUT,
				  "the store holds none of the published figures benchmarks use: ingest DfE's published "
				  "tables (a folder of their CSVs) with caseflow ingest");
	if (!rc && sn_model)
		rc = load_neighbours(st, d, err);
	if (!rc)
		rc = load_lookup(st, d, err);
	double *tv = NULL;
	if (!rc) {
		d->y0 = ymin;
		d->ny = ymax - ymin + 1;
		size_t plane = (size_t)d->ny * (size_t)d->nareas;
		int nterms = indicator_map_count * TERMS_PER_IND + 1;
		tv = malloc(sizeof *tv * plane * (size_t)nterms);
		d->values = malloc(sizeof *d->values * plane * (size_t)indicator_map_count);
		d->pop = malloc(sizeof *d->pop * plane);
		d->rank = calloc(plane * (size_t)indicator_map_count, sizeof *d->rank);
		d->of = calloc(plane * (size_t)indicator_map_count, sizeof *d->of);
		d->has_year = calloc((size_t)d->ny * (size_t)indicator_map_count, 1);
		if (!tv || !d->values || !d->pop || !d->rank || !d->of || !d->has_year)
			rc = cf_error_set(err, CF_EIO, "out of memory");
		if (!rc) {
			for (size_t k = 0; k < plane * (size_t)nterms; k++)
				tv[k] = NAN;
			/* in load order: a later release of a table overwrites an earlier one */
			for (size_t k = 0; k < v.n; k++)
				tv[(size_t)v.r[k].term * plane + (size_t)(v.r[k].year - d->y0) * (size_t)d->nareas +
				   (size_t)v.r[k].area] = v.r[k].v;
			memcpy(d->pop, tv + (size_t)(nterms - 1) * plane, sizeof *d->pop * plane);
			derive_values(d, tv);
			compute_ranks(d);
			for (int a = 0; a < d->nareas; a++)
				if (d->areas[a].level == LEVEL_LA && d->areas[a].region[0])
					d->areas[a].region_idx = area_find(d, d->areas[a].region);
		}
	}
	free(tv);
	free(v.r);
	if (rc) {
		benchmark_data_free(d);
		return rc;
	}
	*out = d;
	return CF_OK;
}

void benchmark_data_free(struct benchmark_data *d)
{
	if (!d)
		return;
	free(d->areas);
	free(d->slots);
	free(d->values);
	free(d->pop);
	free(d->rank);
	free(d->of);
	free(d->has_year);
	free(d->lookup);
	free(d);
}

/* --- queries ---------------------------------------------------------------- */

int benchmark_find_la(const struct benchmark_data *d, const char *code, char la_code[8], struct cf_error *err)
{
	char c[32];
	size_t n = 0;
	for (const char *p = code; *p && n + 1 < sizeof c; p++)
		if (!isspace((unsigned char)*p))
			c[n++] = (char)toupper((unsigned char)*p);
	c[n] = '\0';
	int a = area_find(d, c);
	if (a >= 0 && d->areas[a].level == LEVEL_LA) {
		snprintf(la_code, 8, "%s", d->areas[a].code);
		return CF_OK;
	}
	for (int pass = 0; pass < 2; pass++) {
		for (int k = 0; k < d->nareas; k++) {
			const struct bm_area *ar = &d->areas[k];
			for (int i = 0; ar->level == LEVEL_LA && i < ar->nons; i++)
				if (!strcmp(ar->ons[i], c)) {
					snprintf(la_code, 8, "%s", ar->code);
					return CF_OK;
				}
		}
		/* a district: its upper tier */
		int found = 0;
		for (int i = 0; i < d->nlookup && !found && pass == 0; i++)
			if (!strcmp(d->lookup[i].ltla, c) && strcmp(d->lookup[i].utla, c) != 0) {
				snprintf(c, sizeof c, "%s", d->lookup[i].utla);
				found = 1;
			}
		if (!found)
			break;
	}
	return cf_error_at(err, CF_EINPUT, NULL, 0, "--la", code,
			   "not an LA in the published tables: give DfE's three-digit LA number (380) or the "
			   "ONS code (E08000032, or a district's code when the LTLA-UTLA lookup is loaded)");
}

static int year_index(const struct benchmark_data *d, int year)
{
	int y = year - d->y0;
	return y >= 0 && y < d->ny ? y : -1;
}

static double value_at(const struct benchmark_data *d, int i, int year, int a)
{
	int y = year_index(d, year);
	return y < 0 || a < 0 ? NAN : d->values[AT(d, i, y, a)];
}

double benchmark_value(const struct benchmark_data *d, int indicator, int year, const char *area)
{
	if (indicator < 0 || indicator >= indicator_map_count)
		return NAN;
	return value_at(d, indicator, year, area_find(d, area));
}

int benchmark_latest_year(const struct benchmark_data *d, int indicator, const char *area)
{
	int a = area_find(d, area);
	for (int y = d->ny - 1; a >= 0 && indicator >= 0 && indicator < indicator_map_count && y >= 0; y--)
		if (!isnan(d->values[AT(d, indicator, y, a)]))
			return d->y0 + y;
	return 0;
}

static double population_of(const struct benchmark_data *d, int a, int year)
{
	for (int y = year - 1; a >= 0 && y >= d->y0; y--) {
		double p = pop_at(d, y, a);
		if (!isnan(p))
			return p;
	}
	return NAN;
}

double benchmark_population(const struct benchmark_data *d, const char *la_code, int year)
{
	return population_of(d, area_find(d, la_code), year);
}

/* The neighbours' values of indicator i in year (NAN where missing). */
static int sn_values(const struct benchmark_data *d, int i, int year, const struct bm_area *la, double *out)
{
	for (int k = 0; k < la->nnb; k++)
		out[k] = value_at(d, i, year, la->nb[k]);
	return la->nnb;
}

/* The neighbour figure: the median for rates, the sum for counts (NAN when
 * a neighbour's count is missing: a partial sum would understate). */
static double sn_aggregate(const struct benchmark_data *d, int i, int year, const struct bm_area *la)
{
	double v[SN_MAX];
	int n = sn_values(d, i, year, la, v);
	if (n == 0)
		return NAN;
	if (indicator_map[i].unit != UNIT_COUNT)
		return bm_median(v, n);
	double sum = 0;
	for (int k = 0; k < n; k++)
		sum += v[k];
	return sum;
}

/* Years of indicator i to show: the latest `years` with any value. */
static int shown_years(const struct benchmark_data *d, int i, int years, int *first)
{
	int count = 0;
	*first = d->ny;
	for (int y = d->ny - 1; y >= 0; y--)
		if (d->has_year[i * d->ny + y] && (years <= 0 || count < years)) {
			*first = y;
			count++;
		}
	return count;
}

static int add_columns(struct cf_table *t, const char *const *names, const enum cf_cell_type *types,
		       const int *decimals, int n)
{
	for (int k = 0; k < n; k++)
		if (cf_table_add_column(t, names[k], types[k], decimals[k]) < 0)
			return -1;
	return 0;
}

static void set_real(struct cf_table *t, size_t r, int c, double v)
{
	if (isnan(v))
		cf_table_set_null(t, r, c);
	else
		cf_table_set_real(t, r, c, v);
}

static int la_list(const struct benchmark_data *d, const struct benchmark_options *opt, int **out, int *n,
		   struct cf_error *err)
{
	*out = malloc(sizeof **out * (size_t)(d->nareas ? d->nareas : 1));
	*n = 0;
	if (!*out)
		return cf_error_set(err, CF_EIO, "out of memory");
	if (!opt->all_las) {
		int a = opt->la_code ? area_find(d, opt->la_code) : -1;
		if (a < 0 || d->areas[a].level != LEVEL_LA) {
			free(*out);
			*out = NULL;
			return cf_error_at(err, CF_EINPUT, NULL, 0, "--la", opt->la_code ? opt->la_code : "",
					   "not an LA in the published tables");
		}
		(*out)[(*n)++] = a;
		return CF_OK;
	}
	for (int a = 0; a < d->nareas; a++)
		if (d->areas[a].level == LEVEL_LA && d->areas[a].in_model)
			(*out)[(*n)++] = a;
	return CF_OK;
}

static int local_annual(const struct benchmark_local *local, const char *id, int year, double *v,
			struct cf_error *err)
{
	if (!local || !local->annual)
		return 0;
	return local->annual(local->ctx, id, year, v, err);
}

int benchmark_rows(const struct benchmark_data *d, const struct benchmark_options *opt, struct benchmark_row **out,
		   size_t *n, struct cf_error *err)
{
	*out = NULL;
	*n = 0;
	int *las, nlas;
	int rc = la_list(d, opt, &las, &nlas, err);
	if (rc)
		return rc;
	size_t cap = 64;
	struct benchmark_row *rows = malloc(cap * sizeof *rows);
	if (!rows) {
		free(las);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	int england = area_find(d, ENGLAND_CODE);
	int nind = opt->indicators ? opt->nindicators : indicator_map_count;
	for (int li = 0; li < nlas && !rc; li++) {
		const struct bm_area *la = &d->areas[las[li]];
		int a = las[li];
		for (int ii = 0; ii < nind && !rc; ii++) {
			int i = opt->indicators ? opt->indicators[ii] : ii;
			int first;
			shown_years(d, i, opt->years, &first);
			for (int y = first; y < d->ny && !rc; y++) {
				if (!d->has_year[i * d->ny + y])
					continue;
				if (*n == cap) {
					struct benchmark_row *grown = realloc(rows, 2 * cap * sizeof *rows);
					if (!grown) {
						rc = cf_error_set(err, CF_EIO, "out of memory");
						break;
					}
					rows = grown;
					cap *= 2;
				}
				int year = d->y0 + y;
				double lv;
				int got = local_annual(opt->local, indicator_map[i].id, year, &lv, err);
				if (got < 0) {
					rc = -got;
					break;
				}
				struct benchmark_row *r = &rows[(*n)++];
				double pub = d->values[AT(d, i, y, a)];
				int rank = d->rank[AT(d, i, y, a)], of = d->of[AT(d, i, y, a)];
				*r = (struct benchmark_row){
					.indicator = i, .year = year, .la_code = la->code, .la_area = a,
					.la_value = got ? lv : NAN, .published_value = pub,
					.sn_median = sn_aggregate(d, i, year, la),
					.region_value = la->region_idx >= 0 ? value_at(d, i, year, la->region_idx) : NAN,
					.england_value = value_at(d, i, year, england),
					.rank = rank, .of = rank ? of : 0, .quartile = rank ? 1 + 4 * (rank - 1) / of : 0,
					.change_3y = bm_annual_change(value_at(d, i, year - 3, a), pub, 3),
					.change_5y = bm_annual_change(value_at(d, i, year - 5, a), pub, 5),
					.sn_change_3y = bm_annual_change(sn_aggregate(d, i, year - 3, la), sn_aggregate(d, i, year, la), 3),
					.england_change_3y = bm_annual_change(value_at(d, i, year - 3, england),
									      value_at(d, i, year, england), 3),
				};
			}
		}
	}
	free(las);
	if (rc) {
		free(rows);
		*n = 0;
		return rc;
	}
	*out = rows;
	return CF_OK;
}

int benchmark_rows_table(const struct benchmark_data *d, const struct benchmark_row *rows, size_t n,
			 struct cf_table **out, struct cf_error *err)
{
	static const char *const names[] = { "indicator", "year", "la_code", "la_value", "published_value",
		"sn_median", "sn_values", "region_value", "england_value", "rank", "of", "quartile", "change_3y",
		"change_5y", "sn_change_3y", "england_change_3y" };
	static const enum cf_cell_type types[] = { CF_CELL_TEXT, CF_CELL_INT, CF_CELL_TEXT, CF_CELL_REAL,
		CF_CELL_REAL, CF_CELL_REAL, CF_CELL_JSON, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_INT, CF_CELL_INT,
		CF_CELL_INT, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL };
	static const int decimals[] = { 0, 0, 0, 1, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 1 };
	enum { C_IND, C_YEAR, C_LA, C_LAV, C_PUB, C_SNM, C_SNV, C_REG, C_ENG, C_RANK, C_OF, C_Q, C_CH3, C_CH5,
	       C_SNCH3, C_ENGCH3, NCOLS };
	*out = NULL;
	int rc = CF_OK;
	struct cf_table *t = cf_table_new("benchmark");
	struct strbuf js;
	strbuf_init(&js, 1 << 16);
	if (!t || add_columns(t, names, types, decimals, NCOLS)) {
		rc = cf_error_set(err, CF_EIO, "out of memory");
		goto done;
	}
	for (size_t k = 0; k < n; k++) {
		const struct benchmark_row *x = &rows[k];
		const struct bm_area *la = &d->areas[x->la_area];
		long r = cf_table_add_row(t);
		if (r < 0 || cf_table_set_text(t, (size_t)r, C_IND, indicator_map[x->indicator].id) ||
		    cf_table_set_text(t, (size_t)r, C_LA, x->la_code)) {
			rc = cf_error_set(err, CF_EIO, "out of memory");
			break;
		}
		size_t row = (size_t)r;
		cf_table_set_int(t, row, C_YEAR, x->year);
		set_real(t, row, C_LAV, x->la_value);
		set_real(t, row, C_PUB, x->published_value);
		set_real(t, row, C_SNM, x->sn_median);
		double nv[SN_MAX];
		int nn = sn_values(d, x->indicator, x->year, la, nv);
		strbuf_reset(&js);
		int bad = strbuf_addc(&js, '{');
		for (int j = 0; j < nn; j++) {
			bad |= strbuf_addf(&js, "%s\"%s\": ", j ? ", " : "", d->areas[la->nb[j]].code);
			bad |= isnan(nv[j]) ? strbuf_adds(&js, "null") : strbuf_addf(&js, "%.10g", nv[j]);
		}
		bad |= strbuf_addc(&js, '}');
		if (bad || cf_table_set_json(t, row, C_SNV, strbuf_str(&js))) {
			rc = cf_error_set(err, CF_EIO, "out of memory");
			break;
		}
		set_real(t, row, C_REG, x->region_value);
		set_real(t, row, C_ENG, x->england_value);
		if (x->rank) {
			cf_table_set_int(t, row, C_RANK, x->rank);
			cf_table_set_int(t, row, C_OF, x->of);
			cf_table_set_int(t, row, C_Q, x->quartile);
		}
		set_real(t, row, C_CH3, x->change_3y);
		set_real(t, row, C_CH5, x->change_5y);
		set_real(t, row, C_SNCH3, x->sn_change_3y);
		set_real(t, row, C_ENGCH3, x->england_change_3y);
	}
done:
	strbuf_release(&js);
	if (rc) {
		cf_table_free(t);
		return rc;
	}
	*out = t;
	return CF_OK;
}

int benchmark_table(const struct benchmark_data *d, const struct benchmark_options *opt, struct cf_table **out,
		    struct cf_error *err)
{
	struct benchmark_row *rows;
	size_t n;
	*out = NULL;
	int rc = benchmark_rows(d, opt, &rows, &n, err);
	if (!rc) {
		rc = benchmark_rows_table(d, rows, n, out, err);
		free(rows);
	}
	return rc;
}

/* --- gaps ------------------------------------------------------------------ */

int benchmark_comparator_parse(const char *s, enum benchmark_comparator *out)
{
	static const char *const names[] = { "sn_median", "england", "sn_upper_quartile" };
	for (int i = 0; i < 3; i++)
		if (!strcmp(s, names[i])) {
			*out = (enum benchmark_comparator)i;
			return 0;
		}
	return -1;
}

const char *benchmark_comparator_name(enum benchmark_comparator c)
{
	return c == CMP_ENGLAND ? "england" : c == CMP_SN_UPPER_QUARTILE ? "sn_upper_quartile" : "sn_median";
}

/* The neighbours' best-quartile boundary: the 25th percentile when lower is
 * better, else the 75th. */
static double upper_quartile(const double *v, int n, enum ind_polarity pol)
{
	return bm_quantile(v, n, pol == POL_LOWER_BETTER ? 0.25 : 0.75);
}

/* The comparator's value in year; for counts, its rate per child (the
 * caller scales it by the LA's population). */
static double comparator_value(const struct benchmark_data *d, int i, int year, const struct bm_area *la,
			       enum benchmark_comparator cmp)
{
	const struct indicator_map_entry *e = &indicator_map[i];
	int england = area_find(d, ENGLAND_CODE);
	double v[SN_MAX];
	int n = sn_values(d, i, year, la, v);
	if (e->unit != UNIT_COUNT) {
		if (cmp == CMP_ENGLAND)
			return value_at(d, i, year, england);
		return cmp == CMP_SN_MEDIAN ? bm_median(v, n) : upper_quartile(v, n, e->polarity);
	}
	if (cmp == CMP_ENGLAND)
		return value_at(d, i, year, england) / population_of(d, england, year);
	if (cmp == CMP_SN_MEDIAN) {
		/* the group's pooled rate: the sum of counts over the sum of populations */
		double sum = 0, pop = 0;
		for (int k = 0; k < n; k++) {
			sum += v[k];
			pop += population_of(d, la->nb[k], year);
		}
		return n ? sum / pop : NAN;
	}
	double rate[SN_MAX];
	for (int k = 0; k < n; k++)
		rate[k] = v[k] / population_of(d, la->nb[k], year);
	return upper_quartile(rate, n, e->polarity);
}

int benchmark_gap(const struct benchmark_data *d, const char *la_code, int indicator, enum benchmark_comparator cmp,
		  int by_year, double population_projection, struct benchmark_gap *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	out->indicator = indicator;
	out->by_year = by_year;
	int a = area_find(d, la_code);
	if (a < 0 || d->areas[a].level != LEVEL_LA)
		return cf_error_at(err, CF_EINPUT, NULL, 0, "--la", la_code, "not an LA in the published tables");
	const struct indicator_map_entry *e = &indicator_map[indicator];
	const struct bm_area *la = &d->areas[a];
	if (!strcmp(e->num[0].measure, indicator_population_term.measure) &&
	    !strcmp(e->num[0].source, indicator_population_term.source))
		return cf_error_at(err, CF_EINPUT, NULL, 0, "--indicator", e->id,
				   "the population is context for rates, not something to close a gap on");
	out->base_year = benchmark_latest_year(d, indicator, la_code);
	if (!out->base_year)
		return cf_error_at(err, CF_EINPUT, NULL, 0, "--indicator", e->id, "no published value for LA %s",
				   la_code);
	if (by_year <= out->base_year)
		return cf_error_at(err, CF_EINPUT, NULL, 0, "--by", NULL,
				   "%d is not after %d, the latest year with a published %s for LA %s", by_year,
				   out->base_year, e->id, la_code);
	out->la_value = value_at(d, indicator, out->base_year, a);
	double p_now = population_of(d, a, out->base_year);
	double p_target = isnan(population_projection) ? p_now : population_projection;
	out->population = p_target;
	double c = comparator_value(d, indicator, out->base_year, la, cmp);
	if (e->unit == UNIT_COUNT)
		c *= p_target;
	if (isnan(c))
		return cf_error_at(err, CF_EINPUT, NULL, 0, "--to", benchmark_comparator_name(cmp),
				   "the comparator has no value for %s in %d (suppressed or not published%s)", e->id,
				   out->base_year, e->unit == UNIT_COUNT ? ", or no population to compare per head" : "");
	out->comparator_value = c;
	out->change = c - out->la_value;
	out->change_per_year = out->change / (by_year - out->base_year);
	out->children = NAN;
	switch (e->unit) {
	case UNIT_COUNT:
		out->children = out->change;
		out->note = isnan(population_projection)
				    ? "count at the comparator's rate per child, population held flat"
				    : "count at the comparator's rate per child on the projected population";
		break;
	case UNIT_PER_10K:
		out->children = c * p_target / 10000 - out->la_value * p_now / 10000;
		out->note = isnan(population_projection) ? "children at the comparator's rate, population held flat"
							: "children at the comparator's rate on the projected population";
		break;
	case UNIT_PERCENT:
		out->note = "percentage points: the number of children depends on the denominator, not published here";
		break;
	case UNIT_PER_FTE:
		out->note = "cases per FTE: not a number of children";
		break;
	}
	if (isnan(p_now) && (e->unit == UNIT_PER_10K || e->unit == UNIT_COUNT))
		out->note = "no ONS population for the LA: children not worked out";
	return CF_OK;
}

int benchmark_gap_table(const struct benchmark_data *d, const struct benchmark_options *opt,
			enum benchmark_comparator cmp, int by_year, double population_projection,
			struct cf_table **out, struct cf_error *err)
{
	static const char *const names[] = { "indicator", "unit", "la_code", "base_year", "la_value", "comparator",
		"comparator_value", "by_year", "change", "change_per_year", "population", "children", "note" };
	static const enum cf_cell_type types[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_INT,
		CF_CELL_REAL, CF_CELL_TEXT, CF_CELL_REAL, CF_CELL_INT, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL,
		CF_CELL_REAL, CF_CELL_TEXT };
	static const int decimals[] = { 0, 0, 0, 0, 1, 0, 1, 0, 1, 2, 0, 0, 0 };
	*out = NULL;
	struct cf_table *t = cf_table_new("gap");
	if (!t || add_columns(t, names, types, decimals, 13)) {
		cf_table_free(t);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	int nind = opt->indicators ? opt->nindicators : indicator_map_count;
	for (int ii = 0; ii < nind; ii++) {
		int i = opt->indicators ? opt->indicators[ii] : ii;
		struct benchmark_gap g;
		struct cf_error gerr;
		cf_error_clear(&gerr);
		int grc = benchmark_gap(d, opt->la_code, i, cmp, by_year, population_projection, &g, &gerr);
		if (grc && (opt->indicators || grc != CF_EINPUT)) {
			/* asked for by name: say why it cannot be worked out */
			*err = gerr;
			cf_table_free(t);
			return grc;
		}
		if (grc)
			continue;  /* all indicators: leave out those with no data for this LA */
		long r = cf_table_add_row(t);
		if (r < 0 || cf_table_set_text(t, (size_t)r, 0, indicator_map[i].id) ||
		    cf_table_set_text(t, (size_t)r, 1, ind_unit_name(indicator_map[i].unit)) ||
		    cf_table_set_text(t, (size_t)r, 2, opt->la_code) ||
		    cf_table_set_text(t, (size_t)r, 5, benchmark_comparator_name(cmp)) ||
		    cf_table_set_text(t, (size_t)r, 12, g.note)) {
			cf_table_free(t);
			return cf_error_set(err, CF_EIO, "out of memory");
		}
		size_t row = (size_t)r;
		cf_table_set_int(t, row, 3, g.base_year);
		set_real(t, row, 4, g.la_value);
		set_real(t, row, 6, g.comparator_value);
		cf_table_set_int(t, row, 7, g.by_year);
		set_real(t, row, 8, g.change);
		set_real(t, row, 9, g.change_per_year);
		set_real(t, row, 10, g.population);
		set_real(t, row, 11, g.children);
	}
	*out = t;
	return CF_OK;
}

/* --- for reports ------------------------------------------------------------ */

struct cmp_row {
	const char *role;
	int area;
	double v;
};

int benchmark_comparison(const struct benchmark_data *d, const char *la_code, int indicator, int years,
			 struct benchmark_area_value **out, int *nout, struct cf_error *err)
{
	*out = NULL;
	*nout = 0;
	int a = area_find(d, la_code);
	if (a < 0 || d->areas[a].level != LEVEL_LA)
		return cf_error_at(err, CF_EINPUT, NULL, 0, "--la", la_code, "not an LA in the published tables");
	if (indicator < 0 || indicator >= indicator_map_count)
		return cf_error_set(err, CF_EINPUT, "no such indicator");
	const struct bm_area *la = &d->areas[a];
	struct benchmark_area_value *v = malloc(((size_t)d->ny * (SN_MAX + 4) + 1) * sizeof *v);
	if (!v)
		return cf_error_set(err, CF_EIO, "out of memory");
	int first;
	shown_years(d, indicator, years, &first);
	int england = area_find(d, ENGLAND_CODE);
	for (int y = first; y < d->ny; y++) {
		if (!d->has_year[indicator * d->ny + y])
			continue;
		int year = d->y0 + y;
		struct cmp_row rows[SN_MAX + 4];
		int n = 0;
		rows[n++] = (struct cmp_row){ "la", a, value_at(d, indicator, year, a) };
		for (int k = 0; k < la->nnb; k++)
			rows[n++] = (struct cmp_row){ "neighbour", la->nb[k], value_at(d, indicator, year, la->nb[k]) };
		rows[n++] = (struct cmp_row){ "sn_median", -1, sn_aggregate(d, indicator, year, la) };
		rows[n++] = (struct cmp_row){ "region", la->region_idx, value_at(d, indicator, year, la->region_idx) };
		rows[n++] = (struct cmp_row){ "england", england, value_at(d, indicator, year, england) };
		for (int k = 0; k < n; k++) {
			const struct bm_area *ar = rows[k].area >= 0 ? &d->areas[rows[k].area] : NULL;
			v[(*nout)++] = (struct benchmark_area_value){ year, rows[k].role, ar ? ar->code : NULL,
								      ar ? ar->name : "statistical neighbours", rows[k].v };
		}
	}
	*out = v;
	return CF_OK;
}

int benchmark_comparison_table(const struct benchmark_data *d, const char *la_code, int indicator, int years,
			       struct cf_table **out, struct cf_error *err)
{
	static const char *const names[] = { "year", "role", "code", "name", "value" };
	static const enum cf_cell_type types[] = { CF_CELL_INT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_REAL };
	static const int decimals[] = { 0, 0, 0, 0, 1 };
	*out = NULL;
	struct benchmark_area_value *v;
	int n;
	int rc = benchmark_comparison(d, la_code, indicator, years, &v, &n, err);
	if (rc)
		return rc;
	struct cf_table *t = cf_table_new(indicator_map[indicator].id);
	if (!t || add_columns(t, names, types, decimals, 5))
		goto oom;
	for (int k = 0; k < n; k++) {
		long r = cf_table_add_row(t);
		if (r < 0 || cf_table_set_text(t, (size_t)r, 1, v[k].role) || cf_table_set_text(t, (size_t)r, 2, v[k].code) ||
		    cf_table_set_text(t, (size_t)r, 3, v[k].name))
			goto oom;
		cf_table_set_int(t, (size_t)r, 0, v[k].year);
		set_real(t, (size_t)r, 4, v[k].value);
	}
	free(v);
	*out = t;
	return CF_OK;
oom:
	free(v);
	cf_table_free(t);
	return cf_error_set(err, CF_EIO, "out of memory");
}

int benchmark_indicator_table(struct cf_table **out, struct cf_error *err)
{
	static const char *const names[] = { "indicator", "label", "unit", "polarity", "notes" };
	static const enum cf_cell_type types[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT };
	static const int decimals[] = { 0, 0, 0, 0, 0 };
	struct cf_table *t = cf_table_new("indicators");
	*out = NULL;
	if (!t || add_columns(t, names, types, decimals, 5)) {
		cf_table_free(t);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	for (int i = 0; i < indicator_map_count; i++) {
		const struct indicator_map_entry *e = &indicator_map[i];
		long r = cf_table_add_row(t);
		if (r < 0 || cf_table_set_text(t, (size_t)r, 0, e->id) || cf_table_set_text(t, (size_t)r, 1, e->label) ||
		    cf_table_set_text(t, (size_t)r, 2, ind_unit_name(e->unit)) ||
		    cf_table_set_text(t, (size_t)r, 3, ind_polarity_name(e->polarity)) ||
		    cf_table_set_text(t, (size_t)r, 4, e->notes)) {
			cf_table_free(t);
			return cf_error_set(err, CF_EIO, "out of memory");
		}
	}
	*out = t;
	return CF_OK;
}
