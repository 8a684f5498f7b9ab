/* Development-time generator of src/formats/annexa_spellings.c: reads
 * Ofsted's Annex A schema (Annex_A_schema.yml: every header spelling and
 * value spelling seen in councils' files) and writes them as caseflow's own
 * C tables, so that the binary never reads the YAML. Run by
 * `make annexa-spellings ANNEXA_SCHEMA=path/to/Annex_A_schema.yml`.
 *
 * It reads the subset of YAML that file uses with a line parser:
 *
 *   column_map:
 *       list_N:                              lists, indent 4
 *           Column Name: [&anchor | *alias]  columns, indent 8 (keys may be quoted)
 *               <<: *alias                   merge another column's spec
 *               category:                    indent 12
 *                 -   code: CODE             indent 14
 *                     name:                  indent 18
 *                       -   SPELLING         indent 20 (wrapped lines indented further)
 *                     cell_regex:            indent 18: patterns for the same code
 *                       -   /re/i
 *               header_regex:                indent 12
 *                 -   /re/i                  (anything after the closing /i is ignored)
 *               date: / numeric: / string: / canbeblank:   ignored (the built-in lists type columns)
 *
 * Scalars are plain, 'single' ('' escapes) or "double" quoted, and may
 * wrap onto following lines (joined with one space). A pattern POSIX
 * extended regular expressions cannot compile is left out (the standard
 * names still match). Labels are written normalised (lower case, runs of
 * spaces collapsed), sorted, the first spelling listed for a category set
 * winning, as the run-time lookup expects. */
#include <ctype.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "base/strbuf.h"
#include "formats/annexa.h"

struct rx_list {
	int n, cap;
	const char **pats;        /* pattern text, compiled once here to check it */
	int *icase;
	const char **codes;       /* cell patterns: the category each gives; NULL for headers */
	struct rx_list *next_alloc;
};

struct spec {
	int cat_set;              /* -1: no categories */
	struct rx_list *headers;  /* header patterns, or NULL */
	int own_headers;          /* headers set by this spec (not merged from another) */
};

struct label {
	uint64_t hash;
	int set;
	const char *name;         /* normalised */
	const char *code;
};

struct annexa_schema {
	struct arena arena;
	int yaml;
	struct spec *specs;
	int nspecs, cap_specs;
	int col_spec[ANNEXA_NLISTS][ANNEXA_MAXCOLS];
	struct { char *name; int spec; } *anchors;
	int nanchors, cap_anchors;
	struct label *labels;     /* open addressing, capacity a power of two */
	size_t nlabels, cap_labels;
	struct rx_list **cell_rx; /* by category set */
	int ncat_sets;
	struct rx_list *all_rx;   /* every list, for freeing */
	int nregex;
};

/* --- normalising and hashing ------------------------------------------------- */

/* Lower-case ASCII, trim, collapse runs of space into one. */
static size_t normalise(const char *s, char *out, size_t size)
{
	size_t o = 0;
	int space = 0;
	while (isspace((unsigned char)*s))
		s++;
	for (; *s && o + 1 < size; s++) {
		if (isspace((unsigned char)*s)) {
			space = 1;
			continue;
		}
		if (space && o + 2 < size)
			out[o++] = ' ';
		space = 0;
		out[o++] = (char)tolower((unsigned char)*s);
	}
	out[o] = '\0';
	return o;
}

static uint64_t hash_of(int set, const char *s)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)(unsigned)set;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h ? h : 1;
}

static int labels_grow(struct annexa_schema *s)
{
	size_t nc = s->cap_labels ? s->cap_labels * 2 : 4096;
	struct label *nl = calloc(nc, sizeof *nl);
	if (!nl)
		return -1;
	for (size_t i = 0; i < s->cap_labels; i++) {
		struct label *l = &s->labels[i];
		if (!l->hash)
			continue;
		size_t j = l->hash & (nc - 1);
		while (nl[j].hash)
			j = (j + 1) & (nc - 1);
		nl[j] = *l;
	}
	free(s->labels);
	s->labels = nl;
	s->cap_labels = nc;
	return 0;
}

