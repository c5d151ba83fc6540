#!/bin/sh
# Host-side tests of the test infrastructure; no kernel build and no QEMU
# needed (the config.sh test needs the kernel tree build/linux, and skips
# without it).
# usage: tests/host/run.sh    (one TAP-like line per test, then
#                              "N passed, N failed[, N skipped]"; exit 1 on failure)
here=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$here/../.." && pwd)
# the scripts under test take these from the environment: not from the caller's
unset KERNEL_TREE KERNEL_BASE FORCE O ACCEL ACCEL_CACHE KVM_DEV ACCEL_PROBE_TIMEOUT QEMU_X86
fx=${FIXTURES:-$here/fixtures}
S=${SCRIPTS:-$TOP/scripts}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hosttest.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
n=0 pass=0 fail=0 skip=0

ok()   { n=$((n + 1)); pass=$((pass + 1)); echo "ok $n - $1"; }
notok() {
	n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n - $1"
	echo "# $2"; sed 's/^/#   | /' "$tmp/out"
}
skipt() { n=$((n + 1)); skip=$((skip + 1)); echo "ok $n - $1 # SKIP $2"; }

# check NAME WANT_RC 'PATTERN...' -- CMD...: run CMD (output in $tmp/out),
# want exit status WANT_RC ("nz": any non-zero) and every fixed-string
# PATTERN on a line of the output.
check() {
	name=$1 want=$2; shift 2
	pats=
	while [ "$1" != -- ]; do pats="$pats$1
"; shift; done
	shift
	"$@" >"$tmp/out" 2>&1
	rc=$?
	case $want in
	nz) [ $rc -ne 0 ] || { notok "$name" "exit status 0, want non-zero"; return; } ;;
	*)  [ $rc -eq "$want" ] || { notok "$name" "exit status $rc, want $want"; return; } ;;
	esac
	echo "$pats" | while IFS= read -r p; do
		[ -z "$p" ] || grep -qF -- "$p" "$tmp/out" || { echo "$p"; break; }
	done >"$tmp/miss"
	if [ -s "$tmp/miss" ]; then
		notok "$name" "no line with: $(cat "$tmp/miss")"
	else
		ok "$name"
	fi
}

# --- verdict.sh / summary.sh on fixture logs ----------------------------------
# The fixtures are real console logs of this setup (KUnit from a kernel with
# the KUnit example and self tests; the kselftest part written in the real
# runner's format) with reports and failures spliced in; see fixtures/README.
check "clean log passes with the right counts" 0 \
	"example: 8 passed, 0 failed, 4 skipped" \
	"kunit-log-test: 1 passed, 0 failed, 1 skipped" \
	"swapon-zram0: 1 passed, 0 failed" \
	"swap/swap_cluster_test: 5 passed, 0 failed" \
	"swap/swap_rot.sh: 1 passed, 0 failed" \
	"stress-ng: 1 passed, 0 failed" \
	"78 passed, 0 failed, 6 skipped" \
	"verdict: PASS" \
	-- sh "$S/verdict.sh" "$fx/clean.log"
check "summary: the last line is the total" 0 \
	-- sh -c 'sh "$1" "$2" | tail -1 | grep -qx "78 passed, 0 failed, 6 skipped"' sh "$S/summary.sh" "$fx/clean.log"
check "panic fails and shows the panic line" 1 \
	"FAIL: kernel report (panic): [   41.339560] Kernel panic - not syncing: Fatal exception" \
	"FAIL: kernel report (oops): [   41.327113] Oops: general protection fault, probably for non-canonical address 0xdead000000000122: 0000 [#1] SMP" \
	"FAIL: guest did not finish (hang or timeout); last lines of the log:" \
	"verdict: FAIL (hang, oops, panic)" \
	-- sh "$S/verdict.sh" "$fx/panic.log"
check "lockdep splat fails naming lockdep" 1 \
	"FAIL: kernel report (lockdep): [   52.118215] WARNING: possible circular locking dependency detected" \
	"  | [   52.118221] but task is already holding lock:" \
	"verdict: FAIL (lockdep)" \
	-- sh "$S/verdict.sh" "$fx/lockdep.log"
check "list corruption fails naming list debug" 1 \
	"FAIL: kernel report (list debug): [   33.518447] list_del corruption. prev->next should be ffff888003e0a2c8, but was ffff888003e0a5a8. (prev=ffff888003e0a008)" \
	"verdict: FAIL (list debug, oops)" \
	-- sh "$S/verdict.sh" "$fx/listcorrupt.log"
