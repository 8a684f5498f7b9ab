/* The journey query: one UNION over every table with a child's dated
 * records, the current version of each. */
#include "store/journey_events.h"

#include "store/store_int.h"

/* The current version of rows of tbl for ?1 where a table has no *_current
 * view: one per key, the latest collection year (then the later load). */
#define LATEST(tbl, key)                                                                        \
	"(SELECT * FROM (SELECT x.*, row_number() OVER (PARTITION BY " key                     \
	" ORDER BY r.collection_year DESC, x.return_id DESC) AS v FROM " tbl " x "            \
	"JOIN returns r ON r.id = x.return_id WHERE x.child = ?1) WHERE v = 1)"

/* Annex A rows of list n for ?1 with a date in column col, one per date:
 * the latest collection year's (then the later load), as column date. */
#define LATEST_AX(n, col)                                                                        \
	"(SELECT * FROM (SELECT x.*, json_extract(x.data, '$.\"" col "\"') AS date, row_number() OVER ("    \
	"PARTITION BY json_extract(x.data, '$.\"" col "\"') ORDER BY r.collection_year DESC, x.return_id DESC) AS v " \
	"FROM annexa_rows x JOIN returns r ON r.id = x.return_id WHERE x.child = ?1 AND x.list = " #n ") WHERE v = 1)"

/* Each arm: date, order within a day (the journey's own order), event,
 * detail, return_id, row. Details never carry names or full postcodes. */
