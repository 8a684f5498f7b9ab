/* Status codes and the error context every fallible caseflow call fills in.
 *
 * Functions return an int status from enum cf_status (0 is success). The
 * human message — file, row, column, value and why — goes into a cf_error
 * the caller passes in, so callers can write
 *     if ((rc = thing(..., err)) != CF_OK) return rc;
 * The numeric values are also the CLI's exit codes (see docs/exit-codes.md). */
#ifndef CF_BASE_ERROR_H
#define CF_BASE_ERROR_H

#include <stdarg.h>

enum cf_status {
	CF_OK = 0,
	CF_EINPUT = 1,     /* bad input: a file, a value, an option value */
	CF_EUSAGE = 2,     /* the command line itself is wrong */
	CF_EIO = 3,        /* reading, writing, the store, memory: internal or I/O */
};

struct cf_error {
	int status;            /* last status set, CF_OK when clear */
	char file[512];        /* file the problem is in, or "" */
	long line;             /* 1-based line/row in that file, 0 when not known */
	char column[64];       /* column or field name, or "" */
	char value[128];       /* offending value (truncated), or "" */
	char msg[1024];        /* the reason, in words */
};

void cf_error_clear(struct cf_error *err);

/* Set a message with no location. Returns status, so `return cf_error_set(...)`. */
int cf_error_set(struct cf_error *err, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Set a message located at file:line, column, value (any may be NULL/0). */
int cf_error_at(struct cf_error *err, int status, const char *file, long line,
		const char *column, const char *value, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* Write "caseflow: file:line: column COL: value 'V': msg" to buf. */
void cf_error_format(const struct cf_error *err, char *buf, unsigned long size);

/* Print the formatted error to stderr with a "caseflow: " prefix. */
void cf_error_print(const struct cf_error *err);

#endif
