/* CIN census XML: a streaming reader handing over one child at a time. */
#include "formats/cin_census.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "formats/xmlstream.h"

/* What an open element is: a container the reader knows, a field of one, a
 * known element whose value is not kept, or something no layout has. */
enum kind {
	K_NONE = 0, K_MESSAGE, K_HEADER, K_COLLDETAILS, K_SOURCE, K_CHILDREN, K_CHILD, K_IDS, K_CHARS,
	K_DISABILITIES, K_CINDETAILS, K_ASSESSMENT, K_FACTORS, K_PLANDATES, K_S47, K_CPP, K_REVIEWS,
	K_NCONTAINERS,
	K_FIELD,      /* a value kept in the record of its parent */
	K_LIST,       /* a value appended to a space-separated field (factors, disabilities) */
	K_REVIEW,     /* CPPreviewDate: a new review of the plan */
	K_UPN,        /* its presence is kept; the value only for validation (want_upn) */
	K_FORMER_UPN, /* kept only for validation (want_upn) */
	K_SKIP,       /* a known element the store does not keep */
	K_IGNORED,    /* not in any layout (and everything inside it) */
};

/* The record a container's fields go into. */
enum rec { R_HEADER, R_CHILD, R_EPISODE, R_ASSESSMENT, R_PLAN, R_S47, R_CPP };

struct element_def {
	unsigned char parent;   /* enum kind of the parent */
	const char *name;
	unsigned char kind;
	unsigned char rec;      /* K_FIELD/K_LIST: which record */
	unsigned short offset;  /* K_FIELD/K_LIST: offset of the struct cin_field */
};

#define FIELD(p, n, r, type, m) { p, n, K_FIELD, r, (unsigned short)offsetof(type, m) }
#define LIST(p, n, r, type, m) { p, n, K_LIST, r, (unsigned short)offsetof(type, m) }
#define BOX(p, n, k) { p, n, k, 0, 0 }

