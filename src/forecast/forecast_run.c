/* The forecast job: what `caseflow forecast`, the report's forecast panel
 * and the server each need to set up a forecast, done once — episodes from
 * the store, the place map, costs and scenario from their files, then the
 * forecast or the backtest. */
#include "forecast/forecast.h"

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
	if (o->backtest && o->cutoff == CF_DATE_NONE)
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
	struct cla_data cla;
	if (!rc && !(rc = cla_load_versions(st, &cla, o->withdrawn, err))) {
		if (o->backtest) {
			struct forecast_result *res = calloc(1, sizeof *res);
			if (!res)
				rc = cf_error_set(err, CF_EIO, "out of memory");
			else if ((rc = forecast_backtest(&cla, &m, o->cutoff, o->methods, o->nmethods, res->tables,
							 &res->ntables, 8, err)))
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
	return rc;
}
