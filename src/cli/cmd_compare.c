/* caseflow compare: test a hypothesis about an indicator — do its groups
 * differ, did it change between two periods, did it step or turn at a date. */
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
	{ .name = "--indicator", .arg = "ID",
	  .help = "the indicator to test: a percentage or a rate per 10,000 (ids: docs/definitions.md)" },
	{ .name = "--by", .arg = "DIM",
	  .help = "compare the groups of a breakdown: locality, age_band, sex, ethnicity, category_of_need, source, "
		  "disability or deprivation (as caseflow kpi --by)" },
	{ .name = "--period", .arg = "P", .help = "the period of a --by comparison (as caseflow kpi takes it)",
	  .def_text = "the latest complete financial year" },
	{ .name = "--baseline", .arg = "GROUP",
	  .help = "with --by: compare each group with this one, not with the rest of the authority" },
	{ .name = "--before", .arg = "P", .help = "with --after: the same figure in two periods (2022-23, 2023-24Q1, ...)" },
	{ .name = "--after", .arg = "P", .help = "the later period of a --before comparison" },
	{ .name = "--change-at", .arg = "DATE",
	  .help = "segmented regression of the monthly series around this date (YYYY-MM-DD): the step and the "
		  "change in slope, with 95% intervals" },
	CLI_OPT_FORMAT,
	CLI_OPT_OUT,
	{ 0 }
};

const struct cli_command cmd_compare = {
	.name = "compare",
	.summary = "test a hypothesis: groups, two periods or a change at a date, with 95% intervals",
	.order = 46,
	.usage = "  caseflow compare [--db PATH|URI [--la CODE]] --indicator ID --by DIM [--period P] [--baseline GROUP]\n"
		 "  caseflow compare [--db PATH] --indicator ID --before P --after P\n"
		 "  caseflow compare [--db PATH] --indicator ID --change-at DATE\n"
		 "               [--format table|csv|json|xlsx] [--out FILE]",
	.help =
	"Whether a difference is more than chance. With --by, each group's figure\n"
	"with a 95% interval (Wilson's for percentages, the exact Poisson one for\n"
	"rates per 10,000), its ratio to the baseline (or to the whole authority),\n"
	"a chi-square test that all groups share one figure, and each group against\n"
	"the baseline (or the rest of the authority) with Holm's adjustment for\n"
	"making several comparisons. With --before and --after, the two figures,\n"
	"the change with Newcombe's interval and a chi-square test. With\n"
	"--change-at, an interrupted time series: the monthly figures fitted as a\n"
	"line before the date and a line after it, giving the step at the date and\n"
	"the change in slope, with intervals from Student's t. The findings are\n"
	"printed in words after the table. Methods: docs/explore.md.\n",
	.options = options,
	.examples =
	"  caseflow compare --db la.db --indicator rereferral_12m --by locality\n"
	"  caseflow compare --db la.db --indicator cpp_subsequent --by age_band --baseline 10-15\n"
	"  caseflow compare --db la.db --indicator rereferral_12m --before 2022-23 --after 2023-24 --format json\n"
	"  caseflow compare --db la.db --indicator referral_to_assessment --change-at 2023-04-01\n",
	.run = run,
};

/* A period option as caseflow kpi reads it; CF_EUSAGE after printing. */
static int period_option(const char *opt, const char *s, struct kpi_period *p)
{
	if (kpi_period_parse(s, p) == 0)
		return CF_OK;
	return cli_bad_value(&cmd_compare, opt, s, "a period such as 2023-24, 2023-24Q1, 2024-03 or r12:2024-03-31", NULL);
}

