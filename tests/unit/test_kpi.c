/* Indicators pinned on small hand-made stores whose answers are worked out
 * on paper in the comments: boundary days (the 45th working day, a bank
 * holiday in the window, a plan of exactly 2 years, an episode ending on
 * 31 March, a child aged 16 on the census date). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "indicators/kpi.h"
#include "store/store_int.h"   /* the fixtures are SQL */

/* A fresh store (migrations applied) holding `sql`. */
static struct store *fixture(const char *sql, char *path)
{
	strcpy(path, "/tmp/cf_test_kpi_XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	struct store *st;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(store_open(&st, path, 0, &err), CF_OK);
	if (store_exec(st, sql, &err) != CF_OK)
		fail_msg("fixture SQL: %s", err.msg);
	return st;
}

static void drop(struct store *st, char *path)
{
	store_close(st);
	unlink(path);
	char side[600];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

struct run {
	char path[64];
	struct store *st;
	struct kpi_data data;
	struct kpi_result *res;
};

static void compute_in(struct run *r, const char *sql, const char *period, enum kpi_dim by, long suppress,
		       const struct centroids *cent, const char *locality)
{
	struct cf_error err;
	cf_error_clear(&err);
	r->st = fixture(sql, r->path);
	if (kpi_data_load(r->st, &r->data, &err) != CF_OK)
		fail_msg("load: %s", err.msg);
	struct kpi_period p;
	if (period)
		assert_int_equal(kpi_period_parse(period, &p), 0);
	else
		kpi_default_period(&r->data, &p);
	struct kpi_options opt = { .by = by, .suppress = suppress, .centroids = cent, .locality = locality };
	if (kpi_compute(&r->data, &p, 1, &opt, &r->res, &err) != CF_OK)
		fail_msg("compute: %s", err.msg);
}

static void compute(struct run *r, const char *sql, const char *period, enum kpi_dim by, long suppress,
		    const struct centroids *cent)
{
	compute_in(r, sql, period, by, suppress, cent, NULL);
}

static void finish(struct run *r)
{
	kpi_result_free(r->res);
	kpi_data_release(&r->data);
	drop(r->st, r->path);
}

static const struct kpi_cell *cell(const struct run *r, const char *id, const char *group)
{
	int k = kpi_find(id);
	if (k < 0)
		fail_msg("no indicator %s", id);
	for (int g = 0; g < r->res->ngroups; g++)
		if (strcmp(r->res->groups[g], group) == 0)
			return kpi_result_cell(r->res, 0, k, g);
	fail_msg("no group %s", group);
	return NULL;
}

/* numerator / denominator of an indicator for the LA */
#define EXPECT(r, id, n, d) do { \
	const struct kpi_cell *c_ = cell(r, id, "all"); \
	if (!c_->has_num || fabs(c_->num - (n)) > 1e-9 || ((d) >= 0 && (!c_->has_den || fabs(c_->den - (d)) > 1e-9))) \
		fail_msg("%s: got %g / %g (has %d/%d), want %g / %g", id, c_->num, c_->den, c_->has_num, c_->has_den, \
			 (double)(n), (double)(d)); \
} while (0)

#define RETURNS \
	"INSERT INTO returns(id, path, kind, collection_year, sha256, bytes, rows, loaded_at) VALUES " \
	"(1, 'cin.xml', 'cin.xml', 2024, 'a', 0, 0, 'now'), (2, '903', 'ssda903.episodes', 2024, 'b', 0, 0, 'now'), " \
	"(3, 'wf.xml', 'workforce.xml', 2024, 'c', 0, 0, 'now'), (4, 'pop.csv', 'population.csv', 2024, 'd', 0, 0, 'now'), " \
	"(5, 'loc.csv', 'localities.csv', NULL, 'e', 0, 0, 'now'), " \
	/* published statistics for a later year must not move the default period */ \
	"(6, 'dfe.csv', 'dfe.published', 2025, 'f', 0, 0, 'now');"

/* --- referrals ---------------------------------------------------------------- */

static const char *referrals_sql = RETURNS
	"INSERT INTO cin_referrals(return_id, row, child, referral_date, closure_date, referral_nfa, primary_need) VALUES "
	/* R1: the previous referral exactly 12 months before: a re-referral */
	"(1, 2, 'R1', '2022-06-10', '2022-08-01', 0, 'N1'), (1, 3, 'R1', '2023-06-10', NULL, 0, 'N1'),"
	/* R2: 12 months and a day before: not */
	"(1, 4, 'R2', '2022-06-10', '2022-07-01', 0, 'N2'), (1, 5, 'R2', '2023-06-11', '2023-07-01', 0, 'N2'),"
	/* R3: a first referral, no further action, closed the same day */
	"(1, 6, 'R3', '2023-05-01', '2023-05-01', 1, 'N9'),"
	/* R4: two in the year; the second is a re-referral */
	"(1, 7, 'R4', '2023-04-05', '2023-06-01', 0, 'N1'), (1, 8, 'R4', '2023-09-01', NULL, 0, 'N1'),"
	/* R5: open since 31 March 2023 exactly a year before period end; R6 a day longer */
	"(1, 9, 'R5', '2023-03-31', NULL, 0, 'N1'), (1, 10, 'R6', '2023-03-30', '2024-04-02', 0, 'N1'),"
	/* R7: closed on 31 March 2024: not open at period end */
	"(1, 11, 'R7', '2023-02-01', '2024-03-31', 0, 'N1');"
	"INSERT INTO contacts(return_id, row, child, contact_date, source, outcome) VALUES "
	"(1, 2, 'R1', '2023-06-09', 'police', 'referral'), (1, 3, 'R3', '2023-04-30', 'school', 'referral'),"
	"(1, 4, 'X1', '2023-07-01', 'health', 'nfa'), (1, 5, 'X2', '2023-07-02', 'health', 'nfa'),"
	"(1, 6, 'X3', '2023-03-31', 'health', 'nfa');";

static void test_referrals(void **state)
{
	(void)state;
	struct run r;
	compute(&r, referrals_sql, "2023-24", KPI_BY_ALL, 0, NULL);
	/* in the year: R1 (10 Jun 23), R2 (11 Jun 23), R3, R4 x2 = 5 */
	EXPECT(&r, "referrals", 5, -1);
	EXPECT(&r, "rereferral_12m", 2, 5);       /* R1 and R4's second */
	EXPECT(&r, "referral_nfa", 1, 5);         /* R3 */
	EXPECT(&r, "contacts", 4, -1);            /* X3 was on 31 March 2023 */
	EXPECT(&r, "contact_to_referral", 5, 4);
	/* open at 31/03/2024: R1 (2023-06-10), R4 (2023-09-01), R5, R6 = 4; R7 closed that day */
	EXPECT(&r, "cin_open_1yr", 1, 4);         /* only R6: R5 began exactly a year before */
	EXPECT(&r, "cin_rate_10k", 4, -1);
	assert_false(cell(&r, "cin_rate_10k", "all")->has_den);   /* no population loaded */
	assert_true(r.res->omitted[K_ASSESSMENT_45WD]);           /* no assessments loaded */
	assert_true(fabs(cell(&r, "rereferral_12m", "all")->value - 40.0) < 1e-9);
	finish(&r);

	/* the same by category of need: N1 has R1, R4 x2 (2 re-referrals); N2 has R2; N9 has R3 */
	compute(&r, referrals_sql, "2023-24", KPI_BY_NEED, 0, NULL);
	assert_true(cell(&r, "rereferral_12m", "N1")->num == 2 && cell(&r, "rereferral_12m", "N1")->den == 3);
	assert_true(cell(&r, "referrals", "N2")->num == 1 && cell(&r, "referrals", "N9")->num == 1);
	finish(&r);

	/* a quarter: Q1 (Apr-Jun 2023) has R1, R2, R3, R4's first = 4, one re-referral */
	compute(&r, referrals_sql, "2023-24Q1", KPI_BY_ALL, 0, NULL);
	EXPECT(&r, "referrals", 4, -1);
	EXPECT(&r, "rereferral_12m", 1, 4);
	finish(&r);
}

/* "child row num/den;" for each record, in their order */
static void describe_records(const struct kpi_records *k, char *out, size_t size)
{
	size_t n = 0;
	out[0] = 0;
	for (size_t i = 0; i < k->n; i++)
		n += (size_t)snprintf(out + n, size - n, "%s %d %g/%g;", k->rows[i].child, k->rows[i].row,
				      k->rows[i].num, k->rows[i].den);
}

/* The records behind a figure, and the same from one pass for several. */
static void test_records(void **state)
{
	(void)state;
	struct run r;
	compute(&r, referrals_sql, "2023-24", KPI_BY_ALL, 0, NULL);
	struct kpi_period p;
	assert_int_equal(kpi_period_parse("2023-24", &p), 0);
	struct kpi_options opt = { .by = KPI_BY_ALL };
	struct cf_error err;
	cf_error_clear(&err);
	struct kpi_records *one = NULL;
	char got[1000], again[1000];
	/* the 5 referrals of the year (rows 3, 5, 6, 7, 8 of cin.xml), re-referrals R1's (row 3) and R4's second (row 8) */
	assert_int_equal(kpi_records(r.st, &r.data, K_REREFERRAL_12M, &p, &opt, NULL, &one, &err), CF_OK);
	describe_records(one, got, sizeof got);
	assert_string_equal(got, "R1 3 1/1;R2 5 0/1;R3 6 0/1;R4 7 0/1;R4 8 1/1;");
	assert_string_equal(one->rows[0].file, "cin.xml");
	assert_true(one->cell.num == 2 && one->cell.den == 5);
	kpi_records_free(one);
	/* contacts to referrals: the 4 contacts of the year (rows 2-5) over the 5 referrals,
	 * by child then day (R1's contact of 9 June, then its referral of 10 June) */
	assert_int_equal(kpi_records(r.st, &r.data, K_CONTACT_TO_REFERRAL, &p, &opt, NULL, &one, &err), CF_OK);
	describe_records(one, got, sizeof got);
	assert_string_equal(got, "R1 2 0/1;R1 3 1/0;R2 5 1/0;R3 3 0/1;R3 6 1/0;R4 7 1/0;R4 8 1/0;X1 4 0/1;X2 5 0/1;");
	kpi_records_free(one);
	/* several in one pass give each the same rows as alone */
	int ids[] = { K_REFERRALS, K_CONTACT_TO_REFERRAL, K_REREFERRAL_12M };
	struct kpi_records *many[3];
	assert_int_equal(kpi_records_many(r.st, &r.data, ids, 3, &p, &opt, NULL, many, &err), CF_OK);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(kpi_records(r.st, &r.data, ids[i], &p, &opt, NULL, &one, &err), CF_OK);
		describe_records(one, got, sizeof got);
		describe_records(many[i], again, sizeof again);
		assert_string_equal(got, again);
		kpi_records_free(one);
		kpi_records_free(many[i]);
	}
	/* refused under suppression, and for an indicator not computed */
	opt.suppress = 5;
	assert_int_equal(kpi_records(r.st, &r.data, K_REFERRALS, &p, &opt, NULL, &one, &err), CF_EINPUT);
	assert_null(one);
	opt.suppress = 0;
	assert_int_equal(kpi_records(r.st, &r.data, K_ASSESSMENT_45WD, &p, &opt, NULL, &one, &err), CF_EINPUT);
	assert_non_null(strstr(err.msg, "not computed"));
	finish(&r);
}

