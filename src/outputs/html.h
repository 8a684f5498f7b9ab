/* Writing HTML into a strbuf: escaping, numbers in words people read
 * ("1,234", "12.3%"), and a cf_table as an accessible data table. Reports
 * build a whole page in memory and write it once. */
#ifndef CF_OUTPUTS_HTML_H
#define CF_OUTPUTS_HTML_H

#include <stddef.h>

#include "base/strbuf.h"
#include "base/table.h"

/* Append s with &, <, >, " and ' escaped. Returns 0 or -1 (cap/OOM), as strbuf. */
int html_text(struct strbuf *sb, const char *s);
/* printf into the page, escaping the formatted result. */
int html_textf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A number for reading: thousands separators, `decimals` places. */
void html_number(char *buf, size_t size, double v, int decimals);

/* A cf_table as <table> with a <caption>, header cells with scope, numbers
 * right-aligned and formatted with the column's decimals; NULL cells show
 * `null_text` (e.g. "c" for suppressed, "–"). The table sits in a
 * <div class="tbl"> that scrolls sideways when the table is wider than its
 * place (long file paths, many columns), so no table widens the page. */
int html_table(struct strbuf *sb, const struct cf_table *t, const char *caption, const char *null_text);

/* The same table without its scrolling box, for callers that put it in one
 * of their own (a figure's table beside its chart). */
int html_table_bare(struct strbuf *sb, const struct cf_table *t, const char *caption, const char *null_text);

#endif
