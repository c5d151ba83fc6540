#!/bin/sh
# usage: memory.sh [OUT]   -> OUT/memory.csv, OUT/memory.md (OUT: results/)
# sizeof(struct swap_cluster_info) and its cost per GiB of swap, stock
# (build/stock) vs patched (build/linux), and a W=1 build of the series'
# objects, for:
#   default debug rt   x86_64, configs/ (as make build)
#   i386               configs/default.config + bench/i386.config
#   arm64 arm64-64k    arm64 with 4 KiB / 64 KiB pages (aarch64-linux-gnu-gcc)
#   parisc             32-bit parisc, hashed-lock atomics (hppa-linux-gnu-gcc)
#   arm-lpae           32-bit ARM (v7) with LPAE, whose swap table has no
#                      room for the zero flag: the entry has zero_bitmap
#                      (arm-linux-gnueabihf-gcc)
#   sparc32 arc        32-bit sparc, and ARC HS without LLSC: atomics under
#                      hashed or global spinlocks, like parisc
#                      (sparc64-linux-gnu-gcc, arc-linux-gnu-gcc)
# The "release" column says which unlock the patched build uses: the byte
# store where the architecture uses the queued spinlock, else
# __bit_spin_unlock() (CONFIG_ARCH_USE_QUEUED_SPINLOCKS in its .config).
# The cross variants start from bench/mem-cross.config instead of
# configs/default.config, then add bench/<variant>.config.
#
# Each tree x variant gets a small output dir build/obj/mem-<tree>-<variant>:
# configured by scripts/config.sh, then "make prepare" and, with W=1 and
# KCFLAGS=-g, mm/swapfile.o (both trees) and mm/tests/swap_cluster_kunit.o (the
# series' KUnit test, patched only).  pahole (dwarves) reads the struct.
# A warning of the patched build that the stock build of the same variant
# does not have is the series' and fails the script.  No kernel is built.
#   SWAPFILE_CLUSTER = HPAGE_PMD_NR with CONFIG_THP_SWAP (512 on x86_64
#   and on arm64 with 4 KiB pages, the only two THP_SWAP builds here),
#   else 256;  bytes per GiB = sizeof * 2^30 / (SWAPFILE_CLUSTER * PAGE_SIZE)
# with PAGE_SIZE from CONFIG_PAGE_SHIFT.
# About 25 minutes the first time on 2 cores (14 dirs), seconds afterwards.
# env: MEM_VARIANTS (default "default debug rt i386 arm64 arm64-64k parisc
#      arm-lpae sparc32 arc"),
#      BENCH_STOCK_TREE, BENCH_TREE (the two trees).
. "$(dirname "$0")/../scripts/lib.sh"
out=${1:-$TOP/results}
PATCHED_TREE=${BENCH_TREE:-$BUILD/linux}
STOCK_TREE=${BENCH_STOCK_TREE:-$BUILD/stock}
[ -n "${BENCH_STOCK_TREE:-}" ] || stock_worktree "$PATCHED_TREE" "$STOCK_TREE" || exit 1
VARIANTS=${MEM_VARIANTS:-default debug rt i386 arm64 arm64-64k parisc arm-lpae sparc32 arc}
mkdir -p "$out" || exit 1
for t in pahole aarch64-linux-gnu-gcc hppa-linux-gnu-gcc arm-linux-gnueabihf-gcc \
	sparc64-linux-gnu-gcc arc-linux-gnu-gcc; do
	command -v $t >/dev/null || { sh "$TOP/scripts/deps.sh" bench || exit 1; break; }
done

