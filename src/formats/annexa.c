/* Annex A: the eleven lists, finding their sheets and headers, reading
 * rows from a workbook or a CSV. */
#include "formats/annexa.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csv.h"
#include "base/date.h"
#include "formats/xlsx.h"

#define T(n, f) { n, f, AX_TEXT }
#define D(n, f) { n, f, AX_DATE }
#define C(n, f) { n, f, AX_CATEGORY }
#define N(n, f) { n, f, AX_INT }
#define P(n) { n, AXF_NONE, AX_POSTCODE }
#define PERSON                                                                                  \
	T("Child Unique ID", AXF_CHILD), C("Gender", AXF_GENDER), C("Ethnicity", AXF_ETHNICITY), \
	D("Date of Birth", AXF_DOB), { "Age of Child (Years)", AXF_NONE, AX_DECIMAL }
#define DISABILITY C("Does the Child have a Disability", AXF_NONE)
#define ALLOCATED T("Allocated Team", AXF_TEAM), T("Allocated Worker", AXF_NONE)

/* Ofsted's standard columns (Annex A, 2023 onwards), in sheet order. */
const struct annexa_list annexa_lists[ANNEXA_NLISTS] = {
	{ 1, "contacts", { PERSON, D("Date of Contact", AXF_CONTACT_DATE), C("Contact Source", AXF_CONTACT_SOURCE) } },
	{ 2, "early help", { PERSON, D("Assessment start date", AXF_EH_START), D("Assessment completion date", AXF_EH_END),
				T("Organisation completing assessment", AXF_EH_ORGANISATION) } },
	{ 3, "referrals", { PERSON, D("Date of referral", AXF_REFERRAL_DATE), C("Referral Source", AXF_REFERRAL_SOURCE),
				C("Referral NFA?", AXF_REFERRAL_NFA), N("Number of Referrals in Last 12 Months", AXF_NONE),
				ALLOCATED } },
	{ 4, "assessments", { PERSON, DISABILITY, D("Continuous Assessment Start Date", AXF_ASSESSMENT_START),
				  C("Child Seen During Continuous Assessment", AXF_NONE),
				  D("Continuous Assessment Date of Authorisation", AXF_ASSESSMENT_AUTHORISED),
				  C("Was the child assessed as requiring LA children's social care support?", AXF_NONE),
				  ALLOCATED } },
	{ 5, "section 47 enquiries", { PERSON, DISABILITY,
		D("Strategy discussion initiating Section 47 Enquiry Start Date", AXF_S47_START),
		C("Was an Initial Child Protection Conference deemed unnecessary?", AXF_ICPC_UNNECESSARY),
		D("Date of Initial Child Protection Conference", AXF_ICPC_DATE),
		C("Did the Initial Child Protection Conference Result in a Child Protection Plan", AXF_NONE),
		N("Number of Section 47 Enquiries in the last 12 months", AXF_NONE),
		N("Number of ICPCs in the last 12 months", AXF_NONE), ALLOCATED } },
	{ 6, "children in need", { PERSON, DISABILITY, D("CIN Start Date", AXF_CIN_START),
		C("Primary Need Code", AXF_PRIMARY_NEED), D("Date Child Was Last Seen", AXF_VISIT),
		D("CIN Closure Date", AXF_CIN_CLOSURE), C("Reason for Closure", AXF_CLOSURE_REASON),
		C("Case Status", AXF_NONE), ALLOCATED } },
	{ 7, "child protection", { PERSON, DISABILITY, D("Child Protection Plan Start Date", AXF_CPP_START),
		C("Initial Category of Abuse", AXF_CPP_INITIAL), C("Latest Category of Abuse", AXF_CPP_LATEST),
		D("Date of the Last Statutory Visit", AXF_VISIT), C("Was the Child Seen Alone?", AXF_NONE),
		D("Date of latest review conference", AXF_CPP_REVIEW), D("Child Protection Plan End Date", AXF_CPP_END),
		C("Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)", AXF_NONE),
		N("Number of Previous Child Protection Plans", AXF_CPP_PREVIOUS), ALLOCATED } },
	{ 8, "children looked after", { PERSON,
		C("Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)", AXF_NONE), DISABILITY,
		D("Date Started to be Looked After", AXF_CLA_START), C("Child's Category of Need", AXF_NONE),
		C("Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)", AXF_NONE),
		D("Start date of current legal status", AXF_NONE), C("Child's Legal Status", AXF_NONE),
		D("Date of Latest Statutory Review", AXF_NONE), D("Date of Last Social Work Visit", AXF_VISIT),
		C("What is the permanence plan for this child?", AXF_NONE),
		D("Date of Last IRO Visit / Contact to the Child", AXF_NONE), D("Date of Last Health Assessment", AXF_NONE),
		D("Date of Last Dental Check", AXF_NONE), N("Number of Placements in the Last 12 months", AXF_NONE),
		D("Date Ceased to be Looked After", AXF_CLA_END), C("Reason Ceased to be Looked After", AXF_NONE),
		D("Start Date of Most Recent Placement", AXF_NONE), C("Placement Type", AXF_NONE),
		C("Placement Provider", AXF_NONE), P("Placement postcode"), T("URN of Placement", AXF_NONE),
		C("Placement Location", AXF_NONE), C("LA of Placement", AXF_NONE),
		N("Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months", AXF_NONE),
		N("Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months", AXF_NONE),
		C("Was the child offered a Return Interview after their last missing episode (Y/N)?", AXF_NONE),
		C("Did the child accept a Return Interview after their last missing episode (Y/N)?", AXF_NONE),
		ALLOCATED } },
	{ 9, "care leavers", { PERSON,
		C("Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)", AXF_NONE), DISABILITY,
		ALLOCATED, T("Allocated Personal Advisor", AXF_NONE), C("Eligibility Category", AXF_NONE),
		D("Latest Pathway Plan Review Date", AXF_NONE), C("LA in Touch", AXF_NONE),
		D("Latest Date of Contact", AXF_NONE), C("Type of Accommodation", AXF_NONE),
		C("Suitability of Accommodation", AXF_NONE), C("Activity Status", AXF_NONE) } },
	{ 10, "adoption", { T("Child Unique ID", AXF_CHILD), T("Family identifier", AXF_NONE),
		C("Gender", AXF_GENDER), C("Ethnicity", AXF_ETHNICITY), D("Date of Birth", AXF_DOB),
		{ "Age of Child (Years)", AXF_NONE, AX_DECIMAL }, DISABILITY, D("Date the Child Entered Care", AXF_NONE),
		D("Date of Decision that Child Should be Placed for Adoption", AXF_NONE),
		D("Date of Placement Order", AXF_NONE), D("Date of Matching Child and Prospective Adopters", AXF_NONE),
		D("Date Placed for Adoption", AXF_NONE), D("Date of Adoption Order", AXF_NONE),
		D("Date of Decision that Child Should No Longer be Placed for Adoption", AXF_NONE),
		C("Reason Why Child No Longer Placed for Adoption", AXF_NONE),
		D("Date the child was placed for fostering in FFA or concurrent planning placement", AXF_NONE) } },
	{ 11, "adopters", { T("Individual adopter identifier", AXF_NONE), T("Family identifier", AXF_NONE),
		C("Gender", AXF_NONE), C("Ethnicity", AXF_NONE), C("Disability", AXF_NONE),
		C("Is the (prospective) adopter fostering for adoption?", AXF_NONE), D("Date enquiry received", AXF_NONE),
		D("Date Stage 1 started", AXF_NONE), D("Date Stage 1 ended", AXF_NONE), D("Date Stage 2 started", AXF_NONE),
		D("Date Stage 2 ended", AXF_NONE), D("Date application submitted", AXF_NONE),
		D("Date application approved", AXF_NONE), D("Date adopter matched with child(ren)", AXF_NONE),
		D("Date child/children placed with adopter(s)", AXF_NONE), N("No. of children placed", AXF_NONE),
		D("Date of Adoption Order", AXF_NONE), D("Date of leaving adoption process", AXF_NONE),
		C("Reason for leaving adoption process", AXF_NONE) } },
};

