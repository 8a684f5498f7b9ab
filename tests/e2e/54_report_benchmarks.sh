#!/bin/sh
# caseflow report --la: the benchmarks panel (hand-worked on the small
# published tables in tests/cases/benchmark/_data, and the same figures as
# caseflow benchmark on DfE's real ones) and the trajectories panel (the
# same months and RAG as caseflow trajectory show).
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
db="$work/s.db"
pub="$CASEFLOW_TOP/tests/cases/benchmark/_data"

# cell FILE CAPTION ROW COLUMN: a cell's text in the page's table with that caption
cell() {
	awk -v cap="$2" -v row="$3" -v col="$4" '
	function cells(s, out,    k, c) {
		k = 0
		while (match(s, /<t[hd][^>]*>[^<]*<\/t[hd]>/)) {
			c = substr(s, RSTART, RLENGTH); sub(/^<t[hd][^>]*>/, "", c); sub(/<\/t[hd]>$/, "", c)
			out[++k] = c; s = substr(s, RSTART + RLENGTH)
		}
		return k
	}
	BEGIN { RS = "<table" }
	index($0, "<caption>" cap "</caption>") {
		n = split($0, trs, "<tr>")
		nh = cells(trs[2], hd)
		for (i = 3; i <= n; i++) {
			k = cells(trs[i], v)
			if (v[1] != row) continue
			for (j = 1; j <= nh; j++) if (hd[j] == col) print v[j]
		}
		exit
	}' "$1"
}
# section FILE ID: one panel's HTML
section() {
	awk -v open="<section class=\"panel\" id=\"$2\"" 'BEGIN { RS = "</section>" } index($0, open) { print substr($0, index($0, open)) }' "$1"
}

"$cf" synth --out "$work/la" --children 2000 --years 1 --first-year 2021 --quiet >/dev/null
"$cf" ingest --db "$work/own.db" "$work/la" >/dev/null
cp "$work/own.db" "$db"
"$cf" ingest --db "$db" "$pub" >/dev/null

# --- without --la, or without the published tables: a sentence, not a chart
"$cf" report --db "$db" --out "$work/none" >/dev/null 2>&1
section "$work/none/index.html" benchmarks >"$work/none.b"
check "without --la the benchmarks panel says how to get it" sh -c \
	'grep -q "<p class=\"note\">No comparison: name the LA with --la CODE" "$0" && ! grep -q "<svg" "$0"' "$work/none.b"
check "with no trajectories stored the panel says how to set one" \
	grep -q "No trajectories are stored. Set one with caseflow trajectory set" "$work/none/index.html"
cp "$work/own.db" "$work/nopub.db"
"$cf" report --db "$work/nopub.db" --out "$work/nopub" --la 380 --sn-model 2021 >/dev/null 2>&1
check "--la with no published tables in the store: the built-in ones are loaded (exit 0)" test $? -eq 0
check "... recorded as built in" test "$(sqlite3 "$work/nopub.db" "SELECT count(*) FROM returns WHERE path LIKE 'caseflow built-in: data/dfe/%'")" -gt 10
check "... and the panel compares, with the neighbour model asked for" \
	grep -q "Bradford (LA 380) against its statistical neighbours (DfE&#39;s 2021 model)" "$work/nopub/index.html"
"$cf" report --db "$db" --out "$work/bad" --la 999 >/dev/null 2>"$work/bad.txt"
check "an unknown --la is a usage error (exit 2) naming the value and how to find codes" sh -c \
	"test $? -eq 2 && grep -q \"'999' is not an LA\" '$work/bad.txt' && grep -q 'caseflow benchmark' '$work/bad.txt'"

