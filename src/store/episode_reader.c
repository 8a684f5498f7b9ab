/* Reading the current version of each SSDA903 episode: every stored
 * version from the returns' episode packs (one blob per return, written by
 * the load; migration 0012), or from ssda903_episodes for a return loaded
 * before packs existed, then the versions sorted in C. */
#include "store/episode_reader.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
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

/* The pack of one return: for each of its episode rows with a child and a
 * readable DECOM, by child ID (byte order), DECOM, then load order, the
 * its DECOM and DEC as two four-byte day numbers (DEC CF_DATE_NONE when
 * missing or unreadable), then the PACK_NCOLS text columns below, each as a length byte
 * (0 for NULL, 1 + length up to 253, 255 then four bytes of length) and
 * the text with its terminating NUL, so a reader points into the blob. */
#define PACK_NCOLS 9
static const char pack_select[] =
	"SELECT return_id, child, decom, dec, rne, ls, cin, place, place_provider, rec, home_post, pl_post "
	"FROM ssda903_episodes";
enum { PC_CHILD, PC_RNE, PC_LS, PC_CIN, PC_PLACE, PC_PROVIDER, PC_REC, PC_HOME, PC_PL };
#define SQL_DECOM 2
#define SQL_DEC 3
/* pack_select's column of text column c */
static int sql_col(int c) { return c == PC_CHILD ? 1 : c + 3; }

static void put_date(unsigned char *b, cf_date d)
{
	uint32_t u = (uint32_t)d;
	for (int i = 0; i < 4; i++)
		b[i] = (unsigned char)(u >> (8 * i));
}

static cf_date get_date(const unsigned char *b)
{
	return (cf_date)((uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24);
}

struct pack_buf {
	long long id;
	unsigned char *b;
	size_t n, cap;
	long rows;
	struct pack_entry *e;     /* each row's place in b, in load order */
	size_t cap_e;
};

/* A row of a pack being written: where it lies in the buffer, and what it
 * is sorted by (child ID in byte order, start, then load order). */
struct pack_entry {
	size_t at, len, child;    /* offsets into the buffer */
	cf_date start;
	const char *id;           /* the child ID, set once the buffer stops moving */
};

static int cmp_pack_entry(const void *a, const void *b)
{
	const struct pack_entry *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->at > y->at) - (x->at < y->at);
}

static int pack_reserve(struct pack_buf *p, size_t len)
{
	if (p->n + len > p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64 * 1024;
		while (cap < p->n + len)
			cap *= 2;
		unsigned char *b = realloc(p->b, cap);
		if (!b)
			return -1;
		p->b = b;
		p->cap = cap;
	}
	return 0;
}

static int pack_raw(struct pack_buf *p, const unsigned char *v, size_t len)
{
	if (pack_reserve(p, len))
		return -1;
	memcpy(p->b + p->n, v, len);
	p->n += len;
	return 0;
}

static int pack_put(struct pack_buf *p, const unsigned char *v, size_t len)
{
	if (pack_reserve(p, len + 6))
		return -1;
	if (!v) {
		p->b[p->n++] = 0;
		return 0;
	}
	if (len < 254) {
		p->b[p->n++] = (unsigned char)(len + 1);
	} else {
		p->b[p->n++] = 255;
		for (int i = 0; i < 4; i++)
			p->b[p->n++] = (unsigned char)(len >> (8 * i));
	}
	memcpy(p->b + p->n, v, len);
	p->n += len;
	p->b[p->n++] = 0;
	return 0;
}

/* The next column of a pack at *at (before end): its text or NULL, and
 * its length; -1 when the pack is cut short. */
