/* caseflow: a thin front over libcaseflow. Finds the subcommand in the
 * generated table and runs it; everything else lives in the library. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"

#define CASEFLOW_VERSION "0.1.0"

static int by_order(const void *a, const void *b)
{
	const struct cli_command *x = *(const struct cli_command *const *)a;
	const struct cli_command *y = *(const struct cli_command *const *)b;
	return x->order != y->order ? x->order - y->order : strcmp(x->name, y->name);
}

static void print_overview(FILE *fp)
{
	const struct cli_command *sorted[64];
	int n = 0;
	for (; cli_commands[n] && n < 64; n++)
		sorted[n] = cli_commands[n];
	qsort(sorted, (size_t)n, sizeof *sorted, by_order);
	fprintf(fp, "caseflow %s — children's services data into the figures programmes run on\n\n"
		"Usage: caseflow COMMAND [OPTIONS]\n\nCommands:\n", CASEFLOW_VERSION);
	for (int i = 0; i < n; i++)
		fprintf(fp, "  %-11s %s\n", sorted[i]->name, sorted[i]->summary);
	fprintf(fp, "\n'caseflow help COMMAND' (or 'caseflow COMMAND --help') shows a command's options and examples.\n"
		"The store is --db PATH, else $CASEFLOW_DB, else ./caseflow.db.\n"
		"\nExit codes (docs/exit-codes.md):\n");
	cli_print_exit_codes(fp);
}

static int no_command(const char *name)
{
	const char *best = cli_suggest_command(name);
	if (best)
		fprintf(stderr, "caseflow: no command '%s'; did you mean '%s'? Commands are listed by 'caseflow help'.\n",
			name, best);
	else
		fprintf(stderr, "caseflow: no command '%s'. Commands are listed by 'caseflow help'.\n", name);
	return CF_EUSAGE;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		print_overview(stderr);
		return CF_EUSAGE;
	}
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h")) {
		print_overview(stdout);
		return CF_OK;
	}
	if (!strcmp(name, "--version") || !strcmp(name, "version")) {
		printf("caseflow %s\n", CASEFLOW_VERSION);
		return CF_OK;
	}
	if (!strcmp(name, "help")) {
		if (argc < 3) {
			print_overview(stdout);
			return CF_OK;
		}
		const struct cli_command *cmd = cli_find(argv[2]);
		if (!cmd)
			return no_command(argv[2]);
		cli_print_help(cmd);
		return CF_OK;
	}
	const struct cli_command *cmd = cli_find(name);
	if (!cmd)
		return no_command(name);
	for (int i = 2; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			cli_print_help(cmd);
			return CF_OK;
		}
	return cmd->run(argc - 1, argv + 1);
}
