/* Options declared once: the generic parser (base/options.c) on a table of
 * its own, then every command's table — each documented example parses,
 * each option is printed in the help, defaults and choices agree. Links
 * the CLI's objects too (see the Makefile's rule for this test). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/options.h"
#include "cli/command.h"

static const struct cf_option opts[] = {
	{ .name = "--db", .arg = "PATH", .help = "the store", .def_text = "caseflow.db" },
	{ .name = "--format", .arg = "FMT", .type = CF_OPT_ENUM, .help = "output", .choices = "table|csv|json|xlsx",
	  .def = "table" },
	{ .name = "--years", .arg = "N", .type = CF_OPT_INT, .min = 1, .max = 100, .help = "years", .def = "5" },
	{ .name = "--indicator", .arg = "ID", .flags = CF_OPT_REPEAT, .help = "an indicator" },
	{ .name = "--method", .arg = "M", .type = CF_OPT_ENUM, .flags = CF_OPT_LIST, .help = "methods",
	  .choices = "markov|exact-age|duration" },
	{ .name = "--xml", .type = CF_OPT_FLAG, .help = "also XML" },
	{ .name = "--shape", .arg = "S", .type = CF_OPT_ENUM, .sub = "set", .help = "shape", .choices = "linear|geometric" },
	{ 0 }
};

/* Parse a command line given as one string (split at spaces) into a, with
 * argv kept in words[] so the values stay valid. */
static char line_buf[1024];
static char *words[128];
static int parse(const char *line, const char *sub, int max_pos, struct cf_args *a, struct cf_error *err)
{
	snprintf(line_buf, sizeof line_buf, "cmd %s", line);
	int n = 0;
	for (char *p = line_buf; *p;) {
		while (*p == ' ')
			*p++ = '\0';
		if (!*p)
			break;
		words[n++] = p;
		while (*p && *p != ' ')
			p++;
	}
	words[n] = NULL;
	cf_error_clear(err);
	return cf_args_parse(opts, sub, max_pos, n, words, a, err);
}

static void test_values_and_defaults(void **state)
{
	struct cf_args a;
	struct cf_error err;
	assert_int_equal(parse("--db x.db --format=csv --years 7 --xml", NULL, 0, &a, &err), CF_OK);
	assert_string_equal(cf_args_str(&a, "--db"), "x.db");
	assert_string_equal(cf_args_str(&a, "--format"), "csv");
	assert_int_equal(cf_args_enum(&a, "--format"), 1);
	assert_int_equal(cf_args_int(&a, "--years"), 7);
	assert_int_equal(cf_args_has(&a, "--xml"), 1);
	assert_int_equal(parse("", NULL, 0, &a, &err), CF_OK);
	assert_null(cf_args_str(&a, "--db"));                 /* def_text is words, not a value */
	assert_string_equal(cf_args_str(&a, "--format"), "table");
	assert_int_equal(cf_args_enum(&a, "--format"), 0);
	assert_int_equal(cf_args_int(&a, "--years"), 5);
	assert_int_equal(cf_args_has(&a, "--xml"), 0);
	assert_int_equal(cf_args_enum(&a, "--method"), -1);
	/* a later value wins; "--" ends the options */
	assert_int_equal(parse("--years 2 --years 3 -- --xml", NULL, -1, &a, &err), CF_OK);
	assert_int_equal(cf_args_int(&a, "--years"), 3);
	assert_int_equal(a.npos, 1);
	assert_string_equal(a.pos[0], "--xml");
	/* a value may start with a dash */
	assert_int_equal(parse("--db -x", NULL, 0, &a, &err), CF_OK);
	assert_string_equal(cf_args_str(&a, "--db"), "-x");
}

