/* Workforce requirement, cost and gap to establishment. */
#include "programme/programme_workforce.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "programme/programme_common.h"

static const char *const role_names[PROG_NROLES] = { "social_worker", "manager" };
static const char *const contract_names[PROG_NCONTRACTS] = { "permanent", "agency" };

/* ceil and floor that forgive the last bit of binary error: 1230/15 is 82 */
static long up(double x) { return (long)ceil(x - 1e-9); }
static long down(double x) { return (long)floor(x + 1e-9); }

void workforce_need(const struct prog_workforce *wf, double cases, struct workforce_need *n)
{
	memset(n, 0, sizeof *n);
	n->cases = cases;
	n->role_fte[PROG_SOCIAL_WORKER] = up(cases / wf->caseload_standard);
	n->role_fte[PROG_MANAGER] = up((double)n->role_fte[PROG_SOCIAL_WORKER] / wf->span);
	for (int r = 0; r < PROG_NROLES; r++) {
		n->fte[r][PROG_AGENCY] = down((double)n->role_fte[r] * wf->agency_cap);
		n->fte[r][PROG_PERMANENT] = n->role_fte[r] - n->fte[r][PROG_AGENCY];
		for (int c = 0; c < PROG_NCONTRACTS; c++) {
			n->cost[r][c] = wf->has_cost[r][c] ? (double)n->fte[r][c] * wf->cost_per_fte[r][c] : 0;
			n->total_cost += n->cost[r][c];
		}
	}
}

static int has_any_cost(const struct prog_workforce *wf)
{
	for (int r = 0; r < PROG_NROLES; r++)
		for (int c = 0; c < PROG_NCONTRACTS; c++)
			if (wf->has_cost[r][c])
				return 1;
	return 0;
}

int workforce_tables(const struct programme *p, struct cf_table **out, int *nout, struct cf_error *err)
{
	*nout = 0;
	const struct prog_workforce *wf = &p->workforce;
	int gap = wf->has_census || wf->has_establishment;
	struct cf_table *req = ptable_new("workforce_requirement",
					  "date:t cases:r1 caseload_standard:r1 span_of_control:r1 agency_cap:r3 "
					  "social_workers:i managers:i total_fte:i social_workers_agency_max:i "
					  "managers_agency_max:i annual_cost:r0", err);
	struct cf_table *cost = req ? ptable_new("workforce_cost",
						 "date:t role:t contract:t fte:i cost_per_fte:r0 annual_cost:r0", err) : NULL;
	struct cf_table *g = cost && gap ? ptable_new("workforce_gap",
						      "date:t role:t contract:t required_fte:i establishment_fte:r1 "
						      "gap_fte:r1 establishment_source:t", err) : NULL;
	if (!cost || (gap && !g)) {
		cf_table_free(req);
		cf_table_free(cost);
		return CF_EIO;
	}
	out[(*nout)++] = req;
	out[(*nout)++] = cost;
	if (g)
		out[(*nout)++] = g;
	int costed = has_any_cost(wf);
	char source[64];
	if (wf->has_census)
		snprintf(source, sizeof source, "workforce census %s", wf->census_date);
	else
		snprintf(source, sizeof source, "workforce sheet");

	for (int i = 0; i < wf->ndemand; i++) {
		const struct prog_demand *d = &wf->demand[i];
		struct workforce_need n;
		workforce_need(wf, d->cases, &n);
		long r = ptable_row(req);
		if (r < 0 || ptable_set_date(req, r, 0, d->date))
			goto oom;
		cf_table_set_real(req, (size_t)r, 1, d->cases);
		cf_table_set_real(req, (size_t)r, 2, wf->caseload_standard);
		cf_table_set_real(req, (size_t)r, 3, wf->span);
		cf_table_set_real(req, (size_t)r, 4, wf->agency_cap);
		cf_table_set_int(req, (size_t)r, 5, n.role_fte[PROG_SOCIAL_WORKER]);
		cf_table_set_int(req, (size_t)r, 6, n.role_fte[PROG_MANAGER]);
		cf_table_set_int(req, (size_t)r, 7, n.role_fte[PROG_SOCIAL_WORKER] + n.role_fte[PROG_MANAGER]);
		cf_table_set_int(req, (size_t)r, 8, n.fte[PROG_SOCIAL_WORKER][PROG_AGENCY]);
		cf_table_set_int(req, (size_t)r, 9, n.fte[PROG_MANAGER][PROG_AGENCY]);
		if (costed)
			cf_table_set_real(req, (size_t)r, 10, n.total_cost);
		for (int ro = 0; ro < PROG_NROLES; ro++)
			for (int c = 0; c < PROG_NCONTRACTS; c++) {
				long k = ptable_row(cost);
				if (k < 0 || ptable_set_date(cost, k, 0, d->date) || cf_table_set_text(cost, (size_t)k, 1, role_names[ro]) ||
				    cf_table_set_text(cost, (size_t)k, 2, contract_names[c]))
					goto oom;
				cf_table_set_int(cost, (size_t)k, 3, n.fte[ro][c]);
				if (wf->has_cost[ro][c]) {
					cf_table_set_real(cost, (size_t)k, 4, wf->cost_per_fte[ro][c]);
					cf_table_set_real(cost, (size_t)k, 5, n.cost[ro][c]);
				}
				if (!g)
					continue;
				double est = wf->has_census ? wf->census[ro][c] : wf->establishment[ro][c];
				long j = ptable_row(g);
				if (j < 0 || ptable_set_date(g, j, 0, d->date) || cf_table_set_text(g, (size_t)j, 1, role_names[ro]) ||
				    cf_table_set_text(g, (size_t)j, 2, contract_names[c]) ||
				    cf_table_set_text(g, (size_t)j, 6, source))
					goto oom;
				cf_table_set_int(g, (size_t)j, 3, n.fte[ro][c]);
				cf_table_set_real(g, (size_t)j, 4, est);
				/* positive: posts to fill; negative: more than the model needs */
				cf_table_set_real(g, (size_t)j, 5, (double)n.fte[ro][c] - est);
			}
	}
	return CF_OK;
oom:
	ptables_free(out, nout);
	return cf_error_set(err, CF_EIO, "out of memory");
}
