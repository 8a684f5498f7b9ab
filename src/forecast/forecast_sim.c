/* Bootstrap-and-simulate runs of the forecast (docs/forecast.md
 * "Uncertainty"). Each child is followed event by event: the days to its
 * next move or exit are drawn at once (geometric, since the daily hazard is
 * constant until the next birthday band, duration band or scenario change),
 * which is exact for the daily process and costs a draw per event, not per
 * child-day. */
#include "forecast/forecast_sim.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Days to the next event for a daily probability h (log_stay = log(1 − h)):
 * 1, 2, … or INT32_MAX. */
static int draw_days(struct cf_rng *r, double h, double log_stay)
{
	if (h <= 0)
		return INT32_MAX;
	if (h >= 1)
		return 1;
	double k = 1 + floor(log(cf_rng_unit_open(r)) / log_stay);
	return k > 1e9 ? INT32_MAX : (int)k;
}

struct child0 {
	cf_date dob, ps;
	signed char state;
};

struct tmpl {
	int child;
	int age_days;
};

struct shared {
	const struct fc_sim_config *c;
	struct fc_estimator *est;
	struct fc_rates point;
	struct child0 *pop;
	size_t npop;
	struct tmpl *tmpl;           /* entrants in the window, grouped by state */
	int tfirst[FC_NSTATES + 1];
	atomic_int next_run, done, failed;
};

struct worker {
	struct shared *sh;
	unsigned *weights;
	int *diff;                   /* (days + 2) × FC_NSTATES */
	double *cum;                 /* per template */
	long long *sum;              /* (days + 1) × FC_NSTATES */
	struct fc_sim_result *out;
	pthread_t tid;
	int is_main;
};

struct run {
	const struct fc_sim_config *c;
	struct fc_schedule sched;
	double (*hazard)[2][FC_NRATE_STATES];   /* per piece: total out, log(1 − total) */
	struct cf_rng rng;
	int *diff;
	int exact, by_dur;
};

static void record(struct run *r, int s, int a, int b)
{
	r->diff[(size_t)a * FC_NSTATES + s]++;
	r->diff[(size_t)b * FC_NSTATES + s]--;
}

/* Follow one child from day t (in care at its end, in state s). */
static void follow(struct run *r, int s, cf_date dob, cf_date ps, int t)
{
	const struct fc_sim_config *c = r->c;
	int days = c->days, dur = r->by_dur ? fc_dur_on(ps, c->start + t) : 0;
	for (;;) {
		int band = FC_BAND_OF(s);
		if (r->exact) {
			band = fc_band_on(dob, c->start + t);
			s = FC_STATE(band, FC_PLACE_OF(s));
		}
		int piece = 0;
		while (piece + 1 < r->sched.npieces && r->sched.first_day[piece + 1] <= t)
			piece++;
		const struct fc_rates *R = &r->sched.rates[piece];
		int b = piece + 1 < r->sched.npieces ? r->sched.first_day[piece + 1] : days + 1;
		if (r->exact && band + 1 < FC_NBANDS) {
			int ab = fc_band_entry_day(dob, band + 1) - c->start;
			if (ab < b)
				b = ab;
		}
		if (r->by_dur && dur + 1 < FC_NDUR) {
			int db = fc_dur_entry_day(ps, dur + 1) - c->start;
			if (db < b)
				b = db;
		}
		int rs = fc_rate_state(R, s, dur);
		double h = r->hazard[piece][0][rs];
		int k = draw_days(&r->rng, h, r->hazard[piece][1][rs]);
		if (k != INT32_MAX && (long)t + k <= b && t + k <= days) {
			record(r, s, t, t + k);
			t += k;
			double u = cf_rng_unit_open(&r->rng) * h;
			int to = -1;
			for (int j = 0; j < FC_NSTATES; j++) {
				u -= R->move[rs][j];
				if (u < 0 && R->move[rs][j] > 0) {
					to = j;
					break;
				}
			}
			if (to < 0)
				return;   /* left care */
			s = to;
			continue;
		}
		if (b > days) {
			record(r, s, t, days + 1);
			return;
		}
		record(r, s, t, b);
		t = b;
		if (r->by_dur)
			dur = fc_dur_on(ps, c->start + t);
	}
}

static int sample_template(struct worker *w, struct cf_rng *rng, int s, int *age_days)
{
	struct shared *sh = w->sh;
	int lo = sh->tfirst[s], hi = sh->tfirst[s + 1];
	if (lo == hi)
		return -1;
	double total = w->cum[hi - 1];
	if (total <= 0)
		return -1;
	double u = cf_rng_unit_open(rng) * total;
	while (lo < hi - 1) {   /* first template whose cumulative weight exceeds u */
		int mid = (lo + hi - 1) / 2;
		if (w->cum[mid] > u)
			hi = mid + 1;
		else
			lo = mid + 1;
	}
	*age_days = sh->tmpl[lo].age_days;
	return 0;
}

