/* /forecast and /api/forecast: the forecast with the parameters caseflow
 * forecast takes as options (?months=&method=&entrants=&runs=&seed=&bands=
 * &start=&ref_start=&ref_end=&inflation=, and &table= for the API's JSON,
 * answered as its --format json), and scenarios (a set of parameters)
 * saved per user or shared with the council. Runs read through the thread's
 * own connection, outside the server's lock, so a long run holds up no
 * other page; saving and deleting write under it, audited. */
#include "serve/serve_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast/forecast.h"
#include "outputs/html.h"
#include "placements/placements.h"
#include "store/scenarios.h"

/* More runs than this are the command line's: a request must stay short. */
#define API_FORECAST_MAX_RUNS 1000

/* Where the parameters come from: the query, a form's body, a saved scenario. */
typedef const char *(*param_fn)(void *ctx, const char *name);

static const char *const param_names[] = { "months", "method", "entrants", "runs", "seed",
					    "bands", "start", "ref_start", "ref_end", "inflation" };
#define NPARAMS ((int)(sizeof param_names / sizeof param_names[0]))

static const char *from_query(void *ctx, const char *name) { return req_query(ctx, name); }

/* name=value lines, as scenario_save keeps them */
struct text_params { const char *text; char val[80]; };
static const char *from_text(void *ctx, const char *name)
{
	struct text_params *tp = ctx;
	size_t n = strlen(name);
	for (const char *p = tp->text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, name, n) && p[n] == '=') {
			snprintf(tp->val, sizeof tp->val, "%.*s", (int)strcspn(p + n + 1, "\n"), p + n + 1);
			return tp->val;
		}
	return NULL;
}

/* a form's fields, decoded (req_form) */
struct form_params { struct request *rq; char val[NPARAMS][80]; };
static const char *from_form(void *ctx, const char *name)
{
	struct form_params *fp = ctx;
	for (int i = 0; i < NPARAMS; i++)
		if (!strcmp(name, param_names[i]))
			return req_form(fp->rq, name, fp->val[i], sizeof fp->val[i]) ? NULL : fp->val[i];
	return NULL;
}

/* A value given; an empty form field is no value. */
static const char *param(param_fn get, void *ctx, const char *name)
{
	const char *v = get(ctx, name);
	return v && *v ? v : NULL;
}

static int param_int(param_fn get, void *ctx, const char *name, long lo, long hi, long *out)
{
	const char *s = param(get, ctx, name);
	if (!s)
		return 0;
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi || strlen(s) > 12)
		return -1;
	*out = v;
	return 0;
}

static int param_date(param_fn get, void *ctx, const char *name, cf_date *out)
{
	const char *s = param(get, ctx, name);
	if (!s)
		return 0;
	return strlen(s) > 10 || cf_date_parse(s, strlen(s), out) ? -1 : 0;
}

/* The forecast the parameters ask for, into fo; NULL, or what is wrong. */
static const char *forecast_params(param_fn get, void *ctx, struct forecast_options *fo)
{
	forecast_options_init(fo);
	struct fc_options *o = &fo->model;
	long months = o->months, runs = o->runs, seed = 1;
	const char *v;
	/* shorter than the 80 bytes a form's or a saved scenario's value is read
	 * into, so no value is cut short into another that parses */
	for (int i = 0; i < NPARAMS; i++)
		if ((v = param(get, ctx, param_names[i])) && strlen(v) > 64)
			return "a parameter is longer than 64 characters";
	if (param_int(get, ctx, "months", 1, 120, &months))
		return "months is 1 to 120";
	if (param_int(get, ctx, "runs", 0, API_FORECAST_MAX_RUNS, &runs))
		return "runs is 0 to 1000 here (more: caseflow forecast)";
	if (param_int(get, ctx, "seed", 0, 2147483647L, &seed))
		return "seed is a whole number";
	if (param_date(get, ctx, "start", &o->start) || param_date(get, ctx, "ref_start", &o->ref_start) ||
	    param_date(get, ctx, "ref_end", &o->ref_end))
		return "start, ref_start and ref_end are dates, yyyy-mm-dd";
	if ((v = param(get, ctx, "method"))) {
		int k = forecast_method_parse(v);
		if (k < 0)
			return "method is markov, exact-age or duration";
		o->method = (enum fc_method)k;
	}
	if ((v = param(get, ctx, "entrants"))) {
		int k = forecast_entrants_parse(v);
		if (k < 0)
			return "entrants is constant, trend, seasonal or trend+seasonal";
		o->entrants = (enum fc_entrants)k;
	}
	if ((v = param(get, ctx, "bands")) && forecast_bands_parse(v, o))
		return "bands are ascending percentiles 0-100, comma-separated";
	if ((v = param(get, ctx, "inflation"))) {
		char *end;
		fo->inflation_pct = strtod(v, &end);
		if (*end || fo->inflation_pct < -50 || fo->inflation_pct > 100)
			return "inflation is a percentage, -50 to 100";
	}
	o->months = (int)months;
	o->runs = (int)runs;
	o->seed = (unsigned long long)seed;
	fo->own_costs = placements_store_costs;
	return NULL;
}

