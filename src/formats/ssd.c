/* Reading the Standard Safeguarding Dataset's CSV extract: which ssd_*
 * table a file is, from its header, and its rows in caseflow's column order.
 * The field names are the SSD's (data/objects/ssd_TABLE.yml of ssd-data-model);
 * the list of which ones caseflow reads, and how, is ours. */
#include "formats/ssd.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"

#define ID SSD_ID
#define DT SSD_DATE
#define CD SSD_CODE
#define FL SSD_FLAG
#define TX SSD_TEXT
#define PC SSD_POSTCODE
#define JS SSD_JSON

const struct ssd_table_def ssd_tables[SSD_NTABLES] = {
	[SSD_PERSON] = { "ssd_person", "person", 7,
		{ { "pers_person_id", ID, 1 }, { "pers_sex", CD, 0 }, { "pers_ethnicity", CD, 0 }, { "pers_dob", DT, 0 },
		  { "pers_expected_dob", DT, 0 }, { "pers_death_date", DT, 0 }, { "pers_upn_unknown", CD, 0 } } },
	[SSD_ADDRESS] = { "ssd_address", "address", 5,
		{ { "addr_table_id", ID, 1 }, { "addr_person_id", ID, 1 }, { "addr_address_start_date", DT, 0 },
		  { "addr_address_end_date", DT, 0 }, { "addr_address_postcode", PC, 1 } } },
	[SSD_CONTACTS] = { "ssd_contacts", "contacts", 5,
		{ { "cont_contact_id", ID, 1 }, { "cont_person_id", ID, 1 }, { "cont_contact_date", DT, 1 },
		  { "cont_contact_source_code", CD, 0 }, { "cont_contact_outcome_json", JS, 0 } } },
	[SSD_CIN_EPISODES] = { "ssd_cin_episodes", "cin_episodes", 8,
		{ { "cine_referral_id", ID, 1 }, { "cine_person_id", ID, 1 }, { "cine_referral_date", DT, 1 },
		  { "cine_cin_primary_need_code", CD, 0 }, { "cine_referral_source_code", CD, 0 },
		  { "cine_referral_nfa", FL, 0 }, { "cine_close_reason", CD, 0 }, { "cine_close_date", DT, 0 } } },
	[SSD_ASSESSMENTS] = { "ssd_cin_assessments", "cin_assessments", 5,
		{ { "cina_assessment_id", ID, 1 }, { "cina_person_id", ID, 1 }, { "cina_referral_id", ID, 1 },
		  { "cina_assessment_start_date", DT, 1 }, { "cina_assessment_auth_date", DT, 0 } } },
	[SSD_ASSESSMENT_FACTORS] = { "ssd_assessment_factors", "assessment_factors", 3,
		{ { "cinf_table_id", ID, 1 }, { "cinf_assessment_id", ID, 1 }, { "cinf_assessment_factors_json", JS, 1 } } },
	[SSD_CIN_PLANS] = { "ssd_cin_plans", "cin_plans", 5,
		{ { "cinp_cin_plan_id", ID, 1 }, { "cinp_referral_id", ID, 1 }, { "cinp_person_id", ID, 1 },
		  { "cinp_cin_plan_start_date", DT, 1 }, { "cinp_cin_plan_end_date", DT, 0 } } },
	[SSD_S47] = { "ssd_s47_enquiry", "s47_enquiry", 6,
		{ { "s47e_s47_enquiry_id", ID, 1 }, { "s47e_referral_id", ID, 1 }, { "s47e_person_id", ID, 1 },
		  { "s47e_s47_start_date", DT, 1 }, { "s47e_s47_end_date", DT, 0 }, { "s47e_s47_outcome_json", JS, 0 } } },
	[SSD_ICPC] = { "ssd_initial_cp_conference", "initial_cp_conference", 6,
		{ { "icpc_icpc_id", ID, 1 }, { "icpc_s47_enquiry_id", ID, 0 }, { "icpc_person_id", ID, 1 },
		  { "icpc_referral_id", ID, 0 }, { "icpc_icpc_target_date", DT, 0 }, { "icpc_icpc_date", DT, 0 } } },
	[SSD_CP_PLANS] = { "ssd_cp_plans", "cp_plans", 7,
		{ { "cppl_cp_plan_id", ID, 1 }, { "cppl_referral_id", ID, 1 }, { "cppl_person_id", ID, 1 },
		  { "cppl_cp_plan_start_date", DT, 1 }, { "cppl_cp_plan_end_date", DT, 0 },
		  { "cppl_cp_plan_initial_category", TX, 0 }, { "cppl_cp_plan_latest_category", TX, 0 } } },
	[SSD_CP_REVIEWS] = { "ssd_cp_reviews", "cp_reviews", 4,
		{ { "cppr_cp_review_id", ID, 1 }, { "cppr_person_id", ID, 1 }, { "cppr_cp_plan_id", ID, 1 },
		  { "cppr_cp_review_date", DT, 0 } } },
	[SSD_CLA_EPISODES] = { "ssd_cla_episodes", "cla_episodes", 9,
		{ { "clae_cla_episode_id", ID, 1 }, { "clae_person_id", ID, 1 }, { "clae_cla_episode_start_date", DT, 1 },
		  { "clae_cla_episode_start_reason", CD, 0 }, { "clae_cla_primary_need_code", CD, 0 },
		  { "clae_cla_episode_ceased_date", DT, 0 }, { "clae_cla_episode_ceased_reason", CD, 0 },
		  { "clae_cla_id", ID, 0 }, { "clae_cla_placement_id", ID, 0 } } },
	[SSD_LEGAL_STATUS] = { "ssd_legal_status", "legal_status", 5,
		{ { "lega_legal_status_id", ID, 1 }, { "lega_person_id", ID, 1 }, { "lega_legal_status", CD, 1 },
		  { "lega_legal_status_start_date", DT, 1 }, { "lega_legal_status_end_date", DT, 0 } } },
	[SSD_PLACEMENTS] = { "ssd_cla_placement", "cla_placement", 8,
		{ { "clap_cla_placement_id", ID, 1 }, { "clap_cla_placement_start_date", DT, 0 },
		  { "clap_cla_placement_type", CD, 0 }, { "clap_cla_placement_urn", CD, 0 },
		  { "clap_cla_placement_provider", CD, 0 }, { "clap_cla_placement_postcode", PC, 0 },
		  { "clap_cla_placement_end_date", DT, 0 }, { "clap_cla_placement_change_reason", CD, 0 } } },
	[SSD_CLA_REVIEWS] = { "ssd_cla_reviews", "cla_reviews", 5,
		{ { "clar_cla_review_id", ID, 1 }, { "clar_cla_id", ID, 1 }, { "clar_cla_review_date", DT, 0 },
		  { "clar_cla_review_cancelled", FL, 0 }, { "clar_cla_review_participation", CD, 0 } } },
	[SSD_MISSING] = { "ssd_missing", "missing", 5,
		{ { "miss_table_id", ID, 1 }, { "miss_person_id", ID, 1 }, { "miss_missing_episode_start_date", DT, 1 },
		  { "miss_missing_episode_type", CD, 0 }, { "miss_missing_episode_end_date", DT, 0 } } },
	[SSD_CARE_LEAVERS] = { "ssd_care_leavers", "care_leavers", 6,
		{ { "clea_table_id", ID, 1 }, { "clea_person_id", ID, 1 }, { "clea_care_leaver_in_touch", CD, 0 },
		  { "clea_care_leaver_accommodation", CD, 0 }, { "clea_care_leaver_accom_suitable", CD, 0 },
		  { "clea_care_leaver_activity", CD, 0 } } },
	[SSD_INVOLVEMENTS] = { "ssd_involvements", "involvements", 6,
		{ { "invo_involvements_id", ID, 1 }, { "invo_professional_id", ID, 1 }, { "invo_professional_team", TX, 0 },
		  { "invo_involvement_start_date", DT, 1 }, { "invo_involvement_end_date", DT, 0 },
		  { "invo_person_id", ID, 1 } } },
};

