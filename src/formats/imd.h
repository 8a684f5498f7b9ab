/* The English Indices of Deprivation as MHCLG publishes them (File 1 or
 * File 7 of the IoD 2019 or 2025 release, saved as CSV): each LSOA's Index
 * of Multiple Deprivation decile, 1 the most deprived tenth of England's
 * LSOAs; or a council's own lookup of the areas it records children by, a
 * CSV with the columns area and imd_decile (area an LSOA code, a ward code
 * or a postcode sector). A full postcode in the area column is read as its
 * sector and never handed on. */
#ifndef CF_FORMATS_IMD_H
#define CF_FORMATS_IMD_H

#include "base/error.h"
#include <stddef.h>

struct imd_row {
	long row, line;            /* row as analysts count (header = 1), and the line it starts on */
	const char *area;          /* an LSOA or ward code as given, or a postcode sector "LS1 4" */
	int decile;                /* 1..10 */
};

typedef int (*imd_row_fn)(void *ctx, const struct imd_row *r, struct cf_error *err);
/* A row that cannot be used (no area, a decile that is not 1..10): it is
 * skipped and reported here. */
typedef int (*imd_issue_fn)(void *ctx, long row, long line, const char *column, const char *value, const char *kind,
			    const char *why, struct cf_error *err);

/* 1 when a header is the published file's ("LSOA code (2011)" or "(2021)"
 * and "Index of Multiple Deprivation (IMD) Decile ...") or the short form
 * (area, imd_decile). */
int imd_is_header(char *const *fields, const size_t *lens, int n);

/* Stream the file: fn for each usable row, issue for each skipped one.
 * *rows counts data rows read. CF_EINPUT when the header is neither form or
 * the CSV is broken (err says where); else CF_OK or what a callback returned. */
int imd_read(const char *path, imd_row_fn fn, imd_issue_fn issue, void *ctx, long *rows, struct cf_error *err);

#endif
