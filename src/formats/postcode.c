/* Reducing UK postcodes to their sector (formats/postcode.h). */
#include "formats/postcode.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int postcode_sector_of(const char *raw, size_t len, unsigned forms, char *out, size_t outsz)
{
	char pc[16];
	size_t n = 0, space = 0;   /* space: characters before the first space inside */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)raw[i];
		if (isspace(c)) {
			if (n && !space)
				space = n;
			continue;
		}
		if (!isalnum(c) || n >= sizeof pc - 1)
			return -1;
		pc[n++] = (char)toupper(c);
	}
	if (n == 0 || !isalpha((unsigned char)pc[0]))
		return -1;
	/* outward code 2-4 characters, inward code a digit and two letters */
	if ((forms & POSTCODE_FULL) && n >= 5 && n <= 7 && isdigit((unsigned char)pc[n - 3]) &&
	    isalpha((unsigned char)pc[n - 2]) && isalpha((unsigned char)pc[n - 1])) {
		snprintf(out, outsz, "%.*s %c", (int)(n - 3), pc, pc[n - 3]);
		return 0;
	}
	if (n >= 3 && n <= 5 && isdigit((unsigned char)pc[n - 1]) &&
	    ((forms & POSTCODE_SECTOR_NOSPACE) || ((forms & POSTCODE_SECTOR) && space == n - 1))) {
		snprintf(out, outsz, "%.*s %c", (int)(n - 1), pc, pc[n - 1]);
		return 0;
	}
	return -1;
}

int postcode_sector(const char *s, char out[10])
{
	if (!s)
		return -1;
	return postcode_sector_of(s, strlen(s), POSTCODE_FULL | POSTCODE_SECTOR_NOSPACE, out, 10);
}
