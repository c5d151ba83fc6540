#!/bin/sh
# usage: initramfs.sh VARIANT [EXTRA_DIR]  -> build/obj/VARIANT/initramfs.cpio.gz
#
# The guest root: busybox (static) + applet links, /init from guest/init,
# stress-ng, util-linux swapon (busybox's has no -p), coreutils timeout
# (kselftest's runner needs --foreground) and bash (selftests/mm's
# run_vmtests.sh), each with its shared libraries and the dynamic loader;
# the kselftest install tree as /kselftest; the
# contents of EXTRA_DIR, if given, at /.  It is staged in
# build/obj/VARIANT/initramfs.root, listed with find and packed with the
# kernel's own usr/gen_init_cpio.
#
# env: O (default build/obj/VARIANT), KSELFTEST (the kselftest install tree,
# default $O/kselftest), KSELFTEST_TARGETS (default mm): when $O/kselftest
# is missing or older than tools/testing/selftests/<target> in the kernel
# source of $O ($O/source, else $TREE), it is built and installed there
# first (not when KSELFTEST is given, nor with KSELFTEST_BUILD=0).
. "$(dirname "$0")/lib.sh"
v=${1:?usage: initramfs.sh VARIANT [EXTRA_DIR]}
extra=${2:-}
O=${O:-$BUILD/obj/$v}
KSELFTEST_TARGETS=${KSELFTEST_TARGETS:-mm}
root=$O/initramfs.root
out=$O/initramfs.cpio.gz

[ -d "$O" ] || die "no $O: build the $v kernel first"
# the kernel source this output directory was configured from (kbuild's
# "source" link), else $TREE
src=$TREE
[ -e "$O/source" ] && src=$(cd "$O/source" && pwd -P)
[ -z "$extra" ] || [ -d "$extra" ] || die "EXTRA_DIR $extra is not a directory"
for f in /bin/busybox /usr/bin/stress-ng /sbin/swapon /usr/bin/timeout /bin/bash; do
	[ -x $f ] || die "$f missing (packages busybox-static, stress-ng, mount, coreutils, bash)"
done
ldd /bin/busybox 2>&1 | grep -q "not a dynamic" ||
	die "/bin/busybox is not static (install busybox-static)"

# --- gen_init_cpio -------------------------------------------------------
gen=$O/usr/gen_init_cpio
if [ ! -x "$gen" ]; then
	info "building usr/gen_init_cpio in $O"
	make -C "$src" O="$O" ARCH=x86_64 usr/gen_init_cpio >"$O/gen_init_cpio.log" 2>&1 ||
		{ tail -20 "$O/gen_init_cpio.log" >&2; die "cannot build usr/gen_init_cpio"; }
fi

# --- kselftest install tree ---------------------------------------------------
if [ -n "${KSELFTEST:-}" ]; then
	[ -d "$KSELFTEST" ] || die "KSELFTEST=$KSELFTEST is not a directory"
	ksft=$KSELFTEST
else
	ksft=$O/kselftest
	stale=
	for t in $KSELFTEST_TARGETS; do
		tdir=$src/tools/testing/selftests/$t
		[ -d "$tdir" ] && [ "${KSELFTEST_BUILD:-1}" != 0 ] || continue
		if [ ! -f "$ksft/kselftest-list.txt" ] ||
		   [ -n "$(find "$tdir" -newer "$ksft/kselftest-list.txt" | head -1)" ]; then
			stale=1
		fi
	done
	if [ -n "$stale" ]; then
		info "building kselftest TARGETS=\"$KSELFTEST_TARGETS\" into $ksft"
		rm -rf "$ksft"
		# uapi headers in $O/usr/include; selftest objects in a separate
		# O so they do not land in the install tree.
		ksft_build() {
			make -C "$src" O="$O" ARCH=x86_64 headers &&
			make -C "$src/tools/testing/selftests" O="$O/kselftest-build" \
				KHDR_INCLUDES="-isystem $O/usr/include" \
				TARGETS="$KSELFTEST_TARGETS" INSTALL_PATH="$ksft" install
		}
		# progress: the programs built so far, and the last one ("  CC  prog",
		# or a full gcc command line for the _32/_64 ones)
		ksft_status() {
			echo "$(find "$O/kselftest-build" -type f -perm -u+x 2>/dev/null | wc -l) programs, last: $(sed -n 's/^  CC  *//p; s/.* -o \([^ ]*\).*/\1/p' "$O/kselftest.log" | tail -1 | sed "s|^$O/||")"
		}
		t0=$(date +%s)
		if ! run_watched "kselftest build" "$O/kselftest.log" ksft_status ksft_build; then
			echo "first error:" >&2
			first_error "$O/kselftest.log" | sed 's/^/  | /' >&2
			rm -rf "$ksft"
			die "kselftest build failed, whole log: $O/kselftest.log"
		fi
		info "built kselftest in $(fmt_secs $(($(date +%s) - t0)))"
	fi
