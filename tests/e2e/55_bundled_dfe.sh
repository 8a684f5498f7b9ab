#!/bin/sh
# DfE's published tables ship in data/dfe/ and are built into the binary:
# benchmark and report --la work on a fresh store from any directory, with
# the same figures as the full tables as published; a newer release
# ingested later takes over; no help text points at ../shared.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
mkdir -p "$work/elsewhere"
cd "$work/elsewhere" || exit 1
env -u CASEFLOW_SHARED "$cf" benchmark --db fresh.db --la 380 --indicator cla_rate_10k --format csv > out.csv 2> err.txt
check "benchmark --la 380 with no store: exit 0" test $? -eq 0
check "... Bradford's published 2025 rate per 10,000 (96, as DfE's table has it)" \
	grep -q "^cla_rate_10k,2025,380,,96" out.csv
check "... the built-in tables recorded in the store, one return each" \
	test "$(sqlite3 fresh.db "SELECT count(*) FROM returns WHERE path LIKE 'caseflow built-in: data/dfe/%'")" = \
	"$(ls "$CASEFLOW_TOP"/data/dfe/*.csv | wc -l)"
"$cf" benchmark --db fresh.db --la 380 --indicator cla_rate_10k --format csv > again.csv 2>&1
check "a second run loads nothing again" \
	test "$(sqlite3 fresh.db "SELECT count(*) FROM returns")" = "$(ls "$CASEFLOW_TOP"/data/dfe/*.csv | wc -l)"
check "... and gives the same" cmp -s out.csv again.csv
"$cf" ingest --db fresh.db "$CASEFLOW_TOP/data/dfe" > /dev/null 2>&1
check "ingesting data/dfe/ into it changes nothing (same files)" \
	test "$(sqlite3 fresh.db "SELECT count(*) FROM returns")" = "$(ls "$CASEFLOW_TOP"/data/dfe/*.csv | wc -l)"

# a newer release, ingested, takes over: Bradford's 2025 rate changed to 95
mkdir -p newer
sed 's/^\(2025,Local authority,[^,]*,[^,]*,380,Bradford,[^,]*,Children looked after on 31 March each year,[0-9]*\),96$/\1,95/' \
	"$CASEFLOW_TOP/data/dfe/cla_number_and_rate_per_10k_children.csv" > newer/cla_number_and_rate_per_10k_children.csv
check "(the newer table differs in that one cell)" \
	test "$(diff "$CASEFLOW_TOP/data/dfe/cla_number_and_rate_per_10k_children.csv" newer/cla_number_and_rate_per_10k_children.csv | grep -c '^>')" = 1
"$cf" ingest --db fresh.db newer > /dev/null 2>&1
"$cf" benchmark --db fresh.db --la 380 --indicator cla_rate_10k --format csv > newer.csv 2>&1
check "a newer release ingested later takes over" grep -q "^cla_rate_10k,2025,380,,95" newer.csv

# a store of the LA's own returns, no published tables: report --la works
"$cf" synth --children 400 --years 2 --first-year 2022 --seed 3 --out la > /dev/null 2>&1
"$cf" ingest --db own.db la > /dev/null 2>&1
env -u CASEFLOW_SHARED "$cf" report --db own.db --out vs --la 380 > /dev/null 2> report.err
check "report --la 380 on a store without published tables: exit 0" test $? -eq 0
check "... with the comparison panel" grep -q "Bradford (LA 380) against its statistical neighbours (DfE&#39;s 2025 model)" vs/index.html
"$cf" report --db own.db --out vs21 --la 380 --sn-model 2021 > /dev/null 2>&1
check "report --sn-model 2021 uses the 2021 groupings" \
	grep -q "against its statistical neighbours (DfE&#39;s 2021 model)" vs21/index.html
check "... whose neighbours' median differs from 2025's" \
	sh -c '! cmp -s "$0" "$1"' vs/index.html vs21/index.html
"$cf" report --db own.db --out vsx --la 380 --sn-model 2019 > /dev/null 2> bad.txt
check "report --sn-model 2019 is a usage error" sh -c "test $? -eq 2 && grep -q 'must be 2025 or 2021' bad.txt"

# no help text names ../shared
bad=""
for c in $("$cf" help 2>&1 | awk '/^  [a-z]/ { print $1 }'); do
	"$cf" help "$c" 2>&1 | grep -q '\.\./shared' && bad="$bad $c"
done
check "no command's help mentions ../shared${bad:+ (}$bad${bad:+)}" test -z "$bad"
check "... nor does any string in src/ (outside the generated spelling table)" \
	sh -c '! grep -rn "\.\./shared" "$0"/src --include=*.c --include=*.h | grep -v annexa_spellings.c' "$CASEFLOW_TOP"

# the trimmed tables give the same benchmarks as the tables as published
if need_shared "DfE's published tables"; then
	"$cf" ingest --db full.db "$shared/data/dfe" > /dev/null 2>&1
	for m in 2025 2021; do
		"$cf" benchmark --db full.db --la all --sn-model $m --format csv > full-$m.csv 2>&1
		"$cf" benchmark --db fresh2.db --la all --sn-model $m --format csv > built-$m.csv 2>&1
		check "every indicator, year and LA under the $m model: built-in tables = the full ones ($(wc -l < full-$m.csv) rows)" \
			sh -c 'test "$(wc -l < "$0")" -gt 1000 && cmp -s "$0" "$1"' full-$m.csv built-$m.csv
	done
fi
echo "1..$n"
