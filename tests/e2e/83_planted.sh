# Known effects planted in a synthetic authority, and found: schools'
# referrals (2A) lead to a section 47 enquiry 1.5 times as often as other
# children's (synth --plant-source 2A:1.5), and Riverside runs a pilot from
# 1 April 2022 under which a concern within a year of a case closing becomes
# a referral a fifth as often (--plant-pilot Riverside:2022-04-01:0.2).
# compare's interval for schools against "other" (8) must hold 1.5 and not
# 1; evaluate's difference in differences against Eastfield must be below 0.
# The same seed with nothing planted must find nothing: intervals holding 1
# and 0. (The ratio is planted on each referral's chance of an s47; the
# indicator counts s47s over assessments by the latest referral's source,
# near enough the same thing for a source with no unaccompanied children.)
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

for v in planted none; do
	plant=""
	[ $v = planted ] && plant="--plant-source 2A:1.5 --plant-pilot Riverside:2022-04-01:0.2"
	# shellcheck disable=SC2086 # the plant options are words
	"$cf" synth --children 20000 --years 3 --first-year 2021 --seed 5 $plant --out "$work/$v" --quiet
	store_from "$work/$v.db" "$work/$v" >/dev/null 2>&1
	"$cf" compare --db "$work/$v.db" --indicator assessment_to_s47 --by source --period 2022-23 --baseline 8 \
		--format csv >"$work/$v.cmp" 2>/dev/null
	"$cf" evaluate --db "$work/$v.db" --cohort-where locality=Riverside --start 2022-04-01 --comparison locality \
		--locality Eastfield --outcomes rereferral --table effects --format csv >"$work/$v.eval" 2>/dev/null
done

# compare's CSV: ... group (4) ... ratio (10), ratio_lower_95 (11), ratio_upper_95 (12)
ratio() { awk -F, -v g="$2" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["group"] == g { print $c["ratio"], $c["ratio_lower_95"], $c["ratio_upper_95"] }' "$1"; }
effect() { awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["outcome"] == "rereferral" { print $c["effect"], $c["lower_95"], $c["upper_95"] }' "$1"; }

set -- $(ratio "$work/planted.cmp" 2A)
check "planted 1.5: schools' s47 conversion against other sources' holds 1.5 and not 1 (ratio $1, $2 to $3)" \
	awk -v lo="${2:-0}" -v hi="${3:-0}" 'BEGIN { exit !(lo <= 1.5 && hi >= 1.5 && lo > 1) }'
set -- $(ratio "$work/none.cmp" 2A)
check "nothing planted: schools' ratio holds 1 (ratio $1, $2 to $3)" \
	awk -v lo="${2:-9}" -v hi="${3:-0}" 'BEGIN { exit !(lo <= 1 && hi >= 1) }'
set -- $(effect "$work/planted.eval")
check "planted pilot: Riverside's re-referrals fall against Eastfield's, the interval below 0 (effect $1, $2 to $3)" \
	awk -v hi="${3:-0}" 'BEGIN { exit !(hi < 0) }'
set -- $(effect "$work/none.eval")
check "no pilot: the difference in differences holds 0 (effect $1, $2 to $3)" \
	awk -v lo="${2:-1}" -v hi="${3:--1}" 'BEGIN { exit !(lo <= 0 && hi >= 0) }'

# A plant of ratio 1 changes no byte: planting draws no random number of its own
"$cf" synth --children 2000 --years 2 --first-year 2021 --seed 3 --out "$work/one" --quiet
"$cf" synth --children 2000 --years 2 --first-year 2021 --seed 3 --plant-source 6:1 --plant-pilot Central:2021-06-01:1 --out "$work/one_planted" --quiet
check "ratio 1 planted writes the same files as nothing planted" diff -r "$work/one" "$work/one_planted"
"$cf" synth --children 200 --years 1 --out "$work/bad" --plant-source 99:1.5 --quiet 2>"$work/bad.err"; rc=$?
check "a source that is not a CIN code is refused" sh -c '[ "$0" -eq 2 ] && grep -q "1A to 10" "$1"' "$rc" "$work/bad.err"
"$cf" synth --children 200 --years 1 --out "$work/bad" --plant-pilot Riverside:2022-04-01:-1 --quiet 2>"$work/bad.err"; rc=$?
check "a ratio that is not above 0 is refused" sh -c '[ "$0" -eq 2 ] && grep -q "LOCALITY:DATE:RATIO" "$1"' "$rc" "$work/bad.err"
echo "1..$n"
