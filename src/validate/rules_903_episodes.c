/* SSDA903 rules no row pattern covers, written by hand: runs of legal
 * statuses across consecutive episodes, periods of care against missing
 * periods, care leavers' time in care, UASC status across years, and
 * placement decisions against orders. Columns are found once per run. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "validate/rules.h"
#include "validate/rules_903.h"

#define BASE VR_BASE_YEAR
#define R(code_, since_, until_, tabs, flds, msg, ...) \
	{ .code = code_, .ret = VR_903, .since = since_, .until = until_, .message = msg, \
	  .tables = tabs, .fields = flds, __VA_ARGS__ }

#define DNONE CF_DATE_NONE
#define FLAG(f, r) do { if (vrun_flag(run, (f), (r))) { rc = VCHECK_OOM; goto out; } } while (0)

/* ---- 361, 362: a run of police protection (L1) or EPO (L2) episodes ----------
 * Episodes in (CHILD, DECOM) order, open ones ending at the collection end.
 * Consecutive episodes of that status belong to one run while each ends the
 * day the following episode (of any status) starts; a run lasting more than
 * max_days from its first start to its last end flags all its episodes. */
static int status_runs(struct vrun *run, const char *ls, int max_days)
{
	struct vframe *ep = vrun_frame(run, "Episodes");
	struct vcol *cc = vframe_col(ep, "CHILD"), *lc = vframe_col(ep, "LS"), *sc = vframe_col(ep, "DECOM"),
		    *dc = vframe_col(ep, "DEC");
	long n = ep->nrows, *order = vframe_order(ep, "DECOM");
	long *members = malloc((size_t)(n ? n : 1) * sizeof *members);
	int rc = VCHECK_RAN;
	if (!cc || !lc || !sc || !dc || !order || !members) {
		rc = VCHECK_OOM;
		goto out;
	}
	cf_date ce = run->vd->meta.collection_end;
	long nm = 0;
	cf_date lo = DNONE, hi = DNONE;
	int prev_flows = 0;
	const char *run_child = NULL;
	for (long i = 0; i <= n; i++) {
		long r = i < n ? order[i] : -1;
		if (r >= 0 && !vcol_eq(lc, r, ls))
			continue;
		const char *child = r >= 0 ? cc->v[r] : NULL;
		int same = r >= 0 && prev_flows && child && run_child && strcmp(child, run_child) == 0;
		if (!same || r < 0) {
			if (nm && lo != DNONE && hi != DNONE && hi - lo > max_days)
				for (long k = 0; k < nm; k++)
					FLAG(ep, members[k]);
			nm = 0;
			lo = hi = DNONE;
			run_child = child;
		}
		if (r < 0)
			break;
		members[nm++] = r;
		cf_date a = vcol_date(ep, sc, r), b = dc->v[r] ? vcol_date(ep, dc, r) : ce;
		if (a != DNONE && (lo == DNONE || a < lo))
			lo = a;
		if (b != DNONE && (hi == DNONE || b > hi))
			hi = b;
		/* does this episode run straight into the next one of the child? */
		long nx = i + 1 < n ? order[i + 1] : -1;
		prev_flows = nx >= 0 && b != DNONE && cc->v[nx] && child && strcmp(cc->v[nx], child) == 0 &&
			     vcol_date(ep, sc, nx) == b;
	}
out:
	free(order);
	free(members);
	return rc;
}

static int c361(struct vrun *run) { return status_runs(run, "L1", 3); }
static int c362(struct vrun *run) { return status_runs(run, "L2", 21); }

/* ---- 363, 364: child assessment orders (L3), PACE detention (J2) -----------
 * Episodes of that status in the order of the return: a period runs on while
 * each starts on or before the previous one's end; its days are summed. */
