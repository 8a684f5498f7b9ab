/* caseflow trajectory: set a target path for an indicator, and show it
 * month by month against actuals with a RAG status. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/indicators.h"
#include "cli/command.h"
#include "outputs/render.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	CLI_OPT_DB,
	{ .name = "--name", .arg = "NAME", .help = "the trajectory's name" },
	{ .name = "--indicator", .arg = "ID", .sub = "set",
	  .help = "an indicator id: one 'caseflow benchmark --list' shows, or any 'caseflow kpi' computes "
		  "(assessment_45wd: its actuals come from the returns alone; --to CMP needs the former)" },
	{ .name = "--la", .arg = "CODE", .sub = "set",
	  .help = "the LA whose published figures are the actuals (three-digit number or ONS code)" },
	{ .name = "--from", .arg = "DATE:VALUE", .sub = "set", .help = "start, e.g. 2024-03-31:684" },
	{ .name = "--to", .arg = "DATE:VALUE|CMP", .sub = "set",
	  .help = "target, e.g. 2029-03-31:519; or, with --by, a target from a gap: sn_median, england or "
		  "sn_upper_quartile" },
	{ .name = "--by", .arg = "DATE", .sub = "set", .help = "when --to CMP is to be reached" },
	{ .name = "--shape", .arg = "SHAPE", .type = CF_OPT_ENUM, .sub = "set", .help = "the path's shape",
	  .choices = "linear|geometric", .def = "linear" },
	{ .name = "--tolerance", .arg = "PCT", .sub = "set", .help = "green within PCT % of the target", .def = "5" },
	{ .name = "--format", .arg = "FMT", .type = CF_OPT_ENUM, .sub = "show",
	  .help = "how to write the output (xlsx needs --out)", .choices = "table|csv|json|xlsx", .def = "table" },
	{ .name = "--out", .arg = "FILE", .sub = "show", .help = "write there instead of standard output" },
	{ .name = "--table", .arg = "NAME", .sub = "show",
	  .help = "only this one of the output's tables (CSV to a file or standard output needs one)" },
	{ 0 }
};

const struct cli_command cmd_trajectory = {
	.name = "trajectory",
	.summary = "set target paths for indicators and track them month by month",
	.order = 55,
	.usage = "  caseflow trajectory set [--db PATH] --name NAME --indicator ID [--la CODE]\n"
		 "                          --from DATE:VALUE --to DATE:VALUE [--shape linear|geometric] [--tolerance PCT]\n"
		 "  caseflow trajectory set [--db PATH] --name NAME --indicator ID --la CODE\n"
		 "                          --to sn_median|england|sn_upper_quartile --by DATE [--shape ...] [--tolerance PCT]\n"
		 "  caseflow trajectory show [--db PATH] [--name NAME] [--format table|csv|json|xlsx] [--out FILE]\n"
		 "                           [--table NAME]",
	.subcommands = "set|show",
	.help =
	"set stores a target path: from one dated value to another, linear (the same\n"
	"change each month) or geometric (the same rate each month). Setting a name\n"
	"again stores a new version; every version is kept with who set it ($USER) and\n"
	"when. With --to COMPARATOR --by DATE the path runs from the LA's latest\n"
	"published value to the comparator's latest value (held flat), as\n"
	"'caseflow benchmark --to' works it out.\n"
	"\n"
	"show lists the trajectories, then for each month from start to target: the\n"
	"target, the actual, the variance (actual - target, and as % of target) and a\n"
	"RAG status: green when the actual is on the right side of the target or\n"
	"within the tolerance of it, amber within twice the tolerance, red beyond\n"
	"(the right side is the indicator's polarity; see 'caseflow benchmark --list').\n"
	"Actuals: computed as 'caseflow kpi' does from the child-level returns in the\n"
	"store, for each month end whose 12 months they cover (a stock such as\n"
	"cla_31mar on that day; flows and percentages over the 12 months to it); else\n"
	"the LA's published annual figure in the month it describes (31 March for most\n"
	"indicators; --la says which LA). Months with neither have no actual: nothing\n"
	"is extrapolated.\n",
	.options = options,
	.examples =
	"  caseflow trajectory set --db la.db --name cla --indicator cla_31mar --la 380 \\\n"
	"      --from 2024-03-31:684 --to 2029-03-31:519 --shape geometric\n"
	"  caseflow trajectory set --db la.db --name cla-rate --indicator cla_rate_10k --la 380 \\\n"
	"      --to sn_median --by 2027-03-31\n"
	"  caseflow trajectory show --db la.db --name cla --table trajectory_months --format csv\n",
	.run = run,
};

/* "2024-03-31:684" -> date and value; the value follows the last ':'. */
static int parse_point(const char *s, cf_date *date, double *value)
{
	const char *colon = strrchr(s, ':');
	if (!colon || colon == s)
		return -1;
	if (cf_date_parse(s, (size_t)(colon - s), date) != 0)
		return -1;
	char *end;
	*value = strtod(colon + 1, &end);
	return *end || end == colon + 1 || !isfinite(*value) ? -1 : 0;
}

