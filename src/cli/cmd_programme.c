/* caseflow programme: load a programme (business case, benefits, milestones,
 * CBA, workforce model) and show its views. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "programme/programme.h"
#include "cli/command.h"
#include "model/programme.h"
#include "outputs/render.h"
#include "store/programme.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	{ .name = "--load", .arg = "PATH", .help = "the workbook or CSV folder to load" },
	CLI_OPT_DB,
	CLI_OPT_HUB_LA,
	{ .name = "--name", .arg = "NAME", .help = "which programme, when the store holds several" },
	{ .name = "--view", .arg = "VIEW", .type = CF_OPT_ENUM, .help = "what to show (see Views above)",
	  .choices = "business-case|benefits|milestones|cba|workforce|all", .def = "business-case" },
	{ .name = "--as-of", .arg = "DATE", .help = "the day milestones and benefits are judged on",
	  .def_text = "today" },
	CLI_OPT_FORMAT,
	CLI_OPT_OUT,
	CLI_OPT_TABLE,
	{ 0 }
};

const struct cli_command cmd_programme = {
	.name = "programme",
	.summary = "business case, benefits, milestones, cost-benefit analysis and workforce model",
	.order = 60,
	.usage = "  caseflow programme --load FILE.xlsx|DIR [--db PATH|URI [--la CODE]]\n"
		 "  caseflow programme show [--db PATH] [--name NAME] [--view VIEW] [--as-of DATE]\n"
		 "                          [--format table|csv|json|xlsx] [--out FILE] [--table NAME]",
	.positionals = 1,   /* show */
	.help =
	"A programme is one workbook (.xlsx) or a folder of CSVs, with the sheets\n"
	"programme, workstreams, forecasts, costs, savings, benefits, actuals,\n"
	"milestones, cba and workforce (any may be left out; columns in\n"
	"docs/programme.md). --load checks every value first: a bad one is reported\n"
	"with its file, sheet, row and column, and nothing is stored. A good programme\n"
	"is stored in one transaction, replacing any programme of the same name.\n"
	"\n"
	"Modelled lines are computed from the store's data when the programme is\n"
	"loaded: a savings line naming a forecast (forecasts sheet: a scenario file and\n"
	"the forecast's options) saves that scenario's cost difference from the base\n"
	"forecast, year by year; a workforce demand naming a forecast or an indicator\n"
	"is staffed month by month. Load again to refresh them after new data. Benefits\n"
	"measured by an indicator take their actuals from the store when shown.\n"
	"\n"
	"Views (show --view):\n"
	"  business-case  costs, savings, annual and cumulative net by year and by\n"
	"                 workstream; payback year; return on investment (default)\n"
	"  benefits       each benefit's plan, actuals, variance and RAG by month;\n"
	"                 financial benefits against the business case's savings\n"
	"  milestones     done, overdue, due in the next 90 days, later; by workstream\n"
	"  cba            present values by year and agency, financial return, net\n"
	"                 present budget impact, public value BCR, payback, cashable\n"
	"                 share; sensitivity (each assumption -20%/+20%, switching values)\n"
	"  workforce      social workers and managers needed for the caseload, agency\n"
	"                 within the cap, cost by role and contract, gap to establishment\n"
	"  all            every table above\n",
	.options = options,
	.examples =
	"  caseflow programme --db la.db --load examples/programme\n"
	"  caseflow programme --db la.db --load examples/programme-modelled   # needs SSDA903 data\n"
	"  caseflow programme show --db la.db\n"
	"  caseflow programme show --db la.db --view cba --table cba_summary --format csv\n"
	"  caseflow programme show --db la.db --view all --format csv --out programme/   # a file per table\n"
	"  caseflow programme show --db la.db --view all --format xlsx --out programme.xlsx\n",
	.run = run,
};

