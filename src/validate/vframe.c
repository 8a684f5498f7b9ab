/* Validator frames: growing columns of raw values, strict date parsing and
 * a hash index on CHILD for the joins the rules make. */
#include "validate/vframe.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each child's rows, by the child's number in the dataset: by_id[] holds a
 * child's first row and next[] chains that child's rows (and only its rows). */
struct vindex {
	long *next;        /* next row with the same CHILD, -1 at the end */
	long nids;         /* children the dataset knew when this was built */
	long *cid;         /* per row: the child's number, -1 when missing */
	long *by_id;       /* per child number: first row, -1 when none */
};

#define VORDER_MAX 16

struct vorder {
	int n;
	struct {
		char *key;        /* "DECOM\tDEC" */
		long *order;
	} e[VORDER_MAX];
};

static int same_str(const char *a, const char *b)
{
	return a == b || strcmp(a, b) == 0;
}

static unsigned long hash_mem(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return (unsigned long)h;
}

static void intern_free(struct vintern *in)
{
	free(in->slot);
	free(in->rank);
	memset(in, 0, sizeof *in);
}

/* The copy of s (len bytes) held in `in` (the dataset's CHILD values, or
 * one column's values), added to the arena when new, and its number in *id.
 * NULL on OOM. */
static const char *intern(struct vintern *in, struct arena *a, const char *s, size_t len, long *id)
{
	if ((in->n + 1) * 2 > in->nslots) {
		long ns = in->nslots ? in->nslots * 2 : 64;
		struct vislot *slot = calloc((size_t)ns, sizeof *slot);
		if (!slot)
			return NULL;
		for (long i = 0; i < in->nslots; i++)
			if (in->slot[i].s) {
				long k = (long)(in->slot[i].hash & (unsigned long)(ns - 1));
				while (slot[k].s)
					k = (k + 1) & (ns - 1);
				slot[k] = in->slot[i];
			}
		free(in->slot);
		in->slot = slot;
		in->nslots = ns;
	}
	in->seen++;
	unsigned long h = hash_mem(s, len);
	long k = (long)(h & (unsigned long)(in->nslots - 1));
	for (; in->slot[k].s; k = (k + 1) & (in->nslots - 1))
		if (in->slot[k].hash == h && strncmp(in->slot[k].s, s, len) == 0 && in->slot[k].s[len] == 0) {
			*id = in->slot[k].id;
			return in->slot[k].s;
		}
	char *copy = arena_strndup(a, s, len);
	if (!copy)
		return NULL;
	in->slot[k].s = copy;
	in->slot[k].hash = h;
	in->slot[k].id = *id = in->n++;
	return copy;
}

/* The number of an interned child, or -1. */
static long intern_id(const struct vintern *in, const char *s)
{
	if (!in || !in->nslots || !s)
		return -1;
	unsigned long h = hash_mem(s, strlen(s));
	long k = (long)(h & (unsigned long)(in->nslots - 1));
	for (; in->slot[k].s; k = (k + 1) & (in->nslots - 1))
		if (in->slot[k].hash == h && same_str(in->slot[k].s, s))
			return in->slot[k].id;
	return -1;
}

static void index_free(struct vindex *ix)
{
	if (ix) {
		free(ix->next);
		free(ix->cid);
		free(ix->by_id);
		free(ix);
	}
}

/* Rows changed: the index and the kept orders no longer hold. */
static void frame_changed(struct vframe *f)
{
	index_free(f->by_child);
	f->by_child = NULL;
	if (f->orders) {
		for (int i = 0; i < f->orders->n; i++) {
			free(f->orders->e[i].key);
			free(f->orders->e[i].order);
		}
		free(f->orders);
		f->orders = NULL;
	}
}

void vdata_init(struct vdata *vd)
{
	memset(vd, 0, sizeof *vd);
	arena_init(&vd->arena, 0);
	vd->meta.collection_start = vd->meta.collection_end = CF_DATE_NONE;
}

static void frame_free(struct vframe *f)
{
	if (!f)
		return;
	for (int c = 0; c < f->ncols; c++) {
		free(f->cols[c]->v);
		free(f->cols[c]->num);
		free(f->cols[c]->d);
		free(f->cols[c]->cid);
		if (f->cols[c]->dict) {
			intern_free(f->cols[c]->dict);
			free(f->cols[c]->dict);
		}
		free(f->cols[c]);
	}
	free(f->cols);
	free(f->index);
	free(f->rownum);
	frame_changed(f);
	free(f);
}

