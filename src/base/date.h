/* Calendar dates as day numbers, the statutory year, and working days.
 *
 * A cf_date is the number of days since 1970-01-01 (negative before), so
 * differences are plain subtraction. CF_DATE_NONE marks a missing date. */
#ifndef CF_BASE_DATE_H
#define CF_BASE_DATE_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t cf_date;
#define CF_DATE_NONE INT32_MIN

cf_date cf_date_from_ymd(int year, int month, int day);  /* no range check */
cf_date cf_date_today(void);                              /* the local calendar day */
void cf_date_to_ymd(cf_date d, int *year, int *month, int *day);
int cf_date_valid_ymd(int year, int month, int day);     /* 1 when a real date */

/* Parse the forms councils send: dd/mm/yyyy (also d/m/yyyy and '-' or '.'
 * separators) or yyyy-mm-dd (also yyyy/mm/dd). The whole of s must be the
 * date: leading/trailing spaces are ignored, anything else is refused.
 * Returns 0 and sets *out, or -1 when s is not a real date in those forms. */
int cf_date_parse(const char *s, size_t len, cf_date *out);

/* The same, also accepting a time of day after the date, as spreadsheets and
 * XML timestamps write it: "T" or one space, then hh:mm[:ss[.fff]] and an
 * optional zone (Z, +01:00); the time must be well formed and is dropped.
 * For values read from files (a date column exported with its time);
 * options and the store's own dates use cf_date_parse. */
int cf_date_parse_datetime(const char *s, size_t len, cf_date *out);

/* Writes "yyyy-mm-dd" (11 bytes with the NUL) into buf. */
void cf_date_format(cf_date d, char buf[11]);

int cf_date_weekday(cf_date d);          /* 0 Monday … 6 Sunday */
int cf_date_days_in_month(int year, int month);
cf_date cf_date_add_months(cf_date d, int months);  /* clamps to month end */
cf_date cf_date_add_years(cf_date d, int years);    /* 29 Feb -> 28 Feb */

/* Whole years of age on `on` for someone born on `dob` (birthday on 29 Feb
 * counts from 1 Mar in non-leap years, as DfE's age calculation does). */
int cf_date_age(cf_date dob, cf_date on);

/* The statutory (financial) year containing d: 2023 for 1 Apr 2023–31 Mar 2024,
 * which DfE publishes as "2023-24" and time_period 2024. */
int cf_date_fy(cf_date d);
cf_date cf_date_fy_start(int fy);        /* 1 April fy */
/* A financial year as councils write it: "2024-25", "2024/25", "2024-2025",
 * "2024/2025", "FY2024-25" (any case). Sets *fy = 2024; returns 0, or -1
 * (a bare "2024" is refused: it could mean either year). */
int cf_date_fy_parse(const char *s, size_t len, int *fy);
cf_date cf_date_fy_end(int fy);          /* 31 March fy+1 */

/* England and Wales bank holidays, from the statutory rules plus one-off
 * days (2002, 2011, 2012, 2020, 2022, 2023), for years 1995–2100. */
int cf_date_is_bank_holiday(cf_date d);
int cf_date_is_working_day(cf_date d);

/* Working days from `from` to `to`: the count of working days d with
 * from < d <= to (so the start day is day 0). Negative when to < from. */
int cf_date_working_days(cf_date from, cf_date to);

/* The date n working days after d (n >= 0). */
cf_date cf_date_add_working_days(cf_date d, int n);

#endif