static int load(const char *db, const char *path)
{
	struct cf_error err;
	struct programme p;
	cf_error_clear(&err);
	programme_init(&p);
	int rc = programme_read(path, &p, &err);
	struct store *st = NULL;
	struct programme_model_report model = { 0 };
	if (!rc)
		rc = store_open(&st, db, 0, &err);
	if (!rc)
		rc = programme_model_load(st, &p, &model, &err);
	struct programme_save_report rep;
	struct programme_save_options opt = { 0 };
	const char *fail = getenv("CASEFLOW_FAIL_AFTER_ROWS");
	if (fail)
		opt.fail_after_rows = atol(fail);
	if (!rc)
		rc = programme_save(st, &p, path, &opt, &rep, &err);
	store_close(st);
	if (rc) {
		cf_error_print(&err);
		fprintf(stderr, "caseflow: nothing was stored\n");
		programme_model_report_release(&model);
		programme_release(&p);
		return rc;
	}
	long counts[] = { p.nworkstreams, p.ncosts, p.nsavings, p.nbenefits, p.nactuals, p.nmilestones,
			  p.cba.ncosts + p.cba.noutcomes, p.workforce.ndemand };
	const char *what[] = { "workstreams", "costs", "savings", "benefits", "actuals", "milestones",
			       "CBA costs and outcomes", "workforce demand points" };
	printf("%s programme '%s' (%s, %s) from %s:\n", rep.replaced ? "replaced" : "loaded", p.name,
	       programme_unit_name(p.unit), p.first_year ? "dated" : "years only", path);
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
		if (counts[i])
			printf("  %5ld %s\n", counts[i], what[i]);
	if (model.demand_months) {
		char a[11], b[11];
		cf_date_format(model.demand_from, a);
		cf_date_format(model.demand_to, b);
		printf("  workforce demand from %s %s: %d months, %s to %s, %.1f to %.1f cases\n",
		       p.workforce.demand_forecast ? "forecast" : "indicator",
		       p.workforce.demand_forecast ? p.workforce.demand_forecast : p.workforce.demand_indicator,
		       model.demand_months, a, b, model.demand_min, model.demand_max);
	}
	printf("%ld rows stored in %s\n", rep.rows, db);
	if (model.savings) {
		printf("\nsavings modelled from forecast scenarios (saving = base cost - scenario cost, to the pound;\n"
		       "incremental_saving in %s, what the business case adds to the workstream):\n",
		       programme_unit_name(p.unit));
		int shift = 0;
		for (int i = 0; i < p.nsavings; i++)
			shift |= p.savings[i].shift != NULL;
		if (shift)
			printf("a placement shift's line names its file as the forecast: base is what the moved children cost\n"
			       "where they were, scenario what they cost in-house (caseflow money --shift, docs/money.md):\n");
		fflush(stdout);
		rc = render_tables(&model.savings, 1, RENDER_TABLE, NULL, &err);
		if (rc)
			cf_error_print(&err);
	}
	programme_model_report_release(&model);
	programme_release(&p);
	return rc;
}

static int show(const struct cf_args *a, const char *db, const struct programme_show_options *opt, enum render_format fmt,
		const char *out)
{
	struct cf_error err;
	struct store *st;
	struct programme_shown shown = { 0 };
	cf_error_clear(&err);
	int rc = cli_open_store(db, 0, "a programme", "programme --load FILE", &st, &err);
	if (!rc) {
		rc = programme_show(st, opt, &shown, &err);
		if (shown.notes[0])
			fprintf(stderr, "caseflow programme: note: %s\n", shown.notes);
		store_close(st);
	}
	if (!rc)
		rc = cli_render(a, shown.tables, shown.ntables, fmt, out, &err);
	programme_shown_release(&shown);
	if (rc)
		cf_error_print(&err);
	return rc;
}

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_programme, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cli_db(&a), *load_path = cf_args_str(&a, "--load"), *name = cf_args_str(&a, "--name");
	const char *out = cf_args_str(&a, "--out"), *as_of_s = cf_args_str(&a, "--as-of");
	int is_show = a.npos == 1 && !strcmp(a.pos[0], "show");
	if (a.npos && !is_show) {
		struct cf_suggest sg;
		cf_suggest_init(&sg, a.pos[0]);
		cf_suggest_offer(&sg, "show");
		const char *best = cf_suggest_best(&sg);
		return cli_usage_error(&cmd_programme, "unexpected argument %s%s", a.pos[0],
				       best ? "; did you mean show?" : "");
	}
	if (!is_show) {
		if (!load_path)
			return cli_usage_error(&cmd_programme, "say what to do: --load FILE|DIR, or show");
		return load(db, load_path);
	}
	if (load_path)
		return cli_usage_error(&cmd_programme, "--load and show are separate runs");
	/* --view's choices are in enum programme_view's order */
	struct programme_show_options opt = { .name = name, .view = (enum programme_view)cf_args_enum(&a, "--view") };
	enum render_format fmt;
	render_format_parse(cf_args_str(&a, "--format"), &fmt);   /* one of the table's choices */
	opt.as_of = cf_date_today();
	if (as_of_s && cf_date_parse(as_of_s, strlen(as_of_s), &opt.as_of))
		return cli_usage_error(&cmd_programme, "--as-of must be a date (yyyy-mm-dd or dd/mm/yyyy), not '%s'",
				       as_of_s);
	return show(&a, db, &opt, fmt, out);
}
