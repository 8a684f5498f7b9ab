/* The Annex A workbook writer (sheets, headers, cells, closing) that synth
 * and export share, and Ofsted's spellings of the DfE codes in its lists
 * (the template's, as Ofsted's Annex A schema lists them). */
#include "formats/annexa_write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"


struct label {
	const char *code, *text;
};

static const struct label ethnic_labels[] = {
	{ "WBRI", "a) WBRI" }, { "WIRI", "b) WIRI" }, { "WIRT", "c) WIRT" }, { "WOTH", "d) WOTH" }, { "WROM", "e) WROM" },
	{ "MWBC", "f) MWBC" }, { "MWBA", "g) MWBA" }, { "MWAS", "h) MWAS" }, { "MOTH", "i) MOTH" }, { "AIND", "j) AIND" },
	{ "APKN", "k) APKN" }, { "ABAN", "l) ABAN" }, { "AOTH", "m) AOTH" }, { "BCRB", "n) BCRB" }, { "BAFR", "o) BAFR" },
	{ "BOTH", "p) BOTH" }, { "CHNE", "q) CHNE" }, { "OOTH", "r) OOTH" }, { "REFU", "s) REFU" }, { "NOBT", "s) NOBT" },
};

static const struct label source_labels[] = {
	{ "1A", "a) 1A: Individual" }, { "1B", "b) 1B: Individual" }, { "1C", "c) 1C: Individual" },
	{ "1D", "d) 1D: Individual" }, { "2A", "e) 2A: Schools" }, { "2B", "f) 2B: Education services" },
	{ "3A", "g) 3A: Health services" }, { "3B", "h) 3B: Health services" }, { "3C", "i) 3C: Health services" },
	{ "3D", "j) 3D: Health services" }, { "3E", "k) 3E: Health services" }, { "3F", "l) 3F: Health services" },
	{ "4", "m) 4: Housing" }, { "5A", "n) 5A: LA services" }, { "5B", "o) 5B: LA services" },
	{ "5C", "p) 5C: LA services" }, { "5D", "p1) 5D: LA services" }, { "6", "q) 6: Police" },
	{ "7", "r) 7: Other legal agency" }, { "8", "s) 8: Other" }, { "9", "t) 9: Anonymous" }, { "10", "u) 10: Unknown" },
};

static const struct label need_labels[] = {
	{ "N1", "N1 - Abuse or neglect" }, { "N2", "N2 - Child\u2019s disability" },
	{ "N3", "N3 - Parental disability or illness" }, { "N4", "N4 - Family in acute stress" },
	{ "N5", "N5 - Family dysfunction" }, { "N6", "N6 - Socially unacceptable behaviour" },
	{ "N7", "N7 - Low income" }, { "N8", "N8 - Absent parenting" },
	{ "N9", "N9 - Cases other than children in need" },
};

static const struct label closure_labels[] = {
	{ "RC1", "RC1 - Adopted" }, { "RC2", "RC2 - Died" }, { "RC3", "RC3 - Child arrangements order" },
	{ "RC4", "RC4 - Special guardianship order" },
	{ "RC5", "RC5 - Transferred to services of another local authority" },
	{ "RC6", "RC6 - Transferred to adult social care services" },
	{ "RC7", "RC7 - Services ceased for any other reason, including child no longer in need" },
	{ "RC8", "RC8 - Case closed after assessment, no further action" },
	{ "RC9", "RC9 - Case closed after assessment, referred to early help" },
};

static const struct label abuse_labels[] = {
	{ "NEG", "a) Neglect" }, { "PHY", "b) Physical abuse" }, { "SAB", "c) Sexual abuse" }, { "EMO", "d) Emotional abuse" },
	{ "MUL", "e) Multiple/not recommended" },
};

static const struct label legal_labels[] = {
	{ "C1", "C1: ICO" }, { "C2", "C2: FCO" }, { "D1", "D1: Freeing order" }, { "E1", "E1: Placement order" },
	{ "V2", "V2: Single period under S20" }, { "V3", "V3: Short term breaks, episodes recorded" },
	{ "V4", "V4: Short term breaks, agreements recorded" }, { "L1", "L1: Police protection LA accommodation" },
	{ "L2", "L2: EPO" }, { "L3", "L3: Child assessment order LA accommodation" },
	{ "J1", "J1: Remanded to LA or youth detention" }, { "J2", "J2: LA accommodation under PACE" },
	{ "J3", "J3: Youth rehabilitation order" },
};

