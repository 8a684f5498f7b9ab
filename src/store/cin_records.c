/* Reading the current children-in-need records: the *_current views' rule
 * (migrations 0002 and 0009) applied in C over one plain scan of each table,
 * because the views' window functions cost several times as much on a large
 * store; tests/unit/test_cin_records.c holds each walk to its view's rows. */
#include "store/cin_records.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "store/store_int.h"

/* One stored version while reading: the view's partition (child, date, and
 * for contacts the source), what orders the versions, and up to four
 * columns for the record. */
#define CUR_NVALS 4
struct version {
	const char *child, *date, *key2;   /* key2 NULL when the view has none or the value is NULL */
	uint64_t child8, date8;            /* their first 8 bytes, big-endian, zero-padded: most comparisons end there */
	size_t child_len, date_len;
	long long year;                    /* LLONG_MIN for NULL: it sorts last, as NULL does in DESC */
	long long return_id;
	int tie;                           /* the referral view's tie-break: referral_source IS NULL */
	long long row;                     /* and then its row (0 where the view orders by scan alone) */
	struct record_source src;          /* the return and row the record came from */
	long long seq;                     /* scan order, the last tie-break */
	const char *text[CUR_NVALS];       /* NULL for NULL */
	int ival[CUR_NVALS];
};

