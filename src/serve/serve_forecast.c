/* /api/forecast: the forecast with the parameters caseflow forecast takes
 * as options (?months=&method=&entrants=&runs=&seed=&bands=&start=
 * &ref_start=&ref_end=&inflation=&table=), answered as its --format json. It
 * reads through the thread's own connection, outside the server's lock, so
 * a long run holds up no other page. */
#include "serve/serve_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast/forecast.h"
#include "placements/placements.h"

/* More runs than this are the command line's: a request must stay short. */
#define API_FORECAST_MAX_RUNS 1000

/* caseflow forecast's --method and --entrants choices */
static const struct { const char *name; enum fc_method m; } methods[] = {
	{ "markov", FC_METHOD_MARKOV }, { "exact-age", FC_METHOD_EXACT_AGE }, { "duration", FC_METHOD_DURATION },
};
static const struct { const char *name; enum fc_entrants e; } entrants[] = {
	{ "constant", FC_ENTRANTS_CONSTANT }, { "trend", FC_ENTRANTS_TREND },
	{ "seasonal", FC_ENTRANTS_SEASONAL }, { "trend+seasonal", FC_ENTRANTS_BOTH },
};

static int bad_param(struct request *rq, const char *msg)
{
	struct strbuf sb = STRBUF_INIT;
	/* msg is ours, never the value sent: nothing to escape */
	int bad = strbuf_addf(&sb, "{\"error\":\"%s\"}\n", msg);
	int ret = bad ? reply(rq, 500, "application/json", "{}\n", 3) : reply(rq, 400, "application/json", sb.buf, sb.len);
	strbuf_release(&sb);
	return ret;
}

/* A whole number in [lo, hi] from ?name=; 0 when absent (left as it is) or
 * good, -1 when not. */
static int param_int(struct request *rq, const char *name, long lo, long hi, long *out)
{
	const char *s = req_query(rq, name);
	if (!s)
		return 0;
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < lo || v > hi || strlen(s) > 12)
		return -1;
	*out = v;
	return 0;
}

static int param_date(struct request *rq, const char *name, cf_date *out)
{
	const char *s = req_query(rq, name);
	if (!s)
		return 0;
	return strlen(s) > 10 || cf_date_parse(s, strlen(s), out) ? -1 : 0;
}

static int param_bands(const char *v, struct fc_options *o)
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

int page_api_forecast(struct request *rq)
{
	struct forecast_options fo;
	forecast_options_init(&fo);
	struct fc_options *o = &fo.model;
	long months = o->months, runs = o->runs, seed = 1;
	const char *v;
	if (param_int(rq, "months", 1, 120, &months))
		return bad_param(rq, "months is 1 to 120");
	if (param_int(rq, "runs", 0, API_FORECAST_MAX_RUNS, &runs))
		return bad_param(rq, "runs is 0 to 1000 here (more: caseflow forecast)");
	if (param_int(rq, "seed", 0, 2147483647L, &seed))
		return bad_param(rq, "seed is a whole number");
	if (param_date(rq, "start", &o->start) || param_date(rq, "ref_start", &o->ref_start) ||
	    param_date(rq, "ref_end", &o->ref_end))
		return bad_param(rq, "start, ref_start and ref_end are dates, yyyy-mm-dd");
	if ((v = req_query(rq, "method"))) {
		int k = (int)(sizeof methods / sizeof methods[0]);
		while (--k >= 0 && strcmp(v, methods[k].name) != 0)
			;
		if (k < 0)
			return bad_param(rq, "method is markov, exact-age or duration");
		o->method = methods[k].m;
	}
	if ((v = req_query(rq, "entrants"))) {
		int k = (int)(sizeof entrants / sizeof entrants[0]);
		while (--k >= 0 && strcmp(v, entrants[k].name) != 0)
			;
		if (k < 0)
			return bad_param(rq, "entrants is constant, trend, seasonal or trend+seasonal");
		o->entrants = entrants[k].e;
	}
	if ((v = req_query(rq, "bands")) && (strlen(v) > 100 || param_bands(v, o)))
		return bad_param(rq, "bands are ascending percentiles 0-100, comma-separated");
	if ((v = req_query(rq, "inflation"))) {
		char *end;
		fo.inflation_pct = strtod(v, &end);
		if (!*v || *end || fo.inflation_pct < -50 || fo.inflation_pct > 100)
			return bad_param(rq, "inflation is a percentage, -50 to 100");
	}
	const char *table = req_query(rq, "table");
	static const char *const tables[] = { "forecast", "costs", "rates", "inputs", "all" };
	int known = !table;
	for (int i = 0; table && i < (int)(sizeof tables / sizeof tables[0]); i++)
		known |= strcmp(table, tables[i]) == 0;
	if (!known)
		return bad_param(rq, "table is forecast, costs, rates, inputs or all");
	o->months = (int)months;
	o->runs = (int)runs;
	o->seed = (unsigned long long)seed;
	fo.own_costs = placements_store_costs;
	struct cf_error err;
	cf_error_clear(&err);
	struct store *rd = serve_reader(rq->srv, &err);
	struct forecast_result *res = NULL;
	int rc = rd ? forecast_run(rd, &fo, &res, &err) : CF_EIO;
	int ret;
	if (rc == CF_EUSAGE || rc == CF_EINPUT) {
		/* too little history, a date outside the data: the user's to change */
		ret = bad_param(rq, "the store's data does not allow that forecast (too little history for the window, or a date outside it)");
	} else if (rc) {
		cf_error_print(&err);
		ret = reply(rq, 500, "application/json", "{\"error\":\"the forecast could not be made\"}\n", 43);
	} else {
		/* as caseflow forecast --format json: the forecast table unless ?table= says */
		const char *want = table ? table : "forecast";
		struct cf_table *pick[8];
		int npick = 0;
		for (int i = 0; i < res->ntables && npick < 8; i++)
			if (strcmp(want, "all") == 0 || strcmp(want, res->tables[i]->name) == 0)
				pick[npick++] = res->tables[i];
		ret = reply_json_tables(rq, pick, npick);
	}
	forecast_result_free(res);
	return ret;
}
