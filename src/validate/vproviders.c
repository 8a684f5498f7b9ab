/* Ofsted's provider list (store/providers.h) as the provider_info frame
 * DfE's tool joins episodes to on URN: the placement codes a provider's
 * type allows, the PLACE_PROVIDER codes its sector allows, its postcode
 * (a district: Ofsted publishes no more), registration end and LA code. */
#include "validate/vload.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* s (lower-cased) contains word. */
static int has(const char *s, const char *word)
{
	size_t n = strlen(word);
	for (; *s; s++) {
		size_t i = 0;
		while (i < n && s[i] && tolower((unsigned char)s[i]) == word[i])
			i++;
		if (i == n)
			return 1;
	}
	return 0;
}

const char *vproviders_place_codes(const char *type, const char *subtype)
{
	/* the SSDA903 PLACE codes whose placements Ofsted registers this type of provider for */
	static const struct {
		const char *word;
		const char *codes;
	} types[] = {
		{ "secure", "K1" },                         /* secure children's home */
		{ "children", "K2" },                       /* children's home (before "home": a children's home) */
		{ "family centre", "R3" },                  /* residential family centre */
		{ "school", "S1" },                         /* residential special school, boarding school */
		{ "college", "S1" },                        /* further education college with residential accommodation */
		{ "fostering", "U1,U2,U3,U4,U5,U6" },       /* independent or LA fostering agency */
		{ "supported accommodation", "H5,K3" },      /* K3 from 28 October 2023, when it was registered */
		{ "adoption", "A3,A4,A5,A6" },              /* voluntary adoption agency */
	};
	for (int pass = 0; pass < 2; pass++) {
		const char *s = pass == 0 ? subtype : type;
		for (size_t i = 0; s && *s && i < sizeof types / sizeof types[0]; i++)
			if (has(s, types[i].word) && (i != 1 || has(s, "home")))
				return types[i].codes;
	}
	return NULL;
}

const char *vproviders_provider_codes(const char *sector)
{
	if (!sector || !*sector)
		return NULL;
	if (has(sector, "local authority"))
		return "PR1,PR2";   /* own LA's or another LA's: rule 229 tells which */
	if (has(sector, "health"))
		return "PR3";
	if (has(sector, "private"))
		return "PR4";
	if (has(sector, "voluntary"))
		return "PR5";
	return NULL;
}

static int set(struct vframe *f, int col, long r, const char *s)
{
	return s && *s ? vframe_set(f, col, r, s, strlen(s), 0) : 0;
}

int vload_providers(struct vdata *vd, const struct ofsted_providers *p)
{
	static const char *const cols[] = { "URN", "PLACE_CODES", "PROVIDER_CODES", "POSTCODE", "REG_END", "LA_CODE_INFERRED" };
	vdata_remove_frame(vd, "provider_info");
	struct vframe *f = vdata_add_frame(vd, "provider_info");
	if (!f || vframe_reserve(f, (long)p->n))
		return -1;
	for (int c = 0; c < 6; c++)
		if (vframe_add_col(f, cols[c]) != c)
			return -1;
	for (size_t i = 0; i < p->n; i++) {
		const struct ofsted_provider *o = &p->items[i];
		char end[16] = "";
		if (o->registered_to != CF_DATE_NONE) {
			int y, m, d;
			cf_date_to_ymd(o->registered_to, &y, &m, &d);
			snprintf(end, sizeof end, "%02d/%02d/%04d", d, m, y);
		}
		long r = vframe_add_row_at(f, (long)i, o->row);
		if (r < 0 || set(f, 0, r, o->urn) || set(f, 1, r, vproviders_place_codes(o->provider_type, o->subtype)) ||
		    set(f, 2, r, vproviders_provider_codes(o->sector)) || set(f, 3, r, o->district) || set(f, 4, r, end) ||
		    set(f, 5, r, o->la_code))
			return -1;
	}
	return 0;
}
