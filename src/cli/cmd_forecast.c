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

const struct cli_command cmd_forecast = {
	.name = "forecast",
	.summary = "project children in care and placement costs, with bands, scenarios and backtests",
	.order = 60,
	.usage =
	"  caseflow forecast [--db PATH] [--ref-start D --ref-end D] [--start D] [--months N]\n"
	"                    [--method markov|exact-age|duration] [--entrants constant|trend|seasonal|trend+seasonal]\n"
	"                    [--bands 5,25,50,75,95] [--runs N] [--seed S] [--threads N] [--no-bootstrap]\n"
	"                    [--costs FILE] [--inflation PCT] [--inflation-from D] [--scenario FILE]\n"
	"                    [--place-map FILE] [--merge place|rne] [--table NAME]\n"
	"                    [--format table|csv|json|xlsx] [--out FILE]\n"
	"  caseflow forecast --backtest --cutoff D [--months N] [--method M[,M...]] [--runs N] ...",
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
	"JSON prints the forecast table unless --table says otherwise.\n"
	"\n"
	"Options:\n"
	"  --db PATH            the store (default $CASEFLOW_DB or caseflow.db)\n"
	"  --ref-start D, --ref-end D\n"
	"                       the reference window (default: the last 12 months of data)\n"
	"  --start D            forecast from the children in care on D (default: the data's end)\n"
	"  --months N           month-ends to forecast (default 24)\n"
	"  --method M           markov (default: the reference), exact-age (children age on\n"
	"                       their birthdays), duration (exact ageing and rates by time in care)\n"
	"  --entrants E         constant (default), trend, seasonal or trend+seasonal\n"
	"  --runs N             bootstrap-and-simulate runs for bands (default 0: none)\n"
	"  --bands LIST         percentiles to report with --runs (default 5,25,50,75,95)\n"
	"  --seed S             random seed (default 1): the same seed gives the same bands\n"
	"  --threads N          threads for the runs (default: one per CPU)\n"
	"  --no-bootstrap       simulate with the point rates (future uncertainty only)\n"
	"  --costs FILE         weekly unit costs CSV: label,place,provider,cost_gbp_week\n"
	"                       (default: the council's own, from the placement costs extract's\n"
	"                       last 12 months, where one is loaded (docs/money.md); else and for\n"
	"                       what it has no placements of, the built-in illustrative set,\n"
	"                       data/forecast/unit_costs.csv; the inputs table says which)\n"
	"  --inflation PCT      annual cost inflation in percent (default 0)\n"
	"  --inflation-from D   costs are at D's prices, rising each anniversary (default --start)\n"
	"  --scenario FILE      adjustments to rates (docs/forecast.md \"Scenarios\")\n"
	"  --place-map FILE     CSV place,category overriding the PLACE code mapping\n"
	"  --merge RULE         rne (default, the reference: RNE L, T or U and no gap) or place\n"
	"                       (same PLACE and provider and no gap)\n"
	"  --table NAME         only this table: forecast, costs, scenario, rates, inputs\n"
	"                       (backtest: backtest, coverage), or all\n"
	"  --backtest           rewind to --cutoff, forecast --months ahead with each --method\n"
	"                       (a comma list) and score against what happened\n"
	"  --cutoff D           the day to rewind to (with --backtest)\n"
	"  --format FMT         table (default), csv, json or xlsx (xlsx needs --out)\n"
	"  --out FILE           write there instead of standard output\n"
	"\n"
	"Examples:\n"
	"  caseflow forecast --db la.db\n"
	"  caseflow forecast --db la.db --runs 1000 --seed 7 --format json --out forecast.json\n"
	"  caseflow forecast --db la.db --scenario edge-of-care.txt --table scenario\n"
	"  caseflow forecast --db la.db --backtest --cutoff 2023-03-31 --months 12 \\\n"
	"      --method markov,exact-age,duration --runs 200\n",
	.run = run,
};

/* Without --costs, the council's own unit costs where a placement costs
 * extract is loaded (docs/money.md). */
static int own_costs(struct store *st, const struct fc_placemap *map, struct fc_costs *costs, struct cf_error *err)
{
	struct placements_data d;
	int rc = store_placements_read(st, &d, err);
	if (rc)
		return rc;
	rc = placements_own_costs(&d, map, costs, err);
	placements_data_release(&d);
	return rc;
}

static int parse_date(const char *opt, const char *v, cf_date *out)
{
	if (cf_date_parse(v, strlen(v), out) != 0)
		return cli_usage_error(&cmd_forecast, "%s: '%s' is not a date (yyyy-mm-dd or dd/mm/yyyy)", opt, v);
	return 0;
}

