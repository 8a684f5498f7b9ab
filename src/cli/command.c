/* Command lookup, help, option parsing and "did you mean" shared by every
 * subcommand. */
#include "cli/command.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "indicators/indicators.h"
#include "store/hub.h"

const struct cli_command *cli_find(const char *name)
{
	for (int i = 0; cli_commands[i]; i++)
		if (strcmp(cli_commands[i]->name, name) == 0)
			return cli_commands[i];
	return NULL;
}

const char *cli_suggest_command(const char *name)
{
	struct cf_suggest s;
	cf_suggest_init(&s, name);
	for (int i = 0; cli_commands[i]; i++)
		cf_suggest_offer(&s, cli_commands[i]->name);
	cf_suggest_offer(&s, "help");
	cf_suggest_offer(&s, "version");
	return cf_suggest_best(&s);
}

const char *cli_suggest_indicator(const char *id)
{
	struct cf_suggest s;
	cf_suggest_init(&s, id);
	for (int i = 0; i < indicator_map_count; i++)
		cf_suggest_offer(&s, indicator_map[i].id);
	for (int i = 0; i < K_N; i++)
		cf_suggest_offer(&s, kpi_defs[i].id);
	return cf_suggest_best(&s);
}

int cli_pick_ids(const struct cli_command *cmd, const char *list, int (*find)(const char *id),
		 const char *(*name_at)(int i), int n, const char *hint, int (*add)(void *ctx, int index), void *ctx)
{
	char buf[1024];
	if (strlen(list) >= sizeof buf)
		return cli_usage_error(cmd, "the list of ids is too long (over %zu characters)", sizeof buf - 1);
	snprintf(buf, sizeof buf, "%s", list);
	for (char *p = buf, *comma; p; p = comma ? comma + 1 : NULL) {
		comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (!*p)
			continue;
		int k = find(p);
		if (k < 0) {
			struct cf_suggest sg;
			cf_suggest_init(&sg, p);
			for (int i = 0; i < n; i++)
				cf_suggest_offer(&sg, name_at(i));
			const char *best = cf_suggest_best(&sg);
			return cli_usage_error(cmd, "no indicator '%s'%s%s%s (%s)", p, best ? "; did you mean " : "",
					       best ? best : "", best ? "?" : "", hint);
		}
		if (add(ctx, k))
			return CF_EUSAGE;
	}
	return CF_OK;
}

/* The codes every command exits with: enum cf_status (docs/exit-codes.md). */
static const struct {
	int code;
	const char *name, *meaning;
} exit_codes[] = {
	{ CF_OK, "CF_OK", "done" },
	{ CF_EINPUT, "CF_EINPUT", "bad input: a file, a value or missing data (the message says where)" },
	{ CF_EUSAGE, "CF_EUSAGE", "the command line is wrong: unknown command or option, missing value" },
	{ CF_EIO, "CF_EIO", "internal or I/O error: the store, memory, a write" },
};

void cli_print_exit_codes(FILE *fp)
{
	for (size_t i = 0; i < sizeof exit_codes / sizeof exit_codes[0]; i++)
		fprintf(fp, "  %d  %-10s %s\n", exit_codes[i].code, exit_codes[i].name, exit_codes[i].meaning);
}

void cli_print_help(const struct cli_command *cmd)
{
	printf("caseflow %s — %s\n\nUsage:\n%s\n", cmd->name, cmd->summary, cmd->usage);
	if (cmd->help && cmd->help[0])
		printf("\n%s", cmd->help);
	if (cmd->options && cmd->options[0].name) {
		printf("\nOptions:\n");
		cf_options_print(stdout, cmd->options);
	}
	if (cmd->examples && cmd->examples[0])
		printf("\nExamples:\n%s", cmd->examples);
	printf("\nExit codes: 0 ok, 1 bad input, 2 usage, 3 internal or I/O error ('caseflow help' says more).\n");
}

