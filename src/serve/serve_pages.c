/* The pages everyone logged in may open (the Vital Signs, an indicator,
 * the JSON API) and the child-level journey, each shaped by the role: the
 * viewer gets suppressed figures, the locality role its localities only. */
#include "serve/serve_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outputs/html.h"
#include "outputs/render.h"
#include "outputs/report.h"
#include "store/returns.h"

/* Under data_lock held for writing: forget the figures. */
static void data_forget_locked(struct server *srv)
{
	if (srv->data_loaded)
		kpi_data_release(&srv->data);
	srv->data_loaded = 0;
	srv->data_stamp[0] = '\0';
	benchmark_data_free(srv->bench);
	srv->bench = NULL;
	free(srv->localities);
	srv->localities = NULL;
	srv->nlocalities = 0;
	for (int i = 0; i < (int)(sizeof srv->cache / sizeof srv->cache[0]); i++) {
		free(srv->cache[i].html);
		srv->cache[i].html = NULL;
		srv->cache[i].key[0] = '\0';
	}
}

void serve_data_forget(struct server *srv)
{
	pthread_rwlock_wrlock(&srv->data_lock);
	data_forget_locked(srv);
	pthread_rwlock_unlock(&srv->data_lock);
}

const struct kpi_data *serve_data(struct request *rq)
{
	struct server *srv = rq->srv;
	if (rq->data_held)
		return &srv->data;
	struct cf_error err;
	cf_error_clear(&err);
	/* the returns register, through this thread's connection: an upload here
	 * or a `caseflow ingest` elsewhere changes it; audit rows and sessions
	 * do not */
	char stamp[sizeof srv->data_stamp];
	struct store *rd = serve_reader(srv, &err);
	if (!rd || returns_stamp(rd, stamp, sizeof stamp, &err)) {
		cf_error_print(&err);
		reply_message(rq, 500, "Server error", "The store could not be read; the server's log says why.");
		return NULL;
	}
	pthread_rwlock_rdlock(&srv->data_lock);
	if (srv->data_loaded && strcmp(stamp, srv->data_stamp) == 0) {
		rq->data_held = 1;
		return &srv->data;
	}
	pthread_rwlock_unlock(&srv->data_lock);
	/* (re)load: one thread does it, the others wait for the write lock and
	 * then find it done */
	pthread_rwlock_wrlock(&srv->data_lock);
	int rc = CF_OK;
	if (!srv->data_loaded || strcmp(stamp, srv->data_stamp) != 0) {
		data_forget_locked(srv);
		if ((rc = store_locality_names(rd, &srv->localities, &srv->nlocalities, &err)) ||
		    (rc = kpi_data_load(rd, &srv->data, &err))) {
			free(srv->localities);
			srv->localities = NULL;
			srv->nlocalities = 0;
		} else {
			srv->data_loaded = 1;
			snprintf(srv->data_stamp, sizeof srv->data_stamp, "%s", stamp);
		}
	}
	pthread_rwlock_unlock(&srv->data_lock);
	if (rc) {
		cf_error_print(&err);
		reply_message(rq, 500, "Server error", "The store's data could not be loaded; the server's log says why.");
		return NULL;
	}
	/* a load by another thread in between is as good: the figures are
	 * never older than the stamp read above */
	pthread_rwlock_rdlock(&srv->data_lock);
	if (!srv->data_loaded) {
		pthread_rwlock_unlock(&srv->data_lock);
		reply_message(rq, 503, "Busy", "The figures are being reloaded: try again.");
		return NULL;
	}
	rq->data_held = 1;
	return &srv->data;
}

/* Append the body made before for key to out; 1 when found, 0 when not,
 * -1 on OOM. Called holding serve_data's read lock. */
static int cache_find(struct server *srv, const char *key, struct strbuf *out)
{
	int found = 0;
	pthread_mutex_lock(&srv->cache_lock);
	for (int i = 0; i < (int)(sizeof srv->cache / sizeof srv->cache[0]) && !found; i++)
		if (srv->cache[i].html && strcmp(srv->cache[i].key, key) == 0)
			found = strbuf_add(out, srv->cache[i].html, srv->cache[i].len) ? -1 : 1;
	pthread_mutex_unlock(&srv->cache_lock);
	return found;
}