check "KASAN report fails naming KASAN" 1 \
	"FAIL: kernel report (KASAN): [   10.612578] BUG: KASAN: slab-out-of-bounds in __x64_sys_swapon+0x3bf8/0x4190" \
	"verdict: FAIL (KASAN)" \
	-- sh "$S/verdict.sh" "$fx/kasan.log"
check "KCSAN report fails naming KCSAN" 1 \
	"FAIL: kernel report (KCSAN): [   24.260055] BUG: KCSAN: assert: race in lock_cluster / lock_cluster" \
	"verdict: FAIL (KCSAN)" \
	-- sh "$S/verdict.sh" "$fx/kcsan.log"
check "WARN fails naming WARNING" 1 \
	"FAIL: kernel report (WARNING): [   29.101774] WARNING: CPU: 1 PID: 97 at mm/swapfile.c:1108 swap_range_free+0x1a4/0x1c0" \
	"verdict: FAIL (WARNING)" \
	-- sh "$S/verdict.sh" "$fx/warn.log"
check "sleeping in atomic context fails naming BUG" 1 \
	"FAIL: kernel report (BUG): [   30.401311] BUG: sleeping function called from invalid context at mm/swapfile.c:1212" \
	"verdict: FAIL (BUG)" \
	-- sh "$S/verdict.sh" "$fx/sleep-atomic.log"
check "hang fails with the tail of the log" 1 \
	"FAIL: guest did not finish (hang or timeout); last lines of the log:" \
	"  | HOST: qemu killed by the timeout of 1200s (GUEST_TIMEOUT)" \
	"  | # stress-ng: info:  [275] dispatching hogs: 2 vm" \
	"stress (1 planned, 0 ran): 0 passed, 1 failed (1 planned results missing)" \
	"verdict: FAIL (hang)" \
	-- sh "$S/verdict.sh" "$fx/hang.log"
check "TAP failures fail with the right counts" 1 \
	"example: 6 passed, 2 failed, 4 skipped" \
	"    not ok: example_params_test.example value 2" \
	"    not ok: example_all_expect_macros_test" \
	"swap/swap_cluster_test: 4 passed, 1 failed" \
	"    not ok: global.nonrot_fallback" \
	"swap/swap_exit: 0 passed, 1 failed" \
	"stress-ng: 0 passed, 1 failed" \
	"73 passed, 5 failed, 6 skipped" \
	"verdict: FAIL (test failures)" \
	-- sh "$S/verdict.sh" "$fx/tapfail.log"
check "skips pass and are reported" 0 \
	"swap/swap_cluster_test: 2 passed, 0 failed, 3 skipped" \
	"swap/swap_rot: 0 passed, 0 failed, 1 skipped" \
	"6 passed, 0 failed, 4 skipped" \
	"verdict: PASS" \
	-- sh "$S/verdict.sh" "$fx/skip.log"
check "a printk line inside a result line loses no result" 0 \
	"swap/swap_swapoff: 2 passed, 0 failed" \
	"2 passed, 0 failed" \
	-- sh "$S/summary.sh" "$fx/interleaved.log"
check "a log with no results fails" 1 \
	"FAIL: no test results in the log" \
	"0 passed, 1 failed" \
	"verdict: FAIL (test failures)" \
	-- sh "$S/verdict.sh" "$fx/noresults.log"
check "a KUnit suite cut short by a crash counts what is missing" 1 \
	"example_init: 1 passed, 0 failed" \
	"swap_cluster_kunit (unfinished): 4 passed, 4 failed (3 planned results missing)" \
	"    not ok: cluster_lock_setters" \
	"    not ok: cluster_orders (unfinished)" \
	"kunit (3 planned, 2 ran): 0 passed, 1 failed (1 planned results missing)" \
	"5 passed, 5 failed" \
	-- sh "$S/summary.sh" "$fx/truncated.log"
check "a kselftest timeout counts the missing cases" 1 \
	"swap/swap_cluster_test: 1 passed, 4 failed (4 planned results missing)" \
	"74 passed, 4 failed, 6 skipped" \
	-- sh "$S/verdict.sh" "$fx/ksft-timeout.log"
check "a missing kselftest tree fails" 1 \
	"kselftest-missing: 0 passed, 1 failed" \
	-- sh "$S/verdict.sh" "$fx/noksft.log"
