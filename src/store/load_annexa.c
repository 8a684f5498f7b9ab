/* Loading Annex A (a workbook, or one list as CSV). Lists 1-7 feed the
 * shared journey tables (contacts, early_help, cin_referrals, assessments,
 * s47_enquiries, cp_plans, cp_reviews); what those tables have no column
 * for, and all of lists 8-11, goes to annexa_rows as JSON (canonical column
 * name -> value). Codes are taken out of labels where the DfE has one
 * ("q) 6: Police" -> 6); other labels become the Annex A category the
 * built-in spellings give ("Female" -> "b) Female"); a label nobody knows is
 * kept as given with an issue. Workbook rows are sheet rows. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/strbuf.h"
#include "formats/annexa.h"
#include "store/ingest_int.h"
#include "store/load_common.h"

enum { S_CONTACT, S_EARLY_HELP, S_REFERRAL, S_ASSESSMENT, S_S47, S_CPP, S_REVIEW, S_ROWS, S_CHILD, S_VISIT, S_EXTRACT,
       S_N };

static const char *const insert_sql[S_N] = {
	"INSERT INTO contacts (return_id, row, child, contact_date, source, outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	"INSERT INTO early_help (return_id, row, family_id, child, start_date, end_date, lead_practitioner, outcome) "
	"VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6, NULL)",
	"INSERT INTO cin_referrals (return_id, row, child, referral_date, referral_source, primary_need, closure_date, "
	"closure_reason, referral_nfa) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	"INSERT INTO assessments (return_id, row, child, start_date, authorised_date) VALUES (?1, ?2, ?3, ?4, ?5)",
	"INSERT INTO s47_enquiries (return_id, row, child, start_date, icpc_date, icpc_not_required) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	"INSERT INTO cp_plans (return_id, row, child, start_date, end_date, initial_category, latest_category, "
	"previous_plans) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	"INSERT INTO cp_reviews (return_id, row, child, plan_start_date, review_date) VALUES (?1, ?2, ?3, ?4, ?5)",
	"INSERT INTO annexa_rows (return_id, row, list, child, data) VALUES (?1, ?2, ?3, ?4, ?5)",
	/* characteristics only where no other source has given them */
	"INSERT INTO children (child, sex, dob, ethnicity, first_return_id, last_return_id) VALUES (?1, ?2, ?3, ?4, ?5, ?5) "
	"ON CONFLICT (child) DO UPDATE SET sex = coalesce(children.sex, excluded.sex), "
	"dob = coalesce(children.dob, excluded.dob), ethnicity = coalesce(children.ethnicity, excluded.ethnicity) "
	/* only when that fills something in: rewriting the same values would
	 * still dirty the child's page, for every child in every workbook */
	"WHERE (children.sex IS NULL AND excluded.sex IS NOT NULL) OR (children.dob IS NULL AND excluded.dob IS NOT NULL) "
	"OR (children.ethnicity IS NULL AND excluded.ethnicity IS NOT NULL)",
	"INSERT INTO annexa_visits (return_id, row, list, child, start_date, end_date, visit_date, team) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	"INSERT INTO annexa_extracts (return_id, as_at) VALUES (?1, ?2)",
};

/* The children this load has already written characteristics for, and
 * which of them (SEEN_SEX, SEEN_DOB, SEEN_ETHNICITY) the children table
 * now holds for each. The upsert only fills what is still NULL, so a later
 * row of the same child bringing nothing new would change nothing: it is
 * not sent to SQLite (a child appears in several lists; this saves a
 * b-tree search per row). Open addressing; ids live in the arena. */
enum { SEEN_ROW = 1, SEEN_SEX = 2, SEEN_DOB = 4, SEEN_ETHNICITY = 8 };
struct seen_slot {
	const char *child;         /* NULL when the slot is free */
	unsigned known;
};
struct seen {
	struct seen_slot *slots;   /* owned */
	size_t cap, n;             /* cap is 0 or a power of two */
	struct arena ids;
};

