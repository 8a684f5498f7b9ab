# The regional hub on a throwaway PostgreSQL cluster (tests/e2e/pg.sh):
# set-up by a role that owns the database and may create roles (never a
# superuser), consent, push (degraded, idempotent, resumable after a kill),
# row-level security tested by connecting as each role, the analyses on the
# hub byte for byte against the council's own store, consent withdrawn,
# retention, and the audit table.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
. "$CASEFLOW_TOP/tests/e2e/pg.sh"
pg_start || exit 0

# the DBA's part: a database and its owner, who may create roles
pg_sql postgres postgres "CREATE ROLE hubowner LOGIN CREATEROLE" &&
	pg_sql postgres postgres "CREATE DATABASE region OWNER hubowner" &&
	pg_sql postgres postgres "CREATE DATABASE region2 OWNER hubowner"
check "a database and its owner (CREATEROLE, not superuser) are made" test $? = 0
uri() { echo "postgresql:///$2?host=$pg_dir&user=$1"; }
admin=$(uri hubowner region)

"$cf" synth --children 2500 --years 3 --first-year 2021 --seed 21 --out "$work/a" --quiet &&
	"$cf" synth --children 1500 --years 3 --first-year 2021 --seed 22 --out "$work/b" --quiet
"$cf" ingest --db "$work/a.db" "$work/a" >/dev/null 2>&1 && "$cf" ingest --db "$work/b.db" "$work/b" >/dev/null 2>&1
check "two synthetic councils load into their own stores" test $? = 0

"$cf" hub init --db "$admin" --region north >"$work/out" 2>&1
check "hub init creates the hub as the database's owner" test $? = 0
"$cf" hub init --db "$admin" --region north >"$work/out" 2>&1
check "hub init again (an upgrade) changes nothing and succeeds" test $? = 0
"$cf" hub init --db "$admin" --region south >"$work/out" 2>&1
check "hub init with another region: exit 1, naming the hub's region" \
	sh -c 'test $1 = 1 && grep -q "this hub is region .north." "$0"' "$work/out" $?
check "the region's roles exist and none is a superuser" \
	test "$(pg_sql postgres postgres "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'north_%' AND NOT rolsuper")" = 3
"$cf" hub la add --db "$admin" --la 380 --name Bradford >/dev/null && "$cf" hub la add --db "$admin" --la 381 --name Calderdale >/dev/null
check "two councils added, each with its own role" \
	test "$(pg_sql postgres postgres "SELECT count(*) FROM pg_roles WHERE rolname IN ('north_la_380', 'north_la_381')")" = 2
"$cf" hub la add --db "$admin" --la 38 --name X >"$work/out" 2>&1
check "a council code that is not three digits: a usage error" test $? = 2
pg_sql hubowner region "CREATE ROLE alice LOGIN IN ROLE north_la_380; CREATE ROLE bob LOGIN IN ROLE north_la_381;
	CREATE ROLE ann LOGIN IN ROLE north_regional"

"$cf" push --from "$work/a.db" --to "$(uri alice region)" --la 380 >"$work/out" 2>&1
check "a push before any consent: exit 1, saying how to record it" \
	sh -c 'test $1 = 1 && grep -q "consented to no use" "$0"' "$work/out" $?
for u in benchmarking forecasting sufficiency research; do
	"$cf" hub consent --db "$admin" --la 380 --use $u --on >/dev/null || echo "consent $u failed"
done
"$cf" hub consent --db "$admin" --la 381 --use benchmarking --on >/dev/null
"$cf" push --from "$work/a.db" --to "$(uri bob region)" --la 380 >"$work/out" 2>&1
check "a council's role may not push for another council" \
	sh -c 'test $1 = 1 && grep -q "may not push for council 380" "$0"' "$work/out" $?

