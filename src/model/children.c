/* The registry of children: one row per child ID across every source. */
#include "model/children.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/child_records.h"
#include "store/deprivation.h"

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
	c->disabled = -1;
	c->imd_decile = 0;
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

/* A census's disability codes: 1 when any code but NONE is given, 0 for
 * NONE alone, -1 when nothing is. */
static int disability_status(const char *codes)
{
	int any = 0, none = 0;
	for (const char *p = codes; *p;) {
		while (*p && (isspace((unsigned char)*p) || *p == ','))
			p++;
		size_t n = 0;
		while (p[n] && !isspace((unsigned char)p[n]) && p[n] != ',')
			n++;
		if (!n)
			break;
		if (n == 4 && strncasecmp(p, "NONE", 4) == 0)
			none = 1;
		else
			any = 1;
		p += n;
	}
	return any ? 1 : none ? 0 : -1;
}

/* Fill what is not yet known about each child from one source's rows. */
struct characteristics {
	struct child_registry *reg;
	struct cf_error *err;
};

static int on_child(void *ctx, const struct child_record *r)
{
	struct characteristics *x = ctx;
	struct child_registry *reg = x->reg;
	int k = children_intern(reg, r->child);
	if (k < 0)
		return cf_error_set(x->err, CF_EIO, "out of memory loading children");
	struct child_info *c = &reg->children[k];
	if (c->sex == SEX_UNKNOWN)
		c->sex = (unsigned char)child_sex_parse(r->sex);
	if (c->dob == CF_DATE_NONE)
		c->dob = r->dob;
	if (c->ethnicity < 0 && r->ethnicity) {
		int e = intern_ethnicity(reg, r->ethnicity);
		if (e < -1)
			return cf_error_set(x->err, CF_EIO, "out of memory loading children");
		c->ethnicity = (short)e;
	}
	if (c->disabled < 0 && r->disabilities)
		c->disabled = (signed char)disability_status(r->disabilities);
	return CF_OK;
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
	int decile;               /* its IMD decile, 0 when the lookup has no such area */
	int seen;
};

/* While reading localities: the areas of the localities table. */
struct area_reading {
	struct child_registry *reg;
	struct cf_error *err;
	struct area_map *map;
	size_t nmap, cap;
	struct latest_area *latest;   /* by child index */
	size_t nlatest;
	struct area_map *deciles;     /* the deprivation lookup, by area (locality holds the decile) */
	size_t ndeciles, cap_deciles;
};

static int oom_areas(struct area_reading *x)
{
	return cf_error_set(x->err, CF_EIO, "out of memory loading localities");
}

static int on_locality(void *ctx, const struct locality_record *r)
{
	struct area_reading *x = ctx;
	struct child_registry *reg = x->reg;
	int li = -1;
	for (int i = 0; i < reg->nlocalities; i++)
		if (strcmp(reg->localities[i], r->locality) == 0) {
			li = i;
			break;
		}
	if (li < 0) {
		if (reg->nlocalities >= 30000)
			return CF_OK;   /* tens of thousands of areas are not a locality breakdown */
		const char **l = realloc(reg->localities, (size_t)(reg->nlocalities + 1) * sizeof *l);
		if (!l)
			return oom_areas(x);
		reg->localities = l;
		if (!(l[reg->nlocalities] = arena_strdup(&reg->arena, r->locality)))
			return oom_areas(x);
		li = reg->nlocalities++;
	}
	if (x->nmap == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 256;
		struct area_map *m = realloc(x->map, x->cap * sizeof *m);
		if (!m)
			return oom_areas(x);
		x->map = m;
	}
	if (!(x->map[x->nmap].area = arena_strdup(&reg->arena, r->area)))
		return oom_areas(x);
	x->map[x->nmap].return_id = r->load;
	x->map[x->nmap++].locality = li;
	return CF_OK;
}

