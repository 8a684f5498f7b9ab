/* A streaming reader of Excel workbooks (.xlsx): sheet names, and each
 * sheet's rows handed to a callback as text cells, without loading the sheet.
 *
 * The sheet XML is parsed with libxml2's xmlTextReader straight from the zip
 * entry (libzip), so memory holds one row at a time plus the shared-string
 * table (capped at XLSX_MAX_SHARED_BYTES) and the style table. Cell values
 * come as Excel wrote them: shared and inline strings (rich-text runs joined,
 * _xHHHH_ escapes decoded, phonetic runs dropped), numbers as the digits in
 * the XML ("42029", "6.1382614647501708"), booleans as "TRUE"/"FALSE", error
 * values as written ("#N/A"), formula cells as their cached result.
 * A number whose cell style has a date format is flagged is_date; convert
 * it with xlsx_serial_to_date(). Only the 1900 date system is handled (a
 * workbook saved with the 1904 system gives serials 1,462 days too small). */
#ifndef CF_FORMATS_XLSX_H
#define CF_FORMATS_XLSX_H

#include "base/date.h"
#include "base/error.h"

/* The shared-string table may hold at most this many bytes of text (plus
 * one offset per string); a larger workbook is refused with CF_EINPUT. */
#define XLSX_MAX_SHARED_BYTES ((size_t)128 << 20)
/* A single row may hold at most this many bytes of text. */
#define XLSX_MAX_ROW_BYTES ((size_t)16 << 20)
/* Excel's own column limit (XFD). */
#define XLSX_MAX_COLUMNS 16384

struct xlsx_book;   /* opaque */

/* Open a workbook and read its sheet list (xl/workbook.xml and its
 * relationships) and styles. CF_EINPUT, with a message naming the file, for
 * a file that is not a zip, a truncated zip or one with no workbook part;
 * CF_EIO when the file cannot be opened or memory runs out. On failure *out
 * is NULL. The caller owns *out: free with xlsx_close(). */
int xlsx_open(struct xlsx_book **out, const char *path, struct cf_error *err);
void xlsx_close(struct xlsx_book *b);   /* NULL is fine */

int xlsx_sheet_count(const struct xlsx_book *b);
/* The i-th sheet's name as the workbook gives it (0-based, workbook order);
 * NULL when i is out of range. Owned by the book. */
const char *xlsx_sheet_name(const struct xlsx_book *b, int i);
/* The index of the sheet named `name`, compared case-insensitively with
 * leading and trailing spaces ignored on both sides; -1 when absent. */
int xlsx_sheet_find(const struct xlsx_book *b, const char *name);

struct xlsx_cell {
	const char *text;   /* "" for an empty cell; valid during the callback only */
	int is_number;      /* a numeric cell: text is the number as written in the XML */
	int is_date;        /* a numeric cell whose style is a date format (text is the serial),
			     * or an ISO 8601 date cell (t="d"; text as written, is_number 0) */
};

/* Called once per row that has at least one non-empty cell, in sheet order.
 * cells[c] is column c (A = 0); gaps are empty cells; ncells stops at the
 * last non-empty cell. Return CF_OK to go on; any other status stops the
 * read and xlsx_sheet_read() returns it (err as the callback set it). */
typedef int (*xlsx_row_fn)(void *ctx, long row /* 1-based sheet row */, const struct xlsx_cell *cells,
			   int ncells, struct cf_error *err);

/* Stream sheet `sheet` (0-based) through fn. Shared strings are loaded on
 * the first call. Returns CF_OK, CF_EINPUT for a missing sheet (index out
 * of range, or a sheet whose part is not in the zip), malformed XML or a
 * damaged zip entry, CF_EIO for memory, or the callback's status. */
int xlsx_sheet_read(struct xlsx_book *b, int sheet, xlsx_row_fn fn, void *ctx, struct cf_error *err);

/* Excel's 1900 date system: serial 1 is 1900-01-01, serial 60 is the
 * 29 February 1900 that Lotus invented (no such day: -1), 61 is 1900-03-01.
 * The fraction (time of day) is dropped. Returns 0 and sets *out, or -1
 * when serial is not a day from 1900-01-01 to 9999-12-31. */
int xlsx_serial_to_date(double serial, cf_date *out);

#endif