void vdata_release(struct vdata *vd)
{
	for (int i = 0; i < vd->nframes; i++)
		frame_free(vd->frames[i]);
	vd->nframes = 0;
	intern_free(&vd->intern);
	arena_release(&vd->arena);
}

void vdata_set_year(struct vdata *vd, int year)
{
	vd->meta.year = year;
	vd->meta.collection_start = cf_date_from_ymd(year - 1, 4, 1);
	vd->meta.collection_end = cf_date_from_ymd(year, 3, 31);
}

struct vframe *vdata_frame(const struct vdata *vd, const char *name)
{
	for (int i = 0; i < vd->nframes; i++)
		if (strcmp(vd->frames[i]->name, name) == 0)
			return vd->frames[i];
	return NULL;
}

struct vframe *vdata_add_frame(struct vdata *vd, const char *name)
{
	if (vdata_frame(vd, name) || vd->nframes >= VDATA_MAXFRAMES)
		return NULL;
	struct vframe *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	f->arena = &vd->arena;
	f->intern = &vd->intern;
	f->name = arena_strdup(&vd->arena, name);
	if (!f->name) {
		free(f);
		return NULL;
	}
	vd->frames[vd->nframes++] = f;
	return f;
}

void vdata_remove_frame(struct vdata *vd, const char *name)
{
	for (int i = 0; i < vd->nframes; i++)
		if (strcmp(vd->frames[i]->name, name) == 0) {
			frame_free(vd->frames[i]);
			memmove(&vd->frames[i], &vd->frames[i + 1], (size_t)(vd->nframes - i - 1) * sizeof vd->frames[0]);
			vd->nframes--;
			return;
		}
}

/* Checks name their columns with literals, row after row: a small cache
 * keyed by the name's address turns most look-ups into one comparison (the
 * name is still compared, as a caller's buffer may hold another name later). */
int vframe_colno(const struct vframe *f, const char *name)
{
	struct vframe *m = (struct vframe *)f;   /* the cache is not the frame's value */
	unsigned k = (unsigned)(((uintptr_t)name >> 3) & 7);
	if (m->colcache_key[k] == name && strcmp(f->cols[m->colcache_col[k]]->name, name) == 0)
		return m->colcache_col[k];
	for (int c = 0; c < f->ncols; c++)
		if (strcmp(f->cols[c]->name, name) == 0) {
			m->colcache_key[k] = name;
			m->colcache_col[k] = c;
			return c;
		}
	return -1;
}

int vframe_add_col(struct vframe *f, const char *name)
{
	if (f->ncols == f->capcols) {
		int cap = f->capcols ? f->capcols * 2 : 16;
		struct vcol **p = realloc(f->cols, (size_t)cap * sizeof *p);
		if (!p)
			return -1;
		f->cols = p;
		f->capcols = cap;
	}
	struct vcol *c = calloc(1, sizeof *c);
	if (!c)
		return -1;
	c->name = arena_strdup(f->arena, name);
	c->is_child = strcmp(name, "CHILD") == 0;
	c->v = calloc((size_t)(f->cap ? f->cap : 1), sizeof *c->v);
	if (c->is_child && c->v) {
		c->cid = malloc((size_t)(f->cap ? f->cap : 1) * sizeof *c->cid);
		for (long r = 0; c->cid && r < (f->cap ? f->cap : 1); r++)
			c->cid[r] = -1;
	}
	if (!c->name || !c->v || (c->is_child && !c->cid)) {
		free(c->v);
		free(c->cid);
		free(c);
		return -1;
	}
	f->cols[f->ncols] = c;
	return f->ncols++;
}

struct vcol *vframe_col(struct vframe *f, const char *name)
{
	int c = vframe_colno(f, name);
	if (c < 0)
		c = vframe_add_col(f, name);
	return c < 0 ? NULL : f->cols[c];
}

long vframe_add_row(struct vframe *f, long label)
{
	return vframe_add_row_at(f, label, label + 2);
}

