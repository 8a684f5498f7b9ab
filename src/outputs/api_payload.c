/* Building DfE's children's social care API records from the store: each
 * child's details, CIN episodes (with their assessments, section 47
 * enquiries and CP plans) and looked-after placements, checked field by
 * field against openapi.json's constraints, then caseflow's own checks. */
#include "outputs/api_payload.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/dir.h"
#include "base/sha256.h"
#include "base/strbuf.h"
#include "outputs/render.h"
#include "store/api_sent.h"
#include "outputs/cin_gather.h"
#include "store/episode_reader.h"

/* --- what the store holds, by child -------------------------------------- */

/* The CIN records and, beside them, the looked-after placements. */
struct gather {
	struct cin_gathered cin;
	struct cin_items pla;     /* SSDA903 episodes: code1 RNE, code2 PLACE, code3 REC */
};

static int gather_all(struct store *st, struct gather *g, struct cf_error *err)
{
	int rc = cin_gather(st, &g->cin, err);
	if (rc)
		return rc;
	struct episode_set es;
	if ((rc = episode_set_read(st, EPISODES_CURRENT, &es, err)))
		return rc;
	for (size_t i = 0; i < es.n && !g->cin.oom; i++) {
		const struct episode_row *e = &es.rows[i];
		struct cin_item *d = cin_items_add(&g->cin, &g->pla, es.children[e->child].id);
		if (!d)
			break;
		d->a = e->start;
		d->b = e->end;
		d->code1 = e->rne[0] ? cin_gather_keep(&g->cin, e->rne) : NULL;
		d->code2 = e->place[0] ? cin_gather_keep(&g->cin, e->place) : NULL;
		d->code3 = e->rec[0] ? cin_gather_keep(&g->cin, e->rec) : NULL;
		cf_date last = e->end != CF_DATE_NONE ? e->end : e->start;
		if (g->cin.latest == CF_DATE_NONE || last > g->cin.latest)
			g->cin.latest = last;
	}
	episode_set_release(&es);
	if (g->cin.oom)
		return cf_error_set(err, CF_EIO, "out of memory");
	cin_items_sort(&g->pla);
	return CF_OK;
}

static void gather_release(struct gather *g)
{
	cin_gather_release(&g->cin);
	free(g->pla.v);
}

/* --- a record, checked as it is written ---------------------------------- */

/* The JSON being written and the first breach of the contract found. */
struct rec {
	struct strbuf sb;
	char why[256];
	int members;              /* members written in the current object */
	int refused;              /* the buffer refused an append: the record is incomplete */
};

static void json_text(struct rec *r, const char *s)
{
	r->refused |= strbuf_addc(&r->sb, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			r->refused |= strbuf_addf(&r->sb, "\\%c", c);
		else if (c < 0x20)
			r->refused |= strbuf_addf(&r->sb, "\\u%04x", c);
		else
			r->refused |= strbuf_addc(&r->sb, (char)c);
	}
	r->refused |= strbuf_addc(&r->sb, '"');
}

static void key(struct rec *r, const char *k)
{
	if (r->members++)
		r->refused |= strbuf_addc(&r->sb, ',');
	json_text(r, k);
	r->refused |= strbuf_addc(&r->sb, ':');
}

static void breach(struct rec *r, const char *field, const char *value, const char *why)
{
	if (!r->why[0])
		snprintf(r->why, sizeof r->why, "%s \"%s\" %s", field, value, why);
}

/* The contract's id patterns: ^[A-Za-z0-9]+$ (la_child_id) and
 * ^[A-Za-z0-9_-]*$ (the other ids). */
static int id_ok(const char *s, int dash)
{
	if (!dash && !*s)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !(dash && (*s == '_' || *s == '-')))
			return 0;
	return 1;
}

/* A string member: maxLength, and an id pattern when pattern is 1 (no
 * dashes) or 2 (dashes and underscores). */
