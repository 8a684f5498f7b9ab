/* SSDA903 table definitions and value normalisation (DfE 903 specification;
 * code lists are the union over collection years 2017-18 to 2025-26, so a
 * code valid in any year is not an issue at load — issue 8's validator
 * applies each year's own lists). */
#include "formats/code_labels.h"
#include "formats/ssda903.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "formats/postcode.h"

#define SEX_CODES "1 2"
#define ETHNIC_CODES "WBRI WIRI WOTH WIRT WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE OOTH REFU NOBT"
#define RNE_CODES "S P L T B U"
#define LS_CODES "C1 C2 D1 E1 J1 J2 J3 L1 L2 L3 V2 V3 V4"
#define CIN_CODES "N1 N2 N3 N4 N5 N6 N7 N8"
#define PLACE_CODES "A3 A4 A5 A6 H5 K1 K2 K3 P1 P2 P3 P4 R1 R2 R3 R5 S1 T0 T1 T2 T3 T4 U1 U2 U3 U4 U5 U6 Z1"
#define PROVIDER_CODES "PR0 PR1 PR2 PR3 PR4 PR5"
#define REC_CODES "E11 E12 E13 E14 E15 E16 E17 E2 E3 E4A E4B E41 E45 E46 E47 E48 E5 E6 E7 E71 E72 E8 E9 X1"
#define RPC_CODES "CARPL CLOSE ALLEG STAND APPRR CREQB CREQO CHILD CHRES LAREQ PLACE CUSTOD OTHER"
#define REVIEW_CODES "PN0 PN1 PN2 PN3 PN4 PN5 PN6 PN7"
#define MISSING_CODES "M A"
#define INTOUCH_CODES "YES NO DIED REFU NREQ RHOM"
#define ACTIV_CODES "F1 P1 F2 P2 F3 P3 F4 P4 F5 P5 G4 G5 G6"
#define BOOL01 "0 1"

const struct ssda903_table_def ssda903_tables[S903_NTABLES] = {
	[S903_HEADER] = { "header", 7, {
		{ "CHILD", S903_ID, 1, NULL }, { "SEX", S903_CODE, 1, SEX_CODES },
		{ "DOB", S903_DATE, 1, NULL }, { "ETHNIC", S903_CODE, 1, ETHNIC_CODES },
		{ "UPN", S903_TEXT, 0, NULL }, { "MOTHER", S903_CODE, 0, BOOL01 },
		{ "MC_DOB", S903_DATE, 0, NULL } } },
	[S903_EPISODES] = { "episodes", 13, {
		{ "CHILD", S903_ID, 1, NULL }, { "DECOM", S903_DATE, 1, NULL },
		{ "RNE", S903_CODE, 1, RNE_CODES }, { "LS", S903_CODE, 1, LS_CODES },
		{ "CIN", S903_CODE, 1, CIN_CODES }, { "PLACE", S903_CODE, 1, PLACE_CODES },
		{ "PLACE_PROVIDER", S903_CODE, 0, PROVIDER_CODES }, { "DEC", S903_DATE, 1, NULL },
		{ "REC", S903_CODE, 1, REC_CODES }, { "REASON_PLACE_CHANGE", S903_CODE, 0, RPC_CODES },
		{ "HOME_POST", S903_POSTCODE, 0, NULL }, { "PL_POST", S903_POSTCODE, 0, NULL },
		{ "URN", S903_CODE, 0, NULL } } },
	[S903_REVIEWS] = { "reviews", 4, {
		{ "CHILD", S903_ID, 1, NULL }, { "DOB", S903_DATE, 0, NULL },
		{ "REVIEW", S903_DATE, 1, NULL }, { "REVIEW_CODE", S903_CODE, 1, REVIEW_CODES } } },
	[S903_UASC] = { "uasc", 4, {
		{ "CHILD", S903_ID, 1, NULL }, { "SEX", S903_CODE, 0, SEX_CODES },
		{ "DOB", S903_DATE, 0, NULL }, { "DUC", S903_DATE, 1, NULL } } },
	[S903_OC2] = { "oc2", 12, {
		{ "CHILD", S903_ID, 1, NULL }, { "DOB", S903_DATE, 0, NULL },
		{ "SDQ_SCORE", S903_INT, 0, NULL }, { "SDQ_REASON", S903_CODE, 0, NULL },
		{ "CONVICTED", S903_CODE, 1, BOOL01 }, { "HEALTH_CHECK", S903_CODE, 1, BOOL01 },
		{ "IMMUNISATIONS", S903_CODE, 1, BOOL01 }, { "TEETH_CHECK", S903_CODE, 1, BOOL01 },
		{ "HEALTH_ASSESSMENT", S903_CODE, 0, BOOL01 }, { "SUBSTANCE_MISUSE", S903_CODE, 0, BOOL01 },
		{ "INTERVENTION_RECEIVED", S903_CODE, 0, BOOL01 }, { "INTERVENTION_OFFERED", S903_CODE, 0, BOOL01 } } },
	[S903_OC3] = { "oc3", 5, {
		{ "CHILD", S903_ID, 1, NULL }, { "DOB", S903_DATE, 0, NULL },
		{ "IN_TOUCH", S903_CODE, 1, INTOUCH_CODES }, { "ACTIV", S903_CODE, 1, ACTIV_CODES },
		{ "ACCOM", S903_CODE, 1, NULL } } },
	[S903_AD1] = { "ad1", 8, {
		{ "CHILD", S903_ID, 1, NULL }, { "DOB", S903_DATE, 0, NULL },
		{ "DATE_INT", S903_DATE, 1, NULL }, { "DATE_MATCH", S903_DATE, 1, NULL },
		{ "FOSTER_CARE", S903_CODE, 0, BOOL01 }, { "NB_ADOPTR", S903_CODE, 0, NULL },
		{ "SEX_ADOPTR", S903_CODE, 0, NULL }, { "LS_ADOPTR", S903_CODE, 0, NULL } } },
	[S903_PLACED_ADOPTION] = { "placed_for_adoption", 5, {
		{ "CHILD", S903_ID, 1, NULL }, { "DOB", S903_DATE, 0, NULL },
		{ "DATE_PLACED", S903_DATE, 1, NULL }, { "DATE_PLACED_CEASED", S903_DATE, 1, NULL },
		{ "REASON_PLACED_CEASED", S903_CODE, 0, NULL } } },
	[S903_PREV_PERM] = { "previous_permanence", 5, {
		{ "CHILD", S903_ID, 1, NULL }, { "DOB", S903_DATE, 0, NULL },
		{ "PREV_PERM", S903_CODE, 1, NULL }, { "LA_PERM", S903_CODE, 0, NULL },
		{ "DATE_PERM", S903_PARTDATE, 0, NULL } } },
	[S903_MISSING] = { "missing", 5, {
		{ "CHILD", S903_ID, 1, NULL }, { "DOB", S903_DATE, 0, NULL },
		{ "MISSING", S903_CODE, 1, MISSING_CODES }, { "MIS_START", S903_DATE, 1, NULL },
		{ "MIS_END", S903_DATE, 0, NULL } } },
	[S903_SW_EPISODES] = { "social_worker_episodes", 6, {
		{ "CHILD", S903_ID, 1, NULL }, { "DOB", S903_DATE, 0, NULL },
		{ "SW_ID", S903_ID, 1, NULL }, { "SW_DECOM", S903_DATE, 1, NULL },
		{ "SW_DEC", S903_DATE, 0, NULL }, { "SW_REASON", S903_CODE, 0, NULL } } },
};

