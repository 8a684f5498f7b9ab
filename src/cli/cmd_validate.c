/* caseflow validate: DfE's validation rules over a return, with findings an
 * analyst can act on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "validate/validate.h"
#include "formats/cin_census.h"
#include "store/store.h"
#include "cli/command.h"
#include "outputs/render.h"
#include "outputs/validate_xlsx.h"
#include "store/ingest.h"

static int run(int argc, char **argv);

const struct cli_command cmd_validate = {
	.name = "validate",
	.summary = "check a return against DfE's validation rules for its year",
	.order = 25,
	.usage = "  caseflow validate [--year 2024-25] [--rules 103,2001,...] [--previous DIR] FILE|DIR...\n"
		 "  caseflow validate --postcodes ONSPD.csv --authorities LTLA_UTLA.csv --la CODE [...] FILE|DIR...\n"
		 "  caseflow validate [--year 2024-25] [--rules 8500,...] CENSUS.xml\n"
		 "  caseflow validate --db PATH [--year 2024-25] [--return 903|cin] [--rules ...]\n"
		 "  caseflow validate --list-rules [--year 2024-25] [--return 903|cin]",
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
	"--la); without them, and without Ofsted's provider lists, those rules\n"
	"are listed as skipped. Given a CIN census XML file, runs DfE's CIN\n"
	"census rules for its year (from the Header's ReferenceDate); the row of\n"
	"a CIN finding is the line of its element in the file, and rules about\n"
	"the return as a whole report table LA. UPNs are checked in memory and\n"
	"never shown (a finding says \"withheld, 13 characters\"). With --db,\n"
	"validates the store's SSDA903 return of the year and every CIN census it\n"
	"holds (of --year when given), naming each in the column \"return\"; the\n"
	"store keeps no UPNs, so the UPN rules are reported skipped there. How\n"
	"rules are written and which are not: docs/validation.md.\n"
	"\n"
	"Options:\n"
	"  --year YEAR       collection year: 2024-25, 2024/25 or 2025 (its end);\n"
	"                    default: from the folder name (2024_25), else the year\n"
	"                    of the latest episode date\n"
	"  --rules LIST      only these rule codes, comma-separated\n"
	"  --previous PATH   the previous year's return (files or folder)\n"
	"  --la CODE         the LA's ONS code (E09000033; a district's code stands for\n"
	"                    its county), for placement-location rules: the return\n"
	"                    does not name its LA\n"
	"  --postcodes FILE  the ONS postcode directory as CSV (ONSPD or NSPL; columns\n"
	"                    pcd, oseast1m, osnrth1m, laua or their newer names)\n"
	"  --authorities FILE  the ONS LTLA-UTLA lookup CSV (LTLAyyCD, UTLAyyCD)\n"
	"  --db PATH         validate the store's returns instead of files: the\n"
	"                    SSDA903 return of the year (default: the latest) and\n"
	"                    every CIN census (of --year when given)\n"
	"  --list-rules      list the rules in force (every version without --year)\n"
	"  --return TYPE     903 (default) or cin: the rules to list, or to run on\n"
	"                    a file (a CIN census is recognised without it); with\n"
	"                    --db, only the returns of that kind\n"
	"  --format FMT      table (default), csv, json or xlsx (xlsx needs --out);\n"
	"                    the workbook adds a sheet per table with the failing\n"
	"                    cells highlighted\n"
	"  --out FILE        write there instead of standard output\n"
	"\n"
	"Exit status: 0 when the rules ran (findings or not), 1 bad input, 2 usage,\n"
	"3 I/O.\n"
	"\n"
	"Examples:\n"
	"  caseflow validate la/2023-24/ssda903\n"
	"  caseflow validate --year 2023-24 --previous 2022_23/csv 2023_24/csv --rules 103,503B\n"
	"  caseflow validate --db la.db --format xlsx --out findings.xlsx\n"
	"  caseflow validate --postcodes NSPL_FEB_2025_UK.csv --la E08000035 \\\n"
	"      --authorities data/dfe/LTLA-UTLA_Apr23_Lookup_England-Wales.csv 2024_25/csv\n"
	"  caseflow validate --db la.db --return cin --year 2023-24\n"
	"  caseflow validate --list-rules --year 2024-25\n"
	"  caseflow validate la/2023-24/cin/CIN_Census_2024.xml\n"
	"  caseflow validate --list-rules --return cin --year 2024-25\n",
	.run = run,
};

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

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

/* A CIN census's collection year: that of its Header's ReferenceDate
 * (31 March 2024 is 2023-24), or 0. */
