/* caseflow evaluate: did a pilot work? A cohort against a comparison group,
 * outcomes over a window, the difference with a bootstrap interval. */
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
	{ .name = "--cohort", .arg = "FILE",
	  .help = "the cohort's child IDs: one a line, or a CSV with a 'child' column" },
	{ .name = "--cohort-where", .arg = "EXPR",
	  .help = "the cohort as conditions, comma-separated: locality=NAME, age_band=10-15 (at referral), need=N1" },
	{ .name = "--start", .arg = "DATE", .help = "the pilot's start (YYYY-MM-DD): children referred from then join" },
	{ .name = "--intake", .arg = "MONTHS", .type = CF_OPT_INT, .min = 1, .max = 60, .def = "12",
	  .help = "months during which referred children join the cohort" },
	{ .name = "--window", .arg = "MONTHS", .def = "12",
	  .help = "months each child is followed after its referral (12 or 12m)" },
	{ .name = "--outcomes", .arg = "LIST", .type = CF_OPT_ENUM, .flags = CF_OPT_LIST,
	  .choices = "rereferral|assessment|s47|cp_plan|care|days_in_care", .def = "rereferral,cp_plan,care",
	  .help = "what to measure, comma-separated" },
	{ .name = "--comparison", .arg = "KIND", .type = CF_OPT_ENUM, .choices = "matched|locality|before", .def = "matched",
	  .help = "matched: children referred in the same months, matched on age band, need and earlier referrals; "
		  "locality: another locality (--locality), as a difference in differences against the year before; "
		  "before: the cohort's own year before the start" },
	{ .name = "--locality", .arg = "NAME", .help = "the comparison locality of --comparison locality" },
	{ .name = "--boots", .arg = "N", .type = CF_OPT_INT, .min = 100, .max = 100000, .def = "1000",
	  .help = "bootstrap resamples for the 95% interval" },
	{ .name = "--seed", .arg = "N", .type = CF_OPT_INT, .min = 0, .max = 2147483647, .def = "1",
	  .help = "the resampling's seed (the same seed gives the same interval)" },
	{ .name = "--table", .arg = "NAME", .type = CF_OPT_ENUM, .choices = "effects|groups|balance",
	  .help = "write one of the three tables alone (a CSV holds one table)" },
	CLI_OPT_FORMAT,
	CLI_OPT_OUT,
	{ 0 }
};

const struct cli_command cmd_evaluate = {
	.name = "evaluate",
	.summary = "did a pilot work: a cohort against matched children, a locality or its year before",
	.order = 47,
	.usage = "  caseflow evaluate [--db PATH|URI [--la CODE]] (--cohort FILE | --cohort-where EXPR) --start DATE [--intake MONTHS]\n"
		 "               [--window MONTHS] [--outcomes LIST] [--comparison matched|locality|before] [--locality NAME]\n"
		 "               [--boots N] [--seed N] [--table NAME] [--format table|csv|json|xlsx] [--out FILE]",
	.help =
	"The cohort is the children referred in the --intake months from --start who\n"
	"are on the --cohort list or meet --cohort-where. Each child is followed for\n"
	"--window months from that referral: another referral, an assessment, a\n"
	"section 47 enquiry, a child protection plan, care, and days in care. The\n"
	"comparison is children referred in the same months matched one to one on\n"
	"age band, category of need and a referral in the 2 years before (with the\n"
	"balance shown), or another locality's children with both groups' year\n"
	"before (a difference in differences), or the cohort's own year before.\n"
	"The effect has a 95% interval from resampling the children of each group\n"
	"(percentile bootstrap); the words say when the numbers are too small to\n"
	"tell. Methods and their limits: docs/explore.md.\n",
	.options = options,
	.examples =
	"  caseflow evaluate --db la.db --cohort-where locality=Riverside --start 2022-04-01\n"
	"  caseflow evaluate --db la.db --cohort pilot.csv --start 2022-10-01 --outcomes rereferral,care --window 12m\n"
	"  caseflow evaluate --db la.db --cohort-where locality=Riverside --start 2022-04-01 --comparison locality "
	"--locality Northgate\n",
	.run = run,
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The IDs of a cohort file, sorted; *out and each string malloc'd. */
static int read_cohort(const char *path, const char ***out, size_t *n, struct cf_error *err)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		return cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL, "cannot open the cohort file");
	char line[512];
	int col = 0;
	size_t cap = 0;
	long lineno = 0;
	*out = NULL, *n = 0;
	while (fgets(line, sizeof line, fp)) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (lineno == 1 && strchr(line, ',')) {   /* a CSV: find its child column */
			col = -1;
			int i = 0;
			for (char *p = line, *c; p; p = c ? c + 1 : NULL, i++) {
				c = strchr(p, ',');
				size_t len = c ? (size_t)(c - p) : strlen(p);
				if ((len == 5 && strncmp(p, "child", 5) == 0) || (len == 8 && strncmp(p, "child_id", 8) == 0))
					col = i;
			}
			if (col < 0) {
				fclose(fp);
				return cf_error_at(err, CF_EINPUT, path, 1, NULL, line, "a CSV cohort needs a 'child' column");
			}
			continue;
		}
		if (lineno == 1 && strcmp(line, "child") == 0)
			continue;
		char *p = line;
		for (int i = 0; i < col && p; i++)
			p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL;
		if (!p)
			continue;
		p[strcspn(p, ",")] = '\0';
		if (!*p)
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 256;
			const char **v = realloc(*out, cap * sizeof *v);
			if (!v)
				break;
			*out = v;
		}
		if (!((*out)[*n] = strdup(p)))
			break;
		(*n)++;
	}
	fclose(fp);
	if (!*n)
		return cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL, "no child IDs in the cohort file");
	qsort(*out, *n, sizeof **out, cmp_str);
	return CF_OK;
}

