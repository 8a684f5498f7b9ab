/* Writing an XML document element by element (formats/xml_write.h). */
#include "formats/xml_write.h"

int xml_out_open(struct xml_out *o, const char *path, struct cf_error *err)
{
	o->failed = 0;
	if (!(o->x = xmlNewTextWriterFilename(path, 0)))
		return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot create");
	xmlTextWriterSetIndent(o->x, 1);
	xmlTextWriterSetIndentString(o->x, BAD_CAST "  ");
	if (xmlTextWriterStartDocument(o->x, "1.0", "UTF-8", NULL) < 0)
		o->failed = 1;
	return CF_OK;
}

int xml_out_close(struct xml_out *o, const char *path, struct cf_error *err)
{
	if (xmlTextWriterEndDocument(o->x) < 0)
		o->failed = 1;
	xmlFreeTextWriter(o->x);
	o->x = NULL;
	return o->failed ? cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "write failed") : CF_OK;
}

void xml_out_el(struct xml_out *o, const char *name, const char *value)
{
	if (xmlTextWriterWriteElement(o->x, BAD_CAST name, BAD_CAST value) < 0)
		o->failed = 1;
}

void xml_out_el_date(struct xml_out *o, const char *name, cf_date d)
{
	char buf[11];
	cf_date_format(d, buf);
	xml_out_el(o, name, buf);
}

void xml_out_start(struct xml_out *o, const char *name)
{
	if (xmlTextWriterStartElement(o->x, BAD_CAST name) < 0)
		o->failed = 1;
}

void xml_out_end(struct xml_out *o)
{
	if (xmlTextWriterEndElement(o->x) < 0)
		o->failed = 1;
}