static int status_periods(struct vrun *run, const char *ls, int max_days)
{
	struct vframe *ep = vrun_frame(run, "Episodes");
	struct vcol *cc = vframe_col(ep, "CHILD"), *lc = vframe_col(ep, "LS"), *sc = vframe_col(ep, "DECOM"),
		    *dc = vframe_col(ep, "DEC");
	long n = ep->nrows, *members = malloc((size_t)(n ? n : 1) * sizeof *members);
	int rc = VCHECK_RAN;
	if (!cc || !lc || !sc || !dc || !members) {
		free(members);
		return VCHECK_OOM;
	}
	cf_date ce = run->vd->meta.collection_end;
	long nm = 0, days = 0, prev = -1;
	for (long r = 0; r <= n; r++) {
		if (r < n && (!vcol_eq(lc, r, ls) || !sc->v[r] || vcol_date(ep, sc, r) == DNONE))
			continue;
		int newp = 1;
		if (r < n && prev >= 0) {
			cf_date pd = dc->v[prev] ? vcol_date(ep, dc, prev) : ce;
			const char *a = cc->v[r], *b = cc->v[prev];
			int samec = a && b && strcmp(a, b) == 0;
			newp = (pd != DNONE && vcol_date(ep, sc, r) > pd) || !samec;
		}
		if (newp) {
			if (days > max_days)
				for (long k = 0; k < nm; k++)
					FLAG(ep, members[k]);
			nm = 0;
			days = 0;
		}
		if (r == n)
			break;
		members[nm++] = r;
		cf_date b = dc->v[r] ? vcol_date(ep, dc, r) : ce;
		if (b != DNONE)
			days += b - vcol_date(ep, sc, r);
		prev = r;
	}
out:
	free(members);
	return rc;
}

static int c363(struct vrun *run) { return status_periods(run, "L3", 7); }
static int c364(struct vrun *run) { return status_periods(run, "J2", 21); }

/* ---- 367: more than 75 days of respite (V3) within the year ---- */
static int c367(struct vrun *run)
{
	struct vframe *ep = vrun_frame(run, "Episodes");
	struct vcol *lc = vframe_col(ep, "LS"), *sc = vframe_col(ep, "DECOM"), *dc = vframe_col(ep, "DEC"),
		    *cc = vframe_col(ep, "CHILD");
	cf_date cs = run->vd->meta.collection_start, ce = run->vd->meta.collection_end;
	long n = ep->nrows, *days = calloc((size_t)(n ? n : 1), sizeof *days);
	long *order = vframe_order(ep, NULL);
	int rc = VCHECK_RAN;
	if (!lc || !sc || !dc || !cc || !days || !order) {
		rc = VCHECK_OOM;
		goto out;
	}
	for (long r = 0; r < n; r++) {
		if (!vcol_eq(lc, r, "V3") || !sc->v[r])
			continue;
		cf_date a = vcol_date(ep, sc, r), b = vcol_date(ep, dc, r);
		if (!dc->v[r] || (b != DNONE && b > ce))
			b = ce;
		if (a != DNONE && a < cs)
			a = cs;
		if (a != DNONE && b != DNONE && b - a > 0)
			days[r] = b - a;
	}
	for (long i = 0; i < n;) {
		long k = i + 1, sum = days[order[i]];
		while (k < n && cc->v[order[i]] && cc->v[order[k]] && strcmp(cc->v[order[i]], cc->v[order[k]]) == 0)
			sum += days[order[k++]];
		if (sum > 75 && cc->v[order[i]])
			for (long m = i; m < k; m++)
				if (days[order[m]] > 0)
					FLAG(ep, order[m]);
		i = k;
	}
out:
	free(days);
	free(order);
	return rc;
}

/* ---- 553, 555: an order (E1 placement order, D1 freeing order) needs a
 * decision to place for adoption; an open one, no decision reversed ---- */