static int label_add(struct annexa_schema *s, int set, const char *raw, const char *code)
{
	char name[512];
	if (!normalise(raw, name, sizeof name))
		return 0;
	if ((s->nlabels + 1) * 2 > s->cap_labels && labels_grow(s))
		return -1;
	uint64_t h = hash_of(set, name);
	size_t j = h & (s->cap_labels - 1);
	for (; s->labels[j].hash; j = (j + 1) & (s->cap_labels - 1))
		if (s->labels[j].hash == h && s->labels[j].set == set && !strcmp(s->labels[j].name, name))
			return 0;   /* the first spelling listed wins */
	char *copy = arena_strdup(&s->arena, name);
	if (!copy)
		return -1;
	s->labels[j] = (struct label){ h, set, copy, code };
	s->nlabels++;
	return 0;
}

/* --- regular expressions ----------------------------------------------------- */

static struct rx_list *rx_new(struct annexa_schema *s)
{
	struct rx_list *l = calloc(1, sizeof *l);
	if (l) {
		l->next_alloc = s->all_rx;
		s->all_rx = l;
	}
	return l;
}

/* Compile "/pattern/i" (anything after the flags ignored) into l. A
 * pattern POSIX cannot compile is skipped: the standard names still match. */
static int rx_add(struct annexa_schema *s, struct rx_list *l, const char *text, const char *code)
{
	const char *a = strchr(text, '/');
	if (!a)
		return 0;
	a++;
	const char *end = NULL;
	int icase = 0;
	for (const char *p = a; *p; p++)
		if (*p == '/' && p[-1] != '\\') {
			end = p;
			icase = p[1] == 'i';
		}
	if (!end || end == a)
		return 0;
	char pat[1024];
	snprintf(pat, sizeof pat, "%.*s", (int)(end - a), a);
	if (l->n == l->cap) {
		int nc = l->cap ? l->cap * 2 : 4;
		const char **np = realloc(l->pats, sizeof *np * (size_t)nc);
		if (!np)
			return -1;
		l->pats = np;
		int *ni = realloc(l->icase, sizeof *ni * (size_t)nc);
		if (!ni)
			return -1;
		l->icase = ni;
		const char **ncodes = realloc(l->codes, sizeof *ncodes * (size_t)nc);
		if (!ncodes)
			return -1;
		l->codes = ncodes;
		l->cap = nc;
	}
	regex_t re;
	if (regcomp(&re, pat, REG_EXTENDED | REG_NOSUB | (icase ? REG_ICASE : 0)) != 0) {
		fprintf(stderr, "gen-annexa-spellings: left out (POSIX cannot compile it): /%s/\n", pat);
		return 0;
	}
	regfree(&re);
	if (!(l->pats[l->n] = arena_strdup(&s->arena, pat)))
		return -1;
	l->icase[l->n] = icase;
	l->codes[l->n] = code;
	l->n++;
	s->nregex++;
	return 0;
}

static void rx_free_all(struct annexa_schema *s)
{
	for (struct rx_list *l = s->all_rx, *next; l; l = next) {
		next = l->next_alloc;
		free(l->pats);
		free(l->icase);
		free(l->codes);
		free(l);
	}
	s->all_rx = NULL;
}

/* --- the schema object -------------------------------------------------------------- */

static void schema_free(struct annexa_schema *s)
{
	if (!s)
		return;
	rx_free_all(s);
	free(s->specs);
	for (int i = 0; i < s->nanchors; i++)
		free(s->anchors[i].name);
	free(s->anchors);
	free(s->labels);
	free(s->cell_rx);
	arena_release(&s->arena);
	free(s);
}

static int new_spec(struct annexa_schema *s)
{
	if (s->nspecs == s->cap_specs) {
		int nc = s->cap_specs ? s->cap_specs * 2 : 64;
		struct spec *ns = realloc(s->specs, sizeof *ns * (size_t)nc);
		if (!ns)
			return -1;
		s->specs = ns;
		s->cap_specs = nc;
	}
	s->specs[s->nspecs] = (struct spec){ -1, NULL, 0 };
	return s->nspecs++;
}

static int new_cat_set(struct annexa_schema *s)
{
	struct rx_list **n = realloc(s->cell_rx, sizeof *n * (size_t)(s->ncat_sets + 1));
	if (!n)
		return -1;
	s->cell_rx = n;
	s->cell_rx[s->ncat_sets] = NULL;
	return s->ncat_sets++;
}

static int anchor_find(const struct annexa_schema *s, const char *name)
{
	for (int i = 0; i < s->nanchors; i++)
		if (!strcmp(s->anchors[i].name, name))
			return s->anchors[i].spec;
	return -1;
}