static inline int pack_get(const unsigned char **at, const unsigned char *end, const char **v, size_t *len)
{
	const unsigned char *p = *at;
	if (p >= end)
		return -1;
	size_t n = *p++;
	if (n == 0) {
		*v = NULL;
		*len = 0;
		*at = p;
		return 0;
	}
	if (n == 255) {
		if (end - p < 4)
			return -1;
		n = (size_t)p[0] | (size_t)p[1] << 8 | (size_t)p[2] << 16 | (size_t)p[3] << 24;
		p += 4;
	} else {
		n--;
	}
	if ((size_t)(end - p) < n + 1 || p[n] != 0)
		return -1;
	*v = (const char *)p;
	*len = n;
	*at = p + n + 1;
	return 0;
}

/* The pack being built for return_id, added when new; NULL when out of memory. */
static struct pack_buf *packer_buf(struct episode_packer *k, long long return_id)
{
	for (int i = k->n - 1; i >= 0; i--)
		if (k->buf[i].id == return_id)
			return &k->buf[i];
	if (k->n == k->cap) {
		int cap = k->cap ? k->cap * 2 : 4;
		struct pack_buf *b = realloc(k->buf, (size_t)cap * sizeof *b);
		if (!b)
			return NULL;
		k->buf = b;
		k->cap = cap;
	}
	struct pack_buf *p = &k->buf[k->n++];
	memset(p, 0, sizeof *p);
	p->id = return_id;
	return p;
}

int episode_packer_add(struct episode_packer *k, long long return_id, const char *const *cols, struct cf_error *err)
{
	if (!cols[EPC_CHILD] || !cols[EPC_DECOM])
		return CF_OK;
	cf_date start, end;
	if (cf_date_parse(cols[EPC_DECOM], strlen(cols[EPC_DECOM]), &start) != 0)
		return CF_OK;   /* never read: an episode with no readable start */
	if (!cols[EPC_DEC] || cf_date_parse(cols[EPC_DEC], strlen(cols[EPC_DEC]), &end) != 0)
		end = CF_DATE_NONE;
	struct pack_buf *p = packer_buf(k, return_id);
	if (!p)
		return cf_error_set(err, CF_EIO, "out of memory packing episodes");
	if (p->rows == (long)p->cap_e) {
		size_t cap = p->cap_e ? p->cap_e * 2 : 1024;
		struct pack_entry *e = realloc(p->e, cap * sizeof *e);
		if (!e)
			return cf_error_set(err, CF_EIO, "out of memory packing episodes");
		p->e = e;
		p->cap_e = cap;
	}
	struct pack_entry *e = &p->e[p->rows++];
	e->at = p->n;
	e->start = start;
	unsigned char dates[8];
	put_date(dates, start);
	put_date(dates + 4, end);
	if (pack_raw(p, dates, sizeof dates))
		return cf_error_set(err, CF_EIO, "out of memory packing episodes");
	for (int c = 0; c < PACK_NCOLS; c++) {
		const char *v = cols[c == PC_CHILD ? EPC_CHILD : c + 2];
		size_t len = v ? strlen(v) : 0;
		if (c == PC_CHILD)
			e->child = p->n + 1 + (len >= 254 ? 4 : 0);
		if (pack_put(p, (const unsigned char *)v, len))
			return cf_error_set(err, CF_EIO, "out of memory packing episodes");
	}
	e->len = p->n - e->at;
	return CF_OK;
}

void episode_packer_release(struct episode_packer *k)
{
	for (int i = 0; i < k->n; i++) {
		free(k->buf[i].b);
		free(k->buf[i].e);
	}
	free(k->buf);
	memset(k, 0, sizeof *k);
}

