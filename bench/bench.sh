#!/bin/sh
# bench/bench.sh: `make bench`, an A/B benchmark of the stock 7.1.5 swap code
# (build/stock: a git worktree of build/linux at its tag "base", made here
# when missing) against the series (build/linux) under QEMU TCG.
#
# Both kernels are built from the same config fragments (scripts/config.sh:
# "default" for the timings, "lockstat" for lock_stat) and booted with the same
# vCPUs (GUEST_SMP, default: the host's cores), memory (GUEST_MEM) and swap
# device; the guest is bench/init (rdinit=/bench/init, in the initramfs of
# scripts/initramfs.sh with bench/ as EXTRA_DIR), which runs bench/usemem
# for every swap device and process count P in a memory cgroup whose
# memory.max is BENCH_LIMIT_PCT % of P x W, so that most of the memory goes
# to swap and back.  Each boot covers all the points of its mode; stock and
# patched boots alternate, in ABBA order (pair 1: stock then patched, pair
# 2: patched then stock, ...), so that a drift of the host cancels out.
# Nothing is dropped: every run is a row of results/bench.csv.
#
# Modes:
#   wall      plain TCG (multi-threaded: one host thread per vCPU); guest
#             times are host time.  Shows everything, noise included.
#   icount    QEMU -icount shift=0,sleep=off: the guest clock counts
#             instructions (1 ns each), so the guest-measured durations are
#             path lengths, nearly deterministic.  -icount with -smp > 1
#             forces single-threaded round-robin TCG (one host thread runs
#             all vCPUs in turn), so the vCPUs never really run at the same
#             time: icount cannot show the cost of atomics, cache-line
#             bouncing or lock contention, only extra instructions (and the
#             spinning a contended lock costs in instructions, inflated by
#             the round-robin time slices).
#   lockstat  the lockstat kernels (debug minus KASAN) in wall mode, with
#             /proc/lock_stat cleared before each run and read after it:
#             contentions and wait times of the cluster lock and si->lock.
#             Its timings carry the lockdep overhead: not for comparing speed.
#
# Before the boots, bench/unlock-cost.c measures the native cost of the lock
# and unlock instructions on this host; after them, bench/lockcost.sh turns
# it and lock_stat's round trips per swapped page into an estimate of the
# extra ns per swapped page (lockcost.md, appended to bench.md).
# Progress: a line at the start of every run ("run K/N: mode dev P kernel
# pair", with the time left as estimated from the runs so far) and every
# 30 s on a terminal (60 s otherwise) while a boot goes on; at the end the
# time of every step.
#
# Output (BENCH_OUT, default results/, results/quick/ for BENCH_QUICK=1):
# bench.csv (every run), summary.csv
# (per point: medians and the patched/stock ratio with min and max over the
# pairs), lockstat.csv, bench.md (the report), bench-wall.png and
# bench-icount.png (throughput against P); the console logs are kept in
# build/bench/logs/ and each is judged by scripts/verdict.sh (any kernel
# report, lockdep included, or a failed run fails the bench).
#
# env: BENCH_QUICK=1     the short run (see below)
#      BENCH_PAIRS       stock/patched pairs per point (default 5)
#      BENCH_ICOUNT_PAIRS, BENCH_LOCKSTAT_PAIRS (default: BENCH_PAIRS, and
#                        3 for lock_stat)
#      BENCH_MODES       default "wall icount lockstat"
#      BENCH_LOCKSTAT=0  no lock_stat (and no lockstat kernels)
#      BENCH_PLAN        the points of a boot, "DEV:P,P.. DEV:P..", for
#                        every mode (default "brd:1,2,4,8 zram:1,2,4,8"),
#                        or per mode: BENCH_WALL_PLAN, BENCH_ICOUNT_PLAN,
#                        BENCH_LOCKSTAT_PLAN
#      BENCH_SWAP_MIB    the least swap device size in MiB (default 0: the
#                        size is P x W + 25% + 16 MiB, for the largest P of
#                        the boot); BENCH_ICOUNT_SWAP_MIB the same for the
#                        icount mode (default 1024).  Why two: brd keeps
#                        every page ever written to it in guest RAM (swap
#                        does not discard it), so a large brd fills the 1 GiB
#                        guest over the runs of a wall boot and it panics out
#                        of memory; but on a device of one swap address space
#                        (64 MiB or less) the free cluster interleave of patch
#                        5 spreads the first clusters over the whole device
#                        (probably a deeper swap cache xarray): measured +0.2%
#                        instructions at P=1 with patch 5, none on 1 GiB, an
#                        artefact of the tiny device in the icount mode.
#      BENCH_W           MiB per process (default 32; BENCH_ICOUNT_W for the
#                        icount mode, default 16); BENCH_R (random
#                        phase rewrites per page, default 1); BENCH_LIMIT_PCT
#                        (default 25); BENCH_THP (default never)
#      BENCH_BUILD       auto (default: build a kernel when its bzImage is
#                        missing or older than its tree or configs/), 0, 1
#      BENCH_WAIT_BUILDS=0  do not wait for other kernel builds to end
#      GUEST_SMP (default nproc), GUEST_MEM (MiB, default 1024)
#      BENCH_ACCEL       tcg or kvm (-machine accel=kvm -cpu host); default:
#                        kvm where a probe guest boots under it, else tcg
#                        (qemu_accel in scripts/lib.sh).  The icount mode
#                        always runs under TCG.
#      BENCH_QEMU        the qemu-system-x86_64 command (default: from PATH)
#      BENCH_DEPS=0      do not install Debian packages (a host without apt:
#                        then BENCH_INITRD is needed and no kernel is built)
#      BENCH_INITRD      a bench initramfs built before (build/bench/rootfs/
#                        initramfs.cpio.gz of an earlier run) instead of a new one
#      BENCH_MEMORY=0    skip bench/memory.sh (struct sizes)
#      BENCH_STOCK_OBJ, BENCH_PATCHED_OBJ  the kernel output dirs (default
#                        build/obj/stock-default, build/obj/default), to
#                        compare other builds, e.g. a part of the series
#
# Durations on 7.1.5, measured on the 2-core AMD EPYC host (no KVM) with
# the kernels already built (2026-12-02):
#   BENCH_QUICK=1 make bench    6 min 12 s (wall: brd P=1,2,4 and zram P=2,
#                               5 pairs, W=16; icount: brd P=1,4, 3 pairs;
#                               lockstat: brd P=2, 2 pairs; memory.sh for
#                               default only)
#   make bench                  35 min 41 s: native lock cost 1 min; wall
#                               (brd and zram x P=1,2,4,8, 8 pairs, W=32)
#                               9 min 12 s; icount (brd P=1,4, 5 pairs,
#                               W=16, 1 GiB brd) 4 min 7 s; lockstat (brd
#                               P=2,8 and zram P=8, 3 pairs) 7 min 47 s;
#                               bench/memory.sh 13 min 18 s (14 output
#                               dirs, 4 of them cold: arm64, parisc)
# plus whatever kernel build is missing (8-15 min each on 2 cores).
. "$(dirname "$0")/../scripts/lib.sh"
set -u

