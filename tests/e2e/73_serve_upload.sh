# caseflow serve's /upload: returns loaded through the ingest API, one
# transaction each; refused (role, CSRF), rejected, oversized and
# interrupted uploads change nothing, file names cannot leave the upload's
# folder, and a server killed (SIGKILL) mid-upload leaves the store as it
# was and, restarted, serves the same figures.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
command -v curl >/dev/null 2>&1 || { echo "not ok 1 - curl is missing (tools/install-deps.sh check)"; exit 1; }
db="$work/t.db"
mkdir -p "$work/r/2023-24" "$work/up" "$work/tmp"
printf 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\nA,01/06/2023,S,C2,N1,U1,PR1,,,,,,\nC,01/01/2022,S,C2,N1,U3,PR1,,,,,,\n' > "$work/r/2023-24/episodes.csv"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,1,15/04/2008,WBRI,,,\nC,1,31/03/2008,WBRI,,,\n' > "$work/r/2023-24/header.csv"
"$cf" ingest --db "$db" "$work/r" >/dev/null 2>&1
for w in ann:analyst max:manager; do echo "pass-${w%%:*}-0123" | "$cf" user add "${w%%:*}" --role "${w#*:}" --db "$db" 2>/dev/null; done
printf 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\nD,01/06/2024,S,C2,N1,U1,PR1,,,,,,\nE,01/07/2024,S,C2,N1,U1,PR1,,,,,,\n' > "$work/up/episodes.csv"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nD,1,15/04/2010,WBRI,,,\nE,2,15/04/2012,WBRI,,,\n' > "$work/up/header.csv"
printf 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\nF,01/06/2024,"S,C2\n' > "$work/up/broken.csv"