/* --- assessments and section 47 -------------------------------------------------- */

static const char *timeliness_sql = RETURNS
	"INSERT INTO assessments(return_id, row, child, referral_date, start_date, authorised_date) VALUES "
	/* Monday 3 April 2023: with Good Friday, Easter Monday, 1 May, the
	 * coronation (8 May) and 29 May in the window, the 45th working day
	 * is Monday 12 June 2023 (45 weekdays alone would be 5 June) */
	"(1, 2, 'A1', '2023-04-01', '2023-04-03', '2023-06-12'),"
	"(1, 3, 'A2', '2023-04-01', '2023-04-03', '2023-06-13'),"       /* the 46th: late */
	"(1, 4, 'A3', '2023-03-01', '2023-03-01', '2023-04-20'),"       /* started last year, authorised in this */
	"(1, 5, 'A4', '2024-03-01', '2024-03-01', '2024-04-10'),"       /* authorised next year */
	"(1, 6, 'A5', '2023-06-01', '2023-06-01', NULL);"
	"INSERT INTO s47_enquiries(return_id, row, child, referral_date, start_date, icpc_date) VALUES "
	/* Tuesday 2 May 2023: with the coronation on Monday 8 May the 15th
	 * working day is Wednesday 24 May */
	"(1, 2, 'S1', '2023-05-01', '2023-05-02', '2023-05-24'),"
	"(1, 3, 'S2', '2023-05-01', '2023-05-02', '2023-05-25'),"
	"(1, 4, 'S3', '2023-05-01', '2023-06-01', NULL);"
	/* a conference recorded on the CIN episode with no s47; S1's is also
	 * recorded on its episode: one conference, counted once */
	"INSERT INTO cin_referrals(return_id, row, child, referral_date, icpc_date) VALUES "
	"(1, 2, 'R1', '2023-06-01', '2023-06-20'), (1, 3, 'S1', '2023-05-01', '2023-05-24');";