STOCK_TREE=${BENCH_STOCK_TREE:-$BUILD/stock}
PATCHED_TREE=${BENCH_TREE:-$BUILD/linux}
# the stock tree: by default a git worktree of build/linux at its tag
# "base" (stock 7.1.5), made here when it is missing
[ -n "${BENCH_STOCK_TREE:-}" ] || stock_worktree "$PATCHED_TREE" "$STOCK_TREE" || exit 1
OUT=${BENCH_OUT:-$TOP/results}
# the short run does not overwrite the full run's results
[ "${BENCH_QUICK:-0}" = 1 ] && OUT=${BENCH_OUT:-$TOP/results/quick}
WORK=${BENCH_WORK:-$BUILD/bench}
LOGS=$WORK/logs
QUICK=${BENCH_QUICK:-0}
SMP=${GUEST_SMP:-$(nproc)}
MEM=${GUEST_MEM:-1024}

# A plan: "DEV:P,P,... DEV:P,..." (the points one boot runs, in order).
if [ "$QUICK" = 1 ]; then
	PAIRS=${BENCH_PAIRS:-5}
	ICOUNT_PAIRS=${BENCH_ICOUNT_PAIRS:-3}
	LOCKSTAT_PAIRS=${BENCH_LOCKSTAT_PAIRS:-2}
	W=${BENCH_W:-16}
	ICOUNT_W=${BENCH_ICOUNT_W:-$W}
	WALL_PLAN=${BENCH_WALL_PLAN:-${BENCH_PLAN:-brd:1,2,4 zram:2}}
	ICOUNT_PLAN=${BENCH_ICOUNT_PLAN:-${BENCH_PLAN:-brd:1,4}}
	LOCKSTAT_PLAN=${BENCH_LOCKSTAT_PLAN:-${BENCH_PLAN:-brd:2}}
