/* Listing a folder (base/dir.h). */
#include "base/dir.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n > e && strcasecmp(name + n - e, ext) == 0;
}

static int path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void dir_list_release(struct dir_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	l->paths = NULL;
	l->n = 0;
}

int dir_list(const char *dir, const char *ext, struct dir_list *out)
{
	out->paths = NULL;
	out->n = 0;
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	size_t cap = 0, dl = strlen(dir);
	const char *sep = dl && dir[dl - 1] == '/' ? "" : "/";
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || (ext && !has_ext(e->d_name, ext)))
			continue;
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			char **p = realloc(out->paths, cap * sizeof *p);
			if (!p)
				goto nomem;
			out->paths = p;
		}
		size_t l = dl + strlen(sep) + strlen(e->d_name) + 1;
		if (!(out->paths[out->n] = malloc(l)))
			goto nomem;
		snprintf(out->paths[out->n++], l, "%s%s%s", dir, sep, e->d_name);
	}
	closedir(d);
	if (out->n)
		qsort(out->paths, out->n, sizeof *out->paths, path_cmp);
	return 0;
nomem:
	closedir(d);
	dir_list_release(out);
	errno = ENOMEM;
	return -1;
}

int dir_make(const char *path, struct cf_error *err)
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
