/* libFuzzer target for the ONS postcode directory reader
 * (formats/postcode_dir.c): any bytes give, for the postcodes and sectors
 * asked for, entries that keep their promises (a found postcode's grid
 * reference is a number or NAN, never infinite; its district is a code the
 * reader holds or none), or a located CF_EINPUT error naming the file. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/postcode_dir.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Postcodes in the seeds' forms, whole and as sectors. */
static const char *const wanted[] = { "AA1 1AA", "aa11ab", "AA2 2AA", "ZZ9 9ZZ", "LS1 4AB", "XS1 2" };

static void check_entry(const struct pcdir *d, const struct pcdir_entry *e)
{
	if (!e)
		return;
	if (!e->found)
		return;
	if (isinf(e->east) || isinf(e->north))
		abort();
	if (e->la < -1 || e->la >= d->nlas || (e->la >= 0 && !pcdir_la(d, e->la)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (!path[0])
		snprintf(path, sizeof path, "/tmp/fuzz-pcdir-%ld.csv", (long)getpid());
	FILE *fp = fopen(path, "wb");
	if (!fp || fwrite(data, 1, size, fp) != size)
		abort();
	fclose(fp);
	struct pcdir d;
	struct cf_error err;
	pcdir_init(&d);
	cf_error_clear(&err);
	size_t n = sizeof wanted / sizeof *wanted;
	for (size_t i = 0; i < n; i++)
		if (pcdir_want(&d, wanted[i], 0) || pcdir_want(&d, wanted[i], 1))
			abort();
	int rc = pcdir_read(&d, path, &err);
	if (rc != CF_OK && (rc != CF_EINPUT || !err.msg[0] || strcmp(err.file, path)))
		abort();
	if (rc == CF_OK)
		for (size_t i = 0; i < n; i++) {
			check_entry(&d, pcdir_find(&d, wanted[i], 0));
			check_entry(&d, pcdir_find(&d, wanted[i], 1));
		}
	pcdir_release(&d);
	return 0;
}
