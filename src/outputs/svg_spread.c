/* Band charts, dot plots and tornado charts as inline SVG. */
#include "outputs/svg_spread.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "outputs/html.h"

/* A 1, 2 or 5 × 10^k step giving about `ticks` intervals over span. */
static double step_for(double span, int ticks)
{
	if (!(span > 0))
		return 1;
	double raw = span / ticks, mag = pow(10, floor(log10(raw))), f = raw / mag;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/* Round [lo, hi] out to steps, always including zero. */
static void scale(double *lo, double *hi, double *step)
{
	if (!isfinite(*lo) || *lo > 0)
		*lo = 0;
	if (!isfinite(*hi) || *hi < 0)
		*hi = 0;
	*step = step_for(*hi - *lo, 4);
	*lo = *step * floor(*lo / *step);
	*hi = *step * ceil(*hi / *step);
	if (*hi - *lo <= 0)
		*hi = *lo + *step;
}

static void widen(double *lo, double *hi, const double *v, int n)
{
	for (int i = 0; v && i < n; i++)
		if (isfinite(v[i])) {
			if (v[i] < *lo)
				*lo = v[i];
			if (v[i] > *hi)
				*hi = v[i];
		}
}

static int open_svg(struct strbuf *sb, const char *id, const char *title, const char *desc, int w, int h)
{
	int bad = strbuf_addf(sb, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
				  "aria-labelledby=\"%s-t %s-d\" xmlns=\"http://www.w3.org/2000/svg\">",
			      w, h, w, h, id, id);
	bad |= strbuf_addf(sb, "<title id=\"%s-t\">", id);
	bad |= html_text(sb, title);
	bad |= strbuf_addf(sb, "</title><desc id=\"%s-d\">", id);
	bad |= html_text(sb, desc ? desc : "");
	return bad | strbuf_adds(sb, "</desc>");
}

static int text_at(struct strbuf *sb, double x, double y, const char *anchor, const char *cls, const char *s)
{
	int bad = strbuf_addf(sb, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">", x, y, anchor, cls);
	bad |= html_text(sb, s);
	return bad | strbuf_adds(sb, "</text>");
}

static int tick_label(struct strbuf *sb, double x, double y, const char *anchor, double v, double step)
{
	char buf[48];
	html_number(buf, sizeof buf, fabs(v) < step / 1e6 ? 0 : v, step < 1 ? 1 : 0);
	return text_at(sb, x, y, anchor, "tick", buf);
}

static int legend_item(struct strbuf *sb, double *x, double y, const char *colour, double opacity, const char *name)
{
	int bad = strbuf_addf(sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\" fill-opacity=\"%.2f\"/>", *x,
			      y - 10, colour, opacity);
	bad |= text_at(sb, *x + 16, y, "start", "lg", name);
	*x += 26 + 6.5 * (double)strlen(name);
	return bad;
}

int svg_band_height(const struct svg_band_chart *c)
{
	return c->height ? c->height : 260;
}

/* The polygon between lo and hi over the x positions with both known. */
static int band_path(struct strbuf *sb, const double *lo, const double *hi, int n, double left, double dx,
		     double (*y)(double, const double *), const double *geo, const char *colour, double opacity)
{
	int bad = strbuf_addf(sb, "<path fill=\"%s\" fill-opacity=\"%.2f\" stroke=\"none\" d=\"", colour, opacity);
	int pen = 0;
	for (int i = 0; i < n; i++) {
		if (!isfinite(lo[i]) || !isfinite(hi[i]))
			continue;
		bad |= strbuf_addf(sb, "%s%.1f %.1f ", pen ? "L" : "M", left + dx * i, y(hi[i], geo));
		pen = 1;
	}
	for (int i = n - 1; i >= 0; i--) {
		if (!isfinite(lo[i]) || !isfinite(hi[i]))
			continue;
		bad |= strbuf_addf(sb, "L%.1f %.1f ", left + dx * i, y(lo[i], geo));
	}
	return bad | strbuf_adds(sb, pen ? "Z\"/>" : "\"/>");
}

/* geo: top, bottom, lo, hi */
static double y_of(double v, const double *g)
{
	return g[1] - (g[1] - g[0]) * (v - g[2]) / (g[3] - g[2]);
}

int svg_band(struct strbuf *sb, const struct svg_band_chart *c)
{
	const int w = c->width ? c->width : 620, h = svg_band_height(c);
	/* the last x label is centred on the right edge: leave it room */
	const double left = 70, right = w - 28, top = 34, bottom = h - 46;
	double lo = 0, hi = 0, step;
	widen(&lo, &hi, c->outer_lo, c->n);
	widen(&lo, &hi, c->outer_hi, c->n);
	widen(&lo, &hi, c->inner_lo, c->n);
	widen(&lo, &hi, c->inner_hi, c->n);
	for (int s = 0; s < c->nlines; s++)
		widen(&lo, &hi, c->lines[s].values, c->n);
	scale(&lo, &hi, &step);
	const double geo[4] = { top, bottom, lo, hi };
	int bad = open_svg(sb, c->id, c->title, c->desc, w, h);
	/* legend: bands, then lines */
	double lx = left;
	if (c->outer_lo && c->outer_hi)
		bad |= legend_item(sb, &lx, 16, svg_colours[0], 0.18, c->outer_name ? c->outer_name : "outer band");
	if (c->inner_lo && c->inner_hi)
		bad |= legend_item(sb, &lx, 16, svg_colours[0], 0.40, c->inner_name ? c->inner_name : "inner band");
	for (int s = 0; s < c->nlines; s++)
		bad |= legend_item(sb, &lx, 16, svg_colours[s % 6], 1, c->lines[s].name);
	for (double v = lo; v <= hi + step / 2; v += step) {
		double y = y_of(v, geo);
		bad |= strbuf_addf(sb, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"%s\"/>", left, right, y, y,
				   fabs(v) < step / 1e6 && lo < 0 ? "axis" : "grid");
		bad |= tick_label(sb, left - 6, y + 4, "end", v, step);
	}
	bad |= strbuf_addf(sb, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>", left, left, top, bottom);
	bad |= strbuf_addf(sb, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>", left, right, bottom,
			   bottom);
	if (c->y_label) {
		bad |= strbuf_addf(sb, "<text transform=\"translate(14 %.1f) rotate(-90)\" text-anchor=\"middle\" class=\"unit\">",
				   (top + bottom) / 2);
		bad |= html_text(sb, c->y_label);
		bad |= strbuf_adds(sb, "</text>");
	}
	double dx = c->n > 1 ? (right - left) / (c->n - 1) : 0;
	int every = (c->n + 7) / 8;
	for (int i = 0; i < c->n; i += every ? every : 1) {
		double x = left + dx * i;
		bad |= strbuf_addf(sb, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>", x, x, bottom,
				   bottom + 4);
		bad |= text_at(sb, x, bottom + 18, "middle", "tick", c->labels[i]);
	}
	if (c->outer_lo && c->outer_hi)
		bad |= band_path(sb, c->outer_lo, c->outer_hi, c->n, left, dx, y_of, geo, svg_colours[0], 0.18);
	if (c->inner_lo && c->inner_hi)
		bad |= band_path(sb, c->inner_lo, c->inner_hi, c->n, left, dx, y_of, geo, svg_colours[0], 0.40);
	for (int s = 0; s < c->nlines; s++) {
		int pen = 0;
		bad |= strbuf_addf(sb, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2\" d=\"", svg_colours[s % 6]);
		for (int i = 0; i < c->n; i++) {
			double v = c->lines[s].values[i];
			if (!isfinite(v)) {
				pen = 0;
				continue;
			}
			bad |= strbuf_addf(sb, "%s%.1f %.1f ", pen ? "L" : "M", left + dx * i, y_of(v, geo));
			pen = 1;
		}
		bad |= strbuf_adds(sb, "\"/>");
		for (int i = 0; i < c->n; i++)   /* points, so single values show */
			if (isfinite(c->lines[s].values[i]))
				bad |= strbuf_addf(sb, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>", left + dx * i,
						   y_of(c->lines[s].values[i], geo), svg_colours[s % 6]);
	}
	if (c->marker >= 0 && c->marker < c->n) {
		double x = left + dx * c->marker;
		bad |= strbuf_addf(sb, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"ref\"/>", x, x, top, bottom);
		bad |= text_at(sb, x, top - 4, x > (left + right) / 2 ? "end" : "start", "tick",
			       c->marker_label ? c->marker_label : "");
	}
	return bad | strbuf_adds(sb, "</svg>");
}

enum { ROW = 20 };

static size_t longest_label(const char *const *labels, int n)
{
	size_t longest = 0;
	for (int i = 0; i < n; i++)
		if (strlen(labels[i]) > longest)
			longest = strlen(labels[i]);
	return longest < 34 ? longest : 34;
}

int svg_dots_height(const struct svg_dot_plot *c)
{
	return 30 + c->n * ROW + 40;
}

int svg_dots(struct strbuf *sb, const struct svg_dot_plot *c)
{
	const int w = c->width ? c->width : 620, h = svg_dots_height(c);
	const double left = 14 + 6.2 * (double)longest_label(c->labels, c->n), right = w - 56, top = 30;
	const double bottom = top + c->n * ROW;
	double lo = 0, hi = 0, step;
	widen(&lo, &hi, c->values, c->n);
	if (isfinite(c->median))
		widen(&lo, &hi, &c->median, 1);
	scale(&lo, &hi, &step);
	int bad = open_svg(sb, c->id, c->title, c->desc, w, h);
	for (double v = lo; v <= hi + step / 2; v += step) {
		double x = left + (right - left) * (v - lo) / (hi - lo);
		bad |= strbuf_addf(sb, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", x, x, top - 4, bottom);
		bad |= tick_label(sb, x, bottom + 16, "middle", v, step);
	}
	if (c->x_label)
		bad |= text_at(sb, (left + right) / 2, bottom + 32, "middle", "unit", c->x_label);
	bad |= strbuf_addf(sb, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>", left, left, top - 4, bottom);
	char buf[48];
	for (int i = 0; i < c->n; i++) {
		double y = top + i * ROW + ROW / 2.0, v = c->values[i];
		int me = i == c->highlight;
		bad |= strbuf_addf(sb, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", left, right, y, y);
		bad |= strbuf_addf(sb, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" class=\"lbl\"%s>", left - 8, y + 4,
				   me ? " font-weight=\"700\"" : "");
		bad |= html_text(sb, c->labels[i]);
		bad |= strbuf_adds(sb, "</text>");
		if (!isfinite(v)) {
			bad |= text_at(sb, left + 5, y + 4, "start", "val", "–");
			continue;
		}
		double x = left + (right - left) * (v - lo) / (hi - lo);
		bad |= strbuf_addf(sb, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"/>", x, y, me ? 7 : 5,
				   svg_colours[me ? 1 : 0]);
		html_number(buf, sizeof buf, v, c->decimals);
		bad |= text_at(sb, right + 6, y + 4, "start", "val", buf);
	}
	if (isfinite(c->median)) {
		double x = left + (right - left) * (c->median - lo) / (hi - lo);
		bad |= strbuf_addf(sb, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"ref\"/>", x, x, top - 8, bottom);
		bad |= text_at(sb, x, top - 12, "middle", "tick", "median");
	}
	return bad | strbuf_adds(sb, "</svg>");
}

int svg_tornado_height(const struct svg_tornado *c)
{
	return 34 + c->n * (ROW + 4) + 40;
}

int svg_tornado_chart(struct strbuf *sb, const struct svg_tornado *c)
{
	const int w = c->width ? c->width : 620, h = svg_tornado_height(c);
	const double left = 14 + 6.2 * (double)longest_label(c->labels, c->n), right = w - 20, top = 34;
	const double bottom = top + c->n * (ROW + 4);
	double lo = c->base, hi = c->base, step;
	widen(&lo, &hi, c->low, c->n);
	widen(&lo, &hi, c->high, c->n);
	scale(&lo, &hi, &step);
	int bad = open_svg(sb, c->id, c->title, c->desc, w, h);
	double lx = left;
	bad |= legend_item(sb, &lx, 16, svg_colours[1], 1, c->low_name ? c->low_name : "low");
	bad |= legend_item(sb, &lx, 16, svg_colours[0], 1, c->high_name ? c->high_name : "high");
#define XV(v) (left + (right - left) * ((v) - lo) / (hi - lo))
	for (double v = lo; v <= hi + step / 2; v += step) {
		double x = XV(v);
		bad |= strbuf_addf(sb, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", x, x, top - 4, bottom);
		bad |= tick_label(sb, x, bottom + 16, "middle", v, step);
	}
	if (c->x_label)
		bad |= text_at(sb, (left + right) / 2, bottom + 32, "middle", "unit", c->x_label);
	for (int i = 0; i < c->n; i++) {
		double y = top + i * (ROW + 4);
		bad |= text_at(sb, left - 8, y + ROW * 0.7, "end", "lbl", c->labels[i]);
		const double *vals[2] = { c->low, c->high };
		for (int k = 0; k < 2; k++) {
			double v = vals[k][i];
			if (!isfinite(v))
				continue;
			double a = XV(c->base), b = XV(v);
			bad |= strbuf_addf(sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", a < b ? a : b,
					   y, fabs(b - a), ROW, svg_colours[k ? 0 : 1]);
		}
	}
	double xb = XV(c->base);
	char buf[48];
	html_number(buf, sizeof buf, c->base, c->decimals);
	bad |= strbuf_addf(sb, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"ref\"/>", xb, xb, top - 6, bottom);
	char lab[64];
	snprintf(lab, sizeof lab, "base %s", buf);
	bad |= text_at(sb, xb, bottom + 44 > h ? top - 8 : bottom + 44, "middle", "tick", lab);
#undef XV
	return bad | strbuf_adds(sb, "</svg>");
}