static void test_timeliness(void **state)
{
	(void)state;
	struct run r;
	compute(&r, timeliness_sql, "2023-24", KPI_BY_ALL, 0, NULL);
	EXPECT(&r, "assessments", 3, -1);           /* completed in the year: A1, A2, A3 */
	EXPECT(&r, "assessment_45wd", 2, 3);        /* authorised: A1 (on time), A2 (late), A3 (on time) */
	EXPECT(&r, "s47", 3, -1);
	EXPECT(&r, "icpc_15wd", 1, 2);              /* S1 on the 15th working day; S2 on the 16th */
	EXPECT(&r, "s47_to_icpc", 3, 3);
	EXPECT(&r, "assessment_to_s47", 3, 3);
	EXPECT(&r, "icpc", 3, -1);                  /* S1, S2 and R1's conference on the episode */
	finish(&r);
}

/* --- child protection plans ------------------------------------------------------ */

static const char *cpp_sql = RETURNS
	"INSERT INTO cp_plans(return_id, row, child, start_date, end_date, previous_plans) VALUES "
	"(1, 2, 'P1', '2020-01-01', '2021-01-01', NULL), (1, 3, 'P1', '2023-06-01', NULL, NULL),"  /* a second plan */
	"(1, 4, 'P2', '2023-07-01', NULL, 1),"              /* the earlier plan is elsewhere: previous_plans */
	"(1, 5, 'P3', '2024-01-15', NULL, 0),"              /* first plan; 3 months or less at 31 March */
	"(1, 6, 'P4', '2022-01-15', '2024-01-15', NULL),"   /* exactly 2 years: counts */
	"(1, 7, 'P5', '2022-01-16', '2024-01-15', NULL),"   /* a day short */
	"(1, 8, 'P6', '2023-03-31', NULL, NULL),"           /* open exactly a year at 31 March 2024 */
	"(1, 9, 'P7', '2022-03-31', NULL, NULL),"           /* open exactly 2 years */
	"(1, 10, 'P8', '2023-10-01', '2024-03-31', NULL);"; /* ends on 31 March: ended, not open */

