/* Small-sample statistics: intervals, the chi-square and t distributions,
 * Holm's adjustment and least squares (see stats.h for each source). */
#include "base/stats.h"

#include <math.h>
#include <stdlib.h>

#define EPS 1e-15
#define TINY 1e-300
#define MAX_ITER 10000

void stats_wilson(double x, double n, double z, double *lo, double *hi)
{
	if (n <= 0) {
		*lo = 0, *hi = 1;
		return;
	}
	double p = x / n, z2 = z * z;
	double centre = p + z2 / (2 * n);
	double half = z * sqrt(p * (1 - p) / n + z2 / (4 * n * n));
	double scale = 1 + z2 / n;
	*lo = (centre - half) / scale;
	*hi = (centre + half) / scale;
	if (*lo < 0) /* rounding at p = 0 */
		*lo = 0;
	if (*hi > 1)
		*hi = 1;
}

void stats_poisson_exact(double x, double alpha, double *lo, double *hi)
{
	*lo = x > 0 ? stats_chi2_quantile(alpha / 2, 2 * x) / 2 : 0;
	*hi = stats_chi2_quantile(1 - alpha / 2, 2 * x + 2) / 2;
}

/* e^-x x^a / Gamma(a), the factor both expansions share */
static double gamma_front(double a, double x)
{
	return exp(-x + a * log(x) - lgamma(a));
}

static double gamma_p_series(double a, double x)
{
	double term = 1 / a, sum = term;
	for (int n = 1; n < MAX_ITER; n++) {
		term *= x / (a + n);
		sum += term;
		if (fabs(term) < fabs(sum) * EPS)
			break;
	}
	return sum * gamma_front(a, x);
}

/* Q(a, x) = front / (x + 1 - a - 1(1-a)/(x + 3 - a - 2(2-a)/(x + 5 - a - ...))), by Lentz */
static double gamma_q_fraction(double a, double x)
{
	double b = x + 1 - a, c = 1 / TINY, d = 1 / b, h = d;
	for (int i = 1; i < MAX_ITER; i++) {
		double an = -i * (i - a);
		b += 2;
		d = an * d + b;
		if (fabs(d) < TINY)
			d = TINY;
		c = b + an / c;
		if (fabs(c) < TINY)
			c = TINY;
		d = 1 / d;
		double delta = d * c;
		h *= delta;
		if (fabs(delta - 1) < EPS)
			break;
	}
	return h * gamma_front(a, x);
}

double stats_gamma_p(double a, double x)
{
	if (x <= 0)
		return 0;
	return x < a + 1 ? gamma_p_series(a, x) : 1 - gamma_q_fraction(a, x);
}

double stats_gamma_q(double a, double x)
{
	if (x <= 0)
		return 1;
	return x < a + 1 ? 1 - gamma_p_series(a, x) : gamma_q_fraction(a, x);
}

double stats_chi2_sf(double x, double df)
{
	return stats_gamma_q(df / 2, x / 2);
}

/* Bisection: the distribution functions are monotone, and 200 halvings of a
 * bracket reach the limit of a double, so no derivative is needed. */