int episode_packer_write(struct store *st, struct episode_packer *k, const long long *ids, int n, struct cf_error *err)
{
	int rc = CF_OK;
	/* sorted, so the reader merges the returns' packs without sorting */
	for (int i = 0; i < k->n && !rc; i++) {
		struct pack_buf *p = &k->buf[i];
		if (p->rows < 2)
			continue;
		for (long r = 0; r < p->rows; r++)
			p->e[r].id = (const char *)p->b + p->e[r].child;
		qsort(p->e, (size_t)p->rows, sizeof *p->e, cmp_pack_entry);
		unsigned char *sorted = malloc(p->n);
		if (!sorted) {
			rc = cf_error_set(err, CF_EIO, "out of memory packing episodes");
			break;
		}
		size_t at = 0;
		for (long r = 0; r < p->rows; r++) {
			memcpy(sorted + at, p->b + p->e[r].at, p->e[r].len);
			at += p->e[r].len;
		}
		free(p->b);
		p->b = sorted;
	}
	sqlite3_stmt *s = NULL;
	if (!rc && n > 0)
		rc = store_prepare(st, "INSERT INTO ssda903_episode_packs (return_id, rows, data) VALUES (?, ?, ?)", &s, err);
	for (int i = 0; i < n && !rc; i++) {
		const struct pack_buf *p = NULL;
		for (int j = 0; j < k->n && !p; j++)
			if (k->buf[j].id == ids[i])
				p = &k->buf[j];
		sqlite3_bind_int64(s, 1, ids[i]);
		sqlite3_bind_int64(s, 2, p ? p->rows : 0);
		sqlite3_bind_blob(s, 3, p && p->b ? (const void *)p->b : "", p ? (int)p->n : 0, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = store_error(st, err, "writing an episode pack");
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	episode_packer_release(k);
	return rc;
}

int episode_packs_write(struct store *st, const long long *ids, int n, long long after, struct cf_error *err)
{
	if (n <= 0)
		return CF_OK;
	struct episode_packer k = { 0 };
	char sql[512];
	snprintf(sql, sizeof sql, "%s WHERE rowid > %lld AND child IS NOT NULL AND decom IS NOT NULL ORDER BY rowid",
		 pack_select, after);
	sqlite3_stmt *s = NULL;
	int rc = store_prepare(st, sql, &s, err), step = SQLITE_DONE;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		long long rid = sqlite3_column_int64(s, 0);
		int mine = 0;
		for (int i = 0; i < n && !mine; i++)
			mine = ids[i] == rid;
		if (!mine)
			continue;   /* another return's rows: not this load's */
		const char *cols[EPC_N];
		for (int c = 0; c < EPC_N; c++)
			cols[c] = store_col_text(s, 1 + c);
		rc = episode_packer_add(&k, rid, cols, err);
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_error(st, err, "packing episodes");
	sqlite3_finalize(s);
	if (rc) {
		episode_packer_release(&k);
		return rc;
	}
	return episode_packer_write(st, &k, ids, n, err);
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

/* The loaded returns by id: collection year, and whether a pack holds
 * their episodes. */
struct return_year {
	long long id;
	int year;
	int packed;
};

static int cmp_return(const void *a, const void *b)
{
	long long x = ((const struct return_year *)a)->id, y = ((const struct return_year *)b)->id;
	return (x > y) - (x < y);
}

/* The versions while reading, from packs or from the table. */
struct reading {
	struct child_table t;
	struct arena *arena;
	struct version *v;
	size_t nv, capv;
	int last_child;
	const struct return_year *ry;
	size_t nry;
};

/* Add the version of return r starting on `start` (CF_DATE_NONE: unreadable),
 * ending on `end`, with text columns cols[PACK_NCOLS] (NULL when not given);
 * 0, or -1 when out of memory. */
static int add_version(struct reading *g, const struct return_year *r, cf_date start, cf_date end,
		       const char *const *cols, const size_t *lens)
{
	if (start == CF_DATE_NONE)
		return 0;   /* an episode with no readable start cannot be placed in time */
	if (g->nv == g->capv) {
		g->capv = g->capv ? g->capv * 2 : 4096;
		struct version *n = realloc(g->v, g->capv * sizeof *n);
		if (!n)
			return -1;
		g->v = n;
	}
	struct version *x = &g->v[g->nv];
	memset(x, 0, sizeof *x);
	/* a return lists a child's episodes together: try the last child first */
	const char *id = cols[PC_CHILD];
	if (g->last_child >= 0 && strcmp(g->t.c[g->last_child].id, id) == 0)
		x->child = g->last_child;
	else if ((x->child = g->last_child = table_find(&g->t, g->arena, id, 1)) < 0)
		return -1;
	x->return_id = r->id;
	struct episode_row *e = &x->row;
	e->start = start;
	e->end = end;
	e->collection_year = r->year;
	e->return_id = (int)r->id;
	copy_code(e->rne, sizeof e->rne, cols[PC_RNE]);
	copy_code(e->ls, sizeof e->ls, cols[PC_LS]);
	copy_code(e->cin, sizeof e->cin, cols[PC_CIN]);
	copy_code(e->place, sizeof e->place, cols[PC_PLACE]);
	copy_code(e->provider, sizeof e->provider, cols[PC_PROVIDER]);
	copy_code(e->rec, sizeof e->rec, cols[PC_REC]);
	if ((cols[PC_HOME] && !(e->home_post = arena_strndup(g->arena, cols[PC_HOME], lens[PC_HOME]))) ||
	    (cols[PC_PL] && !(e->pl_post = arena_strndup(g->arena, cols[PC_PL], lens[PC_PL]))))
		return -1;
	g->nv++;
	return 0;
}

static const struct return_year *find_return(const struct reading *g, long long id)
{
	struct return_year want = { id, 0, 0 };
	return bsearch(&want, g->ry, g->nry, sizeof *g->ry, cmp_return);
}

/* Every version of the returns loaded before packs existed, from the table. */
static int read_unpacked(struct store *st, struct reading *g, struct cf_error *err)
{
	sqlite3_stmt *s;
	char sql[256];
	snprintf(sql, sizeof sql, "%s WHERE child IS NOT NULL AND decom IS NOT NULL", pack_select);
	int rc = store_prepare(st, sql, &s, err), step;
	if (rc)
		return rc;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const struct return_year *r = find_return(g, sqlite3_column_int64(s, 0));
		if (!r || r->packed)
			continue;   /* as the join with returns: no version without its return; or read from its pack */
		const char *cols[PACK_NCOLS];
		size_t lens[PACK_NCOLS];
		for (int c = 0; c < PACK_NCOLS; c++) {
			cols[c] = store_col_text(s, sql_col(c));
			lens[c] = cols[c] ? (size_t)sqlite3_column_bytes(s, sql_col(c)) : 0;
		}
		if (add_version(g, r, store_col_date(s, SQL_DECOM), store_col_date(s, SQL_DEC), cols, lens)) {
			sqlite3_finalize(s);
			return cf_error_set(err, CF_EIO, "out of memory reading episodes");
		}
	}
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? CF_OK : store_error(st, err, "reading episodes");
}

/* Every version in the packs. */
static int read_packs(struct store *st, struct reading *g, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, "SELECT return_id, data FROM ssda903_episode_packs", &s, err), step;
	if (rc)
		return rc;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const struct return_year *r = find_return(g, sqlite3_column_int64(s, 0));
		const unsigned char *at = sqlite3_column_blob(s, 1);
		const unsigned char *end = at + sqlite3_column_bytes(s, 1);
		if (!r)
			continue;
		while (at && at < end) {
			const char *cols[PACK_NCOLS];
			size_t lens[PACK_NCOLS];
			if (end - at < 8) {
				sqlite3_finalize(s);
				return cf_error_set(err, CF_EIO, "the episode pack of return %lld is damaged", r->id);
			}
			cf_date start = get_date(at), stop = get_date(at + 4);
			at += 8;
			for (int c = 0; c < PACK_NCOLS; c++)
				if (pack_get(&at, end, &cols[c], &lens[c])) {
					sqlite3_finalize(s);
					return cf_error_set(err, CF_EIO, "the episode pack of return %lld is damaged", r->id);
				}
			if (!cols[PC_CHILD])
				continue;
			if (add_version(g, r, start, stop, cols, lens)) {
				sqlite3_finalize(s);
				return cf_error_set(err, CF_EIO, "out of memory reading episodes");
			}
		}
	}
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? CF_OK : store_error(st, err, "reading episode packs");
}