static int order_decisions(struct vrun *run, const char *ls)
{
	struct vframe *ep = vrun_frame(run, "Episodes"), *pa = vrun_frame(run, "PlacedAdoption");
	struct vcol *cc = vframe_col(ep, "CHILD"), *lc = vframe_col(ep, "LS"), *dc = vframe_col(ep, "DEC"),
		    *dpc = vframe_col(pa, "DATE_PLACED_CEASED"), *rpc = vframe_col(pa, "REASON_PLACED_CEASED");
	if (!cc || !lc || !dc || !dpc || !rpc)
		return VCHECK_OOM;
	int rc = VCHECK_RAN;
	for (long r = 0; r < ep->nrows; r++) {
		if (!vcol_eq(lc, r, ls))
			continue;
		long p = cc->v[r] ? vframe_find(pa, cc->v[r], -1) : -1;
		if (p < 0)
			FLAG(ep, r);
		if (dc->v[r])
			continue;
		for (; p >= 0; p = vframe_find(pa, cc->v[r], p))
			if (dpc->v[p] || rpc->v[p])
				FLAG(pa, p);
	}
out:
	return rc;
}

static int c553(struct vrun *run) { return order_decisions(run, "E1"); }
static int c555(struct vrun *run) { return order_decisions(run, "D1"); }

/* ---- 562: an episode before this year whose child's last episode last
 * year does not start on the same day ---- */
static int c562(struct vrun *run)
{
	struct vframe *ep = vrun_frame(run, "Episodes"), *last = vrun_frame(run, "Episodes_last");
	struct vcol *cc = vframe_col(ep, "CHILD"), *sc = vframe_col(ep, "DECOM"), *lsc = vframe_col(last, "DECOM");
	cf_date cs = run->vd->meta.collection_start;
	long n = ep->nrows;
	unsigned char *first = NULL, *latest = NULL;
	int rc = VCHECK_RAN;
	if (!cc || !sc || !lsc) {
		rc = VCHECK_OOM;
		goto out;
	}
	/* the earliest of each child's episodes starting before the year */
	first = calloc((size_t)(n ? n : 1), 1);
	latest = vh_first_per_child(last, "DECOM", 1, NULL);
	if (!first || !latest) {
		rc = VCHECK_OOM;
		goto out;
	}
	for (long r = 0; r < n; r++) {
		cf_date d = vcol_date(ep, sc, r);
		if (d == DNONE || cs == DNONE || d >= cs || !cc->v[r])
			continue;
		long best = r;
		for (long s = vframe_find(ep, cc->v[r], -1); s >= 0; s = vframe_find(ep, cc->v[r], s)) {
			cf_date e = vcol_date(ep, sc, s);
			if (e != DNONE && e < cs && (e < vcol_date(ep, sc, best) || (e == vcol_date(ep, sc, best) && s < best)))
				best = s;
		}
		if (best != r)
			continue;
		int matched = 0;
		for (long s = vframe_find(last, cc->v[r], -1); s >= 0 && !matched; s = vframe_find(last, cc->v[r], s))
			matched = latest[s] && vcol_date(last, lsc, s) == d;
		if (!matched)
			FLAG(ep, r);
	}
out:
	free(first);
	free(latest);
	return rc;
}

/* ---- 574: a missing period starting before the previous one ended ----
 * Periods in (CHILD, end or else start, start) order. */
struct mis_item {
	const char *child;
	cf_date end_fill, start;
	long row;
};

static int mis_cmp(const void *pa, const void *pb)
{
	const struct mis_item *a = pa, *b = pb;
	if (!a->child || !b->child)
		return a->child ? -1 : b->child ? 1 : (a->row > b->row) - (a->row < b->row);
	int c = strcmp(a->child, b->child);
	if (c)
		return c;
	if (a->end_fill != b->end_fill)
		return a->end_fill == DNONE ? 1 : b->end_fill == DNONE ? -1 : a->end_fill < b->end_fill ? -1 : 1;
	if (a->start != b->start)
		return a->start == DNONE ? 1 : b->start == DNONE ? -1 : a->start < b->start ? -1 : 1;
	return (a->row > b->row) - (a->row < b->row);
}