static int run_set(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_trajectory, "set", argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cli_db(&a), *name = cf_args_str(&a, "--name"), *ind = cf_args_str(&a, "--indicator");
	const char *la = cf_args_str(&a, "--la"), *from = cf_args_str(&a, "--from"), *to = cf_args_str(&a, "--to");
	const char *by = cf_args_str(&a, "--by"), *shape = cf_args_str(&a, "--shape");
	const char *tol = cf_args_str(&a, "--tolerance");
	if (!name || !*name || !ind || !to)
		return cli_usage_error(&cmd_trajectory, "set needs --name, --indicator and --to");
	if (strlen(name) >= sizeof ((struct trajectory *)0)->name)
		return cli_usage_error(&cmd_trajectory, "--name is too long (at most 127 characters)");
	struct trajectory t;
	memset(&t, 0, sizeof t);
	snprintf(t.name, sizeof t.name, "%s", name);
	snprintf(t.indicator, sizeof t.indicator, "%s", ind);
	if (!strcmp(shape, "geometric"))
		t.shape = TRAJ_GEOMETRIC;
	char *end;
	t.tolerance_pct = strtod(tol, &end);
	if (*end || end == tol || !(t.tolerance_pct >= 0 && t.tolerance_pct <= 100))
		return cli_usage_error(&cmd_trajectory, "--tolerance must be a percentage from 0 to 100, not '%s'", tol);
	enum benchmark_comparator cmp;
	int from_gap = benchmark_comparator_parse(to, &cmp) == 0;
	cf_date by_date = CF_DATE_NONE;
	if (from_gap) {
		if (from)
			return cli_usage_error(&cmd_trajectory, "--to %s sets the start itself: leave out --from", to);
		if (!by || cf_date_parse(by, strlen(by), &by_date) != 0)
			return cli_usage_error(&cmd_trajectory, "--to %s needs --by DATE (e.g. 2027-03-31)", to);
		if (!la)
			return cli_usage_error(&cmd_trajectory, "--to %s needs --la CODE", to);
	} else {
		if (!strchr(to, ':')) {   /* meant a comparator? */
			struct cf_suggest sg;
			cf_suggest_init(&sg, to);
			for (int c = CMP_SN_MEDIAN; c <= CMP_SN_UPPER_QUARTILE; c++)
				cf_suggest_offer(&sg, benchmark_comparator_name((enum benchmark_comparator)c));
			const char *best = cf_suggest_best(&sg);
			if (best)
				return cli_bad_value(&cmd_trajectory, "--to", to,
						     "DATE:VALUE or sn_median, england or sn_upper_quartile", best);
		}
		if (by)
			return cli_usage_error(&cmd_trajectory, "--by goes with --to sn_median|england|sn_upper_quartile");
		if (!from || parse_point(from, &t.from, &t.from_value))
			return cli_usage_error(&cmd_trajectory, "--from must look like 2024-03-31:684, not '%s'", from ? from : "");
		if (parse_point(to, &t.to, &t.to_value))
			return cli_usage_error(&cmd_trajectory, "--to must look like 2029-03-31:519 (or name a comparator), not '%s'", to);
	}
	if (indicator_map_find(ind) < 0 && !benchmark_kpi_id(ind)) {
		/* a bad input, as trajectory_validate() would say, with a suggestion: exit 1 */
		const char *best = cli_suggest_indicator(ind);
		fprintf(stderr, "caseflow: trajectory %s: unknown indicator '%s'%s%s%s (see 'caseflow benchmark --list' "
			"and docs/definitions.md)\n", name, ind, best ? "; did you mean " : "", best ? best : "",
			best ? "?" : "");
		return CF_EINPUT;
	}
	struct cf_error err;
	cf_error_clear(&err);
	struct store *st;
	struct benchmark_data *d = NULL;
	/* a path from a gap needs the published tables; one from two values can start a store */
	int rc = from_gap ? cli_open_store(db, 0, NULL, NULL, &st, &err)
			  : store_open(&st, db, 0, &err);
	if (!rc && (la || from_gap))
		rc = benchmark_load(st, from_gap && cmp != CMP_ENGLAND ? "2025" : NULL, &d, &err);
	if (!rc && la)
		rc = benchmark_find_la(d, la, t.la_code, &err);
	if (!rc && from_gap)
		rc = trajectory_from_gap(&t, d, cmp, by_date, &err);
	if (!rc)
		rc = trajectory_save(st, &t, &err);
	benchmark_data_free(d);
	store_close(st);
	if (rc) {
		cf_error_print(&err);
		return rc;
	}
	char f[11], g[11];
	cf_date_format(t.from, f);
	cf_date_format(t.to, g);
	printf("trajectory %s (version %lld): %s from %.10g on %s to %.10g on %s, %s, tolerance %.10g%%; set by %s at %s\n",
	       t.name, t.id, t.indicator, t.from_value, f, t.to_value, g,
	       t.shape == TRAJ_GEOMETRIC ? "geometric" : "linear", t.tolerance_pct, t.set_by, t.set_at);
	return CF_OK;
}

