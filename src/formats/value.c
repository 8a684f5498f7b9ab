/* Normalising raw values from returns: dates, flags, codes, numbers, areas. */
#include "formats/value.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/date.h"
#include "formats/postcode.h"
#include "formats/code_labels.h"
#include "formats/ssda903.h"

static void trim(const char **s, size_t *len)
{
	while (*len && isspace((unsigned char)**s))
		(*s)++, (*len)--;
	while (*len && isspace((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

/* Trim; an empty value is VALUE_EMPTY. Returns 0 when there is a value. */
static int start(const char **raw, size_t *len, struct value *v)
{
	v->why = NULL;
	v->kind = NULL;
	v->out[0] = '\0';
	if (!*raw) {
		v->status = VALUE_EMPTY;
		return -1;
	}
	trim(raw, len);
	if (*len == 0) {
		v->status = VALUE_EMPTY;
		return -1;
	}
	if (*len >= sizeof v->out)
		*len = sizeof v->out - 1;
	v->status = VALUE_OK;
	return 0;
}

/* v->out = the first len bytes of raw (fewer at a NUL), as
 * snprintf("%.*s") would give, without the cost of formatting: this runs
 * for nearly every value loaded. len < sizeof v->out (start() sees to it). */
static void put_out(struct value *v, const char *raw, size_t len)
{
	const char *nul = memchr(raw, '\0', len);
	if (nul)
		len = (size_t)(nul - raw);
	memcpy(v->out, raw, len);
	v->out[len] = '\0';
}

static void issue(struct value *v, const char *raw, size_t len, const char *kind, const char *why)
{
	put_out(v, raw, len);
	v->status = VALUE_ISSUE;
	v->kind = kind;
	v->why = why;
}

int value_in_list(const char *code, size_t n, const char *codes)
{
	for (const char *p = codes; *p;) {
		const char *e = strchr(p, ' ');
		size_t k = e ? (size_t)(e - p) : strlen(p);
		if (k == n && memcmp(p, code, n) == 0)
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

void value_date(const char *raw, size_t len, struct value *v)
{
	if (start(&raw, &len, v))
		return;
	cf_date d;
	if (cf_date_parse_datetime(raw, len, &d) == 0) {
		cf_date_format(d, v->out);
		return;
	}
	issue(v, raw, len, "bad_date", "not a date (expected yyyy-mm-dd or dd/mm/yyyy)");
}

void value_flag(const char *raw, size_t len, int strict, struct value *v)
{
	if (start(&raw, &len, v))
		return;
	const char *s = raw;
	size_t n = len;
	/* Annex A writes "a) Yes" / "b) No" */
	if (n > 3 && isalpha((unsigned char)s[0]) && s[1] == ')' && s[2] == ' ') {
		s += 3;
		n -= 3;
	}
	static const char *const words[] = { "1", "true", "yes", "y", "0", "false", "no", "n", NULL };
	for (int i = 0; words[i]; i++)
		if (strlen(words[i]) == n && strncasecmp(words[i], s, n) == 0) {
			v->out[0] = i < 4 ? '1' : '0';
			v->out[1] = '\0';
			if (strict && (n != 1 || !isdigit((unsigned char)*s) || s != raw)) {
				v->status = VALUE_NOTE;
				v->kind = "nonstandard_value";
				v->why = i < 4 ? "a yes written other than as 1: stored as 1" : "a no written other than as 0: stored as 0";
			}
			return;
		}
	issue(v, raw, len, "bad_value", "not a yes/no value (expected 0 or 1)");
}

void value_code(const char *raw, size_t len, const char *codes, struct value *v)
{
	if (start(&raw, &len, v))
		return;
	for (size_t i = 0; i < len; i++)
		v->out[i] = (char)toupper((unsigned char)raw[i]);
	v->out[len] = '\0';
	if (codes && !value_in_list(v->out, len, codes)) {
		/* DfE's label for a code reads as the code, and says so */
		const char *code = code_label_lookup(codes, raw, len);
		if (code) {
			snprintf(v->out, sizeof v->out, "%s", code);
			v->status = VALUE_NOTE;
			v->kind = "label_mapped";
			v->why = "DfE's label for the code, read as the code";
			return;
		}
		issue(v, raw, len, "unknown_code", "not a code of this field in any collection year");
	}
}

void value_codes(const char *raw, size_t len, const char *codes, struct value *v)
{
	if (start(&raw, &len, v))
		return;
	size_t o = 0;
	int bad = 0;
	for (size_t i = 0; i < len;) {
		while (i < len && isspace((unsigned char)raw[i]))
			i++;
		size_t b = i;
		while (i < len && !isspace((unsigned char)raw[i]))
			i++;
		if (i == b)
			break;
		if (o)
			v->out[o++] = ' ';
		size_t first = o;
		for (size_t k = b; k < i && o < sizeof v->out - 1; k++)
			v->out[o++] = (char)toupper((unsigned char)raw[k]);
		if (codes && !value_in_list(v->out + first, o - first, codes))
			bad = 1;
	}
	v->out[o] = '\0';
	if (bad) {
		v->status = VALUE_ISSUE;
		v->kind = "unknown_code";
		v->why = "holds a code that is not valid for this field in any collection year";
	}
}

void value_count(const char *raw, size_t len, struct value *v)
{
	if (start(&raw, &len, v))
		return;
	size_t i = 0;
	while (i < len && isdigit((unsigned char)raw[i]))
		i++;
	/* "3.0" from a spreadsheet is still 3 */
	size_t digits = i;
	if (i < len && raw[i] == '.') {
		i++;
		while (i < len && raw[i] == '0')
			i++;
	}
	if (digits == 0 || digits > 9 || i != len) {
		issue(v, raw, len, "bad_number", "not a whole number of 0 or more");
		return;
	}
	snprintf(v->out, sizeof v->out, "%ld", strtol(raw, NULL, 10));
}

void value_decimal(const char *raw, size_t len, struct value *v)
{
	if (start(&raw, &len, v))
		return;
	char buf[64];
	if (len >= sizeof buf) {
		issue(v, raw, len, "bad_number", "not a number");
		return;
	}
	memcpy(buf, raw, len);
	buf[len] = '\0';
	char *end;
	errno = 0;
	double d = strtod(buf, &end);
	if (end == buf || *end || errno || d < 0 || d != d) {
		issue(v, raw, len, "bad_number", "not a number of 0 or more");
		return;
	}
	put_out(v, raw, len);
}

void value_money(const char *raw, size_t len, int signed_ok, struct value *v)
{
	if (start(&raw, &len, v))
		return;
	char buf[64];
	size_t n = 0, i = 0;
	int digits = 0, point = 0;
	if (i < len && (raw[i] == '-' || raw[i] == '+')) {
		if (raw[i] == '-')
			buf[n++] = '-';
		i++;
	}
	if (i + 1 < len && (unsigned char)raw[i] == 0xC2 && (unsigned char)raw[i + 1] == 0xA3)
		i += 2;   /* "£" in UTF-8 */
	for (; i < len && n < sizeof buf - 1; i++) {
		char c = raw[i];
		if (isdigit((unsigned char)c)) {
			buf[n++] = c;
			digits++;
		} else if (c == ',' && digits && !point)
			continue;
		else if (c == '.' && !point) {
			buf[n++] = c;
			point = 1;
		} else
			break;
	}
	buf[n] = '\0';
	if (i < len || !digits) {
		issue(v, raw, len, "bad_number", signed_ok ? "not an amount of money" : "not an amount of money of 0 or more");
		return;
	}
	if (!signed_ok && buf[0] == '-' && strtod(buf, NULL) != 0) {
		issue(v, raw, len, "bad_number", "a negative amount where only 0 or more makes sense");
		return;
	}
	put_out(v, buf, n);
}

void value_text(const char *raw, size_t len, struct value *v)
{
	if (start(&raw, &len, v))
		return;
	put_out(v, raw, len);
}

void value_sector(const char *raw, size_t len, struct value *v)
{
	if (start(&raw, &len, v))
		return;
	/* a full postcode, or already a sector ("LS14" without its space is an outward code) */
	if (postcode_sector_of(raw, len, POSTCODE_FULL | POSTCODE_SECTOR, v->out, sizeof v->out) == 0)
		return;
	v->out[0] = '\0';
	v->status = VALUE_ISSUE;
	v->kind = "bad_postcode";
	v->why = "not a postcode or postcode sector (not stored)";
}

void value_area(const char *raw, size_t len, struct value *v)
{
	if (start(&raw, &len, v))
		return;
	/* ONS codes: a letter and eight digits (E05 wards, E06-E10 authorities) */
	if (len == 9 && isalpha((unsigned char)raw[0])) {
		int digits = 1;
		for (size_t i = 1; i < 9; i++)
			digits &= isdigit((unsigned char)raw[i]) != 0;
		if (digits) {
			snprintf(v->out, sizeof v->out, "%c%.8s", toupper((unsigned char)raw[0]), raw + 1);
			return;
		}
	}
	value_sector(raw, len, v);
}