# --- LA 901 (Alpha): neighbours 902 Beta, 903 Gamma, 904 Delta
"$cf" trajectory set --db "$db" --name t --indicator cla_31mar --la 901 --from 2021-03-31:20 --to 2023-03-31:10 >/dev/null
"$cf" report --db "$db" --out "$work/out" --la 901 >/dev/null 2>&1
check "report --la 901 exits 0" sh -c "test $? -eq 0"
h="$work/out/index.html"
section "$h" benchmarks >"$work/out.b"
section "$h" trajectories >"$work/out.t"
cap="Children looked after per 10,000 aged 0-17 by area and year"
check "the benchmarks panel is on the page with cla_rate_10k" sh -c \
	'grep -q "<section class=\"panel\" id=\"benchmarks\"" "$0" && grep -q "<h3>Children looked after per 10,000 aged 0-17</h3>" "$0"' "$h"
check "headline counts are compared as rates: no cla_31mar section" sh -c \
	'! grep -q "<h3>Children looked after at 31 March</h3>" "$0"' "$work/out.b"
# 2025: Alpha 64; neighbours 60, c, 68 -> median 64; LAs 60 64 68 70 -> rank 2 of 4, quartile 1 + 4 x 1 / 4 = 2
check "2025 neighbours' median = median(60, 68) = 64 (Gamma's c is missing, not 0)" \
	test "$(cell "$h" "$cap" "neighbours&#39; median" 2025)" = "64.0"
check "Gamma's suppressed 2025 shows as missing" test "$(cell "$h" "$cap" Gamma 2025)" = "–"
# 2022: Alpha 125; neighbours 100, 125, 200 -> median 125
check "2022 neighbours' median = median(100, 125, 200) = 125" \
	test "$(cell "$h" "$cap" "neighbours&#39; median" 2022)" = "125.0"
check "years with no published figure are gaps (2023, 2024), not zeros" sh -c \
	'test "$1" = "–" && test "$2" = "–"' _ "$(cell "$h" "$cap" Alpha 2023)" "$(cell "$h" "$cap" Alpha 2024)"
"$cf" benchmark --db "$db" --la 901 --indicator cla_rate_10k --format csv >"$work/b.csv"
for y in 2022 2025; do
	want=$(awk -F, -v y=$y '$1 == "cla_rate_10k" && $2 == y { printf "%.1f", $6 }' "$work/b.csv")
	check "$y SN median is caseflow benchmark's sn_median ($want)" test "$(cell "$h" "$cap" "neighbours&#39; median" $y)" = "$want"
done
check "rank and quartile with polarity: 2 of 4, quartile 2, lower is better" \
	grep -q "Rank 2 of 4 LAs, quartile 2 (the second quarter; lower is better: rank 1 is the lowest)" "$h"
# (64 / 125)^(1/3) = 0.8: -20% a year for Alpha and its neighbours' median; England 80 -> 80
check "direction of travel over 3 years: -20.0% a year, neighbours -20.0%, England +0.0%" \
	grep -q "Change over 3 years: Alpha -20.0% a year, neighbours -20.0% a year, England +0.0% a year." "$h"
check "region and England in the table" sh -c 'test "$1" = "90.0" && test "$2" = "80.0"' _ \
	"$(cell "$h" "$cap" "Yorkshire and The Humber" 2025)" "$(cell "$h" "$cap" England 2025)"
"$cf" kpi --db "$db" --period 2021-22 --format csv 2>/dev/null >"$work/kpi.csv"
own=$(awk -F, '$1 == "cla_rate_10k" && $3 == "all" { printf "%.1f", $7 }' "$work/kpi.csv")
check "the LA's own value for 2022 is caseflow kpi's for 2021-22 ($own)" test "$(cell "$h" "$cap" "own returns" 2022)" = "$own"
check "a dot plot of 2025 with Alpha highlighted and the median marked" sh -c \
	'grep -q "Children looked after per 10,000 aged 0-17, 2025: Alpha and its statistical neighbours</title>" "$0" &&
	 grep -q "font-weight=\"700\">Alpha</text>" "$0" && grep -q ">median</text>" "$0" && test "$(grep -o "r=\"7\"" "$0" | wc -l)" -eq 1' \
	"$work/out.b"
check "a line chart of the years with the LA, SN median, region and England" \
	grep -q "Children looked after per 10,000 aged 0-17, 2022 to 2025</title>" "$h"
