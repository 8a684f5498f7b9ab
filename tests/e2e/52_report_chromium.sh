# The Vital Signs in headless Chromium, with the example programme loaded:
# renders without console errors, a 1280 x 9000 screenshot holds every
# panel; at 1280 and 1024 px nothing is wider than the window, no table or
# chart is clipped or overlaps another; printed, it is A4 pages. Chromium is large,
# so neither tools/install-deps.sh nor CI installs it: this test runs where
# it is present (apt-get install chromium) and says SKIP loudly where not.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

browser=""
for b in chromium chromium-browser; do
	command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
done
if [ -z "$browser" ]; then
	n=$((n + 1))
	echo "ok $n - # SKIP chromium is not installed: the report was not rendered in a browser (apt-get install chromium to run this test)"
	exit 0
fi
chrome() {
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --user-data-dir="$(mktemp -d "$work/profile.XXXXXX")" \
		--window-size=1280,9000 "$@"
}

# a store: the shared synthetic SSDA903 when present, else a hand-made return.
# The returns sit under a long folder name, as on a council's shared drive:
# the Data quality panel names each file, and a long path must not widen the
# page (CI's checkout path once did, by 18 px).
long="$work/Childrens Services Performance Team - Statutory Returns Archive (do not move)/SSDA903 submissions"
if [ -n "$shared" ] && [ -d "$shared/data/ssda903-synth" ]; then
	mkdir -p "$long" && cp -R "$shared/data/ssda903-synth/." "$long/"
	store_from "$work/t.db" "$long" >/dev/null 2>&1
else
	mkdir -p "$work/r/2023-24"
	printf 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\nA,01/06/2023,S,C2,N1,U1,PR1,,,,,,\nC,01/01/2022,S,C2,N1,U3,PR1,,,,,,\n' >"$work/r/2023-24/episodes.csv"
	printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,1,15/04/2008,WBRI,,,\nC,1,31/03/2008,WBRI,,,\n' >"$work/r/2023-24/header.csv"
	"$cf" ingest --db "$work/t.db" "$work/r" >/dev/null 2>&1
fi
"$cf" programme --db "$work/t.db" --load "$CASEFLOW_TOP/examples/programme" >/dev/null 2>&1
"$cf" report --db "$work/t.db" --out "$work/out" >/dev/null 2>&1
check "the report is written" test -s "$work/out/index.html"

chrome --enable-logging=stderr --v=0 --screenshot="$work/shot.png" "file://$work/out/index.html" >"$work/chrome.log" 2>&1
check "chromium takes a 1280 x 9000 screenshot" sh -c 'test -s "$0" && test "$(wc -c <"$0")" -gt 20000' "$work/shot.png"
check "no console messages (errors, blocked resources)" sh -c '! grep -E ":CONSOLE|Refused to|Failed to load" "$0"' "$work/chrome.log"

# where each panel lands, at 1280 and 1024 px: a copy of the page that
# reports each section's position, its right edge, how many things in it
# scroll sideways (in their own boxes), how many are clipped (wider than a box that hides the
# rest) and how many charts and tables overlap another
sed -e 's|<meta http-equiv="Content-Security-Policy"[^>]*>||' \
    -e 's|</body>|<script>var o=[];document.querySelectorAll("section.panel").forEach(function(s){var r=s.getBoundingClientRect(),w=0,c=0,v=0;s.querySelectorAll("*").forEach(function(e){var x=getComputedStyle(e).overflowX;if(e.scrollWidth>e.clientWidth+1\&\&x!="visible"){if(x=="hidden"\|\|x=="clip")c++;else w++}});var b=[];s.querySelectorAll("svg,table").forEach(function(e){if(e.parentElement.closest("svg"))return;var r=e.getBoundingClientRect(),q={left:r.left,right:r.right,top:r.top,bottom:r.bottom};for(var a=e.parentElement;a;a=a.parentElement){var k=getComputedStyle(a);if(k.overflowX!="visible"\|\|k.overflowY!="visible"){var z=a.getBoundingClientRect();q.left=Math.max(q.left,z.left);q.right=Math.min(q.right,z.right);q.top=Math.max(q.top,z.top);q.bottom=Math.min(q.bottom,z.bottom)}}b.push(q)});for(var i=0;i<b.length;i++)for(var j=i+1;j<b.length;j++){var p=b[i],q=b[j];if(Math.min(p.right,q.right)-Math.max(p.left,q.left)>2\&\&Math.min(p.bottom,q.bottom)-Math.max(p.top,q.top)>2)v++}o.push("panel "+s.id+" "+Math.round(r.top+window.scrollY)+" "+Math.round(r.height)+" "+Math.round(r.right)+" "+w+" "+c+" "+v)});o.push("panel page 0 100 "+document.documentElement.scrollWidth+" 0 0 0");var p=document.createElement("pre");p.textContent=o.join("\\n");document.body.appendChild(p);</script></body>|' \
    "$work/out/index.html" >"$work/out/positions.html"