static void test_cpp(void **state)
{
	(void)state;
	struct run r;
	compute(&r, cpp_sql, "2023-24", KPI_BY_ALL, 0, NULL);
	EXPECT(&r, "cpp_started", 4, -1);          /* P1's second, P2, P3, P8 */
	EXPECT(&r, "cpp_subsequent", 2, 4);        /* P1 (earlier plan), P2 (previous_plans 1) */
	EXPECT(&r, "cpp_2yr_ended", 1, 3);         /* P4 of P4, P5, P8 */
	/* open at 31 March 2024: P1, P2, P3, P6, P7 */
	EXPECT(&r, "cpp_rate_10k", 5, -1);
	EXPECT(&r, "cpp_open_1yr", 1, 5);          /* P7; P6 is exactly a year, not over */
	EXPECT(&r, "cpp_open_3m_or_less", 1, 5);   /* P3 */
	EXPECT(&r, "cpp_open_3_6m", 0, 5);
	EXPECT(&r, "cpp_open_6_12m", 2, 5);        /* P1 (June), P2 (July) */
	EXPECT(&r, "cpp_open_1_2y", 1, 5);         /* P6 */
	EXPECT(&r, "cpp_open_2y_plus", 1, 5);      /* P7 */
	finish(&r);
}

/* --- children looked after ---------------------------------------------------------- */

static const char *cla_sql = RETURNS
	"INSERT INTO children(child, sex, dob, ethnicity) VALUES "
	"('C1', '1', '2007-04-01', 'WBRI'),"   /* 16 on 31 March 2024, 17 the next day */
	"('C2', '2', '2023-01-01', 'WBRI'), ('C3', '1', '2012-01-01', 'MWBC'), ('C4', '2', '2015-01-01', 'WBRI'),"
	"('C5', '1', '2011-02-02', 'WBRI'), ('C6', '2', '2019-01-01', 'WBRI'), ('C7', '1', '2007-06-01', 'AIND'),"
	"('C8', '2', '2020-01-01', 'WBRI'), ('C9', '1', '2010-01-01', 'WBRI'), ('C10', '1', '2012-05-05', 'WBRI');"
	"INSERT INTO ssda903_episodes(return_id, row, child, decom, rne, ls, cin, place, place_provider, dec, rec, home_post, pl_post) VALUES "
	"(2, 2, 'C1', '2023-06-01', 'S', 'C2', 'N1', 'U1', 'PR1', NULL, NULL, 'AA1 1', 'AA1 2'),"
	/* C2 ceases on 31 March: ceased in the year, not looked after at its end */
	"(2, 3, 'C2', '2023-05-10', 'S', 'V2', 'N2', 'U1', 'PR1', '2024-03-31', 'E13', NULL, NULL),"
	/* C3: in care since 30 Sep 2021 (exactly 2.5 years), with these carers
	 * since 31 March 2022 (exactly 2 years): long-term stable */
	"(2, 4, 'C3', '2021-09-30', 'S', 'C2', 'N1', 'U1', 'PR1', '2022-03-31', 'X1', NULL, NULL),"
	"(2, 5, 'C3', '2022-03-31', 'P', 'C2', 'N1', 'U4', 'PR1', '2023-01-01', 'X1', NULL, NULL),"
	"(2, 6, 'C3', '2023-01-01', 'L', 'E1', 'N1', 'U4', 'PR1', NULL, NULL, NULL, NULL),"
	/* C4: three placements in the year (S, P, B); T keeps the carer */
	"(2, 7, 'C4', '2023-04-15', 'S', 'V2', 'N1', 'U1', 'PR1', '2023-07-01', 'X1', NULL, NULL),"
	"(2, 8, 'C4', '2023-07-01', 'P', 'V2', 'N1', 'U4', 'PR1', '2023-10-01', 'X1', NULL, NULL),"
	"(2, 9, 'C4', '2023-10-01', 'B', 'C2', 'N1', 'U4', 'PR1', '2024-01-10', 'X1', NULL, NULL),"
	"(2, 10, 'C4', '2024-01-10', 'T', 'C2', 'N1', 'U5', 'PR1', NULL, NULL, NULL, NULL),"
	/* C5: moved a day less than 2 years before 31 March */
	"(2, 11, 'C5', '2021-06-01', 'S', 'C2', 'N1', 'U1', 'PR1', '2022-04-01', 'X1', NULL, NULL),"
	"(2, 12, 'C5', '2022-04-01', 'P', 'C2', 'N1', 'U4', 'PR1', NULL, NULL, NULL, NULL),"
	/* C6: placed for adoption in Sep 2023; the foster placement before began Aug 2021 */
	"(2, 13, 'C6', '2021-08-01', 'S', 'C2', 'N1', 'U1', 'PR1', '2023-09-01', 'X1', NULL, NULL),"
	"(2, 14, 'C6', '2023-09-01', 'P', 'E1', 'N1', 'A5', 'PR1', NULL, NULL, NULL, NULL),"
	/* C7: 16 at 31 March, in care since 2019: too old for long-term stability */
	"(2, 15, 'C7', '2019-01-01', 'S', 'C2', 'N4', 'K2', 'PR4', NULL, NULL, 'AA1 1', 'ZZ9 9'),"
	/* C8: interim care order since 1 Aug 2023 across two episodes: over 26 weeks */
	"(2, 16, 'C8', '2023-08-01', 'S', 'C1', 'N1', 'U1', 'PR1', '2023-09-01', 'X1', NULL, NULL),"
	"(2, 17, 'C8', '2023-09-01', 'P', 'C1', 'N1', 'U4', 'PR1', NULL, NULL, NULL, NULL),"
	/* C9: interim care order since 1 Oct 2023: exactly 182 days, not over 26 weeks */
	"(2, 18, 'C9', '2023-10-01', 'S', 'C1', 'N1', 'U1', 'PR1', NULL, NULL, NULL, NULL),"
	/* C10: short breaks (V3) are not counted as looked after */
	"(2, 19, 'C10', '2023-05-01', 'S', 'V3', 'N1', 'U1', 'PR1', NULL, NULL, NULL, NULL);"
	"INSERT INTO ssda903_missing(return_id, row, child, missing, mis_start) VALUES "
	"(2, 2, 'C1', 'M', '2023-07-01'), (2, 3, 'C1', 'M', '2023-07-01'),"   /* the same incident twice */
	"(2, 4, 'C8', 'A', '2023-09-10'), (2, 5, 'C2', 'M', '2023-03-01');"
	/* mid-2023 estimates: 1,000 at each age 0-17 (18,000); mid-2024 must not be used for 31 March 2024 */
	"WITH RECURSIVE a(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM a WHERE n < 17) "
	"INSERT INTO population(return_id, row, year, area, age, sex, count) "
	"SELECT 4, n + 2, 2023, 'LA', n, 'persons', 1000 FROM a UNION ALL SELECT 4, n + 100, 2024, 'LA', n, 'persons', 2000 FROM a;";

