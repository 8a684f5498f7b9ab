/* The validation job: what `caseflow validate` did itself — loading a
 * return's frames from files or the store, the ONS lookups, choosing the
 * year and the kind of return — done once, for the CLI and the server. */
#include "validate/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/ingest.h"

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Copy src's rows into dst (given src's columns and a last column "return"
 * the first time), each with label. Returns 0 or -1 on OOM. */
static int append_rows(struct cf_table *dst, const struct cf_table *src, const char *label)
{
	if (dst->ncols == 0) {
		for (int c = 0; c < src->ncols; c++)
			if (cf_table_add_column(dst, src->cols[c].name, src->cols[c].type, src->cols[c].decimals) < 0)
				return -1;
		if (cf_table_add_column(dst, "return", CF_CELL_TEXT, 0) < 0)
			return -1;
	}
	for (size_t r = 0; r < src->nrows; r++) {
		long d = cf_table_add_row(dst);
		if (d < 0)
			return -1;
		for (int c = 0; c < src->ncols; c++) {
			const struct cf_cell *x = cf_table_cell_const(src, r, c);
			int bad = 0;
			switch (x->type) {
			case CF_CELL_INT: cf_table_set_int(dst, (size_t)d, c, x->v.i); break;
			case CF_CELL_REAL: cf_table_set_real(dst, (size_t)d, c, x->v.d); break;
			case CF_CELL_BOOL: cf_table_set_bool(dst, (size_t)d, c, (int)x->v.i); break;
			case CF_CELL_TEXT: bad = cf_table_set_text(dst, (size_t)d, c, x->v.s); break;
			case CF_CELL_JSON: bad = cf_table_set_json(dst, (size_t)d, c, x->v.s); break;
			case CF_CELL_NULL: break;
			}
			if (bad)
				return -1;
		}
		if (cf_table_set_text(dst, (size_t)d, src->ncols, label))
			return -1;
	}
	return 0;
}

/* Derive PL_LA, PL_LOCATION and PL_DISTANCE from the ONS lookups. */
static int look_up(const struct validate_request *q, struct vlookup *lk, struct validate_return *r, int sectors,
		   struct cf_error *err)
{
	double t0 = now_seconds();
	int rc = vlookup_load(lk, &r->vd, q->postcodes, q->authorities, q->la, sectors, err);
	if (!rc && vlookup_derive(lk, &r->vd))
		rc = cf_error_set(err, CF_EIO, "out of memory");
	if (rc)
		return rc;
	r->looked_up = 1;
	r->postcodes_wanted = lk->nwanted;
	r->postcodes_found = lk->nfound;
	r->directory_rows = lk->dir.rows;
	r->lookup_seconds = now_seconds() - t0;
	snprintf(r->lookup_la, sizeof r->lookup_la, "%s", lk->la);
	return CF_OK;
}

/* The store's Ofsted provider list as the frame provider_info. */
static int with_providers(struct store *st, struct validate_return *r, struct cf_error *err)
{
	struct ofsted_providers p;
	int rc = ofsted_providers_read(st, &p, err);
	if (!rc && p.n == 0)
		rc = cf_error_set(err, CF_EINPUT,
				  "--providers: the store holds no Ofsted provider list; load Ofsted's list of children's "
				  "social care providers (CSV or workbook with columns URN and Provider type, "
				  "docs/money.md) with caseflow ingest --db PATH FILE");
	if (!rc && vload_providers(&r->vd, &p))
		rc = cf_error_set(err, CF_EIO, "out of memory");
	r->providers = (long)p.n;
	ofsted_providers_release(&p);
	return rc;
}

static void count(struct validate_return *r)
{
	r->nfindings = r->rep.nfindings;
	r->nran = r->rep.nran;
	r->nskipped = r->rep.nskipped;
}

