# Options declared once: each command's help lists every option it had
# before the tables (the names are the contract), a mistyped command,
# option, value or indicator exits 2 (1 for a trajectory's indicator, as
# before) naming what was meant, and 'caseflow help' documents the exit codes.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

opts_benchmark="--db --la --indicator --years --sn-model --to --by --population --list --format --out"
opts_forecast="--db --la --ref-start --ref-end --start --months --method --entrants --population-area --runs --bands --seed --threads
 --no-bootstrap --drift --costs --inflation --inflation-from --scenario --place-map --merge --keep-withdrawn --table --backtest --cutoff
 --format --out"
opts_ingest="--db --year --format --table"
opts_journey="--db --la --child --family --format --out"
opts_kpi="--db --la --period --indicator --by --suppress --list --records --group --centroids --format --out"
opts_programme="--load --db --la --name --view --as-of --format --out --table"
opts_report="--db --out --period --suppress --centroids --scenario --as-of --programme --la --sn-model --locality"
opts_money="--db --la --year --as-of --top --outturn --inflation --shift --format --out --table"
opts_quality="--db --la --return --format --out"
opts_families="--db --la --period --target --format --out --table"
opts_sufficiency="--db --la --as-of --forecast --centroids --format --out --table"
opts_summary="--db --la --format --out --table"
opts_synth="--out --children --years --first-year --seed --xml --write-ssd --la --drift --plant-source --plant-pilot --format --quiet"
opts_trajectory="--db --name --indicator --la --from --to --by --shape --tolerance --format --out --table"
opts_evaluate="--db --la --cohort --cohort-where --start --intake --window --outcomes --comparison --locality --boots --seed --table --format --out"
opts_flows="--db --la --period --within --table --format --out"
opts_export="--db --la --year --as --out"
opts_api_payload="--db --la --since --from --all --out --send --credentials --format"
opts_drivers="--db --la --period --table --format --out"
opts_compare="--db --la --indicator --by --period --baseline --before --after --change-at --format --out"
opts_calibrate="--db --la --measure --horizon --table --format --out"
opts_serve="--db --listen --tls-cert --tls-key --base-url --idle-timeout --suppress --conn-timeout --max-upload --trust-proxy"
opts_user="--db --role --locality"
opts_hub="--db --region --dob --la --name --use --on --off --retention --period --format --out"
opts_push="--from --to --la"
opts_validate="--year --rules --previous --la --postcodes --authorities --db --providers --list-rules --return --format --out --table"

for c in api-payload benchmark calibrate compare drivers evaluate export families flows forecast hub ingest journey kpi money programme push quality report serve sufficiency summary synth trajectory user validate; do
	"$cf" help "$c" >"$work/help.$c"
	"$cf" "$c" --help >"$work/dash.$c"
	check "$c: 'help $c' and '$c --help' print the same" cmp -s "$work/help.$c" "$work/dash.$c"
	sed -n '/^Options:$/,/^$/p' "$work/help.$c" >"$work/opts.$c"
	eval "want=\$opts_$(echo "$c" | tr - _)"
	missing=""
	for o in $want; do
		grep -q -- "^  $o\( \|$\)" "$work/opts.$c" || missing="$missing $o"
	done
	check "$c: the Options section lists every option ($(echo $want | wc -w))${missing:+, missing$missing}" \
		test -z "$missing"
	# the section lists nothing else, and every line is one of these or a continuation
	extra=$(grep -o -- '^  --[a-z0-9-]*' "$work/opts.$c" | tr -d ' ' | while read -r o; do
		case " $(echo $want) " in *" $o "*) ;; *) echo "$o" ;; esac; done)
	check "$c: and nothing else${extra:+ ($extra)}" test -z "$extra"
	check "$c: help has prose, examples and the exit codes" \
		sh -c 'grep -q "^Examples:" "$1" && grep -q "^  caseflow $2" "$1" && grep -q "^Exit codes:" "$1"' _ \
		"$work/help.$c" "$c"
	# each option, mistyped (its first two letters swapped), is refused with the right suggestion
	case $c in trajectory) pre="set" ;; user) pre="add" ;; hub) pre="init" ;; *) pre="" ;; esac
	bad=""
	for o in $want; do
		t=$(echo "$o" | sed 's/^--\(.\)\(.\)/--\2\1/')
		"$cf" "$c" $pre "$t" x >/dev/null 2>"$work/e"
		rc=$?
		if [ $rc -ne 2 ] || ! grep -q -- "unknown option $t; did you mean $o?" "$work/e"; then
			bad="$bad $t(rc $rc)"
		fi
	done
	check "$c: each option mistyped exits 2 with 'did you mean'${bad:+; wrong for$bad}" test -z "$bad"
