/* The patterns most DfE rules share, written once: a row predicate over one
 * table (a code in a list, a date not after another, a field required when
 * another has a value, a date within the collection year, a value matching
 * the child's Header row...). A rule using a pattern is data:
 *
 *     { .code = "103", ..., .tables = "Header", .check = vp_rows,
 *       .expr = NOT(IN("ETHNIC", ETHNIC_CODES)) }
 *
 * Semantics follow DfE's reference tool (pandas): a comparison with a
 * missing value or a value that is not a dd/mm/yyyy date is false, and NOT
 * turns it true. */
#ifndef CF_VALIDATE_VALIDATE_PATTERNS_H
#define CF_VALIDATE_VALIDATE_PATTERNS_H

#include "validate/validate.h"

enum vx_op {
	VX_AND, VX_OR, VX_NOT,
	VX_NA,          /* col is missing */
	VX_IN,          /* col is a string in list (space-separated) */
	VX_INS,         /* col as text (astype(str): numbers count) is in list */
	VX_INNUM,       /* col as a number (to_numeric) is one of list's numbers */
	VX_EQCOL,       /* col equals col2 as text, both present */
	VX_DATE_BAD,    /* col is missing or not a dd/mm/yyyy date */
	VX_DCMP,        /* date term cmp date term; false when either is missing */
	VX_NUMCMP,      /* col as a number cmp num; false when not a number */
	VX_FN,          /* fn(frame, row) */
	VX_INU,         /* col upper-cased is in list (DfE's str.upper().isin) */
	VX_HAS,         /* the joined row exists: the child has a row in that table, or a row before/after */
	VX_SAMESTR,     /* col and col2 as text are the same (missing = "nan"); num != 0: ignoring case */
	VX_SAMEDATE,    /* col and col2 are the same date, or neither is a date */
	VX_FIRST,       /* the row is its child's earliest (cmp VX_LT) or latest (VX_GT) by date col among rows where args[0] holds */
	VX_COUNT,       /* the child's rows of col's table where args[0] holds, counted, cmp num */
	VX_NUMDIFF,     /* |col - col2| as numbers cmp num; false when either is not a number */
};

enum vx_cmp { VX_LT, VX_LE, VX_GT, VX_GE, VX_EQ, VX_NE };

/* A date: a column's date (col "DECOM", or "Header:DOB" for the child's
 * first Header row), or the collection start/end, shifted by an offset. */
enum vx_dsrc {
	VD_COL = 0,       /* the column's date */
	VD_COL_OR_END,    /* the column's date; the collection end where the value is missing */
	VD_START, VD_END, /* the collection start / end */
	VD_YMD,           /* the fixed date years-months-days */
};
struct vdterm {
	enum vx_dsrc src;
	const char *col;
	int years, months, days;
};

struct vframe;
struct vx {
	enum vx_op op;
	const char *col, *col2;
	const char *list;
	const struct vx *const *args;    /* AND, OR (NULL-terminated); NOT uses args[0] */
	const struct vdterm *l, *r;      /* DCMP */
	enum vx_cmp cmp;
	double num;
	int (*fn)(struct vrun *run, struct vframe *f, long row);
};

#define VX_ARGS(...) ((const struct vx *const[]){ __VA_ARGS__, NULL })
#define AND(...) (&(const struct vx){ .op = VX_AND, .args = VX_ARGS(__VA_ARGS__) })
#define OR(...) (&(const struct vx){ .op = VX_OR, .args = VX_ARGS(__VA_ARGS__) })
#define NOT(e) (&(const struct vx){ .op = VX_NOT, .args = VX_ARGS(e) })
#define NA(c) (&(const struct vx){ .op = VX_NA, .col = (c) })
#define NOTNA(c) NOT(NA(c))
#define IN(c, l) (&(const struct vx){ .op = VX_IN, .col = (c), .list = (l) })
#define EQ(c, v) IN(c, v)
#define INS(c, l) (&(const struct vx){ .op = VX_INS, .col = (c), .list = (l) })
#define INNUM(c, l) (&(const struct vx){ .op = VX_INNUM, .col = (c), .list = (l) })
#define EQCOL(a, b) (&(const struct vx){ .op = VX_EQCOL, .col = (a), .col2 = (b) })
#define DATE_BAD(c) (&(const struct vx){ .op = VX_DATE_BAD, .col = (c) })
#define NUMCMP(c, o, n) (&(const struct vx){ .op = VX_NUMCMP, .col = (c), .cmp = (o), .num = (n) })
#define FN(f) (&(const struct vx){ .op = VX_FN, .fn = (f) })
#define INU(c, l) (&(const struct vx){ .op = VX_INU, .col = (c), .list = (l) })
/* The child has a row in table t ("Header_last"), or a row before ("-1") /
 * after ("+1") this one in the child's date order (rule->order, DECOM). */
