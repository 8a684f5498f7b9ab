/* SSDA903 in the DfE XML layout (root EXPSSDA903), streamed with libxml2's
 * xmlTextReader: one <CHILD> at a time is held, then its rows are handed out. */
#include "formats/ssda903.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>

#include "base/arena.h"

/* No 903 value comes near this; the normaliser keeps less still. */
#define XML_MAX_VALUE 1024
/* What one <CHILD> may hold before we call the file something else: a real
 * child has tens of records, so these only stop a file that would make
 * memory grow without bound. */
#define XML_MAX_CHILD_RECORDS 20000
#define XML_MAX_CHILD_BYTES ((size_t)16 << 20)

/* Leaves of <HEADER> (and of <CHILD> outside any record): the fields of the
 * one-row-per-child tables (header, UASC, OC3, AD1). CHILDID is read as CHILD. */
static const char *const header_fields[] = {
	"CHILD", "UPN", "SEX", "DOB", "ETHNIC", "UASC", "DUC", "MOTHER", "MC_DOB",
	"IN_TOUCH", "ACTIV", "ACCOM",
	"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR",
};
#define NHEADER_FIELDS ((int)(sizeof header_fields / sizeof header_fields[0]))
enum { HF_CHILD = 0, HF_SEX = 2, HF_DOB = 3, HF_UASC = 5, HF_DUC = 6, HF_IN_TOUCH = 9, HF_DATE_INT = 12 };

/* Elements that hold one record of a table. */
static const struct {
	const char *element;
	enum ssda903_table table;
} record_elements[] = {
	{ "EPISODE", S903_EPISODES },
	{ "AREVIEW", S903_REVIEWS },
	{ "AMISSING", S903_MISSING },
	{ "OC2", S903_OC2 },
	{ "PERMANENCE", S903_PREV_PERM },
	{ "AD_PLACED", S903_PLACED_ADOPTION },
	{ "SW_EPISODE", S903_SW_EPISODES },
};
#define NRECORD_ELEMENTS ((int)(sizeof record_elements / sizeof record_elements[0]))

struct xrec {
	enum ssda903_table table;
	long line;
	const char *vals[S903_MAXCOLS];
	size_t lens[S903_MAXCOLS];
	struct xrec *next;
};

struct xml_state {
	const char *path;
	FILE *fp;
	xmlTextReaderPtr reader;
	long *rows;
	ssda903_row_fn fn;
	void *ctx;
	struct cf_error *err;

	/* the first error libxml2 reported */
	int xml_failed, xml_code;
	long xml_line;
	char xml_msg[256];

	/* the <CHILD> being read; everything below lives in the arena */
	struct arena arena;
	int in_child, in_header, root_closed;
	long header_line;
	const char *hvals[NHEADER_FIELDS];
	size_t hlens[NHEADER_FIELDS];
	struct xrec *first, *last, *cur;   /* records in document order; cur = open one */
	int cur_depth;
	long nrecords;
	size_t bytes;

	/* the leaf element being read */
	char leaf[32];
	int leaf_depth;                    /* -1: none */
	char text[XML_MAX_VALUE];
	size_t text_len;
};

static int xml_read_cb(void *ctx, char *buf, int len)
{
	struct xml_state *s = ctx;
	size_t n = fread(buf, 1, (size_t)len, s->fp);
	if (n == 0 && ferror(s->fp))
		return -1;
	return (int)n;
}

static int xml_close_cb(void *ctx) { return 0; }

static void xml_error_cb(void *ctx, xmlErrorPtr e)
{
	struct xml_state *s = ctx;
	if (!e || e->level < XML_ERR_ERROR || s->xml_failed)
		return;
	s->xml_failed = 1;
	s->xml_line = e->line;
	s->xml_code = e->code;
	snprintf(s->xml_msg, sizeof s->xml_msg, "%s", e->message ? e->message : "unknown error");
	size_t n = strlen(s->xml_msg);
	while (n && (s->xml_msg[n - 1] == '\n' || s->xml_msg[n - 1] == ' '))
		s->xml_msg[--n] = '\0';
	for (char *p = s->xml_msg; *p; p++)
		if (*p == '\n')
			*p = ' ';
}

/* The line of the node the reader is on. libxml2 keeps it in the node up to
 * 65,535; past that, the parser's own line is the best there is: it reads a
 * little ahead, so it may be a few lines after the element. */
