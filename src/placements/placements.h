/* The placements room: what care costs (`caseflow money`) and what the
 * council can provide (`caseflow sufficiency`), from the placement costs,
 * budgets, ledger, foster households and homes extracts (store/placements.h)
 * and children's episodes (model/cla.h). One room, not two: both read the
 * same placement extract with the same "open on a day" and the same match of
 * a placement to its carer or home. docs/money.md gives every definition. */
#ifndef CF_PLACEMENTS_PLACEMENTS_H
#define CF_PLACEMENTS_PLACEMENTS_H

#include "base/date.h"
#include "base/error.h"
#include "base/table.h"
#include "forecast/forecast.h"
#include "formats/centroids.h"
#include "formats/placement_shift.h"
#include "model/cla.h"
#include "store/placements.h"

/* --- pricing one placement ------------------------------------------------ */

/* A placement is charged for the nights from its start to the day before it
 * ends (the day it ends belongs to the next placement, which starts that
 * day), at weekly ÷ 7 a night; open on day d when start <= d < end. */
int placement_open_on(const struct placement_cost *p, cf_date d);

/* Nights of p in [from, to] (inclusive days), 0 when none. */
long placement_nights(const struct placement_cost *p, cf_date from, cf_date to);

/* What p costs in the financial year [fy_start, fy_end] split at as_of:
 * to date = nights fy_start..as_of, committed = nights as_of+1..fy_end
 * (an open placement runs to the year end; a planned end date is kept). */
struct placement_price {
	long nights_to_date, nights_committed;
	double gross_to_date, contrib_to_date;       /* £ */
	double gross_committed, contrib_committed;
};
void placement_price(const struct placement_cost *p, cf_date fy_start, cf_date as_of, cf_date fy_end,
		     struct placement_price *out);

/* --- the forecast priced at the council's own unit costs ------------------ */

/* Add to c (the built-in set, fc_costs_default) a row for each DfE
 * placement code and provider (in_house: in-house fostering, LA residential
 * and other LA, as the forecast's PR0-PR3; external: the rest) of the placements charged in [from, to]:
 * their mean weekly cost, weighted by nights. An exact code and provider
 * beats a built-in category row, so what the council has no placements of
 * keeps the illustrative cost. Sets c->source and *nrows (0: nothing
 * charged in the window; c is unchanged). */
int placements_forecast_costs(const struct placements_data *d, cf_date from, cf_date to, const struct fc_placemap *m,
			      struct fc_costs *c, int *nrows, struct cf_error *err);

/* The extract's last 12 months: [*from, *to], *to the latest end (the night
 * before it) or start of an open placement it holds; both CF_DATE_NONE
 * when it has no placements. The window the council's own unit costs
 * come from. */
void placements_cost_window(const struct placements_data *d, cf_date *from, cf_date *to);

/* The same over the extract's last 12 months (placements_cost_window):
 * what `caseflow forecast` and the money outturn use without --costs. */
int placements_own_costs(const struct placements_data *d, const struct fc_placemap *m, struct fc_costs *c,
			 struct cf_error *err);
/* The same, read from the store: forecast_options.own_costs for
 * `caseflow forecast` and the report (nothing changes without an extract). */
int placements_store_costs(struct store *st, const struct fc_placemap *m, struct fc_costs *c, struct cf_error *err);

/* --- caseflow money ------------------------------------------------------- */

struct money_options {
	int fy;            /* financial year, 2024 = 2024-25 */
	cf_date as_of;     /* within the year (clamped to it) */
	int top;           /* rows of the top providers and placements tables */
	double inflation_pct;   /* money_outturn: annual inflation of the forecast's unit costs, percent
				 * (0: none); they rise on each anniversary of the cost window's start */
};

enum { MONEY_NTABLES = 5 };

/* One cost centre's placement money in the year, as at as_of: the typed
 * form of a money_by_cost_centre row. net_* are gross less contributions;
 * net_year = net_to_date + net_committed; variance = net_year - budget;
 * variance_to_date = net_to_date - budget_to_date; ledger_minus_net =
 * ledger - net_to_date. Budget figures mean something when has_budget,
 * ledger figures when the result's any_ledger. */
