/* The breakdowns by referral source and assessment factor: each referral's
 * source and each assessment's factors, read once and laid beside the CIN
 * timelines, and the group a unit falls in on the day it is counted. */
#include "indicators/kpi.h"
#include "indicators/kpi_int.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "store/demand_records.h"

const char *const kpi_disability_groups[3] = { "disabled", "not disabled", "not recorded" };
const char *const kpi_deprivation_groups[11] = { "1 most deprived", "2", "3", "4", "5", "6", "7", "8", "9",
						 "10 least deprived", "unknown" };

enum { MAX_SOURCES = 200, MAX_FACTORS = 64 };

struct reading {
	struct kpi_data *d;
	struct cf_error *err;
	int oom;
};

/* The index of code in names[0..*n), adding it (in reg's arena) when new;
 * -1 on OOM, -2 when the list is full. */
static int intern_code(struct kpi_data *d, const char ***names, int *n, int cap, const char *code, size_t len)
{
	for (int i = 0; i < *n; i++)
		if (strlen((*names)[i]) == len && memcmp((*names)[i], code, len) == 0)
			return i;
	if (*n == cap)
		return -2;
	const char **grown = realloc(*names, (size_t)(*n + 1) * sizeof *grown);
	if (!grown)
		return -1;
	*names = grown;
	char *copy = arena_alloc(&d->reg.arena, len + 1);
	if (!copy)
		return -1;
	memcpy(copy, code, len);
	copy[len] = 0;
	grown[*n] = copy;
	return (*n)++;
}

/* The index of child's record (registry index) dated `date` in one of the
 * CIN series (records of `size` bytes with the date at `offset`, child c's in
 * [first[c], first[c + 1])), or -1: a child has one record a date. */
static int record_at(const struct cin_data *c, const int *first, const void *records, size_t size, size_t offset,
		     int child, cf_date date)
{
	if (child < 0 || (size_t)child >= c->nchildren)
		return -1;
	for (int k = first[child]; k < first[child + 1]; k++) {
		cf_date d;
		memcpy(&d, (const char *)records + (size_t)k * size + offset, sizeof d);
		if (d == date)
			return k;
	}
	return -1;
}
#define REFERRAL_AT(c, child, on) \
	record_at(c, (c)->referrals_first, (c)->referrals, sizeof *(c)->referrals, offsetof(struct cin_referral, date), child, on)
#define ASSESSMENT_AT(c, child, on)                                                                 \
	record_at(c, (c)->assessments_first, (c)->assessments, sizeof *(c)->assessments,          \
		  offsetof(struct cin_assessment, start), child, on)

static int on_source(void *ctx, const struct referral_source_record *r)
{
	struct reading *x = ctx;
	struct kpi_data *d = x->d;
	int k = REFERRAL_AT(&d->cin, children_find(&d->reg, r->child), r->date);
	if (k < 0 || !r->source || !r->source[0])
		return CF_OK;
	int i = intern_code(d, &d->sources, &d->nsources, MAX_SOURCES, r->source, strlen(r->source));
	if (i == -1)
		return cf_error_set(x->err, CF_EIO, "out of memory reading referral sources");
	if (i == -2)
		return cf_error_set(x->err, CF_EINPUT, "more than %d different referral source codes: are these CIN census codes?",
				    MAX_SOURCES);
	d->referral_source[k] = (short)i;
	return CF_OK;
}

static int on_factors(void *ctx, const struct assessment_factors_record *r)
{
	struct reading *x = ctx;
	struct kpi_data *d = x->d;
	int k = ASSESSMENT_AT(&d->cin, children_find(&d->reg, r->child), r->start);
	if (k < 0 || !r->factors)
		return CF_OK;
	uint64_t mask = 0;
	for (const char *p = r->factors; *p;) {
		while (*p == ' ' || *p == ',' || *p == ';')
			p++;
		size_t n = strcspn(p, " ,;");
		if (!n)
			break;
		int i = intern_code(d, &d->factors, &d->nfactors, MAX_FACTORS, p, n);
		if (i == -1)
			return cf_error_set(x->err, CF_EIO, "out of memory reading assessment factors");
		if (i == -2) {   /* past the 63rd code: counted under the last, "other" */
			i = MAX_FACTORS - 1;
			d->factors[i] = "other";
		}
		mask |= (uint64_t)1 << i;
		p += n;
	}
	d->assessment_factors[k] = mask;
	return CF_OK;
}

