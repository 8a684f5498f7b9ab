# caseflow api-payload: DfE's children's social care API payloads from a
# synthetic authority's store, validated against openapi.json by an
# independent JSON Schema check (python3-jsonschema); the held-back,
# historic, unchanged and purge cases; and --send to a loopback API
# (tests/api_loopback.py) that enforces the contract's shapes and answers
# 429 and 413.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

if ! python3 -c 'import jsonschema' 2>/dev/null; then
	if [ "${CI:-}" = true ]; then notok "python3-jsonschema is missing, and CI must have it"; else
		n=$((n + 1)); echo "ok $n - # SKIP python3 with jsonschema is not installed (python3-jsonschema)"; fi
	echo "1..$n"; exit 0
fi
if ! command -v sqlite3 >/dev/null 2>&1; then
	n=$((n + 1)); echo "ok $n - # SKIP sqlite3 is not installed (tools/install-deps.sh installs it)"; echo "1..$n"; exit 0
fi
if ! need_shared "openapi.json (spec/dfe-csc-api)"; then echo "1..$n"; exit 0; fi
spec="$shared/spec/dfe-csc-api/openapi.json"

"$cf" synth --children 3000 --years 3 --first-year 2021 --seed 31 --out "$work/la" --quiet
for y in 2021-22 2022-23 2023-24; do set -- "$@" "$work/la/$y/cin_census.xml" "$work/la/$y/ssda903"; done
"$cf" ingest --db "$work/a.db" "$@" >/dev/null 2>"$work/err"
check "the synthetic returns load" test $? = 0

# children the contract or caseflow's own checks must hold back: an ID the
# pattern refuses, a UPN-shaped ID and an NHS-number-shaped ID, each with a
# referral in the census; and one child whose only episode closed long ago
rid=$(sqlite3 "$work/a.db" "SELECT max(id) FROM returns WHERE kind = 'cin.census'")
for id in BAD-ID7 A12345678901B 9434765919 OLD1; do
	sqlite3 "$work/a.db" "INSERT INTO children (child, sex, dob, first_return_id, last_return_id)
		VALUES ('$id', '1', '2015-01-01', $rid, $rid);
		INSERT INTO cin_referrals (return_id, row, child, referral_date, closure_date, referral_nfa)
		VALUES ($rid, 900000, '$id', CASE '$id' WHEN 'OLD1' THEN '2016-05-01' ELSE '2023-06-01' END,
			CASE '$id' WHEN 'OLD1' THEN '2016-09-01' END, 0)"
done

"$cf" api-payload --db "$work/a.db" --la 999 --from 2021-04-01 --out "$work/p" >"$work/out" 2>"$work/err"
check "api-payload writes the payloads and exits 0" test $? = 0
check "... with a summary line" grep -Eq "^[0-9]+ included, 3 held back, 0 unchanged, [0-9]+ historic" "$work/out"
cat >"$work/check.py" <<'EOF'
import glob, json, sys
import jsonschema
spec = json.load(open(sys.argv[1]))
v = jsonschema.Draft7Validator(spec["components"]["schemas"]["CSC"], format_checker=jsonschema.FormatChecker())
bad, n, big, ids = 0, 0, 0, []
for f in sorted(glob.glob(sys.argv[2] + "/payload-*.json")):
    d = json.load(open(f))
    errs = list(v.iter_errors(d))
    bad += len(errs)
    for e in errs[:3]:
        print("# %s %s: %s" % (f, list(e.absolute_path), e.message))
    n += len(d)
    big += len(d) > 100
    ids += [r["la_child_id"] for r in d]
print(n, bad, big, len(ids) - len(set(ids)))
EOF
set -- $(python3 "$work/check.py" "$spec" "$work/p")
check "every payload validates against openapi.json's CSC schema ($1 records, $2 errors)" test "$1" -gt 100 -a "$2" = 0
check "... in bodies of at most 100 records, each child once" test "$3" = 0 -a "$4" = 0
check "the report says why each is held back, the ID as given" sh -c '
	grep -q "^BAD-ID7,held back,.*pattern" "$0"' "$work/p/report.csv"