static int c574(struct vrun *run)
{
	struct vframe *mis = vrun_frame(run, "Missing");
	struct vcol *cc = vframe_col(mis, "CHILD"), *sc = vframe_col(mis, "MIS_START"), *ec = vframe_col(mis, "MIS_END");
	long n = mis->nrows;
	struct mis_item *v = malloc((size_t)(n ? n : 1) * sizeof *v);
	int rc = VCHECK_RAN;
	if (!cc || !sc || !ec || !v) {
		rc = VCHECK_OOM;
		goto out;
	}
	for (long r = 0; r < n; r++) {
		cf_date e = vcol_date(mis, ec, r);
		v[r].child = cc->v[r];
		v[r].start = vcol_date(mis, sc, r);
		v[r].end_fill = e != DNONE ? e : v[r].start;
		v[r].row = r;
	}
	qsort(v, (size_t)n, sizeof *v, mis_cmp);
	for (long i = 1; i < n; i++) {
		if (!v[i].child || !v[i - 1].child || strcmp(v[i].child, v[i - 1].child) != 0)
			continue;
		cf_date pend = vcol_date(mis, ec, v[i - 1].row);
		if (pend == DNONE || (v[i].start != DNONE && v[i].start < pend))
			FLAG(mis, v[i].row);
	}
out:
	free(v);
	return rc;
}

/* ---- periods of care: a child's episodes in date order, a new period
 * starting when an episode starts after the previous one ended ---- */
struct poc {
	const char *child;
	cf_date start;      /* the first episode's start */
	cf_date end;        /* the last episode's end, DNONE when open or not a date */
};

/* Periods of care of ep, grouped by child (in child order). Caller frees. */
static struct poc *periods_of_care(struct vframe *ep, long *npoc)
{
	struct vcol *cc = vframe_col(ep, "CHILD"), *sc = vframe_col(ep, "DECOM"), *dc = vframe_col(ep, "DEC");
	long n = ep->nrows, *order = vframe_order(ep, "DECOM");
	struct poc *p = malloc((size_t)(n ? n : 1) * sizeof *p);
	*npoc = 0;
	if (!cc || !sc || !dc || !order || !p) {
		free(order);
		free(p);
		return NULL;
	}
	long prev = -1;
	for (long i = 0; i < n; i++) {
		long r = order[i];
		cf_date a = vcol_date(ep, sc, r);
		if (a == DNONE)
			continue;
		int newp = prev < 0 || !cc->v[r] || !cc->v[prev] || strcmp(cc->v[r], cc->v[prev]) != 0;
		cf_date pd = prev >= 0 ? vcol_date(ep, dc, prev) : DNONE;
		if (!newp && pd != DNONE && a > pd)
			newp = 1;
		if (newp) {
			p[*npoc].child = cc->v[r];
			p[*npoc].start = a;
			(*npoc)++;
		}
		p[*npoc - 1].end = vcol_date(ep, dc, r);
		prev = r;
	}
	free(order);
	return p;
}

