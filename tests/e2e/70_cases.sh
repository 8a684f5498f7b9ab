#!/bin/sh
# The one runner of command-level cases: walks tests/cases/<command>/<case>/
# (every folder holding `args` and `expected`), runs `caseflow ARGS` after
# the case's `setup`, and compares standard output exactly, the exit code
# (`rc`, default 0), what stderr must say (`stderr`) and the files the
# command wrote (`files/`), and what the case's `check` script prints
# afterwards (`check.expected`). The format is in tests/cases/README.md.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
root="$CASEFLOW_TOP/tests/cases"

# run_line FILE-LINE: one command line of args or setup, words split and
# quotes honoured by the shell, $IN $DB $WORK $CASE $CASES $SHARED expanded.
# `ingest --db $DB ...` goes through store_from, so a store several cases
# build alike is built once per run.
run_line() {
	eval "set -- $1"
	if [ "$1" = ingest ] && [ "${2:-}" = --db ] && [ "${3:-}" = "$DB" ]; then
		shift 3
		store_from "$DB" "$@"
	else
		"$cf" "$@"
	fi
}

# paths in what a command prints are shown by the names the case uses, and
# the run's date-times (e.g. when a return was loaded) as (time)
normalise() {
	sed -e 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z\{0,1\}/(time)/g' \
	    -e "s|$DB|\$DB|g" -e "s|$WORK|\$WORK|g" -e "s|$CASE|\$CASE|g" -e "s|$CASES|\$CASES|g" \
	    ${SHARED:+-e "s|$SHARED|\$SHARED|g"}
}

for dir in "$root"/*/*/; do
	dir=${dir%/}
	[ -f "$dir/args" ] && [ -f "$dir/expected" ] || continue
	name="$(basename "$(dirname "$dir")")/$(basename "$dir")"
	CASE=$dir CASES=$(dirname "$dir") IN=$dir/in SHARED=${shared:-}
	WORK="$work/$(echo "$name" | tr / _)" DB="$work/$(echo "$name" | tr / _).db"
	mkdir -p "$WORK"
	if [ -f "$dir/needs_shared" ] && ! need_shared "$name"; then
		continue
	fi
	setup_rc=0
	if [ -f "$dir/setup" ]; then
		while IFS= read -r line; do
			case "$line" in '' | '#'*) continue ;; esac
			(cd "$dir" && run_line "$line") >/dev/null 2>"$WORK/setup.err" || { setup_rc=$?; break; }
		done <"$dir/setup"
	fi
	if [ "$setup_rc" -ne 0 ]; then
		notok "$name: setup exits $setup_rc: $(head -c 300 "$WORK/setup.err")"
		continue
	fi
	want_rc=0
	[ -f "$dir/rc" ] && want_rc=$(cat "$dir/rc")
	(cd "$dir" && run_line "$(grep -v '^#' "$dir/args")") >"$WORK/stdout.raw" 2>"$WORK/stderr.raw"
	rc=$?
	normalise <"$WORK/stdout.raw" >"$WORK/stdout"
	normalise <"$WORK/stderr.raw" >"$WORK/stderr"
	why=
	if [ "$rc" -ne "$want_rc" ]; then
		why="exit $rc, expected $want_rc: $(head -c 300 "$WORK/stderr")"
	elif ! diff -u "$dir/expected" "$WORK/stdout" >"$WORK/diff"; then
		why="standard output differs from expected"
	fi
	if [ -z "$why" ] && [ -f "$dir/stderr" ]; then
		while IFS= read -r want; do
			[ -n "$want" ] || continue
			grep -qF -- "$want" "$WORK/stderr" || { why="stderr does not say: $want"; break; }
		done <"$dir/stderr"
	fi
	if [ -z "$why" ] && [ -d "$dir/files" ]; then
		for f in $(cd "$dir/files" && find . -type f | sort); do
			if ! diff -u "$dir/files/$f" "$WORK/$f" >"$WORK/diff"; then
				why="the file $f it wrote differs"
				break
			fi
		done
	fi
	# check: a script run after the command (e.g. to read the store it
	# wrote); its output, normalised, must equal check.expected
	if [ -f "$dir/check" ]; then
		(cd "$dir" && export cf DB WORK CASE CASES IN SHARED && sh ./check) >"$WORK/check.raw" 2>"$WORK/check.err"
		check_rc=$?
		normalise <"$WORK/check.raw" >"$WORK/check.out"
		if [ -n "$why" ]; then
			:
		elif [ "$check_rc" -ne 0 ]; then
			why="check exits $check_rc: $(head -c 300 "$WORK/check.err")"
		elif ! diff -u "$dir/check.expected" "$WORK/check.out" >"$WORK/diff" 2>&1; then
			why="the check's output differs from check.expected"
		fi
	fi
	if [ -z "$why" ]; then
		ok "$name"
	else
		notok "$name: $why"
		[ -s "$WORK/diff" ] && sed 's/^/#   /' "$WORK/diff" | head -40
	fi
	# CASEFLOW_UPDATE_CASES=1 rewrites expected from what the command printed
	if [ "${CASEFLOW_UPDATE_CASES:-}" = 1 ] && [ "$rc" -eq "$want_rc" ]; then
		cp "$WORK/stdout" "$dir/expected"
		[ -f "$dir/check" ] && cp "$WORK/check.out" "$dir/check.expected"
		# and the files it checks (those already under files/)
		if [ -d "$dir/files" ]; then
			for f in $(cd "$dir/files" && find . -type f | sort); do
				[ -f "$WORK/$f" ] && cp "$WORK/$f" "$dir/files/$f"
			done
		fi
	fi
done
echo "1..$n"
