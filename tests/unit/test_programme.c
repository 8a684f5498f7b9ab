/* Programme arithmetic pinned to figures worked by hand: the published
 * business case of DOMAIN.md §6 to the pound, a small CBA, the 1,234-case
 * workforce model, trajectories and RAG, milestones; and the reader: the
 * shipped example as CSV and as a workbook made from it, and bad input
 * named by sheet, row and column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "programme/programme_benefits.h"
#include "programme/programme_business_case.h"
#include "programme/programme_cba.h"
#include "programme/programme_common.h"
#include "programme/programme_milestones.h"
#include "programme/programme_workforce.h"
#include "base/csv.h"
#include "formats/programme.h"
#include "model/programme.h"
#include "store/programme.h"
#include "store/store_int.h"   /* the fixtures are SQL */

static char tmpdir[256];

static int setup_dir(void **state)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/cf_prog_XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *example_dir(void)
{
	static char buf[600];
	const char *top = getenv("CASEFLOW_TOP");
	snprintf(buf, sizeof buf, "%s/examples/programme", top ? top : ".");
	return buf;
}

#define M(x) ((prog_money)(x) * PROG_SCALE)

static void *grow(void *arr, int n, size_t size)
{
	void *v = realloc(arr, (size_t)(n + 1) * size);
	assert_non_null(v);
	return v;
}

static void add_cost(struct programme *p, int year, int ongoing, long amount)
{
	p->costs = grow(p->costs, p->ncosts, sizeof *p->costs);
	p->costs[p->ncosts++] = (struct prog_cost){ year, NULL, ongoing, M(amount), NULL, 0 };
}

static void add_saving(struct programme *p, int year, const char *ws, long amount)
{
	p->savings = grow(p->savings, p->nsavings, sizeof *p->savings);
	p->savings[p->nsavings++] = (struct prog_saving){ .year = year, .workstream = ws, .amount = M(amount) };
}

/* --- the published business case -------------------------------------------------- */

/* DOMAIN.md §6, £000s, years 0-5. Gross savings are the running sum of the
 * incremental savings 813, 1,642, 2,195, 1,827, 453 (years 1-5):
 *   gross   0, -813, -2,455, -4,650, -6,477, -6,930        total -21,325
 *   net = one-off + ongoing + gross:
 *     230 + 80 + 0          =    310
 *     1,371 + 455 - 813     =  1,013
 *     214 + 1,017 - 2,455   = -1,224
 *     0 + 1,017 - 4,650     = -3,633
 *     0 + 1,017 - 6,477     = -5,460
 *     0 + 1,017 - 6,930     = -5,913                        total -14,907
 *   cumulative 310, 1,323, 99, -3,534: negative first in year 3 (payback). */
static const long pub_net[6] = { 310, 1013, -1224, -3633, -5460, -5913 };
static const long pub_gross[6] = { 0, -813, -2455, -4650, -6477, -6930 };
static const long pub_cum[6] = { 310, 1323, 99, -3534, -8994, -14907 };

static void check_published(const struct business_case *bc)
{
	assert_int_equal(bc->nyears, 6);
	for (int y = 0; y < 6; y++) {
		assert_true(bc->years[y].net == M(pub_net[y]));
		assert_true(bc->years[y].gross_savings == M(pub_gross[y]));
		assert_true(bc->years[y].cumulative == M(pub_cum[y]));
	}
	assert_true(bc->total.one_off == M(1815));
	assert_true(bc->total.ongoing == M(4603));
	assert_true(bc->total.gross_savings == M(-21325));
	assert_true(bc->total.net == M(-14907));
	assert_int_equal(bc->payback_year, 3);
	/* ROI: 14,907 net saved per 6,418 spent */
	assert_true(fabs(bc->roi - 14907.0 / 6418.0) < 1e-12);
}

static void test_published_business_case(void **state)
{
	struct programme p;
	programme_init(&p);
	static const long one_off[6] = { 230, 1371, 214, 0, 0, 0 };
	static const long ongoing[6] = { 80, 455, 1017, 1017, 1017, 1017 };
	static const long incremental[6] = { 0, 813, 1642, 2195, 1827, 453 };
	for (int y = 0; y < 6; y++) {
		add_cost(&p, y, 0, one_off[y]);
		add_cost(&p, y, 1, ongoing[y]);
		if (incremental[y])
			add_saving(&p, y, "all", incremental[y]);
	}
	struct business_case bc;
	business_case_compute(&p, NULL, &bc);
	check_published(&bc);
	programme_release(&p);
}

static void test_savings_persist_and_negative_lines(void **state)
{
	struct programme p;
	programme_init(&p);
	/* a saving of 100 in year 1 persists; -30 in year 3 gives some back */
	add_cost(&p, 0, 0, 50);
	add_saving(&p, 1, "a", 100);
	add_saving(&p, 3, "a", -30);
	struct business_case bc;
	business_case_compute(&p, NULL, &bc);
	assert_int_equal(bc.nyears, 4);
	assert_true(bc.years[1].gross_savings == M(-100));
	assert_true(bc.years[2].gross_savings == M(-100));
	assert_true(bc.years[3].gross_savings == M(-70));
	assert_true(bc.years[1].cumulative == M(-50));
	assert_int_equal(bc.payback_year, 1);
	programme_release(&p);
}

static void test_money_parse(void **state)
{
	prog_money m;
	assert_int_equal(prog_money_parse("1,013", &m), 0);
	assert_true(m == M(1013));
	assert_int_equal(prog_money_parse(" -813 ", &m), 0);
	assert_true(m == M(-813));
	assert_int_equal(prog_money_parse("\xe2\x88\x92" "1,224", &m), 0);   /* the typeset minus sign */
	assert_true(m == M(-1224));
	assert_int_equal(prog_money_parse("(5,913)", &m), 0);
	assert_true(m == M(-5913));
	assert_int_equal(prog_money_parse("\xc2\xa3" "1,234.56", &m), 0);
	assert_true(m == 12345600);
	assert_int_equal(prog_money_parse("0.00005", &m), 0);   /* half a ten-thousandth rounds up */
	assert_true(m == 1);
	assert_int_equal(prog_money_parse("1.5E3", &m), 0);
	assert_true(m == M(1500));
	assert_int_equal(prog_money_parse("two", &m), -1);
	assert_int_equal(prog_money_parse("", &m), -1);
	assert_int_equal(prog_money_parse("12abc", &m), -1);
	assert_int_equal(prog_money_parse("1,2,,3", &m), -1);
}

/* --- a CBA worked by hand ----------------------------------------------------------- */

