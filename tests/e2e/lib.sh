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
