/* Streaming XML events over libxml2's xmlTextReader (see xmlstream.h). */
#include "formats/xmlstream.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xmlreader.h>

enum { PEND_NONE = 0, PEND_START, PEND_END };

int xml_text_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

int xml_peek_contains(const char *path, const char *const *needles)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return 0;
	char buf[16384];
	size_t n = fread(buf, 1, sizeof buf - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	for (int i = 0; needles[i]; i++)
		if (strstr(buf, needles[i]))
			return 1;
	return 0;
}

/* libxml2 reports problems here; keep the first error, ignore warnings */
static void on_error(void *arg, xmlErrorPtr e)
{
	struct xml_stream *x = arg;
	if (!e || e->level < XML_ERR_ERROR || x->error[0])
		return;
	snprintf(x->error, sizeof x->error, "%s", e->message ? e->message : "malformed XML");
	size_t n = strlen(x->error);
	while (n > 0 && isspace((unsigned char)x->error[n - 1]))
		x->error[--n] = '\0';
	x->error_line = e->line;
}

int xml_stream_open(struct xml_stream *x, const char *path, struct cf_error *err)
{
	memset(x, 0, sizeof *x);
	x->path = path;
	strbuf_init(&x->buf, XML_STREAM_MAXTEXT);
	FILE *probe = fopen(path, "rb");
	if (!probe)
		return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot open the file");
	fclose(probe);
	xmlTextReaderPtr r = xmlReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_NOBLANKS);
	if (!r) {
		strbuf_release(&x->buf);
		return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot read the file as XML");
	}
	xmlTextReaderSetStructuredErrorHandler(r, on_error, x);
	x->reader = r;
	return CF_OK;
}

void xml_stream_close(struct xml_stream *x)
{
	if (x->reader)
		xmlFreeTextReader(x->reader);
	x->reader = NULL;
	strbuf_release(&x->buf);
}

long long xml_stream_bytes(const struct xml_stream *x)
{
	return x->reader ? (long long)xmlTextReaderByteConsumed(x->reader) : 0;
}

/* The line of the reader's current node: the parser itself reads ahead, so
 * its position is not the node's. */
static long node_line(xmlTextReaderPtr r)
{
	xmlNodePtr n = xmlTextReaderCurrentNode(r);
	long line = n ? xmlGetLineNo(n) : -1;
	return line > 0 ? line : xmlTextReaderGetParserLineNumber(r);
}

/* The line where the first non-blank character of a text node is: libxml2
 * numbers a text node by the line it ends on. */
static long text_start_line(xmlTextReaderPtr r, const char *v)
{
	long line = node_line(r);
	const char *p = v;
	while (*p && isspace((unsigned char)*p))
		p++;
	for (; *p; p++)
		if (*p == '\n')
			line--;
	return line > 0 ? line : 1;
}

static void trimmed_text(struct xml_stream *x)
{
	const char *s = strbuf_str(&x->buf);
	size_t n = x->buf.len;
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	/* the buffer is ours until the next call: terminate the trimmed text in place */
	((char *)s)[n] = '\0';
	x->text = s;
	x->text_len = n;
}

static int set_event(struct xml_stream *x, int type, int depth)
{
	x->name = x->names[depth];
	x->depth = depth;
	x->line = x->open_line[depth];
	x->had_children = x->has_child[depth];
	if (type != XML_EV_STRAY) {
		x->text = "";
		x->text_len = 0;
	}
	return type;
}

static int fail(struct xml_stream *x, struct cf_error *err)
{
	long line = x->error_line ? x->error_line : xmlTextReaderGetParserLineNumber(x->reader);
	cf_error_at(err, CF_EINPUT, x->path, line, NULL, NULL, "malformed XML: %s",
		    x->error[0] ? x->error : "the document could not be read");
	return -1;
}

