/* Command lookup, help and option parsing shared by every subcommand. */
#include "cli/command.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const struct cli_command *cli_find(const char *name)
{
	for (int i = 0; cli_commands[i]; i++)
		if (strcmp(cli_commands[i]->name, name) == 0)
			return cli_commands[i];
	return NULL;
}

void cli_print_help(const struct cli_command *cmd)
{
	printf("caseflow %s — %s\n\nUsage:\n%s\n", cmd->name, cmd->summary, cmd->usage);
	if (cmd->help && cmd->help[0])
		printf("\n%s", cmd->help);
	printf("\nExit codes: 0 ok, 1 bad input, 2 usage, 3 internal or I/O error.\n");
}

int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "caseflow %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nUsage:\n%s\nSee 'caseflow help %s'.\n", cmd->usage, cmd->name);
	return 2;
}

int cli_opt(const struct cli_command *cmd, int argc, char **argv, int *i, const char *name, const char **value)
{
	const char *a = argv[*i];
	size_t n = strlen(name);
	if (strncmp(a, name, n) != 0)
		return 0;
	if (a[n] == '=') {
		*value = a + n + 1;
		return 1;
	}
	if (a[n] != '\0')
		return 0;
	if (*i + 1 >= argc) {
		cli_usage_error(cmd, "%s needs a value", name);
		return -1;
	}
	*value = argv[++*i];
	return 1;
}

int cli_flag(char **argv, int i, const char *name) { return strcmp(argv[i], name) == 0; }

int cli_int(const struct cli_command *cmd, const char *name, const char *value, long min, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(value, &end, 10);
	if (errno || end == value || *end || v < min || v > max) {
		cli_usage_error(cmd, "%s must be a whole number from %ld to %ld, not '%s'", name, min, max, value);
		return -1;
	}
	*out = v;
	return 0;
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
