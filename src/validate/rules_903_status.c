/* SSDA903 rules written by hand on status carried across tables and years:
 * UASC status this year and last (205A-D, 164, 392a/b, 406, 303), postcodes
 * not in the ONS directory (392c), the UPN
 * against last year's (208), Ofsted's provider lists (219-229), previous
 * permanence dates (632), duplicate UPNs (444), social worker episodes
 * against care (SW01, SW11b, SW12), and deprivation of liberty orders. */
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "validate/rules.h"
#include "validate/rules_903.h"
#include "validate/vlookup.h"

#define BASE VR_BASE_YEAR
#define R(code_, since_, until_, tabs, flds, msg, ...) \
	{ .code = code_, .ret = VR_903, .since = since_, .until = until_, .message = msg, \
	  .tables = tabs, .fields = flds, __VA_ARGS__ }
#define DNONE CF_DATE_NONE
#define FLAG(f, r) do { if (vrun_flag(run, (f), (r))) { rc = VCHECK_OOM; goto out; } } while (0)

/* ---- UASC status ------------------------------------------------------------
 * DfE's tool reads a child's UASC status from the Header's UASC column (for
 * CSV returns derived from the UASC table on reading), or, without a
 * Header, from the UASC table itself: "1" when any of its items other than
 * those in skip are given. */
struct uasc_src {
	struct vframe *f;        /* Header (with UASC) or the UASC table; NULL: none */
	struct vcol *col;        /* Header's UASC, or NULL when derived */
	int derived;
};

static void uasc_source(struct vrun *run, const char *header, const char *uasc, struct uasc_src *s)
{
	memset(s, 0, sizeof *s);
	struct vframe *h = vrun_frame(run, header);
	if (h) {
		s->f = h;
		int c = vframe_colno(h, "UASC");
		s->col = c >= 0 ? h->cols[c] : NULL;
		return;
	}
	s->f = vrun_frame(run, uasc);
	s->derived = s->f != NULL;
}

/* The status of row r of s->f as text ("1", "0", "nan"), deriving it from
 * the UASC table's items other than CHILD and those in skip. */
static const char *uasc_value(const struct uasc_src *s, long r, const char *skip)
{
	if (!s->derived)
		return s->col ? vcol_asstr(s->col, r) : "nan";
	for (int c = 0; c < s->f->ncols; c++) {
		const char *name = s->f->cols[c]->name;
		if (strcmp(name, "CHILD") != 0 && !vlist_has(skip, name) && s->f->cols[c]->v[r])
			return "1";
	}
	return "0";
}

/* Children ever UASC ("1") this year or last, for 164, 392a/b and 406.
 * Returns 1 and fills *ever (per Episodes row) when a UASC status is known
 * at all; 0 when no table gives one. */
static int uasc_ever(struct vrun *run, struct vframe *ep, unsigned char *ever)
{
	struct uasc_src now, last;
	uasc_source(run, "Header", "UASC", &now);
	uasc_source(run, "Header_last", "UASC_last", &last);
	int known = (now.f && (now.derived || now.col)) || (last.f && (last.derived || last.col));
	struct vcol *cc = vframe_col(ep, "CHILD");
	for (long r = 0; cc && r < ep->nrows; r++) {
		ever[r] = 0;
		const struct uasc_src *src[2] = { &now, &last };
		for (int k = 0; k < 2 && !ever[r]; k++) {
			if (!src[k]->f || (!src[k]->derived && !src[k]->col) || !cc->v[r])
				continue;
			for (long h = vframe_find(src[k]->f, cc->v[r], -1); h >= 0 && !ever[r];
			     h = vframe_find(src[k]->f, cc->v[r], h))
				ever[r] = src[k]->derived ? strcmp(uasc_value(src[k], h, ""), "1") == 0
							  : vcol_eq(src[k]->col, h, "1");
		}
	}
	return known;
}

/* 164, 392a, 392b, 406 */
enum { U164, U392A, U392B, U406 };

static int uasc_distance(struct vrun *run, int which)
{
	struct vframe *ep = vrun_frame(run, "Episodes");
	unsigned char *ever = malloc((size_t)(ep->nrows ? ep->nrows : 1));
	struct vcol *dist = vframe_col(ep, "PL_DISTANCE"), *ls = vframe_col(ep, "LS"), *hp = vframe_col(ep, "HOME_POST"),
		    *pp = vframe_col(ep, "PL_POST");
	int rc = VCHECK_RAN;
	if (!ever || !dist || !ls || !hp || !pp) {
		free(ever);
		return VCHECK_OOM;
	}
	int known = uasc_ever(run, ep, ever);
	if (!known && which != U392B) {
		free(ever);
		return VCHECK_SKIP;
	}
	for (long r = 0; r < ep->nrows; r++) {
		int bad = 0;
		double d;
		switch (which) {
		case U164:
			bad = !ever[r] && dist->v[r] && vcol_num(dist, r, &d) == 0 && (d < 0 || d > 999.9);
			break;
		case U392A:
			bad = !ever[r] && !vcol_in(ls, r, "V3 V4") && !dist->v[r];
			break;
		case U392B:
			bad = !ever[r] && !vcol_in(ls, r, "V3 V4") && (!hp->v[r] || !pp->v[r]);
			break;
		case U406:
			bad = ever[r] && dist->v[r];
			break;
		}
		if (bad)
			FLAG(ep, r);
	}
out:
	free(ever);
	return rc;
}

