#!/bin/sh
# Install the Debian packages caseflow needs, only those missing.
# Checks with pkg-config (libraries) and command -v (tools); installs as
# root with apt-get, or prints the exact command to run when not root.
# `install-deps.sh fuzz` also wants clang, for `make fuzz` only; `bench`, ab;
# `install-deps.sh check` also wants chromium, nodejs and openssl, for the tests.
set -u

missing=""
need_tool() { command -v "$1" >/dev/null 2>&1 || missing="$missing $2"; }
need_lib() {
	if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists "$1"; then
		missing="$missing $2"
	fi
}

need_tool cc gcc
need_tool pkg-config pkg-config
need_tool xmllint libxml2-utils    # tests validate generated XML against DfE's XSDs
need_tool awk mawk
need_tool unzip unzip              # tests look inside generated workbooks
need_tool zip zip                  # tests build damaged workbooks (44_annex_a)
need_tool sqlite3 sqlite3          # tests inspect the store
need_tool curl curl                # tests drive caseflow serve over HTTP
need_tool valgrind valgrind        # make check / make valgrind: the release build stays valgrind-clean
need_lib sqlite3 libsqlite3-dev        # the embedded store
need_lib libxml-2.0 libxml2-dev        # SSDA903 / CIN / workforce XML, xlsx parts
need_lib libzip libzip-dev             # xlsx containers
need_lib xlsxwriter libxlsxwriter-dev  # Excel output
need_lib libmicrohttpd libmicrohttpd-dev  # caseflow serve (HTTP, HTTPS through GnuTLS)
need_lib libsodium libsodium-dev       # caseflow serve: Argon2id password hashes, session tokens
need_lib libpq libpq-dev              # the regional hub on PostgreSQL (caseflow hub, push, --db postgresql://)
need_lib libcurl libcurl4-openssl-dev  # caseflow api-payload --send: HTTPS POSTs and the OAuth2 token to DfE's API
need_lib cmocka libcmocka-dev          # unit tests
need_lib jansson libjansson-dev        # JSON test fixtures (conformance cases)
[ "${1:-}" = fuzz ] && need_tool clang clang   # libFuzzer targets (make fuzz)
[ "${1:-}" = bench ] && need_tool ab apache2-utils   # bench/serve.sh: caseflow serve under 200 connections
# make check only: headless chromium for the report's and the server's browser
# tests, Node to drive it, openssl for a throwaway TLS certificate.
if [ "${1:-}" = check ]; then
	need_tool chromium chromium
	need_tool node nodejs          # 71_serve_chromium drives chromium over the DevTools protocol (Node's WebSocket)
	need_tool openssl openssl      # 72_serve_tls makes a throwaway certificate
	need_tool python3 python3      # 83_api_payload: the loopback API and the JSON Schema check
	python3 -c 'import jsonschema' 2>/dev/null || missing="$missing python3-jsonschema"
fi

# the hub's tests and bench/hub.sh start a throwaway PostgreSQL cluster (initdb, pg_ctl) and use psql
if [ "${1:-}" = check ] || [ "${1:-}" = bench ]; then
	[ -n "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null)" ] || missing="$missing postgresql"
	need_tool psql postgresql-client
fi

[ -z "$missing" ] && exit 0

echo "caseflow: missing Debian packages:$missing" >&2
if [ "$(id -u)" -ne 0 ]; then
	echo "caseflow: run as root:  apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends$missing >/dev/null || {
	echo "caseflow: apt-get install failed; run: apt-get install -y$missing" >&2
	exit 1
}
echo "caseflow: installed$missing" >&2
