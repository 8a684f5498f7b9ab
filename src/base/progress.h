/* A progress bar on stderr for work longer than a second; silent when
 * stderr is not a terminal (CI, pipes) or CASEFLOW_NO_PROGRESS is set. */
#ifndef CF_BASE_PROGRESS_H
#define CF_BASE_PROGRESS_H

struct progress {
	const char *label;
	long long total;      /* 0 when unknown: shows a count instead */
	long long done;
	double started, last_draw;
	int enabled, drawn;
};

void progress_start(struct progress *p, const char *label, long long total);
void progress_update(struct progress *p, long long done);   /* cheap; redraws ≤10/s */
void progress_finish(struct progress *p);                    /* clears the line */

#endif