static void free_cohort(const char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free((void *)ids[i]);
	free(ids);
}

/* --cohort-where into the filter; CF_EUSAGE after printing. */
static int parse_where(char *expr, struct eval_filter *f)
{
	static const char *const bands[] = { "under1", "1-4", "5-9", "10-15", "16+" };
	for (char *p = expr, *c; p; p = c ? c + 1 : NULL) {
		c = strchr(p, ',');
		if (c)
			*c = '\0';
		char *eq = strchr(p, '=');
		if (!eq || eq == p || !eq[1])
			return cli_bad_value(&cmd_evaluate, "--cohort-where", p, "conditions NAME=VALUE: locality, age_band, need",
					     NULL);
		*eq = '\0';
		const char *v = eq + 1;
		if (strcmp(p, "locality") == 0) {
			f->locality = v;
		} else if (strcmp(p, "need") == 0) {
			f->need = v;
		} else if (strcmp(p, "age_band") == 0) {
			f->age_band = -1;
			for (int b = 0; b < 5; b++)
				if (strcmp(v, bands[b]) == 0 || (b == 0 && strcmp(v, "under 1") == 0))
					f->age_band = b;
			if (f->age_band < 0)
				return cli_bad_value(&cmd_evaluate, "--cohort-where age_band", v, "under1, 1-4, 5-9, 10-15 or 16+",
						     NULL);
		} else {
			return cli_bad_value(&cmd_evaluate, "--cohort-where", p, "locality, age_band or need", NULL);
		}
	}
	return CF_OK;
}

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_evaluate, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cli_db(&a), *out = cf_args_str(&a, "--out"), *cohort_path = cf_args_str(&a, "--cohort");
	const char *where = cf_args_str(&a, "--cohort-where"), *start_s = cf_args_str(&a, "--start");
	const char *window_s = cf_args_str(&a, "--window"), *outcomes_s = cf_args_str(&a, "--outcomes");
	int table = cf_args_enum(&a, "--table");
	enum render_format fmt;
	render_format_parse(cf_args_str(&a, "--format"), &fmt);
	struct eval_options opt = { .cohort = { .age_band = -1 } };
	if (!cohort_path == !where)
		return cli_usage_error(&cmd_evaluate, "name the cohort with one of --cohort FILE or --cohort-where EXPR");
	if (!start_s || cf_date_parse(start_s, strlen(start_s), &opt.start))
		return cli_bad_value(&cmd_evaluate, "--start", start_s ? start_s : "", "the pilot's start date, YYYY-MM-DD",
				     NULL);
	char *end;
	long w = strtol(window_s, &end, 10);
	if (end == window_s || (*end && strcmp(end, "m") != 0) || w < 1 || w > 60)
		return cli_bad_value(&cmd_evaluate, "--window", window_s, "months from 1 to 60, such as 12 or 12m", NULL);
	opt.window_months = (int)w;
	opt.intake_months = (int)cf_args_int(&a, "--intake");
	opt.comparison = (enum eval_comparison)cf_args_enum(&a, "--comparison");
	opt.comparison_locality = cf_args_str(&a, "--locality");
	if ((opt.comparison == EVAL_LOCALITY) != (opt.comparison_locality != NULL))
		return cli_usage_error(&cmd_evaluate, "--comparison locality and --locality NAME go together");
	opt.boots = (int)cf_args_int(&a, "--boots");
	opt.seed = (uint64_t)cf_args_int(&a, "--seed");
	for (const char *p = outcomes_s; *p;) {
		size_t len = strcspn(p, ",");
		for (int o = 0; o < EVAL_NOUTCOMES; o++)
			if (strlen(eval_outcome_names[o]) == len && strncmp(p, eval_outcome_names[o], len) == 0)
				opt.outcomes |= 1u << o;
		p += len + (p[len] == ',');
	}
	if (fmt == RENDER_CSV && table < 0)
		return cli_usage_error(&cmd_evaluate, "a CSV file holds one table: name it with --table (effects, groups or balance)");
	char where_buf[512];
	if (where) {
		snprintf(where_buf, sizeof where_buf, "%s", where);
		if (parse_where(where_buf, &opt.cohort))
			return CF_EUSAGE;
	}
	struct cf_error err;
	cf_error_clear(&err);
	const char **ids = NULL;
	size_t nids = 0;
	struct store *st = NULL;
	struct kpi_data data;
	struct eval_result res;
	struct cf_table *t[3] = { 0 };
	char words[4096] = "";
	int loaded = 0, rc = CF_OK;
	if (cohort_path && !(rc = read_cohort(cohort_path, &ids, &nids, &err)))
		opt.cohort.ids = ids, opt.cohort.nids = nids;
	if (!rc && !(rc = cli_open_store(db, 1, NULL, NULL, &st, &err)) && !(rc = kpi_data_load(st, &data, &err))) {
		loaded = 1;
		if (!(rc = eval_run(&data, &opt, &res, &err)) && !(rc = eval_tables(&res, t, &err))) {
			eval_words(&res, words, sizeof words);
			rc = table >= 0 ? render_tables(&t[table], 1, fmt, out, &err)
					: render_tables(t, opt.comparison == EVAL_MATCHED ? 3 : 2, fmt, out, &err);
			if (!rc)
				fputs(words, fmt == RENDER_TABLE && !out ? stdout : stderr);
		}
	}
	store_close(st);
	for (int i = 0; i < 3; i++)
		cf_table_free(t[i]);
	if (loaded)
		kpi_data_release(&data);
	free_cohort(ids, nids);
	if (rc)
		cf_error_print(&err);
	return rc;
}
