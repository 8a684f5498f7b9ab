/* caseflow sufficiency: in-house foster places and children's homes against
 * the children who need them, on one day. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/command.h"
#include "outputs/render.h"
#include "placements/placements.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	CLI_OPT_DB,
	CLI_OPT_HUB_LA,
	{ .name = "--as-of", .arg = "DATE", .help = "the day", .def_text = "today" },
	{ .name = "--forecast", .arg = "N", .type = CF_OPT_INT, .min = 1, .max = 120,
	  .help = "also forecast need N months ahead (--as-of within the episodes)" },
	{ .name = "--centroids", .arg = "FILE",
	  .help = "postcode-sector centroids (sector,lat,lon) for distances from home, instead of the ONS postcode "
		  "directory kept in the store" },
	CLI_OPT_FORMAT,
	CLI_OPT_OUT,
	CLI_OPT_TABLE,
	{ 0 }
};

const struct cli_command cmd_sufficiency = {
	.name = "sufficiency",
	.summary = "in-house foster and residential places, occupancy, need and the gap on a day",
	.order = 76,
	.usage = "  caseflow sufficiency [--db PATH|URI [--la CODE]] [--as-of DATE] [--forecast MONTHS] [--centroids FILE]\n"
		 "                       [--format table|csv|json|xlsx] [--out FILE] [--table NAME]",
	.help =
	"On --as-of, from the foster_households, homes and placement_costs extracts\n"
	"and the SSDA903 episodes (docs/money.md):\n"
	"  sufficiency_fostering    approved households and places, occupied (in-house\n"
	"                           fostering placements open that day whose provider_id\n"
	"                           is the household), vacant and occupancy %, by age\n"
	"                           range, locality and all. A household counts from the\n"
	"                           day it is approved, not on the day it is deregistered.\n"
	"  sufficiency_residential  each home registered that day: places, occupied\n"
	"                           (placements open there), vacant, occupancy %\n"
	"  sufficiency_need         children looked after that day by age band and\n"
	"                           placement group\n"
	"  sufficiency_gap          places needed (children in foster or residential\n"
	"                           placements) minus in-house places available\n"
	"  sufficiency_location     children placed outside the LA (placement sector not\n"
	"                           one of the localities extract's), by placement group;\n"
	"                           and those more than 20 miles from home (the ONS postcode\n"
	"                           directory kept in the store, or --centroids)\n"
	"  sufficiency_providers    with Ofsted's provider list ingested: children placed\n"
	"                           that day by their provider's (URN's) latest overall\n"
	"                           grade, those placed outside the LA, and the providers\n"
	"                           and places registered in the LA's postcode districts\n"
	"  sufficiency_notes        one sentence per input that is missing\n"
	"  sufficiency_forecast     with --forecast N: at each month-end, the children the\n"
	"                           forecast expects in foster and residential placements\n"
	"                           against today's in-house places, and the gap\n"
	"  sufficiency_need_forecast  with --forecast N: each month-end by age band, the\n"
	"                           children expected in care and in each placement group\n",
	.options = options,
	.examples =
	"  caseflow sufficiency --db la.db --as-of 2024-03-31\n"
	"  caseflow sufficiency --db la.db --as-of 2024-03-31 --forecast 24\n"
	"  caseflow sufficiency --db la.db --format json\n",
	.run = run,
};

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_sufficiency, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *db = cli_db(&a), *out = cf_args_str(&a, "--out"), *as_of_s = cf_args_str(&a, "--as-of");
	const char *cent_path = cf_args_str(&a, "--centroids");
	enum render_format fmt;
	render_format_parse(cf_args_str(&a, "--format"), &fmt);   /* one of the table's choices */
	cf_date on = cf_date_today();
	if (as_of_s && cf_date_parse(as_of_s, strlen(as_of_s), &on) != 0)
		return cli_usage_error(&cmd_sufficiency, "--as-of: '%s' is not a date (yyyy-mm-dd or dd/mm/yyyy)", as_of_s);
	long months = cf_args_int(&a, "--forecast");   /* 0: no forecast */
	struct cf_error err;
	struct centroids cent = { NULL, 0 };
	cf_error_clear(&err);
	int crc = cent_path ? centroids_read(cent_path, &cent, &err) : CF_OK;
	if (crc) {
		cf_error_print(&err);
		return crc;
	}
	struct store *st;
	struct placements_data d;
	struct cla_data cla;
	struct cf_table *t[SUFFICIENCY_NTABLES + 2] = { NULL };
	int rc = cli_open_store(db, 1, "foster households and homes", "ingest foster_households.csv homes.csv", &st,
				&err);
	if (!rc) {
		rc = store_placements_read(st, &d, &err);
		if (!rc && (rc = placements_read_providers(st, on, &d, &err)))
			placements_data_release(&d);
		if (!rc) {
			rc = cla_load(st, &cla, &err);
			if (!rc) {
				rc = sufficiency_tables(&d, &cla, on, cent_path ? &cent : NULL, t, &err);
				cla_release(&cla);
			}
			if (!rc && months) {
				/* the episodes as the forecast reads them (docs/forecast.md) */
				rc = cla_load_versions(st, &cla, CLA_KEEP_WITHDRAWN, &err);
				if (!rc) {
					rc = sufficiency_forecast(&d, &cla, on, (int)months, &t[SUFFICIENCY_NTABLES], &err);
					cla_release(&cla);
				}
			}
			placements_data_release(&d);
		}
		store_close(st);
	}
	centroids_release(&cent);
	if (!rc)
		rc = cli_render(&a, t, SUFFICIENCY_NTABLES + (months > 0 ? 2 : 0), fmt, out, &err);
	for (int i = 0; i < SUFFICIENCY_NTABLES + 2; i++)
		cf_table_free(t[i]);
	if (rc)
		cf_error_print(&err);
	return rc;
}
