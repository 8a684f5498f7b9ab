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
"$cf" summary --db "$work/s.db" --table summary --format csv >"$work/sum.csv"
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

# the CIN census and local extracts from the same children
check "a CIN census per year" test -f "$work/a/2021-22/cin_census.xml" -a -f "$work/a/2023-24/cin_census.xml"
check "contacts and early help per year" sh -c 'head -1 "$0/contacts.csv" | grep -qx "child_id,contact_date,source,outcome" && head -1 "$0/early_help.csv" | grep -qx "family_id,child_id,start_date,end_date,lead_practitioner,outcome"' "$work/a/2022-23"
check "localities, child areas and population once" sh -c 'head -1 "$0/localities.csv" | grep -qx "area,locality" && head -1 "$0/child_areas.csv" | grep -qx "child_id,postcode_sector" && head -1 "$0/population.csv" | grep -qx "year,area,age,count"' "$work/a"
check "every home postcode's sector is one of the localities' sectors" sh -c '
	tail -n +2 "$0/localities.csv" | cut -d, -f1 | sort -u >"$0.sectors"
	cat "$0"/*/ssda903/episodes.csv | awk -F, "\$1 != \"CHILD\" && \$11 != \"\" { print substr(\$11, 1, length(\$11) - 2) }" | sort -u >"$0.homes"
	test -s "$0.homes" && test -z "$(comm -23 "$0.homes" "$0.sectors")"' "$work/a"
check "population sums to the children the authority started with" \
	awk -F, '$1 == 2021 && $2 == "LA" { n += $4 } END { exit !(n > 3800 && n < 4200) }' "$work/a/population.csv"
check "the CIN census children include every child looked after" sh -c '
	grep -o "<LAchildID>[0-9]*</LAchildID>" "$0/cin_census.xml" | sed "s/<[^>]*>//g" | sort -u >"$0.cin"
	tail -n +2 "$0/ssda903/episodes.csv" | cut -d, -f1 | sort -u >"$0.cla"
	test -z "$(comm -23 "$0.cla" "$0.cin")"' "$work/a/2023-24"
if need_shared "CIN census schemas"; then
	if command -v xmllint >/dev/null 2>&1; then
		for y in 2021-22 2022-23 2023-24; do
			c=$(( ${y%%-*} + 1 ))
			check "$y CIN census validates against CIN_schema_$c.xsd" \
				xmllint --noout --schema "$shared/spec/cin-census-xsd/CIN_schema_$c.xsd" "$work/a/$y/cin_census.xml"
		done
		"$cf" synth --children 1000 --years 2 --first-year 2024 --seed 5 --out "$work/late" --quiet
		check "2025-26 CIN census (Sex M/F layout) validates against CIN_schema_2026.xsd" \
			xmllint --noout --schema "$shared/spec/cin-census-xsd/CIN_schema_2026.xsd" "$work/late/2025-26/cin_census.xml"
		"$cf" synth --children 1000 --years 1 --first-year 2017 --seed 5 --out "$work/early" --quiet
		check "2017-18 CIN census (no CIN plan dates) validates against CIN_schema_2018.xsd" \
			xmllint --noout --schema "$shared/spec/cin-census-xsd/CIN_schema_2018.xsd" "$work/early/2017-18/cin_census.xml"
	else
		notok "xmllint is missing (tools/install-deps.sh installs libxml2-utils)"
	fi
fi

# the workforce census, with the cases the simulated children's social workers hold
check "a workforce census per year" test -f "$work/a/2021-22/workforce.xml" -a -f "$work/a/2023-24/workforce.xml"
check "workers hold cases on 30 September" sh -c 'grep -o "<Cases30>[0-9]*" "$0" | cut -d">" -f2 | awk "{ s += \$1 } END { exit !(s > 50) }"' "$work/a/2023-24/workforce.xml"
if need_shared "workforce schema" && command -v xmllint >/dev/null 2>&1; then
	for y in 2022-23 2023-24; do
		check "$y workforce census validates against the CSWW XSD" \
			xmllint --noout --schema "$shared/data/samples/workforce/social_work_workforce_2022.xsd" "$work/a/$y/workforce.xml"
	done
fi