else
	PAIRS=${BENCH_PAIRS:-8}
	ICOUNT_PAIRS=${BENCH_ICOUNT_PAIRS:-5}
	LOCKSTAT_PAIRS=${BENCH_LOCKSTAT_PAIRS:-3}
	W=${BENCH_W:-32}
	ICOUNT_W=${BENCH_ICOUNT_W:-16}
	WALL_PLAN=${BENCH_WALL_PLAN:-${BENCH_PLAN:-brd:1,2,4,8 zram:1,2,4,8}}
	# icount runs all vCPUs on one host thread, several times slower:
	# the two ends of the curve only
	ICOUNT_PLAN=${BENCH_ICOUNT_PLAN:-${BENCH_PLAN:-brd:1,4}}
	LOCKSTAT_PLAN=${BENCH_LOCKSTAT_PLAN:-${BENCH_PLAN:-brd:2,8 zram:8}}
fi
R=${BENCH_R:-1}
SWAP_MIB=${BENCH_SWAP_MIB:-0}
ICOUNT_SWAP_MIB=${BENCH_ICOUNT_SWAP_MIB:-1024}
LIMIT_PCT=${BENCH_LIMIT_PCT:-25}
THP=${BENCH_THP:-never}
MODES=${BENCH_MODES:-wall icount lockstat}
if [ "${BENCH_LOCKSTAT:-1}" = 0 ]; then
	MODES=$(echo "$MODES" | tr ' ' '\n' | grep -vx lockstat | tr '\n' ' ')
	info "BENCH_LOCKSTAT=0: no lock_stat runs (the lockstat kernels are not built or booted)"
fi

case $MODES in *lockstat*) need_debug=1 ;; *) need_debug=0 ;; esac
QEMU=${BENCH_QEMU:-qemu-system-x86_64}
# BENCH_ACCEL, else this run's decision (qemu_accel in lib.sh), which is
# made below, once the patched kernel and the initramfs exist
ACCEL=${BENCH_ACCEL:-}
case $ACCEL in
''|tcg|kvm) ;;
*) die "BENCH_ACCEL must be tcg or kvm, not '$ACCEL'" ;;
esac

