/* caseflow validate: DfE's validation rules over a return, with findings an
 * analyst can act on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "validate/validate.h"
#include "formats/cin_census.h"
#include "store/store.h"
#include "cli/command.h"
#include "store/hub.h"
#include "outputs/render.h"
#include "outputs/validate_xlsx.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	{ .name = "--year", .arg = "YEAR", .help = "collection year: 2024-25, 2024/25 or 2025 (its end)",
	  .def_text = "from the folder name (2024_25), else the year of the latest episode date" },
	{ .name = "--rules", .arg = "LIST", .help = "only these rule codes, comma-separated" },
	{ .name = "--previous", .arg = "PATH", .help = "the previous year's return (files or folder)" },
	{ .name = "--la", .arg = "CODE",
	  .help = "the LA's ONS code (E09000033; a district's code stands for its county), for placement-location "
		  "rules: the return does not name its LA" },
	{ .name = "--postcodes", .arg = "FILE",
	  .help = "the ONS postcode directory as CSV (ONSPD or NSPL; columns pcd, oseast1m, osnrth1m, laua or "
		  "their newer names)" },
	{ .name = "--authorities", .arg = "FILE", .help = "the ONS LTLA-UTLA lookup CSV (LTLAyyCD, UTLAyyCD)" },
	{ .name = "--db", .arg = "PATH",
	  .help = "validate the store's returns instead of files: the SSDA903 return of the year (default: the "
		  "latest) and every CIN census (of --year when given)" },
	{ .name = "--providers", .type = CF_OPT_FLAG,
	  .help = "with --db: check placements' URNs against the Ofsted provider list in the store (rules 1008, 219, "
		  "221, 224, 227, 228; 229 also needs --la)" },
	{ .name = "--list-rules", .type = CF_OPT_FLAG, .help = "list the rules in force (every version without --year)" },
	{ .name = "--return", .arg = "TYPE", .type = CF_OPT_ENUM,
	  .help = "the rules to list, or to run on a file (a CIN census is recognised without it); with --db, only "
		  "the returns of that kind",
	  .choices = "903|cin|ssda903", .def_text = "903; with --db, both" },
	{ .name = "--format", .arg = "FMT", .type = CF_OPT_ENUM,
	  .help = "how to write the findings (xlsx needs --out; the workbook adds a sheet per table with the failing "
		  "cells highlighted)",
	  .choices = "table|csv|json|xlsx", .def = "table" },
	CLI_OPT_OUT,
	CLI_OPT_TABLE,
	{ 0 }
};

const struct cli_command cmd_validate = {
	.name = "validate",
	.summary = "check a return against DfE's validation rules for its year",
	.order = 25,
	.usage = "  caseflow validate [--year 2024-25] [--rules 103,2001,...] [--previous DIR] FILE|DIR...\n"
		 "  caseflow validate --postcodes ONSPD.csv --authorities LTLA_UTLA.csv --la CODE [...] FILE|DIR...\n"
		 "  caseflow validate [--year 2024-25] [--rules 8500,...] CENSUS.xml\n"
		 "  caseflow validate --db PATH [--year 2024-25] [--return 903|cin] [--rules ...] [--providers [--la CODE]]\n"
		 "  caseflow validate --list-rules [--year 2024-25] [--return 903|cin]\n"
		 "  (each: [--format table|csv|json|xlsx] [--out FILE] [--table summary|findings])",
	.positionals = -1,
	.help =
	"Runs DfE's SSDA903 validation rules in force for the collection year over\n"
	"a return: the DfE CSV tables given (files, or a folder of them), or the\n"
	"returns of that year in the store. Prints a summary (rows failing per\n"
	"rule, most first) and every finding: rule, error or query, table, row in\n"
	"the file (the header is row 1), child ID, the fields involved with their\n"
	"values, and the rule's message. The ruleset is the one DfE's tool uses\n"
	"for that year; rules that need the previous year's return run when it is\n"
	"given (--previous, or the year before in the store). Rules on the\n"
	"placement's LA, location and distance (PL_LA, PL_LOCATION, PL_DISTANCE,\n"
	"which DfE's tool derives from the postcodes) and 392c run when the ONS\n"
	"postcode directory and LA lookup are given (--postcodes, --authorities,\n"
	"--la); without them those rules are listed as skipped. With --db and\n"
	"--providers, the rules on the placement's Ofsted URN (1008, 219, 221,\n"
	"224, 227, 228, 229) check it against the Ofsted provider list ingested\n"
	"into the store (its type, sector, registration end, postcode district\n"
	"and LA); without --providers they are listed as skipped. Given a CIN census XML file, runs DfE's CIN\n"
	"census rules for its year (from the Header's ReferenceDate); the row of\n"
	"a CIN finding is the line of its element in the file, and rules about\n"
	"the return as a whole report table LA. UPNs are checked in memory and\n"
	"never shown (a finding says \"withheld, 13 characters\"). With --db,\n"
	"validates the store's SSDA903 return of the year and every CIN census it\n"
	"holds (of --year when given), naming each in the column \"return\"; the\n"
	"store keeps no UPNs, so the UPN rules are reported skipped there. How\n"
	"rules are written and which are not: docs/validation.md.\n"
	"\n"
	"The two tables are \"summary\" and \"findings\": a CSV file holds one, named\n"
	"with --table (--out DIR/ writes DIR/summary.csv and DIR/findings.csv).\n"
	"\n"
	"Exit status: 0 when the rules ran (findings or not), 1 bad input, 2 usage,\n"
	"3 I/O.\n",
	.options = options,
	.examples =
	"  caseflow validate la/2023-24/ssda903\n"
	"  caseflow validate --year 2023-24 --previous 2022_23/csv 2023_24/csv --rules 103,503B\n"
	"  caseflow validate --db la.db --format xlsx --out findings.xlsx\n"
	"  caseflow validate --db la.db --table findings --format csv --out findings.csv\n"
	"  caseflow validate --postcodes NSPL_FEB_2025_UK.csv --la E08000035 \\\n"
	"      --authorities data/dfe/LTLA-UTLA_Apr23_Lookup_England-Wales.csv 2024_25/csv\n"
	"  caseflow validate --db la.db --return cin --year 2023-24\n"
	"  caseflow validate --db la.db --return 903 --providers --la E06000023\n"
	"  caseflow validate --list-rules --year 2024-25\n"
	"  caseflow validate la/2023-24/cin/CIN_Census_2024.xml\n"
	"  caseflow validate --list-rules --return cin --year 2024-25\n",
	.run = run,
};

/* Split "103, 2001,392c" into codes (pointers into a copy the caller frees). */
static int split_codes(const char *s, char **copy, const char ***codes, int *n)
{
	*copy = strdup(s);
	size_t cap = strlen(s) / 2 + 2;
	*codes = malloc(cap * sizeof **codes);
	*n = 0;
	if (!*copy || !*codes)
		return -1;
	for (char *p = *copy; *p;) {
		while (*p == ',' || *p == ' ')
			*p++ = 0;
		if (!*p)
			break;
		(*codes)[(*n)++] = p;
		while (*p && *p != ',' && *p != ' ')
			p++;
	}
	return 0;
}