"$cf" report --db "$db" --out "$work/ons" --la E06999901 >/dev/null 2>&1
section "$work/ons/index.html" benchmarks >"$work/ons.b"
check "--la by ONS code gives the same panel" cmp -s "$work/out.b" "$work/ons.b"

# --- trajectories: 20 -> 10 over 24 months; 31 March 2022 (12 months on) is 15
"$cf" trajectory show --db "$db" --table trajectory_months --format csv >"$work/t.csv"
rag=$(awk -F, '$1 == "t" && $8 != "" && NF == 8 { r = $8; d = $2 } END { print r }' "$work/t.csv")
day=$(awk -F, '$1 == "t" && $8 != "" && NF == 8 { d = $2 } END { print d }' "$work/t.csv")
check "the trajectory is on the page" grep -q "<h3>t: Children looked after at 31 March</h3>" "$h"
check "its latest RAG ($rag on $day) is trajectory show's" sh -c \
	'test -n "$1" && grep -q "Latest RAG: $1 on 31 March 2022:" "$0"' "$h" "$rag"
check "31 March 2022: target 15.0 in the table, with trajectory show's RAG" sh -c \
	'test "$1" = "15.0" && test "$2" = "$3"' _ "$(cell "$h" "Trajectory t: target, tolerance and actuals" 2022-03-31 target)" \
	"$(cell "$h" "Trajectory t: target, tolerance and actuals" 2022-03-31 RAG)" "$rag"
check "months without an actual are blank" test "$(cell "$h" "Trajectory t: target, tolerance and actuals" 2022-06-30 actual)" = "–"
check "a chart of the path with the tolerance band" sh -c \
	'grep -q "<title id=\"c[0-9]*-t\">Trajectory t: target, tolerance and actuals</title>" "$0" &&
	 grep -q ">within tolerance</text>" "$0"' "$work/out.t"
check "the workbook has the benchmark and trajectory sheets" sh -c 'unzip -p "$0" xl/workbook.xml >"$0.wb";
	for s in "Benchmarks" "Benchmark areas" "Trajectories" "Trajectory months"; do grep -q "name=\"$s\"" "$0.wb" || exit 1; done' \
	"$work/out/vital-signs.xlsx"

# --- a trajectory for an indicator only the kpi engine computes: actuals from the returns alone
check "trajectory set accepts a kpi-only indicator (assessment_45wd)" sh -c '"$1" trajectory set --db "$2" --name a45 \
	--indicator assessment_45wd --from 2021-03-31:70 --to 2023-03-31:90 >/dev/null' _ "$cf" "$db"
check "a comparator gap still needs a published indicator: exit 1 saying so" sh -c '"$1" trajectory set --db "$2" --name g \
	--indicator assessment_45wd --la 901 --to sn_median --by 2027-03-31 2>"$3"; test $? -eq 1 &&
	grep -q "needs an indicator DfE publishes" "$3"' _ "$cf" "$db" "$work/gap.txt"
"$cf" kpi --db "$db" --period r12:2022-03-31 --format csv 2>/dev/null >"$work/r12.csv"
a45=$(awk -F, '$1 == "assessment_45wd" && $3 == "all" { print $7 }' "$work/r12.csv")
# higher is better: red/amber only when the actual falls short of the target (80 on 31 March 2022)
want=$(awk -v a="$a45" 'BEGIN { s = (80 - a) / 80 * 100; print s <= 5 ? "green" : s <= 10 ? "amber" : "red" }')
"$cf" trajectory show --db "$db" --name a45 --table trajectory_months --format csv >"$work/a45.csv"
check "31 March 2022: target 80, actual kpi's $a45 for the 12 months, $want" \
	grep -q "^a45,2022-03-31,80,$a45,kpi,.*,$want\$" "$work/a45.csv"
