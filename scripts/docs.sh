#!/bin/sh
# make docs: Documentation/mm with Sphinx, out of tree; kernel-doc -none on
# the files the series touches.
. "$(dirname "$0")/lib.sh"
sh "$TOP/scripts/deps.sh" docs || exit 1
O=$BUILD/obj/docs
mkdir -p "$O"
(cd "$TREE" && perl scripts/kernel-doc -none mm/swap.h mm/swapfile.c mm/tests/swap_cluster_kunit.c) ||
	die "kernel-doc reported problems"
make -C "$TREE" O="$O" SPHINXDIRS=mm htmldocs >"$O/htmldocs.log" 2>&1 ||
	{ tail -30 "$O/htmldocs.log"; die "htmldocs failed, see $O/htmldocs.log"; }
grep -E 'WARNING|ERROR' "$O/htmldocs.log" | grep -i 'swap' && die "Sphinx warnings for the swap documents"
info "built $O/Documentation/output/mm/swap-cluster-lock.html"