static int c164(struct vrun *run) { return uasc_distance(run, U164); }
static int c392a(struct vrun *run) { return uasc_distance(run, U392A); }
static int c392b(struct vrun *run) { return uasc_distance(run, U392B); }
static int c406(struct vrun *run) { return uasc_distance(run, U406); }

/* 392c: a postcode given that the ONS postcode directory does not have. */
static int c392c(struct vrun *run)
{
	const struct vlookup *lk = run->vd->meta.lookup;
	struct vframe *ep = vrun_frame(run, "Episodes");
	struct vcol *hp = vframe_col(ep, "HOME_POST"), *pp = vframe_col(ep, "PL_POST");
	int rc = VCHECK_RAN;
	if (!lk)
		return VCHECK_SKIP;
	if (!hp || !pp)
		return VCHECK_OOM;
	for (long r = 0; r < ep->nrows; r++)
		if ((hp->v[r] && !vlookup_known(lk, hp->v[r])) || (pp->v[r] && !vlookup_known(lk, pp->v[r])))
			FLAG(ep, r);
out:
	return rc;
}

/* 205A-D: UASC status and the date it ceased, this year against last. */
enum { U205A, U205B, U205C, U205D };

static int uasc_years(struct vrun *run, int which)
{
	const char *fmt = run->vd->meta.file_format;
	int csv = fmt && strcmp(fmt, "csv") == 0, xml = fmt && strcmp(fmt, "xml") == 0;
	struct vframe *u = vrun_frame(run, "UASC"), *ul = vrun_frame(run, "UASC_last");
	struct vframe *h = vrun_frame(run, "Header"), *hl = vrun_frame(run, "Header_last");
	if (which != U205D) {
		if (!u || !ul || (xml && (!h || !hl)) || (!(h && hl) && !csv))
			return VCHECK_SKIP;
	} else if ((!h && !u) || (!hl && !ul)) {
		return VCHECK_SKIP;
	}
	struct uasc_src now, last;
	uasc_source(run, "Header", "UASC", &now);
	uasc_source(run, "Header_last", "UASC_last", &last);
	if ((!now.derived && !now.col) || (!last.derived && !last.col))
		return VCHECK_SKIP;
	int rc = VCHECK_RAN;
	const char *skip = "DOB";
	cf_date cs = run->vd->meta.collection_start, ce = run->vd->meta.collection_end;
	if (which == U205D) {
		/* this year's status 1, last year's not */
		struct vcol *cc = vframe_col(now.f, "CHILD");
		for (long r = 0; cc && r < now.f->nrows; r++)
			for (long q = cc->v[r] ? vframe_find(last.f, cc->v[r], -1) : -1; q >= 0;
			     q = vframe_find(last.f, cc->v[r], q))
				if (strcmp(uasc_value(&now, r, skip), "1") == 0 && strcmp(uasc_value(&last, q, skip), "1") != 0)
					FLAG(now.f, r);
		goto out;
	}
	struct vcol *uc = vframe_col(u, "CHILD"), *duc = vframe_col(u, "DUC"), *lduc = vframe_col(ul, "DUC"),
		    *ldob = vframe_col(ul, "DOB");
	if (!uc || !duc || !lduc || !ldob)
		return VCHECK_OOM;
	int flag_h = !now.derived;
	cf_date cs_last = cs != DNONE ? cf_date_add_years(cs, -1) : DNONE;
	cf_date ce_last = ce != DNONE ? cf_date_add_years(ce, -1) : DNONE;
	for (long r = 0; r < u->nrows; r++) {
		const char *child = uc->v[r];
		/* every (Header row, last UASC row, last Header row) of the child, or none */
		long hrow = child ? vframe_find(now.f, child, -1) : -1;
		if (now.derived)
			hrow = r;
		do {
			long lrow = child ? vframe_find(ul, child, -1) : -1;
			do {
				long hlrow = lrow >= 0 ? (last.derived ? lrow : vframe_find(last.f, child, -1)) : -1;
				do {
					const char *st = hrow >= 0 ? uasc_value(&now, hrow, skip) : "nan";
					const char *stl = hlrow >= 0 ? uasc_value(&last, hlrow, skip) : "nan";
					cf_date d = vcol_date(u, duc, r);
					cf_date dl = lrow >= 0 ? vcol_date(ul, lduc, lrow) : DNONE;
					int bad = 0;
					if (which == U205A) {
						int in_prev = dl != DNONE && cs_last != DNONE && dl >= cs_last && dl <= ce_last;
						bad = strcmp(st, "1") != 0 && strcmp(stl, "1") == 0 && (duc->v[r] || !in_prev);
					} else if (which == U205B) {
						cf_date dob = lrow >= 0 ? vcol_date(ul, ldob, lrow) : DNONE;
						cf_date dob18 = dob != DNONE ? cf_date_add_years(dob, 18) : DNONE;
						int cur_in = d != DNONE && d >= cs && d <= ce;
						int prev_18 = dl != DNONE && dl == dob18;
						int cur_18 = d != DNONE && d == dl;
						bad = strcmp(st, "1") == 0 && strcmp(stl, "1") == 0 &&
						      ((!cur_in && !cur_18) || !prev_18);
					} else {
						int never = (strcmp(st, "0") == 0 || strcmp(st, "nan") == 0) &&
							    (strcmp(stl, "0") == 0 || strcmp(stl, "nan") == 0);
						bad = never && (d != DNONE || dl != DNONE);
					}
					if (bad) {
						FLAG(u, r);
						if (flag_h && hrow >= 0)
							FLAG(now.f, hrow);
					}
				} while (hlrow >= 0 && !last.derived && (hlrow = vframe_find(last.f, child, hlrow)) >= 0);
			} while (lrow >= 0 && (lrow = vframe_find(ul, child, lrow)) >= 0);
		} while (!now.derived && hrow >= 0 && (hrow = vframe_find(now.f, child, hrow)) >= 0);
	}
out:
	return rc;
}

