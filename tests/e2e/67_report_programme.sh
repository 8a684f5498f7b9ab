# caseflow report's programme panel: the published business case of
# DOMAIN.md §6 as a committee table, payback as caseflow programme show
# finds it, the benefits RAG, milestones on the period's end, the CBA
# tornado, workforce against establishment, and the workbook's sheets.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
# the programme panel of a page (the page is a few long lines)
panel() { awk 'BEGIN { RS = "<section " } /^class="panel[a-z ]*" id="programme"/ { print "<section " $0 }' "$1"; }

ex="$CASEFLOW_TOP/examples/programme"
# data to 31 March 2026, so that the period (to 30/09/2025) is inside it
"$cf" synth --out "$work/s" --children 2000 --years 4 --first-year 2022 --seed 3 --quiet >/dev/null 2>&1
"$cf" ingest --db "$work/s.db" "$work/s" >/dev/null 2>&1

# no programme: one sentence saying how to load one, and no chart
"$cf" report --db "$work/s.db" --out "$work/none" >/dev/null 2>&1
panel "$work/none/index.html" >"$work/none.html"
check "without a programme the panel says how to load one" \
	grep -q "No programme is loaded. .*caseflow programme --db .* --load examples/programme" "$work/none.html"
check "without a programme the panel has no chart or table" sh -c '! grep -qE "<svg|<table" "$0"' "$work/none.html"

"$cf" programme --db "$work/s.db" --load "$ex" >/dev/null 2>&1
# the period ends 30/09/2025, the day tests/e2e/65_programme.sh judges milestones on
"$cf" report --db "$work/s.db" --out "$work/out" --period r12:2025-09-30 >/dev/null 2>"$work/err.txt"
check "report with a programme exits 0" sh -c "test $? -eq 0"
h="$work/out/index.html"
panel "$h" >"$work/p.html"
check "the programme panel is on the page" grep -q "Strengthening Families, loaded" "$work/p.html"

# a committee row as text: "Annual net position 310 1,013 ..." (tags dropped)
line() { grep -o "<th scope=\"row\"[^>]*>$1</th>.*" "$work/p.html" | sed -e 's|</tr>.*||' -e 's/<[^>]*>/ /g' |
	tr -s ' ' | sed 's/^ //; s/ $//'; }
check "one-off costs 230, 1,371, 214, 0, 0, 0 (total 1,815)" \
	test "$(line "One-off costs")" = "One-off costs 230 1,371 214 0 0 0 1,815"
check "ongoing costs 80, 455, 1,017 x4 (total 4,603)" \
	test "$(line "Ongoing costs")" = "Ongoing costs 80 455 1,017 1,017 1,017 1,017 4,603"
check "gross savings 0, -813, -2,455, -4,650, -6,477, -6,930 (total -21,325)" \
	test "$(line "Gross savings")" = "Gross savings 0 -813 -2,455 -4,650 -6,477 -6,930 -21,325"
check "annual net 310, 1,013, -1,224, -3,633, -5,460, -5,913 (total -14,907)" \
	test "$(line "Annual net position")" = "Annual net position 310 1,013 -1,224 -3,633 -5,460 -5,913 -14,907"
check "cumulative net 310, 1,323, 99, -3,534, -8,994, -14,907" \
	test "$(line "Cumulative net position")" = "Cumulative net position 310 1,323 99 -3,534 -8,994 -14,907"
check "gross savings broken down by workstream (supply -2,550 in year 5)" \
	test "$(line "of which supply")" = "of which supply 0 -300 -900 -1,700 -2,400 -2,550 -7,850"
check "the unit and the sign convention are said" grep -q "£000 by financial year (costs positive, savings negative" "$work/p.html"

csv_tables programme show --db "$work/s.db" >"$work/bc.csv"
payback=$(awk -F, '$1 == "payback_year" { print $2 }' "$work/bc.csv")
check "programme show finds a payback year" test -n "$payback"
check "the page's payback year is programme show's" grep -q "Payback in year $payback (2027-28)" "$work/p.html"
check "the cumulative net chart marks payback" sh -c \
	'grep -o "<svg .*</svg>" "$0" | grep -q "Cumulative net position, with payback marked.*class=\"ref\".*payback 2027-28"' "$work/p.html"
check "the chart's text alternative names the payback year" \
	grep -q "It first turns negative in 2027-28 (year 3): the payback year." "$work/p.html"

