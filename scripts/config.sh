#!/bin/sh
# usage: config.sh VARIANT  -> build/obj/VARIANT/.config
# allnoconfig + configs/default.config (+ configs/VARIANT.config and the
# fragments it includes, see config_frags in lib.sh), merged with
# the kernel's merge_config.sh, then every requested option is checked.
. "$(dirname "$0")/lib.sh"
v=${1:?variant}
CONFIGS=${CONFIGS:-$TOP/configs}
O=${O:-$BUILD/obj/$v}
frags=$(config_frags "$v") || exit 1
frags=$(echo $frags)
if grep -qs '^# CONFIG_SWAP is not set$' $frags; then
	: # the KUnit test depends on SWAP
elif grep -qs '^config SWAP_CLUSTER_KUNIT_TEST$' "$TREE/mm/Kconfig" "$TREE/mm/Kconfig.debug"; then
	frags="$frags $CONFIGS/kunit-swap.config"
else
	info "config $v: $TREE has no SWAP_CLUSTER_KUNIT_TEST (stock tree?), building without it"
fi
[ -x "$TREE/scripts/kconfig/merge_config.sh" ] || die "no kernel tree in $TREE (run make tree)"
mkdir -p "$O"
(cd "$TREE" && ARCH=${ARCH:-x86_64} scripts/kconfig/merge_config.sh -n -O "$O" $frags) \
	>"$O/merge_config.log" 2>&1 || { tail -20 "$O/merge_config.log" >&2; die "merge_config.sh failed for $v"; }
# Every option a fragment asks for must be in the final .config with that
# value; a later fragment overrides an earlier one, as in merge_config.sh.
awk '
	FNR == 1 { frag = FILENAME; sub(".*/", "", frag) }
	/^CONFIG_[A-Za-z0-9_]+=/ { o = $0; sub("=.*", "", o); want[o] = substr($0, length(o) + 2); from[o] = frag; next }
	/^# CONFIG_[A-Za-z0-9_]+ is not set$/ { want[$2] = "n"; from[$2] = frag }
	END { for (o in want) print o, from[o], want[o] }' $frags |
while read -r opt frag val; do
	got=$(sed -n -e "s/^$opt=//p" -e "s/^# $opt is not set$/n/p" "$O/.config")
	[ "$val" = n ] && [ -z "$got" ] && got=n
	[ "$got" = "$val" ] ||
		echo "ERROR: Kconfig option $opt requested by $frag as '$val' is not in the final .config (${got:-absent})"
done >"$O/.missing"
cat "$O/.missing" >&2
[ -s "$O/.missing" ] && die "config $v: $(wc -l <"$O/.missing") requested option(s) missing, see above (unmet dependencies? check $O/merge_config.log)"
info "config $v: $O/.config ($(echo $frags | wc -w) fragment(s), all options present)"