# tstep NAME T0: note the time of a step for the closing summary
t_start=$(date +%s) times=
tstep() { times="$times$(printf '  %-18s %8s' "$1" "$(fmt_secs $(($(date +%s) - $2)))")
"; }
# host_name: the CPU model, for the tables
host_name() { sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1; }

# --- host and kernels ----------------------------------------------------------
if [ "${BENCH_DEPS:-1}" != 0 ]; then
	sh "$TOP/scripts/deps.sh" bench || exit 1
fi
$QEMU --version >/dev/null 2>&1 || die "cannot run QEMU: $QEMU (BENCH_QEMU; Debian package qemu-system-x86)"
mkdir -p "$OUT" "$LOGS" || die "cannot create $OUT or $LOGS"

wait_builds() {
	[ "${BENCH_WAIT_BUILDS:-1}" = 0 ] && return 0
	while pgrep -f 'make.* O=' >/dev/null; do
		info "a kernel build is running ($(pgrep -af 'make.* O=' | head -1 | cut -c1-100)...): waiting (BENCH_WAIT_BUILDS=0 not to)"
		sleep 60
	done
}

# stale KERNEL_DIR TREE VARIANT: 0 when the bzImage is missing or older
# than a file of the tree or of the config fragments
stale() {
	k=$1/arch/x86/boot/bzImage
	[ -f "$k" ] || return 0
	[ -n "$(find $(config_frags "$3") -newer "$k" 2>/dev/null | head -1)" ] && return 0
	[ -n "$(find "$2" -path "$2/.git" -prune -o -type f -newer "$k" -print 2>/dev/null | head -1)" ] && return 0
	return 1
}

ensure_kernel() {	# ensure_kernel DIR TREE VARIANT
	case ${BENCH_BUILD:-auto} in
	0) [ -f "$1/arch/x86/boot/bzImage" ] || die "no $1/arch/x86/boot/bzImage (BENCH_BUILD=0)"; return 0 ;;
	auto) stale "$1" "$2" "$3" || { info "kernel $1 is up to date"; return 0; } ;;
	esac
	wait_builds
	info "building $3 kernel from $2 in $1"
	TREE=$2 O=$1 sh "$TOP/scripts/build.sh" "$3" || die "kernel build failed: $1"
}

K_STOCK=${BENCH_STOCK_OBJ:-$BUILD/obj/stock-default} K_PATCHED=${BENCH_PATCHED_OBJ:-$BUILD/obj/default}
K_STOCK_DEBUG=${BENCH_STOCK_DEBUG_OBJ:-$BUILD/obj/stock-lockstat}
K_PATCHED_DEBUG=${BENCH_PATCHED_DEBUG_OBJ:-$BUILD/obj/lockstat}
ensure_kernel "$K_STOCK" "$STOCK_TREE" default
ensure_kernel "$K_PATCHED" "$PATCHED_TREE" default
if [ "$need_debug" = 1 ]; then
	ensure_kernel "$K_STOCK_DEBUG" "$STOCK_TREE" lockstat
	ensure_kernel "$K_PATCHED_DEBUG" "$PATCHED_TREE" lockstat
fi

# --- the initramfs: scripts/initramfs.sh with bench/ files as EXTRA_DIR --------
# One for all kernels (everything is built in; no modules).
build_initramfs() {
	if [ -n "${BENCH_INITRD:-}" ]; then
		[ -f "$BENCH_INITRD" ] || die "no BENCH_INITRD $BENCH_INITRD"
		INITRD=$BENCH_INITRD
		return 0
	fi
	ex=$WORK/extra ro=$WORK/rootfs
	rm -rf "$ex" && mkdir -p "$ex/bench" "$ro/usr" "$WORK/no-kselftest" || exit 1
	gcc -static -O2 -Wall -Wextra -o "$ex/bench/usemem" "$TOP/bench/usemem.c" ||
		die "cannot build bench/usemem.c (static)"
	cp "$TOP/bench/init" "$ex/bench/init" && chmod 755 "$ex/bench/init" || exit 1
	# the kernel's cpio packer, a host tool: built here so that this
	# output dir needs no kernel configuration
	[ -x "$ro/usr/gen_init_cpio" ] ||
		gcc -O2 -o "$ro/usr/gen_init_cpio" "$PATCHED_TREE/usr/gen_init_cpio.c" ||
		die "cannot build gen_init_cpio"
	O=$ro KSELFTEST=$WORK/no-kselftest sh "$TOP/scripts/initramfs.sh" bench "$ex" ||
		die "initramfs failed"
	INITRD=$ro/initramfs.cpio.gz
}
build_initramfs

# KVM or TCG: BENCH_ACCEL, else a probe boot of the patched kernel under
# KVM.  The icount mode runs under TCG whatever the decision.
[ -n "$ACCEL" ] || qemu_accel "$K_PATCHED/arch/x86/boot/bzImage" "$INITRD" \
	"Run /bench/init as init process" "rdinit=/bench/init kunit.enable=0"