fi

# --- stage the root ----------------------------------------------------------
rm -rf "$root"
mkdir -p "$root" && cd "$root" || die "cannot create $root"
mkdir -p bin sbin usr/bin usr/sbin lib lib64 dev proc sys tmp root etc mnt

# copy FILE to its own path under the root, with its shared libraries
add_elf_deps() {
	# ldd prints "name => /path (addr)" or "/lib64/ld-linux... (addr)"
	ldd "$1" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' |
	while read -r lib; do
		[ -f "$root$lib" ] && continue
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib" || exit 1
	done
}
add_bin() {	# add_bin HOSTPATH GUESTPATH
	mkdir -p "$root$(dirname "$2")"
	cp -L "$1" "$root$2" && add_elf_deps "$1" || die "cannot add $1"
}

cp /bin/busybox bin/busybox
add_bin /usr/bin/stress-ng /usr/bin/stress-ng
add_bin /sbin/swapon /sbin/swapon
add_bin /usr/bin/timeout /usr/bin/timeout
add_bin /bin/bash /bin/bash
# applet links, except where a real program was added above
/bin/busybox --list-full | grep -v -x -e linuxrc -e bin/busybox |
while read -r a; do
	[ -e "$a" ] || [ -L "$a" ] || ln -s /bin/busybox "$a"
done
cp "$TOP/guest/init" init && chmod 755 init
echo "root:x:0:0:root:/root:/bin/sh" >etc/passwd
echo "root:x:0:" >etc/group

if [ -d "$ksft" ]; then
	cp -a "$ksft" kselftest
	info "including $ksft as /kselftest"
else
	info "no kselftest tree ($ksft): the guest will report it missing"
fi
[ -n "$extra" ] && cp -a "$extra/." .

# shared libraries of every ELF executable or library in the root (a
# redirect, not a pipe: die must end this shell)
find . -type f >"$O/initramfs.files"
while read -r f; do
	case $(head -c 4 "$f" | od -An -c | tr -d ' ') in
	177ELF) add_elf_deps "$f" || die "cannot add the libraries of $f" ;;
	esac
done <"$O/initramfs.files"
rm -f "$O/initramfs.files"

# --- list and pack --------------------------------------------------------
# gen_init_cpio list: dirs, then files (mode from the staged file), symlinks;
# /dev/console must exist before devtmpfs is mounted (the kernel opens it
# for init's stdin/stdout/stderr).
list=$O/initramfs.list
{
	echo "nod /dev/console 0600 0 0 c 5 1"
	find . -mindepth 1 -type d | sed 's|^\.||' | sort | while read -r d; do
		echo "dir $d 0755 0 0"
	done
	find . -type f | sed 's|^\.||' | sort | while read -r f; do
		echo "file $f $root$f $(stat -c %a "$root$f") 0 0"
	done
	find . -type l | sed 's|^\.||' | sort | while read -r l; do
		echo "slink $l $(readlink "$root$l") 0777 0 0"
	done
} >"$list"
cd "$TOP" || exit 1
"$gen" "$list" | gzip -9 >"$out.tmp" && mv "$out.tmp" "$out" || die "gen_init_cpio failed"
info "built $out ($(du -k "$out" | cut -f1) KiB, $(grep -c '^file' "$list") files)"
