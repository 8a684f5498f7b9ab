# caseflow serve over real HTTP on the loopback interface: users and roles
# (a role x route matrix, every 403 audited), sessions (fixation, logout,
# idle timeout), CSRF, throttled logins, headers, path traversal, SQL and
# HTML metacharacters, an oversized body, silent connections, the JSON API
# against the CLI's --format json, the append-only audit log, SIGTERM.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
command -v curl >/dev/null 2>&1 || { echo "not ok 1 - curl is missing (tools/install-deps.sh check)"; exit 1; }
db="$work/t.db"
mkdir -p "$work/r/2023-24" "$work/loc"
cat > "$work/r/2023-24/episodes.csv" <<'CSV'
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
A,01/06/2023,S,C2,N1,U1,PR1,,,,LS1 4AB,LS2 8CD,
B,2023-05-10,S,V2,N2,K2,PR4,20/05/2023,X1,,,,
B,20/05/2023,P,V2,N2,u4,PR4,31/03/2024,E13,,,,
C,01/01/2022,S,C2,N1,U3,PR1,,,,,,
CSV
cat > "$work/r/2023-24/header.csv" <<'CSV'
CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
A,1,15/04/2008,WBRI,,,
B,2,01/04/2023,ZZZZ,,,
C,1,31/03/2008,WBRI,,,
CSV
printf 'area,locality\nLS1 4AB,North\nLS2 8CD,South\n' > "$work/loc/localities.csv"
printf 'child_id,postcode\nA,LS1 4AB\nC,LS2 8CD\n' > "$work/loc/child_areas.csv"
"$cf" ingest --db "$db" "$work/r" "$work/loc" >/dev/null 2>&1
check "the store loads" [ $? -eq 0 ]

# --- users --------------------------------------------------------------------
pw() { echo "pass-$1-0123"; }
adduser() { pw "$1" | "$cf" user add "$@" --db "$db" 2>>"$work/user.err"; }
adduser alice --role admin && adduser ann --role analyst && adduser max --role manager &&
	adduser nora --role locality --locality North && adduser vic --role viewer && adduser thr --role analyst
check "user add: five roles, passwords from standard input" [ $? -eq 0 ]
"$cf" user list --db "$db" > "$work/users.txt"
check "user list: names, roles and localities, no hashes" \
	sh -c 'grep -q "^nora	locality	active	North$" "$0" && grep -q "^alice	admin	active" "$0" && ! grep -q argon2 "$0"' "$work/users.txt"
check "passwords are stored as Argon2id hashes" [ "$(sqlite3 "$db" "SELECT count(*) FROM serve_users WHERE pwhash LIKE '\$argon2id\$%'")" = 6 ]
echo short | "$cf" user add sam --role viewer --db "$db" 2>/dev/null
check "user add: a short password is refused" [ $? -eq 1 ]
pw x | "$cf" user add alice --role viewer --db "$db" 2>/dev/null
check "user add: an existing name is refused" [ $? -eq 1 ]
pw x | "$cf" user add sam --role locality --db "$db" 2>/dev/null
check "user add: the locality role needs --locality" [ $? -eq 2 ]
"$cf" user add sam --role viewer --password secret --db "$db" </dev/null 2>/dev/null
check "user add: no password option on the command line" [ $? -eq 2 ]

# --- the server ------------------------------------------------------------------
start() {
	: > "$work/serve.log"
	t0=$(date +%s%N)
	"$cf" serve --db "$db" --listen 127.0.0.1:0 --conn-timeout 2 "$@" 2>>"$work/serve.log" &
	pid=$!
	i=0
	while [ $i -lt 100 ] && ! grep -q "listening on" "$work/serve.log"; do sleep 0.05; i=$((i + 1)); done
	t1=$(date +%s%N)
	port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")
	u="http://127.0.0.1:$port"
}
start
check "serve listens on a free port it prints, in under 2 s (ASan build; $(( (t1 - t0) / 1000000 )) ms)" \
	[ -n "$port" -a $(( (t1 - t0) / 1000000 )) -lt 2000 ]

code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
# login NAME [PASSWORD]: a session in $work/NAME.jar; prints the status of the POST
login() {
	jar="$work/$(printf %s "$1" | tr -c "A-Za-z0-9" _).jar"   # curl -b takes a name with = as cookies
	curl -s -c "$jar" -b "$jar" "$u/login" > "$work/login.html"
	pre=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$work/login.html")
	code -c "$jar" -b "$jar" --data-urlencode "csrf=$pre" --data-urlencode "user=$1" \
		--data-urlencode "password=${2:-$(pw "$1")}" "$u/login"
}
csrf_of() { curl -s -b "$work/$1.jar" "$u/admin/users" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1; }

check "not logged in: a page redirects to /login" [ "$(code "$u/")" = 303 ]
check "not logged in: the API answers 401" [ "$(code "$u/api/kpi")" = 401 ]
curl -s -D "$work/h.txt" -o /dev/null "$u/login"
check "headers: CSP with default-src 'self' and frame-ancestors 'none', nosniff" \
	sh -c 'grep -qi "^Content-Security-Policy: default-src '"'"'self'"'"';.*frame-ancestors '"'"'none'"'"'" "$0" && grep -qi "^X-Content-Type-Options: nosniff" "$0"' "$work/h.txt"