[ "$ACCEL" = kvm ] && case $MODES in *icount*) info "BENCH_ACCEL: kvm, but the icount mode runs under TCG" ;; esac

# The guest clock.  Under TCG the guest cannot calibrate its TSC (no PIT
# calibration, no HPET/PM timer without ACPI) and falls back to jiffies,
# which lose time when ticks come late; QEMU gives it the host's TSC (wall
# mode) or the instruction count in ns (icount mode: 1 GHz), so tell the
# guest that frequency and let it use the TSC.
# Under KVM the guest has kvm-clock and calibrates its TSC itself.
if [ "$ACCEL" = tcg ] || case $MODES in *icount*) true ;; *) false ;; esac; then
	if [ -z "${BENCH_TSC_KHZ:-}" ]; then
		gcc -O2 -o "$WORK/tsc-khz" "$TOP/bench/tsc-khz.c" || die "cannot build bench/tsc-khz.c"
	fi
	TSC_KHZ=${BENCH_TSC_KHZ:-$("$WORK/tsc-khz")}
	[ "${TSC_KHZ:-0}" -gt 0 ] || die "cannot measure the host TSC frequency (set BENCH_TSC_KHZ)"
	info "host TSC: $TSC_KHZ kHz"
fi

# --- one boot ---------------------------------------------------------------
# boot NAME KERNEL_DIR MODE PAIR ORDER PLAN: boots, writes
# $LOGS/MODE-NAME-PAIR.log (the console, BENCH-BEGIN/END lines stamped with
# the host's clock as "HOSTTS <s> ..."), appends to $WORK/boots.txt.
CR=$(printf '\r')
# progress: "run K/N: ..." at the start of every run, with the time left
# as estimated from the runs so far (K, the runs done, in $WORK/runs.done);
# on fd 3 (stderr), which the console pipeline below does not redirect
exec 3>&2
# The estimate: the rest of this mode at this mode's time per run so far
# (icount runs take about 3 times as long as wall runs), the later modes
# at the mean time per run of all runs so far.
progress() {	# progress MODE NAME PAIR ORDER TAG
	done_=$(wc -l <"$WORK/runs.done")
	now_=$(date +%s)
	el=$((now_ - bench_t0))
	left=
	md=$((done_ - mode_d0))
	if [ "$md" -gt 0 ]; then
		rest=$(( (now_ - mode_t0) * (mode_runs - md) / md + el * (RUNS - mode_d0 - mode_runs) / done_ ))
		left=", ~$(fmt_secs "$rest") left"
	elif [ "$done_" -gt 0 ]; then	# the first run of a mode
		left=", ~$(fmt_secs $((el * (RUNS - done_) / done_))) left"
	fi
	echo ">>> run $((done_ + 1))/$RUNS: $1 $5 $2 pair $3/$npairs ($4), $(fmt_secs "$el") in$left" >&3
}
boot() {
	name=$1 kdir=$2 mode=$3 pair=$4 order=$5 plan=$6
	log=$LOGS/$mode-$name-$pair.log
	maxp=0 devs= pargs=
	for pt in $plan; do
		d=${pt%%:*} ps=${pt#*:}
		devs=$devs${devs:+,}$d
		pargs="$pargs bench.procs_$d=$ps"
		for p in $(echo "$ps" | tr , ' '); do [ "$p" -gt "$maxp" ] && maxp=$p; done
	done
	w=$W
	[ "$mode" = icount ] && w=$ICOUNT_W
	swap_mib=$((maxp * w + maxp * w / 4 + 16))
	min_mib=$SWAP_MIB
	[ "$mode" = icount ] && min_mib=$ICOUNT_SWAP_MIB
	[ "$swap_mib" -lt "$min_mib" ] && swap_mib=$min_mib
	lockstat=0 qextra=
	[ "$mode" = lockstat ] && lockstat=1
	khz=$TSC_KHZ
	[ "$mode" = icount ] && qextra="-icount shift=0,sleep=off" khz=1000000
	append="console=ttyS0 reboot=t panic=-1 loglevel=5 rdinit=/bench/init kunit.enable=0"
	acc=$ACCEL qcpu=host
	[ "$mode" = icount ] && acc=tcg
	[ "$acc" = tcg ] && qcpu=max
	[ "$acc" = tcg ] && append="$append tsc_early_khz=$khz tsc=reliable"
	append="$append brd.rd_size=$((swap_mib * 1024)) bench.zram_size=${swap_mib}M"
	append="$append bench.devs=$devs$pargs"
	append="$append bench.W=$w bench.R=$R bench.limit_pct=$LIMIT_PCT bench.thp=$THP bench.lockstat=$lockstat"
	info "boot $mode pair $pair ($order): $name [$plan] -> $log"
	t0=$(date +%s.%N)
	rm -f "$log.done"
	( {
		timeout -k 10 "${BENCH_BOOT_TIMEOUT:-5400}" $QEMU \
			-machine q35,accel="$acc" -cpu "$qcpu" \
			-smp "$SMP,sockets=$SMP,cores=1,threads=1" -m "$MEM" \
			-nographic -no-reboot -nic none $qextra \
			-kernel "$kdir/arch/x86/boot/bzImage" -initrd "$INITRD" \
			-append "$append" </dev/null 2>&1
		echo "HOST: qemu exit status $?"
	} | while IFS= read -r l; do
		l=${l%"$CR"}
		case $l in
		*BENCH-BEGIN*|*BENCH-END*) echo "HOSTTS $(date +%s.%N) $l" ;;
		esac
		case $l in
		*BENCH-BEGIN*) progress "$mode" "$name" "$pair" "$order" "${l#*BENCH-BEGIN }" ;;
		*BENCH-END*) echo "$l" >>"$WORK/runs.done" ;;
		esac
		printf '%s\n' "$l"
	done >"$log"
	: >"$log.done" ) &
	# a line every progress_every seconds while a run goes on
	bpid=$!
	bstatus() { echo "console: $(last_line "$log" 90)"; }
	heartbeat "$log.done" "  boot $mode $name pair $pair" bstatus
	wait "$bpid"
	rm -f "$log.done"
	t1=$(date +%s.%N)
	secs=$(echo "$t0 $t1" | awk '{ printf "%.1f", $2 - $1 }')
	echo "HOST: boot took ${secs}s (host wall clock, qemu start to exit)" >>"$log"
	if sh "$TOP/scripts/verdict.sh" "$log" >"$log.verdict" 2>&1; then v=PASS; else v=FAIL; fi
	echo "$mode $name $pair $order $secs $v $log" >>"$WORK/boots.txt"
	info "  ${secs}s, verdict $v"
	[ "$v" = PASS ] || sed 's/^/  | /' "$log.verdict" | tail -40 >&2
}

