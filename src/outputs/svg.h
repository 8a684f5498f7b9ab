/* Charts drawn as inline SVG: line charts, horizontal bar charts and
 * stacked columns, each with axes, tick labels, a unit, a legend where
 * there is more than one series, and a <title>/<desc> text alternative
 * (role="img"). Missing values (NAN: not known or suppressed) leave a gap
 * or an empty bar marked "c"/"–", never a zero. */
#ifndef CF_OUTPUTS_SVG_H
#define CF_OUTPUTS_SVG_H

#include "base/strbuf.h"

struct svg_series {
	const char *name;
	const double *values;     /* one per label; NAN = no value */
};

struct svg_chart {
	const char *id;           /* unique in the page (ids of <title>/<desc>) */
	const char *title;
	const char *desc;         /* the text alternative: what the chart shows, in words */
	const char *y_label;      /* unit of the value axis: "children", "% of referrals" */
	const char *const *labels;
	int n;
	const struct svg_series *series;
	int nseries;
	int label_every;          /* line charts: label every k-th x (0: about ten labels) */
	double reference;         /* bar charts: a dashed line at this value (NAN: none) */
	const char *reference_label;
	int decimals;             /* value labels on bars */
	const char *suffix;       /* after value labels: "%" or "" */
	const char *missing_text; /* label of a bar with no value: "c" when suppressed */
	int width, height;        /* pixels; 0: the defaults (620 wide; bars size to their count) */
};

/* Each returns 0, or -1 when the buffer is full. */
int svg_line_chart(struct strbuf *sb, const struct svg_chart *c);
int svg_bar_chart(struct strbuf *sb, const struct svg_chart *c);        /* series[0], one bar per label */
int svg_stacked_columns(struct strbuf *sb, const struct svg_chart *c);  /* a column per label, series stacked */

/* The height a chart will take, in pixels. */
int svg_chart_height(const struct svg_chart *c, int kind);   /* kind 'l', 'b' or 's' */

/* The palette, colour-blind safe; series k uses svg_colours[k % 6]. */
extern const char *const svg_colours[6];

#endif
