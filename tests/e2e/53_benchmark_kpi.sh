#!/bin/sh
# la_value and trajectory actuals come from the indicators engine: the same
# numbers `caseflow kpi` gives for the store's own returns, only for the
# periods those returns cover.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
db="$work/s.db"
"$cf" synth --out "$work/la" --children 2000 --years 1 --first-year 2021 --quiet >/dev/null
check "ingest a synthetic 2021-22 return and the hand-made published tables" sh -c \
	'"$1" ingest --db "$2" "$3" "$4" >/dev/null' _ "$cf" "$db" "$work/la" "$CASEFLOW_TOP/tests/cases/benchmark/_data"
"$cf" kpi --db "$db" --period 2021-22 --format csv 2>/dev/null >"$work/kpi.csv"
want=$(awk -F, '$1 == "cla_rate_10k" && $3 == "all" { print $7 }' "$work/kpi.csv")
"$cf" benchmark --db "$db" --la 901 --indicator cla_rate_10k --format csv >"$work/b.csv"
got=$(awk -F, '$2 == 2022 { print $4 }' "$work/b.csv")
check "la_value for 2022 is kpi's cla_rate_10k for 2021-22 ($want; benchmark: $got)" test -n "$want" -a "$want" = "$got"
check "no la_value for 2025, which the returns do not cover" grep -q '^cla_rate_10k,2025,901,,64,' "$work/b.csv"
check "--la all leaves la_value null" sh -c \
	'"$1" benchmark --db "$2" --la all --indicator cla_rate_10k --format csv | grep -q "^cla_rate_10k,2022,901,,125,"' _ "$cf" "$db"
want=$(awk -F, '$1 == "cla_31mar" && $3 == "all" { print $7 }' "$work/kpi.csv")
"$cf" trajectory set --db "$db" --name t --indicator cla_31mar --la 901 --from 2021-03-31:20 --to 2023-03-31:10 >/dev/null
"$cf" trajectory show --db "$db" --format csv >"$work/t.csv"
check "31 March 2022: the kpi engine's value ($want) is the actual" grep -q "^t,2022-03-31,15,$want,kpi," "$work/t.csv"
check "months before the returns' 12 months have no actual" grep -q '^t,2022-02-28,15.4[0-9]*,,,,,$' "$work/t.csv"
check "months after them have no actual" grep -q '^t,2022-06-30,[0-9.]*,,,,,$' "$work/t.csv"
