/* Reading the money and sufficiency extracts back (the *_current views of
 * migration 0010): typed rows for the placements room (money and sufficiency), so they
 * need no SQL. */
#ifndef CF_STORE_PLACEMENTS_H
#define CF_STORE_PLACEMENTS_H

#include <stddef.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/error.h"
#include "store/postcode_sectors.h"
#include "store/providers.h"
#include "store/store.h"

struct placement_cost {
	const char *child;            /* arena */
	cf_date start, end;           /* end CF_DATE_NONE while open */
	const char *provider_id;      /* arena; "" when not given (likewise the other text) */
	const char *provider_name;
	int provider_type;            /* index into local_provider_types (formats/local_csv.h) */
	const char *placement_type;   /* DfE PLACE code as given */
	const char *cost_centre;
	double weekly_gbp;            /* gross weekly cost */
	double health_gbp_week;       /* contributions, £ a week (0 when none) */
	double education_gbp_week;
};

struct budget_line {
	int fy;                       /* 2024 = 2024-25 */
	const char *cost_centre;
	double budget_gbp;
	int has_profile;
	double profile_gbp[12];       /* April .. March, when has_profile */
};

struct ledger_line {
	cf_date posted;
	const char *cost_centre;
	double amount_gbp;
};

struct foster_household {
	const char *id;
	cf_date approved_from, deregistered_on;   /* deregistered_on CF_DATE_NONE while approved */
	int places;
	const char *age_range, *type, *locality;  /* "" when not given */
};

struct children_home {
	const char *id, *urn;
	int places;
	cf_date registered_from, registered_to;   /* CF_DATE_NONE when not given */
	int in_house;                             /* 1, 0, or -1 when not given */
};

struct placements_data {
	struct placement_cost *placements;  size_t nplacements;   /* owned; by child, then start */
	struct budget_line *budgets;        size_t nbudgets;
	struct ledger_line *ledger;         size_t nledger;
	struct foster_household *households; size_t nhouseholds;
	struct children_home *homes;        size_t nhomes;
	char (*la_sectors)[10];             size_t nla_sectors;   /* sorted: the localities extract's postcode sectors */
	/* Ofsted's provider list and the children placed with a URN on one day:
	 * empty unless placements_read_providers filled them */
	struct ofsted_providers providers;
	struct ofsted_placed_list placed;
	struct postcode_sectors sectors;    /* the ONS postcode directory kept in the store (empty when none) */
	struct arena arena;
};

/* Read every extract the store holds (any of them may be empty). The caller
 * owns *out (placements_data_release). */
int store_placements_read(struct store *st, struct placements_data *out, struct cf_error *err);
void placements_data_release(struct placements_data *d);
/* Add Ofsted's provider list and the URNs of the placements open on `on`
 * (store/providers.h) to d, for the sufficiency analysis. */
int placements_read_providers(struct store *st, cf_date on, struct placements_data *d, struct cf_error *err);

#endif
