#!/bin/sh
# make run: base tree + git am patches/, build the default kernel, boot it
# under QEMU with swap on zram and a rotational brd disk, run the built-in
# KUnit suites, the swap kselftest and stress-ng, and print the results,
# then the time of every step (and the log of the step that failed).
. "$(dirname "$0")/lib.sh"
v=${VARIANT:-default}
O=${O:-$BUILD/obj/$v}
start=$(date +%s)
# one KVM-or-TCG decision for the whole run (qemu_accel in lib.sh)
export ACCEL_CACHE="$BUILD/accel.$$"
rm -f "$ACCEL_CACHE"
trap 'rm -f "$ACCEL_CACHE"' EXIT
times=
# step NAME LOG COMMAND...: run COMMAND, note its time; stop on a failure
step() {
	_name=$1 _log=$2
	shift 2
	_t0=$(date +%s)
	"$@"
	_rc=$?
	_st=ok
	[ "$_rc" = 0 ] || _st="FAILED, log: $_log"
	times="$times$(printf '  %-10s %7s  %s' "$_name" "$(fmt_secs $(($(date +%s) - _t0)))" "$_st")
"
	[ "$_rc" = 0 ] && return 0
	finish "$_rc"
}
finish() {
	echo
	echo "make run: $(fmt_secs $(($(date +%s) - start))) in all"
	[ -s "$ACCEL_CACHE" ] && echo "QEMU ran under $(sed -n 1p "$ACCEL_CACHE") ($(sed -n 2p "$ACCEL_CACHE"))"
	printf '%s' "$times"
	exit "$1"
}
step deps "(apt-get output above)" sh "$TOP/scripts/deps.sh" run
step tree "$BUILD/linux (git am output above)" sh "$TOP/scripts/tree.sh"
step build "$O/build.log" sh "$TOP/scripts/build.sh" "$v"
step initramfs "$O/kselftest.log" sh "$TOP/scripts/initramfs.sh" "$v"
step boot "$O/console.log" sh "$TOP/scripts/qemu.sh" "$v"
finish 0