/* The periods of child in p (sorted by child): first index and count. */
static long pocs_of(const struct poc *p, long np, const char *child, long *count)
{
	long lo = 0, hi = np;
	*count = 0;
	if (!child)
		return 0;
	while (lo < hi) {
		long mid = (lo + hi) / 2;
		if (p[mid].child && strcmp(p[mid].child, child) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	long k = lo;
	while (k < np && p[k].child && strcmp(p[k].child, child) == 0)
		k++;
	*count = k - lo;
	return lo;
}

/* 577: a missing period still open though care ended, or outside every period of care. */
static int c577(struct vrun *run)
{
	struct vframe *ep = vrun_frame(run, "Episodes"), *mis = vrun_frame(run, "Missing");
	struct vcol *cc = vframe_col(mis, "CHILD"), *sc = vframe_col(mis, "MIS_START"), *ec = vframe_col(mis, "MIS_END");
	long np;
	struct poc *p = periods_of_care(ep, &np);
	int rc = VCHECK_RAN;
	if (!p || !cc || !sc || !ec) {
		rc = VCHECK_OOM;
		goto out;
	}
	for (long r = 0; r < mis->nrows; r++) {
		cf_date ms = vcol_date(mis, sc, r), me = vcol_date(mis, ec, r);
		long cnt, k = pocs_of(p, np, cc->v[r], &cnt);
		if (ms == DNONE || !cnt)
			continue;
		int all_out = 1;
		for (long i = k; i < k + cnt && all_out; i++) {
			int out = (me == DNONE && p[i].end != DNONE) || (me == DNONE && ms < p[i].start) ||
				  (me != DNONE && p[i].end != DNONE && me > p[i].end) || (me != DNONE && me < p[i].start);
			all_out = out;
		}
		if (all_out)
			FLAG(mis, r);
	}
out:
	free(p);
	return rc;
}

/* 578: a missing period starting outside every period of care. */
static int c578(struct vrun *run)
{
	struct vframe *ep = vrun_frame(run, "Episodes"), *mis = vrun_frame(run, "Missing");
	struct vcol *cc = vframe_col(mis, "CHILD"), *sc = vframe_col(mis, "MIS_START");
	long np;
	struct poc *p = periods_of_care(ep, &np);
	int rc = VCHECK_RAN;
	if (!p || !cc || !sc) {
		rc = VCHECK_OOM;
		goto out;
	}
	for (long r = 0; r < mis->nrows; r++) {
		cf_date ms = vcol_date(mis, sc, r);
		long cnt, k = pocs_of(p, np, cc->v[r], &cnt);
		if (!cnt)
			continue;
		int all_out = 1;
		for (long i = k; i < k + cnt && all_out; i++)
			all_out = ms != DNONE && (ms < p[i].start || (p[i].end != DNONE && ms > p[i].end));
		if (all_out)
			FLAG(mis, r);
	}
out:
	free(p);
	return rc;
}

/* 581: missing before the child started to be looked after: no episode holds the start. */
static int c581(struct vrun *run)
{
	struct vframe *ep = vrun_frame(run, "Episodes"), *mis = vrun_frame(run, "Missing");
	struct vcol *cc = vframe_col(mis, "CHILD"), *sc = vframe_col(mis, "MIS_START"), *ds = vframe_col(ep, "DECOM"),
		    *de = vframe_col(ep, "DEC");
	int rc = VCHECK_RAN;
	if (!cc || !sc || !ds || !de)
		return VCHECK_OOM;
	for (long r = 0; r < mis->nrows; r++) {
		long e = cc->v[r] ? vframe_find(ep, cc->v[r], -1) : -1;
		if (e < 0)
			continue;
		cf_date ms = vcol_date(mis, sc, r);
		int in_ep = 0;
		for (; e >= 0 && !in_ep; e = vframe_find(ep, cc->v[r], e)) {
			cf_date a = vcol_date(ep, ds, e), b = vcol_date(ep, de, e);
			in_ep = ms != DNONE && a != DNONE && ms >= a && ((b != DNONE && ms <= b) || !de->v[e]);
		}
		if (!in_ep)
			FLAG(mis, r);
	}
out:
	return rc;
}

/* ---- 399: respite only (every episode V3/V4) but mother or reviews given ---- */
static int c399(struct vrun *run)
{
	struct vframe *ep = vrun_frame(run, "Episodes"), *hd = vrun_frame(run, "Header"), *rv = vrun_frame(run, "Reviews");
	struct vcol *cc = vframe_col(ep, "CHILD"), *lc = vframe_col(ep, "LS"), *mo = vframe_col(hd, "MOTHER"),
		    *rd = vframe_col(rv, "REVIEW"), *rcode = vframe_col(rv, "REVIEW_CODE");
	int rc = VCHECK_RAN;
	if (!cc || !lc || !mo || !rd || !rcode)
		return VCHECK_OOM;
	for (long r = 0; r < ep->nrows; r++) {
		const char *child = cc->v[r];
		if (!child)
			continue;
		int all = 1;
		for (long s = vframe_find(ep, child, -1); s >= 0 && all; s = vframe_find(ep, child, s))
			all = vcol_in(lc, s, "V3 V4");
		if (!all)
			continue;
		long h = vframe_find(hd, child, -1);
		do {
			long v = vframe_find(rv, child, -1);
			do {
				int bad = (h >= 0 && mo->v[h]) || (v >= 0 && (rd->v[v] || rcode->v[v]));
				if (bad) {
					FLAG(ep, r);
					if (h >= 0)
						FLAG(hd, h);
					if (v >= 0)
						FLAG(rv, v);
				}
			} while (v >= 0 && (v = vframe_find(rv, child, v)) >= 0);
		} while (h >= 0 && (h = vframe_find(hd, child, h)) >= 0);
	}
out:
	return rc;
}

/* ---- 165: mother status against sex and care in the year ----
 * For children with an episode other than respite: MOTHER must be 0 or 1,
 * not given for a boy, given for a girl looked after in the year, and not
 * given for a girl with care leaver data but no episode in the year. */
static int c165(struct vrun *run)
{
	struct vframe *ep = vrun_frame(run, "Episodes"), *hd = vrun_frame(run, "Header"), *oc3 = vrun_frame(run, "OC3");
	struct vcol *ec = vframe_col(ep, "CHILD"), *lc = vframe_col(ep, "LS"), *ds = vframe_col(ep, "DECOM"),
		    *de = vframe_col(ep, "DEC"), *hc = vframe_col(hd, "CHILD"), *mo = vframe_col(hd, "MOTHER"),
		    *sx = vframe_col(hd, "SEX"), *it = vframe_col(oc3, "IN_TOUCH"), *ac = vframe_col(oc3, "ACTIV"),
		    *am = vframe_col(oc3, "ACCOM");
	cf_date cs = run->vd->meta.collection_start, ce = run->vd->meta.collection_end;
	int rc = VCHECK_RAN;
	if (!ec || !lc || !ds || !de || !hc || !mo || !sx || !it || !ac || !am)
		return VCHECK_OOM;
	for (long h = 0; h < hd->nrows; h++) {
		const char *child = hc->v[h];
		int has_ep = 0, in_year = 0;
		for (long e = child ? vframe_find(ep, child, -1) : -1; e >= 0; e = vframe_find(ep, child, e)) {
			if (lc->v[e] && (strcasecmp(lc->v[e], "V3") == 0 || strcasecmp(lc->v[e], "V4") == 0))
				continue;
			has_ep = 1;
			cf_date a = vcol_date(ep, ds, e), b = de->v[e] ? vcol_date(ep, de, e) : ce;
			in_year |= b != DNONE && a != DNONE && b >= cs && a <= ce;
		}
		if (!has_ep)
			continue;
		const char *m = mo->v[h], *sex = vcol_asstr(sx, h);
		int invalid = m && !vlist_has("0 1", vcol_asstr(mo, h));
		int male = m && strcmp(sex, "1") == 0, female = strcmp(sex, "2") == 0;
		long o = vframe_find(oc3, child, -1);
		do {
			int has_oc3 = o >= 0 && (it->v[o] || ac->v[o] || am->v[o]);
			if (invalid || male || (!m && female && in_year) || (m && female && !in_year && has_oc3)) {
				FLAG(hd, h);
				if (o >= 0)
					FLAG(oc3, o);
			}
		} while (o >= 0 && (o = vframe_find(oc3, child, o)) >= 0);
	}
out:
	return rc;
}

/* ---- 1001: care leaver data for a young person who was not a relevant or
 * former relevant child: fewer than 13 weeks in care since 14 with some of
 * it after 16, counted over this year's and last year's episodes; or their
 * last episode ended in adoption. */
struct leaver_ep {
	long child;     /* the child's number (vframe_child_id): episodes are grouped by it */
	cf_date decom, dec;
	const char *ls, *rec;
	long seq;
};

static int lep_by_dec(const void *pa, const void *pb)
{
	const struct leaver_ep *a = pa, *b = pb;
	if (a->dec != b->dec)
		return a->dec == DNONE ? 1 : b->dec == DNONE ? -1 : a->dec < b->dec ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

static int lep_by_child(const void *pa, const void *pb)
{
	const struct leaver_ep *a = pa, *b = pb;
	if (a->child != b->child)
		return a->child < b->child ? -1 : 1;
	if (a->decom != b->decom)
		return a->decom == DNONE ? 1 : b->decom == DNONE ? -1 : a->decom < b->decom ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

static int c1001(struct vrun *run)
{
	struct vframe *fr[2] = { vrun_frame(run, "Episodes"), vrun_frame(run, "Episodes_last") };
	struct vframe *oc3 = vrun_frame(run, "OC3"), *hd = vrun_frame(run, "Header");
	if (!fr[0]->nrows || !fr[1]->nrows || !oc3->nrows || !hd->nrows)
		return VCHECK_RAN;
	cf_date ce = run->vd->meta.collection_end;
	long n = fr[0]->nrows + fr[1]->nrows, m = 0;
	struct leaver_ep *v = malloc((size_t)n * sizeof *v);
	int rc = VCHECK_RAN;
	struct vcol *oc = vframe_col(oc3, "CHILD");
	if (!v || !oc) {
		free(v);
		return VCHECK_OOM;
	}
	for (int k = 0; k < 2; k++) {
		struct vcol *cc = vframe_col(fr[k], "CHILD"), *sc = vframe_col(fr[k], "DECOM"), *dc = vframe_col(fr[k], "DEC"),
			    *lc = vframe_col(fr[k], "LS"), *rcc = vframe_col(fr[k], "REC");
		if (!cc || !sc || !dc || !lc || !rcc) {
			rc = VCHECK_OOM;
			goto out;
		}
		for (long r = 0; r < fr[k]->nrows; r++) {
			long id = vframe_child_id(fr[k], r);
			if (id < 0)
				continue;
			v[m] = (struct leaver_ep){ id, vcol_date(fr[k], sc, r), vcol_date(fr[k], dc, r), lc->v[r],
						   rcc->v[r], m };
			m++;
		}
	}
	/* one copy of an episode in both years: the one with an end date */
	qsort(v, (size_t)m, sizeof *v, lep_by_dec);
	for (long i = 0; i < m; i++)
		v[i].seq = i;
	qsort(v, (size_t)m, sizeof *v, lep_by_child);
	long w = 0;
	for (long i = 0; i < m; i++) {
		int dup = 0;
		for (long j = w - 1; j >= 0 && v[j].child == v[i].child && !dup; j--)
			dup = v[j].decom == v[i].decom;
		if (!dup)
			v[w++] = v[i];
	}
	m = w;
	for (long o = 0; o < oc3->nrows; o++) {
		const char *child = oc->v[o];
		long id = vframe_child_id(oc3, o);
		long h = child ? vframe_find(hd, child, -1) : -1;
		cf_date dob = h >= 0 ? vh_date(hd, "DOB", h) : DNONE;
		int eligible = 0, adopted = 0;
		/* the child's episodes: binary search in v (sorted by child, DECOM) */
		long lo = 0, hi = m;
		while (id >= 0 && lo < hi) {
			long mid = (lo + hi) / 2;
			if (v[mid].child < id)
				lo = mid + 1;
			else
				hi = mid;
		}
		long end = lo;
		while (id >= 0 && end < m && v[end].child == id)
			end++;
		if (end > lo) {
			long lastp = lo;
			for (long i = lo; i < end; i++)
				if (v[i].decom != DNONE && (v[lastp].decom == DNONE || v[i].decom > v[lastp].decom))
					lastp = i;
			adopted = v[lastp].rec && (strcasecmp(v[lastp].rec, "E11") == 0 || strcasecmp(v[lastp].rec, "E12") == 0);
			if (dob != DNONE && cf_date_add_years(dob, 20) > ce) {
				cf_date d14 = cf_date_add_years(dob, 14), d16 = cf_date_add_years(dob, 16);
				long t14 = 0, t16 = 0;
				for (long i = lo; i < end; i++) {
					if (v[i].ls && (strcasecmp(v[i].ls, "V3") == 0 || strcasecmp(v[i].ls, "V4") == 0))
						continue;
					cf_date dec = v[i].dec == DNONE && i == lastp ? ce : v[i].dec;
					if (dec == DNONE)
						continue;
					cf_date s14 = v[i].decom != DNONE && v[i].decom > d14 ? v[i].decom : d14;
					cf_date s16 = v[i].decom != DNONE && v[i].decom > d16 ? v[i].decom : d16;
					t14 += dec > s14 ? dec - s14 : 0;
					t16 += dec > s16 ? dec - s16 : 0;
				}
				eligible = t14 >= 91 && t16 >= 1;
			}
		}
		if (adopted || !eligible)
			FLAG(oc3, o);
	}
out:
	free(v);
	return rc;
}

const struct vrule rules_903_episodes[] = {
	R("165", BASE, 0, "Header OC3", "MOTHER SEX ACTIV ACCOM IN_TOUCH DECOM", "Data entry for mother status is invalid.",
	  .need = "Header Episodes OC3", .check = c165),
	R("361", BASE, 0, "Episodes", "DECOM LS DEC",
	  "Police protection legal status lasted longer than maximum 72 hours allowed in the Children Act 1989.",
	  .check = c361),
	R("362", BASE, 0, "Episodes", "DECOM LS DEC", "Emergency protection order (EPO) lasted longer than 21 days",
	  .check = c362),
	R("363", BASE, 0, "Episodes", "LS DECOM DEC",
	  "Child assessment order (CAO) lasted longer than 7 days allowed in the Children Act 1989.", .check = c363),
	R("364", BASE, 0, "Episodes", "LS DECOM DEC",
	  "Sections 41-46 of Police and Criminal Evidence (PACE; 1984) severely limits the time a child can be detained in custody in Local Authority (LA) accommodation.",
	  .check = c364),
	R("367", BASE, 0, "Episodes", "LS DECOM DEC",
	  "The maximum amount of respite care allowable is 75 days in any 12-month period.", .check = c367),
	R("399", BASE, 0, "Episodes Header Reviews", "MOTHER LS REVIEW REVIEW_CODE",
	  "Mother field, review field or participation field are completed but child is looked after under legal status V3 or V4.",
	  .need = "Episodes Header Reviews", .check = c399),
	R("553", BASE, 0, "Episodes PlacedAdoption", "CHILD DATE_PLACED DATE_PLACED_CEASED REASON_PLACED_CEASED",
	  "Placement order has been granted but there is no date of decision that the child should be placed for adoption.",
	  .need = "Episodes PlacedAdoption", .check = c553),
	R("555", BASE, 0, "Episodes PlacedAdoption", "CHILD DATE_PLACED DATE_PLACED_CEASED REASON_PLACED_CEASED",
	  "Freeing order has been granted but there is no date of decision that the child should be placed for adoption.",
	  .need = "Episodes PlacedAdoption", .check = c555),
	R("562", BASE, 0, "Episodes", "DECOM",
	  "Episode commenced before the start of the current collection year but there is a missing continuous episode in the previous year.",
	  .need = "Episodes Episodes_last", .check = c562),
	R("574", BASE, 0, "Missing", "MIS_START MIS_END",
	  "A new missing/away from placement without authorisation period cannot start when the previous missing/away from placement without authorisation period is still open. Missing/away from placement without authorisation periods should also not overlap.",
	  .check = c574),
	R("577", BASE, 0, "Missing", "MIS_END",
	  "Child ceased to be looked after but there is a missing/away from placement without authorisation period without an end date.",
	  .need = "Episodes Missing", .check = c577),
	R("578", BASE, 0, "Missing", "MIS_START",
	  "The date that the child started to be missing is after the child ceased to be looked after.",
	  .need = "Episodes Missing", .check = c578),
	R("581", BASE, 0, "Missing", "MIS_START", "Child is missing but has not yet started to be looked after.",
	  .need = "Episodes Missing", .check = c581),
	R("1001", BASE, 0, "OC3", "IN_TOUCH ACTIV ACCOM",
	  "The episodes recorded for this young person suggest they are not a relevant or a former relevant child and therefore should not have care leaver information completed. [NOTE: This tool can only test the current and previous year data loaded into the tool - this check may generate false positives if a child had episodes prior to last year's collection.]",
	  .need = "Episodes OC3 Header Episodes_last", .check = c1001),
};
VRULES_COUNT(rules_903_episodes);
