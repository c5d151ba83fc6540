#!/bin/sh
# usage: kunit.sh ARCH  -- the swap_cluster KUnit suite under
# tools/testing/kunit/kunit.py (QEMU), with mm/tests/swap_cluster.kunitconfig, twice:
# "lockdep" as the file is (PROVE_LOCKING, DEBUG_VM), and "production"
# without lock debugging and DEBUG_VM, which have the production entry size
# and interleave width (KUNIT_CONFIGS=lockdep or production: only one).
# Prints kunit.py's results, then "N passed, N failed[, N skipped]".
#
# ARCH: x86_64, or one of the cross-architecture names, each on 2 vCPUs
# (KUNIT_SMP) of an SMP kernel, under TCG:
#   i386       host gcc, QEMU pc
#   arm64      aarch64-linux-gnu-, QEMU virt (configs/kunit/arm64.py), 4K pages
#   arm64-64k  the same with CONFIG_ARM64_64K_PAGES=y
#   parisc     hppa-linux-gnu-, 32-bit SMP on QEMU's B160L (configs/kunit/parisc.py),
#              with a SeaBIOS-hppa newer than QEMU 7.2's (hppa_firmware below)
#   sparc      sparc64-linux-gnu-, sparc32 SMP on an SS-20 (configs/kunit/sparc.py)
# These run one configuration by default: "lockdep", which has DEBUG_VM's
# checks of the lock bit and of the field ranges, tightest where a long is
# 32 bits or a cluster has the most entries (64K pages), and runs every case;
# the production entry size is x86_64's second run.  sparc32 has no
# LOCKDEP_SUPPORT, so it runs "debugvm": DEBUG_VM and DEBUG_SPINLOCK, no
# lockdep.  KUNIT_CONFIGS overrides.  They install their cross compiler and
# QEMU (deps.sh kunit-ARCH), fail when fewer than KUNIT_SMP CPUs came up,
# and run QEMU with -accel tcg,thread=multi where that QEMU runs the target
# multi-threaded (tcg_thread below; KUNIT_TCG=multi|single forces one), and
# end each run with a line that has the arch, page size, QEMU machine,
# vCPUs, TCG mode, counts and wall time.
#
# QEMU: kunit.py always starts it with -accel kvm -accel hvf -accel tcg,
# i.e. KVM first wherever /dev/kvm exists, even one that runs no guest.  So
# kunit.py finds qemu-system-* through a wrapper in build/qemu-wrap/ that
# drops those options and names the accelerator of this run's decision
# (qemu_accel in lib.sh; the probe boots the kernel kunit.py built, with
# KTAP output as its marker).  A wrapper rather than hiding /dev/kvm in a
# mount namespace: it needs no root and works for every QEMU arch.
. "$(dirname "$0")/lib.sh"
arch=${1:-x86_64}
[ -f "$TREE/mm/tests/swap_cluster.kunitconfig" ] || die "no mm/tests/swap_cluster.kunitconfig in $TREE: is the series applied? (make tree)"
mkdir -p "$BUILD/obj"
export CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache} CCACHE_BASEDIR="$TREE"
# hppa_firmware: the path of a SeaBIOS-hppa that boots 7.x on QEMU 7.2.
# QEMU 7.2's own (v6) reports a cache stride of 32768, which parisc's
# arch_slab_minalign() follows, and the kernel faults in kmem_cache_init.
# The one of bookworm-backports' qemu-system-data (v18 in 10.0.2) reports 32.
# Fetched once into build/hppa-firmware/ with apt-get download, from a
# sources list, lists and cache of its own (the machine's apt setup is not
# touched); KUNIT_HPPA_FW=/path/to/hppa-firmware.img brings one instead.
hppa_firmware() {
	if [ -n "${KUNIT_HPPA_FW:-}" ]; then
		[ -f "$KUNIT_HPPA_FW" ] || die "KUNIT_HPPA_FW=$KUNIT_HPPA_FW does not exist"
		echo "$KUNIT_HPPA_FW"; return 0
	fi
	_d=$BUILD/hppa-firmware
	if [ ! -s "$_d/hppa-firmware.img" ]; then
		info "parisc: fetching SeaBIOS-hppa from bookworm-backports' qemu-system-data into $_d"
		rm -rf "$_d/apt" "$_d"/*.deb
		mkdir -p "$_d/apt/lists/partial" "$_d/apt/cache/archives/partial" "$_d/apt/parts"
		echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${KUNIT_BACKPORTS_MIRROR:-http://deb.debian.org/debian} bookworm-backports main" \
			>"$_d/apt/sources.list"
		_o="-o Dir::Etc::SourceList=$_d/apt/sources.list -o Dir::Etc::SourceParts=$_d/apt/parts"
		_o="$_o -o Dir::State::Lists=$_d/apt/lists -o Dir::Cache=$_d/apt/cache -o APT::Sandbox::User=root"
		# shellcheck disable=SC2086
		{ apt-get $_o update && (cd "$_d" && apt-get $_o download qemu-system-data/bookworm-backports) &&
		  dpkg-deb --fsys-tarfile "$_d"/qemu-system-data_*.deb |
			tar xO ./usr/share/qemu/hppa-firmware.img >"$_d/hppa-firmware.img.tmp" &&
		  [ -s "$_d/hppa-firmware.img.tmp" ]; } >"$_d/fetch.log" 2>&1 || {
			tail -5 "$_d/fetch.log" >&2
			die "parisc: cannot fetch the hppa firmware (qemu-system-data from bookworm-backports; log: $_d/fetch.log).
  Check that ${KUNIT_BACKPORTS_MIRROR:-http://deb.debian.org/debian} is reachable (KUNIT_BACKPORTS_MIRROR=URL for another
  mirror), or take usr/share/qemu/hppa-firmware.img from a newer qemu-system-data .deb
  (1:10.0.2+ds-2+deb13u1~bpo12+1, SeaBIOS-hppa 18, works) and pass KUNIT_HPPA_FW=/path/to/it"
		}
		mv "$_d/hppa-firmware.img.tmp" "$_d/hppa-firmware.img"
		rm -rf "$_d/apt"
	fi
	info "parisc: firmware $_d/hppa-firmware.img ($(strings "$_d/hppa-firmware.img" | grep -m1 'PDC Firmware'), from $(ls "$_d"/*.deb 2>/dev/null | sed 's,.*/,,'))"
	echo "$_d/hppa-firmware.img"
}

