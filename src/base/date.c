/* Day-number dates, parsing, ages, statutory years and working days. */
#include "base/date.h"

#include <time.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Howard Hinnant's days_from_civil / civil_from_days. */
cf_date cf_date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (cf_date)(era * 146097 + doe - 719468);
}

void cf_date_to_ymd(cf_date z0, int *year, int *month, int *day)
{
	long z = (long)z0 + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp + (mp < 10 ? 3 : -9);
	*year = (int)(y + (m <= 2));
	*month = (int)m;
	*day = (int)d;
}

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int cf_date_days_in_month(int y, int m)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

int cf_date_valid_ymd(int y, int m, int d)
{
	return y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= cf_date_days_in_month(y, m);
}

/* Reads up to maxd digits; returns count read. */
static int digits(const char *s, size_t len, size_t *i, int maxd, int *val)
{
	int n = 0, v = 0;
	while (*i < len && n < maxd && isdigit((unsigned char)s[*i])) {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	*val = v;
	return n;
}

/* Reads a date at s[*i..len): yyyy-mm-dd (or yyyy/mm/dd) or dd/mm/yyyy
 * (1-2 digit day and month; '/', '-' or '.'), leaving *i after it. */
static int date_part(const char *s, size_t len, size_t *i, int *y, int *m, int *d)
{
	int a, b, c;
	int na = digits(s, len, i, 4, &a);
	if (na == 4) {                     /* yyyy-mm-dd */
		if (*i >= len || (s[*i] != '-' && s[*i] != '/'))
			return -1;
		char sep = s[(*i)++];
		if (digits(s, len, i, 2, &b) < 1 || *i >= len || s[(*i)++] != sep)
			return -1;
		if (digits(s, len, i, 2, &c) < 1)
			return -1;
		*y = a, *m = b, *d = c;
	} else if (na == 1 || na == 2) {   /* dd/mm/yyyy */
		if (*i >= len || (s[*i] != '/' && s[*i] != '-' && s[*i] != '.'))
			return -1;
		char sep = s[(*i)++];
		if (digits(s, len, i, 2, &b) < 1 || *i >= len || s[(*i)++] != sep)
			return -1;
		if (digits(s, len, i, 4, &c) != 4)
			return -1;
		*d = a, *m = b, *y = c;
	} else {
		return -1;
	}
	return cf_date_valid_ymd(*y, *m, *d) ? 0 : -1;
}

/* A time of day at s[i..len): hh:mm[:ss[.fff]] then Z or +hh[:mm]/-hh[:mm]
 * or nothing, with hours, minutes and seconds in range. */
static int time_ok(const char *s, size_t len, size_t i)
{
	int hh, mm, ss = 0, zh, zm = 0;
	if (digits(s, len, &i, 2, &hh) < 1 || hh > 23 || i >= len || s[i++] != ':' ||
	    digits(s, len, &i, 2, &mm) != 2 || mm > 59)
		return 0;
	if (i < len && s[i] == ':') {
		i++;
		if (digits(s, len, &i, 2, &ss) != 2 || ss > 60)   /* 60: a leap second */
			return 0;
		if (i < len && s[i] == '.') {
			size_t from = ++i;
			while (i < len && isdigit((unsigned char)s[i]))
				i++;
			if (i == from)
				return 0;
		}
	}
	if (i < len && s[i] == 'Z')
		i++;
	else if (i < len && (s[i] == '+' || s[i] == '-')) {
		i++;
		if (digits(s, len, &i, 2, &zh) != 2 || zh > 14)
			return 0;
		if (i < len && s[i] == ':')
			i++;
		if (i < len && (digits(s, len, &i, 2, &zm) != 2 || zm > 59))
			return 0;
	}
	return i == len;
}

static size_t trim(const char **s, size_t len)
{
	while (len && isspace((unsigned char)**s))
		(*s)++, len--;
	while (len && isspace((unsigned char)(*s)[len - 1]))
		len--;
	return len;
}

int cf_date_parse(const char *s, size_t len, cf_date *out)
{
	/* the store's own spelling, yyyy-mm-dd, read straight: the general
	 * reader below gives the same answer at several times the cost, and
	 * the store reads hundreds of thousands of dates a run */
	if (len == 10 && s[4] == '-' && s[7] == '-') {
		const unsigned char *u = (const unsigned char *)s;
		unsigned y0 = u[0] - 48u, y1 = u[1] - 48u, y2 = u[2] - 48u, y3 = u[3] - 48u;
		unsigned m0 = u[5] - 48u, m1 = u[6] - 48u, d0 = u[8] - 48u, d1 = u[9] - 48u;
		if (y0 <= 9 && y1 <= 9 && y2 <= 9 && y3 <= 9 && m0 <= 9 && m1 <= 9 && d0 <= 9 && d1 <= 9) {
			int y = (int)(y0 * 1000 + y1 * 100 + y2 * 10 + y3), m = (int)(m0 * 10 + m1), d = (int)(d0 * 10 + d1);
			if (!cf_date_valid_ymd(y, m, d))
				return -1;
			*out = cf_date_from_ymd(y, m, d);
			return 0;
		}
	}
	len = trim(&s, len);
	size_t i = 0;
	int y, m, d;
	if (date_part(s, len, &i, &y, &m, &d) || i != len)
		return -1;
	*out = cf_date_from_ymd(y, m, d);
	return 0;
}

int cf_date_parse_datetime(const char *s, size_t len, cf_date *out)
{
	len = trim(&s, len);
	size_t i = 0;
	int y, m, d;
	if (date_part(s, len, &i, &y, &m, &d))
		return -1;
	if (i < len && !((s[i] == 'T' || s[i] == ' ') && time_ok(s, len, i + 1)))
		return -1;
	*out = cf_date_from_ymd(y, m, d);
	return 0;
}

void cf_date_format(cf_date d, char buf[11])
{
	int y, m, dd;
	if (d == CF_DATE_NONE) {
		buf[0] = '\0';
		return;
	}
	cf_date_to_ymd(d, &y, &m, &dd);
	if (y < 0 || y > 9999)
		y = 0;
	/* digits written by hand: every field is in range, so exactly 10 chars */
	buf[0] = (char)('0' + y / 1000), buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10), buf[3] = (char)('0' + y % 10), buf[4] = '-';
	buf[5] = (char)('0' + m / 10), buf[6] = (char)('0' + m % 10), buf[7] = '-';
	buf[8] = (char)('0' + dd / 10), buf[9] = (char)('0' + dd % 10), buf[10] = '\0';
}