# benefits: the RAG as programme show judges it on the same day, as a word in a coloured cell
csv_tables programme show --db "$work/s.db" --view benefits --as-of 2025-09-30 2>/dev/null >"$work/bn.csv"
for b in B1 B2 B3 B4 B5; do
	rag=$(awk -F, -v b="$b" '$1 == b && $2 !~ /^20/' "$work/bn.csv" | head -n 1 |
		grep -oE ',(green|amber|red),("[^"]*"|[^,]*)$' | cut -d, -f2)
	word=$(echo "$rag" | sed 's/^./\U&/')
	check "$b's RAG on the page is programme show's ($rag)" sh -c \
		'grep -o "<th scope=\"row\">$1 [^<]*</th>.*" "$0" | sed "s|</tr>.*||" | grep -q "style=\"background:[^\"]*\">$2</td>"' \
		"$work/p.html" "$b" "$word"
done
# the store's 11 children on 30/09/2025 beside a baseline of 684: plan 629.62,
# variance -618.62; 519 - 11 = 508 past the target, more than the planned
# change (684 - 519 = 165), so red, not green (the example programme is a
# larger authority's)
check "children in care is red on 30/09/2025 (11 against a plan of 629.62: far past the target)" sh -c \
	'grep -o "<th scope=\"row\">B1 .*" "$0" | sed "s|</tr>.*||" | grep -q "11 (30 Sep 2025).*-618.62.*>Red</td>"' "$work/p.html"
check "every coloured RAG cell carries its word" sh -c \
	'! grep -oE "style=\"background:#[0-9a-f]+;[^\"]*\">[^<]*<" "$0" | grep -qvE ">(Green|Amber|Red)<"' "$work/p.html"
check "are the savings landing: 350 of 813 in year 1" grep -q "43.1" "$work/p.html"

check "milestones on the period end: 2 overdue, 1 due in the next 90 days" \
	grep -q "On 30 Sep 2025, the day the programme is judged on: 2 of 9 milestones overdue, 1 due in the next 90 days" \
	"$work/p.html"
check "the overdue milestones are listed" sh -c \
	'grep -q "Two in-house residential homes registered" "$0" && grep -q "Partnership data-sharing agreement signed" "$0"' \
	"$work/p.html"

# --as-of: judged on another day inside the data; a period or a day after the data is refused
"$cf" report --db "$work/s.db" --out "$work/asof" --period 2024-25 --as-of 2025-01-31 >/dev/null 2>&1
check "--as-of 2025-01-31 exits 0" test $? -eq 0
check "... milestones judged on 31 Jan 2025 (--as-of), not the period's end" sh -c \
	'grep -q "On 31 Jan 2025, the day the programme is judged on" "$0" && grep -q "judged on 31 Jan 2025 (--as-of)" "$0"' \
	"$work/asof/index.html"
"$cf" report --db "$work/s.db" --out "$work/late" --period 2027-28 >/dev/null 2>"$work/late.err"
check "a report for a period after the data exits 1 and names where the data end" sh -c \
	'test $1 -eq 1 && grep -q "2027-28.*starts after the data: the returns loaded end on 2026-03-31" "$0"' "$work/late.err" $?
check "... and writes no page" test ! -e "$work/late/index.html"
"$cf" report --db "$work/s.db" --out "$work/late2" --as-of 2026-06-30 >/dev/null 2>"$work/late2.err"
check "an --as-of after the data exits 1 and names where the data end" sh -c \
	'test $1 -eq 1 && grep -q "2026-06-30.*is after the data: the returns loaded end on 2026-03-31" "$0"' "$work/late2.err" $?
"$cf" kpi --db "$work/s.db" --period 2027-28 >/dev/null 2>"$work/klate.err"
check "so does kpi" sh -c 'test $1 -eq 1 && grep -q "the returns loaded end on 2026-03-31" "$0"' "$work/klate.err" $?

# CBA: the summary and the tornado of the sensitivity table's BCR swings
csv_tables programme show --db "$work/s.db" --view cba >"$work/cba.csv"
bcr=$(awk -F, '$1 == "public_value_bcr" { printf "%.2f", $2 }' "$work/cba.csv")
check "the public value BCR is programme show's ($bcr)" grep -q "benefit-cost ratio (all benefits per £1 of cost)</th><td class=\"num\">$bcr<" "$work/p.html"
check "the tornado chart is there, with its base" sh -c \
	'grep -q "<title id=\"[^\"]*\">Sensitivity: benefit-cost ratio with each assumption ±20%</title>" "$0" && grep -q ">base $1<" "$0"' \
	"$work/p.html" "$bcr"
