#!/bin/sh
# caseflow trajectory through the binary: the programme's 684 -> 519 path,
# versions, bad inputs; with data/dfe, actuals from published figures and
# a path set from a comparator gap.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
db="$work/t.db"
check "set a linear path" sh -c '"$1" trajectory set --db "$2" --name cla --indicator cla_31mar \
	--from 2024-03-31:684 --to 2029-03-31:519 >/dev/null' _ "$cf" "$db"
"$cf" trajectory show --db "$db" --name cla --table trajectory_months --format csv >"$work/show.csv"
check "61 monthly points, 31 March 2024 to 31 March 2029" sh -c \
	'test "$(grep -c "^cla,20" "$1")" -eq 61 && grep -q "^cla,2029-03-31,519," "$1"' _ "$work/show.csv"
check "31 March 2025 is 684 - 12 x 2.75 = 651" grep -q '^cla,2025-03-31,651,' "$work/show.csv"
check "no data loaded: every actual is blank" sh -c '! grep "^cla,20" "$1" | grep -qv ",,,,,$"' _ "$work/show.csv"
check "set it again as geometric: a new version" sh -c '"$1" trajectory set --db "$2" --name cla --indicator cla_31mar \
	--from 2024-03-31:684 --to 2029-03-31:519 --shape geometric | grep -q "version 2"' _ "$cf" "$db"
check "show gives the latest version" sh -c \
	'"$1" trajectory show --db "$2" --table trajectories --format csv | grep -q "^cla,cla_31mar,,2024-03-31,684,2029-03-31,519,geometric,"' _ "$cf" "$db"
check "30 April 2024 on the geometric path is 680.86" sh -c \
	'"$1" trajectory show --db "$2" --table trajectory_months --format csv | grep -q "^cla,2024-04-30,680.86"' _ "$cf" "$db"

check "geometric through zero: exit 1" sh -c '"$1" trajectory set --db "$2" --name z --indicator cla_31mar \
	--from 2024-03-31:10 --to 2025-03-31:0 --shape geometric 2>/dev/null; test $? -eq 1' _ "$cf" "$db"
check "target before start: exit 1" sh -c '"$1" trajectory set --db "$2" --name z --indicator cla_31mar \
	--from 2024-03-31:10 --to 2023-03-31:5 2>/dev/null; test $? -eq 1' _ "$cf" "$db"
check "unknown indicator: exit 1" sh -c '"$1" trajectory set --db "$2" --name z --indicator nope \
	--from 2024-03-31:10 --to 2025-03-31:5 2>/dev/null; test $? -eq 1' _ "$cf" "$db"
check "malformed --from: exit 2" sh -c '"$1" trajectory set --db "$2" --name z --indicator cla_31mar \
	--from 684 --to 2025-03-31:5 2>/dev/null; test $? -eq 2' _ "$cf" "$db"
check "bad --shape: exit 2" sh -c '"$1" trajectory set --db "$2" --name z --indicator cla_31mar \
	--from 2024-03-31:10 --to 2025-03-31:5 --shape curvy 2>/dev/null; test $? -eq 2' _ "$cf" "$db"
check "comparator without --by: exit 2" sh -c '"$1" trajectory set --db "$2" --name z --indicator cla_31mar \
	--la 380 --to sn_median 2>/dev/null; test $? -eq 2' _ "$cf" "$db"
check "show an unknown name: exit 1" sh -c '"$1" trajectory show --db "$2" --name nope 2>/dev/null; test $? -eq 1' _ "$cf" "$db"
check "no subcommand: exit 2" sh -c '"$1" trajectory 2>/dev/null; test $? -eq 2' _ "$cf"

need_shared "DfE published tables" || exit 0
db="$work/dfe.db"
store_from "$db" "$shared/data/dfe" >/dev/null
check "a path for Bradford's CLA" sh -c '"$1" trajectory set --db "$2" --name bradford --indicator cla_31mar --la 380 \
	--from 2021-03-31:1300 --to 2026-03-31:1100 --tolerance 5 >/dev/null' _ "$cf" "$db"
"$cf" trajectory show --db "$db" --name bradford --table trajectory_months --format csv >"$work/b.csv"
# published CLA at 31 March 2025: 1366; the target 48 months on is 1300 - 48 x 200/60 = 1140,
# and 1366 is 19.8% over it: red with a 5% tolerance
check "31 March 2025: actual 1366 (published), target 1140, red" \
	grep -q '^bradford,2025-03-31,1140,1366,published,226,19.82[0-9]*,red$' "$work/b.csv"
check "months without a published figure have no actual" grep -q '^bradford,2025-04-30,1136.66[0-9]*,,,,,$' "$work/b.csv"
check "months after the data have no actual" grep -q '^bradford,2026-03-31,1100,,,,,$' "$work/b.csv"
check "a path from the gap to the neighbours' median" sh -c '"$1" trajectory set --db "$2" --name gap --indicator cla_rate_10k \
	--la E08000032 --to sn_median --by 2027-03-31 | grep -q "from 96 on 2025-03-31 to 84.5 on 2027-03-31"' _ "$cf" "$db"
