/* The published counterpart of each caseflow indicator. Breakdowns are the
 * filter values of the DfE table joined by '|', as ingest stores them. */
#include "indicators/indicator_map.h"

#include <string.h>

#define CLA "cla_number_and_rate_per_10k_children"
#define CLA_AT31 "Children looked after on 31 March each year"
#define CLA_START "Children starting to be looked after each year"
#define CLA_CEASE "Children ceasing to be looked after each year"
#define CIN "b1_children_in_need"
#define REF "c1_children_in_need_referrals_and_rereferrals"
#define CPP_SUB "d3_cpps_subsequent_plan"
#define CPP_DUR "d5_cpps_at31march_by_duration"
#define CPP_DUR_B "Child Protection Plans by length of time"
#define STAB "la_cla_placement_stability"
#define NEWPL "la_cla_during_year_new_placements"
#define NEWPL_B "Location of new placements during the year|"
#define LEAVERS "la_care_leavers_activity"
#define ACCOM "la_care_leavers_accommodation_suitability"
#define CSWW "csww_indicators"
#define SWCOUNT "la_cla_swcount"
#define POP "ons_mid-year_population_estimates"
#define POP_B "Children aged 0 to 17 years"

#define T(src, m, b) { src, m, b, 1 }
#define MINUS(src, m, b) { src, m, b, -1 }

const struct pub_term indicator_population_term = T(POP, "population_estimate", POP_B);