/* r = 3.5%: discount factors 1, 1/1.035 = 0.9661835749, 1/1.035^2 = 0.9335107004.
 * Costs with optimism bias:
 *   Council year 0: 100 x (1 + 0.2) = 120
 *   Health  year 1:  50 x (1 + 0.1) =  55          PV = 120 + 55/1.035 = 173.1400966184
 * Outcome A (Council, fiscal, cashable, engaged year 0, no lag, 3 years, drop-off 50%):
 *   100 x 0.5 x 0.4 = 20 affected; x (1 - 0.25) x 0.8 = 12 net outcomes;
 *   x 10 x (1 - 0.1) = 108 in year 0, then 54, 27
 *   PV = 108 + 54/1.035 + 27/1.035^2 = 185.3787019534
 * Outcome B (Health, social, engaged year 0, lag 1, 2 years, no drop-off):
 *   50 x 1 x 0.2 = 10; x (1 - 0) x 0.5 = 5; x 4 x (1 - 0.5) = 10 in years 1 and 2
 *   PV = 10/1.035 + 10/1.035^2 = 18.9969427525
 * financial ROI = 185.3787019534 / 173.1400966184 = 1.0706861413
 * net present budget impact = 185.3787019534 - 173.1400966184 = 12.2386053350
 * public value BCR = (185.3787019534 + 18.9969427525) / 173.1400966184 = 1.1804062069
 * payback: cumulative PV fiscal - costs = -12, -12.9662, +12.2386: year 2
 * by agency: Council ROI 185.3787019534 / 120 = 1.5448225163;
 *            Health BCR 18.9969427525 / (55/1.035) = 0.3574879227 */
static void hand_cba(struct prog_cba *cba)
{
	static struct prog_cba_cost costs[2] = {
		{ "team", "Council", 0, 100, 0.2, 0 },
		{ "psychologist", "Health", 1, 50, 0.1, 0 },
	};
	static struct prog_outcome outcomes[2] = {
		{ "A", "Council", 0, 100, 0.5, 0.4, 0.25, 0.8, 10, PROG_FISCAL, 1, 0.5, 0, 3, 0.1, 0 },
		{ "B", "Health", 0, 50, 1, 0.2, 0, 0.5, 4, PROG_SOCIAL, 0, 0, 1, 2, 0.5, 0 },
	};
	memset(cba, 0, sizeof *cba);
	cba->present = 1;
	cba->discount_rate = 0.035;
	cba->appraisal_years = 3;
	cba->costs = costs;
	cba->ncosts = 2;
	cba->outcomes = outcomes;
	cba->noutcomes = 2;
}

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static void test_cba_by_hand(void **state)
{
	struct prog_cba cba;
	hand_cba(&cba);
	struct cba_result r;
	cba_compute(&cba, NULL, NULL, &r);
	assert_int_equal(r.nyears, 3);
	NEAR(r.costs[0], 120);
	NEAR(r.costs[1], 55);
	NEAR(r.benefit[PROG_FISCAL][0], 108);
	NEAR(r.benefit[PROG_FISCAL][1], 54);
	NEAR(r.benefit[PROG_FISCAL][2], 27);
	NEAR(r.benefit[PROG_SOCIAL][0], 0);
	NEAR(r.benefit[PROG_SOCIAL][1], 10);
	NEAR(r.benefit[PROG_SOCIAL][2], 10);
	NEAR(r.pv_costs, 173.1400966184);
	NEAR(r.pv_benefit[PROG_FISCAL], 185.3787019534);
	NEAR(r.pv_benefit[PROG_SOCIAL], 18.9969427525);
	NEAR(r.financial_roi, 1.0706861413);
	NEAR(r.npbi, 12.2386053350);
	NEAR(r.bcr, 1.1804062069);
	NEAR(r.cashable_share, 1.0);
	assert_int_equal(r.payback_year, 2);

	struct cba_result council, health;
	cba_compute(&cba, NULL, "council", &council);
	cba_compute(&cba, NULL, "Health", &health);
	NEAR(council.financial_roi, 1.5448225163);
	NEAR(health.bcr, 0.3574879227);
	NEAR(council.pv_costs + health.pv_costs, r.pv_costs);

	/* sensitivity: costs x 1.2 -> PV costs 207.7681159421, BCR 204.3756447058 / that */
	double mult[CBA_NASSUMPTIONS];
	for (int i = 0; i < CBA_NASSUMPTIONS; i++)
		mult[i] = 1;
	mult[CBA_COSTS] = 1.2;
	cba_compute(&cba, mult, NULL, &r);
	NEAR(r.bcr, 204.3756447058 / 207.7681159421);
}

static void test_cba_tables_switching_value(void **state)
{
	struct programme p;
	programme_init(&p);
	hand_cba(&p.cba);
	struct cf_table *t[8];
	int n;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(cba_tables(&p, t, &n, &err), CF_OK);
	assert_int_equal(n, 5);
	const struct cf_table *sens = t[4];
	/* costs break even when multiplied by the BCR: 1.1804062069 */
	assert_string_equal(cf_table_cell_const(sens, 0, 0)->v.s, "costs");
	assert_true(fabs(cf_table_cell_const(sens, 0, 6)->v.d - 1.1804062069) < 1e-6);
	/* unit values break even at 1/BCR of... all benefits scale: 1 / 1.1804062069 */
	int uv = -1;
	for (size_t i = 0; i < sens->nrows; i++)
		if (!strcmp(cf_table_cell_const(sens, i, 0)->v.s, "unit_value"))
			uv = (int)i;
	assert_true(uv >= 0);
	assert_true(fabs(cf_table_cell_const(sens, (size_t)uv, 6)->v.d - 1 / 1.1804062069) < 1e-6);
	for (int i = 0; i < n; i++)
		cf_table_free(t[i]);

	/* the analysis the tables are laid out from: agencies as they first
	 * appear, their PVs adding up to the whole, the same switching value */
	struct cba_analysis an;
	assert_int_equal(cba_analyse(&p.cba, &an, &err), CF_OK);
	assert_int_equal(an.nagencies, 2);
	assert_string_equal(an.agencies[0], "Council");
	assert_string_equal(an.agencies[1], "Health");
	NEAR(an.all.pv_costs, 173.1400966184);
	NEAR(an.by_agency[0].pv_costs + an.by_agency[1].pv_costs, an.all.pv_costs);
	NEAR(an.by_agency[1].bcr, 0.3574879227);
	assert_true(fabs(an.sensitivity[CBA_COSTS].switching_value - 1.1804062069) < 1e-6);
	NEAR(an.discount_rate, 0.035);
	cba_analysis_release(&an);
	p.cba.costs = NULL;      /* static arrays: not the programme's to free */
	p.cba.outcomes = NULL;
	programme_release(&p);
}

/* --- workforce ---------------------------------------------------------------------- */

static void test_workforce_1234(void **state)
{
	struct prog_workforce wf = { .present = 1, .caseload_standard = 15, .span = 6, .agency_cap = 0.15 };
	wf.has_cost[PROG_SOCIAL_WORKER][PROG_PERMANENT] = 1;
	wf.cost_per_fte[PROG_SOCIAL_WORKER][PROG_PERMANENT] = 52;
	wf.has_cost[PROG_SOCIAL_WORKER][PROG_AGENCY] = 1;
	wf.cost_per_fte[PROG_SOCIAL_WORKER][PROG_AGENCY] = 78;
	wf.has_cost[PROG_MANAGER][PROG_PERMANENT] = 1;
	wf.cost_per_fte[PROG_MANAGER][PROG_PERMANENT] = 68;
	struct workforce_need n;
	/* 1,234 / 15 = 82.27 -> 83 social workers; 83 / 6 = 13.83 -> 14 managers;
	 * agency at most 15%: floor(12.45) = 12 and floor(2.1) = 2 */
	workforce_need(&wf, 1234, &n);
	assert_int_equal(n.role_fte[PROG_SOCIAL_WORKER], 83);
	assert_int_equal(n.role_fte[PROG_MANAGER], 14);
	assert_int_equal(n.fte[PROG_SOCIAL_WORKER][PROG_AGENCY], 12);
	assert_int_equal(n.fte[PROG_SOCIAL_WORKER][PROG_PERMANENT], 71);
	assert_int_equal(n.fte[PROG_MANAGER][PROG_AGENCY], 2);
	assert_int_equal(n.fte[PROG_MANAGER][PROG_PERMANENT], 12);
	/* 71 x 52 + 12 x 78 + 12 x 68, manager agency not costed */
	NEAR(n.total_cost, 3692 + 936 + 816);
	/* an exact multiple needs no rounding up: 1,230 / 15 = 82, 82 / 6 -> 14 */
	workforce_need(&wf, 1230, &n);
	assert_int_equal(n.role_fte[PROG_SOCIAL_WORKER], 82);
	assert_int_equal(n.role_fte[PROG_MANAGER], 14);
	workforce_need(&wf, 0, &n);
	assert_int_equal(n.role_fte[PROG_SOCIAL_WORKER], 0);
	assert_int_equal(n.role_fte[PROG_MANAGER], 0);
}

