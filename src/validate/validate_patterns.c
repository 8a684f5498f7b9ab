/* Row predicates over one table, with columns of the child's rows in other
 * tables (joined on CHILD), of the rows before and after it in the child's
 * date order, and per-child counts and first/last rows: the pattern most
 * rules are. Columns are resolved once per rule run, then rows evaluated. */
#include "validate/validate_patterns.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXJOIN 8

/* A code list (VX_IN and kin) made into a hash set once per rule run:
 * looking a value up no longer scans the space-separated list per row. */
struct vset {
	unsigned long mask;           /* slots - 1, a power of two less one */
	const char **word;            /* per slot: the word's start in the list, NULL = empty */
	size_t *len;
};

/* An expression resolved against one frame: columns found once. */
struct vxr {
	const struct vx *x;
	struct vframe *f;             /* frame the column values come from */
	struct vcol *c, *c2;
	struct vframe *f2;
	int join, join2;              /* -1: the tested frame; else index into joins */
	int ljoin, rjoin;
	struct vcol *lc, *rc;
	struct vframe *lf, *rf;
	struct vxr **args;
	int nargs;
	struct vset *set;             /* VX_IN, VX_INS, VX_INU: x->list */
	unsigned char *mark;          /* VX_FIRST: per row of f, 1 for the chosen rows */
	long *count;                  /* VX_COUNT: per row of f, the child's matching rows */
};

struct join {
	char name[64];                /* "Header", "-1" */
	struct vframe *jf;
	long *map;                    /* row of the tested frame -> row of jf, or -1 */
};

struct ctx {
	struct vrun *run;
	struct vframe *f;
	int njoins;
	struct join j[MAXJOIN];
	long *order, *pos;            /* the tested frame in child/date order, and each row's place */
	int pair_join;                /* join that is the paired table (vp_pairs), or -1 */
	long pair_row;
	struct arena a;
	int oom;
};

/* CHILD values are interned: different pointers are different children. */
static int same_child(const struct vcol *cc, long a, long b)
{
	const char *x = cc->v[a], *y = cc->v[b];
	if (!x || !y)
		return 0;
	return x == y || (!cc->is_child && strcmp(x, y) == 0);
}

/* The join for prefix name ("Header", "-1"), made on first use. */
static int join_for(struct ctx *cx, const char *name, size_t n)
{
	int j;
	for (j = 0; j < cx->njoins; j++)
		if (strlen(cx->j[j].name) == n && memcmp(cx->j[j].name, name, n) == 0)
			return j;
	if (cx->njoins == MAXJOIN || n >= sizeof cx->j[0].name) {
		cx->oom = 1;
		return -1;
	}
	struct join *jn = &cx->j[cx->njoins];
	memcpy(jn->name, name, n);
	jn->name[n] = 0;
	jn->map = NULL;
	long nr = cx->f->nrows;
	struct vcol *cc = vframe_col(cx->f, "CHILD");
	if (!cc) {
		cx->oom = 1;
		return -1;
	}
	if (name[0] == '-' || name[0] == '+') {
		int k = atoi(name);   /* "+1" -> 1, "-2" -> -2 */
		jn->jf = cx->f;
		if (!cx->order) {
			/* rule->order: "SW_DECOM", or two columns "SW_DECOM SW_DEC" */
			const char *oc = cx->run->rule && cx->run->rule->order ? cx->run->rule->order : "DECOM";
			char c1[64], c2[64] = "";
			size_t l1 = strcspn(oc, " ");
			snprintf(c1, sizeof c1, "%.*s", (int)l1, oc);
			if (oc[l1])
				snprintf(c2, sizeof c2, "%s", oc + l1 + 1);
			cx->order = vframe_order2(cx->f, c1, c2[0] ? c2 : NULL);
			cx->pos = malloc((size_t)(nr ? nr : 1) * sizeof *cx->pos);
			if (!cx->order || !cx->pos) {
				cx->oom = 1;
				return -1;
			}
			for (long i = 0; i < nr; i++)
				cx->pos[cx->order[i]] = i;
		}
		long *m = malloc((size_t)(nr ? nr : 1) * sizeof *m);
		if (!m) {
			cx->oom = 1;
			return -1;
		}
		for (long r = 0; r < nr; r++) {
			long p = cx->pos[r] + k;
			m[r] = p >= 0 && p < nr && same_child(cc, r, cx->order[p]) ? cx->order[p] : -1;
		}
		jn->map = m;
	} else {
		jn->jf = vdata_frame(cx->run->vd, jn->name);
		if (jn->jf) {
			long *m = malloc((size_t)(nr ? nr : 1) * sizeof *m);
			if (!m) {
				cx->oom = 1;
				return -1;
			}
			for (long r = 0; r < nr; r++)
				m[r] = vframe_first_of(jn->jf, vframe_child_id(cx->f, r));
			jn->map = m;
		}
	}
	return cx->njoins++;
}