done

# every documented example parses: each is run with an unknown option added
# at its end, which the parser (reading left to right, stopping at the first
# error) reaches only when everything before it parsed; nothing is run
examples() { # the example command lines of help page $1, continuations joined, comments cut
	sed -n '/^Examples:$/,/^$/p' "$1" | sed -n 's/^  //p' | sed -e :a -e '/\\$/N; s/\\\n *//; ta' |
		sed 's/ *#.*//' | grep '^caseflow '
}
{
	for c in api-payload benchmark calibrate compare drivers evaluate export families flows forecast hub ingest journey kpi money programme push quality report serve sufficiency summary synth trajectory user validate; do
		examples "$work/help.$c"
	done
	# and the example column of README's table of commands
	grep '^| `' "$CASEFLOW_TOP/README.md" | sed -n 's/.*| `\(caseflow [^`]*\)` |$/\1/p'
} >"$work/examples"
bad="" count=0
while read -r line; do
	count=$((count + 1))
	# shellcheck disable=SC2086
	(cd "$work" && "$cf" ${line#caseflow } --zz-parse-check >/dev/null 2>"$work/e"); rc=$?
	if [ $rc -ne 2 ] || ! grep -q "unknown option --zz-parse-check$" "$work/e"; then
		bad="$bad
	$line: $(head -1 "$work/e")"
	fi
done <"$work/examples"
check "every documented example parses ($count: help pages and README)${bad:+; not:$bad}" \
	sh -c 'test -z "$1" && test "$2" -ge 40' _ "$bad" $count

"$cf" sumary >/dev/null 2>"$work/e"; rc=$?
check "a mistyped command exits 2" test $rc -eq 2
check "... and says which was meant" grep -q "no command 'sumary'; did you mean 'summary'?" "$work/e"
"$cf" help trajectroy >/dev/null 2>"$work/e"; rc=$?
check "help of a mistyped command exits 2, naming it" \
	sh -c 'test $1 -eq 2 && grep -q "did you mean .trajectory." "$2"' _ $rc "$work/e"
"$cf" zebra >/dev/null 2>"$work/e"
check "a word like no command suggests none" sh -c '! grep -q "did you mean" "$1"' _ "$work/e"

"$cf" summary --db "$work/none.db" --format jsn >/dev/null 2>"$work/e"; rc=$?
check "a mistyped --format exits 2 before the store is opened" test $rc -eq 2
check "... listing the choices and the one meant" \
	grep -q -- "--format must be table, csv, json or xlsx, not 'jsn'; did you mean json?" "$work/e"
"$cf" forecast --method markov,exact_age --backtest --cutoff 2023-03-31 >/dev/null 2>"$work/e"; rc=$?
check "a mistyped item of a comma list exits 2 naming it" \
	sh -c 'test $1 -eq 2 && grep -q "not .exact_age.; did you mean exact-age?" "$2"' _ $rc "$work/e"
"$cf" synth --out "$work/s" --children lots >/dev/null 2>"$work/e"; rc=$?
check "a number out of its range exits 2 with the range" \
	sh -c 'test $1 -eq 2 && grep -q -- "--children must be a whole number from 100 to 5000000, not .lots." "$2"' _ $rc "$work/e"
"$cf" kpi --by localty >/dev/null 2>"$work/e"; rc=$?
check "kpi --by mistyped exits 2 with the dimension meant" \
	sh -c 'test $1 -eq 2 && grep -q "did you mean locality?" "$2"' _ $rc "$work/e"
"$cf" programme shwo >/dev/null 2>"$work/e"; rc=$?
check "programme shwo exits 2: did you mean show" \
	sh -c 'test $1 -eq 2 && grep -q "unexpected argument shwo; did you mean show?" "$2"' _ $rc "$work/e"
"$cf" trajectory shwo >/dev/null 2>"$work/e"; rc=$?
check "trajectory shwo exits 2: did you mean show" \
	sh -c 'test $1 -eq 2 && grep -q "did you mean show?" "$2"' _ $rc "$work/e"
"$cf" trajectory show --shape linear >/dev/null 2>"$work/e"; rc=$?
check "a set option given to show exits 2 saying where it goes" \
	sh -c 'test $1 -eq 2 && grep -q -- "--shape goes with set, not show" "$2"' _ $rc "$work/e"
"$cf" ingest --db "$work/x.db" --year >/dev/null 2>"$work/e"; rc=$?
check "an option without its value exits 2 naming the value" \
	sh -c 'test $1 -eq 2 && grep -q -- "--year needs a value (YYYY-YY)" "$2"' _ $rc "$work/e"
check "... and creates no store" test ! -e "$work/x.db"

# indicator ids
"$cf" benchmark --db "$work/none.db" --la 380 --indicator cla_rate10k >/dev/null 2>"$work/e"; rc=$?
check "benchmark --indicator mistyped exits 2 with the id meant" \
	sh -c 'test $1 -eq 2 && grep -q "no indicator .cla_rate10k.; did you mean cla_rate_10k?" "$2"' _ $rc "$work/e"
"$cf" benchmark --db "$work/none.db" --la 380 --indicator=cla_rate_10k,cpp_rate10k >/dev/null 2>"$work/e"; rc=$?
check "... also within a comma list" \
	sh -c 'test $1 -eq 2 && grep -q "did you mean cpp_rate_10k?" "$2"' _ $rc "$work/e"
"$cf" trajectory set --db "$work/t.db" --name z --indicator cla_31mr --from 2024-03-31:10 --to 2025-03-31:5 \
	>/dev/null 2>"$work/e"; rc=$?
check "trajectory set --indicator mistyped exits 1 (bad input, as before) with the id meant" \
	sh -c 'test $1 -eq 1 && grep -q "unknown indicator .cla_31mr.; did you mean cla_31mar?" "$2"' _ $rc "$work/e"
check "... and leaves no store behind" test ! -e "$work/t.db"
"$cf" trajectory set --db "$work/t.db" --name z --indicator assesment_45wd --from 2024-03-31:10 \
	--to 2025-03-31:5 >/dev/null 2>"$work/e"
check "... an id only the kpi engine computes is suggested too" grep -q "did you mean assessment_45wd?" "$work/e"

"$cf" kpi --db "$work/none.db" --indicator cla_31mr >/dev/null 2>"$work/e"; rc=$?
check "kpi --indicator mistyped exits 2 with the id meant" \
	sh -c 'test $1 -eq 2 && grep -q "no indicator .cla_31mr.; did you mean cla_31mar?" "$2"' _ $rc "$work/e"
# kpi --indicator keeps only the indicators named, however given
mkdir -p "$work/r/2023-24"
printf 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\nA,01/06/2023,S,C2,N1,U1,PR1,,,,,,\n' \
	>"$work/r/2023-24/episodes.csv"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,1,15/04/2008,WBRI,,,\n' >"$work/r/2023-24/header.csv"
"$cf" ingest --db "$work/k.db" "$work/r" >/dev/null 2>&1
"$cf" kpi --db "$work/k.db" --period 2023-24 --format csv >"$work/all.csv" 2>/dev/null
"$cf" kpi --db "$work/k.db" --period 2023-24 --indicator cla_31mar --indicator=cla_started,cla_31mar --format csv \
	>"$work/two.csv" 2>/dev/null
check "kpi --indicator: only the two named, once each" \
	test "$(cut -d, -f1 "$work/two.csv" | tail -n +2 | sort | tr '\n' ' ')" = "cla_31mar cla_started "
tail -n +2 "$work/two.csv" >"$work/two.rows"
check "... with the same rows as without it" \
	sh -c 'grep -E "^cla_(31mar|started)," "$1" | cmp -s - "$2"' _ "$work/all.csv" "$work/two.rows"
check "... where without it there are more" test "$(wc -l <"$work/all.csv")" -gt 3

"$cf" trajectory set --db "$work/t.db" --name z --indicator cla_31mar --la 380 --to sn_medain --by 2027-03-31 \
	>/dev/null 2>"$work/e"; rc=$?
check "trajectory set --to a mistyped comparator exits 2 with the one meant" \
	sh -c 'test $1 -eq 2 && grep -q "not .sn_medain.; did you mean sn_median?" "$2"' _ $rc "$work/e"

# exit codes, documented as jq documents its own
"$cf" help >"$work/help"
for row in "0  CF_OK" "1  CF_EINPUT" "2  CF_EUSAGE" "3  CF_EIO"; do
	check "caseflow help documents exit code ${row%% *}" grep -q "^  $row " "$work/help"
done
check "README documents the exit codes" sh -c 'grep -q "| 2 | .CF_EUSAGE. |" "$1/README.md"' _ "$CASEFLOW_TOP"
check "no literal exit status in src/cli" \
	sh -c '! grep -nE "return [1-9][0-9]*;|exit\([0-9]+\)" "$1"/src/cli/*.c' _ "$CASEFLOW_TOP"
