#!/bin/sh
# make valgrind: run the release build of a representative set of commands
# under valgrind on small inputs and fail on any memory error or leak.
# ASan (make check) cannot see reads of uninitialised memory; valgrind can,
# and it checks the binary we ship rather than an instrumented one.
# Inputs come from `caseflow synth`; the published-table and real-format
# sample commands run too when ../shared is beside the checkout.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cf="$top/build/caseflow"
shared=${CASEFLOW_SHARED:-$top/../shared}
[ -x "$cf" ] || { echo "valgrind: $cf missing: run make first" >&2; exit 2; }
command -v valgrind >/dev/null 2>&1 || {
	echo "valgrind: not installed: run 'make deps' (or apt-get install valgrind)" >&2; exit 2; }
export CASEFLOW_NO_PROGRESS=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 3
start=$(date +%s)
# vg EXPECTED_STATUS ARGS...: runs caseflow ARGS under valgrind. A command
# that is meant to fail (bad input, bad usage) must fail with its status and
# still free everything: error paths are where leaks hide. Appends "clean" or
# the failure to $work/result.$chain.
vg() {
	want=$1; shift
	log="$work/vg.$chain.log"
	valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--log-file="$log" "$cf" "$@" >"$work/out.$chain" 2>&1
	rc=$?
	errs=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$log" | tail -n 1)
	{
		if [ "${errs:-1}" != 0 ]; then
			echo "FAIL caseflow $* (${errs:-?} valgrind errors)"
			grep -v '^==[0-9]*== *$' "$log" | head -60 | sed 's/^/    /'
		elif [ "$rc" -ne "$want" ]; then
			echo "FAIL caseflow $* exited $rc, expected $want"
			tail -n 15 "$work/out.$chain" | sed 's/^/    /'
		else
			echo clean
		fi
	} >>"$work/result.$chain"
}

# synthetic returns: SSDA903 as CSV and XML, CIN census, Annex A, workforce, local extracts
chain=0
vg 0 synth --children 600 --years 2 --first-year 2022 --seed 11 --xml --quiet --out data

# Two independent chains, one per core (valgrind runs a program on one).
chain_store() { # the store and everything that reads it
	chain=store
	vg 0 ingest --db la.db data/2022-23/ssda903 data/2023-24/ssda903 data/2022-23/cin_census.xml \
		data/2023-24/cin_census.xml data/2023-24/annex_a.xlsx data/2023-24/workforce.xml \
		data/2023-24/contacts.csv data/2023-24/early_help.csv \
		data/localities.csv data/child_areas.csv data/population.csv
	vg 0 summary --db la.db
	vg 0 kpi --db la.db --period all --by locality --suppress 6 --format json
	vg 0 report --db la.db --out report --scenario "$top/examples/programme-modelled/edge-of-care.txt"
	vg 0 trajectory set --db la.db --name cla --indicator cla_31mar --from 2023-03-31:40 --to 2026-03-31:30
	vg 0 trajectory show --db la.db --table trajectory_months --format csv
	vg 0 forecast --db la.db --months 6 --runs 10 --threads 2 --table all
	vg 0 forecast --db la.db --backtest --cutoff 2023-09-30 --months 3 --method markov,duration
	vg 0 programme --db la.db --load "$top/examples/programme-modelled"
	vg 0 programme show --db la.db --view all --format xlsx --out programme.xlsx
	vg 0 validate --db la.db --format xlsx --out findings.xlsx
}
chain_files() { # files read directly, bad input, and ../shared
	chain=files
	vg 0 ingest --db xml.db data/2023-24/ssda903.xml
	vg 0 validate --previous data/2022-23/ssda903 data/2023-24/ssda903
	vg 0 validate data/2023-24/cin_census.xml
	# bad usage and bad input: a clear message, the right status, nothing leaked
	printf 'CHILD,DECOM,RNE\n1,01/04/2023,S\n' >short_episodes.csv
	printf 'not a store' >not-a-store.db
	vg 2 kpi --db xml.db --bogus
	vg 1 ingest --db xml.db short_episodes.csv
	vg 1 summary --db no-such.db
	vg 1 summary --db not-a-store.db
	vg 1 validate no-such-folder
	# the published tables built into the binary, loaded into a new store
	vg 0 benchmark --db builtin.db --la 380 --years 1 --indicator cla_rate_10k
	if [ -d "$shared/data/dfe" ]; then
		dfe="$shared/data/dfe"
		vg 0 ingest --db dfe.db "$dfe/sn_model_2025_wide.csv" "$dfe/cla_number_and_rate_per_10k_children.csv" \
			"$dfe/ons_mid-year_population_estimates_2012_to_2024.csv"
		vg 0 benchmark --db dfe.db --la 380 --years 3
		vg 0 benchmark --db dfe.db --la 380 --to sn_median --by 2028 --indicator cla_rate_10k
		vg 0 ingest --db samples.db "$shared/data/samples/cin/CIN_Census_2024.xml" \
			"$shared/data/samples/annex-a/Annex_A.xlsx" \
			"$shared/data/samples/workforce/social_work_workforce_2022.xml"
	else
		echo "valgrind: ../shared not found: benchmark and the real-format samples not run"
	fi
}
if grep -q '^clean$' "$work/result.0"; then
	chain_store & chain_files
	wait
fi

cat "$work"/result.* | grep -v '^clean$'
clean=$(cat "$work"/result.* | grep -c '^clean$')
failed=$(cat "$work"/result.* | grep -c '^FAIL')
echo "valgrind: $clean commands clean, $failed failed, in $(( $(date +%s) - start )) s"
[ "$failed" -eq 0 ] && [ "$clean" -gt 0 ]
