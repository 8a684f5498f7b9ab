/* The problems recorded at ingest (the issues table), grouped for the
 * data-quality view: by return, table, column and reason, with counts, the
 * first examples and the rows of the table they are among. */
#ifndef CF_STORE_QUALITY_H
#define CF_STORE_QUALITY_H

#include "base/error.h"

struct store;

/* One group. Strings are valid during the callback only. */
struct store_issue_group {
	long long return_id;
	const char *path;          /* the return's file or folder, as loaded */
	const char *return_kind;   /* "ssda903.episodes", "cin.xml", ... */
	int collection_year;       /* 0 when unknown */
	const char *tbl;           /* issues.tbl: "episodes", "cin_referrals", "annexa.list3" ... */
	const char *column;        /* "" when the problem is the row's (short_row) */
	const char *reason;        /* issues.kind: "unknown_code", "bad_date", "label_mapped" ... */
	long count;                /* issues in the group */
	long rows;                 /* rows of that table from that return (the return's rows when unknown) */
	const char *examples;      /* the first three: "row 12 'Full care ordr'; row 40 ..." */
	const char *message;       /* the first row's message */
};

typedef int (*store_issue_group_fn)(void *ctx, const struct store_issue_group *g, struct cf_error *err);

/* Every group, of one return (return_id > 0) or all, by return then count
 * (most first). CF_EINPUT when return_id names no return. */
int store_issue_groups(struct store *st, long long return_id, store_issue_group_fn fn, void *ctx,
		       struct cf_error *err);

#endif