int annexa_list_ncols(int list)
{
	if (list < 1 || list > ANNEXA_NLISTS)
		return 0;
	int n = 0;
	while (n < ANNEXA_MAXCOLS && annexa_lists[list - 1].cols[n].name)
		n++;
	return n;
}

int annexa_list_of_name(const char *name)
{
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	for (const char *p = base; *p; p++) {
		if (strncasecmp(p, "list", 4) != 0 || (p > base && isalpha((unsigned char)p[-1])))
			continue;
		const char *q = p + 4;
		while (*q == ' ' || *q == '_' || *q == '-')
			q++;
		if (!isdigit((unsigned char)*q))
			continue;
		int n = 0;
		while (isdigit((unsigned char)*q) && n < 100)
			n = n * 10 + (*q++ - '0');
		if (n >= 1 && n <= ANNEXA_NLISTS && !isdigit((unsigned char)*q))
			return n;
	}
	return 0;
}

int annexa_code_in_label(const char *value, char *out, size_t size)
{
	const char *s = value;
	while (isspace((unsigned char)*s))
		s++;
	/* Ofsted's option letter: "q) ", "aa) ", and "p1) " (5D, added after 5C) */
	const char *p = s;
	while (islower((unsigned char)*p) && p - s < 3)
		p++;
	while (p > s && isdigit((unsigned char)*p) && p - s < 4)
		p++;
	if (p > s && *p == ')') {
		s = p + 1;
		while (isspace((unsigned char)*s))
			s++;
	}
	/* a code: letters and digits (at least one digit, or 4 capitals as in
	 * ethnicity), then the end, ':', ' -', ' ' and a label, or ')' */
	size_t n = 0;
	int digits = 0, upper = 0;
	while (isalnum((unsigned char)s[n]) && n < 8) {
		digits += isdigit((unsigned char)s[n]) != 0;
		upper += isupper((unsigned char)s[n]) != 0;
		n++;
	}
	if (n == 0 || isalnum((unsigned char)s[n]))
		return -1;
	if (!digits && !(upper == 4 && n == 4))
		return -1;
	const char *after = s + n;
	while (*after == ' ')
		after++;
	if (!(*after == '\0' || *after == ':' || *after == '-' || *after == ')' || (after > s + n && isalpha((unsigned char)*after))))
		return -1;
	if (n + 1 > size)
		return -1;
	for (size_t i = 0; i < n; i++)
		out[i] = (char)toupper((unsigned char)s[i]);
	out[n] = '\0';
	return 0;
}