static void cache_put(struct server *srv, const char *key, const struct strbuf *body)
{
	char *copy = malloc(body->len + 1);
	if (!copy)
		return;
	memcpy(copy, strbuf_str(body), body->len + 1);
	pthread_mutex_lock(&srv->cache_lock);
	int i = srv->cache_next;
	srv->cache_next = (i + 1) % (int)(sizeof srv->cache / sizeof srv->cache[0]);
	free(srv->cache[i].html);
	snprintf(srv->cache[i].key, sizeof srv->cache[i].key, "%s", key);
	srv->cache[i].html = copy;
	srv->cache[i].len = body->len;
	pthread_mutex_unlock(&srv->cache_lock);
}

static long role_suppress(const struct request *rq) { return rq->role == R_VIEWER ? rq->srv->opt->suppress : 0; }

int user_has_locality(const struct request *rq, const char *loc)
{
	for (int i = 0; i < rq->acct.nlocalities; i++)
		if (strcmp(rq->acct.localities[i], loc) == 0)
			return 1;
	return 0;
}

/* The period asked for (?period=), else the latest complete year; 0, or -1 with a 400 sent. */
static int choose_period(struct request *rq, const struct kpi_data *d, struct kpi_period *p)
{
	const char *s = req_query(rq, "period");
	if (!s || !*s) {
		kpi_default_period(d, p);
		return 0;
	}
	struct cf_error err;
	cf_error_clear(&err);
	if (strlen(s) > 40 || kpi_period_parse(s, p)) {
		reply_message(rq, 400, "Not a period", "Use a period such as 2023-24, 2023-24Q1, 2024-03 or r12:2024-03-31.");
		return -1;
	}
	if (kpi_period_check(d, p, &err)) {
		reply_message(rq, 400, "No data for that period", err.msg);
		return -1;
	}
	return 0;
}

/* Which rows of a kpi table a request may see. */
struct row_filter {
	const char *indicator;      /* NULL: every indicator */
	const char *only_group;     /* NULL: no choice made */
	const struct request *rq;   /* the locality role sees its own localities' rows only */
};

static int row_kept(const struct cf_table *t, size_t r, const struct row_filter *f)
{
	const struct cf_cell *ind = cf_table_cell_const(t, r, 0), *grp = cf_table_cell_const(t, r, 3);
	const char *g = grp->type == CF_CELL_TEXT ? grp->v.s : "";
	if (f->indicator && (ind->type != CF_CELL_TEXT || strcmp(ind->v.s, f->indicator) != 0))
		return 0;
	if (f->only_group && strcmp(g, f->only_group) != 0)
		return 0;
	if (f->rq && f->rq->role == R_LOCALITY && !user_has_locality(f->rq, g))
		return 0;
	return 1;
}

/* A copy of t's rows that f keeps; NULL on OOM. */
static struct cf_table *table_filter(const struct cf_table *t, const struct row_filter *f)
{
	struct cf_table *o = cf_table_new(t->name);
	if (!o)
		return NULL;
	for (int c = 0; c < t->ncols; c++)
		if (cf_table_add_column(o, t->cols[c].name, t->cols[c].type, t->cols[c].decimals) < 0)
			goto oom;
	for (size_t r = 0; r < t->nrows; r++) {
		if (!row_kept(t, r, f))
			continue;
		long k = cf_table_add_row(o);
		if (k < 0)
			goto oom;
		for (int c = 0; c < t->ncols; c++) {
			const struct cf_cell *x = cf_table_cell_const(t, r, c);
			switch (x->type) {
			case CF_CELL_INT: cf_table_set_int(o, (size_t)k, c, x->v.i); break;
			case CF_CELL_REAL: cf_table_set_real(o, (size_t)k, c, x->v.d); break;
			case CF_CELL_BOOL: cf_table_set_bool(o, (size_t)k, c, (int)x->v.i); break;
			case CF_CELL_TEXT:
				if (cf_table_set_text(o, (size_t)k, c, x->v.s))
					goto oom;
				break;
			case CF_CELL_JSON:
				if (cf_table_set_json(o, (size_t)k, c, x->v.s))
					goto oom;
				break;
			default: break;
			}
		}
	}
	return o;
oom:
	cf_table_free(o);
	return NULL;
}

