# caseflow drivers on a synthetic authority, against an independent count
# straight from the store with sqlite3: referrals by source in the period,
# and for each the referrals followed within 12 months by an assessment, a
# section 47 enquiry or a child protection plan for the same child; each
# factor's count of assessments; the toxic trio's parts.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
if ! command -v sqlite3 >/dev/null 2>&1; then
	n=$((n + 1)); echo "ok $n - # SKIP sqlite3 is not installed (tools/install-deps.sh installs it): no independent count"
	echo "1..$n"; exit 0
fi

"$cf" synth --children 8000 --years 3 --first-year 2021 --seed 5 --out "$work/la" --quiet
store_from "$work/la.db" "$work/la" >/dev/null 2>&1
db="$work/la.db"

# labels such as "Individual: family member, relative or carer" are quoted with their commas: drop them
"$cf" drivers --db "$db" --period 2022-23 --table conversion_by_source --format csv 2>"$work/words" | sed 's/"[^"]*"/label/' >"$work/src.csv"
check "one table in the CSV, with a row per source and outcome" sh -c 'head -1 "$0" | grep -q "^period,source,label,outcome,referrals,converted,percent,lower_95,upper_95" && test "$(grep -c ",all,Every source," "$0")" -eq 4' "$work/src.csv"
check "the findings are in words on stderr" grep -q "^2022-23: [0-9]* referrals" "$work/words"

# the independent count: SQL over the store's current records
sqlite3 -csv "$db" "
WITH r AS (SELECT child, referral_date AS d, date(referral_date, '+12 months') AS u,
                  coalesce(nullif(referral_source, ''), 'not recorded') AS src
           FROM cin_referrals_current WHERE referral_date BETWEEN '2022-04-01' AND '2023-03-31')
SELECT src, count(*),
       sum(EXISTS (SELECT 1 FROM assessments_current a WHERE a.child = r.child AND a.start_date BETWEEN r.d AND r.u)),
       sum(EXISTS (SELECT 1 FROM s47_enquiries_current s WHERE s.child = r.child AND s.start_date BETWEEN r.d AND r.u)),
       sum(EXISTS (SELECT 1 FROM cp_plans_current p WHERE p.child = r.child AND p.start_date BETWEEN r.d AND r.u))
FROM r GROUP BY src ORDER BY src" >"$work/sql.csv"
awk -F, 'NR > 1 && $2 != "all" && ($4 == "assessment" || $4 == "s47" || $4 == "cp_plan") {
	k = $2; n[k] = $5; c[k, $4] = $6; keys[k] = 1 }
	END { for (k in keys) print k "," n[k] "," c[k, "assessment"] "," c[k, "s47"] "," c[k, "cp_plan"] }' "$work/src.csv" | sort >"$work/cf.csv"
sort "$work/sql.csv" >"$work/sql.sorted"
check "referrals and conversions by source equal an SQL count over the store" sh -c 'test "$(wc -l <"$0")" -ge 5 && cmp -s "$0" "$1"' "$work/sql.sorted" "$work/cf.csv"
check "each conversion's interval holds its percentage" awk -F, 'NR > 1 && $5 > 0 { if ($8 > $7 + 1e-9 || $9 < $7 - 1e-9 || $7 > 100) bad = 1; seen++ } END { exit bad || !seen }' "$work/src.csv"

"$cf" drivers --db "$db" --period 2022-23 --table assessment_factors --format csv 2>/dev/null | sed 's/"[^"]*"/label/' >"$work/fac.csv"
sqlite3 -separator '|' "$db" "SELECT coalesce(factors, '') FROM assessments_current WHERE start_date BETWEEN '2022-04-01' AND '2023-03-31'" |
	awk -F'|' '{ delete seen; m = split($1, f, /[ ,;]+/); for (i = 1; i <= m; i++) if (f[i] != "" && !(f[i] in seen)) { seen[f[i]] = 1; c[f[i]]++ } ; total++ }
	END { for (k in c) print k "," total "," c[k] }' | sort >"$work/fac.sql"
awk -F, 'NR > 1 { print $2 "," $4 "," $5 }' "$work/fac.csv" | sort >"$work/fac.cf"
check "each factor's count of assessments equals an awk count of the stored factors" sh -c 'test "$(wc -l <"$0")" -ge 10 && cmp -s "$0" "$1"' "$work/fac.sql" "$work/fac.cf"

"$cf" drivers --db "$db" --period 2022-23 --table toxic_trio --format csv >"$work/trio.csv" 2>/dev/null
sqlite3 -separator '|' "$db" "SELECT coalesce(factors, '') FROM assessments_current WHERE start_date BETWEEN '2022-04-01' AND '2023-03-31'" |
	awk '{ da = $0 ~ /(^| )3[ABC]( |$)/; mh = $0 ~ /(^| )4[BC]( |$)/; sm = $0 ~ /(^| )[12][BC]( |$)/
	       if (da && mh && sm) all3++; if (!da && !mh && !sm) none++ }
	END { print all3 + 0, none + 0 }' >"$work/trio.sql"
awk -F, '$2 == "all three" { a = $3 } $2 == "none of the three" { z = $3 } END { print a + 0, z + 0 }' "$work/trio.csv" >"$work/trio.cf"
check "the toxic trio: all three, and none, equal an awk count" cmp -s "$work/trio.sql" "$work/trio.cf"
check "the trio's eight rows add up to every assessment" awk -F, 'NR > 1 { s += $3 } END { exit s != t }' t="$(tail -n +2 "$work/fac.csv" | head -1 | cut -d, -f4)" "$work/trio.csv"

"$cf" drivers --db "$db" --format csv >"$work/e1" 2>&1; rc=$?
check "CSV without --table is refused: one table a file" sh -c '[ "$0" -eq 2 ] && grep -q -- "--table" "$1"' "$rc" "$work/e1"
"$cf" drivers --db "$db" >"$work/default.txt" 2>&1
check "the default period is one whose referrals have 12 months after them" grep -Eq "^20[0-9]{2}-[0-9]{2}: [0-9]+ referrals, of which [0-9]+ have 12 months" "$work/default.txt"
"$cf" drivers --db "$db" --period 2023-24 --table conversion_by_source --format csv >/dev/null 2>"$work/late"
check "referrals too recent to follow for 12 months are left out and said to be" grep -q "the rest are too recent" "$work/late"
echo "1..$n"