static void test_workforce_series_and_gap(void **state)
{
	struct programme p;
	programme_init(&p);
	struct prog_workforce *wf = &p.workforce;
	*wf = (struct prog_workforce){ .present = 1, .caseload_standard = 15, .span = 6, .agency_cap = 0.15 };
	struct prog_demand d[2] = { { cf_date_from_ymd(2025, 4, 30), 1234, 0 }, { cf_date_from_ymd(2025, 5, 31), 1260, 0 } };
	wf->demand = malloc(sizeof d);
	assert_non_null(wf->demand);
	memcpy(wf->demand, d, sizeof d);
	wf->ndemand = 2;
	wf->has_census = 1;
	snprintf(wf->census_date, sizeof wf->census_date, "2024-09-30");
	wf->census[PROG_SOCIAL_WORKER][PROG_PERMANENT] = 70.5;
	struct cf_table *t[4];
	int n;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(workforce_tables(&p, t, &n, &err), CF_OK);
	assert_int_equal(n, 3);
	assert_int_equal(t[0]->nrows, 2);
	assert_string_equal(cf_table_cell_const(t[0], 1, 0)->v.s, "2025-05-31");
	assert_int_equal(cf_table_cell_const(t[0], 1, 5)->v.i, 84);   /* 1,260 / 15 = 84 */
	assert_int_equal(cf_table_cell_const(t[0], 1, 6)->v.i, 14);
	/* gap: 71 permanent social workers needed, 70.5 in post */
	assert_true(fabs(cf_table_cell_const(t[2], 0, 5)->v.d - 0.5) < 1e-9);
	assert_string_equal(cf_table_cell_const(t[2], 0, 6)->v.s, "workforce census 2024-09-30");
	for (int i = 0; i < n; i++)
		cf_table_free(t[i]);

	/* the result the tables are laid out from */
	struct workforce_result r;
	assert_int_equal(workforce_compute(&p, &r, &err), CF_OK);
	assert_int_equal(r.npoints, 2);
	assert_int_equal(r.points[1].date, cf_date_from_ymd(2025, 5, 31));
	assert_int_equal(r.points[1].need.role_fte[PROG_SOCIAL_WORKER], 84);
	assert_false(r.costed);
	assert_true(r.has_establishment);
	NEAR(r.establishment[PROG_SOCIAL_WORKER][PROG_PERMANENT], 70.5);
	assert_string_equal(r.establishment_source, "workforce census 2024-09-30");
	workforce_result_release(&r);
	programme_release(&p);
}

/* The establishment from a workforce census in the store: the latest census
 * date's latest load; in post on that day with FTE > 0; OrgRole 3 first line
 * managers, 4-5 social workers; 1-2 and 6 left out. */
static void test_census_establishment(void **state)
{
	char path[300];
	snprintf(path, sizeof path, "%s/census.db", tmpdir);
	struct store *st;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(store_open(&st, path, 0, &err), CF_OK);
	assert_int_equal(store_exec(st,
		"INSERT INTO returns (id, path, kind, sha256, bytes, rows, loaded_at) VALUES "
		"(1, 'a.xml', 'csww.census', 'a', 1, 1, 'now'), (2, 'b.xml', 'csww.census', 'b', 1, 1, 'now'),"
		"(3, 'c.xml', 'csww.census', 'c', 1, 1, 'now');"
		/* an older census: ignored */
		"INSERT INTO workforce_workers (return_id, row, census_date, role, agency, fte) VALUES "
		"(1, 2, '2023-09-30', '5', 0, 40);"
		/* the latest census loaded twice: only return 3 counts */
		"INSERT INTO workforce_workers (return_id, row, census_date, role, agency, fte) VALUES "
		"(2, 2, '2024-09-30', '5', 0, 99);"
		"INSERT INTO workforce_workers (return_id, row, census_date, role, agency, fte, start_date, end_date) VALUES "
		"(3, 2, '2024-09-30', '5', 0, 1.0, '2020-01-01', NULL),"
		"(3, 3, '2024-09-30', '4', 0, 0.5, NULL, NULL),"
		"(3, 4, '2024-09-30', '5', 1, 1.0, NULL, NULL),"
		"(3, 5, '2024-09-30', '3', 0, 1.0, NULL, NULL),"
		"(3, 6, '2024-09-30', '1', 0, 1.0, NULL, NULL),"             /* senior manager */
		"(3, 7, '2024-09-30', '5', 0, 0.0, NULL, '2024-06-30'),"      /* a leaver */
		"(3, 8, '2024-09-30', '5', 0, 1.0, '2024-10-01', NULL);",     /* starts after the census */
		&err), CF_OK);
	struct programme p;
	programme_init(&p);
	assert_int_equal(programme_load_census(st, &p, &err), CF_OK);
	assert_int_equal(p.workforce.has_census, 1);
	assert_string_equal(p.workforce.census_date, "2024-09-30");
	NEAR(p.workforce.census[PROG_SOCIAL_WORKER][PROG_PERMANENT], 1.5);
	NEAR(p.workforce.census[PROG_SOCIAL_WORKER][PROG_AGENCY], 1.0);
	NEAR(p.workforce.census[PROG_MANAGER][PROG_PERMANENT], 1.0);
	NEAR(p.workforce.census[PROG_MANAGER][PROG_AGENCY], 0);
	programme_release(&p);

	/* and a programme saved, then loaded back, is the one read */
	struct programme a, b;
	programme_init(&a);
	programme_init(&b);
	assert_int_equal(programme_read(example_dir(), &a, &err), CF_OK);
	struct programme_save_report rep;
	assert_int_equal(programme_save(st, &a, example_dir(), NULL, &rep, &err), CF_OK);
	assert_int_equal(rep.replaced, 0);
	assert_int_equal(programme_load(st, NULL, &b, &err), CF_OK);
	assert_string_equal(b.name, a.name);
	assert_int_equal(b.nworkstreams, a.nworkstreams);
	assert_int_equal(b.nactuals, a.nactuals);
	assert_int_equal(b.cba.noutcomes, a.cba.noutcomes);
	assert_int_equal(b.workforce.ndemand, 1);
	assert_int_equal(b.workforce.has_census, 1);
	for (int i = 0; i < a.nbenefits; i++) {
		assert_string_equal(a.benefits[i].id, b.benefits[i].id);
		assert_int_equal(a.benefits[i].shape, b.benefits[i].shape);
		assert_int_equal(a.benefits[i].row, b.benefits[i].row);
	}
	for (int i = 0; i < a.nmilestones; i++)
		assert_int_equal(a.milestones[i].done, b.milestones[i].done);
	struct business_case bc;
	business_case_compute(&b, NULL, &bc);
	check_published(&bc);
	struct cba_result ra, rb;
	cba_compute(&a.cba, NULL, NULL, &ra);
	cba_compute(&b.cba, NULL, NULL, &rb);
	NEAR(ra.npv, rb.npv);
	programme_release(&a);
	programme_release(&b);
	store_close(st);
}

