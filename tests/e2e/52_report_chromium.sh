# The Vital Signs in headless Chromium: renders without console errors, and a
# 1280 x 4000 screenshot holds every panel. Chromium is large, so neither
# tools/install-deps.sh nor CI installs it: this test runs where it is
# present (apt-get install chromium) and says SKIP loudly where not.
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
		--window-size=1280,4000 "$@"
}

# a store: the shared synthetic SSDA903 when present, else a hand-made return
if [ -n "$shared" ] && [ -d "$shared/data/ssda903-synth" ]; then
	"$cf" ingest --db "$work/t.db" "$shared/data/ssda903-synth" >/dev/null 2>&1
else
	mkdir -p "$work/r/2023-24"
	printf 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\nA,01/06/2023,S,C2,N1,U1,PR1,,,,,,\nC,01/01/2022,S,C2,N1,U3,PR1,,,,,,\n' >"$work/r/2023-24/episodes.csv"
	printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,1,15/04/2008,WBRI,,,\nC,1,31/03/2008,WBRI,,,\n' >"$work/r/2023-24/header.csv"
	"$cf" ingest --db "$work/t.db" "$work/r" >/dev/null 2>&1
fi
"$cf" report --db "$work/t.db" --out "$work/out" >/dev/null 2>&1
check "the report is written" test -s "$work/out/index.html"

chrome --enable-logging=stderr --v=0 --screenshot="$work/shot.png" "file://$work/out/index.html" >"$work/chrome.log" 2>&1
check "chromium takes a 1280 x 4000 screenshot" sh -c 'test -s "$0" && test "$(wc -c <"$0")" -gt 20000' "$work/shot.png"
check "no console messages (errors, blocked resources)" sh -c '! grep -E ":CONSOLE|Refused to|Failed to load" "$0"' "$work/chrome.log"

# where each panel lands: a copy of the page that reports section positions
sed -e 's|<meta http-equiv="Content-Security-Policy"[^>]*>||' \
    -e 's|</body>|<script>var o=[];document.querySelectorAll("section.panel").forEach(function(s){var r=s.getBoundingClientRect();o.push("panel "+s.id+" "+Math.round(r.top+window.scrollY)+" "+Math.round(r.height))});var p=document.createElement("pre");p.textContent=o.join("\\n");document.body.appendChild(p);</script></body>|' \
    "$work/out/index.html" >"$work/out/positions.html"
chrome --dump-dom "file://$work/out/positions.html" 2>/dev/null | grep -E '^panel |>panel ' | sed -e 's/.*>panel /panel /' -e 's/<.*//' >"$work/pos.txt"
check "all eight panels are laid out" test "$(wc -l <"$work/pos.txt")" -eq 8
check "every panel's heading is inside the 4000 px screenshot" awk '{ if ($3 + 60 > 4000 || $4 < 40) bad = 1 } END { exit bad }' "$work/pos.txt"
sed 's/^/# /' "$work/pos.txt"
