/* caseflow flows: children moving between early help, child in need, child
 * protection and care, by month and financial year. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explore/explore.h"
#include "cli/command.h"
#include "outputs/render.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	CLI_OPT_DB,
	CLI_OPT_HUB_LA,
	{ .name = "--period", .arg = "P",
	  .help = "only the months of this period (2023-24, 2023-24Q1, 2024-03 or r12:2024-03-31)",
	  .def_text = "every month from the first year loaded to the latest complete year" },
	{ .name = "--within", .arg = "DAYS", .type = CF_OPT_INT, .min = 0, .max = 366, .def = "28",
	  .help = "days allowed between the two ends of a move (early help closing and a referral, a CP plan "
		  "ending and care starting, ...)" },
	{ .name = "--table", .arg = "NAME", .type = CF_OPT_ENUM, .choices = "by_year|by_month",
	  .help = "write one of the two tables alone (a CSV holds one table)" },
	CLI_OPT_FORMAT,
	CLI_OPT_OUT,
	{ 0 }
};

const struct cli_command cmd_flows = {
	.name = "flows",
	.summary = "step-up and step-down: children moving between early help, CIN, CP and care",
	.order = 44,
	.usage = "  caseflow flows [--db PATH|URI [--la CODE]] [--period P] [--within DAYS] [--table by_year|by_month]\n"
		 "               [--format table|csv|json|xlsx] [--out FILE]",
	.help =
	"Moves of children between services, each counted on the date of the event\n"
	"it names, by financial year (with the share of the events it could have\n"
	"come from, and a 95% interval) and by month:\n"
	"  early_help_to_social_care  a referral while early help is open or within\n"
	"                             --within days of its end (of referrals)\n"
	"  social_care_to_early_help  early help starting within --within days either\n"
	"                             side of a CIN episode's closure (of closures)\n"
	"  cp_to_cin                  a CP plan ending with the CIN episode still open\n"
	"                             and no care within --within days (of plans ended)\n"
	"  cp_to_care                 care starting during a CP plan or within\n"
	"                             --within days of its end (of care starts)\n"
	"  care_to_cp                 a CP plan starting within --within days after a\n"
	"                             period of care ended (of periods ended)\n"
	"  repeat_early_help_12m      early help starting within 12 months of the end\n"
	"                             of the child's previous early help (of starts)\n"
	"Early help comes from the local extract (caseflow ingest); without it the\n"
	"early help flows are 0 of 0. Methods: docs/explore.md.\n",
	.options = options,
	.examples =
	"  caseflow flows --db la.db\n"
	"  caseflow flows --db la.db --period 2023-24 --table by_month --format csv --out flows.csv\n"
	"  caseflow flows --db la.db --within 14 --format xlsx --out flows.xlsx\n",
	.run = run,
};

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_flows, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cli_db(&a), *out = cf_args_str(&a, "--out"), *period_s = cf_args_str(&a, "--period");
	int table = cf_args_enum(&a, "--table"), within = (int)cf_args_int(&a, "--within");
	enum render_format fmt;
	render_format_parse(cf_args_str(&a, "--format"), &fmt);
	struct kpi_period period;
	if (period_s && kpi_period_parse(period_s, &period))
		return cli_bad_value(&cmd_flows, "--period", period_s,
				     "a period such as 2023-24, 2023-24Q1, 2024-03 or r12:2024-03-31", NULL);
	if (fmt == RENDER_CSV && table < 0)
		return cli_usage_error(&cmd_flows, "a CSV file holds one table: name it with --table (by_year or by_month)");
	struct cf_error err;
	cf_error_clear(&err);
	struct store *st = NULL;
	struct kpi_data data;
	struct flows_result res = { 0 };
	struct cf_table *t[2] = { 0 };
	int loaded = 0, rc;
	if (!(rc = cli_open_store(db, 1, NULL, NULL, &st, &err)) && !(rc = kpi_data_load(st, &data, &err))) {
		loaded = 1;
		cf_date from, to;
		if (period_s) {
			rc = kpi_period_check(&data, &period, &err);
			from = period.from, to = period.to;
		} else {
			struct kpi_period last;
			kpi_default_period(&data, &last);
			from = data.first_year ? cf_date_fy_start(data.first_year - 1) : last.from;
			to = last.to;
		}
		if (!rc && !(rc = flows_compute(st, &data, from, to, within, &res, &err)) && !(rc = flows_tables(&res, t, &err)))
			rc = table >= 0 ? render_tables(&t[table], 1, fmt, out, &err) : render_tables(t, 2, fmt, out, &err);
	}
	store_close(st);
	cf_table_free(t[0]);
	cf_table_free(t[1]);
	flows_free(&res);
	if (loaded)
		kpi_data_release(&data);
	if (rc)
		cf_error_print(&err);
	return rc;
}