static uint64_t prefix8(const char *s, size_t len)
{
	uint64_t x = 0;
	memcpy(&x, s, len < 8 ? len : 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return x;
}

/* strcmp of two strings given their prefix8 and lengths */
static int cmp_text8(uint64_t pa, const char *a, size_t la, uint64_t pb, const char *b, size_t lb)
{
	if (pa != pb)
		return pa < pb ? -1 : 1;
	return la <= 8 && lb <= 8 ? 0 : strcmp(a + 8, b + 8);
}

static int cmp_key(const char *a, const char *b)
{
	if (!a || !b)
		return a ? 1 : b ? -1 : 0;   /* NULL first, as SQLite orders it */
	return strcmp(a, b);
}

/* By partition, then the current version first: the later collection
 * year, then the later load (then the referral tie-break, then scan order). */
static int cmp_version(const void *pa, const void *pb)
{
	const struct version *a = *(const struct version *const *)pa, *b = *(const struct version *const *)pb;
	int c = cmp_text8(a->child8, a->child, a->child_len, b->child8, b->child, b->child_len);
	if (!c)
		c = cmp_text8(a->date8, a->date, a->date_len, b->date8, b->date, b->date_len);
	if (!c)
		c = cmp_key(a->key2, b->key2);
	if (c)
		return c;
	if (a->year != b->year)
		return a->year > b->year ? -1 : 1;
	if (a->return_id != b->return_id)
		return a->return_id > b->return_id ? -1 : 1;
	if (a->tie != b->tie)
		return a->tie < b->tie ? -1 : 1;
	if (a->row != b->row)
		return a->row < b->row ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

/* What qsort moves: the version's first sort keys beside it, so most
 * comparisons end without touching the version itself (300,000 versions
 * do not fit in cache, and chasing each pointer cost more than comparing).
 * whole says the child has under 8 bytes and the date under 16, so the
 * prefixes are the whole strings. (At 40 bytes glibc's qsort sorts pointers
 * to the keys; a 32-byte key that it moved itself cost more in copying than
 * it saved: 2.30 against 2.24 billion instructions for kpi.) */
struct sort_key {
	uint64_t child8, date8a, date8b;
	int whole;
	const struct version *v;
};

static uint64_t prefix8_at(const char *s, size_t len, size_t at)
{
	return len > at ? prefix8(s + at, len - at) : 0;
}

/* cmp_version's order, from the keys while they decide */
static int cmp_sort_key(const void *pa, const void *pb)
{
	const struct sort_key *a = pa, *b = pb;
	if (a->child8 != b->child8)
		return a->child8 < b->child8 ? -1 : 1;
	if (a->whole && b->whole) {
		if (a->date8a != b->date8a)
			return a->date8a < b->date8a ? -1 : 1;
		if (a->date8b != b->date8b)
			return a->date8b < b->date8b ? -1 : 1;
	}
	return cmp_version(&a->v, &b->v);
}

static int same_partition(const struct version *a, const struct version *b)
{
	return cmp_text8(a->child8, a->child, a->child_len, b->child8, b->child, b->child_len) == 0 &&
	       cmp_text8(a->date8, a->date, a->date_len, b->date8, b->date, b->date_len) == 0 &&
	       cmp_key(a->key2, b->key2) == 0;
}

/* What a walk reads: columns 0 child, 1 date, 2 key2 (or NULL), 3 the
 * return's collection year, 4 return_id, 5 the tie-break flag, 6 row (the
 * tie-break), 7 the stored row (the record's source), then nvals record
 * columns. */
struct current_query {
	const char *sql;
	const char *what;
	int nvals;
	unsigned ints;            /* bit i: record column i is also read as an integer (ival[i]) */
	int (*emit)(const struct version *v, void (*fn)(void), void *ctx);
};

/* Column col's text copied into the arena, NULL for NULL, and its length
 * in *len when asked (one strlen for both); *oom set when the arena is
 * full. */
static const char *col_dup(struct arena *a, sqlite3_stmt *s, int col, size_t *len, int *oom)
{
	const char *t = store_col_text(s, col);
	if (!t)
		return NULL;
	size_t n = strlen(t);
	char *c = arena_alloc(a, n + 1);
	if (!c) {
		*oom = 1;
		return NULL;
	}
	memcpy(c, t, n + 1);
	if (len)
		*len = n;
	return c;
}

static int walk_current(struct store *st, const struct current_query *q, void (*fn)(void), void *ctx,
			struct cf_error *err)
{
	struct arena a;
	arena_init(&a, 256 * 1024);
	struct version **v = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *s = NULL;
	int rc = store_prepare(st, q->sql, &s, err), step = SQLITE_DONE;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			struct version **nv = realloc(v, cap * sizeof *nv);
			if (!nv)
				goto oom;
			v = nv;
		}
		struct version *x = arena_alloc(&a, sizeof *x);
		if (!x)
			goto oom;
		memset(x, 0, sizeof *x);
		int oom = 0;
		x->child = col_dup(&a, s, 0, &x->child_len, &oom);
		x->date = col_dup(&a, s, 1, &x->date_len, &oom);
		x->key2 = col_dup(&a, s, 2, NULL, &oom);
		if (oom || !x->child || !x->date)   /* the query's WHERE keeps child and date non-NULL */
			goto oom;
		x->child8 = prefix8(x->child, x->child_len);
		x->date8 = prefix8(x->date, x->date_len);
		x->year = store_col_null(s, 3) ? LLONG_MIN : sqlite3_column_int64(s, 3);
		x->return_id = sqlite3_column_int64(s, 4);
		x->tie = sqlite3_column_int(s, 5);
		x->row = sqlite3_column_int64(s, 6);
		x->src = (struct record_source){ (int)x->return_id, sqlite3_column_int(s, 7) };
		x->seq = (long long)n;
		for (int i = 0; i < q->nvals; i++) {
			x->text[i] = col_dup(&a, s, 8 + i, NULL, &oom);
			if (q->ints >> i & 1)
				x->ival[i] = sqlite3_column_int(s, 8 + i);
		}
		if (oom)
			goto oom;
		v[n++] = x;
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_error(st, err, q->what);
	sqlite3_finalize(s);
	s = NULL;
	struct sort_key *key = NULL;
	if (!rc && n) {
		if (!(key = malloc(n * sizeof *key)))
			goto oom;
		for (size_t i = 0; i < n; i++) {
			const struct version *x = v[i];
			key[i] = (struct sort_key){ x->child8, x->date8, prefix8_at(x->date, x->date_len, 8),
						    x->child_len < 8 && x->date_len < 16, x };
		}
		qsort(key, n, sizeof *key, cmp_sort_key);
		for (size_t i = 0; i < n && !rc; i++)
			if (i == 0 || !same_partition(key[i].v, key[i - 1].v))
				rc = q->emit(key[i].v, fn, ctx);
	}
	free(key);
	free(v);
	arena_release(&a);
	return rc;
oom:
	sqlite3_finalize(s);
	free(v);
	arena_release(&a);
	return cf_error_set(err, CF_EIO, "out of memory reading %s", q->what);
}

static cf_date text_date(const char *t)
{
	cf_date d;
	return t && cf_date_parse(t, strlen(t), &d) == 0 ? d : CF_DATE_NONE;
}

/* The scan behind each view: its table joined to returns, the rows the view
 * partitions (a child and a date). */
#define CUR_SQL(key2, tie, row, vals, table, date) \
	"SELECT x.child, x." date ", " key2 ", r.collection_year, x.return_id, " tie ", " row ", x.row, " vals \
	" FROM " table " x JOIN returns r ON r.id = x.return_id WHERE x.child IS NOT NULL AND x." date " IS NOT NULL"

static int contact_emit(const struct version *v, void (*fn)(void), void *ctx)
{
	struct cin_contact_record r = { v->child, v->src, text_date(v->date), v->key2 };
	return ((int (*)(void *, const struct cin_contact_record *))fn)(ctx, &r);
}

int cin_records_contacts(struct store *st, int (*fn)(void *ctx, const struct cin_contact_record *r), void *ctx,
			 struct cf_error *err)
{
	static const struct current_query q = {
		CUR_SQL("x.source", "0", "0", "NULL", "contacts", "contact_date"), "contacts", 0, 0, contact_emit
	};
	return walk_current(st, &q, (void (*)(void))fn, ctx, err);
}

static int referral_emit(const struct version *v, void (*fn)(void), void *ctx)
{
	struct cin_referral_record r = {
		.child = v->child, .src = v->src, .date = text_date(v->date), .closed = text_date(v->text[0]),
		.nfa = v->text[1] && v->ival[1] == 1, .primary_need = v->text[2], .icpc = text_date(v->text[3]),
	};
	return ((int (*)(void *, const struct cin_referral_record *))fn)(ctx, &r);
}

int cin_records_referrals(struct store *st, int (*fn)(void *ctx, const struct cin_referral_record *r), void *ctx,
			  struct cf_error *err)
{
	static const struct current_query q = {
		CUR_SQL("NULL", "x.referral_source IS NULL", "x.row",
			"x.closure_date, x.referral_nfa, x.primary_need, x.icpc_date", "cin_referrals", "referral_date"),
		"referrals", 4, 1u << 1, referral_emit
	};
	return walk_current(st, &q, (void (*)(void))fn, ctx, err);
}

static int assessment_emit(const struct version *v, void (*fn)(void), void *ctx)
{
	struct cin_assessment_record r = { v->child, v->src, text_date(v->date), text_date(v->text[0]) };
	return ((int (*)(void *, const struct cin_assessment_record *))fn)(ctx, &r);
}

int cin_records_assessments(struct store *st, int (*fn)(void *ctx, const struct cin_assessment_record *r),
			    void *ctx, struct cf_error *err)
{
	static const struct current_query q = {
		CUR_SQL("NULL", "0", "0", "x.authorised_date", "assessments", "start_date"), "assessments", 1, 0,
		assessment_emit
	};
	return walk_current(st, &q, (void (*)(void))fn, ctx, err);
}

static int s47_emit(const struct version *v, void (*fn)(void), void *ctx)
{
	struct cin_s47_record r = { v->child, v->src, text_date(v->date), text_date(v->text[0]) };
	return ((int (*)(void *, const struct cin_s47_record *))fn)(ctx, &r);
}

int cin_records_s47(struct store *st, int (*fn)(void *ctx, const struct cin_s47_record *r), void *ctx,
		    struct cf_error *err)
{
	static const struct current_query q = {
		CUR_SQL("NULL", "0", "0", "x.icpc_date", "s47_enquiries", "start_date"), "section 47 enquiries", 1, 0,
		s47_emit
	};
	return walk_current(st, &q, (void (*)(void))fn, ctx, err);
}

static int cpp_emit(const struct version *v, void (*fn)(void), void *ctx)
{
	struct cin_cpp_record r = { v->child, v->src, text_date(v->date), text_date(v->text[0]),
				    v->text[1] ? v->ival[1] : -1 };
	return ((int (*)(void *, const struct cin_cpp_record *))fn)(ctx, &r);
}

int cin_records_cp_plans(struct store *st, int (*fn)(void *ctx, const struct cin_cpp_record *r), void *ctx,
			 struct cf_error *err)
{
	static const struct current_query q = {
		CUR_SQL("NULL", "0", "0", "x.end_date, x.previous_plans", "cp_plans", "start_date"),
		"child protection plans", 2, 1u << 1, cpp_emit
	};
	return walk_current(st, &q, (void (*)(void))fn, ctx, err);
}

static int cp_review_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct cin_cp_review_record r = { store_col_text(s, 0), store_col_date(s, 1), store_col_date(s, 2) };
	return ((int (*)(void *, const struct cin_cp_review_record *))w->fn)(w->ctx, &r);
}

int cin_records_cp_reviews(struct store *st, int (*fn)(void *ctx, const struct cin_cp_review_record *r), void *ctx,
			   struct cf_error *err)
{
	return store_walk_sql(st, "SELECT DISTINCT child, plan_start_date, review_date FROM cp_reviews "
			      "WHERE child IS NOT NULL AND plan_start_date IS NOT NULL AND review_date IS NOT NULL "
			      "ORDER BY child, plan_start_date, review_date",
			      "child protection reviews", cp_review_row, (void (*)(void))fn, ctx, err);
}
