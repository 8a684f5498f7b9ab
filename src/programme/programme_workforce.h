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

/* "social_worker", "manager"; "permanent", "agency". */
extern const char *const workforce_role_names[PROG_NROLES];
extern const char *const workforce_contract_names[PROG_NCONTRACTS];

void workforce_need(const struct prog_workforce *wf, double cases, struct workforce_need *out);

/* The requirement at every demand point, against the establishment. */
struct workforce_point {
	cf_date date;
	struct workforce_need need;
};

struct workforce_result {
	double caseload_standard, span, agency_cap;    /* the standards staffed to */
	int costed;                                    /* some role and contract has a cost per FTE */
	int has_cost[PROG_NROLES][PROG_NCONTRACTS];
	double cost_per_fte[PROG_NROLES][PROG_NCONTRACTS];
	struct workforce_point *points;                /* owned; npoints, in the sheet's order */
	int npoints;
	/* the establishment: the workforce census when loaded, else the sheet's
	 * establishment rows; has_establishment 0 when neither */
	int has_establishment;
	double establishment[PROG_NROLES][PROG_NCONTRACTS];
	char establishment_source[64];                 /* "workforce census DATE" or "workforce sheet" */
};

/* The workforce model of p; free it with workforce_result_release. */
int workforce_compute(const struct programme *p, struct workforce_result *out, struct cf_error *err);
void workforce_result_release(struct workforce_result *r);

/* Tables from a result: workforce_requirement (per demand point),
 * workforce_cost (by role and contract), workforce_gap (against the
 * establishment; absent without one). The caller frees each table. */
int workforce_result_tables(const struct workforce_result *r, struct cf_table **out, int *nout,
			    struct cf_error *err);

/* workforce_compute, then its tables. */
int workforce_tables(const struct programme *p, struct cf_table **out, int *nout, struct cf_error *err);

#endif