/* --- header rows ------------------------------------------------------------- */

/* Map header cells to list columns. Returns the number of list columns
 * matched and whether the ID column (first of the list) is among them. */
static int map_header(const struct annexa_schema *s, int list, const char *const *cells, int ncells, int *colmap,
		      int *has_id)
{
	unsigned char taken[ANNEXA_MAXCOLS] = { 0 };
	int matched = 0;
	*has_id = 0;
	/* standard names first, so a pattern cannot take a column a later cell names exactly */
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < ncells; i++) {
			if (pass == 1 && colmap[i] >= 0)
				continue;
			if (pass == 0)
				colmap[i] = -1;
			if (!cells[i] || !cells[i][0])
				continue;
			int c = annexa_match_header(pass == 0 ? NULL : s, list, cells[i], taken);
			if (c >= 0) {
				colmap[i] = c;
				taken[c] = 1;
				matched++;
				if (c == 0)
					*has_id = 1;
			}
		}
	return matched;
}

/* --- reading a list's rows (shared by xlsx and CSV) ------------------------------- */

struct list_reader {
	const struct annexa_schema *schema;
	const struct annexa_handler *h;
	void *ctx;
	const char *path, *source;
	int list;
	long header_row;          /* 0 until found */
	int ncols;
	int colmap[1024];
	char *headers[1024];      /* header text of unmapped columns (owned) */
	char datebuf[ANNEXA_MAXCOLS][11];
};

static void reader_release(struct list_reader *lr)
{
	for (int i = 0; i < lr->ncols; i++)
		free(lr->headers[i]);
	lr->ncols = 0;
}

/* Rows before the header (titles, notes) are skipped; the header is the
 * first row naming the list's ID column, within the first 10. */
