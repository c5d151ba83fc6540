#!/bin/sh
# usage: kunit.sh ARCH  -- the swap_cluster KUnit suite under
# tools/testing/kunit/kunit.py (QEMU), with mm/.kunitconfig.
# Prints kunit.py's results, then "N passed, N failed[, N skipped]".
. "$(dirname "$0")/lib.sh"
arch=${1:-x86_64}
dir=$BUILD/obj/kunit-$arch
log=$BUILD/obj/kunit-$arch.log
[ -f "$TREE/mm/.kunitconfig" ] || die "no mm/.kunitconfig in $TREE: is the series applied? (make tree)"
mkdir -p "$BUILD/obj"
export CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache} CCACHE_BASEDIR="$TREE"
info "kunit.py run --arch=$arch (build dir $dir, log $log)"
kunit_py() {
	cd "$TREE" && ./tools/testing/kunit/kunit.py run --kunitconfig=mm/.kunitconfig \
		--arch="$arch" --build_dir="$dir" --make_options "CC=ccache gcc" \
		--jobs "$NPROC" --timeout "${KUNIT_TIMEOUT:-600}"
}
# progress: kunit.py is silent while it builds; count the objects in its
# build dir then, and show its own last line once the kernel runs
# (1209 objects in a cold build of mm/.kunitconfig on x86_64, 7.1.5)
OBJS_EXPECTED=${KUNIT_OBJS_EXPECTED:-1209}
[ -d "$dir" ] || mkdir -p "$dir"
objs_start "$dir"
kstatus() {
	if grep -q 'Starting KUnit Kernel' "$log"; then
		echo "kernel running, last: $(last_line "$log" 90)"
	else
		echo "building, $(objs_status "$dir")"
	fi
}
run_watched "kunit.py $arch" "$log" kstatus kunit_py
rc=$?
[ "$rc" = 0 ] && objs_done "$dir"
grep -E '^\[[0-9:]+\] (\[|=|Testing complete)|ERROR|error:' "$log" | sed 's/^\[[0-9:]*\] //'
line=$(grep 'Testing complete' "$log" | tail -1)
p=$(echo "$line" | sed -n 's/.*passed: \([0-9]*\).*/\1/p')
f=$(echo "$line" | sed -n 's/.*failed: \([0-9]*\).*/\1/p')
c=$(echo "$line" | sed -n 's/.*crashed: \([0-9]*\).*/\1/p')
s=$(echo "$line" | sed -n 's/.*skipped: \([0-9]*\).*/\1/p')
f=$(( ${f:-0} + ${c:-0} ))
if [ -z "$line" ] || [ "${p:-0}" = 0 ]; then
	tail -20 "$log" >&2
	echo "kunit.py $arch: no test results (see $log)"
	f=$((f + 1))
elif [ "$rc" != 0 ] && [ "$f" = 0 ]; then
	f=1
fi
echo "${p:-0} passed, $f failed${s:+, $s skipped}"
[ "$f" = 0 ]
