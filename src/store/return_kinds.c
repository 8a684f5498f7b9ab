/* The names the store keeps for each kind of return. */
#include "store/return_kinds.h"

#include <string.h>

#include "formats/local_csv.h"
#include "formats/ssda903.h"

/* Loaders name an SSDA903 table's or a local extract's kind by its place in
 * the format's own list (RETURN_SSDA903_HEADER + t) */
_Static_assert(RETURN_SSDA903_SOCIAL_WORKER_EPISODES - RETURN_SSDA903_HEADER + 1 == S903_NTABLES,
	       "one SSDA903 kind per table, in formats/ssda903.h's order");
_Static_assert(RETURN_LOCAL_OFSTED_PROVIDERS - RETURN_LOCAL_CONTACTS + 1 == LOCAL_NKINDS,
	       "one local kind per layout, in formats/local_csv.h's order");

static const char *const names[RETURN_KIND_N] = {
	[RETURN_UNKNOWN] = "",
	[RETURN_SSDA903_HEADER] = "ssda903.header",
	[RETURN_SSDA903_EPISODES] = "ssda903.episodes",
	[RETURN_SSDA903_REVIEWS] = "ssda903.reviews",
	[RETURN_SSDA903_UASC] = "ssda903.uasc",
	[RETURN_SSDA903_OC2] = "ssda903.oc2",
	[RETURN_SSDA903_OC3] = "ssda903.oc3",
	[RETURN_SSDA903_AD1] = "ssda903.ad1",
	[RETURN_SSDA903_PLACED_FOR_ADOPTION] = "ssda903.placed_for_adoption",
	[RETURN_SSDA903_PREVIOUS_PERMANENCE] = "ssda903.previous_permanence",
	[RETURN_SSDA903_MISSING] = "ssda903.missing",
	[RETURN_SSDA903_SOCIAL_WORKER_EPISODES] = "ssda903.social_worker_episodes",
	[RETURN_SSDA903_XML] = "ssda903.xml",
	[RETURN_SSDA903_XLSX] = "ssda903.xlsx",
	[RETURN_CIN_CENSUS] = "cin.census",
	[RETURN_ANNEXA_XLSX] = "annexa.xlsx",
	[RETURN_ANNEXA_CSV] = "annexa.csv",
	[RETURN_CSWW_CENSUS] = "csww.census",
	[RETURN_LOCAL_CONTACTS] = "local.contacts",
	[RETURN_LOCAL_EARLY_HELP] = "local.early_help",
	[RETURN_LOCAL_LOCALITIES] = "local.localities",
	[RETURN_LOCAL_CHILD_AREAS] = "local.child_areas",
	[RETURN_LOCAL_POPULATION] = "local.population",
	[RETURN_LOCAL_PLACEMENT_COSTS] = "local.placement_costs",
	[RETURN_LOCAL_BUDGETS] = "local.budgets",
	[RETURN_LOCAL_LEDGER] = "local.ledger",
	[RETURN_LOCAL_FOSTER_HOUSEHOLDS] = "local.foster_households",
	[RETURN_LOCAL_HOMES] = "local.homes",
	[RETURN_LOCAL_FAMILY_MEMBERS] = "local.family_members",
	[RETURN_LOCAL_ALLOCATIONS] = "local.allocations",
	[RETURN_LOCAL_PARTNER_RECORDS] = "local.partner_records",
	[RETURN_LOCAL_FAMILY_PLANS] = "local.family_plans",
	[RETURN_LOCAL_AUDITS] = "local.audits",
	[RETURN_LOCAL_SF_CLAIMS] = "local.sf_claims",
	[RETURN_LOCAL_OFSTED_PROVIDERS] = "local.ofsted_providers",
	[RETURN_DFE_PUBLISHED] = "dfe.published",
	[RETURN_DFE_SN_GROUPS] = "dfe.sn_groups",
	[RETURN_ONS_LA_LOOKUP] = "ons.la_lookup",
	[RETURN_IMD_LOOKUP] = "mhclg.imd",
	[RETURN_ONS_POPULATION_PROJECTION] = "ons.population_projection",
	[RETURN_ONS_POSTCODES] = "ons.postcode_directory",
	[RETURN_PROGRAMME] = "programme",
	[RETURN_SSD] = "ssd",
};

const char *return_kind_name(enum return_kind k)
{
	return k >= 0 && k < RETURN_KIND_N ? names[k] : "";
}

enum return_kind return_kind_parse(const char *text)
{
	if (!text || !*text)
		return RETURN_UNKNOWN;
	/* a programme's kind carries its sheet and the programme's name */
	if (!strncmp(text, "programme.", 10))
		return RETURN_PROGRAMME;
	for (int k = RETURN_UNKNOWN + 1; k < RETURN_KIND_N; k++)
		if (k != RETURN_PROGRAMME && !strcmp(text, names[k]))
			return (enum return_kind)k;
	return RETURN_UNKNOWN;
}

int return_kind_is_ssda903(enum return_kind k)
{
	return k >= RETURN_SSDA903_HEADER && k <= RETURN_SSDA903_XLSX;
}