static int find_header(struct list_reader *lr, long row, const char *const *cells, int ncells, struct cf_error *err)
{
	int has_id;
	int n = ncells < 1024 ? ncells : 1024;
	int matched = map_header(lr->schema, lr->list, cells, n, lr->colmap, &has_id);
	if (!has_id || matched < 2) {
		if (row >= 10)
			return cf_error_at(err, CF_EINPUT, lr->path, row, NULL, NULL,
					   "%s: no header row naming the %s column (with at least one other column of "
					   "List %d) in the first 10 rows",
					   lr->source, annexa_lists[lr->list - 1].cols[0].name, lr->list);
		return CF_OK;
	}
	lr->header_row = row;
	lr->ncols = n;
	for (int i = 0; i < n; i++) {
		lr->headers[i] = NULL;
		if (lr->colmap[i] < 0 && cells[i] && cells[i][0] && !(lr->headers[i] = strdup(cells[i])))
			return cf_error_set(err, CF_EIO, "out of memory");
		for (int j = 0; j < i; j++)
			if (lr->colmap[i] >= 0 && lr->colmap[j] == lr->colmap[i])
				return cf_error_at(err, CF_EINPUT, lr->path, row, annexa_lists[lr->list - 1].cols[lr->colmap[i]].name,
						   NULL, "%s: two columns are %s", lr->source,
						   annexa_lists[lr->list - 1].cols[lr->colmap[i]].name);
	}
	return lr->h->list ? lr->h->list(lr->ctx, lr->list, lr->source, row, matched, err) : CF_OK;
}

static int list_row(struct list_reader *lr, long row, const char *const *cells, const int *is_serial, int ncells,
		    struct cf_error *err)
{
	if (!lr->header_row)
		return find_header(lr, row, cells, ncells, err);
	struct annexa_row r;
	memset(&r, 0, sizeof r);
	r.list = lr->list;
	r.row = row;
	r.source = lr->source;
	int any = 0;
	for (int i = 0; i < ncells && i < lr->ncols; i++) {
		const char *v = cells[i] ? cells[i] : "";
		int c = lr->colmap[i];
		if (*v)
			any = 1;
		if (c >= 0) {
			/* a date Excel stored as a serial number: give the date */
			cf_date d;
			if (is_serial && is_serial[i] && annexa_lists[lr->list - 1].cols[c].type == AX_DATE &&
			    xlsx_serial_to_date(strtod(v, NULL), &d) == 0) {
				cf_date_format(d, lr->datebuf[c]);
				v = lr->datebuf[c];
			}
			r.vals[c] = v;
		} else if (lr->headers[i] && r.nextra < 64) {
			r.extra_names[r.nextra] = lr->headers[i];
			r.extra_vals[r.nextra++] = v;
		}
	}
	/* columns the file has but this (short) row lacks are present and empty */
	for (int i = ncells; i < lr->ncols; i++)
		if (lr->colmap[i] >= 0)
			r.vals[lr->colmap[i]] = "";
	if (!any)
		return CF_OK;
	return lr->h->row(lr->ctx, &r, err);
}

/* --- workbooks ------------------------------------------------------------------ */

static int xlsx_row(void *ctx, long row, const struct xlsx_cell *cells, int ncells, struct cf_error *err)
{
	struct list_reader *lr = ctx;
	const char *texts[1024];
	int serial[1024];
	int n = ncells < 1024 ? ncells : 1024;
	for (int i = 0; i < n; i++) {
		texts[i] = cells[i].text;
		/* numbers in a date column are serials even without a date style */
		serial[i] = cells[i].is_number;
	}
	return list_row(lr, row, texts, serial, n, err);
}