/* Every element of the 2017-2026 layouts, grouped by parent. */
static const struct element_def elements[] = {
	BOX(K_MESSAGE, "Header", K_HEADER), BOX(K_MESSAGE, "Children", K_CHILDREN),
	BOX(K_HEADER, "CollectionDetails", K_COLLDETAILS), BOX(K_HEADER, "Source", K_SOURCE),
	FIELD(K_COLLDETAILS, "Collection", R_HEADER, struct cin_header, collection),
	FIELD(K_COLLDETAILS, "Year", R_HEADER, struct cin_header, year),
	FIELD(K_COLLDETAILS, "ReferenceDate", R_HEADER, struct cin_header, reference_date),
	FIELD(K_SOURCE, "LEA", R_HEADER, struct cin_header, lea),
	BOX(K_SOURCE, "SourceLevel", K_SKIP), BOX(K_SOURCE, "SoftwareCode", K_SKIP),
	BOX(K_SOURCE, "Release", K_SKIP), BOX(K_SOURCE, "SerialNo", K_SKIP), BOX(K_SOURCE, "DateTime", K_SKIP),
	BOX(K_CHILDREN, "Child", K_CHILD),
	BOX(K_CHILD, "ChildIdentifiers", K_IDS), BOX(K_CHILD, "ChildCharacteristics", K_CHARS),
	BOX(K_CHILD, "CINdetails", K_CINDETAILS),
	FIELD(K_IDS, "LAchildID", R_CHILD, struct cin_child, la_child_id),
	BOX(K_IDS, "UPN", K_UPN), BOX(K_IDS, "FormerUPN", K_FORMER_UPN),
	FIELD(K_IDS, "UPNunknown", R_CHILD, struct cin_child, upn_unknown),
	FIELD(K_IDS, "PersonBirthDate", R_CHILD, struct cin_child, dob),
	FIELD(K_IDS, "ExpectedPersonBirthDate", R_CHILD, struct cin_child, expected_dob),
	FIELD(K_IDS, "GenderCurrent", R_CHILD, struct cin_child, sex),
	FIELD(K_IDS, "Sex", R_CHILD, struct cin_child, sex),
	FIELD(K_IDS, "PersonDeathDate", R_CHILD, struct cin_child, death_date),
	FIELD(K_CHARS, "Ethnicity", R_CHILD, struct cin_child, ethnicity),
	BOX(K_CHARS, "Disabilities", K_DISABILITIES),
	LIST(K_DISABILITIES, "Disability", R_CHILD, struct cin_child, disabilities),
	FIELD(K_CINDETAILS, "CINreferralDate", R_EPISODE, struct cin_episode, referral_date),
	FIELD(K_CINDETAILS, "ReferralSource", R_EPISODE, struct cin_episode, referral_source),
	FIELD(K_CINDETAILS, "PrimaryNeedCode", R_EPISODE, struct cin_episode, primary_need),
	FIELD(K_CINDETAILS, "CINclosureDate", R_EPISODE, struct cin_episode, closure_date),
	FIELD(K_CINDETAILS, "ReasonForClosure", R_EPISODE, struct cin_episode, closure_reason),
	FIELD(K_CINDETAILS, "DateOfInitialCPC", R_EPISODE, struct cin_episode, icpc_date),
	FIELD(K_CINDETAILS, "ReferralNFA", R_EPISODE, struct cin_episode, nfa),
	BOX(K_CINDETAILS, "Assessments", K_ASSESSMENT), BOX(K_CINDETAILS, "CINPlanDates", K_PLANDATES),
	BOX(K_CINDETAILS, "Section47", K_S47), BOX(K_CINDETAILS, "ChildProtectionPlans", K_CPP),
	FIELD(K_ASSESSMENT, "AssessmentActualStartDate", R_ASSESSMENT, struct cin_assessment, start),
	FIELD(K_ASSESSMENT, "AssessmentInternalReviewDate", R_ASSESSMENT, struct cin_assessment, internal_review),
	FIELD(K_ASSESSMENT, "AssessmentAuthorisationDate", R_ASSESSMENT, struct cin_assessment, authorised),
	BOX(K_ASSESSMENT, "FactorsIdentifiedAtAssessment", K_FACTORS),
	LIST(K_FACTORS, "AssessmentFactors", R_ASSESSMENT, struct cin_assessment, factors),
	FIELD(K_PLANDATES, "CINPlanStartDate", R_PLAN, struct cin_plan_dates, start),
	FIELD(K_PLANDATES, "CINPlanEndDate", R_PLAN, struct cin_plan_dates, end),
	FIELD(K_S47, "S47ActualStartDate", R_S47, struct cin_s47, start),
	FIELD(K_S47, "InitialCPCtarget", R_S47, struct cin_s47, icpc_target),
	FIELD(K_S47, "DateOfInitialCPC", R_S47, struct cin_s47, icpc_date),
	FIELD(K_S47, "ICPCnotRequired", R_S47, struct cin_s47, icpc_not_required),
	FIELD(K_CPP, "CPPstartDate", R_CPP, struct cin_cp_plan, start),
	FIELD(K_CPP, "CPPendDate", R_CPP, struct cin_cp_plan, end),
	FIELD(K_CPP, "InitialCategoryOfAbuse", R_CPP, struct cin_cp_plan, initial_category),
	FIELD(K_CPP, "LatestCategoryOfAbuse", R_CPP, struct cin_cp_plan, latest_category),
	FIELD(K_CPP, "NumberOfPreviousCPP", R_CPP, struct cin_cp_plan, previous_plans),
	BOX(K_CPP, "Reviews", K_REVIEWS),
	BOX(K_REVIEWS, "CPPreviewDate", K_REVIEW),
};
#define NELEMENTS ((int)(sizeof elements / sizeof elements[0]))

/* elements[] index range of each parent, built once */
static int first_of[K_NCONTAINERS + 1], end_of[K_NCONTAINERS + 1];
static int index_built;

static void build_index(void)
{
	for (int k = 0; k <= K_NCONTAINERS; k++)
		first_of[k] = end_of[k] = 0;
	for (int i = NELEMENTS - 1; i >= 0; i--)
		first_of[elements[i].parent] = i;
	for (int i = 0; i < NELEMENTS; i++)
		end_of[elements[i].parent] = i + 1;
	index_built = 1;
}

static const struct element_def *lookup(int parent, const char *name)
{
	if (parent <= K_NONE || parent >= K_NCONTAINERS)
		return NULL;
	for (int i = first_of[parent]; i < end_of[parent]; i++)
		if (elements[i].parent == parent && strcmp(elements[i].name, name) == 0)
			return &elements[i];
	return NULL;
}

struct parser {
	struct xml_stream x;
	const char *path;
	const struct cin_census_handler *h;
	void *ctx;
	struct arena header_arena, child_arena;
	struct cin_header header;
	struct cin_child child;
	int in_child, header_sent, saw_children;
	long nchildren;
	unsigned char kinds[XML_STREAM_MAXDEPTH + 1];
	const struct element_def *defs[XML_STREAM_MAXDEPTH + 1];
	/* the open records of the current child; tails for appending in order */
	struct cin_episode *episode, **episode_tail;
	struct cin_assessment *assessment, **assessment_tail;
	struct cin_plan_dates *plan, **plan_tail;
	struct cin_s47 *s47, **s47_tail;
	struct cin_cp_plan *cpp, **cpp_tail;
	struct cin_review **review_tail;
	struct cin_remark **remark_tail;   /* child's, header's, or NULL (use the callback) */
};

static int oom(struct cf_error *err)
{
	return cf_error_set(err, CF_EIO, "out of memory reading the CIN census");
}