for who in alice ann max nora vic; do
	[ "$(login $who)" = 303 ] || echo "# login $who failed"
done
check "each role logs in (303 to /)" sh -c 'for w in alice ann max nora vic; do grep -q cf_session "$0/$w.jar" || exit 1; done' "$work"
curl -s -c "$work/h.jar" "$u/login" > "$work/login.html"
pre=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$work/login.html")
curl -s -b "$work/h.jar" -D "$work/h.txt" -o /dev/null --data-urlencode "csrf=$pre" -d user=vic --data-urlencode "password=$(pw vic)" "$u/login"
check "the session cookie is HttpOnly and SameSite=Strict, not Secure over plain HTTP" \
	sh -c 'grep -i "^Set-Cookie: cf_session=" "$0" | grep -i HttpOnly | grep -i "SameSite=Strict" | grep -vqi Secure' "$work/h.txt"

# --- the role x route matrix -------------------------------------------------------
before=$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action = 'forbidden'")
routes="/ /indicator/cla_started /child/A /api/kpi /api/records?indicator=cla_31mar /api/summary /upload /validate /benchmark /forecast /programme /api/programme /quality /api/quality /api/forecast /admin/users /admin/audit /admin/audit.csv"
expect() { # role route -> status
	case "$1:$2" in
	alice:/api/programme|ann:/api/programme) echo 404 ;;   # no programme loaded yet: caseflow's words say how
	alice:*) echo 200 ;;
	*:/admin/*) echo 403 ;;
	ann:*) echo 200 ;;
	*:/upload|*:/validate) echo 403 ;;
	max:/child/A|vic:/child/A) echo 403 ;;
	max:/api/records*|vic:/api/records*) echo 403 ;;
	nora:/api/summary|vic:/api/summary) echo 403 ;;
	nora:/forecast|nora:/programme|nora:/api/programme|nora:/quality|nora:/api/quality|nora:/api/forecast) echo 403 ;;
	*:/api/programme) echo 404 ;;
	*) echo 200 ;;
	esac
}
bad="" n403=0
for who in alice ann max nora vic; do
	for r in $routes; do
		e=$(expect $who $r); g=$(code -b "$work/$who.jar" "$u$r")
		[ "$e" = "$g" ] || bad="$bad $who:$r=$g(want $e)"
		[ "$e" = 403 ] && n403=$((n403 + 1))
	done
done
check "role x route matrix (5 roles x 18 routes)${bad:+:$bad}" [ -z "$bad" ]
after=$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action = 'forbidden'")
check "every 403 of the matrix is audited ($n403)" [ $((after - before)) -eq $n403 ]

# --- the records behind a figure -----------------------------------------------------
"$cf" kpi --db "$db" --indicator cla_31mar --records --format json >"$work/rec_cli.json" 2>/dev/null
curl -s -b "$work/ann.jar" "$u/api/records?indicator=cla_31mar" >"$work/rec_api.json"
check "/api/records is kpi --records --format json, byte for byte (analyst)" sh -c 'test -s "$0" && cmp -s "$0" "$1"' "$work/rec_cli.json" "$work/rec_api.json"
curl -s -b "$work/nora.jar" "$u/api/records?indicator=cla_31mar" >"$work/rec_nora.json"
check "/api/records for the locality role: only its locality's children (A, not C)" \
	sh -c 'grep -q "\"child\": *\"A\"" "$0" && ! grep -q "\"child\": *\"C\"" "$0"' "$work/rec_nora.json"
check "/api/records: another locality is refused to the locality role (403)" \
	[ "$(code -b "$work/nora.jar" "$u/api/records?indicator=cla_31mar&by=locality&group=South")" = 403 ]
check "/api/records: no indicator or a bad period is 400" \
	[ "$(code -b "$work/ann.jar" "$u/api/records")-$(code -b "$work/ann.jar" "$u/api/records?indicator=cla_31mar&period=2023;DROP")" = 400-400 ]
check "the records listed are audited, with how many rows" \
	[ "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action = 'view_records' AND detail LIKE 'cla_31mar %rows'")" -ge 2 ]
curl -s -b "$work/ann.jar" "$u/indicator/cla_31mar" >"$work/ind_ann.html"
curl -s -b "$work/max.jar" "$u/indicator/cla_31mar" >"$work/ind_max.html"
check "/indicator/ID lists the records behind the figure for an analyst, not for a manager" \
	sh -c 'grep -q "The records behind the figure" "$0" && ! grep -q "The records behind the figure" "$1"' "$work/ind_ann.html" "$work/ind_max.html"
check "locality role: a child outside its localities is 403, audited with the child" \
	sh -c '[ "$(curl -s -o /dev/null -w "%{http_code}" -b "$0/nora.jar" "$1/child/C")" = 403 ] &&
	       [ "$(sqlite3 "$2" "SELECT count(*) FROM audit_log WHERE user = '"'nora'"' AND action = '"'forbidden'"' AND detail LIKE '"'child C:%'"'")" = 1 ]' "$work" "$u" "$db"
check "a journey view is audited: who, from where, which child, how many" \
	[ "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE user = 'ann' AND addr = '127.0.0.1' AND action = 'view_child' AND detail LIKE '1 child (A)%'")" = 1 ]
check "the audit export is a CSV attachment" \
	sh -c 'curl -s -D - -o /dev/null -b "$0/alice.jar" "$1/admin/audit.csv" | grep -qi "^Content-Disposition: attachment; filename=\"caseflow-audit.csv\""' "$work" "$u"
check "the audit export is audited" [ "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE user = 'alice' AND action = 'export'")" = 2 ]

# --- what each role sees ---------------------------------------------------------------
"$cf" kpi --db "$db" --format json > "$work/cli.json" 2>/dev/null
curl -s -b "$work/ann.jar" "$u/api/kpi" > "$work/api.json"
check "/api/kpi is the CLI's kpi --format json, byte for byte" cmp -s "$work/cli.json" "$work/api.json"
"$cf" kpi --db "$db" --format json --by locality --period 2023-24 > "$work/cli.json" 2>/dev/null
curl -s -b "$work/max.jar" "$u/api/kpi?by=locality&period=2023-24" > "$work/api.json"
check "/api/kpi?by=locality&period= is kpi --by locality --period" cmp -s "$work/cli.json" "$work/api.json"
"$cf" summary --db "$db" --format json > "$work/cli.json" 2>/dev/null
curl -s -b "$work/ann.jar" "$u/api/summary" > "$work/api.json"
check "/api/summary is the CLI's summary --format json" cmp -s "$work/cli.json" "$work/api.json"
"$cf" quality --db "$db" --format json > "$work/cli.json" 2>/dev/null
curl -s -b "$work/ann.jar" "$u/api/quality" > "$work/api.json"
check "/api/quality is the CLI's quality --format json, byte for byte (analyst)" \
	sh -c 'cmp -s "$0" "$1" && grep -q "\"examples\"" "$1"' "$work/cli.json" "$work/api.json"
"$cf" quality --db "$db" --return 1 --format json > "$work/cli.json" 2>/dev/null
check "/api/quality?return=1 is quality --return 1" sh -c 'curl -s -b "$0/alice.jar" "$1/api/quality?return=1" | cmp -s - "$2"' "$work" "$u" "$work/cli.json"
check "/api/quality: an unknown return is 404, a malformed one 400" \
	[ "$(code -b "$work/ann.jar" "$u/api/quality?return=999")-$(code -b "$work/ann.jar" "$u/api/quality?return=1;DROP")" = 404-400 ]
curl -s -b "$work/max.jar" "$u/api/quality" > "$work/max.json"
check "/api/quality for a manager: the same groups, without examples or messages" \
	sh -c 'grep -q "\"reason\"" "$0" && ! grep -q "\"examples\"\|\"message\"" "$0" &&
	       [ "$(grep -c "\"reason\"" "$0")" = "$(grep -c "\"reason\"" "$1")" ]' "$work/max.json" "$work/api.json"
check "/quality: the analyst sees the examples, audited; the manager the counts" \
	sh -c 'curl -s -b "$0/ann.jar" "$1/quality" | grep -q "<th scope=\"col\">examples</th>" &&
	       curl -s -b "$0/max.jar" "$1/quality" > "$0/q.html" && grep -q "id=\"quality\"" "$0/q.html" && ! grep -q ">examples<" "$0/q.html" &&
	       [ "$(sqlite3 "$2" "SELECT count(*) FROM audit_log WHERE user = '"'ann'"' AND action = '"'view_quality'"'")" -ge 2 ]' "$work" "$u" "$db"
"$cf" forecast --db "$db" --format json > "$work/cli.json" 2>/dev/null
curl -s -b "$work/max.jar" "$u/api/forecast" > "$work/api.json"
check "/api/forecast is the CLI's forecast --format json, byte for byte" sh -c 'cmp -s "$0" "$1" && [ -s "$1" ]' "$work/cli.json" "$work/api.json"
"$cf" forecast --db "$db" --months 6 --method exact-age --runs 20 --seed 7 --bands 10,90 --table costs --format json > "$work/cli.json" 2>/dev/null
curl -s -b "$work/max.jar" "$u/api/forecast?months=6&method=exact-age&runs=20&seed=7&bands=10,90&table=costs" > "$work/api.json"
check "/api/forecast?months=6&method=exact-age&runs=20&seed=7&bands=10,90&table=costs is the CLI's with those options" \
	sh -c 'cmp -s "$0" "$1" && [ -s "$1" ]' "$work/cli.json" "$work/api.json"
check "/api/forecast: a bad parameter is 400 with a JSON error naming it" \
	sh -c 'for q in "months=0" "months=x" "runs=100000" "method=magic" "start=2024-13-01" "table=scenario" "bands=90,10" "bands=$(printf '1,%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33)"; do
	       [ "$(curl -s -o "$0/e.json" -w "%{http_code}" -b "$0/max.jar" "$1/api/forecast?$q")" = 400 ] && grep -q "^{\"error\":" "$0/e.json" || exit 1; done' "$work" "$u"
# --- pages that run outside the server's lock, at once --------------------------------------
pids=""
for q in 2023-24 2023-24Q1 2023-24Q2 2023-24Q3 2023-24Q4 2023-24; do
	curl -s -o "$work/par-$q.json" -b "$work/max.jar" "$u/api/kpi?period=$q" & pids="$pids $!"
	curl -s -o "$work/par-$q.html" -w '%{http_code}\n' -b "$work/ann.jar" "$u/?period=$q" >> "$work/par.codes" & pids="$pids $!"
	curl -s -o /dev/null -w '%{http_code}\n' -b "$work/max.jar" "$u/api/forecast?months=3" >> "$work/par.codes" & pids="$pids $!"
done
wait $pids
bad=""
for q in 2023-24 2023-24Q1 2023-24Q2 2023-24Q3 2023-24Q4; do
	"$cf" kpi --db "$db" --period $q --format json > "$work/cli.json" 2>/dev/null
	cmp -s "$work/cli.json" "$work/par-$q.json" || bad="$bad $q"
	grep -q 'id="headlines"' "$work/par-$q.html" || bad="$bad page:$q"
done
check "18 requests at once (dashboards, /api/kpi, /api/forecast on their threads' own connections): all 200, each the CLI's figures${bad:+:$bad}" \
	sh -c '[ -z "$1" ] && [ "$(grep -c "^200$" "$0")" = 12 ]' "$work/par.codes" "$bad"

# --- forecast scenarios: run with parameters, saved per user or shared, audited ---------------
curl -s -b "$work/max.jar" "$u/forecast?months=6&method=exact-age&entrants=constant&runs=&seed=" > "$work/f.html"
check "/forecast with parameters runs them: the costs table and a save form" \
	sh -c 'grep -q "id=\"forecast-run\"" "$0" && grep -q "<caption>Children in care at each month-end" "$0" &&
	       grep -q "name=\"action\" value=\"save\"" "$0" && grep -q "name=\"method\" value=\"exact-age\"" "$0"' "$work/f.html"
mtok=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$work/f.html" | head -1)
loc=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$work/max.jar" -d csrf=$mtok -d action=save -d months=6 -d method=exact-age \
	--data-urlencode 'name=Max <b>plan</b>' "$u/forecast")
sid=${loc##*scenario=}
check "saving a scenario: 303 to /forecast?scenario=ID, kept with its parameters" \
	sh -c '[ -n "$1" ] && [ "$(sqlite3 "$0" "SELECT owner || \"|\" || shared || \"|\" || replace(params, char(10), \";\") FROM serve_scenarios WHERE id = $1")" = "max|0|months=6;method=exact-age;" ]' "$db" "$sid"
check "saving is audited (who, which scenario)" \
	[ "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE user = 'max' AND action = 'scenario_save' AND detail LIKE 'scenario $sid (Max <b>plan</b>)'")" = 1 ]
curl -s -b "$work/max.jar" "$u/forecast?scenario=$sid" > "$work/f.html"
check "the owner runs it: its name escaped, the saved months (6 month-ends)" \
	sh -c 'grep -q "<h2>Max &lt;b&gt;plan&lt;/b&gt;</h2>" "$0" && ! grep -q "<b>plan" "$0" && grep -q "name=\"months\" value=\"6\"" "$0"' "$work/f.html"
check "a scenario not shared is its owner's: another user gets 404" [ "$(code -b "$work/ann.jar" "$u/forecast?scenario=$sid")" = 404 ]
loc=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$work/max.jar" -d csrf=$mtok -d action=save -d months=12 -d shared=1 \
	-d name=Council "$u/forecast")
cid=${loc##*scenario=}
check "a scenario shared with the council: others run it and see it listed" \
	sh -c '[ "$(curl -s -o /dev/null -w "%{http_code}" -b "$0/ann.jar" "$1/forecast?scenario=$2")" = 200 ] &&
	       curl -s -b "$0/vic.jar" "$1/forecast" | grep -q "href=\"/forecast?scenario=$2\">Council<" &&
	       ! curl -s -b "$0/vic.jar" "$1/forecast" | grep -q "scenario=$3\""' "$work" "$u" "$cid" "$sid"
check "saving needs the CSRF token (403) and a role that may save (viewer 403)" \
	[ "$(code -b "$work/max.jar" -d action=save -d name=x "$u/forecast")-$(code -b "$work/vic.jar" -d action=save -d name=x "$u/forecast")" = 403-403 ]
check "saving checks the parameters (months=999: 400, nothing saved)" \
	sh -c '[ "$(curl -s -o /dev/null -w "%{http_code}" -b "$0/max.jar" -d csrf=$2 -d action=save -d months=999 -d name=bad "$1/forecast")" = 400 ] &&
	       [ "$(sqlite3 "$3" "SELECT count(*) FROM serve_scenarios WHERE name = '"'bad'"'")" = 0 ]' "$work" "$u" "$mtok" "$db"
atok=$(curl -s -b "$work/ann.jar" "$u/forecast" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
check "another user cannot delete it (404); its owner can (303), audited" \
	sh -c '[ "$(curl -s -o /dev/null -w "%{http_code}" -b "$0/ann.jar" -d csrf=$2 -d action=delete -d id=$3 "$1/forecast")" = 404 ] &&
	       [ "$(curl -s -o /dev/null -w "%{http_code}" -b "$0/max.jar" -d csrf=$4 -d action=delete -d id=$3 "$1/forecast")" = 303 ] &&
	       [ "$(curl -s -o /dev/null -w "%{http_code}" -b "$0/ann.jar" "$1/forecast?scenario=$3")" = 404 ] &&
	       [ "$(sqlite3 "$5" "SELECT group_concat(user || \":\" || status) FROM audit_log WHERE action = '"'scenario_delete'"'")" = "ann:404,max:303" ]' \
	"$work" "$u" "$atok" "$cid" "$mtok" "$db"
sqlite3 "$db" "UPDATE serve_scenarios SET params = 'months=999' || char(10) WHERE id = $sid"
check "a saved scenario's parameters are checked again when it runs (400, no forecast)" \
	sh -c '[ "$(curl -s -o "$0/f.html" -w "%{http_code}" -b "$0/max.jar" "$1/forecast?scenario=$2")" = 400 ] && grep -q "months is 1 to 120" "$0/f.html"' "$work" "$u" "$sid"
curl -s -b "$work/vic.jar" "$u/api/kpi" > "$work/vic.json"
check "viewer: counts below the threshold are suppressed" \
	sh -c 'grep -q "\"suppressed\": true" "$0" && ! grep -q "\"numerator\": [1-4]," "$0"' "$work/vic.json"
curl -s -b "$work/nora.jar" "$u/api/kpi?by=sex" > "$work/nora.json"
check "locality role: the API gives its own localities' rows only" \
	sh -c 'grep -q "\"group\": \"North\"" "$0" && ! grep "\"group\": " "$0" | grep -vq "\"group\": \"North\""' "$work/nora.json"
curl -s -b "$work/nora.jar" "$u/" > "$work/nora.html"
# the tile of children looked after at period end: one of the report's panels
tile() { tr -d '\n' <"$1" | sed 's/<div class="tile/\n&/g' | grep "<h3>Children looked after</h3>" | head -1 | sed -n 's/.*<p class="v">\([^<]*\)<.*/\1/p'; }
check "locality role: the dashboard shows North, and the report's panels drawn for North alone" \
	sh -c 'grep -q "<td>North</td>" "$0" && ! grep -q "<td>South</td>" "$0" && grep -q "id=\"headlines\"" "$0" &&
	       grep -q "The panels below are North&#39;s\|The panels below are North.s" "$0" && ! grep -q "id=\"forecast\"" "$0" &&
	       ! grep -q "id=\"localities\"" "$0"' "$work/nora.html"
