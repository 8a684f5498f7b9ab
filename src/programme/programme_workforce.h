/* The workforce model: staff a caseload to the programme's standards —
 * social workers = ceil(cases / caseload standard), managers =
 * ceil(social workers / span of control), agency FTE at most the cap —
 * cost it by role and contract, and compare it with the establishment. */
#ifndef CF_PROGRAMME_PROGRAMME_WORKFORCE_H
#define CF_PROGRAMME_PROGRAMME_WORKFORCE_H

#include "base/table.h"
#include "formats/programme.h"

struct workforce_need {
	double cases;
	long fte[PROG_NROLES][PROG_NCONTRACTS];   /* agency at the cap: floor(role FTE x cap) */
	long role_fte[PROG_NROLES];
	double cost[PROG_NROLES][PROG_NCONTRACTS]; /* FTE x cost per FTE; 0 where no cost given */
	double total_cost;
};

void workforce_need(const struct prog_workforce *wf, double cases, struct workforce_need *out);

/* Tables: workforce_requirement (per demand point), workforce_cost (by
 * role and contract), workforce_gap (against the establishment: the
 * workforce census when loaded, else the sheet's establishment rows;
 * absent when neither). The caller frees each table. */
int workforce_tables(const struct programme *p, struct cf_table **out, int *nout, struct cf_error *err);

#endif
