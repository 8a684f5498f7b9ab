/* DfE's labels for SSDA903 and CIN census codes, as the DfE guidance for
 * each return writes them. Matching compares letters and digits only, in
 * lower case, so case, spacing, dashes, apostrophes and brackets do not
 * matter. */
#include "formats/code_labels.h"

#include <ctype.h>
#include <string.h>

#include "formats/value.h"

struct code_label {
	const char *code;
	const char *label;
};

static const struct code_label labels[] = {
	/* legal status (LS) */
	{ "C1", "Interim care order" },
	{ "C2", "Full care order" },
	{ "D1", "Freeing order granted" },
	{ "E1", "Placement order granted" },
	{ "J1", "Remanded to local authority accommodation or to youth detention accommodation" },
	{ "J2", "Placed in local authority accommodation under the Police and Criminal Evidence Act 1984, "
		"including secure accommodation" },
	{ "J3", "Sentenced to Youth Rehabilitation Order" },
	{ "L1", "Under police protection and in local authority accommodation" },
	{ "L2", "Emergency protection order" },
	{ "L2", "Emergency protection order (EPO)" },
	{ "L3", "Under child assessment order and in local authority accommodation" },
	{ "V2", "Single period of accommodation under section 20" },
	{ "V2", "Single period of accommodation under section 20 (Children Act 1989)" },
	{ "V3", "Accommodated under an agreed series of short-term breaks, when individual episodes of care are recorded" },
	{ "V4", "Accommodated under an agreed series of short-term breaks, when agreements are recorded "
		"(NOT individual episodes of care)" },
	/* reason for new episode (RNE) */
	{ "S", "Started to be looked after" },
	{ "L", "Change of legal status only" },
	{ "P", "Change of placement and carer(s) only" },
	{ "P", "Change of placement" },
	{ "T", "Change of placement (but same carer(s)) only" },
	{ "B", "Change of legal status and placement and carer(s) at the same time" },
	{ "U", "Change of legal status and change of placement (but same carer(s)) at the same time" },
	/* category of need (CIN in SSDA903; primary need in the CIN census) */
	{ "N1", "Abuse or neglect" },
	{ "N2", "Child's disability" },
	{ "N2", "Child disability" },
	{ "N3", "Parental illness or disability" },
	{ "N3", "Parental disability or illness" },
	{ "N4", "Family in acute stress" },
	{ "N5", "Family dysfunction" },
	{ "N6", "Socially unacceptable behaviour" },
	{ "N7", "Low income" },
	{ "N8", "Absent parenting" },
	{ "N9", "Cases other than children in need" },
	{ "N0", "Not stated" },
	/* placement type (PLACE) */
	{ "A3", "Placed for adoption with parental/guardian consent with current foster carer(s)" },
	{ "A4", "Placed for adoption with parental/guardian consent not with current foster carer(s)" },
	{ "A5", "Placed for adoption with placement order with current foster carer(s)" },
	{ "A6", "Placed for adoption with placement order not with current foster carer(s)" },
	{ "H5", "Semi-independent living accommodation not subject to children's homes regulations" },
	{ "K1", "Secure children's homes" },
	{ "K1", "Secure children's home" },
	{ "K2", "Children's homes subject to Children's Homes Regulations" },
	{ "K2", "Children's home" },
	{ "K3", "Registered supported accommodation" },
	{ "P1", "Placed with own parent(s) or other person(s) with parental responsibility" },
	{ "P2", "Independent living for example in a flat, lodgings, bedsit, bed and breakfast (B&B) or with friends, "
		"with or without formal support" },
	{ "P2", "Independent living" },
	{ "P3", "Residential employment" },
	{ "R1", "Residential care home" },
	{ "R2", "National Health Service (NHS)/health trust or other establishment providing medical or nursing care" },
	{ "R3", "Family centre or mother and baby unit" },
	{ "R5", "Young offender institution (YOI)" },
	{ "R5", "Young offender institution" },
	{ "S1", "All residential schools, except where dual-registered as a school and children's home" },
	{ "T0", "All types of temporary move" },
	{ "T1", "Temporary periods in hospital" },
	{ "T2", "Temporary absences of the child on holiday" },
	{ "T3", "Temporary accommodation whilst normal foster carer(s) is/are on holiday" },
	{ "T4", "Temporary accommodation of seven days or less, for any reason, not covered by codes T1 to T3" },
	{ "U1", "Foster placement with relative(s) or friend(s) - long term fostering" },
	{ "U2", "Foster placement with relative(s) or friend(s) who is/are also an approved adopter(s) - "
		"fostering for adoption/concurrent planning" },
	{ "U3", "Foster placement with relative(s) or friend(s) - not long term or fostering for adoption/concurrent planning" },
	{ "U4", "Foster placement with other foster carer(s) - long term fostering" },
	{ "U5", "Foster placement with other foster carer(s) who is/are also an approved adopter(s) - "
		"fostering for adoption/concurrent planning" },
	{ "U6", "Foster placement with other foster carer(s) - not long term or fostering for adoption/concurrent planning" },
	{ "Z1", "Other placements" },
	/* placement provider (PLACE_PROVIDER) */
	{ "PR0", "Parent(s) or other person(s) with parental responsibility" },
	{ "PR1", "Own provision (by the local authority)" },
	{ "PR1", "Own provision" },
	{ "PR2", "Other local authority provision" },
	{ "PR3", "Other public provision" },
	{ "PR4", "Private provision" },
	{ "PR5", "Voluntary/third sector provision" },
	/* reason episode ceased (REC) */
	{ "E11", "Adopted - application for an adoption order unopposed" },
	{ "E12", "Adopted - consent dispensed with by the court" },
	{ "E13", "Left care to live with parent(s), relative(s), or other person(s) with no parental responsibility" },
	{ "E14", "Accommodation on remand ended" },
	{ "E15", "Age assessment determined child is aged 18 or over and E5, E6 and E7 do not apply" },
	{ "E16", "Child moved abroad" },
	{ "E17", "Aged 18 (or over) and remained with current carers (inc under staying put arrangements)" },
	{ "E2", "Died" },
	{ "E3", "Care taken over by another local authority in the UK" },
	{ "E41", "Residence order (or, from 22 April 2014, a child arrangement order which sets out with whom the "
		 "child is to live) granted" },
	{ "E41", "Child arrangements order granted" },
	{ "E45", "Special guardianship order made to former foster carer(s), who was/are a relative(s) or friend(s)" },
	{ "E46", "Special guardianship order made to former foster carer(s), other than relative(s) or friend(s)" },
	{ "E47", "Special guardianship order made to carer(s), other than former foster carer(s), who was/are a "
		 "relative(s) or friend(s)" },
	{ "E48", "Special guardianship order made to carer(s), other than former foster carer(s), other than "
		 "relative(s) or friend(s)" },
	{ "E4A", "Returned home to live with parent(s), relative(s), or other person(s) with parental responsibility "
		 "as part of the care planning process" },
	{ "E4B", "Returned home to live with parent(s), relative(s), or other person(s) with parental responsibility "
		 "which was not part of the current care planning process" },
	{ "E5", "Moved into independent living arrangement and no longer looked-after: supportive accommodation "
		"providing formalised advice/support arrangements" },
	{ "E6", "Moved into independent living arrangement and no longer looked-after: accommodation providing no "
		"formalised advice/support arrangements" },
	{ "E7", "Transferred to residential care funded by adult social care services" },
	{ "E8", "Period of being looked-after ceased for any other reason (where none of the other reasons apply)" },
	{ "E8", "Period of being looked after ceased for any other reason" },
	{ "E9", "Sentenced to custody" },
	{ "X1", "Episode ceases, and new episode begins on same day, for any reason" },
	/* reason for placement change (REASON_PLACE_CHANGE) */
	{ "CARPL", "Change to/Implementation of Care Plan" },
	{ "ALLEG", "Allegation (s47)" },
	{ "STAND", "Standards of care concern" },
	{ "APPRR", "Approval removed" },
	{ "CUSTOD", "Custody arrangement" },
	{ "CLOSE", "Resignation/closure of provision" },
	{ "CREQB", "Carer(s) requests placement end due to child's behaviour" },
	{ "CREQO", "Carer(s) requests placement end other than due to child's behaviour" },
	{ "CHILD", "Child requests placement end" },
	{ "LAREQ", "Responsible/area authority requests placement end" },
	{ "PLACE", "Change in the status of placement only" },
	/* CIN closure reason (CIN census) */
	{ "RC1", "Adopted" },
	{ "RC2", "Died" },
	{ "RC3", "Child arrangements order" },
	{ "RC3", "Residence order" },
	{ "RC4", "Special guardianship order" },
	{ "RC5", "Transferred to services of another local authority" },
	{ "RC6", "Transferred to adult social care services" },
	{ "RC7", "Services ceased for any other reason, including child no longer in need" },
	{ "RC8", "Case closed after assessment, no further action" },
	{ "RC9", "Case closed after assessment, referred to early help" },
};

