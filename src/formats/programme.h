/* A transformation programme as analysts describe it: one workbook (.xlsx)
 * or a folder of CSVs with the sheets programme, workstreams, forecasts,
 * costs, savings, benefits, actuals, milestones, cba and workforce (columns
 * in docs/programme.md). programme_read() parses and validates every sheet
 * into a struct programme; the store keeps it and model/programme.c loads
 * it back, so analyses see the same struct whichever way it came.
 *
 * Money in the business case (costs, savings) is held exactly, as whole
 * ten-thousandths of the programme's unit (pounds or £000s), so a published
 * case in £000s adds up to the pound. CBA and workforce figures are doubles:
 * their arithmetic (discounting, rates) is not exact in any case. */
#ifndef CF_FORMATS_PROGRAMME_H
#define CF_FORMATS_PROGRAMME_H

#include "base/arena.h"
#include "base/date.h"
#include "base/error.h"

#define PROG_SCALE 10000LL        /* prog_money units per unit of currency */
#define PROG_MAX_YEAR 60          /* years are 0 .. PROG_MAX_YEAR */
typedef long long prog_money;     /* an amount × PROG_SCALE, exact */

enum prog_unit { PROG_POUNDS = 0, PROG_THOUSANDS };

struct prog_workstream {
	const char *id, *name, *lead;   /* name and lead may be NULL */
	long row;                       /* row in its sheet, header = 1 */
};

struct prog_cost {
	int year;                       /* 0 = the programme's first financial year */
	const char *workstream;         /* NULL: programme-wide */
	int ongoing;                    /* 0 one-off, 1 ongoing */
	prog_money amount;
	const char *funding;            /* funding source, or NULL */
	long row;
};

/* A forecast the programme takes figures from (the forecasts sheet), run
 * by the forecast engine on the store's SSDA903 data when the programme is
 * loaded (programme/programme_model.h). */
struct prog_forecast {
	const char *id;
	const char *scenario;           /* scenario file (resolved against the programme's folder), or NULL */
	const char *costs;              /* unit costs CSV (resolved likewise), or NULL: the built-in set */
	cf_date ref_start, ref_end, start;   /* CF_DATE_NONE: the forecast's defaults */
	int months;                     /* 0: to the end of the business case's last year */
	const char *method;             /* "markov", "exact-age" or "duration" */
	const char *entrants;           /* "constant", "trend", "seasonal" or "trend+seasonal" */
	double inflation;               /* annual rate of cost inflation */
	long row;
};

struct prog_saving {
	int year;
	const char *workstream;         /* always a known workstream */
	prog_money amount;              /* the new saving that year (> 0 saves; < 0 gives some back) */
	long row;
	const char *forecast;           /* NULL, or the forecast whose scenario this saving comes from */
	const char *shift;              /* NULL, or the placement-shift scenario file (resolved against the
					 * programme's folder) whose saving this is (docs/money.md) */
	int pending;                    /* 1: a line naming a forecast or a shift, not yet turned into yearly
					 * savings (year and amount unset); programme_model_load()
					 * replaces it, and programme_save() refuses it */
};

enum prog_shape { PROG_LINEAR = 0, PROG_GEOMETRIC };

struct prog_benefit {
	const char *id, *name;
	int financial;
	const char *measure;            /* "manual", or the indicator it is measured by */
	const char *unit;               /* NULL when not given */
	cf_date baseline_date, target_date;
	double baseline, target;
	enum prog_shape shape;
	double tolerance;               /* amber band, as a share of |target - baseline| */
	const char *owner, *workstream; /* may be NULL */
	long row;
};

struct prog_actual {
	const char *benefit;            /* a known benefit id */
	cf_date date;
	double value;
	long row;
};

struct prog_milestone {
	const char *name, *workstream, *owner;   /* workstream, owner may be NULL */
	cf_date due, done;              /* done is CF_DATE_NONE while open */
	long row;
};

enum prog_value_type { PROG_FISCAL = 0, PROG_ECONOMIC, PROG_SOCIAL };

/* One outcome for one agency: the benefit to that agency of the outcomes
 * achieved for a cohort engaged in `year`. */
struct prog_outcome {
	const char *name, *agency;
	int year;                       /* year the cohort is engaged */
	double cohort, engagement, impact, deadweight, attribution;
	double unit_value;              /* per outcome per year, in the programme's unit */
	enum prog_value_type type;
	int cashable;
	double drop_off;                /* share of the effect lost each year after the first */
	int lag;                        /* years from engagement to the first benefit */
	int duration;                   /* years the benefit lasts (>= 1) */
	double optimism_bias;           /* benefits are lowered by this share */
	long row;
};

