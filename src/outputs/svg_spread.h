/* More SVG charts for the report: a band chart (a fan of uncertainty bands
 * with lines over them, values either side of zero, a marked point), a dot
 * plot of areas with a median line, and a tornado of low/high swings about
 * a base. Same conventions as svg.h: axes, tick labels, a unit, a legend,
 * <title>/<desc> (role="img"); NAN values are gaps, never zeros. */
#ifndef CF_OUTPUTS_SVG_MORE_H
#define CF_OUTPUTS_SVG_MORE_H

#include "base/strbuf.h"
#include "outputs/svg.h"

struct svg_band_chart {
	const char *id, *title, *desc, *y_label;
	const char *const *labels;      /* n x labels */
	int n;
	const double *outer_lo, *outer_hi;   /* the wide band (e.g. p5-p95); NULL for none */
	const char *outer_name;
	const double *inner_lo, *inner_hi;   /* the narrow band (e.g. p25-p75); NULL for none */
	const char *inner_name;
	const struct svg_series *lines;      /* drawn over the bands, svg_colours[k] */
	int nlines;
	int marker;                     /* x index to mark with a dashed line; -1 none */
	const char *marker_label;
	int width, height;              /* 0: 620 × 260 */
};

/* One row per label: a dot at values[i] (the highlighted row drawn larger
 * in the second colour), and a dashed line at the median. */
struct svg_dot_plot {
	const char *id, *title, *desc, *x_label;
	const char *const *labels;
	const double *values;
	int n;
	int highlight;                  /* row index drawn as the subject; -1 none */
	double median;                  /* NAN: none */
	int decimals;
	int width;                      /* 0: 620 */
};

/* One row per label: a bar from base to low[i] and from base to high[i]. */
struct svg_tornado {
	const char *id, *title, *desc, *x_label;
	const char *const *labels;
	const double *low, *high;       /* the result with each input at its low and high value */
	int n;
	double base;
	const char *low_name, *high_name;
	int decimals;
	int width;                      /* 0: 620 */
};

/* Each returns 0, or -1 when the buffer is full. */
int svg_band(struct strbuf *sb, const struct svg_band_chart *c);
int svg_dots(struct strbuf *sb, const struct svg_dot_plot *c);
int svg_tornado_chart(struct strbuf *sb, const struct svg_tornado *c);

/* Heights in pixels. */
int svg_band_height(const struct svg_band_chart *c);
int svg_dots_height(const struct svg_dot_plot *c);
int svg_tornado_height(const struct svg_tornado *c);

#endif