/* "Header:DOB" -> frame Header, column DOB; returns join number or -1 for f. */
static int resolve_col(struct ctx *cx, const char *spec, struct vframe **fr, struct vcol **col)
{
	const char *colon = spec ? strchr(spec, ':') : NULL;
	if (!spec) {
		*fr = NULL;
		*col = NULL;
		return -1;
	}
	if (!colon) {
		*fr = cx->f;
		*col = vframe_col(cx->f, spec);
		if (!*col)
			cx->oom = 1;
		return -1;
	}
	int j = join_for(cx, spec, (size_t)(colon - spec));
	if (j < 0)
		return -1;
	struct vframe *jf = cx->j[j].jf;
	*fr = jf;
	*col = jf ? vframe_col(jf, colon + 1) : NULL;
	if (jf && !*col)
		cx->oom = 1;
	return j;
}

/* VX_FIRST: per row of f, 1 where the row has its child's earliest (latest)
 * date among rows where filter holds; ties go to the first row. */
static unsigned char *first_marks(struct ctx *cx, struct vframe *f, struct vcol *dc, const struct vx *filter,
				  int latest)
{
	long n = f->nrows;
	unsigned char *keep = malloc((size_t)(n ? n : 1)), *mark = arena_alloc(&cx->a, (size_t)(n ? n : 1));
	struct vcol *cc = vframe_col(f, "CHILD");
	long *order = vframe_order(f, dc->name);
	if (!keep || !mark || !cc || !order || (filter && vx_eval_frame(cx->run, f, filter, keep))) {
		free(keep);
		free(order);
		cx->oom = 1;
		return NULL;
	}
	if (!filter)
		memset(keep, 1, (size_t)n);
	memset(mark, 0, (size_t)(n ? n : 1));
	for (long i = 0; i < n;) {
		long e = i + 1;
		while (e < n && same_child(cc, order[i], order[e]))
			e++;
		long best = -1;
		cf_date bd = CF_DATE_NONE;
		if (cc->v[order[i]])
			for (long k = i; k < e; k++) {
				long r = order[k];
				cf_date d = vcol_date(f, dc, r);
				if (!keep[r] || d == CF_DATE_NONE)
					continue;
				if (best < 0 || (latest ? d > bd : d < bd) || (d == bd && r < best)) {
					best = r;
					bd = d;
				}
			}
		if (best >= 0)
			mark[best] = 1;
		i = e;
	}
	free(keep);
	free(order);
	return mark;
}

/* VX_COUNT: per row of f, how many of its child's rows satisfy e. */
static long *child_counts(struct ctx *cx, struct vframe *f, const struct vx *e)
{
	long n = f->nrows;
	unsigned char *hit = malloc((size_t)(n ? n : 1));
	long *cnt = arena_alloc(&cx->a, (size_t)(n ? n : 1) * sizeof *cnt);
	struct vcol *cc = vframe_col(f, "CHILD");
	long *order = vframe_order(f, NULL);
	if (!hit || !cnt || !cc || !order || vx_eval_frame(cx->run, f, e, hit)) {
		free(hit);
		free(order);
		cx->oom = 1;
		return NULL;
	}
	for (long i = 0; i < n;) {
		long k = i + 1, sum = hit[order[i]];
		while (k < n && same_child(cc, order[i], order[k]))
			sum += hit[order[k++]];
		for (long m = i; m < k; m++)
			cnt[order[m]] = cc->v[order[m]] ? sum : 0;
		i = k;
	}
	free(hit);
	free(order);
	return cnt;
}

static unsigned long set_hash(const char *s, size_t n)
{
	unsigned long h = 1469598103934665603UL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211UL;
	return h;
}