check "... its headline tile counts North's child in care (A), 1" [ "$(tile "$work/nora.html")" = 1 ]
check "locality role: its dashboard has its own trend by financial year" \
	sh -c 'grep -q "<caption>Your localities by financial year</caption>" "$0" && grep -q "<td>2023-24</td>" "$0"' "$work/nora.html"
curl -s -b "$work/max.jar" "$u/?locality=South" > "$work/south.html"
check "manager, a chosen locality: its indicators and trend, then the report's panels drawn for it, said so" \
	sh -c 'grep -q "Indicators for South" "$0" && grep -q "<caption>South by financial year</caption>" "$0" &&
	       ! grep -q "<td>North</td>" "$0" && grep -q "id=\"headlines\"" "$0" && grep -q "panels below are South" "$0" &&
	       ! grep -q "id=\"forecast\"" "$0"' "$work/south.html"
check "... its headline tile counts South's child in care (C), 1" [ "$(tile "$work/south.html")" = 1 ]
check "locality role: another locality is 403" [ "$(code -b "$work/nora.jar" "$u/?locality=South")" = 403 ]
curl -s -b "$work/max.jar" "$u/" > "$work/max.html"
check "manager: the dashboard has the report's panels and no child IDs" \
	sh -c 'for p in headlines funnel placements trends localities; do grep -q "id=\"$p\"" "$0" || exit 1; done;
	       ! grep -q "/child/" "$0"' "$work/max.html"
