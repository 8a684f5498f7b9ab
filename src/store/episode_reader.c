/* Reading the current version of each SSDA903 episode in one pass over
 * ssda903_episodes: no join and no ORDER BY in SQL, the versions sorted in C. */
#include "store/episode_reader.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

/* One stored version while reading. */
struct version {
	int child;                /* index into the reading's child table */
	long long return_id;
	struct episode_row row;
};

/* What versions are sorted by, apart from their rows (moving whole rows
 * would cost more than the comparisons). */
struct version_key {
	int rank;                 /* the child's place in ID order */
	cf_date start;
	int year;                 /* collection year, 0 when unknown */
	int seq;                  /* index into the versions: scan order, the last tie-break */
	long long return_id;
};

/* Child IDs interned while reading: open addressing over a power of two,
 * each slot with the ID's hash so a probe seldom touches the string. */
struct child_slot {
	int index;                /* -1 empty */
	unsigned hash;
};

struct child_table {
	struct episode_child *c;
	unsigned *hash;           /* of each child's ID */
	size_t n, cap;
	struct child_slot *slot;
	size_t nslot;
};

static unsigned hash_id(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	/* FNV's low bits barely differ between IDs that differ in their last
	 * digits; mix them (murmur3's finaliser) before masking */
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	return h ^ (h >> 16);
}

static int table_grow(struct child_table *t)
{
	size_t ns = t->nslot ? t->nslot * 2 : 4096;
	struct child_slot *slot = malloc(ns * sizeof *slot);
	if (!slot)
		return -1;
	for (size_t i = 0; i < ns; i++)
		slot[i].index = -1;
	for (size_t i = 0; i < t->n; i++) {
		size_t h = t->hash[i] & (ns - 1);
		while (slot[h].index >= 0)
			h = (h + 1) & (ns - 1);
		slot[h] = (struct child_slot){ (int)i, t->hash[i] };
	}
	free(t->slot);
	t->slot = slot;
	t->nslot = ns;
	return 0;
}

/* Index of child id, or -1; with add, added when new (-2 on OOM). */
static int table_find(struct child_table *t, struct arena *a, const char *id, int add)
{
	if (add && (t->n + 1) * 2 > t->nslot && table_grow(t))
		return -2;
	if (!t->nslot)
		return -1;
	unsigned hash = hash_id(id);
	size_t h = hash & (t->nslot - 1);
	for (; t->slot[h].index >= 0; h = (h + 1) & (t->nslot - 1))
		if (t->slot[h].hash == hash && strcmp(t->c[t->slot[h].index].id, id) == 0)
			return t->slot[h].index;
	if (!add)
		return -1;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		struct episode_child *c = realloc(t->c, cap * sizeof *c);
		unsigned *hs = c ? realloc(t->hash, cap * sizeof *hs) : NULL;
		if (c)
			t->c = c;
		if (!hs)
			return -2;
		t->hash = hs;
		t->cap = cap;
	}
	struct episode_child *c = &t->c[t->n];
	memset(c, 0, sizeof *c);
	c->dob = CF_DATE_NONE;
	if (!(c->id = arena_strdup(a, id)))
		return -2;
	t->hash[t->n] = hash;
	t->slot[h] = (struct child_slot){ (int)t->n, hash };
	return (int)t->n++;
}

/* snprintf("%s") into a small code field, without snprintf's cost per call
 * (a large store has millions of codes). */
static void copy_code(char *out, size_t size, const char *v)
{
	size_t i = 0;
	for (; v && v[i] && i + 1 < size; i++)
		out[i] = v[i];
	out[i] = 0;
}

int episode_withdrawn(const int *years, int nyears, int version_year, cf_date end)
{
	if (version_year <= 0)
		return 0;
	for (int i = 0; i < nyears; i++)
		if (years[i] > version_year && (end == CF_DATE_NONE || end >= cf_date_fy_start(years[i] - 1)))
			return 1;
	return 0;
}

