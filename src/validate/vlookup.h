/* The placement fields DfE's SSDA903 validator derives from postcodes
 * (PL_LA, PL_LOCATION, PL_DISTANCE), computed from the ONS postcode
 * directory and the ONS district-to-upper-tier LA lookup as that tool
 * computes them, so the rules on those fields run on a return on disk. */
#ifndef CF_VALIDATE_VLOOKUP_H
#define CF_VALIDATE_VLOOKUP_H

#include "validate/vframe.h"
#include "base/arena.h"
#include "base/error.h"
#include "formats/postcode_dir.h"

struct vlookup_auth {
	const char *ltla, *utla;      /* in the lookup's arena */
};

struct vlookup {
	struct pcdir dir;             /* the wanted postcodes, read from the directory */
	struct arena arena;
	struct vlookup_auth *auth;    /* owned; district -> upper tier, sorted by ltla */
	size_t nauth, capauth;
	const char **utla_of;         /* owned; per district of dir: its upper tier, or NULL */
	char la[16];                  /* the validating LA's upper-tier code */
	int sectors;                  /* postcodes are sectors ("LS1 4"): the store's form */
	long nwanted, nfound;         /* distinct postcodes of the return; of them in the directory */
};

void vlookup_init(struct vlookup *lk);
void vlookup_release(struct vlookup *lk);

/* Read the LA lookup (an ONS LTLA-UTLA CSV: LTLAyyCD, UTLAyyCD columns),
 * resolve the validating LA `la` (an upper-tier code, or a district's code,
 * which stands for its upper tier; CF_EUSAGE when the lookup has neither),
 * then read from the postcode directory the HOME_POST and PL_POST values of
 * vd's Episodes and Episodes_last. sectors 1: the values are postcode
 * sectors and are matched as sectors (pcdir_want). Errors name the file,
 * row, column and value. */
int vlookup_load(struct vlookup *lk, const struct vdata *vd, const char *postcodes_path,
		 const char *authorities_path, const char *la, int sectors, struct cf_error *err);

/* Set PL_LA, PL_LOCATION and PL_DISTANCE on every row of Episodes and
 * Episodes_last (replacing any given), and vd->meta.la_code and
 * vd->meta.lookup, which point into lk: keep lk until vd is released.
 * Returns 0, or -1 on OOM. */
int vlookup_derive(struct vlookup *lk, struct vdata *vd);

/* 1 when the directory has the postcode (as DfE's tool matches it, or as a
 * sector when lk->sectors), 0 when not or when it was not in the return. */
int vlookup_known(const struct vlookup *lk, const char *postcode);

/* The distance DfE's tool gives between two grid references in metres:
 * straight-line miles (km / 1.6093), rounded to one decimal as numpy rounds
 * (half to even on the binary value). NAN when either is unknown. */
double vlookup_miles(double east1, double north1, double east2, double north2);

#endif
