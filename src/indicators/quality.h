/* Data quality the user sees: the problems recorded at ingest by return,
 * table, column and reason, with the indicators that read each column, and
 * how much of each indicator's input has problems (for the report's
 * warnings). Notes (a DfE label read as its code, a yes written as "Yes")
 * are listed but are not problems. */
#ifndef CF_INDICATORS_QUALITY_H
#define CF_INDICATORS_QUALITY_H

#include "base/error.h"
#include "base/table.h"
#include "indicators/kpi.h"

struct store;

struct quality {
	struct cf_table *groups;     /* "Data quality": return, file, year, table, column, reason, kind,
				      * issues, rows, percent_of_rows, examples, message, indicators */
	struct cf_table *by_reason;  /* "Data quality by reason": reason, kind, issues, returns */
	double share[K_N];           /* per indicator: the largest share (0..1) of rows with problems in a
				      * table it reads, over the groups that feed it; 0 when none */
	long problems, notes;        /* issues in all */
};

/* Read the store's issues (of one return when return_id > 0). The caller
 * owns q (quality_release). CF_EINPUT when return_id names no return. */
int quality_read(struct store *st, long long return_id, struct quality *q, struct cf_error *err);
void quality_release(struct quality *q);

/* The indicators (kpi ids, ", "-separated) that read tbl.column, as
 * issues name them ("episodes", "PLACE"); "" when none. Static. */
const char *quality_indicators_of(const char *tbl, const char *column);

/* 1 when an issue kind is a note (the value was read, with a remark), not a problem. */
int quality_is_note(const char *reason);

#endif
