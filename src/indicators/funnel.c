/* Contacts to care: the front-door funnel by collection year. */
#include "indicators/funnel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/summary.h"
#include "store/front_door.h"
#include "store/returns.h"

/* The measures in the order they are listed, with their names */
static const struct {
	enum front_door_measure m;
	const char *measure;
} measures[] = {
	{ FRONT_DOOR_CONTACTS, "contacts" },
	{ FRONT_DOOR_REFERRALS, "referrals" },
	{ FRONT_DOOR_REFERRALS_NFA, "referrals_nfa" },
	{ FRONT_DOOR_ASSESSMENTS, "assessments" },
	{ FRONT_DOOR_S47, "s47" },
	{ FRONT_DOOR_ICPC, "icpc" },
	{ FRONT_DOOR_CPP_STARTED, "cpp_started" },
};
#define NMEASURES ((int)(sizeof measures / sizeof measures[0]))

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* The collection years of every loaded return, and of the CLA data. */
static int years_of(struct store *st, const struct cla_data *cla, int *years, int *n, struct cf_error *err)
{
	int rc = returns_years(st, RETURN_KINDS_ALL, years, 64, n, err);
	if (rc)
		return rc;
	for (int i = 0; cla && i < cla->nyears; i++) {
		int seen = 0;
		for (int j = 0; j < *n && !seen; j++)
			seen = years[j] == cla->years[i];
		if (!seen && *n < 64)
			years[(*n)++] = cla->years[i];
	}
	qsort(years, (size_t)*n, sizeof *years, cmp_int);
	return CF_OK;
}

static int emit(struct cf_table *t, const char *date, const char *measure, long long n)
{
	long r = cf_table_add_row(t);
	if (r < 0 || cf_table_set_text(t, (size_t)r, 0, date) || cf_table_set_text(t, (size_t)r, 1, measure) ||
	    cf_table_set_text(t, (size_t)r, 2, "all") || cf_table_set_text(t, (size_t)r, 3, "all"))
		return -1;
	cf_table_set_int(t, (size_t)r, 4, n);
	return 0;
}

static long cla_started(const struct cla_data *cla, cf_date from, cf_date to)
{
	long n = 0;
	for (size_t i = 0; cla && i < cla->neps; i++)
		if (cla->eps[i].period_start && cla->eps[i].start >= from && cla->eps[i].start <= to)
			n++;
	return n;
}

int funnel_front_door(struct store *st, const struct cla_data *cla, struct cf_table **out, struct cf_error *err)
{
	*out = NULL;
	int years[64], nyears, rc;
	if ((rc = years_of(st, cla, years, &nyears, err)))
		return rc;
	cf_date from[64], to[64];
	long long counts[64][FRONT_DOOR_N];
	for (int y = 0; y < nyears; y++) {
		from[y] = cf_date_fy_start(years[y] - 1);
		to[y] = cf_date_fy_end(years[y] - 1);
	}
	if ((rc = front_door_counts(st, from, to, nyears, counts, err)))
		return rc;
	struct cf_table *t = summary_table_new("funnel");
	if (!t)
		return cf_error_set(err, CF_EIO, "out of memory");
	for (int y = 0; y < nyears && !rc; y++) {
		char to_s[11];
		cf_date_format(to[y], to_s);
		for (int m = 0; m < NMEASURES && !rc; m++)
			if (emit(t, to_s, measures[m].measure, counts[y][measures[m].m]))
				rc = cf_error_set(err, CF_EIO, "out of memory");
		if (!rc && emit(t, to_s, "cla_started", cla_started(cla, from[y], to[y])))
			rc = cf_error_set(err, CF_EIO, "out of memory");
	}
	if (rc) {
		cf_table_free(t);
		return rc;
	}
	*out = t;
	return CF_OK;
}
