/* Data quality the user sees (quality.h): the issues table grouped, with the
 * indicators that read each column and the share of their input rows that
 * have problems. */
#include "indicators/quality.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/quality.h"

/* Which indicators read a column, as the issues table names tables and
 * columns. column NULL: any column of the table. Kept beside
 * docs/definitions.md: a column here feeds the figure's numerator,
 * denominator or the dates that place a record in the period. */
static const struct feed {
	const char *tbl, *column, *indicators;
} feeds[] = {
	{ "episodes", "DECOM", "cla_started, cla_ceased, cla_31mar, cla_rate_10k, cla_started_rate_10k, "
			       "cla_entry_age_*, placement_3plus, placement_long_term, placement_mix_*" },
	{ "episodes", "DEC", "cla_ceased, cla_31mar, cla_rate_10k, cla_ceased_rate_10k, placement_3plus, "
			     "placement_long_term, placement_mix_*" },
	{ "episodes", "RNE", "cla_started, placement_3plus" },
	{ "episodes", "LS", "cla_31mar, cla_rate_10k, cla_started, cla_ceased, placement_3plus" },
	{ "episodes", "PLACE", "placement_mix_*, placement_long_term, placement_3plus" },
	{ "episodes", "PLACE_PROVIDER", "placement_mix_inhouse, placement_mix_external" },
	{ "episodes", "REC", "cla_ceased" },
	{ "episodes", "HOME_POST", "placed_20mi, placed_outside_la" },
	{ "episodes", "PL_POST", "placed_20mi, placed_outside_la" },
	{ "episodes", "CHILD", "cla_31mar, cla_started, cla_ceased" },
	{ "episodes", NULL, "cla_31mar, cla_started, cla_ceased" },
	{ "header", "DOB", "cla_entry_age_*, placement_long_term, care_leavers_eet_19_21" },
	{ "missing", NULL, "missing_cla, away_cla" },
	{ "oc3", NULL, "care_leavers_eet_19_21" },
	{ "cin_referrals", NULL, "referrals, referral_nfa, rereferral_12m, contact_to_referral, "
				 "referral_to_assessment, cin_rate_10k, cin_open_1yr" },
	{ "cin_children", "PersonBirthDate", "cin_rate_10k" },
	{ "assessments", NULL, "assessments, assessment_45wd, referral_to_assessment, assessment_to_s47" },
	{ "s47_enquiries", NULL, "s47, icpc, icpc_15wd, assessment_to_s47, s47_to_icpc" },
	{ "cp_plans", NULL, "cpp_started, cpp_rate_10k, cpp_subsequent, cpp_2yr_ended, cpp_open_*, icpc_to_cpp" },
	{ "contacts", NULL, "contacts, contact_to_referral" },
	{ "annexa.list1", NULL, "contacts, contact_to_referral" },
	{ "annexa.list3", NULL, "referrals, referral_nfa, rereferral_12m, contact_to_referral, referral_to_assessment" },
	{ "annexa.list4", NULL, "assessments, assessment_45wd, referral_to_assessment" },
	{ "annexa.list5", NULL, "s47, icpc, icpc_15wd, s47_to_icpc" },
	{ "annexa.list6", NULL, "cin_rate_10k, cin_open_1yr" },
	{ "annexa.list7", NULL, "cpp_started, cpp_rate_10k, cpp_subsequent, cpp_open_*" },
	{ "workforce", NULL, "sw_caseload, sw_agency_rate, sw_turnover, sw_vacancy" },
	{ "workforce_workers", NULL, "sw_caseload, sw_agency_rate, sw_turnover, sw_vacancy" },
};

const char *quality_indicators_of(const char *tbl, const char *column)
{
	for (size_t i = 0; i < sizeof feeds / sizeof feeds[0]; i++)
		if (!strcmp(feeds[i].tbl, tbl) && (!feeds[i].column || (column && !strcasecmp(feeds[i].column, column))))
			return feeds[i].indicators;
	return "";
}

int quality_is_note(const char *reason)
{
	return !strcmp(reason, "label_mapped") || !strcmp(reason, "nonstandard_value");
}

/* 1 when the list names id, exactly or by a "prefix_*" pattern. */
static int names(const char *list, const char *id)
{
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		const char *e = p + n;
		while (*p == ' ')
			p++, n--;
		if (n && p[n - 1] == '*' ? !strncmp(p, id, n - 1) : (strlen(id) == n && !strncmp(p, id, n)))
			return 1;
		p = *e ? e + 1 : e;
	}
	return 0;
}

struct reason_count {
	char reason[32];
	long issues;
	long long last_return;
	long returns;
};

struct reader {
	struct quality *q;
	struct reason_count reasons[32];
	int nreasons;
};