check "the forecast and programme pages are the report's panels" \
	sh -c 'curl -s -b "$0/max.jar" "$1/forecast" | grep -q "<section class=\"panel\" id=\"forecast\">" &&
	       curl -s -b "$0/max.jar" "$1/programme" | grep -q "<section class=\"panel\" id=\"programme\">"' "$work" "$u"
# the programme: /api/programme and programme show call programme_show;
# loaded while the server runs (before it, /api/programme is 404)
"$cf" programme --db "$db" --load "$CASEFLOW_TOP/examples/programme" >/dev/null 2>&1
"$cf" programme show --db "$db" --view all --as-of 2024-03-31 --format json >"$work/prog_cli.json" 2>/dev/null
curl -s -b "$work/max.jar" "$u/api/programme?as_of=2024-03-31" >"$work/prog_max.json"
check "/api/programme is programme show --view all --format json, byte for byte (manager)" \
	sh -c 'grep -q "\"business_case\"" "$0" && cmp -s "$0" "$1"' "$work/prog_cli.json" "$work/prog_max.json"
"$cf" programme show --db "$db" --view milestones --as-of 2024-03-31 --format json >"$work/prog_cli.json" 2>/dev/null
check "/api/programme?view=milestones is --view milestones" \
	sh -c 'curl -s -b "$0/ann.jar" "$1/api/programme?view=milestones&as_of=2024-03-31" | cmp -s - "$2"' "$work" "$u" "$work/prog_cli.json"
