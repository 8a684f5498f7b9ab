/* Reporting periods: financial years, quarters, months, rolling 12 months;
 * and the breakdowns indicators can be split by. */
#include "indicators/kpi.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const kpi_dim_names[KPI_NDIMS] = { "all", "locality", "age_band", "sex", "ethnicity", "category_of_need",
					       "source", "factor", "disability", "deprivation" };

int kpi_dim_parse(const char *s, enum kpi_dim *out)
{
	for (int i = 0; i < KPI_NDIMS; i++)
		if (strcmp(s, kpi_dim_names[i]) == 0) {
			*out = (enum kpi_dim)i;
			return 0;
		}
	if (strcmp(s, "age") == 0 || strcmp(s, "cin") == 0 || strcmp(s, "need") == 0) {
		*out = s[0] == 'a' ? KPI_BY_AGE_BAND : KPI_BY_NEED;
		return 0;
	}
	return -1;
}

void kpi_period_year(int fy, struct kpi_period *out)
{
	out->kind = KPI_YEAR;
	out->from = cf_date_fy_start(fy);
	out->to = cf_date_fy_end(fy);
	snprintf(out->label, sizeof out->label, "%04d-%02d", fy, (fy + 1) % 100);
}

void kpi_period_quarter(int fy, int q, struct kpi_period *out)
{
	out->kind = KPI_QUARTER;
	out->from = cf_date_add_months(cf_date_fy_start(fy), 3 * (q - 1));
	out->to = cf_date_add_months(cf_date_fy_start(fy), 3 * q) - 1;
	snprintf(out->label, sizeof out->label, "%04d-%02dQ%d", fy, (fy + 1) % 100, q);
}

void kpi_period_month(int year, int month, struct kpi_period *out)
{
	out->kind = KPI_MONTH;
	out->from = cf_date_from_ymd(year, month, 1);
	out->to = cf_date_from_ymd(year, month, cf_date_days_in_month(year, month));
	snprintf(out->label, sizeof out->label, "%04d-%02d", year, month);
}

void kpi_period_rolling(cf_date to, struct kpi_period *out)
{
	out->kind = KPI_ROLLING;
	out->to = to;
	out->from = cf_date_add_months(to, -12) + 1;
	/* the 12 months to the last day of a month start on the 1st */
	int y, m, d;
	cf_date_to_ymd(to, &y, &m, &d);
	if (d == cf_date_days_in_month(y, m))
		out->from = cf_date_add_months(cf_date_from_ymd(y, m, 1), -11);
	char iso[11];
	cf_date_format(to, iso);
	snprintf(out->label, sizeof out->label, "r12:%s", iso);
}

void kpi_period_previous_year(const struct kpi_period *p, struct kpi_period *out)
{
	int y, m, d;
	cf_date_to_ymd(p->from, &y, &m, &d);
	switch (p->kind) {
	case KPI_YEAR: kpi_period_year(cf_date_fy(p->from) - 1, out); break;
	case KPI_QUARTER: {
		int fy = cf_date_fy(p->from);
		int q = (m >= 4 ? m - 4 : m + 8) / 3 + 1;
		kpi_period_quarter(fy - 1, q, out);
		break;
	}
	case KPI_MONTH: kpi_period_month(y - 1, m, out); break;
	case KPI_ROLLING: kpi_period_rolling(cf_date_add_years(p->to, -1), out); break;
	}
}

static int read_int(const char **s, int ndigits, int *out)
{
	int v = 0;
	for (int i = 0; i < ndigits; i++) {
		if (!isdigit((unsigned char)(*s)[i]))
			return -1;
		v = v * 10 + ((*s)[i] - '0');
	}
	*s += ndigits;
	*out = v;
	return 0;
}

