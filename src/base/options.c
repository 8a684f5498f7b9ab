/* Options declared once in a table: parsing, typed getters, the help
 * section and "did you mean" (see options.h). */
#include "base/options.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/strbuf.h"

/* --- did you mean -------------------------------------------------------- */

#define SUGGEST_MAX 64   /* longer words are not compared */

/* Optimal string alignment distance, ignoring case, in half-steps: an
 * insertion, deletion or substitution costs 2, a swap of neighbours
 * ("fromat") 1, so "--yb" is nearer "--by" than "--db". */
static int edit_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n >= SUGGEST_MAX || m >= SUGGEST_MAX)
		return 2 * SUGGEST_MAX;
	int d[SUGGEST_MAX + 1][SUGGEST_MAX + 1];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = 2 * (int)i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = 2 * (int)j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
			int best = d[i - 1][j - 1] + 2 * (ca != cb);
			if (d[i - 1][j] + 2 < best)
				best = d[i - 1][j] + 2;
			if (d[i][j - 1] + 2 < best)
				best = d[i][j - 1] + 2;
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[n][m];
}

static const char *undashed(const char *s)
{
	while (*s == '-')
		s++;
	return s;
}

void cf_suggest_init(struct cf_suggest *s, const char *word)
{
	s->word = word;
	s->best = NULL;
	s->score = 2 * SUGGEST_MAX;
}

void cf_suggest_offer(struct cf_suggest *s, const char *candidate)
{
	if (!candidate || !*candidate)
		return;
	int score = edit_distance(s->word, candidate);
	/* "--ind" for "--indicator": a beginning is as good as one typo */
	const char *w = undashed(s->word), *c = undashed(candidate);
	size_t wlen = strlen(w);
	if (wlen >= 2 && strlen(c) > wlen && strncasecmp(w, c, wlen) == 0 && score > 2)
		score = 2;
	if (score < s->score) {
		s->score = score;
		s->best = candidate;
	}
}

const char *cf_suggest_best(const struct cf_suggest *s)
{
	/* a third of the word may be wrong, at least one letter and at most three */
	int wlen = (int)strlen(undashed(s->word));
	int allowed = wlen / 3 < 1 ? 1 : wlen / 3 > 3 ? 3 : wlen / 3;
	return s->best && s->score <= 2 * allowed ? s->best : NULL;
}

/* --- the table --------------------------------------------------------- */

int cf_choice_index(const char *choices, const char *word, size_t len)
{
	int k = 0;
	for (const char *p = choices; p && *p; k++) {
		size_t n = strcspn(p, "|");
		if (n == len && strncmp(p, word, len) == 0)
			return k;
		p += n + (p[n] == '|');
	}
	return -1;
}

/* "a|b|c" as "a, b or c" */
static void add_choices(struct strbuf *sb, const char *choices, const char *last_sep)
{
	for (const char *p = choices; *p;) {
		size_t n = strcspn(p, "|");
		strbuf_add(sb, p, n);
		p += n + (p[n] == '|');
		if (*p)
			strbuf_adds(sb, strchr(p, '|') ? ", " : last_sep);
	}
}

static int find_option(const struct cf_option *opts, const char *name, size_t len)
{
	for (int k = 0; opts[k].name; k++)
		if (strlen(opts[k].name) == len && strncmp(opts[k].name, name, len) == 0)
			return k;
	return -1;
}

static int option_index(const struct cf_args *a, const char *name)
{
	int k = find_option(a->opts, name, strlen(name));
	if (k < 0) {
		fprintf(stderr, "caseflow: bug: no option %s in this command's table\n", name);
		abort();
	}
	return k;
}

/* A suggestion among choices for a mistyped item, as "; did you mean X?" */
static void suggest_choice(const char *choices, const char *item, char *out, size_t size)
{
	struct cf_suggest s;
	char buf[SUGGEST_MAX], best[SUGGEST_MAX] = "";
	cf_suggest_init(&s, item);
	for (const char *p = choices; *p;) {
		size_t n = strcspn(p, "|");
		snprintf(buf, sizeof buf, "%.*s", (int)(n < sizeof buf ? n : sizeof buf - 1), p);
		cf_suggest_offer(&s, buf);
		if (s.best == buf) {   /* buf is reused for the next choice */
			memcpy(best, buf, sizeof best);
			s.best = best;
		}
		p += n + (p[n] == '|');
	}
	if (cf_suggest_best(&s))
		snprintf(out, size, "; did you mean %s?", best);
	else
		out[0] = '\0';
}