# tcg_thread: "multi" if qemu-system-$qarch runs this machine with one host
# thread per vCPU (MTTCG), else "single", where kunit.py's plain -accel tcg
# would run both vCPUs in turn on one thread (interleaved only at
# translation block boundaries).  A QEMU that refuses thread=multi, or
# accepts it with "Guest not yet converted to MTTCG" (sparc32 in 7.2), is
# run single; KUNIT_TCG=multi|single decides instead.  Sets TCG_MODE, and
# TCG_WHY to the reason.
tcg_thread() {
	case ${KUNIT_TCG:-} in
	multi|single) TCG_MODE=$KUNIT_TCG TCG_WHY="KUNIT_TCG=$KUNIT_TCG"; return 0 ;;
	'') ;;
	*) die "KUNIT_TCG must be multi or single, not '$KUNIT_TCG'" ;;
	esac
	_tl=$BUILD/obj/kunit-$arch-mttcg.log
	timeout -k 2 3 "qemu-system-$qarch" -M "$machine" -accel tcg,thread=multi -smp "$smp" \
		-S -nodefaults -display none -monitor none -serial none </dev/null >"$_tl" 2>&1
	_trc=$?
	_w=$(grep -v 'terminating on signal' "$_tl" | grep -m1 . | sed 's/^[^ ]*: //' | cut -c1-120)
	if [ "$_trc" != 124 ] && [ "$_trc" != 0 ]; then
		TCG_MODE=single TCG_WHY="QEMU refuses thread=multi: $_w"
	elif grep -q 'not yet converted to MTTCG' "$_tl"; then
		TCG_MODE=single TCG_WHY="qemu-system-$qarch is not converted to MTTCG (\"$_w\"); KUNIT_TCG=multi forces it"
	else
		TCG_MODE=multi TCG_WHY="qemu-system-$qarch runs MTTCG${_w:+ (it warns: $_w)}"
	fi
}