/* Columns and row arrays grown to cap rows. */
static int frame_grow(struct vframe *f, long cap)
{
	long *ix = realloc(f->index, (size_t)cap * sizeof *ix);
	if (!ix)
		return -1;
	f->index = ix;
	long *rn = realloc(f->rownum, (size_t)cap * sizeof *rn);
	if (!rn)
		return -1;
	f->rownum = rn;
	for (int c = 0; c < f->ncols; c++) {
		struct vcol *col = f->cols[c];
		const char **v = realloc(col->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		col->v = v;
		if (col->num) {
			unsigned char *n = realloc(col->num, (size_t)cap);
			if (!n)
				return -1;
			col->num = n;
		}
		if (col->cid) {
			long *n = realloc(col->cid, (size_t)cap * sizeof *n);
			if (!n)
				return -1;
			col->cid = n;
		}
		free(col->d);      /* dates are reparsed after rows change */
		col->d = NULL;
	}
	f->cap = cap;
	return 0;
}

int vframe_reserve(struct vframe *f, long nrows)
{
	return nrows > f->cap ? frame_grow(f, nrows) : 0;
}

long vframe_add_row_at(struct vframe *f, long label, long rownum)
{
	if (f->nrows == f->cap && frame_grow(f, f->cap ? f->cap * 2 : 64))
		return -1;
	frame_changed(f);
	long r = f->nrows++;
	f->index[r] = label;
	f->rownum[r] = rownum;
	for (int c = 0; c < f->ncols; c++) {
		f->cols[c]->v[r] = NULL;
		if (f->cols[c]->cid)
			f->cols[c]->cid[r] = -1;
		if (f->cols[c]->num)
			f->cols[c]->num[r] = 0;
		if (f->cols[c]->d) {
			free(f->cols[c]->d);
			f->cols[c]->d = NULL;
		}
	}
	return r;
}

int vframe_set(struct vframe *f, int col, long row, const char *s, size_t len, int numeric)
{
	struct vcol *c = f->cols[col];
	if (f->by_child || f->orders)
		frame_changed(f);
	if (c->cid)
		c->cid[row] = -1;
	if (!s) {
		c->v[row] = NULL;
	} else if (c->is_child && f->intern) {
		long id = -1;
		const char *copy = intern(f->intern, f->arena, s, len, &id);
		if (!copy)
			return -1;
		c->v[row] = copy;
		if (c->cid)
			c->cid[row] = id;
	} else {
		/* a return repeats its codes and dates: each column keeps one copy
		 * of each value, unless most of its values turn out to be distinct */
		if (!c->dict && !(c->dict = calloc(1, sizeof *c->dict)))
			return -1;
		struct vintern *d = c->dict;
		int keep = d->seen < 4096 || d->n * 2 < d->seen;
		long id;
		const char *copy = keep ? intern(d, f->arena, s, len, &id) : arena_strndup(f->arena, s, len);
		if (!copy)
			return -1;
		c->v[row] = copy;
	}
	if (numeric || c->num) {
		if (!c->num) {
			c->num = calloc((size_t)(f->cap ? f->cap : 1), 1);
			if (!c->num)
				return -1;
		}
		c->num[row] = numeric ? 1 : 0;
	}
	free(c->d);
	c->d = NULL;
	return 0;
}

int vdate_parse(const char *s, cf_date *out)
{
	int part[3] = { 0, 0, 0 }, digits[3] = { 0, 0, 0 }, k = 0;
	if (!s)
		return -1;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (++digits[k] > 4)
				return -1;
			part[k] = part[k] * 10 + (*p - '0');
		} else if (*p == '/' && k < 2 && digits[k] > 0) {
			k++;
		} else {
			return -1;
		}
	}
	if (k != 2 || digits[0] > 2 || digits[1] > 2 || digits[2] != 4 || !digits[0] || !digits[1])
		return -1;
	if (!cf_date_valid_ymd(part[2], part[1], part[0]))
		return -1;
	*out = cf_date_from_ymd(part[2], part[1], part[0]);
	return 0;
}