"$cf" push --from "$work/a.db" --to "$(uri alice region)" --la 380 >"$work/push1" 2>&1
check "council 380 pushes its returns" sh -c 'test $1 = 0 && grep -q "returns sent" "$0"' "$work/push1" $?
sent=$(sed -n 's/^council 380: \([0-9]*\) returns sent.*/\1/p' "$work/push1")
check "every return of the store was sent ($sent)" test "$sent" = "$(sqlite3 "$work/a.db" 'SELECT count(*) FROM returns')"
rows_before=$(pg_sql hubowner region "SELECT (SELECT count(*) FROM hub.r_ssda903_episodes) + (SELECT count(*) FROM hub.r_contacts)")
"$cf" push --from "$work/a.db" --to "$(uri alice region)" --la 380 >"$work/push2" 2>&1
check "a second push sends nothing: every return is already held" \
	grep -q "^council 380: 0 returns sent (0 rows), $sent already at the hub" "$work/push2"
check "and the hub's rows are unchanged" test "$rows_before" = \
	"$(pg_sql hubowner region "SELECT (SELECT count(*) FROM hub.r_ssda903_episodes) + (SELECT count(*) FROM hub.r_contacts)")"
"$cf" push --from "$work/b.db" --to "$(uri bob region)" --la 381 >"$work/push3" 2>&1
money=$(pg_sql hubowner region "SELECT count(*) FROM hub.returns WHERE la_code = '381' AND kind = 'local.placement_costs'")
check "council 381, consenting to benchmarking only, keeps its money extracts back" \
	sh -c 'grep -q "[1-9][0-9]* with no consented use" "$0" && test "$1" = 0' "$work/push3" "$money"

# --- what the hub holds: degraded -------------------------------------------
child=$(sqlite3 "$work/a.db" "SELECT child FROM contacts WHERE child IS NOT NULL LIMIT 1")
check "no council's local child ID is stored (the contacts' first child, $child)" \
	test "$(pg_sql hubowner region "SELECT count(*) FROM hub.r_contacts WHERE child = '$child'")" = 0
check "child IDs are pseudonyms (20 hex digits)" \
	test "$(pg_sql hubowner region "SELECT count(*) FROM hub.r_ssda903_episodes WHERE child !~ '^[0-9a-f]{20}$'")" = 0
check "the same local ID in two councils gets two pseudonyms" \
	test "$(pg_sql hubowner region "SELECT count(*) FROM (SELECT child FROM hub.children GROUP BY child HAVING count(DISTINCT la_code) > 1) x")" = 0
check "dates of birth are kept to the month (the day only as far as ages need): three in four on the 1st or 2nd" test \
	"$(pg_sql hubowner region "SELECT count(*) FILTER (WHERE substr(dob, 9, 2) IN ('01', '02')) * 4 >= count(*) * 3 FROM hub.children WHERE dob IS NOT NULL")" = t
check "every child keeps its month of birth" test \
	"$(sqlite3 "$work/a.db" "SELECT m || ' ' || n FROM (SELECT substr(dob, 1, 7) AS m, count(*) AS n FROM children WHERE dob IS NOT NULL GROUP BY 1) ORDER BY 1" | cksum)" = \
	"$(pg_sql hubowner region "SELECT substr(dob, 1, 7) || ' ' || count(*) FROM hub.children WHERE la_code = '380' AND dob IS NOT NULL GROUP BY substr(dob, 1, 7) ORDER BY 1" | cksum)"
check "no UPN and no issue text reach the hub" test \
	"$(pg_sql hubowner region "SELECT (SELECT count(*) FROM hub.r_ssda903_header WHERE upn IS NOT NULL) + (SELECT count(*) FROM hub.r_issues WHERE value IS NOT NULL OR message <> '')")" = 0
check "files are named without their folders" \
	test "$(pg_sql hubowner region "SELECT count(*) FROM hub.returns WHERE file LIKE '%/%'")" = 0

# --- row-level security, tested as each role -------------------------------------
check "council 380's role sees only its own rows" \
	test "$(pg_sql alice region "SELECT string_agg(DISTINCT hub_la, ',') FROM hub.r_ssda903_episodes")" = 380
