/* Helpers shared by the synthetic authority's writers (private to synth/). */
#ifndef CF_SYNTH_WRITE_UTIL_H
#define CF_SYNTH_WRITE_UTIL_H

#include "base/error.h"
#include "synth/synth.h"

/* mkdir -p; CF_EIO with the folder named when it cannot be made. */
int synth_mkdirs(const char *path, struct cf_error *err);

/* The day a child became a care leaver (ceased care aged 16 or 17 after 13
 * weeks in care since their 14th birthday), or CF_DATE_NONE. */
cf_date synth_care_leaver_since(const struct synth_world *w, const struct syn_child *c);

#endif