/* The words of list (separated by spaces) as a set, in cx's arena. */
static struct vset *set_make(struct ctx *cx, const char *list)
{
	size_t nwords = 0;
	for (const char *p = list; *p; p++)
		if (*p != ' ' && (p == list || p[-1] == ' '))
			nwords++;
	unsigned long slots = 8;
	while (slots < nwords * 2)
		slots *= 2;
	struct vset *set = arena_alloc(&cx->a, sizeof *set);
	const char **word = arena_alloc(&cx->a, slots * sizeof *word);
	size_t *len = arena_alloc(&cx->a, slots * sizeof *len);
	if (!set || !word || !len) {
		cx->oom = 1;
		return NULL;
	}
	memset(word, 0, slots * sizeof *word);
	set->mask = slots - 1;
	set->word = word;
	set->len = len;
	for (const char *p = list; *p;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (!n)
			break;
		unsigned long k = set_hash(p, n) & set->mask;
		while (word[k] && !(len[k] == n && memcmp(word[k], p, n) == 0))
			k = (k + 1) & set->mask;
		word[k] = p;
		len[k] = n;
		p += n;
	}
	return set;
}

/* As vlist_has(list, s). */
static int set_has(const struct vset *set, const char *s)
{
	size_t n = strlen(s);
	if (!n)
		return 0;
	for (unsigned long k = set_hash(s, n) & set->mask; set->word[k]; k = (k + 1) & set->mask)
		if (set->len[k] == n && memcmp(set->word[k], s, n) == 0)
			return 1;
	return 0;
}

static struct vxr *resolve(struct ctx *cx, const struct vx *x)
{
	struct vxr *n = arena_alloc(&cx->a, sizeof *n);
	if (!n) {
		cx->oom = 1;
		return NULL;
	}
	memset(n, 0, sizeof *n);
	n->x = x;
	n->join = n->join2 = n->ljoin = n->rjoin = -1;
	switch (x->op) {
	case VX_AND:
	case VX_OR:
	case VX_NOT:
		while (x->args[n->nargs])
			n->nargs++;
		n->args = arena_alloc(&cx->a, (size_t)n->nargs * sizeof *n->args);
		if (!n->args) {
			cx->oom = 1;
			return NULL;
		}
		for (int i = 0; i < n->nargs; i++)
			if (!(n->args[i] = resolve(cx, x->args[i])))
				return NULL;
		break;
	case VX_DCMP:
		if (x->l->src == VD_COL || x->l->src == VD_COL_OR_END)
			n->ljoin = resolve_col(cx, x->l->col, &n->lf, &n->lc);
		if (x->r->src == VD_COL || x->r->src == VD_COL_OR_END)
			n->rjoin = resolve_col(cx, x->r->col, &n->rf, &n->rc);
		break;
	case VX_FN:
		break;
	case VX_FIRST:
		n->join = resolve_col(cx, x->col, &n->f, &n->c);
		if (n->f && n->c)
			n->mark = first_marks(cx, n->f, n->c, x->args ? x->args[0] : NULL, x->cmp == VX_GT);
		break;
	case VX_COUNT:
		n->join = resolve_col(cx, x->col, &n->f, &n->c);
		if (n->f)
			n->count = child_counts(cx, n->f, x->args[0]);
		break;
	default:
		n->join = resolve_col(cx, x->col, &n->f, &n->c);
		if (x->col2)
			n->join2 = resolve_col(cx, x->col2, &n->f2, &n->c2);
		if (x->op == VX_IN || x->op == VX_INS || x->op == VX_INU)
			n->set = set_make(cx, x->list);
		break;
	}
	return cx->oom ? NULL : n;
}

/* Row of the column's frame for tested row r, or -1 when the child has none. */
static inline long jrow(const struct ctx *cx, int join, long r)
{
	if (join < 0)
		return r;
	if (join == cx->pair_join)
		return cx->pair_row;
	return cx->j[join].map ? cx->j[join].map[r] : -1;
}

static cf_date term_date(const struct ctx *cx, const struct vdterm *t, int join, struct vframe *f,
			 struct vcol *c, long r)
{
	cf_date d;
	if (t->src == VD_YMD)
		return cf_date_from_ymd(t->years, t->months, t->days);
	if (t->src == VD_START)
		d = cx->run->vd->meta.collection_start;
	else if (t->src == VD_END)
		d = cx->run->vd->meta.collection_end;
	else {
		long jr = jrow(cx, join, r);
		if (jr < 0 || !f || !c)
			return CF_DATE_NONE;
		if (t->src == VD_COL_OR_END && !c->v[jr])
			d = cx->run->vd->meta.collection_end;
		else
			d = vcol_date(f, c, jr);
	}
	if (d == CF_DATE_NONE)
		return d;
	if (t->years)
		d = cf_date_add_years(d, t->years);
	if (t->months)
		d = cf_date_add_months(d, t->months);
	return d + t->days;
}

