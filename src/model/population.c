/* Loading population estimates and answering "how many children". */
#include "model/population.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/population_records.h"

/* "0-17", "0 to 17", "aged 5 to 9", "16+", "under 1", "all": the ages a band covers. */
static int parse_band(const char *s, int *lo, int *hi)
{
	if (!s || !*s || strcasecmp(s, "all") == 0 || strcasecmp(s, "total") == 0) {
		*lo = 0, *hi = 17;
		return 0;
	}
	for (const char *p = s; *p; p++)
		if (strncasecmp(p, "under", 5) == 0) {
			p += 5;
			while (*p == ' ')
				p++;
			int n = atoi(p);
			if (n <= 0)
				return -1;
			*lo = 0, *hi = n - 1;
			return 0;
		}
	const char *p = s;
	while (*p && !isdigit((unsigned char)*p))
		p++;
	if (!*p)
		return -1;
	char *end;
	long a = strtol(p, &end, 10);
	p = end;
	while (*p == ' ')
		p++;
	if (*p == '+') {
		*lo = (int)a, *hi = 17;
		return a <= 17 ? 0 : -1;
	}
	while (*p && !isdigit((unsigned char)*p))
		p++;
	if (!*p) {
		*lo = *hi = (int)a;
		return 0;
	}
	long b = strtol(p, NULL, 10);
	if (a < 0 || b < a)
		return -1;
	*lo = (int)a, *hi = (int)b;
	return 0;
}

static unsigned char parse_sex(const char *s)
{
	if (!s)
		return 0;
	while (isspace((unsigned char)*s))
		s++;
	switch (toupper((unsigned char)s[0])) {
	case '1':
	case 'M': return 1;
	case '2':
	case 'F': return 2;
	default: return 0;   /* persons, all, total, blank */
	}
}

/* While loading: where the rows go. */
struct loading {
	struct population_data *out;
	size_t cap;
	struct cf_error *err;
};

static int on_row(void *ctx, const struct population_record *x)
{
	struct loading *l = ctx;
	struct population_data *out = l->out;
	struct population_row r = { 0 };
	r.year = x->year;
	if (x->has_age) {
		r.age_lo = r.age_hi = x->age;
		r.single_age = 1;
	} else if (parse_band(x->age_band, &r.age_lo, &r.age_hi) != 0) {
		return CF_OK;   /* a band we cannot read cannot be summed */
	}
	r.sex = parse_sex(x->sex);
	r.count = x->count;
	if (!x->area || r.age_lo < 0)
		return CF_OK;
	if (out->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		struct population_row *n = realloc(out->rows, l->cap * sizeof *n);
		if (!n)
			return cf_error_set(l->err, CF_EIO, "out of memory loading population");
		out->rows = n;
	}
	if (!(r.area = arena_strdup(&out->arena, x->area)))
		return cf_error_set(l->err, CF_EIO, "out of memory loading population");
	if (strcasecmp(x->area, "LA") == 0)
		out->has_la = 1;
	out->rows[out->n++] = r;
	return CF_OK;
}

int population_load(struct store *st, struct population_data *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	arena_init(&out->arena, 16 * 1024);
	struct loading l = { out, 0, err };
	int rc = population_records_each(st, on_row, &l, err);
	if (rc)
		population_release(out);
	return rc;
}

void population_release(struct population_data *p)
{
	free(p->rows);
	arena_release(&p->arena);
	memset(p, 0, sizeof *p);
}

static int area_matches(const struct population_data *p, const struct population_row *r, const char *area)
{
	if (area)
		return strcmp(r->area, area) == 0;
	return p->has_la ? strcasecmp(r->area, "LA") == 0 : 1;
}

/* Sum rows of one area-year that lie inside [lo, hi] of one kind (single
 * ages or bands) and sex; *covered gets a bit per age covered. Returns -1
 * when two rows overlap (bands and subtotals mixed). */
static double sum_rows(const struct population_data *p, const char *area, int year, int lo, int hi, int single,
		       int sex, unsigned *covered)
{
	double sum = 0;
	*covered = 0;
	for (size_t i = 0; i < p->n; i++) {
		const struct population_row *r = &p->rows[i];
		if (r->year != year || r->single_age != single || r->sex != sex || !area_matches(p, r, area) ||
		    r->age_lo < lo || r->age_hi > hi)
			continue;
		unsigned bits = (unsigned)(((1ul << (r->age_hi - r->age_lo + 1)) - 1) << r->age_lo);
		if (*covered & bits && (area || p->has_la))
			return -1;
		*covered |= bits;
		sum += r->count;
	}
	return sum;
}

static double count_year(const struct population_data *p, const char *area, int year, int lo, int hi, int sex)
{
	unsigned want = (unsigned)(((1ul << (hi - lo + 1)) - 1) << lo), got;
	/* single years of age first, then bands; persons rows, else male + female */
	for (int single = 1; single >= 0; single--) {
		double n = sum_rows(p, area, year, lo, hi, single, sex, &got);
		if (n >= 0 && got == want)
			return n;
		if (sex == 0) {
			unsigned gm, gf;
			double m = sum_rows(p, area, year, lo, hi, single, 1, &gm);
			double f = sum_rows(p, area, year, lo, hi, single, 2, &gf);
			if (m >= 0 && f >= 0 && gm == want && gf == want)
				return m + f;
		}
	}
	return -1;
}

double population_count(const struct population_data *p, const char *area, int age_lo, int age_hi, int sex, cf_date on)
{
	if (age_lo < 0 || age_hi > 17 || age_hi < age_lo)
		return -1;
	int y_on, m, d;
	cf_date_to_ymd(on, &y_on, &m, &d);
	int latest_mid = on >= cf_date_from_ymd(y_on, 6, 30) ? y_on : y_on - 1;
	/* candidate years for this area: the latest <= latest_mid, else the earliest */
	int best = 0, earliest = 0;
	for (size_t i = 0; i < p->n; i++) {
		const struct population_row *r = &p->rows[i];
		if (!area_matches(p, r, area))
			continue;
		if (r->year <= latest_mid && r->year > best)
			best = r->year;
		if (!earliest || r->year < earliest)
			earliest = r->year;
	}
	if (!best)
		best = earliest;
	if (!best)
		return -1;
	return count_year(p, area, best, age_lo, age_hi, sex);
}