check "/api/programme: no as_of judges on the data's last day (2024-03-31 here)" \
	sh -c 'curl -s -b "$0/max.jar" "$1/api/programme" | cmp -s - "$2"' "$work" "$u" "$work/prog_max.json"
check "/api/programme: a bad view or date is 400, an unknown programme 404" \
	[ "$(code -b "$work/max.jar" "$u/api/programme?view=all;DROP")-$(code -b "$work/max.jar" "$u/api/programme?as_of=31-31-2024")-$(code -b "$work/max.jar" "$u/api/programme?name=nosuch")" = 400-400-404 ]
curl -s -b "$work/vic.jar" "$u/api/programme?view=benefits&as_of=2024-03-31" >"$work/prog_vic.json"
curl -s -b "$work/max.jar" "$u/api/programme?view=benefits&as_of=2024-03-31" >"$work/prog_mgr.json"
# the store's monthly cla_31mar is 1 or 2 children: the manager sees them as
# B1's actuals, the viewer (suppression below 5) the sheet's actuals only
check "viewer: a benefit's monthly actual from a suppressed count is left out" \
	sh -c 'grep -q "\"benefit\": \"B1\".*\"latest_actual\": 2," "$0" && grep -q "\"benefit\": \"B1\".*\"latest_actual\": null," "$1"' \
	"$work/prog_mgr.json" "$work/prog_vic.json"