static int cmp_holds(enum vx_cmp op, double a, double b)
{
	switch (op) {
	case VX_LT: return a < b;
	case VX_LE: return a <= b;
	case VX_GT: return a > b;
	case VX_GE: return a >= b;
	case VX_EQ: return a == b;
	case VX_NE: return a != b;
	}
	return 0;
}

static int in_upper(const struct vset *set, const char *v)
{
	char buf[64];
	size_t i;
	for (i = 0; v[i] && i < sizeof buf - 1; i++)
		buf[i] = (char)toupper((unsigned char)v[i]);
	buf[i] = 0;
	return !v[i] && set_has(set, buf);
}

static int eval(const struct ctx *cx, const struct vxr *n, long r)
{
	const struct vx *x = n->x;
	switch (x->op) {
	case VX_AND:
		for (int i = 0; i < n->nargs; i++)
			if (!eval(cx, n->args[i], r))
				return 0;
		return 1;
	case VX_OR:
		for (int i = 0; i < n->nargs; i++)
			if (eval(cx, n->args[i], r))
				return 1;
		return 0;
	case VX_NOT:
		return !eval(cx, n->args[0], r);
	case VX_DCMP: {
		cf_date a = term_date(cx, x->l, n->ljoin, n->lf, n->lc, r);
		cf_date b = term_date(cx, x->r, n->rjoin, n->rf, n->rc, r);
		if (a == CF_DATE_NONE || b == CF_DATE_NONE)
			return 0;
		return cmp_holds(x->cmp, a, b);
	}
	case VX_FN:
		return x->fn(cx->run, cx->f, r);
	case VX_HAS:
		return jrow(cx, n->join, r) >= 0;
	case VX_FIRST: {
		long jr = jrow(cx, n->join, r);
		return jr >= 0 && n->mark && n->mark[jr];
	}
	case VX_COUNT: {
		long jr = jrow(cx, n->join, r);
		return cmp_holds(x->cmp, jr >= 0 && n->count ? (double)n->count[jr] : 0, x->num);
	}
	case VX_SAMESTR: {
		long a = jrow(cx, n->join, r), b = jrow(cx, n->join2, r);
		const char *va = a >= 0 && n->c ? vcol_asstr(n->c, a) : "nan";
		const char *vb = b >= 0 && n->c2 ? vcol_asstr(n->c2, b) : "nan";
		return x->num ? strcasecmp(va, vb) == 0 : strcmp(va, vb) == 0;
	}
	case VX_NUMDIFF: {
		long a = jrow(cx, n->join, r), b = jrow(cx, n->join2, r);
		double va, vb;
		if (a < 0 || b < 0 || !n->c || !n->c2 || vcol_num(n->c, a, &va) || vcol_num(n->c2, b, &vb))
			return 0;
		return cmp_holds(x->cmp, va > vb ? va - vb : vb - va, x->num);
	}
	case VX_SAMEDATE: {
		long a = jrow(cx, n->join, r), b = jrow(cx, n->join2, r);
		cf_date da = a >= 0 && n->c ? vcol_date(n->f, n->c, a) : CF_DATE_NONE;
		cf_date db = b >= 0 && n->c2 ? vcol_date(n->f2, n->c2, b) : CF_DATE_NONE;
		return da == db;
	}
	default:
		break;
	}
	long jr = jrow(cx, n->join, r);
	if (jr < 0 || !n->c)    /* no joined row: every value of it is missing */
		return x->op == VX_NA || x->op == VX_DATE_BAD;
	const struct vcol *c = n->c;
	switch (x->op) {
	case VX_NA:
		return c->v[jr] == NULL;
	case VX_IN:   /* as vcol_in */
		return c->v[jr] && !(c->num && c->num[jr]) && set_has(n->set, c->v[jr]);
	case VX_INU:
		return c->v[jr] && !(c->num && c->num[jr]) && in_upper(n->set, c->v[jr]);
	case VX_INS:
		return set_has(n->set, vcol_asstr(c, jr));
	case VX_INNUM: {
		double v;
		if (vcol_num(c, jr, &v))
			return 0;
		for (const char *p = x->list; *p;) {
			char *end;
			double w = strtod(p, &end);
			if (end == p)
				break;
			if (w == v)
				return 1;
			p = end;
		}
		return 0;
	}
	case VX_EQCOL: {
		long jr2 = jrow(cx, n->join2, r);
		if (jr2 < 0 || !n->c2 || !c->v[jr] || !n->c2->v[jr2])
			return 0;
		return strcmp(c->v[jr], n->c2->v[jr2]) == 0;
	}
	case VX_DATE_BAD:
		return vcol_date(n->f, n->c, jr) == CF_DATE_NONE;
	case VX_NUMCMP: {
		double v;
		if (vcol_num(c, jr, &v))
			return 0;
		return cmp_holds(x->cmp, v, x->num);
	}
	default:
		return 0;
	}
}

