#!/bin/sh
# caseflow calibrate on DfE's published history: the naive forecast's
# errors recomputed independently from the published CSV with awk, the
# councils counted, the bands' coverage in range, and the errors a user meets.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

"$cf" synth --out "$work/la" --children 300 --years 1 --first-year 2022 --quiet >/dev/null
"$cf" ingest --db "$work/nopub.db" "$work/la" >/dev/null 2>&1
"$cf" calibrate --db "$work/nopub.db" >/dev/null 2>"$work/err"; rc=$?
check "a store with no published tables exits 1 (got $rc)" test "$rc" = 1
check "... and says to load DfE's published tables" grep -q "published tables" "$work/err"
"$cf" calibrate --db "$work/nopub.db" --measure clas >/dev/null 2>"$work/err"; rc=$?
check "--measure clas exits 2 with a suggestion" sh -c "test $rc = 2 && grep -q 'cla' '$work/err'"

need_shared "calibrate on DfE's published tables" || exit 0
cla=$shared/data/dfe/cla_number_and_rate_per_10k_children.csv
"$cf" ingest --db "$work/pub.db" "$shared/data/dfe" >/dev/null 2>&1
csv_tables calibrate --db "$work/pub.db" >"$work/cla.csv"; rc=$?   # both tables, a file each
check "calibrate --measure cla exits 0" test "$rc" = 0

# Independently: every council's children looked after at 31 March, year by
# year, from the CSV as published; "last" one year ahead errs by
# |x(y) - x(y+1)| / x(y+1) for each pair of consecutive years.
# (Names such as "Bristol, City of" hold a comma, so the columns after the
# name are counted from the end.)
awk -F, 'NR > 1 && $3 == "Local authority" && $(NF-3) == "Children looked after on 31 March each year" &&
	$(NF-1) ~ /^[0-9]+$/ && $(NF-1) > 0 { x[$8 "," $1] = $(NF-1) }
	END { for (k in x) { split(k, p, ","); n = p[1] "," p[2] + 1
		if (n in x) printf "%.12f\n", (x[k] > x[n] ? x[k] - x[n] : x[n] - x[k]) / x[n] } }' "$cla" |
	sort -g >"$work/ape"
pairs=$(wc -l <"$work/ape")
median=$(awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.6f", 100 * m }' "$work/ape")
mean=$(awk '{ s += $1 } END { printf "%.6f", 100 * s / NR }' "$work/ape")
row=$(grep '^cla,last,1,all,' "$work/cla.csv")
got_n=$(echo "$row" | cut -d, -f6)
got_median=$(echo "$row" | cut -d, -f7)
got_mean=$(echo "$row" | cut -d, -f8)
check "last, 1 year: $got_n forecasts, as many as consecutive published years ($pairs)" test "$got_n" = "$pairs"
check "last, 1 year: median error $got_median% = $median% recomputed" \
	awk -v a="$got_median" -v b="$median" 'BEGIN { exit !(a - b < 1e-4 && b - a < 1e-4) }'
check "last, 1 year: mean error $got_mean% = $mean% recomputed" \
	awk -v a="$got_mean" -v b="$mean" 'BEGIN { exit !(a - b < 1e-4 && b - a < 1e-4) }'
councils=$(awk -F, 'NR > 1 && $3 == "Local authority" && $(NF-3) == "Children starting to be looked after each year" &&
	$(NF-1) ~ /^[0-9]+$/ && $(NF-1) > 0 && $(NF-2) > 0 { s[$8 "," $1] = 1 }
	END { for (k in s) { split(k, p, ","); if ((p[1] "," p[2] + 1) in s) c[p[1]] = 1 }; print length(c) }' "$cla")
got=$(grep '^cla,entry rate (started per child),all,' "$work/cla.csv" | cut -d, -f4)
check "drift: every council with entrants in two consecutive years counted ($got of $councils)" test "$got" = "$councils"
check "learnt 90% bands hold for 85-95% of one-year forecasts of children in care, every method" sh -c \
	"grep ',1,all,' '$work/cla.csv' | awk -F, '{ if (\$10 < 85 || \$10 > 95) bad = 1 } END { exit bad }'"
check "bands of count noise alone hold less often than the learnt ones (stock-flow)" sh -c \
	"grep '^cla,stock-flow,1,all,' '$work/cla.csv' | awk -F, '{ exit !(\$11 < \$10) }'"
for m in cin referrals; do
	"$cf" calibrate --db "$work/pub.db" --measure $m --table calibration --format csv >"$work/$m.csv"; rc=$?
	check "--measure $m exits 0 with horizons 1 to 5" sh -c "test $rc = 0 && grep -q '^$m,last,5,all,' '$work/$m.csv'"
done
check "referrals have no stock-flow forecast" sh -c "! grep -q '^referrals,stock-flow' '$work/referrals.csv'"
"$cf" calibrate --db "$work/pub.db" --table drift --format csv >"$work/drift.csv"
check "--table drift writes the drift table alone" sh -c "head -1 '$work/drift.csv' | grep -q '^measure,rate,council_size'"
echo "1..$n"
