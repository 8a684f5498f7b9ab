/* caseflow kpi: the statutory indicators for a period, the LA and a breakdown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/indicators.h"
#include "cli/command.h"
#include "outputs/render.h"
#include "region/region.h"
#include "store/hub.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	CLI_OPT_DB,
	CLI_OPT_HUB_LA,
	{ .name = "--period", .arg = "P",
	  .help = "2023-24 (financial year), 2023-24Q1 (quarter), 2024-03 (month), r12:2024-03-31 (12 months "
		  "to a date), or all (every year, quarter and month loaded); several separated by commas",
	  .def_text = "the latest complete financial year" },
	{ .name = "--indicator", .arg = "ID", .flags = CF_OPT_REPEAT,
	  .help = "only this indicator, or several separated by commas (ids: docs/definitions.md)",
	  .def_text = "all" },
	{ .name = "--by", .arg = "DIM",
	  .help = "a row for each group: locality, age_band, sex, ethnicity, category_of_need, source (of the "
		  "latest referral), factor (at the end of the latest assessment; a child counts under each), "
		  "disability or deprivation (IMD decile of the child's area)" },
	{ .name = "--suppress", .arg = "N", .type = CF_OPT_INT, .min = 0, .max = 1000000,
	  .help = "hide counts below N and what is derived from them (null, \"suppressed\": true), and any cell "
		  "a total would reveal" },
	{ .name = "--list", .type = CF_OPT_FLAG,
	  .help = "list the indicators (id, unit, title, definition) and exit; no store is read" },
	{ .name = "--records", .type = CF_OPT_FLAG,
	  .help = "list the records behind one figure (one --indicator, one --period): a row per child (or event) "
		  "it counts, its share of numerator and denominator, and the return, file and row (or XML line) "
		  "that decided it; refused with --suppress" },
	{ .name = "--group", .arg = "G",
	  .help = "with --records and --by: the records of this group only (e.g. --by sex --group female)",
	  .def_text = "the LA (all)" },
	{ .name = "--centroids", .arg = "FILE",
	  .help = "postcode-sector centroids (CSV sector,lat,lon) for placed_20mi and placed_outside_la" },
	CLI_OPT_FORMAT,
	CLI_OPT_OUT,
	{ 0 }
};

const struct cli_command cmd_kpi = {
	.name = "kpi",
	.summary = "statutory indicators (DfE definitions) for a period, by locality or cohort",
	.order = 40,
	.usage = "  caseflow kpi [--db PATH|URI [--la CODE]] [--period P] [--indicator ID ...] [--by DIM] [--suppress N] [--centroids FILE]\n"
		 "               [--format table|csv|json|xlsx] [--out FILE]\n"
		 "  caseflow kpi [--db PATH] --indicator ID [--period P] [--by DIM --group G] --records [--format ...]\n"
		 "  caseflow kpi --list [--format ...]",
	.help =
	"Every indicator with its numerator, denominator, value and unit, for the LA\n"
	"and, with --by, for each group: re-referrals, assessment and ICPC timeliness,\n"
	"second CP plans, plans lasting 2+ years, rates per 10,000 children, placement\n"
	"stability, missing, care leavers in EET, workforce, and the front-door funnel.\n"
	"Indicator ids and definitions: docs/definitions.md (\"Indicators\"). An\n"
	"indicator whose source is not loaded is left out, with a note on stderr.\n"
	"\n"
	"With --records, one figure's records: a row per unit it counts (a child,\n"
	"or for event counts such as referrals an event), with the child's local ID,\n"
	"what it adds to the numerator and denominator (the columns sum to the\n"
	"figure), and the return, file and row (XML: line) of the deciding record.\n"
	"The figure and how the rows add up to it are noted on stderr. Workforce\n"
	"figures have no records (said so); rates per 10,000 list the numerator.\n",
	.options = options,
	.examples =
	"  caseflow kpi --db la.db\n"
	"  caseflow kpi --db la.db --period 2023-24Q4 --by locality --format json\n"
	"  caseflow kpi --db la.db --period 2023-24 --by source --indicator referral_to_assessment --suppress 6\n"
	"  caseflow kpi --db la.db --period 2023-24 --by deprivation --indicator cpp_started --format csv\n"
	"  caseflow kpi --db la.db --period all --indicator cla_31mar,cla_started --format csv\n"
	"  caseflow kpi --db la.db --period r12:2024-06-30 --suppress 6 --format csv --out kpi.csv\n"
	"  caseflow kpi --list --format csv\n"
	"  caseflow kpi --db la.db --indicator placement_3plus --period 2023-24 --records --format csv\n"
	"  caseflow kpi --db la.db --indicator cla_31mar --by sex --group female --records\n",
	.run = run,
};

struct picked {
	unsigned char *want;
	int *n;
};

static int mark(void *ctx, int k)
{
	struct picked *p = ctx;
	*p->n += !p->want[k];
	p->want[k] = 1;
	return 0;
}

static const char *kpi_id_at(int i) { return kpi_defs[i].id; }

/* Mark the indicators of a comma list in want[] (kpi ids); CF_EUSAGE
 * after printing, with the id meant, when one is not an indicator. */
