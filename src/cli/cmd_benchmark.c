/* caseflow benchmark: an LA against its statistical neighbours, region and
 * England, and the change needed to reach a comparator. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/indicators.h"
#include "base/date.h"
#include "cli/command.h"
#include "store/hub.h"
#include "outputs/render.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	CLI_OPT_DB,
	{ .name = "--la", .arg = "CODE",
	  .help = "DfE three-digit LA number (380) or ONS code (E08000032); 'all' for every LA in the neighbour model" },
	{ .name = "--indicator", .arg = "ID", .flags = CF_OPT_REPEAT,
	  .help = "one indicator, or several separated by commas", .def_text = "all" },
	{ .name = "--years", .arg = "N", .type = CF_OPT_INT, .min = 1, .max = 100,
	  .help = "the latest N years of each indicator", .def_text = "all" },
	{ .name = "--sn-model", .arg = "M", .type = CF_OPT_ENUM, .help = "neighbour grouping", .choices = "2025|2021",
	  .def = "2025" },
	{ .name = "--to", .arg = "CMP", .type = CF_OPT_ENUM,
	  .help = "the gap to this comparator by --by YEAR", .choices = "sn_median|england|sn_upper_quartile" },
	{ .name = "--by", .arg = "YEAR", .help = "with --to: 2027, or a date such as 2027-03-31 (its year to 31 March)" },
	{ .name = "--population", .arg = "N", .help = "projected 0-17 population at --by", .def_text = "held flat" },
	{ .name = "--list", .type = CF_OPT_FLAG, .help = "the indicators benchmarks know, with unit and polarity" },
	CLI_OPT_FORMAT,
	CLI_OPT_OUT,
	{ 0 }
};

const struct cli_command cmd_benchmark = {
	.name = "benchmark",
	.summary = "compare an LA with its statistical neighbours, region and England",
	.order = 50,
	.usage = "  caseflow benchmark [--db PATH] --la CODE|all [--indicator ID ...] [--years N]\n"
		 "                     [--sn-model 2025|2021] [--format table|csv|json|xlsx] [--out FILE]\n"
		 "  caseflow benchmark [--db PATH] --la CODE --to sn_median|england|sn_upper_quartile --by YEAR\n"
		 "                     [--indicator ID ...] [--population N] [--format ...] [--out FILE]\n"
		 "  caseflow benchmark --list",
	.help =
	"Reads the DfE published tables, the ONS child population and the statistical-\n"
	"neighbour groupings from the store. caseflow carries the releases in its data/dfe/\n"
	"and loads them into a store that has none (creating the store when missing);\n"
	"newer releases ingested with 'caseflow ingest DIR' take over. For\n"
	"each indicator and year: the LA's own value (la_value: computed as 'caseflow\n"
	"kpi' does from the child-level returns in the store, taken to be the named\n"
	"LA's, for the years they cover; null otherwise and with --la all), the\n"
	"published value, the\n"
	"neighbours' median (their sum for counts) and each neighbour's value, the region\n"
	"(London for Inner and Outer London) and England, the LA's rank and quartile\n"
	"among all LAs with a value (rank 1 and quartile 1 = best under the indicator's\n"
	"polarity), and the annual rate of change over 3 and 5 years (percent a year,\n"
	"compound) for the LA, its neighbours' figure and England.\n"
	"\n"
	"With --to: the change the LA needs from its latest published year to reach the\n"
	"comparator (held at its latest value) by 31 March of --by: in the indicator's\n"
	"unit, per year, and in children (rates per 10,000 and counts, using the LA's\n"
	"0-17 population, held flat unless --population gives a projection). Counts are\n"
	"compared per head. sn_upper_quartile is the neighbours' best-quartile boundary.\n"
	"Definitions and the indicator map: docs/benchmarks.md.\n",
	.options = options,
	.examples =
	"  caseflow benchmark --db la.db --la 380 --indicator cla_rate_10k --years 5\n"
	"  caseflow ingest --db la.db downloads/dfe-2026/   # a newer release of DFE's tables\n"
	"  caseflow benchmark --db la.db --la E08000032 --format json --out bradford.json\n"
	"  caseflow benchmark --db la.db --la 380 --to sn_median --by 2028 --indicator cla_rate_10k\n",
	.run = run,
};

/* "2027" -> 2027; "2027-03-31" -> the year to 31 March it falls in (2027). */
static int parse_by(const char *s, int *year)
{
	char *end;
	long y = strtol(s, &end, 10);
	if (!*end && end != s && y >= 2000 && y <= 2100) {
		*year = (int)y;
		return 0;
	}
	cf_date d;
	if (cf_date_parse(s, strlen(s), &d) != 0)
		return -1;
	*year = cf_date_fy(d) + 1;
	return 0;
}

struct id_list {
	int *ids, *n, max;
};

static int append(void *ctx, int i)
{
	struct id_list *l = ctx;
	if (*l->n >= l->max) {
		cli_usage_error(&cmd_benchmark, "too many --indicator values");
		return -1;
	}
	l->ids[(*l->n)++] = i;
	return 0;
}