check "council 381's role sees only its own rows" \
	test "$(pg_sql bob region "SELECT string_agg(DISTINCT la_code, ',') FROM hub.returns")" = 381
pg_sql alice region "INSERT INTO hub.r_contacts (return_id, hub_la, child) SELECT id, '380', 'raw-id' FROM hub.returns LIMIT 1" \
	>"$work/out" 2>&1
check "a council cannot write records except through the hub's pseudonymising path" grep -q "permission denied" "$work/out"
pg_sql ann region "SELECT count(*) FROM hub.r_ssda903_episodes" >"$work/out" 2>&1
check "the regional role cannot read child-level rows" grep -q "permission denied" "$work/out"
check "the regional role reads the pooled views" test "$(pg_sql ann region "SELECT count(DISTINCT la_code) FROM hub.region_returns")" = 2
check "the pooled children's view suppresses counts under 5" \
	test "$(pg_sql ann region "SELECT count(*) FROM hub.region_children WHERE children < 5")" = 0
pg_sql alice region "SELECT count(*) FROM hub.audit" >"$work/out" 2>&1
check "a council cannot read the audit table" grep -q "permission denied" "$work/out"

# --- the analyses on the hub against the council's own store ---------------
same() { # same "what" ARGS...: the command on a.db and on the hub (as alice), byte for byte
	_w=$1; shift
	"$cf" "$@" --db "$work/a.db" >"$work/own" 2>/dev/null
	_a=$?
	"$cf" "$@" --db "$(uri alice region)" --la 380 >"$work/hub" 2>"$work/hub.err"
	check "$_w on the hub equals the council's own, byte for byte (exit $_a)" \
		sh -c 'test $2 = 0 && test "$(wc -c <"$0")" -gt 100 && cmp -s "$0" "$1"' "$work/own" "$work/hub" $_a
}
same "kpi, every period" kpi --period all --format csv
same "kpi by age band" kpi --by age_band --format csv
same "summary" summary --format json
same "benchmark" benchmark --la 380 --format csv
same "flows" flows --format json
"$cf" kpi --db "$(uri alice region)" --la 381 >"$work/out" 2>&1
check "council 380's role asking for 381: exit 1, no council it may read" \
	sh -c 'test $1 = 1 && grep -q "no council 381 in this hub that this role may read" "$0"' "$work/out" $?
"$cf" kpi --db "$(uri ann region)" --la all >"$work/out" 2>&1
check "the regional role cannot pool child-level rows" sh -c 'test $1 = 1 && grep -q "may read no council" "$0"' "$work/out" $?
"$cf" summary --db "$admin" --la all --format json >"$work/all" 2>"$work/err"
check "the hub's admin pools every council (summary --la all)" test $? = 0
"$cf" kpi --db "$work/a.db" --indicator cla_31mar --format csv >"$work/ka" 2>/dev/null
num() { awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "numerator") c = i } NR == 2 { print $c }' "$1"; }

# every council and the region, from children (the region room)
"$cf" kpi --db "$admin" --la all --indicator cla_31mar,rereferral_12m --format csv >"$work/region" 2>"$work/err"
check "kpi --la all: a row per council and the region for each indicator" \
	test "$(awk -F, 'NR > 1 { print $1 "," $3 }' "$work/region" | sort -u | tr '\n' ' ')" = \
	"cla_31mar,380 cla_31mar,381 cla_31mar,region rereferral_12m,380 rereferral_12m,381 rereferral_12m,region "
