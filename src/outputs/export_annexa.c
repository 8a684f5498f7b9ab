/* Annex A Lists 1-8 built from the store's current records, whatever
 * return gave them (CIN census, SSDA903, local extracts, an SSD extract), for a
 * store that holds no Annex A of the year: Ofsted's six months before the
 * inspection on 31 March, each child's characteristics from the children
 * table. docs/export.md says which records each list takes. */
#include "outputs/export_annexa.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outputs/cin_gather.h"
#include "store/episode_reader.h"

/* The values of one row, as annexa_writer_stored_row takes them. */
struct row {
	const char *vals[ANNEXA_MAXCOLS];
	char dates[ANNEXA_MAXCOLS][11];
	char nums[ANNEXA_MAXCOLS][16];
};

static void set_date(struct row *w, int col, cf_date d)
{
	if (col < 0 || d == CF_DATE_NONE)
		return;
	cf_date_format(d, w->dates[col]);
	w->vals[col] = w->dates[col];
}

static void set_num(struct row *w, int col, long n)
{
	if (col < 0 || n < 0)
		return;
	snprintf(w->nums[col], sizeof w->nums[col], "%ld", n);
	w->vals[col] = w->nums[col];
}

static void set_text(struct row *w, int col, const char *s)
{
	if (col >= 0)
		w->vals[col] = s;
}

/* The column of list with that standard name (-1 when none: nothing is set). */
static int col_named(int list, const char *name)
{
	return annexa_match_header(NULL, list, name, NULL);
}

/* Child Unique ID, Gender, Ethnicity, Date of Birth, Age on the inspection day. */
static void person(const struct cin_gathered *b, struct row *w, const char *child, cf_date on)
{
	memset(w->vals, 0, sizeof w->vals);
	w->vals[0] = child;
	const struct child_record *k = cin_gather_child(b, child);
	if (!k)
		return;
	if (k->sex)
		w->vals[1] = !strcmp(k->sex, "1") || !strcmp(k->sex, "M") ? "a) Male"
			     : !strcmp(k->sex, "2") || !strcmp(k->sex, "F") ? "b) Female" : NULL;
	w->vals[2] = k->ethnicity;
	set_date(w, 3, k->dob);
	if (k->dob != CF_DATE_NONE && k->dob <= on)
		set_num(w, 4, cf_date_age(k->dob, on));
}

/* How many of the child's records (first[0..n)) started (icpc: held an
 * ICPC) in the 12 months before d. */
static long earlier(const struct cin_item *first, size_t n, cf_date d, int icpc)
{
	cf_date year_before = cf_date_add_months(d, -12);
	long count = 0;
	for (size_t i = 0; i < n; i++) {
		cf_date x = icpc ? first[i].b : first[i].a;
		count += x != CF_DATE_NONE && x >= year_before && x < d;
	}
	return count;
}

static int open_in(cf_date start, cf_date end, cf_date from, cf_date to)
{
	return start != CF_DATE_NONE && start <= to && (end == CF_DATE_NONE || end >= from);
}

/* A new carer: the episode began a period of care (S), or a placement (P, B). */
static int new_carer(const char *rne)
{
	return rne[0] == 'S' || rne[0] == 'P' || rne[0] == 'B';
}

/* List 8: each child looked after at any time in the six months, one row,
 * as the care stood on 31 March or when it ceased: the period's start, the
 * episode's category of need and legal status (and since when), placements
 * (new carers) in the 12 months, when care ceased and why, the latest
 * placement's start, type, provider and postcode sector. */
