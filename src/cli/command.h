/* A subcommand: one file src/cli/cmd_<name>.c exports
 *     const struct cli_command cmd_<name> = { ... };
 * and tools/gen-commands.sh builds the table `caseflow help` lists. Its
 * options are one struct cf_option table (.options): cli_parse() parses
 * and checks argv against it and `caseflow help NAME` prints it, so adding
 * an option is adding a line there and reading it with cf_args_*(). */
#ifndef CF_CLI_COMMAND_H
#define CF_CLI_COMMAND_H

#include <stddef.h>
#include <stdio.h>

#include "base/error.h"
#include "base/options.h"
#include "outputs/render.h"
#include "store/store.h"

struct cli_command {
	const char *name;
	const char *summary;     /* one line for `caseflow help` */
	const char *usage;       /* synopsis lines */
	const char *help;        /* what it does, in prose, for `caseflow help NAME` */
	const struct cf_option *options;   /* declared once: parsed and printed from here */
	int positionals;         /* plain arguments it takes: 0, a number, or -1 for any */
	const char *subcommands; /* "set|show": argv[1] names one; NULL when none */
	const char *examples;    /* command lines, each line "  caseflow NAME ..." */
	int order;               /* position in the listing: the analyst's workflow order */
	int (*run)(int argc, char **argv);   /* argv[0] is the command name; returns an exit code */
};

extern const struct cli_command *const cli_commands[];   /* NULL-terminated */

const struct cli_command *cli_find(const char *name);
/* The command name closest to a mistyped one, or NULL. */
const char *cli_suggest_command(const char *name);
void cli_print_help(const struct cli_command *cmd);      /* full help to stdout */
void cli_print_exit_codes(FILE *fp);                     /* the exit codes, one a line */
int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));            /* prints, returns CF_EUSAGE */

/* Parse argv (argv[0] the command or subcommand word) against the
 * command's option table, for subcommand sub (NULL: none). Returns CF_OK
 * with *a filled (see base/options.h for the getters), or CF_EUSAGE after
 * printing the reason — with "did you mean" for a mistyped option or
 * value — and the usage. */
int cli_parse(const struct cli_command *cmd, const char *sub, int argc, char **argv, struct cf_args *a);

/* The subcommand argv[1] names, checked against cmd->subcommands; NULL
 * after printing the usage (with "did you mean") when it names none. */
const char *cli_subcommand(const struct cli_command *cmd, int argc, char **argv);

/* Print "caseflow CMD: OPT must be ALLOWED, not 'VALUE'", with "; did you
 * mean BEST?" when best is not NULL, and the usage. Returns CF_EUSAGE. */
int cli_bad_value(const struct cli_command *cmd, const char *opt, const char *value, const char *allowed,
		  const char *best);

/* An indicator id the kpi engine or the benchmark map knows closest to a
 * mistyped one, or NULL. */
const char *cli_suggest_indicator(const char *id);

/* Each id of a comma-separated list, resolved by find (an index, or -1),
 * handed to add (which prints its own usage error and returns non-zero to
 * stop). An unknown id is a usage error naming the closest of name_at(0 ..
 * n-1) ("did you mean") and where the ids are listed (hint). Returns CF_OK
 * or CF_EUSAGE, printed. */
int cli_pick_ids(const struct cli_command *cmd, const char *list, int (*find)(const char *id),
		 const char *(*name_at)(int i), int n, const char *hint, int (*add)(void *ctx, int index), void *ctx);

/* Options most commands share, for their tables. */
#define CLI_OPT_DB { .name = "--db", .arg = "PATH", .help = "the store", \
		     .def_text = "$CASEFLOW_DB or caseflow.db" }
/* --la for a command that reads a store: which council, when --db is a hub */
#define CLI_OPT_HUB_LA { .name = "--la", .arg = "CODE", \
			 .help = "with --db naming a hub (postgresql://...): the council whose rows to read, or all " \
				 "(docs/hub.md)" }
#define CLI_OPT_FORMAT { .name = "--format", .arg = "FMT", .type = CF_OPT_ENUM, \
			 .help = "how to write the output (xlsx needs --out)", \
			 .choices = "table|csv|json|xlsx", .def = "table" }
#define CLI_OPT_OUT { .name = "--out", .arg = "FILE", .help = "write there instead of standard output" }
/* for a command whose output is several tables (one CSV file holds one) */
#define CLI_OPT_TABLE { .name = "--table", .arg = "NAME", \
			.help = "only this one of the output's tables (CSV to a file or standard output needs one)" }

/* Render tables[0..n) as render_tables does (CSV of several to one file or
 * standard output is CF_EUSAGE, err naming them), or with --table (the
 * command declares CLI_OPT_TABLE) only the table of that name; a name not
 * among them is CF_EUSAGE with err listing theirs. */
int cli_render(const struct cf_args *a, struct cf_table *const *tables, int n, enum render_format fmt,
	       const char *out, struct cf_error *err);

/* --db as given, else cli_default_db(). */
const char *cli_db(const struct cf_args *a);

/* Open the existing store at db for a command that reads it (a hub, when
 * db is a PostgreSQL URI: the council --la named, read into memory) (readonly: 1
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
