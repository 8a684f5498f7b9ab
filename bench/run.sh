#!/bin/sh
# make bench: run every per-area benchmark script bench/<area>.sh.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
status=0
for b in "$top"/bench/*.sh; do
	case $(basename "$b") in run.sh|*_compare.sh) continue ;; esac
	echo "== $(basename "$b" .sh)"
	sh "$b" || status=1
done
exit $status