int cf_date_weekday(cf_date d)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0) */
	int w = (int)(((long)d + 3) % 7);
	return w < 0 ? w + 7 : w;
}

cf_date cf_date_add_months(cf_date d, int months)
{
	int y, m, dd;
	cf_date_to_ymd(d, &y, &m, &dd);
	int total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	int dim = cf_date_days_in_month(y, m);
	return cf_date_from_ymd(y, m, dd > dim ? dim : dd);
}

cf_date cf_date_add_years(cf_date d, int years) { return cf_date_add_months(d, years * 12); }

int cf_date_age(cf_date dob, cf_date on)
{
	int by, bm, bd, y, m, d;
	cf_date_to_ymd(dob, &by, &bm, &bd);
	cf_date_to_ymd(on, &y, &m, &d);
	int age = y - by;
	if (m < bm || (m == bm && d < bd))
		age--;
	return age;
}

int cf_date_fy(cf_date d)
{
	int y, m, dd;
	cf_date_to_ymd(d, &y, &m, &dd);
	return m >= 4 ? y : y - 1;
}

cf_date cf_date_fy_start(int fy) { return cf_date_from_ymd(fy, 4, 1); }
cf_date cf_date_fy_end(int fy) { return cf_date_from_ymd(fy + 1, 3, 31); }

int cf_date_fy_parse(const char *s, size_t len, int *fy)
{
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (len >= 2 && (s[0] == 'F' || s[0] == 'f') && (s[1] == 'Y' || s[1] == 'y'))
		s += 2, len -= 2;
	if (len != 7 && len != 9)
		return -1;
	for (size_t i = 0; i < len; i++)
		if (i != 4 && !isdigit((unsigned char)s[i]))
			return -1;
	if (s[4] != '-' && s[4] != '/')
		return -1;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int next = len == 7 ? (s[5] - '0') * 10 + (s[6] - '0')
			    : (s[5] - '0') * 1000 + (s[6] - '0') * 100 + (s[7] - '0') * 10 + (s[8] - '0');
	if (next != (len == 7 ? (y + 1) % 100 : y + 1))
		return -1;
	*fy = y;
	return 0;
}

/* --- bank holidays ------------------------------------------------------- */

static cf_date easter_sunday(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = (h + l - 7 * m + 114) % 31 + 1;
	return cf_date_from_ymd(y, month, day);
}

