# caseflow serve's /validate: DfE's rules on an uploaded return give the
# findings caseflow validate gives for the same files, on the page or as
# the workbook; UPNs never shown; nothing stored, nothing left on disk;
# roles and CSRF enforced; every run audited.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
command -v curl >/dev/null 2>&1 || { echo "not ok 1 - curl is missing (tools/install-deps.sh check)"; exit 1; }
db="$work/t.db"
mkdir -p "$work/r/2023-24" "$work/tmp"
cat > "$work/r/2023-24/episodes.csv" <<'CSV'
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
A,01/06/2023,S,C2,N1,U1,PR1,,,,LS1 4AB,LS2 8CD,
B,2023-05-10,S,V2,N2,K2,PR4,20/05/2023,X1,,,,
B,20/05/2023,P,V2,N2,u4,PR4,31/03/2024,E13,,,,
C,01/01/2022,S,ZZ,N1,U3,PR1,,,,,,
CSV
cat > "$work/r/2023-24/header.csv" <<'CSV'
CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
A,1,15/04/2008,WBRI,A123456789012,,
B,2,01/04/2023,WBRI,,,
C,3,31/03/2008,XXXX,,,
CSV
"$cf" ingest --db "$db" "$work/r" >/dev/null 2>&1
for w in ann:analyst max:manager; do echo "pass-${w%%:*}-0123" | "$cf" user add "${w%%:*}" --role "${w#*:}" --db "$db" 2>/dev/null; done
"$cf" validate "$work/r/2023-24" --year 2023-24 2>"$work/cli.err" >/dev/null
cli=$(sed -n 's/.*; \([0-9]*\) findings$/\1/p' "$work/cli.err")
check "caseflow validate finds something in the return ($cli findings)" [ "${cli:-0}" -gt 0 ]

: > "$work/serve.log"
TMPDIR="$work/tmp" "$cf" serve --db "$db" --listen 127.0.0.1:0 2>>"$work/serve.log" &
pid=$!
i=0; while [ $i -lt 100 ] && ! grep -q "listening on" "$work/serve.log"; do sleep 0.05; i=$((i + 1)); done
u="http://127.0.0.1:$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")"
login() {
	curl -s -c "$work/$1.jar" "$u/login" > "$work/login.html"
	pre=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$work/login.html")
	curl -s -o /dev/null -c "$work/$1.jar" -b "$work/$1.jar" --data-urlencode "csrf=$pre" -d user=$1 -d password=pass-$1-0123 "$u/login"
}
login ann; login max
tok=$(curl -s -b "$work/ann.jar" "$u/validate" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
files="-F files=@$work/r/2023-24/episodes.csv -F files=@$work/r/2023-24/header.csv"
returns0=$(sqlite3 "$db" "SELECT count(*) FROM returns")
check "manager: /validate is 403" [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$work/max.jar" "$u/validate")" = 403 ]
check "without the CSRF token: 403" [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$work/ann.jar" -F year=2023-24 $files "$u/validate")" = 403 ]
code=$(curl -s -o "$work/v.html" -w '%{http_code}' -b "$work/ann.jar" -F csrf=$tok -F year=2023-24 -F format=html $files "$u/validate")
web=$(sed -n 's/.*rules: [0-9]* ran, [0-9]* skipped; \([0-9]*\) findings.*/\1/p' "$work/v.html" | head -1)
check "the page's findings are caseflow validate's ($web = $cli)" [ "$code" = 200 -a "$web" = "$cli" ]
check "the page never shows a UPN" sh -c '! grep -q A123456789012 "$0"' "$work/v.html"
curl -s -o "$work/v.xlsx" -b "$work/ann.jar" -F csrf=$tok -F year=2023-24 -F format=xlsx $files "$u/validate"
check "the workbook downloads, with summary and findings sheets, no UPN" \
	sh -c 'unzip -l "$0" | grep -q "xl/worksheets/sheet2.xml" && ! unzip -p "$0" | grep -q A123456789012' "$work/v.xlsx"
check "validating stores nothing" [ "$(sqlite3 "$db" "SELECT count(*) FROM returns")" = "$returns0" ]
check "and leaves no file behind" [ -z "$(ls -A "$work/tmp")" ]
printf 'not,a,return\n1,2,3\n' > "$work/junk.csv"
check "a file that is no return: 422, said in words" \
	sh -c '[ "$(curl -s -o "$0/j.html" -w "%{http_code}" -b "$0/ann.jar" -F csrf=$2 -F year=2023-24 -F files=@"$0/junk.csv" "$1/validate")" = 422 ] && grep -q "could not be read" "$0/j.html"' "$work" "$u" "$tok"
check "each run is audited (validate, export, the unreadable one)" \
	[ "$(sqlite3 "$db" "SELECT group_concat(action || ':' || status) FROM (SELECT action, status FROM audit_log WHERE user = 'ann' AND target = '/validate' AND action != 'csrf_refused' ORDER BY id)")" = "validate:200,export:200,validate:422" ]
kill -TERM $pid; wait $pid
check "the server stops cleanly" [ $? -eq 0 ]
