/* caseflow sufficiency: in-house foster places and children's homes against
 * the children who need them, on one day. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/command.h"
#include "outputs/render.h"
#include "placements/placements.h"

static int run(int argc, char **argv);

const struct cli_command cmd_sufficiency = {
	.name = "sufficiency",
	.summary = "in-house foster and residential places, occupancy, need and the gap on a day",
	.order = 76,
	.usage = "  caseflow sufficiency [--db PATH] [--as-of DATE] [--forecast MONTHS] [--centroids FILE]\n"
		 "                       [--format table|csv|json|xlsx] [--out FILE]",
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
	"                           with --centroids, those more than 20 miles from home\n"
	"  sufficiency_notes        one sentence per input that is missing\n"
	"  sufficiency_forecast     with --forecast N: at each month-end, the children the\n"
	"                           forecast expects in foster and residential placements\n"
	"                           against today's in-house places, and the gap\n"
	"\n"
	"Options:\n"
	"  --db PATH       the store (default $CASEFLOW_DB or caseflow.db)\n"
	"  --as-of DATE    the day (default today)\n"
	"  --forecast N    also forecast need N months ahead (1-120; --as-of within the episodes)\n"
	"  --centroids FILE  postcode-sector centroids (sector,lat,lon) for distances from home\n"
	"  --format FMT    table (default), csv, json or xlsx (xlsx needs --out)\n"
	"  --out FILE      write there instead of standard output\n"
	"\n"
	"Examples:\n"
	"  caseflow sufficiency --db la.db --as-of 2024-03-31\n"
	"  caseflow sufficiency --db la.db --as-of 2024-03-31 --forecast 24\n"
	"  caseflow sufficiency --db la.db --format json\n",
	.run = run,
};

static cf_date today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return cf_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static int run(int argc, char **argv)
{
	const char *db = cli_default_db(), *fmt_s = "table", *out = NULL, *as_of_s = NULL, *months_s = NULL, *cent_path = NULL;
	for (int i = 1; i < argc; i++) {
		int m;
		if ((m = cli_opt(&cmd_sufficiency, argc, argv, &i, "--db", &db)) ||
		    (m = cli_opt(&cmd_sufficiency, argc, argv, &i, "--as-of", &as_of_s)) ||
		    (m = cli_opt(&cmd_sufficiency, argc, argv, &i, "--forecast", &months_s)) ||
		    (m = cli_opt(&cmd_sufficiency, argc, argv, &i, "--centroids", &cent_path)) ||
		    (m = cli_opt(&cmd_sufficiency, argc, argv, &i, "--format", &fmt_s)) ||
		    (m = cli_opt(&cmd_sufficiency, argc, argv, &i, "--out", &out))) {
			if (m < 0)
				return 2;
			continue;
		}
		return cli_usage_error(&cmd_sufficiency, "unexpected argument %s", argv[i]);
	}
	enum render_format fmt;
	if (render_format_parse(fmt_s, &fmt))
		return cli_usage_error(&cmd_sufficiency, "--format must be table, csv, json or xlsx");
	cf_date on = today();
	if (as_of_s && cf_date_parse(as_of_s, strlen(as_of_s), &on) != 0)
		return cli_usage_error(&cmd_sufficiency, "--as-of: '%s' is not a date (yyyy-mm-dd or dd/mm/yyyy)", as_of_s);
	long months = 0;
	if (months_s && cli_int(&cmd_sufficiency, "--forecast", months_s, 1, 120, &months))
		return 2;
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
	struct cf_table *t[SUFFICIENCY_NTABLES + 1] = { NULL };
	int rc = cli_open_store(db, 1, "foster households and homes", "ingest foster_households.csv homes.csv", &st,
				&err);
	if (!rc) {
		rc = store_placements_read(st, &d, &err);
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
		rc = render_tables(t, SUFFICIENCY_NTABLES + (months > 0), fmt, out, &err);
	for (int i = 0; i <= SUFFICIENCY_NTABLES; i++)
		cf_table_free(t[i]);
	if (rc)
		cf_error_print(&err);
	return rc;
}