struct money_centre {
	char *name;                 /* owned; "(none given)" for a blank cost centre, "all" for the total */
	long placements;
	double gross_to_date, contrib_to_date, net_to_date;
	double gross_committed, contrib_committed, net_committed, net_year;
	double budget, variance, budget_to_date, variance_to_date;
	double ledger, ledger_minus_net;
	int has_budget, has_ledger;
};

/* Every cost centre charged, budgeted or posted to in the year, by name,
 * then the "all" row last; any_budget / any_ledger: some centre has one. */
struct money_centres {
	struct money_centre *items;   /* owned, n of them */
	size_t n;
	int any_budget, any_ledger;
};

/* The cost centres of o's year as at o->as_of (clamped to the year), what
 * money_tables' first table lays out. Release with money_centres_release. */
int money_centres_make(const struct placements_data *d, const struct money_options *o, struct money_centres *out,
		       struct cf_error *err);
void money_centres_release(struct money_centres *c);

/* Weekly unit costs of the placements charged in the year to as_of, by
 * placement type, provider type and provider (in that order, groups by
 * key within each): the typed form of money_unit_costs. */
struct money_unit_cost {
	const char *by;             /* "placement_type", "provider_type" or "provider" (static) */
	char *group;                /* owned: the type, or the provider's ID; "(none given)" when blank */
	char *provider_name;        /* owned; NULL but for "provider" */
	long children, placements;
	double weekly_mean, weekly_median, weekly_p90;   /* £; median of the middle two, p90 by nearest rank */
};
struct money_unit_costs {
	struct money_unit_cost *items;  /* owned, n of them */
	size_t n;
};
int money_unit_costs_make(const struct placements_data *d, const struct money_options *o,
			  struct money_unit_costs *out, struct cf_error *err);
void money_unit_costs_release(struct money_unit_costs *u);
/* u laid out as a table named name (the caller frees it; NULL on OOM): every
 * group with its "by" column, or with only_by only that one's rows and no
 * "by" column (the report's unit costs by provider type). */
struct cf_table *money_unit_costs_table(const struct money_unit_costs *u, const char *only_by, const char *name);

/* The o->top providers with the most gross spend in the year to as_of
 * (ties by ID), rank = index + 1: the typed form of money_top_providers. */
struct money_provider {
	char *id;                   /* owned; "(none given)" when blank */
	char *name;                 /* owned */
	const char *type;           /* static: the local provider type */
	long children;
	double gross_to_date;       /* £ */
};
struct money_providers {
	struct money_provider *items;   /* owned, n of them */
	size_t n;
};
int money_providers_make(const struct placements_data *d, const struct money_options *o,
			 struct money_providers *out, struct cf_error *err);
void money_providers_release(struct money_providers *m);
/* mp laid out as caseflow money's money_top_providers table (the caller
 * frees it; NULL on OOM). */
struct cf_table *money_providers_table(const struct money_providers *mp);

/* The money tables, in order: money_by_cost_centre (spend to date,
 * contributions, committed to year end, budget, variance, ledger),
 * money_unit_costs (weekly mean, median, 90th percentile and children by
 * placement type, provider type and provider), money_top_providers,
 * money_top_placements (by weekly cost, child ID) and money_notes (one
 * sentence per missing input). out[MONEY_NTABLES] are the caller's
 * (cf_table_free each). */
int money_tables(const struct placements_data *d, const struct money_options *o, struct cf_table **out,
		 struct cf_error *err);

/* money_outturn: the year's outturn two ways, by measure (£): on
 * commitments (net spend to date + net committed) and on the forecast (net
 * spend to date + the forecast's cost of every child in care from the day
 * after as_of to 31 March, the markov projection from as_of of cla, priced
 * at the council's own unit costs, rising o->inflation_pct a year on each
 * anniversary of their window's start (placements_cost_window);
 * contributions are not forecast), the new placements the forecast expects
 * (forecast cost − gross committed), the budget and both variances. Then
 * money_outturn_by_cost_centre: the same by cost centre (money_centres),
 * the new placements shared among the centres in proportion to their gross
 * committed (to their gross to date when nothing is committed), so that
 * a centre's forecast outturn = net to date + gross committed + its share,
 * and the centres add up to the authority's. as_of must lie within the
 * episodes (CF_EUSAGE otherwise, err says so). out[0] and out[1] are the
 * caller's. */