# run_mode MODE STOCK_DIR PATCHED_DIR PAIRS PLAN
run_mode() {
	npairs=$4
	mode_t0=$(date +%s) mode_d0=$(wc -l <"$WORK/runs.done")
	mode_runs=$((2 * $4 * $(points "$5")))
	i=1
	while [ "$i" -le "$4" ]; do
		if [ $((i % 2)) = 1 ]; then
			boot stock "$2" "$1" "$i" AB "$5"
			boot patched "$3" "$1" "$i" AB "$5"
		else
			boot patched "$3" "$1" "$i" BA "$5"
			boot stock "$2" "$1" "$i" BA "$5"
		fi
		i=$((i + 1))
	done
}

# --- the native cost of the lock instructions on this host ---------------------
# bench/unlock-cost.c while no guest runs: the second factor of
# bench/lockcost.sh's estimate (the first is lock_stat's round trips)
native_cost() {
	gcc -O2 -Wall -pthread -o "$WORK/unlock-cost" "$TOP/bench/unlock-cost.c" ||
		die "cannot build bench/unlock-cost.c"
	reps=5
	[ "$QUICK" = 1 ] && reps=3
	info "native lock cost: bench/unlock-cost $reps repetitions on the host (-> $OUT/unlock-cost.csv)"
	"$WORK/unlock-cost" "$reps" >"$OUT/unlock-cost.csv" || die "bench/unlock-cost failed"
}