static int c205a(struct vrun *run) { return uasc_years(run, U205A); }
static int c205b(struct vrun *run) { return uasc_years(run, U205B); }
static int c205c(struct vrun *run) { return uasc_years(run, U205C); }
static int c205d(struct vrun *run) { return uasc_years(run, U205D); }

/* 303: a date UASC ceased needs UASC status 1 in the Header. */
static int c303(struct vrun *run)
{
	struct vframe *h = vrun_frame(run, "Header");
	if (vframe_colno(h, "UASC") < 0)
		return VCHECK_SKIP;
	return vp_pairs(run);
}

/* ---- 208: UPN against last year's ---- */
static void upper_into(char *buf, size_t sz, const char *s)
{
	size_t i;
	for (i = 0; s[i] && i < sz - 1; i++)
		buf[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
	buf[i] = 0;
}

static int c208(struct vrun *run)
{
	struct vframe *h = vrun_frame(run, "Header"), *hl = vrun_frame(run, "Header_last");
	struct vcol *cc = vframe_col(h, "CHILD"), *up = vframe_col(h, "UPN"), *upl = vframe_col(hl, "UPN");
	int rc = VCHECK_RAN;
	if (!cc || !up || !upl)
		return VCHECK_OOM;
	for (long r = 0; r < h->nrows; r++) {
		long q = cc->v[r] ? vframe_find(hl, cc->v[r], -1) : -1;
		int bad = 0;
		for (; q >= 0 && !bad; q = vframe_find(hl, cc->v[r], q)) {
			char now[64], before[64];
			upper_into(now, sizeof now, vcol_asstr(up, r));
			upper_into(before, sizeof before, vcol_asstr(upl, q));
			int null_now = !up->v[r], null_before = !upl->v[q];
			int different = strcmp(now, before) != 0 && !(null_now && null_before);
			int valid_unknown = (strcmp(before, "UN1") == 0 || null_before) && vlist_has("UN2 UN3 UN4 UN5", now);
			int to_known = (vlist_has("UN1 UN2 UN3 UN4 UN5", before) || null_before) &&
				       !(vlist_has("UN1 UN2 UN3 UN4 UN5", now) || null_now);
			bad = different && !valid_unknown && !to_known;
		}
		if (bad)
			FLAG(h, r);
	}
out:
	return rc;
}

/* ---- 444: a UPN other than UN1-UN5 given for two children ---- */
static int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(**(const char *const *const *)a, **(const char *const *const *)b);
}

static int c444(struct vrun *run)
{
	struct vframe *h = vrun_frame(run, "Header");
	struct vcol *up = vframe_col(h, "UPN");
	long n = h->nrows, m = 0;
	const char ***v = malloc((size_t)(n ? n : 1) * sizeof *v);
	unsigned char *dup = calloc((size_t)(n ? n : 1), 1);
	int rc = VCHECK_RAN;
	if (!up || !v || !dup) {
		rc = VCHECK_OOM;
		goto out;
	}
	for (long r = 0; r < n; r++)
		if (up->v[r] && !vlist_has("UN1 UN2 UN3 UN4 UN5", up->v[r]))
			v[m++] = &up->v[r];
	qsort(v, (size_t)m, sizeof *v, str_ptr_cmp);
	for (long i = 0; i + 1 < m; i++)
		if (strcmp(*v[i], *v[i + 1]) == 0)
			dup[v[i] - up->v] = dup[v[i + 1] - up->v] = 1;
	for (long r = 0; r < n; r++)
		if (dup[r])
			FLAG(h, r);
out:
	free(v);
	free(dup);
	return rc;
}

/* ---- Ofsted's provider lists (metadata provider_info): joined on URN ---- */
static int same_value(const struct vcol *a, long i, const struct vcol *b, long j)
{
	return a->v[i] && b->v[j] && !(a->num && a->num[i]) == !(b->num && b->num[j]) && strcmp(a->v[i], b->v[j]) == 0;
}

/* 1 when code is one of the comma-separated codes in list */
static int in_commas(const char *list, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && memcmp(p, code, n) == 0)
			return 1;
		p = e ? e + 1 : NULL;
	}
	return 0;
}

enum { P219, P221, P224, P227, P228, P229 };

/* A postcode district ("LS1", "SW1A"): an outward code, no inward part. */
static int is_district(const char *s)
{
	size_t n = strlen(s);
	return n >= 2 && n <= 4 && isalpha((unsigned char)s[0]) && !strchr(s, ' ');
}

