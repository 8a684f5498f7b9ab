/* The children's social work workforce census XML (CSWW, reference date
 * 30 September): Message/Header, LALevelVacancies (vacancies, agency FTE
 * and headcount) and one CSWWWorker per worker.
 *
 * Streaming like the CIN census reader: the header, the LA record and each
 * worker are handed to callbacks as lists of (element, text, line), values
 * as given; elements the census does not have come as remarks. */
#ifndef CF_FORMATS_WORKFORCE_H
#define CF_FORMATS_WORKFORCE_H

#include "base/error.h"

#define CSWW_MAXITEMS 64

struct csww_item {
	const char *name;      /* element name */
	const char *text;      /* trimmed text */
	long line;
};

/* The header, the LA record or one worker: valid during the callback. */
struct csww_record {
	long line;             /* where the record's element starts */
	long index;            /* workers: 1 for the first in the file */
	int nitems;
	struct csww_item items[CSWW_MAXITEMS];
};

/* The text of element name in r (NULL when absent); *line set when found. */
const char *csww_get(const struct csww_record *r, const char *name, long *line);

struct csww_remark {
	long line;
	const char *element, *value, *kind, *why;
};

struct csww_handler {
	int (*header)(void *ctx, const struct csww_record *h, struct cf_error *err);   /* once, first */
	int (*la)(void *ctx, const struct csww_record *la, struct cf_error *err);
	int (*worker)(void *ctx, const struct csww_record *w, struct cf_error *err);
	int (*remark)(void *ctx, const struct csww_remark *r, struct cf_error *err);
};

/* Returned by a handler: stop reading, no error. */
#define CSWW_STOP 100

/* Read the census at path. Returns CF_OK, CF_EINPUT (not well-formed, or
 * not a workforce census: root not <Message>, no CSWWWorker and no
 * LALevelVacancies), CF_EIO, or what a handler returned. *workers (may be
 * NULL) counts the workers read. */
int csww_read(const char *path, const struct csww_handler *h, void *ctx, long *workers, struct cf_error *err);

/* 1 when the start of the file looks like a workforce census. */
int csww_sniff(const char *path);

#endif
