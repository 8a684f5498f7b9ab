/* Column-oriented tables of raw string values for the validator: one frame
 * per return table (Header, Episodes, ..., Header_last, ...), each row with
 * the index label it had where it was loaded, and a dataset holding the
 * frames with the collection's dates. Values stay as the return gave them,
 * because DfE's rules judge the raw values (a lower-case code is an error). */
#ifndef CF_VALIDATE_VFRAME_H
#define CF_VALIDATE_VFRAME_H

#include <stddef.h>

#include "base/arena.h"
#include "base/date.h"

struct vcol {
	const char *name;        /* owned by the dataset's arena */
	const char **v;          /* nrows values, NULL = missing; strings in the arena */
	unsigned char *num;      /* NULL, or 1 where the value came as a number (JSON input) */
	cf_date *d;              /* dates parsed as dd/mm/yyyy on first use (CF_DATE_NONE = not one) */
	int is_child;            /* the CHILD column: values interned, so equal IDs share a pointer */
	long *cid;               /* CHILD: per row the child's number in the dataset, -1 missing */
	struct vintern *dict;    /* other columns: each distinct value stored once, while that pays */
};

struct vindex;
struct vlookup;
struct vorder;

/* CHILD values of every frame of a dataset stored once: the same child's
 * rows in different tables hold the same pointer, so joins on CHILD compare
 * pointers before strings. Also each column's dictionary of its values. */
struct vislot {
	unsigned long hash;      /* compared before the string */
	const char *s;           /* NULL = empty slot */
	long id;                 /* the value's number, 0..n-1 in order of first sight */
};

struct vintern {
	long nslots, n;          /* open addressing, power of two; n values */
	struct vislot *slot;
	long *rank;              /* per number: the value's place in strcmp order (vframe_order's sort) */
	long nranked;            /* values rank covers; recomputed when n has grown */
	long seen;               /* values looked up (a column stops interning when most are new) */
};

struct vframe {
	const char *name;        /* "Episodes", "Header_last", "ChildIdentifiers" */
	long nrows, cap;
	long *index;             /* row labels: 0-based data row as loaded (pandas' index) */
	long *rownum;            /* row in the file, header = 1 (label + 2 unless set) */
	int ncols, capcols;
	struct vcol **cols;      /* each column allocated once, so pointers stay valid */
	struct vindex *by_child; /* built on first use by vframe_find, kept until rows change */
	struct vorder *orders;   /* vframe_order2 results, kept for the next rule until rows change */
	const char *colcache_key[8]; /* names recently looked up (NULL = unused): see vframe_colno */
	int colcache_col[8];
	struct arena *arena;     /* the dataset's */
	struct vintern *intern;  /* the dataset's */
};

/* What the collection is: dates as DfE's metadata gives them. */
struct vmeta {
	cf_date collection_start;   /* 1 April; CF_DATE_NONE when unknown */
	cf_date collection_end;     /* 31 March */
	int year;                   /* collection year by its end: 2024 for 2023-24; 0 unknown */
	int year_known;             /* the collection year was given (collectionYear) */
	const char *file_format;    /* "csv", "xml" or NULL */
	const char *la_code;        /* the LA's code (E09000033), or NULL */
	const struct vlookup *lookup; /* the postcode lookups (validate/vlookup.h), or NULL */
	const char *la_name;
};

#define VDATA_MAXFRAMES 64

struct vdata {
	struct arena arena;
	struct vintern intern;
	int nframes;
	struct vframe *frames[VDATA_MAXFRAMES];
	struct vmeta meta;
};

void vdata_init(struct vdata *vd);
void vdata_release(struct vdata *vd);          /* frees every frame */
void vdata_set_year(struct vdata *vd, int year);  /* collection year and its start/end */

/* The frame called name, or NULL when the dataset has none. */
struct vframe *vdata_frame(const struct vdata *vd, const char *name);
/* Add an empty frame (replacing none: NULL when the name exists, is full or OOM). */
struct vframe *vdata_add_frame(struct vdata *vd, const char *name);
/* Drop a frame (a table the rules should treat as absent). */
void vdata_remove_frame(struct vdata *vd, const char *name);