/* Every month from the first loaded year to the end of the default period. */
static int monthly_periods(const struct kpi_data *d, struct kpi_period **out, int *n, struct cf_error *err)
{
	struct kpi_period *all;
	int nall;
	int rc = kpi_all_periods(d, &all, &nall, err);
	if (rc)
		return rc;
	int k = 0;
	for (int i = 0; i < nall; i++)
		if (all[i].kind == KPI_MONTH)
			all[k++] = all[i];
	*out = all;
	*n = k;
	return CF_OK;
}

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_compare, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cli_db(&a), *out = cf_args_str(&a, "--out"), *id_s = cf_args_str(&a, "--indicator");
	const char *by_s = cf_args_str(&a, "--by"), *period_s = cf_args_str(&a, "--period");
	const char *before_s = cf_args_str(&a, "--before"), *after_s = cf_args_str(&a, "--after");
	const char *change_s = cf_args_str(&a, "--change-at"), *baseline = cf_args_str(&a, "--baseline");
	enum render_format fmt;
	render_format_parse(cf_args_str(&a, "--format"), &fmt);
	if (!id_s)
		return cli_usage_error(&cmd_compare, "--indicator is required: the figure to test");
	int id = kpi_find(id_s);
	if (id < 0) {
		const char *best = cli_suggest_indicator(id_s);
		return cli_usage_error(&cmd_compare, "no indicator '%s'%s%s%s (ids: docs/definitions.md)", id_s,
				       best ? "; did you mean " : "", best ? best : "", best ? "?" : "");
	}
	int modes = !!by_s + !!(before_s || after_s) + !!change_s;
	if (modes != 1)
		return cli_usage_error(&cmd_compare, "say what to compare, one of: --by DIM (groups), --before P --after P "
				       "(two periods) or --change-at DATE (a monthly series)");
	if ((before_s != NULL) != (after_s != NULL))
		return cli_usage_error(&cmd_compare, "--before and --after go together");
	if (baseline && !by_s)
		return cli_usage_error(&cmd_compare, "--baseline names a group of --by");
	if (period_s && !by_s)
		return cli_usage_error(&cmd_compare, "--period is for --by; two periods are --before and --after");
	struct kpi_options opt = { 0 };
	if (by_s && (kpi_dim_parse(by_s, &opt.by) || opt.by == KPI_BY_ALL))
		return cli_bad_value(&cmd_compare, "--by", by_s,
				     "locality, age_band, sex, ethnicity, category_of_need, source, disability or deprivation",
				     NULL);
	if (opt.by == KPI_BY_FACTOR)
		return cli_usage_error(&cmd_compare, "--by factor: a child counts under each factor, so the groups overlap "
				       "and a test of no difference between them does not hold; caseflow drivers shows each "
				       "factor's share");
	struct kpi_period two[2];
	if (before_s && (period_option("--before", before_s, &two[0]) || period_option("--after", after_s, &two[1])))
		return CF_EUSAGE;
	cf_date change_at = CF_DATE_NONE;
	if (change_s && cf_date_parse(change_s, strlen(change_s), &change_at))
		return cli_bad_value(&cmd_compare, "--change-at", change_s, "a date YYYY-MM-DD", NULL);
	struct kpi_period one;
	if (period_s && period_option("--period", period_s, &one))
		return CF_EUSAGE;

	struct cf_error err;
	cf_error_clear(&err);
	struct store *st = NULL;
	struct kpi_data data;
	struct kpi_period *periods = NULL;
	struct kpi_result *res = NULL;
	struct cf_table *t = NULL;
	char words[4096] = "";
	int loaded = 0, rc;
	if (!(rc = cli_open_store(db, 1, NULL, NULL, &st, &err)) && !(rc = kpi_data_load(st, &data, &err))) {
		loaded = 1;
		int n = 0;
		if ((rc = kpi_data_load_breakdown(st, &data, opt.by, &err))) {
			;
		} else if (change_s) {
			rc = monthly_periods(&data, &periods, &n, &err);
		} else if (!(periods = malloc(2 * sizeof *periods))) {
			rc = cf_error_set(&err, CF_EIO, "out of memory");
		} else if (before_s) {
			periods[0] = two[0], periods[1] = two[1], n = 2;
		} else {
			if (period_s)
				periods[0] = one;
			else
				kpi_default_period(&data, &periods[0]);
			n = 1;
		}
		for (int k = 0; k < n && !rc; k++)
			rc = kpi_period_check(&data, &periods[k], &err);
		if (!rc)
			rc = kpi_compute(&data, periods, n, &opt, &res, &err);
		if (!rc && by_s) {
			struct compare_groups_result g;
			if (!(rc = compare_groups(res, 0, id, baseline, &g, &err))) {
				rc = compare_groups_table(&g, &t, &err);
				compare_groups_words(&g, words, sizeof words);
				compare_groups_free(&g);
			}
		} else if (!rc && before_s) {
			struct compare_periods_result c;
			if (!(rc = compare_periods(res, 0, 1, id, &c, &err))) {
				rc = compare_periods_table(&c, &t, &err);
				compare_periods_words(&c, words, sizeof words);
			}
		} else if (!rc) {
			struct compare_change_result c;
			if (!(rc = compare_change(res, id, change_at, &c, &err))) {
				rc = compare_change_table(&c, &t, &err);
				compare_change_words(&c, words, sizeof words);
			}
		}
		if (!rc)
			rc = render_tables(&t, 1, fmt, out, &err);
		/* the findings in words: after the table on screen, on stderr when the
		 * output is data (so a CSV or JSON file stays one table) */
		if (!rc)
			fputs(words, fmt == RENDER_TABLE && !out ? stdout : stderr);
	}
	store_close(st);
	cf_table_free(t);
	kpi_result_free(res);
	free(periods);
	if (loaded)
		kpi_data_release(&data);
	if (rc)
		cf_error_print(&err);
	return rc;
}