/* kpi for periods by dim, as a table filtered by f; *out is the caller's. */
static int kpi_rows(struct request *rq, const struct kpi_data *d, const struct kpi_period *ps, int n, enum kpi_dim by,
		    const struct row_filter *f, struct cf_table **out, struct cf_error *err)
{
	struct kpi_options o = { .by = by, .suppress = role_suppress(rq) };
	struct kpi_result *res = NULL;
	struct cf_table *t = NULL;
	int rc = kpi_compute(d, ps, n, &o, &res, err);
	if (!rc)
		rc = kpi_result_table(res, &t, err);
	if (!rc && !(*out = table_filter(t, f)))
		rc = cf_error_set(err, CF_EIO, "out of memory");
	cf_table_free(t);
	kpi_result_free(res);
	return rc;
}

/* The trend's periods: each financial year loaded up to p's, at most 16; how many. */
static int trend_years(const struct kpi_data *d, const struct kpi_period *p, struct kpi_period years[16])
{
	int ny = 0, fy_end = cf_date_fy(p->to);
	int fy0 = d->first_year > 0 ? d->first_year - 1 : fy_end;
	if (fy0 < fy_end - 15)
		fy0 = fy_end - 15;
	for (int y = fy0; y <= fy_end; y++)
		kpi_period_year(y, &years[ny++]);
	return ny;
}

/* The form choosing period and locality. */
static int choose_form(struct request *rq, struct strbuf *sb, const struct kpi_period *p, const char *locality)
{
	char **names = rq->srv->localities;
	int n = rq->srv->nlocalities, bad = 0;
	bad |= strbuf_adds(sb, "<form class=\"choose\" method=\"get\" action=\"/\"><div><label for=\"period\">Period</label>"
			       "<input id=\"period\" name=\"period\" size=\"16\" value=\"");
	bad |= html_text(sb, p->label);
	bad |= strbuf_adds(sb, "\"></div><div><label for=\"locality\">Locality</label><select id=\"locality\" name=\"locality\">"
			       "<option value=\"\">");
	bad |= html_text(sb, rq->role == R_LOCALITY ? "all of mine" : "the whole authority");
	bad |= strbuf_adds(sb, "</option>");
	int mine = rq->role == R_LOCALITY;
	for (int i = 0; i < (mine ? rq->acct.nlocalities : n); i++) {
		const char *name = mine ? rq->acct.localities[i] : names[i];
		bad |= strbuf_adds(sb, "<option value=\"");
		bad |= html_text(sb, name);
		bad |= strbuf_adds(sb, locality && strcmp(locality, name) == 0 ? "\" selected>" : "\">");
		bad |= html_text(sb, name);
		bad |= strbuf_adds(sb, "</option>");
	}
	return bad | strbuf_adds(sb, "</select></div><div><button type=\"submit\">Show</button></div></form>");
}

/* The Vital Signs panels of the report, for the whole authority, or (loc)
 * those drawn from the indicators, for that locality's children, as
 * caseflow report --locality draws them. */
static int la_panels(struct request *rq, const struct kpi_data *d, const struct kpi_period *p, const char *loc,
		     struct strbuf *sb, struct cf_error *err)
{
	struct report_options ro = { .period = *p, .suppress = role_suppress(rq), .locality = loc };
	struct report_inputs in = { 0 };
	/* the dashboard runs outside the server's lock: its thread's own connection */
	struct store *rd = serve_reader(rq->srv, err);
	if (!rd)
		return CF_EIO;
	struct report_ctx rc = { .st = rd, .data = d, .opt = &ro, .in = &in, .period = *p, .html = sb };
	kpi_period_previous_year(&rc.period, &rc.previous);
	int r = report_compute_series(&rc, err);
	if (!r && !loc)
		r = report_inputs_make(&rc, &in, err);
	for (const struct report_panel *pn = report_panels; pn->id && !r; pn++) {
		if (loc && !pn->locality)
			continue;
		if (strbuf_addf(sb, "<section class=\"panel%s\" id=\"%s\" aria-labelledby=\"%s-h\"><h2 id=\"%s-h\">",
				pn->half ? " half" : "", pn->id, pn->id, pn->id) ||
		    html_text(sb, pn->title) || strbuf_adds(sb, "</h2>")) {
			r = cf_error_set(err, CF_EIO, "out of memory writing the page");
			break;
		}
		if ((r = pn->write(&rc, err)))
			break;
		if (strbuf_adds(sb, "</section>"))
			r = cf_error_set(err, CF_EIO, "out of memory writing the page");
	}
	for (int i = 0; i < rc.nsheets; i++)
		cf_table_free(rc.sheets[i]);
	kpi_result_free(rc.series);
	kpi_result_free(rc.by_locality);
	report_inputs_release(&in);
	return r;
}

