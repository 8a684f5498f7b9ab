/* The one directory walker: a folder's entries, by name, as paths. */
#ifndef CF_BASE_DIR_H
#define CF_BASE_DIR_H

#include <stddef.h>

#include "base/error.h"

struct dir_list {
	char **paths;   /* owned: "DIR/NAME", sorted */
	size_t n;
};

/* The entries of dir whose names do not start with '.' and, when ext is not
 * NULL, end with ext in any case (".csv"), joined to dir with one '/' and
 * sorted, so that every run sees a folder in the same order. Returns 0, or
 * -1 with errno set (the folder cannot be read, or ENOMEM) and out empty.
 * Release with dir_list_release. */
int dir_list(const char *dir, const char *ext, struct dir_list *out);
void dir_list_release(struct dir_list *l);

/* mkdir -p: path and the folders above it. CF_EIO with the folder named
 * when one cannot be made or path is not a folder. */
int dir_make(const char *path, struct cf_error *err);

#endif
