/* Error context: a status and a located message. */
#include "base/error.h"

#include <stdio.h>
#include <string.h>

void cf_error_clear(struct cf_error *err)
{
	if (!err)
		return;
	memset(err, 0, sizeof *err);
}

static void copy_trunc(char *dst, size_t size, const char *src)
{
	if (!src) {
		dst[0] = '\0';
		return;
	}
	snprintf(dst, size, "%s", src);
}

static int set_v(struct cf_error *err, int status, const char *file, long line,
		 const char *column, const char *value, const char *fmt, va_list ap)
{
	if (!err)
		return status;
	err->status = status;
	copy_trunc(err->file, sizeof err->file, file);
	err->line = line;
	copy_trunc(err->column, sizeof err->column, column);
	copy_trunc(err->value, sizeof err->value, value);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	return status;
}

int cf_error_set(struct cf_error *err, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_v(err, status, NULL, 0, NULL, NULL, fmt, ap);
	va_end(ap);
	return status;
}

int cf_error_at(struct cf_error *err, int status, const char *file, long line,
		const char *column, const char *value, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_v(err, status, file, line, column, value, fmt, ap);
	va_end(ap);
	return status;
}

void cf_error_format(const struct cf_error *err, char *buf, unsigned long size)
{
	size_t n = 0;
	buf[0] = '\0';
#define ADD(...) do { if (n < size) { int k = snprintf(buf + n, size - n, __VA_ARGS__); if (k > 0) n += (size_t)k; } } while (0)
	if (err->file[0]) {
		ADD("%s", err->file);
		if (err->line > 0)
			ADD(":%ld", err->line);
		ADD(": ");
	}
	if (err->column[0])
		ADD("column %s: ", err->column);
	if (err->value[0])
		ADD("value '%s': ", err->value);
	ADD("%s", err->msg[0] ? err->msg : "unknown error");
#undef ADD
}

void cf_error_print(const struct cf_error *err)
{
	char buf[2048];
	cf_error_format(err, buf, sizeof buf);
	fprintf(stderr, "caseflow: %s\n", buf);
}