static int one_run(struct worker *w, int run)
{
	struct shared *sh = w->sh;
	const struct fc_sim_config *c = sh->c;
	struct run r;
	memset(&r, 0, sizeof r);
	r.c = c;
	r.diff = w->diff;
	r.exact = c->method != FC_METHOD_MARKOV;
	r.by_dur = c->method == FC_METHOD_DURATION;
	cf_rng_seed(&r.rng, c->seed, (uint64_t)run);
	struct fc_rates rates;
	size_t n = c->h->nchildren;
	if (c->bootstrap) {
		memset(w->weights, 0, n * sizeof *w->weights);
		for (size_t i = 0; i < n; i++)
			w->weights[cf_rng_below(&r.rng, (int)n)]++;
		if (fc_estimator_run(sh->est, w->weights, &rates))
			return -1;
	} else {
		rates = sh->point;
	}
	for (int s = 0; s < FC_NSTATES; s++) {
		double acc = 0;
		for (int i = sh->tfirst[s]; i < sh->tfirst[s + 1]; i++)
			w->cum[i] = acc += c->bootstrap ? w->weights[sh->tmpl[i].child] : 1;
	}
	struct cf_error err;
	if (fc_schedule_build(&rates, c->scenario, c->entry_mult, c->start, c->days, &r.sched, &err))
		return -1;
	if ((c->band_mult && fc_schedule_set_band_mult(&r.sched, c->band_mult, &err)) ||
	    (c->drift && fc_schedule_drift(&r.sched, c->drift_sd, &r.rng, &err))) {
		fc_schedule_release(&r.sched);
		return -1;
	}
	r.hazard = malloc((size_t)r.sched.npieces * sizeof *r.hazard);
	if (!r.hazard) {
		fc_schedule_release(&r.sched);
		return -1;
	}
	for (int p = 0; p < r.sched.npieces; p++)
		for (int i = 0; i < r.sched.rates[p].nrate; i++) {
			double h = fc_rates_out(&r.sched.rates[p], i);
			r.hazard[p][0][i] = h;
			r.hazard[p][1][i] = h > 0 && h < 1 ? log1p(-h) : 0;
		}
	memset(w->diff, 0, (size_t)(c->days + 2) * FC_NSTATES * sizeof *w->diff);
	for (size_t i = 0; i < sh->npop; i++)
		follow(&r, sh->pop[i].state, sh->pop[i].dob, sh->pop[i].ps, 0);
	for (int t = 1; t <= c->days; t++) {
		const struct fc_rates *R = fc_schedule_rates(&r.sched, t);
		for (int s = 0; s < FC_NSTATES; s++) {
			double lam = fc_schedule_entry(&r.sched, R, t, s);
			long k = lam > 0 ? cf_rng_poisson(&r.rng, lam) : 0;
			for (long e = 0; e < k; e++) {
				int age = 0;
				cf_date dob = 0;
				if (r.exact) {
					if (sample_template(w, &r.rng, s, &age))
						continue;
					dob = c->start + t - age;
				}
				follow(&r, s, dob, c->start + t, t);
			}
		}
	}
	fc_schedule_release(&r.sched);
	free(r.hazard);
	/* daily stock from the difference array */
	int cur[FC_NSTATES] = { 0 };
	int k = 0;
	float *keep = w->out->stock + (size_t)run * c->nsample * FC_NSTATES;
	for (int t = 0; t <= c->days; t++) {
		for (int s = 0; s < FC_NSTATES; s++) {
			cur[s] += w->diff[(size_t)t * FC_NSTATES + s];
			w->sum[(size_t)t * FC_NSTATES + s] += cur[s];
		}
		while (k < c->nsample && c->sample_days[k] == t) {
			for (int s = 0; s < FC_NSTATES; s++)
				keep[(size_t)k * FC_NSTATES + s] = (float)cur[s];
			k++;
		}
	}
	return 0;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct shared *sh = w->sh;
	for (;;) {
		int run = atomic_fetch_add(&sh->next_run, 1);
		if (run >= sh->c->runs || atomic_load(&sh->failed))
			break;
		if (one_run(w, run)) {
			atomic_store(&sh->failed, 1);
			break;
		}
		int d = atomic_fetch_add(&sh->done, 1) + 1;
		if (w->is_main && sh->c->progress)
			progress_update(sh->c->progress, d);
	}
	return NULL;
}


