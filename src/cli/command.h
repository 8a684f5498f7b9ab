/* A subcommand: one file src/cli/cmd_<name>.c exports
 *     const struct cli_command cmd_<name> = { ... };
 * and tools/gen-commands.sh builds the table `caseflow help` lists. */
#ifndef CF_CLI_COMMAND_H
#define CF_CLI_COMMAND_H

#include <stddef.h>

struct cli_command {
	const char *name;
	const char *summary;     /* one line for `caseflow help` */
	const char *usage;       /* synopsis lines */
	const char *help;        /* options, defaults and examples for `caseflow help NAME` */
	int order;               /* position in the listing: the analyst's workflow order */
	int (*run)(int argc, char **argv);   /* argv[0] is the command name; returns an exit code */
};

extern const struct cli_command *const cli_commands[];   /* NULL-terminated */

const struct cli_command *cli_find(const char *name);
void cli_print_help(const struct cli_command *cmd);      /* full help to stdout */
int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));            /* prints, returns 2 */

/* Option parsing shared by every command. Matches "--name VALUE" and
 * "--name=VALUE" at argv[*i]; on a match sets *value, advances *i past the
 * value and returns 1. Returns -1 (after printing) when the value is
 * missing, 0 when argv[*i] is another option. */
int cli_opt(const struct cli_command *cmd, int argc, char **argv, int *i, const char *name, const char **value);
/* Matches a flag with no value ("--xml"). */
int cli_flag(char **argv, int i, const char *name);
/* Parse a whole number option value; prints and returns -1 when it is not one. */
int cli_int(const struct cli_command *cmd, const char *name, const char *value, long min, long max, long *out);

/* For commands that read a store: 0 when db exists; otherwise prints how to
 * create one ("load data first with caseflow ingest") and returns 1. */
int cli_require_store(const char *db);

/* The store path: --db, else $CASEFLOW_DB, else caseflow.db. */
const char *cli_default_db(void);

#endif
