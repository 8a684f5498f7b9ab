/* caseflow synth: generate a synthetic local authority's returns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "outputs/render.h"
#include "synth/synth.h"

static int run(int argc, char **argv);

const struct cli_command cmd_synth = {
	.name = "synth",
	.summary = "generate a synthetic local authority's returns (SSDA903, CIN census, Annex A, local extracts)",
	.order = 10,
	.usage = "  caseflow synth --out DIR [--children N] [--years Y] [--first-year YYYY] [--seed S] [--xml]\n"
		 "                 [--la NNN] [--format table|csv|json] [--quiet]",
	.help =
	"Simulates the children of an imaginary authority, day by day over their\n"
	"lives: births, moves in and out, concerns reaching the front door,\n"
	"referrals, assessments, s47 enquiries, conferences, child protection and\n"
	"child in need plans, early help, periods of care with their legal statuses,\n"
	"placements, moves, missing episodes, adoption and special guardianship, and\n"
	"care leavers. Rates are tuned to England's published figures (docs/synth.md).\n"
	"It then writes each collection year the way a council would return it:\n"
	"  DIR/<yyyy-yy>/ssda903/*.csv   the 11 SSDA903 tables (DfE CSV layout)\n"
	"  DIR/<yyyy-yy>/ssda903.xml     the same in DfE's XML layout (--xml)\n"
	"  DIR/<yyyy-yy>/cin_census.xml  the CIN census, in that year's DfE schema\n"
	"  DIR/<yyyy-yy>/annex_a.xlsx    Ofsted's Annex A (Lists 1-11) for an inspection on 31 March\n"
	"  DIR/<yyyy-yy>/contacts.csv, early_help.csv   local front-door extracts\n"
	"  DIR/localities.csv, child_areas.csv, population.csv   places and population\n"
	"and prints what the authority holds each year. The same seed gives the same\n"
	"bytes. Nothing in it is about a real child: postcodes are in the unused area XS.\n"
	"\n"
	"Options:\n"
	"  --out DIR          where to write (created if missing)\n"
	"  --children N       children aged 0-17 living there at the start (default 10000)\n"
	"  --years Y          collection years to write (default 5)\n"
	"  --first-year YYYY  the first collection year starts 1 April YYYY (default 2020,\n"
	"                     so 2020-21); 2020-21 is also accepted\n"
	"  --seed S           random seed (default 1)\n"
	"  --xml              also write the SSDA903 XML layout\n"
	"  --la NNN           the DfE LA number used in UPNs and headers (default 999)\n"
	"  --format FMT       the printed summary as table (default), csv or json\n"
	"  --quiet            print nothing\n"
	"\n"
	"Examples:\n"
	"  caseflow synth --children 10000 --years 5 --first-year 2020 --seed 7 --out demo/data\n"
	"  caseflow synth --children 100000 --years 5 --out big --xml --quiet\n",
	.run = run,
};

static int parse_first_year(const char *s, long *out)
{
	int a, b;
	char tail;
	if (sscanf(s, "%d-%d%c", &a, &b, &tail) == 2 && b == (a + 1) % 100) {
		*out = a;
		return 0;
	}
	if (sscanf(s, "%d%c", &a, &tail) == 1) {
		*out = a;
		return 0;
	}
	return -1;
}

static struct cf_table *stats_table(const struct synth_world *w)
{
	struct cf_table *t = cf_table_new("synthetic authority");
	if (!t)
		return NULL;
	static const char *const cols[] = {
		"year", "children_0_17", "contacts", "referrals", "rereferral_pct", "assessments", "assess_45wd_pct",
		"s47", "icpc", "icpc_15wd_pct", "cpp_started", "cpp_second_pct", "cpp_31mar", "cin_31mar",
		"cla_31mar", "cla_per_10k", "foster_pct", "cla_started", "cla_ceased",
	};
	for (int i = 0; i < (int)(sizeof cols / sizeof cols[0]); i++)
		cf_table_add_column(t, cols[i], i == 0 ? CF_CELL_TEXT : strstr(cols[i], "pct") || strstr(cols[i], "10k") ? CF_CELL_REAL : CF_CELL_INT, 1);
	for (int k = 0; k < w->opt.years; k++) {
		struct synth_year_stats s;
		synth_year_stats(w, w->opt.first_year + k, &s);
		long r = cf_table_add_row(t);
		if (r < 0)
			break;
		char name[8];
		synth_year_name(s.fy, name);
		size_t row = (size_t)r;
		int c = 0;
		cf_table_set_text(t, row, c++, name);
		cf_table_set_int(t, row, c++, s.population);
		cf_table_set_int(t, row, c++, s.contacts);
		cf_table_set_int(t, row, c++, s.referrals);
		cf_table_set_real(t, row, c++, s.referrals ? 100.0 * s.rereferrals / s.referrals : 0);
		cf_table_set_int(t, row, c++, s.assessments);
		cf_table_set_real(t, row, c++, s.assessments ? 100.0 * s.assessments_45wd / s.assessments : 0);
		cf_table_set_int(t, row, c++, s.s47);
		cf_table_set_int(t, row, c++, s.icpc);
		cf_table_set_real(t, row, c++, s.icpc ? 100.0 * s.icpc_15wd / s.icpc : 0);
		cf_table_set_int(t, row, c++, s.cpp_started);
		cf_table_set_real(t, row, c++, s.cpp_started ? 100.0 * s.cpp_second / s.cpp_started : 0);
		cf_table_set_int(t, row, c++, s.cpp_at_31march);
		cf_table_set_int(t, row, c++, s.cin_at_31march);
		cf_table_set_int(t, row, c++, s.cla_at_31march);
		cf_table_set_real(t, row, c++, s.population ? 10000.0 * s.cla_at_31march / s.population : 0);
		cf_table_set_real(t, row, c++, s.cla_at_31march ? 100.0 * s.cla_foster / s.cla_at_31march : 0);
		cf_table_set_int(t, row, c++, s.cla_started);
		cf_table_set_int(t, row, c++, s.cla_ceased);
	}
	return t;
}

static int run(int argc, char **argv)
{
	const char *out = NULL, *children_s = "10000", *years_s = "5", *first_s = "2020", *seed_s = "1", *la_s = "999",
		   *fmt_s = "table";
	int xml = 0, quiet = 0;
	for (int i = 1; i < argc; i++) {
		int m;
		if ((m = cli_opt(&cmd_synth, argc, argv, &i, "--out", &out)) ||
		    (m = cli_opt(&cmd_synth, argc, argv, &i, "--children", &children_s)) ||
		    (m = cli_opt(&cmd_synth, argc, argv, &i, "--years", &years_s)) ||
		    (m = cli_opt(&cmd_synth, argc, argv, &i, "--first-year", &first_s)) ||
		    (m = cli_opt(&cmd_synth, argc, argv, &i, "--seed", &seed_s)) ||
		    (m = cli_opt(&cmd_synth, argc, argv, &i, "--la", &la_s)) ||
		    (m = cli_opt(&cmd_synth, argc, argv, &i, "--format", &fmt_s))) {
			if (m < 0)
				return 2;
			continue;
		}
		if (cli_flag(argv, i, "--xml")) {
			xml = 1;
			continue;
		}
		if (cli_flag(argv, i, "--quiet")) {
			quiet = 1;
			continue;
		}
		return cli_usage_error(&cmd_synth, "unexpected argument %s", argv[i]);
	}
	if (!out)
		return cli_usage_error(&cmd_synth, "say where to write with --out DIR");
	long children, years, first, seed, la;
	if (cli_int(&cmd_synth, "--children", children_s, 100, 5000000, &children) ||
	    cli_int(&cmd_synth, "--years", years_s, 1, 20, &years) ||
	    cli_int(&cmd_synth, "--seed", seed_s, 0, 2147483647L, &seed) ||
	    cli_int(&cmd_synth, "--la", la_s, 100, 999, &la))
		return 2;
	if (parse_first_year(first_s, &first) || first < 2000 || first + years > 2100)
		return cli_usage_error(&cmd_synth, "--first-year must be a year such as 2020 (or 2020-21), not '%s'", first_s);
	enum render_format fmt;
	if (render_format_parse(fmt_s, &fmt) || fmt == RENDER_XLSX)
		return cli_usage_error(&cmd_synth, "--format must be table, csv or json");

	struct synth_options opt = { children, (int)years, (int)first, (uint64_t)seed, xml, (int)la };
	struct cf_error err;
	struct synth_world *w;
	cf_error_clear(&err);
	int rc = synth_simulate(&opt, &w, &err);
	if (!rc) {
		rc = synth_write_all(w, out, &err);
		if (!rc && !quiet) {
			struct cf_table *t = stats_table(w);
			if (!t)
				rc = cf_error_set(&err, CF_EIO, "out of memory");
			else
				rc = render_tables(&t, 1, fmt, NULL, &err);
			cf_table_free(t);
		}
		synth_free(w);
	}
	if (rc)
		cf_error_print(&err);
	return rc;
}