static void test_repeats_and_positionals(void **state)
{
	struct cf_args a;
	struct cf_error err;
	assert_int_equal(parse("one --indicator a two --indicator=b,c - three", NULL, -1, &a, &err), CF_OK);
	int it = 0;
	assert_string_equal(cf_args_next(&a, "--indicator", &it), "a");
	assert_string_equal(cf_args_next(&a, "--indicator", &it), "b,c");
	assert_null(cf_args_next(&a, "--indicator", &it));
	assert_int_equal(a.npos, 4);
	assert_string_equal(a.pos[0], "one");
	assert_string_equal(a.pos[1], "two");
	assert_string_equal(a.pos[2], "-");   /* standard input, not an option */
	assert_string_equal(a.pos[3], "three");
	assert_int_equal(parse("one two", NULL, 1, &a, &err), CF_EUSAGE);
	assert_string_equal(err.msg, "unexpected argument two");
	assert_int_equal(parse("one", NULL, 0, &a, &err), CF_EUSAGE);
	assert_string_equal(err.msg, "unexpected argument one");
	assert_int_equal(parse("format csv", NULL, 0, &a, &err), CF_EUSAGE);   /* the dashes forgotten */
	assert_string_equal(err.msg, "unexpected argument format; did you mean --format?");
}

static void test_refusals(void **state)
{
	struct cf_args a;
	struct cf_error err;
	assert_int_equal(parse("--fromat csv", NULL, 0, &a, &err), CF_EUSAGE);
	assert_string_equal(err.msg, "unknown option --fromat; did you mean --format?");
	assert_int_equal(parse("--ind x", NULL, 0, &a, &err), CF_EUSAGE);
	assert_string_equal(err.msg, "unknown option --ind; did you mean --indicator?");
	assert_int_equal(parse("--zebra=1", NULL, 0, &a, &err), CF_EUSAGE);
	assert_string_equal(err.msg, "unknown option --zebra");
	assert_int_equal(parse("--format jsn", NULL, 0, &a, &err), CF_EUSAGE);
	assert_string_equal(err.msg, "--format must be table, csv, json or xlsx, not 'jsn'; did you mean json?");
	assert_int_equal(parse("--format pdf", NULL, 0, &a, &err), CF_EUSAGE);
	assert_string_equal(err.msg, "--format must be table, csv, json or xlsx, not 'pdf'");
	assert_int_equal(parse("--method markov,exact_age", NULL, 0, &a, &err), CF_EUSAGE);
	assert_string_equal(err.msg, "--method must be a comma list of markov, exact-age or duration, not 'exact_age'; "
				     "did you mean exact-age?");
	assert_int_equal(parse("--method markov,duration", NULL, 0, &a, &err), CF_OK);
	assert_int_equal(parse("--years 0", NULL, 0, &a, &err), CF_EUSAGE);
	assert_string_equal(err.msg, "--years must be a whole number from 1 to 100, not '0'");
	assert_int_equal(parse("--years 5x", NULL, 0, &a, &err), CF_EUSAGE);
	assert_int_equal(parse("--years 99999999999999999999", NULL, 0, &a, &err), CF_EUSAGE);
	assert_int_equal(parse("--db", NULL, 0, &a, &err), CF_EUSAGE);
	assert_string_equal(err.msg, "--db needs a value (PATH)");
	assert_int_equal(parse("--xml=yes", NULL, 0, &a, &err), CF_EUSAGE);
	assert_string_equal(err.msg, "--xml takes no value");
	assert_int_equal(parse("--shape linear", "show", 0, &a, &err), CF_EUSAGE);
	assert_string_equal(err.msg, "--shape goes with set, not show");
	assert_int_equal(parse("--shape linear", "set", 0, &a, &err), CF_OK);
}