static int cin_year(struct vdata *vd)
{
	struct vframe *h = vdata_frame(vd, "Header");
	if (!h || h->nrows < 1)
		return 0;
	cf_date d = vcol_date(h, vframe_col(h, "ReferenceDate"), 0);
	int y, m, dd;
	if (d == CF_DATE_NONE)
		return 0;
	cf_date_to_ymd(d, &y, &m, &dd);
	return m >= 4 ? y + 1 : y;
}

/* validate --db: what to validate and how to show it. */
struct db_request {
	const char *db;
	int year;                 /* 0: the latest SSDA903 year, every CIN census */
	const char *rules_s;
	const char *la;
	const char *postcodes, *authorities;   /* ONS lookups for the SSDA903 return, or NULL */
	enum render_format fmt;
	const char *out;
	int want_903, want_cin;
};

/* One return validated from the store, kept for the workbook's sheets. */
struct db_result {
	struct vdata vd;
	struct validate_report rep;
	char label[600];          /* names the return: kind, year and file */
	char sheet_prefix[8];     /* before its tables' sheet names when there are several */
};

/* Copy src's rows into dst (given src's columns and a last column "return"
 * the first time), each with label. Returns 0 or -1 on OOM. */
static int append_rows(struct cf_table *dst, const struct cf_table *src, const char *label)
{
	if (dst->ncols == 0) {
		for (int c = 0; c < src->ncols; c++)
			if (cf_table_add_column(dst, src->cols[c].name, src->cols[c].type, src->cols[c].decimals) < 0)
				return -1;
		if (cf_table_add_column(dst, "return", CF_CELL_TEXT, 0) < 0)
			return -1;
	}
	for (size_t r = 0; r < src->nrows; r++) {
		long d = cf_table_add_row(dst);
		if (d < 0)
			return -1;
		for (int c = 0; c < src->ncols; c++) {
			const struct cf_cell *x = cf_table_cell_const(src, r, c);
			int bad = 0;
			switch (x->type) {
			case CF_CELL_INT: cf_table_set_int(dst, (size_t)d, c, x->v.i); break;
			case CF_CELL_REAL: cf_table_set_real(dst, (size_t)d, c, x->v.d); break;
			case CF_CELL_BOOL: cf_table_set_bool(dst, (size_t)d, c, (int)x->v.i); break;
			case CF_CELL_TEXT: bad = cf_table_set_text(dst, (size_t)d, c, x->v.s); break;
			case CF_CELL_JSON: bad = cf_table_set_json(dst, (size_t)d, c, x->v.s); break;
			case CF_CELL_NULL: break;
			}
			if (bad)
				return -1;
		}
		if (cf_table_set_text(dst, (size_t)d, src->ncols, label))
			return -1;
	}
	return 0;
}

/* Each workbook sheet of a return's tables, prefixed when there are several. */
struct db_xlsx {
	struct db_result *res;
	int n;
};

static int db_xlsx_sheets(void *wb, void *ctx, struct cf_error *err)
{
	struct db_xlsx *x = ctx;
	for (int i = 0; i < x->n; i++) {
		struct validate_xlsx_ctx c = { &x->res[i].vd, &x->res[i].rep, x->res[i].sheet_prefix };
		int rc = validate_xlsx_sheets(wb, &c, err);
		if (rc)
			return rc;
	}
	return CF_OK;
}

/* Validate the returns in the store: the SSDA903 return of the year (the
 * latest without --year; the year before as _last) and every CIN census
 * (of the year, with --year), each named in the "return" column. */