static void ctx_init(struct ctx *cx, struct vrun *run, struct vframe *f)
{
	memset(cx, 0, sizeof *cx);
	cx->run = run;
	cx->f = f;
	cx->pair_join = -1;
	arena_init(&cx->a, 4096);
}

static void ctx_release(struct ctx *cx)
{
	for (int j = 0; j < cx->njoins; j++)
		free(cx->j[j].map);
	free(cx->order);
	free(cx->pos);
	arena_release(&cx->a);
}

int vx_eval_frame(struct vrun *run, struct vframe *f, const struct vx *expr, unsigned char *hit)
{
	struct ctx cx;
	ctx_init(&cx, run, f);
	struct vxr *root = resolve(&cx, expr);
	int rc = 0;
	if (!root || cx.oom)
		rc = -1;
	else
		for (long r = 0; r < f->nrows; r++)
			hit[r] = (unsigned char)eval(&cx, root, r);
	ctx_release(&cx);
	return rc;
}

/* The first word of s (a table list) into buf. */
static const char *first_word(const char *s, char *buf, size_t sz)
{
	size_t n = strcspn(s, " ");
	if (n >= sz)
		n = sz - 1;
	memcpy(buf, s, n);
	buf[n] = 0;
	return buf;
}

int vp_rows(struct vrun *run)
{
	const struct vrule *rule = run->rule;
	char name[64];
	struct vframe *f = vrun_frame(run, first_word(rule->arg ? (const char *)rule->arg : rule->tables, name,
						      sizeof name));
	if (!f)
		return VCHECK_SKIP;
	unsigned char *hit = malloc((size_t)(f->nrows ? f->nrows : 1));
	if (!hit)
		return VCHECK_OOM;
	int rc = vx_eval_frame(run, f, rule->expr, hit);
	for (long r = 0; r < f->nrows && !rc; r++)
		if (hit[r] && vrun_flag(run, f, r))
			rc = -1;
	free(hit);
	return rc ? VCHECK_OOM : VCHECK_RAN;
}

int vp_pairs(struct vrun *run)
{
	const struct vrule *rule = run->rule;
	char name[64];
	struct vframe *f = vrun_frame(run, first_word(rule->arg ? (const char *)rule->arg : rule->tables, name,
						      sizeof name));
	struct vframe *pf = vrun_frame(run, rule->pair);
	if (!f || !pf)
		return VCHECK_SKIP;
	int flag_f = vlist_has(rule->tables, f->name), flag_p = vlist_has(rule->tables, pf->name);
	struct ctx cx;
	ctx_init(&cx, run, f);
	cx.pair_join = join_for(&cx, rule->pair, strlen(rule->pair));
	struct vxr *root = cx.oom ? NULL : resolve(&cx, rule->expr);
	struct vcol *cc = vframe_col(f, "CHILD");
	int rc = !root || cx.oom || !cc ? -1 : 0;
	for (long r = 0; !rc && r < f->nrows; r++) {
		int paired = 0;
		for (long p = vframe_first_of(pf, vframe_child_id(f, r)); p >= 0 && !rc; p = vframe_next_same(pf, p)) {
			paired = 1;
			cx.pair_row = p;
			if (eval(&cx, root, r))
				rc = (flag_f && vrun_flag(run, f, r)) || (flag_p && vrun_flag(run, pf, p));
		}
		if (!paired && !rule->pair_inner && !rc) {
			cx.pair_row = -1;
			if (eval(&cx, root, r))
				rc = flag_f && vrun_flag(run, f, r);
		}
	}
	ctx_release(&cx);
	return rc ? VCHECK_OOM : VCHECK_RAN;
}