struct prog_cba_cost {
	const char *name, *agency;
	int year;
	double amount;
	double optimism_bias;           /* costs are raised by this share */
	long row;
};

enum prog_role { PROG_SOCIAL_WORKER = 0, PROG_MANAGER, PROG_NROLES };
enum prog_contract { PROG_PERMANENT = 0, PROG_AGENCY, PROG_NCONTRACTS };

struct prog_demand {
	cf_date date;                   /* CF_DATE_NONE for a single undated figure */
	double cases;
	long row;
};

struct prog_workforce {
	int present;                    /* the workforce sheet was given */
	double caseload_standard;       /* cases per social worker */
	double span;                    /* social workers per manager */
	double agency_cap;              /* 0-1 */
	int has_cost[PROG_NROLES][PROG_NCONTRACTS];
	double cost_per_fte[PROG_NROLES][PROG_NCONTRACTS];
	int has_establishment;          /* establishment rows were given */
	double establishment[PROG_NROLES][PROG_NCONTRACTS];   /* FTE */
	struct prog_demand *demand;
	int ndemand;
	/* the demand as a series computed at load (programme/programme_model.h):
	 * a forecast of the forecasts sheet or an indicator, each month's value
	 * times cases_per_unit; demand_pending until it is turned into demand[] */
	const char *demand_forecast, *demand_indicator;   /* at most one; NULL when none */
	double cases_per_unit;
	long demand_row;
	int demand_pending;
	/* the establishment in the workforce census, when one is loaded: filled
	 * by model/programme.c from the store, never by programme_read() */
	int has_census;
	char census_date[11];
	double census[PROG_NROLES][PROG_NCONTRACTS];          /* FTE in post */
};

struct prog_cba {
	int present;
	double discount_rate;           /* default 0.035 */
	int appraisal_years;            /* years 0 .. appraisal_years-1; 0 = to the last flow */
	struct prog_outcome *outcomes;
	int noutcomes;
	struct prog_cba_cost *costs;
	int ncosts;
};

/* In reading order: a sheet may refer to those before it. */
enum prog_sheet {
	PROG_SHEET_PROGRAMME = 0, PROG_SHEET_WORKSTREAMS, PROG_SHEET_FORECASTS, PROG_SHEET_COSTS, PROG_SHEET_SAVINGS,
	PROG_SHEET_BENEFITS, PROG_SHEET_ACTUALS, PROG_SHEET_MILESTONES, PROG_SHEET_CBA, PROG_SHEET_WORKFORCE,
	PROG_NSHEETS
};
extern const char *const prog_sheet_names[PROG_NSHEETS];

struct programme {
	const char *name;
	int from_workbook;              /* 1: one .xlsx; 0: a folder of CSVs */
	const char *sheet_file[PROG_NSHEETS];   /* the file each sheet came from; NULL when absent */
	enum prog_unit unit;
	int first_year;                 /* year 0 starts 1 April first_year; 0 when not given */
	struct prog_workstream *workstreams; int nworkstreams;
	struct prog_forecast *forecasts;     int nforecasts;
	struct prog_cost *costs;             int ncosts;
	struct prog_saving *savings;         int nsavings;
	struct prog_benefit *benefits;       int nbenefits;
	struct prog_actual *actuals;         int nactuals;
	struct prog_milestone *milestones;   int nmilestones;
	struct prog_cba cba;
	struct prog_workforce workforce;
	struct arena arena;             /* every string above; the arrays are malloc'd; both freed
					 * by programme_release() */
};

void programme_init(struct programme *p);
void programme_release(struct programme *p);

/* Read a programme from an .xlsx workbook or a folder of CSVs (one file per
 * sheet, named after it: costs.csv ...). Every value is checked; the first
 * problem stops the read with CF_EINPUT and err naming the file, row,
 * column, value and sheet. `p` must be initialised; on failure it holds
 * nothing useful (release it). The programme's name is the programme
 * sheet's `name`, else the file or folder name without extension. */
int programme_read(const char *path, struct programme *p, struct cf_error *err);

/* Helpers shared with the store and the analyses. */
int programme_workstream_known(const struct programme *p, const char *id);
const struct prog_forecast *programme_forecast_find(const struct programme *p, const char *id);  /* or NULL */
const char *programme_unit_name(enum prog_unit u);   /* "pounds", "thousands" */
double prog_money_to_double(prog_money m);
/* Parse a money amount exactly: "1,013", "-813", "£1,234.50", "(813)",
 * "1.5E3". More than 4 decimal places are rounded half away from zero.
 * Returns 0, or -1 when s is not an amount. */
int prog_money_parse(const char *s, prog_money *out);

#endif
