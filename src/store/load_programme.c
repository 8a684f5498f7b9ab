/* Saving a programme into the store: its files as returns, then every row of
 * every sheet, in one transaction that replaces a programme of that name. */
#include "store/programme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sha256.h"
#include "store/store_int.h"

struct saver {
	struct store *st;
	const struct programme_save_options *opt;
	struct programme_save_report *rep;
	struct cf_error *err;
	long long pid;
	long long rid[PROG_NSHEETS];
	long rows[PROG_NSHEETS];
};

static int written(struct saver *s, int sheet)
{
	s->rep->rows++;
	s->rows[sheet]++;
	if (s->opt->fail_after_rows > 0 && s->rep->rows >= s->opt->fail_after_rows)
		return cf_error_set(s->err, CF_EIO, "simulated failure after %ld rows (CASEFLOW_FAIL_AFTER_ROWS)",
				    s->rep->rows);
	return CF_OK;
}

static int step_done(struct saver *s, sqlite3_stmt *stmt, const char *what)
{
	int step = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return step == SQLITE_DONE ? CF_OK : store_error(s->st, s->err, what);
}

static void bind_text(sqlite3_stmt *stmt, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(stmt, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(stmt, i);
}

static void bind_date(sqlite3_stmt *stmt, int i, cf_date d)
{
	char buf[11];
	if (d == CF_DATE_NONE) {
		sqlite3_bind_null(stmt, i);
		return;
	}
	cf_date_format(d, buf);
	sqlite3_bind_text(stmt, i, buf, -1, SQLITE_TRANSIENT);
}

/* Each row: programme_id, return_id, row first. */
static void bind_head(struct saver *s, sqlite3_stmt *stmt, int sheet, long row)
{
	sqlite3_bind_int64(stmt, 1, s->pid);
	sqlite3_bind_int64(stmt, 2, s->rid[sheet]);
	sqlite3_bind_int64(stmt, 3, row);
}

static int drop_previous(struct saver *s, const char *name)
{
	sqlite3_stmt *q;
	int rc = store_prepare(s->st, "SELECT id FROM programmes WHERE name = ?", &q, s->err);
	if (rc)
		return rc;
	sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	long long old = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_finalize(q);
	if (!old)
		return CF_OK;
	s->rep->replaced = 1;
	char sql[300];
	snprintf(sql, sizeof sql,
		 "DELETE FROM returns WHERE id IN (SELECT return_id FROM programme_sources WHERE programme_id = %lld);"
		 "DELETE FROM programmes WHERE id = %lld;", old, old);
	return store_exec(s->st, sql, s->err);
}

static int add_return(struct saver *s, const char *path, const char *kind,
		      long long *rid)
{
	char hex[65];
	long long bytes;
	int rc = sha256_file(path, hex, &bytes, s->err);
	if (rc)
		return rc;
	sqlite3_stmt *q;
	if ((rc = store_prepare(s->st,
				"INSERT INTO returns (path, kind, sha256, bytes, rows, loaded_at, loaded_by) "
				"VALUES (?, ?, ?, ?, 0, strftime('%Y-%m-%dT%H:%M:%S', 'now'), ?)", &q, s->err)))
		return rc;
	const char *who = s->opt->loaded_by ? s->opt->loaded_by : getenv("USER");
	sqlite3_bind_text(q, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, hex, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 4, bytes);
	bind_text(q, 5, who);
	rc = step_done(s, q, "recording a programme file");
	sqlite3_finalize(q);
	*rid = sqlite3_last_insert_rowid(s->st->db);
	return rc;
}

static int add_programme(struct saver *s, const struct programme *p, const char *source)
{
	sqlite3_stmt *q;
	int rc = store_prepare(s->st,
			       "INSERT INTO programmes (name, unit, first_year, source, cba_present, discount_rate, "
			       "appraisal_years, workforce_present, caseload_standard, span_of_control, agency_cap, "
			       "loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
			       "strftime('%Y-%m-%dT%H:%M:%S', 'now'), ?)", &q, s->err);
	if (rc)
		return rc;
	const struct prog_workforce *wf = &p->workforce;
	sqlite3_bind_text(q, 1, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, programme_unit_name(p->unit), -1, SQLITE_STATIC);
	if (p->first_year)
		sqlite3_bind_int(q, 3, p->first_year);
	sqlite3_bind_text(q, 4, source, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 5, p->cba.present);
	sqlite3_bind_double(q, 6, p->cba.discount_rate);
	if (p->cba.appraisal_years)
		sqlite3_bind_int(q, 7, p->cba.appraisal_years);
	sqlite3_bind_int(q, 8, wf->present);
	if (wf->present) {
		sqlite3_bind_double(q, 9, wf->caseload_standard);
		sqlite3_bind_double(q, 10, wf->span);
		sqlite3_bind_double(q, 11, wf->agency_cap);
	}
	const char *who = s->opt->loaded_by ? s->opt->loaded_by : getenv("USER");
	bind_text(q, 12, who);
	rc = step_done(s, q, "recording the programme");
	sqlite3_finalize(q);
	s->pid = sqlite3_last_insert_rowid(s->st->db);
	s->rep->programme_id = s->pid;
	return rc;
}

static int save_sources(struct saver *s, const struct programme *p)
{
	int rc = CF_OK;
	if (p->from_workbook) {
		const char *path = NULL;
		for (int k = 0; k < PROG_NSHEETS; k++)
			if (p->sheet_file[k])
				path = p->sheet_file[k];
		long long rid = 0;
		char kind[300];
		snprintf(kind, sizeof kind, "programme.xlsx@%s", p->name);
		if (path && (rc = add_return(s, path, kind, &rid)))
			return rc;
		for (int k = 0; k < PROG_NSHEETS; k++)
			s->rid[k] = rid;
	} else {
		for (int k = 0; k < PROG_NSHEETS && !rc; k++) {
			char kind[300];
			snprintf(kind, sizeof kind, "programme.%s@%s", prog_sheet_names[k], p->name);
			if (p->sheet_file[k])
				rc = add_return(s, p->sheet_file[k], kind, &s->rid[k]);
		}
	}
	return rc;
}

static int link_source(struct saver *s, sqlite3_stmt *q, long long rid, const char *sheet)
{
	sqlite3_bind_int64(q, 1, s->pid);
	sqlite3_bind_int64(q, 2, rid);
	bind_text(q, 3, sheet);
	return step_done(s, q, "linking the programme's files");
}

/* The files a forecast read (its scenario and unit costs): returns of kind
 * "programme.forecast.<id>.scenario@<name>" (".costs"), linked to the
 * programme under the sheet "forecasts"; and each placement-shift file a
 * savings line read, "programme.shift.<row>@<name>" under "savings"; so the
 * figures a modelled line stored can be traced to the exact files. */
static int forecast_files(struct saver *s, sqlite3_stmt *q, const struct programme *p)
{
	int rc = CF_OK;
	for (int i = 0; i < p->nforecasts && !rc; i++) {
		const struct prog_forecast *f = &p->forecasts[i];
		const char *files[2] = { f->scenario, f->costs }, *what[2] = { "scenario", "costs" };
		for (int k = 0; k < 2 && !rc; k++) {
			if (!files[k])
				continue;
			char kind[400];
			long long rid;
			snprintf(kind, sizeof kind, "programme.forecast.%s.%s@%s", f->id, what[k], p->name);
			if (!(rc = add_return(s, files[k], kind, &rid)))
				rc = link_source(s, q, rid, "forecasts");
		}
	}
	for (int i = 0; i < p->nsavings && !rc; i++) {
		const struct prog_saving *v = &p->savings[i];
		if (!v->shift || (i > 0 && p->savings[i - 1].shift == v->shift && p->savings[i - 1].row == v->row))
			continue;   /* a line's years follow one another: its file once */
		char kind[400];
		long long rid;
		snprintf(kind, sizeof kind, "programme.shift.%ld@%s", v->row, p->name);
		if (!(rc = add_return(s, v->shift, kind, &rid)))
			rc = link_source(s, q, rid, "savings");
	}
	return rc;
}

static int link_sources(struct saver *s, const struct programme *p)
{
	sqlite3_stmt *q;
	int rc = store_prepare(s->st, "INSERT INTO programme_sources (programme_id, return_id, sheet) VALUES (?, ?, ?)",
			       &q, s->err);
	if (rc)
		return rc;
	for (int k = 0; k < PROG_NSHEETS && !rc; k++) {
		if (!p->sheet_file[k])
			continue;
		rc = link_source(s, q, s->rid[k], p->from_workbook ? NULL : prog_sheet_names[k]);
		if (p->from_workbook)
			break;   /* one workbook, one link */
	}
	if (!rc)
		rc = forecast_files(s, q, p);
	sqlite3_finalize(q);
	return rc;
}

/* Lines naming a forecast must have been turned into figures first. */
static int check_modelled(struct saver *s, const struct programme *p)
{
	for (int i = 0; i < p->nsavings; i++)
		if (p->savings[i].pending)
			return cf_error_at(s->err, CF_EINPUT, p->sheet_file[PROG_SHEET_SAVINGS], p->savings[i].row,
					   p->savings[i].forecast ? "forecast" : "shift",
					   p->savings[i].forecast ? p->savings[i].forecast : p->savings[i].shift,
					   "sheet savings: the %s has not been run, so the line has no savings to store",
					   p->savings[i].forecast ? "forecast" : "shift");
	if (p->workforce.demand_pending)
		return cf_error_at(s->err, CF_EINPUT, p->sheet_file[PROG_SHEET_WORKFORCE], p->workforce.demand_row, "item",
				   "cases", "sheet workforce: the demand series has not been computed, so there is "
				   "nothing to store");
	return CF_OK;
}

static int save_rows(struct saver *s, const struct programme *p)
{
	static const char *const sql[] = {
		"INSERT INTO programme_workstreams VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		"INSERT INTO programme_costs VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
		"INSERT INTO programme_savings VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		"INSERT INTO programme_benefits VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
		"INSERT INTO programme_actuals VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		"INSERT INTO programme_milestones VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
		"INSERT INTO programme_cba_outcomes VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
		"?15, ?16, ?17, ?18)",
		"INSERT INTO programme_cba_costs VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
		"INSERT INTO programme_workforce VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	};
	enum { Q_WS, Q_COST, Q_SAVE, Q_BEN, Q_ACT, Q_MS, Q_OUT, Q_CCOST, Q_WF, Q_N };
	sqlite3_stmt *q[Q_N] = { 0 };
	int rc = CF_OK;
	for (int i = 0; i < Q_N && !rc; i++)
		rc = store_prepare(s->st, sql[i], &q[i], s->err);
	static const char *const roles[] = { "social_worker", "manager" };
	static const char *const contracts[] = { "permanent", "agency" };
	static const char *const types[] = { "fiscal", "economic", "social" };

	for (int i = 0; i < p->nworkstreams && !rc; i++) {
		const struct prog_workstream *w = &p->workstreams[i];
		bind_head(s, q[Q_WS], PROG_SHEET_WORKSTREAMS, w->row);
		bind_text(q[Q_WS], 4, w->id);
		bind_text(q[Q_WS], 5, w->name);
		bind_text(q[Q_WS], 6, w->lead);
		if (!(rc = step_done(s, q[Q_WS], "saving workstreams")))
			rc = written(s, PROG_SHEET_WORKSTREAMS);
	}
	for (int i = 0; i < p->ncosts && !rc; i++) {
		const struct prog_cost *c = &p->costs[i];
		bind_head(s, q[Q_COST], PROG_SHEET_COSTS, c->row);
		sqlite3_bind_int(q[Q_COST], 4, c->year);
		bind_text(q[Q_COST], 5, c->workstream);
		bind_text(q[Q_COST], 6, c->ongoing ? "ongoing" : "one-off");
		sqlite3_bind_int64(q[Q_COST], 7, c->amount);
		bind_text(q[Q_COST], 8, c->funding);
		if (!(rc = step_done(s, q[Q_COST], "saving costs")))
			rc = written(s, PROG_SHEET_COSTS);
	}
	for (int i = 0; i < p->nsavings && !rc; i++) {
		const struct prog_saving *v = &p->savings[i];
		bind_head(s, q[Q_SAVE], PROG_SHEET_SAVINGS, v->row);
		sqlite3_bind_int(q[Q_SAVE], 4, v->year);
		bind_text(q[Q_SAVE], 5, v->workstream);
		sqlite3_bind_int64(q[Q_SAVE], 6, v->amount);
		if (!(rc = step_done(s, q[Q_SAVE], "saving savings")))
			rc = written(s, PROG_SHEET_SAVINGS);
	}
	for (int i = 0; i < p->nbenefits && !rc; i++) {
		const struct prog_benefit *b = &p->benefits[i];
		sqlite3_stmt *t = q[Q_BEN];
		bind_head(s, t, PROG_SHEET_BENEFITS, b->row);
		bind_text(t, 4, b->id);
		bind_text(t, 5, b->name);
		sqlite3_bind_int(t, 6, b->financial);
		bind_text(t, 7, b->measure);
		bind_text(t, 8, b->unit);
		bind_date(t, 9, b->baseline_date);
		sqlite3_bind_double(t, 10, b->baseline);
		bind_date(t, 11, b->target_date);
		sqlite3_bind_double(t, 12, b->target);
		bind_text(t, 13, b->shape == PROG_GEOMETRIC ? "geometric" : "linear");
		sqlite3_bind_double(t, 14, b->tolerance);
		bind_text(t, 15, b->owner);
		bind_text(t, 16, b->workstream);
		if (!(rc = step_done(s, t, "saving benefits")))
			rc = written(s, PROG_SHEET_BENEFITS);
	}
	for (int i = 0; i < p->nactuals && !rc; i++) {
		const struct prog_actual *a = &p->actuals[i];
		bind_head(s, q[Q_ACT], PROG_SHEET_ACTUALS, a->row);
		bind_text(q[Q_ACT], 4, a->benefit);
		bind_date(q[Q_ACT], 5, a->date);
		sqlite3_bind_double(q[Q_ACT], 6, a->value);
		if (!(rc = step_done(s, q[Q_ACT], "saving actuals")))
			rc = written(s, PROG_SHEET_ACTUALS);
	}
	for (int i = 0; i < p->nmilestones && !rc; i++) {
		const struct prog_milestone *m = &p->milestones[i];
		bind_head(s, q[Q_MS], PROG_SHEET_MILESTONES, m->row);
		bind_text(q[Q_MS], 4, m->name);
		bind_text(q[Q_MS], 5, m->workstream);
		bind_date(q[Q_MS], 6, m->due);
		bind_date(q[Q_MS], 7, m->done);
		bind_text(q[Q_MS], 8, m->owner);
		if (!(rc = step_done(s, q[Q_MS], "saving milestones")))
			rc = written(s, PROG_SHEET_MILESTONES);
	}
	for (int i = 0; i < p->cba.noutcomes && !rc; i++) {
		const struct prog_outcome *o = &p->cba.outcomes[i];
		sqlite3_stmt *t = q[Q_OUT];
		bind_head(s, t, PROG_SHEET_CBA, o->row);
		bind_text(t, 4, o->name);
		bind_text(t, 5, o->agency);
		sqlite3_bind_int(t, 6, o->year);
		sqlite3_bind_double(t, 7, o->cohort);
		sqlite3_bind_double(t, 8, o->engagement);
		sqlite3_bind_double(t, 9, o->impact);
		sqlite3_bind_double(t, 10, o->deadweight);
		sqlite3_bind_double(t, 11, o->attribution);
		sqlite3_bind_double(t, 12, o->unit_value);
		bind_text(t, 13, types[o->type]);
		sqlite3_bind_int(t, 14, o->cashable);
		sqlite3_bind_double(t, 15, o->drop_off);
		sqlite3_bind_int(t, 16, o->lag);
		sqlite3_bind_int(t, 17, o->duration);
		sqlite3_bind_double(t, 18, o->optimism_bias);
		if (!(rc = step_done(s, t, "saving CBA outcomes")))
			rc = written(s, PROG_SHEET_CBA);
	}
	for (int i = 0; i < p->cba.ncosts && !rc; i++) {
		const struct prog_cba_cost *c = &p->cba.costs[i];
		sqlite3_stmt *t = q[Q_CCOST];
		bind_head(s, t, PROG_SHEET_CBA, c->row);
		bind_text(t, 4, c->name);
		bind_text(t, 5, c->agency);
		sqlite3_bind_int(t, 6, c->year);
		sqlite3_bind_double(t, 7, c->amount);
		sqlite3_bind_double(t, 8, c->optimism_bias);
		if (!(rc = step_done(s, t, "saving CBA costs")))
			rc = written(s, PROG_SHEET_CBA);
	}
	const struct prog_workforce *wf = &p->workforce;
	for (int r = 0; r < PROG_NROLES && !rc; r++)
		for (int c = 0; c < PROG_NCONTRACTS && !rc; c++)
			for (int item = 0; item < 2 && !rc; item++) {
				if (item == 0 ? !wf->has_cost[r][c] : !wf->has_establishment)
					continue;
				sqlite3_stmt *t = q[Q_WF];
				sqlite3_bind_int64(t, 1, s->pid);
				sqlite3_bind_int64(t, 2, s->rid[PROG_SHEET_WORKFORCE]);
				bind_text(t, 4, item == 0 ? "cost_per_fte" : "establishment");
				bind_text(t, 5, roles[r]);
				bind_text(t, 6, contracts[c]);
				sqlite3_bind_double(t, 8, item == 0 ? wf->cost_per_fte[r][c] : wf->establishment[r][c]);
				if (!(rc = step_done(s, t, "saving the workforce model")))
					rc = written(s, PROG_SHEET_WORKFORCE);
			}
	for (int i = 0; i < wf->ndemand && !rc; i++) {
		sqlite3_stmt *t = q[Q_WF];
		bind_head(s, t, PROG_SHEET_WORKFORCE, wf->demand[i].row);
		bind_text(t, 4, "cases");
		bind_date(t, 7, wf->demand[i].date);
		sqlite3_bind_double(t, 8, wf->demand[i].cases);
		if (!(rc = step_done(s, t, "saving the workforce demand")))
			rc = written(s, PROG_SHEET_WORKFORCE);
	}
	for (int i = 0; i < Q_N; i++)
		sqlite3_finalize(q[i]);
	return rc;
}

static int count_rows(struct saver *s, const struct programme *p)
{
	sqlite3_stmt *q;
	int rc = store_prepare(s->st, "UPDATE returns SET rows = rows + ? WHERE id = ?", &q, s->err);
	if (rc)
		return rc;
	for (int k = 0; k < PROG_NSHEETS && !rc; k++) {
		if (!p->sheet_file[k])
			continue;
		sqlite3_bind_int64(q, 1, s->rows[k]);
		sqlite3_bind_int64(q, 2, s->rid[k]);
		rc = step_done(s, q, "counting rows");
	}
	sqlite3_finalize(q);
	return rc;
}

int programme_save(struct store *st, const struct programme *p, const char *source,
		   const struct programme_save_options *opt, struct programme_save_report *rep,
		   struct cf_error *err)
{
	static const struct programme_save_options none = { 0 };
	struct saver s = { st, opt ? opt : &none, rep, err, 0, { 0 }, { 0 } };
	memset(rep, 0, sizeof *rep);
	int rc = check_modelled(&s, p);
	if (!rc)
		rc = store_begin(st, err);
	if (rc)
		return rc;
	if (!(rc = drop_previous(&s, p->name)) && !(rc = save_sources(&s, p)) && !(rc = add_programme(&s, p, source)) &&
	    !(rc = link_sources(&s, p)) && !(rc = save_rows(&s, p)) && !(rc = count_rows(&s, p)))
		rc = store_commit(st, err);
	if (rc) {
		store_rollback(st);
		rep->replaced = 0;
		rep->programme_id = 0;
	}
	return rc;
}
