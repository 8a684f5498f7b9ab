/* Cleaning episodes into forecast states: the reference model's rules
 * (docs/forecast.md "Cleaning") applied per child. */
#include "forecast/forecast_states.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csv.h"
#include "base/mem.h"

const char *const fc_band_names[FC_NBANDS] = { "0-1", "1-5", "5-10", "10-16", "16-18" };
const char *const fc_place_names[FC_NPLACE] = { "fostering", "residential", "supported", "other" };
const int fc_band_start_years[FC_NBANDS] = { 0, 1, 5, 10, 16 };
const char *const fc_dur_names[FC_NDUR] = { "0-6m", "6-12m", "1-2y", "2y+" };
static const int dur_start_months[FC_NDUR] = { 0, 6, 12, 24 };

int fc_band_parse(const char *s)
{
	for (int b = 0; b < FC_NBANDS; b++)
		if (strcmp(s, fc_band_names[b]) == 0)
			return b;
	return -1;
}

int fc_place_parse(const char *s)
{
	for (int p = 0; p < FC_NPLACE; p++)
		if (strcasecmp(s, fc_place_names[p]) == 0)
			return p;
	return -1;
}

int fc_place_code(const char *place)
{
	if (!place || !place[0] || !place[1] || place[2])
		return -1;
	char l = place[0], d = place[1];
	if (l >= 'a' && l <= 'z')
		l = (char)(l - 'a' + 'A');
	if (l < 'A' || l > 'Z' || d < '0' || d > '9')
		return -1;
	return (l - 'A') * 10 + (d - '0');
}

void fc_placemap_default(struct fc_placemap *m)
{
	static const struct { const char *code; enum fc_place cat; } def[] = {
		{ "U1", FC_FOSTERING }, { "U2", FC_FOSTERING }, { "U3", FC_FOSTERING },
		{ "U4", FC_FOSTERING }, { "U5", FC_FOSTERING }, { "U6", FC_FOSTERING },
		{ "K2", FC_RESIDENTIAL }, { "R1", FC_RESIDENTIAL }, { "P3", FC_RESIDENTIAL }, { "S1", FC_RESIDENTIAL },
		{ "H5", FC_SUPPORTED }, { "P2", FC_SUPPORTED }, { "K3", FC_SUPPORTED },
	};
	memset(m->cat, FC_OTHER, sizeof m->cat);
	for (size_t i = 0; i < sizeof def / sizeof def[0]; i++)
		m->cat[fc_place_code(def[i].code)] = (unsigned char)def[i].cat;
}

int fc_placemap_load(struct fc_placemap *m, const char *path, struct cf_error *err)
{
	struct csv_reader r;
	int rc = csv_reader_open(&r, path, err);
	if (rc)
		return rc;
	int got, header = 1;
	while ((got = csv_reader_next(&r, err)) == 1) {
		if (csv_row_is_blank(&r))
			continue;
		if (r.nfields < 2) {
			rc = cf_error_at(err, CF_EINPUT, path, r.record, NULL, r.fields[0],
					 "expected two columns: place,category");
			break;
		}
		if (header) {
			header = 0;
			if (strcasecmp(r.fields[0], "place") == 0)
				continue;
		}
		int code = fc_place_code(r.fields[0]);
		int cat = fc_place_parse(r.fields[1]);
		if (code < 0) {
			rc = cf_error_at(err, CF_EINPUT, path, r.record, "place", r.fields[0],
					 "not a PLACE code (a letter and a digit, e.g. U4)");
			break;
		}
		if (cat < 0) {
			rc = cf_error_at(err, CF_EINPUT, path, r.record, "category", r.fields[1],
					 "category must be fostering, residential, supported or other");
			break;
		}
		m->cat[code] = (unsigned char)cat;
	}
	if (got < 0)
		rc = err->status ? err->status : CF_EINPUT;
	csv_reader_close(&r);
	return rc;
}

