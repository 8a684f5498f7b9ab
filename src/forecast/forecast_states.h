/* The forecast's states (age band × placement category) and the cleaned
 * care histories they are counted from: episodes deduplicated, merged where
 * only the legal status changed, and split at band-crossing birthdays and
 * time-in-care boundaries, so every segment lies in one state. */
#ifndef CF_FORECAST_FORECAST_STATES_H
#define CF_FORECAST_FORECAST_STATES_H

#include <stddef.h>

#include "base/date.h"
#include "base/error.h"
#include "model/cla.h"

enum { FC_NBANDS = 5, FC_NPLACE = 4, FC_NSTATES = FC_NBANDS * FC_NPLACE, FC_NDUR = 4 };
enum fc_place { FC_FOSTERING, FC_RESIDENTIAL, FC_SUPPORTED, FC_OTHER };
enum fc_provider { FC_IN_HOUSE, FC_EXTERNAL };

#define FC_STATE(band, place) ((band) * FC_NPLACE + (place))
#define FC_BAND_OF(state) ((state) / FC_NPLACE)
#define FC_PLACE_OF(state) ((state) % FC_NPLACE)

extern const char *const fc_band_names[FC_NBANDS];     /* "0-1" … "16-18" */
extern const char *const fc_place_names[FC_NPLACE];    /* "fostering" … "other" */
extern const int fc_band_start_years[FC_NBANDS];        /* 0, 1, 5, 10, 16 */
extern const char *const fc_dur_names[FC_NDUR];         /* "0-6m", "6-12m", "1-2y", "2y+" */

/* Index of a band / placement name, or -1. */
int fc_band_parse(const char *s);
int fc_place_parse(const char *s);

/* PLACE code ("U1": letter and digit) to placement category. */
struct fc_placemap {
	unsigned char cat[26 * 10];
};
/* The reference model's mapping: U1–U6 fostering; K2, R1, P3, S1
 * residential; H5, P2, K3 supported; anything else other. */
void fc_placemap_default(struct fc_placemap *m);
/* Replace entries from a CSV with columns place,category (header row
 * first). Codes not listed keep their default. */
int fc_placemap_load(struct fc_placemap *m, const char *path, struct cf_error *err);
/* Index of a PLACE code in 0..259, or -1 when it is not letter+digit. */
int fc_place_code(const char *place);
enum fc_place fc_placemap_of(const struct fc_placemap *m, const char *place);
/* PR4 and PR5 (private, voluntary) are external; PR0–PR3 and unknown in-house. */
enum fc_provider fc_provider_of(const char *provider);

/* How a segment ends. */
enum fc_end {
	FC_END_OPEN,   /* still open at the data's end */
	FC_END_MOVE,   /* the next segment follows on the same day in another state */
	FC_END_SAME,   /* the next follows in the same state (a change the states do not see) */
	FC_END_AGE,    /* split at a birthday crossing a band boundary */
	FC_END_DUR,    /* split where time in care crosses a duration band */
	FC_END_EXIT,   /* left care */
};

/* In care, in one state, on the days start .. end-1 (the child counts in
 * the stock at the end of each of those days, as an episode with DEC = end
 * does); end is FC_OPEN for a segment open at the data's end. */
#define FC_OPEN INT32_MAX
struct fc_segment {
	cf_date start, end;
	cf_date period_start;   /* first day of this period of care */
	int child;              /* index into fc_history.dob */
	signed char state;      /* FC_STATE(band, place) */
	signed char next;       /* state after an FC_END_MOVE/SAME/AGE/DUR, else -1 */
	unsigned char end_kind; /* enum fc_end */
	unsigned char dur;      /* duration band 0..FC_NDUR-1 */
	unsigned char entry;    /* 1 when this segment begins a period of care */
	unsigned char provider; /* enum fc_provider */
	short place_code;       /* fc_place_code(PLACE) or -1 */
};

/* Which consecutive episodes (same child, no gap) become one. */
enum fc_merge {
	FC_MERGE_PLACE,  /* same PLACE and PLACE_PROVIDER: only the legal status (or CIN) changed */
	FC_MERGE_RNE,    /* the reference's rule: RNE L, T or U, whatever the placement */
};

struct fc_history {
	struct fc_segment *seg;   /* owned; grouped by child, in date order */
	size_t nseg;
	cf_date *dob;             /* owned; per child index (the cla_data index) */
	size_t nchildren;
	cf_date data_start;       /* 1 April of the first collection year */
	cf_date data_end;         /* 31 March after the last DECOM/DEC (or the cutoff) */
	long dropped_no_dob;      /* episodes dropped: the child has no date of birth */
	long dropped_duplicate;   /* episodes dropped as duplicates (same start, or same end) */
	long merged;              /* episodes merged into the one before */
	long trimmed;             /* episodes cut short where the next one starts */
};

/* Build cleaned histories from cla. cutoff = CF_DATE_NONE uses all data;
 * otherwise the data are rewound to it (episodes starting after it are
 * dropped, episodes ending after it are open, data_end = cutoff), which is
 * what backtesting forecasts from. Release with fc_history_release. */
int fc_history_build(const struct cla_data *cla, const struct fc_placemap *map, enum fc_merge merge,
		     cf_date cutoff, struct fc_history *out, struct cf_error *err);
void fc_history_release(struct fc_history *h);

/* Band for someone born dob on day d (before birth counts as 0-1). */
int fc_band_on(cf_date dob, cf_date d);
/* The day the child born dob enters band b (b >= 1). */
cf_date fc_band_entry_day(cf_date dob, int band);
/* Duration band for a period of care started on ps, on day d, and the day
 * the next duration band begins (FC_OPEN for the last). */
int fc_dur_on(cf_date ps, cf_date d);
cf_date fc_dur_entry_day(cf_date ps, int dur);

/* Children in each state at the end of day d (counts[FC_NSTATES]). */
void fc_history_stock(const struct fc_history *h, cf_date d, double *counts);

#endif
