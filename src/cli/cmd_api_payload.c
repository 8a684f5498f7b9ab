/* caseflow api-payload: DfE's children's social care API request bodies
 * from the store, checked, reported and optionally sent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "outputs/api_payload.h"
#include "outputs/render.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	CLI_OPT_DB,
	{ .name = "--la", .arg = "CODE", .type = CF_OPT_INT, .min = 1, .max = 999,
	  .help = "the local authority's 3-digit DfE code (the API's la_code)" },
	{ .name = "--since", .arg = "DATE", .help = "only children with a record dated on or after DATE (yyyy-mm-dd)" },
	{ .name = "--from", .arg = "DATE",
	  .help = "the historic cut-off: CIN episodes closed and placements ended before DATE are not sent",
	  .def_text = "1 April two financial years before the latest date the store holds" },
	{ .name = "--all", .type = CF_OPT_FLAG,
	  .help = "every child, not only those whose record changed since the last payload sent" },
	{ .name = "--out", .arg = "DIR", .help = "write payload-0001.json ... (at most 100 records each) and report.csv there" },
	{ .name = "--send", .arg = "URL",
	  .help = "POST each payload to URL/children_social_care_data/CODE/children and record what was accepted" },
	{ .name = "--credentials", .arg = "FILE",
	  .help = "the OAuth2 client credentials for --send: token_url=, client_id=, client_secret=, scope= lines",
	  .def_text = "$CASEFLOW_API_CREDENTIALS" },
	{ .name = "--format", .arg = "FMT", .type = CF_OPT_ENUM, .choices = "table|csv|json", .def = "table",
	  .help = "how to print the report" },
	{ 0 }
};

const struct cli_command cmd_api_payload = {
	.name = "api-payload",
	.summary = "build (and send) DfE's children's social care API payloads from the store, checked first",
	.order = 28,
	.usage = "  caseflow api-payload [--db PATH] --la CODE [--since DATE] [--from DATE] [--all] --out DIR\n"
		 "  caseflow api-payload [--db PATH] --la CODE --send URL [--credentials FILE] [--out DIR]",
	.help =
	"Builds the records of DfE's daily children's social care data API\n"
	"(openapi.json: POST /children_social_care_data/{la_code}/children) for\n"
	"each child the store holds a CIN episode or a looked-after placement\n"
	"for: date of birth, sex and ethnicity; each CIN episode with its\n"
	"assessments, section 47 enquiries and CP plans; the placements. Names,\n"
	"UPNs and postcodes are never sent. Each record is checked against the\n"
	"contract (types, lengths, patterns, dates) as it is written; a record\n"
	"the contract cannot take (a child ID outside ^[A-Za-z0-9]+$, or longer\n"
	"than 20) is held back and reported, never altered. caseflow's own checks:\n"
	"a child ID shaped like a UPN or an NHS number is held back; two episodes\n"
	"or records with one ID are held back as duplicates; episodes closed\n"
	"before --from are historic and left out; a child (or an episode) sent\n"
	"before that the store no longer holds is sent with its purge flag.\n"
	"Only records changed since the last payload sent go (--all: every one).\n"
	"\n"
	"Prints (and writes as report.csv) every child considered with its status\n"
	"(included, held back, unchanged, historic, purge) and why; writes the\n"
	"request bodies, at most 100 records each. --send POSTs them with a bearer\n"
	"token from the OAuth2 client credentials in a file (never on the command\n"
	"line), waits and retries on 429, halves a batch on 413, and records in the\n"
	"store what the API accepted (docs/api-payload.md).\n"
	"\n"
	"Exit status: 0 when built (and sent), 1 for an unreadable date or code,\n"
	"2 usage, 3 I/O or an answer that stopped the send.\n",
	.options = options,
	.examples =
	"  caseflow api-payload --db la.db --la 999 --out payloads/\n"
	"  caseflow api-payload --db la.db --la 999 --from 2023-04-01 --all --out payloads/\n"
	"  caseflow api-payload --db la.db --la 999 --send https://api.example/ --credentials dfe-api.conf\n",
	.run = run,
};

static int date_opt(const struct cf_args *a, const char *name, cf_date *out)
{
	const char *s = cf_args_str(a, name);
	*out = CF_DATE_NONE;
	if (s && cf_date_parse(s, strlen(s), out))
		return cli_usage_error(&cmd_api_payload, "%s takes a date as yyyy-mm-dd, not \"%s\"", name, s);
	return CF_OK;
}

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_api_payload, NULL, argc, argv, &a))
		return CF_EUSAGE;
	if (!cf_args_has(&a, "--la"))
		return cli_usage_error(&cmd_api_payload, "give the local authority's DfE code: --la 999");
	const char *out = cf_args_str(&a, "--out"), *send = cf_args_str(&a, "--send");
	if (!out && !send)
		return cli_usage_error(&cmd_api_payload, "give where the payloads go: --out DIR, --send URL or both");
	struct api_payload_request q = { .la_code = (int)cf_args_int(&a, "--la"), .all = cf_args_has(&a, "--all") > 0,
					 .out = out, .send_url = send };
	if (date_opt(&a, "--since", &q.since) || date_opt(&a, "--from", &q.from))
		return CF_EUSAGE;
	q.credentials = cf_args_str(&a, "--credentials");
	if (!q.credentials)
		q.credentials = getenv("CASEFLOW_API_CREDENTIALS");
	enum render_format fmt = RENDER_TABLE;
	render_format_parse(cf_args_str(&a, "--format"), &fmt);
	struct cf_error err;
	cf_error_clear(&err);
	struct api_payload_result r;
	memset(&r, 0, sizeof r);
	int rc = cli_open_store(cli_db(&a), 0, NULL, NULL, &q.st, &err);
	if (!rc)
		rc = api_payload_build(&q, &r, &err);
	if (r.report && r.report->nrows) {
		struct cf_error ignored;   /* the first failure is the one reported */
		int rrc = render_tables(&r.report, 1, fmt, NULL, rc ? &ignored : &err);
		if (!rc)
			rc = rrc;
	}
	if (r.report && fmt == RENDER_TABLE) {
		char from[11] = "none";
		if (r.from != CF_DATE_NONE)
			cf_date_format(r.from, from);
		printf("\n%ld included, %ld held back, %ld unchanged, %ld historic, %ld purges; %ld records in %d "
		       "payloads; historic cut-off %s",
		       r.counts[API_INCLUDED], r.counts[API_HELD_BACK], r.counts[API_UNCHANGED], r.counts[API_HISTORIC],
		       r.counts[API_PURGE], r.nrecords, r.batches, from);
		if (send)
			printf("; %ld accepted by the API", r.sent);
		printf("\n");
	}
	if (rc)
		cf_error_print(&err);
	api_payload_result_release(&r);
	store_close(q.st);
	return rc;
}