curl -s -b "$work/vic.jar" "$u/" > "$work/vic.html"
check "viewer: the dashboard says counts are suppressed" grep -q '<td class="num">c</td>\|>c<' "$work/vic.html"

# --- sessions ---------------------------------------------------------------------------
fixed=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
printf '127.0.0.1\tFALSE\t/\tFALSE\t0\tcf_session\t%s\n' "$fixed" > "$work/fix.jar"
curl -s -c "$work/fix.jar" -b "$work/fix.jar" "$u/login" > "$work/login.html"
pre=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$work/login.html")
curl -s -D "$work/fix.h" -o /dev/null -b "$work/fix.jar" --data-urlencode "csrf=$pre" -d user=max \
	--data-urlencode "password=$(pw max)" "$u/login"
check "session fixation: login issues a new token, never the one the client brought" \
	sh -c 'grep -qi "^Set-Cookie: cf_session=[0-9a-f]\{64\}" "$0" && ! grep -qi "cf_session=$1" "$0"' "$work/fix.h" "$fixed"
check "session fixation: the fixed token is not logged in" \
	[ "$(code -H "Cookie: cf_session=$fixed" "$u/")" = 303 ]
check "a forged cookie of the right shape is not a session" \
	[ "$(code -H "Cookie: cf_session=$(echo "$fixed" | tr 0 f)" "$u/api/kpi")" = 401 ]
check "sessions are kept as hashes: no cookie token in the store" \
	sh -c '! sqlite3 "$0" .dump | grep -q "$(grep cf_session "$1" | cut -f7)"' "$db" "$work/max.jar"
sqlite3 "$db" "UPDATE serve_sessions SET last_seen = last_seen - 3600 WHERE user = 'max'"
check "idle timeout: a session unused for 30 minutes is over" [ "$(code -b "$work/max.jar" "$u/")" = 303 ]

# --- CSRF ----------------------------------------------------------------------------------
tok=$(csrf_of alice)
check "CSRF: adding a user without the token is 403" [ "$(code -b "$work/alice.jar" -d action=add -d name=eve -d role=viewer -d password=pass-eve-0123 "$u/admin/users")" = 403 ]
check "CSRF: with a wrong token, 403" [ "$(code -b "$work/alice.jar" -d csrf=$fixed -d action=add -d name=eve -d role=viewer -d password=pass-eve-0123 "$u/admin/users")" = 403 ]
check "CSRF: refused requests change nothing" [ "$(sqlite3 "$db" "SELECT count(*) FROM serve_users WHERE name = 'eve'")" = 0 ]
check "CSRF: with the session's token, the user is added (303)" [ "$(code -b "$work/alice.jar" -d csrf=$tok -d action=add -d name=eve -d role=viewer -d password=pass-eve-0123 "$u/admin/users")" = 303 ]
check "the web's user change is audited" [ "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE user = 'alice' AND action = 'user_add' AND detail LIKE 'user eve,%'")" = 1 ]
check "CSRF: logout without the token is 403 and the session lives" \
	sh -c '[ "$(curl -s -o /dev/null -w "%{http_code}" -b "$0/vic.jar" -X POST "$1/logout")" = 403 ] &&
	       [ "$(curl -s -o /dev/null -w "%{http_code}" -b "$0/vic.jar" "$1/")" = 200 ]' "$work" "$u"
