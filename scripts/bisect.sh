#!/bin/sh
# make bisect: build every commit of the series on its own (VARIANT, default
# "default"), with W=1, in a separate worktree so that build/linux is left
# alone.  Prints one TAP line per patch and "N passed, N failed".
. "$(dirname "$0")/lib.sh"
v=${1:-default}
wt=$BUILD/bisect
O=$BUILD/obj/bisect-$v
if [ ! -d "$wt" ]; then
	git -C "$TREE" worktree add -q --detach "$wt" base || die "cannot create $wt"
fi
n=0 fail=0
for c in $(git -C "$TREE" rev-list --reverse base..HEAD); do
	n=$((n + 1))
	subj=$(git -C "$TREE" log -1 --format=%s "$c")
	git -C "$wt" checkout -q --detach "$c" || die "checkout $c failed"
	if TREE=$wt O=$O BUILD_FLAGS=W=1 sh "$TOP/scripts/build.sh" "$v" >"$O.log" 2>&1; then
		w=$(grep -c 'mm/swap' "$O/warnings.log")
		if [ "$w" = 0 ]; then
			echo "ok $n $subj"
		else
			grep 'mm/swap' "$O/warnings.log" | sed 's/^/# /'
			echo "not ok $n $subj: $w W=1 warnings in mm/swap*"; fail=$((fail + 1))
		fi
	else
		tail -20 "$O.log" | sed 's/^/# /'
		echo "not ok $n $subj: does not build"; fail=$((fail + 1))
	fi
done
echo "$((n - fail)) passed, $fail failed"
[ "$fail" = 0 ]
