/* The reference model's daily step and deterministic projection. */
#include "forecast/forecast_project.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_CHANGE_DAYS = 256 };

int fc_schedule_build(const struct fc_rates *base, const struct fc_scenario *sc, const double *entry_mult,
		      cf_date start, int days, struct fc_schedule *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	out->start = start;
	out->days = days;
	cf_date change[MAX_CHANGE_DAYS];
	int nchange = sc ? fc_scenario_change_days(sc, start + 2, start + days, change, MAX_CHANGE_DAYS) : 0;
	out->npieces = 1 + nchange;
	out->first_day = malloc((size_t)out->npieces * sizeof *out->first_day);
	out->rates = malloc((size_t)out->npieces * sizeof *out->rates);
	out->entry_mult = malloc((size_t)(days + 1) * sizeof *out->entry_mult);
	if (!out->first_day || !out->rates || !out->entry_mult) {
		fc_schedule_release(out);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	for (int p = 0; p < out->npieces; p++) {
		out->first_day[p] = p == 0 ? 1 : change[p - 1] - start;
		if (sc)
			out->clamped += fc_scenario_apply(sc, base, start + out->first_day[p], &out->rates[p]);
		else
			out->rates[p] = *base;
	}
	for (int t = 0; t <= days; t++)
		out->entry_mult[t] = entry_mult ? entry_mult[t] : 1.0;
	return CF_OK;
}

void fc_schedule_release(struct fc_schedule *s)
{
	free(s->first_day);
	free(s->rates);
	free(s->entry_mult);
	free(s->band_mult);
	memset(s, 0, sizeof *s);
}

int fc_schedule_set_band_mult(struct fc_schedule *s, const double *band_mult, struct cf_error *err)
{
	size_t n = (size_t)(s->days + 1) * FC_NBANDS;
	free(s->band_mult);
	s->band_mult = malloc(n * sizeof *s->band_mult);
	if (!s->band_mult)
		return cf_error_set(err, CF_EIO, "out of memory");
	memcpy(s->band_mult, band_mult, n * sizeof *s->band_mult);
	return CF_OK;
}

double fc_schedule_entry(const struct fc_schedule *s, const struct fc_rates *r, int t, int j)
{
	double e = r->entry[j] * s->entry_mult[t];
	return s->band_mult ? e * s->band_mult[(size_t)t * FC_NBANDS + FC_BAND_OF(j)] : e;
}

const struct fc_rates *fc_schedule_rates(const struct fc_schedule *s, int t)
{
	int p = 0;
	while (p + 1 < s->npieces && s->first_day[p + 1] <= t)
		p++;
	return &s->rates[p];
}

int fc_schedule_next_change(const struct fc_schedule *s, int t)
{
	for (int p = 1; p < s->npieces; p++)
		if (s->first_day[p] > t)
			return s->first_day[p];
	return s->days + 1;
}

void fc_step(const struct fc_rates *r, double entry_mult, const double *now, double *next)
{
	for (int j = 0; j < FC_NSTATES; j++)
		next[j] = now[j] * (1 - fc_rates_out(r, j)) + r->entry[j] * entry_mult;
	for (int i = 0; i < FC_NSTATES; i++) {
		if (now[i] == 0)
			continue;
		for (int j = 0; j < FC_NSTATES; j++)
			next[j] += now[i] * r->move[i][j];
	}
}

void fc_project(const struct fc_schedule *s, const double *stock0, double *out)
{
	memcpy(out, stock0, FC_NSTATES * sizeof *out);
	int p = 0;
	for (int t = 1; t <= s->days; t++) {
		while (p + 1 < s->npieces && s->first_day[p + 1] <= t)
			p++;
		double *next = out + (size_t)t * FC_NSTATES;
		fc_step(&s->rates[p], s->entry_mult[t], out + (size_t)(t - 1) * FC_NSTATES, next);
		if (s->band_mult)   /* each band's entrants by its own factor too */
			for (int j = 0; j < FC_NSTATES; j++)
				next[j] += fc_schedule_entry(s, &s->rates[p], t, j) - s->rates[p].entry[j] * s->entry_mult[t];
	}
}