/* The return on disk: its frames, year and lookups, then the rules. */
static int validate_files(const struct validate_request *q, struct validate_outcome *o, struct cf_error *err)
{
	struct validate_return *r = &o->returns[0];
	int year = q->year, rc;
	vdata_init(&r->vd);
	r->kept = 1;
	o->nreturns = 1;
	r->ret = q->ret;
	if (q->ret == VR_CIN) {
		rc = vload_cin_path(&r->vd, q->paths[0], err);
		if (!rc && !year)
			year = vload_cin_year(&r->vd);
		if (!rc && !year)
			rc = cf_error_at(err, CF_EINPUT, q->paths[0], 0, NULL, NULL,
					 "the census has no ReferenceDate to tell its year: give --year (e.g. 2024-25)");
	} else {
		rc = vload_903_paths(&r->vd, q->paths, q->npaths, "", err);
		if (!rc && q->previous)
			rc = vload_903_paths(&r->vd, (char *const[]){ (char *)q->previous }, 1, "_last", err);
		if (!rc && !year)
			year = ingest_year_from_path(q->paths[0]);
		if (!rc && !year && !(year = vload_infer_year(&r->vd)))
			rc = cf_error_set(err, CF_EINPUT, "cannot tell the collection year: give --year (e.g. 2024-25)");
		if (!r->vd.meta.file_format)   /* an XML return sets "xml" */
			r->vd.meta.file_format = "csv";
	}
	if (rc)
		return rc;
	r->year = year;
	snprintf(r->label, sizeof r->label, "%s %d-%02d", q->ret == VR_CIN ? "CIN census" : "SSDA903", year - 1,
		 year % 100);
	vdata_set_year(&r->vd, year);
	r->vd.meta.la_code = q->la;
	if (q->ret == VR_CIN && vload_cin_prepare(&r->vd))
		return cf_error_set(err, CF_EIO, "out of memory");
	if (q->postcodes && (rc = look_up(q, o->lookup, r, 0, err)))
		return rc;
	struct validate_options opt = { .ret = q->ret, .year = year, .codes = q->ncodes ? q->codes : NULL,
					.ncodes = q->ncodes, .have_postcodes = q->postcodes != NULL, .la_absent = !q->la };
	if ((rc = validate_run(&r->vd, &opt, &r->rep, err)))
		return rc;
	count(r);
	o->tables[0] = r->rep.summary;
	o->tables[1] = r->rep.findings;
	o->tables[2] = r->rep.rules;
	return CF_OK;
}

/* The returns in the store: the SSDA903 return of the year (the latest
 * without one; the year before as _last) and every CIN census (of the
 * year, when given), each named in the "return" column. */