/* episode_withdrawn, with each year's first day worked out once: fy_start[i] for years[i]. */
static int withdrawn(const int *years, const cf_date *fy_start, int nyears, int version_year, cf_date end)
{
	if (version_year <= 0)
		return 0;
	for (int i = 0; i < nyears; i++)
		if (years[i] > version_year && (end == CF_DATE_NONE || end >= fy_start[i]))
			return 1;
	return 0;
}

static int cmp_child(const void *a, const void *b)
{
	return strcmp(((const struct episode_child *)a)->id, ((const struct episode_child *)b)->id);
}

/* The merged reading, when every SSDA903 return has its pack: each pack is
 * sorted by child and start, so one pass over all of them at once yields
 * the episodes in order, the newest version of each taken as it goes. */
struct cursor {
	const unsigned char *at, *end;
	const struct return_year *r;
	const char *cols[PACK_NCOLS];
	size_t lens[PACK_NCOLS];
	cf_date start, stop;      /* DECOM, DEC */
	uint64_t prefix;          /* the child ID's first 8 bytes, big-endian, zero-padded: most comparisons end here */
	int live;
};

/* Move c to its next row; -1 when the pack is damaged. */
static int cursor_next(struct cursor *c)
{
	for (;;) {
		if (c->at >= c->end) {
			c->live = 0;
			return 0;
		}
		if (c->end - c->at < 8)
			return -1;
		c->start = get_date(c->at);
		c->stop = get_date(c->at + 4);
		c->at += 8;
		for (int k = 0; k < PACK_NCOLS; k++)
			if (pack_get(&c->at, c->end, &c->cols[k], &c->lens[k]))
				return -1;
		if (c->cols[PC_CHILD] && c->start != CF_DATE_NONE) {
			const unsigned char *id = (const unsigned char *)c->cols[PC_CHILD];
			uint64_t x = 0;
			for (size_t i = 0; i < 8; i++)
				x = x << 8 | (i < c->lens[PC_CHILD] ? id[i] : 0);
			c->prefix = x;
			c->live = 1;
			return 0;
		}
	}
}

