/* caseflow user: the users of caseflow serve (add, list, disable, passwd). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/command.h"
#include "serve/serve.h"
#include "store/accounts.h"
#include "store/audit.h"

static int run(int argc, char **argv);

static const struct cf_option options[] = {
	CLI_OPT_DB,
	{ .name = "--role", .arg = "ROLE", .type = CF_OPT_ENUM, .sub = "add",
	  .choices = "admin|analyst|manager|locality|viewer", .help = "what the user may see (docs/serve.md)" },
	{ .name = "--locality", .arg = "NAME", .flags = CF_OPT_REPEAT, .sub = "add",
	  .help = "a locality the locality role sees" },
	{ 0 }
};

const struct cli_command cmd_user = {
	.name = "user",
	.summary = "add, list, disable or set the password of a user of caseflow serve",
	.order = 96,
	.usage = "  caseflow user add NAME --role ROLE [--locality NAME]... [--db PATH]\n"
		 "  caseflow user list [--db PATH]\n"
		 "  caseflow user disable NAME [--db PATH]\n"
		 "  caseflow user enable NAME [--db PATH]\n"
		 "  caseflow user passwd NAME [--db PATH]",
	.help =
	"Roles: admin (everything, users and the audit log), analyst (child-level\n"
	"records and journeys), manager (every page, aggregates only), locality (a\n"
	"manager for its --locality names only, plus their children's records),\n"
	"viewer (published-level figures, small numbers suppressed). docs/serve.md.\n"
	"\n"
	"The password is read from the terminal without echo (twice), or as one line\n"
	"from standard input when that is not a terminal; never from the command line.\n"
	"It must be 10 characters or more; it is stored as an Argon2id hash.\n"
	"Disabling a user or changing a password ends the user's sessions. Every\n"
	"change is written to the audit log.\n",
	.options = options,
	.positionals = 1,
	.subcommands = "add|list|disable|enable|passwd",
	.examples =
	"  caseflow user add alice --role admin --db la.db\n"
	"  printf '%s\\n' \"$PW\" | caseflow user add north1 --role locality --locality North --db la.db\n"
	"  caseflow user list --db la.db\n",
	.run = run,
};

/* One line from the terminal without echo, or from stdin; 0 or -1. */
static int read_line(const char *prompt, char *buf, size_t size)
{
	int tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	if (tty) {
		fputs(prompt, stderr);
		fflush(stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	char *got = fgets(buf, (int)size, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (!got)
		return -1;
	buf[strcspn(buf, "\r\n")] = '\0';
	return 0;
}

static int read_password(char out[512])
{
	char again[512];
	if (read_line("Password: ", out, 512)) {
		fprintf(stderr, "caseflow user: no password on standard input\n");
		return CF_EUSAGE;
	}
	if (isatty(STDIN_FILENO) && (read_line("Again: ", again, sizeof again) || strcmp(out, again) != 0)) {
		memset(again, 0, sizeof again);
		fprintf(stderr, "caseflow user: the passwords differ\n");
		return CF_EINPUT;
	}
	memset(again, 0, sizeof again);
	if (strlen(out) < 10) {
		fprintf(stderr, "caseflow user: the password must be 10 characters or more\n");
		return CF_EINPUT;
	}
	return 0;
}

static void audit_cli(struct store *st, const char *action, const char *detail)
{
	const char *who = getenv("USER");
	char user[96];
	snprintf(user, sizeof user, "cli:%s", who && *who ? who : "unknown");
	struct audit_entry e = { user, "local", action, "caseflow user", detail, 0 };
	struct cf_error err;
	cf_error_clear(&err);
	if (audit_append(st, &e, &err))
		cf_error_print(&err);
}

static int run(int argc, char **argv)
{
	const char *verb = cli_subcommand(&cmd_user, argc, argv);
	if (!verb)
		return CF_EUSAGE;
	struct cf_args args;
	if (cli_parse(&cmd_user, verb, argc - 1, argv + 1, &args))
		return CF_EUSAGE;
	const char *db = cli_db(&args), *role = cf_args_str(&args, "--role");
	const char *name = args.npos > 0 ? args.pos[0] : NULL, *loc;
	if (args.npos > 1)
		return cli_usage_error(&cmd_user, "unexpected argument %s", args.pos[1]);
	struct account a = { 0 };
	for (int it = 0; (loc = cf_args_next(&args, "--locality", &it));) {
		if (a.nlocalities == ACCOUNT_MAX_LOCALITIES || !*loc || strlen(loc) >= ACCOUNT_NAME_MAX)
			return cli_usage_error(&cmd_user, "at most %d localities of 1 to %d characters", ACCOUNT_MAX_LOCALITIES,
					       ACCOUNT_NAME_MAX - 1);
		snprintf(a.localities[a.nlocalities++], ACCOUNT_NAME_MAX, "%s", loc);
	}
	int is_list = verb && !strcmp(verb, "list");
	if (!verb || (strcmp(verb, "add") && strcmp(verb, "disable") && strcmp(verb, "enable") && strcmp(verb, "passwd") && !is_list))
		return cli_usage_error(&cmd_user, "say add, list, disable, enable or passwd");
	if (is_list ? name != NULL : !name)
		return cli_usage_error(&cmd_user, is_list ? "list takes no name" : "%s needs a user name", verb);
	if (name && !serve_user_name_valid(name))
		return cli_usage_error(&cmd_user, "a user name is 1 to 63 letters, digits or . _ @ -");
	int is_add = !strcmp(verb, "add");
	if (is_add) {
		if (!role || !serve_role_valid(role))
			return cli_usage_error(&cmd_user, "--role must be admin, analyst, manager, locality or viewer");
		if ((strcmp(role, "locality") == 0) != (a.nlocalities > 0))
			return cli_usage_error(&cmd_user, "--locality goes with --role locality, which needs at least one");
	} else if (role || a.nlocalities) {
		return cli_usage_error(&cmd_user, "--role and --locality go with add");
	}
	struct cf_error err;
	cf_error_clear(&err);
	struct store *st;
	int rc = cli_open_store(db, 0, NULL, NULL, &st, &err);
	if (rc) {
		cf_error_print(&err);
		return rc;
	}
	char detail[256];
	if (is_list) {
		struct account *list;
		int n;
		if (!(rc = account_list(st, &list, &n, &err))) {
			printf("name\trole\tstate\tlocalities\n");
			for (int i = 0; i < n; i++) {
				printf("%s\t%s\t%s\t", list[i].name, list[i].role, list[i].disabled ? "disabled" : "active");
				for (int k = 0; k < list[i].nlocalities; k++)
					printf("%s%s", k ? "," : "", list[i].localities[k]);
				putchar('\n');
			}
			free(list);
		}
	} else if (is_add || !strcmp(verb, "passwd")) {
		char password[512];
		if (!(rc = read_password(password))) {
			snprintf(a.name, sizeof a.name, "%s", name);
			if (is_add)
				snprintf(a.role, sizeof a.role, "%s", role);
			rc = serve_password_hash(password, a.pwhash, &err);
			memset(password, 0, sizeof password);
			if (!rc)
				rc = is_add ? account_add(st, &a, &err) : account_set_password(st, name, a.pwhash, &err);
			if (!rc) {
				snprintf(detail, sizeof detail, is_add ? "user %s, role %s, %d localities" : "user %s", name, role,
					 a.nlocalities);
				audit_cli(st, is_add ? "user_add" : "user_passwd", detail);
				fprintf(stderr, "caseflow user: %s %s\n", name, is_add ? "added" : "password changed; sessions ended");
			}
		}
		memset(password, 0, sizeof password);
		if (rc) {
			store_close(st);
			if (rc != 1 && rc != 2)
				cf_error_print(&err);
			else if (err.status)
				cf_error_print(&err);
			return rc;
		}
	} else {
		int off = !strcmp(verb, "disable");
		if (!(rc = account_set_disabled(st, name, off, &err))) {
			snprintf(detail, sizeof detail, "user %s", name);
			audit_cli(st, off ? "user_disable" : "user_enable", detail);
			fprintf(stderr, "caseflow user: %s %s\n", name, off ? "disabled; sessions ended" : "enabled");
		}
	}
	store_close(st);
	if (rc)
		cf_error_print(&err);
	return rc;
}
