#!/bin/sh
# usage: build.sh VARIANT  -> build/obj/VARIANT/arch/x86/boot/bzImage
# Prints a progress line every 30 s on a terminal, every minute otherwise
# (objects built against the last complete build, the last one written).
. "$(dirname "$0")/lib.sh"
v=${1:?variant}
O=${O:-$BUILD/obj/$v}
sh "$TOP/scripts/config.sh" "$v" || exit 1
export CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache} CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G} CCACHE_BASEDIR="$TREE"
# objects of a cold build of each variant on this project's configs (7.1.5),
# for the progress line of a first build; later builds count their own
case $v in
debug|lockstat) OBJS_EXPECTED=825 ;;
*) OBJS_EXPECTED=785 ;;
esac
info "building $v kernel in $O (log: $O/build.log)"
objs_start "$O"
t0=$(date +%s)
kstatus() { objs_status "$O"; }
if ! run_watched "build $v" "$O/build.log" kstatus \
	make -C "$TREE" O="$O" ARCH=x86_64 CC="ccache gcc" -j"$NPROC" ${BUILD_FLAGS:-} bzImage; then
	echo "first error:" >&2
	first_error "$O/build.log" | sed 's/^/  | /' >&2
	die "kernel build ($v) failed after $(fmt_secs $(($(date +%s) - t0))), whole log: $O/build.log"
fi
objs_done "$O"
grep -E "warning:" "$O/build.log" | sort -u >"$O/warnings.log" || true
info "built $O/arch/x86/boot/bzImage in $(fmt_secs $(($(date +%s) - t0))) ($(grep -c . "$O/warnings.log") warning lines)"
