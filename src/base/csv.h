/* Streaming CSV reader (RFC 4180 plus what councils really send: a UTF-8
 * byte-order mark, CRLF or LF, quoted fields with "" escapes and embedded
 * newlines, blank trailing rows) and a small writer.
 *
 * Memory is bounded: the reader holds one buffer that grows only to hold the
 * longest row, capped at CSV_MAX_ROW bytes. Fields point into that buffer and
 * are valid until the next csv_reader_next(). */
#ifndef CF_BASE_CSV_H
#define CF_BASE_CSV_H

#include <stdio.h>
#include <stddef.h>

#include "base/error.h"

#ifndef CSV_MAX_ROW
#define CSV_MAX_ROW ((size_t)16 << 20)  /* the fuzz build lowers it to reach the cap */
#endif

struct csv_reader {
	/* current row, valid until the next call */
	int nfields;
	char **fields;       /* NUL-terminated, unescaped */
	size_t *lens;
	long record;         /* 1-based record number: the header row is 1 */
	long line;           /* 1-based physical line the record starts on */

	/* private */
	const char *path;
	FILE *fp;
	int owns_fp, eof, started;
	char *buf;
	size_t cap, len, pos;
	int fields_cap;
	long next_line;
	long long bytes_read;
};

/* Open path for reading ("-" is not accepted). Returns CF_OK or CF_EIO/CF_EINPUT. */
int csv_reader_open(struct csv_reader *r, const char *path, struct cf_error *err);
/* Read from an open stream (not closed by csv_reader_close); path names it in messages. */
int csv_reader_init_fp(struct csv_reader *r, FILE *fp, const char *path, struct cf_error *err);
void csv_reader_close(struct csv_reader *r);

/* Open path and read up to its header, the first row that is not blank,
 * which is then the current row. CF_EINPUT naming the file when it has
 * none or the CSV is broken before it; the reader is closed on failure. */
int csv_reader_open_header(struct csv_reader *r, const char *path, struct cf_error *err);

/* Advance to the next record. Returns 1 with a row, 0 at end of input, or
 * -1 on a structural error (err says where: unterminated quote, row too
 * long, NUL byte, read error). */
int csv_reader_next(struct csv_reader *r, struct cf_error *err);

/* 1 when every field of the current row is empty or spaces. */
int csv_row_is_blank(const struct csv_reader *r);

/* Trim white space from both ends of a field (the reader's fields are
 * mutable and NUL-terminated) in place: the new end is NUL-terminated,
 * *len becomes the new length and the new start is returned. */
char *csv_trim(char *s, size_t *len);

/* Bytes consumed so far (for progress and MB/s). */
long long csv_reader_bytes(const struct csv_reader *r);

/* Write one field, quoted only when it holds a comma, quote, CR or LF (or
 * starts with a byte-order mark), so the reader gives it back unchanged. */
void csv_write_field(FILE *out, const char *s);

#endif
