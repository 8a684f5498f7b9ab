/* Streaming CSV reader: scan a whole record (quote-aware) into the buffer,
 * then split it in place. */
#include "base/csv.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* the first buffer; the fuzz build makes it tiny to exercise refills */
#ifndef CSV_CHUNK
#define CSV_CHUNK (256 * 1024)
#endif

static int reader_setup(struct csv_reader *r, struct cf_error *err)
{
	r->cap = CSV_CHUNK;
	r->buf = malloc(r->cap + 1);
	r->fields_cap = 32;
	r->fields = malloc(sizeof *r->fields * (size_t)r->fields_cap);
	r->lens = malloc(sizeof *r->lens * (size_t)r->fields_cap);
	if (!r->buf || !r->fields || !r->lens) {
		csv_reader_close(r);
		return cf_error_set(err, CF_EIO, "out of memory opening %s", r->path);
	}
	r->next_line = 1;
	return CF_OK;
}

int csv_reader_init_fp(struct csv_reader *r, FILE *fp, const char *path, struct cf_error *err)
{
	memset(r, 0, sizeof *r);
	r->path = path;
	r->fp = fp;
	return reader_setup(r, err);
}

int csv_reader_open(struct csv_reader *r, const char *path, struct cf_error *err)
{
	memset(r, 0, sizeof *r);
	r->path = path;
	r->fp = fopen(path, "rb");
	if (!r->fp)
		return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot open file");
	r->owns_fp = 1;
	return reader_setup(r, err);
}

void csv_reader_close(struct csv_reader *r)
{
	if (r->owns_fp && r->fp)
		fclose(r->fp);
	free(r->buf);
	free(r->fields);
	free(r->lens);
	r->fp = NULL;
	r->buf = NULL;
	r->fields = NULL;
	r->lens = NULL;
}

long long csv_reader_bytes(const struct csv_reader *r) { return r->bytes_read - (long long)(r->len - r->pos); }

/* Move unread bytes to the front and read more. Returns bytes added, 0 at
 * EOF, -1 on a read error or when the record would exceed the cap. */
static long fill(struct csv_reader *r, struct cf_error *err)
{
	if (r->eof)
		return 0;
	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	if (r->len == r->cap) {
		if (r->cap >= CSV_MAX_ROW) {
			cf_error_at(err, CF_EINPUT, r->path, r->next_line, NULL, NULL,
				    "a record is longer than %zu MiB: not a CSV table (or an unterminated quote)",
				    CSV_MAX_ROW >> 20);
			return -1;
		}
		size_t ncap = r->cap * 2 > CSV_MAX_ROW ? CSV_MAX_ROW : r->cap * 2;
		char *nb = realloc(r->buf, ncap + 1);
		if (!nb) {
			cf_error_set(err, CF_EIO, "out of memory reading %s", r->path);
			return -1;
		}
		r->buf = nb;
		r->cap = ncap;
	}
	size_t n = fread(r->buf + r->len, 1, r->cap - r->len, r->fp);
	if (n == 0) {
		if (ferror(r->fp)) {
			cf_error_at(err, CF_EIO, r->path, r->next_line, NULL, NULL, "read error");
			return -1;
		}
		r->eof = 1;
		return 0;
	}
	r->len += n;
	r->bytes_read += (long long)n;
	return (long)n;
}

static int push_field(struct csv_reader *r, char *s, size_t n, struct cf_error *err)
{
	if (r->nfields == r->fields_cap) {
		if (r->fields_cap >= 4096)
			return cf_error_at(err, CF_EINPUT, r->path, r->line, NULL, NULL,
					   "more than 4096 fields in a record: not a CSV table");
		int nc = r->fields_cap * 2;
		char **f = realloc(r->fields, sizeof *f * (size_t)nc);
		if (!f)
			return cf_error_set(err, CF_EIO, "out of memory");
		r->fields = f;
		size_t *l = realloc(r->lens, sizeof *l * (size_t)nc);
		if (!l)
			return cf_error_set(err, CF_EIO, "out of memory");
		r->lens = l;
		r->fields_cap = nc;
	}
	s[n] = '\0';
	r->fields[r->nfields] = s;
	r->lens[r->nfields] = n;
	r->nfields++;
	return CF_OK;
}

/* Find the end of the record starting at r->pos. Sets *end to the index of
 * the terminating '\n' (or r->len at EOF), *quoted when it holds quotes,
 * *newlines to the newlines inside quotes. Returns 1 found, 0 need more. */