static int providers(struct vrun *run, int which, const char *places)
{
	struct vframe *ep = vrun_frame(run, "Episodes"), *pi = vrun_frame(run, "provider_info");
	struct vcol *urn = vframe_col(ep, "URN"), *purn = vframe_col(pi, "URN"), *pl = vframe_col(ep, "PLACE"),
		    *ls = vframe_col(ep, "LS"), *post = vframe_col(ep, "PL_POST"), *prov = vframe_col(ep, "PLACE_PROVIDER"),
		    *decom = vframe_col(ep, "DECOM"), *dec = vframe_col(ep, "DEC"), *codes = vframe_col(pi, "PLACE_CODES"),
		    *ppost = vframe_col(pi, "POSTCODE"), *pcodes = vframe_col(pi, "PROVIDER_CODES"),
		    *regend = vframe_col(pi, "REG_END"), *lacode = vframe_col(pi, "LA_CODE_INFERRED");
	const char *la = run->vd->meta.la_code;
	cf_date ce = run->vd->meta.collection_end;
	int rc = VCHECK_RAN;
	if (!urn || !purn || !pl || !ls || !post || !prov || !decom || !dec || !codes || !ppost || !pcodes || !regend || !lacode)
		return VCHECK_OOM;
	for (long r = 0; r < ep->nrows; r++) {
		if (!urn->v[r] || vcol_eq(urn, r, URN_NOT_REGISTERED))
			continue;
		if (which == P221 && (vcol_in(ls, r, "V3 V4") || !vcol_in(pl, r, places) || !post->v[r]))
			continue;
		int matched = 0, bad = 0;
		for (long p = 0; p <= pi->nrows && !bad; p++) {
			if (p == pi->nrows) {
				if (matched || which == P228)
					break;
				p = -1;   /* a left join: no provider row, its items missing */
			} else if (!same_value(urn, r, purn, p)) {
				continue;
			}
			matched = 1;
			switch (which) {
			case P219:
				bad = !(p >= 0 && pl->v[r] && codes->v[p] && in_commas(codes->v[p], pl->v[r]));
				break;
			case P221: {
				/* a list giving districts only (Ofsted publishes no more) is matched on
				 * the placement postcode's district */
				char nospace[64];
				size_t k = 0;
				int district = p >= 0 && ppost->v[p] && is_district(ppost->v[p]);
				for (const char *s = post->v[r]; *s && k < sizeof nospace - 1; s++) {
					if (*s == ' ' && district)
						break;
					if (*s != ' ')
						nospace[k++] = *s;
				}
				nospace[k] = 0;
				if (district && !strchr(post->v[r], ' ') && k >= 5)
					nospace[k - 3] = 0;   /* "LS14AB": the inward code is the last three */
				bad = !(p >= 0 && ppost->v[p] && strcmp(nospace, ppost->v[p]) == 0);
				break;
			}
			case P224:
				bad = !(p >= 0 && prov->v[r] && pcodes->v[p] && in_commas(pcodes->v[p], prov->v[r]));
				break;
			case P227: {
				cf_date re = p >= 0 ? vcol_date(pi, regend, p) : DNONE, d = vcol_date(ep, decom, r);
				bad = re != DNONE && d != DNONE && d >= re;
				break;
			}
			case P228: {
				cf_date re = vcol_date(pi, regend, p), d = vcol_date(ep, dec, r);
				bad = re != DNONE && ((d != DNONE && d > re) || (d == DNONE && ce != DNONE && ce > re));
				break;
			}
			case P229: {
				const char *lc = p >= 0 ? lacode->v[p] : NULL;
				int eq = lc && la && strcmp(lc, la) == 0;
				bad = (vcol_eq(prov, r, "PR1") && !eq) || (vcol_eq(prov, r, "PR2") && eq);
				break;
			}
			}
			if (p < 0)
				break;
		}
		if (bad)
			FLAG(ep, r);
	}
out:
	return rc;
}

static int c219(struct vrun *run) { return providers(run, P219, NULL); }
static int c221_2023(struct vrun *run) { return providers(run, P221, "K1 K2 R3 S1"); }
static int c221_2024(struct vrun *run) { return providers(run, P221, "H5 K1 K2 R3 S1"); }
static int c221_2025(struct vrun *run) { return providers(run, P221, "K1 K2 K3 R3 S1"); }
static int c224(struct vrun *run) { return providers(run, P224, NULL); }
static int c227(struct vrun *run) { return providers(run, P227, NULL); }
static int c228(struct vrun *run) { return providers(run, P228, NULL); }
static int c229(struct vrun *run) { return providers(run, P229, NULL); }

/* ---- 558: adopted, yet more than one decision reversed and none open ---- */
static int c558(struct vrun *run)
{
	struct vframe *ep = vrun_frame(run, "Episodes"), *pa = vrun_frame(run, "PlacedAdoption");
	struct vcol *cc = vframe_col(ep, "CHILD"), *rec = vframe_col(ep, "REC"), *dpc = vframe_col(pa, "DATE_PLACED_CEASED");
	int rc = VCHECK_RAN;
	if (!cc || !rec || !dpc)
		return VCHECK_OOM;
	for (long r = 0; r < ep->nrows; r++) {
		if (!vcol_in(rec, r, "E11 E12") || !cc->v[r])
			continue;
		long adoptions = 0, decisions = 0;
		int open = 0;
		for (long e = vframe_find(ep, cc->v[r], -1); e >= 0; e = vframe_find(ep, cc->v[r], e))
			adoptions += vcol_in(rec, e, "E11 E12");
		for (long p = vframe_find(pa, cc->v[r], -1); p >= 0; p = vframe_find(pa, cc->v[r], p)) {
			decisions++;
			open |= !dpc->v[p];
		}
		/* one row per adoption episode and decision, as the join gives */
		if (decisions && !open && adoptions * decisions > 1)
			FLAG(ep, r);
	}
out:
	return rc;
}

