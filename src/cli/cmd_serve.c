/* caseflow serve: the Vital Signs over HTTP for many users (src/serve/). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "serve/serve.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	CLI_OPT_DB,
	{ .name = "--listen", .arg = "HOST:PORT", .def = "127.0.0.1:8080",
	  .help = "the address, IPv4 or IPv6 in brackets ([::1]:8080); port 0 picks a free port, printed as \"listening on http://HOST:PORT/\"" },
	{ .name = "--tls-cert", .arg = "FILE", .help = "PEM certificate: serve HTTPS itself (with --tls-key; else run "
						       "it behind a reverse proxy that does)" },
	{ .name = "--tls-key", .arg = "FILE", .help = "PEM private key of --tls-cert" },
	{ .name = "--base-url", .arg = "URL", .help = "the address users reach it at, behind a proxy; https://... "
						      "makes its cookies Secure and sends HSTS" },
	{ .name = "--idle-timeout", .arg = "T", .def = "30m", .help = "end a session unused this long: 30m, 2h, 900s" },
	{ .name = "--suppress", .arg = "N", .type = CF_OPT_INT, .min = 1, .max = 1000, .def = "5",
	  .help = "the viewer role's small-number threshold" },
	{ .name = "--conn-timeout", .arg = "S", .type = CF_OPT_INT, .min = 1, .max = 3600, .def = "10",
	  .help = "close a connection silent this many seconds" },
	{ .name = "--max-upload", .arg = "MB", .type = CF_OPT_INT, .min = 1, .max = 4096, .def = "64",
	  .help = "the most one upload (/upload) may carry" },
	{ .name = "--trust-proxy", .type = CF_OPT_FLAG,
	  .help = "behind a reverse proxy on this machine: log and audit the client's address from X-Forwarded-For" },
	{ 0 }
};

const struct cli_command cmd_serve = {
	.name = "serve",
	.summary = "the Vital Signs on the web for the council's users, with roles and an audit log",
	.order = 95,
	.usage = "  caseflow serve [--db PATH] [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE]\n"
		 "                 [--base-url URL] [--idle-timeout 30m] [--suppress N] [--conn-timeout S]\n"
		 "                 [--max-upload MB] [--trust-proxy]",
	.help =
	"Serves the Vital Signs, indicators, journeys and the JSON API to the users\n"
	"made with 'caseflow user', each seeing what their role allows (docs/serve.md).\n"
	"Logs one line per request to stderr and stops cleanly on SIGTERM or SIGINT.\n",
	.options = options,
	.examples =
	"  caseflow user add alice --role admin --db la.db\n"
	"  caseflow serve --db la.db --listen 127.0.0.1:8080\n",
	.run = run,
};

/* "30m", "2h", "900s" or "900" (seconds) */
static int parse_duration(const char *s, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	long mult = !*end ? 1 : !strcmp(end, "s") ? 1 : !strcmp(end, "m") ? 60 : !strcmp(end, "h") ? 3600 : 0;
	if (end == s || !mult || v <= 0 || v > 7 * 24 * 3600 / mult)
		return -1;
	*out = v * mult;
	return 0;
}

static int run(int argc, char **argv)
{
	struct cf_args a;
	if (cli_parse(&cmd_serve, NULL, argc, argv, &a))
		return CF_EUSAGE;
	struct serve_options o;
	serve_options_init(&o);
	o.db = cli_db(&a);
	o.listen = cf_args_str(&a, "--listen");
	o.tls_cert = cf_args_str(&a, "--tls-cert");
	o.tls_key = cf_args_str(&a, "--tls-key");
	o.base_url = cf_args_str(&a, "--base-url");
	o.trust_proxy = cf_args_has(&a, "--trust-proxy") > 0;
	const char *idle = cf_args_str(&a, "--idle-timeout");
	if (parse_duration(idle, &o.idle_timeout_s))
		return cli_usage_error(&cmd_serve, "--idle-timeout must be a duration such as 30m, 2h or 900s, not '%s'", idle);
	o.suppress = cf_args_int(&a, "--suppress");
	o.conn_timeout_s = cf_args_int(&a, "--conn-timeout");
	o.max_upload = cf_args_int(&a, "--max-upload") * 1024 * 1024;
	if (!o.tls_cert != !o.tls_key)
		return cli_usage_error(&cmd_serve, "--tls-cert and --tls-key go together");
	struct cf_error err;
	cf_error_clear(&err);
	struct store *st;
	int rc = cli_open_store(o.db, 0, NULL, NULL, &st, &err);
	store_close(st);
	if (!rc)
		rc = serve_run(&o, &err);
	if (rc)
		cf_error_print(&err);
	return rc;
}