/* One panel of the report (the base forecast, the programme) for ?period=,
 * appended to sb; 0, or REPLIED with an error page sent. It reads through
 * the thread's own connection: /forecast runs outside the server's lock. */
int serve_panel(struct request *rq, const char *id, struct strbuf *sb)
{
	const struct kpi_data *d = serve_data(rq);
	struct kpi_period p;
	if (!d || choose_period(rq, d, &p))
		return REPLIED;
	const struct report_panel *pn = report_panels;
	while (pn->id && strcmp(pn->id, id) != 0)
		pn++;
	struct cf_error err;
	cf_error_clear(&err);
	struct store *rd = serve_reader(rq->srv, &err);
	struct report_options ro = { .period = p, .suppress = role_suppress(rq) };
	struct report_inputs in = { 0 };
	struct report_ctx rc = { .st = rd, .data = d, .opt = &ro, .in = &in, .period = p };
	rc.html = sb;
	kpi_period_previous_year(&rc.period, &rc.previous);
	int r = !rd ? CF_EIO : pn->id ? report_compute_series(&rc, &err) : cf_error_set(&err, CF_EIO, "no panel %s", id);
	if (!r)
		r = report_inputs_make(&rc, &in, &err);
	if (!r) {
		strbuf_addf(sb, "<section class=\"panel\" id=\"%s\"><h2>", pn->id);
		html_text(sb, pn->title);
		strbuf_adds(sb, "</h2>");
		r = pn->write(&rc, &err);
		strbuf_adds(sb, "</section>");
	}
	for (int i = 0; i < rc.nsheets; i++)
		cf_table_free(rc.sheets[i]);
	kpi_result_free(rc.series);
	kpi_result_free(rc.by_locality);
	report_inputs_release(&in);
	if (r) {
		cf_error_print(&err);
		reply_message(rq, 500, "Server error", "The page could not be made; the server's log says why.");
		return REPLIED;
	}
	return 0;
}

int page_programme(struct request *rq)
{
	struct strbuf sb = STRBUF_INIT;
	int ret = serve_panel(rq, "programme", &sb) ? REPLIED : reply_page(rq, 200, "Programme: business case, benefits and workforce", &sb);
	strbuf_release(&sb);
	return ret;
}

