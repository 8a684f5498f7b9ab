/* /benchmark and /api/benchmark: the authority against its statistical
 * neighbours, region and England from DfE's published tables, as
 * `caseflow benchmark --la CODE` gives them. The authority's own values
 * (la_value) come from the store's returns, suppressed for the viewer and
 * left out for the locality role, whose figures are its localities'. */
#include "serve/serve_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outputs/html.h"
#include "outputs/render.h"

/* The published tables, loaded on first use; NULL with a reply sent when
 * the store has none (or on failure). */
static struct benchmark_data *bench_data(struct request *rq, int api)
{
	struct server *srv = rq->srv;
	if (srv->bench)
		return srv->bench;
	struct cf_error err;
	cf_error_clear(&err);
	int rc = benchmark_load(srv->st, "2025", &srv->bench, &err);
	if (rc == CF_EINPUT) {
		if (api)
			reply(rq, 404, "application/json", "{\"error\":\"no published tables in the store\"}\n", 46);
		else
			reply_message(rq, 404, "No published tables",
				      "Load DfE's published tables first (caseflow ingest of the statistics downloads).");
		return NULL;
	}
	if (rc) {
		cf_error_print(&err);
		reply_message(rq, 500, "Server error", "The published tables could not be loaded; the server's log says why.");
		return NULL;
	}
	return srv->bench;
}

/* The table for ?la=&indicator=&years=; 0 with *out, or -1 with a reply sent. */
static int bench_table(struct request *rq, int api, struct cf_table **out)
{
	*out = NULL;
	const char *la = req_query(rq, "la"), *ind = req_query(rq, "indicator"), *years_s = req_query(rq, "years");
	struct benchmark_options opt = { 0 };
	int id = -1;
	long years = 5;
	char *end = NULL;
	if (ind && *ind && (id = indicator_map_find(ind)) < 0) {
		api ? reply(rq, 400, "application/json", "{\"error\":\"no such indicator\"}\n", 30)
		    : reply_message(rq, 400, "No such indicator", "caseflow benchmark --list lists them.");
		return -1;
	}
	if (years_s && *years_s && ((years = strtol(years_s, &end, 10)) < 1 || years > 50 || *end)) {
		api ? reply(rq, 400, "application/json", "{\"error\":\"years is 1 to 50\"}\n", 30)
		    : reply_message(rq, 400, "Bad request", "years is a whole number from 1 to 50.");
		return -1;
	}
	/* first: serve_data's read lock keeps the published tables (freed with
	 * the figures when the returns change) while this page uses them */
	const struct kpi_data *kd = serve_data(rq);
	if (!kd)
		return -1;
	if (rq->role == R_LOCALITY)
		kd = NULL;
	struct benchmark_data *d = bench_data(rq, api);
	if (!d)
		return -1;
	struct cf_error err;
	cf_error_clear(&err);
	char code[8];
	if (!la || strlen(la) > 16 || benchmark_find_la(d, la, code, &err)) {
		api ? reply(rq, 400, "application/json", "{\"error\":\"la: give an LA's DfE number or ONS code\"}\n", 52)
		    : reply_message(rq, 400, "No such authority", "Give an LA's DfE number (380) or ONS code.");
		return -1;
	}
	struct benchmark_local local = { 0 };
	int rc = kd ? benchmark_kpi_attach(kd, rq->role == R_VIEWER ? rq->srv->opt->suppress : 0, &local, &err) : CF_OK;
	opt.la_code = code;
	opt.indicators = id >= 0 ? &id : NULL;
	opt.nindicators = id >= 0;
	opt.years = (int)years;
	opt.local = local.annual ? &local : NULL;
	if (!rc)
		rc = benchmark_table(d, &opt, out, &err);
	benchmark_kpi_close(&local);
	if (rc) {
		cf_error_print(&err);
		api ? reply(rq, 500, "application/json", "{\"error\":\"the benchmarks could not be made\"}\n", 45)
		    : reply_message(rq, 500, "Server error", "The benchmarks could not be made; the server's log says why.");
		return -1;
	}
	return 0;
}

int page_benchmark(struct request *rq)
{
	struct strbuf sb = STRBUF_INIT;
	const char *la = req_query(rq, "la"), *ind = req_query(rq, "indicator");
	strbuf_adds(&sb, "<form class=\"choose\" method=\"get\" action=\"/benchmark\"><div><label for=\"la\">Authority (DfE number or "
			 "ONS code)</label><input id=\"la\" name=\"la\" size=\"10\" value=\"");
	html_text(&sb, la && strlen(la) <= 16 ? la : "");
	strbuf_adds(&sb, "\"></div><div><label for=\"indicator\">Indicator (blank: all)</label><input id=\"indicator\" "
			 "name=\"indicator\" size=\"22\" value=\"");
	html_text(&sb, ind && strlen(ind) <= 40 ? ind : "");
	strbuf_adds(&sb, "\"></div><div><label for=\"years\">Years</label><input id=\"years\" name=\"years\" size=\"3\" "
			 "value=\"5\"></div><div><button type=\"submit\">Compare</button></div></form>");
	int ret;
	if (!la || !*la) {
		ret = reply_page(rq, 200, "Benchmarks", &sb);
	} else {
		struct cf_table *t;
		if (bench_table(rq, 0, &t)) {
			strbuf_release(&sb);
			return REPLIED;
		}
		strbuf_adds(&sb, "<section class=\"panel\"><h2>Compared with statistical neighbours, region and England</h2>"
				 "<p class=\"note\">DfE's published figures (suppressed cells are missing, never zero); la_value "
				 "is computed from the returns in the store.</p><div class=\"tbl\">");
		html_table(&sb, t, "Benchmarks", "–");
		strbuf_adds(&sb, "</div></section>");
		cf_table_free(t);
		ret = reply_page(rq, 200, "Benchmarks", &sb);
	}
	strbuf_release(&sb);
	return ret;
}

int page_api_benchmark(struct request *rq)
{
	struct cf_table *t;
	if (bench_table(rq, 1, &t))
		return REPLIED;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	int first = 1, ret;
	if (!fp) {
		ret = reply(rq, 500, "application/json", "{}\n", 3);
	} else {
		fputc('[', fp);
		render_table_json_rows(t, fp, &first);
		fputs(first ? "]\n" : "\n]\n", fp);
		fclose(fp);
		ret = reply(rq, 200, "application/json", buf, len);
	}
	free(buf);
	cf_table_free(t);
	return ret;
}