static cf_date first_monday(int y, int m)
{
	cf_date d = cf_date_from_ymd(y, m, 1);
	return d + (7 - cf_date_weekday(d)) % 7;
}

static cf_date last_monday(int y, int m)
{
	cf_date d = cf_date_from_ymd(y, m, cf_date_days_in_month(y, m));
	return d - cf_date_weekday(d);
}

/* Fills out[] with the year's bank holidays; returns how many. */
static int bank_holidays(int y, cf_date out[16])
{
	int n = 0;
	/* New Year's Day, moved to Monday when it falls at a weekend */
	cf_date ny = cf_date_from_ymd(y, 1, 1);
	int w = cf_date_weekday(ny);
	out[n++] = w == 5 ? ny + 2 : w == 6 ? ny + 1 : ny;
	cf_date easter = easter_sunday(y);
	out[n++] = easter - 2;
	out[n++] = easter + 1;
	/* Early May: first Monday, except 1995 and 2020 (VE day anniversaries) */
	if (y == 1995 || y == 2020)
		out[n++] = cf_date_from_ymd(y, 5, 8);
	else
		out[n++] = first_monday(y, 5);
	/* Spring: last Monday of May, moved for the jubilees */
	if (y == 2002) {
		out[n++] = cf_date_from_ymd(2002, 6, 3);
		out[n++] = cf_date_from_ymd(2002, 6, 4);
	} else if (y == 2012) {
		out[n++] = cf_date_from_ymd(2012, 6, 4);
		out[n++] = cf_date_from_ymd(2012, 6, 5);
	} else if (y == 2022) {
		out[n++] = cf_date_from_ymd(2022, 6, 2);
		out[n++] = cf_date_from_ymd(2022, 6, 3);
	} else {
		out[n++] = last_monday(y, 5);
	}
	out[n++] = last_monday(y, 8);
	/* Christmas and Boxing Day with substitute days */
	cf_date xmas = cf_date_from_ymd(y, 12, 25);
	switch (cf_date_weekday(xmas)) {
	case 4: out[n++] = xmas; out[n++] = xmas + 3; break;      /* Fri: Boxing -> Mon 28 */
	case 5: out[n++] = xmas + 2; out[n++] = xmas + 3; break;  /* Sat: Mon 27, Tue 28 */
	case 6: out[n++] = xmas + 1; out[n++] = xmas + 2; break;  /* Sun: Mon 26, Tue 27 */
	default: out[n++] = xmas; out[n++] = xmas + 1; break;
	}
	/* one-off days */
	if (y == 1999)
		out[n++] = cf_date_from_ymd(1999, 12, 31);
	if (y == 2011)
		out[n++] = cf_date_from_ymd(2011, 4, 29);
	if (y == 2022)
		out[n++] = cf_date_from_ymd(2022, 9, 19);
	if (y == 2023)
		out[n++] = cf_date_from_ymd(2023, 5, 8);
	return n;
}

int cf_date_is_bank_holiday(cf_date d)
{
	int y, m, dd;
	cf_date_to_ymd(d, &y, &m, &dd);
	cf_date hol[16];
	int n = bank_holidays(y, hol);
	for (int i = 0; i < n; i++)
		if (hol[i] == d)
			return 1;
	return 0;
}

int cf_date_is_working_day(cf_date d)
{
	return cf_date_weekday(d) < 5 && !cf_date_is_bank_holiday(d);
}

int cf_date_working_days(cf_date from, cf_date to)
{
	if (to < from)
		return -cf_date_working_days(to, from);
	/* whole weeks first, then the remainder day by day, then holidays */
	long span = (long)to - from;
	long weeks = span / 7;
	int count = (int)(weeks * 5);
	for (cf_date d = (cf_date)(from + weeks * 7 + 1); d <= to; d++)
		if (cf_date_weekday(d) < 5)
			count++;
	int y0, y1, m, dd;
	cf_date_to_ymd(from, &y0, &m, &dd);
	cf_date_to_ymd(to, &y1, &m, &dd);
	for (int y = y0; y <= y1; y++) {
		cf_date hol[16];
		int n = bank_holidays(y, hol);
		for (int i = 0; i < n; i++)
			if (hol[i] > from && hol[i] <= to && cf_date_weekday(hol[i]) < 5)
				count--;
	}
	return count;
}

cf_date cf_date_add_working_days(cf_date d, int n)
{
	while (n > 0) {
		d++;
		if (cf_date_is_working_day(d))
			n--;
	}
	return d;
}

cf_date cf_date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return cf_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
