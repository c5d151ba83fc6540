#!/bin/sh
# usage: revert.sh N [VARIANT]  -- revert patch N of the series alone on
# top of it (git revert in build/linux, on a branch of its own), build
# VARIANT (default: default), boot it under QEMU and print the guest's
# verdict and its failed lines; then put build/linux back on the series.
# For the rule that every patch that changes behaviour is seen working in
# a booted kernel: its revert must make a boot test go red.
# env: REVERT_PATHS="mm/swapfile.c ..." reverts only those files of the
# patch (when a later patch needs the rest, e.g. a helper the KUnit test
# calls); REVERT_CMD='...' runs a command in build/linux instead, a
# revert by hand for a patch that later ones touch (git revert conflicts);
# GUEST_CMDLINE as for qemu.sh (default: guest.tests=kunit,selftest).
. "$(dirname "$0")/lib.sh"
n=${1:?usage: revert.sh N [VARIANT]}
v=${2:-default}
git -C "$TREE" diff --quiet HEAD || die "build/linux has uncommitted changes"
head=$(git -C "$TREE" rev-parse --abbrev-ref HEAD)
[ "$head" != HEAD ] || die "build/linux is on a detached HEAD: check out the series branch"
c=$(git -C "$TREE" rev-list --reverse base..HEAD | sed -n "${n}p")
[ -n "$c" ] || die "the series has no patch $n"
info "reverting patch $n alone: $(git -C "$TREE" log -1 --format=%s "$c")"
git -C "$TREE" checkout -q -B "revert-$n" "$head" || exit 1
restore() { git -C "$TREE" checkout -q -f "$head"; }
trap restore EXIT
if [ -n "${REVERT_CMD:-}" ]; then
	(cd "$TREE" && eval "$REVERT_CMD") && git -C "$TREE" commit -q -a -m "Revert patch $n by hand" ||
		die "REVERT_CMD failed or changed nothing"
elif [ -n "${REVERT_PATHS:-}" ]; then
	git -C "$TREE" diff "$c" "$c^" -- $REVERT_PATHS | git -C "$TREE" apply --index ||
		die "patch $n's changes to $REVERT_PATHS do not revert cleanly"
	git -C "$TREE" commit -q -m "Revert part of patch $n ($REVERT_PATHS)"
else
	git -C "$TREE" revert --no-edit "$c" >/dev/null ||
		{ git -C "$TREE" revert --abort; die "patch $n does not revert cleanly on top of the series"; }
fi
sh "$TOP/scripts/build.sh" "$v" && sh "$TOP/scripts/initramfs.sh" "$v" >/dev/null || exit 1
GUEST_CMDLINE=${GUEST_CMDLINE:-guest.tests=kunit,selftest} sh "$TOP/scripts/qemu.sh" "$v"
rc=$?
grep -E '^(\[ *[0-9.]+\] )?( *#)* *not ok |WARNING:|BUG:|lockdep|Call Trace' "$BUILD/obj/$v/console.log" | head -8
echo "revert of patch $n ($v): $([ "$rc" = 0 ] && echo "green (no test noticed)" || echo "red")"
