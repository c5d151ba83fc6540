#!/bin/sh
# usage: kunit-xarch.sh  -- scripts/kunit.sh for every cross-architecture
# name in turn (KUNIT_XARCH="arm64 arm64-64k i386 parisc sparc" by default),
# one after the other (one kernel build at a time); then each one's summary
# line and "N passed, N failed, N skipped" over all of them.  Exits non-zero
# when one failed.
. "$(dirname "$0")/lib.sh"
P=0 F=0 S=0 sums=''
for a in ${KUNIT_XARCH:-arm64 arm64-64k i386 parisc sparc}; do
	out=$BUILD/obj/kunit-xarch-$a.out
	mkdir -p "$BUILD/obj"
	info "make kunit KUNIT_ARCH=$a"
	sh "$TOP/scripts/kunit.sh" "$a" | tee "$out"
	last=$(tail -1 "$out")
	p=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, .*/\1/p')
	f=$(echo "$last" | sed -n 's/.* \([0-9]*\) failed, .*/\1/p')
	s=$(echo "$last" | sed -n 's/.* \([0-9]*\) skipped$/\1/p')
	[ -n "$p" ] || { f=1; echo "kunit.py $a: no summary line (see the messages above)" >>"$out"; }
	sums="$sums$(grep -E "^kunit.py $a( [a-z]+)?: " "$out")
"
	P=$((P + ${p:-0})) F=$((F + ${f:-0})) S=$((S + ${s:-0}))
done
printf '%s' "$sums"
echo "$P passed, $F failed, $S skipped"
[ "$F" = 0 ]
