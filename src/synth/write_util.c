/* Small helpers shared by the synthetic authority's writers. */
#include "synth/write_util.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define NONE CF_DATE_NONE

int synth_mkdirs(const char *path, struct cf_error *err)
{
	char buf[4096];
	size_t n = strlen(path);
	if (n == 0 || n >= sizeof buf)
		return cf_error_at(err, CF_EUSAGE, path, 0, NULL, NULL, "not a usable folder name");
	memcpy(buf, path, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		char keep = buf[i];
		buf[i] = '\0';
		if (mkdir(buf, 0777) != 0 && errno != EEXIST)
			return cf_error_at(err, CF_EIO, buf, 0, NULL, NULL, "cannot create folder: %s", strerror(errno));
		buf[i] = keep;
	}
	struct stat sb;
	if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "not a folder");
	return CF_OK;
}

/* The day a child became a care leaver (ceased care aged 16 or 17 after 13
 * weeks in care since their 14th birthday), or NONE. */
cf_date synth_care_leaver_since(const struct synth_world *w, const struct syn_child *c)
{
	cf_date fourteen = cf_date_add_years(c->dob, 14), sixteen = cf_date_add_years(c->dob, 16),
		eighteen = cf_date_add_years(c->dob, 18);
	long days = 0;
	cf_date left = NONE;
	for (int k = 0; k < c->nepisodes; k++) {
		const struct syn_episode *e = &w->episodes[c->episode0 + k];
		cf_date a = e->start > fourteen ? e->start : fourteen;
		cf_date b = e->end == NONE ? w->end : e->end;
		if (b > a)
			days += b - a;
		if (e->end != NONE && strcmp(e->rec, "X1") && e->end >= sixteen && e->end <= eighteen)
			left = e->end;
	}
	return days >= 91 ? left : NONE;
}


int synth_write_all(const struct synth_world *w, const char *dir, struct cf_error *err)
{
	int rc = synth_write_ssda903(w, dir, err);
	if (!rc)
		rc = synth_write_cin(w, dir, err);
	if (!rc)
		rc = synth_write_local(w, dir, err);
	if (!rc)
		rc = synth_write_workforce(w, dir, err);
	return rc;
}