# kargs: how kunit.py knows the arch, and the kunitconfig options it does
# not have (nothing swaps THPs whole where a long is 32 bits, nor on
# arm64 without 4K pages: THP_SWAP=n; parisc and sparc32 have no THP);
# cross: CROSS_COMPILE; xarch: a cross-architecture name (above x86_64's
# in the header)
kargs="--arch=$arch" cross='' mdesc='' xarch=1 pages=4K machine='' qextra='' smp=${KUNIT_SMP:-2}
case $arch in
x86_64) qarch=x86_64 kimg=arch/x86/boot/bzImage xarch= ;;
i386)
	qarch=i386 kimg=arch/x86/boot/bzImage machine=pc
	kargs="$kargs --kconfig_add CONFIG_THP_SWAP=n" ;;
arm64|arm64-64k)
	qarch=aarch64 kimg=arch/arm64/boot/Image.gz machine=virt cross=aarch64-linux-gnu-
	kargs="--qemu_config=$TOP/configs/kunit/arm64.py"
	[ "$arch" = arm64-64k ] &&
		kargs="$kargs --kconfig_add CONFIG_ARM64_64K_PAGES=y --kconfig_add CONFIG_THP_SWAP=n" pages=64K ;;
parisc)
	qarch=hppa kimg=vmlinux machine=hppa mdesc="hppa (B160L)" cross=hppa-linux-gnu-
	kargs="--qemu_config=$TOP/configs/kunit/parisc.py --kconfig_add CONFIG_TRANSPARENT_HUGEPAGE=n --kconfig_add CONFIG_THP_SWAP=n" ;;
sparc)
	qarch=sparc kimg=arch/sparc/boot/zImage machine=SS-20 cross=sparc64-linux-gnu-
	kargs="--qemu_config=$TOP/configs/kunit/sparc.py --kconfig_add CONFIG_TRANSPARENT_HUGEPAGE=n --kconfig_add CONFIG_THP_SWAP=n" ;;
*) qarch=$arch xarch= ;;
esac
if [ -n "$xarch" ]; then
	[ "$arch" = sparc ] && def=debugvm || def=lockdep
	KUNIT_CONFIGS=${KUNIT_CONFIGS:-$def}
	KUNIT_TIMEOUT=${KUNIT_TIMEOUT:-900}
fi
for cfg in ${KUNIT_CONFIGS:-lockdep production}; do
	case $cfg in
	lockdep) [ "$arch" != sparc ] ||
		die "sparc32 has no LOCKDEP_SUPPORT: KUNIT_CONFIGS=debugvm or production for sparc" ;;
	production|debugvm) ;;
	*) die "KUNIT_CONFIGS: '$cfg' is not lockdep, production or debugvm" ;;
	esac
done
if [ -n "$xarch" ]; then
	sh "$TOP/scripts/deps.sh" "kunit-$arch" || exit 1
	command -v "${cross:-}gcc" >/dev/null ||
		die "no ${cross}gcc for $arch (Debian package gcc-${cross%-})"
	command -v "qemu-system-$qarch" >/dev/null ||
		die "no qemu-system-$qarch for $arch (Debian package qemu-system-arm, qemu-system-misc or qemu-system-sparc)"
	[ "$arch" = parisc ] && { fw=$(hppa_firmware) || exit 1; qextra="-bios $fw"; }