static void test_suggest(void **state)
{
	static const char *const cands[] = { "summary", "synth", "ingest", "validate", "kpi", "journey" };
	struct {
		const char *word, *want;
	} cases[] = {
		{ "sumary", "summary" }, { "summray", "summary" }, { "SUMMARY", "summary" },
		{ "sytnh", "synth" }, { "ingets", "ingest" }, { "validat", "validate" }, { "val", "validate" },
		{ "kip", "kpi" }, { "jouney", "journey" }, { "report", NULL }, { "x", NULL }, { "zzzzzzzz", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct cf_suggest s;
		cf_suggest_init(&s, cases[i].word);
		for (size_t k = 0; k < sizeof cands / sizeof cands[0]; k++)
			cf_suggest_offer(&s, cands[k]);
		const char *got = cf_suggest_best(&s);
		if (cases[i].want ? !got || strcmp(got, cases[i].want) : got != NULL)
			fail_msg("'%s': wanted %s, got %s", cases[i].word, cases[i].want ? cases[i].want : "none",
				 got ? got : "none");
	}
}

static void test_help_lines(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	cf_options_print(fp, opts);
	fclose(fp);
	assert_non_null(strstr(buf, "  --db PATH            the store (default: caseflow.db)\n"));
	assert_non_null(strstr(buf, "  --format FMT         output: table, csv, json or xlsx (default: table)\n"));
	assert_non_null(strstr(buf, "  --years N            years (1 to 100; default: 5)\n"));
	assert_non_null(strstr(buf, "  --indicator ID       an indicator (may be repeated)\n"));
	assert_non_null(strstr(buf, "  --method M           methods: one or more of markov, exact-age and duration\n"));
	assert_non_null(strstr(buf, "  --xml                also XML\n"));
	assert_non_null(strstr(buf, "  --shape S            shape: linear or geometric (set only)\n"));
	for (char *line = buf; *line; line = strchr(line, '\n') + 1)
		assert_true(strcspn(line, "\n") <= 79);
	free(buf);
}

/* --- every command's table ----------------------------------------------- */

/* Split one example (continuation lines joined) into argv and parse it as
 * the binary would: the command, its subcommand if it has them, the table. */
static int parse_example(const char *example, const struct cli_command **cmd_out, struct cf_args *a)
{
	static char buf[2048];
	static char *av[256];
	int n = 0;
	snprintf(buf, sizeof buf, "%s", example);
	for (char *p = buf; *p && n < 255;) {
		while (*p == ' ')
			*p++ = '\0';
		if (!*p || *p == '#')
			break;
		av[n++] = p;
		while (*p && *p != ' ')
			p++;
	}
	av[n] = NULL;
	if (n < 2 || strcmp(av[0], "caseflow") != 0)
		return -1;
	const struct cli_command *cmd = cli_find(av[1]);
	*cmd_out = cmd;
	if (!cmd)
		return -2;
	if (cmd->subcommands) {
		const char *sub = cli_subcommand(cmd, n - 1, av + 1);
		return sub ? cli_parse(cmd, sub, n - 2, av + 2, a) : CF_EUSAGE;
	}
	return cli_parse(cmd, NULL, n - 1, av + 1, a);
}

static void test_every_example_parses(void **state)
{
	int examples = 0;
	for (int i = 0; cli_commands[i]; i++) {
		const struct cli_command *cmd = cli_commands[i];
		assert_non_null(cmd->examples);
		char joined[2048] = "";
		for (const char *p = cmd->examples; *p;) {
			size_t len = strcspn(p, "\n");
			const char *line = p;
			while (*line == ' ' && line < p + len)
				line++;
			size_t used = strlen(joined);
			snprintf(joined + used, sizeof joined - used, "%.*s", (int)(len - (size_t)(line - p)), line);
			p += len + (p[len] == '\n');
			used = strlen(joined);
			if (used && joined[used - 1] == '\\') {   /* continued on the next line */
				joined[used - 1] = ' ';
				continue;
			}
			if (strncmp(joined, "caseflow ", 9) == 0) {
				const struct cli_command *c = NULL;
				struct cf_args a;
				int rc = parse_example(joined, &c, &a);
				if (rc != CF_OK)
					fail_msg("caseflow help %s: example does not parse: %s", cmd->name, joined);
				examples++;
			}
			joined[0] = '\0';
		}
	}
	assert_true(examples >= 30);
	/* and the check can fail: a mistyped option or value, a missing subcommand */
	const struct cli_command *c;
	struct cf_args a;
	assert_int_equal(parse_example("caseflow summary --db la.db --fromat csv", &c, &a), CF_EUSAGE);
	assert_int_equal(parse_example("caseflow synth --out x --children lots", &c, &a), CF_EUSAGE);
	assert_int_equal(parse_example("caseflow trajectory --db la.db", &c, &a), CF_EUSAGE);
	assert_int_equal(parse_example("caseflow trajectory show --shape linear", &c, &a), CF_EUSAGE);
}

/* The example column of README's table of commands parses too. */
static void test_readme_examples_parse(void **state)
{
	const char *top = getenv("CASEFLOW_TOP");
	char path[1024], line[4096];
	snprintf(path, sizeof path, "%s/README.md", top && *top ? top : ".");
	FILE *fp = fopen(path, "r");
	if (!fp)
		fail_msg("%s: cannot open (run from the top of the checkout, or set CASEFLOW_TOP)", path);
	int n = 0;
	while (fgets(line, sizeof line, fp)) {
		if (strncmp(line, "| `", 3) != 0)
			continue;
		char *start = strstr(line, "| `caseflow ");
		for (char *next; start && (next = strstr(start + 1, "| `caseflow "));)
			start = next;
		if (!start)
			continue;
		start += 3;
		char *end = strchr(start, '`');
		assert_non_null(end);
		*end = '\0';
		const struct cli_command *c;
		struct cf_args a;
		if (parse_example(start, &c, &a) != CF_OK)
			fail_msg("README.md: example does not parse: %s", start);
		n++;
	}
	fclose(fp);
	int ncmd = 0;
	while (cli_commands[ncmd])
		ncmd++;
	assert_int_equal(n, ncmd);   /* one for each command */
}

static void test_every_table(void **state)
{
	int ncmd = 0;
	for (int i = 0; cli_commands[i]; i++, ncmd++) {
		const struct cli_command *cmd = cli_commands[i];
		assert_non_null(cmd->options);
		/* the hand-written usage names every option the table declares (those
		 * most commands share may be left to the Options section) */
		for (const struct cf_option *o = cmd->options; o->name; o++) {
			if (!strstr(cmd->usage, o->name) && strcmp(o->name, "--db") && strcmp(o->name, "--out") &&
			    strcmp(o->name, "--format"))
				fail_msg("caseflow %s: %s is in the table but not in the usage", cmd->name, o->name);
			assert_non_null(o->help);
			if (o->type == CF_OPT_ENUM) {
				assert_non_null(o->choices);
				/* a default must be one of the choices (a LIST's: each of its items) */
				for (const char *d = o->def; d && *d;) {
					size_t len = o->flags & CF_OPT_LIST ? strcspn(d, ",") : strlen(d);
					assert_true(cf_choice_index(o->choices, d, len) >= 0);
					d += len + (d[len] == ',');
				}
			}
			if (o->type == CF_OPT_INT && o->def) {
				long v = strtol(o->def, NULL, 10);
				assert_true(v >= o->min && v <= o->max);
			}
			assert_true((o->type == CF_OPT_FLAG) == (o->arg == NULL));
			/* two options never share a name */
			for (const struct cf_option *q = o + 1; q->name; q++)
				assert_string_not_equal(o->name, q->name);
		}
		/* the prose no longer repeats the options: they are printed from the table */
		assert_null(strstr(cmd->help, "\nOptions:"));
		assert_null(strstr(cmd->help, "Examples:"));
	}
	assert_true(ncmd >= 17);   /* the table is generated from src/cli/cmd_*.c: none went missing */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values_and_defaults),
		cmocka_unit_test(test_repeats_and_positionals),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_help_lines),
		cmocka_unit_test(test_every_example_parses),
		cmocka_unit_test(test_readme_examples_parse),
		cmocka_unit_test(test_every_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