/* Letters and digits only, lower case: "Carer(s) requests ..." -> "carersrequests...".
 * UTF-8 punctuation (curly apostrophes, en dashes) is dropped with the rest. */
static size_t squeeze(const char *s, size_t len, char *out, size_t size)
{
	size_t o = 0;
	for (size_t i = 0; i < len && s[i] && o + 1 < size; i++)
		if (isalnum((unsigned char)s[i]))
			out[o++] = (char)tolower((unsigned char)s[i]);
	out[o] = '\0';
	return o;
}

static const char *find(const char *codes, const char *key)
{
	char lab[256];
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		if (!value_in_list(labels[i].code, strlen(labels[i].code), codes))
			continue;
		squeeze(labels[i].label, strlen(labels[i].label), lab, sizeof lab);
		if (!strcmp(lab, key))
			return labels[i].code;
	}
	return NULL;
}

const char *code_label_lookup(const char *codes, const char *text, size_t len)
{
	if (!codes || !text)
		return NULL;
	char key[256];
	if (!squeeze(text, len, key, sizeof key))
		return NULL;
	const char *code = find(codes, key);
	if (code)
		return code;
	/* "C2 - Full care order", "C2 Full care order": the code, then its own label */
	size_t i = 0;
	while (i < len && isspace((unsigned char)text[i]))
		i++;
	size_t b = i;
	while (i < len && isalnum((unsigned char)text[i]))
		i++;
	if (i == b || i == len || isalnum((unsigned char)text[i]))
		return NULL;
	char first[16];
	size_t n = i - b < sizeof first - 1 ? i - b : sizeof first - 1;
	for (size_t k = 0; k < n; k++)
		first[k] = (char)toupper((unsigned char)text[b + k]);
	first[n] = '\0';
	if (!value_in_list(first, n, codes) || !squeeze(text + i, len - i, key, sizeof key))
		return NULL;
	code = find(codes, key);
	return code && !strcmp(code, first) ? code : NULL;
}

const char *code_label_of(const char *codes, const char *code)
{
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (!strcmp(labels[i].code, code) && (!codes || value_in_list(code, strlen(code), codes)))
			return labels[i].label;
	return NULL;
}
