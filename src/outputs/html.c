/* HTML text, numbers and tables. */
#include "outputs/html.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int html_text(struct strbuf *sb, const char *s)
{
	int bad = 0;
	for (const char *p = s; *p && !bad; p++) {
		switch (*p) {
		case '&': bad = strbuf_adds(sb, "&amp;"); break;
		case '<': bad = strbuf_adds(sb, "&lt;"); break;
		case '>': bad = strbuf_adds(sb, "&gt;"); break;
		case '"': bad = strbuf_adds(sb, "&quot;"); break;
		case '\'': bad = strbuf_adds(sb, "&#39;"); break;
		default: bad = strbuf_addc(sb, *p);
		}
	}
	return bad;
}

int html_textf(struct strbuf *sb, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return html_text(sb, buf);
}

void html_number(char *buf, size_t size, double v, int decimals)
{
	if (!isfinite(v)) {
		snprintf(buf, size, "–");
		return;
	}
	char raw[64];
	snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v) < 0.5 * pow(10, -decimals) ? 0.0 : v);
	/* thousands separators in the integer part */
	const char *digits = raw[0] == '-' ? raw + 1 : raw;
	size_t intlen = strcspn(digits, ".");
	size_t o = 0;
	if (raw[0] == '-' && o + 1 < size)
		buf[o++] = '-';
	for (size_t i = 0; i < intlen && o + 2 < size; i++) {
		if (i && (intlen - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	snprintf(buf + o, size - o, "%s", digits + intlen);
}

int html_table_bare(struct strbuf *sb, const struct cf_table *t, const char *caption, const char *null_text)
{
	int bad = strbuf_adds(sb, "<table class=\"data\">");
	if (caption && caption[0]) {
		bad |= strbuf_adds(sb, "<caption>");
		bad |= html_text(sb, caption);
		bad |= strbuf_adds(sb, "</caption>");
	}
	bad |= strbuf_adds(sb, "<thead><tr>");
	for (int j = 0; j < t->ncols; j++) {
		bad |= strbuf_adds(sb, t->cols[j].type == CF_CELL_TEXT ? "<th scope=\"col\">" : "<th scope=\"col\" class=\"num\">");
		bad |= html_text(sb, t->cols[j].name);
		bad |= strbuf_adds(sb, "</th>");
	}
	bad |= strbuf_adds(sb, "</tr></thead><tbody>");
	char buf[96];
	for (size_t i = 0; i < t->nrows && !bad; i++) {
		bad |= strbuf_adds(sb, "<tr>");
		for (int j = 0; j < t->ncols; j++) {
			const struct cf_cell *c = cf_table_cell_const(t, i, j);
			const char *text = buf;
			switch (c->type) {
			case CF_CELL_TEXT:
			case CF_CELL_JSON: text = c->v.s; break;
			case CF_CELL_INT: html_number(buf, sizeof buf, (double)c->v.i, 0); break;
			case CF_CELL_BOOL: text = c->v.i ? "yes" : "no"; break;
			case CF_CELL_REAL: html_number(buf, sizeof buf, c->v.d, t->cols[j].decimals); break;
			case CF_CELL_NULL: text = null_text ? null_text : ""; break;
			}
			if (j == 0 && c->type == CF_CELL_TEXT)
				bad |= strbuf_adds(sb, "<th scope=\"row\">");
			else
				bad |= strbuf_adds(sb, c->type == CF_CELL_TEXT ? "<td>" : "<td class=\"num\">");
			bad |= html_text(sb, text);
			bad |= strbuf_adds(sb, j == 0 && c->type == CF_CELL_TEXT ? "</th>" : "</td>");
		}
		bad |= strbuf_adds(sb, "</tr>");
	}
	bad |= strbuf_adds(sb, "</tbody></table>");
	return bad ? -1 : 0;
}

int html_table(struct strbuf *sb, const struct cf_table *t, const char *caption, const char *null_text)
{
	int bad = strbuf_adds(sb, "<div class=\"tbl\">") | html_table_bare(sb, t, caption, null_text) |
		  strbuf_adds(sb, "</div>");
	return bad ? -1 : 0;
}