/* --- benefits and milestones --------------------------------------------------------- */

static void test_trajectories_and_rag(void **state)
{
	struct prog_benefit b = { .baseline_date = cf_date_from_ymd(2024, 1, 1), .baseline = 100,
				  .target_date = cf_date_from_ymd(2024, 1, 1) + 200, .target = 25, .tolerance = 0.1 };
	cf_date mid = b.baseline_date + 100;
	b.shape = PROG_LINEAR;
	NEAR(benefit_plan(&b, mid), 62.5);
	NEAR(benefit_plan(&b, b.baseline_date - 5), 100);
	NEAR(benefit_plan(&b, b.target_date + 5), 25);
	b.shape = PROG_GEOMETRIC;   /* halving each 100 days: 100, 50, 25 */
	NEAR(benefit_plan(&b, mid), 50);
	/* falling is better; the amber band is 0.1 x 75 = 7.5 */
	assert_int_equal(benefit_rag(&b, 50, 49), BENEFIT_RAG_GREEN);
	assert_int_equal(benefit_rag(&b, 50, 50), BENEFIT_RAG_GREEN);
	assert_int_equal(benefit_rag(&b, 50, 57.5), BENEFIT_RAG_AMBER);
	assert_int_equal(benefit_rag(&b, 50, 57.6), BENEFIT_RAG_RED);
	/* past the target (25) by the whole change (75) is still green, by more
	 * red: 25 - 75 = -50 */
	assert_int_equal(benefit_rag(&b, 50, -50), BENEFIT_RAG_GREEN);
	assert_int_equal(benefit_rag(&b, 50, -50.1), BENEFIT_RAG_RED);
	b.target = 200;   /* rising is better */
	assert_int_equal(benefit_rag(&b, 150, 140), BENEFIT_RAG_AMBER);
	assert_int_equal(benefit_rag(&b, 150, 160), BENEFIT_RAG_GREEN);
	assert_int_equal(benefit_rag(&b, 150, 300), BENEFIT_RAG_GREEN);   /* 200 + 100 */
	assert_int_equal(benefit_rag(&b, 150, 301), BENEFIT_RAG_RED);
	/* the demo's B1 before it was sized: baseline 684, target 519, plan 684,
	 * actual 69 (variance -615): 450 past the target, change 165 -> red */
	struct prog_benefit b1 = { .baseline_date = b.baseline_date, .baseline = 684, .target_date = b.target_date,
				   .target = 519, .tolerance = 0.1 };
	assert_int_equal(benefit_rag(&b1, 684, 69), BENEFIT_RAG_RED);
}

static void test_milestone_status(void **state)
{
	cf_date as_of = cf_date_from_ymd(2025, 9, 30);
	struct prog_milestone m = { "m", NULL, NULL, cf_date_from_ymd(2025, 9, 1), CF_DATE_NONE, 0 };
	assert_int_equal(milestone_status(&m, as_of), MS_OVERDUE);
	m.done = cf_date_from_ymd(2025, 8, 31);
	assert_int_equal(milestone_status(&m, as_of), MS_DONE);
	m.done = cf_date_from_ymd(2025, 9, 2);
	assert_int_equal(milestone_status(&m, as_of), MS_DONE_LATE);
	m.done = cf_date_from_ymd(2025, 10, 2);   /* done after as_of: not yet, on that day */
	assert_int_equal(milestone_status(&m, as_of), MS_OVERDUE);
	m.done = CF_DATE_NONE;
	m.due = as_of;
	assert_int_equal(milestone_status(&m, as_of), MS_DUE_90);
	m.due = as_of + 90;
	assert_int_equal(milestone_status(&m, as_of), MS_DUE_90);
	m.due = as_of + 91;
	assert_int_equal(milestone_status(&m, as_of), MS_LATER);
}

/* --- the shipped example, as CSVs and as a workbook ------------------------------------ */

static void test_example_csv(void **state)
{
	struct programme p;
	struct cf_error err;
	programme_init(&p);
	cf_error_clear(&err);
	int rc = programme_read(example_dir(), &p, &err);
	if (rc)
		fail_msg("%s:%ld %s %s", err.file, err.line, err.column, err.msg);
	assert_string_equal(p.name, "Strengthening Families");
	assert_int_equal(p.unit, PROG_THOUSANDS);
	assert_int_equal(p.first_year, 2024);
	assert_int_equal(p.nworkstreams, 3);
	struct business_case bc;
	business_case_compute(&p, NULL, &bc);
	check_published(&bc);
	programme_release(&p);
}

/* Write the example's CSVs as one workbook: numbers as numbers, dd/mm/yyyy
 * as real dates, everything else as text. */