int page_dashboard(struct request *rq)
{
	const char *loc = req_query(rq, "locality");
	if (loc && (!*loc || strlen(loc) >= ACCOUNT_NAME_MAX))
		loc = NULL;
	if (loc && rq->role == R_LOCALITY && !user_has_locality(rq, loc)) {
		/* this page runs outside the server's lock; the audit row is
		 * written under it, before serve_data's read lock is taken */
		pthread_mutex_lock(&rq->srv->lock);
		audit(rq, "forbidden", "/", "a locality not the user's", 403);
		pthread_mutex_unlock(&rq->srv->lock);
		return reply_message(rq, 403, "Forbidden", "That locality is not one of yours.");
	}
	const struct kpi_data *d = serve_data(rq);
	struct kpi_period p;
	if (!d || choose_period(rq, d, &p))
		return REPLIED;
	struct strbuf sb = STRBUF_INIT, figures = STRBUF_INIT;
	struct cf_error err;
	cf_error_clear(&err);
	int rc = choose_form(rq, &sb, &p, loc) ? cf_error_set(&err, CF_EIO, "out of memory") : CF_OK;
	/* the figures are the same for every user of a role but locality */
	char key[160];
	snprintf(key, sizeof key, "dash|%s|%s|%ld", p.label, loc ? loc : "", role_suppress(rq));
	int hit = !rc && rq->role != R_LOCALITY ? cache_find(rq->srv, key, &sb) : 0;
	/* the panels are a locality's when one is chosen, or the locality role has
	 * only one; a locality the store's localities table lacks has none */
	const char *panel_loc = loc ? loc : rq->role == R_LOCALITY && rq->acct.nlocalities == 1 ? rq->acct.localities[0] : NULL;
	int panel_loc_known = 0;
	for (int i = 0; panel_loc && i < rq->srv->nlocalities; i++)
		panel_loc_known |= strcmp(rq->srv->localities[i], panel_loc) == 0;
	if (hit < 0)
		rc = cf_error_set(&err, CF_EIO, "out of memory");
	if (!rc && !hit && (loc || rq->role == R_LOCALITY)) {
		struct row_filter f = { NULL, loc, rq };
		struct cf_table *t = NULL;
		if (!(rc = kpi_rows(rq, d, &p, 1, KPI_BY_LOCALITY, &f, &t, &err))) {
			strbuf_adds(&figures, "<section class=\"panel\" id=\"locality\"><h2>");
			html_textf(&figures, "Indicators for %s, %s", loc ? loc : "your localities", p.label);
			strbuf_adds(&figures, "</h2><div class=\"tbl\">");
			html_table(&figures, t, "Indicators by locality", role_suppress(rq) ? "c" : "–");
			strbuf_adds(&figures, "</div>");
		}
		cf_table_free(t);
		t = NULL;
		/* the locality's own trend: each financial year up to the period's */
		struct kpi_period years[16];
		int ny = trend_years(d, &p, years);
		if (!rc && !(rc = kpi_rows(rq, d, years, ny, KPI_BY_LOCALITY, &f, &t, &err))) {
			char cap[160];
			snprintf(cap, sizeof cap, "%s by financial year", loc ? loc : "Your localities");
			strbuf_adds(&figures, "<div class=\"tbl\">");
			html_table(&figures, t, cap, role_suppress(rq) ? "c" : "–");
			strbuf_adds(&figures, "</div>");
		}
		cf_table_free(t);
		if (!rc && (panel_loc || rq->role == R_LOCALITY)) {
			strbuf_adds(&figures, "<p class=\"note\">");
			if (panel_loc && panel_loc_known)
				html_textf(&figures, "The panels below are %s's, drawn from the indicators for the children "
						     "whose home area is in it (as caseflow report --locality); the authority's "
						     "forecast, money, programme and the rest are on the whole authority's page.",
					   panel_loc);
			else if (panel_loc)
				html_textf(&figures, "%s is not in the store's localities table: no panels are drawn for it.",
					   panel_loc);
			else
				html_textf(&figures, "Choose one of your localities for its panels.");
			strbuf_adds(&figures, "</p>");
		}
		strbuf_adds(&figures, "</section>");
	}
	if (!rc && !hit && (!panel_loc ? rq->role != R_LOCALITY : panel_loc_known))
		rc = la_panels(rq, d, &p, panel_loc, &figures, &err);
	if (!rc && !hit) {
		if (rq->role != R_LOCALITY)
			cache_put(rq->srv, key, &figures);
		if (strbuf_add(&sb, strbuf_str(&figures), figures.len))
			rc = cf_error_set(&err, CF_EIO, "out of memory");
	}
	strbuf_release(&figures);
	int ret = reply_made(rq, rc, &err, "Vital Signs", &sb);
	strbuf_release(&sb);
	return ret;
}

