/* Terminal progress bar, drawn only after the first second. */
#include "base/progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void progress_start(struct progress *p, const char *label, long long total)
{
	p->label = label;
	p->total = total;
	p->done = 0;
	p->started = p->last_draw = now_s();
	p->enabled = isatty(2) && !getenv("CASEFLOW_NO_PROGRESS");
	p->drawn = 0;
}

void progress_update(struct progress *p, long long done)
{
	p->done = done;
	if (!p->enabled)
		return;
	double t = now_s();
	if (t - p->started < 1.0 || t - p->last_draw < 0.1)
		return;
	p->last_draw = t;
	p->drawn = 1;
	if (p->total > 0) {
		int width = 30, fill = (int)(width * (double)done / (double)p->total);
		if (fill > width)
			fill = width;
		fprintf(stderr, "\r%-12s [", p->label);
		for (int i = 0; i < width; i++)
			fputc(i < fill ? '#' : '.', stderr);
		fprintf(stderr, "] %3d%%  %.1fs", (int)(100.0 * (double)done / (double)p->total), t - p->started);
	} else {
		fprintf(stderr, "\r%-12s %lld  %.1fs", p->label, done, t - p->started);
	}
	fflush(stderr);
}

void progress_finish(struct progress *p)
{
	if (p->enabled && p->drawn)
		fprintf(stderr, "\r%-60s\r", "");
	p->drawn = 0;
}