check "CRLF line ends parse like the clean log" 0 \
	"example: 8 passed, 0 failed, 4 skipped" \
	"stress-ng: 1 passed, 0 failed" \
	"78 passed, 0 failed, 6 skipped" \
	-- sh -c 'sed "s/\$/\r/" "$1" >"$2"; sh "$3" "$2"' sh \
		"$fx/clean.log" "$tmp/crlf.log" "$S/verdict.sh"
check "verdict: usage error" 2 -- sh "$S/verdict.sh" "$tmp/nonexistent.log"

# --- tree.sh: a patch that does not apply -------------------------------------
fake=$tmp/fake-linux
mkdir -p "$fake/mm" "$tmp/patches" "$tmp/build"
printf 'int swap_a;\nint swap_b;\nint swap_c;\n' >"$fake/mm/swapfile.c"
git -C "$fake" init -q -b master . &&
git -C "$fake" add . &&
git -C "$fake" -c user.name=t -c user.email=t@example.org commit -q -m base || echo "# git setup failed"
cat >"$tmp/patches/0001-mm-swap-broken.patch" <<'EOF'
From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
From: Test <t@example.org>
Date: Mon, 1 Jan 2024 00:00:00 +0000
Subject: [PATCH] mm: swap: does not apply

---
 mm/swapfile.c | 2 +-
 1 file changed, 1 insertion(+), 1 deletion(-)

diff --git a/mm/swapfile.c b/mm/swapfile.c
--- a/mm/swapfile.c
+++ b/mm/swapfile.c
@@ -1,3 +1,3 @@
 int swap_a;
-int swap_NOT_THERE;
+int swap_B;
 int swap_c;
-- 
2.39.5
EOF
check "tree.sh: a patch that does not apply fails and names it" nz \
	"patch 0001-mm-swap-broken.patch does not apply" \
	-- env -u TREE KERNEL_TREE="$fake" PATCHES="$tmp/patches" BUILD="$tmp/build" sh "$S/tree.sh"
sed 's/swap_NOT_THERE/swap_b/' "$tmp/patches/0001-mm-swap-broken.patch" >"$tmp/patches/0001-mm-swap-good.patch"
rm "$tmp/patches/0001-mm-swap-broken.patch"
check "tree.sh: a patch that applies is applied" 0 \
	"base + 1 patches applied" \
	-- env -u TREE KERNEL_TREE="$fake" PATCHES="$tmp/patches" BUILD="$tmp/build" FORCE=1 sh "$S/tree.sh"

# --- tree.sh: the base ------------------------------------------------------------
check "tree.sh: no base at all fails and says what to download" nz \
	"no base tree" "Download Linux 7.1.5" "BASE_TARBALL=" "KERNEL_TREE=/path/to/mm" \
	-- env -u TREE -u BASE_TARBALL SHARED_BASE="$tmp/no-shared" PATCHES="$tmp/patches" BUILD="$tmp/build-nobase" sh "$S/tree.sh"
check "tree.sh: a BASE_TARBALL that is not there is named" nz \
	"BASE_TARBALL=$tmp/nosuch.tar.xz does not exist" \
	-- env -u TREE BASE_TARBALL="$tmp/nosuch.tar.xz" PATCHES="$tmp/patches" BUILD="$tmp/build-nobase" sh "$S/tree.sh"
mkdir -p "$tmp/linux-6.1.0"
printf 'VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 0\nEXTRAVERSION =\n' >"$tmp/linux-6.1.0/Makefile"
tar cJf "$tmp/linux-6.1.0.tar.xz" -C "$tmp" linux-6.1.0
check "tree.sh: a BASE_TARBALL of another version is refused" nz \
	"is Linux 6.1.0 (top-level Makefile), the series is based on 7.1.5" \
	-- env -u TREE BASE_TARBALL="$tmp/linux-6.1.0.tar.xz" PATCHES="$tmp/patches" BUILD="$tmp/build-nobase" sh "$S/tree.sh"