int xml_stream_next(struct xml_stream *x, struct cf_error *err)
{
	xmlTextReaderPtr r = x->reader;
	/* text handed out by the previous event is no longer needed */
	if (x->reset_next) {
		strbuf_reset(&x->buf);
		x->reset_next = 0;
	}
	if (x->pending == PEND_START) {
		x->pending = x->pending_empty ? PEND_END : PEND_NONE;
		return set_event(x, XML_EV_START, x->cur_depth);
	}
	if (x->pending == PEND_END) {
		x->pending = PEND_NONE;
		x->reset_next = 1;
		int t = set_event(x, XML_EV_END, x->cur_depth);
		x->cur_depth--;
		return t;
	}
	for (;;) {
		int got = xmlTextReaderRead(r);
		if (got == 0) {
			if (x->error[0])
				return fail(x, err);
			if (x->cur_depth > 0) {
				cf_error_at(err, CF_EINPUT, x->path, xmlTextReaderGetParserLineNumber(r), x->names[x->cur_depth],
					   NULL, "malformed XML: the document ends inside <%s>", x->names[x->cur_depth]);
				return -1;
			}
			return XML_EV_EOF;
		}
		if (got < 0 || x->error[0])
			return fail(x, err);
		int type = xmlTextReaderNodeType(r);
		if (type == XML_READER_TYPE_ELEMENT) {
			int d = x->cur_depth + 1;
			if (d > XML_STREAM_MAXDEPTH) {
				cf_error_at(err, CF_EINPUT, x->path, xmlTextReaderGetParserLineNumber(r), NULL, NULL,
					   "elements nested deeper than %d levels: not a statutory return", XML_STREAM_MAXDEPTH);
				return -1;
			}
			int stray = x->cur_depth > 0 && !xml_text_blank(strbuf_str(&x->buf), x->buf.len);
			if (x->cur_depth > 0)
				x->has_child[x->cur_depth] = 1;
			const char *name = (const char *)xmlTextReaderConstLocalName(r);
			/* as snprintf("%s") would, for every element of the document */
			size_t nlen = name ? strnlen(name, sizeof x->names[d] - 1) : 0;
			memcpy(x->names[d], name ? name : "", nlen);
			x->names[d][nlen] = '\0';
			x->open_line[d] = node_line(r);
			x->has_child[d] = 0;
			int empty = xmlTextReaderIsEmptyElement(r) == 1;
			if (stray) {
				trimmed_text(x);
				set_event(x, XML_EV_STRAY, d - 1);
				x->line = x->buf_line;
				x->cur_depth = d;
				x->pending = PEND_START;
				x->pending_empty = empty;
				x->reset_next = 1;
				return XML_EV_STRAY;
			}
			strbuf_reset(&x->buf);
			x->cur_depth = d;
			x->pending = empty ? PEND_END : PEND_NONE;
			return set_event(x, XML_EV_START, d);
		}
		if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) {
			const char *v = (const char *)xmlTextReaderConstValue(r);
			if (!v || x->cur_depth == 0)
				continue;
			if (xml_text_blank(strbuf_str(&x->buf), x->buf.len))
				x->buf_line = text_start_line(r, v);
			if (strbuf_adds(&x->buf, v) != 0) {
				cf_error_at(err, CF_EINPUT, x->path, x->open_line[x->cur_depth], x->names[x->cur_depth], NULL,
					   "the text of <%s> is longer than %zu bytes", x->names[x->cur_depth],
					   (size_t)XML_STREAM_MAXTEXT);
				return -1;
			}
			continue;
		}
		if (type == XML_READER_TYPE_END_ELEMENT) {
			int d = x->cur_depth;
			if (d == 0)
				continue;
			if (x->has_child[d] && !xml_text_blank(strbuf_str(&x->buf), x->buf.len)) {
				trimmed_text(x);
				set_event(x, XML_EV_STRAY, d);
				x->line = x->buf_line;
				x->pending = PEND_END;
				x->reset_next = 1;
				return XML_EV_STRAY;
			}
			int t = set_event(x, XML_EV_END, d);
			if (!x->has_child[d])
				trimmed_text(x);
			x->cur_depth--;
			/* the parent's text starts afresh after this child */
			x->reset_next = 1;
			return t;
		}
		/* comments, processing instructions, whitespace: nothing to report */
	}
}
