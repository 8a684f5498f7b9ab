/* Loading a Standard Safeguarding Dataset extract (a folder of ssd_* CSV
 * tables, formats/ssd.h) into the records the statutory returns give:
 * children, contacts, CIN episodes, assessments, plans, s47, CP plans and
 * reviews, SSDA903 episodes, reviews, missing and care leavers. The rows of
 * every table are first staged, normalised, in temporary tables, because an
 * SSD record is spread over several (an episode's legal status and placement
 * are rows of their own); one INSERT ... SELECT per store table then joins
 * them, keeping the SSD file and row of the record's main row. All in the
 * driver's one transaction: a failed load leaves the store as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "formats/ssd.h"
#include "store/ingest_int.h"
#include "store/load_common.h"

struct ssd_load {
	struct ingest_ctx *ctx;
	sqlite3_stmt *stage[SSD_NTABLES];    /* INSERT into each table's staging table */
	long long rid;                       /* the file being staged; 0 when already loaded */
	struct ingest_entry *entry;
	long long file_rid[256];             /* the new files' returns and their summary lines (indexes: */
	int file_entry[256];                 /* the report grows), for the issues found after staging */
	int nfiles;
};

/* The SSD's CP categories are words ("Neglect", "Multiple: ..."); the CIN
 * census's are codes. Either is read. NULL when neither. */
static const char *abuse_code(const char *s)
{
	static const struct { const char *word, *code; } map[] = {
		{ "NEG", "NEG" }, { "NEGLECT", "NEG" }, { "PHY", "PHY" }, { "PHYSICAL ABUSE", "PHY" },
		{ "SAB", "SAB" }, { "SEXUAL ABUSE", "SAB" }, { "EMO", "EMO" }, { "EMOTIONAL ABUSE", "EMO" },
		{ "MUL", "MUL" }, { "MULTIPLE", "MUL" },
	};
	char up[64];
	size_t n = 0;
	for (; s[n] && n < sizeof up - 1; n++)
		up[n] = (char)((s[n] >= 'a' && s[n] <= 'z') ? s[n] - 32 : s[n]);
	up[n] = '\0';
	if (!strncmp(up, "MULTIPLE", 8))
		return "MUL";
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(up, map[i].word))
			return map[i].code;
	return NULL;
}

/* The contact outcome as a label, from the SSD's outcome flags. */
static const char *contact_outcome(const char *s, size_t len)
{
	if (ssd_json_flag(s, len, "NEW_REFERRAL_FLAG") == 'Y' || ssd_json_flag(s, len, "EXISTING_REFERRAL_FLAG") == 'Y')
		return "Referral to children's social care";
	if (ssd_json_flag(s, len, "CP_ENQUIRY_FLAG") == 'Y')
		return "Child protection enquiry";
	if (ssd_json_flag(s, len, "ADVICE_FLAG") == 'Y')
		return "Information and advice";
	if (ssd_json_flag(s, len, "NFA_FLAG") == 'Y')
		return "No further action";
	return NULL;
}