/* libxml2's plain-text complaints ("xmlParseChunk: encoder error") repeat
 * what the structured handler already has: keep them off stderr. */
static void xml_generic_cb(void *ctx, const char *msg, ...) {}

static long current_line(struct xml_state *s)
{
	xmlNodePtr node = xmlTextReaderCurrentNode(s->reader);
	long line = node ? xmlGetLineNo(node) : -1;
	if (line <= 0 || line >= 65535)
		line = xmlTextReaderGetParserLineNumber(s->reader);
	return line;
}

static int too_big(struct xml_state *s)
{
	const char *child = s->hvals[HF_CHILD] ? s->hvals[HF_CHILD] : "(no CHILDID yet)";
	return cf_error_at(s->err, CF_EINPUT, s->path, current_line(s), NULL, child,
			   "one <CHILD> holds more than %d records or %zu MiB: not an SSDA903 return",
			   XML_MAX_CHILD_RECORDS, XML_MAX_CHILD_BYTES >> 20);
}

static char *keep(struct xml_state *s, const char *v, size_t n)
{
	s->bytes += n + 1;
	return arena_strndup(&s->arena, v, n);
}

static void child_reset(struct xml_state *s)
{
	arena_reset(&s->arena);
	memset(s->hvals, 0, sizeof s->hvals);
	memset(s->hlens, 0, sizeof s->hlens);
	s->first = s->last = s->cur = NULL;
	s->in_header = 0;
	s->nrecords = 0;
	s->bytes = 0;
}

static struct xrec *record_new(struct xml_state *s, enum ssda903_table t, long line)
{
	if (++s->nrecords > XML_MAX_CHILD_RECORDS || s->bytes > XML_MAX_CHILD_BYTES) {
		too_big(s);
		return NULL;
	}
	struct xrec *r = arena_alloc(&s->arena, sizeof *r);
	if (!r) {
		cf_error_set(s->err, CF_EIO, "out of memory reading %s", s->path);
		return NULL;
	}
	memset(r, 0, sizeof *r);
	r->table = t;
	r->line = line;
	s->bytes += sizeof *r;
	return r;
}

static void record_append(struct xml_state *s, struct xrec *r)
{
	if (s->last)
		s->last->next = r;
	else
		s->first = r;
	s->last = r;
}

static int header_field(const char *name)
{
	if (!strcasecmp(name, "CHILDID"))
		return HF_CHILD;
	for (int i = 0; i < NHEADER_FIELDS; i++)
		if (!strcasecmp(header_fields[i], name))
			return i;
	return -1;
}

static int header_has(const struct xml_state *s, int f)
{
	return s->hvals[f] && s->hlens[f] > 0;
}

/* A one-row-per-child table, filled from the header fields by name. */
static int header_record(struct xml_state *s, enum ssda903_table t)
{
	struct xrec *r = record_new(s, t, s->header_line);
	if (!r)
		return s->err->status;
	const struct ssda903_table_def *d = &ssda903_tables[t];
	for (int c = 0; c < d->ncols; c++) {
		int f = header_field(d->cols[c].name);
		if (f >= 0 && s->hvals[f]) {
			r->vals[c] = s->hvals[f];
			r->lens[c] = s->hlens[f];
		}
	}
	record_append(s, r);
	return CF_OK;
}

/* </HEADER>: the header row, and the UASC, OC3 and AD1 rows when the child has them. */
static int header_end(struct xml_state *s)
{
	int rc = header_record(s, S903_HEADER);
	/* <UASC /> is written for every child; a UASC row needs a flag or a date */
	int uasc = header_has(s, HF_DUC) ||
		   (header_has(s, HF_UASC) && !(s->hlens[HF_UASC] == 1 && s->hvals[HF_UASC][0] == '0'));
	if (!rc && uasc)
		rc = header_record(s, S903_UASC);
	int oc3 = 0, ad1 = 0;
	for (int f = HF_IN_TOUCH; f < HF_DATE_INT; f++)
		oc3 |= header_has(s, f);
	for (int f = HF_DATE_INT; f < NHEADER_FIELDS; f++)
		ad1 |= header_has(s, f);
	if (!rc && oc3)
		rc = header_record(s, S903_OC3);
	if (!rc && ad1)
		rc = header_record(s, S903_AD1);
	return rc;
}

