/* /api/programme: the programme's views as caseflow programme show --format
 * json writes them (?view=, ?as_of=, ?name=), through the programme room's
 * one entry point. The viewer role gets the published level: a benefit's
 * monthly actual whose indicator suppression hides is left out. */
#include "serve/serve_int.h"

#include <stdio.h>
#include <string.h>

#include "programme/programme.h"

/* In enum programme_view's order, as programme show --view names them. */
static const char *const view_names[] = { "business-case", "benefits", "milestones", "cba", "workforce", "all" };

int page_api_programme(struct request *rq)
{
	const char *view_s = req_query(rq, "view"), *as_of_s = req_query(rq, "as_of"), *name = req_query(rq, "name");
	struct programme_show_options opt = { .view = PROGRAMME_VIEW_ALL,
					      .suppress = rq->role == R_VIEWER ? rq->srv->opt->suppress : 0 };
	if (view_s && *view_s) {
		int v = 0;
		while (v <= PROGRAMME_VIEW_ALL && strcmp(view_s, view_names[v]) != 0)
			v++;
		if (v > PROGRAMME_VIEW_ALL)
			return api_error(rq, 400, "view is business-case, benefits, milestones, cba, workforce or all");
		opt.view = (enum programme_view)v;
	}
	if (name && (!*name || strlen(name) > 200))
		return api_error(rq, 400, "name is a stored programme's name");
	opt.name = name;
	/* as the page: judged on the data's last day unless ?as_of= says, so
	 * that no benefit is judged on months the returns do not reach */
	opt.as_of = cf_date_today();
	if (as_of_s && *as_of_s) {
		if (strlen(as_of_s) > 10 || cf_date_parse(as_of_s, strlen(as_of_s), &opt.as_of))
			return api_error(rq, 400, "as_of is a date, yyyy-mm-dd");
	} else {
		const struct kpi_data *d = serve_data(rq);
		if (!d)
			return REPLIED;
		cf_date end = kpi_data_end(d);
		if (end != CF_DATE_NONE && end < opt.as_of)
			opt.as_of = end;
	}
	struct cf_error err;
	cf_error_clear(&err);
	struct store *rd = serve_reader(rq->srv, &err);
	struct programme_shown shown = { 0 };
	int rc = rd ? programme_show(rd, &opt, &shown, &err) : CF_EIO;
	int ret;
	if (rc == CF_EINPUT) {
		/* caseflow's own words: no programme, no such name, or the view's sheet missing */
		ret = api_error(rq, 404, err.msg);
	} else if (rc) {
		cf_error_print(&err);
		ret = api_error(rq, 500, "the programme could not be read");
	} else {
		ret = reply_json_tables(rq, shown.tables, shown.ntables);
	}
	programme_shown_release(&shown);
	return ret;
}