double stats_chi2_quantile(double p, double df)
{
	if (p <= 0)
		return 0;
	if (p >= 1)
		return INFINITY;
	double lo = 0, hi = df > 1 ? df : 1;
	while (stats_gamma_p(df / 2, hi / 2) < p && hi < 1e12)
		hi *= 2;
	for (int i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
		double mid = (lo + hi) / 2;
		if (stats_gamma_p(df / 2, mid / 2) < p)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

/* 1 + d1/(1 + d2/(1 + ...)) with A&S 26.5.8's d_m, by Lentz's method */
static double beta_fraction(double a, double b, double x)
{
	double f = 1, c = 1, d = 0;
	for (int j = 1; j < MAX_ITER; j++) {
		int m = j / 2;
		double dj = j % 2 ? -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
				  : m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
		d = 1 + dj * d;
		if (fabs(d) < TINY)
			d = TINY;
		c = 1 + dj / c;
		if (fabs(c) < TINY)
			c = TINY;
		d = 1 / d;
		double delta = c * d;
		f *= delta;
		if (fabs(delta - 1) < EPS)
			break;
	}
	return f;
}

double stats_beta_i(double a, double b, double x)
{
	if (x <= 0)
		return 0;
	if (x >= 1)
		return 1;
	/* the fraction converges fast only below the mean; use I_x(a,b) = 1 - I_1-x(b,a) above it */
	if (x > (a + 1) / (a + b + 2))
		return 1 - stats_beta_i(b, a, 1 - x);
	double front = exp(a * log(x) + b * log1p(-x) - (lgamma(a) + lgamma(b) - lgamma(a + b))) / a;
	return front / beta_fraction(a, b, x);
}

double stats_t_two_sided_p(double t, double df)
{
	if (!isfinite(t))
		return 0;
	return stats_beta_i(df / 2, 0.5, df / (df + t * t));
}

double stats_t_quantile(double p, double df)
{
	if (p <= 0)
		return -INFINITY;
	if (p >= 1)
		return INFINITY;
	if (p == 0.5)
		return 0;
	double upper = p > 0.5 ? 1 - p : p;   /* the tail beyond |t| */
	double lo = 0, hi = 1;
	while (stats_t_two_sided_p(hi, df) / 2 > upper && hi < 1e12)
		hi *= 2;
	for (int i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
		double mid = (lo + hi) / 2;
		if (stats_t_two_sided_p(mid, df) / 2 > upper)
			lo = mid;
		else
			hi = mid;
	}
	double t = (lo + hi) / 2;
	return p > 0.5 ? t : -t;
}

double stats_chi2_proportions(const double *x, const double *n, int k, int *df)
{
	double sx = 0, sn = 0;
	int used = 0;
	for (int i = 0; i < k; i++)
		if (n[i] > 0)
			sx += x[i], sn += n[i], used++;
	*df = used > 0 ? used - 1 : 0;
	if (*df == 0 || sx <= 0 || sx >= sn)
		return 0;   /* no variation to test: every group all or nothing alike */
	double p = sx / sn, chi2 = 0;
	for (int i = 0; i < k; i++) {
		if (n[i] <= 0)
			continue;
		double e1 = n[i] * p, e0 = n[i] * (1 - p);
		chi2 += (x[i] - e1) * (x[i] - e1) / e1 + ((n[i] - x[i]) - e0) * ((n[i] - x[i]) - e0) / e0;
	}
	return chi2;
}

double stats_chi2_rates(const double *x, const double *e, int k, int *df)
{
	double sx = 0, se = 0;
	int used = 0;
	for (int i = 0; i < k; i++)
		if (e[i] > 0)
			sx += x[i], se += e[i], used++;
	*df = used > 0 ? used - 1 : 0;
	if (*df == 0 || sx <= 0)
		return 0;
	double chi2 = 0;
	for (int i = 0; i < k; i++) {
		if (e[i] <= 0)
			continue;
		double ex = sx * e[i] / se;
		chi2 += (x[i] - ex) * (x[i] - ex) / ex;
	}
	return chi2;
}

static const double *holm_p;

static int by_p(const void *a, const void *b)
{
	double x = holm_p[*(const int *)a], y = holm_p[*(const int *)b];
	return x < y ? -1 : x > y ? 1 : *(const int *)a - *(const int *)b;
}

int stats_holm(const double *p, double *adj, int m)
{
	if (m <= 0)
		return 0;
	int *order = malloc((size_t)m * sizeof *order);
	double *sorted = malloc((size_t)m * sizeof *sorted);
	if (!order || !sorted) {
		free(order);
		free(sorted);
		return -1;
	}
	for (int i = 0; i < m; i++)
		order[i] = i;
	holm_p = p;
	qsort(order, (size_t)m, sizeof *order, by_p);
	double running = 0;
	for (int r = 0; r < m; r++) {
		double a = (m - r) * p[order[r]];
		if (a > 1)
			a = 1;
		if (a < running)   /* step-down: never smaller than a smaller p's */
			a = running;
		running = a;
		sorted[r] = a;
	}
	for (int r = 0; r < m; r++)
		adj[order[r]] = sorted[r];
	free(order);
	free(sorted);
	return 0;
}

int stats_ols(const double *X, const double *y, int n, int k, double *b, double *se, double *s2)
{
	if (k < 1 || k > 8 || n <= k)
		return -1;
	/* [X'X | I] reduced to [I | (X'X)^-1] by Gauss-Jordan with partial pivoting */
	double a[8][16] = { { 0 } }, xty[8] = { 0 };
	for (int r = 0; r < n; r++)
		for (int i = 0; i < k; i++) {
			xty[i] += X[r * k + i] * y[r];
			for (int j = 0; j < k; j++)
				a[i][j] += X[r * k + i] * X[r * k + j];
		}
	double scale = 0;
	for (int i = 0; i < k; i++) {
		a[i][k + i] = 1;
		if (fabs(a[i][i]) > scale)
			scale = fabs(a[i][i]);
	}
	for (int c = 0; c < k; c++) {
		int piv = c;
		for (int r = c + 1; r < k; r++)
			if (fabs(a[r][c]) > fabs(a[piv][c]))
				piv = r;
		if (fabs(a[piv][c]) <= 1e-12 * scale)
			return -1;
		for (int j = 0; j < 2 * k; j++) {
			double t = a[c][j];
			a[c][j] = a[piv][j];
			a[piv][j] = t;
		}
		double d = a[c][c];
		for (int j = 0; j < 2 * k; j++)
			a[c][j] /= d;
		for (int r = 0; r < k; r++)
			if (r != c && a[r][c] != 0) {
				double f = a[r][c];
				for (int j = 0; j < 2 * k; j++)
					a[r][j] -= f * a[c][j];
			}
	}
	for (int i = 0; i < k; i++) {
		b[i] = 0;
		for (int j = 0; j < k; j++)
			b[i] += a[i][k + j] * xty[j];
	}
	double rss = 0;
	for (int r = 0; r < n; r++) {
		double fit = 0;
		for (int i = 0; i < k; i++)
			fit += X[r * k + i] * b[i];
		rss += (y[r] - fit) * (y[r] - fit);
	}
	*s2 = rss / (n - k);
	for (int i = 0; i < k; i++)
		se[i] = sqrt(*s2 * a[i][k + i]);
	return 0;
}