static int parse_bands(const char *v, struct fc_options *o)
{
	o->nbands = 0;
	const char *p = v;
	while (*p) {
		char *end;
		double q = strtod(p, &end);
		if (end == p || q < 0 || q > 100 || o->nbands == FC_MAX_BANDS ||
		    (o->nbands && q <= o->bands[o->nbands - 1]))
			return cli_usage_error(&cmd_forecast,
					       "--bands: '%s' must be ascending percentiles 0-100, at most %d", v, FC_MAX_BANDS);
		o->bands[o->nbands++] = q;
		p = end;
		if (*p == ',')
			p++;
		else if (*p)
			return cli_usage_error(&cmd_forecast, "--bands: '%s' is not a comma list of numbers", v);
	}
	return 0;
}

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
			return cli_usage_error(&cmd_forecast, "--method: '%s' is not markov, exact-age or duration", tok);
		m[(*n)++] = (enum fc_method)k;
	}
	return 0;
}

static int run(int argc, char **argv)
{
	const char *db = cli_default_db(), *fmt_s = "table", *out = NULL, *v;
	const char *costs_path = NULL, *scenario_path = NULL, *map_path = NULL, *table = NULL;
	struct fc_options o;
	fc_options_init(&o);
	enum fc_method methods[FC_NMETHODS] = { FC_METHOD_MARKOV };
	int nmethods = 1, backtest = 0;
	cf_date cutoff = CF_DATE_NONE, infl_from = CF_DATE_NONE;
	double inflation = 0;
	for (int i = 1; i < argc; i++) {
		int m;
		long n;
		if (cli_flag(argv, i, "--backtest")) {
			backtest = 1;
			continue;
		}
		if (cli_flag(argv, i, "--no-bootstrap")) {
			o.bootstrap = 0;
			continue;
		}
		if ((m = cli_opt(&cmd_forecast, argc, argv, &i, "--db", &db)) ||
		    (m = cli_opt(&cmd_forecast, argc, argv, &i, "--format", &fmt_s)) ||
		    (m = cli_opt(&cmd_forecast, argc, argv, &i, "--out", &out)) ||
		    (m = cli_opt(&cmd_forecast, argc, argv, &i, "--costs", &costs_path)) ||
		    (m = cli_opt(&cmd_forecast, argc, argv, &i, "--scenario", &scenario_path)) ||
		    (m = cli_opt(&cmd_forecast, argc, argv, &i, "--place-map", &map_path)) ||
		    (m = cli_opt(&cmd_forecast, argc, argv, &i, "--table", &table))) {
			if (m < 0)
				return 2;
			continue;
		}
		if ((m = cli_opt(&cmd_forecast, argc, argv, &i, "--ref-start", &v)) > 0) {
			if (parse_date("--ref-start", v, &o.ref_start))
				return 2;
		} else if (m == 0 && (m = cli_opt(&cmd_forecast, argc, argv, &i, "--ref-end", &v)) > 0) {
			if (parse_date("--ref-end", v, &o.ref_end))
				return 2;
		} else if (m == 0 && (m = cli_opt(&cmd_forecast, argc, argv, &i, "--start", &v)) > 0) {
			if (parse_date("--start", v, &o.start))
				return 2;
		} else if (m == 0 && (m = cli_opt(&cmd_forecast, argc, argv, &i, "--cutoff", &v)) > 0) {
			if (parse_date("--cutoff", v, &cutoff))
				return 2;
		} else if (m == 0 && (m = cli_opt(&cmd_forecast, argc, argv, &i, "--inflation-from", &v)) > 0) {
			if (parse_date("--inflation-from", v, &infl_from))
				return 2;
		} else if (m == 0 && (m = cli_opt(&cmd_forecast, argc, argv, &i, "--months", &v)) > 0) {
			if (cli_int(&cmd_forecast, "--months", v, 1, 120, &n))
				return 2;
			o.months = (int)n;
		} else if (m == 0 && (m = cli_opt(&cmd_forecast, argc, argv, &i, "--runs", &v)) > 0) {
			if (cli_int(&cmd_forecast, "--runs", v, 0, 100000, &n))
				return 2;
			o.runs = (int)n;
		} else if (m == 0 && (m = cli_opt(&cmd_forecast, argc, argv, &i, "--threads", &v)) > 0) {
			if (cli_int(&cmd_forecast, "--threads", v, 1, 64, &n))
				return 2;
			o.threads = (int)n;
		} else if (m == 0 && (m = cli_opt(&cmd_forecast, argc, argv, &i, "--seed", &v)) > 0) {
			char *end;
			unsigned long long s = strtoull(v, &end, 10);
			if (end == v || *end)
				return cli_usage_error(&cmd_forecast, "--seed: '%s' is not a whole number", v);
			o.seed = s;
		} else if (m == 0 && (m = cli_opt(&cmd_forecast, argc, argv, &i, "--bands", &v)) > 0) {
			if (parse_bands(v, &o))
				return 2;
		} else if (m == 0 && (m = cli_opt(&cmd_forecast, argc, argv, &i, "--method", &v)) > 0) {
			if (parse_methods(v, methods, &nmethods))
				return 2;
		} else if (m == 0 && (m = cli_opt(&cmd_forecast, argc, argv, &i, "--entrants", &v)) > 0) {
			int e = fc_entrants_parse(v);
			if (e < 0)
				return cli_usage_error(&cmd_forecast, "--entrants: constant, trend, seasonal or trend+seasonal");
			o.entrants = (enum fc_entrants)e;
		} else if (m == 0 && (m = cli_opt(&cmd_forecast, argc, argv, &i, "--merge", &v)) > 0) {
			if (strcmp(v, "place") == 0)
				o.merge = FC_MERGE_PLACE;
			else if (strcmp(v, "rne") == 0)
				o.merge = FC_MERGE_RNE;
			else
				return cli_usage_error(&cmd_forecast, "--merge: place or rne");
		} else if (m == 0 && (m = cli_opt(&cmd_forecast, argc, argv, &i, "--inflation", &v)) > 0) {
			char *end;
			inflation = strtod(v, &end);
			if (end == v || *end || inflation < -50 || inflation > 100)
				return cli_usage_error(&cmd_forecast, "--inflation: a percentage, e.g. 3.5");
		} else if (m == 0) {
			return cli_usage_error(&cmd_forecast, "unexpected argument %s", argv[i]);
		}
		if (m < 0)
			return 2;
	}
	enum render_format fmt;
	if (render_format_parse(fmt_s, &fmt))
		return cli_usage_error(&cmd_forecast, "--format must be table, csv, json or xlsx");
	if (backtest && cutoff == CF_DATE_NONE)
		return cli_usage_error(&cmd_forecast, "--backtest needs --cutoff DATE");
	if (!backtest && cutoff != CF_DATE_NONE)
		return cli_usage_error(&cmd_forecast, "--cutoff goes with --backtest");
	if (!backtest && nmethods > 1)
		return cli_usage_error(&cmd_forecast, "several methods go with --backtest only");
	o.method = methods[0];
	struct cf_error err;
	cf_error_clear(&err);
	struct fc_placemap map;
	struct fc_costs costs;
	struct fc_scenario scenario;
	memset(&costs, 0, sizeof costs);
	memset(&scenario, 0, sizeof scenario);
	fc_placemap_default(&map);
	int rc = map_path ? fc_placemap_load(&map, map_path, &err) : CF_OK;
	if (!rc)
		rc = costs_path ? fc_costs_load(&costs, costs_path, &map, &err) : fc_costs_default(&costs, &map, &err);
	if (!rc && scenario_path)
		rc = fc_scenario_load(scenario_path, &scenario, &err);
	costs.inflation = inflation / 100;
	costs.inflation_from = infl_from;
	o.map = &map;
	o.costs = &costs;
	o.scenario = scenario_path ? &scenario : NULL;
	struct progress prog;
	o.progress = &prog;
	struct cf_table *tables[8] = { 0 };
	int ntables = 0;
	if (!rc) {
		struct store *st;
		struct cla_data cla;
		rc = cli_open_store(db, 0, NULL, NULL, &st, &err);
		if (!rc && !costs_path)
			rc = own_costs(st, &map, &costs, &err);
		if (!rc) {
			rc = cla_load_versions(st, &cla, CLA_KEEP_WITHDRAWN, &err);
			store_close(st);
			if (!rc) {
				rc = backtest ? forecast_backtest(&cla, &o, cutoff, methods, nmethods, tables, &ntables, 8, &err)
					      : forecast_report(&cla, &o, tables, &ntables, 8, &err);
				cla_release(&cla);
			}
		}
	}
	if (!rc) {
		/* JSON is one array of rows: one table's rows, the forecast's unless asked */
		const char *want = table ? table : fmt == RENDER_JSON ? (backtest ? "backtest" : "forecast") : "all";
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
	for (int i = 0; i < ntables; i++)
		cf_table_free(tables[i]);
	fc_costs_release(&costs);
	fc_scenario_release(&scenario);
	if (rc && err.status)
		cf_error_print(&err);
	return rc;
}