static const char journey_sql[] =
	"SELECT e.date, e.event, e.detail, r.kind, r.path, e.row FROM ("
	/* the front door */
	"SELECT contact_date AS date, 1 AS ord, 'contact' AS event, "
	"  trim(ifnull('source ' || source, '') || ifnull('; outcome ' || outcome, ''), '; ') AS detail, return_id, row "
	"  FROM contacts_current WHERE child = ?1 "
	"UNION ALL SELECT start_date, 2, 'early_help_start', ifnull('family ' || family_id, ''), return_id, row "
	"  FROM early_help_current WHERE child = ?1 "
	"UNION ALL SELECT end_date, 18, 'early_help_end', ifnull('outcome ' || outcome, ''), return_id, row "
	"  FROM early_help_current WHERE child = ?1 AND end_date IS NOT NULL "
	/* children in need */
	"UNION ALL SELECT referral_date, 3, 'referral', "
	"  trim(ifnull('source ' || referral_source, '') || ifnull('; primary need ' || primary_need, '') || "
	"       CASE referral_nfa WHEN 1 THEN '; no further action' ELSE '' END, '; '), return_id, row "
	"  FROM cin_referrals_current WHERE child = ?1 "
	"UNION ALL SELECT closure_date, 17, 'cin_closed', ifnull('reason ' || closure_reason, ''), return_id, row "
	"  FROM cin_referrals_current WHERE child = ?1 AND closure_date IS NOT NULL "
	"UNION ALL SELECT c.icpc_date, 6, 'icpc', 'initial child protection conference', c.return_id, c.row "
	"  FROM cin_referrals_current c WHERE c.child = ?1 AND c.icpc_date IS NOT NULL "
	"  AND NOT EXISTS (SELECT 1 FROM s47_enquiries_current s WHERE s.child = ?1 AND s.icpc_date = c.icpc_date) "
	"UNION ALL SELECT start_date, 4, 'assessment_start', '', return_id, row FROM assessments_current WHERE child = ?1 "
	"UNION ALL SELECT authorised_date, 13, 'assessment_authorised', ifnull('factors ' || nullif(factors, ''), ''), "
	"  return_id, row FROM assessments_current WHERE child = ?1 AND authorised_date IS NOT NULL "
	"UNION ALL SELECT start_date, 8, 'cin_plan_start', '', return_id, row FROM cin_plans_current WHERE child = ?1 "
	"UNION ALL SELECT end_date, 14, 'cin_plan_end', '', return_id, row FROM cin_plans_current "
	"  WHERE child = ?1 AND end_date IS NOT NULL "
	"UNION ALL SELECT start_date, 5, 's47_start', "
	"  CASE icpc_not_required WHEN 1 THEN 'conference not required' ELSE ifnull('conference due ' || icpc_target_date, '') END, "
	"  return_id, row FROM s47_enquiries_current WHERE child = ?1 "
	"UNION ALL SELECT icpc_date, 6, 'icpc', ifnull('after section 47 of ' || start_date, ''), return_id, row "
	"  FROM s47_enquiries_current WHERE child = ?1 AND icpc_date IS NOT NULL "
	"UNION ALL SELECT start_date, 7, 'cp_plan_start', "
	"  trim(ifnull('category ' || initial_category, '') || ifnull('; previous plans ' || previous_plans, ''), '; '), "
	"  return_id, row FROM cp_plans_current WHERE child = ?1 "
	"UNION ALL SELECT end_date, 15, 'cp_plan_end', ifnull('latest category ' || latest_category, ''), return_id, row "
	"  FROM cp_plans_current WHERE child = ?1 AND end_date IS NOT NULL "
	"UNION ALL SELECT review_date, 10, 'cp_review', ifnull('plan of ' || plan_start_date, ''), return_id, row "
	"  FROM " LATEST("cp_reviews", "x.plan_start_date, x.review_date") " "
	/* looked after */
	"UNION ALL SELECT decom, 9, CASE rne WHEN 'S' THEN 'cla_start' WHEN 'P' THEN 'placement_change' "
	"  WHEN 'L' THEN 'legal_status_change' ELSE 'placement_and_legal_status_change' END, "
	"  trim(ifnull('legal status ' || ls, '') || ifnull('; placement ' || place, '') || "
	"       ifnull('; provider ' || place_provider, '') || ifnull('; need ' || cin, ''), '; '), return_id, row "
	"  FROM episodes WHERE child = ?1 "
	"UNION ALL SELECT dec, 16, 'cla_end', ifnull('reason ' || rec, ''), return_id, row "
	"  FROM episodes WHERE child = ?1 AND dec IS NOT NULL AND ifnull(rec, '') <> 'X1' "
	"UNION ALL SELECT review, 10, 'cla_review', ifnull('participation ' || review_code, ''), return_id, row "
	"  FROM " LATEST("ssda903_reviews", "x.review") " "
	"UNION ALL SELECT mis_start, 11, CASE missing WHEN 'A' THEN 'away_without_authorisation' ELSE 'missing' END, "
	"  ifnull('until ' || mis_end, 'not yet returned'), return_id, row "
	"  FROM " LATEST("ssda903_missing", "x.mis_start") " "
	/* Annex A lists with no shared table (8 looked after, 10 adoption) */
	/* each year's workbook lists a child in care again: one event per date (the
	 * latest workbook's), and none where the 903 holds the same start or end */
	"UNION ALL SELECT date, 9, 'cla_start', "
	"  trim(ifnull('legal status ' || json_extract(data, '$.\"Child''s Legal Status\"'), '') || "
	"       ifnull('; placement ' || json_extract(data, '$.\"Placement Type\"'), ''), '; '), return_id, row "
	"  FROM " LATEST_AX(8, "Date Started to be Looked After") " a "
	"  WHERE NOT EXISTS (SELECT 1 FROM episodes e WHERE e.child = ?1 AND e.decom = a.date) "
	"UNION ALL SELECT date, 16, 'cla_end', "
	"  ifnull('reason ' || json_extract(data, '$.\"Reason Ceased to be Looked After\"'), ''), return_id, row "
	"  FROM " LATEST_AX(8, "Date Ceased to be Looked After") " a "
	"  WHERE NOT EXISTS (SELECT 1 FROM episodes e WHERE e.child = ?1 AND e.dec = a.date) "
	"UNION ALL SELECT date, 9, 'placed_for_adoption', '', return_id, row "
	"  FROM " LATEST_AX(10, "Date Placed for Adoption") " "
	"UNION ALL SELECT date, 16, 'adoption_order', '', return_id, row "
	"  FROM " LATEST_AX(10, "Date of Adoption Order") " "
	/* where the child lives: sectors and wards only */
	"UNION ALL SELECT a.from_date, 12, 'home_area', 'area ' || a.area || ifnull('; locality ' || "
	"  (SELECT m.locality FROM localities m WHERE m.area = a.area ORDER BY m.return_id DESC LIMIT 1), ''), "
	"  a.return_id, a.row FROM child_areas a WHERE a.child = ?1 AND a.from_date IS NOT NULL "
	") e JOIN returns r ON r.id = e.return_id "
	"WHERE e.date IS NOT NULL ORDER BY e.date, e.ord, r.id, e.row";

int journey_events_known_child(struct store *st, const char *child, int *known, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st,
			       "SELECT EXISTS (SELECT 1 FROM children WHERE child = ?1) "
			       "OR EXISTS (SELECT 1 FROM cin_children WHERE child = ?1) "
			       "OR EXISTS (SELECT 1 FROM annexa_rows WHERE child = ?1)",
			       &s, err);
	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, child, -1, SQLITE_STATIC);
	*known = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return CF_OK;
}

static const char *text_or_empty(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
	return v ? v : "";
}

int journey_events_each(struct store *st, const char *child,
			int (*fn)(void *ctx, const struct journey_event *e, struct cf_error *err), void *ctx,
			struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, journey_sql, &s, err);
	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, child, -1, SQLITE_STATIC);
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct journey_event e = { text_or_empty(s, 0), text_or_empty(s, 1), text_or_empty(s, 2),
					   text_or_empty(s, 3), text_or_empty(s, 4), sqlite3_column_int64(s, 5) };
		if ((rc = fn(ctx, &e, err))) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? CF_OK : store_error(st, err, "reading the child's journey");
}