int vdate_parse_zz(const char *s, cf_date *out)
{
	char part[3][8], buf[32];
	int k = 0;
	size_t n = 0;
	if (!s || strlen(s) >= sizeof buf)
		return -1;
	for (const char *p = s;; p++) {
		if (*p == '/' || !*p) {
			if (k == 3 || n >= sizeof part[0])
				return -1;
			part[k][n] = 0;
			k++;
			n = 0;
			if (!*p)
				break;
		} else if (n < sizeof part[0] - 1) {
			part[k < 3 ? k : 2][n++] = *p;
		} else {
			return -1;
		}
	}
	if (k != 3)
		return -1;
	/* the last unknown part decides how far the date is moved on */
	int bump = 0;   /* 1: to the month's last day, 2: to the year's last day */
	if (strcmp(part[0], "ZZ") == 0) {
		snprintf(part[0], sizeof part[0], "01");
		bump = 1;
	}
	if (strcmp(part[1], "ZZ") == 0) {
		snprintf(part[1], sizeof part[1], "01");
		bump = 2;
	}
	if (strcmp(part[2], "ZZZZ") == 0)
		snprintf(part[2], sizeof part[2], "2000");
	snprintf(buf, sizeof buf, "%s/%s/%s", part[0], part[1], part[2]);
	cf_date d;
	if (vdate_parse(buf, &d))
		return -1;
	if (bump == 1)
		d = cf_date_add_months(d, 1) - 1;
	else if (bump == 2)
		d = cf_date_add_years(d, 1) - 1;
	*out = d;
	return 0;
}

cf_date vcol_date(struct vframe *f, struct vcol *c, long row)
{
	if (!c->d) {
		c->d = malloc((size_t)(f->cap ? f->cap : 1) * sizeof *c->d);
		if (!c->d)
			return CF_DATE_NONE;   /* OOM: treated as not a date */
		for (long r = 0; r < f->nrows; r++) {
			cf_date d;
			c->d[r] = (c->v[r] && !(c->num && c->num[r]) && vdate_parse(c->v[r], &d) == 0) ? d : CF_DATE_NONE;
		}
	}
	return c->d[row];
}

int vcol_eq(const struct vcol *c, long row, const char *s)
{
	const char *v = c->v[row];
	if (!v || (c->num && c->num[row]))
		return 0;
	return strcmp(v, s) == 0;
}

int vlist_has(const char *list, const char *s)
{
	size_t n = strlen(s);
	if (!n)
		return 0;
	for (const char *p = list; *p;) {
		while (*p == ' ')
			p++;
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		if ((size_t)(e - p) == n && memcmp(p, s, n) == 0)
			return 1;
		p = e;
	}
	return 0;
}

int vcol_in(const struct vcol *c, long row, const char *list)
{
	const char *v = c->v[row];
	if (!v || (c->num && c->num[row]))
		return 0;
	return vlist_has(list, v);
}

const char *vcol_asstr(const struct vcol *c, long row)
{
	return c->v[row] ? c->v[row] : "nan";
}

int vcol_num(const struct vcol *c, long row, double *out)
{
	const char *v = c->v[row];
	if (!v || !*v)
		return -1;
	char *end;
	double d = strtod(v, &end);
	while (*end == ' ')
		end++;
	if (*end)
		return -1;
	*out = d;
	return 0;
}

static struct vindex *build_index(struct vframe *f)
{
	int c = vframe_colno(f, "CHILD");
	struct vindex *ix = calloc(1, sizeof *ix);
	long n = f->nrows;
	if (!ix)
		return NULL;
	const char **v = c >= 0 ? f->cols[c]->v : NULL;
	const long *known = c >= 0 ? f->cols[c]->cid : NULL;
	ix->nids = f->intern ? f->intern->n : 0;
	ix->next = malloc((size_t)(n ? n : 1) * sizeof *ix->next);
	ix->cid = malloc((size_t)(n ? n : 1) * sizeof *ix->cid);
	ix->by_id = malloc((size_t)(ix->nids ? ix->nids : 1) * sizeof *ix->by_id);
	if (!ix->next || !ix->cid || !ix->by_id) {
		index_free(ix);
		return NULL;
	}
	for (long i = 0; i < ix->nids; i++)
		ix->by_id[i] = -1;
	/* walking backwards, each row becomes its child's first and points on
	 * to the row that was first before it */
	for (long r = n - 1; r >= 0; r--) {
		long id = -1;
		if (v && v[r])
			id = known && known[r] >= 0 ? known[r] : intern_id(f->intern, v[r]);
		ix->cid[r] = id >= 0 && id < ix->nids ? id : -1;
		if (ix->cid[r] >= 0) {
			ix->next[r] = ix->by_id[id];
			ix->by_id[id] = r;
		} else {
			ix->next[r] = -1;
		}
	}
	return ix;
}

