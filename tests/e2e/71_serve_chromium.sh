# caseflow serve in a real browser: headless Chromium driven over the
# DevTools protocol by Node (tests/e2e/71_serve_browser.mjs): log in, the
# dashboard, a period and a locality, an indicator, a journey, log out; no
# console errors; screenshots at 1280 and 1024 px. Chromium and Node are
# large, so like 52_report_chromium this says SKIP loudly where they are
# absent (apt-get install chromium nodejs).
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
browser=""
for b in chromium chromium-browser; do command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }; done
if [ -z "$browser" ] || ! command -v node >/dev/null 2>&1 || ! node --experimental-websocket -e 'new WebSocket("ws://127.0.0.1:1").onerror=()=>{}' 2>/dev/null; then
	n=$((n + 1)); echo "ok $n - # SKIP chromium, or node >= 20.10 (WebSocket), is missing: the server was not tried in a browser"
	exit 0
fi
db="$work/t.db"
mkdir -p "$work/r/2023-24" "$work/loc" "$work/shots"
printf 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\nA,01/06/2023,S,C2,N1,U1,PR1,,,,LS1 4AB,,\nB,2023-05-10,S,V2,N2,K2,PR4,20/05/2023,X1,,,,\nC,01/01/2022,S,C2,N1,U3,PR1,,,,,,\n' > "$work/r/2023-24/episodes.csv"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,1,15/04/2008,WBRI,,,\nB,2,01/04/2023,WBRI,,,\nC,1,31/03/2008,WBRI,,,\n' > "$work/r/2023-24/header.csv"
printf 'area,locality\nLS1 4AB,North\nLS2 8CD,South\n' > "$work/loc/localities.csv"
printf 'child_id,postcode\nA,LS1 4AB\n' > "$work/loc/child_areas.csv"
"$cf" ingest --db "$db" "$work/r" "$work/loc" >/dev/null 2>&1
"$cf" programme --db "$db" --load "$CASEFLOW_TOP/examples/programme" >/dev/null 2>&1
echo pass-ann-0123 | "$cf" user add ann --role analyst --db "$db" 2>/dev/null
check "a store and an analyst" [ $? -eq 0 ]

"$cf" serve --db "$db" --listen 127.0.0.1:0 2>"$work/serve.log" &
spid=$!
i=0; while [ $i -lt 100 ] && ! grep -q "listening on" "$work/serve.log"; do sleep 0.05; i=$((i + 1)); done
port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")
check "the server is up" [ -n "$port" ]

profile="$work/profile"
timeout 180 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
	--disable-sync --no-first-run --user-data-dir="$profile" --remote-debugging-port=0 about:blank >"$work/chrome.log" 2>&1 &
cpid=$!
i=0; while [ $i -lt 200 ] && ! [ -s "$profile/DevToolsActivePort" ]; do sleep 0.1; i=$((i + 1)); done
dport=$(head -1 "$profile/DevToolsActivePort" 2>/dev/null)
page=$(curl -s "http://127.0.0.1:$dport/json/list" | sed -n 's/.*"webSocketDebuggerUrl": *"\(ws:[^"]*page[^"]*\)".*/\1/p' | head -1)
check "chromium's DevTools answer" [ -n "$page" ]
node --experimental-websocket "$CASEFLOW_TOP/tests/e2e/71_serve_browser.mjs" "$page" "http://127.0.0.1:$port" "ann pass-ann-0123" "$work/shots" 2>"$work/node.err" > "$work/node.out"
while IFS= read -r line; do
	case "$line" in
	"ok - "*) ok "${line#ok - }" ;;
	"not ok - "*) notok "${line#not ok - }" ;;
	esac
done < "$work/node.out"
check "the browser session reported its checks" [ "$(grep -c '^\(not \)\{0,1\}ok - ' "$work/node.out")" -ge 12 ]
check "screenshots at 1280 and 1024 px" sh -c 'test "$(wc -c <"$0/dashboard-1280.png")" -gt 20000 && test "$(wc -c <"$0/dashboard-1024.png")" -gt 20000' "$work/shots"
[ -n "${CASEFLOW_SHOTS:-}" ] && cp "$work/shots/"*.png "$CASEFLOW_SHOTS/" 2>/dev/null
kill $cpid 2>/dev/null; wait $cpid 2>/dev/null
kill -TERM $spid; wait $spid
check "the server stops cleanly" [ $? -eq 0 ]
check "the journey view is in the log as /child/ID, never the child" \
	sh -c 'grep -q " ann GET /child/ID 200 " "$0" && ! grep -q "/child/A" "$0"' "$work/serve.log"
cat "$work/node.err" | sed 's/^/# /' | head -5
