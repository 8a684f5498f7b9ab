/* The indicator table: stable ids, units, polarity and definitions. The
 * definitions here are the ones docs/definitions.md states in full. */
#include "indicators/kpi.h"

#include <string.h>

const char *const kpi_unit_names[4] = { "count", "percent", "per_10k", "cases_per_fte" };

#define C KPI_UNIT_COUNT
#define P KPI_UNIT_PERCENT
#define R KPI_UNIT_PER_10K
#define N KPI_F_NUM_CHILDREN
#define D KPI_F_DEN_CHILDREN
#define ND (KPI_F_NUM_CHILDREN | KPI_F_DEN_CHILDREN)
#define POP (KPI_F_NUM_CHILDREN | KPI_F_POPULATION)
#define HI KPI_HIGHER_BETTER
#define LO KPI_LOWER_BETTER
#define NE KPI_NEUTRAL
enum { FAM_NONE, FAM_ENTRY_AGE, FAM_MIX, FAM_CPP_DURATION };

const struct kpi_def kpi_defs[K_N] = {
	[K_CONTACTS] = { "contacts", "Contacts", C, NE, N, 0, "contacts received in the period" },
	[K_REFERRALS] = { "referrals", "Referrals", C, NE, N, 0, "referrals (CIN episodes) starting in the period" },
	[K_ASSESSMENTS] = { "assessments", "Assessments", C, NE, N, 0,
			    "assessments completed (authorised) in the period, as DfE publishes them" },
	[K_S47] = { "s47", "Section 47 enquiries", C, NE, N, 0, "section 47 enquiries started in the period" },
	[K_ICPC] = { "icpc", "Initial conferences", C, NE, N, 0,
		     "initial child protection conferences held in the period, after a section 47 or recorded on the CIN episode (one per child and date)" },
	[K_CPP_STARTED] = { "cpp_started", "CP plans started", C, NE, N, 0, "child protection plans starting in the period" },
	[K_CLA_STARTED] = { "cla_started", "Started to be looked after", C, NE, N, 0,
			    "children starting a period of care in the period (once each)" },
	[K_CLA_CEASED] = { "cla_ceased", "Ceased to be looked after", C, NE, N, 0,
			   "children whose period of care ended in the period (once each)" },

	[K_CONTACT_TO_REFERRAL] = { "contact_to_referral", "Contacts to referrals", P, NE, ND, 0,
				    "referrals in the period ÷ contacts in the period" },
	[K_REFERRAL_TO_ASSESSMENT] = { "referral_to_assessment", "Referrals to assessments", P, NE, ND, 0,
				       "assessments completed ÷ referrals, both in the period" },
	[K_ASSESSMENT_TO_S47] = { "assessment_to_s47", "Assessments to s47", P, NE, ND, 0,
				  "section 47 enquiries started ÷ assessments completed, both in the period" },
	[K_S47_TO_ICPC] = { "s47_to_icpc", "S47 to conferences", P, NE, ND, 0,
			    "ICPCs held ÷ section 47 enquiries started, both in the period" },
	[K_ICPC_TO_CPP] = { "icpc_to_cpp", "Conferences to CP plans", P, NE, ND, 0,
			    "CP plans started ÷ ICPCs held, both in the period" },
	[K_REFERRAL_NFA] = { "referral_nfa", "Referrals with no further action", P, NE, ND, 0,
			     "referrals in the period recorded as no further action ÷ referrals in the period" },

	[K_REREFERRAL_12M] = { "rereferral_12m", "Re-referrals within 12 months", P, LO, ND, 0,
			       "referrals in the period within 12 months of the child's previous referral ÷ referrals in the period" },
	[K_ASSESSMENT_45WD] = { "assessment_45wd", "Assessments within 45 working days", P, HI, ND, 0,
				"assessments authorised in the period within 45 working days of their start ÷ assessments authorised in the period" },
	[K_ICPC_15WD] = { "icpc_15wd", "ICPCs within 15 working days", P, HI, ND, 0,
			  "ICPCs in the period within 15 working days of the start of the section 47 they followed ÷ ICPCs in the period that followed a section 47" },
	[K_CPP_SUBSEQUENT] = { "cpp_subsequent", "Second or subsequent CP plans", P, LO, ND, 0,
			       "CP plans starting in the period for a child with an earlier plan (ever) ÷ CP plans starting in the period" },
	[K_CPP_2YR_ENDED] = { "cpp_2yr_ended", "CP plans ending after 2+ years", P, LO, ND, 0,
			      "CP plans ending in the period that lasted 2 years or more ÷ CP plans ending in the period" },
	[K_CPP_OPEN_1YR] = { "cpp_open_1yr", "CP plans open over a year", P, LO, ND, 0,
			     "CP plans open at period end that started more than a year before it ÷ CP plans open at period end" },
	[K_CPP_OPEN_3M] = { "cpp_open_3m_or_less", "CP plans open 3 months or less", P, NE, ND, FAM_CPP_DURATION,
			    "CP plans open at period end for 3 months or less ÷ CP plans open at period end" },
	[K_CPP_OPEN_3_6M] = { "cpp_open_3_6m", "CP plans open 3-6 months", P, NE, ND, FAM_CPP_DURATION,
			      "CP plans open at period end for more than 3 months and up to 6 ÷ CP plans open at period end" },
	[K_CPP_OPEN_6_12M] = { "cpp_open_6_12m", "CP plans open 6-12 months", P, NE, ND, FAM_CPP_DURATION,
			       "CP plans open at period end for more than 6 months and less than a year ÷ CP plans open at period end" },
	[K_CPP_OPEN_1_2Y] = { "cpp_open_1_2y", "CP plans open 1-2 years", P, NE, ND, FAM_CPP_DURATION,
			      "CP plans open at period end for 1 year or more and less than 2 ÷ CP plans open at period end" },
	[K_CPP_OPEN_2Y] = { "cpp_open_2y_plus", "CP plans open 2+ years", P, LO, ND, FAM_CPP_DURATION,
			    "CP plans open at period end for 2 years or more ÷ CP plans open at period end" },
	[K_CIN_OPEN_1YR] = { "cin_open_1yr", "CIN episodes open over a year", P, LO, ND, 0,
			     "CIN episodes open at period end that started more than a year before it ÷ CIN episodes open at period end" },
	[K_ICO_26WK] = { "ico_26wk", "Interim care orders over 26 weeks", P, LO, ND, 0,
			 "children looked after at period end on an interim care order (C1) held continuously for more than 26 weeks ÷ children on an interim care order at period end" },

	[K_CIN_RATE] = { "cin_rate_10k", "Children in need per 10,000", R, NE, POP, 0,
			 "children with a CIN episode open at period end ÷ children aged 0-17 × 10,000" },
	[K_CPP_RATE] = { "cpp_rate_10k", "CP plans per 10,000", R, NE, POP, 0,
			 "children on a CP plan at period end ÷ children aged 0-17 × 10,000" },
	[K_CLA_RATE] = { "cla_rate_10k", "Looked after per 10,000", R, LO, POP, 0,
			 "children looked after at period end ÷ children aged 0-17 × 10,000" },
	[K_CLA_STARTED_RATE] = { "cla_started_rate_10k", "Starts per 10,000", R, NE, POP, 0,
				 "children starting to be looked after in the period ÷ children aged 0-17 × 10,000" },
	[K_CLA_CEASED_RATE] = { "cla_ceased_rate_10k", "Ceased per 10,000", R, NE, POP, 0,
				"children ceasing to be looked after in the period ÷ children aged 0-17 × 10,000" },

	[K_CLA_31MAR] = { "cla_31mar", "Children looked after", C, LO, N, 0, "children looked after at period end" },
	[K_ENTRY_UNDER1] = { "cla_entry_age_under1", "Entry age under 1", P, NE, ND, FAM_ENTRY_AGE,
			     "starters aged under 1 at entry ÷ starters aged 0-17 at entry" },
	[K_ENTRY_1_4] = { "cla_entry_age_1_4", "Entry age 1-4", P, NE, ND, FAM_ENTRY_AGE,
			  "starters aged 1-4 at entry ÷ starters aged 0-17 at entry" },
	[K_ENTRY_5_9] = { "cla_entry_age_5_9", "Entry age 5-9", P, NE, ND, FAM_ENTRY_AGE,
			  "starters aged 5-9 at entry ÷ starters aged 0-17 at entry" },
	[K_ENTRY_10_15] = { "cla_entry_age_10_15", "Entry age 10-15", P, NE, ND, FAM_ENTRY_AGE,
			    "starters aged 10-15 at entry ÷ starters aged 0-17 at entry" },
	[K_ENTRY_16_17] = { "cla_entry_age_16_17", "Entry age 16-17", P, NE, ND, FAM_ENTRY_AGE,
			    "starters aged 16-17 at entry ÷ starters aged 0-17 at entry" },
	[K_PLACEMENT_3PLUS] = { "placement_3plus", "3+ placements in the year", P, LO, ND, 0,
				"children looked after at period end with 3 or more placements during the period ÷ children looked after at period end" },
	[K_PLACEMENT_LONG_TERM] = { "placement_long_term", "Long-term placement stability", P, HI, ND, 0,
				    "children under 16 at period end looked after continuously for 2.5 years or more who have lived with the same carer for 2 years or more (or are placed for adoption and, with the placement before, have for 2 years) ÷ those children" },
	[K_PLACED_20MI] = { "placed_20mi", "Placed over 20 miles from home", P, LO, ND | KPI_F_CENTROIDS, 0,
			    "children looked after at period end placed more than 20 miles (straight line between sector centroids) from home ÷ those with both sectors known" },
	[K_PLACED_OUTSIDE_LA] = { "placed_outside_la", "Placed outside the LA", P, LO, ND | KPI_F_CENTROIDS, 0,
				  "children looked after at period end placed in a sector outside the LA's localities ÷ those with a placement sector known" },
	[K_MIX_FOSTER] = { "placement_mix_foster", "Foster placements", P, NE, ND, FAM_MIX,
			   "children looked after at period end in foster placements (U1-U6) ÷ children looked after at period end" },
	[K_MIX_RESIDENTIAL] = { "placement_mix_residential", "Residential placements", P, NE, ND, FAM_MIX,
				"in residential settings (K1, K2, R1-R5, S1, P3) ÷ children looked after at period end" },
	[K_MIX_ADOPTION] = { "placement_mix_placed_for_adoption", "Placed for adoption", P, NE, ND, FAM_MIX,
			     "placed for adoption (A3-A6) ÷ children looked after at period end" },
	[K_MIX_PARENTS] = { "placement_mix_placed_with_parents", "Placed with parents", P, NE, ND, FAM_MIX,
			    "placed with parents (P1) ÷ children looked after at period end" },
	[K_MIX_INDEPENDENT] = { "placement_mix_independent", "Independent / supported living", P, NE, ND, FAM_MIX,
				"independent or semi-independent living (H5, P2, K3) ÷ children looked after at period end" },
	[K_MIX_OTHER] = { "placement_mix_other", "Other placements", P, NE, ND, FAM_MIX,
			  "temporary and other placements (T0-T4, Z1, other codes) ÷ children looked after at period end" },
	[K_MIX_INHOUSE] = { "placement_mix_inhouse", "In-house provision", P, HI, ND, 0,
			    "placements provided by the LA itself (PR1) ÷ children looked after at period end" },
	[K_MIX_EXTERNAL] = { "placement_mix_external", "External provision", P, LO, ND, 0,
			     "placements provided by another LA, public, private or voluntary body (PR2-PR5) ÷ children looked after at period end" },
	[K_MISSING_CLA] = { "missing_cla", "Looked after children missing", P, LO, ND, 0,
			    "children looked after during the period with 1 or more missing incidents starting in it ÷ children looked after during the period" },
	[K_AWAY_CLA] = { "away_cla", "Away without authorisation", P, LO, ND, 0,
			 "children looked after during the period with 1 or more incidents of being away without authorisation starting in it ÷ children looked after during the period" },
	[K_CARE_LEAVERS_EET] = { "care_leavers_eet_19_21", "Care leavers 19-21 in EET", P, HI, ND, 0,
				 "care leavers aged 19-21 in education, employment or training (OC3 activity F*/P*) ÷ care leavers aged 19-21 the LA is in touch with or should be (all but died, returned home, no longer required)" },

	[K_SW_CASELOAD] = { "sw_caseload", "Social worker caseload", KPI_UNIT_CASES_PER_FTE, LO, KPI_F_LA_ONLY, 0,
			    "cases held ÷ FTE of case-holding social workers, at the latest census (30 September) in the year to period end" },
	[K_SW_AGENCY_RATE] = { "sw_agency_rate", "Agency social workers", P, LO, KPI_F_LA_ONLY, 0,
			       "agency FTE ÷ (agency FTE + employed FTE in post) at the census" },
	[K_SW_TURNOVER] = { "sw_turnover", "Social worker turnover", P, LO, KPI_F_LA_ONLY, 0,
			    "FTE of employed leavers in the 12 months to the census ÷ employed FTE in post" },
	[K_SW_VACANCY] = { "sw_vacancy", "Social worker vacancies", P, LO, KPI_F_LA_ONLY, 0,
			   "vacancies FTE ÷ (vacancies FTE + employed FTE in post) at the census" },

	[K_FAMILIES_ONE_PLAN] = { "families_one_plan", "One family, one worker, one plan", P, HI, ND, 0,
				  "families current at period end with exactly one plan open, its lead practitioner named, and one worker allocated to the family or its children ÷ families current at period end (a member, plan or allocation open that day)" },
	[K_AUDITS_GOOD] = { "audits_good_or_better", "Audits good or better", P, HI, ND, 0,
			    "case audits in the period graded good or outstanding ÷ case audits in the period" },
	[K_CP_REVIEWS_ON_TIME] = { "cp_reviews_on_time", "CP reviews on time", P, HI, ND, 0,
				   "child protection reviews falling due in the period (the first 3 months after the plan's start, then 6 months after the last) held on or before the day due ÷ reviews falling due in the period while the plan was open" },
	[K_VISITS_ON_TIME] = { "visits_on_time", "Visits within timescale", P, HI, ND, 0,
			       "children open on an Annex A extract describing a day in the period (each extract once, under List 8 looked after, else List 7 child protection, else List 6 in need) last visited (or, not yet visited, started) within 6 weeks, 10 working days or 20 working days of that day ÷ those children" },
};

int kpi_find(const char *id)
{
	for (int i = 0; i < K_N; i++)
		if (strcmp(kpi_defs[i].id, id) == 0)
			return i;
	return -1;
}