/* ---- 632: previous permanence date on or after the first episode, or not a date ---- */
static int c632(struct vrun *run)
{
	struct vframe *ep = vrun_frame(run, "Episodes"), *pp = vrun_frame(run, "PrevPerm");
	struct vcol *cc = vframe_col(ep, "CHILD"), *decom = vframe_col(ep, "DECOM"), *dp = vframe_col(pp, "DATE_PERM");
	unsigned char *first = vh_first_per_child(ep, "DECOM", 0, NULL);
	int rc = VCHECK_RAN;
	if (!cc || !decom || !dp || !first) {
		rc = VCHECK_OOM;
		goto out;
	}
	for (long r = 0; r < ep->nrows; r++) {
		if (!first[r])
			continue;
		cf_date d = vcol_date(ep, decom, r);
		for (long p = vframe_find(pp, cc->v[r], -1); p >= 0; p = vframe_find(pp, cc->v[r], p)) {
			cf_date perm;
			int ok = vdate_parse_zz(dp->v[p], &perm) == 0;
			if ((ok && d != DNONE && perm >= d) || (dp->v[p] && !ok)) {
				FLAG(ep, r);
				FLAG(pp, p);
			}
		}
	}
out:
	free(first);
	return rc;
}

/* ---- 1016: care leaver data for 17- or 18-year-olds who left care after that birthday ---- */
static int c1016(struct vrun *run)
{
	struct vframe *oc3 = vrun_frame(run, "OC3"), *ep = vrun_frame(run, "Episodes");
	struct vcol *cc = vframe_col(oc3, "CHILD"), *dob = vframe_col(oc3, "DOB"), *it = vframe_col(oc3, "IN_TOUCH"),
		    *ac = vframe_col(oc3, "ACTIV"), *am = vframe_col(oc3, "ACCOM"), *dec = vframe_col(ep, "DEC");
	cf_date ce = run->vd->meta.collection_end;
	int rc = VCHECK_RAN;
	if (!cc || !dob || !it || !ac || !am || !dec)
		return VCHECK_OOM;
	for (long o = 0; o < oc3->nrows; o++) {
		cf_date b = vcol_date(oc3, dob, o);
		if (b == DNONE || ce == DNONE || !(it->v[o] || ac->v[o] || am->v[o]))
			continue;
		double age = ce - b;   /* days; numpy's years are 365.2425 days */
		int y17 = age >= 17 * 365.2425 && age < 18 * 365.2425, y18 = age >= 18 * 365.2425 && age < 19 * 365.2425;
		for (long e = cc->v[o] ? vframe_find(ep, cc->v[o], -1) : -1; e >= 0; e = vframe_find(ep, cc->v[o], e)) {
			cf_date d = vcol_date(ep, dec, e);
			if (d != DNONE && ((y17 && d >= cf_date_add_years(b, 17)) || (y18 && d >= cf_date_add_years(b, 18))))
				FLAG(oc3, o);
		}
	}
out:
	return rc;
}

/* ---- social worker episodes against care ---- */

/* SW01: looked after on 31 March (open, not respite) with incomplete or no social worker episodes. */
static int cSW01(struct vrun *run)
{
	struct vframe *ep = vrun_frame(run, "Episodes"), *sw = vrun_frame(run, "SWEpisodes");
	struct vcol *cc = vframe_col(ep, "CHILD"), *dec = vframe_col(ep, "DEC"), *ls = vframe_col(ep, "LS"),
		    *id = vframe_col(sw, "SW_ID"), *dc = vframe_col(sw, "SW_DECOM"), *re = vframe_col(sw, "SW_REASON");
	int rc = VCHECK_RAN;
	if (!cc || !dec || !ls || !id || !dc || !re)
		return VCHECK_OOM;
	for (long r = 0; r < ep->nrows; r++) {
		if (dec->v[r] || vcol_in(ls, r, "V3 V4"))
			continue;
		long s = cc->v[r] ? vframe_find(sw, cc->v[r], -1) : -1;
		int bad = s < 0;
		for (; s >= 0 && !bad; s = vframe_find(sw, cc->v[r], s))
			bad = !id->v[s] || !dc->v[s] || !re->v[s];
		if (bad)
			FLAG(ep, r);
	}
out:
	return rc;
}

/* SW12: an episode starting or ending care with no social worker episode
 * starting on or after its start (RNE S) or on or before its end. */