enum fc_place fc_placemap_of(const struct fc_placemap *m, const char *place)
{
	int code = fc_place_code(place);
	return code < 0 ? FC_OTHER : (enum fc_place)m->cat[code];
}

enum fc_provider fc_provider_of(const char *p)
{
	/* strcasecmp(p, "PR4") or "PR5", spelt out: once per episode, it showed in profiles */
	if (p && (p[0] == 'P' || p[0] == 'p') && (p[1] == 'R' || p[1] == 'r') && (p[2] == '4' || p[2] == '5') && !p[3])
		return FC_EXTERNAL;
	return FC_IN_HOUSE;
}

cf_date fc_band_entry_day(cf_date dob, int band)
{
	return cf_date_add_years(dob, fc_band_start_years[band]);
}

int fc_band_on(cf_date dob, cf_date d)
{
	int b = 0;
	while (b + 1 < FC_NBANDS && fc_band_entry_day(dob, b + 1) <= d)
		b++;
	return b;
}

cf_date fc_dur_entry_day(cf_date ps, int dur)
{
	return dur >= FC_NDUR ? FC_OPEN : cf_date_add_months(ps, dur_start_months[dur]);
}

int fc_dur_on(cf_date ps, cf_date d)
{
	int k = 0;
	while (k + 1 < FC_NDUR && fc_dur_entry_day(ps, k + 1) <= d)
		k++;
	return k;
}

/* One episode after deduplication and trimming. */
struct ep {
	cf_date start, end;     /* end FC_OPEN while open */
	const struct cla_episode *src;
};

static int rne_is_status_only(const char *rne)
{
	return rne[0] && !rne[1] && (rne[0] == 'L' || rne[0] == 'T' || rne[0] == 'U');
}

struct seg_buf {
	struct fc_segment *seg;
	size_t n, cap;
};

static struct fc_segment *seg_push(struct seg_buf *b)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 4096;
		struct fc_segment *ns = realloc(b->seg, cap * sizeof *ns);
		if (!ns)
			return NULL;
		b->seg = ns;
		b->cap = cap;
	}
	struct fc_segment *s = &b->seg[b->n++];
	memset(s, 0, sizeof *s);
	return s;
}

/* Days a child enters each band and a period each duration band, worked
 * out once per child and period rather than per segment. */
struct bounds {
	cf_date band[FC_NBANDS];   /* band[b]: first day in band b (band[0] unused) */
	cf_date dur[FC_NDUR];      /* dur[k]: first day of duration band k */
};

/* cf_date_add_months on a date already split into y, m, d: a child's
 * birthdays and a period's duration boundaries come from one split each */
static cf_date ymd_add_months(int y, int m, int d, int months)
{
	int total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	int dim = cf_date_days_in_month(y, m);
	return cf_date_from_ymd(y, m, d > dim ? dim : d);
}

static int band_from(const struct bounds *bd, cf_date d)
{
	int b = 0;
	while (b + 1 < FC_NBANDS && bd->band[b + 1] <= d)
		b++;
	return b;
}

static int dur_from(const struct bounds *bd, cf_date d)
{
	int k = 0;
	while (k + 1 < FC_NDUR && bd->dur[k + 1] <= d)
		k++;
	return k;
}

/* Emit the segments of one (merged) episode, split at band-crossing
 * birthdays and duration boundaries up to the data's end. */