int fc_simulate(const struct fc_sim_config *c, struct fc_sim_result *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	struct shared sh;
	memset(&sh, 0, sizeof sh);
	sh.c = c;
	int rc = fc_estimator_new(c->h, c->method, c->ref_start, c->ref_end, &sh.est, err);
	if (rc)
		return rc;
	if (!c->bootstrap && fc_estimator_run(sh.est, NULL, &sh.point)) {
		fc_estimator_free(sh.est);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	const struct fc_history *h = c->h;
	/* who is in care at the start, and the entrants whose ages new children take */
	size_t ntmpl = 0;
	for (size_t i = 0; i < h->nseg; i++) {
		const struct fc_segment *s = &h->seg[i];
		if (s->start <= c->start && s->end > c->start)
			sh.npop++;
		if (s->entry && s->start >= c->ref_start && s->start <= c->ref_end)
			ntmpl++;
	}
	sh.pop = malloc((sh.npop ? sh.npop : 1) * sizeof *sh.pop);
	sh.tmpl = malloc((ntmpl ? ntmpl : 1) * sizeof *sh.tmpl);
	int T = c->threads > 0 ? c->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (T < 1)
		T = 1;
	if (T > 8)
		T = 8;
	if (T > c->runs)
		T = c->runs > 0 ? c->runs : 1;
	struct worker *ws = calloc((size_t)T, sizeof *ws);
	out->runs = c->runs;
	out->nsample = c->nsample;
	out->days = c->days;
	out->stock = malloc(((size_t)c->runs * c->nsample * FC_NSTATES + 1) * sizeof *out->stock);
	out->mean = calloc((size_t)(c->days + 1) * FC_NSTATES, sizeof *out->mean);
	int oom = !sh.pop || !sh.tmpl || !ws || !out->stock || !out->mean;
	size_t npop = 0;
	int count[FC_NSTATES] = { 0 };
	for (size_t i = 0; i < h->nseg && !oom; i++) {
		const struct fc_segment *s = &h->seg[i];
		if (s->start <= c->start && s->end > c->start)
			sh.pop[npop++] = (struct child0){ h->dob[s->child], s->period_start, s->state };
		if (s->entry && s->start >= c->ref_start && s->start <= c->ref_end)
			count[s->state]++;
	}
	sh.tfirst[0] = 0;
	for (int s = 0; s < FC_NSTATES; s++)
		sh.tfirst[s + 1] = sh.tfirst[s] + count[s];
	int fill[FC_NSTATES];
	memcpy(fill, sh.tfirst, sizeof fill);
	for (size_t i = 0; i < h->nseg && !oom; i++) {
		const struct fc_segment *s = &h->seg[i];
		if (s->entry && s->start >= c->ref_start && s->start <= c->ref_end)
			sh.tmpl[fill[s->state]++] = (struct tmpl){ s->child, s->start - h->dob[s->child] };
	}
	for (int t = 0; t < T && !oom; t++) {
		ws[t].sh = &sh;
		ws[t].out = out;
		ws[t].is_main = t == 0;
		ws[t].weights = malloc((h->nchildren ? h->nchildren : 1) * sizeof *ws[t].weights);
		ws[t].diff = malloc((size_t)(c->days + 2) * FC_NSTATES * sizeof *ws[t].diff);
		ws[t].cum = malloc((ntmpl ? ntmpl : 1) * sizeof *ws[t].cum);
		ws[t].sum = calloc((size_t)(c->days + 1) * FC_NSTATES, sizeof *ws[t].sum);
		oom = !ws[t].weights || !ws[t].diff || !ws[t].cum || !ws[t].sum;
	}
	if (!oom) {
		int started = 1;
		for (int t = 1; t < T; t++, started++)
			if (pthread_create(&ws[t].tid, NULL, work, &ws[t]) != 0)
				break;
		work(&ws[0]);
		for (int t = 1; t < started; t++)
			pthread_join(ws[t].tid, NULL);
		/* integer sums: the mean does not depend on which thread ran what */
		for (size_t k = 0; k < (size_t)(c->days + 1) * FC_NSTATES; k++) {
			long long total = 0;
			for (int t = 0; t < T; t++)
				total += ws[t].sum[k];
			out->mean[k] = c->runs ? (double)total / c->runs : 0;
		}
	}
	for (int t = 0; t < T && ws; t++) {
		free(ws[t].weights);
		free(ws[t].diff);
		free(ws[t].cum);
		free(ws[t].sum);
	}
	free(ws);
	free(sh.pop);
	free(sh.tmpl);
	fc_estimator_free(sh.est);
	if (oom || atomic_load(&sh.failed)) {
		fc_sim_result_release(out);
		return cf_error_set(err, CF_EIO, "out of memory simulating");
	}
	return CF_OK;
}

void fc_sim_result_release(struct fc_sim_result *r)
{
	free(r->stock);
	free(r->mean);
	memset(r, 0, sizeof *r);
}