static int sw12(struct vrun *run, int windowed)
{
	struct vframe *ep = vrun_frame(run, "Episodes"), *sw = vrun_frame(run, "SWEpisodes");
	struct vcol *cc = vframe_col(ep, "CHILD"), *dec = vframe_col(ep, "DEC"), *decom = vframe_col(ep, "DECOM"),
		    *ls = vframe_col(ep, "LS"), *rne = vframe_col(ep, "RNE"), *rec = vframe_col(ep, "REC"),
		    *swd = vframe_col(sw, "SW_DECOM");
	cf_date cs = run->vd->meta.collection_start, ce = run->vd->meta.collection_end;
	int rc = VCHECK_RAN;
	if (!cc || !dec || !decom || !ls || !rne || !rec || !swd)
		return VCHECK_OOM;
	for (long r = 0; r < ep->nrows; r++) {
		cf_date b = vcol_date(ep, dec, r), a = vcol_date(ep, decom, r);
		if (windowed) {
			/* DEC within the year before the collection (numpy's mean year) to its end, or none */
			int in = b != DNONE && (long long)b * 86400 >= (long long)cs * 86400 - 31556952LL && b <= ce;
			if (!in && b != DNONE)
				continue;
		}
		int ends = !vcol_eq(rec, r, "X1"), starts = vcol_eq(rne, r, "S");
		if (vcol_in(ls, r, "V3 V4") || !(starts || ends))
			continue;
		long s = cc->v[r] ? vframe_find(sw, cc->v[r], -1) : -1;
		do {
			cf_date d = s >= 0 ? vcol_date(sw, swd, s) : DNONE;
			int before_end = d != DNONE && b != DNONE && d <= b && ends;
			int after_start = d != DNONE && a != DNONE && d >= a && starts;
			if (!before_end && !after_start)
				FLAG(ep, r);
		} while (s >= 0 && (s = vframe_find(sw, cc->v[r], s)) >= 0);
	}
out:
	return rc;
}

static int cSW12_2024(struct vrun *run) { return sw12(run, 0); }
static int cSW12_2025(struct vrun *run) { return sw12(run, 1); }

/* SW11b: a social worker episode ending in the last five days of the year
 * with none following: the next episode has no start, the child has only
 * that episode, or a later one starts before it ended. */
static int cSW11b(struct vrun *run)
{
	struct vframe *sw = vrun_frame(run, "SWEpisodes");
	struct vcol *cc = vframe_col(sw, "CHILD"), *dc = vframe_col(sw, "SW_DECOM"), *de = vframe_col(sw, "SW_DEC");
	long n = sw->nrows, *order = vframe_order(sw, "SW_DECOM");
	cf_date ce = run->vd->meta.collection_end;
	int rc = VCHECK_RAN;
	if (!cc || !dc || !de || !order) {
		rc = VCHECK_OOM;
		goto out;
	}
#define IN_WINDOW(d) ((d) != DNONE && ce != DNONE && (d) >= ce - 5 && (d) <= ce)
#define SAME_CHILD(a, b) (cc->v[a] && cc->v[b] && strcmp(cc->v[a], cc->v[b]) == 0)
	for (long i = 0; i < n;) {
		long k = i + 1;
		while (k < n && SAME_CHILD(order[i], order[k]))
			k++;
		if (cc->v[order[i]]) {
			if (k - i == 1 && IN_WINDOW(vcol_date(sw, de, order[i])))
				FLAG(sw, order[i]);
			for (long j = i + 1; j < k; j++) {
				long prev = order[j - 1], cur = order[j];
				if (IN_WINDOW(vcol_date(sw, de, prev)) && vcol_date(sw, dc, cur) == DNONE)
					FLAG(sw, cur);
			}
			/* descending order of start (undated last): each row against the one before it */
			long nd = 0;
			for (long j = i; j < k; j++)
				nd += vcol_date(sw, dc, order[j]) != DNONE;
			for (long j = 1; j < k - i; j++) {
				/* position j in descending order */
				long cur = j < nd ? order[i + nd - 1 - j] : order[i + j];
				long prev = j - 1 < nd ? order[i + nd - j] : order[i + j - 1];
				cf_date pend = vcol_date(sw, de, prev), cstart = vcol_date(sw, dc, cur);
				if (cstart != DNONE && pend != DNONE && cstart < pend && IN_WINDOW(pend))
					FLAG(sw, prev);
			}
		}
		i = k;
	}
#undef IN_WINDOW
#undef SAME_CHILD
out:
	free(order);
	return rc;
}

/* ---- deprivation of liberty orders (2026-27) ---- */

/* 705: a DoLO starting before the previous one ended, in (CHILD, end or else start, start) order. */
static int c705(struct vrun *run)
{
	struct vframe *f = vrun_frame(run, "DoLo");
	struct vcol *cc = vframe_col(f, "CHILD"), *sc = vframe_col(f, "DOLO_START"), *ec = vframe_col(f, "DOLO_END");
	long n = f->nrows;
	long *ord = malloc((size_t)(n ? n : 1) * sizeof *ord);
	int rc = VCHECK_RAN;
	if (!cc || !sc || !ec || !ord) {
		rc = VCHECK_OOM;
		goto out;
	}
	/* insertion sort: DoLOs are few per return */
	for (long r = 0; r < n; r++) {
		long j = r;
		while (j > 0) {
			long a = ord[j - 1];
			cf_date ea = vcol_date(f, ec, a) != DNONE ? vcol_date(f, ec, a) : vcol_date(f, sc, a);
			cf_date er = vcol_date(f, ec, r) != DNONE ? vcol_date(f, ec, r) : vcol_date(f, sc, r);
			int c = cc->v[a] && cc->v[r] ? strcmp(cc->v[a], cc->v[r]) : (cc->v[a] ? -1 : 1);
			if (c < 0 || (c == 0 && (er == DNONE || (ea != DNONE && ea <= er))))
				break;
			ord[j] = ord[j - 1];
			j--;
		}
		ord[j] = r;
	}
	for (long i = 1; i < n; i++) {
		long p = ord[i - 1], r = ord[i];
		if (!cc->v[p] || !cc->v[r] || strcmp(cc->v[p], cc->v[r]) != 0)
			continue;
		cf_date pend = vcol_date(f, ec, p), st = vcol_date(f, sc, r);
		if (pend == DNONE || (st != DNONE && st < pend))
			FLAG(f, r);
	}
out:
	free(ord);
	return rc;
}