static int scan_record(struct csv_reader *r, size_t *end, int *quoted, long *newlines)
{
	char *p = r->buf + r->pos, *lim = r->buf + r->len;
	char *nl = memchr(p, '\n', (size_t)(lim - p));
	char *q = memchr(p, '"', (size_t)((nl ? nl : lim) - p));
	*newlines = 0;
	if (!q) {
		*quoted = 0;
		if (nl) {
			*end = (size_t)(nl - r->buf);
			return 1;
		}
		*end = r->len;
		return r->eof;
	}
	*quoted = 1;
	int inq = 0;
	for (char *s = p; s < lim; s++) {
		if (*s == '"')
			inq = !inq;  /* "" toggles twice: stays consistent */
		else if (*s == '\n') {
			if (!inq) {
				*end = (size_t)(s - r->buf);
				return 1;
			}
			(*newlines)++;
		}
	}
	*end = r->len;
	return r->eof ? (inq ? -1 : 1) : 0;
}

static int split_plain(struct csv_reader *r, char *s, char *e, struct cf_error *err)
{
	for (;;) {
		char *c = memchr(s, ',', (size_t)(e - s));
		char *fe = c ? c : e;
		if (push_field(r, s, (size_t)(fe - s), err))
			return -1;
		if (!c)
			return 0;
		s = c + 1;
	}
}

static int split_quoted(struct csv_reader *r, char *s, char *e, struct cf_error *err)
{
	for (;;) {
		char *start = s, *w = s;
		if (s < e && *s == '"') {
			s++;
			for (;;) {
				if (s >= e)
					break;
				if (*s == '"') {
					if (s + 1 < e && s[1] == '"') {
						*w++ = '"';
						s += 2;
						continue;
					}
					s++;
					break;
				}
				*w++ = *s++;
			}
			/* tolerate text after the closing quote up to the comma */
			while (s < e && *s != ',')
				*w++ = *s++;
		} else {
			while (s < e && *s != ',')
				*w++ = *s++;
		}
		if (push_field(r, start, (size_t)(w - start), err))
			return -1;
		if (s >= e)
			return 0;
		s++;  /* the comma */
	}
}

int csv_reader_next(struct csv_reader *r, struct cf_error *err)
{
	size_t end;
	int quoted, found;
	long newlines;
	for (;;) {
		if (r->pos >= r->len && r->eof)
			return 0;
		found = r->pos < r->len ? scan_record(r, &end, &quoted, &newlines) : 0;
		if (found == 1)
			break;
		if (found == -1)
			return cf_error_at(err, CF_EINPUT, r->path, r->next_line, NULL, NULL,
					   "unterminated quoted field at end of file (truncated file?)"), -1;
		long got = fill(r, err);
		if (got < 0)
			return -1;
		if (got == 0 && r->pos >= r->len)
			return 0;
	}
	char *s = r->buf + r->pos;
	char *e = r->buf + end;
	r->pos = end < r->len ? end + 1 : end;
	if (!r->started) {
		r->started = 1;
		if (e - s >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF)
			s += 3;
	}
	if (e > s && e[-1] == '\r')
		e--;
	if (memchr(s, '\0', (size_t)(e - s)))
		return cf_error_at(err, CF_EINPUT, r->path, r->next_line, NULL, NULL,
				   "NUL byte in text: a binary file, not CSV"), -1;
	r->line = r->next_line;
	r->next_line += 1 + newlines;
	r->record++;
	r->nfields = 0;
	if ((quoted ? split_quoted(r, s, e, err) : split_plain(r, s, e, err)) < 0)
		return -1;
	return 1;
}

int csv_row_is_blank(const struct csv_reader *r)
{
	for (int i = 0; i < r->nfields; i++)
		for (size_t k = 0; k < r->lens[i]; k++)
			if (r->fields[i][k] != ' ' && r->fields[i][k] != '\t')
				return 0;
	return 1;
}

char *csv_trim(char *s, size_t *len)
{
	size_t n = *len;
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	s[n] = '\0';
	*len = n;
	return s;
}

void csv_write_field(FILE *out, const char *s)
{
	if (!s)
		return;
	/* a leading byte-order mark is quoted too: first in a file, the reader
	 * would take it for the file's own mark and drop it */
	if (!strpbrk(s, ",\"\r\n") && strncmp(s, "\xEF\xBB\xBF", 3) != 0) {
		fputs(s, out);
		return;
	}
	/* written in runs up to each quote, which is doubled: a million-row
	 * output spent most of its time in a call per byte */
	fputc('"', out);
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		fwrite(s, 1, (size_t)(q - s) + 1, out);
		fputc('"', out);
	}
	fputs(s, out);
	fputc('"', out);
}

int csv_reader_open_header(struct csv_reader *r, const char *path, struct cf_error *err)
{
	int rc = csv_reader_open(r, path, err);
	if (rc)
		return rc;
	int got;
	while ((got = csv_reader_next(r, err)) == 1 && csv_row_is_blank(r))
		;
	if (got == 1)
		return CF_OK;
	csv_reader_close(r);
	return got < 0 ? CF_EINPUT : cf_error_at(err, CF_EINPUT, path, 1, NULL, NULL, "the file has no header");
}
