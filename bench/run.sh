#!/bin/sh
# make bench: every per-area benchmark script in bench/ (bench/<area>.sh).
set -u
here=$(cd "$(dirname "$0")" && pwd)
rc=0
for b in "$here"/*.sh; do
	[ "$(basename "$b")" = run.sh ] && continue
	echo "### $(basename "$b" .sh)"
	sh "$b" || rc=1
done
exit $rc