col() { awk -F, -v want="$2" -v ind="$3" -v la="$4" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$1 == ind && $3 == la { print $(c[want]) }' "$1"; }
check "the region's children looked after are the councils' summed" test \
	"$(col "$work/region" numerator cla_31mar region)" = "$(awk "BEGIN { print $(col "$work/region" numerator cla_31mar 380) + $(col "$work/region" numerator cla_31mar 381) }")"
check "each council's figure is its own store's ($(num "$work/ka"))" test "$(col "$work/region" numerator cla_31mar 380)" = "$(num "$work/ka")"
check "the councils are ranked 1 and 2 of 2" \
	test "$(col "$work/region" rank rereferral_12m 380)$(col "$work/region" rank rereferral_12m 381)" != "" -a \
	"$(col "$work/region" ranked rereferral_12m 380)" = 2
"$cf" hub publish --db "$admin" >"$work/out" 2>&1
check "hub publish writes the figures of each council and the region" \
	sh -c 'test $1 = 0 && grep -q "published the figures of 2 councils and the region" "$0"' "$work/out" $?
check "the regional role reads them, with no count from 1 to 4" test \
	"$(pg_sql ann region "SELECT count(*) > 0 AND count(*) FILTER (WHERE numerator BETWEEN 0.5 AND 4.5 OR denominator BETWEEN 0.5 AND 4.5) = 0 FROM hub.region_figures")" = t
check "and small counts are marked suppressed, not dropped" test \
	"$(pg_sql hubowner region "SELECT count(*) FROM hub.figures WHERE numerator BETWEEN 0.5 AND 4.5 OR denominator BETWEEN 0.5 AND 4.5")" = \
	"$(pg_sql ann region "SELECT count(*) FROM hub.region_figures WHERE suppressed AND value IS NULL")"

# the forecast ages children out on their 18th birthday, a date only an
# exact date of birth gives: on a hub that keeps them (--dob exact) it is
# the council's own to the byte
"$cf" hub init --db "$(uri hubowner region2)" --region north --dob exact >/dev/null 2>&1 &&
	"$cf" hub la add --db "$(uri hubowner region2)" --la 380 --name Bradford >/dev/null &&
	"$cf" hub consent --db "$(uri hubowner region2)" --la 380 --use forecasting --on >/dev/null &&
	"$cf" hub consent --db "$(uri hubowner region2)" --la 380 --use sufficiency --on >/dev/null &&
	"$cf" push --from "$work/a.db" --to "$(uri alice region2)" --la 380 >/dev/null 2>&1
check "a second hub keeps exact dates of birth (hub init --dob exact)" test $? = 0
"$cf" forecast --db "$work/a.db" --format csv >"$work/own" 2>/dev/null
"$cf" forecast --db "$(uri alice region2)" --la 380 --format csv >"$work/hub" 2>/dev/null
check "forecast on that hub equals the council's own, byte for byte" cmp -s "$work/own" "$work/hub"

# --- a push killed part way ---------------------------------------------------
"$cf" hub la add --db "$admin" --la 382 --name Kirklees >/dev/null && "$cf" hub consent --db "$admin" --la 382 --use research --on >/dev/null &&
	"$cf" hub consent --db "$admin" --la 382 --use sufficiency --on >/dev/null
pg_sql hubowner region "CREATE ROLE carl LOGIN IN ROLE north_la_382"
"$cf" push --from "$work/a.db" --to "$(uri carl region)" --la 382 >/dev/null 2>&1 &
pid=$!
sleep 0.4
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
whole=$(pg_sql hubowner region "SELECT count(*) FROM hub.returns r WHERE la_code = '382' AND kind = 'ssda903.episodes' AND
	rows <> (SELECT count(*) FROM hub.r_ssda903_episodes e WHERE e.return_id = r.id)")
check "after a kill -9 mid-push every return at the hub is whole or absent" test "$whole" = 0
"$cf" push --from "$work/a.db" --to "$(uri carl region)" --la 382 >"$work/out" 2>&1
held=$(pg_sql hubowner region "SELECT count(*) FROM hub.returns WHERE la_code = '382'")
# (benchmark has since added DfE's built-in tables to the store as returns)
all=$(sqlite3 "$work/a.db" 'SELECT count(*) FROM returns')
check "the next push finishes it ($held of $all returns held)" test "$held" = "$all"
check "with each return once" test "$(pg_sql hubowner region "SELECT count(*) FROM hub.r_ssda903_episodes WHERE hub_la = '382'")" = \
	"$(pg_sql hubowner region "SELECT count(*) FROM hub.r_ssda903_episodes WHERE hub_la = '380'")"

# statistical neighbours within the region: of 380's ten (DfE's 2025
# groupings), 382 is in the hub now; 381's ten include neither
"$cf" kpi --db "$admin" --la all --indicator rereferral_12m --format csv >"$work/region2" 2>/dev/null
check "380's neighbours in the region: 382 alone, so their median is 382's value" \
	test "$(col "$work/region2" sn_in_region rereferral_12m 380),$(col "$work/region2" sn_median rereferral_12m 380)" = \
	"1,$(col "$work/region2" value rereferral_12m 382)"
check "381 has no neighbour in the region" test "$(col "$work/region2" sn_in_region rereferral_12m 381)" = 0

# --- consent withdrawn, retention ---------------------------------------------
"$cf" hub consent --db "$admin" --la 381 --use benchmarking --off >"$work/out" 2>&1
left=$(pg_sql hubowner region "SELECT (SELECT count(*) FROM hub.returns WHERE la_code = '381') +
	(SELECT count(*) FROM hub.r_contacts WHERE hub_la = '381') + (SELECT count(*) FROM hub.children WHERE la_code = '381')")
check "consent withdrawn removes that council's returns for the use at once" \
	sh -c 'grep -q "benchmarking off; [1-9][0-9]* returns" "$0" && test "$1" = 0' "$work/out" "$left"
pg_sql hubowner region "UPDATE hub.returns SET pushed_at = now() - interval '40 days' WHERE la_code = '380' AND kind LIKE 'local.%'"
for u in benchmarking forecasting sufficiency research; do
	"$cf" hub consent --db "$admin" --la 380 --use $u --on --retention 30d >/dev/null
done
old=$(pg_sql hubowner region "SELECT count(*) FROM hub.returns WHERE la_code = '380' AND kind LIKE 'local.%'")
before=$(pg_sql hubowner region "SELECT count(*) FROM hub.returns WHERE la_code = '380'")
"$cf" hub purge --db "$admin" >"$work/out" 2>&1
now=$(pg_sql hubowner region "SELECT count(*) FROM hub.returns WHERE la_code = '380'")
check "purge removes the returns past their retention ($old), and only those" \
	sh -c 'grep -q "$1 returns removed" "$0" && test "$2" = "$3"' "$work/out" "$old" "$now" "$((before - old))"
"$cf" hub consent --db "$admin" --la 380 --use research --on --retention 7q >"$work/out" 2>&1
check "a retention that is not a period: a usage error naming the forms" sh -c 'test $1 = 2 && grep -q "7y, 18m, 90d" "$0"' "$work/out" $?

check "the audit table has the pushes, consents, purges and reads" test \
	"$(pg_sql hubowner region "SELECT count(DISTINCT action) FROM hub.audit WHERE action IN ('push', 'consent', 'purge', 'read', 'la add', 'init')")" = 6
"$cf" hub status --db "$admin" --format csv >"$work/out" 2>&1
check "hub status lists each council with its returns and uses" \
	sh -c 'grep -q "^380,Bradford,[0-9]*,[0-9]*,\"*benchmarking,forecasting,sufficiency,research" "$0" && grep -q "^381,Calderdale,0,0," "$0"' "$work/out"
"$cf" kpi --db "postgresql:///nosuch?host=$pg_dir&user=hubowner" --la 380 >"$work/out" 2>&1
check "a hub that is not there: exit 3 with libpq's reason" sh -c 'test $1 = 3 && grep -q "cannot connect to the hub" "$0"' "$work/out" $?
"$cf" validate --db "$admin" >"$work/out" 2>&1
check "validate on a hub: a usage error saying to validate before pushing" grep -q "before 'caseflow push'" "$work/out"

pg_stop
echo "1..$n"
