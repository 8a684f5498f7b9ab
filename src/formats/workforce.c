/* The social work workforce census XML: a streaming reader (see workforce.h). */
#include "formats/workforce.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "formats/value.h"
#include "formats/xmlstream.h"

/* Elements of the 2022 layout (social_work_workforce_2022.xsd) */
static const char WORKER_ELEMENTS[] =
	"AgencyWorker SWENo FTE PersonBirthDate GenderCurrent Ethnicity QualInst QualLevel StepUpGrad OrgRole "
	"RoleStartDate StartOrigin RoleEndDate LeaverDestination ReasonLeave FTE30 Cases30 WorkingDaysLost "
	"ContractWeeks FrontlineGrad Absat30Sept ReasonAbsence CFKSSstatus";
static const char LA_ELEMENTS[] = "NumberOfVacancies NoAgencyFTE NoAgencyHeadcount";
static const char HEADER_ELEMENTS[] =
	"Collection Year ReferenceDate SourceLevel LEA SoftwareCode Release SerialNo DateTime";

enum part { P_NONE, P_HEADER, P_LA, P_WORKER, P_IGNORED };

const char *csww_get(const struct csww_record *r, const char *name, long *line)
{
	for (int i = 0; i < r->nitems; i++)
		if (!strcmp(r->items[i].name, name)) {
			if (line)
				*line = r->items[i].line;
			return r->items[i].text;
		}
	return NULL;
}

struct parser {
	struct xml_stream x;
	const char *path;
	const struct csww_handler *h;
	void *ctx;
	struct arena arena;
	struct csww_record rec;
	enum part part;
	int header_sent, saw_body;
	long workers;
	/* remarks inside the header wait until it has been handed over */
	struct { long line; char element[64], value[128]; const char *kind, *why; int has_value; } early[16];
	int nearly;
};

static int remark(struct parser *p, const char *element, const char *value, const char *kind, const char *why,
		  struct cf_error *err)
{
	if (!p->header_sent) {
		if (p->nearly < (int)(sizeof p->early / sizeof p->early[0])) {
			int i = p->nearly++;
			p->early[i].line = p->x.line;
			snprintf(p->early[i].element, sizeof p->early[i].element, "%s", element);
			snprintf(p->early[i].value, sizeof p->early[i].value, "%s", value ? value : "");
			p->early[i].has_value = value != NULL;
			p->early[i].kind = kind;
			p->early[i].why = why;
		}
		return CF_OK;
	}
	struct csww_remark r = { p->x.line, element, value, kind, why };
	return p->h->remark ? p->h->remark(p->ctx, &r, err) : CF_OK;
}

static int send_header(struct parser *p, struct cf_error *err)
{
	if (p->header_sent)
		return CF_OK;
	p->header_sent = 1;
	int rc = p->h->header ? p->h->header(p->ctx, &p->rec, err) : CF_OK;
	p->rec.nitems = 0;
	arena_reset(&p->arena);
	for (int i = 0; i < p->nearly && !rc && p->h->remark; i++) {
		struct csww_remark r = { p->early[i].line, p->early[i].element,
					 p->early[i].has_value ? p->early[i].value : NULL, p->early[i].kind, p->early[i].why };
		rc = p->h->remark(p->ctx, &r, err);
	}
	return rc;
}

static int add_item(struct parser *p, struct cf_error *err)
{
	struct csww_record *r = &p->rec;
	if (csww_get(r, p->x.name, NULL))
		return remark(p, p->x.name, p->x.text, "repeated_element", "given more than once: the first is kept", err);
	if (r->nitems == CSWW_MAXITEMS)
		return remark(p, p->x.name, p->x.text, "unknown_element", "too many elements in one record: ignored", err);
	struct csww_item *it = &r->items[r->nitems];
	it->name = arena_strdup(&p->arena, p->x.name);
	it->text = arena_strndup(&p->arena, p->x.text, p->x.text_len);
	it->line = p->x.line;
	if (!it->name || !it->text)
		return cf_error_set(err, CF_EIO, "out of memory reading the workforce census");
	r->nitems++;
	return CF_OK;
}

