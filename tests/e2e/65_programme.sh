# caseflow programme: load the shipped example, check every view's key
# figures, and check that bad input and a failed write leave the store as it was.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

ex="$CASEFLOW_TOP/examples/programme"
db="$work/p.db"
show() { "$cf" programme show --db "$db" --as-of 2025-09-30 "$@"; }
show_csv() { csv_tables programme show --db "$db" --as-of 2025-09-30 "$@"; }   # a view's tables, a file each

"$cf" programme --db "$db" --load "$ex" >"$work/load" 2>&1
check "the example loads" test $? -eq 0
check "the load names the programme" grep -q "loaded programme 'Strengthening Families'" "$work/load"

# the published business case of DOMAIN.md §6, £000s, to the pound
show_csv >"$work/bc.csv"
check "year 0: 230 + 80 = 310" grep -qx "0,230,80,310,0,0,310,310" "$work/bc.csv"
check "year 1: net 1,013" grep -qx "1,1371,455,1826,-813,-813,1013,1323" "$work/bc.csv"
check "year 2: net -1,224, cumulative 99" grep -qx "2,214,1017,1231,-1642,-2455,-1224,99" "$work/bc.csv"
check "year 3: net -3,633" grep -qx "3,0,1017,1017,-2195,-4650,-3633,-3534" "$work/bc.csv"
check "year 4: net -5,460" grep -qx "4,0,1017,1017,-1827,-6477,-5460,-8994" "$work/bc.csv"
check "year 5: net -5,913" grep -qx "5,0,1017,1017,-453,-6930,-5913,-14907" "$work/bc.csv"
check "totals: 1,815, 4,603, -21,325, net -14,907" grep -qx "total,1815,4603,6418,-6930,-21325,-14907," "$work/bc.csv"
check "payback in year 3" grep -q "^payback_year,3,year" "$work/bc.csv"
check "culture's -50 line gives some of year 4 back" grep -qx "culture,4,0,0,0,-300,-1100,-1100,-1986" "$work/bc.csv"

show_csv --view workforce >"$work/wf.csv"
check "1,234 cases at 1:15, span 1:6: 83 social workers, 14 managers" \
	grep -q "^,1234,15,6,0.15,83,14,97,12,2,5634$" "$work/wf.csv"
check "gap to the sheet's establishment: 9 permanent social workers" \
	grep -q "^,social_worker,permanent,71,62,9,workforce sheet$" "$work/wf.csv"

show_csv --view milestones >"$work/ms.csv"
check "milestones on 30/09/2025: 2 overdue, 1 due within 90 days" grep -qx "all,9,3,1,2,1,2" "$work/ms.csv"
check "a late completion is counted as late" grep -q "^Edge-of-care team recruited,demand,.*,done_late,25," "$work/ms.csv"

show_csv --view benefits >"$work/bn.csv"
check "children in care: August 2025 is red (16.52 behind a 16.5 band)" grep -q "^B1,2025-08,.*,red$" "$work/bn.csv"
check "savings landing: 350 of 813 in year 1" grep -q "^1,2026-03-31,813,.*,350,-463,43.0" "$work/bn.csv"

show --view cba --format json >"$work/cba.json"
check "CBA reports a public value BCR" grep -q '"measure": "public_value_bcr", "value": 2.17' "$work/cba.json"
check "CBA sensitivity has switching values" grep -q '"assumption": "unit_value"' "$work/cba.json"

show --view all --format xlsx --out "$work/all.xlsx" >/dev/null 2>&1
check "all views as a workbook" sh -c 'test "$(head -c 2 "$1")" = PK' sh "$work/all.xlsx"
show --view all --format table >"$work/before"

# bad input: the message names file, row and column; the store is unchanged
bad() { # bad NAME: copy the example to $work/NAME (a different programme name)
	rm -rf "$work/$1"; cp -r "$ex" "$work/$1"
	sed -i "s/^name,.*/name,$1/" "$work/$1/programme.csv"
}
bad year
sed -i 's/^2,culture,one-off,214/two,culture,one-off,214/' "$work/year/costs.csv"
"$cf" programme --db "$db" --load "$work/year" >"$work/out" 2>&1
check "a year that is not a number exits 1" test $? -eq 1
check "... naming costs.csv row 9, column year" grep -q "costs.csv:9: column year: value 'two': sheet costs" "$work/out"

bad ws
sed -i 's/^3,demand,995/3,demnd,995/' "$work/ws/savings.csv"
"$cf" programme --db "$db" --load "$work/ws" >"$work/out" 2>&1
check "a saving for an unknown workstream exits 1" test $? -eq 1
check "... naming savings.csv row 9, column workstream" grep -q "savings.csv:9: column workstream: value 'demnd'" "$work/out"

bad rate
sed -i 's/^setting,discount_rate,,,3.5%/setting,discount_rate,,,35/' "$work/rate/cba.csv"
"$cf" programme --db "$db" --load "$work/rate" >"$work/out" 2>&1
check "a rate outside 0-1 exits 1" test $? -eq 1
check "... naming cba.csv row 2, column value" grep -q "cba.csv:2: column value: value '35': sheet cba" "$work/out"

bad faulty
CASEFLOW_FAIL_AFTER_ROWS=40 "$cf" programme --db "$db" --load "$work/faulty" >"$work/out" 2>&1
check "a write failing half way exits 3" test $? -eq 3
show --view all --format table >"$work/after"
check "after all that the store holds just the first programme, unchanged" cmp -s "$work/before" "$work/after"

"$cf" programme --db "$db" --load "$ex" >"$work/out" 2>&1
check "loading the same programme again replaces it" grep -q "^replaced programme 'Strengthening Families'" "$work/out"
show --view all --format table >"$work/after"
check "... with the same figures" cmp -s "$work/before" "$work/after"

"$cf" programme --db "$db" --load "$work/faulty" >/dev/null 2>&1
show >/dev/null 2>"$work/out"
check "with two programmes, show asks which" grep -q "holds 2 programmes" "$work/out"
show_csv --name faulty | grep -qx "total,1815,4603,6418,-6930,-21325,-14907,"
check "... and --name picks one" test $? -eq 0

"$cf" programme show --db "$db" --view nonsense >/dev/null 2>&1
check "an unknown view exits 2" test $? -eq 2
"$cf" programme --db "$db" >/dev/null 2>&1
check "neither --load nor show exits 2" test $? -eq 2

# with a workforce census loaded, the gap is to the census establishment
if need_shared "programme workforce gap against the census"; then
	"$cf" ingest --db "$work/w.db" "$shared/data/samples/workforce/social_work_workforce_2022.xml" >/dev/null 2>&1
	"$cf" programme --db "$work/w.db" --load "$ex" >/dev/null 2>&1
	csv_tables programme show --db "$work/w.db" --view workforce >"$work/wfc.csv"
	check "the gap is to the workforce census of 30/09/2022" \
		grep -q "^,social_worker,permanent,71,.*,workforce census 2022-09-30$" "$work/wfc.csv"
fi