int kpi_period_parse(const char *s, struct kpi_period *out)
{
	if (strncmp(s, "r12:", 4) == 0) {
		cf_date to;
		if (cf_date_parse(s + 4, strlen(s + 4), &to) != 0)
			return -1;
		kpi_period_rolling(to, out);
		return 0;
	}
	const char *p = s;
	int y, y2;
	if (read_int(&p, 4, &y) || (*p != '-' && *p != '/') || y < 1990 || y > 2100)
		return -1;
	p++;
	if (read_int(&p, 2, &y2))
		return -1;
	/* 2023-24 is a financial year; 2023-12 a month (a month number that is
	 * also the next year's two digits, e.g. 2011-12, reads as the year) */
	if (y2 != (y + 1) % 100) {
		if (*p == 0 && y2 >= 1 && y2 <= 12) {
			kpi_period_month(y, y2, out);
			return 0;
		}
		return -1;
	}
	if (*p == 0) {
		kpi_period_year(y, out);
		return 0;
	}
	if ((p[0] == 'Q' || p[0] == 'q') && p[1] >= '1' && p[1] <= '4' && p[2] == 0) {
		kpi_period_quarter(y, p[1] - '0', out);
		return 0;
	}
	return -1;
}

cf_date kpi_data_end(const struct kpi_data *d)
{
	cf_date end = d->data_end;
	if (d->last_year > 0 && (end == CF_DATE_NONE || cf_date_fy_end(d->last_year - 1) > end))
		end = cf_date_fy_end(d->last_year - 1);
	return end;
}

/* "the returns loaded end on 2024-03-31 (collection years ...)" */
static void data_end_text(const struct kpi_data *d, cf_date end, char *buf, size_t size)
{
	char when[11], years[48] = "";
	cf_date_format(end, when);
	if (d->first_year > 0 && d->last_year > 0)
		snprintf(years, sizeof years, " (collection years %d-%02d to %d-%02d)",
			 d->first_year - 1, d->first_year % 100, d->last_year - 1, d->last_year % 100);
	snprintf(buf, size, "the returns loaded end on %s%s", when, years);
}

int kpi_period_check(const struct kpi_data *d, const struct kpi_period *p, struct cf_error *err)
{
	cf_date end = kpi_data_end(d);
	if (end == CF_DATE_NONE || p->from <= end)
		return CF_OK;
	char why[120];
	data_end_text(d, end, why, sizeof why);
	return cf_error_at(err, CF_EINPUT, NULL, 0, "--period", p->label,
			   "starts after the data: %s; choose an earlier period or load later returns", why);
}

int kpi_date_check(const struct kpi_data *d, const char *option, cf_date on, struct cf_error *err)
{
	cf_date end = kpi_data_end(d);
	if (end == CF_DATE_NONE || on <= end)
		return CF_OK;
	char why[120], day[11];
	data_end_text(d, end, why, sizeof why);
	cf_date_format(on, day);
	return cf_error_at(err, CF_EINPUT, NULL, 0, option, day,
			   "is after the data: %s; choose a day inside the data or load later returns", why);
}

int kpi_periods_parse(const char *spec, const struct kpi_data *d, struct kpi_period **out, int *n, struct cf_error *err)
{
	*out = NULL;
	*n = 0;
	if (!spec) {
		if (!(*out = malloc(sizeof **out)))
			return cf_error_set(err, CF_EIO, "out of memory");
		kpi_default_period(d, *out);
		*n = 1;
		return CF_OK;
	}
	if (strcmp(spec, "all") == 0)
		return kpi_all_periods(d, out, n, err);
	int cap = 1;
	for (const char *p = spec; *p; p++)
		cap += *p == ',';
	if (!(*out = malloc((size_t)cap * sizeof **out)))
		return cf_error_set(err, CF_EIO, "out of memory");
	char buf[64];
	for (const char *p = spec; *p;) {
		size_t len = strcspn(p, ",");
		snprintf(buf, sizeof buf, "%.*s", (int)(len < sizeof buf ? len : sizeof buf - 1), p);
		if (len >= sizeof buf || kpi_period_parse(buf, &(*out)[*n]) != 0) {
			free(*out);
			*out = NULL;
			return cf_error_at(err, CF_EUSAGE, NULL, 0, "--period", buf,
					   "not a period: use 2023-24, 2023-24Q1, 2024-03, r12:2024-03-31 or all");
		}
		(*n)++;
		p += len;
		if (*p == ',')
			p++;
	}
	return CF_OK;
}
