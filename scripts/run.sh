#!/bin/sh
# make run: base tree + git am patches/, build the default kernel, boot it
# under QEMU with swap on zram and a rotational brd disk, run the built-in
# KUnit suites, the swap kselftest and stress-ng, and print the results.
. "$(dirname "$0")/lib.sh"
v=${VARIANT:-default}
sh "$TOP/scripts/deps.sh" run || exit 1
sh "$TOP/scripts/tree.sh" || exit 1
sh "$TOP/scripts/build.sh" "$v" || exit 1
sh "$TOP/scripts/initramfs.sh" "$v" || exit 1
sh "$TOP/scripts/qemu.sh" "$v"
