/* caseflow push: send a council's returns from its store to the regional hub. */
#include <stdio.h>

#include "cli/command.h"
#include "store/hub.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	{ .name = "--from", .arg = "PATH", .help = "the council's store", .def_text = "$CASEFLOW_DB or caseflow.db" },
	{ .name = "--to", .arg = "URI", .help = "the hub: postgresql://host/db or service=NAME" },
	{ .name = "--la", .arg = "CODE", .help = "the council's three-digit DfE code, as the hub knows it" },
	{ 0 }
};

const struct cli_command cmd_push = {
	.name = "push",
	.summary = "send a council's returns to the regional hub, degraded by the hub's rules",
	.order = 93,
	.usage = "  caseflow push --from PATH --to URI --la CODE",
	.help =
	"Sends every return in the store that the hub does not yet hold (each\n"
	"once, known by its SHA-256), one transaction each: a push cut off part way\n"
	"leaves each return whole or absent, and the next push finishes it; a\n"
	"second push sends nothing. Only returns that serve a use the council has\n"
	"consented to go ('caseflow hub consent'); the money extracts serve\n"
	"sufficiency only.\n"
	"\n"
	"On the way, in the council's own store before anything is sent: child,\n"
	"family and worker IDs are replaced at the hub by a keyed hash over the\n"
	"council's code and the ID (the key never leaves the hub); dates of birth go\n"
	"to the month, with the day kept only as far as the child's own dates need\n"
	"for every age to stay exact (hub init --dob); postcodes to sectors; free\n"
	"text, UPNs and the files' folders are not sent (docs/hub.md). Connect as a\n"
	"member of the council's role, REGION_la_CODE.\n",
	.options = options,
	.examples = "  caseflow push --from la.db --to service=region --la 380\n",
	.run = run,
};

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_push, NULL, argc, argv, &a))
		return CF_EUSAGE;
	const char *from = cf_args_str(&a, "--from"), *to = cf_args_str(&a, "--to"), *la = cf_args_str(&a, "--la");
	if (!to || !hub_is_uri(to))
		return cli_usage_error(&cmd_push, "--to names the hub: postgresql://host/db or service=NAME");
	if (!la)
		return cli_usage_error(&cmd_push, "--la names the council whose returns these are");
	struct cf_error err;
	cf_error_clear(&err);
	struct store *st = NULL;
	struct hub *h = NULL;
	struct hub_push_stats s;
	int rc = cli_open_store(from ? from : cli_default_db(), 1, NULL, NULL, &st, &err);
	if (!rc)
		rc = hub_connect(&h, to, &err);
	if (!rc)
		rc = hub_push(h, st, la, &s, &err);
	if (!rc)
		printf("council %s: %ld returns sent (%lld rows), %ld already at the hub, %ld with no consented use\n", la,
		       s.returns_sent, s.rows, s.returns_held, s.returns_refused);
	hub_close(h);
	store_close(st);
	if (rc)
		cf_error_print(&err);
	return rc;
}