static int list_rules(enum vreturn ret, int year, enum render_format fmt, const char *out)
{
	struct cf_error err;
	struct cf_table *t = NULL;
	cf_error_clear(&err);
	int rc = validate_list_rules(ret, year, &t, &err);
	if (!rc)
		rc = render_tables(&t, 1, fmt, out, &err);
	cf_table_free(t);
	if (rc)
		cf_error_print(&err);
	return rc;
}

/* Each workbook sheet of the returns' tables, prefixed when there are several. */
static int outcome_sheets(void *wb, void *ctx, struct cf_error *err)
{
	struct validate_outcome *o = ctx;
	for (int i = 0; i < o->nreturns; i++) {
		struct validate_return *r = &o->returns[i];
		struct validate_xlsx_ctx c = { &r->vd, &r->rep, r->sheet_prefix[0] ? r->sheet_prefix : NULL };
		int rc = validate_xlsx_sheets(wb, &c, err);
		if (rc)
			return rc;
	}
	return CF_OK;
}

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_validate, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cf_args_str(&a, "--db"), *out = cf_args_str(&a, "--out"), *year_s = cf_args_str(&a, "--year");
	const char *rules_s = cf_args_str(&a, "--rules"), *prev = cf_args_str(&a, "--previous");
	const char *la = cf_args_str(&a, "--la"), *ret_s = cf_args_str(&a, "--return");
	const char *postcodes = cf_args_str(&a, "--postcodes"), *authorities = cf_args_str(&a, "--authorities");
	int list = cf_args_has(&a, "--list-rules");
	char **paths = a.pos;
	int npaths = a.npos;
	int rc = 0;
	enum render_format fmt;
	int year = 0;
	enum vreturn ret = ret_s && !strcmp(ret_s, "cin") ? VR_CIN : VR_903;   /* one of the table's choices */
	render_format_parse(cf_args_str(&a, "--format"), &fmt);
	if (year_s && !(year = validate_parse_year(year_s)))
		return cli_usage_error(&cmd_validate, "--year %s: give a collection year such as 2024-25", year_s);

	if (list)
		return list_rules(ret, year, fmt, out);
	if (npaths == 1 && !db && cin_census_sniff(paths[0]))
		ret = VR_CIN;
	if (ret == VR_CIN && !db && (npaths != 1 || prev))
		return cli_usage_error(&cmd_validate, "a CIN census is validated from its XML file: give one file (no --previous)");
	if (db && hub_is_uri(db))
		return cli_usage_error(&cmd_validate, "validation is of a council's own returns: run it on its store or "
						      "files, before 'caseflow push' sends them to the hub");
	if ((db != NULL) == (npaths > 0))
		return cli_usage_error(&cmd_validate, "give the return's files or folder, or --db PATH (not both)");
	int providers = cf_args_has(&a, "--providers");
	if (providers && (!db || (ret_s && ret != VR_903)))
		return cli_usage_error(&cmd_validate, "--providers checks the SSDA903 returns in the store against the Ofsted "
						      "provider list ingested there: give --db PATH");
	if ((postcodes || authorities) && (!postcodes || !authorities || !la || ret != VR_903))
		return cli_usage_error(&cmd_validate, ret != VR_903 ? "--postcodes and --authorities are for SSDA903 returns"
						      : "--postcodes and --authorities go together, with --la CODE "
							"(the return does not name its LA)");

	struct cf_error err;
	struct store *st = NULL;
	struct validate_outcome *o = NULL;
	char *codes_copy = NULL;
	const char **codes = NULL;
	int ncodes = 0;
	cf_error_clear(&err);
	if (rules_s && split_codes(rules_s, &codes_copy, &codes, &ncodes)) {
		rc = cf_error_set(&err, CF_EIO, "out of memory");
		goto done;
	}
	struct validate_request q = {
		.paths = db ? NULL : paths, .npaths = npaths, .previous = prev, .year = year, .ret = ret,
		.want_903 = ret_s == NULL || ret == VR_903, .want_cin = ret_s == NULL || ret == VR_CIN,
		.codes = codes, .ncodes = ncodes, .la = la, .postcodes = postcodes, .authorities = authorities,
		.keep_frames = fmt == RENDER_XLSX, .providers = providers,
	};
	if (db && (rc = cli_open_store(db, 1, NULL, NULL, &st, &err)))
		goto done;
	q.st = st;
	rc = validate_returns(&q, &o, &err);
	for (int i = 0; o && i < o->nreturns; i++) {
		const struct validate_return *r = &o->returns[i];
		if (r->looked_up)
			fprintf(stderr, "caseflow: postcodes: %ld of %ld distinct %s in the directory (%ld rows, %.1f s); LA %s\n",
				r->postcodes_found, r->postcodes_wanted, db ? "sectors" : "postcodes", r->directory_rows,
				r->lookup_seconds, r->lookup_la);
		if (r->providers)
			fprintf(stderr, "caseflow: providers: %ld in Ofsted's list\n", r->providers);
		if (!rc && db && fmt == RENDER_TABLE && out == NULL)
			fprintf(stderr, "caseflow: %s: rules: %d ran, %d skipped; %ld findings\n", r->label, r->nran,
				r->nskipped, r->nfindings);
	}
	if (rc)
		goto done;
	if (fmt == RENDER_XLSX)
		rc = render_tables_xlsx(o->tables, 3, out, outcome_sheets, o, &err);
	else
		rc = cli_render(&a, o->tables, 2, fmt, out, &err);
	if (!rc && !db && fmt == RENDER_TABLE && out == NULL)
		fprintf(stderr, "caseflow: %d-%02d rules: %d ran, %d skipped; %ld findings\n", o->returns[0].year - 1,
			o->returns[0].year % 100, o->returns[0].nran, o->returns[0].nskipped, o->returns[0].nfindings);
done:
	if (rc)
		cf_error_print(&err);
	validate_outcome_free(o);
	store_close(st);
	free(codes_copy);
	free(codes);
	return rc;
}