/* CIN codes in their natural order: the leading number, then the letter
 * ("2A" before "10"). */
static int cmp_code(const char *a, const char *b)
{
	long x = strtol(a, NULL, 10), y = strtol(b, NULL, 10);
	if (x != y)
		return (x > y) - (x < y);
	return strcmp(a, b);
}

static const char **sort_names;

static int cmp_index(const void *a, const void *b)
{
	return cmp_code(sort_names[*(const int *)a], sort_names[*(const int *)b]);
}

/* Sort names[0..n) in code order; new_of[i] is old index i's place. */
static int sort_codes(const char **names, int n, int *new_of)
{
	int order[MAX_SOURCES];
	const char *copy[MAX_SOURCES];
	for (int i = 0; i < n; i++)
		order[i] = i, copy[i] = names[i];
	sort_names = copy;
	if (n)
		qsort(order, (size_t)n, sizeof *order, cmp_index);
	sort_names = NULL;
	for (int i = 0; i < n; i++) {
		names[i] = copy[order[i]];
		new_of[order[i]] = i;
	}
	return 0;
}

int kpi_data_load_breakdown(struct store *st, struct kpi_data *d, enum kpi_dim by, struct cf_error *err)
{
	if ((by != KPI_BY_SOURCE && by != KPI_BY_FACTOR) || d->demand_loaded)
		return CF_OK;
	const struct cin_data *c = &d->cin;
	d->referral_source = malloc((c->n_referrals ? c->n_referrals : 1) * sizeof *d->referral_source);
	d->assessment_factors = calloc(c->n_assessments ? c->n_assessments : 1, sizeof *d->assessment_factors);
	if (!d->referral_source || !d->assessment_factors)
		return cf_error_set(err, CF_EIO, "out of memory reading referral sources");
	for (size_t i = 0; i < c->n_referrals; i++)
		d->referral_source[i] = -1;
	struct reading x = { d, err, 0 };
	int rc = demand_records_referral_sources(st, on_source, &x, err);
	if (!rc)
		rc = demand_records_assessment_factors(st, on_factors, &x, err);
	if (rc)
		return rc;
	int new_of[MAX_SOURCES];
	sort_codes(d->sources, d->nsources, new_of);
	for (size_t i = 0; i < c->n_referrals; i++)
		if (d->referral_source[i] >= 0)
			d->referral_source[i] = (short)new_of[d->referral_source[i]];
	int other = d->nfactors == MAX_FACTORS;   /* "other" stays last */
	sort_codes(d->factors, d->nfactors - other, new_of);
	if (other)
		new_of[MAX_FACTORS - 1] = MAX_FACTORS - 1;
	for (size_t i = 0; i < c->n_assessments; i++) {
		uint64_t m = d->assessment_factors[i], out = 0;
		for (int b = 0; b < d->nfactors; b++)
			if (m >> b & 1)
				out |= (uint64_t)1 << new_of[b];
		d->assessment_factors[i] = out;
	}
	d->demand_loaded = 1;
	return CF_OK;
}

int kpi_source_on(const struct kpi_data *d, int child, cf_date on)
{
	const struct cin_data *c = &d->cin;
	if (child < 0 || (size_t)child >= c->nchildren || !d->referral_source)
		return -1;
	int hit = -1;
	for (int k = c->referrals_first[child]; k < c->referrals_first[child + 1] && c->referrals[k].date <= on; k++)
		hit = k;
	return hit < 0 ? -1 : d->referral_source[hit];
}

uint64_t kpi_factors_on(const struct kpi_data *d, int child, cf_date on, int *assessed)
{
	const struct cin_data *c = &d->cin;
	*assessed = 0;
	if (child < 0 || (size_t)child >= c->nchildren || !d->assessment_factors)
		return 0;
	int hit = -1;
	for (int k = c->assessments_first[child]; k < c->assessments_first[child + 1] && c->assessments[k].start <= on; k++)
		hit = k;
	*assessed = hit >= 0;
	return hit < 0 ? 0 : d->assessment_factors[hit];
}