start() {
	: > "$work/serve.log"
	TMPDIR="$work/tmp" "$cf" serve --db "$db" --listen 127.0.0.1:0 --max-upload 1 2>>"$work/serve.log" &
	pid=$!
	i=0; while [ $i -lt 100 ] && ! grep -q "listening on" "$work/serve.log"; do sleep 0.05; i=$((i + 1)); done
	port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")
	u="http://127.0.0.1:$port"
}
login() {
	curl -s -c "$work/$1.jar" "$u/login" > "$work/login.html"
	pre=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$work/login.html")
	curl -s -o /dev/null -c "$work/$1.jar" -b "$work/$1.jar" --data-urlencode "csrf=$pre" -d user=$1 -d password=pass-$1-0123 "$u/login"
}
token() { curl -s -b "$work/$1.jar" "$u/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1; }
returns() { sqlite3 "$db" "SELECT count(*) FROM returns"; }
code() { curl -s -o "$work/resp.html" -w '%{http_code}' "$@"; }
start
login ann; login max
tok=$(token ann)
n0=$(returns)
check "manager: /upload is 403 and nothing is stored" \
	sh -c '[ "$(curl -s -o /dev/null -w "%{http_code}" -b "$0/max.jar" -F csrf=x -F files=@"$0/up/episodes.csv" "$1/upload")" = 403 ]' "$work" "$u"
check "without the CSRF token: 403, nothing stored" [ "$(code -b "$work/ann.jar" -F year=2024-25 -F files=@"$work/up/episodes.csv" "$u/upload")" = 403 -a "$(returns)" = "$n0" ]
check "a wrong year: 400, nothing stored" [ "$(code -b "$work/ann.jar" -F csrf=$tok -F year=1066 -F files=@"$work/up/episodes.csv" "$u/upload")" = 400 -a "$(returns)" = "$n0" ]
check "a rejected return: 422, says so, nothing of it stored" \
	[ "$(code -b "$work/ann.jar" -F csrf=$tok -F year=2024-25 -F files=@"$work/up/broken.csv" "$u/upload")" = 422 -a "$(returns)" = "$n0" -a "$(sqlite3 "$db" "SELECT count(*) FROM episodes WHERE child = 'F'")" = 0 ]
head -c 1500000 /dev/zero | tr '\0' x > "$work/up/big.csv"
check "an upload over --max-upload: 413, nothing stored" [ "$(code -b "$work/ann.jar" -F csrf=$tok -F files=@"$work/up/big.csv" "$u/upload")" = 413 -a "$(returns)" = "$n0" ]
check "a file name with ../ stays in the upload's folder" \
	[ "$(code -b "$work/ann.jar" -F csrf=$tok -F year=2024-25 -F "files=@$work/up/broken.csv;filename=../../../evil.csv" "$u/upload")" = 422 -a ! -e "$work/evil.csv" -a ! -e "$work/tmp/evil.csv" ]
check "the upload folders are removed after each request" [ -z "$(ls "$work/tmp")" ]
check "an analyst's upload loads the returns (200), one row in returns per file" \
	[ "$(code -b "$work/ann.jar" -F csrf=$tok -F year=2024-25 -F files=@"$work/up/episodes.csv" -F files=@"$work/up/header.csv" "$u/upload")" = 200 -a "$(returns)" = $((n0 + 2)) ]
check "the store records who loaded them" [ "$(sqlite3 "$db" "SELECT count(*) FROM returns WHERE loaded_by = 'ann' AND collection_year = 2025")" = 2 ]
"$cf" kpi --db "$db" --format json > "$work/cli.json" 2>/dev/null
curl -s -b "$work/ann.jar" "$u/api/kpi" > "$work/api.json"
check "the server's figures are the store's after the upload (= kpi --format json)" cmp -s "$work/cli.json" "$work/api.json"
check "uploads are audited: who, what, how it went" \
	[ "$(sqlite3 "$db" "SELECT group_concat(status) FROM (SELECT status FROM audit_log WHERE user = 'ann' AND action = 'upload' ORDER BY id)")" = "422,422,200" ]
curl -s -b "$work/ann.jar" "$u/" > "$work/dash1.html"
mkdir -p "$work/r2/2025-26"
printf 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\nH,01/06/2025,S,C2,N1,U1,PR1,,,,,,\n' > "$work/r2/2025-26/episodes.csv"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nH,1,15/04/2010,WBRI,,,\n' > "$work/r2/2025-26/header.csv"
"$cf" ingest --db "$db" "$work/r2" >/dev/null 2>&1
"$cf" kpi --db "$db" --format json > "$work/cli.json" 2>/dev/null
curl -s -b "$work/ann.jar" "$u/api/kpi" > "$work/api.json"
check "a caseflow ingest beside the running server: its figures follow the store" cmp -s "$work/cli.json" "$work/api.json"
curl -s -b "$work/ann.jar" "$u/" > "$work/dash2.html"
check "and the dashboard is made again, not served from before" sh -c '! cmp -s "$0" "$1" && grep -q "2025-26" "$1"' "$work/dash1.html" "$work/dash2.html"

# SIGKILL in the middle of an upload: the store is as it was
# 17,000 rows, about 600 kB: under --max-upload 1 (MB), 6 s at 100 kB/s
head -c 17000 /dev/zero | tr '\0' '\n' | sed 's/^$/G,01\/06\/2024,S,C2,N1,U1,PR1,,,,,,/' > "$work/up/rows"
{ head -1 "$work/up/episodes.csv"; cat "$work/up/rows"; } > "$work/up/slow.csv"
n1=$(returns); e1=$(sqlite3 "$db" "SELECT count(*) FROM episodes")
curl -s -o /dev/null --limit-rate 100K -b "$work/ann.jar" -F csrf=$tok -F year=2024-25 -F files=@"$work/up/slow.csv" "$u/upload" &
cpid=$!
sleep 1.5
kill -0 $cpid 2>/dev/null; sending=$?
kill -KILL $pid; wait $pid 2>/dev/null
wait $cpid 2>/dev/null
check "SIGKILL mid-upload: the store is unchanged and sound" \
	[ $sending = 0 -a "$(returns)" = "$n1" -a "$(sqlite3 "$db" "SELECT count(*) FROM episodes")" = "$e1" -a "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok ]
start
check "restarted, it serves the same figures to the same session" sh -c 'curl -s -b "$0/ann.jar" "$1/api/kpi" | cmp -s - "$0/api.json"' "$work" "$u"
kill -TERM $pid; wait $pid
check "it stops cleanly" [ $? -eq 0 ]