static void test_cla(void **state)
{
	(void)state;
	struct run r;
	compute(&r, cla_sql, NULL, KPI_BY_ALL, 0, NULL);
	assert_string_equal(r.res->periods[0].label, "2023-24");   /* the default: latest complete year */
	/* at 31 March 2024: C1, C3, C4, C5, C6, C7, C8, C9 (C2 ceased that day, C10 short breaks) */
	EXPECT(&r, "cla_31mar", 8, -1);
	EXPECT(&r, "cla_rate_10k", 8, 18000);
	assert_true(fabs(cell(&r, "cla_rate_10k", "all")->value - 8.0 / 18000 * 10000) < 1e-9);
	EXPECT(&r, "cla_started", 5, -1);            /* C1, C2, C4, C8, C9 */
	EXPECT(&r, "cla_ceased", 1, -1);             /* C2 on 31 March */
	EXPECT(&r, "cla_started_rate_10k", 5, 18000);
	/* ages at entry: C1 16, C2 0, C4 8, C8 3, C9 13 */
	EXPECT(&r, "cla_entry_age_16_17", 1, 5);
	EXPECT(&r, "cla_entry_age_under1", 1, 5);
	EXPECT(&r, "cla_entry_age_5_9", 1, 5);
	EXPECT(&r, "cla_entry_age_1_4", 1, 5);
	EXPECT(&r, "cla_entry_age_10_15", 1, 5);
	EXPECT(&r, "placement_3plus", 1, 8);         /* C4 */
	EXPECT(&r, "placement_long_term", 2, 3);     /* of C3, C5, C6: C3 and C6 */
	EXPECT(&r, "ico_26wk", 1, 2);                /* C8 of C8, C9 */
	EXPECT(&r, "missing_cla", 1, 9);             /* C1, of C1-C9 looked after during the year */
	EXPECT(&r, "away_cla", 1, 9);                /* C8 */
	EXPECT(&r, "placement_mix_foster", 6, 8);
	EXPECT(&r, "placement_mix_placed_for_adoption", 1, 8);
	EXPECT(&r, "placement_mix_residential", 1, 8);
	EXPECT(&r, "placement_mix_inhouse", 7, 8);
	EXPECT(&r, "placement_mix_external", 1, 8);
	assert_true(r.res->omitted[K_PLACED_20MI]);  /* no centroids */
	finish(&r);

	/* by age band at 31 March: C1 and C7 are 16 */
	compute(&r, cla_sql, "2023-24", KPI_BY_AGE_BAND, 0, NULL);
	assert_true(cell(&r, "cla_31mar", "16+")->num == 2);
	assert_true(cell(&r, "cla_31mar", "10-15")->num == 3);   /* C3 12, C5 13, C9 14 */
	assert_true(cell(&r, "cla_31mar", "5-9")->num == 2);     /* C4 9, C6 5 */
	assert_true(cell(&r, "cla_rate_10k", "16+")->den == 2000);  /* ages 16 and 17 */
	finish(&r);

	/* a month: March 2024 has C2's ceasing and no starts */
	compute(&r, cla_sql, "2024-03", KPI_BY_ALL, 0, NULL);
	EXPECT(&r, "cla_ceased", 1, -1);
	EXPECT(&r, "cla_started", 0, -1);
	EXPECT(&r, "cla_31mar", 8, -1);
	finish(&r);
}

/* --- care leavers and the workforce ----------------------------------------------- */