static void put_string(struct rec *r, const char *k, const char *v, size_t max, int pattern)
{
	if (strlen(v) > max)
		breach(r, k, v, "is longer than the contract allows");
	else if (pattern && !id_ok(v, pattern == 2))
		breach(r, k, v, "does not match the contract's pattern");
	key(r, k);
	json_text(r, v);
}

/* A date member (format: date); nothing when the date is not known. */
static void put_date(struct rec *r, const char *k, cf_date d)
{
	if (d == CF_DATE_NONE)
		return;
	char buf[11];
	cf_date_format(d, buf);
	key(r, k);
	json_text(r, buf);
}

static void put_bool(struct rec *r, const char *k, int v)
{
	key(r, k);
	r->refused |= strbuf_adds(&r->sb, v ? "true" : "false");
}

static int open_(struct rec *r, const char *k, char c);
static void close_(struct rec *r, char c, int saved);

/* An assessment's factors (stored space-separated) as the contract's array:
 * at most 41, unique, each at most 3 characters. */
static void put_factors(struct rec *r, const char *list)
{
	int arr = open_(r, "factors", '['), n = 0;
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, " ");
		if (len) {
			char f[64];
			snprintf(f, sizeof f, "%.*s", (int)(len < sizeof f ? len : sizeof f - 1), p);
			if (len > 3)
				breach(r, "factors", f, "is longer than the contract allows");
			for (const char *q = list; q < p; q += strcspn(q, " ") + (q[strcspn(q, " ")] != '\0'))
				if (strcspn(q, " ") == len && !strncmp(q, p, len))
					breach(r, "factors", f, "is given twice (the contract wants each once)");
			if (++n > 41)
				breach(r, "factors", f, "is one more than the contract's 41");
			if (r->members++)
				r->refused |= strbuf_addc(&r->sb, ',');
			json_text(r, f);
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	close_(r, ']', arr);
}

/* Open an object or array as a member (k) or an element (k NULL). */
static int open_(struct rec *r, const char *k, char c)
{
	if (k)
		key(r, k);
	else if (r->members++)
		r->refused |= strbuf_addc(&r->sb, ',');
	r->refused |= strbuf_addc(&r->sb, c);
	int saved = r->members;
	r->members = 0;
	return saved;
}

static void close_(struct rec *r, char c, int saved)
{
	r->refused |= strbuf_addc(&r->sb, c);
	r->members = saved;
}

/* An id of a child's record: the child's ID, a letter for the kind and the
 * record's date (the contract allows 36 of A-Za-z0-9_-). */
static void record_id(char *out, size_t size, const char *child, char kind, cf_date d)
{
	char day[11] = "";
	if (d != CF_DATE_NONE)
		cf_date_format(d, day);
	/* yyyy-mm-dd without its dashes */
	char compact[9] = "";
	if (day[0])
		snprintf(compact, sizeof compact, "%.4s%.2s%.2s", day, day + 5, day + 8);
	snprintf(out, size, "%s_%c%s", child, kind, compact);
}

/* --- one child ------------------------------------------------------------- */

struct child_view {
	const struct child_record *kid;
	const struct cin_item *ref, *ass, *s47, *cpp, *pla;   /* the child's records, sorted by date */
	size_t nref, nass, ns47, ncpp, npla;
};

/* The episode (index into ref) that holds day d, or -1: the latest referral
 * on or before d not closed before it. */
static int holder(const struct child_view *v, cf_date d)
{
	int found = -1;
	for (size_t i = 0; i < v->nref && d != CF_DATE_NONE; i++)
		if (v->ref[i].a != CF_DATE_NONE && v->ref[i].a <= d && (v->ref[i].b == CF_DATE_NONE || v->ref[i].b >= d))
			found = (int)i;
	return found;
}

static const char *sex_code(const char *s)
{
	if (!s)
		return NULL;
	if (!strcmp(s, "1") || !strcmp(s, "M"))
		return "M";
	if (!strcmp(s, "2") || !strcmp(s, "F"))
		return "F";
	return NULL;
}

