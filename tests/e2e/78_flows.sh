# caseflow flows on a synthetic authority, against an independent count
# straight from the store with sqlite3: step-up (a referral while early help
# is open or within 28 days of its end), step-down (early help starting
# within 28 days either side of a CIN closure) and repeat early help within
# 12 months, by financial year; the by-month table adds up to the years.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
if ! command -v sqlite3 >/dev/null 2>&1; then
	n=$((n + 1)); echo "ok $n - # SKIP sqlite3 is not installed (tools/install-deps.sh installs it): no independent count"
	echo "1..$n"; exit 0
fi

"$cf" synth --children 8000 --years 3 --first-year 2021 --seed 5 --out "$work/la" --quiet
store_from "$work/la.db" "$work/la" >/dev/null 2>&1
db="$work/la.db"

"$cf" flows --db "$db" --table by_year --format csv >"$work/year.csv" 2>"$work/err"
check "flows by year: one CSV table, six flows a year" sh -c 'head -1 "$0" | grep -q "^year,flow,children,of,base,percent,lower_95,upper_95$" && test "$(grep -c ",early_help_to_social_care," "$0")" -ge 3' "$work/year.csv"

fy='CAST(strftime(%Y, X) AS INTEGER) - (CAST(strftime(%m, X) AS INTEGER) < 4)'
fyof() { echo "$fy" | sed -e "s/X/$1/g" -e "s/%Y/'%Y'/; s/%m/'%m'/"; }
sqlite3 -csv "$db" "
SELECT $(fyof r.referral_date) AS y, 'early_help_to_social_care', count(*),
       sum(EXISTS (SELECT 1 FROM early_help_current e WHERE e.child = r.child AND e.start_date <= r.referral_date
                   AND (e.end_date IS NULL OR e.end_date >= date(r.referral_date, '-28 days'))))
FROM cin_referrals_current r GROUP BY y
UNION ALL
SELECT $(fyof r.closure_date) AS y, 'social_care_to_early_help', count(*),
       sum(EXISTS (SELECT 1 FROM early_help_current e WHERE e.child = r.child
                   AND e.start_date BETWEEN date(r.closure_date, '-28 days') AND date(r.closure_date, '+28 days')))
FROM cin_referrals_current r WHERE r.closure_date IS NOT NULL GROUP BY y
UNION ALL
SELECT $(fyof e.start_date) AS y, 'repeat_early_help_12m', count(*),
       sum(EXISTS (SELECT 1 FROM early_help_current p WHERE p.child = e.child AND p.start_date < e.start_date
                   AND p.end_date BETWEEN (CASE WHEN strftime('%m-%d', e.start_date) = '02-29'
                                                THEN date(e.start_date, '-1 day', '-12 months')
                                                ELSE date(e.start_date, '-12 months') END) AND e.start_date))
FROM early_help_current e WHERE e.child IS NOT NULL GROUP BY y" |
	awk -F, '{ printf "%d-%02d,%s,%d,%d\n", $1, ($1 + 1) % 100, $2, $4, $3 }' | sort >"$work/sql.csv"
awk -F, 'NR > 1 && ($2 == "early_help_to_social_care" || $2 == "social_care_to_early_help" || $2 == "repeat_early_help_12m") && $5 > 0 { print $1 "," $2 "," $3 "," $5 }' "$work/year.csv" | sort >"$work/cf.csv"
# the SQL counts every year the store touches; caseflow the years of the default span
awk -F, '{ print $1 ":" $2 "," $3 "," $4 }' "$work/cf.csv" | sort >"$work/cf.keyed"
awk -F, '{ print $1 ":" $2 "," $3 "," $4 }' "$work/sql.csv" | sort >"$work/sql.keyed"
join -t, -j1 "$work/cf.keyed" "$work/sql.keyed" >"$work/joined"
check "step-up, step-down and repeat early help by year equal an SQL count over the store" sh -c 'test "$(wc -l <"$0")" -ge 9 && awk -F, "{ if (\$2 != \$4 || \$3 != \$5) bad = 1 } END { exit bad }" "$0" && test "$(wc -l <"$0")" -eq "$(wc -l <"$1")"' "$work/joined" "$work/cf.csv"
check "each share's interval holds it" awk -F, 'NR > 1 && $5 > 0 { if ($7 > $6 + 1e-9 || $8 < $6 - 1e-9) bad = 1; seen++ } END { exit bad || !seen }' "$work/year.csv"

"$cf" flows --db "$db" --table by_month --format csv >"$work/month.csv" 2>/dev/null
awk -F, 'NR > 1 { split($1, d, "-"); y = d[2] < 4 ? d[1] - 1 : d[1]; k = sprintf("%d-%02d,%s", y, (y + 1) % 100, $2); c[k] += $3; b[k] += $4 }
	END { for (k in c) print k "," c[k] "," b[k] }' "$work/month.csv" | sort >"$work/m2y"
awk -F, 'NR > 1 { print $1 "," $2 "," $3 "," $5 }' "$work/year.csv" | sort >"$work/y"
check "the months add up to the years" cmp -s "$work/m2y" "$work/y"

"$cf" flows --db "$db" --within 0 --table by_year --format csv >"$work/w0.csv" 2>/dev/null
check "a narrower --within never finds more moves" sh -c 'paste -d, "$0" "$1" | awk -F, "NR > 1 { if (\$3 > \$11) bad = 1 } END { exit bad }"' "$work/w0.csv" "$work/year.csv"
"$cf" flows --db "$db" --format csv >"$work/e1" 2>&1; rc=$?
check "CSV without --table is refused: one table a file" sh -c '[ "$0" -eq 2 ] && grep -q -- "--table" "$1"' "$rc" "$work/e1"
echo "1..$n"