static int validate_db(const struct db_request *q)
{
	struct cf_error err;
	struct store *st = NULL;
	struct db_result *res = NULL;
	struct vload_cin_return *cins = NULL;
	int nres = 0, ncin = 0, validated = 0, rc = CF_OK;
	char *codes_copy = NULL;
	const char **codes = NULL;
	int ncodes = 0;
	struct cf_table *all[3] = { cf_table_new("summary"), cf_table_new("findings"), cf_table_new("rules") };
	struct vlookup lk;
	cf_error_clear(&err);
	vlookup_init(&lk);
	if (!all[0] || !all[1] || !all[2] || (q->rules_s && split_codes(q->rules_s, &codes_copy, &codes, &ncodes))) {
		rc = cf_error_set(&err, CF_EIO, "out of memory");
		goto done;
	}
	for (int i = 0; i < ncodes; i++)
		if (!(q->want_903 && validate_rule_known(VR_903, codes[i])) &&
		    !(q->want_cin && validate_rule_known(VR_CIN, codes[i]))) {
			rc = cf_error_set(&err, CF_EUSAGE, "--rules: no rule %s (caseflow validate --list-rules lists them)",
					  codes[i]);
			goto done;
		}
	if ((rc = cli_open_store(q->db, 1, NULL, NULL, &st, &err)))
		goto done;
	int year903 = 0;
	if (q->want_903) {
		year903 = q->year ? q->year : vload_903_store_latest(st, &err);
		if (err.status) {
			rc = err.status;
			goto done;
		}
	}
	if (q->want_cin && (rc = vload_cin_store_list(st, q->year, &cins, &ncin, &err)))
		goto done;
	res = calloc((size_t)ncin + 1, sizeof *res);
	if (!res) {
		rc = cf_error_set(&err, CF_EIO, "out of memory");
		goto done;
	}
	for (int i = -1; i < ncin; i++) {
		struct db_result *r = &res[nres];
		int year = i < 0 ? year903 : q->year ? q->year : cins[i].year;
		if (i < 0 && !year903)
			continue;
		vdata_init(&r->vd);
		nres++;
		if (i < 0) {
			rc = vload_903_store(&r->vd, st, year, &err);
			if (rc == CF_EINPUT && q->want_cin && ncin) {   /* no SSDA903 return that year: the censuses alone */
				cf_error_clear(&err);
				vdata_release(&r->vd);
				nres--;
				rc = CF_OK;
				continue;
			}
			snprintf(r->label, sizeof r->label, "SSDA903 %d-%02d", year - 1, year % 100);
			snprintf(r->sheet_prefix, sizeof r->sheet_prefix, "903 ");
		} else {
			rc = vload_cin_store(&r->vd, st, cins[i].id, &err);
			if (!rc && !year)
				year = cin_year(&r->vd);
			if (!rc && !year)
				rc = cf_error_at(&err, CF_EINPUT, cins[i].path, 0, NULL, NULL,
						 "the census has no ReferenceDate to tell its year: give --year (e.g. 2024-25)");
			snprintf(r->label, sizeof r->label, "CIN census %d-%02d (%s)", year - 1, year % 100, cins[i].path);
			snprintf(r->sheet_prefix, sizeof r->sheet_prefix, "CIN%d ", i + 1);
		}
		if (rc)
			goto done;
		vdata_set_year(&r->vd, year);
		r->vd.meta.la_code = q->la;
		if (i >= 0 && vload_cin_prepare(&r->vd)) {
			rc = cf_error_set(&err, CF_EIO, "out of memory");
			goto done;
		}
		if (i < 0 && q->postcodes) {
			/* the store keeps postcodes as sectors: matched as sectors */
			double t0 = now_seconds();
			rc = vlookup_load(&lk, &r->vd, q->postcodes, q->authorities, q->la, 1, &err);
			if (!rc && vlookup_derive(&lk, &r->vd))
				rc = cf_error_set(&err, CF_EIO, "out of memory");
			if (rc)
				goto done;
			fprintf(stderr, "caseflow: postcodes: %ld of %ld distinct sectors in the directory (%ld rows, %.1f s); LA %s\n",
				lk.nfound, lk.nwanted, lk.dir.rows, now_seconds() - t0, lk.la);
		}
		struct validate_options opt = { .ret = i < 0 ? VR_903 : VR_CIN, .year = year,
						 .codes = ncodes ? codes : NULL, .ncodes = ncodes, .upn_absent = i >= 0,
						 .have_postcodes = i < 0 && q->postcodes != NULL };
		if ((rc = validate_run(&r->vd, &opt, &r->rep, &err)))
			goto done;
		if (append_rows(all[0], r->rep.summary, r->label) || append_rows(all[1], r->rep.findings, r->label) ||
		    append_rows(all[2], r->rep.rules, r->label)) {
			rc = cf_error_set(&err, CF_EIO, "out of memory");
			goto done;
		}
		validated++;
		if (q->fmt == RENDER_TABLE && q->out == NULL)
			fprintf(stderr, "caseflow: %s: rules: %d ran, %d skipped; %ld findings\n", r->label,
				r->rep.nran, r->rep.nskipped, r->rep.nfindings);
		if (q->fmt != RENDER_XLSX) {   /* only the workbook's sheets need the frames */
			validate_report_release(&r->rep);
			vdata_release(&r->vd);
			nres--;
		}
	}
	if (!validated) {
		rc = cf_error_set(&err, CF_EINPUT, "the store holds no %s%s%s", q->want_903 ? "SSDA903 return" : "CIN census",
				  q->want_903 && q->want_cin ? " or CIN census" : "", q->year ? " for that year" : "");
		goto done;
	}
	if (q->fmt == RENDER_XLSX) {
		if (nres == 1)
			res[0].sheet_prefix[0] = 0;
		struct db_xlsx x = { res, nres };
		rc = render_tables_xlsx(all, 3, q->out, db_xlsx_sheets, &x, &err);
	} else {
		rc = render_tables(all, 2, q->fmt, q->out, &err);
	}
done:
	if (rc)
		cf_error_print(&err);
	for (int i = 0; i < nres; i++) {
		validate_report_release(&res[i].rep);
		vdata_release(&res[i].vd);
	}
	free(res);
	free(cins);
	for (int i = 0; i < 3; i++)
		cf_table_free(all[i]);
	store_close(st);
	vlookup_release(&lk);
	free(codes_copy);
	free(codes);
	return rc;
}