/* Whether c's row is later than best's in (child, start) order: 1 before, 0 same, -1 after. */
static int cursor_cmp(const struct cursor *c, const struct cursor *best)
{
	if (c->prefix != best->prefix)
		return c->prefix < best->prefix ? 1 : -1;
	int d = c->lens[PC_CHILD] <= 8 && best->lens[PC_CHILD] <= 8 ? 0
		: strcmp(c->cols[PC_CHILD] + 8, best->cols[PC_CHILD] + 8);
	if (d)
		return d < 0 ? 1 : -1;
	return c->start < best->start ? 1 : c->start > best->start ? -1 : 0;
}

/* Each child's date of birth, sex and ethnicity by its ID (the children
 * table's key). */
static int read_children_by_id(struct store *st, struct episode_set *out, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, "SELECT dob, sex, ethnicity FROM children WHERE child = ?", &s, err);
	for (size_t i = 0; i < out->nchildren && !rc; i++) {
		struct episode_child *c = &out->children[i];
		sqlite3_bind_text(s, 1, c->id, -1, SQLITE_STATIC);
		int step = sqlite3_step(s);
		if (step == SQLITE_ROW) {
			c->dob = store_col_date(s, 0);
			const char *sex = store_col_text(s, 1), *eth = store_col_text(s, 2);
			c->sex = sex ? sex[0] : 0;
			if (eth && !(c->ethnicity = arena_strdup(&out->arena, eth)))
				rc = cf_error_set(err, CF_EIO, "out of memory reading children");
		} else if (step != SQLITE_DONE) {
			rc = store_error(st, err, "reading children");
		}
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return rc;
}

/* Set the connection's page cache back to `size` (PRAGMA cache_size's value). */
static int cache_restore(struct store *st, long long size, struct cf_error *err)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", size);
	return store_exec(st, sql, err);
}

