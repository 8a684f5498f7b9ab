/* caseflow forecast: children in care and their cost, projected by age band
 * and placement, with bands, scenarios and backtesting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast/forecast.h"
#include "cli/command.h"
#include "outputs/render.h"
#include "placements/placements.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	CLI_OPT_DB,
	CLI_OPT_HUB_LA,
	{ .name = "--ref-start", .arg = "D", .help = "the reference window's first day",
	  .def_text = "the last 12 months of data" },
	{ .name = "--ref-end", .arg = "D", .help = "the reference window's last day", .def_text = "the data's end" },
	{ .name = "--start", .arg = "D", .help = "forecast from the children in care on D", .def_text = "the data's end" },
	{ .name = "--months", .arg = "N", .type = CF_OPT_INT, .min = 1, .max = 120, .help = "month-ends to forecast",
	  .def = "24" },
	{ .name = "--method", .arg = "M", .type = CF_OPT_ENUM, .flags = CF_OPT_LIST,
	  .help = "markov (the reference), exact-age (children age on their birthdays) or duration (exact ageing "
		  "and rates by time in care); a comma list with --backtest",
	  .choices = "markov|exact-age|duration", .def = "markov" },
	{ .name = "--entrants", .arg = "E", .type = CF_OPT_ENUM, .help = "how entrants per day are projected; projection: each age band's entrants follow the child population of its ages (ONS's estimates and projection: caseflow's population layout, or ONS's projection CSV as published)",
	  .choices = "constant|trend|seasonal|trend+seasonal|projection", .def = "constant" },
	{ .name = "--population-area", .arg = "CODE",
	  .help = "with --entrants projection: the child population of area CODE, as ONS's projection CSV names "
		  "councils (E08000025)", .def_text = "area LA, as the population layout names the council" },
	{ .name = "--runs", .arg = "N", .type = CF_OPT_INT, .min = 0, .max = 100000,
	  .help = "bootstrap-and-simulate runs for bands; 0 for none", .def = "0" },
	{ .name = "--bands", .arg = "LIST", .help = "percentiles to report with --runs", .def = "5,25,50,75,95" },
	{ .name = "--seed", .arg = "S", .help = "random seed: the same seed gives the same bands", .def = "1" },
	{ .name = "--threads", .arg = "N", .type = CF_OPT_INT, .min = 1, .max = 64, .help = "threads for the runs",
	  .def_text = "one per CPU" },
	{ .name = "--no-bootstrap", .type = CF_OPT_FLAG,
	  .help = "simulate with the point rates (future uncertainty only)" },
	{ .name = "--drift", .arg = "D", .type = CF_OPT_ENUM, .choices = "history|none", .def = "history",
	  .help = "with --runs: history (each run's entry and exit rates drift year to year as much as every "
		  "council's published history shows, for the council's size) or none (the bands before drift: "
		  "bootstrap and simulation only)" },
	{ .name = "--costs", .arg = "FILE", .help = "weekly unit costs CSV: label,place,provider,cost_gbp_week",
	  .def_text = "the council's own, from the placement costs extract's last 12 months where one is loaded "
		      "(docs/money.md); else, and for what it has no placements of, the built-in illustrative set, "
		      "data/forecast/unit_costs.csv; the inputs table says which" },
	{ .name = "--inflation", .arg = "PCT", .help = "annual cost inflation in percent (-50 to 100)", .def = "0" },
	{ .name = "--inflation-from", .arg = "D", .help = "costs are at D's prices, rising each anniversary",
	  .def_text = "--start" },
	{ .name = "--scenario", .arg = "FILE", .help = "adjustments to rates (docs/forecast.md \"Scenarios\")" },
	{ .name = "--place-map", .arg = "FILE", .help = "CSV place,category overriding the PLACE code mapping" },
	{ .name = "--merge", .arg = "RULE", .type = CF_OPT_ENUM,
	  .help = "which episodes join into one placement: rne (the reference: RNE L, T or U and no gap) or place "
		  "(same PLACE and provider and no gap)",
	  .choices = "rne|place", .def = "rne" },
	{ .name = "--keep-withdrawn", .type = CF_OPT_FLAG,
	  .help = "keep episodes a later return no longer holds, as the reference model does (default: left "
		  "out, as in every other count)" },
	{ .name = "--table", .arg = "NAME", .type = CF_OPT_ENUM,
	  .help = "only this table (backtest and coverage are --backtest's)",
	  .choices = "forecast|costs|scenario|rates|inputs|backtest|coverage|all" },
	{ .name = "--backtest", .type = CF_OPT_FLAG,
	  .help = "rewind to --cutoff, forecast --months ahead with each --method (a comma list) and score "
		  "against what happened" },
	{ .name = "--cutoff", .arg = "D",
	  .help = "the day to rewind to (with --backtest); a comma list of up to 24 scores each and pools them, "
		  "and the intervals on coverage and error rest on how many there are" },
	CLI_OPT_FORMAT,
	CLI_OPT_OUT,
	{ 0 }
};

const struct cli_command cmd_forecast = {
	.name = "forecast",
	.summary = "project children in care and placement costs, with bands, scenarios and backtests",
	.order = 60,
	.usage =
	"  caseflow forecast [--db PATH|URI [--la CODE]] [--ref-start D --ref-end D] [--start D] [--months N]\n"
	"                    [--method markov|exact-age|duration] [--entrants constant|trend|seasonal|trend+seasonal|projection]\n"
	"                    [--population-area CODE]\n"
	"                    [--bands 5,25,50,75,95] [--runs N] [--seed S] [--threads N] [--no-bootstrap]\n"
	"                    [--drift history|none]\n"
	"                    [--costs FILE] [--inflation PCT] [--inflation-from D] [--scenario FILE]\n"
	"                    [--place-map FILE] [--merge place|rne] [--keep-withdrawn] [--table NAME]\n"
	"                    [--format table|csv|json|xlsx] [--out FILE]\n"
	"  caseflow forecast --backtest --cutoff D[,D...] [--months N] [--method M[,M...]] [--runs N] ...",
	.help =
	"Projects children looked after, day by day, by age band (0-1, 1-5, 5-10,\n"
	"10-16, 16-18) and placement category (fostering, residential, supported,\n"
	"other), and what their placements cost. The default method reproduces the\n"
	"public stock-and-flow model councils use (Social Finance's demand model):\n"
	"daily move, ageing and exit rates and entrants per day are estimated over a\n"
	"reference window, and next = M . now + entrants. docs/forecast.md gives the\n"
	"rules, the other methods and why, and the scenario file format.\n"
	"\n"
	"Tables: forecast (each state and month-end: mean, bands, cost_gbp; \"all\"\n"
	"marks totals), costs (by month, financial quarter and year, cumulative),\n"
	"scenario (base, scenario, difference; with --scenario), rates, inputs.\n"
	"JSON and CSV print the forecast table (with --backtest, the backtest) unless\n"
	"--table says otherwise; CSV into a folder (--out DIR/) writes a file per table.\n",
	.options = options,
	.examples =
	"  caseflow forecast --db la.db\n"
	"  caseflow forecast --db la.db --runs 1000 --seed 7 --format json --out forecast.json\n"
	"  caseflow forecast --db la.db --scenario edge-of-care.txt --table scenario\n"
	"  caseflow forecast --db la.db --entrants projection --population-area E08000025\n"
	"  caseflow forecast --db la.db --backtest --cutoff 2023-03-31 --months 12 \\\n"
	"      --method markov,exact-age,duration --runs 200\n",
	.run = run,
};

static int parse_date(const char *opt, const char *v, cf_date *out)
{
	if (cf_date_parse(v, strlen(v), out) != 0)
		return cli_usage_error(&cmd_forecast, "%s: '%s' is not a date (yyyy-mm-dd or dd/mm/yyyy)", opt, v);
	return 0;
}

static int parse_bands(const char *v, struct fc_options *o)
{
	if (forecast_bands_parse(v, o))
		return cli_usage_error(&cmd_forecast, "--bands: '%s' must be a comma list of ascending percentiles 0-100, at most %d",
				       v, FC_MAX_BANDS);
	return 0;
}

static int parse_cutoffs(const char *v, cf_date *out, int *n)
{
	*n = 0;
	char buf[512];
	snprintf(buf, sizeof buf, "%s", v);
	for (char *tok = buf, *next; tok; tok = next) {
		next = strchr(tok, ',');
		if (next)
			*next++ = 0;
		if (*n == FC_MAX_CUTOFFS)
			return cli_usage_error(&cmd_forecast, "--cutoff: at most %d dates", FC_MAX_CUTOFFS);
		if (parse_date("--cutoff", tok, &out[*n]))
			return -1;
		for (int i = 0; i < *n; i++)
			if (out[i] == out[*n])
				return cli_usage_error(&cmd_forecast, "--cutoff: %s is given twice", tok);
		(*n)++;
	}
	return 0;
}

/* each item is one of --method's choices (checked when parsed) */
static int parse_methods(const char *v, enum fc_method *m, int *n)
{
	*n = 0;
	char buf[128];
	snprintf(buf, sizeof buf, "%s", v);
	for (char *tok = buf, *next; tok; tok = next) {
		next = strchr(tok, ',');
		if (next)
			*next++ = 0;
		int k = fc_method_parse(tok);
		if (k < 0 || *n == FC_NMETHODS)
			return cli_usage_error(&cmd_forecast, "--method: at most %d methods", FC_NMETHODS);
		m[(*n)++] = (enum fc_method)k;
	}
	return 0;
}

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_forecast, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cli_db(&a), *out = cf_args_str(&a, "--out"), *v;
	const char *costs_path = cf_args_str(&a, "--costs"), *scenario_path = cf_args_str(&a, "--scenario");
	const char *map_path = cf_args_str(&a, "--place-map"), *table = cf_args_str(&a, "--table");
	struct fc_options o;
	fc_options_init(&o);
	enum fc_method methods[FC_NMETHODS] = { FC_METHOD_MARKOV };
	int nmethods = 1, backtest = cf_args_has(&a, "--backtest"), keep_withdrawn = cf_args_has(&a, "--keep-withdrawn");
	cf_date cutoffs[FC_MAX_CUTOFFS], infl_from = CF_DATE_NONE;
	int ncutoffs = 0;
	double inflation = 0;
	if (cf_args_has(&a, "--no-bootstrap"))
		o.bootstrap = 0;
	o.drift = (enum fc_drift)cf_args_enum(&a, "--drift");
	if (((v = cf_args_str(&a, "--ref-start")) && parse_date("--ref-start", v, &o.ref_start)) ||
	    ((v = cf_args_str(&a, "--ref-end")) && parse_date("--ref-end", v, &o.ref_end)) ||
	    ((v = cf_args_str(&a, "--start")) && parse_date("--start", v, &o.start)) ||
	    ((v = cf_args_str(&a, "--cutoff")) && parse_cutoffs(v, cutoffs, &ncutoffs)) ||
	    ((v = cf_args_str(&a, "--inflation-from")) && parse_date("--inflation-from", v, &infl_from)) ||
	    parse_bands(cf_args_str(&a, "--bands"), &o) || parse_methods(cf_args_str(&a, "--method"), methods, &nmethods))
		return CF_EUSAGE;
	o.months = (int)cf_args_int(&a, "--months");
	o.runs = (int)cf_args_int(&a, "--runs");
	if (cf_args_has(&a, "--threads"))
		o.threads = (int)cf_args_int(&a, "--threads");
	v = cf_args_str(&a, "--seed");
	char *end;
	unsigned long long seed = strtoull(v, &end, 10);
	if (end == v || *end)
		return cli_usage_error(&cmd_forecast, "--seed: '%s' is not a whole number", v);
	o.seed = seed;
	o.entrants = (enum fc_entrants)fc_entrants_parse(cf_args_str(&a, "--entrants"));
	o.merge = cf_args_enum(&a, "--merge") == 1 ? FC_MERGE_PLACE : FC_MERGE_RNE;
	v = cf_args_str(&a, "--inflation");
	inflation = strtod(v, &end);
	if (end == v || *end || inflation < -50 || inflation > 100)
		return cli_usage_error(&cmd_forecast, "--inflation: a percentage, e.g. 3.5");
	enum render_format fmt;
	render_format_parse(cf_args_str(&a, "--format"), &fmt);   /* one of the table's choices */
	if (backtest && ncutoffs == 0)
		return cli_usage_error(&cmd_forecast, "--backtest needs --cutoff DATE");
	if (!backtest && ncutoffs > 0)
		return cli_usage_error(&cmd_forecast, "--cutoff goes with --backtest");
	const char *population_area = cf_args_str(&a, "--population-area");
	if (population_area && o.entrants != FC_ENTRANTS_PROJECTION)
		return cli_usage_error(&cmd_forecast, "--population-area goes with --entrants projection");
	if (!backtest && nmethods > 1)
		return cli_usage_error(&cmd_forecast, "several methods go with --backtest only");
	o.method = methods[0];
	struct cf_error err;
	cf_error_clear(&err);
	struct forecast_options fo;
	forecast_options_init(&fo);
	struct progress prog;
	o.progress = &prog;
	fo.model = o;
	fo.costs_path = costs_path;
	fo.own_costs = placements_store_costs;
	fo.inflation_pct = inflation;
	fo.inflation_from = infl_from;
	fo.scenario_path = scenario_path;
	fo.place_map_path = map_path;
	fo.population_area = population_area;
	fo.backtest = backtest;
	fo.cutoff = ncutoffs ? cutoffs[0] : CF_DATE_NONE;
	memcpy(fo.cutoffs, cutoffs, sizeof fo.cutoffs);
	fo.ncutoffs = ncutoffs;
	memcpy(fo.methods, methods, sizeof fo.methods);
	fo.nmethods = nmethods;
	fo.withdrawn = keep_withdrawn ? CLA_KEEP_WITHDRAWN : CLA_DROP_WITHDRAWN;
	struct forecast_result *res = NULL;
	struct store *st;
	int rc = cli_open_store(db, 0, NULL, NULL, &st, &err);
	if (!rc) {
		rc = forecast_run(st, &fo, &res, &err);
		store_close(st);
	}
	struct cf_table **tables = res ? res->tables : NULL;
	int ntables = res ? res->ntables : 0;
	if (!rc) {
		/* JSON is one array of rows, and a CSV file one table: the forecast's
		 * unless asked (a folder of CSVs takes every table) */
		int one = fmt == RENDER_JSON || (fmt == RENDER_CSV && !render_out_is_dir(out));
		const char *want = table ? table : one ? (backtest ? "backtest" : "forecast") : "all";
		struct cf_table *pick[8];
		int npick = 0;
		for (int i = 0; i < ntables; i++)
			if (strcmp(want, "all") == 0 || strcmp(want, tables[i]->name) == 0)
				pick[npick++] = tables[i];
		if (npick == 0)
			rc = cli_usage_error(&cmd_forecast, "--table %s: no such table in this output", want);
		else
			rc = render_tables(pick, npick, fmt, out, &err);
	}
	forecast_result_free(res);
	if (rc && err.status)
		cf_error_print(&err);
	return rc;
}
