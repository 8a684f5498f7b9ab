# caseflow serve with its own TLS (--tls-cert, --tls-key; libmicrohttpd's
# GnuTLS): HTTPS answers, plain HTTP does not, cookies are Secure, HSTS is
# sent, and a half-given pair or an unreadable key is refused. Needs openssl
# for a throwaway certificate; says SKIP where it is absent.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
if ! command -v openssl >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
	n=$((n + 1)); echo "ok $n - # SKIP openssl or curl is missing: TLS was not tried"; exit 0
fi
db="$work/t.db"
mkdir -p "$work/r/2023-24"
printf 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\nA,01/06/2023,S,C2,N1,U1,PR1,,,,,,\n' > "$work/r/2023-24/episodes.csv"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,1,15/04/2008,WBRI,,,\n' > "$work/r/2023-24/header.csv"
"$cf" ingest --db "$db" "$work/r" >/dev/null 2>&1
echo pass-max-0123 | "$cf" user add max --role manager --db "$db" 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/k.pem" -out "$work/c.pem" -days 1 -subj /CN=127.0.0.1 >/dev/null 2>&1
check "a store, a user and a throwaway certificate" [ -s "$work/c.pem" -a -s "$work/k.pem" ]

"$cf" serve --db "$db" --listen 127.0.0.1:0 --tls-cert "$work/c.pem" >/dev/null 2>&1
check "--tls-cert without --tls-key is a usage error" [ $? -eq 2 ]
"$cf" serve --db "$db" --listen 127.0.0.1:0 --tls-cert "$work/c.pem" --tls-key "$work/none.pem" >/dev/null 2>"$work/e.txt"
check "an unreadable key is refused, naming the file" sh -c '[ $1 -eq 1 ] && grep -q "none.pem" "$0"' "$work/e.txt" $?

"$cf" serve --db "$db" --listen 127.0.0.1:0 --tls-cert "$work/c.pem" --tls-key "$work/k.pem" 2>"$work/serve.log" &
pid=$!
i=0; while [ $i -lt 100 ] && ! grep -q "listening on" "$work/serve.log"; do sleep 0.05; i=$((i + 1)); done
port=$(sed -n 's|.*listening on https://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")
u="https://127.0.0.1:$port"
check "it says it listens on https" [ -n "$port" ]
curl -s --cacert "$work/c.pem" -c "$work/j" -D "$work/h1" "$u/login" -o "$work/login.html"
pre=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$work/login.html")
curl -s --cacert "$work/c.pem" -b "$work/j" -D "$work/h2" -o /dev/null --data-urlencode "csrf=$pre" -d user=max -d password=pass-max-0123 "$u/login"
check "HTTPS: the certificate verifies and the login works (303)" grep -q "^HTTP/1.1 303" "$work/h2"
check "HTTPS: the session cookie is Secure, HttpOnly, SameSite=Strict" \
	sh -c 'grep -i "^Set-Cookie: cf_session=" "$0" | grep -i "; Secure" | grep -i HttpOnly | grep -qi "SameSite=Strict"' "$work/h2"
check "HTTPS: Strict-Transport-Security is sent" grep -qi "^Strict-Transport-Security: max-age=" "$work/h1"
check "plain HTTP to the TLS port gets no page" sh -c '! curl -s -m 5 "http://127.0.0.1:$0/login" | grep -q "<html"' "$port"
kill -TERM $pid; wait $pid
check "it stops cleanly" [ $? -eq 0 ]

# behind a TLS proxy: plain HTTP to caseflow, HTTPS to the users
: > "$work/serve.log"
"$cf" serve --db "$db" --listen 127.0.0.1:0 --base-url https://vitalsigns.example.gov.uk/ --trust-proxy 2>"$work/serve.log" &
pid=$!
i=0; while [ $i -lt 100 ] && ! grep -q "listening on" "$work/serve.log"; do sleep 0.05; i=$((i + 1)); done
u="http://127.0.0.1:$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")"
curl -s -c "$work/j2" -D "$work/h3" "$u/login" -o "$work/login.html"
pre=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$work/login.html")
curl -s -b "$work/j2" -D "$work/h4" -o /dev/null -H "X-Forwarded-For: 198.51.100.1, 203.0.113.9" --data-urlencode "csrf=$pre" -d user=max -d password=pass-max-0123 "$u/login"
check "--base-url https://: cookies are Secure and HSTS is sent over the proxy's plain HTTP" \
	sh -c 'grep -i "^Set-Cookie: cf_session=" "$0" | grep -qi "; Secure" && grep -qi "^Strict-Transport-Security" "$1"' "$work/h4" "$work/h3"
check "--trust-proxy: the audit and the log record the client's address the proxy appended" \
	sh -c '[ "$(sqlite3 "$0" "SELECT addr FROM audit_log WHERE action = '"'login'"' ORDER BY id DESC LIMIT 1")" = 203.0.113.9 ] && grep -q " 203.0.113.9 max POST /login 303 " "$1"' "$db" "$work/serve.log"
kill -TERM $pid; wait $pid