/* </CHILD>: give every record the child's ID (and DOB, SEX where the table
 * carries them in CSV), then hand the rows out in document order. */
static int child_end(struct xml_state *s)
{
	static const int copied[] = { HF_CHILD, HF_DOB, HF_SEX };
	for (struct xrec *r = s->first; r; r = r->next) {
		for (int k = 0; k < 3; k++) {
			int c = ssda903_column_index(r->table, header_fields[copied[k]], strlen(header_fields[copied[k]]));
			if (c >= 0 && !r->vals[c] && s->hvals[copied[k]]) {
				r->vals[c] = s->hvals[copied[k]];
				r->lens[c] = s->hlens[copied[k]];
			}
		}
	}
	for (struct xrec *r = s->first; r; r = r->next) {
		long row = ++s->rows[r->table] + 1;
		int rc = s->fn(s->ctx, r->table, r->vals, r->lens, row, r->line, s->err);
		if (rc)
			return rc;
	}
	child_reset(s);
	return CF_OK;
}

/* A leaf's text is in: it belongs to the open record, or to the child's header. */
static int leaf_end(struct xml_state *s)
{
	const char *name = !strcasecmp(s->leaf, "CHILDID") ? "CHILD" : s->leaf;
	const char **dst;
	size_t *dst_len;
	s->leaf_depth = -1;
	if (s->cur) {
		int c = ssda903_column_index(s->cur->table, name, strlen(name));
		if (c < 0)
			return CF_OK;  /* PL_LA, PL_LOCATION and the like: derived, not stored */
		dst = &s->cur->vals[c];
		dst_len = &s->cur->lens[c];
	} else {
		int f = header_field(name);
		if (f < 0)
			return CF_OK;
		dst = &s->hvals[f];
		dst_len = &s->hlens[f];
	}
	if (s->bytes > XML_MAX_CHILD_BYTES)
		return too_big(s);
	char *v = keep(s, s->text, s->text_len);
	if (!v)
		return cf_error_set(s->err, CF_EIO, "out of memory reading %s", s->path);
	*dst = v;
	*dst_len = s->text_len;
	return CF_OK;
}

static int on_element(struct xml_state *s, const char *name, int depth, int empty)
{
	if (depth == 0) {
		if (strcmp(name, "EXPSSDA903") != 0)
			return cf_error_at(s->err, CF_EINPUT, s->path, current_line(s), NULL, name,
					   "the root element is <%.64s>, not <EXPSSDA903>: not an SSDA903 XML return", name);
		s->root_closed = empty;
		return CF_OK;
	}
	if (depth == 1) {
		/* anything else at the top (a file header, say) holds no child data */
		if (!strcmp(name, "CHILD") && !empty) {
			child_reset(s);
			s->in_child = 1;
		}
		return CF_OK;
	}
	if (!s->in_child)
		return CF_OK;
	/* an element inside what looked like a leaf: that one was a container */
	s->leaf_depth = -1;
	if (depth == 2 && !strcmp(name, "HEADER")) {
		s->in_header = !empty;
		s->header_line = current_line(s);
		return empty ? header_end(s) : CF_OK;
	}
	if (!s->cur) {
		for (int i = 0; i < NRECORD_ELEMENTS; i++)
			if (!strcmp(name, record_elements[i].element)) {
				struct xrec *r = record_new(s, record_elements[i].table, current_line(s));
				if (!r)
					return s->err->status;
				if (empty) {
					record_append(s, r);
				} else {
					s->cur = r;
					s->cur_depth = depth;
				}
				return CF_OK;
			}
	}
	size_t n = strlen(name);
	if (n >= sizeof s->leaf)
		return CF_OK;  /* no 903 element has a name this long */
	memcpy(s->leaf, name, n + 1);
	s->text_len = 0;
	s->leaf_depth = depth;
	return empty ? leaf_end(s) : CF_OK;
}

static int on_end(struct xml_state *s, const char *name, int depth)
{
	if (depth == 0)
		s->root_closed = 1;
	if (!s->in_child)
		return CF_OK;
	if (s->leaf_depth == depth)
		return leaf_end(s);
	if (s->cur && depth == s->cur_depth) {
		record_append(s, s->cur);
		s->cur = NULL;
		return CF_OK;
	}
	if (depth == 2 && s->in_header && !strcmp(name, "HEADER")) {
		s->in_header = 0;
		return header_end(s);
	}
	if (depth == 1) {
		s->in_child = 0;
		return child_end(s);
	}
	return CF_OK;
}