const struct indicator_map_entry indicator_map[] = {
	{ "cla_31mar", "Children looked after at 31 March", UNIT_COUNT, POL_LOWER_BETTER, DERIVE_PUBLISHED,
	  { T(CLA, "children_count", CLA_AT31) }, { { 0 } },
	  "Same definition. Lower is treated as better, as reduction programmes do; DfE does not judge it.", REF_31MAR },
	{ "cla_rate_10k", "Children looked after per 10,000 aged 0-17", UNIT_PER_10K, POL_LOWER_BETTER, DERIVE_PUBLISHED,
	  { T(CLA, "rate_per_10000", CLA_AT31) }, { { 0 } },
	  "DfE rounds the rate to a whole number and divides by the ONS mid-year estimate of the previous "
	  "calendar year (mid-2024 for 31 March 2025); caseflow keeps one decimal place.", REF_31MAR },
	{ "cla_started", "Children starting to be looked after in the year", UNIT_COUNT, POL_LOWER_BETTER,
	  DERIVE_PUBLISHED, { T(CLA, "children_count", CLA_START) }, { { 0 } },
	  "DfE counts children, once each, who started a period of care in the year to 31 March.", REF_31MAR },
	{ "cla_started_rate_10k", "Children starting to be looked after per 10,000", UNIT_PER_10K, POL_LOWER_BETTER,
	  DERIVE_PUBLISHED, { T(CLA, "rate_per_10000", CLA_START) }, { { 0 } },
	  "Whole-number rate on the previous mid-year population, as cla_rate_10k.", REF_31MAR },
	{ "cla_ceased", "Children ceasing to be looked after in the year", UNIT_COUNT, POL_NONE, DERIVE_PUBLISHED,
	  { T(CLA, "children_count", CLA_CEASE) }, { { 0 } }, "Children, once each, whose last period of care ended in the year.", REF_31MAR },
	{ "cla_ceased_rate_10k", "Children ceasing to be looked after per 10,000", UNIT_PER_10K, POL_NONE,
	  DERIVE_PUBLISHED, { T(CLA, "rate_per_10000", CLA_CEASE) }, { { 0 } }, "Whole-number rate, as cla_rate_10k.", REF_31MAR },
	{ "cin_31mar", "Children in need at 31 March", UNIT_COUNT, POL_NONE, DERIVE_PUBLISHED,
	  { T(CIN, "At31_episodes", "Children in Need") }, { { 0 } },
	  "DfE counts open CIN episodes at 31 March (a child has at most one open); includes children on CP "
	  "plans and looked after.", REF_31MAR },
	{ "cin_rate_10k", "Children in need per 10,000 aged 0-17", UNIT_PER_10K, POL_NONE, DERIVE_PER_10K,
	  { T(CIN, "At31_episodes", "Children in Need") }, { { 0 } },
	  "Derived by caseflow: the data/dfe table has counts only. Episodes open at 31 March divided by the "
	  "ONS 0-17 estimate of the previous mid-year, as DfE computes its published rate.", REF_31MAR },
	{ "referrals", "Referrals in the year", UNIT_COUNT, POL_NONE, DERIVE_PUBLISHED,
	  { T(REF, "referral_count", "Referrals and Re-referrals") }, { { 0 } },
	  "Referrals (not children) starting in the year to 31 March.", REF_31MAR },
	{ "referral_rate_10k", "Referrals per 10,000 aged 0-17", UNIT_PER_10K, POL_NONE, DERIVE_PER_10K,
	  { T(REF, "referral_count", "Referrals and Re-referrals") }, { { 0 } },
	  "Derived by caseflow from referral_count and the previous mid-year ONS estimate.", REF_31MAR },
	{ "rereferral_12m", "Re-referrals within 12 months (% of referrals)", UNIT_PERCENT, POL_LOWER_BETTER,
	  DERIVE_PUBLISHED, { T(REF, "rereferral_percent", "Referrals and Re-referrals") }, { { 0 } },
	  "Same definition: referrals within 12 months of a previous referral of the child / referrals.", REF_31MAR },
	{ "referral_nfa", "Referrals with no further action (%)", UNIT_PERCENT, POL_NONE, DERIVE_PUBLISHED,
	  { T(REF, "no_further_action_percent", "Referrals and Re-referrals") }, { { 0 } },
	  "DfE: referrals closed with no further action / referrals. Local recording of NFA varies widely.", REF_31MAR },
	{ "cpp_started", "Child protection plans starting in the year", UNIT_COUNT, POL_NONE, DERIVE_PUBLISHED,
	  { T(CPP_SUB, "CPP_start", "Child Protection Plans which are a second or subsequent plan") }, { { 0 } },
	  "Plans (not children) starting in the year.", REF_31MAR },
	{ "cpp_subsequent", "Second or subsequent CP plans (% of plans starting)", UNIT_PERCENT, POL_LOWER_BETTER,
	  DERIVE_PUBLISHED, { T(CPP_SUB, "CPP_subsequent_percent", "Child Protection Plans which are a second or subsequent plan") },
	  { { 0 } }, "Same definition: a previous plan at any time, in any LA, counts.", REF_31MAR },
	{ "cpp_31mar", "Child protection plans at 31 March", UNIT_COUNT, POL_NONE, DERIVE_PUBLISHED,
	  { T(CPP_DUR, "CPP_At31", CPP_DUR_B) }, { { 0 } }, "Plans open at 31 March.", REF_31MAR },
	{ "cpp_rate_10k", "Child protection plans per 10,000 aged 0-17", UNIT_PER_10K, POL_NONE, DERIVE_PER_10K,
	  { T(CPP_DUR, "CPP_At31", CPP_DUR_B) }, { { 0 } },
	  "Derived by caseflow from CPP_At31 and the previous mid-year ONS estimate.", REF_31MAR },
	{ "cpp_open_2yr", "CP plans open at 31 March for 2 years or more (%)", UNIT_PERCENT, POL_LOWER_BETTER,
	  DERIVE_PUBLISHED, { T(CPP_DUR, "2_years_or_more_percent", CPP_DUR_B) }, { { 0 } },
	  "Plans open at 31 March that had lasted 2+ years / plans open. NOT cpp_2yr_ended (plans ending in "
	  "the year that lasted 2+ years / plans ending), which DfE publishes in table D4, not in data/dfe.", REF_31MAR },
	{ "cpp_open_1yr", "CP plans open at 31 March for a year or more (%)", UNIT_PERCENT, POL_LOWER_BETTER,
	  DERIVE_PERCENT,
	  { T(CPP_DUR, "1_year_less_than_2_years", CPP_DUR_B), T(CPP_DUR, "2_years_or_more", CPP_DUR_B) },
	  { T(CPP_DUR, "CPP_At31", CPP_DUR_B) },
	  "Derived: (1 year to under 2 years + 2 years or more) / plans open at 31 March. DfE's band starts at "
	  "exactly one year; caseflow's cpp_open_1yr counts plans open for over a year.", REF_31MAR },
	{ "placement_3plus", "CLA with 3+ placements in the year (%)", UNIT_PERCENT, POL_LOWER_BETTER, DERIVE_PUBLISHED,
	  { T(STAB, "children_percent", "CLA on 31 March|With 3 or more placements during the year") }, { { 0 } },
	  "Same definition; DfE rounds to a whole percent.", REF_31MAR },
	{ "placement_long_term", "Long-term placement stability (%)", UNIT_PERCENT, POL_HIGHER_BETTER, DERIVE_PUBLISHED,
	  { T(STAB, "children_percent",
	      "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years|"
	      "Living with the same carer for at least 2 years") }, { { 0 } },
	  "Same definition; DfE rounds to a whole percent.", REF_31MAR },
	{ "placed_20mi", "New placements over 20 miles from home (%)", UNIT_PERCENT, POL_LOWER_BETTER, DERIVE_PERCENT,
	  { T(NEWPL, "children_count", NEWPL_B "Placed inside LA boundary more than 20 miles from home"),
	    T(NEWPL, "children_count", NEWPL_B "Placed outside LA boundary more than 20 miles from home") },
	  { T(NEWPL, "children_count", NEWPL_B "Total new placements"),
	    MINUS(NEWPL, "children_count", NEWPL_B "Distance not known or not recorded") },
	  "DfE publishes NEW PLACEMENTS DURING THE YEAR by distance; caseflow's placed_20mi is CLA at 31 March. "
	  "Derived: over 20 miles / new placements with the distance known.", REF_31MAR },
	{ "placed_outside_la", "New placements outside the LA boundary (%)", UNIT_PERCENT, POL_LOWER_BETTER,
	  DERIVE_PERCENT,
	  { T(NEWPL, "children_count", NEWPL_B "Placed outside LA boundary less than 20 miles from home"),
	    T(NEWPL, "children_count", NEWPL_B "Placed outside LA boundary more than 20 miles from home") },
	  { T(NEWPL, "children_count", NEWPL_B "Total new placements"),
	    MINUS(NEWPL, "children_count", NEWPL_B "Distance not known or not recorded") },
	  "As placed_20mi: new placements in the year, not CLA at 31 March.", REF_31MAR },
	{ "care_leavers_eet_19_21", "Care leavers aged 19-21 in education, employment or training (%)", UNIT_PERCENT,
	  POL_HIGHER_BETTER, DERIVE_PUBLISHED,
	  { T(LEAVERS, "care_leaver_percent", "19 to 21 years|Total in education, employment or training") }, { { 0 } },
	  "Same definition: the denominator is every care leaver of that age, in touch or not.", REF_31MAR },
	{ "care_leavers_suitable_19_21", "Care leavers aged 19-21 in suitable accommodation (%)", UNIT_PERCENT,
	  POL_HIGHER_BETTER, DERIVE_PUBLISHED,
	  { T(ACCOM, "care_leaver_percent", "19 to 21 years|Accommodation considered suitable") }, { { 0 } },
	  "DfE's denominator includes those with no information.", REF_31MAR },
	{ "sw_caseload", "Average caseload per case-holding social worker (FTE)", UNIT_PER_FTE, POL_LOWER_BETTER,
	  DERIVE_PUBLISHED, { T(CSWW, "caseload_fte", "Total") }, { { 0 } },
	  "Workforce census at 30 September: DfE's time_period 2025 is the census of 30 September 2025.", REF_30SEP },
	{ "sw_agency_rate", "Agency social workers (% of FTE)", UNIT_PERCENT, POL_LOWER_BETTER, DERIVE_PUBLISHED,
	  { T(CSWW, "agency_rate_fte", "Total") }, { { 0 } }, "Agency FTE / (agency + in post FTE), at 30 September.",
	  REF_30SEP },
	{ "sw_turnover", "Social worker turnover (% of FTE)", UNIT_PERCENT, POL_LOWER_BETTER, DERIVE_PUBLISHED,
	  { T(CSWW, "turnover_rate_fte", "Total") }, { { 0 } },
	  "Leavers FTE in the year to 30 September / FTE in post at 30 September.", REF_30SEP },
	{ "sw_vacancy", "Social worker vacancies (% of FTE)", UNIT_PERCENT, POL_LOWER_BETTER, DERIVE_PUBLISHED,
	  { T(CSWW, "vacancy_rate_fte", "Total") }, { { 0 } }, "Vacancies FTE / (vacancies + in post FTE).",
	  REF_30SEP },
	{ "cla_sw_changes_3plus", "CLA with 3+ social workers in the year (%)", UNIT_PERCENT, POL_LOWER_BETTER,
	  DERIVE_PUBLISHED, { T(SWCOUNT, "percentage", "CLA on 31 March|3 or more social workers during the year") },
	  { { 0 } }, "Published for 2024 only in data/dfe.", REF_31MAR },
	{ "population_0_17", "Children aged 0-17 (ONS mid-year estimate)", UNIT_COUNT, POL_NONE, DERIVE_PUBLISHED,
	  { T(POP, "population_estimate", POP_B) }, { { 0 } },
	  "time_period is the mid-year of the estimate (2024 = mid-2024), which DfE uses for rates at 31 March 2025.",
	  REF_30JUN },
};
const int indicator_map_count = (int)(sizeof indicator_map / sizeof indicator_map[0]);

int indicator_map_find(const char *id)
{
	for (int i = 0; i < indicator_map_count; i++)
		if (!strcmp(indicator_map[i].id, id))
			return i;
	return -1;
}

const char *ind_unit_name(enum ind_unit u)
{
	switch (u) {
	case UNIT_COUNT: return "count";
	case UNIT_PERCENT: return "percent";
	case UNIT_PER_10K: return "per_10k";
	case UNIT_PER_FTE: return "per_fte";
	}
	return "?";
}

const char *ind_polarity_name(enum ind_polarity p)
{
	switch (p) {
	case POL_LOWER_BETTER: return "lower_is_better";
	case POL_NONE: return "none";
	case POL_HIGHER_BETTER: return "higher_is_better";
	}
	return "?";
}

void indicator_ref_date(const struct indicator_map_entry *e, int time_period, int *year, int *month, int *day)
{
	switch (e->ref) {
	case REF_30SEP: *year = time_period, *month = 9, *day = 30; return;
	case REF_30JUN: *year = time_period, *month = 6, *day = 30; return;
	case REF_31MAR: break;
	}
	*year = time_period;
	*month = 3;
	*day = 31;
}
