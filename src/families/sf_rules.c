/* Troubled Families 2015-20 and Supporting Families 2022-25 as data
 * (DOMAIN.md §6; docs/families.md lists each measure). */
#include "families/sf_rules.h"

static const char *const tf_needs[] = { "crime or anti-social behaviour", "school attendance",
					"children who need help", "worklessness or financial exclusion",
					"domestic abuse", "health" };
static const struct sf_measure tf_measures[] = {
	{ "crime", SF_EVENT, 0, 0 },                  { "anti-social behaviour", SF_EVENT, 0, 0 },
	{ "attendance %", SF_BELOW, 90, 1 },          { "exclusion", SF_EVENT, 0, 1 },
	{ "child in need", SF_FLAG, 0, 2 },           { "out of work", SF_FLAG, 0, 3 },
	{ "debt", SF_FLAG, 0, 3 },                    { "neet", SF_FLAG, 0, 3 },
	{ "domestic abuse incident", SF_EVENT, 0, 4 }, { "mental health", SF_FLAG, 0, 5 },
	{ "substance misuse", SF_FLAG, 0, 5 },
};

static const char *const sf_needs[] = { "education", "early years", "health", "substance use",
					"family relationships", "safe from abuse and exploitation", "crime",
					"domestic abuse", "housing", "financial stability" };
static const struct sf_measure sf_measures[] = {
	{ "attendance %", SF_BELOW, 90, 0 },           { "exclusion", SF_EVENT, 0, 0 },
	{ "neet", SF_FLAG, 0, 0 },                     { "early years development", SF_FLAG, 0, 1 },
	{ "mental health", SF_FLAG, 0, 2 },            { "substance misuse", SF_FLAG, 0, 3 },
	{ "family relationships", SF_FLAG, 0, 4 },     { "exploitation", SF_EVENT, 0, 5 },
	{ "child in need", SF_FLAG, 0, 5 },            { "crime", SF_EVENT, 0, 6 },
	{ "anti-social behaviour", SF_EVENT, 0, 6 },   { "domestic abuse incident", SF_EVENT, 0, 7 },
	{ "housing risk", SF_FLAG, 0, 8 },             { "out of work", SF_FLAG, 0, 9 },
	{ "debt", SF_FLAG, 0, 9 },
};

#define N(a) ((int)(sizeof a / sizeof a[0]))

const struct sf_phase sf_phases[] = {
	{ "tf2015", "Troubled Families 2015-20", 20150401, 20200331, N(tf_needs), tf_needs,
	  N(tf_measures), tf_measures, 2, 0, 3, 6, 12 },
	{ "sf2022", "Supporting Families 2022-25", 20220401, 20250331, N(sf_needs), sf_needs, N(sf_measures), sf_measures, 3, 1, -1,
	  6, 12 },
};
const int sf_nphases = N(sf_phases);
