/* Development-time helper of tools/bundle-dfe.sh: prints every published
 * term the benchmarks read (indicators/indicator_map.c), one
 * "source<TAB>measure<TAB>breakdown" line each, so that the bundled tables
 * keep exactly the rows and columns the product uses. */
#include <stdio.h>

#include "indicators/indicators.h"
#include "indicators/indicator_map.h"

static void put(const struct pub_term *t)
{
	if (t->sign)
		printf("%s\t%s\t%s\n", t->source, t->measure, t->breakdown);
}

int main(void)
{
	for (int i = 0; i < indicator_map_count; i++)
		for (int k = 0; k < IND_MAX_TERMS; k++) {
			put(&indicator_map[i].num[k]);
			put(&indicator_map[i].den[k]);
		}
	put(&indicator_population_term);
	return ferror(stdout) ? 3 : 0;
}