static size_t seen_hash(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot for child: its own, or the free one it would go in. */
static struct seen_slot *seen_find(const struct seen *t, const char *child)
{
	size_t i = seen_hash(child) & (t->cap - 1);
	while (t->slots[i].child && strcmp(t->slots[i].child, child) != 0)
		i = (i + 1) & (t->cap - 1);
	return &t->slots[i];
}

/* What the table is known to hold for child (0 when this load has not written it). */
static unsigned seen_known(const struct seen *t, const char *child)
{
	return t->cap ? seen_find(t, child)->known : 0;
}

/* Record that the table now holds known for child; -1 when out of memory. */
static int seen_add(struct seen *t, const char *child, unsigned known)
{
	if ((t->n + 1) * 4 > t->cap * 3) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		struct seen_slot *old = t->slots, *slots = calloc(cap, sizeof *slots);
		if (!slots)
			return -1;
		size_t oldcap = t->cap;
		t->slots = slots;
		t->cap = cap;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].child)
				*seen_find(t, old[i].child) = old[i];
		free(old);
	}
	struct seen_slot *slot = seen_find(t, child);
	if (!slot->child) {
		if (!(slot->child = arena_strdup(&t->ids, child)))
			return -1;
		t->n++;
	}
	slot->known |= known;
	return 0;
}

static void seen_release(struct seen *t)
{
	free(t->slots);
	arena_release(&t->ids);
	memset(t, 0, sizeof *t);
}

struct ax_load {
	struct ingest_ctx *ctx;
	const struct annexa_schema *schema;
	const char *path;
	long long return_id;
	struct ingest_entry *entry;
	sqlite3_stmt *ins[S_N];
	long rows;
	cf_date latest;            /* the latest key date seen: the collection year when nobody says */
	cf_date as_at;             /* the latest key or visit date: the day the extract describes */
	struct strbuf json;
	struct seen seen;
};

/* A value as it will be stored, with what to record about it. */
struct cell {
	struct value v;
	const char *raw;
};

/* Append s as a JSON string. Returns nonzero when the buffer refused any
 * of it (the row is too long to keep). */
static int json_string(struct strbuf *sb, const char *s)
{
	int bad = strbuf_addc(sb, '"');
	while (*s) {
		/* the run of characters that need no escape, in one append */
		size_t n = 0;
		while (s[n] && s[n] != '"' && s[n] != '\\' && (unsigned char)s[n] >= 0x20)
			n++;
		bad |= strbuf_add(sb, s, n);
		s += n;
		if (!*s)
			break;
		unsigned char c = (unsigned char)*s++;
		if (c == '"' || c == '\\') {
			bad |= strbuf_addc(sb, '\\');
			bad |= strbuf_addc(sb, (char)c);
		} else {
			bad |= strbuf_addf(sb, "\\u%04x", c);
		}
	}
	bad |= strbuf_addc(sb, '"');
	return bad;
}

/* 1 when word occurs in s, ignoring case. */
static int contains_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	for (; *s; s++)
		if (strncasecmp(s, word, n) == 0)
			return 1;
	return 0;
}