int page_indicator(struct request *rq, const char *id)
{
	const struct kpi_data *d = serve_data(rq);
	struct kpi_period p;
	if (!d)
		return REPLIED;
	int k = kpi_find(id);
	if (k < 0)
		return reply_message(rq, 404, "Not found", "There is no indicator of that name (see docs/definitions.md).");
	if (choose_period(rq, d, &p))
		return REPLIED;
	struct strbuf sb = STRBUF_INIT;
	struct cf_error err;
	cf_error_clear(&err);
	struct kpi_period years[16];
	int ny = trend_years(d, &p, years);
	int mine = rq->role == R_LOCALITY;
	struct row_filter f = { kpi_defs[k].id, mine ? NULL : "all", rq };
	struct cf_table *t = NULL;
	strbuf_adds(&sb, "<section class=\"panel\"><h2>");
	html_text(&sb, kpi_defs[k].title);
	strbuf_adds(&sb, "</h2><p class=\"note\">");
	html_text(&sb, kpi_defs[k].definition);
	strbuf_adds(&sb, "</p>");
	int rc = kpi_rows(rq, d, years, ny, mine ? KPI_BY_LOCALITY : KPI_BY_ALL, &f, &t, &err);
	if (!rc) {
		html_table(&sb, t, "Trend by financial year", role_suppress(rq) ? "c" : "–");
		cf_table_free(t);
		t = NULL;
	}
	/* the breakdowns of the children's characteristics; source and factor need
	 * each referral's and assessment's records, which the server does not load */
	for (int dim = KPI_BY_LOCALITY; dim <= KPI_BY_NEED && !rc; dim++) {
		if (mine && dim != KPI_BY_LOCALITY)
			continue;
		struct row_filter fb = { kpi_defs[k].id, NULL, rq };
		if (!(rc = kpi_rows(rq, d, &p, 1, (enum kpi_dim)dim, &fb, &t, &err))) {
			char cap[96];
			snprintf(cap, sizeof cap, "%s by %s", p.label, kpi_dim_names[dim]);
			html_table(&sb, t, cap, role_suppress(rq) ? "c" : "–");
			cf_table_free(t);
			t = NULL;
		}
	}
	if (!rc && rq->role & R_CHILD_LEVEL && serve_records_section(rq, d, k, &p, &sb))
		rc = cf_error_set(&err, CF_EIO, "out of memory");
	strbuf_adds(&sb, "</section>");
	int ret = reply_made(rq, rc, &err, kpi_defs[k].title, &sb);
	strbuf_release(&sb);
	return ret;
}

int page_child(struct request *rq, const char *id)
{
	struct server *srv = rq->srv;
	struct cf_error err;
	cf_error_clear(&err);
	if (strlen(id) > 64)
		return reply_message(rq, 404, "Not found", "No such child.");
	if (rq->role == R_LOCALITY) {
		char loc[ACCOUNT_NAME_MAX];
		int found;
		if (store_child_locality(srv->st, id, loc, sizeof loc, &found, &err)) {
			cf_error_print(&err);
			return reply_message(rq, 500, "Server error", "The store could not be read.");
		}
		if (!found || !user_has_locality(rq, loc)) {
			char d[128];
			snprintf(d, sizeof d, "child %s: not in the user's localities", id);
			audit(rq, "forbidden", "/child/ID", d, 403);
			return reply_message(rq, 403, "Forbidden", "That child is not in your localities.");
		}
	}
	struct cf_table *t = NULL;
	int rc = journey_child(srv->st, id, &t, &err);
	char detail[160];
	if (rc == CF_EINPUT) {
		snprintf(detail, sizeof detail, "child %s: not in the store", id);
		audit(rq, "view_child", "/child/ID", detail, 404);
		return reply_message(rq, 404, "Not found", "No such child.");
	}
	if (rc) {
		cf_error_print(&err);
		return reply_message(rq, 500, "Server error", "The journey could not be made; the server's log says why.");
	}
	snprintf(detail, sizeof detail, "1 child (%s), %zu events", id, t->nrows);
	audit(rq, "view_child", "/child/ID", detail, 200);
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "<section class=\"panel\"><h2>A child's journey</h2><p class=\"note\">Child-level data: this view is "
			 "recorded in the audit log.</p><div class=\"tbl\">");
	html_table(&sb, t, "Events in date order", "");
	strbuf_adds(&sb, "</div></section>");
	cf_table_free(t);
	int ret = reply_page(rq, 200, "A child's journey", &sb);
	strbuf_release(&sb);
	return ret;
}

