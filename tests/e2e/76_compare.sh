# caseflow compare on a synthetic authority: each group's numerator and
# denominator are kpi's own, each Wilson interval is recomputed here with
# awk, Holm never lowers a p-value, the findings are in words, and wrong
# requests get a clear refusal. The statistics themselves are held to
# published values in tests/unit/test_stats.c and test_compare.c.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

"$cf" synth --children 8000 --years 3 --first-year 2021 --seed 5 --out "$work/la" --quiet
store_from "$work/la.db" "$work/la" >/dev/null 2>&1
db="$work/la.db"

"$cf" compare --db "$db" --indicator rereferral_12m --by locality --format csv >"$work/cmp.csv" 2>"$work/cmp.err"
check "compare --by locality writes one CSV table" sh -c 'head -1 "$0" | grep -q "^indicator,period,group_by,group,numerator,denominator,value,lower_95,upper_95" && test "$(grep -c "^indicator," "$0")" -eq 1' "$work/cmp.csv"
check "the findings go to stderr when the output is data" grep -q "Re-referrals within 12 months" "$work/cmp.err"
"$cf" kpi --db "$db" --indicator rereferral_12m --by locality --format csv >"$work/kpi.csv" 2>/dev/null
# kpi: indicator,period,group_by,group,numerator,denominator,...; compare: the same first six
# (kpi also lists a group some other indicator used with nothing in this one, 0 of 0: compare
# leaves out a group with no denominator)
cut -d, -f1-6 "$work/kpi.csv" | grep -v '^indicator' | grep -v ',,$' | grep -v ',0,0$' | sort >"$work/k6"
cut -d, -f1-6 "$work/cmp.csv" | grep -v '^indicator' | grep -v ',,$' | grep -v ',0,0$' | sort >"$work/c6"
check "every group's numerator and denominator are kpi's" sh -c 'test -s "$0" && cmp -s "$0" "$1"' "$work/k6" "$work/c6"
check "the whole authority and at least two localities" test "$(wc -l <"$work/c6")" -ge 3
# Wilson by hand: (p + z²/2n ± z√(p(1-p)/n + z²/4n²)) / (1 + z²/n), in percent
check "each 95% interval is Wilson's, recomputed" awk -F, 'NR > 1 && $6 > 0 {
	z = 1.959963984540054; x = $5; m = $6; p = x / m
	c = p + z * z / (2 * m); h = z * sqrt(p * (1 - p) / m + z * z / (4 * m * m)); s = 1 + z * z / m
	lo = 100 * (c - h) / s; hi = 100 * (c + h) / s
	if (lo < 0) lo = 0
	if ((lo - $8) ^ 2 > 1e-10 || (hi - $9) ^ 2 > 1e-10) bad = 1; seen++ }
	END { exit bad || seen < 3 }' "$work/cmp.csv"
check "Holm's adjusted p is never below the p it adjusts, nor above 1" awk -F, 'NR > 1 && $13 != "" {
	if ($14 + 1e-12 < $13 || $14 > 1) bad = 1; seen++ } END { exit bad || seen < 2 }' "$work/cmp.csv"

"$cf" compare --db "$db" --indicator rereferral_12m --by locality >"$work/cmp.txt" 2>&1
check "on screen the findings follow the table, in words" grep -Eq "^Re-referrals within 12 months, 20[0-9-]+, by locality: (the groups differ|no evidence that the groups differ) across the [0-9]+ groups \(chi-square [0-9.]+ on [0-9]+ df, p [=<] [0-9.]+\)\.$" "$work/cmp.txt"

group=$(awk -F, 'NR == 3 { print $4 }' "$work/cmp.csv")
"$cf" compare --db "$db" --indicator rereferral_12m --by locality --baseline "$group" --format csv >"$work/base.csv" 2>/dev/null
check "with --baseline the baseline's ratio is 1 and it has no p of its own" awk -F, -v g="$group" '$4 == g { found = 1; if ($10 != 1 || $13 != "") bad = 1 } END { exit bad || !found }' "$work/base.csv"
check "with --baseline the other groups' ratios have intervals" awk -F, -v g="$group" 'NR > 2 && $4 != g && $10 != "" { if ($11 == "" || $11 > $10 || $12 < $10) bad = 1; seen++ } END { exit bad || !seen }' "$work/base.csv"

"$cf" compare --db "$db" --indicator rereferral_12m --before 2021-22 --after 2022-23 --format json >"$work/ba.json" 2>/dev/null
check "--before and --after: two rows, the change on the later" sh -c 'grep -c "\"period\"" "$0" | grep -qx 2 && grep -q "\"period\": *\"2022-23\"" "$0" && grep -q "\"change\": *-\{0,1\}[0-9]" "$0"' "$work/ba.json"

"$cf" compare --db "$db" --indicator referral_to_assessment --change-at 2022-04-01 --format csv >"$work/its.csv" 2>/dev/null
check "--change-at: the five terms of the segmented regression" sh -c 'test "$(cut -d, -f2 "$0" | grep -c -E "^(level_at_start|slope_before_per_month|step_at_change|slope_change_per_month|residual_sd)$")" -eq 5' "$work/its.csv"

"$cf" compare --db "$db" --indicator cla_started --by locality >"$work/e1" 2>&1; rc=$?
check "a count is refused (exit 2) with what to use instead" sh -c '[ "$0" -eq 2 ] && grep -q "cla_started is a count" "$1" && grep -q "cla_started_rate_10k" "$1"' "$rc" "$work/e1"
"$cf" compare --db "$db" --indicator rereferral_12m --by locality --baseline Nowhere >"$work/e2" 2>&1; rc=$?
check "an unknown baseline is named with the groups there are (exit 1)" sh -c '[ "$0" -eq 1 ] && grep -q "Nowhere" "$1" && grep -q "$2" "$1"' "$rc" "$work/e2" "$group"
"$cf" compare --db "$db" --indicator rereferral_12m >"$work/e3" 2>&1; rc=$?
check "no comparison named: exit 2, saying the three kinds" sh -c '[ "$0" -eq 2 ] && grep -q -- "--by DIM" "$1" && grep -q -- "--change-at" "$1"' "$rc" "$work/e3"
"$cf" compare --db "$db" --indicator rereferal_12m --by locality >"$work/e4" 2>&1; rc=$?
check "a mistyped indicator: did you mean" sh -c '[ "$0" -eq 2 ] && grep -q "did you mean rereferral_12m" "$1"' "$rc" "$work/e4"
"$cf" compare --db "$db" --indicator rereferral_12m --before 2022-23 >"$work/e5" 2>&1; rc=$?
check "--before without --after is refused" sh -c '[ "$0" -eq 2 ] && grep -q "go together" "$1"' "$rc" "$work/e5"
echo "1..$n"