# points PLAN: the number of runs one boot of PLAN makes
points() { echo "$1" | tr ' ' '\n' | sed 's/^[^:]*://' | tr ',' '\n' | grep -c .; }
RUNS=0
for mode in $MODES; do
	case $mode in
	wall)     RUNS=$((RUNS + 2 * PAIRS * $(points "$WALL_PLAN"))) ;;
	icount)   RUNS=$((RUNS + 2 * ICOUNT_PAIRS * $(points "$ICOUNT_PLAN"))) ;;
	lockstat) RUNS=$((RUNS + 2 * LOCKSTAT_PAIRS * $(points "$LOCKSTAT_PLAN"))) ;;
	esac
done

wait_builds
tstep "kernels, initramfs" "$t_start"
t=$(date +%s)
native_cost
tstep "native lock cost" "$t"
rm -f "$LOGS"/*.log "$LOGS"/*.verdict "$WORK/boots.txt"
: >"$WORK/boots.txt"
: >"$WORK/runs.done"
info "$RUNS runs in all (modes: $MODES)"
bench_t0=$(date +%s)
for mode in $MODES; do
	t=$(date +%s)
	case $mode in
	wall)     run_mode wall "$K_STOCK" "$K_PATCHED" "$PAIRS" "$WALL_PLAN" ;;
	icount)   run_mode icount "$K_STOCK" "$K_PATCHED" "$ICOUNT_PAIRS" "$ICOUNT_PLAN" ;;
	lockstat) run_mode lockstat "$K_STOCK_DEBUG" "$K_PATCHED_DEBUG" "$LOCKSTAT_PAIRS" "$LOCKSTAT_PLAN" ;;
	*) die "unknown mode $mode (BENCH_MODES)" ;;
	esac
	tstep "$mode boots" "$t"
done
bench_secs=$(($(date +%s) - bench_t0))
info "all boots done in ${bench_secs}s"

# --- results ----------------------------------------------------------------
t=$(date +%s)
sh "$TOP/bench/report.sh" "$WORK/boots.txt" "$OUT" "$bench_secs" \
	"QUICK=$QUICK W=$W ICOUNT_W=$ICOUNT_W R=$R LIMIT_PCT=$LIMIT_PCT THP=$THP SMP=$SMP MEM=$MEM ACCEL=$ACCEL" \
	"wall: $PAIRS pairs of [$WALL_PLAN]; icount: $ICOUNT_PAIRS pairs of [$ICOUNT_PLAN]; lockstat: $LOCKSTAT_PAIRS pairs of [$LOCKSTAT_PLAN]; modes: $MODES" || exit 1
case $MODES in
*lockstat*)
	# the section "Lock cost per swapped page" (OUT/lockcost.md)
	sh "$TOP/bench/lockcost.sh" "$OUT" && cat "$OUT/lockcost.md" >>"$OUT/bench.md" ||
		info "bench/lockcost.sh failed (see above)" ;;
esac
tstep report "$t"
if [ "${BENCH_MEMORY:-1}" != 0 ]; then
	wait_builds
	t=$(date +%s)
	# the short run: x86_64 default only (2 output dirs, not 14)
	[ "$QUICK" = 1 ] && export MEM_VARIANTS=${MEM_VARIANTS:-default}
	sh "$TOP/bench/memory.sh" "$OUT" || info "bench/memory.sh failed (the timings are written)"
	tstep memory.sh "$t"
fi
echo "make bench: $(fmt_secs $(($(date +%s) - t_start))) in all" >&2
printf '%s' "$times" >&2
fails=$(awk '$6 != "PASS"' "$WORK/boots.txt" | wc -l)
info "results: $OUT/bench.md, $OUT/bench.csv, $OUT/summary.csv, $OUT/lockstat.csv, $OUT/bench-*.png"
[ "$fails" = 0 ] || die "$fails boot(s) failed their verdict (see $LOGS/*.verdict)"
