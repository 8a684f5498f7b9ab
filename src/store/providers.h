/* Ofsted's list of children's social care providers as the store keeps it
 * (migration 0022, the latest list loaded): typed rows for validate
 * --providers and the sufficiency analysis, so neither needs SQL; and the
 * URNs of the placements open on a day, which the sufficiency analysis
 * grades by them. */
#ifndef CF_STORE_PROVIDERS_H
#define CF_STORE_PROVIDERS_H

#include <stddef.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/error.h"
#include "store/store.h"

struct ofsted_provider {
	const char *urn;              /* arena; upper case */
	const char *provider_type;    /* arena; as Ofsted writes it ("Children's home") */
	const char *subtype, *sector; /* arena; "" when not given (likewise the other text) */
	const char *local_authority;  /* the LA the provider is in, by name */
	const char *la_code;          /* its ONS code: as given, else the published tables' code for the
				       * name, else "" */
	const char *status;           /* registration status as given ("Active", "Closed" ...) */
	cf_date registered_from, registered_to;   /* CF_DATE_NONE when not given */
	int places;                   /* -1 when not given */
	int rating;                   /* 1 outstanding .. 4 inadequate; 0 not given or not yet inspected */
	const char *district;         /* postcode district ("LS1"), "" when not given */
	cf_date inspected;            /* latest inspection, CF_DATE_NONE when not given */
	long row;                     /* row in the list (header = 1) */
};

struct ofsted_providers {
	struct ofsted_provider *items;   /* owned, sorted by urn */
	size_t n;
	const char *path;                /* arena: the list's file, "" when none is loaded */
	struct arena arena;
};

/* Read the latest list loaded (n = 0 when none). The caller owns *out
 * (ofsted_providers_release, also after a failure). */
int ofsted_providers_read(struct store *st, struct ofsted_providers *out, struct cf_error *err);
void ofsted_providers_release(struct ofsted_providers *p);
/* The provider with this URN (as the list writes it, any case), or NULL. */
const struct ofsted_provider *ofsted_providers_find(const struct ofsted_providers *p, const char *urn);

/* A child looked after on a day, placed with an Ofsted-registered provider:
 * the current SSDA903 episode open that day (the store's episodes view) with
 * a URN, other than XXXXXXX (not registered). */
struct ofsted_placed {
	const char *child;            /* arena */
	const char *urn;              /* arena, upper case */
	const char *pl_sector;        /* arena; placement postcode sector, "" when unknown */
};

struct ofsted_placed_list {
	struct ofsted_placed *items;  /* owned, by child */
	size_t n;
	struct arena arena;
};

/* The children placed with a URN on `on`. The caller owns *out
 * (ofsted_placed_release, also after a failure). */
int ofsted_placed_read(struct store *st, cf_date on, struct ofsted_placed_list *out, struct cf_error *err);
void ofsted_placed_release(struct ofsted_placed_list *p);

/* Ofsted's grades by number: "outstanding", "good", "requires improvement",
 * "inadequate" for 1..4, "not inspected" for 0. Static. */
const char *ofsted_rating_name(int rating);

#endif
