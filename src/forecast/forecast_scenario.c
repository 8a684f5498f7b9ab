/* Reading scenario files and applying their adjustments to rates. */
#include "forecast/forecast_scenario.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALL_BANDS ((1u << FC_NBANDS) - 1)
#define ALL_PLACES ((1u << FC_NPLACE) - 1)
#define MAX_SCENARIO_BYTES (1 << 20)

/* "all" or a comma list of names; 0 (and *bad set) on an unknown name. */
static unsigned parse_list(char *s, int (*parse)(const char *), unsigned all, const char **bad)
{
	if (strcmp(s, "all") == 0)
		return all;
	unsigned m = 0;
	for (char *tok = s, *next; tok; tok = next) {
		next = strchr(tok, ',');
		if (next)
			*next++ = 0;
		int i = parse(tok);
		if (i < 0) {
			*bad = tok;
			return 0;
		}
		m |= 1u << i;
	}
	return m;
}

/* A number; for add, optionally "/day", "/week", "/month" or "/year". */
static int parse_value(const char *s, int multiply, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || errno || !isfinite(v))
		return -1;
	double per = 1;
	if (*end) {
		if (multiply)
			return -1;
		if (strcmp(end, "/day") == 0)
			per = 1;
		else if (strcmp(end, "/week") == 0)
			per = 7;
		else if (strcmp(end, "/month") == 0)
			per = 365.25 / 12;
		else if (strcmp(end, "/year") == 0)
			per = 365.25;
		else
			return -1;
	}
	if (multiply && v < 0)
		return -1;
	*out = v / per;
	return 0;
}

/* Split a line into words in place; returns the count (at most cap). */
static int split_words(char *s, char **w, int cap)
{
	int n = 0;
	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		if (!*s || *s == '#')
			return n;
		if (n == cap)
			return cap + 1;
		w[n++] = s;
		while (*s && *s != ' ' && *s != '\t' && *s != '\r' && *s != '#')
			s++;
		if (*s == '#') {
			*s = 0;
			return n;
		}
		if (*s)
			*s++ = 0;
	}
}

static int band_parse(const char *s) { return fc_band_parse(s); }
static int place_parse(const char *s) { return fc_place_parse(s); }