/* Column called name, or -1. */
int vframe_colno(const struct vframe *f, const char *name);
/* Column called name; a frame without it gets an all-missing one, so rules
 * see a missing column as missing values. NULL only on OOM. */
struct vcol *vframe_col(struct vframe *f, const char *name);
/* Add a column (all missing) and return its number, or -1 on OOM. */
int vframe_add_col(struct vframe *f, const char *name);
/* Append a row with all values missing; returns its position or -1 on OOM.
 * Its file row is label + 2 until vframe_add_row_at says otherwise. */
long vframe_add_row(struct vframe *f, long label);
long vframe_add_row_at(struct vframe *f, long label, long rownum);
/* Room for nrows rows, so loading a table of known size does not regrow
 * its columns. Returns 0 or -1 on OOM. */
int vframe_reserve(struct vframe *f, long nrows);
/* Set a value (copied into the arena once per distinct value, so equal
 * values may share a pointer; NULL = missing). Returns 0 or -1 on OOM. */
int vframe_set(struct vframe *f, int col, long row, const char *s, size_t len, int numeric);

static inline const char *vcol_str(const struct vcol *c, long row) { return c->v[row]; }
static inline int vcol_na(const struct vcol *c, long row) { return c->v[row] == NULL; }
/* The value parsed as a dd/mm/yyyy date, or CF_DATE_NONE. */
cf_date vcol_date(struct vframe *f, struct vcol *c, long row);
/* 1 when the value equals s as a string (a numeric JSON value never equals
 * a string literal, as in pandas). */
int vcol_eq(const struct vcol *c, long row, const char *s);
/* 1 when the value is one of the space-separated codes in list. */
int vcol_in(const struct vcol *c, long row, const char *list);
/* The value as pandas' astype(str) shows it: "nan" for missing. */
const char *vcol_asstr(const struct vcol *c, long row);
/* Value as a number (strings are parsed); returns 0 and sets *out, or -1. */
int vcol_num(const struct vcol *c, long row, double *out);

/* Strict DfE date: d/m/yyyy with 1-2 digit day and month. Returns 0 or -1. */
int vdate_parse(const char *s, cf_date *out);
/* A date where unknown parts may be ZZ (day, month) or ZZZZ (year), read as
 * DfE's tool does: an unknown day is the month's last, an unknown month the
 * year's last (31 December), an unknown year 2000. Returns 0 or -1. */
int vdate_parse_zz(const char *s, cf_date *out);

/* Rows whose CHILD equals key, in row order: call with row = -1 to get the
 * first, then the previous result; -1 at the end. The index is built on
 * first use and kept while the frame's rows stay as they are, so every rule
 * shares it; following a child's rows costs nothing per step. */
long vframe_find(struct vframe *f, const char *key, long after);
/* The child's number in the dataset (same in every frame) of row r, or -1
 * when CHILD is missing there. */
long vframe_child_id(struct vframe *f, long r);
/* The first row of f for child number id (vframe_child_id of any frame), or
 * -1; the next with vframe_find(f, key, row) or vframe_next_same(f, row). */
long vframe_first_of(struct vframe *f, long id);
/* The next row after r with r's CHILD, or -1. */
long vframe_next_same(struct vframe *f, long r);
/* 1 when some row's CHILD equals key. */
int vframe_has_child(struct vframe *f, const char *key);

/* Positions of f's rows sorted by CHILD, then by the date column `datecol`
 * (missing dates last), then by position. Caller frees. NULL on OOM. The
 * sort is done once per frame and columns; later calls copy it. */
long *vframe_order(struct vframe *f, const char *datecol);
/* Likewise, with ties on datecol ordered by datecol2 (missing last). */
long *vframe_order2(struct vframe *f, const char *datecol, const char *datecol2);

/* 1 when s is one of the space-separated words in list. */
int vlist_has(const char *list, const char *s);

#endif