fi
# (1209 objects in a cold build of the lockdep kunitconfig on x86_64, 7.1.5)
OBJS_EXPECTED=${KUNIT_OBJS_EXPECTED:-1209}
P=0 F=0 S=0
for cfg in ${KUNIT_CONFIGS:-lockdep production}; do
	dir=$BUILD/obj/kunit-$arch-$cfg
	log=$BUILD/obj/kunit-$arch-$cfg.log
	extra='' accel='' cpus=''
	case $cfg in
	production)
		extra="--kconfig_add CONFIG_PROVE_LOCKING=n --kconfig_add CONFIG_DEBUG_LOCK_ALLOC=n --kconfig_add CONFIG_DEBUG_SPINLOCK=n --kconfig_add CONFIG_DEBUG_VM=n" ;;
	debugvm)
		extra="--kconfig_add CONFIG_PROVE_LOCKING=n --kconfig_add CONFIG_DEBUG_LOCK_ALLOC=n --kconfig_add CONFIG_DEBUG_SPINLOCK=y" ;;
	esac
	kunit_py() {
		cd "$TREE" && ./tools/testing/kunit/kunit.py "$1" --kunitconfig=mm/tests/swap_cluster.kunitconfig $extra \
			$kargs ${cross:+--cross_compile=$cross} --build_dir="$dir" --make_options "CC=ccache ${cross}gcc" \
			--jobs "$NPROC" ${2:+--timeout "$2" --qemu_args "-smp $smp${qextra:+ $qextra}"}
	}
	mkdir -p "$dir"
	objs_start "$dir"
	t0=$(date +%s)
	# parisc: kunit.py always makes compile_commands.json, whose script
	# reads a .cmd file for every member of the archives vmlinux links,
	# libgcc.a too, which has none: empty ones get past it.
	if [ "$arch" = parisc ]; then
		for m in $("${cross}ar" t "$("${cross}gcc" -print-libgcc-file-name)"); do
			[ -e "$dir/.$m.cmd" ] || : >"$dir/.$m.cmd"
		done
	fi
	kstatus() {
		if grep -q 'Starting KUnit Kernel' "$log"; then
			echo "kernel running, last: $(last_line "$log" 90)"
		else
			echo "building, $(objs_status "$dir")"
		fi
	}
	info "kunit.py run --arch=$arch, $cfg (build dir $dir, log $log)"
	: >"$log"
	rm -f "$dir/test.log"
	rc=0
	# kunit.py builds first: a probe of /dev/kvm boots the kernel it built
	run_watched "kunit.py build $arch $cfg" "$log" kstatus kunit_py build || rc=$?
	t1=$(date +%s)
	if [ "$rc" = 0 ]; then
		if [ "$qarch" = x86_64 ] || [ "$qarch" = i386 ]; then
			qemu_accel "$dir/$kimg" "" "KTAP version" "kunit_shutdown=poweroff"
		else
			ACCEL=tcg ACCEL_WHY="qemu-system-$qarch: no KVM for another architecture"
		fi
		accel=$ACCEL wrap=$BUILD/qemu-wrap/$ACCEL
		if [ -n "$xarch" ] && [ "$ACCEL" = tcg ]; then
			tcg_thread
			accel=tcg,thread=$TCG_MODE wrap=$BUILD/qemu-wrap/tcg-$TCG_MODE
			info "kunit.py $arch $cfg: -accel $accel, $TCG_WHY"
		fi
		real=$(command -v "qemu-system-$qarch") || die "qemu-system-$qarch missing"
		mkdir -p "$wrap"
		cat >"$wrap/qemu-system-$qarch" <<WRAP
#!/bin/sh
# kunit.py's QEMU with this run's accelerator ($accel) instead of its
# "-accel kvm -accel hvf -accel tcg" (scripts/kunit.sh)
skip=0
for a do
	shift
	if [ \$skip = 1 ]; then skip=0; continue; fi
	if [ "\$a" = -accel ]; then skip=1; continue; fi
	set -- "\$@" "\$a"