static int read_merged(struct store *st, enum episode_versions versions, struct episode_set *out,
		       const struct return_year *ry, size_t nry, long long packed_rows, struct cf_error *err)
{
	struct cursor *cur = NULL;
	size_t *same = NULL;      /* the packs whose row is the episode taken: only they need stepping */
	size_t ncur = 0, capc = 0, capch = 0;
	sqlite3_stmt *s;
	/* each blob read straight into the arena (sqlite3_blob_read), not
	 * assembled by SQLite first and copied again; and through a small page
	 * cache, whose pages are reused: the packs are read once, and a cache
	 * as large as them would be fresh memory to fault in page by page */
	long long cache_size = 0;
	int rc = store_prepare(st, "PRAGMA cache_size", &s, err), step;
	if (rc)
		return rc;
	step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		cache_size = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	s = NULL;
	if (step != SQLITE_ROW)
		return store_error(st, err, "reading the page cache's size");
	if ((rc = store_exec(st, "PRAGMA cache_size = 64", err)))
		return rc;
	/* one buffer for every pack, asking for huge pages: 12 MB on the bench
	 * store, else faulted in 4 KB at a time (length() reads no blob) */
	size_t total = 0, used = 0;
	unsigned char *packs = NULL;
	if ((rc = store_prepare(st, "SELECT coalesce(sum(length(data)), 0) FROM ssda903_episode_packs", &s, err))) {
		cache_restore(st, cache_size, NULL);
		return rc;
	}
	if (sqlite3_step(s) == SQLITE_ROW)
		total = (size_t)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	s = NULL;
	if (total && !(packs = arena_alloc(&out->arena, total)))
		goto oom;
	mem_prefer_huge(packs, total);
	rc = store_prepare(st, "SELECT return_id, length(data) FROM ssda903_episode_packs", &s, err);
	if (rc) {
		cache_restore(st, cache_size, NULL);
		return rc;
	}
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct return_year want = { sqlite3_column_int64(s, 0), 0, 0 };
		const struct return_year *r = bsearch(&want, ry, nry, sizeof *ry, cmp_return);
		size_t n = (size_t)sqlite3_column_int64(s, 1);
		if (!r || n == 0)
			continue;
		if (ncur == capc) {
			capc = capc ? capc * 2 : 16;
			struct cursor *c = realloc(cur, capc * sizeof *c);
			if (!c)
				goto oom;
			cur = c;
		}
		/* kept in the set's arena: the rows' strings point into it (a pack
		 * added since the sum was taken gets its own allocation) */
		unsigned char *copy = n <= total - used ? packs + used : arena_alloc(&out->arena, n);
		if (!copy)
			goto oom;
		if (copy == packs + used)
			used += n;
		sqlite3_blob *b = NULL;
		if (sqlite3_blob_open(st->db, "main", "ssda903_episode_packs", "data", want.id, 0, &b) != SQLITE_OK ||
		    sqlite3_blob_read(b, copy, (int)n, 0) != SQLITE_OK) {
			sqlite3_blob_close(b);
			sqlite3_finalize(s);
			free(cur);
			rc = store_error(st, err, "reading an episode pack");
			cache_restore(st, cache_size, NULL);
			return rc;
		}
		sqlite3_blob_close(b);
		cur[ncur] = (struct cursor){ .at = copy, .end = copy + n, .r = r };
		if (cursor_next(&cur[ncur]))
			goto damaged;
		ncur += cur[ncur].live;
	}
	sqlite3_finalize(s);
	s = NULL;
	if (step != SQLITE_DONE) {
		free(cur);
		rc = store_error(st, err, "reading episode packs");
		cache_restore(st, cache_size, NULL);
		return rc;
	}
	if ((rc = cache_restore(st, cache_size, err))) {
		free(cur);
		return rc;
	}
	out->rows = malloc((packed_rows > 0 ? (size_t)packed_rows : 1) * sizeof *out->rows);
	if (!out->rows)
		goto oom;
	mem_prefer_huge(out->rows, (packed_rows > 0 ? (size_t)packed_rows : 1) * sizeof *out->rows);
	cf_date fy_start[64];
	for (int i = 0; i < out->nyears; i++)
		fy_start[i] = cf_date_fy_start(out->years[i] - 1);
	if (!(same = malloc((ncur ? ncur : 1) * sizeof *same)))
		goto oom;
	uint64_t last_prefix = 0;   /* the child of the last episode taken */
	size_t last_len = 0;
	for (;;) {
		struct cursor *best = NULL;
		size_t nsame = 0;
		for (size_t i = 0; i < ncur; i++) {
			struct cursor *c = &cur[i];
			if (!c->live)
				continue;
			int d = best ? cursor_cmp(c, best) : 1;
			if (d < 0)
				continue;
			if (d > 0)
				nsame = 0;   /* an earlier episode: the ones seen so far are all later */
			same[nsame++] = i;
			/* the same episode: the later collection year wins, then the later load */
			if (d > 0 || c->r->year > best->r->year || (c->r->year == best->r->year && c->r->id > best->r->id))
				best = c;
		}
		if (!best)
			break;
		struct cursor win = *best;
		/* step those packs past this episode: older versions, and a return's
		 * repeats of it; every other pack's row is a later episode */
		for (size_t k = 0; k < nsame; k++) {
			struct cursor *c = &cur[same[k]];
			while (c->live && cursor_cmp(c, &win) == 0)
				if (cursor_next(c))
					goto damaged;
		}
		cf_date end = win.stop;
		if (versions == EPISODES_CURRENT && withdrawn(out->years, fy_start, out->nyears, win.r->year, end))
			continue;
		struct episode_child *c = out->nchildren ? &out->children[out->nchildren - 1] : NULL;
		/* the last child's again? its first 8 bytes settle it for an ID no longer */
		int same_child = c && win.prefix == last_prefix &&
				 ((win.lens[PC_CHILD] <= 8 && last_len <= 8) || strcmp(c->id, win.cols[PC_CHILD]) == 0);
		last_prefix = win.prefix;
		last_len = win.lens[PC_CHILD];
		if (!same_child) {
			if (out->nchildren == capch) {
				capch = capch ? capch * 2 : 1024;
				struct episode_child *nc = realloc(out->children, capch * sizeof *nc);
				if (!nc)
					goto oom;
				out->children = nc;
			}
			c = &out->children[out->nchildren++];
			*c = (struct episode_child){ .id = win.cols[PC_CHILD], .dob = CF_DATE_NONE, .first = out->n };
		}
		struct episode_row *e = &out->rows[out->n++];
		memset(e, 0, sizeof *e);
		e->start = win.start;
		e->end = end;
		e->child = (int)(out->nchildren - 1);
		e->collection_year = win.r->year;
		e->return_id = (int)win.r->id;
		copy_code(e->rne, sizeof e->rne, win.cols[PC_RNE]);
		copy_code(e->ls, sizeof e->ls, win.cols[PC_LS]);
		copy_code(e->cin, sizeof e->cin, win.cols[PC_CIN]);
		copy_code(e->place, sizeof e->place, win.cols[PC_PLACE]);
		copy_code(e->provider, sizeof e->provider, win.cols[PC_PROVIDER]);
		copy_code(e->rec, sizeof e->rec, win.cols[PC_REC]);
		e->home_post = win.cols[PC_HOME];
		e->pl_post = win.cols[PC_PL];
		c->n++;
	}
	free(same);
	same = NULL;
	free(cur);
	cur = NULL;
	if (!out->children && !(out->children = malloc(sizeof *out->children)))
		goto oom;

	/* the children's characteristics, for the children with episodes: one
	 * scan of the children table, or one look-up each when the table turns
	 * out to be many times larger (a council's store with its CIN and
	 * Annex A children); found by scanning, not counted first, as counting
	 * walks the whole table too */
	if ((rc = store_prepare(st, "SELECT child, dob, sex, ethnicity FROM children", &s, err)))
		return rc;
	size_t next = 0;   /* loads add children in ID order more often than not: try the one after the last first */
	long long seen = 0;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (++seen > (long long)out->nchildren * 8) {
			/* the look-ups set again what the scan set so far, to the same values */
			sqlite3_finalize(s);
			return read_children_by_id(st, out, err);
		}
		const char *id = store_col_text(s, 0);
		struct episode_child want = { .id = id }, *c = NULL;
		if (id && next < out->nchildren && strcmp(out->children[next].id, id) == 0)
			c = &out->children[next];
		else if (id)
			c = bsearch(&want, out->children, out->nchildren, sizeof want, cmp_child);
		if (!c)
			continue;
		next = (size_t)(c - out->children) + 1;
		c->dob = store_col_date(s, 1);
		const char *sex = store_col_text(s, 2), *eth = store_col_text(s, 3);
		c->sex = sex ? sex[0] : 0;
		if (eth && !(c->ethnicity = arena_strdup(&out->arena, eth)))
			goto oom;
	}
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? CF_OK : store_error(st, err, "reading children");
damaged:
	sqlite3_finalize(s);
	free(same);
	free(cur);
	cache_restore(st, cache_size, NULL);   /* again when it already was: harmless */
	return cf_error_set(err, CF_EIO, "an episode pack in the store is damaged");
