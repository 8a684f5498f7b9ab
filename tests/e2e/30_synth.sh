# caseflow synth: deterministic per seed, loads with nothing rejected, and
# holds figures in England's range.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

gen() { "$cf" synth --children 4000 --years 3 --first-year 2021 --seed "$1" --out "$2" --format csv >"$2.stats" 2>"$2.err"; }

gen 11 "$work/a"; check "synth exits 0" test $? -eq 0
gen 11 "$work/b"
check "the same seed gives the same bytes" diff -r "$work/a" "$work/b"
check "the same seed prints the same figures" cmp -s "$work/a.stats" "$work/b.stats"
gen 12 "$work/c"
check "another seed gives other data" sh -c '! cmp -s "$0/2023-24/ssda903/episodes.csv" "$1/2023-24/ssda903/episodes.csv"' "$work/a" "$work/c"
check "one folder per collection year" test -d "$work/a/2021-22/ssda903" -a -d "$work/a/2022-23/ssda903" -a -d "$work/a/2023-24/ssda903"
check "all 11 SSDA903 tables each year" test "$(ls "$work/a/2023-24/ssda903/"*.csv | wc -l)" -eq 11
check "episodes have the DfE header" sh -c 'head -1 "$0" | grep -qx "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"' "$work/a/2023-24/ssda903/episodes.csv"
check "dates are dd/mm/yyyy" sh -c 'sed -n 2p "$0" | cut -d, -f2 | grep -Eqx "[0-3][0-9]/[01][0-9]/20[0-9][0-9]"' "$work/a/2023-24/ssda903/episodes.csv"
check "every episode's child has a header row" sh -c 'cut -d, -f1 "$0/episodes.csv" | sort -u >"$0.e"; cut -d, -f1 "$0/header.csv" | sort -u >"$0.h"; test -z "$(comm -23 "$0.e" "$0.h")"' "$work/a/2023-24/ssda903"
check "home postcodes are well formed, in the authority's area XS" \
	awk -F, 'NR > 1 && $11 != "" && $11 !~ /^XS[0-9]+ [0-9][A-Z][A-Z]$/ { bad = 1 } END { exit bad }' "$work/a/2023-24/ssda903/episodes.csv"

"$cf" ingest --db "$work/s.db" "$work/a" >"$work/ingest.out" 2>&1
check "the synthetic returns ingest with exit 0" test $? -eq 0
check "no return rejected and no issues" grep -q "0 issues recorded, 0 return(s) rejected" "$work/ingest.out"
"$cf" summary --db "$work/s.db" --format csv >"$work/sum.csv"
# CLA on 31 March per 10,000 of 4,000 children: England is about 70
check "children looked after each 31 March between 40 and 110 per 10,000" \
	awk -F, '$2=="cla" && $3=="all" && $4=="all" { n++; if ($5 < 16 || $5 > 44) bad=1 } END { exit !(n == 3 && !bad) }' "$work/sum.csv"
check "starters each year between 5 and 25" \
	awk -F, '$2=="started" && $3=="all" && $4=="all" { n++; if ($5 < 5 || $5 > 25) bad=1 } END { exit !(n == 3 && !bad) }' "$work/sum.csv"
check "summary agrees with synth's own count of CLA" sh -c '
	a=$(awk -F, "NR>1 { print \$15 }" "$0" | tr "\n" " ")
	b=$(awk -F, "\$2==\"cla\" && \$3==\"all\" && \$4==\"all\" { print \$5 }" "$1" | tr "\n" " ")
	test "$a" = "$b"' "$work/a.stats" "$work/sum.csv"

"$cf" synth --children 1000 --years 1 --out "$work/x" --xml --quiet
check "--xml writes the SSDA903 XML layout" sh -c 'head -c 200 "$0" | grep -q "<EXPSSDA903><CHILD><HEADER><CHILDID>"' "$work/x/2020-21/ssda903.xml"
if command -v xmllint >/dev/null 2>&1; then
	check "the XML is well formed" xmllint --noout "$work/x/2020-21/ssda903.xml"
fi

"$cf" synth --children 1000 >/dev/null 2>&1; check "synth without --out exits 2" test $? -eq 2
"$cf" synth --children lots --out "$work/y" >/dev/null 2>&1; check "a bad --children exits 2" test $? -eq 2
"$cf" synth --first-year 2023-25 --out "$work/y" >/dev/null 2>&1; check "a bad --first-year exits 2" test $? -eq 2
"$cf" synth --children 1000 --years 1 --first-year 2023-24 --out "$work/z" --quiet
check "--first-year accepts 2023-24" test -f "$work/z/2023-24/ssda903/header.csv"