check "CSRF: a login POST without the form's cookie is 403" \
	[ "$(code --data-urlencode "csrf=$fixed" -d user=vic --data-urlencode "password=$(pw vic)" "$u/login")" = 403 ]
vtok=$(curl -s -b "$work/vic.jar" "$u/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
check "logout with the token ends the session" \
	sh -c '[ "$(curl -s -o /dev/null -w "%{http_code}" -b "$0/vic.jar" -d csrf=$2 "$1/logout")" = 303 ] &&
	       [ "$(curl -s -o /dev/null -w "%{http_code}" -b "$0/vic.jar" "$1/")" = 303 ]' "$work" "$u" "$vtok"
check "a disabled user's sessions end" \
	sh -c '"$3" user disable nora --db "$2" 2>/dev/null && [ "$(curl -s -o /dev/null -w "%{http_code}" -b "$0/nora.jar" "$1/")" = 303 ]' "$work" "$u" "$db" "$cf"

# --- throttled logins -----------------------------------------------------------------------
for i in 1 2 3 4 5; do login thr wrong-password-$i > /dev/null; done
check "throttling: the 6th login in 15 minutes is refused even with the right password (429)" [ "$(login thr)" = 429 ]
check "throttling: failures and the refusal are audited" \
	[ "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action = 'login_failed' AND detail = 'user thr'")-$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action = 'login_throttled'")" = 5-1 ]
[ "$(login nobody-here wrong-password)" = 401 ]
check "an unknown user: 401 like a wrong password, audited" [ $? -eq 0 -a "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action = 'login_failed' AND detail LIKE 'user nobody-here (no such user)'")" = 1 ]

pw max-new | "$cf" user passwd max --db "$db" 2>/dev/null
check "user passwd: the old password no longer logs in (401), the new one does (303)" \
	[ "$(login max)-$(login max "$(pw max-new)")" = 401-303 ]

# --- hostile input ---------------------------------------------------------------------------
check "path traversal: /static/../../etc/passwd is 404" \
	sh -c '[ "$(curl -s --path-as-is -o "$0/t.out" -w "%{http_code}" "$1/static/../../../../etc/passwd")" = 404 ] && ! grep -q root: "$0/t.out"' "$work" "$u"
check "path traversal: /child/..%2F..%2Fetc%2Fpasswd is not a file" \
	sh -c 'c=$(curl -s --path-as-is -o "$0/t.out" -w "%{http_code}" -b "$0/ann.jar" "$1/child/..%2F..%2Fetc%2Fpasswd"); [ "$c" = 404 ] && ! grep -q root: "$0/t.out"' "$work" "$u"
curl -s -b "$work/alice.jar" -G --data-urlencode 'period=<script>alert(1)</script>' "$u/" -o "$work/x.html" -w '%{http_code}' > "$work/x.code"
check "HTML in a parameter: 400, and never echoed as markup" sh -c '[ "$(cat "$0.code")" = 400 ] && ! grep -q "<script" "$0.html"' "$work/x"
curl -s -b "$work/alice.jar" -G --data-urlencode "locality=' OR 1=1 --<b>" "$u/" -o "$work/x.html"
check "SQL and HTML in locality: no rows, escaped in the page" \
	sh -c 'grep -q "id=\"locality\"" "$0" && ! grep -q "<td>North</td>" "$0" && ! grep -q -- "--<b>" "$0" && grep -q "&#39; OR 1=1 --&lt;b&gt;" "$0"' "$work/x.html"
check "SQL in a child ID: 404, nothing listed" [ "$(code -b "$work/ann.jar" "$u/child/%27%20OR%20%271%27=%271")" = 404 ]
c=$(login "x' OR '1'='1" "' OR '1'='1")
check "SQL in a user name at login: 401 ($c)" [ "$c" = 401 ]
check "a bad ?by= on the API: 400 with a JSON error" \
	sh -c '[ "$(curl -s -b "$0/ann.jar" -G --data-urlencode "by=<x>" -o "$0/e.json" -w "%{http_code}" "$1/api/kpi")" = 400 ] && grep -q "^{\"error\": *\"by must be" "$0/e.json"' "$work" "$u"
