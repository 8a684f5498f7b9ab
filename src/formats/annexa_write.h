/* Writing Ofsted's Annex A workbook (sheets List 1 ... List 11 with the
 * standard headers of annexa.c), the one writer that caseflow synth and
 * caseflow export share, and Ofsted's spellings of the DfE codes its lists
 * hold ("6" -> "q) 6: Police"), which caseflow ingest reads back as codes. */
#ifndef CF_FORMATS_ANNEXA_WRITE_H
#define CF_FORMATS_ANNEXA_WRITE_H

#include <time.h>

#include <xlsxwriter.h>

#include "base/date.h"
#include "base/error.h"
#include "formats/annexa.h"

/* The code lists Ofsted spells as labels in its template. */
enum annexa_codes {
	AXC_ETHNIC, AXC_SOURCE, AXC_NEED, AXC_CLOSURE, AXC_ABUSE, AXC_LEGAL, AXC_REASON_CEASED, AXC_PLACEMENT,
	AXC_PROVIDER, AXC_IN_TOUCH, AXC_ACCOMMODATION, AXC_ACTIVITY, AXC_REVERSAL, AXC_NCODES
};

/* The template's spelling of a DfE code of that list ("NEG" -> "a) Neglect");
 * the code itself when the template has none, so nothing is dropped. */
const char *annexa_label(enum annexa_codes set, const char *code);

struct annexa_writer {
	lxw_workbook *wb;                  /* owned until annexa_writer_close */
	lxw_worksheet *ws[ANNEXA_NLISTS];  /* "List 1" ... "List 11" */
	lxw_row_t rows[ANNEXA_NLISTS];     /* rows written so far, the header included */
	lxw_format *date;                  /* dd/mm/yyyy */
	lxw_error failed;                  /* the first error of any write */
	char path[4096];
};

struct annexa_head {
	const char *author;                /* "caseflow synth", "caseflow export" */
	const char *comments;              /* may be NULL */
	time_t created;                    /* fixed, so the same rows give the same bytes */
};

/* Create the workbook at path with the eleven sheets and their headers.
 * Rows are written in order within each sheet (constant memory: a large
 * authority's workbook never sits in memory). CF_EIO naming path. */
int annexa_writer_open(struct annexa_writer *w, const char *path, const struct annexa_head *h, struct cf_error *err);

/* The next row of list (1..11): its sheet row number. */
lxw_row_t annexa_writer_next(struct annexa_writer *w, int list);

/* Cells of that row: text (NULL or "" leaves the cell blank), a number, a
 * date as Excel stores it. */
void annexa_writer_text(struct annexa_writer *w, int list, lxw_row_t row, int col, const char *s);
void annexa_writer_number(struct annexa_writer *w, int list, lxw_row_t row, int col, double v);
void annexa_writer_date(struct annexa_writer *w, int list, lxw_row_t row, int col, cf_date d);

/* One row of list from the values caseflow ingest stored for it (by list
 * column, NULL when blank): dates (yyyy-mm-dd) as Excel dates, counts and
 * ages as numbers, codes spelt as Ofsted's labels, flags stored as 1/0 as
 * "a) Yes"/"b) No", CP categories (NEG ...) as their labels, the rest as
 * stored. Read back by caseflow ingest, each gives the value stored. */
void annexa_writer_stored_row(struct annexa_writer *w, int list, const char *const *vals);

/* Finish the workbook; CF_EIO naming the file when any write failed. */
int annexa_writer_close(struct annexa_writer *w, struct cf_error *err);

#endif