static struct arena *current_arena(struct parser *p)
{
	return p->in_child ? &p->child_arena : &p->header_arena;
}

static int remark(struct parser *p, long line, const char *element, const char *value, size_t vlen,
		  const char *kind, const char *why, struct cf_error *err)
{
	struct arena *a = current_arena(p);
	struct cin_remark *r = arena_alloc(a, sizeof *r);
	if (!r)
		return oom(err);
	memset(r, 0, sizeof *r);
	r->line = line;
	r->element = arena_strdup(a, element);
	r->value = value ? arena_strndup(a, value, vlen > 120 ? 120 : vlen) : NULL;
	r->kind = kind;
	r->why = why;
	if ((!r->element) || (value && !r->value))
		return oom(err);
	if (p->remark_tail) {
		*p->remark_tail = r;
		p->remark_tail = &r->next;
		return CF_OK;
	}
	return p->h->remark ? p->h->remark(p->ctx, r, err) : CF_OK;
}

static void *record_of(struct parser *p, int rec)
{
	switch (rec) {
	case R_HEADER: return &p->header;
	case R_CHILD: return &p->child;
	case R_EPISODE: return p->episode;
	case R_ASSESSMENT: return p->assessment;
	case R_PLAN: return p->plan;
	case R_S47: return p->s47;
	case R_CPP: return p->cpp;
	}
	return NULL;
}

static int send_header(struct parser *p, struct cf_error *err)
{
	if (p->header_sent)
		return CF_OK;
	p->header_sent = 1;
	int rc = p->h->header ? p->h->header(p->ctx, &p->header, err) : CF_OK;
	p->remark_tail = NULL;
	return rc;
}

/* Allocate a zeroed record and append it to a list through *tail. */
#define APPEND(p, var, tailvar)                                                \
	do {                                                                  \
		(var) = arena_alloc(&(p)->child_arena, sizeof *(var));        \
		if (!(var))                                                   \
			return oom(err);                                      \
		memset((var), 0, sizeof *(var));                              \
		(var)->line = (p)->x.line;                                    \
		*(tailvar) = (var);                                           \
		(tailvar) = &(var)->next;                                     \
	} while (0)

static int on_start(struct parser *p, struct cf_error *err)
{
	struct xml_stream *x = &p->x;
	int d = x->depth;
	if (d == 1) {
		if (strcmp(x->name, "Message") != 0)
			return cf_error_at(err, CF_EINPUT, p->path, x->line, x->name, NULL,
					   "not a CIN census: the root element is <%s>, not <Message>", x->name);
		p->kinds[1] = K_MESSAGE;
		p->remark_tail = &p->header.remarks;
		return CF_OK;
	}
	int parent = p->kinds[d - 1];
	p->defs[d] = NULL;
	if (parent == K_IGNORED || parent >= K_NCONTAINERS) {
		/* inside something unknown, or elements inside a value: reported once at the top */
		if (parent != K_IGNORED) {
			int rc = remark(p, x->line, x->name, NULL, 0, "unknown_element",
					"an element inside a value: ignored", err);
			if (rc)
				return rc;
		}
		p->kinds[d] = K_IGNORED;
		return CF_OK;
	}
	const struct element_def *e = lookup(parent, x->name);
	if (!e) {
		p->kinds[d] = K_IGNORED;
		return remark(p, x->line, x->name, NULL, 0, "unknown_element",
			      "an element no CIN census layout (2017-2026) has here: ignored", err);
	}
	p->kinds[d] = e->kind;
	p->defs[d] = e;
	switch (e->kind) {
	case K_CHILDREN:
		p->saw_children = 1;
		return send_header(p, err);
	case K_CHILD:
		arena_reset(&p->child_arena);
		memset(&p->child, 0, sizeof p->child);
		p->in_child = 1;
		p->child.line = x->line;
		p->child.index = ++p->nchildren;
		p->episode_tail = &p->child.episodes;
		p->remark_tail = &p->child.remarks;
		return CF_OK;
	case K_CINDETAILS:
		APPEND(p, p->episode, p->episode_tail);
		p->assessment_tail = &p->episode->assessments;
		p->plan_tail = &p->episode->plans;
		p->s47_tail = &p->episode->s47s;
		p->cpp_tail = &p->episode->cp_plans;
		return CF_OK;
	case K_ASSESSMENT:
		APPEND(p, p->assessment, p->assessment_tail);
		return CF_OK;
	case K_PLANDATES:
		APPEND(p, p->plan, p->plan_tail);
		return CF_OK;
	case K_S47:
		APPEND(p, p->s47, p->s47_tail);
		return CF_OK;
	case K_CPP:
		APPEND(p, p->cpp, p->cpp_tail);
		p->review_tail = &p->cpp->reviews;
		return CF_OK;
	default:
		return CF_OK;
	}
}