static const struct label reason_ceased_labels[] = {
	{ "E11", "a) E11: Adopted - application unopposed" }, { "E12", "b) E12: Adopted - consent dispensed" },
	{ "E2", "c) E2: Died" }, { "E3", "d) E3: Care taken by another LA" },
	{ "E4A", "e) E4A: Returned home to live with parents or relatives - part of planning" },
	{ "E4B", "f) E4B: Returned home to live with parents or relatives - not part of planning" },
	{ "E13", "g) E13: Parents, relatives or other with no parental responsibility" },
	{ "E41", "h) E41: Residence order granted" },
	{ "E45", "i) E45: Special Guardianship Orders - former carer relative/friend" },
	{ "E46", "j) E46: Special Guardianship Orders - former carer other" },
	{ "E47", "k) E47: Special Guardianship Orders - relative/friend" },
	{ "E48", "l) E48: Special Guardianship Orders - other" },
	{ "E5", "m) E5: Moved into independent living - supported" },
	{ "E6", "n) E6: Moved into independent living - no support" },
	{ "E7", "o) E7: Transferred to residential care funded by adult social services" },
	{ "E9", "p) E9: Sentenced to custody" }, { "E14", "q) E14: Accommodation on remand ended" },
	{ "E15", "r) E15: Age assessment determined child was 18 or over" }, { "E16", "s) E16: Child moved abroad" },
	{ "E8", "t) E8: Care ceased for any other reason" },
	{ "E17", "v) E17: Aged 18 (or over) and remained with current carers (inc under staying put arrangements)" },
};

/* K3 (supported accommodation, from 28 October 2023) is newer than the
 * template: written as DfE spells it. */
static const struct label placement_labels[] = {
	{ "U1", "a) U1: Foster placement - relatives - long term" }, { "U2", "b) U2: Foster placement - relative - FFA" },
	{ "U3", "c) U3: Foster placement - relative - not FFA" }, { "U4", "d) U4: Foster placement - long term" },
	{ "U5", "e) U5: Foster placement - FFA" }, { "U6", "f) U6: Foster placement - not FFA" },
	{ "A3", "g) A3: Placed for adoption - consent - current foster" },
	{ "A4", "h) A4: Placed for adoption - consent - not foster" },
	{ "A5", "i) A5: Placed for adoption - order - foster" }, { "A6", "j) A6: Placed for adoption - order - not foster" },
	{ "P1", "k) P1: Placed with parents" }, { "P2", "l) P2: Independent living" },
	{ "P3", "m) P3: Residential employment" }, { "H5", "n) H5: Residential accommodation" },
	{ "K1", "o) K1: Secure Children\u2019s Homes" }, { "K2", "p) K2: Children\u2019s Homes" },
	{ "K3", "K3: Supported accommodation" },
	{ "R1", "q) R1: Residential Care Home" }, { "R2", "r) R2: NHS/Health Trust" },
	{ "R3", "s) R3: Family Centre or Mother and Baby Unit" }, { "R5", "t) R5: Young Offender Institution" },
	{ "S1", "u) S1: Residential school" }, { "Z1", "v) Z1: Other placements" }, { "T0", "w) T0: Temporary placement" },
	{ "T1", "x) T1: Temporary placement - hospital" }, { "T2", "y) T2: Temporary placement - holiday" },
	{ "T3", "z) T3: Temporary placement - carer holiday" },
	{ "T4", "zz) T4: Temporary placement - seven days or less" },
};

static const struct label provider_labels[] = {
	{ "PR0", "a) PR0: Parents/Parental responsibility" }, { "PR1", "b) PR1: Own provision" },
	{ "PR2", "c) PR2: Other LA provision" }, { "PR3", "d) PR3: Other public provision" },
	{ "PR4", "e) PR4: Private provision" }, { "PR5", "f) PR5: Voluntary/third sector" },
};

static const struct label in_touch_labels[] = {
	{ "YES", "a) Yes" }, { "NO", "b) No" }, { "DIED", "c) Died" }, { "REFU", "d) Refu" }, { "NREQ", "e) NREQ" },
	{ "RHOM", "f) Rhom" },
};

static const struct label accommodation_labels[] = {
	{ "B", "B: Parents/relatives" }, { "C", "C: Community home / residential care" },
	{ "D", "D: Semi-independent, transitional accommodation and self-contained accommodation" },
	{ "E", "E: Supported lodgings" }, { "G", "G: Abroad" }, { "H", "H: Deported" },
	{ "K", "K: Ordinary lodgings, without formal support" }, { "R", "R: Residence not known" },
	{ "S", "S: No fixed abode / homeless" }, { "T", "T: Foyers and similar supported accommodation" },
	{ "U", "U: Independent living" }, { "V", "V: Emergency accommodation" }, { "W", "W: Bed and breakfast" },
	{ "X", "X: In custody" }, { "Y", "Y: Other accommodation" }, { "Z", "Z: With former foster carers" },
};