/* Returns 0 and fills *a, -1 for a blank/comment line, or an error status. */
static int parse_line(char *line, const char *name, long ln, struct fc_adjustment *a, struct cf_error *err)
{
	char *w[16];
	int n = split_words(line, w, 16);
	if (n == 0)
		return -1;
	if (n > 16)
		return cf_error_at(err, CF_EINPUT, name, ln, NULL, NULL, "too many words on the line");
	memset(a, 0, sizeof *a);
	a->line = ln;
	a->from = CF_DATE_NONE;
	a->bands = ALL_BANDS;
	a->places = ALL_PLACES;
	a->to_places = ALL_PLACES;
	if (strcmp(w[0], "multiply") == 0)
		a->multiply = 1;
	else if (strcmp(w[0], "add") != 0)
		return cf_error_at(err, CF_EINPUT, name, ln, "verb", w[0], "a line starts with multiply or add");
	if (n < 3)
		return cf_error_at(err, CF_EINPUT, name, ln, NULL, w[0],
				   "expected: multiply|add entry|exit|move VALUE [age ...] [placement ...] [to ...] [from DATE] [phase MONTHS]");
	if (strcmp(w[1], "entry") == 0)
		a->target = FC_ADJ_ENTRY;
	else if (strcmp(w[1], "exit") == 0)
		a->target = FC_ADJ_EXIT;
	else if (strcmp(w[1], "move") == 0)
		a->target = FC_ADJ_MOVE;
	else
		return cf_error_at(err, CF_EINPUT, name, ln, "rate", w[1], "the rate is entry, exit or move");
	if (parse_value(w[2], a->multiply, &a->value))
		return cf_error_at(err, CF_EINPUT, name, ln, "value", w[2],
				   a->multiply ? "a factor is a number 0 or more"
					       : "an amount is a number, optionally /day, /week, /month or /year");
	for (int i = 3; i < n; i += 2) {
		if (i + 1 >= n)
			return cf_error_at(err, CF_EINPUT, name, ln, w[i], NULL, "needs a value after it");
		const char *bad = NULL;
		if (strcmp(w[i], "age") == 0) {
			if (!(a->bands = parse_list(w[i + 1], band_parse, ALL_BANDS, &bad)))
				return cf_error_at(err, CF_EINPUT, name, ln, "age", bad,
						   "age bands are 0-1, 1-5, 5-10, 10-16, 16-18 (or all)");
		} else if (strcmp(w[i], "placement") == 0 || strcmp(w[i], "to") == 0) {
			unsigned m = parse_list(w[i + 1], place_parse, ALL_PLACES, &bad);
			if (!m)
				return cf_error_at(err, CF_EINPUT, name, ln, w[i], bad,
						   "placements are fostering, residential, supported, other (or all)");
			if (w[i][0] == 't') {
				if (a->target != FC_ADJ_MOVE)
					return cf_error_at(err, CF_EINPUT, name, ln, "to", w[i + 1], "'to' goes with move only");
				a->to_places = m;
			} else {
				a->places = m;
			}
		} else if (strcmp(w[i], "from") == 0) {
			if (cf_date_parse(w[i + 1], strlen(w[i + 1]), &a->from))
				return cf_error_at(err, CF_EINPUT, name, ln, "from", w[i + 1], "not a date (yyyy-mm-dd)");
		} else if (strcmp(w[i], "phase") == 0) {
			char *end;
			long m = strtol(w[i + 1], &end, 10);
			if (*end || m < 0 || m > 240)
				return cf_error_at(err, CF_EINPUT, name, ln, "phase", w[i + 1], "phase is whole months, 0 to 240");
			a->phase_months = (int)m;
		} else {
			return cf_error_at(err, CF_EINPUT, name, ln, NULL, w[i],
					   "unknown word: expected age, placement, to, from or phase");
		}
	}
	return 0;
}

int fc_scenario_parse(const char *text, const char *name, struct fc_scenario *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	size_t len = strlen(text);
	char *buf = malloc(len + 1);
	if (!buf)
		return cf_error_set(err, CF_EIO, "out of memory");
	memcpy(buf, text, len + 1);
	int cap = 0, rc = CF_OK;
	long ln = 0;
	for (char *line = buf, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		ln++;
		struct fc_adjustment a;
		int r = parse_line(line, name, ln, &a, err);
		if (r < 0)
			continue;
		if (r) {
			rc = r;
			break;
		}
		if (out->n == cap) {
			cap = cap ? cap * 2 : 8;
			struct fc_adjustment *na = realloc(out->adj, (size_t)cap * sizeof *na);
			if (!na) {
				rc = cf_error_set(err, CF_EIO, "out of memory");
				break;
			}
			out->adj = na;
		}
		out->adj[out->n++] = a;
	}
	free(buf);
	if (!rc && out->n == 0)
		rc = cf_error_at(err, CF_EINPUT, name, 0, NULL, NULL, "the scenario has no adjustments");
	if (rc)
		fc_scenario_release(out);
	return rc;
}

int fc_scenario_load(const char *path, struct fc_scenario *out, struct cf_error *err)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL, "cannot open: %s", strerror(errno));
	char *buf = malloc(MAX_SCENARIO_BYTES + 1);
	if (!buf) {
		fclose(fp);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	size_t n = fread(buf, 1, MAX_SCENARIO_BYTES + 1, fp);
	int bad = ferror(fp);
	fclose(fp);
	if (bad || n > MAX_SCENARIO_BYTES) {
		free(buf);
		return cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL, bad ? "read error" : "larger than 1 MB");
	}
	buf[n] = 0;
	int rc = fc_scenario_parse(buf, path, out, err);
	free(buf);
	return rc;
}

void fc_scenario_release(struct fc_scenario *s)
{
	free(s->adj);
	memset(s, 0, sizeof *s);
}