csv=$out/memory.csv
echo "kernel,variant,arch,sizeof,swapfile_cluster,page_size,clusters_per_gib,bytes_per_gib,thp_swap,preempt_rt,lockdep,debug_spinlock,queued_spinlocks,w1_warnings,series_w1_warnings" >"$csv"
tmpd=$(mktemp -d) || exit 1
trap 'rm -rf "$tmpd"' EXIT
layouts=$tmpd/layouts
# x86 variants: configs/ (scripts/config.sh adds kunit-swap.config to the
# patched tree's) plus the i386 fragment; cross variants: their own base
mkdir -p "$tmpd/x86" "$tmpd/cross" &&
	cp "$TOP"/configs/*.config "$TOP/bench/i386.config" "$tmpd/x86/" &&
	cp "$TOP/configs/kunit-swap.config" "$TOP"/bench/arm64*.config "$TOP/bench/parisc.config" \
		"$TOP/bench/arm-lpae.config" "$TOP/bench/sparc32.config" "$TOP/bench/arc.config" "$tmpd/cross/" &&
	cp "$TOP/bench/mem-cross.config" "$tmpd/cross/default.config" || exit 1
fails=0

for variant in $VARIANTS; do
	case $variant in
	default|debug|rt) arch=x86_64 cross= cfg=$tmpd/x86 cv=$variant ;;
	i386)      arch=i386 cross= cfg=$tmpd/x86 cv=i386 ;;
	arm64*)    arch=arm64 cross=aarch64-linux-gnu- cfg=$tmpd/cross cv=$variant ;;
	parisc)    arch=parisc cross=hppa-linux-gnu- cfg=$tmpd/cross cv=parisc ;;
	arm-lpae)  arch=arm cross=arm-linux-gnueabihf- cfg=$tmpd/cross cv=arm-lpae ;;
	sparc32)   arch=sparc cross=sparc64-linux-gnu- cfg=$tmpd/cross cv=sparc32 ;;
	arc)       arch=arc cross=arc-linux-gnu- cfg=$tmpd/cross cv=arc ;;
	*) die "unknown variant $variant (MEM_VARIANTS)" ;;
	esac
	for kern in stock patched; do
		tree=$STOCK_TREE
		[ $kern = patched ] && tree=$PATCHED_TREE
		O=$BUILD/obj/mem-$kern-$variant
		info "memory: $kern $variant ($arch) in $O"
		CONFIGS=$cfg ARCH=$arch TREE=$tree O=$O sh "$TOP/scripts/config.sh" "$cv" ||
			die "config failed: $kern $variant"
		mk() { make -C "$tree" O="$O" ARCH=$arch CROSS_COMPILE=$cross "$@"; }
		mstatus() { echo "last: $(last_line "$O/mem.log" 80)"; }
		run_watched "make prepare ($kern $variant)" "$O/mem.log" mstatus mk -j"$NPROC" prepare ||
			{ first_error "$O/mem.log" >&2; die "make prepare failed: $kern $variant (see $O/mem.log)"; }
		objs=mm/swapfile.o
		[ $kern = patched ] && objs="$objs mm/tests/swap_cluster_kunit.o"
		# W=1 rebuilds what it is asked for: remove the objects first
		for o in $objs; do rm -f "$O/$o"; done
		run_watched "W=1 build ($kern $variant)" "$O/w1.log" mstatus mk W=1 KCFLAGS=-g $objs ||
			{ first_error "$O/w1.log" >&2; die "W=1 build failed: $kern $variant (see $O/w1.log)"; }
		# the warnings, without the tree's path, one per line
		grep 'warning:' "$O/w1.log" | sed "s|$tree/||g; s|^\.\./||" | sort -u >"$O/w1.warnings"
		nw=$(grep -c . "$O/w1.warnings")
		lay=$(pahole -C swap_cluster_info "$O/mm/swapfile.o" 2>&1)
		size=$(echo "$lay" | sed -n 's/.*\/\* size: \([0-9]*\),.*/\1/p' | head -1)
		if [ -z "$size" ] && [ -n "$cross" ]; then
			# pahole 1.24 reads no ARC object: the size from the cross readelf
			size=$("${cross}readelf" --debug-dump=info "$O/mm/swapfile.o" | awk '
				/DW_AT_name.*: swap_cluster_info$/ { f = 1; next }
				f && /DW_AT_byte_size/ { print $NF; exit }')
			lay="pahole: $lay; DW_AT_byte_size $size from ${cross}readelf"
		fi
		[ -n "$size" ] || die "no size of struct swap_cluster_info for $kern $variant: $lay"
		on() { grep -q "^$1=y" "$O/.config" && echo y || echo n; }
		thp=$(on CONFIG_THP_SWAP)
		pshift=$(sed -n 's/^CONFIG_PAGE_SHIFT=//p' "$O/.config")
		[ -n "$pshift" ] || die "no CONFIG_PAGE_SHIFT in $O/.config"
		page=$((1 << pshift))
		if [ "$thp" = y ]; then
			case $arch:$pshift in
			x86_64:12|arm64:12) cl=512 ;;
			*) die "THP_SWAP on $arch with PAGE_SHIFT $pshift: HPAGE_PMD_NR unknown here" ;;
			esac
		else
			cl=256
		fi
		cpg=$((1073741824 / (cl * page)))
		echo "$kern,$variant,$arch,$size,$cl,$page,$cpg,$((size * cpg)),$thp,$(on CONFIG_PREEMPT_RT),$(on CONFIG_LOCKDEP),$(on CONFIG_DEBUG_SPINLOCK),$(on CONFIG_ARCH_USE_QUEUED_SPINLOCKS),$nw," >>"$csv"
		{ echo "### $kern, $variant ($arch)"; echo; echo '```'; echo "$lay"; echo '```'; echo; } >>"$layouts"
	done
	# the series' warnings: the patched build's that the stock one has not
	sw=$(comm -13 "$BUILD/obj/mem-stock-$variant/w1.warnings" "$BUILD/obj/mem-patched-$variant/w1.warnings")
	# on the patched row (the last one written): the count of those
	sed -i "\$ s/\$/$(echo "$sw" | grep -c .)/" "$csv"
	if [ -n "$sw" ]; then
		echo "$sw" | sed 's/^/  | /' >&2
		info "memory: $variant: $(echo "$sw" | grep -c .) W=1 warning(s) from the series (above)"
		fails=$((fails + 1))
	else
		info "memory: $variant: W=1 mm/swapfile.o + mm/tests/swap_cluster_kunit.o, no warning from the series ($(grep -c . "$BUILD/obj/mem-stock-$variant/w1.warnings") in stock's mm/swapfile.o)"
	fi