static const struct label activity_labels[] = {
	{ "F1", "F1: Full time in higher education" }, { "P1", "P1: Part time in higher education" },
	{ "F2", "F2: Full time in education other than higher" }, { "P2", "P2: Part time in education other than higher" },
	{ "F3", "F3: Full time in training or employment" }, { "P3", "P3: Part time in training or employment" },
	{ "F4", "F4: Young person engaged full time in an apprenticeship" },
	{ "P4", "P4: Young person engaged part time in an apprenticeship" },
	{ "F5", "F5: Young person engaged full time in training or employment (not apprenticeship)" },
	{ "P5", "P5: Young person engaged part time in training or employment (not apprenticeship)" },
	{ "G4", "G4: Not in education, employment or training - illness or disability" },
	{ "G5", "G5: Not in education, employment or training - other" },
	{ "G6", "G6: Not in education, employment or training - pregnancy or parenting" },
};

static const struct label reversal_labels[] = {
	{ "RD1", "RD1 - The child\u2019s needs changed subsequent to the decision" },
	{ "RD2", "RD2 - The Court did not make a placement order" },
	{ "RD3", "RD3 - Prospective adopters could not be found" }, { "RD4", "RD4 - Any other reason" },
};

static const struct {
	const struct label *t;
	size_t n;
} code_sets[AXC_NCODES] = {
#define SET(x) { x, sizeof x / sizeof x[0] }
	[AXC_ETHNIC] = SET(ethnic_labels), [AXC_SOURCE] = SET(source_labels), [AXC_NEED] = SET(need_labels),
	[AXC_CLOSURE] = SET(closure_labels), [AXC_ABUSE] = SET(abuse_labels), [AXC_LEGAL] = SET(legal_labels),
	[AXC_REASON_CEASED] = SET(reason_ceased_labels), [AXC_PLACEMENT] = SET(placement_labels),
	[AXC_PROVIDER] = SET(provider_labels), [AXC_IN_TOUCH] = SET(in_touch_labels),
	[AXC_ACCOMMODATION] = SET(accommodation_labels), [AXC_ACTIVITY] = SET(activity_labels),
	[AXC_REVERSAL] = SET(reversal_labels),
#undef SET
};

const char *annexa_label(enum annexa_codes set, const char *code)
{
	if ((unsigned)set >= AXC_NCODES || !code)
		return code;
	for (size_t i = 0; i < code_sets[set].n; i++)
		if (!strcmp(code_sets[set].t[i].code, code))
			return code_sets[set].t[i].text;
	return code;
}

/* --- the workbook -------------------------------------------------------- */

static void note(struct annexa_writer *w, lxw_error e)
{
	if (e != LXW_NO_ERROR && w->failed == LXW_NO_ERROR)
		w->failed = e;
}

int annexa_writer_open(struct annexa_writer *w, const char *path, const struct annexa_head *h, struct cf_error *err)
{
	memset(w, 0, sizeof *w);
	snprintf(w->path, sizeof w->path, "%s", path);
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
	w->wb = workbook_new_opt(path, &opts);
	if (!w->wb)
		return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot create workbook");
	/* libxlsxwriter's properties are char * but only read */
	lxw_doc_properties props = { .title = "Annex A", .author = (char *)h->author, .comments = (char *)h->comments,
				     .created = h->created };
	note(w, workbook_set_properties(w->wb, &props));
	lxw_format *bold = workbook_add_format(w->wb);
	w->date = workbook_add_format(w->wb);
	format_set_bold(bold);
	format_set_num_format(w->date, "dd/mm/yyyy");
	for (int l = 1; l <= ANNEXA_NLISTS; l++) {
		char name[16];
		snprintf(name, sizeof name, "List %d", l);
		lxw_worksheet *ws = w->ws[l - 1] = workbook_add_worksheet(w->wb, name);
		if (!ws) {
			note(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
			break;
		}
		for (int c = 0; c < annexa_list_ncols(l); c++) {
			const char *head = annexa_lists[l - 1].cols[c].name;
			note(w, worksheet_write_string(ws, 0, (lxw_col_t)c, head, bold));
			size_t n = strlen(head);
			note(w, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, n > 40 ? 40 : n < 12 ? 12 : (double)n, NULL));
		}
		worksheet_freeze_panes(ws, 1, 0);
		w->rows[l - 1] = 1;
	}
	return CF_OK;
}

