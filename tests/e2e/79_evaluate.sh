# caseflow evaluate on a synthetic authority: the cohort's figures equal an
# SQL count over the store; with nothing planted the effect's interval holds
# 0; with an effect planted in the store (every re-referral of the pilot
# locality's cohort removed) it is found, of the size planted; a cohort
# given as a file of IDs gives what the same cohort given as a condition
# does; wrong requests are refused.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
if ! command -v sqlite3 >/dev/null 2>&1; then
	n=$((n + 1)); echo "ok $n - # SKIP sqlite3 is not installed (tools/install-deps.sh installs it): no independent count"
	echo "1..$n"; exit 0
fi

"$cf" synth --children 8000 --years 3 --first-year 2021 --seed 5 --out "$work/la" --quiet
store_from "$work/la.db" "$work/la" >/dev/null 2>&1
db="$work/la.db"
loc=$(sqlite3 "$db" "SELECT locality FROM child_locality WHERE locality IS NOT NULL GROUP BY locality ORDER BY count(*) DESC LIMIT 1")
ev() { "$cf" evaluate --db "$db" --start 2022-04-01 --outcomes rereferral "$@"; }

ev --cohort-where "locality=$loc" --comparison before --table effects --format csv >"$work/before.csv" 2>"$work/before.words"
check "the effects table: one CSV table, the outcome asked for" sh -c 'head -1 "$0" | grep -q "^outcome,unit,cohort,comparison,cohort_before,comparison_before,effect,lower_95,upper_95,method$" && test "$(wc -l <"$0")" -eq 2' "$work/before.csv"
# the cohort a year before, counted in SQL: children of the locality whose first referral
# from 2021-04-01 to 2022-03-31 was followed by another within 12 months
sqlite3 "$db" "
WITH idx AS (SELECT r.child, min(r.referral_date) AS d FROM cin_referrals_current r JOIN child_locality l ON l.child = r.child
             WHERE l.locality = '$loc' AND r.referral_date >= '2021-04-01' AND r.referral_date < '2022-04-01' GROUP BY r.child)
SELECT printf('%.1f', 100.0 * avg(EXISTS (SELECT 1 FROM cin_referrals_current x WHERE x.child = idx.child
                                          AND x.referral_date > idx.d AND x.referral_date <= date(idx.d, '+12 months'))))
FROM idx" >"$work/sql.before"
awk -F, 'NR == 2 { printf "%.1f\n", $4 }' "$work/before.csv" >"$work/cf.before"
check "the cohort's year before equals an SQL count of re-referrals" sh -c 'test -s "$0" && cmp -s "$0" "$1"' "$work/sql.before" "$work/cf.before"
check "nothing planted: the interval holds 0 and the words say so" sh -c 'awk -F, "NR == 2 { exit !(\$8 < 0 && \$9 > 0) }" "$0" && grep -q "no difference that chance alone could not give" "$1"' "$work/before.csv" "$work/before.words"

ev --cohort-where "locality=$loc" --comparison matched --format csv --table balance >"$work/balance.csv" 2>/dev/null
check "matched: the balance table shows each characteristic equal in both groups" awk -F, 'NR > 1 { if ($2 != $3) bad = 1; seen++ } END { exit bad || seen < 5 }' "$work/balance.csv"

# the same cohort as a file of IDs
sqlite3 "$db" "SELECT child FROM child_locality WHERE locality = '$loc'" >"$work/ids.txt"
ev --cohort "$work/ids.txt" --comparison before --table effects --format csv >"$work/file.csv" 2>/dev/null
check "a cohort file of IDs gives what the condition gives" cmp -s "$work/before.csv" "$work/file.csv"

# plant an effect: remove every re-referral within 12 months of the pilot cohort's referral
cp "$db" "$work/planted.db"
sqlite3 "$work/planted.db" "
WITH idx AS (SELECT r.child, min(r.referral_date) AS d FROM cin_referrals_current r JOIN child_locality l ON l.child = r.child
             WHERE l.locality = '$loc' AND r.referral_date >= '2022-04-01' AND r.referral_date < '2023-04-01' GROUP BY r.child)
DELETE FROM cin_referrals WHERE rowid IN (SELECT x.rowid FROM cin_referrals x JOIN idx ON idx.child = x.child
                                          WHERE x.referral_date > idx.d AND x.referral_date <= date(idx.d, '+12 months'))"
"$cf" evaluate --db "$work/planted.db" --start 2022-04-01 --outcomes rereferral --cohort-where "locality=$loc" --comparison before \
	--table effects --format csv >"$work/planted.csv" 2>"$work/planted.words"
check "planted: the cohort has no re-referrals, and the effect is minus its year before" awk -F, 'NR == 2 { exit !($3 == 0 && ($7 + $4) ^ 2 < 1e-12) }' "$work/planted.csv"
check "planted: the interval lies below 0 and the words say lower" sh -c 'awk -F, "NR == 2 { exit !(\$9 < 0) }" "$0" && grep -q "lower, beyond what chance would give" "$1"' "$work/planted.csv" "$work/planted.words"
"$cf" evaluate --db "$work/planted.db" --start 2022-04-01 --outcomes rereferral --cohort-where "locality=$loc" \
	--table effects --format csv >"$work/planted_matched.csv" 2>/dev/null
check "planted: matched children find it too" awk -F, 'NR == 2 { exit !($9 < 0 && $3 == 0) }' "$work/planted_matched.csv"

"$cf" evaluate --db "$db" --start 2022-04-01 >"$work/e1" 2>&1; rc=$?
check "no cohort: exit 2, naming both ways to give one" sh -c '[ "$0" -eq 2 ] && grep -q -- "--cohort FILE" "$1"' "$rc" "$work/e1"
"$cf" evaluate --db "$db" --start 2022-04-01 --cohort-where "locality=$loc" --comparison locality >"$work/e2" 2>&1; rc=$?
check "--comparison locality without --locality: exit 2" sh -c '[ "$0" -eq 2 ] && grep -q -- "--locality NAME" "$1"' "$rc" "$work/e2"
printf 'id,age\nA,3\n' >"$work/bad.csv"
"$cf" evaluate --db "$db" --start 2022-04-01 --cohort "$work/bad.csv" >"$work/e3" 2>&1; rc=$?
check "a CSV cohort without a child column: exit 1, naming the file" sh -c '[ "$0" -eq 1 ] && grep -q "bad.csv" "$1" && grep -q "child" "$1"' "$rc" "$work/e3"
"$cf" evaluate --db "$db" --start 2024-01-01 --cohort-where "locality=$loc" >"$work/e4" 2>&1; rc=$?
check "a start too recent to follow anyone: exit 1, saying why" sh -c '[ "$0" -eq 1 ] && grep -q "runs past the data" "$1"' "$rc" "$work/e4"
echo "1..$n"
