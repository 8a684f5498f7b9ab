/* Loading a return into validator frames: from files on disk (DfE CSV
 * tables) or from the store (the ssda903_* tables of a collection year).
 * Values are kept as the return gave them, upper-cased as DfE's tool does. */
#ifndef CF_VALIDATE_VLOAD_H
#define CF_VALIDATE_VLOAD_H

#include "validate/vframe.h"
#include "base/error.h"
#include "store/store.h"
#include "store/providers.h"

/* Frame name of each SSDA903 table (formats/ssda903.h order): "Header", ... */
extern const char *const vload_903_names[];

/* Load CSV files, every .csv in a directory, or an XML return (.xml: every
 * table, rows numbered as in its CSV tables, meta.file_format "xml") into
 * frames named by table plus suffix ("" for this year, "_last" for the
 * previous year).
 * A Header frame gets the UASC column DfE's tool derives from the UASC
 * table. Returns CF_OK or CF_EINPUT/CF_EIO with err naming the file. */
int vload_903_paths(struct vdata *vd, char *const *paths, int npaths, const char *suffix,
		    struct cf_error *err);

/* Load the returns of collection year `year` from the store (and year - 1
 * as the _last frames when loaded). CF_EINPUT when no return has that year. */
int vload_903_store(struct vdata *vd, struct store *st, int year, struct cf_error *err);

/* The latest collection year with an SSDA903 return in the store, or 0. */
int vload_903_store_latest(struct store *st, struct cf_error *err);

/* The collection year the frames look like: the statutory year of the
 * latest episode start or end, review or missing date. 0 when none. */
int vload_infer_year(struct vdata *vd);

/* Ofsted's provider list as the frame provider_info (replacing one there):
 * URN; PLACE_CODES, the placement codes its provider type is registered
 * for (vproviders_place_codes); PROVIDER_CODES, the PLACE_PROVIDER codes
 * its sector allows; POSTCODE, its district; REG_END (dd/mm/yyyy); and
 * LA_CODE_INFERRED, its LA's ONS code. Returns 0 or -1 on OOM. */
int vload_providers(struct vdata *vd, const struct ofsted_providers *p);
/* "K2" for a children's home, "U1,...,U6" for a fostering agency ...: the
 * codes a provider's subtype (else type) names, or NULL. Static. */
const char *vproviders_place_codes(const char *type, const char *subtype);
/* "PR1,PR2" for a local authority, "PR3" health, "PR4" private, "PR5"
 * voluntary; NULL for none. Static. */
const char *vproviders_provider_codes(const char *sector);

#endif
