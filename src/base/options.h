/* Command-line options declared once in a table, then parsed, checked and
 * printed from it (git's parse-options, tmux's args template). Knows nothing
 * of caseflow's commands: the CLI gives it each command's table. */
#ifndef CF_BASE_OPTIONS_H
#define CF_BASE_OPTIONS_H

#include <stdio.h>

#include "base/error.h"

enum cf_opt_type {
	CF_OPT_STRING = 0,  /* any value */
	CF_OPT_FLAG,        /* no value: "--xml" (arg must be NULL) */
	CF_OPT_INT,         /* a whole number from min to max */
	CF_OPT_ENUM,        /* one of choices */
};

enum cf_opt_flags {
	CF_OPT_REPEAT = 1,  /* may be given more than once; every value is kept */
	CF_OPT_LIST = 2,    /* an ENUM whose value is a comma list, each item one of choices */
};

/* One option. A table is an array ended by an entry whose name is NULL. */
struct cf_option {
	const char *name;       /* "--db" */
	const char *arg;        /* "PATH" for help; NULL for a flag */
	enum cf_opt_type type;
	const char *help;       /* what it does, one paragraph (wrapped when printed) */
	const char *def;        /* the value when not given (getters return it), or NULL */
	const char *def_text;   /* the default in words when it is not a literal
				   ("$CASEFLOW_DB or caseflow.db"); shown instead of def */
	const char *choices;    /* ENUM: "table|csv|json|xlsx" */
	long min, max;          /* INT: the range */
	int flags;              /* enum cf_opt_flags */
	const char *sub;        /* only with these subcommands ("set", "set|show"); NULL: any */
};

#define CF_OPTS_MAX 40          /* options in one table */
#define CF_OPTS_MAX_REPEATS 128 /* values kept for REPEAT options, all together */

/* What one command line gave. Values point into argv; positional arguments
 * are moved to argv[1..npos] (pos == argv + 1), so nothing is allocated and
 * nothing needs releasing. */
struct cf_args {
	const struct cf_option *opts;
	int nopts;
	const char *value[CF_OPTS_MAX];   /* the last value given ("" for a flag), or NULL */
	int count[CF_OPTS_MAX];           /* how many times each was given */
	struct {
		int opt;
		const char *value;
	} rep[CF_OPTS_MAX_REPEATS];       /* every value of REPEAT options, in order */
	int nrep;
	char **pos;
	int npos;
};

/* Parse argv[1..argc) (argv[0] is the command's name) against opts:
 * "--name VALUE", "--name=VALUE", flags, "--" ending the options, and up
 * to max_pos positional arguments (-1: any number). sub names the
 * subcommand being parsed (NULL: none); an option whose .sub does not
 * include it is refused. Values of INT and ENUM options are checked here.
 * Returns CF_OK, or CF_EUSAGE with the reason in err (msg; the option in
 * err->column and the value in err->value) — for an unknown option, a
 * mistyped choice or subcommand, with "did you mean ...?". */
int cf_args_parse(const struct cf_option *opts, const char *sub, int max_pos, int argc, char **argv,
		  struct cf_args *a, struct cf_error *err);

/* Getters by option name. Asking for a name the table lacks is a bug in the
 * caller: it aborts with a message. */
int cf_args_has(const struct cf_args *a, const char *name);         /* times given */
int cf_args_takes(const struct cf_args *a, const char *name);       /* 1 when the table has the option */
const char *cf_args_str(const struct cf_args *a, const char *name); /* last value, else def, else NULL */
long cf_args_int(const struct cf_args *a, const char *name);        /* INT: the value or def, else 0 */
int cf_args_enum(const struct cf_args *a, const char *name);        /* ENUM: index into choices, -1 if none */
/* REPEAT: the next value after *iter (start with *iter = 0), or NULL at the end. */
const char *cf_args_next(const struct cf_args *a, const char *name, int *iter);

/* The index of word in a "a|b|c" choices string, or -1. */
int cf_choice_index(const char *choices, const char *word, size_t len);

/* Print the options section of a help page: each option with its
 * argument, help, choices and default, wrapped to 79 columns. An option
 * for some subcommands only says which. */
void cf_options_print(FILE *fp, const struct cf_option *opts);

/* "Did you mean": offer candidates one by one, then take the closest to
 * word (case-insensitive edit distance, a swap of neighbours counting half
 * a typo; a candidate that word begins counts as one typo), or NULL when
 * none is close enough to be what was meant: at most a third of the word
 * (without leading dashes) wrong, one to three typos. The first of equally
 * close candidates wins. */
struct cf_suggest {
	const char *word;
	const char *best;
	int score;          /* the best distance so far, in half-steps */
};
void cf_suggest_init(struct cf_suggest *s, const char *word);
void cf_suggest_offer(struct cf_suggest *s, const char *candidate);
const char *cf_suggest_best(const struct cf_suggest *s);

#endif