static int run(int argc, char **argv)
{
	const char *db = NULL, *fmt_s = "table", *out = NULL, *year_s = NULL, *rules_s = NULL,
		   *prev = NULL, *la = NULL, *ret_s = NULL, *postcodes = NULL, *authorities = NULL;
	int list = 0;
	char **paths = calloc((size_t)argc + 1, sizeof *paths);
	int npaths = 0;
	if (!paths)
		return 3;
	for (int i = 1; i < argc; i++) {
		int m;
		if ((m = cli_opt(&cmd_validate, argc, argv, &i, "--db", &db)) ||
		    (m = cli_opt(&cmd_validate, argc, argv, &i, "--format", &fmt_s)) ||
		    (m = cli_opt(&cmd_validate, argc, argv, &i, "--out", &out)) ||
		    (m = cli_opt(&cmd_validate, argc, argv, &i, "--year", &year_s)) ||
		    (m = cli_opt(&cmd_validate, argc, argv, &i, "--rules", &rules_s)) ||
		    (m = cli_opt(&cmd_validate, argc, argv, &i, "--previous", &prev)) ||
		    (m = cli_opt(&cmd_validate, argc, argv, &i, "--la", &la)) ||
		    (m = cli_opt(&cmd_validate, argc, argv, &i, "--postcodes", &postcodes)) ||
		    (m = cli_opt(&cmd_validate, argc, argv, &i, "--authorities", &authorities)) ||
		    (m = cli_opt(&cmd_validate, argc, argv, &i, "--return", &ret_s))) {
			if (m < 0) {
				free(paths);
				return 2;
			}
			continue;
		}
		if (cli_flag(argv, i, "--list-rules")) {
			list = 1;
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			free(paths);
			return cli_usage_error(&cmd_validate, "unknown option %s", argv[i]);
		}
		paths[npaths++] = argv[i];
	}
	int rc = 0;
	enum render_format fmt;
	int year = 0;
	enum vreturn ret = VR_903;
	if (render_format_parse(fmt_s, &fmt))
		rc = cli_usage_error(&cmd_validate, "--format must be table, csv, json or xlsx");
	else if (year_s && !(year = validate_parse_year(year_s)))
		rc = cli_usage_error(&cmd_validate, "--year %s: give a collection year such as 2024-25", year_s);
	else if (!ret_s || strcmp(ret_s, "903") == 0 || strcmp(ret_s, "ssda903") == 0)
		ret = VR_903;
	else if (strcmp(ret_s, "cin") == 0)
		ret = VR_CIN;
	else
		rc = cli_usage_error(&cmd_validate, "--return must be 903 or cin");
	if (rc) {
		free(paths);
		return rc;
	}
	if (list) {
		free(paths);
		return list_rules(ret, year, fmt, out);
	}
	if (npaths == 1 && !db && cin_census_sniff(paths[0]))
		ret = VR_CIN;
	if (ret == VR_CIN && !db && (npaths != 1 || prev)) {
		free(paths);
		return cli_usage_error(&cmd_validate, "a CIN census is validated from its XML file: give one file (no --previous)");
	}
	if ((db != NULL) == (npaths > 0)) {
		free(paths);
		return cli_usage_error(&cmd_validate, "give the return's files or folder, or --db PATH (not both)");
	}
	if ((postcodes || authorities) && (!postcodes || !authorities || !la || ret != VR_903)) {
		free(paths);
		return cli_usage_error(&cmd_validate, ret != VR_903 ? "--postcodes and --authorities are for SSDA903 returns"
						      : "--postcodes and --authorities go together, with --la CODE "
							"(the return does not name its LA)");
	}
	if (db) {
		struct db_request q = { db, year, rules_s, la, postcodes, authorities, fmt, out,
					ret_s == NULL || ret == VR_903, ret_s == NULL || ret == VR_CIN };
		free(paths);
		return validate_db(&q);
	}

	struct cf_error err;
	struct vdata vd;
	struct validate_report rep;
	struct vlookup lk;
	char *codes_copy = NULL;
	const char **codes = NULL;
	int ncodes = 0;
	memset(&rep, 0, sizeof rep);
	cf_error_clear(&err);
	vdata_init(&vd);
	vlookup_init(&lk);
	if (rules_s && split_codes(rules_s, &codes_copy, &codes, &ncodes)) {
		rc = cf_error_set(&err, CF_EIO, "out of memory");
		goto done;
	}
	for (int i = 0; i < ncodes; i++)
		if (!validate_rule_known(ret, codes[i])) {
			rc = cf_error_set(&err, CF_EUSAGE, "--rules: no rule %s (caseflow validate --list-rules lists them)",
					  codes[i]);
			goto done;
		}
	if (ret == VR_CIN) {
		rc = vload_cin_path(&vd, paths[0], &err);
		if (!rc && !year)
			year = cin_year(&vd);
		if (!rc && !year)
			rc = cf_error_at(&err, CF_EINPUT, paths[0], 0, NULL, NULL,
					 "the census has no ReferenceDate to tell its year: give --year (e.g. 2024-25)");
	} else {
		rc = vload_903_paths(&vd, paths, npaths, "", &err);
		if (!rc && prev)
			rc = vload_903_paths(&vd, (char *const[]){ (char *)prev }, 1, "_last", &err);
		if (!rc && !year)
			year = ingest_year_from_path(paths[0]);
		if (!rc && !year && !(year = vload_infer_year(&vd)))
			rc = cf_error_set(&err, CF_EINPUT, "cannot tell the collection year: give --year (e.g. 2024-25)");
		if (!vd.meta.file_format)   /* an XML return sets "xml" */
			vd.meta.file_format = "csv";
	}
	if (rc)
		goto done;
	vdata_set_year(&vd, year);
	vd.meta.la_code = la;
	if (ret == VR_CIN && vload_cin_prepare(&vd)) {
		rc = cf_error_set(&err, CF_EIO, "out of memory");
		goto done;
	}
	if (postcodes) {
		/* the store keeps postcodes as sectors: matched as sectors */
		double t0 = now_seconds();
		rc = vlookup_load(&lk, &vd, postcodes, authorities, la, db != NULL, &err);
		if (!rc && vlookup_derive(&lk, &vd))
			rc = cf_error_set(&err, CF_EIO, "out of memory");
		if (rc)
			goto done;
		fprintf(stderr, "caseflow: postcodes: %ld of %ld distinct %s in the directory (%ld rows, %.1f s); LA %s\n",
			lk.nfound, lk.nwanted, db ? "sectors" : "postcodes", lk.dir.rows, now_seconds() - t0, lk.la);
	}
	struct validate_options opt = { .ret = ret, .year = year, .codes = ncodes ? codes : NULL, .ncodes = ncodes,
					.have_postcodes = postcodes != NULL };
	rc = validate_run(&vd, &opt, &rep, &err);
	if (rc)
		goto done;
	struct cf_table *tables[] = { rep.summary, rep.findings, rep.rules };
	if (fmt == RENDER_XLSX) {
		struct validate_xlsx_ctx x = { &vd, &rep, NULL };
		rc = render_tables_xlsx(tables, 3, out, validate_xlsx_sheets, &x, &err);
	} else {
		rc = render_tables(tables, 2, fmt, out, &err);
	}
	if (!rc && fmt == RENDER_TABLE && out == NULL)
		fprintf(stderr, "caseflow: %d-%02d rules: %d ran, %d skipped; %ld findings\n", year - 1, year % 100,
			rep.nran, rep.nskipped, rep.nfindings);
done:
	if (rc)
		cf_error_print(&err);
	validate_report_release(&rep);
	vdata_release(&vd);
	vlookup_release(&lk);
	free(codes_copy);
	free(codes);
	free(paths);
	return rc;
}
