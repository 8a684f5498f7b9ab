/* Helpers the hand-written rule checks share: per-child groups ordered by
 * date, and the first or last row per child as pandas' idxmin/idxmax. */
#include <stdlib.h>
#include <string.h>

#include "validate/rules.h"

cf_date vh_date(struct vframe *f, const char *col, long r)
{
	struct vcol *c = vframe_col(f, col);
	return c ? vcol_date(f, c, r) : CF_DATE_NONE;
}

const char *vh_str(struct vframe *f, const char *col, long r)
{
	struct vcol *c = vframe_col(f, col);
	return c ? c->v[r] : NULL;
}

int vgroups_init(struct vgroups *g, struct vframe *f, const char *datecol)
{
	memset(g, 0, sizeof *g);
	g->order = vframe_order(f, datecol);
	g->start = malloc((size_t)(f->nrows + 1) * sizeof *g->start);
	struct vcol *cc = vframe_col(f, "CHILD");
	if (!g->order || !g->start || !cc) {
		vgroups_release(g);
		return -1;
	}
	for (long i = 0; i < f->nrows; i++) {
		const char *c = cc->v[g->order[i]];
		const char *p = i ? cc->v[g->order[i - 1]] : NULL;
		/* CHILD values are interned: different pointers, different children */
		if (i == 0 || (c != p && (!c || !p || cc->is_child || strcmp(c, p) != 0)))
			g->start[g->ngroups++] = i;
	}
	g->start[g->ngroups] = f->nrows;
	return 0;
}

void vgroups_release(struct vgroups *g)
{
	free(g->order);
	free(g->start);
	memset(g, 0, sizeof *g);
}

unsigned char *vh_first_per_child(struct vframe *f, const char *datecol, int latest,
				  int (*keep)(struct vframe *f, long row))
{
	unsigned char *out = calloc((size_t)(f->nrows ? f->nrows : 1), 1);
	struct vcol *cc = vframe_col(f, "CHILD");
	struct vcol *dc = vframe_col(f, datecol);
	if (!out || !cc || !dc) {
		free(out);
		return NULL;
	}
	for (long r = 0; r < f->nrows; r++) {
		const char *child = cc->v[r];
		if (!child || (keep && !keep(f, r)))
			continue;
		/* the first row of this child (among kept rows) decides for all */
		long first = vframe_first_of(f, vframe_child_id(f, r));
		while (first >= 0 && keep && !keep(f, first))
			first = vframe_next_same(f, first);
		if (first != r)
			continue;
		long best = -1;
		cf_date bd = CF_DATE_NONE;
		for (long s = r; s >= 0; s = vframe_next_same(f, s)) {
			if (keep && !keep(f, s))
				continue;
			cf_date d = vcol_date(f, dc, s);
			if (d == CF_DATE_NONE)
				continue;
			if (best < 0 || (latest ? d > bd : d < bd)) {
				best = s;
				bd = d;
			}
		}
		if (best >= 0)
			out[best] = 1;
	}
	return out;
}

/* DfE's "looked after continuously for 12 months" at the collection end:
 * some episode in the year, and none that starts a period of care (RNE S)
 * after the collection start, ends one (REC not X1) within the year, or is
 * respite (V3/V4) in the year. */
struct cla_cols {
	struct vcol *decom, *dec, *rne, *rec, *ls;
};

static int cla_child(struct vrun *run, struct vframe *ep, const struct cla_cols *k, long child_id)
{
	cf_date cs = run->vd->meta.collection_start, ce = run->vd->meta.collection_end;
	struct vcol *decom = k->decom, *dec = k->dec, *rne = k->rne, *rec = k->rec, *ls = k->ls;
	int in_year = 0, broken = 0;
	for (long r = vframe_first_of(ep, child_id); r >= 0; r = vframe_next_same(ep, r)) {
		cf_date a = vcol_date(ep, decom, r), b = vcol_date(ep, dec, r);
		int during = a != CF_DATE_NONE && ce != CF_DATE_NONE && a <= ce &&
			     (b == CF_DATE_NONE || (cs != CF_DATE_NONE && b >= cs));
		int enters = vcol_eq(rne, r, "S") && a != CF_DATE_NONE && cs != CF_DATE_NONE && a > cs && a <= ce;
		int leaves = !vcol_eq(rec, r, "X1") && b != CF_DATE_NONE && cs != CF_DATE_NONE && b >= cs && b < ce;
		int respite = vcol_in(ls, r, "V3 V4") && during;
		in_year |= during;
		broken |= enters || leaves || respite;
	}
	return in_year && !broken;
}

unsigned char *vh_cla(struct vrun *run, struct vframe *f)
{
	struct vframe *ep = vrun_frame(run, "Episodes");
	unsigned char *out = calloc((size_t)(f->nrows ? f->nrows : 1), 1);
	struct vcol *cc = vframe_col(f, "CHILD");
	struct cla_cols k = { ep ? vframe_col(ep, "DECOM") : NULL, ep ? vframe_col(ep, "DEC") : NULL,
			      ep ? vframe_col(ep, "RNE") : NULL, ep ? vframe_col(ep, "REC") : NULL,
			      ep ? vframe_col(ep, "LS") : NULL };
	if (!out || !cc || !ep || !k.decom || !k.dec || !k.rne || !k.rec || !k.ls) {
		free(out);
		return NULL;
	}
	for (long r = 0; r < f->nrows; r++)
		out[r] = cc->v[r] ? (unsigned char)cla_child(run, ep, &k, vframe_child_id(f, r)) : 0;
	return out;
}

/* expr holds and the child is (arg NULL) or is not (arg "not") looked
 * after continuously; the rule's first table is tested. */
int vp_rows_cla(struct vrun *run)
{
	char name[64];
	size_t n = strcspn(run->rule->tables, " ");
	if (n >= sizeof name)
		n = sizeof name - 1;
	memcpy(name, run->rule->tables, n);
	name[n] = 0;
	struct vframe *f = vrun_frame(run, name);
	if (!f || !vrun_frame(run, "Episodes"))
		return VCHECK_SKIP;
	int want = run->rule->arg ? 0 : 1;
	unsigned char *cla = vh_cla(run, f), *hit = malloc((size_t)(f->nrows ? f->nrows : 1));
	int rc = !cla || !hit ? -1 : vx_eval_frame(run, f, run->rule->expr, hit);
	for (long r = 0; !rc && r < f->nrows; r++)
		if (hit[r] && cla[r] == want)
			rc = vrun_flag(run, f, r);
	free(cla);
	free(hit);
	return rc ? VCHECK_OOM : VCHECK_RAN;
}

int vh_flag_rows(struct vrun *run, struct vframe *f, const unsigned char *hit)
{
	for (long r = 0; r < f->nrows; r++)
		if (hit[r] && vrun_flag(run, f, r))
			return VCHECK_OOM;
	return VCHECK_RAN;
}
