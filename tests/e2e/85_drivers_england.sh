# caseflow drivers against England: each factor's share of the LA's
# assessments with a factor recorded beside DfE's share of episodes with a
# factor (Children in need, table C3, as published in ../shared), worked
# again here with awk from the published CSV and the LA's own counts, with
# the z test's p-value recomputed for one factor.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

"$cf" synth --children 3000 --years 3 --first-year 2021 --seed 5 --out "$work/la" --quiet
store_from "$work/la.db" "$work/la" >/dev/null 2>&1
"$cf" drivers --db "$work/la.db" --period 2022-23 >"$work/none.txt" 2>&1
check "without DfE's table of factors the words say what to load" grep -q "No national comparison: DfE's table of factors" "$work/none.txt"
need_shared "drivers against England's factors" || { echo "1..$n"; exit 0; }
c3="$shared/data/dfe/c3_factors_identified_at_end_of_assessment_2018_to_2025.csv"
"$cf" ingest --db "$work/la.db" "$c3" >/dev/null 2>&1
"$cf" drivers --db "$work/la.db" --period 2022-23 >"$work/words.txt" 2>&1
"$cf" drivers --db "$work/la.db" --period 2022-23 --table assessment_factors --format csv 2>/dev/null | sed 's/"[^"]*"/label/' >"$work/fac.csv"

# England, year to 31 March 2023: each column over Episodes_with_assessment_factor, in percent
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["time_period"] == 2023 && $c["geographic_level"] == "National" {
	printf "%.4f %.4f %.4f\n", 100 * $c["Domestic_Abuse_parent"] / $c["Episodes_with_assessment_factor"],
		100 * $c["Mental_Health_parent"] / $c["Episodes_with_assessment_factor"], 100 * $c["Neglect"] / $c["Episodes_with_assessment_factor"] }' "$c3" >"$work/eng.awk"
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { e[$2] = $c["england_percent"] }
	END { printf "%.4f %.4f %.4f\n", e["3B"], e["4B"], e["16A"] }' "$work/fac.csv" >"$work/eng.cf"
check "England's shares of 3B, 4B and 16A are DfE's 2023 columns over episodes with a factor" sh -c 'test "$(cat "$0")" = "$(cat "$1")" && ! grep -q "nan\|0.0000 0.0000" "$0"' "$work/eng.awk" "$work/eng.cf"

recorded=$(sed -n 's/.* \([0-9]*\) recorded factors\..*/\1/p' "$work/words.txt")
# the LA's share of assessments with a factor, and the z test against England's proportion p0:
# z = (x - n p0) / sqrt(n p0 (1 - p0)), two-sided p = erfc(|z| / sqrt 2)
awk -F, -v n="$recorded" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } $2 == "3B" {
	x = $c["with_factor"]; p0 = $c["england_percent"] / 100; z = (x - n * p0) / sqrt(n * p0 * (1 - p0))
	if (z < 0) z = -z
	# erfc by Abramowitz and Stegun 7.1.26 (error under 1.5e-7)
	t = 1 / (1 + 0.3275911 * z / sqrt(2)); y = z / sqrt(2)
	p = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * exp(-y * y)
	d1 = $c["percent_of_recorded"] - 100 * x / n; d2 = $c["p_vs_england"] - p
	exit !(n > 0 && d1 * d1 < 1e-12 && d2 * d2 < 1e-10) }' "$work/fac.csv"
check "3B's share of the $recorded assessments with a factor, and its p-value against England, worked again" test $? -eq 0
check "the words name England's year" grep -q "year to 31 March 2023" "$work/words.txt"
check "21 (no factors) is not compared: it is not one of DfE's columns" awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } $2 == "21" { bad = $c["england_percent"] != "" || $c["percent_of_recorded"] != "" } END { exit bad }' "$work/fac.csv"
echo "1..$n"