static int on_start(struct parser *p, struct cf_error *err)
{
	struct xml_stream *x = &p->x;
	if (x->depth == 1) {
		if (strcmp(x->name, "Message") != 0)
			return cf_error_at(err, CF_EINPUT, p->path, x->line, x->name, NULL,
					   "not a workforce census: the root element is <%s>, not <Message>", x->name);
		return CF_OK;
	}
	if (x->depth == 2) {
		int rc = CF_OK;
		p->part = P_IGNORED;
		if (!strcmp(x->name, "Header")) {
			p->part = P_HEADER;
		} else if (!strcmp(x->name, "LALevelVacancies") || !strcmp(x->name, "CSWWWorker")) {
			rc = send_header(p, err);
			p->saw_body = 1;
			p->part = x->name[0] == 'L' ? P_LA : P_WORKER;
			arena_reset(&p->arena);
			p->rec.nitems = 0;
			p->rec.line = x->line;
			p->rec.index = p->part == P_WORKER ? p->workers + 1 : 0;
		} else {
			rc = remark(p, x->name, NULL, "unknown_element", "an element the workforce census does not have: ignored", err);
		}
		return rc;
	}
	int container = p->part == P_HEADER && x->depth == 3 &&
			(!strcmp(x->name, "CollectionDetails") || !strcmp(x->name, "Source"));
	int leaf_depth = p->part == P_HEADER ? 4 : 3;
	if (container || p->part == P_IGNORED)
		return CF_OK;
	if (p->part == P_HEADER && x->depth == 3)
		return remark(p, x->name, NULL, "unknown_element", "an element the header does not have: ignored", err);
	if (x->depth > leaf_depth) {
		if (x->depth == leaf_depth + 1)
			return remark(p, x->name, NULL, "unknown_element", "an element inside a value: ignored", err);
		return CF_OK;
	}
	const char *known = p->part == P_HEADER ? HEADER_ELEMENTS : p->part == P_LA ? LA_ELEMENTS : WORKER_ELEMENTS;
	if (x->depth == leaf_depth && !value_in_list(x->name, strlen(x->name), known))
		return remark(p, x->name, NULL, "unknown_element", "an element the workforce census does not have: ignored", err);
	return CF_OK;
}

static int on_end(struct parser *p, struct cf_error *err)
{
	struct xml_stream *x = &p->x;
	if (x->depth == 2) {
		int rc = CF_OK;
		if (p->part == P_HEADER)
			rc = send_header(p, err);
		else if (p->part == P_LA)
			rc = p->h->la ? p->h->la(p->ctx, &p->rec, err) : CF_OK;
		else if (p->part == P_WORKER) {
			p->workers++;
			rc = p->h->worker ? p->h->worker(p->ctx, &p->rec, err) : CF_OK;
		}
		p->part = P_NONE;
		return rc;
	}
	int leaf_depth = p->part == P_HEADER ? 4 : 3;
	if (x->depth != leaf_depth || x->had_children || p->part == P_NONE || p->part == P_IGNORED)
		return CF_OK;
	const char *known = p->part == P_HEADER ? HEADER_ELEMENTS : p->part == P_LA ? LA_ELEMENTS : WORKER_ELEMENTS;
	if (!value_in_list(x->name, strlen(x->name), known))
		return CF_OK;
	return add_item(p, err);
}

int csww_read(const char *path, const struct csww_handler *h, void *ctx, long *workers, struct cf_error *err)
{
	struct parser *p = calloc(1, sizeof *p);
	if (!p)
		return cf_error_set(err, CF_EIO, "out of memory");
	p->path = path;
	p->h = h;
	p->ctx = ctx;
	arena_init(&p->arena, 0);
	int rc = xml_stream_open(&p->x, path, err);
	int ev = XML_EV_EOF;
	while (!rc && (ev = xml_stream_next(&p->x, err)) > 0) {
		if (ev == XML_EV_START)
			rc = on_start(p, err);
		else if (ev == XML_EV_END)
			rc = on_end(p, err);
		else if (p->part != P_IGNORED)
			rc = remark(p, p->x.name, p->x.text, "stray_text", "text between elements, outside any value: ignored", err);
	}
	if (!rc && ev < 0)
		rc = err->status ? err->status : CF_EINPUT;
	if (rc == CSWW_STOP)
		rc = CF_OK;
	else if (!rc && !p->saw_body)
		rc = cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL,
				 "not a workforce census: no <CSWWWorker> or <LALevelVacancies> element");
	if (workers)
		*workers = p->workers;
	xml_stream_close(&p->x);
	arena_release(&p->arena);
	free(p);
	return rc;
}

int csww_sniff(const char *path)
{
	static const char *const marks[] = { "<Collection>CSWW<", "<CSWWWorker", "<LALevelVacancies", NULL };
	return xml_peek_contains(path, marks);
}
