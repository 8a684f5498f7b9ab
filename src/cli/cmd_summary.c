/* caseflow summary: what the store holds, year by year. */
#include <stdio.h>

#include "indicators/indicators.h"
#include "cli/command.h"
#include "outputs/render.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	CLI_OPT_DB,
	CLI_OPT_HUB_LA,
	CLI_OPT_FORMAT,
	CLI_OPT_OUT,
	CLI_OPT_TABLE,
	{ 0 }
};

const struct cli_command cmd_summary = {
	.name = "summary",
	.summary = "children looked after, started and ceased by year, age and placement",
	.order = 30,
	.usage = "  caseflow summary [--db PATH|URI [--la CODE]] [--format table|csv|json|xlsx] [--out FILE] [--table NAME]",
	.help =
	"For each 31 March covered by a loaded SSDA903 return or SSD extract\n"
	"(docs/ssd.md): children looked after on that day, and children who started\n"
	"or ceased to be looked after in the year to it, by age band (under 1, 1-4,\n"
	"5-9, 10-15, 16+) and placement group (foster, residential,\n"
	"placed_for_adoption, placed_with_parents, independent,\n"
	"other). \"all\" marks totals. A child with several episodes counts once:\n"
	"started uses the first period of care starting in the year (age and placement\n"
	"that day), ceased the last one ending in it. Definitions: docs/definitions.md.\n"
	"cla counts children on short breaks (legal status V3, V4), as the episodes\n"
	"have them; DfE's figures and kpi's cla_31mar do not count them as looked\n"
	"after. cla_short_breaks says how many of cla that is, so cla minus\n"
	"cla_short_breaks is kpi's cla_31mar for that 31 March.\n"
	"\n"
	"Then the front-door funnel for each collection year loaded: contacts,\n"
	"referrals, referrals_nfa (no further action), assessments (completed),\n"
	"s47 (started), icpc (conferences held), cpp_started and cla_started (periods\n"
	"of care), counting events (see src/indicators/funnel.h), in the same columns.\n"
	"\n"
	"The two tables are \"summary\" and \"funnel\": --format json writes them as\n"
	"{\"summary\": [...], \"funnel\": [...]}, and --format csv --out DIR/ writes\n"
	"DIR/summary.csv and DIR/funnel.csv, one table per file. A CSV file holds one\n"
	"table: to a file or standard output, name it with --table summary|funnel.\n",
	.options = options,
	.examples =
	"  caseflow summary --db la.db\n"
	"  caseflow summary --db la.db --format json\n"
	"  caseflow summary --db la.db --format csv --out summary/\n"
	"  caseflow summary --db la.db --table funnel --format csv\n"
	"  caseflow summary --db la.db --format xlsx --out summary.xlsx\n",
	.run = run,
};

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_summary, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cli_db(&a), *out = cf_args_str(&a, "--out");
	enum render_format fmt;
	render_format_parse(cf_args_str(&a, "--format"), &fmt);   /* one of the table's choices */
	struct cf_error err;
	struct store *st;
	struct cla_data cla;
	struct cf_table *t[2] = { NULL, NULL };
	cf_error_clear(&err);
	int rc = cli_open_store(db, 0, NULL, NULL, &st, &err);
	if (!rc) {
		rc = cla_load(st, &cla, &err);
		if (!rc) {
			rc = summary_cla(&cla, &t[0], &err);
			if (!rc)
				rc = funnel_front_door(st, &cla, &t[1], &err);
			cla_release(&cla);
		}
		store_close(st);
	}
	if (!rc)
		rc = cli_render(&a, t, 2, fmt, out, &err);
	cf_table_free(t[0]);
	cf_table_free(t[1]);
	if (rc)
		cf_error_print(&err);
	return rc;
}
