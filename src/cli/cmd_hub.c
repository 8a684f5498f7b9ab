/* caseflow hub: set up and govern a regional hub on PostgreSQL (init, la
 * add, consent, purge, status). Pushing is `caseflow push`. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "outputs/render.h"
#include "region/region.h"
#include "store/hub.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	{ .name = "--db", .arg = "URI", .help = "the hub: postgresql://host/db or service=NAME (credentials from "
						 "~/.pgpass, a service file or PG* variables, never here)" },
	{ .name = "--region", .arg = "NAME", .sub = "init",
	  .help = "the region's name (lower case): it prefixes the hub's roles, REGION_admin, REGION_regional, "
		  "REGION_la_CODE" },
	{ .name = "--dob", .arg = "RULE", .type = CF_OPT_ENUM, .sub = "init", .choices = "month|exact", .def = "month",
	  .help = "how dates of birth are kept: to the month (ages at every event kept exact), or as given" },
	{ .name = "--la", .arg = "CODE", .sub = "la|consent", .help = "the council's three-digit DfE code" },
	{ .name = "--name", .arg = "NAME", .sub = "la", .help = "the council's name" },
	{ .name = "--use", .arg = "USE", .type = CF_OPT_ENUM, .sub = "consent",
	  .choices = "benchmarking|forecasting|sufficiency|research", .help = "what the data may be used for" },
	{ .name = "--on", .type = CF_OPT_FLAG, .sub = "consent", .help = "the council consents to --use" },
	{ .name = "--off", .type = CF_OPT_FLAG, .sub = "consent",
	  .help = "consent withdrawn: that council's returns for --use are removed at once" },
	{ .name = "--retention", .arg = "PERIOD", .sub = "consent",
	  .help = "with --on: keep each return this long after its push (7y, 18m, 90d); 'caseflow hub purge' "
		  "applies it", .def_text = "until consent is withdrawn" },
	{ .name = "--period", .arg = "P", .sub = "publish",
	  .help = "as kpi --period: 2023-24, 2023-24Q1, 2024-03, several separated by commas, or all",
	  .def_text = "the latest complete financial year of the pooled returns" },
	CLI_OPT_FORMAT,
	CLI_OPT_OUT,
	{ 0 }
};

const struct cli_command cmd_hub = {
	.name = "hub",
	.summary = "set up and govern a regional hub on PostgreSQL: councils, consent, retention",
	.order = 92,
	.usage = "  caseflow hub init --db URI --region NAME [--dob month|exact]\n"
		 "  caseflow hub la add --db URI --la CODE --name NAME\n"
		 "  caseflow hub consent --db URI --la CODE --use USE --on [--retention 7y] | --off\n"
		 "  caseflow hub purge --db URI\n"
		 "  caseflow hub publish --db URI [--period P]\n"
		 "  caseflow hub status --db URI [--format table|csv|json] [--out FILE]",
	.help =
	"A hub pools many councils' returns in one PostgreSQL database, each\n"
	"council's rows its own (docs/hub.md). init creates the schema and the\n"
	"roles: REGION_admin (owns the hub), REGION_regional (pooled views with\n"
	"small numbers suppressed) and, per council, REGION_la_CODE, which reads and\n"
	"pushes only its own rows (row-level security). They are groups: grant them\n"
	"to login roles (GRANT region_la_380 TO alice). init needs a role that owns\n"
	"the database and may create roles; never a superuser. Run it again after\n"
	"upgrading caseflow.\n"
	"\n"
	"consent records what a council has agreed its data may be used for;\n"
	"'caseflow push' sends only returns that serve a use consented to. --off\n"
	"removes the council's returns for that use at once; purge removes those\n"
	"past their retention (run it daily). Every change, push and read of the\n"
	"hub is written to its audit table.\n"
	"\n"
	"publish computes every indicator for each council and for the region (the\n"
	"councils' children pooled) from the children themselves, and replaces the\n"
	"hub's figures with them: the regional role reads them in the view\n"
	"hub.region_figures, counts from 1 to 4 suppressed. 'caseflow kpi --db URI\n"
	"--la all' prints the same table with each council's rank.\n"
	"\n"
	"The analyses run on the hub with --db URI --la CODE (docs/hub.md).\n",
	.options = options,
	.positionals = 1,
	.subcommands = "init|la|consent|purge|publish|status",
	.examples =
	"  caseflow hub init --db postgresql://hub.example/region --region yorkshire\n"
	"  caseflow hub la add --db service=region --la 380 --name Bradford\n"
	"  caseflow hub consent --db service=region --la 380 --use benchmarking --on --retention 7y\n"
	"  caseflow hub purge --db service=region\n"
	"  caseflow hub publish --db service=region --period 2023-24,2024-25\n"
	"  caseflow hub status --db service=region --format csv\n",
	.run = run,
};

/* "7y", "18m", "90d" to days (a year 365, a month 30: retention is counted
 * generously). -1 when not readable. */
static int retention_days(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);
	if (end == s || n <= 0 || n > 100000 || end[0] == 0 || end[1] != 0)
		return -1;
	switch (tolower((unsigned char)*end)) {
	case 'y': return n <= 200 ? (int)(n * 365) : -1;
	case 'm': return n <= 2400 ? (int)(n * 30) : -1;
	case 'd': return (int)n;
	default: return -1;
	}
}

