/* Annex A header spellings and value labels: the matcher over caseflow's own
 * tables in annexa_spellings.c (written from Ofsted's Annex A schema at
 * development time), so every working directory gives the same result.
 * Header and value patterns are POSIX extended regular expressions, compiled
 * once per schema; labels match case-insensitively with runs of spaces
 * collapsed, by binary search of the sorted table. */
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "formats/annexa.h"
#include "formats/annexa_spellings.h"

struct annexa_schema {
	regex_t *header_re;       /* by annexa_header_patterns index */
	regex_t *value_re;        /* by annexa_value_patterns index */
	unsigned char *header_ok, *value_ok;   /* 1 when compiled */
	int col_headers[ANNEXA_NLISTS][ANNEXA_MAXCOLS];   /* header group, -1 none */
	int col_set[ANNEXA_NLISTS][ANNEXA_MAXCOLS];       /* category set, -1 none */
	int ncolumns, nregex;
};

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

void annexa_schema_free(struct annexa_schema *s)
{
	if (!s)
		return;
	for (int i = 0; s->header_ok && i < annexa_header_pattern_count; i++)
		if (s->header_ok[i])
			regfree(&s->header_re[i]);
	for (int i = 0; s->value_ok && i < annexa_value_pattern_count; i++)
		if (s->value_ok[i])
			regfree(&s->value_re[i]);
	free(s->header_re);
	free(s->value_re);
	free(s->header_ok);
	free(s->value_ok);
	free(s);
}

void annexa_schema_counts(const struct annexa_schema *s, int *columns, long *labels, int *regexes)
{
	*columns = s->ncolumns;
	*labels = annexa_label_count;
	*regexes = s->nregex;
}

/* Compile n patterns; one the C library cannot compile stays unused (the
 * generator has checked them with the same regcomp). */
static int compile_all(const struct annexa_pattern *p, int n, regex_t **re, unsigned char **ok, int *nregex)
{
	*re = calloc((size_t)(n ? n : 1), sizeof **re);
	*ok = calloc((size_t)(n ? n : 1), 1);
	if (!*re || !*ok)
		return -1;
	for (int i = 0; i < n; i++)
		if (regcomp(&(*re)[i], p[i].re, REG_EXTENDED | REG_NOSUB | (p[i].icase ? REG_ICASE : 0)) == 0) {
			(*ok)[i] = 1;
			(*nregex)++;
		}
	return 0;
}

int annexa_schema_load(struct annexa_schema **out, struct cf_error *err)
{
	*out = NULL;
	struct annexa_schema *s = calloc(1, sizeof *s);
	if (!s)
		return cf_error_set(err, CF_EIO, "out of memory building the Annex A spellings");
	for (int l = 0; l < ANNEXA_NLISTS; l++)
		for (int c = 0; c < ANNEXA_MAXCOLS; c++)
			s->col_headers[l][c] = s->col_set[l][c] = -1;
	for (int i = 0; i < annexa_column_spelling_count; i++) {
		const struct annexa_column_spelling *cs = &annexa_column_spellings[i];
		s->col_headers[cs->list - 1][cs->col] = cs->headers;
		s->col_set[cs->list - 1][cs->col] = cs->set;
		s->ncolumns++;
	}
	if (compile_all(annexa_header_patterns, annexa_header_pattern_count, &s->header_re, &s->header_ok, &s->nregex) ||
	    compile_all(annexa_value_patterns, annexa_value_pattern_count, &s->value_re, &s->value_ok, &s->nregex)) {
		annexa_schema_free(s);
		return cf_error_set(err, CF_EIO, "out of memory building the Annex A spellings");
	}
	*out = s;
	return CF_OK;
}

int annexa_match_header(const struct annexa_schema *s, int list, const char *text, const unsigned char *taken)
{
	if (list < 1 || list > ANNEXA_NLISTS)
		return -1;
	int n = annexa_list_ncols(list);
	if (!s) {
		char h[512], b[512];
		normalise(text, h, sizeof h);
		for (int c = 0; c < n; c++) {
			if (taken && taken[c])
				continue;
			normalise(annexa_lists[list - 1].cols[c].name, b, sizeof b);
			if (!strcmp(h, b))
				return c;
		}
		return -1;
	}
	for (int c = 0; c < n; c++) {
		int g = s->col_headers[list - 1][c];
		if ((taken && taken[c]) || g < 0)
			continue;
		for (int i = 0; i < annexa_header_pattern_count; i++)
			if (annexa_header_patterns[i].group == g && s->header_ok[i] &&
			    regexec(&s->header_re[i], text, 0, NULL, 0) == 0)
				return c;
	}
	return -1;
}

struct label_key {
	int set;
	const char *name;
};

static int label_cmp(const void *k, const void *e)
{
	const struct label_key *a = k;
	const struct annexa_label *b = e;
	if (a->set != b->set)
		return a->set < b->set ? -1 : 1;
	return strcmp(a->name, b->name);
}

const char *annexa_match_label(const struct annexa_schema *s, int list, int col, const char *value)
{
	if (!s || list < 1 || list > ANNEXA_NLISTS || col < 0 || col >= ANNEXA_MAXCOLS)
		return NULL;
	int set = s->col_set[list - 1][col];
	if (set < 0)
		return NULL;
	char name[512];
	if (!normalise(value, name, sizeof name))
		return NULL;
	struct label_key key = { set, name };
	const struct annexa_label *l = bsearch(&key, annexa_labels, (size_t)annexa_label_count, sizeof *annexa_labels,
					       label_cmp);
	if (l)
		return l->code;
	for (int i = 0; i < annexa_value_pattern_count; i++)
		if (annexa_value_patterns[i].group == set && s->value_ok[i] &&
		    regexec(&s->value_re[i], value, 0, NULL, 0) == 0)
			return annexa_value_patterns[i].code;
	return NULL;
}

int annexa_has_labels(const struct annexa_schema *s, int list, int col)
{
	if (!s || list < 1 || list > ANNEXA_NLISTS || col < 0 || col >= ANNEXA_MAXCOLS)
		return 0;
	return s->col_set[list - 1][col] >= 0;
}
