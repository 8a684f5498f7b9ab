/* The registry of children: one row per child ID across every source. */
#include "model/children.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const char *const child_sex_names[3] = { "unknown", "male", "female" };

enum child_sex child_sex_parse(const char *s)
{
	if (!s)
		return SEX_UNKNOWN;
	while (isspace((unsigned char)*s))
		s++;
	switch (toupper((unsigned char)s[0])) {
	case '1':
	case 'M': return SEX_MALE;
	case '2':
	case 'F': return SEX_FEMALE;
	default: return SEX_UNKNOWN;
	}
}

static size_t hash_id(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

int children_find(const struct child_registry *reg, const char *id)
{
	if (!reg->nslots || !id)
		return -1;
	for (size_t i = hash_id(id) & (reg->nslots - 1);; i = (i + 1) & (reg->nslots - 1)) {
		int k = reg->slots[i];
		if (k < 0)
			return -1;
		if (strcmp(reg->children[k].id, id) == 0)
			return k;
	}
}

static int rehash(struct child_registry *reg, size_t nslots)
{
	int *slots = malloc(nslots * sizeof *slots);
	if (!slots)
		return -1;
	memset(slots, 0xff, nslots * sizeof *slots);
	for (size_t k = 0; k < reg->n; k++) {
		size_t i = hash_id(reg->children[k].id) & (nslots - 1);
		while (slots[i] >= 0)
			i = (i + 1) & (nslots - 1);
		slots[i] = (int)k;
	}
	free(reg->slots);
	reg->slots = slots;
	reg->nslots = nslots;
	return 0;
}

int children_intern(struct child_registry *reg, const char *id)
{
	int k = children_find(reg, id);
	if (k >= 0)
		return k;
	if ((reg->n + 1) * 2 > reg->nslots && rehash(reg, reg->nslots ? reg->nslots * 2 : 1024))
		return -1;
	if (reg->n == reg->cap) {
		size_t cap = reg->cap ? reg->cap * 2 : 1024;
		struct child_info *c = realloc(reg->children, cap * sizeof *c);
		if (!c)
			return -1;
		reg->children = c;
		reg->cap = cap;
	}
	struct child_info *c = &reg->children[reg->n];
	c->id = arena_strdup(&reg->arena, id);
	if (!c->id)
		return -1;
	c->dob = CF_DATE_NONE;
	c->sex = SEX_UNKNOWN;
	c->ethnicity = -1;
	c->locality = -1;
	size_t i = hash_id(id) & (reg->nslots - 1);
	while (reg->slots[i] >= 0)
		i = (i + 1) & (reg->nslots - 1);
	reg->slots[i] = (int)reg->n;
	return (int)reg->n++;
}

static int intern_ethnicity(struct child_registry *reg, const char *code)
{
	char up[16];
	size_t n = 0;
	for (const char *p = code; *p && n + 1 < sizeof up; p++)
		if (!isspace((unsigned char)*p))
			up[n++] = (char)toupper((unsigned char)*p);
	up[n] = 0;
	if (!n)
		return -1;
	for (int i = 0; i < reg->nethnicities; i++)
		if (strcmp(reg->ethnicities[i], up) == 0)
			return i;
	if (reg->nethnicities == reg->cap_eth) {
		int cap = reg->cap_eth ? reg->cap_eth * 2 : 32;
		const char **e = realloc(reg->ethnicities, (size_t)cap * sizeof *e);
		if (!e)
			return -2;
		reg->ethnicities = e;
		reg->cap_eth = cap;
	}
	if (reg->nethnicities >= 30000 || !(reg->ethnicities[reg->nethnicities] = arena_strdup(&reg->arena, up)))
		return -2;
	return reg->nethnicities++;
}

/* Fill what is not yet known about each child from one query's rows
 * (child, sex, dob, ethnicity). */
static int read_characteristics(struct store *st, struct child_registry *reg, const char *sql, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, sql, &s, err);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(s, 0);
		if (!id)
			continue;
		int k = children_intern(reg, id);
		if (k < 0)
			goto oom;
		struct child_info *c = &reg->children[k];
		const char *sex = (const char *)sqlite3_column_text(s, 1);
		const char *dob = (const char *)sqlite3_column_text(s, 2);
		const char *eth = (const char *)sqlite3_column_text(s, 3);
		if (c->sex == SEX_UNKNOWN)
			c->sex = (unsigned char)child_sex_parse(sex);
		cf_date d;
		if (c->dob == CF_DATE_NONE && dob && cf_date_parse(dob, strlen(dob), &d) == 0)
			c->dob = d;
		if (c->ethnicity < 0 && eth) {
			int e = intern_ethnicity(reg, eth);
			if (e < -1)
				goto oom;
			c->ethnicity = (short)e;
		}
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return store_error(st, err, "reading children");
	return CF_OK;
oom:
	sqlite3_finalize(s);
	return cf_error_set(err, CF_EIO, "out of memory loading children");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int read_localities(struct store *st, struct child_registry *reg, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, "SELECT DISTINCT locality FROM localities WHERE locality IS NOT NULL AND locality <> '' "
				   "UNION SELECT locality FROM child_locality WHERE locality IS NOT NULL AND locality <> ''",
			       &s, err);
	if (rc)
		return rc;
	int cap = 0, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (reg->nlocalities == cap) {
			cap = cap ? cap * 2 : 16;
			const char **l = realloc(reg->localities, (size_t)cap * sizeof *l);
			if (!l)
				goto oom;
			reg->localities = l;
		}
		if (reg->nlocalities >= 30000)
			break;   /* grouping by tens of thousands of areas is not a locality breakdown */
		const char *name = arena_strdup(&reg->arena, (const char *)sqlite3_column_text(s, 0));
		if (!name)
			goto oom;
		reg->localities[reg->nlocalities++] = name;
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE && step != SQLITE_ROW)
		return store_error(st, err, "reading localities");
	if (reg->nlocalities)
		qsort(reg->localities, (size_t)reg->nlocalities, sizeof *reg->localities, cmp_str);

	if ((rc = store_prepare(st, "SELECT child, locality FROM child_locality WHERE locality IS NOT NULL", &s, err)))
		return rc;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(s, 0);
		const char *loc = (const char *)sqlite3_column_text(s, 1);
		if (!id || !loc)
			continue;
		int k = children_intern(reg, id);
		if (k < 0)
			goto oom;
		const char **hit = bsearch(&loc, reg->localities, (size_t)reg->nlocalities, sizeof *reg->localities, cmp_str);
		reg->children[k].locality = hit ? (short)(hit - reg->localities) : -1;
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return store_error(st, err, "reading child localities");
	return CF_OK;
oom:
	sqlite3_finalize(s);
	return cf_error_set(err, CF_EIO, "out of memory loading localities");
}

int children_load(struct store *st, struct child_registry *reg, struct cf_error *err)
{
	memset(reg, 0, sizeof *reg);
	arena_init(&reg->arena, 256 * 1024);
	int rc = read_characteristics(st, reg, "SELECT child, sex, dob, ethnicity FROM children", err);
	if (!rc)
		rc = read_characteristics(st, reg,
					  "SELECT child, sex, dob, ethnicity FROM cin_children WHERE child IS NOT NULL "
					  "ORDER BY return_id DESC", err);
	if (!rc)
		rc = read_localities(st, reg, err);
	if (rc)
		children_release(reg);
	return rc;
}

void children_release(struct child_registry *reg)
{
	free(reg->children);
	free(reg->slots);
	free(reg->localities);
	free(reg->ethnicities);
	arena_release(&reg->arena);
	memset(reg, 0, sizeof *reg);
}
