#!/bin/sh
# Do two caseflow builds store exactly the same thing? Loads the same inputs
# with each build into fresh stores and diffs tools/store-dump.sh of them
# (every table, every row with its rowid; load times left out), and the
# exit codes. Used to check a loader speed-up changes no stored value.
#
# Inputs: a synthetic authority (SYNTH_CHILDREN, default 100,000 children,
# 5 years, SSDA903 CSV and XML, CIN census, local extracts), an Annex A
# workbook for ANNEXA_CHILDREN children (default 100,000; written by
# build/bench/annexa_bench), and everything under ../shared/data: each
# SSDA903, CIN, Annex A and workforce sample and the DfE tables one file
# per command, then all of them in one command.
#
# Usage: sh bench/loader_compare.sh OLD_CASEFLOW NEW_CASEFLOW [WORKDIR]
# Prints "identical" (exit 0) or the first lines of the diff (exit 1).
# Not run by `make bench` (it takes a minute of CPU).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
old=$1
new=$2
work=${3:-$(mktemp -d)}
shared=${CASEFLOW_SHARED:-$top/../shared}
mkdir -p "$work"
export CASEFLOW_NO_PROGRESS=1

if [ ! -d "$work/la" ]; then
	"$new" synth --children "${SYNTH_CHILDREN:-100000}" --years 5 --first-year 2020 --seed 1 --xml \
		--out "$work/la" --quiet
fi
if [ ! -f "$work/annexa/Annex_A_bench.xlsx" ]; then
	make -s -C "$top" build/bench/annexa_bench
	mkdir -p "$work/annexa"
	"$top/build/bench/annexa_bench" "${ANNEXA_CHILDREN:-100000}" "$work/annexa/Annex_A_bench.xlsx" >/dev/null
fi

# the SSDA903 samples have no extension: give each one by what it holds,
# in a folder of its own (a folder of 903 CSV tables is one return)
if [ ! -d "$work/s903" ]; then
	for f in "$shared"/data/samples/ssda903/*; do
		b=$(basename "$f")
		case $(head -c 5 "$f") in "<?xml"|"<EXPS") ext=xml ;; *) ext=csv ;; esac
		mkdir -p "$work/s903/$b"
		ln -s "$f" "$work/s903/$b/$b.$ext"
	done
fi

# load NAME BIN: build the stores for one build, dump them to $work/NAME.txt
load() {
	name=$1
	bin=$2
	d=$work/$name
	rm -rf "$d"
	mkdir -p "$d"
	{
		# the authority and the workbook, then the same again (nothing new)
		for pass in 1 2; do
			rc=0
			"$bin" ingest --db "$d/la.db" "$work/la" "$work/annexa" >/dev/null 2>&1 || rc=$?
			echo "la pass $pass: exit $rc"
		done
		# every shared sample on its own, then all in one command
		for f in "$shared"/data/samples/ssda903/* "$work"/s903/* "$shared"/data/samples/cin/* "$shared"/data/samples/annex-a/* \
			 "$shared"/data/samples/workforce/*.xml "$shared"/data/ssda903-synth/* "$shared"/data/dfe/*.csv; do
			rc=0
			"$bin" ingest --db "$d/each.db" "$f" >/dev/null 2>&1 || rc=$?
			echo "$(basename "$f"): exit $rc"
		done
		rc=0
		"$bin" ingest --db "$d/all.db" "$shared"/data/samples/ssda903/* "$work"/s903 "$shared"/data/samples/cin \
			"$shared"/data/samples/annex-a "$shared"/data/samples/workforce "$shared"/data/ssda903-synth \
			"$shared"/data/dfe >/dev/null 2>&1 || rc=$?
		echo "all shared: exit $rc"
		for db in la each all; do
			echo "==== $db"
			sh "$top/tools/store-dump.sh" "$d/$db.db"
		done
	} >"$work/$name.txt"
}

load old "$old"
load new "$new"
if cmp -s "$work/old.txt" "$work/new.txt"; then
	echo "identical: $(wc -l <"$work/new.txt") lines of dump ($(du -h "$work/new.txt" | cut -f1)) in $work"
	exit 0
fi
diff "$work/old.txt" "$work/new.txt" | head -40
exit 1