static int anchor_add(struct annexa_schema *s, const char *name, int spec)
{
	if (s->nanchors == s->cap_anchors) {
		int nc = s->cap_anchors ? s->cap_anchors * 2 : 32;
		void *na = realloc(s->anchors, sizeof *s->anchors * (size_t)nc);
		if (!na)
			return -1;
		s->anchors = na;
		s->cap_anchors = nc;
	}
	if (!(s->anchors[s->nanchors].name = strdup(name)))
		return -1;
	s->anchors[s->nanchors++].spec = spec;
	return 0;
}

/* --- the line parser ------------------------------------------------------------------ */

enum ctx { X_NONE, X_CATEGORY, X_NAMES, X_CELL_RX, X_HEADER_RX, X_IGNORE };

struct yparser {
	struct annexa_schema *s;
	const char *path;
	long line;
	int list;                 /* 1..11, 0 outside a list */
	int spec;                 /* current column's spec, -1 none */
	enum ctx ctx;
	const char *code;         /* current category code (arena) */
	struct strbuf item;       /* a scalar being gathered (may wrap) */
	int item_open, item_indent;
	char item_kind;           /* 'c' code, 'n' name, 'r' header pattern, 'x' cell pattern, '-' ignored */
};

/* 1 when a quoted scalar's closing quote has been read. */
static int quote_closed(const char *v)
{
	char q = v[0];
	if (q != '\'' && q != '"')
		return 1;
	for (const char *p = v + 1; *p; p++) {
		if (q == '"' && *p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p == q) {
			if (q == '\'' && p[1] == '\'') {
				p++;
				continue;
			}
			return 1;
		}
	}
	return 0;
}

/* The value of a scalar, unquoted, into out. */
static void unquote(const char *v, char *out, size_t size)
{
	size_t o = 0;
	char q = v[0];
	if (q != '\'' && q != '"') {
		snprintf(out, size, "%s", v);
		size_t n = strlen(out);
		while (n && isspace((unsigned char)out[n - 1]))
			out[--n] = '\0';
		return;
	}
	for (const char *p = v + 1; *p && o + 1 < size; p++) {
		if (q == '"' && *p == '\\' && p[1]) {
			p++;
			out[o++] = *p == 'n' ? ' ' : *p;
			continue;
		}
		if (*p == q) {
			if (q == '\'' && p[1] == '\'') {
				out[o++] = '\'';
				p++;
				continue;
			}
			break;
		}
		out[o++] = *p;
	}
	out[o] = '\0';
}

static int oom(struct cf_error *err)
{
	return cf_error_set(err, CF_EIO, "out of memory reading the Annex A schema");
}

static int flush_item(struct yparser *y, struct cf_error *err)
{
	if (!y->item_open)
		return CF_OK;
	y->item_open = 0;
	char v[1024];
	unquote(strbuf_str(&y->item), v, sizeof v);
	struct annexa_schema *s = y->s;
	struct spec *sp = y->spec >= 0 ? &s->specs[y->spec] : NULL;
	switch (y->item_kind) {
	case 'c':
		if (!sp || sp->cat_set < 0)
			return CF_OK;
		if (!(y->code = arena_strdup(&s->arena, v)))
			return oom(err);
		return label_add(s, sp->cat_set, v, y->code) ? oom(err) : CF_OK;
	case 'n':
		if (!sp || sp->cat_set < 0 || !y->code)
			return CF_OK;
		return label_add(s, sp->cat_set, v, y->code) ? oom(err) : CF_OK;
	case 'r':
		if (!sp)
			return CF_OK;
		if (!sp->own_headers) {
			if (!(sp->headers = rx_new(s)))
				return oom(err);
			sp->own_headers = 1;
		}
		return rx_add(s, sp->headers, v, NULL) ? oom(err) : CF_OK;
	case 'x':
		if (!sp || sp->cat_set < 0 || !y->code)
			return CF_OK;
		if (!s->cell_rx[sp->cat_set] && !(s->cell_rx[sp->cat_set] = rx_new(s)))
			return oom(err);
		return rx_add(s, s->cell_rx[sp->cat_set], v, y->code) ? oom(err) : CF_OK;
	}
	return CF_OK;
}

static int start_item(struct yparser *y, int indent, char kind, const char *v)
{
	strbuf_reset(&y->item);
	y->item_open = 1;
	y->item_indent = indent;
	y->item_kind = kind;
	return strbuf_adds(&y->item, v);
}