check "the audit log stays intact after hostile input" [ "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok ]
head -c 100000 /dev/zero | tr '\0' a > "$work/big.txt"
check "an oversized body is refused with 413" [ "$(code -b "$work/alice.jar" --data-binary @"$work/big.txt" "$u/admin/users")" = 413 ]
check "an unknown page is 404, a wrong method 405" [ "$(code "$u/nope")-$(code -X DELETE "$u/login")" = 404-405 ]

# --- silent clients --------------------------------------------------------------------------
# connections that open and send nothing, held open from our side by a
# FIFO; counted in /proc/net/tcp as the server's ESTABLISHED sockets
established() { awk -v p=":$(printf '%04X' "$port")" '$2 ~ p"$" && $4 == "01" { n++ } END { print n + 0 }' /proc/net/tcp; }
mkfifo "$work/hold"
sleep 30 > "$work/hold" & holder=$!
curls=""
for i in 1 2 3 4 5 6 7 8 9 10; do curl -s telnet://127.0.0.1:$port < "$work/hold" >/dev/null 2>&1 & curls="$curls $!"; done
sleep 0.7
open=$(established)
check "ten silent connections are open ($open) and the server still answers" [ "$open" -ge 10 -a "$(code -m 5 "$u/login")" = 200 ]
sleep 3
open=$(established)
check "the server closes them after the 2 s connection timeout ($open left after 3.7 s)" [ "$open" -eq 0 ]
kill $holder $curls 2>/dev/null
wait $holder $curls 2>/dev/null

# --- the log, the audit log, stopping ------------------------------------------------------------
check "one log line per request, with the route, never a child's ID" \
	sh -c 'grep -q " ann GET /child/ID 200 " "$0" && ! grep -Eq "/child/[A-C]( |$)" "$0" && ! grep -q "period=" "$0"' "$work/serve.log"
sqlite3 "$db" "UPDATE audit_log SET user = 'x'" 2>/dev/null
check "the audit log refuses UPDATE" [ $? -ne 0 -a "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE user = 'x'")" = 0 ]
sqlite3 "$db" "DELETE FROM audit_log" 2>/dev/null
check "the audit log refuses DELETE" [ $? -ne 0 -a "$(sqlite3 "$db" "SELECT count(*) FROM audit_log")" -gt 20 ]
# password spraying: 50 failures from one address in 15 minutes close logins from it, whatever the name
sqlite3 "$db" "DELETE FROM serve_login_failures"   # the window so far (the table is not the audit log)
i=0; while [ $i -lt 50 ]; do login "bad name $i" x > /dev/null; i=$((i + 1)); done
check "throttling by address: after 50 failures from one address, a right password is refused (429)" [ "$(login alice)" = 429 ]
check "and audited" [ "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action = 'login_throttled' AND detail LIKE 'address: 50 failures%'")" = 1 ]

curl -s -b "$work/ann.jar" "$u/api/kpi" > "$work/before.json"
kill -TERM $pid
i=0; while [ $i -lt 100 ] && kill -0 $pid 2>/dev/null; do sleep 0.05; i=$((i + 1)); done
wait $pid; rc=$?
check "SIGTERM stops the server cleanly (exit 0, 'stopped')" sh -c '[ $0 -eq 0 ] && grep -q "caseflow serve: stopped" "$1"' $rc "$work/serve.log"
start
check "a restarted server serves the same figures to the same session" \
	sh -c 'curl -s -b "$0/ann.jar" "$1/api/kpi" | cmp -s - "$0/before.json"' "$work" "$u"
kill -INT $pid
wait $pid
check "SIGINT stops it too" [ $? -eq 0 ]

# --- IPv6 -----------------------------------------------------------------------------------
"$cf" serve --db "$db" --listen '::1:8080' 2>"$work/v6.err"
check "--listen: an IPv6 address without brackets is a usage error (2)" sh -c '[ $0 -eq 2 ] && grep -q "IPv6 one in brackets" "$1"' $? "$work/v6.err"
if grep -q " lo$" /proc/net/if_inet6 2>/dev/null && grep -q "^0\{31\}1 " /proc/net/if_inet6; then
	: > "$work/serve6.log"
	"$cf" serve --db "$db" --listen '[::1]:0' 2>>"$work/serve6.log" &
	pid=$!
	i=0; while [ $i -lt 100 ] && ! grep -q "listening on" "$work/serve6.log"; do sleep 0.05; i=$((i + 1)); done
	port6=$(sed -n 's|.*listening on http://\[::1\]:\([0-9]*\)/.*|\1|p' "$work/serve6.log")
	check "--listen [::1]:0: listening on http://[::1]:PORT/" [ -n "$port6" ]
	check "over IPv6: the API is the same as over IPv4 for the same session" \
		sh -c 'curl -s -g -H "Cookie: cf_session=$(awk "\$6 == \"cf_session\" { print \$7 }" "$0/ann.jar")" "http://[::1]:$1/api/kpi" |
		       cmp -s - "$0/before.json"' "$work" "$port6"
	# the log line is written once the response is done, which can come after curl has its
	# answer: wait for it (at most 5 s)
	i=0; while [ $i -lt 100 ] && ! grep -q " ann GET /api/kpi " "$work/serve6.log"; do sleep 0.05; i=$((i + 1)); done
	check "over IPv6: the request log records the client as ::1" \
		sh -c 'grep -q " ::1 ann GET /api/kpi 200 " "$0"' "$work/serve6.log"
	grep -q " ::1 ann GET /api/kpi 200 " "$work/serve6.log" || sed 's/^/# serve6.log: /' "$work/serve6.log" | tail -5
	kill -TERM $pid
	wait $pid
	check "the IPv6 server stops cleanly" [ $? -eq 0 ]
else
	ok "--listen [::1] # SKIP no IPv6 loopback (::1) on this machine"
fi
