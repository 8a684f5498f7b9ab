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

/* Tables: milestones (each, with its status) and milestones_by_workstream.
 * The caller frees each table. */
int milestones_tables(const struct programme *p, cf_date as_of, struct cf_table **out, int *nout,
		      struct cf_error *err);

#endif