check "... but a UPN- or NHS-number-shaped ID only masked (A1*********1B, 94******19)" sh -c '
	grep -q "^A1\*\{9\}1B,held back,.*UPN" "$0" && grep -q "^94\*\{6\}19,held back,.*NHS number" "$0" &&
	! grep -Eq "A12345678901B|9434765919" "$0" "$1"' "$work/p/report.csv" "$work/out"
check "... and none of them is in a payload" sh -c '! grep -Eq "BAD-ID7|A12345678901B|9434765919" "$0"/payload-*.json' "$work/p"
check "a child whose every episode closed before --from is historic, not sent" sh -c '
	grep -q "^OLD1,historic," "$0/report.csv" && ! grep -q "\"OLD1\"" "$0"/payload-*.json' "$work/p"
closed=$(python3 -c '
import glob, json, sys
print(sum(1 for f in glob.glob(sys.argv[1] + "/payload-*.json") for r in json.load(open(f))
	for e in r["social_care_episodes"] if e.get("closure_date", "9999") < "2021-04-01"))' "$work/p")
check "no episode in the payloads closed before --from ($closed)" test "$closed" = 0
check "assessments carry the census's factors" sh -c 'grep -q "\"factors\":\[\"[0-9][0-9]*[A-Z]\"" "$0"/payload-*.json' \
	"$work/p"
check "episodes carry the census's referral source and closure reason" sh -c \
	'grep -q "\"referral_source\":\"[0-9][A-F]\{0,1\}\"" "$0"/payload-*.json &&
	grep -q "\"closure_reason\":\"RC[1-9]\"" "$0"/payload-*.json' "$work/p"
check "no name, UPN or postcode is in the payloads" sh -c \
	'! grep -Eq "first_name|surname|unique_pupil_number|postcode" "$0"/payload-*.json' "$work/p"

# --send to the loopback API: token, a 429 first, bodies checked by the schema
mkdir -p "$work/api"
printf 'token_url=%s\nclient_id=caseflow-test\nclient_secret=s3cret\n' "@TOKEN@" >"$work/creds.in"
start_api() { # start_api DIR [ENV...]: the loopback API, its pid in $api_pid, its URL in $url
	_d=$1; shift
	rm -rf "$_d"; mkdir -p "$_d"
	env LIFETIME=120 "$@" >/dev/null 2>&1 &
	api_pid=$!
	_t=0
	while [ ! -f "$_d/port" ] && [ $_t -lt 100 ]; do sleep 0.1; _t=$((_t + 1)); done
	url="http://127.0.0.1:$(cat "$_d/port" 2>/dev/null)"
	sed "s#@TOKEN@#$url/token#" "$work/creds.in" >"$work/creds"
}
start_api "$work/api" THROTTLE=1 python3 "$CASEFLOW_TOP/tests/api_loopback.py" "$spec" "$work/api"
"$cf" api-payload --db "$work/a.db" --la 999 --from 2021-04-01 --send "$url" --credentials "$work/creds" \
	>"$work/send1" 2>"$work/err"
rc=$?
kill "$api_pid" 2>/dev/null; wait "$api_pid" 2>/dev/null
check "--send exits 0 (credentials from a file)" test $rc = 0
sent=$(sed -n 's/.*; \([0-9]*\) accepted by the API$/\1/p' "$work/send1")
got=$(python3 -c 'import glob, json, sys; print(sum(len(json.load(open(f))) for f in glob.glob(sys.argv[1] + "/[0-9]*.json")))' \
	"$work/api")
check "the API received every record, once ($got of $1)" test "$got" = "$1" -a "$sent" = "$1"
check "... after a 429, retried, and nothing the schema refused" sh -c \
	'grep -v " /token$" "$0/log" | head -1 | grep -q "^429 " && ! grep -q "^400 " "$0/log" && ! test -e "$0/invalid"' \
	"$work/api"

# again: nothing has changed, so nothing is sent
start_api "$work/api2" python3 "$CASEFLOW_TOP/tests/api_loopback.py" "$spec" "$work/api2"
CASEFLOW_API_CREDENTIALS="$work/creds" "$cf" api-payload --db "$work/a.db" --la 999 --from 2021-04-01 --send "$url" \
	>"$work/send2" 2>"$work/err"
rc=$?
kill "$api_pid" 2>/dev/null; wait "$api_pid" 2>/dev/null
check "a second run sends nothing: every record unchanged since the last payload sent" sh -c \
	'test $0 = 0 && grep -Eq "^0 included, 3 held back, [0-9]+ unchanged" "$1" && ! ls "$2"/[0-9]*.json >/dev/null 2>&1' \
	$rc "$work/send2" "$work/api2"

# a child removed from the store is purged; a child who lost an episode is
# sent again with that episode's purge flag; 413 halves the batch; a token
# that runs out (after two requests) is renewed
gone=$(sqlite3 "$work/a.db" "SELECT child FROM cin_referrals WHERE child NOT IN (SELECT child FROM ssda903_episodes)
	AND closure_date > '2022-01-01' GROUP BY child HAVING count(*) = 1 ORDER BY child LIMIT 1")
two=$(sqlite3 "$work/a.db" "SELECT child FROM cin_referrals WHERE child NOT IN (SELECT child FROM ssda903_episodes)
	AND referral_date > '2021-06-01' GROUP BY child HAVING count(DISTINCT referral_date) = 2 ORDER BY child LIMIT 1")
lost=$(sqlite3 "$work/a.db" "SELECT min(referral_date) FROM cin_referrals WHERE child = '$two'")
for t in cin_referrals assessments s47_enquiries cp_plans cp_reviews cin_children cin_plans children; do
	sqlite3 "$work/a.db" "DELETE FROM $t WHERE child = '$gone'" 2>/dev/null
done
for t in cin_referrals assessments s47_enquiries cp_plans cin_plans; do
	sqlite3 "$work/a.db" "DELETE FROM $t WHERE child = '$two' AND referral_date = '$lost'" 2>/dev/null
done
sqlite3 "$work/a.db" "DELETE FROM cin_referrals WHERE child = '$two' AND referral_date = '$lost'"
start_api "$work/api3" MAX_RECORDS=1 TOKEN_USES=2 python3 "$CASEFLOW_TOP/tests/api_loopback.py" "$spec" "$work/api3"
"$cf" api-payload --db "$work/a.db" --la 999 --from 2021-04-01 --send "$url" --credentials "$work/creds" --out "$work/p3" \
	>"$work/send3" 2>"$work/err"
rc=$?
kill "$api_pid" 2>/dev/null; wait "$api_pid" 2>/dev/null
check "a removed child ($gone) goes as a purge, and the API takes it" sh -c \
	'test $0 = 0 && grep -q "^$1,purge," "$2/report.csv" && cat "$3"/[0-9]*.json | grep -q "{\"la_child_id\":\"$1\",\"purge\":true}"' \
	$rc "$gone" "$work/p3" "$work/api3"
lostid="${two}_R$(echo "$lost" | tr -d -)"
check "a child who lost an episode ($lostid) is sent with that episode's purge flag" sh -c \
	'cat "$0"/[0-9]*.json | grep -q "{\"social_care_episode_id\":\"$1\",\"purge\":true}"' "$work/api3" "$lostid"
check "a 413 halves the batch until the API takes it" sh -c \
	'grep -q "^413 2 " "$0/log" && test "$(grep -c "^200 1 " "$0/log")" = 2' "$work/api3"
check "... and a token that stopped working (401) is renewed once" sh -c \
	'grep -q "^401 " "$0/log" && test "$(grep -c " /token$" "$0/log")" = 2' "$work/api3"

"$cf" api-payload --db "$work/a.db" --la 999 --from 2021-04-01 --since 2024-01-01 --all --out "$work/p4" >/dev/null 2>&1
check "--since keeps to children with a record dated from it" sh -c '
	test "$(grep -c ",unchanged,no record dated on or after --since" "$0")" -gt 10 &&
	test "$(grep -c ",included," "$0")" -gt 10' "$work/p4/report.csv"

"$cf" api-payload --db "$work/a.db" --la 999 --send "http://127.0.0.1:9/" >/dev/null 2>"$work/err"
check "--send without credentials is a usage error naming where they go" sh -c \
	'test $0 = 2 && grep -q "CASEFLOW_API_CREDENTIALS" "$1"' $? "$work/err"

echo "1..$n"
