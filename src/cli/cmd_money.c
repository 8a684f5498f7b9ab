/* caseflow money: placement spend to date and committed to the year end,
 * against budget and ledger, with unit costs and the top providers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/command.h"
#include "outputs/render.h"
#include "placements/placements.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	CLI_OPT_DB,
	CLI_OPT_HUB_LA,
	{ .name = "--year", .arg = "FY", .help = "financial year, 2024-25", .def_text = "the one containing --as-of" },
	{ .name = "--as-of", .arg = "DATE", .help = "spend to date runs to this day (kept within the year)",
	  .def_text = "today" },
	{ .name = "--top", .arg = "N", .type = CF_OPT_INT, .min = 1, .max = 10000, .def = "10",
	  .help = "rows of the top providers and placements" },
	{ .name = "--outturn", .type = CF_OPT_FLAG,
	  .help = "also forecast the outturn (needs SSDA903 episodes covering --as-of)" },
	{ .name = "--inflation", .arg = "PCT", .def = "0",
	  .help = "with --outturn: annual inflation of the forecast's unit costs, percent (-50 to 100)" },
	{ .name = "--shift", .arg = "FILE", .help = "also price a placement-shift scenario" },
	CLI_OPT_FORMAT,
	CLI_OPT_OUT,
	CLI_OPT_TABLE,
	{ 0 }
};

const struct cli_command cmd_money = {
	.name = "money",
	.summary = "placement spend, commitments, budget variance and unit costs for a financial year",
	.order = 75,
	.usage = "  caseflow money [--db PATH|URI [--la CODE]] [--year 2024-25] [--as-of DATE] [--top N] [--outturn [--inflation PCT]]\n"
		 "                 [--shift FILE] [--format table|csv|json|xlsx] [--out FILE] [--table NAME]",
	.help =
	"Prices every placement in the loaded placement_costs extract night by night\n"
	"(weekly cost / 7 a night, from its start to the night before its end; each\n"
	"night in its own financial year, so 2024-02-29 counts), and shows:\n"
	"  money_by_cost_centre   placements, gross spend to date, health and education\n"
	"                         contributions, net to date, net committed to the year\n"
	"                         end (open placements run on), net for the year, the\n"
	"                         budget and variance (net_year - budget), ledger\n"
	"                         postings to date and their difference from net spend\n"
	"  money_unit_costs       weekly mean, median and 90th percentile, children and\n"
	"                         placements, by placement type, provider type, provider\n"
	"  money_top_providers    the providers with the most gross spend to date\n"
	"  money_top_placements   the placements open at --as-of with the highest weekly\n"
	"                         cost, by child ID\n"
	"  money_notes            the period, and one sentence per input not loaded\n"
	"  money_outturn          with --outturn: the outturn on commitments and on the\n"
	"                         forecast (spend to date + the forecast's children in\n"
	"                         care to 31 March at the council's own unit costs), the\n"
	"                         new placements it expects, and both variances to budget\n"
	"  money_outturn_by_cost_centre  with --outturn: the forecast outturn by cost\n"
	"                         centre, the new placements shared by gross committed\n"
	"  money_shift            with --shift FILE: children moved from agency fostering\n"
	"                         or residential to in-house carers, by financial year,\n"
	"                         priced at the council's own unit costs, with the carers\n"
	"                         needed (file format: docs/money.md)\n"
	"Load the extracts with `caseflow ingest` (docs/money.md gives their columns).\n",
	.options = options,
	.examples =
	"  caseflow money --db la.db --year 2024-25 --as-of 2024-10-31\n"
	"  caseflow money --db la.db --year 2024-25 --as-of 2024-10-31 --outturn\n"
	"  caseflow money --db la.db --year 2024-25 --as-of 2024-10-31 --outturn --inflation 3\n"
	"  caseflow money --db la.db --shift examples/placement-shift.txt\n"
	"  caseflow money --db la.db --format xlsx --out money.xlsx\n",
	.run = run,
};

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_money, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cli_db(&a), *out = cf_args_str(&a, "--out"), *year_s = cf_args_str(&a, "--year");
	const char *as_of_s = cf_args_str(&a, "--as-of"), *shift_path = cf_args_str(&a, "--shift");
	int outturn = cf_args_has(&a, "--outturn") > 0;
	enum render_format fmt;
	render_format_parse(cf_args_str(&a, "--format"), &fmt);   /* one of the table's choices */
	struct money_options o = { 0, cf_date_today(), 10, 0 };
	if (as_of_s && cf_date_parse(as_of_s, strlen(as_of_s), &o.as_of) != 0)
		return cli_usage_error(&cmd_money, "--as-of: '%s' is not a date (yyyy-mm-dd or dd/mm/yyyy)", as_of_s);
	o.fy = cf_date_fy(o.as_of);
	if (year_s && cf_date_fy_parse(year_s, strlen(year_s), &o.fy) != 0)
		return cli_usage_error(&cmd_money, "--year: '%s' is not a financial year (2024-25)", year_s);
	if (year_s && !as_of_s && o.as_of > cf_date_fy_end(o.fy))
		o.as_of = cf_date_fy_end(o.fy);   /* a past year: to date is all of it */
	o.top = (int)cf_args_int(&a, "--top");
	const char *infl = cf_args_str(&a, "--inflation");
	char *end;
	o.inflation_pct = strtod(infl, &end);
	if (end == infl || *end || o.inflation_pct < -50 || o.inflation_pct > 100)
		return cli_usage_error(&cmd_money, "--inflation: a percentage, e.g. 3.5");
	if (o.inflation_pct != 0 && !outturn)
		return cli_usage_error(&cmd_money, "--inflation prices the forecast outturn: give --outturn too");
	struct cf_error err;
	struct store *st;
	struct placements_data d;
	struct cf_table *t[MONEY_NTABLES + 3] = { NULL };
	int nt = MONEY_NTABLES;
	struct placement_shift shift;
	cf_error_clear(&err);
	if (shift_path) {
		int src = placement_shift_load(shift_path, &shift, &err);
		if (src) {
			cf_error_print(&err);
			return src;
		}
	}
	int rc = cli_open_store(db, 1, "placement costs", "ingest placement_costs.csv", &st, &err);
	if (!rc) {
		rc = store_placements_read(st, &d, &err);
		if (!rc) {
			rc = money_tables(&d, &o, t, &err);
			if (!rc && outturn) {
				/* the episodes as the forecast reads them (docs/forecast.md) */
				struct cla_data cla;
				rc = cla_load_versions(st, &cla, CLA_KEEP_WITHDRAWN, &err);
				if (!rc) {
					rc = money_outturn(&d, &cla, &o, &t[nt], &err);
					nt += 2;
					cla_release(&cla);
				}
			}
			if (!rc && shift_path)
				rc = money_shift(&d, &shift, &t[nt++], &err);
			placements_data_release(&d);
		}
		store_close(st);
	}
	if (!rc)
		rc = cli_render(&a, t, nt, fmt, out, &err);
	for (int i = 0; i < MONEY_NTABLES + 3; i++)
		cf_table_free(t[i]);
	if (rc)
		cf_error_print(&err);
	return rc;
}