costs_lo=$(awk -F, '$1 == "costs" { printf "%.2f", $2 }' "$work/cba.csv")
check "costs swing the BCR most and come first (-20%: $costs_lo)" sh -c \
	'grep -q "the widest swing first: costs $1 to " "$0"' "$work/p.html" "$costs_lo"

check "workforce: 1,234 cases need 83 social workers and 14 managers" \
	grep -q "1,234 cases at a caseload standard of 15 per social worker and a span of control of 6 need 83 social workers and 14 managers (97 FTE)" \
	"$work/p.html"
check "workforce is compared with the census establishment" grep -q "establishment from the workforce census" "$work/p.html"

check "every programme chart has a title, a text alternative and a caption" sh -c \
	'n=$(grep -o "<svg " "$0" | wc -l); t=$(grep -o "<title id=" "$0" | wc -l); d=$(grep -o "<desc id=" "$0" | wc -l);
	 c=$(grep -o "<figcaption>" "$0" | wc -l); test "$n" -eq 2 -a "$n" = "$t" -a "$n" = "$d" -a "$n" = "$c"' "$work/p.html"
unzip -p "$work/out/vital-signs.xlsx" xl/workbook.xml >"$work/wb.xml" 2>/dev/null
# sheet names in one style: the tables' names (business_case ...) in sentence case
check "the workbook has the programme's sheets" sh -c 'for s in "Business case" "Business case by workstream" \
	"Business case summary" Benefits "Savings landing" Milestones "Milestones by workstream" "CBA summary" "CBA by agency" \
	"CBA sensitivity" "Workforce requirement" "Workforce cost" "Workforce gap"; do
	grep -q "name=\"$s\"" "$0" || { echo "no sheet $s"; exit 1; }; done' "$work/wb.xml"
check "every sheet name is in sentence case (no underscores)" sh -c '! grep -o "<sheet name=\"[^\"]*\"" "$0" | grep -q "_"' "$work/wb.xml"
unzip -p "$work/out/vital-signs.xlsx" xl/styles.xml >"$work/styles.xml" 2>/dev/null
check "numbers carry formats: percentages, one decimal, thousands" sh -c \
	'grep -q "formatCode=\"0.0&quot;%&quot;\"" "$0" && grep -q "formatCode=\"#,##0.0\"" "$0" && grep -q "formatCode=\"#,##0\"" "$0"' "$work/styles.xml"

# two programmes: the page shows the one loaded last and names the other; --programme picks
cp -r "$ex" "$work/second"
sed -i 's/^name,.*/name,Second Programme/' "$work/second/programme.csv"
"$cf" programme --db "$work/s.db" --load "$work/second" >/dev/null 2>&1
"$cf" report --db "$work/s.db" --out "$work/two" >/dev/null 2>&1
check "with two programmes the latest is shown and the other named" sh -c \
	'grep -q "Second Programme, loaded" "$0" && grep -q "Also in the store: &#39;Strengthening Families&#39;" "$0"' \
	"$work/two/index.html"
"$cf" report --db "$work/s.db" --out "$work/pick" --programme "Strengthening Families" >/dev/null 2>&1
check "--programme shows the one asked for" grep -q "Strengthening Families, loaded" "$work/pick/index.html"
"$cf" report --db "$work/s.db" --out "$work/bad" --programme "No Such Programme" >/dev/null 2>"$work/bad.err"
check "--programme naming no programme exits 1 and says so" sh -c \
	"test $? -eq 1 && grep -q 'no programme of that name' '$work/bad.err'"

# a modelled programme: savings to the pound are rounded to £000 with a note, and a
# workforce demand series is charted month by month against the establishment
"$cf" programme --db "$work/s.db" --load "$CASEFLOW_TOP/examples/programme-modelled" >/dev/null 2>&1
"$cf" report --db "$work/s.db" --out "$work/mod" >/dev/null 2>&1
panel "$work/mod/index.html" >"$work/m.html"
check "the modelled programme is shown, the other two named" sh -c \
	'grep -q "Strengthening Families (modelled), loaded" "$0" && grep -q "Also in the store: .*Second Programme.*Strengthening Families" "$0"' \
	"$work/m.html"
check "money modelled to the pound is rounded to £000, with a note" sh -c \
	'grep -q "rounded to the nearest £1,000" "$0" && ! grep -qE "<td class=\"num\"[^>]*>-?[0-9,]+\.[0-9]{3}</td>" "$0"' "$work/m.html"
check "a demand series gets a monthly workforce chart with its numbers" sh -c \
	'grep -q "<title id=\"[^\"]*\">Workforce requirement by month</title>" "$0" && grep -q "<caption>Workforce requirement by month</caption>" "$0"' \
	"$work/m.html"