static int check_value(const struct cf_option *o, const char *v, struct cf_error *err)
{
	if (o->type == CF_OPT_INT) {
		char *end;
		errno = 0;
		long x = strtol(v, &end, 10);
		if (errno || end == v || *end || x < o->min || x > o->max)
			return cf_error_at(err, CF_EUSAGE, NULL, 0, o->name, v,
					   "%s must be a whole number from %ld to %ld, not '%s'", o->name, o->min, o->max, v);
	} else if (o->type == CF_OPT_ENUM) {
		const char *p = v;
		do {
			size_t n = o->flags & CF_OPT_LIST ? strcspn(p, ",") : strlen(p);
			if (cf_choice_index(o->choices, p, n) < 0) {
				char item[SUGGEST_MAX], hint[SUGGEST_MAX + 24];
				struct strbuf sb = STRBUF_INIT;
				snprintf(item, sizeof item, "%.*s", (int)(n < sizeof item ? n : sizeof item - 1), p);
				suggest_choice(o->choices, item, hint, sizeof hint);
				add_choices(&sb, o->choices, " or ");
				cf_error_at(err, CF_EUSAGE, NULL, 0, o->name, item, "%s must be %s%s, not '%s'%s", o->name,
					    o->flags & CF_OPT_LIST ? "a comma list of " : "", strbuf_str(&sb), item, hint);
				strbuf_release(&sb);
				return CF_EUSAGE;
			}
			p += n;
		} while (*p++ == ',');
	}
	return CF_OK;
}

static int unknown_option(const struct cf_option *opts, const char *arg, size_t len, struct cf_error *err)
{
	char name[SUGGEST_MAX];
	struct cf_suggest s;
	snprintf(name, sizeof name, "%.*s", (int)(len < sizeof name ? len : sizeof name - 1), arg);
	cf_suggest_init(&s, name);
	for (int k = 0; opts[k].name; k++)
		cf_suggest_offer(&s, opts[k].name);
	const char *best = cf_suggest_best(&s);
	if (best)
		return cf_error_at(err, CF_EUSAGE, NULL, 0, name, NULL, "unknown option %s; did you mean %s?", name, best);
	return cf_error_at(err, CF_EUSAGE, NULL, 0, name, NULL, "unknown option %s", name);
}

/* "db" for "--db": the option meant, when the word is close to one */
static int unexpected_argument(const struct cf_option *opts, const char *arg, struct cf_error *err)
{
	char dashed[SUGGEST_MAX];
	struct cf_suggest s;
	snprintf(dashed, sizeof dashed, "--%s", arg);
	cf_suggest_init(&s, dashed);
	for (int k = 0; opts[k].name; k++)
		cf_suggest_offer(&s, opts[k].name);
	const char *best = strlen(arg) >= 2 ? cf_suggest_best(&s) : NULL;
	if (best)
		return cf_error_at(err, CF_EUSAGE, NULL, 0, NULL, arg, "unexpected argument %s; did you mean %s?", arg, best);
	return cf_error_at(err, CF_EUSAGE, NULL, 0, NULL, arg, "unexpected argument %s", arg);
}

int cf_args_parse(const struct cf_option *opts, const char *sub, int max_pos, int argc, char **argv,
		  struct cf_args *a, struct cf_error *err)
{
	memset(a, 0, sizeof *a);
	a->opts = opts;
	while (opts[a->nopts].name)
		a->nopts++;
	if (a->nopts > CF_OPTS_MAX) {
		fprintf(stderr, "caseflow: bug: %d options in one table (at most %d)\n", a->nopts, CF_OPTS_MAX);
		abort();
	}
	a->pos = argv + 1;
	int only_pos = 0;
	for (int i = 1; i < argc; i++) {
		char *s = argv[i];
		if (only_pos || s[0] != '-' || s[1] == '\0') {
			if (max_pos >= 0 && a->npos >= max_pos)
				return unexpected_argument(opts, s, err);
			argv[1 + a->npos++] = s;   /* never past i: argv[i + 1..] is still to read */
			continue;
		}
		if (strcmp(s, "--") == 0) {
			only_pos = 1;
			continue;
		}
		const char *eq = strchr(s, '=');
		size_t len = eq ? (size_t)(eq - s) : strlen(s);
		int k = find_option(opts, s, len);
		if (k < 0)
			return unknown_option(opts, s, len, err);
		const struct cf_option *o = &opts[k];
		if (o->sub && (!sub || cf_choice_index(o->sub, sub, strlen(sub)) < 0))
			return cf_error_at(err, CF_EUSAGE, NULL, 0, o->name, NULL, "%s goes with %s, not %s", o->name, o->sub,
					   sub ? sub : "this command");
		const char *v;
		if (o->type == CF_OPT_FLAG) {
			if (eq)
				return cf_error_at(err, CF_EUSAGE, NULL, 0, o->name, eq + 1, "%s takes no value", o->name);
			v = "";
		} else if (eq) {
			v = eq + 1;
		} else if (i + 1 < argc) {
			v = argv[++i];
		} else {
			return cf_error_at(err, CF_EUSAGE, NULL, 0, o->name, NULL, "%s needs a value (%s)", o->name,
					   o->arg ? o->arg : "VALUE");
		}
		int rc = check_value(o, v, err);
		if (rc)
			return rc;
		if (o->flags & CF_OPT_REPEAT) {
			if (a->nrep == CF_OPTS_MAX_REPEATS)
				return cf_error_at(err, CF_EUSAGE, NULL, 0, o->name, NULL, "too many %s values (at most %d)",
						   o->name, CF_OPTS_MAX_REPEATS);
			a->rep[a->nrep].opt = k;
			a->rep[a->nrep++].value = v;
		}
		a->value[k] = v;
		a->count[k]++;
	}
	return CF_OK;
}