oom:
	sqlite3_finalize(s);
	free(same);
	free(cur);
	cache_restore(st, cache_size, NULL);
	return cf_error_set(err, CF_EIO, "out of memory reading episodes");
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
	struct reading g = { .arena = &out->arena, .last_child = -1 };
	struct child_table t = { 0 };
	struct version *v = NULL;
	struct version_key *key = NULL;
	struct return_year *ry = NULL;
	size_t nv = 0, nry = 0, capry = 0;
	long long packed_rows = 0;
	int unpacked = 0;
	struct id_index *order = NULL;
	int *rank = NULL;
	sqlite3_stmt *s = NULL;
	int rc = store_prepare(st,
			       "SELECT collection_year FROM returns WHERE collection_year IS NOT NULL "
			       "AND (kind = 'ssda903.episodes' OR kind = 'ssda903.xml') "
			       "UNION SELECT collection_year FROM ssd_years ORDER BY 1", &s, err);
	if (rc)
		goto done;
	while (sqlite3_step(s) == SQLITE_ROW && out->nyears < 64)
		out->years[out->nyears++] = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if ((rc = store_prepare(st,
				"SELECT r.id, coalesce(r.collection_year, 0), p.return_id IS NOT NULL, coalesce(p.rows, 0), "
				"r.kind LIKE 'ssda903.%' FROM returns r LEFT JOIN ssda903_episode_packs p ON p.return_id = r.id "
				"ORDER BY r.id", &s, err)))
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
		ry[nry].year = sqlite3_column_int(s, 1);
		ry[nry].packed = sqlite3_column_int(s, 2);
		packed_rows += sqlite3_column_int64(s, 3);
		/* a return of another kind has no episodes; an SSDA903 one loaded
		 * before migration 0012 has them only in the table */
		unpacked += !ry[nry].packed && sqlite3_column_int(s, 4);
		nry++;
	}
	sqlite3_finalize(s);
	s = NULL;
	g.ry = ry;
	g.nry = nry;
	if (!unpacked) {
		rc = read_merged(st, versions, out, ry, nry, packed_rows, err);
		goto done;
	}
	if (packed_rows > 0) {
		/* sized once: growing by doubling would copy and fault in the versions again */
		g.capv = (size_t)packed_rows;
		if (!(g.v = malloc(g.capv * sizeof *g.v)))
			goto oom;
	}
	rc = read_packs(st, &g, err);
	if (!rc && unpacked)
		rc = read_unpacked(st, &g, err);
	t = g.t;
	v = g.v;
	nv = g.nv;
	if (rc)
		goto done;
	int step;

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