/* 1 when field (len bytes, surrounding spaces ignored) is name, any case. */
static int same_name(const char *field, size_t len, const char *name)
{
	while (len && isspace((unsigned char)*field)) {
		field++;
		len--;
	}
	while (len && isspace((unsigned char)field[len - 1]))
		len--;
	/* a UTF-8 byte-order mark the CSV reader left on the first field */
	if (len >= 3 && !memcmp(field, "\xEF\xBB\xBF", 3)) {
		field += 3;
		len -= 3;
	}
	size_t n = strlen(name);
	if (len != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)field[i]) != name[i])
			return 0;
	return 1;
}

int ssd_recognise(char *const *fields, const size_t *lens, int nfields, enum ssd_table *t)
{
	for (int k = 0; k < SSD_NTABLES; k++)
		for (int i = 0; i < nfields; i++)
			if (same_name(fields[i], lens[i], ssd_tables[k].cols[0].name)) {
				*t = (enum ssd_table)k;
				return 1;
			}
	return 0;
}

int ssd_csv_read(const char *path, enum ssd_table *t, long *rows, ssd_row_fn fn, void *ctx, struct cf_error *err)
{
	struct csv_reader r;
	*rows = 0;
	int rc = csv_reader_open_header(&r, path, err);
	if (rc)
		return rc;
	int got = 0;
	if (!ssd_recognise(r.fields, r.lens, r.nfields, t)) {
		csv_reader_close(&r);
		return cf_error_at(err, CF_EINPUT, path, r.line, NULL, NULL,
				   "the header names no SSD table caseflow reads (docs/ssd.md lists them)");
	}
	const struct ssd_table_def *d = &ssd_tables[*t];
	int at[SSD_MAXCOLS];     /* each column's place in the file, -1 when absent */
	for (int c = 0; c < d->ncols; c++) {
		at[c] = -1;
		for (int i = 0; i < r.nfields; i++) {
			if (!same_name(r.fields[i], r.lens[i], d->cols[c].name))
				continue;
			if (at[c] >= 0)
				rc = cf_error_at(err, CF_EINPUT, path, r.line, d->cols[c].name, NULL,
						 "%s: column %s appears twice in the header", d->name, d->cols[c].name);
			at[c] = i;
		}
		if (!rc && at[c] < 0 && d->cols[c].required)
			rc = cf_error_at(err, CF_EINPUT, path, r.line, d->cols[c].name, NULL,
					 "%s has no %s column, which caseflow needs to place its rows", d->name,
					 d->cols[c].name);
		if (rc)
			break;
	}
	const char *vals[SSD_MAXCOLS];
	size_t vlens[SSD_MAXCOLS];
	while (!rc && (got = csv_reader_next(&r, err)) == 1) {
		if (csv_row_is_blank(&r))
			continue;
		for (int c = 0; c < d->ncols; c++) {
			vals[c] = NULL;
			vlens[c] = 0;
			if (at[c] >= 0 && at[c] < r.nfields) {
				vals[c] = r.fields[at[c]];
				vlens[c] = r.lens[at[c]];
			} else if (at[c] >= 0) {
				vlens[c] = (size_t)-1;   /* the row ends before the column */
			}
		}
		(*rows)++;
		rc = fn(ctx, *t, vals, vlens, r.record, r.line, err);
	}
	if (!rc && got < 0)
		rc = CF_EINPUT;
	csv_reader_close(&r);
	return rc;
}