static const char *map_id_at(int i) { return indicator_map[i].id; }

/* caseflow's own figures that DfE publishes nothing for (the families room's,
 * from local extracts) have no comparator: say so, not "no indicator". */
static int unpublished(const char *list)
{
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		char id[64];
		if (len < sizeof id) {
			memcpy(id, p, len);
			id[len] = '\0';
			if (indicator_map_find(id) < 0 && kpi_find(id) >= 0)
				return cli_usage_error(&cmd_benchmark,
						       "%s has no published comparator: DfE publishes no figure for it, so no "
						       "LA has a value to compare with ('caseflow kpi --indicator %s' gives the "
						       "LA's own)",
						       id, id);
		}
		p += len + (p[len] == ',');
	}
	return 0;
}

static int add_indicators(const char *list, int *ids, int *n, int max)
{
	if (unpublished(list))
		return -1;
	return cli_pick_ids(&cmd_benchmark, list, indicator_map_find, map_id_at, indicator_map_count,
			    "see 'caseflow benchmark --list'", append, &(struct id_list){ ids, n, max })
		       ? -1
		       : 0;
}

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_benchmark, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cli_db(&a), *out = cf_args_str(&a, "--out"), *la = cf_args_str(&a, "--la");
	const char *model = cf_args_str(&a, "--sn-model"), *to = cf_args_str(&a, "--to"), *by = cf_args_str(&a, "--by");
	const char *pop_s = cf_args_str(&a, "--population"), *ind_s;
	int ids[128], nids = 0, list = cf_args_has(&a, "--list");
	for (int it = 0; (ind_s = cf_args_next(&a, "--indicator", &it));)
		if (add_indicators(ind_s, ids, &nids, 128))
			return CF_EUSAGE;
	enum render_format fmt;
	render_format_parse(cf_args_str(&a, "--format"), &fmt);   /* one of the table's choices */
	struct cf_error err;
	cf_error_clear(&err);
	if (list) {
		struct cf_table *t;
		int rc = benchmark_indicator_table(&t, &err);
		if (!rc)
			rc = render_tables(&t, 1, fmt, out, &err);
		cf_table_free(t);
		if (rc)
			cf_error_print(&err);
		return rc;
	}
	if (!la)
		return cli_usage_error(&cmd_benchmark, "--la CODE is required (or --la all)");
	long years = cf_args_int(&a, "--years");   /* 0: all */
	enum benchmark_comparator cmp = CMP_SN_MEDIAN;
	int by_year = 0;
	double projection = NAN;
	if (to || by || pop_s) {
		if (!to || !by)
			return cli_usage_error(&cmd_benchmark, "--to and --by go together");
		benchmark_comparator_parse(to, &cmp);   /* one of the table's choices */
		if (parse_by(by, &by_year))
			return cli_usage_error(&cmd_benchmark, "--by must be a year (2027) or a date (2027-03-31), not '%s'", by);
		if (!strcmp(la, "all"))
			return cli_usage_error(&cmd_benchmark, "--to works on one LA, not --la all");
		if (pop_s) {
			char *end;
			projection = strtod(pop_s, &end);
			if (*end || end == pop_s || !(projection > 0))
				return cli_usage_error(&cmd_benchmark, "--population must be a positive number, not '%s'", pop_s);
		}
	}
	struct store *st;
	struct benchmark_data *d = NULL;
	struct cf_table *t = NULL;
	struct benchmark_local local = { 0 };
	struct benchmark_options opt = { 0 };
	opt.all_las = !strcmp(la, "all");
	/* no store yet: make one, which the built-in published tables then fill
	 * (on a hub: the council's rows, read into memory) */
	int rc = hub_is_uri(db) ? cli_open_store(db, 0, NULL, NULL, &st, &err) : store_open(&st, db, 0, &err);
	if (!rc)
		rc = benchmark_load(st, model, &d, &err);
	/* the store's own child-level data is the named LA's: its values are la_value */
	if (!rc && !opt.all_las && !to)
		rc = benchmark_kpi_open(st, &local, &err);
	store_close(st);
	char la_code[8] = "";
	opt.indicators = nids ? ids : NULL;
	opt.nindicators = nids;
	opt.years = (int)years;
	opt.local = local.annual ? &local : NULL;
	if (!rc && !opt.all_las) {
		rc = benchmark_find_la(d, la, la_code, &err);
		opt.la_code = la_code;
	}
	if (!rc)
		rc = to ? benchmark_gap_table(d, &opt, cmp, by_year, projection, &t, &err)
			: benchmark_table(d, &opt, &t, &err);
	if (!rc)
		rc = render_tables(&t, 1, fmt, out, &err);
	cf_table_free(t);
	benchmark_kpi_close(&local);
	benchmark_data_free(d);
	if (rc)
		cf_error_print(&err);
	return rc;
}
