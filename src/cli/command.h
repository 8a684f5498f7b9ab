/* A subcommand: one file src/cli/cmd_<name>.c exports
 *     const struct cli_command cmd_<name> = { ... };
 * and tools/gen-commands.sh builds the table `caseflow help` lists. */
#ifndef CF_CLI_COMMAND_H
#define CF_CLI_COMMAND_H

#include <stddef.h>

#include "base/error.h"
#include "store/store.h"

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

/* Open the existing store at db for a command that reads it (readonly: 1
 * when it only reads). A missing file is not created: err says how to make
 * one, "load WHAT first with 'caseflow LOADER'" with --db DB put into the
 * loader's command line before its first option or file (NULL: what "data",
 * loader "ingest FILES"). A file that is not
 * a store says so. Returns 0 with *st open (the caller store_close()s it),
 * else the status with *st NULL and the message in err (file = db). */
int cli_open_store(const char *db, int readonly, const char *what, const char *loader,
		   struct store **st, struct cf_error *err);

/* The store path: --db, else $CASEFLOW_DB, else caseflow.db. */
const char *cli_default_db(void);

#endif