for w in 1280 1024; do
	chrome --window-size=$w,9000 --dump-dom "file://$work/out/positions.html" 2>/dev/null | grep -E '^panel |>panel ' |
		sed -e 's/.*>panel /panel /' -e 's/<.*//' >"$work/pos$w.txt"
	pos="$work/pos$w.txt"
	check "$w px: every panel on the page is laid out" test "$(grep -vc '^panel page' "$pos")" -eq "$(grep -o '<section class="panel' "$work/out/index.html" | wc -l)" -a "$(wc -l <"$pos")" -ge 10
	check "$w px: the programme panel is on the page" grep -q '^panel programme ' "$pos"
	[ $w = 1280 ] && check "$w px: every panel's heading is inside the 9000 px screenshot" awk '{ if ($3 + 60 > 9000 || $4 < 40) bad = 1 } END { exit bad }' "$pos"
	check "$w px: every panel, and the page, is within the window (no sideways page scrolling)" awk -v w=$w '{ if ($5 > w) bad = 1 } END { exit bad }' "$pos"
	# its tables wrap their headings, stack in pairs and go below their charts to fit
	check "$w px: nothing in the programme panel scrolls sideways" awk '$2 == "programme" { found = 1; if ($6 > 0) bad = 1 } END { exit bad || !found }' "$pos"
	check "$w px: no table or chart is clipped" awk '{ if ($7 > 0) bad = 1 } END { exit bad }' "$pos"
	check "$w px: no table and chart overlap" awk '{ if ($8 > 0) bad = 1 } END { exit bad }' "$pos"
	sed "s/^/# $w: /" "$pos"
done

# printed: A4 pages, more than one (a committee pack), from the print stylesheet
chrome --no-pdf-header-footer --print-to-pdf="$work/vs.pdf" "file://$work/out/index.html" >/dev/null 2>&1
check "the report prints to a PDF" sh -c 'test -s "$0" && head -c 5 "$0" | grep -q "%PDF-"' "$work/vs.pdf"
if command -v pdfinfo >/dev/null 2>&1; then
	pdfinfo "$work/vs.pdf" >"$work/pdfinfo.txt" 2>&1
	check "... on A4 (pdfinfo)" grep -q "^Page size: *595.*x 84[12].*(A4)" "$work/pdfinfo.txt"
	check "... over several pages" awk '/^Pages:/ { exit !($2 > 1) }' "$work/pdfinfo.txt"
else
	# no poppler-utils: each page's /MediaBox, in points (A4 is 595 x 842)
	grep -ao '/MediaBox *\[[^]]*\]' "$work/vs.pdf" >"$work/boxes.txt"
	check "... on A4 (/MediaBox 595 x 842)" sh -c 'test -s "$0" && ! grep -vqE "\[ *0 0 59[45](\.[0-9]+)? 84[12](\.[0-9]+)? *\]" "$0"' "$work/boxes.txt"
	check "... over several pages" test "$(wc -l <"$work/boxes.txt")" -gt 1
fi
echo "1..$n"