static int on_child_area(void *ctx, const struct child_area_record *r)
{
	struct area_reading *x = ctx;
	int k = children_intern(x->reg, r->child);
	if (k < 0)
		return oom_areas(x);
	if ((size_t)k >= x->nlatest) {
		size_t n = x->reg->cap > (size_t)k ? x->reg->cap : (size_t)k + 1;
		struct latest_area *l = realloc(x->latest, n * sizeof *l);
		if (!l)
			return oom_areas(x);
		memset(l + x->nlatest, 0, (n - x->nlatest) * sizeof *l);
		x->latest = l;
		x->nlatest = n;
	}
	struct latest_area *la = &x->latest[k];
	int c = la->seen ? strncmp(r->since, la->since, 10) : 1;
	if (c < 0 || (c == 0 && r->load <= la->return_id))
		return CF_OK;
	size_t n = strnlen(r->since, sizeof la->since - 1);   /* as snprintf would truncate, without its cost per child */
	memcpy(la->since, r->since, n);
	la->since[n] = 0;
	la->return_id = r->load;
	la->seen = 1;
	struct area_map key = { r->area, 0, 0 };
	const struct area_map *hit = x->nmap ? bsearch(&key, x->map, x->nmap, sizeof *x->map, cmp_area) : NULL;
	la->locality = hit ? hit->locality : -1;
	hit = x->ndeciles ? bsearch(&key, x->deciles, x->ndeciles, sizeof *x->deciles, cmp_area) : NULL;
	la->decile = hit ? hit->locality : 0;
	return CF_OK;
}

static int on_decile(void *ctx, const char *area, int decile)
{
	struct area_reading *x = ctx;
	if (!area)
		return CF_OK;
	if (x->ndeciles == x->cap_deciles) {
		x->cap_deciles = x->cap_deciles ? x->cap_deciles * 2 : 256;
		struct area_map *m = realloc(x->deciles, x->cap_deciles * sizeof *m);
		if (!m)
			return oom_areas(x);
		x->deciles = m;
	}
	if (!(x->deciles[x->ndeciles].area = arena_strdup(&x->reg->arena, area)))
		return oom_areas(x);
	x->deciles[x->ndeciles].return_id = 0;
	x->deciles[x->ndeciles++].locality = decile;
	return CF_OK;
}

/* Each child's locality as the child_locality view defines it: the most
 * recent area known for the child (a dated child_areas row, else the home
 * sector of the latest episode; undated rows count as oldest), mapped
 * through the localities table (the latest load of each area). Computed in
 * C: the view's window function and correlated lookup cost about a second
 * per 100,000 children. */
static int read_localities(struct store *st, struct child_registry *reg, struct cf_error *err)
{
	struct area_reading x = { .reg = reg, .err = err };
	int rc = locality_records_each(st, on_locality, &x, err);
	if (rc)
		goto done;
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
	for (size_t i = 0; i < x.nmap; i++)
		x.map[i].locality = order[x.map[i].locality];
	free(reg->localities);
	reg->localities = sorted;
	free(order);
	/* the latest load of an area wins */
	if (x.nmap) {
		qsort(x.map, x.nmap, sizeof *x.map, cmp_area_load);
		size_t w = 0;
		for (size_t i = 0; i < x.nmap; i++)
			if (!w || strcmp(x.map[w - 1].area, x.map[i].area) != 0)
				x.map[w++] = x.map[i];
		x.nmap = w;
	}
	/* the deprivation lookup holds one decile per area (store/deprivation.h) */
	if ((rc = deprivation_each(st, on_decile, &x, err)))
		goto done;
	if (x.ndeciles)
		qsort(x.deciles, x.ndeciles, sizeof *x.deciles, cmp_area);
	rc = child_area_records_each(st, on_child_area, &x, err);
	if (rc)
		goto done;
	for (size_t k = 0; k < x.nlatest && k < reg->n; k++)
		if (x.latest[k].seen) {
			reg->children[k].locality = (short)x.latest[k].locality;
			reg->children[k].imd_decile = (signed char)x.latest[k].decile;
		}
	goto done;
oom:
	rc = cf_error_set(err, CF_EIO, "out of memory loading localities");
done:
	free(x.map);
	free(x.latest);
	free(x.deciles);
	return rc;
}

int children_load(struct store *st, struct child_registry *reg, struct cf_error *err)
{
	memset(reg, 0, sizeof *reg);
	arena_init(&reg->arena, 256 * 1024);
	struct characteristics x = { reg, err };
	int rc = child_records_each(st, CHILDREN_LINKED, on_child, &x, err);
	if (!rc)
		rc = child_records_each(st, CHILDREN_CIN_CENSUS, on_child, &x, err);
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