"$cf" report --db "$db" --out "$work/out2" --la 901 >/dev/null 2>&1
check "the report shows it with its latest RAG ($want) and a percentage axis" sh -c \
	'grep -q "<h3>a45: Assessments within 45 working days</h3><p class=\"note\">[^<]*</p><p class=\"note\"><span[^>]*></span><b>Latest RAG: $1 on 31 March 2022:" "$0" &&
	 grep -q "class=\"unit\">%</text>" "$0"' "$work/out2/index.html" "$want"

# --- in a browser: no console errors, nothing wider than the screen
browser=""
for b in chromium chromium-browser; do
	command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
done
if [ -n "$browser" ]; then
	sed -e 's|<meta http-equiv="Content-Security-Policy"[^>]*>||' \
	    -e 's|</body>|<script>var o=[];document.querySelectorAll("section.panel").forEach(function(s){var r=s.getBoundingClientRect();o.push("panel "+s.id+" "+Math.round(r.right)+" "+s.scrollWidth+" "+s.clientWidth)});o.push("panel page "+document.documentElement.scrollWidth+" 0 0");var p=document.createElement("pre");p.textContent=o.join("\\n");document.body.appendChild(p);</script></body>|' \
	    "$h" >"$work/out/widths.html"
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$(mktemp -d "$work/p.XXXXXX")" \
		--window-size=1280,2000 --dump-dom "file://$work/out/widths.html" 2>/dev/null |
		grep -E '^panel |>panel ' | sed -e 's/.*>panel /panel /' -e 's/<.*//' >"$work/widths.txt"
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$(mktemp -d "$work/p.XXXXXX")" \
		--enable-logging=stderr --v=0 --window-size=1280,2000 --screenshot="$work/shot.png" "file://$h" >"$work/chrome.log" 2>&1
	check "chromium: no console messages with the benchmarks and trajectories" sh -c \
		'! grep -E ":CONSOLE|Refused to|Failed to load" "$0"' "$work/chrome.log"
	check "chromium: the page and every panel fit 1280 px (no horizontal overflow)" awk '
		$2 == "page" { page = 1; if ($3 > 1280) bad = 1; next }
		{ seen[$2] = 1; if ($3 > 1280 || $4 > $5 + 1) bad = 1 }
		END { exit bad || !page || !seen["benchmarks"] || !seen["trajectories"] }' "$work/widths.txt"
	sed 's/^/# /' "$work/widths.txt"
else
	n=$((n + 1))
	echo "ok $n - # SKIP chromium is not installed: the panels were not laid out in a browser"
fi

# --- DfE's real tables: the panel's figures are caseflow benchmark's
need_shared "DfE published tables" || exit 0
"$cf" ingest --db "$work/dfe.db" "$work/la" "$shared/data/dfe" >/dev/null
"$cf" report --db "$work/dfe.db" --out "$work/bradford" --la E08000032 >/dev/null 2>&1
hb="$work/bradford/index.html"
"$cf" benchmark --db "$work/dfe.db" --la 380 --indicator cla_rate_10k,placement_long_term --years 5 --format csv >"$work/bb.csv"
for ind in "cla_rate_10k:Children looked after per 10,000 aged 0-17" "placement_long_term:Long-term placement stability (%)"; do
	id=${ind%%:*} label=${ind#*:}
	last=$(awk -F, -v id="$id" '$1 == id { y = $2 } END { print y }' "$work/bb.csv")
	want=$(awk -F, -v id="$id" -v y="$last" '$1 == id && $2 == y { printf "%.1f", $6 }' "$work/bb.csv")
	rank=$(awk -F, -v id="$id" -v y="$last" '$1 == id && $2 == y { n = split($0, f, ","); printf "Rank %s of %s LAs, quartile %s", f[n-6], f[n-5], f[n-4] }' "$work/bb.csv")
	check "Bradford $id $last: SN median $want is caseflow benchmark's" \
		test "$(cell "$hb" "$label by area and year" "neighbours&#39; median" "$last")" = "$want"
	check "Bradford $id $last: '$rank' as caseflow benchmark ranks it" grep -q "$rank (" "$hb"
done
check "higher is better is said so for placement_long_term" grep -q "; higher is better: rank 1 is the highest)" "$hb"
