/* The child population (ONS mid-year estimates) for the LA and its
 * localities, by single year of age or age band and by sex: the
 * denominators of rates per 10,000 children. */
#ifndef CF_MODEL_POPULATION_H
#define CF_MODEL_POPULATION_H

#include <stddef.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/error.h"
#include "store/store.h"

struct population_row {
	int year;                 /* mid-year of the estimate (30 June) */
	const char *area;         /* arena: "LA" or a locality name */
	int age_lo, age_hi;       /* a single age has lo == hi */
	unsigned char sex;        /* 0 persons, 1 male, 2 female */
	unsigned char single_age; /* 1 when the row is one year of age */
	double count;
};

struct population_data {
	struct population_row *rows;  /* owned; the latest load of each (year, area) */
	size_t n;
	int has_la;                   /* 1 when rows for area 'LA' exist */
	struct arena arena;
};

int population_load(struct store *st, struct population_data *out, struct cf_error *err);
void population_release(struct population_data *p);

/* Children aged age_lo..age_hi in `area` (NULL: the LA; when no 'LA' rows
 * were loaded, the sum of every area) of sex 0 (all), 1 or 2, from the
 * latest mid-year estimate on or before `on` (else the earliest there is).
 * Returns the count, or -1 when the rows loaded cannot give it. */
double population_count(const struct population_data *p, const char *area, int age_lo, int age_hi, int sex, cf_date on);

#endif
