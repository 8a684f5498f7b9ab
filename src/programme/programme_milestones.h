/* Milestones on a given day: done (and whether late), overdue, due in the
 * next 90 days, or later; listed and counted by workstream. */
#ifndef CF_PROGRAMME_PROGRAMME_MILESTONES_H
#define CF_PROGRAMME_PROGRAMME_MILESTONES_H

#include "base/table.h"
#include "formats/programme.h"

enum milestone_status { MS_DONE = 0, MS_DONE_LATE, MS_OVERDUE, MS_DUE_90, MS_LATER, MS_NSTATUS };
extern const char *const milestone_status_names[MS_NSTATUS];

/* Done counts only when done on or before as_of; due within 90 days means
 * as_of <= due <= as_of + 90; overdue means due before as_of and not done. */
enum milestone_status milestone_status(const struct prog_milestone *m, cf_date as_of);

/* One milestone on as_of. */
struct milestone_row {
	const struct prog_milestone *milestone;  /* in the programme */
	enum milestone_status status;
	long days_late;        /* overdue: as_of - due; done late: done - due; else 0 */
	long days_to_due;      /* due in 90 days or later: due - as_of; else 0 */
};

/* Milestones counted by status for one workstream. */
struct milestone_counts {
	const char *workstream;   /* a workstream's id, "(programme)" for those with none, or "all" */
	long milestones;          /* all of them */
	long n[MS_NSTATUS];       /* by status */
};

struct milestones_result {
	struct milestone_row *rows;       /* owned; nrows, in register order */
	int nrows;
	struct milestone_counts *by;      /* owned; nby: "(programme)" when any, the workstreams */
	int nby;                          /* with milestones in register order, then "all" (always last) */
};

/* The milestones of p on as_of. out points into p, which must outlive it;
 * free it with milestones_result_release. */
int milestones_compute(const struct programme *p, cf_date as_of, struct milestones_result *out,
		       struct cf_error *err);
void milestones_result_release(struct milestones_result *r);

/* Tables from a result: milestones (each, with its status) and
 * milestones_by_workstream. The caller frees each table. */
int milestones_result_tables(const struct milestones_result *r, struct cf_table **out, int *nout,
			     struct cf_error *err);

/* milestones_compute, then its tables. */
int milestones_tables(const struct programme *p, cf_date as_of, struct cf_table **out, int *nout,
		      struct cf_error *err);

#endif