/* Which of an identifier's shapes must never leave the council: a UPN
 * (a letter, 11 digits, a letter or digit) or an NHS number (10 digits). */
static const char *sensitive_shape(const char *id)
{
	size_t n = strlen(id), digits = 0;
	for (size_t i = 0; i < n; i++)
		digits += isdigit((unsigned char)id[i]) != 0;
	if (n == 13 && isalpha((unsigned char)id[0]) && digits >= 11)
		return "has a UPN's shape";
	if (n == 10 && digits == 10)
		return "has an NHS number's shape";
	return NULL;
}

struct outcome {
	enum api_status status;
	char why[300];
	struct strbuf episodes;   /* ids written, space-separated */
	long historic;            /* episodes and placements left out as historic */
	long nepisodes, nplacements, npurged;   /* written */
};

/* 1 when id occurs in the space-separated list. */
static int in_list(const char *list, const char *id)
{
	size_t n = strlen(id);
	for (const char *p = list; (p = strstr(p, id)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/* Write child v's record into r; o says whether it can go and why not. */
static void child_record(const struct child_view *v, cf_date from, const char *sent_episodes,
			 const char *all_episodes, struct rec *r, struct outcome *o)
{
	const char *id = v->kid->child;
	int top = open_(r, NULL, '{');
	put_string(r, "la_child_id", id, 20, 1);
	const char *shape = sensitive_shape(id);
	if (shape && !r->why[0])   /* the value is not repeated: it must not leave */
		snprintf(r->why, sizeof r->why, "la_child_id %s: an identifier that must not leave", shape);
	int d = open_(r, "child_details", '{');
	put_date(r, "date_of_birth", v->kid->dob);
	const char *sex = sex_code(v->kid->sex);
	if (sex)
		put_string(r, "sex", sex, 1, 0);
	if (v->kid->ethnicity)
		put_string(r, "ethnicity", v->kid->ethnicity, 4, 0);
	close_(r, '}', d);

	int eps = open_(r, "social_care_episodes", '[');
	int *used = calloc(v->npla + 1, sizeof *used);
	int sent_any = 0;
	if (!used) {
		breach(r, "la_child_id", id, "could not be built: out of memory");
		close_(r, ']', eps);
		close_(r, '}', top);
		o->status = API_HELD_BACK;
		snprintf(o->why, sizeof o->why, "%s", r->why);
		return;
	}
	for (size_t i = 0; i <= v->nref; i++) {
		/* i == nref: the placements no CIN episode holds */
		const struct cin_item *e = i < v->nref ? &v->ref[i] : NULL;
		char eid[48];
		if (e)
			record_id(eid, sizeof eid, id, 'R', e->a);
		else
			snprintf(eid, sizeof eid, "%s_LA", id);
		int any = 0;
		for (size_t k = 0; k < v->npla; k++)
			if (!used[k] && (e ? holder(v, v->pla[k].a) == (int)i : 1) &&
			    (from == CF_DATE_NONE || v->pla[k].b == CF_DATE_NONE || v->pla[k].b >= from))
				any = 1;
		if (!e && !any)
			continue;
		if (e && from != CF_DATE_NONE && e->b != CF_DATE_NONE && e->b < from) {
			o->historic++;
			continue;
		}
		if (in_list(strbuf_str(&o->episodes), eid))
			breach(r, "social_care_episode_id", eid, "is given twice (two CIN episodes on one day)");
		strbuf_addf(&o->episodes, "%s%s", o->episodes.len ? " " : "", eid);
		sent_any = 1;
		o->nepisodes++;
		int ep = open_(r, NULL, '{');
		put_string(r, "social_care_episode_id", eid, 36, 2);
		if (e) {
			put_date(r, "referral_date", e->a);
			if (e->code1)
				put_string(r, "referral_source", e->code1, 2, 0);
			put_bool(r, "referral_no_further_action_flag", e->n == 1);
			put_date(r, "closure_date", e->b);
			if (e->code3)
				put_string(r, "closure_reason", e->code3, 3, 0);
		}
		struct {
			const char *name, *idname;
			char kind;
			const struct cin_item *v;
			size_t n;
			const char *end;
		} parts[] = {
			{ "child_and_family_assessments", "child_and_family_assessment_id", 'A', v->ass, v->nass, "authorisation_date" },
			{ "section_47_assessments", "section_47_assessment_id", 'S', v->s47, v->ns47, "icpc_date" },
			{ "child_protection_plans", "child_protection_plan_id", 'P', v->cpp, v->ncpp, "end_date" },
		};
		for (size_t p = 0; e && p < sizeof parts / sizeof parts[0]; p++) {
			int opened = 0, arr = 0;
			char seen[4096] = "";
			for (size_t k = 0; k < parts[p].n; k++) {
				if (holder(v, parts[p].v[k].a) != (int)i)
					continue;
				if (!opened) {
					arr = open_(r, parts[p].name, '[');
					opened = 1;
				}
				char rid[48];
				record_id(rid, sizeof rid, id, parts[p].kind, parts[p].v[k].a);
				if (in_list(seen, rid))
					breach(r, parts[p].idname, rid, "is given twice (two records on one day)");
				size_t sl = strlen(seen);
				snprintf(seen + sl, sizeof seen - sl, "%s%s", sl ? " " : "", rid);
				int o2 = open_(r, NULL, '{');
				put_string(r, parts[p].idname, rid, 36, 2);
				put_date(r, "start_date", parts[p].v[k].a);
				put_date(r, parts[p].end, parts[p].v[k].b);
				if (parts[p].kind == 'S')
					put_bool(r, "icpc_required_flag", parts[p].v[k].b != CF_DATE_NONE);
				if (parts[p].kind == 'A' && parts[p].v[k].code1)
					put_factors(r, parts[p].v[k].code1);
				close_(r, '}', o2);
			}
			if (opened)
				close_(r, ']', arr);
		}
		int opened = 0, arr = 0;
		for (size_t k = 0; k < v->npla; k++) {
			const struct cin_item *pl = &v->pla[k];
			if (used[k] || (e && holder(v, pl->a) != (int)i))
				continue;
			used[k] = 1;
			if (from != CF_DATE_NONE && pl->b != CF_DATE_NONE && pl->b < from) {
				o->historic++;
				continue;
			}
			if (!opened) {
				arr = open_(r, "child_looked_after_placements", '[');
				opened = 1;
			}
			char rid[48];
			record_id(rid, sizeof rid, id, 'L', pl->a);
			o->nplacements++;
			int o2 = open_(r, NULL, '{');
			put_string(r, "child_looked_after_placement_id", rid, 36, 2);
			put_date(r, "start_date", pl->a);
			if (pl->code1)
				put_string(r, "start_reason", pl->code1, 1, 0);
			if (pl->code2)
				put_string(r, "placement_type", pl->code2, 3, 0);
			put_date(r, "end_date", pl->b);
			if (pl->code3)
				put_string(r, "end_reason", pl->code3, 3, 0);
			close_(r, '}', o2);
		}
		if (opened)
			close_(r, ']', arr);
		close_(r, '}', ep);
	}
	free(used);
	/* episodes sent before that the store no longer holds: purged */
	for (const char *p = sent_episodes; p && *p;) {
		size_t n = strcspn(p, " ");
		char eid[64];
		snprintf(eid, sizeof eid, "%.*s", (int)(n < sizeof eid ? n : sizeof eid - 1), p);
		if (eid[0] && !in_list(all_episodes, eid)) {
			int ep = open_(r, NULL, '{');
			put_string(r, "social_care_episode_id", eid, 36, 2);
			put_bool(r, "purge", 1);
			close_(r, '}', ep);
			sent_any = 1;
			o->npurged++;
		}
		p += n;
		while (*p == ' ')
			p++;
	}
	close_(r, ']', eps);
	close_(r, '}', top);
	if (r->refused && !r->why[0])
		snprintf(r->why, sizeof r->why, "the record is too large to build");
	if (r->why[0]) {
		o->status = API_HELD_BACK;
		snprintf(o->why, sizeof o->why, "%s", r->why);
	} else if (!sent_any) {
		o->status = o->historic ? API_HISTORIC : API_NOT_SENT;
		snprintf(o->why, sizeof o->why, o->historic ? "every episode closed before the cut-off" :
			 "no CIN episode or placement");
	} else {
		o->status = API_INCLUDED;
		snprintf(o->why, sizeof o->why, "%ld episodes, %ld placements%s%s", o->nepisodes, o->nplacements,
			 o->npurged ? ", episodes purged" : "", o->historic ? "; historic ones left out" : "");
	}
}

/* Every episode id the child's records give, historic or not: an episode
 * sent before is purged only when the store no longer holds it. */
static void all_episode_ids(const struct child_view *v, struct strbuf *out)
{
	char eid[48];
	for (size_t i = 0; i < v->nref; i++) {
		record_id(eid, sizeof eid, v->kid->child, 'R', v->ref[i].a);
		strbuf_addf(out, "%s%s", out->len ? " " : "", eid);
	}
	snprintf(eid, sizeof eid, "%s_LA", v->kid->child);
	strbuf_addf(out, "%s%s", out->len ? " " : "", eid);
}

/* --- the run ----------------------------------------------------------------- */

struct sent_map {
	struct api_sent_record *v;
	size_t n, cap;
	struct arena arena;
};

static int on_sent(void *ctx, const struct api_sent_record *r)
{
	struct sent_map *m = ctx;
	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 256;
		struct api_sent_record *v = realloc(m->v, cap * sizeof *v);
		if (!v)
			return CF_EIO;
		m->v = v;
		m->cap = cap;
	}
	struct api_sent_record *s = &m->v[m->n++];
	s->child = arena_strdup(&m->arena, r->child);
	s->digest = arena_strdup(&m->arena, r->digest);
	s->episodes = arena_strdup(&m->arena, r->episodes);
	s->purged = r->purged;
	return s->child && s->digest && s->episodes ? CF_OK : CF_EIO;
}

static const struct api_sent_record *sent_find(const struct sent_map *m, const char *child)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(m->v[mid].child, child);
		if (!c)
			return &m->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static const char *const status_names[] = { "included", "held back", "unchanged", "historic", "purge", "not sent" };

/* The child's ID as the report shows it: masked but for its first and
 * last two characters when it has the shape of a UPN or an NHS number. */
static void shown_id(const char *child, char *out, size_t size)
{
	size_t n = strlen(child);
	if (!sensitive_shape(child) || n < 5) {
		snprintf(out, size, "%s", child);
		return;
	}
	snprintf(out, size, "%.2s%.*s%s", child, (int)(n - 4), "********************", child + n - 2);
}

static int report_add(struct api_payload_result *r, const char *child, enum api_status s, const char *why,
		      struct cf_error *err)
{
	char shown[64];
	shown_id(child, shown, sizeof shown);
	long i = cf_table_add_row(r->report);
	if (i < 0 || cf_table_set_text(r->report, (size_t)i, 0, shown) ||
	    cf_table_set_text(r->report, (size_t)i, 1, status_names[s]) || cf_table_set_text(r->report, (size_t)i, 2, why))
		return cf_error_set(err, CF_EIO, "out of memory");
	r->counts[s]++;
	return CF_OK;
}

static int record_add(struct api_payload_result *r, const char *child, const char *json, const char *episodes,
		      int purge, struct cf_error *err)
{
	struct api_record *v = realloc(r->records, (size_t)(r->nrecords + 1) * sizeof *v);
	if (!v)
		return cf_error_set(err, CF_EIO, "out of memory");
	r->records = v;
	struct api_record *x = &v[r->nrecords];
	memset(x, 0, sizeof *x);
	x->child = strdup(child);
	x->json = strdup(json);
	x->episodes = strdup(episodes);
	x->purge = purge;
	if (!x->child || !x->json || !x->episodes) {
		free(x->child);
		free(x->json);
		free(x->episodes);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	struct sha256 h;
	unsigned char md[32];
	sha256_init(&h);
	sha256_update(&h, json, strlen(json));
	sha256_final(&h, md);
	sha256_hex(md, x->digest);
	r->nrecords++;
	return CF_OK;
}

/* 1 when any of the child's records is dated on or after since. */
static int touched_since(const struct child_view *v, cf_date since)
{
	const struct cin_item *lists[] = { v->ref, v->ass, v->s47, v->cpp, v->pla };
	size_t ns[] = { v->nref, v->nass, v->ns47, v->ncpp, v->npla };
	for (int l = 0; l < 5; l++)
		for (size_t i = 0; i < ns[l]; i++)
			if (lists[l][i].a >= since || (lists[l][i].b != CF_DATE_NONE && lists[l][i].b >= since))
				return 1;
	return 0;
}

static int write_batches(const char *dir, struct api_payload_result *r, struct cf_error *err)
{
	int rc = dir_make(dir, err);
	for (long i = 0; !rc && i < r->nrecords; i += API_BATCH_MAX) {
		char path[4200];
		snprintf(path, sizeof path, "%s/payload-%04ld.json", dir, i / API_BATCH_MAX + 1);
		FILE *fp = fopen(path, "w");
		if (!fp)
			return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot write");
		fputc('[', fp);
		for (long k = i; k < r->nrecords && k < i + API_BATCH_MAX; k++)
			fprintf(fp, "%s\n%s", k > i ? "," : "", r->records[k].json);
		fputs("\n]\n", fp);
		if (fclose(fp))
			return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot write");
	}
	if (!rc) {
		char path[4200];
		snprintf(path, sizeof path, "%s/report.csv", dir);
		rc = render_tables(&r->report, 1, RENDER_CSV, path, err);
	}
	return rc;
}

int api_payload_build(const struct api_payload_request *q, struct api_payload_result *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	if (!(out->report = cf_table_new("api_payload")) || cf_table_add_column(out->report, "child", CF_CELL_TEXT, 0) < 0 ||
	    cf_table_add_column(out->report, "status", CF_CELL_TEXT, 0) < 0 ||
	    cf_table_add_column(out->report, "why", CF_CELL_TEXT, 0) < 0)
		return cf_error_set(err, CF_EIO, "out of memory");
	if (q->la_code < 1 || q->la_code > 999)
		return cf_error_set(err, CF_EINPUT, "the local authority code %d is not DfE's 3-digit code (1 to 999)",
				    q->la_code);
	struct gather g;
	memset(&g, 0, sizeof g);
	struct sent_map sent;
	memset(&sent, 0, sizeof sent);
	arena_init(&sent.arena, 0);
	int rc = gather_all(q->st, &g, err);
	if (!rc && (rc = api_sent_each(q->st, q->la_code, on_sent, &sent, err)) == CF_EIO && !err->msg[0])
		cf_error_set(err, CF_EIO, "out of memory");
	cf_date from = q->from;
	if (from == CF_DATE_NONE && g.cin.latest != CF_DATE_NONE)
		from = cf_date_fy_start(cf_date_fy(g.cin.latest) - 2);
	out->from = from;
	struct rec r;
	memset(&r, 0, sizeof r);
	strbuf_init(&r.sb, (size_t)64 << 20);
	struct outcome o;
	memset(&o, 0, sizeof o);
	strbuf_init(&o.episodes, (size_t)1 << 20);
	struct strbuf all;
	strbuf_init(&all, (size_t)1 << 20);
	for (size_t i = 0; i < g.cin.nkids && !rc; i++) {
		struct child_view v = { .kid = &g.cin.kids[i] };
		const char *id = v.kid->child;
		if (i && !strcmp(id, g.cin.kids[i - 1].child))
			continue;
		v.ref = cin_items_of(&g.cin.referrals, id, &v.nref);
		v.ass = cin_items_of(&g.cin.assessments, id, &v.nass);
		v.s47 = cin_items_of(&g.cin.s47s, id, &v.ns47);
		v.cpp = cin_items_of(&g.cin.plans, id, &v.ncpp);
		v.pla = cin_items_of(&g.pla, id, &v.npla);
		const struct api_sent_record *before = sent_find(&sent, id);
		strbuf_reset(&r.sb);
		r.why[0] = '\0';
		r.members = r.refused = 0;
		strbuf_reset(&o.episodes);
		o.historic = o.nepisodes = o.nplacements = o.npurged = 0;
		strbuf_reset(&all);
		all_episode_ids(&v, &all);
		child_record(&v, from, before && !before->purged ? before->episodes : NULL, strbuf_str(&all), &r, &o);
		if (o.status == API_NOT_SENT)
			continue;   /* a child with no social care record is not the API's */
		if (o.status == API_INCLUDED && q->since != CF_DATE_NONE && !touched_since(&v, q->since)) {
			rc = report_add(out, id, API_UNCHANGED, "no record dated on or after --since", err);
			continue;
		}
		if (o.status == API_INCLUDED && !q->all && before && !before->purged) {
			struct sha256 h;
			unsigned char md[32];
			char hex[65];
			sha256_init(&h);
			sha256_update(&h, strbuf_str(&r.sb), r.sb.len);
			sha256_final(&h, md);
			sha256_hex(md, hex);
			if (!strcmp(hex, before->digest)) {
				rc = report_add(out, id, API_UNCHANGED, "unchanged since the last payload sent", err);
				continue;
			}
		}
		rc = report_add(out, id, o.status, o.why, err);
		if (!rc && o.status == API_INCLUDED)
			rc = record_add(out, id, strbuf_str(&r.sb), strbuf_str(&o.episodes), 0, err);
	}
	/* children sent before whom the store no longer holds: purged */
	for (size_t i = 0; i < sent.n && !rc; i++) {
		const struct api_sent_record *s = &sent.v[i];
		if (s->purged || cin_gather_child(&g.cin, s->child))
			continue;
		strbuf_reset(&r.sb);
		r.why[0] = '\0';
		r.members = r.refused = 0;
		int top = open_(&r, NULL, '{');
		put_string(&r, "la_child_id", s->child, 20, 1);
		put_bool(&r, "purge", 1);
		close_(&r, '}', top);
		rc = report_add(out, s->child, API_PURGE, "sent before, no longer in the store: purge flag set", err);
		if (!rc)
			rc = record_add(out, s->child, strbuf_str(&r.sb), "", 1, err);
	}
	strbuf_release(&r.sb);
	strbuf_release(&o.episodes);
	strbuf_release(&all);
	gather_release(&g);
	free(sent.v);
	arena_release(&sent.arena);
	out->batches = (int)((out->nrecords + API_BATCH_MAX - 1) / API_BATCH_MAX);
	if (!rc && q->out)
		rc = write_batches(q->out, out, err);
	if (!rc && q->send_url)
		rc = api_payload_send(q->st, q->la_code, q->send_url, q->credentials, out, err);
	return rc;
}

void api_payload_result_release(struct api_payload_result *r)
{
	cf_table_free(r->report);
	for (long i = 0; i < r->nrecords; i++) {
		free(r->records[i].child);
		free(r->records[i].json);
		free(r->records[i].episodes);
	}
	free(r->records);
	memset(r, 0, sizeof *r);
}
