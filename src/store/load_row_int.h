/* Checking and binding one local extract's row, column by column: what the
 * money (load_money.c) and families (load_families.c) extracts share. A
 * value the row cannot be stored without marks it skipped, with an issue
 * naming file, row, column, value and why. */
#ifndef CF_STORE_LOAD_ROW_INT_H
#define CF_STORE_LOAD_ROW_INT_H

#include "base/date.h"
#include "formats/local_csv.h"
#include "store/load_common.h"

struct load_row {
	const struct load_site *at;
	sqlite3_stmt *s;
	const char *const *vals;  /* canonical columns (local_csv.h), NULL when the file has none */
	const size_t *lens;
	int skip;                 /* the row is not stored (its reason is an issue) */
};

/* The length of column c's value; 0 when absent. */
size_t load_row_len(const struct load_row *r, int c);
/* Bind v (column c's normalised value) to parameter idx, recording its issue. */
int load_row_bind(struct load_row *r, int idx, int c, const struct value *v, struct cf_error *err);
/* A column the row cannot be stored without: blank or unreadable skips it;
 * what says why it is needed. */
int load_row_need(struct load_row *r, int c, const struct value *v, const char *what, struct cf_error *err);
/* Trimmed text of column c to idx. */
int load_row_text(struct load_row *r, int idx, int c, int required, struct cf_error *err);
/* A date to idx and *out (CF_DATE_NONE when blank). An unreadable date
 * skips the row even when not required: an unreadable end date would make
 * an open record of a closed one. */
int load_row_date(struct load_row *r, int idx, int c, int required, cf_date *out, struct cf_error *err);
/* Pounds to idx (REAL); signed_ok allows a credit. */
int load_row_money(struct load_row *r, int idx, int c, int required, int signed_ok, struct cf_error *err);
/* A whole number >= 0 to idx; required. */
int load_row_count(struct load_row *r, int idx, int c, struct cf_error *err);
/* One of names[0..n) to idx as spelled there (*index set, -1 when blank or
 * unknown). Unknown: required skips the row, else it is kept as given with
 * an issue naming the allowed list (doc). */
int load_row_code(struct load_row *r, int idx, int c, const char *const *names, int n, int required, const char *doc,
		  int *index, struct cf_error *err);
/* Column c's date d must not fall before the row's from. */
int load_row_not_before(struct load_row *r, int c, cf_date d, cf_date from, struct cf_error *err);

#endif
