/* Row predicates over one table, with columns of the child's Header (or
 * other table's) first row joined on CHILD: the pattern most rules are. */
#include "analyses/validate_patterns.h"

#include <stdlib.h>
#include <string.h>

#define MAXJOIN 4

/* An expression resolved against one frame: columns found once. */
struct vxr {
	const struct vx *x;
	struct vframe *f;             /* frame the column values come from */
	struct vcol *c, *c2;
	int join, join2;              /* -1: the tested frame; else index into joins */
	int ljoin, rjoin;
	struct vcol *lc, *rc;
	struct vframe *lf, *rf;
	struct vxr **args;
	int nargs;
};

struct ctx {
	struct vrun *run;
	struct vframe *f;
	int njoins;
	struct vframe *jf[MAXJOIN];
	long *jmap[MAXJOIN];          /* row of f -> first row of jf with its CHILD, or -1 */
	struct arena a;
	int oom;
};

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
	char name[64];
	size_t n = (size_t)(colon - spec);
	if (n >= sizeof name)
		n = sizeof name - 1;
	memcpy(name, spec, n);
	name[n] = 0;
	struct vframe *jf = vdata_frame(cx->run->vd, name);
	int j;
	for (j = 0; j < cx->njoins; j++)
		if (strcmp(cx->jf[j] ? cx->jf[j]->name : "", name) == 0)
			break;
	if (j == cx->njoins) {
		if (cx->njoins == MAXJOIN) {
			cx->oom = 1;
			return -1;
		}
		cx->jf[j] = jf;
		cx->jmap[j] = NULL;
		cx->njoins++;
		if (jf) {
			long *m = malloc((size_t)(cx->f->nrows ? cx->f->nrows : 1) * sizeof *m);
			struct vcol *cc = vframe_col(cx->f, "CHILD");
			if (!m || !cc) {
				free(m);
				cx->oom = 1;
				return -1;
			}
			for (long r = 0; r < cx->f->nrows; r++)
				m[r] = vframe_find(jf, cc->v[r], -1);
			cx->jmap[j] = m;
		}
	}
	*fr = jf;
	*col = jf ? vframe_col(jf, colon + 1) : NULL;
	if (jf && !*col)
		cx->oom = 1;
	return j;
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
	default: {
		struct vframe *f2 = NULL;
		n->join = resolve_col(cx, x->col, &n->f, &n->c);
		if (x->col2)
			n->join2 = resolve_col(cx, x->col2, &f2, &n->c2);
		break;
	}
	}
	return cx->oom ? NULL : n;
}

/* Row of the column's frame for tested row r, or -1 when the child has none. */
static inline long jrow(const struct ctx *cx, int join, long r)
{
	if (join < 0)
		return r;
	return cx->jmap[join] ? cx->jmap[join][r] : -1;
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
	case VX_IN:
		return vcol_in(c, jr, x->list);
	case VX_INS:
		return vlist_has(x->list, vcol_asstr(c, jr));
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

int vx_eval_frame(struct vrun *run, struct vframe *f, const struct vx *expr, unsigned char *hit)
{
	struct ctx cx;
	memset(&cx, 0, sizeof cx);
	cx.run = run;
	cx.f = f;
	arena_init(&cx.a, 4096);
	struct vxr *root = resolve(&cx, expr);
	int rc = 0;
	if (!root || cx.oom)
		rc = -1;
	else
		for (long r = 0; r < f->nrows; r++)
			hit[r] = (unsigned char)eval(&cx, root, r);
	for (int j = 0; j < cx.njoins; j++)
		free(cx.jmap[j]);
	arena_release(&cx.a);
	return rc;
}

int vp_rows(struct vrun *run)
{
	const struct vrule *rule = run->rule;
	char name[64];
	const char *src = rule->arg ? (const char *)rule->arg : rule->tables;
	size_t n = strcspn(src, " ");
	if (n >= sizeof name)
		n = sizeof name - 1;
	memcpy(name, src, n);
	name[n] = 0;
	struct vframe *f = vrun_frame(run, name);
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