static int list8(struct store *st, const struct cin_gathered *b, struct annexa_writer *w, struct row *r, cf_date six,
		 cf_date to, long *rows, struct cf_error *err)
{
	struct episode_set es;
	int rc = episode_set_read(st, EPISODES_CURRENT, &es, err);
	if (rc)
		return rc;
	cf_date year_before = cf_date_add_months(to, -12);
	for (size_t ci = 0; ci < es.nchildren; ci++) {
		const struct episode_child *c = &es.children[ci];
		const struct episode_row *eps = es.rows + c->first;
		int n = (int)c->n, last = -1;
		for (int k = 0; k < n; k++)
			if (open_in(eps[k].start, eps[k].end, six, to))
				last = k;
		if (last < 0)
			continue;
		const struct episode_row *e = &eps[last];
		int first = last, ls0 = last, place0 = last;
		while (first > 0 && eps[first].rne[0] != 'S')
			first--;
		while (ls0 > first && !strcmp(eps[ls0 - 1].ls, e->ls))
			ls0--;
		while (place0 > first && !new_carer(eps[place0].rne))
			place0--;
		int ceased = e->end != CF_DATE_NONE && e->end <= to;
		int again = first > 0 && eps[first - 1].end != CF_DATE_NONE &&
			    eps[first - 1].end >= cf_date_add_months(eps[first].start, -12);
		long placements = 0;
		int counted = 0;   /* the first episode in the 12 months counts as a placement: 903's rule */
		for (int k = 0; k < n; k++)
			if (open_in(eps[k].start, eps[k].end, year_before + 1, to) && (!counted++ || new_carer(eps[k].rne)))
				placements++;
		/* a period, legal status or placement that began before the first
		 * episode the store holds began on a day it does not know */
		int known = eps[first].rne[0] == 'S';
		person(b, r, c->id, to);
		char need[3] = "";
		if (e->cin[0])
			snprintf(need, sizeof need, "%s", e->cin);
		if (known)
			set_date(r, col_named(8, "Date Started to be Looked After"), eps[first].start);
		set_text(r, col_named(8, "Child's Category of Need"), need[0] ? need : NULL);
		if (known)
			set_text(r, col_named(8, "Is this a second or subsequent period of being a Looked After Child within "
					      "the last 12 months (Y/N)"), again ? "Yes" : "No");
		if (known || ls0 > first)
			set_date(r, col_named(8, "Start date of current legal status"), eps[ls0].start);
		set_text(r, col_named(8, "Child's Legal Status"), e->ls[0] ? e->ls : NULL);
		set_num(r, col_named(8, "Number of Placements in the Last 12 months"), placements);
		if (ceased) {
			set_date(r, col_named(8, "Date Ceased to be Looked After"), e->end);
			set_text(r, col_named(8, "Reason Ceased to be Looked After"), e->rec[0] ? e->rec : NULL);
		}
		if (new_carer(eps[place0].rne))
			set_date(r, col_named(8, "Start Date of Most Recent Placement"), eps[place0].start);
		set_text(r, col_named(8, "Placement Type"), e->place[0] ? e->place : NULL);
		set_text(r, col_named(8, "Placement Provider"), e->provider[0] ? e->provider : NULL);
		set_text(r, col_named(8, "Placement postcode"), e->pl_post);
		annexa_writer_stored_row(w, 8, r->vals);
		(*rows)++;
	}
	episode_set_release(&es);
	return CF_OK;
}

