#!/bin/sh
# usage: build.sh VARIANT  -> build/obj/VARIANT/arch/x86/boot/bzImage
. "$(dirname "$0")/lib.sh"
v=${1:?variant}
O=${O:-$BUILD/obj/$v}
sh "$TOP/scripts/config.sh" "$v" || exit 1
export CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache} CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G} CCACHE_BASEDIR="$TREE"
info "building $v kernel in $O (log: $O/build.log)"
if ! make -C "$TREE" O="$O" ARCH=x86_64 CC="ccache gcc" -j"$NPROC" ${BUILD_FLAGS:-} bzImage \
	>"$O/build.log" 2>&1; then
	grep -E "error|Error" "$O/build.log" | head -30 >&2
	die "kernel build ($v) failed, see $O/build.log"
fi
grep -E "warning:" "$O/build.log" | sort -u >"$O/warnings.log" || true
info "built $O/arch/x86/boot/bzImage ($(grep -c . "$O/warnings.log") warning lines)"
