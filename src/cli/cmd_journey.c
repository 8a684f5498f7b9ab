/* caseflow journey: one child's events across every source, in date order. */
#include <stdio.h>

#include "families/families.h"
#include "indicators/indicators.h"
#include "cli/command.h"
#include "outputs/render.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	CLI_OPT_DB,
	CLI_OPT_HUB_LA,
	{ .name = "--child", .arg = "ID", .help = "the child (this or --family)" },
	{ .name = "--family", .arg = "ID", .help = "the family: its events from the families extracts (docs/families.md)" },
	CLI_OPT_FORMAT,
	CLI_OPT_OUT,
	{ 0 }
};

const struct cli_command cmd_journey = {
	.name = "journey",
	.summary = "one child's events from first contact to leaving care, with their source files",
	.order = 40,
	.usage = "  caseflow journey [--db PATH|URI [--la CODE]] --child ID | --family ID [--format table|csv|json|xlsx] [--out FILE]",
	.help =
	"Lists every dated event the store holds for one child, in date order, from\n"
	"every source loaded: contacts and early help (local extracts, Annex A),\n"
	"referrals, assessments, section 47 enquiries, initial child protection\n"
	"conferences, CP plans and reviews, CIN plans (CIN census, Annex A), episodes of\n"
	"care, placement and legal status changes, reviews and missing episodes\n"
	"(SSDA903), and home areas. Each event names the file it came from (and its\n"
	"row, or for XML the line). Where several returns hold the same record, the\n"
	"latest collection year's version is shown. Names, UPNs and full postcodes are\n"
	"never shown. The child ID is the LA's own: CHILD in the 903, LAchildID in the\n"
	"CIN census, the child ID of Annex A.\n"
	"With --family, one family's events instead: members joining and leaving,\n"
	"services allocated to it or its children, its assessment and plans, partners'\n"
	"records and its children's case audits (workers are not named).\n",
	.options = options,
	.examples =
	"  caseflow journey --db la.db --child 907440\n"
	"  caseflow journey --db la.db --child 907440 --format json\n"
	"  caseflow journey --db la.db --family F1024\n",
	.run = run,
};

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_journey, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cli_db(&a), *out = cf_args_str(&a, "--out"), *child = cf_args_str(&a, "--child");
	const char *family = cf_args_str(&a, "--family");
	if ((!child || !child[0]) == (!family || !family[0]))
		return cli_usage_error(&cmd_journey, "name the child with --child ID or the family with --family ID");
	enum render_format fmt;
	render_format_parse(cf_args_str(&a, "--format"), &fmt);   /* one of the table's choices */
	struct cf_error err;
	struct store *st;
	struct cf_table *t = NULL;
	cf_error_clear(&err);
	int rc = cli_open_store(db, 0, NULL, NULL, &st, &err);
	if (!rc) {
		rc = family ? families_journey(st, family, &t, &err) : journey_child(st, child, &t, &err);
		store_close(st);
	}
	if (!rc)
		rc = render_tables(&t, 1, fmt, out, &err);
	cf_table_free(t);
	if (rc)
		cf_error_print(&err);
	return rc;
}