double fc_adjustment_strength(const struct fc_adjustment *a, cf_date d)
{
	if (a->from == CF_DATE_NONE)
		return 1;
	if (d < a->from)
		return 0;
	if (a->phase_months <= 0)
		return 1;
	/* month k after `from` (k = 0 from the day itself) carries (k+1)/phase */
	int k = 0;
	while (k < a->phase_months && cf_date_add_months(a->from, k + 1) <= d)
		k++;
	return k >= a->phase_months ? 1 : (double)(k + 1) / a->phase_months;
}

int fc_scenario_change_days(const struct fc_scenario *s, cf_date lo, cf_date hi, cf_date *days, int cap)
{
	int n = 0;
	for (int i = 0; i < s->n; i++) {
		const struct fc_adjustment *a = &s->adj[i];
		if (a->from == CF_DATE_NONE)
			continue;
		for (int k = 0; k <= a->phase_months; k++) {
			cf_date d = cf_date_add_months(a->from, k);
			if (d < lo || d > hi)
				continue;
			int dup = 0;
			for (int j = 0; j < n && !dup; j++)
				dup = days[j] == d;
			if (!dup && n < cap)
				days[n++] = d;
		}
	}
	for (int i = 1; i < n; i++)   /* insertion sort: a handful of days */
		for (int j = i; j > 0 && days[j - 1] > days[j]; j--) {
			cf_date t = days[j];
			days[j] = days[j - 1];
			days[j - 1] = t;
		}
	return n;
}

static double adjust(double r, const struct fc_adjustment *a, double k)
{
	if (a->multiply)
		return r * (1 + (a->value - 1) * k);
	r += a->value * k;
	return r < 0 ? 0 : r;
}

int fc_scenario_apply(const struct fc_scenario *s, const struct fc_rates *base, cf_date d, struct fc_rates *out)
{
	*out = *base;
	/* which rates an adjustment touched: [rate state][0..FC_NSTATES-1 moves, FC_NSTATES exit] */
	static const int EXIT = FC_NSTATES;
	unsigned char touched[FC_NRATE_STATES][FC_NSTATES + 1];
	memset(touched, 0, sizeof touched);
	for (int i = 0; i < s->n; i++) {
		const struct fc_adjustment *a = &s->adj[i];
		double k = fc_adjustment_strength(a, d);
		if (k <= 0)
			continue;
		for (int st = 0; st < FC_NSTATES; st++) {
			int band = FC_BAND_OF(st), place = FC_PLACE_OF(st);
			if (!(a->bands & (1u << band)) || !(a->places & (1u << place)))
				continue;
			if (a->target == FC_ADJ_ENTRY) {
				out->entry[st] = adjust(out->entry[st], a, k);
				continue;
			}
			for (int dur = 0; dur < out->nrate / FC_NSTATES; dur++) {
				int rs = dur * FC_NSTATES + st;
				if (a->target == FC_ADJ_EXIT) {
					out->exit[rs] = adjust(out->exit[rs], a, k);
					touched[rs][EXIT] = 1;
					continue;
				}
				for (int p = 0; p < FC_NPLACE; p++) {
					int to = FC_STATE(band, p);
					if (p == place || !(a->to_places & (1u << p)))
						continue;
					out->move[rs][to] = adjust(out->move[rs][to], a, k);
					touched[rs][to] = 1;
				}
			}
		}
	}
	int clamped = 0;
	for (int rs = 0; rs < out->nrate; rs++) {
		double adj = 0, orig = 0;
		for (int t = 0; t <= FC_NSTATES; t++) {
			double r = t == EXIT ? out->exit[rs] : out->move[rs][t];
			if (touched[rs][t])
				adj += r;
			else
				orig += r;
		}
		if (adj + orig <= 1)
			continue;
		clamped++;
		/* adjusted rates keep priority: they are what the scenario says */
		double fa = adj >= 1 ? 1 / adj : 1, fo = adj >= 1 ? 0 : (1 - adj) / orig;
		for (int t = 0; t <= FC_NSTATES; t++) {
			double *r = t == EXIT ? &out->exit[rs] : &out->move[rs][t];
			*r *= touched[rs][t] ? fa : fo;
		}
	}
	return clamped;
}