static int emit_episode(struct seg_buf *b, const struct fc_placemap *map, int child, const struct bounds *bd,
			const struct ep *e, cf_date ps, int entry, const struct ep *next, cf_date data_end)
{
	enum fc_place cat = fc_placemap_of(map, e->src->place);
	/* the same for every segment of the episode: worked out once */
	unsigned char provider = (unsigned char)fc_provider_of(e->src->provider);
	short place_code = (short)fc_place_code(e->src->place);
	cf_date s = e->start;
	int first = 1;
	for (;;) {
		int band = band_from(bd, s), dur = dur_from(bd, s);
		cf_date age_split = band + 1 < FC_NBANDS ? bd->band[band + 1] : FC_OPEN;
		cf_date dur_split = dur + 1 < FC_NDUR ? bd->dur[dur + 1] : FC_OPEN;
		cf_date split = age_split < dur_split ? age_split : dur_split;
		struct fc_segment *g = seg_push(b);
		if (!g)
			return -1;
		g->start = s;
		g->period_start = ps;
		g->child = child;
		g->state = (signed char)FC_STATE(band, cat);
		g->dur = (unsigned char)dur;
		g->entry = (unsigned char)(first && entry);
		g->provider = provider;
		g->place_code = place_code;
		g->next = -1;
		first = 0;
		if (split < e->end && split <= data_end) {
			g->end = split;
			g->end_kind = split == age_split ? FC_END_AGE : FC_END_DUR;
			g->next = (signed char)FC_STATE(band_from(bd, split), cat);
			s = split;
			continue;
		}
		g->end = e->end;
		if (e->end == FC_OPEN) {
			g->end_kind = FC_END_OPEN;
		} else if (next && next->start == e->end) {
			int ns = FC_STATE(band_from(bd, e->end), fc_placemap_of(map, next->src->place));
			g->next = (signed char)ns;
			g->end_kind = ns == g->state ? FC_END_SAME : FC_END_MOVE;
		} else {
			g->end_kind = FC_END_EXIT;
		}
		return 0;
	}
}

