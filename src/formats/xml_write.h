/* Writing an XML document element by element (libxml2's xmlTextWriter),
 * indented by two spaces: the CIN census writer and synth's workforce
 * census use it. */
#ifndef CF_FORMATS_XML_WRITE_H
#define CF_FORMATS_XML_WRITE_H

#include <libxml/xmlwriter.h>

#include "base/date.h"
#include "base/error.h"

/* An XML return being written : the element
 * writers record a failure instead of returning it, so a writer checks once,
 * at xml_out_close. */
struct xml_out {
	xmlTextWriterPtr x;
	int failed;
};
/* Create path, indented by two spaces, with its XML declaration written. */
int xml_out_open(struct xml_out *o, const char *path, struct cf_error *err);
/* End the document and free the writer; CF_EIO naming path when any write failed. */
int xml_out_close(struct xml_out *o, const char *path, struct cf_error *err);
void xml_out_el(struct xml_out *o, const char *name, const char *value);
void xml_out_el_date(struct xml_out *o, const char *name, cf_date d);
void xml_out_start(struct xml_out *o, const char *name);
void xml_out_end(struct xml_out *o);

#endif
