/* What every journey loader (CIN census, workforce, local CSVs, Annex A)
 * does with a normalised value: bind it to an INSERT and, when the value
 * was off, record an issue naming file row, column, value and why. */
#ifndef CF_STORE_LOAD_COMMON_H
#define CF_STORE_LOAD_COMMON_H

#include <stddef.h>

#include "formats/value.h"
#include "store/ingest_int.h"

/* Where the values being bound come from. */
struct load_site {
	struct ingest_ctx *ctx;
	struct ingest_entry *entry;
	long long return_id;
	const char *tbl;          /* store table, for issues.tbl */
	long row;                 /* CSV: row as analysts count it; XML: line of the record */
	long line;                /* physical line */
	const char *child;        /* for issues.child; may be NULL */
};

/* Bind v->out (NULL when empty, or when an issue left nothing to keep) to
 * parameter idx of s (SQLITE_TRANSIENT), and record an issue for VALUE_NOTE
 * and VALUE_ISSUE with raw[0..rawlen) as the value. column names the field
 * as the file does. Returns CF_OK or CF_EIO. */
int load_bind(const struct load_site *at, sqlite3_stmt *s, int idx, const struct value *v,
	      const char *column, const char *raw, size_t rawlen, struct cf_error *err);

/* Record an issue at the site. */
int load_issue(const struct load_site *at, const char *column, const char *value, const char *kind,
	       const char *why, struct cf_error *err);

/* Execute s, reset it and clear its bindings; counts the row for fault
 * injection (ingest_row_written). */
int load_step(const struct load_site *at, sqlite3_stmt *s, struct cf_error *err);

/* After a return is loaded: returns.rows = rows and returns.issues counted. */
int load_finish_return(struct ingest_ctx *ctx, long long return_id, long rows, struct cf_error *err);

/* The largest rowid in tbl now (0 when it is empty). SQLite gives a new row
 * max(rowid) + 1, so the rows a return adds after this call are exactly its
 * rows with rowid > *mark: finding them reads only them, not the table. */
int load_rowid_mark(struct ingest_ctx *ctx, const char *tbl, long long *mark, struct cf_error *err);

/* The collection year a return's latest date falls in (the year after the
 * financial year's start: 2024 for 2023-24), sql selecting that one ISO
 * date; *year is left as it was when sql gives none. */
int load_year_of_latest(struct ingest_ctx *ctx, const char *sql, int *year, struct cf_error *err);

/* How the loaders' INSERT ... SELECT into children begins. OR ROLLBACK:
 * a statement touching many children would otherwise keep a statement
 * journal (page images in a temporary file, tens of MB on a big load) only
 * to undo itself alone on a constraint error, when any error rolls the
 * whole return back anyway. Key conflicts are still the ON CONFLICT
 * clause's. */
#define LOAD_CHILDREN_INSERT "INSERT OR ROLLBACK INTO children "

/* How it ends: a child already in the table takes the values this return
 * has (sex, dob, ethnicity) when its collection year is at least that of
 * the values held. */
#define LOAD_CHILDREN_UPSERT                                                                        \
	"ON CONFLICT (child) DO UPDATE SET "                                                         \
	"  sex = coalesce(excluded.sex, sex), dob = coalesce(excluded.dob, dob), "                   \
	"  ethnicity = coalesce(excluded.ethnicity, ethnicity), source_year = excluded.source_year, " \
	"  last_return_id = excluded.last_return_id "                                                \
	"WHERE coalesce(excluded.source_year, 0) >= coalesce(children.source_year, 0)"

/* Make sure every child named in tbl for this return has a row in the
 * children table (the link between sources). mark: load_rowid_mark() of tbl
 * taken before the return's rows were written. */
int load_link_children(struct ingest_ctx *ctx, const char *tbl, long long return_id, long long mark,
		       struct cf_error *err);

#endif
