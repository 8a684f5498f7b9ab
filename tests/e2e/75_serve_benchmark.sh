# caseflow serve's /benchmark and /api/benchmark on DfE's published tables:
# the API is caseflow benchmark --la CODE --format json, byte for byte; the
# viewer's own-authority values are suppressed below the threshold; a bad
# LA or indicator is a 400 that echoes nothing.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
need_shared "DfE published tables" || exit 0
command -v curl >/dev/null 2>&1 || { echo "not ok 1 - curl is missing (tools/install-deps.sh check)"; exit 1; }
db="$work/t.db"
mkdir -p "$work/r/2023-24"
printf 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\nA,01/06/2023,S,C2,N1,U1,PR1,,,,,,\nC,01/01/2022,S,C2,N1,U3,PR1,,,,,,\n' > "$work/r/2023-24/episodes.csv"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,1,15/04/2008,WBRI,,,\nC,1,31/03/2008,WBRI,,,\n' > "$work/r/2023-24/header.csv"
"$cf" ingest --db "$db" "$shared/data/dfe" "$work/r" >/dev/null 2>&1
check "the published tables and a return load" [ $? -eq 0 ]
for w in ann:analyst vic:viewer; do echo "pass-${w%%:*}-0123" | "$cf" user add "${w%%:*}" --role "${w#*:}" --db "$db" 2>/dev/null; done
"$cf" serve --db "$db" --listen 127.0.0.1:0 2>"$work/serve.log" &
pid=$!
i=0; while [ $i -lt 100 ] && ! grep -q "listening on" "$work/serve.log"; do sleep 0.05; i=$((i + 1)); done
u="http://127.0.0.1:$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")"
login() {
	curl -s -c "$work/$1.jar" "$u/login" > "$work/login.html"
	pre=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$work/login.html")
	curl -s -o /dev/null -c "$work/$1.jar" -b "$work/$1.jar" --data-urlencode "csrf=$pre" -d user=$1 -d password=pass-$1-0123 "$u/login"
}
login ann; login vic
"$cf" benchmark --db "$db" --la 380 --years 5 --format json > "$work/cli.json" 2>/dev/null
curl -s -b "$work/ann.jar" "$u/api/benchmark?la=380&years=5" > "$work/api.json"
check "/api/benchmark is caseflow benchmark --format json" cmp -s "$work/cli.json" "$work/api.json"
check "the authority's own value is there for the analyst" grep -q '"indicator": "cla_31mar", "year": 2024, "la_code": "380", "la_value": 2,' "$work/api.json"
curl -s -b "$work/vic.jar" "$u/api/benchmark?la=380&years=5" > "$work/vic.json"
check "the viewer's is suppressed (2 is below 5), the published figures are not" \
	sh -c 'grep -q "\"indicator\": \"cla_31mar\", \"year\": 2024, \"la_code\": \"380\", \"la_value\": null," "$0" && grep -q "\"published_value\": [0-9]" "$0"' "$work/vic.json"
"$cf" benchmark --db "$db" --la E08000035 --indicator cla_rate_10k --years 3 --format json > "$work/cli2.json" 2>/dev/null
curl -s -b "$work/ann.jar" "$u/api/benchmark?la=E08000035&indicator=cla_rate_10k&years=3" > "$work/api2.json"
check "an ONS code and one indicator, as the CLI" cmp -s "$work/cli2.json" "$work/api2.json"
check "the page shows the table" sh -c 'curl -s -b "$0/vic.jar" "$1/benchmark?la=380&indicator=cla_rate_10k" | grep -q "<th scope=\"row\">cla_rate_10k</th>"' "$work" "$u"
check "an unknown LA: 400, not echoed" \
	sh -c 'c=$(curl -s -o "$0/x" -w "%{http_code}" -b "$0/ann.jar" -G --data-urlencode "la=<b>999" "$1/benchmark"); [ "$c" = 400 ] && ! grep -q "<b>999" "$0/x"' "$work" "$u"
check "an unknown indicator on the API: 400 JSON" [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$work/ann.jar" "$u/api/benchmark?la=380&indicator=nope")" = 400 ]
check "not logged in: 401" [ "$(curl -s -o /dev/null -w '%{http_code}' "$u/api/benchmark?la=380")" = 401 ]
kill -TERM $pid; wait $pid
check "the server stops cleanly" [ $? -eq 0 ]
