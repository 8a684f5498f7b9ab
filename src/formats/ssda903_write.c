/* Writing SSDA903 returns in DfE's CSV layout (see ssda903_write.h). */
#include "formats/ssda903_write.h"

#include <errno.h>
#include <string.h>

#include "base/date.h"

const char *const ssda903_file_names[S903_NTABLES] = {
	"header.csv", "episodes.csv", "reviews.csv", "uasc.csv", "oc2.csv", "oc3.csv", "ad1.csv",
	"placed_for_adoption.csv", "previous_permanence.csv", "missing.csv", "sw_episodes.csv",
};

int ssda903_writer_open(struct ssda903_writer *w, const char *dir, struct cf_error *err)
{
	memset(w, 0, sizeof *w);
	snprintf(w->dir, sizeof w->dir, "%s", dir);
	for (int t = 0; t < S903_NTABLES; t++) {
		char path[4200];
		snprintf(path, sizeof path, "%s/%s", dir, ssda903_file_names[t]);
		if (!(w->csv[t] = fopen(path, "w"))) {
			int e = errno;
			struct cf_error ignored = { 0 };
			ssda903_writer_close(w, &ignored);
			return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot create: %s", strerror(e));
		}
		const struct ssda903_table_def *d = &ssda903_tables[t];
		for (int c = 0; c < d->ncols; c++)
			fprintf(w->csv[t], "%s%s", c ? "," : "", d->cols[c].name);
		fputc('\n', w->csv[t]);
	}
	return CF_OK;
}

static void put_value(FILE *fp, const char *v)
{
	if (!strpbrk(v, ",\"\r\n")) {
		fputs(v, fp);
		return;
	}
	fputc('"', fp);
	for (; *v; v++) {
		if (*v == '"')
			fputc('"', fp);
		fputc(*v, fp);
	}
	fputc('"', fp);
}

void ssda903_writer_row(struct ssda903_writer *w, enum ssda903_table t, const char *const *vals)
{
	FILE *fp = w->csv[t];
	const struct ssda903_table_def *d = &ssda903_tables[t];
	for (int c = 0; c < d->ncols; c++) {
		if (c)
			fputc(',', fp);
		if (vals[c])
			put_value(fp, vals[c]);
	}
	fputc('\n', fp);
	w->rows[t]++;
}

int ssda903_writer_close(struct ssda903_writer *w, struct cf_error *err)
{
	int rc = CF_OK;
	for (int t = 0; t < S903_NTABLES; t++) {
		if (!w->csv[t])
			continue;
		if ((ferror(w->csv[t]) | fclose(w->csv[t])) && !rc)
			rc = cf_error_at(err, CF_EIO, w->dir, 0, ssda903_file_names[t], NULL, "write failed: %s",
					 strerror(errno));
		w->csv[t] = NULL;
	}
	return rc;
}

void ssda903_value_out(const struct ssda903_column *col, const char *stored, char *out, size_t outsz)
{
	cf_date d;
	if (!stored) {
		out[0] = '\0';
		return;
	}
	if ((col->type == S903_DATE || col->type == S903_PARTDATE) &&
	    cf_date_parse_datetime(stored, strlen(stored), &d) == 0) {
		int y, m, dd;
		cf_date_to_ymd(d, &y, &m, &dd);
		snprintf(out, outsz, "%02d/%02d/%04d", dd, m, y);
		return;
	}
	snprintf(out, outsz, "%s", stored);
}