int money_outturn(const struct placements_data *d, const struct cla_data *cla, const struct money_options *o,
		  struct cf_table **out, struct cf_error *err);

/* money_shift: the placement-shift scenario by financial year, from the
 * year of its start to a year after its last move: children moved in the
 * year and in-house at its end, their nights, what they would cost where
 * they were and in-house (the night-weighted mean weekly costs of the
 * extract's last 12 months, as placements_own_costs), the saving, and the
 * in-house carers they need (ceil(children ÷ places per household); places
 * per household from the scenario, else the mean of the households approved
 * at that window's end). Moves are evenly spread: move k on start +
 * floor(k × 365.25 ÷ children_per_year); a moved child stays to the end (an
 * upper bound: none leaves care). CF_EINPUT when the extract has no
 * placements of either type to price. *out is the caller's. */
int money_shift(const struct placements_data *d, const struct placement_shift *s, struct cf_table **out,
		struct cf_error *err);

/* --- caseflow sufficiency ------------------------------------------------- */

/* Approved on day d: approved_from <= d and not deregistered on or before d
 * (approved from the day of approval; not on the day of deregistration). */
int household_approved_on(const struct foster_household *h, cf_date d);
/* Registered on d: registered_from (when given) <= d and registered_to
 * (when given) >= d. */
int home_registered_on(const struct children_home *h, cf_date d);

enum { SUFFICIENCY_NTABLES = 7, SUFFICIENCY_NOTES = 6 };

/* In-house capacity on a day: the typed form of sufficiency_fostering and
 * sufficiency_residential, what `caseflow sufficiency` and the report's
 * Sufficiency panel lay out. A household's or home's occupants are the
 * placements open that day whose provider_id is its ID (in-house fostering
 * placements only, for a household). */
struct sufficiency_group {
	const char *by;              /* static: "age_range", "locality" or "all" */
	char *group;                 /* owned: the age range or locality, "(none given)" when blank; "all" */
	long households, places, occupied;
};
enum { SUFFICIENCY_TOTAL = -2 };   /* sufficiency_home.in_house of a total row */
struct sufficiency_home {
	char *home;                  /* owned: the home's ID, or "all in-house" / "all" for the totals */
	char *urn;                   /* owned; NULL for a total */
	int in_house;                /* 1 yes, 0 no, -1 not given, SUFFICIENCY_TOTAL */
	long places, occupied;
};
struct sufficiency_capacity {
	struct sufficiency_group *fostering;   /* owned: approved households by age range, by locality
						* (each sorted), then "all" last */
	size_t nfostering;
	struct sufficiency_home *homes;        /* owned: each home registered that day, then "all
						* in-house" and "all" last */
	size_t nhomes;
	long unmatched;                        /* in-house fostering placements open that day whose
						* provider_id is no household approved that day */
};
int sufficiency_capacity_make(const struct placements_data *d, cf_date on, struct sufficiency_capacity *out,
			      struct cf_error *err);
void sufficiency_capacity_release(struct sufficiency_capacity *c);
/* c laid out as sufficiency_fostering (by, group, households, approved
 * places, occupied, vacant = places - occupied not below 0, occupancy %)
 * and sufficiency_residential (home, URN, in-house, places, occupied,
 * vacant, occupancy %); the caller frees each; NULL on OOM. */
struct cf_table *sufficiency_fostering_table(const struct sufficiency_capacity *c);
struct cf_table *sufficiency_residential_table(const struct sufficiency_capacity *c);

/* Everything the page shows on a day, typed: the capacity above; the gap
 * (places needed minus in-house places available) for fostering and
 * residential, needed from the episodes when any child is looked after
 * that day, else from the placement costs extract; and where children
 * looked after that day are placed, by placement group then "all" (out of
 * area: a known placement sector not among the localities extract's; with
 * centroids, more than 20 miles between home and placement sectors). */
