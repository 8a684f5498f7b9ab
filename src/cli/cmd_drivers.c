/* caseflow drivers: where demand comes from — what each referral source's
 * referrals led to, and the factors recorded at the end of assessment. */
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
	  .help = "referrals and assessments in this period (2023-24, 2023-24Q1, 2024-03 or r12:2024-03-31)",
	  .def_text = "the latest financial year whose referrals all have 12 months of data after them" },
	{ .name = "--table", .arg = "NAME", .type = CF_OPT_ENUM, .choices = "conversion_by_source|assessment_factors|toxic_trio",
	  .help = "write one of the three tables alone (a CSV holds one table)" },
	CLI_OPT_FORMAT,
	CLI_OPT_OUT,
	{ 0 }
};

const struct cli_command cmd_drivers = {
	.name = "drivers",
	.summary = "where demand comes from: what each referral source leads to, and the factors at assessment",
	.order = 45,
	.usage = "  caseflow drivers [--db PATH|URI [--la CODE]] [--period P] [--table NAME] [--format table|csv|json|xlsx] [--out FILE]",
	.help =
	"For each referral source (police, schools, health, ...), the share of its\n"
	"referrals in the period that led, for the same child within 12 months, to an\n"
	"assessment, a section 47 enquiry, a child protection plan and care, each\n"
	"with a 95% interval and tested against the other sources with Holm's\n"
	"adjustment. Referrals whose 12 months run past the data are left out and\n"
	"counted. Then how often each factor is recorded at the end of assessments\n"
	"started in the period, against the year before, and the toxic trio\n"
	"(domestic abuse, adult mental ill health, adult substance misuse) alone and\n"
	"together. Methods: docs/explore.md.\n",
	.options = options,
	.examples =
	"  caseflow drivers --db la.db\n"
	"  caseflow drivers --db la.db --period 2022-23 --table conversion_by_source --format csv --out sources.csv\n"
	"  caseflow drivers --db la.db --format xlsx --out drivers.xlsx\n",
	.run = run,
};

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_drivers, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cli_db(&a), *out = cf_args_str(&a, "--out"), *period_s = cf_args_str(&a, "--period");
	int table = cf_args_enum(&a, "--table");
	enum render_format fmt;
	render_format_parse(cf_args_str(&a, "--format"), &fmt);
	struct kpi_period period;
	if (period_s && kpi_period_parse(period_s, &period))
		return cli_bad_value(&cmd_drivers, "--period", period_s,
				     "a period such as 2023-24, 2023-24Q1, 2024-03 or r12:2024-03-31", NULL);
	if (fmt == RENDER_CSV && table < 0)
		return cli_usage_error(&cmd_drivers, "a CSV file holds one table: name it with --table "
				       "(conversion_by_source, assessment_factors or toxic_trio)");
	struct cf_error err;
	cf_error_clear(&err);
	struct store *st = NULL;
	struct kpi_data data;
	struct drivers_result res = { 0 };
	struct cf_table *t[3] = { 0 };
	char words[8192] = "";
	int loaded = 0, rc;
	if (!(rc = cli_open_store(db, 1, NULL, NULL, &st, &err)) && !(rc = kpi_data_load(st, &data, &err))) {
		loaded = 1;
		if (!period_s)
			drivers_default_period(&data, &period);
		if (!(rc = kpi_period_check(&data, &period, &err)) && !(rc = drivers_compute(st, &data, &period, &res, &err)) &&
		    !(rc = drivers_tables(&res, t, &err))) {
			drivers_words(&res, words, sizeof words);
			rc = table >= 0 ? render_tables(&t[table], 1, fmt, out, &err) : render_tables(t, 3, fmt, out, &err);
			if (!rc)
				fputs(words, fmt == RENDER_TABLE && !out ? stdout : stderr);
		}
	}
	store_close(st);
	for (int i = 0; i < 3; i++)
		cf_table_free(t[i]);
	drivers_free(&res);
	if (loaded)
		kpi_data_release(&data);
	if (rc)
		cf_error_print(&err);
	return rc;
}
