/* caseflow export: write a statutory return from the store and validate it. */
#include <stdio.h>
#include <string.h>

#include "cli/command.h"
#include "outputs/export.h"
#include "outputs/render.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	CLI_OPT_DB,
	CLI_OPT_HUB_LA,
	{ .name = "--year", .arg = "YEAR", .help = "collection year: 2024-25, 2024/25 or 2025 (its end)" },
	{ .name = "--as", .arg = "FORMAT", .type = CF_OPT_ENUM, .choices = "ssda903|ssda903-xml|cin-census|annex-a",
	  .help = "the return to write: ssda903 (DfE's CSV tables), ssda903-xml (DfE's XML layout), cin-census "
		  "(the census XML) or annex-a (Ofsted's Annex A workbook, lists 1-11)",
	  .def = "ssda903" },
	{ .name = "--out", .arg = "DIR|FILE",
	  .help = "ssda903: the folder to write the tables into; ssda903-xml, cin-census: the XML file; annex-a: the "
		  ".xlsx file (folders made when missing)" },
	{ 0 }
};

const struct cli_command cmd_export = {
	.name = "export",
	.summary = "write a statutory return from the store, then validate what was written",
	.order = 27,
	.usage = "  caseflow export [--db PATH|URI [--la CODE]] --year 2024-25 [--as ssda903] --out DIR\n"
		 "  caseflow export [--db PATH] --year 2024-25 --as ssda903-xml|cin-census --out FILE.xml\n"
		 "  caseflow export [--db PATH] --year 2024-25 --as annex-a --out FILE.xlsx",
	.help =
	"Writes the SSDA903 return of the collection year from the rows the store\n"
	"holds for it (the returns of that year loaded by caseflow ingest): DfE's\n"
	"CSV tables header.csv, episodes.csv, reviews.csv ... sw_episodes.csv, with\n"
	"the columns and file names caseflow synth writes and caseflow ingest reads\n"
	"(one writer serves both). Then runs caseflow validate's rules for the\n"
	"year on the files written and prints how many rows each file holds and\n"
	"the validation summary (rows failing per rule).\n"
	"\n"
	"--as ssda903-xml writes the same rows in DfE's XML layout (one <CHILD>\n"
	"per child of the header table; the social worker episodes are not in that\n"
	"layout). --as cin-census writes the CIN census of the year (the latest load of\n"
	"that year's census in the store) as one XML file in the layout of that\n"
	"year's DfE schema, by the writer caseflow synth uses, and validates it\n"
	"with the CIN census rules.\n"
	"\n"
	"--as annex-a writes Ofsted's Annex A workbook (sheets List 1 ... List 11\n"
	"with Ofsted's headers) from the latest Annex A workbook of the year the\n"
	"store holds (else its Annex A lists as CSV): each list's rows as caseflow\n"
	"ingest kept them, dates as Excel dates and codes in Ofsted's spellings,\n"
	"so that ingesting the workbook gives the same rows. A store with no Annex\n"
	"A of the year gets Lists 1-8 built from its current records of any\n"
	"source (CIN census, SSDA903, local extracts, SSD) in the six months to\n"
	"31 March.\n"
	"Ofsted sets no validation rules, so none are run; columns under headers\n"
	"no list has are not written (the count is printed).\n"
	"\n"
	"What the store does not keep is not invented: UPNs are left out (the\n"
	"SSDA903 UPN column is blank; a census child keeps its UPNunknown reason\n"
	"but no UPN): take the UPNs from the case-management system before\n"
	"submitting. HOME_POST and PL_POST hold the postcode sectors the store\n"
	"keeps (XS4 7), not full postcodes. See docs/export.md.\n"
	"\n"
	"Exit status: 0 when written (and validated, findings or not), 1 when the\n"
	"store holds no return of the year, 2 usage, 3 I/O.\n",
	.options = options,
	.examples =
	"  caseflow export --db la.db --year 2023-24 --as ssda903 --out export/2023-24/ssda903\n"
	"  caseflow export --db la.db --year 2023-24 --as ssda903-xml --out export/2023-24/ssda903.xml\n"
	"  caseflow export --db la.db --year 2023-24 --as cin-census --out export/2023-24/cin_census.xml\n"
	"  caseflow export --db la.db --year 2023-24 --as annex-a --out export/2023-24/annex_a.xlsx\n",
	.run = run,
};

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_export, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cli_db(&a), *year_s = cf_args_str(&a, "--year"), *out = cf_args_str(&a, "--out");
	const char *as = cf_args_str(&a, "--as");
	int year = year_s ? validate_parse_year(year_s) : 0;
	if (!year)
		return cli_usage_error(&cmd_export, "give the collection year: --year 2024-25");
	if (!out)
		return cli_usage_error(&cmd_export, "give where to write: --out DIR (ssda903) or FILE (the XML layouts)");
	struct cf_error err;
	struct store *st = NULL;
	struct export_result r;
	memset(&r, 0, sizeof r);
	cf_error_clear(&err);
	int rc = cli_open_store(db, 1, NULL, NULL, &st, &err);
	if (!rc) {
		struct export_request q = { .st = st, .year = year, .as = !strcmp(as, "cin-census")    ? EXPORT_CIN_CENSUS
						   : !strcmp(as, "ssda903-xml") ? EXPORT_SSDA903_XML
						   : !strcmp(as, "annex-a")     ? EXPORT_ANNEXA
										: EXPORT_SSDA903, .out = out };
		rc = export_returns(&q, &r, &err);
	}
	if (!rc)
		rc = render_tables(&r.written, 1, RENDER_TABLE, NULL, &err);
	if (!rc && r.annexa_from_records)
		printf("\nno Annex A of the year in the store: Lists 1-8 built from its records (docs/export.md)\n");
	if (!rc && !r.checked && r.extra_values)
		printf("\n%ld values under headers no Annex A list has were not written\n", r.extra_values);
	if (!rc && r.checked) {
		const struct validate_return *v = &r.checked->returns[0];
		printf("\nvalidate %s: rules: %d ran, %d skipped; %ld findings\n", out, v->nran, v->nskipped,
		       v->nfindings);
		rc = render_tables(&r.checked->tables[0], 1, RENDER_TABLE, NULL, &err);
	}
	if (rc)
		cf_error_print(&err);
	export_result_release(&r);
	store_close(st);
	return rc;
}
