/* caseflow report: the Vital Signs page, workbook and indicators CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/indicators.h"
#include "cli/command.h"
#include "outputs/report.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	CLI_OPT_DB,
	{ .name = "--out", .arg = "DIR", .help = "where to write (created when missing; required)" },
	{ .name = "--period", .arg = "P", .help = "2023-24, 2023-24Q1, 2024-03 or r12:2024-03-31",
	  .def_text = "the latest complete financial year" },
	{ .name = "--suppress", .arg = "N", .type = CF_OPT_INT, .min = 0, .max = 1000000,
	  .help = "hide counts below N (shown as c) and what would reveal them; use it for anything that "
		  "leaves the analysts' team" },
	{ .name = "--centroids", .arg = "FILE", .help = "postcode-sector centroids (sector,lat,lon) for distances" },
	{ .name = "--scenario", .arg = "FILE",
	  .help = "a forecast scenario (as caseflow forecast --scenario): the forecast panel compares it with "
		  "the base" },
	{ .name = "--as-of", .arg = "DATE",
	  .help = "the day the programme's milestones and benefits are judged on; a day inside the data",
	  .def_text = "the period's end, or the data's end when that is earlier" },
	{ .name = "--programme", .arg = "NAME", .help = "the programme to show when the store holds several",
	  .def_text = "the one loaded last" },
	{ .name = "--la", .arg = "CODE",
	  .help = "the LA the store's returns belong to: DfE's three-digit number (380) or ONS code "
		  "(E08000032), compared using DfE's published tables (built in; a newer release ingested with "
		  "caseflow ingest takes over); without --la that panel says how" },
	{ .name = "--sn-model", .arg = "M", .type = CF_OPT_ENUM, .choices = "2025|2021", .def = "2025",
	  .help = "neighbour grouping for --la" },
	{ .name = "--locality", .arg = "NAME",
	  .help = "a locality manager's own patch: the panels drawn from the indicators (headlines, funnel, "
		  "placements, trends, ages at entry), for the children whose home area is in that locality" },
	{ 0 }
};

const struct cli_command cmd_report = {
	.name = "report",
	.summary = "the Vital Signs: a self-contained HTML report, workbook and indicators CSV",
	.order = 45,
	.usage = "  caseflow report [--db PATH] --out DIR [--period P] [--suppress N] [--centroids FILE]\n"
	"                       [--scenario FILE] [--programme NAME] [--as-of DATE] [--la CODE] [--sn-model 2025|2021]\n"
	"  caseflow report [--db PATH] --out DIR --locality NAME [--period P] [--suppress N] [--centroids FILE]",
	.help =
	"Writes DIR/index.html (one page, inline CSS and SVG, no scripts or network,\n"
	"prints to A4): headline tiles with the change on the year judged better or\n"
	"worse (and a warning where a figure's input has problems in more than 1% of\n"
	"rows), data quality (what ingest recorded, as caseflow quality), the front-door funnel, 3-5 years of monthly trends, ages at entry to\n"
	"care by year, placement mix, every indicator for each locality side by side,\n"
	"workforce, a 24-month forecast of children in care and cost (with a scenario\n"
	"when given one), the programme loaded with caseflow programme (business case,\n"
	"payback, benefits RAG, milestones, cost-benefit analysis with its sensitivity,\n"
	"workforce against establishment), with --la the headline indicators beside the\n"
	"LA's statistical neighbours, region and England (as caseflow benchmark), each\n"
	"stored trajectory against its actuals with its RAG status (as caseflow\n"
	"trajectory show), and definitions. Every chart has its numbers beside it and a\n"
	"text alternative. Also DIR/vital-signs.xlsx (a sheet per view plus all indicators)\n"
	"and DIR/indicators.csv (the period's indicators, LA and localities).\n"
	"\n"
	"The programme is judged on --as-of, by default the period's end or the\n"
	"data's end when that comes first. A period that starts, or an --as-of that\n"
	"falls, after the last day the loaded returns cover exits 1 and names that day.\n"
	"\n"
	"--locality NAME draws a locality manager's page: the headlines, funnel,\n"
	"placements, trends and ages at entry counting only the children whose home\n"
	"area is in that locality (the store's localities table), rates per 10,000 of\n"
	"its population; the authority's other panels, and the records sheets, are\n"
	"left to its own report. A name not among the store's localities exits 1,\n"
	"listing them.\n",
	.options = options,
	.examples =
	"  caseflow report --db la.db --out vital-signs\n"
	"  caseflow report --db la.db --out committee --period 2023-24Q4 --suppress 6\n"
	"  caseflow report --db la.db --out vital-signs --la 380\n"
	"  caseflow report --db la.db --out vital-signs --la 380 --sn-model 2021\n"
	"  caseflow report --db la.db --out board --period 2023-24 --as-of 2024-01-31\n"
	"  caseflow report --db la.db --out north --locality North --suppress 6\n",
	.run = run,
};

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_report, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cli_db(&a), *out = cf_args_str(&a, "--out"), *period = cf_args_str(&a, "--period");
	const char *centroids_path = cf_args_str(&a, "--centroids"), *la = cf_args_str(&a, "--la");
	if (!out)
		return cli_usage_error(&cmd_report, "--out DIR is required");
	struct report_options opt = { 0 };
	opt.scenario = cf_args_str(&a, "--scenario");
	opt.programme = cf_args_str(&a, "--programme");
	opt.la = la;
	opt.suppress = cf_args_int(&a, "--suppress");
	opt.sn_model = cf_args_str(&a, "--sn-model");
	opt.locality = cf_args_str(&a, "--locality");
	const char *as_of = cf_args_str(&a, "--as-of");
	if (opt.locality && (la || opt.scenario || opt.programme || as_of))
		return cli_usage_error(&cmd_report, "--locality draws the panels from the indicators alone: --la, --scenario, "
				       "--programme and --as-of are for the authority's report");
	if (as_of && (cf_date_parse(as_of, strlen(as_of), &opt.as_of) || !opt.as_of))
		return cli_usage_error(&cmd_report, "--as-of must be a date (yyyy-mm-dd or dd/mm/yyyy), not '%s'", as_of);
	if (period && kpi_period_parse(period, &opt.period) != 0)
		return cli_usage_error(&cmd_report, "--period '%s': use 2023-24, 2023-24Q1, 2024-03 or r12:2024-03-31", period);
	struct cf_error err;
	cf_error_clear(&err);
	struct centroids cent = { 0 };
	int rc = CF_OK;
	if (centroids_path) {
		if ((rc = centroids_read(centroids_path, &cent, &err))) {
			cf_error_print(&err);
			return rc;
		}
		opt.centroids = &cent;
	}
	struct store *st = NULL;
	rc = cli_open_store(db, 0, NULL, NULL, &st, &err);
	if (!rc)
		rc = report_build(st, &opt, out, &err);
	store_close(st);
	centroids_release(&cent);
	if (rc == CF_EUSAGE && la)
		return cli_usage_error(&cmd_report,
				       "--la '%s' is not an LA in DfE's published tables in %s: give its three-digit "
				       "number (380) or ONS code (E08000032), as in the tables' old_la_code and new_la_code "
				       "columns; 'caseflow benchmark --db %s --la all --indicator cla_rate_10k --years 1' "
				       "lists every LA's number",
				       la, db, db);
	if (rc) {
		cf_error_print(&err);
		return rc;
	}
	printf("Vital Signs for %s%s%s written to %s/\n  open %s/index.html\n  workbook %s/vital-signs.xlsx\n"
	       "  indicators %s/indicators.csv\n", opt.locality ? opt.locality : "", opt.locality ? ", " : "",
	       opt.period.label, out, out, out, out);
	return CF_OK;
}
