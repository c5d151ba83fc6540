#!/bin/sh
# make test: the test suite.  Each step prints its own results and ends
# with "N passed, N failed[, N skipped]"; a step that cannot produce
# results counts as one failure.  The last line is the total.
. "$(dirname "$0")/lib.sh"
LOGS=$BUILD/test-logs
mkdir -p "$LOGS"
P=0 F=0 S=0 summary=
start=$(date +%s)
# one KVM-or-TCG decision for the whole run (qemu_accel in lib.sh)
export ACCEL_CACHE="$BUILD/accel.$$"
rm -f "$ACCEL_CACHE"
trap 'rm -f "$ACCEL_CACHE"' EXIT

# step NAME COMMAND...: run, show the output as it comes (and keep it in
# LOGS/NAME.log), add up its last count line
step() {
	name=$1; shift
	t0=$(date +%s)
	echo "=== $name"
	{ "$@"; echo $? >"$LOGS/$name.rc"; } 2>&1 | tee "$LOGS/$name.log"
	rc=$(cat "$LOGS/$name.rc" 2>/dev/null || echo 1)
	rm -f "$LOGS/$name.rc"
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$LOGS/$name.log" | tail -1)
	p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	s=$(echo "$line" | sed -n 's/.* \([0-9]*\) skipped.*/\1/p')
	p=${p:-0} f=${f:-0} s=${s:-0}
	[ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
	P=$((P + p)) F=$((F + f)) S=$((S + s))
	failed_log=
	[ "$f" = 0 ] || failed_log="  log: $LOGS/$name.log"
	summary="$summary$(printf '%-22s %4d passed, %d failed, %d skipped  (%s)%s' "$name:" "$p" "$f" "$s" "$(fmt_secs $(( $(date +%s) - t0 )))" "$failed_log")
"
	return "$rc"
}

step deps sh "$TOP/scripts/deps.sh" test
tree_ok=0
step tree sh "$TOP/scripts/tree.sh" && tree_ok=1
# after the tree: its config.sh case needs a kernel tree (it skips without)
step host-tests sh "$TOP/tests/host/run.sh"
if [ "$tree_ok" = 1 ]; then
	step series sh "$TOP/scripts/check-series.sh"
	step mail-roundtrip sh "$TOP/scripts/roundtrip.sh"
	# kunit.py with lockdep; the default guest runs the suite built in at the
	# production entry size, and make kunit runs kunit.py without lockdep too
	step kunit-x86_64 env KUNIT_CONFIGS="${KUNIT_CONFIGS:-lockdep}" sh "$TOP/scripts/kunit.sh" x86_64
	for v in ${TEST_VARIANTS:-default debug}; do
		step "build-$v" sh "$TOP/scripts/build.sh" "$v" &&
		step "initramfs-$v" sh "$TOP/scripts/initramfs.sh" "$v" &&
		# the debug kernel has fault injection: one more group
		if [ "$v" = debug ]; then
			step "guest-$v" env GUEST_CMDLINE="guest.tests=kunit,selftest,stress,faults ${GUEST_CMDLINE:-}" \
				sh "$TOP/scripts/qemu.sh" "$v"
		else
			step "guest-$v" sh "$TOP/scripts/qemu.sh" "$v"
		fi
	done
fi
echo
echo "=== summary ($(( ($(date +%s) - start) / 60 )) min; logs in $LOGS)"
printf '%s' "$summary"
[ -s "$ACCEL_CACHE" ] && echo "QEMU ran under $(sed -n 1p "$ACCEL_CACHE") ($(sed -n 2p "$ACCEL_CACHE"))"
echo "$P passed, $F failed, $S skipped"
[ "$F" = 0 ]