# --- tree.sh: the swap table phase IV patches on the tarball ----------------
mkdir -p "$tmp/linux-7.1.5/mm" "$tmp/p4shared/swap-table-p4"
printf 'VERSION = 7\nPATCHLEVEL = 1\nSUBLEVEL = 5\nEXTRAVERSION =\n' >"$tmp/linux-7.1.5/Makefile"
echo "int x;" >"$tmp/linux-7.1.5/mm/swapfile.c"
tar cJf "$tmp/linux-7.1.5.tar.xz" -C "$tmp" linux-7.1.5
check "tree.sh: no phase IV patches beside the tarball fails and says what to do" nz \
	"no swap table phase IV patches" "KERNEL_TREE=/path/to/mm" \
	-- env -u TREE BASE_TARBALL="$tmp/linux-7.1.5.tar.xz" SHARED_BASE="$tmp/no-shared" PATCHES="$tmp/patches" BUILD="$tmp/build-p4" sh "$S/tree.sh"
cat >"$tmp/p4shared/swap-table-p4/0001-mm-swap-x.patch" <<'EOF'
From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
From: A <a@example.org>
Date: Thu, 3 Dec 2026 00:00:00 +0000
Subject: [PATCH] mm, swap: x

---
 mm/swapfile.c | 2 +-
 1 file changed, 1 insertion(+), 1 deletion(-)

diff --git a/mm/swapfile.c b/mm/swapfile.c
--- a/mm/swapfile.c
+++ b/mm/swapfile.c
@@ -1 +1 @@
-int y;
+int z;
EOF
(cd "$tmp/p4shared/swap-table-p4" && sha256sum 0001-mm-swap-x.patch >SHA256SUMS)
check "tree.sh: a phase IV patch that does not apply is named" nz \
	"phase IV patch 0001-mm-swap-x.patch does not apply" \
	-- env -u TREE BASE_TARBALL="$tmp/linux-7.1.5.tar.xz" SHARED_BASE="$tmp/p4shared" PATCHES="$tmp/patches" BUILD="$tmp/build-p4" sh "$S/tree.sh"
echo "# changed" >>"$tmp/p4shared/swap-table-p4/0001-mm-swap-x.patch"
check "tree.sh: phase IV patches that differ from their SHA256SUMS are refused" nz \
	"differ from their SHA256SUMS" "0001-mm-swap-x.patch: FAILED" \
	-- env -u TREE BASE_TARBALL="$tmp/linux-7.1.5.tar.xz" SHARED_BASE="$tmp/p4shared" PATCHES="$tmp/patches" BUILD="$tmp/build-p4" sh "$S/tree.sh"

# --- config.sh: a fragment that includes a missing one ------------------------
mkdir -p "$tmp/inc-configs"
cp "$TOP/configs/default.config" "$tmp/inc-configs/"
printf '# include: nosuch\nCONFIG_SWAP=y\n' >"$tmp/inc-configs/broken.config"
check "config.sh: an include of a missing fragment fails and is named" nz \
	"ERROR: configs/broken.config includes configs/nosuch.config, which does not exist" \
	-- env CONFIGS="$tmp/inc-configs" O="$tmp/inc-obj" sh "$S/config.sh" broken