static int on_end(struct parser *p, struct cf_error *err)
{
	struct xml_stream *x = &p->x;
	int d = x->depth;
	int k = p->kinds[d];
	const struct element_def *e = p->defs[d];
	struct arena *a = current_arena(p);
	switch (k) {
	case K_FIELD: {
		struct cin_field *f = (struct cin_field *)((char *)record_of(p, e->rec) + e->offset);
		if (f->text)
			return remark(p, x->line, x->name, x->text, x->text_len, "repeated_element",
				      "given more than once: the first is kept", err);
		if (!(f->text = arena_strndup(a, x->text, x->text_len)))
			return oom(err);
		f->line = x->line;
		return CF_OK;
	}
	case K_LIST: {
		struct cin_field *f = (struct cin_field *)((char *)record_of(p, e->rec) + e->offset);
		if (x->text_len == 0)
			return CF_OK;
		size_t old = f->text ? strlen(f->text) : 0;
		char *s = arena_alloc(a, old + 1 + x->text_len + 1);
		if (!s)
			return oom(err);
		if (old) {
			memcpy(s, f->text, old);
			s[old++] = ' ';
		} else
			f->line = x->line;
		memcpy(s + old, x->text, x->text_len);
		s[old + x->text_len] = '\0';
		f->text = s;
		return CF_OK;
	}
	case K_REVIEW: {
		struct cin_review *r = arena_alloc(a, sizeof *r);
		if (!r)
			return oom(err);
		memset(r, 0, sizeof *r);
		if (!(r->date.text = arena_strndup(a, x->text, x->text_len)))
			return oom(err);
		r->date.line = x->line;
		*p->review_tail = r;
		p->review_tail = &r->next;
		return CF_OK;
	}
	case K_UPN:
	case K_FORMER_UPN: {
		if (k == K_UPN && x->text_len > 0)
			p->child.upn_present = 1;
		if (!p->h->want_upn || x->text_len == 0)
			return CF_OK;
		struct cin_field *f = k == K_UPN ? &p->child.upn : &p->child.former_upn;
		if (!(f->text = arena_strndup(a, x->text, x->text_len)))
			return oom(err);
		f->line = x->line;
		return CF_OK;
	}
	case K_HEADER:
		return send_header(p, err);
	case K_CHILD: {
		int rc = p->h->child ? p->h->child(p->ctx, &p->child, err) : CF_OK;
		p->in_child = 0;
		p->remark_tail = NULL;
		p->episode = NULL;
		p->assessment = NULL;
		p->plan = NULL;
		p->s47 = NULL;
		p->cpp = NULL;
		return rc;
	}
	case K_MESSAGE:
		if (!p->saw_children)
			return cf_error_at(err, CF_EINPUT, p->path, x->line, "Children", NULL,
					   "not a CIN census: <Message> holds no <Children> element");
		return CF_OK;
	default:
		return CF_OK;
	}
}

static int on_stray(struct parser *p, struct cf_error *err)
{
	struct xml_stream *x = &p->x;
	if (p->kinds[x->depth] == K_IGNORED)
		return CF_OK;
	return remark(p, x->line, x->name, x->text, x->text_len, "stray_text",
		      "text between elements, outside any value: ignored", err);
}

int cin_census_read(const char *path, const struct cin_census_handler *h, void *ctx,
		    struct cin_census_stats *stats, struct cf_error *err)
{
	if (!index_built)
		build_index();
	struct parser *p = calloc(1, sizeof *p);
	if (!p)
		return oom(err);
	p->path = path;
	p->h = h;
	p->ctx = ctx;
	arena_init(&p->header_arena, 0);
	arena_init(&p->child_arena, 0);
	int rc = xml_stream_open(&p->x, path, err);
	int ev = XML_EV_EOF;
	while (!rc && (ev = xml_stream_next(&p->x, err)) > 0) {
		if (ev == XML_EV_START)
			rc = on_start(p, err);
		else if (ev == XML_EV_END)
			rc = on_end(p, err);
		else
			rc = on_stray(p, err);
	}
	if (!rc && ev < 0)
		rc = err->status ? err->status : CF_EINPUT;
	if (rc == CIN_STOP)
		rc = CF_OK;
	else if (!rc && !p->saw_children)
		rc = cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL, "not a CIN census: the document is empty");
	if (stats) {
		stats->children = p->nchildren;
		stats->bytes = xml_stream_bytes(&p->x);
	}
	xml_stream_close(&p->x);
	arena_release(&p->header_arena);
	arena_release(&p->child_arena);
	free(p);
	return rc;
}

int cin_census_sniff(const char *path)
{
	static const char *const marks[] = { "<Collection>CIN<", "<CINdetails", "<ChildIdentifiers", NULL };
	return xml_peek_contains(path, marks);
}