/* Tables as the CLI's --format json writes them, into out; 0 or -1. */
static int json_tables(struct cf_table *const *t, int n, struct strbuf *out)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	if (!fp)
		return -1;
	render_tables_json(t, n, fp);
	fclose(fp);
	int bad = strbuf_add(out, buf, len);
	free(buf);
	return bad;
}

int reply_json_tables(struct request *rq, struct cf_table *const *t, int n)
{
	struct strbuf json = STRBUF_INIT;
	int ret = json_tables(t, n, &json) ? reply(rq, 500, "application/json", "{\"error\":\"out of memory\"}\n", 26)
					   : reply(rq, 200, "application/json", json.buf, json.len);
	strbuf_release(&json);
	return ret;
}

int api_error(struct request *rq, int status, const char *msg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	if (!fp)
		return reply(rq, 500, "application/json", "{}\n", 3);
	fputs("{\"error\":", fp);
	render_json_string(fp, msg);
	fputs("}\n", fp);
	fclose(fp);
	int ret = reply(rq, status, "application/json", buf, len);
	free(buf);
	return ret;
}

int page_api_kpi(struct request *rq)
{
	const struct kpi_data *d = serve_data(rq);
	if (!d)
		return REPLIED;
	struct kpi_period p;
	struct cf_error err;
	cf_error_clear(&err);
	const char *ps = req_query(rq, "period"), *by_s = req_query(rq, "by");
	if (!ps || !*ps)
		kpi_default_period(d, &p);
	else if (strlen(ps) > 40 || kpi_period_parse(ps, &p))
		return api_error(rq, 400, "not a period: use 2023-24, 2023-24Q1, 2024-03 or r12:2024-03-31");
	else if (kpi_period_check(d, &p, &err))
		return api_error(rq, 400, err.msg);
	enum kpi_dim by = KPI_BY_ALL;
	if (by_s && *by_s && kpi_dim_parse(by_s, &by))
		return api_error(rq, 400, "by must be locality, age_band, sex, ethnicity, category_of_need, disability or "
				 "deprivation");
	if (by == KPI_BY_SOURCE || by == KPI_BY_FACTOR)   /* each referral's and assessment's records: not loaded here */
		return api_error(rq, 400, "by source and by factor are caseflow kpi's, not the server's");
	if (rq->role == R_LOCALITY)
		by = KPI_BY_LOCALITY;
	/* the same for every user of a role but locality, until the store changes */
	char key[160];
	snprintf(key, sizeof key, "kpi|%s|%d|%ld", p.label, (int)by, role_suppress(rq));
	struct strbuf json = STRBUF_INIT;
	int hit = rq->role != R_LOCALITY ? cache_find(rq->srv, key, &json) : 0;
	if (hit) {
		int ret = hit > 0 ? reply(rq, 200, "application/json", json.buf, json.len) : api_error(rq, 500, "out of memory");
		strbuf_release(&json);
		return ret;
	}
	struct row_filter f = { NULL, NULL, rq };
	struct cf_table *t = NULL;
	if (kpi_rows(rq, d, &p, 1, by, &f, &t, &err)) {
		cf_error_print(&err);
		return api_error(rq, 500, "the indicators could not be computed");
	}
	int ret = json_tables(&t, 1, &json) ? api_error(rq, 500, "out of memory")
					    : reply(rq, 200, "application/json", json.buf, json.len);
	if (json.len && rq->role != R_LOCALITY)
		cache_put(rq->srv, key, &json);
	strbuf_release(&json);
	cf_table_free(t);
	return ret;
}

int page_api_summary(struct request *rq)
{
	const struct kpi_data *d = serve_data(rq);
	if (!d)
		return REPLIED;
	struct cf_error err;
	cf_error_clear(&err);
	struct cf_table *t[2] = { NULL, NULL };
	int rc = summary_cla(&d->cla, &t[0], &err);
	if (!rc)
		rc = funnel_front_door(rq->srv->st, &d->cla, &t[1], &err);
	int ret = rc ? api_error(rq, 500, "the summary could not be made") : reply_json_tables(rq, t, 2);
	if (rc)
		cf_error_print(&err);
	cf_table_free(t[0]);
	cf_table_free(t[1]);
	return ret;
}