int fc_history_build(const struct cla_data *cla, const struct fc_placemap *map, enum fc_merge merge,
		     cf_date cutoff, struct fc_history *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	struct seg_buf b = { 0 };
	struct ep *eps = NULL;
	size_t eps_cap = 0;
	out->dob = malloc((cla->nchildren ? cla->nchildren : 1) * sizeof *out->dob);
	if (!out->dob)
		return cf_error_set(err, CF_EIO, "out of memory");
	out->nchildren = cla->nchildren;
	/* sized once for the usual split (an episode seldom crosses more than one
	 * birthday or duration boundary): doubling from small would copy
	 * and fault in the segments again and again */
	b.cap = cla->neps * 2 + 16;
	if (!(b.seg = malloc(b.cap * sizeof *b.seg))) {
		free(out->dob);
		out->dob = NULL;
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	mem_prefer_huge(b.seg, b.cap * sizeof *b.seg);

	/* the data's span: collection years loaded, and the last date seen */
	cf_date first = FC_OPEN, last = CF_DATE_NONE;
	for (size_t i = 0; i < cla->neps; i++) {
		const struct cla_episode *e = &cla->eps[i];
		if (cutoff != CF_DATE_NONE && e->start > cutoff)
			continue;
		if (e->start < first)
			first = e->start;
		if (e->start > last)
			last = e->start;
		if (e->end != CF_DATE_NONE && e->end > last && (cutoff == CF_DATE_NONE || e->end <= cutoff))
			last = e->end;
	}
	if (last == CF_DATE_NONE) {
		free(b.seg);
		free(out->dob);
		out->dob = NULL;
		return cf_error_set(err, CF_EINPUT, "no episodes in the store%s: load SSDA903 returns first",
				    cutoff != CF_DATE_NONE ? " before the cutoff" : "");
	}
	out->data_start = cla->nyears ? cf_date_fy_start(cla->years[0] - 1) : cf_date_fy_start(cf_date_fy(first));
	out->data_end = cutoff != CF_DATE_NONE ? cutoff : cf_date_fy_end(cf_date_fy(last));

	for (size_t ci = 0; ci < cla->nchildren; ci++) {
		const struct cla_child *c = &cla->children[ci];
		out->dob[ci] = c->dob;
		if (c->dob == CF_DATE_NONE) {
			out->dropped_no_dob += c->n;
			continue;
		}
		if ((size_t)c->n > eps_cap) {
			eps_cap = (size_t)c->n * 2;
			struct ep *ne = realloc(eps, eps_cap * sizeof *ne);
			if (!ne)
				goto oom;
			eps = ne;
		}
		/* rewind, then drop a later episode ending on the same day as an
		 * earlier one (both open counts as the same end): the longer wins */
		int n = 0;
		for (int k = 0; k < c->n; k++) {
			const struct cla_episode *src = &cla->eps[c->first + k];
			if (cutoff != CF_DATE_NONE && src->start > cutoff)
				continue;
			cf_date end = src->end == CF_DATE_NONE ? FC_OPEN : src->end;
			if (cutoff != CF_DATE_NONE && end != FC_OPEN && end > cutoff)
				end = FC_OPEN;
			int dup = 0;
			for (int j = 0; j < n && !dup; j++)
				dup = eps[j].end == end;
			if (dup) {
				out->dropped_duplicate++;
				continue;
			}
			eps[n].start = src->start;
			eps[n].end = end;
			eps[n].src = src;
			n++;
		}
		/* an episode running past the next one's start ends there; one
		 * left with no days is dropped */
		int m = 0;
		for (int k = 0; k < n; k++) {
			if (k + 1 < n && eps[k].end > eps[k + 1].start) {
				eps[k].end = eps[k + 1].start;
				out->trimmed++;
			}
			if (eps[k].end <= eps[k].start) {
				out->dropped_duplicate++;
				continue;
			}
			eps[m++] = eps[k];
		}
		n = m;
		/* merge episodes that continue the one before without a new placement */
		m = 0;
		for (int k = 0; k < n; k++) {
			if (m > 0 && eps[m - 1].end == eps[k].start) {
				const struct cla_episode *p = eps[m - 1].src, *q = eps[k].src;
				int same = merge == FC_MERGE_RNE ? rne_is_status_only(q->rne)
					: strcmp(p->place, q->place) == 0 && strcmp(p->provider, q->provider) == 0;
				if (same) {
					eps[m - 1].end = eps[k].end;
					out->merged++;
					continue;
				}
			}
			eps[m++] = eps[k];
		}
		n = m;
		cf_date ps = CF_DATE_NONE;
		struct bounds bd;
		int y, mo, d;
		cf_date_to_ymd(c->dob, &y, &mo, &d);
		for (int bb = 1; bb < FC_NBANDS; bb++)
			bd.band[bb] = ymd_add_months(y, mo, d, fc_band_start_years[bb] * 12);   /* fc_band_entry_day */
		for (int k = 0; k < n; k++) {
			int entry = k == 0 || eps[k - 1].end != eps[k].start;
			if (entry) {
				ps = eps[k].start;
				cf_date_to_ymd(ps, &y, &mo, &d);
				for (int dd = 1; dd < FC_NDUR; dd++)
					bd.dur[dd] = ymd_add_months(y, mo, d, dur_start_months[dd]);   /* fc_dur_entry_day */
			}
			if (emit_episode(&b, map, (int)ci, &bd, &eps[k], ps, entry, k + 1 < n ? &eps[k + 1] : NULL,
					 out->data_end))
				goto oom;
		}
	}
	free(eps);
	out->seg = b.seg;
	out->nseg = b.n;
	return CF_OK;
oom:
	free(eps);
	free(b.seg);
	free(out->dob);
	memset(out, 0, sizeof *out);
	return cf_error_set(err, CF_EIO, "out of memory cleaning episodes");
}

void fc_history_release(struct fc_history *h)
{
	free(h->seg);
	free(h->dob);
	memset(h, 0, sizeof *h);
}

void fc_history_stock(const struct fc_history *h, cf_date d, double *counts)
{
	memset(counts, 0, FC_NSTATES * sizeof *counts);
	for (size_t i = 0; i < h->nseg; i++)
		if (h->seg[i].start <= d && h->seg[i].end > d)
			counts[h->seg[i].state] += 1;
}
