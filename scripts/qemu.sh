#!/bin/sh
# usage: qemu.sh VARIANT [LOG]
# Boots build/obj/VARIANT/arch/x86/boot/bzImage with
# build/obj/VARIANT/initramfs.cpio.gz (scripts/initramfs.sh) under QEMU, with
# KVM where a probe guest shows that /dev/kvm runs one, else TCG (ACCEL=kvm|tcg
# overrides; see qemu_accel in lib.sh),
# the serial console going to LOG (default build/obj/VARIANT/console.log),
# then judges LOG with scripts/verdict.sh and exits with its status
# (0 pass, 1 fail; 1 as well when the boot cannot be started).
# env: GUEST_MEM (MiB, default 1024), GUEST_SMP (default: nproc),
#      GUEST_TIMEOUT (seconds, default 1200), GUEST_CMDLINE (appended to the
#      kernel command line, e.g. "guest.tests=stress"; see guest/init),
#      GUEST_CONSOLE=1 (also copy the console to stdout), QEMU_EXTRA,
#      O (default build/obj/VARIANT).
. "$(dirname "$0")/lib.sh"
v=${1:?usage: qemu.sh VARIANT [LOG]}
O=${O:-$BUILD/obj/$v}
log=${2:-$O/console.log}
kernel=$O/arch/x86/boot/bzImage
initrd=$O/initramfs.cpio.gz
[ -f "$kernel" ] || die "no $kernel: build the $v kernel first"
[ -f "$initrd" ] || die "no $initrd: run scripts/initramfs.sh $v first"
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 missing (scripts/deps.sh run)"
mkdir -p "$(dirname "$log")"

smp=${GUEST_SMP:-$(nproc)}
mem=${GUEST_MEM:-1024}
tmo=${GUEST_TIMEOUT:-1200}
# One CPU per socket: the kernel has no ACPI and finds the CPUs in SeaBIOS's
# MP table, which lists only the first CPU of each package.
# reboot=t panic=-1 + -no-reboot: the guest's final reboot -f and a panic
# both end QEMU.  loglevel=7: KUnit prints its KTAP at KERN_INFO, which
# loglevel=6 would keep off the console.
append="console=ttyS0 reboot=t panic=-1 loglevel=7 ${GUEST_CMDLINE:-}"

qemu_accel "$kernel" "$initrd" "GUEST-PROBE: reached /init" guest.probe=1
qcpu=max
[ "$ACCEL" = kvm ] && qcpu=host
info "booting $v under QEMU $ACCEL (${smp} cpus, ${mem} MiB, timeout ${tmo}s), console: $log"
start=$(date +%s)
rcfile=$log.rc done=$log.done
rm -f "$rcfile" "$done"
# The console goes to LOG (line-buffered: tr alone would pass it on in 4 KiB
# blocks) and, as it arrives, through summary.sh's live
# mode, which prints each test group as it ends; every progress_every
# seconds a line tells the time and the console's last line.
boot() {
	{
		timeout -k 10 "$tmo" qemu-system-x86_64 -machine q35,accel="$ACCEL" -cpu "$qcpu" \
			-smp "$smp,sockets=$smp,cores=1,threads=1" -m "$mem" \
			-nographic -no-reboot -nic none \
			-kernel "$kernel" -initrd "$initrd" -append "$append" \
			${QEMU_EXTRA:-} </dev/null 2>&1
		echo $? >"$rcfile"
	} | stdbuf -oL tr -d '\r' | tee "$log" |
	if [ "${GUEST_CONSOLE:-0}" = 1 ]; then cat; else sh "$TOP/scripts/summary.sh" -; fi
	: >"$done"
}
boot &
bootpid=$!
trap 'pkill -TERM -P $bootpid; exit 130' INT TERM
gstatus() { echo "of at most $(fmt_secs "$tmo"), console: $(last_line "$log" 100)"; }
heartbeat "$done" "guest $v" gstatus
wait "$bootpid"
trap - INT TERM
rm -f "$done"
rc=$(cat "$rcfile" 2>/dev/null || echo 1)
rm -f "$rcfile"
secs=$(($(date +%s) - start))
case $rc in
0)       msg="qemu ($ACCEL) exited normally after ${secs}s" ;;
124|137)
	last=$(grep -E '^(\[ *[0-9.]+\] )?( *#? *)*(not )?ok [0-9]+ ' "$log" | tail -1)
	msg="qemu ($ACCEL) killed by the timeout of ${tmo}s (GUEST_TIMEOUT): the guest hung or is too slow; last result line seen: ${last:-none}; console log: $log" ;;
*)       msg="qemu ($ACCEL) exited with status $rc after ${secs}s" ;;
esac
# on the log too, so that the verdict's tail of a hang shows it
echo "HOST: $msg" >>"$log"
info "$msg"
sh "$TOP/scripts/verdict.sh" "$log"
vrc=$?
info "guest $v ran under $ACCEL ($ACCEL_WHY)"
exit "$vrc"