static int run_show(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_trajectory, "show", argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cli_db(&a), *name = cf_args_str(&a, "--name"), *out = cf_args_str(&a, "--out");
	enum render_format fmt;
	render_format_parse(cf_args_str(&a, "--format"), &fmt);   /* one of the table's choices */
	struct cf_error err;
	cf_error_clear(&err);
	struct store *st;
	struct trajectory *ts = NULL;
	int n = 0;
	struct benchmark_data *d = NULL;
	struct cf_table *tables[2] = { NULL, NULL };
	int rc = cli_open_store(db, 0, "a trajectory",
				"trajectory set --name NAME --indicator ID --from DATE:VALUE --to DATE:VALUE", &st, &err);
	if (!rc)
		rc = trajectory_list(st, name, &ts, &n, &err);
	if (!rc) {
		/* published actuals when the store has them; without them months stay blank */
		struct cf_error lerr;
		cf_error_clear(&lerr);
		int lrc = benchmark_load(st, NULL, &d, &lerr);
		if (lrc && lrc != CF_EINPUT) {
			err = lerr;
			rc = lrc;
		}
	}
	/* the store's own child-level data: monthly actuals */
	struct benchmark_local local = { 0 };
	if (!rc)
		rc = benchmark_kpi_open(st, &local, &err);
	store_close(st);
	if (!rc)
		rc = trajectory_tables(ts, n, d, local.monthly ? &local : NULL, &tables[0], &tables[1], &err);
	benchmark_kpi_close(&local);
	if (!rc)
		rc = cli_render(&a, tables, 2, fmt, out, &err);
	cf_table_free(tables[0]);
	cf_table_free(tables[1]);
	benchmark_data_free(d);
	free(ts);
	if (rc)
		cf_error_print(&err);
	return rc;
}

static int run(int argc, char **argv)
{
	const char *sub = cli_subcommand(&cmd_trajectory, argc, argv);
	if (!sub)
		return CF_EUSAGE;
	return !strcmp(sub, "set") ? run_set(argc - 1, argv + 1) : run_show(argc - 1, argv + 1);
}
