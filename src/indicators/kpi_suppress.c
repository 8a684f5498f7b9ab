/* Small-count suppression. Primary: a count of children or events below
 * the threshold is hidden, with every value derived from it. Secondary: a
 * hidden cell must not be recoverable by subtraction from a total, so in
 * every set of cells that adds up to a published total (the groups of a
 * breakdown add up to the LA; the age-at-entry bands, placement groups and
 * plan-duration bands add up to their shared denominator) a lone hidden
 * cell takes the next-smallest cell of the set with it. The total itself
 * stays published, so it agrees across breakdowns; when there is no other
 * cell to hide, the total is hidden instead. The factor breakdown's groups
 * overlap (a child counts under each factor recorded) and add up to no
 * total, so only its primary suppression applies. */
#include "indicators/kpi.h"

#include <stddef.h>
#include <stdlib.h>

enum field { F_NUM, F_DEN };

static struct kpi_cell *cell_at(struct kpi_result *r, int p, int id, int g)
{
	return &r->cells[((size_t)p * K_N + (size_t)id) * (size_t)r->ngroups + (size_t)g];
}

static int shown(const struct kpi_cell *c, enum field f)
{
	return f == F_NUM ? c->has_num && !c->num_hidden : c->has_den && !c->den_hidden;
}

static int hidden(const struct kpi_cell *c, enum field f)
{
	return f == F_NUM ? c->has_num && c->num_hidden : c->has_den && c->den_hidden;
}

static double count_of(const struct kpi_cell *c, enum field f)
{
	return f == F_NUM ? c->num : c->den;
}

static void hide(struct kpi_cell *c, enum field f)
{
	if (f == F_NUM)
		c->num_hidden = 1;
	else
		c->den_hidden = 1;
}

/* One additive set: members[0..n) add up to total. Returns 1 when it hid
 * something. */
static int protect(struct kpi_cell **members, int n, enum field f, struct kpi_cell *total, enum field tf)
{
	int nhidden = 0, smallest = -1;
	for (int i = 0; i < n; i++) {
		if (hidden(members[i], f))
			nhidden++;
		else if (shown(members[i], f) &&
			 (smallest < 0 || count_of(members[i], f) < count_of(members[smallest], f)))
			smallest = i;
	}
	if (nhidden != 1 || !shown(total, tf))
		return 0;
	if (smallest >= 0)
		hide(members[smallest], f);
	else
		hide(total, tf);
	return 1;
}

void kpi_suppress(struct kpi_result *r, long threshold)
{
	int G = r->ngroups;
	/* primary */
	for (int p = 0; p < r->nperiods; p++)
		for (int id = 0; id < K_N; id++)
			for (int g = 0; g < G; g++) {
				struct kpi_cell *c = cell_at(r, p, id, g);
				unsigned flags = kpi_defs[id].flags;
				if (flags & KPI_F_NUM_CHILDREN && c->has_num && c->num < (double)threshold)
					c->num_hidden = 1;
				if (flags & KPI_F_DEN_CHILDREN && c->has_den && c->den < (double)threshold)
					c->den_hidden = 1;
			}

	/* secondary, until nothing changes */
	struct kpi_cell **members = malloc((size_t)(G > K_N ? G : K_N) * sizeof *members);
	if (!members) {
		/* without room to reason about totals, hide every breakdown */
		for (size_t i = 0; i < (size_t)r->nperiods * K_N * (size_t)G; i++)
			r->cells[i].num_hidden = r->cells[i].den_hidden = 1;
		goto mark;
	}
	for (int changed = 1; changed;) {
		changed = 0;
		for (int p = 0; p < r->nperiods; p++) {
			/* the groups of the breakdown add up to the LA (not the factors', which overlap) */
			for (int id = 0; id < K_N && r->by != KPI_BY_ALL && r->by != KPI_BY_FACTOR; id++) {
				unsigned flags = kpi_defs[id].flags;
				if (flags & KPI_F_LA_ONLY)
					continue;
				for (enum field f = F_NUM; f <= F_DEN; f++) {
					if (!(flags & (f == F_NUM ? KPI_F_NUM_CHILDREN : KPI_F_DEN_CHILDREN)))
						continue;
					int n = 0;
					for (int g = 1; g < G; g++)
						if (r->group_used[g])
							members[n++] = cell_at(r, p, id, g);
					changed |= protect(members, n, f, cell_at(r, p, id, 0), f);
				}
			}
			/* the members of a family add up to their shared denominator */
			for (int g = 0; g < G; g++) {
				if (!r->group_used[g])
					continue;
				for (int fam = 1; fam <= 8; fam++) {
					int n = 0;
					for (int id = 0; id < K_N; id++)
						if (kpi_defs[id].family == fam)
							members[n++] = cell_at(r, p, id, g);
					if (n && protect(members, n, F_NUM, members[0], F_DEN)) {
						changed = 1;
						/* the shared denominator is one number: hide it everywhere or nowhere */
						for (int i = 1; i < n; i++)
							members[i]->den_hidden = members[0]->den_hidden;
					}
				}
			}
		}
	}
	free(members);
mark:
	for (size_t i = 0; i < (size_t)r->nperiods * K_N * (size_t)G; i++) {
		struct kpi_cell *c = &r->cells[i];
		c->num_hidden &= c->has_num;
		c->den_hidden &= c->has_den;
		c->suppressed = c->num_hidden || c->den_hidden;
	}
}