static int pick_indicators(const char *list, unsigned char want[K_N], int *n)
{
	return cli_pick_ids(&cmd_kpi, list, kpi_find, kpi_id_at, K_N,
			    "ids: docs/definitions.md, or 'caseflow kpi' without --indicator", mark,
			    &(struct picked){ want, n });
}

/* --records: the records behind one figure, its figure and what the rows
 * count on stderr. */
static int print_records(struct store *st, const struct kpi_data *data, int id, const struct kpi_period *p,
			 const struct kpi_options *opt, const char *group, enum render_format fmt, const char *out,
			 struct cf_error *err)
{
	struct kpi_records *r = NULL;
	struct cf_table *t = NULL;
	int rc = kpi_records(st, data, id, p, opt, group, &r, err);
	if (!rc && !(rc = kpi_records_table(r, &t, err))) {
		char num[32] = "-", den[32] = "-";
		if (r->cell.has_num)
			snprintf(num, sizeof num, "%g", r->cell.num);
		if (r->cell.has_den)
			snprintf(den, sizeof den, "%g", r->cell.den);
		fprintf(stderr, "caseflow kpi: %s %s %s: numerator %s, denominator %s; %zu records: %s\n", kpi_defs[id].id,
			p->label, r->group, num, den, r->n, r->note);
		rc = render_tables(&t, 1, fmt, out, err);
	}
	cf_table_free(t);
	kpi_records_free(r);
	return rc;
}

