/* caseflow calibrate: how well aggregate forecasts have held for every
 * council, on DfE's published history (forecast/forecast_history.h). */
#include <stdio.h>
#include <stdlib.h>

#include "forecast/forecast.h"
#include "cli/command.h"
#include "outputs/render.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	CLI_OPT_DB,
	CLI_OPT_HUB_LA,
	{ .name = "--measure", .arg = "M", .type = CF_OPT_ENUM, .choices = "cla|cin|referrals", .def = "cla",
	  .help = "children looked after at 31 March, children in need at 31 March, or referrals in the year" },
	{ .name = "--horizon", .arg = "N", .type = CF_OPT_INT, .min = 1, .max = 10,
	  .def_text = "2 for cla, 5 otherwise", .help = "forecast 1 to N years ahead" },
	{ .name = "--table", .arg = "NAME", .type = CF_OPT_ENUM, .choices = "calibration|drift",
	  .def_text = "both", .help = "only this table" },
	CLI_OPT_FORMAT,
	CLI_OPT_OUT,
	{ 0 }
};

const struct cli_command cmd_calibrate = {
	.name = "calibrate",
	.summary = "how well forecasts have held for every council, from DfE's published history",
	.order = 81,
	.usage = "  caseflow calibrate [--db PATH|URI [--la CODE]] [--measure cla|cin|referrals] [--horizon N]\n"
		 "                     [--table calibration|drift] [--format table|csv|json|xlsx] [--out FILE]",
	.help =
	"Backtests aggregate forecasts on every council's published history: from each\n"
	"cut-off year, with what was published by then, it forecasts the council's\n"
	"children looked after at 31 March (2021-2025), children in need at 31 March\n"
	"or referrals in the year (since 2013) one to N years ahead, and compares with\n"
	"what happened. Methods: last (the cut-off year's value), trend (the line\n"
	"through the last three years), stock-flow (entrants at the cut-off year's\n"
	"rate per child, exits at its rate of children at risk: the demand model's\n"
	"method in aggregate) and blend (last moved towards stock-flow by a weight\n"
	"learnt from the errors known at the cut-off). Each forecast gets a 90% band\n"
	"whose shape is learnt from the errors known at its cut-off (every council's\n"
	"forecasts whose outcome year had passed), as drift plus count noise shrinking\n"
	"with the council's size, and its width from their 90th percentile; the\n"
	"table shows how often the band held, beside a band of the count noise alone.\n"
	"The drift table splits each rate's year-to-year change into drift and count\n"
	"noise, by council size (tertiles of the latest figure).\n"
	"Needs DfE's published tables in the store (caseflow ingest takes them).\n"
	"Method and results: docs/forecast.md, \"Calibration on every council's history\".\n",
	.options = options,
	.examples =
	"  caseflow calibrate --db la.db\n"
	"  caseflow calibrate --db la.db --measure referrals --horizon 5 --table calibration --format csv\n",
	.run = run,
};

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_calibrate, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cli_db(&a), *out = cf_args_str(&a, "--out");
	enum history_measure measure = (enum history_measure)cf_args_enum(&a, "--measure");
	long horizon = cf_args_has(&a, "--horizon") ? cf_args_int(&a, "--horizon") : measure == HISTORY_CLA ? 2 : 5;
	int table = cf_args_enum(&a, "--table");   /* -1 both, 0 calibration, 1 drift */
	int first = table < 0 ? 0 : table, ntables = table < 0 ? 2 : 1;
	enum render_format fmt;
	render_format_parse(cf_args_str(&a, "--format"), &fmt);   /* one of the table's choices */

	struct cf_error err;
	struct store *st;
	struct history_series *series = NULL;
	struct cf_table *tables[2] = { NULL, NULL };
	int n = 0;
	cf_error_clear(&err);
	int rc = cli_open_store(db, 1, "DfE's published tables", "ingest FOLDER", &st, &err);
	if (!rc) {
		rc = history_load(st, measure, &series, &n, &err);
		store_close(st);
	}
	if (!rc)
		rc = history_calibrate(series, n, measure, (int)horizon, tables, &err);
	if (!rc)
		rc = render_tables(tables + first, ntables, fmt, out, &err);
	cf_table_free(tables[0]);
	cf_table_free(tables[1]);
	free(series);
	if (rc)
		cf_error_print(&err);
	return rc;
}
