/* ONS's subnational population projections for England as published: one
 * row per area, component, sex and age group, one column per mid-year
 * (AREA_CODE, AREA_NAME, COMPONENT, SEX, AGE_GROUP, 2018, 2019, ...). The
 * reader hands on the children: single years of age 0-17 of the
 * "Population" component, one figure per year. */
#ifndef CF_FORMATS_ONS_PROJECTION_H
#define CF_FORMATS_ONS_PROJECTION_H

#include <stddef.h>

#include "base/error.h"

enum { ONS_PROJECTION_MAX_AGE = 17 };

struct ons_projection_figure {
	long row, line;                  /* the CSV record (the header is row 1) and its line */
	const char *area_code;           /* "E08000025"; valid during the callback */
	char sex;                        /* 'F', 'M', or 0 for persons (both sexes) */
	int age;                         /* 0 .. ONS_PROJECTION_MAX_AGE */
	int year;                        /* the mid-year (30 June) the figure is for */
	double count;
};
typedef int (*ons_projection_fn)(void *ctx, const struct ons_projection_figure *f, struct cf_error *err);
/* A row or value not read: kind "bad_value" or "missing_value", why in words. */
typedef int (*ons_projection_issue_fn)(void *ctx, long row, long line, const char *column, const char *value,
				       const char *kind, const char *why, struct cf_error *err);

/* 1 when a CSV header is the projection's: AREA_CODE, COMPONENT, SEX and
 * AGE_GROUP (any case) and at least one column named by a year. */
int ons_projection_is_header(char *const *fields, const size_t *lens, int n);

/* Read path, calling fn for each child figure. Rows of other components
 * (births, deaths, migration), ages 18 and over and "All ages" are skipped
 * without a word; a row whose sex or age cannot be read, or a figure that
 * is not a number, goes to issue. *rows counts the data rows read. */
int ons_projection_read(const char *path, ons_projection_fn fn, ons_projection_issue_fn issue, void *ctx,
			long *rows, struct cf_error *err);

#endif
