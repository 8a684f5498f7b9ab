/* The ONS postcode directory (ONSPD or NSPL CSV) read for the postcodes a
 * return uses: each wanted postcode's grid reference and local authority
 * district. The directory is streamed once; only wanted rows are kept, in
 * a hash keyed by the postcode as DfE's validator matches it (upper case,
 * spaces removed), so memory follows the return, not the 2.7M-row file. */
#ifndef CF_FORMATS_POSTCODE_DIR_H
#define CF_FORMATS_POSTCODE_DIR_H

#include <stddef.h>

#include "base/error.h"

/* A wanted key longer than this can match no directory postcode. */
#define PCDIR_KEY_MAX 8

/* Most districts a sector's postcodes are counted in (more is very rare:
 * the rest are not counted). */
#define PCDIR_SECTOR_LAS 8

struct pcdir_entry {
	char key[PCDIR_KEY_MAX + 1];  /* "LS14AB" (a postcode) or "LS1 4" (a sector) */
	int is_sector;
	int found;                    /* the directory has it (a sector: any postcode in it) */
	double east, north;           /* metres (OSGB); NAN when the directory gives none */
	int la;                       /* district: index for pcdir_la(), -1 when blank */
	/* a sector's running totals while reading */
	double sum_east, sum_north;
	long ncoords;
	int nla, la_of[PCDIR_SECTOR_LAS];
	long la_count[PCDIR_SECTOR_LAS];
};

struct pcdir {
	struct pcdir_entry *slots;    /* owned; open addressing, key[0] == 0 = empty */
	size_t nslots, n, nsectors;
	char (*las)[16];              /* owned; distinct district codes seen ("E08000035") */
	int nlas, caplas;
	long rows;                    /* directory rows read */
	const char *col_postcode, *col_east, *col_north, *col_la;  /* header names used */
};

void pcdir_init(struct pcdir *d);
void pcdir_release(struct pcdir *d);

/* Ask for a postcode as a return gives it. as_sector 0: matched as DfE's
 * tool does, upper case with spaces removed ("ls1 4ab" -> "LS14AB"; a
 * sector "LS1 4" becomes "LS14", which no postcode is). as_sector 1: the
 * value is cut to its sector ("LS1 4"), which is found when the directory
 * has any postcode in it. Values that can match nothing are not kept.
 * Returns 0, or -1 on OOM. */
int pcdir_want(struct pcdir *d, const char *postcode, int as_sector);

/* 1 when a CSV header is a directory's: a postcode, easting, northing and
 * district column as pcdir_read finds them. */
int pcdir_is_header(char *const *fields, int nfields);
/* Stream the directory at path, keeping the wanted rows. Columns are found
 * by header name (any case): postcode pcd, pcd7, pcds, pcd2 or pcd8;
 * easting oseast1m or east1m; northing osnrth1m or north1m; district laua,
 * oslaua or ladYYcd. A blank grid reference is "none" (NAN); anything else
 * that is not a number, or a blank postcode, is CF_EINPUT naming the file,
 * row, column and value. The first row of a postcode given twice counts.
 * A sector's grid reference is the mean of its postcodes' and its district
 * the one most of them are in. */
int pcdir_read(struct pcdir *d, const char *path, struct cf_error *err);

/* The entry for a postcode asked for with the same as_sector, or NULL when
 * it was not asked for (or can match nothing). entry->found says whether
 * the directory has it. */
const struct pcdir_entry *pcdir_find(const struct pcdir *d, const char *postcode, int as_sector);

/* District code of an entry's la, or NULL for -1. */
const char *pcdir_la(const struct pcdir *d, int la);

/* The key pcdir_want uses: 0, or -1 when the value can match nothing. */
int pcdir_key(const char *postcode, int as_sector, char key[PCDIR_KEY_MAX + 1]);

#endif
