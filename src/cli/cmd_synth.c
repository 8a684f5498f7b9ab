/* caseflow synth: generate a synthetic local authority's returns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "outputs/render.h"
#include "synth/synth.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	{ .name = "--out", .arg = "DIR", .help = "where to write (created if missing; required)" },
	{ .name = "--children", .arg = "N", .type = CF_OPT_INT, .min = 100, .max = 5000000,
	  .help = "children aged 0-17 living there at the start", .def = "10000" },
	{ .name = "--years", .arg = "Y", .type = CF_OPT_INT, .min = 1, .max = 20,
	  .help = "collection years to write", .def = "5" },
	{ .name = "--first-year", .arg = "YYYY",
	  .help = "the first collection year starts 1 April YYYY (2020 is 2020-21); 2020-21 is also accepted",
	  .def = "2020" },
	{ .name = "--seed", .arg = "S", .type = CF_OPT_INT, .min = 0, .max = 2147483647L, .help = "random seed",
	  .def = "1" },
	{ .name = "--xml", .type = CF_OPT_FLAG, .help = "also write the SSDA903 XML layout" },
	{ .name = "--write-ssd", .arg = "DIR",
	  .help = "also write the authority as a Standard Safeguarding Dataset extract (ssd_*.csv) in DIR, "
		  "apart from --out: loaded together they would count every child twice" },
	{ .name = "--la", .arg = "NNN", .type = CF_OPT_INT, .min = 100, .max = 999,
	  .help = "the DfE LA number used in UPNs and headers", .def = "999" },
	{ .name = "--drift", .arg = "D", .type = CF_OPT_ENUM, .choices = "none|history", .def = "none",
	  .help = "none (rates hold from year to year) or history (referral, entry and exit rates drift each "
		  "year as much as every council's published history shows: 20.9%, 18.1% and 6.9% a year)" },
	{ .name = "--plant-source", .arg = "CODE:RATIO",
	  .help = "a known effect: referrals from source CODE (1A..10) lead to a section 47 enquiry RATIO times as "
		  "often (6:1.5: police referrals half as often again), for compare and drivers to find" },
	{ .name = "--plant-pilot", .arg = "LOCALITY:DATE:RATIO",
	  .help = "a known effect: from DATE, a concern about a child of LOCALITY within a year of their case "
		  "closing becomes a referral RATIO times as often (Riverside:2022-04-01:0.5 halves re-referrals "
		  "there), for evaluate to find" },
	{ .name = "--format", .arg = "FMT", .type = CF_OPT_ENUM, .help = "the printed summary as",
	  .choices = "table|csv|json", .def = "table" },
	{ .name = "--quiet", .type = CF_OPT_FLAG, .help = "print nothing" },
	{ 0 }
};

const struct cli_command cmd_synth = {
	.name = "synth",
	.summary = "generate a synthetic local authority's returns (SSDA903, CIN census, Annex A, local extracts)",
	.order = 10,
	.usage = "  caseflow synth --out DIR [--children N] [--years Y] [--first-year YYYY] [--seed S] [--xml]\n"
		 "                 [--write-ssd DIR] [--la NNN] [--drift none|history] [--plant-source CODE:RATIO]\n"
		 "                 [--plant-pilot LOCALITY:DATE:RATIO] [--format table|csv|json] [--quiet]",
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
	"With --write-ssd SSD, also SSD/ssd_*.csv: the same records as the council's Standard\n"
	"Safeguarding Dataset extract on the last day (docs/ssd.md).\n"
	"and prints what the authority holds each year. The same seed gives the same\n"
	"bytes. Nothing in it is about a real child: postcodes are in the unused area XS.\n",
	.options = options,
	.examples =
	"  caseflow synth --children 10000 --years 5 --first-year 2020 --seed 7 --out demo/data\n"
	"  caseflow synth --children 100000 --years 5 --out big --xml --quiet\n"
	"  caseflow synth --children 8000 --years 3 --first-year 2021 --plant-source 6:1.5 --plant-pilot Riverside:2022-04-01:0.5 --out planted\n"
	"  caseflow synth --children 5000 --years 2 --first-year 2023 --out demo/returns --write-ssd demo/ssd\n",
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

/* A ratio of a planted effect: a number above 0 and at most 20. */
static int parse_ratio(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || *end || !(v > 0) || v > 20)
		return -1;
	*out = v;
	return 0;
}

/* --plant-source CODE:RATIO and --plant-pilot LOCALITY:DATE:RATIO into opt
 * (the names into the caller's buffers); 1 after printing the usage error. */
static int parse_plants(struct cf_args *a, struct synth_options *opt, char *code, size_t code_size, char *locality,
			size_t locality_size)
{
	const char *src = cf_args_str(a, "--plant-source"), *pilot = cf_args_str(a, "--plant-pilot");
	if (src) {
		const char *colon = strchr(src, ':');
		if (!colon || colon == src || (size_t)(colon - src) >= code_size || parse_ratio(colon + 1, &opt->plant_source_s47))
			return cli_bad_value(&cmd_synth, "--plant-source", src, "CODE:RATIO, such as 6:1.5", NULL), 1;
		snprintf(code, code_size, "%.*s", (int)(colon - src), src);
		opt->plant_source = code;
	}
	if (pilot) {
		const char *c1 = strchr(pilot, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		if (!c1 || !c2 || c1 == pilot || (size_t)(c1 - pilot) >= locality_size ||
		    cf_date_parse(c1 + 1, (size_t)(c2 - c1 - 1), &opt->plant_from) || parse_ratio(c2 + 1, &opt->plant_rereferral))
			return cli_bad_value(&cmd_synth, "--plant-pilot", pilot, "LOCALITY:DATE:RATIO, such as Riverside:2022-04-01:0.5",
					     NULL), 1;
		snprintf(locality, locality_size, "%.*s", (int)(c1 - pilot), pilot);
		opt->plant_locality = locality;
	}
	return 0;
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
	struct cf_args a;
	if (cli_parse(&cmd_synth, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *out = cf_args_str(&a, "--out"), *first_s = cf_args_str(&a, "--first-year");
	int xml = cf_args_has(&a, "--xml"), quiet = cf_args_has(&a, "--quiet");
	if (!out)
		return cli_usage_error(&cmd_synth, "say where to write with --out DIR");
	long children = cf_args_int(&a, "--children"), years = cf_args_int(&a, "--years"),
	     seed = cf_args_int(&a, "--seed"), la = cf_args_int(&a, "--la"), first;
	if (parse_first_year(first_s, &first) || first < 2000 || first + years > 2100)
		return cli_usage_error(&cmd_synth, "--first-year must be a year such as 2020 (or 2020-21), not '%s'", first_s);
	enum render_format fmt;
	render_format_parse(cf_args_str(&a, "--format"), &fmt);   /* one of the table's choices */

	char source_code[8], locality[64];
	struct synth_options opt = { .children = children, .years = (int)years, .first_year = (int)first,
				     .seed = (uint64_t)seed, .xml = xml, .la_code = (int)la };
	if (cf_args_enum(&a, "--drift") == 1)
		synth_drift_history(&opt);
	if (parse_plants(&a, &opt, source_code, sizeof source_code, locality, sizeof locality))
		return CF_EUSAGE;
	struct cf_error err;
	struct synth_world *w;
	cf_error_clear(&err);
	int rc = synth_simulate(&opt, &w, &err);
	if (!rc) {
		rc = synth_write_all(w, out, &err);
		if (!rc && cf_args_str(&a, "--write-ssd"))
			rc = synth_write_ssd(w, cf_args_str(&a, "--write-ssd"), &err);
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