static void trim(const char **s, size_t *len)
{
	while (*len && isspace((unsigned char)**s))
		(*s)++, (*len)--;
	while (*len && isspace((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

int ssda903_column_index(enum ssda903_table t, const char *name, size_t len)
{
	trim(&name, &len);
	const struct ssda903_table_def *d = &ssda903_tables[t];
	for (int i = 0; i < d->ncols; i++)
		if (strlen(d->cols[i].name) == len && strncasecmp(d->cols[i].name, name, len) == 0)
			return i;
	/* the DfE XML and some exports call the placement column PL */
	if (t == S903_EPISODES && len == 2 && strncasecmp(name, "PL", 2) == 0)
		return 5;
	return -1;
}

int ssda903_recognise(const char *path, char *const *fields, const size_t *lens, int nfields,
		      enum ssda903_table *table, int *colmap, struct cf_error *err)
{
	int best = -1, best_hits = 0;
	double best_score = 0.0;
	for (int t = 0; t < S903_NTABLES; t++) {
		int hits = 0;
		for (int i = 0; i < nfields; i++)
			if (ssda903_column_index((enum ssda903_table)t, fields[i], lens[i]) >= 0)
				hits++;
		/* share of the table's columns present, ties to the larger table */
		double score = (double)hits / ssda903_tables[t].ncols + hits * 1e-3;
		if (hits >= 2 && score > best_score) {
			best = t;
			best_score = score;
			best_hits = hits;
		}
	}
	if (best < 0 || best_hits < 2) {
		/* never echo control bytes to the terminal */
		for (int i = 0; i < nfields; i++)
			for (size_t k = 0; k < lens[i]; k++) {
				unsigned char c = (unsigned char)fields[i][k];
				if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f)
					return cf_error_at(err, CF_EINPUT, path, 1, NULL, NULL,
							   "not an SSDA903 table: the first line holds binary data, "
							   "not a CSV header (a binary file?)");
			}
		char shown[128];
		snprintf(shown, sizeof shown, "%.*s", nfields > 0 ? (int)(lens[0] > 60 ? 60 : lens[0]) : 0,
			 nfields > 0 ? fields[0] : "");
		return cf_error_at(err, CF_EINPUT, path, 1, NULL, shown,
				   "not an SSDA903 table: the header matches none of the 11 DfE tables "
				   "(expected e.g. CHILD,DECOM,RNE,LS,... for episodes)");
	}
	const struct ssda903_table_def *d = &ssda903_tables[best];
	for (int c = 0; c < d->ncols; c++) {
		if (!d->cols[c].required)
			continue;
		int found = 0;
		for (int i = 0; i < nfields && !found; i++)
			found = ssda903_column_index((enum ssda903_table)best, fields[i], lens[i]) == c;
		if (!found)
			return cf_error_at(err, CF_EINPUT, path, 1, d->cols[c].name, NULL,
					   "the header looks like the SSDA903 %s table but lacks required column %s",
					   d->name, d->cols[c].name);
	}
	for (int i = 0; i < nfields; i++) {
		colmap[i] = ssda903_column_index((enum ssda903_table)best, fields[i], lens[i]);
		for (int j = 0; j < i && colmap[i] >= 0; j++)
			if (colmap[j] == colmap[i]) {
				char col[64];
				snprintf(col, sizeof col, "%s", d->cols[colmap[i]].name);
				return cf_error_at(err, CF_EINPUT, path, 1, col, NULL,
						   "column %s appears twice in the header", col);
			}
	}
	*table = (enum ssda903_table)best;
	return CF_OK;
}

static int code_in(const char *codes, const char *v)
{
	size_t n = strlen(v);
	for (const char *p = codes; *p;) {
		const char *e = strchr(p, ' ');
		size_t k = e ? (size_t)(e - p) : strlen(p);
		if (k == n && memcmp(p, v, n) == 0)
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

enum s903_norm ssda903_normalise(const struct ssda903_column *col, const char *raw, size_t len,
				 char *out, size_t outsz, const char **why)
{
	trim(&raw, &len);
	*why = NULL;
	if (len == 0) {
		out[0] = '\0';
		return S903_NORM_EMPTY;
	}
	if (len >= outsz)
		len = outsz - 1;
	switch (col->type) {
	case S903_DATE: {
		cf_date d;
		if (cf_date_parse_datetime(raw, len, &d) == 0) {
			cf_date_format(d, out);
			return S903_NORM_OK;
		}
		snprintf(out, outsz, "%.*s", (int)len, raw);
		*why = "not a date (expected dd/mm/yyyy or yyyy-mm-dd)";
		return S903_NORM_ISSUE;
	}
	case S903_PARTDATE: {
		cf_date d;
		if (cf_date_parse_datetime(raw, len, &d) == 0) {
			cf_date_format(d, out);
			return S903_NORM_OK;
		}
		/* zz/zz/2015 etc.: day or month unknown, kept as given in upper case */
		snprintf(out, outsz, "%.*s", (int)len, raw);
		for (char *p = out; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		if (len == 10 && out[2] == '/' && out[5] == '/' && isdigit((unsigned char)out[6]))
			return S903_NORM_OK;
		*why = "not a date (expected dd/mm/yyyy, with zz for an unknown day or month)";
		return S903_NORM_ISSUE;
	}
	case S903_CODE: {
		size_t k = 0;
		for (size_t i = 0; i < len; i++)
			out[k++] = (char)toupper((unsigned char)raw[i]);
		out[k] = '\0';
		/* "U1: Foster placement with relative..." -> "U1" */
		char *colon = strchr(out, ':');
		if (colon && col->codes) {
			*colon = '\0';
			size_t m = strlen(out);
			while (m && out[m - 1] == ' ')
				out[--m] = '\0';
		}
		/* Excel turns 1 into 1.0 */
		size_t m = strlen(out);
		if (m > 2 && strcmp(out + m - 2, ".0") == 0 && isdigit((unsigned char)out[0]))
			out[m - 2] = '\0';
		if (col->codes && !code_in(col->codes, out)) {
			/* DfE's label for a code ("Full care order" for C2) reads as the code, and says so */
			const char *code = code_label_lookup(col->codes, raw, len);
			if (code) {
				snprintf(out, outsz, "%s", code);
				*why = "DfE's label for the code, read as the code";
				return S903_NORM_MAPPED;
			}
			*why = "not a valid code for this column";
			return S903_NORM_ISSUE;
		}
		return S903_NORM_OK;
	}
	case S903_INT: {
		snprintf(out, outsz, "%.*s", (int)len, raw);
		char *end;
		strtol(out, &end, 10);
		if (*end == '\0' || strcmp(end, ".0") == 0) {
			if (*end)
				*end = '\0';
			return S903_NORM_OK;
		}
		*why = "not a whole number";
		return S903_NORM_ISSUE;
	}
	case S903_POSTCODE:
		/* a sector ("LS1 4", as caseflow export writes what the store
		 * keeps) is read as itself: it is all that would be stored */
		if (postcode_sector_of(raw, len, POSTCODE_FULL | POSTCODE_SECTOR, out, outsz) == 0)
			return S903_NORM_OK;
		out[0] = '\0';   /* never store an unparsed (possibly full) postcode */
		*why = "not a UK postcode (stored as missing)";
		return S903_NORM_ISSUE;
	case S903_ID:
	case S903_TEXT:
		snprintf(out, outsz, "%.*s", (int)len, raw);
		return S903_NORM_OK;
	}
	return S903_NORM_OK;
}