int cf_args_has(const struct cf_args *a, const char *name) { return a->count[option_index(a, name)]; }

int cf_args_takes(const struct cf_args *a, const char *name) { return find_option(a->opts, name, strlen(name)) >= 0; }

const char *cf_args_str(const struct cf_args *a, const char *name)
{
	int k = option_index(a, name);
	return a->value[k] ? a->value[k] : a->opts[k].def;
}

long cf_args_int(const struct cf_args *a, const char *name)
{
	const char *v = cf_args_str(a, name);
	return v ? strtol(v, NULL, 10) : 0;   /* checked when parsed (a def is the table's own) */
}

int cf_args_enum(const struct cf_args *a, const char *name)
{
	int k = option_index(a, name);
	const char *v = cf_args_str(a, name);
	return v ? cf_choice_index(a->opts[k].choices, v, strlen(v)) : -1;
}

const char *cf_args_next(const struct cf_args *a, const char *name, int *iter)
{
	int k = option_index(a, name);
	while (*iter < a->nrep)
		if (a->rep[(*iter)++].opt == k)
			return a->rep[*iter - 1].value;
	return NULL;
}

/* --- help ------------------------------------------------------------------ */

/* Whether text names each of choices as a word (then the help has gone
 * through them, and they are not listed again). */
static int mentions(const char *text, const char *choices)
{
	for (const char *c = choices; *c;) {
		size_t n = strcspn(c, "|");
		const char *p = text;
		for (; *p; p++)
			if (strncmp(p, c, n) == 0 && (p == text || !isalnum((unsigned char)p[-1])) &&
			    !isalnum((unsigned char)p[n]) && p[n] != '-' && p[n] != '_')
				break;
		if (!*p)
			return 0;
		c += n + (c[n] == '|');
	}
	return 1;
}

#define HELP_COL 23
#define HELP_WIDTH 79

void cf_options_print(FILE *fp, const struct cf_option *opts)
{
	for (const struct cf_option *o = opts; o->name; o++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_adds(&sb, o->help ? o->help : "");
		/* the choices, unless the help already goes through them */
		if (o->type == CF_OPT_ENUM && o->choices && !mentions(sb.len ? strbuf_str(&sb) : "", o->choices)) {
			strbuf_adds(&sb, o->flags & CF_OPT_LIST ? ": one or more of " : ": ");
			add_choices(&sb, o->choices, o->flags & CF_OPT_LIST ? " and " : " or ");
		}
		/* then one parenthesis: range; default; repeat; subcommands */
		const char *sep = " (";
		if (o->type == CF_OPT_INT) {
			strbuf_addf(&sb, "%s%ld to %ld", sep, o->min, o->max);
			sep = "; ";
		}
		if (o->def_text || o->def) {
			strbuf_addf(&sb, "%sdefault: %s", sep, o->def_text ? o->def_text : o->def);
			sep = "; ";
		}
		if (o->flags & CF_OPT_REPEAT) {
			strbuf_addf(&sb, "%smay be repeated", sep);
			sep = "; ";
		}
		if (o->sub) {
			strbuf_adds(&sb, sep);
			add_choices(&sb, o->sub, " and ");
			strbuf_adds(&sb, " only");
			sep = "; ";
		}
		if (sep[0] == ';')
			strbuf_addc(&sb, ')');
		int col = fprintf(fp, "  %s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		if (col > HELP_COL - 2) {
			fputc('\n', fp);
			col = 0;
		}
		fprintf(fp, "%*s", HELP_COL - col, "");
		col = HELP_COL;
		/* wrap at word boundaries */
		for (const char *p = strbuf_str(&sb); *p;) {
			size_t n = strcspn(p, " ");
			if (col > HELP_COL && col + 1 + (int)n > HELP_WIDTH) {
				fprintf(fp, "\n%*s", HELP_COL, "");
				col = HELP_COL;
			} else if (col > HELP_COL) {
				fputc(' ', fp);
				col++;
			}
			fprintf(fp, "%.*s", (int)n, p);
			col += (int)n;
			p += n;
			while (*p == ' ')
				p++;
		}
		fputc('\n', fp);
		strbuf_release(&sb);
	}
}
