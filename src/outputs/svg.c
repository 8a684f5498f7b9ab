/* SVG charts with axes, labels and text alternatives. */
#include "outputs/svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "outputs/html.h"

const char *const svg_colours[6] = { "#1f5fa8", "#d55e00", "#009e73", "#7b3294", "#b8860b", "#555555" };

/* A "nice" step (1, 2 or 5 × 10^k) giving about `ticks` intervals up to max. */
static double nice_step(double max, int ticks)
{
	if (max <= 0)
		return 1;
	double raw = max / ticks, mag = pow(10, floor(log10(raw))), f = raw / mag;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

static int open_svg(struct strbuf *sb, const struct svg_chart *c, int w, int h)
{
	int bad = strbuf_addf(sb, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
				  "aria-labelledby=\"%s-t %s-d\" xmlns=\"http://www.w3.org/2000/svg\">",
			      w, h, w, h, c->id, c->id);
	bad |= strbuf_addf(sb, "<title id=\"%s-t\">", c->id);
	bad |= html_text(sb, c->title);
	bad |= strbuf_addf(sb, "</title><desc id=\"%s-d\">", c->id);
	bad |= html_text(sb, c->desc ? c->desc : "");
	bad |= strbuf_adds(sb, "</desc>");
	return bad;
}

static int text_at(struct strbuf *sb, double x, double y, const char *anchor, const char *cls, const char *s)
{
	int bad = strbuf_addf(sb, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">", x, y, anchor, cls);
	bad |= html_text(sb, s);
	return bad | strbuf_adds(sb, "</text>");
}

static double max_value(const struct svg_chart *c, int stacked)
{
	double max = 0;
	for (int i = 0; i < c->n; i++) {
		double sum = 0;
		for (int s = 0; s < c->nseries; s++) {
			double v = c->series[s].values[i];
			if (!isfinite(v))
				continue;
			if (stacked)
				sum += v;
			else if (v > max)
				max = v;
		}
		if (stacked && sum > max)
			max = sum;
	}
	if (isfinite(c->reference) && c->reference > max)
		max = c->reference;
	return max;
}

static int legend(struct strbuf *sb, const struct svg_chart *c, double x, double y)
{
	int bad = 0;
	if (c->nseries < 2)
		return 0;
	for (int s = 0; s < c->nseries; s++) {
		bad |= strbuf_addf(sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>", x, y - 10,
				   svg_colours[s % 6]);
		bad |= text_at(sb, x + 16, y, "start", "lg", c->series[s].name);
		x += 24 + 6.5 * (double)strlen(c->series[s].name);
	}
	return bad;
}

/* The value axis (vertical, for line charts and columns): gridlines and ticks. */
static int y_axis(struct strbuf *sb, const struct svg_chart *c, double top, double left, double right, double bottom,
		  double max, double step)
{
	int bad = 0;
	char buf[48];
	for (double v = 0; v <= max + step / 2; v += step) {
		double y = bottom - (bottom - top) * v / max;
		bad |= strbuf_addf(sb, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", left, right, y, y);
		html_number(buf, sizeof buf, v, step < 1 ? 1 : 0);
		bad |= text_at(sb, left - 6, y + 4, "end", "tick", buf);
	}
	bad |= strbuf_addf(sb, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>", left, left, top, bottom);
	bad |= strbuf_addf(sb, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>", left, right, bottom, bottom);
	if (c->y_label) {
		bad |= strbuf_addf(sb, "<text transform=\"translate(14 %.1f) rotate(-90)\" text-anchor=\"middle\" class=\"unit\">",
				   (top + bottom) / 2);
		bad |= html_text(sb, c->y_label);
		bad |= strbuf_adds(sb, "</text>");
	}
	return bad;
}

enum { BAR = 18, BAR_GAP = 6 };

int svg_chart_height(const struct svg_chart *c, int kind)
{
	if (kind == 'b')
		return c->height ? c->height : 30 + c->n * (BAR + BAR_GAP) + 34;
	return c->height ? c->height : kind == 'l' ? 240 : 260;
}

/* The plot area of a line ('l') or stacked column ('s') chart, its y scale
 * rounded up to a nice step, and the svg opened with legend and y axis. */
struct frame {
	double left, right, top, bottom, max;
};

static int open_frame(struct strbuf *sb, const struct svg_chart *c, char kind, double top, struct frame *f)
{
	const int w = c->width ? c->width : 620, h = svg_chart_height(c, kind);
	f->left = 64, f->right = w - 16, f->top = top, f->bottom = h - 46;
	double max = max_value(c, kind == 's'), step = nice_step(max, 4);
	max = step * ceil(max / step);
	if (max <= 0)
		max = step;
	f->max = max;
	int bad = open_svg(sb, c, w, h);
	bad |= legend(sb, c, f->left, 16);
	return bad | y_axis(sb, c, f->top, f->left, f->right, f->bottom, max, step);
}

int svg_line_chart(struct strbuf *sb, const struct svg_chart *c)
{
	struct frame f;
	int bad = open_frame(sb, c, 'l', 34, &f);
	const double left = f.left, right = f.right, top = f.top, bottom = f.bottom, max = f.max;
	double dx = c->n > 1 ? (right - left) / (c->n - 1) : 0;
	int every = c->label_every > 0 ? c->label_every : (c->n + 9) / 10;
	for (int i = 0; i < c->n; i += every ? every : 1) {
		double x = left + dx * i;
		bad |= strbuf_addf(sb, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>", x, x, bottom, bottom + 4);
		bad |= text_at(sb, x, bottom + 18, "middle", "tick", c->labels[i]);
	}
	for (int s = 0; s < c->nseries; s++) {
		/* a path with a gap wherever the value is missing */
		int pen = 0;
		bad |= strbuf_addf(sb, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2\" d=\"", svg_colours[s % 6]);
		for (int i = 0; i < c->n; i++) {
			double v = c->series[s].values[i];
			if (!isfinite(v)) {
				pen = 0;
				continue;
			}
			bad |= strbuf_addf(sb, "%s%.1f %.1f ", pen ? "L" : "M", left + dx * i, bottom - (bottom - top) * v / max);
			pen = 1;
		}
		bad |= strbuf_adds(sb, "\"/>");
		/* the last value, labelled */
		for (int i = c->n - 1; i >= 0; i--) {
			double v = c->series[s].values[i];
			if (!isfinite(v))
				continue;
			double x = left + dx * i, y = bottom - (bottom - top) * v / max;
			bad |= strbuf_addf(sb, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x, y, svg_colours[s % 6]);
			break;
		}
	}
	return bad | strbuf_adds(sb, "</svg>");
}

int svg_bar_chart(struct strbuf *sb, const struct svg_chart *c)
{
	const int w = c->width ? c->width : 620, bar = BAR, gap = BAR_GAP;
	/* room for the longest label on the left */
	size_t longest = 0;
	for (int i = 0; i < c->n; i++)
		if (strlen(c->labels[i]) > longest)
			longest = strlen(c->labels[i]);
	const double left = 12 + 6.2 * (double)(longest < 32 ? longest : 32), right = w - 52, top = 30;
	int h = svg_chart_height(c, 'b');
	double max = max_value(c, 0), step = nice_step(max, 4);
	max = step * ceil(max / step);
	if (max <= 0)
		max = step;
	double bottom = top + c->n * (bar + gap);
	int bad = open_svg(sb, c, w, h);
	char buf[64];
	for (double v = 0; v <= max + step / 2; v += step) {
		double x = left + (right - left) * v / max;
		bad |= strbuf_addf(sb, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", x, x, top - 4, bottom);
		html_number(buf, sizeof buf, v, step < 1 ? 1 : 0);
		bad |= text_at(sb, x, bottom + 16, "middle", "tick", buf);
	}
	if (c->y_label)
		bad |= text_at(sb, (left + right) / 2, bottom + 31, "middle", "unit", c->y_label);
	for (int i = 0; i < c->n; i++) {
		double y = top + i * (bar + gap);
		double v = c->series[0].values[i];
		bad |= text_at(sb, left - 8, y + bar * 0.7, "end", "lbl", c->labels[i]);
		if (isfinite(v)) {
			double bw = (right - left) * v / max;
			bad |= strbuf_addf(sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", left, y, bw,
					   bar, svg_colours[0]);
			html_number(buf, sizeof buf, v, c->decimals);
			strncat(buf, c->suffix ? c->suffix : "", sizeof buf - strlen(buf) - 1);
			bad |= text_at(sb, left + bw + 5, y + bar * 0.7, "start", "val", buf);
		} else {
			bad |= text_at(sb, left + 5, y + bar * 0.7, "start", "val", c->missing_text ? c->missing_text : "–");
		}
	}
	bad |= strbuf_addf(sb, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>", left, left, top - 4, bottom);
	if (isfinite(c->reference)) {
		double x = left + (right - left) * c->reference / max;
		bad |= strbuf_addf(sb, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"ref\"/>", x, x, top - 8, bottom);
		bad |= text_at(sb, x, top - 12, "middle", "tick", c->reference_label ? c->reference_label : "");
	}
	return bad | strbuf_adds(sb, "</svg>");
}

int svg_stacked_columns(struct strbuf *sb, const struct svg_chart *c)
{
	struct frame f;
	int bad = open_frame(sb, c, 's', 40, &f);
	const double left = f.left, right = f.right, top = f.top, bottom = f.bottom, max = f.max;
	double slot = c->n ? (right - left) / c->n : 0, cw = slot * 0.6;
	for (int i = 0; i < c->n; i++) {
		double x = left + slot * i + (slot - cw) / 2, base = bottom;
		for (int s = 0; s < c->nseries; s++) {
			double v = c->series[s].values[i];
			if (!isfinite(v) || v <= 0)
				continue;
			double hgt = (bottom - top) * v / max;
			base -= hgt;
			bad |= strbuf_addf(sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>", x, base, cw,
					   hgt, svg_colours[s % 6]);
		}
		bad |= text_at(sb, x + cw / 2, bottom + 18, "middle", "tick", c->labels[i]);
	}
	return bad | strbuf_adds(sb, "</svg>");
}