lxw_row_t annexa_writer_next(struct annexa_writer *w, int list)
{
	return w->rows[list - 1]++;
}

void annexa_writer_text(struct annexa_writer *w, int list, lxw_row_t row, int col, const char *s)
{
	if (s && s[0] && w->ws[list - 1])
		note(w, worksheet_write_string(w->ws[list - 1], row, (lxw_col_t)col, s, NULL));
}

void annexa_writer_number(struct annexa_writer *w, int list, lxw_row_t row, int col, double v)
{
	if (w->ws[list - 1])
		note(w, worksheet_write_number(w->ws[list - 1], row, (lxw_col_t)col, v, NULL));
}

/* The 1900 date system: serial 25569 is 1 January 1970. */
void annexa_writer_date(struct annexa_writer *w, int list, lxw_row_t row, int col, cf_date d)
{
	if (d != CF_DATE_NONE && w->ws[list - 1])
		note(w, worksheet_write_number(w->ws[list - 1], row, (lxw_col_t)col, (double)d + 25569.0, w->date));
}

/* The code list a column's stored codes are spelt from, or -1: the columns
 * whose labels caseflow ingest keeps as the DfE code inside them. */
static int column_codes(int list, const struct annexa_column *col)
{
	switch (col->field) {
	case AXF_ETHNICITY: return AXC_ETHNIC;
	case AXF_CONTACT_SOURCE:
	case AXF_REFERRAL_SOURCE: return AXC_SOURCE;
	case AXF_PRIMARY_NEED: return AXC_NEED;
	case AXF_CLOSURE_REASON: return AXC_CLOSURE;
	case AXF_CPP_INITIAL:
	case AXF_CPP_LATEST: return AXC_ABUSE;
	default: break;
	}
	if (list != 8)
		return -1;
	static const struct { const char *name; int set; } list8[] = {
		{ "Child's Category of Need", AXC_NEED }, { "Child's Legal Status", AXC_LEGAL },
		{ "Reason Ceased to be Looked After", AXC_REASON_CEASED }, { "Placement Type", AXC_PLACEMENT },
		{ "Placement Provider", AXC_PROVIDER },
	};
	for (size_t i = 0; i < sizeof list8 / sizeof list8[0]; i++)
		if (!strcmp(col->name, list8[i].name))
			return list8[i].set;
	return -1;
}

void annexa_writer_stored_row(struct annexa_writer *w, int list, const char *const *vals)
{
	lxw_row_t r = annexa_writer_next(w, list);
	for (int c = 0; c < annexa_list_ncols(list); c++) {
		const char *v = vals[c];
		if (!v || !v[0])
			continue;
		const struct annexa_column *col = &annexa_lists[list - 1].cols[c];
		cf_date d;
		char *end;
		double x;
		switch (col->type) {
		case AX_DATE:
			if (cf_date_parse(v, strlen(v), &d) == 0) {
				annexa_writer_date(w, list, r, c, d);
				continue;
			}
			break;
		case AX_INT:
		case AX_DECIMAL:
			x = strtod(v, &end);
			if (end != v && !*end) {
				annexa_writer_number(w, list, r, c, x);
				continue;
			}
			break;
		case AX_CATEGORY:
			if (col->field == AXF_REFERRAL_NFA || col->field == AXF_ICPC_UNNECESSARY) {
				v = !strcmp(v, "1") ? "a) Yes" : !strcmp(v, "0") ? "b) No" : v;
				break;
			}
			int set = column_codes(list, col);
			if (set >= 0)
				v = annexa_label((enum annexa_codes)set, v);
			break;
		case AX_TEXT:
		case AX_POSTCODE:
			break;
		}
		annexa_writer_text(w, list, r, c, v);
	}
}

int annexa_writer_close(struct annexa_writer *w, struct cf_error *err)
{
	if (!w->wb)
		return CF_OK;
	lxw_error closed = workbook_close(w->wb);
	w->wb = NULL;
	if (w->failed != LXW_NO_ERROR || closed != LXW_NO_ERROR)
		return cf_error_at(err, CF_EIO, w->path, 0, NULL, NULL, "cannot write workbook: %s",
				   lxw_strerror(w->failed != LXW_NO_ERROR ? w->failed : closed));
	return CF_OK;
}
