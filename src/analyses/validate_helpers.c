/* Helpers the hand-written rule checks share: per-child groups ordered by
 * date, and the first or last row per child as pandas' idxmin/idxmax. */
#include <stdlib.h>
#include <string.h>

#include "analyses/rules.h"

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
		if (i == 0 || (c == NULL) != (p == NULL) || (c && strcmp(c, p) != 0))
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
		long first = vframe_find(f, child, -1);
		while (first >= 0 && keep && !keep(f, first))
			first = vframe_find(f, child, first);
		if (first != r)
			continue;
		long best = -1;
		cf_date bd = CF_DATE_NONE;
		for (long s = r; s >= 0; s = vframe_find(f, child, s)) {
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