/* One staged value: normalised as its type says, issues recorded. */
static int stage_value(struct ssd_load *ld, struct load_site *at, enum ssd_table t, int c, const char *raw, size_t len,
		       struct cf_error *err)
{
	const struct ssd_column *col = &ssd_tables[t].cols[c];
	sqlite3_stmt *s = ld->stage[t];
	int idx = 3 + c;
	struct value v;
	memset(&v, 0, sizeof v);
	if (!raw) {
		v.status = VALUE_EMPTY;
	} else if (col->type == SSD_JSON) {
		char buf[160];
		const char *got = NULL;
		if (t == SSD_ASSESSMENT_FACTORS) {
			ssd_factor_codes(raw, len, buf, sizeof buf);
			got = buf[0] ? buf : NULL;
		} else if (t == SSD_CONTACTS) {
			got = contact_outcome(raw, len);
		} else if (t == SSD_S47) {
			/* the census's ICPCnotRequired: the enquiry's outcome was no conference */
			char f = ssd_json_flag(raw, len, "CP_CONFERENCE_FLAG");
			got = f == 'Y' ? "0" : f == 'N' ? "1" : NULL;
		}
		if (got)
			sqlite3_bind_text(s, idx, got, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(s, idx);
		return CF_OK;
	} else if (col->type == SSD_DATE) {
		value_date(raw, len, &v);
	} else if (col->type == SSD_CODE) {
		value_code(raw, len, NULL, &v);
	} else if (col->type == SSD_FLAG) {
		value_flag(raw, len, 0, &v);
	} else if (col->type == SSD_POSTCODE) {
		value_sector(raw, len, &v);
	} else {
		value_text(raw, len, &v);
		if (v.status == VALUE_OK && (t == SSD_CP_PLANS) && c >= 5) {
			const char *code = abuse_code(v.out);
			if (code)
				snprintf(v.out, sizeof v.out, "%s", code);
			else {
				v.status = VALUE_ISSUE;
				v.kind = "unknown_code";
				v.why = "not a category of abuse (Neglect, Physical abuse, Sexual abuse, Emotional abuse, Multiple)";
			}
		}
	}
	if (!ld->rid) {   /* a file already loaded: its issues were recorded then */
		if (v.status == VALUE_EMPTY || !v.out[0])
			sqlite3_bind_null(s, idx);
		else
			sqlite3_bind_text(s, idx, v.out, -1, SQLITE_TRANSIENT);
		return CF_OK;
	}
	if (v.status == VALUE_EMPTY && col->required) {
		sqlite3_bind_null(s, idx);
		return load_issue(at, col->name, NULL, "missing_value",
				  c == 0 ? "the row has no identifier" : "blank: the row cannot be linked or dated", err);
	}
	return load_bind(at, s, idx, &v, col->name, raw, len, err);
}

static int stage_row(void *vctx, enum ssd_table t, const char *const *vals, const size_t *lens, long row, long line,
		     struct cf_error *err)
{
	struct ssd_load *ld = vctx;
	sqlite3_stmt *s = ld->stage[t];
	const struct ssd_table_def *d = &ssd_tables[t];
	/* the person the row is about, for issues: the table's person column */
	char child[64] = "";
	for (int c = 0; c < d->ncols; c++)
		if (strstr(d->cols[c].name, "person_id") && vals[c]) {
			struct value v;
			value_text(vals[c], lens[c], &v);
			snprintf(child, sizeof child, "%s", v.status == VALUE_OK ? v.out : "");
			break;
		}
	struct load_site at = { ld->ctx, ld->entry, ld->rid, d->store, row, line, child[0] ? child : NULL };
	if (ld->rid)
		sqlite3_bind_int64(s, 1, ld->rid);
	else
		sqlite3_bind_null(s, 1);   /* already loaded: staged only for the other tables' joins */
	sqlite3_bind_int64(s, 2, row);
	int rc = CF_OK, short_row = 0;
	for (int c = 0; c < d->ncols && !rc; c++) {
		if (vals[c] || lens[c] != (size_t)-1)
			rc = stage_value(ld, &at, t, c, vals[c], lens[c], err);
		else
			sqlite3_bind_null(s, 3 + c);
		short_row |= !vals[c] && lens[c] == (size_t)-1;
	}
	if (!rc && short_row && ld->rid)
		rc = load_issue(&at, NULL, NULL, "short_row",
				"the row has fewer fields than the header (truncated line?); missing fields stored as blank", err);
	if (rc)
		return rc;
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_error(ld->ctx->st, err, "staging an SSD row");
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (ld->entry && ld->rid) {
		ld->entry->rows_read++;
		ld->entry->rows_stored++;
	}
	return ingest_row_written(ld->ctx, err);
}

/* A temporary table per SSD table, named temp.ssd_<store name>, with the
 * SSD's column names, and its INSERT. */
static int stage_create(struct ssd_load *ld, struct cf_error *err)
{
	for (int t = 0; t < SSD_NTABLES; t++) {
		const struct ssd_table_def *d = &ssd_tables[t];
		char sql[1200], ins[900];
		size_t n = (size_t)snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS temp.ssd_%s; CREATE TEMP TABLE ssd_%s (return_id INTEGER, row INTEGER",
					    d->store, d->store);
		size_t m = (size_t)snprintf(ins, sizeof ins, "INSERT INTO temp.ssd_%s VALUES (?, ?", d->store);
		for (int c = 0; c < d->ncols; c++) {
			n += (size_t)snprintf(sql + n, sizeof sql - n, ", %s TEXT", d->cols[c].name);
			m += (size_t)snprintf(ins + m, sizeof ins - m, ", ?");
		}
		n += (size_t)snprintf(sql + n, sizeof sql - n, ");");
		/* the joins look rows up by their identifiers */
		for (int c = 0; c < d->ncols; c++)
			if (d->cols[c].type == SSD_ID)
				n += (size_t)snprintf(sql + n, sizeof sql - n, "CREATE INDEX temp.ssd_%s_%d ON ssd_%s(%s);", d->store,
						      c, d->store, d->cols[c].name);
		snprintf(ins + m, sizeof ins - m, ")");
		int rc = store_exec(ld->ctx->st, sql, err);
		if (!rc)
			rc = store_prepare(ld->ctx->st, ins, &ld->stage[t], err);
		if (rc)
			return rc;
	}
	return CF_OK;
}

static void stage_drop(struct ssd_load *ld)
{
	struct cf_error ignore;
	for (int t = 0; t < SSD_NTABLES; t++) {
		sqlite3_finalize(ld->stage[t]);
		ld->stage[t] = NULL;
		char sql[128];
		snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS temp.ssd_%s", ssd_tables[t].store);
		store_exec(ld->ctx->st, sql, &ignore);
	}
}

/* The collection year the extract is loaded as: --year, else the folder's
 * name, else the year of the latest date it holds (an extract is taken
 * after the last thing it records). */
static int extract_year(struct ssd_load *ld, const char *path, int *year, struct cf_error *err)
{
	*year = ld->ctx->opt->collection_year > 0 ? ld->ctx->opt->collection_year : ingest_year_from_path(path);
	if (*year > 0)
		return CF_OK;
	static const char sql[] =
		"SELECT max(d) FROM ("
		"SELECT max(cont_contact_date) d FROM temp.ssd_contacts UNION ALL "
		"SELECT max(max(cine_referral_date, coalesce(cine_close_date, ''))) FROM temp.ssd_cin_episodes UNION ALL "
		"SELECT max(max(clae_cla_episode_start_date, coalesce(clae_cla_episode_ceased_date, ''))) FROM temp.ssd_cla_episodes UNION ALL "
		"SELECT max(max(cina_assessment_start_date, coalesce(cina_assessment_auth_date, ''))) FROM temp.ssd_cin_assessments UNION ALL "
		"SELECT max(max(cppl_cp_plan_start_date, coalesce(cppl_cp_plan_end_date, ''))) FROM temp.ssd_cp_plans"
		") WHERE d GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'";
	return load_year_of_latest(ld->ctx, sql, year, err);
}

/* The collection years the extract covers (migration 0025): from that of
 * its first contact, the start of the window it keeps events for, to the
 * year it is loaded as; that year alone when it has no contacts. */
static int cover_years(struct ssd_load *ld, long long rid, int year, struct cf_error *err)
{
	char sql[600];
	snprintf(sql, sizeof sql,
		 "WITH RECURSIVE y(n) AS ("
		 " SELECT coalesce((SELECT CAST(strftime('%%Y', min(cont_contact_date)) AS INTEGER) "
		 "   + (CAST(strftime('%%m', min(cont_contact_date)) AS INTEGER) >= 4) FROM temp.ssd_contacts "
		 "   WHERE cont_contact_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'), %d) "
		 " UNION ALL SELECT n + 1 FROM y WHERE n < %d) "
		 "INSERT OR IGNORE INTO ssd_years (return_id, collection_year) SELECT %lld, n FROM y WHERE n > %d - 30",
		 year, year, rid, year);
	return store_exec(ld->ctx->st, sql, err);
}

/* The store's records from the staged tables: only rows of files new to the
 * store (return_id not NULL). Sex in the 903's coding (1 male, 2 female). */
#define SEX903(x) "CASE upper(" x ") WHEN 'M' THEN '1' WHEN '1' THEN '1' WHEN 'F' THEN '2' WHEN '2' THEN '2' END"
static const char *const map_sql[] = {
	/* CIN episodes; an ICPC with no s47 before it is the episode's own */
	"INSERT INTO cin_referrals (return_id, row, child, referral_date, referral_source, primary_need, closure_date, "
	"closure_reason, referral_nfa, icpc_date) "
	"SELECT e.return_id, e.row, e.cine_person_id, e.cine_referral_date, e.cine_referral_source_code, "
	"e.cine_cin_primary_need_code, e.cine_close_date, e.cine_close_reason, e.cine_referral_nfa, "
	"(SELECT min(i.icpc_icpc_date) FROM temp.ssd_initial_cp_conference i "
	" WHERE i.icpc_referral_id = e.cine_referral_id AND i.icpc_s47_enquiry_id IS NULL) "
	"FROM temp.ssd_cin_episodes e WHERE e.return_id IS NOT NULL",
	"INSERT INTO assessments (return_id, row, child, referral_date, start_date, authorised_date, factors) "
	"SELECT a.return_id, a.row, a.cina_person_id, "
	"(SELECT e.cine_referral_date FROM temp.ssd_cin_episodes e WHERE e.cine_referral_id = a.cina_referral_id), "
	"a.cina_assessment_start_date, a.cina_assessment_auth_date, "
	"(SELECT group_concat(f.cinf_assessment_factors_json, ' ') FROM temp.ssd_assessment_factors f "
	" WHERE f.cinf_assessment_id = a.cina_assessment_id) "
	"FROM temp.ssd_cin_assessments a WHERE a.return_id IS NOT NULL",
	"INSERT INTO cin_plans (return_id, row, child, referral_date, start_date, end_date) "
	"SELECT p.return_id, p.row, p.cinp_person_id, "
	"(SELECT e.cine_referral_date FROM temp.ssd_cin_episodes e WHERE e.cine_referral_id = p.cinp_referral_id), "
	"p.cinp_cin_plan_start_date, p.cinp_cin_plan_end_date FROM temp.ssd_cin_plans p WHERE p.return_id IS NOT NULL",
	"INSERT INTO s47_enquiries (return_id, row, child, referral_date, start_date, icpc_target_date, icpc_date, "
	"icpc_not_required) "
	"SELECT q.return_id, q.row, q.s47e_person_id, "
	"(SELECT e.cine_referral_date FROM temp.ssd_cin_episodes e WHERE e.cine_referral_id = q.s47e_referral_id), "
	"q.s47e_s47_start_date, "
	"(SELECT min(i.icpc_icpc_target_date) FROM temp.ssd_initial_cp_conference i WHERE i.icpc_s47_enquiry_id = q.s47e_s47_enquiry_id), "
	"(SELECT min(i.icpc_icpc_date) FROM temp.ssd_initial_cp_conference i WHERE i.icpc_s47_enquiry_id = q.s47e_s47_enquiry_id), "
	"q.s47e_s47_outcome_json FROM temp.ssd_s47_enquiry q WHERE q.return_id IS NOT NULL",
	/* the plans a child had before this one, as the census's NumberOfPreviousCPP:
	 * those the extract holds, or what a return already stored says of the same
	 * plan when it says more (it counts plans before the extract's window) */
	"INSERT INTO cp_plans (return_id, row, child, referral_date, start_date, end_date, initial_category, "
	"latest_category, previous_plans) "
	"SELECT p.return_id, p.row, p.cppl_person_id, "
	"(SELECT e.cine_referral_date FROM temp.ssd_cin_episodes e WHERE e.cine_referral_id = p.cppl_referral_id), "
	"p.cppl_cp_plan_start_date, p.cppl_cp_plan_end_date, p.cppl_cp_plan_initial_category, "
	"p.cppl_cp_plan_latest_category, "
	"max((SELECT count(*) FROM temp.ssd_cp_plans b WHERE b.cppl_person_id = p.cppl_person_id "
	"     AND b.cppl_cp_plan_start_date < p.cppl_cp_plan_start_date), "
	"    coalesce((SELECT max(x.previous_plans) FROM cp_plans x WHERE x.child = p.cppl_person_id "
	"     AND x.start_date = p.cppl_cp_plan_start_date), 0)) "
	"FROM temp.ssd_cp_plans p WHERE p.return_id IS NOT NULL",
	"INSERT INTO cp_reviews (return_id, row, child, plan_start_date, review_date) "
	"SELECT r.return_id, r.row, r.cppr_person_id, "
	"(SELECT p.cppl_cp_plan_start_date FROM temp.ssd_cp_plans p WHERE p.cppl_cp_plan_id = r.cppr_cp_plan_id), "
	"r.cppr_cp_review_date FROM temp.ssd_cp_reviews r WHERE r.return_id IS NOT NULL AND r.cppr_cp_review_date IS NOT NULL",
	"INSERT INTO contacts (return_id, row, child, contact_date, source, outcome) "
	"SELECT return_id, row, cont_person_id, cont_contact_date, cont_contact_source_code, cont_contact_outcome_json "
	"FROM temp.ssd_contacts WHERE return_id IS NOT NULL",
	/* the census's child: a person with a CIN episode in the extract */
	"INSERT INTO cin_children (return_id, row, child, sex, dob, expected_dob, death_date, ethnicity, upn_unknown) "
	"SELECT p.return_id, p.row, p.pers_person_id, p.pers_sex, p.pers_dob, p.pers_expected_dob, p.pers_death_date, "
	"p.pers_ethnicity, p.pers_upn_unknown FROM temp.ssd_person p WHERE p.return_id IS NOT NULL "
	"AND EXISTS (SELECT 1 FROM temp.ssd_cin_episodes e WHERE e.cine_person_id = p.pers_person_id)",
	/* the 903's header: a person with an episode of care */
	"INSERT INTO ssda903_header (return_id, row, child, sex, dob, ethnic) "
	"SELECT p.return_id, p.row, p.pers_person_id, " SEX903("p.pers_sex") ", p.pers_dob, p.pers_ethnicity "
	"FROM temp.ssd_person p WHERE p.return_id IS NOT NULL "
	"AND EXISTS (SELECT 1 FROM temp.ssd_cla_episodes e WHERE e.clae_person_id = p.pers_person_id)",
	/* an episode: its own row, the legal status in force on its first day,
	 * its placement, and the home address it started from. The placement's
	 * reason for change belongs to the episode that ends with it. */
	"INSERT INTO ssda903_episodes (return_id, row, child, decom, rne, ls, cin, place, place_provider, dec, rec, "
	"reason_place_change, home_post, pl_post, urn) "
	"SELECT e.return_id, e.row, e.clae_person_id, e.clae_cla_episode_start_date, e.clae_cla_episode_start_reason, "
	"(SELECT l.lega_legal_status FROM temp.ssd_legal_status l WHERE l.lega_person_id = e.clae_person_id "
	" AND l.lega_legal_status_start_date <= e.clae_cla_episode_start_date "
	" AND (l.lega_legal_status_end_date IS NULL OR l.lega_legal_status_end_date > e.clae_cla_episode_start_date) "
	" ORDER BY l.lega_legal_status_start_date DESC LIMIT 1), "
	"e.clae_cla_primary_need_code, p.clap_cla_placement_type, p.clap_cla_placement_provider, "
	"e.clae_cla_episode_ceased_date, e.clae_cla_episode_ceased_reason, "
	"CASE WHEN p.clap_cla_placement_end_date = e.clae_cla_episode_ceased_date THEN p.clap_cla_placement_change_reason END, "
	"(SELECT a.addr_address_postcode FROM temp.ssd_address a WHERE a.addr_person_id = e.clae_person_id "
	" AND coalesce(a.addr_address_start_date, '') <= e.clae_cla_episode_start_date "
	" ORDER BY a.addr_address_start_date DESC LIMIT 1), "
	"p.clap_cla_placement_postcode, p.clap_cla_placement_urn "
	"FROM temp.ssd_cla_episodes e LEFT JOIN temp.ssd_cla_placement p ON p.clap_cla_placement_id = e.clae_cla_placement_id "
	"WHERE e.return_id IS NOT NULL",
	"INSERT INTO ssda903_reviews (return_id, row, child, dob, review, review_code) "
	"SELECT r.return_id, r.row, c.child, (SELECT p.pers_dob FROM temp.ssd_person p WHERE p.pers_person_id = c.child), "
	"r.clar_cla_review_date, r.clar_cla_review_participation FROM temp.ssd_cla_reviews r "
	"JOIN (SELECT clae_cla_id AS cla_id, min(clae_person_id) AS child FROM temp.ssd_cla_episodes "
	"      WHERE clae_cla_id IS NOT NULL GROUP BY clae_cla_id) c ON c.cla_id = r.clar_cla_id "
	"WHERE r.return_id IS NOT NULL AND r.clar_cla_review_date IS NOT NULL AND coalesce(r.clar_cla_review_cancelled, '0') = '0'",
	"INSERT INTO ssda903_missing (return_id, row, child, dob, missing, mis_start, mis_end) "
	"SELECT m.return_id, m.row, m.miss_person_id, (SELECT p.pers_dob FROM temp.ssd_person p WHERE p.pers_person_id = m.miss_person_id), "
	"m.miss_missing_episode_type, m.miss_missing_episode_start_date, m.miss_missing_episode_end_date "
	"FROM temp.ssd_missing m WHERE m.return_id IS NOT NULL",
	/* OC3: the accommodation and its suitability are one code in the 903 ("S1") */
	"INSERT INTO ssda903_oc3 (return_id, row, child, dob, in_touch, activ, accom) "
	"SELECT c.return_id, c.row, c.clea_person_id, (SELECT p.pers_dob FROM temp.ssd_person p WHERE p.pers_person_id = c.clea_person_id), "
	"c.clea_care_leaver_in_touch, c.clea_care_leaver_activity, "
	"CASE WHEN length(c.clea_care_leaver_accommodation) = 1 THEN c.clea_care_leaver_accommodation || "
	"  coalesce(CASE upper(c.clea_care_leaver_accom_suitable) WHEN '1' THEN '1' WHEN 'Y' THEN '1' WHEN 'YES' THEN '1' "
	"  WHEN 'SUITABLE' THEN '1' WHEN '2' THEN '2' WHEN 'N' THEN '2' WHEN 'NO' THEN '2' WHEN 'UNSUITABLE' THEN '2' END, '') "
	"ELSE c.clea_care_leaver_accommodation END "
	"FROM temp.ssd_care_leavers c WHERE c.return_id IS NOT NULL",
	/* a worker's involvement with a child: an allocation in children's social care (the families extract's
	 * allocations; the extract is a whole one, as that is) */
	"INSERT INTO allocations (return_id, row, worker_id, team, child, service, from_date, to_date) "
	"SELECT return_id, row, invo_professional_id, invo_professional_team, invo_person_id, 'children''s social care', "
	"invo_involvement_start_date, invo_involvement_end_date FROM temp.ssd_involvements "
	"WHERE return_id IS NOT NULL AND invo_professional_id IS NOT NULL AND invo_involvement_start_date IS NOT NULL",
};

/* A row that names a record the extract lacks keeps what it can, with an
 * issue at its file and row: the records it would have been joined to. */
#define NO_REFERRAL "no ssd_cin_episodes row has this referral ID: stored without the date of its referral"
static const struct link {
	const char *from, *col, *to, *tocol, *why;
} links[] = {
	{ "cin_assessments", "cina_referral_id", "cin_episodes", "cine_referral_id", NO_REFERRAL },
	{ "cin_plans", "cinp_referral_id", "cin_episodes", "cine_referral_id", NO_REFERRAL },
	{ "s47_enquiry", "s47e_referral_id", "cin_episodes", "cine_referral_id", NO_REFERRAL },
	{ "cp_plans", "cppl_referral_id", "cin_episodes", "cine_referral_id", NO_REFERRAL },
	{ "cp_reviews", "cppr_cp_plan_id", "cp_plans", "cppl_cp_plan_id",
	  "no ssd_cp_plans row has this plan ID: stored without the start of its plan" },
	{ "assessment_factors", "cinf_assessment_id", "cin_assessments", "cina_assessment_id",
	  "no ssd_cin_assessments row has this assessment ID: the factors are not stored" },
	{ "cla_episodes", "clae_cla_placement_id", "cla_placement", "clap_cla_placement_id",
	  "no ssd_cla_placement row has this placement ID: the episode is stored without its placement" },
	{ "cla_reviews", "clar_cla_id", "cla_episodes", "clae_cla_id",
	  "no ssd_cla_episodes row has this period of care (clae_cla_id): the review is not stored" },
};

/* Each unlinked row that sql selects (return_id, row, person, value) as an
 * issue on its file's summary line. */
static int unlinked(struct ssd_load *ld, const char *sql, const char *tbl, const char *column, const char *why,
		    struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(ld->ctx->st, sql, &s, err);
	int step = SQLITE_DONE;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		long long rid = sqlite3_column_int64(s, 0);
		struct ingest_entry *entry = NULL;
		for (int i = 0; i < ld->nfiles; i++)
			if (ld->file_rid[i] == rid)
				entry = &ld->ctx->rep->entries[ld->file_entry[i]];
		rc = ingest_issue(ld->ctx, entry, rid, tbl, sqlite3_column_int(s, 1), sqlite3_column_int(s, 1),
				  (const char *)sqlite3_column_text(s, 2), column, (const char *)sqlite3_column_text(s, 3),
				  "unlinked", why, err);
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_error(ld->ctx->st, err, "checking the extract's links");
	sqlite3_finalize(s);
	return rc;
}

static int check_links(struct ssd_load *ld, struct cf_error *err)
{
	int rc = CF_OK;
	for (size_t i = 0; i < sizeof links / sizeof links[0] && !rc; i++) {
		const struct link *k = &links[i];
		char sql[1000], person[64] = "NULL";
		const struct ssd_table_def *d = NULL;
		for (int t = 0; t < SSD_NTABLES; t++)
			if (!strcmp(ssd_tables[t].store, k->from))
				d = &ssd_tables[t];
		for (int c = 0; d && c < d->ncols; c++)
			if (strstr(d->cols[c].name, "person_id"))
				snprintf(person, sizeof person, "a.%s", d->cols[c].name);
		snprintf(sql, sizeof sql,
			 "SELECT a.return_id, a.row, %s, a.%s FROM temp.ssd_%s a "
			 "WHERE a.return_id IS NOT NULL AND a.%s IS NOT NULL "
			 "AND NOT EXISTS (SELECT 1 FROM temp.ssd_%s b WHERE b.%s = a.%s) ORDER BY a.return_id, a.row",
			 person, k->col, k->from, k->col, k->to, k->tocol, k->col);
		rc = unlinked(ld, sql, k->from, k->col, k->why, err);
	}
	/* an episode with no legal status in force on its first day */
	if (!rc)
		rc = unlinked(ld,
			      "SELECT e.return_id, e.row, e.clae_person_id, e.clae_cla_episode_start_date "
			      "FROM temp.ssd_cla_episodes e WHERE e.return_id IS NOT NULL AND NOT EXISTS ("
			      " SELECT 1 FROM temp.ssd_legal_status l WHERE l.lega_person_id = e.clae_person_id "
			      " AND l.lega_legal_status_start_date <= e.clae_cla_episode_start_date "
			      " AND (l.lega_legal_status_end_date IS NULL OR l.lega_legal_status_end_date > e.clae_cla_episode_start_date)) "
			      "ORDER BY e.row",
			      "cla_episodes", "clae_cla_episode_start_date",
			      "no ssd_legal_status row of the person is in force on this day: the episode has no legal status", err);
	return rc;
}

/* The children table: every person of the extract new to the store, with
 * sex, date of birth and ethnicity where this extract's year is at least
 * that of what the table holds; then any child a record names that the
 * person table lacks. */
static int map_children(struct ssd_load *ld, struct cf_error *err)
{
	static const char sql[] =
		LOAD_CHILDREN_INSERT "(child, sex, dob, ethnicity, source_year, first_return_id, last_return_id) "
		"SELECT p.pers_person_id, " SEX903("p.pers_sex") ", "
		"  CASE WHEN p.pers_dob GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' THEN p.pers_dob END, p.pers_ethnicity, "
		"  r.collection_year, p.return_id, p.return_id "
		"FROM temp.ssd_person p JOIN returns r ON r.id = p.return_id WHERE p.pers_person_id IS NOT NULL "
		LOAD_CHILDREN_UPSERT ";"
		"INSERT OR IGNORE INTO children (child, first_return_id, last_return_id) "
		"SELECT child, min(return_id), max(return_id) FROM ("
		"  SELECT cine_person_id child, return_id FROM temp.ssd_cin_episodes UNION ALL "
		"  SELECT clae_person_id, return_id FROM temp.ssd_cla_episodes UNION ALL "
		"  SELECT cont_person_id, return_id FROM temp.ssd_contacts) "
		"WHERE child IS NOT NULL AND return_id IS NOT NULL GROUP BY child";
	return store_exec(ld->ctx->st, sql, err);
}

/* The new episodes into the episode reader's packs, as the 903 loaders do. */
static int pack_episodes(struct ssd_load *ld, long long mark, struct cf_error *err)
{
	struct episode_packer packer = { 0 };
	sqlite3_stmt *s;
	char sql[400];
	snprintf(sql, sizeof sql,
		 "SELECT return_id, child, decom, dec, rne, ls, cin, place, place_provider, rec, home_post, pl_post "
		 "FROM ssda903_episodes WHERE rowid > %lld ORDER BY rowid", mark);
	int rc = store_prepare(ld->ctx->st, sql, &s, err);
	long long ids[SSD_NTABLES];
	int nids = 0;
	while (!rc && sqlite3_step(s) == SQLITE_ROW) {
		long long rid = sqlite3_column_int64(s, 0);
		if (!nids || ids[nids - 1] != rid) {
			if (nids == SSD_NTABLES) {
				rc = cf_error_set(err, CF_EIO, "too many episode files in one SSD extract");
				break;
			}
			ids[nids++] = rid;
		}
		const char *cols[EPC_N];
		for (int c = 0; c < EPC_N; c++)
			cols[c] = (const char *)sqlite3_column_text(s, 1 + c);
		rc = episode_packer_add(&packer, rid, cols, err);
	}
	sqlite3_finalize(s);
	if (!rc && nids)
		rc = episode_packer_write(ld->ctx->st, &packer, ids, nids, err);
	episode_packer_release(&packer);
	return rc;
}

int sniff_ssd_csv(const struct ingest_sniff *info)
{
	enum ssd_table t;
	return info->csv_fields && ssd_recognise(info->csv_fields, info->csv_lens, info->csv_nfields, &t);
}

int load_ssd_csv(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err)
{
	struct ssd_load ld;
	memset(&ld, 0, sizeof ld);
	ld.ctx = ctx;
	long long rids[256];
	long rows[256];
	int nrids = 0;
	int rc = stage_create(&ld, err);
	/* the year is known only once every table is staged: registered without, set after */
	for (int i = 0; i < n && !rc; i++) {
		enum ssd_table t;
		long nrows;
		if (nrids == (int)(sizeof rids / sizeof rids[0])) {
			rc = cf_error_at(err, CF_EINPUT, paths[i], 0, NULL, NULL,
					 "more than %d SSD tables in one folder: split the extract", nrids);
			break;
		}
		if ((rc = ingest_add_return(ctx, paths[i], RETURN_SSD, 0, &ld.rid, &ld.entry, err)))
			break;
		if (ld.rid)
			rids[nrids] = ld.rid;
		rc = ssd_csv_read(paths[i], &t, &nrows, stage_row, &ld, err);
		if (!rc && ld.rid) {
			rows[nrids++] = nrows;
			if (ld.entry) {
				ld.file_rid[ld.nfiles] = ld.rid;
				ld.file_entry[ld.nfiles++] = (int)(ld.entry - ctx->rep->entries);
			}
			if (ld.entry)
				snprintf(ld.entry->note, sizeof ld.entry->note, "%s", ssd_tables[t].name);
		}
	}
	int year = 0;
	if (!rc && nrids)
		rc = extract_year(&ld, paths[0], &year, err);
	for (int i = 0; i < nrids && !rc; i++) {
		char sql[160];
		if (year > 0) {
			snprintf(sql, sizeof sql, "UPDATE returns SET collection_year = %d WHERE id = %lld", year, rids[i]);
			rc = store_exec(ctx->st, sql, err);
		}
	}
	if (!rc && nrids && year > 0)
		rc = cover_years(&ld, rids[0], year, err);
	long long mark = 0;
	if (!rc && nrids)
		rc = load_rowid_mark(ctx, "ssda903_episodes", &mark, err);
	for (size_t i = 0; !rc && nrids && i < sizeof map_sql / sizeof map_sql[0]; i++)
		rc = store_exec(ctx->st, map_sql[i], err);
	if (!rc && nrids)
		rc = map_children(&ld, err);
	if (!rc && nrids)
		rc = check_links(&ld, err);
	if (!rc && nrids)
		rc = pack_episodes(&ld, mark, err);
	for (int i = 0; i < nrids && !rc; i++)
		rc = load_finish_return(ctx, rids[i], rows[i], err);
	stage_drop(&ld);
	return rc;
}
