/* The one writer of SSDA903 returns, in DfE's CSV layout (a folder of
 * tables, header.csv, episodes.csv ..., with the columns of ssda903_tables,
 * in the order caseflow's reader expects) and in DfE's XML layout (one
 * <CHILD> per child, docs/ssda903-xml.md). synth and export each fill rows
 * of values; this file owns the names, headers, element order and quoting. */
#ifndef CF_FORMATS_SSDA903_WRITE_H
#define CF_FORMATS_SSDA903_WRITE_H

#include <stdio.h>

#include <libxml/xmlwriter.h>

#include "base/error.h"
#include "formats/ssda903.h"

/* File names as in DfE's sample return, by table. */
extern const char *const ssda903_file_names[S903_NTABLES];

/* The open tables of one return. */
struct ssda903_writer {
	FILE *csv[S903_NTABLES];
	long rows[S903_NTABLES];   /* data rows written to each */
	char dir[4096];
};

/* Create dir/header.csv ... (dir must exist), each with its header line.
 * On failure the files opened so far are closed; err names the file. */
int ssda903_writer_open(struct ssda903_writer *w, const char *dir, struct cf_error *err);

/* One row of table t: vals[c] for column ssda903_tables[t].cols[c], in
 * DfE's form (dates dd/mm/yyyy); NULL or "" for an empty value. A value
 * holding a comma, quote or line break is quoted. Write errors are found
 * by ssda903_writer_close. */
void ssda903_writer_row(struct ssda903_writer *w, enum ssda903_table t, const char *const *vals);

/* Close every table; CF_EIO naming the file when anything written was lost. */
int ssda903_writer_close(struct ssda903_writer *w, struct cf_error *err);

/* A stored value of column col (the store's normal form: dates yyyy-mm-dd)
 * as DfE's return gives it, into out[outsz]: dates as dd/mm/yyyy, a partial
 * DATE_PERM (ZZ/ZZ/2015) as stored, anything else unchanged. NULL -> "". */
void ssda903_value_out(const struct ssda903_column *col, const char *stored, char *out, size_t outsz);

/* One child's rows of every table, for the XML layout: rows[t][i] holds
 * the values of row i of table t in ssda903_tables[t].cols order, in DfE's
 * form; n[t] rows of each. The header's first row is the child's HEADER. */
#define SSDA903_CHILD_MAXROWS 256
struct ssda903_child_rows {
	const char *const *rows[S903_NTABLES][SSDA903_CHILD_MAXROWS];
	int n[S903_NTABLES];
};

struct ssda903_xml_writer {
	xmlTextWriterPtr x;
	int failed;
	char path[4096];
};

/* Create path with its declaration and the root <EXPSSDA903>; CF_EIO naming it. */
int ssda903_xml_open(struct ssda903_xml_writer *w, const char *path, struct cf_error *err);
/* One <CHILD>: its HEADER (with UASC, OC3, AD1, missing, reviews, mother,
 * previous permanence, OC2 and placed-for-adoption inside, as DfE's layout
 * has them) and its EPISODEs. The social worker episodes are not in the
 * XML layout. A child with no header row is not written. */
void ssda903_xml_child(struct ssda903_xml_writer *w, const struct ssda903_child_rows *c);
/* End the document; CF_EIO naming the file when any write failed. */
int ssda903_xml_close(struct ssda903_xml_writer *w, struct cf_error *err);

#endif
