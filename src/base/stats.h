/* Small-sample statistics for honest comparisons: confidence intervals for
 * a proportion (Wilson) and a Poisson count (exact, Garwood), the chi-square
 * and Student t distributions, Holm's adjustment for many comparisons, and
 * ordinary least squares with standard errors. Written from the textbook
 * formulas (each function names its source); no state, no allocation except
 * where a function says so. */
#ifndef CF_BASE_STATS_H
#define CF_BASE_STATS_H

#include <stddef.h>

/* z for a two-sided 95% interval: the normal distribution's 0.975 quantile. */
#define STATS_Z95 1.959963984540054

/* Wilson's score interval for x successes in n trials at normal quantile z
 * (Wilson 1927; Newcombe 1998, method 3). n == 0 gives [0, 1]. */
void stats_wilson(double x, double n, double z, double *lo, double *hi);

/* The exact (Garwood 1936) interval for a Poisson mean given a count x, at
 * two-sided level 1 - alpha: chi2(alpha/2; 2x)/2 to chi2(1 - alpha/2; 2x+2)/2,
 * with 0 as the lower limit when x is 0. */
void stats_poisson_exact(double x, double alpha, double *lo, double *hi);

/* The regularized incomplete gamma function P(a, x) and its complement
 * Q = 1 - P, by the series for x < a + 1 and Legendre's continued fraction
 * otherwise (Abramowitz and Stegun 6.5.29 and 6.5.31). */
double stats_gamma_p(double a, double x);
double stats_gamma_q(double a, double x);

/* The chi-square distribution with df degrees of freedom: the probability of
 * a value of at least x (the p-value of a chi-square test), and the value
 * below which a share p falls. */
double stats_chi2_sf(double x, double df);
double stats_chi2_quantile(double p, double df);

/* The regularized incomplete beta function I_x(a, b), by its continued
 * fraction (Abramowitz and Stegun 26.5.8), evaluated with Lentz's method. */
double stats_beta_i(double a, double b, double x);

/* Student's t with df degrees of freedom: the two-sided p-value of |t|, and
 * the value below which a share p falls. */
double stats_t_two_sided_p(double t, double df);
double stats_t_quantile(double p, double df);

/* Pearson's chi-square test that k groups share one proportion: x[i]
 * successes of n[i]. Groups with n[i] == 0 are left out; *df is the number
 * of groups used less one. Returns the statistic (0 when df is 0). */
double stats_chi2_proportions(const double *x, const double *n, int k, int *df);

/* The same test for k Poisson counts x[i] over exposures e[i] (person-years,
 * populations): expected counts in proportion to exposure. */
double stats_chi2_rates(const double *x, const double *e, int k, int *df);

/* Holm's step-down adjustment of m p-values (Holm 1979): adj[i] for p[i],
 * monotone and at most 1. adj may be p. Returns 0, -1 on out of memory. */
int stats_holm(const double *p, double *adj, int m);

/* Ordinary least squares of y on the k columns of X (n rows, row-major),
 * k <= 8: coefficients b[k], their standard errors se[k] and the residual
 * variance *s2 on n - k degrees of freedom. Returns 0, or -1 when n <= k or
 * X'X is singular. */
int stats_ols(const double *X, const double *y, int n, int k, double *b, double *se, double *s2);

#endif
