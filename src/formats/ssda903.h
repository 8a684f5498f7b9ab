/* The SSDA903 (children looked after) return: its tables, their columns,
 * and how each raw value is normalised. Readers (CSV, XML) map what they
 * find onto these canonical columns and hand rows to a callback. */
#ifndef CF_FORMATS_SSDA903_H
#define CF_FORMATS_SSDA903_H

#include <stddef.h>

#include "base/error.h"

enum ssda903_table {
	S903_HEADER = 0, S903_EPISODES, S903_REVIEWS, S903_UASC, S903_OC2, S903_OC3,
	S903_AD1, S903_PLACED_ADOPTION, S903_PREV_PERM, S903_MISSING, S903_SW_EPISODES,
	S903_NTABLES
};

enum ssda903_coltype {
	S903_ID,        /* child or worker ID: trimmed text */
	S903_DATE,      /* dd/mm/yyyy or ISO -> yyyy-mm-dd */
	S903_PARTDATE,  /* DATE_PERM: may hold zz for an unknown day/month */
	S903_CODE,      /* trimmed, upper-cased; checked against codes when given */
	S903_INT,       /* whole number */
	S903_POSTCODE,  /* reduced to its sector ("LS1 4") before it is stored */
	S903_TEXT,      /* trimmed text (UPN) */
};

#define S903_MAXCOLS 16

struct ssda903_column {
	const char *name;          /* DfE column name, as in the CSV header */
	enum ssda903_coltype type;
	int required;              /* a CSV without it is not this table */
	const char *codes;         /* space-separated valid codes, or NULL */
};

struct ssda903_table_def {
	const char *name;          /* "episodes" — also the store table's suffix */
	int ncols;
	struct ssda903_column cols[S903_MAXCOLS];
};

extern const struct ssda903_table_def ssda903_tables[S903_NTABLES];

/* Index of column `name` (case-insensitive, trimmed) in table t, or -1. */
int ssda903_column_index(enum ssda903_table t, const char *name, size_t len);

/* Recognise a table from a CSV header. On success returns CF_OK, sets *table
 * and colmap[i] = canonical column of header field i (or -1 for a field the
 * table does not have). Otherwise CF_EINPUT with err naming the file, line 1,
 * and the missing column or why the header is not a 903 table. */
int ssda903_recognise(const char *path, char *const *fields, const size_t *lens, int nfields,
		      enum ssda903_table *table, int *colmap, struct cf_error *err);

/* Outcome of normalising one value. */
enum s903_norm { S903_NORM_OK = 0, S903_NORM_EMPTY, S903_NORM_ISSUE, S903_NORM_MAPPED };

/* Normalise raw[0..len) for column col into out (NUL-terminated, at most
 * outsz). OK: out holds the clean value. EMPTY: nothing there (store NULL).
 * ISSUE: out holds what should be stored (the raw value, or NULL-as-"" for
 * postcodes, which are never stored whole) and *why says what is wrong.
 * MAPPED: the value was DfE's label for a code; out holds the code and
 * *why says so (record it: a mapping is never silent). */
enum s903_norm ssda903_normalise(const struct ssda903_column *col, const char *raw, size_t len,
				 char *out, size_t outsz, const char **why);

/* A reader calls this once per data row: vals[c] is the raw value of
 * canonical column c (NULL when the file has no such column), len[c] its
 * length; row is the row number as analysts count it (header = 1); line the
 * physical line in the file. Return CF_OK to continue, anything else stops. */
typedef int (*ssda903_row_fn)(void *ctx, enum ssda903_table t, const char *const *vals,
			      const size_t *lens, long row, long line, struct cf_error *err);

/* Read one DfE-layout CSV table, recognising which table it is.
 * *table is set before the first row is delivered; *rows counts data rows.
 * A file with no header at all (DfE's 1-byte empty tables) sets *table to
 * S903_NTABLES and returns CF_OK with no rows. */
int ssda903_csv_read(const char *path, enum ssda903_table *table, long *rows,
		     ssda903_row_fn fn, void *ctx, struct cf_error *err);

/* Read just enough of a CSV to recognise its table (no rows delivered). */
int ssda903_csv_sniff(const char *path, enum ssda903_table *table, struct cf_error *err);

/* Read a return in the DfE XML layout (root <EXPSSDA903>, one <CHILD> per
 * child holding a <HEADER> and its <EPISODE>s), streaming: memory is bounded
 * by the largest <CHILD>, whatever the file's size. Rows are delivered per
 * table with the canonical columns: CHILD from CHILDID, and DOB and SEX
 * copied from the child's HEADER into the tables that carry them in CSV.
 * row = the record's ordinal in its table + 1 (as if each table were its
 * own CSV with a header row), so the CSV and XML of one return give the same
 * rows; line = the XML line of the record's element. rows[t] counts the
 * rows delivered. Elements caseflow does not store (PL_LA, PL_LOCATION ...)
 * are skipped. A file that is not well-formed, is truncated or has another
 * root returns CF_EINPUT naming the file and line; CF_EIO when it cannot be
 * opened. */
int ssda903_xml_read(const char *path, long rows[S903_NTABLES], ssda903_row_fn fn, void *ctx,
		     struct cf_error *err);

/* The tables as one workbook, a sheet each, recognised by the header row
 * (the first row with a value) as CSV tables are; sheets that are no table
 * (notes, a cover) are passed over. Dates stored as Excel serials are given
 * as yyyy-mm-dd; row and line are the sheet row. rows[t] counts each
 * table's rows. CF_EINPUT for a damaged workbook or one with no 903 sheet. */
int ssda903_xlsx_read(const char *path, long rows[S903_NTABLES], ssda903_row_fn fn, void *ctx,
		      struct cf_error *err);
/* 1 when a workbook has a sheet that is an SSDA903 table. */
int ssda903_xlsx_sniff(const char *path);

#endif
