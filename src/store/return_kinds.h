/* What a return is: the kind each loaded file is registered under, as an
 * enum, with the text the store keeps for it ("ssda903.episodes",
 * "cin.census" ...). Code decides by the enum, never by comparing text. */
#ifndef CF_STORE_RETURN_KINDS_H
#define CF_STORE_RETURN_KINDS_H

enum return_kind {
	RETURN_UNKNOWN,              /* text no loader writes */
	/* one CSV table of an SSDA903 return, in formats/ssda903.h's table order */
	RETURN_SSDA903_HEADER,
	RETURN_SSDA903_EPISODES,
	RETURN_SSDA903_REVIEWS,
	RETURN_SSDA903_UASC,
	RETURN_SSDA903_OC2,
	RETURN_SSDA903_OC3,
	RETURN_SSDA903_AD1,
	RETURN_SSDA903_PLACED_FOR_ADOPTION,
	RETURN_SSDA903_PREVIOUS_PERMANENCE,
	RETURN_SSDA903_MISSING,
	RETURN_SSDA903_SOCIAL_WORKER_EPISODES,
	RETURN_SSDA903_XML,          /* a whole SSDA903 return as XML */
	RETURN_SSDA903_XLSX,         /* a whole SSDA903 return as one workbook, a sheet per table */
	RETURN_CIN_CENSUS,
	RETURN_ANNEXA_XLSX,
	RETURN_ANNEXA_CSV,
	RETURN_CSWW_CENSUS,          /* children's social work workforce census */
	/* local extracts, in formats/local_csv.h's order */
	RETURN_LOCAL_CONTACTS,
	RETURN_LOCAL_EARLY_HELP,
	RETURN_LOCAL_LOCALITIES,
	RETURN_LOCAL_CHILD_AREAS,
	RETURN_LOCAL_POPULATION,
	RETURN_LOCAL_PLACEMENT_COSTS,
	RETURN_LOCAL_BUDGETS,
	RETURN_LOCAL_LEDGER,
	RETURN_LOCAL_FOSTER_HOUSEHOLDS,
	RETURN_LOCAL_HOMES,
	RETURN_LOCAL_FAMILY_MEMBERS,
	RETURN_LOCAL_ALLOCATIONS,
	RETURN_LOCAL_PARTNER_RECORDS,
	RETURN_LOCAL_FAMILY_PLANS,
	RETURN_LOCAL_AUDITS,
	RETURN_LOCAL_SF_CLAIMS,
	RETURN_LOCAL_OFSTED_PROVIDERS, /* Ofsted's published list of children's social care providers */
	RETURN_DFE_PUBLISHED,
	RETURN_DFE_SN_GROUPS,
	RETURN_ONS_LA_LOOKUP,
	RETURN_IMD_LOOKUP,           /* the English Indices of Deprivation: area -> IMD decile */
	RETURN_ONS_POPULATION_PROJECTION,   /* ONS's subnational population projection CSV */
	RETURN_ONS_POSTCODES,        /* the ONS postcode directory, kept for the sectors the data uses */
	/* a programme's file: "programme.<sheet>@<name>", "programme.xlsx@<name>"
	 * or "programme.forecast.<id>.<what>@<name>" (the name follows the kind) */
	RETURN_PROGRAMME,
	RETURN_SSD,                  /* one ssd_* table of a Standard Safeguarding Dataset extract */
	RETURN_KIND_N
};

/* A set of kinds, for queries over several: RETURN_KIND_BIT(k) | ... */
typedef unsigned long long return_kinds;
#define RETURN_KIND_BIT(k) (1ull << (k))
#define RETURN_KINDS_ALL 0ull   /* no filter */
/* every table of an SSDA903 return, CSV, XML or a workbook */
#define RETURN_KINDS_SSDA903 (((RETURN_KIND_BIT(RETURN_SSDA903_XLSX) << 1) - 1) & ~1ull)
#define RETURN_KINDS_ANNEXA (RETURN_KIND_BIT(RETURN_ANNEXA_XLSX) | RETURN_KIND_BIT(RETURN_ANNEXA_CSV))
/* the returns about individual children (not the workforce census, not
 * local populations, published tables or programmes) */
#define RETURN_KINDS_CHILD_LEVEL                                                           \
	(RETURN_KINDS_SSDA903 | RETURN_KIND_BIT(RETURN_CIN_CENSUS) | RETURN_KINDS_ANNEXA | \
	 RETURN_KIND_BIT(RETURN_LOCAL_CONTACTS) | RETURN_KIND_BIT(RETURN_LOCAL_EARLY_HELP) | RETURN_KIND_BIT(RETURN_SSD))

/* The text the store keeps for k; for RETURN_PROGRAMME the prefix every
 * programme kind starts with ("programme"), for RETURN_UNKNOWN "". Static. */
const char *return_kind_name(enum return_kind k);
/* The kind stored text names; RETURN_PROGRAMME for any "programme." kind,
 * RETURN_UNKNOWN for text no loader writes (or NULL). */
enum return_kind return_kind_parse(const char *text);
/* 1 when k is one table of an SSDA903 return, CSV, XML or a workbook. */
int return_kind_is_ssda903(enum return_kind k);

#endif