char ssd_json_flag(const char *s, size_t len, const char *key)
{
	size_t k = strlen(key);
	for (size_t i = 0; i + k < len; i++) {
		if (memcmp(s + i, key, k) || (i && (s[i - 1] == '_' || (s[i - 1] >= 'A' && s[i - 1] <= 'Z'))))
			continue;
		size_t j = i + k;
		while (j < len && (s[j] == '"' || s[j] == ' '))
			j++;
		if (j >= len || s[j] != ':')
			continue;
		for (j++; j < len && (s[j] == ' ' || s[j] == '"'); j++)
			;
		if (j < len && s[j] != ',' && s[j] != '}')
			return (char)((s[j] >= 'a' && s[j] <= 'z') ? s[j] - 32 : s[j]);
		return 0;
	}
	return 0;
}

void ssd_factor_codes(const char *s, size_t len, char *out, size_t size)
{
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = 0; i < len;) {
		while (i < len && !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')))
			i++;
		size_t b = i;
		while (i < len && ((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')))
			i++;
		if (i == b || s[b] < '0' || s[b] > '9' || i - b > 3)
			continue;   /* not a factor code: a "Yes" or "No" value, handled below */
		/* an object's value: skip the code when it says no */
		size_t j = i;
		while (j < len && (s[j] == '"' || s[j] == ' '))
			j++;
		if (j < len && s[j] == ':') {
			for (j++; j < len && (s[j] == ' ' || s[j] == '"'); j++)
				;
			if (j >= len || !(s[j] == 'Y' || s[j] == 'y' || s[j] == '1'))
				continue;
		}
		n += (size_t)snprintf(out + n, n < size ? size - n : 0, "%s%.*s", n ? " " : "", (int)(i - b), s + b);
		if (n >= size) {
			out[size - 1] = '\0';
			return;
		}
	}
	for (char *p = out; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 32);
}
