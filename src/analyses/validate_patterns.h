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
#ifndef CF_ANALYSES_VALIDATE_PATTERNS_H
#define CF_ANALYSES_VALIDATE_PATTERNS_H

#include "analyses/validate.h"

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
#define DCMP(a, o, b) (&(const struct vx){ .op = VX_DCMP, .l = a, .r = b, .cmp = (o) })
#define DLT(a, b) DCMP(a, VX_LT, b)
#define DLE(a, b) DCMP(a, VX_LE, b)
#define DGT(a, b) DCMP(a, VX_GT, b)
#define DGE(a, b) DCMP(a, VX_GE, b)
#define DEQ(a, b) DCMP(a, VX_EQ, b)

/* Pattern checks: the rule's first table (rule->arg may name another as a
 * string) is the one whose rows are tested. */
int vp_rows(struct vrun *run);          /* flag rows where expr holds */

/* Evaluate expr on every row of f; hit[r] = 1 where it holds. For checks
 * that combine a predicate with their own logic. Returns 0 or -1 on OOM. */
int vx_eval_frame(struct vrun *run, struct vframe *f, const struct vx *expr, unsigned char *hit);

#endif