/* A column key at indent 8: "Name: &anchor", "Name: *alias", "Name:". */
static int column_line(struct yparser *y, const char *c, struct cf_error *err)
{
	struct annexa_schema *s = y->s;
	char key[512], rest[256] = "";
	if (*c == '"' || *c == '\'') {
		const char *p = c + 1;
		while (*p && *p != *c)
			p++;
		snprintf(key, sizeof key, "%.*s", (int)(p - c - 1), c + 1);
		if (*p)
			p++;
		if (*p == ':')
			p++;
		while (*p == ' ')
			p++;
		snprintf(rest, sizeof rest, "%s", p);
	} else {
		const char *colon = strstr(c, ": ");
		size_t n = colon ? (size_t)(colon - c) : strlen(c);
		if (!colon && n && c[n - 1] == ':')
			n--;
		snprintf(key, sizeof key, "%.*s", (int)n, c);
		if (colon) {
			const char *p = colon + 2;
			while (*p == ' ')
				p++;
			snprintf(rest, sizeof rest, "%s", p);
		}
	}
	y->ctx = X_NONE;
	y->code = NULL;
	if (rest[0] == '*') {
		y->spec = anchor_find(s, rest + 1);
		if (y->spec < 0)
			return cf_error_at(err, CF_EINPUT, y->path, y->line, key, rest,
					   "Annex A schema: *%s refers to no anchor defined above it", rest + 1);
	} else {
		if ((y->spec = new_spec(s)) < 0)
			return oom(err);
		if (rest[0] == '&' && anchor_add(s, rest + 1, y->spec))
			return oom(err);
	}
	/* attach to the built-in column of the same name */
	if (y->list >= 1 && y->list <= ANNEXA_NLISTS) {
		char a[512], b[512];
		normalise(key, a, sizeof a);
		for (int c2 = 0; c2 < annexa_list_ncols(y->list); c2++) {
			normalise(annexa_lists[y->list - 1].cols[c2].name, b, sizeof b);
			if (!strcmp(a, b)) {
				s->col_spec[y->list - 1][c2] = y->spec;
				break;
			}
		}
	}
	return CF_OK;
}

static int spec_key_line(struct yparser *y, const char *c, struct cf_error *err)
{
	struct annexa_schema *s = y->s;
	y->code = NULL;
	if (y->spec < 0) {
		y->ctx = X_IGNORE;
		return CF_OK;
	}
	struct spec *sp = &s->specs[y->spec];
	if (!strncmp(c, "category:", 9)) {
		y->ctx = X_CATEGORY;
		if (sp->cat_set < 0 && (sp->cat_set = new_cat_set(s)) < 0)
			return oom(err);
	} else if (!strncmp(c, "header_regex:", 13)) {
		y->ctx = X_HEADER_RX;
	} else if (!strncmp(c, "<<:", 3)) {
		const char *a = c + 3;
		while (*a == ' ')
			a++;
		int from = *a == '*' ? anchor_find(s, a + 1) : -1;
		if (from < 0)
			return cf_error_at(err, CF_EINPUT, y->path, y->line, NULL, a,
					   "Annex A schema: a merge (<<) refers to no anchor defined above it");
		sp = &s->specs[y->spec];   /* anchor_find does not move specs; keep it plain */
		sp->cat_set = s->specs[from].cat_set;
		sp->headers = s->specs[from].headers;
		sp->own_headers = 0;
		y->ctx = X_NONE;
	} else {
		y->ctx = X_IGNORE;   /* date:, numeric:, string:, canbeblank:, cell_regex: at this level */
	}
	return CF_OK;
}