static struct vindex *index_of(struct vframe *f)
{
	if (!f->by_child)
		f->by_child = build_index(f);
	return f->by_child;
}

long vframe_child_id(struct vframe *f, long r)
{
	struct vindex *ix = index_of(f);
	return ix && r >= 0 && r < f->nrows ? ix->cid[r] : -1;
}

long vframe_first_of(struct vframe *f, long id)
{
	struct vindex *ix = index_of(f);
	return ix && id >= 0 && id < ix->nids ? ix->by_id[id] : -1;
}

long vframe_next_same(struct vframe *f, long r)
{
	struct vindex *ix = index_of(f);
	return ix && r >= 0 && r < f->nrows ? ix->next[r] : -1;
}

long vframe_find(struct vframe *f, const char *key, long after)
{
	if (!key)
		return -1;
	struct vindex *ix = index_of(f);
	int c = vframe_colno(f, "CHILD");
	if (!ix || c < 0)
		return -1;
	const char **v = f->cols[c]->v;
	if (after >= 0 && after < f->nrows && v[after] && same_str(v[after], key))
		return ix->next[after];
	long id = intern_id(f->intern, key);
	long r = id >= 0 && id < ix->nids ? ix->by_id[id] : -1;
	while (r >= 0 && r <= after)    /* after: a row of another child */
		r = ix->next[r];
	return r;
}

int vframe_has_child(struct vframe *f, const char *key)
{
	return vframe_find(f, key, -1) >= 0;
}

struct order_item {
	const char *child;
	cf_date d, d2;
	long pos;
};