# --- config.sh: an option that cannot exist -----------------------------------
if [ -x "$TOP/build/linux/scripts/kconfig/merge_config.sh" ]; then
	mkdir -p "$tmp/configs"
	cp "$TOP"/configs/*.config "$tmp/configs/"
	echo "CONFIG_SWAP_NO_SUCH_OPTION=y" >>"$tmp/configs/default.config"
	check "config.sh: an impossible option fails and is named" nz \
		"Kconfig option CONFIG_SWAP_NO_SUCH_OPTION requested by default.config" \
		-- env -u TREE CONFIGS="$tmp/configs" O="$tmp/obj" sh "$S/config.sh" default
else
	skipt "config.sh: an impossible option fails and is named" "no kernel tree in build/linux"
fi

# --- bench/report.sh: the noise verdict -----------------------------------------
# fake_bench DIR STOCK_WALL PATCHED_WALL...: boots.txt and console logs of
# a wall-mode A/B with one point (brd, P=1); one pair per patched value,
# stock wall times taken in turn from STOCK_WALL (a space-separated list).
fake_bench() {
	d=$1 sw=$2; shift 2
	mkdir -p "$d/logs" && : >"$d/boots.txt"
	i=1
	for pw in "$@"; do
		s=$(echo "$sw" | cut -d' ' -f"$i")
		for k in stock:$s patched:$pw; do
			kern=${k%%:*} w=${k#*:}
			printf 'BENCH-RESULT dev=brd P=1 rc=0 ok=1 W=16 R=1 limit_mib=4 pages=4096 wall_s=%s stime_s=1.0 utime_s=0.1 pswpout=10000 pswpin=8000\n' \
				"$w" >"$d/logs/$kern-$i.log"
			echo "wall $kern $i AB 10.0 PASS $d/logs/$kern-$i.log" >>"$d/boots.txt"
		done
		i=$((i + 1))
	done
}
fake_bench "$tmp/b1" "1.00 1.02 0.99 1.01 1.00" 1.10 1.12 1.09 1.11 1.10
check "report.sh: a steady 10% slowdown is beyond the noise" 0 \
	"wall,brd,1,pswpout_per_s,5," "patched slower beyond the noise" \
	-- sh -c "sh '$TOP/bench/report.sh' '$tmp/b1/boots.txt' '$tmp/b1/out' >/dev/null 2>&1 && grep pswpout_per_s '$tmp/b1/out/summary.csv'"
fake_bench "$tmp/b2" "1.00 1.30 0.90 1.25 1.00" 1.20 1.00 1.10 1.05 0.95
check "report.sh: ratios on both sides of 1 are no difference" 0 \
	"wall,brd,1,wall_s,5," "no difference beyond the noise" \
	-- sh -c "sh '$TOP/bench/report.sh' '$tmp/b2/boots.txt' '$tmp/b2/out' >/dev/null 2>&1 && grep ',wall_s,' '$tmp/b2/out/summary.csv'"
fake_bench "$tmp/b3" "1.00" 1.10
check "report.sh: one pair gives no noise estimate" 0 \
	"one pair: no estimate of the noise" \
	-- sh -c "sh '$TOP/bench/report.sh' '$tmp/b3/boots.txt' '$tmp/b3/out' >/dev/null 2>&1 && grep ',wall_s,' '$tmp/b3/out/summary.csv'"

# --- progress: summary.sh's live mode, qemu.sh's hang report, run_watched -------
# A console that arrives in two pieces, 2 s apart, the second piece
# beginning in the middle of a result line: the first suite must be printed
# before the second piece is sent, and the split line must count whole.
cat >"$tmp/piece1" <<'EOF'
[    1.000000] KTAP version 1
[    1.000001] 1..2
[    1.000002]     KTAP version 1
[    1.000003]     # Subtest: alpha
[    1.000004]     1..2
[    1.000005]     ok 1 a_one
[    1.000006]     ok 2 a_two
[    1.000007] ok 1 alpha
[    1.000008]     KTAP version 1
[    1.000009]     # Subtest: beta
[    1.000010]     1..2
EOF
printf '[    1.000011]     not ok 1 b_o' >>"$tmp/piece1"
cat >"$tmp/piece2" <<'EOF'
ne
[    1.000012]     ok 2 b_two
[    1.000013] not ok 2 beta
EOF
live_case() {
	{ cat "$tmp/piece1"; sleep 2; date +%s >"$tmp/t2"; cat "$tmp/piece2"; } |
		sh "$S/summary.sh" - | while IFS= read -r l; do echo "$(date +%s) $l"; done >"$tmp/live"
	cat "$tmp/live"
	a=$(awk '/ alpha: / { print $1 }' "$tmp/live")
	t2=$(cat "$tmp/t2")
	[ -n "$a" ] && [ "$a" -lt "$t2" ] && echo "alpha printed at $a, before the second piece at $t2"
}
check "summary.sh -: groups print as they end, a split result line counts whole" 0 \
	"] alpha: 2 passed, 0 failed" "before the second piece" \
	"] beta: 1 passed, 1 failed" "    not ok: b_one" \
	-- live_case

# a QEMU that prints part of a guest run, then hangs (exec: the process the
# timeout kills is the one holding the console pipe)
mkdir -p "$tmp/fakeq/bin" "$tmp/fakeq/o/arch/x86/boot"
: >"$tmp/fakeq/o/arch/x86/boot/bzImage"
: >"$tmp/fakeq/o/initramfs.cpio.gz"
cat >"$tmp/fakeq/bin/qemu-system-x86_64" <<'EOF'
#!/bin/sh
printf 'GUEST: begin setup\r\nTAP version 13\r\n1..3\r\nok 1 cgroup2-memory\r\nok 2 swapon-zram0\r\n'
printf 'GUEST: begin selftest\nTAP version 13\n1..1\n# timeout set to 180\n# selftests: mm: ksft_swap.sh\n'
exec sleep 60
EOF
chmod +x "$tmp/fakeq/bin/qemu-system-x86_64"
check "qemu.sh: a hung guest is killed by the timeout, with the last result line" 1 \
	"] swapon-zram0: 1 passed, 0 failed" \
	"of at most 6s, console: # selftests: mm: ksft_swap.sh" \
	"qemu (tcg) killed by the timeout of 6s (GUEST_TIMEOUT): the guest hung or is too slow; last result line seen: ok 2 swapon-zram0; console log: $tmp/fakeq/o/console.log" \
	"FAIL: guest did not finish (hang or timeout)" "verdict: FAIL (hang)" \
	"guest hang ran under tcg (ACCEL=tcg from the environment)" \
	-- env PATH="$tmp/fakeq/bin:$PATH" O="$tmp/fakeq/o" GUEST_TIMEOUT=6 PROGRESS_EVERY=2 ACCEL=tcg sh "$S/qemu.sh" hang

# The accelerator decision (qemu_accel in lib.sh), with a fake QEMU that
# notes each start, hangs under -accel kvm (a /dev/kvm that runs no guest)
# and boots to the probe's marker under TCG, and a fake /dev/kvm.
mkdir -p "$tmp/fakekvm/bin"
cat >"$tmp/fakekvm/bin/qemu-system-x86_64" <<EOF
#!/bin/sh
echo "\$*" >>"$tmp/fakekvm/starts"
case "\$*" in *accel=kvm*) exec sleep 60 ;; esac
echo "GUEST-PROBE: reached /init"
EOF
chmod +x "$tmp/fakekvm/bin/qemu-system-x86_64"
: >"$tmp/fakekvm/kvm"
accel_case() {
	rm -f "$tmp/fakekvm/starts"
	t0=$(date +%s)
	env PATH="$tmp/fakekvm/bin:$PATH" TOP="$TOP" "$@" sh -c '. "$TOP/scripts/lib.sh"
		qemu_accel k i "GUEST-PROBE: reached /init" guest.probe=1
		echo "decision: $ACCEL ($ACCEL_WHY)"'
	echo "took $(($(date +%s) - t0))s, qemu started $(cat "$tmp/fakekvm/starts" 2>/dev/null | wc -l) times"
}
check "qemu_accel: a /dev/kvm whose guest hangs gives tcg within the probe's bound" 0 \
	"decision: tcg (/dev/kvm: the guest made no progress in 3s)" "QEMU accelerator: tcg" \
	"qemu started 1 times" \
	-- accel_case KVM_DEV="$tmp/fakekvm/kvm" ACCEL_PROBE_TIMEOUT=3
if grep -q "took [0-6]s" "$tmp/out"; then ok "qemu_accel: the probe ends within its bound"
else notok "qemu_accel: the probe ends within its bound" "3 s probe, more than 6 s"; fi
check "qemu_accel: no /dev/kvm gives tcg with no probe" 0 \
	"decision: tcg (no /dev/kvm)" "took 0s, qemu started 0 times" \
	-- accel_case KVM_DEV="$tmp/fakekvm/none"
check "qemu_accel: ACCEL=tcg decides with no probe" 0 \
	"decision: tcg (ACCEL=tcg from the environment)" "qemu started 0 times" \
	-- accel_case KVM_DEV="$tmp/fakekvm/kvm" ACCEL=tcg
accel_case KVM_DEV="$tmp/fakekvm/kvm" ACCEL_PROBE_TIMEOUT=2 ACCEL_CACHE="$tmp/fakekvm/cache" >/dev/null 2>&1
check "qemu_accel: one probe per run (ACCEL_CACHE)" 0 \
	"decision: tcg (/dev/kvm: the guest made no progress in 2s)" "qemu started 0 times" \
	-- accel_case KVM_DEV="$tmp/fakekvm/kvm" ACCEL_PROBE_TIMEOUT=2 ACCEL_CACHE="$tmp/fakekvm/cache"
if grep -q "QEMU accelerator" "$tmp/out"; then notok "qemu_accel: a cached decision is not printed again" "printed"
else ok "qemu_accel: a cached decision is not printed again"; fi

# run_watched: progress lines while the command runs, its exit status after
watched_case() {
	TOP=$TOP PROGRESS_EVERY=1 sh -c '. "$TOP/scripts/lib.sh"
		st() { echo "at $(tail -1 "$1.out")"; }
		work() { echo one; sleep 4; echo "x.c:1: error: oops"; echo two; exit 3; }
		run_watched "fake step" "$1.out" "st $1" work
		echo "rc=$?"; first_error "$1.out"' sh "$tmp/watched" >"$tmp/watched.txt" 2>&1
	cat "$tmp/watched.txt"
	# a loaded machine may skip a tick: two lines at least, not three
	[ "$(grep -c '^>>> fake step: [0-9]s, at one$' "$tmp/watched.txt")" -ge 2 ] && echo "two progress lines or more"
}
check "run_watched: progress lines every PROGRESS_EVERY s, the status, the first error" 0 \
	">>> fake step: 1s, at one" "two progress lines or more" "rc=3" "x.c:1: error: oops" \
	-- watched_case

# --- tree.sh removes and remakes its tree: never one outside build/ ------------
mkdir -p "$tmp/mytree" && echo keep >"$tmp/mytree/file"
check "tree.sh: a TREE outside build/ is refused and left alone" nz \
	"is not under" "KERNEL_TREE=/path/to/mm" \
	-- env TREE="$tmp/mytree" BUILD="$tmp/tbuild" sh "$S/tree.sh"
if [ "$(cat "$tmp/mytree/file" 2>/dev/null)" = keep ]; then
	ok "tree.sh: the refused TREE still has its files"
else
	notok "tree.sh: the refused TREE still has its files" "$tmp/mytree/file is gone"
fi

# --- kunit.sh: the configurations of a cross-architecture run ------------------
# (checked before the cross compiler is installed or anything is built)
mkdir -p "$tmp/ktree/mm/tests" && : >"$tmp/ktree/mm/tests/swap_cluster.kunitconfig"
check "kunit.sh: sparc32 refuses the lockdep run and says what to run" nz \
	"sparc32 has no LOCKDEP_SUPPORT" "KUNIT_CONFIGS=debugvm or production" \
	-- env TREE="$tmp/ktree" BUILD="$tmp/kbuild" KUNIT_CONFIGS=lockdep sh "$S/kunit.sh" sparc
check "kunit.sh: an unknown configuration is named" nz \
	"KUNIT_CONFIGS: 'nolock' is not lockdep, production or debugvm" \
	-- env TREE="$tmp/ktree" BUILD="$tmp/kbuild" KUNIT_CONFIGS="lockdep nolock" sh "$S/kunit.sh" arm64
# a kunit.py whose kernel passes with FAKE_CPUS CPUs up
mkdir -p "$tmp/ktree/tools/testing/kunit"
cat >"$tmp/ktree/tools/testing/kunit/kunit.py" <<'EOF'
#!/bin/sh
for a; do case $a in --build_dir=*) d=${a#--build_dir=} ;; esac; done
[ "$1" = run ] || exit 0
mkdir -p "$d" && echo "smp: Brought up 1 node, $FAKE_CPUS CPUs" >"$d/test.log"
echo "[18:00:00] Testing complete. Ran 9 tests: passed: 9"
EOF
chmod +x "$tmp/ktree/tools/testing/kunit/kunit.py"
check "kunit.sh: a cross-arch run with fewer CPUs up than -smp fails" 1 \
	"kunit.py i386 lockdep: 1 CPUs came up, -smp 2 asked for 2" \
	"kunit.py i386 lockdep: 4K pages, QEMU pc, 2 vCPUs (1 up), tcg,thread=multi: 9 passed, 1 failed, 0 skipped" \
	"9 passed, 1 failed, 0 skipped" \
	-- env TREE="$tmp/ktree" BUILD="$tmp/kbuild" ACCEL=tcg KUNIT_TCG=multi FAKE_CPUS=1 sh "$S/kunit.sh" i386
check "kunit.sh: a cross-arch run with 2 CPUs up passes" 0 \
	"smp: Brought up 1 node, 2 CPUs, 0 WARNING lines" \
	"kunit.py i386 lockdep: 4K pages, QEMU pc, 2 vCPUs (2 up), tcg,thread=multi: 9 passed, 0 failed, 0 skipped" \
	-- env TREE="$tmp/ktree" BUILD="$tmp/kbuild" ACCEL=tcg KUNIT_TCG=multi FAKE_CPUS=2 sh "$S/kunit.sh" i386

if [ $skip -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ $fail -eq 0 ]