static void example_to_xlsx(const char *out)
{
	static const char *const sheets[] = { "programme", "workstreams", "costs", "savings", "benefits",
					      "actuals", "milestones", "cba", "workforce" };
	lxw_workbook *wb = workbook_new(out);
	assert_non_null(wb);
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "dd/mm/yyyy");
	workbook_add_worksheet(wb, "README");   /* a sheet for people: ignored */
	for (size_t s = 0; s < sizeof sheets / sizeof sheets[0]; s++) {
		char path[700];
		snprintf(path, sizeof path, "%s/%s.csv", example_dir(), sheets[s]);
		lxw_worksheet *ws = workbook_add_worksheet(wb, sheets[s]);
		struct csv_reader r;
		struct cf_error err;
		assert_int_equal(csv_reader_open(&r, path, &err), CF_OK);
		lxw_row_t row = 0;
		while (csv_reader_next(&r, &err) == 1) {
			for (int c = 0; c < r.nfields; c++) {
				const char *f = r.fields[c];
				char *end;
				double d = strtod(f, &end);
				cf_date day;
				if (!*f)
					continue;
				if (end != f && !*end && row > 0)
					worksheet_write_number(ws, row, (lxw_col_t)c, d, NULL);
				else if (strchr(f, '/') && cf_date_parse(f, strlen(f), &day) == 0) {
					int y, m, dd;
					cf_date_to_ymd(day, &y, &m, &dd);
					lxw_datetime dt = { y, m, dd, 0, 0, 0 };
					worksheet_write_datetime(ws, row, (lxw_col_t)c, &dt, date);
				} else {
					worksheet_write_string(ws, row, (lxw_col_t)c, f, NULL);
				}
			}
			row++;
		}
		csv_reader_close(&r);
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void test_example_xlsx_matches_csv(void **state)
{
	char path[300];
	snprintf(path, sizeof path, "%s/example.xlsx", tmpdir);
	example_to_xlsx(path);
	struct programme a, b;
	struct cf_error err;
	programme_init(&a);
	programme_init(&b);
	cf_error_clear(&err);
	assert_int_equal(programme_read(example_dir(), &a, &err), CF_OK);
	int rc = programme_read(path, &b, &err);
	if (rc)
		fail_msg("%s:%ld %s %s", err.file, err.line, err.column, err.msg);
	assert_int_equal(b.from_workbook, 1);
	assert_string_equal(a.name, b.name);
	assert_int_equal(a.first_year, b.first_year);
	assert_int_equal(a.ncosts, b.ncosts);
	assert_int_equal(a.nsavings, b.nsavings);
	for (int i = 0; i < a.ncosts; i++) {
		assert_true(a.costs[i].amount == b.costs[i].amount);
		assert_int_equal(a.costs[i].year, b.costs[i].year);
		assert_int_equal(a.costs[i].row, b.costs[i].row);
	}
	assert_int_equal(a.nbenefits, b.nbenefits);
	for (int i = 0; i < a.nbenefits; i++) {
		assert_int_equal(a.benefits[i].baseline_date, b.benefits[i].baseline_date);
		assert_int_equal(a.benefits[i].target_date, b.benefits[i].target_date);
		NEAR(a.benefits[i].target, b.benefits[i].target);
	}
	assert_int_equal(a.nactuals, b.nactuals);
	assert_int_equal(a.nmilestones, b.nmilestones);
	for (int i = 0; i < a.nmilestones; i++)
		assert_int_equal(a.milestones[i].done, b.milestones[i].done);
	assert_int_equal(a.cba.noutcomes, b.cba.noutcomes);
	NEAR(a.cba.discount_rate, 0.035);
	NEAR(b.cba.discount_rate, 0.035);
	NEAR(b.workforce.agency_cap, 0.15);
	struct business_case bc;
	business_case_compute(&b, NULL, &bc);
	check_published(&bc);
	struct cba_result ra, rb;
	cba_compute(&a.cba, NULL, NULL, &ra);
	cba_compute(&b.cba, NULL, NULL, &rb);
	NEAR(ra.bcr, rb.bcr);
	programme_release(&a);
	programme_release(&b);
}

/* --- bad input ------------------------------------------------------------------------- */

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[600];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static const char *case_dir(const char *name)
{
	static char dir[400];
	snprintf(dir, sizeof dir, "%s/%s", tmpdir, name);
	mkdir(dir, 0755);
	write_file(dir, "workstreams.csv", "workstream,name\nsupply,Supply\ndemand,Demand\n");
	return dir;
}

static void expect_bad(const char *path, const char *file_suffix, long row, const char *column, const char *value,
		       const char *sheet)
{
	struct programme p;
	struct cf_error err;
	programme_init(&p);
	cf_error_clear(&err);
	assert_int_equal(programme_read(path, &p, &err), CF_EINPUT);
	size_t n = strlen(err.file), k = strlen(file_suffix);
	if (n < k || strcmp(err.file + n - k, file_suffix))
		fail_msg("error names file '%s', not one ending '%s'", err.file, file_suffix);
	assert_int_equal(err.line, row);
	assert_string_equal(err.column, column);
	assert_string_equal(err.value, value);
	char want[64];
	snprintf(want, sizeof want, "sheet %s:", sheet);
	if (!strstr(err.msg, want))
		fail_msg("message '%s' does not name %s", err.msg, want);
	programme_release(&p);
}

static void test_bad_year(void **state)
{
	const char *dir = case_dir("bad_year");
	write_file(dir, "costs.csv", "year,workstream,kind,amount\n0,,one-off,230\ntwo,supply,ongoing,80\n");
	expect_bad(dir, "/costs.csv", 3, "year", "two", "costs");
	write_file(dir, "costs.csv", "year,workstream,kind,amount\n1.5,,one-off,230\n");
	expect_bad(dir, "/costs.csv", 2, "year", "1.5", "costs");
}

static void test_unknown_workstream(void **state)
{
	const char *dir = case_dir("bad_workstream");
	write_file(dir, "savings.csv", "year,workstream,saving\n1,supply,300\n1,demand,413\n2,Suply,600\n");
	expect_bad(dir, "/savings.csv", 4, "workstream", "Suply", "savings");
}

static void test_rate_out_of_range(void **state)
{
	const char *dir = case_dir("bad_rate");
	write_file(dir, "cba.csv",
		   "record,name,agency,year,value,cohort,engagement,impact,deadweight,attribution,unit_value,value_type\n"
		   "setting,discount_rate,,,0.035,,,,,,,\n"
		   "outcome,Kept at home,Council,1,,120,0.8,0.4,1.5,0.75,55,fiscal\n");
	expect_bad(dir, "/cba.csv", 3, "deadweight", "1.5", "cba");
	write_file(dir, "cba.csv", "record,name,value\nsetting,discount_rate,35\n");
	expect_bad(dir, "/cba.csv", 2, "value", "35", "cba");
	write_file(dir, "cba.csv", "record,name,value\nsetting,discount_rate,3.5%\n");
	struct programme p;
	struct cf_error err;
	programme_init(&p);
	assert_int_equal(programme_read(dir, &p, &err), CF_OK);
	NEAR(p.cba.discount_rate, 0.035);
	programme_release(&p);
}

static void test_bad_header_and_sheet(void **state)
{
	const char *dir = case_dir("bad_header");
	write_file(dir, "costs.csv", "year,workstream,kind,amount,fundng_source\n0,,one-off,230,reserve\n");
	struct programme p;
	struct cf_error err;
	programme_init(&p);
	cf_error_clear(&err);
	assert_int_equal(programme_read(dir, &p, &err), CF_EINPUT);
	assert_string_equal(err.column, "fundng_source");
	assert_int_equal(err.line, 1);
	programme_release(&p);
	write_file(dir, "costs.csv", "year,workstream,amount\n0,,230\n");   /* no kind column */
	programme_init(&p);
	assert_int_equal(programme_read(dir, &p, &err), CF_EINPUT);
	assert_string_equal(err.column, "kind");
	programme_release(&p);
	char costs[600];
	snprintf(costs, sizeof costs, "%s/costs.csv", dir);
	unlink(costs);
	write_file(dir, "saving.csv", "year,workstream,saving\n1,supply,3\n");   /* a misspelt sheet */
	programme_init(&p);
	assert_int_equal(programme_read(dir, &p, &err), CF_EINPUT);
	assert_non_null(strstr(err.file, "saving.csv"));
	assert_non_null(strstr(err.msg, "not a programme sheet"));
	programme_release(&p);
}

static void test_bad_year_in_workbook(void **state)
{
	char path[300];
	snprintf(path, sizeof path, "%s/bad.xlsx", tmpdir);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Workstreams");
	worksheet_write_string(ws, 0, 0, "workstream", NULL);
	worksheet_write_string(ws, 1, 0, "supply", NULL);
	lxw_worksheet *c = workbook_add_worksheet(wb, "costs");
	const char *head[] = { "Year", "Kind", "Amount (\xc2\xa3" "000)" };
	for (int i = 0; i < 3; i++)
		worksheet_write_string(c, 0, (lxw_col_t)i, head[i], NULL);
	worksheet_write_number(c, 1, 0, 0, NULL);
	worksheet_write_string(c, 1, 1, "one-off", NULL);
	worksheet_write_number(c, 1, 2, 230, NULL);
	worksheet_write_string(c, 4, 0, "two", NULL);   /* row 5, after two blank rows */
	worksheet_write_string(c, 4, 1, "ongoing", NULL);
	worksheet_write_number(c, 4, 2, 80, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	expect_bad(path, "/bad.xlsx", 5, "year", "two", "costs");
}

/* --- modelled lines: the forecasts sheet and what names it ------------------------------- */

static void read_ok(const char *path, struct programme *p)
{
	struct cf_error err;
	cf_error_clear(&err);
	programme_init(p);
	int rc = programme_read(path, p, &err);
	if (rc)
		fail_msg("%s:%ld %s '%s' %s", err.file, err.line, err.column, err.value, err.msg);
}

static const char *modelled_dir(const char *name)
{
	const char *dir = case_dir(name);
	write_file(dir, "programme.csv", "setting,value\nunit,thousands\nfirst_year,2024\n");
	write_file(dir, "forecasts.csv", "forecast,scenario,costs,start,months,method,entrants,inflation\n"
					 "edge,edge.txt,unit_costs.csv,31/03/2024,24,exact-age,trend+seasonal,2%\n"
					 "base,,,,,,,\n");
	write_file(dir, "edge.txt", "multiply entry 0.8 age 10-16\n");
	write_file(dir, "unit_costs.csv", "label,place,provider,cost_gbp_week\nall,fostering,any,700\n");
	write_file(dir, "savings.csv", "year,workstream,saving,forecast\n,demand,,edge\n1,supply,(5),\n");
	write_file(dir, "workforce.csv", "item,value,forecast,indicator\ncaseload_standard,15,,\n"
					 "span_of_control,6,,\nagency_cap,0.15,,\ncases,1.5,base,\n");
	return dir;
}

static void test_forecast_lines_read(void **state)
{
	const char *dir = modelled_dir("modelled");
	struct programme p;
	read_ok(dir, &p);
	assert_int_equal(p.nforecasts, 2);
	const struct prog_forecast *f = programme_forecast_find(&p, "EDGE");
	assert_non_null(f);
	char want[600];
	snprintf(want, sizeof want, "%s/edge.txt", dir);
	assert_string_equal(f->scenario, want);   /* found from the folder the sheet is in */
	snprintf(want, sizeof want, "%s/unit_costs.csv", dir);
	assert_string_equal(f->costs, want);
	assert_int_equal(f->start, cf_date_from_ymd(2024, 3, 31));
	assert_int_equal(f->months, 24);
	assert_string_equal(f->method, "exact-age");
	assert_string_equal(f->entrants, "trend+seasonal");
	NEAR(f->inflation, 0.02);
	assert_null(p.forecasts[1].scenario);
	assert_int_equal(p.forecasts[1].months, 0);
	assert_string_equal(p.forecasts[1].method, "markov");
	/* the modelled saving waits for the forecast; the amount is as usual */
	assert_int_equal(p.nsavings, 2);
	assert_int_equal(p.savings[0].pending, 1);
	assert_string_equal(p.savings[0].forecast, "edge");
	assert_string_equal(p.savings[0].workstream, "demand");
	assert_int_equal(p.savings[1].pending, 0);
	assert_null(p.savings[1].forecast);
	assert_true(p.savings[1].amount == M(-5));
	/* the demand is the base forecast's children, 1.5 cases each */
	assert_int_equal(p.workforce.demand_pending, 1);
	assert_string_equal(p.workforce.demand_forecast, "base");
	assert_null(p.workforce.demand_indicator);
	NEAR(p.workforce.cases_per_unit, 1.5);
	assert_int_equal(p.workforce.demand_row, 5);
	assert_int_equal(p.workforce.ndemand, 0);
	struct business_case bc;   /* until the forecast runs, the case has only the amount */
	business_case_compute(&p, NULL, &bc);
	assert_int_equal(bc.nyears, 2);
	assert_true(bc.total.gross_savings == M(5));

	/* nothing pending may be stored: the save names the line */
	char path[300];
	snprintf(path, sizeof path, "%s/pending.db", tmpdir);
	struct store *st;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(store_open(&st, path, 0, &err), CF_OK);
	struct programme_save_report rep;
	assert_int_equal(programme_save(st, &p, dir, NULL, &rep, &err), CF_EINPUT);
	assert_int_equal(err.line, 2);
	assert_string_equal(err.column, "forecast");
	assert_non_null(strstr(err.file, "savings.csv"));
	store_close(st);
	programme_release(&p);
}

static void test_forecast_lines_bad(void **state)
{
	const char *dir = modelled_dir("modelled_bad");
	write_file(dir, "savings.csv", "year,workstream,saving,forecast\n,demand,,egde\n");
	expect_bad(dir, "/savings.csv", 2, "forecast", "egde", "savings");
	write_file(dir, "savings.csv", "year,workstream,saving,forecast\n,demand,,base\n");   /* no scenario */
	expect_bad(dir, "/savings.csv", 2, "forecast", "base", "savings");
	write_file(dir, "savings.csv", "workstream,saving,forecast\ndemand,100,edge\n");
	expect_bad(dir, "/savings.csv", 2, "saving", "100", "savings");
	write_file(dir, "savings.csv", "year,workstream,saving,forecast\n1,demand,,\n");       /* an amount line needs one */
	expect_bad(dir, "/savings.csv", 2, "saving", "", "savings");
	write_file(dir, "savings.csv", "year,workstream,saving,forecast\n1,demand,100,\n");
	write_file(dir, "forecasts.csv", "forecast,scenario,months\nedge,edge.txt,121\n");
	expect_bad(dir, "/forecasts.csv", 2, "months", "121", "forecasts");
	write_file(dir, "forecasts.csv", "forecast,scenario\nedge,nowhere.txt\n");
	expect_bad(dir, "/forecasts.csv", 2, "scenario", "nowhere.txt", "forecasts");
	write_file(dir, "forecasts.csv", "forecast,method\nedge,monte-carlo\n");
	expect_bad(dir, "/forecasts.csv", 2, "method", "monte-carlo", "forecasts");
	write_file(dir, "forecasts.csv", "forecast,ref_start,ref_end\nedge,2024-03-31,2023-04-01\n");
	expect_bad(dir, "/forecasts.csv", 2, "ref_end", "2023-04-01", "forecasts");
	write_file(dir, "forecasts.csv", "forecast,scenario\nedge,edge.txt\nEdge,edge.txt\n");
	expect_bad(dir, "/forecasts.csv", 3, "forecast", "Edge", "forecasts");
	write_file(dir, "forecasts.csv", "forecast,scenario,costs\nedge,edge.txt,unit_costs.csv\nbase,,\n");
	/* the demand: figures or one series */
	write_file(dir, "workforce.csv", "item,value,date,forecast,indicator\ncaseload_standard,15,,,\n"
					 "span_of_control,6,,,\nagency_cap,0.15,,,\ncases,,,base,cla_31mar\n");
	expect_bad(dir, "/workforce.csv", 5, "indicator", "cla_31mar", "workforce");
	write_file(dir, "workforce.csv", "item,value,date,forecast,indicator\ncaseload_standard,15,,,\n"
					 "span_of_control,6,,,\nagency_cap,0.15,,,\ncases,100,,,\ncases,,,base,\n");
	expect_bad(dir, "/workforce.csv", 6, "forecast", "base", "workforce");
	write_file(dir, "workforce.csv", "item,value,date,forecast,indicator\ncaseload_standard,15,,,\n"
					 "span_of_control,6,,,\nagency_cap,0.15,,,\ncases,,31/03/2024,base,\n");
	expect_bad(dir, "/workforce.csv", 5, "date", "31/03/2024", "workforce");
	write_file(dir, "workforce.csv", "item,value,date,forecast,indicator\ncaseload_standard,15,,,\n"
					 "span_of_control,6,,,\nagency_cap,0.15,,,\ncases,0,,base,\n");
	expect_bad(dir, "/workforce.csv", 5, "value", "0", "workforce");
	write_file(dir, "workforce.csv", "item,value,date,forecast,indicator\ncaseload_standard,15,,,\n"
					 "span_of_control,6,,,\nagency_cap,0.15,,,\ncases,,,,cla_31mar\ncases,10,,,\n");
	expect_bad(dir, "/workforce.csv", 6, "item", "cases", "workforce");
	write_file(dir, "workforce.csv", "item,value\ncaseload_standard,15\nspan_of_control,6\nagency_cap,0.15\ncases,10\n");
	/* a CSV that is neither a sheet nor a forecast's unit costs */
	write_file(dir, "other.csv", "a,b\n1,2\n");
	struct programme p;
	struct cf_error err;
	programme_init(&p);
	cf_error_clear(&err);
	assert_int_equal(programme_read(dir, &p, &err), CF_EINPUT);
	if (!strstr(err.file, "other.csv"))
		fail_msg("%s:%ld %s", err.file, err.line, err.msg);
	programme_release(&p);
	/* a forecast line needs first_year to put the forecast's years against the case's */
	char other[600];
	snprintf(other, sizeof other, "%s/other.csv", dir);
	unlink(other);
	write_file(dir, "programme.csv", "setting,value\nunit,thousands\n");
	write_file(dir, "savings.csv", "year,workstream,saving,forecast\n,demand,,edge\n");
	expect_bad(dir, "/savings.csv", 2, "forecast", "edge", "savings");
}

static void test_forecast_paths_in_workbook(void **state)
{
	char path[300];
	snprintf(path, sizeof path, "%s/modelled.xlsx", tmpdir);
	write_file(tmpdir, "edge.txt", "multiply entry 0.8\n");
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "workstreams");
	worksheet_write_string(ws, 0, 0, "workstream", NULL);
	worksheet_write_string(ws, 1, 0, "demand", NULL);
	ws = workbook_add_worksheet(wb, "programme");
	worksheet_write_string(ws, 0, 0, "setting", NULL);
	worksheet_write_string(ws, 0, 1, "value", NULL);
	worksheet_write_string(ws, 1, 0, "first_year", NULL);
	worksheet_write_number(ws, 1, 1, 2024, NULL);
	ws = workbook_add_worksheet(wb, "Savings");
	const char *head[] = { "Year", "Workstream", "Saving (\xc2\xa3)", "Forecast" };
	for (int i = 0; i < 4; i++)
		worksheet_write_string(ws, 0, (lxw_col_t)i, head[i], NULL);
	worksheet_write_string(ws, 1, 1, "demand", NULL);
	worksheet_write_string(ws, 1, 3, "edge", NULL);
	ws = workbook_add_worksheet(wb, "Forecasts");   /* after savings in the workbook: read first all the same */
	worksheet_write_string(ws, 0, 0, "Forecast", NULL);
	worksheet_write_string(ws, 0, 1, "Scenario file", NULL);
	worksheet_write_string(ws, 1, 0, "edge", NULL);
	worksheet_write_string(ws, 1, 1, "edge.txt", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	struct programme p;
	read_ok(path, &p);
	char want[600];
	snprintf(want, sizeof want, "%s/edge.txt", tmpdir);
	assert_int_equal(p.nforecasts, 1);
	assert_string_equal(p.forecasts[0].scenario, want);
	assert_int_equal(p.savings[0].pending, 1);
	programme_release(&p);
}

/* A programme's money is shown with the decimals its amounts need: £000s
 * modelled to the pound need 3. */
static void test_money_decimals(void **state)
{
	struct programme p;
	programme_init(&p);
	add_cost(&p, 0, 0, 230);
	assert_int_equal(programme_money_decimals(&p), 0);
	add_saving(&p, 1, "a", 0);
	p.savings[0].amount = 27375 * (PROG_SCALE / 1000);   /* 27.375 */
	assert_int_equal(programme_money_decimals(&p), 3);
	p.costs[0].amount = -(PROG_SCALE / 2);               /* -0.5 */
	assert_int_equal(programme_money_decimals(&p), 3);
	p.savings[0].amount = 1234;                          /* 0.1234 */
	assert_int_equal(programme_money_decimals(&p), 4);
	programme_release(&p);
}

/* Actuals from the store win over the sheet's in the same month (and, for
 * savings landing, the same year); the sheet fills the rest. */
static void test_computed_actuals(void **state)
{
	struct programme p;
	programme_init(&p);
	p.first_year = 2024;
	static struct prog_benefit b[2];
	b[0] = (struct prog_benefit){ .id = "B1", .name = "in care", .measure = "cla_31mar",
				      .baseline_date = cf_date_from_ymd(2024, 3, 31), .baseline = 10,
				      .target_date = cf_date_from_ymd(2024, 7, 31), .target = 6, .tolerance = 0.25 };
	b[1] = (struct prog_benefit){ .id = "S", .name = "saving", .financial = 1, .measure = "manual",
				      .baseline_date = cf_date_from_ymd(2024, 3, 31), .baseline = 0,
				      .target_date = cf_date_from_ymd(2025, 3, 31), .target = 100, .tolerance = 0.1 };
	p.benefits = malloc(sizeof b);
	memcpy(p.benefits, b, sizeof b);
	p.nbenefits = 2;
	static const struct prog_actual sheet[] = {
		{ "B1", 19844 /* 2024-05-01 */, 99, 2 },
		{ "B1", 19905 /* 2024-07-01 */, 7, 3 },
		{ "S", 20177 /* 2025-03-30 */, 60, 4 },
	};
	p.actuals = malloc(sizeof sheet);
	memcpy(p.actuals, sheet, sizeof sheet);
	p.nactuals = 3;
	assert_int_equal(sheet[0].date, cf_date_from_ymd(2024, 5, 1));
	assert_int_equal(sheet[1].date, cf_date_from_ymd(2024, 7, 1));
	assert_int_equal(sheet[2].date, cf_date_from_ymd(2025, 3, 30));
	const struct prog_actual computed[] = {
		{ "B1", cf_date_from_ymd(2024, 4, 30), 9, 0 },
		{ "B1", cf_date_from_ymd(2024, 5, 31), 8, 0 },
		{ "S", cf_date_from_ymd(2024, 12, 31), 40, 0 },
	};
	add_saving(&p, 0, "a", 50);
	struct cf_table *t[4];
	int n;
	struct cf_error err;
	assert_int_equal(benefits_tables(&p, computed, 3, cf_date_from_ymd(2024, 7, 31), t, &n, &err), CF_OK);
	assert_int_equal(n, 3);
	const struct cf_table *mon = t[1];
	/* rows: B1 2024-03 .. 2024-07, then S */
	assert_string_equal(cf_table_cell_const(mon, 1, 1)->v.s, "2024-04");
	NEAR(cf_table_cell_const(mon, 1, 3)->v.d, 9);
	NEAR(cf_table_cell_const(mon, 2, 3)->v.d, 8);   /* May: the store's 8, not the sheet's 99 */
	assert_int_equal(cf_table_cell_const(mon, 3, 3)->type, CF_CELL_NULL);   /* June: none */
	NEAR(cf_table_cell_const(mon, 4, 3)->v.d, 7);   /* July: the sheet's, the store has none */
	assert_string_equal(cf_table_cell_const(t[0], 0, 16)->v.s, "store (indicator), actuals sheet where the store has none");
	assert_string_equal(cf_table_cell_const(t[0], 1, 16)->v.s, "actuals sheet");
	/* landing in 2024-25: the store's 40 (December) wins over the sheet's 60 */
	NEAR(cf_table_cell_const(t[2], 0, 4)->v.d, 40);
	for (int i = 0; i < n; i++)
		cf_table_free(t[i]);

	/* the typed result the tables are laid out from */
	struct benefits_result res;
	assert_int_equal(benefits_compute(&p, computed, 3, cf_date_from_ymd(2024, 7, 31), &res, &err), CF_OK);
	assert_int_equal(res.nbenefits, 2);
	assert_int_equal(res.nmonths, 5 + 13);   /* B1 2024-03 .. 2024-07, S 2024-03 .. 2025-03 */
	const struct benefit_status *b1 = &res.benefits[0];
	assert_ptr_equal(b1->benefit, &p.benefits[0]);
	/* on 31 Jul 2024: the sheet's 7 of 1 Jul against the target 6, behind by
	 * exactly the tolerance (0.25 x 4): amber */
	assert_true(b1->has_actual);
	assert_int_equal(b1->latest_date, cf_date_from_ymd(2024, 7, 1));
	NEAR(b1->latest_actual, 7);
	NEAR(b1->plan_then, 6);
	NEAR(b1->variance, 1);
	assert_int_equal(b1->rag, BENEFIT_RAG_AMBER);
	assert_false(res.benefits[1].has_actual);   /* S's actuals are after 31 Jul 2024 */
	assert_int_equal(res.months[2].month, 5);
	NEAR(res.months[2].actual, 8);
	assert_false(res.months[3].has_actual);
	assert_true(res.has_landing);
	assert_true(res.nlanding >= 1);
	const struct savings_landing_year *ly = &res.landing[0];
	assert_int_equal(ly->year_end, cf_date_from_ymd(2025, 3, 31));
	assert_true(ly->has_actual);
	NEAR(ly->benefits_actual, 40);
	NEAR(ly->variance, 40 - ly->business_case_savings);
	NEAR(ly->landed_pct, 40 / ly->business_case_savings * 100);
	benefits_result_release(&res);
	programme_release(&p);
}

/* Milestones on a day: each with its status and days, and counted by
 * workstream (matched without case), those with none, and all. */
static void test_milestones_result(void **state)
{
	struct programme p;
	programme_init(&p);
	static struct prog_workstream ws[2] = { { "a", NULL, NULL, 2 }, { "b", NULL, NULL, 3 } };
	p.workstreams = malloc(sizeof ws);
	memcpy(p.workstreams, ws, sizeof ws);
	p.nworkstreams = 2;
	cf_date as_of = cf_date_from_ymd(2025, 9, 30);
	const struct prog_milestone ms[3] = {
		{ "late", "a", "x", as_of - 10, CF_DATE_NONE, 2 },
		{ "none", NULL, NULL, as_of - 40, as_of - 35, 3 },
		{ "soon", "A", NULL, as_of + 30, CF_DATE_NONE, 4 },
	};
	p.milestones = malloc(sizeof ms);
	memcpy(p.milestones, ms, sizeof ms);
	p.nmilestones = 3;
	struct milestones_result r;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(milestones_compute(&p, as_of, &r, &err), CF_OK);
	assert_int_equal(r.nrows, 3);
	assert_int_equal(r.rows[0].status, MS_OVERDUE);
	assert_int_equal(r.rows[0].days_late, 10);
	assert_int_equal(r.rows[1].status, MS_DONE_LATE);
	assert_int_equal(r.rows[1].days_late, 5);
	assert_int_equal(r.rows[2].status, MS_DUE_90);
	assert_int_equal(r.rows[2].days_to_due, 30);
	/* (programme), a; b has none and is left out; then all */
	assert_int_equal(r.nby, 3);
	assert_string_equal(r.by[0].workstream, "(programme)");
	assert_int_equal(r.by[0].milestones, 1);
	assert_int_equal(r.by[0].n[MS_DONE_LATE], 1);
	assert_string_equal(r.by[1].workstream, "a");
	assert_int_equal(r.by[1].milestones, 2);
	assert_int_equal(r.by[1].n[MS_OVERDUE], 1);
	assert_int_equal(r.by[1].n[MS_DUE_90], 1);
	assert_string_equal(r.by[2].workstream, "all");
	assert_int_equal(r.by[2].milestones, 3);
	/* the tables are the result laid out */
	struct cf_table *t[2];
	int n;
	assert_int_equal(milestones_result_tables(&r, t, &n, &err), CF_OK);
	assert_int_equal(n, 2);
	assert_int_equal(t[1]->nrows, 3);
	assert_int_equal(cf_table_cell_const(t[0], 0, 6)->v.i, 10);
	assert_int_equal(cf_table_cell_const(t[0], 0, 7)->type, CF_CELL_NULL);
	assert_int_equal(cf_table_cell_const(t[0], 2, 7)->v.i, 30);
	for (int i = 0; i < n; i++)
		cf_table_free(t[i]);
	milestones_result_release(&r);
	programme_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_published_business_case),
		cmocka_unit_test(test_savings_persist_and_negative_lines),
		cmocka_unit_test(test_money_parse),
		cmocka_unit_test(test_cba_by_hand),
		cmocka_unit_test(test_cba_tables_switching_value),
		cmocka_unit_test(test_workforce_1234),
		cmocka_unit_test(test_workforce_series_and_gap),
		cmocka_unit_test(test_census_establishment),
		cmocka_unit_test(test_trajectories_and_rag),
		cmocka_unit_test(test_milestone_status),
		cmocka_unit_test(test_milestones_result),
		cmocka_unit_test(test_example_csv),
		cmocka_unit_test(test_example_xlsx_matches_csv),
		cmocka_unit_test(test_bad_year),
		cmocka_unit_test(test_unknown_workstream),
		cmocka_unit_test(test_rate_out_of_range),
		cmocka_unit_test(test_bad_header_and_sheet),
		cmocka_unit_test(test_bad_year_in_workbook),
		cmocka_unit_test(test_forecast_lines_read),
		cmocka_unit_test(test_forecast_lines_bad),
		cmocka_unit_test(test_forecast_paths_in_workbook),
		cmocka_unit_test(test_money_decimals),
		cmocka_unit_test(test_computed_actuals),
	};
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