int annexa_read_xlsx(const char *path, const struct annexa_schema *s, const struct annexa_handler *h, void *ctx,
		     struct cf_error *err)
{
	struct xlsx_book *b;
	int rc = xlsx_open(&b, path, err);
	if (rc)
		return rc;
	int found = 0;
	for (int i = 0; i < xlsx_sheet_count(b) && !rc; i++) {
		const char *name = xlsx_sheet_name(b, i);
		int list = annexa_list_of_name(name);
		if (!list)
			continue;
		found++;
		struct list_reader *lr = calloc(1, sizeof *lr);
		if (!lr) {
			rc = cf_error_set(err, CF_EIO, "out of memory");
			break;
		}
		lr->schema = s;
		lr->h = h;
		lr->ctx = ctx;
		lr->path = path;
		lr->source = name;
		lr->list = list;
		rc = xlsx_sheet_read(b, i, xlsx_row, lr, err);
		reader_release(lr);
		free(lr);
	}
	if (!rc && !found) {
		char names[256] = "";
		size_t o = 0;
		for (int i = 0; i < xlsx_sheet_count(b) && o < sizeof names - 40; i++)
			o += (size_t)snprintf(names + o, sizeof names - o, "%s'%s'", i ? ", " : "", xlsx_sheet_name(b, i));
		rc = cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL,
				 "not an Annex A workbook: no sheet is named List 1 ... List 11 (sheets: %s)", names);
	}
	xlsx_close(b);
	return rc;
}

int annexa_sniff_xlsx(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	for (const char *p = base; *p; p++)
		if (strncasecmp(p, "annex", 5) == 0)
			return 1;
	struct xlsx_book *b;
	struct cf_error e;
	cf_error_clear(&e);
	if (xlsx_open(&b, path, &e) != CF_OK)
		return 0;
	int found = 0;
	for (int i = 0; i < xlsx_sheet_count(b) && !found; i++)
		found = annexa_list_of_name(xlsx_sheet_name(b, i)) != 0;
	xlsx_close(b);
	return found;
}

/* --- CSV ---------------------------------------------------------------------- */

int annexa_csv_list(const struct annexa_schema *s, const char *path, char *const *fields, const size_t *lens,
		    int nfields)
{
	if (nfields > 1024)
		return 0;
	const char *cells[1024];
	char *copies[1024];
	for (int i = 0; i < nfields; i++) {
		copies[i] = strndup(fields[i], lens[i]);
		cells[i] = copies[i] ? copies[i] : "";
	}
	int hint = annexa_list_of_name(path), best = 0, best_score = 0;
	for (int l = 1; l <= ANNEXA_NLISTS; l++) {
		int colmap[1024], has_id;
		int m = map_header(s, l, cells, nfields, colmap, &has_id);
		/* a list's score: its columns found, beyond the ones every list has */
		int own = 0;
		for (int i = 0; i < nfields; i++)
			if (colmap[i] >= 0 && annexa_lists[l - 1].cols[colmap[i]].field != AXF_CHILD &&
			    annexa_lists[l - 1].cols[colmap[i]].field != AXF_GENDER &&
			    annexa_lists[l - 1].cols[colmap[i]].field != AXF_ETHNICITY &&
			    annexa_lists[l - 1].cols[colmap[i]].field != AXF_DOB)
				own++;
		int score = has_id && m >= 3 && own >= 1 ? own * 2 + (l == hint) : 0;
		if (score > best_score) {
			best = l;
			best_score = score;
		}
	}
	for (int i = 0; i < nfields; i++)
		free(copies[i]);
	return best;
}

int annexa_read_csv(const char *path, const struct annexa_schema *s, const struct annexa_handler *h, void *ctx,
		    struct cf_error *err)
{
	struct csv_reader r;
	int rc = csv_reader_open(&r, path, err);
	if (rc)
		return rc;
	struct list_reader *lr = calloc(1, sizeof *lr);
	if (!lr) {
		csv_reader_close(&r);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	lr->schema = s;
	lr->h = h;
	lr->ctx = ctx;
	lr->path = path;
	lr->source = path;
	int got;
	while (!rc && (got = csv_reader_next(&r, err)) == 1) {
		if (csv_row_is_blank(&r))
			continue;
		if (!lr->list) {
			lr->list = annexa_csv_list(s, path, r.fields, r.lens, r.nfields);
			if (!lr->list) {
				rc = cf_error_at(err, CF_EINPUT, path, r.line, NULL, NULL,
						 "the header is not one of the Annex A lists");
				break;
			}
		}
		int n = r.nfields < 1024 ? r.nfields : 1024;
		rc = list_row(lr, r.record, (const char *const *)r.fields, NULL, n, err);
	}
	if (!rc && got < 0)
		rc = CF_EINPUT;
	reader_release(lr);
	free(lr);
	csv_reader_close(&r);
	return rc;
}