static int order_cmp(const void *pa, const void *pb)
{
	const struct order_item *a = pa, *b = pb;
	if (a->child != b->child) {   /* interned: the same child is the same pointer */
		if (!a->child)
			return 1;
		if (!b->child)
			return -1;
		int c = strcmp(a->child, b->child);
		if (c)
			return c;
	}
	if (a->d != b->d) {
		if (a->d == CF_DATE_NONE)
			return 1;
		if (b->d == CF_DATE_NONE)
			return -1;
		return a->d < b->d ? -1 : 1;
	}
	if (a->d2 != b->d2) {
		if (a->d2 == CF_DATE_NONE)
			return 1;
		if (b->d2 == CF_DATE_NONE)
			return -1;
		return a->d2 < b->d2 ? -1 : 1;
	}
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

long *vframe_order(struct vframe *f, const char *datecol)
{
	return vframe_order2(f, datecol, NULL);
}

struct ranked {
	const char *s;
	long id;
};

static int rank_cmp(const void *pa, const void *pb)
{
	return strcmp(((const struct ranked *)pa)->s, ((const struct ranked *)pb)->s);
}

/* Each child number's place among the dataset's IDs in strcmp order, so
 * that sorting rows by CHILD compares numbers. NULL on OOM. */
static const long *child_ranks(struct vintern *in)
{
	if (in->rank && in->nranked == in->n)
		return in->rank;
	long n = in->n;
	struct ranked *byid = malloc((size_t)(n ? n : 1) * sizeof *byid);
	long *rank = malloc((size_t)(n ? n : 1) * sizeof *rank);
	if (!byid || !rank) {
		free(byid);
		free(rank);
		return NULL;
	}
	for (long k = 0; k < in->nslots; k++)
		if (in->slot[k].s) {
			byid[in->slot[k].id].s = in->slot[k].s;
			byid[in->slot[k].id].id = in->slot[k].id;
		}
	qsort(byid, (size_t)n, sizeof *byid, rank_cmp);
	for (long i = 0; i < n; i++)
		rank[byid[i].id] = i;
	free(byid);
	free(in->rank);
	in->rank = rank;
	in->nranked = n;
	return rank;
}

/* Rows by (CHILD, date, date2, position), as order_cmp sorts them: rows are
 * put in buckets by the child's rank (missing CHILD last), in row order,
 * then each child's few rows are sorted by their dates. */
static int order_by_rank(struct vframe *f, struct order_item *it, const cf_date *d, const cf_date *d2)
{
	long n = f->nrows, nk = f->intern ? f->intern->n : 0;
	struct vindex *ix = index_of(f);
	const long *rank = f->intern ? child_ranks(f->intern) : NULL;
	long *start = calloc((size_t)nk + 2, sizeof *start), *key = malloc((size_t)(n ? n : 1) * sizeof *key);
	int cc = vframe_colno(f, "CHILD");
	if (!ix || !rank || !start || !key || cc < 0) {
		free(start);
		free(key);
		return -1;
	}
	const char **cv = (const char **)f->cols[cc]->v;
	for (long r = 0; r < n; r++) {
		if (!cv[r])
			key[r] = nk;
		else if (ix->cid[r] >= 0 && ix->cid[r] < nk)
			key[r] = rank[ix->cid[r]];
		else {           /* a CHILD value not interned: not this path */
			free(start);
			free(key);
			return -1;
		}
		start[key[r] + 1]++;
	}
	for (long k = 0; k <= nk; k++)
		start[k + 1] += start[k];
	for (long r = 0; r < n; r++) {
		struct order_item *e = &it[start[key[r]]++];
		e->child = cv[r];
		e->d = d ? d[r] : 0;
		e->d2 = d2 ? d2[r] : 0;
		e->pos = r;
	}
	/* start[k] is now the end of bucket k; within a bucket rows are in
	 * position order, so a stable insertion sort by dates keeps ties so */
	for (long k = 0, b = 0; k <= nk; b = start[k++]) {
		long e = start[k];
		if (e - b > 32) {
			qsort(it + b, (size_t)(e - b), sizeof *it, order_cmp);
			continue;
		}
		for (long i = b + 1; i < e; i++) {
			struct order_item x = it[i];
			long j = i;
			while (j > b && order_cmp(&it[j - 1], &x) > 0) {
				it[j] = it[j - 1];
				j--;
			}
			it[j] = x;
		}
	}
	free(start);
	free(key);
	return 0;
}

static long *order_sort(struct vframe *f, const char *datecol, const char *datecol2)
{
	long n = f->nrows;
	struct order_item *it = malloc((size_t)(n ? n : 1) * sizeof *it);
	long *out = malloc((size_t)(n ? n : 1) * sizeof *out);
	struct vcol *cc = vframe_col(f, "CHILD");
	struct vcol *dc = datecol ? vframe_col(f, datecol) : NULL;
	struct vcol *dc2 = datecol2 ? vframe_col(f, datecol2) : NULL;
	if (!it || !out || !cc || (datecol && !dc) || (datecol2 && !dc2)) {
		free(it);
		free(out);
		return NULL;
	}
	if (dc && n)
		vcol_date(f, dc, 0);   /* parses the column once */
	if (dc2 && n)
		vcol_date(f, dc2, 0);
	if (!n || (dc && !dc->d) || (dc2 && !dc2->d) ||   /* no dates parsed: OOM */
	    order_by_rank(f, it, dc ? dc->d : NULL, dc2 ? dc2->d : NULL)) {
		for (long r = 0; r < n; r++) {
			it[r].child = cc->v[r];
			it[r].d = dc ? vcol_date(f, dc, r) : 0;
			it[r].d2 = dc2 ? vcol_date(f, dc2, r) : 0;
			it[r].pos = r;
		}
		qsort(it, (size_t)n, sizeof *it, order_cmp);
	}
	for (long r = 0; r < n; r++)
		out[r] = it[r].pos;
	free(it);
	return out;
}

long *vframe_order2(struct vframe *f, const char *datecol, const char *datecol2)
{
	long n = f->nrows;
	char key[256];
	snprintf(key, sizeof key, "%s\t%s", datecol ? datecol : "", datecol2 ? datecol2 : "");
	struct vorder *o = f->orders;
	const long *kept = NULL;
	for (int i = 0; o && i < o->n && !kept; i++)
		if (strcmp(o->e[i].key, key) == 0)
			kept = o->e[i].order;
	if (!kept) {
		long *fresh = order_sort(f, datecol, datecol2);
		if (!fresh)
			return NULL;
		/* computing the order may have added a missing column: rows are unchanged */
		if (!f->orders)
			f->orders = calloc(1, sizeof *f->orders);
		o = f->orders;
		char *k = o && o->n < VORDER_MAX ? strdup(key) : NULL;
		if (!k)
			return fresh;    /* not kept: the caller owns this one */
		o->e[o->n].key = k;
		o->e[o->n].order = fresh;
		o->n++;
		kept = fresh;
	}
	long *out = malloc((size_t)(n ? n : 1) * sizeof *out);
	if (out)
		memcpy(out, kept, (size_t)n * sizeof *out);
	return out;
}