int export_annexa_from_records(struct store *st, int year, struct annexa_writer *w, long rows[ANNEXA_NLISTS],
			       struct cf_error *err)
{
	struct cin_gathered b;
	int rc = cin_gather(st, &b, err);
	if (rc) {
		cin_gather_release(&b);
		return rc;
	}
	/* Ofsted's window: the six months to the inspection, 31 March */
	cf_date to = cf_date_fy_end(year - 1), six = cf_date_add_months(to + 1, -6);
	size_t n;
	struct row *r = malloc(sizeof *r);
	if (!r)
		rc = cf_error_set(err, CF_EIO, "out of memory");
	for (size_t i = 0; r && i < b.contacts.n; i++) {   /* List 1: contacts in the six months */
		const struct cin_item *x = &b.contacts.v[i];
		if (x->a < six || x->a > to)
			continue;
		person(&b, r, x->child, to);
		set_date(r, col_named(1, "Date of Contact"), x->a);
		set_text(r, col_named(1, "Contact Source"), x->code1);
		annexa_writer_stored_row(w, 1, r->vals);
		rows[0]++;
	}
	for (size_t i = 0; r && i < b.early_help.n; i++) {   /* List 2: early help open in the six months */
		const struct cin_item *x = &b.early_help.v[i];
		if (!open_in(x->a, x->b, six, to))
			continue;
		person(&b, r, x->child, to);
		set_date(r, col_named(2, "Assessment start date"), x->a);
		if (x->b <= to)
			set_date(r, col_named(2, "Assessment completion date"), x->b);
		annexa_writer_stored_row(w, 2, r->vals);
		rows[1]++;
	}
	for (size_t i = 0; r && i < b.referrals.n; i++) {   /* List 3: referrals in the six months */
		const struct cin_item *x = &b.referrals.v[i];
		if (x->a < six || x->a > to)
			continue;
		person(&b, r, x->child, to);
		set_date(r, col_named(3, "Date of referral"), x->a);
		set_text(r, col_named(3, "Referral Source"), x->code1);
		set_text(r, col_named(3, "Referral NFA?"), x->n == 1 ? "1" : "0");
		const struct cin_item *f = cin_items_of(&b.referrals, x->child, &n);
		set_num(r, col_named(3, "Number of Referrals in Last 12 Months"), earlier(f, n, x->a, 0));
		annexa_writer_stored_row(w, 3, r->vals);
		rows[2]++;
	}
	for (size_t i = 0; r && i < b.assessments.n; i++) {   /* List 4: assessments open in the six months */
		const struct cin_item *x = &b.assessments.v[i];
		if (!open_in(x->a, x->b, six, to))
			continue;
		person(&b, r, x->child, to);
		set_date(r, col_named(4, "Continuous Assessment Start Date"), x->a);
		if (x->b <= to)
			set_date(r, col_named(4, "Continuous Assessment Date of Authorisation"), x->b);
		annexa_writer_stored_row(w, 4, r->vals);
		rows[3]++;
	}
	for (size_t i = 0; r && i < b.s47s.n; i++) {   /* List 5: enquiries starting in the six months */
		const struct cin_item *x = &b.s47s.v[i];
		if (x->a < six || x->a > to)
			continue;
		person(&b, r, x->child, to);
		set_date(r, col_named(5, "Strategy discussion initiating Section 47 Enquiry Start Date"), x->a);
		if (x->b <= to)
			set_date(r, col_named(5, "Date of Initial Child Protection Conference"), x->b);
		const struct cin_item *f = cin_items_of(&b.s47s, x->child, &n);
		set_num(r, col_named(5, "Number of Section 47 Enquiries in the last 12 months"), earlier(f, n, x->a, 0));
		set_num(r, col_named(5, "Number of ICPCs in the last 12 months"), earlier(f, n, x->a, 1));
		annexa_writer_stored_row(w, 5, r->vals);
		rows[4]++;
	}
	/* List 6: CIN episodes open in the six months (a referral with no
	 * further action never became one) */
	for (size_t i = 0; r && i < b.referrals.n; i++) {
		const struct cin_item *x = &b.referrals.v[i];
		if (x->n == 1 || !open_in(x->a, x->b, six, to))
			continue;
		person(&b, r, x->child, to);
		set_date(r, col_named(6, "CIN Start Date"), x->a);
		set_text(r, col_named(6, "Primary Need Code"), x->code2);
		if (x->b <= to) {
			set_date(r, col_named(6, "CIN Closure Date"), x->b);
			set_text(r, col_named(6, "Reason for Closure"), x->code3);
		}
		annexa_writer_stored_row(w, 6, r->vals);
		rows[5]++;
	}
	for (size_t i = 0; r && i < b.plans.n; i++) {   /* List 7: CP plans open in the six months */
		const struct cin_item *x = &b.plans.v[i];
		if (!open_in(x->a, x->b, six, to))
			continue;
		person(&b, r, x->child, to);
		set_date(r, col_named(7, "Child Protection Plan Start Date"), x->a);
		set_text(r, col_named(7, "Initial Category of Abuse"), x->code1);
		set_text(r, col_named(7, "Latest Category of Abuse"), x->code2);
		if (x->c <= to)
			set_date(r, col_named(7, "Date of latest review conference"), x->c);
		if (x->b <= to)
			set_date(r, col_named(7, "Child Protection Plan End Date"), x->b);
		set_num(r, col_named(7, "Number of Previous Child Protection Plans"), x->n);
		annexa_writer_stored_row(w, 7, r->vals);
		rows[6]++;
	}
	if (r && !rc)
		rc = list8(st, &b, w, r, six, to, &rows[7], err);
	free(r);
	cin_gather_release(&b);
	return rc;
}
