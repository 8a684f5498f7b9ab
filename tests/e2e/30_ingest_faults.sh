#!/bin/sh
# A load that dies part-way leaves the store exactly as it was: kill -9 in
# the middle of a large return, and failures injected after N rows
# (CASEFLOW_FAIL_AFTER_ROWS) in the CSV and the XML loaders.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
cases=$CASEFLOW_TOP/tests/cases/ingest

# every stored row, as a hash (the schema_version rows carry a time)
fingerprint() {
	sqlite3 "$1" .dump | grep '^INSERT' | grep -v '^INSERT INTO schema_version' | sha256sum | cut -c1-16
}
count() { sqlite3 "$1" "SELECT count(*) FROM $2"; }

db=$work/store.db
"$cf" ingest --db "$db" "$cases/csv_xml_same/in" >/dev/null 2>&1
check "a baseline store loads" [ "$(count "$db" returns)" -gt 0 ]
base=$(fingerprint "$db")

# --- kill -9 mid-load ---------------------------------------------------------
# 300,000 episodes for 100,000 children over three years, written by awk
big=$work/big
mkdir -p "$big"
awk 'BEGIN {
	print "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
	for (i = 0; i < 300000; i++) {
		c = i % 100000; k = int(i / 100000)
		printf "K%06d,%02d/%02d/%d,S,C2,N1,U1,PR1,,X1,,LS1 4AP,LS2 7EE,SC%06d\n", c, 1 + c % 28, 1 + k * 4, 2021 + k % 3, c
	}
}' >"$big/episodes.csv"
check "the big return has 300,000 rows" [ "$(($(wc -l <"$big/episodes.csv") - 1))" -eq 300000 ]

CASEFLOW_NO_PROGRESS=1 "$cf" ingest --db "$db" "$big" >"$work/kill.out" 2>&1 &
pid=$!
# wait until rows are being written (the WAL grows), then kill
i=0
while [ $i -lt 1200 ]; do   # up to a minute on a slow machine
	sz=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
	[ "$sz" -gt 4000000 ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.05
	i=$((i + 1))
done
if kill -9 "$pid" 2>/dev/null; then
	{ wait "$pid"; } 2>/dev/null
	rc=$?
	check "the load was killed mid-way (exit $rc)" [ "$rc" -eq 137 ]
	check "  ... and had written rows to the WAL ($sz bytes)" [ "$sz" -gt 4000000 ]
else
	wait "$pid"
	notok "the load finished before it could be killed: make the file bigger"
fi
check "after kill -9 the store passes integrity_check" [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ]
check "after kill -9 the store holds exactly what it held before" [ "$(fingerprint "$db")" = "$base" ]
"$cf" ingest --db "$db" "$big" >"$work/again.out" 2>&1
check "the same return then loads cleanly" [ $? -eq 0 ]
check "  ... all 300,000 rows" \
	[ "$(sqlite3 "$db" "SELECT rows FROM returns WHERE path = '$big/episodes.csv'")" -eq 300000 ]
check "  ... and its episode pack, written in the same transaction, all 300,000" \
	[ "$(sqlite3 "$db" "SELECT p.rows FROM ssda903_episode_packs p JOIN returns r ON r.id = p.return_id WHERE r.path = '$big/episodes.csv'")" -eq 300000 ]
check "  ... and the baseline's packs are as they were (the fingerprint holds them too)" \
	[ "$(sqlite3 "$db" "SELECT count(*) FROM ssda903_episode_packs")" -eq "$(sqlite3 "$db" "SELECT count(*) FROM returns WHERE kind LIKE 'ssda903.%'")" ]

# --- failures injected after N rows ---------------------------------------------
# each return fails at its first row, its second, half-way and its last; one
# row more than it holds and it loads
fresh=$work/inject.db
"$cf" ingest --db "$fresh" "$cases/bom_crlf/in/header.csv" >/dev/null 2>&1   # something to keep
for pair in csv_xml_same/in/csv:13 csv_xml_same/in/return.xml:13 two_years/in/2022-23:8; do
	src=${pair%:*} total=${pair##*:}
	base=$(fingerprint "$fresh")
	for rows in 1 2 $((total / 2)) "$total"; do
		CASEFLOW_FAIL_AFTER_ROWS=$rows "$cf" ingest --db "$fresh" "$cases/$src" >"$work/inj.out" 2>&1
		rc=$?
		check "$src: a failure at row $rows of $total exits 3 and leaves the store unchanged" \
			[ "$rc" -eq 3 -a "$(fingerprint "$fresh")" = "$base" ]
	done
	check "  ... and the message says so" grep -q "simulated failure after $total rows" "$work/inj.out"
	CASEFLOW_FAIL_AFTER_ROWS=$((total + 1)) "$cf" ingest --db "$fresh" "$cases/$src" >"$work/inj.out" 2>&1
	check "$src: with the failure set past its $total rows it loads" [ $? -eq 0 ]
	check "  ... and the store changed" [ "$(fingerprint "$fresh")" != "$base" ]
done
