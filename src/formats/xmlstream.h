/* A streaming XML event reader for the statutory returns (CIN census,
 * workforce census), built on libxml2's xmlTextReader: memory stays
 * bounded by the deepest element's text, not the file's size.
 *
 * Events come one at a time: START (an element opens), END (it closes, with
 * its text when it had no child elements) and STRAY (text found beside child
 * elements: "<ChildIdentifiers>...</UPNunknown>PersonBirthDate<..."), which
 * councils' files do contain and readers report rather than reject. A
 * malformed document stops with CF_EINPUT naming the file and line. */
#ifndef CF_FORMATS_XMLSTREAM_H
#define CF_FORMATS_XMLSTREAM_H

#include <stddef.h>

#include "base/error.h"
#include "base/strbuf.h"

enum xml_event { XML_EV_EOF = 0, XML_EV_START, XML_EV_END, XML_EV_STRAY };

#define XML_STREAM_MAXDEPTH 32
#define XML_STREAM_MAXTEXT ((size_t)1 << 20)   /* text of one element, capped */

struct xml_stream {
	/* the current event, valid until the next xml_stream_next() */
	const char *name;        /* local name of the element (END, START), or of the parent (STRAY) */
	int depth;               /* 1 for the root element */
	long line;               /* line the element starts on (START, END), or where the text was seen */
	const char *text;        /* END: trimmed text of a leaf ("" when none); STRAY: the stray text */
	size_t text_len;
	int had_children;        /* END: the element held child elements */

	/* private */
	void *reader;            /* xmlTextReaderPtr, owned */
	const char *path;
	struct strbuf buf;       /* text of the innermost open element */
	long buf_line;
	int has_child[XML_STREAM_MAXDEPTH + 1];
	long open_line[XML_STREAM_MAXDEPTH + 1];
	char names[XML_STREAM_MAXDEPTH + 1][64];
	int cur_depth;
	int pending;             /* an event queued behind a STRAY */
	int pending_empty;       /* the queued START was <X/>: an END follows */
	int reset_next;          /* the text buffer was handed out: clear it on the next call */
	char error[512];         /* first libxml2 error */
	long error_line;
};

/* Open path. Returns CF_OK, or CF_EIO when it cannot be opened. */
int xml_stream_open(struct xml_stream *x, const char *path, struct cf_error *err);
void xml_stream_close(struct xml_stream *x);

/* The next event (XML_EV_*), XML_EV_EOF at the end of the document, or -1
 * with err set (CF_EINPUT: not well-formed, nesting deeper than
 * XML_STREAM_MAXDEPTH, an element's text over XML_STREAM_MAXTEXT). */
int xml_stream_next(struct xml_stream *x, struct cf_error *err);

/* Bytes of the file consumed so far (for MB/s and progress). */
long long xml_stream_bytes(const struct xml_stream *x);

/* 1 when any of the NULL-terminated needles occurs in the first 16 KB of
 * the file (recognising a return by what its header says). */
int xml_peek_contains(const char *path, const char *const *needles);

/* 1 when the text is only whitespace. */
int xml_text_blank(const char *s, size_t n);

#endif