static int validate_store(const struct validate_request *q, struct validate_outcome *o, struct cf_error *err)
{
	struct vload_cin_return *cins = NULL;
	int ncin = 0, rc = CF_OK;
	o->own_tables = 1;
	for (int i = 0; i < 3; i++)
		if (!(o->tables[i] = cf_table_new(i == 0 ? "summary" : i == 1 ? "findings" : "rules")))
			return cf_error_set(err, CF_EIO, "out of memory");
	int year903 = 0;
	if (q->want_903 && !(year903 = q->year)) {
		struct cf_error lerr;   /* a status err holds from before is not this call's */
		cf_error_clear(&lerr);
		year903 = vload_903_store_latest(q->st, &lerr);
		if (lerr.status) {
			*err = lerr;
			return lerr.status;
		}
	}
	if (q->want_cin && (rc = vload_cin_store_list(q->st, q->year, &cins, &ncin, err)))
		return rc;
	struct validate_return *grown = realloc(o->returns, ((size_t)ncin + 1) * sizeof *grown);
	if (!grown) {
		free(cins);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	o->returns = grown;
	memset(o->returns, 0, ((size_t)ncin + 1) * sizeof *o->returns);
	for (int i = -1; i < ncin && !rc; i++) {
		struct validate_return *r = &o->returns[o->nreturns];
		int year = i < 0 ? year903 : q->year ? q->year : cins[i].year;
		if (i < 0 && !year903)
			continue;
		vdata_init(&r->vd);
		r->kept = 1;
		o->nreturns++;
		if (i < 0) {
			r->ret = VR_903;
			rc = vload_903_store(&r->vd, q->st, year, err);
			if (rc == CF_EINPUT && q->want_cin && ncin) {   /* no SSDA903 return that year: the censuses alone */
				cf_error_clear(err);
				vdata_release(&r->vd);
				r->kept = 0;
				o->nreturns--;
				rc = CF_OK;
				continue;
			}
			snprintf(r->label, sizeof r->label, "SSDA903 %d-%02d", year - 1, year % 100);
			snprintf(r->sheet_prefix, sizeof r->sheet_prefix, "903 ");
		} else {
			r->ret = VR_CIN;
			rc = vload_cin_store(&r->vd, q->st, cins[i].id, err);
			if (!rc && !year)
				year = vload_cin_year(&r->vd);
			if (!rc && !year)
				rc = cf_error_at(err, CF_EINPUT, cins[i].path, 0, NULL, NULL,
						 "the census has no ReferenceDate to tell its year: give --year (e.g. 2024-25)");
			snprintf(r->label, sizeof r->label, "CIN census %d-%02d (%s)", year - 1, year % 100, cins[i].path);
			snprintf(r->sheet_prefix, sizeof r->sheet_prefix, "CIN%d ", i + 1);
		}
		if (rc)
			break;
		r->year = year;
		vdata_set_year(&r->vd, year);
		r->vd.meta.la_code = q->la;
		if (i >= 0 && vload_cin_prepare(&r->vd)) {
			rc = cf_error_set(err, CF_EIO, "out of memory");
			break;
		}
		/* the store keeps postcodes as sectors: matched as sectors */
		if (i < 0 && q->postcodes && (rc = look_up(q, o->lookup, r, 1, err)))
			break;
		if (i < 0 && q->providers && (rc = with_providers(q->st, r, err)))
			break;
		struct validate_options opt = { .ret = r->ret, .year = year, .codes = q->ncodes ? q->codes : NULL,
						 .ncodes = q->ncodes, .upn_absent = i >= 0, .la_absent = !q->la,
						 .have_postcodes = i < 0 && q->postcodes != NULL,
						 .have_providers = i < 0 && q->providers };
		if ((rc = validate_run(&r->vd, &opt, &r->rep, err)))
			break;
		count(r);
		if (append_rows(o->tables[0], r->rep.summary, r->label) || append_rows(o->tables[1], r->rep.findings, r->label) ||
		    append_rows(o->tables[2], r->rep.rules, r->label)) {
			rc = cf_error_set(err, CF_EIO, "out of memory");
			break;
		}
		if (!q->keep_frames) {   /* only the workbook's sheets need the frames */
			validate_report_release(&r->rep);
			vdata_release(&r->vd);
			r->kept = 0;
		}
	}
	free(cins);
	if (!rc && o->nreturns == 0)
		rc = cf_error_set(err, CF_EINPUT, "the store holds no %s%s%s", q->want_903 ? "SSDA903 return" : "CIN census",
				  q->want_903 && q->want_cin ? " or CIN census" : "", q->year ? " for that year" : "");
	if (!rc && o->nreturns == 1)
		o->returns[0].sheet_prefix[0] = 0;
	return rc;
}

int validate_returns(const struct validate_request *q, struct validate_outcome **out, struct cf_error *err)
{
	struct validate_outcome *o = calloc(1, sizeof *o);
	*out = o;
	if (!o || !(o->returns = calloc(1, sizeof *o->returns)) || !(o->lookup = malloc(sizeof *o->lookup)))
		return cf_error_set(err, CF_EIO, "out of memory");
	vlookup_init(o->lookup);
	for (int i = 0; i < q->ncodes; i++) {
		int known = q->paths ? validate_rule_known(q->ret, q->codes[i])
				     : (q->want_903 && validate_rule_known(VR_903, q->codes[i])) ||
					       (q->want_cin && validate_rule_known(VR_CIN, q->codes[i]));
		if (!known)
			return cf_error_set(err, CF_EUSAGE, "--rules: no rule %s (caseflow validate --list-rules lists them)",
					    q->codes[i]);
	}
	return q->paths ? validate_files(q, o, err) : validate_store(q, o, err);
}

void validate_outcome_free(struct validate_outcome *o)
{
	if (!o)
		return;
	for (int i = 0; i < o->nreturns; i++)
		if (o->returns[i].kept) {
			validate_report_release(&o->returns[i].rep);
			vdata_release(&o->returns[i].vd);
		}
	free(o->returns);
	for (int i = 0; o->own_tables && i < 3; i++)
		cf_table_free(o->tables[i]);
	if (o->lookup) {
		vlookup_release(o->lookup);
		free(o->lookup);
	}
	free(o);
}
