# A throwaway PostgreSQL cluster for the hub's tests: source after lib.sh,
# then `pg_start || exit 0` (it prints the SKIP, or the failure under CI),
# and `pg_stop` (also run at exit). The cluster lives in a folder of its own
# under /tmp, listens only on a unix socket there (no TCP), runs as an
# unprivileged user (the server refuses root: `nobody` when we are root),
# and is stopped by its process id. Every wait is bounded.
pg_dir=""
pg_pid=""
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

_pg_skip() {
	if [ "${CI:-}" = true ]; then
		notok "PostgreSQL: $1, and CI must run the hub's tests"
	else
		n=$((n + 1)); echo "ok $n - # SKIP the hub's tests: $1"
	fi
	return 1
}

# run a PostgreSQL program as the cluster's owner
_pg_as() {
	if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

pg_start() {
	[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || { _pg_skip "no initdb (install Debian's postgresql: make deps)"; return 1; }
	command -v psql >/dev/null 2>&1 || { _pg_skip "no psql (install postgresql-client)"; return 1; }
	pg_dir=$(mktemp -d /tmp/caseflow-pg.XXXXXX) || { _pg_skip "cannot make a folder under /tmp"; return 1; }
	chmod 755 "$pg_dir"
	[ "$(id -u)" = 0 ] && chown nobody "$pg_dir"
	if ! _pg_as "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
		>"$pg_dir/initdb.log" 2>&1; then
		sed 's/^/# /' "$pg_dir/initdb.log" | tail -n 5
		_pg_skip "initdb failed (log above)"; return 1
	fi
	if ! _pg_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 \
		-o "-k $pg_dir -c listen_addresses= -c fsync=off -c full_page_writes=off" start >/dev/null 2>&1; then
		sed 's/^/# /' "$pg_dir/server.log" | tail -n 5
		_pg_skip "the server did not start within 30 s (log above)"; return 1
	fi
	pg_pid=$(head -n 1 "$pg_dir/data/postmaster.pid")
	if [ -n "${KEEP_WORK:-}" ]; then trap pg_stop EXIT; else trap 'pg_stop; rm -rf "$work"' EXIT; fi
	PGHOST=$pg_dir; export PGHOST
	return 0
}

pg_stop() {
	[ -n "$pg_pid" ] || return 0
	_pg_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w -t 20 stop >/dev/null 2>&1
	# still there after 20 s: stop it by its process id
	kill -0 "$pg_pid" 2>/dev/null && kill -9 "$pg_pid" 2>/dev/null
	pg_pid=""
	rm -rf "$pg_dir"
}

# psql as a role: pg_sql ROLE DB SQL  (unaligned, tuples only)
pg_sql() {
	psql -X -q -At -v ON_ERROR_STOP=1 -h "$pg_dir" -U "$1" -d "$2" -c "$3"
}
