#!/bin/sh
# usage: kunit.sh ARCH  -- the swap_cluster KUnit suite under
# tools/testing/kunit/kunit.py (QEMU), with mm/tests/swap_cluster.kunitconfig, twice:
# "lockdep" as the file is (PROVE_LOCKING, DEBUG_VM), and "production"
# without lock debugging and DEBUG_VM, which have the production entry size
# and interleave width (KUNIT_CONFIGS=lockdep or production: only one).
# Prints kunit.py's results, then "N passed, N failed[, N skipped]".
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
case $arch in
x86_64|i386) qarch=x86_64 kimg=arch/x86/boot/bzImage ;;
*) qarch=$arch ;;
esac
# (1209 objects in a cold build of the lockdep kunitconfig on x86_64, 7.1.5)
OBJS_EXPECTED=${KUNIT_OBJS_EXPECTED:-1209}
P=0 F=0 S=0
for cfg in ${KUNIT_CONFIGS:-lockdep production}; do
	dir=$BUILD/obj/kunit-$arch-$cfg
	log=$BUILD/obj/kunit-$arch-$cfg.log
	extra=
	[ "$cfg" = production ] &&
		extra="--kconfig_add CONFIG_PROVE_LOCKING=n --kconfig_add CONFIG_DEBUG_LOCK_ALLOC=n --kconfig_add CONFIG_DEBUG_SPINLOCK=n --kconfig_add CONFIG_DEBUG_VM=n"
	kunit_py() {
		cd "$TREE" && ./tools/testing/kunit/kunit.py "$1" --kunitconfig=mm/tests/swap_cluster.kunitconfig $extra \
			--arch="$arch" --build_dir="$dir" --make_options "CC=ccache gcc" \
			--jobs "$NPROC" ${2:+--timeout "$2" --qemu_args "-smp 2"}
	}
	mkdir -p "$dir"
	objs_start "$dir"
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
	if [ "$rc" = 0 ]; then
		if [ "$qarch" = x86_64 ]; then
			qemu_accel "$dir/$kimg" "" "KTAP version" "kunit_shutdown=poweroff"
		else
			ACCEL=tcg ACCEL_WHY="qemu-system-$qarch: no KVM for another architecture"
		fi
		wrap=$BUILD/qemu-wrap/$ACCEL
		real=$(command -v "qemu-system-$qarch") || die "qemu-system-$qarch missing"
		mkdir -p "$wrap"
		cat >"$wrap/qemu-system-$qarch" <<WRAP
#!/bin/sh
# kunit.py's QEMU with this run's accelerator ($ACCEL) instead of its
# "-accel kvm -accel hvf -accel tcg" (scripts/kunit.sh)
skip=0
for a do
	shift
	if [ \$skip = 1 ]; then skip=0; continue; fi
	if [ "\$a" = -accel ]; then skip=1; continue; fi
	set -- "\$@" "\$a"
done
exec "$real" -accel $ACCEL "\$@"
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
	echo "kunit.py $arch $cfg under ${ACCEL:-?}: ${p:-0} passed, $f failed, ${s:-0} skipped"
	P=$((P + ${p:-0})) F=$((F + f)) S=$((S + ${s:-0}))
done
echo "$P passed, $F failed, $S skipped"
[ "$F" = 0 ]