static const char *leavers_sql = RETURNS
	"INSERT INTO ssda903_oc3(return_id, row, child, dob, in_touch, activ, accom) VALUES "
	"(2, 2, 'L1', '2004-05-01', 'YES', 'F2', 'B'),"   /* 19: in education */
	"(2, 3, 'L2', '2003-01-01', 'YES', 'G6', 'B'),"   /* 21: not in EET */
	"(2, 4, 'L3', '2002-03-31', 'YES', 'F1', 'B'),"   /* 22 on 31 March 2024: out of range */
	"(2, 5, 'L4', '2004-04-01', 'NO', '0', '0'),"     /* 19 (20 the next day): not in touch, counted */
	"(2, 6, 'L5', '2003-06-01', 'DIED', NULL, NULL)," /* not counted */
	"(2, 7, 'L6', '2006-01-01', 'YES', 'F4', 'B');"   /* 18 */
	"INSERT INTO workforce_workers(return_id, row, census_date, worker, role, agency, fte, fte30, start_date, end_date, cases) VALUES "
	"(3, 2, '2023-09-30', 'W1', '5', 0, 1.0, NULL, '2020-01-01', NULL, 20),"
	"(3, 3, '2023-09-30', 'W2', '5', 0, 0.5, NULL, '2021-01-01', NULL, 10),"
	"(3, 4, '2023-09-30', 'W3', '3', 0, 1.0, NULL, '2019-01-01', NULL, 0),"
	"(3, 5, '2023-09-30', 'W4', '5', 0, 0, 0.8, '2019-01-01', '2023-06-30', NULL),"   /* left in the year */
	"(3, 6, '2023-09-30', 'W5', '5', 0, 0, 1.0, '2019-01-01', '2022-08-01', NULL),"   /* left before it */
	"(3, 7, '2023-09-30', 'W6', '5', 1, 1.0, NULL, '2023-01-01', NULL, 15);"          /* agency */
	"INSERT INTO workforce_la(return_id, census_date, vacancies_fte, agency_fte) VALUES (3, '2023-09-30', 0.5, NULL);";

static void test_leavers_workforce(void **state)
{
	(void)state;
	struct run r;
	compute(&r, leavers_sql, "2023-24", KPI_BY_ALL, 0, NULL);
	EXPECT(&r, "care_leavers_eet_19_21", 1, 3);   /* L1 of L1, L2, L4 */
	EXPECT(&r, "sw_caseload", 45, 2.5);           /* (20 + 10 + 15) / (1 + 0.5 + 1) = 18 */
	EXPECT(&r, "sw_agency_rate", 1.0, 3.5);       /* 1 / (1 + 2.5) */
	EXPECT(&r, "sw_turnover", 0.8, 2.5);          /* 32% */
	EXPECT(&r, "sw_vacancy", 0.5, 3.0);
	assert_true(fabs(cell(&r, "sw_caseload", "all")->value - 18.0) < 1e-9);
	finish(&r);
	/* a census more than a year before period end is not used */
	compute(&r, leavers_sql, "2025-26", KPI_BY_ALL, 0, NULL);
	assert_false(cell(&r, "sw_caseload", "all")->has_num);
	finish(&r);
}

/* --- localities, distance and suppression ------------------------------------------- */

static const char *locality_sql = RETURNS
	"INSERT INTO localities(return_id, row, area, locality) VALUES (5, 2, 'AA1 1', 'North'), (5, 3, 'AA1 2', 'North'), (5, 4, 'BB1 1', 'South');"
	"INSERT INTO children(child, sex, dob) VALUES ('N1','1','2010-01-01'),('N2','1','2010-01-01'),('N3','1','2010-01-01'),"
	"('N4','1','2010-01-01'),('N5','1','2010-01-01'),('N6','1','2010-01-01'),('N7','1','2010-01-01'),('S1','2','2012-01-01'),"
	"('S2','2','2012-01-01'),('S3','2','2012-01-01');"
	"INSERT INTO ssda903_episodes(return_id, row, child, decom, rne, ls, cin, place, place_provider, home_post, pl_post) VALUES "
	"(2, 2, 'N1', '2023-05-01', 'S', 'C2', 'N1', 'U1', 'PR1', 'AA1 1', 'AA1 2'),"   /* about 7 miles */
	"(2, 3, 'N2', '2023-05-01', 'S', 'C2', 'N1', 'U1', 'PR1', 'AA1 1', 'CC1 1'),"   /* about 69 miles, outside */
	"(2, 4, 'N3', '2023-05-01', 'S', 'C2', 'N1', 'U1', 'PR1', 'AA1 1', 'BB1 1'),"   /* 20.7 miles, inside */
	"(2, 5, 'N4', '2023-05-01', 'S', 'C2', 'N1', 'U1', 'PR1', 'AA1 1', NULL),"
	"(2, 6, 'N5', '2023-05-01', 'S', 'C2', 'N1', 'U1', 'PR1', 'AA1 2', 'DD1 1'),"   /* no centroid for DD1 1 */
	"(2, 7, 'N6', '2023-05-01', 'S', 'C2', 'N1', 'U1', 'PR1', 'AA1 1', 'AA1 1'),"
	"(2, 8, 'N7', '2023-05-01', 'S', 'C2', 'N1', 'K2', 'PR4', 'AA1 2', 'AA1 2'),"
	"(2, 9, 'S1', '2023-05-01', 'S', 'C2', 'N1', 'U1', 'PR1', 'BB1 1', 'BB1 1'),"
	"(2, 10, 'S2', '2023-05-01', 'S', 'C2', 'N1', 'U1', 'PR1', 'BB1 1', 'BB1 1'),"
	"(2, 11, 'S3', '2023-05-01', 'S', 'C2', 'N1', 'U1', 'PR1', 'BB1 1', 'BB1 1');"
	"INSERT INTO population(return_id, row, year, area, age_band, count) VALUES "
	"(4, 2, 2023, 'LA', '0-17', 50000), (4, 3, 2023, 'North', '0-17', 30000), (4, 4, 2023, 'South', '0-17', 20000);";

