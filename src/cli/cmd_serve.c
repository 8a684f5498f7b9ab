/* caseflow serve: the Vital Signs over HTTP for many users (src/serve/). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "serve/serve.h"

static int run(int argc, char **argv);

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
	"Logs one line per request to stderr and stops cleanly on SIGTERM or SIGINT.\n"
	"\n"
	"Options:\n"
	"  --db PATH          the store (default $CASEFLOW_DB or caseflow.db)\n"
	"  --listen HOST:PORT the address (default 127.0.0.1:8080); port 0 picks a free\n"
	"                     port, printed as \"listening on http://HOST:PORT/\"\n"
	"  --tls-cert FILE    PEM certificate and key: serve HTTPS itself (else run it\n"
	"  --tls-key FILE     behind a reverse proxy that does)\n"
	"  --base-url URL     the address users reach it at, behind a proxy; https://...\n"
	"                     makes its cookies Secure and sends HSTS\n"
	"  --idle-timeout T   end a session unused this long: 30m (default), 2h, 900s\n"
	"  --suppress N       the viewer role's small-number threshold (default 5)\n"
	"  --conn-timeout S   close a connection silent this many seconds (default 10)\n"
	"  --max-upload MB    the most one upload (/upload) may carry (default 64)\n"
	"  --trust-proxy      behind a reverse proxy on this machine: log and audit the\n"
	"                     client's address from X-Forwarded-For\n"
	"\n"
	"Examples:\n"
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
	struct serve_options o;
	serve_options_init(&o);
	o.db = cli_default_db();
	const char *idle = NULL, *suppress = NULL, *conn = NULL, *max_up = NULL;
	for (int i = 1; i < argc; i++) {
		int m;
		if ((m = cli_opt(&cmd_serve, argc, argv, &i, "--db", &o.db)) ||
		    (m = cli_opt(&cmd_serve, argc, argv, &i, "--listen", &o.listen)) ||
		    (m = cli_opt(&cmd_serve, argc, argv, &i, "--tls-cert", &o.tls_cert)) ||
		    (m = cli_opt(&cmd_serve, argc, argv, &i, "--tls-key", &o.tls_key)) ||
		    (m = cli_opt(&cmd_serve, argc, argv, &i, "--base-url", &o.base_url)) ||
		    (m = cli_opt(&cmd_serve, argc, argv, &i, "--idle-timeout", &idle)) ||
		    (m = cli_opt(&cmd_serve, argc, argv, &i, "--suppress", &suppress)) ||
		    (m = cli_opt(&cmd_serve, argc, argv, &i, "--conn-timeout", &conn)) ||
		    (m = cli_opt(&cmd_serve, argc, argv, &i, "--max-upload", &max_up))) {
			if (m < 0)
				return 2;
			continue;
		}
		if (cli_flag(argv, i, "--trust-proxy")) {
			o.trust_proxy = 1;
			continue;
		}
		return cli_usage_error(&cmd_serve, "unexpected argument %s", argv[i]);
	}
	if (idle && parse_duration(idle, &o.idle_timeout_s))
		return cli_usage_error(&cmd_serve, "--idle-timeout must be a duration such as 30m, 2h or 900s, not '%s'", idle);
	if (suppress && cli_int(&cmd_serve, "--suppress", suppress, 1, 1000, &o.suppress))
		return 2;
	if (conn && cli_int(&cmd_serve, "--conn-timeout", conn, 1, 3600, &o.conn_timeout_s))
		return 2;
	long mb;
	if (max_up) {
		if (cli_int(&cmd_serve, "--max-upload", max_up, 1, 4096, &mb))
			return 2;
		o.max_upload = mb * 1024 * 1024;
	}
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