#define HAS(t) (&(const struct vx){ .op = VX_HAS, .col = t ":CHILD" })
#define SAMESTR(a, b) (&(const struct vx){ .op = VX_SAMESTR, .col = (a), .col2 = (b) })
#define SAMESTRU(a, b) (&(const struct vx){ .op = VX_SAMESTR, .col = (a), .col2 = (b), .num = 1 })
#define SAMEDATE(a, b) (&(const struct vx){ .op = VX_SAMEDATE, .col = (a), .col2 = (b) })
/* pandas' idxmin/idxmax of a date per child (ties to the first row), among rows where e holds */
#define FIRST(c) (&(const struct vx){ .op = VX_FIRST, .col = (c), .cmp = VX_LT })
#define LAST(c) (&(const struct vx){ .op = VX_FIRST, .col = (c), .cmp = VX_GT })
#define FIRST_OF(c, e) (&(const struct vx){ .op = VX_FIRST, .col = (c), .cmp = VX_LT, .args = VX_ARGS(e) })
#define LAST_OF(c, e) (&(const struct vx){ .op = VX_FIRST, .col = (c), .cmp = VX_GT, .args = VX_ARGS(e) })
/* count of the child's rows in table t where e holds, compared: COUNT("Episodes", EQ("LS", "V3"), VX_GT, 0) */
#define COUNT(t, e, o, n) (&(const struct vx){ .op = VX_COUNT, .col = t ":CHILD", .args = VX_ARGS(e), .cmp = (o), .num = (n) })
#define ANY(t, e) COUNT(t, e, VX_GT, 0)
#define NUMDIFF(a, b, o, n) (&(const struct vx){ .op = VX_NUMDIFF, .col = (a), .col2 = (b), .cmp = (o), .num = (n) })

/* Column specs: "DOB" is the tested row's column; "Header:DOB" the child's
 * first row in Header (in vp_pairs, the paired row of rule->pair); "-1:DEC"
 * / "+1:DECOM" / "-2:PLACE" the child's row before / after this one in the
 * tested table, ordered by rule->order (DECOM), missing dates last. */

/* Date terms */
#define D(c) (&(const struct vdterm){ VD_COL, (c), 0, 0, 0 })
#define DY(c, y) (&(const struct vdterm){ VD_COL, (c), (y), 0, 0 })
#define DM(c, m) (&(const struct vdterm){ VD_COL, (c), 0, (m), 0 })
#define DD(c, d) (&(const struct vdterm){ VD_COL, (c), 0, 0, (d) })
#define DOREND(c) (&(const struct vdterm){ VD_COL_OR_END, (c), 0, 0, 0 })
#define DOREND_D(c, d) (&(const struct vdterm){ VD_COL_OR_END, (c), 0, 0, (d) })
#define YMD(y, m, d) (&(const struct vdterm){ VD_YMD, NULL, (y), (m), (d) })
#define CSTART (&(const struct vdterm){ VD_START, NULL, 0, 0, 0 })
#define CEND (&(const struct vdterm){ VD_END, NULL, 0, 0, 0 })
#define CSTARTY(y) (&(const struct vdterm){ VD_START, NULL, (y), 0, 0 })
#define CENDY(y) (&(const struct vdterm){ VD_END, NULL, (y), 0, 0 })
#define CEND_D(d) (&(const struct vdterm){ VD_END, NULL, 0, 0, (d) })
#define DCMP(a, o, b) (&(const struct vx){ .op = VX_DCMP, .l = a, .r = b, .cmp = (o) })
#define DLT(a, b) DCMP(a, VX_LT, b)
#define DLE(a, b) DCMP(a, VX_LE, b)
#define DGT(a, b) DCMP(a, VX_GT, b)
#define DGE(a, b) DCMP(a, VX_GE, b)
#define DEQ(a, b) DCMP(a, VX_EQ, b)

/* Pattern checks: the rule's first table (rule->arg may name another as a
 * string) is the one whose rows are tested. */
int vp_rows(struct vrun *run);          /* flag rows where expr holds */
/* Each row of the tested table (rule->arg, else the first of tables) paired
 * with each row of rule->pair that has its CHILD, as a pandas merge on CHILD
 * (left: a row with no pair is tested once with the pair's values missing;
 * inner when rule->pair_inner). Where expr holds, the tested row and the
 * paired row are flagged, each if its table is among rule->tables. */
int vp_pairs(struct vrun *run);

/* Evaluate expr on every row of f; hit[r] = 1 where it holds. For checks
 * that combine a predicate with their own logic. Returns 0 or -1 on OOM. */
int vx_eval_frame(struct vrun *run, struct vframe *f, const struct vx *expr, unsigned char *hit);

#endif