static void test_localities_distance(void **state)
{
	(void)state;
	/* AA1 1 at (52, -1); one degree of latitude is 69.1 miles */
	struct centroid items[] = {
		{ "AA1 1", 52.0, -1.0 }, { "AA1 2", 52.1, -1.0 }, { "BB1 1", 52.3, -1.0 }, { "CC1 1", 53.0, -1.0 },
	};
	struct centroids cent = { items, 4 };
	struct run r;
	compute(&r, locality_sql, "2023-24", KPI_BY_LOCALITY, 0, &cent);
	EXPECT(&r, "cla_31mar", 10, -1);
	assert_true(cell(&r, "cla_31mar", "North")->num == 7 && cell(&r, "cla_31mar", "South")->num == 3);
	assert_true(cell(&r, "cla_rate_10k", "North")->den == 30000 && cell(&r, "cla_rate_10k", "all")->den == 50000);
	/* both sectors known: N1, N2, N3, N6, N7, S1-S3 = 8; over 20 miles: N2 (69), N3 (20.7) */
	EXPECT(&r, "placed_20mi", 2, 8);
	/* placement sector known: all but N4 = 9; outside the LA's sectors: N2 (CC1 1), N5 (DD1 1) */
	EXPECT(&r, "placed_outside_la", 2, 9);
	finish(&r);

	/* suppress below 5: South's 3 is hidden, and with only North beside it
	 * North would give it away from the total (10 - 7), so North goes too;
	 * the LA total stays */
	compute(&r, locality_sql, "2023-24", KPI_BY_LOCALITY, 5, &cent);
	const struct kpi_cell *south = cell(&r, "cla_31mar", "South"), *north = cell(&r, "cla_31mar", "North");
	const struct kpi_cell *all = cell(&r, "cla_31mar", "all");
	assert_true(south->suppressed && south->num_hidden);
	assert_true(north->suppressed && north->num_hidden);
	assert_false(all->suppressed);
	/* the rate's numerator is the same count, so the same cells go; the
	 * population denominator is not a count of children and stays */
	assert_true(cell(&r, "cla_rate_10k", "South")->suppressed && !cell(&r, "cla_rate_10k", "South")->den_hidden);
	/* North's 7 is also the denominator of its placement shares: hidden there too */
	assert_true(cell(&r, "placement_mix_foster", "North")->den_hidden);
	assert_true(cell(&r, "placement_mix_residential", "North")->num_hidden);   /* 1 */
	/* and the rendered table says so */
	struct cf_table *t;
	struct cf_error err;
	assert_int_equal(kpi_result_table(r.res, &t, &err), CF_OK);
	int found = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		const struct cf_cell *id = cf_table_cell_const(t, i, 0), *g = cf_table_cell_const(t, i, 3);
		if (strcmp(id->v.s, "cla_31mar") || strcmp(g->v.s, "South"))
			continue;
		found = 1;
		assert_int_equal(cf_table_cell_const(t, i, 4)->type, CF_CELL_NULL);
		assert_int_equal(cf_table_cell_const(t, i, 6)->type, CF_CELL_NULL);
		assert_int_equal(cf_table_cell_const(t, i, 8)->v.i, 1);
	}
	assert_true(found);
	cf_table_free(t);
	finish(&r);
}

/* One locality's figures (report --locality): only its children count, and
 * rates take its population; the workforce's LA-only indicators go. */
static void test_locality_filter(void **state)
{
	(void)state;
	struct centroid items[] = {
		{ "AA1 1", 52.0, -1.0 }, { "AA1 2", 52.1, -1.0 }, { "BB1 1", 52.3, -1.0 }, { "CC1 1", 53.0, -1.0 },
	};
	struct centroids cent = { items, 4 };
	struct run r;
	compute_in(&r, locality_sql, "2023-24", KPI_BY_ALL, 0, &cent, "North");
	/* North's children N1-N7, all in care on 31 March, of its 30,000: 7 / 30000 * 10000 = 2.333 */
	EXPECT(&r, "cla_31mar", 7, -1);
	EXPECT(&r, "cla_started", 7, -1);
	EXPECT(&r, "cla_rate_10k", 7, 30000);
	assert_true(fabs(cell(&r, "cla_rate_10k", "all")->value - 7.0 / 3) < 1e-9);
	/* of North's, both sectors known: N1, N2, N3, N6, N7 = 5; over 20 miles N2 and N3 */
	EXPECT(&r, "placed_20mi", 2, 5);
	assert_true(r.res->omitted[kpi_find("sw_caseload")]);
	finish(&r);

	compute_in(&r, locality_sql, "2023-24", KPI_BY_ALL, 0, &cent, "South");
	EXPECT(&r, "cla_31mar", 3, -1);   /* S1-S3 */
	EXPECT(&r, "cla_rate_10k", 3, 20000);
	finish(&r);

	/* a name not among the store's localities: CF_EINPUT, naming them */
	struct cf_error err;
	cf_error_clear(&err);
	r.st = fixture(locality_sql, r.path);
	assert_int_equal(kpi_data_load(r.st, &r.data, &err), CF_OK);
	struct kpi_period p;
	assert_int_equal(kpi_period_parse("2023-24", &p), 0);
	struct kpi_options opt = { .by = KPI_BY_ALL, .locality = "East" };
	r.res = NULL;
	assert_int_equal(kpi_compute(&r.data, &p, 1, &opt, &r.res, &err), CF_EINPUT);
	assert_null(r.res);
	assert_non_null(strstr(err.msg, "North, South"));
	finish(&r);
}