static int on_group(void *vctx, const struct store_issue_group *g, struct cf_error *err)
{
	struct reader *r = vctx;
	struct quality *q = r->q;
	struct cf_table *t = q->groups;
	int note = quality_is_note(g->reason);
	const char *ind = quality_indicators_of(g->tbl, g->column);
	double pct = g->rows > 0 ? 100.0 * (double)g->count / (double)g->rows : 0;
	long row = cf_table_add_row(t);
	char year[16] = "";
	if (g->collection_year > 0)
		snprintf(year, sizeof year, "%d-%02d", g->collection_year - 1, g->collection_year % 100);
	if (row < 0 || cf_table_set_text(t, (size_t)row, 1, g->path) ||
	    cf_table_set_text(t, (size_t)row, 2, year) || cf_table_set_text(t, (size_t)row, 3, g->tbl) ||
	    cf_table_set_text(t, (size_t)row, 4, g->column) || cf_table_set_text(t, (size_t)row, 5, g->reason) ||
	    cf_table_set_text(t, (size_t)row, 6, note ? "note" : "problem") ||
	    cf_table_set_text(t, (size_t)row, 10, g->examples) || cf_table_set_text(t, (size_t)row, 11, g->message) ||
	    cf_table_set_text(t, (size_t)row, 12, ind))
		return cf_error_set(err, CF_EIO, "out of memory");
	cf_table_set_int(t, (size_t)row, 0, g->return_id);
	cf_table_set_int(t, (size_t)row, 7, g->count);
	cf_table_set_int(t, (size_t)row, 8, g->rows);
	cf_table_set_real(t, (size_t)row, 9, pct);
	if (note)
		q->notes += g->count;
	else
		q->problems += g->count;
	/* the share an indicator's input has problems in */
	if (!note && g->rows > 0 && *ind)
		for (int k = 0; k < K_N; k++)
			if (names(ind, kpi_defs[k].id) && (double)g->count / (double)g->rows > q->share[k])
				q->share[k] = (double)g->count / (double)g->rows;
	int i = 0;
	while (i < r->nreasons && strcmp(r->reasons[i].reason, g->reason))
		i++;
	if (i == r->nreasons) {
		if (r->nreasons == (int)(sizeof r->reasons / sizeof r->reasons[0]))
			return CF_OK;
		snprintf(r->reasons[i].reason, sizeof r->reasons[i].reason, "%s", g->reason);
		r->nreasons++;
	}
	r->reasons[i].issues += g->count;
	if (r->reasons[i].last_return != g->return_id) {
		r->reasons[i].returns++;
		r->reasons[i].last_return = g->return_id;
	}
	return CF_OK;
}

int quality_read(struct store *st, long long return_id, struct quality *q, struct cf_error *err)
{
	static const char *const gcols[] = { "return", "file", "year", "table", "column", "reason", "kind", "issues",
					     "rows", "percent_of_rows", "examples", "message", "indicators" };
	static const enum cf_cell_type gtypes[] = { CF_CELL_INT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT,
						    CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_INT, CF_CELL_INT, CF_CELL_REAL,
						    CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT };
	static const char *const rcols[] = { "reason", "kind", "issues", "returns" };
	static const enum cf_cell_type rtypes[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_INT, CF_CELL_INT };
	memset(q, 0, sizeof *q);
	q->groups = cf_table_new_columns("Data quality", gcols, gtypes, 13);
	q->by_reason = cf_table_new_columns("Data quality by reason", rcols, rtypes, 4);
	if (!q->groups || !q->by_reason) {
		quality_release(q);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	struct reader r;
	memset(&r, 0, sizeof r);
	r.q = q;
	int rc = store_issue_groups(st, return_id, on_group, &r, err);
	/* reasons, most issues first */
	for (int i = 0; !rc && i < r.nreasons; i++) {
		int best = i;
		for (int j = i + 1; j < r.nreasons; j++)
			if (r.reasons[j].issues > r.reasons[best].issues)
				best = j;
		struct reason_count tmp = r.reasons[i];
		r.reasons[i] = r.reasons[best];
		r.reasons[best] = tmp;
		long row = cf_table_add_row(q->by_reason);
		if (row < 0 || cf_table_set_text(q->by_reason, (size_t)row, 0, r.reasons[i].reason) ||
		    cf_table_set_text(q->by_reason, (size_t)row, 1, quality_is_note(r.reasons[i].reason) ? "note" : "problem")) {
			rc = cf_error_set(err, CF_EIO, "out of memory");
			break;
		}
		cf_table_set_int(q->by_reason, (size_t)row, 2, r.reasons[i].issues);
		cf_table_set_int(q->by_reason, (size_t)row, 3, r.reasons[i].returns);
	}
	if (rc)
		quality_release(q);
	return rc;
}

void quality_release(struct quality *q)
{
	cf_table_free(q->groups);
	cf_table_free(q->by_reason);
	q->groups = q->by_reason = NULL;
}
