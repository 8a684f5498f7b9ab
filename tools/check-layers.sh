#!/bin/sh
# Enforce the house plan of src/ (docs/architecture.md):
#  1. Layers, lowest first. A file includes headers of its own folder or of a
#     lower layer, never a higher one.
#  2. Rooms: the subsystems between model/ and outputs/ share one level. A
#     room may use another room only where ROOM_USES below says so.
#  3. A room's public header is ROOM/ROOM.h; every other header in a room is
#     private to it (SQLite's btree.h beside btreeInt.h).
#  4. Only src/store/ speaks SQL: no other folder names sqlite3 or libpq. The
#     files that still do are listed in tools/sql-outside-store.txt while
#     they move behind the store's API; that list may only shrink.
#  5. The store's API is backend-free: its public headers name no sqlite3;
#     its private ones (*_int.h, load_common.h) are for src/store/ alone,
#     except store/store_int.h for a file still in that list.
cd "$(dirname "$0")/.." || exit 2

layers="base formats store model ROOMS outputs serve synth cli"
rooms="indicators validate forecast programme placements explore families region"
# Which room may use which (a room not named here uses none).
room_uses() {
	case "$1" in
	programme) echo "forecast indicators placements" ;;
	placements) echo "forecast indicators" ;;
	explore) echo "indicators" ;;
	region) echo "indicators" ;;
	indicators) echo "families" ;;
	*) echo "" ;;
	esac
}

is_room() { for r in $rooms; do [ "$r" = "$1" ] && return 0; done; return 1; }
rank() {
	i=0
	for l in $layers; do
		if [ "$l" = "$1" ] || { [ "$l" = ROOMS ] && is_room "$1"; }; then echo $i; return; fi
		i=$((i+1))
	done
	echo 99
}

bad=0
fail() { echo "layering: $*" >&2; bad=1; }

for d in src/*/; do
	d=${d%/}; d=${d#src/}
	[ "$(rank "$d")" = 99 ] && fail "src/$d/ is in no layer or room: add it to tools/check-layers.sh and docs/architecture.md"
done

for f in src/*/*.c src/*/*.h; do
	[ -f "$f" ] || continue
	from=$(echo "$f" | cut -d/ -f2)
	rf=$(rank "$from")
	for inc in $(sed -n 's/^#include "\([a-z_]*\/[a-z_0-9]*\.h\)".*/\1/p' "$f" | sort -u); do
		to=${inc%%/*}
		[ "$to" = "$from" ] && continue
		rt=$(rank "$to")
		if [ "$rt" -gt "$rf" ]; then
			fail "$f ($from) includes $inc, from a higher layer"
		elif [ "$rt" = "$rf" ] && is_room "$to"; then
			case " $(room_uses "$from") " in
			*" $to "*) ;;
			*) fail "$f (room $from) includes $inc: room $from may not use room $to" ;;
			esac
		fi
		if is_room "$to" && [ "$inc" != "$to/$to.h" ]; then
			fail "$f includes $inc, private to src/$to/ (its public header is $to/$to.h)"
		fi
		case "$inc" in
		store/*_int.h|store/load_common.h)
			if [ "$from" != store ] && ! { [ "$inc" = store/store_int.h ] && grep -qx "$f" tools/sql-outside-store.txt; }; then
				fail "$f includes $inc, private to src/store/ (use the store's typed functions)"
			fi ;;
		esac
	done
	case "$f" in
	src/store/*_int.h|src/store/load_common.h|src/store/*.c) ;;
	src/store/*.h) grep -Eq 'sqlite3|libpq-fe|PGconn|PGresult' "$f" &&
		fail "$f is the store's public API and names sqlite3 or libpq (keep them in src/store/*_int.h)" ;;
	esac
	case "$from" in
	store) ;;
	*) if grep -q 'sqlite3' "$f" && ! grep -qx "$f" tools/sql-outside-store.txt; then
		fail "$f speaks SQL (sqlite3): only src/store/ speaks SQL (add a typed function to store/)"
	   fi
	   grep -Eq 'libpq-fe|PGconn|PGresult' "$f" &&
		fail "$f speaks PostgreSQL (libpq): only src/store/ does (store/hub.h is the API)" ;;
	esac
done
n_sql=$(grep -c '^src/' tools/sql-outside-store.txt)
[ $bad = 0 ] && echo "layers: $n_sql files outside src/store/ still speak SQL (tools/sql-outside-store.txt)"
[ $bad = 0 ] && echo "layers: ok (base → formats → store → model → rooms [$rooms] → outputs → serve → synth → cli)"
exit $bad
