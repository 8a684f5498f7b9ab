/* caseflow families: households and the help they get (one family, one
 * worker, one plan) and case audits against their monthly target. */
#include <stdio.h>
#include <string.h>

#include "cli/command.h"
#include "families/families.h"
#include "indicators/indicators.h"
#include "outputs/render.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	CLI_OPT_DB,
	CLI_OPT_HUB_LA,
	{ .name = "--period", .arg = "P",
	  .help = "2024-25, 2024-25Q1, 2024-06 or r12:2024-06-30; families are counted on its last day",
	  .def_text = "the financial year of the latest record" },
	{ .name = "--target", .arg = "N", .type = CF_OPT_INT, .min = 0, .max = 100000, .def = "50",
	  .help = "case audits a month" },
	CLI_OPT_FORMAT,
	CLI_OPT_OUT,
	CLI_OPT_TABLE,
	{ 0 }
};

const struct cli_command cmd_families = {
	.name = "families",
	.summary = "households, the services, workers and plans open for each, and case audits",
	.order = 77,
	.usage = "  caseflow families [--db PATH|URI [--la CODE]] [--period P] [--target N] [--format table|csv|json|xlsx] [--out FILE]\n"
		 "                         [--table NAME]",
	.help =
	"From the family_members, allocations, family_plans, partner_records and\n"
	"audits extracts and the CIN census (docs/families.md), on the period's last day:\n"
	"  families_summary  families, those with a plan open, with one worker and one\n"
	"                    plan, known to three or more services; audits in the\n"
	"                    period, good or better, actions outstanding; CP reviews\n"
	"                    and visits (Annex A Lists 6-8) due and on time\n"
	"  families          each family: members, children, children also in another\n"
	"                    family during the period, plans, services and workers\n"
	"                    open, changes of worker since its plan began\n"
	"  audits_by_month   each month of the period: audits against --target, grades\n"
	"  audit_themes      each theme's audits and how many were good or better\n"
	"  cp_reviews_by_month  child protection reviews due each month (3 months after\n"
	"                    the plan starts, then 6 after each review) and held on time\n"
	"  sf_families       each family's first plan in a programme phase (Troubled\n"
	"                    Families 2015-20, Supporting Families 2022-25): headline\n"
	"                    needs from partners' records, eligible, every need sustained\n"
	"                    six months, the claim's date and quarter, or why not\n"
	"  sf_needs          each need: the record that identified it, problems since the\n"
	"                    plan began, progress counted from, its records, sustained on\n"
	"  sf_claims         claims due by quarter and eligible families outstanding\n"
	"  quality_trend     each month by team, then by locality: audits and those good\n"
	"                    or better, CP reviews and visits due and on time\n",
	.options = options,
	.examples =
	"  caseflow families --db la.db --period 2024-25\n"
	"  caseflow families --db la.db --period 2024-06 --target 40 --table families_summary --format csv\n",
	.run = run,
};

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_families, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cli_db(&a), *out = cf_args_str(&a, "--out"), *period = cf_args_str(&a, "--period");
	enum render_format fmt;
	render_format_parse(cf_args_str(&a, "--format"), &fmt);   /* one of the table's choices */
	struct kpi_period p;
	if (period && kpi_period_parse(period, &p))
		return cli_usage_error(&cmd_families, "--period: '%s' is not a period (2024-25, 2024-25Q1, 2024-06, r12:2024-06-30)",
				       period);
	struct cf_error err;
	cf_error_clear(&err);
	struct store *st;
	int rc = cli_open_store(db, 1, "family members", "ingest family_members.csv allocations.csv family_plans.csv audits.csv",
				&st, &err);
	struct families_result res;
	memset(&res, 0, sizeof res);
	if (!rc) {
		cf_date latest = CF_DATE_NONE;
		if (!period && !(rc = families_latest_date(st, &latest, &err)))
			kpi_period_year(cf_date_fy(latest == CF_DATE_NONE ? cf_date_today() : latest), &p);
		struct families_options o = { p.from, p.to, p.label, (int)cf_args_int(&a, "--target") };
		if (!rc)
			rc = families_compute(st, &o, &res, &err);
		store_close(st);
	}
	if (!rc) {
		struct cf_table *t[] = { res.summary, res.families, res.audits_month, res.audit_themes,
					 res.cp_reviews, res.sf_families, res.sf_needs, res.sf_claims,
					 res.quality_trend };
		rc = cli_render(&a, t, (int)(sizeof t / sizeof t[0]), fmt, out, &err);
	}
	families_result_release(&res);
	if (rc)
		cf_error_print(&err);
	return rc;
}
