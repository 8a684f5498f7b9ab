/* Workforce requirement, cost and gap to establishment. */
#include "programme/programme_workforce.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "programme/programme_common.h"

const char *const workforce_role_names[PROG_NROLES] = { "social_worker", "manager" };
const char *const workforce_contract_names[PROG_NCONTRACTS] = { "permanent", "agency" };

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

void workforce_result_release(struct workforce_result *r)
{
	free(r->points);
	memset(r, 0, sizeof *r);
}

int workforce_compute(const struct programme *p, struct workforce_result *out, struct cf_error *err)
{
	const struct prog_workforce *wf = &p->workforce;
	memset(out, 0, sizeof *out);
	out->caseload_standard = wf->caseload_standard;
	out->span = wf->span;
	out->agency_cap = wf->agency_cap;
	out->costed = has_any_cost(wf);
	memcpy(out->has_cost, wf->has_cost, sizeof out->has_cost);
	memcpy(out->cost_per_fte, wf->cost_per_fte, sizeof out->cost_per_fte);
	out->has_establishment = wf->has_census || wf->has_establishment;
	for (int r = 0; r < PROG_NROLES && out->has_establishment; r++)
		for (int c = 0; c < PROG_NCONTRACTS; c++)
			out->establishment[r][c] = wf->has_census ? wf->census[r][c] : wf->establishment[r][c];
	if (wf->has_census)
		snprintf(out->establishment_source, sizeof out->establishment_source, "workforce census %s",
			 wf->census_date);
	else
		snprintf(out->establishment_source, sizeof out->establishment_source, "workforce sheet");
	if (!(out->points = calloc((size_t)wf->ndemand + 1, sizeof *out->points)))
		return cf_error_set(err, CF_EIO, "out of memory");
	for (int i = 0; i < wf->ndemand; i++) {
		struct workforce_point *pt = &out->points[out->npoints++];
		pt->date = wf->demand[i].date;
		workforce_need(wf, wf->demand[i].cases, &pt->need);
	}
	return CF_OK;
}

int workforce_result_tables(const struct workforce_result *res, struct cf_table **out, int *nout,
			    struct cf_error *err)
{
	*nout = 0;
	int gap = res->has_establishment;
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

	for (int i = 0; i < res->npoints; i++) {
		const struct workforce_point *pt = &res->points[i];
		const struct workforce_need *n = &pt->need;
		long r = ptable_row(req);
		if (r < 0 || ptable_set_date(req, r, 0, pt->date))
			goto oom;
		cf_table_set_real(req, (size_t)r, 1, n->cases);
		cf_table_set_real(req, (size_t)r, 2, res->caseload_standard);
		cf_table_set_real(req, (size_t)r, 3, res->span);
		cf_table_set_real(req, (size_t)r, 4, res->agency_cap);
		cf_table_set_int(req, (size_t)r, 5, n->role_fte[PROG_SOCIAL_WORKER]);
		cf_table_set_int(req, (size_t)r, 6, n->role_fte[PROG_MANAGER]);
		cf_table_set_int(req, (size_t)r, 7, n->role_fte[PROG_SOCIAL_WORKER] + n->role_fte[PROG_MANAGER]);
		cf_table_set_int(req, (size_t)r, 8, n->fte[PROG_SOCIAL_WORKER][PROG_AGENCY]);
		cf_table_set_int(req, (size_t)r, 9, n->fte[PROG_MANAGER][PROG_AGENCY]);
		if (res->costed)
			cf_table_set_real(req, (size_t)r, 10, n->total_cost);
		for (int ro = 0; ro < PROG_NROLES; ro++)
			for (int c = 0; c < PROG_NCONTRACTS; c++) {
				long k = ptable_row(cost);
				if (k < 0 || ptable_set_date(cost, k, 0, pt->date) ||
				    cf_table_set_text(cost, (size_t)k, 1, workforce_role_names[ro]) ||
				    cf_table_set_text(cost, (size_t)k, 2, workforce_contract_names[c]))
					goto oom;
				cf_table_set_int(cost, (size_t)k, 3, n->fte[ro][c]);
				if (res->has_cost[ro][c]) {
					cf_table_set_real(cost, (size_t)k, 4, res->cost_per_fte[ro][c]);
					cf_table_set_real(cost, (size_t)k, 5, n->cost[ro][c]);
				}
				if (!g)
					continue;
				double est = res->establishment[ro][c];
				long j = ptable_row(g);
				if (j < 0 || ptable_set_date(g, j, 0, pt->date) ||
				    cf_table_set_text(g, (size_t)j, 1, workforce_role_names[ro]) ||
				    cf_table_set_text(g, (size_t)j, 2, workforce_contract_names[c]) ||
				    cf_table_set_text(g, (size_t)j, 6, res->establishment_source))
					goto oom;
				cf_table_set_int(g, (size_t)j, 3, n->fte[ro][c]);
				cf_table_set_real(g, (size_t)j, 4, est);
				/* positive: posts to fill; negative: more than the model needs */
				cf_table_set_real(g, (size_t)j, 5, (double)n->fte[ro][c] - est);
			}
	}
	return CF_OK;
oom:
	ptables_free(out, nout);
	return cf_error_set(err, CF_EIO, "out of memory");
}

int workforce_tables(const struct programme *p, struct cf_table **out, int *nout, struct cf_error *err)
{
	struct workforce_result res;
	*nout = 0;
	int r = workforce_compute(p, &res, err);
	if (!r)
		r = workforce_result_tables(&res, out, nout, err);
	workforce_result_release(&res);
	return r;
}
