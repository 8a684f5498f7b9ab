/* caseflow export: a statutory return written from what the store holds,
 * with the writers synth uses (formats/ssda903_write.h, cin_census_write.h,
 * annexa_write.h),
 * then checked by the validate room's validate_returns on the files written. */
#ifndef CF_OUTPUTS_EXPORT_H
#define CF_OUTPUTS_EXPORT_H

#include "base/error.h"
#include "base/table.h"
#include "store/store.h"
#include "validate/validate.h"

enum export_format { EXPORT_SSDA903 = 0, EXPORT_SSDA903_XML, EXPORT_CIN_CENSUS, EXPORT_ANNEXA };

struct export_request {
	struct store *st;
	int year;                 /* collection year by its end: 2025 for 2024-25 */
	enum export_format as;
	const char *out;          /* SSDA903 CSV: the folder; XML and Annex A: the file (folders made when missing) */
};

struct export_result {
	struct cf_table *written;        /* owned: file, rows (CSV: data rows, not the header; XML: children) */
	long rows;                       /* data rows written, all files (Annex A: all lists) */
	long extra_values;               /* Annex A: values under headers no list has, not written */
	int annexa_from_records;         /* Annex A: 1 when built from the store's records (no Annex A of the year held) */
	struct validate_outcome *checked;   /* owned: validate_returns on the files written; NULL for
					      * Annex A, which has no rules of DfE's */
};

/* Write the return of q->year that the store holds into q->out and validate
 * it. CF_EINPUT when the store holds nothing of that year to export; err
 * names the file on an I/O failure. *out is released with
 * export_result_release, also after a failure. */
int export_returns(const struct export_request *q, struct export_result *out, struct cf_error *err);
void export_result_release(struct export_result *r);

#endif
