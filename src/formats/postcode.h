/* The one reader of UK postcodes. caseflow keeps a postcode only as its
 * sector ("LS1 4AB" -> "LS1 4"): a full postcode is never stored or shown. */
#ifndef CF_FORMATS_POSTCODE_H
#define CF_FORMATS_POSTCODE_H

#include <stddef.h>

/* The forms a caller accepts (OR them). Case and spaces are free in a full
 * postcode; a sector is an outward code (2-4 characters, a letter first)
 * and one digit. */
enum postcode_form {
	POSTCODE_FULL = 1,            /* "LS1 4AB", "ls14ab" */
	POSTCODE_SECTOR = 2,          /* "LS1 4": the space before the digit, so "LS14" is an outward code */
	POSTCODE_SECTOR_NOSPACE = 4,  /* "LS14" and "LS1 4" both taken as the sector "LS1 4" */
};

/* Write the sector of raw[0..len) into out (outsz bytes; 7 hold any sector)
 * when raw is one of the forms asked for. Returns 0, or -1 with out
 * untouched. */
int postcode_sector_of(const char *raw, size_t len, unsigned forms, char *out, size_t outsz);

/* The forgiving reading lookups use (centroids, the postcode directory): a
 * full postcode or a sector, with or without its space; s may be NULL. */
int postcode_sector(const char *s, char out[10]);

#endif