static int status_row(void *ctx, const struct hub_council_status *c)
{
	struct cf_table *t = ctx;
	long r = cf_table_add_row(t);
	if (r < 0 || cf_table_set_text(t, (size_t)r, 0, c->la) || cf_table_set_text(t, (size_t)r, 1, c->name) ||
	    cf_table_set_text(t, (size_t)r, 4, c->uses))
		return CF_EIO;
	cf_table_set_int(t, (size_t)r, 2, c->returns);
	cf_table_set_int(t, (size_t)r, 3, c->rows);
	return CF_OK;
}

static int run(int argc, char **argv)
{
	const char *verb = cli_subcommand(&cmd_hub, argc, argv);
	if (!verb)
		return CF_EUSAGE;
	struct cf_args a;
	if (cli_parse(&cmd_hub, verb, argc - 1, argv + 1, &a))
		return CF_EUSAGE;
	const char *db = cf_args_str(&a, "--db"), *la = cf_args_str(&a, "--la");
	if (!db || !hub_is_uri(db))
		return cli_usage_error(&cmd_hub, "--db names the hub: postgresql://host/db or service=NAME");
	int is_la = !strcmp(verb, "la");
	if (is_la != (a.npos > 0) || (is_la && strcmp(a.pos[0], "add")))
		return cli_usage_error(&cmd_hub, is_la ? "say 'hub la add'" : "unexpected argument %s", is_la ? "" : a.pos[0]);
	int use = -1, on = cf_args_has(&a, "--on") > 0, off = cf_args_has(&a, "--off") > 0, days = 0;
	if (!strcmp(verb, "init") && !cf_args_str(&a, "--region"))
		return cli_usage_error(&cmd_hub, "init needs --region NAME");
	if ((is_la || !strcmp(verb, "consent")) && !la)
		return cli_usage_error(&cmd_hub, "%s needs --la CODE", verb);
	if (is_la && !cf_args_str(&a, "--name"))
		return cli_usage_error(&cmd_hub, "la add needs --name NAME");
	if (!strcmp(verb, "consent")) {
		if (!cf_args_str(&a, "--use"))
			return cli_usage_error(&cmd_hub, "consent needs --use USE");
		use = hub_use_parse(cf_args_str(&a, "--use"));
		if (on == off)
			return cli_usage_error(&cmd_hub, "consent needs --on or --off, not both");
		const char *ret = cf_args_str(&a, "--retention");
		if (ret && off)
			return cli_usage_error(&cmd_hub, "--retention goes with --on");
		if (ret && (days = retention_days(ret)) < 0)
			return cli_bad_value(&cmd_hub, "--retention", ret, "a number and y, m or d (7y, 18m, 90d)", NULL);
	}
	struct cf_error err;
	cf_error_clear(&err);
	struct hub *h;
	int rc = hub_connect(&h, db, &err);
	if (!rc && !strcmp(verb, "init")) {
		enum hub_dob_rule dob = strcmp(cf_args_str(&a, "--dob"), "exact") ? HUB_DOB_MONTH : HUB_DOB_EXACT;
		if (!(rc = hub_init(h, cf_args_str(&a, "--region"), dob, &err)))
			printf("hub ready: region %s, roles %s_admin, %s_regional; add councils with 'caseflow hub la add'\n",
			       cf_args_str(&a, "--region"), cf_args_str(&a, "--region"), cf_args_str(&a, "--region"));
	} else if (!rc && is_la) {
		if (!(rc = hub_la_add(h, la, cf_args_str(&a, "--name"), &err)))
			printf("council %s (%s) added; record its consent with 'caseflow hub consent'\n", la,
			       cf_args_str(&a, "--name"));
	} else if (!rc && !strcmp(verb, "consent")) {
		long removed = 0;
		if (!(rc = hub_consent(h, la, (enum hub_use)use, on, days, &removed, &err))) {
			if (on)
				printf("council %s: %s on%s\n", la, hub_use_name((enum hub_use)use),
				       days ? ", with retention" : "");
			else
				printf("council %s: %s off; %ld returns left with no use were removed\n", la,
				       hub_use_name((enum hub_use)use), removed);
		}
	} else if (!rc && !strcmp(verb, "purge")) {
		long uses = 0, deleted = 0;
		if (!(rc = hub_purge(h, &uses, &deleted, &err)))
			printf("retention applied: %ld uses of returns ended, %ld returns removed\n", uses, deleted);
	} else if (!rc && !strcmp(verb, "publish")) {
		struct region_kpi_request q = { db, cf_args_str(&a, "--period"), NULL, 0 };
		struct region_kpi *r = NULL;
		if (!(rc = region_kpi(&q, &r, &err)) && !(rc = region_kpi_publish(db, r, &err)))
			printf("published the figures of %d councils and the region for %d period%s\n", r->ncouncils,
			       r->nperiods, r->nperiods == 1 ? "" : "s");
		region_kpi_free(r);
	} else if (!rc) {
		static const char *const cols[] = { "la", "name", "returns", "rows", "consented_uses" };
		static const enum cf_cell_type types[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_INT, CF_CELL_INT,
							   CF_CELL_TEXT };
		struct cf_table *t = cf_table_new_columns("hub", cols, types, 5);
		if (!t)
			rc = cf_error_set(&err, CF_EIO, "out of memory");
		if (!rc)
			rc = hub_status(h, status_row, t, &err);
		enum render_format fmt;
		render_format_parse(cf_args_str(&a, "--format"), &fmt);   /* one of the table's choices */
		if (!rc)
			rc = render_tables(&t, 1, fmt, cf_args_str(&a, "--out"), &err);
		cf_table_free(t);
	}
	hub_close(h);
	if (rc)
		cf_error_print(&err);
	return rc;
}
