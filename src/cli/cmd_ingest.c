/* caseflow ingest: load returns into the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/command.h"
#include "outputs/render.h"
#include "store/ingest.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	{ .name = "--db", .arg = "PATH", .help = "the store, created if missing",
	  .def_text = "$CASEFLOW_DB or caseflow.db" },
	{ .name = "--year", .arg = "YYYY-YY",
	  .help = "the collection year, when neither the folder name (2023-24, 2023_24) nor the data says it" },
	{ .name = "--format", .arg = "FMT", .type = CF_OPT_ENUM, .help = "the load summary as",
	  .choices = "table|csv|json", .def = "table" },
	{ .name = "--table", .arg = "NAME", .type = CF_OPT_ENUM, .choices = "files|issues",
	  .help = "only this one of the summary's tables (CSV needs one: a CSV file holds one table)" },
	{ 0 }
};

const struct cli_command cmd_ingest = {
	.name = "ingest",
	.summary = "load returns, censuses, extracts and published tables into the store",
	.order = 20,
	.usage = "  caseflow ingest [--db PATH] [--year YYYY-YY] [--format table|csv|json] [--table files|issues] FILE|DIR...",
	.positionals = -1,
	.help =
	"Reads every .csv, .xml and .xlsx file named or found under a folder and loads\n"
	"each return in one transaction. What each file is comes from its content\n"
	"(CSV header, XML root element, workbook sheets), whatever it is called:\n"
	"  SSDA903 return     the 11 DfE CSV tables (one folder = one return) or XML\n"
	"  CIN census         XML, every layout 2017 to 2026\n"
	"  Annex A            workbook (List 1 ... List 11) or a list as CSV\n"
	"  workforce census   children's social work workforce XML\n"
	"  local extracts     contacts, early_help, localities, child_areas, population;\n"
	"                     money and sufficiency extracts (docs/money.md); families\n"
	"                     extracts (docs/families.md): CSV or a workbook's first sheet\n"
	"  Ofsted providers   Ofsted's list of children's social care providers\n"
	"                     (URN, provider type ...; postcodes kept as districts)\n"
	"  published tables   DfE tidy CSVs, statistical neighbours, ONS lookups\n"
	"                     (docs/benchmarks.md)\n"
	"  postcode directory the ONS postcode directory (ONSPD, NSPL): loaded after\n"
	"                     the other files, only the sectors the data uses kept\n"
	"Loading a file already in the store (same SHA-256) changes nothing.\n"
	"\n"
	"A structural problem (unreadable file, not a known table, a required column\n"
	"missing) rejects that return: nothing of it is written, the message names\n"
	"the file, line and column, and the exit code is 1. A value problem (bad date,\n"
	"unknown code) keeps the row with its raw value and is recorded in the store's\n"
	"issues table (file, row, column, value, why).\n",
	.options = options,
	.examples =
	"  caseflow ingest --db la.db returns/2023-24/\n"
	"  caseflow ingest --db la.db returns/      # every year under it\n"
	"  caseflow ingest --db la.db --format csv --table files returns/ >load.csv   # each file's rows and issues\n",
	.run = run,
};

static int parse_year(const char *s)
{
	/* "2023-24" -> 2024; "2024" -> 2024 */
	int a = 0, b = 0;
	char tail;
	if (sscanf(s, "%d-%d%c", &a, &b, &tail) == 2 && a >= 2000 && a < 2100 && b == (a + 1) % 100)
		return a + 1;
	if (sscanf(s, "%d%c", &a, &tail) == 1 && a >= 2000 && a < 2100)
		return a;
	return -1;
}

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_ingest, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cli_db(&a), *year_s = cf_args_str(&a, "--year");
	char **paths = a.pos;
	int npaths = a.npos;
	enum render_format fmt;
	struct ingest_options opt = { 0 };
	render_format_parse(cf_args_str(&a, "--format"), &fmt);   /* one of the table's choices */
	if (npaths == 0)
		return cli_usage_error(&cmd_ingest, "name at least one file or folder to load");
	/* refused before anything is loaded: the summary comes after */
	if (fmt == RENDER_CSV && cf_args_enum(&a, "--table") < 0)
		return cli_usage_error(&cmd_ingest, "a CSV file holds one table: name it with --table (files or issues)");
	if (year_s && (opt.collection_year = parse_year(year_s)) < 0)
		return cli_usage_error(&cmd_ingest, "--year must look like 2023-24, not '%s'", year_s);
	const char *fail = getenv("CASEFLOW_FAIL_AFTER_ROWS");
	if (fail)
		opt.fail_after_rows = atol(fail);

	/* a mistyped path should not leave a new empty store behind */
	for (int i = 0; i < npaths; i++) {
		struct stat sb;
		if (stat(paths[i], &sb) != 0) {
			fprintf(stderr, "caseflow: %s: no such file or folder; nothing was loaded\n", paths[i]);
			return CF_EINPUT;
		}
	}
	struct cf_error err;
	struct store *st;
	cf_error_clear(&err);
	int rc = store_open(&st, db, 0, &err);
	if (rc) {
		cf_error_print(&err);
		return rc;
	}
	struct ingest_report rep;
	rc = ingest_paths(st, paths, npaths, &opt, &rep, &err);

	struct cf_table *files = cf_table_new("files");
	struct cf_table *kinds = cf_table_new("issues");
	if (files && kinds && !(rc && rep.nentries == 0)) {   /* nothing read: the error says why */
		cf_table_add_column(files, "file", CF_CELL_TEXT, 0);
		cf_table_add_column(files, "kind", CF_CELL_TEXT, 0);
		cf_table_add_column(files, "status", CF_CELL_TEXT, 0);
		cf_table_add_column(files, "rows_read", CF_CELL_INT, 0);
		cf_table_add_column(files, "rows_stored", CF_CELL_INT, 0);
		cf_table_add_column(files, "issues", CF_CELL_INT, 0);
		cf_table_add_column(files, "note", CF_CELL_TEXT, 0);
		for (int i = 0; i < rep.nentries; i++) {
			struct ingest_entry *e = &rep.entries[i];
			long r = cf_table_add_row(files);
			if (r < 0)
				break;
			cf_table_set_text(files, (size_t)r, 0, e->path);
			cf_table_set_text(files, (size_t)r, 1, e->kind);
			cf_table_set_text(files, (size_t)r, 2, e->status);
			cf_table_set_int(files, (size_t)r, 3, e->rows_read);
			cf_table_set_int(files, (size_t)r, 4, e->rows_stored);
			cf_table_set_int(files, (size_t)r, 5, e->issues);
			cf_table_set_text(files, (size_t)r, 6, e->note);
		}
		cf_table_add_column(kinds, "issue_kind", CF_CELL_TEXT, 0);
		cf_table_add_column(kinds, "count", CF_CELL_INT, 0);
		for (int i = 0; i < rep.nissue_kinds; i++) {
			long r = cf_table_add_row(kinds);
			if (r < 0)
				break;
			cf_table_set_text(kinds, (size_t)r, 0, rep.issue_kinds[i].kind);
			cf_table_set_int(kinds, (size_t)r, 1, rep.issue_kinds[i].count);
		}
		struct cf_table *both[2] = { files, kinds };
		struct cf_error rerr;
		cf_error_clear(&rerr);
		if (cli_render(&a, both, 2, fmt, NULL, &rerr))
			cf_error_print(&rerr);
		if (fmt == RENDER_TABLE) {
			long stored = 0, issues = 0;
			for (int i = 0; i < rep.nentries; i++)
				if (!strcmp(rep.entries[i].status, "loaded")) {
					stored += rep.entries[i].rows_stored;
					issues += rep.entries[i].issues;
				}
			printf("\n%ld rows stored, %ld issues recorded, %d return(s) rejected, in %.2f s (%.1f MB/s) into %s\n",
			       stored, issues, rep.rejected, rep.seconds,
			       rep.seconds > 0 ? rep.bytes / 1e6 / rep.seconds : 0.0, db);
		}
	}
	cf_table_free(files);
	cf_table_free(kinds);
	if (rc)
		cf_error_print(&err);
	ingest_report_release(&rep);
	store_close(st);
	return rc;
}
