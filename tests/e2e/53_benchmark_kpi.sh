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
"$cf" trajectory show --db "$db" --table trajectory_months --format csv >"$work/t.csv"
check "31 March 2022: the kpi engine's value ($want) is the actual" grep -q "^t,2022-03-31,15,$want,kpi," "$work/t.csv"
check "months before the returns' 12 months have no actual" grep -q '^t,2022-02-28,15.4[0-9]*,,,,,$' "$work/t.csv"
check "months after them have no actual" grep -q '^t,2022-06-30,[0-9.]*,,,,,$' "$work/t.csv"

# The workforce census: DfE's time_period Y is the census of 30 September Y
# (2023: 33,119 FTE in post in England), which the financial year to 31 March
# Y + 1 holds; so la_value for 2022 is kpi's sw_caseload for 2022-23, not 2021-22.
"$cf" synth --out "$work/wf" --children 2000 --years 2 --first-year 2021 --quiet >/dev/null
mkdir -p "$work/pub"
cp "$CASEFLOW_TOP/tests/cases/benchmark/_data/sn_model_2025_wide.csv" "$work/pub/"
printf '%s\n' "time_period,geographic_level,region_code,region_name,old_la_code,new_la_code,la_name,turnover_rate_fte,agency_rate_fte,vacancy_rate_fte,caseload_fte" \
	"2021,National,,,,,,15.4,15.5,16.7,16.3" "2022,National,,,,,,17.1,17.6,20,16.6" \
	"2021,Local authority,E12000003,Yorkshire and The Humber,901,E08000901,Testshire,10,10,10,15" \
	"2022,Local authority,E12000003,Yorkshire and The Humber,901,E08000901,Testshire,11,11,11,16" >"$work/pub/csww_indicators_2021_to_2022.csv"
"$cf" ingest --db "$work/wf.db" "$work/wf" "$work/pub" >/dev/null 2>&1
"$cf" kpi --db "$work/wf.db" --period 2021-22,2022-23 --indicator sw_caseload --format csv 2>/dev/null >"$work/wk.csv"
"$cf" benchmark --db "$work/wf.db" --la 901 --indicator sw_caseload --format csv >"$work/wb.csv" 2>/dev/null
k22=$(awk -F, '$1 == "sw_caseload" && $2 == "2022-23" && $3 == "all" { print $7 }' "$work/wk.csv")
k21=$(awk -F, '$1 == "sw_caseload" && $2 == "2021-22" && $3 == "all" { print $7 }' "$work/wk.csv")
b22=$(awk -F, '$1 == "sw_caseload" && $2 == 2022 { print $4 }' "$work/wb.csv")
check "workforce la_value for 2022 is kpi's sw_caseload for 2022-23, the census of 30 September 2022 ($k22; benchmark $b22; 2021-22 gives $k21)" \
	test -n "$k22" -a "$k22" = "$b22" -a "$k21" != "$k22"
echo "1..$n"
