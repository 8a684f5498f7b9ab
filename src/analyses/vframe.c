/* Validator frames: growing columns of raw values, strict date parsing and
 * a hash index on CHILD for the joins the rules make. */
#include "analyses/vframe.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vindex {
	long nbuckets;     /* power of two */
	long *head;        /* first row per bucket, -1 when empty */
	long *next;        /* next row in the same bucket, ascending */
};

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
		free(f->cols[c]);
	}
	free(f->cols);
	free(f->index);
	free(f->rownum);
	if (f->by_child) {
		free(f->by_child->head);
		free(f->by_child->next);
		free(f->by_child);
	}
	free(f);
}

void vdata_release(struct vdata *vd)
{
	for (int i = 0; i < vd->nframes; i++)
		frame_free(vd->frames[i]);
	vd->nframes = 0;
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

int vframe_colno(const struct vframe *f, const char *name)
{
	for (int c = 0; c < f->ncols; c++)
		if (strcmp(f->cols[c]->name, name) == 0)
			return c;
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
	c->v = calloc((size_t)(f->cap ? f->cap : 1), sizeof *c->v);
	if (!c->name || !c->v) {
		free(c->v);
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

long vframe_add_row_at(struct vframe *f, long label, long rownum)
{
	if (f->nrows == f->cap) {
		long cap = f->cap ? f->cap * 2 : 64;
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
			free(col->d);      /* dates are reparsed after rows change */
			col->d = NULL;
		}
		f->cap = cap;
	}
	long r = f->nrows++;
	f->index[r] = label;
	f->rownum[r] = rownum;
	for (int c = 0; c < f->ncols; c++) {
		f->cols[c]->v[r] = NULL;
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
	if (!s) {
		c->v[row] = NULL;
	} else {
		char *copy = arena_strndup(f->arena, s, len);
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

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct vindex *build_index(struct vframe *f)
{
	int c = vframe_colno(f, "CHILD");
	struct vindex *ix = calloc(1, sizeof *ix);
	if (!ix)
		return NULL;
	ix->nbuckets = 16;
	while (ix->nbuckets < f->nrows * 2)
		ix->nbuckets *= 2;
	ix->head = malloc((size_t)ix->nbuckets * sizeof *ix->head);
	ix->next = malloc((size_t)(f->nrows ? f->nrows : 1) * sizeof *ix->next);
	if (!ix->head || !ix->next) {
		free(ix->head);
		free(ix->next);
		free(ix);
		return NULL;
	}
	for (long b = 0; b < ix->nbuckets; b++)
		ix->head[b] = -1;
	for (long r = f->nrows - 1; r >= 0; r--) {
		ix->next[r] = -1;
		const char *v = c >= 0 ? f->cols[c]->v[r] : NULL;
		if (!v)
			continue;
		long b = (long)(hash_str(v) & (uint64_t)(ix->nbuckets - 1));
		ix->next[r] = ix->head[b];
		ix->head[b] = r;
	}
	return ix;
}

long vframe_find(struct vframe *f, const char *key, long after)
{
	if (!key)
		return -1;
	if (!f->by_child && !(f->by_child = build_index(f)))
		return -1;
	int c = vframe_colno(f, "CHILD");
	if (c < 0)
		return -1;
	const char **v = f->cols[c]->v;
	long r = after < 0 ? f->by_child->head[hash_str(key) & (uint64_t)(f->by_child->nbuckets - 1)]
			   : f->by_child->next[after];
	while (r >= 0 && strcmp(v[r], key) != 0)
		r = f->by_child->next[r];
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
	if (a->child != b->child) {
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

long *vframe_order2(struct vframe *f, const char *datecol, const char *datecol2)
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
	for (long r = 0; r < n; r++) {
		it[r].child = cc->v[r];
		it[r].d = dc ? vcol_date(f, dc, r) : 0;
		it[r].d2 = dc2 ? vcol_date(f, dc2, r) : 0;
		it[r].pos = r;
	}
	qsort(it, (size_t)n, sizeof *it, order_cmp);
	for (long r = 0; r < n; r++)
		out[r] = it[r].pos;
	free(it);
	return out;
}
