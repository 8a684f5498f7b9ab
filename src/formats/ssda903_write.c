/* Writing SSDA903 returns in DfE's CSV and XML layouts (see ssda903_write.h). */
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

/* --- the XML layout ------------------------------------------------------- */

/* An element; an empty or missing value is written as an empty element. */
static void xel(struct ssda903_xml_writer *w, const char *name, const char *value)
{
	int rc = (value && value[0]) ? xmlTextWriterWriteElement(w->x, BAD_CAST name, BAD_CAST value)
				     : (xmlTextWriterStartElement(w->x, BAD_CAST name) < 0 ? -1
									   : xmlTextWriterEndElement(w->x));
	if (rc < 0)
		w->failed = 1;
}

/* Only when the value is given. */
static void xel_given(struct ssda903_xml_writer *w, const char *name, const char *value)
{
	if (value && value[0])
		xel(w, name, value);
}

static void xstart(struct ssda903_xml_writer *w, const char *name)
{
	if (xmlTextWriterStartElement(w->x, BAD_CAST name) < 0)
		w->failed = 1;
}

static void xend(struct ssda903_xml_writer *w)
{
	if (xmlTextWriterEndElement(w->x) < 0)
		w->failed = 1;
}

int ssda903_xml_open(struct ssda903_xml_writer *w, const char *path, struct cf_error *err)
{
	memset(w, 0, sizeof *w);
	snprintf(w->path, sizeof w->path, "%s", path);
	w->x = xmlNewTextWriterFilename(path, 0);
	if (!w->x || xmlTextWriterStartDocument(w->x, "1.0", "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElement(w->x, BAD_CAST "EXPSSDA903") < 0) {
		if (w->x)
			xmlFreeTextWriter(w->x);
		w->x = NULL;
		return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot write XML");
	}
	return CF_OK;
}

void ssda903_xml_child(struct ssda903_xml_writer *w, const struct ssda903_child_rows *c)
{
	if (!c->n[S903_HEADER])
		return;
	const char *const *h = c->rows[S903_HEADER][0];   /* CHILD SEX DOB ETHNIC UPN MOTHER MC_DOB */
	xstart(w, "CHILD");
	xstart(w, "HEADER");
	xel(w, "CHILDID", h[0]);
	xel(w, "UPN", h[4]);
	xel(w, "SEX", h[1]);
	xel(w, "DOB", h[2]);
	xel(w, "ETHNIC", h[3]);
	if (c->n[S903_UASC]) {
		xel(w, "UASC", "1");
		xel(w, "DUC", c->rows[S903_UASC][0][3]);
	} else {
		xel(w, "UASC", NULL);
	}
	for (int i = 0; i < c->n[S903_OC3]; i++) {
		const char *const *r = c->rows[S903_OC3][i];
		xel(w, "IN_TOUCH", r[2]);
		xel(w, "ACTIV", r[3]);
		xel(w, "ACCOM", r[4]);
	}
	static const char *const ad1[] = { "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR",
					   "LS_ADOPTR" };
	for (int i = 0; i < c->n[S903_AD1]; i++)
		for (int k = 0; k < 6; k++)
			xel(w, ad1[k], c->rows[S903_AD1][i][2 + k]);
	for (int i = 0; i < c->n[S903_MISSING]; i++) {
		const char *const *r = c->rows[S903_MISSING][i];
		xstart(w, "AMISSING");
		xel(w, "MISSING", r[2]);
		xel(w, "MIS_START", r[3]);
		xel(w, "MIS_END", r[4]);
		xend(w);
	}
	for (int i = 0; i < c->n[S903_REVIEWS]; i++) {
		const char *const *r = c->rows[S903_REVIEWS][i];
		xstart(w, "AREVIEW");
		xel(w, "REVIEW", r[2]);
		xel(w, "REVIEW_CODE", r[3]);
		xend(w);
	}
	xel(w, "MOTHER", h[5]);
	xel(w, "MC_DOB", h[6]);
	for (int i = 0; i < c->n[S903_PREV_PERM]; i++) {
		const char *const *r = c->rows[S903_PREV_PERM][i];
		xstart(w, "PERMANENCE");
		xel(w, "PREV_PERM", r[2]);
		xel_given(w, "LA_PERM", r[3]);
		xel_given(w, "DATE_PERM", r[4]);
		xend(w);
	}
	static const char *const oc2[] = { "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK",
					   "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
					   "INTERVENTION_OFFERED" };
	for (int i = 0; i < c->n[S903_OC2]; i++) {
		const char *const *r = c->rows[S903_OC2][i];
		xstart(w, "OC2");
		if (r[2] && r[2][0])
			xel(w, "SDQ_SCORE", r[2]);
		else
			xel(w, "SDQ_REASON", r[3]);
		for (int k = 0; k < 8; k++)
			xel(w, oc2[k], r[4 + k]);
		xend(w);
	}
	for (int i = 0; i < c->n[S903_PLACED_ADOPTION]; i++) {
		const char *const *r = c->rows[S903_PLACED_ADOPTION][i];
		xstart(w, "AD_PLACED");
		xel(w, "DATE_PLACED", r[2]);
		xel(w, "DATE_PLACED_CEASED", r[3]);
		xel(w, "REASON_PLACED_CEASED", r[4]);
		xend(w);
	}
	xend(w);   /* HEADER */
	for (int i = 0; i < c->n[S903_EPISODES]; i++) {
		/* CHILD DECOM RNE LS CIN PLACE PLACE_PROVIDER DEC REC REASON_PLACE_CHANGE HOME_POST PL_POST URN */
		const char *const *r = c->rows[S903_EPISODES][i];
		xstart(w, "EPISODE");
		xel(w, "DECOM", r[1]);
		xel(w, "RNE", r[2]);
		xel(w, "LS", r[3]);
		xel(w, "CIN", r[4]);
		xel(w, "PL", r[5]);
		xel(w, "PL_POST", r[11]);
		xel(w, "HOME_POST", r[10]);
		xel(w, "URN", r[12]);
		xel(w, "PLACE_PROVIDER", r[6]);
		xel(w, "DEC", r[7]);
		xel(w, "REC", r[8]);
		xel(w, "REASON_PLACE_CHANGE", r[9]);
		xend(w);
	}
	xend(w);   /* CHILD */
}

int ssda903_xml_close(struct ssda903_xml_writer *w, struct cf_error *err)
{
	if (!w->x)
		return CF_OK;
	if (xmlTextWriterEndDocument(w->x) < 0)
		w->failed = 1;
	xmlFreeTextWriter(w->x);
	w->x = NULL;
	return w->failed ? cf_error_at(err, CF_EIO, w->path, 0, NULL, NULL, "cannot write XML") : CF_OK;
}