done
exec "$real" -accel $accel "\$@"
WRAP
		chmod +x "$wrap/qemu-system-$qarch"
		PATH="$wrap:$PATH" run_watched "kunit.py $arch $cfg" "$log" kstatus kunit_py run "${KUNIT_TIMEOUT:-600}" || rc=$?
	fi
	[ "$rc" = 0 ] && objs_done "$dir"
	grep -E '^\[[0-9:]+\] (\[|=|Testing complete)|ERROR|error:' "$log" | sed 's/^\[[0-9:]*\] //'
	grep -ho 'sizeof(struct swap_cluster_info) [0-9]*.*' "$dir/test.log" 2>/dev/null | head -1 | sed "s/^/$cfg: /"
	line=$(grep 'Testing complete' "$log" | tail -1)
	p=$(echo "$line" | sed -n 's/.*passed: \([0-9]*\).*/\1/p')
	f=$(echo "$line" | sed -n 's/.*failed: \([0-9]*\).*/\1/p')
	c=$(echo "$line" | sed -n 's/.*crashed: \([0-9]*\).*/\1/p')
	s=$(echo "$line" | sed -n 's/.*skipped: \([0-9]*\).*/\1/p')
	f=$(( ${f:-0} + ${c:-0} ))
	if [ -z "$line" ] || [ "${p:-0}" = 0 ]; then
		tail -20 "$log" >&2
		echo "kunit.py $arch $cfg: no test results (see $log)"
		f=$((f + 1))
	elif [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1
	fi
	if [ -z "$xarch" ]; then
		echo "kunit.py $arch $cfg under ${ACCEL:-?}: ${p:-0} passed, $f failed, ${s:-0} skipped"
	else
		# the two-CPU cases mean nothing on one: fewer CPUs up fails the run
		cpus=$(sed -n 's/.*smp: Brought up [0-9]* nodes*, \([0-9]*\) CPUs*.*/\1/p' "$dir/test.log" 2>/dev/null | tail -1)
		# parisc starts the others later, from its processor driver
		# (add_cpu()): "Releasing cpu N now", and "SMP: CPU:N is stuck"
		# for one that did not come up
		if [ "$arch" = parisc ] && [ -n "$cpus" ]; then
			cpus=$((cpus + $(grep -c 'Releasing cpu [0-9]* now' "$dir/test.log") -
				$(grep -c 'SMP: CPU:[0-9]* is stuck' "$dir/test.log")))
		fi
		# and the suite's two-CPU case says how many it saw when it skips
		seen=$(sed -n 's/.*needs [0-9]* online CPUs, has \([0-9]*\).*/\1/p' "$dir/test.log" 2>/dev/null | tail -1)
		[ -n "$seen" ] && [ "$seen" -lt "${cpus:-0}" ] && cpus=$seen
		[ "$rc" = 0 ] && info "kunit.py $arch $cfg console: $(grep -E 'smp: Brought up|Releasing cpu [0-9]|SMP: CPU:[0-9]* is stuck|online CPUs, has' "$dir/test.log" |
			tr -d '\r' | sed 's/^ *//' | paste -sd';' -), $(grep -c 'WARNING:' "$dir/test.log") WARNING lines ($dir/test.log)"
		if [ "$rc" = 0 ] && [ "${cpus:-0}" -lt "$smp" ]; then
			grep -E 'smp:|SMP|CPU[0-9 ]' "$dir/test.log" 2>/dev/null | head -5 >&2
			if [ -n "$cpus" ]; then
				echo "kunit.py $arch $cfg: $cpus CPUs came up, -smp $smp asked for $smp (console: $dir/test.log)"
			else
				echo "kunit.py $arch $cfg: no \"smp: Brought up\" line, the CPUs online are unknown (console: $dir/test.log)"
			fi
			f=$((f + 1))
		fi
		echo "kunit.py $arch $cfg: $pages pages, QEMU ${mdesc:-$machine}, $smp vCPUs (${cpus:-?} up), ${accel:-no run}: ${p:-0} passed, $f failed, ${s:-0} skipped, $(($(date +%s) - t0))s (build $((t1 - t0))s, run $(($(date +%s) - t1))s)"
	fi
	P=$((P + ${p:-0})) F=$((F + f)) S=$((S + ${s:-0}))
done
echo "$P passed, $F failed, $S skipped"
[ "$F" = 0 ]