static int parse_line(struct yparser *y, char *line, struct cf_error *err)
{
	size_t n = strlen(line);
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	int indent = 0;
	while (line[indent] == ' ')
		indent++;
	const char *c = line + indent;
	if (!*c || *c == '#')
		return CF_OK;
	/* a wrapped scalar continues */
	if (y->item_open) {
		int open_quote = !quote_closed(strbuf_str(&y->item));
		if (open_quote || (indent > y->item_indent && strncmp(c, "- ", 2) != 0 && strcmp(c, "name:") != 0 &&
				   strcmp(c, "cell_regex:") != 0)) {
			if (strbuf_addc(&y->item, ' ') || strbuf_adds(&y->item, c))
				return cf_error_at(err, CF_EINPUT, y->path, y->line, NULL, NULL,
						   "Annex A schema: a value longer than the parser allows");
			return CF_OK;
		}
		int rc = flush_item(y, err);
		if (rc)
			return rc;
	}
	if (indent == 0)
		return CF_OK;                          /* column_map: */
	if (indent == 4) {                             /* list_N: */
		y->list = !strncmp(c, "list_", 5) ? atoi(c + 5) : 0;
		y->spec = -1;
		y->ctx = X_NONE;
		return CF_OK;
	}
	if (indent == 8)
		return column_line(y, c, err);
	if (indent == 12)
		return spec_key_line(y, c, err);
	int dash = c[0] == '-' && (c[1] == ' ' || !c[1]);
	const char *v = dash ? c + 1 : c;
	while (*v == ' ')
		v++;
	if (dash && indent == 14 && (y->ctx == X_CATEGORY || y->ctx == X_NAMES || y->ctx == X_CELL_RX)) {
		y->ctx = X_CATEGORY;
		if (strncmp(v, "code:", 5) != 0)
			return start_item(y, indent, '-', v) ? oom(err) : CF_OK;
		v += 5;
		while (*v == ' ')
			v++;
		return start_item(y, indent, 'c', v) ? oom(err) : CF_OK;
	}
	if (!dash && (y->ctx == X_CATEGORY || y->ctx == X_NAMES || y->ctx == X_CELL_RX)) {
		if (!strcmp(c, "name:"))
			y->ctx = X_NAMES;
		else if (!strcmp(c, "cell_regex:"))
			y->ctx = X_CELL_RX;
		return CF_OK;
	}
	if (dash && (y->ctx == X_NAMES || y->ctx == X_CELL_RX))
		return start_item(y, indent, y->ctx == X_NAMES ? 'n' : 'x', v) ? oom(err) : CF_OK;
	if (dash && y->ctx == X_HEADER_RX)
		return start_item(y, indent, 'r', v) ? oom(err) : CF_OK;
	if (dash)
		return start_item(y, indent, '-', v) ? oom(err) : CF_OK;
	return CF_OK;
}

static int schema_load(struct annexa_schema **out, const char *yml_path, struct cf_error *err)
{
	*out = NULL;
	struct annexa_schema *s = calloc(1, sizeof *s);
	if (!s)
		return oom(err);
	arena_init(&s->arena, 0);
	for (int l = 0; l < ANNEXA_NLISTS; l++)
		for (int c = 0; c < ANNEXA_MAXCOLS; c++)
			s->col_spec[l][c] = -1;
	if (!yml_path) {
		*out = s;
		return CF_OK;
	}
	FILE *fp = fopen(yml_path, "r");
	if (!fp) {
		schema_free(s);
		return cf_error_at(err, CF_EIO, yml_path, 0, NULL, NULL, "cannot open the Annex A schema");
	}
	struct yparser y;
	memset(&y, 0, sizeof y);
	y.s = s;
	y.path = yml_path;
	y.spec = -1;
	strbuf_init(&y.item, 1 << 16);
	char *line = NULL;
	size_t cap = 0;
	int rc = CF_OK;
	while (!rc && getline(&line, &cap, fp) > 0) {
		y.line++;
		rc = parse_line(&y, line, err);
	}
	if (!rc)
		rc = flush_item(&y, err);
	free(line);
	fclose(fp);
	strbuf_release(&y.item);
	if (rc) {
		schema_free(s);
		return rc;
	}
	s->yaml = 1;
	*out = s;
	return CF_OK;
}

/* --- writing the C tables ----------------------------------------------------------------- */

/* s as a C string literal: octal escapes for everything outside printable
 * ASCII, and for '?' (no trigraphs) and the two that must be escaped. */
