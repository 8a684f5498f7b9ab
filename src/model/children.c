/* The registry of children: one row per child ID across every source. */
#include "model/children.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
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
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	/* FNV's low bits, which index the table, mix poorly for IDs that
	 * differ only in their last digits: finish as MurmurHash3 does */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	return (size_t)h;
}

int children_find(const struct child_registry *reg, const char *id)
{
	if (!reg->nslots || !id)
		return -1;
	size_t h = hash_id(id);
	unsigned tag = (unsigned)(h >> 32);
	for (size_t i = h & (reg->nslots - 1);; i = (i + 1) & (reg->nslots - 1)) {
		const struct child_slot *sl = &reg->slots[i];
		if (sl->index < 0)
			return -1;
		if (sl->tag == tag && strcmp(sl->id, id) == 0)
			return sl->index;
	}
}

static void place(struct child_slot *slots, size_t nslots, size_t h, int index, const char *id)
{
	size_t i = h & (nslots - 1);
	while (slots[i].index >= 0)
		i = (i + 1) & (nslots - 1);
	slots[i] = (struct child_slot){ index, (unsigned)(h >> 32), id };
}

static int rehash(struct child_registry *reg, size_t nslots)
{
	struct child_slot *slots = malloc(nslots * sizeof *slots);
	if (!slots)
		return -1;
	for (size_t i = 0; i < nslots; i++)
		slots[i].index = -1;
	for (size_t k = 0; k < reg->n; k++)
		place(slots, nslots, hash_id(reg->children[k].id), (int)k, reg->children[k].id);
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
	place(reg->slots, reg->nslots, hash_id(id), (int)reg->n, c->id);
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

/* An area of the localities table and the index of its locality. */
struct area_map {
	const char *area;
	int locality;
	long long return_id;
};

static int cmp_area(const void *a, const void *b)
{
	return strcmp(((const struct area_map *)a)->area, ((const struct area_map *)b)->area);
}

/* By area, the latest load first. */
static int cmp_area_load(const void *a, const void *b)
{
	const struct area_map *x = a, *y = b;
	int c = strcmp(x->area, y->area);
	return c ? c : (x->return_id < y->return_id) - (x->return_id > y->return_id);
}

/* The latest area seen for a child while reading. */
struct latest_area {
	char since[11];
	long long return_id;
	int locality;             /* -1: the area maps to no locality */
	int seen;
};

/* Each child's locality as the child_locality view defines it: the most
 * recent area known for the child (a dated child_areas row, else the home
 * sector of the latest episode; undated rows count as oldest), mapped
 * through the localities table (the latest load of each area). Computed in
 * C: the view's window function and correlated lookup cost about a second
 * per 100,000 children. */
static int read_localities(struct store *st, struct child_registry *reg, struct cf_error *err)
{
	sqlite3_stmt *s;
	struct area_map *map = NULL;
	struct latest_area *latest = NULL;
	size_t nmap = 0, cap = 0, nlatest = 0;
	int rc = store_prepare(st, "SELECT area, locality, return_id FROM localities WHERE area IS NOT NULL "
				   "AND locality IS NOT NULL AND locality <> ''", &s, err);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *area = (const char *)sqlite3_column_text(s, 0), *loc = (const char *)sqlite3_column_text(s, 1);
		int li = -1;
		for (int i = 0; i < reg->nlocalities; i++)
			if (strcmp(reg->localities[i], loc) == 0) {
				li = i;
				break;
			}
		if (li < 0) {
			if (reg->nlocalities >= 30000)
				continue;   /* tens of thousands of areas are not a locality breakdown */
			const char **l = realloc(reg->localities, (size_t)(reg->nlocalities + 1) * sizeof *l);
			if (!l)
				goto oom;
			reg->localities = l;
			if (!(l[reg->nlocalities] = arena_strdup(&reg->arena, loc)))
				goto oom;
			li = reg->nlocalities++;
		}
		if (nmap == cap) {
			cap = cap ? cap * 2 : 256;
			struct area_map *m = realloc(map, cap * sizeof *m);
			if (!m)
				goto oom;
			map = m;
		}
		if (!(map[nmap].area = arena_strdup(&reg->arena, area)))
			goto oom;
		map[nmap].return_id = sqlite3_column_int64(s, 2);
		map[nmap++].locality = li;
	}
	sqlite3_finalize(s);
	s = NULL;
	if (step != SQLITE_DONE) {
		free(map);
		return store_error(st, err, "reading localities");
	}
	/* sort the names, and renumber the map to match */
	int *order = malloc((size_t)(reg->nlocalities ? reg->nlocalities : 1) * sizeof *order);
	const char **sorted = malloc((size_t)(reg->nlocalities ? reg->nlocalities : 1) * sizeof *sorted);
	if (!order || !sorted) {
		free(order);
		free(sorted);
		goto oom;
	}
	if (reg->nlocalities)
		memcpy(sorted, reg->localities, (size_t)reg->nlocalities * sizeof *sorted);
	if (reg->nlocalities)
		qsort(sorted, (size_t)reg->nlocalities, sizeof *sorted, cmp_str);
	for (int i = 0; i < reg->nlocalities; i++) {
		const char **hit = bsearch(&reg->localities[i], sorted, (size_t)reg->nlocalities, sizeof *sorted, cmp_str);
		order[i] = (int)(hit - sorted);
	}
	for (size_t i = 0; i < nmap; i++)
		map[i].locality = order[map[i].locality];
	free(reg->localities);
	reg->localities = sorted;
	free(order);
	/* the latest load of an area wins */
	if (nmap) {
		qsort(map, nmap, sizeof *map, cmp_area_load);
		size_t w = 0;
		for (size_t i = 0; i < nmap; i++)
			if (!w || strcmp(map[w - 1].area, map[i].area) != 0)
				map[w++] = map[i];
		nmap = w;
	}

	if ((rc = store_prepare(st,
				"SELECT child, area, coalesce(from_date, '0000-00-00'), return_id FROM child_areas "
				"WHERE child IS NOT NULL AND area IS NOT NULL "
				"UNION ALL SELECT child, home_post, decom, return_id FROM ssda903_episodes "
				"WHERE child IS NOT NULL AND decom IS NOT NULL AND home_post IS NOT NULL",
				&s, err))) {
		free(map);
		return rc;
	}
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(s, 0);
		const char *area = (const char *)sqlite3_column_text(s, 1);
		const char *since = (const char *)sqlite3_column_text(s, 2);
		long long rid = sqlite3_column_int64(s, 3);
		int k = children_intern(reg, id);
		if (k < 0)
			goto oom;
		if ((size_t)k >= nlatest) {
			size_t n = reg->cap > (size_t)k ? reg->cap : (size_t)k + 1;
			struct latest_area *l = realloc(latest, n * sizeof *l);
			if (!l)
				goto oom;
			memset(l + nlatest, 0, (n - nlatest) * sizeof *l);
			latest = l;
			nlatest = n;
		}
		struct latest_area *la = &latest[k];
		int c = la->seen ? strncmp(since, la->since, 10) : 1;
		if (c < 0 || (c == 0 && rid <= la->return_id))
			continue;
		snprintf(la->since, sizeof la->since, "%s", since);
		la->return_id = rid;
		la->seen = 1;
		struct area_map key = { area, 0, 0 };
		const struct area_map *hit = nmap ? bsearch(&key, map, nmap, sizeof *map, cmp_area) : NULL;
		la->locality = hit ? hit->locality : -1;
	}
	sqlite3_finalize(s);
	s = NULL;
	if (step != SQLITE_DONE) {
		free(map);
		free(latest);
		return store_error(st, err, "reading child areas");
	}
	for (size_t k = 0; k < nlatest && k < reg->n; k++)
		if (latest[k].seen)
			reg->children[k].locality = (short)latest[k].locality;
	free(map);
	free(latest);
	return CF_OK;
oom:
	sqlite3_finalize(s);
	free(map);
	free(latest);
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