static void on_text(struct xml_state *s, int depth)
{
	if (s->leaf_depth < 0 || depth != s->leaf_depth + 1)
		return;
	const char *v = (const char *)xmlTextReaderConstValue(s->reader);
	if (!v)
		return;
	size_t n = strlen(v);
	if (n > sizeof s->text - s->text_len)
		n = sizeof s->text - s->text_len;
	memcpy(s->text + s->text_len, v, n);
	s->text_len += n;
}

int ssda903_xml_read(const char *path, long rows[S903_NTABLES], ssda903_row_fn fn, void *ctx,
		     struct cf_error *err)
{
	struct xml_state s;
	memset(&s, 0, sizeof s);
	for (int t = 0; t < S903_NTABLES; t++)
		rows[t] = 0;
	s.path = path;
	s.rows = rows;
	s.fn = fn;
	s.ctx = ctx;
	s.err = err;
	s.leaf_depth = -1;
	s.fp = fopen(path, "rb");
	if (!s.fp)
		return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot open file");
	/* encoding and I/O errors (some while the reader is made) bypass the
	 * reader's handler: catch them too, so libxml2 never writes to stderr */
	xmlSetStructuredErrorFunc(&s, xml_error_cb);
	xmlSetGenericErrorFunc(&s, xml_generic_cb);
	/* no network, no DTD loading, no entity substitution: the file is all we read */
	s.reader = xmlReaderForIO(xml_read_cb, xml_close_cb, &s, NULL, NULL, XML_PARSE_NONET | XML_PARSE_COMPACT);
	if (!s.reader) {
		xmlSetStructuredErrorFunc(NULL, NULL);
		xmlSetGenericErrorFunc(NULL, NULL);
		fclose(s.fp);
		return cf_error_set(err, CF_EIO, "out of memory opening %s", path);
	}
	xmlTextReaderSetStructuredErrorHandler(s.reader, xml_error_cb, &s);
	arena_init(&s.arena, 0);

	int rc = CF_OK, got = 0, seen_root = 0;
	while (!rc && (got = xmlTextReaderRead(s.reader)) == 1) {
		int type = xmlTextReaderNodeType(s.reader);
		int depth = xmlTextReaderDepth(s.reader);
		const char *name = (const char *)xmlTextReaderConstName(s.reader);
		switch (type) {
		case XML_READER_TYPE_ELEMENT:
			seen_root = 1;
			rc = on_element(&s, name ? name : "", depth, xmlTextReaderIsEmptyElement(s.reader) == 1);
			break;
		case XML_READER_TYPE_END_ELEMENT:
			rc = on_end(&s, name ? name : "", depth);
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
			on_text(&s, depth);
			break;
		default:
			break;
		}
	}
	if (!rc && (got < 0 || s.xml_failed)) {
		long line = s.xml_failed && s.xml_line > 0 ? s.xml_line : current_line(&s);
		const char *why = s.xml_failed ? s.xml_msg : "the parser stopped";
		/* libxml2 calls a document cut short "extra content at the end" */
		if (seen_root && !s.root_closed && s.xml_code == XML_ERR_DOCUMENT_END)
			rc = cf_error_at(err, CF_EINPUT, path, line, NULL, NULL,
					 "the file ends before </EXPSSDA903>: truncated file?");
		else
			rc = cf_error_at(err, CF_EINPUT, path, line, NULL, NULL,
					 "not well-formed XML (a damaged or truncated file?): %s", why);
	}
	if (!rc && !seen_root)
		rc = cf_error_at(err, CF_EINPUT, path, current_line(&s), NULL, NULL,
				 "no root element: not an SSDA903 XML return");
	if (!rc && !s.root_closed)
		rc = cf_error_at(err, CF_EINPUT, path, current_line(&s), NULL, NULL,
				 "the file ends before </EXPSSDA903>: truncated file?");
	xmlFreeTextReader(s.reader);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	fclose(s.fp);
	arena_release(&s.arena);
	return rc;
}
