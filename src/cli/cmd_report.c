/* caseflow report: the Vital Signs page, workbook and indicators CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/indicators.h"
#include "cli/command.h"
#include "outputs/report.h"

static int run(int argc, char **argv);

const struct cli_command cmd_report = {
	.name = "report",
	.summary = "the Vital Signs: a self-contained HTML report, workbook and indicators CSV",
	.order = 45,
	.usage = "  caseflow report [--db PATH] --out DIR [--period P] [--suppress N] [--centroids FILE]\n"
	"                       [--scenario FILE] [--programme NAME] [--la CODE] [--sn-model 2025|2021]",
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
	"Options:\n"
	"  --db PATH         the store (default $CASEFLOW_DB or caseflow.db)\n"
	"  --out DIR         where to write (created when missing)\n"
	"  --period P        2023-24, 2023-24Q1, 2024-03 or r12:2024-03-31\n"
	"                    (default: the latest complete financial year)\n"
	"  --suppress N      hide counts below N (shown as c) and what would reveal them;\n"
	"                    use it for anything that leaves the analysts' team\n"
	"  --centroids FILE  postcode-sector centroids (sector,lat,lon) for distances\n"
	"  --scenario FILE   a forecast scenario (as caseflow forecast --scenario): the\n"
	"                    forecast panel compares it with the base\n"
	"  --programme NAME  the programme to show when the store holds several\n"
	"                    (default: the one loaded last)\n"
	"  --la CODE         the LA the store's returns belong to: DfE's three-digit\n"
	"                    number (380) or ONS code (E08000032), compared using DfE's\n"
	"                    published tables (built in; a newer release ingested\n"
	"                    with caseflow ingest takes over)\n"
	"  --sn-model M      neighbour grouping for --la: 2025 (default) or 2021\n"
	"\n"
	"Examples:\n"
	"  caseflow report --db la.db --out vital-signs\n"
	"  caseflow report --db la.db --out committee --period 2023-24Q4 --suppress 6\n"
	"  caseflow report --db la.db --out vital-signs --la 380\n"
	"  caseflow report --db la.db --out vital-signs --la 380 --sn-model 2021\n",
	.run = run,
};

/* --la as a three-digit number, as caseflow benchmark resolves it. With no
 * published tables in the store la_code is "" and the report's panel says
 * what to load; CF_EUSAGE when the tables are there and the LA is not. */
static int resolve_la(struct store *st, const char *la, char la_code[8], struct cf_error *err)
{
	struct benchmark_data *d = NULL;
	struct cf_error lerr;
	cf_error_clear(&lerr);
	la_code[0] = '\0';
	int rc = benchmark_load(st, NULL, &d, &lerr);
	if (!rc && benchmark_find_la(d, la, la_code, &lerr) != CF_OK)
		rc = CF_EUSAGE;
	else if (rc == CF_EINPUT)
		rc = CF_OK;
	else if (rc)
		*err = lerr;
	benchmark_data_free(d);
	return rc;
}

static int run(int argc, char **argv)
{
	const char *db = cli_default_db(), *out = NULL, *period = NULL, *suppress_s = NULL, *centroids_path = NULL;
	const char *scenario = NULL, *programme = NULL, *la = NULL, *sn_model = "2025";
	for (int i = 1; i < argc; i++) {
		int m;
		if ((m = cli_opt(&cmd_report, argc, argv, &i, "--db", &db)) ||
		    (m = cli_opt(&cmd_report, argc, argv, &i, "--out", &out)) ||
		    (m = cli_opt(&cmd_report, argc, argv, &i, "--period", &period)) ||
		    (m = cli_opt(&cmd_report, argc, argv, &i, "--suppress", &suppress_s)) ||
		    (m = cli_opt(&cmd_report, argc, argv, &i, "--centroids", &centroids_path)) ||
		    (m = cli_opt(&cmd_report, argc, argv, &i, "--scenario", &scenario)) ||
		    (m = cli_opt(&cmd_report, argc, argv, &i, "--programme", &programme)) ||
		    (m = cli_opt(&cmd_report, argc, argv, &i, "--la", &la)) ||
		    (m = cli_opt(&cmd_report, argc, argv, &i, "--sn-model", &sn_model))) {
			if (m < 0)
				return 2;
			continue;
		}
		return cli_usage_error(&cmd_report, "unexpected argument %s", argv[i]);
	}
	if (!out)
		return cli_usage_error(&cmd_report, "--out DIR is required");
	if (strcmp(sn_model, "2025") != 0 && strcmp(sn_model, "2021") != 0)
		return cli_usage_error(&cmd_report, "--sn-model must be 2025 or 2021, not '%s'", sn_model);
	struct report_options opt = { 0 };
	opt.scenario = scenario;
	opt.sn_model = sn_model;
	opt.programme = programme;
	if (suppress_s && cli_int(&cmd_report, "--suppress", suppress_s, 0, 1000000, &opt.suppress))
		return 2;
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
	struct kpi_data data;
	char la_code[8];
	rc = cli_open_store(db, 0, NULL, NULL, &st, &err);
	if (!rc && la) {
		rc = resolve_la(st, la, la_code, &err);
		opt.la = la_code[0] ? la_code : la;
	}
	if (rc == CF_EUSAGE) {
		store_close(st);
		centroids_release(&cent);
		return cli_usage_error(&cmd_report,
				       "--la '%s' is not an LA in DfE's published tables in %s: give its three-digit "
				       "number (380) or ONS code (E08000032), as in the tables' old_la_code and new_la_code "
				       "columns; 'caseflow benchmark --db %s --la all --indicator cla_rate_10k --years 1' "
				       "lists every LA's number",
				       la, db, db);
	}
	if (!rc && !(rc = kpi_data_load(st, &data, &err))) {
		if (!period)
			kpi_default_period(&data, &opt.period);
		rc = report_write(st, &data, &opt, out, &err);
		kpi_data_release(&data);
	}
	store_close(st);
	centroids_release(&cent);
	if (rc) {
		cf_error_print(&err);
		return rc;
	}
	printf("Vital Signs for %s written to %s/\n  open %s/index.html\n  workbook %s/vital-signs.xlsx\n"
	       "  indicators %s/indicators.csv\n", opt.period.label, out, out, out, out);
	return CF_OK;
}
