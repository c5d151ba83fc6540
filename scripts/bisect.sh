#!/bin/sh
# make bisect: build every commit of the series on its own, with W=1, in a
# separate worktree so that build/linux is left alone, once per variant:
# VARIANT if given, else "default" (swap, THP swap, memcg, the KUnit test
# from the patch that adds it) and "noswap" (CONFIG_SWAP=n: mm/swap_table.h
# is still compiled there).  A W=1 warning in mm/swap* or mm/tests/swap*
# fails the patch.  Prints one TAP line per patch and variant and
# "N passed, N failed".
. "$(dirname "$0")/lib.sh"
variants=${1:-default noswap}
wt=$BUILD/bisect
if [ ! -d "$wt" ]; then
	git -C "$TREE" worktree add -q --detach "$wt" base || die "cannot create $wt"
fi
n=0 fail=0 i=0
for c in $(git -C "$TREE" rev-list --reverse base..HEAD); do
	i=$((i + 1))
	subj=$(git -C "$TREE" log -1 --format=%s "$c")
	git -C "$wt" checkout -q --detach "$c" || die "checkout $c failed"
	for v in $variants; do
		n=$((n + 1))
		O=$BUILD/obj/bisect-$v
		if TREE=$wt O=$O BUILD_FLAGS=W=1 sh "$TOP/scripts/build.sh" "$v" >"$O.log" 2>&1; then
			w=$(grep -c -E 'mm/(tests/)?swap' "$O/warnings.log")
			if [ "$w" = 0 ]; then
				echo "ok $n $i/$v $subj"
			else
				grep -E 'mm/(tests/)?swap' "$O/warnings.log" | sed 's/^/# /'
				echo "not ok $n $i/$v $subj: $w W=1 warnings in mm/swap*"
				fail=$((fail + 1))
			fi
		else
			tail -20 "$O.log" | sed 's/^/# /'
			echo "not ok $n $i/$v $subj: does not build"; fail=$((fail + 1))
		fi
	done
done
echo "$((n - fail)) passed, $fail failed"
[ "$fail" = 0 ]
