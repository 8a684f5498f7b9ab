/* Private to the simulation (sim.c, journey.c): record storage and the
 * per-child journey. Writers use synth.h only. */
#ifndef CF_SYNTH_SIM_INTERNAL_H
#define CF_SYNTH_SIM_INTERNAL_H

#include "synth/rng.h"
#include "synth/synth.h"

/* Append a zeroed record to a world vector; never NULL (on failure it
 * returns scratch memory and sets w->oom, which synth_simulate reports). */
void *syn_vec_push(struct synth_world *w, void *slot, size_t *n, size_t *cap, size_t size);
#define SYN_PUSH(w, name) syn_vec_push((w), &(w)->name, &(w)->n_##name, &(w)->cap_##name, sizeof *(w)->name)

/* Days in a year, for rates quoted per year. */
#define SYN_YEAR 365.25

/* Simulate child ci's whole journey: contacts, referrals, assessments,
 * s47s, plans, early help, care, missing episodes and adoption. Appends
 * records; fills the child's record ranges. */
void syn_journey(struct synth_world *w, int ci);

/* Allocate social workers to child ci's open cases (after syn_journey). */
void syn_allocate(struct synth_world *w, int ci);

/* A worker holding cases, in post on day d (any case holder when none is). */
int syn_pick_worker(const struct synth_world *w, struct cf_rng *r, cf_date d);

#endif
