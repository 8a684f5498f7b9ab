/* The forecast job: what `caseflow forecast`, the report's forecast panel
 * and the server each need to set up a forecast, done once — episodes from
 * the store, the place map, costs and scenario from their files, then the
 * forecast or the backtest. */
#include "forecast/forecast.h"
#include "store/population_records.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void forecast_options_init(struct forecast_options *o)
{
	memset(o, 0, sizeof *o);
	fc_options_init(&o->model);
	o->inflation_from = CF_DATE_NONE;
	o->withdrawn = CLA_DROP_WITHDRAWN;
	o->cutoff = CF_DATE_NONE;
	o->methods[0] = FC_METHOD_MARKOV;
	o->nmethods = 1;
}

/* The population rows one forecast reads: of one area, each year and band
 * both sexes' rows (sex not given) and the sexed ones, added up apart. */
struct population_sum {
	const char *area;                            /* NULL: "LA" or none */
	double all[FC_POP_YEARS][FC_NBANDS];
	double sexed[FC_POP_YEARS][FC_NBANDS];
};

/* The area's children by forecast age band and mid-year: rows of single
 * years of age 0-17. */
static int add_population(void *ctx, const struct population_record *r)
{
	struct population_sum *sum = ctx;
	int ours = sum->area ? r->area && strcmp(r->area, sum->area) == 0 : !r->area || strcmp(r->area, "LA") == 0;
	if (!ours || !r->has_age || r->age < 0 || r->age > 17)
		return 0;
	int y = r->year - FC_POP_FIRST_YEAR;
	if (y < 0 || y >= FC_POP_YEARS)
		return 0;
	int b = FC_NBANDS - 1;
	while (b > 0 && r->age < fc_band_start_years[b])
		b--;
	double *c = r->sex ? &sum->sexed[y][b] : &sum->all[y][b];
	*c = isnan(*c) ? r->count : *c + r->count;
	return 0;
}

/* Each year and band: the rows for both sexes where there are any (ONS's
 * projection gives persons beside females and males), else the sexes summed. */
static int load_population(struct store *st, const char *area, struct fc_population *pop, struct cf_error *err)
{
	struct population_sum *sum = malloc(sizeof *sum);
	if (!sum)
		return cf_error_set(err, CF_EIO, "out of memory");
	sum->area = area;
	for (int y = 0; y < FC_POP_YEARS; y++)
		for (int b = 0; b < FC_NBANDS; b++)
			sum->all[y][b] = sum->sexed[y][b] = NAN;
	int rc = population_records_each(st, add_population, sum, err);
	for (int y = 0; y < FC_POP_YEARS; y++)
		for (int b = 0; b < FC_NBANDS; b++)
			pop->count[y][b] = isnan(sum->all[y][b]) ? sum->sexed[y][b] : sum->all[y][b];
	free(sum);
	return rc;
}

int forecast_bands_parse(const char *v, struct fc_options *o)
{
	o->nbands = 0;
	const char *p = v;
	while (*p) {
		char *end;
		double q = strtod(p, &end);
		if (end == p || q < 0 || q > 100 || o->nbands == FC_MAX_BANDS || (o->nbands && q <= o->bands[o->nbands - 1]))
			return -1;
		o->bands[o->nbands++] = q;
		p = end;
		if (*p == ',')
			p++;
		else if (*p)
			return -1;
	}
	return 0;
}

int forecast_method_parse(const char *s) { return fc_method_parse(s); }
int forecast_entrants_parse(const char *s) { return fc_entrants_parse(s); }

int forecast_run(struct store *st, const struct forecast_options *o, struct forecast_result **out,
		 struct cf_error *err)
{
	*out = NULL;
	if (o->backtest && o->cutoff == CF_DATE_NONE && o->ncutoffs == 0)
		return cf_error_set(err, CF_EUSAGE, "a backtest needs a cutoff date");
	struct fc_options m = o->model;
	struct fc_placemap map;
	struct fc_costs costs;
	struct fc_scenario scenario;
	memset(&costs, 0, sizeof costs);
	memset(&scenario, 0, sizeof scenario);
	fc_placemap_default(&map);
	int rc = o->place_map_path ? fc_placemap_load(&map, o->place_map_path, err) : CF_OK;
	if (!rc)
		rc = o->costs_path ? fc_costs_load(&costs, o->costs_path, &map, err) : fc_costs_default(&costs, &map, err);
	if (!rc && !o->costs_path && o->own_costs)
		rc = o->own_costs(st, &map, &costs, err);
	if (!rc && o->scenario_path)
		rc = fc_scenario_load(o->scenario_path, &scenario, err);
	costs.inflation = o->inflation_pct / 100;
	costs.inflation_from = o->inflation_from;
	m.map = &map;
	m.costs = &costs;
	m.scenario = o->scenario_path ? &scenario : NULL;
	struct fc_population *pop = NULL;
	if (!rc && m.entrants == FC_ENTRANTS_PROJECTION) {
		pop = malloc(sizeof *pop);
		rc = pop ? load_population(st, o->population_area, pop, err) : cf_error_set(err, CF_EIO, "out of memory");
		m.population = pop;
	}
	struct cla_data cla;
	if (!rc && !(rc = cla_load_versions(st, &cla, o->withdrawn, err))) {
		if (o->backtest) {
			struct forecast_result *res = calloc(1, sizeof *res);
			if (!res)
				rc = cf_error_set(err, CF_EIO, "out of memory");
			else if ((rc = forecast_backtest(&cla, &m, o->ncutoffs ? o->cutoffs : &o->cutoff,
							 o->ncutoffs ? o->ncutoffs : 1, o->methods, o->nmethods, res,
							 err)))
				forecast_result_free(res);
			else
				*out = res;
		} else if (!(rc = forecast_compute(&cla, &m, out, err))) {
			snprintf((*out)->cost_source, sizeof (*out)->cost_source, "%s", costs.source);
		}
		cla_release(&cla);
	}
	fc_costs_release(&costs);
	fc_scenario_release(&scenario);
	free(pop);
	return rc;
}