/* 706: an open DoLO last year with no DoLO this year starting the same day.
 * The finding is on last year's row (DfE's tool reports its row number
 * against this year's table). */
static int c706(struct vrun *run)
{
	struct vframe *f = vrun_frame(run, "DoLo"), *fl = vrun_frame(run, "DoLo_last");
	struct vcol *lc = vframe_col(fl, "CHILD"), *ls = vframe_col(fl, "DOLO_START"), *le = vframe_col(fl, "DOLO_END"),
		    *cs = vframe_col(f, "DOLO_START");
	int rc = VCHECK_RAN;
	if (!lc || !ls || !le || !cs)
		return VCHECK_OOM;
	for (long q = 0; q < fl->nrows; q++) {
		if (le->v[q])
			continue;
		int found = 0;
		for (long r = lc->v[q] ? vframe_find(f, lc->v[q], -1) : -1; r >= 0 && !found; r = vframe_find(f, lc->v[q], r))
			found = same_value(cs, r, ls, q);
		if (!found)
			FLAG(fl, q);
	}
out:
	return rc;
}

/* 707: a DoLO still open though care ended, or outside every period of care (as 577). */
static int c707(struct vrun *run)
{
	struct vframe *ep = vrun_frame(run, "Episodes"), *f = vrun_frame(run, "DoLo");
	struct vcol *cc = vframe_col(f, "CHILD"), *sc = vframe_col(f, "DOLO_START"), *ec = vframe_col(f, "DOLO_END"),
		    *ecc = vframe_col(ep, "CHILD"), *eds = vframe_col(ep, "DECOM"), *ede = vframe_col(ep, "DEC");
	long n = ep->nrows, *order = vframe_order(ep, "DECOM");
	int rc = VCHECK_RAN;
	if (!cc || !sc || !ec || !ecc || !eds || !ede || !order) {
		rc = VCHECK_OOM;
		goto out;
	}
	for (long r = 0; r < f->nrows; r++) {
		cf_date ms = vcol_date(f, sc, r), me = vcol_date(f, ec, r);
		if (ms == DNONE || !cc->v[r])
			continue;
		int any = 0, all_out = 1;
		long prev = -1;
		cf_date pstart = DNONE, pend = DNONE;
		for (long i = 0; i <= n; i++) {
			long e = i < n ? order[i] : -1;
			if (e >= 0 && (!ecc->v[e] || strcmp(ecc->v[e], cc->v[r]) != 0 || vcol_date(ep, eds, e) == DNONE))
				continue;
			cf_date a = e >= 0 ? vcol_date(ep, eds, e) : DNONE;
			cf_date pd = prev >= 0 ? vcol_date(ep, ede, prev) : DNONE;
			int newp = e < 0 || prev < 0 || (pd != DNONE && a > pd);
			if (newp && prev >= 0) {
				int out_ = (me == DNONE && pend != DNONE) || (me == DNONE && ms < pstart) ||
					   (me != DNONE && pend != DNONE && me > pend) || (me != DNONE && me < pstart);
				any = 1;
				all_out &= out_;
			}
			if (e < 0)
				break;
			if (newp)
				pstart = a;
			pend = vcol_date(ep, ede, e);
			prev = e;
		}
		if (any && all_out)
			FLAG(f, r);
	}
out:
	free(order);
	return rc;
}