/* CP categories from Annex A labels ("a) Neglect", "Multiple/not recommended") */
static const char *abuse_code(const char *s)
{
	static const struct { const char *word, *code; } words[] = {
		{ "neglect", "NEG" }, { "physical", "PHY" }, { "sexual", "SAB" }, { "emotional", "EMO" }, { "multiple", "MUL" },
		{ "NEG", "NEG" }, { "PHY", "PHY" }, { "SAB", "SAB" }, { "EMO", "EMO" }, { "MUL", "MUL" },
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (contains_word(s, words[i].word))
			return words[i].code;
	return NULL;
}

static void set_out(struct value *v, const char *s)
{
	size_t n = strnlen(s, sizeof v->out - 1);
	memmove(v->out, s, n);   /* s may be v->out itself */
	v->out[n] = '\0';
	v->status = VALUE_OK;
}

/* Normalise the value of list column c. */
static void normalise(struct ax_load *ld, int list, int c, const char *raw, struct cell *out)
{
	const struct annexa_column *col = &annexa_lists[list - 1].cols[c];
	struct value *v = &out->v;
	size_t n = raw ? strlen(raw) : 0;
	out->raw = raw;
	switch (col->type) {
	case AX_DATE: value_date(raw, n, v); return;
	case AX_INT: value_count(raw, n, v); return;
	case AX_DECIMAL: value_decimal(raw, n, v); return;   /* ages: Excel works them out to the day */
	case AX_POSTCODE: value_sector(raw, n, v); return;
	case AX_TEXT: value_text(raw, n, v); return;
	case AX_CATEGORY: break;
	}
	value_text(raw, n, v);
	if (v->status == VALUE_EMPTY)
		return;
	const char *label = annexa_match_label(ld->schema, list, c, v->out);
	char code[16];
	switch (col->field) {
	case AXF_REFERRAL_NFA:
	case AXF_ICPC_UNNECESSARY:
		if (label && (!strcmp(label, "Yes") || !strcmp(label, "No"))) {
			set_out(v, label[0] == 'Y' ? "1" : "0");
			return;
		}
		value_flag(raw, n, 0, v);
		return;
	case AXF_CPP_INITIAL:
	case AXF_CPP_LATEST: {
		const char *a = abuse_code(label ? label : v->out);
		if (a) {
			set_out(v, a);
			return;
		}
		break;
	}
	case AXF_GENDER:
		break;
	default:
		/* the DfE code inside the label, where the column has DfE codes */
		if ((col->field == AXF_CONTACT_SOURCE || col->field == AXF_REFERRAL_SOURCE || col->field == AXF_PRIMARY_NEED ||
		     col->field == AXF_CLOSURE_REASON || col->field == AXF_ETHNICITY ||
		     (col->field == AXF_NONE && list == 8 && !strstr(col->name, "(Y/N)"))) &&
		    annexa_code_in_label(v->out, code, sizeof code) == 0) {
			set_out(v, code);
			return;
		}
	}
	if (label) {
		set_out(v, label);
		return;
	}
	if (annexa_has_labels(ld->schema, list, c)) {
		v->status = VALUE_ISSUE;
		v->kind = "unknown_label";
		v->why = "not a value Annex A lists for this column (kept as given)";
	}
}

static int bind_cell(struct ax_load *ld, const struct load_site *at, int stmt, int idx, const struct cell *cell,
		     const char *column, struct cf_error *err)
{
	return load_bind(at, ld->ins[stmt], idx, &cell->v, column, cell->raw, cell->raw ? strlen(cell->raw) : 0, err);
}

static void note_date(struct ax_load *ld, const struct cell *c)
{
	cf_date d;
	if (c->v.status == VALUE_OK && cf_date_parse(c->v.out, strlen(c->v.out), &d) == 0 && d > ld->latest)
		ld->latest = d;
	if (ld->latest != CF_DATE_NONE && (ld->as_at == CF_DATE_NONE || ld->latest > ld->as_at))
		ld->as_at = ld->latest;
}

/* A value read cleanly, or NULL (its issue is recorded where the row's
 * other columns are). */
static void bind_ok(sqlite3_stmt *s, int idx, const struct cell *c)
{
	if (c->v.status == VALUE_OK && c->v.out[0])
		sqlite3_bind_text(s, idx, c->v.out, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, idx);
}

/* Lists 6-8: the child's last visit, the list's dates and the allocated team. */
static int write_visit(struct ax_load *ld, const struct load_site *at, int list, const char *child,
		       const struct cell *start, const struct cell *end, const struct cell *visit,
		       const struct cell *team, struct cf_error *err)
{
	sqlite3_stmt *s = ld->ins[S_VISIT];
	sqlite3_bind_int64(s, 1, ld->return_id);
	sqlite3_bind_int64(s, 2, at->row);
	sqlite3_bind_int(s, 3, list);
	sqlite3_bind_text(s, 4, child, -1, SQLITE_TRANSIENT);
	bind_ok(s, 5, start);
	bind_ok(s, 6, end);
	bind_ok(s, 7, visit);
	bind_ok(s, 8, team);
	/* a list given as its own CSV describes the latest day it records */
	const struct cell *dates[] = { start, end, visit };
	for (int i = 0; i < 3; i++) {
		cf_date d;
		if (dates[i]->v.status == VALUE_OK && cf_date_parse(dates[i]->v.out, strlen(dates[i]->v.out), &d) == 0 &&
		    (ld->as_at == CF_DATE_NONE || d > ld->as_at))
			ld->as_at = d;
	}
	return load_step(at, s, err);
}

static int on_list(void *vctx, int list, const char *source, long header_row, int matched, struct cf_error *err)
{
	struct ax_load *ld = vctx;
	if (ld->entry) {
		size_t n = strlen(ld->entry->note);
		snprintf(ld->entry->note + n, sizeof ld->entry->note - n, "%sList %d: %d columns", n ? "; " : "", list,
			 matched);
	}
	return CF_OK;
}

static int on_row(void *vctx, const struct annexa_row *r, struct cf_error *err)
{
	struct ax_load *ld = vctx;
	int list = r->list, ncols = annexa_list_ncols(list);
	struct cell cells[ANNEXA_MAXCOLS];
	int by_field[AXF_NFIELDS];
	static const char *const tbls[ANNEXA_NLISTS + 1] = {
		"", "annexa.list1", "annexa.list2", "annexa.list3", "annexa.list4", "annexa.list5", "annexa.list6",
		"annexa.list7", "annexa.list8", "annexa.list9", "annexa.list10", "annexa.list11",
	};
	const char *tbl = tbls[list];
	for (int f = 0; f < AXF_NFIELDS; f++)
		by_field[f] = -1;
	for (int c = 0; c < ncols; c++) {
		normalise(ld, list, c, r->vals[c], &cells[c]);
		by_field[annexa_lists[list - 1].cols[c].field] = c;
	}
	int cc = by_field[AXF_CHILD];
	const char *child = cc >= 0 && cells[cc].v.status == VALUE_OK ? cells[cc].v.out : NULL;
	struct load_site at = { ld->ctx, ld->entry, ld->return_id, tbl, r->row, r->row, child };
	int rc = CF_OK;
	if (ld->entry)
		ld->entry->rows_read++;
	if (cc >= 0 && !child &&
	    (rc = load_issue(&at, annexa_lists[list - 1].cols[cc].name, NULL, "missing_value",
			     "the child ID is blank: the row cannot be linked to a child", err)))
		return rc;

	/* the shared table this list feeds */
#define F(field) (by_field[field] >= 0 ? &cells[by_field[field]] : &empty)
#define NAME(field) (by_field[field] >= 0 ? annexa_lists[list - 1].cols[by_field[field]].name : "")
	struct cell empty;
	memset(&empty, 0, sizeof empty);
	empty.v.status = VALUE_EMPTY;
	int stmt = -1;
	static const int list_stmt[ANNEXA_NLISTS + 1] = { -1, S_CONTACT, S_EARLY_HELP, S_REFERRAL, S_ASSESSMENT, S_S47,
							  S_REFERRAL, S_CPP, -1, -1, -1, -1 };
	stmt = list_stmt[list];
	if (stmt >= 0) {
		sqlite3_stmt *s = ld->ins[stmt];
		sqlite3_bind_int64(s, 1, ld->return_id);
		sqlite3_bind_int64(s, 2, r->row);
		if (child)
			sqlite3_bind_text(s, 3, child, -1, SQLITE_TRANSIENT);
		int f[7] = { 0 }, n = 0;
		switch (list) {
		case 1: f[n++] = AXF_CONTACT_DATE; f[n++] = AXF_CONTACT_SOURCE; break;
		case 2: f[n++] = AXF_EH_START; f[n++] = AXF_EH_END; f[n++] = AXF_EH_ORGANISATION; break;
		case 3: f[n++] = AXF_REFERRAL_DATE; f[n++] = AXF_REFERRAL_SOURCE; f[n++] = AXF_NONE; f[n++] = AXF_NONE;
			f[n++] = AXF_NONE; f[n++] = AXF_REFERRAL_NFA; break;
		case 4: f[n++] = AXF_ASSESSMENT_START; f[n++] = AXF_ASSESSMENT_AUTHORISED; break;
		case 5: f[n++] = AXF_S47_START; f[n++] = AXF_ICPC_DATE; f[n++] = AXF_ICPC_UNNECESSARY; break;
		case 6: f[n++] = AXF_CIN_START; f[n++] = AXF_NONE; f[n++] = AXF_PRIMARY_NEED; f[n++] = AXF_CIN_CLOSURE;
			f[n++] = AXF_CLOSURE_REASON; f[n++] = AXF_NONE; break;
		case 7: f[n++] = AXF_CPP_START; f[n++] = AXF_CPP_END; f[n++] = AXF_CPP_INITIAL; f[n++] = AXF_CPP_LATEST;
			f[n++] = AXF_CPP_PREVIOUS; break;
		}
		for (int i = 0; i < n && !rc; i++) {
			if (f[i] == AXF_NONE) {
				sqlite3_bind_null(s, 4 + i);
				continue;
			}
			rc = bind_cell(ld, &at, stmt, 4 + i, F(f[i]), NAME(f[i]), err);
			if (i == 0)
				note_date(ld, F(f[i]));
			if (!rc && i == 0 && F(f[i])->v.status == VALUE_EMPTY)
				rc = load_issue(&at, by_field[f[i]] >= 0 ? NAME(f[i]) : annexa_lists[list - 1].cols[0].name, NULL,
						"missing_value", by_field[f[i]] >= 0 ? "the list's key date is blank"
						: "the list's key date column is missing", err);
		}
		if (!rc)
			rc = load_step(&at, s, err);
		/* List 7's latest review conference: a review of the plan */
		if (!rc && list == 7 && F(AXF_CPP_REVIEW)->v.status != VALUE_EMPTY) {
			sqlite3_stmt *rv = ld->ins[S_REVIEW];
			sqlite3_bind_int64(rv, 1, ld->return_id);
			sqlite3_bind_int64(rv, 2, r->row);
			if (child)
				sqlite3_bind_text(rv, 3, child, -1, SQLITE_TRANSIENT);
			const struct cell *start = F(AXF_CPP_START);
			if (start->v.status == VALUE_OK)
				sqlite3_bind_text(rv, 4, start->v.out, -1, SQLITE_TRANSIENT);
			rc = bind_cell(ld, &at, S_REVIEW, 5, F(AXF_CPP_REVIEW), NAME(AXF_CPP_REVIEW), err);
			if (!rc)
				rc = load_step(&at, rv, err);
		}
		if (rc)
			return rc;
	}
	if (child && list >= 6 && list <= 8) {
		static const int starts[] = { AXF_CIN_START, AXF_CPP_START, AXF_CLA_START },
				 ends[] = { AXF_CIN_CLOSURE, AXF_CPP_END, AXF_CLA_END };
		if ((rc = write_visit(ld, &at, list, child, F(starts[list - 6]), F(ends[list - 6]), F(AXF_VISIT),
				      F(AXF_TEAM), err)))
			return rc;
	}

	/* everything else, as JSON: the values kept in a shared table above are
	 * not repeated; their issues were recorded there */
	strbuf_reset(&ld->json);
	int too_long = strbuf_addc(&ld->json, '{');
	int members = 0;
	for (int c = 0; c < ncols && !rc; c++) {
		const struct annexa_column *col = &annexa_lists[list - 1].cols[c];
		struct cell *cell = &cells[c];
		int in_table = stmt >= 0 && col->field != AXF_NONE && col->field < AXF_VISIT && col->field != AXF_GENDER &&
			       col->field != AXF_ETHNICITY && col->field != AXF_DOB;
		if (col->field == AXF_CHILD || in_table || !r->vals[c])
			continue;
		if (cell->v.status == VALUE_NOTE || cell->v.status == VALUE_ISSUE)
			rc = load_issue(&at, col->name,
					!strcmp(cell->v.kind, "bad_postcode") ? "(withheld: possibly a full postcode)" : cell->raw,
					cell->v.kind, cell->v.why, err);
		if (cell->v.status == VALUE_EMPTY || !cell->v.out[0])
			continue;
		/* one statement each: the operands of | have no order */
		too_long |= strbuf_adds(&ld->json, members++ ? "," : "");
		too_long |= json_string(&ld->json, col->name);
		too_long |= strbuf_addc(&ld->json, ':');
		too_long |= json_string(&ld->json, cell->v.out);
	}
	for (int i = 0; i < r->nextra; i++) {
		struct value v;
		value_text(r->extra_vals[i], strlen(r->extra_vals[i]), &v);
		if (v.status == VALUE_EMPTY)
			continue;
		/* one statement each: the operands of | have no order */
		too_long |= strbuf_adds(&ld->json, members++ ? "," : "");
		too_long |= json_string(&ld->json, r->extra_names[i]);
		too_long |= strbuf_addc(&ld->json, ':');
		too_long |= json_string(&ld->json, v.out);
	}
	too_long |= strbuf_addc(&ld->json, '}');
	if (too_long)
		return cf_error_at(err, CF_EINPUT, ld->path, r->row, NULL, NULL, "%s: a row too long to keep", r->source);
	if (!rc && members) {
		sqlite3_stmt *s = ld->ins[S_ROWS];
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, ld->return_id);
		sqlite3_bind_int64(s, 2, r->row);
		sqlite3_bind_int(s, 3, list);
		if (child)
			sqlite3_bind_text(s, 4, child, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(s, 4);
		sqlite3_bind_text(s, 5, strbuf_str(&ld->json), (int)ld->json.len, SQLITE_TRANSIENT);
		rc = load_step(&at, s, err);
	}
	/* the child's characteristics, where no statutory return has given them */
	if (!rc && child) {
		const struct cell *g = F(AXF_GENDER), *d = F(AXF_DOB), *e = F(AXF_ETHNICITY);
		const char *sex = g->v.status != VALUE_OK ? NULL : strstr(g->v.out, "Female") ? "2"
				  : strstr(g->v.out, "Male") ? "1" : NULL;
		const char *dob = d->v.status == VALUE_OK ? d->v.out : NULL;
		const char *eth = e->v.status == VALUE_OK && strlen(e->v.out) == 4 ? e->v.out : NULL;
		unsigned brings = (sex ? SEEN_SEX : 0) | (dob ? SEEN_DOB : 0) | (eth ? SEEN_ETHNICITY : 0);
		unsigned known = seen_known(&ld->seen, child);
		if (known && !(brings & ~known)) {
			/* the upsert would change nothing; still counted as a write */
			rc = ingest_row_written(ld->ctx, err);
		} else {
			sqlite3_stmt *s = ld->ins[S_CHILD];
			sqlite3_bind_text(s, 1, child, -1, SQLITE_TRANSIENT);
			if (sex)
				sqlite3_bind_text(s, 2, sex, -1, SQLITE_STATIC);
			if (dob)
				sqlite3_bind_text(s, 3, dob, -1, SQLITE_TRANSIENT);
			if (eth)
				sqlite3_bind_text(s, 4, eth, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(s, 5, ld->return_id);
			rc = load_step(&at, s, err);
			/* SEEN_ROW: the child's row exists, whatever it holds */
			if (!rc && seen_add(&ld->seen, child, brings | SEEN_ROW))
				rc = cf_error_set(err, CF_EIO, "out of memory");
		}
	}
#undef F
#undef NAME
	if (!rc) {
		ld->rows++;
		if (ld->entry)
			ld->entry->rows_stored++;
	}
	return rc;
}

static int load_one(struct ingest_ctx *ctx, const struct annexa_schema *schema, const char *path, int is_xlsx,
		    struct cf_error *err)
{
	struct ax_load ld;
	memset(&ld, 0, sizeof ld);
	ld.ctx = ctx;
	ld.schema = schema;
	ld.path = path;
	ld.latest = ld.as_at = CF_DATE_NONE;
	strbuf_init(&ld.json, (size_t)1 << 20);
	arena_init(&ld.seen.ids, 0);
	int year = ctx->opt->collection_year > 0 ? ctx->opt->collection_year : ingest_year_from_path(path);
	int rc = ingest_add_return(ctx, path, is_xlsx ? RETURN_ANNEXA_XLSX : RETURN_ANNEXA_CSV, year, &ld.return_id,
				   &ld.entry, err);
	if (!rc && ld.return_id) {
		for (int i = 0; i < S_N && !rc; i++)
			rc = store_prepare(ctx->st, insert_sql[i], &ld.ins[i], err);
		static const struct annexa_handler h = { on_list, on_row };
		if (!rc)
			rc = is_xlsx ? annexa_read_xlsx(path, schema, &h, &ld, err) : annexa_read_csv(path, schema, &h, &ld, err);
		if (!rc && ld.as_at != CF_DATE_NONE) {
			char day[11];
			cf_date_format(ld.as_at, day);
			sqlite3_bind_int64(ld.ins[S_EXTRACT], 1, ld.return_id);
			sqlite3_bind_text(ld.ins[S_EXTRACT], 2, day, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(ld.ins[S_EXTRACT]) != SQLITE_DONE)
				rc = store_error(ctx->st, err, "recording the day the extract describes");
		}
		if (!rc)
			rc = load_finish_return(ctx, ld.return_id, ld.rows, err);
		if (!rc && year <= 0 && ld.latest != CF_DATE_NONE) {
			char sql[160];
			snprintf(sql, sizeof sql, "UPDATE returns SET collection_year = %d WHERE id = %lld",
				 cf_date_fy(ld.latest) + 1, ld.return_id);
			rc = store_exec(ctx->st, sql, err);
		}
	}
	for (int i = 0; i < S_N; i++)
		sqlite3_finalize(ld.ins[i]);
	strbuf_release(&ld.json);
	seen_release(&ld.seen);
	return rc;
}

/* The spellings' matcher, built once per process (it compiles the
 * patterns): the sniffer needs it as much as the loader does. */
static struct annexa_schema *schema_cache;
static int schema_tried;

static void schema_release(void)
{
	annexa_schema_free(schema_cache);
	schema_cache = NULL;
}

static const struct annexa_schema *schema_get(struct cf_error *err)
{
	if (!schema_tried) {
		schema_tried = 1;
		if (annexa_schema_load(&schema_cache, err) != CF_OK)
			return NULL;
		atexit(schema_release);
	}
	return schema_cache;
}

static int load_group(struct ingest_ctx *ctx, char **paths, int n, int is_xlsx, struct cf_error *err)
{
	const struct annexa_schema *schema = schema_get(err);
	if (!schema)
		return cf_error_set(err, CF_EIO, "out of memory reading the Annex A schema");
	int rc = CF_OK;
	for (int i = 0; i < n && !rc; i++)
		rc = load_one(ctx, schema, paths[i], is_xlsx, err);
	return rc;
}

int sniff_annexa_xlsx(const struct ingest_sniff *info)
{
	return info->ext && !strcmp(info->ext, "xlsx") && annexa_sniff_xlsx(info->path);
}

int load_annexa_xlsx(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err)
{
	return load_group(ctx, paths, n, 1, err);
}

/* A list as CSV: its child ID column and at least two more of the list's. */
int sniff_annexa_csv(const struct ingest_sniff *info)
{
	struct cf_error e;
	cf_error_clear(&e);
	return info->csv_fields &&
	       annexa_csv_list(schema_get(&e), info->path, info->csv_fields, info->csv_lens, info->csv_nfields);
}

int load_annexa_csv(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err)
{
	return load_group(ctx, paths, n, 0, err);
}
