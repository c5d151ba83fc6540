#!/bin/sh
# Install the Debian packages a target needs, only when something is missing.
# usage: deps.sh build|run|test|bench|mail|docs
. "$(dirname "$0")/lib.sh"
pkgs="build-essential flex bison bc libelf-dev libssl-dev cpio xz-utils ccache \
      qemu-system-x86 busybox-static kmod rsync python3 git libcap-dev libnuma-dev"
case "${1:-run}" in
test)  pkgs="$pkgs stress-ng perl python3-ply python3-git git-email libmailtools-perl" ;;
bench) pkgs="$pkgs stress-ng dwarves gnuplot-nox gcc-multilib" ;;
mail)  pkgs="$pkgs git-email libmailtools-perl perl python3-ply python3-git" ;;
docs)  pkgs="$pkgs python3-sphinx python3-sphinx-rtd-theme python3-yaml" ;;
run)   pkgs="$pkgs stress-ng" ;;
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
apt-get install -y --no-install-recommends $missing >"${TMPDIR:-/tmp}/apt.$$.log" 2>&1 ||
	{ apt-get update >/dev/null 2>&1 &&
	  apt-get install -y --no-install-recommends $missing >"${TMPDIR:-/tmp}/apt.$$.log" 2>&1; } ||
	{ tail -20 "${TMPDIR:-/tmp}/apt.$$.log" >&2; die "apt-get install failed for:$missing"; }
