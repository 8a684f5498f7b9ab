#!/bin/sh
# The forecast's bands carry rate drift by default (--drift history), and
# --drift none gives the bands without it; a backtest over several cut-offs
# reports coverage and error with intervals resting on the cut-offs.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

"$cf" synth --out "$work/la" --children 20000 --years 4 --first-year 2020 --seed 1 --quiet >/dev/null
"$cf" ingest --db "$work/la.db" "$work/la" >/dev/null 2>&1
check "a 4-year synthetic authority loads" [ $? -eq 0 ]

for d in none history; do
	"$cf" forecast --db "$work/la.db" --runs 200 --seed 3 --drift $d --format csv --table forecast >"$work/$d.csv"
done
# width of the total's p5-p95 at a month-end; the mean is the same with or without drift
width() { awk -F, -v d="$2" '$1 == d && $2 == "all" && $3 == "all" { print $9 - $5 }' "$1"; }
mean() { awk -F, -v d="$2" '$1 == d && $2 == "all" && $3 == "all" { print $4 }' "$1"; }
end=$(awk -F, '$2 == "all" && $3 == "all" { d = $1 } END { print d }' "$work/none.csv")
check "the mean does not depend on --drift ($(mean "$work/none.csv" "$end") and $(mean "$work/history.csv" "$end"))" \
	test "$(mean "$work/none.csv" "$end")" = "$(mean "$work/history.csv" "$end")"
wn=$(width "$work/none.csv" "$end") wh=$(width "$work/history.csv" "$end")
# entry rates drifting 22% a year for two years widen the 24-month band by
# far more than the runs' noise: at least a quarter
check "drift widens the 24-month p5-p95 band by a quarter or more ($wn without, $wh with)" \
	awk -v a="$wn" -v b="$wh" 'BEGIN { exit !(b >= 1.25 * a) }'

"$cf" forecast --db "$work/la.db" --runs 20 --format csv --table inputs >"$work/inputs.csv"
kids=$(awk -F, '$1 == "children in care at start" { print $2 }' "$work/inputs.csv")
# docs/forecast.md: councils under 352 in care drift 22.1% (entry) and 2.9% (exit) a year
check "a council of $kids in care gets the small councils' drift" \
	grep -q '^rate drift in the bands,"entry 22.1%, exit 2.9% a year (councils with under 352' "$work/inputs.csv"
"$cf" forecast --db "$work/la.db" --runs 20 --drift none --format csv --table inputs >"$work/inputs0.csv"
check "--drift none says so" grep -q '^rate drift in the bands,none' "$work/inputs0.csv"
"$cf" forecast --db "$work/la.db" --drift sideways >/dev/null 2>"$work/err"; rc=$?
check "--drift sideways exits 2" test "$rc" = 2

# Backtest over three cut-offs: each coverage row rests on 3 of them and
# 36 month-ends, its Wilson interval (n = 3) recomputed here.
"$cf" forecast --db "$work/la.db" --backtest --cutoff 2022-03-31,2022-09-30,2023-03-31 --months 12 --runs 100 \
	--format csv --table coverage >"$work/cov.csv"
check "backtest over three cut-offs exits 0" [ $? -eq 0 ]
check "each row: 3 cut-offs, 36 month-ends" awk -F, 'NR > 1 { n++; if ($5 != 3 || $6 != 36) bad = 1 } END { exit bad || n != 10 }' "$work/cov.csv"
check "Wilson interval with n = 3 around each coverage" awk -F, 'NR > 1 {
	p = $8 / 100; n = 3; z = 1.959963984540054; z2 = z * z
	c = (p + z2 / (2 * n)) / (1 + z2 / n); h = z / (1 + z2 / n) * sqrt(p * (1 - p) / n + z2 / (4 * n * n))
	lo = c - h < 0 ? 0 : c - h; hi = c + h > 1 ? 1 : c + h
	if ((lo * 100 - $9) ^ 2 > 1e-8 || (hi * 100 - $10) ^ 2 > 1e-8 || $9 > $8 || $10 < $8) bad = 1 }
	END { exit bad }' "$work/cov.csv"
check "an interval on the mean error around it" awk -F, 'NR > 1 { if ($12 == "" || $13 == "" || $12 > $11 || $13 < $11) bad = 1 } END { exit bad }' "$work/cov.csv"
"$cf" forecast --db "$work/la.db" --backtest --cutoff 2023-03-31 --months 12 --runs 100 --format csv --table coverage >"$work/cov1.csv"
check "one cut-off: no interval on the error, coverage's from 20.7% at the least" \
	awk -F, 'NR > 1 { if ($5 != 1 || $12 != "" || $13 != "" || $9 > 20.66) bad = 1 } END { exit bad }' "$work/cov1.csv"
"$cf" forecast --db "$work/la.db" --backtest --cutoff 2022-03-31,2022-03-31 >/dev/null 2>"$work/err"; rc=$?
check "a cut-off given twice exits 2" sh -c "test $rc = 2 && grep -q 'given twice' '$work/err'"

