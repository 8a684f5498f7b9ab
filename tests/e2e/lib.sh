# Shared helpers for end-to-end tests: TAP output and ../shared handling.
# Source it: . "$CASEFLOW_TOP/tests/e2e/lib.sh"
n=0
cf=${CASEFLOW_BIN:?run through tests/run.sh}
shared=${CASEFLOW_SHARED:-}
work=$(mktemp -d); [ -n "${KEEP_WORK:-}" ] && echo "# work: $work"
[ -n "${KEEP_WORK:-}" ] || trap 'rm -rf "$work"' EXIT
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); echo "not ok $n - $*"; }
check() { # check "description" command...
	d=$1; shift
	if "$@"; then ok "$d"; else notok "$d"; fi
}
# csv_tables ARGS...: `caseflow ARGS --format csv` for an output of several
# tables, which a CSV file holds one of: written a file per table into a
# folder (--out DIR/), then printed one after another (by table name), a
# blank line between; returns caseflow's exit code.
csv_tables() {
	rm -rf "$work/.csv_tables"
	"$cf" "$@" --format csv --out "$work/.csv_tables/"
	set -- $? ""
	for f in "$work/.csv_tables"/*.csv; do
		[ -f "$f" ] || continue
		[ -z "$2" ] || echo
		cat "$f"
		set -- "$1" x
	done
	return "$1"
}
# need_shared "what": returns 1 (after a SKIP line, or a failure under CI)
need_shared() {
	if [ -n "$shared" ] && [ -d "$shared/data" ]; then return 0; fi
	if [ "${CI:-}" = true ]; then
		notok "$1: ../shared is missing, and CI must have it"
	else
		n=$((n + 1)); echo "ok $n - # SKIP $1: ../shared not found beside the checkout"
	fi
	return 1
}
# store_from DB ARGS...: what `caseflow ingest --db DB ARGS...` prints and
# returns, into a new DB. Under tests/run.sh (CASEFLOW_FIXTURES set) the
# first script to ask for a store builds it and the others copy it: the key
# is the binary, the arguments and (for a relative path) the folder, so
# another build never gets a
# stale store. Without CASEFLOW_FIXTURES, or when DB exists, it just ingests.
store_from() {
	_db=$1; shift
	if [ -z "${CASEFLOW_FIXTURES:-}" ] || [ -e "$_db" ]; then
		"$cf" ingest --db "$_db" "$@"
		return
	fi
	_key=$( { cksum <"$cf"; for _a in "$@"; do case $_a in /*) ;; *) pwd ;; esac; done
		printf '%s\n' "$@"; } | cksum | cut -d' ' -f1)
	_f="$CASEFLOW_FIXTURES/$_key"
	# one builder at a time; a waiter gives up after 15 minutes and builds its own
	_w=0
	until mkdir "$_f.lock" 2>/dev/null; do
		_w=$((_w + 1))
		if [ "$_w" -gt 900 ]; then
			"$cf" ingest --db "$_db" "$@"
			return
		fi
		sleep 1
	done
	if [ ! -e "$_f.rc" ]; then
		"$cf" ingest --db "$_f.db" "$@" >"$_f.out" 2>"$_f.err"
		echo $? >"$_f.rc"
	fi
	rmdir "$_f.lock"
	[ -e "$_f.db" ] && cp "$_f.db" "$_db"
	[ -e "$_f.db-wal" ] && cp "$_f.db-wal" "$_db-wal"
	cat "$_f.out"
	cat "$_f.err" >&2
	return "$(cat "$_f.rc")"
}
