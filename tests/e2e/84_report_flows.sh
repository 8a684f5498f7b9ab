# The report's flows panel on a synthetic authority: two charts of caseflow
# flows' monthly counts whose tables hold the same numbers as `caseflow flows
# --table by_month`; under --suppress no count from 1 to N - 1 is shown and
# no financial year has one month hidden alone (its total is in the words);
# in Chromium at 1280 px the panel is within the window, nothing in it
# scrolls sideways and no chart and table overlap (as 52_report_chromium
# checks every panel).
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

"$cf" synth --children 3000 --years 3 --first-year 2021 --seed 5 --out "$work/la" --quiet
store_from "$work/la.db" "$work/la" >/dev/null 2>&1
"$cf" report --db "$work/la.db" --out "$work/out" >/dev/null 2>&1
h="$work/out/index.html"
# the flows section alone, a tag a line
awk 'BEGIN { RS = "<section" } /id="flows"/ { print "<section" $0 }' "$h" | sed 's/</\n</g' >"$work/flows.html"
check "the flows panel is on the page with two charts and their tables" sh -c '
	test "$(grep -c "^<svg class=\"chart\"" "$0")" -eq 2 && test "$(grep -c "^<table" "$0")" -eq 2' "$work/flows.html"
check "its words give the period's year as shares of what each flow comes from" grep -q 'In 2023-24 (moves within 28 days): early help to social care [0-9]* of [0-9]* referrals' "$work/flows.html"

# the panel's tables as month,flow,count (months as "Apr 21" -> 2021-04)
tables() {
	awk -F'>' '
	/^<caption>/ { t++ } /^<th scope="col"/ { if ($2 != "month") col[t, ++nc[t]] = $2 }
	/^<tr>/ { c = 0 } /^<th scope="row">/ { m = $2 }
	/^<td class="num">/ { c++; print t "|" m "|" col[t, c] "|" $2 }' "$1" |
	awk -F'|' 'BEGIN { split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", mn, " "); for (i = 1; i <= 12; i++) mi[mn[i]] = i
		split("early help to social care|social care to early help|CP plan to CIN|CP plan to care|care to CP plan|repeat early help", t, "|")
		split("early_help_to_social_care social_care_to_early_help cp_to_cin cp_to_care care_to_cp repeat_early_help_12m", id, " ")
		for (i = 1; i <= 6; i++) fid[t[i]] = id[i] }
		{ split($2, p, " "); printf "20%s-%02d,%s,%s\n", p[2], mi[p[1]], fid[$3], $4 }' | sort
}
tables "$work/flows.html" >"$work/panel.csv"
"$cf" flows --db "$work/la.db" --table by_month --format csv 2>/dev/null | awk -F, 'NR > 1 { print $1 "," $2 "," $3 }' | sort >"$work/cli.all"
awk -F, 'NR == FNR { want[$1] = 1; next } $1 in want' "$work/panel.csv" "$work/cli.all" >"$work/cli.csv"
check "the panel's monthly counts are caseflow flows' (36 months, six flows)" sh -c 'test "$(wc -l <"$0")" -eq 216 && cmp -s "$0" "$1"' "$work/panel.csv" "$work/cli.csv"

"$cf" report --db "$work/la.db" --out "$work/sup" --suppress 5 >/dev/null 2>&1
awk 'BEGIN { RS = "<section" } /id="flows"/ { print "<section" $0 }' "$work/sup/index.html" | sed 's/</\n</g' >"$work/sup.html"
tables "$work/sup.html" >"$work/sup.csv"
check "--suppress 5: no count from 1 to 4 in the panel, and some hidden (c)" sh -c '
	awk -F, "\$3 != \"c\" && \$3 > 0 && \$3 < 5 { bad = 1 } END { exit bad }" "$0" && grep -q ",c\$" "$0"' "$work/sup.csv"
check "--suppress 5: nor in the charts' words" sh -c '! grep -E "at most [1-4] \(" "$0"' "$work/sup.html"
check "--suppress 5: no financial year has one month of a flow hidden alone" awk -F'>' '
	/^<caption>/ { t++ } /^<tr>/ { c = 0 } /^<th scope="row">/ { split($2, p, " "); y = p[2] + 0; fy = (p[1] ~ /Jan|Feb|Mar/) ? y - 1 : y }
	/^<td class="num">/ { c++; if ($2 == "c") h[t, c, fy]++ }
	END { for (k in h) if (h[k] == 1) bad = 1; exit bad }' "$work/sup.html"

browser=""
for b in chromium chromium-browser; do
	command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
done
if [ -z "$browser" ]; then
	n=$((n + 1)); echo "ok $n - # SKIP chromium is not installed: the flows panel was not laid out in a browser"
	echo "1..$n"; exit 0
fi
# the flows section's right edge, what in it scrolls sideways, and overlapping charts or tables
# (each clipped to the boxes that scroll it, as a reader sees it)
sed -e 's|<meta http-equiv="Content-Security-Policy"[^>]*>||' \
    -e 's|</body>|<script>var s=document.getElementById("flows"),r=s.getBoundingClientRect(),w=0,v=0,b=[];s.querySelectorAll("*").forEach(function(e){if(e.scrollWidth>e.clientWidth+1\&\&getComputedStyle(e).overflowX!="visible")w++});s.querySelectorAll("svg.chart,table").forEach(function(e){var r=e.getBoundingClientRect(),q={left:r.left,right:r.right,top:r.top,bottom:r.bottom};for(var a=e.parentElement;a;a=a.parentElement){var k=getComputedStyle(a);if(k.overflowY!="visible"\|\|k.overflowX!="visible"){var z=a.getBoundingClientRect();q.left=Math.max(q.left,z.left);q.right=Math.min(q.right,z.right);q.top=Math.max(q.top,z.top);q.bottom=Math.min(q.bottom,z.bottom)}}b.push(q)});for(var i=0;i<b.length;i++)for(var j=i+1;j<b.length;j++){var p=b[i],q=b[j];if(Math.min(p.right,q.right)-Math.max(p.left,q.left)>2\&\&Math.min(p.bottom,q.bottom)-Math.max(p.top,q.top)>2)v++}var o=document.createElement("pre");o.textContent="flows "+Math.round(r.right)+" "+w+" "+v+" "+b.length+" "+document.documentElement.scrollWidth;document.body.appendChild(o);</script></body>|' \
    "$h" >"$work/out/flows-pos.html"
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
	--disable-sync --no-first-run --user-data-dir="$(mktemp -d "$work/profile.XXXXXX")" --window-size=1280,9000 \
	--dump-dom "file://$work/out/flows-pos.html" 2>/dev/null | grep -o 'flows [0-9]* [0-9]* [0-9]* [0-9]* [0-9]*' >"$work/pos.txt"
echo "# 1280: $(cat "$work/pos.txt")"
check "1280 px: the flows panel and the page are within the window" awk '{ exit !($2 <= 1280 && $6 <= 1280) }' "$work/pos.txt"
check "1280 px: nothing in the flows panel scrolls sideways, and its two charts and tables do not overlap" awk '{ exit !($3 == 0 && $4 == 0 && $5 == 4) }' "$work/pos.txt"
echo "1..$n"