/* --list: every indicator, in output order. */
static int print_list(enum render_format fmt, const char *out)
{
	struct cf_error err;
	cf_error_clear(&err);
	struct cf_table *t = cf_table_new("indicators");
	int rc = t ? CF_OK : cf_error_set(&err, CF_EIO, "out of memory");
	static const char *const cols[] = { "indicator", "unit", "title", "definition" };
	for (int c = 0; !rc && c < 4; c++)
		cf_table_add_column(t, cols[c], CF_CELL_TEXT, 0);
	for (int k = 0; !rc && k < K_N; k++) {
		long row = cf_table_add_row(t);
		if (row < 0 || cf_table_set_text(t, (size_t)row, 0, kpi_defs[k].id) ||
		    cf_table_set_text(t, (size_t)row, 1, kpi_unit_names[kpi_defs[k].unit]) ||
		    cf_table_set_text(t, (size_t)row, 2, kpi_defs[k].title) ||
		    cf_table_set_text(t, (size_t)row, 3, kpi_defs[k].definition))
			rc = cf_error_set(&err, CF_EIO, "out of memory");
	}
	if (!rc)
		rc = render_tables(&t, 1, fmt, out, &err);
	cf_table_free(t);
	if (rc)
		cf_error_print(&err);
	return rc;
}

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_kpi, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cli_db(&a), *out = cf_args_str(&a, "--out"), *period = cf_args_str(&a, "--period");
	const char *by_s = cf_args_str(&a, "--by"), *centroids_path = cf_args_str(&a, "--centroids");
	enum render_format fmt;
	render_format_parse(cf_args_str(&a, "--format"), &fmt);   /* one of the table's choices */
	if (cf_args_has(&a, "--list"))
		return print_list(fmt, out);
	struct kpi_options opt = { 0 };
	/* kpi_dim_parse also takes "all" and the short names age, cin and need */
	if (kpi_dim_parse(by_s ? by_s : "all", &opt.by)) {
		struct cf_suggest sg;
		cf_suggest_init(&sg, by_s);
		for (int i = 0; i < KPI_NDIMS; i++)
			cf_suggest_offer(&sg, kpi_dim_names[i]);
		return cli_bad_value(&cmd_kpi, "--by", by_s,
				     "locality, age_band, sex, ethnicity, category_of_need, source, factor, disability or deprivation",
				     cf_suggest_best(&sg));
	}
	opt.suppress = cf_args_int(&a, "--suppress");
	unsigned char want[K_N] = { 0 };
	int nwant = 0;
	const char *ind;
	for (int it = 0; (ind = cf_args_next(&a, "--indicator", &it));)
		if (pick_indicators(ind, want, &nwant))
			return CF_EUSAGE;
	int records = cf_args_has(&a, "--records") > 0, record_id = -1;
	const char *group = cf_args_str(&a, "--group");
	if (group && (!records || opt.by == KPI_BY_ALL))
		return cli_usage_error(&cmd_kpi, "--group names a group of --by for --records: give both");
	if (records) {
		for (int k = 0; k < K_N; k++)
			if (want[k])
				record_id = k;
		if (nwant != 1)
			return cli_usage_error(&cmd_kpi, "--records lists one figure's records: give one --indicator");
		if (period && (strcmp(period, "all") == 0 || strchr(period, ',')))
			return cli_usage_error(&cmd_kpi, "--records lists one figure's records: give one --period");
	}
	if (period && strcmp(period, "all") != 0) {
		/* check the syntax before opening anything */
		struct kpi_period *ps;
		int n;
		struct cf_error perr;
		cf_error_clear(&perr);
		if (kpi_periods_parse(period, &(struct kpi_data){ 0 }, &ps, &n, &perr))
			return cli_usage_error(&cmd_kpi, "--period '%s': %s", perr.value, perr.msg);
		free(ps);
	}
	struct cf_error err;
	cf_error_clear(&err);
	struct centroids cent = { 0 };
	int rc = CF_OK;
	if (centroids_path) {
		if ((rc = centroids_read(centroids_path, &cent, &err))) {
			cf_error_print(&err);
			return rc;
		}
		opt.centroids = &cent;
	}
	/* on a hub, --la all: every council and the region (the region room) */
	const char *hub_la = cf_args_str(&a, "--la");
	if (hub_is_uri(db) && hub_la && !strcmp(hub_la, "all")) {
		if (records || centroids_path || opt.by != KPI_BY_ALL)
			return cli_usage_error(&cmd_kpi, "--la all gives each council and the region: without --records, "
							 "--by or --centroids");
		struct region_kpi_request q = { db, period, nwant ? want : NULL, opt.suppress };
		struct region_kpi *r = NULL;
		struct cf_table *rt = NULL;
		if (!(rc = region_kpi(&q, &r, &err)) && !(rc = region_kpi_table(r, opt.suppress, &rt, &err)))
			rc = render_tables(&rt, 1, fmt, out, &err);
		cf_table_free(rt);
		region_kpi_free(r);
		if (rc)
			cf_error_print(&err);
		return rc;
	}
	struct store *st = NULL;
	struct kpi_data data;
	struct kpi_period *periods = NULL;
	struct kpi_result *res = NULL;
	struct cf_table *t = NULL;
	int nperiods = 0, loaded = 0;
	if (!(rc = cli_open_store(db, 0, NULL, NULL, &st, &err)) && !(rc = kpi_data_load(st, &data, &err))) {
		loaded = 1;
		rc = kpi_data_load_breakdown(st, &data, opt.by, &err);
		if (!records) {
			store_close(st);
			st = NULL;
		}
		if (!rc && !(rc = kpi_periods_parse(period, &data, &periods, &nperiods, &err)))
			for (int k = 0; k < nperiods && !rc; k++)
				rc = kpi_period_check(&data, &periods[k], &err);
		if (!rc && records)
			rc = print_records(st, &data, record_id, &periods[0], &opt, group, fmt, out, &err);
		else if (!rc && !(rc = kpi_compute(&data, periods, nperiods, &opt, &res, &err)) && nwant)
			for (int k = 0; k < K_N; k++)   /* --indicator: the rest are left out of the table */
				res->omitted[k] |= !want[k];
		if (!rc && !records && !(rc = kpi_result_table(res, &t, &err))) {
			for (const char *n = res->notes; *n;) {
				size_t len = strcspn(n, "\n");
				fprintf(stderr, "caseflow kpi: note: %.*s\n", (int)len, n);
				n += len + (n[len] == '\n');
			}
			rc = render_tables(&t, 1, fmt, out, &err);
		}
	}
	store_close(st);
	cf_table_free(t);
	kpi_result_free(res);
	free(periods);
	if (loaded)
		kpi_data_release(&data);
	centroids_release(&cent);
	if (rc)
		cf_error_print(&err);
	return rc;
}