/* The parameters given, as name=value lines (checked by forecast_params
 * first, so every value is short and has no newline); 0, or -1 when too long. */
static int params_text(param_fn get, void *ctx, char *out, size_t size)
{
	size_t o = 0;
	out[0] = '\0';
	for (int i = 0; i < NPARAMS; i++) {
		const char *v = param(get, ctx, param_names[i]);
		if (!v)
			continue;
		int k = snprintf(out + o, size - o, "%s=%s\n", param_names[i], v);
		if (k < 0 || (size_t)k >= size - o)
			return -1;
		o += (size_t)k;
	}
	return 0;
}

static int bad_param(struct request *rq, const char *msg)
{
	struct strbuf sb = STRBUF_INIT;
	/* msg is ours, never the value sent: nothing to escape */
	int bad = strbuf_addf(&sb, "{\"error\":\"%s\"}\n", msg);
	int ret = bad ? reply(rq, 500, "application/json", "{}\n", 3) : reply(rq, 400, "application/json", sb.buf, sb.len);
	strbuf_release(&sb);
	return ret;
}

/* Run fo through this thread's connection; *why says what the user can
 * change when it is theirs (CF_EUSAGE, CF_EINPUT). */
static int run_forecast(struct request *rq, const struct forecast_options *fo, struct forecast_result **res)
{
	struct cf_error err;
	cf_error_clear(&err);
	struct store *rd = serve_reader(rq->srv, &err);
	int rc = rd ? forecast_run(rd, fo, res, &err) : CF_EIO;
	if (rc && rc != CF_EUSAGE && rc != CF_EINPUT)
		cf_error_print(&err);
	return rc;
}

static const char too_little[] = "the store's data does not allow that forecast (too little history for the window, or a date outside it)";