/* Secondary suppression on figures set by hand. */
static void test_suppress_sets(void **state)
{
	(void)state;
	struct kpi_result r = { 0 };
	struct kpi_period p;
	kpi_period_year(2023, &p);
	const char *groups[] = { "all", "A", "B", "C" };
	unsigned char used[] = { 1, 1, 1, 1 };
	struct kpi_cell cells[K_N * 4];
	memset(cells, 0, sizeof cells);
	r.nperiods = 1, r.periods = &p, r.by = KPI_BY_LOCALITY, r.ngroups = 4, r.groups = groups, r.group_used = used;
	r.cells = cells;
#define SET(id, g, n, d) (cells[(id) * 4 + (g)] = (struct kpi_cell){ .num = (n), .den = (d), .has_num = 1, .has_den = (d) >= 0 })
	/* groups: 30 = 20 + 7 + 3: C is hidden, then B (the smallest other) */
	SET(K_CLA_31MAR, 0, 30, -1), SET(K_CLA_31MAR, 1, 20, -1), SET(K_CLA_31MAR, 2, 7, -1), SET(K_CLA_31MAR, 3, 3, -1);
	/* a family: entry ages of 40 starters in A: 10, 10, 10, 8, 2: the 2 and then the 8 */
	int nums[] = { 10, 10, 10, 8, 2 };
	for (int b = 0; b < 5; b++)
		SET(K_ENTRY_UNDER1 + b, 1, nums[b], 40);
	/* two cells hidden already: nothing more to do */
	SET(K_CLA_STARTED, 0, 30, -1), SET(K_CLA_STARTED, 1, 24, -1), SET(K_CLA_STARTED, 2, 3, -1), SET(K_CLA_STARTED, 3, 3, -1);
#undef SET
	kpi_suppress(&r, 5);
	assert_true(cells[K_CLA_31MAR * 4 + 3].suppressed && cells[K_CLA_31MAR * 4 + 2].suppressed);
	assert_false(cells[K_CLA_31MAR * 4 + 1].suppressed || cells[K_CLA_31MAR * 4 + 0].suppressed);
	assert_true(cells[K_ENTRY_16_17 * 4 + 1].num_hidden && cells[K_ENTRY_10_15 * 4 + 1].num_hidden);
	assert_false(cells[K_ENTRY_UNDER1 * 4 + 1].num_hidden || cells[K_ENTRY_UNDER1 * 4 + 1].den_hidden);
	assert_false(cells[K_CLA_STARTED * 4 + 1].suppressed);
	assert_true(cells[K_CLA_STARTED * 4 + 2].suppressed && cells[K_CLA_STARTED * 4 + 3].suppressed);
}

/* --- periods ------------------------------------------------------------------------- */

static void test_periods(void **state)
{
	(void)state;
	struct kpi_period p;
	char a[11], b[11];
	struct {
		const char *in, *from, *to, *label;
	} cases[] = {
		{ "2023-24", "2023-04-01", "2024-03-31", "2023-24" },
		{ "2023/24", "2023-04-01", "2024-03-31", "2023-24" },
		{ "2023-24Q1", "2023-04-01", "2023-06-30", "2023-24Q1" },
		{ "2023-24Q4", "2024-01-01", "2024-03-31", "2023-24Q4" },
		{ "2024-02", "2024-02-01", "2024-02-29", "2024-02" },
		{ "r12:2024-03-31", "2023-04-01", "2024-03-31", "r12:2024-03-31" },
		{ "r12:2024-06-15", "2023-06-16", "2024-06-15", "r12:2024-06-15" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(kpi_period_parse(cases[i].in, &p), 0);
		cf_date_format(p.from, a);
		cf_date_format(p.to, b);
		assert_string_equal(a, cases[i].from);
		assert_string_equal(b, cases[i].to);
		assert_string_equal(p.label, cases[i].label);
	}
	const char *bad[] = { "2023", "2023-25", "2023-13", "2023-24Q5", "r12:31/02/2024", "x" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(kpi_period_parse(bad[i], &p), -1);
	struct kpi_period q, prev;
	kpi_period_parse("2023-24Q2", &q);
	kpi_period_previous_year(&q, &prev);
	assert_string_equal(prev.label, "2022-23Q2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_referrals),
		cmocka_unit_test(test_records),
		cmocka_unit_test(test_timeliness),
		cmocka_unit_test(test_cpp),
		cmocka_unit_test(test_cla),
		cmocka_unit_test(test_leavers_workforce),
		cmocka_unit_test(test_localities_distance),
		cmocka_unit_test(test_locality_filter),
		cmocka_unit_test(test_suppress_sets),
		cmocka_unit_test(test_periods),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