const struct vrule rules_903_status[] = {
	R("164", BASE, 0, "Episodes", "PL_DISTANCE",
	  "Distance is not valid. Please check a valid postcode has been entered. [NOTE: This check will result in false positives for children formerly UASC not identified as such in loaded data]",
	  .needs = VN_POSTCODES, .check = c164),
	R("392a", BASE, 0, "Episodes", "PL_DISTANCE",
	  "Child is looked after but no distance is recorded. [NOTE: This check may result in false positives for children formerly UASC]",
	  .needs = VN_POSTCODES, .check = c392a),
	R("392b", BASE, 0, "Episodes", "HOME_POST PL_POST",
	  "Child is looked after but no postcodes are recorded. [NOTE: This check may result in false positives for children formerly UASC, particularly if current & prior year UASC data not loaded]",
	  .check = c392b),
	R("392c", BASE, 0, "Episodes", "HOME_POST PL_POST", "Postcode(s) provided are invalid.",
	  .needs = VN_POSTCODES, .check = c392c),
	R("406", BASE, 0, "Episodes", "PL_DISTANCE",
	  "Child is Unaccompanied Asylum-Seeking Child (UASC) or was formerly UASC. Distance should be blank. [NOTE: This check will result in false negatives for children formerly UASC not identified as such in loaded data]",
	  .needs = VN_POSTCODES, .check = c406),
	R("205A", BASE, 0, "UASC Header", "CHILD UASC",
	  "Child identified as UASC last year is no longer UASC this year, but date UASC ceased in both years does not support this.",
	  .need = "UASC UASC_last", .check = c205a),
	R("205B", BASE, 0, "UASC Header", "DUC UASC",
	  "Child previously identified as UASC is also UASC this year, but date UASC ceased in both years does not support this.",
	  .need = "UASC UASC_last", .check = c205b),
	R("205C", BASE, 0, "UASC Header", "DUC UASC",
	  "Child not identified as UASC either this year or last year but date UASC ceased has been provided.",
	  .need = "UASC UASC_last", .check = c205c),
	R("205D", BASE, 0, "Header UASC", "UASC CHILD",
	  "Child identified as UASC this year but not identified as UASC status provided for the child last year.",
	  .need = "", .check = c205d),
	R("303", BASE, 0, "UASC Header", "DUC UASC",
	  "If date Unaccompanied Asylum-Seeking Child (UASC) status ceased is not null, UASC status must be coded 1.",
	  .need = "UASC Header", .check = c303, .arg = "Header", .pair = "UASC",
	  .expr = AND(NOTNA("UASC:DUC"), NOT(INNUM("UASC", "1")))),
	R("208", BASE, 0, "Header", "UPN",
	  "Unique Pupil Number (UPN) for the current year disagrees with the Unique Pupil Number (UPN) already recorded for this child.",
	  .need = "Header Header_last", .check = c208),
	R("444", 2026, 0, "Header", "UPN", "Duplicate UPN has been reported", .check = c444),
	R("219", BASE, 0, "Episodes", "URN PLACE",
	  "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement type recorded.",
	  .needs = VN_PROVIDERS, .need = "Episodes provider_info", .check = c219),
	R("221", BASE, 2023, "Episodes", "PL_POST",
	  "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement postcode provided.",
	  .needs = VN_PROVIDERS, .need = "Episodes provider_info", .check = c221_2023),
	R("221", 2024, 2024, "Episodes", "PL_POST",
	  "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement postcode provided.",
	  .needs = VN_PROVIDERS, .need = "Episodes provider_info", .check = c221_2024),
	R("221", 2025, 0, "Episodes", "PL_POST",
	  "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement postcode provided.",
	  .needs = VN_PROVIDERS, .need = "Episodes provider_info", .check = c221_2025),
	R("224", BASE, 0, "Episodes", "PLACE_PROVIDER",
	  "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement provider recorded.",
	  .needs = VN_PROVIDERS, .need = "Episodes provider_info", .check = c224),
	R("227", BASE, 0, "Episodes", "URN DECOM",
	  "Ofsted Unique reference number (URN) is not valid for the episode start date.",
	  .needs = VN_PROVIDERS, .need = "Episodes provider_info", .check = c227),
	R("228", BASE, 0, "Episodes", "URN DEC",
	  "Ofsted Unique reference number (URN) is not valid for the episode end date [NOTE: may give false positives on open episodes at providers who close during the year]",
	  .needs = VN_PROVIDERS, .need = "Episodes provider_info", .check = c228),
	R("229", BASE, 0, "Episodes", "URN PLACE_PROVIDER",
	  "Placement provider does not match between the placing authority and the local authority code of the provider. [NOTE: The provider's LA code is inferred from the its postcode, and may be inaccurate in some cases.]",
	  .needs = VN_PROVIDERS | VN_LA, .need = "Episodes provider_info", .check = c229),
	R("558", BASE, 0, "Episodes", "DATE_PLACED_CEASED REC",
	  "If a child has been adopted, then the decision to place them for adoption has not been disrupted and the date of the decision that a child should no longer be placed for adoption should be left blank.",
	  .need = "Episodes PlacedAdoption", .check = c558),
	R("632", BASE, 0, "Episodes PrevPerm", "DATE_PERM DECOM",
	  "Date of previous permanence order not a valid value. NOTE: This rule may result in false negatives where the period of care started before the current collection year",
	  .need = "Episodes PrevPerm", .check = c632),
	R("1016", 2024, 0, "OC3", "IN_TOUCH ACTIV ACCOM",
	  "Care leaver information is not required for 17- or 18-year olds who cease to be looked after, after their birthday.",
	  .need = "OC3 Episodes", .check = c1016),
	R("SW01STG1", 2024, 2024, "Episodes", "DEC",
	  "Child looked after on 31 March, but no social worker episode information is reported",
	  .need = "SWEpisodes Episodes", .check = cSW01),
	R("SW11bSTG2", 2024, 0, "SWEpisodes", "SW_DEC",
	  "Social worker episode has ended before 31 March and no subsequent social worker episode has been provided.",
	  .check = cSW11b),
	R("SW12STG2", 2024, 2024, "Episodes", "SW_DECOM",
	  "If a child is looked after on 31 March then all social worker episodes for the full previous year should be reported, even those whilst they were not looked after",
	  .need = "SWEpisodes Episodes", .check = cSW12_2024),
	R("SW12STG2", 2025, 0, "Episodes", "SW_DECOM",
	  "If a child is looked after on 31 March then all social worker episodes for the full previous year should be reported, even those whilst they were not looked after",
	  .need = "SWEpisodes Episodes", .check = cSW12_2025),
	R("705", 2027, 0, "DoLo", "DOLO_START DOLO_END", "A DoLO cannot start when the previous DoLO is still open.",
	  .check = c705),
	R("706", 2027, 0, "DoLo_last", "DOLO_START",
	  "There is an open DoLO in last year\u2019s return and there is no corresponding DoLO recorded at the start of this year..",
	  .need = "DoLo DoLo_last", .check = c706),
	R("707", 2027, 0, "DoLo", "DOLO_END", "Child ceased to be looked after but there is a DoLO without an end date.",
	  .need = "Episodes DoLo", .check = c707),
};
VRULES_COUNT(rules_903_status);
