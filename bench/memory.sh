#!/bin/sh
# usage: memory.sh [OUT]   -> OUT/memory.csv, OUT/memory.md (OUT: results/)
# sizeof(struct swap_cluster_info) and its cost per GiB of swap, stock
# (build/stock) vs patched (build/linux), for x86_64 default, debug and rt
# (configs/) and i386 (configs/default.config + bench/i386.config).
#
# Each tree x variant gets a small output dir build/obj/mem-<tree>-<variant>:
# configured by scripts/config.sh, then only "make prepare" and
# mm/swapfile.o with KCFLAGS=-g, read by pahole (dwarves).  No kernel is
# built.  The cluster size is SWAPFILE_CLUSTER = HPAGE_PMD_NR (512 on
# x86_64) with CONFIG_THP_SWAP, else 256, so
#   bytes per GiB = sizeof * 2^30 / (SWAPFILE_CLUSTER * PAGE_SIZE).
# About 12 minutes the first time on 2 cores (8 dirs), seconds afterwards.
# env: MEM_VARIANTS (default "default debug rt i386"), BENCH_STOCK_TREE,
#      BENCH_TREE (the two trees).
. "$(dirname "$0")/../scripts/lib.sh"
out=${1:-$TOP/results}
STOCK_TREE=${BENCH_STOCK_TREE:-$BUILD/stock}
PATCHED_TREE=${BENCH_TREE:-$BUILD/linux}
VARIANTS=${MEM_VARIANTS:-default debug rt i386}
mkdir -p "$out" || exit 1
command -v pahole >/dev/null || sh "$TOP/scripts/deps.sh" bench || exit 1

csv=$out/memory.csv
echo "kernel,variant,arch,sizeof,swapfile_cluster,page_size,clusters_per_gib,bytes_per_gib,thp_swap,preempt_rt,lockdep,debug_spinlock" >"$csv"
layouts=$(mktemp) || exit 1
trap 'rm -f "$layouts"; rm -rf "$cfgdir"' EXIT
cfgdir=$(mktemp -d) || exit 1
# configs/ (scripts/config.sh also merges kunit-swap.config into the
# patched tree's configs) plus the i386 fragment
cp "$TOP"/configs/*.config "$cfgdir/" &&
	cp "$TOP/bench/i386.config" "$cfgdir/i386.config" || exit 1

for variant in $VARIANTS; do
	for kern in stock patched; do
		tree=$STOCK_TREE
		[ $kern = patched ] && tree=$PATCHED_TREE
		O=$BUILD/obj/mem-$kern-$variant
		arch=x86_64
		[ "$variant" = i386 ] && arch=i386
		info "memory: $kern $variant ($arch) in $O"
		CONFIGS=$cfgdir ARCH=$arch TREE=$tree O=$O sh "$TOP/scripts/config.sh" "$variant" ||
			die "config failed: $kern $variant"
		make -C "$tree" O="$O" ARCH=$arch -j"$NPROC" prepare >"$O/prepare.log" 2>&1 ||
			{ tail -20 "$O/prepare.log" >&2; die "make prepare failed: $kern $variant (see $O/prepare.log)"; }
		make -C "$tree" O="$O" ARCH=$arch KCFLAGS=-g mm/swapfile.o >"$O/swapfile.log" 2>&1 ||
			{ tail -20 "$O/swapfile.log" >&2; die "mm/swapfile.o failed: $kern $variant (see $O/swapfile.log)"; }
		lay=$(pahole -C swap_cluster_info "$O/mm/swapfile.o") ||
			die "pahole found no struct swap_cluster_info in $O/mm/swapfile.o"
		size=$(echo "$lay" | sed -n 's/.*\/\* size: \([0-9]*\),.*/\1/p' | head -1)
		[ -n "$size" ] || die "no size in the pahole output for $kern $variant"
		on() { grep -q "^$1=y" "$O/.config" && echo y || echo n; }
		thp=$(on CONFIG_THP_SWAP)
		# SWAPFILE_CLUSTER: HPAGE_PMD_NR with THP_SWAP (PMD_SHIFT -
		# PAGE_SHIFT: 9 on x86_64, and i386 has no THP_SWAP), else 256
		if [ "$thp" = y ]; then
			[ "$arch" = x86_64 ] || die "THP_SWAP on $arch: SWAPFILE_CLUSTER unknown here"
			cl=512
		else
			cl=256
		fi
		echo "$kern,$variant,$arch,$size,$cl,4096,$((1073741824 / (cl * 4096))),$((size * 1073741824 / (cl * 4096))),$thp,$(on CONFIG_PREEMPT_RT),$(on CONFIG_LOCKDEP),$(on CONFIG_DEBUG_SPINLOCK)" >>"$csv"
		{ echo "### $kern, $variant ($arch)"; echo; echo '```'; echo "$lay"; echo '```'; echo; } >>"$layouts"
	done
done

{
	echo "# struct swap_cluster_info: memory, stock vs patched"
	echo
	echo "From pahole on mm/swapfile.o built with -g in build/obj/mem-<kernel>-<variant>"
	echo "(bench/memory.sh, $(date -u '+%F'); pahole $(pahole --version))."
	echo "One swap_cluster_info per cluster of SWAPFILE_CLUSTER pages: bytes per GiB"
	echo "of swap = sizeof x 2^30 / (SWAPFILE_CLUSTER x 4096)."
	echo
	echo "| variant | arch | SWAPFILE_CLUSTER | clusters/GiB | stock sizeof | patched sizeof | stock bytes/GiB | patched bytes/GiB | saved/GiB |"
	echo "|---|---|---|---|---|---|---|---|---|"
	awk -F, 'NR > 1 { k = $2 SUBSEP $3; if (!(k in seen)) { seen[k] = 1; o[++n] = k }
		size[k, $1] = $4; per[k, $1] = $8; cl[k] = $5; cpg[k] = $7 }
	END { for (i = 1; i <= n; i++) { split(o[i], f, SUBSEP); k = o[i]
		printf "| %s | %s | %d | %d | %d | %d | %d | %d | %d (%.0f%%) |\n", f[1], f[2], cl[k], cpg[k], \
			size[k, "stock"], size[k, "patched"], per[k, "stock"], per[k, "patched"], \
			per[k, "stock"] - per[k, "patched"], \
			per[k, "stock"] ? 100 * (per[k, "stock"] - per[k, "patched"]) / per[k, "stock"] : 0 } }' "$csv"
	echo
	echo "## Layouts (pahole)"
	echo
	cat "$layouts"
} >"$out/memory.md"
info "wrote $csv and $out/memory.md"