int page_api_forecast(struct request *rq)
{
	struct forecast_options fo;
	const char *why = forecast_params(from_query, rq, &fo);
	if (why)
		return bad_param(rq, why);
	const char *table = req_query(rq, "table");
	static const char *const tables[] = { "forecast", "costs", "rates", "inputs", "all" };
	int known = !table;
	for (int i = 0; table && i < (int)(sizeof tables / sizeof tables[0]); i++)
		known |= strcmp(table, tables[i]) == 0;
	if (!known)
		return bad_param(rq, "table is forecast, costs, rates, inputs or all");
	struct forecast_result *res = NULL;
	int rc = run_forecast(rq, &fo, &res);
	int ret;
	if (rc == CF_EUSAGE || rc == CF_EINPUT) {
		ret = bad_param(rq, too_little);
	} else if (rc) {
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

static int may_save(const struct request *rq) { return (rq->role & (R_ADMIN | R_ANALYST | R_MANAGER)) != 0; }

/* An input of the form, its value what get gives. */
static int field(struct strbuf *sb, const char *label, const char *name, const char *value, const char *hint)
{
	int bad = strbuf_addf(sb, "<div><label for=\"%s\">", name);
	bad |= html_text(sb, label);
	bad |= strbuf_addf(sb, "</label><input id=\"%s\" name=\"%s\" size=\"10\" placeholder=\"", name, name);
	bad |= html_text(sb, hint);
	bad |= strbuf_adds(sb, "\" value=\"");
	bad |= html_text(sb, value ? value : "");
	return bad | strbuf_adds(sb, "\"></div>");
}

static int choice(struct strbuf *sb, const char *label, const char *name, const char *value, const char *const *names, int n)
{
	int bad = strbuf_addf(sb, "<div><label for=\"%s\">", name);
	bad |= html_text(sb, label);
	bad |= strbuf_addf(sb, "</label><select id=\"%s\" name=\"%s\">", name, name);
	for (int i = 0; i < n; i++)
		bad |= strbuf_addf(sb, "<option%s>%s</option>", value && !strcmp(value, names[i]) ? " selected" : "", names[i]);
	return bad | strbuf_adds(sb, "</select></div>");
}

/* The scenario form (GET /forecast, the values get gives) and the list of saved scenarios. */
static int forecast_form(struct request *rq, struct strbuf *sb, param_fn get, void *ctx, const struct scenario *list, int n)
{
	static const char *const mnames[] = { "markov", "exact-age", "duration" };
	static const char *const enames[] = { "constant", "trend", "seasonal", "trend+seasonal" };
	int bad = strbuf_adds(sb, "<section class=\"panel\" id=\"scenario\"><h2>Run a scenario</h2><p class=\"note\">The forecast "
				  "of caseflow forecast with these options (empty: its defaults). Rate adjustments (a scenario "
				  "file) are caseflow forecast --scenario's.</p><form class=\"choose\" method=\"get\" action=\"/forecast\">");
	bad |= field(sb, "Months", "months", get ? param(get, ctx, "months") : NULL, "24");
	bad |= choice(sb, "Method", "method", get ? param(get, ctx, "method") : NULL, mnames, 3);
	bad |= choice(sb, "Entrants", "entrants", get ? param(get, ctx, "entrants") : NULL, enames, 4);
	bad |= field(sb, "Runs (bands)", "runs", get ? param(get, ctx, "runs") : NULL, "0");
	bad |= field(sb, "Seed", "seed", get ? param(get, ctx, "seed") : NULL, "1");
	bad |= field(sb, "Bands", "bands", get ? param(get, ctx, "bands") : NULL, "5,25,50,75,95");
	bad |= field(sb, "Start", "start", get ? param(get, ctx, "start") : NULL, "the data's end");
	bad |= field(sb, "Reference from", "ref_start", get ? param(get, ctx, "ref_start") : NULL, "12 months back");
	bad |= field(sb, "Reference to", "ref_end", get ? param(get, ctx, "ref_end") : NULL, "the data's end");
	bad |= field(sb, "Inflation %", "inflation", get ? param(get, ctx, "inflation") : NULL, "0");
	bad |= strbuf_adds(sb, "<div><button type=\"submit\">Run</button></div></form>");
	if (n) {
		bad |= strbuf_adds(sb, "<table class=\"data\"><caption>Saved scenarios</caption><thead><tr><th scope=\"col\">name</th>"
				       "<th scope=\"col\">owner</th><th scope=\"col\">shared</th><th scope=\"col\">saved</th>"
				       "<th scope=\"col\">parameters</th><th scope=\"col\"></th></tr></thead><tbody>");
		for (int i = 0; i < n; i++) {
			const struct scenario *sc = &list[i];
			bad |= strbuf_addf(sb, "<tr><td><a href=\"/forecast?scenario=%lld\">", sc->id);
			bad |= html_text(sb, sc->name);
			bad |= strbuf_adds(sb, "</a></td><td>");
			bad |= html_text(sb, sc->owner);
			bad |= strbuf_addf(sb, "</td><td>%s</td><td>", sc->shared ? "with the council" : "no");
			bad |= html_text(sb, sc->saved_at);
			bad |= strbuf_adds(sb, "</td><td>");
			char flat[SCENARIO_PARAMS_MAX];
			snprintf(flat, sizeof flat, "%s", sc->params);
			for (char *p = flat; *p; p++)
				if (*p == '\n')
					*p = p[1] ? ' ' : '\0';
			bad |= html_text(sb, *flat ? flat : "the defaults");
			bad |= strbuf_adds(sb, "</td><td>");
			if (!strcmp(sc->owner, rq->acct.name) || rq->role == R_ADMIN)
				bad |= strbuf_addf(sb, "<form method=\"post\" action=\"/forecast\" class=\"inline\">"
						       "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><input type=\"hidden\" name=\"action\" "
						       "value=\"delete\"><input type=\"hidden\" name=\"id\" value=\"%lld\">"
						       "<button type=\"submit\">Delete</button></form>", rq->sess.csrf, sc->id);
			bad |= strbuf_adds(sb, "</td></tr>");
		}
		bad |= strbuf_adds(sb, "</tbody></table>");
	}
	return bad | strbuf_adds(sb, "</section>");
}

/* The save form under a run: the parameters again, hidden. */
static int save_form(struct request *rq, struct strbuf *sb, param_fn get, void *ctx, const char *name)
{
	int bad = strbuf_addf(sb, "<form class=\"choose\" method=\"post\" action=\"/forecast\"><input type=\"hidden\" name=\"csrf\" "
				  "value=\"%s\"><input type=\"hidden\" name=\"action\" value=\"save\">", rq->sess.csrf);
	for (int i = 0; i < NPARAMS; i++) {
		const char *v = param(get, ctx, param_names[i]);
		if (!v)
			continue;
		bad |= strbuf_addf(sb, "<input type=\"hidden\" name=\"%s\" value=\"", param_names[i]);
		bad |= html_text(sb, v);
		bad |= strbuf_adds(sb, "\">");
	}
	bad |= strbuf_adds(sb, "<div><label for=\"sname\">Save as</label><input id=\"sname\" name=\"name\" size=\"24\" maxlength=\"60\" "
			       "required value=\"");
	bad |= html_text(sb, name ? name : "");
	return bad | strbuf_adds(sb, "\"></div><div><label for=\"shared\">Share with the council</label>"
				     "<input id=\"shared\" name=\"shared\" type=\"checkbox\" value=\"1\"></div>"
				     "<div><button type=\"submit\">Save</button></div></form>");
}

int page_forecast(struct request *rq)
{
	struct server *srv = rq->srv;
	struct cf_error err;
	cf_error_clear(&err);
	struct store *rd = serve_reader(srv, &err);
	struct scenario *list = NULL, sc;
	int n = 0, found = 0;
	if (!rd || scenario_list(rd, rq->acct.name, &list, &n, &err)) {
		cf_error_print(&err);
		return reply_message(rq, 500, "Server error", "The saved scenarios could not be read.");
	}
	/* what to run: a saved scenario, the form's parameters, or nothing (the report's panel) */
	param_fn get = NULL;
	void *ctx = NULL;
	struct text_params tp = { NULL, "" };
	const char *sid = req_query(rq, "scenario");
	if (sid && *sid) {
		char *end;
		long long id = strtoll(sid, &end, 10);
		if (*end || id < 1 || scenario_get(rd, id, rq->acct.name, &sc, &found, &err) || !found) {
			free(list);
			if (err.status)
				cf_error_print(&err);
			return reply_message(rq, 404, "Not found", "No saved scenario of yours or the council's has that number.");
		}
		tp.text = sc.params;
		get = from_text;
		ctx = &tp;
	} else {
		for (int i = 0; i < NPARAMS && !get; i++)
			if (param(from_query, rq, param_names[i]))
				get = from_query, ctx = rq;
	}
	struct strbuf sb = STRBUF_INIT;
	int bad = forecast_form(rq, &sb, get, ctx, list, n), ret = 0, status = 200;
	free(list);
	if (!get) {
		/* the base forecast, as the report draws it */
		if (serve_panel(rq, "forecast", &sb)) {
			strbuf_release(&sb);
			return REPLIED;
		}
	} else {
		struct forecast_options fo;
		const char *why = forecast_params(get, ctx, &fo);
		struct forecast_result *res = NULL;
		int rc = why ? CF_EUSAGE : run_forecast(rq, &fo, &res);
		bad |= strbuf_adds(&sb, "<section class=\"panel\" id=\"forecast-run\"><h2>");
		bad |= html_text(&sb, found ? sc.name : "This scenario");
		bad |= strbuf_adds(&sb, "</h2>");
		if (rc) {
			status = rc == CF_EUSAGE || rc == CF_EINPUT ? 400 : 500;
			bad |= strbuf_adds(&sb, "<p class=\"note\" role=\"alert\">");
			bad |= html_text(&sb, why ? why : status == 400 ? too_little : "The forecast could not be made; the server's log says why.");
			bad |= strbuf_adds(&sb, "</p>");
		} else {
			for (int i = 0; i < res->ntables; i++)
				if (!strcmp(res->tables[i]->name, "costs") || !strcmp(res->tables[i]->name, "inputs")) {
					bad |= strbuf_adds(&sb, "<div class=\"tbl\">");
					bad |= html_table(&sb, res->tables[i], !strcmp(res->tables[i]->name, "costs")
						? "Children in care at each month-end and what their placements cost"
						: "Inputs", "–");
					bad |= strbuf_adds(&sb, "</div>");
				}
			bad |= strbuf_adds(&sb, "<p class=\"note\">Every table, with each state and band: /api/forecast with the same "
						"parameters, or caseflow forecast.</p>");
			if (may_save(rq))
				bad |= save_form(rq, &sb, get, ctx, found ? sc.name : NULL);
		}
		bad |= strbuf_adds(&sb, "</section>");
		forecast_result_free(res);
	}
	ret = bad ? reply_message(rq, 500, "Server error", "Out of memory.") : reply_page(rq, status, "Forecast", &sb);
	strbuf_release(&sb);
	return ret;
}

/* POST /forecast: save (action=save, name, shared, the parameters) or
 * delete (action=delete, id) a scenario; under the server's lock, audited. */
int page_forecast_post(struct request *rq)
{
	struct server *srv = rq->srv;
	char action[16], buf[32];
	struct cf_error err;
	cf_error_clear(&err);
	req_form(rq, "action", action, sizeof action);
	if (!strcmp(action, "delete")) {
		char *end;
		long long id = req_form(rq, "id", buf, sizeof buf) ? 0 : strtoll(buf, &end, 10);
		int deleted = 0;
		if (id < 1 || scenario_delete(srv->st, id, rq->role == R_ADMIN ? NULL : rq->acct.name, &deleted, &err)) {
			if (err.status)
				cf_error_print(&err);
			return reply_message(rq, 400, "Bad request", "No such scenario.");
		}
		char d[64];
		snprintf(d, sizeof d, "scenario %lld", id);
		audit(rq, "scenario_delete", "/forecast", d, deleted ? 303 : 404);
		return deleted ? reply_redirect(rq, "/forecast")
			       : reply_message(rq, 404, "Not found", "No scenario of yours has that number.");
	}
	if (strcmp(action, "save"))
		return reply_message(rq, 400, "Bad request", "The form's action is save or delete.");
	struct form_params fp = { .rq = rq };
	struct forecast_options fo;
	struct scenario sc = { 0 };
	const char *why = forecast_params(from_form, &fp, &fo);
	if (why)
		return reply_message(rq, 400, "Bad request", why);
	if (req_form(rq, "name", sc.name, sizeof sc.name) || !*sc.name)
		return reply_message(rq, 400, "Bad request", "A scenario needs a name (up to 60 characters).");
	for (char *p = sc.name; *p; p++)
		if ((unsigned char)*p < 32)
			*p = ' ';   /* a name is one line */
	if (params_text(from_form, &fp, sc.params, sizeof sc.params))
		return reply_message(rq, 400, "Bad request", "Those parameters are too long to save.");
	sc.shared = !req_form(rq, "shared", buf, sizeof buf) && !strcmp(buf, "1");
	snprintf(sc.owner, sizeof sc.owner, "%s", rq->acct.name);
	long long id = 0;
	if (scenario_save(srv->st, &sc, &id, &err)) {
		cf_error_print(&err);
		return reply_message(rq, 500, "Server error", "The scenario could not be saved.");
	}
	char d[SCENARIO_NAME_MAX + 64], loc[48];
	snprintf(d, sizeof d, "scenario %lld (%s)%s", id, sc.name, sc.shared ? ", shared" : "");
	audit(rq, "scenario_save", "/forecast", d, 303);
	snprintf(loc, sizeof loc, "/forecast?scenario=%lld", id);
	return reply_redirect(rq, loc);
}
