#!/bin/sh
# caseflow serve under load: the dashboard and the JSON API at 200
# concurrent connections (ab, Debian's apache2-utils) on the 100,000-child
# synthetic authority (bench/out/kpi/la.db when kpi.sh made it, else made
# here). Goal (issue 15): the dashboard's p99 under 100 ms, no errors, the
# server under 200 MB resident; exits 0 only then. SERVE_BENCH_CHILDREN=N for
# a smaller one.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
cf=build/caseflow
out=bench/out/serve
children=${SERVE_BENCH_CHILDREN:-100000}
requests=${SERVE_BENCH_REQUESTS:-4000}
if ! command -v ab >/dev/null 2>&1; then
	echo "serve: ab is missing (apt-get install apache2-utils): not measured"
	exit 0
fi
rm -rf "$out"
mkdir -p "$out"
echo "machine: $(uname -m), $(nproc) cores"
# the synthetic store is made once per size and kept (bench/out/serve-N.db):
# each run starts from a copy, without the last run's users and audit rows
made="bench/out/serve-$children.db"
if [ "$children" = 100000 ] && [ -s bench/out/kpi/la.db ]; then
	cp bench/out/kpi/la.db "$out/la.db"
	echo "-- the store of bench/kpi.sh (100,000 children, 5 years)"
elif [ -s "$made" ]; then
	cp "$made" "$out/la.db"
	echo "-- $made (made before: $children children, 5 years)"
else
	echo "-- $cf synth --children $children --years 5 --first-year 2019 --seed 1"
	"$cf" synth --children "$children" --years 5 --first-year 2019 --seed 1 --out "$out/la" --quiet
	"$cf" ingest --db "$out/la.db" "$out/la" | tail -n 1
	rm -rf "$out/la"
	cp "$out/la.db" "$made"
fi
echo bench-password-1 | "$cf" user add bench --role manager --db "$out/la.db" 2>/dev/null
"$cf" serve --db "$out/la.db" --listen 127.0.0.1:0 2>"$out/serve.log" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
i=0; while [ $i -lt 100 ] && ! grep -q "listening on" "$out/serve.log"; do sleep 0.05; i=$((i + 1)); done
u="http://127.0.0.1:$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$out/serve.log")"
curl -s -c "$out/jar" "$u/login" > "$out/login.html"
pre=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$out/login.html")
curl -s -o /dev/null -c "$out/jar" -b "$out/jar" --data-urlencode "csrf=$pre" -d user=bench -d password=bench-password-1 "$u/login"
token=$(awk '$6 == "cf_session" { print $7 }' "$out/jar")
first=$(curl -s -o /dev/null -w '%{time_total}' -b "cf_session=$token" "$u/")
echo "-- the dashboard made the first time: ${first} s"
status=0
# the style sheet needs no session, no lock and no store: the floor this machine allows
for route in / /api/kpi /static/report.css; do
	ab -q -n "$requests" -c 200 -C "cf_session=$token" "$u$route" > "$out/ab.txt" 2>&1 || true
	rps=$(sed -n 's/^Requests per second: *\([0-9.]*\).*/\1/p' "$out/ab.txt")
	p50=$(sed -n 's/^ *50% *\([0-9]*\).*/\1/p' "$out/ab.txt")
	p99=$(sed -n 's/^ *99% *\([0-9]*\).*/\1/p' "$out/ab.txt")
	failed=$(sed -n 's/^Failed requests: *\([0-9]*\).*/\1/p' "$out/ab.txt")
	non2xx=$(sed -n 's/^Non-2xx responses: *\([0-9]*\).*/\1/p' "$out/ab.txt")
	echo "-- $route: $requests requests, 200 concurrent: ${rps:-?} requests/s, p50 ${p50:-?} ms, p99 ${p99:-?} ms, failed ${failed:-?}, non-2xx ${non2xx:-0}"
	# the server's own time per request (its log: from the request's headers
	# to the response sent), apart from the queueing ab's figures include
	grep " GET $route 200 " "$out/serve.log" | awk '{ sub("ms$", "", $7); print $7 }' | sort -n |
		awk -v r="$route" '{ a[NR] = $1 } END { if (NR) printf "   %s in the server: p50 %s ms, p99 %s ms (%d requests)\n", r, a[int(NR * 0.5) + 1], a[int(NR * 0.99) + 1], NR }'
	echo "   load average: $(cut -d' ' -f1-3 /proc/loadavg)"
	if [ "$route" = / ] && { [ "${p99:-999}" -ge 100 ] || [ "${failed:-1}" -ne 0 ] || [ "${non2xx:-0}" -ne 0 ]; }; then status=1; fi
done
rss=$(awk '/^VmHWM/ { print int($2 / 1024) }' "/proc/$pid/status")
echo "-- server peak resident: ${rss} MB"
[ "$rss" -lt 200 ] || status=1
[ $status = 0 ] && echo "serve: goal met (dashboard p99 < 100 ms, no errors, < 200 MB)" || echo "serve: goal NOT met"
exit $status