static void put_c_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f || *p == '?')
			fprintf(out, "\\%03o", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

static int label_cmp(const void *a, const void *b)
{
	const struct label *x = a, *y = b;
	if (x->set != y->set)
		return x->set < y->set ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int emit(const struct annexa_schema *s, FILE *out)
{
	/* header pattern groups: each distinct list of patterns a column uses, numbered in column order */
	const struct rx_list *groups[ANNEXA_NLISTS * ANNEXA_MAXCOLS];
	int ngroups = 0;
	int col_group[ANNEXA_NLISTS][ANNEXA_MAXCOLS];
	for (int l = 0; l < ANNEXA_NLISTS; l++)
		for (int c = 0; c < ANNEXA_MAXCOLS; c++) {
			col_group[l][c] = -1;
			int sp = s->col_spec[l][c];
			const struct rx_list *h = sp >= 0 ? s->specs[sp].headers : NULL;
			if (!h || !h->n)
				continue;
			int g = 0;
			while (g < ngroups && groups[g] != h)
				g++;
			if (g == ngroups)
				groups[ngroups++] = h;
			col_group[l][c] = g;
		}
	fprintf(out, "/* Generated by tools/gen-annexa-spellings.c from Ofsted's Annex A schema\n"
		     " * (Annex_A_schema.yml, the header and value spellings seen in councils'\n"
		     " * files). Do not edit: `make annexa-spellings ANNEXA_SCHEMA=PATH` rewrites it. */\n"
		     "#include \"formats/annexa_spellings.h\"\n\n");
	fprintf(out, "/* Header spellings: { group, pattern, case-insensitive }, grouped. */\n"
		     "const struct annexa_pattern annexa_header_patterns[] = {\n");
	int nh = 0;
	for (int g = 0; g < ngroups; g++)
		for (int i = 0; i < groups[g]->n; i++, nh++) {
			fprintf(out, "\t{ %d, ", g);
			put_c_string(out, groups[g]->pats[i]);
			fprintf(out, ", %d, NULL },\n", groups[g]->icase[i]);
		}
	fprintf(out, "};\nconst int annexa_header_pattern_count = %d;\n\n", nh);
	fprintf(out, "/* Value patterns: { category set, pattern, case-insensitive, category }, in the\n"
		     " * order they are tried. */\nconst struct annexa_pattern annexa_value_patterns[] = {\n");
	int nv = 0;
	for (int set = 0; set < s->ncat_sets; set++) {
		const struct rx_list *l = s->cell_rx[set];
		for (int i = 0; l && i < l->n; i++, nv++) {
			fprintf(out, "\t{ %d, ", set);
			put_c_string(out, l->pats[i]);
			fprintf(out, ", %d, ", l->icase[i]);
			put_c_string(out, l->codes[i]);
			fprintf(out, " },\n");
		}
	}
	if (!nv)
		fprintf(out, "\t{ -1, NULL, 0, NULL },\n");
	fprintf(out, "};\nconst int annexa_value_pattern_count = %d;\n\n", nv);
	struct label *ls = malloc(sizeof *ls * (s->nlabels ? s->nlabels : 1));
	if (!ls)
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < s->cap_labels; i++)
		if (s->labels[i].hash)
			ls[n++] = s->labels[i];
	qsort(ls, n, sizeof *ls, label_cmp);
	fprintf(out, "/* Value spellings, normalised (lower case, single spaces), sorted by category\n"
		     " * set then spelling: { set, spelling, category }. */\n"
		     "const struct annexa_label annexa_labels[] = {\n");
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "\t{ %d, ", ls[i].set);
		put_c_string(out, ls[i].name);
		fputs(", ", out);
		put_c_string(out, ls[i].code);
		fputs(" },\n", out);
	}
	fprintf(out, "};\nconst int annexa_label_count = %zu;\n\n", n);
	free(ls);
	fprintf(out, "/* The built-in columns given spellings: { list, column, header group or -1,\n"
		     " * category set or -1 }. */\nconst struct annexa_column_spelling annexa_column_spellings[] = {\n");
	int nc = 0;
	for (int l = 0; l < ANNEXA_NLISTS; l++)
		for (int c = 0; c < ANNEXA_MAXCOLS; c++) {
			int sp = s->col_spec[l][c];
			if (sp < 0)
				continue;
			fprintf(out, "\t{ %d, %d, %d, %d },   /* ", l + 1, c, col_group[l][c], s->specs[sp].cat_set);
			for (const char *p = annexa_lists[l].cols[c].name; *p; p++)
				if (*p != '*' && *p != '/')
					fputc(*p, out);
			fprintf(out, " */\n");
			nc++;
		}
	fprintf(out, "};\nconst int annexa_column_spelling_count = %d;\n", nc);
	return ferror(out) ? -1 : 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: gen-annexa-spellings Annex_A_schema.yml > src/formats/annexa_spellings.c\n");
		return 2;
	}
	struct annexa_schema *s;
	struct cf_error err;
	cf_error_clear(&err);
	if (schema_load(&s, argv[1], &err) != CF_OK) {
		cf_error_print(&err);
		return 1;
	}
	int rc = emit(s, stdout);
	schema_free(s);
	if (rc || fflush(stdout)) {
		fprintf(stderr, "gen-annexa-spellings: cannot write the tables\n");
		return 3;
	}
	return 0;
}