int cli_render(const struct cf_args *a, struct cf_table *const *tables, int n, enum render_format fmt,
	       const char *out, struct cf_error *err)
{
	const char *want = cf_args_str(a, "--table");
	if (!want)
		return render_tables(tables, n, fmt, out, err);
	for (int k = 0; k < n; k++)
		if (strcmp(tables[k]->name, want) == 0)
			return render_tables(&tables[k], 1, fmt, out, err);
	char names[600];
	struct cf_suggest sg;
	cf_suggest_init(&sg, want);
	for (int k = 0; k < n; k++)
		cf_suggest_offer(&sg, tables[k]->name);
	render_table_names(tables, n, names, sizeof names);
	const char *best = cf_suggest_best(&sg);
	return cf_error_set(err, CF_EUSAGE, "--table %s: this output's table%s %s %s%s%s%s", want, n == 1 ? "" : "s",
			    n == 1 ? "is" : "are", n ? names : "none", best ? "; did you mean " : "", best ? best : "",
			    best ? "?" : "");
}

int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "caseflow %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nUsage:\n%s\nSee 'caseflow help %s'.\n", cmd->usage, cmd->name);
	return CF_EUSAGE;
}

int cli_bad_value(const struct cli_command *cmd, const char *opt, const char *value, const char *allowed,
		  const char *best)
{
	return cli_usage_error(cmd, "%s must be %s, not '%s'%s%s%s", opt, allowed, value, best ? "; did you mean " : "",
			       best ? best : "", best ? "?" : "");
}

int cli_parse(const struct cli_command *cmd, const char *sub, int argc, char **argv, struct cf_args *a)
{
	struct cf_error err;
	cf_error_clear(&err);
	int rc = cf_args_parse(cmd->options, sub, cmd->positionals, argc, argv, a, &err);
	if (rc)
		return cli_usage_error(cmd, "%s", err.msg);
	return CF_OK;
}

const char *cli_subcommand(const struct cli_command *cmd, int argc, char **argv)
{
	if (argc >= 2 && cf_choice_index(cmd->subcommands, argv[1], strlen(argv[1])) >= 0)
		return argv[1];
	char said[160] = "", hint[96] = "";
	if (argc >= 2) {
		struct cf_suggest s;
		char buf[32][32];
		int n = 0;
		cf_suggest_init(&s, argv[1]);
		for (const char *p = cmd->subcommands; *p && n < 32; n++) {
			size_t len = strcspn(p, "|");
			snprintf(buf[n], sizeof buf[n], "%.*s", (int)len, p);
			cf_suggest_offer(&s, buf[n]);
			p += len + (p[len] == '|');
		}
		const char *best = cf_suggest_best(&s);
		snprintf(said, sizeof said, ", not '%s'", argv[1]);
		if (best)
			snprintf(hint, sizeof hint, "; did you mean %s?", best);
	}
	cli_usage_error(cmd, "say which: %s%s%s", cmd->subcommands, said, hint);
	return NULL;
}

/* The council --la names when --db is a hub: a process runs one command,
 * so cli_db() notes it for cli_open_store() rather than every command
 * passing it on. */
static const char *hub_la;

const char *cli_db(const struct cf_args *a)
{
	const char *db = cf_args_str(a, "--db");
	if (!db)
		db = cli_default_db();
	if (hub_is_uri(db) && cf_args_takes(a, "--la"))
		hub_la = cf_args_str(a, "--la");
	return db;
}

const char *cli_default_db(void)
{
	const char *e = getenv("CASEFLOW_DB");
	return e && *e ? e : "caseflow.db";
}

int cli_open_store(const char *db, int readonly, const char *what, const char *loader,
		   struct store **st, struct cf_error *err)
{
	struct stat sb;
	*st = NULL;
	if (hub_is_uri(db))
		return store_open_hub(st, db, hub_la, err);
	if (!loader) {
		what = "data";
		loader = "ingest FILES";
	}
	if (stat(db, &sb) != 0) {
		/* --db goes after the command's words, before its options or files */
		const char *opts = strstr(loader, " -");
		int words = opts ? (int)(opts - loader) : (int)strcspn(loader, " ");
		return cf_error_at(err, CF_EINPUT, db, 0, NULL, NULL,
				   "no store here; load %s first with 'caseflow %.*s --db %s%s'",
				   what, words, loader, db, loader + words);
	}
	return store_open(st, db, readonly, err);
}
