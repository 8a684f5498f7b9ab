/* caseflow quality: the problems recorded at ingest, by return, table,
 * column and reason, with the indicators that read each column. */
#include <stdio.h>

#include "indicators/indicators.h"
#include "cli/command.h"
#include "outputs/render.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	CLI_OPT_DB,
	CLI_OPT_HUB_LA,
	{ .name = "--return", .arg = "ID", .type = CF_OPT_INT, .min = 1, .max = 2147483647,
	  .help = "one return (its id in the store: the first column here)", .def_text = "every return" },
	CLI_OPT_FORMAT,
	CLI_OPT_OUT,
	{ 0 }
};

const struct cli_command cmd_quality = {
	.name = "quality",
	.summary = "the problems found in the loaded data, and the indicators they touch",
	.order = 25,
	.usage = "  caseflow quality [--db PATH|URI [--la CODE]] [--return ID] [--format table|csv|json|xlsx] [--out FILE]",
	.help =
	"Lists what caseflow ingest recorded about the data it loaded (the store's\n"
	"issues table), grouped by return, table, column and reason: how many rows,\n"
	"out of how many of that table in that return, the first three examples (row,\n"
	"as analysts count rows with the header as row 1, or the XML line, and the\n"
	"value as written), the first message, and the indicators that read that\n"
	"column. Reasons: unknown_code, bad_date, bad_number, bad_value, bad_postcode,\n"
	"short_row, missing_value, unknown_label ... are problems: the value is kept as\n"
	"written and the figures that read it may be wrong. label_mapped (DfE's label\n"
	"for a code, read as the code) and nonstandard_value (readable, but not as the\n"
	"specification writes it) are notes. A second table gives the counts by\n"
	"reason. The report's Data quality panel shows the same.\n"
	"\n"
	"Exit status: 0 whether or not problems were found, 1 bad input, 2 usage.\n",
	.options = options,
	.examples =
	"  caseflow quality --db la.db\n"
	"  caseflow quality --db la.db --return 3 --format csv --out problems.csv\n"
	"  caseflow quality --db la.db --format xlsx --out quality.xlsx\n",
	.run = run,
};

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_quality, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cli_db(&a), *out = cf_args_str(&a, "--out");
	long long return_id = cf_args_int(&a, "--return");   /* 0: every return */
	enum render_format fmt;
	render_format_parse(cf_args_str(&a, "--format"), &fmt);   /* one of the table's choices */
	struct cf_error err;
	struct store *st;
	struct quality q = { 0 };
	cf_error_clear(&err);
	int rc = cli_open_store(db, 1, NULL, NULL, &st, &err);
	if (!rc) {
		rc = quality_read(st, return_id, &q, &err);
		store_close(st);
	}
	if (!rc) {
		/* csv and json take one table: the groups, which hold everything the counts are made of */
		struct cf_table *tables[2] = { q.groups, q.by_reason };
		int n = fmt == RENDER_TABLE || fmt == RENDER_XLSX ? 2 : 1;
		rc = render_tables(tables, n, fmt, out, &err);
	}
	quality_release(&q);
	if (rc)
		cf_error_print(&err);
	return rc;
}