# synth --drift history: rates that drift, deterministic for a seed; the
# default (none) is the authority as before, byte for byte
"$cf" synth --out "$work/d1" --children 2000 --years 3 --first-year 2020 --seed 4 --drift history --format csv >"$work/d1.csv"
"$cf" synth --out "$work/d2" --children 2000 --years 3 --first-year 2020 --seed 4 --drift history --quiet
"$cf" synth --out "$work/n1" --children 2000 --years 3 --first-year 2020 --seed 4 --drift none --format csv >"$work/n1.csv"
"$cf" synth --out "$work/n2" --children 2000 --years 3 --first-year 2020 --seed 4 --quiet
check "synth --drift history: the same seed writes the same bytes" diff -r "$work/d1" "$work/d2"
check "synth --drift none is the default" diff -r "$work/n1" "$work/n2"
check "drift changes the authority's returns" sh -c "! diff -r '$work/d1' '$work/n1' >/dev/null"
# the first year is the same (drift starts with the second), later ones not
check "the first year's figures are the same with drift" sh -c "test \"\$(sed -n 2p '$work/d1.csv')\" = \"\$(sed -n 2p '$work/n1.csv')\""
check "the third year's figures differ" sh -c "test \"\$(sed -n 4p '$work/d1.csv')\" != \"\$(sed -n 4p '$work/n1.csv')\""

# --entrants projection: each band's entrants follow its children. The
# synthetic authority's population.csv holds its estimates (2020-2023); a
# projection in the same layout carries 2023 on with the 10- to 15-year-olds
# doubled from mid-2024: 10-16 grows, bands whose population holds do not move.
mkdir -p "$work/proj"
awk -F, -v OFS=, 'NR == 1 { print; next } $1 == 2023 { for (y = 2024; y <= 2027; y++) print y, $2, $3, ($3 >= 10 && $3 <= 15 ? 2 * $4 : $4) }' \
	"$work/la/population.csv" >"$work/proj/population_projection.csv"
cp "$work/la.db" "$work/proj.db"
"$cf" ingest --db "$work/proj.db" "$work/proj" >/dev/null 2>&1
for e in constant projection; do
	"$cf" forecast --db "$work/proj.db" --entrants $e --format csv --table forecast >"$work/e_$e.csv"
done
band() { awk -F, -v b="$2" -v d="$end" '$1 == d && $2 == b && $3 == "all" { print $4 }' "$1"; }
check "projection: 0-1 entrants follow a flat population: as constant ($(band "$work/e_constant.csv" 0-1))" \
	test "$(band "$work/e_constant.csv" 0-1)" = "$(band "$work/e_projection.csv" 0-1)"
c=$(band "$work/e_constant.csv" 10-16) p=$(band "$work/e_projection.csv" 10-16)
check "projection: twice the 10-15s, more 10-16s in care at 24 months ($c constant, $p projection)" \
	awk -v c="$c" -v p="$p" 'BEGIN { exit !(p > 1.1 * c) }'
# The same population as ONS publishes its projection (one row per area, sex
# and age group, a column per year) for area E06000099, with an area it must
# not read (its children held at the first year), females (growing) and males
# beside persons (persons read, not the sum of the three), and rows the
# forecast leaves out (All ages, 18, 90 and over): the forecast is the same.
mkdir -p "$work/ons"
cat "$work/la/population.csv" "$work/proj/population_projection.csv" | awk -F, '
	$2 == "LA" { c[$1, $3] = $4; if ($1 > last) last = $1; if (first == "" || $1 < first) first = $1 }
	END {
		printf "AREA_CODE,AREA_NAME,COMPONENT,SEX,AGE_GROUP"
		for (y = first; y <= last; y++) printf ",%d", y
		print ""
		for (a = 0; a <= 18; a++) for (s = 1; s <= 4; s++) {
			sex = s == 1 ? "persons" : s == 2 ? "females" : s == 3 ? "males" : "persons"
			printf "%s,Somewhere,Population,%s,%d", s == 4 ? "E06000098" : "E06000099", sex, a
			for (y = first; y <= last; y++) printf ",%s", s == 1 ? c[y, a] : s == 2 ? c[y, a] * (y - first + 1) / 4 : s == 3 ? c[y, a] / 2 : c[first, a]
			print ""
		}
		printf "E06000099,Somewhere,Population,persons,All ages"; for (y = first; y <= last; y++) printf ",100000"; print ""
		printf "E06000099,Somewhere,Population,persons,90 and over"; for (y = first; y <= last; y++) printf ",50"; print ""
		printf "E06000099,Somewhere,Births,persons,0"; for (y = first; y <= last; y++) printf ",5000"; print ""
	}' >"$work/ons/2018 SNPP Population persons.csv"
cp "$work/la.db" "$work/ons.db"
"$cf" ingest --db "$work/ons.db" "$work/ons" >"$work/ons.txt" 2>&1
check "ONS's projection CSV is recognised and loaded" grep -q "ons.population_projection" "$work/ons.txt"
"$cf" forecast --db "$work/ons.db" --entrants projection --population-area E06000099 --format csv --table forecast >"$work/e_ons.csv"
check "projection from ONS's CSV for its area: the same forecast as from the population layout" \
	cmp -s "$work/e_projection.csv" "$work/e_ons.csv"
"$cf" forecast --db "$work/ons.db" --entrants projection --population-area E06000098 --format csv --table forecast >"$work/e_ons98.csv"
check "another area's population gives another forecast" sh -c "! cmp -s '$work/e_ons.csv' '$work/e_ons98.csv'"
"$cf" forecast --db "$work/ons.db" --population-area E06000099 >/dev/null 2>&1
check "--population-area without --entrants projection is a usage error" test $? -eq 2
"$cf" synth --out "$work/nopop" --children 300 --years 2 --first-year 2022 --quiet >/dev/null
rm -f "$work/nopop/population.csv"
"$cf" ingest --db "$work/nopop.db" "$work/nopop" >/dev/null 2>&1
"$cf" forecast --db "$work/nopop.db" --entrants projection >/dev/null 2>"$work/err"; rc=$?
check "projection without a population exits 1 and says what to load" sh -c "test $rc = 1 && grep -q 'child population' '$work/err'"
echo "1..$n"