done

{
	echo "# struct swap_cluster_info: memory, stock vs patched"
	echo
	echo "From pahole on mm/swapfile.o built with W=1 and -g in build/obj/mem-<kernel>-<variant>"
	echo "(bench/memory.sh, $(date -u '+%F'), on $(uname -m), gcc $(gcc -dumpversion); pahole $(pahole --version))."
	echo "One swap_cluster_info per cluster of SWAPFILE_CLUSTER pages: bytes per GiB"
	echo "of swap = sizeof x 2^30 / (SWAPFILE_CLUSTER x PAGE_SIZE).  These are sizes"
	echo "from the compiler; no kernel of these architectures was booted."
	echo
	echo "| variant | arch | page | SWAPFILE_CLUSTER | clusters/GiB | stock sizeof | patched sizeof | stock bytes/GiB | patched bytes/GiB | saved/GiB | patched release | W=1 warnings from the series |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
	awk -F, 'NR > 1 { k = $2 SUBSEP $3; if (!(k in seen)) { seen[k] = 1; o[++n] = k }
		size[k, $1] = $4; per[k, $1] = $8; cl[k] = $5; cpg[k] = $7; pg[k] = $6
		if ($1 == "patched") { sw[k] = $15; rel[k] = $10 == "y" ? "spinlock_t (RT)" : $13 == "y" ? "byte store" : "__bit_spin_unlock()" } }
	END { for (i = 1; i <= n; i++) { split(o[i], f, SUBSEP); k = o[i]
		printf "| %s | %s | %d KiB | %d | %d | %d | %d | %d | %d | %d (%.0f%%) | %s | %s |\n", f[1], f[2], pg[k] / 1024, cl[k], cpg[k], \
			size[k, "stock"], size[k, "patched"], per[k, "stock"], per[k, "patched"], \
			per[k, "stock"] - per[k, "patched"], \
			per[k, "stock"] ? 100 * (per[k, "stock"] - per[k, "patched"]) / per[k, "stock"] : 0, \
			rel[k], sw[k] == 0 ? "none" : sw[k] } }' "$csv"
	echo
	echo "## Layouts (pahole)"
	echo
	cat "$layouts"
} >"$out/memory.md"
info "wrote $csv and $out/memory.md"
[ "$fails" = 0 ] || die "$fails variant(s) with W=1 warnings from the series"