struct sufficiency_gap {
	const char *placements;      /* static: "fostering" or "residential" */
	long needed, available;      /* gap = needed - available */
	const char *needed_from;     /* static: where needed comes from */
};
struct sufficiency_place {
	const char *group;           /* static: a placement group, or "all" */
	long looked_after, sector_known, outside, distance_known, over_20;
};
struct sufficiency {
	struct sufficiency_capacity capacity;
	struct sufficiency_gap gap[2];
	struct sufficiency_place location[PG_NGROUPS + 1];
	int with_distance;           /* centroids were given: distance_known and over_20 mean something */
	long looked_after;           /* children looked after that day (0: no episodes cover it) */
};
int sufficiency_make(const struct placements_data *d, const struct cla_data *cla, cf_date on,
		     const struct centroids *cent, struct sufficiency *out, struct cf_error *err);
void sufficiency_release(struct sufficiency *s);
/* s laid out as sufficiency_gap and sufficiency_location (caller frees; NULL on OOM). */
struct cf_table *sufficiency_gap_table(const struct sufficiency *s);
struct cf_table *sufficiency_location_table(const struct sufficiency *s);

/* Placements and places by Ofsted's grade on a day, from d's provider list
 * and placed URNs (placements_read_providers): per grade (index 1
 * outstanding .. 4 inadequate, 0 not inspected, 5 URN not in the list, 6
 * all), the children looked after placed with such a provider and those of
 * them placed in a sector outside the localities extract's, and the
 * providers registered that day whose postcode district is one of the
 * localities' sectors' districts, with their places. */
struct sufficiency_grade {
	long children, outside_la, providers_in_la, places_in_la;
};
struct sufficiency_providers {
	struct sufficiency_grade grades[7];
	int with_list;               /* a provider list is loaded */
	int with_area;               /* a localities extract is loaded: outside_la and in_la mean something */
};
/* Registered on d: registered_from (when given) <= d < registered_to (when given). */
int provider_registered_on(const struct ofsted_provider *p, cf_date d);
/* 0, or -1 on OOM. */
int sufficiency_providers_make(const struct placements_data *d, cf_date on, struct sufficiency_providers *out);
/* s laid out as sufficiency_providers: grade, children_placed,
 * placed_outside_la, providers_in_la, places_in_la (blank where the input
 * is missing); the caller frees; NULL on OOM. */
struct cf_table *sufficiency_providers_table(const struct sufficiency_providers *s);

/* The sufficiency tables on day `on`: sufficiency_fostering (in-house
 * households, approved places, occupied, vacant, occupancy % by age range,
 * locality and all), sufficiency_residential (each home registered that
 * day, and totals), sufficiency_need (children looked after that day by age
 * band and placement group, from cla; cla may be NULL or empty),
 * sufficiency_gap (places needed minus places available),
 * sufficiency_location (children looked after that day placed in a
 * postcode sector outside the localities extract's, by placement group;
 * those placed more than 20 miles from home, the straight line between their
 * home and placement sectors' centroids in cent, or when cent is NULL their
 * grid references in d's postcode directory (none when neither),
 * sufficiency_providers (by Ofsted grade, above) and sufficiency_notes (one sentence per missing input). out[...] are the
 * caller's. */
int sufficiency_tables(const struct placements_data *d, const struct cla_data *cla, cf_date on,
		       const struct centroids *cent, struct cf_table **out, struct cf_error *err);

/* sufficiency_forecast: at each of `months` month-ends after `on`, the
 * children the forecast expects in care, in foster and in residential
 * placements (the markov projection of cla from `on`, as `caseflow forecast
 * --start ON`), against today's in-house places (approved foster places on
 * `on`; places in the council's own homes registered on `on`) and the gap.
 * Then sufficiency_need_forecast: each month-end by age band (the
 * forecast's bands), the children expected in care and in each of its
 * placement groups: need by age band over the horizon. `on` must lie
 * within the episodes (CF_EUSAGE otherwise). out[0] and out[1] are the
 * caller's. */
int sufficiency_forecast(const struct placements_data *d, const struct cla_data *cla, cf_date on, int months,
			 struct cf_table **out, struct cf_error *err);

#endif
