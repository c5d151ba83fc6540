#!/bin/sh
# Install the Debian packages a target needs, only when something is missing.
# usage: deps.sh build|run|test|bench|mail|docs|kunit-ARCH
# (kunit-ARCH: the cross compiler and QEMU of make kunit KUNIT_ARCH=ARCH)
# (Not gcc-multilib: Debian's gcc-multilib and the cross compilers that
# bench/memory.sh needs conflict, and the i386 kernel builds need neither.)
. "$(dirname "$0")/lib.sh"
pkgs="build-essential flex bison bc libelf-dev libssl-dev cpio xz-utils ccache \
      qemu-system-x86 busybox-static kmod rsync python3 git libcap-dev libnuma-dev procps"
case "${1:-run}" in
test)  pkgs="$pkgs stress-ng perl python3-ply python3-git git-email libmailtools-perl" ;;
bench) pkgs="$pkgs stress-ng dwarves gnuplot-nox gcc-aarch64-linux-gnu gcc-hppa-linux-gnu gcc-arm-linux-gnueabihf gcc-sparc64-linux-gnu gcc-arc-linux-gnu" ;;
mail)  pkgs="$pkgs git-email libmailtools-perl perl python3-ply python3-git" ;;
docs)  pkgs="$pkgs python3-sphinx python3-sphinx-rtd-theme python3-yaml" ;;
run)   pkgs="$pkgs stress-ng" ;;
kunit-arm64*) pkgs="$pkgs gcc-aarch64-linux-gnu qemu-system-arm" ;;
kunit-parisc) pkgs="$pkgs gcc-hppa-linux-gnu qemu-system-misc" ;;
kunit-sparc)  pkgs="$pkgs gcc-sparc64-linux-gnu qemu-system-sparc" ;;
esac
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
[ "$(id -u)" = 0 ] || die "missing Debian packages:$missing (run as root, or install them)"
info "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
alog=${TMPDIR:-/tmp}/apt.$$.log
apt_status() { echo "last: $(last_line "$alog" 90)"; }
apt_install() { apt-get install -y --no-install-recommends $missing; }
apt_update_install() { apt-get update && apt_install; }
run_watched "apt-get install" "$alog" apt_status apt_install ||
	run_watched "apt-get update + install" "$alog" apt_status apt_update_install ||
	{ tail -20 "$alog" >&2; die "apt-get install failed for:$missing (log: $alog)"; }
