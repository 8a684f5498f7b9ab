/* The validation workbook's sheets per table: every row of each table that
 * has findings, with the failing cells highlighted and the rules that flag
 * each row beside it, for analysts to pass to the teams who correct records. */
#ifndef CF_OUTPUTS_VALIDATE_XLSX_H
#define CF_OUTPUTS_VALIDATE_XLSX_H

#include "validate/validate.h"
#include "base/error.h"

struct validate_xlsx_ctx {
	struct vdata *vd;
	const struct validate_report *rep;
	const char *sheet_prefix; /* before each table's sheet name (NULL: none), when several returns share a workbook */
};

/* A render_tables_xlsx hook: wb is the open lxw_workbook, ctx a
 * struct validate_xlsx_ctx. */
int validate_xlsx_sheets(void *wb, void *ctx, struct cf_error *err);

#endif
