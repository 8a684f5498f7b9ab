#!/bin/sh
# Data-driven ingest cases: tests/cases/ingest/<case>/ holds input files, an
# optional `steps` file (one `caseflow ingest` argument list per line, paths
# relative to the case; default "input"), an optional query.sql, and
# expected.txt: what the store holds afterwards, dumped as plain text by the
# sqlite3 CLI. CASEFLOW_UPDATE_CASES=1 rewrites expected.txt (review the diff!).
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
cases=$CASEFLOW_TOP/tests/cases/ingest

# describe DB: the store as text, without load times or absolute paths
describe() {
	sqlite3 "$1" <<'EOF'
.headers off
.mode list
.nullvalue NULL
SELECT '== returns';
SELECT path, kind, collection_year, rows, issues FROM returns ORDER BY id;
SELECT '== rows stored';
SELECT 'header', count(*) FROM ssda903_header UNION ALL
SELECT 'episodes', count(*) FROM ssda903_episodes UNION ALL
SELECT 'reviews', count(*) FROM ssda903_reviews UNION ALL
SELECT 'uasc', count(*) FROM ssda903_uasc UNION ALL
SELECT 'oc2', count(*) FROM ssda903_oc2 UNION ALL
SELECT 'oc3', count(*) FROM ssda903_oc3 UNION ALL
SELECT 'ad1', count(*) FROM ssda903_ad1 UNION ALL
SELECT 'placed_for_adoption', count(*) FROM ssda903_placed_for_adoption UNION ALL
SELECT 'previous_permanence', count(*) FROM ssda903_previous_permanence UNION ALL
SELECT 'missing', count(*) FROM ssda903_missing UNION ALL
SELECT 'social_worker_episodes', count(*) FROM ssda903_social_worker_episodes UNION ALL
SELECT 'children', count(*) FROM children;
SELECT '== episodes';
SELECT row, child, decom, rne, ls, cin, place, place_provider, dec, rec, reason_place_change,
       home_post, pl_post, urn FROM ssda903_episodes ORDER BY return_id, row;
SELECT '== issues';
SELECT r.path, i.tbl, i.row, i.line, i.child, i.column_name, i.value, i.kind
FROM issues i JOIN returns r ON r.id = i.return_id ORDER BY i.id;
EOF
}

# fingerprint DB: a hash of every stored row (no store at all = no rows)
fingerprint() {
	{ [ -f "$1" ] && sqlite3 "$1" .dump | grep '^INSERT' | grep -v '^INSERT INTO schema_version'; } |
		sha256sum | cut -c1-16
}

for dir in "$cases"/*/; do
	name=$(basename "$dir")
	db=$work/$name.db
	out=$work/$name.out
	: >"$out"
	steps=$dir/steps
	[ -f "$steps" ] || { steps=$work/default-steps; echo input >"$steps"; }
	i=0
	while IFS= read -r args; do
		i=$((i + 1))
		before=$(fingerprint "$db")
		# shellcheck disable=SC2086
		(cd "$dir" && "$cf" ingest --db "$db" --format csv $args >"$work/stdout" 2>"$work/stderr")
		rc=$?
		after=$(fingerprint "$db")
		changed=changed
		[ "$before" = "$after" ] && changed=unchanged
		echo "== step $i: ingest $args -> exit $rc, store $changed" >>"$out"
		sed -e 's/^/summary: /' -e 's/ on [0-9T:-]* (same SHA/ on (time) (same SHA/' "$work/stdout" >>"$out"
		sed 's/^/stderr: /' "$work/stderr" >>"$out"
	done <"$steps"
	describe "$db" >>"$out"
	if [ -f "$dir/query.sql" ]; then
		echo "== query.sql" >>"$out"
		sqlite3 -list -nullvalue NULL "$db" <"$dir/query.sql" >>"$out" 2>&1
	fi
	if [ "${CASEFLOW_UPDATE_CASES:-}" = 1 ]; then
		cp "$out" "$dir/expected.txt"
	fi
	if [ -f "$dir/expected.txt" ] && diff -u "$dir/expected.txt" "$out" >"$work/diff"; then
		ok "ingest case $name"
	else
		notok "ingest case $name"
		sed 's/^/    /' "$work/diff" 2>/dev/null | head -40
	fi
done
