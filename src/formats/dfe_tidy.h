/* Readers for DfE's published statistics: tables in the tidy layout
 * (time_period, time_identifier, geographic_level, ..., filters, measures),
 * the statistical-neighbour groupings and the ONS district-to-upper-tier
 * lookup. They stream the file (base/csv.h) and hand each figure to a
 * callback; nothing is kept between rows.
 *
 * Suppressed cells (c, x, z, u, k, low: DfE's markers for confidential,
 * not available, not applicable, low reliability, ...) and blank cells are
 * missing values, never zero: the figure comes with missing = 1 and the
 * marker in raw. */
#ifndef CF_FORMATS_DFE_TIDY_H
#define CF_FORMATS_DFE_TIDY_H

#include <stddef.h>

#include "base/error.h"

/* A value that could not be read: the row is kept with the value missing. */
typedef int (*dfe_issue_fn)(void *ctx, long row, long line, const char *column, const char *value,
			    const char *kind, const char *why, struct cf_error *err);

/* --- tidy tables ---------------------------------------------------------- */

/* One cell of a measure column. Strings are valid during the callback only;
 * geography fields are NULL when blank. */
struct dfe_figure {
	long row, line;               /* row as analysts count it (header = 1), physical line */
	int time_period;              /* end year: 2024 for "2024" and for "202324" */
	const char *geographic_level; /* "National", "Regional", "Local authority", ... */
	const char *la_code;          /* old_la_code: DfE's three-digit number */
	const char *ons_code;         /* new_la_code */
	const char *la_name;
	const char *region_code, *region_name;
	const char *measure;          /* the column's name */
	const char *breakdown;        /* the row's filter values joined by '|'; "Total" when none */
	double value;                 /* valid when !missing */
	int missing;                  /* suppressed, blank or unreadable */
	const char *raw;              /* the cell as written; NULL when blank */
};
typedef int (*dfe_figure_fn)(void *ctx, const struct dfe_figure *f, struct cf_error *err);

/* 1 when a header row is a DfE tidy table (has time_period and geographic_level). */
int dfe_tidy_is_header(char *const *fields, const size_t *lens, int n);

/* Read a tidy table: a first pass decides which columns are filters (text)
 * and which are measures (numbers and suppression markers: a column is a
 * measure when most of its non-blank cells are), the second emits one
 * figure per row and measure. Durations written "YY:MM" (adoption
 * timeliness) are given in months. A cell in a measure column that is none
 * of these goes to issue() and is missing. *rows counts data rows read.
 * Returns CF_OK, CF_EINPUT (not a tidy table, structural CSV error) or
 * whatever a callback returned. */
int dfe_tidy_read(const char *path, dfe_figure_fn figure, dfe_issue_fn issue, void *ctx, long *rows,
		  struct cf_error *err);

/* Parse one measure cell. Returns 0 with *value set, 1 for a suppression
 * marker or blank (missing), -1 when it is not a value. */
int dfe_parse_value(const char *s, size_t len, double *value);

/* Normalised table name: the file name without folders, extension and a
 * trailing year range ("b1_children_in_need_2013_to_2025.csv" ->
 * "b1_children_in_need"), so later releases of a table share a name. */
void dfe_table_name(const char *path, char *out, size_t size);

/* --- statistical neighbours ----------------------------------------------- */

struct dfe_neighbour {
	long row, line;
	const char *la_code, *la_name;
	const char *neighbour_code;
	int rank;                      /* 1 = closest */
	const char *closeness;         /* trimmed; NULL when not given */
};
typedef int (*dfe_neighbour_fn)(void *ctx, const struct dfe_neighbour *n, struct cf_error *err);

/* 1 when a header row is a wide grouping: an LA number column and SN1..SN10
 * (or SN_1..SN_10) columns. */
int dfe_sn_is_header(char *const *fields, const size_t *lens, int n);

/* The model year named in the file name (the last 20YY in it), or 0. */
int dfe_sn_model_year(const char *path);

/* Read a grouping: one callback per LA and neighbour. Rows with no LA
 * number (blank rows, section headings such as "Old SNs:") are passed to
 * issue() as kind "not_data" when they hold any text. */
int dfe_sn_read(const char *path, dfe_neighbour_fn fn, dfe_issue_fn issue, void *ctx, long *rows,
		struct cf_error *err);

/* --- ONS district to upper-tier lookup ------------------------------------ */

struct dfe_lookup_row {
	long row, line;
	int year;                      /* vintage from the header: LTLA23CD -> 2023 */
	const char *ltla_code, *ltla_name, *utla_code, *utla_name;
};
typedef int (*dfe_lookup_fn)(void *ctx, const struct dfe_lookup_row *r, struct cf_error *err);

/* 1 when a header has LTLAyyCD and UTLAyyCD columns. */
int dfe_lookup_is_header(char *const *fields, const size_t *lens, int n);
int dfe_lookup_read(const char *path, dfe_lookup_fn fn, dfe_issue_fn issue, void *ctx, long *rows,
		    struct cf_error *err);

#endif