/* The loaded returns' collection years by id, for the scan. */
struct return_year {
	long long id;
	int year;
};

static int cmp_return(const void *a, const void *b)
{
	long long x = ((const struct return_year *)a)->id, y = ((const struct return_year *)b)->id;
	return (x > y) - (x < y);
}

/* By child (ID order), start, then the newest version first. */
static int cmp_version(const void *a, const void *b)
{
	const struct version_key *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->year != y->year)
		return x->year > y->year ? -1 : 1;
	if (x->return_id != y->return_id)
		return x->return_id > y->return_id ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

struct id_index {
	const char *id;
	int index;
};

static int cmp_child_id(const void *a, const void *b)
{
	return strcmp(((const struct id_index *)a)->id, ((const struct id_index *)b)->id);
}

int episode_set_read(struct store *st, enum episode_versions versions, struct episode_set *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	arena_init(&out->arena, 256 * 1024);
	struct child_table t = { 0 };
	struct version *v = NULL;
	struct version_key *key = NULL;
	struct return_year *ry = NULL;
	size_t nv = 0, capv = 0, nry = 0, capry = 0;
	struct id_index *order = NULL;
	int *rank = NULL;
	sqlite3_stmt *s = NULL;
	int rc = store_prepare(st,
			       "SELECT DISTINCT collection_year FROM returns WHERE collection_year IS NOT NULL "
			       "AND (kind = 'ssda903.episodes' OR kind = 'ssda903.xml') ORDER BY 1", &s, err);
	if (rc)
		goto done;
	while (sqlite3_step(s) == SQLITE_ROW && out->nyears < 64)
		out->years[out->nyears++] = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if ((rc = store_prepare(st, "SELECT id, coalesce(collection_year, 0) FROM returns ORDER BY id", &s, err)))
		goto done;
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (nry == capry) {
			capry = capry ? capry * 2 : 64;
			struct return_year *n = realloc(ry, capry * sizeof *n);
			if (!n)
				goto oom;
			ry = n;
		}
		ry[nry].id = sqlite3_column_int64(s, 0);
		ry[nry++].year = sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	s = NULL;

	if ((rc = store_prepare(st,
				"SELECT return_id, child, decom, dec, rne, ls, cin, place, place_provider, rec, "
				"home_post, pl_post FROM ssda903_episodes "
				"WHERE child IS NOT NULL AND decom IS NOT NULL", &s, err)))
		goto done;
	int step, last_child = -1;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		cf_date start = store_col_date(s, 2);
		if (start == CF_DATE_NONE)
			continue;   /* an episode with no readable start cannot be placed in time */
		struct return_year want = { sqlite3_column_int64(s, 0), 0 };
		const struct return_year *r = bsearch(&want, ry, nry, sizeof *ry, cmp_return);
		if (!r)
			continue;   /* as the join with returns: no version without its return */
		if (nv == capv) {
			capv = capv ? capv * 2 : 4096;
			struct version *n = realloc(v, capv * sizeof *n);
			if (!n)
				goto oom;
			v = n;
		}
		struct version *x = &v[nv];
		memset(x, 0, sizeof *x);
		/* a return lists a child's episodes together: try the last child first */
		const char *id = store_col_text(s, 1);
		if (last_child >= 0 && strcmp(t.c[last_child].id, id) == 0)
			x->child = last_child;
		else if ((x->child = last_child = table_find(&t, &out->arena, id, 1)) < 0)
			goto oom;
		x->return_id = want.id;
		struct episode_row *e = &x->row;
		e->start = start;
		e->end = store_col_date(s, 3);
		e->collection_year = r->year;
		copy_code(e->rne, sizeof e->rne, store_col_text(s, 4));
		copy_code(e->ls, sizeof e->ls, store_col_text(s, 5));
		copy_code(e->cin, sizeof e->cin, store_col_text(s, 6));
		copy_code(e->place, sizeof e->place, store_col_text(s, 7));
		copy_code(e->provider, sizeof e->provider, store_col_text(s, 8));
		copy_code(e->rec, sizeof e->rec, store_col_text(s, 9));
		const char *hp = store_col_text(s, 10), *pp = store_col_text(s, 11);
		if ((hp && !(e->home_post = arena_strdup(&out->arena, hp))) ||
		    (pp && !(e->pl_post = arena_strdup(&out->arena, pp))))
			goto oom;
		nv++;
	}
	sqlite3_finalize(s);
	s = NULL;
	if (step != SQLITE_DONE) {
		rc = store_error(st, err, "reading episodes");
		goto done;
	}

	/* the children's characteristics, for the children with episodes */
	if ((rc = store_prepare(st, "SELECT child, dob, sex, ethnicity FROM children", &s, err)))
		goto done;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = store_col_text(s, 0);
		int k = id ? table_find(&t, &out->arena, id, 0) : -1;
		if (k < 0)
			continue;
		struct episode_child *c = &t.c[k];
		c->dob = store_col_date(s, 1);
		const char *sex = store_col_text(s, 2), *eth = store_col_text(s, 3);
		c->sex = sex ? sex[0] : 0;
		if (eth && !(c->ethnicity = arena_strdup(&out->arena, eth)))
			goto oom;
	}
	sqlite3_finalize(s);
	s = NULL;
	if (step != SQLITE_DONE) {
		rc = store_error(st, err, "reading children");
		goto done;
	}

	/* children in ID order, then each version by child, start, newest first */
	order = malloc((t.n ? t.n : 1) * sizeof *order);
	rank = malloc((t.n ? t.n : 1) * sizeof *rank);
	if (!order || !rank)
		goto oom;
	for (size_t i = 0; i < t.n; i++)
		order[i] = (struct id_index){ t.c[i].id, (int)i };
	if (t.n)
		qsort(order, t.n, sizeof *order, cmp_child_id);
	for (size_t i = 0; i < t.n; i++)
		rank[order[i].index] = (int)i;
	if (!(key = malloc((nv ? nv : 1) * sizeof *key)))
		goto oom;
	for (size_t i = 0; i < nv; i++)
		key[i] = (struct version_key){ rank[v[i].child], v[i].row.start, v[i].row.collection_year, (int)i,
					       v[i].return_id };
	if (nv)
		qsort(key, nv, sizeof *key, cmp_version);

	/* keep the first (newest) version of each episode, unless withdrawn */
	out->rows = malloc((nv ? nv : 1) * sizeof *out->rows);
	out->children = malloc((t.n ? t.n : 1) * sizeof *out->children);
	if (!out->rows || !out->children)
		goto oom;
	for (size_t i = 0; i < nv; i++) {
		if (i && key[i].rank == key[i - 1].rank && key[i].start == key[i - 1].start)
			continue;   /* an older version of the episode just seen */
		const struct version *x = &v[key[i].seq];
		if (versions == EPISODES_CURRENT &&
		    episode_withdrawn(out->years, out->nyears, x->row.collection_year, x->row.end))
			continue;
		struct episode_child *c = out->nchildren ? &out->children[out->nchildren - 1] : NULL;
		if (!c || c->id != t.c[x->child].id) {
			c = &out->children[out->nchildren++];
			*c = t.c[x->child];
			c->first = out->n;
			c->n = 0;
		}
		struct episode_row *e = &out->rows[out->n++];
		*e = x->row;
		e->child = (int)(out->nchildren - 1);
		c->n++;
	}
	rc = CF_OK;
	goto done;
oom:
	rc = cf_error_set(err, CF_EIO, "out of memory reading episodes");
done:
	sqlite3_finalize(s);
	free(t.c);
	free(t.hash);
	free(t.slot);
	free(v);
	free(key);
	free(ry);
	free(order);
	free(rank);
	return rc;
}

void episode_set_release(struct episode_set *s)
{
	free(s->children);
	free(s->rows);
	arena_release(&s->arena);
	memset(s, 0, sizeof *s);
}
